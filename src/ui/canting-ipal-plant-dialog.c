/* canting-ipal-plant-dialog.c: the plant form: name, location, the
 * design capacity (which sets the flow tier until outflow is recorded),
 * shared or not. */
#include "config.h"

#include "canting-ipal-plant-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-form.h"

#define N_FIELDS (CANTING_IPAL_FIELD_FLOW + 1)

struct _CantingIpalPlantDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwEntryRow *name_row;
  AdwEntryRow *location_row;
  AdwEntryRow *capacity_row;
  GtkSwitch *shared_switch;
  GtkSwitch *archived_switch;

  CantingApplication *app;
  gint64 id;
};

G_DEFINE_FINAL_TYPE (CantingIpalPlantDialog, canting_ipal_plant_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_save (CantingIpalPlantDialog *self)
{
  g_autoptr(CantingIpalPlant) p = canting_ipal_plant_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_IPAL_FIELD_PLANT] = GTK_WIDGET (self->name_row);
  rows[CANTING_IPAL_FIELD_TEXT] = GTK_WIDGET (self->location_row);
  rows[CANTING_IPAL_FIELD_FLOW] = GTK_WIDGET (self->capacity_row);
  p->id = self->id;
  g_free (p->name);
  p->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (p->location);
  p->location = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_row)));
  p->shared = gtk_switch_get_active (self->shared_switch);
  p->archived = gtk_switch_get_active (self->archived_switch);
  if (!canting_form_read_quantity (self->capacity_row, 0, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_FLOW, &p->capacity,
                                   &error) ||
      !canting_ipal_plant_save (canting_application_get_db (self->app), p, &error))
    {
      canting_form_show_error (rows, N_FIELDS, CANTING_IPAL_ERROR, error,
                               GTK_WIDGET (self->error_group), self->error_label);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, p->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
canting_ipal_plant_dialog_class_init (CantingIpalPlantDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-ipal-plant-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingIpalPlantDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_group);
  BIND (error_label);
  BIND (name_row);
  BIND (location_row);
  BIND (capacity_row);
  BIND (shared_switch);
  BIND (archived_switch);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_ipal_plant_dialog_init (CantingIpalPlantDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (on_save), self);
}

CantingIpalPlantDialog *
canting_ipal_plant_dialog_new (CantingApplication     *app,
                               GtkWindow              *parent,
                               const CantingIpalPlant *plant)
{
  CantingIpalPlantDialog *self = g_object_new (CANTING_TYPE_IPAL_PLANT_DIALOG,
                                               "application", app,
                                               "transient-for", parent,
                                               NULL);

  self->app = app;
  if (plant != NULL)
    {
      self->id = plant->id;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), plant->name);
      gtk_editable_set_text (GTK_EDITABLE (self->location_row), plant->location);
      canting_form_show_quantity (self->capacity_row, plant->capacity, 0);
      gtk_switch_set_active (self->shared_switch, plant->shared);
      gtk_switch_set_active (self->archived_switch, plant->archived);
    }
  adw_window_title_set_title (self->window_title, plant == NULL ? _("New Plant (IPAL)") : _("Plant (IPAL)"));
  return self;
}
