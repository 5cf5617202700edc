/* canting-columns.h: text columns for the lists of records. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The cell's text for @record (transfer full), or NULL for none. */
typedef char       *(*CantingCellText)  (gconstpointer record);
/* A style class for the cell ("error" for an overdue date), or NULL. */
typedef const char *(*CantingCellStyle) (gconstpointer record);

/* A column of small pictures: @path gives the image file of a record
 * (transfer full), or NULL for a placeholder. */
GtkColumnViewColumn *canting_picture_column_new (const char       *title,
                                                 CantingCellText   path);

/* One text column of a list, as a table entry: @text of each CantingRow's
 * record.  Numbers (@numeric) are right-aligned with tabular digits, so
 * amounts line up.  The column is as wide as @chars characters (0: a
 * usual width for a name or an amount), not as its longest text: longer
 * texts end in "…", and an @expand column takes the room left over. */
typedef struct {
  const char       *title;
  CantingCellText   text;
  CantingCellStyle  style;
  gboolean          numeric;
  gboolean          expand;
  guint             chars;
} CantingColumnSpec;

/* Appends a text column to @view for each of @n_specs. */
void canting_columns_append (GtkColumnView           *view,
                             const CantingColumnSpec *specs,
                             gsize                    n_specs);

G_END_DECLS
