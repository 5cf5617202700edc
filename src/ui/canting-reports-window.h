/* canting-reports-window.h: the money reports on screen (profit and loss,
 * cash flow, sales, the tax estimate), each as a table, a chart where one
 * helps, and a CSV or PDF to save. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_REPORTS_WINDOW (canting_reports_window_get_type ())
G_DECLARE_FINAL_TYPE (CantingReportsWindow, canting_reports_window, CANTING, REPORTS_WINDOW, AdwWindow)

CantingReportsWindow *canting_reports_window_new (CantingApplication *app,
                                                  GtkWindow          *parent);

G_END_DECLS
