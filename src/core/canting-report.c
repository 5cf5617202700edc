/* canting-report.c: profit and loss, cash flow and sales, read from the
 * ledger and the orders with one aggregate query each.
 *
 * The ledger sums run over the covering index ledger_sums (voided,
 * on_date, kind, category_id, account_id, amount): "voided = 0" and a
 * date range pick a slice of it and the sums never touch the table.
 * They are grouped by day, the index's own order, and the days folded
 * into months or years here: grouping by month in SQL would sort every
 * entry of the range first, which takes longer than the sums.
 * Months are compared as text: every on_date is YYYY-MM-DD, so
 * "on_date >= '2026-03' AND on_date < '2026-04'" is exactly March. */
#include "canting-report.h"

#include "canting-csv-private.h"
#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-order.h"
#include "canting-report-private.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

#include <string.h>

/* A hundred years of months: far more than any ledger, few enough that
 * a slip of the keyboard (year 20260) is refused rather than allocated. */
#define MAX_MONTHS 1200

static const CantingEnumName sales_bys[CANTING_SALES_BY_COUNT] = {
  [CANTING_SALES_BY_PRODUCT] = { "product", N_("Product") },
  [CANTING_SALES_BY_MOTIF] = { "motif", N_("Motif") },
  [CANTING_SALES_BY_CHANNEL] = { "channel", N_("Channel") },
  [CANTING_SALES_BY_CITY] = { "city", N_("Customer city") },
};

const char *
canting_sales_by_to_string (CantingSalesBy by)
{
  return canting_enum_id (sales_bys, CANTING_SALES_BY_COUNT, by);
}

const char *
canting_sales_by_label (CantingSalesBy by)
{
  return canting_enum_label (sales_bys, CANTING_SALES_BY_COUNT, by);
}

gboolean
canting_sales_by_from_string (const char     *text,
                              CantingSalesBy *out_by)
{
  return canting_enum_lookup (sales_bys, CANTING_SALES_BY_COUNT, text, (guint *) out_by);
}

/* --- periods ------------------------------------------------------------- */

gboolean
canting_month_parse (const char *text,
                     int        *out_year,
                     int        *out_month)
{
  g_autofree char *first = NULL;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  first = g_strconcat (text, "-01", NULL);
  if (!canting_date_is_valid (first))
    return FALSE;
  *out_year = atoi (text);
  *out_month = atoi (text + 5);
  return TRUE;
}

/* Months since year 0: consecutive months are consecutive numbers. */
static int
month_index (int year,
             int month)
{
  return year * 12 + month - 1;
}

static void
month_text (int  index,
            char out[8])
{
  g_snprintf (out, 8, "%04d-%02d", index / 12, index % 12 + 1);
}

/* Reads @text as a month into its index, or sets @error naming @field. */
static gboolean
month_arg (const char  *text,
           const char  *field,
           int         *out_index,
           GError     **error)
{
  int year, month;

  if (!canting_month_parse (text, &year, &month))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("%s: “%s” is not a month. Write it as year-month, for example 2026-03."),
                   field, text != NULL ? text : "");
      return FALSE;
    }
  *out_index = month_index (year, month);
  return TRUE;
}

/* Checks that a range runs forwards and is not absurdly long. */
static gboolean
range_ok (int          from,
          int          to,
          GError     **error)
{
  if (to < from)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The period ends before it starts."));
      return FALSE;
    }
  if (to - from >= MAX_MONTHS)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The period is longer than %d years; choose a shorter one."), MAX_MONTHS / 12);
      return FALSE;
    }
  return TRUE;
}

char *
canting_report_day (const char  *text,
                    gboolean     end,
                    const char  *field,
                    GError     **error)
{
  int year, month;

  if (text != NULL && canting_date_is_valid (text))
    return g_strdup (text);
  if (canting_month_parse (text, &year, &month))
    return g_strdup_printf ("%s-%02u", text,
                            end ? g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year) : 1);
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
               _("%s: “%s” is not a date. Write it as year-month-day (2026-03-31) or year-month (2026-03)."),
               field, text != NULL ? text : "");
  return NULL;
}

static gboolean
day_range_ok (const char  *from,
              const char  *to,
              GError     **error)
{
  if (!canting_date_is_valid (from) || !canting_date_is_valid (to))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Write the dates of the period as year-month-day, for example 2026-03-31."));
      return FALSE;
    }
  if (strcmp (to, from) < 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The period ends before it starts."));
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_report_check_period (const char  *from,
                             const char  *to,
                             GError     **error)
{
  int from_index, to_index;

  if (month_arg (from, "from", &from_index, NULL) && month_arg (to, "to", &to_index, NULL))
    return range_ok (from_index, to_index, error);
  return day_range_ok (from, to, error);
}

/* --- the monthly series -------------------------------------------------- */

GArray *
canting_report_monthly (CantingDb   *db,
                        const char  *from_month,
                        const char  *to_month,
                        GError     **error)
{
  g_autoptr(GArray) months = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char after[8];
  int from, to, rc;

  if (!month_arg (from_month, _("From"), &from, error) || !month_arg (to_month, _("To"), &to, error) ||
      !range_ok (from, to, error))
    return NULL;
  months = g_array_sized_new (FALSE, TRUE, sizeof (CantingMonthSum), (guint) (to - from + 1));
  g_array_set_size (months, (guint) (to - from + 1));
  for (int i = from; i <= to; i++)
    month_text (i, g_array_index (months, CantingMonthSum, i - from).month);

  stmt = canting_sql_prepare (db, CANTING_REPORT_MONTHLY_SQL, error);
  if (stmt == NULL)
    return NULL;
  month_text (to + 1, after);
  sqlite3_bind_text (stmt, 1, from_month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, after, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 0);
      char month_of_day[8] = { 0 };
      int year, month, index;

      if (day != NULL)
        memcpy (month_of_day, day, MIN (strlen (day), 7));
      if (!canting_month_parse (month_of_day, &year, &month))
        continue;   /* a date some other writer got wrong: not a month of the range */
      index = month_index (year, month) - from;
      if (index < 0 || index > to - from)
        continue;
      g_array_index (months, CantingMonthSum, index).income += sqlite3_column_int64 (stmt, 1);
      g_array_index (months, CantingMonthSum, index).expense += sqlite3_column_int64 (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the ledger by month"));
      return NULL;
    }
  return g_steal_pointer (&months);
}

gboolean
canting_report_month_figures (CantingDb            *db,
                              const char           *month,
                              CantingMonthFigures  *out_figures,
                              GError              **error)
{
  g_autoptr(GArray) months = NULL;
  char from[8];
  int index;

  if (!month_arg (month, _("Month"), &index, error))
    return FALSE;
  /* Thirteen months hold all of them: the year ago is the first. */
  month_text (index - 12, from);
  months = canting_report_monthly (db, from, month, error);
  if (months == NULL)
    return FALSE;
  out_figures->this_month = g_array_index (months, CantingMonthSum, 12);
  out_figures->last_month = g_array_index (months, CantingMonthSum, 11);
  out_figures->year_ago = g_array_index (months, CantingMonthSum, 0);
  memcpy (out_figures->last_12, &g_array_index (months, CantingMonthSum, 1), sizeof out_figures->last_12);
  return TRUE;
}

/* --- profit and loss ----------------------------------------------------- */

static CantingPnlLine *
pnl_line_new (gint64      category_id,
              const char *label,
              guint       n_periods)
{
  CantingPnlLine *line = g_new0 (CantingPnlLine, 1);

  line->category_id = category_id;
  line->label = g_strdup (label);
  line->amounts = g_new0 (CantingMoney, MAX (n_periods, 1));
  return line;
}

static void
pnl_line_free (CantingPnlLine *line)
{
  if (line == NULL)
    return;
  g_free (line->label);
  g_free (line->amounts);
  g_free (line);
}

void
canting_pnl_free (CantingPnl *pnl)
{
  if (pnl == NULL)
    return;
  g_free (pnl->from);
  g_free (pnl->to);
  g_strfreev (pnl->periods);
  g_clear_pointer (&pnl->income, g_ptr_array_unref);
  g_clear_pointer (&pnl->expense, g_ptr_array_unref);
  pnl_line_free (pnl->total_income);
  pnl_line_free (pnl->total_expense);
  pnl_line_free (pnl->profit);
  g_free (pnl);
}

/* A line for every category, archived ones too (@archived says which):
 * whether an archived one shows depends on what it holds. */
static gboolean
pnl_categories (CantingDb   *db,
                CantingPnl  *pnl,
                GHashTable  *lines,
                GHashTable  *archived,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, kind, name, archived FROM ledger_categories "
                                                      "ORDER BY name COLLATE NOCASE, id",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean income = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "income") == 0;
      CantingPnlLine *line = pnl_line_new (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 2),
                                           pnl->n_periods);

      g_ptr_array_add (income ? pnl->income : pnl->expense, line);
      g_hash_table_insert (lines, &line->category_id, line);
      if (sqlite3_column_int (stmt, 3) != 0)
        g_hash_table_add (archived, line);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the categories"));
      return FALSE;
    }
  return TRUE;
}

/* Which period of @pnl the day @on_date falls in, or -1. */
static int
period_of (const CantingPnl *pnl,
           int               first,
           const char       *on_date)
{
  int year, month;
  char text[8];

  if (on_date == NULL || strlen (on_date) < 7)
    return -1;
  if (pnl->by == CANTING_REPORT_BY_YEAR)
    return atoi (on_date) - first / 12;
  memcpy (text, on_date, 7);
  text[7] = '\0';
  if (!canting_month_parse (text, &year, &month))
    return -1;
  return month_index (year, month) - first;
}

CantingPnl *
canting_pnl_new (CantingDb        *db,
                 const char       *from,
                 const char       *to,
                 CantingReportBy   by,
                 GError          **error)
{
  g_autoptr(CantingPnl) pnl = g_new0 (CantingPnl, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) lines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) archived = g_hash_table_new (NULL, NULL);
  char after[8];
  int first, last, rc;

  if (!month_arg (from, _("From"), &first, error) || !month_arg (to, _("To"), &last, error) ||
      !range_ok (first, last, error))
    return NULL;
  pnl->from = g_strdup (from);
  pnl->to = g_strdup (to);
  pnl->by = by;
  pnl->n_periods = by == CANTING_REPORT_BY_YEAR ? (guint) (last / 12 - first / 12 + 1) : (guint) (last - first + 1);
  pnl->periods = g_new0 (char *, pnl->n_periods + 1);
  for (guint p = 0; p < pnl->n_periods; p++)
    {
      char month[8];

      month_text (first + (int) p, month);
      pnl->periods[p] = by == CANTING_REPORT_BY_YEAR ? g_strdup_printf ("%04d", first / 12 + (int) p)
                                                     : g_strdup (month);
    }
  pnl->income = g_ptr_array_new_with_free_func ((GDestroyNotify) pnl_line_free);
  pnl->expense = g_ptr_array_new_with_free_func ((GDestroyNotify) pnl_line_free);
  pnl->total_income = pnl_line_new (0, _("Total income"), pnl->n_periods);
  pnl->total_expense = pnl_line_new (0, _("Total expenses"), pnl->n_periods);
  pnl->profit = pnl_line_new (0, _("Profit (loss)"), pnl->n_periods);
  if (!pnl_categories (db, pnl, lines, archived, error))
    return NULL;

  stmt = canting_sql_prepare (db, CANTING_REPORT_PNL_SQL, error);
  if (stmt == NULL)
    return NULL;
  month_text (last + 1, after);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, after, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int period = period_of (pnl, first, (const char *) sqlite3_column_text (stmt, 0));
      gint64 category_id = sqlite3_column_int64 (stmt, 2);
      CantingPnlLine *line = g_hash_table_lookup (lines, &category_id);

      /* A date or category some other writer got wrong counts nowhere. */
      if (line != NULL && period >= 0 && period < (int) pnl->n_periods)
        line->amounts[period] += sqlite3_column_int64 (stmt, 3);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the ledger"));
      return NULL;
    }

  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *group = k == 0 ? pnl->income : pnl->expense;
      CantingPnlLine *total = k == 0 ? pnl->total_income : pnl->total_expense;

      for (guint i = 0; i < group->len; )
        {
          CantingPnlLine *line = g_ptr_array_index (group, i);
          gboolean used = FALSE;

          for (guint p = 0; p < pnl->n_periods; p++)
            {
              used |= line->amounts[p] != 0;
              line->total += line->amounts[p];
              total->amounts[p] += line->amounts[p];
            }
          total->total += line->total;
          /* An archived category shows only where it holds something
           * (amounts are positive: nothing in it sums to zero). */
          if (!used && g_hash_table_contains (archived, line))
            g_ptr_array_remove_index (group, i);
          else
            i++;
        }
    }
  for (guint p = 0; p < pnl->n_periods; p++)
    pnl->profit->amounts[p] = pnl->total_income->amounts[p] - pnl->total_expense->amounts[p];
  pnl->profit->total = pnl->total_income->total - pnl->total_expense->total;
  return g_steal_pointer (&pnl);
}

static void
put_pnl_line (GString              *out,
              const char           *kind,
              const CantingPnlLine *line,
              guint                 n_periods,
              char                  separator)
{
  canting_csv_put (out, kind, separator, FALSE);
  canting_csv_put (out, line->label, separator, FALSE);
  for (guint p = 0; p < n_periods; p++)
    canting_csv_put_money (out, line->amounts[p], separator, FALSE);
  canting_csv_put_money (out, line->total, separator, TRUE);
}

GBytes *
canting_pnl_csv (const CantingPnl *pnl,
                 char              separator)
{
  GString *out = g_string_new ("\xef\xbb\xbf");
  const char *income = canting_entry_kind_label (CANTING_ENTRY_INCOME);
  const char *expense = canting_entry_kind_label (CANTING_ENTRY_EXPENSE);

  /* Indonesian headers like every export; one column per period, then
   * the whole range. */
  canting_csv_put (out, "jenis", separator, FALSE);
  canting_csv_put (out, "kategori", separator, FALSE);
  for (guint p = 0; p < pnl->n_periods; p++)
    canting_csv_put (out, pnl->periods[p], separator, FALSE);
  canting_csv_put (out, "total", separator, TRUE);
  for (guint i = 0; i < pnl->income->len; i++)
    put_pnl_line (out, income, g_ptr_array_index (pnl->income, i), pnl->n_periods, separator);
  put_pnl_line (out, income, pnl->total_income, pnl->n_periods, separator);
  for (guint i = 0; i < pnl->expense->len; i++)
    put_pnl_line (out, expense, g_ptr_array_index (pnl->expense, i), pnl->n_periods, separator);
  put_pnl_line (out, expense, pnl->total_expense, pnl->n_periods, separator);
  put_pnl_line (out, "", pnl->profit, pnl->n_periods, separator);
  return g_string_free_to_bytes (out);
}

/* --- cash flow ----------------------------------------------------------- */

static void
cashflow_line_free (CantingCashflowLine *line)
{
  if (line == NULL)
    return;
  g_free (line->name);
  g_free (line);
}

void
canting_cashflow_free (CantingCashflow *cashflow)
{
  if (cashflow == NULL)
    return;
  g_free (cashflow->from);
  g_free (cashflow->to);
  g_clear_pointer (&cashflow->accounts, g_ptr_array_unref);
  cashflow_line_free (cashflow->total);
  g_free (cashflow);
}

/* Per account: what it held before the period (its opening balance and
 * every entry dated earlier) and what moved in the period.  A transfer
 * leaves its account_id and reaches its to_account_id, hence the two
 * sums. */
#define CASHFLOW_SQL \
  "SELECT a.id, a.name, a.kind, a.archived, a.opening_balance + coalesce(o.before, 0) + coalesce(i.before, 0)," \
  "       coalesce(o.money_in, 0), coalesce(o.money_out, 0), coalesce(i.moved_in, 0), coalesce(o.moved_out, 0)" \
  " FROM accounts a" \
  " LEFT JOIN (SELECT account_id AS id," \
  "                   sum(CASE WHEN on_date < ?1 THEN CASE kind WHEN 'income' THEN amount ELSE -amount END ELSE 0 END) AS before," \
  "                   sum(CASE WHEN on_date >= ?1 AND kind = 'income' THEN amount ELSE 0 END) AS money_in," \
  "                   sum(CASE WHEN on_date >= ?1 AND kind = 'expense' THEN amount ELSE 0 END) AS money_out," \
  "                   sum(CASE WHEN on_date >= ?1 AND kind = 'transfer' THEN amount ELSE 0 END) AS moved_out" \
  "            FROM ledger WHERE voided = 0 AND on_date <= ?2 GROUP BY account_id) o ON o.id = a.id" \
  " LEFT JOIN (SELECT to_account_id AS id," \
  "                   sum(CASE WHEN on_date < ?1 THEN amount ELSE 0 END) AS before," \
  "                   sum(CASE WHEN on_date >= ?1 THEN amount ELSE 0 END) AS moved_in" \
  "            FROM ledger WHERE voided = 0 AND kind = 'transfer' AND on_date <= ?2 GROUP BY to_account_id) i" \
  "   ON i.id = a.id" \
  " ORDER BY a.id"

CantingCashflow *
canting_cashflow_new (CantingDb   *db,
                      const char  *from,
                      const char  *to,
                      GError     **error)
{
  g_autoptr(CantingCashflow) cf = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CantingCashflowLine *total;
  int rc;

  if (!day_range_ok (from, to, error))
    return NULL;
  cf = g_new0 (CantingCashflow, 1);
  cf->from = g_strdup (from);
  cf->to = g_strdup (to);
  cf->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) cashflow_line_free);
  cf->total = total = g_new0 (CantingCashflowLine, 1);
  total->name = g_strdup (_("All accounts"));

  stmt = canting_sql_prepare (db, CASHFLOW_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingCashflowLine *line = g_new0 (CantingCashflowLine, 1);

      line->account_id = sqlite3_column_int64 (stmt, 0);
      line->name = canting_sql_dup_text (stmt, 1);
      canting_account_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &line->kind);
      line->opening = sqlite3_column_int64 (stmt, 4);
      line->money_in = sqlite3_column_int64 (stmt, 5);
      line->money_out = sqlite3_column_int64 (stmt, 6);
      line->transfers_in = sqlite3_column_int64 (stmt, 7);
      line->transfers_out = sqlite3_column_int64 (stmt, 8);
      line->closing = line->opening + line->money_in - line->money_out + line->transfers_in - line->transfers_out;
      /* An archived account shows only while it held or moved money. */
      if (sqlite3_column_int (stmt, 3) != 0 && line->opening == 0 && line->closing == 0 &&
          line->money_in == 0 && line->money_out == 0 && line->transfers_in == 0 && line->transfers_out == 0)
        {
          cashflow_line_free (line);
          continue;
        }
      total->opening += line->opening;
      total->money_in += line->money_in;
      total->money_out += line->money_out;
      total->transfers_in += line->transfers_in;
      total->transfers_out += line->transfers_out;
      total->closing += line->closing;
      g_ptr_array_add (cf->accounts, line);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the accounts"));
      return NULL;
    }
  return g_steal_pointer (&cf);
}

static void
put_cashflow_line (GString                   *out,
                   const CantingCashflowLine *line,
                   const char                *kind,
                   char                       separator)
{
  canting_csv_put (out, line->name, separator, FALSE);
  canting_csv_put (out, kind, separator, FALSE);
  canting_csv_put_money (out, line->opening, separator, FALSE);
  canting_csv_put_money (out, line->money_in, separator, FALSE);
  canting_csv_put_money (out, line->money_out, separator, FALSE);
  canting_csv_put_money (out, line->transfers_in, separator, FALSE);
  canting_csv_put_money (out, line->transfers_out, separator, FALSE);
  canting_csv_put_money (out, line->closing, separator, TRUE);
}

GBytes *
canting_cashflow_csv (const CantingCashflow *cf,
                      char                   separator)
{
  GString *out = g_string_new ("\xef\xbb\xbf");
  static const char * const header[] = {
    "akun", "jenis", "saldo awal", "pemasukan", "pengeluaran", "transfer masuk", "transfer keluar", "saldo akhir",
  };

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    canting_csv_put (out, header[i], separator, i + 1 == G_N_ELEMENTS (header));
  for (guint i = 0; i < cf->accounts->len; i++)
    {
      const CantingCashflowLine *line = g_ptr_array_index (cf->accounts, i);
      put_cashflow_line (out, line, canting_account_kind_label (line->kind), separator);
    }
  put_cashflow_line (out, cf->total, "", separator);
  return g_string_free_to_bytes (out);
}

/* --- sales --------------------------------------------------------------- */

static void
sales_line_free (CantingSalesLine *line)
{
  if (line == NULL)
    return;
  g_free (line->label);
  g_free (line);
}

void
canting_sales_free (CantingSales *sales)
{
  if (sales == NULL)
    return;
  g_free (sales->from);
  g_free (sales->to);
  g_clear_pointer (&sales->lines, g_ptr_array_unref);
  sales_line_free (sales->total);
  g_free (sales);
}

/* Which orders are sales: those dated in the period (order_date, the day
 * the order was taken) that are neither drafts (not agreed yet) nor
 * cancelled (no sale after all).  Confirmed orders still in production
 * count: the sale was made, even if not all of it is paid. */
#define SALES_ORDERS \
  " o.status NOT IN ('draft', 'cancelled') AND o.order_date >= ?1 AND o.order_date <= ?2"

/* By product and motif: the item lines; custom pieces (no product) are
 * one row, NULL in the first column. */
#define ITEMS_FROM \
  " FROM orders o JOIN order_items i ON i.order_id = o.id LEFT JOIN products p ON p.id = i.product_id" \
  " WHERE" SALES_ORDERS
#define ITEM_SUMS " count(DISTINCT i.order_id), sum(i.quantity), sum(i.quantity * i.unit_price)"
/* By channel and city: whole orders, their totals and their pieces. */
#define ORDER_SUMS \
  " count(*), sum((SELECT sum(quantity) FROM order_items WHERE order_id = o.id)), sum(o.total)"

static const char * const sales_sql[CANTING_SALES_BY_COUNT] = {
  [CANTING_SALES_BY_PRODUCT] =
    "SELECT CASE WHEN i.product_id IS NULL THEN NULL ELSE p.name || ' (' || p.sku || ')' END AS key," ITEM_SUMS
    ITEMS_FROM " GROUP BY i.product_id ORDER BY 4 DESC, key",
  [CANTING_SALES_BY_MOTIF] =
    "SELECT CASE WHEN i.product_id IS NULL THEN NULL ELSE trim(p.motif) END AS key," ITEM_SUMS
    ITEMS_FROM " GROUP BY key ORDER BY 4 DESC, key",
  [CANTING_SALES_BY_CHANNEL] =
    "SELECT o.channel AS key," ORDER_SUMS
    " FROM orders o WHERE" SALES_ORDERS " GROUP BY key ORDER BY 4 DESC, key",
  [CANTING_SALES_BY_CITY] =
    "SELECT min(trim(c.city)) AS key," ORDER_SUMS
    " FROM orders o JOIN customers c ON c.id = o.customer_id WHERE" SALES_ORDERS
    " GROUP BY trim(c.city) COLLATE NOCASE ORDER BY 4 DESC, key",
};

static const char * const sales_total_sql[2] = {
  "SELECT NULL," ITEM_SUMS ITEMS_FROM,
  "SELECT NULL," ORDER_SUMS " FROM orders o WHERE" SALES_ORDERS,
};

static char *
sales_label (CantingSalesBy  by,
             const char     *key)
{
  CantingSalesChannel channel;

  switch (by)
    {
    case CANTING_SALES_BY_PRODUCT:
      return g_strdup (key != NULL ? key : _("Custom pieces"));
    case CANTING_SALES_BY_MOTIF:
      return g_strdup (key == NULL ? _("Custom pieces") : *key == '\0' ? _("No motif given") : key);
    case CANTING_SALES_BY_CHANNEL:
      return g_strdup (canting_sales_channel_from_string (key, &channel) ? canting_sales_channel_label (channel)
                                                                         : key != NULL ? key : "");
    case CANTING_SALES_BY_CITY:
    default:
      return g_strdup (key != NULL && *key != '\0' ? key : _("No city given"));
    }
}

static gboolean
sales_rows (CantingDb       *db,
            const char      *sql,
            CantingSales    *sales,
            GPtrArray       *into,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sales->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sales->to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingSalesLine *line = g_new0 (CantingSalesLine, 1);

      line->label = sales_label (sales->by, (const char *) sqlite3_column_text (stmt, 0));
      line->orders = sqlite3_column_int64 (stmt, 1);
      line->pieces = sqlite3_column_int64 (stmt, 2);
      line->amount = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (into, line);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the sales"));
      return FALSE;
    }
  return TRUE;
}

CantingSales *
canting_sales_new (CantingDb       *db,
                   CantingSalesBy   by,
                   const char      *from,
                   const char      *to,
                   GError         **error)
{
  g_autoptr(CantingSales) sales = NULL;
  g_autoptr(GPtrArray) total = g_ptr_array_new_with_free_func ((GDestroyNotify) sales_line_free);
  gboolean by_items = by == CANTING_SALES_BY_PRODUCT || by == CANTING_SALES_BY_MOTIF;

  g_return_val_if_fail (by < CANTING_SALES_BY_COUNT, NULL);
  if (!day_range_ok (from, to, error))
    return NULL;
  sales = g_new0 (CantingSales, 1);
  sales->from = g_strdup (from);
  sales->to = g_strdup (to);
  sales->by = by;
  sales->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sales_line_free);
  if (!sales_rows (db, sales_sql[by], sales, sales->lines, error) ||
      !sales_rows (db, sales_total_sql[by_items ? 0 : 1], sales, total, error))
    return NULL;
  sales->total = g_ptr_array_steal_index (total, 0);
  g_free (sales->total->label);
  sales->total->label = g_strdup (_("Total"));
  return g_steal_pointer (&sales);
}

static int
line_by_amount (gconstpointer a,
                 gconstpointer b)
{
  const CantingSalesLine *x = *(CantingSalesLine * const *) a, *y = *(CantingSalesLine * const *) b;

  if (x->amount != y->amount)
    return x->amount > y->amount ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

gboolean
canting_sales_products_and_motifs (CantingDb   *db,
                                   const char  *from,
                                   const char  *to,
                                   GPtrArray  **out_products,
                                   GPtrArray  **out_motifs,
                                   GError     **error)
{
  /* By product, with each product's motif: the motifs' sums are the sums
   * of their products', so one pass over the period serves both. */
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT CASE WHEN i.product_id IS NULL THEN NULL ELSE p.name || ' (' || p.sku || ')' END,"
                                                      " CASE WHEN i.product_id IS NULL THEN NULL ELSE trim(p.motif) END,"
                                                      " sum(i.quantity), sum(i.quantity * i.unit_price)"
                                                      ITEMS_FROM " GROUP BY i.product_id",
                                                      error);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) sales_line_free);
  g_autoptr(GPtrArray) motifs = g_ptr_array_new_with_free_func ((GDestroyNotify) sales_line_free);
  g_autoptr(GHashTable) by_motif = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  if (!day_range_ok (from, to, error) || stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingSalesLine *line = g_new0 (CantingSalesLine, 1);
      g_autofree char *motif = sales_label (CANTING_SALES_BY_MOTIF, (const char *) sqlite3_column_text (stmt, 1));
      CantingSalesLine *sum;

      line->label = sales_label (CANTING_SALES_BY_PRODUCT, (const char *) sqlite3_column_text (stmt, 0));
      line->pieces = sqlite3_column_int64 (stmt, 2);
      line->amount = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (products, line);

      sum = g_hash_table_lookup (by_motif, motif);
      if (sum == NULL)
        {
          sum = g_new0 (CantingSalesLine, 1);
          sum->label = g_steal_pointer (&motif);
          g_ptr_array_add (motifs, sum);
          g_hash_table_insert (by_motif, sum->label, sum);
        }
      sum->pieces += line->pieces;
      sum->amount += line->amount;
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the sales"));
      return FALSE;
    }
  g_ptr_array_sort (products, line_by_amount);
  g_ptr_array_sort (motifs, line_by_amount);
  *out_products = g_steal_pointer (&products);
  *out_motifs = g_steal_pointer (&motifs);
  return TRUE;
}

const char *
canting_sales_amount_note (const CantingSales *sales)
{
  if (sales->by == CANTING_SALES_BY_PRODUCT || sales->by == CANTING_SALES_BY_MOTIF)
    return _("Amounts are the order lines: pieces × price, before the order’s discount and shipping. "
             "Orders counted: dated in the period, not drafts or cancelled.");
  return _("Amounts are the orders’ totals, after discount and with shipping. "
           "Orders counted: dated in the period, not drafts or cancelled.");
}

GBytes *
canting_sales_csv (const CantingSales *sales,
                   char                separator)
{
  GString *out = g_string_new ("\xef\xbb\xbf");
  static const char * const key_header[CANTING_SALES_BY_COUNT] = { "produk", "motif", "saluran", "kota" };

  canting_csv_put (out, key_header[sales->by], separator, FALSE);
  canting_csv_put (out, "pesanan", separator, FALSE);
  canting_csv_put (out, "potong", separator, FALSE);
  canting_csv_put (out, "jumlah", separator, TRUE);
  for (guint i = 0; i <= sales->lines->len; i++)
    {
      const CantingSalesLine *line = i < sales->lines->len ? g_ptr_array_index (sales->lines, i) : sales->total;
      char number[32];

      canting_csv_put (out, line->label, separator, FALSE);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, line->orders);
      canting_csv_put (out, number, separator, FALSE);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, line->pieces);
      canting_csv_put (out, number, separator, FALSE);
      canting_csv_put_money (out, line->amount, separator, TRUE);
    }
  return g_string_free_to_bytes (out);
}

/* --- titles -------------------------------------------------------------- */

char *
canting_report_period_label (const char *period,
                             gboolean    abbreviated)
{
  g_autoptr(GDateTime) when = NULL;
  int year, month;

  if (!canting_month_parse (period, &year, &month))
    return g_strdup (period != NULL ? period : "");
  when = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  return g_date_time_format (when, abbreviated ? "%b %Y" : "%B %Y");
}

char *
canting_pnl_title (const CantingPnl *pnl)
{
  g_autofree char *from = NULL, *to = NULL;

  if (pnl->by == CANTING_REPORT_BY_YEAR)
    {
      from = g_strndup (pnl->from, 4);
      to = g_strndup (pnl->to, 4);
    }
  else
    {
      from = canting_report_period_label (pnl->from, FALSE);
      to = canting_report_period_label (pnl->to, FALSE);
    }
  if (g_str_equal (from, to))
    return g_strdup_printf (_("Profit and Loss — %s"), from);
  return g_strdup_printf (_("Profit and Loss — %s to %s"), from, to);
}

char *
canting_cashflow_title (const CantingCashflow *cashflow)
{
  g_autofree char *from = canting_date_format (cashflow->from);
  g_autofree char *to = canting_date_format (cashflow->to);

  return g_strdup_printf (_("Cash Flow — %s to %s"), from, to);
}

char *
canting_sales_title (const CantingSales *sales)
{
  g_autofree char *from = canting_date_format (sales->from);
  g_autofree char *to = canting_date_format (sales->to);

  switch (sales->by)
    {
    case CANTING_SALES_BY_PRODUCT:
      return g_strdup_printf (_("Sales by Product — %s to %s"), from, to);
    case CANTING_SALES_BY_MOTIF:
      return g_strdup_printf (_("Sales by Motif — %s to %s"), from, to);
    case CANTING_SALES_BY_CHANNEL:
      return g_strdup_printf (_("Sales by Channel — %s to %s"), from, to);
    case CANTING_SALES_BY_CITY:
    default:
      return g_strdup_printf (_("Sales by Customer City — %s to %s"), from, to);
    }
}
