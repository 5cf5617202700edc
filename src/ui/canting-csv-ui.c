/* canting-csv-ui.c: CSV import with a report before anything is written,
 * and export, for the Pelanggan, Produk and Pesanan pages. */
#include "config.h"

#include "canting-csv-ui.h"

#include <glib/gi18n.h>

#include "canting-quantity.h"
#include "canting-window.h"

/* Bad rows listed in the report dialog; the rest are counted. */
#define PROBLEMS_SHOWN 12

typedef struct {
  GtkWidget *page;
  CantingApplication *app;
  CantingCsvKind kind;
  GCallback done;
  gpointer done_data;
  GBytes *bytes;
  char *name;
  AdwToast *progress;   /* while the import runs */
} Import;

static void
import_free (Import *job)
{
  g_clear_object (&job->page);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->progress);
  g_free (job->name);
  g_free (job);
}

/* What a worker checks or imports, and what it found. */
typedef struct {
  CantingCsvKind kind;
  GBytes *bytes;
  CantingCsvMode mode;
  CantingCsvReport *report;
} CsvRun;

static void
csv_run_free (CsvRun *run)
{
  g_bytes_unref (run->bytes);
  g_clear_pointer (&run->report, canting_csv_report_free);
  g_free (run);
}

/* On the worker: a reader for the check (CANTING_CSV_DRY_RUN), a writer
 * for the import. */
static gboolean
csv_in_thread (CantingDb  *connection,
               gpointer    data,
               GError    **error)
{
  CsvRun *run = data;

  run->report = canting_csv_import (connection, run->kind, run->bytes, run->mode, error);
  return run->report != NULL;
}

/* Checks (@mode CANTING_CSV_DRY_RUN) or imports @job's file on a worker,
 * then @callback on this thread. */
static void
run_csv (Import              *job,
         CantingCsvMode       mode,
         GAsyncReadyCallback  callback)
{
  CantingDb *db = canting_application_get_db (job->app);
  CsvRun *run = g_new0 (CsvRun, 1);

  run->kind = job->kind;
  run->bytes = g_bytes_ref (job->bytes);
  run->mode = mode;
  if (mode == CANTING_CSV_DRY_RUN)
    canting_db_read_async (db, job->page, csv_in_thread, run, (GDestroyNotify) csv_run_free, callback, job);
  else
    canting_db_write_async (db, job->page, csv_in_thread, run, (GDestroyNotify) csv_run_free, callback, job);
}

/* The report of a finished run, or NULL with @error. */
static CantingCsvReport *
csv_run_finish (GAsyncResult  *result,
                GError       **error)
{
  CsvRun *run = canting_db_read_get_data (result);

  if (!canting_db_read_finish (result, error))
    return NULL;
  return g_steal_pointer (&run->report);
}

static GtkWindow *
window_of (GtkWidget *page)
{
  return GTK_WINDOW (gtk_widget_get_root (page));
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *root)
{
  if (ADW_IS_TOAST_OVERLAY (root))
    return ADW_TOAST_OVERLAY (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_toast_overlay (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* On the main window, or on the dialog the export started from (the
 * shortage list) when it has a toast overlay of its own. */
static void
add_toast (GtkWidget *page,
           AdwToast  *toast)
{
  GtkWindow *window = window_of (page);
  AdwToastOverlay *overlay = NULL;

  if (CANTING_IS_WINDOW (window))
    canting_window_add_toast (CANTING_WINDOW (window), toast);
  else if (window != NULL && (overlay = find_toast_overlay (GTK_WIDGET (window))) != NULL)
    adw_toast_overlay_add_toast (overlay, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast (GtkWidget  *page,
       const char *text)
{
  add_toast (page, adw_toast_new (text));
}

static void
show_message (GtkWidget  *page,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (window_of (page), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = csv_run_finish (result, &error);

  g_application_release (G_APPLICATION (job->app));
  adw_toast_dismiss (job->progress);
  if (report == NULL)
    show_message (job->page, _("Nothing was imported"), error->message);
  else
    {
      g_autofree char *count = canting_count_format (report->imported);
      /* Translators: %s is a count, "1.234" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row imported", "%s rows imported",
                                                            report->imported), count);
      toast (job->page, text);
      /* The page may have gone with its window while the import ran:
       * nothing left to refresh then. */
      if (job->done != NULL && report->imported > 0 && gtk_widget_get_root (job->page) != NULL)
        ((void (*) (gpointer)) job->done) (job->done_data);
    }
  import_free (job);
}

static void
on_report_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Import           *job)
{
  g_autofree char *text = NULL;
  CantingCsvMode mode;

  if (g_str_equal (response, "all"))
    mode = CANTING_CSV_ALL_OR_NOTHING;
  else if (g_str_equal (response, "good"))
    mode = CANTING_CSV_SKIP_BAD_ROWS;
  else
    {
      import_free (job);
      return;
    }
  /* On a worker: a large file takes a second or more, and the window
   * goes on working meanwhile.  The app stays until it is done. */
  text = g_strdup_printf (_("Importing “%s”…"), job->name);
  job->progress = g_object_ref_sink (adw_toast_new (text));
  adw_toast_set_timeout (job->progress, 0);
  add_toast (job->page, g_object_ref (job->progress));
  g_application_hold (G_APPLICATION (job->app));
  run_csv (job, mode, on_imported);
}

static void
show_report (Import           *job,
             CantingCsvReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint bad_rows = 0, shown = 0;
  g_autofree char *good = canting_count_format (report->good_rows);
  g_autofree char *bad = NULL;
  GtkWidget *dialog;

  for (guint i = 0; i < report->problems->len; i++)
    bad_rows += ((CantingCsvProblem *) g_ptr_array_index (report->problems, i))->line > 1;

  /* Translators: %s is a count, "1.234" */
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%s row can be imported.", "%s rows can be imported.",
                                             report->good_rows), good);
  if (bad_rows > 0)
    {
      bad = canting_count_format (bad_rows);
      g_string_append_c (body, ' ');
      /* Translators: %s is a count, "1.234" */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%s row has a mistake:", "%s rows have mistakes:",
                                                 bad_rows), bad);
    }
  for (guint i = 0; i < report->problems->len && shown < PROBLEMS_SHOWN; i++, shown++)
    {
      const CantingCsvProblem *p = g_ptr_array_index (report->problems, i);
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("Line %u: %s"), p->line, p->message);
    }
  if (report->problems->len > shown)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, _("…and %u more."), report->problems->len - shown);
    }

  dialog = adw_message_dialog_new (window_of (job->page), job->name, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (bad_rows == 0 && report->good_rows > 0)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "all", _("_Import"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "all", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "all");
    }
  else if (report->good_rows > 0)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "good", _("Import the _Good Rows"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_response), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Import *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = csv_run_finish (result, &error);

  if (report == NULL)
    {
      show_message (job->page, _("The file cannot be imported"), error->message);
      import_free (job);
      return;
    }
  show_report (job, report);
}

static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Import *job = user_data;
  g_autoptr(GError) error = NULL;

  job->bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (job->bytes == NULL)
    {
      show_message (job->page, _("The file cannot be imported"), error->message);
      import_free (job);
      return;
    }
  /* Checked on a worker too: what the report says before anything is
   * written. */
  run_csv (job, CANTING_CSV_DRY_RUN, on_checked);
}

static Import *
import_new (GtkWidget          *page,
            CantingApplication *app,
            CantingCsvKind      kind,
            GCallback           done,
            gpointer            done_data)
{
  Import *job = g_new0 (Import, 1);

  *job = (Import) { g_object_ref (page), app, kind, done, done_data, NULL, NULL, NULL };
  return job;
}

/* Reads @file for @job (taken), then goes on as on_file_loaded() says. */
static void
load_file (Import *job,
           GFile  *file)
{
  job->name = g_file_get_basename (file);
  g_file_load_bytes_async (file, NULL, on_file_loaded, job);
}

void
canting_csv_ui_import_file (GtkWidget          *page,
                            CantingApplication *app,
                            CantingCsvKind      kind,
                            GFile              *file,
                            GCallback           done,
                            gpointer            done_data)
{
  load_file (import_new (page, app, kind, done, done_data), file);
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  int              response,
                  Import          *job)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;

  g_object_unref (chooser);
  if (file != NULL)
    load_file (job, file);
  else
    import_free (job);
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  return filter;
}

void
canting_csv_ui_import (GtkWidget          *page,
                       CantingApplication *app,
                       CantingCsvKind      kind,
                       GCallback           done,
                       gpointer            done_data)
{
  Import *job = import_new (page, app, kind, done, done_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();

  chooser = gtk_file_chooser_native_new (_("Import from CSV"), window_of (page), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct {
  GtkWidget *page;
  CantingApplication *app;
  CantingCsvKind kind;
} Export;

/* The file written on a worker (canting_db_read_async()): ten years of
 * orders are a million lines, a second and more to gather. */
typedef struct {
  CantingCsvKind kind;
  GFile *file;
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_clear_object (&run->file);
  g_free (run);
}

/* On the worker. */
static gboolean
export_in_thread (CantingDb  *reader,
                  gpointer    data,
                  GError    **error)
{
  ExportRun *run = data;
  g_autoptr(GBytes) bytes = canting_csv_export (reader, run->kind, ';', error);

  return bytes != NULL &&
         g_file_replace_contents (run->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE, NULL, NULL, error);
}

static void
exported (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GtkWidget *page = GTK_WIDGET (source);
  g_autoptr(GError) error = NULL;

  if (!canting_db_read_finish (result, &error))
    show_message (page, _("Nothing was exported"), error->message);
  else
    toast (page, _("Exported"));
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  Export          *job)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;

  g_object_unref (chooser);
  if (file != NULL)
    {
      ExportRun *run = g_new0 (ExportRun, 1);

      run->kind = job->kind;
      run->file = g_steal_pointer (&file);
      canting_db_read_async (canting_application_get_db (job->app), job->page, export_in_thread, run,
                             (GDestroyNotify) export_run_free, exported, NULL);
    }
  g_object_unref (job->page);
  g_free (job);
}

void
canting_csv_ui_export (GtkWidget          *page,
                       CantingApplication *app,
                       CantingCsvKind      kind)
{
  static const char * const names[] = {
    [CANTING_CSV_CUSTOMERS] = N_("customers.csv"),
    [CANTING_CSV_PRODUCTS] = N_("products.csv"),
    [CANTING_CSV_ORDERS] = N_("orders.csv"),
    [CANTING_CSV_MATERIALS] = N_("materials.csv"),
    [CANTING_CSV_PURCHASES] = N_("purchases.csv"),
    [CANTING_CSV_SHORTAGES] = N_("shortages.csv"),
    [CANTING_CSV_IPAL_LOG] = N_("ipal-log.csv"),
    [CANTING_CSV_IPAL_LAB] = N_("ipal-lab-tests.csv"),
  };
  Export *job = g_new0 (Export, 1);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();

  job->page = g_object_ref (page);
  job->app = app;
  job->kind = kind;
  chooser = gtk_file_chooser_native_new (_("Export to CSV"), window_of (page), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _(names[kind]));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct {
  GtkWidget *page;  /* unowned: the actions belong to it */
  CantingApplication *app;
  CantingCsvKind kind;
  GCallback done;
  gpointer done_data;
} Attached;

static void
on_import_action (GSimpleAction *action,
                  GVariant      *parameter,
                  Attached      *a)
{
  canting_csv_ui_import (a->page, a->app, a->kind, a->done, a->done_data);
}

static void
on_export_action (GSimpleAction *action,
                  GVariant      *parameter,
                  Attached      *a)
{
  canting_csv_ui_export (a->page, a->app, a->kind);
}

void
canting_csv_ui_attach (GtkWidget          *page,
                       GtkMenuButton      *button,
                       CantingApplication *app,
                       CantingCsvKind      kind,
                       GCallback           done,
                       gpointer            done_data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) import = g_simple_action_new ("import", NULL);
  g_autoptr(GSimpleAction) export = g_simple_action_new ("export", NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  Attached *a = g_new0 (Attached, 1);

  *a = (Attached) { page, app, kind, done, done_data };
  g_object_set_data_full (G_OBJECT (group), "canting-csv", a, g_free);
  g_signal_connect (import, "activate", G_CALLBACK (on_import_action), a);
  g_signal_connect (export, "activate", G_CALLBACK (on_export_action), a);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (import));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (export));
  gtk_widget_insert_action_group (page, "page", G_ACTION_GROUP (group));

  g_menu_append (menu, _("_Import from CSV…"), "page.import");
  g_menu_append (menu, _("_Export to CSV…"), "page.export");
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}
