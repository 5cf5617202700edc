/* canting-product-private.h: stock moves for the order code, inside its
 * own transaction. */
#pragma once

#include "canting-product.h"

G_BEGIN_DECLS

/* Adds a stock move; refuses (CONFLICT) if stock would go below zero.
 * @order_id 0 for none.  Must run inside a transaction. */
gboolean canting_product_move_stock_in_txn (CantingDb   *db,
                                            gint64       product_id,
                                            gint64       delta,
                                            const char  *reason,
                                            gint64       order_id,
                                            GError     **error);

/* Where a stored photo file (as named in product_photos) is: in the
 * photos folder of the data dir.  (transfer full) */
char    *canting_photo_path (CantingDb  *db,
                             const char *file);

/* More of a product form to save in the same transaction, after the
 * product itself (so a new one has its id). */
typedef gboolean (*CantingProductSaveExtra) (CantingDb       *db,
                                             CantingProduct  *product,
                                             gpointer         data,
                                             GError         **error);

/* canting_product_save_with_stock(), running @extra inside its
 * transaction. */
gboolean canting_product_save_with_stock_and (CantingDb                *db,
                                              CantingProduct           *product,
                                              gint64                    shown_stock,
                                              gint64                    new_stock,
                                              CantingProductSaveExtra   extra,
                                              gpointer                  extra_data,
                                              GError                  **error);

G_END_DECLS
