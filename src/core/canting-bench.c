/* canting-bench.c: timing the order list and the stock figures at scale.
 *
 * Each figure is the median of several runs, so one slow run (another
 * process, a cold cache) does not decide it.  Baselines:
 * - opening the list is compared with loading every order at once, what a
 *   list that does not page would do;
 * - searching is compared with the straightforward search that tests
 *   every order in turn for the same matches;
 * - stock on hand and average cost of every material are compared with
 *   the bare sums, run by the sqlite3 shell on the same file and timed by
 *   the shell itself (its .timer), so starting a process is not counted
 *   against it;
 * - the dashboard's money figures and a year's profit and loss are
 *   compared with the very aggregate query the report runs (the same SQL
 *   text and parameters), by the sqlite3 shell in the same way: what is
 *   left is the report's own cost. */
#include "canting-bench.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "canting-csv.h"
#include "canting-customer.h"
#include "canting-dashboard.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-generate.h"
#include "canting-i18n.h"
#include "canting-ipal.h"
#include "canting-ipal-trend.h"
#include "canting-ledger.h"
#include "canting-material.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-production.h"
#include "canting-profile.h"
#include "canting-outcome.h"
#include "canting-outcome-merge.h"
#include "canting-report.h"
#include "canting-report-private.h"
#include "canting-sql-private.h"

#define RUNS 7
#define PAGE 50
/* A workshop's materials, with room to spare: the seeded ones, every
 * grade of mori, a shelf of dyes and chemicals. */
#define STOCK_MATERIALS 300

void
canting_bench_result_free (CantingBenchResult *result)
{
  if (result == NULL)
    return;
  g_free (result->name);
  g_free (result->baseline);
  g_free (result);
}

typedef gboolean (*BenchFunc) (CantingDb *db, gpointer data, GError **error);

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Sorts @times (RUNS of them). */
static double
median_of (double *times)
{
  qsort (times, RUNS, sizeof times[0], compare_doubles);
  return times[RUNS / 2];
}

static gboolean
median_ms (CantingDb  *db,
           BenchFunc   func,
           gpointer    data,
           double     *out_ms,
           GError    **error)
{
  double times[RUNS];

  for (int i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      if (!func (db, data, error))
        return FALSE;
      times[i] = (double) (g_get_monotonic_time () - start) / 1000.0;
    }
  *out_ms = median_of (times);
  return TRUE;
}

/* What the Pesanan page does on open: count for the scrollbar, then the
 * first page. */
static gboolean
open_list (CantingDb  *db,
           gpointer    data,
           GError    **error)
{
  const CantingOrderFilter *filter = data;
  g_autoptr(GPtrArray) rows = NULL;

  if (canting_order_count (db, filter, error) < 0)
    return FALSE;
  rows = canting_order_search (db, filter, 0, PAGE, error);
  return rows != NULL;
}

static gboolean
load_everything (CantingDb  *db,
                 gpointer    data,
                 GError    **error)
{
  const CantingOrderFilter *filter = data;
  g_autoptr(GPtrArray) rows = canting_order_search (db, filter, 0, G_MAXUINT, error);

  return rows != NULL;
}

/* The straightforward search: every order tested in turn against the
 * number, the customer's name and its lines' products and descriptions.
 * Same matches as canting_order_search(), count and first page. */
static gboolean
row_by_row_search (CantingDb  *db,
                   gpointer    data,
                   GError    **error)
{
  const CantingOrderFilter *filter = data;
  g_autofree char *pattern = canting_sql_like_pattern (filter->text);
  static const char * const sql[] = {
    "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
    "WHERE o.number LIKE ?1 OR c.name LIKE ?1 OR EXISTS (SELECT 1 FROM order_items i "
    "LEFT JOIN products p ON p.id = i.product_id WHERE i.order_id = o.id "
    "AND (p.motif LIKE ?1 OR p.name LIKE ?1 OR (i.product_id IS NULL AND i.description LIKE ?1)))",
    "SELECT o.id, o.number, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
    "WHERE o.number LIKE ?1 OR c.name LIKE ?1 OR EXISTS (SELECT 1 FROM order_items i "
    "LEFT JOIN products p ON p.id = i.product_id WHERE i.order_id = o.id "
    "AND (p.motif LIKE ?1 OR p.name LIKE ?1 OR (i.product_id IS NULL AND i.description LIKE ?1))) "
    "ORDER BY o.order_date DESC, o.id DESC LIMIT 50",
  };

  for (gsize q = 0; q < G_N_ELEMENTS (sql); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql[q], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      if (rc != SQLITE_DONE)
        {
          canting_db_set_error (error, canting_db_get_handle (db), rc, "bench");
          return FALSE;
        }
    }
  return TRUE;
}

static CantingBenchResult *
result_new (const char *name,
            double      canting_ms,
            double      baseline_ms,
            const char *baseline)
{
  CantingBenchResult *r = g_new0 (CantingBenchResult, 1);

  r->name = g_strdup (name);
  r->canting_ms = canting_ms;
  r->baseline_ms = baseline_ms;
  r->baseline = g_strdup (baseline);
  return r;
}

GPtrArray *
canting_bench_orders (const char  *data_dir,
                      guint        n_orders,
                      GError     **error)
{
  g_autoptr(CantingDb) db = canting_db_open_full (data_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  CantingOrderFilter all = { .status = -1, .today = "2026-01-15" };
  CantingOrderFilter search = { .status = -1, .today = "2026-01-15", .text = "budi" };
  double canting_ms, baseline_ms;

  if (db == NULL || !canting_generate_orders (db, n_orders, 20261124, error))
    return NULL;
  /* Plan statistics, as a long-used database would have them. */
  if (sqlite3_exec (canting_db_get_handle (db), "ANALYZE", NULL, NULL, NULL) != SQLITE_OK)
    {
      canting_db_set_error (error, canting_db_get_handle (db), sqlite3_errcode (canting_db_get_handle (db)), "ANALYZE");
      return NULL;
    }

  if (!median_ms (db, open_list, &all, &canting_ms, error) ||
      !median_ms (db, load_everything, &all, &baseline_ms, error))
    return NULL;
  g_ptr_array_add (results, result_new ("orders.open-first-page", canting_ms, baseline_ms,
                                        "loading the whole list at once"));

  if (!median_ms (db, open_list, &search, &canting_ms, error) ||
      !median_ms (db, row_by_row_search, &search, &baseline_ms, error))
    return NULL;
  g_ptr_array_add (results, result_new ("orders.search", canting_ms, baseline_ms,
                                        "testing every order in turn, count and first page"));
  return g_steal_pointer (&results);
}

/* What the Bahan page shows for every material: stock on hand and
 * average cost, through canting_material_search(). */
static gboolean
all_stock (CantingDb  *db,
           gpointer    data,
           GError    **error)
{
  CantingMaterialFilter all = { .kind = -1, .include_archived = TRUE };
  g_autoptr(GPtrArray) materials = canting_material_search (db, &all, 0, G_MAXUINT, error);
  CantingMoney worth = 0;

  if (materials == NULL)
    return FALSE;
  for (guint i = 0; i < materials->len; i++)
    {
      const CantingMaterial *m = g_ptr_array_index (materials, i);
      worth += (CantingMoney) llround ((double) canting_material_average_cost (m) * (double) m->on_hand /
                                       CANTING_QUANTITY_ONE);
    }
  g_debug ("%u materials, stock worth about %" G_GINT64_FORMAT, materials->len, worth);
  return TRUE;
}

/* @query by the sqlite3 shell on @path: RUNS times in one process, after
 * @setup (parameters: ".param set ?1 ..."), each timed by the shell's
 * .timer ("Run Time: real 0.012 user 0.010215 sys 0.001874").  Elapsed
 * time comes in whole milliseconds and CPU time in microseconds; the
 * larger of the two counts, so a small query (a fraction of a
 * millisecond) still gets a figure. */
static gboolean
shell_ms (const char  *path,
          const char  *setup,
          const char  *query,
          double      *out_ms,
          GError     **error)
{
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autoptr(GString) script = g_string_new (setup);
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  double times[RUNS];
  int n = 0;

  if (shell == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("This benchmark compares with the sqlite3 shell, which is not installed "
                     "(Debian package sqlite3)."));
      return FALSE;
    }
  g_string_append (script, ".timer on\n");
  for (int i = 0; i < RUNS; i++)
    g_string_append_printf (script, "%s;\n", query);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                           shell, "-batch", path, NULL);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, script->str, NULL, &out, NULL, error))
    return FALSE;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The sqlite3 shell failed on %s."), path);
      return FALSE;
    }
  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL && n < RUNS; i++)
    {
      double real = 0, user = 0, sys = 0;
      char *p = lines[i] + strlen ("Run Time: real ");

      if (!g_str_has_prefix (lines[i], "Run Time: real "))
        continue;
      real = g_ascii_strtod (p, &p);
      if (g_str_has_prefix (p, " user "))
        user = g_ascii_strtod (p + strlen (" user "), &p);
      if (g_str_has_prefix (p, " sys "))
        sys = g_ascii_strtod (p + strlen (" sys "), &p);
      times[n++] = MAX (real, user + sys) * 1000.0;
    }
  if (n < RUNS)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The sqlite3 shell did not report its timings."));
      return FALSE;
    }
  *out_ms = median_of (times);
  return TRUE;
}

/* Plan statistics, as a long-used database would have them; and the
 * data moved from the write-ahead log into the file, so the shell reads
 * what Canting reads. */
static gboolean
settle (CantingDb  *db,
        GError    **error)
{
  sqlite3 *handle = canting_db_get_handle (db);

  if (sqlite3_exec (handle, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    {
      canting_db_set_error (error, handle, sqlite3_errcode (handle), "ANALYZE");
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
canting_bench_stock (const char  *data_dir,
                     guint        n_movements,
                     GError     **error)
{
  g_autoptr(CantingDb) db = canting_db_open_full (data_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  double canting_ms = 0, baseline_ms = 0;

  if (db == NULL || !canting_generate_stock (db, n_movements, STOCK_MATERIALS, 20261124, error) ||
      !settle (db, error))
    return NULL;

  if (!median_ms (db, all_stock, NULL, &canting_ms, error) ||
      !shell_ms (canting_db_get_path (db), "",
                 "SELECT material_id, sum(quantity), sum(value) FROM stock_movements GROUP BY material_id",
                 &baseline_ms, error))
    return NULL;
  g_ptr_array_add (results, result_new ("stock", canting_ms, baseline_ms,
                                        "the sqlite3 shell summing quantity and value by material, by its own .timer"));
  return g_steal_pointer (&results);
}

/* --- money reports --------------------------------------------------------- */

/* The generated ledger ends in December 2025: the dashboard shows that
 * month against November and December 2024, and the twelve months to it;
 * the yearly profit and loss is 2025's, month by month. */
#define BENCH_MONTH "2025-12"
#define BENCH_YEAR_FROM "2025-01"
#define BENCH_YEAR_TO "2025-12"

static gboolean
dashboard_figures (CantingDb  *db,
                   gpointer    data,
                   GError    **error)
{
  CantingMonthFigures figures;

  if (!canting_report_month_figures (db, BENCH_MONTH, &figures, error))
    return FALSE;
  g_debug ("this month %" G_GINT64_FORMAT ", a year ago %" G_GINT64_FORMAT,
           figures.this_month.income, figures.year_ago.income);
  return TRUE;
}

static gboolean
year_pnl (CantingDb  *db,
          gpointer    data,
          GError    **error)
{
  g_autoptr(CantingPnl) pnl = canting_pnl_new (db, BENCH_YEAR_FROM, BENCH_YEAR_TO, CANTING_REPORT_BY_MONTH, error);

  if (pnl == NULL)
    return FALSE;
  g_debug ("2025: profit %" G_GINT64_FORMAT, pnl->profit->total);
  return TRUE;
}

GPtrArray *
canting_bench_reports (const char  *data_dir,
                       guint        n_entries,
                       GError     **error)
{
  g_autoptr(CantingDb) db = canting_db_open_full (data_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  double canting_ms = 0, baseline_ms = 0;

  if (db == NULL || !canting_generate_ledger (db, n_entries, 20261124, error) || !settle (db, error))
    return NULL;

  /* The thirteen months the dashboard's one query covers. */
  if (!median_ms (db, dashboard_figures, NULL, &canting_ms, error) ||
      !shell_ms (canting_db_get_path (db), ".param set ?1 \"'2024-12'\"\n.param set ?2 \"'2026-01'\"\n",
                 CANTING_REPORT_MONTHLY_SQL, &baseline_ms, error))
    return NULL;
  g_ptr_array_add (results, result_new ("reports.dashboard", canting_ms, baseline_ms,
                                        "the sqlite3 shell running the same sums by day, by its own .timer"));

  if (!median_ms (db, year_pnl, NULL, &canting_ms, error) ||
      !shell_ms (canting_db_get_path (db),
                 ".param set ?1 \"'2025-01'\"\n.param set ?2 \"'2026-01'\"\n",
                 CANTING_REPORT_PNL_SQL, &baseline_ms, error))
    return NULL;
  g_ptr_array_add (results, result_new ("reports.pnl-year", canting_ms, baseline_ms,
                                        "the sqlite3 shell running the same sums by day and category, by its own .timer"));
  return g_steal_pointer (&results);
}

/* --- outcome files ------------------------------------------------------- */

/* A plausible workshop's figures, consistent as a real export's are. */
static CantingOutcome *
generated_outcome (GRand *rand,
                   guint  index)
{
  CantingOutcome *o = g_new0 (CantingOutcome, 1);
  CantingOutcomePeriod *periods[] = { &o->baseline, &o->period };
  guint online = 0;

  for (guint c = 0; c < CANTING_SALES_CHANNEL_COUNT; c++)
    if (canting_sales_channel_is_online (c))
      online |= 1u << c;

  o->workshop_id = g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", g_rand_int (rand),
                                    g_rand_int_range (rand, 0, 0x10000), g_rand_int_range (rand, 0, 0x1000),
                                    g_rand_int_range (rand, 0x8000, 0xc000), g_rand_int_range (rand, 0, 0x10000),
                                    g_rand_int (rand));
  o->workshop_name = g_strdup_printf ("Batik Uji %04u", index);
  o->workshop_city = g_strdup ("Blitar");
  o->generated_at = g_strdup ("2026-10-05T02:14:09Z");
  o->generator = g_strdup ("Canting " PACKAGE_VERSION);
  o->baseline.from = g_strdup ("2025-07-01");
  o->baseline.to = g_strdup ("2025-09-30");
  o->period.from = g_strdup ("2026-07-01");
  o->period.to = g_strdup ("2026-09-30");
  for (guint k = 0; k < G_N_ELEMENTS (periods); k++)
    {
      CantingOutcomePeriod *p = periods[k];

      /* One workshop in twenty starts recording in the period. */
      if (k == 0 && g_rand_int_range (rand, 0, 20) == 0)
        continue;
      p->orders = g_rand_int_range (rand, 1, 200);
      p->customers = g_rand_int_range (rand, 1, (gint32) p->orders + 1);
      p->cities = g_rand_int_range (rand, 0, (gint32) p->customers + 1);
      p->channels = (guint) g_rand_int_range (rand, 1, 1 << CANTING_SALES_CHANNEL_COUNT);
      p->sales = p->orders * g_rand_int_range (rand, 100000, 2000000);
      p->online_sales = (p->channels & online) != 0 ? p->sales / g_rand_int_range (rand, 1, 5) : 0;
      p->income = p->sales - p->sales / g_rand_int_range (rand, 3, 10);
      p->ipal_measurements = g_rand_int_range (rand, 0, 100);
      p->ipal_compliant = g_rand_int_range (rand, 0, (gint32) p->ipal_measurements + 1);
      p->lab_tests = g_rand_int_range (rand, 0, 4);
      p->lab_tests = MIN (p->lab_tests, p->ipal_measurements);
      p->materials_in_use = g_rand_int_range (rand, 0, 30);
      p->materials_sufficient = g_rand_int_range (rand, 0, (gint32) p->materials_in_use + 1);
    }
  return o;
}

typedef struct {
  GPtrArray *paths;
  guint      counted;
} OutcomeFiles;

static gboolean
merge_outcomes (CantingDb  *db,
                gpointer    data,
                GError    **error)
{
  OutcomeFiles *files = data;
  g_autoptr(CantingOutcomeMerge) merge = canting_outcome_merge ((const char * const *) files->paths->pdata,
                                                                files->paths->len);
  g_autoptr(GBytes) csv = canting_outcome_merge_csv (merge, ';');

  files->counted = merge->outcomes->len;
  return csv != NULL;
}

static gboolean
parse_outcomes (CantingDb  *db,
                gpointer    data,
                GError    **error)
{
  OutcomeFiles *files = data;

  for (guint i = 0; i < files->paths->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autofree char *text = NULL;
      gsize length;

      if (!g_file_get_contents (files->paths->pdata[i], &text, &length, error) ||
          !json_parser_load_from_data (parser, text, (gssize) length, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
canting_bench_outcome (const char  *dir,
                       guint        n_files,
                       GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  OutcomeFiles files = { g_ptr_array_new_with_free_func (g_free), 0 };
  double canting_ms = 0, baseline_ms = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < n_files && ok; i++)
    {
      g_autoptr(CantingOutcome) o = generated_outcome (rand, i);
      g_autofree char *name = g_strdup_printf ("bengkel-%05u.json", i);
      char *path = g_build_filename (dir, name, NULL);

      g_ptr_array_add (files.paths, path);
      ok = canting_outcome_save_json (o, path, error);
    }
  /* Both read the files from the page cache, warmed by writing them. */
  ok = ok && median_ms (NULL, merge_outcomes, &files, &canting_ms, error) &&
       median_ms (NULL, parse_outcomes, &files, &baseline_ms, error);
  if (ok && files.counted != n_files)
    {
      /* Timing a merge that skipped files would time the wrong thing. */
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The outcome benchmark counted %u of its %u files."), files.counted, n_files);
      ok = FALSE;
    }
  for (guint i = 0; i < files.paths->len; i++)
    g_unlink (files.paths->pdata[i]);
  g_ptr_array_unref (files.paths);
  if (!ok)
    return NULL;
  g_ptr_array_add (results, result_new ("outcome-merge", canting_ms, baseline_ms,
                                        "reading and parsing the same files with json-glib, no checks or sums"));
  return g_steal_pointer (&results);
}

/* --- lines ------------------------------------------------------------------ */

char *
canting_bench_result_line (const CantingBenchResult *r)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], ratio[G_ASCII_DTOSTR_BUF_SIZE];

  /* The C locale's decimal point whatever the person's language, so
   * scripts (and the test) read the figures the same everywhere. */
  g_ascii_formatd (x, sizeof x, "%.2f", r->canting_ms);
  g_ascii_formatd (y, sizeof y, "%.2f", r->baseline_ms);
  g_ascii_formatd (ratio, sizeof ratio, "%.3f", r->baseline_ms > 0 ? r->canting_ms / r->baseline_ms : 0.0);
  return g_strdup_printf ("%s: canting %s ms; baseline %s ms; ratio %s", r->name, x, y, ratio);
}

/* --- opening ten years ------------------------------------------------------ */

/* The generated records end on this day: the app is opened on it, so
 * "this month" is December 2025, as full as any other. */
#define OPEN_TODAY "2025-12-31"

/* What the window does on start, every page's first screen: the
 * database opened and checked, the profile, the dashboard (Beranda), and
 * the count and first page of each list with the filters it starts
 * with. */
static gboolean
open_every_list (CantingDb  *unused,
                 gpointer    data,
                 GError    **error)
{
  const char *data_dir = data;
  g_autoptr(CantingDb) db = canting_db_open_full (data_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
  g_autoptr(CantingProfile) profile = NULL;
  g_autoptr(CantingDashboard) dashboard = NULL;
  g_autofree char *month_from = NULL, *month_to = NULL;
  CantingOrderFilter orders = { .status = -1, .today = OPEN_TODAY };
  CantingProductFilter products = { .technique = -1 };
  CantingMaterialFilter materials = { .kind = -1 };
  CantingIpalFilter ipal = { 0 };
  CantingLedgerFilter ledger = { .kind = -1 };
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(GPtrArray) workers = NULL;

  if (db == NULL || (profile = canting_profile_load (db, error)) == NULL ||
      (dashboard = canting_dashboard_read (db, OPEN_TODAY, error)) == NULL)
    return FALSE;
  canting_period_range (CANTING_PERIOD_THIS_MONTH, OPEN_TODAY, &month_from, &month_to);
  ledger.from = month_from;
  ledger.to = month_to;

#define FIRST_PAGE(count, search) \
  G_STMT_START { \
    if ((count) < 0 || (page = (search)) == NULL) \
      return FALSE; \
    g_clear_pointer (&page, g_ptr_array_unref); \
  } G_STMT_END
  FIRST_PAGE (canting_order_count (db, &orders, error), canting_order_search (db, &orders, 0, PAGE, error));
  FIRST_PAGE (canting_customer_count (db, NULL, FALSE, error), canting_customer_search (db, NULL, FALSE, 0, PAGE, error));
  FIRST_PAGE (canting_product_count (db, &products, error), canting_product_search (db, &products, 0, PAGE, error));
  FIRST_PAGE (canting_material_count (db, &materials, error),
              canting_material_search (db, &materials, 0, PAGE, error));
  FIRST_PAGE (canting_ipal_count (db, &ipal, error), canting_ipal_search (db, &ipal, 0, PAGE, error));
  FIRST_PAGE (canting_ledger_count (db, &ledger, error), canting_ledger_search (db, &ledger, 0, PAGE, error));
#undef FIRST_PAGE
  /* The production board and the workers are short lists, read whole. */
  board = canting_production_board (db, error);
  workers = board != NULL ? canting_worker_list (db, FALSE, error) : NULL;
  return workers != NULL;
}

/* The same file opened by the sqlite3 shell, counting and reading the
 * first page of each of those tables in their list order: the shell
 * process from start to exit. */
static gboolean
shell_first_pages (CantingDb  *unused,
                   gpointer    data,
                   GError    **error)
{
  static const char script[] =
    "SELECT count(*) FROM orders; SELECT * FROM orders ORDER BY order_date DESC, id DESC LIMIT 50;\n"
    "SELECT count(*) FROM customers; SELECT * FROM customers ORDER BY name COLLATE NOCASE LIMIT 50;\n"
    "SELECT count(*) FROM products; SELECT * FROM products ORDER BY name COLLATE NOCASE LIMIT 50;\n"
    "SELECT count(*) FROM materials; SELECT * FROM materials ORDER BY name LIMIT 50;\n"
    "SELECT count(*) FROM ipal_logs; SELECT * FROM ipal_logs ORDER BY at DESC, id DESC LIMIT 50;\n"
    "SELECT count(*) FROM ledger WHERE on_date BETWEEN '2025-12-01' AND '2025-12-31';\n"
    "SELECT * FROM ledger WHERE on_date BETWEEN '2025-12-01' AND '2025-12-31' ORDER BY on_date DESC, id DESC LIMIT 50;\n"
    "SELECT * FROM workers ORDER BY name;\n";
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autofree char *path = g_build_filename (data, "canting.db", NULL);
  g_autoptr(GSubprocess) proc = NULL;

  if (shell == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("This benchmark compares with the sqlite3 shell, which is not installed "
                     "(Debian package sqlite3)."));
      return FALSE;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error,
                           shell, "-batch", "-readonly", path, NULL);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, script, NULL, NULL, NULL, error))
    return FALSE;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The sqlite3 shell failed on %s."), path);
      return FALSE;
    }
  return TRUE;
}

/* --- IPAL trends ---------------------------------------------------------- */

/* The two years the trend dialog's longest period shows, to the end of
 * the generated records. */
#define TREND_FROM "2024-01-01"
#define TREND_TO OPEN_TODAY

static gboolean
trend_volumes (CantingDb  *db,
               gpointer    data,
               GError    **error)
{
  g_autoptr(GPtrArray) volumes = canting_ipal_monthly_volume (db, 0, TREND_FROM, TREND_TO, error);

  return volumes != NULL;
}

/* The same figures as canting_ipal_monthly_volume() read them before:
 * the month of every stage of every item worked out with substr() and
 * compared, rather than the stages of the period found by their day. */
static gboolean
trend_volumes_by_substr (CantingDb  *db,
                         gpointer    data,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
    "WITH made AS ("
    "  SELECT substr(s.done_on, 1, 7) AS month, sum(i.quantity) AS pieces, sum(i.quantity * p.weight) AS grams,"
    "         sum(CASE WHEN p.weight IS NULL THEN i.quantity ELSE 0 END) AS unweighed"
    "  FROM item_stages s JOIN order_items i ON i.id = s.order_item_id"
    "  LEFT JOIN products p ON p.id = i.product_id"
    "  WHERE substr(s.done_on, 1, 7) BETWEEN substr(?2, 1, 7) AND substr(?3, 1, 7)"
    "  AND s.position = (SELECT max(position) FROM item_stages t WHERE t.order_item_id = s.order_item_id)"
    "  GROUP BY substr(s.done_on, 1, 7)) "
    "SELECT v.month, v.litres, coalesce(m.pieces, 0), coalesce(m.grams, 0), coalesce(m.unweighed, 0) "
    "FROM (SELECT substr(at, 1, 7) AS month, sum(outflow) AS litres FROM ipal_logs WHERE outflow IS NOT NULL"
    "      AND (?1 = 0 OR plant_id = ?1) AND substr(at, 1, 10) BETWEEN ?2 AND ?3 GROUP BY substr(at, 1, 7)) v "
    "LEFT JOIN made m ON m.month = v.month ORDER BY v.month", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, 0);
  sqlite3_bind_text (stmt, 2, TREND_FROM, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, TREND_TO, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, "bench");
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_bench_make_workshop (const char                 *data_dir,
                             const CantingGenerateSpec  *spec,
                             GError                    **error)
{
  g_autoptr(CantingDb) db = canting_db_open_full (data_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);

  return db != NULL && canting_generate_workshop (db, spec, NULL, error);
}

GPtrArray *
canting_bench_open (const char  *data_dir,
                    GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  double canting_ms = 0, baseline_ms = 0;

  if (!median_ms (NULL, open_every_list, (gpointer) data_dir, &canting_ms, error) ||
      !median_ms (NULL, shell_first_pages, (gpointer) data_dir, &baseline_ms, error))
    return NULL;
  g_ptr_array_add (results, result_new ("open-lists", canting_ms, baseline_ms,
                                        "the sqlite3 shell started on the file, counting and reading the first page "
                                        "of each table"));

  /* The wastewater and the pieces made month by month over two years
   * (the IPAL trends, read on a worker). */
  {
    g_autoptr(CantingDb) db = canting_db_open_full (data_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);

    if (db == NULL || !median_ms (db, trend_volumes, NULL, &canting_ms, error) ||
        !median_ms (db, trend_volumes_by_substr, NULL, &baseline_ms, error))
      return NULL;
    g_ptr_array_add (results, result_new ("ipal.trend-volume", canting_ms, baseline_ms,
                                          "the same figures with every stage's month worked out by substr() "
                                          "and compared"));
  }
  return g_steal_pointer (&results);
}

/* --- CSV import ------------------------------------------------------------- */

/* @n_orders orders as a spreadsheet of them would come, one row per
 * item (one to three each), naming customers the workshop knows and
 * some it does not, and products by SKU. */
static GBytes *
orders_csv (CantingDb  *db,
            guint       n_orders,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) skus = canting_sql_prepare (db, "SELECT sku, price FROM products WHERE archived = 0 "
                                                      "ORDER BY id LIMIT 500", error);
  g_autoptr(GPtrArray) known = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) prices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  GString *csv = g_string_new ("nomor;tanggal;jatuh tempo;pelanggan;sku;keterangan;jumlah;harga satuan;potongan;"
                               "ongkos kirim\n");

  if (skus == NULL)
    {
      g_string_free (csv, TRUE);
      return NULL;
    }
  while (sqlite3_step (skus) == SQLITE_ROW)
    {
      gint64 price = sqlite3_column_int64 (skus, 1);
      g_ptr_array_add (known, g_strdup ((const char *) sqlite3_column_text (skus, 0)));
      g_array_append_val (prices, price);
    }
  for (guint i = 0; i < n_orders; i++)
    {
      guint items = (guint) g_rand_int_range (rand, 1, 4);
      guint day = 1 + i % 28, month = 1 + (i / 28) % 12;
      guint customer = (guint) g_rand_int_range (rand, 0, 2000);

      for (guint k = 0; k < items; k++)
        {
          if (k == 0)
            g_string_append_printf (csv, "B%u;%02u/%02u/2026;%02u/%02u/2026;Pelanggan Pameran %u;", i + 1, day, month,
                                    MIN (day + 14, 28u), month, customer);
          else
            g_string_append_printf (csv, "B%u;;;;", i + 1);
          if (known->len > 0 && k < 2)
            {
              guint p = (guint) g_rand_int_range (rand, 0, (gint32) known->len);
              g_string_append_printf (csv, "%s;;%d;;;\n", (const char *) g_ptr_array_index (known, p),
                                      g_rand_int_range (rand, 1, 5));
            }
          else
            g_string_append_printf (csv, ";Ongkos jahit;%d;%d.000;;\n", g_rand_int_range (rand, 1, 5),
                                    g_rand_int_range (rand, 20, 80));
        }
    }
  return g_string_free_to_bytes (csv);
}

typedef struct {
  const char *dir;
  char *csv_path;
  guint run;
  guint imported;
  double ms;           /* of the last run */
} ImportJob;

/* The import into a fresh copy of the template workshop, so every run
 * starts from the same records; only reading the file and the import
 * are timed, as only the shell's .import is on the other side. */
static gboolean
import_orders (CantingDb  *unused,
               gpointer    data,
               GError    **error)
{
  ImportJob *job = data;
  g_autofree char *name = g_strdup_printf ("run-%u", job->run++);
  g_autofree char *from = g_build_filename (job->dir, "template", "canting.db", NULL);
  g_autofree char *dir = g_build_filename (job->dir, name, NULL);
  g_autofree char *to = g_build_filename (dir, "canting.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(CantingDb) db = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(GBytes) csv = NULL;
  gint64 start;

  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_get_contents (from, &contents, &length, error) ||
      !g_file_set_contents (to, contents, (gssize) length, error))
    return FALSE;
  g_clear_pointer (&contents, g_free);
  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
  if (db == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  if (!g_file_get_contents (job->csv_path, &contents, &length, error))
    return FALSE;
  csv = g_bytes_new_take (g_steal_pointer (&contents), length);
  report = canting_csv_import (db, CANTING_CSV_ORDERS, csv, CANTING_CSV_ALL_OR_NOTHING, error);
  job->ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  if (report == NULL)
    return FALSE;
  if (report->imported == 0 || report->problems->len > 0)
    {
      /* Timing a refused import would time the wrong thing. */
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The import benchmark’s file was refused: %s"),
                   report->problems->len > 0 ? ((CantingCsvProblem *) g_ptr_array_index (report->problems, 0))->message
                                             : "");
      return FALSE;
    }
  job->imported = report->imported;
  return TRUE;
}

/* The sqlite3 shell's .import of the same file into a bare table of
 * text columns in a new file, from start to exit. */
static gboolean
shell_import (CantingDb  *unused,
              gpointer    data,
              GError    **error)
{
  ImportJob *job = data;
  g_autofree char *shell = g_find_program_in_path ("sqlite3");
  g_autofree char *name = g_strdup_printf ("bare-%u.db", job->run++);
  g_autofree char *path = g_build_filename (job->dir, name, NULL);
  g_autofree char *script = g_strdup_printf ("CREATE TABLE orders (nomor TEXT, tanggal TEXT, jatuh_tempo TEXT, "
                                             "pelanggan TEXT, sku TEXT, keterangan TEXT, jumlah TEXT, harga TEXT, "
                                             "potongan TEXT, ongkos TEXT);\n"
                                             ".mode csv\n.separator ;\n"
                                             ".import --skip 1 '%s' orders\n", job->csv_path);
  g_autoptr(GSubprocess) proc = NULL;
  gint64 start = g_get_monotonic_time ();

  if (shell == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("This benchmark compares with the sqlite3 shell, which is not installed "
                     "(Debian package sqlite3)."));
      return FALSE;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, error, shell, "-batch", path, NULL);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, script, NULL, NULL, NULL, error))
    return FALSE;
  job->ms = (double) (g_get_monotonic_time () - start) / 1000.0;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The sqlite3 shell failed on %s."), path);
      return FALSE;
    }
  return TRUE;
}

/* Each import takes a second or more at full size: the median of five.
 * The two sides take turns, so that a machine slowing down or speeding
 * up meanwhile weighs on both alike. */
#define IMPORT_RUNS 5

static gboolean
median_import_ms (ImportJob   *job,
                  double      *out_canting_ms,
                  double      *out_baseline_ms,
                  GError     **error)
{
  double canting[IMPORT_RUNS], baseline[IMPORT_RUNS];

  for (int i = 0; i < IMPORT_RUNS; i++)
    {
      if (!import_orders (NULL, job, error))
        return FALSE;
      canting[i] = job->ms;
      if (!shell_import (NULL, job, error))
        return FALSE;
      baseline[i] = job->ms;
    }
  qsort (canting, IMPORT_RUNS, sizeof canting[0], compare_doubles);
  qsort (baseline, IMPORT_RUNS, sizeof baseline[0], compare_doubles);
  *out_canting_ms = canting[IMPORT_RUNS / 2];
  *out_baseline_ms = baseline[IMPORT_RUNS / 2];
  return TRUE;
}

GPtrArray *
canting_bench_import (const char  *dir,
                      guint        n_orders,
                      GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  g_autofree char *template_dir = g_build_filename (dir, "template", NULL);
  ImportJob job = { dir, g_build_filename (dir, "orders.csv", NULL), 0, 0, 0 };
  CantingGenerateSpec spec;
  double canting_ms = 0, baseline_ms = 0;
  gboolean ok;

  /* A workshop with its catalogue and customers, and nothing else. */
  canting_generate_spec_init (&spec, 20261124, 1, 0.1);
  spec.orders = spec.movements = spec.ipal_entries = spec.ledger = 0;
  {
    g_autoptr(CantingDb) db = canting_db_open_full (template_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, error);
    g_autoptr(GBytes) csv = NULL;

    ok = db != NULL && canting_generate_workshop (db, &spec, NULL, error) &&
         (csv = orders_csv (db, n_orders, error)) != NULL &&
         g_file_set_contents (job.csv_path, g_bytes_get_data (csv, NULL), (gssize) g_bytes_get_size (csv), error);
  }
  ok = ok && median_import_ms (&job, &canting_ms, &baseline_ms, error);
  g_free (job.csv_path);
  if (!ok)
    return NULL;
  g_ptr_array_add (results, result_new ("import-orders", canting_ms, baseline_ms,
                                        "the sqlite3 shell's .import of the same file into a bare table"));
  return g_steal_pointer (&results);
}
