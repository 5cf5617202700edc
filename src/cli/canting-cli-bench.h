/* canting-cli-bench.h: canting-cli's generate and bench commands
 * (canting-cli-bench.c), bench publish aside (canting-cli-publish.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fills @data_dir with a generated workshop of @years (ending 2025),
 * times @scale of issue 10's ten-year figures, and prints what it made. */
int canting_cli_generate (const char *data_dir,
                          guint32     seed,
                          guint       years,
                          double      scale);

/* Runs benchmark @what (orders, stock, reports, outcome, open, import)
 * on @n records (0: its default times @scale), or every benchmark at
 * @scale for "all"; prints one line each.  @data_dir, when not NULL, is a
 * workshop `bench open` times instead of generating one. */
int canting_cli_bench    (const char *what,
                          guint       n,
                          double      scale,
                          const char *data_dir);

/* Whether @what names a benchmark canting_cli_bench() runs. */
gboolean canting_cli_bench_known (const char *what);

G_END_DECLS
