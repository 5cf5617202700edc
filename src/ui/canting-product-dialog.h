/* canting-product-dialog.h: adding or editing one product. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-product.h"

G_BEGIN_DECLS

#define CANTING_TYPE_PRODUCT_DIALOG (canting_product_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingProductDialog, canting_product_dialog, CANTING, PRODUCT_DIALOG, AdwWindow)

/* @product (nullable): the one to edit, or NULL for a new one.  Emits
 * ::saved (with the product's id) after a successful save, then closes. */
CantingProductDialog *canting_product_dialog_new (CantingApplication   *app,
                                                  GtkWindow            *parent,
                                                  const CantingProduct *product);

G_END_DECLS
