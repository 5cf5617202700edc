/* canting-paged-model.h: a GListModel that reads a long list from the
 * database a page at a time, so ten years of orders open as fast as ten
 * days.  Items are CantingRow objects holding one core record each. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CANTING_TYPE_ROW (canting_row_get_type ())
G_DECLARE_FINAL_TYPE (CantingRow, canting_row, CANTING, ROW, GObject)

/* (transfer none) (nullable): the record (a CantingOrderRow, a
 * CantingProduct…), NULL if its page could not be read. */
gpointer canting_row_get_record (CantingRow *self);

typedef gint64     (*CantingCountFunc) (gpointer   user_data,
                                        GError   **error);
/* (transfer full) (element-type record): owns its records, i.e. has a
 * free func; the model steals them. */
typedef GPtrArray *(*CantingPageFunc)  (gpointer   user_data,
                                        guint      offset,
                                        guint      limit,
                                        GError   **error);

#define CANTING_TYPE_PAGED_MODEL (canting_paged_model_get_type ())
G_DECLARE_FINAL_TYPE (CantingPagedModel, canting_paged_model, CANTING, PAGED_MODEL, GObject)

CantingPagedModel *canting_paged_model_new    (CantingCountFunc  count,
                                               CantingPageFunc   page,
                                               GDestroyNotify    free_record,
                                               gpointer          user_data);
/* The whole list, already filtered: (transfer full), owning its records. */
typedef GPtrArray *(*CantingListFunc)  (gpointer   user_data,
                                        GError   **error);

/* A model over a short list read whole each time (a few dozen workers or
 * pieces in production), paged like the others. */
CantingPagedModel *canting_paged_model_new_for_list (CantingListFunc  list,
                                                     GDestroyNotify   free_record,
                                                     gpointer         user_data);
/* Counts again and forgets every page read: after a change, or when the
 * search or filter changed.  FALSE with @error if counting failed (the
 * list is then empty). */
gboolean           canting_paged_model_reload (CantingPagedModel  *self,
                                               GError            **error);

G_END_DECLS
