/* test-concurrent.c: two processes writing one workshop at once.
 *
 * The app's core in one process and canting-cli in others (imports,
 * backups) write the same database at the same time, starting on a
 * folder that does not exist yet, so even creating the file is raced.
 * Nobody may see "database is locked" (or our translated "busy"), and
 * every row each side reports saved must be there at the end. */
#include "canting-backup.h"
#include "canting-db-private.h"
#include "canting-ledger.h"
#include "canting-paths.h"
#include "canting-test-util.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

/* Enough rounds that the two sides overlap many times (each CLI run is a
 * process start, a check of the file and one transaction), few enough to
 * stay within a few seconds. */
#define CLI_RUNS 24
#define CLI_PARALLEL 3
#define ROWS_PER_IMPORT 40

typedef struct {
  GSubprocess *proc;
  int index;
  gboolean done;
  char *out, *err;
} CliRun;

static void
on_cli_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CliRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

static char *
write_csv (const char *dir,
           int         run)
{
  g_autoptr(GString) text = g_string_new ("nama;telepon;kota\n");
  g_autofree char *name = g_strdup_printf ("pelanggan-%d.csv", run);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < ROWS_PER_IMPORT; i++)
    g_string_append_printf (text, "Pelanggan %d-%d;0812%04d%04d;Blitar\n", run, i, run, i);
  g_assert_true (g_file_set_contents (path, text->str, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
start_cli (const char *data_dir,
           const char *top,
           CliRun     *cli,
           int         run)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  g_autofree char *csv = write_csv (top, run);

  /* Every fourth run makes a backup instead: a long read beside writes. */
  if (run % 4 == 3)
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             g_getenv ("CANTING_CLI"), "--data-dir", data_dir, "backup", "create", NULL);
  else
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             g_getenv ("CANTING_CLI"), "--data-dir", data_dir, "import", "customers", csv, NULL);
  g_assert_no_error (error);
  cli->proc = proc;
  cli->index = run;
  cli->done = FALSE;
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, on_cli_done, cli);
}

static void
finish_cli (CliRun *run,
            guint  *imports_done)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  out = g_steal_pointer (&run->out);
  err = g_steal_pointer (&run->err);
  if (g_subprocess_get_exit_status (run->proc) != 0 ||
      strstr (err, "locked") != NULL || strstr (err, "busy") != NULL)
    g_error ("canting-cli run %d failed (status %d): %s%s", run->index,
             g_subprocess_get_exit_status (run->proc), out, err);
  if (run->index % 4 != 3)
    {
      g_autofree char *expected = g_strdup_printf ("%d good rows; %d imported.", ROWS_PER_IMPORT, ROWS_PER_IMPORT);
      if (strstr (out, expected) == NULL)
        g_error ("canting-cli run %d did not import everything: %s", run->index, out);
      (*imports_done)++;
    }
  g_clear_object (&run->proc);
}

static gboolean
any_running (CliRun *runs)
{
  for (int i = 0; i < CLI_PARALLEL; i++)
    if (runs[i].proc != NULL && !runs[i].done)
      return TRUE;
  return FALSE;
}

static void
test_core_and_cli_write_at_once (void)
{
  g_autofree char *top = canting_test_mkdtemp ();
  /* Not made yet: the first of the two sides creates it. */
  g_autofree char *dir = g_build_filename (top, "bengkel", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = NULL;
  CliRun runs[CLI_PARALLEL] = { { 0 } };
  guint imports_done = 0;
  int next_run = 0;
  sqlite3 *raw = NULL;

  /* The CLI processes start first; the core opens while they create. */
  for (int i = 0; i < CLI_PARALLEL; i++, next_run++)
    start_cli (dir, top, &runs[i], next_run);
  db = canting_db_open (dir, &error);
  g_assert_no_error (error);

  /* The core writes as fast as it can while any CLI run is going, and
   * starts a new run whenever one ends, until all have been. */
  while (next_run < CLI_RUNS || any_running (runs))
    {
      g_autoptr(CantingEntry) e = canting_entry_new (CANTING_ENTRY_INCOME);

      e->amount = 1000 + entries->len;
      e->account_id = 1;
      e->category_id = 1;
      if (!canting_entry_save (db, e, &error))
        g_error ("the core's write %u failed: %s", entries->len, error->message);
      g_array_append_val (entries, e->id);

      /* Now and then the core makes a backup too, as the app does daily. */
      if (entries->len % 50 == 0)
        {
          g_autofree char *copy = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
          g_assert_no_error (error);
        }

      for (int i = 0; i < CLI_PARALLEL; i++)
        if (runs[i].proc != NULL && runs[i].done)
          {
            finish_cli (&runs[i], &imports_done);
            if (next_run < CLI_RUNS)
              start_cli (dir, top, &runs[i], next_run++);
          }
      g_main_context_iteration (NULL, FALSE);
    }
  for (int i = 0; i < CLI_PARALLEL; i++)
    if (runs[i].proc != NULL)
      finish_cli (&runs[i], &imports_done);
  g_test_message ("%u core writes beside %d canting-cli runs", entries->len, CLI_RUNS);

  /* Nothing lost: every customer every import reported, every entry the
   * core saved, and the file is whole. */
  g_clear_object (&db);
  path = canting_paths_database_file (dir);
  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (canting_test_query_int (raw, "SELECT count(*) FROM customers WHERE name LIKE 'Pelanggan %'"),
                   ==, (gint64) imports_done * ROWS_PER_IMPORT);
  g_assert_cmpuint (imports_done, ==, CLI_RUNS - CLI_RUNS / 4);
  g_assert_cmpint (canting_test_query_int (raw, "SELECT count(*) FROM ledger WHERE source IS NULL"),
                   ==, (gint64) entries->len);
  g_assert_cmpint (canting_test_query_int (raw, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                   ==, 0);
  /* The writes really overlapped: the core wrote while imports ran. */
  g_assert_cmpuint (entries->len, >, CLI_RUNS);
  sqlite3_close (raw);
  canting_test_rmdir (top);
}

/* A change that waits longer than the busy timeout is refused in words
 * that say what happened, never SQLite's "database is locked". */
static void
test_busy_message_is_translated (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(CantingEntry) e = canting_entry_new (CANTING_ENTRY_INCOME);
  g_autofree char *path = canting_paths_database_file (dir);
  sqlite3 *other = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  /* A short wait for this test only; the app waits 15 s. */
  sqlite3_busy_timeout (canting_db_get_handle (db), 50);
  e->amount = 5000;
  e->account_id = 1;
  e->category_id = 1;
  g_assert_false (canting_entry_save (db, e, &error));
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "locked"));
  g_assert_nonnull (strstr (error->message, "busy in another Canting window or command"));
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  canting_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/concurrent/core-and-cli", test_core_and_cli_write_at_once);
  g_test_add_func ("/concurrent/busy-message", test_busy_message_is_translated);
  return g_test_run ();
}
