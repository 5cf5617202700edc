/* canting-sql-private.h: small helpers for the core's SQL code. */
#pragma once

#include <sqlite3.h>

#include "canting-db-private.h"

G_BEGIN_DECLS

/* Prepares @sql on @db's connection; NULL with @error on failure.  The
 * statement is finalised by the caller (g_autoptr(sqlite3_stmt) works). */
sqlite3_stmt *canting_sql_prepare (CantingDb   *db,
                                   const char  *sql,
                                   GError     **error);

/* A statement prepared once per connection and kept, for what runs
 * row after row (an import of a hundred thousand orders prepared each
 * INSERT and its triggers afresh: most of its time).  Use it as
 *
 *   g_auto(CantingSqlTaken) taken = { NULL };
 *   sqlite3_stmt *stmt = canting_sql_take (db, &taken, "SELECT …", error);
 *
 * The statement comes unbound and reset; when @taken goes out of scope
 * it is reset (so no read stays open) and goes back to the cache.  The
 * same SQL taken again before that (a nested call), or on a thread
 * other than the connection's own, gets a statement of its own, finalised
 * at the end instead. */
typedef struct {
  sqlite3_stmt *stmt;
  CantingDbCachedStatement *cached;   /* NULL: @stmt is ours to finalise */
} CantingSqlTaken;

sqlite3_stmt *canting_sql_take    (CantingDb        *db,
                                   CantingSqlTaken  *taken,
                                   const char       *sql,
                                   GError          **error);
void          canting_sql_give_back (CantingSqlTaken *taken);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CantingSqlTaken, canting_sql_give_back)

/* Steps a statement that returns no rows; FALSE with @error otherwise. */
gboolean      canting_sql_run     (CantingDb    *db,
                                   sqlite3_stmt *stmt,
                                   const char   *doing,
                                   GError      **error);

/* Runs the INSERT or UPDATE of a record whose id is *@id (0: a new one).
 * A new record gets its id.  With @gone, an update that changed no row
 * (the record was deleted meanwhile) fails with NOT_FOUND and @gone. */
gboolean      canting_sql_save_record (CantingDb    *db,
                                       sqlite3_stmt *stmt,
                                       gint64       *id,
                                       const char   *doing,
                                       const char   *gone,
                                       GError      **error);

/* The text of column @col, "" for NULL, as a new string. */
char         *canting_sql_dup_text (sqlite3_stmt *stmt,
                                    int           col);

/* "%text%" for LIKE with \ escaping the wildcards a person might type. */
char         *canting_sql_like_pattern (const char *text);

void          canting_sql_bind_trimmed (sqlite3_stmt *stmt,
                                        int           index,
                                        const char   *text);
/* The same without a copy when @text needs no trimming (most text):
 * @text must then stay as it is until the statement has run. */
void          canting_sql_bind_trimmed_static (sqlite3_stmt *stmt,
                                               int           index,
                                               const char   *text);

/* Reads one integer from a statement returning a single row. */
gboolean      canting_sql_get_int64 (CantingDb    *db,
                                     sqlite3_stmt *stmt,
                                     gint64       *out_value,
                                     const char   *doing,
                                     GError      **error);

/* Steps a statement that should return one row: TRUE on the row; FALSE
 * with NOT_FOUND and @gone when there is none, or the SQLite error. */
gboolean      canting_sql_step_one (CantingDb    *db,
                                    sqlite3_stmt *stmt,
                                    const char   *doing,
                                    const char   *gone,
                                    GError      **error);

/* Steps @stmt to its end, turning each row into an element with
 * @from_row.  (transfer full): the rows, or NULL with @error. */
GPtrArray    *canting_sql_collect (CantingDb      *db,
                                   sqlite3_stmt   *stmt,
                                   gpointer      (*from_row) (sqlite3_stmt *stmt),
                                   GDestroyNotify  free_row,
                                   const char     *doing,
                                   GError        **error);

/* An optional number: @none (a sentinel the caller chose) is NULL. */
void          canting_sql_bind_optional   (sqlite3_stmt *stmt,
                                           int           index,
                                           gint64        value,
                                           gint64        none);
gint64        canting_sql_column_optional (sqlite3_stmt *stmt,
                                           int           col,
                                           gint64        none);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The plain (not UNIQUE) indexes of some tables, dropped for the rest
 * of a large write's transaction and made again at its end.  Each row a
 * large import adds to an index lands at a random place in it; building
 * the index anew from the finished table sorts once instead, several
 * times faster for a hundred thousand rows.  Indexes that enforce
 * something (UNIQUE, primary keys) are never dropped, so every
 * constraint is still checked row by row; nor are partial ones (kept
 * row by row, one costs only its WHERE for a row it does not hold,
 * rebuilt it reads the whole table).  Only inside a transaction:
 * a rollback brings the indexes back as they were; the indexes' plan
 * statistics (sqlite_stat1) are kept across.  @doing names the write
 * in an error message ("importing"). */
typedef struct {
  GPtrArray *sql;     /* each dropped index's CREATE statement */
  GPtrArray *stats;   /* its sqlite_stat1 rows: rowid, tbl, idx, stat, ... */
} CantingSqlDeferredIndexes;

gboolean      canting_sql_defer_indexes   (CantingDb                   *db,
                                           const char * const          *tables,
                                           CantingSqlDeferredIndexes   *deferred,
                                           const char                  *doing,
                                           GError                     **error);
gboolean      canting_sql_restore_indexes (CantingDb                   *db,
                                           CantingSqlDeferredIndexes   *deferred,
                                           const char                  *doing,
                                           GError                     **error);
void          canting_sql_deferred_indexes_clear (CantingSqlDeferredIndexes *deferred);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CantingSqlDeferredIndexes, canting_sql_deferred_indexes_clear)


G_END_DECLS
