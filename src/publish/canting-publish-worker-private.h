/* canting-publish-worker-private.h: test hooks of the publish worker.
 *
 * They change how the worker waits, never what it decides: the retry
 * policy, Retry-After and the outbox's times stay as in real use. */
#pragma once

#include "canting-publish-worker.h"

G_BEGIN_DECLS

/* Instead of sleeping until the next retry is due, the worker moves its
 * own clock forward to it (the outbox records the later times it
 * computes), so a test of backoff or Retry-After takes no real time.
 * Set before starting. */
void     canting_publish_worker_set_skip_waits      (CantingPublishWorker *self,
                                                     gboolean              skip_waits);
/* How far its clock was moved, in seconds. */
gint64   canting_publish_worker_get_skipped_seconds (CantingPublishWorker *self);

/* Called on the worker thread after each take from the outbox with how
 * many operations it took; returns the seconds the worker's clock then
 * moves on, as if the take had been that slow (a retry falling due
 * between the take and the look for the next one).  Set before
 * starting. */
typedef gint64 (*CantingPublishWorkerTakeHook) (guint    n_taken,
                                                gpointer user_data);

void     canting_publish_worker_set_take_hook       (CantingPublishWorker         *self,
                                                     CantingPublishWorkerTakeHook  hook,
                                                     gpointer                      user_data);

/* A network monitor of the test's, which then decides for a shop on
 * this computer too (normally always reachable).  Set before starting. */
void     canting_publish_worker_set_network_monitor (CantingPublishWorker *self,
                                                     GNetworkMonitor      *monitor);

/* What the worker sent since it was made, to check how it sends. */
typedef struct {
  guint batches;        /* POST products/batch */
  guint largest_batch;  /* most items in one */
  guint lookups;        /* GET products?sku= */
  guint uploads;        /* POST media */
  guint categories;     /* POST products/categories */
  guint order_pages;    /* GET orders */
} CantingPublishWorkerStats;

void     canting_publish_worker_get_stats           (CantingPublishWorker      *self,
                                                     CantingPublishWorkerStats *out);

G_END_DECLS
