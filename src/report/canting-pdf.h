/* canting-pdf.h: writing a PDF whole or not at all. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Draws every page (calling cairo_show_page() after each) on @cr. */
typedef void (*CantingPdfDrawFunc) (cairo_t  *cr,
                                    double    width,
                                    double    height,
                                    gpointer  user_data);

/* Writes a @width × @height (points) PDF titled @title to @path through
 * a temporary name renamed into place, so a failure never leaves half a
 * file under the name the person chose. */
gboolean canting_pdf_save (const char          *path,
                           const char          *title,
                           double               width,
                           double               height,
                           CantingPdfDrawFunc   draw,
                           gpointer             user_data,
                           GError             **error);

G_END_DECLS
