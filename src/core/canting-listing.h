/* canting-listing.h: a product on a channel, and asking for it to go
 * online or off.
 *
 * Publishing and unpublishing only write the wish and its outbox
 * operation (canting-outbox.h), in one transaction; the worker does the
 * sending.  A product that is online and changes locally (name, price,
 * description, motif, technique, stock of finished pieces, photos) is
 * marked "changed locally" and gets its update queued by the schema's
 * triggers, whatever wrote the change, exactly once per shop: a second
 * change before it is sent rewrites the waiting update. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-outbox.h"

G_BEGIN_DECLS

#define CANTING_LISTING_ERROR (canting_listing_error_quark ())
typedef enum {
  CANTING_LISTING_FIELD_CHANNEL,  /* the channel cannot take listings */
  CANTING_LISTING_FIELD_PRODUCT,  /* the product cannot be published as it is */
} CantingListingField;
GQuark canting_listing_error_quark (void);

typedef enum {
  CANTING_LISTING_OFFLINE,  /* not online */
  CANTING_LISTING_QUEUED,   /* a publish or unpublish is waiting */
  CANTING_LISTING_ONLINE,   /* the shop has it as it is here */
  CANTING_LISTING_FAILED,   /* the shop refused it: last_result says why */
  CANTING_LISTING_CHANGED,  /* changed here since; its update is waiting */
} CantingListingState;
#define CANTING_LISTING_STATE_COUNT 5

const char *canting_listing_state_to_string   (CantingListingState  state);  /* "changed" */
const char *canting_listing_state_label       (CantingListingState  state);  /* translated */
gboolean    canting_listing_state_from_string (const char          *text,
                                               CantingListingState *out_state);

typedef struct {
  gint64               id;               /* 0: never published there */
  gint64               product_id;
  gint64               channel_id;
  gboolean             wanted;           /* asked to be online */
  CantingListingState  state;
  gint64               remote_id;        /* 0: not known */
  char                *permalink;        /* "" until known */
  char                *last_attempt_at;  /* UTC ISO-8601, NULL before any */
  char                *last_result;      /* in words, "" when fine */
  char                *sent_hash;        /* SHA-256 of the payload last accepted, or NULL */
  /* The operation waiting for this product (not a photo upload), or -1;
   * its attempts so far and last error, for "trying again at ...". */
  int                  waiting_kind;
  guint                waiting_attempts;
  char                *waiting_error;
  char                *next_attempt_at;  /* of the waiting operation, or NULL */
} CantingListing;

void canting_listing_free (CantingListing *listing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingListing, canting_listing_free)

/* The listing of @product_id on @channel_id; one that was never
 * published comes back OFFLINE with id 0.  (transfer full) */
CantingListing *canting_listing_load (CantingDb  *db,
                                      gint64      product_id,
                                      gint64      channel_id,
                                      GError    **error);
/* (transfer full) (element-type CantingListing): its listings on every
 * channel where it has one. */
GPtrArray      *canting_listing_list_for_product (CantingDb  *db,
                                                  gint64      product_id,
                                                  GError    **error);

/* Asks for @n products to be online on @channel_id (created there, or
 * updated and put back on sale), with their photos uploaded first; in
 * one transaction, all or none.  A product already waiting keeps one
 * operation, due at once.  Refused, naming the product, for an archived
 * product or one without a price; refused for a channel that has no
 * online shop (e-Peken takes a listing pack instead) or is archived. */
gboolean        canting_listing_queue_publish (CantingDb     *db,
                                               gint64         channel_id,
                                               const gint64  *product_ids,
                                               guint          n_products,
                                               GError       **error);
/* Every product changed locally or refused before (state CHANGED or
 * FAILED) and still wanted online: "send the changes".  @out_queued:
 * how many. */
gboolean        canting_listing_queue_publish_changed (CantingDb  *db,
                                                       gint64      channel_id,
                                                       guint      *out_queued,
                                                       GError    **error);
/* Every product of the catalogue that is not archived. */
gboolean        canting_listing_queue_publish_all (CantingDb  *db,
                                                   gint64      channel_id,
                                                   guint      *out_queued,
                                                   GError    **error);
/* Asks for @n products to be taken off sale on @channel_id.  What had
 * not left yet is dropped; a product the shop has (or may have: an
 * interrupted create) gets an unpublish operation. */
gboolean        canting_listing_queue_unpublish (CantingDb     *db,
                                                 gint64         channel_id,
                                                 const gint64  *product_ids,
                                                 guint          n_products,
                                                 GError       **error);

/* How many of the catalog's products (not archived) are online on no
 * channel, and how many there are: Beranda's "not yet online". */
gboolean        canting_listing_count_offline (CantingDb  *db,
                                               gint64     *out_offline,
                                               gint64     *out_products,
                                               GError    **error);

/* The product as a shop would be told it now (the outbox payload), for
 * the preview of what will be sent.  (transfer full) */
char           *canting_listing_payload (CantingDb  *db,
                                         gint64      product_id,
                                         GError    **error);

G_END_DECLS
