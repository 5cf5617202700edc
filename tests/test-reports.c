/* test-reports.c: the money reports on small workshops whose figures are
 * worked out by hand here: profit and loss, cash flow, sales, the monthly
 * series, the tax estimate, and their CSV and PDF. */
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-ledger.h"
#include "canting-profile.h"
#include "canting-report.h"
#include "canting-report-pdf.h"
#include "canting-tax.h"
#include "canting-test-util.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 kas, bank, qris;
} Fixture;

static void
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gint64
category (Fixture    *f,
          const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM ledger_categories WHERE code = '%s'", code);
  return canting_test_query_int (canting_db_get_handle (f->db), sql);
}

static gint64
add_entry (Fixture          *f,
           CantingEntryKind  kind,
           const char       *on_date,
           CantingMoney      amount,
           const char       *category_code,
           gint64            account_id)
{
  g_autoptr(CantingEntry) e = canting_entry_new (kind);
  g_autoptr(GError) error = NULL;

  g_free (e->on_date);
  e->on_date = g_strdup (on_date);
  e->amount = amount;
  e->category_id = category_code != NULL ? category (f, category_code) : 0;
  e->account_id = account_id;
  g_assert_true (canting_entry_save (f->db, e, &error));
  g_assert_no_error (error);
  return e->id;
}

static void
add_transfer (Fixture      *f,
              const char   *on_date,
              CantingMoney  amount,
              gint64        from,
              gint64        to)
{
  g_autoptr(CantingEntry) e = canting_entry_new (CANTING_ENTRY_TRANSFER);
  g_autoptr(GError) error = NULL;

  g_free (e->on_date);
  e->on_date = g_strdup (on_date);
  e->amount = amount;
  e->account_id = from;
  e->to_account_id = to;
  g_assert_true (canting_entry_save (f->db, e, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  accounts = canting_account_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  f->kas = ((CantingAccount *) accounts->pdata[0])->id;
  f->bank = ((CantingAccount *) accounts->pdata[1])->id;
  f->qris = ((CantingAccount *) accounts->pdata[2])->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

/* The ledger of a small workshop, December 2025 to February 2026:
 *
 *   Kas opened with Rp 1.000.000, Bank with Rp 5.000.000, QRIS with 0.
 *   2025-12-20  income   sales       700.000  Kas
 *   2025-12-22  expense  rent        100.000  Bank
 *   2026-01-05  income   sales     2.000.000  Kas
 *   2026-01-10  expense  materials   500.000  Kas
 *   2026-01-15  expense  wages       300.000  Kas
 *   2026-01-20  transfer           1.000.000  Kas → Bank
 *   2026-01-25  income   other       100.000  Bank
 *   2026-01-28  income   sales       999.999  Kas   (voided)
 *   2026-02-03  income   sales     1.500.000  Bank
 *   2026-02-10  expense  utilities   200.000  Bank
 *   2026-02-14  expense  materials   250.000  Kas
 *   2026-02-20  a DP of 400.000 paid in cash on an order (automatic entry, Kas)
 *
 * and the tools category archived, never used. */
static void
small_ledger (Fixture *f)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 voided;

  accounts = canting_account_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  ((CantingAccount *) accounts->pdata[0])->opening_balance = 1000000;
  ((CantingAccount *) accounts->pdata[1])->opening_balance = 5000000;
  g_assert_true (canting_account_save (f->db, accounts->pdata[0], &error));
  g_assert_true (canting_account_save (f->db, accounts->pdata[1], &error));
  g_assert_no_error (error);

  add_entry (f, CANTING_ENTRY_INCOME, "2025-12-20", 700000, "sales", f->kas);
  add_entry (f, CANTING_ENTRY_EXPENSE, "2025-12-22", 100000, "rent", f->bank);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-01-05", 2000000, "sales", f->kas);
  add_entry (f, CANTING_ENTRY_EXPENSE, "2026-01-10", 500000, "materials", f->kas);
  add_entry (f, CANTING_ENTRY_EXPENSE, "2026-01-15", 300000, "wages", f->kas);
  add_transfer (f, "2026-01-20", 1000000, f->kas, f->bank);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-01-25", 100000, "other_income", f->bank);
  voided = add_entry (f, CANTING_ENTRY_INCOME, "2026-01-28", 999999, "sales", f->kas);
  g_assert_true (canting_entry_set_voided (f->db, voided, TRUE, &error));
  g_assert_no_error (error);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-02-03", 1500000, "sales", f->bank);
  add_entry (f, CANTING_ENTRY_EXPENSE, "2026-02-10", 200000, "utilities", f->bank);
  add_entry (f, CANTING_ENTRY_EXPENSE, "2026-02-14", 250000, "materials", f->kas);
  exec (f, "INSERT INTO customers (id, name, city) VALUES (100, 'Bu Rini', 'Kediri');"
           "INSERT INTO orders (id, number, year, seq, customer_id, order_date, status, total)"
           "  VALUES (100, 'PSN-2026-0100', 2026, 100, 100, '2026-02-18', 'confirmed', 800000);"
           "INSERT INTO order_items (order_id, position, description, quantity, unit_price)"
           "  VALUES (100, 1, 'Seragam', 4, 200000);"
           "INSERT INTO payments (order_id, amount, paid_on, method, is_down_payment)"
           "  VALUES (100, 400000, '2026-02-20', 'cash', 1);"
           "UPDATE ledger_categories SET archived = 1 WHERE code = 'tools';");
}

static const CantingPnlLine *
line_named (GPtrArray  *lines,
            const char *label)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (((CantingPnlLine *) lines->pdata[i])->label, label))
      return lines->pdata[i];
  return NULL;
}

static void
assert_amounts (const CantingPnlLine *line,
                CantingMoney          first,
                CantingMoney          second,
                CantingMoney          total)
{
  g_assert_nonnull (line);
  g_assert_cmpint (line->amounts[0], ==, first);
  g_assert_cmpint (line->amounts[1], ==, second);
  g_assert_cmpint (line->total, ==, total);
}

/* Profit and loss for January and February 2026:
 *
 *                        Jan         Feb        total
 *   Penjualan         2.000.000   1.500.000   3.500.000  (the voided 999.999 not counted)
 *   DP pesanan                0     400.000     400.000
 *   Pemasukan lain      100.000           0     100.000
 *   Total income      2.100.000   1.900.000   4.000.000
 *   Bahan baku          500.000     250.000     750.000
 *   Upah pembatik       300.000           0     300.000
 *   Listrik dan air           0     200.000     200.000
 *   Total expenses      800.000     450.000   1.250.000
 *   Profit            1.300.000   1.450.000   2.750.000
 *
 * The transfer is neither; December's entries are outside. */
static void
test_pnl_by_month (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingPnl) pnl = NULL;

  small_ledger (f);
  pnl = canting_pnl_new (f->db, "2026-01", "2026-02", CANTING_REPORT_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pnl->n_periods, ==, 2);
  g_assert_cmpstr (pnl->periods[0], ==, "2026-01");
  g_assert_cmpstr (pnl->periods[1], ==, "2026-02");
  g_assert_null (pnl->periods[2]);

  assert_amounts (line_named (pnl->income, "Penjualan"), 2000000, 1500000, 3500000);
  assert_amounts (line_named (pnl->income, "DP pesanan"), 0, 400000, 400000);
  assert_amounts (line_named (pnl->income, "Pemasukan lain"), 100000, 0, 100000);
  assert_amounts (line_named (pnl->income, "Pelunasan pesanan"), 0, 0, 0);
  assert_amounts (pnl->total_income, 2100000, 1900000, 4000000);
  assert_amounts (line_named (pnl->expense, "Bahan baku"), 500000, 250000, 750000);
  assert_amounts (line_named (pnl->expense, "Upah pembatik"), 300000, 0, 300000);
  assert_amounts (line_named (pnl->expense, "Listrik dan air"), 0, 200000, 200000);
  assert_amounts (line_named (pnl->expense, "Sewa"), 0, 0, 0);
  assert_amounts (pnl->total_expense, 800000, 450000, 1250000);
  assert_amounts (pnl->profit, 1300000, 1450000, 2750000);

  /* Every open category is a row, by name; the archived, unused one is
   * not. */
  g_assert_cmpuint (pnl->income->len, ==, 4);
  g_assert_cmpstr (((CantingPnlLine *) pnl->income->pdata[0])->label, ==, "DP pesanan");
  g_assert_cmpuint (pnl->expense->len, ==, 8);
  g_assert_null (line_named (pnl->expense, "Peralatan"));

  /* An archived category still shows the money it holds. */
  exec (f, "UPDATE ledger_categories SET archived = 1 WHERE code = 'wages'");
  g_clear_pointer (&pnl, canting_pnl_free);
  pnl = canting_pnl_new (f->db, "2026-01", "2026-02", CANTING_REPORT_BY_MONTH, &error);
  g_assert_no_error (error);
  assert_amounts (line_named (pnl->expense, "Upah pembatik"), 300000, 0, 300000);
  g_clear_pointer (&pnl, canting_pnl_free);
  pnl = canting_pnl_new (f->db, "2026-02", "2026-02", CANTING_REPORT_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_null (line_named (pnl->expense, "Upah pembatik"));
}

/* By year, December 2025 to February 2026: 2025 holds December only
 * (sales 700.000, rent 100.000, profit 600.000), 2026 the two months
 * above. */
static void
test_pnl_by_year (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingPnl) pnl = NULL;

  small_ledger (f);
  pnl = canting_pnl_new (f->db, "2025-12", "2026-02", CANTING_REPORT_BY_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pnl->n_periods, ==, 2);
  g_assert_cmpstr (pnl->periods[0], ==, "2025");
  g_assert_cmpstr (pnl->periods[1], ==, "2026");
  assert_amounts (line_named (pnl->income, "Penjualan"), 700000, 3500000, 4200000);
  assert_amounts (line_named (pnl->expense, "Sewa"), 100000, 0, 100000);
  assert_amounts (pnl->total_income, 700000, 4000000, 4700000);
  assert_amounts (pnl->total_expense, 100000, 1250000, 1350000);
  assert_amounts (pnl->profit, 600000, 2750000, 3350000);

  /* A loss is negative: only January's expenses in a year cut short. */
  g_clear_pointer (&pnl, canting_pnl_free);
  exec (f, "UPDATE ledger SET voided = 1 WHERE kind = 'income'");
  pnl = canting_pnl_new (f->db, "2026-01", "2026-01", CANTING_REPORT_BY_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pnl->n_periods, ==, 1);
  g_assert_cmpint (pnl->profit->amounts[0], ==, -800000);
}

static void
test_pnl_refuses (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (canting_pnl_new (f->db, "2026-13", "2026-12", CANTING_REPORT_BY_MONTH, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“2026-13” is not a month"));
  g_clear_error (&error);
  g_assert_null (canting_pnl_new (f->db, "2026-03", "2026-02", CANTING_REPORT_BY_MONTH, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ends before it starts"));
  g_clear_error (&error);
  g_assert_null (canting_report_monthly (f->db, "2026-1", "2026-02", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
}

/* A period typed as months means their first and last days. */
static void
test_days (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = canting_report_day ("2026-02", FALSE, "--from", &error);
  g_autofree char *last = canting_report_day ("2026-02", TRUE, "--to", &error);
  g_autofree char *leap = canting_report_day ("2024-02", TRUE, "--to", &error);
  g_autofree char *day = canting_report_day ("2026-02-14", TRUE, "--to", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "2026-02-01");
  g_assert_cmpstr (last, ==, "2026-02-28");
  g_assert_cmpstr (leap, ==, "2024-02-29");
  g_assert_cmpstr (day, ==, "2026-02-14");
  g_assert_null (canting_report_day ("2026-02-30", TRUE, "--to", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "--to: “2026-02-30” is not a date"));
}

/* The monthly series has every month, empty ones as zeros, and the
 * dashboard's figures come from it. */
static void
test_monthly_series (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  CantingMonthFigures figures;
  const CantingMonthSum *m;

  small_ledger (f);
  add_entry (f, CANTING_ENTRY_INCOME, "2025-02-11", 333000, "sales", f->kas);
  months = canting_report_monthly (f->db, "2025-11", "2026-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 5);
  m = &g_array_index (months, CantingMonthSum, 0);
  g_assert_cmpstr (m->month, ==, "2025-11");
  g_assert_cmpint (m->income, ==, 0);
  g_assert_cmpint (m->expense, ==, 0);
  m = &g_array_index (months, CantingMonthSum, 1);
  g_assert_cmpstr (m->month, ==, "2025-12");
  g_assert_cmpint (m->income, ==, 700000);
  g_assert_cmpint (m->expense, ==, 100000);
  m = &g_array_index (months, CantingMonthSum, 2);
  g_assert_cmpint (m->income, ==, 2100000);   /* no voided entry, no transfer */
  g_assert_cmpint (m->expense, ==, 800000);
  m = &g_array_index (months, CantingMonthSum, 3);
  g_assert_cmpint (m->income, ==, 1900000);
  g_assert_cmpint (m->expense, ==, 450000);
  m = &g_array_index (months, CantingMonthSum, 4);
  g_assert_cmpstr (m->month, ==, "2026-03");
  g_assert_cmpint (m->income, ==, 0);

  g_assert_true (canting_report_month_figures (f->db, "2026-02", &figures, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (figures.this_month.month, ==, "2026-02");
  g_assert_cmpint (figures.this_month.income, ==, 1900000);
  g_assert_cmpstr (figures.last_month.month, ==, "2026-01");
  g_assert_cmpint (figures.last_month.income, ==, 2100000);
  g_assert_cmpstr (figures.year_ago.month, ==, "2025-02");
  g_assert_cmpint (figures.year_ago.income, ==, 333000);
  g_assert_cmpstr (figures.last_12[0].month, ==, "2025-03");
  g_assert_cmpstr (figures.last_12[10].month, ==, "2026-01");
  g_assert_cmpint (figures.last_12[9].income, ==, 700000);
  g_assert_cmpint (figures.last_12[11].expense, ==, 450000);
}

static const CantingCashflowLine *
account_line (const CantingCashflow *cf,
              gint64                 id)
{
  for (guint i = 0; i < cf->accounts->len; i++)
    if (((CantingCashflowLine *) cf->accounts->pdata[i])->account_id == id)
      return cf->accounts->pdata[i];
  return NULL;
}

static void
assert_cashflow (const CantingCashflowLine *line,
                 CantingMoney               opening,
                 CantingMoney               in,
                 CantingMoney               out,
                 CantingMoney               transfers_in,
                 CantingMoney               transfers_out,
                 CantingMoney               closing)
{
  g_assert_nonnull (line);
  g_assert_cmpint (line->opening, ==, opening);
  g_assert_cmpint (line->money_in, ==, in);
  g_assert_cmpint (line->money_out, ==, out);
  g_assert_cmpint (line->transfers_in, ==, transfers_in);
  g_assert_cmpint (line->transfers_out, ==, transfers_out);
  g_assert_cmpint (line->closing, ==, closing);
}

/* January 2026:
 *   Kas   opening 1.000.000 + 700.000 (December's sale) = 1.700.000;
 *         in 2.000.000 (the voided 999.999 not counted), out 500.000 + 300.000,
 *         transferred out 1.000.000: closing 1.900.000.
 *   Bank  opening 5.000.000 − 100.000 (December's rent) = 4.900.000;
 *         in 100.000, transferred in 1.000.000: closing 6.000.000.
 *   QRIS  nothing: 0 throughout.
 * February 2026:
 *   Kas   1.900.000 + 400.000 (the DP) − 250.000 = 2.050.000
 *   Bank  6.000.000 + 1.500.000 − 200.000 = 7.300.000
 * which are the balances the accounts show, nothing coming later. */
static void
test_cashflow (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCashflow) cf = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  small_ledger (f);
  cf = canting_cashflow_new (f->db, "2026-01-01", "2026-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cf->accounts->len, ==, 3);
  assert_cashflow (account_line (cf, f->kas), 1700000, 2000000, 800000, 0, 1000000, 1900000);
  assert_cashflow (account_line (cf, f->bank), 4900000, 100000, 0, 1000000, 0, 6000000);
  assert_cashflow (account_line (cf, f->qris), 0, 0, 0, 0, 0, 0);
  assert_cashflow (cf->total, 6600000, 2100000, 800000, 1000000, 1000000, 7900000);
  g_assert_cmpstr (account_line (cf, f->kas)->name, ==, "Kas");

  g_clear_pointer (&cf, canting_cashflow_free);
  cf = canting_cashflow_new (f->db, "2026-02-01", "2026-02-28", &error);
  g_assert_no_error (error);
  assert_cashflow (account_line (cf, f->kas), 1900000, 400000, 250000, 0, 0, 2050000);
  assert_cashflow (account_line (cf, f->bank), 6000000, 1500000, 200000, 0, 0, 7300000);
  accounts = canting_account_list (f->db, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    {
      const CantingAccount *a = accounts->pdata[i];
      g_assert_cmpint (account_line (cf, a->id)->closing, ==, a->balance);
    }

  /* An archived account that never held money is left out. */
  exec (f, "UPDATE accounts SET archived = 1 WHERE kind = 'ewallet'");
  g_clear_pointer (&cf, canting_cashflow_free);
  cf = canting_cashflow_new (f->db, "2026-02-01", "2026-02-28", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cf->accounts->len, ==, 2);
  g_assert_null (account_line (cf, f->qris));

  g_clear_pointer (&cf, canting_cashflow_free);
  g_assert_null (canting_cashflow_new (f->db, "2026-02-01", "2026-01-31", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
}

/* Orders of March 2026 (totals = lines − discount + shipping):
 *   O1 03-02 confirmed      whatsapp     Bu Sri (Blitar)
 *      2 × Kain Kawung 300.000 + 1 custom 150.000, −50.000 +20.000 = 720.000
 *   O2 03-10 delivered      online shop  Pak Budi (Malang)
 *      3 × Kain Parang 200.000 = 600.000
 *   O3 03-15 in production  whatsapp     Bu Ani ("blitar ")
 *      1 × Selendang Kawung 250.000 + 1 × Kain Kawung 300.000, +25.000 = 575.000
 *   O4 03-20 draft          direct       Pak Eko (no city)   — not a sale yet
 *   O5 03-25 cancelled      exhibition   Pak Budi            — no sale
 *   O6 04-01 delivered      direct       Pak Eko             — April
 *   O7 03-31 delivered      direct       Pak Eko
 *      2 custom 100.000 = 200.000 */
static void
sales_orders (Fixture *f)
{
  exec (f,
        "INSERT INTO customers (id, name, city) VALUES (1, 'Bu Sri', 'Blitar'), (2, 'Pak Budi', 'Malang'),"
        "  (3, 'Bu Ani', 'blitar '), (4, 'Pak Eko', '');"
        "INSERT INTO products (id, sku, name, motif, technique, price) VALUES"
        "  (1, 'KW-01', 'Kain Kawung', 'Kawung', 'tulis', 300000),"
        "  (2, 'PR-01', 'Kain Parang', 'Parang', 'cap', 200000),"
        "  (3, 'KW-02', 'Selendang Kawung', 'Kawung', 'tulis', 250000);"
        "INSERT INTO orders (id, number, year, seq, customer_id, order_date, status, channel, discount, shipping, total)"
        "  VALUES (1, 'PSN-2026-0001', 2026, 1, 1, '2026-03-02', 'confirmed', 'whatsapp', 50000, 20000, 720000),"
        "  (2, 'PSN-2026-0002', 2026, 2, 2, '2026-03-10', 'delivered', 'online_shop', 0, 0, 600000),"
        "  (3, 'PSN-2026-0003', 2026, 3, 3, '2026-03-15', 'in_production', 'whatsapp', 0, 25000, 575000),"
        "  (4, 'PSN-2026-0004', 2026, 4, 4, '2026-03-20', 'draft', 'direct', 0, 0, 1000000),"
        "  (5, 'PSN-2026-0005', 2026, 5, 2, '2026-03-25', 'cancelled', 'exhibition', 0, 0, 300000),"
        "  (6, 'PSN-2026-0006', 2026, 6, 4, '2026-04-01', 'delivered', 'direct', 0, 0, 200000),"
        "  (7, 'PSN-2026-0007', 2026, 7, 4, '2026-03-31', 'delivered', 'direct', 0, 0, 200000);"
        "INSERT INTO order_items (order_id, position, product_id, description, quantity, unit_price) VALUES"
        "  (1, 1, 1, 'Kain Kawung', 2, 300000), (1, 2, NULL, 'Seragam batik', 1, 150000),"
        "  (2, 1, 2, 'Kain Parang', 3, 200000),"
        "  (3, 1, 3, 'Selendang Kawung', 1, 250000), (3, 2, 1, 'Kain Kawung', 1, 300000),"
        "  (4, 1, 2, 'Kain Parang', 5, 200000),"
        "  (5, 1, 1, 'Kain Kawung', 1, 300000),"
        "  (6, 1, 2, 'Kain Parang', 1, 200000),"
        "  (7, 1, NULL, 'Kain sarung', 2, 100000);");
}

static void
assert_sales_line (const CantingSalesLine *line,
                   const char             *label,
                   gint64                  orders,
                   gint64                  pieces,
                   CantingMoney            amount)
{
  g_assert_cmpstr (line->label, ==, label);
  g_assert_cmpint (line->orders, ==, orders);
  g_assert_cmpint (line->pieces, ==, pieces);
  g_assert_cmpint (line->amount, ==, amount);
}

static CantingSales *
sales (Fixture        *f,
       CantingSalesBy  by)
{
  g_autoptr(GError) error = NULL;
  CantingSales *s = canting_sales_new (f->db, by, "2026-03-01", "2026-03-31", &error);

  g_assert_no_error (error);
  return s;
}

/* Item lines by product and motif, order totals by channel and city;
 * largest first; each order counted once in the total. */
static void
test_sales (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CantingSales) s = NULL;
  g_autoptr(GError) error = NULL;

  sales_orders (f);

  /* Kain Kawung: O1 2 × 300.000 + O3 1 × 300.000; custom: O1 150.000 +
   * O7 2 × 100.000.  The lines add up to 2.100.000 in 4 orders. */
  s = sales (f, CANTING_SALES_BY_PRODUCT);
  g_assert_cmpuint (s->lines->len, ==, 4);
  assert_sales_line (s->lines->pdata[0], "Kain Kawung (KW-01)", 2, 3, 900000);
  assert_sales_line (s->lines->pdata[1], "Kain Parang (PR-01)", 1, 3, 600000);
  assert_sales_line (s->lines->pdata[2], "Custom pieces", 2, 3, 350000);
  assert_sales_line (s->lines->pdata[3], "Selendang Kawung (KW-02)", 1, 1, 250000);
  assert_sales_line (s->total, "Total", 4, 10, 2100000);
  g_clear_pointer (&s, canting_sales_free);

  /* Kawung: both Kawung products, 2 orders, 4 pieces, 1.150.000. */
  s = sales (f, CANTING_SALES_BY_MOTIF);
  g_assert_cmpuint (s->lines->len, ==, 3);
  assert_sales_line (s->lines->pdata[0], "Kawung", 2, 4, 1150000);
  assert_sales_line (s->lines->pdata[1], "Parang", 1, 3, 600000);
  assert_sales_line (s->lines->pdata[2], "Custom pieces", 2, 3, 350000);
  assert_sales_line (s->total, "Total", 4, 10, 2100000);
  g_clear_pointer (&s, canting_sales_free);

  /* WhatsApp: O1 720.000 + O3 575.000; orders' totals add to 2.095.000. */
  s = sales (f, CANTING_SALES_BY_CHANNEL);
  g_assert_cmpuint (s->lines->len, ==, 3);
  assert_sales_line (s->lines->pdata[0], "WhatsApp", 2, 5, 1295000);
  assert_sales_line (s->lines->pdata[1], "Online shop", 1, 3, 600000);
  assert_sales_line (s->lines->pdata[2], "In person", 1, 2, 200000);
  assert_sales_line (s->total, "Total", 4, 10, 2095000);
  g_clear_pointer (&s, canting_sales_free);

  /* "Blitar" and "blitar " are one city. */
  s = sales (f, CANTING_SALES_BY_CITY);
  g_assert_cmpuint (s->lines->len, ==, 3);
  assert_sales_line (s->lines->pdata[0], "Blitar", 2, 5, 1295000);
  assert_sales_line (s->lines->pdata[1], "Malang", 1, 3, 600000);
  assert_sales_line (s->lines->pdata[2], "No city given", 1, 2, 200000);
  assert_sales_line (s->total, "Total", 4, 10, 2095000);
  g_clear_pointer (&s, canting_sales_free);

  /* A month with no sales: no lines, a zero total. */
  s = canting_sales_new (f->db, CANTING_SALES_BY_PRODUCT, "2026-05-01", "2026-05-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->lines->len, ==, 0);
  assert_sales_line (s->total, "Total", 0, 0, 0);
}

/* The CSVs: UTF-8 with a BOM, semicolons, Indonesian headers, plain
 * rupiah. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingPnl) pnl = NULL;
  g_autoptr(CantingCashflow) cf = NULL;
  g_autoptr(CantingSales) s = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *text;

  small_ledger (f);
  sales_orders (f);
  pnl = canting_pnl_new (f->db, "2026-01", "2026-02", CANTING_REPORT_BY_MONTH, &error);
  g_assert_no_error (error);
  bytes = canting_pnl_csv (pnl, ';');
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfjenis;kategori;2026-01;2026-02;total\r\n"
                                         "Income;DP pesanan;0;400000;400000\r\n"));
  g_assert_nonnull (strstr (text, "\r\nIncome;Penjualan;2000000;1500000;3500000\r\n"
                                  "Income;Total income;2100000;1900000;4000000\r\n"
                                  "Expense;Bahan baku;500000;250000;750000\r\n"));
  g_assert_true (g_str_has_suffix (text, "\r\nExpense;Total expenses;800000;450000;1250000\r\n"
                                         ";Profit (loss);1300000;1450000;2750000\r\n"));
  g_clear_pointer (&bytes, g_bytes_unref);

  cf = canting_cashflow_new (f->db, "2026-01-01", "2026-01-31", &error);
  g_assert_no_error (error);
  bytes = canting_cashflow_csv (cf, ';');
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==,
                   "\xef\xbb\xbf" "akun;jenis;saldo awal;pemasukan;pengeluaran;transfer masuk;transfer keluar;saldo akhir\r\n"
                   "Kas;Cash box;1700000;2000000;800000;0;1000000;1900000\r\n"
                   "Bank;Bank;4900000;100000;0;1000000;0;6000000\r\n"
                   "QRIS / e-wallet;E-wallet / QRIS;0;0;0;0;0;0\r\n"
                   "All accounts;;6600000;2100000;800000;1000000;1000000;7900000\r\n");
  g_clear_pointer (&bytes, g_bytes_unref);

  s = sales (f, CANTING_SALES_BY_CITY);
  bytes = canting_sales_csv (s, ',');
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==,
                   "\xef\xbb\xbf" "kota,pesanan,potong,jumlah\r\n"
                   "Blitar,2,5,1295000\r\n"
                   "Malang,1,3,600000\r\n"
                   "No city given,1,2,200000\r\n"
                   "Total,4,10,2095000\r\n");
}

/* --- tax ----------------------------------------------------------------- */

static CantingTaxYear *
tax_year (Fixture *f,
          int      year)
{
  g_autoptr(GError) error = NULL;
  CantingTaxYear *y = canting_tax_year_new (f->db, year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (y);
  return y;
}

static gboolean
notes_mention (const CantingTaxYear *y,
               const char           *text)
{
  g_auto(GStrv) notes = canting_tax_year_notes (y);

  for (guint i = 0; notes[i] != NULL; i++)
    if (strstr (notes[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* Under Rp 500 million in the year, an individual pays nothing.  Other
 * income is not turnover; voided entries are nothing. */
static void
test_tax_under_exemption (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CantingTaxYear) y = NULL;
  g_autoptr(GError) error = NULL;
  CantingTaxpayer taxpayer = CANTING_TAXPAYER_COMPANY;
  gint64 voided;

  /* A new workshop is an individual's. */
  g_assert_true (canting_tax_get_taxpayer (f->db, &taxpayer, &error));
  g_assert_cmpint (taxpayer, ==, CANTING_TAXPAYER_INDIVIDUAL);

  add_entry (f, CANTING_ENTRY_INCOME, "2026-01-15", 100000000, "sales", f->bank);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-02-15", 150000000, "order_settlement", f->bank);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-02-16", 300000000, "other_income", f->bank);
  voided = add_entry (f, CANTING_ENTRY_INCOME, "2026-03-01", 400000000, "sales", f->bank);
  g_assert_true (canting_entry_set_voided (f->db, voided, TRUE, &error));
  add_entry (f, CANTING_ENTRY_INCOME, "2025-12-31", 450000000, "sales", f->bank);   /* another year */

  y = tax_year (f, 2026);
  g_assert_cmpint (y->months[0].turnover, ==, 100000000);
  g_assert_cmpint (y->months[1].turnover, ==, 150000000);
  g_assert_cmpint (y->months[1].year_to_date, ==, 250000000);
  g_assert_cmpint (y->months[2].turnover, ==, 0);
  g_assert_cmpint (y->months[11].year_to_date, ==, 250000000);
  g_assert_cmpint (y->turnover, ==, 250000000);
  g_assert_cmpint (y->tax, ==, 0);
  for (int i = 0; i < 12; i++)
    g_assert_cmpint (y->months[i].tax, ==, 0);
  g_assert_cmpint (y->exemption_month, ==, 0);
  g_assert_cmpint (y->near_cap_month, ==, 0);
  g_assert_true (notes_mention (y, "nothing is due"));
  g_assert_true (notes_mention (y, "PP 55/2022"));
}

/* Individual, 2026:
 *   Jan 200.000.000   ytd 200.000.000   tax 0
 *   Feb 200.000.000   ytd 400.000.000   tax 0
 *   Mar 150.000.000   ytd 550.000.000   taxable 50.000.000 (the excess) → 0,5 % = 250.000
 *   Apr 100.000.000   ytd 650.000.000   taxable 100.000.000 → 500.000
 *   (April is 60 million of sales and a 40 million DP)
 * Year: 750.000. */
static void
crossing_year (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 voided;

  add_entry (f, CANTING_ENTRY_INCOME, "2026-01-10", 200000000, "sales", f->bank);
  voided = add_entry (f, CANTING_ENTRY_INCOME, "2026-01-11", 1000000000, "sales", f->bank);
  g_assert_true (canting_entry_set_voided (f->db, voided, TRUE, &error));
  g_assert_no_error (error);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-02-10", 200000000, "sales", f->bank);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-03-31", 150000000, "order_settlement", f->bank);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-04-01", 60000000, "sales", f->kas);
  add_entry (f, CANTING_ENTRY_INCOME, "2026-04-30", 40000000, "order_dp", f->qris);
  add_entry (f, CANTING_ENTRY_EXPENSE, "2026-04-30", 90000000, "materials", f->kas);
}

static void
test_tax_crossing_exemption (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CantingTaxYear) y = NULL;
  g_autofree char *note = NULL;

  crossing_year (f);
  y = tax_year (f, 2026);
  g_assert_cmpint (y->months[0].tax, ==, 0);
  g_assert_cmpint (y->months[1].tax, ==, 0);
  g_assert_cmpint (y->months[1].year_to_date, ==, 400000000);
  g_assert_cmpint (y->months[2].turnover, ==, 150000000);
  g_assert_cmpint (y->months[2].year_to_date, ==, 550000000);
  g_assert_cmpint (y->months[2].taxable, ==, 50000000);
  g_assert_cmpint (y->months[2].tax, ==, 250000);
  g_assert_cmpint (y->months[3].turnover, ==, 100000000);
  g_assert_cmpint (y->months[3].taxable, ==, 100000000);
  g_assert_cmpint (y->months[3].tax, ==, 500000);
  g_assert_cmpint (y->months[4].tax, ==, 0);
  g_assert_cmpint (y->tax, ==, 750000);
  g_assert_cmpint (y->taxable, ==, 150000000);
  g_assert_cmpint (y->exemption_month, ==, 3);
  note = canting_tax_month_note (y, 2);
  g_assert_cmpstr (note, ==, "Rp 500.000.000 passed");
  g_assert_null (canting_tax_month_note (y, 3));
  g_assert_true (notes_mention (y, "in March 2026"));
}

/* A company has no exemption: 0,5 % of every month's turnover,
 * 1.000.000 + 1.000.000 + 750.000 + 500.000 = 3.250.000. */
static void
test_tax_company (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CantingTaxYear) y = NULL;
  g_autoptr(GError) error = NULL;
  CantingTaxpayer taxpayer = CANTING_TAXPAYER_INDIVIDUAL;

  crossing_year (f);
  g_assert_true (canting_tax_set_taxpayer (f->db, CANTING_TAXPAYER_COMPANY, &error));
  g_assert_no_error (error);
  g_assert_true (canting_tax_get_taxpayer (f->db, &taxpayer, &error));
  g_assert_cmpint (taxpayer, ==, CANTING_TAXPAYER_COMPANY);
  y = tax_year (f, 2026);
  g_assert_cmpint (y->taxpayer, ==, CANTING_TAXPAYER_COMPANY);
  g_assert_cmpint (y->months[0].tax, ==, 1000000);
  g_assert_cmpint (y->months[1].tax, ==, 1000000);
  g_assert_cmpint (y->months[2].tax, ==, 750000);
  g_assert_cmpint (y->months[3].tax, ==, 500000);
  g_assert_cmpint (y->tax, ==, 3250000);
  g_assert_cmpint (y->exemption_month, ==, 0);
  g_assert_true (notes_mention (y, "A company pays on all of its turnover"));
}

/* 400 million a month: 4,4 billion by November is past 90 % of
 * 4,8 billion (4,32 billion), October's 4,0 billion is not; December
 * brings exactly 4,8 billion, not over.  With 500 million in December
 * the year goes over. */
static void
test_tax_cap_warnings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingTaxRule) rule = canting_tax_rule_for_year (f->db, 2026, &error);
  g_autoptr(CantingTaxYear) y = NULL;
  g_autofree char *note = NULL;
  CantingMoney turnover[12];

  g_assert_no_error (error);
  g_assert_cmpint (rule->rate_bp, ==, 50);
  g_assert_cmpint (rule->exemption, ==, 500000000);
  g_assert_cmpint (rule->yearly_cap, ==, 4800000000);
  for (int i = 0; i < 12; i++)
    turnover[i] = 400000000;
  y = canting_tax_estimate (rule, CANTING_TAXPAYER_INDIVIDUAL, 2026, turnover);
  g_assert_cmpint (y->months[9].cap, ==, CANTING_TAX_CAP_WITHIN);
  g_assert_cmpint (y->months[10].cap, ==, CANTING_TAX_CAP_NEAR);
  g_assert_cmpint (y->months[11].cap, ==, CANTING_TAX_CAP_NEAR);
  g_assert_cmpint (y->months[11].year_to_date, ==, 4800000000);
  g_assert_cmpint (y->near_cap_month, ==, 11);
  g_assert_cmpint (y->over_cap_month, ==, 0);
  /* 0,5 % of 4,8 billion less the 500 million exemption. */
  g_assert_cmpint (y->tax, ==, 21500000);
  note = canting_tax_month_note (y, 10);
  g_assert_cmpstr (note, ==, "Near Rp 4.800.000.000");
  g_assert_true (notes_mention (y, "reached 90 % of Rp 4.800.000.000 in November 2026"));
  g_assert_false (notes_mention (y, "went over"));
  g_clear_pointer (&y, canting_tax_year_free);
  g_clear_pointer (&note, g_free);

  turnover[11] = 500000000;
  y = canting_tax_estimate (rule, CANTING_TAXPAYER_INDIVIDUAL, 2026, turnover);
  g_assert_cmpint (y->months[11].cap, ==, CANTING_TAX_CAP_OVER);
  g_assert_cmpint (y->near_cap_month, ==, 11);
  g_assert_cmpint (y->over_cap_month, ==, 12);
  /* The final rate still applies to the month that goes over. */
  g_assert_cmpint (y->months[11].tax, ==, 2500000);
  note = canting_tax_month_note (y, 11);
  g_assert_cmpstr (note, ==, "Over Rp 4.800.000.000");
  g_assert_true (notes_mention (y, "went over Rp 4.800.000.000 in December 2026"));
  g_assert_true (notes_mention (y, "from 2027 the general income tax rates apply"));
}

/* The rule is data: a changed rate changes the estimate, a rule for a
 * later year leaves this one alone, and a year before any rule is
 * refused. */
static void
test_tax_rule_is_data (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(CantingTaxRule) later = canting_tax_rule_new ();
  g_autoptr(CantingTaxYear) y = NULL;
  CantingTaxRule *rule;

  crossing_year (f);
  rules = canting_tax_rule_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 1);
  rule = rules->pdata[0];
  g_assert_cmpint (rule->valid_from, ==, 2022);
  g_assert_cmpstr (rule->source, ==, "PP 55/2022 Pasal 56–60");

  /* 1 % instead of 0,5 %: March 500.000, April 1.000.000. */
  rule->rate_bp = 100;
  g_assert_true (canting_tax_rule_save (f->db, rule, &error));
  g_assert_no_error (error);
  y = tax_year (f, 2026);
  g_assert_cmpint (y->months[2].tax, ==, 500000);
  g_assert_cmpint (y->months[3].tax, ==, 1000000);
  g_assert_cmpint (y->tax, ==, 1500000);
  g_assert_true (notes_mention (y, "1 % of each month"));
  g_clear_pointer (&y, canting_tax_year_free);

  /* From 2027 a lower rate and a larger exemption: 2026 keeps its own. */
  later->valid_from = 2027;
  later->rate_bp = 25;
  later->exemption = 600000000;
  later->yearly_cap = 4800000000;
  g_assert_true (canting_tax_rule_save (f->db, later, &error));
  g_assert_no_error (error);
  y = tax_year (f, 2026);
  g_assert_cmpint (y->tax, ==, 1500000);
  g_clear_pointer (&y, canting_tax_year_free);
  add_entry (f, CANTING_ENTRY_INCOME, "2027-06-01", 700000000, "sales", f->bank);
  y = tax_year (f, 2027);
  g_assert_cmpint (y->rule->rate_bp, ==, 25);
  /* 0,25 % of the 100 million above 600 million. */
  g_assert_cmpint (y->tax, ==, 250000);
  g_clear_pointer (&y, canting_tax_year_free);

  /* Two rules cannot start the same year; a bad rate is refused. */
  later->id = 0;
  g_assert_false (canting_tax_rule_save (f->db, later, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_clear_error (&error);
  later->valid_from = 2030;
  later->rate_bp = 20000;
  g_assert_false (canting_tax_rule_save (f->db, later, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (canting_tax_year_new (f->db, 2021, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no tax rule for 2021"));
}

/* Which income is turnover is a flag per category: other income is not,
 * until the workshop says so; a category it adds is. */
static void
test_tax_turnover_categories (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(CantingCategory) fair = canting_category_new ();
  g_autoptr(CantingTaxYear) y = NULL;
  guint counted = 0;

  categories = canting_tax_category_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 4);
  for (guint i = 0; i < categories->len; i++)
    {
      const CantingTaxCategory *c = categories->pdata[i];
      g_assert_cmpint (c->turnover, ==, !g_str_equal (c->name, "Pemasukan lain"));
      counted += c->turnover;
    }
  g_assert_cmpuint (counted, ==, 3);

  fair->kind = CANTING_ENTRY_INCOME;
  g_free (fair->name);
  fair->name = g_strdup ("Penjualan pameran");
  g_assert_true (canting_category_save (f->db, fair, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CantingEntry) e = canting_entry_new (CANTING_ENTRY_INCOME);
    g_free (e->on_date);
    e->on_date = g_strdup ("2026-05-05");
    e->amount = 600000000;
    e->category_id = fair->id;
    e->account_id = f->kas;
    g_assert_true (canting_entry_save (f->db, e, &error));
    g_assert_no_error (error);
  }
  add_entry (f, CANTING_ENTRY_INCOME, "2026-05-06", 50000000, "other_income", f->kas);
  y = tax_year (f, 2026);
  g_assert_cmpint (y->months[4].turnover, ==, 600000000);
  g_assert_cmpint (y->tax, ==, 500000);
  g_clear_pointer (&y, canting_tax_year_free);

  g_assert_true (canting_tax_category_set_turnover (f->db, category (f, "other_income"), TRUE, &error));
  g_assert_no_error (error);
  y = tax_year (f, 2026);
  g_assert_cmpint (y->months[4].turnover, ==, 650000000);
  g_assert_cmpint (y->tax, ==, 750000);

  /* Expense categories are not turnover, whatever is asked. */
  g_assert_false (canting_tax_category_set_turnover (f->db, category (f, "materials"), TRUE, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
}

/* The CSV of the estimate: the months, the total, the notes and the
 * disclaimer in the file itself. */
static void
test_tax_csv (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CantingTaxYear) y = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *text;

  crossing_year (f);
  y = tax_year (f, 2026);
  bytes = canting_tax_year_csv (y, ';');
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "bulan;omzet;omzet sejak januari;kena pajak;perkiraan pajak;catatan\r\n"
                                         "2026-01;200000000;200000000;0;0;\r\n"));
  g_assert_nonnull (strstr (text, "\r\n2026-03;150000000;550000000;50000000;250000;Rp 500.000.000 passed\r\n"
                                  "2026-04;100000000;650000000;100000000;500000;\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTotal;650000000;;150000000;750000;\r\n"));
  g_assert_true (g_str_has_suffix (text, "This is an estimate, not a tax assessment: it is worked out only from the "
                                         "income recorded in Canting and the tax rule stored in it. Check the amount "
                                         "with the tax office (KPP) or a tax consultant before paying or reporting.\r\n"));
}

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

/* Each report as a PDF: the workshop at the top, the title, the figures
 * worked out above, and for the tax the estimate's warning before and
 * after the table. */
static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(CantingPnl) pnl = NULL;
  g_autoptr(CantingCashflow) cf = NULL;
  g_autoptr(CantingSales) s = NULL;
  g_autoptr(CantingTaxYear) y = NULL;
  g_autofree char *path = g_build_filename (f->dir, "laporan.pdf", NULL);
  g_autofree char *text = NULL;

  canting_profile_set_name (profile, "Batik Tulis Kembang Turi");
  canting_profile_set_owner (profile, "Bu Sri");
  canting_profile_set_city (profile, "Kota Blitar");
  g_assert_true (canting_profile_save (profile, f->db, &error));
  g_assert_no_error (error);
  small_ledger (f);
  sales_orders (f);

  pnl = canting_pnl_new (f->db, "2026-01", "2026-02", CANTING_REPORT_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_true (canting_pnl_save_pdf (f->db, pnl, path, &error));
  g_assert_no_error (error);
  text = canting_test_pdf_text (path, FALSE);
  assert_has (text, "Profit and Loss — January 2026 to February 2026");
  assert_has (text, "Batik Tulis Kembang Turi · Bu Sri");
  assert_has (text, "Kota Blitar");
  assert_has (text, "Amounts in rupiah (Rp).");
  assert_has (text, "Jan 2026");
  assert_has (text, "Penjualan");
  assert_has (text, "3.500.000");
  assert_has (text, "Total income");
  assert_has (text, "4.000.000");
  assert_has (text, "1.250.000");
  assert_has (text, "Profit (loss)");
  assert_has (text, "2.750.000");
  g_clear_pointer (&text, g_free);

  cf = canting_cashflow_new (f->db, "2026-01-01", "2026-01-31", &error);
  g_assert_no_error (error);
  g_assert_true (canting_cashflow_save_pdf (f->db, cf, path, &error));
  g_assert_no_error (error);
  text = canting_test_pdf_text (path, FALSE);
  assert_has (text, "Cash Flow — 01/01/2026 to 31/01/2026");
  assert_has (text, "Batik Tulis Kembang Turi");
  assert_has (text, "All accounts");
  assert_has (text, "1.700.000");
  assert_has (text, "6.600.000");
  assert_has (text, "7.900.000");
  g_clear_pointer (&text, g_free);

  s = canting_sales_new (f->db, CANTING_SALES_BY_MOTIF, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_true (canting_sales_save_pdf (f->db, s, path, &error));
  g_assert_no_error (error);
  text = canting_test_pdf_text (path, FALSE);
  assert_has (text, "Sales by Motif — 01/03/2026 to 31/03/2026");
  assert_has (text, "Kawung");
  assert_has (text, "1.150.000");
  assert_has (text, "Custom pieces");
  assert_has (text, "2.100.000");
  assert_has (text, "before the order’s discount and shipping");
  g_clear_pointer (&text, g_free);

  /* With the small ledger's 3.900.000 of 2026 turnover (sales 2.000.000
   * and 1.500.000, the DP 400.000) under the crossing year's: March ends
   * at 553.900.000, pays 0,5 % of 53.900.000 = 269.500, April 500.000;
   * the year 769.500. */
  crossing_year (f);
  y = tax_year (f, 2026);
  g_assert_true (canting_tax_year_save_pdf (f->db, y, path, &error));
  g_assert_no_error (error);
  text = canting_test_pdf_text (path, FALSE);
  assert_has (text, "Estimated Tax (PPh Final UMKM) — 2026");
  assert_has (text, "Batik Tulis Kembang Turi");
  assert_has (text, "Taxpayer: Individual (orang pribadi)");
  assert_has (text, "Estimate only — not a tax assessment.");
  assert_has (text, "Mar 2026");
  assert_has (text, "553.900.000");
  assert_has (text, "269.500");
  assert_has (text, "769.500");
  assert_has (text, "Rp 500.000.000 passed");
  assert_has (text, "PP 55/2022");
  assert_has (text, "This is an estimate, not a tax assessment");
}

/* A workshop made before step 10: its own income categories count as
 * turnover, other income does not, it is an individual's. */
/* Rates as people type them, in percent. */
static void
test_rate_parse (void)
{
  const struct { const char *text; int bp; } good[] = {
    { "0,5", 50 }, { "0.5 %", 50 }, { " 1 ", 100 }, { "0,25%", 25 }, { "100", 10000 }, { "0", 0 },
  };
  const char *bad[] = { "", "setengah", "0,125", "101", "100,5", "-1", "1,5,0" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      int bp = -1;
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;

      g_assert_true (canting_tax_rate_parse (good[i].text, &bp, &error));
      g_assert_no_error (error);
      g_assert_cmpint (bp, ==, good[i].bp);
      back = canting_tax_rate_format (bp);
      bp = -1;
      g_assert_true (canting_tax_rate_parse (back, &bp, NULL));
      g_assert_cmpint (bp, ==, good[i].bp);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int bp = -1;
      g_autoptr(GError) error = NULL;

      g_assert_false (canting_tax_rate_parse (bad[i], &bp, &error));
      g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
      g_assert_cmpint (bp, ==, -1);
    }
}

static void
test_upgrade (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  CantingDb *db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 9, &error);
  sqlite3 *handle;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                 "INSERT INTO ledger_categories (kind, name) VALUES ('income', 'Pameran'), "
                                 "('expense', 'Bensin')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_object_unref (db);
  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  handle = canting_db_get_handle (db);
  g_assert_cmpint (canting_test_query_int (handle, "SELECT turnover FROM ledger_categories WHERE name = 'Pameran'"), ==, 1);
  g_assert_cmpint (canting_test_query_int (handle, "SELECT turnover FROM ledger_categories WHERE code = 'sales'"), ==, 1);
  g_assert_cmpint (canting_test_query_int (handle, "SELECT turnover FROM ledger_categories WHERE code = 'order_dp'"), ==, 1);
  g_assert_cmpint (canting_test_query_int (handle,
                                           "SELECT turnover FROM ledger_categories WHERE code = 'order_settlement'"), ==, 1);
  g_assert_cmpint (canting_test_query_int (handle,
                                           "SELECT turnover FROM ledger_categories WHERE code = 'other_income'"), ==, 0);
  g_assert_cmpint (canting_test_query_int (handle, "SELECT count(*) FROM tax_rules"), ==, 1);
  g_assert_cmpint (canting_test_query_int (handle, "SELECT count(*) FROM workshop WHERE taxpayer = 'individual'"), ==, 1);
  g_object_unref (db);
  canting_test_rmdir (dir);
}

/* The check a window makes as a period is typed says what the reports
 * themselves would, for months and for days. */
static void
test_check_period (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_report_check_period ("2026-01", "2026-12", &error));
  g_assert_no_error (error);
  g_assert_true (canting_report_check_period ("2026-03-01", "2026-03-01", &error));
  g_assert_no_error (error);
  g_assert_false (canting_report_check_period ("2026-06", "2026-01", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ends before it starts"));
  g_clear_error (&error);
  g_assert_false (canting_report_check_period ("2026-03-02", "2026-03-01", &error));
  g_assert_nonnull (strstr (error->message, "ends before it starts"));
  g_clear_error (&error);
  g_assert_false (canting_report_check_period ("1900-01", "2026-12", &error));
  g_assert_nonnull (strstr (error->message, "longer than"));
  g_clear_error (&error);
  g_assert_false (canting_report_check_period ("2026-02-31", "2026-03-01", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reports/pnl-by-month", test_pnl_by_month);
  ADD ("/reports/pnl-by-year", test_pnl_by_year);
  ADD ("/reports/pnl-refuses", test_pnl_refuses);
  ADD ("/reports/monthly-series", test_monthly_series);
  ADD ("/reports/cashflow", test_cashflow);
  ADD ("/reports/sales", test_sales);
  ADD ("/reports/csv", test_csv);
  ADD ("/reports/tax-under-exemption", test_tax_under_exemption);
  ADD ("/reports/tax-crossing-exemption", test_tax_crossing_exemption);
  ADD ("/reports/tax-company", test_tax_company);
  ADD ("/reports/tax-cap-warnings", test_tax_cap_warnings);
  ADD ("/reports/tax-rule-is-data", test_tax_rule_is_data);
  ADD ("/reports/tax-turnover-categories", test_tax_turnover_categories);
  ADD ("/reports/tax-csv", test_tax_csv);
  ADD ("/reports/pdf", test_pdf);
#undef ADD
  g_test_add_func ("/reports/days", test_days);
  g_test_add_func ("/reports/check-period", test_check_period);
  g_test_add_func ("/reports/upgrade", test_upgrade);
  g_test_add_func ("/reports/rate-parse", test_rate_parse);
  return g_test_run ();
}
