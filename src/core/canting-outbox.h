/* canting-outbox.h: remote operations waiting to reach a shop.
 *
 * Every operation is written to the outbox in the same transaction as
 * the change that asks for it (a publish, an unpublish, a product edited
 * while online: see canting-listing.h), so closing the app or a power
 * cut loses none.  A worker (src/publish) takes the due ones, sends them
 * and records each outcome here; a remote id is stored in the same
 * moment it is known, so no later attempt creates a second product.
 *
 * Not here: HTTP, JSON bodies of a particular shop, retry timing (the
 * worker says how long to wait; src/publish/canting-retry.h decides). */
#pragma once

#include <glib-object.h>

#include "canting-db.h"

G_BEGIN_DECLS

typedef enum {
  CANTING_OUTBOX_CREATE,     /* a product new to the shop */
  CANTING_OUTBOX_UPDATE,     /* everything about a product the shop has */
  CANTING_OUTBOX_STOCK,      /* only its stock of finished pieces */
  CANTING_OUTBOX_UNPUBLISH,  /* take it off sale (kept as a draft there) */
  CANTING_OUTBOX_IMAGE,      /* upload one photo; goes before the product */
} CantingOutboxKind;
#define CANTING_OUTBOX_KIND_COUNT 5

const char *canting_outbox_kind_to_string (CantingOutboxKind kind);   /* "create" */
const char *canting_outbox_kind_label     (CantingOutboxKind kind);   /* translated */

/* A sender that stops hearing from the shop (killed, a power cut) holds
 * an operation this long at most; then it counts as interrupted, with an
 * unknown outcome.  Five minutes: longer than any one request may take
 * (the worker's total timeout is well under it). */
#define CANTING_OUTBOX_LEASE_SECONDS 300

/* Most operations one take hands out: WooCommerce's batch limit (a
 * larger batch is refused with 413). */
#define CANTING_OUTBOX_BATCH_MAX 100

typedef struct {
  gint64             id;
  gint64             channel_id;
  gint64             product_id;
  CantingOutboxKind  kind;
  /* The product as it is now: {"sku", "name", "price", "description",
   * "motif", "technique", "stock", "photos": [files]}.  Money in whole
   * rupiah. */
  char              *payload;
  char              *sku;
  guint              attempts;       /* this one included */
  gint64             remote_id;      /* the shop's product id; 0: not known */
  /* An earlier attempt may have created the product without Canting
   * hearing back: look it up by SKU first and adopt what is found
   * (CANTING_OUTCOME_ADOPT) instead of creating a duplicate. */
  gboolean           lookup_first;
  GArray            *category_ids;   /* gint64: the shop categories it goes in */
  GArray            *media_ids;      /* gint64: its photos already on the shop, in order */
  char              *photo_file;     /* CANTING_OUTBOX_IMAGE: as stored */
  char              *photo_path;     /* CANTING_OUTBOX_IMAGE: the file to upload */
} CantingOutboxOp;

void canting_outbox_op_free (CantingOutboxOp *op);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingOutboxOp, canting_outbox_op_free)

/* Takes up to @max (at most CANTING_OUTBOX_BATCH_MAX) operations of
 * @channel_id that are due at @now (NULL: the current time), marking
 * them as being sent for CANTING_OUTBOX_LEASE_SECONDS.  First, any
 * operation whose sender's lease ran out becomes interrupted (outcome
 * unknown).  A product's photo uploads come before the product itself,
 * and a product never has two operations out at once, so they reach the
 * shop in the order they were asked for.  (transfer full) (element-type
 * CantingOutboxOp): empty when nothing is due. */
GPtrArray *canting_outbox_take_due (CantingDb  *db,
                                    gint64      channel_id,
                                    GDateTime  *now,
                                    guint       max,
                                    GError    **error);

/* When the one worker of this database starts (the app, canting-cli
 * publish), whatever a previous run left being sent was interrupted:
 * its outcome is unknown.  Returns how many through @out_count. */
gboolean   canting_outbox_recover_interrupted (CantingDb  *db,
                                               guint      *out_count,
                                               GError    **error);

typedef enum {
  /* Done.  remote_id: the shop's product (or media) id; permalink: the
   * product's page, if the reply had one. */
  CANTING_OUTCOME_SENT,
  /* The shop already has this product (a duplicate-SKU reply naming it,
   * or found by the lookup): remote_id is kept and the operation becomes
   * an update, due at once, so the shop gets the current details. */
  CANTING_OUTCOME_ADOPT,
  /* The shop no longer has the product of this id: it is made again,
   * after a lookup by SKU. */
  CANTING_OUTCOME_GONE,
  /* The shop refused a photo it should have (deleted from its media):
   * the product's photos are uploaded again, then it is sent again. */
  CANTING_OUTCOME_MEDIA_GONE,
  /* Not sent (network, server trouble, too busy): again after
   * delay_seconds. */
  CANTING_OUTCOME_RETRY,
  /* Sent but no answer heard: it may have arrived.  Again after
   * delay_seconds, looking the product up first. */
  CANTING_OUTCOME_UNKNOWN,
  /* Refused for good (a wrong password, a field the shop will not
   * take): the listing shows message and waits for the person. */
  CANTING_OUTCOME_FAILED,
} CantingOutcomeKind;

typedef struct {
  gint64              op_id;
  CantingOutcomeKind  kind;
  gint64              remote_id;
  char               *permalink;      /* nullable */
  gint64              delay_seconds;  /* RETRY, UNKNOWN */
  /* What the listing shows as the last result, in the person's words
   * (translated); nullable.  Never a secret, never a raw reply. */
  char               *message;
} CantingOutboxOutcome;

void canting_outbox_outcome_clear (CantingOutboxOutcome *outcome);

/* Records the outcomes of @n_outcomes operations (a batch's) in one
 * transaction, at @now (NULL: the current time).  An operation that is
 * no longer in the outbox (its channel was removed meanwhile) is
 * skipped. */
gboolean   canting_outbox_record (CantingDb                   *db,
                                  const CantingOutboxOutcome  *outcomes,
                                  guint                        n_outcomes,
                                  GDateTime                   *now,
                                  GError                     **error);

/* When the next operation of @channel_id (0: every channel) that is not
 * being sent falls due strictly after @after (NULL: at any time), so a
 * worker can sleep until then instead of asking again and again.
 * *@out_at (transfer full) is NULL when none waits.  (An operation due
 * already but held back behind its photo is not "next": it goes when
 * the photo is done.) */
gboolean   canting_outbox_next_due (CantingDb   *db,
                                    gint64       channel_id,
                                    GDateTime   *after,
                                    GDateTime  **out_at,
                                    GError     **error);

/* TRUE in @out_due when an operation that sends a product's stock
 * (update, stock) is due for @channel_id at @now and was queued or
 * changed after @since (NULL: ever).  The worker brings the shop's
 * orders in first: a stock figure sent now must already count what the
 * shop sold since the last look. */
gboolean   canting_outbox_stock_due (CantingDb   *db,
                                     gint64       channel_id,
                                     GDateTime   *now,
                                     GDateTime   *since,
                                     gboolean    *out_due,
                                     GError     **error);

/* Operations waiting for @channel_id (0: every channel), being sent
 * included. */
gint64     canting_outbox_count (CantingDb  *db,
                                 gint64      channel_id,
                                 GError    **error);

G_END_DECLS
