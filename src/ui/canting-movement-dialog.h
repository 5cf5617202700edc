/* canting-movement-dialog.h: recording a purchase, usage, waste or a
 * counted quantity of one material. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-material.h"

G_BEGIN_DECLS

#define CANTING_TYPE_MOVEMENT_DIALOG (canting_movement_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingMovementDialog, canting_movement_dialog, CANTING, MOVEMENT_DIALOG, AdwWindow)

/* @material_id 0: the person chooses the material.  An adjustment asks
 * for the counted quantity and records the difference.  Emits "recorded"
 * after a movement is written. */
CantingMovementDialog *canting_movement_dialog_new (CantingApplication  *app,
                                                    GtkWindow           *parent,
                                                    gint64               material_id,
                                                    CantingMovementKind  kind);

G_END_DECLS
