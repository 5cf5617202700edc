/* canting-list.c: shared behaviour of the record lists. */
#include "canting-list.h"

void
canting_list_attach (GtkColumnView     *view,
                     CantingPagedModel *model)
{
  g_autoptr(GtkSingleSelection) selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (model)));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

void
canting_list_attach_multi (GtkColumnView     *view,
                           CantingPagedModel *model)
{
  g_autoptr(GtkMultiSelection) selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (model)));

  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

void
canting_list_reload (CantingPagedModel      *model,
                     GtkStack               *stack,
                     AdwStatusPage          *empty_page,
                     gboolean                filtered,
                     const CantingListTexts *texts)
{
  g_autoptr(GError) error = NULL;

  if (!canting_paged_model_reload (model, &error))
    g_warning ("Reading the list failed: %s", error->message);

  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    {
      gtk_stack_set_visible_child_name (stack, "list");
      return;
    }
  adw_status_page_set_title (empty_page, filtered ? texts->no_match_title : texts->empty_title);
  adw_status_page_set_description (empty_page, filtered ? texts->no_match_description : texts->empty_description);
  gtk_stack_set_visible_child_name (stack, "empty");
}

CantingRow *
canting_list_get_row (CantingPagedModel *model,
                      guint              position)
{
  g_autoptr(CantingRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

  if (row == NULL || canting_row_get_record (row) == NULL)
    return NULL;
  return g_steal_pointer (&row);
}

typedef struct {
  CantingApplication *app;
  GCallback           reload;
  gint64              seen;
} ShownWatch;

static void
on_page_map (GtkWidget  *page,
             ShownWatch *watch)
{
  CantingDb *db = canting_application_get_db (watch->app);
  gint64 now;

  if (db == NULL)
    return;
  now = canting_db_get_change_count (db);
  if (now == watch->seen)
    return;
  watch->seen = now;
  ((void (*) (GtkWidget *)) watch->reload) (page);
}

static void
free_watch (gpointer  data,
            GClosure *closure)
{
  g_free (data);
}

void
canting_list_reload_when_shown (GtkWidget          *page,
                                CantingApplication *app,
                                GCallback           reload)
{
  ShownWatch *watch = g_new0 (ShownWatch, 1);

  watch->app = app;
  watch->reload = reload;
  /* Nothing read yet: the first showing reads the list, so pages
   * nobody opens cost nothing at start-up. */
  watch->seen = -1;
  g_signal_connect_data (page, "map", G_CALLBACK (on_page_map), watch, free_watch, 0);
}
