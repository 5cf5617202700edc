/* canting-worker-dialog.c: the worker form, with a rate for each stage of
 * each technique, and paying wages.  The worker and all the rates are
 * saved in one transaction. */
#include "config.h"

#include "canting-worker-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-form.h"
#include "canting-production.h"

struct _CantingWorkerDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwEntryRow *name_row;
  AdwEntryRow *phone_row;
  GtkSwitch *active_switch;
  AdwPreferencesGroup *rates_group;
  AdwPreferencesGroup *wages_group;
  AdwActionRow *earned_row;
  AdwActionRow *paid_row;
  AdwActionRow *owed_row;
  AdwEntryRow *pay_row;
  GtkButton *pay_button;

  CantingApplication *app;
  CantingWorker *worker;
  GPtrArray *rate_rows;   /* AdwEntryRow, each with "technique" and "stage" data */
  GPtrArray *rates;       /* CantingRate: the worker's, as stored when the form opened */
};

G_DEFINE_FINAL_TYPE (CantingWorkerDialog, canting_worker_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static CantingDb *
db (CantingWorkerDialog *self)
{
  return canting_application_get_db (self->app);
}

static void
show_error (CantingWorkerDialog *self,
            const GError        *error,
            GtkWidget           *rate_row)
{
  GtkWidget *rows[] = {
    [CANTING_WORKER_FIELD_NAME] = GTK_WIDGET (self->name_row),
    [CANTING_WORKER_FIELD_PHONE] = GTK_WIDGET (self->phone_row),
    [CANTING_WORKER_FIELD_RATE] = rate_row,
    [CANTING_WORKER_FIELD_PAYMENT] = GTK_WIDGET (self->pay_row),
  };
  canting_form_show_error (rows, G_N_ELEMENTS (rows), CANTING_WORKER_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

static void
fill_wages (CantingWorkerDialog *self)
{
  g_autoptr(GPtrArray) summary = canting_wages_summary (db (self), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->wages_group), self->worker->id != 0);
  for (guint i = 0; summary != NULL && i < summary->len; i++)
    {
      const CantingWages *w = g_ptr_array_index (summary, i);
      g_autofree char *earned = NULL, *paid = NULL, *owed = NULL;

      if (w->worker_id != self->worker->id)
        continue;
      earned = canting_money_format (w->earned);
      paid = canting_money_format (w->paid);
      owed = canting_money_format (w->earned - w->paid);
      adw_action_row_set_subtitle (self->earned_row, earned);
      adw_action_row_set_subtitle (self->paid_row, paid);
      adw_action_row_set_subtitle (self->owed_row, owed);
    }
}

/* The technique's rate rows, one per stage of @templates, in @expander. */
static void
add_rate_rows (CantingWorkerDialog *self,
               AdwExpanderRow      *expander,
               CantingTechnique     t,
               GPtrArray           *templates)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      const CantingStageTemplate *tpl = g_ptr_array_index (templates, i);
      GtkWidget *row;

      /* A stage named twice (dyeing per colour) has one rate. */
      if (!g_hash_table_add (seen, tpl->name))
        continue;
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tpl->name);
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      for (guint r = 0; self->rates != NULL && r < self->rates->len; r++)
        {
          const CantingRate *rate = g_ptr_array_index (self->rates, r);
          if (rate->technique == t && g_str_equal (rate->stage, tpl->name))
            {
              g_autofree char *text = canting_money_format (rate->rate);
              gtk_editable_set_text (GTK_EDITABLE (row), text + strlen ("Rp "));
            }
        }
      g_object_set_data (G_OBJECT (row), "technique", GUINT_TO_POINTER (t));
      g_object_set_data_full (G_OBJECT (row), "stage", g_strdup (tpl->name), g_free);
      {
        g_autofree char *label = g_strdup_printf (_("Rate for %s, %s"), tpl->name, canting_technique_label (t));
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (self->rate_rows, row);
    }
}

/* A technique's rows are made when it is first opened: four techniques
 * of seven stages each were 28 rows to build and measure (a closed
 * expander measures its rows too), most of the time the form took to
 * open.  A technique never opened keeps its rates as they are. */
static void
on_rates_expanded (AdwExpanderRow      *expander,
                   GParamSpec          *pspec,
                   CantingWorkerDialog *self)
{
  if (!adw_expander_row_get_expanded (expander))
    return;
  g_signal_handlers_disconnect_by_func (expander, on_rates_expanded, self);
  add_rate_rows (self, expander, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "technique")),
                 g_object_get_data (G_OBJECT (expander), "templates"));
}

static void
build_rate_rows (CantingWorkerDialog *self)
{
  self->rates = self->worker->id != 0 ? canting_worker_rates (db (self), self->worker->id, NULL) : NULL;
  for (guint t = 0; t < CANTING_TECHNIQUE_COUNT; t++)
    {
      g_autoptr(GPtrArray) templates = canting_stage_templates (db (self), t, NULL);
      g_autoptr(GHashTable) stages = g_hash_table_new (g_str_hash, g_str_equal);
      GtkWidget *expander = adw_expander_row_new ();
      guint set = 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), canting_technique_label (t));
      for (guint i = 0; templates != NULL && i < templates->len; i++)
        g_hash_table_add (stages, ((CantingStageTemplate *) g_ptr_array_index (templates, i))->name);
      for (guint r = 0; self->rates != NULL && r < self->rates->len; r++)
        {
          const CantingRate *rate = g_ptr_array_index (self->rates, r);
          if (rate->technique == t && g_hash_table_contains (stages, rate->stage))
            set++;
        }
      if (set > 0)
        {
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rate set", "%u rates set", set), set);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
        }
      g_object_set_data (G_OBJECT (expander), "technique", GUINT_TO_POINTER (t));
      g_object_set_data_full (G_OBJECT (expander), "templates", g_steal_pointer (&templates),
                              (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_rates_expanded), self);
      adw_preferences_group_add (self->rates_group, expander);
    }
}

/* The techniques and the wages come after the form's first frame
 * (canting_form_step_after_frames()): with them, opening the form held
 * the main loop for 15 ms and more before the first frame; without, for
 * some 11.  The wages are held back with the techniques, not to be shown
 * under the rates' title and then pushed down by the techniques.  Saved
 * before then, the rates stay as they are, as those of a technique never
 * opened do. */
static gboolean
build_later (gpointer data)
{
  CantingWorkerDialog *self = data;

  build_rate_rows (self);
  fill_wages (self);
  return G_SOURCE_REMOVE;
}

static void
on_save (CantingWorkerDialog *self)
{
  g_autoptr(CantingWorker) edited = canting_worker_copy (self->worker);
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_rate_free);
  g_autoptr(GError) error = NULL;

  g_free (edited->name);
  edited->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (edited->phone);
  edited->phone = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  edited->active = gtk_switch_get_active (self->active_switch);

  for (guint i = 0; i < self->rate_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rate_rows, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      CantingRate *rate;
      g_autoptr(GError) local = NULL;

      rate = g_new0 (CantingRate, 1);
      rate->technique = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "technique"));
      rate->stage = g_strdup (g_object_get_data (G_OBJECT (row), "stage"));
      g_ptr_array_add (rates, rate);
      /* An emptied field takes the rate away. */
      if (*text == '\0')
        {
          rate->rate = CANTING_RATE_NONE;
          continue;
        }
      if (!canting_money_parse (text, &rate->rate, &local))
        {
          g_set_error (&error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_RATE, "%s: %s", rate->stage, local->message);
          show_error (self, error, row);
          return;
        }
    }

  if (!canting_worker_save_with_rates (db (self), edited, rates, &error))
    {
      show_error (self, error, NULL);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, edited->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_pay (CantingWorkerDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  CantingMoney amount = 0;

  if (!canting_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->pay_row)), &amount, &error))
    {
      g_autoptr(GError) field = g_error_new_literal (CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_PAYMENT, error->message);
      show_error (self, field, NULL);
      return;
    }
  if (!canting_wages_pay (db (self), self->worker->id, amount, today, &error))
    {
      show_error (self, error, NULL);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->pay_row), "");
  show_error (self, NULL, NULL);
  fill_wages (self);
  g_signal_emit (self, signals[SAVED], 0, self->worker->id);
}

static void
canting_worker_dialog_dispose (GObject *object)
{
  CantingWorkerDialog *self = CANTING_WORKER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_WORKER_DIALOG);
  g_clear_pointer (&self->worker, canting_worker_free);
  g_clear_pointer (&self->rate_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rates, g_ptr_array_unref);
  G_OBJECT_CLASS (canting_worker_dialog_parent_class)->dispose (object);
}

static void
canting_worker_dialog_class_init (CantingWorkerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_worker_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-worker-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingWorkerDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_group);
  BIND (error_label);
  BIND (name_row);
  BIND (phone_row);
  BIND (active_switch);
  BIND (rates_group);
  BIND (wages_group);
  BIND (earned_row);
  BIND (paid_row);
  BIND (owed_row);
  BIND (pay_row);
  BIND (pay_button);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_worker_dialog_init (CantingWorkerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->rate_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->pay_button, "clicked", G_CALLBACK (on_pay), self);
}

CantingWorkerDialog *
canting_worker_dialog_new (CantingApplication *app,
                           GtkWindow          *parent,
                           gint64              worker_id)
{
  CantingWorkerDialog *self = g_object_new (CANTING_TYPE_WORKER_DIALOG,
                                            "application", app, "transient-for", parent, NULL);
  g_autoptr(GPtrArray) workers = NULL;

  self->app = app;
  if (worker_id != 0)
    {
      workers = canting_worker_list (db (self), TRUE, NULL);
      for (guint i = 0; workers != NULL && i < workers->len; i++)
        if (((CantingWorker *) g_ptr_array_index (workers, i))->id == worker_id)
          self->worker = canting_worker_copy (g_ptr_array_index (workers, i));
    }
  if (self->worker == NULL)
    self->worker = canting_worker_new ();

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->worker->name);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), self->worker->phone);
  gtk_switch_set_active (self->active_switch, self->worker->active);
  adw_window_title_set_title (self->window_title, self->worker->id == 0 ? _("New Worker") : self->worker->name);
  canting_form_step_after_frames (GTK_WINDOW (self), build_later, self, NULL);
  return self;
}
