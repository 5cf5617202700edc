/* canting-application.c: start-up, the database, app-wide actions.
 *
 * Start-up opens the workshop database before any window shows.  When the
 * database cannot be opened the person gets a dialog that says why in
 * words and, for a damaged file, offers the newest good backup: the damaged
 * file is moved aside, never overwritten. */
#include "config.h"

#include <string.h>

#include "canting-channel-driver.h"
#include "canting-application.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "canting-backup.h"
#include "canting-busy-window.h"
#include "canting-demo.h"
#include "canting-channel.h"
#include "canting-channel-dialog.h"
#include "canting-guide.h"
#include "canting-resources.h"
#include "canting-error.h"
#include "canting-paths.h"
#include "canting-preferences-window.h"
#include "canting-publish-worker.h"
#include "canting-trainer.h"
#include "canting-window.h"

/* How often a running app checks whether today's automatic backup is
 * due: a laptop left open for days still gets one copy per day. */
#define DAILY_BACKUP_CHECK_SECONDS (60 * 60)

struct _CantingApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  char *data_dir;
  CantingDb *db;
  CantingProfile *profile;
  guint daily_backup_source;
  gboolean backup_running;       /* today's copy is being made on its thread */
  GtkWindow *open_error_dialog;  /* weak: the one "cannot open" dialog */
  GtkWindow *check_window;       /* the page shown while the records are checked */
  char *switch_from;             /* the workshop left for one being checked, to go back to */
  /* Sends the outbox to the online shops on a thread of its own, for
   * every shop; started once the workshop is open. */
  CantingPublishWorker *publisher;
  guint sync_asked;      /* shops whose fetch the person asked for: said even when nothing came in */
  AdwToast *fetching;    /* (weak) "Fetching…", gone when the answer comes */
  /* Trainer mode: practice workshops, their shop, the text size. */
  CantingTrainer *trainer;
  char *demo_asked;      /* canting --demo NAME: opened at the first activation */
};

G_DEFINE_FINAL_TYPE (CantingApplication, canting_application, ADW_TYPE_APPLICATION)

enum {
  DATA_REPLACED,
  PUBLISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

CantingApplication *
canting_application_new (void)
{
  return g_object_new (CANTING_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/canting/Canting",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

void
canting_application_apply_language (GSettings *settings)
{
  g_autofree char *language = g_settings_get_string (settings, "language");
  const char *messages = setlocale (LC_MESSAGES, NULL);
  gboolean c_locale = messages == NULL || g_str_equal (messages, "C") ||
                      g_str_equal (messages, "POSIX") || g_str_has_prefix (messages, "C.");

  /* gettext ignores LANGUAGE under the C locale, so Indonesian also needs
   * an Indonesian LC_MESSAGES.  A machine with no locale configured at all
   * (common on trainer-installed systems) gets Indonesian: Canting is
   * Indonesian first. */
  if (g_str_equal (language, "en"))
    g_setenv ("LANGUAGE", "en", TRUE);
  else if (g_str_equal (language, "id") || c_locale)
    {
      g_setenv ("LANGUAGE", "id", TRUE);
      if (c_locale && setlocale (LC_MESSAGES, "id_ID.UTF-8") == NULL)
        g_warning ("The id_ID.UTF-8 locale is not installed; the interface stays in English.");
    }
}

CantingDb *
canting_application_get_db (CantingApplication *self)
{
  g_return_val_if_fail (CANTING_IS_APPLICATION (self), NULL);
  return self->db;
}

CantingProfile *
canting_application_get_profile (CantingApplication *self)
{
  g_return_val_if_fail (CANTING_IS_APPLICATION (self), NULL);
  return self->profile;
}

GSettings *
canting_application_get_settings (CantingApplication *self)
{
  g_return_val_if_fail (CANTING_IS_APPLICATION (self), NULL);
  return self->settings;
}

const char *
canting_application_get_data_dir (CantingApplication *self)
{
  g_return_val_if_fail (CANTING_IS_APPLICATION (self), NULL);
  return self->data_dir;
}

/* Copies what was loaded into the shared profile object, so every view
 * bound to it updates in place. */
static void
adopt_profile (CantingApplication *self,
               CantingProfile     *loaded)
{
  for (CantingProfileField f = CANTING_PROFILE_FIELD_NAME; f <= CANTING_PROFILE_FIELD_MEMBERSHIP; f++)
    canting_profile_set_field (self->profile, f, canting_profile_get_field (loaded, f));
  canting_profile_set_logo (self->profile, canting_profile_get_logo (loaded), NULL);
}

static gpointer find_window (CantingApplication *self,
                             GType               type);

static void
on_published (CantingApplication *self)
{
  g_signal_emit (self, signals[PUBLISHED], 0);
}

/* A toast about one shop names it: a workshop may have more than one. */
static AdwToast *
shop_toast_new (CantingApplication *self,
                gint64              channel_id,
                const char         *text)
{
  g_autoptr(CantingChannel) channel = NULL;
  g_autofree char *named = NULL;

  if (channel_id > 0 && self->db != NULL)
    channel = canting_channel_load (self->db, channel_id, NULL);
  /* ...once: a message that names it already is not prefixed again. */
  if (channel == NULL || strstr (text, channel->name) != NULL)
    return adw_toast_new (text);
  named = g_strdup_printf (_("%s: %s"), channel->name, text);
  return adw_toast_new (named);
}

static void
open_paused_shop (AdwToast *toast)
{
  CantingApplication *self = CANTING_APPLICATION (g_application_get_default ());
  gint64 channel_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "canting-channel"));
  g_autoptr(CantingChannel) channel = self->db != NULL ? canting_channel_load (self->db, channel_id, NULL) : NULL;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (channel != NULL)
    gtk_window_present (GTK_WINDOW (canting_channel_dialog_new (self, parent, channel)));
}

/* A shop refused the password: say so where the person is looking; the
 * shop's work waits until its password is fixed. */
static void
on_channel_paused (CantingPublishWorker *worker,
                   gint64                channel_id,
                   const char           *message,
                   CantingApplication   *self)
{
  CantingWindow *window = CANTING_WINDOW (find_window (self, CANTING_TYPE_WINDOW));
  AdwToast *toast;

  if (window == NULL)
    return;
  toast = shop_toast_new (self, channel_id, message);
  adw_toast_set_timeout (toast, 0);
  /* Nothing goes to that shop until this is seen to: before older news. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* The fix is in the shop's settings (its password, its address): one
   * click away. */
  g_object_set_data (G_OBJECT (toast), "canting-channel", GSIZE_TO_POINTER ((gsize) channel_id));
  adw_toast_set_button_label (toast, _("_Shop Settings"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (open_paused_shop), NULL);
  canting_window_add_toast (window, toast);
  g_signal_emit (self, signals[PUBLISHED], 0);
}

static void
show_sync_problems (AdwToast *toast)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (g_application_get_default ()));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("What Needs a Look"),
                                                       g_object_get_data (G_OBJECT (toast), "problems")));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One toast per shop: what came in, and what needs the person. */
static void
on_orders_synced (CantingPublishWorker    *worker,
                  gint64                   channel_id,
                  CantingOrderSyncSummary *summary,
                  const char              *message,
                  CantingApplication      *self)
{
  CantingWindow *window = CANTING_WINDOW (find_window (self, CANTING_TYPE_WINDOW));
  g_autoptr(GString) text = g_string_new (NULL);
  AdwToast *toast;

  if (summary->created > 0 || summary->updated > 0)
    g_signal_emit (self, signals[DATA_REPLACED], 0);
  if (self->fetching != NULL)
    adw_toast_dismiss (self->fetching);
  if (window == NULL)
    return;
  if (message == NULL && summary->created == 0 && summary->updated == 0 &&
      summary->problems->len == 0 && self->sync_asked == 0)
    return;
  if (self->sync_asked > 0)
    self->sync_asked--;

  if (summary->created > 0)
    g_string_append_printf (text, g_dngettext (NULL, "%u new order", "%u new orders", summary->created),
                            summary->created);
  if (summary->updated > 0)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (NULL, "%u order changed", "%u orders changed", summary->updated),
                              summary->updated);
    }
  if (text->len == 0)
    g_string_append (text, _("no new orders"));
  if (message != NULL)
    g_string_append_printf (text, ". %s", message);

  toast = shop_toast_new (self, channel_id, text->str);
  /* The answer the person waits for goes before older news. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (summary->problems->len > 0 || summary->unknown_skus->len > 0)
    {
      g_autoptr(GString) details = g_string_new (NULL);

      for (guint i = 0; i < summary->problems->len; i++)
        g_string_append_printf (details, "%s\n", (char *) g_ptr_array_index (summary->problems, i));
      if (summary->unknown_skus->len > 0)
        {
          g_string_append (details, _("Not in the catalogue, kept as typed items:"));
          for (guint i = 0; i < summary->unknown_skus->len; i++)
            g_string_append_printf (details, "\n• %s", (char *) g_ptr_array_index (summary->unknown_skus, i));
        }
      g_object_set_data_full (G_OBJECT (toast), "problems", g_strdup (g_strchomp (details->str)), g_free);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect (toast, "button-clicked", G_CALLBACK (show_sync_problems), NULL);
      adw_toast_set_timeout (toast, 0);
    }
  else if (message != NULL)
    adw_toast_set_timeout (toast, 0);
  canting_window_add_toast (window, toast);
}

static void
on_worker_idle (CantingApplication *self)
{
  if (self->fetching != NULL)
    adw_toast_dismiss (self->fetching);
  g_signal_emit (self, signals[PUBLISHED], 0);
}

/* The worker fetches shop orders as often as Preferences say. */
static void
on_order_sync_changed (CantingApplication *self)
{
  if (self->publisher != NULL)
    canting_publish_worker_set_sync_interval (self->publisher,
                                              60 * (guint) g_settings_get_int (self->settings, "order-sync-minutes"));
}

static void
stop_publisher (CantingApplication *self)
{
  if (self->publisher == NULL)
    return;
  canting_publish_worker_stop (self->publisher);
  g_signal_handlers_disconnect_by_data (self->publisher, self);
  g_clear_object (&self->publisher);
}

static void
start_publisher (CantingApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->publisher != NULL || self->db == NULL)
    return;
  self->publisher = canting_publish_worker_new (self->data_dir, 0);
  canting_trainer_publisher_created (self->trainer, self->publisher);
  g_signal_connect_swapped (self->publisher, "item-done", G_CALLBACK (on_published), self);
  g_signal_connect_swapped (self->publisher, "idle", G_CALLBACK (on_worker_idle), self);
  g_signal_connect (self->publisher, "channel-paused", G_CALLBACK (on_channel_paused), self);
  g_signal_connect (self->publisher, "orders-synced", G_CALLBACK (on_orders_synced), self);
  on_order_sync_changed (self);
  /* Without it the app still keeps the books; listings just wait. */
  if (!canting_publish_worker_start (self->publisher, &error))
    {
      g_warning ("The publishing worker did not start: %s", error->message);
      g_signal_handlers_disconnect_by_data (self->publisher, self);
      g_clear_object (&self->publisher);
    }
}

void
canting_application_publish_now (CantingApplication *self)
{
  g_return_if_fail (CANTING_IS_APPLICATION (self));

  start_publisher (self);
  if (self->publisher != NULL)
    {
      /* A password just fixed lets a paused shop go on too. */
      canting_publish_worker_resume_channel (self->publisher, 0);
      canting_publish_worker_kick (self->publisher);
    }
}

void
canting_application_reload (CantingApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProfile) loaded = NULL;

  g_return_if_fail (CANTING_IS_APPLICATION (self));

  loaded = canting_profile_load (self->db, &error);
  if (loaded == NULL)
    g_warning ("Reloading the profile failed: %s", error->message);
  else
    adopt_profile (self, loaded);
  /* The worker's own connection may be to the file that was replaced. */
  stop_publisher (self);
  start_publisher (self);
  g_signal_emit (self, signals[DATA_REPLACED], 0);
}

static gboolean open_database (CantingApplication  *self,
                               GError             **error);
static void present_main_window (CantingApplication *self);

void
canting_application_stop_publisher (CantingApplication *self)
{
  g_return_if_fail (CANTING_IS_APPLICATION (self));
  stop_publisher (self);
}

/* Trainer mode: another workshop folder in place of this one.  Every
 * window is made anew, so nothing keeps showing (or holding) the other
 * workshop's records; if the folder cannot be opened, the one that was
 * open comes back. */
static void check_pages (CantingApplication *self);
static gboolean reopen_left (CantingApplication *self,
                             char               *left);

gboolean
canting_application_switch_workshop (CantingApplication  *self,
                                     const char          *data_dir,
                                     GError             **error)
{
  g_autofree char *previous = NULL;
  g_autoptr(GList) windows = NULL;
  gboolean ok;

  g_return_val_if_fail (CANTING_IS_APPLICATION (self), FALSE);
  /* No window for a moment: the app must not quit meanwhile. */
  g_application_hold (G_APPLICATION (self));
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      /* The main window saves its size and page on close. */
      if (CANTING_IS_WINDOW (l->data))
        gtk_window_close (l->data);
    }
  g_clear_pointer (&windows, g_list_free);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);

  previous = g_steal_pointer (&self->data_dir);
  self->data_dir = g_strdup (data_dir);
  /* A workshop not closed properly (a crash in a training session) is
   * read whole first, on a worker, while a page says so; if it cannot
   * open, the app goes back to the one it left (on_pages_checked()). */
  if (canting_db_needs_page_check (self->data_dir))
    {
      g_free (self->switch_from);
      self->switch_from = g_steal_pointer (&previous);
      check_pages (self);
      g_application_release (G_APPLICATION (self));
      return TRUE;
    }
  ok = open_database (self, error);
  if (ok || reopen_left (self, g_steal_pointer (&previous)))
    present_main_window (self);
  g_application_release (G_APPLICATION (self));
  return ok;
}

static gpointer
find_window (CantingApplication *self,
             GType               type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static CantingWindow *
main_window (CantingApplication *self)
{
  return find_window (self, CANTING_TYPE_WINDOW);
}

static void
on_daily_backup_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CantingApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->backup_running = FALSE;
  g_application_release (G_APPLICATION (self));
  if (!canting_backup_auto_daily_finish (CANTING_DB (source), result, NULL, &error))
    {
      CantingWindow *window = main_window (self);
      g_autofree char *message = g_strdup_printf (_("Today’s automatic backup failed: %s"), error->message);
      AdwToast *toast;

      g_warning ("%s", message);
      if (window == NULL)
        return;
      toast = adw_toast_new (message);
      /* Stays until dismissed: the person should know the safety copy is
       * missing, or that the file may be damaged. */
      adw_toast_set_timeout (toast, 0);
      canting_window_add_toast (window, toast);
    }
}

/* Today's copy, if it is due, on a thread of its own: the window opens
 * and works while it is made.  The app stays (held) until it is done,
 * so closing the window never leaves half a copy. */
static void
start_daily_backup (CantingApplication *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (self->db == NULL || self->backup_running)
    return;
  self->backup_running = TRUE;
  g_application_hold (G_APPLICATION (self));
  canting_backup_auto_daily_async (self->db, now, NULL, on_daily_backup_done, g_object_ref (self));
}

static gboolean
daily_backup_tick (gpointer user_data)
{
  start_daily_backup (user_data);
  return G_SOURCE_CONTINUE;
}

/* Shows the main window once the database is open, on a normal start and
 * after a recovery alike. */
/* --- build-aux/dev.sh bench-ui --------------------------------------------- */

/* With CANTING_BENCH_STARTUP set, the app prints the wall-clock time of
 * its first frame (µs since the epoch, so the script can subtract the
 * moment it started the process) and, once the window has settled for
 * a second, its resident memory, then quits.  Nothing else changes. */
static gboolean
bench_report_memory (gpointer data)
{
  g_autofree char *status = NULL;
  const char *rss;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) && (rss = strstr (status, "VmRSS:")) != NULL)
    g_print ("canting-bench: resident-kb %" G_GINT64_FORMAT "\n", g_ascii_strtoll (rss + strlen ("VmRSS:"), NULL, 10));
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

/* With CANTING_BENCH_PAGES set as well, every page is shown in turn, a
 * second each, before the memory is read, and for each the longest time
 * the main loop was busy without a break is printed: a heartbeat every
 * millisecond notes the longest gap between its beats (more than a frame,
 * 16 ms, is felt).  "PAGE/TEXT" types TEXT into the page's search;
 * "PAGE/+" opens its form for a new record.  With G_MESSAGES_DEBUG=Canting
 * each page also says what its first reading took (canting-list.c).
 * CANTING_BENCH_PAGES may also name the steps, "orders,orders/+" say, in
 * place of these (a single step traced alone). */
static const char * const bench_pages[] = {
  "orders", "orders/budi", "orders/+", "production", "products", "products/+", "materials", "materials/+", "ipal",
  "ipal/+", "money", "money/listrik", "money/+", "workers", "workers/+", "customers", "customers/+", "home",
};

/* Closes what "PAGE/+" opened: every window but the main one. */
static void
bench_close_dialogs (CantingApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != (gpointer) main_window (self))
      gtk_window_destroy (l->data);
  /* The focus back on the main window, as a window manager gives it
   * back when a dialog closes (Xvfb has none): the next form's opening
   * then pays for the main window's restyle into :backdrop, as it does
   * on a desktop. */
  if (windows != NULL && windows->next != NULL)
    gtk_window_present (GTK_WINDOW (main_window (self)));
  g_list_free (windows);
}

/* The search field in view, to type into ("orders/budi"). */
static GtkWidget *
shown_search_entry (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shown_search_entry (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GStrv steps;
  guint next;
  gint64 last_beat;
  gint64 longest;
} BenchPages;

static void
bench_pages_free (BenchPages *pages)
{
  g_strfreev (pages->steps);
  g_free (pages);
}

static gboolean
bench_heartbeat (gpointer data)
{
  BenchPages *pages = data;
  gint64 now = g_get_monotonic_time ();

  if (pages->last_beat != 0)
    pages->longest = MAX (pages->longest, now - pages->last_beat);
  pages->last_beat = now;
  return G_SOURCE_CONTINUE;
}

static void bench_start_step (gpointer data);

static gboolean
bench_next_page (gpointer data)
{
  CantingApplication *self = data;
  BenchPages *pages = g_object_get_data (G_OBJECT (self), "canting-bench-pages");

  if (pages->next > 0)
    g_print ("canting-bench: page %s longest-stall-us %" G_GINT64_FORMAT "\n", pages->steps[pages->next - 1],
             pages->longest);
  if (main_window (self) == NULL || pages->steps[pages->next] == NULL)
    {
      bench_report_memory (self);
      return G_SOURCE_REMOVE;
    }
  /* Closing what the last step opened is not this step's work: the
   * step starts a quarter of a second later. */
  bench_close_dialogs (self);
  g_timeout_add_once (250, bench_start_step, self);
  return G_SOURCE_CONTINUE;
}

static void
bench_start_step (gpointer data)
{
  CantingApplication *self = data;
  BenchPages *pages = g_object_get_data (G_OBJECT (self), "canting-bench-pages");

  if (main_window (self) == NULL)
    return;
  /* From now: what this step does before returning counts too. */
  pages->longest = 0;
  pages->last_beat = g_get_monotonic_time ();
  {
    g_auto(GStrv) page_and_search = g_strsplit (pages->steps[pages->next++], "/", 2);
    GtkWidget *search;

    canting_window_show_page (main_window (self), page_and_search[0]);
    /* "PAGE/+": the page's form for a new record (Ctrl+N). */
    if (g_strcmp0 (page_and_search[1], "+") == 0)
      gtk_widget_activate_action (GTK_WIDGET (main_window (self)), "win.new-record", NULL);
    else if (page_and_search[1] != NULL && (search = shown_search_entry (GTK_WIDGET (main_window (self)))) != NULL)
      gtk_editable_set_text (GTK_EDITABLE (search), page_and_search[1]);
  }
}

static void
bench_after_paint (GdkFrameClock      *clock,
                   CantingApplication *self)
{
  g_print ("canting-bench: first-frame-us %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint, self);
  if (g_getenv ("CANTING_BENCH_PAGES") != NULL)
    {
      BenchPages *pages = g_new0 (BenchPages, 1);
      const char *steps = g_getenv ("CANTING_BENCH_PAGES");

      pages->steps = g_ascii_isalpha (steps[0])
                       ? g_strsplit (steps, ",", -1)
                       : g_strdupv ((char **) bench_pages);
      g_object_set_data_full (G_OBJECT (self), "canting-bench-pages", pages, (GDestroyNotify) bench_pages_free);
      g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_heartbeat, pages, NULL);
      g_timeout_add_seconds (1, bench_next_page, self);
      return;
    }
  g_timeout_add_seconds (1, bench_report_memory, self);
}

static void
bench_on_realize (GtkWidget          *window,
                  CantingApplication *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (bench_after_paint), self);
}

/* Without a GL driver GTK can use (an old laptop's), GTK draws with
 * cairo on the processor, and blurs the cards' shadows again in every
 * frame: data/style-cairo.css gives them a plain outline then.  Known
 * once the first window has its renderer. */
static void
style_for_renderer (GtkWidget *window)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (!GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))) ||
      g_object_get_data (G_OBJECT (display), "canting-cairo-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/canting/Canting/style-cairo.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "canting-cairo-style", g_steal_pointer (&provider), g_object_unref);
}

static void
present_main_window (CantingApplication *self)
{
  CantingWindow *window = main_window (self);

  if (window == NULL)
    {
      window = canting_window_new (self);
      g_signal_connect_after (window, "realize", G_CALLBACK (style_for_renderer), NULL);
      canting_trainer_window_created (self->trainer, window);
      if (g_getenv ("CANTING_BENCH_STARTUP") != NULL)
        g_signal_connect (window, "realize", G_CALLBACK (bench_on_realize), self);
    }
  gtk_window_present (GTK_WINDOW (window));

  if (self->daily_backup_source == 0)
    {
      self->daily_backup_source = g_timeout_add_seconds (DAILY_BACKUP_CHECK_SECONDS, daily_backup_tick, self);
      start_daily_backup (self);
    }
}

static gboolean
open_database (CantingApplication  *self,
               GError             **error)
{
  g_autoptr(CantingProfile) loaded = NULL;

  stop_publisher (self);
  g_clear_object (&self->db);
  /* The daily copy is made once the window is up (start_daily_backup). */
  self->db = canting_db_open_without_backup (self->data_dir, error);
  if (self->db == NULL)
    return FALSE;
  loaded = canting_profile_load (self->db, error);
  if (loaded == NULL)
    {
      g_clear_object (&self->db);
      return FALSE;
    }
  adopt_profile (self, loaded);
  canting_trainer_workshop_opened (self->trainer);
  start_publisher (self);
  return TRUE;
}

static void show_open_error (CantingApplication *self, const GError *error);

static void
on_open_error_response (AdwMessageDialog   *dialog,
                        const char         *response,
                        CantingApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *backup = g_strdup (g_object_get_data (G_OBJECT (dialog), "backup"));
  gboolean start_empty = g_str_equal (response, "empty");

  /* Exactly one answer per dialog: closing it afterwards would answer
   * again with the close response. */
  g_signal_handlers_disconnect_by_func (dialog, on_open_error_response, self);
  g_clear_weak_pointer (&self->open_error_dialog);
  gtk_window_close (GTK_WINDOW (dialog));

  if (!g_str_equal (response, "restore") && !start_empty)
    {
      g_application_release (G_APPLICATION (self));
      return;
    }

  if (!canting_backup_recover (self->data_dir, start_empty ? NULL : backup, &aside, &error) ||
      !open_database (self, &error))
    {
      show_open_error (self, error);
      g_application_release (G_APPLICATION (self));
      return;
    }

  present_main_window (self);
  {
    g_autofree char *message = g_strdup_printf (_("The damaged file was kept as %s."), aside);
    canting_window_add_toast (main_window (self), adw_toast_new (message));
  }
  g_application_release (G_APPLICATION (self));
}

static void
show_open_error (CantingApplication *self,
                 const GError       *error)
{
  GtkWidget *dialog;
  g_autofree char *backup = NULL;
  gboolean damaged = g_error_matches (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);

  dialog = adw_message_dialog_new (NULL, _("The workshop records cannot be opened"), NULL);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");

  if (damaged)
    backup = canting_backup_find_newest_good (self->data_dir);

  if (damaged && backup != NULL)
    {
      g_autofree char *base = g_path_get_basename (backup);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s\n\nCanting can restore the newest good backup (%s). "
                                        "The damaged file is kept beside it under a new name, not deleted."),
                                      error->message, base);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "restore", _("_Restore Backup"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
      g_object_set_data_full (G_OBJECT (dialog), "backup", g_steal_pointer (&backup), g_free);
    }
  else if (damaged)
    {
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("%s\n\nThere is no good backup to restore. Canting can start with empty "
                                        "records; the damaged file is kept beside them under a new name, not deleted."),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "empty", _("_Start Empty"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "empty",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);

  /* Keep the app alive while only the dialog is up. */
  g_application_hold (G_APPLICATION (self));
  self->open_error_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->open_error_dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_error_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Back to the workshop @left (taken) after another could not open; if
 * it cannot open either, the dialog saying why, as at start-up. */
static gboolean
reopen_left (CantingApplication *self,
             char               *left)
{
  g_autoptr(GError) again = NULL;

  g_free (self->data_dir);
  self->data_dir = left;
  if (open_database (self, &again))
    return TRUE;
  show_open_error (self, again);
  return FALSE;
}

/* The workshop switched to could not open: back to the one left, with
 * the reason on screen. */
static void
go_back (CantingApplication *self,
         const GError       *error)
{
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!reopen_left (self, g_steal_pointer (&self->switch_from)))
    return;
  present_main_window (self);
  message = g_strdup_printf (_("That workshop could not be opened: %s"), error->message);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  canting_window_add_toast (main_window (self), toast);
}

static void
on_pages_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  CantingApplication *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->check_window, gtk_window_destroy);
  if (canting_db_check_pages_finish (result, &error) && open_database (self, &error))
    present_main_window (self);
  else if (self->switch_from != NULL)
    go_back (self, error);
  else
    show_open_error (self, error);
  g_clear_pointer (&self->switch_from, g_free);
  g_application_release (G_APPLICATION (self));
  g_object_unref (self);
}

/* After a crash every page is read before the records open: a page
 * says so meanwhile, rather than no window at all for seconds. */
static void
check_pages (CantingApplication *self)
{
  self->check_window =
    canting_busy_window_new (GTK_APPLICATION (self), NULL, _("Checking the Workshop Records"),
                             _("Canting was not closed properly last time, so it reads every record once "
                               "before opening them. For many years of records this takes a while."),
                             NULL, NULL);
  gtk_window_present (self->check_window);
  g_application_hold (G_APPLICATION (self));
  canting_db_check_pages_async (self->data_dir, on_pages_checked, g_object_ref (self));
}

static void
canting_application_activate (GApplication *app)
{
  CantingApplication *self = CANTING_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  /* Launched again while the "cannot open" dialog waits for an answer,
   * or while the records are checked: show that window, do not try (and
   * fail, or recover twice) again. */
  if (self->open_error_dialog != NULL || self->check_window != NULL)
    {
      gtk_window_present (self->open_error_dialog != NULL ? self->open_error_dialog : self->check_window);
      return;
    }
  /* canting --demo: the practice workshop is made ready on a worker
   * (the first is built from example records, seconds), a window saying
   * so, then opened in place of the real one. */
  if (self->db == NULL && self->demo_asked != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->demo_asked);

      canting_trainer_open_demo (self->trainer, name);
      return;
    }
  if (self->db == NULL && canting_db_needs_page_check (self->data_dir))
    {
      check_pages (self);
      return;
    }
  if (self->db == NULL && !open_database (self, &error))
    {
      show_open_error (self, error);
      return;
    }
  present_main_window (self);
}

/* canting --demo [NAME]: the practice workshop NAME instead of the real
 * one, made when the app activates if need be; Leave goes to the real
 * one.  A name no folder can have is refused here, on the terminal. */
static gboolean
handle_demo_option (CantingApplication *self,
                    GVariantDict       *options)
{
  g_autofree const char **rest = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = CANTING_DEMO_DEFAULT_NAME;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &rest);
  if (!g_variant_dict_contains (options, "demo"))
    {
      if (rest == NULL || rest[0] == NULL)
        return TRUE;
      g_printerr (_("Unexpected argument “%s”. Run canting --help to see what Canting takes.\n"), rest[0]);
      return FALSE;
    }
  if (rest != NULL && rest[0] != NULL)
    name = rest[0];
  if (rest != NULL && rest[0] != NULL && rest[1] != NULL)
    {
      g_printerr (_("Unexpected argument “%s”. Run canting --help to see what Canting takes.\n"), rest[1]);
      return FALSE;
    }
  if (!canting_demo_name_is_valid (name, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  g_free (self->demo_asked);
  self->demo_asked = g_strdup (name);
  /* Beside a Canting already open on the real workshop, not handed to it. */
  g_application_set_flags (G_APPLICATION (self), g_application_get_flags (G_APPLICATION (self)) | G_APPLICATION_NON_UNIQUE);
  return TRUE;
}

static int
canting_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  CantingApplication *self = CANTING_APPLICATION (app);
  const char *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("canting %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &dir) && *dir != '\0')
    self->data_dir = g_canonicalize_filename (dir, NULL);
  else
    self->data_dir = canting_paths_default_data_dir ();
  if (!handle_demo_option (self, options))
    return 1;

  /* Another workshop (a trainer's demo, a test) runs in its own process
   * instead of being handed to an already running Canting. */
  if (g_variant_dict_contains (options, "data-dir") || g_getenv ("CANTING_DATA_DIR") != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CantingApplication *self = user_data;

  /* Close windows first so each one saves what it holds. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GList *next = l->next;
      gtk_window_close (l->data);
      l = next;
    }
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CantingApplication *self = user_data;
  CantingWindow *window = main_window (self);
  CantingPreferencesWindow *prefs;

  if (self->db == NULL)
    return;
  prefs = find_window (self, CANTING_TYPE_PREFERENCES_WINDOW);
  if (prefs == NULL)
    {
      prefs = canting_preferences_window_new (self);
      gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
    }
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CantingApplication *self = user_data;
  static const char *developers[] = { "The Canting developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", main_window (self),
                        "application-name", "Canting",
                        "application-icon", APP_ID,
                        "developer-name", _("The Canting developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The business side of a batik workshop: orders, materials, "
                                      "the wastewater log and money, in one place."),
                        "website", "https://github.com/canting/canting",
                        "issue-url", "https://github.com/canting/canting/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Canting developers",
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* From a notification: bring the window forward on a page. */
static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CantingApplication *self = user_data;

  g_application_activate (G_APPLICATION (self));
  if (main_window (self) != NULL)
    canting_window_show_page (main_window (self), g_variant_get_string (parameter, NULL));
}

static void
sync_orders_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CantingApplication *self = user_data;
  g_autoptr(GPtrArray) channels = NULL;
  guint shops = 0;
  AdwToast *toast;

  g_application_activate (G_APPLICATION (self));
  if (self->db != NULL)
    channels = canting_channel_list (self->db, FALSE, NULL);
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    if (canting_channel_driver_for_kind (((CantingChannel *) g_ptr_array_index (channels, i))->kind) != NULL)
      shops++;
  if (shops > 0)
    start_publisher (self);
  if (shops == 0 || self->publisher == NULL)
    toast = adw_toast_new (_("No online shop is set up yet: add one with Online Shops in the Products menu."));
  else
    {
      self->sync_asked = shops;
      canting_publish_worker_resume_channel (self->publisher, 0);
      canting_publish_worker_sync_now (self->publisher, 0);
      toast = adw_toast_new (_("Fetching the online shops' orders…"));
      adw_toast_set_timeout (toast, 3);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_set_weak_pointer (&self->fetching, toast);
    }
  if (main_window (self) != NULL)
    canting_window_add_toast (main_window (self), toast);
  else
    g_object_unref (toast);
}

/* The first-run guide, again. */
static void
guide_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CantingApplication *self = user_data;
  GtkWindow *parent = GTK_WINDOW (main_window (self));

  gtk_window_present (GTK_WINDOW (canting_guide_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "sync-orders", sync_orders_activated },
  { "guide", guide_activated },
  { "quit", quit_activated },
  { "show-page", show_page_activated, "s" },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

static AdwWindowTitle *
find_window_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    return ADW_WINDOW_TITLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *found = find_window_title (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A form shows its title in its header bar only; the window takes it as
 * its own too, so a screen reader (and the window list) names it
 * "New Customer", not "CantingCustomerDialog". */
static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  AdwWindowTitle *title;

  if (gtk_window_get_title (window) != NULL || (title = find_window_title (GTK_WIDGET (window))) == NULL)
    return;
  g_object_bind_property (title, "title", window, "title", G_BINDING_SYNC_CREATE);
}

static void
canting_application_startup (GApplication *app)
{
  CantingApplication *self = CANTING_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (canting_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  g_signal_connect (self, "window-added", G_CALLBACK (on_window_added), NULL);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  canting_trainer_startup (self->trainer);
}

/* Quitting (the test harness, a session ending) waits for a copy being
 * made rather than leaving half of it. */
static void
canting_application_shutdown (GApplication *app)
{
  CantingApplication *self = CANTING_APPLICATION (app);

  while (self->backup_running)
    g_main_context_iteration (NULL, TRUE);
  G_APPLICATION_CLASS (canting_application_parent_class)->shutdown (app);
}

static void
canting_application_dispose (GObject *object)
{
  CantingApplication *self = CANTING_APPLICATION (object);

  g_clear_handle_id (&self->daily_backup_source, g_source_remove);
  stop_publisher (self);
  /* The practice shop stops with the app. */
  if (self->trainer != NULL)
    canting_trainer_shutdown (self->trainer);
  g_clear_object (&self->trainer);
  g_clear_weak_pointer (&self->open_error_dialog);
  g_clear_weak_pointer (&self->fetching);
  g_clear_object (&self->db);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->switch_from, g_free);
  g_clear_pointer (&self->demo_asked, g_free);

  G_OBJECT_CLASS (canting_application_parent_class)->dispose (object);
}

static void
canting_application_class_init (CantingApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  canting_register_resource ();

  object_class->dispose = canting_application_dispose;
  app_class->activate = canting_application_activate;
  app_class->startup = canting_application_startup;
  app_class->shutdown = canting_application_shutdown;
  app_class->handle_local_options = canting_application_handle_local_options;

  /* Emitted after the database contents were replaced (a restore): views
   * re-read what they show. */
  signals[DATA_REPLACED] = g_signal_new ("data-replaced", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  /* Emitted when the publishing worker sent something, or stopped for a
   * while: listings are shown as they now are. */
  signals[PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);
}

static void
canting_application_init (CantingApplication *self)
{
  static const GOptionEntry options[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the workshop kept in DIR instead of the usual one"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the practice workshop NAME (Latihan when none is given), made with example records"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, N_("[NAME]") },
    { NULL }
  };

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::order-sync-minutes",
                           G_CALLBACK (on_order_sync_changed), self, G_CONNECT_SWAPPED);
  self->profile = canting_profile_new ();
  self->trainer = canting_trainer_new (self);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
}
