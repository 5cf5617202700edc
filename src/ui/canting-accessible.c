/* canting-accessible.c: works around accessibility bugs of GTK 4.8.
 *
 * GTK 4.8 gives a button with a mnemonic label both its raw label as the
 * accessible label ("_Back Up Now") and a labelled-by relation to the
 * label child ("Back Up Now"); screen readers then say "underscore Back Up
 * Now Back Up Now".  Dropping the raw label leaves the clean name from the
 * child.  Newer GTK names such buttons correctly, and this is harmless
 * there. */
#include "canting-accessible.h"

void
canting_accessible_fix_mnemonic_buttons (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    canting_accessible_fix_mnemonic_buttons (child);
}
