/* canting-recipe-editor.c: one entry row per material in the recipe (its
 * name as title, its unit beside the number, a remove button), and a
 * drop-down with a button to add another material. */
#include "config.h"

#include "canting-recipe-editor.h"

#include <glib/gi18n.h>

#include "canting-form.h"
#include "canting-material.h"
#include "canting-recipe.h"

/* Every material a workshop keeps, many times over. */
#define MATERIALS_MAX 10000

struct _CantingRecipeEditor
{
  AdwPreferencesGroup parent_instance;

  GtkDropDown *material_dropdown;
  GtkButton *add_button;

  CantingDb *db;             /* unowned: the application's */
  GPtrArray *materials;      /* (element-type CantingMaterial) the choices, once read */
  GtkStringList *names;      /* the drop-down's list: empty until it first opens */
  gboolean read_on_open;     /* the choices are read when the menu opens (load_choices()) */
  GPtrArray *rows;           /* (element-type AdwEntryRow) in order */
};

G_DEFINE_FINAL_TYPE (CantingRecipeEditor, canting_recipe_editor, ADW_TYPE_PREFERENCES_GROUP)

static const CantingMaterial *
row_material (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "material");
}

/* The material cost of one piece at today's average costs, so the
 * estimated cost per piece can be filled in with some sense. */
static void
update_cost (CantingRecipeEditor *self)
{
  CantingMoney total = 0;
  gboolean known = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const CantingMaterial *m = row_material (row);
      CantingQuantity quantity = 0;

      if (canting_quantity_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &quantity, NULL) && quantity > 0 &&
          canting_material_average_cost (m) > 0)
        {
          total += (canting_material_average_cost (m) * quantity + CANTING_QUANTITY_ONE / 2) / CANTING_QUANTITY_ONE;
          known = TRUE;
        }
    }
  if (known)
    {
      g_autofree char *money = canting_money_format (total);
      g_autofree char *text = g_strdup_printf (_("Materials for one piece cost about %s at today’s average prices."),
                                               money);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), text);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("What one piece uses, taken from stock when its order goes into production."));
}

static void remove_row (GtkButton *button, CantingRecipeEditor *self);

static void
add_row (CantingRecipeEditor   *self,
         const CantingMaterial *material,
         CantingQuantity        quantity)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *unit = gtk_label_new (canting_unit_label (material->unit));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s from the recipe"), material->name);
  g_autofree char *text = quantity > 0 ? canting_quantity_format (quantity) : g_strdup ("");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), material->name);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_widget_add_css_class (unit, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), unit);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_row), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_object_set_data_full (G_OBJECT (row), "material", canting_material_copy (material),
                          (GDestroyNotify) canting_material_free);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (update_cost), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  update_cost (self);
}

static void
remove_row (GtkButton           *button,
            CantingRecipeEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  g_ptr_array_remove (self->rows, row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), row);
  update_cost (self);
}

static void
on_add (CantingRecipeEditor *self)
{
  guint i = gtk_drop_down_get_selected (self->material_dropdown);
  const CantingMaterial *m;

  if (self->materials == NULL || i >= self->materials->len)
    return;
  m = g_ptr_array_index (self->materials, i);
  /* Once per recipe: a second pick goes to the line already there. */
  for (guint r = 0; r < self->rows->len; r++)
    if (row_material (g_ptr_array_index (self->rows, r))->id == m->id)
      {
        gtk_widget_grab_focus (g_ptr_array_index (self->rows, r));
        return;
      }
  add_row (self, m, 0);
  gtk_widget_grab_focus (g_ptr_array_index (self->rows, self->rows->len - 1));
}

/* Reads the materials to choose from into the drop-down's list, once:
 * when its menu first opens.  Reading them (with their stock) and
 * listing them every time a product's form opened held it up for 10 ms
 * at ten years of data. */
static void
load_choices (CantingRecipeEditor *self)
{
  CantingMaterialFilter filter = { NULL, -1, FALSE, FALSE };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (self->materials != NULL || self->db == NULL)
    return;
  self->materials = canting_material_search (self->db, &filter, 0, MATERIALS_MAX, NULL);
  for (guint i = 0; self->materials != NULL && i < self->materials->len; i++)
    g_ptr_array_add (names, ((CantingMaterial *) g_ptr_array_index (self->materials, i))->name);
  g_ptr_array_add (names, NULL);
  /* Into the same list: the menu may be opening. */
  canting_form_splice_choices (self->material_dropdown, self->names, 0,
                               g_list_model_get_n_items (G_LIST_MODEL (self->names)), (const char * const *) names->pdata);
}

static void
on_material_chosen (CantingRecipeEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            gtk_drop_down_get_selected (self->material_dropdown) != GTK_INVALID_LIST_POSITION);
}

void
canting_recipe_editor_load (CantingRecipeEditor *self,
                            CantingDb           *db,
                            gint64               product_id)
{
  g_autoptr(GPtrArray) lines = NULL;

  g_return_if_fail (CANTING_IS_RECIPE_EDITOR (self));
  self->db = db;
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)), NULL);
  if (!self->read_on_open)
    load_choices (self);

  if (product_id != 0)
    lines = canting_product_recipe (db, product_id, NULL);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      const CantingRecipeLine *line = g_ptr_array_index (lines, i);
      g_autoptr(CantingMaterial) m = canting_material_load (db, line->material_id, NULL);

      if (m != NULL)
        add_row (self, m, line->quantity);
    }
  update_cost (self);
}

GPtrArray *
canting_recipe_editor_get_lines (CantingRecipeEditor  *self,
                                 GError              **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_recipe_line_free);

  g_return_val_if_fail (CANTING_IS_RECIPE_EDITOR (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const CantingMaterial *m = row_material (row);
      CantingQuantity quantity = 0;
      g_autoptr(GError) local = NULL;

      gtk_widget_remove_css_class (row, "error");
      if (!canting_quantity_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &quantity, &local))
        {
          /* TRANSLATORS: a material of the recipe, then what is wrong */
          g_set_error (error, local->domain, local->code, _("Recipe, %s: %s"), m->name, local->message);
          gtk_widget_add_css_class (row, "error");
          gtk_widget_grab_focus (row);
          return NULL;
        }
      g_ptr_array_add (lines, canting_recipe_line_new (m->id, quantity));
    }
  return g_steal_pointer (&lines);
}

static void
canting_recipe_editor_dispose (GObject *object)
{
  CantingRecipeEditor *self = CANTING_RECIPE_EDITOR (object);

  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->names);
  G_OBJECT_CLASS (canting_recipe_editor_parent_class)->dispose (object);
}

static void
canting_recipe_editor_class_init (CantingRecipeEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = canting_recipe_editor_dispose;
}

static void
canting_recipe_editor_init (CantingRecipeEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->rows = g_ptr_array_new ();
  self->names = gtk_string_list_new (NULL);
  self->material_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  canting_form_defer_menu_rows (self->material_dropdown);
  gtk_drop_down_set_model (self->material_dropdown, G_LIST_MODEL (self->names));
  /* Translators: the recipe's material menu, until one is chosen. */
  canting_form_set_none_text (self->material_dropdown, _("Choose…"));
  self->read_on_open = canting_form_on_menu_open (self->material_dropdown, G_CALLBACK (load_choices), self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->material_dropdown), _("Material to add"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->material_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Material to add"), -1);
  self->add_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add to Recipe")));
  gtk_widget_set_valign (GTK_WIDGET (self->material_dropdown), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->add_button), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->material_dropdown));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->add_button));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), box);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add), self);
  g_signal_connect_swapped (self->material_dropdown, "notify::selected", G_CALLBACK (on_material_chosen), self);
  on_material_chosen (self);
}
