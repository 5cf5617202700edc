/* canting-products-page-actions.h: the catalogue PDF and the e-Peken
 * listing pack, made from the Produk page. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

/* Asks where, then makes it on a worker thread and says how it went in
 * a toast of @page's window (what was left out, and why).  Of the
 * products @skus names, or with @skus empty of the whole catalogue. */
void canting_products_page_make_catalogue   (GtkWidget          *page,
                                             CantingApplication *app,
                                             const char * const *skus);
void canting_products_page_make_epeken_pack (GtkWidget          *page,
                                             CantingApplication *app,
                                             const char * const *skus);

G_END_DECLS
