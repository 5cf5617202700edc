/* canting-plant-row.c: filling and reading the plant choice. */
#include "config.h"

#include "canting-plant-row.h"

#include "canting-ipal.h"

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
