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

typedef struct {
  CantingApplication *app;
  GCallback           reload;
  gint64              seen;
} ShownWatch;

#define WATCH_KEY "canting-list-watch"

/* A page out of sight reads nothing (at start-up every page is told
 * the workshop is open): its watch reads it when it is next shown. */
static gboolean
read_later_if_hidden (GtkWidget *widget)
{
  if (gtk_widget_get_mapped (widget))
    return FALSE;
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      ShownWatch *watch = g_object_get_data (G_OBJECT (w), WATCH_KEY);

      if (watch != NULL)
        {
          watch->seen = -1;
          return TRUE;
        }
    }
  return FALSE;
}

/* The list, or the empty page with the texts that fit. */
static void
show_list_or_empty (CantingPagedModel      *model,
                    GtkStack               *stack,
                    AdwStatusPage          *empty_page,
                    gboolean                filtered,
                    const CantingListTexts *texts)
{
  if (canting_paged_model_get_n_total (model) > 0)
    {
      gtk_stack_set_visible_child_name (stack, "list");
      return;
    }
  adw_status_page_set_title (empty_page, filtered ? texts->no_match_title : texts->empty_title);
  adw_status_page_set_description (empty_page, filtered ? texts->no_match_description : texts->empty_description);
  gtk_stack_set_visible_child_name (stack, "empty");
}

typedef struct {
  GtkStack *stack;
  AdwStatusPage *empty_page;
  gboolean filtered;
  CantingListTexts texts;   /* translations: static strings */
} Reloading;

static void
reloaded (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Reloading *r = data;
  CantingPagedModel *model = CANTING_PAGED_MODEL (source);
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: superseded by a newer reload, which decides
   * what is shown.  A page torn down meanwhile (the window closed) shows
   * nothing. */
  if ((canting_paged_model_reload_finish (model, result, &error) || error != NULL) &&
      gtk_widget_get_root (GTK_WIDGET (r->stack)) != NULL)
    show_list_or_empty (model, r->stack, r->empty_page, r->filtered, &r->texts);
  if (error != NULL)
    g_warning ("Reading the list failed: %s", error->message);
  g_object_unref (r->stack);
  g_object_unref (r->empty_page);
  g_free (r);
}

void
canting_list_reload_in_background (CantingPagedModel      *model,
                                   CantingDb              *db,
                                   GtkStack               *stack,
                                   AdwStatusPage          *empty_page,
                                   gboolean                filtered,
                                   const CantingListTexts *texts)
{
  Reloading *r;

  if (read_later_if_hidden (GTK_WIDGET (stack)))
    return;
  r = g_new0 (Reloading, 1);
  r->stack = g_object_ref (stack);
  r->empty_page = g_object_ref (empty_page);
  r->filtered = filtered;
  r->texts = *texts;
  canting_paged_model_reload_async (model, db, reloaded, r);
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
  {
    gint64 start = g_get_monotonic_time ();

    ((void (*) (GtkWidget *)) watch->reload) (page);
    /* G_MESSAGES_DEBUG=Canting shows what each page's (re)load took on
     * the main loop: more than a frame (16 ms) is felt. */
    g_debug ("%s shown: read in %.1f ms", G_OBJECT_TYPE_NAME (page),
             (double) (g_get_monotonic_time () - start) / 1000.0);
  }
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
  /* The page's data owns the watch: it outlives the signal handler, and
   * a reload asked for while the page is torn down may still find it. */
  g_object_set_data_full (G_OBJECT (page), WATCH_KEY, watch, g_free);
  g_signal_connect (page, "map", G_CALLBACK (on_page_map), watch);
}
