/* canting-columns.c: label columns over CantingRow records. */
#include "canting-columns.h"

#include "canting-paged-model.h"

typedef struct {
  CantingCellText text;
  CantingCellStyle style;
  gboolean numeric;
} Column;

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            Column                   *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Column                   *column)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  gpointer record = canting_row_get_record (gtk_list_item_get_item (item));
  g_autofree char *text = record != NULL ? column->text (record) : NULL;
  const char *style = record != NULL && column->style != NULL ? column->style (record) : NULL;

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_css_classes (label, NULL);
  if (column->numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
}

GtkColumnViewColumn *
canting_text_column_new (const char       *title,
                         CantingCellText   text,
                         CantingCellStyle  style,
                         gboolean          numeric,
                         gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  Column *column = g_new0 (Column, 1);
  GtkColumnViewColumn *view_column;

  column->text = text;
  column->style = style;
  column->numeric = numeric;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), column);
  g_object_set_data_full (G_OBJECT (factory), "canting-column", column, g_free);

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
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
      g_autoptr(GtkColumnViewColumn) column =
        canting_text_column_new (specs[i].title, specs[i].text, specs[i].style, specs[i].numeric, specs[i].expand);
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

static void
bind_picture (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              Column                   *column)
{
  GtkWidget *image = gtk_list_item_get_child (item);
  gpointer record = canting_row_get_record (gtk_list_item_get_item (item));
  g_autofree char *path = record != NULL ? column->text (record) : NULL;

  gtk_widget_remove_css_class (image, "dim-label");
  gtk_image_set_pixel_size (GTK_IMAGE (image), PICTURE_SIDE);
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    gtk_image_set_from_file (GTK_IMAGE (image), path);
  else
    {
      gtk_image_set_pixel_size (GTK_IMAGE (image), PICTURE_SIDE / 2);
      /* No photo yet, or its file is gone (an older backup restored). */
      gtk_image_set_from_icon_name (GTK_IMAGE (image), "image-x-generic-symbolic");
      gtk_widget_add_css_class (image, "dim-label");
    }
}

static void
unbind_picture (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                Column                   *column)
{
  gtk_image_clear (GTK_IMAGE (gtk_list_item_get_child (item)));
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
