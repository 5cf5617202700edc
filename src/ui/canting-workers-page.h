/* canting-workers-page.h: the Pembatik page: workers and wages owed. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_WORKERS_PAGE (canting_workers_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingWorkersPage, canting_workers_page, CANTING, WORKERS_PAGE, GtkBox)

void canting_workers_page_set_application (CantingWorkersPage *self,
                                           CantingApplication *app);
void canting_workers_page_add             (CantingWorkersPage *self);

G_END_DECLS
