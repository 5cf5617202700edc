/* canting-receivables-dialog.h: piutang and utang at a glance. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_RECEIVABLES_DIALOG (canting_receivables_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingReceivablesDialog, canting_receivables_dialog, CANTING, RECEIVABLES_DIALOG, AdwWindow)

/* Emits "changed" after a payment or a purchase paid there. */
CantingReceivablesDialog *canting_receivables_dialog_new (CantingApplication *app,
                                                          GtkWindow          *parent);

G_END_DECLS
