/* canting-db.c: opening, checking and migrating the workshop database.
 *
 * The order of work on open matters.  Nothing is written until the file is
 * known to be healthy, ours and not newer than this build: a refused file
 * must stay byte for byte as it was, so even switching to WAL (which
 * rewrites the header) waits until those checks pass.
 *
 * "Healthy" costs a read of every page (PRAGMA quick_check: seconds on a
 * ten-year workshop), so it is not repeated for a file exactly as Canting
 * left it: closing the database notes the file's identity, size and
 * times beside it (canting.db-closed), and an open that finds the file
 * still matching that note skips the page check.  Anything else (a crash
 * mid-checkpoint, a copy put in place, a restore, a bad sector written
 * by another program, an older Canting) changes those figures, and the
 * full check runs as before.  Damage the file's times cannot show (a
 * sector that rots on its own) is caught by the daily backup, whose copy
 * is checked page by page (canting-backup.c). */
#include "canting-db-private.h"

#include "canting-backup.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-paths.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long a write waits for another process (the CLI beside the GUI)
 * before giving up.  Long enough that a person never sees "locked" during
 * normal use; short enough that a stuck process is reported. */
#define BUSY_TIMEOUT_MS 15000

/* A commit that leaves the WAL this long (SQLite's own default for its
 * automatic checkpoint) starts a checkpoint on a worker. */
#define CHECKPOINT_PAGES 1000

struct _CantingDb
{
  GObject parent_instance;

  sqlite3 *handle;
  char *data_dir;
  char *path;
  char *backup_warning;
  gboolean sibling;  /* canting_db_open_reader() or _writer(): notes nothing */
  gboolean counted; /* in open_files, until finalised */
  /* Prepared statements kept for reuse (canting-sql.c): SQL text →
   * CantingDbCachedStatement.  Only the thread that opened the
   * connection uses it; others prepare afresh. */
  GHashTable *statements;
  GThread *owner;
  /* The checkpoint on a worker, if one was started (see wal_hook());
   * checkpoint_done is set by that worker as it ends. */
  GThread *checkpointer;
  gint checkpoint_done;
};

G_DEFINE_FINAL_TYPE (CantingDb, canting_db, G_TYPE_OBJECT)

/* --- the note of a clean close ---------------------------------------------- */

static char *
closed_note_path (const char *path)
{
  return g_strconcat (path, "-closed", NULL);
}

/* What identifies the file as it is now: device, inode, size, and the
 * modification and change times to the nanosecond (the change time no
 * program can set back).  NULL when it cannot be read. */
static char *
file_fingerprint (const char *path)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("1 %ju %ju %jd %jd.%09ld %jd.%09ld\n", (uintmax_t) st.st_dev, (uintmax_t) st.st_ino,
                          (intmax_t) st.st_size, (intmax_t) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (intmax_t) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec);
}

/* TRUE when @path is exactly as a Canting connection left it at its last
 * close, so its pages need not be read again. */
static gboolean
closed_cleanly (const char *path)
{
  g_autofree char *note_path = closed_note_path (path);
  g_autofree char *note = NULL;
  g_autofree char *now = NULL;

  if (!g_file_get_contents (note_path, &note, NULL, NULL))
    return FALSE;
  now = file_fingerprint (path);
  return now != NULL && g_str_equal (note, now);
}

/* After a close: the file as it is now is the file Canting wrote.  A
 * note that cannot be written only means the next open checks again. */
static void
note_clean_close (const char *path)
{
  g_autofree char *note_path = closed_note_path (path);
  g_autofree char *now = file_fingerprint (path);

  if (now == NULL || !g_file_set_contents_full (note_path, now, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    g_unlink (note_path);
}

/* --- connections that note their close, by file ---------------------------- */

/* File path → how many such connections to it are not yet finalised (the
 * last reference may go on any thread, a while after the app let go). */
static GMutex open_files_lock;
static GHashTable *open_files;

static void
count_open (CantingDb *self)
{
  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (open_files, g_strdup (self->path),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->path)) + 1));
  g_mutex_unlock (&open_files_lock);
  self->counted = TRUE;
}

static void
count_closed (CantingDb *self)
{
  guint n;

  g_mutex_lock (&open_files_lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (open_files, self->path));
  if (n > 1)
    g_hash_table_replace (open_files, g_strdup (self->path), GUINT_TO_POINTER (n - 1));
  else
    g_hash_table_remove (open_files, self->path);
  g_mutex_unlock (&open_files_lock);
}

gboolean
canting_db_file_in_use (const char *data_dir)
{
  g_autofree char *path = canting_paths_database_file (data_dir);
  gboolean in_use;

  g_mutex_lock (&open_files_lock);
  in_use = open_files != NULL && g_hash_table_contains (open_files, path);
  g_mutex_unlock (&open_files_lock);
  return in_use;
}

/* --- checkpoints on a worker ------------------------------------------------- */

/* Tests only (see canting-db-private.h); NULL in the app. */
static CantingDbCheckpointHook checkpoint_hook;

void
canting_db_set_checkpoint_hook (CantingDbCheckpointHook hook)
{
  checkpoint_hook = hook;
}

typedef struct {
  char *path;
  gint *done;
} Checkpoint;

/* Copies what the WAL holds into the database file, through a connection
 * of its own.  PASSIVE: it never waits for, nor holds up, a reader or a
 * writer; what a reader still needs waits for the next one. */
static gpointer
checkpoint_on_worker (gpointer data)
{
  Checkpoint *job = data;
  sqlite3 *handle = NULL;
  int rc = sqlite3_open_v2 (job->path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);

  if (checkpoint_hook != NULL)
    checkpoint_hook (job->path, FALSE, SQLITE_OK);
  /* A new connection finds the WAL with its first read. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (handle, "PRAGMA schema_version", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (handle, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("Checkpoint of %s: %s", job->path, handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
  sqlite3_close_v2 (handle);
  if (checkpoint_hook != NULL)
    checkpoint_hook (job->path, TRUE, rc);
  g_atomic_int_set (job->done, 1);
  g_free (job->path);
  g_free (job);
  return NULL;
}

/* Called by SQLite after each commit, the write lock released, in place
 * of its automatic checkpoint, which ran in the commit: on the main
 * thread, about 80 ms after a large import and a frame or more after
 * any commit that filled the WAL.  Durability is the commit's: the WAL
 * is synced by then (synchronous = FULL). */
static int
wal_hook (void        *data,
          sqlite3     *handle,
          const char  *db_name,
          int          n_pages)
{
  CantingDb *self = data;
  Checkpoint *job;

  if (n_pages < CHECKPOINT_PAGES)
    return SQLITE_OK;
  if (self->checkpointer != NULL)
    {
      /* One at a time; the next commit tries again. */
      if (!g_atomic_int_get (&self->checkpoint_done))
        return SQLITE_OK;
      g_thread_join (g_steal_pointer (&self->checkpointer));
    }
  job = g_new0 (Checkpoint, 1);
  job->path = g_strdup (self->path);
  job->done = &self->checkpoint_done;
  g_atomic_int_set (&self->checkpoint_done, 0);
  self->checkpointer = g_thread_try_new ("canting-checkpoint", checkpoint_on_worker, job, NULL);
  if (self->checkpointer == NULL)
    {
      /* No thread to spare: here, as SQLite would have. */
      g_free (job->path);
      g_free (job);
      sqlite3_wal_checkpoint_v2 (handle, db_name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
  return SQLITE_OK;
}

static void
canting_db_finalize (GObject *object)
{
  CantingDb *self = CANTING_DB (object);

  /* Before closing: a statement left unfinalised would keep the
   * connection open past sqlite3_close_v2(), and the file would not be
   * checkpointed when the clean close is noted. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->checkpointer != NULL)
    g_thread_join (self->checkpointer);
  if (self->handle != NULL && sqlite3_close_v2 (self->handle) == SQLITE_OK && self->path != NULL &&
      !self->sibling)
    note_clean_close (self->path);
  if (self->counted)
    count_closed (self);
  g_free (self->data_dir);
  g_free (self->path);
  g_free (self->backup_warning);

  G_OBJECT_CLASS (canting_db_parent_class)->finalize (object);
}

static void
canting_db_class_init (CantingDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = canting_db_finalize;
}

static void
cached_statement_free (CantingDbCachedStatement *cached)
{
  sqlite3_finalize (cached->stmt);
  g_free (cached);
}

static void
canting_db_init (CantingDb *self)
{
  /* The thread that opens a connection is the one that uses it; a
   * worker's reader is opened on the worker. */
  self->owner = g_thread_self ();
}

GHashTable *
canting_db_get_statement_cache (CantingDb *self)
{
  g_return_val_if_fail (CANTING_IS_DB (self), NULL);

  if (self->handle == NULL || g_thread_self () != self->owner)
    return NULL;
  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) cached_statement_free);
  return self->statements;
}

int
canting_db_latest_schema_version (void)
{
  gsize n;
  const CantingSchemaStep *steps = canting_schema_steps (&n);

  return steps[n - 1].version;
}

void
canting_db_set_error (GError     **error,
                      sqlite3     *handle,
                      int          rc,
                      const char  *doing)
{
  const char *detail = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("The workshop database is damaged (%s: %s)."), doing, detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("The disk is full, so nothing was saved (%s). Free some space and try again."),
                   doing);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_DB,
                   _("The workshop database is busy in another Canting window or command (%s). Nothing was saved; try again."),
                   doing);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("The workshop database cannot be read or written (%s: %s)."), doing, detail);
      break;
    default:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_DB,
                   _("The database refused the change (%s: %s)."), doing, detail);
      break;
    }
}

gboolean
canting_db_read_pragma_int (sqlite3     *handle,
                            const char  *pragma_sql,
                            int         *out_value,
                            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, pragma_sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int (stmt, 0);
  else
    canting_db_set_error (error, handle, rc, _("reading the file header"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
exec_sql (sqlite3     *handle,
          const char  *sql,
          const char  *doing,
          GError     **error)
{
  int rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, handle, rc, doing);
      return FALSE;
    }
  return TRUE;
}

/* PRAGMA quick_check: O(N) but skips the index cross-checks of
 * integrity_check, so it stays fast enough for every open. */
static gboolean
quick_check (sqlite3     *handle,
             const char  *path,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc = sqlite3_prepare_v2 (handle, "PRAGMA quick_check(5)", -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, handle, rc, _("checking the file"));
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("The workshop database “%s” is damaged: %s"), path, problems->str);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_any_table (sqlite3 *handle,
               GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  gboolean any = FALSE;

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      any = sqlite3_column_int (stmt, 0) > 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    canting_db_set_error (error, handle, rc, _("reading the list of tables"));
  return any;
}

/* The checks that need no writing: readable, ours, not newer, intact.
 * @allow_empty accepts a brand-new empty file (opening a new workshop),
 * never acceptable as a backup to restore. */
static gboolean
check_handle (sqlite3     *handle,
              const char  *path,
              gboolean     allow_empty,
              gboolean     read_pages,
              int         *out_version,
              GError     **error)
{
  GError *local = NULL;
  int version = 0;
  int app_id = 0;
  gboolean any_table;

  if (!canting_db_read_pragma_int (handle, "PRAGMA user_version", &version, error) ||
      !canting_db_read_pragma_int (handle, "PRAGMA application_id", &app_id, error))
    return FALSE;
  any_table = has_any_table (handle, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }

  if (allow_empty && app_id == 0 && version == 0 && !any_table)
    {
      *out_version = 0;
      return TRUE;
    }
  if (app_id != CANTING_APPLICATION_ID || version < 1)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("“%s” is not a Canting workshop database."), path);
      return FALSE;
    }
  if (version > canting_db_latest_schema_version ())
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Canting (schema %d; this version knows up to %d). "
                     "Update Canting to open it. The file has not been changed."),
                   path, version, canting_db_latest_schema_version ());
      return FALSE;
    }
  if (read_pages && !quick_check (handle, path, error))
    return FALSE;

  *out_version = version;
  return TRUE;
}

static gboolean
check_file (const char  *path,
            gboolean     allow_empty,
            gboolean     read_pages,
            int         *out_version,
            GError     **error)
{
  sqlite3 *handle = NULL;
  int version = 0;
  int rc;
  gboolean ok;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("The file “%s” does not exist."), path);
      return FALSE;
    }
  /* Read-only: closing it never checkpoints a -wal into the file, so a
   * refused database keeps every byte (its -wal included). */
  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, handle, rc, path);
      sqlite3_close_v2 (handle);
      return FALSE;
    }
  sqlite3_extended_result_codes (handle, 1);
  sqlite3_busy_timeout (handle, BUSY_TIMEOUT_MS);
  ok = check_handle (handle, path, allow_empty, read_pages, &version, error);
  sqlite3_close_v2 (handle);
  if (ok && out_version != NULL)
    *out_version = version;
  return ok;
}

gboolean
canting_db_needs_page_check (const char *data_dir)
{
  g_autofree char *path = canting_paths_database_file (data_dir);

  return g_file_test (path, G_FILE_TEST_EXISTS) && !closed_cleanly (path);
}

static void
check_pages_in_thread (GTask        *task,
                       gpointer      source,
                       gpointer      data,
                       GCancellable *cancellable)
{
  const char *path = data;
  GError *error = NULL;

  /* As canting_db_open_full() checks it; an empty file is a new one. */
  if (!check_file (path, TRUE, TRUE, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The pages of the file as it is now are known good, as after a clean
   * close; any change from here on shows in its figures again. */
  note_clean_close (path);
  g_task_return_boolean (task, TRUE);
}

void
canting_db_check_pages_async (const char          *data_dir,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);

  g_return_if_fail (data_dir != NULL);
  g_task_set_source_tag (task, canting_db_check_pages_async);
  g_task_set_task_data (task, canting_paths_database_file (data_dir), g_free);
  g_task_run_in_thread (task, check_pages_in_thread);
}

gboolean
canting_db_check_pages_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, canting_db_check_pages_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
canting_db_check_file (const char  *path,
                       int         *out_version,
                       GError     **error)
{
  return check_file (path, FALSE, TRUE, out_version, error);
}

/* SQLite creates a new file with the process umask (often 0644).  Make it
 * ourselves first, 0600, so the records are never readable by other users
 * even for a moment.  The -wal and -shm files copy the main file's mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* How many references find no record (PRAGMA foreign_key_check). */
static gboolean
count_broken_references (sqlite3  *handle,
                         gint64   *out_count,
                         GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (handle, "SELECT count(*) FROM pragma_foreign_key_check", -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *out_count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, handle, rc, _("upgrading the database"));
      return FALSE;
    }
  return TRUE;
}

/* Runs a step that rebuilds tables: what referred to a record before
 * still must afterwards.  Only what the step broke counts: a workshop
 * that already had a dangling reference (an old bug, a repaired file)
 * can still be upgraded. */
static gboolean
exec_rebuild (sqlite3     *handle,
              const char  *sql,
              GError     **error)
{
  gint64 before = 0, after = 0;

  if (!count_broken_references (handle, &before, error) ||
      !exec_sql (handle, sql, _("upgrading the database"), error) ||
      !count_broken_references (handle, &after, error))
    return FALSE;
  if (after > before)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_DB,
                   _("The upgrade would leave records that refer to records that do not exist; "
                     "the database was left as it was."));
      return FALSE;
    }
  return TRUE;
}

/* One step in its own transaction; FALSE with @error after rolling it
 * back. */
static gboolean
run_step (CantingDb                *self,
          const CantingSchemaStep  *step,
          int                      *out_version,
          GError                  **error)
{
  GError *local = NULL;
  int current;

  if (!exec_sql (self->handle, "BEGIN IMMEDIATE", _("starting the upgrade"), error))
    return FALSE;
  /* Another process may have migrated while we waited for the lock. */
  if (!canting_db_read_pragma_int (self->handle, "PRAGMA user_version", &current, &local) ||
      (current < step->version &&
       !(step->rebuilds_tables ? exec_rebuild (self->handle, step->sql, &local)
                               : exec_sql (self->handle, step->sql, _("upgrading the database"), &local))))
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!exec_sql (self->handle, "COMMIT", _("finishing the upgrade"), error))
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  *out_version = MAX (current, step->version);
  return TRUE;
}

static gboolean
migrate (CantingDb  *self,
         int         from_version,
         int         target_version,
         GError    **error)
{
  gsize n_steps;
  const CantingSchemaStep *steps = canting_schema_steps (&n_steps);
  /* Decided once: a new file passing through several steps has nothing
   * to save between them. */
  gboolean backed_up = from_version == 0;

  for (gsize i = 0; i < n_steps; i++)
    {
      const CantingSchemaStep *step = &steps[i];
      gboolean ok;

      if (step->version <= from_version || step->version > target_version)
        continue;

      /* A database with records gets a safety copy before its schema
       * changes; an empty new file has nothing to lose. */
      if (!backed_up)
        {
          g_autofree char *copy = canting_backup_create (self, CANTING_BACKUP_PRE_MIGRATION, error);
          if (copy == NULL)
            return FALSE;
          backed_up = TRUE;
        }

      /* Neither can change inside a transaction (see CantingSchemaStep). */
      if (step->rebuilds_tables &&
          !exec_sql (self->handle, "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;",
                     _("starting the upgrade"), error))
        return FALSE;
      ok = run_step (self, step, &from_version, error);
      if (step->rebuilds_tables &&
          !exec_sql (self->handle, "PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = ON;",
                     _("finishing the upgrade"), ok ? error : NULL))
        ok = FALSE;
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

CantingDb *
canting_db_open_full (const char          *data_dir,
                      CantingDbOpenFlags   flags,
                      int                  target_version,
                      GError             **error)
{
  g_autoptr(CantingDb) self = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (target_version < 0)
    target_version = canting_db_latest_schema_version ();

  if (!canting_paths_ensure_private_dir (data_dir, error))
    return NULL;

  self = g_object_new (CANTING_TYPE_DB, NULL);
  self->data_dir = g_strdup (data_dir);
  self->path = canting_paths_database_file (data_dir);
  count_open (self);

  if (!create_private_file (self->path, error))
    return NULL;

  /* Header, owner and version always; every page only when the file is
   * not as Canting closed it (see the top of this file). */
  if (!check_file (self->path, TRUE, !closed_cleanly (self->path), &version, error))
    return NULL;

  rc = sqlite3_open_v2 (self->path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, self->handle, rc, self->path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_wal_hook (self->handle, wal_hook, self);

  /* Only now may the file change. */
  {
    sqlite3_stmt *stmt = NULL;
    const char *mode = NULL;

    rc = sqlite3_prepare_v2 (self->handle, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      mode = (const char *) sqlite3_column_text (stmt, 0);
    if (g_strcmp0 (mode, "wal") != 0)
      {
        canting_db_set_error (error, self->handle, rc == SQLITE_OK ? sqlite3_errcode (self->handle) : rc,
                              _("switching to write-ahead logging"));
        sqlite3_finalize (stmt);
        return NULL;
      }
    sqlite3_finalize (stmt);
  }
  /* FULL: a power cut right after a commit must not lose it (WAL's
   * default NORMAL may). */
  if (!exec_sql (self->handle,
                 "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                 _("setting up the database"), error))
    return NULL;

  if (!migrate (self, version, target_version, error))
    return NULL;
  /* Indexes a step made on a workshop's records have no statistics
   * yet: about a second on ten years of them, once per upgrade.  A full
   * ANALYZE: statistics from a sample of each index (analysis_limit) led
   * the planner to read the whole order list to show its first page.
   * Not PRAGMA optimize on every close either: SQLite 3.40 counts an
   * index with no rows yet (stock_movements_unpaid) as never analysed
   * and analysed the million movements again at each close. */
  if (version > 0 && version < target_version)
    sqlite3_exec (self->handle, "ANALYZE", NULL, NULL, NULL);

  if (!(flags & CANTING_DB_OPEN_NO_AUTO_BACKUP) && target_version > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GError) warning = NULL;

      if (!canting_backup_auto_daily (self, now, NULL, &warning))
        {
          g_warning ("Automatic backup failed: %s", warning->message);
          self->backup_warning = g_strdup (warning->message);
        }
    }

  return g_steal_pointer (&self);
}

/* A second connection to @db's file, with no checks: @db checked and
 * upgraded the file when it opened it. */
static CantingDb *
open_sibling (CantingDb  *db,
              gboolean    writes,
              GError    **error)
{
  g_autoptr(CantingDb) self = NULL;
  int rc;

  g_return_val_if_fail (CANTING_IS_DB (db), NULL);

  self = g_object_new (CANTING_TYPE_DB, NULL);
  self->data_dir = g_strdup (db->data_dir);
  self->path = g_strdup (db->path);
  self->sibling = TRUE;
  rc = sqlite3_open_v2 (self->path, &self->handle,
                        (writes ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, self->handle, rc, self->path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  if (writes)
    {
      /* As canting_db_open_full() sets up the main connection. */
      sqlite3_wal_hook (self->handle, wal_hook, self);
      if (!exec_sql (self->handle, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                     _("setting up the database"), error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

CantingDb *
canting_db_open_reader (CantingDb  *db,
                        GError    **error)
{
  return open_sibling (db, FALSE, error);
}

CantingDb *
canting_db_open_writer (CantingDb  *db,
                        GError    **error)
{
  return open_sibling (db, TRUE, error);
}

typedef struct {
  CantingDb *db;
  gboolean writes;
  CantingDbReadFunc run;
  gpointer data;
  GDestroyNotify free_data;
} WorkJob;

static void
work_job_free (WorkJob *job)
{
  g_clear_object (&job->db);
  if (job->data != NULL && job->free_data != NULL)
    job->free_data (job->data);
  g_free (job);
}

static void
work_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  WorkJob *job = data;
  GError *error = NULL;
  /* Opened on the worker, used there only. */
  CantingDb *connection = open_sibling (job->db, job->writes, &error);
  gboolean ok = connection != NULL && job->run (connection, job->data, &error);

  /* Closed, and the database let go, before the caller hears back: the
   * caller may drop its last reference at once (closing the workshop,
   * which notes the clean close), and this thread may not get to run
   * again until after it has. */
  g_clear_object (&connection);
  g_clear_object (&job->db);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
work_async (CantingDb           *db,
            gboolean             writes,
            gpointer             source_object,
            CantingDbReadFunc    run,
            gpointer             data,
            GDestroyNotify       free_data,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, NULL, callback, user_data);
  WorkJob *job = g_new0 (WorkJob, 1);

  *job = (WorkJob) { g_object_ref (db), writes, run, data, free_data };
  g_task_set_source_tag (task, work_async);
  g_task_set_task_data (task, job, (GDestroyNotify) work_job_free);
  g_task_run_in_thread (task, work_in_thread);
}

void
canting_db_read_async (CantingDb           *db,
                       gpointer             source_object,
                       CantingDbReadFunc    read,
                       gpointer             data,
                       GDestroyNotify       free_data,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CANTING_IS_DB (db));
  work_async (db, FALSE, source_object, read, data, free_data, callback, user_data);
}

void
canting_db_write_async (CantingDb           *db,
                        gpointer             source_object,
                        CantingDbReadFunc    write,
                        gpointer             data,
                        GDestroyNotify       free_data,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CANTING_IS_DB (db));
  work_async (db, TRUE, source_object, write, data, free_data, callback, user_data);
}

gpointer
canting_db_read_get_data (GAsyncResult *result)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, work_async), NULL);
  return ((WorkJob *) g_task_get_task_data (G_TASK (result)))->data;
}

gboolean
canting_db_read_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, work_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
canting_db_upgrade (CantingDb  *self,
                    GError    **error)
{
  int version = 0;

  return canting_db_read_pragma_int (self->handle, "PRAGMA user_version", &version, error) &&
         migrate (self, version, canting_db_latest_schema_version (), error);
}

CantingDb *
canting_db_open (const char  *data_dir,
                 GError     **error)
{
  return canting_db_open_full (data_dir, CANTING_DB_OPEN_DEFAULT, -1, error);
}

CantingDb *
canting_db_open_without_backup (const char  *data_dir,
                                GError     **error)
{
  return canting_db_open_full (data_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
}

const char *
canting_db_get_data_dir (CantingDb *self)
{
  g_return_val_if_fail (CANTING_IS_DB (self), NULL);
  return self->data_dir;
}

const char *
canting_db_get_path (CantingDb *self)
{
  g_return_val_if_fail (CANTING_IS_DB (self), NULL);
  return self->path;
}

const char *
canting_db_get_backup_warning (CantingDb *self)
{
  g_return_val_if_fail (CANTING_IS_DB (self), NULL);
  return self->backup_warning;
}

gint64
canting_db_get_change_count (CantingDb *self)
{
  int others = 0;

  g_return_val_if_fail (CANTING_IS_DB (self), 0);
  /* data_version moves when another connection commits: the publishing
   * worker, a shop's orders fetched, canting-cli in a terminal. */
  canting_db_read_pragma_int (self->handle, "PRAGMA data_version", &others, NULL);
  return (gint64) sqlite3_total_changes64 (self->handle) + others;
}

int
canting_db_get_schema_version (CantingDb *self)
{
  int version = -1;

  g_return_val_if_fail (CANTING_IS_DB (self), -1);
  canting_db_read_pragma_int (self->handle, "PRAGMA user_version", &version, NULL);
  return version;
}

sqlite3 *
canting_db_get_handle (CantingDb *self)
{
  g_return_val_if_fail (CANTING_IS_DB (self), NULL);
  return self->handle;
}

gboolean
canting_db_transaction (CantingDb         *self,
                        CantingDbTxnFunc   func,
                        gpointer           user_data,
                        GError           **error)
{
  GError *local = NULL;

  g_return_val_if_fail (CANTING_IS_DB (self), FALSE);

  /* IMMEDIATE takes the write lock up front, so a busy database is waited
   * for here (busy timeout) rather than failing halfway through. */
  if (!exec_sql (self->handle, "BEGIN IMMEDIATE", _("starting a change"), error))
    return FALSE;
  if (!func (self, user_data, &local) ||
      !exec_sql (self->handle, "COMMIT", _("saving the change"), &local))
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_db_transaction_own_checks (CantingDb         *self,
                                   CantingDbTxnFunc   func,
                                   gpointer           user_data,
                                   GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (CANTING_IS_DB (self), FALSE);
  /* (Inside another transaction the pragma does nothing: SQLite goes on
   * checking, which is slower but as safe.) */
  ok = exec_sql (self->handle, "PRAGMA foreign_keys = OFF", _("starting a change"), error) &&
       canting_db_transaction (self, func, user_data, error);
  if (!exec_sql (self->handle, "PRAGMA foreign_keys = ON", _("saving the change"), ok ? error : NULL))
    ok = FALSE;
  return ok;
}

/* Makes a rename or link inside @dir survive a power cut. */
static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
canting_db_copy_to_dir (CantingDb   *self,
                        const char  *dir,
                        GError     **error)
{
  g_autofree char *path = canting_paths_database_file (dir);

  return canting_db_copy_to_file (self->handle, path, error);
}

/* Tests only (see canting-db-private.h); NULL in the app. */
static CantingDbCopyHook copy_hook;

void
canting_db_set_copy_hook (CantingDbCopyHook hook)
{
  copy_hook = hook;
}

/* A full integrity_check of a copy just written, through its own
 * read-only connection: what a restore would read back. */
static gboolean
verify_copy (const char  *tmp,
             const char  *path,
             GError     **error)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc = sqlite3_open_v2 (tmp, &handle, SQLITE_OPEN_READONLY, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (handle, "PRAGMA integrity_check(5)", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE && problems->len == 0)
    g_string_append (problems, handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (handle);
  if (problems->len > 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("The copy “%s” failed its check after writing (%s), so it was not kept. "
                     "Your records are unchanged; try again, and check the disk if this happens again."),
                   path, problems->str);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_db_copy_to_file (sqlite3     *source,
                         const char  *path,
                         GError     **error)
{
  /* A unique temporary name: the app and canting-cli may both be making
   * a copy in the same second. */
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("Cannot create “%s”: %s"), tmp, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          /* One step: the copy sees one consistent snapshot of the source. */
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? sqlite3_errcode (dest) : rc;
        }
    }
  /* A backup is one self-contained file: no -wal beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, dest, rc, _("copying the database"));
      sqlite3_close_v2 (dest);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close_v2 (dest);

  if (copy_hook != NULL)
    copy_hook (tmp);
  if (!verify_copy (tmp, path, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  /* link() never replaces: if another copy took the name meanwhile, the
   * caller picks the next one instead of overwriting it. */
  if (link (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      if (saved == EEXIST)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists."), path);
      else
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                     _("Cannot save “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_unlink (tmp);
  sync_dir (dir);
  return TRUE;
}

CantingTableCount *
canting_db_count_rows (CantingDb  *self,
                       GError    **error)
{
  const char * const *tables = canting_schema_tables ();
  g_autoptr(GArray) counts = g_array_new (TRUE, TRUE, sizeof (CantingTableCount));

  g_return_val_if_fail (CANTING_IS_DB (self), NULL);

  for (gsize i = 0; tables[i] != NULL; i++)
    {
      /* Table names come from the fixed list above, never from input;
       * identifiers cannot be bound as parameters. */
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", tables[i]);
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
      CantingTableCount count = { tables[i], 0 };

      sqlite3_free (sql);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          count.rows = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          canting_db_set_error (error, self->handle, rc, tables[i]);
          return NULL;
        }
      g_array_append_val (counts, count);
    }
  return (CantingTableCount *) g_array_free (g_steal_pointer (&counts), FALSE);
}
