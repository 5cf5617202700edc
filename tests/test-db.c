/* test-db.c: opening, migrating and refusing databases; the profile. */
#include "canting-backup.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-ledger.h"
#include "canting-order.h"
#include "canting-paths.h"
#include "canting-profile.h"
#include "canting-sql-private.h"
#include "canting-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

static char *
pragma_text (CantingDb  *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_fresh (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *data_dir = g_build_filename (dir, "nested", "workshop", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingProfile) profile = NULL;
  g_autofree char *journal = NULL, *sync = NULL, *fk = NULL, *timeout = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (canting_db_get_schema_version (db), ==, canting_db_latest_schema_version ());

  journal = pragma_text (db, "PRAGMA journal_mode");
  sync = pragma_text (db, "PRAGMA synchronous");
  fk = pragma_text (db, "PRAGMA foreign_keys");
  timeout = pragma_text (db, "PRAGMA busy_timeout");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (sync, ==, "2"); /* FULL */
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpint (atoi (timeout), >=, 1000);
  {
    int app_id = 0;
    g_assert_true (canting_db_read_pragma_int (canting_db_get_handle (db), "PRAGMA application_id", &app_id, NULL));
    g_assert_cmpint (app_id, ==, CANTING_APPLICATION_ID);
  }

  /* Private to the owner: the file and the folder. */
  g_assert_cmpint (g_stat (canting_db_get_path (db), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  profile = canting_profile_load (db, &error);
  g_assert_no_error (error);
  g_assert_false (canting_profile_is_set_up (profile));

  g_clear_object (&db);
  canting_test_rmdir (dir);
}

static void
test_data_dir_from_environment (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *chosen = NULL;

  g_setenv ("CANTING_DATA_DIR", dir, TRUE);
  chosen = canting_paths_default_data_dir ();
  g_assert_cmpstr (chosen, ==, dir);
  g_unsetenv ("CANTING_DATA_DIR");
  g_free (chosen);
  chosen = canting_paths_default_data_dir ();
  g_assert_true (g_str_has_suffix (chosen, "/canting"));
  canting_test_rmdir (dir);
}

/* A database made by every older schema version (with a profile where the
 * schema has one) opens, upgrades to the latest, keeps its data, and leaves
 * a pre-upgrade backup of the old version behind.  The versions are the
 * steps' own: work on separate branches may leave a gap between them. */
static void
test_upgrade_from_every_version (void)
{
  int latest = canting_db_latest_schema_version ();
  gsize n_steps;
  const CantingSchemaStep *steps = canting_schema_steps (&n_steps);

  for (gsize step = 0; step < n_steps; step++)
    {
      int from = step == 0 ? 0 : steps[step - 1].version;
      g_autofree char *dir = canting_test_mkdtemp ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CantingDb) old = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, from, &error);
      g_autoptr(CantingDb) db = NULL;
      g_autoptr(GPtrArray) backups = NULL;
      g_autofree char *name = g_strdup_printf ("Batik Versi %d", from);

      /* They run in the list's order, which must be the versions'. */
      g_assert_cmpint (steps[step].version, >, from);
      g_test_message ("upgrading from schema %d", from);
      g_assert_no_error (error);
      g_assert_cmpint (canting_db_get_schema_version (old), ==, from);
      if (from >= 1)
        {
          g_autoptr(CantingProfile) profile = canting_profile_new ();
          canting_profile_set_name (profile, name);
          canting_profile_set_city (profile, "Blitar");
          g_assert_true (canting_profile_save (profile, old, &error));
          g_assert_no_error (error);
        }
      g_clear_object (&old);

      db = canting_db_open (dir, &error);
      g_assert_no_error (error);
      g_assert_cmpint (canting_db_get_schema_version (db), ==, latest);

      backups = canting_backup_list (dir, &error);
      g_assert_no_error (error);
      if (from >= 1)
        {
          g_autoptr(CantingProfile) profile = canting_profile_load (db, &error);
          gboolean found = FALSE;

          g_assert_no_error (error);
          g_assert_cmpstr (canting_profile_get_name (profile), ==, name);
          g_assert_cmpstr (canting_profile_get_city (profile), ==, "Blitar");
          for (guint i = 0; i < backups->len; i++)
            {
              CantingBackupInfo *info = g_ptr_array_index (backups, i);
              int version = -1;
              if (info->kind != CANTING_BACKUP_PRE_MIGRATION)
                continue;
              g_assert_true (canting_db_check_file (info->path, &version, NULL));
              g_assert_cmpint (version, ==, from);
              found = TRUE;
            }
          g_assert_true (found);
        }
      else
        {
          /* A new file has nothing to save before its steps, not even
           * between them. */
          for (guint i = 0; i < backups->len; i++)
            g_assert_cmpint (((CantingBackupInfo *) g_ptr_array_index (backups, i))->kind,
                             !=, CANTING_BACKUP_PRE_MIGRATION);
        }
      g_clear_object (&db);
      canting_test_rmdir (dir);
    }
}

static void
make_database_claiming_version (const char *dir,
                                int         version)
{
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d;", version);

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Opening @dir must fail with @code and a message containing @part, and
 * leave the database file and its -wal byte for byte as they were, with
 * no backup made of them. */
static void
assert_open_refused (const char       *dir,
                     CantingErrorCode  code,
                     const char       *part)
{
  g_autofree char *path = canting_paths_database_file (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gboolean had_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  g_autoptr(GBytes) before = canting_test_read_file (path);
  g_autoptr(GBytes) wal_before = had_wal ? canting_test_read_file (wal) : NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(GPtrArray) backups = NULL;

  g_assert_null (db);
  g_assert_error (error, CANTING_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, part));
  after = canting_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  if (had_wal)
    {
      g_autoptr(GBytes) wal_after = canting_test_read_file (wal);
      g_assert_true (g_bytes_equal (wal_before, wal_after));
    }
  backups = canting_backup_list (dir, NULL);
  g_assert_cmpint (backups->len, ==, 0);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();

  make_database_claiming_version (dir, canting_db_latest_schema_version () + 1);
  assert_open_refused (dir, CANTING_ERROR_TOO_NEW, "newer version of Canting");
  canting_test_rmdir (dir);
}

/* The newer version's last change still sits in the -wal (a newer Canting
 * lost power, say).  Refusing must leave the -wal as well as the main file
 * exactly as they were: a read-write connection would checkpoint the log
 * into the file when it closes. */
static void
test_refuse_newer_with_pending_wal (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = canting_paths_database_file (dir);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", canting_db_latest_schema_version () + 1);
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  sqlite3 *raw = NULL;

  g_clear_object (&db);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE workshop SET name = 'Masih di WAL'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  assert_open_refused (dir, CANTING_ERROR_TOO_NEW, "newer version of Canting");
  canting_test_rmdir (dir);
}

/* Header values a tampered or foreign file may hold, -1 among them, are
 * refused with a message (they once crashed: -1 read as "no value"). */
static void
test_refuse_odd_headers (void)
{
  static const char * const tamper[] = {
    "PRAGMA user_version = -1",
    "PRAGMA application_id = -1",
    "PRAGMA user_version = 0",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tamper); i++)
    {
      g_autofree char *dir = canting_test_mkdtemp ();
      g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);

      g_test_message ("%s", tamper[i]);
      g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db), tamper[i], NULL, NULL, NULL), ==, SQLITE_OK);
      g_clear_object (&db);
      assert_open_refused (dir, CANTING_ERROR_CORRUPT, "not a Canting workshop database");
      canting_test_rmdir (dir);
    }
}

static void
write_file (const char   *path,
            const void   *data,
            gsize         len)
{
  g_autoptr(GError) error = NULL;
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

static void
test_refuse_garbage (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = canting_paths_database_file (dir);
  char garbage[8192];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) ('A' + i % 26);
  write_file (path, garbage, sizeof garbage);
  assert_open_refused (dir, CANTING_ERROR_CORRUPT, "damaged");
  canting_test_rmdir (dir);
}

static void
test_refuse_foreign_database (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = canting_paths_database_file (dir);
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('Gundul');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  assert_open_refused (dir, CANTING_ERROR_CORRUPT, "not a Canting workshop database");
  canting_test_rmdir (dir);
}

/* A real workshop database whose pages were damaged (a bad sector, a
 * half-written copy): refused with a clear message, left as it is; recover
 * moves it aside byte for byte and restores the newest good backup. */
static void
test_damaged_pages_and_recover (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = canting_paths_database_file (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autofree char *good_backup = NULL;
  g_autofree char *found = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *dump_backup = NULL;
  g_autofree char *dump_restored = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) aside_bytes = NULL;
  sqlite3 *raw = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_assert_no_error (error);
  canting_profile_set_name (profile, "Batik Tulis Sekar Jagad");
  g_assert_true (canting_profile_save (profile, db, &error));
  g_assert_no_error (error);
  good_backup = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  /* Grow the file past a few pages with an index, then damage the middle. */
  raw = canting_db_get_handle (db);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "CREATE TABLE filler (k INTEGER PRIMARY KEY, v TEXT);"
                                 "CREATE INDEX filler_v ON filler (v);"
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                                 "  INSERT INTO filler SELECT i, hex(randomblob(40)) FROM n;"
                                 "PRAGMA wal_checkpoint(TRUNCATE);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&db);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16 * 4096);
  for (gsize i = 6 * 4096; i < 12 * 4096; i++)
    contents[i] = (char) (i * 7919 % 251);
  write_file (path, contents, len);
  g_free (contents);
  damaged = canting_test_read_file (path);

  db = canting_db_open (dir, &error);
  g_assert_null (db);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) unchanged = canting_test_read_file (path);
    g_assert_true (g_bytes_equal (damaged, unchanged));
  }

  found = canting_backup_find_newest_good (dir);
  g_assert_cmpstr (found, ==, good_backup);
  g_assert_true (canting_backup_recover (dir, found, &aside, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (aside, path));
  g_assert_true (strstr (aside, ".broken-") != NULL);
  aside_bytes = canting_test_read_file (aside);
  g_assert_true (g_bytes_equal (damaged, aside_bytes));

  db = canting_db_open (dir, &error);
  g_assert_no_error (error);
  g_clear_object (&profile);
  profile = canting_profile_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canting_profile_get_name (profile), ==, "Batik Tulis Sekar Jagad");
  g_clear_object (&db);
  dump_backup = canting_test_dump (good_backup);
  dump_restored = canting_test_dump (path);
  g_assert_cmpstr (dump_backup, ==, dump_restored);
  canting_test_rmdir (dir);
}

static void
test_profile_round_trip (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(CantingProfile) loaded = NULL;
  g_autoptr(GBytes) logo = canting_test_image_header ("png", 120, 80, NULL);

  g_assert_no_error (error);
  canting_profile_set_name (profile, "  Batik Tulis Kembang Turi  ");
  canting_profile_set_owner (profile, "Bu Siti Rahayu");
  canting_profile_set_address (profile, "Jl. Kenanga 12\nKel. Sananwetan");
  canting_profile_set_city (profile, "Kota Blitar");
  canting_profile_set_phone (profile, "0812-3456-7890");
  canting_profile_set_membership (profile, "APBI-BLT-0042");
  g_assert_true (canting_profile_set_logo (profile, logo, &error));
  g_assert_no_error (error);
  g_assert_true (canting_profile_save (profile, db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = canting_db_open (dir, &error);
  g_assert_no_error (error);
  loaded = canting_profile_load (db, &error);
  g_assert_no_error (error);
  g_assert_true (canting_profile_is_set_up (loaded));
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Batik Tulis Kembang Turi");
  g_assert_cmpstr (canting_profile_get_owner (loaded), ==, "Bu Siti Rahayu");
  g_assert_cmpstr (canting_profile_get_address (loaded), ==, "Jl. Kenanga 12\nKel. Sananwetan");
  g_assert_cmpstr (canting_profile_get_city (loaded), ==, "Kota Blitar");
  g_assert_cmpstr (canting_profile_get_phone (loaded), ==, "0812-3456-7890");
  g_assert_cmpstr (canting_profile_get_membership (loaded), ==, "APBI-BLT-0042");
  g_assert_true (g_bytes_equal (canting_profile_get_logo (loaded), logo));
  g_assert_cmpstr (canting_profile_get_logo_mime (loaded), ==, "image/png");
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

static void
test_profile_validation (void)
{
  static const struct {
    CantingProfileField field;
    const char *text;
    gboolean ok;
    const char *message_part;
  } table[] = {
    { CANTING_PROFILE_FIELD_NAME, "", FALSE, "workshop’s name" },
    { CANTING_PROFILE_FIELD_NAME, "   ", FALSE, "workshop’s name" },
    { CANTING_PROFILE_FIELD_NAME, "Batik Tulis Kembang Turi", TRUE, NULL },
    { CANTING_PROFILE_FIELD_NAME, "Batik\tTab", FALSE, "characters" },
    { CANTING_PROFILE_FIELD_NAME, "Batik\nBaris", FALSE, "characters" },
    { CANTING_PROFILE_FIELD_ADDRESS, "Jl. Mawar 3\nBlitar", TRUE, NULL },
    { CANTING_PROFILE_FIELD_PHONE, "", TRUE, NULL },
    { CANTING_PROFILE_FIELD_PHONE, "0812-3456-7890", TRUE, NULL },
    { CANTING_PROFILE_FIELD_PHONE, "+62 812 3456 7890", TRUE, NULL },
    { CANTING_PROFILE_FIELD_PHONE, "(0342) 801234", TRUE, NULL },
    { CANTING_PROFILE_FIELD_PHONE, "0812", FALSE, "not a phone number" },
    { CANTING_PROFILE_FIELD_PHONE, "0812-3456-7890-1234-5", FALSE, "not a phone number" },
    { CANTING_PROFILE_FIELD_PHONE, "08123abc456", FALSE, "not a phone number" },
    { CANTING_PROFILE_FIELD_PHONE, "0812+3456789", FALSE, "not a phone number" },
    { CANTING_PROFILE_FIELD_CITY, "Kabupaten Blitar", TRUE, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = canting_profile_validate_field (table[i].field, table[i].text, &error);

      g_test_message ("field %d “%s”", table[i].field, table[i].text);
      g_assert_cmpint (ok, ==, table[i].ok);
      if (!ok)
        {
          g_assert_error (error, CANTING_PROFILE_ERROR, (int) table[i].field);
          g_assert_nonnull (strstr (error->message, table[i].message_part));
        }
    }

  {
    g_autofree char *long_name = g_strnfill (121, 'a');
    g_autoptr(GError) error = NULL;
    g_assert_false (canting_profile_validate_field (CANTING_PROFILE_FIELD_NAME, long_name, &error));
    g_assert_nonnull (strstr (error->message, "too long"));
  }
}

static void
test_profile_logo_checks (void)
{
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("hello, not an image", 19);
  g_autoptr(GBytes) svg = g_bytes_new_static ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 64);
  g_autoptr(GBytes) jpeg = canting_test_image_header ("jpeg", 300, 200, "0000");
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (CANTING_PROFILE_LOGO_MAX_BYTES + 1),
                                             CANTING_PROFILE_LOGO_MAX_BYTES + 1);

  g_assert_false (canting_profile_set_logo (profile, text, &error));
  g_assert_error (error, CANTING_PROFILE_ERROR, CANTING_PROFILE_FIELD_LOGO);
  g_assert_null (canting_profile_get_logo (profile));
  g_clear_error (&error);

  g_assert_false (canting_profile_set_logo (profile, huge, &error));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  g_assert_true (canting_profile_set_logo (profile, svg, &error));
  g_assert_cmpstr (canting_profile_get_logo_mime (profile), ==, "image/svg+xml");
  g_assert_true (canting_profile_set_logo (profile, jpeg, &error));
  g_assert_cmpstr (canting_profile_get_logo_mime (profile), ==, "image/jpeg");
  g_assert_true (canting_profile_set_logo (profile, NULL, &error));
  g_assert_null (canting_profile_get_logo (profile));
  g_assert_null (canting_profile_get_logo_mime (profile));
}

/* An invalid profile is refused whole: not one field is written. */
static void
test_profile_invalid_writes_nothing (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(CantingProfile) loaded = NULL;

  canting_profile_set_name (profile, "Batik Asli");
  canting_profile_set_city (profile, "Blitar");
  g_assert_true (canting_profile_save (profile, db, &error));

  canting_profile_set_name (profile, "Batik Baru");
  canting_profile_set_city (profile, "Tulungagung");
  canting_profile_set_phone (profile, "telepon saya");
  g_assert_false (canting_profile_save (profile, db, &error));
  g_assert_error (error, CANTING_PROFILE_ERROR, CANTING_PROFILE_FIELD_PHONE);

  loaded = canting_profile_load (db, NULL);
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Batik Asli");
  g_assert_cmpstr (canting_profile_get_city (loaded), ==, "Blitar");
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

static gboolean
write_then_fail (CantingDb  *db,
                 gpointer    user_data,
                 GError    **error)
{
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "UPDATE workshop SET name = 'setengah' WHERE id = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, "second step failed");
  return FALSE;
}

/* Another program writes over six pages of @path, leaving its size. */
static void
damage_pages_in_place (const char *path)
{
  char junk[6 * 4096];
  FILE *file;

  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 7919 % 251);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, 6 * 4096, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, file), ==, sizeof junk);
  fclose (file);
}

/* An open skips reading every page only for a file exactly as Canting
 * closed it.  Pages damaged in place afterwards (same file, same size,
 * another program writing into it) are still found and refused. */
static void
test_damaged_in_place_after_clean_close (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = canting_paths_database_file (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "CREATE TABLE filler (k INTEGER PRIMARY KEY, v TEXT);"
                                 "CREATE INDEX filler_v ON filler (v);"
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                                 "  INSERT INTO filler SELECT i, hex(randomblob(40)) FROM n;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&db);

  /* Closed cleanly: opens again without a word. */
  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  damage_pages_in_place (path);

  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_null (db);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
  canting_test_rmdir (dir);
}

static void
on_pages_checked (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GError **error = data;

  if (!canting_db_check_pages_finish (result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "checked");
}

/* Checked on a worker and answered here: *error ends as the check's
 * error, or as G_IO_ERROR_NONE when the pages are good. */
static GError *
check_pages_and_wait (const char *dir)
{
  GError *error = NULL;

  canting_db_check_pages_async (dir, on_pages_checked, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

/* After a crash the app reads every page on a worker before it opens
 * the records: good pages are noted, so the open does not read them
 * again; damaged ones are reported and the file is left as it was. */
static void
test_check_pages_async (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = canting_paths_database_file (dir);
  g_autofree char *note = g_strconcat (path, "-closed", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;

  /* No records yet: a new workshop, nothing to check. */
  g_assert_false (canting_db_needs_page_check (dir));
  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "CREATE TABLE filler (k INTEGER PRIMARY KEY, v TEXT);"
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                                 "  INSERT INTO filler SELECT i, hex(randomblob(40)) FROM n;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&db);
  g_assert_false (canting_db_needs_page_check (dir));

  /* As after a crash: no note of a clean close. */
  g_assert_cmpint (g_unlink (note), ==, 0);
  g_assert_true (canting_db_needs_page_check (dir));
  error = check_pages_and_wait (dir);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_clear_error (&error);
  g_assert_false (canting_db_needs_page_check (dir));
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));

  /* Damaged in place, after a crash. */
  damage_pages_in_place (path);
  g_assert_cmpint (g_unlink (note), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  error = check_pages_and_wait (dir);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (canting_db_needs_page_check (dir));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  canting_test_rmdir (dir);
}

static void
test_transaction_rolls_back (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(CantingProfile) loaded = NULL;

  g_assert_false (canting_db_transaction (db, write_then_fail, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  loaded = canting_profile_load (db, NULL);
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "");
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

static void
test_count_rows (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) db = canting_db_open (dir, NULL);
  g_autofree CantingTableCount *counts = canting_db_count_rows (db, NULL);
  gboolean saw_workshop = FALSE;

  g_assert_nonnull (counts);
  for (gsize i = 0; counts[i].table != NULL; i++)
    if (g_str_equal (counts[i].table, "workshop"))
      {
        saw_workshop = TRUE;
        g_assert_cmpint (counts[i].rows, ==, 1);
      }
  g_assert_true (saw_workshop);
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* Every row of @sql's result, one line each. */
static char *
rows_of (CantingDb  *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Everything a workshop keeps about its orders, to compare before and
 * after an upgrade. */
static char *
order_records (CantingDb *db)
{
  static const char * const queries[] = {
    "SELECT * FROM orders ORDER BY id",
    "SELECT * FROM order_items ORDER BY id",
    "SELECT * FROM order_status_log ORDER BY id",
    "SELECT * FROM payments ORDER BY id",
    "SELECT * FROM ledger ORDER BY id",
    "SELECT * FROM accounts ORDER BY id",
    "SELECT * FROM product_stock_moves ORDER BY id",
    "SELECT * FROM customers ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = rows_of (db, queries[i]);
      g_string_append_printf (out, "%s\n%s", queries[i], rows);
    }
  return g_string_free (out, FALSE);
}

static char *
schema_without_statistics (CantingDb *db)
{
  return rows_of (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' "
                      "ORDER BY type, name");
}

/* The primary result code of running @sql. */
static int
exec_rc (CantingDb  *db,
         const char *sql)
{
  return sqlite3_exec (canting_db_get_handle (db), sql, NULL, NULL, NULL) & 0xff;
}

/* Schema step 19 rebuilds the orders table (its status and channel
 * checked by comparisons instead of IN lists): a workshop's orders, their
 * items, payments, ledger and everything that refers to them come
 * through unchanged; the schema is then exactly a new workshop's; the
 * rules still hold (checks, foreign keys with their cascades, the
 * triggers that keep orders.paid); foreign keys are back on. */
static void
test_upgrade_rebuilds_orders (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *fresh_dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 18, &error);
  g_autoptr(CantingDb) fresh = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autofree char *fk = NULL;
  g_autofree char *legacy = NULL;
  g_autofree char *integrity = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (exec_rc (db,
    "INSERT INTO customers (id, name) VALUES (1, 'Bu Ani'), (2, 'Pak Budi');"
    "INSERT INTO products (id, sku, name, technique, price) VALUES (1, 'TL-1', 'Kain tulis', 'tulis', 500000);"
    "INSERT INTO orders (id, number, year, seq, customer_id, order_date, due_date, status, total, channel) VALUES"
    "  (1, 'PSN-2025-0001', 2025, 1, 1, '2025-03-01', '2025-03-20', 'delivered', 500000, 'whatsapp'),"
    "  (2, 'PSN-2025-0002', 2025, 2, 2, '2025-04-01', NULL, 'confirmed', 300000, 'exhibition'),"
    "  (3, 'PSN-2026-0001', 2026, 1, 1, '2026-01-02', NULL, 'draft', 150000, 'direct');"
    "INSERT INTO order_items (order_id, position, product_id, description, quantity, unit_price) VALUES"
    "  (1, 1, 1, 'Kain tulis', 1, 500000), (2, 1, NULL, 'Kemeja', 1, 300000), (3, 1, NULL, 'Selendang', 1, 150000);"
    "INSERT INTO order_status_log (order_id, status, at) VALUES"
    "  (1, 'draft', '2025-03-01T01:00:00Z'), (1, 'delivered', '2025-03-20T01:00:00Z');"
    "INSERT INTO payments (order_id, amount, paid_on, method, is_down_payment) VALUES"
    "  (1, 200000, '2025-03-01', 'cash', 1), (1, 300000, '2025-03-20', 'transfer', 0),"
    "  (2, 100000, '2025-04-01', 'qris', 1);"
    "INSERT INTO product_stock_moves (product_id, delta, reason, order_id) VALUES (1, -1, 'delivery', 1);"),
    ==, SQLITE_OK);
  /* A reference that was already dangling (a file repaired by hand, say)
   * does not stop the upgrade. */
  g_assert_cmpint (exec_rc (db, "PRAGMA foreign_keys = OFF;"
                                "INSERT INTO order_status_log (order_id, status, at) VALUES (99, 'draft', '2025-01-01');"
                                "PRAGMA foreign_keys = ON;"), ==, SQLITE_OK);
  before = order_records (db);
  g_clear_object (&db);

  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 19, &error);
  g_assert_no_error (error);
  g_assert_cmpint (canting_db_get_schema_version (db), ==, 19);
  after = order_records (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db), "SELECT paid FROM orders WHERE id = 1"),
                   ==, 500000);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                           "SELECT count(*) FROM pragma_foreign_key_check"), ==, 1);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                           "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%orders_new%'"), ==, 0);
  fk = pragma_text (db, "PRAGMA foreign_keys");
  legacy = pragma_text (db, "PRAGMA legacy_alter_table");
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpstr (legacy, ==, "0");

  /* Exactly the schema a new workshop gets. */
  fresh = canting_db_open_full (fresh_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 19, &error);
  g_assert_no_error (error);
  schema = schema_without_statistics (db);
  fresh_schema = schema_without_statistics (fresh);
  g_assert_cmpstr (schema, ==, fresh_schema);
  g_assert_nonnull (strstr (schema, "index|orders_owing|orders|"));

  /* The rules still hold. */
  g_assert_cmpint (exec_rc (db, "UPDATE orders SET status = 'lost' WHERE id = 3"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE orders SET channel = 'tiktok' WHERE id = 3"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "UPDATE orders SET status = 'ready', channel = 'marketplace' WHERE id = 3"),
                   ==, SQLITE_OK);
  g_assert_cmpint (exec_rc (db, "INSERT INTO order_items (order_id, position, description, quantity, unit_price) "
                                "VALUES (42, 1, 'Kain', 1, 1)"), ==, SQLITE_CONSTRAINT);
  /* Paid by its payments, owing what is left. */
  g_assert_cmpint (exec_rc (db, "INSERT INTO payments (order_id, amount, paid_on, method) "
                                "VALUES (2, 50000, '2025-04-10', 'cash')"), ==, SQLITE_OK);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db), "SELECT paid FROM orders WHERE id = 2"),
                   ==, 150000);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                           "SELECT count(*) FROM ledger WHERE source = 'payment'"), ==, 4);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                           "SELECT count(*) FROM orders INDEXED BY orders_owing "
                                           "WHERE status NOT IN ('draft', 'cancelled') AND total > paid"), ==, 2);
  /* An order with payments stays; one without takes its items along. */
  g_assert_cmpint (exec_rc (db, "DELETE FROM orders WHERE id = 1"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec_rc (db, "DELETE FROM orders WHERE id = 3"), ==, SQLITE_OK);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                           "SELECT count(*) FROM order_items WHERE order_id = 3"), ==, 0);
  integrity = pragma_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  g_clear_object (&db);
  g_clear_object (&fresh);
  canting_test_rmdir (dir);
  canting_test_rmdir (fresh_dir);
}

/* An upgrade of a workshop with records leaves the planner statistics
 * for the indexes its steps made. */
static void
test_plan_statistics (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP,
                                                  canting_db_latest_schema_version () - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db), "INSERT INTO customers (name) VALUES ('Bu Ani')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                           "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"), ==, 0);
  g_clear_object (&db);
  db = canting_db_open_without_backup (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                           "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'customers'"), ==, 1);
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* The plan of @sql, one line per step. */
static char *
plan_of (CantingDb  *db,
         const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;
  GString *plan = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (db), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

/* Step 20's indexes, in a workshop upgraded with many records: what an
 * order took out of finished-goods stock is found by the order, not by
 * scanning every product's moves; a worker's stages are read newest
 * first by the index, not sorted (the wages owed). */
static void
test_step_20_indexes (void)
{
  const char *taken = "SELECT product_id, -sum(delta) FROM product_stock_moves "
                      "WHERE order_id = ?1 AND reason = 'delivery' GROUP BY product_id";
  const char *newest = "SELECT done_on, wage FROM item_stages WHERE worker_id = ?1 AND done_on IS NOT NULL "
                       "AND wage > 0 ORDER BY done_on DESC, id DESC";
  g_autofree char *newest_before = NULL;
  g_autofree char *newest_after = NULL;
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 19, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (exec_rc (db,
    "INSERT INTO customers (id, name) VALUES (1, 'Bu Ani');"
    "INSERT INTO products (id, sku, name, technique, price) VALUES (1, 'TL-1', 'Kain tulis', 'tulis', 500000),"
    "  (2, 'CP-1', 'Kemeja cap', 'cap', 200000);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
    "  INSERT INTO orders (id, number, year, seq, customer_id, order_date, status, total)"
    "  SELECT i, printf('PSN-2025-%04d', i), 2025, i, 1, '2025-03-01', 'delivered', 0 FROM n;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
    "  INSERT INTO product_stock_moves (product_id, delta, reason, order_id)"
    "  SELECT 1 + i % 2, 3, 'production', NULL FROM n UNION ALL SELECT 1 + i % 2, -1, 'delivery', i FROM n;"),
    ==, SQLITE_OK);
  before = plan_of (db, taken);
  g_assert_null (strstr (before, "product_stock_moves_by_order"));
  newest_before = plan_of (db, newest);
  g_assert_nonnull (strstr (newest_before, "TEMP B-TREE"));
  g_clear_object (&db);

  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 20, &error);
  g_assert_no_error (error);
  after = plan_of (db, taken);
  g_assert_nonnull (strstr (after, "SEARCH product_stock_moves USING INDEX product_stock_moves_by_order (order_id=?)"));
  newest_after = plan_of (db, newest);
  g_assert_nonnull (strstr (newest_after, "USING INDEX item_stages_by_worker (worker_id=? AND done_on>?)"));
  g_assert_null (strstr (newest_after, "TEMP B-TREE"));
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* The statements on orders that a piece of core code prepares, as it
 * prepares them (caught by SQLite's trace), so a test plans the real
 * SQL rather than a copy of it. */
static int
keep_order_sql (unsigned  type,
                void     *data,
                void     *stmt,
                void     *unexpanded)
{
  const char *sql = sqlite3_sql (stmt);

  if (sql != NULL && strstr (sql, "FROM orders o") != NULL &&
      !g_ptr_array_find_with_equal_func (data, sql, g_str_equal, NULL))
    g_ptr_array_add (data, g_strdup (sql));
  return 0;
}

typedef enum {
  UNPAID_FILTER,
  RECEIVABLES,
} OwingReader;

/* The plans, one after the other, of the statements the Orders page's
 * "Not fully paid" filter runs (its count and its first page), or of
 * those of what customers owe; checks they still find @n_owing orders. */
static char *
owing_plans (CantingDb   *db,
             OwingReader  reader,
             gint64       n_owing)
{
  CantingOrderFilter filter = { .status = -1, .today = "2025-06-01", .unpaid = TRUE };
  CantingMoney buckets[CANTING_AGE_BUCKET_COUNT];
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GString *plans = g_string_new (NULL);
  guint n = 0;

  sqlite3_trace_v2 (canting_db_get_handle (db), SQLITE_TRACE_STMT, keep_order_sql, seen);
  if (reader == UNPAID_FILTER)
    {
      g_assert_cmpint (canting_order_count (db, &filter, &error), ==, n_owing);
      rows = canting_order_search (db, &filter, 0, 50, &error);
      g_assert_cmpuint (rows->len, ==, MIN (n_owing, 50));
    }
  else
    {
      rows = canting_receivables_most_overdue (db, filter.today, 10, &n, &error);
      g_assert_cmpuint (n, ==, n_owing);
      g_assert_true (canting_receivables_totals (db, filter.today, buckets, &error));
    }
  g_assert_no_error (error);
  sqlite3_trace_v2 (canting_db_get_handle (db), 0, NULL, NULL);
  g_assert_cmpuint (seen->len, ==, reader == UNPAID_FILTER ? 2 : 3);
  for (guint i = 0; i < seen->len; i++)
    {
      g_autofree char *plan = plan_of (db, seen->pdata[i]);

      g_string_append_printf (plans, "%s\n%s\n", (const char *) seen->pdata[i], plan);
    }
  return g_string_free (plans, FALSE);
}

/* Step 21 keys orders_owing by date, newest first, in a workshop
 * upgraded with many orders and its statistics: the "Not fully paid"
 * filter (which now spells the same condition) counts through it and
 * walks it for its first page, instead of reading every order by
 * customer and sorting them; what customers owe still reads it alone. */
static void
test_step_21_owing_by_date (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 20, &error);
  g_autofree char *list_before = NULL;
  g_autofree char *filter_after = NULL;
  g_autofree char *owed_after = NULL;
  gint64 n_owing;

  g_assert_no_error (error);
  /* 200 customers, 4,000 orders over eleven years: one in ten owes,
   * the rest paid, a draft or cancelled. */
  g_assert_cmpint (exec_rc (db,
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
    "  INSERT INTO customers (id, name) SELECT i, printf('Pelanggan %03d', i) FROM n;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
    "  INSERT INTO orders (id, number, year, seq, customer_id, order_date, status, total, paid)"
    "  SELECT i, printf('PSN-%d-%04d', 2015 + i / 365, i), 2015 + i / 365, i, 1 + i % 200,"
    "         date('2015-01-01', printf('+%d days', i)),"
    "         CASE i % 10 WHEN 0 THEN 'ready' WHEN 1 THEN 'draft' WHEN 2 THEN 'cancelled' ELSE 'delivered' END,"
    "         100000, CASE WHEN i % 10 = 3 OR i % 10 > 3 THEN 100000 ELSE 0 END FROM n;"
    "ANALYZE;"),
    ==, SQLITE_OK);
  n_owing = canting_test_query_int (canting_db_get_handle (db), "SELECT count(*) FROM orders "
                                    "WHERE status NOT IN ('draft', 'cancelled') AND total > paid");
  g_assert_cmpint (n_owing, ==, 400);
  list_before = owing_plans (db, UNPAID_FILTER, n_owing);
  g_test_message ("before step 21:\n%s", list_before);
  g_assert_nonnull (strstr (list_before, "TEMP B-TREE FOR ORDER BY"));
  g_clear_object (&db);

  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 21, &error);
  g_assert_no_error (error);
  filter_after = owing_plans (db, UNPAID_FILTER, n_owing);
  g_test_message ("after step 21:\n%s", filter_after);
  /* The count, then the page: both through the index, neither a scan
   * of every order, the page in the index's order. */
  g_assert_nonnull (strstr (filter_after, "SELECT count(*) FROM orders o WHERE 1 AND "
                                          "o.status NOT IN ('draft', 'cancelled') AND o.total > o.paid\n"
                                          "SCAN o USING INDEX orders_owing\n"));
  g_assert_nonnull (strstr (filter_after, "ORDER BY o.order_date DESC, o.id DESC LIMIT ?7 OFFSET ?8\n"
                                          "SCAN o USING INDEX orders_owing\n"
                                          "SEARCH c USING INTEGER PRIMARY KEY (rowid=?)\n"));
  g_assert_null (strstr (filter_after, "TEMP B-TREE"));
  owed_after = owing_plans (db, RECEIVABLES, n_owing);
  g_test_message ("what customers owe, after step 21:\n%s", owed_after);
  g_assert_null (strstr (owed_after, "SCAN o\n"));
  g_assert_null (strstr (owed_after, "SCAN c"));
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* Kept statements: the same one again once given back, unbound and
 * reset; a second taker of the same SQL while it is out gets its own;
 * and a statement given back holds no read open, so it sees what
 * another connection wrote since. */
static gboolean
take_in_thread_is_separate (CantingDb *db)
{
  g_auto(CantingSqlTaken) taken = { NULL };

  return canting_sql_take (db, &taken, "SELECT count(*) FROM customers", NULL) != NULL && taken.cached == NULL;
}

static gpointer
take_in_thread (gpointer db)
{
  return GINT_TO_POINTER (take_in_thread_is_separate (db));
}

static void
test_statement_cache (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_without_backup (dir, &error);
  g_autoptr(CantingDb) other = NULL;
  static const char sql[] = "SELECT count(*), ?1 FROM customers";
  sqlite3_stmt *first;

  g_assert_no_error (error);
  other = canting_db_open_without_backup (dir, &error);
  g_assert_no_error (error);
  {
    g_auto(CantingSqlTaken) taken = { NULL };
    g_auto(CantingSqlTaken) nested = { NULL };

    first = canting_sql_take (db, &taken, sql, &error);
    g_assert_no_error (error);
    g_assert_nonnull (taken.cached);
    sqlite3_bind_int (first, 1, 7);
    g_assert_cmpint (sqlite3_step (first), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (first, 0), ==, 0);
    /* Taken while the first is out (a nested call): its own. */
    g_assert_true (canting_sql_take (db, &nested, sql, &error) != first);
    g_assert_null (nested.cached);
  }
  /* Given back mid-read: written from elsewhere, then seen. */
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (other), "INSERT INTO customers (name) VALUES ('Bu Sri')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_auto(CantingSqlTaken) taken = { NULL };
    sqlite3_stmt *again = canting_sql_take (db, &taken, sql, &error);

    g_assert_true (again == first);
    g_assert_cmpint (sqlite3_step (again), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (again, 0), ==, 1);
    /* Unbound: the 7 of the last use is gone. */
    g_assert_cmpint (sqlite3_column_type (again, 1), ==, SQLITE_NULL);
  }
  /* Another thread never shares the cache. */
  {
    GThread *thread = g_thread_new ("take", take_in_thread, db);
    g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  }
  canting_test_rmdir (dir);
}

/* The count a page watches moves with this connection's writes and with
 * another's commits (the publishing worker, canting-cli), and stays put
 * when nothing was written. */
static void
test_change_count (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  g_autoptr(CantingDb) other = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  gint64 before, after_own;

  g_assert_nonnull (db);
  g_assert_nonnull (other);
  before = canting_db_get_change_count (db);
  g_assert_cmpint (canting_db_get_change_count (db), ==, before);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "INSERT INTO customers (name) VALUES ('Bu Sri')", NULL, NULL, NULL), ==, SQLITE_OK);
  after_own = canting_db_get_change_count (db);
  g_assert_cmpint (after_own, >, before);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (other),
                                 "INSERT INTO customers (name) VALUES ('Pak Budi')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (canting_db_get_change_count (db), >, after_own);
  g_clear_object (&other);
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* A commit that leaves the WAL long is copied into the file on a worker
 * rather than in the commit (on the main thread, in the app); the file
 * has every page once it is done, and closing waits for it and notes
 * the clean close. */
static struct {
  GMutex lock;
  GCond cond;
  GThread *thread;
  gboolean started, go, done;
  int rc;
} checkpoint;

static void
watch_checkpoint (const char *path,
                  gboolean    done,
                  int         rc)
{
  g_mutex_lock (&checkpoint.lock);
  checkpoint.thread = g_thread_self ();
  if (!done)
    {
      checkpoint.started = TRUE;
      g_cond_broadcast (&checkpoint.cond);
      while (!checkpoint.go)
        g_cond_wait (&checkpoint.cond, &checkpoint.lock);
    }
  else
    {
      checkpoint.done = TRUE;
      checkpoint.rc = rc;
      g_cond_broadcast (&checkpoint.cond);
    }
  g_mutex_unlock (&checkpoint.lock);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_checkpoint_on_worker (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "canting.db", NULL);
  g_autofree char *note = g_strconcat (path, "-closed", NULL);
  CantingDb *db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  sqlite3 *handle;
  gint64 size_before, deadline;

  /* Opened again, cleanly closed: it writes nothing on opening. */
  g_clear_object (&db);
  canting_db_set_checkpoint_hook (watch_checkpoint);
  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  handle = canting_db_get_handle (db);

  /* A small commit: no checkpoint. */
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO customers (name) VALUES ('Bu Sri')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_null (checkpoint.thread);

  size_before = file_size (path);
  /* About 1,500 pages: 1,500 customers with 4,000 characters of notes. */
  g_assert_cmpint (sqlite3_exec (handle,
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
                                 "INSERT INTO customers (name, notes) SELECT 'Pelanggan ' || i, printf ('%.4000c', 'x') "
                                 "FROM n", NULL, NULL, NULL), ==, SQLITE_OK);
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  g_mutex_lock (&checkpoint.lock);
  while (!checkpoint.started)
    g_assert_true (g_cond_wait_until (&checkpoint.cond, &checkpoint.lock, deadline));
  /* The commit has returned and copied nothing into the file. */
  g_assert_cmpint (file_size (path), ==, size_before);
  g_assert_true (checkpoint.thread != g_thread_self ());
  checkpoint.go = TRUE;
  g_cond_broadcast (&checkpoint.cond);
  while (!checkpoint.done)
    g_assert_true (g_cond_wait_until (&checkpoint.cond, &checkpoint.lock, deadline));
  g_mutex_unlock (&checkpoint.lock);
  g_assert_cmpint (checkpoint.rc, ==, SQLITE_OK);
  g_assert_cmpint (file_size (path), ==,
                   canting_test_query_int (handle, "PRAGMA page_count") *
                   canting_test_query_int (handle, "PRAGMA page_size"));
  g_assert_cmpint (file_size (path), >, size_before + 1500 * 4000);

  g_unlink (note);
  g_clear_object (&db);
  canting_db_set_checkpoint_hook (NULL);
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));
  canting_test_rmdir (dir);
}

/* canting_db_read_async(): the read runs on another thread with a reader
 * of the same file, sees what the writer committed, fills in its data,
 * and a failure comes back as the error. */
typedef struct {
  GThread *caller;
  gboolean on_other_thread;
  gint64 customers;
  gboolean fail;
} CountJob;

static gboolean
count_customers_read (CantingDb  *reader,
                      gpointer    data,
                      GError    **error)
{
  CountJob *job = data;
  sqlite3_stmt *stmt = NULL;

  job->on_other_thread = g_thread_self () != job->caller;
  if (job->fail)
    {
      g_set_error_literal (error, CANTING_ERROR, CANTING_ERROR_INVALID, "refused on purpose");
      return FALSE;
    }
  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (reader), "SELECT count(*) FROM customers", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  job->customers = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

typedef struct {
  gboolean done;
  gboolean ok;
  GError *error;
  CountJob *job;
} CountResult;

static void
count_customers_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  CountResult *r = data;

  r->job = canting_db_read_get_data (result);
  r->ok = canting_db_read_finish (result, &r->error);
  r->done = TRUE;
}

static void
run_count (CantingDb   *db,
           CountJob    *job,
           CountResult *result)
{
  canting_db_read_async (db, NULL, count_customers_read, job, NULL, count_customers_done, result);
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_read_async (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  CountJob job = { g_thread_self (), FALSE, -1, FALSE };
  CountResult result = { FALSE, FALSE, NULL, NULL };

  g_assert_nonnull (db);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "INSERT INTO customers (name) VALUES ('Bu Sri'), ('Pak Budi')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  run_count (db, &job, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_true (result.job == &job);
  g_assert_true (job.on_other_thread);
  g_assert_cmpint (job.customers, ==, 2);

  job.fail = TRUE;
  result = (CountResult) { FALSE, FALSE, NULL, NULL };
  run_count (db, &job, &result);
  g_assert_false (result.ok);
  g_assert_error (result.error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_clear_error (&result.error);
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* canting_db_write_async(): the write runs on another thread with a
 * connection of its own, set up as the main one (foreign keys checked),
 * and the main connection sees what it committed.  That connection
 * notes no clean close: the main one does, when it closes. */
typedef struct {
  GThread *caller;
  gboolean on_other_thread;
  int foreign_keys;
  int orphan_rc;
} WriteJob;

static gboolean
add_customer_write (CantingDb  *writer,
                    gpointer    data,
                    GError    **error)
{
  WriteJob *job = data;
  sqlite3 *handle = canting_db_get_handle (writer);

  job->on_other_thread = g_thread_self () != job->caller;
  job->foreign_keys = (int) canting_test_query_int (handle, "PRAGMA foreign_keys");
  job->orphan_rc = sqlite3_exec (handle, "INSERT INTO orders (customer_id, order_date, number, year, seq) "
                                 "VALUES (999, '2026-01-01', 'X-1', 2026, 1)", NULL, NULL, NULL);
  return sqlite3_exec (handle, "INSERT INTO customers (name) VALUES ('Bu Sri')", NULL, NULL, NULL) == SQLITE_OK;
}

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  CountResult *r = data;

  r->ok = canting_db_read_finish (result, &r->error);
  r->done = TRUE;
}

static void
test_write_async (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *note = g_build_filename (dir, "canting.db-closed", NULL);
  CantingDb *db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  WriteJob job = { g_thread_self (), FALSE, -1, SQLITE_OK };
  CountResult result = { FALSE, FALSE, NULL, NULL };

  g_assert_nonnull (db);
  g_unlink (note);
  canting_db_write_async (db, NULL, add_customer_write, &job, NULL, written, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_true (job.on_other_thread);
  g_assert_cmpint (job.foreign_keys, ==, 1);
  g_assert_cmpint (job.orphan_rc, ==, SQLITE_CONSTRAINT_FOREIGNKEY);
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db), "SELECT count(*) FROM customers"), ==, 1);
  g_assert_false (g_file_test (note, G_FILE_TEST_EXISTS));
  g_clear_object (&db);
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));
  canting_test_rmdir (dir);
}

static gpointer
let_go_later (gpointer db)
{
  g_usleep (100 * 1000);
  g_object_unref (db);
  return NULL;
}

/* A workshop is in use until its last connection that notes a clean
 * close is finalised, on whichever thread lets go of it last (the note
 * is there by then); readers beside it do not count, nor does an open
 * that failed. */
static void
test_file_in_use (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *other_dir = canting_test_mkdtemp ();
  g_autofree char *note = g_build_filename (dir, "canting.db-closed", NULL);
  g_autofree char *garbage = g_build_filename (other_dir, "canting.db", NULL);
  g_autoptr(GError) error = NULL;
  CantingDb *db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  CantingDb *again = NULL;
  CantingDb *reader = NULL;
  GThread *thread;

  g_assert_no_error (error);
  g_assert_true (canting_db_file_in_use (dir));
  g_assert_false (canting_db_file_in_use (other_dir));
  again = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  reader = canting_db_open_reader (db, &error);
  g_assert_no_error (error);

  g_object_unref (db);
  g_assert_true (canting_db_file_in_use (dir));
  g_object_unref (reader);
  g_assert_true (canting_db_file_in_use (dir));
  thread = g_thread_new ("let-go", let_go_later, again);
  g_assert_true (canting_db_file_in_use (dir));
  g_thread_join (thread);
  g_assert_false (canting_db_file_in_use (dir));
  g_assert_true (g_file_test (note, G_FILE_TEST_IS_REGULAR));
  g_assert_false (canting_db_needs_page_check (dir));

  g_assert_true (g_file_set_contents (garbage, "not a database, only text long enough to read", -1, NULL));
  g_assert_null (canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error));
  g_assert_nonnull (error);
  g_assert_false (canting_db_file_in_use (other_dir));
  canting_test_rmdir (dir);
  canting_test_rmdir (other_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/fresh", test_fresh);
  g_test_add_func ("/db/data-dir-from-environment", test_data_dir_from_environment);
  g_test_add_func ("/db/upgrade-from-every-version", test_upgrade_from_every_version);
  g_test_add_func ("/db/upgrade-rebuilds-orders", test_upgrade_rebuilds_orders);
  g_test_add_func ("/db/refuse-newer", test_refuse_newer);
  g_test_add_func ("/db/refuse-newer-with-pending-wal", test_refuse_newer_with_pending_wal);
  g_test_add_func ("/db/refuse-odd-headers", test_refuse_odd_headers);
  g_test_add_func ("/db/refuse-garbage", test_refuse_garbage);
  g_test_add_func ("/db/refuse-foreign-database", test_refuse_foreign_database);
  g_test_add_func ("/db/damaged-pages-and-recover", test_damaged_pages_and_recover);
  g_test_add_func ("/db/damaged-in-place-after-clean-close", test_damaged_in_place_after_clean_close);
  g_test_add_func ("/db/check-pages-async", test_check_pages_async);
  g_test_add_func ("/db/transaction-rolls-back", test_transaction_rolls_back);
  g_test_add_func ("/db/count-rows", test_count_rows);
  g_test_add_func ("/db/statement-cache", test_statement_cache);
  g_test_add_func ("/db/plan-statistics", test_plan_statistics);
  g_test_add_func ("/db/step-20-indexes", test_step_20_indexes);
  g_test_add_func ("/db/step-21-owing-by-date", test_step_21_owing_by_date);
  g_test_add_func ("/db/change-count", test_change_count);
  g_test_add_func ("/db/read-async", test_read_async);
  g_test_add_func ("/db/write-async", test_write_async);
  g_test_add_func ("/db/checkpoint-on-worker", test_checkpoint_on_worker);
  g_test_add_func ("/db/file-in-use", test_file_in_use);
  g_test_add_func ("/profile/round-trip", test_profile_round_trip);
  g_test_add_func ("/profile/validation", test_profile_validation);
  g_test_add_func ("/profile/logo-checks", test_profile_logo_checks);
  g_test_add_func ("/profile/invalid-writes-nothing", test_profile_invalid_writes_nothing);

  return g_test_run ();
}
