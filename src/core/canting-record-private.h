/* canting-record-private.h: saving records inside a caller's transaction
 * (an import writes a whole file in one). */
#pragma once

#include "canting-customer.h"
#include "canting-order.h"
#include "canting-product.h"

G_BEGIN_DECLS

/* @user_data: the CantingCustomer; validate it first.  Sets its id. */
gboolean canting_customer_save_in_txn (CantingDb  *db,
                                       gpointer    user_data,
                                       GError    **error);

/* A new product (validate it first), with @stock pieces if not 0.
 * The stored stock must be 0 (it is, for a new product). */
gboolean canting_product_save_with_stock_in_txn (CantingDb       *db,
                                                 CantingProduct  *product,
                                                 gint64           stock,
                                                 GError         **error);

/* @user_data: the CantingOrder; validate it first.  Numbers and sets its
 * id when new. */
gboolean canting_order_save_in_txn (CantingDb  *db,
                                    gpointer    user_data,
                                    GError    **error);

G_END_DECLS
