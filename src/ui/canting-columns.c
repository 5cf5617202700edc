/* canting-columns.c: label columns over CantingRow records. */
#include "canting-columns.h"

#include "canting-paged-model.h"

typedef struct {
  CantingCellText text;
  CantingCellStyle style;
  gboolean numeric;
  guint chars;
} Column;

/* Cells are GtkInscriptions, not labels: an inscription's size comes from
 * its character count, so a row's text set at bind time is only drawn.
 * A label measures its text, and in GTK 4.8 a label changing size makes
 * its column measure every cell again, each of the two hundred rows GTK
 * keeps, for every screenful added or scrolled (tens of milliseconds). */
#define TEXT_CHARS 16
#define NUMBER_CHARS 13
#define STYLE_KEY "canting-cell-style"

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            Column                   *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), column->numeric ? 1.0 : 0.0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column->chars);
  if (column->numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Column                   *column)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  gpointer record = canting_row_get_record (gtk_list_item_get_item (item));
  g_autofree char *text = record != NULL ? column->text (record) : NULL;
  const char *style = record != NULL && column->style != NULL ? column->style (record) : NULL;
  const char *shown = g_object_get_data (G_OBJECT (cell), STYLE_KEY);

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  /* A style class changed is a style to work out again: only when the
   * row's style differs from the one the cell last showed. */
  if (g_strcmp0 (style, shown) == 0)
    return;
  if (shown != NULL)
    gtk_widget_remove_css_class (cell, shown);
  if (style != NULL)
    gtk_widget_add_css_class (cell, style);
  g_object_set_data (G_OBJECT (cell), STYLE_KEY, (gpointer) style);
}

static GtkColumnViewColumn *
text_column_new (const CantingColumnSpec *spec)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  Column *column = g_new0 (Column, 1);
  GtkColumnViewColumn *view_column;

  column->text = spec->text;
  column->style = spec->style;
  column->numeric = spec->numeric;
  column->chars = spec->chars > 0 ? spec->chars : spec->numeric ? NUMBER_CHARS : TEXT_CHARS;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), column);
  g_object_set_data_full (G_OBJECT (factory), "canting-column", column, g_free);

  view_column = gtk_column_view_column_new (spec->title, factory);
  gtk_column_view_column_set_expand (view_column, spec->expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  return view_column;
}

void
canting_columns_append (GtkColumnView           *view,
                        const CantingColumnSpec *specs,
                        gsize                    n_specs)
{
  for (gsize i = 0; i < n_specs; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = text_column_new (&specs[i]);
      gtk_column_view_append_column (view, column);
    }
}

/* --- picture columns ---------------------------------------------------- */

#define PICTURE_SIDE 40

static void
setup_picture (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               Column                   *column)
{
  /* Decoration beside the name: a screen reader skips it. */
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_image_set_pixel_size (GTK_IMAGE (image), PICTURE_SIDE);
  gtk_widget_set_size_request (image, PICTURE_SIDE, PICTURE_SIDE);
  gtk_list_item_set_child (item, image);
}

/* Photos are decoded on a worker thread, so a list of products scrolls
 * and fills without waiting on files; a photo seen recently is shown at
 * once from memory.  Thumbnails are small (96×72): a few hundred kept
 * take a few megabytes. */
#define PHOTOS_KEPT 256

static GHashTable *photos_kept;   /* path → GdkTexture */

#define WANTED_KEY "canting-photo-wanted"

static void
show_photo (GtkImage   *image,
            GdkTexture *texture)
{
  gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
  gtk_widget_remove_css_class (GTK_WIDGET (image), "dim-label");
}

static void
show_no_photo (GtkImage *image)
{
  gtk_image_set_pixel_size (image, PICTURE_SIDE / 2);
  gtk_image_set_from_icon_name (image, "image-x-generic-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (image), "dim-label");
}

static void
decode_photo (GTask        *task,
              gpointer      source,
              gpointer      path,
              GCancellable *cancellable)
{
  GError *error = NULL;
  /* Threadsafe, as GTK documents it for this use. */
  GdkTexture *texture = gdk_texture_new_from_filename (path, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
photo_decoded (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  GWeakRef *weak = data;
  g_autoptr(GtkImage) image = g_weak_ref_get (weak);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  g_weak_ref_clear (weak);
  g_free (weak);
  if (texture == NULL)
    return;   /* damaged or unreadable: the placeholder stays */
  if (photos_kept == NULL)
    photos_kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (g_hash_table_size (photos_kept) >= PHOTOS_KEPT)
    g_hash_table_remove_all (photos_kept);
  g_hash_table_insert (photos_kept, g_strdup (path), g_object_ref (texture));
  /* The row may show another product by now. */
  if (image != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (image), WANTED_KEY), path) == 0)
    {
      gtk_image_set_pixel_size (image, PICTURE_SIDE);
      show_photo (image, texture);
    }
}

static void
bind_picture (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              Column                   *column)
{
  GtkImage *image = GTK_IMAGE (gtk_list_item_get_child (item));
  gpointer record = canting_row_get_record (gtk_list_item_get_item (item));
  g_autofree char *path = record != NULL ? column->text (record) : NULL;
  GdkTexture *kept = path != NULL && photos_kept != NULL ? g_hash_table_lookup (photos_kept, path) : NULL;
  g_autoptr(GTask) task = NULL;
  GWeakRef *weak;

  g_object_set_data_full (G_OBJECT (image), WANTED_KEY, g_strdup (path), g_free);
  gtk_image_set_pixel_size (image, PICTURE_SIDE);
  if (kept != NULL)
    {
      show_photo (image, kept);
      return;
    }
  /* Until it is decoded, or for good when there is no photo yet or its
   * file is gone (an older backup restored): the placeholder. */
  show_no_photo (image);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, image);
  task = g_task_new (NULL, NULL, photo_decoded, weak);
  g_task_set_source_tag (task, bind_picture);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, decode_photo);
}

static void
unbind_picture (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                Column                   *column)
{
  GtkWidget *image = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (image), WANTED_KEY, NULL);
  gtk_image_clear (GTK_IMAGE (image));
}

GtkColumnViewColumn *
canting_picture_column_new (const char      *title,
                            CantingCellText  path)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  Column *column = g_new0 (Column, 1);
  GtkColumnViewColumn *view_column;

  column->text = path;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_picture), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_picture), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_picture), column);
  g_object_set_data_full (G_OBJECT (factory), "canting-column", column, g_free);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (view_column, PICTURE_SIDE + 16);
  return view_column;
}
