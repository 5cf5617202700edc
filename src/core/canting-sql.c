/* canting-sql.c: small helpers shared by the core's SQL code. */
#include "canting-sql-private.h"

#include <string.h>

#include "canting-error.h"
#include "canting-i18n.h"

sqlite3_stmt *
canting_sql_prepare (CantingDb   *db,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (canting_db_get_handle (db), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("preparing a query"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
canting_sql_take (CantingDb        *db,
                  CantingSqlTaken  *taken,
                  const char       *sql,
                  GError          **error)
{
  GHashTable *cache = canting_db_get_statement_cache (db);
  CantingDbCachedStatement *cached = cache != NULL ? g_hash_table_lookup (cache, sql) : NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (taken->stmt == NULL, NULL);

  if (cached != NULL && !cached->taken)
    {
      cached->taken = TRUE;
      taken->cached = cached;
      return taken->stmt = cached->stmt;
    }
  rc = sqlite3_prepare_v3 (canting_db_get_handle (db), sql, -1, cache != NULL && cached == NULL ? SQLITE_PREPARE_PERSISTENT : 0,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("preparing a query"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (cache != NULL && cached == NULL)
    {
      cached = g_new0 (CantingDbCachedStatement, 1);
      cached->stmt = stmt;
      cached->taken = TRUE;
      /* The key is the statement's own copy of its text. */
      g_hash_table_insert (cache, (gpointer) sqlite3_sql (stmt), cached);
      taken->cached = cached;
    }
  return taken->stmt = stmt;
}

void
canting_sql_give_back (CantingSqlTaken *taken)
{
  if (taken->stmt == NULL)
    return;
  if (taken->cached != NULL)
    {
      sqlite3_reset (taken->stmt);
      sqlite3_clear_bindings (taken->stmt);
      taken->cached->taken = FALSE;
    }
  else
    sqlite3_finalize (taken->stmt);
  taken->stmt = NULL;
  taken->cached = NULL;
}

gboolean
canting_sql_run (CantingDb    *db,
                 sqlite3_stmt *stmt,
                 const char   *doing,
                 GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, doing);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_sql_save_record (CantingDb    *db,
                         sqlite3_stmt *stmt,
                         gint64       *id,
                         const char   *doing,
                         const char   *gone,
                         GError      **error)
{
  sqlite3 *handle = canting_db_get_handle (db);

  if (!canting_sql_run (db, stmt, doing, error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (handle);
  else if (gone != NULL && sqlite3_changes (handle) != 1)
    {
      g_set_error_literal (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, gone);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_sql_get_int64 (CantingDb    *db,
                       sqlite3_stmt *stmt,
                       gint64       *out_value,
                       const char   *doing,
                       GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, doing);
      return FALSE;
    }
  *out_value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

char *
canting_sql_dup_text (sqlite3_stmt *stmt,
                      int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return g_strdup (text != NULL ? text : "");
}

char *
canting_sql_like_pattern (const char *text)
{
  GString *out = g_string_new ("%");

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

void
canting_sql_bind_trimmed (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  sqlite3_bind_text (stmt, index, trimmed, -1, g_free);
}

void
canting_sql_bind_trimmed_static (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text)
{
  gsize length;

  if (text == NULL || *text == '\0')
    {
      sqlite3_bind_text (stmt, index, "", 0, SQLITE_STATIC);
      return;
    }
  length = strlen (text);
  if (g_ascii_isspace (text[0]) || g_ascii_isspace (text[length - 1]))
    canting_sql_bind_trimmed (stmt, index, text);
  else
    sqlite3_bind_text (stmt, index, text, (int) length, SQLITE_STATIC);
}

gboolean
canting_sql_step_one (CantingDb    *db,
                      sqlite3_stmt *stmt,
                      const char   *doing,
                      const char   *gone,
                      GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, gone);
  else
    canting_db_set_error (error, canting_db_get_handle (db), rc, doing);
  return FALSE;
}

void
canting_sql_bind_optional (sqlite3_stmt *stmt,
                           int           index,
                           gint64        value,
                           gint64        none)
{
  if (value == none)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

gint64
canting_sql_column_optional (sqlite3_stmt *stmt,
                             int           col,
                             gint64        none)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? none : sqlite3_column_int64 (stmt, col);
}

GPtrArray *
canting_sql_collect (CantingDb      *db,
                     sqlite3_stmt   *stmt,
                     gpointer      (*from_row) (sqlite3_stmt *stmt),
                     GDestroyNotify  free_row,
                     const char     *doing,
                     GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, doing);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* --- indexes set aside during a large write ------------------------------- */

static gboolean
has_stat1 (CantingDb *db)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'",
                                                      NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
canting_sql_defer_indexes (CantingDb                   *db,
                           const char * const          *tables,
                           CantingSqlDeferredIndexes   *deferred,
                           const char                  *doing,
                           GError                     **error)
{
  sqlite3 *handle = canting_db_get_handle (db);
  g_autoptr(sqlite3_stmt) list = canting_sql_prepare (db,
                                                      "SELECT m.name, m.sql FROM sqlite_schema m "
                                                      "WHERE m.type = 'index' AND m.tbl_name = ?1 AND m.sql IS NOT NULL "
                                                      "AND NOT EXISTS (SELECT 1 FROM pragma_index_list(?1) l "
                                                      "                WHERE l.name = m.name AND (l.\"unique\" OR l.partial)) "
                                                      "ORDER BY m.name",
                                                      error);
  g_autoptr(sqlite3_stmt) stats = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (!sqlite3_get_autocommit (handle), FALSE);
  g_return_val_if_fail (deferred->sql == NULL, FALSE);

  if (list == NULL)
    return FALSE;
  if (has_stat1 (db) &&
      (stats = canting_sql_prepare (db, "SELECT rowid, tbl, idx, stat FROM sqlite_stat1 WHERE idx = ?1", error)) == NULL)
    return FALSE;
  deferred->sql = g_ptr_array_new_with_free_func (g_free);
  deferred->stats = g_ptr_array_new_with_free_func (g_free);
  for (guint t = 0; tables[t] != NULL; t++)
    {
      int rc;

      sqlite3_reset (list);
      sqlite3_bind_text (list, 1, tables[t], -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (list)) == SQLITE_ROW)
        {
          g_ptr_array_add (names, canting_sql_dup_text (list, 0));
          g_ptr_array_add (deferred->sql, canting_sql_dup_text (list, 1));
        }
      if (rc != SQLITE_DONE)
        {
          canting_db_set_error (error, handle, rc, doing);
          return FALSE;
        }
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *drop;
      int rc;

      if (stats != NULL)
        {
          sqlite3_reset (stats);
          sqlite3_bind_text (stats, 1, name, -1, SQLITE_STATIC);
          while ((rc = sqlite3_step (stats)) == SQLITE_ROW)
            for (int c = 0; c < 4; c++)
              g_ptr_array_add (deferred->stats, canting_sql_dup_text (stats, c));
          sqlite3_reset (stats);
        }
      /* A name read from the schema itself, quoted as SQLite quotes
       * identifiers; no text from outside the database. */
      drop = sqlite3_mprintf ("DROP INDEX \"%w\"", name);
      rc = sqlite3_exec (handle, drop, NULL, NULL, NULL);
      sqlite3_free (drop);
      if (rc != SQLITE_OK)
        {
          canting_db_set_error (error, handle, rc, doing);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
canting_sql_restore_indexes (CantingDb                   *db,
                             CantingSqlDeferredIndexes   *deferred,
                             const char                  *doing,
                             GError                     **error)
{
  sqlite3 *handle = canting_db_get_handle (db);

  g_return_val_if_fail (!sqlite3_get_autocommit (handle), FALSE);

  if (deferred->sql == NULL)
    return TRUE;
  /* Each exactly as the schema had it. */
  for (guint i = 0; i < deferred->sql->len; i++)
    {
      int rc = sqlite3_exec (handle, g_ptr_array_index (deferred->sql, i), NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          canting_db_set_error (error, handle, rc, doing);
          return FALSE;
        }
    }
  if (deferred->stats->len > 0)
    {
      /* The statistics as they were, in their own rows: a little old,
       * as they would be after adding the rows one by one.  ANALYZE
       * sqlite_schema makes this connection's planner read them again. */
      g_autoptr(sqlite3_stmt) put = canting_sql_prepare (db, "INSERT INTO sqlite_stat1 (rowid, tbl, idx, stat) "
                                                         "VALUES (CAST (?1 AS INTEGER), ?2, ?3, ?4)", error);

      if (put == NULL)
        return FALSE;
      for (guint i = 0; i + 3 < deferred->stats->len; i += 4)
        {
          sqlite3_reset (put);
          for (int c = 0; c < 4; c++)
            sqlite3_bind_text (put, c + 1, g_ptr_array_index (deferred->stats, i + c), -1, SQLITE_STATIC);
          if (!canting_sql_run (db, put, doing, error))
            return FALSE;
        }
      if (sqlite3_exec (handle, "ANALYZE sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
        {
          canting_db_set_error (error, handle, sqlite3_errcode (handle), doing);
          return FALSE;
        }
    }
  canting_sql_deferred_indexes_clear (deferred);
  return TRUE;
}

void
canting_sql_deferred_indexes_clear (CantingSqlDeferredIndexes *deferred)
{
  g_clear_pointer (&deferred->sql, g_ptr_array_unref);
  g_clear_pointer (&deferred->stats, g_ptr_array_unref);
}
