/* canting-accessible.c: works around accessibility bugs of GTK 4.8.
 *
 * GTK 4.8 gives a button (or check button) with a mnemonic label both its raw label as the
 * accessible label ("_Back Up Now") and a labelled-by relation to the
 * label child ("Back Up Now"); screen readers then say "underscore Back Up
 * Now Back Up Now".  Dropping the raw label leaves the clean name from the
 * child.  Newer GTK names such buttons correctly, and this is harmless
 * there. */
#include "canting-accessible.h"

/* "Show _archived" → "Show archived"; "__" stands for one underscore. */
static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

void
canting_accessible_fix_mnemonic_buttons (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)) &&
      gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (GTK_IS_CHECK_BUTTON (root) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (root)) &&
           gtk_check_button_get_label (GTK_CHECK_BUTTON (root)) != NULL)
    {
      /* A check button has no relation to its label child to fall back
       * on: give it the clean text itself. */
      g_autofree char *clean = strip_mnemonic (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, clean, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    canting_accessible_fix_mnemonic_buttons (child);
}

GtkWidget *
canting_find_descendant (GtkWidget *root,
                         GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : canting_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
canting_accessible_name_drop_down (GtkDropDown *drop_down,
                                   const char  *label)
{
  GtkWidget *button = canting_find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_BUTTON);

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
