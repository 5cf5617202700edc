/* canting-ipal-page.h: the IPAL page: the wastewater log and its
 * compliance. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_IPAL_PAGE (canting_ipal_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingIpalPage, canting_ipal_page, CANTING, IPAL_PAGE, GtkBox)

void canting_ipal_page_set_application (CantingIpalPage    *self,
                                        CantingApplication *app);
/* Opens the form for a new daily entry (also Ctrl+N on this page). */
void canting_ipal_page_add             (CantingIpalPage    *self);

G_END_DECLS
