/* canting-production-page.c: the production board.  Every piece in
 * production with the stage it is at, the soonest due first; opening a
 * row opens its order, where stages are marked done.  Read whole: a
 * workshop has dozens of pieces in production, not thousands. */
#include "config.h"

#include "canting-production-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-list.h"
#include "canting-order-dialog.h"
#include "canting-production.h"
#include "canting-validate.h"

struct _CantingProductionPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
};

G_DEFINE_FINAL_TYPE (CantingProductionPage, canting_production_page, GTK_TYPE_BOX)

static gboolean
row_matches (const CantingBoardRow *row,
             const char            *needle)
{
  const char *fields[] = { row->order_number, row->customer_name, row->item_description, row->next_stage };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = g_utf8_casefold (fields[i] != NULL ? fields[i] : "", -1);
      if (strstr (folded, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The search, folded, as it was when the list was reloaded: for the
 * worker thread that reads the board. */
static gpointer
search_now (gpointer user_data)
{
  CantingProductionPage *self = user_data;

  return g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
}

static GPtrArray *
matching (CantingDb      *db,
          gconstpointer   needle,
          GError        **error)
{
  g_autoptr(GPtrArray) all = canting_production_board (db, error);
  GPtrArray *found;

  if (all == NULL)
    return NULL;
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_board_row_free);
  for (guint i = 0; i < all->len; i++)
    if (row_matches (g_ptr_array_index (all, i), needle))
      g_ptr_array_add (found, g_steal_pointer (&all->pdata[i]));
  return found;
}

static void
reload (CantingProductionPage *self)
{
  const CantingListTexts texts = {
    _("Nothing in Production"),
    _("Orders show here once they go into production, with the stage each piece is at."),
    _("Nothing Matches"),
    _("Try another order number, customer or stage."),
  };

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page,
                                     *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0', &texts);
}

static char *
cell_stage (gconstpointer record)
{
  return g_strdup (((const CantingBoardRow *) record)->next_stage);
}

static char *
cell_progress (gconstpointer record)
{
  const CantingBoardRow *row = record;
  /* Translators: stages done out of all, e.g. "3 of 7" */
  return g_strdup_printf (_("%u of %u"), row->done, row->total);
}

static char *
cell_item (gconstpointer record)
{
  const CantingBoardRow *row = record;
  return g_strdup_printf ("%s × %" G_GINT64_FORMAT, row->item_description, row->pieces);
}

static char *
cell_order (gconstpointer record)
{
  const CantingBoardRow *row = record;
  return g_strdup_printf ("%s · %s", row->order_number, row->customer_name);
}

static char *
cell_due (gconstpointer record)
{
  const CantingBoardRow *row = record;
  return row->due_date != NULL ? canting_date_format (row->due_date) : NULL;
}

static void
on_activate (GtkColumnView         *view,
             guint                  position,
             CantingProductionPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);
  CantingOrderDialog *dialog;

  if (row == NULL)
    return;
  dialog = canting_order_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     ((CantingBoardRow *) canting_row_get_record (row))->order_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
canting_production_page_set_application (CantingProductionPage *self,
                                         CantingApplication    *app)
{
  g_return_if_fail (CANTING_IS_PRODUCTION_PAGE (self));

  self->app = app;
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (reload));
}

static void
canting_production_page_dispose (GObject *object)
{
  CantingProductionPage *self = CANTING_PRODUCTION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_PRODUCTION_PAGE);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (canting_production_page_parent_class)->dispose (object);
}

static void
canting_production_page_class_init (CantingProductionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_production_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-production-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingProductionPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CantingProductionPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CantingProductionPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CantingProductionPage, empty_page);
}

static void
canting_production_page_init (CantingProductionPage *self)
{
  const CantingColumnSpec columns[] = {
    { _("Stage now"), cell_stage, NULL, FALSE, FALSE },
    { _("Done"), cell_progress, NULL, FALSE, FALSE },
    { _("Piece"), cell_item, NULL, FALSE, TRUE },
    { _("Order"), cell_order, NULL, FALSE, TRUE },
    { _("Due"), cell_due, NULL, FALSE, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->model = canting_paged_model_new_query_for_list (search_now, g_free, matching,
                                                       (GDestroyNotify) canting_board_row_free, self);
  canting_list_attach (self->column_view, self->model);
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
