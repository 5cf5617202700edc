/* canting-movement-dialog.c: one stock movement, typed in any unit the
 * material converts from (yards, kodi, gram, its rolls).
 *
 * A purchase asks for the total paid; usage and waste for a reason; an
 * adjustment for the quantity actually counted on the shelf, so nobody has
 * to work out a difference by hand.  The line under the form says what
 * the stock will be afterwards, in the material's own unit. */
#include "config.h"

#include "canting-movement-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-error.h"
#include "canting-form.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_MOVEMENT_FIELD_DUE_DATE + 1)
/* Materials offered when the dialog chooses one: a workshop has tens. */
#define MATERIALS_SHOWN 1000

struct _CantingMovementDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwComboRow *material_row;
  AdwEntryRow *date_row;
  AdwEntryRow *quantity_row;
  GtkDropDown *unit_dropdown;
  AdwEntryRow *cost_row;
  AdwEntryRow *supplier_row;
  AdwActionRow *unpaid_row;
  GtkSwitch *unpaid_switch;
  AdwEntryRow *due_row;
  AdwEntryRow *reason_row;
  GtkLabel *summary_label;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;

  CantingApplication *app;
  CantingMovementKind kind;
  GPtrArray *materials;   /* (element-type CantingMaterial) the choices */
  CantingMaterial *material;
  GArray *units;          /* (element-type CantingUnit) of unit_dropdown */
};

G_DEFINE_FINAL_TYPE (CantingMovementDialog, canting_movement_dialog, ADW_TYPE_WINDOW)

enum { RECORDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (CantingMovementDialog *self,
            const GError          *error)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_MOVEMENT_FIELD_QUANTITY] = GTK_WIDGET (self->quantity_row);
  rows[CANTING_MOVEMENT_FIELD_COST] = GTK_WIDGET (self->cost_row);
  rows[CANTING_MOVEMENT_FIELD_DATE] = GTK_WIDGET (self->date_row);
  rows[CANTING_MOVEMENT_FIELD_SUPPLIER] = GTK_WIDGET (self->supplier_row);
  rows[CANTING_MOVEMENT_FIELD_REASON] = GTK_WIDGET (self->reason_row);
  rows[CANTING_MOVEMENT_FIELD_NEGATIVE] = GTK_WIDGET (self->quantity_row);
  rows[CANTING_MOVEMENT_FIELD_DUE_DATE] = GTK_WIDGET (self->due_row);
  canting_form_show_error (rows, N_FIELDS, CANTING_MOVEMENT_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

static CantingUnit
selected_unit (CantingMovementDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->units == NULL || i >= self->units->len)
    return self->material != NULL ? self->material->unit : CANTING_UNIT_PIECE;
  return g_array_index (self->units, CantingUnit, i);
}

/* The typed quantity in the material's unit: what a movement of this
 * kind adds (purchase) or the counted stock (adjustment), before signs. */
static gboolean
read_quantity (CantingMovementDialog *self,
               CantingQuantity       *out,
               GError               **error)
{
  g_autoptr(GError) local = NULL;
  CantingQuantity typed = 0;

  if (self->material == NULL)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY, _("Choose a material first."));
      return FALSE;
    }
  if (!canting_quantity_parse (gtk_editable_get_text (GTK_EDITABLE (self->quantity_row)), &typed, &local) ||
      !canting_unit_convert (typed, selected_unit (self), self->material->unit, self->material->roll_size, out, &local))
    {
      g_set_error_literal (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY, local->message);
      return FALSE;
    }
  if (*out < 0)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY,
                   self->kind == CANTING_MOVEMENT_ADJUSTMENT ? _("A count cannot be below zero.")
                                                             : _("Type the quantity without a minus sign."));
      return FALSE;
    }
  return TRUE;
}

static CantingQuantity
signed_change (CantingMovementDialog *self,
               CantingQuantity        quantity)
{
  switch (self->kind)
    {
    case CANTING_MOVEMENT_ADJUSTMENT:
      return quantity - self->material->on_hand;
    case CANTING_MOVEMENT_USAGE:
    case CANTING_MOVEMENT_WASTE:
      return -quantity;
    case CANTING_MOVEMENT_PURCHASE:
    default:
      return quantity;
    }
}

static void
update_summary (CantingMovementDialog *self)
{
  g_autofree char *stock = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  CantingQuantity quantity = 0;

  if (self->material == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  stock = canting_unit_format (self->material->on_hand, self->material->unit);
  if (!read_quantity (self, &quantity, NULL))
    text = g_strdup_printf (_("In stock now: %s."), stock);
  else
    {
      CantingMoney cost = 0;

      after = canting_unit_format (self->material->on_hand + signed_change (self, quantity), self->material->unit);
      text = g_strdup_printf (_("In stock now: %s. After this: %s."), stock, after);
      /* The price per unit, to compare suppliers at a glance. */
      if (self->kind == CANTING_MOVEMENT_PURCHASE && quantity > 0 &&
          canting_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->cost_row)), &cost, NULL) && cost > 0)
        {
          g_autofree char *per_unit = canting_money_format ((CantingMoney) ((cost * CANTING_QUANTITY_ONE + quantity / 2) / quantity));
          g_autofree char *longer = g_strdup_printf (_("%s That is %s per %s."), text, per_unit,
                                                     canting_unit_label (self->material->unit));
          g_free (text);
          text = g_steal_pointer (&longer);
        }
    }
  gtk_label_set_text (self->summary_label, text);
}

static void
fill_units (CantingMovementDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_clear_pointer (&self->units, g_array_unref);
  self->units = g_array_new (FALSE, FALSE, sizeof (CantingUnit));
  if (self->material != NULL)
    {
      /* The material's own unit first: what most people type. */
      g_array_append_val (self->units, self->material->unit);
      for (CantingUnit u = 0; u < CANTING_UNIT_COUNT; u++)
        if (u != self->material->unit && canting_unit_converts (u, self->material->unit, self->material->roll_size))
          g_array_append_val (self->units, u);
    }
  for (guint i = 0; i < self->units->len; i++)
    gtk_string_list_append (labels, canting_unit_label (g_array_index (self->units, CantingUnit, i)));
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
}

static void
set_material (CantingMovementDialog *self,
              CantingMaterial       *material)
{
  g_clear_pointer (&self->material, canting_material_free);
  self->material = material;
  fill_units (self);
  if (self->kind == CANTING_MOVEMENT_PURCHASE)
    gtk_editable_set_text (GTK_EDITABLE (self->supplier_row), material != NULL ? material->supplier : "");
  update_summary (self);
}

static void
on_material_selected (CantingMovementDialog *self)
{
  guint i = adw_combo_row_get_selected (self->material_row);

  if (self->materials == NULL || i >= self->materials->len)
    return;
  /* Read afresh: the stock may have moved since the list was read. */
  set_material (self, canting_material_load (canting_application_get_db (self->app),
                                             ((CantingMaterial *) g_ptr_array_index (self->materials, i))->id, NULL));
}

/* Stock never goes below zero from here: waste and usage beyond it are
 * refused, and a correction is a count, never less than nothing. */
static void
on_save (CantingMovementDialog *self)
{
  g_autoptr(CantingMovement) mv = canting_movement_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) local = NULL;
  CantingQuantity quantity = 0;

  if (!read_quantity (self, &quantity, &error))
    {
      show_error (self, error);
      return;
    }
  mv->material_id = self->material->id;
  mv->kind = self->kind;
  mv->quantity = signed_change (self, quantity);
  g_free (mv->on_date);
  mv->on_date = canting_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &local);
  if (mv->on_date == NULL)
    {
      g_set_error_literal (&error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DATE, local->message);
      show_error (self, error);
      return;
    }
  if (self->kind == CANTING_MOVEMENT_PURCHASE &&
      !canting_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->cost_row)), &mv->cost, &local))
    {
      g_set_error_literal (&error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_COST, local->message);
      show_error (self, error);
      return;
    }
  if (self->kind == CANTING_MOVEMENT_ADJUSTMENT && mv->quantity == 0)
    {
      /* The shelf agrees with the records: nothing to write. */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  mv->unpaid = self->kind == CANTING_MOVEMENT_PURCHASE && gtk_switch_get_active (self->unpaid_switch);
  if (mv->unpaid && *gtk_editable_get_text (GTK_EDITABLE (self->due_row)) != '\0')
    {
      mv->due_date = canting_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->due_row)), &local);
      if (mv->due_date == NULL)
        {
          g_set_error_literal (&error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DUE_DATE, local->message);
          show_error (self, error);
          return;
        }
    }
  g_free (mv->supplier);
  mv->supplier = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->supplier_row)));
  g_free (mv->reason);
  mv->reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));

  if (!canting_movement_record (canting_application_get_db (self->app), mv, CANTING_MOVEMENT_DEFAULT, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, mv->material_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
canting_movement_dialog_dispose (GObject *object)
{
  CantingMovementDialog *self = CANTING_MOVEMENT_DIALOG (object);

  g_clear_pointer (&self->material, canting_material_free);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_MOVEMENT_DIALOG);
  G_OBJECT_CLASS (canting_movement_dialog_parent_class)->dispose (object);
}

static void
canting_movement_dialog_class_init (CantingMovementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_movement_dialog_dispose;
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-movement-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingMovementDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (material_row);
  BIND (date_row);
  BIND (quantity_row);
  BIND (unit_dropdown);
  BIND (cost_row);
  BIND (supplier_row);
  BIND (unpaid_row);
  BIND (unpaid_switch);
  BIND (due_row);
  BIND (reason_row);
  BIND (summary_label);
  BIND (error_group);
  BIND (error_label);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

/* The date to pay by matters only for a purchase on credit. */
static void
on_unpaid_toggled (CantingMovementDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), gtk_switch_get_active (self->unpaid_switch));
}

static void
canting_movement_dialog_init (CantingMovementDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  canting_accessible_name_drop_down (self->unit_dropdown, _("Unit"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->quantity_row, "changed", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->cost_row, "changed", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->unpaid_switch, "notify::active", G_CALLBACK (on_unpaid_toggled), self);
  g_signal_connect_swapped (self->quantity_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->cost_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->reason_row, "entry-activated", G_CALLBACK (on_save), self);
}

static void
set_up_kind (CantingMovementDialog *self)
{
  const char *title = NULL;

  switch (self->kind)
    {
    case CANTING_MOVEMENT_PURCHASE:
      title = _("Record Purchase");
      break;
    case CANTING_MOVEMENT_USAGE:
      title = _("Record Usage");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("What it was used for"));
      break;
    case CANTING_MOVEMENT_WASTE:
      title = _("Record Waste");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("What happened (spoiled, torn…)"));
      break;
    case CANTING_MOVEMENT_ADJUSTMENT:
    default:
      title = _("Correct Stock");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quantity_row), _("Quantity counted on the shelf"));
      gtk_editable_set_text (GTK_EDITABLE (self->reason_row), _("Stock count"));
      break;
    }
  adw_window_title_set_title (self->window_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->cost_row), self->kind == CANTING_MOVEMENT_PURCHASE);
  gtk_widget_set_visible (GTK_WIDGET (self->supplier_row), self->kind == CANTING_MOVEMENT_PURCHASE);
  gtk_widget_set_visible (GTK_WIDGET (self->unpaid_row), self->kind == CANTING_MOVEMENT_PURCHASE);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), self->kind != CANTING_MOVEMENT_PURCHASE);
}

CantingMovementDialog *
canting_movement_dialog_new (CantingApplication  *app,
                             GtkWindow           *parent,
                             gint64               material_id,
                             CantingMovementKind  kind)
{
  CantingMovementDialog *self = g_object_new (CANTING_TYPE_MOVEMENT_DIALOG,
                                              "application", app,
                                              "transient-for", parent,
                                              NULL);
  CantingDb *db = canting_application_get_db (app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

  self->app = app;
  self->kind = kind;
  set_up_kind (self);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  if (material_id != 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->material_row), FALSE);
      set_material (self, canting_material_load (db, material_id, NULL));
      if (self->material != NULL)
        adw_window_title_set_subtitle (self->window_title, self->material->name);
    }
  else
    {
      CantingMaterialFilter filter = { NULL, -1, FALSE, FALSE };
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      self->materials = canting_material_search (db, &filter, 0, MATERIALS_SHOWN, NULL);
      for (guint i = 0; self->materials != NULL && i < self->materials->len; i++)
        gtk_string_list_append (names, ((CantingMaterial *) g_ptr_array_index (self->materials, i))->name);
      adw_combo_row_set_model (self->material_row, G_LIST_MODEL (names));
      g_signal_connect_swapped (self->material_row, "notify::selected", G_CALLBACK (on_material_selected), self);
      on_material_selected (self);
    }
  return self;
}
