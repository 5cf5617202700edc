/* canting-bench.c: timing the order list at scale.
 *
 * Each figure is the median of several runs, so one slow run (another
 * process, a cold cache) does not decide it.  Baselines:
 * - opening the list is compared with loading every order at once, what a
 *   list that does not page would do;
 * - searching is compared with the straightforward search that tests
 *   every order in turn for the same matches. */
#include "canting-bench.h"

#include "canting-db-private.h"
#include "canting-generate.h"
#include "canting-order.h"
#include "canting-sql-private.h"

#define RUNS 7
#define PAGE 50

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
  qsort (times, RUNS, sizeof times[0], compare_doubles);
  *out_ms = times[RUNS / 2];
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
