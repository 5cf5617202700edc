/* canting-ipal-report.h: what the monthly IPAL report to the regional
 * environment agency (DLH) holds: the workshop, the plant, the period,
 * every measurement against the standard, the exceedances with the
 * action taken, the lab tests and the sludge handed over.  Drawn as a PDF
 * elsewhere (cairo is not the core's); written as CSV here. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-ipal.h"
#include "canting-ipal-trend.h"

G_BEGIN_DECLS

typedef struct {
  char *at;        /* YYYY-MM-DDTHH:MM */
  char *what;      /* canting_exceedance_describe() */
  char *action;    /* corrective action recorded with the entry or test */
} CantingReportExceedance;

typedef struct {
  char            *month;            /* YYYY-MM */
  char            *workshop_name;
  char            *workshop_owner;
  char            *workshop_address;
  char            *workshop_city;
  char            *workshop_phone;
  char            *plant_name;       /* or "all plants", translated */
  char            *standard_name;
  char            *standard_source;
  GPtrArray       *logs;             /* (element-type CantingIpalLog), oldest first */
  GArray          *log_exceedances;  /* (element-type guint), per log */
  GPtrArray       *tests;            /* (element-type CantingLabTest), oldest first */
  GArray          *test_exceedances; /* (element-type guint), per test */
  GPtrArray       *sludge;           /* (element-type CantingSludge) */
  GPtrArray       *exceedances;      /* (element-type CantingReportExceedance) */
  guint            judged;           /* entries and tests with a value the standard judges */
  guint            compliant;        /* of those, within every limit */
  CantingQuantity  outflow;          /* litres that left the plant in the month */
  CantingIpalVolume *volume;         /* the month's outflow beside the pieces made */
  CantingQuantity  max_volume_per_ton;     /* the standard's, 0: none */
  char            *volume_per_ton_source;
} CantingIpalMonth;

void              canting_ipal_month_free (CantingIpalMonth *month);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingIpalMonth, canting_ipal_month_free)

/* Gathers @month ("2026-11") for @plant_id (0: every plant).  A month
 * not written YYYY-MM, or in the future, is refused. */
CantingIpalMonth *canting_ipal_month_new  (CantingDb   *db,
                                           gint64       plant_id,
                                           const char  *month,
                                           GError     **error);

/* The compliance rate in per cent (of what was judged), or -1 if nothing
 * was. */
int               canting_ipal_month_compliance (const CantingIpalMonth *month);

/* The month's wastewater per ton of product against the standard's
 * limit, or why it cannot be worked out.  (transfer full) */
char             *canting_ipal_month_per_ton_text (const CantingIpalMonth *month);

/* The report as CSV: one row per entry or test, every parameter in its
 * own column, the verdict and the action; then a row for the wastewater
 * per ton of product.  (transfer full) */
GBytes           *canting_ipal_month_csv  (const CantingIpalMonth *month,
                                           char                    separator);

/* "Laporan-IPAL-2026-11" */
char             *canting_ipal_month_file_stem (const CantingIpalMonth *month);

G_END_DECLS
