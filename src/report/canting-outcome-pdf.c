/* canting-outcome-pdf.c: laying out the outcome reports.
 *
 * A workshop's page: who and when, income growth in words, a table of
 * every figure in the baseline and the period, the channels used, and a
 * few lines on how the figures are computed (docs/outcome-format.md says
 * it in full).  The association's report: the dates and how many files
 * counted, totals and medians, the growth bands, workshops per channel,
 * a row per workshop, and the files skipped with the reason. */
#include "config.h"

#include "canting-outcome-pdf.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-pdf.h"
#include "canting-validate.h"

/* A table row: @n cells at @xs, @widths wide, the figures from the
 * second column on right-aligned. */
static void
row (CantingPdfPen      *pen,
     const char * const *cells,
     const double       *xs,
     const double       *widths,
     guint               n,
     CantingPdfRowStyle  style)
{
  CantingPdfColumn columns[9];

  g_return_if_fail (n <= G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    columns[i] = (CantingPdfColumn) { xs[i], widths[i], i >= 1 };
  canting_pdf_row (pen, cells, columns, n, style);
}

static char *
describe_range (const char *from,
                const char *to)
{
  g_autofree char *a = canting_date_format (from);
  g_autofree char *b = canting_date_format (to);

  return g_strdup_printf ("%s – %s", a, b);
}

static char *
figure_text (CantingOutcomeFigure figure,
             gboolean             known,
             double               value)
{
  return canting_outcome_figure_format (figure, known ? &value : NULL);
}

static char *
growth_sentence (CantingMoney baseline,
                 CantingMoney period)
{
  g_autofree char *before = canting_money_format (baseline);
  g_autofree char *now = canting_money_format (period);
  g_autofree char *percent = NULL;
  double growth;

  if (!canting_outcome_growth (baseline, period, &growth))
    return g_strdup_printf (_("Income growth cannot be computed: there was no income in the baseline period "
                              "(%s in the period)."), now);
  percent = canting_outcome_format_percent ((const double []) { growth < 0 ? -growth : growth });
  if (growth < 0)
    return g_strdup_printf (_("Income fell by %s, from %s to %s."), percent, before, now);
  return g_strdup_printf (_("Income grew by %s, from %s to %s."), percent, before, now);
}

/* --- a workshop's page --------------------------------------------------- */

typedef struct {
  CantingPdfPen         pen;
  const CantingOutcome *outcome;
} Page;

static void
draw_workshop (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  Page *p = user_data;
  const CantingOutcome *o = p->outcome;
  static const double xs[] = { CANTING_PDF_MARGIN, CANTING_PDF_MARGIN + 215, CANTING_PDF_MARGIN + 365 };
  static const double widths[] = { 210, 145, CANTING_PDF_A4_TEXT_WIDTH - 365 };
  g_autofree char *title = g_strdup_printf (_("Outcome Report — %s"),
                                            *o->workshop_name != '\0' ? o->workshop_name : _("Workshop"));
  g_autofree char *period = describe_range (o->period.from, o->period.to);
  g_autofree char *baseline = describe_range (o->baseline.from, o->baseline.to);
  g_autofree char *dates = g_strdup_printf (_("Period: %s, compared with the baseline %s."), period, baseline);
  g_autofree char *id = g_strdup_printf (_("Anonymous workshop id: %s"), o->workshop_id);
  g_autofree char *identity = *o->workshop_city != '\0' ? g_strdup_printf ("%s · %s", o->workshop_city, id)
                                                         : g_strdup (id);
  g_autofree char *growth = growth_sentence (o->baseline.income, o->period.income);
  g_autoptr(GString) channels = g_string_new (NULL);
  g_autofree char *channels_line = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (o->generated_at, NULL);
  g_autofree char *when = at != NULL ? g_date_time_format (at, "%d/%m/%Y %H:%M UTC") : g_strdup (o->generated_at);
  g_autofree char *made = g_strdup_printf (_("Made by %s on %s from the workshop’s own records. "
                                             "Sums and counts only: no customer’s name, phone or address."),
                                           o->generator, when);
  const char *heads[] = { _("Measure"), _("Baseline"), _("Period") };

  canting_pdf_pen_start (&p->pen, cr);
  p->pen.y += canting_pdf_text (&p->pen, title, CANTING_PDF_MARGIN, CANTING_PDF_A4_TEXT_WIDTH,
                                    "Sans Bold 14", FALSE) + 6;
  canting_pdf_paragraph (&p->pen, identity, "Sans 9.5");
  canting_pdf_paragraph (&p->pen, dates, "Sans 9.5");

  canting_pdf_heading (&p->pen, _("Income Growth"));
  canting_pdf_paragraph (&p->pen, growth, "Sans Bold 11");

  canting_pdf_heading (&p->pen, _("Figures"));
  row (&p->pen, heads, xs, widths, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER);
  for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
    {
      double before = 0, now = 0;
      gboolean known_before = canting_outcome_period_figure (&o->baseline, f, &before);
      gboolean known_now = canting_outcome_period_figure (&o->period, f, &now);
      g_autofree char *a = figure_text (f, known_before, before);
      g_autofree char *b = figure_text (f, known_now, now);
      const char *cells[] = { canting_outcome_figure_label (f), a, b };

      row (&p->pen, cells, xs, widths, G_N_ELEMENTS (cells), CANTING_PDF_ROW_PLAIN);
    }
  for (guint c = 0; c < CANTING_SALES_CHANNEL_COUNT; c++)
    if (o->period.channels & (1u << c))
      g_string_append_printf (channels, "%s%s", channels->len > 0 ? ", " : "", canting_sales_channel_label (c));
  channels_line = g_strdup_printf (_("Sales channels used in the period: %s."),
                                   channels->len > 0 ? channels->str : _("none"));
  p->pen.y += 6;
  canting_pdf_paragraph (&p->pen, channels_line, "Sans 9.5");

  canting_pdf_heading (&p->pen, _("How the Figures Are Computed"));
  canting_pdf_paragraph (&p->pen, _("Income: the income in Keuangan dated in the range (order payments and "
                                        "income typed in); voided entries and transfers between accounts do "
                                        "not count."), "Sans 9");
  canting_pdf_paragraph (&p->pen, _("Orders, customers and cities: orders dated in the range except drafts "
                                        "and cancelled ones, their different customers, and the different cities "
                                        "those customers live in (counted, never listed)."), "Sans 9");
  canting_pdf_paragraph (&p->pen, _("Online sales: the share of those orders’ total sold through the online "
                                        "shop, e-Peken or another marketplace."), "Sans 9");
  canting_pdf_paragraph (&p->pen, _("IPAL compliance: the share of daily IPAL entries and lab tests in the "
                                        "range that kept within every limit of the standard."), "Sans 9");
  canting_pdf_paragraph (&p->pen, _("Materials kept in stock: of the materials with a reorder level that were "
                                        "used in the range, the share with more than that level on hand on its "
                                        "last day."), "Sans 9");
  canting_pdf_paragraph (&p->pen, _("“—”: cannot be computed (nothing to take a share of)."), "Sans 9");
  p->pen.y += 8;
  canting_pdf_paragraph (&p->pen, made, "Sans Italic 8");
  canting_pdf_pen_end (&p->pen);
}

gboolean
canting_outcome_save_pdf (const CantingOutcome  *outcome,
                          const char            *path,
                          GError               **error)
{
  Page page = { { 0 }, outcome };
  g_autofree char *title = g_strdup_printf (_("Outcome Report — %s"), outcome->workshop_name);

  return canting_pdf_save (path, title, CANTING_PDF_A4_WIDTH, CANTING_PDF_A4_HEIGHT, draw_workshop, &page, error);
}

/* --- the association's report -------------------------------------------- */

typedef struct {
  CantingPdfPen              pen;
  const CantingOutcomeMerge *merge;
} Report;

static void
draw_summary (Report *r)
{
  const CantingOutcomeMerge *m = r->merge;
  static const double xs[] = { CANTING_PDF_MARGIN, CANTING_PDF_MARGIN + 215, CANTING_PDF_MARGIN + 365 };
  static const double widths[] = { 210, 145, CANTING_PDF_A4_TEXT_WIDTH - 365 };
  const char *heads[] = { _("Measure"), _("Total"), _("Median") };
  double value = 0;
  gboolean known;

  canting_pdf_heading (&r->pen, _("Totals and Medians"));
  row (&r->pen, heads, xs, widths, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER);
  {
    double total = (double) m->total_baseline.income;
    g_autofree char *a = figure_text (CANTING_OUTCOME_INCOME, TRUE, total);
    g_autofree char *b = figure_text (CANTING_OUTCOME_INCOME, TRUE, m->median_baseline_income);
    const char *cells[] = { _("Income in the baseline"), a, b };

    row (&r->pen, cells, xs, widths, G_N_ELEMENTS (cells), CANTING_PDF_ROW_PLAIN);
  }
  for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      known = canting_outcome_merge_total (m, f, &value);
      a = f == CANTING_OUTCOME_CITIES || f == CANTING_OUTCOME_CHANNELS ? g_strdup ("") : figure_text (f, known, value);
      b = figure_text (f, m->median_known[f], m->median[f]);
      {
        const char *cells[] = { canting_outcome_figure_label (f), a, b };
        row (&r->pen, cells, xs, widths, G_N_ELEMENTS (cells), CANTING_PDF_ROW_PLAIN);
      }
      if (f == CANTING_OUTCOME_INCOME)
        {
          g_autofree char *c = NULL;
          g_autofree char *d = NULL;

          known = canting_outcome_merge_growth (m, &value);
          c = canting_outcome_format_percent (known ? &value : NULL);
          d = canting_outcome_format_percent (m->median_growth_known ? &m->median_growth : NULL);
          {
            const char *cells[] = { _("Income growth"), c, d };
            row (&r->pen, cells, xs, widths, G_N_ELEMENTS (cells), CANTING_PDF_ROW_PLAIN);
          }
        }
    }
  r->pen.y += 4;
  canting_pdf_paragraph (&r->pen, _("Totals add up the workshops’ figures; their shares and growth are those "
                                        "of the sums. Cities and channels are not added up: two workshops may reach "
                                        "the same city. Medians leave out workshops where a figure cannot be "
                                        "computed."), "Sans 8.5");
}

static void
draw_counts (Report *r)
{
  const CantingOutcomeMerge *m = r->merge;
  static const double xs[] = { CANTING_PDF_MARGIN, CANTING_PDF_MARGIN + 300 };
  static const double widths[] = { 295, 80 };

  canting_pdf_heading (&r->pen, _("Income Growth of the Workshops"));
  {
    const char *heads[] = { _("Growth"), _("Workshops") };
    row (&r->pen, heads, xs, widths, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER);
  }
  for (guint b = 0; b < CANTING_GROWTH_BAND_COUNT; b++)
    {
      g_autofree char *n = g_strdup_printf ("%u", m->bands[b]);
      const char *cells[] = { canting_growth_band_label (b), n };

      row (&r->pen, cells, xs, widths, G_N_ELEMENTS (cells), CANTING_PDF_ROW_PLAIN);
    }

  canting_pdf_heading (&r->pen, _("Workshops Selling on Each Channel"));
  {
    const char *heads[] = { _("Sales channel"), _("Workshops") };
    row (&r->pen, heads, xs, widths, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER);
  }
  for (guint c = 0; c < CANTING_SALES_CHANNEL_COUNT; c++)
    {
      g_autofree char *n = g_strdup_printf ("%u", m->channel_workshops[c]);
      const char *cells[] = { canting_sales_channel_label (c), n };

      row (&r->pen, cells, xs, widths, G_N_ELEMENTS (cells), CANTING_PDF_ROW_PLAIN);
    }
}

/* Rupiah without "Rp", which the column heading says once: the row has
 * nine columns on a portrait page. */
static char *
rupiah_digits (CantingMoney amount)
{
  g_autofree char *text = canting_money_format (amount);

  return g_strdup (g_str_has_prefix (text, "Rp ") ? text + strlen ("Rp ") : text);
}

static void
draw_workshops (Report *r)
{
  const CantingOutcomeMerge *m = r->merge;
  static const double xs[] = { CANTING_PDF_MARGIN, CANTING_PDF_MARGIN + 90, CANTING_PDF_MARGIN + 160,
                               CANTING_PDF_MARGIN + 230, CANTING_PDF_MARGIN + 282, CANTING_PDF_MARGIN + 326,
                               CANTING_PDF_MARGIN + 366, CANTING_PDF_MARGIN + 414, CANTING_PDF_MARGIN + 462 };
  static const double widths[] = { 84, 64, 64, 46, 38, 34, 42, 42, CANTING_PDF_A4_TEXT_WIDTH - 462 };
  const char *heads[] = { _("Workshop"), _("Baseline income (Rp)"), _("Income (Rp)"), _("Growth"), _("Orders"),
                          _("Cities"), _("Online"), _("IPAL"), _("Stock") };

  /* The heading, the column heads and a few rows stay together. */
  canting_pdf_make_room (&r->pen, CANTING_PDF_LINE * 8);
  canting_pdf_heading (&r->pen, _("Workshops"));
  row (&r->pen, heads, xs, widths, G_N_ELEMENTS (heads), CANTING_PDF_ROW_HEADER | CANTING_PDF_ROW_SMALL);
  for (guint i = 0; i < m->outcomes->len; i++)
    {
      const CantingOutcome *o = m->outcomes->pdata[i];
      g_autofree char *who = g_strdup_printf ("%s%s%s", o->workshop_name, *o->workshop_city != '\0' ? ", " : "",
                                              o->workshop_city);
      g_autofree char *before = rupiah_digits (o->baseline.income);
      g_autofree char *now = rupiah_digits (o->period.income);
      double growth = 0, value[CANTING_OUTCOME_FIGURE_COUNT];
      gboolean known[CANTING_OUTCOME_FIGURE_COUNT];
      g_autofree char *g = NULL;
      g_autofree char *orders = NULL;
      g_autofree char *cities = NULL;
      g_autofree char *online = NULL;
      g_autofree char *ipal = NULL;
      g_autofree char *stock = NULL;

      for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
        known[f] = canting_outcome_period_figure (&o->period, f, &value[f]);
      g = canting_outcome_format_percent (canting_outcome_growth (o->baseline.income, o->period.income, &growth)
                                          ? &growth : NULL);
      orders = figure_text (CANTING_OUTCOME_ORDERS, TRUE, value[CANTING_OUTCOME_ORDERS]);
      cities = figure_text (CANTING_OUTCOME_CITIES, TRUE, value[CANTING_OUTCOME_CITIES]);
      online = figure_text (CANTING_OUTCOME_ONLINE_SHARE, known[CANTING_OUTCOME_ONLINE_SHARE],
                            value[CANTING_OUTCOME_ONLINE_SHARE]);
      ipal = figure_text (CANTING_OUTCOME_IPAL_COMPLIANCE, known[CANTING_OUTCOME_IPAL_COMPLIANCE],
                          value[CANTING_OUTCOME_IPAL_COMPLIANCE]);
      stock = figure_text (CANTING_OUTCOME_MATERIAL_SUFFICIENCY, known[CANTING_OUTCOME_MATERIAL_SUFFICIENCY],
                           value[CANTING_OUTCOME_MATERIAL_SUFFICIENCY]);
      {
        const char *cells[] = { who, before, now, g, orders, cities, online, ipal, stock };
        row (&r->pen, cells, xs, widths, G_N_ELEMENTS (cells), CANTING_PDF_ROW_PLAIN | CANTING_PDF_ROW_SMALL);
      }
    }
  r->pen.y += 4;
  canting_pdf_paragraph (&r->pen, _("Online: share of sales made online. IPAL: share of wastewater measurements "
                                        "within the standard. Stock: share of the materials in use kept above "
                                        "their reorder level."), "Sans 8.5");
}

static void
draw_skipped (Report *r)
{
  const CantingOutcomeMerge *m = r->merge;

  if (m->skipped->len == 0)
    return;
  canting_pdf_heading (&r->pen, _("Files Not Counted"));
  for (guint i = 0; i < m->skipped->len; i++)
    {
      const CantingOutcomeSkip *s = m->skipped->pdata[i];
      g_autofree char *name = g_path_get_basename (s->file);
      g_autofree char *line = g_strdup_printf ("%s: %s", name, s->reason);

      canting_pdf_paragraph (&r->pen, line, "Sans 8.5");
    }
}

static void
draw_merge (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  user_data)
{
  Report *r = user_data;
  const CantingOutcomeMerge *m = r->merge;
  g_autofree char *period = NULL;
  g_autofree char *baseline = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *counted = g_strdup_printf (_("Workshops counted: %u. Files not counted: %u."),
                                              m->outcomes->len, m->skipped->len);

  canting_pdf_pen_start (&r->pen, cr);
  r->pen.y += canting_pdf_text (&r->pen, _("Association Outcome Report"), CANTING_PDF_MARGIN,
                                    CANTING_PDF_A4_TEXT_WIDTH, "Sans Bold 14", FALSE) + 6;
  if (m->outcomes->len > 0)
    {
      period = describe_range (m->total.from, m->total.to);
      baseline = describe_range (m->total_baseline.from, m->total_baseline.to);
      dates = g_strdup_printf (_("Period: %s, compared with the baseline %s."), period, baseline);
      canting_pdf_paragraph (&r->pen, dates, "Sans 9.5");
    }
  canting_pdf_paragraph (&r->pen, counted, "Sans Bold 9.5");
  if (m->outcomes->len > 0)
    {
      draw_summary (r);
      draw_counts (r);
      draw_workshops (r);
    }
  draw_skipped (r);
  canting_pdf_pen_end (&r->pen);
}

gboolean
canting_outcome_merge_save_pdf (const CantingOutcomeMerge  *merge,
                                const char                 *path,
                                GError                    **error)
{
  Report report = { { 0 }, merge };

  return canting_pdf_save (path, _("Association Outcome Report"), CANTING_PDF_A4_WIDTH, CANTING_PDF_A4_HEIGHT,
                           draw_merge, &report, error);
}
