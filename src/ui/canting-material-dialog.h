/* canting-material-dialog.h: a material's form, stock, history and
 * charts. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-material.h"

G_BEGIN_DECLS

#define CANTING_TYPE_MATERIAL_DIALOG (canting_material_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingMaterialDialog, canting_material_dialog, CANTING, MATERIAL_DIALOG, AdwWindow)

/* @material NULL: a new one.  Emits "changed" after the material is saved
 * or its stock moved. */
CantingMaterialDialog *canting_material_dialog_new (CantingApplication    *app,
                                                    GtkWindow             *parent,
                                                    const CantingMaterial *material);

G_END_DECLS
