/* canting-ipal-log-dialog.c: the daily IPAL entry.
 *
 * As the figures are typed, the line at the top says whether the
 * effluent keeps within the standard that applies (and by how much it
 * does not) and questions odd readings; saving is refused only for
 * impossible values, which are marked and explained. */
#include "config.h"

#include "canting-ipal-log-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-ipal-form.h"
#include "canting-form.h"
#include "canting-ipal.h"
#include "canting-ipal-standard.h"
#include "canting-stored-file.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_IPAL_FIELD_FLOW + 1)

struct _CantingIpalLogDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *check_group;
  GtkLabel *check_label;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwComboRow *plant_row;
  AdwEntryRow *time_row;
  AdwEntryRow *operator_row;
  AdwEntryRow *inflow_row;
  AdwEntryRow *outflow_row;
  AdwEntryRow *ph_in_row;
  AdwEntryRow *ph_out_row;
  AdwEntryRow *temperature_row;
  AdwEntryRow *colour_row;
  AdwEntryRow *clarity_row;
  AdwEntryRow *odour_row;
  AdwEntryRow *pac_row;
  AdwEntryRow *lime_row;
  AdwEntryRow *polymer_row;
  AdwEntryRow *pumps_row;
  GtkSwitch *rain_switch;
  AdwActionRow *photo_row;
  GtkButton *view_photo_button;
  GtkButton *attach_photo_button;
  AdwEntryRow *incident_row;
  AdwEntryRow *action_row;
  AdwEntryRow *notes_row;

  CantingApplication *app;
  CantingIpalLog *log;
  GPtrArray *plants;   /* (element-type CantingIpalPlant) */
};

G_DEFINE_FINAL_TYPE (CantingIpalLogDialog, canting_ipal_log_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (CantingIpalLogDialog *self,
            const GError         *error)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_IPAL_FIELD_PLANT] = GTK_WIDGET (self->plant_row);
  rows[CANTING_IPAL_FIELD_TIME] = GTK_WIDGET (self->time_row);
  rows[CANTING_IPAL_FIELD_INFLOW] = GTK_WIDGET (self->inflow_row);
  rows[CANTING_IPAL_FIELD_OUTFLOW] = GTK_WIDGET (self->outflow_row);
  rows[CANTING_IPAL_FIELD_PH_IN] = GTK_WIDGET (self->ph_in_row);
  rows[CANTING_IPAL_FIELD_PH_OUT] = GTK_WIDGET (self->ph_out_row);
  rows[CANTING_IPAL_FIELD_TEMPERATURE] = GTK_WIDGET (self->temperature_row);
  rows[CANTING_IPAL_FIELD_CHEMICALS] = GTK_WIDGET (self->pac_row);
  canting_form_show_error (rows, N_FIELDS, CANTING_IPAL_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

static void
replace_text (char       **field,
              AdwEntryRow *row)
{
  g_free (*field);
  *field = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* The form as an entry; FALSE with @error at the first figure that is
 * not a number (the core checks the rest). */
static gboolean
read_form (CantingIpalLogDialog  *self,
           CantingIpalLog        *l,
           GError               **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *at = NULL;
  const struct {
    AdwEntryRow     *row;
    CantingIpalField field;
    CantingQuantity *value;
  } figures[] = {
    /* What the standard judges first, so a typing slip further down
     * does not hide the verdict. */
    { self->ph_out_row, CANTING_IPAL_FIELD_PH_OUT, &l->ph_out },
    { self->temperature_row, CANTING_IPAL_FIELD_TEMPERATURE, &l->temperature },
    { self->ph_in_row, CANTING_IPAL_FIELD_PH_IN, &l->ph_in },
    { self->inflow_row, CANTING_IPAL_FIELD_INFLOW, &l->inflow },
    { self->outflow_row, CANTING_IPAL_FIELD_OUTFLOW, &l->outflow },
    { self->pac_row, CANTING_IPAL_FIELD_CHEMICALS, &l->pac },
    { self->lime_row, CANTING_IPAL_FIELD_CHEMICALS, &l->lime },
    { self->polymer_row, CANTING_IPAL_FIELD_CHEMICALS, &l->polymer },
  };

  l->plant_id = canting_plant_row_selected (self->plant_row, self->plants);
  for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
    if (!canting_form_read_quantity (figures[i].row, CANTING_IPAL_NO_VALUE, CANTING_IPAL_ERROR, figures[i].field,
                                     figures[i].value, error))
      return FALSE;
  at = canting_date_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &local);
  if (at == NULL)
    {
      g_set_error_literal (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TIME, local->message);
      return FALSE;
    }
  g_free (l->at);
  l->at = g_steal_pointer (&at);
  replace_text (&l->operator_name, self->operator_row);
  replace_text (&l->colour, self->colour_row);
  replace_text (&l->clarity, self->clarity_row);
  replace_text (&l->odour, self->odour_row);
  replace_text (&l->pumps, self->pumps_row);
  replace_text (&l->incident, self->incident_row);
  replace_text (&l->action, self->action_row);
  replace_text (&l->notes, self->notes_row);
  l->rain = gtk_switch_get_active (self->rain_switch);
  return TRUE;
}

/* The verdict, as the figures are typed. */
static void
update_check (CantingIpalLogDialog *self)
{
  g_autoptr(CantingIpalLog) l = canting_ipal_log_copy (self->log);
  g_autoptr(GPtrArray) over = NULL;
  g_autoptr(GPtrArray) odd = NULL;

  /* What reads so far: a slip in another field does not hide it. */
  read_form (self, l, NULL);
  if (l->plant_id == 0 ||
      (l->ph_out == CANTING_IPAL_NO_VALUE && l->temperature == CANTING_IPAL_NO_VALUE && l->ph_in == CANTING_IPAL_NO_VALUE))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->check_group), FALSE);
      return;
    }
  over = canting_ipal_log_exceedances (canting_application_get_db (self->app), l, NULL);
  odd = canting_ipal_log_plausibility (l);
  canting_ipal_show_verdict (GTK_WIDGET (self->check_group), self->check_label, over, odd);
}

static void
show_photo (CantingIpalLogDialog *self)
{
  adw_action_row_set_subtitle (self->photo_row, self->log->photo != NULL ? _("Attached; saved with the entry")
                                                                         : _("Not attached yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->view_photo_button), self->log->photo != NULL);
}

static void
on_photo_stored (const char   *name,
                 const GError *error,
                 gpointer      user_data)
{
  CantingIpalLogDialog *self = user_data;

  if (name == NULL)
    {
      show_error (self, error);
      return;
    }
  g_free (self->log->photo);
  self->log->photo = g_strdup (name);
  show_photo (self);
}

static void
on_attach_photo (CantingIpalLogDialog *self)
{
  canting_stored_file_choose (GTK_WINDOW (self), self->app, _("Attach a Photo"), on_photo_stored, self);
}

static void
on_view_photo (CantingIpalLogDialog *self)
{
  canting_stored_file_open (GTK_WINDOW (self), self->app, self->log->photo);
}

static void
on_save (CantingIpalLogDialog *self)
{
  g_autoptr(CantingIpalLog) edited = canting_ipal_log_copy (self->log);
  g_autoptr(GError) error = NULL;

  if (!read_form (self, edited, &error) ||
      !canting_ipal_log_save (canting_application_get_db (self->app), edited, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, edited->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
load (CantingIpalLogDialog *self)
{
  CantingIpalLog *l = self->log;
  g_autofree char *at = canting_date_time_format (l->at);

  self->plants = canting_plant_row_fill (self->plant_row, self->app, l->plant_id);

  gtk_editable_set_text (GTK_EDITABLE (self->time_row), at);
  gtk_editable_set_text (GTK_EDITABLE (self->operator_row), l->operator_name);
  canting_form_show_quantity (self->inflow_row, l->inflow, CANTING_IPAL_NO_VALUE);
  canting_form_show_quantity (self->outflow_row, l->outflow, CANTING_IPAL_NO_VALUE);
  canting_form_show_quantity (self->ph_in_row, l->ph_in, CANTING_IPAL_NO_VALUE);
  canting_form_show_quantity (self->ph_out_row, l->ph_out, CANTING_IPAL_NO_VALUE);
  canting_form_show_quantity (self->temperature_row, l->temperature, CANTING_IPAL_NO_VALUE);
  canting_form_show_quantity (self->pac_row, l->pac, CANTING_IPAL_NO_VALUE);
  canting_form_show_quantity (self->lime_row, l->lime, CANTING_IPAL_NO_VALUE);
  canting_form_show_quantity (self->polymer_row, l->polymer, CANTING_IPAL_NO_VALUE);
  gtk_editable_set_text (GTK_EDITABLE (self->colour_row), l->colour);
  gtk_editable_set_text (GTK_EDITABLE (self->clarity_row), l->clarity);
  gtk_editable_set_text (GTK_EDITABLE (self->odour_row), l->odour);
  gtk_editable_set_text (GTK_EDITABLE (self->pumps_row), l->pumps);
  gtk_editable_set_text (GTK_EDITABLE (self->incident_row), l->incident);
  gtk_editable_set_text (GTK_EDITABLE (self->action_row), l->action);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), l->notes);
  gtk_switch_set_active (self->rain_switch, l->rain);
  adw_window_title_set_title (self->window_title, l->id == 0 ? _("New IPAL Entry") : _("IPAL Entry"));
  show_photo (self);
  update_check (self);
}

static void
canting_ipal_log_dialog_dispose (GObject *object)
{
  CantingIpalLogDialog *self = CANTING_IPAL_LOG_DIALOG (object);

  g_clear_pointer (&self->log, canting_ipal_log_free);
  g_clear_pointer (&self->plants, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_IPAL_LOG_DIALOG);
  G_OBJECT_CLASS (canting_ipal_log_dialog_parent_class)->dispose (object);
}

static void
canting_ipal_log_dialog_class_init (CantingIpalLogDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_ipal_log_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-ipal-log-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingIpalLogDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (check_group);
  BIND (check_label);
  BIND (error_group);
  BIND (error_label);
  BIND (plant_row);
  BIND (time_row);
  BIND (operator_row);
  BIND (inflow_row);
  BIND (outflow_row);
  BIND (ph_in_row);
  BIND (ph_out_row);
  BIND (temperature_row);
  BIND (colour_row);
  BIND (clarity_row);
  BIND (odour_row);
  BIND (pac_row);
  BIND (lime_row);
  BIND (polymer_row);
  BIND (pumps_row);
  BIND (rain_switch);
  BIND (photo_row);
  BIND (view_photo_button);
  BIND (attach_photo_button);
  BIND (incident_row);
  BIND (action_row);
  BIND (notes_row);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_ipal_log_dialog_init (CantingIpalLogDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->attach_photo_button, "clicked", G_CALLBACK (on_attach_photo), self);
  g_signal_connect_swapped (self->view_photo_button, "clicked", G_CALLBACK (on_view_photo), self);
}

CantingIpalLogDialog *
canting_ipal_log_dialog_new (CantingApplication *app,
                             GtkWindow          *parent,
                             gint64              log_id)
{
  CantingIpalLogDialog *self = g_object_new (CANTING_TYPE_IPAL_LOG_DIALOG,
                                             "application", app,
                                             "transient-for", parent,
                                             NULL);
  AdwEntryRow *checked[] = { self->ph_in_row, self->ph_out_row, self->temperature_row, self->inflow_row,
                             self->outflow_row, self->time_row };

  self->app = app;
  if (log_id != 0)
    self->log = canting_ipal_log_load (canting_application_get_db (app), log_id, NULL);
  if (self->log == NULL)
    self->log = canting_ipal_log_new ();
  load (self);
  /* Connected once the form is filled: the verdict follows the typing. */
  for (gsize i = 0; i < G_N_ELEMENTS (checked); i++)
    g_signal_connect_swapped (checked[i], "changed", G_CALLBACK (update_check), self);
  g_signal_connect_swapped (self->plant_row, "notify::selected", G_CALLBACK (update_check), self);
  /* The dosing, photo and notes groups are below the first screen. */
  canting_form_show_rest_later (GTK_WINDOW (self), gtk_widget_get_ancestor (GTK_WIDGET (self->pac_row),
                                                                            ADW_TYPE_PREFERENCES_GROUP));
  return self;
}
