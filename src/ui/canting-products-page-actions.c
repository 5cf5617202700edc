/* canting-products-page-actions.c: what the Produk page makes of the
 * catalogue, or of the products selected in it: the e-Peken listing pack
 * for the city's onboarding (a zip to send, or a folder when the name
 * chosen does not end in .zip) and the catalogue PDF (to print or send
 * by WhatsApp).
 *
 * Products are chosen on a worker (the whole catalogue of a large
 * workshop is checked in about 200 ms), then the photos are decoded and
 * scaled on another, so the window never freezes; what was left out is
 * said afterwards in words. */
#include "config.h"

#include "canting-products-page-actions.h"

#include <glib/gi18n.h>

#include "canting-catalogue-pdf.h"
#include "canting-epeken.h"
#include "canting-epeken-pack.h"
#include "canting-window.h"

typedef struct {
  GtkWidget              *page;        /* (owned) for the toast at the end */
  CantingDb              *db;          /* (owned): a restore meanwhile replaces the app's */
  CantingEpekenSelection *selection;
  gboolean                catalogue;   /* else the e-Peken pack */
  gboolean                zip;         /* the pack as a zip, else a folder */
  char                   *path;
} MakeJob;

static void
make_job_free (MakeJob *job)
{
  g_clear_object (&job->page);
  g_clear_object (&job->db);
  g_clear_pointer (&job->selection, canting_epeken_selection_free);
  g_free (job->path);
  g_free (job);
}

static void
make_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MakeJob *job = task_data;
  CantingDb *db = job->db;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (job->catalogue)
    ok = canting_catalogue_save_pdf (db, job->selection, job->path, cancellable, &error);
  else if (job->zip)
    ok = canting_epeken_pack_write_zip (db, job->selection, job->path, NULL, NULL, cancellable, &error);
  else
    ok = canting_epeken_pack_write (db, job->selection, job->path, NULL, NULL, cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* "Saved “epeken-pack-2026-12-06.zip” with 12 products, ready to send.
 * Left out: Kain Parang (no photo)." */
static void
on_made (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  MakeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *name = NULL;
  guint n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      canting_window_say (job->page, error->message);
      return;
    }
  text = g_string_new (NULL);
  n = job->selection->items->len;
  name = g_filename_display_basename (job->path);
  if (job->catalogue)
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Saved with %u product.", "Saved with %u products.", n), n);
  else if (job->zip)
    /* Translators: the zip file's name, then the number of products in it */
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Saved “%s” with %u product, ready to send.",
                                        "Saved “%s” with %u products, ready to send.", n),
                     name, n);
  else
    /* Translators: the folder's name, then the number of products in it */
    g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Saved the folder “%s” with %u product.",
                                        "Saved the folder “%s” with %u products.", n),
                     name, n);
  if (job->selection->skipped->len > 0)
    {
      g_autoptr(GString) left_out = g_string_new (NULL);

      for (guint i = 0; i < job->selection->skipped->len; i++)
        {
          const CantingEpekenItem *item = job->selection->skipped->pdata[i];
          g_autofree char *why = canting_epeken_problems_text (item->problems);

          /* Translators: a product left out and why, "Kain Parang (no photo)" */
          g_string_append_printf (left_out, _("%s%s (%s)"), i > 0 ? ", " : "", item->product->name, why);
        }
      /* Translators: after the "Saved … 12 products…" sentence; the list of products left out */
      g_string_append_printf (text, _(" Left out: %s."), left_out->str);
    }
  canting_window_say (job->page, text->str);
}

static void
on_chosen (GtkNativeDialog *chooser,
           int              response,
           MakeJob         *job)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                           : NULL;
  g_autoptr(GTask) task = NULL;

  g_object_unref (chooser);
  if (file == NULL || (job->path = g_file_get_path (file)) == NULL)
    {
      make_job_free (job);
      return;
    }
  /* The rule of canting-cli epeken-pack --out: the name says which. */
  job->zip = !job->catalogue && canting_epeken_pack_is_zip_name (job->path);
  canting_window_say (job->page, job->catalogue ? _("Making the catalogue…") : _("Making the e-Peken pack…"));
  task = g_task_new (NULL, NULL, on_made, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) make_job_free);
  g_task_run_in_thread (task, make_in_thread);
}

typedef struct {
  GStrv skus;
  CantingEpekenSelection *selection;
} SelectJob;

/* While the products are chosen: a word on screen if it takes long
 * enough to notice (photos checked on a slow disk), gone at the answer. */
#define SIGN_AFTER_MS 300

typedef struct {
  GtkWidget *page;    /* weak */
  guint timer;
  AdwToast *toast;
} Selecting;

static void
selecting_free (Selecting *selecting)
{
  g_clear_handle_id (&selecting->timer, g_source_remove);
  if (selecting->toast != NULL)
    adw_toast_dismiss (selecting->toast);
  g_clear_object (&selecting->toast);
  g_clear_weak_pointer (&selecting->page);
  g_free (selecting);
}

static void
show_selecting (gpointer data)
{
  Selecting *selecting = data;
  AdwToast *toast;

  selecting->timer = 0;
  if (selecting->page == NULL)
    return;
  toast = canting_window_say (selecting->page, _("Checking which products are ready…"));
  if (toast != NULL)
    {
      adw_toast_set_timeout (toast, 0);
      selecting->toast = g_object_ref (toast);
    }
}

static void
select_job_free (SelectJob *job)
{
  g_strfreev (job->skus);
  g_clear_pointer (&job->selection, canting_epeken_selection_free);
  g_free (job);
}

static gboolean
select_on_worker (CantingDb  *reader,
                  gpointer    data,
                  GError    **error)
{
  SelectJob *job = data;

  job->selection = canting_epeken_select (reader, (const char * const *) job->skus, FALSE, error);
  return job->selection != NULL;
}

static void
on_selected (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GtkWidget *page = GTK_WIDGET (source);
  MakeJob *job = user_data;
  SelectJob *select = canting_db_read_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (page);

  g_object_set_data (G_OBJECT (page), "canting-selecting", NULL);
  if (!canting_db_read_finish (result, &error))
    {
      canting_window_say (page, error->message);
      make_job_free (job);
      return;
    }
  if (select->selection->items->len == 0)
    {
      canting_window_say (page, select->skus != NULL && select->skus[0] != NULL
                   ? _("None of the selected products is ready: each needs a price and a photo.")
                   : _("No product is ready: each needs a price and a photo."));
      make_job_free (job);
      return;
    }
  /* The page left its window meanwhile (the window closed). */
  if (!GTK_IS_WINDOW (root))
    {
      make_job_free (job);
      return;
    }
  job->selection = g_steal_pointer (&select->selection);
  /* The pack is a zip by default: one file is what people send by
   * WhatsApp or email.  A name without ".zip" gets a folder instead. */
  /* Translators: file names, no spaces: "katalog-2026-12-06.pdf",
   * "paket-epeken-2026-12-06.zip"; keep ".zip" */
  name = job->catalogue ? g_strdup_printf (_("catalogue-%s.pdf"), date)
                        : g_strdup_printf (_("epeken-pack-%s.zip"), date);
  chooser = gtk_file_chooser_native_new (job->catalogue ? _("Save the Catalogue") : _("Save the e-Peken Pack"),
                                         GTK_WINDOW (root), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
start (GtkWidget          *page,
       CantingApplication *app,
       const char * const *skus,
       gboolean            catalogue)
{
  CantingDb *db = canting_application_get_db (app);
  Selecting *selecting;
  SelectJob *select;
  MakeJob *job;

  /* Asked again before the first answer (a double click): once. */
  if (g_object_get_data (G_OBJECT (page), "canting-selecting") != NULL)
    return;
  selecting = g_new0 (Selecting, 1);
  g_set_weak_pointer (&selecting->page, page);
  selecting->timer = g_timeout_add_once (SIGN_AFTER_MS, show_selecting, selecting);
  g_object_set_data_full (G_OBJECT (page), "canting-selecting", selecting, (GDestroyNotify) selecting_free);
  select = g_new0 (SelectJob, 1);
  select->skus = g_strdupv ((char **) skus);
  job = g_new0 (MakeJob, 1);
  job->page = g_object_ref (page);
  job->db = g_object_ref (db);
  job->catalogue = catalogue;
  canting_db_read_async (db, page, select_on_worker, select, (GDestroyNotify) select_job_free, on_selected, job);
}

void
canting_products_page_make_catalogue (GtkWidget          *page,
                                      CantingApplication *app,
                                      const char * const *skus)
{
  start (page, app, skus, TRUE);
}

void
canting_products_page_make_epeken_pack (GtkWidget          *page,
                                        CantingApplication *app,
                                        const char * const *skus)
{
  start (page, app, skus, FALSE);
}
