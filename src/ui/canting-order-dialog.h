/* canting-order-dialog.h: one order: customer, dates, items, amounts,
 * payments and its way through the workshop. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_ORDER_DIALOG (canting_order_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingOrderDialog, canting_order_dialog, CANTING, ORDER_DIALOG, AdwWindow)

/* @order_id: the order to open, or 0 for a new one.  Emits ::saved (with
 * the order's id) whenever the order was written: saved, paid, moved on. */
CantingOrderDialog *canting_order_dialog_new (CantingApplication *app,
                                              GtkWindow          *parent,
                                              gint64              order_id);

G_END_DECLS
