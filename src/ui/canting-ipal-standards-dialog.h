/* canting-ipal-standards-dialog.h: which wastewater standard applies,
 * and a regional one of the workshop's own. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_IPAL_STANDARDS_DIALOG (canting_ipal_standards_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingIpalStandardsDialog, canting_ipal_standards_dialog, CANTING, IPAL_STANDARDS_DIALOG,
                      AdwWindow)

/* Emits "changed" when another standard applies or one was saved. */
CantingIpalStandardsDialog *canting_ipal_standards_dialog_new (CantingApplication *app,
                                                               GtkWindow          *parent);

G_END_DECLS
