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

G_END_DECLS
