/* canting-accessible.h: accessibility fixes shared by the windows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void canting_accessible_fix_mnemonic_buttons (GtkWidget *root);

G_END_DECLS
