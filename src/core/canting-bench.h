/* canting-bench.h: benchmarks of the core, each against a baseline
 * measured in the same run on the same data. */
#pragma once

#include <glib.h>

#include "canting-generate.h"

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

/* The line `canting-cli bench` prints for @result:
 * "NAME: canting X ms; baseline Y ms; ratio R", R = X ÷ Y, figures with a
 * decimal point whatever the locale.  (transfer full) */
char      *canting_bench_result_line (const CantingBenchResult *result);

/* Fills @data_dir (which must be empty or absent) with @spec's workshop,
 * for canting_bench_open(). */
gboolean   canting_bench_make_workshop (const char                 *data_dir,
                                        const CantingGenerateSpec  *spec,
                                        GError                    **error);

/* Times what the window does on start with the workshop in @data_dir:
 * opening and checking the database, the dashboard, and the count and
 * first page of every list, against the sqlite3 shell started on the
 * same file counting and reading the first page of each table.
 * (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_bench_open   (const char  *data_dir,
                                 GError     **error);

/* Writes a CSV of @n_orders orders (one to three item rows each) in @dir
 * (which must exist) and times importing it into a workshop with a
 * catalogue, against the sqlite3 shell's .import of the same file into a
 * bare table.  Leaves its files in @dir for the caller to remove.
 * (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_bench_import (const char  *dir,
                                 guint        n_orders,
                                 GError     **error);

G_END_DECLS
