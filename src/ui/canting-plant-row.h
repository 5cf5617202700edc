/* canting-plant-row.h: the "Plant (IPAL)" choice every IPAL form has. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

/* Fills @row with the plants in use, @plant_id chosen; hides it when
 * there is only one, as there is nothing to choose.  (transfer full)
 * (element-type CantingIpalPlant): the plants, in the row's order. */
GPtrArray *canting_plant_row_fill     (AdwComboRow        *row,
                                       CantingApplication *app,
                                       gint64              plant_id);
/* The id of the plant chosen in @row, or 0. */
gint64     canting_plant_row_selected (AdwComboRow        *row,
                                       GPtrArray          *plants);

G_END_DECLS
