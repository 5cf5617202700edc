/* canting-paged-model.c: reading long lists a page at a time.
 *
 * The list widgets ask for items by position as they scroll; each request
 * reads the whole page around it once, and a handful of recent pages are
 * kept.  Memory stays flat however long the list is. */
#include "canting-paged-model.h"

/* Rows per read: a screenful or two at 1366×768. */
#define PAGE_SIZE 64
/* Pages kept: enough for scrolling back and forth without rereading. */
#define PAGES_KEPT 8

struct _CantingRow
{
  GObject parent_instance;
  gpointer record;
  GDestroyNotify free_record;
};

G_DEFINE_FINAL_TYPE (CantingRow, canting_row, G_TYPE_OBJECT)

static void
canting_row_finalize (GObject *object)
{
  CantingRow *self = CANTING_ROW (object);

  if (self->record != NULL && self->free_record != NULL)
    self->free_record (self->record);
  G_OBJECT_CLASS (canting_row_parent_class)->finalize (object);
}

static void
canting_row_class_init (CantingRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = canting_row_finalize;
}

static void
canting_row_init (CantingRow *self)
{
}

gpointer
canting_row_get_record (CantingRow *self)
{
  g_return_val_if_fail (CANTING_IS_ROW (self), NULL);
  return self->record;
}

struct _CantingPagedModel
{
  GObject parent_instance;

  CantingCountFunc count;
  CantingPageFunc page;
  GDestroyNotify free_record;
  gpointer user_data;

  guint n_items;
  GHashTable *pages;   /* page index → GPtrArray of CantingRow */
  GQueue recent;       /* page indexes, most recent first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CantingPagedModel, canting_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return CANTING_TYPE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return CANTING_PAGED_MODEL (model)->n_items;
}

static CantingRow *
row_new (gpointer       record,
         GDestroyNotify free_record)
{
  CantingRow *row = g_object_new (CANTING_TYPE_ROW, NULL);

  row->record = record;
  row->free_record = free_record;
  return row;
}

static GPtrArray *
read_page (CantingPagedModel *self,
           guint              index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = self->page (self->user_data, index * PAGE_SIZE, PAGE_SIZE, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (records == NULL)
    g_warning ("Reading a page of the list failed: %s", error->message);
  else
    {
      /* The rows take the records over from the array. */
      g_ptr_array_set_free_func (records, NULL);
      for (guint i = 0; i < records->len; i++)
        g_ptr_array_add (rows, row_new (g_ptr_array_index (records, i), self->free_record));
    }
  return rows;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CantingPagedModel *self = CANTING_PAGED_MODEL (model);
  guint index = position / PAGE_SIZE;
  guint offset = position % PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (rows == NULL)
    {
      rows = read_page (self, index);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), rows);
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (index));
      while (g_queue_get_length (&self->recent) > PAGES_KEPT)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
    }
  else
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (index));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (index));
    }

  /* The list shrank under us (another window deleted rows): an empty
   * row until the next reload, never a missing item. */
  if (offset >= rows->len)
    return row_new (NULL, NULL);
  return g_object_ref (g_ptr_array_index (rows, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
canting_paged_model_finalize (GObject *object)
{
  CantingPagedModel *self = CANTING_PAGED_MODEL (object);

  g_hash_table_unref (self->pages);
  g_queue_clear (&self->recent);
  G_OBJECT_CLASS (canting_paged_model_parent_class)->finalize (object);
}

static void
canting_paged_model_class_init (CantingPagedModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = canting_paged_model_finalize;
}

static void
canting_paged_model_init (CantingPagedModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}

CantingPagedModel *
canting_paged_model_new (CantingCountFunc  count,
                         CantingPageFunc   page,
                         GDestroyNotify    free_record,
                         gpointer          user_data)
{
  CantingPagedModel *self = g_object_new (CANTING_TYPE_PAGED_MODEL, NULL);

  self->count = count;
  self->page = page;
  self->free_record = free_record;
  self->user_data = user_data;
  return self;
}

gboolean
canting_paged_model_reload (CantingPagedModel  *self,
                            GError            **error)
{
  guint old = self->n_items;
  gint64 n;

  g_return_val_if_fail (CANTING_IS_PAGED_MODEL (self), FALSE);

  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  n = self->count (self->user_data, error);
  /* Two changes, everything out and then the new rows in, not one that
   * replaces them: given "removed and added" at once, GTK 4.8 looks for
   * the row it was showing among every added row (the list's anchor and
   * focus), which reads every page of a long list (twenty seconds for
   * ten years of IPAL entries).  Removed alone, it lets go of the row;
   * added alone, it reads only what it shows. */
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_items = n > 0 ? (guint) MIN (n, G_MAXUINT) : 0;
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  return n >= 0;
}

typedef struct {
  CantingListFunc list;
  GDestroyNotify free_record;
  gpointer user_data;
} WholeList;

static gint64
whole_count (gpointer   data,
             GError   **error)
{
  WholeList *w = data;
  g_autoptr(GPtrArray) all = w->list (w->user_data, error);
  return all != NULL ? (gint64) all->len : -1;
}

static GPtrArray *
whole_page (gpointer   data,
            guint      offset,
            guint      limit,
            GError   **error)
{
  WholeList *w = data;
  g_autoptr(GPtrArray) all = w->list (w->user_data, error);
  GPtrArray *page;

  if (all == NULL)
    return NULL;
  page = g_ptr_array_new_with_free_func (w->free_record);
  for (guint i = offset; i < all->len && i < offset + limit; i++)
    g_ptr_array_add (page, g_steal_pointer (&all->pdata[i]));
  return page;
}

CantingPagedModel *
canting_paged_model_new_for_list (CantingListFunc  list,
                                  GDestroyNotify   free_record,
                                  gpointer         user_data)
{
  WholeList *w = g_new0 (WholeList, 1);
  CantingPagedModel *model;

  *w = (WholeList) { list, free_record, user_data };
  model = canting_paged_model_new (whole_count, whole_page, free_record, w);
  g_object_set_data_full (G_OBJECT (model), "canting-whole-list", w, g_free);
  return model;
}
