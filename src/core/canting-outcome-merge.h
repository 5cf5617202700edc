/* canting-outcome-merge.h: the association's report, many workshops'
 * outcome files merged: a row per workshop, totals, medians and how
 * income growth is spread.
 *
 * A file that cannot be counted (damaged, of another format or version,
 * with a missing, mistyped or inconsistent field, a second file of the
 * same workshop, or another period than the rest) is skipped with the
 * reason, never counted quietly and never stopping the others. */
#pragma once

#include <glib.h>

#include "canting-order.h"
#include "canting-outcome.h"

G_BEGIN_DECLS

/* How much a workshop's income grew; bands include their lower bound. */
typedef enum {
  CANTING_GROWTH_DECLINE,          /* below 0 % */
  CANTING_GROWTH_0_10,             /* 0 % to under 10 % */
  CANTING_GROWTH_10_25,
  CANTING_GROWTH_25_50,
  CANTING_GROWTH_50_UP,            /* 50 % or more */
  CANTING_GROWTH_NOT_COMPUTABLE,   /* no income in the baseline */
} CantingGrowthBand;
#define CANTING_GROWTH_BAND_COUNT 6

const char        *canting_growth_band_label (CantingGrowthBand  band);    /* translated */
const char        *canting_growth_band_id    (CantingGrowthBand  band);    /* "turun", "0-10"… for CSV */
/* The band of a growth as the file gives it; NULL: not computable. */
CantingGrowthBand  canting_growth_band_for   (const double      *growth);

typedef struct {
  char *file;     /* as given */
  char *reason;   /* translated, a sentence */
} CantingOutcomeSkip;

typedef struct {
  /* (element-type CantingOutcome): counted, in the order given. */
  GPtrArray       *outcomes;
  /* (element-type utf8): the file each came from. */
  GPtrArray       *files;
  /* (element-type CantingOutcomeSkip): in the order given. */
  GPtrArray       *skipped;
  /* Sums over the counted workshops (cities and channels excepted: the
   * same city reached by two workshops is one city).  from/to are the
   * report's dates; all NULL when nothing was counted. */
  CantingOutcomePeriod total;
  CantingOutcomePeriod total_baseline;
  /* Medians over the workshops where the figure is not null; *_known
   * FALSE when there is none. */
  double           median[CANTING_OUTCOME_FIGURE_COUNT];
  gboolean         median_known[CANTING_OUTCOME_FIGURE_COUNT];
  double           median_baseline_income;
  double           median_growth;
  gboolean         median_growth_known;
  guint            bands[CANTING_GROWTH_BAND_COUNT];
  /* Workshops with an order through each CantingSalesChannel. */
  guint            channel_workshops[CANTING_SALES_CHANNEL_COUNT];
} CantingOutcomeMerge;

void                 canting_outcome_merge_free (CantingOutcomeMerge *merge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingOutcomeMerge, canting_outcome_merge_free)

/* Reads and checks @n_files files and merges those that count.  Never
 * fails as a whole: see ->skipped, and ->outcomes for what was counted
 * (perhaps nothing).  Of two files of one workshop the first counts; of
 * files for different dates, those for the dates most of them share
 * (the first such dates on a tie). */
CantingOutcomeMerge *canting_outcome_merge      (const char * const  *files,
                                                 guint                n_files);

/* A total over the workshops: sums, and the shares and growth of the
 * sums.  FALSE when it is null, and for cities and channels. */
gboolean             canting_outcome_merge_total  (const CantingOutcomeMerge *merge,
                                                   CantingOutcomeFigure       figure,
                                                   double                    *out_value);
gboolean             canting_outcome_merge_growth (const CantingOutcomeMerge *merge,
                                                   double                    *out_percent);

/* The report as CSV: a row per workshop, totals, medians, the growth
 * distribution, workshops per channel, the dates and the number of files
 * counted and skipped.  (transfer full) */
GBytes              *canting_outcome_merge_csv  (const CantingOutcomeMerge *merge,
                                                 char                       separator);

G_END_DECLS
