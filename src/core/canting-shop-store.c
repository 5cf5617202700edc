/* canting-shop-store.c: the practice shop's records in their own SQLite file.
 *
 * This is not a workshop database: no migrations with backups, no
 * CantingDb.  It is a scratch file the practice shop creates (a temp file
 * by default, or one a trainer keeps with --data), so its schema is made
 * in one go and a file from another schema is refused.  What WooCommerce
 * would keep as text (prices, dates) is kept as text, so the shop echoes a
 * client's values exactly as the real one does. */
#include "canting-shop-store.h"

#include "canting-error.h"
#include "canting-i18n.h"

#include <sqlite3.h>
#include <string.h>

/* PRAGMA user_version of the practice shop's file; unrelated to the
 * workshop schema's numbering. */
#define SHOP_SCHEMA_VERSION 1

/* "SHOP" in the SQLite header: tells a practice shop file from a workshop. */
#define SHOP_APPLICATION_ID 0x53484F50

/* Products, media and orders are WordPress posts and share one id
 * sequence; categories are terms with another.  A fresh WordPress has
 * already used the first few of each (sample page, shop pages,
 * "Uncategorized" is term 15 in the recorded store), and starting there
 * keeps clients honest: a remote id is never the local one by accident.
 * The first post id is 10 (counters in schema_sql). */
#define UNCATEGORIZED_ID 15

struct _CantingShopStore
{
  GObject parent_instance;

  sqlite3 *handle;
  char *path;
};

G_DEFINE_FINAL_TYPE (CantingShopStore, canting_shop_store, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static const char schema_sql[] =
  "CREATE TABLE counters (name TEXT PRIMARY KEY, next INTEGER NOT NULL);"
  "CREATE TABLE categories ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL UNIQUE,"
  "  parent INTEGER NOT NULL DEFAULT 0, description TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE media ("
  "  id INTEGER PRIMARY KEY, file_name TEXT NOT NULL, path TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL, mime_type TEXT NOT NULL, data BLOB NOT NULL, created TEXT NOT NULL);"
  "CREATE TABLE products ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, slug TEXT NOT NULL, type TEXT NOT NULL,"
  "  status TEXT NOT NULL, sku TEXT NOT NULL, description TEXT NOT NULL,"
  "  short_description TEXT NOT NULL, regular_price TEXT NOT NULL, sale_price TEXT NOT NULL,"
  "  weight TEXT NOT NULL, manage_stock INTEGER NOT NULL, stock_quantity INTEGER,"
  "  total_sales INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL, modified TEXT NOT NULL);"
  "CREATE INDEX products_sku ON products (sku);"
  "CREATE TABLE product_categories ("
  "  product_id INTEGER NOT NULL REFERENCES products ON DELETE CASCADE,"
  "  category_id INTEGER NOT NULL REFERENCES categories, position INTEGER NOT NULL,"
  "  PRIMARY KEY (product_id, category_id));"
  "CREATE TABLE product_images ("
  "  product_id INTEGER NOT NULL REFERENCES products ON DELETE CASCADE,"
  "  media_id INTEGER NOT NULL REFERENCES media, position INTEGER NOT NULL,"
  "  PRIMARY KEY (product_id, position));"
  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY, status TEXT NOT NULL, order_key TEXT NOT NULL,"
  "  billing_json TEXT, shipping_json TEXT, customer_note TEXT NOT NULL,"
  "  payment_method TEXT NOT NULL, payment_method_title TEXT NOT NULL,"
  "  created TEXT NOT NULL, modified TEXT NOT NULL, date_paid TEXT, date_completed TEXT);"
  "CREATE INDEX orders_modified ON orders (modified);"
  "CREATE TABLE order_items ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  order_id INTEGER NOT NULL REFERENCES orders ON DELETE CASCADE,"
  "  product_id INTEGER NOT NULL, sku TEXT NOT NULL, name TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL, price INTEGER NOT NULL);"
  "INSERT INTO counters VALUES ('post', 10), ('term', 16), ('order_item', 1);"
  "INSERT INTO categories (id, name, slug) VALUES (15, 'Uncategorized', 'uncategorized');";

/* ---- records ------------------------------------------------------- */

CantingShopProduct *
canting_shop_product_new (void)
{
  CantingShopProduct *p = g_new0 (CantingShopProduct, 1);

  p->name = g_strdup ("");
  p->type = g_strdup ("simple");
  p->status = g_strdup ("publish");
  p->sku = g_strdup ("");
  p->description = g_strdup ("");
  p->short_description = g_strdup ("");
  p->regular_price = g_strdup ("");
  p->sale_price = g_strdup ("");
  p->weight = g_strdup ("");
  p->stock_quantity = CANTING_SHOP_NO_STOCK;
  p->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  p->image_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return p;
}

void
canting_shop_product_free (CantingShopProduct *p)
{
  if (p == NULL)
    return;
  g_free (p->name);
  g_free (p->slug);
  g_free (p->type);
  g_free (p->status);
  g_free (p->sku);
  g_free (p->description);
  g_free (p->short_description);
  g_free (p->regular_price);
  g_free (p->sale_price);
  g_free (p->weight);
  g_free (p->created);
  g_free (p->modified);
  g_array_unref (p->category_ids);
  g_array_unref (p->image_ids);
  g_free (p);
}

void
canting_shop_category_free (CantingShopCategory *c)
{
  if (c == NULL)
    return;
  g_free (c->name);
  g_free (c->slug);
  g_free (c->description);
  g_free (c);
}

void
canting_shop_media_free (CantingShopMedia *m)
{
  if (m == NULL)
    return;
  g_free (m->file_name);
  g_free (m->path);
  g_free (m->title);
  g_free (m->mime_type);
  g_free (m->created);
  g_free (m);
}

CantingShopOrderItem *
canting_shop_order_item_new (void)
{
  CantingShopOrderItem *item = g_new0 (CantingShopOrderItem, 1);

  item->sku = g_strdup ("");
  item->name = g_strdup ("");
  item->quantity = 1;
  return item;
}

void
canting_shop_order_item_free (CantingShopOrderItem *item)
{
  if (item == NULL)
    return;
  g_free (item->sku);
  g_free (item->name);
  g_free (item);
}

CantingShopOrder *
canting_shop_order_new (void)
{
  CantingShopOrder *o = g_new0 (CantingShopOrder, 1);

  o->status = g_strdup ("pending");
  o->customer_note = g_strdup ("");
  o->payment_method = g_strdup ("");
  o->payment_method_title = g_strdup ("");
  o->items = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_shop_order_item_free);
  return o;
}

void
canting_shop_order_free (CantingShopOrder *o)
{
  if (o == NULL)
    return;
  g_free (o->status);
  g_free (o->order_key);
  g_free (o->billing_json);
  g_free (o->shipping_json);
  g_free (o->customer_note);
  g_free (o->payment_method);
  g_free (o->payment_method_title);
  g_free (o->created);
  g_free (o->modified);
  g_free (o->date_paid);
  g_free (o->date_completed);
  g_ptr_array_unref (o->items);
  g_free (o);
}

/* ---- the file ------------------------------------------------------ */

static void
canting_shop_store_finalize (GObject *object)
{
  CantingShopStore *self = CANTING_SHOP_STORE (object);

  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);
  G_OBJECT_CLASS (canting_shop_store_parent_class)->finalize (object);
}

static void
canting_shop_store_class_init (CantingShopStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = canting_shop_store_finalize;
}

static void
canting_shop_store_init (CantingShopStore *self)
{
}

static void
set_error (GError     **error,
           sqlite3     *handle,
           int          rc,
           const char  *doing)
{
  g_set_error (error, CANTING_ERROR, (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB
                                       ? CANTING_ERROR_CORRUPT : CANTING_ERROR_DB,
               _("The practice shop’s data file refused the change (%s: %s)."),
               doing, handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
}

static sqlite3_stmt *
prepare (CantingShopStore  *self,
         const char        *sql,
         GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (error, self->handle, rc, "prepare");
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
run (CantingShopStore  *self,
     sqlite3_stmt      *stmt,
     GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (error, self->handle, rc, sqlite3_sql (stmt));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec (CantingShopStore  *self,
      const char        *sql,
      GError           **error)
{
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (error, self->handle, rc, sql);
      return FALSE;
    }
  return TRUE;
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text != NULL ? text : "");
}

static char *
dup_text_or_null (sqlite3_stmt *stmt,
                  int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NULL : dup_text (stmt, col);
}

typedef gboolean (*TxnFunc) (CantingShopStore *self, gpointer data, GError **error);

/* The store's own canting_db_transaction: one change, whole or absent. */
static gboolean
transaction (CantingShopStore  *self,
             TxnFunc            func,
             gpointer           data,
             GError           **error)
{
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!func (self, data, error))
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (!exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Takes the next id of @counter ("post" or "term"). */
static gboolean
next_id (CantingShopStore  *self,
         const char        *counter,
         gint64            *out_id,
         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self, "UPDATE counters SET next = next + 1 WHERE name = ?1 RETURNING next - 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, counter, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_error (error, self->handle, sqlite3_errcode (self->handle), "next id");
      return FALSE;
    }
  *out_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

CantingShopStore *
canting_shop_store_open (const char  *path,
                         GError     **error)
{
  g_autoptr(CantingShopStore) self = g_object_new (CANTING_TYPE_SHOP_STORE, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc, version = 0, app_id = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("The practice shop’s data file %s cannot be opened: %s"),
                   path, self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->handle, 5000);
  stmt = prepare (self, "SELECT (SELECT user_version FROM pragma_user_version),"
                        " (SELECT application_id FROM pragma_application_id),"
                        " (SELECT count(*) FROM sqlite_schema)", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("%s is not a practice shop data file."), path);
      return NULL;
    }
  version = sqlite3_column_int (stmt, 0);
  app_id = sqlite3_column_int (stmt, 1);
  if (sqlite3_column_int (stmt, 2) > 0 && (app_id != SHOP_APPLICATION_ID || version != SHOP_SCHEMA_VERSION))
    {
      /* A workshop database given by mistake must stay untouched. */
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("%s is not a practice shop data file."), path);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* WAL with synchronous=NORMAL: a practice shop may lose its last
   * seconds in a power cut, never its consistency, and the publishing
   * benchmark's thousands of writes stay fast. */
  if (!exec (self, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", error))
    return NULL;
  if (version == 0)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA application_id=%d;"
                                              " PRAGMA user_version=%d; COMMIT;",
                                              schema_sql, SHOP_APPLICATION_ID, SHOP_SCHEMA_VERSION);
      if (!exec (self, sql, error))
        {
          sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

const char *
canting_shop_store_get_path (CantingShopStore *self)
{
  return self->path;
}

char *
canting_shop_store_now (CantingShopStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

/* sanitize_title(), roughly: lower-case ASCII letters and digits, anything
 * else between them a single dash. */
static char *
slugify (const char *text,
         const char *fallback)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && out->len > 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  if (out->len == 0)
    g_string_append (out, fallback);
  return g_string_free (out, FALSE);
}

/* ---- categories ---------------------------------------------------- */

static CantingShopCategory *
category_from_row (sqlite3_stmt *stmt)
{
  CantingShopCategory *c = g_new0 (CantingShopCategory, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = dup_text (stmt, 1);
  c->slug = dup_text (stmt, 2);
  c->parent = sqlite3_column_int64 (stmt, 3);
  c->description = dup_text (stmt, 4);
  c->count = sqlite3_column_int64 (stmt, 5);
  return c;
}

#define CATEGORY_COLUMNS \
  "c.id, c.name, c.slug, c.parent, c.description," \
  " (SELECT count(*) FROM product_categories pc JOIN products p ON p.id = pc.product_id" \
  "  WHERE pc.category_id = c.id AND p.status <> 'trash')"

typedef struct {
  const char *name;
  gint64 parent;
  const char *description;
  gint64 id;
  gint64 existing_id;
} AddCategory;

static gboolean
add_category_txn (CantingShopStore  *self,
                  gpointer           data,
                  GError           **error)
{
  AddCategory *add = data;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *base = slugify (add->name, "category");
  g_autofree char *slug = g_strdup (base);

  find = prepare (self, "SELECT id FROM categories WHERE name = ?1 COLLATE NOCASE AND parent = ?2", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, add->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (find, 2, add->parent);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      add->existing_id = sqlite3_column_int64 (find, 0);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("A category named “%s” already exists."), add->name);
      return FALSE;
    }
  g_clear_pointer (&find, sqlite3_finalize);
  /* Slugs are unique across all categories: "batik-2" for a second one. */
  find = prepare (self, "SELECT 1 FROM categories WHERE slug = ?1", error);
  if (find == NULL)
    return FALSE;
  for (guint n = 2;; n++)
    {
      sqlite3_reset (find);
      sqlite3_bind_text (find, 1, slug, -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        break;
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base, n);
    }
  if (!next_id (self, "term", &add->id, error))
    return FALSE;
  insert = prepare (self, "INSERT INTO categories (id, name, slug, parent, description)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, add->id);
  sqlite3_bind_text (insert, 2, add->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, slug, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 4, add->parent);
  sqlite3_bind_text (insert, 5, add->description != NULL ? add->description : "", -1, SQLITE_STATIC);
  return run (self, insert, error);
}

CantingShopCategory *
canting_shop_store_add_category (CantingShopStore  *self,
                                 const char        *name,
                                 gint64             parent,
                                 const char        *description,
                                 gint64            *existing_id,
                                 GError           **error)
{
  AddCategory add = { name, parent, description, 0, 0 };

  g_return_val_if_fail (name != NULL, NULL);

  if (!transaction (self, add_category_txn, &add, error))
    {
      if (existing_id != NULL)
        *existing_id = add.existing_id;
      return NULL;
    }
  return canting_shop_store_get_category (self, add.id, error);
}

CantingShopCategory *
canting_shop_store_get_category (CantingShopStore  *self,
                                 gint64             id,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT " CATEGORY_COLUMNS " FROM categories c WHERE c.id = ?1",
                                          error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("There is no category %lld."), (long long) id);
      return NULL;
    }
  return category_from_row (stmt);
}

static gboolean
count_rows (CantingShopStore  *self,
            const char        *sql,
            const char        *text,
            gint64            *total,
            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_error (error, self->handle, sqlite3_errcode (self->handle), "count");
      return FALSE;
    }
  *total = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GPtrArray *
canting_shop_store_list_categories (CantingShopStore  *self,
                                    guint              page,
                                    guint              per_page,
                                    gint64            *total,
                                    GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_shop_category_free);

  if (!count_rows (self, "SELECT count(*) FROM categories", NULL, total, error))
    return NULL;
  stmt = prepare (self, "SELECT " CATEGORY_COLUMNS " FROM categories c ORDER BY c.name COLLATE NOCASE, c.id"
                        " LIMIT ?1 OFFSET ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, per_page);
  sqlite3_bind_int64 (stmt, 2, (gint64) (MAX (page, 1) - 1) * per_page);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, category_from_row (stmt));
  return g_steal_pointer (&rows);
}

gint64
canting_shop_store_default_category (CantingShopStore *self)
{
  return UNCATEGORIZED_ID;
}

/* ---- media --------------------------------------------------------- */

static CantingShopMedia *
media_from_row (sqlite3_stmt *stmt)
{
  CantingShopMedia *m = g_new0 (CantingShopMedia, 1);

  m->id = sqlite3_column_int64 (stmt, 0);
  m->file_name = dup_text (stmt, 1);
  m->path = dup_text (stmt, 2);
  m->title = dup_text (stmt, 3);
  m->mime_type = dup_text (stmt, 4);
  m->size = sqlite3_column_int64 (stmt, 5);
  m->created = dup_text (stmt, 6);
  return m;
}

typedef struct {
  const char *file_name;
  const char *mime_type;
  GBytes *data;
  gint64 id;
} AddMedia;

static gboolean
add_media_txn (CantingShopStore  *self,
               gpointer           data,
               GError           **error)
{
  AddMedia *add = data;
  g_autofree char *now = canting_shop_store_now (self);
  g_autofree char *month = g_strndup (now, 7);          /* "2026-11" */
  g_autofree char *stem = NULL;
  const char *dot = strrchr (add->file_name, '.');
  const char *ext = dot != NULL ? dot : "";
  g_autofree char *name = g_strdup (add->file_name);
  g_autofree char *path = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  gsize size;
  gconstpointer bytes = g_bytes_get_data (add->data, &size);

  month[4] = '/';
  stem = g_strndup (add->file_name, (gsize) (dot != NULL ? dot - add->file_name : (gssize) strlen (add->file_name)));
  path = g_strdup_printf ("%s/%s", month, name);
  find = prepare (self, "SELECT 1 FROM media WHERE path = ?1", error);
  if (find == NULL)
    return FALSE;
  /* WordPress never overwrites an upload: batik.png, batik-1.png, ... */
  for (guint n = 1;; n++)
    {
      sqlite3_reset (find);
      sqlite3_bind_text (find, 1, path, -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        break;
      g_free (name);
      g_free (path);
      name = g_strdup_printf ("%s-%u%s", stem, n, ext);
      path = g_strdup_printf ("%s/%s", month, name);
    }
  if (!next_id (self, "post", &add->id, error))
    return FALSE;
  insert = prepare (self, "INSERT INTO media (id, file_name, path, title, mime_type, data, created)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, add->id);
  sqlite3_bind_text (insert, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, stem, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, add->mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (insert, 6, bytes != NULL ? bytes : "", size, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, now, -1, SQLITE_STATIC);
  return run (self, insert, error);
}

CantingShopMedia *
canting_shop_store_add_media (CantingShopStore  *self,
                              const char        *file_name,
                              const char        *mime_type,
                              GBytes            *data,
                              GError           **error)
{
  AddMedia add = { file_name, mime_type, data, 0 };

  g_return_val_if_fail (file_name != NULL && *file_name != '\0', NULL);
  g_return_val_if_fail (strchr (file_name, '/') == NULL, NULL);

  if (!transaction (self, add_media_txn, &add, error))
    return NULL;
  return canting_shop_store_get_media (self, add.id, error);
}

CantingShopMedia *
canting_shop_store_get_media (CantingShopStore  *self,
                              gint64             id,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self, "SELECT id, file_name, path, title, mime_type, length(data), created FROM media WHERE id = ?1",
             error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("There is no image %lld."), (long long) id);
      return NULL;
    }
  return media_from_row (stmt);
}

GBytes *
canting_shop_store_read_media (CantingShopStore  *self,
                               const char        *path,
                               char             **mime_type,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT data, mime_type FROM media WHERE path = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("There is no image %s."), path);
      return NULL;
    }
  if (mime_type != NULL)
    *mime_type = dup_text (stmt, 1);
  return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
}

/* ---- products ------------------------------------------------------ */

#define PRODUCT_COLUMNS \
  "id, name, slug, type, status, sku, description, short_description, regular_price, sale_price," \
  " weight, manage_stock, stock_quantity, total_sales, created, modified"

static gboolean
load_id_list (CantingShopStore  *self,
              const char        *sql,
              gint64             id,
              GArray            *into,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (into, value);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->handle, rc, sql);
      return FALSE;
    }
  return TRUE;
}

static CantingShopProduct *
product_from_row (CantingShopStore  *self,
                  sqlite3_stmt      *stmt,
                  GError           **error)
{
  g_autoptr(CantingShopProduct) p = canting_shop_product_new ();

#define TAKE(field, col) g_free (p->field); p->field = dup_text (stmt, col)
  p->id = sqlite3_column_int64 (stmt, 0);
  TAKE (name, 1);
  TAKE (slug, 2);
  TAKE (type, 3);
  TAKE (status, 4);
  TAKE (sku, 5);
  TAKE (description, 6);
  TAKE (short_description, 7);
  TAKE (regular_price, 8);
  TAKE (sale_price, 9);
  TAKE (weight, 10);
#undef TAKE
  p->manage_stock = sqlite3_column_int (stmt, 11) != 0;
  p->stock_quantity = sqlite3_column_type (stmt, 12) == SQLITE_NULL ? CANTING_SHOP_NO_STOCK
                                                                     : sqlite3_column_int64 (stmt, 12);
  p->total_sales = sqlite3_column_int64 (stmt, 13);
  p->created = dup_text (stmt, 14);
  p->modified = dup_text (stmt, 15);
  if (!load_id_list (self, "SELECT category_id FROM product_categories WHERE product_id = ?1 ORDER BY position",
                     p->id, p->category_ids, error)
      || !load_id_list (self, "SELECT media_id FROM product_images WHERE product_id = ?1 ORDER BY position",
                        p->id, p->image_ids, error))
    return NULL;
  return g_steal_pointer (&p);
}

/* The product with @sku that is not in the trash, other than @except. */
static gboolean
find_sku (CantingShopStore  *self,
          const char        *sku,
          gint64             except,
          gint64            *found,
          GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self, "SELECT id FROM products WHERE sku = ?1 AND status <> 'trash' AND id <> ?2 LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error (error, self->handle, rc, "sku");
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  CantingShopProduct *product;
  gint64 existing_id;
} SaveProduct;

static gboolean
save_product_txn (CantingShopStore  *self,
                  gpointer           data,
                  GError           **error)
{
  SaveProduct *save = data;
  CantingShopProduct *p = save->product;
  g_autofree char *now = canting_shop_store_now (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;
  gboolean create = p->id == 0;
  guint position = 0;

  if (*p->sku != '\0')
    {
      if (!find_sku (self, p->sku, p->id, &save->existing_id, error))
        return FALSE;
      if (save->existing_id != 0)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                       _("The SKU “%s” is already used by product %lld."),
                       p->sku, (long long) save->existing_id);
          return FALSE;
        }
    }
  if (create)
    {
      g_autoptr(sqlite3_stmt) find = prepare (self, "SELECT 1 FROM products WHERE slug = ?1 AND status <> 'trash'",
                                              error);
      g_autofree char *base = slugify (p->name, "product");

      if (find == NULL || !next_id (self, "post", &p->id, error))
        return FALSE;
      /* Slugs are unique among products: a second "Batik" is batik-2. */
      g_free (p->slug);
      p->slug = g_strdup (base);
      for (guint n = 2;; n++)
        {
          sqlite3_reset (find);
          sqlite3_bind_text (find, 1, p->slug, -1, SQLITE_STATIC);
          if (sqlite3_step (find) != SQLITE_ROW)
            break;
          g_free (p->slug);
          p->slug = g_strdup_printf ("%s-%u", base, n);
        }
      g_free (p->created);
      p->created = g_strdup (now);
      stmt = prepare (self, "INSERT INTO products (" PRODUCT_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                      error);
    }
  else
    stmt = prepare (self, "UPDATE products SET name = ?2, slug = ?3, type = ?4, status = ?5, sku = ?6,"
                          " description = ?7, short_description = ?8, regular_price = ?9, sale_price = ?10,"
                          " weight = ?11, manage_stock = ?12, stock_quantity = ?13, total_sales = ?14,"
                          " modified = ?16 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  g_free (p->modified);
  p->modified = g_strdup (now);
  if (p->slug == NULL)
    p->slug = slugify (p->name, "product");
  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_text (stmt, 2, p->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, p->slug, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, p->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, p->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, p->sku, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, p->description, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, p->short_description, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, p->regular_price, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, p->sale_price, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, p->weight, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 12, p->manage_stock);
  /* A product that does not track stock has no quantity (null), as in
   * WooCommerce, whatever the client sent. */
  if (p->manage_stock && p->stock_quantity != CANTING_SHOP_NO_STOCK)
    sqlite3_bind_int64 (stmt, 13, p->stock_quantity);
  else if (p->manage_stock)
    sqlite3_bind_int64 (stmt, 13, 0);
  else
    sqlite3_bind_null (stmt, 13);
  sqlite3_bind_int64 (stmt, 14, p->total_sales);
  sqlite3_bind_text (stmt, 15, p->created != NULL ? p->created : now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, now, -1, SQLITE_STATIC);
  if (!run (self, stmt, error))
    return FALSE;
  if (!create && sqlite3_changes (self->handle) != 1)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("There is no product %lld."), (long long) p->id);
      return FALSE;
    }
  if (p->manage_stock && p->stock_quantity == CANTING_SHOP_NO_STOCK)
    p->stock_quantity = 0;
  else if (!p->manage_stock)
    p->stock_quantity = CANTING_SHOP_NO_STOCK;

  /* Categories: unknown ids are dropped (WordPress skips terms that do not
   * exist), and a product left with none is "Uncategorized". */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self, "DELETE FROM product_categories WHERE product_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (!run (self, stmt, error))
    return FALSE;
  exists = prepare (self, "SELECT 1 FROM categories WHERE id = ?1", error);
  link = prepare (self, "INSERT OR IGNORE INTO product_categories (product_id, category_id, position)"
                        " VALUES (?1, ?2, ?3)", error);
  if (exists == NULL || link == NULL)
    return FALSE;
  for (guint i = 0; i < p->category_ids->len; i++)
    {
      gint64 category = g_array_index (p->category_ids, gint64, i);

      sqlite3_reset (exists);
      sqlite3_bind_int64 (exists, 1, category);
      if (sqlite3_step (exists) != SQLITE_ROW)
        {
          g_array_remove_index (p->category_ids, i--);
          continue;
        }
      sqlite3_reset (link);
      sqlite3_bind_int64 (link, 1, p->id);
      sqlite3_bind_int64 (link, 2, category);
      sqlite3_bind_int (link, 3, (int) position++);
      if (!run (self, link, error))
        return FALSE;
    }
  if (p->category_ids->len == 0)
    {
      gint64 category = UNCATEGORIZED_ID;

      g_array_append_val (p->category_ids, category);
      sqlite3_reset (link);
      sqlite3_bind_int64 (link, 1, p->id);
      sqlite3_bind_int64 (link, 2, category);
      sqlite3_bind_int (link, 3, 0);
      if (!run (self, link, error))
        return FALSE;
    }

  /* Images refer to uploaded media; the shop checks the ids before
   * saving, and the foreign key holds it to that. */
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&link, sqlite3_finalize);
  stmt = prepare (self, "DELETE FROM product_images WHERE product_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (!run (self, stmt, error))
    return FALSE;
  link = prepare (self, "INSERT INTO product_images (product_id, media_id, position) VALUES (?1, ?2, ?3)", error);
  if (link == NULL)
    return FALSE;
  for (guint i = 0; i < p->image_ids->len; i++)
    {
      sqlite3_reset (link);
      sqlite3_bind_int64 (link, 1, p->id);
      sqlite3_bind_int64 (link, 2, g_array_index (p->image_ids, gint64, i));
      sqlite3_bind_int (link, 3, (int) i);
      if (!run (self, link, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_shop_store_save_product (CantingShopStore    *self,
                                 CantingShopProduct  *product,
                                 gint64              *existing_id,
                                 GError             **error)
{
  SaveProduct save = { product, 0 };
  gint64 id_before = product->id;

  if (!transaction (self, save_product_txn, &save, error))
    {
      /* Nothing was stored: the product is still a new one. */
      product->id = id_before;
      if (existing_id != NULL)
        *existing_id = save.existing_id;
      return FALSE;
    }
  return TRUE;
}

CantingShopProduct *
canting_shop_store_get_product (CantingShopStore  *self,
                                gint64             id,
                                GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT " PRODUCT_COLUMNS " FROM products WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("There is no product %lld."), (long long) id);
      return NULL;
    }
  return product_from_row (self, stmt, error);
}

GPtrArray *
canting_shop_store_list_products (CantingShopStore  *self,
                                  const char        *sku,
                                  guint              page,
                                  guint              per_page,
                                  gint64            *total,
                                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_shop_product_free);
  const char *where = sku != NULL ? "status <> 'trash' AND sku = ?1" : "status <> 'trash'";
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM products WHERE %s", where);
  g_autofree char *sql = g_strdup_printf ("SELECT " PRODUCT_COLUMNS " FROM products WHERE %s"
                                          " ORDER BY created DESC, id DESC LIMIT ?2 OFFSET ?3", where);
  int rc;

  if (!count_rows (self, count_sql, sku, total, error))
    return NULL;
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (sku != NULL)
    sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, per_page);
  sqlite3_bind_int64 (stmt, 3, (gint64) (MAX (page, 1) - 1) * per_page);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingShopProduct *p = product_from_row (self, stmt, error);

      if (p == NULL)
        return NULL;
      g_ptr_array_add (rows, p);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->handle, rc, "list products");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
canting_shop_store_delete_product (CantingShopStore  *self,
                                   gint64             id,
                                   gboolean           force,
                                   GError           **error)
{
  g_autofree char *now = canting_shop_store_now (self);
  g_autoptr(sqlite3_stmt) stmt =
    prepare (self, force ? "DELETE FROM products WHERE id = ?1"
                         : "UPDATE products SET status = 'trash', modified = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!force)
    sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!run (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->handle) != 1)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("There is no product %lld."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

char *
canting_shop_store_unique_sku (CantingShopStore  *self,
                               const char        *sku,
                               GError           **error)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u", sku, n);
      gint64 found;

      if (!find_sku (self, candidate, 0, &found, error))
        return NULL;
      if (found == 0)
        return g_steal_pointer (&candidate);
    }
}

/* ---- orders -------------------------------------------------------- */

/* Whole rupiah from a WooCommerce price string ("350000", "350000.00");
 * the store's currency has no decimals. */
static gint64
price_value (const char *text)
{
  return g_ascii_strtoll (text, NULL, 10);
}

static gboolean
is_paid_status (const char *status)
{
  /* The statuses on which WooCommerce lowers stock
   * (wc_maybe_reduce_stock_levels). */
  return g_str_equal (status, "processing") || g_str_equal (status, "completed")
         || g_str_equal (status, "on-hold");
}

static gboolean
add_order_txn (CantingShopStore  *self,
               gpointer           data,
               GError           **error)
{
  CantingShopOrder *o = data;
  g_autofree char *now = canting_shop_store_now (self);
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) item_stmt = NULL;
  g_autoptr(sqlite3_stmt) stock = NULL;
  gboolean paid = is_paid_status (o->status);

  if (!next_id (self, "post", &o->id, error))
    return FALSE;
  g_free (o->created);
  o->created = g_strdup (now);
  g_free (o->modified);
  o->modified = g_strdup (now);
  if (paid && o->date_paid == NULL)
    o->date_paid = g_strdup (now);
  if (g_str_equal (o->status, "completed") && o->date_completed == NULL)
    o->date_completed = g_strdup (now);
  if (o->order_key == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      char *p, *q;

      /* "wc_order_" and 13 letters and digits, like wc_generate_order_key(). */
      for (p = q = uuid; *p != '\0'; p++)
        if (*p != '-')
          *q++ = *p;
      *q = '\0';
      uuid[13] = '\0';
      o->order_key = g_strdup_printf ("wc_order_%s", uuid);
    }
  insert = prepare (self, "INSERT INTO orders (id, status, order_key, billing_json, shipping_json, customer_note,"
                          " payment_method, payment_method_title, created, modified, date_paid, date_completed)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, o->id);
  sqlite3_bind_text (insert, 2, o->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, o->order_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, o->billing_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, o->shipping_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, o->customer_note, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, o->payment_method, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 8, o->payment_method_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 9, o->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 10, o->modified, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 11, o->date_paid, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 12, o->date_completed, -1, SQLITE_STATIC);
  if (!run (self, insert, error))
    return FALSE;

  item_stmt = prepare (self, "INSERT INTO order_items (order_id, product_id, sku, name, quantity, price)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  stock = prepare (self, "UPDATE products SET total_sales = total_sales + ?2, modified = ?3,"
                         " stock_quantity = CASE WHEN manage_stock THEN stock_quantity - ?2 ELSE stock_quantity END"
                         " WHERE id = ?1", error);
  if (item_stmt == NULL || stock == NULL)
    return FALSE;
  for (guint i = 0; i < o->items->len; i++)
    {
      CantingShopOrderItem *item = g_ptr_array_index (o->items, i);
      g_autoptr(CantingShopProduct) product = NULL;
      g_autoptr(GError) local = NULL;

      if (item->product_id == 0 && *item->sku != '\0'
          && !find_sku (self, item->sku, 0, &item->product_id, error))
        return FALSE;
      if (item->product_id != 0)
        product = canting_shop_store_get_product (self, item->product_id, &local);
      if (product == NULL || g_str_equal (product->status, "trash"))
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("Item %u of the order names no product of this shop."), i + 1);
          return FALSE;
        }
      if (item->quantity < 1)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("Item %u of the order has no quantity."), i + 1);
          return FALSE;
        }
      g_free (item->name);
      item->name = g_strdup (product->name);
      g_free (item->sku);
      item->sku = g_strdup (product->sku);
      item->price = price_value (*product->sale_price != '\0' ? product->sale_price : product->regular_price);
      sqlite3_reset (item_stmt);
      sqlite3_bind_int64 (item_stmt, 1, o->id);
      sqlite3_bind_int64 (item_stmt, 2, item->product_id);
      sqlite3_bind_text (item_stmt, 3, item->sku, -1, SQLITE_STATIC);
      sqlite3_bind_text (item_stmt, 4, item->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (item_stmt, 5, item->quantity);
      sqlite3_bind_int64 (item_stmt, 6, item->price);
      if (!run (self, item_stmt, error))
        return FALSE;
      item->id = sqlite3_last_insert_rowid (self->handle);
      if (paid)
        {
          sqlite3_reset (stock);
          sqlite3_bind_int64 (stock, 1, item->product_id);
          sqlite3_bind_int64 (stock, 2, item->quantity);
          sqlite3_bind_text (stock, 3, now, -1, SQLITE_STATIC);
          if (!run (self, stock, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
canting_shop_store_add_order (CantingShopStore  *self,
                              CantingShopOrder  *order,
                              GError           **error)
{
  g_return_val_if_fail (order->id == 0, FALSE);

  if (!transaction (self, add_order_txn, order, error))
    {
      order->id = 0;
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 id;
  const char *status;
} StatusJob;

/* WooCommerce lowers the stock when an order becomes paid and puts it
 * back when a paid order is cancelled, refunded or fails
 * (wc_maybe_increase_stock_levels); a move between two paid statuses
 * touches nothing. */
static gboolean
set_order_status_txn (CantingShopStore  *self,
                      gpointer           data,
                      GError           **error)
{
  StatusJob *job = data;
  g_autofree char *now = canting_shop_store_now (self);
  g_autoptr(sqlite3_stmt) read = prepare (self, "SELECT status FROM orders WHERE id = ?1", error);
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) stock = NULL;
  g_autofree char *before = NULL;
  gboolean was_paid, paid;
  int rc;

  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, job->id);
  rc = sqlite3_step (read);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("The shop has no order %lld."),
                     (long long) job->id);
      else
        set_error (error, self->handle, rc, "order");
      return FALSE;
    }
  before = dup_text (read, 0);
  was_paid = is_paid_status (before);
  paid = is_paid_status (job->status);
  update = prepare (self, "UPDATE orders SET status = ?2, modified = ?3,"
                          " date_paid = CASE WHEN ?4 THEN coalesce(date_paid, ?3) ELSE date_paid END,"
                          " date_completed = CASE WHEN ?2 = 'completed' THEN coalesce(date_completed, ?3)"
                          "                  ELSE date_completed END"
                          " WHERE id = ?1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, job->id);
  sqlite3_bind_text (update, 2, job->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int (update, 4, paid);
  if (!run (self, update, error))
    return FALSE;
  if (was_paid == paid)
    return TRUE;
  stock = prepare (self, "UPDATE products SET modified = ?3,"
                         " total_sales = total_sales + ?2 * (SELECT coalesce(sum(quantity), 0) FROM order_items i"
                         "                                   WHERE i.order_id = ?1 AND i.product_id = products.id),"
                         " stock_quantity = CASE WHEN manage_stock THEN stock_quantity - ?2 *"
                         "   (SELECT coalesce(sum(quantity), 0) FROM order_items i"
                         "    WHERE i.order_id = ?1 AND i.product_id = products.id) ELSE stock_quantity END"
                         " WHERE id IN (SELECT product_id FROM order_items WHERE order_id = ?1)", error);
  if (stock == NULL)
    return FALSE;
  sqlite3_bind_int64 (stock, 1, job->id);
  sqlite3_bind_int (stock, 2, paid ? 1 : -1);
  sqlite3_bind_text (stock, 3, now, -1, SQLITE_STATIC);
  return run (self, stock, error);
}

gboolean
canting_shop_store_set_order_status (CantingShopStore  *self,
                                     gint64             id,
                                     const char        *status,
                                     GError           **error)
{
  StatusJob job = { id, status };

  return transaction (self, set_order_status_txn, &job, error);
}

#define ORDER_COLUMNS \
  "id, status, order_key, billing_json, shipping_json, customer_note, payment_method," \
  " payment_method_title, created, modified, date_paid, date_completed"

static CantingShopOrder *
order_from_row (CantingShopStore  *self,
                sqlite3_stmt      *stmt,
                GError           **error)
{
  g_autoptr(CantingShopOrder) o = canting_shop_order_new ();
  g_autoptr(sqlite3_stmt) items = NULL;
  int rc;

  o->id = sqlite3_column_int64 (stmt, 0);
  g_free (o->status);
  o->status = dup_text (stmt, 1);
  o->order_key = dup_text (stmt, 2);
  o->billing_json = dup_text_or_null (stmt, 3);
  o->shipping_json = dup_text_or_null (stmt, 4);
  g_free (o->customer_note);
  o->customer_note = dup_text (stmt, 5);
  g_free (o->payment_method);
  o->payment_method = dup_text (stmt, 6);
  g_free (o->payment_method_title);
  o->payment_method_title = dup_text (stmt, 7);
  o->created = dup_text (stmt, 8);
  o->modified = dup_text (stmt, 9);
  o->date_paid = dup_text_or_null (stmt, 10);
  o->date_completed = dup_text_or_null (stmt, 11);

  items = prepare (self, "SELECT id, product_id, sku, name, quantity, price FROM order_items"
                         " WHERE order_id = ?1 ORDER BY id", error);
  if (items == NULL)
    return NULL;
  sqlite3_bind_int64 (items, 1, o->id);
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      CantingShopOrderItem *item = canting_shop_order_item_new ();

      item->id = sqlite3_column_int64 (items, 0);
      item->product_id = sqlite3_column_int64 (items, 1);
      g_free (item->sku);
      item->sku = dup_text (items, 2);
      g_free (item->name);
      item->name = dup_text (items, 3);
      item->quantity = sqlite3_column_int64 (items, 4);
      item->price = sqlite3_column_int64 (items, 5);
      g_ptr_array_add (o->items, item);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->handle, rc, "order items");
      return NULL;
    }
  return g_steal_pointer (&o);
}

CantingShopOrder *
canting_shop_store_get_order (CantingShopStore  *self,
                              gint64             id,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT " ORDER_COLUMNS " FROM orders WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("There is no order %lld."), (long long) id);
      return NULL;
    }
  return order_from_row (self, stmt, error);
}

GPtrArray *
canting_shop_store_list_orders (CantingShopStore  *self,
                                const char        *modified_after,
                                const char * const *statuses,
                                guint              page,
                                guint              per_page,
                                gint64            *total,
                                GError           **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_shop_order_free);
  g_autoptr(GString) wanted = g_string_new ("");
  /* Text comparison is time order: every date is "YYYY-MM-DDTHH:MM:SS".
   * ?4: the statuses, one per line; "" for any but the bin. */
  static const char where[] = "(?1 IS NULL OR modified > ?1)"
                              " AND (CASE WHEN ?4 = '' THEN status <> 'trash'"
                              "      ELSE instr(char(10) || ?4 || char(10), char(10) || status || char(10)) > 0 END)";
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM orders WHERE %s", where);
  g_autofree char *sql = g_strdup_printf ("SELECT " ORDER_COLUMNS " FROM orders WHERE %s"
                                          " ORDER BY created DESC, id DESC LIMIT ?2 OFFSET ?3", where);
  int rc;

  for (guint i = 0; statuses != NULL && statuses[i] != NULL; i++)
    g_string_append_printf (wanted, "%s%s", i > 0 ? "\n" : "", statuses[i]);
  count = prepare (self, count_sql, error);
  if (count == NULL)
    return NULL;
  if (modified_after != NULL)
    sqlite3_bind_text (count, 1, modified_after, -1, SQLITE_STATIC);
  sqlite3_bind_text (count, 4, wanted->str, -1, SQLITE_STATIC);
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      set_error (error, self->handle, sqlite3_errcode (self->handle), "count");
      return NULL;
    }
  *total = sqlite3_column_int64 (count, 0);
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (modified_after != NULL)
    sqlite3_bind_text (stmt, 1, modified_after, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, per_page);
  sqlite3_bind_int64 (stmt, 3, (gint64) (MAX (page, 1) - 1) * per_page);
  sqlite3_bind_text (stmt, 4, wanted->str, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingShopOrder *o = order_from_row (self, stmt, error);

      if (o == NULL)
        return NULL;
      g_ptr_array_add (rows, o);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (error, self->handle, rc, "list orders");
      return NULL;
    }
  return g_steal_pointer (&rows);
}
