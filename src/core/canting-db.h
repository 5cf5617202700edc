/* canting-db.h: the workshop database.
 *
 * One SQLite file per workshop.  Opening it checks that it is healthy and
 * ours, brings its schema up to date (after a backup) and makes the daily
 * automatic backup.  Only the core touches SQLite; everything else sees
 * CantingDb and the functions of the domain modules. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CANTING_TYPE_DB (canting_db_get_type ())
G_DECLARE_FINAL_TYPE (CantingDb, canting_db, CANTING, DB, GObject)

/* Schema version this build writes.  A file with a larger
 * PRAGMA user_version was made by a newer Canting and is refused. */
int canting_db_latest_schema_version (void);

CantingDb  *canting_db_open               (const char  *data_dir,
                                           GError     **error);

/* Whether opening @data_dir's database reads every page first, because
 * the file is not as Canting last closed it (after a crash or a power
 * cut): seconds to minutes for many years of records. */
gboolean    canting_db_needs_page_check   (const char  *data_dir);
/* That read of every page, on a worker, for a window that says what it
 * waits for.  When the pages are good, the file is noted as checked, so
 * the open that follows does not read them again; a damaged file is
 * reported as the open would (CANTING_ERROR_CORRUPT) and left as it is. */
void        canting_db_check_pages_async  (const char          *data_dir,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    canting_db_check_pages_finish (GAsyncResult        *result,
                                           GError             **error);
/* As canting_db_open() without the daily backup, which the caller makes
 * itself off the start-up path (canting_backup_auto_daily_async()). */
CantingDb  *canting_db_open_without_backup (const char  *data_dir,
                                            GError     **error);
const char *canting_db_get_data_dir       (CantingDb   *self);
const char *canting_db_get_path           (CantingDb   *self);
int         canting_db_get_schema_version (CantingDb   *self);

/* Grows with every row this connection writes and every commit another
 * connection or program makes: a page shown again re-reads its list only
 * if the count moved since it last looked. */
gint64      canting_db_get_change_count   (CantingDb   *self);

/* A second, read-only connection to @db's file, for work on another
 * thread (the dashboard, the daily backup, a list's search) that must not
 * wait for, or hold up, the main connection.  Open it on the thread that
 * uses it, and use it there only. */
CantingDb  *canting_db_open_reader        (CantingDb   *db,
                                           GError     **error);
/* The same, able to write; for canting_db_write_async(). */
CantingDb  *canting_db_open_writer        (CantingDb   *db,
                                           GError     **error);

/* Reads on a worker thread: @read is called there with a reader of @db's
 * file (canting_db_open_reader()) and @data, which it fills in; then
 * @callback on this thread, with @source_object kept alive till then.
 * @data (freed with @free_data when the result goes) is
 * canting_db_read_get_data() of the result; canting_db_read_finish()
 * says whether @read succeeded. */
typedef gboolean (*CantingDbReadFunc) (CantingDb  *reader,
                                       gpointer    data,
                                       GError    **error);
void        canting_db_read_async         (CantingDb           *db,
                                           gpointer             source_object,
                                           CantingDbReadFunc    read,
                                           gpointer             data,
                                           GDestroyNotify       free_data,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* As canting_db_read_async(), with a connection that may write
 * (canting_db_open_writer()): for a long change, such as a large CSV
 * import, that must not hold up the main thread.  Its transaction waits
 * for, and holds up, the main connection's writes as any other writer
 * does.  canting_db_read_get_data() and canting_db_read_finish() give
 * its result. */
void        canting_db_write_async        (CantingDb           *db,
                                           gpointer             source_object,
                                           CantingDbReadFunc    write,
                                           gpointer             data,
                                           GDestroyNotify       free_data,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gpointer    canting_db_read_get_data      (GAsyncResult        *result);
gboolean    canting_db_read_finish        (GAsyncResult        *result,
                                           GError             **error);

/* The warning left by the automatic backup on open (disk full, say), or
 * NULL.  Opening still succeeds: the records are fine, only the safety copy
 * is missing, and the person should be told. */
const char *canting_db_get_backup_warning (CantingDb   *self);

/* Copies the records as they are now into @dir (an empty folder), as a
 * workshop of its own to open with canting_db_open(): a dry run of a
 * change (canting-cli publish --dry-run) happens there and leaves these
 * records untouched.  Photos are not copied. */
gboolean    canting_db_copy_to_dir        (CantingDb   *self,
                                           const char  *dir,
                                           GError     **error);

typedef struct {
  const char *table;
  gint64      rows;
} CantingTableCount;

/* Row counts of every table, for `canting-cli info`.  (transfer full):
 * an array of CantingTableCount, terminated by table == NULL. */
CantingTableCount *canting_db_count_rows  (CantingDb   *self,
                                           GError     **error);

G_END_DECLS
