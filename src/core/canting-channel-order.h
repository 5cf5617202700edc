/* canting-channel-order.h: orders that come from an online shop.
 *
 * The shop's orders, as src/publish reads them, are brought in as local
 * orders of the sales channel "online shop": each once (the channel and
 * the shop's order id are remembered), changed when the shop changes
 * them, with the customer found or added, the items matched to the
 * catalog by SKU, the payment recorded when the shop has the money, and
 * the pieces taken out of finished-goods stock when the shop has sold
 * them.  A local order only moves forward: what the shop says never
 * undoes what the workshop did by hand (in production, ready).
 *
 * The rules, in one place:
 *   shop status           local status   payment       stock
 *   pending               draft          -             -
 *   on-hold               confirmed      -             taken
 *   processing            confirmed      recorded      taken
 *   completed             delivered      recorded      taken
 *   cancelled, failed     cancelled      kept          given back
 *   refunded              cancelled      removed       given back
 * A partial refund lowers what the order costs and the shop's payment
 * by as much (removed when nothing is left); the pieces stay sold.
 * "Recorded" needs the shop's date of payment (completed counts as paid
 * even without one: the goods went and the money came).  On-hold is how
 * WooCommerce waits for a bank transfer: the shop holds the pieces, so
 * they leave local stock too, but the money is recorded only when the
 * shop says it came.  Pieces taken for a shop order are stock moves of
 * the order (reason "delivery"), so delivering it later takes nothing
 * more, and cancelling gives back exactly what was taken.  An order
 * first seen cancelled, failed or refunded is not brought in: nothing was
 * sold.
 *
 * Talking to the shop is src/publish's; this is the stored side. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-money.h"
#include "canting-order.h"

G_BEGIN_DECLS

/* A sync looks again at orders changed this long before the newest it
 * has read: the shop keeps times to the second and may store an order
 * changed in that same second after Canting read the others, and a
 * payment callback can commit an order whose time it set a little
 * earlier.  Orders seen again and unchanged cost a comparison only. */
#define CANTING_ORDER_SYNC_OVERLAP_S (10 * 60)
/* The first sync of a shop brings the last 30 days: older orders are
 * history the workshop has recorded its own way, and bringing years of
 * them in would count their money a second time. */
#define CANTING_ORDER_SYNC_FIRST_DAYS 30

typedef enum {
  CANTING_REMOTE_ORDER_PENDING,     /* waiting for the payment */
  CANTING_REMOTE_ORDER_ON_HOLD,     /* waiting for the shop to see a transfer */
  CANTING_REMOTE_ORDER_PROCESSING,  /* paid, to be sent */
  CANTING_REMOTE_ORDER_COMPLETED,   /* sent */
  CANTING_REMOTE_ORDER_CANCELLED,
  CANTING_REMOTE_ORDER_REFUNDED,
  CANTING_REMOTE_ORDER_FAILED,      /* the payment failed */
} CantingRemoteOrderStatus;
#define CANTING_REMOTE_ORDER_STATUS_COUNT 7

/* "on_hold" and so on, as stored in channel_orders. */
const char *canting_remote_order_status_to_string (CantingRemoteOrderStatus status);

typedef struct {
  char         *sku;        /* "" when the shop's product has none */
  char         *name;       /* the shop's name for the line */
  gint64        quantity;
  CantingMoney  subtotal;   /* the line before coupons */
} CantingRemoteOrderItem;

CantingRemoteOrderItem *canting_remote_order_item_new  (const char    *sku,
                                                        const char    *name,
                                                        gint64         quantity,
                                                        CantingMoney   subtotal);
void                    canting_remote_order_item_free (CantingRemoteOrderItem *item);

/* One order as the shop has it: only what Canting keeps (no e-mail, no
 * street address: the customers table has no place for them). */
typedef struct {
  gint64                    remote_id;
  char                     *number;         /* as the shop shows it: "1234" */
  CantingRemoteOrderStatus  status;
  char                     *order_date;     /* YYYY-MM-DD, the shop's day */
  char                     *modified;       /* "YYYY-MM-DDTHH:MM:SS", UTC: how far a sync has read */
  char                     *paid_on;        /* YYYY-MM-DD, or NULL when the shop has no payment */
  CantingPaymentMethod      method;
  char                     *customer_name;  /* "" when the shop has none */
  char                     *phone;
  char                     *city;
  CantingMoney              total;          /* what the customer pays */
  CantingMoney              shipping;
  CantingMoney              discount;
  /* Given back to the customer so far (partial refunds; a full one is
   * also the status "refunded"): the money kept is total less this. */
  CantingMoney              refunded;
  GPtrArray                *items;          /* (element-type CantingRemoteOrderItem) */
} CantingRemoteOrder;

CantingRemoteOrder *canting_remote_order_new  (void);
void                canting_remote_order_free (CantingRemoteOrder *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingRemoteOrder, canting_remote_order_free)

/* What a sync did, added up over its pages. */
typedef struct {
  guint      created;       /* new local orders */
  guint      updated;       /* local orders the shop changed */
  guint      unchanged;     /* seen again, nothing new */
  guint      failed;        /* orders that could not be brought in (see problems) */
  GPtrArray *unknown_skus;  /* char *: "SKU (name on the shop)", each once */
  GPtrArray *problems;      /* char *: in words, one per order or piece short */
  char      *newest;        /* the newest modification time read, or NULL */
} CantingOrderSyncSummary;

#define CANTING_TYPE_ORDER_SYNC_SUMMARY (canting_order_sync_summary_get_type ())
GType                    canting_order_sync_summary_get_type (void);
CantingOrderSyncSummary *canting_order_sync_summary_new      (void);
CantingOrderSyncSummary *canting_order_sync_summary_copy     (const CantingOrderSyncSummary *summary);
void                     canting_order_sync_summary_free     (CantingOrderSyncSummary       *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingOrderSyncSummary, canting_order_sync_summary_free)

/* Brings one page of the shop's orders in: one transaction for the
 * page, each order whole or not at all (an order that cannot be brought
 * in is rolled back alone, counted as failed and described in
 * problems).  Adds to @summary.  FALSE with @error only when the page
 * could not be written at all (then nothing of it was). */
gboolean   canting_channel_orders_import (CantingDb                *db,
                                          gint64                    channel_id,
                                          GPtrArray                *orders,
                                          CantingOrderSyncSummary  *summary,
                                          GError                  **error);

/* The modified_after of the next sync ("YYYY-MM-DDTHH:MM:SS", UTC): the
 * newest time read minus CANTING_ORDER_SYNC_OVERLAP_S, or, before the
 * first sync, CANTING_ORDER_SYNC_FIRST_DAYS before @now (NULL: now).
 * (transfer full) */
char      *canting_channel_orders_since  (CantingDb                *db,
                                          gint64                    channel_id,
                                          GDateTime                *now,
                                          GError                  **error);

/* A sync read every page: remember how far (@newest, the summary's; a
 * sync that read nothing keeps the old mark) and when.  A sync with a
 * failed order, or one cut short, must not call this: the next one then
 * reads the same orders again. */
gboolean   canting_channel_orders_synced (CantingDb                *db,
                                          gint64                    channel_id,
                                          const char               *newest,
                                          GError                  **error);

/* When the channel's last complete sync ended (UTC), or NULL for never.
 * (transfer full) */
GDateTime *canting_channel_orders_last_sync (CantingDb             *db,
                                             gint64                 channel_id,
                                             GError               **error);

/* The local order made from the shop's order @remote_id, 0 when there
 * is none, or -1 with @error. */
gint64     canting_channel_order_lookup  (CantingDb                *db,
                                          gint64                    channel_id,
                                          gint64                    remote_id,
                                          GError                  **error);

G_END_DECLS
