/* canting-ipal-page.c: the IPAL log, newest first, each entry and lab
 * test marked as keeping within the standard or not, and a reminder when
 * the monthly lab test is due. */
#include "config.h"

#include "canting-ipal-page.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-ipal.h"
#include "canting-ipal-log-dialog.h"
#include "canting-lab-test-dialog.h"
#include "canting-list.h"
#include "canting-paged-model.h"
#include "canting-validate.h"

/* The effluent must be tested by a laboratory at least once a month. */
#define LAB_TEST_DAYS 30

struct _CantingIpalPage
{
  GtkBox parent_instance;

  GtkDropDown *plant_dropdown;
  GtkButton *lab_button;
  GtkButton *add_button;
  GtkRevealer *lab_revealer;
  GtkLabel *lab_label;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
  GPtrArray *plants;   /* (element-type CantingIpalPlant), as in the drop-down after "All" */
};

G_DEFINE_FINAL_TYPE (CantingIpalPage, canting_ipal_page, GTK_TYPE_BOX)

static void
read_filter (CantingIpalPage   *self,
             CantingIpalFilter *filter)
{
  guint i = gtk_drop_down_get_selected (self->plant_dropdown);

  *filter = (CantingIpalFilter) { 0 };
  if (self->plants != NULL && i != GTK_INVALID_LIST_POSITION && i >= 1 && i - 1 < self->plants->len)
    filter->plant_id = ((CantingIpalPlant *) g_ptr_array_index (self->plants, i - 1))->id;
}

static gint64
count_rows (gpointer   user_data,
            GError   **error)
{
  CantingIpalPage *self = user_data;
  CantingIpalFilter filter;

  read_filter (self, &filter);
  return canting_ipal_count (canting_application_get_db (self->app), &filter, error);
}

static GPtrArray *
page_rows (gpointer   user_data,
           guint      offset,
           guint      limit,
           GError   **error)
{
  CantingIpalPage *self = user_data;
  CantingIpalFilter filter;

  read_filter (self, &filter);
  return canting_ipal_search (canting_application_get_db (self->app), &filter, offset, limit, error);
}

static void
update_reminder (CantingIpalPage *self)
{
  CantingIpalFilter filter;
  gint64 days;
  g_autofree char *text = NULL;

  read_filter (self, &filter);
  days = canting_lab_test_days_since (canting_application_get_db (self->app), filter.plant_id, NULL, NULL);
  if (days == -1)
    text = g_strdup (_("No lab test recorded yet. The effluent must be tested by a laboratory at least once a month."));
  else if (days > LAB_TEST_DAYS)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The last lab test was %d day ago; the effluent must be tested at least once a month.",
                                         "The last lab test was %d days ago; the effluent must be tested at least once a month.",
                                         (gulong) days),
                            (int) days);
  if (text != NULL)
    gtk_label_set_text (self->lab_label, text);
  gtk_revealer_set_reveal_child (self->lab_revealer, text != NULL);
}

static void
reload (CantingIpalPage *self)
{
  const CantingListTexts texts = {
    _("No IPAL Entries Yet"),
    _("Record each day’s readings of the wastewater plant: volumes, pH, temperature and what was dosed. "
      "Canting checks them against the legal limits."),
    _("Nothing Recorded for This Plant"),
    _("Choose another plant, or record an entry for this one."),
  };
  CantingIpalFilter filter;

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  read_filter (self, &filter);
  canting_list_reload (self->model, self->content_stack, self->empty_page, filter.plant_id != 0, &texts);
  update_reminder (self);
}

static void
fill_plants (CantingIpalPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->plants, g_ptr_array_unref);
  self->plants = canting_ipal_plant_list (canting_application_get_db (self->app), FALSE, NULL);
  gtk_string_list_append (names, _("All plants"));
  for (guint i = 0; self->plants != NULL && i < self->plants->len; i++)
    gtk_string_list_append (names, ((CantingIpalPlant *) g_ptr_array_index (self->plants, i))->name);
  gtk_drop_down_set_model (self->plant_dropdown, G_LIST_MODEL (names));
  /* A single plant needs no choosing. */
  gtk_widget_set_visible (GTK_WIDGET (self->plant_dropdown), self->plants != NULL && self->plants->len > 1);
}

static void
refresh (CantingIpalPage *self)
{
  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  fill_plants (self);
  reload (self);
}

static char *
cell_time (gconstpointer record)
{
  const CantingIpalRow *row = record;
  return row->kind == CANTING_IPAL_ROW_SLUDGE ? canting_date_format (row->at) : canting_date_time_format (row->at);
}

static char *
cell_plant (gconstpointer record)
{
  return g_strdup (((const CantingIpalRow *) record)->plant_name);
}

static char *
cell_summary (gconstpointer record)
{
  return g_strdup (((const CantingIpalRow *) record)->summary);
}

static char *
cell_status (gconstpointer record)
{
  const CantingIpalRow *row = record;

  if (row->kind == CANTING_IPAL_ROW_SLUDGE)
    return g_strdup ("—");
  if (row->exceedances == 0)
    return g_strdup (_("Within limits"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u over the limit", "%u over the limits", row->exceedances),
                          row->exceedances);
}

static const char *
style_status (gconstpointer record)
{
  return ((const CantingIpalRow *) record)->exceedances > 0 ? "error" : NULL;
}

void
canting_ipal_page_add (CantingIpalPage *self)
{
  CantingIpalLogDialog *dialog;

  g_return_if_fail (CANTING_IS_IPAL_PAGE (self));
  dialog = canting_ipal_log_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), 0);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_lab (CantingIpalPage *self)
{
  CantingLabTestDialog *dialog;

  dialog = canting_lab_test_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), 0);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_activate (GtkColumnView   *view,
             guint            position,
             CantingIpalPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);
  const CantingIpalRow *record;
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWindow *dialog = NULL;

  if (row == NULL)
    return;
  record = canting_row_get_record (row);
  if (record->kind == CANTING_IPAL_ROW_LOG)
    dialog = GTK_WINDOW (canting_ipal_log_dialog_new (self->app, parent, record->id));
  else if (record->kind == CANTING_IPAL_ROW_LAB)
    dialog = GTK_WINDOW (canting_lab_test_dialog_new (self->app, parent, record->id));
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

void
canting_ipal_page_set_application (CantingIpalPage    *self,
                                   CantingApplication *app)
{
  g_return_if_fail (CANTING_IS_IPAL_PAGE (self));

  self->app = app;
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (refresh));
  refresh (self);
}

static void
canting_ipal_page_dispose (GObject *object)
{
  CantingIpalPage *self = CANTING_IPAL_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_IPAL_PAGE);
  g_clear_object (&self->model);
  g_clear_pointer (&self->plants, g_ptr_array_unref);
  G_OBJECT_CLASS (canting_ipal_page_parent_class)->dispose (object);
}

static void
canting_ipal_page_class_init (CantingIpalPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_ipal_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-ipal-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingIpalPage, name)
  BIND (plant_dropdown);
  BIND (lab_button);
  BIND (add_button);
  BIND (lab_revealer);
  BIND (lab_label);
  BIND (content_stack);
  BIND (column_view);
  BIND (empty_page);
#undef BIND
}

static void
canting_ipal_page_init (CantingIpalPage *self)
{
  const CantingColumnSpec columns[] = {
    { _("When"), cell_time, NULL, FALSE, FALSE },
    { _("Plant"), cell_plant, NULL, FALSE, FALSE },
    { _("Readings"), cell_summary, NULL, FALSE, TRUE },
    { _("Standard"), cell_status, style_status, FALSE, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  canting_accessible_name_drop_down (self->plant_dropdown, _("Plant"));

  self->model = canting_paged_model_new (count_rows, page_rows, (GDestroyNotify) canting_ipal_row_free, self);
  canting_list_attach (self->column_view, self->model);
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));

  g_signal_connect_swapped (self->plant_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (canting_ipal_page_add), self);
  g_signal_connect_swapped (self->lab_button, "clicked", G_CALLBACK (on_lab), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
