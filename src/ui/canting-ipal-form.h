/* canting-ipal-form.h: what the IPAL forms share: the "Plant (IPAL)"
 * choice and the verdict line over the form. */
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

/* Shows the verdict on @exceedances (NULL: not worked out) and the
 * plausibility @warnings in @label, red when over a limit, in the warning
 * colour when only odd; @group is hidden when there is nothing to say. */
void       canting_ipal_show_verdict  (GtkWidget          *group,
                                       GtkLabel           *label,
                                       GPtrArray          *exceedances,
                                       GPtrArray          *warnings);

G_END_DECLS
