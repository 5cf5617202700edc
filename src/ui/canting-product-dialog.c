/* canting-product-dialog.c: the product form.
 *
 * Prices are typed the way people write them ("1,5 jt", "250rb") and
 * read by the core's money parser; the product and its stock count are
 * saved in one transaction. */
#include "config.h"

#include "canting-product-dialog.h"

#include <glib/gi18n.h>

#include "canting-listing-group.h"
#include <string.h>

#include "canting-accessible.h"
#include "canting-error.h"
#include "canting-form.h"
#include "canting-recipe.h"
#include "canting-recipe-editor.h"

#define N_FIELDS (CANTING_PRODUCT_FIELD_WEIGHT + 1)

struct _CantingProductDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwEntryRow *name_row;
  AdwEntryRow *motif_row;
  GtkMenuButton *motif_button;
  AdwComboRow *technique_row;
  AdwEntryRow *size_row;
  AdwEntryRow *weight_row;
  AdwEntryRow *colours_row;
  AdwActionRow *colour_count_row;
  GtkSpinButton *colour_count_spin;
  AdwEntryRow *material_row;
  AdwEntryRow *description_row;
  AdwEntryRow *sku_row;
  /* From canting-product-dialog-rest.ui, built after the first frame: */
  GPtrArray *rest;   /* its groups, in order; added to the page one a frame */
  guint rest_added;
  CantingListingGroup *listing_group;
  AdwEntryRow *price_row;
  AdwEntryRow *cost_row;
  AdwActionRow *stock_row;
  GtkSpinButton *stock_spin;
  AdwPreferencesGroup *photos_group;
  GtkButton *add_photo_button;
  GtkFlowBox *photos_box;
  CantingRecipeEditor *recipe_editor;

  GtkFileChooserNative *chooser;
  GCancellable *cancellable;

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
  rows[CANTING_PRODUCT_FIELD_WEIGHT] = GTK_WIDGET (self->weight_row);
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

static void finish_building (CantingProductDialog *self);

static void
on_save (CantingProductDialog *self)
{
  g_autoptr(CantingProduct) edited = canting_product_copy (self->product);
  g_autoptr(GPtrArray) recipe = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *rows[N_FIELDS];

  finish_building (self);
  replace_text (&edited->name, self->name_row);
  replace_text (&edited->motif, self->motif_row);
  replace_text (&edited->size, self->size_row);
  replace_text (&edited->colours, self->colours_row);
  replace_text (&edited->material, self->material_row);
  replace_text (&edited->description, self->description_row);
  replace_text (&edited->sku, self->sku_row);
  edited->technique = adw_combo_row_get_selected (self->technique_row);
  edited->colour_count = (guint) gtk_spin_button_get_value_as_int (self->colour_count_spin);

  if (!canting_product_weight_parse (gtk_editable_get_text (GTK_EDITABLE (self->weight_row)), &edited->weight,
                                     &error) ||
      !read_money (self->price_row, CANTING_PRODUCT_FIELD_PRICE, &edited->price, &error) ||
      !read_money (self->cost_row, CANTING_PRODUCT_FIELD_UNIT_COST, &edited->unit_cost, &error) ||
      (recipe = canting_recipe_editor_get_lines (self->recipe_editor, &error)) == NULL ||
      !canting_product_save_with_recipe (canting_application_get_db (self->app), edited, self->product->stock,
                                         gtk_spin_button_get_value_as_int (self->stock_spin), recipe, &error))
    {
      canting_form_show_error (field_rows (self, rows), N_FIELDS, CANTING_PRODUCT_ERROR, error,
                               GTK_WIDGET (self->error_group), self->error_label);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, edited->id);
  gtk_window_close (GTK_WINDOW (self));
}

/* --- photos --------------------------------------------------------------- */

/* Stored photos are scaled to this many pixels on their longer side:
 * sharp on any screen or marketplace, a few hundred kilobytes each. */
#define PHOTO_MAX_SIDE 1600
#define THUMBNAIL_SIDE 256

typedef struct {
  GBytes *image;
  GBytes *thumbnail;
} Scaled;

static void
scaled_free (Scaled *s)
{
  g_clear_pointer (&s->image, g_bytes_unref);
  g_clear_pointer (&s->thumbnail, g_bytes_unref);
  g_free (s);
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        GError    **error)
{
  char *buffer = NULL;
  gsize size = 0;
  /* Photos become JPEG; an image with transparency stays PNG. */
  gboolean ok = gdk_pixbuf_get_has_alpha (pixbuf)
                ? gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", error, NULL)
                : gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", "85", NULL);
  return ok ? g_bytes_new_take (buffer, size) : NULL;
}

static void
scale_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) small = NULL;
  Scaled *scaled;
  int width = 0, height = 0;

  /* The size from the header first: a file declaring billions of pixels
   * would be decoded whole before scaling, and run out of memory. */
  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL ||
      !canting_image_check_size (width, height, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_DESCRIPTION, &error))
    {
      if (error == NULL)
        canting_image_check_size (0, 0, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_DESCRIPTION, &error);
      g_task_return_error (task, error);
      return;
    }
  loaded = gdk_pixbuf_new_from_file_at_scale (path, PHOTO_MAX_SIDE, PHOTO_MAX_SIDE, TRUE, &error);
  if (loaded == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Phone photos carry their rotation in EXIF. */
  oriented = gdk_pixbuf_apply_embedded_orientation (loaded);
  small = gdk_pixbuf_scale_simple (oriented,
                                   MAX (1, gdk_pixbuf_get_width (oriented) * THUMBNAIL_SIDE /
                                           MAX (gdk_pixbuf_get_width (oriented), gdk_pixbuf_get_height (oriented))),
                                   MAX (1, gdk_pixbuf_get_height (oriented) * THUMBNAIL_SIDE /
                                           MAX (gdk_pixbuf_get_width (oriented), gdk_pixbuf_get_height (oriented))),
                                   GDK_INTERP_BILINEAR);
  scaled = g_new0 (Scaled, 1);
  scaled->image = encode (oriented, &error);
  scaled->thumbnail = scaled->image != NULL ? encode (small, &error) : NULL;
  if (scaled->thumbnail == NULL)
    {
      scaled_free (scaled);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, scaled, (GDestroyNotify) scaled_free);
}

static void fill_photos (CantingProductDialog *self);

static void
show_photo_error (CantingProductDialog *self,
                  const GError         *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
}

static void
on_photo_scaled (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CantingProductDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  Scaled *scaled = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the dialog closed meanwhile */
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_photo_button), TRUE);
  if (scaled == NULL ||
      !canting_product_photo_add (canting_application_get_db (self->app), self->product->id,
                                  scaled->image, scaled->thumbnail, &error))
    show_photo_error (self, error);
  else
    fill_photos (self);
  if (scaled != NULL)
    scaled_free (scaled);
}

static void
on_photo_chosen (GtkNativeDialog      *chooser,
                 int                   response,
                 CantingProductDialog *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autoptr(GTask) task = NULL;

  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_photo_button), FALSE);
  task = g_task_new (NULL, self->cancellable, on_photo_scaled, self);
  g_task_set_task_data (task, g_file_get_path (file), g_free);
  g_task_run_in_thread (task, scale_in_thread);
}

static void
on_add_photo (CantingProductDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Add a Photo"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_photo_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_remove_photo (GtkButton            *button,
                 CantingProductDialog *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "photo");
  g_autoptr(GError) error = NULL;

  if (!canting_product_photo_remove (canting_application_get_db (self->app), id, &error))
    show_photo_error (self, error);
  fill_photos (self);
}

static void
fill_photos (CantingProductDialog *self)
{
  g_autoptr(GPtrArray) photos = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->photos_box))) != NULL)
    gtk_flow_box_remove (self->photos_box, child);
  /* Photos hang on a saved product. */
  if (self->product->id == 0)
    {
      adw_preferences_group_set_description (self->photos_group, _("Save the product first, then add its photos."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_photo_button), FALSE);
      return;
    }
  photos = canting_product_photos (canting_application_get_db (self->app), self->product->id, NULL);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      const CantingPhoto *photo = g_ptr_array_index (photos, i);
      GtkWidget *overlay = gtk_overlay_new ();
      GtkWidget *picture = gtk_picture_new_for_filename (photo->thumbnail);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove photo %u"), i + 1);
      gint64 *id = g_new (gint64, 1);

      *id = photo->id;
      gtk_widget_set_size_request (picture, 96, 96);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
      gtk_widget_set_halign (remove, GTK_ALIGN_END);
      gtk_widget_set_valign (remove, GTK_ALIGN_START);
      gtk_widget_add_css_class (remove, "osd");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "photo", id, g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_photo), self);
      gtk_widget_set_halign (overlay, GTK_ALIGN_START);
      gtk_widget_set_size_request (overlay, 96, 96);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
      gtk_flow_box_append (self->photos_box, overlay);
    }
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
build_motif_menu (GtkMenuButton *button,
                  gpointer       user_data)
{
  CantingProductDialog *self = user_data;
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
  {
    /* Plain grams, no thousands dot: "1.200" would read as ambiguous. */
    g_autofree char *grams = p->weight > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, p->weight) : g_strdup ("");
    gtk_editable_set_text (GTK_EDITABLE (self->weight_row), grams);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->colours_row), p->colours);
  gtk_editable_set_text (GTK_EDITABLE (self->material_row), p->material);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), p->description);
  gtk_editable_set_text (GTK_EDITABLE (self->sku_row), p->sku);
  gtk_spin_button_set_value (self->colour_count_spin, p->colour_count);
  adw_window_title_set_title (self->window_title, p->id == 0 ? _("New Product") : p->name);
  /* The workshop's motifs are read when the menu opens. */
  gtk_menu_button_set_create_popup_func (self->motif_button, build_motif_menu, self, NULL);
}

/* The groups below the first screen, from their own file, filled. */
static void
build_rest (CantingProductDialog *self)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/canting/Canting/canting-product-dialog-rest.ui");
  const char * const groups[] = { "photos_group", "listing_group", "price_group", "recipe_editor" };
  CantingProduct *p = self->product;

#define GET(name) self->name = (gpointer) gtk_builder_get_object (builder, #name)
  GET (photos_group);
  GET (add_photo_button);
  GET (photos_box);
  GET (listing_group);
  GET (price_row);
  GET (cost_row);
  GET (stock_row);
  GET (stock_spin);
  GET (recipe_editor);
#undef GET
  self->rest = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      GtkWidget *group = GTK_WIDGET (gtk_builder_get_object (builder, groups[i]));

      canting_accessible_fix_mnemonic_buttons (group);
      g_ptr_array_add (self->rest, g_object_ref_sink (group));
    }
  g_signal_connect_swapped (self->add_photo_button, "clicked", G_CALLBACK (on_add_photo), self);
  g_signal_connect_swapped (self->price_row, "entry-activated", G_CALLBACK (on_save), self);

  gtk_spin_button_set_value (self->stock_spin, (double) p->stock);
  set_money (self->price_row, p->price);
  set_money (self->cost_row, p->unit_cost);
  fill_photos (self);
  canting_listing_group_set_product (self->listing_group, self->app, p->id);
  canting_recipe_editor_load (self->recipe_editor, canting_application_get_db (self->app), p->id);
}

/* The form's first frame shows its header and the product's own fields;
 * after it the groups below are built (a few milliseconds), then put in
 * one a frame (canting_form_step_after_frames()).  All at once, they
 * held the main loop 14 ms and more before the first frame.  TRUE once
 * all are in. */
static gboolean
build_step (CantingProductDialog *self)
{
  if (self->rest == NULL)
    build_rest (self);
  if (self->rest_added < self->rest->len)
    adw_preferences_page_add (self->page, g_ptr_array_index (self->rest, self->rest_added++));
  return self->rest_added == self->rest->len;
}

/* Builds now whatever is not built yet: the form is about to be read. */
static void
finish_building (CantingProductDialog *self)
{
  while (!build_step (self))
    ;
}

static gboolean
build_later (gpointer user_data)
{
  return build_step (user_data) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
canting_product_dialog_dispose (GObject *object)
{
  CantingProductDialog *self = CANTING_PRODUCT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->product, canting_product_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_PRODUCT_DIALOG);
  /* Those not added yet go with the array; those added went with the page. */
  g_clear_pointer (&self->rest, g_ptr_array_unref);
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

  g_type_ensure (CANTING_TYPE_RECIPE_EDITOR);
  g_type_ensure (CANTING_TYPE_LISTING_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-product-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingProductDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (page);
  BIND (error_group);
  BIND (error_label);
  BIND (name_row);
  BIND (motif_row);
  BIND (motif_button);
  BIND (technique_row);
  BIND (size_row);
  BIND (weight_row);
  BIND (colours_row);
  BIND (colour_count_row);
  BIND (colour_count_spin);
  BIND (material_row);
  BIND (description_row);
  BIND (sku_row);
#undef BIND
  gtk_widget_class_install_action (widget_class, "dialog.pick-motif", "s", pick_motif);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_product_dialog_init (CantingProductDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (on_save), self);
  canting_form_step_after_frames (GTK_WINDOW (self), build_later, self, NULL);
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
