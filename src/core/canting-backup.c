/* canting-backup.c: making, listing, pruning and restoring copies.
 *
 * The kind and time of a copy live in its file name
 * (canting-auto-20261124-023651.db, UTC), so listing needs no database and
 * works even when the workshop database itself is damaged. */
#include "canting-backup.h"

#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-paths.h"
#include "canting-product.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

static const char * const kind_tags[] = {
  [CANTING_BACKUP_AUTO] = "auto",
  [CANTING_BACKUP_MANUAL] = "manual",
  [CANTING_BACKUP_PRE_MIGRATION] = "upgrade",
  [CANTING_BACKUP_PRE_RESTORE] = "restore",
};

G_DEFINE_BOXED_TYPE (CantingBackupInfo, canting_backup_info,
                     canting_backup_info_copy, canting_backup_info_free)

CantingBackupInfo *
canting_backup_info_copy (const CantingBackupInfo *info)
{
  CantingBackupInfo *copy = g_new0 (CantingBackupInfo, 1);

  copy->path = g_strdup (info->path);
  copy->name = g_strdup (info->name);
  copy->kind = info->kind;
  copy->created = g_date_time_ref (info->created);
  copy->sequence = info->sequence;
  copy->modified_usec = info->modified_usec;
  copy->size = info->size;
  return copy;
}

void
canting_backup_info_free (CantingBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->name);
  g_clear_pointer (&info->created, g_date_time_unref);
  g_free (info);
}

const char *
canting_backup_kind_label (CantingBackupKind kind)
{
  switch (kind)
    {
    case CANTING_BACKUP_AUTO:
      return _("Daily");
    case CANTING_BACKUP_MANUAL:
      return _("Made by hand");
    case CANTING_BACKUP_PRE_MIGRATION:
      return _("Before an upgrade");
    case CANTING_BACKUP_PRE_RESTORE:
      return _("Before a restore");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* canting-<kind>-YYYYMMDD-HHMMSS[-N].db → kind and time; FALSE for any
 * other file (temporary copies, files a person put there). */
static gboolean
parse_name (const char         *name,
            CantingBackupKind  *out_kind,
            GDateTime         **out_created,
            guint              *out_sequence)
{
  for (gsize k = 0; k < G_N_ELEMENTS (kind_tags); k++)
    {
      g_autofree char *prefix = g_strdup_printf ("canting-%s-", kind_tags[k]);
      int y, mo, d, h, mi, s, used = 0;
      const char *rest;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      if (strlen (rest) < 15 + 3 ||
          sscanf (rest, "%4d%2d%2d-%2d%2d%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 ||
          used != 15)
        return FALSE;
      rest += used;
      *out_sequence = 1;
      if (*rest == '-')
        {
          rest++;
          *out_sequence = (guint) g_ascii_strtoull (rest, NULL, 10);
          while (g_ascii_isdigit (*rest))
            rest++;
        }
      if (strcmp (rest, ".db") != 0)
        return FALSE;
      *out_created = g_date_time_new_utc (y, mo, d, h, mi, s);
      if (*out_created == NULL)
        return FALSE;
      *out_kind = (CantingBackupKind) k;
      return TRUE;
    }
  return FALSE;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const CantingBackupInfo *x = *(CantingBackupInfo * const *) a;
  const CantingBackupInfo *y = *(CantingBackupInfo * const *) b;
  int by_time = g_date_time_compare (y->created, x->created);

  if (by_time != 0)
    return by_time;
  /* Same second: the file written later (a daily copy and a manual one
   * made just after it), then -10 after -9 after no suffix. */
  if (x->modified_usec != y->modified_usec)
    return (y->modified_usec > x->modified_usec) - (y->modified_usec < x->modified_usec);
  return (y->sequence > x->sequence) - (y->sequence < x->sequence);
}

GPtrArray *
canting_backup_list (const char  *data_dir,
                     GError     **error)
{
  g_autofree char *dir_path = canting_paths_backup_dir (data_dir);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_backup_info_free);
  g_autoptr(GDir) dir = NULL;
  GError *local = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &local);
  if (dir == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (&local);
          return g_steal_pointer (&list);
        }
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("Cannot read the backup folder “%s”: %s"), dir_path, local->message);
      g_clear_error (&local);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      CantingBackupInfo *info;
      CantingBackupKind kind;
      GDateTime *created;
      guint sequence;
      GStatBuf st;
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (!parse_name (name, &kind, &created, &sequence))
        continue;
      if (g_stat (path, &st) != 0)
        {
          g_date_time_unref (created);
          continue;
        }
      info = g_new0 (CantingBackupInfo, 1);
      info->path = g_steal_pointer (&path);
      info->name = g_strdup (name);
      info->kind = kind;
      info->created = created;
      info->sequence = sequence;
      info->size = st.st_size;
      info->modified_usec = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, newest_first);
  return g_steal_pointer (&list);
}

/* TRUE if @a and @b are one file: a restore may be handed a copy by
 * another spelling of its path. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
is_spared (const char         *path,
           const char * const *spare)
{
  for (; spare != NULL && *spare != NULL; spare++)
    if (same_file (path, *spare))
      return TRUE;
  return FALSE;
}

gboolean
canting_backup_prune (const char         *data_dir,
                      CantingBackupKind   kind,
                      guint               keep,
                      const char * const *spare,
                      GError            **error)
{
  g_autoptr(GPtrArray) list = NULL;
  guint kept = 0;

  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_tags), FALSE);
  g_return_val_if_fail (kind != CANTING_BACKUP_MANUAL, FALSE);

  list = canting_backup_list (data_dir, error);
  if (list == NULL)
    return FALSE;
  /* Newest first, so the newest @keep stay.  A spared copy stays too and
   * takes a place: after the clock was set back, the copy just made sorts
   * below older ones, and one more than @keep is left until next time. */
  for (guint i = 0; i < list->len; i++)
    {
      CantingBackupInfo *info = g_ptr_array_index (list, i);

      if (info->kind != kind)
        continue;
      if (++kept <= keep || is_spared (info->path, spare))
        continue;
      if (g_unlink (info->path) != 0)
        {
          int saved = errno;

          /* The app and canting-cli may both be pruning: gone is gone. */
          if (saved == ENOENT)
            continue;
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                       _("Cannot remove the old backup “%s”: %s"), info->path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* Once a copy before an upgrade or a restore is safely made, the oldest
 * of its kind beyond what is kept go; never before, so a copy that failed
 * loses none of the earlier ones.  Daily copies are rotated after their
 * own check, under the daily lock (auto_daily_copy()); copies a person
 * made are never removed.  Failing to remove one only costs disk space:
 * no reason to call the copy, or the upgrade or restore it guards, failed. */
static void
prune_after_copy (CantingDb          *db,
                  CantingBackupKind   kind,
                  const char         *made,
                  const char         *restoring)
{
  const char * const spare[] = { made, restoring, NULL };
  g_autoptr(GError) local = NULL;
  guint keep;

  switch (kind)
    {
    case CANTING_BACKUP_PRE_MIGRATION:
      keep = CANTING_BACKUP_KEEP_PRE_MIGRATION;
      break;
    case CANTING_BACKUP_PRE_RESTORE:
      keep = CANTING_BACKUP_KEEP_PRE_RESTORE;
      break;
    case CANTING_BACKUP_AUTO:
    case CANTING_BACKUP_MANUAL:
    default:
      return;
    }
  if (!canting_backup_prune (canting_db_get_data_dir (db), kind, keep, spare, &local))
    g_warning ("Older backups were not removed: %s", local->message);
}

/* canting_backup_create_at(), sparing @restoring (nullable) when pruning:
 * a restore from an old pre-restore copy must not lose that copy to the
 * pre-restore copy it makes first. */
static char *
make_copy (CantingDb          *db,
           CantingBackupKind   kind,
           GDateTime          *now,
           const char         *restoring,
           GError            **error)
{
  g_autofree char *dir = canting_paths_backup_dir (canting_db_get_data_dir (db));
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);
  g_autofree char *stamp = g_date_time_format (utc, "%Y%m%d-%H%M%S");

  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_tags), NULL);

  if (!canting_paths_ensure_private_dir (dir, error))
    return NULL;

  /* Two copies in the same second get -2, -3, ...: never overwrite one. */
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("canting-%s-%s.db", kind_tags[kind], stamp)
        : g_strdup_printf ("canting-%s-%s-%u.db", kind_tags[kind], stamp, n);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_autoptr(GError) local = NULL;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (canting_db_copy_to_file (canting_db_get_handle (db), path, &local))
        {
          prune_after_copy (db, kind, path, restoring);
          return g_steal_pointer (&path);
        }
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
               _("Too many backups were made in one second in “%s”."), dir);
  return NULL;
}

char *
canting_backup_create_at (CantingDb          *db,
                          CantingBackupKind   kind,
                          GDateTime          *now,
                          GError            **error)
{
  return make_copy (db, kind, now, NULL, error);
}

char *
canting_backup_create (CantingDb          *db,
                       CantingBackupKind   kind,
                       GError            **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return canting_backup_create_at (db, kind, now, error);
}

/* Today's automatic copy, if there is none yet: made, checked page by
 * page, and the old ones rotated.  Two at once (the window's own and
 * the publishing worker's, or the app and canting-cli) take turns on a
 * lock file, so the second finds the first's copy instead of making
 * another. */
static gboolean
auto_daily_copy (CantingDb  *db,
                 GDateTime  *now,
                 gboolean   *out_made,
                 GError    **error)
{
  g_autofree char *dir = canting_paths_backup_dir (canting_db_get_data_dir (db));
  g_autofree char *lock_path = g_build_filename (dir, ".daily-lock", NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) bad = NULL;
  int lock = -1;
  gboolean ok = FALSE;

  *out_made = FALSE;
  if (!canting_paths_ensure_private_dir (dir, error))
    return FALSE;
  /* Without the lock (a file system without flock) the copy is still
   * made; at worst twice. */
  lock = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock >= 0)
    flock (lock, LOCK_EX);

  list = canting_backup_list (canting_db_get_data_dir (db), error);
  if (list == NULL)
    goto out;
  today = g_date_time_to_local (now);
  for (guint i = 0; i < list->len; i++)
    {
      CantingBackupInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) local = NULL;

      if (info->kind != CANTING_BACKUP_AUTO)
        continue;
      local = g_date_time_to_local (info->created);
      if (g_date_time_get_year (local) == g_date_time_get_year (today) &&
          g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (today))
        {
          ok = TRUE;
          goto out;
        }
    }

  path = canting_backup_create_at (db, CANTING_BACKUP_AUTO, now, error);
  if (path == NULL)
    goto out;
  /* A copy is only as good as what it copied: every page is read back.
   * This is also where damage to the workshop file that its times do not
   * show (canting-db.c) comes to light, once a day. */
  if (!canting_db_check_file (path, NULL, &bad))
    {
      g_unlink (path);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("Today’s copy did not pass its check, so the workshop file itself may be damaged. "
                     "Restore an earlier backup from Preferences. (%s)"), bad->message);
      goto out;
    }
  *out_made = TRUE;
  ok = canting_backup_prune (canting_db_get_data_dir (db), CANTING_BACKUP_AUTO,
                             CANTING_BACKUP_KEEP_AUTO, NULL, error);

out:
  if (lock >= 0)
    close (lock);
  return ok;
}

/* Photos no copy names any more can go now; failing that only costs
 * disk space, so it is no reason to report the backup failed. */
static void
prune_photos (CantingDb *db)
{
  g_autoptr(GError) local = NULL;

  if (!canting_photo_prune (db, NULL, &local))
    g_warning ("Unused photos were not cleaned up: %s", local->message);
}

gboolean
canting_backup_auto_daily (CantingDb  *db,
                           GDateTime  *now,
                           gboolean   *out_made,
                           GError    **error)
{
  gboolean made = FALSE;

  if (out_made != NULL)
    *out_made = FALSE;
  if (!auto_daily_copy (db, now, &made, error))
    return FALSE;
  if (out_made != NULL)
    *out_made = made;
  if (made)
    prune_photos (db);
  return TRUE;
}

typedef struct {
  CantingDb *db;
  GDateTime *now;
} DailyJob;

static void
daily_job_free (DailyJob *job)
{
  g_clear_object (&job->db);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_free (job);
}

static void
auto_daily_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  DailyJob *job = data;
  g_autoptr(CantingDb) reader = canting_db_open_reader (job->db, NULL);
  GError *error = NULL;
  gboolean made = FALSE;

  /* Its own connection: the window goes on reading and writing while
   * the copy is made (the online backup API copies one consistent
   * snapshot). */
  if (reader == NULL)
    reader = g_object_ref (job->db);
  if (!auto_daily_copy (reader, job->now, &made, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, made);
}

void
canting_backup_auto_daily_async (CantingDb           *db,
                                 GDateTime           *now,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (db, cancellable, callback, user_data);
  DailyJob *job = g_new0 (DailyJob, 1);

  job->db = g_object_ref (db);
  job->now = g_date_time_ref (now);
  g_task_set_source_tag (task, canting_backup_auto_daily_async);
  g_task_set_task_data (task, job, (GDestroyNotify) daily_job_free);
  g_task_run_in_thread (task, auto_daily_thread);
}

gboolean
canting_backup_auto_daily_finish (CantingDb     *db,
                                  GAsyncResult  *result,
                                  gboolean      *out_made,
                                  GError       **error)
{
  GError *local = NULL;
  gboolean made;

  g_return_val_if_fail (g_task_is_valid (result, db), FALSE);
  made = g_task_propagate_boolean (G_TASK (result), &local);
  if (out_made != NULL)
    *out_made = made;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  /* Back on the caller's thread, with its own connection: a photo just
   * added there is never taken for an unused one. */
  if (made)
    prune_photos (db);
  return TRUE;
}

/* Pages copied per step: about 4 MB, a fraction of a second, so the
 * progress moves smoothly. */
#define RESTORE_PAGES_PER_STEP 1024

static void
restore_progress (CantingRestoreProgress  progress,
                  gpointer                data,
                  CantingRestoreStage     stage,
                  double                  fraction)
{
  if (progress != NULL)
    progress (stage, fraction, data);
}

/* Copies @source over @handle's main database in steps.  The whole copy
 * is one write transaction of the destination, ended by
 * sqlite3_backup_finish(): a crash midway leaves the old contents, never
 * a mixture, and other connections see the new ones at once. */
static int
copy_over (sqlite3                *handle,
           sqlite3                *source,
           CantingRestoreProgress  progress,
           gpointer                data)
{
  sqlite3_backup *backup = sqlite3_backup_init (handle, "main", source, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (handle);
  do
    {
      rc = sqlite3_backup_step (backup, RESTORE_PAGES_PER_STEP);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        /* Another connection is writing: its commit comes first. */
        sqlite3_sleep (20);
      else if (rc == SQLITE_OK)
        {
          int total = sqlite3_backup_pagecount (backup);

          restore_progress (progress, data, CANTING_RESTORE_COPYING,
                            total > 0 ? 1.0 - (double) sqlite3_backup_remaining (backup) / total : 0.0);
        }
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    {
      restore_progress (progress, data, CANTING_RESTORE_COPYING, 1.0);
      return sqlite3_errcode (handle);
    }
  return rc;
}

gboolean
canting_backup_restore_full (CantingDb              *db,
                             const char             *file,
                             CantingRestoreProgress  progress,
                             gpointer                progress_data,
                             char                  **out_kept_aside,
                             GError                **error)
{
  g_autofree char *kept = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3 *source = NULL;
  sqlite3 *handle = canting_db_get_handle (db);
  GError *local = NULL;
  int version = 0;
  int rc;

  restore_progress (progress, progress_data, CANTING_RESTORE_CHECKING, -1);
  if (!canting_db_check_file (file, &version, error))
    return FALSE;

  restore_progress (progress, progress_data, CANTING_RESTORE_KEEPING_ASIDE, -1);
  kept = make_copy (db, CANTING_BACKUP_PRE_RESTORE, now, file, error);
  if (kept == NULL)
    return FALSE;

  restore_progress (progress, progress_data, CANTING_RESTORE_COPYING, 0.0);
  rc = sqlite3_open_v2 (file, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = copy_over (handle, source, progress, progress_data);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, handle, rc, _("restoring the backup"));
      sqlite3_close_v2 (source);
      return FALSE;
    }
  sqlite3_close_v2 (source);

  /* The contents are replaced from here on: whatever happens next, the
   * caller must learn where the previous data went. */
  if (version < canting_db_latest_schema_version ())
    restore_progress (progress, progress_data, CANTING_RESTORE_UPGRADING, -1);
  if (!canting_db_upgrade (db, &local))
    {
      g_set_error (error, CANTING_ERROR, local->code == CANTING_ERROR_IO ? CANTING_ERROR_IO : CANTING_ERROR_DB,
                   _("The backup was restored but could not be upgraded: %s The previous data was kept as %s."),
                   local->message, kept);
      g_clear_error (&local);
      if (out_kept_aside != NULL)
        *out_kept_aside = g_steal_pointer (&kept);
      return FALSE;
    }
  if (out_kept_aside != NULL)
    *out_kept_aside = g_steal_pointer (&kept);
  return TRUE;
}

gboolean
canting_backup_restore (CantingDb   *db,
                        const char  *file,
                        char       **out_kept_aside,
                        GError     **error)
{
  return canting_backup_restore_full (db, file, NULL, NULL, out_kept_aside, error);
}

const char *
canting_restore_stage_label (CantingRestoreStage stage)
{
  switch (stage)
    {
    case CANTING_RESTORE_CHECKING:
      return _("Checking the backup…");
    case CANTING_RESTORE_KEEPING_ASIDE:
      return _("Keeping a copy of the records as they are now…");
    case CANTING_RESTORE_COPYING:
      return _("Putting the backup in place…");
    case CANTING_RESTORE_UPGRADING:
      return _("Bringing the backup up to this version…");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- on a worker ------------------------------------------------------------ */

typedef struct {
  CantingRestoreStage stage;
  double fraction;
} RestoreReport;

typedef struct {
  gatomicrefcount ref;
  GMainContext *context;
  CantingRestoreProgress progress;
  gpointer progress_data;
  /* Under lock: the reports not yet passed on (RestoreReport, one per
   * stage, the newest figure of each), and whether the caller has had
   * its answer (no report may follow it). */
  GMutex lock;
  GArray *queued;
  gboolean answered;
} RestoreReports;

static RestoreReports *
restore_reports_ref (RestoreReports *reports)
{
  g_atomic_ref_count_inc (&reports->ref);
  return reports;
}

static void
restore_reports_unref (RestoreReports *reports)
{
  if (!g_atomic_ref_count_dec (&reports->ref))
    return;
  g_main_context_unref (reports->context);
  g_array_unref (reports->queued);
  g_mutex_clear (&reports->lock);
  g_free (reports);
}

typedef struct {
  char *file;
  char *kept_aside;
  RestoreReports *reports;
} RestoreJob;

/* On the caller's thread: passes on what the worker reported so far, in
 * order, unless the caller already has its answer. */
static void
pass_reports_on (RestoreReports *reports)
{
  g_autoptr(GArray) queued = NULL;

  g_mutex_lock (&reports->lock);
  if (!reports->answered && reports->queued->len > 0)
    {
      queued = reports->queued;
      reports->queued = g_array_new (FALSE, FALSE, sizeof (RestoreReport));
    }
  g_mutex_unlock (&reports->lock);
  for (guint i = 0; queued != NULL && i < queued->len; i++)
    {
      const RestoreReport *report = &g_array_index (queued, RestoreReport, i);
      reports->progress (report->stage, report->fraction, reports->progress_data);
    }
}

/* The answer is out: nothing is passed on after it. */
static void
stop_reports (RestoreReports *reports)
{
  g_mutex_lock (&reports->lock);
  reports->answered = TRUE;
  g_array_set_size (reports->queued, 0);
  g_mutex_unlock (&reports->lock);
}

static void
restore_job_free (RestoreJob *job)
{
  g_free (job->file);
  g_free (job->kept_aside);
  stop_reports (job->reports);
  restore_reports_unref (job->reports);
  g_free (job);
}

static gboolean
pass_reports_on_later (gpointer data)
{
  pass_reports_on (data);
  return G_SOURCE_REMOVE;
}

/* On the worker: queues the report, a new stage after the others, a new
 * figure in place of the last one of the same stage (a slow main loop
 * gets the latest figure, not a queue of old ones, and every stage), and
 * asks the caller's context to pass them on unless it is already asked. */
static void
report_from_worker (CantingRestoreStage stage,
                    double              fraction,
                    gpointer            data)
{
  RestoreReports *reports = data;
  RestoreReport report = { stage, fraction };
  gboolean schedule;

  g_mutex_lock (&reports->lock);
  schedule = reports->queued->len == 0;
  if (reports->queued->len > 0 && g_array_index (reports->queued, RestoreReport, reports->queued->len - 1).stage == stage)
    g_array_index (reports->queued, RestoreReport, reports->queued->len - 1).fraction = fraction;
  else
    g_array_append_val (reports->queued, report);
  g_mutex_unlock (&reports->lock);
  /* An idle of the caller's context, not g_main_context_invoke(): that
   * calls at once, on this thread, when nothing is iterating the context
   * at the moment. */
  if (schedule)
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, pass_reports_on_later, restore_reports_ref (reports),
                             (GDestroyNotify) restore_reports_unref);
      g_source_attach (idle, reports->context);
      g_source_unref (idle);
    }
}

static gboolean
restore_on_worker (CantingDb  *writer,
                   gpointer    data,
                   GError    **error)
{
  RestoreJob *job = data;

  return canting_backup_restore_full (writer, job->file, job->reports->progress != NULL ? report_from_worker : NULL,
                                      job->reports, &job->kept_aside, error);
}

void
canting_backup_restore_async (CantingDb              *db,
                              const char             *file,
                              CantingRestoreProgress  progress,
                              gpointer                progress_data,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  RestoreJob *job = g_new0 (RestoreJob, 1);

  g_return_if_fail (CANTING_IS_DB (db));
  g_return_if_fail (file != NULL);

  job->file = g_strdup (file);
  job->reports = g_new0 (RestoreReports, 1);
  g_atomic_ref_count_init (&job->reports->ref);
  g_mutex_init (&job->reports->lock);
  job->reports->queued = g_array_new (FALSE, FALSE, sizeof (RestoreReport));
  job->reports->context = g_main_context_ref_thread_default ();
  job->reports->progress = progress;
  job->reports->progress_data = progress_data;
  canting_db_write_async (db, NULL, restore_on_worker, job, (GDestroyNotify) restore_job_free, callback, user_data);
}

gboolean
canting_backup_restore_finish (GAsyncResult  *result,
                               char         **out_kept_aside,
                               GError       **error)
{
  RestoreJob *job = canting_db_read_get_data (result);

  /* Every stage reached the caller before the answer, however busy its
   * main loop was; from here on no report does. */
  if (job->reports->progress != NULL)
    pass_reports_on (job->reports);
  stop_reports (job->reports);
  if (out_kept_aside != NULL)
    *out_kept_aside = g_steal_pointer (&job->kept_aside);
  return canting_db_read_finish (result, error);
}

gboolean
canting_backup_recover (const char  *data_dir,
                        const char  *file,
                        char       **out_moved_aside,
                        GError     **error)
{
  g_autofree char *db_path = canting_paths_database_file (data_dir);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = NULL;
  static const char * const companions[] = { "", "-wal", "-shm" };

  if (file != NULL && !canting_db_check_file (file, NULL, error))
    return FALSE;

  for (guint n = 1; aside == NULL || g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = n == 1 ? g_strdup_printf ("%s.broken-%s", db_path, stamp)
                     : g_strdup_printf ("%s.broken-%s-%u", db_path, stamp, n);
    }

  /* Rename, never copy-and-delete: the broken file stays exactly as it
   * was, for a person (or a recovery tool) to look at later. */
  for (gsize i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (db_path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside, companions[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved = errno;
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                       _("Cannot move the damaged database “%s” aside: %s"), from, g_strerror (saved));
          return FALSE;
        }
    }

  if (file != NULL)
    {
      sqlite3 *source = NULL;
      int rc = sqlite3_open_v2 (file, &source, SQLITE_OPEN_READONLY, NULL);
      gboolean ok;

      if (rc != SQLITE_OK)
        {
          canting_db_set_error (error, source, rc, file);
          sqlite3_close_v2 (source);
          return FALSE;
        }
      ok = canting_db_copy_to_file (source, db_path, error);
      sqlite3_close_v2 (source);
      if (!ok)
        return FALSE;
    }

  if (out_moved_aside != NULL)
    *out_moved_aside = g_steal_pointer (&aside);
  return TRUE;
}

char *
canting_backup_find_newest_good (const char *data_dir)
{
  g_autoptr(GPtrArray) list = canting_backup_list (data_dir, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      CantingBackupInfo *info = g_ptr_array_index (list, i);

      if (canting_db_check_file (info->path, NULL, NULL))
        return g_strdup (info->path);
    }
  return NULL;
}
