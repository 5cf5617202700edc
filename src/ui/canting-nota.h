/* canting-nota.h: the nota (invoice) of an order as pages, for a PDF or
 * the printer. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "canting-db.h"

G_BEGIN_DECLS

typedef struct _CantingNota CantingNota;

/* Reads the order, its customer, payments and the workshop profile. */
CantingNota *canting_nota_new        (CantingDb    *db,
                                      gint64        order_id,
                                      GError      **error);
void         canting_nota_free       (CantingNota  *nota);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingNota, canting_nota_free)

/* Pages the nota takes on a @width × @height (points) page. */
guint        canting_nota_count_pages (CantingNota *nota,
                                       cairo_t     *cr,
                                       double       width,
                                       double       height);
/* Draws page @page (from 0) without ending it: for a print operation. */
void         canting_nota_draw_page   (CantingNota *nota,
                                       cairo_t     *cr,
                                       double       width,
                                       double       height,
                                       guint        page);

/* Writes an A5 PDF to @path (a temporary name renamed into place). */
gboolean     canting_nota_save_pdf    (CantingNota  *nota,
                                       const char   *path,
                                       GError      **error);

/* "Nota-PSN-2026-0001.pdf" */
char        *canting_nota_file_name   (CantingNota  *nota);

G_END_DECLS
