/* test-demo.c: practice workshops (issue 9's trainer mode).
 *
 * A practice workshop is made from the template and reset to it; the
 * real workshop's files stay the same to the byte through all of it;
 * two practice workshops do not see each other's changes; Reset takes
 * well under the two seconds a trainer waits. */
#include "canting-customer.h"
#include "canting-db-private.h"
#include "canting-demo.h"
#include "canting-error.h"
#include "canting-motif-picture.h"
#include "canting-paths.h"
#include "canting-profile.h"
#include "canting-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

/* Every file under @dir (but the practice workshops' root) with its
 * bytes, by path relative to @dir. */
static void
snapshot_into (GHashTable *files,
               const char *dir,
               const char *relative,
               const char *skip)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autofree char *rel = relative != NULL ? g_build_filename (relative, entry, NULL) : g_strdup (entry);

      if (g_strcmp0 (path, skip) == 0)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        snapshot_into (files, path, rel, skip);
      else
        g_hash_table_insert (files, g_steal_pointer (&rel), canting_test_read_file (path));
    }
}

static GHashTable *
snapshot (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autofree char *demo_root = canting_demo_root_dir ();

  snapshot_into (files, dir, NULL, demo_root);
  return files;
}

static void
assert_same_files (GHashTable *before,
                   GHashTable *after)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (before), ==, g_hash_table_size (after));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GBytes *now = g_hash_table_lookup (after, key);

      g_assert_nonnull (now);
      if (!g_bytes_equal (value, now))
        g_error ("%s changed", (char *) key);
    }
}

/* A real workshop in the usual place, with a customer, closed. */
static char *
make_real_workshop (void)
{
  char *dir = canting_paths_default_data_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(CantingProfile) profile = NULL;
  g_autoptr(CantingCustomer) customer = canting_customer_new ();

  g_assert_no_error (error);
  profile = canting_profile_load (db, &error);
  canting_profile_set_name (profile, "Batik Kembang Turi");
  g_assert_true (canting_profile_save (profile, db, &error));
  g_free (customer->name);
  customer->name = g_strdup ("Bu Asih");
  g_free (customer->city);
  customer->city = g_strdup ("Blitar");
  g_assert_true (canting_customer_save (db, customer, &error));
  g_assert_no_error (error);
  return dir;
}

static gint64
count (CantingDb  *db,
       const char *sql)
{
  return canting_test_query_int (canting_db_get_handle (db), sql);
}

static void
test_demo_names (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_demo_name_is_valid ("Latihan", NULL));
  g_assert_true (canting_demo_name_is_valid ("Bu Sri 2", NULL));
  g_assert_true (canting_demo_name_is_valid ("peserta_03-b", NULL));
  g_assert_false (canting_demo_name_is_valid ("", NULL));
  g_assert_false (canting_demo_name_is_valid ("..", NULL));
  g_assert_false (canting_demo_name_is_valid ("../canting", NULL));
  g_assert_false (canting_demo_name_is_valid (" depan", NULL));
  g_assert_false (canting_demo_name_is_valid (".template-1-1", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  {
    g_autofree char *default_dir = canting_paths_default_data_dir ();
    g_assert_null (canting_demo_name_of_dir (default_dir));
  }
}

static void
test_demo_has_realistic_records (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = canting_demo_prepare ("Latihan", canting_motif_picture_png, &error);
  g_autoptr(CantingDb) db = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_year = g_date_time_format (now, "%Y");
  g_autofree char *sql = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  name = canting_demo_name_of_dir (dir);
  g_assert_cmpstr (name, ==, "Latihan");
  list = canting_demo_list ();
  g_assert_cmpuint (list->len, ==, 1);
  db = canting_db_open (dir, &error);
  g_assert_no_error (error);

  g_assert_cmpint (count (db, "SELECT count(*) FROM orders"), >=, 1000);
  g_assert_cmpint (count (db, "SELECT count(DISTINCT city) FROM customers"), >=, 6);
  g_assert_cmpint (count (db, "SELECT count(*) FROM customers WHERE city LIKE '%Blitar%'"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM products WHERE motif IN ('Kawung', 'Parang', 'Sekar Jagad', "
                              "'Truntum', 'Kembang Jeruk', 'Lagundi', 'Kendali Dumadi')"), >=, 7);
  g_assert_cmpint (count (db, "SELECT count(*) FROM products p WHERE NOT EXISTS "
                              "(SELECT 1 FROM product_photos f WHERE f.product_id = p.id)"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM materials"), >=, 10);
  g_assert_cmpint (count (db, "SELECT count(*) FROM stock_movements WHERE kind = 'purchase'"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM ipal_logs"), >=, 300);
  g_assert_cmpint (count (db, "SELECT count(*) FROM ipal_logs WHERE incident <> ''"), >=, 2);
  g_assert_cmpint (count (db, "SELECT count(*) FROM ledger WHERE kind = 'income'"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM ledger WHERE kind = 'expense'"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM listings WHERE wanted = 1"), >=, 5);
  g_assert_cmpint (count (db, "SELECT count(*) FROM channels WHERE base_url LIKE 'http://127.0.0.1:%'"), ==, 1);
  /* Two years up to yesterday: this year has orders, numbered by it,
   * and nothing lies in the future. */
  sql = g_strdup_printf ("SELECT count(*) FROM orders WHERE order_date LIKE '%s-%%' AND number LIKE 'PSN-%s-%%'",
                         this_year, this_year);
  g_assert_cmpint (count (db, sql), >, 100);
  g_assert_cmpint (count (db, "SELECT count(*) FROM orders WHERE order_date > date('now', 'localtime')"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM ledger WHERE on_date > date('now', 'localtime')"), ==, 0);
  /* Every photo named is there. */
  {
    g_autofree char *photos = g_build_filename (dir, "photos", NULL);
    g_autoptr(GDir) d = g_dir_open (photos, 0, NULL);
    guint n = 0;

    while (d != NULL && g_dir_read_name (d) != NULL)
      n++;
    g_assert_cmpint (n, ==, count (db, "SELECT count(DISTINCT file) + count(DISTINCT thumbnail) FROM product_photos"));
  }
}

static void
test_demo_reset_restores_and_spares_real (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *real = make_real_workshop ();
  g_autoptr(GHashTable) before = snapshot (real);
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *dir = canting_demo_prepare ("Latihan", canting_motif_picture_png, &error);
  g_autoptr(CantingDb) db = NULL;
  g_autofree char *pristine = NULL;
  g_autofree char *photo = NULL;
  gint64 orders, started, elapsed;

  g_assert_no_error (error);
  db = canting_db_open (dir, &error);
  g_assert_no_error (error);
  pristine = canting_test_dump (canting_db_get_path (db));
  orders = count (db, "SELECT count(*) FROM customers");

  /* A trainee's morning: orders changed, customers deleted and one
   * added, a photo. */
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "UPDATE orders SET notes = 'diubah peserta' WHERE id IN (SELECT id FROM orders LIMIT 5);"
                                 "DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM orders);"
                                 "INSERT INTO customers (name, city) VALUES ('Pelanggan Latihan', 'Kediri');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  photo = g_build_filename (dir, "photos", "foto-peserta.png", NULL);
  g_assert_true (g_file_set_contents (photo, "png", 3, NULL));
  g_assert_cmpint (count (db, "SELECT count(*) FROM customers WHERE name = 'Pelanggan Latihan'"), ==, 1);

  started = g_get_monotonic_time ();
  g_assert_true (canting_demo_reset (db, &error));
  elapsed = g_get_monotonic_time () - started;
  g_assert_no_error (error);
  g_test_message ("reset took %" G_GINT64_FORMAT " ms", elapsed / 1000);
  /* The promise, with room for a slow laptop. */
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);

  g_assert_cmpint (count (db, "SELECT count(*) FROM customers WHERE name = 'Pelanggan Latihan'"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM customers"), ==, orders);
  g_assert_cmpint (count (db, "SELECT count(*) FROM orders WHERE notes = 'diubah peserta'"), ==, 0);
  g_assert_false (g_file_test (photo, G_FILE_TEST_EXISTS));
  g_clear_object (&db);
  {
    g_autofree char *path = canting_paths_database_file (dir);
    g_autofree char *dump = canting_test_dump (path);
    g_assert_cmpstr (dump, ==, pristine);
  }

  /* The real workshop: not one byte different. */
  after = snapshot (real);
  assert_same_files (before, after);
}

static void
test_demo_reset_refuses_real_workshop (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *real = make_real_workshop ();
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(CantingDb) db = canting_db_open (real, &error);

  g_assert_no_error (error);
  g_assert_true (canting_demo_ensure_template (canting_motif_picture_png, NULL, &error));
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  before = snapshot (real);
  g_assert_false (canting_demo_reset (db, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_cmpint (count (db, "SELECT count(*) FROM customers WHERE name = 'Bu Asih'"), ==, 1);
  after = snapshot (real);
  assert_same_files (before, after);
}

static void
test_demo_side_by_side (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a_dir = canting_demo_prepare ("Bu Sri", canting_motif_picture_png, &error);
  g_autofree char *b_dir = canting_demo_prepare ("Pak Joko", canting_motif_picture_png, &error);
  g_autoptr(CantingDb) a = NULL;
  g_autoptr(CantingDb) b = NULL;
  g_autoptr(GPtrArray) names = canting_demo_list ();
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a_dir, !=, b_dir);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Bu Sri");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "Pak Joko");
  a = canting_db_open (a_dir, &error);
  b = canting_db_open (b_dir, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (a),
                                 "INSERT INTO customers (name, city) VALUES ('Tamu Bu Sri', 'Malang')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (b),
                                 "INSERT INTO customers (name, city) VALUES ('Tamu Pak Joko', 'Surabaya')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (count (a, "SELECT count(*) FROM customers WHERE name LIKE 'Tamu %'"), ==, 1);
  g_assert_cmpint (count (b, "SELECT count(*) FROM customers WHERE name LIKE 'Tamu %'"), ==, 1);

  /* Resetting one leaves the other's practice as it was. */
  g_assert_true (canting_demo_reset (a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (a, "SELECT count(*) FROM customers WHERE name LIKE 'Tamu %'"), ==, 0);
  g_assert_cmpint (count (b, "SELECT count(*) FROM customers WHERE name = 'Tamu Pak Joko'"), ==, 1);

  /* Opening one again keeps what was practised. */
  again = canting_demo_prepare ("Pak Joko", canting_motif_picture_png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (b, "SELECT count(*) FROM customers WHERE name = 'Tamu Pak Joko'"), ==, 1);
}

static void
test_demo_point_channel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = canting_demo_prepare ("Latihan", canting_motif_picture_png, &error);
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autofree char *url = NULL;
  gint64 id = 0;

  g_assert_no_error (error);
  g_assert_true (canting_demo_point_channel (db, "http://127.0.0.1:40123", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  url = canting_demo_channel_url (db);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:40123");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/names", test_demo_names);
  g_test_add_func ("/demo/realistic-records", test_demo_has_realistic_records);
  g_test_add_func ("/demo/reset-restores-and-spares-real", test_demo_reset_restores_and_spares_real);
  g_test_add_func ("/demo/reset-refuses-real-workshop", test_demo_reset_refuses_real_workshop);
  g_test_add_func ("/demo/side-by-side", test_demo_side_by_side);
  g_test_add_func ("/demo/point-channel", test_demo_point_channel);
  return g_test_run ();
}
