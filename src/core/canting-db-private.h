/* canting-db-private.h: what only the core (and its tests) may use.
 * Nothing outside src/core includes sqlite3.h. */
#pragma once

#include <sqlite3.h>

#include "canting-db.h"

G_BEGIN_DECLS

/* "CANT" in the SQLite header: tells our files from any other database. */
#define CANTING_APPLICATION_ID 0x43414E54

typedef enum {
  CANTING_DB_OPEN_DEFAULT = 0,
  /* Skip the once-a-day automatic backup (tests that open thousands of times). */
  CANTING_DB_OPEN_NO_AUTO_BACKUP = 1 << 0,
} CantingDbOpenFlags;

/* Opens and migrates only up to @target_version (tests build old schemas
 * with it).  @target_version < 0 means the latest. */
CantingDb *canting_db_open_full (const char          *data_dir,
                                 CantingDbOpenFlags   flags,
                                 int                  target_version,
                                 GError             **error);

sqlite3 *canting_db_get_handle (CantingDb *self);

/* A statement kept prepared on a connection, and whether someone is
 * using it now (canting_sql_take()). */
typedef struct {
  sqlite3_stmt *stmt;
  gboolean taken;
} CantingDbCachedStatement;

/* @self's prepared statements by SQL text (the key is the statement's
 * own sqlite3_sql(), so it lives as long as the entry), or NULL on a
 * thread other than the one that opened @self: the cache is not locked.
 * canting-sql.c fills and uses it. */
GHashTable *canting_db_get_statement_cache (CantingDb *self);

typedef gboolean (*CantingDbTxnFunc) (CantingDb  *db,
                                      gpointer    user_data,
                                      GError    **error);

/* Runs @func inside BEGIN IMMEDIATE … COMMIT; any failure rolls back, so a
 * change is whole or absent, never half-written. */
gboolean canting_db_transaction (CantingDb         *self,
                                 CantingDbTxnFunc   func,
                                 gpointer           user_data,
                                 GError           **error);

/* As canting_db_transaction(), with SQLite's foreign-key checks off for
 * its length: for a bulk write whose @func checks, in the transaction,
 * every reference it writes.  SQLite checks each row of a bulk write
 * with a cursor of its own, a fifth of a large import's time.  The
 * checks are on again afterwards, whatever happened. */
gboolean canting_db_transaction_own_checks (CantingDb         *self,
                                            CantingDbTxnFunc   func,
                                            gpointer           user_data,
                                            GError           **error);

/* Turns an SQLite result code into a readable CANTING_ERROR. */
void canting_db_set_error (GError     **error,
                           sqlite3     *handle,
                           int          rc,
                           const char  *doing);

/* Reads an integer PRAGMA (user_version, application_id).  The value is
 * returned through @out_value: any int, -1 included, may be stored. */
gboolean canting_db_read_pragma_int (sqlite3     *handle,
                                     const char  *pragma_sql,
                                     int         *out_value,
                                     GError     **error);

/* Creates @path (which must not exist) mode 0600 and fills it with a copy
 * of @source through the online backup API, as a self-contained file
 * (rollback journal, no -wal).  Written under a temporary name and linked
 * into place, so a crash never leaves a half-copied file under the final
 * name.  Before it is linked, the copy is opened and integrity-checked:
 * a copy that fails is deleted and reported (CANTING_ERROR_CORRUPT),
 * never kept.  If @path appeared meanwhile: G_IO_ERROR_EXISTS, nothing
 * replaced. */
gboolean canting_db_copy_to_file (sqlite3     *source,
                                  const char  *path,
                                  GError     **error);

/* Tests only: TRUE while a connection opened on @data_dir's workshop by
 * canting_db_open_full() is not yet finalised, that is until it has
 * closed and noted its clean close.  The last reference to one may be
 * let go on a worker, a while after its owner let go of it. */
gboolean canting_db_file_in_use (const char *data_dir);

/* Tests only: called on the worker of each checkpoint that a commit
 * started there (canting-db.c, wal_hook()), with the database's path:
 * before it checkpoints (@done FALSE), then after it (@done TRUE, with
 * SQLite's result @rc). */
typedef void (*CantingDbCheckpointHook) (const char *path,
                                         gboolean    done,
                                         int         rc);
void     canting_db_set_checkpoint_hook (CantingDbCheckpointHook hook);

/* Tests only: called with the temporary copy's path after it is written
 * and before it is checked, so a test can damage it. */
typedef void (*CantingDbCopyHook) (const char *tmp_path);
void     canting_db_set_copy_hook (CantingDbCopyHook hook);

/* Checks, through a read-only connection that cannot change a byte of
 * the file or its -wal, that @path is a healthy Canting database this build
 * can read, with at least one schema step: an empty file is no backup. */
gboolean canting_db_check_file (const char  *path,
                                int         *out_version,
                                GError     **error);

/* Runs the schema steps the open database still lacks (after a restore
 * of an older copy, say). */
gboolean canting_db_upgrade (CantingDb  *self,
                             GError    **error);

/* Schema steps, in canting-schema.c.  A step that rebuilds a table the
 * way SQLite documents it (make the new table, copy, drop the old one,
 * rename the new one) sets @rebuilds_tables: it runs with foreign keys
 * off (dropping the old table would otherwise delete, or refuse to
 * leave, the records that refer to it) and with legacy_alter_table on
 * (the rename would otherwise rewrite the triggers that name the old
 * table, and refuse while it is gone); every reference is checked before
 * the step commits. */
typedef struct {
  int         version;
  const char *sql;
  gboolean    rebuilds_tables;
} CantingSchemaStep;

const CantingSchemaStep *canting_schema_steps (gsize *n_steps);
const char * const *canting_schema_tables (void);

G_END_DECLS
