/* canting-customer-dialog.h: adding or editing one customer. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-customer.h"

G_BEGIN_DECLS

#define CANTING_TYPE_CUSTOMER_DIALOG (canting_customer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingCustomerDialog, canting_customer_dialog, CANTING, CUSTOMER_DIALOG, AdwWindow)

/* @customer (nullable): the one to edit, or NULL for a new one.  Emits
 * ::saved (with the customer's id) after a successful save, then closes. */
CantingCustomerDialog *canting_customer_dialog_new (CantingApplication    *app,
                                                    GtkWindow             *parent,
                                                    const CantingCustomer *customer);

G_END_DECLS
