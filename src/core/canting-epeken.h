/* canting-epeken.h: which products go in an e-Peken listing pack (or a
 * catalogue PDF), each with its e-Peken category and the names its
 * photos get in the pack, and the pack's product list as CSV.
 *
 * e-Peken, Surabaya's marketplace for local products, has no public API:
 * the city's cooperative and trade office onboards sellers from a list
 * of products with photos.  The core chooses and describes; resizing the
 * photos and drawing the catalogue need an image library and live in
 * src/report (canting-epeken-pack.h). */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-product.h"

G_BEGIN_DECLS

/* What keeps a product from being a good listing.  The first three make
 * it incomplete: left out unless asked for.  NOT_WEIGHED only warns (the
 * weight cell stays empty and the office asks). */
typedef enum {
  CANTING_EPEKEN_NO_PRICE = 1 << 0,
  CANTING_EPEKEN_NO_PHOTO = 1 << 1,
  CANTING_EPEKEN_ARCHIVED = 1 << 2,
  CANTING_EPEKEN_NOT_WEIGHED = 1 << 3,
} CantingEpekenProblems;
#define CANTING_EPEKEN_INCOMPLETE \
  (CANTING_EPEKEN_NO_PRICE | CANTING_EPEKEN_NO_PHOTO | CANTING_EPEKEN_ARCHIVED)

/* Photos per product in the pack.  e-Peken publishes no limit; five is
 * Canting's own choice (the whole cloth, a detail, the back, worn, the
 * label) and keeps a pack small enough to send over a phone connection.
 * Change it here if the office asks for another number. */
#define CANTING_EPEKEN_PHOTOS_MAX 5

typedef struct {
  CantingProduct        *product;      /* with its stock */
  char                  *category;     /* "Fashion > Kain Batik > Batik Tulis" */
  /* (element-type CantingPhoto): the first CANTING_EPEKEN_PHOTOS_MAX, in
   * order, and beside each the name it has in the pack's foto/ folder
   * ("PB-TL-0001-1.jpg"), NULL-terminated. */
  GPtrArray             *photos;
  GStrv                  photo_names;
  CantingEpekenProblems  problems;
} CantingEpekenItem;

typedef struct {
  GPtrArray *items;     /* (element-type CantingEpekenItem): in the pack */
  GPtrArray *skipped;   /* (element-type CantingEpekenItem): incomplete, left out */
} CantingEpekenSelection;

void canting_epeken_selection_free (CantingEpekenSelection *selection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingEpekenSelection, canting_epeken_selection_free)

/* The products named by @skus (NULL-terminated, each once, in that
 * order), or with @skus NULL or empty the whole current catalogue (not
 * archived) by name.  Incomplete products go in @skipped, or with
 * @include_incomplete in @items, their problems kept for a warning.  An
 * SKU no product has is an error (CANTING_ERROR_NOT_FOUND) naming it.
 * (transfer full) */
CantingEpekenSelection *canting_epeken_select (CantingDb           *db,
                                               const char * const  *skus,
                                               gboolean             include_incomplete,
                                               GError             **error);

/* @problems in words, for a warning: "no price, no photo".
 * (transfer full) */
char   *canting_epeken_problems_text (CantingEpekenProblems problems);

/* The e-Peken category of a technique when the workshop's e-Peken
 * channel maps neither the product's motif nor its technique. */
const char *canting_epeken_default_category (CantingTechnique technique);

/* produk.csv: UTF-8 with a BOM, separated by semicolons like the other
 * exports; one row per item: nama, kategori, deskripsi, harga (whole
 * rupiah), stok, berat (gram), sku, then foto 1 … foto 5 (the photo file
 * names in foto/).  (transfer full) */
GBytes *canting_epeken_csv (const CantingEpekenSelection *selection);

G_END_DECLS
