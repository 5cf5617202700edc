/* canting-ipal-page.c: the IPAL log, newest first, each entry and lab
 * test marked as keeping within the standard or not, and a reminder when
 * the monthly lab test is due. */
#include "config.h"

#include "canting-form.h"
#include "canting-ipal-page.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-csv-ui.h"
#include "canting-ipal.h"
#include "canting-ipal-report.h"
#include "canting-ipal-report-pdf.h"
#include "canting-window.h"
#include "canting-ipal-log-dialog.h"
#include "canting-ipal-plant-dialog.h"
#include "canting-ipal-standards-dialog.h"
#include "canting-ipal-trend.h"
#include "canting-ipal-trend-dialog.h"
#include "canting-lab-test-dialog.h"
#include "canting-list.h"
#include "canting-paged-model.h"
#include "canting-sludge-dialog.h"
#include "canting-validate.h"
#include "canting-wrap-box.h"

/* The effluent must be tested by a laboratory at least once a month. */
#define LAB_TEST_DAYS 30

struct _CantingIpalPage
{
  GtkBox parent_instance;

  GtkDropDown *plant_dropdown;
  GtkMenuButton *csv_button;
  GtkButton *standards_button;
  GtkButton *trend_button;
  GtkButton *report_button;
  GtkButton *sludge_button;
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

/* The filter as it was when the list was reloaded, for the worker
 * thread that reads it (a plant: no strings to copy). */
static gpointer
rows_query (gpointer user_data)
{
  CantingIpalFilter *filter = g_new0 (CantingIpalFilter, 1);

  read_filter (user_data, filter);
  return filter;
}

static gint64
count_rows (CantingDb      *db,
            gconstpointer   query,
            GError        **error)
{
  return canting_ipal_count (db, query, error);
}

static GPtrArray *
page_rows (CantingDb      *db,
           gconstpointer   query,
           guint           offset,
           guint           limit,
           GError        **error)
{
  return canting_ipal_search (db, query, offset, limit, error);
}

static void
update_reminder (CantingIpalPage *self)
{
  CantingDb *db = canting_application_get_db (self->app);
  CantingIpalFilter filter;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *month_start = g_date_time_format (now, "%Y-%m-01");
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 days;

  read_filter (self, &filter);
  days = canting_lab_test_days_since (db, filter.plant_id, NULL, NULL);
  if (days == -1)
    g_string_append (text, _("No lab test recorded yet. The effluent must be tested by a laboratory at least once a month."));
  else if (days > LAB_TEST_DAYS)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "The last lab test was %d day ago; the effluent must be tested at least once a month.",
                                               "The last lab test was %d days ago; the effluent must be tested at least once a month.",
                                               (gulong) days),
                            (int) days);
  /* A day of production makes wastewater that should be in the log. */
  missing = canting_ipal_unlogged_production_days (db, filter.plant_id, month_start, today, NULL);
  if (missing != NULL && missing->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u production day this month has no IPAL entry.",
                                                 "%u production days this month have no IPAL entry.",
                                                 missing->len),
                              missing->len);
    }
  if (text->len > 0)
    gtk_label_set_text (self->lab_label, text->str);
  gtk_revealer_set_reveal_child (self->lab_revealer, text->len > 0);
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
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page, filter.plant_id != 0, &texts);
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
  /* refresh() reads the list once after this; the dropdown's change
   * would read it a first time (twice the wait on opening the page). */
  g_signal_handlers_block_by_func (self->plant_dropdown, reload, self);
  gtk_drop_down_set_model (self->plant_dropdown, G_LIST_MODEL (names));
  g_signal_handlers_unblock_by_func (self->plant_dropdown, reload, self);
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
  g_autofree char *day = NULL;

  if (row->kind != CANTING_IPAL_ROW_SLUDGE)
    return canting_date_time_format (row->at);
  /* A handover has a day only; the list sorts it at that day's start. */
  day = g_strndup (row->at, 10);
  return canting_date_format (day);
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
  canting_form_present (GTK_WINDOW (dialog));
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
on_sludge (CantingIpalPage *self)
{
  CantingIpalFilter filter;
  CantingSludgeDialog *dialog;

  read_filter (self, &filter);
  dialog = canting_sludge_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      filter.plant_id, 0);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void toast (CantingIpalPage *self,
                   const char      *text);

static void
open_plant (CantingIpalPage        *self,
            const CantingIpalPlant *plant)
{
  CantingIpalPlantDialog *dialog;

  dialog = canting_ipal_plant_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), plant);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* New, or the one chosen in the drop-down (the only one when there is
 * one). */
static void
plant_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  CantingIpalPage *self = CANTING_IPAL_PAGE (widget);
  CantingIpalFilter filter;

  if (g_str_equal (action, "page.plant-new"))
    {
      open_plant (self, NULL);
      return;
    }
  read_filter (self, &filter);
  for (guint i = 0; self->plants != NULL && i < self->plants->len; i++)
    {
      const CantingIpalPlant *p = g_ptr_array_index (self->plants, i);
      if (p->id == filter.plant_id || (filter.plant_id == 0 && self->plants->len == 1))
        {
          open_plant (self, p);
          return;
        }
    }
  toast (self, _("Choose the plant to edit in the list of plants first."));
}

/* Lab tests typed off the reports into a sheet, and out again; the
 * page's own import and export are the daily log's. */
static void
lab_csv_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  CantingIpalPage *self = CANTING_IPAL_PAGE (widget);

  if (g_str_equal (action, "page.lab-import"))
    canting_csv_ui_import (widget, self->app, CANTING_CSV_IPAL_LAB, G_CALLBACK (refresh), self);
  else
    canting_csv_ui_export (widget, self->app, CANTING_CSV_IPAL_LAB);
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
  else if (record->kind == CANTING_IPAL_ROW_SLUDGE)
    dialog = GTK_WINDOW (canting_sludge_dialog_new (self->app, parent, 0, record->id));
  if (dialog == NULL)
    return;
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_form_present (dialog);
}

static void
on_standards (CantingIpalPage *self)
{
  CantingIpalStandardsDialog *dialog;

  dialog = canting_ipal_standards_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  /* Another standard gives other verdicts. */
  g_signal_connect_object (dialog, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_trend (CantingIpalPage *self)
{
  CantingIpalFilter filter;

  read_filter (self, &filter);
  gtk_window_present (GTK_WINDOW (canting_ipal_trend_dialog_new (self->app,
                                                                 GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                                 filter.plant_id)));
}

/* --- the monthly report ------------------------------------------------- */

typedef struct {
  CantingIpalPage  *page;
  CantingIpalMonth *month;
  gboolean          csv;
  char             *path;    /* chosen to save to */
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_object (&job->page);
  g_clear_pointer (&job->month, canting_ipal_month_free);
  g_free (job->path);
  g_free (job);
}

static void
toast (CantingIpalPage *self,
       const char      *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (CANTING_IS_WINDOW (root))
    canting_window_add_toast (CANTING_WINDOW (root), adw_toast_new (text));
}

/* On the worker: the PDF is drawn there (a page of cairo for each part
 * of the month), or the CSV written. */
static gboolean
save_report_on_worker (CantingDb  *reader,
                       gpointer    data,
                       GError    **error)
{
  ReportJob *job = data;

  if (job->csv)
    {
      g_autoptr(GBytes) bytes = canting_ipal_month_csv (job->month, ';');
      gsize size;
      const char *contents = g_bytes_get_data (bytes, &size);

      return g_file_set_contents_full (job->path, contents, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                       error);
    }
  return canting_ipal_report_save_pdf (reader, job->month, job->path, error);
}

static void
on_report_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = canting_db_read_finish (result, &error);

  toast (CANTING_IPAL_PAGE (source), ok ? _("Report saved") : error->message);
}

static void
on_report_file (GtkNativeDialog *chooser,
                int              response,
                ReportJob       *job)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                           : NULL;

  g_object_unref (chooser);
  job->path = file != NULL ? g_file_get_path (file) : NULL;
  if (job->path == NULL)
    {
      report_job_free (job);
      return;
    }
  canting_db_read_async (canting_application_get_db (job->page->app), job->page, save_report_on_worker, job,
                         (GDestroyNotify) report_job_free, on_report_saved, NULL);
}

/* The month asked for, gathered on a worker (canting_db_read_async()):
 * a month of a busy workshop's log, lab tests and production. */
typedef struct {
  gint64            plant_id;
  char             *month_text;
  gboolean          csv;
  CantingIpalMonth *month;
} MonthReading;

static void
month_reading_free (MonthReading *r)
{
  g_free (r->month_text);
  g_clear_pointer (&r->month, canting_ipal_month_free);
  g_free (r);
}

/* On the worker. */
static gboolean
read_month (CantingDb  *reader,
            gpointer    data,
            GError    **error)
{
  MonthReading *r = data;

  r->month = canting_ipal_month_new (reader, r->plant_id, r->month_text, error);
  return r->month != NULL;
}

/* Gathered: where to save it. */
static void
month_read (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CantingIpalPage *self = CANTING_IPAL_PAGE (source);
  MonthReading *r = canting_db_read_get_data (result);
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *chooser;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  ReportJob *job;

  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;   /* the window closed meanwhile */
  if (!canting_db_read_finish (result, &error))
    {
      toast (self, error->message);
      return;
    }
  job = g_new0 (ReportJob, 1);
  job->page = g_object_ref (self);
  job->csv = r->csv;
  job->month = g_steal_pointer (&r->month);
  stem = canting_ipal_month_file_stem (job->month);
  name = g_strconcat (stem, job->csv ? ".csv" : ".pdf", NULL);
  chooser = gtk_file_chooser_native_new (_("Save the Monthly Report"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_report_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_report_month (AdwMessageDialog *dialog,
                 const char       *response,
                 CantingIpalPage  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  CantingIpalFilter filter;
  MonthReading *r;

  if (g_strcmp0 (response, "pdf") != 0 && g_strcmp0 (response, "csv") != 0)
    return;
  read_filter (self, &filter);
  r = g_new0 (MonthReading, 1);
  r->plant_id = filter.plant_id;
  r->month_text = g_strdup (gtk_editable_get_text (entry));
  r->csv = g_str_equal (response, "csv");
  canting_db_read_async (canting_application_get_db (self->app), self, read_month, r,
                         (GDestroyNotify) month_reading_free, month_read, NULL);
}

/* Which month, then where: last month to start with, the one that is
 * due at the DLH. */
static void
on_report (CantingIpalPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last = g_date_time_add_months (now, -1);
  g_autofree char *month = g_date_time_format (last, "%Y-%m");
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Monthly IPAL Report"),
    _("The report for the environment agency (DLH): every measurement against the standard, the exceedances "
      "with the action taken, the lab tests and the sludge handed over. Which month (year-month)?")));

  gtk_editable_set_text (GTK_EDITABLE (entry), month);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Month (year-month)"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "csv", _("Save _CSV"), "pdf", _("Save _PDF"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "pdf", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "pdf");
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_month), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
canting_ipal_page_set_application (CantingIpalPage    *self,
                                   CantingApplication *app)
{
  g_return_if_fail (CANTING_IS_IPAL_PAGE (self));

  self->app = app;
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  canting_csv_ui_attach (GTK_WIDGET (self), self->csv_button, app, CANTING_CSV_IPAL_LOG, G_CALLBACK (refresh), self);
  {
    /* The lab tests' files, and the plants beside them: all are rarely
     * needed. */
    GMenu *menu = G_MENU (gtk_menu_button_get_menu_model (self->csv_button));
    g_autoptr(GMenu) lab = g_menu_new ();
    g_autoptr(GMenu) plants = g_menu_new ();

    g_menu_append (lab, _("Import La_b Tests from CSV…"), "page.lab-import");
    g_menu_append (lab, _("Export Lab _Tests to CSV…"), "page.lab-export");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (lab));

    g_menu_append (plants, _("_Add a Plant…"), "page.plant-new");
    g_menu_append (plants, _("_Edit the Chosen Plant…"), "page.plant-edit");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (plants));
  }
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (refresh));
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
  g_type_ensure (CANTING_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-ipal-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingIpalPage, name)
  BIND (plant_dropdown);
  BIND (csv_button);
  BIND (standards_button);
  BIND (trend_button);
  BIND (report_button);
  BIND (sludge_button);
  BIND (lab_button);
  BIND (add_button);
  BIND (lab_revealer);
  BIND (lab_label);
  BIND (content_stack);
  BIND (column_view);
  BIND (empty_page);
#undef BIND
  gtk_widget_class_install_action (widget_class, "page.plant-new", NULL, plant_activated);
  gtk_widget_class_install_action (widget_class, "page.plant-edit", NULL, plant_activated);
  gtk_widget_class_install_action (widget_class, "page.lab-import", NULL, lab_csv_activated);
  gtk_widget_class_install_action (widget_class, "page.lab-export", NULL, lab_csv_activated);
}

static void
canting_ipal_page_init (CantingIpalPage *self)
{
  const CantingColumnSpec columns[] = {
    { _("When"), cell_time, NULL, FALSE, FALSE, 18 },
    { _("Plant"), cell_plant, NULL, FALSE, FALSE, 24 },
    { _("Readings"), cell_summary, NULL, FALSE, TRUE },
    { _("Standard"), cell_status, style_status, FALSE, FALSE, 24 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  canting_accessible_name_drop_down (self->plant_dropdown, _("Plant"));

  self->model = canting_paged_model_new_query (rows_query, g_free, count_rows, page_rows,
                                              (GDestroyNotify) canting_ipal_row_free, self);
  canting_list_attach (self->column_view, self->model);
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));

  g_signal_connect_swapped (self->plant_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (canting_ipal_page_add), self);
  g_signal_connect_swapped (self->lab_button, "clicked", G_CALLBACK (on_lab), self);
  g_signal_connect_swapped (self->sludge_button, "clicked", G_CALLBACK (on_sludge), self);
  g_signal_connect_swapped (self->report_button, "clicked", G_CALLBACK (on_report), self);
  g_signal_connect_swapped (self->trend_button, "clicked", G_CALLBACK (on_trend), self);
  g_signal_connect_swapped (self->standards_button, "clicked", G_CALLBACK (on_standards), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
