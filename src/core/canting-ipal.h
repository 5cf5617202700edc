/* canting-ipal.h: the wastewater treatment plant (IPAL) log: plants, daily
 * entries, sludge handed over and lab tests.
 *
 * Measured values are CantingQuantity thousandths of their unit (pH 6,5
 * = 6500; BOD 60 mg/L = 60000), written with the decimal comma.  A value
 * not measured is CANTING_IPAL_NO_VALUE.  Whether values keep within the
 * law is canting-ipal-standard.h's business. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-quantity.h"

G_BEGIN_DECLS

#define CANTING_IPAL_NO_VALUE G_MININT64

#define CANTING_IPAL_ERROR (canting_ipal_error_quark ())
typedef enum {
  CANTING_IPAL_FIELD_PLANT,
  CANTING_IPAL_FIELD_TIME,
  CANTING_IPAL_FIELD_INFLOW,
  CANTING_IPAL_FIELD_OUTFLOW,
  CANTING_IPAL_FIELD_PH_IN,
  CANTING_IPAL_FIELD_PH_OUT,
  CANTING_IPAL_FIELD_TEMPERATURE,
  CANTING_IPAL_FIELD_CHEMICALS,
  CANTING_IPAL_FIELD_TEXT,         /* a free-text field: colour, operator, notes… */
  CANTING_IPAL_FIELD_AMOUNT,       /* sludge */
  CANTING_IPAL_FIELD_DESTINATION,  /* sludge */
  CANTING_IPAL_FIELD_RESULT,       /* a lab result */
  CANTING_IPAL_FIELD_FLOW,         /* lab: flow at sampling */
} CantingIpalField;
GQuark canting_ipal_error_quark (void);

typedef enum {
  CANTING_IPAL_BOD,
  CANTING_IPAL_COD,
  CANTING_IPAL_TSS,
  CANTING_IPAL_PHENOL,
  CANTING_IPAL_CHROMIUM,
  CANTING_IPAL_OIL_GREASE,
  CANTING_IPAL_AMMONIA,
  CANTING_IPAL_SULFIDE,
  CANTING_IPAL_COLOUR,
  CANTING_IPAL_PH,
  CANTING_IPAL_TEMPERATURE,
} CantingIpalParameter;
#define CANTING_IPAL_PARAMETER_COUNT 11

const char *canting_ipal_parameter_to_string   (CantingIpalParameter  parameter);  /* "bod" */
const char *canting_ipal_parameter_label       (CantingIpalParameter  parameter);  /* "BOD₅" */
const char *canting_ipal_parameter_unit        (CantingIpalParameter  parameter);  /* "mg/L", "" for pH */
gboolean    canting_ipal_parameter_from_string (const char           *text,
                                                CantingIpalParameter *out_parameter);
/* "60 mg/L", "6,5", "38 °C".  (transfer full) */
char       *canting_ipal_format_value          (CantingIpalParameter  parameter,
                                                CantingQuantity       value);

typedef struct {
  gint64           id;
  char            *name;
  char            *location;
  gboolean         shared;      /* used by several workshops of a cluster */
  CantingQuantity  capacity;    /* m³ a day as designed (thousandths); 0: unknown */
  gboolean         archived;
} CantingIpalPlant;

CantingIpalPlant *canting_ipal_plant_new  (void);
void              canting_ipal_plant_free (CantingIpalPlant *plant);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingIpalPlant, canting_ipal_plant_free)

gboolean   canting_ipal_plant_save (CantingDb         *db,
                                    CantingIpalPlant  *plant,
                                    GError           **error);
/* (transfer full) (element-type CantingIpalPlant): by name. */
GPtrArray *canting_ipal_plant_list (CantingDb         *db,
                                    gboolean           include_archived,
                                    GError           **error);

/* One daily or batch entry of the log. */
typedef struct {
  gint64           id;
  gint64           plant_id;
  char            *at;            /* local date and time, YYYY-MM-DDTHH:MM */
  CantingQuantity  inflow;        /* litres (thousandths), or NO_VALUE */
  CantingQuantity  outflow;
  CantingQuantity  ph_in;
  CantingQuantity  ph_out;
  CantingQuantity  temperature;   /* °C of the effluent */
  char            *colour;        /* as seen: "coklat muda" */
  char            *clarity;
  char            *odour;
  CantingQuantity  pac;           /* kg dosed (thousandths), or NO_VALUE */
  CantingQuantity  lime;
  CantingQuantity  polymer;
  char            *pumps;
  gboolean         rain;
  char            *incident;
  char            *operator_name;
  char            *notes;
  char            *action;        /* corrective action taken */
  char            *photo;         /* stored file name (canting_lab_report_store), or NULL */
  char            *plant_name;    /* filled when read */
} CantingIpalLog;

CantingIpalLog *canting_ipal_log_new  (void);
CantingIpalLog *canting_ipal_log_copy (const CantingIpalLog *log);
void            canting_ipal_log_free (CantingIpalLog       *log);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingIpalLog, canting_ipal_log_free)

/* Checks ranges (pH 0–14, volumes and doses not negative, temperature
 * 0–100 °C, no time in the future); the error's code names the field. */
gboolean        canting_ipal_log_validate (const CantingIpalLog  *log,
                                           GError               **error);
gboolean        canting_ipal_log_save     (CantingDb             *db,
                                           CantingIpalLog        *log,
                                           GError               **error);
CantingIpalLog *canting_ipal_log_load     (CantingDb             *db,
                                           gint64                 id,
                                           GError               **error);
gboolean        canting_ipal_log_delete   (CantingDb             *db,
                                           gint64                 id,
                                           GError               **error);

typedef struct {
  gint64              id;
  gint64              plant_id;
  char               *sampled_at;     /* local YYYY-MM-DDTHH:MM */
  char               *sampling_point;
  char               *sampled_by;
  CantingQuantity     flow;           /* m³ a day at sampling, or NO_VALUE */
  char               *laboratory;
  gboolean            accredited;
  char               *report_number;
  char               *action;
  char               *notes;
  CantingQuantity     results[CANTING_IPAL_PARAMETER_COUNT];  /* NO_VALUE: not measured */
  char               *attachment;     /* the lab report's stored file name, or NULL */
  char               *plant_name;     /* filled when read */
} CantingLabTest;

CantingLabTest *canting_lab_test_new  (void);
void            canting_lab_test_free (CantingLabTest *test);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingLabTest, canting_lab_test_free)

gboolean        canting_lab_test_validate (const CantingLabTest  *test,
                                           GError               **error);
/* The test and its results, in one transaction. */
gboolean        canting_lab_test_save     (CantingDb             *db,
                                           CantingLabTest        *test,
                                           GError               **error);
CantingLabTest *canting_lab_test_load     (CantingDb             *db,
                                           gint64                 id,
                                           GError               **error);
/* A lab report (PDF, or a photo of it: JPEG or PNG, at most
 * CANTING_LAB_REPORT_MAX_BYTES) or a photo of the plant copied into the
 * data dir's lab-reports folder; the returned name goes in
 * CantingLabTest.attachment or CantingIpalLog.photo.  (transfer full) */
#define CANTING_LAB_REPORT_MAX_BYTES (20 * 1024 * 1024)
char           *canting_lab_report_store (CantingDb   *db,
                                          GBytes      *file,
                                          GError     **error);
/* Where the stored @name is.  (transfer full) */
char           *canting_lab_report_path  (CantingDb   *db,
                                          const char  *name);

/* Days from the latest lab test of @plant_id (0: any plant) to @today
 * (YYYY-MM-DD; NULL for the local date), or -1 when never tested.  The
 * effluent must be tested at least once a month. */
gint64          canting_lab_test_days_since (CantingDb   *db,
                                             gint64       plant_id,
                                             const char  *today,
                                             GError     **error);

typedef struct {
  gint64           id;
  gint64           plant_id;
  char            *on_date;
  CantingQuantity  amount;        /* kg (thousandths) */
  char            *destination;   /* who took it: dye sludge may be hazardous waste */
  char            *manifest;      /* handover document number */
  char            *notes;
} CantingSludge;

CantingSludge *canting_sludge_new  (void);
void           canting_sludge_free (CantingSludge *sludge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingSludge, canting_sludge_free)

/* Inserts, or updates when @sludge has an id: a handover is corrected,
 * never lost. */
gboolean       canting_sludge_save (CantingDb      *db,
                                    CantingSludge  *sludge,
                                    GError        **error);
CantingSludge *canting_sludge_load (CantingDb      *db,
                                    gint64          id,
                                    GError        **error);

/* The log as a list: daily entries and lab tests together, newest first. */
typedef enum {
  CANTING_IPAL_ROW_LOG,
  CANTING_IPAL_ROW_LAB,
  CANTING_IPAL_ROW_SLUDGE,
} CantingIpalRowKind;

typedef struct {
  CantingIpalRowKind  kind;
  gint64              id;
  char               *at;          /* YYYY-MM-DDTHH:MM (sludge: the date) */
  char               *plant_name;
  char               *summary;     /* what was measured or done, in words */
  guint               exceedances; /* measured values over their limits */
} CantingIpalRow;

void       canting_ipal_row_free (CantingIpalRow *row);

typedef struct {
  gint64      plant_id;     /* 0 for all */
  const char *from;         /* YYYY-MM-DD or NULL */
  const char *to;           /* inclusive, or NULL */
} CantingIpalFilter;

/* (transfer full) (element-type CantingIpalRow) */
GPtrArray *canting_ipal_search (CantingDb               *db,
                                const CantingIpalFilter *filter,
                                guint                    offset,
                                guint                    limit,
                                GError                 **error);
gint64     canting_ipal_count  (CantingDb               *db,
                                const CantingIpalFilter *filter,
                                GError                 **error);

G_END_DECLS
