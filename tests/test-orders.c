/* test-orders.c: customers, the catalog, orders, status and payments. */
#include "canting-backup.h"
#include "canting-customer.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-generate.h"
#include "canting-ledger.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-record-private.h"
#include "canting-share.h"
#include "canting-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
add_customer (Fixture    *f,
              const char *name,
              const char *city)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(GError) error = NULL;

  g_free (c->name);
  c->name = g_strdup (name);
  g_free (c->city);
  c->city = g_strdup (city);
  g_assert_true (canting_customer_save (f->db, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->id, >, 0);
  return c->id;
}

static CantingProduct *
make_product (const char       *name,
              const char       *motif,
              CantingTechnique  technique,
              CantingMoney      price)
{
  CantingProduct *p = canting_product_new ();

  g_free (p->name);
  p->name = g_strdup (name);
  g_free (p->motif);
  p->motif = g_strdup (motif);
  p->technique = technique;
  p->price = price;
  return p;
}

static gint64
add_product (Fixture          *f,
             const char       *name,
             const char       *motif,
             CantingTechnique  technique,
             CantingMoney      price)
{
  g_autoptr(CantingProduct) p = make_product (name, motif, technique, price);
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_product_save (f->db, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static CantingOrder *
make_order (gint64      customer_id,
            const char *order_date,
            const char *due_date)
{
  CantingOrder *o = canting_order_new ();

  o->customer_id = customer_id;
  g_free (o->order_date);
  o->order_date = g_strdup (order_date);
  o->due_date = g_strdup (due_date);
  return o;
}

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return canting_test_query_int (canting_db_get_handle (f->db), sql);
}

/* Adds the order given as @data to a batch and writes it. */
static gboolean
write_in_batch (CantingDb  *db,
                gpointer    data,
                GError    **error)
{
  g_autoptr(CantingOrderBatch) batch = canting_order_batch_new (FALSE);
  CantingOrder *order = data;
  CantingMoney total = 0;

  return canting_order_validate_with_total (order, &total, error) &&
         canting_order_add_in_batch (db, batch, order, total, error) &&
         canting_order_batch_flush (db, batch, error);
}

/* An import writes its orders without SQLite's foreign-key checks: the
 * batch checks the customer and every product in the transaction.  One
 * that is gone is refused, nothing is written, and SQLite checks again
 * once the transaction has ended. */
static void
test_batch_checks_references (Fixture       *f,
                              gconstpointer  data)
{
  gint64 customer = add_customer (f, "Bu Sri", "Blitar");
  gint64 product = add_product (f, "Kain Sekar Jagad", "Sekar Jagad", CANTING_TECHNIQUE_TULIS, 350000);
  g_autoptr(CantingOrder) gone_product = make_order (customer, "2026-03-01", NULL);
  g_autoptr(CantingOrder) gone_customer = make_order (customer + 100, "2026-03-01", NULL);
  g_autoptr(CantingOrder) good = make_order (customer, "2026-03-01", NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (gone_product->items, canting_order_item_new (product, "Kain Sekar Jagad", 1, 350000));
  g_ptr_array_add (gone_product->items, canting_order_item_new (product + 100, "Selendang", 1, 125000));
  g_assert_false (canting_db_transaction_own_checks (f->db, write_in_batch, gone_product, &error));
  g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS);
  g_assert_cmpstr (error->message, ==, "Line 2: This product no longer exists.");
  g_clear_error (&error);

  g_ptr_array_add (gone_customer->items, canting_order_item_new (product, "Kain Sekar Jagad", 1, 350000));
  g_assert_false (canting_db_transaction_own_checks (f->db, write_in_batch, gone_customer, &error));
  g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CUSTOMER);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "orders"), ==, 0);
  g_assert_cmpint (count_rows (f, "order_items"), ==, 0);
  g_assert_cmpint (count_rows (f, "order_status_log"), ==, 0);

  g_ptr_array_add (good->items, canting_order_item_new (product, "Kain Sekar Jagad", 2, 350000));
  g_assert_true (canting_db_transaction_own_checks (f->db, write_in_batch, good, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "orders"), ==, 1);
  g_assert_cmpint (count_rows (f, "order_items"), ==, 1);
  g_assert_cmpint (count_rows (f, "pragma_foreign_key_check"), ==, 0);

  /* Checked again by SQLite. */
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (f->db), "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db),
                                 "INSERT INTO order_items (order_id, position, description, quantity, unit_price) "
                                 "VALUES (999, 1, 'Selendang', 1, 1000)", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_FOREIGNKEY);
}

/* An order's item menu: current products by name, without case, with
 * what choosing one fills in; an archived one only on its own. */
static void
test_product_choices (Fixture       *f,
                      gconstpointer  data)
{
  gint64 kemeja = add_product (f, "kemeja Cakra Palah", "Cakra Palah", CANTING_TECHNIQUE_CAP, 200000);
  gint64 kain = add_product (f, "Kain Puspa Dahana", "Puspa Dahana", CANTING_TECHNIQUE_TULIS, 900000);
  gint64 old = add_product (f, "Selendang lama", "Sogan", CANTING_TECHNIQUE_TULIS, 150000);
  g_autoptr(CantingProduct) archived = canting_product_load (f->db, old, NULL);
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(CantingProductChoice) one = NULL;
  g_autoptr(GError) error = NULL;
  const CantingProductChoice *c;

  archived->archived = TRUE;
  g_assert_true (canting_product_save (f->db, archived, &error));
  g_assert_no_error (error);

  choices = canting_product_choices (f->db, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 2);
  c = g_ptr_array_index (choices, 0);
  g_assert_cmpint (c->id, ==, kain);
  g_assert_cmpstr (c->name, ==, "Kain Puspa Dahana");
  g_assert_cmpint (c->price, ==, 900000);
  {
    g_autoptr(CantingProduct) stored = canting_product_load (f->db, kain, NULL);
    g_assert_cmpstr (c->sku, ==, stored->sku);
    g_assert_cmpstr (c->sku, !=, "");
  }
  c = g_ptr_array_index (choices, 1);
  g_assert_cmpint (c->id, ==, kemeja);
  g_clear_pointer (&choices, g_ptr_array_unref);

  choices = canting_product_choices (f->db, 1, &error);
  g_assert_cmpuint (choices->len, ==, 1);

  one = canting_product_choice_load (f->db, old, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->name, ==, "Selendang lama");
  g_assert_cmpstr (one->sku, ==, archived->sku);
  g_assert_cmpint (one->price, ==, 150000);
  g_assert_null (canting_product_choice_load (f->db, old + 100, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
}

/* --- customers --------------------------------------------------------- */

static void
test_customer_save_search (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CantingCustomer) bad = canting_customer_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 siti = add_customer (f, "  Bu Siti Rahayu ", "Kota Blitar");

  add_customer (f, "Pak Budi", "Tulungagung");
  add_customer (f, "Toko Batik 100% Asli", "Kediri");

  /* Trimmed on save. */
  {
    g_autoptr(CantingCustomer) loaded = canting_customer_load (f->db, siti, &error);
    g_assert_cmpstr (loaded->name, ==, "Bu Siti Rahayu");
  }

  /* By name, by city, case-insensitively; wildcards are literal. */
  found = canting_customer_search (f->db, "siti", FALSE, 0, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = canting_customer_search (f->db, "blitar", FALSE, 0, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = canting_customer_search (f->db, "100%", FALSE, 0, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = canting_customer_search (f->db, "%", FALSE, 0, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_cmpint (canting_customer_count (f->db, "", FALSE, NULL), ==, 3);

  /* Paging: by name, two then one. */
  found = canting_customer_search (f->db, NULL, FALSE, 0, 2, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (((CantingCustomer *) found->pdata[0])->name, ==, "Bu Siti Rahayu");
  g_assert_cmpstr (((CantingCustomer *) found->pdata[1])->name, ==, "Pak Budi");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = canting_customer_search (f->db, NULL, FALSE, 2, 2, &error);
  g_assert_cmpuint (found->len, ==, 1);

  /* Bad input is refused, naming the field; nothing is written. */
  g_assert_false (canting_customer_save (f->db, bad, &error));
  g_assert_error (error, CANTING_CUSTOMER_ERROR, CANTING_CUSTOMER_FIELD_NAME);
  g_clear_error (&error);
  g_free (bad->name);
  bad->name = g_strdup ("Bu Ani");
  g_free (bad->phone);
  bad->phone = g_strdup ("telepon");
  g_assert_false (canting_customer_save (f->db, bad, &error));
  g_assert_error (error, CANTING_CUSTOMER_ERROR, CANTING_CUSTOMER_FIELD_PHONE);
  g_assert_cmpint (count_rows (f, "customers"), ==, 3);
}

static void
test_customer_with_orders_is_archived_not_deleted (Fixture       *f,
                                                   gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  gint64 budi = add_customer (f, "Pak Budi", "Blitar");
  g_autoptr(CantingOrder) o = make_order (siti, "2026-03-01", NULL);
  g_autoptr(GError) error = NULL;
  gint64 n_orders = 0;
  CantingMoney bought = 0;

  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain panjang tulis", 2, 750000));
  g_assert_true (canting_order_save (f->db, o, &error));

  g_assert_false (canting_customer_delete (f->db, siti, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Archive it instead"));
  g_clear_error (&error);
  g_assert_true (canting_customer_set_archived (f->db, siti, TRUE, &error));
  g_assert_cmpint (canting_customer_count (f->db, NULL, FALSE, NULL), ==, 1);
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 2);

  /* Without orders, deleting is fine. */
  g_assert_true (canting_customer_delete (f->db, budi, &error));
  g_assert_no_error (error);

  g_assert_true (canting_customer_history (f->db, siti, &n_orders, &bought, &error));
  g_assert_cmpint (n_orders, ==, 1);
  g_assert_cmpint (bought, ==, 1500000);
}

/* --- products ---------------------------------------------------------- */

static void
test_product_sku (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CantingProduct) a = make_product ("Kain Parabha Balitar", "Parabha Balitar", CANTING_TECHNIQUE_TULIS, 1250000);
  g_autoptr(CantingProduct) b = make_product ("Kain Parabha Balitar biru", "Parabha Balitar", CANTING_TECHNIQUE_TULIS, 1350000);
  g_autoptr(CantingProduct) c = make_product ("Kemeja cap", "", CANTING_TECHNIQUE_CAP, 175000);
  g_autoptr(CantingProduct) dup = make_product ("Salinan", "", CANTING_TECHNIQUE_CAP, 1000);
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_product_save (f->db, a, &error));
  g_assert_true (canting_product_save (f->db, b, &error));
  g_assert_true (canting_product_save (f->db, c, &error));
  g_assert_cmpstr (a->sku, ==, "PB-TL-0001");
  g_assert_cmpstr (b->sku, ==, "PB-TL-0002");
  g_assert_cmpstr (c->sku, ==, "BTK-CP-0001");

  /* Duplicate SKU (any case): refused, naming the product that has it. */
  g_free (dup->sku);
  dup->sku = g_strdup ("pb-tl-0001");
  g_assert_false (canting_product_save (f->db, dup, &error));
  g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_SKU);
  g_assert_nonnull (strstr (error->message, "Kain Parabha Balitar"));
  g_assert_cmpint (dup->id, ==, 0);
  g_assert_cmpstr (dup->sku, ==, "pb-tl-0001");
  g_clear_error (&error);

  g_free (dup->sku);
  dup->sku = g_strdup ("ada spasi");
  g_assert_false (canting_product_save (f->db, dup, &error));
  g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_SKU);
  g_assert_cmpint (count_rows (f, "products"), ==, 3);

  /* Saving a product again keeps its own SKU. */
  a->price = 1300000;
  g_assert_true (canting_product_save (f->db, a, &error));
  g_assert_cmpstr (a->sku, ==, "PB-TL-0001");
}

static void
test_product_validation (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    CantingMoney price;
    CantingMoney cost;
    guint colours;
    CantingProductField field;
    const char *part;
  } table[] = {
    { -1, 0, 1, CANTING_PRODUCT_FIELD_PRICE, "cannot be negative" },
    { G_GINT64_CONSTANT (10000000001), 0, 1, CANTING_PRODUCT_FIELD_PRICE, "over the limit of Rp 10.000.000.000" },
    { 1000, -5, 1, CANTING_PRODUCT_FIELD_UNIT_COST, "cannot be negative" },
    { 1000, 0, 0, CANTING_PRODUCT_FIELD_COLOUR_COUNT, "from 1 to 12" },
    { 1000, 0, 13, CANTING_PRODUCT_FIELD_COLOUR_COUNT, "from 1 to 12" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(CantingProduct) p = make_product ("Selendang", "Kawung", CANTING_TECHNIQUE_CAP, table[i].price);
      g_autoptr(GError) error = NULL;

      p->unit_cost = table[i].cost;
      p->colour_count = table[i].colours;
      g_assert_false (canting_product_save (f->db, p, &error));
      g_assert_error (error, CANTING_PRODUCT_ERROR, (int) table[i].field);
      g_assert_nonnull (strstr (error->message, table[i].part));
    }
  g_assert_cmpint (count_rows (f, "products"), ==, 0);
}

/* A weight per piece as typed, in grams or kilos; stored and read back;
 * empty is not weighed; nonsense and too heavy refused by the field. */
static void
test_product_weight (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *text; gint64 grams; } good[] = {
    { "", 0 }, { "350", 350 }, { " 350 g", 350 }, { "350gr", 350 }, { "1200 gram", 1200 },
    { "1,2 kg", 1200 }, { "0,35KG", 350 }, { "100 kg", 100000 },
  };
  static const char * const bad[] = { "setengah kilo", "350,5", "-5", "0", "1.200", "100,001 kg", "kg" };
  g_autoptr(CantingProduct) p = make_product ("Kain Parabha Balitar", "Parabha Balitar", CANTING_TECHNIQUE_TULIS, 1250000);
  g_autoptr(CantingProduct) read = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 grams = -1;

      g_test_message ("weight “%s”", good[i].text);
      g_assert_true (canting_product_weight_parse (good[i].text, &grams, &error));
      g_assert_no_error (error);
      g_assert_cmpint (grams, ==, good[i].grams);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 grams = -1;

      g_test_message ("weight “%s”", bad[i]);
      g_assert_false (canting_product_weight_parse (bad[i], &grams, &error));
      g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_WEIGHT);
      g_assert_nonnull (strstr (error->message, "is not a weight per piece"));
      g_clear_error (&error);
    }

  /* Not weighed yet: kept as such. */
  g_assert_true (canting_product_save (f->db, p, &error));
  read = canting_product_load (f->db, p->id, &error);
  g_assert_cmpint (read->weight, ==, 0);
  g_clear_pointer (&read, canting_product_free);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (f->db),
                                           "SELECT count(*) FROM products WHERE weight IS NULL"), ==, 1);

  p->weight = 350;
  g_assert_true (canting_product_save (f->db, p, &error));
  read = canting_product_load (f->db, p->id, &error);
  g_assert_cmpint (read->weight, ==, 350);

  p->weight = CANTING_WEIGHT_MAX_GRAMS + 1;
  g_assert_false (canting_product_save (f->db, p, &error));
  g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_WEIGHT);
  g_clear_pointer (&read, canting_product_free);
  read = canting_product_load (f->db, p->id, NULL);
  g_assert_cmpint (read->weight, ==, 350);
}

static void
test_product_stock_and_filters (Fixture       *f,
                                gconstpointer  data)
{
  gint64 kain = add_product (f, "Kain Puspa Dahana", "Puspa Dahana", CANTING_TECHNIQUE_TULIS, 900000);
  gint64 kemeja = add_product (f, "Kemeja Cakra Palah", "Cakra Palah", CANTING_TECHNIQUE_CAP, 200000);
  CantingProductFilter filter = { .technique = -1 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) motifs = NULL;

  g_assert_true (canting_product_adjust_stock (f->db, kain, 5, &error));
  g_assert_true (canting_product_adjust_stock (f->db, kain, -2, &error));
  {
    g_autoptr(CantingProduct) p = canting_product_load (f->db, kain, &error);
    g_assert_cmpint (p->stock, ==, 3);
  }
  /* Never below zero, and the refused move leaves no trace. */
  g_assert_false (canting_product_adjust_stock (f->db, kain, -4, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Only 3"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "product_stock_moves"), ==, 2);

  filter.in_stock_only = TRUE;
  found = canting_product_search (f->db, &filter, 0, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((CantingProduct *) found->pdata[0])->id, ==, kain);
  g_clear_pointer (&found, g_ptr_array_unref);

  filter.in_stock_only = FALSE;
  filter.technique = CANTING_TECHNIQUE_CAP;
  found = canting_product_search (f->db, &filter, 0, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((CantingProduct *) found->pdata[0])->id, ==, kemeja);
  g_clear_pointer (&found, g_ptr_array_unref);

  filter.technique = -1;
  filter.motif = "puspa dahana";
  g_assert_cmpint (canting_product_count (f->db, &filter, NULL), ==, 1);
  filter.motif = NULL;
  filter.text = "cakra";
  g_assert_cmpint (canting_product_count (f->db, &filter, NULL), ==, 1);

  motifs = canting_product_motif_suggestions (f->db, &error);
  g_assert_true (g_strv_contains ((const char * const *) motifs, "Parabha Balitar"));
  g_assert_true (g_strv_contains ((const char * const *) motifs, "Cakra Palah"));
  /* Suggested once, though it is both known and used. */
  {
    guint n = 0;
    for (guint i = 0; motifs[i] != NULL; i++)
      n += g_str_equal (motifs[i], "Puspa Dahana");
    g_assert_cmpuint (n, ==, 1);
  }
}

/* A form saving the product and its stock count saves both or neither. */
static void
test_product_save_with_stock (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CantingProduct) p = make_product ("Sarung", "Truntum", CANTING_TECHNIQUE_CAP, 150000);
  g_autoptr(CantingProduct) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (canting_product_save_with_stock (f->db, p, 0, -1, &error));
  g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_STOCK);
  g_clear_error (&error);
  g_assert_cmpint (p->id, ==, 0);
  g_assert_cmpstr (p->sku, ==, "");
  g_assert_cmpint (count_rows (f, "products"), ==, 0);

  g_assert_true (canting_product_save_with_stock (f->db, p, 0, 7, &error));
  g_assert_true (canting_product_save_with_stock (f->db, p, 7, 4, &error));
  g_assert_true (canting_product_save_with_stock (f->db, p, 4, 4, &error));
  loaded = canting_product_load (f->db, p->id, &error);
  g_assert_cmpint (loaded->stock, ==, 4);
  /* +7, then -3; saving the same count again adds no move. */
  g_assert_cmpint (count_rows (f, "product_stock_moves"), ==, 2);

  /* The stock moved while a form showed 4 (a delivery took one): saving
   * the form unchanged keeps the delivery, changing it is refused. */
  g_assert_true (canting_product_adjust_stock (f->db, p->id, -1, &error));
  p->price = 160000;
  g_assert_true (canting_product_save_with_stock (f->db, p, 4, 4, &error));
  g_clear_pointer (&loaded, canting_product_free);
  loaded = canting_product_load (f->db, p->id, &error);
  g_assert_cmpint (loaded->stock, ==, 3);
  g_assert_cmpint (loaded->price, ==, 160000);
  g_assert_false (canting_product_save_with_stock (f->db, p, 4, 10, &error));
  g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_STOCK);
  g_assert_nonnull (strstr (error->message, "changed to 3"));
  g_clear_error (&error);
  g_clear_pointer (&loaded, canting_product_free);
  loaded = canting_product_load (f->db, p->id, &error);
  g_assert_cmpint (loaded->stock, ==, 3);
}

static void
test_product_photos (Fixture       *f,
                     gconstpointer  data)
{
  gint64 a = add_product (f, "Kain A", "Kawung", CANTING_TECHNIQUE_TULIS, 100000);
  gint64 b = add_product (f, "Kain B", "Kawung", CANTING_TECHNIQUE_TULIS, 100000);
  g_autoptr(GBytes) image = canting_test_image_header ("png", 1600, 1200, "image-bytes");
  g_autoptr(GBytes) thumb = canting_test_image_header ("jpeg", 256, 192, "thumb");
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GStatBuf st;

  g_assert_false (canting_product_photo_add (f->db, a, text, thumb, &error));
  g_assert_nonnull (strstr (error->message, "JPEG or PNG"));
  g_clear_error (&error);

  g_assert_true (canting_product_photo_add (f->db, a, image, thumb, &error));
  g_assert_true (canting_product_photo_add (f->db, b, image, thumb, &error));
  g_assert_no_error (error);
  photos = canting_product_photos (f->db, a, &error);
  g_assert_cmpuint (photos->len, ==, 1);
  path = g_strdup (((CantingPhoto *) photos->pdata[0])->path);
  g_assert_true (g_str_has_suffix (path, ".png"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_str_has_suffix (((CantingPhoto *) photos->pdata[0])->thumbnail, ".jpg"));

  /* The list shows each product's first photo; none for no photos. */
  {
    g_autoptr(GBytes) second = canting_test_image_header ("jpeg", 800, 600, "other");
    CantingProductFilter all = { .technique = -1 };
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(CantingProduct) c = NULL;
    gint64 none = add_product (f, "Kain C", "Kawung", CANTING_TECHNIQUE_TULIS, 100000);

    g_assert_true (canting_product_photo_add (f->db, a, second, second, &error));
    rows = canting_product_search (f->db, &all, 0, 10, &error);
    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpstr (((CantingProduct *) rows->pdata[0])->thumbnail, ==, ((CantingPhoto *) photos->pdata[0])->thumbnail);
    g_assert_nonnull (((CantingProduct *) rows->pdata[1])->thumbnail);
    g_assert_null (((CantingProduct *) rows->pdata[2])->thumbnail);
    c = canting_product_load (f->db, none, &error);
    g_assert_null (c->thumbnail);
    {
      g_autoptr(GPtrArray) of_a = canting_product_photos (f->db, a, &error);
      g_assert_true (canting_product_photo_remove (f->db, ((CantingPhoto *) of_a->pdata[1])->id, &error));
    }
  }

  /* The same image twice is one file.  Removing a photo keeps the file
   * while a backup names it, so restoring that backup finds it; pruning
   * deletes it once neither the records nor a backup do. */
  {
    g_autofree char *backup = canting_backup_create (f->db, CANTING_BACKUP_MANUAL, &error);
    guint removed = 99;

    g_assert_no_error (error);
    g_assert_true (canting_product_photo_remove (f->db, ((CantingPhoto *) photos->pdata[0])->id, &error));
    g_clear_pointer (&photos, g_ptr_array_unref);
    photos = canting_product_photos (f->db, b, &error);
    g_assert_true (canting_product_photo_remove (f->db, ((CantingPhoto *) photos->pdata[0])->id, &error));
    g_assert_true (canting_photo_prune (f->db, &removed, &error));
    /* Only the "other" photo removed before the backup was made. */
    g_assert_cmpuint (removed, ==, 1);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

    g_assert_true (canting_backup_restore (f->db, backup, NULL, &error));
    g_assert_no_error (error);
    g_clear_pointer (&photos, g_ptr_array_unref);
    photos = canting_product_photos (f->db, a, &error);
    g_assert_cmpuint (photos->len, ==, 1);
    g_assert_true (g_file_test (((CantingPhoto *) photos->pdata[0])->path, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (((CantingPhoto *) photos->pdata[0])->thumbnail, G_FILE_TEST_EXISTS));

    /* Gone from the records and from every backup: deleted. */
    g_assert_true (canting_product_photo_remove (f->db, ((CantingPhoto *) photos->pdata[0])->id, &error));
    g_clear_pointer (&photos, g_ptr_array_unref);
    photos = canting_product_photos (f->db, b, &error);
    g_assert_true (canting_product_photo_remove (f->db, ((CantingPhoto *) photos->pdata[0])->id, &error));
    {
      g_autoptr(GPtrArray) copies = canting_backup_list (canting_db_get_data_dir (f->db), &error);
      for (guint i = 0; i < copies->len; i++)
        g_assert_cmpint (g_unlink (((CantingBackupInfo *) copies->pdata[i])->path), ==, 0);
    }
    g_assert_true (canting_photo_prune (f->db, &removed, &error));
    g_assert_cmpuint (removed, ==, 2);   /* the image and its thumbnail */
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  for (int i = 0; i < CANTING_PHOTOS_MAX; i++)
    g_assert_true (canting_product_photo_add (f->db, a, image, thumb, &error));
  g_assert_false (canting_product_photo_add (f->db, a, image, thumb, &error));
  g_assert_nonnull (strstr (error->message, "at most 12 photos"));
}

/* Saving a record another window deleted meanwhile says so and adds
 * nothing back. */
static void
test_save_deleted_record (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(CantingProduct) p = NULL;
  g_autoptr(GError) error = NULL;
  gint64 product_id = add_product (f, "Kain A", "Kawung", CANTING_TECHNIQUE_TULIS, 100000);

  g_free (c->name);
  c->name = g_strdup ("Bu Ani");
  g_assert_true (canting_customer_save (f->db, c, &error));
  g_assert_cmpint (c->id, >, 0);
  g_assert_true (canting_customer_delete (f->db, c->id, &error));
  g_assert_false (canting_customer_save (f->db, c, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This customer no longer exists.");
  g_clear_error (&error);
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 0);

  p = canting_product_load (f->db, product_id, &error);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db), "DELETE FROM products", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (canting_product_save (f->db, p, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This product no longer exists.");
}

/* The motif filter lists each motif in the catalog once, whatever its
 * capitals; archived products' motifs are left out. */
static void
test_product_motifs_in_use (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) motifs = NULL;
  gint64 old;

  add_product (f, "Kain A", "Kawung", CANTING_TECHNIQUE_TULIS, 100000);
  add_product (f, "Kain B", "kawung", CANTING_TECHNIQUE_CAP, 100000);
  add_product (f, "Kain C", "", CANTING_TECHNIQUE_CAP, 100000);
  add_product (f, "Kain D", "Cakra Palah", CANTING_TECHNIQUE_TULIS, 100000);
  old = add_product (f, "Kain E", "Truntum", CANTING_TECHNIQUE_TULIS, 100000);
  {
    g_autoptr(CantingProduct) e = canting_product_load (f->db, old, &error);
    e->archived = TRUE;
    g_assert_true (canting_product_save (f->db, e, &error));
  }
  motifs = canting_product_motifs_in_use (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (motifs), ==, 2);
  g_assert_cmpstr (motifs[0], ==, "Cakra Palah");
  g_assert_cmpint (g_ascii_strcasecmp (motifs[1], "kawung"), ==, 0);
}

/* --- orders ------------------------------------------------------------ */

static void
test_order_totals_and_numbers (Fixture       *f,
                               gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  g_autoptr(CantingOrder) a = make_order (siti, "2026-02-10", "2026-03-10");
  g_autoptr(CantingOrder) b = make_order (siti, "2026-04-01", NULL);
  g_autoptr(CantingOrder) c = make_order (siti, "2027-01-05", NULL);
  g_autoptr(CantingOrder) loaded = NULL;
  g_autoptr(GError) error = NULL;
  CantingMoney total = 0;

  g_ptr_array_add (a->items, canting_order_item_new (0, "Kain tulis Parabha Balitar", 10, 850000));
  g_ptr_array_add (a->items, canting_order_item_new (0, "Selendang cap", 3, 125000));
  a->discount = 250000;
  a->shipping = 45000;
  g_assert_true (canting_order_compute_total (a, &total, &error));
  g_assert_cmpint (total, ==, 8500000 + 375000 - 250000 + 45000);

  g_assert_true (canting_order_save (f->db, a, &error));
  g_assert_no_error (error);
  g_ptr_array_add (b->items, canting_order_item_new (0, "Kemeja", 1, 200000));
  g_assert_true (canting_order_save (f->db, b, &error));
  g_ptr_array_add (c->items, canting_order_item_new (0, "Kemeja", 1, 200000));
  g_assert_true (canting_order_save (f->db, c, &error));
  g_assert_cmpstr (a->number, ==, "PSN-2026-0001");
  g_assert_cmpstr (b->number, ==, "PSN-2026-0002");
  g_assert_cmpstr (c->number, ==, "PSN-2027-0001");

  loaded = canting_order_load (f->db, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->number, ==, "PSN-2026-0001");
  g_assert_cmpstr (loaded->customer_name, ==, "Bu Siti");
  g_assert_cmpstr (loaded->due_date, ==, "2026-03-10");
  g_assert_cmpint (loaded->status, ==, CANTING_ORDER_DRAFT);
  g_assert_cmpuint (loaded->items->len, ==, 2);
  g_assert_cmpstr (((CantingOrderItem *) loaded->items->pdata[1])->description, ==, "Selendang cap");
  g_assert_cmpint (canting_order_get_balance (loaded), ==, total);
}

static void
test_order_bad_input_saves_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  static const struct {
    const char *order_date;
    const char *due_date;
    gint64 quantity;
    CantingMoney price;
    CantingMoney discount;
    CantingOrderField field;
    const char *part;
  } table[] = {
    { "2026-05-10", "2026-05-01", 1, 1000, 0, CANTING_ORDER_FIELD_DUE_DATE, "before the order date" },
    { "2026-02-30", NULL, 1, 1000, 0, CANTING_ORDER_FIELD_ORDER_DATE, "not a date" },
    { "2026-05-10", "besok", 1, 1000, 0, CANTING_ORDER_FIELD_DUE_DATE, "not a date" },
    { "2026-05-10", NULL, -2, 1000, 0, CANTING_ORDER_FIELD_ITEMS, "Line 1: The quantity must be at least 1" },
    { "2026-05-10", NULL, 0, 1000, 0, CANTING_ORDER_FIELD_ITEMS, "at least 1" },
    { "2026-05-10", NULL, 100001, 1000, 0, CANTING_ORDER_FIELD_ITEMS, "over the limit of 100000 pieces" },
    { "2026-05-10", NULL, 1, -1000, 0, CANTING_ORDER_FIELD_ITEMS, "cannot be negative" },
    { "2026-05-10", NULL, 1, G_GINT64_CONSTANT (20000000000), 0, CANTING_ORDER_FIELD_ITEMS, "over the limit" },
    { "2026-05-10", NULL, 2, 1000, 5000, CANTING_ORDER_FIELD_DISCOUNT, "more than the items cost" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(CantingOrder) o = make_order (siti, table[i].order_date, table[i].due_date);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_ptr_array_add (o->items, canting_order_item_new (0, "Kain", table[i].quantity, table[i].price));
      o->discount = table[i].discount;
      g_assert_false (canting_order_save (f->db, o, &error));
      g_assert_error (error, CANTING_ORDER_ERROR, (int) table[i].field);
      g_assert_nonnull (strstr (error->message, table[i].part));
      g_assert_cmpint (o->id, ==, 0);
      g_assert_cmpstr (o->number, ==, "");
    }

  /* No customer; a customer that does not exist. */
  {
    g_autoptr(CantingOrder) o = make_order (0, "2026-05-10", NULL);
    g_autoptr(GError) error = NULL;
    g_assert_false (canting_order_save (f->db, o, &error));
    g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CUSTOMER);
    g_clear_error (&error);
    o->customer_id = 9999;
    g_assert_false (canting_order_save (f->db, o, &error));
    g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CUSTOMER);
  }
  g_assert_cmpint (count_rows (f, "orders"), ==, 0);
  g_assert_cmpint (count_rows (f, "order_items"), ==, 0);
}

static void
test_status_transitions (Fixture       *f,
                         gconstpointer  data)
{
  /* Rows: from; columns: to.  1 = allowed. */
  static const gboolean allowed[CANTING_ORDER_STATUS_COUNT][CANTING_ORDER_STATUS_COUNT] = {
    /*                 draft conf  prod  ready deliv cancel */
    /* draft */      { 0,    1,    0,    0,    0,    1 },
    /* confirmed */  { 0,    0,    1,    1,    0,    1 },
    /* production */ { 0,    0,    0,    1,    0,    1 },
    /* ready */      { 0,    0,    1,    0,    1,    1 },
    /* delivered */  { 0,    0,    0,    0,    0,    0 },
    /* cancelled */  { 0,    0,    0,    0,    0,    0 },
  };
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  g_autoptr(CantingOrder) o = make_order (siti, "2026-06-01", "2026-06-30");
  g_autoptr(CantingOrder) empty = make_order (siti, "2026-06-01", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = NULL;
  static const CantingOrderStatus path[] = {
    CANTING_ORDER_CONFIRMED, CANTING_ORDER_IN_PRODUCTION, CANTING_ORDER_READY, CANTING_ORDER_DELIVERED,
  };

  for (guint from = 0; from < CANTING_ORDER_STATUS_COUNT; from++)
    for (guint to = 0; to < CANTING_ORDER_STATUS_COUNT; to++)
      g_assert_cmpint (canting_order_status_allows (from, to), ==, allowed[from][to]);

  /* An order without items cannot be confirmed. */
  g_assert_true (canting_order_save (f->db, empty, &error));
  g_assert_false (canting_order_set_status (f->db, empty->id, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS);
  g_clear_error (&error);

  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain", 1, 500000));
  g_assert_true (canting_order_save (f->db, o, &error));
  /* Skipping ahead is refused and changes nothing. */
  g_assert_false (canting_order_set_status (f->db, o->id, CANTING_ORDER_DELIVERED, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "PSN-2026-0002"));
  g_clear_error (&error);

  for (gsize i = 0; i < G_N_ELEMENTS (path); i++)
    {
      g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 6, 2 + (int) i, 10, 0, 0);
      g_assert_true (canting_order_set_status (f->db, o->id, path[i], at, &error));
      g_assert_no_error (error);
    }
  /* Delivered is final; a delivered order can no longer be edited. */
  g_assert_false (canting_order_set_status (f->db, o->id, CANTING_ORDER_CANCELLED, NULL, &error));
  g_clear_error (&error);
  {
    g_autoptr(CantingOrder) loaded = canting_order_load (f->db, o->id, NULL);
    g_assert_cmpint (loaded->status, ==, CANTING_ORDER_DELIVERED);
    ((CantingOrderItem *) loaded->items->pdata[0])->quantity = 2;
    g_assert_false (canting_order_save (f->db, loaded, &error));
    g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_STATUS);
  }

  /* Each step recorded with its time, oldest first. */
  history = canting_order_status_history (f->db, o->id, &error);
  g_assert_cmpuint (history->len, ==, 5);
  g_assert_cmpint (g_array_index (history, CantingStatusChange, 0).status, ==, CANTING_ORDER_DRAFT);
  for (guint i = 1; i < history->len; i++)
    {
      CantingStatusChange *change = &g_array_index (history, CantingStatusChange, i);
      g_assert_cmpint (change->status, ==, path[i - 1]);
      g_assert_cmpint (g_date_time_get_day_of_month (change->at), ==, 1 + (int) i);
    }
}

static void
test_payments (Fixture       *f,
               gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  g_autoptr(CantingOrder) o = make_order (siti, "2026-07-01", "2026-07-31");
  g_autoptr(CantingPayment) dp = canting_payment_new ();
  g_autoptr(CantingPayment) more = canting_payment_new ();
  g_autoptr(CantingOrder) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain tulis", 4, 750000));
  o->shipping = 50000;
  g_assert_true (canting_order_save (f->db, o, &error));

  dp->order_id = o->id;
  dp->amount = 1000000;
  dp->is_down_payment = TRUE;
  dp->method = CANTING_PAYMENT_TRANSFER;
  g_assert_true (canting_payment_add (f->db, dp, &error));
  g_assert_no_error (error);

  /* More than the balance: refused, saying how much is due. */
  more->order_id = o->id;
  more->amount = 2050001;
  more->method = CANTING_PAYMENT_QRIS;
  g_assert_false (canting_payment_add (f->db, more, &error));
  g_assert_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_AMOUNT);
  g_assert_nonnull (strstr (error->message, "Rp 2.050.001 is more than the balance due of Rp 2.050.000"));
  g_clear_error (&error);

  more->amount = 2050000;
  g_assert_true (canting_payment_add (f->db, more, &error));
  loaded = canting_order_load (f->db, o->id, &error);
  g_assert_cmpint (loaded->paid, ==, 3050000);
  g_assert_cmpint (canting_order_get_balance (loaded), ==, 0);

  more->amount = 1;
  g_assert_false (canting_payment_add (f->db, more, &error));
  g_assert_nonnull (strstr (error->message, "already paid in full"));
  g_clear_error (&error);

  /* Lowering the total below what was paid is refused. */
  o->shipping = 0;
  g_assert_false (canting_order_save (f->db, o, &error));
  g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_TOTAL);
  g_clear_error (&error);

  list = canting_payment_list (f->db, o->id, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (((CantingPayment *) list->pdata[0])->is_down_payment);
  g_assert_cmpint (((CantingPayment *) list->pdata[1])->method, ==, CANTING_PAYMENT_QRIS);

  /* Bad payments. */
  more->amount = 0;
  g_assert_false (canting_payment_add (f->db, more, &error));
  g_assert_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_AMOUNT);
  g_clear_error (&error);
  more->amount = 10;
  g_free (more->paid_on);
  more->paid_on = g_strdup ("31/07/2026");
  g_assert_false (canting_payment_add (f->db, more, &error));
  g_assert_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_DATE);
  g_assert_cmpint (count_rows (f, "payments"), ==, 2);
}

/* Found in review: a confirmed order emptied of its items could go on to
 * be delivered; and an archived customer could get new orders. */
static void
test_order_keeps_its_items_and_customer_rules (Fixture       *f,
                                               gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  g_autoptr(CantingOrder) o = make_order (siti, "2026-07-01", NULL);
  g_autoptr(CantingOrder) another = make_order (siti, "2026-07-02", NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain", 1, 100000));
  g_assert_true (canting_order_save (f->db, o, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_ptr_array_set_size (o->items, 0);
  g_assert_false (canting_order_save (f->db, o, &error));
  g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "order_items"), ==, 1);

  g_assert_true (canting_customer_set_archived (f->db, siti, TRUE, &error));
  g_ptr_array_add (another->items, canting_order_item_new (0, "Kain", 1, 100000));
  g_assert_false (canting_order_save (f->db, another, &error));
  g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CUSTOMER);
  g_assert_nonnull (strstr (error->message, "archived"));
  g_clear_error (&error);
  /* Its existing order can still be edited. */
  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain", 2, 100000));
  g_assert_true (canting_order_save (f->db, o, &error));
  g_assert_no_error (error);
}

static void
test_cancelled_takes_no_payment (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  g_autoptr(CantingOrder) o = make_order (siti, "2026-07-01", NULL);
  g_autoptr(CantingPayment) p = canting_payment_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain", 1, 100000));
  g_assert_true (canting_order_save (f->db, o, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CANCELLED, NULL, &error));
  p->order_id = o->id;
  p->amount = 50000;
  g_assert_false (canting_payment_add (f->db, p, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
}

static void
test_delivery_from_stock (Fixture       *f,
                          gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  gint64 kain = add_product (f, "Kain Cakra Palah", "Cakra Palah", CANTING_TECHNIQUE_TULIS, 900000);
  gint64 kemeja = add_product (f, "Kemeja", "", CANTING_TECHNIQUE_CAP, 200000);
  g_autoptr(CantingOrder) o = make_order (siti, "2026-08-01", NULL);
  g_autoptr(CantingOrder) made = make_order (siti, "2026-08-01", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_product_adjust_stock (f->db, kain, 5, &error));
  g_assert_true (canting_product_adjust_stock (f->db, kemeja, 1, &error));

  o->from_stock = TRUE;
  /* Two lines of the same product count together. */
  g_ptr_array_add (o->items, canting_order_item_new (kain, "Kain Cakra Palah", 2, 900000));
  g_ptr_array_add (o->items, canting_order_item_new (kain, "Kain Cakra Palah (hadiah)", 1, 0));
  g_ptr_array_add (o->items, canting_order_item_new (kemeja, "Kemeja", 2, 200000));
  g_ptr_array_add (o->items, canting_order_item_new (0, "Ongkos jahit", 1, 30000));
  g_assert_true (canting_order_save (f->db, o, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_READY, NULL, &error));

  /* Only one shirt in stock: the delivery is refused whole. */
  g_assert_false (canting_order_set_status (f->db, o->id, CANTING_ORDER_DELIVERED, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Only 1 of “Kemeja” in stock; 2 needed"));
  g_clear_error (&error);
  {
    g_autoptr(CantingProduct) p = canting_product_load (f->db, kain, NULL);
    g_autoptr(CantingOrder) still = canting_order_load (f->db, o->id, NULL);
    g_assert_cmpint (p->stock, ==, 5);
    g_assert_cmpint (still->status, ==, CANTING_ORDER_READY);
  }

  g_assert_true (canting_product_adjust_stock (f->db, kemeja, 1, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_DELIVERED, NULL, &error));
  {
    g_autoptr(CantingProduct) k = canting_product_load (f->db, kain, NULL);
    g_autoptr(CantingProduct) s = canting_product_load (f->db, kemeja, NULL);
    g_assert_cmpint (k->stock, ==, 2);
    g_assert_cmpint (s->stock, ==, 0);
  }

  /* An order made to measure does not touch stock when delivered. */
  g_ptr_array_add (made->items, canting_order_item_new (kain, "Kain Cakra Palah", 1, 900000));
  g_assert_true (canting_order_save (f->db, made, &error));
  g_assert_true (canting_order_set_status (f->db, made->id, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_assert_true (canting_order_set_status (f->db, made->id, CANTING_ORDER_IN_PRODUCTION, NULL, &error));
  g_assert_true (canting_order_set_status (f->db, made->id, CANTING_ORDER_READY, NULL, &error));
  g_assert_true (canting_order_set_status (f->db, made->id, CANTING_ORDER_DELIVERED, NULL, &error));
  {
    g_autoptr(CantingProduct) k = canting_product_load (f->db, kain, NULL);
    g_assert_cmpint (k->stock, ==, 2);
  }
}

static void
test_order_filters (Fixture       *f,
                    gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  gint64 budi = add_customer (f, "Pak Budi", "Kediri");
  gint64 kain = add_product (f, "Kain Parabha", "Parabha Balitar", CANTING_TECHNIQUE_TULIS, 900000);
  CantingOrderFilter filter = { .status = -1, .today = "2026-09-10" };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    gint64 customer;
    const char *order_date;
    const char *due;
    gint64 product;
    CantingOrderStatus status;
    CantingMoney paid;
  } orders[] = {
    { siti, "2026-08-01", "2026-09-01", kain, CANTING_ORDER_CONFIRMED, 0 },       /* overdue */
    { siti, "2026-08-02", "2026-09-12", 0, CANTING_ORDER_IN_PRODUCTION, 100000 }, /* due this week */
    { budi, "2026-08-03", "2026-09-01", 0, CANTING_ORDER_DELIVERED, 100000 },     /* past due, but done and paid */
    { budi, "2026-08-04", "2026-10-01", 0, CANTING_ORDER_DRAFT, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(CantingOrder) o = make_order (orders[i].customer, orders[i].order_date, orders[i].due);
      static const CantingOrderStatus path[] = {
        CANTING_ORDER_CONFIRMED, CANTING_ORDER_IN_PRODUCTION, CANTING_ORDER_READY, CANTING_ORDER_DELIVERED,
      };

      g_ptr_array_add (o->items, canting_order_item_new (orders[i].product, "Kain", 1, 100000));
      g_assert_true (canting_order_save (f->db, o, &error));
      for (gsize s = 0; s < G_N_ELEMENTS (path) && orders[i].status != CANTING_ORDER_DRAFT; s++)
        {
          g_assert_true (canting_order_set_status (f->db, o->id, path[s], NULL, &error));
          if (path[s] == orders[i].status)
            break;
        }
      if (orders[i].paid > 0)
        {
          g_autoptr(CantingPayment) p = canting_payment_new ();
          p->order_id = o->id;
          p->amount = orders[i].paid;
          g_assert_true (canting_payment_add (f->db, p, &error));
        }
    }

  rows = canting_order_search (f->db, &filter, 0, 50, &error);
  g_assert_cmpuint (rows->len, ==, 4);
  /* Newest first; overdue marked. */
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[0])->number, ==, "PSN-2026-0004");
  g_assert_true (((CantingOrderRow *) rows->pdata[3])->overdue);
  g_assert_false (((CantingOrderRow *) rows->pdata[1])->overdue);
  g_clear_pointer (&rows, g_ptr_array_unref);

  filter.overdue = TRUE;
  rows = canting_order_search (f->db, &filter, 0, 50, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[0])->number, ==, "PSN-2026-0001");
  g_clear_pointer (&rows, g_ptr_array_unref);
  filter.overdue = FALSE;

  filter.due_this_week = TRUE;
  g_assert_cmpint (canting_order_count (f->db, &filter, NULL), ==, 1);
  filter.due_this_week = FALSE;

  filter.unpaid = TRUE;
  g_assert_cmpint (canting_order_count (f->db, &filter, NULL), ==, 1); /* 0001; 0004 is a draft, not owed */
  filter.unpaid = FALSE;

  filter.status = CANTING_ORDER_DELIVERED;
  g_assert_cmpint (canting_order_count (f->db, &filter, NULL), ==, 1);
  filter.status = -1;

  filter.text = "budi";
  g_assert_cmpint (canting_order_count (f->db, &filter, NULL), ==, 2);
  filter.text = "0003";
  g_assert_cmpint (canting_order_count (f->db, &filter, NULL), ==, 1);
  filter.text = "parabha";  /* by the product's motif */
  g_assert_cmpint (canting_order_count (f->db, &filter, NULL), ==, 1);
  filter.text = NULL;

  /* One customer's order history. */
  filter.customer_id = budi;
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = canting_order_search (f->db, &filter, 0, 50, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((CantingOrderRow *) rows->pdata[0])->customer_name, ==, "Pak Budi");
}

/* The indexed search finds exactly what testing every order in turn
 * finds, on generated data with many customers, products and numbers. */
/* "Not fully paid" on the Orders page lists what customers owe: the
 * Receivables dialog counts those orders and sends the person to this
 * filter for the rest.  A draft with nothing paid is not yet agreed, so
 * it owes nothing and is in neither; nor is a cancelled order, nor one
 * paid in full.  The filter counted and listed drafts before. */
static void
test_unpaid_filter_is_what_is_owed (Fixture       *f,
                                    gconstpointer  data)
{
  gint64 siti = add_customer (f, "Bu Siti", "Blitar");
  struct {
    CantingOrderStatus status;
    CantingMoney paid;
    gboolean owes;
  } orders[] = {
    { CANTING_ORDER_DRAFT, 0, FALSE },
    { CANTING_ORDER_CONFIRMED, 0, TRUE },
    { CANTING_ORDER_CONFIRMED, 100000, FALSE },   /* paid in full */
    { CANTING_ORDER_IN_PRODUCTION, 40000, TRUE },
    { CANTING_ORDER_READY, 0, TRUE },
    { CANTING_ORDER_DELIVERED, 60000, TRUE },
    { CANTING_ORDER_CANCELLED, 0, FALSE },
    { CANTING_ORDER_DRAFT, 0, FALSE },
  };
  static const CantingOrderStatus path[] = {
    CANTING_ORDER_CONFIRMED, CANTING_ORDER_IN_PRODUCTION, CANTING_ORDER_READY, CANTING_ORDER_DELIVERED,
  };
  CantingOrderFilter filter = { .status = -1, .today = "2026-09-10", .unpaid = TRUE };
  g_autoptr(GHashTable) owing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) owed = NULL;
  g_autoptr(GPtrArray) most = NULL;
  g_autoptr(GError) error = NULL;
  gint64 draft = 0;
  guint n_owed = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(CantingOrder) o = make_order (siti, "2026-08-01", "2026-09-01");

      g_ptr_array_add (o->items, canting_order_item_new (0, "Kain", 1, 100000));
      g_assert_true (canting_order_save (f->db, o, &error));
      g_assert_no_error (error);
      if (orders[i].status == CANTING_ORDER_CANCELLED)
        g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CANCELLED, NULL, &error));
      for (gsize s = 0; s < G_N_ELEMENTS (path) && orders[i].status != CANTING_ORDER_DRAFT &&
                        orders[i].status != CANTING_ORDER_CANCELLED; s++)
        {
          g_assert_true (canting_order_set_status (f->db, o->id, path[s], NULL, &error));
          if (path[s] == orders[i].status)
            break;
        }
      g_assert_no_error (error);
      if (orders[i].paid > 0)
        {
          g_autoptr(CantingPayment) p = canting_payment_new ();

          p->order_id = o->id;
          p->amount = orders[i].paid;
          g_assert_true (canting_payment_add (f->db, p, &error));
          g_assert_no_error (error);
        }
      if (orders[i].status == CANTING_ORDER_DRAFT)
        draft = o->id;
      if (orders[i].owes)
        g_hash_table_add (owing, g_memdup2 (&o->id, sizeof o->id));
    }

  /* The filter: the owing orders, counted and listed. */
  g_assert_cmpint (canting_order_count (f->db, &filter, &error), ==, 4);
  g_assert_no_error (error);
  rows = canting_order_search (f->db, &filter, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      const CantingOrderRow *row = rows->pdata[i];

      g_assert_true (g_hash_table_contains (owing, &row->id));
      g_assert_cmpint (row->status, !=, CANTING_ORDER_DRAFT);
      g_assert_cmpint (row->total, >, row->paid);
    }

  /* What customers owe: the same orders, and the same count. */
  owed = canting_receivables (f->db, filter.today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (owed->len, ==, rows->len);
  for (guint i = 0; i < owed->len; i++)
    g_assert_true (g_hash_table_contains (owing, &((CantingReceivable *) owed->pdata[i])->order_id));
  most = canting_receivables_most_overdue (f->db, filter.today, 1, &n_owed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_owed, ==, canting_order_count (f->db, &filter, NULL));

  /* Confirming a draft makes it owed in both. */
  g_assert_true (canting_order_set_status (f->db, draft, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (canting_order_count (f->db, &filter, NULL), ==, 5);
  g_clear_pointer (&most, g_ptr_array_unref);
  most = canting_receivables_most_overdue (f->db, filter.today, 1, &n_owed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_owed, ==, 5);
}

static void
test_search_matches_row_by_row (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const texts[] = { "budi", "0012", "PSN-2019", "parabha", "kain", "siti 1", "zzz", "%", "_" };
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_generate_orders (f->db, 3000, 7, &error));
  g_assert_no_error (error);
  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      CantingOrderFilter filter = { .status = -1, .text = texts[t], .today = "2026-01-01" };
      sqlite3_stmt *stmt = NULL;
      gint64 expected;

      g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (f->db),
                                           "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                                           "WHERE o.number LIKE ?1 ESCAPE '!' OR c.name LIKE ?1 ESCAPE '!' "
                                           "OR EXISTS (SELECT 1 FROM order_items i LEFT JOIN products p ON p.id = i.product_id "
                                           "WHERE i.order_id = o.id AND (p.motif LIKE ?1 ESCAPE '!' OR p.name LIKE ?1 ESCAPE '!' "
                                           "OR (i.product_id IS NULL AND i.description LIKE ?1 ESCAPE '!')))",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      /* Wildcards typed by a person are literal, as in the app. */
      {
        g_autofree char *escaped = NULL;
        GString *e = g_string_new ("%");
        for (const char *c = texts[t]; *c; c++)
          {
            if (*c == '%' || *c == '_' || *c == '!')
              g_string_append_c (e, '!');
            g_string_append_c (e, *c);
          }
        g_string_append_c (e, '%');
        escaped = g_string_free (e, FALSE);
        sqlite3_bind_text (stmt, 1, escaped, -1, SQLITE_TRANSIENT);
      }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      expected = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);

      g_test_message ("“%s”: %" G_GINT64_FORMAT " orders", texts[t], expected);
      g_assert_cmpint (canting_order_count (f->db, &filter, &error), ==, expected);
    }
}

static void
test_whatsapp (Fixture       *f,
               gconstpointer  data)
{
  static const struct { const char *phone; const char *number; } numbers[] = {
    { "0812-3456-7890", "6281234567890" },
    { "+62 812 3456 7890", "6281234567890" },
    { "62 812 3456 7890", "6281234567890" },
    { "(0342) 801234", "62342801234" },
    /* Found in review: these went to other countries. */
    { "812-3456-7890", "6281234567890" },       /* a spreadsheet dropped the 0 */
    { "0062 812 3456 7890", "6281234567890" },
    { "+62 0812 3456 7890", "6281234567890" },
  };
  g_autoptr(CantingOrder) o = make_order (1, "2026-11-01", "2026-12-01");
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *n = canting_share_whatsapp_number (numbers[i].phone, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (n, ==, numbers[i].number);
    }
  g_assert_null (canting_share_whatsapp_number ("", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_clear_error (&error);

  g_free (o->number);
  o->number = g_strdup ("PSN-2026-0007");
  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain tulis Parabha Balitar", 2, 750000));
  o->shipping = 30000;
  o->paid = 500000;
  text = canting_share_order_text (o, "Batik Kembang Turi");
  g_assert_cmpstr (text, ==,
                   "Batik Kembang Turi\n"
                   "Order PSN-2026-0007\n"
                   "- Kain tulis Parabha Balitar × 2: Rp 1.500.000\n"
                   "Shipping: Rp 30.000\n"
                   "Total: Rp 1.530.000\n"
                   "Paid: Rp 500.000\n"
                   "Balance due: Rp 1.030.000\n"
                   "Ready by: 01/12/2026");
  url = canting_share_whatsapp_url ("0812-3456-7890", "Total: Rp 1.530.000\n& terima kasih", &error);
  g_assert_cmpstr (url, ==, "https://wa.me/6281234567890?text=Total%3A%20Rp%201.530.000%0A%26%20terima%20kasih");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/customer/save-and-search", test_customer_save_search);
  ADD ("/customer/with-orders-is-archived-not-deleted", test_customer_with_orders_is_archived_not_deleted);
  ADD ("/product/sku", test_product_sku);
  ADD ("/product/validation", test_product_validation);
  ADD ("/product/weight", test_product_weight);
  ADD ("/product/stock-and-filters", test_product_stock_and_filters);
  ADD ("/product/save-with-stock", test_product_save_with_stock);
  ADD ("/product/photos", test_product_photos);
  ADD ("/product/motifs-in-use", test_product_motifs_in_use);
  ADD ("/product/choices", test_product_choices);
  ADD ("/record/save-deleted", test_save_deleted_record);
  ADD ("/order/totals-and-numbers", test_order_totals_and_numbers);
  ADD ("/order/bad-input-saves-nothing", test_order_bad_input_saves_nothing);
  ADD ("/order/status-transitions", test_status_transitions);
  ADD ("/order/payments", test_payments);
  ADD ("/order/cancelled-takes-no-payment", test_cancelled_takes_no_payment);
  ADD ("/order/keeps-its-items-and-customer-rules", test_order_keeps_its_items_and_customer_rules);
  ADD ("/order/delivery-from-stock", test_delivery_from_stock);
  ADD ("/order/filters", test_order_filters);
  ADD ("/order/unpaid-filter-is-what-is-owed", test_unpaid_filter_is_what_is_owed);
  ADD ("/order/search-matches-row-by-row", test_search_matches_row_by_row);
  ADD ("/order/whatsapp", test_whatsapp);
  ADD ("/order/batch-checks-references", test_batch_checks_references);
#undef ADD
  return g_test_run ();
}
