/* canting-test-util.c: helpers shared by the core tests. */
#include "canting-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

char *
canting_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("canting-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
canting_test_rmdir (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  remove_tree (file);
}

char *
canting_test_dump (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", name);
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (tables, 1));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              if (sqlite3_column_type (rows, c) == SQLITE_BLOB)
                {
                  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                                      sqlite3_column_blob (rows, c),
                                                                      (gsize) sqlite3_column_bytes (rows, c));
                  g_string_append_printf (out, "blob:%s|", sum);
                }
              else
                g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (rows, c));
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

GBytes *
canting_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

gint64
canting_test_query_int (sqlite3    *db,
                        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

char *
canting_test_pdf_text (const char *path,
                       gboolean    layout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = layout
    ? g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                        "pdftotext", "-layout", path, "-", NULL)
    : g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", path, "-", NULL);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  return out;
}
