/* test-backup.c: backups give back exactly what was saved; rotation keeps
 * the newest 14 daily copies, and the newest 3 made before an upgrade or
 * a restore; bad copies are refused without harm. */
#include "canting-backup.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-paths.h"
#include "canting-profile.h"
#include "canting-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

static void
save_profile (CantingDb  *db,
              const char *name,
              const char *city)
{
  g_autoptr(CantingProfile) profile = canting_profile_load (db, NULL);
  g_autoptr(GError) error = NULL;

  canting_profile_set_name (profile, name);
  canting_profile_set_city (profile, city);
  g_assert_true (canting_profile_save (profile, db, &error));
  g_assert_no_error (error);
}

static guint
count_kind (GPtrArray         *list,
            CantingBackupKind  kind)
{
  guint n = 0;
  for (guint i = 0; i < list->len; i++)
    n += ((CantingBackupInfo *) g_ptr_array_index (list, i))->kind == kind;
  return n;
}

static void
test_backup_then_restore_is_identical (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(GBytes) logo = canting_test_image_header ("png", 120, 80, "logo-bytes");
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *dump_backup = NULL;
  g_autofree char *dump_changed = NULL;
  g_autofree char *dump_restored = NULL;
  g_autofree char *dump_aside = NULL;
  g_autoptr(CantingProfile) loaded = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  canting_profile_set_name (profile, "Batik Kembang Turi");
  canting_profile_set_owner (profile, "Bu Siti");
  g_assert_true (canting_profile_set_logo (profile, logo, NULL));
  g_assert_true (canting_profile_save (profile, db, &error));

  backup = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (backup, dir));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *wal = g_strconcat (backup, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  dump_backup = canting_test_dump (backup);
  g_assert_nonnull (strstr (dump_backup, "Batik Kembang Turi"));

  save_profile (db, "Nama Salah", "Kota Salah");
  dump_changed = canting_test_dump (canting_db_get_path (db));
  g_assert_cmpstr (dump_changed, !=, dump_backup);

  g_assert_true (canting_backup_restore (db, backup, &aside, &error));
  g_assert_no_error (error);

  /* The open connection sees the restored data at once... */
  loaded = canting_profile_load (db, &error);
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Batik Kembang Turi");
  g_assert_true (g_bytes_equal (canting_profile_get_logo (loaded), logo));
  /* ...and after closing, the file holds exactly the backup's rows. */
  g_clear_object (&db);
  {
    g_autofree char *path = canting_paths_database_file (dir);
    dump_restored = canting_test_dump (path);
  }
  g_assert_cmpstr (dump_restored, ==, dump_backup);

  /* The data that was replaced is kept, not deleted. */
  g_assert_nonnull (aside);
  dump_aside = canting_test_dump (aside);
  g_assert_cmpstr (dump_aside, ==, dump_changed);
  canting_test_rmdir (dir);
}

static void
test_rotation_keeps_fourteen (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *manual = NULL;
  gboolean made = FALSE;

  g_assert_no_error (error);
  manual = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  for (int day = 1; day <= 20; day++)
    {
      g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 3, day, 8, 0, 0);
      g_autoptr(GDateTime) evening = g_date_time_new_local (2026, 3, day, 19, 30, 0);

      g_assert_true (canting_backup_auto_daily (db, morning, &made, &error));
      g_assert_no_error (error);
      g_assert_true (made);
      /* Once a day: the second open that day makes no new copy. */
      g_assert_true (canting_backup_auto_daily (db, evening, &made, &error));
      g_assert_false (made);
    }

  list = canting_backup_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_AUTO), ==, CANTING_BACKUP_KEEP_AUTO);
  g_assert_cmpuint (CANTING_BACKUP_KEEP_AUTO, ==, 14);
  /* The newest fourteen days (7..20 March) remain, newest first. */
  for (guint i = 0, day = 20; i < list->len; i++)
    {
      CantingBackupInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) local = NULL;

      if (info->kind != CANTING_BACKUP_AUTO)
        continue;
      local = g_date_time_to_local (info->created);
      g_assert_cmpint (g_date_time_get_day_of_month (local), ==, day);
      day--;
    }
  /* A copy a person made is never rotated away. */
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_MANUAL), ==, 1);
  g_assert_true (g_file_test (manual, G_FILE_TEST_EXISTS));
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

static void
test_open_makes_daily_backup (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) db = canting_db_open (dir, NULL);
  g_autoptr(GPtrArray) list = NULL;

  g_autoptr(GDateTime) start = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = NULL;
  guint expected;

  g_assert_nonnull (db);
  g_clear_object (&db);
  db = canting_db_open (dir, NULL);
  end = g_date_time_new_now_local ();
  list = canting_backup_list (dir, NULL);
  /* One per day: two only if local midnight fell between the opens. */
  expected = g_date_time_get_day_of_year (start) == g_date_time_get_day_of_year (end) ? 1 : 2;
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_AUTO), ==, expected);
  g_assert_null (canting_db_get_backup_warning (db));
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* Copies before an upgrade, or before a restore, are pruned to the newest
 * few of their kind as each new one is made; daily copies and those a
 * person made are left alone.  (Ten years of records make each copy
 * hundreds of MB: a few upgrades used to fill a small disk.) */
static void
check_pruned_to_newest (CantingBackupKind kind,
                        guint             keep)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) manual = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  gboolean daily = FALSE;
  guint n = keep + 3;

  g_assert_no_error (error);
  for (int day = 1; day <= 2; day++)
    {
      g_autoptr(GDateTime) morning = g_date_time_new_local (2026, 3, day, 8, 0, 0);
      g_autoptr(GDateTime) noon = g_date_time_new_utc (2026, 3, day, 5, 0, 0);

      g_assert_true (canting_backup_auto_daily (db, morning, &daily, &error));
      g_assert_no_error (error);
      g_ptr_array_add (manual, canting_backup_create_at (db, CANTING_BACKUP_MANUAL, noon, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 4, 1 + i, 9, 30, 0);
      g_autoptr(GPtrArray) now_listed = NULL;
      char *path = canting_backup_create_at (db, kind, when, &error);

      g_assert_no_error (error);
      g_assert_nonnull (path);
      g_ptr_array_add (made, path);
      now_listed = canting_backup_list (dir, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_kind (now_listed, kind), ==, MIN (i + 1, keep));
      /* The one just made is always there: it is the newest. */
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  list = canting_backup_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (list, kind), ==, keep);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_file_test (g_ptr_array_index (made, i), G_FILE_TEST_EXISTS), ==, i >= n - keep);
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_AUTO), ==, 2);
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_MANUAL), ==, 2);
  for (guint i = 0; i < manual->len; i++)
    g_assert_true (g_file_test (g_ptr_array_index (manual, i), G_FILE_TEST_EXISTS));

  /* After the clock was set back, the copy just made sorts below the
   * others; it stays all the same, one more than kept until next time. */
  {
    g_autoptr(GDateTime) earlier = g_date_time_new_utc (2025, 12, 31, 9, 30, 0);
    g_autofree char *path = canting_backup_create_at (db, kind, earlier, &error);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_no_error (error);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    after = canting_backup_list (dir, &error);
    g_assert_cmpuint (count_kind (after, kind), ==, keep + 1);
    for (guint i = n - keep; i < n; i++)
      g_assert_true (g_file_test (g_ptr_array_index (made, i), G_FILE_TEST_EXISTS));
  }
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

static void
test_prune_pre_upgrade_copies (void)
{
  g_assert_cmpuint (CANTING_BACKUP_KEEP_PRE_MIGRATION, ==, 3);
  check_pruned_to_newest (CANTING_BACKUP_PRE_MIGRATION, CANTING_BACKUP_KEEP_PRE_MIGRATION);
}

static void
test_prune_pre_restore_copies (void)
{
  g_assert_cmpuint (CANTING_BACKUP_KEEP_PRE_RESTORE, ==, 3);
  check_pruned_to_newest (CANTING_BACKUP_PRE_RESTORE, CANTING_BACKUP_KEEP_PRE_RESTORE);
}

/* Restores in a row (within one second, as a quick person or a script
 * does them) keep the newest pre-restore copies, and the newest is what
 * was there just before the last restore: what Undo puts back. */
static void
test_restores_keep_newest_pre_restore_copy (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CantingProfile) loaded = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  CantingBackupInfo *newest = NULL;

  g_assert_no_error (error);
  save_profile (db, "Batik Kembang Turi", "Blitar");
  backup = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < CANTING_BACKUP_KEEP_PRE_RESTORE + 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Percobaan %u", i);

      save_profile (db, name, "Kota Salah");
      g_clear_pointer (&aside, g_free);
      g_assert_true (canting_backup_restore (db, backup, &aside, &error));
      g_assert_no_error (error);
    }

  list = canting_backup_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_PRE_RESTORE), ==, CANTING_BACKUP_KEEP_PRE_RESTORE);
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_MANUAL), ==, 1);
  for (guint i = 0; i < list->len && newest == NULL; i++)
    if (((CantingBackupInfo *) g_ptr_array_index (list, i))->kind == CANTING_BACKUP_PRE_RESTORE)
      newest = g_ptr_array_index (list, i);
  g_assert_cmpstr (newest->path, ==, aside);

  /* Undo: what was there before the last restore comes back. */
  g_assert_true (canting_backup_restore (db, aside, NULL, &error));
  g_assert_no_error (error);
  loaded = canting_profile_load (db, &error);
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Percobaan 4");
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* Restoring the oldest pre-restore copy that is kept: the pre-restore
 * copy made first would push it out, but the copy being restored is
 * never removed. */
static void
test_restore_of_oldest_pre_restore_copy (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CantingProfile) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *oldest_relative = NULL;
  g_autofree char *oldest_name = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  g_assert_no_error (error);
  for (guint i = 0; i < CANTING_BACKUP_KEEP_PRE_RESTORE; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 1, 1 + i, 9, 0, 0);
      g_autofree char *name = g_strdup_printf ("Salinan %u", i);

      save_profile (db, name, "Blitar");
      g_ptr_array_add (made, canting_backup_create_at (db, CANTING_BACKUP_PRE_RESTORE, when, &error));
      g_assert_no_error (error);
    }
  save_profile (db, "Sekarang", "Blitar");

  /* By another spelling of its path, as a file chooser may give it. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  oldest_name = g_path_get_basename (g_ptr_array_index (made, 0));
  oldest_relative = g_build_filename (".", "backups", ".", oldest_name, NULL);
  g_assert_true (canting_backup_restore (db, oldest_relative, &aside, &error));
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);
  loaded = canting_profile_load (db, &error);
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Salinan 0");
  for (guint i = 0; i < made->len; i++)
    g_assert_true (g_file_test (g_ptr_array_index (made, i), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  list = canting_backup_list (dir, &error);
  g_assert_cmpuint (count_kind (list, CANTING_BACKUP_PRE_RESTORE), ==, CANTING_BACKUP_KEEP_PRE_RESTORE + 1);
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* Copies made in the same second get -2, -3, ... and are listed newest
 * first: -10 after -9, not before it as plain text order would have it. */
static void
test_same_second_copies (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 24, 9, 0, 0);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *newest = NULL;

  for (int i = 0; i < 11; i++)
    {
      char *path = canting_backup_create_at (db, CANTING_BACKUP_MANUAL, now, NULL);
      g_assert_nonnull (path);
      g_ptr_array_add (made, path);
    }
  g_assert_true (g_str_has_suffix (g_ptr_array_index (made, 0), "-20261124-090000.db"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (made, 10), "-20261124-090000-11.db"));

  list = canting_backup_list (dir, NULL);
  g_assert_cmpuint (list->len, ==, 11);
  for (guint i = 0; i < list->len; i++)
    {
      CantingBackupInfo *info = g_ptr_array_index (list, i);
      g_assert_cmpstr (info->path, ==, g_ptr_array_index (made, 10 - i));
    }
  newest = canting_backup_find_newest_good (dir);
  g_assert_cmpstr (newest, ==, g_ptr_array_index (made, 10));
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* A failing automatic backup (here: a file where the backup folder should
 * be) does not stop the workshop from opening, but is reported. */
static void
test_failed_daily_backup_is_reported (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *blocker = canting_paths_backup_dir (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = NULL;

  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "Automatic backup failed*");
  db = canting_db_open (dir, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_nonnull (canting_db_get_backup_warning (db));
  g_assert_nonnull (strstr (canting_db_get_backup_warning (db), blocker));
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* Damages the copy between writing and checking, as a failing disk or a
 * full one cut short would. */
static void
damage_copy (const char *tmp_path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (tmp_path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  /* The second page onwards: b-tree pages of the schema and tables. */
  memset (data + 4096, 0xab, 2 * 4096);
  g_assert_true (g_file_set_contents (tmp_path, data, (gssize) length, NULL));
}

/* A backup is opened and integrity-checked after writing; one that fails
 * is reported and deleted, never kept under a backup's name, and the
 * daily backup on open says so too. */
static void
test_backup_verified_after_writing (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *backups = canting_paths_backup_dir (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autofree char *copy = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  save_profile (db, "Batik Kembang Turi", "Blitar");

  canting_db_set_copy_hook (damage_copy);
  copy = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  canting_db_set_copy_hook (NULL);
  g_assert_null (copy);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "failed its check"));
  g_clear_error (&error);
  /* Nothing left behind: no backup, no temporary file. */
  {
    g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
    g_assert_nonnull (d);
    g_assert_null (g_dir_read_name (d));
  }

  /* The daily backup on open: the workshop opens, the failure is told. */
  g_clear_object (&db);
  canting_db_set_copy_hook (damage_copy);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "Automatic backup failed*");
  db = canting_db_open (dir, &error);
  g_test_assert_expected_messages ();
  canting_db_set_copy_hook (NULL);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (canting_db_get_backup_warning (db), "failed its check"));
  list = canting_backup_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  /* Undamaged, the same backup is made and kept. */
  copy = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

static void
test_names_not_ours_are_ignored (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *backups = canting_paths_backup_dir (dir);
  g_autoptr(GPtrArray) list = NULL;
  static const char * const names[] = {
    "canting-manual-20260101-120000.db.tmp",
    "foto-bengkel.jpg",
    "canting-manual-2026-01-01.db",
    "canting-auto-20261399-120000.db",
  };

  g_assert_true (canting_paths_ensure_private_dir (backups, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (backups, names[i], NULL);
      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
    }
  list = canting_backup_list (dir, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  canting_test_rmdir (dir);
}

typedef struct {
  GThread *caller;
  gboolean off_thread;  /* a report came on another thread than the caller's */
  GArray *stages;     /* CantingRestoreStage, as reported */
  double last_fraction;
  gboolean fraction_went_back;
  gboolean answered;
  gboolean report_after_answer;
  gboolean ok;
  char *aside;
  GError *error;
} RestoreWatch;

static void
on_restore_progress (CantingRestoreStage stage,
                     double              fraction,
                     gpointer            data)
{
  RestoreWatch *w = data;

  if (g_thread_self () != w->caller)
    w->off_thread = TRUE;
  if (w->answered)
    w->report_after_answer = TRUE;
  if (w->stages->len == 0 || g_array_index (w->stages, CantingRestoreStage, w->stages->len - 1) != stage)
    {
      g_array_append_val (w->stages, stage);
      w->last_fraction = -1;
    }
  if (stage == CANTING_RESTORE_COPYING && fraction < w->last_fraction)
    w->fraction_went_back = TRUE;
  w->last_fraction = fraction;
}

static void
on_restored (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  RestoreWatch *w = data;

  w->ok = canting_backup_restore_finish (result, &w->aside, &w->error);
  w->answered = TRUE;
}

static void
restore_and_wait (CantingDb    *db,
                  const char   *file,
                  RestoreWatch *w)
{
  w->caller = g_thread_self ();
  w->stages = g_array_new (FALSE, FALSE, sizeof (CantingRestoreStage));
  canting_backup_restore_async (db, file, on_restore_progress, w, on_restored, w);
  while (!w->answered)
    g_main_context_iteration (NULL, TRUE);
  /* Anything still queued is dropped, not passed on. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
restore_watch_clear (RestoreWatch *w)
{
  g_array_unref (w->stages);
  g_free (w->aside);
  g_clear_error (&w->error);
}

/* A restore of a same-version copy answered well: each stage reported
 * once, in order, on the caller's thread and before the answer, the copy
 * ending at 1. */
static void
assert_restored_in_stages (const RestoreWatch *w)
{
  g_assert_no_error (w->error);
  g_assert_true (w->ok);
  g_assert_false (w->report_after_answer);
  g_assert_false (w->off_thread);
  g_assert_false (w->fraction_went_back);
  g_assert_cmpuint (w->stages->len, ==, 3);
  g_assert_cmpint (g_array_index (w->stages, CantingRestoreStage, 0), ==, CANTING_RESTORE_CHECKING);
  g_assert_cmpint (g_array_index (w->stages, CantingRestoreStage, 1), ==, CANTING_RESTORE_KEEPING_ASIDE);
  g_assert_cmpint (g_array_index (w->stages, CantingRestoreStage, 2), ==, CANTING_RESTORE_COPYING);
  g_assert_cmpfloat (w->last_fraction, ==, 1.0);
}

/* The caller's main loop busy while the whole restore runs (a slow
 * machine, a long frame): every stage still reaches it, in order, the
 * copy's last figure among them, all on the caller's thread and before
 * the answer.  Found under the sanitizers: a stage reported while the one
 * before it was still waiting to be passed on replaced it; and with the
 * caller's loop not iterating, the reports ran on the worker. */
static void
test_restore_async_busy_caller (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autofree char *backup = NULL;

  g_assert_no_error (error);
  save_profile (db, "Batik Kembang Turi", "Blitar");
  backup = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  /* With the context held, as a running loop holds it; then not held,
   * as between two iterations. */
  for (int held = 1; held >= 0; held--)
    {
      g_autoptr(CantingProfile) loaded = NULL;
      RestoreWatch w = { 0 };

      save_profile (db, "Nama Salah", "Kota Salah");
      w.caller = g_thread_self ();
      w.stages = g_array_new (FALSE, FALSE, sizeof (CantingRestoreStage));
      canting_backup_restore_async (db, backup, on_restore_progress, &w, on_restored, &w);
      if (held)
        g_assert_true (g_main_context_acquire (NULL));
      /* Long enough for a restore of a few pages, even under the
       * sanitizers. */
      g_usleep (G_USEC_PER_SEC);
      if (held)
        g_main_context_release (NULL);
      while (!w.answered)
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      assert_restored_in_stages (&w);
      loaded = canting_profile_load (db, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Batik Kembang Turi");
      restore_watch_clear (&w);
    }
  g_clear_object (&db);
  canting_test_rmdir (dir);
}

/* On a worker: the open connection sees the copy once it is in; the
 * stages are reported in order on this thread, none after the answer;
 * an older copy is upgraded and says so. */
static void
test_restore_async (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *old_dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autofree char *backup = NULL;
  g_autofree char *older = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(CantingProfile) loaded = NULL;
  RestoreWatch w = { 0 };
  int version = 0;

  g_assert_no_error (error);
  save_profile (db, "Batik Kembang Turi", "Blitar");
  backup = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  g_assert_no_error (error);
  save_profile (db, "Nama Salah", "Kota Salah");
  changed = canting_test_dump (canting_db_get_path (db));

  restore_and_wait (db, backup, &w);
  assert_restored_in_stages (&w);
  loaded = canting_profile_load (db, &error);
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Batik Kembang Turi");
  g_clear_object (&loaded);
  g_assert_nonnull (w.aside);
  {
    g_autofree char *dump_aside = canting_test_dump (w.aside);
    g_assert_cmpstr (dump_aside, ==, changed);
  }
  restore_watch_clear (&w);

  /* A copy from the schema before this one. */
  {
    g_autoptr(CantingDb) other = canting_db_open_full (old_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP,
                                                       canting_db_latest_schema_version () - 1, &error);
    g_assert_no_error (error);
    save_profile (other, "Batik Lama", "Tulungagung");
    older = canting_backup_create (other, CANTING_BACKUP_MANUAL, &error);
    g_assert_no_error (error);
  }
  memset (&w, 0, sizeof w);
  restore_and_wait (db, older, &w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (w.stages->len, ==, 4);
  g_assert_cmpint (g_array_index (w.stages, CantingRestoreStage, 3), ==, CANTING_RESTORE_UPGRADING);
  g_assert_true (canting_db_read_pragma_int (canting_db_get_handle (db), "PRAGMA user_version", &version, NULL));
  g_assert_cmpint (version, ==, canting_db_latest_schema_version ());
  loaded = canting_profile_load (db, &error);
  g_assert_cmpstr (canting_profile_get_name (loaded), ==, "Batik Lama");
  restore_watch_clear (&w);

  /* A damaged file: refused, reported after the check, nothing changed. */
  {
    g_autofree char *garbage = g_build_filename (old_dir, "rusak.db", NULL);
    g_autofree char *before = canting_test_dump (canting_db_get_path (db));
    g_autofree char *after = NULL;

    g_assert_true (g_file_set_contents (garbage, "bukan basis data, hanya teks biasa yang cukup panjang", -1, NULL));
    memset (&w, 0, sizeof w);
    restore_and_wait (db, garbage, &w);
    g_assert_false (w.ok);
    g_assert_error (w.error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
    g_assert_null (w.aside);
    g_assert_cmpuint (w.stages->len, ==, 1);
    after = canting_test_dump (canting_db_get_path (db));
    g_assert_cmpstr (after, ==, before);
    restore_watch_clear (&w);
  }
  g_clear_object (&db);
  canting_test_rmdir (dir);
  canting_test_rmdir (old_dir);
}

/* Restoring from something that is not a good Canting copy changes
 * nothing: no data replaced, no extra copy made. */
static void
test_restore_refuses_bad_files (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *other_dir = canting_test_mkdtemp ();
  g_autofree char *garbage = g_build_filename (other_dir, "rusak.db", NULL);
  g_autofree char *missing = g_build_filename (other_dir, "tidak-ada.db", NULL);
  g_autofree char *newer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) list = NULL;

  save_profile (db, "Batik Tetap", "Blitar");
  before = canting_test_dump (canting_db_get_path (db));

  g_assert_true (g_file_set_contents (garbage, "bukan basis data, hanya teks biasa yang cukup panjang", -1, NULL));
  g_assert_false (canting_backup_restore (db, garbage, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_false (canting_backup_restore (db, missing, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An empty file (a copy to a USB stick that failed) is an empty
   * database to SQLite, and would wipe the workshop if restored. */
  g_assert_true (g_file_set_contents (garbage, "", 0, NULL));
  g_assert_false (canting_backup_restore (db, garbage, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
  g_clear_error (&error);

  {
    g_autoptr(CantingDb) other = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", canting_db_latest_schema_version () + 1);
    newer = canting_backup_create (other, CANTING_BACKUP_MANUAL, NULL);
    g_assert_nonnull (newer);
    {
      sqlite3 *raw = NULL;
      g_assert_cmpint (sqlite3_open (newer, &raw), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (raw);
    }
  }
  g_assert_false (canting_backup_restore (db, newer, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_TOO_NEW);

  after = canting_test_dump (canting_db_get_path (db));
  g_assert_cmpstr (after, ==, before);
  list = canting_backup_list (dir, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_object (&db);
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

  g_test_add_func ("/backup/then-restore-is-identical", test_backup_then_restore_is_identical);
  g_test_add_func ("/backup/rotation-keeps-fourteen", test_rotation_keeps_fourteen);
  g_test_add_func ("/backup/prune-pre-upgrade-copies", test_prune_pre_upgrade_copies);
  g_test_add_func ("/backup/prune-pre-restore-copies", test_prune_pre_restore_copies);
  g_test_add_func ("/backup/restores-keep-newest-pre-restore-copy", test_restores_keep_newest_pre_restore_copy);
  g_test_add_func ("/backup/restore-of-oldest-pre-restore-copy", test_restore_of_oldest_pre_restore_copy);
  g_test_add_func ("/backup/open-makes-daily-backup", test_open_makes_daily_backup);
  g_test_add_func ("/backup/names-not-ours-are-ignored", test_names_not_ours_are_ignored);
  g_test_add_func ("/backup/same-second-copies", test_same_second_copies);
  g_test_add_func ("/backup/failed-daily-backup-is-reported", test_failed_daily_backup_is_reported);
  g_test_add_func ("/backup/verified-after-writing", test_backup_verified_after_writing);
  g_test_add_func ("/backup/restore-refuses-bad-files", test_restore_refuses_bad_files);
  g_test_add_func ("/backup/restore-async", test_restore_async);
  g_test_add_func ("/backup/restore-async-busy-caller", test_restore_async_busy_caller);

  return g_test_run ();
}
