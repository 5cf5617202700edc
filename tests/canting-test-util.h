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

/* The first bytes of a PNG ("png") or JPEG ("jpeg") of @width × @height
 * pixels, as far as a header reader sees (canting_image_check), then
 * @tail: enough to stand for an image where nothing decodes it. */
GBytes *canting_test_image_header (const char *format,
                                   guint       width,
                                   guint       height,
                                   const char *tail);

/* The text of the PDF at @path as pdftotext (poppler-utils) reads it;
 * with @layout, kept in its columns, so a table's cells share a line. */
char   *canting_test_pdf_text  (const char *path,
                                gboolean    layout);

G_END_DECLS

G_BEGIN_DECLS

/* A system keyring of the test's own: a private D-Bus session bus
 * (GTestDBus, so it works with or without dbus-run-session around the
 * suite) with gnome-keyring-daemon's secret service on it, unlocked with
 * an empty password, its files in a private HOME and XDG_RUNTIME_DIR.
 * The process's DBUS_SESSION_BUS_ADDRESS points at it until stopped, so
 * libsecret here and in child processes uses it.  Nothing is skipped:
 * when it cannot start, the test fails with the reason. */
typedef struct _CantingTestKeyring CantingTestKeyring;

CantingTestKeyring *canting_test_keyring_start (void);

/* The shop password the secret-leak tests store in the keyring and then
 * look for everywhere else.  Only ever typed here: `dev.sh selftest`
 * reads it from this line to search the test logs as well. */
#define CANTING_TEST_SECRET "Qz7v Lk9q Zt4W Mx2B Rr7N Pe3V"
void                canting_test_keyring_stop  (CantingTestKeyring *keyring);

/* canting-cli ($CANTING_CLI) run with the arguments up to NULL, @input
 * (nullable) on its standard input; what it printed and its exit status.
 * Clear with canting_test_cli_result_clear(). */
typedef struct {
  int   status;
  char *out;
  char *err;
} CantingTestCliResult;

CantingTestCliResult canting_test_run_cli          (const char *input,
                                                    const char *first,
                                                    ...) G_GNUC_NULL_TERMINATED;
void                 canting_test_cli_result_clear (CantingTestCliResult *result);

G_END_DECLS
