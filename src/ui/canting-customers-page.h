/* canting-customers-page.h: the Pelanggan page. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_CUSTOMERS_PAGE (canting_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingCustomersPage, canting_customers_page, CANTING, CUSTOMERS_PAGE, GtkBox)

void canting_customers_page_set_application (CantingCustomersPage *self,
                                             CantingApplication   *app);
/* Opens the form for a new customer (also Ctrl+N on this page). */
void canting_customers_page_add             (CantingCustomersPage *self);

G_END_DECLS
