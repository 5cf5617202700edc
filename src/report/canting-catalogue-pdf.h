/* canting-catalogue-pdf.h: a catalogue of chosen products with their
 * photos and prices, on A4 to print or to send by WhatsApp; also the
 * katalog.pdf of the e-Peken listing pack. */
#pragma once

#include <gio/gio.h>

#include "canting-db.h"
#include "canting-epeken.h"

G_BEGIN_DECLS

/* Photos in the catalogue: 640 px on the longer side is about 250 dpi in
 * a card's picture box, sharp in print and on a phone, and under 150 kB
 * each keeps a catalogue of fifty products to a few megabytes, quick to
 * send over a phone connection. */
#define CANTING_CATALOGUE_PHOTO_SIDE 640
#define CANTING_CATALOGUE_PHOTO_BYTES (150 * 1000)

/* Writes the items of @selection as an A4 PDF to @path (whole or not at
 * all): the workshop's name, city and WhatsApp number, then a card per
 * product with its first photo, name, SKU, motif, technique, size,
 * price and stock.  An empty selection, or a photo that cannot be read
 * (named with its product), is an error and writes nothing. */
gboolean canting_catalogue_save_pdf (CantingDb                     *db,
                                     const CantingEpekenSelection  *selection,
                                     const char                    *path,
                                     GCancellable                  *cancellable,
                                     GError                       **error);

/* The same catalogue in memory, for the e-Peken pack; NULL with @error
 * set as above. */
GBytes *canting_catalogue_pdf (CantingDb                     *db,
                               const CantingEpekenSelection  *selection,
                               GCancellable                  *cancellable,
                               GError                       **error);

G_END_DECLS
