/* canting-outcome.h: the outcome figures a digital-literacy programme is
 * judged by (income growth, market reach, production sustainability),
 * computed from a workshop's own records for a period against a baseline
 * period, and the versioned JSON file that carries them to the
 * association.
 *
 * Aggregates only: counts, sums and shares.  No customer's name, phone or
 * address ever enters a CantingOutcome, so none can leak into the file.
 * The format is documented field by field in docs/outcome-format.md;
 * change it there first, and raise CANTING_OUTCOME_VERSION when an old
 * reader would misread the new file. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-money.h"

G_BEGIN_DECLS

#define CANTING_OUTCOME_FORMAT "canting-outcome"
#define CANTING_OUTCOME_VERSION 1

#define CANTING_OUTCOME_ERROR (canting_outcome_error_quark ())
typedef enum {
  CANTING_OUTCOME_FIELD_FROM,
  CANTING_OUTCOME_FIELD_TO,
  CANTING_OUTCOME_FIELD_BASELINE_FROM,
  CANTING_OUTCOME_FIELD_BASELINE_TO,
} CantingOutcomeField;
GQuark canting_outcome_error_quark (void);

/* The figures of one date range. */
typedef struct {
  char            *from;                  /* YYYY-MM-DD, inclusive */
  char            *to;                    /* YYYY-MM-DD, inclusive */
  CantingMoney     income;                /* ledger income, not voided (transfers are not income) */
  gint64           orders;                /* not draft or cancelled, by order date */
  gint64           customers;             /* distinct customers of those orders */
  gint64           cities;                /* distinct non-empty cities of those customers */
  guint            channels;              /* bit (1 << CantingSalesChannel) per channel with an order */
  CantingMoney     sales;                 /* total of those orders */
  CantingMoney     online_sales;          /* of which through an online channel */
  gint64           ipal_measurements;     /* IPAL entries and lab tests judged against the standard */
  gint64           ipal_compliant;        /* of those, within every limit */
  gint64           lab_tests;
  gint64           materials_in_use;      /* used in the range, with a reorder level */
  gint64           materials_sufficient;  /* of those, above it at the end of the range */
} CantingOutcomePeriod;

typedef struct {
  char                 *workshop_id;    /* anonymous and stable: a random UUID */
  char                 *workshop_name;
  char                 *workshop_city;
  char                 *generated_at;   /* UTC, YYYY-MM-DDTHH:MM:SSZ */
  char                 *generator;      /* "Canting 0.1.0" */
  CantingOutcomePeriod  period;
  CantingOutcomePeriod  baseline;
} CantingOutcome;

void            canting_outcome_free (CantingOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingOutcome, canting_outcome_free)

/* Computes the figures of @from…@to against @baseline_from…@baseline_to
 * (YYYY-MM-DD, inclusive).  Each range must start no later than it ends,
 * and the baseline must end before the period starts; the error's code
 * (CANTING_OUTCOME_ERROR) names the date at fault. */
CantingOutcome *canting_outcome_compute (CantingDb   *db,
                                         const char  *from,
                                         const char  *to,
                                         const char  *baseline_from,
                                         const char  *baseline_to,
                                         GError     **error);

/* The workshop's anonymous id, made (a random UUID) and kept in the data
 * dir the first time it is asked for.  (transfer full) */
char           *canting_outcome_workshop_id (CantingDb   *db,
                                             GError     **error);

/* @part of @whole in per cent, rounded to a tenth; FALSE (nothing
 * stored) when @whole is not above zero: a share of nothing is not 0 %. */
gboolean        canting_outcome_share  (gint64        part,
                                        gint64        whole,
                                        double       *out_percent);
/* Growth from @baseline to @period in per cent, rounded to a tenth
 * (−100 when everything was lost); FALSE when @baseline is not above
 * zero: growth from nothing is not computable, never infinite. */
gboolean        canting_outcome_growth (CantingMoney  baseline,
                                        CantingMoney  period,
                                        double       *out_percent);
/* How many channels are set in @channels. */
guint           canting_outcome_channel_count (guint  channels);
/* "12,5 %", or "—" for NULL @percent. (transfer full) */
char           *canting_outcome_format_percent (const double *percent);

/* The figures of a period as reports show them, in this order. */
typedef enum {
  CANTING_OUTCOME_INCOME,
  CANTING_OUTCOME_ORDERS,
  CANTING_OUTCOME_CUSTOMERS,
  CANTING_OUTCOME_CITIES,
  CANTING_OUTCOME_CHANNELS,              /* active channels, counted */
  CANTING_OUTCOME_ONLINE_SHARE,
  CANTING_OUTCOME_IPAL_COMPLIANCE,
  CANTING_OUTCOME_LAB_TESTS,
  CANTING_OUTCOME_MATERIAL_SUFFICIENCY,
} CantingOutcomeFigure;
#define CANTING_OUTCOME_FIGURE_COUNT 9

/* "Income", "Online sales"…  (translated) */
const char *canting_outcome_figure_label   (CantingOutcomeFigure        figure);
/* Stable short ids for CSV headers: "pemasukan", "penjualan_online_persen"… */
const char *canting_outcome_figure_id      (CantingOutcomeFigure        figure);
/* Whether it is rupiah, or a percentage (else a count). */
gboolean    canting_outcome_figure_is_money   (CantingOutcomeFigure     figure);
gboolean    canting_outcome_figure_is_percent (CantingOutcomeFigure     figure);
/* @figure of @period; FALSE when it is null (a share of nothing). */
gboolean    canting_outcome_period_figure  (const CantingOutcomePeriod *period,
                                            CantingOutcomeFigure        figure,
                                            double                     *out_value);
/* A figure as people read it: "Rp 1.250.000", "62,5 %", "4" (a median
 * may be "2,5"), or "—" for NULL.  (transfer full) */
char       *canting_outcome_figure_format  (CantingOutcomeFigure        figure,
                                            const double               *value);

/* The outcome as the JSON of docs/outcome-format.md.  (transfer full) */
GBytes         *canting_outcome_to_json   (const CantingOutcome  *outcome);
/* Writes it to @path whole or not at all (a temporary file renamed into
 * place), readable only by its owner. */
gboolean        canting_outcome_save_json (const CantingOutcome  *outcome,
                                           const char            *path,
                                           GError               **error);
/* Reads a file written by canting_outcome_to_json(), checking every
 * field: its presence, type and range, and that the shares and the growth
 * agree with the counts they come from (a file edited by hand does not).
 * NULL with CANTING_ERROR_INVALID and a message naming the field, or
 * CANTING_ERROR_TOO_NEW for a later version of the format. */
CantingOutcome *canting_outcome_from_json (const char            *data,
                                           gsize                  length,
                                           GError               **error);

G_END_DECLS
