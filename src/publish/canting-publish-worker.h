/* canting-publish-worker.h: sends the outbox to the shops.
 *
 * The worker runs on a thread of its own with a database connection of
 * its own and libcurl's multi interface (several connections kept
 * alive, HTTP/2 where the shop offers it), so the GTK main loop never
 * waits for a shop.  It takes the due operations of each WooCommerce
 * channel from the outbox, uploads photos first, makes missing shop
 * categories, looks a product up by SKU before creating it again when an
 * earlier attempt may have reached the shop, sends creates and updates
 * in batches of up to 100, and records every outcome the moment it is
 * known.  It also fetches the shops' new and changed orders, when asked
 * ("sync now") or every so often, and brings them in through the core
 * (canting-channel-order.h).  What it tells the main context comes as
 * signals, emitted on
 * the thread-default main context of the thread that called
 * canting_publish_worker_start().
 *
 * The app runs one worker while it is open; canting-cli publish runs one
 * for a single channel and stops it when nothing is due soon.  Queueing
 * (canting-listing.h) is the caller's, through its own connection; then
 * canting_publish_worker_kick().
 *
 * Not here: which products to publish (the core), what WooCommerce reads
 * and answers (a CantingChannelDriver, canting-channel-driver.h), when to retry (canting-retry.h). */
#pragma once

#include <gio/gio.h>

#include "canting-channel-order.h"
#include "canting-outbox.h"

G_BEGIN_DECLS

#define CANTING_TYPE_PUBLISH_WORKER (canting_publish_worker_get_type ())
G_DECLARE_FINAL_TYPE (CantingPublishWorker, canting_publish_worker, CANTING, PUBLISH_WORKER, GObject)

/* A worker for the workshop database in @data_dir, sending for
 * @channel_id only, or for every WooCommerce channel with 0.
 *
 * Signals, on the main context:
 *   progress (guint done, guint total): operations finished (sent, or
 *     refused for good) since the worker last went idle, out of those
 *     plus the ones still waiting.
 *   item-done (gint64 channel_id, gint64 product_id, const char *sku,
 *     int kind, int outcome, const char *message): one operation's
 *     outcome as recorded (CantingOutboxKind, CantingOutcomeKind); the
 *     message is in words, never a secret.
 *   channel-paused (gint64 channel_id, const char *message): the shop
 *     refused the sign-in, or no password is stored; nothing more goes
 *     to it until canting_publish_worker_resume_channel().
 *   idle (guint waiting, gint64 next_seconds): nothing is out; @waiting
 *     operations wait, the next due in @next_seconds, or -1 when none
 *     can go (none waits, or its channel is paused or offline). */
CantingPublishWorker *canting_publish_worker_new      (const char            *data_dir,
                                                       gint64                 channel_id);

/* Starts the thread: operations a previous run left half-sent are
 * marked as interrupted (their outcome unknown), then sending begins.
 * FALSE with @error when libcurl cannot start or it runs already. */
gboolean  canting_publish_worker_start        (CantingPublishWorker  *self,
                                               GError               **error);
/* Stops sending: requests still out are abandoned and recorded as
 * interrupted (a create is looked up first next time), so nothing is
 * left half-recorded.  Waits for the thread, a moment at most; the GUI
 * uses the async form. */
void      canting_publish_worker_stop         (CantingPublishWorker  *self);
void      canting_publish_worker_stop_async   (CantingPublishWorker  *self,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
gboolean  canting_publish_worker_stop_finish  (CantingPublishWorker  *self,
                                               GAsyncResult          *result,
                                               GError               **error);
gboolean  canting_publish_worker_is_running   (CantingPublishWorker  *self);

/* Fetches the new and changed orders of @channel_id (0: of every
 * WooCommerce channel the worker serves) now: GET orders modified after
 * the channel's mark (canting-channel-order.h), a page of 100 at a time,
 * each page brought in as local orders in one transaction.  The
 * "orders-synced" signal says how it went, once per channel:
 *   orders-synced (gint64 channel_id, CantingOrderSyncSummary *summary,
 *     const char *message): what came in (new, updated, unknown SKUs,
 *     problems in words); @message is NULL when every page was read,
 *     else why the sync stopped short (a refused password, no network,
 *     a shop that kept failing).  What came in before stays; the next
 *     sync starts again where this one could not go on.
 * The stock a sale lowered goes to the shops right after, like any
 * other stock change; an "idle" follows every "orders-synced" once that
 * is done.  Asked while a sync of the channel runs, another follows it. */
void      canting_publish_worker_sync_now     (CantingPublishWorker  *self,
                                               gint64                 channel_id);
/* Fetches the orders by itself every @seconds (0: only when asked, the
 * default).  Set before starting, the first sync runs at the start;
 * changed later, the next comes @seconds from then.  A sync the clock
 * brings while the computer is offline is skipped without a word. */
void      canting_publish_worker_set_sync_interval (CantingPublishWorker *self,
                                                    guint                 seconds);
guint     canting_publish_worker_get_sync_interval (CantingPublishWorker *self);

/* Something was queued: look now rather than at the next wake-up. */
void      canting_publish_worker_kick         (CantingPublishWorker  *self);
/* The person fixed the channel's password: send to it again (0: to
 * every channel, as the app does after any password changed). */
void      canting_publish_worker_resume_channel (CantingPublishWorker *self,
                                                 gint64                channel_id);
/* Gives the worker a channel's secret directly (just typed, so the
 * keyring need not be asked; the benchmark).  Otherwise it is read from
 * the keyring (canting-secret.h) when the channel is first sent to. */
void      canting_publish_worker_set_secret   (CantingPublishWorker  *self,
                                               gint64                 channel_id,
                                               const char            *secret);

/* The last progress reported. */
void      canting_publish_worker_get_progress (CantingPublishWorker  *self,
                                               guint                 *out_done,
                                               guint                 *out_total);
/* Whether the network is up, as GNetworkMonitor says ("online"
 * property).  A shop on this computer is reached without it. */
gboolean  canting_publish_worker_get_online   (CantingPublishWorker  *self);

G_END_DECLS
