/* canting-home-page.h: the dashboard cards of Beranda. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_HOME_PAGE (canting_home_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingHomePage, canting_home_page, CANTING, HOME_PAGE, GtkBox)

void canting_home_page_set_application (CantingHomePage    *self,
                                        CantingApplication *app);
/* Reads every figure again. */
void canting_home_page_refresh         (CantingHomePage    *self);

G_END_DECLS
