/* canting-ipal-standard.h: the limits effluent must keep within, and
 * checking measurements against them.
 *
 * A standard is data: limits per parameter (a minimum, a maximum or
 * both) for a range of daily flow, each with its source regulation.
 * Several standards may exist (a regional one stricter than the national
 * one, say); exactly one applies.  The default is the national standard
 * for textile wastewater, Permen LH No. 12 Tahun 2025, Lampiran I. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-ipal.h"

G_BEGIN_DECLS

typedef struct {
  gint64                id;
  CantingIpalParameter  parameter;
  CantingQuantity       flow_min;    /* m³/day (thousandths), inclusive */
  CantingQuantity       flow_max;    /* exclusive; CANTING_IPAL_NO_VALUE: no upper bound */
  CantingQuantity       min_value;   /* CANTING_IPAL_NO_VALUE: none */
  CantingQuantity       max_value;   /* CANTING_IPAL_NO_VALUE: none */
  char                 *source;
} CantingIpalLimit;

void canting_ipal_limit_free (CantingIpalLimit *limit);

typedef struct {
  gint64           id;
  char            *name;
  char            *source;
  gboolean         active;
  gboolean         builtin;
  GPtrArray       *limits;   /* (element-type CantingIpalLimit) */
  /* At most this much wastewater a ton of product: m³ (thousandths) a
   * ton, 0 when the standard sets no such limit; and where it comes
   * from. */
  CantingQuantity  max_volume_per_ton;
  char            *volume_per_ton_source;
} CantingIpalStandard;

void canting_ipal_standard_free (CantingIpalStandard *standard);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingIpalStandard, canting_ipal_standard_free)

/* (transfer full) (element-type CantingIpalStandard): with their limits. */
GPtrArray           *canting_ipal_standard_list   (CantingDb            *db,
                                                   GError              **error);
/* The one that applies, with its limits. */
CantingIpalStandard *canting_ipal_standard_active (CantingDb            *db,
                                                   GError              **error);
/* Saves @standard and replaces its limits, in one transaction; a new one
 * gets its id.  With @activate it becomes the one that applies. */
gboolean             canting_ipal_standard_save   (CantingDb            *db,
                                                   CantingIpalStandard  *standard,
                                                   gboolean              activate,
                                                   GError              **error);
gboolean             canting_ipal_standard_activate (CantingDb          *db,
                                                     gint64              id,
                                                     GError            **error);

/* The plant's daily flow for choosing a flow tier: the mean of the daily
 * outflow recorded over the 30 days up to @date (YYYY-MM-DD), or the
 * capacity when nothing was recorded.  m³ a day, thousandths. */
CantingQuantity      canting_ipal_plant_flow      (CantingDb            *db,
                                                   gint64                plant_id,
                                                   const char           *date,
                                                   GError              **error);

typedef struct {
  CantingIpalParameter  parameter;
  CantingQuantity       value;
  CantingQuantity       min_value;   /* the limit it broke (NO_VALUE: none that side) */
  CantingQuantity       max_value;
  CantingQuantity       excess;      /* how far outside, in the parameter's unit */
  char                 *source;
} CantingExceedance;

void  canting_exceedance_free        (CantingExceedance *exceedance);
/* "COD 180 mg/L, limit 150 mg/L: 30 mg/L over (Permen LH 12/2025 Lamp. I)" */
char *canting_exceedance_describe    (const CantingExceedance *exceedance);

/* Checks @values (indexed by CantingIpalParameter; NO_VALUE: not
 * measured) against @standard at daily @flow.  A value exactly at a limit
 * keeps within it.  (transfer full) (element-type CantingExceedance):
 * empty when compliant. */
GPtrArray *canting_ipal_check              (const CantingIpalStandard *standard,
                                            CantingQuantity            flow,
                                            const CantingQuantity     *values);
/* What a log entry / a lab test measured, as @values for the check. */
void       canting_ipal_log_values         (const CantingIpalLog      *log,
                                            CantingQuantity           *values);
/* Exceedances of a saved entry or test under the standard that applies
 * now, at its plant's flow.  (transfer full) */
GPtrArray *canting_ipal_log_exceedances    (CantingDb                 *db,
                                            const CantingIpalLog      *log,
                                            GError                   **error);
GPtrArray *canting_lab_test_exceedances    (CantingDb                 *db,
                                            const CantingLabTest      *test,
                                            GError                   **error);

/* Values that are chemically odd, to question but not refuse: BOD above
 * COD, pH changing by more than 4 through the plant.  (transfer full)
 * (element-type utf8): translated warnings, empty when nothing is odd. */
GPtrArray *canting_ipal_log_plausibility   (const CantingIpalLog      *log);
GPtrArray *canting_lab_test_plausibility   (const CantingLabTest      *test);

/* The verdict as a person reads it: that the effluent keeps within the
 * standard, or each exceedance on a line; then the warnings.
 * @exceedances may be NULL (not worked out).  (transfer full) */
char      *canting_ipal_verdict_text       (GPtrArray                 *exceedances,
                                            GPtrArray                 *warnings);

G_END_DECLS
