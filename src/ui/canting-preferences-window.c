/* canting-preferences-window.c: the workshop profile, the interface
 * language and backups.
 *
 * The profile saves itself as the person types (after a short pause, and
 * on close), like GNOME settings do: there is no Save button to forget.
 * Each field is checked as it is typed and a wrong one is marked and
 * explained; nothing invalid is written.  Removing the logo and restoring
 * a backup are undone from a toast rather than guarded by "are you sure?". */
#include "config.h"

#include "canting-preferences-window.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-backup.h"
#include "canting-busy-window.h"
#include "canting-error.h"
#include "canting-paths.h"
#include "canting-production.h"
#include "canting-window.h"

/* Typing pause before the profile is written: short enough that a power
 * cut right after typing loses at most this much, long enough not to
 * write (and fsync) on every key. */
#define SAVE_DELAY_MS 400

#define N_TEXT_ROWS (CANTING_PROFILE_FIELD_MEMBERSHIP + 1)

struct _CantingPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *owner_row;
  AdwEntryRow *address_row;
  AdwEntryRow *city_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *membership_row;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwActionRow *logo_row;
  GtkImage *logo_image;
  GtkButton *remove_logo_button;
  GtkButton *choose_logo_button;
  AdwComboRow *language_row;
  AdwComboRow *text_scale_row;
  AdwComboRow *order_sync_row;
  AdwPreferencesGroup *stages_group;
  GtkButton *backup_now_button;
  GtkListBox *backups_list;
  AdwActionRow *folder_row;
  GtkButton *open_folder_button;

  CantingApplication *app;  /* unowned */
  AdwEntryRow *rows[N_TEXT_ROWS];
  gboolean row_invalid[N_TEXT_ROWS];
  guint save_source;
  guint stages_source;        /* typing pause before stage names are saved */
  GPtrArray *stage_expanders; /* one AdwExpanderRow per technique, unowned */
  /* The shared profile holds typed text not yet written.  Cleared only by
   * a successful save, so a failed one (disk full, database busy) is
   * retried on close and reported if it fails again. */
  gboolean dirty;
  gboolean loading;
  GtkFileChooserNative *chooser;
  GCancellable *cancellable;  /* logo loading, cancelled on dispose */
};

G_DEFINE_FINAL_TYPE (CantingPreferencesWindow, canting_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_error (CantingPreferencesWindow *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
}

static void
toast (CantingPreferencesWindow *self,
       AdwToast                 *t)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
}

static void
toast_text (CantingPreferencesWindow *self,
            const char               *text)
{
  toast (self, adw_toast_new (text));
}

static gboolean
any_row_invalid (CantingPreferencesWindow *self)
{
  for (guint i = 0; i < N_TEXT_ROWS; i++)
    if (self->row_invalid[i])
      return TRUE;
  return FALSE;
}

static void flush_stages (CantingPreferencesWindow *self);

gboolean
canting_preferences_window_flush (CantingPreferencesWindow  *self,
                                  GError                   **error)
{
  CantingProfile *profile = canting_application_get_profile (self->app);

  g_return_val_if_fail (CANTING_IS_PREFERENCES_WINDOW (self), FALSE);

  flush_stages (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty)
    return TRUE;
  if (!canting_profile_save (profile, canting_application_get_db (self->app), error))
    return FALSE;
  self->dirty = FALSE;
  return TRUE;
}

static gboolean
save_timeout (gpointer user_data)
{
  CantingPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!canting_preferences_window_flush (self, &error))
    show_error (self, error->message);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (CantingPreferencesWindow *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
on_row_changed (GtkEditable              *editable,
                CantingPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GError) error = NULL;
  guint field;

  if (self->loading)
    return;
  for (field = 0; field < N_TEXT_ROWS; field++)
    if (GTK_EDITABLE (self->rows[field]) == editable)
      break;
  g_return_if_fail (field < N_TEXT_ROWS);

  self->row_invalid[field] = !canting_profile_validate_field (field, text, &error);
  if (self->row_invalid[field])
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      show_error (self, error->message);
      /* Nothing invalid is written: a pending save of the earlier,
       * valid text still goes ahead. */
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID);
  if (!any_row_invalid (self))
    show_error (self, NULL);
  canting_profile_set_field (canting_application_get_profile (self->app), field, text);
  self->dirty = TRUE;
  schedule_save (self);
}

static void
load_profile (CantingPreferencesWindow *self)
{
  CantingProfile *profile = canting_application_get_profile (self->app);

  self->loading = TRUE;
  for (guint i = 0; i < N_TEXT_ROWS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), canting_profile_get_field (profile, i));
      gtk_widget_remove_css_class (GTK_WIDGET (self->rows[i]), "error");
      self->row_invalid[i] = FALSE;
    }
  self->loading = FALSE;
  show_error (self, NULL);
}

static void
update_logo (CantingPreferencesWindow *self)
{
  CantingProfile *profile = canting_application_get_profile (self->app);
  GBytes *logo = canting_profile_get_logo (profile);
  g_autoptr(GdkTexture) texture = logo != NULL ? gdk_texture_new_from_bytes (logo, NULL) : NULL;

  if (texture != NULL)
    gtk_image_set_from_paintable (self->logo_image, GDK_PAINTABLE (texture));
  else
    gtk_image_set_from_icon_name (self->logo_image, "image-x-generic-symbolic");

  if (logo != NULL)
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (logo));
      adw_action_row_set_subtitle (self->logo_row, size);
    }
  else
    adw_action_row_set_subtitle (self->logo_row, _("No logo"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_logo_button), logo != NULL);
}

/* Sets the logo and saves the whole profile at once; on failure the
 * previous logo is put back, so screen and database agree. */
static gboolean
save_logo (CantingPreferencesWindow *self,
           GBytes                   *bytes,
           GError                  **error)
{
  CantingProfile *profile = canting_application_get_profile (self->app);
  GBytes *current = canting_profile_get_logo (profile);
  g_autoptr(GBytes) previous = current != NULL ? g_bytes_ref (current) : NULL;

  if (!canting_profile_set_logo (profile, bytes, error))
    return FALSE;
  /* Saved at once, with any typed text still waiting for its pause. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!canting_profile_save (profile, canting_application_get_db (self->app), error))
    {
      canting_profile_set_logo (profile, previous, NULL);
      update_logo (self);
      return FALSE;
    }
  self->dirty = FALSE;
  update_logo (self);
  return TRUE;
}

static void
on_logo_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CantingPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  /* The window was closed while the file loaded: nothing left to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL || !save_logo (self, bytes, &error))
    {
      show_error (self, error->message);
      return;
    }
  toast_text (self, _("Logo saved"));
}

static void
on_chooser_response (GtkNativeDialog          *dialog,
                     int                       response,
                     CantingPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_file_load_bytes_async (file, self->cancellable, on_logo_loaded, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_logo (CantingPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_undo_remove_logo (AdwToast                 *t,
                     CantingPreferencesWindow *self)
{
  GBytes *removed = g_object_get_data (G_OBJECT (t), "logo");
  g_autoptr(GError) error = NULL;

  if (!save_logo (self, removed, &error))
    show_error (self, error->message);
}

static void
on_remove_logo (CantingPreferencesWindow *self)
{
  CantingProfile *profile = canting_application_get_profile (self->app);
  g_autoptr(GBytes) removed = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *t;

  if (canting_profile_get_logo (profile) == NULL)
    return;
  removed = g_bytes_ref (canting_profile_get_logo (profile));
  if (!save_logo (self, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  t = adw_toast_new (_("Logo removed"));
  adw_toast_set_button_label (t, _("_Undo"));
  g_object_set_data_full (G_OBJECT (t), "logo", g_steal_pointer (&removed), (GDestroyNotify) g_bytes_unref);
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (on_undo_remove_logo), self, 0);
  toast (self, t);
}

static void refresh_backups (CantingPreferencesWindow *self);
static void fill_stages (CantingPreferencesWindow *self);

/* A restore under way: a page saying what it does while the copy goes
 * in on a worker, with the windows of the workshop held still. */
typedef struct {
  CantingPreferencesWindow *self;
  GtkWindow *main_window;     /* nullable; insensitive meanwhile */
  GtkWindow *dialog;
  GtkLabel *stage_label;
  GtkProgressBar *bar;
  guint pulse_source;
  char *when;                 /* of the copy restored; NULL: an undo */
} RestoreRun;

static void
restore_run_free (RestoreRun *run)
{
  g_clear_handle_id (&run->pulse_source, g_source_remove);
  gtk_window_destroy (run->dialog);
  if (run->main_window != NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (run->main_window), TRUE);
      g_object_unref (run->main_window);
    }
  g_object_unref (run->self);
  g_free (run->when);
  g_free (run);
}

static gboolean
pulse_restore (gpointer data)
{
  RestoreRun *run = data;

  gtk_progress_bar_pulse (run->bar);
  return G_SOURCE_CONTINUE;
}

static void
on_restore_progress (CantingRestoreStage stage,
                     double              fraction,
                     gpointer            data)
{
  RestoreRun *run = data;
  const char *text = canting_restore_stage_label (stage);

  g_return_if_fail (text != NULL);
  gtk_label_set_text (run->stage_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (run->bar), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  if (fraction < 0)
    {
      if (run->pulse_source == 0)
        run->pulse_source = g_timeout_add (150, pulse_restore, run);
    }
  else
    {
      g_clear_handle_id (&run->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (run->bar, fraction);
    }
}

static GtkWindow *
restore_dialog_new (CantingPreferencesWindow *self,
                    RestoreRun               *run)
{
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *stage = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (stage), TRUE);
  run->stage_label = GTK_LABEL (stage);
  run->bar = GTK_PROGRESS_BAR (bar);
  return canting_busy_window_new (gtk_window_get_application (GTK_WINDOW (self)), GTK_WINDOW (self),
                                  _("Restoring a Backup"),
                                  _("This can take a few minutes for many years of records. "
                                    "If the computer goes off meanwhile, the records stay as they were."),
                                  bar, stage);
}

static void on_restore_done (GObject      *source,
                             GAsyncResult *result,
                             gpointer      data);

/* Restores @path; @when names the copy in the toast that offers to undo
 * it, NULL when this is the undo. */
static void
restore (CantingPreferencesWindow *self,
         const char               *path,
         const char               *when)
{
  g_autoptr(GError) error = NULL;
  RestoreRun *run;
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* Whatever is typed but not yet saved goes into the copy kept aside. */
  if (!canting_preferences_window_flush (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  run = g_new0 (RestoreRun, 1);
  run->self = g_object_ref (self);
  run->when = g_strdup (when);
  run->dialog = restore_dialog_new (self, run);
  if (main_window != NULL)
    {
      run->main_window = g_object_ref (main_window);
      gtk_widget_set_sensitive (GTK_WIDGET (main_window), FALSE);
    }
  /* Nothing may be sent from the records being replaced. */
  canting_application_stop_publisher (self->app);
  gtk_window_present (run->dialog);
  canting_backup_restore_async (canting_application_get_db (self->app), path, on_restore_progress, run,
                                on_restore_done, run);
}

static void
on_undo_restore (AdwToast                 *t,
                 CantingPreferencesWindow *self)
{
  restore (self, g_object_get_data (G_OBJECT (t), "kept-aside"), NULL);
}

static void
on_restore_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  RestoreRun *run = data;
  CantingPreferencesWindow *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  gboolean restored = canting_backup_restore_finish (result, &aside, &error);

  /* Shown again whether or not anything changed: a restore that failed
   * late has still replaced the data (aside is set then), and the
   * publisher was stopped either way. */
  canting_application_reload (self->app);
  if (restored || aside != NULL)
    {
      load_profile (self);
      update_logo (self);
      refresh_backups (self);
      fill_stages (self);
    }
  if (!restored)
    show_error (self, error->message);
  else if (run->when == NULL)
    toast_text (self, _("Restore undone"));
  else
    {
      g_autofree char *message = g_strdup_printf (_("Records restored from %s"), run->when);
      AdwToast *t = adw_toast_new (message);

      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_timeout (t, 10);
      g_object_set_data_full (G_OBJECT (t), "kept-aside", g_steal_pointer (&aside), g_free);
      g_signal_connect_object (t, "button-clicked", G_CALLBACK (on_undo_restore), self, 0);
      toast (self, t);
    }
  restore_run_free (run);
}

static void
on_restore_clicked (GtkButton                *button,
                    CantingPreferencesWindow *self)
{
  const CantingBackupInfo *info = g_object_get_data (G_OBJECT (button), "backup");
  g_autoptr(GDateTime) local = g_date_time_to_local (info->created);
  g_autofree char *when = g_date_time_format (local, _("%-d %B %Y, %H.%M"));

  restore (self, info->path, when);
}

static GtkWidget *
backup_row_new (CantingPreferencesWindow *self,
                const CantingBackupInfo  *info)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (info->created);
  g_autofree char *when = g_date_time_format (local, _("%-d %B %Y, %H.%M"));
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", canting_backup_kind_label (info->kind), size);
  g_autofree char *accessible = g_strdup_printf (_("Restore the backup of %s"), when);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible);
  /* "Restore" alone does not say which copy: name it by its date, and
   * only by that (GTK 4.8 would append the label child's text). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_object_set_data_full (G_OBJECT (button), "backup", canting_backup_info_copy (info),
                          (GDestroyNotify) canting_backup_info_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
refresh_backups (CantingPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = canting_backup_list (canting_application_get_data_dir (self->app), &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->backups_list))) != NULL)
    gtk_list_box_remove (self->backups_list, child);

  if (list == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      gtk_list_box_append (self->backups_list, row);
    }
  for (guint i = 0; i < list->len; i++)
    gtk_list_box_append (self->backups_list, backup_row_new (self, g_ptr_array_index (list, i)));
}

/* On the worker (canting_db_read_async()): the copy of a ten-year
 * workshop, checked page by page, takes seconds; the window goes on
 * meanwhile.  @data holds the new copy's path. */
static gboolean
back_up_in_thread (CantingDb  *reader,
                   gpointer    data,
                   GError    **error)
{
  char **path = data;

  *path = canting_backup_create (reader, CANTING_BACKUP_MANUAL, error);
  return *path != NULL;
}

static void
path_slot_free (char **path)
{
  g_free (*path);
  g_free (path);
}

static void
backed_up (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CantingPreferencesWindow *self = CANTING_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;

  gtk_button_set_label (self->backup_now_button, _("_Back Up Now"));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self->backup_now_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_now_button), TRUE);
  if (!canting_db_read_finish (result, &error))
    {
      show_error (self, error->message);
      return;
    }
  refresh_backups (self);
  toast_text (self, _("Backup saved"));
}

static void
on_backup_now (CantingPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!canting_preferences_window_flush (self, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_button_set_label (self->backup_now_button, _("Backing Up…"));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self->backup_now_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_now_button), FALSE);
  canting_db_read_async (canting_application_get_db (self->app), self, back_up_in_thread, g_new0 (char *, 1),
                         (GDestroyNotify) path_slot_free, backed_up, NULL);
}

static void
on_open_folder (CantingPreferencesWindow *self)
{
  g_autofree char *dir = canting_paths_backup_dir (canting_application_get_data_dir (self->app));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  if (!canting_paths_ensure_private_dir (dir, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* --- production stages -------------------------------------------------- */

/* Names each row of a technique's list by its place and name, so a screen
 * reader says "Stage 2 of Batik tulis: Nglowong" rather than "Stage". */
static void
label_stage_rows (AdwExpanderRow *expander)
{
  CantingTechnique technique = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "technique"));
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "rows");
  const char *label = canting_technique_label (technique);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *name = gtk_editable_get_text (GTK_EDITABLE (row));
      g_autofree char *title = g_strdup_printf (_("Stage %u"), i + 1);
      g_autofree char *full = g_strdup_printf (_("Stage %u of %s"), i + 1, label);
      g_autofree char *colour = g_strdup_printf (_("%s in %s is done once for each colour"), name, label);
      g_autofree char *remove = g_strdup_printf (_("Remove the stage %s from %s"), name, label);
      g_autofree char *earlier = g_strdup_printf (_("Move %s in %s earlier"), name, label);
      GtkWidget *per_colour = g_object_get_data (G_OBJECT (row), "per-colour");
      GtkWidget *remove_button = g_object_get_data (G_OBJECT (row), "remove");
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "up");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (per_colour), GTK_ACCESSIBLE_PROPERTY_LABEL, colour, -1);
      gtk_widget_set_tooltip_text (remove_button, remove);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_sensitive (remove_button, rows->len > 1);
      gtk_widget_set_tooltip_text (up, earlier);
      gtk_accessible_update_property (GTK_ACCESSIBLE (up), GTK_ACCESSIBLE_PROPERTY_LABEL, earlier, -1);
      gtk_widget_set_sensitive (up, i > 0);
    }
}

/* Reads one technique's expander back into templates and saves them; a
 * refused list (an empty name) is explained and left unsaved until it is
 * put right. */
static void
save_stages (CantingPreferencesWindow *self,
             AdwExpanderRow           *expander)
{
  CantingTechnique technique = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "technique"));
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "rows");
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_stage_template_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      CantingStageTemplate *t = g_new0 (CantingStageTemplate, 1);

      t->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
      t->per_colour = gtk_check_button_get_active (g_object_get_data (G_OBJECT (row), "per-colour"));
      g_ptr_array_add (templates, t);
    }
  g_object_set_data (G_OBJECT (expander), "dirty", NULL);
  if (!canting_stage_templates_set (canting_application_get_db (self->app), technique, templates, &error))
    {
      g_object_set_data (G_OBJECT (expander), "dirty", GINT_TO_POINTER (TRUE));
      show_error (self, error->message);
    }
  else
    show_error (self, NULL);
}

/* Saves every list with typing not yet written. */
static void
flush_stages (CantingPreferencesWindow *self)
{
  g_clear_handle_id (&self->stages_source, g_source_remove);
  for (guint i = 0; self->stage_expanders != NULL && i < self->stage_expanders->len; i++)
    {
      AdwExpanderRow *expander = g_ptr_array_index (self->stage_expanders, i);
      if (g_object_get_data (G_OBJECT (expander), "dirty") != NULL)
        save_stages (self, expander);
    }
}

static gboolean
stages_timeout (gpointer user_data)
{
  CantingPreferencesWindow *self = user_data;

  self->stages_source = 0;
  flush_stages (self);
  return G_SOURCE_REMOVE;
}

/* A name is saved after a typing pause, not at every key. */
static void
on_stage_name_changed (GtkEditable              *row,
                       CantingPreferencesWindow *self)
{
  AdwExpanderRow *expander = g_object_get_data (G_OBJECT (row), "expander");

  if (self->loading)
    return;
  label_stage_rows (expander);
  g_object_set_data (G_OBJECT (expander), "dirty", GINT_TO_POINTER (TRUE));
  g_clear_handle_id (&self->stages_source, g_source_remove);
  self->stages_source = g_timeout_add (SAVE_DELAY_MS, stages_timeout, self);
}

static void
on_stage_toggled (GtkCheckButton           *check,
                  CantingPreferencesWindow *self)
{
  if (self->loading)
    return;
  flush_stages (self);
  save_stages (self, g_object_get_data (G_OBJECT (check), "expander"));
}

static void
on_stage_removed (GtkButton                *button,
                  CantingPreferencesWindow *self)
{
  AdwExpanderRow *expander = g_object_get_data (G_OBJECT (button), "expander");
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "rows");
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  if (rows->len <= 1)
    return;
  flush_stages (self);
  g_ptr_array_remove (rows, row);
  adw_expander_row_remove (expander, row);
  label_stage_rows (expander);
  save_stages (self, expander);
}

/* Moves a stage one place up: the rows are put back in their new order
 * (AdwExpanderRow 1.2 only appends) and the list saved. */
static void
on_stage_up (GtkButton                *button,
             CantingPreferencesWindow *self)
{
  AdwExpanderRow *expander = g_object_get_data (G_OBJECT (button), "expander");
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "rows");
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint index;

  if (!g_ptr_array_find (rows, row, &index) || index == 0)
    return;
  flush_stages (self);
  rows->pdata[index] = rows->pdata[index - 1];
  rows->pdata[index - 1] = row;
  for (guint i = 0; i < rows->len; i++)
    {
      g_object_ref (rows->pdata[i]);
      adw_expander_row_remove (expander, rows->pdata[i]);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      adw_expander_row_add_row (expander, rows->pdata[i]);
      g_object_unref (rows->pdata[i]);
    }
  label_stage_rows (expander);
  save_stages (self, expander);
  /* Keep the focus on the stage moved, as on its button. */
  gtk_widget_grab_focus (index - 1 > 0 ? GTK_WIDGET (button) : row);
}

static GtkWidget *
stage_row_new (CantingPreferencesWindow   *self,
               AdwExpanderRow             *expander,
               const CantingStageTemplate *t)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *per_colour = gtk_check_button_new_with_label (_("each colour"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *up = gtk_button_new_from_icon_name ("go-up-symbolic");

  gtk_editable_set_text (GTK_EDITABLE (row), t->name);
  gtk_widget_set_valign (up, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (up, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), up);
  g_object_set_data (G_OBJECT (row), "up", up);
  g_object_set_data (G_OBJECT (up), "expander", expander);
  g_object_set_data (G_OBJECT (up), "row", row);
  g_signal_connect (up, "clicked", G_CALLBACK (on_stage_up), self);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (per_colour), t->per_colour);
  gtk_widget_set_valign (per_colour, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), per_colour);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "per-colour", per_colour);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  g_object_set_data (G_OBJECT (row), "expander", expander);
  g_object_set_data (G_OBJECT (per_colour), "expander", expander);
  g_object_set_data (G_OBJECT (remove), "expander", expander);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (row, "changed", G_CALLBACK (on_stage_name_changed), self);
  g_signal_connect (per_colour, "toggled", G_CALLBACK (on_stage_toggled), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_stage_removed), self);
  return row;
}

static void
on_stage_added (GtkButton                *button,
                CantingPreferencesWindow *self)
{
  AdwExpanderRow *expander = g_object_get_data (G_OBJECT (button), "expander");
  GPtrArray *rows = g_object_get_data (G_OBJECT (expander), "rows");
  CantingStageTemplate t = { (char *) _("New stage"), FALSE };
  GtkWidget *row;

  flush_stages (self);
  self->loading = TRUE;
  row = stage_row_new (self, expander, &t);
  self->loading = FALSE;
  g_ptr_array_add (rows, row);
  adw_expander_row_add_row (expander, row);
  label_stage_rows (expander);
  save_stages (self, expander);
  gtk_widget_grab_focus (row);
}

/* (Re)builds the lists from the database: at start and after a restore,
 * so an edit never writes the lists of before the restore back. */
static void
fill_stages (CantingPreferencesWindow *self)
{
  g_clear_handle_id (&self->stages_source, g_source_remove);
  for (guint i = 0; self->stage_expanders != NULL && i < self->stage_expanders->len; i++)
    adw_preferences_group_remove (self->stages_group, g_ptr_array_index (self->stage_expanders, i));
  g_clear_pointer (&self->stage_expanders, g_ptr_array_unref);
  self->stage_expanders = g_ptr_array_new ();

  self->loading = TRUE;
  for (guint technique = 0; technique < CANTING_TECHNIQUE_COUNT; technique++)
    {
      g_autoptr(GPtrArray) templates = canting_stage_templates (canting_application_get_db (self->app), technique, NULL);
      AdwExpanderRow *expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
      GPtrArray *rows = g_ptr_array_new ();
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_autofree char *add_label = g_strdup_printf (_("Add a stage to %s"), canting_technique_label (technique));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), canting_technique_label (technique));
      g_object_set_data (G_OBJECT (expander), "technique", GUINT_TO_POINTER (technique));
      g_object_set_data_full (G_OBJECT (expander), "rows", rows, (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; templates != NULL && i < templates->len; i++)
        {
          GtkWidget *row = stage_row_new (self, expander, g_ptr_array_index (templates, i));
          g_ptr_array_add (rows, row);
          adw_expander_row_add_row (expander, row);
        }
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_tooltip_text (add, add_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
      g_object_set_data (G_OBJECT (add), "expander", expander);
      g_signal_connect (add, "clicked", G_CALLBACK (on_stage_added), self);
      adw_expander_row_add_action (expander, add);
      adw_preferences_group_add (self->stages_group, GTK_WIDGET (expander));
      g_ptr_array_add (self->stage_expanders, expander);
      label_stage_rows (expander);
    }
  self->loading = FALSE;
}

static void
on_language_selected (CantingPreferencesWindow *self)
{
  g_settings_set_enum (canting_application_get_settings (self->app), "language",
                       (int) adw_combo_row_get_selected (self->language_row));
}

/* The choices of text_scale_row, in percent (the text-scale key). */
static const int text_scales[] = { 100, 125, 150, 200 };

static void
on_text_scale_selected (CantingPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->text_scale_row);

  if (i < G_N_ELEMENTS (text_scales))
    g_settings_set_int (canting_application_get_settings (self->app), "text-scale", text_scales[i]);
}

static void
show_text_scale (CantingPreferencesWindow *self)
{
  int scale = g_settings_get_int (canting_application_get_settings (self->app), "text-scale");
  guint chosen = 0;

  /* The nearest choice at or below a value set by other means. */
  for (guint i = 0; i < G_N_ELEMENTS (text_scales); i++)
    if (text_scales[i] <= scale)
      chosen = i;
  adw_combo_row_set_selected (self->text_scale_row, chosen);
}

/* The choices of order_sync_row, in minutes. */
static const int order_sync_minutes[] = { 0, 15, 60, 180 };

static void
on_order_sync_selected (CantingPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->order_sync_row);

  if (i < G_N_ELEMENTS (order_sync_minutes))
    g_settings_set_int (canting_application_get_settings (self->app), "order-sync-minutes",
                        order_sync_minutes[i]);
}

static void
show_order_sync (CantingPreferencesWindow *self)
{
  int minutes = g_settings_get_int (canting_application_get_settings (self->app), "order-sync-minutes");
  guint nearest = 0;

  /* A value set elsewhere shows as the nearest choice. */
  for (guint i = 0; i < G_N_ELEMENTS (order_sync_minutes); i++)
    if (ABS (order_sync_minutes[i] - minutes) < ABS (order_sync_minutes[nearest] - minutes))
      nearest = i;
  adw_combo_row_set_selected (self->order_sync_row, nearest);
}

static gboolean
canting_preferences_window_close_request (GtkWindow *window)
{
  CantingPreferencesWindow *self = CANTING_PREFERENCES_WINDOW (window);
  GtkWindow *parent = gtk_window_get_transient_for (window);
  g_autoptr(GError) error = NULL;

  /* Save what waits for its typing pause; tell the main window if a field
   * was left wrong, since that text was never saved. */
  if (!canting_preferences_window_flush (self, &error) || any_row_invalid (self))
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_strdup_printf (_("The workshop profile was not saved: %s"), error->message);
      else
        message = g_strdup_printf (_("Not saved: %s"), gtk_label_get_text (self->error_label));
      if (CANTING_IS_WINDOW (parent))
        canting_window_add_toast (CANTING_WINDOW (parent), adw_toast_new (message));
    }
  return GTK_WINDOW_CLASS (canting_preferences_window_parent_class)->close_request (window);
}

/* Runs once the window belongs to the application (GObject sets
 * "application" only after constructed()). */
static void
setup (CantingPreferencesWindow *self)
{
  g_autofree char *backup_dir = NULL;

  self->app = CANTING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  backup_dir = canting_paths_backup_dir (canting_application_get_data_dir (self->app));

  load_profile (self);
  update_logo (self);
  refresh_backups (self);
  fill_stages (self);
  adw_action_row_set_subtitle (self->folder_row, backup_dir);
  adw_combo_row_set_selected (self->language_row,
                              (guint) g_settings_get_enum (canting_application_get_settings (self->app),
                                                           "language"));
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (on_language_selected), self);
  show_text_scale (self);
  g_signal_connect_swapped (self->text_scale_row, "notify::selected", G_CALLBACK (on_text_scale_selected), self);
  show_order_sync (self);
  g_signal_connect_swapped (self->order_sync_row, "notify::selected", G_CALLBACK (on_order_sync_selected), self);

  if (!canting_profile_is_set_up (canting_application_get_profile (self->app)))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
canting_preferences_window_dispose (GObject *object)
{
  CantingPreferencesWindow *self = CANTING_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->stages_source, g_source_remove);
  g_clear_pointer (&self->stage_expanders, g_ptr_array_unref);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (canting_preferences_window_parent_class)->dispose (object);
}

static void
canting_preferences_window_class_init (CantingPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = canting_preferences_window_dispose;
  window_class->close_request = canting_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/canting/Canting/canting-preferences-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingPreferencesWindow, name)
  BIND (name_row);
  BIND (owner_row);
  BIND (address_row);
  BIND (city_row);
  BIND (phone_row);
  BIND (membership_row);
  BIND (error_group);
  BIND (error_label);
  BIND (logo_row);
  BIND (logo_image);
  BIND (remove_logo_button);
  BIND (choose_logo_button);
  BIND (language_row);
  BIND (text_scale_row);
  BIND (order_sync_row);
  BIND (stages_group);
  BIND (backup_now_button);
  BIND (backups_list);
  BIND (folder_row);
  BIND (open_folder_button);
#undef BIND
}

static void
canting_preferences_window_init (CantingPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->rows[CANTING_PROFILE_FIELD_NAME] = self->name_row;
  self->rows[CANTING_PROFILE_FIELD_OWNER] = self->owner_row;
  self->rows[CANTING_PROFILE_FIELD_ADDRESS] = self->address_row;
  self->rows[CANTING_PROFILE_FIELD_CITY] = self->city_row;
  self->rows[CANTING_PROFILE_FIELD_PHONE] = self->phone_row;
  self->rows[CANTING_PROFILE_FIELD_MEMBERSHIP] = self->membership_row;
  for (guint i = 0; i < N_TEXT_ROWS; i++)
    g_signal_connect (self->rows[i], "changed", G_CALLBACK (on_row_changed), self);

  g_signal_connect_swapped (self->choose_logo_button, "clicked", G_CALLBACK (on_choose_logo), self);
  g_signal_connect_swapped (self->remove_logo_button, "clicked", G_CALLBACK (on_remove_logo), self);
  g_signal_connect_swapped (self->backup_now_button, "clicked", G_CALLBACK (on_backup_now), self);
  g_signal_connect_swapped (self->open_folder_button, "clicked", G_CALLBACK (on_open_folder), self);
}

CantingPreferencesWindow *
canting_preferences_window_new (CantingApplication *application)
{
  CantingPreferencesWindow *self = g_object_new (CANTING_TYPE_PREFERENCES_WINDOW,
                                                 "application", application, NULL);

  setup (self);
  return self;
}
