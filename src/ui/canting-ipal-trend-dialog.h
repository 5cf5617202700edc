/* canting-ipal-trend-dialog.h: the IPAL log over months: a parameter
 * against its limit, the compliance rate and the monthly volume. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_IPAL_TREND_DIALOG (canting_ipal_trend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingIpalTrendDialog, canting_ipal_trend_dialog, CANTING, IPAL_TREND_DIALOG, AdwWindow)

/* @plant_id 0: every plant. */
CantingIpalTrendDialog *canting_ipal_trend_dialog_new (CantingApplication *app,
                                                       GtkWindow          *parent,
                                                       gint64              plant_id);

G_END_DECLS
