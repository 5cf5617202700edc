/* test-channel-orders.c: a shop's orders brought in as local orders:
 * once, whatever how often they are read; the customer, items, status,
 * payment (and so the ledger) and finished-goods stock each following
 * the shop exactly once; an odd order rolled back alone. */
#include "canting-channel.h"
#include "canting-channel-order.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-listing.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-test-util.h"

#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 shop;
  gint64 parang;   /* BTK-PR-001, Rp 350.000, 7 pieces */
  gint64 kawung;   /* BTK-KW-002, Rp 150.000, 3 pieces */
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return canting_test_query_int (canting_db_get_handle (f->db), sql);
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
add_product (Fixture      *f,
             const char   *sku,
             const char   *name,
             CantingMoney  price,
             gint64        stock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProduct) p = canting_product_new ();

  g_free (p->sku);
  p->sku = g_strdup (sku);
  g_free (p->name);
  p->name = g_strdup (name);
  p->technique = CANTING_TECHNIQUE_TULIS;
  p->price = price;
  g_assert_true (canting_product_save_with_stock (f->db, p, 0, stock, &error));
  g_assert_no_error (error);
  return p->id;
}

static gint64
stock (Fixture *f,
       gint64   product)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(sum(delta), 0) FROM product_stock_moves WHERE product_id = %"
                                          G_GINT64_FORMAT, product);
  return query_int (f, sql);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingChannel) c = canting_channel_new ();

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  g_free (c->name);
  c->name = g_strdup ("Toko Batik Blitar");
  c->kind = CANTING_CHANNEL_WOOCOMMERCE;
  g_free (c->base_url);
  c->base_url = g_strdup ("https://toko-batik.id");
  c->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
  g_free (c->auth_user);
  c->auth_user = g_strdup ("pembatik");
  g_assert_true (canting_channel_save (f->db, c, &error));
  g_assert_no_error (error);
  f->shop = c->id;
  f->parang = add_product (f, "BTK-PR-001", "Batik Tulis Parang Rusak", 350000, 7);
  f->kawung = add_product (f, "BTK-KW-002", "Batik Cap Kawung", 150000, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

/* Shop order @id: two Parang and one Kawung, Rp 850.000, paid by
 * transfer on 2026-03-02, to Bu Sri in Blitar. */
static CantingRemoteOrder *
remote_order (gint64                    id,
              CantingRemoteOrderStatus  status)
{
  CantingRemoteOrder *o = canting_remote_order_new ();

  o->remote_id = id;
  g_free (o->number);
  o->number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  o->status = status;
  g_free (o->order_date);
  o->order_date = g_strdup ("2026-03-01");
  g_free (o->modified);
  o->modified = g_strdup ("2026-03-02T08:00:00");
  if (status == CANTING_REMOTE_ORDER_PROCESSING || status == CANTING_REMOTE_ORDER_COMPLETED)
    o->paid_on = g_strdup ("2026-03-02");
  o->method = CANTING_PAYMENT_TRANSFER;
  g_free (o->customer_name);
  o->customer_name = g_strdup ("Sri Wahyuni");
  g_free (o->phone);
  o->phone = g_strdup ("+62 812-3456-7890");
  g_free (o->city);
  o->city = g_strdup ("Blitar");
  o->total = 850000;
  g_ptr_array_add (o->items, canting_remote_order_item_new ("BTK-PR-001", "Batik Tulis Parang Rusak", 2, 700000));
  g_ptr_array_add (o->items, canting_remote_order_item_new ("btk-kw-002", "Batik Cap Kawung", 1, 150000));
  return o;
}

static CantingOrderSyncSummary *
import (Fixture            *f,
        CantingRemoteOrder *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  CantingOrderSyncSummary *summary = canting_order_sync_summary_new ();

  g_ptr_array_add (page, o);
  g_assert_true (canting_channel_orders_import (f->db, f->shop, page, summary, &error));
  g_assert_no_error (error);
  return summary;
}

static CantingOrder *
local_order (Fixture *f,
             gint64   remote_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = canting_channel_order_lookup (f->db, f->shop, remote_id, &error);
  CantingOrder *order;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  order = canting_order_load (f->db, id, &error);
  g_assert_no_error (error);
  return order;
}

/* Income booked for payments, not voided. */
static gint64
income (Fixture *f)
{
  return query_int (f, "SELECT coalesce(sum(amount), 0) FROM ledger WHERE kind = 'income' AND voided = 0");
}

/* A paid order comes in once: customer, items by SKU, channel, payment
 * and its income, stock; read again, nothing more. */
static void
test_paid_order_once (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1001, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) first = import (f, o);
  g_autoptr(CantingOrderSyncSummary) again = NULL;
  g_autoptr(CantingOrder) order = local_order (f, 1001);
  CantingOrderItem *item;

  g_assert_cmpuint (first->created, ==, 1);
  g_assert_cmpuint (first->updated, ==, 0);
  g_assert_cmpuint (first->unknown_skus->len, ==, 0);
  g_assert_cmpstr (first->newest, ==, "2026-03-02T08:00:00");
  g_assert_cmpint (order->status, ==, CANTING_ORDER_CONFIRMED);
  g_assert_cmpint (order->channel, ==, CANTING_SALES_ONLINE_SHOP);
  g_assert_true (order->from_stock);
  g_assert_cmpstr (order->order_date, ==, "2026-03-01");
  g_assert_cmpstr (order->customer_name, ==, "Sri Wahyuni");
  g_assert_nonnull (strstr (order->notes, "1001"));
  g_assert_nonnull (strstr (order->notes, "Toko Batik Blitar"));
  g_assert_cmpuint (order->items->len, ==, 2);
  item = order->items->pdata[0];
  g_assert_cmpint (item->product_id, ==, f->parang);
  g_assert_cmpint (item->quantity, ==, 2);
  g_assert_cmpint (item->unit_price, ==, 350000);
  item = order->items->pdata[1];
  g_assert_cmpint (item->product_id, ==, f->kawung);
  g_assert_cmpint (order->paid, ==, 850000);
  g_assert_cmpint (canting_order_get_balance (order), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM payments WHERE method = 'transfer' AND paid_on = '2026-03-02'"),
                   ==, 1);
  g_assert_cmpint (income (f), ==, 850000);
  g_assert_cmpint (stock (f, f->parang), ==, 5);
  g_assert_cmpint (stock (f, f->kawung), ==, 2);
  /* Only what the customers table holds: name, phone, city. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE name = 'Sri Wahyuni' AND city = 'Blitar' "
                                 "AND phone = '+62 812-3456-7890' AND address = '' AND notes = ''"), ==, 1);

  again = import (f, o);
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpint (income (f), ==, 850000);
  g_assert_cmpint (stock (f, f->parang), ==, 5);
}

/* Pending waits as a draft with nothing taken; paid, it is confirmed,
 * paid and its pieces leave stock; completed, it is delivered and takes
 * nothing more; the income stays one payment's. */
static void
test_order_follows_shop (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1002, CANTING_REMOTE_ORDER_PENDING);
  g_autoptr(CantingOrderSyncSummary) s1 = import (f, o);
  g_autoptr(CantingOrderSyncSummary) s2 = NULL;
  g_autoptr(CantingOrderSyncSummary) s3 = NULL;
  g_autoptr(CantingOrder) order = local_order (f, 1002);
  g_autoptr(CantingOrder) later = NULL;
  g_autoptr(CantingOrder) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = NULL;

  g_assert_cmpuint (s1->created, ==, 1);
  g_assert_cmpint (order->status, ==, CANTING_ORDER_DRAFT);
  g_assert_cmpint (order->paid, ==, 0);
  g_assert_cmpint (stock (f, f->parang), ==, 7);

  o->status = CANTING_REMOTE_ORDER_PROCESSING;
  o->paid_on = g_strdup ("2026-03-03");
  s2 = import (f, o);
  g_assert_cmpuint (s2->updated, ==, 1);
  later = local_order (f, 1002);
  g_assert_cmpint (later->status, ==, CANTING_ORDER_CONFIRMED);
  g_assert_cmpint (later->paid, ==, 850000);
  g_assert_cmpint (stock (f, f->parang), ==, 5);

  o->status = CANTING_REMOTE_ORDER_COMPLETED;
  s3 = import (f, o);
  g_assert_cmpuint (s3->updated, ==, 1);
  done = local_order (f, 1002);
  g_assert_cmpint (done->status, ==, CANTING_ORDER_DELIVERED);
  g_assert_cmpint (stock (f, f->parang), ==, 5);
  g_assert_cmpint (stock (f, f->kawung), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpint (income (f), ==, 850000);
  /* Every step in the order's history, as if done by hand. */
  history = canting_order_status_history (f->db, done->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpint (g_array_index (history, CantingStatusChange, 2).status, ==, CANTING_ORDER_READY);
}

/* A shop order delivered by hand here takes nothing more from stock:
 * the shop's sale took its pieces. */
static void
test_delivered_by_hand (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1003, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) s = import (f, o);
  g_autoptr(CantingOrder) order = local_order (f, 1003);
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_order_set_status (f->db, order->id, CANTING_ORDER_READY, NULL, &error));
  g_assert_true (canting_order_set_status (f->db, order->id, CANTING_ORDER_DELIVERED, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stock (f, f->parang), ==, 5);
  g_assert_cmpint (stock (f, f->kawung), ==, 2);
}

/* A refund: the payment goes (its income voided), the pieces come back,
 * the order is cancelled; read again, nothing moves. */
static void
test_refund (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1004, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) s1 = import (f, o);
  g_autoptr(CantingOrderSyncSummary) s2 = NULL;
  g_autoptr(CantingOrderSyncSummary) s3 = NULL;
  g_autoptr(CantingOrder) order = NULL;

  g_assert_cmpint (income (f), ==, 850000);
  o->status = CANTING_REMOTE_ORDER_REFUNDED;
  s2 = import (f, o);
  s3 = import (f, o);
  g_assert_cmpuint (s3->unchanged, ==, 1);
  order = local_order (f, 1004);
  g_assert_cmpint (order->status, ==, CANTING_ORDER_CANCELLED);
  g_assert_cmpint (order->paid, ==, 0);
  g_assert_cmpint (income (f), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE source = 'payment' AND voided = 1"), ==, 1);
  g_assert_cmpint (stock (f, f->parang), ==, 7);
  g_assert_cmpint (stock (f, f->kawung), ==, 3);
}

/* Part of the money given back on the shop: the order costs that much
 * less, the payment and its income are lowered (not a second entry),
 * nothing is owed, the pieces stay sold; a refund deleted on the shop
 * brings it back; the rest refunded removes the payment. */
static void
test_partial_refund (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1005, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) s1 = import (f, o);
  g_autoptr(CantingOrderSyncSummary) s2 = NULL;
  g_autoptr(CantingOrderSyncSummary) s3 = NULL;
  g_autoptr(CantingOrderSyncSummary) s4 = NULL;
  g_autoptr(CantingOrderSyncSummary) s5 = NULL;
  g_autoptr(CantingOrder) order = NULL;
  CantingMoney total = 0;

  g_assert_cmpint (income (f), ==, 850000);
  o->refunded = 100000;
  s2 = import (f, o);
  g_assert_cmpuint (s2->updated, ==, 1);
  order = local_order (f, 1005);
  g_assert_true (canting_order_compute_total (order, &total, NULL));
  g_assert_cmpint (total, ==, 750000);
  g_assert_cmpint (order->paid, ==, 750000);
  g_assert_cmpint (canting_order_get_balance (order), ==, 0);
  g_assert_cmpint (order->items->len, ==, 2);
  g_assert_cmpint (income (f), ==, 750000);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE source = 'payment'"), ==, 1);
  g_assert_cmpint (stock (f, f->parang), ==, 5);
  s3 = import (f, o);
  g_assert_cmpuint (s3->unchanged, ==, 1);

  /* The refund deleted on the shop. */
  o->refunded = 0;
  s4 = import (f, o);
  g_clear_pointer (&order, canting_order_free);
  order = local_order (f, 1005);
  g_assert_cmpint (order->paid, ==, 850000);
  g_assert_cmpint (income (f), ==, 850000);

  /* Everything given back but the status left as it was. */
  o->refunded = 850000;
  s5 = import (f, o);
  g_clear_pointer (&order, canting_order_free);
  order = local_order (f, 1005);
  g_assert_cmpint (order->paid, ==, 0);
  g_assert_cmpint (income (f), ==, 0);
  g_assert_cmpint (canting_order_get_balance (order), ==, 0);
}

/* A SKU not in the catalog: a piece described in words, reported; the
 * total still what the customer paid, so the payment fits. */
static void
test_unknown_sku (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1005, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) s = NULL;
  g_autoptr(CantingOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  CantingOrderItem *item;
  CantingMoney total = 0;

  g_ptr_array_add (o->items, canting_remote_order_item_new ("SLD-009", "Selendang Sutra", 1, 200000));
  /* Rp 15.000 of fees on the shop besides. */
  o->total = 850000 + 200000 + 15000;
  s = import (f, o);
  g_assert_cmpuint (s->created, ==, 1);
  g_assert_cmpuint (s->unknown_skus->len, ==, 1);
  g_assert_cmpstr (s->unknown_skus->pdata[0], ==, "SLD-009 (Selendang Sutra)");
  order = local_order (f, 1005);
  g_assert_cmpuint (order->items->len, ==, 4);
  item = order->items->pdata[2];
  g_assert_cmpint (item->product_id, ==, 0);
  g_assert_cmpstr (item->description, ==, "Selendang Sutra (SKU SLD-009)");
  item = order->items->pdata[3];
  g_assert_cmpint (item->product_id, ==, 0);
  g_assert_cmpint (item->unit_price, ==, 15000);
  g_assert_true (canting_order_compute_total (order, &total, &error));
  g_assert_cmpint (total, ==, 1065000);
  g_assert_cmpint (order->paid, ==, 1065000);
}

/* The same customer by phone, however it is written; another name and
 * no phone makes a customer of its own. */
static void
test_customer_by_phone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) a = remote_order (1006, CANTING_REMOTE_ORDER_PENDING);
  g_autoptr(CantingRemoteOrder) b = remote_order (1007, CANTING_REMOTE_ORDER_PENDING);
  g_autoptr(CantingRemoteOrder) c = remote_order (1008, CANTING_REMOTE_ORDER_PENDING);
  g_autoptr(CantingRemoteOrder) d = remote_order (1009, CANTING_REMOTE_ORDER_PENDING);
  g_autoptr(CantingOrderSyncSummary) s = canting_order_sync_summary_new ();
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_free (b->phone);
  b->phone = g_strdup ("0812 3456 7890");
  g_free (b->customer_name);
  b->customer_name = g_strdup ("Bu Sri");
  g_free (c->phone);
  c->phone = g_strdup ("");
  g_free (c->customer_name);
  c->customer_name = g_strdup ("Pak Harjo");
  /* Not a phone number: left out, the order still comes in. */
  g_free (a->city);
  a->city = g_strdup ("Blitar");
  g_free (d->city);
  d->city = g_strdup ("Kediri");
  g_free (d->phone);
  d->phone = g_strdup ("");
  g_free (d->customer_name);
  d->customer_name = g_strdup ("pak harjo");
  g_ptr_array_add (page, a);
  g_ptr_array_add (page, b);
  g_ptr_array_add (page, c);
  g_ptr_array_add (page, d);
  g_assert_true (canting_channel_orders_import (f->db, f->shop, page, s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s->created, ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(DISTINCT customer_id) FROM orders"), ==, 2);
}

/* What the shop's form lets through and a customer here cannot have: a
 * name too long is cut, a phone that is none is left out. */
static void
test_customer_odd_details (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1015, CANTING_REMOTE_ORDER_PENDING);
  g_autoptr(CantingOrderSyncSummary) s = NULL;
  GString *name = g_string_new (NULL);

  for (guint i = 0; i < 30; i++)
    g_string_append (name, "Nyai Ageng Serang ");
  g_free (o->customer_name);
  o->customer_name = g_string_free (name, FALSE);
  g_free (o->phone);
  o->phone = g_strdup ("tanya di WA saja");
  s = import (f, o);
  g_assert_cmpuint (s->created, ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE length(name) = 120 AND phone = ''"), ==, 1);
}

/* An order that cannot be brought in is rolled back alone and said in
 * words; the rest of its page comes in. */
static void
test_bad_order_alone (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) good = remote_order (1010, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingRemoteOrder) bad = remote_order (1011, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) s = canting_order_sync_summary_new ();
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 customers_before = query_int (f, "SELECT count(*) FROM customers");

  /* More pieces than an order line can have. */
  ((CantingRemoteOrderItem *) bad->items->pdata[1])->quantity = 10000000;
  g_free (bad->customer_name);
  bad->customer_name = g_strdup ("Pembeli Grosir");
  g_free (bad->phone);
  bad->phone = g_strdup ("081111111111");
  g_ptr_array_add (page, bad);
  g_ptr_array_add (page, good);
  g_assert_true (canting_channel_orders_import (f->db, f->shop, page, s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s->created, ==, 1);
  g_assert_cmpuint (s->failed, ==, 1);
  g_assert_cmpuint (s->problems->len, ==, 1);
  g_assert_nonnull (strstr (s->problems->pdata[0], "1011"));
  g_assert_nonnull (strstr (s->problems->pdata[0], "quantity"));
  g_assert_cmpint (canting_channel_order_lookup (f->db, f->shop, 1011, &error), ==, 0);
  /* Nothing of it stays: not its customer, payment or stock. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE name = 'Pembeli Grosir'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers"), ==, customers_before + 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM payments"), ==, 1);
  g_assert_cmpint (stock (f, f->parang), ==, 5);
}

/* The shop sold more than this computer counts: what there is leaves,
 * the person is told to count. */
static void
test_stock_short (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1012, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) s = NULL;

  ((CantingRemoteOrderItem *) o->items->pdata[1])->quantity = 5;
  ((CantingRemoteOrderItem *) o->items->pdata[1])->subtotal = 750000;
  o->total = 700000 + 750000;
  s = import (f, o);
  g_assert_cmpuint (s->created, ==, 1);
  g_assert_cmpint (stock (f, f->kawung), ==, 0);
  g_assert_cmpint (stock (f, f->parang), ==, 5);
  g_assert_cmpuint (s->problems->len, ==, 1);
  g_assert_nonnull (strstr (s->problems->pdata[0], "Batik Cap Kawung"));
  g_assert_nonnull (strstr (s->problems->pdata[0], "Count the stock"));
}

/* Cancelled or failed before it was ever seen: nothing was sold. */
static void
test_first_seen_cancelled (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CantingRemoteOrder) o = remote_order (1013, CANTING_REMOTE_ORDER_FAILED);
  g_autoptr(CantingOrderSyncSummary) s = import (f, o);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (s->created, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM orders"), ==, 0);
  g_assert_cmpint (canting_channel_order_lookup (f->db, f->shop, 1013, &error), ==, 0);
  g_assert_cmpstr (s->newest, ==, "2026-03-02T08:00:00");
}

/* Where the next sync starts: 30 days back the first time, then the
 * newest time read less the overlap; the mark never goes back. */
static void
test_watermark (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-31T12:00:00Z", NULL);
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first = canting_channel_orders_since (f->db, f->shop, now, &error);
  g_autofree char *next = NULL;
  g_autofree char *still = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "2026-03-01T12:00:00");
  g_assert_null (canting_channel_orders_last_sync (f->db, f->shop, &error));
  g_assert_no_error (error);

  g_assert_true (canting_channel_orders_synced (f->db, f->shop, "2026-03-30T10:00:00", &error));
  g_assert_no_error (error);
  next = canting_channel_orders_since (f->db, f->shop, now, &error);
  g_assert_cmpstr (next, ==, "2026-03-30T09:50:00");
  last = canting_channel_orders_last_sync (f->db, f->shop, &error);
  g_assert_nonnull (last);

  g_assert_true (canting_channel_orders_synced (f->db, f->shop, "2026-03-30T09:55:00", &error));
  g_assert_true (canting_channel_orders_synced (f->db, f->shop, NULL, &error));
  g_assert_no_error (error);
  still = canting_channel_orders_since (f->db, f->shop, now, &error);
  g_assert_cmpstr (still, ==, "2026-03-30T09:50:00");
}

/* A shop order whose product is online queues the stock update for the
 * shop with the sale, in the same transaction (the listing triggers). */
static void
test_sale_queues_stock_update (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingRemoteOrder) o = remote_order (1014, CANTING_REMOTE_ORDER_PROCESSING);
  g_autoptr(CantingOrderSyncSummary) s = NULL;
  g_autofree char *payload = NULL;

  g_assert_true (canting_listing_queue_publish (f->db, f->shop, &f->parang, 1, &error));
  g_assert_no_error (error);
  s = import (f, o);
  payload = query_text (f, "SELECT payload FROM outbox");
  g_assert_nonnull (strstr (payload, "\"stock\":5"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/channel-orders/paid-order-once", test_paid_order_once);
  ADD ("/channel-orders/order-follows-shop", test_order_follows_shop);
  ADD ("/channel-orders/delivered-by-hand", test_delivered_by_hand);
  ADD ("/channel-orders/refund", test_refund);
  ADD ("/channel-orders/partial-refund", test_partial_refund);
  ADD ("/channel-orders/unknown-sku", test_unknown_sku);
  ADD ("/channel-orders/customer-by-phone", test_customer_by_phone);
  ADD ("/channel-orders/customer-odd-details", test_customer_odd_details);
  ADD ("/channel-orders/bad-order-alone", test_bad_order_alone);
  ADD ("/channel-orders/stock-short", test_stock_short);
  ADD ("/channel-orders/first-seen-cancelled", test_first_seen_cancelled);
  ADD ("/channel-orders/watermark", test_watermark);
  ADD ("/channel-orders/sale-queues-stock-update", test_sale_queues_stock_update);
#undef ADD

  return g_test_run ();
}
