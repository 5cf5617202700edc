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
  char            *month;   /* YYYY-MM */
  CantingQuantity  litres;  /* outflow recorded that month */
  gint64           pieces;  /* pieces whose last production stage was done that month */
} CantingIpalVolume;

void       canting_ipal_volume_free (CantingIpalVolume *volume);
/* Outflow per month with any recorded, beside the pieces finished that
 * month (for litres of wastewater per piece).  (transfer full)
 * (element-type CantingIpalVolume): oldest first. */
GPtrArray *canting_ipal_monthly_volume (CantingDb   *db,
                                        gint64       plant_id,
                                        const char  *from,
                                        const char  *to,
                                        GError     **error);

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
