/* canting-products-page.h: the Produk page: the catalog. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_PRODUCTS_PAGE (canting_products_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingProductsPage, canting_products_page, CANTING, PRODUCTS_PAGE, GtkBox)

void canting_products_page_set_application (CantingProductsPage *self,
                                            CantingApplication  *app);
void canting_products_page_add             (CantingProductsPage *self);

G_END_DECLS
