/* canting-window.h: the main window: a header bar, a stack of pages. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_WINDOW (canting_window_get_type ())
G_DECLARE_FINAL_TYPE (CantingWindow, canting_window, CANTING, WINDOW, AdwApplicationWindow)

CantingWindow *canting_window_new       (CantingApplication *application);
/* Shows the page named @name ("materials"), if there is one. */
void           canting_window_show_page (CantingWindow      *self,
                                         const char         *name);
/* Shows the orders page with the orders not fully paid. */
void           canting_window_show_unpaid_orders (CantingWindow *self);
/* Takes ownership of @toast. */
void           canting_window_add_toast (CantingWindow      *self,
                                         AdwToast           *toast);
/* Shows @banner (nullable: none) under the header bar: trainer mode's
 * "practice workshop" strip. */
void           canting_window_set_banner (CantingWindow     *self,
                                          GtkWidget         *banner);
/* Says @text in a toast of the main window holding @widget (if any),
 * before older notices: the outcome of what the person just asked.
 * Returns the toast (transfer none: take a reference to dismiss it
 * later), NULL outside a main window. */
AdwToast      *canting_window_say       (GtkWidget          *widget,
                                         const char         *text);

G_END_DECLS
