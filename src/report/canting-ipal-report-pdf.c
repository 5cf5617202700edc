/* canting-ipal-report-pdf.c: laying out the monthly IPAL report: a
 * heading with the workshop, plant, period and standard; a summary; the
 * daily entries and lab tests as tables; the exceedances with the action
 * taken; sludge handed over; a signature line.  Rows flow onto further
 * pages; the page number is drawn at the foot of each. */
#include "config.h"

#include "canting-ipal-report-pdf.h"

#include <glib/gi18n.h>

#include "canting-ipal-standard.h"
#include "canting-pdf.h"
#include "canting-validate.h"

#define A4_WIDTH CANTING_PDF_A4_WIDTH
#define MARGIN CANTING_PDF_MARGIN
#define LINE CANTING_PDF_LINE

typedef struct {
  CantingPdfPen           pen;
  CantingDb              *db;
  const CantingIpalMonth *month;
} Report;

/* The IPAL tables are text only: columns left-aligned. */
static void
row (CantingPdfPen       *pen,
     const char * const  *cells,
     const double        *xs,
     const double        *widths,
     guint                n,
     gboolean             head,
     gboolean             red_last)
{
  CantingPdfColumn columns[8];

  g_assert (n <= G_N_ELEMENTS (columns));
  for (guint c = 0; c < n; c++)
    columns[c] = (CantingPdfColumn) { xs[c], widths[c], FALSE };
  canting_pdf_row (pen, cells, columns, n,
                   (head ? CANTING_PDF_ROW_HEADER : 0) | (red_last ? CANTING_PDF_ROW_RED_LAST : 0));
}

static char *
value_or_dash (CantingIpalParameter parameter,
               CantingQuantity      value)
{
  return value != CANTING_IPAL_NO_VALUE ? canting_ipal_format_value (parameter, value) : g_strdup ("—");
}

static char *
verdict (guint exceedances)
{
  return exceedances == 0 ? g_strdup (_("Within limits"))
                          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u over the limit", "%u over the limits",
                                                          exceedances), exceedances);
}

static void
draw_identity (Report *r)
{
  const CantingIpalMonth *m = r->month;
  g_autofree char *first = g_strconcat (m->month, "-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (first, NULL);
  g_autofree char *period = when != NULL ? g_date_time_format (when, "%B %Y") : g_strdup (m->month);
  g_autofree char *title = g_strdup_printf (_("Monthly Wastewater (IPAL) Report — %s"), period);
  g_autofree char *plant = g_strdup_printf (_("Plant: %s"), m->plant_name);
  g_autofree char *standard = g_strdup_printf (_("Standard: %s (%s)"), m->standard_name, m->standard_source);

  canting_pdf_identity (&r->pen, title, m->workshop_name, m->workshop_owner, m->workshop_address,
                        m->workshop_city, m->workshop_phone);
  canting_pdf_paragraph (&r->pen, plant, "Sans 9.5");
  canting_pdf_paragraph (&r->pen, standard, "Sans 9.5");
}

static void
draw_summary (Report *r)
{
  CantingPdfPen *pen = &r->pen;
  const CantingIpalMonth *m = r->month;
  int rate = canting_ipal_month_compliance (m);
  g_autofree char *counts = g_strdup_printf (_("Daily entries: %u. Lab tests: %u. Sludge handovers: %u."),
                                             m->logs->len, m->tests->len, m->sludge->len);
  g_autofree char *litres = canting_quantity_format (m->outflow);
  g_autofree char *volume = g_strdup_printf (_("Wastewater discharged: %s litres."), litres);
  g_autofree char *per_ton_text = canting_ipal_month_per_ton_text (m);
  g_autofree char *per_ton = g_strdup_printf (_("Wastewater per ton of product: %s."), per_ton_text);
  CantingQuantity per_ton_value = 0;
  gboolean within = TRUE;
  g_autofree char *compliance = rate < 0 ? g_strdup (_("Nothing was measured against the standard this month."))
                                         : g_strdup_printf (_("Within the standard: %d%% (%u of %u measurements)."),
                                                            rate, m->compliant, m->judged);

  canting_pdf_heading (pen, _("Summary"));
  canting_pdf_paragraph (pen, counts, "Sans 9.5");
  canting_pdf_paragraph (pen, volume, "Sans 9.5");
  canting_ipal_volume_per_ton (m->volume, m->max_volume_per_ton, &per_ton_value, &within);
  canting_pdf_paragraph (pen, per_ton, within ? "Sans 9.5" : "Sans Bold 9.5");
  canting_pdf_paragraph (pen, compliance, "Sans Bold 9.5");
}

static void
draw_logs (Report *r)
{
  CantingPdfPen *pen = &r->pen;
  const CantingIpalMonth *m = r->month;
  static const double xs[] = { MARGIN, MARGIN + 105, MARGIN + 165, MARGIN + 225, MARGIN + 305, MARGIN + 390 };
  static const double widths[] = { 100, 55, 55, 75, 80, A4_WIDTH - 2 * MARGIN - 390 };
  const char *heads[] = { _("Time"), _("pH in"), _("pH out"), _("Temperature"), _("Outflow (L)"), _("Standard") };

  canting_pdf_heading (pen, _("Daily Entries"));
  if (m->logs->len == 0)
    {
      canting_pdf_paragraph (pen, _("No daily entries this month."), "Sans 9.5");
      return;
    }
  row (pen, heads, xs, widths, G_N_ELEMENTS (heads), TRUE, FALSE);
  for (guint i = 0; i < m->logs->len; i++)
    {
      const CantingIpalLog *l = g_ptr_array_index (m->logs, i);
      guint over = g_array_index (m->log_exceedances, guint, i);
      g_autofree char *at = canting_date_time_format (l->at);
      g_autofree char *ph_in = value_or_dash (CANTING_IPAL_PH, l->ph_in);
      g_autofree char *ph_out = value_or_dash (CANTING_IPAL_PH, l->ph_out);
      g_autofree char *temperature = value_or_dash (CANTING_IPAL_TEMPERATURE, l->temperature);
      g_autofree char *outflow = l->outflow != CANTING_IPAL_NO_VALUE ? canting_quantity_format (l->outflow) : g_strdup ("—");
      g_autofree char *status = verdict (over);
      const char *cells[] = { at, ph_in, ph_out, temperature, outflow, status };

      row (pen, cells, xs, widths, G_N_ELEMENTS (cells), FALSE, over > 0);
    }
}

static void
draw_tests (Report *r)
{
  CantingPdfPen *pen = &r->pen;
  const CantingIpalMonth *m = r->month;
  static const double xs[] = { MARGIN + 10, MARGIN + 200, MARGIN + 320 };
  static const double widths[] = { 185, 115, A4_WIDTH - 2 * MARGIN - 320 };

  canting_pdf_heading (pen, _("Lab Tests"));
  if (m->tests->len == 0)
    {
      canting_pdf_paragraph (pen, _("No lab test this month. The effluent must be tested by a laboratory at least once a month."),
                 "Sans Bold 9.5");
      return;
    }
  for (guint i = 0; i < m->tests->len; i++)
    {
      const CantingLabTest *t = g_ptr_array_index (m->tests, i);
      g_autoptr(GPtrArray) over = canting_lab_test_exceedances (r->db, t, NULL);
      g_autofree char *at = canting_date_time_format (t->sampled_at);
      g_autofree char *title = g_strdup_printf ("%s · %s%s%s%s", at, *t->laboratory != '\0' ? t->laboratory : _("laboratory not named"),
                                                t->accredited ? _(" (accredited)") : "",
                                                *t->report_number != '\0' ? _(", report ") : "", t->report_number);
      const char *heads[] = { _("Parameter"), _("Result"), _("Standard") };

      pen->y += 4;
      canting_pdf_paragraph (pen, title, "Sans Bold 9.5");
      row (pen, heads, xs, widths, G_N_ELEMENTS (heads), TRUE, FALSE);
      for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
        {
          gboolean exceeded = FALSE;
          g_autofree char *value = NULL;

          if (t->results[p] == CANTING_IPAL_NO_VALUE)
            continue;
          for (guint e = 0; over != NULL && e < over->len; e++)
            exceeded |= ((CantingExceedance *) g_ptr_array_index (over, e))->parameter == p;
          value = canting_ipal_format_value (p, t->results[p]);
          {
            const char *cells[] = { canting_ipal_parameter_label (p), value,
                                    exceeded ? _("Over the limit") : _("Within limits") };
            row (pen, cells, xs, widths, G_N_ELEMENTS (cells), FALSE, exceeded);
          }
        }
    }
}

static void
draw_exceedances (Report *r)
{
  CantingPdfPen *pen = &r->pen;
  const CantingIpalMonth *m = r->month;

  canting_pdf_heading (pen, _("Exceedances and Actions Taken"));
  if (m->exceedances->len == 0)
    {
      canting_pdf_paragraph (pen, _("No value was over the limits this month."), "Sans 9.5");
      return;
    }
  for (guint i = 0; i < m->exceedances->len; i++)
    {
      const CantingReportExceedance *e = g_ptr_array_index (m->exceedances, i);
      g_autofree char *at = canting_date_time_format (e->at);
      g_autofree char *line = g_strdup_printf ("%s — %s", at, e->what);
      g_autofree char *action = g_strdup_printf (_("Action: %s"), *e->action != '\0' ? e->action : _("none recorded"));

      canting_pdf_paragraph (pen, line, "Sans 9");
      pen->y -= 1;
      canting_pdf_paragraph (pen, action, "Sans Italic 9");
    }
}

static void
draw_sludge (Report *r)
{
  CantingPdfPen *pen = &r->pen;
  const CantingIpalMonth *m = r->month;

  canting_pdf_heading (pen, _("Sludge Handed Over"));
  if (m->sludge->len == 0)
    {
      canting_pdf_paragraph (pen, _("No sludge removed this month."), "Sans 9.5");
      return;
    }
  for (guint i = 0; i < m->sludge->len; i++)
    {
      const CantingSludge *s = g_ptr_array_index (m->sludge, i);
      g_autofree char *date = canting_date_format (s->on_date);
      g_autofree char *amount = canting_quantity_format (s->amount);
      g_autofree char *line = g_strdup_printf (_("%s: %s kg to %s%s%s"), date, amount, s->destination,
                                               *s->manifest != '\0' ? _(", document ") : "", s->manifest);

      canting_pdf_paragraph (pen, line, "Sans 9");
    }
}

static void
draw_signature (Report *r)
{
  CantingPdfPen *pen = &r->pen;
  g_autofree char *place = g_strdup_printf (_("%s, ______________"), *r->month->workshop_city != '\0'
                                                                     ? r->month->workshop_city : "________");

  pen->y += 24;
  canting_pdf_make_room (pen, 110);
  canting_pdf_text (pen, place, A4_WIDTH / 2, A4_WIDTH / 2 - MARGIN, "Sans 9.5", FALSE);
  pen->y += LINE;
  canting_pdf_text (pen, _("Responsible for the IPAL"), A4_WIDTH / 2, A4_WIDTH / 2 - MARGIN, "Sans 9.5", FALSE);
  pen->y += LINE * 4;
  canting_pdf_text (pen, "( ______________________ )", A4_WIDTH / 2, A4_WIDTH / 2 - MARGIN, "Sans 9.5", FALSE);
  pen->y += LINE;
}

static void
draw_report (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  Report *r = user_data;

  canting_pdf_pen_start (&r->pen, cr);
  draw_identity (r);
  draw_summary (r);
  draw_logs (r);
  draw_tests (r);
  draw_exceedances (r);
  draw_sludge (r);
  draw_signature (r);
  canting_pdf_pen_end (&r->pen);
}

gboolean
canting_ipal_report_save_pdf (CantingDb               *db,
                              const CantingIpalMonth  *month,
                              const char              *path,
                              GError                 **error)
{
  Report r = { .db = db, .month = month };
  g_autofree char *title = canting_ipal_month_file_stem (month);

  return canting_pdf_save (path, title, CANTING_PDF_A4_WIDTH, CANTING_PDF_A4_HEIGHT, draw_report, &r, error);
}
