/* canting-jpeg.h: a product photo made into a JPEG within a marketplace's
 * limits (the e-Peken pack's foto/ folder), and drawn into a PDF as that
 * JPEG itself (the catalogue), so the file stays small enough to send by
 * WhatsApp.  gdk-pixbuf reads the photos: cairo alone reads only PNG,
 * and the photos are stored as JPEG or PNG. */
#pragma once

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* The photo at @path as a JPEG whose longer side is at most @max_side
 * pixels (never enlarged) and whose size is at most @max_bytes: the
 * quality is lowered, then the picture made smaller, until it fits.
 * Transparency is laid on white (JPEG has none).  @out_pixbuf, when not
 * NULL, gets the picture the JPEG holds.  (transfer full) NULL with
 * @error when the file cannot be read as an image. */
GBytes          *canting_jpeg_from_photo (const char  *path,
                                          int          max_side,
                                          gsize        max_bytes,
                                          GdkPixbuf  **out_pixbuf,
                                          GError     **error);

/* @pixbuf (what @jpeg holds) as a cairo surface carrying @jpeg as its
 * MIME data: a PDF embeds the JPEG bytes instead of the raw pixels.
 * (transfer full) */
cairo_surface_t *canting_jpeg_surface    (GdkPixbuf   *pixbuf,
                                          GBytes      *jpeg);

G_END_DECLS
