/* canting-wrap-box.h: a row of buttons that goes on to a second line
 * when the window is narrower than the row. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CANTING_TYPE_WRAP_BOX (canting_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (CantingWrapBox, canting_wrap_box, CANTING, WRAP_BOX, GtkWidget)

GtkWidget *canting_wrap_box_new    (void);
void       canting_wrap_box_append (CantingWrapBox *self,
                                    GtkWidget      *child);

G_END_DECLS
