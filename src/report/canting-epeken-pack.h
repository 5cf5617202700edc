/* canting-epeken-pack.h: writing an e-Peken listing pack, the folder or
 * zip a workshop hands to Surabaya's cooperative and trade office to be
 * put on e-Peken (which has no API): produk.csv, the photos resized in
 * foto/, and katalog.pdf to print.  The products are chosen in the core
 * (canting-epeken.h); this part needs an image library. */
#pragma once

#include <gio/gio.h>

#include "canting-db.h"
#include "canting-epeken.h"

G_BEGIN_DECLS

#define CANTING_EPEKEN_PRODUCTS_FILE "produk.csv"
#define CANTING_EPEKEN_PHOTOS_FOLDER "foto"
#define CANTING_EPEKEN_CATALOGUE_FILE "katalog.pdf"

/* Photo limits in the pack.  e-Peken publishes none; these sit inside
 * what Indonesian marketplaces take (1200 px shows a cloth's detail when
 * zoomed; a megabyte, read as 1,000,000 bytes so either reading holds,
 * uploads over a phone connection), and a JPEG is what every upload form
 * and office computer reads.  Change them here if the office asks. */
#define CANTING_EPEKEN_PHOTO_MAX_SIDE 1200
#define CANTING_EPEKEN_PHOTO_MAX_BYTES (1000 * 1000)

/* Called after each photo and after the catalogue: @done of @total. */
typedef void (*CantingEpekenProgress) (guint     done,
                                       guint     total,
                                       gpointer  user_data);

/* Writes the pack of @selection's items as the folder @dir (private to
 * its owner, like every export), whole or not at all: everything goes
 * into a hidden folder beside it, renamed to @dir at the end.  An
 * existing @dir is replaced only when it is empty or an earlier pack; a folder holding anything else is refused
 * and left alone.  An empty selection, a photo that cannot be read
 * (named with its product) or @cancellable cancelled is an error and
 * leaves nothing behind. */
gboolean canting_epeken_pack_write (CantingDb                     *db,
                                    const CantingEpekenSelection  *selection,
                                    const char                    *dir,
                                    CantingEpekenProgress          progress,
                                    gpointer                       user_data,
                                    GCancellable                  *cancellable,
                                    GError                       **error);

/* Writes the same pack as one zip file @path, for sending by WhatsApp or
 * email: produk.csv, foto/ and its photos, katalog.pdf at the top of the
 * zip, with the bytes the folder would hold.  Written as a private
 * (0600) hidden file beside @path, flushed to the disk, then renamed to
 * @path, so a zip under that name is always whole.  An existing @path is
 * replaced only when it is a zip (any, since the person chose the name)
 * or empty; another file, a folder or a link is refused and left alone.
 * Errors and @progress as canting_epeken_pack_write(). */
gboolean canting_epeken_pack_write_zip (CantingDb                     *db,
                                        const CantingEpekenSelection  *selection,
                                        const char                    *path,
                                        CantingEpekenProgress          progress,
                                        gpointer                       user_data,
                                        GCancellable                  *cancellable,
                                        GError                       **error);

/* Whether @path names a zip (ends in ".zip", any case): the command line
 * and the Produk page write the pack as a zip then, else as a folder. */
gboolean canting_epeken_pack_is_zip_name (const char *path);

G_END_DECLS
