/* canting-orders-page.h: the Pesanan page. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_ORDERS_PAGE (canting_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingOrdersPage, canting_orders_page, CANTING, ORDERS_PAGE, GtkBox)

void canting_orders_page_set_application (CantingOrdersPage  *self,
                                          CantingApplication *app);
void canting_orders_page_add             (CantingOrdersPage  *self);
/* Lists the orders not fully paid (its filter menu's last view). */
void canting_orders_page_show_unpaid     (CantingOrdersPage  *self);

G_END_DECLS
