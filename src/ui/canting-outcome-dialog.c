/* canting-outcome-dialog.c: the outcome report from the app: two periods,
 * the figures side by side as they are typed, and the file for the
 * association (JSON) or a page to print (PDF).
 *
 * It starts at this year so far against the same days of last year, the
 * comparison programmes are judged by. */
#include "config.h"

#include "canting-outcome-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-form.h"
#include "canting-outcome.h"
#include "canting-outcome-pdf.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_OUTCOME_FIELD_BASELINE_TO + 1)

struct _CantingOutcomeDialog
{
  AdwWindow parent_instance;

  GtkButton *pdf_button;
  GtkButton *json_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  AdwEntryRow *baseline_from_row;
  AdwEntryRow *baseline_to_row;
  AdwPreferencesGroup *figures_group;

  CantingApplication *app;
  CantingOutcome *outcome;   /* of the periods typed, or NULL while they are wrong or worked out */
  guint generation;          /* of the last working out asked for */
  GtkWidget *figure_rows[CANTING_OUTCOME_FIGURE_COUNT];
};

G_DEFINE_FINAL_TYPE (CantingOutcomeDialog, canting_outcome_dialog, ADW_TYPE_WINDOW)

static void
show_error (CantingOutcomeDialog *self,
            const GError         *error)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_OUTCOME_FIELD_FROM] = GTK_WIDGET (self->from_row);
  rows[CANTING_OUTCOME_FIELD_TO] = GTK_WIDGET (self->to_row);
  rows[CANTING_OUTCOME_FIELD_BASELINE_FROM] = GTK_WIDGET (self->baseline_from_row);
  rows[CANTING_OUTCOME_FIELD_BASELINE_TO] = GTK_WIDGET (self->baseline_to_row);
  canting_form_show_error (rows, N_FIELDS, CANTING_OUTCOME_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

/* The ISO date typed in @row, or NULL with @error naming it. */
static char *
read_date (AdwEntryRow          *row,
           CantingOutcomeField   field,
           GError              **error)
{
  g_autoptr(GError) local = NULL;
  char *iso = canting_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &local);

  if (iso == NULL)
    g_set_error (error, CANTING_OUTCOME_ERROR, field, "%s: %s",
                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), local->message);
  return iso;
}

static void
show_figures (CantingOutcomeDialog *self)
{
  const CantingOutcome *o = self->outcome;

  for (guint i = 0; i < CANTING_OUTCOME_FIGURE_COUNT; i++)
    {
      double before, now;
      gboolean has_before = o != NULL && canting_outcome_period_figure (&o->baseline, i, &before);
      gboolean has_now = o != NULL && canting_outcome_period_figure (&o->period, i, &now);
      g_autofree char *before_text = canting_outcome_figure_format (i, has_before ? &before : NULL);
      g_autofree char *now_text = canting_outcome_figure_format (i, has_now ? &now : NULL);
      g_autofree char *subtitle = NULL;

      if (o == NULL)
        subtitle = g_strdup ("—");
      else if (i == CANTING_OUTCOME_INCOME)
        {
          double growth;
          gboolean has_growth = canting_outcome_growth (o->baseline.income, o->period.income, &growth);
          g_autofree char *growth_text = canting_outcome_format_percent (has_growth ? &growth : NULL);
          /* Translators: "Rp 10.000.000 then, Rp 12.000.000 now (growth 20,0 %)" */
          subtitle = g_strdup_printf (_("%s then, %s now (growth %s)"), before_text, now_text, growth_text);
        }
      else
        /* Translators: "4 then, 6 now" */
        subtitle = g_strdup_printf (_("%s then, %s now"), before_text, now_text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->figure_rows[i]), subtitle);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), o != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->json_button), o != NULL);
}

/* The figures for the dates typed, worked out on a worker
 * (canting_db_read_async()): a year of a busy workshop's orders, ledger
 * and IPAL log against another, half a second and more, was worked out
 * on the main loop at every keystroke in a date. */
typedef struct {
  guint generation;
  char *from;
  char *to;
  char *baseline_from;
  char *baseline_to;
  CantingOutcome *outcome;
} Working;

static void
working_free (Working *w)
{
  g_free (w->from);
  g_free (w->to);
  g_free (w->baseline_from);
  g_free (w->baseline_to);
  g_clear_pointer (&w->outcome, canting_outcome_free);
  g_free (w);
}

/* On the worker. */
static gboolean
work_out (CantingDb  *reader,
          gpointer    data,
          GError    **error)
{
  Working *w = data;

  w->outcome = canting_outcome_compute (reader, w->from, w->to, w->baseline_from, w->baseline_to, error);
  return w->outcome != NULL;
}

static void
worked_out (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CantingOutcomeDialog *self = CANTING_OUTCOME_DIALOG (source);
  Working *w = canting_db_read_get_data (result);
  g_autoptr(GError) error = NULL;

  /* Other dates were typed since (or the dialog closed). */
  if (w->generation != self->generation)
    return;
  if (canting_db_read_finish (result, &error))
    self->outcome = g_steal_pointer (&w->outcome);
  show_error (self, error);
  show_figures (self);
}

/* Works the figures out again for the dates typed. */
static void
update (CantingOutcomeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = read_date (self->from_row, CANTING_OUTCOME_FIELD_FROM, &error);
  g_autofree char *to = from != NULL ? read_date (self->to_row, CANTING_OUTCOME_FIELD_TO, &error) : NULL;
  g_autofree char *baseline_from = to != NULL ? read_date (self->baseline_from_row, CANTING_OUTCOME_FIELD_BASELINE_FROM,
                                                           &error) : NULL;
  g_autofree char *baseline_to = baseline_from != NULL ? read_date (self->baseline_to_row,
                                                                    CANTING_OUTCOME_FIELD_BASELINE_TO, &error) : NULL;
  Working *w;

  /* The dates are first set before the dialog knows its workshop. */
  if (self->app == NULL)
    return;

  self->generation++;
  g_clear_pointer (&self->outcome, canting_outcome_free);
  if (baseline_to == NULL)
    {
      show_error (self, error);
      show_figures (self);
      return;
    }
  /* The figures shown stay until the new ones are in; they cannot be
   * saved meanwhile. */
  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->json_button), FALSE);
  w = g_new0 (Working, 1);
  w->generation = self->generation;
  w->from = g_steal_pointer (&from);
  w->to = g_steal_pointer (&to);
  w->baseline_from = g_steal_pointer (&baseline_from);
  w->baseline_to = g_steal_pointer (&baseline_to);
  canting_db_read_async (canting_application_get_db (self->app), self, work_out, w, (GDestroyNotify) working_free,
                         worked_out, NULL);
}

typedef struct {
  CantingOutcomeDialog *dialog;  /* weak */
  gboolean              pdf;
} SaveJob;

static void
on_file (GtkNativeDialog *chooser,
         int              response,
         SaveJob         *job)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                           : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  CantingOutcomeDialog *self = job->dialog;
  g_autoptr(GError) error = NULL;

  g_object_unref (chooser);
  g_clear_weak_pointer (&job->dialog);
  if (path != NULL && self != NULL && self->outcome != NULL)
    {
      gboolean ok = job->pdf ? canting_outcome_save_pdf (self->outcome, path, &error)
                             : canting_outcome_save_json (self->outcome, path, &error);
      if (!ok)
        show_error (self, error);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved as “%s”."), name);
          gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
          gtk_label_set_text (self->error_label, text);
          gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "form-error");
        }
    }
  g_free (job);
}

static void
save (CantingOutcomeDialog *self,
      gboolean              pdf)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->outcome == NULL)
    return;
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "form-error");
  g_set_weak_pointer (&job->dialog, self);
  job->pdf = pdf;
  /* hasil-usaha-2026-01-01-2026-12-06.json */
  name = g_strdup_printf ("%s-%s-%s.%s", _("outcome"), self->outcome->period.from, self->outcome->period.to,
                          pdf ? "pdf" : "json");
  chooser = gtk_file_chooser_native_new (pdf ? _("Save the Outcome Report") : _("Save the File for the Association"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_pdf (CantingOutcomeDialog *self)
{
  save (self, TRUE);
}

static void
on_json (CantingOutcomeDialog *self)
{
  save (self, FALSE);
}

static void
canting_outcome_dialog_dispose (GObject *object)
{
  CantingOutcomeDialog *self = CANTING_OUTCOME_DIALOG (object);

  /* Figures still on their way find the dialog gone. */
  self->generation++;
  g_clear_pointer (&self->outcome, canting_outcome_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_OUTCOME_DIALOG);
  G_OBJECT_CLASS (canting_outcome_dialog_parent_class)->dispose (object);
}

static void
canting_outcome_dialog_class_init (CantingOutcomeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_outcome_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-outcome-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingOutcomeDialog, name)
  BIND (pdf_button);
  BIND (json_button);
  BIND (error_group);
  BIND (error_label);
  BIND (from_row);
  BIND (to_row);
  BIND (baseline_from_row);
  BIND (baseline_to_row);
  BIND (figures_group);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_outcome_dialog_init (CantingOutcomeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  for (guint i = 0; i < CANTING_OUTCOME_FIGURE_COUNT; i++)
    {
      self->figure_rows[i] = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->figure_rows[i]), canting_outcome_figure_label (i));
      adw_preferences_group_add (self->figures_group, self->figure_rows[i]);
    }
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->baseline_from_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->baseline_to_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->pdf_button, "clicked", G_CALLBACK (on_pdf), self);
  g_signal_connect_swapped (self->json_button, "clicked", G_CALLBACK (on_json), self);
}

static void
set_date (AdwEntryRow *row,
          GDateTime   *date)
{
  g_autofree char *text = g_date_time_format (date, "%d/%m/%Y");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

CantingOutcomeDialog *
canting_outcome_dialog_new (CantingApplication *app,
                            GtkWindow          *parent)
{
  CantingOutcomeDialog *self = g_object_new (CANTING_TYPE_OUTCOME_DIALOG,
                                             "application", app,
                                             "transient-for", parent,
                                             NULL);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_start = g_date_time_new_local (g_date_time_get_year (today), 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) last_start = g_date_time_add_years (year_start, -1);
  g_autoptr(GDateTime) last_today = g_date_time_add_years (today, -1);

  /* Set before the app is known: the figures are worked out once, after. */
  set_date (self->from_row, year_start);
  set_date (self->to_row, today);
  set_date (self->baseline_from_row, last_start);
  set_date (self->baseline_to_row, last_today);
  self->app = app;
  for (guint i = 0; i < CANTING_OUTCOME_FIGURE_COUNT; i++)
    /* Translators: shown in the outcome report until the figures are worked out. */
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->figure_rows[i]), _("Working out…"));
  update (self);
  return self;
}
