/* canting-report-pdf.c: laying out the money reports on A4: the workshop
 * and the report's title at the top, the period's table, and what the
 * figures are underneath.  Amounts are printed without "Rp" (a line says
 * they are rupiah) so twelve months fit across the page. */
#include "config.h"

#include "canting-report-pdf.h"

#include <glib/gi18n.h>

#include "canting-pdf.h"

#define MARGIN CANTING_PDF_MARGIN
#define TEXT_WIDTH CANTING_PDF_A4_TEXT_WIDTH

/* Profit and loss: the categories' column, then as many period columns
 * (the whole range's total among them) as the widest figure allows side
 * by side; more periods continue in further blocks, balanced so the last
 * is not a lone column.  The categories keep at least this much. */
#define PNL_LABEL_MIN_WIDTH 115.0

typedef struct {
  CantingPdfPen          pen;
  CantingDb             *db;
  gconstpointer          report;
} Report;

/* "1.250.000", "-80.000": the amount without the currency. */
static char *
amount (CantingMoney value)
{
  g_autofree char *text = canting_money_format (value < 0 ? -value : value);
  const char *digits = g_str_has_prefix (text, "Rp ") ? text + 3 : text;

  return g_strdup_printf ("%s%s", value < 0 ? "-" : "", digits);
}

static char *
count (gint64 value)
{
  return amount (value);
}

/* The widest of @texts in @font, and the room between two columns. */
static double
column_width (Report    *r,
              GPtrArray *texts,
              const char *font)
{
  double widest = 0;

  for (guint i = 0; i < texts->len; i++)
    widest = MAX (widest, canting_pdf_text_width (&r->pen, g_ptr_array_index (texts, i), font));
  return widest + 8;
}

static void
start (Report     *r,
       cairo_t    *cr,
       const char *title)
{
  canting_pdf_pen_start (&r->pen, cr);
  canting_pdf_workshop_identity (&r->pen, r->db, title);
  canting_pdf_paragraph (&r->pen, _("Amounts in rupiah (Rp)."), "Sans 9");
}

static gboolean
save (CantingDb          *db,
      gconstpointer       report,
      const char         *title,
      const char         *path,
      CantingPdfDrawFunc  draw,
      GError            **error)
{
  Report r = { .db = db, .report = report };

  return canting_pdf_save (path, title, CANTING_PDF_A4_WIDTH, CANTING_PDF_A4_HEIGHT, draw, &r, error);
}

/* --- profit and loss ----------------------------------------------------- */

static void
pnl_line (Report               *r,
          const CantingPnlLine *line,
          guint                 first,
          guint                 n,
          const CantingPdfColumn *columns,
          CantingPdfRowStyle    style)
{
  const CantingPnl *pnl = r->report;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup (line->label));
  for (guint c = first; c < first + n; c++)
    g_ptr_array_add (cells, amount (c < pnl->n_periods ? line->amounts[c] : line->total));
  canting_pdf_row (&r->pen, (const char * const *) cells->pdata, columns, cells->len, style | CANTING_PDF_ROW_SMALL);
}

static void
pnl_block (Report *r,
           guint   first,
           guint   n,
           double  amount_width)
{
  const CantingPnl *pnl = r->report;
  g_autofree CantingPdfColumn *columns = g_new0 (CantingPdfColumn, n + 1);
  g_autoptr(GPtrArray) head = g_ptr_array_new_with_free_func (g_free);
  double label_width = TEXT_WIDTH - n * amount_width;

  columns[0] = (CantingPdfColumn) { MARGIN, label_width - 4, FALSE };
  g_ptr_array_add (head, g_strdup (""));
  for (guint c = 0; c < n; c++)
    {
      guint period = first + c;

      columns[c + 1] = (CantingPdfColumn) { MARGIN + label_width + c * amount_width + 8, amount_width - 8, TRUE };
      g_ptr_array_add (head, period < pnl->n_periods ? canting_report_period_label (pnl->periods[period], TRUE)
                                                     : g_strdup (_("Total")));
    }

  /* The block's head and a few lines stay together. */
  canting_pdf_make_room (&r->pen, CANTING_PDF_LINE * 6);
  canting_pdf_row (&r->pen, (const char * const *) head->pdata, columns, head->len,
                   CANTING_PDF_ROW_HEADER | CANTING_PDF_ROW_SMALL);
  canting_pdf_paragraph (&r->pen, canting_entry_kind_label (CANTING_ENTRY_INCOME), "Sans Bold 8.5");
  for (guint i = 0; i < pnl->income->len; i++)
    pnl_line (r, g_ptr_array_index (pnl->income, i), first, n, columns, CANTING_PDF_ROW_PLAIN);
  pnl_line (r, pnl->total_income, first, n, columns, CANTING_PDF_ROW_BOLD);
  r->pen.y += 4;
  canting_pdf_paragraph (&r->pen, canting_entry_kind_label (CANTING_ENTRY_EXPENSE), "Sans Bold 8.5");
  for (guint i = 0; i < pnl->expense->len; i++)
    pnl_line (r, g_ptr_array_index (pnl->expense, i), first, n, columns, CANTING_PDF_ROW_PLAIN);
  pnl_line (r, pnl->total_expense, first, n, columns, CANTING_PDF_ROW_BOLD);
  r->pen.y += 4;
  pnl_line (r, pnl->profit, first, n, columns, CANTING_PDF_ROW_BOLD);
  r->pen.y += 12;
}

/* The widest figure or period heading of @line, in bold (totals are). */
static double
widest (Report               *r,
        const CantingPnlLine *line,
        double                so_far)
{
  const CantingPnl *pnl = r->report;
  const char *font = canting_pdf_row_font (CANTING_PDF_ROW_BOLD | CANTING_PDF_ROW_SMALL);

  for (guint c = 0; c <= pnl->n_periods; c++)
    {
      g_autofree char *text = amount (c < pnl->n_periods ? line->amounts[c] : line->total);
      so_far = MAX (so_far, canting_pdf_text_width (&r->pen, text, font));
    }
  return so_far;
}

static void
draw_pnl (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  Report *r = user_data;
  const CantingPnl *pnl = r->report;
  g_autofree char *title = canting_pnl_title (pnl);
  const char *head_font = canting_pdf_row_font (CANTING_PDF_ROW_HEADER | CANTING_PDF_ROW_SMALL);
  /* One column per period, and one for the whole range when there are
   * several. */
  guint n_columns = pnl->n_periods + (pnl->n_periods > 1 ? 1 : 0);
  guint fit, n_blocks, per_block;
  double amount_width = 0;

  start (r, cr, title);
  for (guint i = 0; i < pnl->income->len; i++)
    amount_width = widest (r, g_ptr_array_index (pnl->income, i), amount_width);
  for (guint i = 0; i < pnl->expense->len; i++)
    amount_width = widest (r, g_ptr_array_index (pnl->expense, i), amount_width);
  amount_width = widest (r, pnl->total_income, amount_width);
  amount_width = widest (r, pnl->total_expense, amount_width);
  amount_width = widest (r, pnl->profit, amount_width);
  for (guint p = 0; p < pnl->n_periods; p++)
    {
      g_autofree char *head = canting_report_period_label (pnl->periods[p], TRUE);
      amount_width = MAX (amount_width, canting_pdf_text_width (&r->pen, head, head_font));
    }
  amount_width += 8;
  fit = MAX ((guint) ((TEXT_WIDTH - PNL_LABEL_MIN_WIDTH) / amount_width), 1);
  n_blocks = (n_columns + fit - 1) / fit;
  per_block = (n_columns + n_blocks - 1) / n_blocks;

  r->pen.y += 6;
  for (guint first = 0; first < n_columns; first += per_block)
    pnl_block (r, first, MIN (per_block, n_columns - first), amount_width);
  canting_pdf_paragraph (&r->pen, _("Voided entries are left out; transfers between accounts are neither income "
                                    "nor expense."), "Sans Italic 8.5");
  canting_pdf_pen_end (&r->pen);
}

gboolean
canting_pnl_save_pdf (CantingDb         *db,
                      const CantingPnl  *pnl,
                      const char        *path,
                      GError           **error)
{
  g_autofree char *title = canting_pnl_title (pnl);

  return save (db, pnl, title, path, draw_pnl, error);
}

/* --- cash flow ----------------------------------------------------------- */

static void
cashflow_line (Report                    *r,
               const CantingCashflowLine *line,
               const CantingPdfColumn    *columns,
               CantingPdfRowStyle         style)
{
  g_autofree char *opening = amount (line->opening);
  g_autofree char *in = amount (line->money_in);
  g_autofree char *out = amount (line->money_out);
  g_autofree char *moved_in = amount (line->transfers_in);
  g_autofree char *moved_out = amount (line->transfers_out);
  g_autofree char *closing = amount (line->closing);
  const char *cells[] = { line->name, opening, in, out, moved_in, moved_out, closing };

  canting_pdf_row (&r->pen, cells, columns, G_N_ELEMENTS (cells), style);
}

static void
draw_cashflow (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  Report *r = user_data;
  const CantingCashflow *cf = r->report;
  g_autofree char *title = canting_cashflow_title (cf);
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func (g_free);
  CantingPdfColumn columns[7];
  CantingPdfRowStyle small = 0;
  const char *heads[] = { _("Account"), _("Opening balance"), _("Money in"), _("Money out"),
                          _("Transfers in"), _("Transfers out"), _("Closing balance") };
  double w;

  start (r, cr, title);
  for (guint i = 0; i <= cf->accounts->len; i++)
    {
      const CantingCashflowLine *line = i < cf->accounts->len ? g_ptr_array_index (cf->accounts, i) : cf->total;
      const CantingMoney values[] = { line->opening, line->money_in, line->money_out,
                                      line->transfers_in, line->transfers_out, line->closing };
      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        g_ptr_array_add (figures, amount (values[v]));
    }
  /* Six figures across, in smaller type when they are billions. */
  w = MAX (column_width (r, figures, canting_pdf_row_font (CANTING_PDF_ROW_BOLD)), 62);
  if (6 * w > TEXT_WIDTH - 100)
    {
      small = CANTING_PDF_ROW_SMALL;
      w = MAX (column_width (r, figures, canting_pdf_row_font (CANTING_PDF_ROW_BOLD | small)), 62);
    }
  columns[0] = (CantingPdfColumn) { MARGIN, TEXT_WIDTH - 6 * w - 4, FALSE };
  for (guint c = 1; c < 7; c++)
    columns[c] = (CantingPdfColumn) { MARGIN + TEXT_WIDTH - (7 - c) * w + 8, w - 8, TRUE };

  r->pen.y += 6;
  canting_pdf_row (&r->pen, heads, columns, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER | small);
  for (guint i = 0; i < cf->accounts->len; i++)
    cashflow_line (r, g_ptr_array_index (cf->accounts, i), columns, small);
  cashflow_line (r, cf->total, columns, CANTING_PDF_ROW_BOLD | small);
  r->pen.y += 12;
  canting_pdf_paragraph (&r->pen, _("The opening balance is what the account held when the ledger began and every "
                                    "entry before the period. Voided entries are left out."), "Sans Italic 8.5");
  canting_pdf_pen_end (&r->pen);
}

gboolean
canting_cashflow_save_pdf (CantingDb              *db,
                           const CantingCashflow  *cashflow,
                           const char             *path,
                           GError                **error)
{
  g_autofree char *title = canting_cashflow_title (cashflow);

  return save (db, cashflow, title, path, draw_cashflow, error);
}

/* --- sales --------------------------------------------------------------- */

static void
sales_line (Report                 *r,
            const CantingSalesLine *line,
            const CantingPdfColumn *columns,
            CantingPdfRowStyle      style)
{
  g_autofree char *orders = count (line->orders);
  g_autofree char *pieces = count (line->pieces);
  g_autofree char *total = amount (line->amount);
  const char *cells[] = { line->label, orders, pieces, total };

  canting_pdf_row (&r->pen, cells, columns, G_N_ELEMENTS (cells), style);
}

static void
draw_sales (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  user_data)
{
  Report *r = user_data;
  const CantingSales *sales = r->report;
  g_autofree char *title = canting_sales_title (sales);
  const CantingPdfColumn columns[] = {
    { MARGIN, TEXT_WIDTH - 250 - 4, FALSE },
    { MARGIN + TEXT_WIDTH - 250, 68, TRUE },
    { MARGIN + TEXT_WIDTH - 180, 68, TRUE },
    { MARGIN + TEXT_WIDTH - 110, 108, TRUE },
  };
  const char *heads[] = { canting_sales_by_label (sales->by), _("Orders"), _("Pieces"), _("Amount") };

  start (r, cr, title);
  r->pen.y += 6;
  canting_pdf_row (&r->pen, heads, columns, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER);
  if (sales->lines->len == 0)
    canting_pdf_paragraph (&r->pen, _("No sales in this period."), "Sans 9");
  for (guint i = 0; i < sales->lines->len; i++)
    sales_line (r, g_ptr_array_index (sales->lines, i), columns, CANTING_PDF_ROW_PLAIN);
  sales_line (r, sales->total, columns, CANTING_PDF_ROW_BOLD);
  r->pen.y += 12;
  canting_pdf_paragraph (&r->pen, canting_sales_amount_note (sales), "Sans Italic 8.5");
  canting_pdf_pen_end (&r->pen);
}

gboolean
canting_sales_save_pdf (CantingDb           *db,
                        const CantingSales  *sales,
                        const char          *path,
                        GError             **error)
{
  g_autofree char *title = canting_sales_title (sales);

  return save (db, sales, title, path, draw_sales, error);
}

/* --- tax ----------------------------------------------------------------- */

static void
draw_tax (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  Report *r = user_data;
  const CantingTaxYear *y = r->report;
  g_autofree char *title = canting_tax_year_title (y);
  g_autofree char *taxpayer = g_strdup_printf (_("Taxpayer: %s"), canting_taxpayer_label (y->taxpayer));
  g_auto(GStrv) notes = canting_tax_year_notes (y);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func (g_free);
  const char *bold = canting_pdf_row_font (CANTING_PDF_ROW_BOLD | CANTING_PDF_ROW_SMALL);
  CantingPdfColumn columns[6];
  const char *heads[] = { _("Month"), _("Turnover"), _("Since January"), _("Taxable"), _("Estimated tax"), _("Note") };
  double month_width, w;

  start (r, cr, title);
  for (guint i = 0; i < 12; i++)
    {
      const CantingTaxMonth *m = &y->months[i];

      /* "Sep 2026": the note column keeps the room. */
      g_ptr_array_add (months, canting_report_period_label (m->month, TRUE));
      g_ptr_array_add (figures, amount (m->turnover));
      g_ptr_array_add (figures, amount (m->year_to_date));
      g_ptr_array_add (figures, amount (m->taxable));
      g_ptr_array_add (figures, amount (m->tax));
    }
  g_ptr_array_add (figures, amount (y->turnover));
  g_ptr_array_add (figures, amount (y->taxable));
  g_ptr_array_add (figures, amount (y->tax));
  month_width = column_width (r, months, canting_pdf_row_font (CANTING_PDF_ROW_SMALL));
  w = MAX (column_width (r, figures, bold), 62);
  columns[0] = (CantingPdfColumn) { MARGIN, month_width, FALSE };
  for (guint c = 1; c < 5; c++)
    columns[c] = (CantingPdfColumn) { MARGIN + month_width + (c - 1) * w + 8, w - 8, TRUE };
  columns[5] = (CantingPdfColumn) { MARGIN + month_width + 4 * w + 10, TEXT_WIDTH - month_width - 4 * w - 10, FALSE };

  canting_pdf_paragraph (&r->pen, taxpayer, "Sans 9");
  /* Said before the figures, not only after them. */
  canting_pdf_paragraph (&r->pen, _("Estimate only — not a tax assessment."), "Sans Bold 9.5");
  r->pen.y += 6;
  canting_pdf_row (&r->pen, heads, columns, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER | CANTING_PDF_ROW_SMALL);
  for (guint i = 0; i < 12; i++)
    {
      const CantingTaxMonth *m = &y->months[i];
      g_autofree char *note = canting_tax_month_note (y, i);
      const char *cells[] = { months->pdata[i], figures->pdata[4 * i], figures->pdata[4 * i + 1],
                              figures->pdata[4 * i + 2], figures->pdata[4 * i + 3], note != NULL ? note : "" };

      canting_pdf_row (&r->pen, cells, columns, G_N_ELEMENTS (cells),
                       CANTING_PDF_ROW_SMALL | (m->cap != CANTING_TAX_CAP_WITHIN ? CANTING_PDF_ROW_RED_LAST : 0));
    }
  {
    const char *cells[] = { _("Total"), figures->pdata[48], "", figures->pdata[49], figures->pdata[50], "" };

    canting_pdf_row (&r->pen, cells, columns, G_N_ELEMENTS (cells), CANTING_PDF_ROW_BOLD | CANTING_PDF_ROW_SMALL);
  }
  r->pen.y += 12;
  for (guint i = 0; notes[i] != NULL; i++)
    {
      /* The cap's warning, when there is one, is the last note. */
      gboolean warning = notes[i + 1] == NULL && (y->near_cap_month != 0 || y->over_cap_month != 0);
      canting_pdf_paragraph (&r->pen, notes[i], warning ? "Sans Bold 9" : "Sans 9");
    }
  r->pen.y += 6;
  canting_pdf_paragraph (&r->pen, canting_tax_disclaimer (), "Sans Bold 9");
  canting_pdf_pen_end (&r->pen);
}

gboolean
canting_tax_year_save_pdf (CantingDb             *db,
                           const CantingTaxYear  *year,
                           const char            *path,
                           GError               **error)
{
  g_autofree char *title = canting_tax_year_title (year);

  return save (db, year, title, path, draw_tax, error);
}
