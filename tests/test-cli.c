/* test-cli.c: canting-cli as a person runs it: output, exit status,
 * errors on stderr. */
#include "config.h"
#include "canting-test-util.h"

#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef CantingTestCliResult Result;
#define result_clear canting_test_cli_result_clear

#define run_cli(...) canting_test_run_cli (NULL, __VA_ARGS__)


static void
test_version (void)
{
  Result r = run_cli ("--version", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "canting-cli "));
  g_assert_nonnull (strstr (r.out, PACKAGE_VERSION));
  result_clear (&r);
}

static void
test_info_and_backups (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *created = NULL;
  Result r = run_cli ("--data-dir", dir, "info", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, dir));
  /* A new database is at the schema this build writes. */
  {
    int have = -1, writes = -2;
    const char *line = strstr (r.out, "Schema version: ");
    g_assert_nonnull (line);
    g_assert_cmpint (sscanf (line, "Schema version: %d (this Canting writes %d)", &have, &writes), ==, 2);
    g_assert_cmpint (have, ==, writes);
    g_assert_cmpint (have, >=, 1);
  }
  g_assert_nonnull (strstr (r.out, "workshop"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "backup", "create", NULL);
  g_assert_cmpint (r.status, ==, 0);
  created = g_strstrip (g_strdup (r.out));
  g_assert_true (g_file_test (created, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (created, "canting-manual-"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "backup", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, created));
  /* The daily copy made by the first open is listed too. */
  g_assert_nonnull (strstr (r.out, "canting-auto-"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "backup", "restore", created, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Restored"));
  g_assert_nonnull (strstr (r.out, "canting-restore-"));
  /* What it is doing, stage by stage, on stderr (not a terminal here:
   * the copy's progress a line a quarter, ending at 100 %). */
  {
    const char *checking = strstr (r.err, "Checking the backup…\n");
    const char *aside = strstr (r.err, "Keeping a copy of the records as they are now…\n");
    const char *copying = strstr (r.err, "Putting the backup in place…\n");

    g_assert_nonnull (checking);
    g_assert_nonnull (aside);
    g_assert_nonnull (copying);
    g_assert_true (checking < aside && aside < copying);
    g_assert_nonnull (strstr (copying, "100 %\n"));
    g_assert_null (strstr (r.out, "Checking"));
  }
  result_clear (&r);
  canting_test_rmdir (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *db_path = g_build_filename (dir, "canting.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "tidak-ada.db", NULL);
  Result r = run_cli ("--data-dir", dir, "dance", NULL);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Unknown command “dance”"));
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);

  r = run_cli ("--data-dir", dir, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Missing command"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "backup", "restore", missing, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "does not exist"));
  result_clear (&r);

  /* A damaged database: said on stderr, exit 1, file left alone. */
  g_assert_true (g_file_set_contents (db_path, "rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak rusak", -1, NULL));
  r = run_cli ("--data-dir", dir, "info", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "damaged"));
  result_clear (&r);
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (db_path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "rusak rusak"));
  }
  canting_test_rmdir (dir);
}

/* Restoring over a damaged database moves the damaged file aside. */
static void
test_restore_over_damaged (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *db_path = g_build_filename (dir, "canting.db", NULL);
  g_autofree char *created = NULL;
  Result r = run_cli ("--data-dir", dir, "backup", "create", NULL);

  g_assert_cmpint (r.status, ==, 0);
  created = g_strstrip (g_strdup (r.out));
  result_clear (&r);
  g_assert_true (g_file_set_contents (db_path, "damaged beyond reading, damaged beyond reading, damaged beyond reading, damaged", -1, NULL));

  r = run_cli ("--data-dir", dir, "backup", "restore", created, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, ".broken-"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "info", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  canting_test_rmdir (dir);
}

/* Benchmarks print one line each: NAME: canting X ms; baseline Y ms;
 * ratio R, with R = X / Y. */
/* The printed ratio is X ÷ Y of the unrounded times; X and Y are printed
 * to 0,01 ms, so on a tiny benchmark the ratio of the printed figures can
 * differ a lot: check it lies within what the rounding allows. */
static void
assert_ratio (double x,
              double y,
              double ratio)
{
  double low = (x - 0.005) / (y + 0.005) - 0.0005;
  double high = y > 0.005 ? (x + 0.005) / (y - 0.005) + 0.0005 : G_MAXDOUBLE;

  g_assert_cmpfloat (ratio, >=, low);
  g_assert_cmpfloat (ratio, <=, high);
}

static void
test_bench_lines (void)
{
  g_autoptr(GRegex) line = g_regex_new ("^([a-z.-]+): canting ([0-9.]+) ms; baseline ([0-9.]+) ms; ratio ([0-9.]+)",
                                        G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Result r = run_cli ("bench", "orders", "500", NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_regex_match (line, r.out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *xs = g_match_info_fetch (match, 2);
      g_autofree char *ys = g_match_info_fetch (match, 3);
      g_autofree char *rs = g_match_info_fetch (match, 4);
      double x = g_ascii_strtod (xs, NULL);
      double y = g_ascii_strtod (ys, NULL);
      double ratio = g_ascii_strtod (rs, NULL);

      g_hash_table_add (names, g_match_info_fetch (match, 1));
      g_assert_cmpfloat (y, >, 0);
      assert_ratio (x, y, ratio);
      g_match_info_next (match, NULL);
    }
  g_assert_true (g_hash_table_contains (names, "orders.open-first-page"));
  g_assert_true (g_hash_table_contains (names, "orders.search"));
  result_clear (&r);
  g_clear_pointer (&match, g_match_info_free);

  /* Stock against the sqlite3 shell, on a small ledger. */
  r = run_cli ("bench", "stock", "3000", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "3000 stock movements"));
  g_assert_true (g_regex_match (line, r.out, 0, &match));
  {
    g_autofree char *name = g_match_info_fetch (match, 1);
    g_autofree char *xs = g_match_info_fetch (match, 2);
    g_autofree char *ys = g_match_info_fetch (match, 3);
    g_autofree char *rs = g_match_info_fetch (match, 4);
    double x = g_ascii_strtod (xs, NULL);
    double y = g_ascii_strtod (ys, NULL);

    g_assert_cmpstr (name, ==, "stock");
    g_assert_cmpfloat (x, >, 0);
    g_assert_cmpfloat (y, >, 0);
    assert_ratio (x, y, g_ascii_strtod (rs, NULL));
    g_match_info_next (match, NULL);
    g_assert_false (g_match_info_matches (match));
  }
  result_clear (&r);

  /* Merging outcome files against parsing them, on a few files. */
  g_clear_pointer (&match, g_match_info_free);
  r = run_cli ("bench", "outcome", "20", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "20 workshop outcome files"));
  g_assert_true (g_regex_match (line, r.out, 0, &match));
  {
    g_autofree char *name = g_match_info_fetch (match, 1);
    g_autofree char *xs = g_match_info_fetch (match, 2);
    g_autofree char *ys = g_match_info_fetch (match, 3);
    g_autofree char *rs = g_match_info_fetch (match, 4);
    double x = g_ascii_strtod (xs, NULL);
    double y = g_ascii_strtod (ys, NULL);

    g_assert_cmpstr (name, ==, "outcome-merge");
    g_assert_cmpfloat (x, >, 0);
    g_assert_cmpfloat (y, >, 0);
    assert_ratio (x, y, g_ascii_strtod (rs, NULL));
  }
  result_clear (&r);
  g_clear_pointer (&match, g_match_info_free);

  r = run_cli ("bench", "outcome", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "number of outcome files"));
  result_clear (&r);

  r = run_cli ("bench", "stock", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "number of stock movements"));
  result_clear (&r);
  g_clear_pointer (&match, g_match_info_free);

  /* The money reports against the sqlite3 shell, on a small ledger. */
  r = run_cli ("bench", "reports", "2000", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "2000 ledger entries"));
  g_hash_table_remove_all (names);
  g_regex_match (line, r.out, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *xs = g_match_info_fetch (match, 2);
      g_autofree char *ys = g_match_info_fetch (match, 3);
      g_autofree char *rs = g_match_info_fetch (match, 4);
      double x = g_ascii_strtod (xs, NULL);
      double y = g_ascii_strtod (ys, NULL);

      g_hash_table_add (names, g_match_info_fetch (match, 1));
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (y, >, 0);
      assert_ratio (x, y, g_ascii_strtod (rs, NULL));
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (g_hash_table_size (names), ==, 2);
  g_assert_true (g_hash_table_contains (names, "reports.dashboard"));
  g_assert_true (g_hash_table_contains (names, "reports.pnl-year"));
  result_clear (&r);

  r = run_cli ("bench", "reports", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "number of ledger entries"));
  result_clear (&r);
  g_clear_pointer (&match, g_match_info_free);

  /* Publishing through the worker against one product at a time, on
   * two practice shops with a short latency. */
  r = run_cli ("bench", "publish", "20", "--latency", "5", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "20 products"));
  g_assert_true (g_regex_match (line, r.out, 0, &match));
  {
    g_autofree char *name = g_match_info_fetch (match, 1);
    g_autofree char *xs = g_match_info_fetch (match, 2);
    g_autofree char *ys = g_match_info_fetch (match, 3);
    g_autofree char *rs = g_match_info_fetch (match, 4);
    double x = g_ascii_strtod (xs, NULL);
    double y = g_ascii_strtod (ys, NULL);

    g_assert_cmpstr (name, ==, "publish");
    g_assert_cmpfloat (x, >, 0);
    /* Twenty requests of 5 ms each, at least. */
    g_assert_cmpfloat (y, >=, 100);
    assert_ratio (x, y, g_ascii_strtod (rs, NULL));
  }
  result_clear (&r);
  g_clear_pointer (&match, g_match_info_free);

  r = run_cli ("bench", "publish", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "number of products"));
  result_clear (&r);

  r = run_cli ("bench", "nothing", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
}

/* `bench all --small` runs every benchmark once on a small workshop,
 * so none can rot: one line each, exactly "NAME: canting X ms; baseline
 * Y ms; ratio R", every time above zero and R = X / Y. */
static void
test_bench_all_small (void)
{
  g_autoptr(GRegex) line = g_regex_new ("^([a-z.-]+): canting ([0-9]+\\.[0-9]{2}) ms; baseline ([0-9]+\\.[0-9]{2}) ms; "
                                        "ratio ([0-9]+\\.[0-9]{3})$", 0, 0, NULL);
  static const char * const expected[] = {
    "open-lists", "ipal.trend-volume", "orders.open-first-page", "orders.search", "stock", "reports.dashboard", "reports.pnl-year",
    "import-orders", "outcome-merge", "publish",
  };
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  Result r = run_cli ("bench", "all", "--small", NULL);

  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *xs = NULL, *ys = NULL, *rs = NULL;
      double x, y;

      if (!g_regex_match (line, lines[i], 0, &match))
        g_error ("not a benchmark line: “%s”", lines[i]);
      xs = g_match_info_fetch (match, 2);
      ys = g_match_info_fetch (match, 3);
      rs = g_match_info_fetch (match, 4);
      x = g_ascii_strtod (xs, NULL);
      y = g_ascii_strtod (ys, NULL);
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (y, >, 0);
      assert_ratio (x, y, g_ascii_strtod (rs, NULL));
      g_assert_true (g_hash_table_add (names, g_match_info_fetch (match, 1)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (!g_hash_table_contains (names, expected[i]))
      g_error ("no line for %s in:\n%s", expected[i], r.out);
  g_assert_cmpuint (g_hash_table_size (names), ==, G_N_ELEMENTS (expected));
  /* Each baseline is named, on stderr. */
  g_assert_nonnull (strstr (r.err, "import-orders: "));
  result_clear (&r);
}

static char *
query_text (const char *dir,
            const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "canting.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* generate fills a new workshop with records the app accepts, the same
 * for the same seed, and says what it made; it will not touch a
 * workshop that has records. */
static void
test_generate (void)
{
  g_autofree char *one = canting_test_mkdtemp ();
  g_autofree char *two = canting_test_mkdtemp ();
  /* Enough of each table to tell one seed's records from another's. */
  static const char fingerprint[] =
    "SELECT (SELECT group_concat(x, ',') FROM (SELECT number || customer_id || total AS x FROM orders ORDER BY id)) "
    "|| (SELECT sum(amount) FROM ledger) || (SELECT sum(quantity) FROM stock_movements) "
    "|| (SELECT sum(ph_out) FROM ipal_logs) || (SELECT group_concat(file) FROM product_photos)";
  Result r = run_cli ("--data-dir", one, "generate", "--seed", "7", "--years", "2", "--small", NULL);
  g_autofree char *print_one = NULL, *print_two = NULL, *other = NULL, *bad = NULL, *exceeded = NULL;
  g_autofree char *photo = NULL, *photo_path = NULL;

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "orders"));
  g_assert_nonnull (strstr (r.out, "item_stages"));
  g_assert_nonnull (strstr (r.out, "ipal_logs"));
  result_clear (&r);

  /* Valid by the app's rules: the schema's checks held while it was
   * written; references point somewhere; the file is whole. */
  bad = query_text (one, "SELECT count(*) FROM pragma_foreign_key_check");
  g_assert_cmpstr (bad, ==, "0");
  g_clear_pointer (&bad, g_free);
  bad = query_text (one, "PRAGMA integrity_check");
  g_assert_cmpstr (bad, ==, "ok");
  /* Stock never below zero, every product's photos on disk, a few
   * readings over the limits, wages paid only as earned. */
  g_clear_pointer (&bad, g_free);
  bad = query_text (one, "SELECT count(*) FROM (SELECT material_id FROM stock_movements GROUP BY material_id "
                         "HAVING sum(quantity) < 0)");
  g_assert_cmpstr (bad, ==, "0");
  g_clear_pointer (&bad, g_free);
  bad = query_text (one, "SELECT count(*) FROM (SELECT worker_id FROM wage_payments w GROUP BY worker_id HAVING "
                         "sum(amount) > (SELECT sum(wage) FROM item_stages s WHERE s.worker_id = w.worker_id))");
  g_assert_cmpstr (bad, ==, "0");
  exceeded = query_text (one, "SELECT count(*) FROM ipal_logs WHERE ph_out > 9000 OR temperature > 38000");
  g_assert_cmpint (atoi (exceeded), >, 0);
  photo = query_text (one, "SELECT file FROM product_photos ORDER BY id LIMIT 1");
  photo_path = g_build_filename (one, "photos", photo, NULL);
  g_assert_true (g_file_test (photo_path, G_FILE_TEST_IS_REGULAR));

  /* The app opens it. */
  r = run_cli ("--data-dir", one, "info", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Batik Contoh Blitar"));
  result_clear (&r);

  /* Same seed, same records; another seed, others. */
  r = run_cli ("--data-dir", two, "generate", "--seed", "7", "--years", "2", "--small", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  print_one = query_text (one, fingerprint);
  print_two = query_text (two, fingerprint);
  g_assert_cmpstr (print_one, ==, print_two);
  canting_test_rmdir (two);
  g_free (two);
  two = canting_test_mkdtemp ();
  r = run_cli ("--data-dir", two, "generate", "--seed", "8", "--years", "2", "--small", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  other = query_text (two, fingerprint);
  g_assert_cmpstr (print_one, !=, other);

  /* Not over a workshop's records. */
  r = run_cli ("--data-dir", one, "generate", "--small", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "already holds"));
  result_clear (&r);
  r = run_cli ("--data-dir", one, "generate", "--years", "0", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  canting_test_rmdir (one);
  canting_test_rmdir (two);
}

/* Import reports bad rows on stderr by line and fails; export writes a
 * file that imports back. */
static void
test_import_export (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *good = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "customers-semicolon.csv", NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "products-bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "pelanggan.csv", NULL);
  g_autofree char *contents = NULL;
  Result r = run_cli ("--data-dir", dir, "import", "customers", good, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "2 good rows; 2 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "import", "products", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "line 5: Technique “lurik”"));
  g_assert_nonnull (strstr (r.out, "2 good rows; 0 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "export", "customers", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Toko Sekar, Malang;0341-555123;;Malang;;\r\n"));

  r = run_cli ("--data-dir", dir, "import", "nothing", out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  canting_test_rmdir (dir);
}

/* Materials and purchases through the CLI: bad purchase rows by line,
 * nothing written; the export holds the stock the purchases made. */
static void
test_import_export_stock (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *materials = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "materials.csv", NULL);
  g_autofree char *purchases = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "purchases.csv", NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "purchases-bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "bahan.csv", NULL);
  g_autofree char *out_purchases = g_build_filename (dir, "pembelian.csv", NULL);
  g_autofree char *contents = NULL;
  Result r = run_cli ("--data-dir", dir, "import", "materials", materials, NULL);

  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "6 good rows; 6 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "import", "purchases", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "line 3: No material is called “Mori tidak ada”"));
  g_assert_nonnull (strstr (r.err, "line 5: This material is counted in m; kg cannot be converted to it."));
  g_assert_nonnull (strstr (r.out, "2 good rows; 0 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "import", "purchases", purchases, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "7 good rows; 7 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "export", "materials", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nMori primissima;mori;m;30;60;Toko Kain Sumber Rejeki;grade A;;75;30000\r\n"));
  g_clear_pointer (&contents, g_free);

  r = run_cli ("--data-dir", dir, "--comma", "export", "purchases", out_purchases, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (out_purchases, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\n2026-03-07,Benang,40,piece,60000,\r\n"));
  canting_test_rmdir (dir);
}

/* The IPAL daily log through the CLI: bad rows by line and reason on
 * stderr, exit status 1 and nothing written; the good log goes in and
 * comes out again. */
static void
test_import_export_ipal (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *good = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "ipal-log.csv", NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "ipal-log-bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "log-ipal.csv", NULL);
  g_autofree char *contents = NULL;
  Result r = run_cli ("--data-dir", dir, "import", "ipal", bad, NULL);

  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "line 2: The pH going out must be at most 14."));
  g_assert_nonnull (strstr (r.err, "line 3: The outflow cannot be negative."));
  g_assert_nonnull (strstr (r.err, "line 6: No plant (IPAL) is called “IPAL Sebelah”"));
  g_assert_nonnull (strstr (r.out, "1 good rows; 0 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "import", "ipal", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "3 good rows; 3 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "export", "ipal", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\n2026-10-02;07:45;IPAL bengkel;13000;12800;10,4;9,6;33;"));
  canting_test_rmdir (dir);
}

/* Lab tests the same way: bad rows by line on stderr and nothing
 * written, then the good sheet in and out again. */
static void
test_import_export_ipal_lab (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *good = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "ipal-lab.csv", NULL);
  g_autofree char *bad = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "ipal-lab-bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "uji-lab.csv", NULL);
  g_autofree char *contents = NULL;
  Result r = run_cli ("--data-dir", dir, "import", "ipal-lab", bad, NULL);

  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "line 4: Accredited “mungkin” must be ya or tidak (yes or no)."));
  g_assert_nonnull (strstr (r.out, "1 good rows; 0 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "import", "ipal-lab", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "2 good rows; 2 imported."));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "--comma", "export", "ipal-lab", out, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\n2026-10-14,09:30,IPAL bengkel,outlet IPAL,Pak Darmo,,"
                                      "UPT Laboratorium Lingkungan Jatim,ya,LHU-1014/2026,72,180,40,"));
  canting_test_rmdir (dir);
}

/* The monthly IPAL report from the command line: the month is required
 * and checked; the PDF and the CSV are written where asked. */
static void
test_ipal_report (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *pdf = g_build_filename (dir, "laporan.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "laporan.csv", NULL);
  g_autofree char *contents = NULL;
  Result r = run_cli ("--data-dir", dir, "ipal", "report", NULL);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--month"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "ipal", "report", "--month", "2026-13", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "“2026-13” is not a month to report"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "ipal", "report", "--month", "2026-10", "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, pdf));
  result_clear (&r);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_clear_pointer (&contents, g_free);

  r = run_cli ("--data-dir", dir, "ipal", "report", "--month", "2026-10", "--output", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfjenis;waktu;ipal;"));
  canting_test_rmdir (dir);
}

/* A workshop with a few months of money and orders, written straight
 * into the database the CLI made:
 *   2026-01  sales 2.000.000 (Kas), materials 500.000 (Kas), a voided sale
 *            of 999.999, 1.000.000 moved from Kas to Bank
 *   2026-02  sales 1.500.000 (Bank), utilities 200.000 (Bank)
 *   2026-03  sales 650.000.000 (Bank): the year passes Rp 500 million,
 *            tax 0,5 % of 153.500.000 = 767.500
 *   orders in March: 720.000 by WhatsApp, 600.000 from the online shop,
 *   and a draft of 1.000.000 that is not a sale. */
static void
reports_workshop (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "canting.db", NULL);
  sqlite3 *db = NULL;
  Result r = run_cli ("--data-dir", dir, "info", NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "UPDATE workshop SET name = 'Batik Tulis Kembang Turi', city = 'Kota Blitar';"
    "INSERT INTO ledger (on_date, kind, amount, category_id, account_id, to_account_id, voided) VALUES"
    "  ('2026-01-05', 'income', 2000000, (SELECT id FROM ledger_categories WHERE code = 'sales'), 1, NULL, 0),"
    "  ('2026-01-10', 'expense', 500000, (SELECT id FROM ledger_categories WHERE code = 'materials'), 1, NULL, 0),"
    "  ('2026-01-11', 'income', 999999, (SELECT id FROM ledger_categories WHERE code = 'sales'), 1, NULL, 1),"
    "  ('2026-01-20', 'transfer', 1000000, NULL, 1, 2, 0),"
    "  ('2026-02-03', 'income', 1500000, (SELECT id FROM ledger_categories WHERE code = 'sales'), 2, NULL, 0),"
    "  ('2026-02-10', 'expense', 200000, (SELECT id FROM ledger_categories WHERE code = 'utilities'), 2, NULL, 0),"
    "  ('2026-03-01', 'income', 650000000, (SELECT id FROM ledger_categories WHERE code = 'sales'), 2, NULL, 0);"
    "INSERT INTO customers (id, name, city) VALUES (1, 'Bu Sri', 'Blitar'), (2, 'Pak Budi', 'Malang');"
    "INSERT INTO orders (id, number, year, seq, customer_id, order_date, status, channel, total) VALUES"
    "  (1, 'PSN-2026-0001', 2026, 1, 1, '2026-03-02', 'confirmed', 'whatsapp', 720000),"
    "  (2, 'PSN-2026-0002', 2026, 2, 2, '2026-03-10', 'delivered', 'online_shop', 600000),"
    "  (3, 'PSN-2026-0003', 2026, 3, 2, '2026-03-11', 'draft', 'direct', 1000000);"
    "INSERT INTO order_items (order_id, position, description, quantity, unit_price) VALUES"
    "  (1, 1, 'Kain Kawung', 2, 360000), (2, 1, 'Kain Parang', 3, 200000), (3, 1, 'Seragam', 5, 200000);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The money reports from the command line: a readable table on stdout,
 * or the CSV or PDF asked for with -o; wrong options are usage errors. */
static void
test_reports (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *csv = g_build_filename (dir, "laba-rugi.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "laporan.pdf", NULL);
  g_autofree char *contents = NULL;
  Result r;

  reports_workshop (dir);

  /* January: 2.000.000 in, 500.000 out; February 1.500.000 and 200.000. */
  r = run_cli ("--data-dir", dir, "report", "pnl", "--from", "2026-01", "--to", "2026-02", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_nonnull (strstr (r.out, "Profit and Loss — January 2026 to February 2026\n"));
  g_assert_nonnull (strstr (r.out, "  Penjualan                  2.000.000     1.500.000     3.500.000\n"));
  g_assert_nonnull (strstr (r.out, "Total expenses                 500.000       200.000       700.000\n"));
  g_assert_nonnull (strstr (r.out, "Profit (loss)                1.500.000     1.300.000     2.800.000\n"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "report", "pnl", "--by", "year", "--from", "2025-12", "--to", "2026-03",
               "-o", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, csv));
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfjenis;kategori;2025;2026;total\r\n"));
  g_assert_nonnull (strstr (contents, "\r\nIncome;Penjualan;0;653500000;653500000\r\n"));
  g_assert_nonnull (strstr (contents, "\r\n;Profit (loss);0;652800000;652800000\r\n"));
  g_clear_pointer (&contents, g_free);

  /* Months stand for their first and last days. */
  r = run_cli ("--data-dir", dir, "report", "cashflow", "--from", "2026-01", "--to", "2026-01-31", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Cash Flow — 01/01/2026 to 31/01/2026\n"));
  g_assert_nonnull (strstr (r.out, "\nKas\n  Opening balance                    0\n  Money in                   2.000.000\n"
                                   "  Money out                    500.000\n  Transfers in                       0\n"
                                   "  Transfers out              1.000.000\n  Closing balance              500.000\n"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "report", "sales", "--by", "channel", "--from", "2026-03-01", "--to", "2026-03-31",
               NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "WhatsApp                                        1        2         720.000\n"));
  g_assert_nonnull (strstr (r.out, "Total                                           2        5       1.320.000\n"));
  g_assert_null (strstr (r.out, "In person"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "report", "sales", "--by", "channel", "--from", "2026-03-01", "--to", "2026-03-31",
               "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  contents = canting_test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (contents, "Sales by Channel — 01/03/2026 to 31/03/2026"));
  g_assert_nonnull (strstr (contents, "Batik Tulis Kembang Turi"));
  g_assert_nonnull (strstr (contents, "1.320.000"));
  g_clear_pointer (&contents, g_free);

  r = run_cli ("--data-dir", dir, "report", "tax", "--year", "2026", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Estimate only — not a tax assessment.\n"));
  g_assert_nonnull (strstr (r.out, "\nMarch 2026          650.000.000    653.500.000    153.500.000          767.500"
                                   "  Rp 500.000.000 passed\n"));
  g_assert_nonnull (strstr (r.out, "\nThis is an estimate, not a tax assessment:"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "report", "tax", "--year", "2026", "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  contents = canting_test_pdf_text (pdf, FALSE);
  g_assert_nonnull (strstr (contents, "Estimate only — not a tax assessment."));
  g_assert_nonnull (strstr (contents, "767.500"));
  g_assert_nonnull (strstr (contents, "This is an estimate, not a tax assessment"));
  g_clear_pointer (&contents, g_free);

  /* A wrong command line: 2, with what to write. */
  r = run_cli ("--data-dir", dir, "report", "pnl", "--from", "2026-01", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--from YYYY-MM --to YYYY-MM"));
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "report", "pnl", "--by", "week", "--from", "2026-01", "--to", "2026-02", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "report", "sales", "--by", "colour", "--from", "2026-03", "--to", "2026-03", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--by product, motif, channel or city"));
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "report", "tax", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--year YYYY"));
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "report", "balance", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  /* What the core refuses: 1, the reason on stderr, nothing on stdout. */
  r = run_cli ("--data-dir", dir, "report", "pnl", "--from", "2026-13", "--to", "2026-12", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "“2026-13” is not a month"));
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "report", "cashflow", "--from", "2026-02-01", "--to", "2026-01-31", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "ends before it starts"));
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "report", "tax", "--year", "2019", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no tax rule for 2019"));
  result_clear (&r);
  canting_test_rmdir (dir);
}

/* A workshop's records written straight into its database: the CLI has
 * no command to record orders and payments, and the figures must be
 * known.  Baseline: one order of Rp 1.000.000, paid.  Period: an e-Peken
 * order of 2.000.000, paid, and a WhatsApp order of 1.000.000 with 500.000
 * paid → income 2.500.000 (growth 150 %), online 2.000.000 of 3.000.000
 * (66,7 %). */
static char *
outcome_workshop (const char *name,
                  const char *city)
{
  char *dir = canting_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "canting.db", NULL);
  g_autofree char *sql = NULL;
  Result r = run_cli ("--data-dir", dir, "info", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  sql = g_strdup_printf (
    "UPDATE workshop SET name = '%s', city = '%s';"
    "INSERT INTO customers (id, name, phone, address, city) VALUES"
    "  (1, 'Ibu Wulandari Kencanasari', '0812-7777-4321', 'Jl. Melati Wangi No. 99', 'Malang'),"
    "  (2, 'Pak Hartono Sukmajaya', '0813-5555-8765', 'Perum Griya Asri Blok Z-17', 'Surabaya');"
    "INSERT INTO orders (id, number, year, seq, customer_id, order_date, status, total, channel) VALUES"
    "  (1, 'PSN-2025-0001', 2025, 1, 1, '2025-08-01', 'confirmed', 1000000, 'direct'),"
    "  (2, 'PSN-2026-0001', 2026, 1, 1, '2026-08-01', 'confirmed', 2000000, 'epeken'),"
    "  (3, 'PSN-2026-0002', 2026, 2, 2, '2026-08-02', 'confirmed', 1000000, 'whatsapp');"
    "INSERT INTO payments (order_id, amount, paid_on, method) VALUES"
    "  (1, 1000000, '2025-08-02', 'cash'), (2, 2000000, '2026-08-03', 'transfer'), (3, 500000, '2026-08-04', 'qris');",
    name, city);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return dir;
}

static Result
export_outcome (const char *dir,
                const char *file)
{
  return run_cli ("--data-dir", dir, "outcome", "export", "--from", "2026-07-01", "--to", "2026-09-30",
                  "--baseline-from", "2025-07-01", "--baseline-to", "2025-09-30", "-o", file, NULL);
}


/* A workshop's outcome: the dates and the file are required and checked;
 * the JSON is private and names no customer; the PDF shows the figures. */
static void
test_outcome_export (void)
{
  g_autofree char *dir = outcome_workshop ("Batik Sekar Jagad", "Blitar");
  g_autofree char *json = g_build_filename (dir, "hasil.json", NULL);
  g_autofree char *pdf = g_build_filename (dir, "hasil.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  GStatBuf st;
  Result r = run_cli ("--data-dir", dir, "outcome", "export", "--from", "2026-07-01", "-o", json, NULL);

  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--baseline-from"));
  result_clear (&r);

  r = export_outcome (dir, "hasil.txt");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "-o FILE.json"));
  result_clear (&r);

  r = run_cli ("--data-dir", dir, "outcome", "export", "--from", "2026-07-01", "--to", "2026-09-31",
               "--baseline-from", "2025-07-01", "--baseline-to", "2025-09-30", "-o", json, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "The end of the period, “2026-09-31”, is not a date"));
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  result_clear (&r);

  r = export_outcome (dir, json);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, json));
  result_clear (&r);
  g_assert_cmpint (g_stat (json, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\": \"canting-outcome\",\n  \"version\": 1,\n"));
  g_assert_nonnull (strstr (contents, "\"income\": 2500000,"));
  g_assert_nonnull (strstr (contents, "\"online_share_percent\": 66.7,"));
  g_assert_nonnull (strstr (contents, "\"income_growth_percent\": 150.0\n"));
  g_assert_null (strstr (contents, "Wulandari"));
  g_assert_null (strstr (contents, "Hartono"));
  g_assert_null (strstr (contents, "7777"));
  g_assert_null (strstr (contents, "Melati"));
  g_assert_null (strstr (contents, "Griya"));
  g_assert_null (strstr (contents, "Malang"));

  r = export_outcome (dir, pdf);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  text = canting_test_pdf_text (pdf, TRUE);
  g_assert_nonnull (strstr (text, "Outcome Report — Batik Sekar Jagad"));
  g_assert_nonnull (strstr (text, "Income grew by 150,0 %, from Rp 1.000.000 to Rp 2.500.000."));
  g_assert_nonnull (strstr (text, "Period: 01/07/2026 – 30/09/2026"));
  g_assert_nonnull (strstr (text, "66,7 %"));
  g_assert_nonnull (strstr (text, "Sales channels used in the period: WhatsApp, e-Peken."));
  g_assert_null (strstr (text, "Wulandari"));
  canting_test_rmdir (dir);
}

/* The association's report: good files counted; damaged, foreign,
 * other-version and duplicate files named on stderr and skipped; the
 * summary says how many; nothing written when nothing counts. */
static void
test_outcome_merge (void)
{
  g_autofree char *one = outcome_workshop ("Batik Sekar Jagad", "Blitar");
  g_autofree char *two = outcome_workshop ("Batik Kenanga", "Tulungagung");
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *a = g_build_filename (dir, "sekar.json", NULL);
  g_autofree char *b = g_build_filename (dir, "kenanga.json", NULL);
  g_autofree char *again = g_build_filename (dir, "sekar-lagi.json", NULL);
  g_autofree char *cut = g_build_filename (dir, "terpotong.json", NULL);
  g_autofree char *photo = g_build_filename (dir, "foto.json", NULL);
  g_autofree char *v2 = g_build_filename (dir, "versi2.json", NULL);
  g_autofree char *csv = g_build_filename (dir, "laporan.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "laporan.pdf", NULL);
  g_autofree char *nothing = g_build_filename (dir, "tidak-ditulis.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  Result r = export_outcome (one, a);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = export_outcome (two, b);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_get_contents (a, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (again, contents, (gssize) length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, (gssize) length / 3, NULL));
  g_assert_true (g_file_set_contents (photo, "\xff\xd8\xff\xe0 JFIF", -1, NULL));
  {
    g_autoptr(GString) edited = g_string_new (contents);
    g_string_replace (edited, "\"version\": 1", "\"version\": 2", 1);
    g_assert_true (g_file_set_contents (v2, edited->str, (gssize) edited->len, NULL));
  }

  r = run_cli ("outcome", "merge", a, b, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "-o REPORT.csv"));
  result_clear (&r);
  r = run_cli ("outcome", "merge", "-o", csv, NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);

  r = run_cli ("outcome", "merge", a, cut, b, photo, v2, again, "-o", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "2 workshop files counted, 4 skipped."));
  g_assert_nonnull (strstr (r.err, "terpotong.json: skipped: It is not readable JSON"));
  g_assert_nonnull (strstr (r.err, "foto.json: skipped: It is not readable JSON"));
  g_assert_nonnull (strstr (r.err, "versi2.json: skipped: It is version 2 of the outcome format"));
  g_assert_nonnull (strstr (r.err, "sekar-lagi.json: skipped: It is from the same workshop"));
  g_assert_null (strstr (r.err, "kenanga.json"));
  result_clear (&r);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nBatik Sekar Jagad;Blitar;"));
  g_assert_nonnull (strstr (contents, ";1000000;2500000;150,0;2;2;2;2;66,7;;0;;sekar.json\r\n"));
  g_assert_nonnull (strstr (contents, "\r\nJUMLAH;;;2000000;5000000;150,0;4;4;;;66,7;;0;;\r\n"));
  g_assert_nonnull (strstr (contents, "\r\nMEDIAN;;;1000000;2500000;150,0;2;2;2;2;66,7;;0;;\r\n"));
  g_assert_nonnull (strstr (contents, "\r\n50+;2\r\n"));
  g_assert_nonnull (strstr (contents, "\r\nberkas_dihitung;2\r\nberkas_dilewati;4\r\n"));

  r = run_cli ("outcome", "merge", a, b, cut, "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  text = canting_test_pdf_text (pdf, TRUE);
  g_assert_nonnull (strstr (text, "Association Outcome Report"));
  g_assert_nonnull (strstr (text, "Workshops counted: 2. Files not counted: 1."));
  /* A row per workshop, with its figures. */
  g_assert_true (g_regex_match_simple ("Batik Kenanga, +1\\.000\\.000 +2\\.500\\.000 +150,0 % +2 +2 +66,7 %",
                                       text, 0, 0));
  g_assert_nonnull (strstr (text, "Rp 5.000.000"));
  g_assert_nonnull (strstr (text, "terpotong.json: It is not readable JSON"));

  r = run_cli ("outcome", "merge", cut, photo, "-o", nothing, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "0 workshop files counted, 2 skipped."));
  g_assert_nonnull (strstr (r.err, "nothing was written"));
  g_assert_false (g_file_test (nothing, G_FILE_TEST_EXISTS));
  result_clear (&r);
  canting_test_rmdir (one);
  canting_test_rmdir (two);
  canting_test_rmdir (dir);
}

/* practice-shop: prints where it listens and the credentials, answers
 * like WooCommerce, logs requests without their query (the OAuth
 * signature), and stops by itself at its time limit, keeping --data. */
static void
test_practice_shop (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *data = g_build_filename (dir, "latihan.db", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *err = NULL;
  const char *request = "GET /wp-json/wc/v3/products?oauth_signature=RAHASIA HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  guint port = 0;
  gint64 start = g_get_monotonic_time ();
  char *line;
  gsize len;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           g_getenv ("CANTING_CLI"), "practice-shop", "--port", "0", "--time-limit", "2",
                           "--data", data, "--faults", "latency=10ms", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  first = g_data_input_stream_read_line_utf8 (out, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpint (sscanf (first, "Listening on http://127.0.0.1:%u", &port), ==, 1);
  g_assert_cmpuint (port, >, 0);

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                                            strlen (request), NULL, NULL, &error));
  {
    g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
    reply = g_data_input_stream_read_line_utf8 (in, &len, NULL, &error);
  }
  g_assert_no_error (error);
  /* Nobody signed in: WooCommerce's 401. */
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.0 401") || g_str_has_prefix (reply, "HTTP/1.1 401"));
  g_clear_object (&conn);

  while ((line = g_data_input_stream_read_line_utf8 (out, &len, NULL, &error)) != NULL)
    {
      g_string_append_printf (rest, "%s\n", line);
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  /* It ran until its limit, not much longer. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_true (g_regex_match_simple ("^Consumer key: ck_[0-9a-f]{40}$", rest->str, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Consumer secret: cs_[0-9a-f]{40}$", rest->str, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Application password: (\\w{4} ){5}\\w{4}$", rest->str, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (rest->str, "Injecting faults: latency=10ms"));
  g_assert_nonnull (strstr (rest->str, "GET /wp-json/wc/v3/products → 401\n"));
  g_assert_null (strstr (rest->str, "RAHASIA"));
  g_assert_nonnull (strstr (rest->str, "The practice shop stopped: its time limit of 2 seconds is up."));
  /* --data keeps the shop's file. */
  g_assert_true (g_file_test (data, G_FILE_TEST_IS_REGULAR));

  {
    Result r = run_cli ("practice-shop", "--faults", "500=sometimes", "--time-limit", "1", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "500=sometimes"));
    g_assert_null (strstr (r.out, "Listening on"));
    result_clear (&r);
    r = run_cli ("practice-shop", "--port", "70000", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "65535"));
    result_clear (&r);
    r = run_cli ("practice-shop", "--time-limit", "0", NULL);
    g_assert_cmpint (r.status, ==, 2);
    result_clear (&r);
  }
  canting_test_rmdir (dir);
}

/* A workshop with three products, written straight into its database
 * with a photo file each drawn here (the CLI cannot add photos):
 * PB-TL-0001 complete, PB-CP-0002 without a price, PB-TL-0003 without
 * a photo. */
static char *
epeken_workshop (void)
{
  char *dir = canting_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "canting.db", NULL);
  g_autofree char *photos = g_build_filename (dir, "photos", NULL);
  sqlite3 *db = NULL;
  Result r = run_cli ("--data-dir", dir, "info", NULL);

  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_cmpint (g_mkdir (photos, 0700), ==, 0);
  for (int i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("foto-%d.png", i);
      g_autofree char *file = g_build_filename (photos, name, NULL);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1500, 900);
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgb (cr, 0.4, 0.2 * i, 0.1);
      cairo_paint (cr);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "UPDATE workshop SET name = 'Batik Sekar Jagad', city = 'Kota Blitar', phone = '0812-3456-7890';"
    "INSERT INTO products (id, sku, name, motif, technique, size, price, description, weight) VALUES"
    "  (1, 'PB-TL-0001', 'Kain Tulis Kawung', 'Kawung', 'tulis', '2 × 1,15 m', 1250000, 'Pewarna alami.', 350),"
    "  (2, 'PB-CP-0002', 'Selendang Cap Parang', 'Parang', 'cap', '', 0, '', 120),"
    "  (3, 'PB-TL-0003', 'Kain Tulis Truntum', 'Truntum', 'tulis', '', 900000, '', 300);"
    "INSERT INTO product_stock_moves (product_id, delta, reason) VALUES (1, 3, 'adjustment');"
    "INSERT INTO product_photos (product_id, position, file, thumbnail) VALUES"
    "  (1, 1, 'foto-1.png', 'foto-1.png'), (2, 1, 'foto-2.png', 'foto-2.png');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return dir;
}

/* The e-Peken pack and the catalogue from the command line: what was
 * written on stdout, what was skipped and why on stderr; the files;
 * 1 for what the core refuses, 2 for a wrong command line. */
static void
test_epeken_pack (void)
{
  g_autofree char *dir = epeken_workshop ();
  g_autofree char *pack = g_build_filename (dir, "paket", NULL);
  g_autofree char *csv = g_build_filename (pack, "produk.csv", NULL);
  g_autofree char *photo = g_build_filename (pack, "foto", "PB-TL-0001-1.jpg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "katalog.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  Result r = run_cli ("--data-dir", dir, "epeken-pack", "--out", pack, NULL);

  g_assert_cmpint (r.status, ==, 0);
  expected = g_strdup_printf ("e-Peken pack written: %s\n"
                              "  produk.csv   products: 1\n"
                              "  foto/        photos: 1\n"
                              "  katalog.pdf\n", pack);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_nonnull (strstr (r.err, "canting-cli: skipped “Kain Tulis Truntum” (PB-TL-0003): no photo.\n"));
  g_assert_nonnull (strstr (r.err, "canting-cli: skipped “Selendang Cap Parang” (PB-CP-0002): no price.\n"));
  g_assert_nonnull (strstr (r.err, "--include-incomplete"));
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "\xef\xbb\xbfnama;kategori;deskripsi;harga;stok;berat (gram);sku;foto 1;foto 2;foto 3;foto 4;foto 5\r\n"
                   "Kain Tulis Kawung;Fashion > Kain Batik > Batik Tulis;Pewarna alami.;1250000;3;350;PB-TL-0001;"
                   "PB-TL-0001-1.jpg;;;;\r\n");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_test (photo, G_FILE_TEST_IS_REGULAR));

  /* Asked for by SKU, with the incomplete ones: in, each with a warning. */
  r = run_cli ("--data-dir", dir, "epeken-pack", "--out", pack, "--sku", "PB-CP-0002", "--sku", "PB-TL-0003",
               "--include-incomplete", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "  produk.csv   products: 2\n  foto/        photos: 1\n"));
  g_assert_nonnull (strstr (r.err, "canting-cli: warning: “Selendang Cap Parang” (PB-CP-0002): no price.\n"));
  g_assert_nonnull (strstr (r.err, "canting-cli: warning: “Kain Tulis Truntum” (PB-TL-0003): no photo.\n"));
  g_assert_null (strstr (r.err, "skipped"));
  result_clear (&r);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nSelendang Cap Parang;Fashion > Kain Batik > Batik Cap;Batik cap motif Parang.;0;0;120;"
                                      "PB-CP-0002;PB-CP-0002-1.jpg;;;;\r\n"));
  g_assert_false (g_file_test (photo, G_FILE_TEST_EXISTS));
  g_clear_pointer (&contents, g_free);

  /* What the core refuses: 1, the reason, the earlier pack kept. */
  r = run_cli ("--data-dir", dir, "epeken-pack", "--out", pack, "--sku", "PB-XX-9999", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "No product has the SKU “PB-XX-9999”."));
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "epeken-pack", "--out", pack, "--sku", "PB-TL-0003", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "skipped “Kain Tulis Truntum” (PB-TL-0003): no photo."));
  g_assert_nonnull (strstr (r.err, "None of the chosen products can go in the pack; nothing was written."));
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "epeken-pack", "--out", dir, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "already holds other files"));
  result_clear (&r);
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));

  /* A wrong command line: 2, with what to write. */
  r = run_cli ("--data-dir", dir, "epeken-pack", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--out DIR"));
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "epeken-pack", "--out", pack, "--sku", "PB-TL-0001", "PB-CP-0002", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "its own --sku"));
  result_clear (&r);
  r = run_cli ("--data-dir", dir, "catalogue", "-o", "katalog.docx", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "-o FILE.pdf"));
  result_clear (&r);

  /* The catalogue: the workshop and the products with their prices. */
  r = run_cli ("--data-dir", dir, "catalogue", "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_free (expected);
  expected = g_strdup_printf ("Catalogue written: %s (products: 1)\n", pdf);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_nonnull (strstr (r.err, "skipped “Selendang Cap Parang” (PB-CP-0002): no price."));
  result_clear (&r);
  contents = g_strdelimit (canting_test_pdf_text (pdf, FALSE), "\n", ' ');
  g_assert_nonnull (strstr (contents, "Batik Sekar Jagad"));
  g_assert_nonnull (strstr (contents, "Order by WhatsApp: 0812-3456-7890"));
  g_assert_nonnull (strstr (contents, "Kain Tulis Kawung"));
  g_assert_nonnull (strstr (contents, "SKU PB-TL-0001"));
  g_assert_nonnull (strstr (contents, "Rp 1.250.000"));
  g_assert_null (strstr (contents, "Selendang"));
  canting_test_rmdir (dir);
}

/* --out FILE.zip (any case): the same pack as one zip, read back here
 * with libarchive: the CSV, foto/ and the photo, the catalogue; private
 * to its owner.  A file under the name that is not a zip is refused. */
static void
test_epeken_pack_zip (void)
{
  g_autofree char *dir = epeken_workshop ();
  g_autofree char *zip = g_build_filename (dir, "Paket Epeken.ZIP", NULL);
  g_autofree char *letter = g_build_filename (dir, "surat.zip", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  GStatBuf st;
  Result r = run_cli ("--data-dir", dir, "epeken-pack", "--out", zip, NULL);

  g_assert_cmpint (r.status, ==, 0);
  expected = g_strdup_printf ("e-Peken pack written: %s\n"
                              "  produk.csv   products: 1\n"
                              "  foto/        photos: 1\n"
                              "  katalog.pdf\n", zip);
  g_assert_cmpstr (r.out, ==, expected);
  result_clear (&r);

  g_assert_cmpint (archive_read_support_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_read_open_filename (archive, zip, 10240), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", name);
      if (g_str_equal (name, "produk.csv"))
        {
          gsize size = (gsize) archive_entry_size (entry);

          csv = g_malloc0 (size + 1);
          g_assert_cmpint (archive_read_data (archive, csv, size), ==, (la_ssize_t) size);
        }
      else
        g_assert_cmpint (archive_read_data_skip (archive), ==, ARCHIVE_OK);
    }
  g_assert_cmpint (archive_read_free (archive), ==, ARCHIVE_OK);
  g_assert_cmpstr (names->str, ==, "produk.csv foto/ foto/PB-TL-0001-1.jpg katalog.pdf");
  g_assert_cmpstr (csv, ==,
                   "\xef\xbb\xbfnama;kategori;deskripsi;harga;stok;berat (gram);sku;foto 1;foto 2;foto 3;foto 4;foto 5\r\n"
                   "Kain Tulis Kawung;Fashion > Kain Batik > Batik Tulis;Pewarna alami.;1250000;3;350;PB-TL-0001;"
                   "PB-TL-0001-1.jpg;;;;\r\n");
  g_assert_cmpint (g_stat (zip, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Written again over itself: fine.  Over a file that is not a zip: 1,
   * the reason, the file as it was. */
  r = run_cli ("--data-dir", dir, "epeken-pack", "--out", zip, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_set_contents (letter, "penting", -1, NULL));
  r = run_cli ("--data-dir", dir, "epeken-pack", "--out", letter, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "is not a zip file"));
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);
  g_assert_true (g_file_get_contents (letter, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "penting");

  /* The help names both. */
  r = run_cli ("--help", NULL);
  g_assert_nonnull (strstr (r.out, "epeken-pack --out DIR|FILE.zip"));
  result_clear (&r);
  canting_test_rmdir (dir);
}

#define SHOP_USER "pelatih"
#define SHOP_PASSWORD "Rhs1 Abcd Efgh Ijkl Mnop Qrst"

/* Whether any of @texts holds the shop's password (or a piece of it). */
static void
assert_no_secret (const char *text,
                  gsize       length)
{
  g_assert_null (g_strstr_len (text, (gssize) length, SHOP_PASSWORD));
  g_assert_null (g_strstr_len (text, (gssize) length, "Efgh Ijkl"));
}

static void
assert_result_no_secret (Result *r)
{
  assert_no_secret (r->out, strlen (r->out));
  assert_no_secret (r->err, strlen (r->err));
}

/* canting-cli practice-shop on a free port of this computer, for a
 * minute at most, with the shop's user and password; its address through
 * @out_url. */
static GSubprocess *
practice_shop_start (char **out_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  GSubprocess *shop;

  g_subprocess_launcher_setenv (launcher, "CANTING_SHOP_USER", SHOP_USER, TRUE);
  g_subprocess_launcher_setenv (launcher, "CANTING_SHOP_APP_PASSWORD", SHOP_PASSWORD, TRUE);
  shop = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CANTING_CLI"), "practice-shop", "--time-limit",
                                      "60", NULL);
  g_assert_no_error (error);
  /* Its standard output stays open for the rest of its log. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (shop));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (out), FALSE);
  first = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, "Listening on "));
  *out_url = g_strdup (first + strlen ("Listening on "));
  return shop;
}

/* channel add (the password from stdin, into the keyring), channel list,
 * publish with --dry-run, --all and --sku, against a practice shop; and
 * the password in no output and nowhere in the workshop's files. */
static void
test_channels_and_publish (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *ws = g_build_filename (dir, "bengkel", NULL);
  g_autofree char *csv = g_build_filename (dir, "produk.csv", NULL);
  g_autofree char *db_path = g_build_filename (ws, "canting.db", NULL);
  g_autofree char *wal_path = g_build_filename (ws, "canting.db-wal", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) shop = practice_shop_start (&url);
  g_autoptr(GError) error = NULL;
  g_autofree char *password_line = g_strconcat (SHOP_PASSWORD, "\n", NULL);
  sqlite3 *db = NULL;
  Result r;

  /* Plain http to another computer is refused before any password is
   * asked for. */
  r = canting_test_run_cli (password_line, "--data-dir", ws, "channel", "add", "--name", "Toko Jauh", "--url",
                     "http://toko-batik.example", "--user", SHOP_USER, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "https://"));
  result_clear (&r);
  /* No password on stdin: nothing saved. */
  r = canting_test_run_cli ("", "--data-dir", ws, "channel", "add", "--name", "Toko Latihan", "--url", url,
                     "--user", SHOP_USER, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "standard input"));
  result_clear (&r);

  r = canting_test_run_cli (password_line, "--data-dir", ws, "channel", "add", "--name", "Toko Latihan", "--url", url,
                     "--user", SHOP_USER, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "keyring"));
  assert_result_no_secret (&r);
  result_clear (&r);

  r = run_cli ("--data-dir", ws, "channel", "list", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Toko Latihan"));
  g_assert_nonnull (strstr (r.out, url));
  g_assert_null (strstr (r.out, "Toko Jauh"));
  g_assert_nonnull (strstr (r.out, "0 operations waiting"));
  result_clear (&r);

  g_assert_true (g_file_set_contents (csv, "sku;name;motif;technique;price;stock\n"
                                           "BTK-001;Batik Tulis Kawung;Kawung;tulis;350000;4\n"
                                           "BTK-002;Batik Cap Parang;Parang;cap;150000;10\n", -1, NULL));
  r = run_cli ("--data-dir", ws, "import", "products", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  /* What would be sent, exactly; nothing queued, nothing sent. */
  r = run_cli ("--data-dir", ws, "publish", "--channel", "Toko Latihan", "--all", "--dry-run", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "POST /wp-json/wc/v3/products/batch  (2 new products, 0 updates)"));
  g_assert_nonnull (strstr (r.out, "\"sku\" : \"BTK-002\""));
  g_assert_nonnull (strstr (r.out, "\"regular_price\" : \"350000\""));
  assert_result_no_secret (&r);
  result_clear (&r);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM listings"), ==, 0);

  r = run_cli ("--data-dir", ws, "publish", "--channel", "Toko Latihan", "--sku", "BTK-404", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "No product has the SKU “BTK-404”"));
  result_clear (&r);

  r = run_cli ("--data-dir", ws, "publish", "--channel", "Toko Latihan", "--all", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Sent: 2. Refused: 0."));
  assert_result_no_secret (&r);
  result_clear (&r);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM listings WHERE state = 'online' AND remote_id > 0"),
                   ==, 2);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM outbox"), ==, 0);

  /* A wrong password: the channel is paused with words, the update waits. */
  r = canting_test_run_cli ("salah sekali\n", "--data-dir", ws, "channel", "add", "--name", "Toko Latihan", "--url", url,
                     "--user", SHOP_USER, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli ("--data-dir", ws, "publish", "--channel", "Toko Latihan", "--sku", "BTK-001", "BTK-002", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "password"));
  g_assert_nonnull (strstr (r.out, "2 operations are still waiting"));
  g_assert_null (strstr (r.err, "salah sekali"));
  result_clear (&r);

  /* The right one again: the waiting updates go. */
  r = canting_test_run_cli (password_line, "--data-dir", ws, "channel", "add", "--name", "Toko Latihan", "--url", url,
                     "--user", SHOP_USER, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli ("--data-dir", ws, "publish", "--channel", "Toko Latihan", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Sent: 2. Refused: 0."));
  result_clear (&r);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM outbox"), ==, 0);
  sqlite3_close (db);

  {
    const char *files[] = { db_path, wal_path };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *contents = NULL;
        gsize length = 0;

        if (!g_file_test (files[i], G_FILE_TEST_EXISTS))
          continue;
        g_assert_true (g_file_get_contents (files[i], &contents, &length, NULL));
        assert_no_secret (contents, length);
        g_assert_null (g_strstr_len (contents, (gssize) length, "salah sekali"));
      }
  }

  g_subprocess_send_signal (shop, SIGTERM);
  g_subprocess_wait (shop, NULL, NULL);
  canting_test_rmdir (dir);
}

/* A request to the practice shop as a customer's checkout makes it:
 * plain HTTP/1.1 with the application password.  (transfer full) the
 * whole reply, status line first. */
static char *
shop_request (const char *url,
              const char *method,
              const char *path,
              const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = g_socket_client_connect_to_uri (client, url, 80, NULL, &error);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);
  g_autofree char *credentials = g_strdup_printf ("%s:%s", SHOP_USER, SHOP_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *request = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);
  GInputStream *in;
  char buffer[4096];
  gssize n;

  g_assert_no_error (error);
  request = g_strdup_printf ("%s %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Basic %s\r\n"
                             "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                             method, path, g_uri_get_host (uri), g_uri_get_port (uri), encoded, strlen (body), body);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request,
                                            strlen (request), NULL, NULL, &error));
  g_assert_no_error (error);
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (reply, buffer, n);
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&reply), FALSE);
}

/* sync: an order made on the shop comes in once, with its payment; the
 * stock the sale lowered goes to the shop; wrong command lines and an
 * unknown channel are refused. */
static void
test_sync (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *ws = g_build_filename (dir, "bengkel", NULL);
  g_autofree char *csv = g_build_filename (dir, "produk.csv", NULL);
  g_autofree char *db_path = g_build_filename (ws, "canting.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) shop = practice_shop_start (&url);
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *password_line = g_strconcat (SHOP_PASSWORD, "\n", NULL);
  sqlite3 *db = NULL;
  Result r;

  r = run_cli ("--data-dir", ws, "sync", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--channel"));
  result_clear (&r);
  r = run_cli ("--data-dir", ws, "sync", "--channel", "Toko Latihan", "lagi", NULL);
  g_assert_cmpint (r.status, ==, 2);
  result_clear (&r);
  r = run_cli ("--data-dir", ws, "sync", "--channel", "Toko Latihan", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "There is no channel called “Toko Latihan”"));
  g_assert_cmpstr (r.out, ==, "");
  result_clear (&r);

  r = canting_test_run_cli (password_line, "--data-dir", ws, "channel", "add", "--name", "Toko Latihan", "--url", url,
                     "--user", SHOP_USER, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  g_assert_true (g_file_set_contents (csv, "sku;name;motif;technique;price;stock\n"
                                           "BTK-001;Batik Tulis Kawung;Kawung;tulis;350000;4\n", -1, NULL));
  r = run_cli ("--data-dir", ws, "import", "products", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = run_cli ("--data-dir", ws, "publish", "--channel", "Toko Latihan", "--all", NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  reply = shop_request (url, "POST", "/wp-json/wc/v3/orders",
                        "{\"set_paid\":true,\"billing\":{\"first_name\":\"Sri\",\"city\":\"Blitar\"},"
                        "\"line_items\":[{\"sku\":\"BTK-001\",\"quantity\":1}]}");
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 201"));

  r = run_cli ("--data-dir", ws, "sync", "--channel", "Toko Latihan", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "New orders: 1. Updated: 0. Unchanged: 0."));
  g_assert_nonnull (strstr (r.out, "Stock sent to the shop for 1 product."));
  assert_result_no_secret (&r);
  result_clear (&r);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM orders WHERE channel = 'online_shop'"), ==, 1);
  g_assert_cmpint (canting_test_query_int (db, "SELECT sum(amount) FROM ledger WHERE kind = 'income' AND voided = 0"),
                   ==, 350000);
  g_assert_cmpint (canting_test_query_int (db, "SELECT sum(delta) FROM product_stock_moves"), ==, 3);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM outbox"), ==, 0);

  r = run_cli ("--data-dir", ws, "sync", "--channel", "Toko Latihan", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "New orders: 0. Updated: 0. Unchanged: 1."));
  result_clear (&r);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (canting_test_query_int (db, "SELECT count(*) FROM payments"), ==, 1);
  sqlite3_close (db);

  g_subprocess_send_signal (shop, SIGTERM);
  g_subprocess_wait (shop, NULL, NULL);
  canting_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  CantingTestKeyring *keyring;
  int rc;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CANTING_CLI"));

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/info-and-backups", test_info_and_backups);
  g_test_add_func ("/cli/errors", test_errors);
  g_test_add_func ("/cli/restore-over-damaged", test_restore_over_damaged);
  g_test_add_func ("/cli/bench-lines", test_bench_lines);
  g_test_add_func ("/cli/bench-all-small", test_bench_all_small);
  g_test_add_func ("/cli/generate", test_generate);
  g_test_add_func ("/cli/import-export", test_import_export);
  g_test_add_func ("/cli/import-export-stock", test_import_export_stock);
  g_test_add_func ("/cli/ipal-report", test_ipal_report);
  g_test_add_func ("/cli/import-export-ipal", test_import_export_ipal);
  g_test_add_func ("/cli/import-export-ipal-lab", test_import_export_ipal_lab);
  g_test_add_func ("/cli/outcome-export", test_outcome_export);
  g_test_add_func ("/cli/outcome-merge", test_outcome_merge);
  g_test_add_func ("/cli/reports", test_reports);
  g_test_add_func ("/cli/practice-shop", test_practice_shop);
  g_test_add_func ("/cli/epeken-pack", test_epeken_pack);
  g_test_add_func ("/cli/epeken-pack-zip", test_epeken_pack_zip);
  g_test_add_func ("/cli/channels-and-publish", test_channels_and_publish);
  g_test_add_func ("/cli/sync", test_sync);
  keyring = canting_test_keyring_start ();
  rc = g_test_run ();
  canting_test_keyring_stop (keyring);
  return rc;
}
