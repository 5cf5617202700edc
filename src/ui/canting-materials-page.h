/* canting-materials-page.h: the Bahan page. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_MATERIALS_PAGE (canting_materials_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingMaterialsPage, canting_materials_page, CANTING, MATERIALS_PAGE, GtkBox)

void canting_materials_page_set_application (CantingMaterialsPage *self,
                                             CantingApplication   *app);
/* Opens the form for a new material (also Ctrl+N on this page). */
void canting_materials_page_add             (CantingMaterialsPage *self);

G_END_DECLS
