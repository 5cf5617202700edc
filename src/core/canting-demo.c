/* canting-demo.c: the practice workshops' records and their reset.
 *
 * The template is made by the bulk generator (canting-generate.c) at a
 * small size, two years, then touched up for a classroom: dates moved
 * so the last record is yesterday's (a dashboard of "this month" must
 * not be empty), order numbers following the moved years, a catalogue
 * named by plain Blitar motifs with a photo drawn for each, and a
 * channel to the practice shop with a few products waiting to go
 * online.  Copies of it are the practice workshops; Reset copies it
 * back into the open database with SQLite's backup API, which is
 * consistent even with the app's connection open and takes a fraction
 * of a second for a few megabytes. */
#include "canting-demo.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "canting-bench.h"
#include "canting-channel.h"
#include "canting-error.h"
#include "canting-generate.h"
#include "canting-i18n.h"
#include "canting-listing.h"
#include "canting-paths.h"
#include "canting-product.h"
#include "canting-profile.h"
#include "canting-sql-private.h"

/* Raised whenever what the template holds changes: a template of
 * another version (or schema) is rebuilt rather than reused. */
#define DEMO_CONTENT_VERSION 1
/* The practice shop's usual address; the app moves the channel to
 * another port when this one is taken (another trainee's shop). */
#define DEMO_SHOP_URL "http://127.0.0.1:8642"
/* How many products are waiting to go online: enough to fill the shop
 * page, few enough that the rest are there to practise on. */
#define DEMO_ONLINE_PRODUCTS 8

static const char * const demo_motifs[] = {
  "Kawung", "Parang", "Sekar Jagad", "Truntum", "Kembang Jeruk", "Lagundi", "Kendali Dumadi", "Sidomukti",
  "Kembang Turi",
};

/* --- names and folders ---------------------------------------------------- */

gboolean
canting_demo_name_is_valid (const char  *name,
                            GError     **error)
{
  glong length;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    goto bad;
  length = g_utf8_strlen (name, -1);
  if (length < 1 || length > CANTING_DEMO_NAME_MAX || g_unichar_isspace (g_utf8_get_char (name)))
    goto bad;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isalnum (c) && c != ' ' && c != '-' && c != '_')
        goto bad;
    }
  return TRUE;

bad:
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
               _("A practice workshop’s name is 1 to %d letters, digits, spaces, “-” or “_”, such as “Latihan” or “Bu Sri”."),
               CANTING_DEMO_NAME_MAX);
  return FALSE;
}

char *
canting_demo_root_dir (void)
{
  const char *env = g_getenv ("CANTING_DEMO_ROOT");

  if (env != NULL && *env != '\0')
    return g_canonicalize_filename (env, NULL);
  return g_build_filename (g_get_user_data_dir (), "canting", "demo", NULL);
}

char *
canting_demo_dir (const char *name)
{
  g_autofree char *root = canting_demo_root_dir ();

  g_return_val_if_fail (canting_demo_name_is_valid (name, NULL), NULL);
  return g_build_filename (root, name, NULL);
}

char *
canting_demo_name_of_dir (const char *data_dir)
{
  g_autofree char *root = canting_demo_root_dir ();
  g_autofree char *dir = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *name = NULL;

  if (data_dir == NULL)
    return NULL;
  dir = g_canonicalize_filename (data_dir, NULL);
  parent = g_path_get_dirname (dir);
  name = g_path_get_basename (dir);
  if (!g_str_equal (parent, root) || !canting_demo_name_is_valid (name, NULL))
    return NULL;
  return g_steal_pointer (&name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
canting_demo_list (void)
{
  g_autofree char *root = canting_demo_root_dir ();
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *db = NULL;
      g_autofree char *sub = g_build_filename (root, entry, NULL);

      if (!canting_demo_name_is_valid (entry, NULL))
        continue;
      db = canting_paths_database_file (sub);
      if (g_file_test (db, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (entry));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

char *
canting_demo_shop_file (const char *demo_dir)
{
  return g_build_filename (demo_dir, "practice-shop.db", NULL);
}

static char *
template_dir (void)
{
  g_autofree char *root = canting_demo_root_dir ();
  g_autofree char *name = g_strdup_printf (".template-%d-%d", canting_db_latest_schema_version (), DEMO_CONTENT_VERSION);

  return g_build_filename (root, name, NULL);
}

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *path)
{
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Removes @dir and everything in it (a half-built template, an old
 * one).  Only ever called on folders under the demo root. */
static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);

  return g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/* Makes @to's folder @folder hold exactly the files the template's has:
 * missing ones copied, others (a trainee's own photos) removed. */
static gboolean
sync_folder (const char  *from_dir,
             const char  *to_dir,
             const char  *folder,
             GError     **error)
{
  g_autofree char *from = g_build_filename (from_dir, folder, NULL);
  g_autofree char *to = g_build_filename (to_dir, folder, NULL);
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) source = g_dir_open (from, 0, NULL);
  g_autoptr(GDir) dest = NULL;
  const char *entry;

  if (!canting_paths_ensure_private_dir (to, error))
    return FALSE;
  while (source != NULL && (entry = g_dir_read_name (source)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, entry, NULL);
      g_autofree char *dst = g_build_filename (to, entry, NULL);

      g_hash_table_add (wanted, g_strdup (entry));
      /* Stored by their content: a file of the same name is the same. */
      if (!g_file_test (dst, G_FILE_TEST_EXISTS) && !copy_file (src, dst, error))
        return FALSE;
    }
  dest = g_dir_open (to, 0, NULL);
  while (dest != NULL && (entry = g_dir_read_name (dest)) != NULL)
    if (!g_hash_table_contains (wanted, entry))
      {
        g_autofree char *path = g_build_filename (to, entry, NULL);
        if (!g_file_test (path, G_FILE_TEST_IS_DIR))
          g_remove (path);
      }
  return TRUE;
}

/* --- building the template ------------------------------------------------ */

static gboolean
exec_sql (CantingDb   *db,
          const char  *sql,
          GError     **error)
{
  sqlite3 *handle = canting_db_get_handle (db);

  if (sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      canting_db_set_error (error, handle, sqlite3_errcode (handle), "demo");
      return FALSE;
    }
  return TRUE;
}

/* Moves every date the generator wrote (those before today: the rest,
 * such as created_at, are the moment of building) on by @days, in every
 * text column of every table, the time of day kept.
 * All of a row's dates move in one UPDATE so the rules between them
 * (a due date after the order date) hold throughout; the triggers are
 * out of the way meanwhile, since each record's ledger entry moves by
 * itself. */
static gboolean
shift_dates (CantingDb  *db,
             int         days,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) triggers = canting_sql_prepare (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                                                          "ORDER BY rowid", error);
  g_autoptr(sqlite3_stmt) tables = canting_sql_prepare (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                                        "AND name NOT LIKE 'sqlite_%' ORDER BY name", error);
  g_autoptr(GPtrArray) trigger_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) trigger_sql = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) table_names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *shift = g_strdup_printf ("%+d days", days);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (triggers == NULL || tables == NULL)
    return FALSE;
  while (sqlite3_step (triggers) == SQLITE_ROW)
    {
      g_ptr_array_add (trigger_names, g_strdup ((const char *) sqlite3_column_text (triggers, 0)));
      g_ptr_array_add (trigger_sql, g_strdup ((const char *) sqlite3_column_text (triggers, 1)));
    }
  while (sqlite3_step (tables) == SQLITE_ROW)
    g_ptr_array_add (table_names, g_strdup ((const char *) sqlite3_column_text (tables, 0)));
  sqlite3_reset (triggers);
  sqlite3_reset (tables);

  for (guint i = 0; i < trigger_names->len; i++)
    {
      /* Names from sqlite_schema itself, quoted: not input. */
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) g_ptr_array_index (trigger_names, i));
      if (!exec_sql (db, drop, error))
        return FALSE;
    }

  for (guint t = 0; t < table_names->len; t++)
    {
      const char *table = g_ptr_array_index (table_names, t);
      g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
      g_autoptr(sqlite3_stmt) info = canting_sql_prepare (db, info_sql, error);
      g_autoptr(GString) update = g_string_new (NULL);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *head = g_strdup_printf ("UPDATE \"%s\" SET ", table);

      if (info == NULL)
        return FALSE;
      while (sqlite3_step (info) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (info, 1);
          const char *type = (const char *) sqlite3_column_text (info, 2);

          if (type == NULL || g_ascii_strcasecmp (type, "TEXT") != 0)
            continue;
          g_string_append_printf (update,
                                  "%s\"%s\" = CASE WHEN \"%s\" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*' "
                                  "AND \"%s\" < ?2 THEN date(substr(\"%s\", 1, 10), ?1) || substr(\"%s\", 11) "
                                  "ELSE \"%s\" END",
                                  update->len == 0 ? "" : ", ", column, column, column, column, column, column);
        }
      if (update->len == 0)
        continue;
      g_string_prepend (update, head);
      stmt = canting_sql_prepare (db, update->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, shift, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
      if (!canting_sql_run (db, stmt, "demo", error))
        return FALSE;
    }

  for (guint i = 0; i < trigger_sql->len; i++)
    if (!exec_sql (db, g_ptr_array_index (trigger_sql, i), error))
      return FALSE;
  return TRUE;
}

typedef struct {
  int shift_days;
} TouchUp;

static gboolean
touch_up (CantingDb  *db,
          gpointer    user_data,
          GError    **error)
{
  TouchUp *job = user_data;
  g_autoptr(sqlite3_stmt) products = NULL;
  g_autoptr(sqlite3_stmt) rename = NULL;
  guint i = 0;

  if (job->shift_days > 0 && !shift_dates (db, job->shift_days, error))
    return FALSE;

  /* Order numbers carry their year: PSN-2026-0042 for an order of 2026,
   * counted from 1 each year, as the app numbers them.  In two steps so
   * no number is ever held twice. */
  if (!exec_sql (db,
                 "UPDATE orders SET seq = -id, number = '#' || id;"
                 "UPDATE orders SET year = CAST(substr(r.order_date, 1, 4) AS INTEGER), seq = r.n, "
                 "  number = printf('PSN-%s-%04d', substr(r.order_date, 1, 4), r.n) "
                 "FROM (SELECT id, order_date, row_number() OVER (PARTITION BY substr(order_date, 1, 4) "
                 "      ORDER BY order_date, id) AS n FROM orders) AS r WHERE orders.id = r.id;"
                 "UPDATE ipal_lab_tests SET report_number = printf('LAB/%s/%04d', substr(sampled_at, 1, 4), id);",
                 error))
    return FALSE;

  /* A catalogue a trainee recognises: plain motif names, a name that
   * says what the piece is, and the generator's photos replaced by
   * drawn ones (below, outside this transaction). */
  products = canting_sql_prepare (db, "SELECT id, technique, size, colours, material FROM products ORDER BY id", error);
  rename = canting_sql_prepare (db, "UPDATE products SET motif = ?2, name = ?3, description = ?4 WHERE id = ?1", error);
  if (products == NULL || rename == NULL)
    return FALSE;
  while (sqlite3_step (products) == SQLITE_ROW)
    {
      const char *motif = demo_motifs[i % G_N_ELEMENTS (demo_motifs)];
      const char *technique = (const char *) sqlite3_column_text (products, 1);
      const char *size = (const char *) sqlite3_column_text (products, 2);
      const char *colours = (const char *) sqlite3_column_text (products, 3);
      const char *material = (const char *) sqlite3_column_text (products, 4);
      g_autofree char *tone = g_strdup (colours != NULL ? colours : "");
      g_autofree char *tech = g_strdup (technique != NULL ? technique : "tulis");
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      char *comma = strchr (tone, ',');
      char *space;

      if (comma != NULL)
        *comma = '\0';
      if ((space = strchr (tone, ' ')) != NULL)
        *space = '\0';
      tech[0] = g_ascii_toupper (tech[0]);
      name = g_strdup_printf ("%s Batik %s %s %s", size != NULL && g_str_has_prefix (size, "Kemeja") ? "Kemeja" : "Kain",
                              tech, motif, tone);
      description = g_strdup_printf ("Batik %s motif %s dari Blitar, %s, %s. Warna: %s.", technique, motif,
                                     material != NULL ? material : "mori", size != NULL ? size : "", colours);
      sqlite3_reset (rename);
      sqlite3_bind_int64 (rename, 1, sqlite3_column_int64 (products, 0));
      sqlite3_bind_text (rename, 2, motif, -1, SQLITE_STATIC);
      sqlite3_bind_text (rename, 3, g_strstrip (name), -1, SQLITE_STATIC);
      sqlite3_bind_text (rename, 4, description, -1, SQLITE_STATIC);
      if (!canting_sql_run (db, rename, "demo", error))
        return FALSE;
      i++;
    }
  return exec_sql (db,
                   "UPDATE order_items SET description = (SELECT name FROM products p WHERE p.id = product_id) "
                   "WHERE product_id IS NOT NULL;"
                   "DELETE FROM product_photos;",
                   error);
}

/* The colour scheme of a product's photo, from its colours. */
static guint
scheme_of (const char *colours)
{
  if (colours == NULL)
    return 0;
  if (g_str_has_prefix (colours, "Biru"))
    return 1;
  if (g_str_has_prefix (colours, "Merah"))
    return 2;
  if (g_str_has_prefix (colours, "Hijau"))
    return 3;
  return 0;
}

static gboolean
add_photos (CantingDb           *db,
            CantingDemoPainter   painter,
            GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT id, motif, colours FROM products ORDER BY id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) motifs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) schemes = g_array_new (FALSE, FALSE, sizeof (guint));

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint scheme = scheme_of ((const char *) sqlite3_column_text (stmt, 2));

      g_array_append_val (ids, id);
      g_ptr_array_add (motifs, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (schemes, scheme);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *motif = g_ptr_array_index (motifs, i);
      guint scheme = g_array_index (schemes, guint, i);
      /* One photo, and a second in another colour for every third
       * product, as a workshop shows a cloth in two colourways. */
      guint n = i % 3 == 0 ? 2 : 1;

      for (guint k = 0; k < n; k++)
        {
          g_autoptr(GBytes) image = painter (motif, scheme + 4 * k, 640, 480);
          g_autoptr(GBytes) thumb = painter (motif, scheme + 4 * k, 160, 120);

          if (!canting_product_photo_add (db, g_array_index (ids, gint64, i), image, thumb, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_channel (CantingDb  *db,
             GError    **error)
{
  g_autoptr(CantingChannel) channel = canting_channel_new ();
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT id FROM products WHERE archived = 0 AND price > 0 "
                                                      "ORDER BY id LIMIT ?1", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const char * const techniques[][2] = {
    { "tulis", "Batik Tulis" }, { "cap", "Batik Cap" }, { "kombinasi", "Batik Kombinasi" }, { "printing", "Batik Printing" },
  };

  if (stmt == NULL)
    return FALSE;
  g_free (channel->name);
  channel->name = g_strdup (CANTING_DEMO_CHANNEL_NAME);
  channel->kind = CANTING_CHANNEL_WOOCOMMERCE;
  g_free (channel->base_url);
  channel->base_url = g_strdup (DEMO_SHOP_URL);
  channel->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
  g_free (channel->auth_user);
  channel->auth_user = g_strdup (CANTING_DEMO_SHOP_USER);
  if (!canting_channel_save (db, channel, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (techniques); i++)
    if (!canting_channel_set_category (db, channel->id, CANTING_CATEGORY_BY_TECHNIQUE, techniques[i][0],
                                       techniques[i][1], 0, error))
      return FALSE;

  sqlite3_bind_int (stmt, 1, DEMO_ONLINE_PRODUCTS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  /* Waiting in the outbox: the practice shop, started with the
   * workshop, receives them within seconds, so they are online by the
   * time the trainee looks, and again after every Reset. */
  return canting_listing_queue_publish (db, channel->id, (const gint64 *) ids->data, ids->len, error);
}

/* Days from the generator's last day (2025-12-31) to yesterday. */
static int
days_to_yesterday (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate end, today;

  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 31, 12, 2025);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  return MAX (g_date_days_between (&end, &today) - 1, 0);
}

static gboolean
build_template (const char          *dir,
                CantingDemoPainter   painter,
                GError             **error)
{
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP,
                                                  canting_db_latest_schema_version (), error);
  g_autoptr(CantingProfile) profile = NULL;
  CantingGenerateSpec spec;
  TouchUp job = { days_to_yesterday () };
  guint removed = 0;

  if (db == NULL)
    return FALSE;
  /* A small workshop's two years: about a dozen orders a week, a
   * catalogue that fits on two screens, one plant's daily log. */
  canting_generate_spec_init (&spec, 2026, 2, 0.05);
  spec.customers = 150;
  spec.products = 36;
  spec.photos = 1;
  spec.orders = 1200;
  spec.materials = 25;
  spec.movements = 1500;
  spec.ipal_entries = 730;
  spec.ledger = 4000;
  if (!canting_generate_workshop (db, &spec, NULL, error) ||
      !canting_db_transaction (db, touch_up, &job, error) ||
      !add_photos (db, painter, error) ||
      !canting_photo_prune (db, &removed, error) ||
      !add_channel (db, error))
    return FALSE;

  profile = canting_profile_load (db, error);
  if (profile == NULL)
    return FALSE;
  canting_profile_set_name (profile, "Batik Contoh Blitar");
  canting_profile_set_address (profile, "Jl. Kenari 12, Kelurahan Tanggung, Kepanjenkidul");
  canting_profile_set_membership (profile, "LATIHAN-0001");
  if (!canting_profile_save (profile, db, error))
    return FALSE;
  /* Compact and whole in one file: a small template copies fast. */
  return exec_sql (db, "ANALYZE; VACUUM; PRAGMA wal_checkpoint(TRUNCATE)", error);
}

gboolean
canting_demo_ensure_template (CantingDemoPainter   painter,
                              gboolean            *out_built,
                              GError             **error)
{
  g_autofree char *root = canting_demo_root_dir ();
  g_autofree char *dir = template_dir ();
  g_autofree char *db_file = canting_paths_database_file (dir);
  g_autofree char *building = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  gint64 started;

  g_return_val_if_fail (painter != NULL, FALSE);
  if (out_built != NULL)
    *out_built = FALSE;
  if (g_file_test (db_file, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (!canting_paths_ensure_private_dir (root, error))
    return FALSE;

  /* Built aside and renamed into place: a template is whole or absent,
   * even after a power cut or with two Cantings starting at once. */
  pattern = g_build_filename (root, ".building-XXXXXX", NULL);
  building = g_mkdtemp_full (g_strdup (pattern), 0700);
  if (building == NULL)
    return io_error (error, errno, pattern);
  started = g_get_monotonic_time ();
  if (!build_template (building, painter, error))
    {
      remove_tree (building);
      return FALSE;
    }
  g_debug ("demo: template built in %.1f s", (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  if (g_rename (building, dir) != 0)
    {
      int saved = errno;

      remove_tree (building);
      /* Another Canting finished first: its template is as good. */
      if (g_file_test (db_file, G_FILE_TEST_IS_REGULAR))
        return TRUE;
      return io_error (error, saved, dir);
    }
  if (out_built != NULL)
    *out_built = TRUE;

  /* Templates of older versions, and what a crash left half-built. */
  listing = g_dir_open (root, 0, NULL);
  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, entry, NULL);

      if ((g_str_has_prefix (entry, ".template-") || g_str_has_prefix (entry, ".building-")) &&
          g_strcmp0 (path, dir) != 0 && g_strcmp0 (path, building) != 0)
        remove_tree (path);
    }
  return TRUE;
}

char *
canting_demo_prepare (const char          *name,
                      CantingDemoPainter   painter,
                      GError             **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_file = NULL;
  g_autofree char *template = template_dir ();
  g_autofree char *template_db = canting_paths_database_file (template);
  g_autofree char *partial = NULL;

  if (!canting_demo_name_is_valid (name, error) || !canting_demo_ensure_template (painter, NULL, error))
    return NULL;
  dir = canting_demo_dir (name);
  db_file = canting_paths_database_file (dir);
  if (g_file_test (db_file, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&dir);

  /* The photos first, the database last under a temporary name: a
   * practice workshop exists once its database does, and then whole. */
  partial = g_strconcat (db_file, ".partial", NULL);
  if (!canting_paths_ensure_private_dir (dir, error) ||
      !sync_folder (template, dir, "photos", error) ||
      !copy_file (template_db, partial, error))
    return NULL;
  g_chmod (partial, 0600);
  if (g_rename (partial, db_file) != 0)
    {
      io_error (error, errno, db_file);
      g_remove (partial);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

gboolean
canting_demo_reset (CantingDb  *db,
                    GError    **error)
{
  const char *data_dir = canting_db_get_data_dir (db);
  g_autofree char *name = canting_demo_name_of_dir (data_dir);
  g_autofree char *template = template_dir ();
  g_autofree char *template_db = canting_paths_database_file (template);
  g_autofree char *uri = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *lab = NULL;
  sqlite3 *source = NULL;
  sqlite3_backup *backup;
  int rc;

  if (name == NULL)
    {
      /* Never the real workshop, whatever the caller thinks it holds. */
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Only a practice workshop can be reset; “%s” is not one."), data_dir);
      return FALSE;
    }
  if (!g_file_test (template_db, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("The practice workshops’ original records are missing; open a practice workshop again to rebuild them."));
      return FALSE;
    }

  /* Read-only and immutable: the template never changes once built, and
   * reading it this way leaves no -wal or -shm file beside it. */
  uri = g_strdup_printf ("file:%s?immutable=1", template_db);
  rc = sqlite3_open_v2 (uri, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, source, rc, _("reading the practice workshops’ original records"));
      sqlite3_close (source);
      return FALSE;
    }
  backup = sqlite3_backup_init (canting_db_get_handle (db), "main", source, "main");
  if (backup == NULL)
    {
      canting_db_set_error (error, canting_db_get_handle (db), sqlite3_errcode (canting_db_get_handle (db)),
                            _("resetting the practice workshop"));
      sqlite3_close (source);
      return FALSE;
    }
  /* All pages in one step: the app's own connection waits meanwhile. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  sqlite3_close (source);
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("resetting the practice workshop"));
      return FALSE;
    }

  shop = canting_demo_shop_file (data_dir);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (shop, suffixes[i], NULL);
      g_remove (file);
    }
  lab = g_build_filename (data_dir, "lab-reports", NULL);
  if (g_file_test (lab, G_FILE_TEST_IS_DIR))
    remove_tree (lab);
  return sync_folder (template, data_dir, "photos", error);
}

gboolean
canting_demo_point_channel (CantingDb   *db,
                            const char  *url,
                            gint64      *out_channel_id,
                            GError     **error)
{
  g_autoptr(CantingChannel) channel = canting_channel_find (db, CANTING_DEMO_CHANNEL_NAME, error);

  if (channel == NULL)
    return FALSE;
  if (g_strcmp0 (channel->base_url, url) != 0)
    {
      g_free (channel->base_url);
      channel->base_url = g_strdup (url);
      if (!canting_channel_save (db, channel, error))
        return FALSE;
    }
  if (out_channel_id != NULL)
    *out_channel_id = channel->id;
  return TRUE;
}

char *
canting_demo_channel_url (CantingDb *db)
{
  g_autoptr(CantingChannel) channel = canting_channel_find (db, CANTING_DEMO_CHANNEL_NAME, NULL);

  return channel != NULL ? g_strdup (channel->base_url) : NULL;
}

/* --- benchmark --------------------------------------------------------------- */

GPtrArray *
canting_demo_bench_reset (const char          *root,
                          CantingDemoPainter   painter,
                          guint                rounds,
                          GError             **error)
{
  g_autofree char *saved_root = g_strdup (g_getenv ("CANTING_DEMO_ROOT"));
  g_autofree char *dir = NULL;
  g_autofree char *template = NULL;
  g_autofree char *template_db = NULL;
  g_autofree char *db_file = NULL;
  g_autoptr(GPtrArray) results = NULL;
  CantingBenchResult *r;
  double best = G_MAXDOUBLE, best_copy = G_MAXDOUBLE;

  g_setenv ("CANTING_DEMO_ROOT", root, TRUE);
  dir = canting_demo_prepare ("Bench", painter, error);
  template = template_dir ();
  if (dir == NULL)
    goto out;
  template_db = canting_paths_database_file (template);
  db_file = canting_paths_database_file (dir);

  for (guint i = 0; i < MAX (rounds, 1); i++)
    {
      g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
      gint64 t;

      if (db == NULL || !exec_sql (db, "INSERT INTO customers (name, city) VALUES ('Peserta', 'Kediri')", error))
        goto out;
      t = g_get_monotonic_time ();
      if (!canting_demo_reset (db, error))
        goto out;
      best = MIN (best, (g_get_monotonic_time () - t) / 1000.0);
      g_clear_object (&db);

      /* The baseline: the same records put back by copying the file,
       * which only works with the workshop closed. */
      t = g_get_monotonic_time ();
      if (!copy_file (template_db, db_file, error))
        goto out;
      best_copy = MIN (best_copy, (g_get_monotonic_time () - t) / 1000.0);
    }
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  r = g_new0 (CantingBenchResult, 1);
  r->name = g_strdup ("demo-reset");
  r->canting_ms = best;
  r->baseline_ms = best_copy;
  r->baseline = g_strdup (_("copying the practice template’s database file over a closed workshop"));
  g_ptr_array_add (results, r);

out:
  if (saved_root != NULL)
    g_setenv ("CANTING_DEMO_ROOT", saved_root, TRUE);
  else
    g_unsetenv ("CANTING_DEMO_ROOT");
  return g_steal_pointer (&results);
}
