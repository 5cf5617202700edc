/* canting-outcome-dialog.h: the outcome report for the association. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_OUTCOME_DIALOG (canting_outcome_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingOutcomeDialog, canting_outcome_dialog, CANTING, OUTCOME_DIALOG, AdwWindow)

CantingOutcomeDialog *canting_outcome_dialog_new (CantingApplication *app,
                                                  GtkWindow          *parent);

G_END_DECLS
