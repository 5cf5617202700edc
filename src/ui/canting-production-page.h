/* canting-production-page.h: the Produksi page: what is in which stage. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_PRODUCTION_PAGE (canting_production_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingProductionPage, canting_production_page, CANTING, PRODUCTION_PAGE, GtkBox)

void canting_production_page_set_application (CantingProductionPage *self,
                                              CantingApplication    *app);

G_END_DECLS
