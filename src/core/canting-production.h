/* canting-production.h: production stages, workers (pembatik), piece
 * rates and wages.
 *
 * When an order goes into production each item gets its stage list, made
 * from its technique's templates, with dyeing and wax removal repeated
 * for every colour.  Marking a stage done records the date, the worker
 * and the wage earned (the worker's rate for that stage and technique ×
 * pieces).  Wages owed are what was earned minus what was paid. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-money.h"
#include "canting-product.h"

G_BEGIN_DECLS

#define CANTING_WORKER_ERROR (canting_worker_error_quark ())
typedef enum {
  CANTING_WORKER_FIELD_NAME,
  CANTING_WORKER_FIELD_PHONE,
  CANTING_WORKER_FIELD_RATE,
  CANTING_WORKER_FIELD_PAYMENT,
} CantingWorkerField;
GQuark canting_worker_error_quark (void);

typedef struct {
  gint64    id;
  char     *name;
  char     *phone;
  gboolean  active;
} CantingWorker;

CantingWorker *canting_worker_new  (void);
CantingWorker *canting_worker_copy (const CantingWorker *worker);
void           canting_worker_free (CantingWorker       *worker);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingWorker, canting_worker_free)

gboolean   canting_worker_save (CantingDb      *db,
                                CantingWorker  *worker,
                                GError        **error);
/* (transfer full) (element-type CantingWorker): by name. */
GPtrArray *canting_worker_list (CantingDb      *db,
                                gboolean        include_inactive,
                                GError        **error);

/* The piece rate (upah borongan) a worker earns per piece for @stage of
 * @technique; a rate of 0 is allowed (a family member, say). */
gboolean   canting_worker_set_rate (CantingDb         *db,
                                    gint64             worker_id,
                                    CantingTechnique   technique,
                                    const char        *stage,
                                    CantingMoney       rate,
                                    GError           **error);
/* FALSE (no error) when no rate is set. */
gboolean   canting_worker_get_rate (CantingDb         *db,
                                    gint64             worker_id,
                                    CantingTechnique   technique,
                                    const char        *stage,
                                    CantingMoney      *out_rate,
                                    GError           **error);

typedef struct {
  CantingTechnique  technique;
  char             *stage;
  CantingMoney      rate;
} CantingRate;

/* As a rate in canting_worker_save_with_rates(): remove the rate. */
#define CANTING_RATE_NONE G_GINT64_CONSTANT (-1)

void       canting_rate_free (CantingRate *rate);
/* (transfer full) (element-type CantingRate) */
GPtrArray *canting_worker_rates (CantingDb  *db,
                                 gint64      worker_id,
                                 GError    **error);
/* Saves the worker and all of @rates (element-type CantingRate) in one
 * transaction: the form is saved whole or not at all. */
gboolean   canting_worker_save_with_rates (CantingDb      *db,
                                           CantingWorker  *worker,
                                           GPtrArray      *rates,
                                           GError        **error);

typedef struct {
  char     *name;
  gboolean  per_colour;   /* repeated for every colour, with its neighbours */
} CantingStageTemplate;

void       canting_stage_template_free (CantingStageTemplate *t);
/* (transfer full) (element-type CantingStageTemplate): in order. */
GPtrArray *canting_stage_templates     (CantingDb         *db,
                                        CantingTechnique   technique,
                                        GError           **error);
/* Replaces @technique's list (for orders going into production later). */
gboolean   canting_stage_templates_set (CantingDb         *db,
                                        CantingTechnique   technique,
                                        GPtrArray         *templates,
                                        GError           **error);
/* The stage names of @templates for @colours colours, in working order:
 * per-colour stages next to each other repeat as a group.
 * (transfer full) (element-type utf8) */
GPtrArray *canting_stage_expand        (GPtrArray         *templates,
                                        guint              colours,
                                        GArray           **out_colour_numbers);

typedef struct {
  gint64            id;
  gint64            order_item_id;
  char             *item_description;
  gint64            pieces;        /* the item's quantity */
  guint             position;
  char             *name;          /* "Pewarnaan" */
  guint             colour;        /* 1, 2… for per-colour stages; 0 otherwise */
  CantingTechnique  technique;
  char             *done_on;       /* YYYY-MM-DD, NULL while open */
  gint64            worker_id;
  char             *worker_name;
  CantingMoney      wage;
} CantingStage;

void       canting_stage_free (CantingStage *stage);
/* (transfer full) (element-type CantingStage): by item, then stage. */
GPtrArray *canting_stage_list (CantingDb  *db,
                               gint64      order_id,
                               GError    **error);

/* Marks a stage done by @worker_id on @done_on.  Stages of an item are
 * done in order, only while the order is in production, and only with a
 * rate set for the worker.  The item's last stage puts its pieces into
 * finished-goods stock when it is a catalog product. */
gboolean   canting_stage_complete (CantingDb   *db,
                                   gint64       stage_id,
                                   gint64       worker_id,
                                   const char  *done_on,
                                   GError     **error);
/* Undoes the item's latest done stage (a mistake), unless its wage was
 * already paid out. */
gboolean   canting_stage_reopen   (CantingDb   *db,
                                   gint64       stage_id,
                                   GError     **error);

/* Called by canting_order_set_status() inside its transaction. */
gboolean   canting_production_create_stages_in_txn (CantingDb  *db,
                                                    gint64      order_id,
                                                    GError    **error);

typedef struct {
  gint64        worker_id;
  char         *name;
  CantingMoney  earned;
  CantingMoney  paid;
} CantingWages;

void       canting_wages_free    (CantingWages *wages);
/* (transfer full) (element-type CantingWages): every active worker, and
 * any other still owed something. */
GPtrArray *canting_wages_summary (CantingDb  *db,
                                  GError    **error);
/* Records paying @amount to a worker; no more than is owed. */
gboolean   canting_wages_pay     (CantingDb    *db,
                                  gint64        worker_id,
                                  CantingMoney  amount,
                                  const char   *paid_on,
                                  GError      **error);

typedef struct {
  gint64  order_id;
  char   *order_number;
  char   *customer_name;
  char   *due_date;           /* or NULL */
  char   *item_description;
  gint64  pieces;
  char   *next_stage;         /* "Pewarnaan 2" */
  guint   done;
  guint   total;
} CantingBoardRow;

void       canting_board_row_free (CantingBoardRow *row);
/* What is in which stage: one row per item still in production, the
 * soonest due first.  (transfer full) (element-type CantingBoardRow) */
GPtrArray *canting_production_board (CantingDb  *db,
                                     GError    **error);

G_END_DECLS
