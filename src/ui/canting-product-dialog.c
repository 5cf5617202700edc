/* canting-product-dialog.c: the product form.
 *
 * Prices are typed the way people write them ("1,5 jt", "250rb") and
 * read by the core's money parser; the product and its stock count are
 * saved in one transaction. */
#include "config.h"

#include "canting-product-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-error.h"
#include "canting-form.h"

#define N_FIELDS (CANTING_PRODUCT_FIELD_STOCK + 1)

struct _CantingProductDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwEntryRow *name_row;
  AdwEntryRow *motif_row;
  GtkMenuButton *motif_button;
  AdwComboRow *technique_row;
  AdwEntryRow *size_row;
  AdwEntryRow *colours_row;
  AdwActionRow *colour_count_row;
  GtkSpinButton *colour_count_spin;
  AdwEntryRow *material_row;
  AdwEntryRow *description_row;
  AdwEntryRow *sku_row;
  AdwEntryRow *price_row;
  AdwEntryRow *cost_row;
  AdwActionRow *stock_row;
  GtkSpinButton *stock_spin;

  CantingApplication *app;
  CantingProduct *product;
};

G_DEFINE_FINAL_TYPE (CantingProductDialog, canting_product_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget **
field_rows (CantingProductDialog *self,
            GtkWidget            *rows[N_FIELDS])
{
  rows[CANTING_PRODUCT_FIELD_SKU] = GTK_WIDGET (self->sku_row);
  rows[CANTING_PRODUCT_FIELD_NAME] = GTK_WIDGET (self->name_row);
  rows[CANTING_PRODUCT_FIELD_MOTIF] = GTK_WIDGET (self->motif_row);
  rows[CANTING_PRODUCT_FIELD_SIZE] = GTK_WIDGET (self->size_row);
  rows[CANTING_PRODUCT_FIELD_COLOURS] = GTK_WIDGET (self->colours_row);
  rows[CANTING_PRODUCT_FIELD_COLOUR_COUNT] = GTK_WIDGET (self->colour_count_row);
  rows[CANTING_PRODUCT_FIELD_MATERIAL] = GTK_WIDGET (self->material_row);
  rows[CANTING_PRODUCT_FIELD_PRICE] = GTK_WIDGET (self->price_row);
  rows[CANTING_PRODUCT_FIELD_UNIT_COST] = GTK_WIDGET (self->cost_row);
  rows[CANTING_PRODUCT_FIELD_DESCRIPTION] = GTK_WIDGET (self->description_row);
  rows[CANTING_PRODUCT_FIELD_STOCK] = GTK_WIDGET (self->stock_row);
  return rows;
}

static void
replace_text (char       **field,
              AdwEntryRow *row)
{
  g_free (*field);
  *field = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* Reads a money field; a wrong one becomes the field's own error. */
static gboolean
read_money (AdwEntryRow          *row,
            CantingProductField   field,
            CantingMoney         *out,
            GError              **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) local = NULL;

  if (*text == '\0')
    {
      *out = 0;
      return TRUE;
    }
  if (!canting_money_parse (text, out, &local))
    {
      g_set_error_literal (error, CANTING_PRODUCT_ERROR, field, local->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_save (CantingProductDialog *self)
{
  g_autoptr(CantingProduct) edited = canting_product_copy (self->product);
  g_autoptr(GError) error = NULL;
  GtkWidget *rows[N_FIELDS];

  replace_text (&edited->name, self->name_row);
  replace_text (&edited->motif, self->motif_row);
  replace_text (&edited->size, self->size_row);
  replace_text (&edited->colours, self->colours_row);
  replace_text (&edited->material, self->material_row);
  replace_text (&edited->description, self->description_row);
  replace_text (&edited->sku, self->sku_row);
  edited->technique = adw_combo_row_get_selected (self->technique_row);
  edited->colour_count = (guint) gtk_spin_button_get_value_as_int (self->colour_count_spin);

  if (!read_money (self->price_row, CANTING_PRODUCT_FIELD_PRICE, &edited->price, &error) ||
      !read_money (self->cost_row, CANTING_PRODUCT_FIELD_UNIT_COST, &edited->unit_cost, &error) ||
      !canting_product_save_with_stock (canting_application_get_db (self->app), edited, self->product->stock,
                                        gtk_spin_button_get_value_as_int (self->stock_spin), &error))
    {
      canting_form_show_error (field_rows (self, rows), N_FIELDS, CANTING_PRODUCT_ERROR, error,
                               GTK_WIDGET (self->error_group), self->error_label);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, edited->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
pick_motif (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CantingProductDialog *self = CANTING_PRODUCT_DIALOG (widget);
  gtk_editable_set_text (GTK_EDITABLE (self->motif_row), g_variant_get_string (parameter, NULL));
}

static void
build_motif_menu (CantingProductDialog *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_auto(GStrv) motifs = canting_product_motif_suggestions (canting_application_get_db (self->app), NULL);

  for (guint i = 0; motifs != NULL && motifs[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (motifs[i], NULL);
      g_menu_item_set_action_and_target_value (item, "dialog.pick-motif", g_variant_new_string (motifs[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->motif_button, G_MENU_MODEL (menu));
}

static void
set_money (AdwEntryRow  *row,
           CantingMoney  amount)
{
  g_autofree char *text = NULL;

  if (amount == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      return;
    }
  text = canting_money_format (amount);
  /* "Rp 1.250.000" without the "Rp ": the row's title says rupiah. */
  gtk_editable_set_text (GTK_EDITABLE (row), text + strlen ("Rp "));
}

static void
load (CantingProductDialog *self)
{
  CantingProduct *p = self->product;
  g_autoptr(GtkStringList) techniques = gtk_string_list_new (NULL);

  for (guint i = 0; i < CANTING_TECHNIQUE_COUNT; i++)
    gtk_string_list_append (techniques, canting_technique_label (i));
  adw_combo_row_set_model (self->technique_row, G_LIST_MODEL (techniques));
  adw_combo_row_set_selected (self->technique_row, p->technique);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), p->name);
  gtk_editable_set_text (GTK_EDITABLE (self->motif_row), p->motif);
  gtk_editable_set_text (GTK_EDITABLE (self->size_row), p->size);
  gtk_editable_set_text (GTK_EDITABLE (self->colours_row), p->colours);
  gtk_editable_set_text (GTK_EDITABLE (self->material_row), p->material);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), p->description);
  gtk_editable_set_text (GTK_EDITABLE (self->sku_row), p->sku);
  gtk_spin_button_set_value (self->colour_count_spin, p->colour_count);
  gtk_spin_button_set_value (self->stock_spin, (double) p->stock);
  set_money (self->price_row, p->price);
  set_money (self->cost_row, p->unit_cost);
  adw_window_title_set_title (self->window_title, p->id == 0 ? _("New Product") : p->name);
  build_motif_menu (self);
}

static void
canting_product_dialog_dispose (GObject *object)
{
  CantingProductDialog *self = CANTING_PRODUCT_DIALOG (object);

  g_clear_pointer (&self->product, canting_product_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_PRODUCT_DIALOG);
  G_OBJECT_CLASS (canting_product_dialog_parent_class)->dispose (object);
}

static void
canting_product_dialog_class_init (CantingProductDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_product_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-product-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingProductDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_group);
  BIND (error_label);
  BIND (name_row);
  BIND (motif_row);
  BIND (motif_button);
  BIND (technique_row);
  BIND (size_row);
  BIND (colours_row);
  BIND (colour_count_row);
  BIND (colour_count_spin);
  BIND (material_row);
  BIND (description_row);
  BIND (sku_row);
  BIND (price_row);
  BIND (cost_row);
  BIND (stock_row);
  BIND (stock_spin);
#undef BIND
  gtk_widget_class_install_action (widget_class, "dialog.pick-motif", "s", pick_motif);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_product_dialog_init (CantingProductDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->price_row, "entry-activated", G_CALLBACK (on_save), self);
}

CantingProductDialog *
canting_product_dialog_new (CantingApplication   *app,
                            GtkWindow            *parent,
                            const CantingProduct *product)
{
  CantingProductDialog *self = g_object_new (CANTING_TYPE_PRODUCT_DIALOG,
                                             "application", app,
                                             "transient-for", parent,
                                             NULL);

  self->app = app;
  /* Read afresh: a list row may be older than the last delivery. */
  if (product != NULL && product->id != 0)
    self->product = canting_product_load (canting_application_get_db (app), product->id, NULL);
  if (self->product == NULL)
    self->product = product != NULL ? canting_product_copy (product) : canting_product_new ();
  load (self);
  return self;
}
