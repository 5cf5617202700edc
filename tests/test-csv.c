/* test-csv.c: CSV import (comma, semicolon, BOM, quoting, bad rows) and
 * export of customers, products, orders, materials, purchases, the IPAL
 * daily log and its lab tests, against fixtures in tests/data. */
#include "canting-csv.h"
#include "canting-customer.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-ipal.h"
#include "canting-ipal-standard.h"
#include "canting-material.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-recipe.h"
#include "canting-test-util.h"

#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CANTING_TEST_DATA"), name, NULL);
  return canting_test_read_file (path);
}

static const char *
problem_at (CantingCsvReport *report,
            guint             line)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      CantingCsvProblem *p = g_ptr_array_index (report->problems, i);
      if (p->line == line)
        return p->message;
    }
  return NULL;
}

static void
test_customers_comma_bom_quotes (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture ("customers-comma.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = canting_csv_import (f->db, CANTING_CSV_CUSTOMERS, bytes,
                                                           CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(GPtrArray) found = NULL;
  CantingCustomer *siti;

  g_assert_no_error (error);
  g_assert_cmpuint (report->good_rows, ==, 2);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->problems->len, ==, 0);
  found = canting_customer_search (f->db, "siti", FALSE, 0, 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  siti = found->pdata[0];
  g_assert_cmpstr (siti->name, ==, "Bu Siti Rahayu");
  g_assert_cmpstr (siti->address, ==, "Jl. Kenanga 12\nKel. Sananwetan");
  g_assert_cmpstr (siti->notes, ==, "pelanggan \"setia\"");
}

static void
test_customers_semicolon (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture ("customers-semicolon.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = canting_csv_import (f->db, CANTING_CSV_CUSTOMERS, bytes,
                                                           CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  /* The comma inside a field is just a comma when ';' separates. */
  found = canting_customer_search (f->db, "toko", FALSE, 0, 10, NULL);
  g_assert_cmpstr (((CantingCustomer *) found->pdata[0])->name, ==, "Toko Sekar, Malang");
  g_assert_cmpstr (((CantingCustomer *) found->pdata[0])->phone, ==, "0341-555123");
}

static void
test_broken_quoting (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture ("customers-broken-quote.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = canting_csv_import (f->db, CANTING_CSV_CUSTOMERS, bytes,
                                                           CANTING_CSV_SKIP_BAD_ROWS, &error);

  g_assert_null (report);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Line 2: a quoted field is never closed.");
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 0);
}

/* Every bad row named by line and reason; all-or-nothing writes nothing,
 * skipping writes exactly the good rows. */
static void
test_products_bad_rows (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { guint line; const char *part; } expected[] = {
    { 1, "Unknown column “warna favorit” is ignored" },
    { 4, "cannot be negative" },
    { 5, "Technique “lurik” is not one of tulis, cap, kombinasi or printing" },
    { 6, "over the limit of Rp 10.000.000.000" },
    { 7, "Stock “-3” must be a whole number from 0 to 100000" },
    { 8, "SKU “pb-tl-0001” is also on line 2" },
    { 9, "Type the product’s name" },
    { 10, "“setengah kilo” is not a weight per piece" },
  };
  g_autoptr(GBytes) bytes = fixture ("products-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) dry = canting_csv_import (f->db, CANTING_CSV_PRODUCTS, bytes, CANTING_CSV_DRY_RUN, &error);
  g_autoptr(CantingCsvReport) refused = NULL;
  g_autoptr(CantingCsvReport) skipped = NULL;
  CantingProductFilter all = { .technique = -1 };
  g_autoptr(GPtrArray) products = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (dry->good_rows, ==, 2);
  g_assert_cmpuint (dry->imported, ==, 0);
  g_assert_cmpuint (dry->problems->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *message = problem_at (dry, expected[i].line);
      g_test_message ("line %u: %s", expected[i].line, message);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, expected[i].part));
    }
  g_assert_cmpint (canting_product_count (f->db, &all, NULL), ==, 0);

  refused = canting_csv_import (f->db, CANTING_CSV_PRODUCTS, bytes, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_cmpuint (refused->imported, ==, 0);
  g_assert_cmpint (canting_product_count (f->db, &all, NULL), ==, 0);

  skipped = canting_csv_import (f->db, CANTING_CSV_PRODUCTS, bytes, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_cmpuint (skipped->imported, ==, 2);
  products = canting_product_search (f->db, &all, 0, 10, NULL);
  g_assert_cmpuint (products->len, ==, 2);
  g_assert_cmpstr (((CantingProduct *) products->pdata[0])->sku, ==, "PB-TL-0001");
  g_assert_cmpint (((CantingProduct *) products->pdata[0])->stock, ==, 4);
  g_assert_cmpint (((CantingProduct *) products->pdata[0])->price, ==, 1250000);
  g_assert_cmpint (((CantingProduct *) products->pdata[0])->weight, ==, 350);
  g_assert_cmpstr (((CantingProduct *) products->pdata[1])->sku, ==, "BTK-CP-0001");  /* generated */
  g_assert_cmpint (((CantingProduct *) products->pdata[1])->weight, ==, 0);  /* not weighed */

  /* Importing again: the SKU is now taken in the database. */
  {
    g_autoptr(CantingCsvReport) again = canting_csv_import (f->db, CANTING_CSV_PRODUCTS, bytes,
                                                            CANTING_CSV_DRY_RUN, &error);
    g_assert_nonnull (strstr (problem_at (again, 2), "already used by “Kain Parabha Balitar”"));
  }
}

static void
test_not_utf8 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) latin1 = g_bytes_new_static ("nama\nBu Sit\xed\n", 13);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = canting_csv_import (f->db, CANTING_CSV_CUSTOMERS, latin1,
                                                           CANTING_CSV_SKIP_BAD_ROWS, &error);

  g_assert_null (report);
  g_assert_nonnull (strstr (error->message, "not UTF-8"));
}

/* Export then import gives back the same customers and products. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) customers = fixture ("customers-comma.csv");
  g_autoptr(GBytes) products = fixture ("products-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) a = canting_csv_import (f->db, CANTING_CSV_CUSTOMERS, customers, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_autoptr(CantingCsvReport) b = canting_csv_import (f->db, CANTING_CSV_PRODUCTS, products, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_autoptr(GBytes) exported_customers = canting_csv_export (f->db, CANTING_CSV_CUSTOMERS, ';', &error);
  g_autoptr(GBytes) exported_products = canting_csv_export (f->db, CANTING_CSV_PRODUCTS, ',', &error);
  g_autoptr(CantingDb) other = NULL;
  g_autofree char *other_dir = canting_test_mkdtemp ();

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (exported_customers, NULL), "\xef\xbb\xbfnama;telepon;alamat"));
  /* The weight in grams, last; none for a product not weighed. */
  g_assert_nonnull (strstr (g_bytes_get_data (exported_products, NULL), ",stok,berat (gram)\r\n"));
  g_assert_nonnull (strstr (g_bytes_get_data (exported_products, NULL), ",4,350\r\n"));
  g_assert_nonnull (strstr (g_bytes_get_data (exported_products, NULL), ",0,\r\n"));

  other = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  {
    g_autoptr(CantingCsvReport) c = canting_csv_import (other, CANTING_CSV_CUSTOMERS, exported_customers, CANTING_CSV_ALL_OR_NOTHING, &error);
    g_autoptr(CantingCsvReport) p = canting_csv_import (other, CANTING_CSV_PRODUCTS, exported_products, CANTING_CSV_ALL_OR_NOTHING, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (c->imported, ==, 2);
    g_assert_cmpuint (p->imported, ==, 2);
    g_assert_cmpuint (c->problems->len + p->problems->len, ==, 0);
  }
  {
    g_autoptr(GBytes) again = canting_csv_export (other, CANTING_CSV_PRODUCTS, ',', &error);
    g_assert_true (g_bytes_equal (again, exported_products));
  }
  g_clear_object (&other);
  canting_test_rmdir (other_dir);
}

static void
test_export_guards_formulas (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;

  g_free (c->name);
  c->name = g_strdup ("=HYPERLINK(\"http://x\")");
  g_assert_true (canting_customer_save (f->db, c, &error));
  out = canting_csv_export (f->db, CANTING_CSV_CUSTOMERS, ',', &error);
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), "\"'=HYPERLINK(\"\"http://x\"\")\""));
}

/* Orders: rows sharing a number make one order; customers are found by
 * name or added; products by SKU (price from the catalog when empty);
 * each bad order reported at its line and left out whole. */
static void
test_orders_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) products = fixture ("products-bad.csv");
  g_autoptr(GBytes) orders = fixture ("orders.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) p = canting_csv_import (f->db, CANTING_CSV_PRODUCTS, products, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_autoptr(CantingCsvReport) dry = NULL;
  g_autoptr(CantingCsvReport) refused = NULL;
  g_autoptr(CantingCsvReport) done = NULL;
  g_autoptr(CantingCustomer) siti = canting_customer_new ();
  CantingOrderFilter all = { .status = -1, .today = "2026-03-10" };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CantingOrder) first = NULL;

  g_free (siti->name);
  siti->name = g_strdup ("Bu Siti Rahayu");
  g_assert_true (canting_customer_save (f->db, siti, &error));

  dry = canting_csv_import (f->db, CANTING_CSV_ORDERS, orders, CANTING_CSV_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->good_rows, ==, 3);        /* A1 (two rows) and A2 */
  g_assert_cmpuint (dry->problems->len, ==, 3);
  g_assert_nonnull (strstr (problem_at (dry, 5), "“31/02/2026” is not a date"));
  g_assert_nonnull (strstr (problem_at (dry, 6), "No product has the SKU “TIDAK-ADA”"));
  g_assert_nonnull (strstr (problem_at (dry, 7), "Quantity “0” must be a whole number from 1"));
  g_assert_cmpint (canting_order_count (f->db, &all, NULL), ==, 0);

  refused = canting_csv_import (f->db, CANTING_CSV_ORDERS, orders, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_cmpuint (refused->imported, ==, 0);
  g_assert_cmpint (canting_order_count (f->db, &all, NULL), ==, 0);
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 1);

  done = canting_csv_import (f->db, CANTING_CSV_ORDERS, orders, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->imported, ==, 3);
  rows = canting_order_search (f->db, &all, 0, 10, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  /* Oldest is A1, for the existing Bu Siti: 2 × 1.250.000 + 2 × 30.000
   * − 50.000 + 25.000. */
  first = canting_order_load (f->db, ((CantingOrderRow *) rows->pdata[1])->id, &error);
  g_assert_cmpint (first->customer_id, ==, siti->id);
  g_assert_cmpuint (first->items->len, ==, 2);
  g_assert_cmpstr (((CantingOrderItem *) first->items->pdata[0])->description, ==, "Kain Parabha Balitar");
  g_assert_cmpint (((CantingOrderRow *) rows->pdata[1])->total, ==, 2500000 + 60000 - 50000 + 25000);
  g_assert_cmpstr (first->due_date, ==, "2026-03-15");
  g_assert_cmpint (first->status, ==, CANTING_ORDER_DRAFT);
  /* A2's customer was added. */
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[0])->customer_name, ==, "Toko Baru Kediri");
  g_assert_cmpint (((CantingOrderRow *) rows->pdata[0])->total, ==, 1200000);
}

static CantingCsvReport *
import_text (Fixture        *f,
             CantingCsvKind  kind,
             const char     *text,
             CantingCsvMode  mode,
             GError        **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  return canting_csv_import (f->db, kind, bytes, mode, error);
}

/* Where each order came from: the stored id or the label, empty for in
 * person; an unknown one is refused at its line, and the export writes it
 * back. */
static void
test_orders_channel (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report =
    import_text (f, CANTING_CSV_ORDERS,
                 "nomor;tanggal;pelanggan;keterangan;jumlah;harga satuan;saluran\n"
                 "B1;01/04/2026;Pak Budi;Kain;1;100000;whatsapp\n"
                 "B2;02/04/2026;Pak Budi;Kain;1;100000;Exhibition\n"
                 "B3;03/04/2026;Pak Budi;Kain;1;100000;toko kelontong\n"
                 "B4;04/04/2026;Pak Budi;Kain;1;100000;\n",
                 CANTING_CSV_SKIP_BAD_ROWS, &error);
  CantingOrderFilter all = { .status = -1 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) out = NULL;
  const CantingSalesChannel expected[] = { CANTING_SALES_DIRECT, CANTING_SALES_EXHIBITION, CANTING_SALES_WHATSAPP };

  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_nonnull (strstr (problem_at (report, 4), "sales channel “toko kelontong” is not known"));
  rows = canting_order_search (f->db, &all, 0, 10, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CantingOrder) o = canting_order_load (f->db, ((CantingOrderRow *) rows->pdata[i])->id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (o->channel, ==, expected[i]);
    }
  out = canting_csv_export (f->db, CANTING_CSV_ORDERS, ';', &error);
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), ";whatsapp\r\n"));
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), ";exhibition\r\n"));
}

/* A cell a spreadsheet would run as a formula is exported behind a quote
 * mark; importing the export strips it again, so nothing changes. */
static void
test_formula_guard_round_trip (Fixture       *f,
                               gconstpointer  data)
{
  static const char *names[] = { "=1+1", "+62 812", "-minus", "@cmd", "'=quoted already" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(CantingDb) other = NULL;
  g_autofree char *other_dir = canting_test_mkdtemp ();
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CantingCustomer) c = canting_customer_new ();
      g_free (c->name);
      c->name = g_strdup (names[i]);
      g_assert_true (canting_customer_save (f->db, c, &error));
      g_assert_no_error (error);
    }
  out = canting_csv_export (f->db, CANTING_CSV_CUSTOMERS, ';', &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (out, NULL);
  g_assert_nonnull (strstr (text, "'=1+1"));
  g_assert_nonnull (strstr (text, "'-minus"));
  g_assert_nonnull (strstr (text, "'@cmd"));

  other = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  {
    g_autoptr(CantingCsvReport) r = canting_csv_import (other, CANTING_CSV_CUSTOMERS, out, CANTING_CSV_ALL_OR_NOTHING, &error);
    g_autoptr(GPtrArray) found = NULL;
    g_assert_no_error (error);
    g_assert_cmpuint (r->imported, ==, G_N_ELEMENTS (names));
    found = canting_customer_search (other, "1+1", FALSE, 0, 10, NULL);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((CantingCustomer *) found->pdata[0])->name, ==, "=1+1");
    g_clear_pointer (&found, g_ptr_array_unref);
    found = canting_customer_search (other, "cmd", FALSE, 0, 10, NULL);
    g_assert_cmpstr (((CantingCustomer *) found->pdata[0])->name, ==, "@cmd");
    g_clear_pointer (&found, g_ptr_array_unref);
    found = canting_customer_search (other, "quoted already", FALSE, 0, 10, NULL);
    g_assert_cmpstr (((CantingCustomer *) found->pdata[0])->name, ==, "'=quoted already");
  }
  g_clear_object (&other);
  canting_test_rmdir (other_dir);
}

/* What spreadsheets leave behind: rows of only separators, spaces before
 * a quote, an empty file. */
static void
test_spreadsheet_leftovers (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) r = NULL;
  g_autoptr(GPtrArray) found = NULL;

  r = import_text (f, CANTING_CSV_CUSTOMERS,
                   "nama;telepon;kota\n"
                   "Bu Ani;0812-3456-7890;Blitar\n"
                   ";;\n"
                   " ; ;\n"
                   "  \"Pak Budi; Toko\" ;0813-1111-2222;Kediri\n",
                   CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->problems->len, ==, 0);
  g_assert_cmpuint (r->imported, ==, 2);
  found = canting_customer_search (f->db, "budi", FALSE, 0, 10, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CantingCustomer *) found->pdata[0])->name, ==, "Pak Budi; Toko");
  g_clear_pointer (&r, canting_csv_report_free);

  r = import_text (f, CANTING_CSV_CUSTOMERS, "", CANTING_CSV_DRY_RUN, &error);
  g_assert_null (r);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The file is empty.");
}

/* A row with more cells than the header has columns (an unquoted
 * separator in a name) is refused, not silently cut; a column named twice
 * is noted at line 1. */
static void
test_extra_cells_and_duplicate_column (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) r = NULL;

  r = import_text (f, CANTING_CSV_CUSTOMERS,
                   "nama,telepon,kota,city\n"
                   "Toko Sekar, Malang,0341-555123,Malang,Malang\n"
                   "Bu Ani,0812-3456-7890,Blitar,Blitar\n",
                   CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->imported, ==, 1);
  g_assert_nonnull (problem_at (r, 1));
  g_assert_nonnull (strstr (problem_at (r, 2), "This row has 5 cells but the first line names 4 columns"));
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 1);
}

/* Imported orders are numbered on from the year's last order, each year
 * its own, and a second file goes on from the first; the same customer
 * named twice (in any case) is one customer. */
static void
test_orders_numbering (Fixture       *f,
                       gconstpointer  data)
{
  static const char *first_file =
    "nomor;tanggal;pelanggan;keterangan;jumlah;harga satuan\n"
    "B1;30/12/2025;Bu Ani;Kain sogan;1;500.000\n"
    "B2;02/01/2026;bu ani;Selendang;1;150.000\n"
    "B3;03/01/2026;Pak Budi;Kemeja;1;300.000\n";
  static const char *second_file =
    "nomor;tanggal;pelanggan;keterangan;jumlah;harga satuan\n"
    "C1;04/01/2026;BU ANI;Kemeja;2;300.000\n";
  CantingOrderFilter all = { .status = -1, .today = "2026-03-10" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOrder) before = canting_order_new ();
  g_autoptr(CantingCustomer) citra = canting_customer_new ();
  g_autoptr(CantingCsvReport) one = NULL;
  g_autoptr(CantingCsvReport) two = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  /* One order of 2026 made by hand first. */
  g_free (citra->name);
  citra->name = g_strdup ("Bu Citra");
  g_assert_true (canting_customer_save (f->db, citra, &error));
  g_free (before->order_date);
  before->order_date = g_strdup ("2026-01-01");
  before->customer_id = citra->id;
  g_ptr_array_add (before->items, canting_order_item_new (0, "Kain", 1, 100000));
  g_assert_true (canting_order_save (f->db, before, &error));
  g_assert_cmpstr (before->number, ==, "PSN-2026-0001");

  one = import_text (f, CANTING_CSV_ORDERS, first_file, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->imported, ==, 3);
  two = import_text (f, CANTING_CSV_ORDERS, second_file, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->imported, ==, 1);

  rows = canting_order_search (f->db, &all, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  /* Newest first. */
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[0])->number, ==, "PSN-2026-0004");
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[1])->number, ==, "PSN-2026-0003");
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[2])->number, ==, "PSN-2026-0002");
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[3])->number, ==, "PSN-2026-0001");
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[4])->number, ==, "PSN-2025-0001");
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[0])->customer_name, ==, "Bu Ani");
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[2])->customer_name, ==, "Bu Ani");
  /* Bu Citra, Bu Ani and Pak Budi. */
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 3);
}

/* Rows of one order number that disagree on the customer are refused at
 * the later line; all-or-nothing then writes no order at all. */
static void
test_orders_conflicting_rows (Fixture       *f,
                              gconstpointer  data)
{
  static const char *text =
    "nomor;tanggal;pelanggan;keterangan;jumlah;harga satuan\n"
    "B1;01/03/2026;Bu Ani;Kain sogan;1;500.000\n"
    "B1;01/03/2026;Bu Ani;Selendang;1;150.000\n"
    "B2;02/03/2026;Pak Budi;Kemeja;1;300.000\n"
    "B2;02/03/2026;Bu Citra;Kemeja;1;300.000\n";
  CantingOrderFilter all = { .status = -1, .today = "2026-03-10" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) refused = NULL;
  g_autoptr(CantingCsvReport) skipped = NULL;

  refused = import_text (f, CANTING_CSV_ORDERS, text, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->imported, ==, 0);
  g_assert_nonnull (strstr (problem_at (refused, 5), "order on line 4 but another date or customer"));
  g_assert_cmpint (canting_order_count (f->db, &all, NULL), ==, 0);
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 0);

  skipped = import_text (f, CANTING_CSV_ORDERS, text, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (canting_order_count (f->db, &all, NULL), ==, 1);
  g_assert_cmpuint (skipped->imported, ==, 2);
}

/* The material called exactly @name (transfer full), or NULL. */
static CantingMaterial *
material_named (CantingDb  *db,
                const char *name)
{
  CantingMaterialFilter filter = { .text = name, .kind = -1, .include_archived = TRUE };
  g_autoptr(GPtrArray) found = canting_material_search (db, &filter, 0, 100, NULL);

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      CantingMaterial *m = g_ptr_array_index (found, i);
      if (g_str_equal (m->name, name))
        return canting_material_copy (m);
    }
  return NULL;
}

static gint64
count_rows (CantingDb  *db,
            const char *sql)
{
  return canting_test_query_int (canting_db_get_handle (db), sql);
}

/* --- large imports: indexes built once at the end --------------------------- */

/* Orders a large import test writes (about 12,000 rows): above the
 * size from which an import sets the orders' plain indexes aside
 * (REINDEX_MIN_ROWS, 10,000, in canting-csv.c), half of it below, so a
 * test fails when that stops happening. */
#define LARGE_ORDERS 6000

/* Orders B@first.. of a busy season's spreadsheet, one to three rows
 * each, naming a few hundred customers again and again; seeded, so the
 * same orders are always written the same way.  With @odd_one, the item of order
 * B@odd_one is described that way; *@odd_line: that row's line. */
static char *
orders_file (guint        first,
             guint        n,
             guint        odd_one,
             const char  *odd_description,
             guint       *odd_line)
{
  static const char * const channels[] = { "", "whatsapp", "exhibition", "" };
  g_autoptr(GRand) rand = g_rand_new ();
  GString *out = g_string_new ("nomor;tanggal;jatuh tempo;pelanggan;keterangan;jumlah;harga satuan;ongkos kirim;"
                               "saluran\n");
  guint line = 1;

  for (guint i = first; i < first + n; i++)
    {
      guint items, day = 1 + i % 28, month = 1 + (i / 28) % 12;

      /* Seeded by the order's number: a file split in two holds the
       * same orders as the whole. */
      g_rand_set_seed (rand, i);
      items = (guint) g_rand_int_range (rand, 1, 4);

      for (guint k = 0; k < items; k++)
        {
          const char *description = k == 0 ? "Kain batik tulis" : k == 1 ? "Selendang sogan" : "Ongkos jahit";

          line++;
          if (i == odd_one && k == 0)
            {
              description = odd_description;
              *odd_line = line;
            }
          if (k == 0)
            g_string_append_printf (out, "B%u;%02u/%02u/2026;%s;Pelanggan %u;", i, day, month,
                                    i % 3 == 0 ? "" : "28/12/2026", (guint) g_rand_int_range (rand, 0, 400));
          else
            g_string_append_printf (out, "B%u;;;;", i);
          g_string_append_printf (out, "%s;%d;%d.000;%s;%s\n", description, g_rand_int_range (rand, 1, 5),
                                  g_rand_int_range (rand, 20, 800), k == 0 && i % 5 == 0 ? "25.000" : "",
                                  k == 0 ? channels[i % G_N_ELEMENTS (channels)] : "");
        }
    }
  return g_string_free (out, FALSE);
}

static CantingCsvReport *
import_owned (CantingDb       *db,
              char            *text,
              CantingCsvMode   mode,
              GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  return canting_csv_import (db, CANTING_CSV_ORDERS, bytes, mode, error);
}

/* A workshop with 1,000 orders (imported in one small file), a payment
 * (so orders.paid and the ledger have something to keep) and plan
 * statistics, as a workshop opened after an upgrade has. */
static void
give_history (CantingDb *db)
{
  char *text = orders_file (1, 1000, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = import_owned (db, text, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(CantingPayment) payment = canting_payment_new ();

  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 0);
  payment->order_id = 1;
  payment->amount = 20000;
  g_free (payment->paid_on);
  payment->paid_on = g_strdup ("2026-01-05");
  payment->method = CANTING_PAYMENT_TRANSFER;
  g_assert_true (canting_payment_add (db, payment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db), "ANALYZE", NULL, NULL, NULL), ==, SQLITE_OK);
}


/* Every index, trigger and view as the schema holds it. */
static char *
schema_of (CantingDb *db)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (db),
                                       "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%s|%s|%s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
assert_intact (CantingDb *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (db), "PRAGMA integrity_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* An import of orders turns SQLite's checks off while it writes. */
  g_assert_cmpint (count_rows (db, "PRAGMA foreign_keys"), ==, 1);
}

/* The workshop's file as it is on disk, with every write of the WAL
 * moved in: to check that a refused import left it byte for byte as it
 * was, its indexes and their statistics included. */
typedef struct {
  char *path;
  GBytes *file;
  char *schema;
} OnDisk;

static void
on_disk_take (Fixture *f,
              OnDisk  *disk)
{
  disk->path = g_build_filename (f->dir, "canting.db", NULL);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  disk->file = canting_test_read_file (disk->path);
  disk->schema = schema_of (f->db);
}

/* Asserts the file is what on_disk_take() saw, and lets go of that. */
static void
on_disk_assert_same (Fixture *f,
                     OnDisk  *disk)
{
  g_autofree char *schema = schema_of (f->db);
  g_autoptr(GBytes) file = NULL;

  g_assert_cmpstr (schema, ==, disk->schema);
  assert_intact (f->db);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  file = canting_test_read_file (disk->path);
  g_assert_true (g_bytes_equal (file, disk->file));
  g_clear_pointer (&disk->path, g_free);
  g_clear_pointer (&disk->file, g_bytes_unref);
  g_clear_pointer (&disk->schema, g_free);
}

/* What a test cannot expect two workshops to share: when each record
 * was made (every created_at, and the status log's at). */
static char *
dump_without_times (const char *dir,
                    CantingDb  *db)
{
  g_autofree char *path = g_build_filename (dir, "canting.db", NULL);
  sqlite3 *handle = canting_db_get_handle (db);
  sqlite3_stmt *columns = NULL;
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func (sqlite3_free);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info (m.name) c "
                                       "WHERE m.type = 'table' AND c.name IN ('created_at', 'at')",
                                       -1, &columns, NULL), ==, SQLITE_OK);
  while (sqlite3_step (columns) == SQLITE_ROW)
    g_ptr_array_add (updates, sqlite3_mprintf ("UPDATE \"%w\" SET \"%w\" = ''", sqlite3_column_text (columns, 0),
                                               sqlite3_column_text (columns, 1)));
  sqlite3_finalize (columns);
  for (guint i = 0; i < updates->len; i++)
    g_assert_cmpint (sqlite3_exec (handle, g_ptr_array_index (updates, i), NULL, NULL, NULL), ==, SQLITE_OK);
  return canting_test_dump (path);
}

/* A large file into a workshop that has orders (its orders written
 * many to an INSERT, its indexes built at the end) writes what the same
 * file in small pieces, each order written on its own into every index,
 * writes: the same records, ids, numbers, status log, paid sums,
 * ledger, the same indexes with the same plan statistics, all
 * consistent. */
static void
test_orders_large_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *small_dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) small = canting_db_open_full (small_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) whole = NULL;
  g_autoptr(CantingCsvReport) half1 = NULL;
  g_autoptr(CantingCsvReport) half2 = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *large_dump = NULL;
  g_autofree char *small_dump = NULL;
  g_autofree char *large_schema = NULL;
  g_autofree char *small_schema = NULL;
  gint64 schema_version;

  give_history (f->db);
  give_history (small);
  schema_before = schema_of (f->db);
  schema_version = count_rows (f->db, "PRAGMA schema_version");

  whole = import_owned (f->db, orders_file (1001, LARGE_ORDERS, 0, NULL, NULL), CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whole->problems->len, ==, 0);
  g_assert_cmpuint (whole->imported, ==, whole->good_rows);
  /* The indexes were set aside and built again (each a schema change)... */
  g_assert_cmpint (count_rows (f->db, "PRAGMA schema_version"), >, schema_version);

  schema_version = count_rows (small, "PRAGMA schema_version");
  /* Skipping bad rows (there are none) writes each order on its own. */
  half1 = import_owned (small, orders_file (1001, LARGE_ORDERS / 2, 0, NULL, NULL), CANTING_CSV_SKIP_BAD_ROWS,
                        &error);
  g_assert_no_error (error);
  half2 = import_owned (small, orders_file (1001 + LARGE_ORDERS / 2, LARGE_ORDERS / 2, 0, NULL, NULL),
                        CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (half1->imported + half2->imported, ==, whole->imported);
  /* ...and a small file writes into them row by row. */
  g_assert_cmpint (count_rows (small, "PRAGMA schema_version"), ==, schema_version);

  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM orders"), ==, 1000 + LARGE_ORDERS);
  g_assert_cmpint (count_rows (f->db, "SELECT paid FROM orders WHERE id = 1"), ==, 20000);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM sqlite_stat1 WHERE idx = 'orders_by_date'"), ==, 1);
  large_schema = schema_of (f->db);
  small_schema = schema_of (small);
  g_assert_cmpstr (large_schema, ==, schema_before);
  g_assert_cmpstr (large_schema, ==, small_schema);
  g_assert_nonnull (strstr (large_schema, "index|orders_by_customer|orders|"));
  g_assert_nonnull (strstr (large_schema, "index|orders_owing|orders|"));
  g_assert_nonnull (strstr (large_schema, "index|order_items_by_product|order_items|"));
  g_assert_nonnull (strstr (large_schema, "index|order_status_log_by_order|order_status_log|"));
  assert_intact (f->db);
  assert_intact (small);
  large_dump = dump_without_times (f->dir, f->db);
  small_dump = dump_without_times (small_dir, small);
  g_assert_cmpstr (large_dump, ==, small_dump);

  g_clear_object (&small);
  canting_test_rmdir (small_dir);
}

/* The last order of a large file fails as it is written (here a trigger
 * the test adds refuses it; in life a full disk, say): nothing of the
 * file stays, the indexes are back as they were, the file on disk is
 * byte for byte what it was, and the message names the line. */
static void
test_orders_large_import_fails_at_the_end (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  g_autofree char *expected = NULL;
  guint odd_line = 0;
  OnDisk disk;

  give_history (f->db);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db),
                                 "CREATE TRIGGER test_refuses BEFORE INSERT ON order_items "
                                 "WHEN NEW.description = 'Ditolak' BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  on_disk_take (f, &disk);
  dump_before = canting_test_dump (disk.path);

  report = import_owned (f->db, orders_file (1001, LARGE_ORDERS, 1000 + LARGE_ORDERS, "Ditolak", &odd_line),
                         CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_null (report);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  expected = g_strdup_printf ("Line %u: ", odd_line);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_assert_nonnull (strstr (error->message, "refused"));

  dump_after = canting_test_dump (disk.path);
  g_assert_cmpstr (dump_after, ==, dump_before);
  on_disk_assert_same (f, &disk);
}

/* A large all-or-nothing file whose last order is bad (found while the
 * orders before it are being written): nothing stays, the file on disk
 * is byte for byte what it was, and the report names the line, as for
 * a small file. */
static void
test_orders_large_import_bad_row_at_the_end (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  guint odd_line = 0;
  char *text;
  OnDisk disk;

  give_history (f->db);
  on_disk_take (f, &disk);

  text = orders_file (1001, LARGE_ORDERS, 1000 + LARGE_ORDERS, "Kain", &odd_line);
  {
    /* The last order's first line loses its unit price (it names no
     * SKU either): "The unit price is missing." */
    char **lines = g_strsplit (text, "\n", -1);
    char **cells = g_strsplit (lines[odd_line - 1], ";", -1);

    g_free (cells[6]);
    cells[6] = g_strdup ("");
    g_free (lines[odd_line - 1]);
    lines[odd_line - 1] = g_strjoinv (";", cells);
    g_free (text);
    text = g_strjoinv ("\n", lines);
    g_strfreev (cells);
    g_strfreev (lines);
  }
  report = import_owned (f->db, text, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_nonnull (strstr (problem_at (report, odd_line), "unit price is missing"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM orders"), ==, 1000);
  on_disk_assert_same (f, &disk);
}

/* An order's rows need not be together: one that comes back after other
 * orders (here the first order's last item, at the very end of a large
 * file, found after the others were written) still makes one order
 * with all its items, as a file read whole first would. */
static void
test_orders_rows_apart (Fixture       *f,
                        gconstpointer  data)
{
  static const char *small =
    "nomor;tanggal;pelanggan;keterangan;jumlah;harga satuan\n"
    "B1;01/03/2026;Bu Ani;Kain sogan;1;500.000\n"
    "B2;02/03/2026;Pak Budi;Kemeja;1;300.000\n"
    "B1;01/03/2026;Bu Ani;Selendang;2;150.000\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) checked = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(CantingCsvReport) large = NULL;
  GString *text = NULL;

  checked = import_text (f, CANTING_CSV_ORDERS, small, CANTING_CSV_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checked->good_rows, ==, 3);
  g_assert_cmpuint (checked->imported, ==, 0);
  report = import_text (f, CANTING_CSV_ORDERS, small, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM orders"), ==, 2);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM order_items WHERE order_id = "
                                      "(SELECT id FROM orders WHERE number = 'PSN-2026-0001')"), ==, 2);
  g_assert_cmpint (count_rows (f->db, "SELECT total FROM orders WHERE number = 'PSN-2026-0001'"), ==, 800000);

  text = g_string_new (NULL);
  {
    g_autofree char *orders = orders_file (1001, LARGE_ORDERS, 0, NULL, NULL);
    g_string_append (text, orders);
  }
  g_string_append (text, "B1001;;;;Ongkos jahit;1;25.000;;\n");
  large = import_owned (f->db, g_string_free (text, FALSE), CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (large->problems->len, ==, 0);
  g_assert_cmpuint (large->imported, ==, large->good_rows);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM orders"), ==, 2 + LARGE_ORDERS);
  /* B1001 is the third order imported: its first items and the one
   * from the end. */
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM order_items WHERE order_id = 3 "
                                      "AND description = 'Ongkos jahit' AND unit_price = 25000"), ==, 1);
  assert_intact (f->db);
}

/* A large file whose end cannot be read (a quote never closed), found
 * after its first orders were written: the file's error, nothing
 * written. */
static void
test_orders_large_import_unreadable_end (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *orders = orders_file (1001, LARGE_ORDERS, 0, NULL, NULL);
  GString *text = g_string_new (orders);
  guint last_line;
  OnDisk disk;

  give_history (f->db);
  on_disk_take (f, &disk);
  last_line = 1;
  for (const char *p = text->str; *p != '\0'; p++)
    last_line += *p == '\n';
  g_string_append (text, "B99999;01/03/2026;;;\"Kain;1;1\n");
  report = import_owned (f->db, g_string_free (text, FALSE), CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_null (report);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  expected = g_strdup_printf ("Line %u: a quoted field is never closed.", last_line);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM orders"), ==, 1000);
  on_disk_assert_same (f, &disk);
}

/* A file of orders with more rows than any workshop's (ROWS_MAX,
 * 200,000) is refused as a whole, before anything is written. */
static void
test_orders_too_many_rows (Fixture       *f,
                           gconstpointer  data)
{
  GString *text = g_string_new ("nomor;tanggal;pelanggan;keterangan;jumlah;harga satuan\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = NULL;

  for (guint i = 1; i <= 200001; i++)
    g_string_append_printf (text, "B%u;01/03/2026;Bu Ani;Kain;1;1.000\n", i);
  report = import_owned (f->db, g_string_free (text, FALSE), CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_null (report);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The file has more than 200000 rows.");
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM orders"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM customers"), ==, 0);
}

/* Skipping bad rows, an order that fails as it is written is skipped
 * alone, the rest of the large file is imported and indexed. */
static void
test_orders_large_import_skips_one (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;
  guint odd_line = 0;

  give_history (f->db);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db),
                                 "CREATE TRIGGER test_refuses BEFORE INSERT ON order_items "
                                 "WHEN NEW.description = 'Ditolak' BEGIN SELECT RAISE (ABORT, 'refused'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  schema_before = schema_of (f->db);

  report = import_owned (f->db, orders_file (1001, LARGE_ORDERS, 1500, "Ditolak", &odd_line),
                         CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_nonnull (strstr (problem_at (report, odd_line), "refused"));
  g_assert_cmpuint (report->imported, <, report->good_rows);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM orders"), ==, 1000 + LARGE_ORDERS - 1);
  /* Numbers go on without a gap where the skipped order was. */
  g_assert_cmpint (count_rows (f->db, "SELECT max(seq) FROM orders WHERE year = 2026"), ==, 1000 + LARGE_ORDERS - 1);
  schema_after = schema_of (f->db);
  g_assert_cmpstr (schema_after, ==, schema_before);
  assert_intact (f->db);
}


static void
assert_stock (CantingDb       *db,
              const char      *name,
              CantingQuantity  on_hand,
              CantingMoney     value,
              CantingMoney     average_cost)
{
  g_autoptr(CantingMaterial) m = material_named (db, name);

  g_assert_nonnull (m);
  g_test_message ("%s: %" G_GINT64_FORMAT " worth %" G_GINT64_FORMAT, name, m->on_hand, m->value);
  g_assert_cmpint (m->on_hand, ==, on_hand);
  g_assert_cmpint (m->value, ==, value);
  g_assert_cmpint (canting_material_average_cost (m), ==, average_cost);
}

/* Materials: new names are added, a name the workshop has (the built-in
 * Mori primissima) is updated; kinds and units in Indonesian. */
static void
test_materials_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture ("materials.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(CantingMaterial) mori = NULL;
  g_autoptr(CantingMaterial) naptol = NULL;
  g_autoptr(CantingMaterial) benang = NULL;
  CantingMaterialFilter all = { .kind = -1, .include_archived = TRUE };
  gint64 before = canting_material_count (f->db, &all, NULL);

  report = canting_csv_import (f->db, CANTING_CSV_MATERIALS, bytes, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->imported, ==, 6);
  /* Mori primissima, Malam tembokan and Soda abu were there already. */
  g_assert_cmpint (canting_material_count (f->db, &all, NULL), ==, before + 3);

  mori = material_named (f->db, "Mori primissima");
  g_assert_cmpint (mori->reorder_level, ==, 60000);
  g_assert_cmpint (mori->roll_size, ==, 30000);
  g_assert_cmpstr (mori->supplier, ==, "Toko Kain Sumber Rejeki");
  g_assert_cmpstr (mori->notes, ==, "grade A");
  naptol = material_named (f->db, "Naptol AS-BO");
  g_assert_cmpint (naptol->kind, ==, CANTING_MATERIAL_DYE);
  g_assert_cmpint (naptol->unit, ==, CANTING_UNIT_GRAM);
  g_assert_cmpint (naptol->reorder_level, ==, 250000);
  benang = material_named (f->db, "Benang");
  g_assert_cmpint (benang->kind, ==, CANTING_MATERIAL_OTHER);
  g_assert_cmpint (benang->unit, ==, CANTING_UNIT_PIECE);
}

/* Bad material rows are named by line; the unit of a material whose
 * stock has moved cannot change. */
static void
test_materials_bad_rows (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) purchases = fixture ("purchases-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) p = canting_csv_import (f->db, CANTING_CSV_PURCHASES, purchases,
                                                      CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_autoptr(CantingCsvReport) r = NULL;
  g_autoptr(CantingMaterial) lilin = NULL;
  CantingMaterialFilter all = { .kind = -1, .include_archived = TRUE };
  gint64 before = canting_material_count (f->db, &all, NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (p->imported, ==, 2);
  r = import_text (f, CANTING_CSV_MATERIALS,
                   "nama;jenis;satuan;isi gulung\n"
                   "Lilin tawon;lilin;kg;\n"          /* 2: good */
                   "Pewarna X;cat;gram;\n"            /* 3: unknown kind */
                   "Mori Y;mori;kodi;\n"              /* 4: not a base unit */
                   "Mori Z;mori;m;0,5\n"              /* 5: roll under one unit */
                   "mori primissima;mori;yard;\n"     /* 6: stock moved in m */
                   "LILIN TAWON;malam;kg;\n"          /* 7: twice in the file */
                   "Tanpa satuan;mori;;\n",           /* 8: unit missing */
                   CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->good_rows, ==, 1);
  g_assert_cmpuint (r->imported, ==, 0);
  g_assert_nonnull (strstr (problem_at (r, 3), "Kind “cat” is not one of mori, malam, dye, chemical or other"));
  g_assert_nonnull (strstr (problem_at (r, 4), "Stock cannot be kept in kodi"));
  g_assert_nonnull (strstr (problem_at (r, 5), "A roll of less than one m"));
  g_assert_nonnull (strstr (problem_at (r, 6), "already has stock movements in m, so its unit cannot change to yard"));
  g_assert_nonnull (strstr (problem_at (r, 7), "Material “LILIN TAWON” is also on line 2"));
  g_assert_nonnull (strstr (problem_at (r, 8), "The unit is missing"));
  g_assert_cmpint (canting_material_count (f->db, &all, NULL), ==, before);
  g_clear_pointer (&r, canting_csv_report_free);

  r = import_text (f, CANTING_CSV_MATERIALS, "nama;jenis;satuan\nLilin tawon;lilin;kg\n",
                   CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_cmpuint (r->imported, ==, 1);
  lilin = material_named (f->db, "Lilin tawon");
  g_assert_cmpint (lilin->kind, ==, CANTING_MATERIAL_MALAM);
}

/* Purchases in any unit that converts (rolls, kodi, gram into kg, metres
 * into yards) become ledger entries; stock and average cost follow. */
static void
test_purchases_import (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) materials = fixture ("materials.csv");
  g_autoptr(GBytes) purchases = fixture ("purchases.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) m = canting_csv_import (f->db, CANTING_CSV_MATERIALS, materials,
                                                      CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(CantingCsvReport) p = NULL;
  g_autoptr(CantingMaterial) mori = NULL;
  g_autoptr(GPtrArray) moves = NULL;

  g_assert_no_error (error);
  p = canting_csv_import (f->db, CANTING_CSV_PURCHASES, purchases, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->problems->len, ==, 0);
  g_assert_cmpuint (p->imported, ==, 7);

  /* 2 rolls of 30 m for 1.800.000 and 15 m for 450.000. */
  assert_stock (f->db, "Mori primissima", 75000, 2250000, 30000);
  /* 500 g and 0,5 kg for 75.000 + 80.000: Rp 155 a gram. */
  assert_stock (f->db, "Naptol AS-BO", 1000000, 155000, 155);
  /* 2 kodi = 40 pieces. */
  assert_stock (f->db, "Benang", 40000, 60000, 1500);
  assert_stock (f->db, "Malam tembokan", 10000, 450000, 45000);
  /* 10 m = 10,936 yards (a yard is 0,9144 m). */
  assert_stock (f->db, "Kain katun jepang", 10936, 300000, 27432);

  mori = material_named (f->db, "Mori primissima");
  moves = canting_material_movements (f->db, mori->id, 0, 10, &error);
  g_assert_cmpuint (moves->len, ==, 2);
  /* Newest first; an empty supplier is the material's own. */
  g_assert_cmpstr (((CantingMovement *) moves->pdata[0])->supplier, ==, "Toko Lain");
  g_assert_cmpstr (((CantingMovement *) moves->pdata[1])->supplier, ==, "Toko Kain Sumber Rejeki");
  g_assert_cmpstr (((CantingMovement *) moves->pdata[1])->on_date, ==, "2026-03-01");
  g_assert_cmpint (((CantingMovement *) moves->pdata[1])->kind, ==, CANTING_MOVEMENT_PURCHASE);
  g_assert_cmpint (((CantingMovement *) moves->pdata[1])->cost, ==, 1800000);
}

/* Every bad purchase row is named by line and reason; all-or-nothing
 * writes no movement at all, skipping writes exactly the good ones. */
static void
test_purchases_bad_rows (Fixture       *f,
                         gconstpointer  data)
{
  static const struct { guint line; const char *part; } expected[] = {
    { 3, "No material is called “Mori tidak ada”" },
    { 4, "“ons” is not a unit Canting knows" },
    { 5, "This material is counted in m; kg cannot be converted to it" },
    { 6, "Quantity “0” must be above zero" },
    { 7, "Quantity “-2” must be above zero" },
    { 8, "Total cost: “sepuluh ribu” is not an amount of money" },
    { 9, "“31/02/2026” is not a date" },
    { 10, "This material has no roll size" },
  };
  g_autoptr(GBytes) bytes = fixture ("purchases-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) dry = canting_csv_import (f->db, CANTING_CSV_PURCHASES, bytes, CANTING_CSV_DRY_RUN, &error);
  g_autoptr(CantingCsvReport) refused = NULL;
  g_autoptr(CantingCsvReport) skipped = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (dry->good_rows, ==, 2);
  g_assert_cmpuint (dry->imported, ==, 0);
  g_assert_cmpuint (dry->problems->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *message = problem_at (dry, expected[i].line);
      g_test_message ("line %u: %s", expected[i].line, message);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, expected[i].part));
    }
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM stock_movements"), ==, 0);

  refused = canting_csv_import (f->db, CANTING_CSV_PURCHASES, bytes, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->imported, ==, 0);
  g_assert_cmpuint (refused->problems->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM stock_movements"), ==, 0);
  assert_stock (f->db, "Mori primissima", 0, 0, 0);

  skipped = canting_csv_import (f->db, CANTING_CSV_PURCHASES, bytes, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->imported, ==, 2);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM stock_movements"), ==, 2);
  assert_stock (f->db, "Mori primissima", 30000, 900000, 30000);
  assert_stock (f->db, "Malam tembokan", 2500, 112500, 45000);
}

/* Exported materials and purchases import into another workshop and give
 * the same stock and average cost: exporting again is byte for byte the
 * same. */
static void
test_stock_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) materials = fixture ("materials.csv");
  g_autoptr(GBytes) purchases = fixture ("purchases.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) a = canting_csv_import (f->db, CANTING_CSV_MATERIALS, materials, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(CantingCsvReport) b = canting_csv_import (f->db, CANTING_CSV_PURCHASES, purchases, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(GBytes) exported_materials = canting_csv_export (f->db, CANTING_CSV_MATERIALS, ';', &error);
  g_autoptr(GBytes) exported_purchases = canting_csv_export (f->db, CANTING_CSV_PURCHASES, ',', &error);
  g_autoptr(CantingDb) other = NULL;
  g_autofree char *other_dir = canting_test_mkdtemp ();
  const char *text;

  g_assert_no_error (error);
  g_assert_cmpuint (b->imported, ==, 7);
  text = g_bytes_get_data (exported_materials, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfnama;jenis;satuan;isi gulung;batas pesan ulang;pemasok;catatan;"
                                         "diarsipkan;stok;harga rata-rata\r\n"));
  g_assert_nonnull (strstr (text, "\r\nMori primissima;mori;m;30;60;Toko Kain Sumber Rejeki;grade A;;75;30000\r\n"));
  g_assert_nonnull (strstr (text, "\r\nKain katun jepang;mori;yard;45;;Toko Kain Sumber Rejeki;;;10,9360;27432\r\n"));
  text = g_bytes_get_data (exported_purchases, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbftanggal,bahan,jumlah,satuan,total harga,pemasok\r\n"
                                         "2026-03-01,Mori primissima,60,m,1800000,Toko Kain Sumber Rejeki\r\n"));
  g_assert_nonnull (strstr (text, "\r\n2026-03-09,Kain katun jepang,\"10,9360\",yard,300000,Toko Kain Sumber Rejeki\r\n"));

  other = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  {
    g_autoptr(CantingCsvReport) m = canting_csv_import (other, CANTING_CSV_MATERIALS, exported_materials,
                                                        CANTING_CSV_ALL_OR_NOTHING, &error);
    g_autoptr(CantingCsvReport) p = canting_csv_import (other, CANTING_CSV_PURCHASES, exported_purchases,
                                                        CANTING_CSV_ALL_OR_NOTHING, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < m->problems->len; i++)
      g_test_message ("materials: %s", ((CantingCsvProblem *) m->problems->pdata[i])->message);
    for (guint i = 0; i < p->problems->len; i++)
      g_test_message ("purchases: %s", ((CantingCsvProblem *) p->problems->pdata[i])->message);
    g_assert_cmpuint (m->problems->len + p->problems->len, ==, 0);
    g_assert_cmpuint (p->imported, ==, 7);
  }
  assert_stock (other, "Mori primissima", 75000, 2250000, 30000);
  assert_stock (other, "Kain katun jepang", 10936, 300000, 27432);
  {
    g_autoptr(GBytes) again_materials = canting_csv_export (other, CANTING_CSV_MATERIALS, ';', &error);
    g_autoptr(GBytes) again_purchases = canting_csv_export (other, CANTING_CSV_PURCHASES, ',', &error);
    g_assert_true (g_bytes_equal (again_materials, exported_materials));
    g_assert_true (g_bytes_equal (again_purchases, exported_purchases));
  }
  g_clear_object (&other);
  canting_test_rmdir (other_dir);
}

/* The shortage list exports as a purchase list (and is never imported):
 * 8 pieces at 2,4 m need 19,2 m; 12 m in stock; 7,2 m short, one roll. */
static void
test_shortages_export (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CantingMaterial) m = canting_material_new ();
  g_autoptr(CantingMovement) buy = canting_movement_new ();
  g_autoptr(CantingProduct) p = canting_product_new ();
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(CantingOrder) o = canting_order_new ();
  g_autoptr(GPtrArray) recipe = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_recipe_line_free);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) back = g_bytes_new_static ("pemasok,bahan\n", 14);
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_free (m->name);
  m->name = g_strdup ("Mori ekspor");
  m->roll_size = 30000;
  g_free (m->supplier);
  m->supplier = g_strdup ("Toko Kain; Blitar");
  g_assert_true (canting_material_save (f->db, m, &error));
  buy->material_id = m->id;
  buy->kind = CANTING_MOVEMENT_PURCHASE;
  buy->quantity = 12000;
  buy->cost = 240000;
  g_assert_true (canting_movement_record (f->db, buy, CANTING_MOVEMENT_DEFAULT, &error));
  g_free (p->name);
  p->name = g_strdup ("Kain ekspor");
  g_assert_true (canting_product_save (f->db, p, &error));
  g_ptr_array_add (recipe, canting_recipe_line_new (m->id, 2400));
  g_assert_true (canting_product_set_recipe (f->db, p->id, recipe, &error));
  g_free (c->name);
  c->name = g_strdup ("Bu Sri");
  g_assert_true (canting_customer_save (f->db, c, &error));
  o->customer_id = c->id;
  g_free (o->order_date);
  o->order_date = g_strdup ("2026-11-01");
  g_ptr_array_add (o->items, canting_order_item_new (p->id, "Kain ekspor", 8, 350000));
  g_assert_true (canting_order_save (f->db, o, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_assert_no_error (error);

  out = canting_csv_export (f->db, CANTING_CSV_SHORTAGES, ',', &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_bytes_get_data (out, NULL), ==,
                   "\xef\xbb\xbfpemasok,bahan,satuan,dibutuhkan,stok,kurang,gulung\r\n"
                   "Toko Kain; Blitar,Mori ekspor,m,\"19,2\",12,\"7,2\",1\r\n");

  report = canting_csv_import (f->db, CANTING_CSV_SHORTAGES, back, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_null (report);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
}

/* Found in review: a sheet's "harga" (a unit price) was taken as the
 * total paid, making the average cost ten times too low.  Now "harga" is
 * the price per unit typed, a total must agree with it, and a file that
 * says neither is refused. */
static void
test_purchases_unit_price (Fixture       *f,
                           gconstpointer  data)
{
  static const char both[] =
    "tanggal;bahan;jumlah;satuan;harga;total\n"
    "02/03/2026;Mori primissima;10;m;20.000;200.000\n"
    "03/03/2026;Mori primissima;1;gulung;600.000;\n"
    "04/03/2026;Mori primissima;2;m;20.000;50.000\n";
  static const char neither[] = "tanggal;bahan;jumlah\n02/03/2026;Mori primissima;10\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (both, sizeof both - 1);
  g_autoptr(GBytes) none = g_bytes_new_static (neither, sizeof neither - 1);
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(CantingCsvReport) refused = NULL;
  g_autoptr(GError) error = NULL;

  report = canting_csv_import (f->db, CANTING_CSV_PURCHASES, bytes, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_nonnull (strstr (problem_at (report, 4), "does not match the price × quantity, Rp 40.000"));
  /* 10 m for 200.000 and a 30 m roll at 600.000 a roll: 40 m, 800.000. */
  assert_stock (f->db, "Mori primissima", 40000, 800000, 20000);

  refused = canting_csv_import (f->db, CANTING_CSV_PURCHASES, none, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_null (refused);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
}

/* The id of the @n-th daily entry (0 the oldest). */
static gint64
ipal_log_id (CantingDb *db,
             guint      n)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM ipal_logs ORDER BY at, id LIMIT 1 OFFSET %u", n);
  return count_rows (db, sql);
}

/* A log kept in a spreadsheet (semicolons, BOM, CRLF, the decimal comma,
 * headers in any case) comes in as it was typed: empty cells not
 * measured, a measured 0 kept, the plant named in any case or left out
 * when the workshop has one. */
static void
test_ipal_log_import (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture ("ipal-log.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = canting_csv_import (f->db, CANTING_CSV_IPAL_LOG, bytes,
                                                           CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(CantingCsvReport) again = NULL;
  g_autoptr(CantingIpalLog) first = NULL;
  g_autoptr(CantingIpalLog) second = NULL;
  g_autoptr(CantingIpalLog) third = NULL;
  gint64 plant = count_rows (f->db, "SELECT id FROM ipal_plants WHERE name = 'IPAL bengkel'");

  g_assert_no_error (error);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("line %u: %s", ((CantingCsvProblem *) report->problems->pdata[i])->line,
                    ((CantingCsvProblem *) report->problems->pdata[i])->message);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_logs"), ==, 3);

  first = canting_ipal_log_load (f->db, ipal_log_id (f->db, 0), &error);
  second = canting_ipal_log_load (f->db, ipal_log_id (f->db, 1), &error);
  third = canting_ipal_log_load (f->db, ipal_log_id (f->db, 2), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (first->at, ==, "2026-10-01T07:30");
  g_assert_cmpint (first->plant_id, ==, plant);
  g_assert_cmpint (first->inflow, ==, 12500000);
  g_assert_cmpint (first->outflow, ==, 12000000);
  g_assert_cmpint (first->ph_in, ==, 8200);
  g_assert_cmpint (first->ph_out, ==, 7100);
  g_assert_cmpint (first->temperature, ==, 31500);
  g_assert_cmpstr (first->colour, ==, "coklat muda");
  g_assert_cmpstr (first->clarity, ==, "agak keruh");
  g_assert_cmpstr (first->odour, ==, "tidak berbau");
  g_assert_cmpint (first->pac, ==, 2500);
  g_assert_cmpint (first->lime, ==, 1000);
  g_assert_cmpint (first->polymer, ==, 200);
  g_assert_cmpstr (first->pumps, ==, "P1, P2");
  g_assert_false (first->rain);
  g_assert_cmpstr (first->operator_name, ==, "Pak Darmo");

  /* 7.45 is a time too; pH 9,6 out is kept (too high for the standard,
   * which is the page's business, not the import's). */
  g_assert_cmpstr (second->at, ==, "2026-10-02T07:45");
  g_assert_cmpint (second->plant_id, ==, plant);
  g_assert_cmpint (second->ph_in, ==, 10400);
  g_assert_cmpint (second->ph_out, ==, 9600);
  g_assert_cmpint (second->lime, ==, 0);
  g_assert_cmpint (second->polymer, ==, CANTING_IPAL_NO_VALUE);
  g_assert_true (second->rain);
  g_assert_cmpstr (second->incident, ==, "Hujan deras sore");
  g_assert_cmpstr (second->operator_name, ==, "Bu Sri");
  g_assert_cmpstr (second->notes, ==, "Kapur habis");
  g_assert_cmpstr (second->action, ==, "Beli kapur, tambah dosis besok");

  /* The time in the date cell; no plant named: the only one. */
  g_assert_cmpstr (third->at, ==, "2026-10-03T16:00");
  g_assert_cmpint (third->plant_id, ==, plant);
  g_assert_cmpint (third->inflow, ==, 9800000);
  g_assert_cmpint (third->outflow, ==, CANTING_IPAL_NO_VALUE);
  g_assert_cmpint (third->ph_in, ==, 7800);
  g_assert_cmpint (third->ph_out, ==, CANTING_IPAL_NO_VALUE);
  g_assert_cmpint (third->temperature, ==, CANTING_IPAL_NO_VALUE);
  g_assert_cmpint (third->pac, ==, CANTING_IPAL_NO_VALUE);
  g_assert_cmpint (third->lime, ==, CANTING_IPAL_NO_VALUE);
  g_assert_false (third->rain);
  g_assert_cmpstr (third->colour, ==, "");

  /* The same sheet again adds nothing: every entry is already there. */
  again = canting_csv_import (f->db, CANTING_CSV_IPAL_LOG, bytes, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->problems->len, ==, 3);
  g_assert_nonnull (strstr (problem_at (again, 3), "already has an entry for IPAL bengkel at 02/10/2026 07:45"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_logs"), ==, 3);
}

/* Every bad row is named by its line and what is wrong with it, in the
 * log form's words; all-or-nothing writes no entry, skipping writes
 * exactly the good one. */
static void
test_ipal_log_bad_rows (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { guint line; const char *part; } expected[] = {
    { 2, "The pH going out must be at most 14." },
    { 3, "The outflow cannot be negative." },
    { 4, "The temperature must be at most 100 °C." },
    { 5, "The time of the entry is in the future" },
    { 6, "No plant (IPAL) is called “IPAL Sebelah”" },
    { 7, "Inflow (litres): “dua belas ribu” is not a quantity" },
  };
  g_autoptr(GBytes) bytes = fixture ("ipal-log-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) dry = canting_csv_import (f->db, CANTING_CSV_IPAL_LOG, bytes, CANTING_CSV_DRY_RUN, &error);
  g_autoptr(CantingCsvReport) refused = NULL;
  g_autoptr(CantingCsvReport) skipped = NULL;
  g_autoptr(CantingIpalLog) kept = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (dry->good_rows, ==, 1);
  g_assert_cmpuint (dry->imported, ==, 0);
  g_assert_cmpuint (dry->problems->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *message = problem_at (dry, expected[i].line);
      g_test_message ("line %u: %s", expected[i].line, message);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, expected[i].part));
    }
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_logs"), ==, 0);

  refused = canting_csv_import (f->db, CANTING_CSV_IPAL_LOG, bytes, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->imported, ==, 0);
  g_assert_cmpuint (refused->problems->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_logs"), ==, 0);

  skipped = canting_csv_import (f->db, CANTING_CSV_IPAL_LOG, bytes, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->imported, ==, 1);
  g_assert_cmpuint (skipped->problems->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_logs"), ==, 1);
  kept = canting_ipal_log_load (f->db, ipal_log_id (f->db, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->at, ==, "2026-10-06T07:30");
  g_assert_cmpint (kept->outflow, ==, 11800000);
  g_assert_cmpstr (kept->operator_name, ==, "Bu Sri");
  g_assert_true (kept->rain);
}

/* Which plant a row is for, and when it says its time twice. */
static void
test_ipal_log_plants_and_times (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CantingIpalPlant) other = canting_ipal_plant_new ();
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_text (f, CANTING_CSV_IPAL_LOG,
                        "date,time,plant,ph out,rain\n"
                        "2026-10-01T07:30,,,7,\n"
                        "2026-10-01 07:30,08:00,,7,\n"
                        "2026-10-02,7:30,,7,kadang\n"
                        "2026-10-03,07:30,,7,yes\n"
                        "2026-10-03,07:30,,\"7,1\",\n"
                        ",07:30,,7,\n",
                        CANTING_CSV_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->good_rows, ==, 2);
  g_assert_nonnull (strstr (problem_at (report, 7), "Type a date"));
  g_assert_nonnull (strstr (problem_at (report, 3), "The date says 07:30 but the time column says 08:00"));
  g_assert_nonnull (strstr (problem_at (report, 4), "Rain “kadang” must be ya or tidak"));
  g_assert_nonnull (strstr (problem_at (report, 6), "An entry for IPAL bengkel at 03/10/2026 07:30 is also on line 5"));
  g_clear_pointer (&report, canting_csv_report_free);

  /* With two plants in use a row must say which. */
  g_free (other->name);
  other->name = g_strdup ("IPAL Komunal Sentra");
  g_assert_true (canting_ipal_plant_save (f->db, other, &error));
  report = import_text (f, CANTING_CSV_IPAL_LOG,
                        "tanggal;ipal;ph keluar\n01/10/2026;;7\n01/10/2026;ipal komunal sentra;7\n",
                        CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_nonnull (strstr (problem_at (report, 2), "There are 2 plants (IPAL)"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_logs l JOIN ipal_plants p ON p.id = l.plant_id "
                                      "WHERE p.name = 'IPAL Komunal Sentra' AND l.at = '2026-10-01T00:00'"), ==, 1);
}

/* The exported log imports into another workshop and exports again byte
 * for byte the same: not measured stays empty, a measured 0 stays 0. */
static void
test_ipal_log_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture ("ipal-log.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) a = canting_csv_import (f->db, CANTING_CSV_IPAL_LOG, bytes, CANTING_CSV_ALL_OR_NOTHING,
                                                      &error);
  g_autoptr(CantingIpalLog) typed = canting_ipal_log_new ();
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GBytes) exported_comma = NULL;
  g_autoptr(CantingDb) other = NULL;
  g_autofree char *other_dir = canting_test_mkdtemp ();
  const char *text;

  g_assert_no_error (error);
  g_assert_cmpuint (a->imported, ==, 3);
  /* Typed in the app, with what a cell must carry carefully: three
   * decimals, a measured 0, lines, a leading dash. */
  typed->plant_id = count_rows (f->db, "SELECT id FROM ipal_plants");
  g_free (typed->at);
  typed->at = g_strdup ("2026-10-04T08:15");
  typed->inflow = 10936;
  typed->outflow = 0;
  typed->pac = 0;
  g_free (typed->notes);
  typed->notes = g_strdup ("- pompa 2 mati\nganti \"seal\"; besok");
  g_assert_true (canting_ipal_log_save (f->db, typed, &error));
  g_assert_no_error (error);

  exported = canting_csv_export (f->db, CANTING_CSV_IPAL_LOG, ';', &error);
  exported_comma = canting_csv_export (f->db, CANTING_CSV_IPAL_LOG, ',', &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (exported, NULL);
  g_assert_cmpstr (text, ==, "\xef\xbb\xbftanggal;jam;ipal;debit masuk;debit keluar;ph masuk;ph keluar;"
                              "suhu;warna;kejernihan;bau;pac;kapur;polimer;pompa;hujan;kejadian;"
                              "petugas;catatan;tindakan\r\n"
                              "2026-10-01;07:30;IPAL bengkel;12500;12000;8,2;7,1;31,5;coklat muda;"
                              "agak keruh;tidak berbau;2,5;1;0,2;P1, P2;;;Pak Darmo;;\r\n"
                              "2026-10-02;07:45;IPAL bengkel;13000;12800;10,4;9,6;33;coklat;keruh;"
                              "bau kimia;3;0;;P1;ya;Hujan deras sore;Bu Sri;Kapur habis;"
                              "Beli kapur, tambah dosis besok\r\n"
                              "2026-10-03;16:00;IPAL bengkel;9800;;7,8;;;;;;;;;;;;Pak Darmo;;\r\n"
                              "2026-10-04;08:15;IPAL bengkel;10,9360;0;;;;;;;0;;;;;;;"
                              "\"'- pompa 2 mati\nganti \"\"seal\"\"; besok\";\r\n");

  other = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  {
    g_autoptr(CantingCsvReport) b = canting_csv_import (other, CANTING_CSV_IPAL_LOG, exported_comma,
                                                        CANTING_CSV_ALL_OR_NOTHING, &error);
    g_autoptr(GBytes) again = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (b->problems->len, ==, 0);
    g_assert_cmpuint (b->imported, ==, 4);
    again = canting_csv_export (other, CANTING_CSV_IPAL_LOG, ';', &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (again, exported));
  }
  g_clear_object (&other);
  canting_test_rmdir (other_dir);
}

static gint64
lab_test_id (CantingDb *db,
             guint      n)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM ipal_lab_tests ORDER BY sampled_at, id LIMIT 1 OFFSET %u", n);
  return count_rows (db, sql);
}

/* Lab results typed off the reports into a sheet, one test a row with
 * the parameters as columns (in Indonesian, as the reports name them):
 * each comes in as a lab test of the only plant, judged like one typed
 * in the app; the same sheet again adds nothing.  The export imports
 * into another workshop and exports again the same. */
static void
test_ipal_lab_import (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fixture ("ipal-lab.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = canting_csv_import (f->db, CANTING_CSV_IPAL_LAB, bytes,
                                                           CANTING_CSV_ALL_OR_NOTHING, &error);
  g_autoptr(CantingCsvReport) again = NULL;
  g_autoptr(CantingLabTest) september = NULL;
  g_autoptr(CantingLabTest) october = NULL;
  g_autoptr(GPtrArray) over = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(CantingDb) other = NULL;
  g_autofree char *other_dir = canting_test_mkdtemp ();

  g_assert_no_error (error);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->imported, ==, 2);
  september = canting_lab_test_load (f->db, lab_test_id (f->db, 0), &error);
  october = canting_lab_test_load (f->db, lab_test_id (f->db, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (september->sampled_at, ==, "2026-09-15T10:00");
  g_assert_cmpstr (september->plant_name, ==, "IPAL bengkel");
  g_assert_cmpstr (september->sampling_point, ==, "outlet IPAL");
  g_assert_cmpstr (september->sampled_by, ==, "Pak Darmo");
  g_assert_cmpstr (september->laboratory, ==, "UPT Laboratorium Lingkungan Jatim");
  g_assert_true (september->accredited);
  g_assert_cmpstr (september->report_number, ==, "LHU-0915/2026");
  g_assert_cmpint (september->results[CANTING_IPAL_BOD], ==, 42000);
  g_assert_cmpint (september->results[CANTING_IPAL_PHENOL], ==, 200);
  g_assert_cmpint (september->results[CANTING_IPAL_OIL_GREASE], ==, 1500);
  g_assert_cmpint (september->results[CANTING_IPAL_COLOUR], ==, 150000);
  g_assert_cmpint (september->results[CANTING_IPAL_TEMPERATURE], ==, 29000);
  g_assert_cmpint (september->flow, ==, CANTING_IPAL_NO_VALUE);
  /* October's BOD and COD are over the limits; what it did is kept. */
  g_assert_cmpint (october->results[CANTING_IPAL_SULFIDE], ==, CANTING_IPAL_NO_VALUE);
  g_assert_cmpstr (october->action, ==, "Tambah PAC, aerasi diperpanjang");
  over = canting_lab_test_exceedances (f->db, october, &error);
  g_assert_cmpuint (over->len, ==, 2);

  again = canting_csv_import (f->db, CANTING_CSV_IPAL_LAB, bytes, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_nonnull (strstr (problem_at (again, 2),
                            "There is already a lab test of IPAL bengkel sampled at 15/09/2026 10:00"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_lab_tests"), ==, 2);

  exported = canting_csv_export (f->db, CANTING_CSV_IPAL_LAB, ';', &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_bytes_get_data (exported, NULL), ==,
                   "\xef\xbb\xbftanggal;jam;ipal;titik sampling;pengambil sampel;debit;laboratorium;terakreditasi;"
                   "nomor laporan;bod;cod;tss;phenol;chromium;oil_grease;ammonia;sulfide;colour;ph;temperature;"
                   "tindakan;catatan\r\n"
                   "2026-09-15;10:00;IPAL bengkel;outlet IPAL;Pak Darmo;;UPT Laboratorium Lingkungan Jatim;ya;"
                   "LHU-0915/2026;42;118;35;0,2;0,1;1,5;3,2;0,1;150;7,4;29;;\r\n"
                   "2026-10-14;09:30;IPAL bengkel;outlet IPAL;Pak Darmo;;UPT Laboratorium Lingkungan Jatim;ya;"
                   "LHU-1014/2026;72;180;40;;;;;;;7,8;30;Tambah PAC, aerasi diperpanjang;\r\n");
  other = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  {
    g_autoptr(CantingCsvReport) b = canting_csv_import (other, CANTING_CSV_IPAL_LAB, exported,
                                                        CANTING_CSV_ALL_OR_NOTHING, &error);
    g_autoptr(GBytes) back = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (b->problems->len, ==, 0);
    g_assert_cmpuint (b->imported, ==, 2);
    back = canting_csv_export (other, CANTING_CSV_IPAL_LAB, ';', &error);
    g_assert_true (g_bytes_equal (back, exported));
  }
  g_clear_object (&other);
  canting_test_rmdir (other_dir);
}

/* Every bad lab row named by line and reason, in the lab form's words;
 * all-or-nothing writes no test, skipping writes exactly the good one. */
static void
test_ipal_lab_bad_rows (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { guint line; const char *part; } expected[] = {
    { 2, "pH must be at most 14." },
    { 3, "BOD₅: “empat puluh” is not a quantity" },
    { 4, "Accredited “mungkin” must be ya or tidak" },
    { 5, "The sampling time is in the future" },
    { 6, "No plant (IPAL) is called “IPAL Sebelah”" },
    { 7, "Type at least one result from the lab report." },
    { 8, "COD cannot be negative." },
    { 10, "A lab test of IPAL bengkel sampled at 07/10/2026 10:00 is also on line 9." },
  };
  g_autoptr(GBytes) bytes = fixture ("ipal-lab-bad.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) dry = canting_csv_import (f->db, CANTING_CSV_IPAL_LAB, bytes, CANTING_CSV_DRY_RUN, &error);
  g_autoptr(CantingCsvReport) refused = NULL;
  g_autoptr(CantingCsvReport) skipped = NULL;
  g_autoptr(CantingLabTest) kept = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (dry->good_rows, ==, 1);
  g_assert_cmpuint (dry->problems->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *message = problem_at (dry, expected[i].line);
      g_test_message ("line %u: %s", expected[i].line, message);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, expected[i].part));
    }

  refused = canting_csv_import (f->db, CANTING_CSV_IPAL_LAB, bytes, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->imported, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT (SELECT count(*) FROM ipal_lab_tests) + "
                                      "(SELECT count(*) FROM ipal_lab_results)"), ==, 0);

  skipped = canting_csv_import (f->db, CANTING_CSV_IPAL_LAB, bytes, CANTING_CSV_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skipped->imported, ==, 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM ipal_lab_tests"), ==, 1);
  kept = canting_lab_test_load (f->db, lab_test_id (f->db, 0), &error);
  g_assert_cmpstr (kept->sampled_at, ==, "2026-10-07T10:00");
  g_assert_cmpstr (kept->laboratory, ==, "UPT Lab Swasta");
  g_assert_false (kept->accredited);
  g_assert_cmpint (kept->results[CANTING_IPAL_PH], ==, 7500);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/csv/customers-comma-bom-quotes", test_customers_comma_bom_quotes);
  ADD ("/csv/customers-semicolon", test_customers_semicolon);
  ADD ("/csv/broken-quoting", test_broken_quoting);
  ADD ("/csv/products-bad-rows", test_products_bad_rows);
  ADD ("/csv/not-utf8", test_not_utf8);
  ADD ("/csv/round-trip", test_round_trip);
  ADD ("/csv/export-guards-formulas", test_export_guards_formulas);
  ADD ("/csv/orders-import", test_orders_import);
  ADD ("/csv/orders-channel", test_orders_channel);
  ADD ("/csv/formula-guard-round-trip", test_formula_guard_round_trip);
  ADD ("/csv/spreadsheet-leftovers", test_spreadsheet_leftovers);
  ADD ("/csv/extra-cells-duplicate-column", test_extra_cells_and_duplicate_column);
  ADD ("/csv/orders-conflicting-rows", test_orders_conflicting_rows);
  ADD ("/csv/orders-numbering", test_orders_numbering);
  ADD ("/csv/orders-large-import", test_orders_large_import);
  ADD ("/csv/orders-large-import-fails-at-the-end", test_orders_large_import_fails_at_the_end);
  ADD ("/csv/orders-large-import-skips-one", test_orders_large_import_skips_one);
  ADD ("/csv/orders-large-import-bad-row-at-the-end", test_orders_large_import_bad_row_at_the_end);
  ADD ("/csv/orders-rows-apart", test_orders_rows_apart);
  ADD ("/csv/orders-large-import-unreadable-end", test_orders_large_import_unreadable_end);
  ADD ("/csv/orders-too-many-rows", test_orders_too_many_rows);
  ADD ("/csv/materials-import", test_materials_import);
  ADD ("/csv/materials-bad-rows", test_materials_bad_rows);
  ADD ("/csv/purchases-import", test_purchases_import);
  ADD ("/csv/purchases-bad-rows", test_purchases_bad_rows);
  ADD ("/csv/stock-round-trip", test_stock_round_trip);
  ADD ("/csv/shortages-export", test_shortages_export);
  ADD ("/csv/purchases-unit-price", test_purchases_unit_price);
  ADD ("/csv/ipal-log-import", test_ipal_log_import);
  ADD ("/csv/ipal-log-bad-rows", test_ipal_log_bad_rows);
  ADD ("/csv/ipal-log-plants-and-times", test_ipal_log_plants_and_times);
  ADD ("/csv/ipal-log-round-trip", test_ipal_log_round_trip);
  ADD ("/csv/ipal-lab-import", test_ipal_lab_import);
  ADD ("/csv/ipal-lab-bad-rows", test_ipal_lab_bad_rows);
#undef ADD
  return g_test_run ();
}
