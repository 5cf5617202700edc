/* canting-reports-window.c: Keuangan's reports on screen: profit and loss
 * by month or year, cash flow per account, sales by product, motif,
 * channel or city, and the estimate of the final income tax of a micro
 * business.  Each is worked out again as its period is typed, shown as a
 * table (and a chart where one says more), and saved as the same CSV or
 * PDF `canting-cli report` writes.
 *
 * The figures and every rule behind them come from the core
 * (canting-report.h, canting-tax.h); this file only lays them out.  The
 * tax view always shows that it is an estimate, above everything else. */
#include "config.h"

#include "canting-reports-window.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "canting-accessible.h"
#include "canting-chart.h"
#include "canting-form.h"
#include "canting-ledger.h"
#include "canting-report.h"
#include "canting-tax-rule-dialog.h"
#include "canting-report-pdf.h"
#include "canting-tax.h"
#include "canting-validate.h"

typedef enum {
  REPORT_PNL,
  REPORT_CASHFLOW,
  REPORT_SALES,
  REPORT_TAX,
} Report;

/* The period fields of a view, as codes of a field error. */
typedef enum {
  FIELD_FROM,
  FIELD_TO,
  N_FIELDS,
} Field;

static G_DEFINE_QUARK (canting-reports-field-error, field_error)

/* Quick choices of P&L, in months: its own list because a P&L of this
 * month alone says little; "the last 12 months" is the one a year-round
 * workshop compares. */
typedef enum {
  QUICK_THIS_YEAR,
  QUICK_LAST_YEAR,
  QUICK_LAST_12_MONTHS,
} PnlQuick;

struct _CantingReportsWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;

  GtkScrolledWindow *pnl_page;
  GtkScrolledWindow *pnl_table_scroller;
  AdwEntryRow *pnl_from_row;
  AdwEntryRow *pnl_to_row;
  AdwComboRow *pnl_by_row;
  GtkBox *pnl_quick_box;
  GtkButton *pnl_csv_button;
  GtkButton *pnl_pdf_button;
  GtkLabel *pnl_error_label;
  GtkLabel *pnl_title_label;
  GtkDrawingArea *pnl_chart;
  GtkGrid *pnl_grid;

  AdwEntryRow *cf_from_row;
  AdwEntryRow *cf_to_row;
  GtkBox *cf_quick_box;
  GtkButton *cf_csv_button;
  GtkButton *cf_pdf_button;
  GtkLabel *cf_error_label;
  GtkLabel *cf_title_label;
  GtkGrid *cf_grid;

  AdwEntryRow *sales_from_row;
  AdwEntryRow *sales_to_row;
  AdwComboRow *sales_by_row;
  GtkBox *sales_quick_box;
  GtkButton *sales_csv_button;
  GtkButton *sales_pdf_button;
  GtkLabel *sales_error_label;
  GtkLabel *sales_title_label;
  GtkGrid *sales_grid;
  GtkLabel *sales_note_label;

  GtkLabel *tax_disclaimer_label;
  GtkSpinButton *tax_year_spin;
  AdwComboRow *tax_taxpayer_row;
  GtkButton *tax_csv_button;
  GtkButton *tax_pdf_button;
  GtkLabel *tax_error_label;
  GtkLabel *tax_title_label;
  GtkLabel *tax_warning_label;
  GtkLabel *tax_turnover_label;
  GtkLabel *tax_due_label;
  GtkLabel *tax_exemption_label;
  GtkDrawingArea *tax_chart;
  GtkLabel *tax_chart_note_label;
  GtkGrid *tax_grid;
  GtkLabel *tax_notes_label;
  AdwPreferencesGroup *tax_rules_group;
  GtkButton *new_rule_button;
  AdwPreferencesGroup *tax_categories_group;

  CantingApplication *app;
  /* Each view's report for what is typed, or NULL while that is wrong. */
  CantingPnl *pnl;
  CantingCashflow *cashflow;
  CantingSales *sales;
  CantingTaxYear *tax;
  /* The date field typed in last: a period that ends before it starts is
   * marked there, not in the other field (and focus stays put). */
  GtkWidget *edited;
  /* Setting both dates of a quick choice: the report follows once. */
  gboolean filling;
  GPtrArray *tax_rows;   /* the rule and category rows, to rebuild */
  /* Of the newest reading asked for, per view: an older one that comes
   * back after it is dropped. */
  guint generation[REPORT_TAX + 1];
};

G_DEFINE_FINAL_TYPE (CantingReportsWindow, canting_reports_window, ADW_TYPE_WINDOW)

static CantingDb *
db_of (CantingReportsWindow *self)
{
  return canting_application_get_db (self->app);
}

static void
toast (CantingReportsWindow *self,
       const char           *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* --- tables -------------------------------------------------------------- */

typedef enum {
  CELL_TEXT = 0,
  CELL_NUMBER = 1 << 0,   /* right-aligned, tabular figures */
  CELL_HEAD = 1 << 1,     /* a column heading */
  CELL_TOTAL = 1 << 2,    /* bold */
  CELL_INDENT = 1 << 3,   /* a line under a section heading */
  CELL_LOSS = 1 << 4,     /* below zero, in the error colour */
} CellFlags;

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
put (GtkGrid    *grid,
     int         column,
     int         row,
     const char *text,
     CellFlags   flags)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), flags & CELL_NUMBER ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), !(flags & CELL_HEAD));
  if (flags & CELL_NUMBER)
    gtk_widget_add_css_class (label, "numeric");
  if (flags & CELL_HEAD)
    {
      /* "Transfer keluar" over two lines keeps seven columns within the
       * window; the figures under it are narrower than the words. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_justify (GTK_LABEL (label), flags & CELL_NUMBER ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  if (flags & CELL_TOTAL)
    gtk_widget_add_css_class (label, "heading");
  if (flags & CELL_LOSS)
    gtk_widget_add_css_class (label, "error");
  if (flags & CELL_INDENT)
    gtk_widget_set_margin_start (label, 12);
  /* The first column takes the room: names are long, figures are not. */
  if (column == 0)
    gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* "1.250.000": figures of a table whose caption says rupiah, as the
 * PDFs and canting-cli print them, so a wide table stays readable. */
static char *
plain_amount (CantingMoney value)
{
  g_autofree char *text = canting_money_format (value < 0 ? -value : value);

  return g_strdup_printf ("%s%s", value < 0 ? "-" : "", g_str_has_prefix (text, "Rp ") ? text + 3 : text);
}

static void
put_amount (GtkGrid      *grid,
            int           column,
            int           row,
            CantingMoney  value,
            CellFlags     flags)
{
  g_autofree char *text = plain_amount (value);

  put (grid, column, row, text, flags | CELL_NUMBER | (value < 0 ? CELL_LOSS : 0));
}

static void
put_count (GtkGrid   *grid,
           int        column,
           int        row,
           gint64     value,
           CellFlags  flags)
{
  g_autofree char *text = plain_amount (value);

  put (grid, column, row, text, flags | CELL_NUMBER);
}

/* --- reading off the main thread ------------------------------------------ */

/* Ten years of sales by product take seconds: every report is added up on
 * a worker with a connection of its own, the view saying so meanwhile,
 * and shown when it is there. */
typedef struct {
  Report report;
  guint generation;
  char *from, *to;
  int by;                 /* P&L: a CantingReportBy; sales: a CantingSalesBy */
  int year;               /* tax */
  gpointer result;        /* the report, or NULL */
} Reading;

static void
free_report (Report   report,
             gpointer result)
{
  if (result == NULL)
    return;
  switch (report)
    {
    case REPORT_PNL:
      canting_pnl_free (result);
      break;
    case REPORT_CASHFLOW:
      canting_cashflow_free (result);
      break;
    case REPORT_SALES:
      canting_sales_free (result);
      break;
    case REPORT_TAX:
    default:
      canting_tax_year_free (result);
      break;
    }
}

static void
reading_free (Reading *r)
{
  g_free (r->from);
  g_free (r->to);
  free_report (r->report, r->result);
  g_free (r);
}

/* On the worker (canting_db_read_async()). */
static gboolean
read_in_thread (CantingDb  *reader,
                gpointer    data,
                GError    **error)
{
  Reading *r = data;

  switch (r->report)
    {
    case REPORT_PNL:
      r->result = canting_pnl_new (reader, r->from, r->to, r->by, error);
      break;
    case REPORT_CASHFLOW:
      r->result = canting_cashflow_new (reader, r->from, r->to, error);
      break;
    case REPORT_SALES:
      r->result = canting_sales_new (reader, r->by, r->from, r->to, error);
      break;
    case REPORT_TAX:
    default:
      r->result = canting_tax_year_new (reader, r->year, error);
      break;
    }
  return r->result != NULL;
}

static void report_read (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data);

/* Starts reading @report for what is typed; (transfer full) @from, @to. */
static void
read_report (CantingReportsWindow *self,
             Report                report,
             char                 *from,
             char                 *to,
             int                   by,
             int                   year)
{
  Reading *r = g_new0 (Reading, 1);

  r->report = report;
  r->generation = ++self->generation[report];
  r->from = from;
  r->to = to;
  r->by = by;
  r->year = year;
  canting_db_read_async (db_of (self), self, read_in_thread, r, (GDestroyNotify) reading_free, report_read, NULL);
}

/* Nothing shown while a report is read but that it is being read. */
static void
show_reading (GtkLabel *title)
{
  gtk_label_set_text (title, _("Adding up…"));
}

/* --- field errors -------------------------------------------------------- */

static void
show_error (AdwEntryRow  *from_row,
            AdwEntryRow  *to_row,
            const GError *error,
            GtkLabel     *label)
{
  GtkWidget *rows[N_FIELDS] = { GTK_WIDGET (from_row), GTK_WIDGET (to_row) };

  canting_form_show_error (rows, N_FIELDS, field_error_quark (), error, GTK_WIDGET (label), label);
}

static const char *
row_title (AdwEntryRow *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* What is typed in @row without the spaces around it.  (transfer full) */
static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The core refused the period itself (it ends before it starts, or is
 * too long): the message goes to the date typed last. */
static void
set_period_error (CantingReportsWindow  *self,
                  AdwEntryRow           *from_row,
                  const GError          *core,
                  GError               **error)
{
  g_set_error_literal (error, field_error_quark (), self->edited == GTK_WIDGET (from_row) ? FIELD_FROM : FIELD_TO,
                       core->message);
}

/* A period that runs backwards, or is too long, is marked as it is typed;
 * only a good one is read. */
static gboolean
period_ok (CantingReportsWindow  *self,
           AdwEntryRow           *from_row,
           const char            *from,
           const char            *to,
           GError               **error)
{
  g_autoptr(GError) core = NULL;

  if (canting_report_check_period (from, to, &core))
    return TRUE;
  set_period_error (self, from_row, core, error);
  return FALSE;
}

/* The ISO date typed in @row, or NULL with @error naming it. */
static char *
read_date (AdwEntryRow  *row,
           Field         field,
           GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *text = row_text (row);
  char *iso = canting_date_parse (text, &local);

  if (iso == NULL)
    g_set_error (error, field_error_quark (), field, "%s: %s", row_title (row), local->message);
  return iso;
}

static gboolean
read_month (AdwEntryRow  *row,
            Field         field,
            char        **out_month,
            GError      **error)
{
  g_autofree char *text = row_text (row);
  int year, month;

  if (!canting_month_parse (text, &year, &month))
    {
      g_set_error (error, field_error_quark (), field,
                   _("%s: “%s” is not a month. Write it as year-month, for example 2026-03."), row_title (row), text);
      return FALSE;
    }
  *out_month = g_steal_pointer (&text);
  return TRUE;
}

static void
set_buttons (GtkButton *csv,
             GtkButton *pdf,
             gboolean   ready)
{
  gtk_widget_set_sensitive (GTK_WIDGET (csv), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (pdf), ready);
}

/* --- profit and loss ----------------------------------------------------- */

static double
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align,   /* 0 left, 0.5 centre, 1 right */
           gboolean    bold,
           int        *out_width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, NULL);
  int w, h;

  if (bold)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);
      pango_layout_set_markup (layout, markup, -1);
    }
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  if (out_width != NULL)
    *out_width = w;
  return h;
}

/* GNOME's blue and orange: apart on light and dark backgrounds, and
 * neither the red of "over the limit". */
static const double income_rgb[] = { 0.21, 0.52, 0.89 };
static const double expense_rgb[] = { 0.90, 0.38, 0.0 };

/* A coloured square and its name, ending at @right; @out_left is where
 * the next one may end. */
static void
legend (GtkWidget     *widget,
        cairo_t       *cr,
        double         right,
        double         y,
        double         line_h,
        const double   rgb[3],
        const char    *text,
        const GdkRGBA *fg,
        double        *out_left)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;
  double box = line_h * 0.6;

  pango_layout_get_pixel_size (layout, &w, &h);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_move_to (cr, right - w, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_rectangle (cr, right - w - box - 6, y + (line_h - box) / 2, box, box);
  cairo_fill (cr);
  *out_left = right - w - box - 6;
}

/* Income and expenses side by side for each period: two series, which
 * canting-chart's single line does not draw, and bars because a month
 * is an amount, not a point on a trend. */
static void
draw_pnl (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  CantingReportsWindow *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  const CantingPnl *pnl = self->pnl;
  GdkRGBA fg;
  double line_h, top, bottom, left = 0, right, slot, bar, legend_left;
  CantingMoney most = 0;
  g_autofree char *most_text = NULL;
  guint every = 1;

  if (pnl == NULL || pnl->n_periods == 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  gdk_cairo_set_source_rgba (cr, &fg);
  line_h = draw_text (widget, cr, _("Income and expenses"), 0, 0, 0, TRUE, NULL);
  legend (widget, cr, width, 0, line_h, expense_rgb, _("Expenses"), &fg, &legend_left);
  legend (widget, cr, legend_left - 18, 0, line_h, income_rgb, _("Income"), &fg, &legend_left);

  for (guint i = 0; i < pnl->n_periods; i++)
    most = MAX (most, MAX (pnl->total_income->amounts[i], pnl->total_expense->amounts[i]));
  most_text = canting_money_format (most);
  top = line_h * 2;
  bottom = height - line_h - 6;
  /* Room on the right for the scale, as canting-chart leaves it. */
  right = width - 90;
  if (bottom - top < 10 || right - left < 10)
    return;

  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
  draw_text (widget, cr, most_text, width, top - line_h - 2, 1, FALSE, NULL);
  draw_text (widget, cr, "Rp 0", width, bottom - line_h, 1, FALSE, NULL);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, bottom + 0.5);
  cairo_line_to (cr, right, bottom + 0.5);
  cairo_move_to (cr, left, top + 0.5);
  cairo_line_to (cr, right, top + 0.5);
  cairo_stroke (cr);

  slot = (right - left) / pnl->n_periods;
  bar = MIN (slot * 0.35, 32);
  /* Label every period only while the labels fit under their bars. */
  {
    g_autofree char *sample = canting_report_period_label (pnl->periods[0], TRUE);
    PangoLayout *layout = gtk_widget_create_pango_layout (widget, sample);
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    g_object_unref (layout);
    every = (guint) ((w + 12) / slot) + 1;
  }
  for (guint i = 0; i < pnl->n_periods; i++)
    {
      double centre = left + slot * (i + 0.5);
      const CantingMoney values[] = { pnl->total_income->amounts[i], pnl->total_expense->amounts[i] };
      const double *colours[] = { income_rgb, expense_rgb };

      for (guint s = 0; s < 2; s++)
        {
          double h = most > 0 ? (double) MAX (values[s], 0) / (double) most * (bottom - top) : 0;
          double x = s == 0 ? centre - bar - 1 : centre + 1;

          cairo_set_source_rgb (cr, colours[s][0], colours[s][1], colours[s][2]);
          cairo_rectangle (cr, x, bottom - h, bar, h);
          cairo_fill (cr);
        }
      if (i % every == 0)
        {
          g_autofree char *label = canting_report_period_label (pnl->periods[i], TRUE);

          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
          draw_text (widget, cr, label, centre, bottom + 4, 0.5, FALSE, NULL);
        }
    }
}

/* The wheel over the table scrolls the page, as everywhere else on it:
 * the table's own scrolled window scrolls only sideways, yet would keep
 * the wheel to itself.  Shift and the wheel, or the scrollbar, still
 * move the table sideways. */
static gboolean
on_table_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 CantingReportsWindow     *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment *page = gtk_scrolled_window_get_vadjustment (self->pnl_page);
  double step = 1;

  if ((state & GDK_SHIFT_MASK) != 0 || dy == 0)
    return FALSE;
  /* A wheel's click moves as far as GtkScrolledWindow moves it. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (page), 2.0 / 3.0);
  gtk_adjustment_set_value (page, gtk_adjustment_get_value (page) + dy * step);
  return TRUE;
}

static void
put_pnl_line (GtkGrid              *grid,
              int                   row,
              const CantingPnl     *pnl,
              const CantingPnlLine *line,
              CellFlags             flags)
{
  put (grid, 0, row, line->label, flags);
  for (guint c = 0; c < pnl->n_periods; c++)
    put_amount (grid, c + 1, row, line->amounts[c], flags & ~CELL_INDENT);
  if (pnl->n_periods > 1)
    put_amount (grid, pnl->n_periods + 1, row, line->total, (flags & ~CELL_INDENT) | CELL_TOTAL);
}

static void
show_pnl (CantingReportsWindow *self)
{
  const CantingPnl *pnl = self->pnl;
  GtkGrid *grid = self->pnl_grid;
  g_autofree char *title = pnl != NULL ? canting_pnl_title (pnl) : NULL;
  int row = 0;

  clear_grid (grid);
  set_buttons (self->pnl_csv_button, self->pnl_pdf_button, pnl != NULL);
  gtk_label_set_text (self->pnl_title_label, title != NULL ? title : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->pnl_chart));
  /* While the period is wrong there is nothing to show: no empty frame. */
  gtk_widget_set_visible (GTK_WIDGET (self->pnl_chart), pnl != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->pnl_table_scroller), pnl != NULL);
  if (pnl == NULL)
    return;

  put (grid, 0, row, "", CELL_HEAD);
  for (guint c = 0; c < pnl->n_periods; c++)
    {
      g_autofree char *head = canting_report_period_label (pnl->periods[c], TRUE);
      put (grid, c + 1, row, head, CELL_HEAD | CELL_NUMBER);
    }
  if (pnl->n_periods > 1)
    put (grid, pnl->n_periods + 1, row, _("Total"), CELL_HEAD | CELL_NUMBER);
  row++;

  put (grid, 0, row++, canting_entry_kind_label (CANTING_ENTRY_INCOME), CELL_TOTAL);
  for (guint i = 0; i < pnl->income->len; i++)
    put_pnl_line (grid, row++, pnl, g_ptr_array_index (pnl->income, i), CELL_INDENT);
  put_pnl_line (grid, row++, pnl, pnl->total_income, CELL_TOTAL);
  put (grid, 0, row++, canting_entry_kind_label (CANTING_ENTRY_EXPENSE), CELL_TOTAL);
  for (guint i = 0; i < pnl->expense->len; i++)
    put_pnl_line (grid, row++, pnl, g_ptr_array_index (pnl->expense, i), CELL_INDENT);
  put_pnl_line (grid, row++, pnl, pnl->total_expense, CELL_TOTAL);
  put_pnl_line (grid, row++, pnl, pnl->profit, CELL_TOTAL);
}

static void
update_pnl (CantingReportsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  CantingReportBy by = adw_combo_row_get_selected (self->pnl_by_row) == 1 ? CANTING_REPORT_BY_YEAR
                                                                          : CANTING_REPORT_BY_MONTH;

  if (self->app == NULL || self->filling)
    return;
  g_clear_pointer (&self->pnl, canting_pnl_free);
  self->generation[REPORT_PNL]++;
  if (read_month (self->pnl_from_row, FIELD_FROM, &from, &error) &&
      read_month (self->pnl_to_row, FIELD_TO, &to, &error) &&
      period_ok (self, self->pnl_from_row, from, to, &error))
    read_report (self, REPORT_PNL, g_steal_pointer (&from), g_steal_pointer (&to), by, 0);
  show_error (self->pnl_from_row, self->pnl_to_row, error, self->pnl_error_label);
  show_pnl (self);
  if (error == NULL)
    show_reading (self->pnl_title_label);
}

/* --- cash flow ----------------------------------------------------------- */

static void
put_cashflow_line (GtkGrid                   *grid,
                   int                        row,
                   const CantingCashflowLine *line,
                   CellFlags                  flags)
{
  const CantingMoney values[] = {
    line->opening, line->money_in, line->money_out, line->transfers_in, line->transfers_out, line->closing,
  };

  put (grid, 0, row, line->name, flags);
  for (guint c = 0; c < G_N_ELEMENTS (values); c++)
    put_amount (grid, c + 1, row, values[c], flags | (c + 1 == G_N_ELEMENTS (values) ? CELL_TOTAL : 0));
}

static void
show_cashflow (CantingReportsWindow *self)
{
  const CantingCashflow *cf = self->cashflow;
  GtkGrid *grid = self->cf_grid;
  g_autofree char *title = cf != NULL ? canting_cashflow_title (cf) : NULL;
  const char *heads[] = {
    _("Account"), _("Opening balance"), _("Money in"), _("Money out"), _("Transfers in"), _("Transfers out"),
    _("Closing balance"),
  };

  clear_grid (grid);
  set_buttons (self->cf_csv_button, self->cf_pdf_button, cf != NULL);
  gtk_label_set_text (self->cf_title_label, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (grid), cf != NULL);
  if (cf == NULL)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    put (grid, c, 0, heads[c], CELL_HEAD | (c > 0 ? CELL_NUMBER : 0));
  for (guint i = 0; i < cf->accounts->len; i++)
    put_cashflow_line (grid, i + 1, g_ptr_array_index (cf->accounts, i), CELL_TEXT);
  put_cashflow_line (grid, cf->accounts->len + 1, cf->total, CELL_TOTAL);
}

static void
update_cashflow (CantingReportsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (self->app == NULL || self->filling)
    return;
  g_clear_pointer (&self->cashflow, canting_cashflow_free);
  self->generation[REPORT_CASHFLOW]++;
  from = read_date (self->cf_from_row, FIELD_FROM, &error);
  to = from != NULL ? read_date (self->cf_to_row, FIELD_TO, &error) : NULL;
  if (to != NULL && period_ok (self, self->cf_from_row, from, to, &error))
    read_report (self, REPORT_CASHFLOW, g_steal_pointer (&from), g_steal_pointer (&to), 0, 0);
  show_error (self->cf_from_row, self->cf_to_row, error, self->cf_error_label);
  show_cashflow (self);
  if (error == NULL)
    show_reading (self->cf_title_label);
}

/* --- sales --------------------------------------------------------------- */

static void
put_sales_line (GtkGrid                *grid,
                int                     row,
                const CantingSalesLine *line,
                CellFlags               flags)
{
  put (grid, 0, row, line->label, flags);
  put_count (grid, 1, row, line->orders, flags);
  put_count (grid, 2, row, line->pieces, flags);
  put_amount (grid, 3, row, line->amount, flags);
}

/* Lines shown on screen, the largest first: ten years of two thousand
 * products is a table GTK takes a quarter of a second to build, and no
 * one reads it on screen; the CSV and the PDF have every line. */
#define SALES_SHOWN 100

static void
show_sales (CantingReportsWindow *self)
{
  const CantingSales *sales = self->sales;
  GtkGrid *grid = self->sales_grid;
  g_autofree char *title = sales != NULL ? canting_sales_title (sales) : NULL;
  g_autofree char *amount_head = NULL;
  int row = 1;

  clear_grid (grid);
  set_buttons (self->sales_csv_button, self->sales_pdf_button, sales != NULL);
  gtk_label_set_text (self->sales_title_label, title != NULL ? title : "");
  gtk_label_set_text (self->sales_note_label, sales != NULL ? canting_sales_amount_note (sales) : "");
  gtk_widget_set_visible (GTK_WIDGET (grid), sales != NULL);
  if (sales == NULL)
    return;
  amount_head = g_strdup_printf ("%s (Rp)", _("Amount"));
  put (grid, 0, 0, canting_sales_by_label (sales->by), CELL_HEAD);
  put (grid, 1, 0, _("Orders"), CELL_HEAD | CELL_NUMBER);
  put (grid, 2, 0, _("Pieces"), CELL_HEAD | CELL_NUMBER);
  put (grid, 3, 0, amount_head, CELL_HEAD | CELL_NUMBER);
  if (sales->lines->len == 0)
    put (grid, 0, row++, _("No sales in this period."), CELL_INDENT);
  for (guint i = 0; i < sales->lines->len && i < SALES_SHOWN; i++)
    put_sales_line (grid, row++, g_ptr_array_index (sales->lines, i), CELL_TEXT);
  if (sales->lines->len > SALES_SHOWN)
    {
      guint more = sales->lines->len - SALES_SHOWN;
      g_autofree char *rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more line, in the CSV and the PDF.",
                                                            "…and %u more lines, in the CSV and the PDF.", more),
                                               more);

      put (grid, 0, row++, rest, CELL_INDENT);
    }
  put_sales_line (grid, row, sales->total, CELL_TOTAL);
}

static void
update_sales (CantingReportsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  guint by = adw_combo_row_get_selected (self->sales_by_row);

  if (self->app == NULL || self->filling)
    return;
  g_clear_pointer (&self->sales, canting_sales_free);
  self->generation[REPORT_SALES]++;
  from = read_date (self->sales_from_row, FIELD_FROM, &error);
  to = from != NULL ? read_date (self->sales_to_row, FIELD_TO, &error) : NULL;
  if (to != NULL && period_ok (self, self->sales_from_row, from, to, &error))
    read_report (self, REPORT_SALES, g_steal_pointer (&from), g_steal_pointer (&to),
                 by < CANTING_SALES_BY_COUNT ? (int) by : CANTING_SALES_BY_PRODUCT, 0);
  show_error (self->sales_from_row, self->sales_to_row, error, self->sales_error_label);
  show_sales (self);
  if (error == NULL)
    show_reading (self->sales_title_label);
}

/* --- tax ----------------------------------------------------------------- */

/* The months the running total is drawn for: a year still under way
 * stops at this month rather than run flat into months not yet had. */
static guint
tax_months_to_draw (const CantingTaxYear *year)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int this_year = g_date_time_get_year (now);

  if (year->year < this_year)
    return 12;
  if (year->year > this_year)
    return 0;
  return (guint) g_date_time_get_month (now);
}

/* Which limits the chart draws.  Scaled to the cap, a small workshop's
 * year would be a line along the bottom: the cap is drawn once the year
 * is half way to it, and an individual's untaxed part always. */
static void
tax_limits (const CantingTaxYear *year,
            gboolean             *out_exemption,
            gboolean             *out_cap)
{
  *out_exemption = year->taxpayer == CANTING_TAXPAYER_INDIVIDUAL && year->rule->exemption > 0;
  *out_cap = year->turnover >= year->rule->yearly_cap / 2;
}

static void
draw_tax (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  CantingReportsWindow *self = user_data;
  const CantingTaxYear *year = self->tax;
  double x[12], y[12];
  CantingMoney top = 0;
  gboolean exemption, cap;
  g_autofree char *top_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  CantingChart chart = { 0 };
  guint n;

  if (year == NULL)
    return;
  n = tax_months_to_draw (year);
  for (guint i = 0; i < n; i++)
    {
      x[i] = i + 1;
      y[i] = (double) year->months[i].year_to_date;
      top = MAX (top, year->months[i].year_to_date);
    }
  tax_limits (year, &exemption, &cap);
  chart.has_limit_max = cap || exemption;
  chart.limit_max = (double) (cap ? year->rule->yearly_cap : year->rule->exemption);
  chart.has_limit_min = cap && exemption;
  chart.limit_min = (double) year->rule->exemption;
  /* The scale as canting-chart draws it: the limit with room above. */
  if (chart.has_limit_max)
    top = MAX (top, (CantingMoney) (chart.limit_max * 1.15));
  top_text = canting_money_format (top);
  first = canting_report_period_label (year->months[0].month, TRUE);
  last = canting_report_period_label (year->months[n > 0 ? n - 1 : 0].month, TRUE);
  chart.title = _("Turnover since January");
  chart.x = x;
  chart.y = y;
  chart.n = n;
  chart.dots = TRUE;
  chart.y_min_text = "Rp 0";
  chart.y_max_text = top_text;
  chart.x_first_text = first;
  chart.x_last_text = last;
  canting_chart_draw (GTK_WIDGET (area), cr, width, height, &chart);
}

static void
show_tax_figures (CantingReportsWindow *self)
{
  const CantingTaxYear *year = self->tax;
  g_autofree char *turnover = NULL;
  g_autofree char *due = NULL;
  g_autofree char *exemption = NULL;
  g_autofree char *cap = NULL;
  g_autofree char *passed = NULL;
  g_autofree char *chart_note = NULL;
  gboolean draw_exemption, draw_cap;

  turnover = canting_money_format (year->turnover);
  due = canting_money_format (year->tax);
  exemption = canting_money_format (year->rule->exemption);
  cap = canting_money_format (year->rule->yearly_cap);
  if (year->taxpayer == CANTING_TAXPAYER_COMPANY)
    passed = g_strdup (_("Not for a company"));
  else if (year->rule->exemption == 0)
    passed = g_strdup (_("None under this rule"));
  else if (year->exemption_month == 0)
    passed = g_strdup (_("Not yet"));
  else
    passed = canting_report_period_label (year->months[year->exemption_month - 1].month, FALSE);
  gtk_label_set_text (self->tax_turnover_label, turnover);
  gtk_label_set_text (self->tax_due_label, due);
  gtk_label_set_text (self->tax_exemption_label, passed);

  tax_limits (year, &draw_exemption, &draw_cap);
  {
    g_autofree char *about_exemption = NULL;
    g_autofree char *about_cap = NULL;

    if (draw_exemption)
      about_exemption = g_strdup_printf (_("The dashed red line is %s, the turnover an individual pays no tax on "
                                           "each year."), exemption);
    if (draw_cap && draw_exemption)
      about_cap = g_strdup_printf (_("The upper dashed red line is %s, the most a year may have under the final "
                                     "rate."), cap);
    else if (draw_cap)
      about_cap = g_strdup_printf (_("The dashed red line is %s, the most a year may have under the final rate."),
                                   cap);
    else
      about_cap = g_strdup_printf (_("%s, the most a year may have under the final rate, is far above this "
                                     "year’s turnover."), cap);
    chart_note = about_exemption != NULL ? g_strconcat (about_exemption, " ", about_cap, NULL)
                                         : g_steal_pointer (&about_cap);
  }
  gtk_label_set_text (self->tax_chart_note_label, chart_note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tax_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Turnover since January"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, chart_note, -1);
}

static void
show_tax_notes (CantingReportsWindow *self)
{
  const CantingTaxYear *year = self->tax;
  g_auto(GStrv) notes = canting_tax_year_notes (year);
  guint n = g_strv_length (notes);
  gboolean warn = year->near_cap_month != 0 || year->over_cap_month != 0;
  g_autoptr(GString) text = g_string_new (NULL);

  /* The cap warning is the last note (canting_tax_year_notes): it goes
   * to the top, where it cannot be missed. */
  gtk_widget_set_visible (GTK_WIDGET (self->tax_warning_label), warn && n > 0);
  if (warn && n > 0)
    {
      gtk_label_set_text (self->tax_warning_label, notes[--n]);
      if (year->over_cap_month != 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->tax_warning_label), "over");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->tax_warning_label), "over");
    }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", notes[i]);
  gtk_label_set_text (self->tax_notes_label, text->str);
}

static void
show_tax (CantingReportsWindow *self)
{
  const CantingTaxYear *year = self->tax;
  GtkGrid *grid = self->tax_grid;
  g_autofree char *title = year != NULL ? canting_tax_year_title (year) : NULL;
  const char *heads[] = {
    _("Month"), _("Turnover"), _("Since January"), _("Taxable"), _("Estimated tax"), _("Note"),
  };

  clear_grid (grid);
  set_buttons (self->tax_csv_button, self->tax_pdf_button, year != NULL);
  gtk_label_set_text (self->tax_title_label, title != NULL ? title : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->tax_chart));
  gtk_widget_set_visible (GTK_WIDGET (self->tax_chart), year != NULL);
  gtk_widget_set_visible (GTK_WIDGET (grid), year != NULL);
  if (year == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tax_warning_label), FALSE);
      gtk_label_set_text (self->tax_notes_label, "");
      gtk_label_set_text (self->tax_chart_note_label, "");
      gtk_label_set_text (self->tax_turnover_label, "—");
      gtk_label_set_text (self->tax_due_label, "—");
      gtk_label_set_text (self->tax_exemption_label, "—");
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    put (grid, c, 0, heads[c], CELL_HEAD | (c > 0 && c < 5 ? CELL_NUMBER : 0));
  for (guint i = 0; i < 12; i++)
    {
      const CantingTaxMonth *m = &year->months[i];
      g_autofree char *month = canting_report_period_label (m->month, FALSE);
      g_autofree char *note = canting_tax_month_note (year, i);
      /* A month that passes a limit stands out in its row. */
      CellFlags flags = note != NULL ? CELL_TOTAL : CELL_TEXT;

      put (grid, 0, i + 1, month, flags);
      put_amount (grid, 1, i + 1, m->turnover, flags);
      put_amount (grid, 2, i + 1, m->year_to_date, flags);
      put_amount (grid, 3, i + 1, m->taxable, flags);
      put_amount (grid, 4, i + 1, m->tax, flags);
      put (grid, 5, i + 1, note != NULL ? note : "", flags);
    }
  put (grid, 0, 13, _("Total"), CELL_TOTAL);
  put_amount (grid, 1, 13, year->turnover, CELL_TOTAL);
  put_amount (grid, 3, 13, year->taxable, CELL_TOTAL);
  put_amount (grid, 4, 13, year->tax, CELL_TOTAL);
  show_tax_figures (self);
  show_tax_notes (self);
}

static void
update_tax (CantingReportsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->app == NULL)
    return;
  g_clear_pointer (&self->tax, canting_tax_year_free);
  read_report (self, REPORT_TAX, NULL, NULL, 0, gtk_spin_button_get_value_as_int (self->tax_year_spin));
  gtk_widget_set_visible (GTK_WIDGET (self->tax_error_label), FALSE);
  show_tax (self);
  show_reading (self->tax_title_label);
}

/* A report read: shown, or what is wrong with the period said at the
 * date typed last. */
static void
report_read (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  CantingReportsWindow *self = CANTING_REPORTS_WINDOW (source);
  Reading *r = canting_db_read_get_data (result);
  g_autoptr(GError) core = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (r->generation != self->generation[r->report])
    return;   /* something else typed since, or the window closed */
  ok = canting_db_read_finish (result, &core);
  switch (r->report)
    {
    case REPORT_PNL:
      self->pnl = g_steal_pointer (&r->result);
      if (!ok)
        set_period_error (self, self->pnl_from_row, core, &error);
      show_error (self->pnl_from_row, self->pnl_to_row, error, self->pnl_error_label);
      show_pnl (self);
      break;
    case REPORT_CASHFLOW:
      self->cashflow = g_steal_pointer (&r->result);
      if (!ok)
        set_period_error (self, self->cf_from_row, core, &error);
      show_error (self->cf_from_row, self->cf_to_row, error, self->cf_error_label);
      show_cashflow (self);
      break;
    case REPORT_SALES:
      self->sales = g_steal_pointer (&r->result);
      if (!ok)
        set_period_error (self, self->sales_from_row, core, &error);
      show_error (self->sales_from_row, self->sales_to_row, error, self->sales_error_label);
      show_sales (self);
      break;
    case REPORT_TAX:
    default:
      self->tax = g_steal_pointer (&r->result);
      /* No field to mark: the spin button always holds a year; what
       * fails is the data (no rule for so early a year). */
      gtk_widget_set_visible (GTK_WIDGET (self->tax_error_label), !ok);
      gtk_label_set_text (self->tax_error_label, !ok ? core->message : "");
      show_tax (self);
      break;
    }
}

/* "0,5 %": a rate as Indonesians write it. */
static void
on_turnover_toggled (GtkSwitch            *toggle,
                     GParamSpec           *pspec,
                     CantingReportsWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "category-id"));
  gboolean turnover = gtk_switch_get_active (toggle);
  g_autoptr(GError) error = NULL;

  if (!canting_tax_category_set_turnover (db_of (self), id, turnover, &error))
    {
      toast (self, error->message);
      g_signal_handlers_block_by_func (toggle, on_turnover_toggled, self);
      gtk_switch_set_active (toggle, !turnover);
      g_signal_handlers_unblock_by_func (toggle, on_turnover_toggled, self);
      return;
    }
  update_tax (self);
}

static void
add_tax_row (CantingReportsWindow *self,
             AdwPreferencesGroup  *group,
             GtkWidget            *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->tax_rows, row);
}

static void fill_tax_lists (CantingReportsWindow *self);

/* A rule changed or added: the lists and the estimate follow. */
static void
on_rule_saved (CantingReportsWindow *self)
{
  fill_tax_lists (self);
  update_tax (self);
}

static void
open_rule (CantingReportsWindow *self,
           const CantingTaxRule *rule)
{
  CantingTaxRuleDialog *dialog = canting_tax_rule_dialog_new (self->app, GTK_WINDOW (self), rule);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_rule_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_rule_activated (AdwActionRow         *row,
                   CantingReportsWindow *self)
{
  open_rule (self, g_object_get_data (G_OBJECT (row), "canting-rule"));
}

static void
on_new_rule (CantingReportsWindow *self)
{
  open_rule (self, NULL);
}

/* The rules and the categories: what the estimate rests on, in sight
 * where it is shown. */
static void
fill_tax_lists (CantingReportsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = canting_tax_rule_list (db_of (self), &error);
  g_autoptr(GPtrArray) categories = rules != NULL ? canting_tax_category_list (db_of (self), &error) : NULL;

  for (guint i = 0; i < self->tax_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->tax_rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->tax_rows, 0);
  if (categories == NULL)
    {
      toast (self, error->message);
      return;
    }

  for (guint i = 0; i < rules->len; i++)
    {
      const CantingTaxRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *title = g_strdup_printf (_("From %d"), rule->valid_from);
      g_autofree char *rate = canting_tax_rate_format (rule->rate_bp);
      g_autofree char *exemption = canting_money_format (rule->exemption);
      g_autofree char *cap = canting_money_format (rule->yearly_cap);
      g_autofree char *subtitle = g_strdup_printf (_("%s of the turnover; an individual’s untaxed turnover %s a year; "
                                                     "the final rate up to %s a year.\n%s"),
                                                   rate, exemption, cap, rule->source);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "canting-rule", canting_tax_rule_copy (rule),
                              (GDestroyNotify) canting_tax_rule_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_rule_activated), self);
      add_tax_row (self, self->tax_rules_group, row);
    }

  for (guint i = 0; i < categories->len; i++)
    {
      const CantingTaxCategory *category = g_ptr_array_index (categories, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category->name);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), category->turnover);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, category->name, -1);
      g_object_set_data (G_OBJECT (toggle), "category-id", GSIZE_TO_POINTER ((gsize) category->id));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_turnover_toggled), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      add_tax_row (self, self->tax_categories_group, row);
    }
}

static void
on_taxpayer (CantingReportsWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->tax_taxpayer_row);
  g_autoptr(GError) error = NULL;

  if (selected >= CANTING_TAXPAYER_COUNT)
    return;
  if (!canting_tax_set_taxpayer (db_of (self), selected, &error))
    toast (self, error->message);
  update_tax (self);
}

/* --- period fields ------------------------------------------------------- */

static void
on_date_changed (GtkEditable          *row,
                 CantingReportsWindow *self)
{
  self->edited = GTK_WIDGET (row);
  if (row == GTK_EDITABLE (self->pnl_from_row) || row == GTK_EDITABLE (self->pnl_to_row))
    update_pnl (self);
  else if (row == GTK_EDITABLE (self->cf_from_row) || row == GTK_EDITABLE (self->cf_to_row))
    update_cashflow (self);
  else
    update_sales (self);
}

static void
set_date (AdwEntryRow *row,
          const char  *iso)
{
  g_autofree char *text = canting_date_format (iso);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_dates (CantingReportsWindow *self,
           Report                report,
           CantingPeriod         period)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  AdwEntryRow *from_row = report == REPORT_CASHFLOW ? self->cf_from_row : self->sales_from_row;
  AdwEntryRow *to_row = report == REPORT_CASHFLOW ? self->cf_to_row : self->sales_to_row;

  canting_period_range (period, NULL, &from, &to);
  self->filling = TRUE;
  set_date (from_row, from);
  set_date (to_row, to);
  self->filling = FALSE;
}

static void
set_months (CantingReportsWindow *self,
            PnlQuick              quick)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  switch (quick)
    {
    case QUICK_THIS_YEAR:
      /* To this month: the months ahead have nothing yet. */
      from = g_strdup_printf ("%d-01", g_date_time_get_year (now));
      to = g_strdup (this_month);
      break;
    case QUICK_LAST_YEAR:
      from = g_strdup_printf ("%d-01", g_date_time_get_year (now) - 1);
      to = g_strdup_printf ("%d-12", g_date_time_get_year (now) - 1);
      break;
    case QUICK_LAST_12_MONTHS:
    default:
      {
        g_autoptr(GDateTime) start = g_date_time_add_months (now, -11);
        from = g_date_time_format (start, "%Y-%m");
        to = g_strdup (this_month);
      }
      break;
    }
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->pnl_from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->pnl_to_row), to);
  self->filling = FALSE;
}

static void
on_quick (GtkButton            *button,
          CantingReportsWindow *self)
{
  Report report = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "report"));
  int choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));

  if (report == REPORT_PNL)
    {
      set_months (self, choice);
      update_pnl (self);
    }
  else
    {
      set_dates (self, report, choice);
      self->edited = NULL;
      if (report == REPORT_CASHFLOW)
        update_cashflow (self);
      else
        update_sales (self);
    }
}

static void
add_quick (CantingReportsWindow *self,
           GtkBox               *box,
           Report                report,
           int                   choice,
           const char           *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_object_set_data (G_OBJECT (button), "report", GINT_TO_POINTER (report));
  g_object_set_data (G_OBJECT (button), "choice", GINT_TO_POINTER (choice));
  g_signal_connect (button, "clicked", G_CALLBACK (on_quick), self);
  gtk_box_append (box, button);
}

/* --- saving -------------------------------------------------------------- */

typedef struct {
  CantingReportsWindow *window;  /* weak */
  Report                report;
  gboolean              pdf;
} SaveJob;

static GBytes *
report_csv (CantingReportsWindow *self,
            Report                report)
{
  /* Semicolons: a spreadsheet set to Indonesian reads the comma as the
   * decimal mark. */
  switch (report)
    {
    case REPORT_PNL:
      return canting_pnl_csv (self->pnl, ';');
    case REPORT_CASHFLOW:
      return canting_cashflow_csv (self->cashflow, ';');
    case REPORT_SALES:
      return canting_sales_csv (self->sales, ';');
    case REPORT_TAX:
    default:
      return canting_tax_year_csv (self->tax, ';');
    }
}

static gboolean
report_save_pdf (CantingReportsWindow  *self,
                 Report                 report,
                 const char            *path,
                 GError               **error)
{
  switch (report)
    {
    case REPORT_PNL:
      return canting_pnl_save_pdf (db_of (self), self->pnl, path, error);
    case REPORT_CASHFLOW:
      return canting_cashflow_save_pdf (db_of (self), self->cashflow, path, error);
    case REPORT_SALES:
      return canting_sales_save_pdf (db_of (self), self->sales, path, error);
    case REPORT_TAX:
    default:
      return canting_tax_year_save_pdf (db_of (self), self->tax, path, error);
    }
}

static gboolean
report_ready (CantingReportsWindow *self,
              Report                report)
{
  switch (report)
    {
    case REPORT_PNL:
      return self->pnl != NULL;
    case REPORT_CASHFLOW:
      return self->cashflow != NULL;
    case REPORT_SALES:
      return self->sales != NULL;
    case REPORT_TAX:
    default:
      return self->tax != NULL;
    }
}

/* laba-rugi-2026-01-2026-06.pdf, perkiraan-pajak-2026.csv */
static char *
file_name (CantingReportsWindow *self,
           Report                report,
           gboolean              pdf)
{
  const char *ext = pdf ? "pdf" : "csv";

  switch (report)
    {
    case REPORT_PNL:
      return g_strdup_printf ("%s-%s-%s.%s", _("profit-and-loss"), self->pnl->from, self->pnl->to, ext);
    case REPORT_CASHFLOW:
      return g_strdup_printf ("%s-%s-%s.%s", _("cash-flow"), self->cashflow->from, self->cashflow->to, ext);
    case REPORT_SALES:
      return g_strdup_printf ("%s-%s-%s.%s", _("sales"), self->sales->from, self->sales->to, ext);
    case REPORT_TAX:
    default:
      return g_strdup_printf ("%s-%d.%s", _("tax-estimate"), self->tax->year, ext);
    }
}

static void
on_file (GtkNativeDialog *chooser,
         int              response,
         SaveJob         *job)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                           : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  CantingReportsWindow *self = job->window;
  g_autoptr(GError) error = NULL;

  g_object_unref (chooser);
  g_clear_weak_pointer (&job->window);
  /* The period may have been typed wrong while the chooser was open. */
  if (path != NULL && self != NULL && report_ready (self, job->report))
    {
      gboolean ok;

      if (job->pdf)
        ok = report_save_pdf (self, job->report, path, &error);
      else
        {
          g_autoptr(GBytes) bytes = report_csv (self, job->report);
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);

          ok = g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
        }
      if (ok)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved as “%s”."), name);
          toast (self, text);
        }
      else
        toast (self, error->message);
    }
  g_free (job);
}

static void
save (CantingReportsWindow *self,
      Report                report,
      gboolean              pdf)
{
  SaveJob *job;
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!report_ready (self, report))
    return;
  job = g_new0 (SaveJob, 1);
  g_set_weak_pointer (&job->window, self);
  job->report = report;
  job->pdf = pdf;
  name = file_name (self, report, pdf);
  chooser = gtk_file_chooser_native_new (pdf ? _("Save the Report as PDF") : _("Save the Report as CSV"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_save (GtkButton            *button,
         CantingReportsWindow *self)
{
  struct { GtkButton *button; Report report; gboolean pdf; } buttons[] = {
    { self->pnl_csv_button, REPORT_PNL, FALSE }, { self->pnl_pdf_button, REPORT_PNL, TRUE },
    { self->cf_csv_button, REPORT_CASHFLOW, FALSE }, { self->cf_pdf_button, REPORT_CASHFLOW, TRUE },
    { self->sales_csv_button, REPORT_SALES, FALSE }, { self->sales_pdf_button, REPORT_SALES, TRUE },
    { self->tax_csv_button, REPORT_TAX, FALSE }, { self->tax_pdf_button, REPORT_TAX, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (buttons[i].button == button)
      save (self, buttons[i].report, buttons[i].pdf);
}

/* --- the window ---------------------------------------------------------- */

static void
canting_reports_window_dispose (GObject *object)
{
  CantingReportsWindow *self = CANTING_REPORTS_WINDOW (object);

  g_clear_pointer (&self->pnl, canting_pnl_free);
  g_clear_pointer (&self->cashflow, canting_cashflow_free);
  g_clear_pointer (&self->sales, canting_sales_free);
  g_clear_pointer (&self->tax, canting_tax_year_free);
  g_clear_pointer (&self->tax_rows, g_ptr_array_unref);
  /* Readings still on their way are dropped when they come back. */
  for (guint i = 0; i < G_N_ELEMENTS (self->generation); i++)
    self->generation[i]++;
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_REPORTS_WINDOW);
  G_OBJECT_CLASS (canting_reports_window_parent_class)->dispose (object);
}

static void
canting_reports_window_class_init (CantingReportsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_reports_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-reports-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingReportsWindow, name)
  BIND (toast_overlay);
  BIND (view_stack);
  BIND (pnl_page);
  BIND (pnl_table_scroller);
  BIND (pnl_from_row);
  BIND (pnl_to_row);
  BIND (pnl_by_row);
  BIND (pnl_quick_box);
  BIND (pnl_csv_button);
  BIND (pnl_pdf_button);
  BIND (pnl_error_label);
  BIND (pnl_title_label);
  BIND (pnl_chart);
  BIND (pnl_grid);
  BIND (cf_from_row);
  BIND (cf_to_row);
  BIND (cf_quick_box);
  BIND (cf_csv_button);
  BIND (cf_pdf_button);
  BIND (cf_error_label);
  BIND (cf_title_label);
  BIND (cf_grid);
  BIND (sales_from_row);
  BIND (sales_to_row);
  BIND (sales_by_row);
  BIND (sales_quick_box);
  BIND (sales_csv_button);
  BIND (sales_pdf_button);
  BIND (sales_error_label);
  BIND (sales_title_label);
  BIND (sales_grid);
  BIND (sales_note_label);
  BIND (tax_disclaimer_label);
  BIND (tax_year_spin);
  BIND (tax_taxpayer_row);
  BIND (tax_csv_button);
  BIND (tax_pdf_button);
  BIND (tax_error_label);
  BIND (tax_title_label);
  BIND (tax_warning_label);
  BIND (tax_turnover_label);
  BIND (tax_due_label);
  BIND (tax_exemption_label);
  BIND (tax_chart);
  BIND (tax_chart_note_label);
  BIND (tax_grid);
  BIND (tax_notes_label);
  BIND (tax_rules_group);
  BIND (new_rule_button);
  BIND (tax_categories_group);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_reports_window_init (CantingReportsWindow *self)
{
  g_autoptr(GtkStringList) sales_by = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) taxpayers = gtk_string_list_new (NULL);
  g_autofree char *last_12 = NULL;
  AdwEntryRow *date_rows[6];
  GtkButton *save_buttons[8];
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));
  date_rows[0] = self->pnl_from_row;
  date_rows[1] = self->pnl_to_row;
  date_rows[2] = self->cf_from_row;
  date_rows[3] = self->cf_to_row;
  date_rows[4] = self->sales_from_row;
  date_rows[5] = self->sales_to_row;
  save_buttons[0] = self->pnl_csv_button;
  save_buttons[1] = self->pnl_pdf_button;
  save_buttons[2] = self->cf_csv_button;
  save_buttons[3] = self->cf_pdf_button;
  save_buttons[4] = self->sales_csv_button;
  save_buttons[5] = self->sales_pdf_button;
  save_buttons[6] = self->tax_csv_button;
  save_buttons[7] = self->tax_pdf_button;
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->tax_rows = g_ptr_array_new ();

  for (guint i = 0; i < CANTING_SALES_BY_COUNT; i++)
    gtk_string_list_append (sales_by, canting_sales_by_label (i));
  adw_combo_row_set_model (self->sales_by_row, G_LIST_MODEL (sales_by));
  for (guint i = 0; i < CANTING_TAXPAYER_COUNT; i++)
    gtk_string_list_append (taxpayers, canting_taxpayer_label (i));
  adw_combo_row_set_model (self->tax_taxpayer_row, G_LIST_MODEL (taxpayers));
  gtk_label_set_text (self->tax_disclaimer_label, canting_tax_disclaimer ());

  add_quick (self, self->pnl_quick_box, REPORT_PNL, QUICK_THIS_YEAR, canting_period_label (CANTING_PERIOD_THIS_YEAR));
  add_quick (self, self->pnl_quick_box, REPORT_PNL, QUICK_LAST_YEAR, canting_period_label (CANTING_PERIOD_LAST_YEAR));
  last_12 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The last %u month", "The last %u months", 12), 12);
  add_quick (self, self->pnl_quick_box, REPORT_PNL, QUICK_LAST_12_MONTHS, last_12);
  for (CantingPeriod p = CANTING_PERIOD_THIS_MONTH; p <= CANTING_PERIOD_LAST_YEAR; p++)
    {
      add_quick (self, self->cf_quick_box, REPORT_CASHFLOW, p, canting_period_label (p));
      add_quick (self, self->sales_quick_box, REPORT_SALES, p, canting_period_label (p));
    }

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_table_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->pnl_table_scroller), scroll);

  gtk_drawing_area_set_draw_func (self->pnl_chart, draw_pnl, self, NULL);
  gtk_drawing_area_set_draw_func (self->tax_chart, draw_tax, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pnl_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Income and expenses of each period, as bars"), -1);

  for (guint i = 0; i < G_N_ELEMENTS (date_rows); i++)
    g_signal_connect (date_rows[i], "changed", G_CALLBACK (on_date_changed), self);
  for (guint i = 0; i < G_N_ELEMENTS (save_buttons); i++)
    g_signal_connect (save_buttons[i], "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->pnl_by_row, "notify::selected", G_CALLBACK (update_pnl), self);
  g_signal_connect_swapped (self->sales_by_row, "notify::selected", G_CALLBACK (update_sales), self);
  g_signal_connect_swapped (self->tax_year_spin, "value-changed", G_CALLBACK (update_tax), self);
}

CantingReportsWindow *
canting_reports_window_new (CantingApplication *app,
                            GtkWindow          *parent)
{
  CantingReportsWindow *self = g_object_new (CANTING_TYPE_REPORTS_WINDOW,
                                             "application", app,
                                             "transient-for", parent,
                                             NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  CantingTaxpayer taxpayer = CANTING_TAXPAYER_INDIVIDUAL;

  /* Filled before the app is known: each report is worked out once,
   * after.  This year so far for profit and loss, sales and tax; this
   * month for cash flow, which is watched more often. */
  set_months (self, QUICK_THIS_YEAR);
  set_dates (self, REPORT_CASHFLOW, CANTING_PERIOD_THIS_MONTH);
  set_dates (self, REPORT_SALES, CANTING_PERIOD_THIS_YEAR);
  gtk_spin_button_set_value (self->tax_year_spin, g_date_time_get_year (now));
  self->app = app;

  if (!canting_tax_get_taxpayer (db_of (self), &taxpayer, &error))
    toast (self, error->message);
  adw_combo_row_set_selected (self->tax_taxpayer_row, taxpayer);
  g_signal_connect_swapped (self->tax_taxpayer_row, "notify::selected", G_CALLBACK (on_taxpayer), self);
  g_signal_connect_swapped (self->new_rule_button, "clicked", G_CALLBACK (on_new_rule), self);

  update_pnl (self);
  update_cashflow (self);
  update_sales (self);
  update_tax (self);
  fill_tax_lists (self);
  return self;
}
