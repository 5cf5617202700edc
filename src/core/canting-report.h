/* canting-report.h: the money reports of Keuangan: profit and loss by
 * month or year, cash flow per account, and sales by product, motif,
 * channel and customer city; each also as CSV.
 *
 * Every report is plain data a window can show as a table or a chart
 * (and src/report draws as a PDF): labels are translated, amounts are
 * whole rupiah.  Voided ledger entries never count anywhere; transfers
 * between accounts are neither income nor expense. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-ledger.h"
#include "canting-money.h"

G_BEGIN_DECLS

/* --- periods ------------------------------------------------------------- */

/* Reads a month "2026-03" into its year and month (1–12); FALSE when it
 * is not one. */
gboolean canting_month_parse (const char *text,
                              int        *out_year,
                              int        *out_month);

/* The first day of a period typed as a month ("2026-03" → "2026-03-01")
 * or a day ("2026-03-15", kept); with @end, the last day of a month
 * ("2026-02" → "2026-02-28").  (transfer full), or NULL with @error
 * naming @field. */
char    *canting_report_day (const char  *text,
                             gboolean     end,
                             const char  *field,
                             GError     **error);

/* Whether the period from @from to @to, months ("2026-03") or days
 * ("2026-03-15") as the reports take them, runs forwards and is not too
 * long; if not, @error says so as the reports would.  Cheap: a window
 * checks it as it is typed, before a report is read on a worker. */
gboolean canting_report_check_period (const char  *from,
                                      const char  *to,
                                      GError     **error);

/* A period as people read it: "2026-03" → "March 2026" (with @abbreviated,
 * "Mar 2026"); a year stays as it is.  (transfer full) */
char    *canting_report_period_label (const char *period,
                                      gboolean    abbreviated);

/* --- the monthly series (dashboard) -------------------------------------- */

typedef struct {
  char         month[8];   /* YYYY-MM */
  CantingMoney income;
  CantingMoney expense;
} CantingMonthSum;

/* Income and expenses of every month from @from_month to @to_month
 * (YYYY-MM, both included), oldest first, months with nothing as zeros:
 * one aggregate over the ledger's covering index, fast enough to run
 * whenever the dashboard is shown.
 * (transfer full) (element-type CantingMonthSum) */
GArray  *canting_report_monthly (CantingDb   *db,
                                 const char  *from_month,
                                 const char  *to_month,
                                 GError     **error);

/* What the dashboard compares: a month, the one before and the same
 * month a year before, and the twelve months ending with @month. */
typedef struct {
  CantingMonthSum this_month;
  CantingMonthSum last_month;
  CantingMonthSum year_ago;
  CantingMonthSum last_12[12];   /* oldest first; [11] is @month */
} CantingMonthFigures;

gboolean canting_report_month_figures (CantingDb            *db,
                                       const char           *month,
                                       CantingMonthFigures  *out_figures,
                                       GError              **error);

/* --- profit and loss ----------------------------------------------------- */

typedef enum {
  CANTING_REPORT_BY_MONTH,
  CANTING_REPORT_BY_YEAR,
} CantingReportBy;

/* One row of the table: a category, or a total, with an amount for each
 * period and for the whole range. */
typedef struct {
  gint64        category_id;   /* 0 for totals */
  char         *label;
  CantingMoney *amounts;       /* n_periods of them */
  CantingMoney  total;
} CantingPnlLine;

typedef struct {
  char            *from;            /* YYYY-MM */
  char            *to;              /* YYYY-MM */
  CantingReportBy  by;
  guint            n_periods;
  char           **periods;         /* "2026-03" or "2026", oldest first; NULL-terminated */
  /* (element-type CantingPnlLine): every category in use, and the open
   * ones even when empty, by name */
  GPtrArray       *income;
  GPtrArray       *expense;
  CantingPnlLine  *total_income;
  CantingPnlLine  *total_expense;
  CantingPnlLine  *profit;          /* income − expenses; negative is a loss */
} CantingPnl;

void        canting_pnl_free (CantingPnl *pnl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingPnl, canting_pnl_free)

/* Profit and loss from the start of @from to the end of @to (YYYY-MM),
 * per month or per calendar year (a year cut by the range counts only
 * its months inside it). */
CantingPnl *canting_pnl_new  (CantingDb        *db,
                              const char       *from,
                              const char       *to,
                              CantingReportBy   by,
                              GError          **error);
/* (transfer full) */
GBytes     *canting_pnl_csv  (const CantingPnl *pnl,
                              char              separator);
/* "Profit and Loss — January 2026 to March 2026".  (transfer full) */
char       *canting_pnl_title (const CantingPnl *pnl);

/* --- cash flow ----------------------------------------------------------- */

typedef struct {
  gint64              account_id;     /* 0 for the total */
  char               *name;
  CantingAccountKind  kind;
  CantingMoney        opening;        /* opening balance + everything before @from */
  CantingMoney        money_in;       /* income */
  CantingMoney        money_out;      /* expenses */
  CantingMoney        transfers_in;
  CantingMoney        transfers_out;
  CantingMoney        closing;        /* opening + in − out + transfers in − out */
} CantingCashflowLine;

typedef struct {
  char                *from;      /* YYYY-MM-DD */
  char                *to;        /* YYYY-MM-DD */
  /* (element-type CantingCashflowLine): the open accounts, and archived
   * ones that held or moved money, in the order they were made */
  GPtrArray           *accounts;
  CantingCashflowLine *total;     /* all together: transfers in and out are equal */
} CantingCashflow;

void             canting_cashflow_free (CantingCashflow *cashflow);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingCashflow, canting_cashflow_free)

/* Cash flow per account from @from to @to (YYYY-MM-DD, both included). */
CantingCashflow *canting_cashflow_new  (CantingDb             *db,
                                        const char            *from,
                                        const char            *to,
                                        GError               **error);
GBytes          *canting_cashflow_csv  (const CantingCashflow *cashflow,
                                        char                   separator);
/* "Cash Flow — 01/01/2026 to 31/03/2026".  (transfer full) */
char            *canting_cashflow_title (const CantingCashflow *cashflow);

/* --- sales --------------------------------------------------------------- */

typedef enum {
  CANTING_SALES_BY_PRODUCT,
  CANTING_SALES_BY_MOTIF,
  CANTING_SALES_BY_CHANNEL,
  CANTING_SALES_BY_CITY,
} CantingSalesBy;
#define CANTING_SALES_BY_COUNT 4

const char *canting_sales_by_to_string   (CantingSalesBy  by);
const char *canting_sales_by_label       (CantingSalesBy  by);   /* translated */
gboolean    canting_sales_by_from_string (const char     *text,
                                          CantingSalesBy *out_by);

typedef struct {
  char         *label;    /* product (SKU), motif, channel or city; translated placeholders */
  gint64        orders;   /* orders it appears in */
  gint64        pieces;
  CantingMoney  amount;
} CantingSalesLine;

typedef struct {
  char             *from;     /* YYYY-MM-DD */
  char             *to;       /* YYYY-MM-DD */
  CantingSalesBy    by;
  GPtrArray        *lines;    /* (element-type CantingSalesLine), largest amount first */
  CantingSalesLine *total;    /* orders counted once, however many lines they touch */
} CantingSales;

void          canting_sales_free (CantingSales *sales);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingSales, canting_sales_free)

/* Sales of the orders dated from @from to @to (YYYY-MM-DD, both
 * included) that are neither drafts nor cancelled.  By product and motif
 * the amount is the item lines' (pieces × price, before the order's
 * discount and shipping); by channel and city it is the orders' totals. */
CantingSales *canting_sales_new  (CantingDb          *db,
                                  CantingSalesBy      by,
                                  const char         *from,
                                  const char         *to,
                                  GError            **error);
/* What sold best from @from to @to, by product and by motif at once
 * (the dashboard): the lines of canting_sales_new() by product and by
 * motif, largest amount first, without the orders counted (0) or the
 * total; one pass over the period instead of four.
 * (element-type CantingSalesLine) (transfer full) both. */
gboolean      canting_sales_products_and_motifs (CantingDb   *db,
                                                 const char  *from,
                                                 const char  *to,
                                                 GPtrArray  **out_products,
                                                 GPtrArray  **out_motifs,
                                                 GError     **error);
GBytes       *canting_sales_csv  (const CantingSales *sales,
                                  char                separator);
/* "Sales by Motif — 01/03/2026 to 31/03/2026".  (transfer full) */
char         *canting_sales_title (const CantingSales *sales);
/* The line under the table saying what the amount is. */
const char   *canting_sales_amount_note (const CantingSales *sales);  /* translated */

G_END_DECLS
