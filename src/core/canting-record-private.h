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

/* canting_order_new() for a date the caller has: asking the clock means
 * reading the local time zone, which an import of a hundred thousand
 * orders, each with its own date, should not do for every one. */
CantingOrder *canting_order_new_dated (const char *order_date);

/* @user_data: the CantingOrder; validate it first.  Numbers and sets its
 * id when new. */
gboolean canting_order_save_in_txn (CantingDb  *db,
                                    gpointer    user_data,
                                    GError    **error);

/* Many new orders in one transaction (an import): each year's numbers
 * are read once and counted on, each customer checked once, and the
 * orders' creation and status time is the batch's start.  Unless @one_by_one, the
 * orders are written several at a time, one INSERT of many rows per
 * table: a failure then cannot say which order it was (the caller may
 * roll back and try again one by one to name it).  After a rollback to
 * a savepoint, forget what the batch knew (the numbers it gave are free
 * again). */
typedef struct _CantingOrderBatch CantingOrderBatch;

CantingOrderBatch *canting_order_batch_new    (gboolean            one_by_one);
void               canting_order_batch_forget (CantingOrderBatch  *batch);
void               canting_order_batch_free   (CantingOrderBatch  *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingOrderBatch, canting_order_batch_free)

/* canting_order_validate(), also giving the order's total. */
gboolean canting_order_validate_with_total (const CantingOrder  *order,
                                            CantingMoney        *out_total,
                                            GError             **error);

/* As canting_order_save_in_txn() would save the new @order, checked by
 * canting_order_validate_with_total() (which gave @total): numbered and given its id now, written now if @batch is one
 * by one, else with the next several or by canting_order_batch_flush();
 * @order must live until then.  Written as a row by row save writes it:
 * the same ids, numbers, status log and items.  The customer and each
 * product are checked in the transaction (once per batch), so the batch
 * may write inside canting_db_transaction_own_checks(). */
gboolean canting_order_add_in_batch (CantingDb          *db,
                                     CantingOrderBatch  *batch,
                                     CantingOrder       *order,
                                     CantingMoney        total,
                                     GError            **error);
/* Writes the orders added and not yet written. */
gboolean canting_order_batch_flush  (CantingDb          *db,
                                     CantingOrderBatch  *batch,
                                     GError            **error);

/* canting_order_set_status() inside the caller's transaction. */
gboolean canting_order_set_status_in_txn (CantingDb           *db,
                                          gint64               id,
                                          CantingOrderStatus   status,
                                          GDateTime           *at,
                                          GError             **error);

/* The checks canting_payment_add() makes before its transaction. */
gboolean canting_payment_validate      (const CantingPayment  *payment,
                                        GError               **error);
/* canting_payment_add() inside the caller's transaction (validate
 * first); sets the payment's id. */
gboolean canting_payment_add_in_txn    (CantingDb             *db,
                                        CantingPayment        *payment,
                                        GError               **error);
/* canting_payment_remove() inside the caller's transaction: the ledger
 * entry is voided with it. */
gboolean canting_payment_remove_in_txn (CantingDb             *db,
                                        gint64                 id,
                                        GError               **error);

G_END_DECLS
