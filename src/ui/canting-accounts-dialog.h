/* canting-accounts-dialog.h: accounts and categories of the ledger. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_ACCOUNTS_DIALOG (canting_accounts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingAccountsDialog, canting_accounts_dialog, CANTING, ACCOUNTS_DIALOG, AdwWindow)

/* Emits "changed" after each account or category saved. */
CantingAccountsDialog *canting_accounts_dialog_new (CantingApplication *app,
                                                    GtkWindow          *parent);

G_END_DECLS
