/* canting-cli.c: the command-line companion.
 *
 * Everything here goes through the core, exactly as the GUI does; the CLI
 * adds only argument parsing and plain-text output.  Errors go to stderr
 * and the exit status is non-zero. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "canting-cli-util.h"
#include "canting-backup.h"
#include "canting-cli-bench.h"
#include "canting-cli-publish.h"
#include "canting-bench.h"
#include "canting-csv.h"
#include "canting-ipal-report.h"
#include "canting-ipal-report-pdf.h"
#include "canting-catalogue-pdf.h"
#include "canting-db.h"
#include "canting-epeken.h"
#include "canting-epeken-pack.h"
#include "canting-error.h"
#include "canting-outcome.h"
#include "canting-outcome-merge.h"
#include "canting-outcome-pdf.h"
#include "canting-paths.h"
#include "canting-profile.h"
#include "canting-report.h"
#include "canting-report-pdf.h"
#include "canting-shop.h"
#include "canting-shop-store.h"
#include "canting-tax.h"

#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static char *opt_data_dir;
static gboolean opt_version;
static gboolean opt_dry_run;
static gboolean opt_skip_bad;
static gboolean opt_comma;
static char *opt_month;
static char *opt_output;
static char *opt_from;
static char *opt_to;
static char *opt_by;
static int opt_year;
static char *opt_baseline_from;
static char *opt_baseline_to;
static int opt_port;
static char *opt_faults;
static int opt_time_limit = -1;
static char *opt_shop_data;
static char *opt_out;
static char **opt_skus;
static gboolean opt_include_incomplete;
static char *opt_name;
static char *opt_url;
static char *opt_user;
static gboolean opt_consumer_key;
static char *opt_channel;
static gboolean opt_all;
static gboolean opt_changed;
static int opt_latency = -1;
static int opt_seed = 1;
static int opt_years = 10;
static double opt_scale = 1.0;
static gboolean opt_small;

static const GOptionEntry entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data_dir,
    N_("Workshop data folder (default: $CANTING_DATA_DIR or ~/.local/share/canting)"), N_("DIR") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Show the version and exit"), NULL },
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_dry_run, N_("import: only check the file and report; publish: print what would be sent, send nothing"), NULL },
  { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &opt_skip_bad,
    N_("import: take the good rows even if some are bad (default: all or nothing)"), NULL },
  { "comma", 0, 0, G_OPTION_ARG_NONE, &opt_comma, N_("export: separate with commas (default: semicolons)"), NULL },
  { "month", 0, 0, G_OPTION_ARG_STRING, &opt_month, N_("ipal report: the month to report"), N_("YYYY-MM") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    N_("ipal report, report, outcome, catalogue: the file to write: PDF, or CSV (ipal report, report, outcome merge) "
       "or JSON (outcome export)"), N_("FILE") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("epeken-pack: where to write the pack: a new folder, or a zip file when the name ends in .zip"),
    N_("DIR|FILE.zip") },
  { "sku", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_skus,
    N_("epeken-pack, catalogue, publish: a product to include; repeat for more (more SKUs may also follow "
       "publish; default for the pack and the catalogue: every current product)"), N_("SKU") },
  { "include-incomplete", 0, 0, G_OPTION_ARG_NONE, &opt_include_incomplete,
    N_("epeken-pack, catalogue: include products without a price or a photo, or archived, with a warning "
       "(default: skip them)"), NULL },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from,
    N_("report: the first month (pnl) or day (cashflow, sales) of the period; outcome export: its first day"),
    N_("YYYY-MM[-DD]") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to,
    N_("report: the last month (pnl) or day (cashflow, sales) of the period; outcome export: its last day"),
    N_("YYYY-MM[-DD]") },
  { "baseline-from", 0, 0, G_OPTION_ARG_STRING, &opt_baseline_from,
    N_("outcome export: the first day of the baseline period it is compared with"), N_("YYYY-MM-DD") },
  { "baseline-to", 0, 0, G_OPTION_ARG_STRING, &opt_baseline_to,
    N_("outcome export: the last day of the baseline period"), N_("YYYY-MM-DD") },
  { "by", 0, 0, G_OPTION_ARG_STRING, &opt_by,
    N_("report pnl: month or year; report sales: product, motif, channel or city"), N_("WHAT") },
  { "year", 0, 0, G_OPTION_ARG_INT, &opt_year, N_("report tax: the tax year"), N_("YYYY") },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port,
    N_("practice-shop: the port on 127.0.0.1 (default 0: any free port, printed)"), N_("N") },
  { "faults", 0, 0, G_OPTION_ARG_STRING, &opt_faults,
    N_("practice-shop: faults to inject, e.g. latency=50ms,500=every:3,429=every:5:retry-after=2,drop=every:7"),
    N_("SPEC") },
  { "time-limit", 0, 0, G_OPTION_ARG_INT, &opt_time_limit,
    N_("practice-shop: stop by itself after this many seconds (default 7200)"), N_("SECONDS") },
  { "data", 0, 0, G_OPTION_ARG_FILENAME, &opt_shop_data,
    N_("practice-shop: keep the shop's products and orders in FILE (default: a temporary file removed at exit)"),
    N_("FILE") },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("channel add: the channel's name"), N_("NAME") },
  { "url", 0, 0, G_OPTION_ARG_STRING, &opt_url, N_("channel add: the shop's address (https://…)"), N_("URL") },
  { "user", 0, 0, G_OPTION_ARG_STRING, &opt_user,
    N_("channel add: the WordPress user (or, with --consumer-key, the ck_… key); the password is read from "
       "standard input"), N_("USER") },
  { "consumer-key", 0, 0, G_OPTION_ARG_NONE, &opt_consumer_key,
    N_("channel add: sign in with a WooCommerce consumer key and secret instead of an application password"), NULL },
  { "channel", 0, 0, G_OPTION_ARG_STRING, &opt_channel, N_("publish, sync: the channel to publish to or fetch orders from"), N_("NAME") },
  { "all", 0, 0, G_OPTION_ARG_NONE, &opt_all, N_("publish: every product of the catalogue"), NULL },
  { "changed", 0, 0, G_OPTION_ARG_NONE, &opt_changed,
    N_("publish: the products changed here or refused before"), NULL },
  { "latency", 0, 0, G_OPTION_ARG_INT, &opt_latency,
    N_("bench publish: how long the practice shops wait before each answer (default 50)"), N_("MS") },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, N_("generate: the seed; the same seed makes the same records (default 1)"),
    N_("N") },
  { "years", 0, 0, G_OPTION_ARG_INT, &opt_years, N_("generate: how many years of records, ending 2025 (default 10)"),
    N_("N") },
  { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &opt_scale,
    N_("generate, bench: the size against a busy workshop’s (default 1: 200,000 orders in ten years)"), N_("F") },
  { "small", 0, 0, G_OPTION_ARG_NONE, &opt_small, N_("generate, bench: a quick small run, as --scale 0.01"), NULL },
  { NULL }
};

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("canting-cli: %s\n\n%s", message, help);
  return 2;
}

static int
cmd_info (const char *data_dir)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingProfile) profile = NULL;
  g_autofree CantingTableCount *counts = NULL;

  if (db == NULL)
    return canting_cli_fail (error);
  profile = canting_profile_load (db, &error);
  if (profile == NULL)
    return canting_cli_fail (error);
  counts = canting_db_count_rows (db, &error);
  if (counts == NULL)
    return canting_cli_fail (error);

  g_print ("%s: %s\n", _("Database"), canting_db_get_path (db));
  g_print ("%s: %d (%s %d)\n", _("Schema version"), canting_db_get_schema_version (db),
           _("this Canting writes"), canting_db_latest_schema_version ());
  g_print ("%s: %s\n", _("Workshop"),
           canting_profile_is_set_up (profile) ? canting_profile_get_name (profile) : _("(not set up yet)"));
  g_print ("%s:\n", _("Rows"));
  for (gsize i = 0; counts[i].table != NULL; i++)
    g_print ("  %-24s %" G_GINT64_FORMAT "\n", counts[i].table, counts[i].rows);
  if (canting_db_get_backup_warning (db) != NULL)
    g_printerr ("canting-cli: %s\n", canting_db_get_backup_warning (db));
  return 0;
}

static int
cmd_backup_create (const char *data_dir)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autofree char *path = NULL;

  if (db == NULL)
    return canting_cli_fail (error);
  path = canting_backup_create (db, CANTING_BACKUP_MANUAL, &error);
  if (path == NULL)
    return canting_cli_fail (error);
  g_print ("%s\n", path);
  return 0;
}

static int
cmd_backup_list (const char *data_dir)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) list = canting_backup_list (data_dir, &error);

  if (list == NULL)
    return canting_cli_fail (error);
  for (guint i = 0; i < list->len; i++)
    {
      CantingBackupInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (info->created);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
      g_autofree char *size = g_format_size (info->size);

      g_print ("%s  %-20s %10s  %s\n", when, canting_backup_kind_label (info->kind), size, info->path);
    }
  if (list->len == 0)
    g_printerr ("%s\n", _("No backups yet."));
  return 0;
}

static int
cmd_import (const char     *data_dir,
            CantingCsvKind  kind,
            const char     *file)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  CantingCsvMode mode = opt_dry_run ? CANTING_CSV_DRY_RUN
                        : opt_skip_bad ? CANTING_CSV_SKIP_BAD_ROWS : CANTING_CSV_ALL_OR_NOTHING;

  if (db == NULL)
    return canting_cli_fail (error);
  bytes = g_file_load_bytes (gfile, NULL, NULL, &error);
  if (bytes == NULL)
    return canting_cli_fail (error);
  report = canting_csv_import (db, kind, bytes, mode, &error);
  if (report == NULL)
    return canting_cli_fail (error);
  for (guint i = 0; i < report->problems->len; i++)
    {
      CantingCsvProblem *p = g_ptr_array_index (report->problems, i);
      g_printerr (_("%s: line %u: %s\n"), file, p->line, p->message);
    }
  g_print (_("%u good rows; %u imported.\n"), report->good_rows, report->imported);
  /* Bad rows are a failure for scripts, even when the good ones went in. */
  for (guint i = 0; i < report->problems->len; i++)
    if (((CantingCsvProblem *) g_ptr_array_index (report->problems, i))->line > 1)
      return 1;
  return 0;
}

static int
cmd_export (const char     *data_dir,
            CantingCsvKind  kind,
            const char     *file)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  if (db == NULL)
    return canting_cli_fail (error);
  bytes = canting_csv_export (db, kind, opt_comma ? ',' : ';', &error);
  if (bytes == NULL)
    return canting_cli_fail (error);
  data = g_bytes_get_data (bytes, &size);
  if (!g_file_set_contents_full (file, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    return canting_cli_fail (error);
  return 0;
}

/* The monthly IPAL report for the DLH, as the app makes it. */
static int
cmd_ipal_report (const char *data_dir)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingIpalMonth) month = NULL;
  g_autofree char *path = NULL;

  if (db == NULL)
    return canting_cli_fail (error);
  month = canting_ipal_month_new (db, 0, opt_month, &error);
  if (month == NULL)
    return canting_cli_fail (error);
  if (opt_output != NULL)
    path = g_canonicalize_filename (opt_output, NULL);
  else
    {
      g_autofree char *stem = canting_ipal_month_file_stem (month);
      g_autofree char *name = g_strconcat (stem, ".pdf", NULL);
      path = g_canonicalize_filename (name, NULL);
    }
  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    {
      g_autoptr(GBytes) bytes = canting_ipal_month_csv (month, opt_comma ? ',' : ';');
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return canting_cli_fail (error);
    }
  else if (!canting_ipal_report_save_pdf (db, month, path, &error))
    return canting_cli_fail (error);
  g_print ("%s\n", path);
  return 0;
}

/* --- money reports --------------------------------------------------------- */

/* A cell of a plain-text table: @text padded (or cut, with "…") to
 * @width characters, which are not bytes in Indonesian names. */
static void
put_cell (GString    *out,
          const char *text,
          int         width,
          gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);

  if (length > width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);
      g_string_append_len (out, text, cut - text);
      g_string_append (out, "…");
      return;
    }
  if (right)
    for (glong i = length; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (glong i = length; i < width; i++)
      g_string_append_c (out, ' ');
}

/* "1.250.000": the figures of a table whose heading says rupiah. */
static char *
plain_amount (CantingMoney value)
{
  g_autofree char *text = canting_money_format (value < 0 ? -value : value);

  return g_strdup_printf ("%s%s", value < 0 ? "-" : "", g_str_has_prefix (text, "Rp ") ? text + 3 : text);
}

static void
put_amount (GString      *out,
            CantingMoney  value,
            int           width)
{
  g_autofree char *text = plain_amount (value);

  /* A space of its own, so wide figures never run together. */
  g_string_append_c (out, ' ');
  put_cell (out, text, width - 1, TRUE);
}

/* The heading of a column of figures, kept apart like them. */
static void
put_head (GString    *out,
          const char *text,
          int         width)
{
  g_string_append_c (out, ' ');
  put_cell (out, text, width - 1, TRUE);
}

/* Writes the report to the file of -o: CSV when its name ends so, else
 * PDF. */
typedef GBytes *(*CsvFunc) (gconstpointer report, char separator);
typedef gboolean (*SavePdfFunc) (CantingDb *db, gconstpointer report, const char *path, GError **error);

static int
write_report (CantingDb     *db,
              gconstpointer  report,
              CsvFunc        csv,
              SavePdfFunc    save_pdf)
{
  GError *error = NULL;
  g_autofree char *path = g_canonicalize_filename (opt_output, NULL);

  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    {
      g_autoptr(GBytes) bytes = csv (report, opt_comma ? ',' : ';');
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return canting_cli_fail (error);
    }
  else if (!save_pdf (db, report, path, &error))
    return canting_cli_fail (error);
  g_print ("%s\n", path);
  return 0;
}

#define LABEL_WIDTH 24
#define AMOUNT_WIDTH 14
/* Four periods side by side fill 80 columns. */
#define PNL_TEXT_COLUMNS 4

static void
print_pnl_line (GString              *out,
                const CantingPnl     *pnl,
                const CantingPnlLine *line,
                guint                 first,
                guint                 n,
                const char           *indent)
{
  g_autofree char *label = g_strconcat (indent, line->label, NULL);

  put_cell (out, label, LABEL_WIDTH, FALSE);
  for (guint c = first; c < first + n; c++)
    put_amount (out, c < pnl->n_periods ? line->amounts[c] : line->total, AMOUNT_WIDTH);
  g_string_append_c (out, '\n');
}

static int
cmd_report_pnl (CantingDb       *db,
                CantingReportBy  by)
{
  GError *error = NULL;
  g_autoptr(CantingPnl) pnl = canting_pnl_new (db, opt_from, opt_to, by, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint n_columns;

  if (pnl == NULL)
    return canting_cli_fail (error);
  if (opt_output != NULL)
    return write_report (db, pnl, (CsvFunc) canting_pnl_csv, (SavePdfFunc) canting_pnl_save_pdf);

  title = canting_pnl_title (pnl);
  g_string_append_printf (out, "%s\n%s\n", title, _("Amounts in rupiah (Rp)."));
  n_columns = pnl->n_periods + (pnl->n_periods > 1 ? 1 : 0);
  for (guint first = 0; first < n_columns; first += PNL_TEXT_COLUMNS)
    {
      guint n = MIN (PNL_TEXT_COLUMNS, n_columns - first);

      g_string_append_c (out, '\n');
      put_cell (out, "", LABEL_WIDTH, FALSE);
      for (guint c = first; c < first + n; c++)
        {
          g_autofree char *head = c < pnl->n_periods ? canting_report_period_label (pnl->periods[c], TRUE)
                                                     : g_strdup (_("Total"));
          put_head (out, head, AMOUNT_WIDTH);
        }
      g_string_append_printf (out, "\n%s\n", canting_entry_kind_label (CANTING_ENTRY_INCOME));
      for (guint i = 0; i < pnl->income->len; i++)
        print_pnl_line (out, pnl, g_ptr_array_index (pnl->income, i), first, n, "  ");
      print_pnl_line (out, pnl, pnl->total_income, first, n, "");
      g_string_append_printf (out, "%s\n", canting_entry_kind_label (CANTING_ENTRY_EXPENSE));
      for (guint i = 0; i < pnl->expense->len; i++)
        print_pnl_line (out, pnl, g_ptr_array_index (pnl->expense, i), first, n, "  ");
      print_pnl_line (out, pnl, pnl->total_expense, first, n, "");
      print_pnl_line (out, pnl, pnl->profit, first, n, "");
    }
  g_print ("%s", out->str);
  return 0;
}

static int
cmd_report_cashflow (CantingDb *db)
{
  GError *error = NULL;
  g_autofree char *from = canting_report_day (opt_from, FALSE, "--from", &error);
  g_autofree char *to = from != NULL ? canting_report_day (opt_to, TRUE, "--to", &error) : NULL;
  g_autoptr(CantingCashflow) cf = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (to == NULL)
    return canting_cli_fail (error);
  cf = canting_cashflow_new (db, from, to, &error);
  if (cf == NULL)
    return canting_cli_fail (error);
  if (opt_output != NULL)
    return write_report (db, cf, (CsvFunc) canting_cashflow_csv, (SavePdfFunc) canting_cashflow_save_pdf);

  title = canting_cashflow_title (cf);
  g_string_append_printf (out, "%s\n%s\n", title, _("Amounts in rupiah (Rp)."));
  /* One block per account: six figures across would not fit 80 columns. */
  for (guint i = 0; i <= cf->accounts->len; i++)
    {
      const CantingCashflowLine *line = i < cf->accounts->len ? g_ptr_array_index (cf->accounts, i) : cf->total;
      const struct { const char *label; CantingMoney value; } rows[] = {
        { _("Opening balance"), line->opening }, { _("Money in"), line->money_in },
        { _("Money out"), line->money_out }, { _("Transfers in"), line->transfers_in },
        { _("Transfers out"), line->transfers_out }, { _("Closing balance"), line->closing },
      };

      g_string_append_printf (out, "\n%s\n", line->name);
      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        {
          g_autofree char *label = g_strconcat ("  ", rows[r].label, NULL);
          put_cell (out, label, LABEL_WIDTH, FALSE);
          put_amount (out, rows[r].value, AMOUNT_WIDTH);
          g_string_append_c (out, '\n');
        }
    }
  g_print ("%s", out->str);
  return 0;
}

static void
print_sales_line (GString                *out,
                  const CantingSalesLine *line)
{
  put_cell (out, line->label, 40, FALSE);
  put_amount (out, line->orders, 9);
  put_amount (out, line->pieces, 9);
  put_amount (out, line->amount, 16);
  g_string_append_c (out, '\n');
}

static int
cmd_report_sales (CantingDb      *db,
                  CantingSalesBy  by)
{
  GError *error = NULL;
  g_autofree char *from = canting_report_day (opt_from, FALSE, "--from", &error);
  g_autofree char *to = from != NULL ? canting_report_day (opt_to, TRUE, "--to", &error) : NULL;
  g_autoptr(CantingSales) sales = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (to == NULL)
    return canting_cli_fail (error);
  sales = canting_sales_new (db, by, from, to, &error);
  if (sales == NULL)
    return canting_cli_fail (error);
  if (opt_output != NULL)
    return write_report (db, sales, (CsvFunc) canting_sales_csv, (SavePdfFunc) canting_sales_save_pdf);

  title = canting_sales_title (sales);
  g_string_append_printf (out, "%s\n%s\n\n", title, _("Amounts in rupiah (Rp)."));
  put_cell (out, canting_sales_by_label (by), 40, FALSE);
  put_head (out, _("Orders"), 9);
  put_head (out, _("Pieces"), 9);
  put_head (out, _("Amount"), 16);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < sales->lines->len; i++)
    print_sales_line (out, g_ptr_array_index (sales->lines, i));
  print_sales_line (out, sales->total);
  g_string_append_printf (out, "\n%s\n", canting_sales_amount_note (sales));
  g_print ("%s", out->str);
  return 0;
}

static int
cmd_report_tax (CantingDb *db)
{
  GError *error = NULL;
  g_autoptr(CantingTaxYear) year = canting_tax_year_new (db, opt_year, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_auto(GStrv) notes = NULL;
  static const int widths[] = { 16, 15, 15, 15, 17 };

  if (year == NULL)
    return canting_cli_fail (error);
  if (opt_output != NULL)
    return write_report (db, year, (CsvFunc) canting_tax_year_csv, (SavePdfFunc) canting_tax_year_save_pdf);

  title = canting_tax_year_title (year);
  g_string_append_printf (out, "%s\n%s: %s\n%s\n%s\n\n", title, _("Taxpayer"), canting_taxpayer_label (year->taxpayer),
                          _("Estimate only — not a tax assessment."), _("Amounts in rupiah (Rp)."));
  put_cell (out, _("Month"), widths[0], FALSE);
  put_head (out, _("Turnover"), widths[1]);
  put_head (out, _("Since January"), widths[2]);
  put_head (out, _("Taxable"), widths[3]);
  put_head (out, _("Estimated tax"), widths[4]);
  g_string_append_printf (out, "  %s\n", _("Note"));
  for (guint i = 0; i < 12; i++)
    {
      const CantingTaxMonth *m = &year->months[i];
      g_autofree char *month = canting_report_period_label (m->month, FALSE);
      g_autofree char *note = canting_tax_month_note (year, i);

      put_cell (out, month, widths[0], FALSE);
      put_amount (out, m->turnover, widths[1]);
      put_amount (out, m->year_to_date, widths[2]);
      put_amount (out, m->taxable, widths[3]);
      put_amount (out, m->tax, widths[4]);
      if (note != NULL)
        g_string_append_printf (out, "  %s", note);
      g_string_append_c (out, '\n');
    }
  put_cell (out, _("Total"), widths[0], FALSE);
  put_amount (out, year->turnover, widths[1]);
  put_cell (out, "", widths[2], TRUE);
  put_amount (out, year->taxable, widths[3]);
  put_amount (out, year->tax, widths[4]);
  g_string_append (out, "\n\n");
  notes = canting_tax_year_notes (year);
  for (guint i = 0; notes[i] != NULL; i++)
    g_string_append_printf (out, "%s\n", notes[i]);
  g_string_append_printf (out, "\n%s\n", canting_tax_disclaimer ());
  g_print ("%s", out->str);
  return 0;
}

/* `report pnl|cashflow|sales|tax`: a wrong or missing option is a usage
 * error (2); what the core refuses (a month that is not one) is 1. */
static int
cmd_report (GOptionContext *context,
            const char     *data_dir,
            const char     *what)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = NULL;
  gboolean pnl = g_str_equal (what, "pnl"), cashflow = g_str_equal (what, "cashflow");
  gboolean sales = g_str_equal (what, "sales"), tax = g_str_equal (what, "tax");
  CantingReportBy period = CANTING_REPORT_BY_MONTH;
  CantingSalesBy sales_by = CANTING_SALES_BY_PRODUCT;

  if (!pnl && !cashflow && !sales && !tax)
    return usage_error (context, _("Which report: pnl, cashflow, sales or tax."));
  if (tax && opt_year == 0)
    return usage_error (context, _("Say which year to estimate: --year YYYY."));
  if (!tax && (opt_from == NULL || opt_to == NULL))
    return usage_error (context, pnl ? _("Say which months to report: --from YYYY-MM --to YYYY-MM.")
                                     : _("Say which days to report: --from YYYY-MM-DD --to YYYY-MM-DD."));
  if (pnl && opt_by != NULL && !g_str_equal (opt_by, "month"))
    {
      if (!g_str_equal (opt_by, "year"))
        return usage_error (context, _("A profit and loss report goes --by month or --by year."));
      period = CANTING_REPORT_BY_YEAR;
    }
  if (sales && (opt_by == NULL || !canting_sales_by_from_string (opt_by, &sales_by)))
    return usage_error (context, _("Say how to group the sales: --by product, motif, channel or city."));

  db = canting_db_open (data_dir, &error);
  if (db == NULL)
    return canting_cli_fail (error);
  if (pnl)
    return cmd_report_pnl (db, period);
  if (cashflow)
    return cmd_report_cashflow (db);
  if (sales)
    return cmd_report_sales (db, sales_by);
  return cmd_report_tax (db);
}

static gboolean
has_suffix_ci (const char *path,
               const char *suffix)
{
  gsize n = strlen (path), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (path + n - m, suffix) == 0;
}

/* A workshop's outcome figures for the association, as JSON (what the
 * association merges) or as a one-page PDF to keep. */
static int
cmd_outcome_export (const char *data_dir,
                    const char *path)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingOutcome) outcome = NULL;

  if (db == NULL)
    return canting_cli_fail (error);
  outcome = canting_outcome_compute (db, opt_from, opt_to, opt_baseline_from, opt_baseline_to, &error);
  if (outcome == NULL)
    return canting_cli_fail (error);
  if (has_suffix_ci (path, ".pdf") ? !canting_outcome_save_pdf (outcome, path, &error)
                                   : !canting_outcome_save_json (outcome, path, &error))
    return canting_cli_fail (error);
  g_print ("%s\n", path);
  return 0;
}

/* The association's report from many workshops' files.  A file that
 * cannot be counted is named on stderr with the reason; the report is
 * written when at least one file counts. */
static int
cmd_outcome_merge (char       **files,
                   guint        n_files,
                   const char  *path)
{
  GError *error = NULL;
  g_autoptr(CantingOutcomeMerge) merge = canting_outcome_merge ((const char * const *) files, n_files);

  for (guint i = 0; i < merge->skipped->len; i++)
    {
      const CantingOutcomeSkip *skip = g_ptr_array_index (merge->skipped, i);
      g_printerr (_("canting-cli: %s: skipped: %s\n"), skip->file, skip->reason);
    }
  g_print (_("%u workshop files counted, %u skipped.\n"), merge->outcomes->len, merge->skipped->len);
  if (merge->outcomes->len == 0)
    {
      g_printerr (_("canting-cli: no file could be counted; nothing was written.\n"));
      return 1;
    }
  if (has_suffix_ci (path, ".pdf"))
    {
      if (!canting_outcome_merge_save_pdf (merge, path, &error))
        return canting_cli_fail (error);
    }
  else
    {
      g_autoptr(GBytes) bytes = canting_outcome_merge_csv (merge, opt_comma ? ',' : ';');
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return canting_cli_fail (error);
    }
  g_print ("%s\n", path);
  return 0;
}

/* --- e-Peken pack and catalogue ------------------------------------------- */

/* What was left out and why, and what went in with a problem: on
 * stderr, one product a line, before anything is written. */
static void
print_selection (const CantingEpekenSelection *selection)
{
  for (guint i = 0; i < selection->skipped->len; i++)
    {
      const CantingEpekenItem *item = g_ptr_array_index (selection->skipped, i);
      g_autofree char *why = canting_epeken_problems_text (item->problems);

      g_printerr (_("canting-cli: skipped “%s” (%s): %s.\n"), item->product->name, item->product->sku, why);
    }
  if (selection->skipped->len > 0)
    g_printerr ("%s\n", _("canting-cli: add --include-incomplete to include them anyway."));
  for (guint i = 0; i < selection->items->len; i++)
    {
      const CantingEpekenItem *item = g_ptr_array_index (selection->items, i);
      g_autofree char *why = NULL;

      if (item->problems == 0)
        continue;
      why = canting_epeken_problems_text (item->problems);
      g_printerr (_("canting-cli: warning: “%s” (%s): %s.\n"), item->product->name, item->product->sku, why);
    }
}

static CantingEpekenSelection *
select_products (CantingDb  *db,
                 GError    **error)
{
  CantingEpekenSelection *selection = canting_epeken_select (db, (const char * const *) opt_skus,
                                                             opt_include_incomplete, error);

  if (selection != NULL)
    print_selection (selection);
  return selection;
}

/* "3 of 12" over itself, on a terminal only: a log stays clean. */
static void
show_progress (guint     done,
               guint     total,
               gpointer  user_data)
{
  gboolean *shown = user_data;

  *shown = done < total;
  g_printerr ("\r");
  g_printerr (_("Making the pack: %u of %u"), done, total);
  if (done == total)
    g_printerr ("\n");
}

/* @dir ending in .zip gets the pack as one zip file, else as a folder. */
static int
cmd_epeken_pack (const char *data_dir,
                 const char *dir)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingEpekenSelection) selection = NULL;
  g_autofree char *products = NULL;
  g_autofree char *photos = NULL;
  guint n_photos = 0;
  gboolean shown = FALSE;

  if (db == NULL)
    return canting_cli_fail (error);
  selection = select_products (db, &error);
  if (selection == NULL)
    return canting_cli_fail (error);
  if (!(canting_epeken_pack_is_zip_name (dir) ? canting_epeken_pack_write_zip : canting_epeken_pack_write)
        (db, selection, dir, isatty (STDERR_FILENO) ? show_progress : NULL, &shown, NULL, &error))
    {
      /* The error on a line of its own, not after "3 of 12". */
      if (shown)
        g_printerr ("\n");
      return canting_cli_fail (error);
    }
  for (guint i = 0; i < selection->items->len; i++)
    n_photos += ((CantingEpekenItem *) g_ptr_array_index (selection->items, i))->photos->len;
  products = g_strdup_printf (_("products: %u"), selection->items->len);
  photos = g_strdup_printf (_("photos: %u"), n_photos);
  g_print (_("e-Peken pack written: %s\n"), dir);
  g_print ("  %-12s %s\n", CANTING_EPEKEN_PRODUCTS_FILE, products);
  g_print ("  %-12s %s\n", CANTING_EPEKEN_PHOTOS_FOLDER "/", photos);
  g_print ("  %s\n", CANTING_EPEKEN_CATALOGUE_FILE);
  return 0;
}

static int
cmd_catalogue (const char *data_dir,
               const char *path)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingEpekenSelection) selection = NULL;

  if (db == NULL)
    return canting_cli_fail (error);
  selection = select_products (db, &error);
  if (selection == NULL)
    return canting_cli_fail (error);
  if (!canting_catalogue_save_pdf (db, selection, path, NULL, &error))
    return canting_cli_fail (error);
  g_print (_("Catalogue written: %s (products: %u)\n"), path, selection->items->len);
  return 0;
}

typedef struct {
  int stage;          /* the stage said last, -1 before the first */
  int shown;          /* the last percentage printed while copying, or -1 */
  gboolean terminal;
} RestoreWatch;

/* Each stage on a line of its own on stderr (stdout says where things
 * went, for scripts), and the copy's progress: updated in place on a
 * terminal, each quarter otherwise. */
static void
restore_progress (CantingRestoreStage stage,
                  double              fraction,
                  gpointer            data)
{
  RestoreWatch *watch = data;
  int percent = fraction >= 0 ? (int) (fraction * 100) : -1;

  if ((int) stage != watch->stage)
    {
      if (watch->terminal && watch->shown >= 0)
        g_printerr ("\n");
      watch->stage = stage;
      watch->shown = -1;
      g_printerr ("%s\n", canting_restore_stage_label (stage));
    }
  if (stage != CANTING_RESTORE_COPYING || percent < 0 || percent == watch->shown)
    return;
  if (watch->terminal)
    g_printerr ("\r%3d %%", percent);
  else if (percent / 25 != watch->shown / 25 || watch->shown < 0)
    g_printerr ("%d %%\n", percent);
  else
    return;
  watch->shown = percent;
}

static int
cmd_backup_restore (const char *data_dir,
                    const char *file)
{
  RestoreWatch watch = { -1, -1, isatty (STDERR_FILENO) };
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autofree char *aside = NULL;

  if (db == NULL && g_error_matches (error, CANTING_ERROR, CANTING_ERROR_CORRUPT))
    {
      /* The current file is too damaged to copy: move it aside untouched
       * and put the backup in its place. */
      g_printerr ("canting-cli: %s\n", error->message);
      g_clear_error (&error);
      if (!canting_backup_recover (data_dir, file, &aside, &error))
        return canting_cli_fail (error);
      g_print (_("Restored %s. The damaged database was moved to %s.\n"), file, aside);
      return 0;
    }
  if (db == NULL)
    return canting_cli_fail (error);
  if (!canting_backup_restore_full (db, file, restore_progress, &watch, &aside, &error))
    {
      if (watch.terminal && watch.shown >= 0)
        g_printerr ("\n");
      return canting_cli_fail (error);
    }
  if (watch.terminal && watch.shown >= 0)
    g_printerr ("\n");
  g_print (_("Restored %s. The previous data was kept as %s.\n"), file, aside);
  return 0;
}

/* A training session: long enough for a morning's practice, short enough
 * that a forgotten shop does not run for days. */
#define SHOP_DEFAULT_TIME_LIMIT_S 7200
/* A day at most: the shop is for practice, not for keeping. */
#define SHOP_MAX_TIME_LIMIT_S 86400

typedef struct {
  GMainLoop *loop;
  gboolean timed_out;
} ShopRun;

static gboolean
shop_time_up (gpointer data)
{
  ShopRun *run = data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
shop_interrupted (gpointer data)
{
  g_main_loop_quit (((ShopRun *) data)->loop);
  return G_SOURCE_CONTINUE;
}

static void
remove_shop_file (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", NULL };

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

/* The practice shop on 127.0.0.1 until its time limit, Ctrl+C or SIGTERM.
 * Credentials come from CANTING_SHOP_CONSUMER_KEY, CANTING_SHOP_CONSUMER_SECRET,
 * CANTING_SHOP_USER and CANTING_SHOP_APP_PASSWORD (the environment, not
 * options, so they stay out of the process list), or are made up. */
static int
cmd_practice_shop (void)
{
  GError *error = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CantingShopStore) store = NULL;
  g_autoptr(CantingShop) shop = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint limit = opt_time_limit < 0 ? SHOP_DEFAULT_TIME_LIMIT_S : (guint) opt_time_limit;
  ShopRun run = { NULL, FALSE };
  guint sigint, sigterm, timeout;

  if (opt_shop_data != NULL)
    path = g_canonicalize_filename (opt_shop_data, NULL);
  else
    {
      tmp_dir = g_dir_make_tmp ("canting-shop-XXXXXX", &error);
      if (tmp_dir == NULL)
        return canting_cli_fail (error);
      path = g_build_filename (tmp_dir, "practice-shop.db", NULL);
    }
  store = canting_shop_store_open (path, &error);
  if (store == NULL)
    {
      if (tmp_dir != NULL)
        g_rmdir (tmp_dir);
      return canting_cli_fail (error);
    }
  shop = canting_shop_new (store, g_getenv ("CANTING_SHOP_CONSUMER_KEY"), g_getenv ("CANTING_SHOP_CONSUMER_SECRET"),
                           g_getenv ("CANTING_SHOP_USER"), g_getenv ("CANTING_SHOP_APP_PASSWORD"));
  if (!canting_shop_set_faults (shop, opt_faults, &error)
      || !canting_shop_listen (shop, "127.0.0.1", (guint) opt_port, &error))
    {
      g_clear_object (&shop);
      g_clear_object (&store);
      if (tmp_dir != NULL)
        {
          remove_shop_file (path);
          g_rmdir (tmp_dir);
        }
      return canting_cli_fail (error);
    }
  canting_shop_set_log_requests (shop, TRUE);

  /* Scripts and tests read this line: it is not translated. */
  g_print ("Listening on %s\n", canting_shop_get_home_url (shop));
  g_print ("%s %s/wp-json/wc/v3\n", _("WooCommerce REST API:"), canting_shop_get_home_url (shop));
  g_print ("%s %s\n", _("Consumer key:"), canting_shop_get_consumer_key (shop));
  g_print ("%s %s\n", _("Consumer secret:"), canting_shop_get_consumer_secret (shop));
  g_print ("%s %s\n", _("User:"), canting_shop_get_user (shop));
  g_print ("%s %s\n", _("Application password:"), canting_shop_get_app_password (shop));
  if (tmp_dir != NULL)
    g_print ("%s\n", _("Data: a temporary file, removed when the shop stops."));
  else
    g_print (_("Data: %s (kept)\n"), path);
  if (opt_faults != NULL && *opt_faults != '\0')
    g_print (_("Injecting faults: %s\n"), opt_faults);
  g_print (_("The shop stops by itself after %u seconds; Ctrl+C stops it sooner.\n"), limit);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  /* Not g_timeout_add_seconds(): it may fire up to a second early. */
  timeout = g_timeout_add (limit * 1000, shop_time_up, &run);
  sigint = g_unix_signal_add (SIGINT, shop_interrupted, &run);
  sigterm = g_unix_signal_add (SIGTERM, shop_interrupted, &run);
  g_main_loop_run (loop);
  if (!run.timed_out)
    g_source_remove (timeout);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  canting_shop_disconnect (shop);
  g_clear_object (&shop);
  g_clear_object (&store);
  if (tmp_dir != NULL)
    {
      remove_shop_file (path);
      g_rmdir (tmp_dir);
    }
  if (run.timed_out)
    g_print (_("The practice shop stopped: its time limit of %u seconds is up.\n"), limit);
  else
    g_print ("%s\n", _("The practice shop stopped."));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *data_dir = NULL;
  GError *error = NULL;
  const char *cmd;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CANTING_LOCALEDIR") ? g_getenv ("CANTING_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND — info | backup create|list|restore FILE | import|export customers|products|orders|materials|purchases|ipal|ipal-lab FILE | export shortages FILE | ipal report --month YYYY-MM [-o FILE] | report pnl --from YYYY-MM --to YYYY-MM [--by month|year] [-o FILE] | report cashflow --from YYYY-MM-DD --to YYYY-MM-DD [-o FILE] | report sales --by product|motif|channel|city --from YYYY-MM-DD --to YYYY-MM-DD [-o FILE] | report tax --year YYYY [-o FILE] | outcome export --from --to --baseline-from --baseline-to -o FILE.json|FILE.pdf | outcome merge FILE… -o REPORT.csv|REPORT.pdf | generate [--seed N] [--years N] [--scale F] | bench all|open|orders|stock|reports|import|outcome|publish|demo-reset [N] [--small] | practice-shop [--port N] [--faults SPEC] [--time-limit SECONDS] [--data FILE] | epeken-pack --out DIR|FILE.zip [--sku SKU]… [--include-incomplete] | catalogue -o FILE.pdf [--sku SKU]… [--include-incomplete] | channel add --name NAME --url URL --user USER [--consumer-key] < PASSWORD | channel list | publish --channel NAME [--all | --sku SKU… | --changed] [--dry-run] | sync --channel NAME"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Canting, the batik workshop book, from the command line."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      int rc = usage_error (context, error->message);
      g_error_free (error);
      return rc;
    }

  if (opt_version)
    {
      g_print ("canting-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  data_dir = opt_data_dir != NULL ? g_canonicalize_filename (opt_data_dir, NULL)
                                  : canting_paths_default_data_dir ();
  if (argc < 2)
    return usage_error (context, _("Missing command."));
  cmd = argv[1];

  if (g_str_equal (cmd, "info") && argc == 2)
    return cmd_info (data_dir);
  if ((g_str_equal (cmd, "import") || g_str_equal (cmd, "export")) && argc == 4)
    {
      CantingCsvKind kind;
      g_autofree char *file = g_canonicalize_filename (argv[3], NULL);

      if (!canting_csv_kind_from_string (argv[2], &kind))
        return usage_error (context, _("What to import or export: customers, products, orders, materials, purchases, ipal or ipal-lab."));
      return g_str_equal (cmd, "import") ? cmd_import (data_dir, kind, file) : cmd_export (data_dir, kind, file);
    }
  if (g_str_equal (cmd, "bench") && (argc == 3 || argc == 4) && g_str_equal (argv[2], "publish"))
    {
      /* 1,000 products: a large association catalogue; 50 ms: a shop
       * across the country (issue: Benchmark). */
      guint64 n = 1000;

      if (argc == 4 && !g_ascii_string_to_unsigned (argv[3], 10, 1, 100000, &n, NULL))
        return usage_error (context, _("The number of products must be a whole number from 1 to 100000."));
      if (opt_latency != -1 && (opt_latency < 0 || opt_latency > 10000))
        return usage_error (context, _("The latency must be a number of milliseconds from 0 to 10000."));
      return canting_cli_bench_publish ((guint) n, opt_latency < 0 ? 50 : (guint) opt_latency);
    }
  if (g_str_equal (cmd, "channel") && argc == 3 && g_str_equal (argv[2], "add"))
    {
      if (opt_name == NULL || opt_url == NULL || opt_user == NULL)
        return usage_error (context, _("channel add needs --name, --url and --user; the password is read from the "
                                       "standard input."));
      return canting_cli_channel_add (data_dir, opt_name, opt_url, opt_user, opt_consumer_key);
    }
  if (g_str_equal (cmd, "channel") && argc == 3 && g_str_equal (argv[2], "list"))
    return canting_cli_channel_list (data_dir);
  if (g_str_equal (cmd, "publish"))
    {
      g_autoptr(GPtrArray) skus = g_ptr_array_new ();
      CantingCliPublishWhat what = CANTING_CLI_PUBLISH_WAITING;
      guint chosen = (opt_all ? 1 : 0) + (opt_changed ? 1 : 0) + (opt_skus != NULL ? 1 : 0);

      if (opt_channel == NULL)
        return usage_error (context, _("Say which channel to publish to: --channel NAME."));
      if (chosen > 1)
        return usage_error (context, _("Choose one of --all, --sku and --changed."));
      if (opt_skus == NULL && argc > 2)
        return usage_error (context, _("Name the products with --sku SKU…"));
      for (guint i = 0; opt_skus != NULL && opt_skus[i] != NULL; i++)
        g_ptr_array_add (skus, opt_skus[i]);
      /* "--sku A B C": the SKUs after the first are left as arguments. */
      for (int i = 2; opt_skus != NULL && i < argc; i++)
        g_ptr_array_add (skus, argv[i]);
      g_ptr_array_add (skus, NULL);
      what = opt_all ? CANTING_CLI_PUBLISH_ALL : opt_changed ? CANTING_CLI_PUBLISH_CHANGED
             : opt_skus != NULL ? CANTING_CLI_PUBLISH_SKUS : CANTING_CLI_PUBLISH_WAITING;
      return canting_cli_publish (data_dir, opt_channel, what, (const char * const *) skus->pdata, opt_dry_run);
    }
  if (g_str_equal (cmd, "sync"))
    {
      if (opt_channel == NULL)
        return usage_error (context, _("Say which shop to fetch the orders from: --channel NAME."));
      if (argc > 2)
        return usage_error (context, _("sync takes only --channel NAME."));
      return canting_cli_sync (data_dir, opt_channel);
    }
  if (g_str_equal (cmd, "generate") || (g_str_equal (cmd, "bench") && (argc == 3 || argc == 4)))
    {
      gboolean outcome = argc > 2 && g_str_equal (argv[2], "outcome");
      double scale = opt_small ? 0.01 : opt_scale;
      guint64 n = 0;

      if (!(scale > 0 && scale <= 10))
        return usage_error (context, _("The scale must be a number above 0 and at most 10."));
      if (g_str_equal (cmd, "generate"))
        {
          if (argc != 2)
            return usage_error (context, _("generate takes only options: --seed N --years N --scale F."));
          if (opt_years < 1 || opt_years > 50)
            return usage_error (context, _("The number of years must be a whole number from 1 to 50."));
          return canting_cli_generate (data_dir, (guint32) opt_seed, (guint) opt_years, scale);
        }
      if (!canting_cli_bench_known (argv[2]))
        {
          g_printerr (_("canting-cli: unknown benchmark “%s”; known: all, open, orders, stock, reports, import, "
                        "outcome, publish\n"), argv[2]);
          return 2;
        }
      if (argc == 4 && outcome && !g_ascii_string_to_unsigned (argv[3], 10, 1, 100000, &n, NULL))
        return usage_error (context, _("The number of outcome files must be a whole number from 1 to 100000."));
      if (argc == 4 && !outcome && (!g_ascii_string_to_unsigned (argv[3], 10, 1, 10000000, &n, NULL)))
        return usage_error (context, g_str_equal (argv[2], "stock")
                                     ? _("The number of stock movements must be a whole number from 1 to 10000000.")
                                     : g_str_equal (argv[2], "reports")
                                     ? _("The number of ledger entries must be a whole number from 1 to 10000000.")
                                     : _("The number of orders must be a whole number from 1 to 10000000."));
      return canting_cli_bench (argv[2], (guint) n, scale, opt_data_dir != NULL ? data_dir : NULL);
    }
  if (g_str_equal (cmd, "ipal") && argc == 3 && g_str_equal (argv[2], "report"))
    {
      if (opt_month == NULL)
        return usage_error (context, _("Say which month to report: --month YYYY-MM."));
      return cmd_ipal_report (data_dir);
    }
  if (g_str_equal (cmd, "outcome") && argc >= 3 && g_str_equal (argv[2], "export"))
    {
      g_autofree char *path = NULL;

      if (argc != 3)
        return usage_error (context, _("outcome export takes no file names; say where to write with -o FILE."));
      if (opt_from == NULL || opt_to == NULL || opt_baseline_from == NULL || opt_baseline_to == NULL)
        return usage_error (context, _("Say which period to report and which to compare it with: "
                                       "--from, --to, --baseline-from and --baseline-to, each YYYY-MM-DD."));
      if (opt_output == NULL || !(has_suffix_ci (opt_output, ".json") || has_suffix_ci (opt_output, ".pdf")))
        return usage_error (context, _("Say where to write the outcome: -o FILE.json (for the association) "
                                       "or -o FILE.pdf (to print)."));
      path = g_canonicalize_filename (opt_output, NULL);
      return cmd_outcome_export (data_dir, path);
    }
  if (g_str_equal (cmd, "outcome") && argc >= 3 && g_str_equal (argv[2], "merge"))
    {
      g_autofree char *path = NULL;

      if (argc == 3)
        return usage_error (context, _("Name the workshops’ outcome files to merge."));
      if (opt_output == NULL || !(has_suffix_ci (opt_output, ".csv") || has_suffix_ci (opt_output, ".pdf")))
        return usage_error (context, _("Say where to write the report: -o REPORT.csv or -o REPORT.pdf."));
      path = g_canonicalize_filename (opt_output, NULL);
      return cmd_outcome_merge (argv + 3, (guint) (argc - 3), path);
    }
  if (g_str_equal (cmd, "report") && argc == 3)
    return cmd_report (context, data_dir, argv[2]);
  if (g_str_equal (cmd, "practice-shop") && argc == 2)
    {
      if (opt_port < 0 || opt_port > 65535)
        return usage_error (context, _("The port must be a number from 0 to 65535 (0 picks a free one)."));
      if (opt_time_limit != -1 && (opt_time_limit < 1 || opt_time_limit > SHOP_MAX_TIME_LIMIT_S))
        return usage_error (context, _("The time limit must be a number of seconds from 1 to 86400."));
      return cmd_practice_shop ();
    }
  if (g_str_equal (cmd, "epeken-pack") || g_str_equal (cmd, "catalogue"))
    {
      gboolean pack = g_str_equal (cmd, "epeken-pack");
      g_autofree char *path = NULL;

      if (argc != 2)
        return usage_error (context, _("Name each product with its own --sku: --sku PB-TL-0001 --sku PB-CP-0002."));
      if (pack && opt_out == NULL)
        return usage_error (context, _("Say where to write the pack: --out DIR (a new folder) or --out FILE.zip (one file to send)."));
      if (!pack && (opt_output == NULL || !has_suffix_ci (opt_output, ".pdf")))
        return usage_error (context, _("Say where to write the catalogue: -o FILE.pdf."));
      path = g_canonicalize_filename (pack ? opt_out : opt_output, NULL);
      return pack ? cmd_epeken_pack (data_dir, path) : cmd_catalogue (data_dir, path);
    }
  if (g_str_equal (cmd, "backup") && argc >= 3)
    {
      if (g_str_equal (argv[2], "create") && argc == 3)
        return cmd_backup_create (data_dir);
      if (g_str_equal (argv[2], "list") && argc == 3)
        return cmd_backup_list (data_dir);
      if (g_str_equal (argv[2], "restore") && argc == 4)
        {
          g_autofree char *file = g_canonicalize_filename (argv[3], NULL);
          return cmd_backup_restore (data_dir, file);
        }
    }
  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), cmd);
    return usage_error (context, message);
  }
}
