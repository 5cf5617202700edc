/* canting-outbox-private.h: what the listing code shares with the
 * outbox, inside its own transactions. */
#pragma once

#include "canting-outbox.h"

G_BEGIN_DECLS

/* @now (NULL: the current time) plus @seconds, as stored:
 * "2026-11-22T17:49:59Z".  (transfer full) */
char     *canting_outbox_timestamp (GDateTime *now,
                                    gint64     seconds);

/* Queues an upload of each photo of @product_id that @channel_id does
 * not have yet and is not already on its way.  Must run inside a
 * transaction. */
gboolean  canting_outbox_queue_images_in_txn (CantingDb  *db,
                                              gint64      channel_id,
                                              gint64      product_id,
                                              GError    **error);

G_END_DECLS
