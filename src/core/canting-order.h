/* canting-order.h: orders (pesanan), their items, status and payments.
 *
 * An order moves draft → confirmed → in production → ready → delivered,
 * or is cancelled; each step is recorded with its time.  Payments (the DP
 * first, then any others) never exceed what is owed.  The total is kept
 * on the order so lists can sum it; the amount paid is always computed
 * from the payments. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-money.h"

G_BEGIN_DECLS

#define CANTING_ORDER_ERROR (canting_order_error_quark ())
typedef enum {
  CANTING_ORDER_FIELD_CUSTOMER,
  CANTING_ORDER_FIELD_ORDER_DATE,
  CANTING_ORDER_FIELD_DUE_DATE,
  CANTING_ORDER_FIELD_ITEMS,
  CANTING_ORDER_FIELD_DISCOUNT,
  CANTING_ORDER_FIELD_SHIPPING,
  CANTING_ORDER_FIELD_NOTES,
  CANTING_ORDER_FIELD_TOTAL,
  CANTING_ORDER_FIELD_STATUS,
  CANTING_ORDER_FIELD_CHANNEL,
} CantingOrderField;
GQuark canting_order_error_quark (void);

#define CANTING_PAYMENT_ERROR (canting_payment_error_quark ())
typedef enum {
  CANTING_PAYMENT_FIELD_AMOUNT,
  CANTING_PAYMENT_FIELD_DATE,
  CANTING_PAYMENT_FIELD_METHOD,
  CANTING_PAYMENT_FIELD_NOTE,
} CantingPaymentField;
GQuark canting_payment_error_quark (void);

typedef enum {
  CANTING_ORDER_DRAFT,
  CANTING_ORDER_CONFIRMED,
  CANTING_ORDER_IN_PRODUCTION,
  CANTING_ORDER_READY,
  CANTING_ORDER_DELIVERED,
  CANTING_ORDER_CANCELLED,
} CantingOrderStatus;
#define CANTING_ORDER_STATUS_COUNT 6

const char *canting_order_status_to_string   (CantingOrderStatus  status);  /* "in_production" */
const char *canting_order_status_label       (CantingOrderStatus  status);  /* translated */
gboolean    canting_order_status_from_string (const char         *text,
                                              CantingOrderStatus *out_status);
/* Whether an order may go from @from to @to. */
gboolean    canting_order_status_allows      (CantingOrderStatus  from,
                                              CantingOrderStatus  to);
/* Items, dates and amounts can change until production starts. */
gboolean    canting_order_status_is_editable (CantingOrderStatus  status);

typedef enum {
  CANTING_PAYMENT_CASH,
  CANTING_PAYMENT_TRANSFER,
  CANTING_PAYMENT_QRIS,      /* QRIS or another e-wallet */
} CantingPaymentMethod;
#define CANTING_PAYMENT_METHOD_COUNT 3

const char *canting_payment_method_to_string   (CantingPaymentMethod  method);
const char *canting_payment_method_label       (CantingPaymentMethod  method);
gboolean    canting_payment_method_from_string (const char           *text,
                                                CantingPaymentMethod *out_method);

/* Where an order came from. */
typedef enum {
  CANTING_SALES_DIRECT,       /* at the workshop, by phone */
  CANTING_SALES_WHATSAPP,     /* WhatsApp or other messages */
  CANTING_SALES_EXHIBITION,   /* a fair or exhibition (pameran) */
  CANTING_SALES_ONLINE_SHOP,  /* the workshop's own online shop (WooCommerce) */
  CANTING_SALES_EPEKEN,       /* e-Peken, Surabaya's marketplace */
  CANTING_SALES_MARKETPLACE,  /* another online marketplace */
} CantingSalesChannel;
#define CANTING_SALES_CHANNEL_COUNT 6

const char *canting_sales_channel_to_string   (CantingSalesChannel  channel);
const char *canting_sales_channel_label       (CantingSalesChannel  channel);
gboolean    canting_sales_channel_from_string (const char          *text,
                                               CantingSalesChannel *out_channel);
/* Sold online: the shop, e-Peken, other marketplaces. */
gboolean    canting_sales_channel_is_online   (CantingSalesChannel  channel);

typedef struct {
  gint64        product_id;   /* 0: a custom piece, described in words */
  char         *description;
  gint64        quantity;     /* pieces, 1 … CANTING_PIECES_MAX */
  CantingMoney  unit_price;
} CantingOrderItem;

CantingOrderItem *canting_order_item_new  (gint64             product_id,
                                           const char        *description,
                                           gint64             quantity,
                                           CantingMoney       unit_price);
void              canting_order_item_free (CantingOrderItem  *item);

typedef struct {
  gint64              id;             /* 0 until saved */
  char               *number;         /* PSN-YYYY-NNNN, given on first save */
  gint64              customer_id;
  char               *customer_name;  /* filled by load */
  char               *order_date;     /* YYYY-MM-DD */
  char               *due_date;       /* YYYY-MM-DD or NULL */
  CantingOrderStatus  status;         /* changed only by canting_order_set_status() */
  gboolean            from_stock;     /* delivered from finished goods */
  CantingSalesChannel channel;
  CantingMoney        discount;
  CantingMoney        shipping;
  char               *notes;
  GPtrArray          *items;          /* (element-type CantingOrderItem) */
  CantingMoney        paid;           /* filled by load, from payments */
} CantingOrder;

#define CANTING_TYPE_ORDER (canting_order_get_type ())
GType         canting_order_get_type (void);
CantingOrder *canting_order_new      (void);
CantingOrder *canting_order_copy     (const CantingOrder *order);
void          canting_order_free     (CantingOrder       *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingOrder, canting_order_free)

/* Items × prices − discount + shipping, with every limit checked. */
gboolean      canting_order_compute_total (const CantingOrder  *order,
                                           CantingMoney        *out_total,
                                           GError             **error);
CantingMoney  canting_order_get_balance   (const CantingOrder  *order);  /* total − paid; 0 if the total is bad */

gboolean      canting_order_validate (const CantingOrder  *order,
                                      GError             **error);
/* Inserts (numbering it) or updates an editable order, items and all, in
 * one transaction.  Refused if it would leave more paid than owed. */
gboolean      canting_order_save     (CantingDb           *db,
                                      CantingOrder        *order,
                                      GError             **error);
CantingOrder *canting_order_load     (CantingDb           *db,
                                      gint64               id,
                                      GError             **error);

/* Moves the order to @status at @at (NULL: now), if allowed.  Delivering
 * an order made from stock takes its catalog pieces out of stock. */
gboolean      canting_order_set_status (CantingDb          *db,
                                        gint64              id,
                                        CantingOrderStatus  status,
                                        GDateTime          *at,
                                        GError            **error);

typedef struct {
  CantingOrderStatus  status;
  GDateTime          *at;  /* UTC */
} CantingStatusChange;

/* (transfer full) (element-type CantingStatusChange): oldest first. */
GArray       *canting_order_status_history (CantingDb  *db,
                                            gint64      id,
                                            GError    **error);

typedef struct {
  gint64                id;
  gint64                order_id;
  CantingMoney          amount;
  char                 *paid_on;   /* YYYY-MM-DD */
  CantingPaymentMethod  method;
  gboolean              is_down_payment;
  char                 *note;
} CantingPayment;

CantingPayment *canting_payment_new  (void);
void            canting_payment_free (CantingPayment *payment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingPayment, canting_payment_free)

/* Records a payment; refused when it is more than the balance due or
 * the order is cancelled. */
gboolean        canting_payment_add  (CantingDb       *db,
                                      CantingPayment  *payment,
                                      GError         **error);
/* Removes a payment recorded by mistake; its ledger entry is voided with
 * it.  (transfer full): the payment as it was (to add again for undo),
 * or NULL with @error. */
CantingPayment *canting_payment_remove (CantingDb       *db,
                                        gint64           id,
                                        GError         **error);
/* (transfer full) (element-type CantingPayment): by date. */
GPtrArray      *canting_payment_list (CantingDb       *db,
                                      gint64           order_id,
                                      GError         **error);

typedef struct {
  const char *text;         /* number, customer or motif contains */
  int         status;       /* a CantingOrderStatus, or -1 for any */
  gboolean    due_this_week;/* due from today to six days on, not finished */
  gboolean    overdue;      /* due before today, not finished */
  gboolean    unpaid;       /* owing: balance left, neither draft nor cancelled (as canting_receivables()) */
  const char *today;        /* YYYY-MM-DD; NULL for the local date */
  gint64      customer_id;  /* one customer's orders, or 0 for all */
} CantingOrderFilter;

typedef struct {
  gint64              id;
  char               *number;
  char               *customer_name;
  char               *order_date;
  char               *due_date;   /* or NULL */
  CantingOrderStatus  status;
  CantingMoney        total;
  CantingMoney        paid;
  gboolean            overdue;
} CantingOrderRow;

void       canting_order_row_free (CantingOrderRow *row);

/* One page of orders, newest first.  (transfer full) (element-type CantingOrderRow) */
GPtrArray *canting_order_search (CantingDb                *db,
                                 const CantingOrderFilter *filter,
                                 guint                     offset,
                                 guint                     limit,
                                 GError                  **error);
gint64     canting_order_count  (CantingDb                *db,
                                 const CantingOrderFilter *filter,
                                 GError                  **error);

G_END_DECLS
