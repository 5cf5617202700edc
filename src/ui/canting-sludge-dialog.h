/* canting-sludge-dialog.h: recording sludge taken from the plant, and
 * correcting a handover recorded before. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_SLUDGE_DIALOG (canting_sludge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingSludgeDialog, canting_sludge_dialog, CANTING, SLUDGE_DIALOG, AdwWindow)

/* A new handover at @plant_id (0: choose), or the saved one @sludge_id
 * to correct.  Emits "saved" after the handover is written. */
CantingSludgeDialog *canting_sludge_dialog_new (CantingApplication *app,
                                                GtkWindow          *parent,
                                                gint64              plant_id,
                                                gint64              sludge_id);

G_END_DECLS
