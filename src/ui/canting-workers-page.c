/* canting-workers-page.c: the workers with what they earned, were paid
 * and are owed.  A workshop has a handful to a few dozen: the list is
 * read whole and filtered here. */
#include "config.h"

#include "canting-form.h"
#include "canting-workers-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-list.h"
#include "canting-production.h"
#include "canting-worker-dialog.h"

struct _CantingWorkersPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkButton *add_button;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
};

G_DEFINE_FINAL_TYPE (CantingWorkersPage, canting_workers_page, GTK_TYPE_BOX)

/* The summary rows whose name contains the search text. */
/* The search, folded, as it was when the list was reloaded: for the
 * worker thread that reads the wages. */
static gpointer
search_now (gpointer user_data)
{
  CantingWorkersPage *self = user_data;

  return g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
}

static GPtrArray *
matching (CantingDb      *db,
          gconstpointer   needle,
          GError        **error)
{
  g_autoptr(GPtrArray) all = canting_wages_summary (db, error);
  GPtrArray *found;

  if (all == NULL)
    return NULL;
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_wages_free);
  for (guint i = 0; i < all->len; i++)
    {
      CantingWages *w = g_ptr_array_index (all, i);
      g_autofree char *name = g_utf8_casefold (w->name, -1);
      if (strstr (name, needle) != NULL)
        g_ptr_array_add (found, g_ptr_array_steal_index (all, i--));
    }
  return found;
}

static void
reload (CantingWorkersPage *self)
{
  const CantingListTexts texts = {
    _("No Workers Yet"),
    _("Add the pembatik who wax, dye and finish your cloth, with their piece rates. Their wages add up here as stages are done."),
    _("No Matching Workers"),
    _("Try another name."),
  };

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page,
                                     *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0', &texts);
}

static char *
cell_name (gconstpointer record)
{
  return g_strdup (((const CantingWages *) record)->name);
}

static char *
cell_earned (gconstpointer record)
{
  return canting_money_format (((const CantingWages *) record)->earned);
}

static char *
cell_paid (gconstpointer record)
{
  return canting_money_format (((const CantingWages *) record)->paid);
}

static char *
cell_owed (gconstpointer record)
{
  const CantingWages *w = record;
  return canting_money_format (w->earned - w->paid);
}

static void
open_dialog (CantingWorkersPage *self,
             gint64              id)
{
  CantingWorkerDialog *dialog;

  dialog = canting_worker_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_form_present (GTK_WINDOW (dialog));
}

void
canting_workers_page_add (CantingWorkersPage *self)
{
  g_return_if_fail (CANTING_IS_WORKERS_PAGE (self));
  open_dialog (self, 0);
}

static void
on_activate (GtkColumnView      *view,
             guint               position,
             CantingWorkersPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);

  if (row != NULL)
    open_dialog (self, ((CantingWages *) canting_row_get_record (row))->worker_id);
}

void
canting_workers_page_set_application (CantingWorkersPage *self,
                                      CantingApplication *app)
{
  g_return_if_fail (CANTING_IS_WORKERS_PAGE (self));

  self->app = app;
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (reload));
}

static void
canting_workers_page_dispose (GObject *object)
{
  CantingWorkersPage *self = CANTING_WORKERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_WORKERS_PAGE);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (canting_workers_page_parent_class)->dispose (object);
}

static void
canting_workers_page_class_init (CantingWorkersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_workers_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-workers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingWorkersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CantingWorkersPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CantingWorkersPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CantingWorkersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CantingWorkersPage, empty_page);
}

static void
canting_workers_page_init (CantingWorkersPage *self)
{
  const CantingColumnSpec columns[] = {
    { _("Name"), cell_name, NULL, FALSE, TRUE },
    { _("Earned"), cell_earned, NULL, TRUE, FALSE },
    { _("Paid"), cell_paid, NULL, TRUE, FALSE },
    { _("Owed"), cell_owed, NULL, TRUE, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->model = canting_paged_model_new_query_for_list (search_now, g_free, matching,
                                                       (GDestroyNotify) canting_wages_free, self);
  canting_list_attach (self->column_view, self->model);
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (canting_workers_page_add), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
