/* canting-outcome-merge.c: reading many workshops' outcome files,
 * deciding which count, and adding them up.
 *
 * An association has hundreds of workshops and the merge of a thousand
 * files must take under two seconds on a two-core laptop: each file is
 * read and parsed once, the sums are kept as they go, and the medians sort
 * one array of numbers per figure. */
#include "canting-outcome-merge.h"

#include <math.h>
#include <string.h>

#include "canting-csv-private.h"
#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"

static const CantingEnumName growth_bands[CANTING_GROWTH_BAND_COUNT] = {
  [CANTING_GROWTH_DECLINE] = { "turun", N_("Declined") },
  [CANTING_GROWTH_0_10] = { "0-10", N_("0 to under 10 %") },
  [CANTING_GROWTH_10_25] = { "10-25", N_("10 to under 25 %") },
  [CANTING_GROWTH_25_50] = { "25-50", N_("25 to under 50 %") },
  [CANTING_GROWTH_50_UP] = { "50+", N_("At least 50 %") },
  [CANTING_GROWTH_NOT_COMPUTABLE] = { "tidak-dapat-dihitung", N_("Not computable (no income in the baseline)") },
};

const char *
canting_growth_band_label (CantingGrowthBand band)
{
  return canting_enum_label (growth_bands, CANTING_GROWTH_BAND_COUNT, band);
}

const char *
canting_growth_band_id (CantingGrowthBand band)
{
  return canting_enum_id (growth_bands, CANTING_GROWTH_BAND_COUNT, band);
}

CantingGrowthBand
canting_growth_band_for (const double *growth)
{
  if (growth == NULL)
    return CANTING_GROWTH_NOT_COMPUTABLE;
  if (*growth < 0)
    return CANTING_GROWTH_DECLINE;
  if (*growth < 10)
    return CANTING_GROWTH_0_10;
  if (*growth < 25)
    return CANTING_GROWTH_10_25;
  if (*growth < 50)
    return CANTING_GROWTH_25_50;
  return CANTING_GROWTH_50_UP;
}

static void
skip_free (CantingOutcomeSkip *skip)
{
  g_free (skip->file);
  g_free (skip->reason);
  g_free (skip);
}

void
canting_outcome_merge_free (CantingOutcomeMerge *merge)
{
  if (merge == NULL)
    return;
  g_clear_pointer (&merge->outcomes, g_ptr_array_unref);
  g_clear_pointer (&merge->files, g_ptr_array_unref);
  g_clear_pointer (&merge->skipped, g_ptr_array_unref);
  g_free (merge->total.from);
  g_free (merge->total.to);
  g_free (merge->total_baseline.from);
  g_free (merge->total_baseline.to);
  g_free (merge);
}

/* One file on its way through the checks, in the order given. */
typedef struct {
  const char     *file;
  CantingOutcome *outcome;   /* NULL once skipped */
  char           *reason;
  char           *dates;     /* "from to baseline-from baseline-to" */
} Candidate;

static void
skip (Candidate  *c,
      char       *reason)
{
  g_clear_pointer (&c->outcome, canting_outcome_free);
  g_free (c->reason);
  c->reason = reason;
}

static void
read_candidate (Candidate *c)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (c->file, &data, &length, &error))
    {
      skip (c, g_strdup_printf (_("It cannot be read: %s"), error->message));
      return;
    }
  c->outcome = canting_outcome_from_json (data, length, &error);
  if (c->outcome == NULL)
    {
      skip (c, g_strdup (error->message));
      return;
    }
  c->dates = g_strjoin (" ", c->outcome->period.from, c->outcome->period.to,
                        c->outcome->baseline.from, c->outcome->baseline.to, NULL);
}

static char *
describe_dates (const CantingOutcome *o)
{
  /* TRANSLATORS: a period against its baseline, "2026-07-01 – 2026-09-30
   * against 2025-07-01 – 2025-09-30" */
  return g_strdup_printf (_("%s – %s against %s – %s"), o->period.from, o->period.to,
                          o->baseline.from, o->baseline.to);
}

/* The dates most readable files share; the first such on a tie. */
static const Candidate *
majority_dates (Candidate *candidates,
                guint      n)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const Candidate *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < n; i++)
    {
      guint count;

      if (candidates[i].outcome == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, candidates[i].dates)) + 1;
      g_hash_table_insert (counts, candidates[i].dates, GUINT_TO_POINTER (count));
      /* Other dates win only by outnumbering: a tie keeps the first. */
      if (count > best_count)
        {
          best = &candidates[i];
          best_count = count;
        }
    }
  return best;
}

static void
add_period (CantingOutcomePeriod       *sum,
            const CantingOutcomePeriod *p)
{
  sum->income += p->income;
  sum->orders += p->orders;
  sum->customers += p->customers;
  sum->sales += p->sales;
  sum->online_sales += p->online_sales;
  sum->ipal_measurements += p->ipal_measurements;
  sum->ipal_compliant += p->ipal_compliant;
  sum->lab_tests += p->lab_tests;
  sum->materials_in_use += p->materials_in_use;
  sum->materials_sufficient += p->materials_sufficient;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The median of @values (sorted here); FALSE when there are none. */
static gboolean
median_of (GArray *values,
           double *out_median)
{
  guint n = values->len;

  if (n == 0)
    return FALSE;
  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    *out_median = g_array_index (values, double, n / 2);
  else
    *out_median = (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
  return TRUE;
}

static void
compute_medians (CantingOutcomeMerge *m)
{
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (double), m->outcomes->len);

  for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
    {
      g_array_set_size (values, 0);
      for (guint i = 0; i < m->outcomes->len; i++)
        {
          const CantingOutcome *o = m->outcomes->pdata[i];
          double value;

          if (canting_outcome_period_figure (&o->period, f, &value))
            g_array_append_val (values, value);
        }
      m->median_known[f] = median_of (values, &m->median[f]);
    }

  g_array_set_size (values, 0);
  for (guint i = 0; i < m->outcomes->len; i++)
    {
      double value = (double) ((const CantingOutcome *) m->outcomes->pdata[i])->baseline.income;
      g_array_append_val (values, value);
    }
  median_of (values, &m->median_baseline_income);

  g_array_set_size (values, 0);
  for (guint i = 0; i < m->outcomes->len; i++)
    {
      const CantingOutcome *o = m->outcomes->pdata[i];
      double growth;

      if (canting_outcome_growth (o->baseline.income, o->period.income, &growth))
        g_array_append_val (values, growth);
    }
  m->median_growth_known = median_of (values, &m->median_growth);
}

CantingOutcomeMerge *
canting_outcome_merge (const char * const *files,
                       guint               n_files)
{
  CantingOutcomeMerge *m = g_new0 (CantingOutcomeMerge, 1);
  g_autofree Candidate *candidates = g_new0 (Candidate, MAX (n_files, 1));
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  const Candidate *majority;
  g_autofree char *majority_text = NULL;

  m->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_outcome_free);
  m->files = g_ptr_array_new_with_free_func (g_free);
  m->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);

  for (guint i = 0; i < n_files; i++)
    {
      candidates[i].file = files[i];
      read_candidate (&candidates[i]);
    }

  majority = majority_dates (candidates, n_files);
  if (majority != NULL)
    majority_text = describe_dates (majority->outcome);
  for (guint i = 0; i < n_files; i++)
    {
      Candidate *c = &candidates[i];
      const char *first;

      if (c->outcome != NULL && !g_str_equal (c->dates, majority->dates))
        {
          g_autofree char *own = describe_dates (c->outcome);
          skip (c, g_strdup_printf (_("It covers %s; the report is about %s, like most of the files."),
                                    own, majority_text));
        }
      else if (c->outcome != NULL && (first = g_hash_table_lookup (ids, c->outcome->workshop_id)) != NULL)
        skip (c, g_strdup_printf (_("It is from the same workshop (id %s) as %s, which is counted."),
                                  c->outcome->workshop_id, first));
      else if (c->outcome != NULL)
        g_hash_table_insert (ids, c->outcome->workshop_id, (gpointer) c->file);
    }

  for (guint i = 0; i < n_files; i++)
    {
      Candidate *c = &candidates[i];

      if (c->outcome == NULL)
        {
          CantingOutcomeSkip *s = g_new0 (CantingOutcomeSkip, 1);

          s->file = g_strdup (c->file);
          s->reason = g_steal_pointer (&c->reason);
          g_ptr_array_add (m->skipped, s);
        }
      else
        {
          const CantingOutcome *o = c->outcome;
          double growth;

          add_period (&m->total, &o->period);
          add_period (&m->total_baseline, &o->baseline);
          m->bands[canting_growth_band_for (canting_outcome_growth (o->baseline.income, o->period.income, &growth)
                                            ? &growth : NULL)]++;
          for (guint ch = 0; ch < CANTING_SALES_CHANNEL_COUNT; ch++)
            m->channel_workshops[ch] += (o->period.channels >> ch) & 1;
          g_ptr_array_add (m->files, g_strdup (c->file));
          g_ptr_array_add (m->outcomes, g_steal_pointer (&c->outcome));
        }
      g_free (c->reason);
      g_free (c->dates);
    }

  if (m->outcomes->len > 0)
    {
      const CantingOutcome *o = m->outcomes->pdata[0];

      m->total.from = g_strdup (o->period.from);
      m->total.to = g_strdup (o->period.to);
      m->total_baseline.from = g_strdup (o->baseline.from);
      m->total_baseline.to = g_strdup (o->baseline.to);
    }
  compute_medians (m);
  return m;
}

gboolean
canting_outcome_merge_total (const CantingOutcomeMerge *m,
                             CantingOutcomeFigure       figure,
                             double                    *out_value)
{
  if (m->outcomes->len == 0 || figure == CANTING_OUTCOME_CITIES || figure == CANTING_OUTCOME_CHANNELS)
    return FALSE;
  return canting_outcome_period_figure (&m->total, figure, out_value);
}

gboolean
canting_outcome_merge_growth (const CantingOutcomeMerge *m,
                              double                    *out_percent)
{
  return canting_outcome_growth (m->total_baseline.income, m->total.income, out_percent);
}

/* --- CSV ----------------------------------------------------------------- */

typedef enum {
  KIND_COUNT,
  KIND_MONEY,
  KIND_PERCENT,
} Kind;

static Kind
kind_of (CantingOutcomeFigure figure)
{
  return canting_outcome_figure_is_money (figure) ? KIND_MONEY
         : canting_outcome_figure_is_percent (figure) ? KIND_PERCENT : KIND_COUNT;
}

/* A number a spreadsheet reads: whole rupiah and counts as digits, shares
 * and medians with the decimal comma, like the other exports; NULL
 * (not computable) is an empty cell. */
static void
put_number (GString      *out,
            Kind          kind,
            const double *value,
            char          separator,
            gboolean      last)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == NULL)
    buf[0] = '\0';
  else if (kind == KIND_MONEY)
    g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (gint64) round (*value));
  else if (kind == KIND_COUNT && *value == round (*value))
    g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, (gint64) *value);
  else
    {
      g_ascii_formatd (buf, sizeof buf, "%.1f", *value);
      g_strdelimit (buf, ".", ',');
    }
  canting_csv_put (out, buf, separator, last);
}

static void
put_count (GString *out,
           guint64  n,
           char     separator,
           gboolean last)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, n);
  canting_csv_put (out, buf, separator, last);
}

/* The cells after the name, city and id, the same for a workshop, the
 * totals and the medians: income in the baseline and the period, its
 * growth, then the period's other figures. */
static void
put_figures (GString        *out,
             const double   *baseline_income,
             const double   *values,
             const gboolean *known,
             const double   *growth,
             char            separator)
{
  put_number (out, KIND_MONEY, baseline_income, separator, FALSE);
  for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
    {
      put_number (out, kind_of (f), known[f] ? &values[f] : NULL, separator, FALSE);
      if (f == CANTING_OUTCOME_INCOME)
        put_number (out, KIND_PERCENT, growth, separator, FALSE);
    }
}

GBytes *
canting_outcome_merge_csv (const CantingOutcomeMerge *m,
                           char                       separator)
{
  GString *out = g_string_new ("\xef\xbb\xbf");
  double values[CANTING_OUTCOME_FIGURE_COUNT];
  gboolean known[CANTING_OUTCOME_FIGURE_COUNT];
  double growth, baseline_income;

  canting_csv_put (out, "bengkel", separator, FALSE);
  canting_csv_put (out, "kota_bengkel", separator, FALSE);
  canting_csv_put (out, "id", separator, FALSE);
  canting_csv_put (out, "pemasukan_pembanding", separator, FALSE);
  for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
    {
      canting_csv_put (out, canting_outcome_figure_id (f), separator, FALSE);
      if (f == CANTING_OUTCOME_INCOME)
        canting_csv_put (out, "pertumbuhan_pemasukan_persen", separator, FALSE);
    }
  canting_csv_put (out, "berkas", separator, TRUE);

  for (guint i = 0; i < m->outcomes->len; i++)
    {
      const CantingOutcome *o = m->outcomes->pdata[i];
      g_autofree char *base = g_path_get_basename (m->files->pdata[i]);
      gboolean has_growth = canting_outcome_growth (o->baseline.income, o->period.income, &growth);

      canting_csv_put (out, o->workshop_name, separator, FALSE);
      canting_csv_put (out, o->workshop_city, separator, FALSE);
      canting_csv_put (out, o->workshop_id, separator, FALSE);
      for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
        known[f] = canting_outcome_period_figure (&o->period, f, &values[f]);
      baseline_income = (double) o->baseline.income;
      put_figures (out, &baseline_income, values, known, has_growth ? &growth : NULL, separator);
      canting_csv_put (out, base, separator, TRUE);
    }

  if (m->outcomes->len > 0)
    {
      gboolean has_growth = canting_outcome_merge_growth (m, &growth);

      canting_csv_put (out, "JUMLAH", separator, FALSE);
      canting_csv_put (out, "", separator, FALSE);
      canting_csv_put (out, "", separator, FALSE);
      for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
        known[f] = canting_outcome_merge_total (m, f, &values[f]);
      baseline_income = (double) m->total_baseline.income;
      put_figures (out, &baseline_income, values, known, has_growth ? &growth : NULL, separator);
      canting_csv_put (out, "", separator, TRUE);

      canting_csv_put (out, "MEDIAN", separator, FALSE);
      canting_csv_put (out, "", separator, FALSE);
      canting_csv_put (out, "", separator, FALSE);
      put_figures (out, &m->median_baseline_income, m->median, m->median_known,
                   m->median_growth_known ? &m->median_growth : NULL, separator);
      canting_csv_put (out, "", separator, TRUE);
    }

  g_string_append (out, "\r\n");
  canting_csv_put (out, "pertumbuhan_pemasukan", separator, FALSE);
  canting_csv_put (out, "jumlah_bengkel", separator, TRUE);
  for (guint b = 0; b < CANTING_GROWTH_BAND_COUNT; b++)
    {
      canting_csv_put (out, canting_growth_band_id (b), separator, FALSE);
      put_count (out, m->bands[b], separator, TRUE);
    }

  g_string_append (out, "\r\n");
  canting_csv_put (out, "saluran", separator, FALSE);
  canting_csv_put (out, "jumlah_bengkel", separator, TRUE);
  for (guint ch = 0; ch < CANTING_SALES_CHANNEL_COUNT; ch++)
    {
      canting_csv_put (out, canting_sales_channel_to_string (ch), separator, FALSE);
      put_count (out, m->channel_workshops[ch], separator, TRUE);
    }

  g_string_append (out, "\r\n");
  canting_csv_put (out, "periode", separator, FALSE);
  canting_csv_put (out, m->total.from != NULL ? m->total.from : "", separator, FALSE);
  canting_csv_put (out, m->total.to != NULL ? m->total.to : "", separator, TRUE);
  canting_csv_put (out, "pembanding", separator, FALSE);
  canting_csv_put (out, m->total_baseline.from != NULL ? m->total_baseline.from : "", separator, FALSE);
  canting_csv_put (out, m->total_baseline.to != NULL ? m->total_baseline.to : "", separator, TRUE);
  canting_csv_put (out, "berkas_dihitung", separator, FALSE);
  put_count (out, m->outcomes->len, separator, TRUE);
  canting_csv_put (out, "berkas_dilewati", separator, FALSE);
  put_count (out, m->skipped->len, separator, TRUE);
  return g_string_free_to_bytes (out);
}
