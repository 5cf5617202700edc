/* canting-accessible.h: accessibility fixes shared by the windows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void canting_accessible_fix_mnemonic_buttons (GtkWidget *root);

/* GTK 4.8's drop-down focuses an inner button that has no name of its
 * own: give it @label, the name of the drop-down. */
void canting_accessible_name_drop_down (GtkDropDown *drop_down,
                                        const char  *label);

/* The first widget of @type inside @root (depth first), or NULL: for
 * the parts GTK 4.8 builds inside its own widgets. */
GtkWidget *canting_find_descendant (GtkWidget *root,
                                    GType      type);

G_END_DECLS
