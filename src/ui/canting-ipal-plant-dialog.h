/* canting-ipal-plant-dialog.h: a wastewater plant: the workshop's own or
 * one shared by a cluster of workshops. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-ipal.h"

G_BEGIN_DECLS

#define CANTING_TYPE_IPAL_PLANT_DIALOG (canting_ipal_plant_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingIpalPlantDialog, canting_ipal_plant_dialog, CANTING, IPAL_PLANT_DIALOG, AdwWindow)

/* @plant NULL: a new one.  Emits "saved" after it is written. */
CantingIpalPlantDialog *canting_ipal_plant_dialog_new (CantingApplication     *app,
                                                       GtkWindow              *parent,
                                                       const CantingIpalPlant *plant);

G_END_DECLS
