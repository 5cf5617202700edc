/* canting-paged-model.c: reading long lists a page at a time, off the
 * main thread.
 *
 * A reload copies the page's filters, then a worker with its own
 * connection counts the rows and reads the first few hundred; the list
 * widgets then ask for items by position as they scroll, and a page not
 * read yet is read on a worker while an empty row stands in.  A handful of
 * recent pages are kept: memory stays flat however long the list is, and
 * nothing the database does holds up a frame. */
#include "canting-paged-model.h"

/* Rows per read: a screenful at 1366×768, so reading one page while
 * scrolling stays well within a frame. */
#define PAGE_SIZE 32
/* Pages kept: enough for scrolling back and forth without rereading. */
#define PAGES_KEPT 16

/* GTK 4.8 makes a row of widgets for up to two hundred items around the
 * top of a list as soon as they are added: for a list of several columns
 * that is 50–100 ms at once, five frames with nothing drawn.  A reload
 * therefore adds half a screenful, then as much again each frame, and the
 * rest in one go once GTK has all the rows it keeps (beyond them, adding
 * items makes no widgets).  Each addition also has GTK measure every row
 * it has again (about 0.05 ms a row here), so past GROW_LATE_FROM rows
 * the steps are smaller: every step stays well within a frame. */
#define GROW_STEP 8
#define GROW_LATE_FROM 96
#define GROW_LATE_STEP 4
#define GROW_INTERVAL_MS 16
#define GROW_UNTIL 256

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

/* The filters copied at a reload, shared by the worker reading with
 * them and the model, whichever lets go last frees them. */
typedef struct {
  gpointer data;
  GDestroyNotify free_data;
} Query;

static void
query_clear (gpointer data)
{
  Query *q = data;

  if (q->data != NULL && q->free_data != NULL)
    q->free_data (q->data);
}

static void
query_unref (Query *q)
{
  g_atomic_rc_box_release_full (q, query_clear);
}

struct _CantingPagedModel
{
  GObject parent_instance;

  GDestroyNotify free_record;
  gpointer user_data;

  /* The filters as they were at the last reload, and its connection. */
  CantingQueryFunc snapshot;
  GDestroyNotify free_query;
  CantingQueryCountFunc query_count;
  CantingQueryPageFunc query_page;
  Query *query;
  /* (weak) The workshop's connection: it is closed, and its clean close
   * noted, when the application lets go of it, whatever lists remain. */
  CantingDb *db;
  guint generation;    /* of the newest reload asked for */
  gboolean reading;
  GHashTable *pages_reading;   /* page indexes being read on a worker */
  guint shrink_source;
  /* A reload's answer kept until the old rows have gone a few a frame:
   * its filters, its first rows and its count. */
  Query *pending_query;
  GPtrArray *pending_records;
  gint64 pending_n;

  guint n_items;       /* what the list shows so far */
  guint n_total;       /* what the last count found */
  guint grow_source;
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

CantingRow *
canting_row_new (gpointer       record,
                 GDestroyNotify free_record)
{
  CantingRow *row = g_object_new (CANTING_TYPE_ROW, NULL);

  row->record = record;
  row->free_record = free_record;
  return row;
}

static GPtrArray *
rows_from_records (CantingPagedModel *self,
                   GPtrArray         *records)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  /* The rows take the records over from the array. */
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (rows, canting_row_new (g_ptr_array_index (records, i), self->free_record));
  return rows;
}

static void
keep_page (CantingPagedModel *self,
           guint              index,
           GPtrArray         *rows)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), rows);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (index));
  while (g_queue_get_length (&self->recent) > PAGES_KEPT)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

static void read_page_async (CantingPagedModel *self,
                             guint              index);

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
      /* Read on a worker; an empty row stands in until it is there. */
      read_page_async (self, index);
      return canting_row_new (NULL, NULL);
    }
  g_queue_remove (&self->recent, GUINT_TO_POINTER (index));
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (index));

  /* The list shrank under us (another window deleted rows): an empty
   * row until the next reload, never a missing item. */
  if (offset >= rows->len)
    return canting_row_new (NULL, NULL);
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

  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_hash_table_unref (self->pages);
  g_queue_clear (&self->recent);
  g_clear_handle_id (&self->shrink_source, g_source_remove);
  g_clear_pointer (&self->query, query_unref);
  g_clear_pointer (&self->pending_query, query_unref);
  g_clear_pointer (&self->pending_records, g_ptr_array_unref);
  g_clear_weak_pointer (&self->db);
  g_hash_table_unref (self->pages_reading);
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
  self->pages_reading = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->recent);
}

/* Adds the next screenful, or all the rest once GTK has its rows. */
static gboolean
grow (gpointer data)
{
  CantingPagedModel *self = data;
  guint old = self->n_items;
  guint step = old < GROW_LATE_FROM ? GROW_STEP : GROW_LATE_STEP;

  self->n_items = old + step >= MIN (self->n_total, GROW_UNTIL) ? self->n_total : old + step;
  g_list_model_items_changed (G_LIST_MODEL (self), old, 0, self->n_items - old);
  if (self->n_items < self->n_total)
    return G_SOURCE_CONTINUE;
  self->grow_source = 0;
  return G_SOURCE_REMOVE;
}

/* Forgets what was shown and shows @n rows instead, growing. */
static void
show_count (CantingPagedModel *self,
            gint64             n)
{
  guint old = self->n_items;

  /* Two changes, everything out and then the new rows in, not one that
   * replaces them: given "removed and added" at once, GTK 4.8 looks for
   * the row it was showing among every added row (the list's anchor and
   * focus), which reads every page of a long list (twenty seconds for
   * ten years of IPAL entries).  Removed alone, it lets go of the row;
   * added alone, it reads only what it shows. */
  g_clear_handle_id (&self->grow_source, g_source_remove);
  self->n_items = 0;
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->n_total = n > 0 ? (guint) MIN (n, G_MAXUINT) : 0;
  if (self->n_total > 0 && grow (self) == G_SOURCE_CONTINUE)
    self->grow_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, GROW_INTERVAL_MS, grow, self, NULL);
}

/* --- off the main thread ----------------------------------------------- */

/* What a reload reads on the worker: the rows GTK makes widgets for,
 * in one statement (a search reads its matches once, not per page). */
#define FIRST_READ GROW_UNTIL
/* While a reload is read, the old rows below the first screen go, this
 * many a frame: GTK 4.8 takes 40 ms to drop its two hundred rows of
 * widgets at once. */
#define SHRINK_STEP 24

typedef struct {
  Query *query;
  CantingQueryCountFunc count;
  CantingQueryPageFunc page;
  guint generation;
  guint index;                /* the page to read; G_MAXUINT: count and the first rows */
  gint64 n;
  GPtrArray *records;
} Reading;

static void
reading_free (Reading *r)
{
  g_clear_pointer (&r->query, query_unref);
  g_clear_pointer (&r->records, g_ptr_array_unref);
  g_free (r);
}

/* On the worker (canting_db_read_async()). */
static gboolean
read_rows (CantingDb  *reader,
           gpointer    data,
           GError    **error)
{
  Reading *r = data;

  if (r->index == G_MAXUINT)
    {
      r->n = r->count (reader, r->query->data, error);
      if (r->n >= 0)
        r->records = r->page (reader, r->query->data, 0, FIRST_READ, error);
    }
  else
    r->records = r->page (reader, r->query->data, r->index * PAGE_SIZE, PAGE_SIZE, error);
  return r->records != NULL;
}

static Reading *
reading_new (CantingPagedModel *self,
             guint              index)
{
  Reading *r = g_new0 (Reading, 1);

  r->query = self->query != NULL ? g_atomic_rc_box_acquire (self->query) : NULL;
  r->count = self->query_count;
  r->page = self->query_page;
  r->generation = self->generation;
  r->index = index;
  return r;
}

CantingPagedModel *
canting_paged_model_new_query (CantingQueryFunc       snapshot,
                               GDestroyNotify         free_query,
                               CantingQueryCountFunc  count,
                               CantingQueryPageFunc   page,
                               GDestroyNotify         free_record,
                               gpointer               user_data)
{
  CantingPagedModel *self = g_object_new (CANTING_TYPE_PAGED_MODEL, NULL);

  self->snapshot = snapshot;
  self->free_query = free_query;
  self->query_count = count;
  self->query_page = page;
  self->free_record = free_record;
  self->user_data = user_data;
  return self;
}

static void
page_read (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  CantingPagedModel *self = CANTING_PAGED_MODEL (source);
  Reading *r = canting_db_read_get_data (result);
  g_autoptr(GError) error = NULL;
  guint start = r->index * PAGE_SIZE, len;

  /* Read for rows since replaced: by a newer reload, or with the filters
   * a reload's answer has since replaced (a row scrolled to while that
   * answer waited for the old rows to go). */
  if (r->generation != self->generation || r->query != self->query)
    return;
  g_hash_table_remove (self->pages_reading, GUINT_TO_POINTER (r->index));
  if (!canting_db_read_finish (result, &error))
    {
      g_warning ("Reading a page of the list failed: %s", error->message);
      return;
    }
  keep_page (self, r->index, rows_from_records (self, r->records));
  /* The stand-ins out, the rows in. */
  if (start < self->n_items)
    {
      len = MIN (PAGE_SIZE, self->n_items - start);
      g_list_model_items_changed (G_LIST_MODEL (self), start, len, len);
    }
}

static void
read_page_async (CantingPagedModel *self,
                 guint              index)
{
  if (g_hash_table_contains (self->pages_reading, GUINT_TO_POINTER (index)) || self->db == NULL)
    return;
  g_hash_table_add (self->pages_reading, GUINT_TO_POINTER (index));
  canting_db_read_async (self->db, self, read_rows, reading_new (self, index), (GDestroyNotify) reading_free,
                         page_read, NULL);
}

static void show_reload (CantingPagedModel *self);

/* One frame's share of the old rows out, from the end; once they are
 * gone, the reload's answer if it is in. */
static gboolean
shrink (gpointer data)
{
  CantingPagedModel *self = data;
  guint old = self->n_items;

  self->n_items = old > GROW_STEP + SHRINK_STEP ? old - SHRINK_STEP : MIN (old, GROW_STEP);
  if (self->n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, old - self->n_items, 0);
  if (self->n_items > GROW_STEP)
    return G_SOURCE_CONTINUE;
  self->shrink_source = 0;
  if (self->pending_records != NULL)
    show_reload (self);
  return G_SOURCE_REMOVE;
}

void
canting_paged_model_reload_async (CantingPagedModel   *self,
                                  CantingDb           *db,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Reading *r;

  g_return_if_fail (CANTING_IS_PAGED_MODEL (self));

  self->generation++;
  self->reading = TRUE;
  r = reading_new (self, G_MAXUINT);
  g_clear_pointer (&r->query, query_unref);
  r->query = g_atomic_rc_box_new0 (Query);
  r->query->data = self->snapshot (self->user_data);
  r->query->free_data = self->free_query;
  g_set_weak_pointer (&self->db, db);
  canting_db_read_async (db, self, read_rows, r, (GDestroyNotify) reading_free, callback, user_data);

  /* Meanwhile the old rows below the first screen go a few a frame; rows
   * GTK made no widgets for go at once. */
  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_clear_pointer (&self->pending_query, query_unref);
  g_clear_pointer (&self->pending_records, g_ptr_array_unref);
  g_hash_table_remove_all (self->pages_reading);
  if (self->n_items > GROW_UNTIL)
    {
      guint old = self->n_items;

      self->n_items = GROW_UNTIL;
      g_list_model_items_changed (G_LIST_MODEL (self), GROW_UNTIL, old - GROW_UNTIL, 0);
    }
  if (self->n_items > GROW_STEP && self->shrink_source == 0)
    self->shrink_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, GROW_INTERVAL_MS, shrink, self, NULL);
}

/* The reload's answer in place of the old rows. */
static void
show_reload (CantingPagedModel *self)
{
  g_autoptr(GPtrArray) first = g_steal_pointer (&self->pending_records);

  /* What the rows are read with from now on, scrolling included. */
  g_clear_pointer (&self->query, query_unref);
  self->query = g_steal_pointer (&self->pending_query);
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->pages_reading);
  g_queue_clear (&self->recent);
  /* The pages take the records over. */
  g_ptr_array_set_free_func (first, NULL);
  for (guint i = 0; i * PAGE_SIZE < first->len; i++)
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (self->free_record);

      for (guint k = i * PAGE_SIZE; k < first->len && k < (i + 1) * PAGE_SIZE; k++)
        g_ptr_array_add (records, g_steal_pointer (&first->pdata[k]));
      keep_page (self, i, rows_from_records (self, records));
    }
  show_count (self, self->pending_n);
}

gboolean
canting_paged_model_reload_finish (CantingPagedModel  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  Reading *r = canting_db_read_get_data (result);

  /* A newer reload is on its way: this one's rows are already stale. */
  if (r->generation != self->generation)
    return FALSE;
  self->reading = FALSE;
  if (!canting_db_read_finish (result, error))
    {
      g_clear_handle_id (&self->shrink_source, g_source_remove);
      show_count (self, 0);
      return FALSE;
    }
  self->pending_query = g_steal_pointer (&r->query);
  self->pending_records = g_steal_pointer (&r->records);
  self->pending_n = r->n;
  /* Many old rows still shown: they go a few a frame first (shrink()),
   * as dropping them at once holds up a frame. */
  if (self->shrink_source != 0 && self->n_items > GROW_STEP + SHRINK_STEP)
    return TRUE;
  g_clear_handle_id (&self->shrink_source, g_source_remove);
  show_reload (self);
  return TRUE;
}

/* A short list read whole, off the main thread like the others: the
 * count reads it, each page reads it again (a few hundred rows at most,
 * on a worker). */
typedef struct {
  CantingQueryFunc snapshot;
  GDestroyNotify free_query;
  CantingQueryListFunc list;
  GDestroyNotify free_record;
  gpointer user_data;
} WholeSpec;

/* A copy of the spec, not a pointer to it: a reading's task lets go of
 * the model before of its data, so the model (and its spec) may be gone
 * by the time a reading's query is freed. */
typedef struct {
  WholeSpec spec;
  gpointer query;
} WholeQuery;

static gpointer
whole_query (gpointer data)
{
  WholeSpec *spec = data;
  WholeQuery *w = g_new0 (WholeQuery, 1);

  w->spec = *spec;
  w->query = spec->snapshot (spec->user_data);
  return w;
}

static void
whole_query_free (gpointer data)
{
  WholeQuery *w = data;

  if (w->query != NULL && w->spec.free_query != NULL)
    w->spec.free_query (w->query);
  g_free (w);
}

static gint64
whole_query_count (CantingDb      *db,
                   gconstpointer   query,
                   GError        **error)
{
  const WholeQuery *w = query;
  g_autoptr(GPtrArray) all = w->spec.list (db, w->query, error);

  return all != NULL ? (gint64) all->len : -1;
}

static GPtrArray *
whole_query_page (CantingDb      *db,
                  gconstpointer   query,
                  guint           offset,
                  guint           limit,
                  GError        **error)
{
  const WholeQuery *w = query;
  g_autoptr(GPtrArray) all = w->spec.list (db, w->query, error);
  GPtrArray *page;

  if (all == NULL)
    return NULL;
  page = g_ptr_array_new_with_free_func (w->spec.free_record);
  for (guint i = offset; i < all->len && i < offset + limit; i++)
    g_ptr_array_add (page, g_steal_pointer (&all->pdata[i]));
  return page;
}

CantingPagedModel *
canting_paged_model_new_query_for_list (CantingQueryFunc      snapshot,
                                        GDestroyNotify        free_query,
                                        CantingQueryListFunc  list,
                                        GDestroyNotify        free_record,
                                        gpointer              user_data)
{
  WholeSpec *spec = g_new0 (WholeSpec, 1);
  CantingPagedModel *model;

  *spec = (WholeSpec) { snapshot, free_query, list, free_record, user_data };
  model = canting_paged_model_new_query (whole_query, whole_query_free, whole_query_count, whole_query_page,
                                         free_record, spec);
  g_object_set_data_full (G_OBJECT (model), "canting-whole-spec", spec, g_free);
  return model;
}

gboolean
canting_paged_model_is_reading (CantingPagedModel *self)
{
  g_return_val_if_fail (CANTING_IS_PAGED_MODEL (self), FALSE);
  return self->reading || self->grow_source != 0 || self->pending_records != NULL ||
         g_hash_table_size (self->pages_reading) > 0;
}

guint
canting_paged_model_get_n_total (CantingPagedModel *self)
{
  g_return_val_if_fail (CANTING_IS_PAGED_MODEL (self), 0);
  /* A reload's count is its answer, even while its rows wait for the old
   * ones to go. */
  if (self->pending_records != NULL)
    return self->pending_n > 0 ? (guint) MIN (self->pending_n, G_MAXUINT) : 0;
  return self->n_total;
}
