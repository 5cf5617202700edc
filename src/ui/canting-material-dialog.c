/* canting-material-dialog.c: the material form, with its stock figures,
 * the buttons that move stock, the charts of stock and price over time
 * and the latest movements.
 *
 * The form is checked as a whole on Save (the core decides); movements
 * are written at once by their own dialog, whatever the form holds. */
#include "config.h"

#include "canting-material-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-chart.h"
#include "canting-form.h"
#include "canting-movement-dialog.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_MATERIAL_FIELD_NOTES + 1)
/* Movements listed in the form: the newest; the charts use them all. */
#define MOVEMENTS_SHOWN 30

struct _CantingMaterialDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *stock_group;
  AdwActionRow *on_hand_row;
  AdwActionRow *reserved_row;
  AdwActionRow *available_row;
  AdwActionRow *cost_row;
  GtkButton *purchase_button;
  GtkButton *usage_button;
  GtkButton *waste_button;
  GtkButton *adjust_button;
  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwComboRow *unit_row;
  AdwEntryRow *roll_row;
  AdwEntryRow *reorder_row;
  AdwEntryRow *supplier_row;
  AdwEntryRow *notes_row;
  AdwActionRow *archive_row;
  GtkSwitch *archive_switch;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwPreferencesGroup *history_group;
  GtkDrawingArea *stock_chart;
  GtkDrawingArea *price_chart;
  GtkListBox *movements_list;

  CantingApplication *app;
  CantingMaterial *material;
  GArray *base_units;     /* (element-type CantingUnit) of unit_row */
  GPtrArray *history;     /* (element-type CantingStockPoint) */
  guint generation;       /* of the last reading of the history asked for */
};

G_DEFINE_FINAL_TYPE (CantingMaterialDialog, canting_material_dialog, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (CantingMaterialDialog *self,
            const GError          *error)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_MATERIAL_FIELD_NAME] = GTK_WIDGET (self->name_row);
  rows[CANTING_MATERIAL_FIELD_KIND] = GTK_WIDGET (self->kind_row);
  rows[CANTING_MATERIAL_FIELD_UNIT] = GTK_WIDGET (self->unit_row);
  rows[CANTING_MATERIAL_FIELD_ROLL_SIZE] = GTK_WIDGET (self->roll_row);
  rows[CANTING_MATERIAL_FIELD_REORDER_LEVEL] = GTK_WIDGET (self->reorder_row);
  rows[CANTING_MATERIAL_FIELD_SUPPLIER] = GTK_WIDGET (self->supplier_row);
  rows[CANTING_MATERIAL_FIELD_NOTES] = GTK_WIDGET (self->notes_row);
  canting_form_show_error (rows, N_FIELDS, CANTING_MATERIAL_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

static void
replace_text (char       **field,
              AdwEntryRow *row)
{
  g_free (*field);
  *field = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* An optional quantity field: empty is 0. */
static gboolean
read_quantity (AdwEntryRow          *row,
               CantingMaterialField  field,
               CantingQuantity      *out,
               GError              **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) local = NULL;

  *out = 0;
  if (*text == '\0' || canting_quantity_parse (text, out, &local))
    return TRUE;
  g_set_error_literal (error, CANTING_MATERIAL_ERROR, field, local->message);
  return FALSE;
}

static void
on_save (CantingMaterialDialog *self)
{
  g_autoptr(CantingMaterial) edited = canting_material_copy (self->material);
  g_autoptr(GError) error = NULL;
  guint unit = adw_combo_row_get_selected (self->unit_row);

  replace_text (&edited->name, self->name_row);
  replace_text (&edited->supplier, self->supplier_row);
  replace_text (&edited->notes, self->notes_row);
  edited->kind = adw_combo_row_get_selected (self->kind_row);
  if (unit < self->base_units->len)
    edited->unit = g_array_index (self->base_units, CantingUnit, unit);
  if (!read_quantity (self->roll_row, CANTING_MATERIAL_FIELD_ROLL_SIZE, &edited->roll_size, &error) ||
      !read_quantity (self->reorder_row, CANTING_MATERIAL_FIELD_REORDER_LEVEL, &edited->reorder_level, &error))
    {
      show_error (self, error);
      return;
    }
  edited->archived = gtk_switch_get_active (self->archive_switch);
  if (!canting_material_save (canting_application_get_db (self->app), edited, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0, edited->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
set_quantity_text (AdwEntryRow     *row,
                   CantingQuantity  quantity)
{
  g_autofree char *text = quantity != 0 ? canting_quantity_format (quantity) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_row_value (AdwActionRow *row,
               const char   *text)
{
  adw_action_row_set_subtitle (row, text);
}

static double
day_number (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = g_strdup_printf ("%sT00:00:00Z", iso_date);

  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL ? (double) g_date_time_to_unix (dt) / 86400.0 : 0;
}

static void
draw_chart (GtkDrawingArea        *area,
            cairo_t               *cr,
            int                    width,
            int                    height,
            gpointer               user_data)
{
  CantingMaterialDialog *self = user_data;
  gboolean price = area == self->price_chart;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *max_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  const char *first_date = NULL, *last_date = NULL;
  gint64 max = 0;
  CantingChart chart = { 0 };

  for (guint i = 0; self->history != NULL && i < self->history->len; i++)
    {
      const CantingStockPoint *p = g_ptr_array_index (self->history, i);
      gint64 value = price ? p->unit_cost : p->on_hand;
      double x = day_number (p->date), y = (double) value;

      if (price && p->unit_cost == 0)
        continue;
      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
      max = MAX (max, value);
      if (first_date == NULL)
        first_date = p->date;
      last_date = p->date;
    }
  if (price)
    max_text = canting_money_format (max);
  else
    max_text = canting_unit_format (max, self->material->unit);
  first = first_date != NULL ? canting_date_format (first_date) : g_strdup ("");
  last = last_date != NULL ? canting_date_format (last_date) : g_strdup ("");

  chart.title = price ? _("Price paid per unit") : _("Stock over time");
  chart.x = (const double *) (gpointer) xs->data;
  chart.y = (const double *) (gpointer) ys->data;
  chart.n = xs->len;
  chart.steps = !price;
  chart.y_min_text = "0";
  chart.y_max_text = max_text;
  chart.x_first_text = first;
  chart.x_last_text = last;
  canting_chart_draw (GTK_WIDGET (area), cr, width, height, &chart);
}

static char *
movement_title (const CantingMovement *mv,
                CantingUnit            unit)
{
  g_autofree char *amount = canting_unit_format (mv->quantity, unit);
  g_autofree char *shown = mv->quantity > 0 ? g_strdup_printf ("+%s", amount) : g_steal_pointer (&amount);

  /* TRANSLATORS: a movement's kind and its change, "Purchase +30 m" */
  return g_strdup_printf (_("%s %s"), canting_movement_kind_label (mv->kind), shown);
}

static char *
movement_subtitle (const CantingMovement *mv,
                   CantingUnit            unit)
{
  g_autofree char *date = canting_date_format (mv->on_date);
  g_autofree char *balance = canting_unit_format (mv->balance, unit);
  GString *text = g_string_new (date);

  if (mv->kind == CANTING_MOVEMENT_PURCHASE)
    {
      g_autofree char *cost = canting_money_format (mv->cost);
      g_string_append_printf (text, " · %s", cost);
    }
  if (mv->order_number != NULL)
    g_string_append_printf (text, " · %s", mv->order_number);
  if (*mv->supplier != '\0' && mv->kind == CANTING_MOVEMENT_PURCHASE)
    g_string_append_printf (text, " · %s", mv->supplier);
  if (*mv->reason != '\0')
    g_string_append_printf (text, " · %s", mv->reason);
  g_string_append (text, " · ");
  /* TRANSLATORS: the stock after a movement */
  g_string_append_printf (text, _("stock %s"), balance);
  return g_string_free (text, FALSE);
}

/* The history and the last movements, read on a worker
 * (canting_db_read_async()): a material bought and used for ten years
 * has thousands of movements, some 30 ms to read as the form opened. */
typedef struct {
  guint generation;
  gint64 material_id;
  GPtrArray *history;
  GPtrArray *moves;
} HistoryReading;

static void
history_reading_free (HistoryReading *r)
{
  g_clear_pointer (&r->history, g_ptr_array_unref);
  g_clear_pointer (&r->moves, g_ptr_array_unref);
  g_free (r);
}

/* On the worker. */
static gboolean
read_history (CantingDb  *reader,
              gpointer    data,
              GError    **error)
{
  HistoryReading *r = data;

  return (r->history = canting_material_history (reader, r->material_id, error)) != NULL &&
         (r->moves = canting_material_movements (reader, r->material_id, 0, MOVEMENTS_SHOWN, error)) != NULL;
}

static void
history_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CantingMaterialDialog *self = CANTING_MATERIAL_DIALOG (source);
  HistoryReading *r = canting_db_read_get_data (result);
  CantingMaterial *m = self->material;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  /* Read again since (a movement recorded), or the dialog is gone. */
  if (r->generation != self->generation || m == NULL)
    return;
  if (!canting_db_read_finish (result, &error))
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->history, g_ptr_array_unref);
  self->history = g_steal_pointer (&r->history);
  gtk_widget_queue_draw (GTK_WIDGET (self->stock_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->price_chart));
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), self->history->len > 0);
  /* A unit with movements is fixed. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_row), self->history->len == 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->movements_list))) != NULL)
    gtk_list_box_remove (self->movements_list, child);
  for (guint i = 0; i < r->moves->len; i++)
    {
      const CantingMovement *mv = g_ptr_array_index (r->moves, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = movement_title (mv, m->unit);
      g_autofree char *subtitle = movement_subtitle (mv, m->unit);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->movements_list, row);
    }
}

static void
fill_stock (CantingMaterialDialog *self)
{
  CantingMaterial *m = self->material;
  g_autofree char *on_hand = canting_unit_format (m->on_hand, m->unit);
  g_autofree char *reserved = canting_unit_format (m->reserved, m->unit);
  g_autofree char *available = canting_unit_format (canting_material_available (m), m->unit);
  g_autofree char *cost = canting_money_format (canting_material_average_cost (m));
  g_autofree char *worth = canting_money_format (m->value);
  g_autofree char *cost_text = g_strdup_printf (_("%s per %s · stock worth %s"), cost,
                                                canting_unit_label (m->unit), worth);
  HistoryReading *r = g_new0 (HistoryReading, 1);

  set_row_value (self->on_hand_row, on_hand);
  set_row_value (self->reserved_row, reserved);
  set_row_value (self->available_row, available);
  set_row_value (self->cost_row, cost_text);
  if (canting_material_is_low (m))
    gtk_widget_add_css_class (GTK_WIDGET (self->available_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->available_row), "warning");
  {
    g_autofree char *description = g_strdup_printf (_("Stock of %s over time; now %s"), m->name, on_hand);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->stock_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    description, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->price_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Price paid per unit at each purchase"), -1);
  }
  r->generation = ++self->generation;
  r->material_id = m->id;
  canting_db_read_async (canting_application_get_db (self->app), self, read_history, r,
                         (GDestroyNotify) history_reading_free, history_read, NULL);
}

static void
on_recorded (CantingMaterialDialog *self)
{
  CantingMaterial *fresh = canting_material_load (canting_application_get_db (self->app), self->material->id, NULL);

  if (fresh != NULL)
    {
      /* Only the ledger figures: the form may hold unsaved edits. */
      self->material->on_hand = fresh->on_hand;
      self->material->value = fresh->value;
      self->material->reserved = fresh->reserved;
      self->material->last_unit_cost = fresh->last_unit_cost;
      canting_material_free (fresh);
    }
  /* A unit with movements is fixed: the stored one, whatever the form
   * was changed to meanwhile (found in review). */
  for (guint i = 0; i < self->base_units->len; i++)
    if (g_array_index (self->base_units, CantingUnit, i) == self->material->unit)
      adw_combo_row_set_selected (self->unit_row, i);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_row), FALSE);
  fill_stock (self);
  g_signal_emit (self, signals[CHANGED], 0, self->material->id);
}

static void
open_movement (CantingMaterialDialog *self,
               CantingMovementKind    kind)
{
  CantingMovementDialog *dialog = canting_movement_dialog_new (self->app, GTK_WINDOW (self), self->material->id, kind);

  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_recorded), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_purchase (CantingMaterialDialog *self)
{
  open_movement (self, CANTING_MOVEMENT_PURCHASE);
}

static void
on_usage (CantingMaterialDialog *self)
{
  open_movement (self, CANTING_MOVEMENT_USAGE);
}

static void
on_waste (CantingMaterialDialog *self)
{
  open_movement (self, CANTING_MOVEMENT_WASTE);
}

static void
on_adjust (CantingMaterialDialog *self)
{
  open_movement (self, CANTING_MOVEMENT_ADJUSTMENT);
}

static void
load (CantingMaterialDialog *self)
{
  CantingMaterial *m = self->material;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);

  for (guint i = 0; i < CANTING_MATERIAL_KIND_COUNT; i++)
    gtk_string_list_append (kinds, canting_material_kind_label (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, m->kind);

  self->base_units = g_array_new (FALSE, FALSE, sizeof (CantingUnit));
  for (CantingUnit u = 0; u < CANTING_UNIT_COUNT; u++)
    if (canting_unit_is_base (u))
      {
        g_array_append_val (self->base_units, u);
        gtk_string_list_append (units, canting_unit_label (u));
      }
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (units));
  for (guint i = 0; i < self->base_units->len; i++)
    if (g_array_index (self->base_units, CantingUnit, i) == m->unit)
      adw_combo_row_set_selected (self->unit_row, i);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), m->name);
  set_quantity_text (self->roll_row, m->roll_size);
  set_quantity_text (self->reorder_row, m->reorder_level);
  gtk_editable_set_text (GTK_EDITABLE (self->supplier_row), m->supplier);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), m->notes);
  gtk_switch_set_active (self->archive_switch, m->archived);
  adw_window_title_set_title (self->window_title, m->id == 0 ? _("New Material") : _("Material"));
  if (m->id != 0)
    {
      adw_window_title_set_subtitle (self->window_title, m->name);
      gtk_widget_set_visible (GTK_WIDGET (self->stock_group), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->archive_row), TRUE);
      /* Until the history says whether it has movements. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->unit_row), FALSE);
      fill_stock (self);
    }
}

static void
canting_material_dialog_dispose (GObject *object)
{
  CantingMaterialDialog *self = CANTING_MATERIAL_DIALOG (object);

  g_clear_pointer (&self->material, canting_material_free);
  g_clear_pointer (&self->base_units, g_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_MATERIAL_DIALOG);
  G_OBJECT_CLASS (canting_material_dialog_parent_class)->dispose (object);
}

static void
canting_material_dialog_class_init (CantingMaterialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_material_dialog_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-material-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingMaterialDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (stock_group);
  BIND (on_hand_row);
  BIND (reserved_row);
  BIND (available_row);
  BIND (cost_row);
  BIND (purchase_button);
  BIND (usage_button);
  BIND (waste_button);
  BIND (adjust_button);
  BIND (name_row);
  BIND (kind_row);
  BIND (unit_row);
  BIND (roll_row);
  BIND (reorder_row);
  BIND (supplier_row);
  BIND (notes_row);
  BIND (archive_row);
  BIND (archive_switch);
  BIND (error_group);
  BIND (error_label);
  BIND (history_group);
  BIND (stock_chart);
  BIND (price_chart);
  BIND (movements_list);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_material_dialog_init (CantingMaterialDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->purchase_button, "clicked", G_CALLBACK (on_purchase), self);
  g_signal_connect_swapped (self->usage_button, "clicked", G_CALLBACK (on_usage), self);
  g_signal_connect_swapped (self->waste_button, "clicked", G_CALLBACK (on_waste), self);
  g_signal_connect_swapped (self->adjust_button, "clicked", G_CALLBACK (on_adjust), self);
  gtk_drawing_area_set_draw_func (self->stock_chart, draw_chart, self, NULL);
  gtk_drawing_area_set_draw_func (self->price_chart, draw_chart, self, NULL);
}

CantingMaterialDialog *
canting_material_dialog_new (CantingApplication    *app,
                             GtkWindow             *parent,
                             const CantingMaterial *material)
{
  CantingMaterialDialog *self = g_object_new (CANTING_TYPE_MATERIAL_DIALOG,
                                              "application", app,
                                              "transient-for", parent,
                                              NULL);

  self->app = app;
  /* Read afresh: the list row may be stale. */
  if (material != NULL && material->id != 0)
    self->material = canting_material_load (canting_application_get_db (app), material->id, NULL);
  if (self->material == NULL)
    self->material = material != NULL ? canting_material_copy (material) : canting_material_new ();
  load (self);
  /* The charts and movements are below the first screen. */
  canting_form_show_rest_later (GTK_WINDOW (self), GTK_WIDGET (self->history_group));
  return self;
}
