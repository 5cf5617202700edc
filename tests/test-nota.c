/* test-nota.c: the nota, the stock count sheet and the monthly IPAL
 * report render as PDFs, and their text says what it must. */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "canting-count-sheet.h"
#include "canting-customer.h"
#include "canting-error.h"
#include "canting-ipal-report.h"
#include "canting-ipal-report-pdf.h"
#include "canting-material.h"
#include "canting-db-private.h"
#include "canting-nota.h"
#include "canting-order.h"
#include "canting-profile.h"
#include "canting-test-util.h"

static char *
run (const char *tool,
     const char *path)
{
  /* pdftotext writes to "-" (stdout); pdfinfo always does. */
  const char *argv[] = { tool, path, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  return out;
}

static gint64
make_order (CantingDb  *db,
            guint       n_items,
            const char *notes)
{
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(CantingCustomer) customer = canting_customer_new ();
  g_autoptr(CantingOrder) order = canting_order_new ();
  g_autoptr(CantingPayment) dp = canting_payment_new ();
  g_autoptr(GError) error = NULL;

  canting_profile_set_name (profile, "Batik Tulis Kembang Turi");
  canting_profile_set_city (profile, "Kota Blitar");
  canting_profile_set_phone (profile, "0812-3456-7890");
  g_assert_true (canting_profile_save (profile, db, &error));
  g_free (customer->name);
  customer->name = g_strdup ("Bu Siti Rahayu");
  g_assert_true (canting_customer_save (db, customer, &error));

  order->customer_id = customer->id;
  g_free (order->order_date);
  order->order_date = g_strdup ("2026-11-02");
  order->due_date = g_strdup ("2026-12-01");
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *what = g_strdup_printf ("Kain tulis Parabha Balitar nomor %u", i + 1);
      g_ptr_array_add (order->items, canting_order_item_new (0, what, 2, 750000));
    }
  order->shipping = 30000;
  if (notes != NULL)
    {
      g_free (order->notes);
      order->notes = g_strdup (notes);
    }
  g_assert_true (canting_order_save (db, order, &error));
  g_assert_no_error (error);
  dp->order_id = order->id;
  dp->amount = 500000;
  dp->is_down_payment = TRUE;
  g_assert_true (canting_payment_add (db, dp, &error));
  return order->id;
}

static void
test_nota_text (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "nota.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  gint64 id = make_order (db, 1, NULL);
  g_autoptr(CantingNota) nota = canting_nota_new (db, id, &error);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  name = canting_nota_file_name (nota);
  g_assert_cmpstr (name, ==, "Nota-PSN-2026-0001.pdf");
  g_assert_true (canting_nota_save_pdf (nota, pdf, &error));
  g_assert_no_error (error);

  text = run ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "PSN-2026-0001"));
  g_assert_nonnull (strstr (text, "Batik Tulis Kembang Turi"));
  g_assert_nonnull (strstr (text, "Bu Siti Rahayu"));
  g_assert_nonnull (strstr (text, "Rp 1.530.000"));   /* total */
  g_assert_nonnull (strstr (text, "Rp 500.000"));     /* the DP */
  g_assert_nonnull (strstr (text, "Rp 1.030.000"));   /* balance */
  g_assert_nonnull (strstr (text, "01/12/2026"));
  canting_test_rmdir (dir);
}

/* 120 lines flow over several pages; every line and the totals appear. */
static void
test_nota_pages (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "nota.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  gint64 id = make_order (db, 120, NULL);
  g_autoptr(CantingNota) nota = canting_nota_new (db, id, &error);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  const char *pages;

  g_assert_true (canting_nota_save_pdf (nota, pdf, &error));
  info = run ("pdfinfo", pdf);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpint (atoi (pages + strlen ("Pages:")), >=, 3);

  text = run ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "nomor 1\n"));
  g_assert_nonnull (strstr (text, "nomor 120"));
  g_assert_nonnull (strstr (text, "Rp 180.030.000"));  /* 120 × 2 × 750.000 + 30.000 */
  g_assert_nonnull (strstr (text, "(continued)"));
  canting_test_rmdir (dir);
}

/* Long notes after the totals go on to a new page, the thanks after
 * them: nothing falls off the bottom of the paper. */
static void
test_nota_long_notes (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "nota.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(CantingNota) nota = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  gint64 id;

  for (guint i = 1; i <= 60; i++)
    g_string_append_printf (notes, "%sCatatan baris %u", i > 1 ? "\n" : "", i);
  id = make_order (db, 12, notes->str);
  nota = canting_nota_new (db, id, &error);
  g_assert_true (canting_nota_save_pdf (nota, pdf, &error));
  info = run ("pdfinfo", pdf);
  g_assert_cmpint (atoi (strstr (info, "Pages:") + strlen ("Pages:")), >=, 2);

  text = run ("pdftotext", pdf);
  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *line = g_strdup_printf ("Catatan baris %u\n", i);
      g_assert_nonnull (strstr (text, line));
    }
  g_assert_nonnull (strstr (text, "Thank you for your order."));
  canting_test_rmdir (dir);
}

/* The count sheet lists every current material with its recorded stock,
 * over as many pages as it takes. */
static void
test_count_sheet (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "count.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(CantingMovement) mv = canting_movement_new ();
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;

  /* 19 default materials and 40 more: three pages at 28 rows a page. */
  for (guint i = 1; i <= 40; i++)
    {
      g_autoptr(CantingMaterial) m = canting_material_new ();

      g_free (m->name);
      m->name = g_strdup_printf ("Remazol warna %02u", i);
      m->unit = CANTING_UNIT_GRAM;
      g_assert_true (canting_material_save (db, m, &error));
    }
  mv->material_id = 1;  /* Mori primissima */
  mv->kind = CANTING_MOVEMENT_PURCHASE;
  mv->quantity = 47500;
  mv->cost = 1200000;
  g_assert_true (canting_movement_record (db, mv, CANTING_MOVEMENT_DEFAULT, &error));
  g_assert_no_error (error);

  g_assert_true (canting_count_sheet_save_pdf (db, "Batik Tulis Kembang Turi", pdf, &error));
  g_assert_no_error (error);
  info = run ("pdfinfo", pdf);
  g_assert_cmpint (atoi (strstr (info, "Pages:") + strlen ("Pages:")), ==, 3);
  text = run ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "Stock Count Sheet — Batik Tulis Kembang Turi"));
  g_assert_nonnull (strstr (text, "Mori primissima"));
  g_assert_nonnull (strstr (text, "47,5"));
  g_assert_nonnull (strstr (text, "Remazol warna 40"));
  g_assert_nonnull (strstr (text, "Page 3 of 3"));
  canting_test_rmdir (dir);
}

/* The DLH report: identity, summary with the compliance rate, the daily
 * entries and lab test, the exceedance with its action, the sludge, and
 * the signature line; the same in CSV. */
static void
test_ipal_report (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "ipal.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(CantingIpalLog) good = canting_ipal_log_new ();
  g_autoptr(CantingIpalLog) high = canting_ipal_log_new ();
  g_autoptr(CantingLabTest) test = canting_lab_test_new ();
  g_autoptr(CantingSludge) sludge = canting_sludge_new ();
  g_autoptr(CantingIpalMonth) month = NULL;
  g_autoptr(CantingIpalMonth) empty = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;

  canting_profile_set_name (profile, "Batik Tulis Kembang Turi");
  canting_profile_set_city (profile, "Kota Blitar");
  g_assert_true (canting_profile_save (profile, db, &error));

  good->plant_id = high->plant_id = test->plant_id = sludge->plant_id = 1;
  g_free (good->at);
  good->at = g_strdup ("2026-10-02T07:00");
  good->ph_out = 7500;
  good->outflow = 1200000;
  g_free (high->at);
  high->at = g_strdup ("2026-10-03T07:00");
  high->ph_out = 9600;
  high->outflow = 1100000;
  g_free (high->action);
  high->action = g_strdup ("Tambah PAC, aerasi ulang");
  g_assert_true (canting_ipal_log_save (db, good, &error));
  g_assert_true (canting_ipal_log_save (db, high, &error));
  g_free (test->sampled_at);
  test->sampled_at = g_strdup ("2026-10-10T10:00");
  test->results[CANTING_IPAL_BOD] = 40000;
  test->results[CANTING_IPAL_COD] = 120000;
  g_free (test->laboratory);
  test->laboratory = g_strdup ("UPT Lab Lingkungan");
  test->accredited = TRUE;
  g_assert_true (canting_lab_test_save (db, test, &error));
  g_free (sludge->on_date);
  sludge->on_date = g_strdup ("2026-10-20");
  sludge->amount = 25000;
  g_free (sludge->destination);
  sludge->destination = g_strdup ("PT Pengolah B3");
  g_assert_true (canting_sludge_save (db, sludge, &error));
  g_assert_no_error (error);
  /* 23 pieces of 1 kg finished in the month: 2,3 m³ over 23 kg is 100 m³
   * a ton, at the limit. */
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "INSERT INTO customers (id, name) VALUES (1, 'Bu Sri');"
                                 "INSERT INTO products (id, sku, name, technique, price, weight) "
                                 "  VALUES (1, 'PB-TL-0001', 'Kain Parabha', 'tulis', 1000000, 1000);"
                                 "INSERT INTO orders (id, number, year, seq, customer_id, order_date, status) "
                                 "  VALUES (1, 'PSN-2026-0001', 2026, 1, 1, '2026-09-20', 'in_production');"
                                 "INSERT INTO order_items (id, order_id, position, product_id, description, quantity, unit_price) "
                                 "  VALUES (1, 1, 1, 1, 'Kain Parabha', 23, 1000000);"
                                 "INSERT INTO workers (id, name) VALUES (1, 'Mbak Yuli');"
                                 "INSERT INTO item_stages (order_item_id, position, name, technique, done_on, worker_id) "
                                 "  VALUES (1, 1, 'Lorod', 'tulis', '2026-10-15', 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  month = canting_ipal_month_new (db, 0, "2026-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (month->judged, ==, 3);
  g_assert_cmpuint (month->compliant, ==, 2);
  g_assert_cmpint (canting_ipal_month_compliance (month), ==, 67);
  g_assert_cmpint (month->outflow, ==, 2300000);

  g_assert_true (canting_ipal_report_save_pdf (db, month, pdf, &error));
  g_assert_no_error (error);
  text = run ("pdftotext", pdf);
  g_assert_nonnull (strstr (text, "Monthly Wastewater (IPAL) Report — October 2026"));
  g_assert_nonnull (strstr (text, "Batik Tulis Kembang Turi"));
  g_assert_nonnull (strstr (text, "Permen LH No. 12 Tahun 2025"));
  g_assert_nonnull (strstr (text, "Within the standard: 67% (2 of 3 measurements)."));
  /* Whole thousands below a million are written without the dot, as the
   * quantity fields read them back (canting_quantity_format). */
  g_assert_nonnull (strstr (text, "Wastewater discharged: 2300 litres."));
  g_assert_nonnull (strstr (text, "Wastewater per ton of product: 100 m³, within the limit of 100 m³"));
  g_assert_nonnull (strstr (text, "pH 9,6, limit 9: 0,6 over"));
  g_assert_nonnull (strstr (text, "Action: Tambah PAC, aerasi ulang"));
  g_assert_nonnull (strstr (text, "UPT Lab Lingkungan (accredited)"));
  g_assert_nonnull (strstr (text, "20/10/2026: 25 kg to PT Pengolah B3"));
  g_assert_nonnull (strstr (text, "Responsible for the IPAL"));

  csv = canting_ipal_month_csv (month, ';');
  g_assert_nonnull (strstr (g_bytes_get_data (csv, NULL),
                            "harian;2026-10-03T07:00;IPAL bengkel;1100;;;;;;;;;;;9,6;;1 over the limit;"
                            "Tambah PAC, aerasi ulang\r\n"));
  g_assert_nonnull (strstr (g_bytes_get_data (csv, NULL), "uji lab;2026-10-10T10:00;IPAL bengkel;;;40;120;"));
  g_assert_true (g_str_has_suffix (g_bytes_get_data (csv, NULL),
                                   "\r\nair limbah per ton produk;2026-10;All plants;2300;;;;;;;;;;;;;"
                                   "100 m³, within the limit of 100 m³ (Permen LH 12/2025 Lamp. I);\r\n"));

  /* A month in the future, or not a month: refused. */
  empty = canting_ipal_month_new (db, 0, "2099-01", &error);
  g_assert_null (empty);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_clear_error (&error);
  empty = canting_ipal_month_new (db, 0, "2026-13", &error);
  g_assert_null (empty);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  canting_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nota/text", test_nota_text);
  g_test_add_func ("/nota/pages", test_nota_pages);
  g_test_add_func ("/nota/long-notes", test_nota_long_notes);
  g_test_add_func ("/count-sheet/pages", test_count_sheet);
  g_test_add_func ("/ipal-report/pdf-and-csv", test_ipal_report);
  return g_test_run ();
}
