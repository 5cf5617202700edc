/* canting-lab-test-dialog.c: a lab test: where and when it was sampled,
 * the laboratory and its report, and one row per measured parameter
 * with its unit.  The verdict against the standard follows the typing,
 * as in the daily entry. */
#include "config.h"

#include "canting-lab-test-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-ipal-form.h"
#include "canting-form.h"
#include "canting-ipal.h"
#include "canting-ipal-standard.h"
#include "canting-stored-file.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_IPAL_FIELD_FLOW + 1)

struct _CantingLabTestDialog
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
  AdwEntryRow *point_row;
  AdwEntryRow *sampled_by_row;
  AdwEntryRow *flow_row;
  AdwEntryRow *lab_row;
  GtkSwitch *accredited_switch;
  AdwEntryRow *report_row;
  AdwActionRow *report_file_row;
  GtkButton *open_report_button;
  GtkButton *attach_button;
  AdwPreferencesGroup *results_group;
  AdwEntryRow *action_row;
  AdwEntryRow *notes_row;
  AdwEntryRow *result_rows[CANTING_IPAL_PARAMETER_COUNT];

  CantingApplication *app;
  CantingLabTest *test;
  GPtrArray *plants;   /* (element-type CantingIpalPlant) */
};

G_DEFINE_FINAL_TYPE (CantingLabTestDialog, canting_lab_test_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
replace_text (char       **field,
              AdwEntryRow *row)
{
  g_free (*field);
  *field = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* The form as a test; FALSE with @error at the first figure that is not
 * a number, its row marked. */
static gboolean
read_form (CantingLabTestDialog  *self,
           CantingLabTest        *t,
           GtkWidget            **out_row,
           GError               **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *at = NULL;

  t->plant_id = canting_plant_row_selected (self->plant_row, self->plants);
  /* Results first: a slip in the time does not hide the verdict. */
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    if (!canting_form_read_quantity (self->result_rows[i], CANTING_IPAL_NO_VALUE, CANTING_IPAL_ERROR,
                                     CANTING_IPAL_FIELD_RESULT, &t->results[i], error))
      {
        *out_row = GTK_WIDGET (self->result_rows[i]);
        return FALSE;
      }
  at = canting_date_time_parse (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &local);
  if (at == NULL)
    {
      g_set_error_literal (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TIME, local->message);
      *out_row = GTK_WIDGET (self->time_row);
      return FALSE;
    }
  g_free (t->sampled_at);
  t->sampled_at = g_steal_pointer (&at);
  if (!canting_form_read_quantity (self->flow_row, CANTING_IPAL_NO_VALUE, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_FLOW,
                                   &t->flow, error))
    {
      *out_row = GTK_WIDGET (self->flow_row);
      return FALSE;
    }
  replace_text (&t->sampling_point, self->point_row);
  replace_text (&t->sampled_by, self->sampled_by_row);
  replace_text (&t->laboratory, self->lab_row);
  replace_text (&t->report_number, self->report_row);
  replace_text (&t->action, self->action_row);
  replace_text (&t->notes, self->notes_row);
  t->accredited = gtk_switch_get_active (self->accredited_switch);
  return TRUE;
}

static CantingLabTest *
copy_test (const CantingLabTest *test)
{
  CantingLabTest *t = canting_lab_test_new ();

  t->id = test->id;
  t->plant_id = test->plant_id;
  t->attachment = g_strdup (test->attachment);
  return t;
}

static void
show_error (CantingLabTestDialog *self,
            const GError         *error,
            GtkWidget            *row)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_IPAL_FIELD_PLANT] = GTK_WIDGET (self->plant_row);
  rows[CANTING_IPAL_FIELD_TIME] = GTK_WIDGET (self->time_row);
  rows[CANTING_IPAL_FIELD_FLOW] = GTK_WIDGET (self->flow_row);
  rows[CANTING_IPAL_FIELD_RESULT] = row;
  canting_form_show_error (rows, N_FIELDS, CANTING_IPAL_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

static void
show_report_file (CantingLabTestDialog *self)
{
  adw_action_row_set_subtitle (self->report_file_row, self->test->attachment != NULL
                               ? _("Attached; saved with the test") : _("Not attached yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->open_report_button), self->test->attachment != NULL);
}

static void
on_report_stored (const char   *name,
                  const GError *error,
                  gpointer      user_data)
{
  CantingLabTestDialog *self = user_data;

  if (name == NULL)
    {
      show_error (self, error, GTK_WIDGET (self->report_file_row));
      return;
    }
  g_free (self->test->attachment);
  self->test->attachment = g_strdup (name);
  show_report_file (self);
}

static void
on_attach (CantingLabTestDialog *self)
{
  canting_stored_file_choose (GTK_WINDOW (self), self->app, _("Attach the Lab Report"), on_report_stored, self);
}

static void
on_open_report (CantingLabTestDialog *self)
{
  canting_stored_file_open (GTK_WINDOW (self), self->app, self->test->attachment);
}

static void
update_check (CantingLabTestDialog *self)
{
  g_autoptr(CantingLabTest) t = copy_test (self->test);
  g_autoptr(GPtrArray) over = NULL;
  g_autoptr(GPtrArray) odd = NULL;
  GtkWidget *row = NULL;
  gboolean any = FALSE;

  read_form (self, t, &row, NULL);
  if (t->plant_id == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->check_group), FALSE);
      return;
    }
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    any |= t->results[i] != CANTING_IPAL_NO_VALUE;
  if (!any)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->check_group), FALSE);
      return;
    }
  over = canting_lab_test_exceedances (canting_application_get_db (self->app), t, NULL);
  odd = canting_lab_test_plausibility (t);
  canting_ipal_show_verdict (GTK_WIDGET (self->check_group), self->check_label, over, odd);
}


static void
on_save (CantingLabTestDialog *self)
{
  g_autoptr(CantingLabTest) edited = copy_test (self->test);
  g_autoptr(GError) error = NULL;
  GtkWidget *row = NULL;

  if (!read_form (self, edited, &row, &error) ||
      !canting_lab_test_save (canting_application_get_db (self->app), edited, &error))
    {
      /* The core names the parameter; mark the first result row it may be. */
      if (row == NULL && error->code == CANTING_IPAL_FIELD_RESULT)
        for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT && row == NULL; i++)
          if (g_str_has_prefix (error->message, canting_ipal_parameter_label (i)))
            row = GTK_WIDGET (self->result_rows[i]);
      show_error (self, error, row != NULL ? row : GTK_WIDGET (self->result_rows[0]));
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, edited->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
load (CantingLabTestDialog *self)
{
  CantingLabTest *t = self->test;
  g_autofree char *at = canting_date_time_format (t->sampled_at);

  self->plants = canting_plant_row_fill (self->plant_row, self->app, t->plant_id);

  gtk_editable_set_text (GTK_EDITABLE (self->time_row), at);
  gtk_editable_set_text (GTK_EDITABLE (self->point_row), t->sampling_point);
  gtk_editable_set_text (GTK_EDITABLE (self->sampled_by_row), t->sampled_by);
  canting_form_show_quantity (self->flow_row, t->flow, CANTING_IPAL_NO_VALUE);
  gtk_editable_set_text (GTK_EDITABLE (self->lab_row), t->laboratory);
  gtk_switch_set_active (self->accredited_switch, t->accredited);
  gtk_editable_set_text (GTK_EDITABLE (self->report_row), t->report_number);
  gtk_editable_set_text (GTK_EDITABLE (self->action_row), t->action);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), t->notes);
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    canting_form_show_quantity (self->result_rows[i], t->results[i], CANTING_IPAL_NO_VALUE);
  adw_window_title_set_title (self->window_title, t->id == 0 ? _("New Lab Test") : _("Lab Test"));
  show_report_file (self);
  update_check (self);
}

static void
canting_lab_test_dialog_dispose (GObject *object)
{
  CantingLabTestDialog *self = CANTING_LAB_TEST_DIALOG (object);

  g_clear_pointer (&self->test, canting_lab_test_free);
  g_clear_pointer (&self->plants, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_LAB_TEST_DIALOG);
  G_OBJECT_CLASS (canting_lab_test_dialog_parent_class)->dispose (object);
}

static void
canting_lab_test_dialog_class_init (CantingLabTestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_lab_test_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-lab-test-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingLabTestDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (check_group);
  BIND (check_label);
  BIND (error_group);
  BIND (error_label);
  BIND (plant_row);
  BIND (time_row);
  BIND (point_row);
  BIND (sampled_by_row);
  BIND (flow_row);
  BIND (lab_row);
  BIND (accredited_switch);
  BIND (report_row);
  BIND (report_file_row);
  BIND (open_report_button);
  BIND (attach_button);
  BIND (results_group);
  BIND (action_row);
  BIND (notes_row);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_lab_test_dialog_init (CantingLabTestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* One row per parameter, titled with its unit: "COD (mg/L)". */
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    {
      const char *unit = canting_ipal_parameter_unit (i);
      g_autofree char *title = *unit != '\0' ? g_strdup_printf ("%s (%s)", canting_ipal_parameter_label (i), unit)
                                             : g_strdup (canting_ipal_parameter_label (i));

      self->result_rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_rows[i]), title);
      gtk_editable_set_text (GTK_EDITABLE (self->result_rows[i]), "");
      adw_preferences_group_add (self->results_group, GTK_WIDGET (self->result_rows[i]));
    }
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->attach_button, "clicked", G_CALLBACK (on_attach), self);
  g_signal_connect_swapped (self->open_report_button, "clicked", G_CALLBACK (on_open_report), self);
}

CantingLabTestDialog *
canting_lab_test_dialog_new (CantingApplication *app,
                             GtkWindow          *parent,
                             gint64              test_id)
{
  CantingLabTestDialog *self = g_object_new (CANTING_TYPE_LAB_TEST_DIALOG,
                                             "application", app,
                                             "transient-for", parent,
                                             NULL);

  self->app = app;
  if (test_id != 0)
    self->test = canting_lab_test_load (canting_application_get_db (app), test_id, NULL);
  if (self->test == NULL)
    self->test = canting_lab_test_new ();
  load (self);
  /* Connected once the form is filled: the verdict follows the typing. */
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    g_signal_connect_swapped (self->result_rows[i], "changed", G_CALLBACK (update_check), self);
  g_signal_connect_swapped (self->flow_row, "changed", G_CALLBACK (update_check), self);
  g_signal_connect_swapped (self->time_row, "changed", G_CALLBACK (update_check), self);
  return self;
}
