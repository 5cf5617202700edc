/* test-crash.c: a writer killed with SIGKILL at random moments never
 * corrupts the database nor loses a transaction it reported committed.
 *
 * The child (this same program, run with --child DIR) opens the workshop
 * database the way the app does and commits in a loop; after each COMMIT
 * returns it prints the transaction's number.  The parent kills it at a
 * random moment, then checks the file: integrity_check passes, every
 * printed number is there, and the two tables written in each transaction
 * agree (so no transaction is half there).
 *
 * A second round does the same with real stock movements: purchases
 * (some on credit, paid later), waste and stock counts through the core,
 * and entries typed into the money ledger, then checks every reported
 * movement and entry is there, the stock and its worth match a replay of
 * the raw ledger rows, and every paid purchase is in the money ledger
 * exactly once (the triggers' job) and no unpaid one is. */
#include "canting-backup.h"
#include "canting-ledger.h"
#include "canting-material.h"
#include "canting-paths.h"
#include "canting-db-private.h"
#include "canting-profile.h"
#include "canting-test-util.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The issue asks for at least 50 kills; each costs a process start and a
 * few fsyncs, well under a second in all on a laptop disk. */
#define KILLS 60

typedef struct {
  gint64 n;
} Step;

static gboolean
write_step (CantingDb  *db,
            gpointer    user_data,
            GError    **error)
{
  Step *step = user_data;
  sqlite3 *handle = canting_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle,
                           "INSERT INTO crash_probe (n, payload) VALUES (?1, randomblob(?2))",
                           -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, step->n);
  /* Payloads of varying size spill across pages, so kills land in the
   * middle of multi-page writes too. */
  sqlite3_bind_int (stmt, 2, (int) (100 + (step->n * 977) % 6000));
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, handle, rc, "probe");
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (handle, "UPDATE workshop SET name = 'Bengkel ' || ?1 WHERE id = 1",
                           -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, step->n);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, handle, rc, "profile");
      return FALSE;
    }
  return TRUE;
}

static int
run_child (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  sqlite3_stmt *stmt = NULL;
  Step step = { 0 };

  if (db == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      return 1;
    }
  if (sqlite3_exec (canting_db_get_handle (db),
                    "CREATE TABLE IF NOT EXISTS crash_probe (n INTEGER PRIMARY KEY, payload BLOB)",
                    NULL, NULL, NULL) != SQLITE_OK)
    return 1;
  sqlite3_prepare_v2 (canting_db_get_handle (db), "SELECT coalesce(max(n), 0) FROM crash_probe", -1, &stmt, NULL);
  sqlite3_step (stmt);
  step.n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  for (;;)
    {
      step.n++;
      if (!canting_db_transaction (db, write_step, &step, &error))
        {
          fprintf (stderr, "child: %s\n", error->message);
          return 1;
        }
      printf ("%" G_GINT64_FORMAT "\n", step.n);
      fflush (stdout);
      /* Now and then a backup, so kills also land in the middle of one. */
      if (step.n % 40 == 0)
        {
          g_autofree char *copy = canting_backup_create (db, CANTING_BACKUP_MANUAL, NULL);
          (void) copy;
        }
    }
}

static char *self_path;

static void
check_database (const char *dir,
                GArray     *reported)
{
  g_autofree char *path = canting_paths_database_file (dir);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 max_n = 0;
  g_autofree char *expected_name = NULL;

  /* Killed before it even created the file: nothing can have committed. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpuint (reported->len, ==, 0);
      return;
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Killed before the probe table existed: likewise nothing committed. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'crash_probe'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpuint (reported->len, ==, 0);
      return;
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM crash_probe WHERE n = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < reported->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (reported, gint64, i));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_int (stmt, 0) != 1)
        g_error ("transaction %" G_GINT64_FORMAT " was reported committed but is missing",
                 g_array_index (reported, gint64, i));
    }
  sqlite3_finalize (stmt);

  /* No gaps: numbers are consecutive, so nothing in the middle vanished. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT coalesce(max(n), 0), count(*) FROM crash_probe", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  max_n = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, max_n);
  sqlite3_finalize (stmt);

  /* Both writes of the last transaction are there, or neither. */
  expected_name = g_strdup_printf ("Bengkel %" G_GINT64_FORMAT, max_n);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM workshop WHERE id = 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (max_n > 0)
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected_name);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Runs @argv (a writer child), waits for its first report if
 * @wait_first_line, then @delay_us more, kills it with SIGKILL and adds
 * every whole line it printed (a committed number) to @reported. */
static void
run_and_kill (const char * const *argv,
              gboolean            wait_first_line,
              gulong              delay_us,
              int                 round,
              GArray             *reported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  GPid pid;
  int out_fd, status;
  char buf[4096];
  ssize_t got;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  if (wait_first_line)
    {
      struct pollfd pfd = { .fd = out_fd, .events = POLLIN };
      char c = 0;

      while (c != '\n' && poll (&pfd, 1, 10000) == 1 && read (out_fd, &c, 1) == 1)
        g_string_append_c (text, c);
      g_assert_cmpint (c, ==, '\n');
    }
  g_usleep (delay_us);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
    g_error ("child ended on its own (status %d) in round %d", status, round);

  while ((got = read (out_fd, buf, sizeof buf)) > 0)
    g_string_append_len (text, buf, got);
  close (out_fd);

  lines = g_strsplit (text->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 n;
      /* Only a whole line (ending in \n) is a report. */
      if (lines[i + 1] == NULL || *lines[i] == '\0')
        continue;
      n = g_ascii_strtoll (lines[i], NULL, 10);
      g_array_append_val (reported, n);
    }
}

static void
test_sigkill_loop (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint kills_with_commits = 0;

  for (int round = 0; round < KILLS; round++)
    {
      const char *argv[] = { self_path, "--child", dir, NULL };
      guint before = reported->len;
      /* From "before the first commit" to "after many": seeded by the
       * test's random seed, so a failure can be replayed with -seed.
       * Odd rounds wait for the first commit before the random delay, so
       * half the kills surely land among commits however slow the machine
       * is to start a process; even rounds may kill during start-up. */
      gulong delay_us = (gulong) g_test_rand_int_range (0, 60000);

      run_and_kill (argv, round % 2 == 1, round % 2 == 1 ? delay_us / 3 : delay_us, round, reported);
      kills_with_commits += reported->len > before;
      check_database (dir, reported);
    }
  g_test_message ("%d kills, %u after at least one commit, %u transactions reported",
                  KILLS, kills_with_commits, reported->len);
  /* The check means little if the child rarely got to commit. */
  g_assert_cmpuint (kills_with_commits, >=, KILLS / 2);
  g_assert_cmpuint (KILLS, >=, 50);
  canting_test_rmdir (dir);
}

/* --- the stock ledger under SIGKILL -------------------------------------- */

#define STOCK_KILLS 40
#define STOCK_MATERIALS 3

static int
run_stock_child (const char *dir,
                 guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  if (db == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      return 1;
    }
  for (;;)
    {
      /* Among the first default materials (mori, counted in m). */
      gint64 material_id = g_rand_int_range (rand, 1, STOCK_MATERIALS + 1);
      g_autoptr(CantingMaterial) m = canting_material_load (db, material_id, &error);
      g_autoptr(CantingMovement) mv = canting_movement_new ();
      int pick = g_rand_int_range (rand, 0, 10);

      if (m == NULL)
        {
          fprintf (stderr, "child: %s\n", error->message);
          return 1;
        }
      mv->material_id = material_id;
      if (pick == 9 && g_rand_boolean (rand))
        {
          /* Money typed in, or a debt to a supplier settled: printed as
           * minus the entry's id, or not at all. */
          g_autoptr(CantingEntry) e = canting_entry_new (g_rand_boolean (rand) ? CANTING_ENTRY_INCOME
                                                                                 : CANTING_ENTRY_EXPENSE);
          g_autoptr(GPtrArray) owed = canting_payables (db, NULL, NULL, NULL);

          if (owed != NULL && owed->len > 0 && g_rand_boolean (rand))
            {
              const CantingPayable *p = owed->pdata[g_rand_int_range (rand, 0, (gint32) owed->len)];
              if (!canting_purchase_mark_paid (db, p->movement_id, p->on_date, &error))
                {
                  fprintf (stderr, "child: %s\n", error->message);
                  return 1;
                }
              continue;
            }
          e->amount = g_rand_int_range (rand, 1000, 500000);
          e->account_id = 1;
          e->category_id = e->kind == CANTING_ENTRY_INCOME ? 1 : 13;  /* sales; other expenses */
          if (!canting_entry_save (db, e, &error))
            {
              fprintf (stderr, "child: %s\n", error->message);
              return 1;
            }
          printf ("%" G_GINT64_FORMAT "\n", -e->id);
          fflush (stdout);
          continue;
        }
      if (pick < 5 || m->on_hand < 1000)
        {
          mv->kind = CANTING_MOVEMENT_PURCHASE;
          mv->quantity = g_rand_int_range (rand, 1, 50000);
          mv->cost = g_rand_int_range (rand, 1000, 2000000);
          /* One in four on credit, paid later (or never). */
          mv->unpaid = g_rand_int_range (rand, 0, 4) == 0;
        }
      else if (pick < 8)
        {
          mv->kind = CANTING_MOVEMENT_WASTE;
          mv->quantity = -g_rand_int_range (rand, 1, (gint32) MIN (m->on_hand, G_MAXINT32 - 1) + 1);
        }
      else
        {
          /* A count that finds a little more or less on the shelf. */
          g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (CantingStockCount));
          CantingStockCount count = { material_id, m->on_hand + g_rand_int_range (rand, -3000, 3000) };
          guint posted = 0;

          count.counted = MAX (count.counted, 0);
          g_array_append_val (counts, count);
          if (!canting_material_post_count (db, counts, "2026-11-24", "stok opname", &posted, &error))
            {
              fprintf (stderr, "child: %s\n", error->message);
              return 1;
            }
          continue;
        }
      if (!canting_movement_record (db, mv, CANTING_MOVEMENT_DEFAULT, &error))
        {
          fprintf (stderr, "child: %s\n", error->message);
          return 1;
        }
      printf ("%" G_GINT64_FORMAT "\n", mv->id);
      fflush (stdout);
    }
}

/* The worth a movement should carry, worked out again from the rows
 * before it: the rule of canting-material.c, written out independently. */
static gint64
replay_value (const char *kind,
              gint64      quantity,
              gint64      cost,
              gint64      on_hand,
              gint64      worth,
              gint64      last_unit_cost)
{
  gint64 average;

  if (g_str_equal (kind, "purchase"))
    return cost;
  average = on_hand > 0 ? (gint64) llround ((double) worth * 1000 / (double) on_hand) : last_unit_cost;
  if (quantity < 0 && on_hand > 0 && -quantity <= on_hand)
    return -quantity == on_hand ? -worth : -(gint64) llround ((double) worth * (double) -quantity / (double) on_hand);
  if (quantity < 0)
    return (gint64) llround ((on_hand > 0 ? (double) -worth : 0) -
                             (double) average * (double) (-quantity - MAX (on_hand, 0)) / 1000);
  return (gint64) llround ((double) average * (double) quantity / 1000);
}

static void
check_stock (const char *dir,
             GArray     *reported)
{
  g_autofree char *path = canting_paths_database_file (dir);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpuint (reported->len, ==, 0);
      return;
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Killed before the schema was made: nothing can have committed. */
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM stock_movements WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      g_assert_cmpuint (reported->len, ==, 0);
      return;
    }
  for (guint i = 0; i < reported->len; i++)
    {
      gint64 id = g_array_index (reported, gint64, i);

      if (id < 0)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_int (stmt, 0) != 1)
        g_error ("movement %" G_GINT64_FORMAT " was reported committed but is missing", id);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM ledger WHERE id = ?1 AND source IS NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < reported->len; i++)
    {
      gint64 id = g_array_index (reported, gint64, i);

      if (id > 0)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, -id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_int (stmt, 0) != 1)
        g_error ("ledger entry %" G_GINT64_FORMAT " was reported committed but is missing", -id);
    }
  sqlite3_finalize (stmt);

  /* Every paid purchase is in the money ledger once, on the day it was
   * paid, for what it cost; no unpaid one is, and nothing else is. */
  g_assert_cmpint (canting_test_query_int (db,
                                           "SELECT count(*) FROM stock_movements s WHERE s.kind = 'purchase' AND s.cost > 0 "
                                           "AND s.unpaid = 0 AND (SELECT count(*) FROM ledger l WHERE l.source = 'purchase' "
                                           "AND l.source_id = s.id AND l.voided = 0 AND l.amount = s.cost "
                                           "AND l.on_date = coalesce(s.paid_on, s.on_date)) <> 1"), ==, 0);
  g_assert_cmpint (canting_test_query_int (db,
                                           "SELECT count(*) FROM ledger l WHERE l.source = 'purchase' AND l.voided = 0 "
                                           "AND NOT EXISTS (SELECT 1 FROM stock_movements s WHERE s.id = l.source_id "
                                           "AND s.kind = 'purchase' AND s.unpaid = 0)"), ==, 0);

  /* Replay each material's ledger in order: never below zero, every worth
   * as the rule says, and the core's own figures equal to the replay. */
  for (gint64 id = 1; id <= STOCK_MATERIALS; id++)
    {
      gint64 on_hand = 0, worth = 0, last_unit_cost = 0;
      g_autoptr(CantingDb) opened = NULL;
      g_autoptr(CantingMaterial) m = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT kind, quantity, value, coalesce(cost, 0) FROM stock_movements "
                                               "WHERE material_id = ?1 ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *kind = (const char *) sqlite3_column_text (stmt, 0);
          gint64 quantity = sqlite3_column_int64 (stmt, 1);
          gint64 cost = sqlite3_column_int64 (stmt, 3);

          g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==,
                           replay_value (kind, quantity, cost, on_hand, worth, last_unit_cost));
          on_hand += quantity;
          worth += sqlite3_column_int64 (stmt, 2);
          if (g_str_equal (kind, "purchase"))
            last_unit_cost = (gint64) llround ((double) cost * 1000 / (double) quantity);
          g_assert_cmpint (on_hand, >=, 0);
          if (on_hand == 0)
            g_assert_cmpint (worth, ==, 0);
        }
      sqlite3_finalize (stmt);

      opened = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
      g_assert_no_error (error);
      m = canting_material_load (opened, id, &error);
      g_assert_no_error (error);
      g_assert_cmpint (m->on_hand, ==, on_hand);
      g_assert_cmpint (m->value, ==, worth);
    }

  /* Each account's balance as the core reports it, against a sum over
   * the raw ledger rows written out here. */
  {
    g_autoptr(CantingDb) opened = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
    g_autoptr(GPtrArray) accounts = NULL;

    g_assert_no_error (error);
    accounts = canting_account_list (opened, TRUE, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < accounts->len; i++)
      {
        const CantingAccount *a = accounts->pdata[i];
        g_autofree char *sql =
          g_strdup_printf ("SELECT (SELECT opening_balance FROM accounts WHERE id = %1$" G_GINT64_FORMAT ")"
                           " + coalesce((SELECT sum(amount) FROM ledger WHERE voided = 0 AND kind = 'income'"
                           "             AND account_id = %1$" G_GINT64_FORMAT "), 0)"
                           " - coalesce((SELECT sum(amount) FROM ledger WHERE voided = 0 AND kind = 'expense'"
                           "             AND account_id = %1$" G_GINT64_FORMAT "), 0)"
                           " - coalesce((SELECT sum(amount) FROM ledger WHERE voided = 0 AND kind = 'transfer'"
                           "             AND account_id = %1$" G_GINT64_FORMAT "), 0)"
                           " + coalesce((SELECT sum(amount) FROM ledger WHERE voided = 0 AND kind = 'transfer'"
                           "             AND to_account_id = %1$" G_GINT64_FORMAT "), 0)", a->id);
        g_assert_cmpint (a->balance, ==, canting_test_query_int (db, sql));
      }
  }
  sqlite3_close (db);
}

static void
test_stock_sigkill_loop (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint kills_with_commits = 0;

  for (int round = 0; round < STOCK_KILLS; round++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
      const char *argv[] = { self_path, "--stock-child", dir, seed, NULL };
      guint before = reported->len;

      /* After the first commit, a random while: kills land among the
       * movements, counts and the automatic backup alike. */
      run_and_kill (argv, TRUE, (gulong) g_test_rand_int_range (0, 20000), round, reported);
      kills_with_commits += reported->len > before;
      check_stock (dir, reported);
    }
  g_test_message ("%d kills, %u movements reported", STOCK_KILLS, reported->len);
  g_assert_cmpuint (kills_with_commits, ==, STOCK_KILLS);
  canting_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "--stock-child"))
    return run_stock_child (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10));

  setlocale (LC_ALL, "C.UTF-8");
  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/sigkill-loop", test_sigkill_loop);
  g_test_add_func ("/crash/stock-ledger", test_stock_sigkill_loop);
  return g_test_run ();
}
