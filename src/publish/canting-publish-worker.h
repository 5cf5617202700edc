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
 * known.  What it tells the main context comes as signals, emitted on
 * the thread-default main context of the thread that called
 * canting_publish_worker_start().
 *
 * The app runs one worker while it is open; canting-cli publish runs one
 * for a single channel and stops it when nothing is due soon.  Queueing
 * (canting-listing.h) is the caller's, through its own connection; then
 * canting_publish_worker_kick().
 *
 * Not here: which products to publish (the core), what WooCommerce reads
 * and answers (canting-woocommerce.h), when to retry (canting-retry.h). */
#pragma once

#include <gio/gio.h>

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
