/* canting-form.c: showing a record's field errors in its form. */
#include "canting-form.h"

void
canting_form_show_error (GtkWidget   **rows,
                         guint         n_rows,
                         GQuark        domain,
                         const GError *error,
                         GtkWidget    *group,
                         GtkLabel     *label)
{
  for (guint i = 0; i < n_rows; i++)
    {
      if (rows[i] == NULL)
        continue;
      gtk_widget_remove_css_class (rows[i], "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (group, error != NULL);
  gtk_label_set_text (label, error != NULL ? error->message : "");
  if (error == NULL || error->domain != domain || error->code < 0 || (guint) error->code >= n_rows ||
      rows[error->code] == NULL)
    return;

  gtk_widget_add_css_class (rows[error->code], "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (rows[error->code]), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_widget_grab_focus (rows[error->code]);
}
