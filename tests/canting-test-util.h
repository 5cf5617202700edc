/* canting-test-util.h: helpers shared by the core tests. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A fresh private temp dir, removed (recursively) by canting_test_rmdir(). */
char  *canting_test_mkdtemp (void);
void   canting_test_rmdir   (const char *path);

/* Every row of every table of the database at @path, as text, in rowid
 * order: two databases hold the same data iff their dumps are equal. */
char  *canting_test_dump    (const char *path);

/* The whole file, for byte-for-byte comparisons. */
GBytes *canting_test_read_file (const char *path);

/* The one integer @sql (a count, a sum) returns on @db. */
gint64  canting_test_query_int (sqlite3    *db,
                                const char *sql);

/* The text of the PDF at @path as pdftotext (poppler-utils) reads it;
 * with @layout, kept in its columns, so a table's cells share a line. */
char   *canting_test_pdf_text  (const char *path,
                                gboolean    layout);

G_END_DECLS
