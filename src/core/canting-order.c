/* canting-order.c: orders, their status, totals and payments.
 *
 * Every change is one transaction: an order is saved with all its items
 * or not at all, a delivery takes all its pieces out of stock or none. */
#include "canting-order.h"

#include <string.h>

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-order-private.h"
#include "canting-product-private.h"
#include "canting-production.h"
#include "canting-recipe-private.h"
#include "canting-record-private.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

/* Highest unit price, shipping cost or discount: Rp 10 billion.  With
 * CANTING_PIECES_MAX pieces a line stays below 10^15, the money limit. */
#define AMOUNT_MAX G_GINT64_CONSTANT (10000000000)
/* An order's total may not pass this: Rp 999 trillion, the money limit. */
#define TOTAL_MAX G_GINT64_CONSTANT (999999999999999)
/* Lines per order: a nota lists them all on a page or two. */
#define ITEMS_MAX 200

G_DEFINE_QUARK (canting-order-error-quark, canting_order_error)
G_DEFINE_QUARK (canting-payment-error-quark, canting_payment_error)
G_DEFINE_BOXED_TYPE (CantingOrder, canting_order, canting_order_copy, canting_order_free)

static const CantingEnumName statuses[CANTING_ORDER_STATUS_COUNT] = {
  [CANTING_ORDER_DRAFT] = { "draft", N_("Draft") },
  [CANTING_ORDER_CONFIRMED] = { "confirmed", N_("Confirmed") },
  [CANTING_ORDER_IN_PRODUCTION] = { "in_production", N_("In production") },
  [CANTING_ORDER_READY] = { "ready", N_("Ready") },
  [CANTING_ORDER_DELIVERED] = { "delivered", N_("Delivered") },
  [CANTING_ORDER_CANCELLED] = { "cancelled", N_("Cancelled") },
};

static const CantingEnumName methods[CANTING_PAYMENT_METHOD_COUNT] = {
  [CANTING_PAYMENT_CASH] = { "cash", N_("Cash") },
  [CANTING_PAYMENT_TRANSFER] = { "transfer", N_("Bank transfer") },
  [CANTING_PAYMENT_QRIS] = { "qris", N_("QRIS or e-wallet") },
};

static const CantingEnumName channels[CANTING_SALES_CHANNEL_COUNT] = {
  [CANTING_SALES_DIRECT] = { "direct", N_("In person") },
  [CANTING_SALES_WHATSAPP] = { "whatsapp", N_("WhatsApp") },
  [CANTING_SALES_EXHIBITION] = { "exhibition", N_("Exhibition") },
  [CANTING_SALES_ONLINE_SHOP] = { "online_shop", N_("Online shop") },
  [CANTING_SALES_EPEKEN] = { "epeken", N_("e-Peken") },
  [CANTING_SALES_MARKETPLACE] = { "marketplace", N_("Other marketplace") },
};

const char *
canting_sales_channel_to_string (CantingSalesChannel channel)
{
  return canting_enum_id (channels, CANTING_SALES_CHANNEL_COUNT, channel);
}

const char *
canting_sales_channel_label (CantingSalesChannel channel)
{
  return canting_enum_label (channels, CANTING_SALES_CHANNEL_COUNT, channel);
}

gboolean
canting_sales_channel_from_string (const char          *text,
                                   CantingSalesChannel *out_channel)
{
  return canting_enum_lookup (channels, CANTING_SALES_CHANNEL_COUNT, text, (guint *) out_channel);
}

gboolean
canting_sales_channel_is_online (CantingSalesChannel channel)
{
  return channel == CANTING_SALES_ONLINE_SHOP || channel == CANTING_SALES_EPEKEN ||
         channel == CANTING_SALES_MARKETPLACE;
}

const char *
canting_order_status_to_string (CantingOrderStatus status)
{
  return canting_enum_id (statuses, CANTING_ORDER_STATUS_COUNT, status);
}

const char *
canting_order_status_label (CantingOrderStatus status)
{
  return canting_enum_label (statuses, CANTING_ORDER_STATUS_COUNT, status);
}

gboolean
canting_order_status_from_string (const char         *text,
                                  CantingOrderStatus *out_status)
{
  guint value;

  if (!canting_enum_lookup (statuses, CANTING_ORDER_STATUS_COUNT, text, &value))
    return FALSE;
  *out_status = value;
  return TRUE;
}

gboolean
canting_order_status_allows (CantingOrderStatus from,
                             CantingOrderStatus to)
{
  /* Forward through the workshop; straight from confirmed to ready when
   * nothing is made for it here (from stock, or made outside the
   * workshop's own production); back from ready to production for rework;
   * cancelled from anywhere before delivery.  Delivered and cancelled
   * are final. */
  switch (from)
    {
    case CANTING_ORDER_DRAFT:
      return to == CANTING_ORDER_CONFIRMED || to == CANTING_ORDER_CANCELLED;
    case CANTING_ORDER_CONFIRMED:
      return to == CANTING_ORDER_IN_PRODUCTION || to == CANTING_ORDER_READY || to == CANTING_ORDER_CANCELLED;
    case CANTING_ORDER_IN_PRODUCTION:
      return to == CANTING_ORDER_READY || to == CANTING_ORDER_CANCELLED;
    case CANTING_ORDER_READY:
      return to == CANTING_ORDER_DELIVERED || to == CANTING_ORDER_IN_PRODUCTION || to == CANTING_ORDER_CANCELLED;
    case CANTING_ORDER_DELIVERED:
    case CANTING_ORDER_CANCELLED:
    default:
      return FALSE;
    }
}

gboolean
canting_order_status_is_editable (CantingOrderStatus status)
{
  /* Once in production the items have stages (and workers' wages) hanging
   * on them: they no longer change. */
  return status == CANTING_ORDER_DRAFT || status == CANTING_ORDER_CONFIRMED;
}

const char *
canting_payment_method_to_string (CantingPaymentMethod method)
{
  return canting_enum_id (methods, CANTING_PAYMENT_METHOD_COUNT, method);
}

const char *
canting_payment_method_label (CantingPaymentMethod method)
{
  return canting_enum_label (methods, CANTING_PAYMENT_METHOD_COUNT, method);
}

gboolean
canting_payment_method_from_string (const char           *text,
                                    CantingPaymentMethod *out_method)
{
  guint value;

  if (!canting_enum_lookup (methods, CANTING_PAYMENT_METHOD_COUNT, text, &value))
    return FALSE;
  *out_method = value;
  return TRUE;
}

CantingOrderItem *
canting_order_item_new (gint64        product_id,
                        const char   *description,
                        gint64        quantity,
                        CantingMoney  unit_price)
{
  CantingOrderItem *item = g_new0 (CantingOrderItem, 1);

  item->product_id = product_id;
  item->description = g_strdup (description != NULL ? description : "");
  item->quantity = quantity;
  item->unit_price = unit_price;
  return item;
}

void
canting_order_item_free (CantingOrderItem *item)
{
  if (item == NULL)
    return;
  g_free (item->description);
  g_free (item);
}

CantingOrder *
canting_order_new (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return canting_order_new_dated (today);
}

CantingOrder *
canting_order_new_dated (const char *order_date)
{
  CantingOrder *o = g_new0 (CantingOrder, 1);

  o->number = g_strdup ("");
  o->customer_name = g_strdup ("");
  o->order_date = g_strdup (order_date);
  o->notes = g_strdup ("");
  o->items = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_order_item_free);
  return o;
}

CantingOrder *
canting_order_copy (const CantingOrder *order)
{
  CantingOrder *o = g_memdup2 (order, sizeof *order);

  o->number = g_strdup (order->number);
  o->customer_name = g_strdup (order->customer_name);
  o->order_date = g_strdup (order->order_date);
  o->due_date = g_strdup (order->due_date);
  o->notes = g_strdup (order->notes);
  o->items = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_order_item_free);
  for (guint i = 0; i < order->items->len; i++)
    {
      const CantingOrderItem *item = g_ptr_array_index (order->items, i);
      g_ptr_array_add (o->items, canting_order_item_new (item->product_id, item->description,
                                                         item->quantity, item->unit_price));
    }
  return o;
}

void
canting_order_free (CantingOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->number);
  g_free (order->customer_name);
  g_free (order->order_date);
  g_free (order->due_date);
  g_free (order->notes);
  g_ptr_array_unref (order->items);
  g_free (order);
}

/* @label: marked N_(), translated only for a message (checked for
 * every line of every order an import brings). */
static gboolean
check_amount (CantingMoney        amount,
              CantingOrderField   field,
              const char         *label,
              GError            **error)
{
  if (amount < 0)
    {
      g_set_error (error, CANTING_ORDER_ERROR, field, _("%s cannot be negative."), _(label));
      return FALSE;
    }
  if (amount > AMOUNT_MAX)
    {
      g_autofree char *limit = canting_money_format (AMOUNT_MAX);
      g_set_error (error, CANTING_ORDER_ERROR, field, _("%s is over the limit of %s."), _(label), limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_item (const CantingOrderItem  *item,
               guint                    line,
               GError                 **error)
{
  g_autoptr(GError) local = NULL;

  if (!canting_validate_text_untranslated (item->description, CANTING_TEXT_REQUIRED, N_("The description"),
                                           N_("Describe the piece, or choose a product."),
                                           CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS, &local))
    ;
  else if (item->quantity < 1)
    g_set_error (&local, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS,
                 _("The quantity must be at least 1."));
  else if (item->quantity > CANTING_PIECES_MAX)
    g_set_error (&local, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS,
                 _("The quantity is over the limit of %d pieces."), CANTING_PIECES_MAX);
  else if (!check_amount (item->unit_price, CANTING_ORDER_FIELD_ITEMS, N_("The unit price"), &local))
    ;
  else
    return TRUE;

  /* Translators: "Line 2: The quantity must be at least 1." */
  g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS, _("Line %u: %s"), line, local->message);
  return FALSE;
}

gboolean
canting_order_compute_total (const CantingOrder  *order,
                             CantingMoney        *out_total,
                             GError             **error)
{
  gint64 subtotal = 0;
  gint64 total;

  for (guint i = 0; i < order->items->len; i++)
    {
      const CantingOrderItem *item = g_ptr_array_index (order->items, i);
      gint64 line;

      if (!validate_item (item, i + 1, error))
        return FALSE;
      if (__builtin_mul_overflow (item->quantity, item->unit_price, &line) ||
          __builtin_add_overflow (subtotal, line, &subtotal) || subtotal > TOTAL_MAX)
        {
          g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_TOTAL, _("The order total is too large."));
          return FALSE;
        }
    }
  if (!check_amount (order->discount, CANTING_ORDER_FIELD_DISCOUNT, N_("The discount"), error) ||
      !check_amount (order->shipping, CANTING_ORDER_FIELD_SHIPPING, N_("The shipping cost"), error))
    return FALSE;
  if (order->discount > subtotal)
    {
      g_autofree char *discount = canting_money_format (order->discount);
      g_autofree char *items = canting_money_format (subtotal);
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_DISCOUNT,
                   _("The discount (%s) is more than the items cost (%s)."), discount, items);
      return FALSE;
    }
  total = subtotal - order->discount + order->shipping;
  if (total > TOTAL_MAX)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_TOTAL, _("The order total is too large."));
      return FALSE;
    }
  *out_total = total;
  return TRUE;
}

CantingMoney
canting_order_get_balance (const CantingOrder *order)
{
  CantingMoney total = 0;

  if (!canting_order_compute_total (order, &total, NULL))
    return 0;
  return total - order->paid;
}

gboolean
canting_order_validate (const CantingOrder  *order,
                        GError             **error)
{
  CantingMoney total;

  return canting_order_validate_with_total (order, &total, error);
}

gboolean
canting_order_validate_with_total (const CantingOrder  *order,
                                   CantingMoney        *out_total,
                                   GError             **error)
{

  if (order->customer_id <= 0)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CUSTOMER, _("Choose the customer."));
      return FALSE;
    }
  if (!canting_date_is_valid (order->order_date))
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ORDER_DATE,
                   _("The order date “%s” is not a date."), order->order_date ? order->order_date : "");
      return FALSE;
    }
  if (order->due_date != NULL && !canting_date_is_valid (order->due_date))
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_DUE_DATE,
                   _("The due date “%s” is not a date."), order->due_date);
      return FALSE;
    }
  /* ISO dates compare correctly as text. */
  if (order->due_date != NULL && strcmp (order->due_date, order->order_date) < 0)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_DUE_DATE,
                   _("The due date is before the order date."));
      return FALSE;
    }
  if (order->channel >= CANTING_SALES_CHANNEL_COUNT)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CHANNEL, _("Choose where the order came from."));
      return FALSE;
    }
  if (order->items->len > ITEMS_MAX)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS,
                   _("An order can have at most %d lines."), ITEMS_MAX);
      return FALSE;
    }
  return canting_validate_text_untranslated (order->notes, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, N_("Notes"),
                                             NULL, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_NOTES, error) &&
         canting_order_compute_total (order, out_total, error);
}

static gboolean
read_status_and_paid (CantingDb           *db,
                      gint64               id,
                      CantingOrderStatus  *out_status,
                      CantingMoney        *out_paid,
                      GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT status, (SELECT coalesce(sum(amount), 0) FROM payments "
                                                      "WHERE order_id = o.id) FROM orders o WHERE o.id = ?1",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This order no longer exists."));
      else
        canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the order"));
      return FALSE;
    }
  canting_order_status_from_string ((const char *) sqlite3_column_text (stmt, 0), out_status);
  *out_paid = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* Runs an INSERT or UPDATE; @doing is marked N_() and translated only for a
 * message (these run for every order of a large import). */
static gboolean
run_write (CantingDb     *db,
           sqlite3_stmt  *stmt,
           const char    *doing,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  canting_db_set_error (error, canting_db_get_handle (db), rc, _(doing));
  return FALSE;
}

/* @stamp: the UTC time as the log keeps it, 2026-11-24T07:30:00Z. */
static gboolean
log_status_stamped (CantingDb           *db,
                    gint64               order_id,
                    CantingOrderStatus   status,
                    const char          *stamp,
                    GError             **error)
{
  g_auto(CantingSqlTaken) taken = { NULL };
  sqlite3_stmt *stmt = canting_sql_take (db, &taken,
                                         "INSERT INTO order_status_log (order_id, status, at) "
                                         "VALUES (?1, ?2, ?3)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, statuses[status].id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stamp, -1, SQLITE_STATIC);
  return run_write (db, stmt, N_("recording the order’s status"), error);
}

static char *
status_stamp (GDateTime *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_to_utc (at) : g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
log_status (CantingDb           *db,
            gint64               order_id,
            CantingOrderStatus   status,
            GDateTime           *at,
            GError             **error)
{
  g_autofree char *stamp = status_stamp (at);

  return log_status_stamped (db, order_id, status, stamp, error);
}

/* Orders a batch writes with one INSERT of many rows into each of
 * orders, the status log and (in runs of BATCH_ITEMS) the items.  Each
 * INSERT SQLite runs opens a cursor on its table, on each index and on
 * each table a foreign key names, and closes them at its end: for a
 * row or two that was most of the work. */
#define BATCH_ORDERS 32
#define BATCH_ITEMS 64

typedef struct {
  CantingOrder *order;     /* the caller's, kept until written */
  CantingMoney total;
  gint64 year;
  gint64 seq;
} Pending;

struct _CantingOrderBatch {
  GHashTable *next_seq;    /* year → the next free seq in it (gint64 *) */
  GHashTable *customers;   /* customer ids already checked */
  GHashTable *products;    /* product ids already checked */
  char *now;               /* the new orders' creation and status time */
  gboolean one_by_one;     /* each order written as it is added */
  gint64 next_id;          /* the next order's id; 0: not read yet */
  GArray *pending;         /* Pending: added, not written yet */
  /* The INSERTs for each number of rows (see insert_sql()), prepared
   * once and kept here: canting_sql_take() would hash their long text
   * at every use. */
  sqlite3_stmt *orders_stmt[BATCH_ORDERS + 1];
  sqlite3_stmt *log_stmt[BATCH_ORDERS + 1];
  sqlite3_stmt *items_stmt[BATCH_ITEMS + 1];
};

CantingOrderBatch *
canting_order_batch_new (gboolean one_by_one)
{
  CantingOrderBatch *batch = g_new0 (CantingOrderBatch, 1);

  batch->next_seq = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  batch->customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  batch->products = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  batch->now = status_stamp (NULL);
  batch->one_by_one = one_by_one;
  batch->pending = g_array_sized_new (FALSE, FALSE, sizeof (Pending), BATCH_ORDERS);
  return batch;
}

void
canting_order_batch_forget (CantingOrderBatch *batch)
{
  g_hash_table_remove_all (batch->next_seq);
  g_hash_table_remove_all (batch->customers);
  g_hash_table_remove_all (batch->products);
  batch->next_id = 0;
  g_array_set_size (batch->pending, 0);
}

void
canting_order_batch_free (CantingOrderBatch *batch)
{
  if (batch == NULL)
    return;
  g_hash_table_unref (batch->next_seq);
  g_hash_table_unref (batch->customers);
  g_hash_table_unref (batch->products);
  g_free (batch->now);
  g_array_unref (batch->pending);
  for (guint n = 0; n <= BATCH_ORDERS; n++)
    {
      sqlite3_finalize (batch->orders_stmt[n]);
      sqlite3_finalize (batch->log_stmt[n]);
    }
  for (guint n = 0; n <= BATCH_ITEMS; n++)
    sqlite3_finalize (batch->items_stmt[n]);
  g_free (batch);
}

/* The year's next number: read from the orders, or in a batch, counted
 * on from the last one it gave (only the batch's transaction writes). */
static gboolean
assign_number (CantingDb          *db,
               CantingOrderBatch  *batch,
               CantingOrder       *order,
               gint64             *out_year,
               gint64             *out_seq,
               GError            **error)
{
  gint64 year = g_ascii_strtoll (order->order_date, NULL, 10);
  gint64 *next = batch != NULL ? g_hash_table_lookup (batch->next_seq, &year) : NULL;
  gint64 seq = 0;

  if (next != NULL)
    seq = *next;
  else
    {
      g_auto(CantingSqlTaken) taken = { NULL };
      sqlite3_stmt *stmt = canting_sql_take (db, &taken, "SELECT coalesce(max(seq), 0) + 1 FROM orders WHERE year = ?1",
                                             error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, year);
      if (!canting_sql_get_int64 (db, stmt, &seq, _("numbering the order"), error))
        return FALSE;
    }
  if (next != NULL)
    *next = seq + 1;
  else if (batch != NULL)
    {
      gint64 following = seq + 1;
      g_hash_table_insert (batch->next_seq, g_memdup2 (&year, sizeof year), g_memdup2 (&following, sizeof following));
    }
  g_free (order->number);
  /* PSN-2026-0042; a busy year goes on to five digits by itself. */
  order->number = g_strdup_printf ("PSN-%04d-%04d", (int) year, (int) seq);
  *out_year = year;
  *out_seq = seq;
  return TRUE;
}

/* The customer must exist; a new order also needs one not archived (an
 * archived customer keeps the orders already made). */
static gboolean
check_customer (CantingDb     *db,
                gint64         customer_id,
                gboolean       new_order,
                GError       **error)
{
  g_auto(CantingSqlTaken) taken = { NULL };
  sqlite3_stmt *stmt = canting_sql_take (db, &taken, "SELECT archived FROM customers WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CUSTOMER, _("This customer no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("checking the customer"));
      return FALSE;
    }
  if (new_order && sqlite3_column_int (stmt, 0) != 0)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_CUSTOMER,
                   _("This customer is archived. Take it out of the archive to give it new orders."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_items (CantingDb     *db,
             CantingOrder  *order,
             gboolean       is_new,
             GError       **error)
{
  g_auto(CantingSqlTaken) ins_taken = { NULL };
  sqlite3_stmt *ins = canting_sql_take (db, &ins_taken,
                                        "INSERT INTO order_items (order_id, position, product_id, "
                                        "description, quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                        error);

  if (ins == NULL)
    return FALSE;
  /* A new order has no items to replace. */
  if (!is_new)
    {
      g_auto(CantingSqlTaken) del_taken = { NULL };
      sqlite3_stmt *del = canting_sql_take (db, &del_taken, "DELETE FROM order_items WHERE order_id = ?1", error);

      if (del == NULL)
        return FALSE;
      sqlite3_bind_int64 (del, 1, order->id);
      if (!canting_sql_run (db, del, _("saving the order’s items"), error))
        return FALSE;
    }

  for (guint i = 0; i < order->items->len; i++)
    {
      const CantingOrderItem *item = g_ptr_array_index (order->items, i);

      sqlite3_reset (ins);
      sqlite3_clear_bindings (ins);
      sqlite3_bind_int64 (ins, 1, order->id);
      sqlite3_bind_int (ins, 2, (int) i + 1);
      if (item->product_id != 0)
        sqlite3_bind_int64 (ins, 3, item->product_id);
      canting_sql_bind_trimmed (ins, 4, item->description);
      sqlite3_bind_int64 (ins, 5, item->quantity);
      sqlite3_bind_int64 (ins, 6, item->unit_price);
      if (!run_write (db, ins, N_("saving the order’s items"), error))
        {
          /* A product deleted meanwhile fails the foreign key. */
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
save_in_txn (CantingDb     *db,
             CantingOrder  *order,
             GError       **error)
{
  gboolean is_new = order->id == 0;
  g_auto(CantingSqlTaken) taken = { NULL };
  sqlite3_stmt *stmt = NULL;
  CantingMoney total = 0;
  gint64 year = 0, seq = 0;

  if (!canting_order_compute_total (order, &total, error))
    return FALSE;
  if (!check_customer (db, order->customer_id, is_new, error))
    return FALSE;

  if (order->id != 0)
    {
      CantingOrderStatus status;
      CantingMoney paid;

      /* The stored state decides, not what the caller's copy says. */
      if (!read_status_and_paid (db, order->id, &status, &paid, error))
        return FALSE;
      if (!canting_order_status_is_editable (status))
        {
          g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_STATUS,
                       _("A %s order cannot be changed any more."), canting_order_status_label (status));
          return FALSE;
        }
      /* Confirming needed an item; emptying the order afterwards must
       * not bring back what confirming refused. */
      if (status != CANTING_ORDER_DRAFT && order->items->len == 0)
        {
          g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS,
                       _("A confirmed order must keep at least one item. Cancel the order instead."));
          return FALSE;
        }
      if (paid > total)
        {
          g_autofree char *paid_text = canting_money_format (paid);
          g_autofree char *total_text = canting_money_format (total);
          g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_TOTAL,
                       _("%s has already been paid, more than the new total of %s."), paid_text, total_text);
          return FALSE;
        }
      stmt = canting_sql_take (db, &taken,
                               "UPDATE orders SET customer_id = ?1, order_date = ?2, due_date = ?3, "
                               "from_stock = ?4, discount = ?5, shipping = ?6, total = ?7, notes = ?8, channel = ?12 "
                               "WHERE id = ?9", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 9, order->id);
    }
  else
    {
      if (!assign_number (db, NULL, order, &year, &seq, error))
        return FALSE;
      stmt = canting_sql_take (db, &taken,
                               "INSERT INTO orders (customer_id, order_date, due_date, from_stock, discount, "
                               "shipping, total, notes, number, year, seq, status, channel) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'draft', ?12)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 9, order->number, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 10, year);
      sqlite3_bind_int64 (stmt, 11, seq);
    }
  sqlite3_bind_int64 (stmt, 1, order->customer_id);
  sqlite3_bind_text (stmt, 2, order->order_date, -1, SQLITE_STATIC);
  if (order->due_date != NULL)
    sqlite3_bind_text (stmt, 3, order->due_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, order->from_stock ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, order->discount);
  sqlite3_bind_int64 (stmt, 6, order->shipping);
  sqlite3_bind_int64 (stmt, 7, total);
  canting_sql_bind_trimmed (stmt, 8, order->notes);
  sqlite3_bind_text (stmt, 12, canting_sales_channel_to_string (order->channel), -1, SQLITE_STATIC);
  if (!run_write (db, stmt, N_("saving the order"), error))
    return FALSE;
  if (is_new)
    order->id = sqlite3_last_insert_rowid (canting_db_get_handle (db));
  if (is_new && !log_status (db, order->id, CANTING_ORDER_DRAFT, NULL, error))
    return FALSE;
  return write_items (db, order, is_new, error);
}

gboolean
canting_order_save_in_txn (CantingDb  *db,
                           gpointer    user_data,
                           GError    **error)
{
  return save_in_txn (db, user_data, error);
}

/* "INSERT INTO @table (@columns) VALUES (?, …), …" for @rows rows of
 * @n_columns placeholders: only numbers of question marks vary, never
 * text from a record. */
static char *
insert_sql (const char  *table,
            const char  *columns,
            guint        n_columns,
            guint        rows)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES ", table, columns);
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r > 0 ? ", (?" : "(?");
      for (guint c = 1; c < n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

/* The INSERT of @rows rows into @table kept in @slot, prepared the first
 * time. */
static sqlite3_stmt *
batch_insert (CantingDb      *db,
              sqlite3_stmt  **slot,
              const char     *table,
              const char     *columns,
              guint           n_columns,
              guint           rows,
              GError        **error)
{
  if (*slot == NULL)
    {
      g_autofree char *sql = insert_sql (table, columns, n_columns, rows);
      *slot = canting_sql_prepare (db, sql, error);
    }
  return *slot;
}

/* Runs a batch INSERT and leaves it reset and unbound, as
 * canting_sql_give_back() does. */
static gboolean
run_batch_insert (CantingDb     *db,
                  sqlite3_stmt  *stmt,
                  const char    *doing,
                  GError       **error)
{
  gboolean ok = run_write (db, stmt, doing, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

#define ORDER_COLUMNS "id, customer_id, order_date, due_date, from_stock, discount, shipping, total, notes, " \
                      "number, year, seq, channel, status, created_at"
#define N_ORDER_COLUMNS 15
#define ITEM_COLUMNS "order_id, position, product_id, description, quantity, unit_price"
#define N_ITEM_COLUMNS 6

static gboolean
write_pending_items (CantingDb          *db,
                     CantingOrderBatch  *batch,
                     GPtrArray          *rows,   /* (order id, item) pairs */
                     GError            **error)
{
  for (guint start = 0; start < rows->len; start += 2 * BATCH_ITEMS)
    {
      guint n = MIN (rows->len - start, 2 * BATCH_ITEMS) / 2;
      sqlite3_stmt *stmt = batch_insert (db, &batch->items_stmt[n], "order_items", ITEM_COLUMNS, N_ITEM_COLUMNS, n,
                                         error);

      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < n; r++)
        {
          const CantingOrder *order = g_ptr_array_index (rows, start + 2 * r);
          const CantingOrderItem *item = g_ptr_array_index (rows, start + 2 * r + 1);
          int col = (int) (r * N_ITEM_COLUMNS);
          guint position = 0;

          while (g_ptr_array_index (order->items, position) != item)
            position++;
          sqlite3_bind_int64 (stmt, col + 1, order->id);
          sqlite3_bind_int (stmt, col + 2, (int) position + 1);
          if (item->product_id != 0)
            sqlite3_bind_int64 (stmt, col + 3, item->product_id);
          canting_sql_bind_trimmed_static (stmt, col + 4, item->description);
          sqlite3_bind_int64 (stmt, col + 5, item->quantity);
          sqlite3_bind_int64 (stmt, col + 6, item->unit_price);
        }
      if (!run_batch_insert (db, stmt, N_("saving the order’s items"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_order_batch_flush (CantingDb          *db,
                           CantingOrderBatch  *batch,
                           GError            **error)
{
  guint n = batch->pending->len;
  g_autoptr(GPtrArray) items = NULL;
  gboolean ok;

  if (n == 0)
    return TRUE;
  items = g_ptr_array_sized_new (4 * n);
  {
    sqlite3_stmt *stmt = batch_insert (db, &batch->orders_stmt[n], "orders", ORDER_COLUMNS, N_ORDER_COLUMNS, n,
                                       error);

    ok = stmt != NULL;
    for (guint r = 0; ok && r < n; r++)
      {
        const Pending *p = &g_array_index (batch->pending, Pending, r);
        const CantingOrder *order = p->order;
        int col = (int) (r * N_ORDER_COLUMNS);

        sqlite3_bind_int64 (stmt, col + 1, order->id);
        sqlite3_bind_int64 (stmt, col + 2, order->customer_id);
        sqlite3_bind_text (stmt, col + 3, order->order_date, -1, SQLITE_STATIC);
        if (order->due_date != NULL)
          sqlite3_bind_text (stmt, col + 4, order->due_date, -1, SQLITE_STATIC);
        sqlite3_bind_int (stmt, col + 5, order->from_stock ? 1 : 0);
        sqlite3_bind_int64 (stmt, col + 6, order->discount);
        sqlite3_bind_int64 (stmt, col + 7, order->shipping);
        sqlite3_bind_int64 (stmt, col + 8, p->total);
        canting_sql_bind_trimmed_static (stmt, col + 9, order->notes);
        sqlite3_bind_text (stmt, col + 10, order->number, -1, SQLITE_STATIC);
        sqlite3_bind_int64 (stmt, col + 11, p->year);
        sqlite3_bind_int64 (stmt, col + 12, p->seq);
        sqlite3_bind_text (stmt, col + 13, canting_sales_channel_to_string (order->channel), -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, col + 14, statuses[CANTING_ORDER_DRAFT].id, -1, SQLITE_STATIC);
        /* The batch's time, as its status log has (not worked out again
         * by the column's default for every row). */
        sqlite3_bind_text (stmt, col + 15, batch->now, -1, SQLITE_STATIC);
        for (guint i = 0; i < order->items->len; i++)
          {
            g_ptr_array_add (items, (gpointer) order);
            g_ptr_array_add (items, g_ptr_array_index (order->items, i));
          }
      }
    ok = ok && run_batch_insert (db, stmt, N_("saving the order"), error);
  }
  if (ok)
    {
      sqlite3_stmt *stmt = batch_insert (db, &batch->log_stmt[n], "order_status_log", "order_id, status, at", 3, n,
                                         error);

      ok = stmt != NULL;
      for (guint r = 0; ok && r < n; r++)
        {
          sqlite3_bind_int64 (stmt, (int) (3 * r) + 1, g_array_index (batch->pending, Pending, r).order->id);
          sqlite3_bind_text (stmt, (int) (3 * r) + 2, statuses[CANTING_ORDER_DRAFT].id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, (int) (3 * r) + 3, batch->now, -1, SQLITE_STATIC);
        }
      ok = ok && run_batch_insert (db, stmt, N_("recording the order’s status"), error);
    }
  ok = ok && write_pending_items (db, batch, items, error);
  g_array_set_size (batch->pending, 0);
  return ok;
}

/* The products of @order's items must exist.  A batch checks each once,
 * in its transaction: a bulk write may run without SQLite's foreign-key
 * checks (canting_db_transaction_own_checks()). */
static gboolean
check_products (CantingDb          *db,
                CantingOrderBatch  *batch,
                const CantingOrder *order,
                GError            **error)
{
  for (guint i = 0; i < order->items->len; i++)
    {
      const CantingOrderItem *item = g_ptr_array_index (order->items, i);
      g_auto(CantingSqlTaken) taken = { NULL };
      sqlite3_stmt *stmt = NULL;
      gint64 exists = 0;

      if (item->product_id == 0 || g_hash_table_contains (batch->products, &item->product_id))
        continue;
      stmt = canting_sql_take (db, &taken, "SELECT EXISTS (SELECT 1 FROM products WHERE id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->product_id);
      if (!canting_sql_get_int64 (db, stmt, &exists, _("checking the order’s products"), error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS, _("Line %u: %s"), i + 1,
                       _("This product no longer exists."));
          return FALSE;
        }
      g_hash_table_add (batch->products, g_memdup2 (&item->product_id, sizeof item->product_id));
    }
  return TRUE;
}

gboolean
canting_order_add_in_batch (CantingDb          *db,
                            CantingOrderBatch  *batch,
                            CantingOrder       *order,
                            CantingMoney        total,
                            GError            **error)
{
  Pending p = { order, total, 0, 0 };

  g_return_val_if_fail (order->id == 0, FALSE);
  if (!g_hash_table_contains (batch->customers, &order->customer_id))
    {
      if (!check_customer (db, order->customer_id, TRUE, error))
        return FALSE;
      g_hash_table_add (batch->customers, g_memdup2 (&order->customer_id, sizeof order->customer_id));
    }
  if (!check_products (db, batch, order, error))
    return FALSE;
  if (batch->next_id == 0)
    {
      /* The id SQLite would give: one more than the largest. */
      g_auto(CantingSqlTaken) taken = { NULL };
      sqlite3_stmt *stmt = canting_sql_take (db, &taken, "SELECT coalesce(max(id), 0) + 1 FROM orders", error);

      if (stmt == NULL || !canting_sql_get_int64 (db, stmt, &batch->next_id, _("numbering the order"), error))
        return FALSE;
    }
  if (!assign_number (db, batch, order, &p.year, &p.seq, error))
    return FALSE;
  order->id = batch->next_id++;
  g_array_append_val (batch->pending, p);
  if (batch->one_by_one || batch->pending->len == BATCH_ORDERS)
    return canting_order_batch_flush (db, batch, error);
  return TRUE;
}

gboolean
canting_order_save (CantingDb     *db,
                    CantingOrder  *order,
                    GError       **error)
{
  g_autoptr(CantingOrder) before = NULL;

  if (!canting_order_validate (order, error))
    return FALSE;
  /* A rolled-back insert must not leave a number or id behind. */
  before = canting_order_copy (order);
  if (!canting_db_transaction (db, canting_order_save_in_txn, order, error))
    {
      order->id = before->id;
      g_free (order->number);
      order->number = g_steal_pointer (&before->number);
      return FALSE;
    }
  return TRUE;
}

CantingOrder *
canting_order_load (CantingDb  *db,
                    gint64      id,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT o.number, o.customer_id, c.name, o.order_date, o.due_date, "
                                                      "o.status, o.from_stock, o.discount, o.shipping, o.notes, "
                                                      "(SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.order_id = o.id), o.channel "
                                                      "FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ?1",
                                                      error);
  g_autoptr(sqlite3_stmt) items = canting_sql_prepare (db,
                                                       "SELECT coalesce(product_id, 0), description, quantity, unit_price "
                                                       "FROM order_items WHERE order_id = ?1 ORDER BY position",
                                                       error);
  g_autoptr(CantingOrder) order = NULL;
  int rc;

  if (stmt == NULL || items == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This order no longer exists."));
      else
        canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the order"));
      return NULL;
    }

  order = canting_order_new_dated ("");
  order->id = id;
  g_free (order->number);
  order->number = canting_sql_dup_text (stmt, 0);
  order->customer_id = sqlite3_column_int64 (stmt, 1);
  g_free (order->customer_name);
  order->customer_name = canting_sql_dup_text (stmt, 2);
  g_free (order->order_date);
  order->order_date = canting_sql_dup_text (stmt, 3);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    order->due_date = canting_sql_dup_text (stmt, 4);
  canting_order_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &order->status);
  order->from_stock = sqlite3_column_int (stmt, 6) != 0;
  order->discount = sqlite3_column_int64 (stmt, 7);
  order->shipping = sqlite3_column_int64 (stmt, 8);
  g_free (order->notes);
  order->notes = canting_sql_dup_text (stmt, 9);
  order->paid = sqlite3_column_int64 (stmt, 10);
  canting_sales_channel_from_string ((const char *) sqlite3_column_text (stmt, 11), &order->channel);

  sqlite3_bind_int64 (items, 1, id);
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    g_ptr_array_add (order->items,
                     canting_order_item_new (sqlite3_column_int64 (items, 0),
                                             (const char *) sqlite3_column_text (items, 1),
                                             sqlite3_column_int64 (items, 2),
                                             sqlite3_column_int64 (items, 3)));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the order’s items"));
      return NULL;
    }
  return g_steal_pointer (&order);
}

typedef struct {
  gint64              id;
  CantingOrderStatus  status;
  GDateTime          *at;
} StatusChange;

/* Delivery takes catalog pieces out of stock: all of them for an order
 * served from stock, and for a made-to-order one those whose production
 * was finished in Canting (which put them into stock).  An order that
 * came from an online shop is left out: its pieces left stock when the
 * shop sold them (canting-channel-order.c), and taking them again here
 * would count the sale twice. */
static gboolean
take_from_stock (CantingDb  *db,
                 gint64      order_id,
                 gboolean    from_stock,
                 GError    **error)
{
  /* One move per product, however many lines name it. */
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT product_id, sum(quantity) FROM order_items i "
                                                      "WHERE order_id = ?1 AND product_id IS NOT NULL AND (?2 OR ("
                                                      "  EXISTS (SELECT 1 FROM item_stages s WHERE s.order_item_id = i.id) AND "
                                                      "  NOT EXISTS (SELECT 1 FROM item_stages s WHERE s.order_item_id = i.id "
                                                      "             AND s.done_on IS NULL))) "
                                                      "AND NOT EXISTS (SELECT 1 FROM channel_orders c WHERE c.order_id = i.order_id) "
                                                      "GROUP BY product_id ORDER BY product_id",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_int (stmt, 2, from_stock ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!canting_product_move_stock_in_txn (db, sqlite3_column_int64 (stmt, 0), -sqlite3_column_int64 (stmt, 1),
                                            "delivery", order_id, error))
      return FALSE;
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the order’s items"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_status_in_transaction (CantingDb  *db,
                           gpointer    user_data,
                           GError    **error)
{
  StatusChange *change = user_data;
  g_autoptr(CantingOrder) order = canting_order_load (db, change->id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) local = change->at != NULL ? g_date_time_to_local (change->at) : g_date_time_new_now_local ();
  g_autofree char *on_date = g_date_time_format (local, "%Y-%m-%d");

  if (order == NULL)
    return FALSE;
  if (!canting_order_status_allows (order->status, change->status))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("Order %s is %s; it cannot become %s."), order->number,
                   canting_order_status_label (order->status), canting_order_status_label (change->status));
      return FALSE;
    }
  if (change->status == CANTING_ORDER_CONFIRMED && order->items->len == 0)
    {
      g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS,
                   _("Add at least one item before confirming the order."));
      return FALSE;
    }
  if (change->status == CANTING_ORDER_IN_PRODUCTION &&
      !canting_production_create_stages_in_txn (db, order->id, error))
    return FALSE;
  /* Materials are taken when the workshop starts making the order; back
   * from ready for rework, or an order filled from stock, takes none. */
  if (change->status == CANTING_ORDER_IN_PRODUCTION && order->status == CANTING_ORDER_CONFIRMED &&
      !order->from_stock && !canting_recipe_consume_order_in_txn (db, order->id, on_date, error))
    return FALSE;
  /* Cancelling gives back what production took; whatever was really
   * spoiled is then recorded as waste, where it can be seen. */
  if (change->status == CANTING_ORDER_CANCELLED &&
      !canting_recipe_return_order_in_txn (db, order->id, on_date, error))
    return FALSE;
  if (change->status == CANTING_ORDER_DELIVERED && !take_from_stock (db, order->id, order->from_stock, error))
    return FALSE;

  stmt = canting_sql_prepare (db, "UPDATE orders SET status = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, statuses[change->status].id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, change->id);
  return canting_sql_run (db, stmt, _("saving the order’s status"), error) &&
         log_status (db, change->id, change->status, change->at, error);
}

gboolean
canting_order_set_status_in_txn (CantingDb           *db,
                                 gint64               id,
                                 CantingOrderStatus   status,
                                 GDateTime           *at,
                                 GError             **error)
{
  StatusChange change = { id, status, at };

  return set_status_in_transaction (db, &change, error);
}

gboolean
canting_order_set_status (CantingDb           *db,
                          gint64               id,
                          CantingOrderStatus   status,
                          GDateTime           *at,
                          GError             **error)
{
  StatusChange change = { id, status, at };

  g_return_val_if_fail (status < CANTING_ORDER_STATUS_COUNT, FALSE);
  return canting_db_transaction (db, set_status_in_transaction, &change, error);
}

static void
clear_status_change (gpointer data)
{
  CantingStatusChange *change = data;
  g_clear_pointer (&change->at, g_date_time_unref);
}

GArray *
canting_order_status_history (CantingDb  *db,
                              gint64      id,
                              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT status, at FROM order_status_log WHERE order_id = ?1 "
                                                      "ORDER BY id",
                                                      error);
  g_autoptr(GArray) history = g_array_new (FALSE, TRUE, sizeof (CantingStatusChange));
  int rc;

  if (stmt == NULL)
    return NULL;
  g_array_set_clear_func (history, clear_status_change);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingStatusChange change = { 0 };
      canting_order_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &change.status);
      change.at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
      g_array_append_val (history, change);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the order’s history"));
      return NULL;
    }
  return g_steal_pointer (&history);
}

CantingPayment *
canting_payment_new (void)
{
  CantingPayment *p = g_new0 (CantingPayment, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  p->paid_on = g_date_time_format (now, "%Y-%m-%d");
  p->note = g_strdup ("");
  return p;
}

void
canting_payment_free (CantingPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->paid_on);
  g_free (payment->note);
  g_free (payment);
}

static gboolean
add_payment_in_transaction (CantingDb  *db,
                            gpointer    user_data,
                            GError    **error)
{
  CantingPayment *p = user_data;
  g_autoptr(CantingOrder) order = canting_order_load (db, p->order_id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CantingMoney balance;

  if (order == NULL)
    return FALSE;
  if (order->status == CANTING_ORDER_CANCELLED)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("Order %s is cancelled; it takes no more payments."), order->number);
      return FALSE;
    }
  balance = canting_order_get_balance (order);
  if (balance <= 0)
    {
      g_set_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_AMOUNT,
                   _("Order %s is already paid in full."), order->number);
      return FALSE;
    }
  if (p->amount > balance)
    {
      g_autofree char *amount = canting_money_format (p->amount);
      g_autofree char *due = canting_money_format (balance);
      g_set_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_AMOUNT,
                   _("%s is more than the balance due of %s."), amount, due);
      return FALSE;
    }

  stmt = canting_sql_prepare (db,
                              "INSERT INTO payments (order_id, amount, paid_on, method, is_down_payment, note) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->order_id);
  sqlite3_bind_int64 (stmt, 2, p->amount);
  sqlite3_bind_text (stmt, 3, p->paid_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, methods[p->method].id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, p->is_down_payment ? 1 : 0);
  canting_sql_bind_trimmed (stmt, 6, p->note);
  if (!canting_sql_run (db, stmt, _("saving the payment"), error))
    return FALSE;
  p->id = sqlite3_last_insert_rowid (canting_db_get_handle (db));
  return TRUE;
}

gboolean
canting_payment_add (CantingDb       *db,
                     CantingPayment  *payment,
                     GError         **error)
{
  if (!canting_payment_validate (payment, error))
    return FALSE;
  return canting_db_transaction (db, add_payment_in_transaction, payment, error);
}

gboolean
canting_payment_add_in_txn (CantingDb       *db,
                            CantingPayment  *payment,
                            GError         **error)
{
  return add_payment_in_transaction (db, payment, error);
}

gboolean
canting_payment_validate (const CantingPayment  *payment,
                          GError               **error)
{
  if (payment->amount <= 0)
    {
      g_set_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_AMOUNT,
                   _("Type the amount paid."));
      return FALSE;
    }
  if (!canting_date_is_valid (payment->paid_on))
    {
      g_set_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_DATE,
                   _("The payment date “%s” is not a date."), payment->paid_on ? payment->paid_on : "");
      return FALSE;
    }
  if (payment->method >= CANTING_PAYMENT_METHOD_COUNT)
    {
      g_set_error (error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_METHOD, _("Choose how it was paid."));
      return FALSE;
    }
  return canting_validate_text (payment->note, 0, _("Note"), NULL,
                                CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_NOTE, error);
}

typedef struct {
  gint64          id;
  CantingPayment *removed;
} RemoveJob;

static gboolean
remove_payment_in_transaction (CantingDb  *db,
                               gpointer    user_data,
                               GError    **error)
{
  RemoveJob *job = user_data;
  g_autoptr(sqlite3_stmt) read = canting_sql_prepare (db,
                                                      "SELECT order_id, amount, paid_on, method, is_down_payment, note "
                                                      "FROM payments WHERE id = ?1",
                                                      error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CantingPayment) p = NULL;

  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, job->id);
  if (!canting_sql_step_one (db, read, _("reading the payment"),
                             _("This payment no longer exists; it may have been removed already."), error))
    return FALSE;
  p = canting_payment_new ();
  p->id = job->id;
  p->order_id = sqlite3_column_int64 (read, 0);
  p->amount = sqlite3_column_int64 (read, 1);
  g_free (p->paid_on);
  p->paid_on = canting_sql_dup_text (read, 2);
  canting_payment_method_from_string ((const char *) sqlite3_column_text (read, 3), &p->method);
  p->is_down_payment = sqlite3_column_int (read, 4) != 0;
  g_free (p->note);
  p->note = canting_sql_dup_text (read, 5);

  /* The ledger's trigger voids its entry in this same transaction. */
  stmt = canting_sql_prepare (db, "DELETE FROM payments WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->id);
  if (!canting_sql_run (db, stmt, _("removing the payment"), error))
    return FALSE;
  job->removed = g_steal_pointer (&p);
  return TRUE;
}

gboolean
canting_payment_remove_in_txn (CantingDb  *db,
                               gint64      id,
                               GError    **error)
{
  RemoveJob job = { id, NULL };
  gboolean ok = remove_payment_in_transaction (db, &job, error);

  g_clear_pointer (&job.removed, canting_payment_free);
  return ok;
}

CantingPayment *
canting_payment_remove (CantingDb  *db,
                        gint64      id,
                        GError    **error)
{
  RemoveJob job = { id, NULL };

  if (!canting_db_transaction (db, remove_payment_in_transaction, &job, error))
    {
      g_clear_pointer (&job.removed, canting_payment_free);
      return NULL;
    }
  return job.removed;
}

GPtrArray *
canting_payment_list (CantingDb  *db,
                      gint64      order_id,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, amount, paid_on, method, is_down_payment, note "
                                                      "FROM payments WHERE order_id = ?1 ORDER BY paid_on, id",
                                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_payment_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingPayment *p = g_new0 (CantingPayment, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->order_id = order_id;
      p->amount = sqlite3_column_int64 (stmt, 1);
      p->paid_on = canting_sql_dup_text (stmt, 2);
      canting_payment_method_from_string ((const char *) sqlite3_column_text (stmt, 3), &p->method);
      p->is_down_payment = sqlite3_column_int (stmt, 4) != 0;
      p->note = canting_sql_dup_text (stmt, 5);
      g_ptr_array_add (list, p);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the payments"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

void
canting_order_row_free (CantingOrderRow *row)
{
  if (row == NULL)
    return;
  g_free (row->number);
  g_free (row->customer_name);
  g_free (row->order_date);
  g_free (row->due_date);
  g_free (row);
}

/* Finished orders are never overdue or due.  The open ones spelled out
 * as a list, so the (status, due_date) index answers "overdue" and "due
 * this week" with a few hundred lookups. */
#define OPEN_STATUS "o.status IN ('draft', 'confirmed', 'in_production', 'ready')"
/* Kept by triggers on payments (schema step 15). */
#define PAID_SQL "o.paid"

/* The search's WHERE is put together from fixed pieces, one per filter
 * that is set, instead of one text with "?N OR ..." for each: a term
 * such as "(NOT ?4 OR o.due_date < ?5)" can use no index, so every list
 * and dashboard count was a scan of every order.  Only these constant
 * pieces make up the SQL; every value is still a bound parameter.
 *
 * Text search finds the matching orders' ids through the indexes (a
 * customer's orders, a product's lines, the numbers' index) and unions
 * them, instead of testing every order row by row: at 200,000 orders the
 * difference is milliseconds against most of a second. */
#define WHERE_TEXT \
  " AND o.id IN (" \
  "     SELECT id FROM orders WHERE number LIKE ?1 ESCAPE '\\'" \
  "     UNION SELECT o2.id FROM customers c2 JOIN orders o2 ON o2.customer_id = c2.id" \
  "       WHERE c2.name LIKE ?1 ESCAPE '\\'" \
  "     UNION SELECT i.order_id FROM products pr JOIN order_items i ON i.product_id = pr.id" \
  "       WHERE pr.motif LIKE ?1 ESCAPE '\\' OR pr.name LIKE ?1 ESCAPE '\\'" \
  "     UNION SELECT order_id FROM order_items WHERE product_id IS NULL AND description LIKE ?1 ESCAPE '\\')"
#define WHERE_STATUS " AND o.status = ?2"
#define WHERE_DUE_THIS_WEEK " AND " OPEN_STATUS " AND o.due_date BETWEEN ?5 AND date(?5, '+6 days')"
#define WHERE_OVERDUE " AND " OPEN_STATUS " AND o.due_date < ?5"
/* What customers owe, the same orders (drafts owe nothing), through the
 * orders_owing index in the list's own order. */
#define WHERE_UNPAID " AND " CANTING_ORDER_OWING_SQL
#define WHERE_CUSTOMER " AND o.customer_id = ?9"

static gboolean
has_text (const CantingOrderFilter *filter)
{
  return filter->text != NULL && *filter->text != '\0';
}

/* " WHERE 1 AND ..." for the filters that are set. */
static void
append_order_where (GString                  *sql,
                    const CantingOrderFilter *filter)
{
  g_string_append (sql, " WHERE 1");
  if (has_text (filter))
    g_string_append (sql, WHERE_TEXT);
  if (filter->status >= 0 && filter->status < CANTING_ORDER_STATUS_COUNT)
    g_string_append (sql, WHERE_STATUS);
  if (filter->due_this_week)
    g_string_append (sql, WHERE_DUE_THIS_WEEK);
  if (filter->overdue)
    g_string_append (sql, WHERE_OVERDUE);
  if (filter->unpaid)
    g_string_append (sql, WHERE_UNPAID);
  if (filter->customer_id != 0)
    g_string_append (sql, WHERE_CUSTOMER);
}

/* Binds what the statement names; a piece left out leaves its number
 * unused, and binding an unused number is harmless (SQLITE_RANGE). */
static void
bind_order_filter (sqlite3_stmt             *stmt,
                   const CantingOrderFilter *filter,
                   const char               *today)
{
  g_autofree char *pattern = canting_sql_like_pattern (filter->text);

  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  if (filter->status >= 0 && filter->status < CANTING_ORDER_STATUS_COUNT)
    sqlite3_bind_text (stmt, 2, statuses[filter->status].id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, filter->customer_id);
}

static char *
filter_today (const CantingOrderFilter *filter)
{
  g_autoptr(GDateTime) now = NULL;

  if (filter->today != NULL)
    return g_strdup (filter->today);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

GPtrArray *
canting_order_search (CantingDb                *db,
                      const CantingOrderFilter *filter,
                      guint                     offset,
                      guint                     limit,
                      GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT o.id, o.number, c.name, o.order_date, o.due_date, o.status, "
                                         "o.total, " PAID_SQL ", (" OPEN_STATUS " AND o.due_date < ?5)"
                                         " FROM orders o JOIN customers c ON c.id = o.customer_id");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_order_row_free);
  g_autofree char *today = filter_today (filter);
  int rc;

  append_order_where (sql, filter);
  g_string_append (sql, " ORDER BY o.order_date DESC, o.id DESC LIMIT ?7 OFFSET ?8");
  stmt = canting_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_order_filter (stmt, filter, today);
  sqlite3_bind_int64 (stmt, 7, limit);
  sqlite3_bind_int64 (stmt, 8, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingOrderRow *row = g_new0 (CantingOrderRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->number = canting_sql_dup_text (stmt, 1);
      row->customer_name = canting_sql_dup_text (stmt, 2);
      row->order_date = canting_sql_dup_text (stmt, 3);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        row->due_date = canting_sql_dup_text (stmt, 4);
      canting_order_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &row->status);
      row->total = sqlite3_column_int64 (stmt, 6);
      row->paid = sqlite3_column_int64 (stmt, 7);
      row->overdue = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("searching orders"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint64
canting_order_count (CantingDb                *db,
                     const CantingOrderFilter *filter,
                     GError                  **error)
{
  /* Every order has its customer (a foreign key), so the count needs
   * the join only to match the customer's name. */
  g_autoptr(GString) sql = g_string_new (has_text (filter)
                                         ? "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id"
                                         : "SELECT count(*) FROM orders o");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = filter_today (filter);
  gint64 n = -1;

  append_order_where (sql, filter);
  stmt = canting_sql_prepare (db, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_order_filter (stmt, filter, today);
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting orders"), error))
    return -1;
  return n;
}
