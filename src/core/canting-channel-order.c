/* canting-channel-order.c: bringing a shop's orders in as local orders.
 *
 * Each shop order is handled inside a savepoint of its page's
 * transaction: it comes in whole (customer, order, status, payment,
 * stock, the record of where it came from) or is rolled back alone and
 * described, so one odd order never holds back the rest of the page and
 * never leaves half of itself behind.  Every step compares what is
 * stored with what the shop says and does only the difference, so
 * reading the same order again changes nothing. */
#include "canting-channel-order.h"

#include <string.h>

#include "canting-customer.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-product-private.h"
#include "canting-record-private.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

G_DEFINE_BOXED_TYPE (CantingOrderSyncSummary, canting_order_sync_summary, canting_order_sync_summary_copy,
                     canting_order_sync_summary_free)

static const char * const remote_statuses[CANTING_REMOTE_ORDER_STATUS_COUNT] = {
  [CANTING_REMOTE_ORDER_PENDING] = "pending",
  [CANTING_REMOTE_ORDER_ON_HOLD] = "on_hold",
  [CANTING_REMOTE_ORDER_PROCESSING] = "processing",
  [CANTING_REMOTE_ORDER_COMPLETED] = "completed",
  [CANTING_REMOTE_ORDER_CANCELLED] = "cancelled",
  [CANTING_REMOTE_ORDER_REFUNDED] = "refunded",
  [CANTING_REMOTE_ORDER_FAILED] = "failed",
};

const char *
canting_remote_order_status_to_string (CantingRemoteOrderStatus status)
{
  g_return_val_if_fail (status < CANTING_REMOTE_ORDER_STATUS_COUNT, "pending");
  return remote_statuses[status];
}

CantingRemoteOrderItem *
canting_remote_order_item_new (const char   *sku,
                               const char   *name,
                               gint64        quantity,
                               CantingMoney  subtotal)
{
  CantingRemoteOrderItem *item = g_new0 (CantingRemoteOrderItem, 1);

  item->sku = g_strdup (sku != NULL ? sku : "");
  item->name = g_strdup (name != NULL ? name : "");
  item->quantity = quantity;
  item->subtotal = subtotal;
  return item;
}

void
canting_remote_order_item_free (CantingRemoteOrderItem *item)
{
  if (item == NULL)
    return;
  g_free (item->sku);
  g_free (item->name);
  g_free (item);
}

CantingRemoteOrder *
canting_remote_order_new (void)
{
  CantingRemoteOrder *o = g_new0 (CantingRemoteOrder, 1);

  o->number = g_strdup ("");
  o->order_date = g_strdup ("");
  o->modified = g_strdup ("");
  o->customer_name = g_strdup ("");
  o->phone = g_strdup ("");
  o->city = g_strdup ("");
  o->method = CANTING_PAYMENT_TRANSFER;
  o->items = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_remote_order_item_free);
  return o;
}

void
canting_remote_order_free (CantingRemoteOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->number);
  g_free (order->order_date);
  g_free (order->modified);
  g_free (order->paid_on);
  g_free (order->customer_name);
  g_free (order->phone);
  g_free (order->city);
  g_ptr_array_unref (order->items);
  g_free (order);
}

CantingOrderSyncSummary *
canting_order_sync_summary_new (void)
{
  CantingOrderSyncSummary *s = g_new0 (CantingOrderSyncSummary, 1);

  s->unknown_skus = g_ptr_array_new_with_free_func (g_free);
  s->problems = g_ptr_array_new_with_free_func (g_free);
  return s;
}

static void
copy_strings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (from->pdata[i]));
}

CantingOrderSyncSummary *
canting_order_sync_summary_copy (const CantingOrderSyncSummary *summary)
{
  CantingOrderSyncSummary *s = canting_order_sync_summary_new ();

  s->created = summary->created;
  s->updated = summary->updated;
  s->unchanged = summary->unchanged;
  s->failed = summary->failed;
  copy_strings (s->unknown_skus, summary->unknown_skus);
  copy_strings (s->problems, summary->problems);
  s->newest = g_strdup (summary->newest);
  return s;
}

void
canting_order_sync_summary_free (CantingOrderSyncSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->unknown_skus);
  g_ptr_array_unref (summary->problems);
  g_free (summary->newest);
  g_free (summary);
}

/* --- what is stored ---------------------------------------------------------- */

typedef struct {
  gint64 order_id;     /* 0: not brought in yet */
  char *hash;
  gint64 payment_id;   /* 0: no payment recorded for the shop's money */
} Known;

static gboolean
read_known (CantingDb  *db,
            gint64      channel_id,
            gint64      remote_id,
            Known      *out,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT order_id, remote_hash, coalesce(payment_id, 0) "
                                                      "FROM channel_orders WHERE channel_id = ?1 AND remote_id = ?2",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_int64 (stmt, 2, remote_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->order_id = sqlite3_column_int64 (stmt, 0);
      out->hash = canting_sql_dup_text (stmt, 1);
      out->payment_id = sqlite3_column_int64 (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the shop’s orders"));
      return FALSE;
    }
  return TRUE;
}

/* Everything Canting reads of the shop's order, in one line, hashed: the
 * same hash, the same order as last time.  The modification time is left
 * out: a shop touches it for changes Canting does not read (a note). */
static char *
remote_hash (const CantingRemoteOrder *o)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%"
                          G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT,
                          o->number, remote_statuses[o->status], o->order_date, o->paid_on != NULL ? o->paid_on : "",
                          (int) o->method, o->customer_name, o->phone, o->city, o->total, o->shipping, o->discount);
  /* Only when there are refunds: orders read before refunds were kept
   * hash as they did. */
  if (o->refunded != 0)
    g_string_append_printf (text, "\x1frefunded %" G_GINT64_FORMAT, o->refunded);
  for (guint i = 0; i < o->items->len; i++)
    {
      const CantingRemoteOrderItem *item = o->items->pdata[i];
      g_string_append_printf (text, "\x1e%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT, item->sku, item->name,
                              item->quantity, item->subtotal);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, (gssize) text->len);
}

/* --- the customer -------------------------------------------------------------- */

/* A phone number as digits, the country code written as a leading 0:
 * "+62 812-3456-7890" and "0812 3456 7890" are the same number. */
static char *
phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (g_str_has_prefix (digits->str, "62"))
    g_string_overwrite_len (g_string_erase (digits, 0, 1), 0, "0", 1);
  return g_string_free (digits, FALSE);
}

/* The customer of the shop's order: the one with the same phone number
 * when the shop gives one, else the one with the same name, else a new
 * one with the name, phone and city (nothing more: no e-mail or street
 * address is kept). */
static gint64
find_or_add_customer (CantingDb                 *db,
                      const CantingRemoteOrder  *o,
                      GError                   **error)
{
  g_autofree char *digits = phone_digits (o->phone);
  g_autoptr(CantingCustomer) c = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (*digits != '\0')
    {
      stmt = canting_sql_prepare (db, "SELECT id, phone FROM customers WHERE archived = 0 AND phone <> '' ORDER BY id",
                                  error);
      if (stmt == NULL)
        return 0;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *theirs = phone_digits ((const char *) sqlite3_column_text (stmt, 1));

          if (g_str_equal (theirs, digits))
            return sqlite3_column_int64 (stmt, 0);
        }
    }
  else
    {
      stmt = canting_sql_prepare (db,
                                  "SELECT id FROM customers WHERE archived = 0 AND name = ?1 COLLATE NOCASE "
                                  "ORDER BY id LIMIT 1",
                                  error);
      if (stmt == NULL)
        return 0;
      canting_sql_bind_trimmed (stmt, 1, *o->customer_name != '\0' ? o->customer_name : _("Online shop customer"));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        return sqlite3_column_int64 (stmt, 0);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("finding the customer"));
      return 0;
    }

  c = canting_customer_new ();
  g_free (c->name);
  /* A name fits on a receipt line here; a shop takes longer ones. */
  {
    const char *name = *o->customer_name != '\0' ? o->customer_name : _("Online shop customer");

    /* Only cut a name that is longer: g_utf8_substring() given an end
     * past the string's end reads beyond it (found by AddressSanitizer). */
    c->name = g_utf8_strlen (name, -1) > CANTING_SHORT_TEXT_MAX_CHARS
              ? g_utf8_substring (name, 0, CANTING_SHORT_TEXT_MAX_CHARS) : g_strdup (name);
  }
  /* What the shop's form let through but a customer here cannot have
   * (a number that is no phone, a city too long) is left out rather
   * than refusing the order. */
  if (canting_phone_is_valid (o->phone))
    {
      g_free (c->phone);
      c->phone = g_strdup (o->phone);
    }
  g_free (c->city);
  c->city = g_strdup (o->city);
  if (!canting_customer_validate (c, NULL))
    {
      g_free (c->city);
      c->city = g_strdup ("");
    }
  if (!canting_customer_validate (c, error) || !canting_customer_save_in_txn (db, c, error))
    return 0;
  return c->id;
}

/* --- the order ----------------------------------------------------------------- */

static gboolean
product_by_sku (CantingDb   *db,
                const char  *sku,
                gint64      *out_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_id = 0;
  if (*sku == '\0')
    return TRUE;
  /* SKUs are unique whatever their capitals (the products table). */
  stmt = canting_sql_prepare (db, "SELECT id FROM products WHERE sku = ?1", error);
  if (stmt == NULL)
    return FALSE;
  canting_sql_bind_trimmed (stmt, 1, sku);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("finding the product"));
      return FALSE;
    }
  return TRUE;
}

static void
note_unknown (CantingOrderSyncSummary *summary,
              const char              *text)
{
  for (guint i = 0; i < summary->unknown_skus->len; i++)
    if (g_str_equal (summary->unknown_skus->pdata[i], text))
      return;
  g_ptr_array_add (summary->unknown_skus, g_strdup (text));
}

/* The items and amounts of the shop's order, as a local order has them:
 * a catalog product where the SKU is one, else a piece described in
 * words.  The local total must be what the customer paid (the payment
 * is refused above it): what the shop charged beyond the items and
 * shipping (tax, fees, a price rounded per piece) becomes a line of its
 * own, what it took off more than the coupons adds to the discount. */
static gboolean
fill_items (CantingDb                 *db,
            const CantingRemoteOrder  *o,
            CantingOrder              *order,
            GPtrArray                 *unknown,
            GError                   **error)
{
  g_autoptr(GError) local = NULL;
  CantingMoney total = 0, kept;

  g_ptr_array_set_size (order->items, 0);
  order->discount = o->discount;
  order->shipping = o->shipping;
  for (guint i = 0; i < o->items->len; i++)
    {
      const CantingRemoteOrderItem *item = o->items->pdata[i];
      g_autofree char *description = NULL;
      gint64 product_id;

      if (item->quantity < 1)
        continue;
      if (!product_by_sku (db, item->sku, &product_id, error))
        return FALSE;
      if (product_id != 0 || *item->sku == '\0')
        description = g_strdup (*item->name != '\0' ? item->name : item->sku);
      else
        {
          /* Translators: an order line whose SKU is not in the catalog:
           * "Selendang Sutra (SKU SLD-9)". */
          description = g_strdup_printf (_("%s (SKU %s)"), *item->name != '\0' ? item->name : _("Item"), item->sku);
        }
      if (product_id == 0)
        g_ptr_array_add (unknown, *item->sku != '\0' ? g_strdup_printf ("%s (%s)", item->sku, item->name)
                                                      : g_strdup (item->name));
      if (*description == '\0')
        {
          g_free (description);
          description = g_strdup (_("Item"));
        }
      g_ptr_array_add (order->items, canting_order_item_new (product_id, description, item->quantity,
                                                             MAX (item->subtotal, 0) / item->quantity));
    }
  if (!canting_order_compute_total (order, &total, &local))
    {
      /* More taken off than the items cost: the lines decide. */
      order->discount = 0;
      if (!canting_order_compute_total (order, &total, error))
        return FALSE;
    }
  kept = MAX (o->total - o->refunded, 0);
  if (kept > total)
    g_ptr_array_add (order->items, canting_order_item_new (0, _("Other charges on the online shop"), 1,
                                                           kept - total));
  else if (kept < total)
    order->discount += total - kept;
  return TRUE;
}

/* An order's place on the way to delivery; cancelled is off the way. */
static int
rank (CantingOrderStatus status)
{
  switch (status)
    {
    case CANTING_ORDER_DRAFT:
      return 0;
    case CANTING_ORDER_CONFIRMED:
      return 1;
    case CANTING_ORDER_IN_PRODUCTION:
      return 2;
    case CANTING_ORDER_READY:
      return 3;
    case CANTING_ORDER_DELIVERED:
      return 4;
    case CANTING_ORDER_CANCELLED:
    default:
      return -1;
    }
}

static CantingOrderStatus
local_status (CantingRemoteOrderStatus status)
{
  switch (status)
    {
    case CANTING_REMOTE_ORDER_PENDING:
      return CANTING_ORDER_DRAFT;
    case CANTING_REMOTE_ORDER_ON_HOLD:
    case CANTING_REMOTE_ORDER_PROCESSING:
      return CANTING_ORDER_CONFIRMED;
    case CANTING_REMOTE_ORDER_COMPLETED:
      return CANTING_ORDER_DELIVERED;
    case CANTING_REMOTE_ORDER_CANCELLED:
    case CANTING_REMOTE_ORDER_REFUNDED:
    case CANTING_REMOTE_ORDER_FAILED:
    default:
      return CANTING_ORDER_CANCELLED;
    }
}

/* Whether the shop holds the order's pieces for the customer. */
static gboolean
holds_stock (CantingRemoteOrderStatus status)
{
  return status == CANTING_REMOTE_ORDER_ON_HOLD || status == CANTING_REMOTE_ORDER_PROCESSING ||
         status == CANTING_REMOTE_ORDER_COMPLETED;
}

/* Whether the shop has the customer's money. */
static gboolean
is_paid (const CantingRemoteOrder *o)
{
  return o->status == CANTING_REMOTE_ORDER_COMPLETED || (o->paid_on != NULL && holds_stock (o->status));
}

/* Moves the local order forward to what the shop says, step by allowed
 * step, each recorded in its history; never back: what the workshop did
 * by hand (in production, ready) stays. */
static gboolean
follow_status (CantingDb     *db,
               CantingOrder  *order,
               CantingRemoteOrderStatus remote,
               GPtrArray     *problems,
               GError       **error)
{
  CantingOrderStatus target = local_status (remote);

  if (target == CANTING_ORDER_CANCELLED)
    {
      if (order->status == CANTING_ORDER_DELIVERED)
        {
          g_ptr_array_add (problems, g_strdup_printf (_("Order %s is delivered here but cancelled on the shop; "
                                                        "check it."), order->number));
          return TRUE;
        }
      if (order->status == CANTING_ORDER_CANCELLED)
        return TRUE;
      if (!canting_order_set_status_in_txn (db, order->id, CANTING_ORDER_CANCELLED, NULL, error))
        return FALSE;
      order->status = CANTING_ORDER_CANCELLED;
      return TRUE;
    }
  while (order->status != CANTING_ORDER_CANCELLED && rank (order->status) < rank (target))
    {
      CantingOrderStatus next = order->status == CANTING_ORDER_DRAFT ? CANTING_ORDER_CONFIRMED
                                : order->status == CANTING_ORDER_READY ? CANTING_ORDER_DELIVERED
                                : CANTING_ORDER_READY;

      if (!canting_order_set_status_in_txn (db, order->id, next, NULL, error))
        return FALSE;
      order->status = next;
    }
  return TRUE;
}

/* The amount of payment @id, 0 when it is gone. */
static gboolean
payment_amount (CantingDb     *db,
                gint64         id,
                CantingMoney  *out_amount,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT coalesce((SELECT amount FROM payments WHERE id = ?1), 0)",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return canting_sql_get_int64 (db, stmt, out_amount, _("reading the payments"), error);
}

/* The shop's money, as one payment of the order (the ledger's trigger
 * books it as income): recorded once, when the shop first says it is
 * paid, for what is still owed; taken back (the entry voided) when the
 * shop refunds it. */
static gboolean
follow_payment (CantingDb                 *db,
                const CantingRemoteOrder  *o,
                CantingOrder              *order,
                gint64                    *payment_id,
                GPtrArray                 *problems,
                GError                   **error)
{
  g_autoptr(CantingOrder) now = NULL;
  g_autoptr(CantingPayment) p = NULL;
  CantingMoney balance;

  if (o->status == CANTING_REMOTE_ORDER_REFUNDED && *payment_id != 0)
    {
      CantingMoney amount = 0;

      if (!payment_amount (db, *payment_id, &amount, error))
        return FALSE;
      return amount == 0 || canting_payment_remove_in_txn (db, *payment_id, error);
    }
  if (!is_paid (o) || *payment_id != 0)
    return TRUE;
  if ((now = canting_order_load (db, order->id, error)) == NULL)
    return FALSE;
  balance = canting_order_get_balance (now);
  if (balance <= 0)
    return TRUE;
  if (now->status == CANTING_ORDER_CANCELLED)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("Order %s is cancelled here but paid on the shop; check it."),
                                                  now->number));
      return TRUE;
    }
  p = canting_payment_new ();
  p->order_id = order->id;
  p->amount = balance;
  p->method = o->method;
  if (o->paid_on != NULL && canting_date_is_valid (o->paid_on))
    {
      g_free (p->paid_on);
      p->paid_on = g_strdup (o->paid_on);
    }
  g_free (p->note);
  p->note = g_strdup (_("Paid on the online shop"));
  if (!canting_payment_validate (p, error) || !canting_payment_add_in_txn (db, p, error))
    return FALSE;
  *payment_id = p->id;
  return TRUE;
}

/* Partial refunds: what the customer paid in the end is the shop's
 * total less what it gave back.  The local order costs that (its
 * discount takes the difference: its lines stay as sold), and the
 * shop's payment is lowered to match, or removed when nothing is left;
 * the ledger's entry follows the payment.  Worked out from the shop's
 * figures each time, so a refund the shop deletes again is undone here
 * too.  A cancelled order keeps what it had. */
static gboolean
follow_refunds (CantingDb                 *db,
                const CantingRemoteOrder  *o,
                gint64                     order_id,
                gint64                    *payment_id,
                GError                   **error)
{
  g_autoptr(CantingOrder) now = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  CantingMoney kept = MAX (o->total - o->refunded, 0);
  CantingMoney gross, discount, amount = 0, others, wanted;

  if (o->status == CANTING_REMOTE_ORDER_REFUNDED || (now = canting_order_load (db, order_id, error)) == NULL)
    return o->status == CANTING_REMOTE_ORDER_REFUNDED;
  if (now->status == CANTING_ORDER_CANCELLED || !is_paid (o))
    return TRUE;
  /* The lines and shipping, before any discount. */
  discount = now->discount;
  now->discount = 0;
  if (!canting_order_compute_total (now, &gross, error))
    return FALSE;
  now->discount = discount;
  discount = MAX (gross - kept, 0);
  if (discount != now->discount)
    {
      update = canting_sql_prepare (db, "UPDATE orders SET discount = ?2, total = ?3 WHERE id = ?1", error);
      if (update == NULL)
        return FALSE;
      sqlite3_bind_int64 (update, 1, order_id);
      sqlite3_bind_int64 (update, 2, discount);
      sqlite3_bind_int64 (update, 3, gross - discount);
      if (!canting_sql_run (db, update, _("saving the order"), error))
        return FALSE;
      g_clear_pointer (&update, sqlite3_finalize);
    }
  if (*payment_id == 0 || !payment_amount (db, *payment_id, &amount, error))
    return *payment_id == 0;
  if (amount == 0)
    return TRUE;
  others = now->paid - amount;
  wanted = gross - discount - others;
  if (wanted == amount)
    return TRUE;
  if (wanted <= 0)
    {
      if (!canting_payment_remove_in_txn (db, *payment_id, error))
        return FALSE;
      *payment_id = 0;
      return TRUE;
    }
  update = canting_sql_prepare (db, "UPDATE payments SET amount = ?2 WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, *payment_id);
  sqlite3_bind_int64 (update, 2, wanted);
  return canting_sql_run (db, update, _("saving the payment"), error);
}

/* The pieces the order holds out of finished-goods stock, by product:
 * what its stock moves took (reason "delivery", negative) less what they
 * gave back.  (transfer full) gint64 product id -> gint64 pieces */
static GHashTable *
taken_for_order (CantingDb  *db,
                 gint64      order_id,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT product_id, -sum(delta) FROM product_stock_moves "
                                                      "WHERE order_id = ?1 AND reason = 'delivery' GROUP BY product_id",
                                                      error);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *key = g_new (gint64, 1);
      gint64 *value = g_new (gint64, 1);

      *key = sqlite3_column_int64 (stmt, 0);
      *value = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (taken, key, value);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the stock"));
      return NULL;
    }
  return g_steal_pointer (&taken);
}

static void
add_pieces (GHashTable *table,
            gint64      product_id,
            gint64      pieces)
{
  gint64 *value = g_hash_table_lookup (table, &product_id);

  if (value == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = product_id;
      value = g_new0 (gint64, 1);
      g_hash_table_insert (table, key, value);
    }
  *value += pieces;
}

static gboolean
stock_of (CantingDb   *db,
          gint64       product_id,
          gint64      *out_stock,
          char       **out_name,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT (SELECT coalesce(sum(delta), 0) FROM product_stock_moves "
                                                      "WHERE product_id = ?1), name FROM products WHERE id = ?1",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (!canting_sql_step_one (db, stmt, _("reading the stock"), _("This product no longer exists."), error))
    return FALSE;
  *out_stock = sqlite3_column_int64 (stmt, 0);
  *out_name = canting_sql_dup_text (stmt, 1);
  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Brings the pieces the order holds out of stock to what the shop says:
 * the catalog items' quantities while the shop holds them for the
 * customer, none once it has let them go (cancelled, refunded) or before
 * it holds them (pending).  Only the difference moves, so this is
 * exactly once however often the order is read.  Stock never goes below
 * zero: when the shop sold more than this computer counts, what there is
 * is taken and the person is told to count; the rest is taken when the
 * shop next changes the order. */
static gboolean
follow_stock (CantingDb                 *db,
              const CantingRemoteOrder  *o,
              const CantingOrder        *order,
              GPtrArray                 *problems,
              GError                   **error)
{
  g_autoptr(GHashTable) taken = taken_for_order (db, order->id, error);
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) products = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  if (taken == NULL)
    return FALSE;
  if (holds_stock (o->status))
    for (guint i = 0; i < order->items->len; i++)
      {
        const CantingOrderItem *item = order->items->pdata[i];
        if (item->product_id != 0)
          add_pieces (wanted, item->product_id, item->quantity);
      }
  /* Every product either side names, in id order (a stable order of
   * moves, whatever the hash tables do). */
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (products, *(gint64 *) key);
  g_hash_table_iter_init (&iter, taken);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_array_append_val (products, *(gint64 *) key);
  g_array_sort (products, compare_ids);

  for (guint i = 0; i < products->len; i++)
    {
      gint64 id = g_array_index (products, gint64, i);
      gint64 *w = g_hash_table_lookup (wanted, &id);
      gint64 *t = g_hash_table_lookup (taken, &id);
      gint64 diff = (w != NULL ? *w : 0) - (t != NULL ? *t : 0);
      g_autofree char *name = NULL;
      gint64 have = 0, take;

      if (diff < 0 && !canting_product_move_stock_in_txn (db, id, -diff, "delivery", order->id, error))
        return FALSE;
      if (diff <= 0)
        continue;
      if (!stock_of (db, id, &have, &name, error))
        return FALSE;
      take = MIN (diff, MAX (have, 0));
      if (take > 0 && !canting_product_move_stock_in_txn (db, id, -take, "delivery", order->id, error))
        return FALSE;
      if (take < diff)
        g_ptr_array_add (problems, g_strdup_printf (_("Order %s: the shop sold %d of “%s” but only %d were in stock "
                                                      "here. Count the stock."),
                                                    order->number, (int) diff, name, (int) have));
    }
  return TRUE;
}

typedef struct {
  gint64 channel_id;
  const char *channel_name;
  const CantingRemoteOrder *remote;
  CantingOrderSyncSummary *summary;
} OrderJob;

static gboolean
save_known (CantingDb                 *db,
            gint64                     channel_id,
            const CantingRemoteOrder  *o,
            gint64                     order_id,
            const char                *hash,
            gint64                     payment_id,
            GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "INSERT INTO channel_orders (channel_id, remote_id, order_id, "
                                                      "remote_number, remote_status, remote_modified, remote_hash, payment_id) "
                                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                                                      "ON CONFLICT (channel_id, remote_id) DO UPDATE SET "
                                                      "remote_number = excluded.remote_number, "
                                                      "remote_status = excluded.remote_status, "
                                                      "remote_modified = excluded.remote_modified, "
                                                      "remote_hash = excluded.remote_hash, payment_id = excluded.payment_id, "
                                                      "synced_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_int64 (stmt, 2, o->remote_id);
  sqlite3_bind_int64 (stmt, 3, order_id);
  sqlite3_bind_text (stmt, 4, o->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, remote_statuses[o->status], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, o->modified, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, hash, -1, SQLITE_STATIC);
  canting_sql_bind_optional (stmt, 8, payment_id, 0);
  return canting_sql_run (db, stmt, _("saving where the order came from"), error);
}

/* One shop order, inside the page's transaction. */
static gboolean
import_one (CantingDb  *db,
            OrderJob   *job,
            GError    **error)
{
  const CantingRemoteOrder *o = job->remote;
  CantingOrderSyncSummary *summary = job->summary;
  g_autoptr(CantingOrder) order = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *hash = remote_hash (o);
  Known known = { 0 };
  gboolean ok = FALSE;

  if (!read_known (db, job->channel_id, o->remote_id, &known, error))
    return FALSE;
  if (known.order_id != 0 && g_strcmp0 (known.hash, hash) == 0)
    {
      summary->unchanged++;
      g_free (known.hash);
      return TRUE;
    }
  g_free (known.hash);
  if (known.order_id == 0 && local_status (o->status) == CANTING_ORDER_CANCELLED)
    /* Nothing was sold: no order to bring in. */
    return TRUE;

  if (known.order_id == 0)
    {
      gint64 customer = find_or_add_customer (db, o, error);

      if (customer == 0)
        return FALSE;
      order = canting_order_new ();
      order->customer_id = customer;
      if (canting_date_is_valid (o->order_date))
        {
          g_free (order->order_date);
          order->order_date = g_strdup (o->order_date);
        }
      order->channel = CANTING_SALES_ONLINE_SHOP;
      /* Sold from the finished pieces the shop lists. */
      order->from_stock = TRUE;
      g_free (order->notes);
      /* Translators: "Order 1234 on Toko Batik Blitar". */
      order->notes = g_strdup_printf (_("Order %s on %s"), o->number, job->channel_name);
    }
  else if ((order = canting_order_load (db, known.order_id, error)) == NULL)
    return FALSE;

  /* Items and amounts follow the shop while they may still change here:
   * before production starts and before any money is recorded. */
  if (order->id == 0 || (canting_order_status_is_editable (order->status) && order->paid == 0))
    {
      if (!fill_items (db, o, order, unknown, error) || !canting_order_validate (order, error) ||
          !canting_order_save_in_txn (db, order, error))
        goto out;
    }
  else
    {
      /* Unknown SKUs are still worth a word, even when the lines stay. */
      g_autoptr(CantingOrder) scratch = canting_order_new ();
      if (!fill_items (db, o, scratch, unknown, error))
        goto out;
    }

  /* Known from here on: delivering the order takes nothing from stock
   * (canting-order.c), the shop's sale does. */
  if (!save_known (db, job->channel_id, o, order->id, hash, known.payment_id, error))
    goto out;
  if (o->status == CANTING_REMOTE_ORDER_REFUNDED && !follow_payment (db, o, order, &known.payment_id, problems, error))
    goto out;
  if (!follow_status (db, order, o->status, problems, error))
    goto out;
  if (o->status != CANTING_REMOTE_ORDER_REFUNDED && !follow_payment (db, o, order, &known.payment_id, problems, error))
    goto out;
  if (!follow_refunds (db, o, order->id, &known.payment_id, error))
    goto out;
  if (!follow_stock (db, o, order, problems, error) ||
      !save_known (db, job->channel_id, o, order->id, hash, known.payment_id, error))
    goto out;

  if (known.order_id == 0)
    summary->created++;
  else
    summary->updated++;
  for (guint i = 0; i < unknown->len; i++)
    note_unknown (summary, unknown->pdata[i]);
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (summary->problems, g_strdup (problems->pdata[i]));
  ok = TRUE;
out:
  return ok;
}

static gboolean
exec (CantingDb   *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (canting_db_get_handle (db), sql, NULL, NULL, &message);

  sqlite3_free (message);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("saving the shop’s orders"));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 channel_id;
  GPtrArray *orders;
  CantingOrderSyncSummary *summary;
} PageJob;

static gboolean
import_page (CantingDb  *db,
             gpointer    user_data,
             GError    **error)
{
  PageJob *page = user_data;
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT name FROM channels WHERE id = ?1", error);
  g_autofree char *channel_name = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, page->channel_id);
  if (!canting_sql_step_one (db, stmt, _("reading the channel"), _("This channel no longer exists."), error))
    return FALSE;
  channel_name = canting_sql_dup_text (stmt, 0);

  for (guint i = 0; i < page->orders->len; i++)
    {
      CantingRemoteOrder *o = page->orders->pdata[i];
      g_autoptr(GError) local = NULL;
      OrderJob job = { page->channel_id, channel_name, o, page->summary };

      if (page->summary->newest == NULL || g_strcmp0 (o->modified, page->summary->newest) > 0)
        {
          g_free (page->summary->newest);
          page->summary->newest = g_strdup (o->modified);
        }
      /* The order whole or not at all, the page's other orders apart. */
      if (!exec (db, "SAVEPOINT shop_order", error))
        return FALSE;
      if (import_one (db, &job, &local))
        {
          if (!exec (db, "RELEASE shop_order", error))
            return FALSE;
          continue;
        }
      if (!exec (db, "ROLLBACK TO shop_order", error) || !exec (db, "RELEASE shop_order", error))
        return FALSE;
      page->summary->failed++;
      /* Translators: "Order 1234 from the shop was not brought in: …" */
      g_ptr_array_add (page->summary->problems,
                       g_strdup_printf (_("Order %s from the shop was not brought in: %s"), o->number, local->message));
    }
  return TRUE;
}

gboolean
canting_channel_orders_import (CantingDb                *db,
                               gint64                    channel_id,
                               GPtrArray                *orders,
                               CantingOrderSyncSummary  *summary,
                               GError                  **error)
{
  g_autoptr(CantingOrderSyncSummary) scratch = canting_order_sync_summary_copy (summary);
  PageJob page = { channel_id, orders, scratch };

  /* Counted in a copy: a page rolled back as a whole counts nothing. */
  if (!canting_db_transaction (db, import_page, &page, error))
    return FALSE;
  summary->created = scratch->created;
  summary->updated = scratch->updated;
  summary->unchanged = scratch->unchanged;
  summary->failed = scratch->failed;
  g_ptr_array_set_size (summary->unknown_skus, 0);
  copy_strings (summary->unknown_skus, scratch->unknown_skus);
  g_ptr_array_set_size (summary->problems, 0);
  copy_strings (summary->problems, scratch->problems);
  g_free (summary->newest);
  summary->newest = g_steal_pointer (&scratch->newest);
  return TRUE;
}

/* --- how far a channel has read ------------------------------------------------ */

#define SHOP_TIME_FORMAT "%Y-%m-%dT%H:%M:%S"

char *
canting_channel_orders_since (CantingDb  *db,
                              gint64      channel_id,
                              GDateTime  *now,
                              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT orders_modified_until FROM channels WHERE id = ?1",
                                                      error);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) mark = NULL;
  g_autoptr(GDateTime) since = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  if (!canting_sql_step_one (db, stmt, _("reading the channel"), _("This channel no longer exists."), error))
    return NULL;
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    mark = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 0), utc);
  if (mark != NULL)
    since = g_date_time_add_seconds (mark, -CANTING_ORDER_SYNC_OVERLAP_S);
  else
    {
      g_autoptr(GDateTime) current = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
      since = g_date_time_add_days (current, -CANTING_ORDER_SYNC_FIRST_DAYS);
    }
  return g_date_time_format (since, SHOP_TIME_FORMAT);
}

gboolean
canting_channel_orders_synced (CantingDb   *db,
                               gint64       channel_id,
                               const char  *newest,
                               GError     **error)
{
  /* The mark only moves forward: a sync that read only older orders
   * (the overlap) leaves it. */
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "UPDATE channels SET orders_synced_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                                                      "orders_modified_until = CASE WHEN ?2 IS NOT NULL AND "
                                                      "(orders_modified_until IS NULL OR ?2 > orders_modified_until) "
                                                      "THEN ?2 ELSE orders_modified_until END WHERE id = ?1",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  if (newest != NULL && *newest != '\0')
    sqlite3_bind_text (stmt, 2, newest, -1, SQLITE_STATIC);
  if (!canting_sql_run (db, stmt, _("saving when the orders were fetched"), error))
    return FALSE;
  if (sqlite3_changes (canting_db_get_handle (db)) == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This channel no longer exists."));
      return FALSE;
    }
  return TRUE;
}

GDateTime *
canting_channel_orders_last_sync (CantingDb  *db,
                                  gint64      channel_id,
                                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT orders_synced_at FROM channels WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  if (!canting_sql_step_one (db, stmt, _("reading the channel"), _("This channel no longer exists."), error))
    return NULL;
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 0), NULL);
}

gint64
canting_channel_order_lookup (CantingDb  *db,
                              gint64      channel_id,
                              gint64      remote_id,
                              GError    **error)
{
  Known known = { 0 };

  if (!read_known (db, channel_id, remote_id, &known, error))
    return -1;
  g_free (known.hash);
  return known.order_id;
}
