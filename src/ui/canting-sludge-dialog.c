/* canting-sludge-dialog.c: a sludge handover: when, how much, to whom and
 * under which document; new, or a saved one corrected. */
#include "config.h"

#include "canting-sludge-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-ipal-form.h"
#include "canting-form.h"
#include "canting-ipal.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_IPAL_FIELD_FLOW + 1)

struct _CantingSludgeDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwComboRow *plant_row;
  AdwEntryRow *date_row;
  AdwEntryRow *amount_row;
  AdwEntryRow *destination_row;
  AdwEntryRow *manifest_row;
  AdwEntryRow *notes_row;

  CantingApplication *app;
  GPtrArray *plants;   /* (element-type CantingIpalPlant) */
  gint64 sludge_id;    /* the handover being corrected, or 0 */
};

G_DEFINE_FINAL_TYPE (CantingSludgeDialog, canting_sludge_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (CantingSludgeDialog *self,
            const GError        *error)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_IPAL_FIELD_PLANT] = GTK_WIDGET (self->plant_row);
  rows[CANTING_IPAL_FIELD_TIME] = GTK_WIDGET (self->date_row);
  rows[CANTING_IPAL_FIELD_AMOUNT] = GTK_WIDGET (self->amount_row);
  rows[CANTING_IPAL_FIELD_DESTINATION] = GTK_WIDGET (self->destination_row);
  canting_form_show_error (rows, N_FIELDS, CANTING_IPAL_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

static void
on_save (CantingSludgeDialog *self)
{
  g_autoptr(CantingSludge) s = canting_sludge_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) local = NULL;

  /* Saving with its id updates the handover, never adds a second. */
  s->id = self->sludge_id;
  s->plant_id = canting_plant_row_selected (self->plant_row, self->plants);
  g_free (s->on_date);
  s->on_date = canting_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &local);
  if (s->on_date == NULL)
    {
      g_set_error_literal (&error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TIME, local->message);
      show_error (self, error);
      return;
    }
  if (!canting_form_read_quantity (self->amount_row, 0, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_AMOUNT, &s->amount,
                                   &error))
    {
      show_error (self, error);
      return;
    }
  g_free (s->destination);
  s->destination = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->destination_row)));
  g_free (s->manifest);
  s->manifest = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->manifest_row)));
  g_free (s->notes);
  s->notes = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  if (!canting_sludge_save (canting_application_get_db (self->app), s, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, s->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
canting_sludge_dialog_dispose (GObject *object)
{
  CantingSludgeDialog *self = CANTING_SLUDGE_DIALOG (object);

  g_clear_pointer (&self->plants, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_SLUDGE_DIALOG);
  G_OBJECT_CLASS (canting_sludge_dialog_parent_class)->dispose (object);
}

static void
canting_sludge_dialog_class_init (CantingSludgeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_sludge_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-sludge-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingSludgeDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_group);
  BIND (error_label);
  BIND (plant_row);
  BIND (date_row);
  BIND (amount_row);
  BIND (destination_row);
  BIND (manifest_row);
  BIND (notes_row);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_sludge_dialog_init (CantingSludgeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
}

CantingSludgeDialog *
canting_sludge_dialog_new (CantingApplication *app,
                           GtkWindow          *parent,
                           gint64              plant_id,
                           gint64              sludge_id)
{
  CantingSludgeDialog *self = g_object_new (CANTING_TYPE_SLUDGE_DIALOG,
                                            "application", app,
                                            "transient-for", parent,
                                            NULL);
  g_autoptr(CantingSludge) s = sludge_id != 0 ? canting_sludge_load (canting_application_get_db (app), sludge_id, NULL)
                                              : NULL;
  g_autofree char *date = NULL;

  self->app = app;
  if (s == NULL)
    s = canting_sludge_new ();   /* today's date */
  else
    self->sludge_id = s->id;
  self->plants = canting_plant_row_fill (self->plant_row, app, s->id != 0 ? s->plant_id : plant_id);
  date = canting_date_format (s->on_date);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  canting_form_show_quantity (self->amount_row, s->amount, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->destination_row), s->destination);
  gtk_editable_set_text (GTK_EDITABLE (self->manifest_row), s->manifest);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), s->notes);
  adw_window_title_set_title (self->window_title, _("Sludge Removed"));
  return self;
}
