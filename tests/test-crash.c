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
#include "canting-channel.h"
#include "canting-customer.h"
#include "canting-ipal.h"
#include "canting-ledger.h"
#include "canting-listing.h"
#include "canting-order.h"
#include "canting-outbox.h"
#include "canting-product.h"
#include "canting-production.h"
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

/* The issue asks for at least 200 kills across the suite (with the rounds
 * below); each costs a process start and a few fsyncs, a few
 * milliseconds. */
#define KILLS 80
#define STOCK_KILLS 50
#define BUSINESS_KILLS 70

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
run_and_kill_lines (const char * const *argv,
                    gboolean            wait_first_line,
                    gulong              delay_us,
                    int                 round,
                    GPtrArray          *reported)
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
      /* Only a whole line (ending in \n) is a report. */
      if (lines[i + 1] == NULL || *lines[i] == '\0')
        continue;
      g_ptr_array_add (reported, g_strdup (lines[i]));
    }
}

/* The same for a child that prints one number per commit. */
static void
run_and_kill (const char * const *argv,
              gboolean            wait_first_line,
              gulong              delay_us,
              int                 round,
              GArray             *reported)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  run_and_kill_lines (argv, wait_first_line, delay_us, round, lines);
  for (guint i = 0; i < lines->len; i++)
    {
      gint64 n = g_ascii_strtoll (lines->pdata[i], NULL, 10);
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
  g_assert_cmpuint (KILLS + STOCK_KILLS + BUSINESS_KILLS, >=, 200);
  canting_test_rmdir (dir);
}

/* --- the stock ledger under SIGKILL -------------------------------------- */

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

/* Every account's balance as the core reports it, against a sum over
 * the raw ledger rows written out here. */
static void
check_balances (const char *dir,
                sqlite3    *db)
{
  g_autoptr(GError) error = NULL;
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

  check_balances (dir, db);
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

/* --- orders, payments, production, IPAL and the outbox under SIGKILL ----- */


/* The workshop the business child works in, made once by the parent so
 * a kill during the set-up cannot leave half of it. */
typedef struct {
  gint64 customer, worker, product, channel, plant;
} Business;

static void
business_set_up (const char *dir,
                 Business   *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(CantingWorker) w = canting_worker_new ();
  g_autoptr(CantingProduct) p = canting_product_new ();
  g_autoptr(CantingChannel) ch = canting_channel_new ();
  g_autoptr(GPtrArray) plants = NULL;

  g_assert_no_error (error);
  g_free (c->name);
  c->name = g_strdup ("Bu Siti");
  g_assert_true (canting_customer_save (db, c, &error));
  g_free (w->name);
  w->name = g_strdup ("Mbak Yuli");
  g_assert_true (canting_worker_save (db, w, &error));
  /* Printing has two stages (Sablon, Finishing): items finish often, so
   * finished pieces go into stock during the loop too. */
  /* A rate for every stage of every technique (a custom piece is
   * hand-drawn), each a different amount so a wage paid twice shows. */
  for (CantingTechnique t = CANTING_TECHNIQUE_TULIS; t <= CANTING_TECHNIQUE_PRINTING; t++)
    {
      g_autoptr(GPtrArray) stages = canting_stage_templates (db, t, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < stages->len; i++)
        g_assert_true (canting_worker_set_rate (db, w->id, t, ((CantingStageTemplate *) stages->pdata[i])->name,
                                                1000 * (t + 1) + 100 * i + 7, &error));
    }
  g_free (p->name);
  p->name = g_strdup ("Kain Sablon Parang");
  p->technique = CANTING_TECHNIQUE_PRINTING;
  p->price = 150000;
  g_assert_true (canting_product_save (db, p, &error));
  g_free (ch->name);
  ch->name = g_strdup ("Toko Batik");
  ch->kind = CANTING_CHANNEL_WOOCOMMERCE;
  ch->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
  g_free (ch->base_url);
  ch->base_url = g_strdup ("https://toko.example");
  g_free (ch->auth_user);
  ch->auth_user = g_strdup ("pembatik");
  g_assert_true (canting_channel_save (db, ch, &error));
  plants = canting_ipal_plant_list (db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plants->len, >=, 1);
  b->customer = c->id;
  b->worker = w->id;
  b->product = p->id;
  b->channel = ch->id;
  b->plant = ((CantingIpalPlant *) plants->pdata[0])->id;
}

/* One id the child picks from @sql (with ?1 bound to a random number so
 * a seed replays the same picks), or 0. */
static gint64
pick_id (CantingDb  *db,
         GRand      *rand,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (canting_db_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, 1000));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

static void
report (const char *tag,
        gint64      a,
        gint64      b)
{
  printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", tag, a, b);
  fflush (stdout);
}

/* Prints "TAG ID X" after each commit: o(rder), p(ayment), s(tage done),
 * w(ages: worker, paid so far), i(pal entry), e(ledger entry),
 * q(ueued: product), r(ecorded sent: product, the shop's id).  Refusals a person
 * could also meet (nothing left to pay) are skipped, anything else ends
 * the child with status 1, which the parent reports. */
static int
run_business_child (const char *dir,
                    guint32     seed,
                    const Business *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (dir, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

#define FAIL() do { fprintf (stderr, "child: %s\n", error ? error->message : "?"); return 1; } while (0)
  if (db == NULL)
    FAIL ();
  /* As the app's worker does on start: what a killed run was sending has
   * an unknown outcome (else its lease would hold the product back). */
  if (!canting_outbox_recover_interrupted (db, NULL, &error))
    FAIL ();
  for (;;)
    {
      int pick = g_rand_int_range (rand, 0, 8);

      g_clear_error (&error);
      if (pick == 0)
        {
          g_autoptr(CantingOrder) o = canting_order_new ();

          o->customer_id = b->customer;
          g_free (o->order_date);
          o->order_date = g_strdup ("2026-05-01");
          o->shipping = g_rand_int_range (rand, 0, 3) * 10000;
          g_ptr_array_add (o->items, canting_order_item_new (b->product, "Kain Sablon Parang",
                                                             g_rand_int_range (rand, 1, 4), 150000));
          if (g_rand_boolean (rand))
            g_ptr_array_add (o->items, canting_order_item_new (0, "Selendang pesanan", 1, 95000));
          if (!canting_order_save (db, o, &error))
            FAIL ();
          report ("o", o->id, 0);
          if (g_rand_int_range (rand, 0, 4) != 0 &&
              (!canting_order_set_status (db, o->id, CANTING_ORDER_CONFIRMED, NULL, &error) ||
               !canting_order_set_status (db, o->id, CANTING_ORDER_IN_PRODUCTION, NULL, &error)))
            FAIL ();
        }
      else if (pick == 1)
        {
          gint64 id = pick_id (db, rand, "SELECT id FROM orders WHERE status <> 'cancelled' "
                                         "ORDER BY (id * ?1) % 1009 LIMIT 1");
          g_autoptr(CantingOrder) o = id > 0 ? canting_order_load (db, id, &error) : NULL;
          g_autoptr(CantingPayment) pay = canting_payment_new ();

          if (id > 0 && o == NULL)
            FAIL ();
          if (o == NULL || canting_order_get_balance (o) <= 0)
            continue;
          pay->order_id = id;
          pay->amount = g_rand_int_range (rand, 1, (gint32) MIN (canting_order_get_balance (o), 400000) + 1);
          g_free (pay->paid_on);
          pay->paid_on = g_strdup ("2026-05-03");
          if (!canting_payment_add (db, pay, &error))
            FAIL ();
          report ("p", pay->id, 0);
        }
      else if (pick == 2)
        {
          /* The first open stage of an item in production. */
          gint64 id = pick_id (db, rand,
                               "SELECT s.id FROM item_stages s JOIN order_items i ON i.id = s.order_item_id "
                               "JOIN orders o ON o.id = i.order_id WHERE o.status = 'in_production' "
                               "AND s.done_on IS NULL AND NOT EXISTS (SELECT 1 FROM item_stages e "
                               "WHERE e.order_item_id = s.order_item_id AND e.position < s.position "
                               "AND e.done_on IS NULL) ORDER BY (s.id * ?1) % 1009 LIMIT 1");
          if (id == 0)
            continue;
          if (!canting_stage_complete (db, id, b->worker, "2026-05-05", &error))
            FAIL ();
          report ("s", id, 0);
        }
      else if (pick == 3)
        {
          g_autoptr(GPtrArray) wages = canting_wages_summary (db, &error);
          const CantingWages *w = NULL;
          CantingMoney amount;

          if (wages == NULL)
            FAIL ();
          for (guint i = 0; i < wages->len; i++)
            if (((CantingWages *) wages->pdata[i])->worker_id == b->worker)
              w = wages->pdata[i];
          if (w == NULL || w->earned - w->paid <= 0)
            continue;
          amount = g_rand_int_range (rand, 1, (gint32) MIN (w->earned - w->paid, 100000) + 1);
          if (!canting_wages_pay (db, b->worker, amount, "2026-05-06", &error))
            FAIL ();
          report ("w", b->worker, w->paid + amount);
        }
      else if (pick == 4)
        {
          g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
          gint64 n = pick_id (db, rand, "SELECT count(*) + 0 * ?1 FROM ipal_logs");

          /* A new minute for each entry: the log refuses the same time twice. */
          l->plant_id = b->plant;
          g_free (l->at);
          l->at = g_strdup_printf ("2026-%02d-%02dT%02d:%02d", (int) (1 + n / 40000 % 12), (int) (1 + n / 1440 % 28),
                                   (int) (n / 60 % 24), (int) (n % 60));
          l->inflow = g_rand_int_range (rand, 0, 5000000);
          l->ph_out = g_rand_int_range (rand, 5000, 10000);
          if (!canting_ipal_log_save (db, l, &error))
            FAIL ();
          report ("i", l->id, 0);
        }
      else if (pick == 5)
        {
          g_autoptr(CantingEntry) e = canting_entry_new (g_rand_boolean (rand) ? CANTING_ENTRY_INCOME
                                                                                : CANTING_ENTRY_EXPENSE);
          e->amount = g_rand_int_range (rand, 1000, 500000);
          e->account_id = 1;
          e->category_id = e->kind == CANTING_ENTRY_INCOME ? 1 : 13;  /* sales; other expenses */
          if (!canting_entry_save (db, e, &error))
            FAIL ();
          report ("e", e->id, 0);
        }
      else if (pick == 6)
        {
          if (!canting_listing_queue_publish (db, b->channel, &b->product, 1, &error))
            FAIL ();
          report ("q", b->product, 0);
        }
      else
        {
          /* The worker's side: take what is due and record it sent. */
          g_autoptr(GPtrArray) due = canting_outbox_take_due (db, b->channel, NULL, 10, &error);

          if (due == NULL)
            FAIL ();
          for (guint i = 0; i < due->len; i++)
            {
              const CantingOutboxOp *op = due->pdata[i];
              CantingOutboxOutcome outcome = { .op_id = op->id, .kind = CANTING_OUTCOME_SENT,
                                               .remote_id = op->remote_id > 0 ? op->remote_id : 5000 + op->id };

              if (!canting_outbox_record (db, &outcome, 1, NULL, &error))
                FAIL ();
              report ("r", op->product_id, outcome.remote_id);
            }
        }
    }
#undef FAIL
}

static gint64
query_id_int (sqlite3    *db,
              const char *sql,
              gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
check_business (const char     *dir,
                const Business *b,
                GPtrArray      *lines)
{
  g_autofree char *path = canting_paths_database_file (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) opened = NULL;
  g_autoptr(GPtrArray) wages = NULL;
  g_autoptr(CantingProduct) product = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* Every operation reported committed is there. */
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = lines->pdata[i];
      char tag = line[0];
      char *end = NULL;
      gint64 id = g_ascii_strtoll (line + 2, &end, 10);
      gint64 x = g_ascii_strtoll (end, NULL, 10);
      const char *sql = NULL;

      switch (tag)
        {
        case 'o': sql = "SELECT count(*) FROM orders o WHERE id = ?1 AND EXISTS "
                        "(SELECT 1 FROM order_items i WHERE i.order_id = o.id)"; break;
        case 'p': sql = "SELECT count(*) FROM payments WHERE id = ?1"; break;
        case 's': sql = "SELECT count(*) FROM item_stages WHERE id = ?1 AND done_on IS NOT NULL"; break;
        case 'i': sql = "SELECT count(*) FROM ipal_logs WHERE id = ?1"; break;
        case 'e': sql = "SELECT count(*) FROM ledger WHERE id = ?1 AND source IS NULL"; break;
        case 'q': sql = "SELECT count(*) FROM listings WHERE product_id = ?1 AND wanted = 1"; break;
        case 'r':
          /* The op's row is gone, but its id may be reused: the listing
           * keeps the shop's id instead. */
          if (query_id_int (db, "SELECT coalesce(remote_id, 0) FROM listings WHERE product_id = ?1", id) != x)
            g_error ("“%s” was reported committed but the listing does not have it", line);
          continue;
        case 'w':
          if (query_id_int (db, "SELECT coalesce(sum(amount), 0) FROM wage_payments WHERE worker_id = ?1", id) < x)
            g_error ("wages of %" G_GINT64_FORMAT " paid were reported committed but are missing", x);
          continue;
        default:
          g_error ("the child printed “%s”", line);
        }
      if (query_id_int (db, sql, id) != 1)
        g_error ("“%s” was reported committed but is not in the database", line);
    }

  /* Derived figures against the raw rows: each order's stored total, the
   * paid amount the core reports, wages earned and paid, the finished
   * pieces in stock, the money in every account. */
  g_assert_cmpint (canting_test_query_int (db,
                                           "SELECT count(*) FROM orders o WHERE total <> (SELECT coalesce(sum(quantity * "
                                           "unit_price), 0) FROM order_items i WHERE i.order_id = o.id) - discount + shipping"),
                   ==, 0);
  g_assert_cmpint (canting_test_query_int (db,
                                           "SELECT count(*) FROM payments p WHERE (SELECT count(*) FROM ledger l WHERE "
                                           "l.source = 'payment' AND l.source_id = p.id AND l.voided = 0 AND "
                                           "l.amount = p.amount) <> 1"), ==, 0);
  g_assert_cmpint (canting_test_query_int (db,
                                           "SELECT count(*) FROM wage_payments w WHERE (SELECT count(*) FROM ledger l WHERE "
                                           "l.source = 'wage' AND l.source_id = w.id AND l.voided = 0 AND "
                                           "l.amount = w.amount) <> 1"), ==, 0);
  opened = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT o.id, o.total, coalesce((SELECT sum(amount) FROM payments p "
                                           "WHERE p.order_id = o.id), 0) FROM orders o", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(CantingOrder) o = canting_order_load (opened, sqlite3_column_int64 (stmt, 0), &error);

      g_assert_no_error (error);
      g_assert_cmpint (o->paid, ==, sqlite3_column_int64 (stmt, 2));
      g_assert_cmpint (o->paid, <=, sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_finalize (stmt);

  wages = canting_wages_summary (opened, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < wages->len; i++)
    {
      const CantingWages *w = wages->pdata[i];

      g_assert_cmpint (w->earned, ==, query_id_int (db, "SELECT coalesce(sum(wage), 0) FROM item_stages "
                                                        "WHERE worker_id = ?1 AND done_on IS NOT NULL", w->worker_id));
      g_assert_cmpint (w->paid, ==, query_id_int (db, "SELECT coalesce(sum(amount), 0) FROM wage_payments "
                                                      "WHERE worker_id = ?1", w->worker_id));
      g_assert_cmpint (w->paid, <=, w->earned);
    }

  product = canting_product_load (opened, b->product, &error);
  g_assert_no_error (error);
  g_assert_cmpint (product->stock, ==, query_id_int (db, "SELECT coalesce(sum(delta), 0) FROM product_stock_moves "
                                                         "WHERE product_id = ?1", b->product));
  /* Each finished item put its pieces into stock exactly once. */
  g_assert_cmpint (product->stock, ==,
                   query_id_int (db, "SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.product_id = ?1 "
                                     "AND NOT EXISTS (SELECT 1 FROM item_stages s WHERE s.order_item_id = i.id "
                                     "AND s.done_on IS NULL) AND EXISTS (SELECT 1 FROM item_stages s "
                                     "WHERE s.order_item_id = i.id)", b->product));
  check_balances (dir, db);
  sqlite3_close (db);
}

static void
test_business_sigkill_loop (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) tags = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint kills_with_commits = 0;
  Business b = { 0 };

  business_set_up (dir, &b);
  for (int round = 0; round < BUSINESS_KILLS; round++)
    {
      g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
      g_autofree char *ids = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                                              ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                              b.customer, b.worker, b.product, b.channel, b.plant);
      const char *argv[] = { self_path, "--business-child", dir, seed, ids, NULL };
      guint before = lines->len;

      run_and_kill_lines (argv, TRUE, (gulong) g_test_rand_int_range (0, 25000), round, lines);
      kills_with_commits += lines->len > before;
      check_business (dir, &b, lines);
    }
  for (guint i = 0; i < lines->len; i++)
    g_hash_table_add (tags, GINT_TO_POINTER (((const char *) lines->pdata[i])[0]));
  g_test_message ("%d kills, %u operations reported", BUSINESS_KILLS, lines->len);
  g_assert_cmpuint (kills_with_commits, ==, BUSINESS_KILLS);
  /* Every kind of operation was reported committed at least once, so each
   * was among what the kills interrupted. */
  for (const char *t = "opsweiqr"; *t; t++)
    if (!g_hash_table_contains (tags, GINT_TO_POINTER (*t)))
      g_error ("no “%c” operation was ever committed", *t);
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
  if (argc == 5 && g_str_equal (argv[1], "--business-child"))
    {
      Business b = { 0 };

      if (sscanf (argv[4], "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                  ",%" G_GINT64_FORMAT, &b.customer, &b.worker, &b.product, &b.channel, &b.plant) != 5)
        return 2;
      return run_business_child (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10), &b);
    }

  setlocale (LC_ALL, "C.UTF-8");
  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/sigkill-loop", test_sigkill_loop);
  g_test_add_func ("/crash/stock-ledger", test_stock_sigkill_loop);
  g_test_add_func ("/crash/business", test_business_sigkill_loop);
  return g_test_run ();
}
