/* canting-motif-picture.h: batik-like pictures drawn per motif, for the
 * practice workshop's product photos.
 *
 * The demo workshop needs photos that look like cloth without shipping
 * (or downloading) any: each motif gets a simple pattern of its own,
 * drawn with cairo and written as a PNG.  Not a renderer of real batik. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A @width × @height PNG of @motif ("Kawung", "Parang", …; an unknown
 * motif gets a plain isen-isen of dots), in colour scheme @variant (sogan
 * brown, indigo, red, green, …).  Same arguments, same bytes.
 * (transfer full) */
GBytes *canting_motif_picture_png (const char *motif,
                                   guint       variant,
                                   guint       width,
                                   guint       height);

G_END_DECLS
