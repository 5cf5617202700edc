/* canting-product.h: the product catalog and its finished-goods stock.
 *
 * Stock is never stored as a number to overwrite: it is the sum of a
 * ledger of moves (adjustments, deliveries, finished production), so it
 * can always be recomputed and explained. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-money.h"

G_BEGIN_DECLS

#define CANTING_PRODUCT_ERROR (canting_product_error_quark ())
typedef enum {
  CANTING_PRODUCT_FIELD_SKU,
  CANTING_PRODUCT_FIELD_NAME,
  CANTING_PRODUCT_FIELD_MOTIF,
  CANTING_PRODUCT_FIELD_SIZE,
  CANTING_PRODUCT_FIELD_COLOURS,
  CANTING_PRODUCT_FIELD_COLOUR_COUNT,
  CANTING_PRODUCT_FIELD_MATERIAL,
  CANTING_PRODUCT_FIELD_PRICE,
  CANTING_PRODUCT_FIELD_UNIT_COST,
  CANTING_PRODUCT_FIELD_DESCRIPTION,
  CANTING_PRODUCT_FIELD_STOCK,
  CANTING_PRODUCT_FIELD_WEIGHT,
} CantingProductField;
GQuark canting_product_error_quark (void);

typedef enum {
  CANTING_TECHNIQUE_TULIS,      /* drawn by hand with a canting */
  CANTING_TECHNIQUE_CAP,        /* stamped with a copper cap */
  CANTING_TECHNIQUE_KOMBINASI,  /* cap with hand-drawn details */
  CANTING_TECHNIQUE_PRINTING,   /* screen-printed */
} CantingTechnique;
#define CANTING_TECHNIQUE_COUNT 4

const char       *canting_technique_to_string   (CantingTechnique  technique);  /* "tulis" */
const char       *canting_technique_label       (CantingTechnique  technique);  /* translated */
gboolean          canting_technique_from_string (const char       *text,
                                                 CantingTechnique *out_technique);

/* Most pieces a product's stock or an order line can hold: far above any
 * workshop's output, and it keeps quantity × price inside gint64. */
#define CANTING_PIECES_MAX 100000
/* Dyeing and wax removal repeat per colour; twelve is beyond any batik. */
#define CANTING_COLOURS_MAX 12
/* Heaviest piece, in grams: 100 kg, far above a bolt of cloth or a
 * folded stack of sarongs sold as one piece. */
#define CANTING_WEIGHT_MAX_GRAMS 100000

typedef struct {
  gint64            id;          /* 0 until saved */
  char             *sku;         /* generated when left empty */
  char             *name;
  char             *motif;
  CantingTechnique  technique;
  char             *size;        /* as written: "2,15 × 1,15 m" */
  char             *colours;
  guint             colour_count;
  char             *material;
  CantingMoney      price;
  CantingMoney      unit_cost;   /* estimated cost per piece */
  char             *description;
  gint64            weight;      /* grams per piece; 0: not weighed yet */
  gboolean          archived;
  gint64            stock;       /* read-only here: from the ledger */
  char             *thumbnail;   /* read-only: the first photo's thumbnail
                                  * file (absolute), NULL without photos */
  char             *online;      /* read-only: its listings' state that most
                                  * needs attention ("failed", "changed",
                                  * "queued", "online"), NULL if on no shop */
} CantingProduct;

#define CANTING_TYPE_PRODUCT (canting_product_get_type ())
GType           canting_product_get_type (void);
CantingProduct *canting_product_new      (void);
CantingProduct *canting_product_copy     (const CantingProduct *product);
void            canting_product_free     (CantingProduct       *product);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingProduct, canting_product_free)

gboolean        canting_product_validate (const CantingProduct  *product,
                                          GError               **error);
/* A weight per piece as people type it: grams ("350", "350 g") or kilos
 * ("1,2 kg"), to the whole gram; empty is 0, not weighed.  The error
 * (CANTING_PRODUCT_FIELD_WEIGHT) says how to write it. */
gboolean        canting_product_weight_parse (const char  *text,
                                              gint64      *out_grams,
                                              GError     **error);
/* Inserts or updates.  An empty SKU gets one made from the motif and
 * technique ("PB-TL-0001"); a SKU another product has is refused. */
gboolean        canting_product_save     (CantingDb             *db,
                                          CantingProduct        *product,
                                          GError               **error);
/* The same, and in the same transaction changes the finished-goods stock
 * from @shown_stock (what the form showed) to @new_stock by an adjustment
 * move: a form that edits both saves both or neither.  If the stock moved
 * meanwhile (an order was delivered), a change is refused rather than
 * undoing that move; an unchanged count is left alone. */
gboolean        canting_product_save_with_stock (CantingDb       *db,
                                                 CantingProduct  *product,
                                                 gint64           shown_stock,
                                                 gint64           new_stock,
                                                 GError         **error);
CantingProduct *canting_product_load     (CantingDb             *db,
                                          gint64                 id,
                                          GError               **error);

/* Changes the finished-goods stock by @delta pieces (a count after a
 * stock-take, say).  Stock never goes below zero. */
gboolean        canting_product_adjust_stock (CantingDb         *db,
                                              gint64             id,
                                              gint64             delta,
                                              GError           **error);

typedef struct {
  const char *text;          /* name, SKU or motif contains; NULL/"" for all */
  int         technique;     /* a CantingTechnique, or -1 for any */
  const char *motif;         /* exact motif, or NULL */
  gboolean    in_stock_only;
  gboolean    include_archived;
} CantingProductFilter;

/* (transfer full) (element-type CantingProduct): one page, by name. */
GPtrArray      *canting_product_search   (CantingDb                  *db,
                                          const CantingProductFilter *filter,
                                          guint                       offset,
                                          guint                       limit,
                                          GError                    **error);
gint64          canting_product_count    (CantingDb                  *db,
                                          const CantingProductFilter *filter,
                                          GError                    **error);

/* A product as a menu offers it (an order's items): what choosing it
 * fills in. */
typedef struct {
  gint64 id;
  char *sku;
  char *name;
  CantingMoney price;
} CantingProductChoice;

void canting_product_choice_free (CantingProductChoice *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingProductChoice, canting_product_choice_free)

/* (transfer full) (element-type CantingProductChoice): the current
 * (not archived) products, by name, at most @limit; and one product's
 * (archived or not), or NULL with @error. */
GPtrArray            *canting_product_choices (CantingDb  *db,
                                               guint       limit,
                                               GError    **error);
CantingProductChoice *canting_product_choice_load (CantingDb  *db,
                                                   gint64      id,
                                                   GError    **error);

/* Photos: each stored as a scaled image and a thumbnail, both made by the
 * caller (the UI, which has an image library), as JPEG or PNG bytes. */
#define CANTING_PHOTO_MAX_BYTES (8 * 1024 * 1024)
#define CANTING_PHOTOS_MAX 12

/* The largest picture Canting takes, photo or logo.  A phone camera's
 * photos (4000 × 3000, a panorama 12000 wide) fit; a "decompression
 * bomb" (a file of a few kilobytes that declares 100,000 × 100,000
 * pixels, 40 GB once decoded) does not, so it is refused before anything
 * decodes it. */
#define CANTING_IMAGE_MAX_SIDE 12000
#define CANTING_IMAGE_MAX_PIXELS (64 * 1000 * 1000)

/* Reads the size a PNG, JPEG or WebP image declares in its header (no
 * decoding) and checks it against the limits above.  Refuses, with
 * @domain and @code and a message for the person, an image whose header
 * is damaged or cut short, or that is too large.  @out_width and
 * @out_height may be NULL. */
gboolean   canting_image_check      (GBytes      *bytes,
                                     GQuark       domain,
                                     int          code,
                                     int         *out_width,
                                     int         *out_height,
                                     GError     **error);
/* The size check alone, for a caller that read the header itself (the
 * UI, before it decodes a file to scale it). */
gboolean   canting_image_check_size (int          width,
                                     int          height,
                                     GQuark       domain,
                                     int          code,
                                     GError     **error);

typedef struct {
  gint64  id;
  char   *path;        /* full path of the image */
  char   *thumbnail;   /* full path of the thumbnail */
} CantingPhoto;

void       canting_photo_free (CantingPhoto *photo);
/* (transfer full) (element-type CantingPhoto): in order. */
GPtrArray *canting_product_photos        (CantingDb    *db,
                                          gint64        product_id,
                                          GError      **error);
gboolean   canting_product_photo_add     (CantingDb    *db,
                                          gint64        product_id,
                                          GBytes       *image,
                                          GBytes       *thumbnail,
                                          GError      **error);
/* Removes the photo from the product.  Its files stay while a backup
 * may name them; canting_photo_prune() deletes them after. */
gboolean   canting_product_photo_remove  (CantingDb    *db,
                                          gint64        photo_id,
                                          GError      **error);
/* Deletes the photo files that neither the records nor any kept backup
 * name, so restoring a backup always finds its photos.  Keeps every file
 * if a backup cannot be read.  Runs after the daily backup rotation. */
gboolean   canting_photo_prune           (CantingDb    *db,
                                          guint        *out_removed,
                                          GError      **error);

/* Motifs to suggest while typing: well-known Blitar motifs, then those the
 * workshop has used.  (transfer full) */
GStrv           canting_product_motif_suggestions (CantingDb  *db,
                                                   GError    **error);
/* The motifs of the catalog's current products, each once (whatever its
 * capitals), for the motif filter.  (transfer full) */
GStrv           canting_product_motifs_in_use     (CantingDb  *db,
                                                   GError    **error);

G_END_DECLS
