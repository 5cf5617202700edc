/* canting-cli-bench.c: `canting-cli generate` and `canting-cli bench`.
 *
 * Benchmarks run in throw-away workshops under the temporary folder,
 * never the person's own; each prints one line per figure on stdout,
 * "NAME: canting X ms; baseline Y ms; ratio R", and what its baseline
 * is on stderr. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "canting-cli-util.h"
#include "canting-bench.h"
#include "canting-cli-bench.h"
#include "canting-cli-publish.h"
#include "canting-db.h"
#include "canting-demo.h"
#include "canting-motif-picture.h"
#include "canting-generate.h"

/* The rows generate reports, in the order a person reads them. */
static const char * const made_tables[] = {
  "customers", "products", "product_photos", "orders", "order_items", "item_stages", "payments", "workers",
  "wage_payments", "materials", "stock_movements", "ipal_plants", "ipal_logs", "ipal_lab_tests", "ledger",
};

int
canting_cli_generate (const char *data_dir,
                      guint32     seed,
                      guint       years,
                      double      scale)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autofree CantingTableCount *counts = NULL;
  CantingGenerateSpec spec;
  CantingGenerateMade made = { 0 };
  gint64 start = g_get_monotonic_time ();

  if (db == NULL)
    return canting_cli_fail (error);
  canting_generate_spec_init (&spec, seed, years, scale);
  g_printerr (_("Generating %u years of a workshop’s records in %s…\n"), spec.years, data_dir);
  if (!canting_generate_workshop (db, &spec, &made, &error) || (counts = canting_db_count_rows (db, &error)) == NULL)
    return canting_cli_fail (error);
  g_print (_("Generated in %.1f s: %s\n"), (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC,
           canting_db_get_path (db));
  for (guint t = 0; t < G_N_ELEMENTS (made_tables); t++)
    for (guint i = 0; counts[i].table != NULL; i++)
      if (g_str_equal (counts[i].table, made_tables[t]))
        g_print ("  %-24s %" G_GINT64_FORMAT "\n", counts[i].table, counts[i].rows);
  g_print ("  %-24s %u\n", _("photo files"), made.photo_files);
  g_print ("  %-24s %u\n", _("IPAL exceedances"), made.ipal_exceedances);
  return 0;
}

gboolean
canting_cli_bench_known (const char *what)
{
  static const char * const known[] = { "orders", "stock", "reports", "outcome", "open", "import", "demo-reset", "all" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (what, known[i]))
      return TRUE;
  return FALSE;
}

static void
print_results (GPtrArray *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      CantingBenchResult *r = g_ptr_array_index (results, i);
      g_autofree char *line = canting_bench_result_line (r);

      g_print ("%s\n", line);
      g_printerr (_("  %s: the baseline is %s\n"), r->name, r->baseline);
    }
}

/* Issue 10's sizes at scale 1: ten years of a busy workshop, 200,000
 * orders; a million stock movements and a million ledger entries over
 * them; 1,000 outcome files (an association's hundreds, with room); a
 * CSV of 100,000 orders. */
static guint
default_size (const char *what,
              double      scale)
{
  double n = g_str_equal (what, "stock") || g_str_equal (what, "reports") ? 1000000
             : g_str_equal (what, "outcome") ? 1000 : g_str_equal (what, "import") ? 100000 : 200000;

  return MAX ((guint) (n * scale), 10);
}

static int
run_one (const char *what,
         guint       n,
         double      scale,
         const char *data_dir)
{
  GError *error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("canting-bench-XXXXXX", &error);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GFile) root = NULL;

  if (dir == NULL)
    return canting_cli_fail (error);
  if (n == 0)
    n = default_size (what, scale);
  if (g_str_equal (what, "outcome"))
    {
      g_printerr (_("Writing %u workshop outcome files in %s…\n"), n, dir);
      results = canting_bench_outcome (dir, n, &error);
    }
  else if (g_str_equal (what, "stock"))
    {
      g_printerr (_("Building a workshop with %u stock movements in %s…\n"), n, dir);
      results = canting_bench_stock (dir, n, &error);
    }
  else if (g_str_equal (what, "reports"))
    {
      g_printerr (_("Building a workshop with %u ledger entries in %s…\n"), n, dir);
      results = canting_bench_reports (dir, n, &error);
    }
  else if (g_str_equal (what, "import"))
    {
      g_printerr (_("Importing a CSV file of %u orders in %s…\n"), n, dir);
      results = canting_bench_import (dir, n, &error);
    }
  else if (g_str_equal (what, "demo-reset"))
    {
      /* Trainer mode's Reset: a practice workshop back to the template. */
      g_printerr (_("Building the practice workshop template in %s…\n"), dir);
      results = canting_demo_bench_reset (dir, canting_motif_picture_png, 5, &error);
    }
  else if (g_str_equal (what, "open"))
    {
      CantingGenerateSpec spec;

      canting_generate_spec_init (&spec, 20261124, 10, scale);
      if (data_dir == NULL)
        g_printerr (_("Building a workshop with ten years of records (%u orders) in %s…\n"), spec.orders, dir);
      if (data_dir != NULL || canting_bench_make_workshop (dir, &spec, &error))
        results = canting_bench_open (data_dir != NULL ? data_dir : dir, &error);
    }
  else
    {
      g_printerr (_("Building a workshop with %u orders in %s…\n"), n, dir);
      results = canting_bench_orders (dir, n, &error);
    }
  /* Clean up whatever happened. */
  root = g_file_new_for_path (dir);
  canting_cli_remove_tree (root);
  if (results == NULL)
    return canting_cli_fail (error);
  print_results (results);
  return 0;
}

int
canting_cli_bench (const char *what,
                   guint       n,
                   double      scale,
                   const char *data_dir)
{
  static const char * const every[] = { "open", "orders", "stock", "reports", "import", "outcome" };
  int rc = 0;

  if (!g_str_equal (what, "all"))
    return run_one (what, n, scale, data_dir);
  /* Every one, even after one failed: the others' figures still count. */
  for (guint i = 0; i < G_N_ELEMENTS (every); i++)
    if (run_one (every[i], 0, scale, data_dir) != 0)
      rc = 1;
  /* 1,000 products to a shop 50 ms away at full size; a nearer shop for
   * a small run, so it stays quick. */
  if (canting_cli_bench_publish (MAX ((guint) (1000 * scale), 10), scale < 1 ? 5 : 50) != 0)
    rc = 1;
  return rc;
}
