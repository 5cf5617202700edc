/* canting-ipal-form.c: the plant choice and the verdict line. */
#include "config.h"

#include "canting-ipal-form.h"

#include "canting-ipal-standard.h"

GPtrArray *
canting_plant_row_fill (AdwComboRow        *row,
                        CantingApplication *app,
                        gint64              plant_id)
{
  GPtrArray *plants = canting_ipal_plant_list (canting_application_get_db (app), FALSE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; plants != NULL && i < plants->len; i++)
    gtk_string_list_append (names, ((CantingIpalPlant *) g_ptr_array_index (plants, i))->name);
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  for (guint i = 0; plants != NULL && i < plants->len; i++)
    if (((CantingIpalPlant *) g_ptr_array_index (plants, i))->id == plant_id)
      adw_combo_row_set_selected (row, i);
  gtk_widget_set_visible (GTK_WIDGET (row), plants == NULL || plants->len != 1);
  return plants;
}

gint64
canting_plant_row_selected (AdwComboRow *row,
                            GPtrArray   *plants)
{
  guint i = adw_combo_row_get_selected (row);

  return plants != NULL && i < plants->len ? ((CantingIpalPlant *) g_ptr_array_index (plants, i))->id : 0;
}

void
canting_ipal_show_verdict (GtkWidget *group,
                           GtkLabel  *label,
                           GPtrArray *exceedances,
                           GPtrArray *warnings)
{
  g_autofree char *text = canting_ipal_verdict_text (exceedances, warnings);
  gboolean over = exceedances != NULL && exceedances->len > 0;

  gtk_label_set_text (label, text);
  if (over)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (!over && warnings != NULL && warnings->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_set_visible (group, *text != '\0');
}
