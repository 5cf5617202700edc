/* canting-window.h: the main window: a header bar, a stack of pages. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_WINDOW (canting_window_get_type ())
G_DECLARE_FINAL_TYPE (CantingWindow, canting_window, CANTING, WINDOW, AdwApplicationWindow)

CantingWindow *canting_window_new       (CantingApplication *application);
/* Takes ownership of @toast. */
/* Shows the page named @name ("materials"), if there is one. */
void           canting_window_show_page (CantingWindow      *self,
                                         const char         *name);
void           canting_window_add_toast (CantingWindow      *self,
                                         AdwToast           *toast);

G_END_DECLS
