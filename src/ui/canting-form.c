/* canting-form.c: showing a record's field errors in its form. */
#include "canting-form.h"

#include "canting-quantity.h"

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

gboolean
canting_form_read_quantity (AdwEntryRow  *row,
                            gint64        empty_value,
                            GQuark        domain,
                            int           code,
                            gint64       *out,
                            GError      **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) local = NULL;

  if (*text == '\0')
    {
      *out = empty_value;
      return TRUE;
    }
  if (canting_quantity_parse (text, out, &local))
    return TRUE;
  g_set_error (error, domain, code, "%s: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
               local->message);
  return FALSE;
}

void
canting_form_show_quantity (AdwEntryRow *row,
                            gint64       value,
                            gint64       empty_value)
{
  g_autofree char *text = value != empty_value ? canting_quantity_format (value) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}
