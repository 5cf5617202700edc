/* canting-bench.h: benchmarks of the core, each against a baseline
 * measured in the same run on the same data. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char   *name;
  double  canting_ms;
  double  baseline_ms;
  char   *baseline;    /* what the baseline does, in a few words */
} CantingBenchResult;

void canting_bench_result_free (CantingBenchResult *result);

/* Builds a workshop with @n_orders orders in @data_dir (which must be
 * empty or absent) and times the order list: opening it (count and first
 * page) and searching it.  (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_bench_orders (const char  *data_dir,
                                 guint        n_orders,
                                 GError     **error);

/* Builds a workshop of 300 materials with @n_movements stock movements
 * in @data_dir (which must be empty or absent) and times reading stock on
 * hand and average cost of every material, against the sqlite3 shell
 * summing the ledger by material on the same file.
 * (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_bench_stock  (const char  *data_dir,
                                 guint        n_movements,
                                 GError     **error);

/* Writes @n_files generated workshop outcome files into @dir (which must
 * exist) and times merging them into the association's report (reading,
 * checking, adding up, the CSV) against reading and parsing the same
 * files with json-glib and nothing more.  The files are removed again.
 * (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_bench_outcome (const char  *dir,
                                  guint        n_files,
                                  GError     **error);

/* Builds a workshop with @n_entries ledger entries over ten years in
 * @data_dir (which must be empty or absent) and times the dashboard's
 * money figures (a month, the one before, the same month a year before
 * and the twelve months to it) and a year's profit and loss, each against
 * the sqlite3 shell running the same aggregate on the same file.
 * (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_bench_reports (const char  *data_dir,
                                  guint        n_entries,
                                  GError     **error);

G_END_DECLS
