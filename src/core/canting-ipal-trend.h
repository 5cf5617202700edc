/* canting-ipal-trend.h: the IPAL log over time: one parameter's values
 * beside its limit, the share of measurements within the standard, and
 * the volume discharged each month. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-ipal.h"

G_BEGIN_DECLS

typedef struct {
  char            *at;     /* YYYY-MM-DDTHH:MM */
  CantingQuantity  value;
} CantingIpalPoint;

void       canting_ipal_point_free (CantingIpalPoint *point);

/* Every measurement of @parameter from @from to @to (YYYY-MM-DD,
 * inclusive) at @plant_id (0: all): pH and temperature of the effluent
 * from the daily log, the rest from lab tests.  (transfer full)
 * (element-type CantingIpalPoint): oldest first. */
GPtrArray *canting_ipal_series     (CantingDb            *db,
                                    gint64                plant_id,
                                    CantingIpalParameter  parameter,
                                    const char           *from,
                                    const char           *to,
                                    GError              **error);

/* The limit that applies now to @parameter at @plant_id's flow;
 * CANTING_IPAL_NO_VALUE on a side without one.  FALSE (no error) when
 * the standard sets none. */
gboolean   canting_ipal_current_limit (CantingDb            *db,
                                       gint64                plant_id,
                                       CantingIpalParameter  parameter,
                                       CantingQuantity      *out_min,
                                       CantingQuantity      *out_max,
                                       GError              **error);

/* Entries and tests from @from to @to with a judged value, and how many
 * of them kept within every limit. */
gboolean   canting_ipal_compliance (CantingDb   *db,
                                    gint64       plant_id,
                                    const char  *from,
                                    const char  *to,
                                    guint       *out_judged,
                                    guint       *out_compliant,
                                    GError     **error);

typedef struct {
  char            *month;      /* YYYY-MM */
  CantingQuantity  litres;     /* outflow recorded that month; NO_VALUE: none recorded */
  gint64           pieces;     /* pieces whose last production stage was done that month */
  gint64           grams;      /* what those pieces weigh, of the ones with a weight */
  gint64           unweighed;  /* of those pieces, the ones without (a product not
                                * weighed yet, or a custom piece) */
} CantingIpalVolume;

void       canting_ipal_volume_free (CantingIpalVolume *volume);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingIpalVolume, canting_ipal_volume_free)
/* Outflow per month with any recorded, beside the pieces finished that
 * month and their weight (for wastewater per piece and per ton of
 * product).  (transfer full) (element-type CantingIpalVolume): oldest
 * first. */
GPtrArray *canting_ipal_monthly_volume (CantingDb   *db,
                                        gint64       plant_id,
                                        const char  *from,
                                        const char  *to,
                                        GError     **error);
/* One month (YYYY-MM) the same way, whether or not it recorded an
 * outflow.  (transfer full) */
CantingIpalVolume *canting_ipal_month_volume (CantingDb   *db,
                                              gint64       plant_id,
                                              const char  *month,
                                              GError     **error);

/* Wastewater per ton of product, as a standard limits it. */
typedef enum {
  CANTING_IPAL_PER_TON_OK,
  CANTING_IPAL_PER_TON_NO_OUTFLOW,       /* no outflow recorded */
  CANTING_IPAL_PER_TON_NOTHING_MADE,     /* no pieces finished */
  CANTING_IPAL_PER_TON_WEIGHTS_MISSING,  /* some pieces made have no weight */
} CantingIpalPerTon;

/* Works out @volume's m³ of wastewater a ton of product (thousandths,
 * rounded to the nearest) into @out_value when it can be: every piece
 * made must have a weight, or the figure would flatter the month.
 * With @max_volume_per_ton (0: no limit) @out_within says whether it
 * keeps within the limit, judged exactly: at the limit keeps within. */
CantingIpalPerTon canting_ipal_volume_per_ton (const CantingIpalVolume *volume,
                                               CantingQuantity          max_volume_per_ton,
                                               CantingQuantity         *out_value,
                                               gboolean                *out_within);
/* The figure as a person reads it, with the limit and its @source: "82,5
 * m³, within the limit of 100 m³ (Permen LH 12/2025 Lamp. I)", or why
 * there is none.  (transfer full) */
char             *canting_ipal_volume_per_ton_text (const CantingIpalVolume *volume,
                                                    CantingQuantity          max_volume_per_ton,
                                                    const char              *source);

/* Days from @from to @to on which production stages were done but no
 * IPAL entry was recorded (at @plant_id, or any plant for 0): a day of
 * dyeing makes wastewater that should be logged.  (transfer full)
 * (element-type utf8): YYYY-MM-DD, oldest first. */
GPtrArray *canting_ipal_unlogged_production_days (CantingDb   *db,
                                                  gint64       plant_id,
                                                  const char  *from,
                                                  const char  *to,
                                                  GError     **error);

G_END_DECLS
