/* canting-trainer.c: trainer mode (Mode latihan).
 *
 * A practice workshop is opened in the running app in place of the real
 * one: the app switches its workshop folder (every window is made anew,
 * so nothing shows the other workshop's records), and the real database
 * is closed meanwhile, never read or written.  While a practice workshop
 * is open the practice shop (src/shop) serves on 127.0.0.1 from the
 * practice workshop's folder, and the practice channel points at it;
 * its fixed practice password goes straight to the publishing worker,
 * not into the keyring, since it guards nothing.
 *
 * Not here: the records of a practice workshop and their reset (the
 * core's canting-demo.c). */
#include "config.h"

#include "canting-trainer.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-busy-window.h"
#include "canting-demo.h"
#include "canting-motif-picture.h"
#include "canting-paths.h"
#include "canting-shop.h"

struct _CantingTrainer
{
  GObject parent_instance;

  CantingApplication *app;      /* unowned: it owns us */
  char *name;                   /* the open practice workshop, or NULL */
  char *real_dir;               /* where Leave goes back to */
  CantingShopStore *store;
  CantingShop *shop;
  gint64 channel_id;            /* the practice channel, 0 when none */
  int base_dpi;                 /* the desktop's text resolution, 1024ths */
  gboolean opening;             /* a practice workshop is being made ready */
  GtkWindow *opening_window;    /* saying so, once it takes a while */
  guint opening_timeout;
};

G_DEFINE_FINAL_TYPE (CantingTrainer, canting_trainer, G_TYPE_OBJECT)

CantingTrainer *
canting_trainer_new (CantingApplication *app)
{
  CantingTrainer *self = g_object_new (CANTING_TYPE_TRAINER, NULL);

  self->app = app;
  return self;
}

const char *
canting_trainer_get_demo_name (CantingTrainer *self)
{
  g_return_val_if_fail (CANTING_IS_TRAINER (self), NULL);
  return self->name;
}

const char *
canting_trainer_get_shop_url (CantingTrainer *self)
{
  g_return_val_if_fail (CANTING_IS_TRAINER (self), NULL);
  return self->shop != NULL ? canting_shop_get_home_url (self->shop) : NULL;
}

static CantingWindow *
main_window (CantingTrainer *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self->app)); l != NULL; l = l->next)
    if (CANTING_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
say (CantingTrainer *self,
     const char     *text)
{
  CantingWindow *window = main_window (self);
  AdwToast *toast;

  if (window == NULL)
    {
      g_message ("%s", text);
      return;
    }
  toast = adw_toast_new (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  canting_window_add_toast (window, toast);
}

/* --- the practice shop --------------------------------------------------- */

static void
stop_shop (CantingTrainer *self)
{
  if (self->shop != NULL)
    canting_shop_disconnect (self->shop);
  g_clear_object (&self->shop);
  g_clear_object (&self->store);
  self->channel_id = 0;
}

static guint
port_of (const char *url)
{
  const char *colon = url != NULL ? strrchr (url, ':') : NULL;
  guint64 port = 0;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
    return 0;
  return (guint) port;
}

/* Starts the shop on the port the channel names if it is free (its
 * listings keep their address), on any free port otherwise (another
 * trainee's shop has it), and points the channel there. */
static gboolean
start_shop (CantingTrainer  *self,
            GError         **error)
{
  CantingDb *db = canting_application_get_db (self->app);
  g_autofree char *file = canting_demo_shop_file (canting_application_get_data_dir (self->app));
  g_autofree char *url = canting_demo_channel_url (db);
  guint port = port_of (url);

  stop_shop (self);
  self->store = canting_shop_store_open (file, error);
  if (self->store == NULL)
    return FALSE;
  self->shop = canting_shop_new (self->store, NULL, NULL, CANTING_DEMO_SHOP_USER, CANTING_DEMO_SHOP_PASSWORD);
  if (port == 0 || !canting_shop_listen (self->shop, "127.0.0.1", port, NULL))
    {
      g_clear_object (&self->shop);
      self->shop = canting_shop_new (self->store, NULL, NULL, CANTING_DEMO_SHOP_USER, CANTING_DEMO_SHOP_PASSWORD);
      if (!canting_shop_listen (self->shop, "127.0.0.1", 0, error))
        {
          stop_shop (self);
          return FALSE;
        }
    }
  g_debug ("trainer: the practice shop listens on %s", canting_shop_get_home_url (self->shop));
  if (!canting_demo_point_channel (db, canting_shop_get_home_url (self->shop), &self->channel_id, error))
    {
      stop_shop (self);
      return FALSE;
    }
  return TRUE;
}

/* --- hooks ----------------------------------------------------------------- */

static void
update_actions (CantingTrainer *self)
{
  static const char * const demo_only[] = { "reset-demo", "leave-demo", "open-shop-page" };
  static const char * const opening[] = { "open-demo", "open-demo-named" };

  for (guint i = 0; i < G_N_ELEMENTS (demo_only); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->app), demo_only[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                                     self->name != NULL && (i < 2 || self->shop != NULL) && !self->opening);
    }
  /* One practice workshop made ready at a time. */
  for (guint i = 0; i < G_N_ELEMENTS (opening); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->app), opening[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !self->opening);
    }
}

void
canting_trainer_workshop_opened (CantingTrainer *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CANTING_IS_TRAINER (self));
  stop_shop (self);
  g_clear_pointer (&self->name, g_free);
  self->name = canting_demo_name_of_dir (canting_application_get_data_dir (self->app));
  /* Without its shop a practice workshop still works; publishing waits. */
  if (self->name != NULL && !start_shop (self, &error))
    g_warning ("The practice shop did not start: %s", error->message);
  update_actions (self);
}

void
canting_trainer_publisher_created (CantingTrainer       *self,
                                   CantingPublishWorker *worker)
{
  g_return_if_fail (CANTING_IS_TRAINER (self));
  if (self->name != NULL && self->channel_id > 0)
    canting_publish_worker_set_secret (worker, self->channel_id, CANTING_DEMO_SHOP_PASSWORD);
}

void
canting_trainer_window_created (CantingTrainer *self,
                                CantingWindow  *window)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CANTING_IS_TRAINER (self));
  if (self->name == NULL)
    return;
  builder = gtk_builder_new_from_resource ("/io/github/canting/Canting/canting-demo-banner.ui");
  /* Translators: the banner of a practice workshop; %s is its name. */
  text = g_strdup_printf (_("Practice workshop “%s”: example records for practising, not your own. "
                            "Change anything; Reset puts it back."), self->name);
  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "banner_label")), text);
  /* As the window's own buttons: a screen reader reads "Atur Ulang",
   * not "_Atur Ulang". */
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (gtk_builder_get_object (builder, "banner")));
  canting_window_set_banner (window, GTK_WIDGET (gtk_builder_get_object (builder, "banner")));
}

/* --- opening, resetting, leaving ------------------------------------------- */

/* The first practice workshop is made from a template of example
 * records built then (seconds; under the sanitizers, longer than a
 * D-Bus call waits), later ones are copies of it: on a worker, with the
 * main loop free, and a window saying so once it takes a while. */
#define OPENING_NOTE_AFTER_MS 300

static void
prepare_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      name,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  char *dir = canting_demo_prepare (name, canting_motif_picture_png, &error);

  if (dir != NULL)
    g_task_return_pointer (task, dir, g_free);
  else
    g_task_return_error (task, error);
}

static gboolean
show_opening_window (gpointer data)
{
  CantingTrainer *self = data;

  self->opening_timeout = 0;
  self->opening_window =
    canting_busy_window_new (GTK_APPLICATION (self->app), GTK_WINDOW (main_window (self)),
                             _("Preparing the Practice Workshop"),
                             _("The first practice workshop is made from example records, "
                               "which takes a few seconds. Your own records stay as they are."),
                             NULL, NULL);
  gtk_window_present (self->opening_window);
  return G_SOURCE_REMOVE;
}

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  CantingTrainer *self = CANTING_TRAINER (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&self->opening_timeout, g_source_remove);
  g_clear_pointer (&self->opening_window, gtk_window_destroy);
  self->opening = FALSE;
  update_actions (self);
  g_application_release (G_APPLICATION (self->app));
  if (dir == NULL)
    {
      say (self, error->message);
      return;
    }
  if (self->name == NULL)
    {
      g_free (self->real_dir);
      self->real_dir = g_strdup (canting_application_get_data_dir (self->app));
    }
  if (!canting_application_switch_workshop (self->app, dir, &error))
    say (self, error->message);
}

void
canting_trainer_open_demo (CantingTrainer *self,
                           const char     *name)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CANTING_IS_TRAINER (self));
  if (self->opening)
    return;
  self->opening = TRUE;
  update_actions (self);
  g_application_hold (G_APPLICATION (self->app));
  self->opening_timeout = g_timeout_add (OPENING_NOTE_AFTER_MS, show_opening_window, self);
  task = g_task_new (self, NULL, on_prepared, NULL);
  g_task_set_task_data (task, g_strdup (name), g_free);
  g_task_run_in_thread (task, prepare_in_thread);
}

gboolean
canting_trainer_reset (CantingTrainer  *self,
                       GError         **error)
{
  CantingDb *db;
  gint64 started = g_get_monotonic_time ();
  g_autoptr(GError) shop_error = NULL;

  g_return_val_if_fail (CANTING_IS_TRAINER (self), FALSE);
  db = canting_application_get_db (self->app);
  if (self->name == NULL || db == NULL)
    return TRUE;
  /* Nothing else may hold the files meanwhile: the shop's, and the
   * worker's connection to the database. */
  stop_shop (self);
  canting_application_stop_publisher (self->app);
  g_debug ("trainer: reset: shop and worker stopped at %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  if (!canting_demo_reset (db, error))
    {
      canting_application_reload (self->app);
      return FALSE;
    }
  g_debug ("trainer: reset: records back at %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  if (!start_shop (self, &shop_error))
    g_warning ("The practice shop did not start again: %s", shop_error->message);
  update_actions (self);
  canting_application_reload (self->app);
  g_debug ("trainer: reset in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  return TRUE;
}

gboolean
canting_trainer_leave (CantingTrainer  *self,
                       GError         **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (CANTING_IS_TRAINER (self), FALSE);
  if (self->name == NULL)
    return TRUE;
  dir = self->real_dir != NULL ? g_strdup (self->real_dir) : canting_paths_default_data_dir ();
  stop_shop (self);
  return canting_application_switch_workshop (self->app, dir, error);
}

void
canting_trainer_shutdown (CantingTrainer *self)
{
  g_return_if_fail (CANTING_IS_TRAINER (self));
  stop_shop (self);
}

/* --- actions --------------------------------------------------------------- */

static void
on_name_changed (AdwMessageDialog *dialog)
{
  GtkEditable *row = g_object_get_data (G_OBJECT (dialog), "name-row");
  GtkLabel *label = g_object_get_data (G_OBJECT (dialog), "error-label");
  const char *text = gtk_editable_get_text (row);
  g_autoptr(GError) error = NULL;
  gboolean ok = canting_demo_name_is_valid (text, &error);

  adw_message_dialog_set_response_enabled (dialog, "open", ok);
  gtk_widget_set_visible (GTK_WIDGET (label), !ok && *text != '\0');
  if (!ok)
    gtk_label_set_text (label, error->message);
}

static void
on_dialog_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CantingTrainer   *self)
{
  GtkEditable *row = g_object_get_data (G_OBJECT (dialog), "name-row");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  if (g_str_equal (response, "open"))
    canting_trainer_open_demo (self, name);
}

static void
on_existing_activated (GtkListBox     *list,
                       GtkListBoxRow  *row,
                       CantingTrainer *self)
{
  g_autofree char *name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_MESSAGE_DIALOG);

  if (dialog != NULL)
    gtk_window_close (GTK_WINDOW (dialog));
  canting_trainer_open_demo (self, name);
}

static void
open_demo_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CantingTrainer *self = user_data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/canting/Canting/canting-demo-dialog.ui");
  g_autoptr(GPtrArray) names = canting_demo_list ();
  GtkListBox *existing = GTK_LIST_BOX (gtk_builder_get_object (builder, "existing_list"));
  GtkEditable *name_row = GTK_EDITABLE (gtk_builder_get_object (builder, "name_row"));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (main_window (self)), _("Open a Practice Workshop"),
                                                       _("A workshop full of example records to practise on: "
                                                         "orders, products, materials, the IPAL log and money. "
                                                         "Your own records stay as they are. Each trainee can "
                                                         "have one of their own.")));
  for (guint i = 0; i < names->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (names, i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (existing, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (existing), names->len > 0);
  g_signal_connect (existing, "row-activated", G_CALLBACK (on_existing_activated), self);
  gtk_editable_set_text (name_row, names->len == 0 ? CANTING_DEMO_DEFAULT_NAME : "");

  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (gtk_builder_get_object (builder, "chooser")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "error-label", gtk_builder_get_object (builder, "error_label"));
  g_signal_connect_swapped (name_row, "changed", G_CALLBACK (on_name_changed), dialog);
  on_name_changed (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_demo_named_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  canting_trainer_open_demo (user_data, g_variant_get_string (parameter, NULL));
}

static void
reset_demo_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CantingTrainer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!canting_trainer_reset (self, &error))
    say (self, error->message);
  else
    say (self, _("The practice workshop is back as it was at the start."));
}

static void
leave_demo_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CantingTrainer *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!canting_trainer_leave (self, &error))
    say (self, error->message);
}

static void
open_shop_page_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CantingTrainer *self = user_data;
  const char *url = canting_trainer_get_shop_url (self);

  if (url != NULL)
    gtk_show_uri (GTK_WINDOW (main_window (self)), url, GDK_CURRENT_TIME);
}

/* --- text size --------------------------------------------------------------- */

/* The whole interface's text follows the font resolution, so scaling it
 * scales every label, entry and list alike; icons and spacing stay,
 * which keeps more on a 1366×768 projector than zooming everything. */
static void
apply_text_scale (CantingTrainer *self)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int scale = g_settings_get_int (canting_application_get_settings (self->app), "text-scale");

  if (settings == NULL)
    return;
  if (self->base_dpi == 0)
    {
      g_object_get (settings, "gtk-xft-dpi", &self->base_dpi, NULL);
      /* No desktop said: GTK's own 96 dpi. */
      if (self->base_dpi <= 0)
        self->base_dpi = 96 * 1024;
    }
  g_object_set (settings, "gtk-xft-dpi", (int) ((gint64) self->base_dpi * CLAMP (scale, 100, 200) / 100), NULL);
}

static const GActionEntry trainer_actions[] = {
  { "open-demo", open_demo_activated },
  { "open-demo-named", open_demo_named_activated, "s" },
  { "reset-demo", reset_demo_activated },
  { "leave-demo", leave_demo_activated },
  { "open-shop-page", open_shop_page_activated },
};

void
canting_trainer_startup (CantingTrainer *self)
{
  g_return_if_fail (CANTING_IS_TRAINER (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self->app), trainer_actions, G_N_ELEMENTS (trainer_actions), self);
  update_actions (self);
  g_signal_connect_object (canting_application_get_settings (self->app), "changed::text-scale",
                           G_CALLBACK (apply_text_scale), self, G_CONNECT_SWAPPED);
  apply_text_scale (self);
}

static void
canting_trainer_dispose (GObject *object)
{
  CantingTrainer *self = CANTING_TRAINER (object);
  GtkSettings *settings = gtk_settings_get_default ();

  stop_shop (self);
  /* The desktop's resolution back, for whatever runs after in this
   * process (the UI tests run many apps in one). */
  if (self->base_dpi > 0 && settings != NULL)
    g_object_set (settings, "gtk-xft-dpi", self->base_dpi, NULL);
  self->base_dpi = 0;
  G_OBJECT_CLASS (canting_trainer_parent_class)->dispose (object);
}

static void
canting_trainer_finalize (GObject *object)
{
  CantingTrainer *self = CANTING_TRAINER (object);

  g_free (self->name);
  g_free (self->real_dir);
  G_OBJECT_CLASS (canting_trainer_parent_class)->finalize (object);
}

static void
canting_trainer_class_init (CantingTrainerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = canting_trainer_dispose;
  object_class->finalize = canting_trainer_finalize;
}

static void
canting_trainer_init (CantingTrainer *self)
{
}
