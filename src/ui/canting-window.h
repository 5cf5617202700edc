/* canting-window.h: the main window: a header bar, a stack of pages. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_WINDOW (canting_window_get_type ())
G_DECLARE_FINAL_TYPE (CantingWindow, canting_window, CANTING, WINDOW, AdwApplicationWindow)

CantingWindow *canting_window_new       (CantingApplication *application);
/* Takes ownership of @toast. */
void           canting_window_add_toast (CantingWindow      *self,
                                         AdwToast           *toast);

G_END_DECLS
