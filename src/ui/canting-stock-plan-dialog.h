/* canting-stock-plan-dialog.h: the stock count (stok opname), the
 * shortage list for confirmed orders and what the stock can make. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

typedef enum {
  CANTING_STOCK_PLAN_COUNT,
  CANTING_STOCK_PLAN_SHORTAGES,
  CANTING_STOCK_PLAN_CAN_MAKE,
} CantingStockPlanView;

#define CANTING_TYPE_STOCK_PLAN_DIALOG (canting_stock_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingStockPlanDialog, canting_stock_plan_dialog, CANTING, STOCK_PLAN_DIALOG, AdwWindow)

/* Emits "changed" after a count is posted. */
CantingStockPlanDialog *canting_stock_plan_dialog_new (CantingApplication   *app,
                                                       GtkWindow            *parent,
                                                       CantingStockPlanView  view);

G_END_DECLS
