/* canting-paged-model.h: a GListModel that reads a long list from the
 * database a page at a time, so ten years of orders open as fast as ten
 * days.  Items are CantingRow objects holding one core record each. */
#pragma once

#include <gio/gio.h>

#include "canting-db.h"

G_BEGIN_DECLS

#define CANTING_TYPE_ROW (canting_row_get_type ())
G_DECLARE_FINAL_TYPE (CantingRow, canting_row, CANTING, ROW, GObject)

/* A row owning @record (freed with @free_record), for a list read
 * whole into a GListStore and shown with canting_columns_append(). */
CantingRow *canting_row_new        (gpointer        record,
                                    GDestroyNotify  free_record);
/* (transfer none) (nullable): the record (a CantingOrderRow, a
 * CantingProduct…), NULL if its page could not be read. */
gpointer    canting_row_get_record (CantingRow     *self);

#define CANTING_TYPE_PAGED_MODEL (canting_paged_model_get_type ())
G_DECLARE_FINAL_TYPE (CantingPagedModel, canting_paged_model, CANTING, PAGED_MODEL, GObject)

/* How many rows the last reload counted.  The model itself shows them a
 * screenful per frame at first (see canting-paged-model.c), so its item
 * count reaches this a few frames later. */
guint              canting_paged_model_get_n_total (CantingPagedModel *self);

/* Everything is read off the main thread.  The filters are copied on the
 * main thread at each reload (@snapshot), then the count and the first
 * rows are read on a worker with a connection of its own, so a search
 * through ten years of orders never stops the window.  Later pages, read
 * as the list scrolls, use the same copy, on a worker too; an empty row
 * (record NULL) stands in until they are there.
 *
 * @page returns (transfer full) (element-type record) an array owning its
 * records (with a free func); the model takes them over. */
typedef gpointer   (*CantingQueryFunc)      (gpointer       user_data);
typedef gint64     (*CantingQueryCountFunc) (CantingDb     *db,
                                             gconstpointer  query,
                                             GError       **error);
typedef GPtrArray *(*CantingQueryPageFunc)  (CantingDb     *db,
                                             gconstpointer  query,
                                             guint          offset,
                                             guint          limit,
                                             GError       **error);

CantingPagedModel *canting_paged_model_new_query     (CantingQueryFunc       snapshot,
                                                      GDestroyNotify         free_query,
                                                      CantingQueryCountFunc  count,
                                                      CantingQueryPageFunc   page,
                                                      GDestroyNotify         free_record,
                                                      gpointer               user_data);
/* The rows shown stay until the new ones are read; a reload asked for
 * while another is on its way supersedes it: that one's finish returns
 * FALSE without setting @error, and shows nothing. */
void               canting_paged_model_reload_async  (CantingPagedModel    *self,
                                                      CantingDb            *db,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean           canting_paged_model_reload_finish (CantingPagedModel    *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
/* A short list read whole each time (a few dozen workers, the pieces in
 * production), the same way: @list returns it filtered, owning its
 * records. */
typedef GPtrArray *(*CantingQueryListFunc)  (CantingDb     *db,
                                             gconstpointer  query,
                                             GError       **error);
CantingPagedModel *canting_paged_model_new_query_for_list (CantingQueryFunc      snapshot,
                                                           GDestroyNotify        free_query,
                                                           CantingQueryListFunc  list,
                                                           GDestroyNotify        free_record,
                                                           gpointer              user_data);
/* TRUE while a reload is being read or its rows are still being added. */
gboolean           canting_paged_model_is_reading   (CantingPagedModel    *self);

G_END_DECLS
