/* canting-dashboard.h: the figures of Beranda, read in one go.
 *
 * Each card of the dashboard leads to the page behind it; this is only
 * what the cards say: money this month against last month and the same
 * month last year, income over the last twelve months, what sold best,
 * orders due and late, what customers owe, low stock and the IPAL. */
#pragma once

#include <gio/gio.h>

#include "canting-db.h"
#include "canting-ledger.h"

G_BEGIN_DECLS

/* Thirteen months: the same month last year up to this month. */
#define CANTING_DASHBOARD_MONTHS 13

typedef struct {
  char         *name;
  gint64        pieces;
  CantingMoney  amount;
} CantingTopItem;

typedef struct {
  char                *today;                       /* YYYY-MM-DD */
  /* Oldest first; [CANTING_DASHBOARD_MONTHS - 1] is this month, [0] the
   * same month last year. */
  char                *months[CANTING_DASHBOARD_MONTHS];   /* YYYY-MM */
  CantingLedgerTotals  month_totals[CANTING_DASHBOARD_MONTHS];
  /* What sold best over the last twelve months, by amount, at most five. */
  GPtrArray           *top_products;   /* (element-type CantingTopItem) */
  GPtrArray           *top_motifs;     /* (element-type CantingTopItem) */
  gint64               orders_due_this_week;
  gint64               orders_overdue;
  CantingMoney         receivable;          /* every balance customers owe */
  CantingMoney         receivable_late;     /* the part past its due date */
  gint64               low_stock;           /* materials at or below their reorder level */
  gint64               lab_test_days;       /* since the last lab test; -1: never */
  guint                ipal_judged;         /* entries and tests judged this month */
  guint                ipal_compliant;
  guint                unlogged_days;       /* production days this month without an IPAL entry */
  gint64               products;            /* in the catalog, not archived */
  gint64               products_offline;    /* of those, online on no channel */
} CantingDashboard;

void              canting_dashboard_free (CantingDashboard *dashboard);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingDashboard, canting_dashboard_free)

/* Reads every figure as of @today (YYYY-MM-DD; NULL for the local date). */
CantingDashboard *canting_dashboard_read (CantingDb   *db,
                                          const char  *today,
                                          GError     **error);

/* The figures in parts, one per card (the chart is the money's). */
typedef enum {
  CANTING_DASHBOARD_MONEY,            /* months, month_totals */
  CANTING_DASHBOARD_ORDERS,           /* orders_due_this_week, orders_overdue */
  CANTING_DASHBOARD_RECEIVABLE,       /* receivable, receivable_late */
  CANTING_DASHBOARD_STOCK_AND_IPAL,   /* low_stock, lab_test_days, ipal_*, unlogged_days */
  CANTING_DASHBOARD_ONLINE,           /* products, products_offline */
  CANTING_DASHBOARD_TOP,              /* top_products, top_motifs */
  CANTING_DASHBOARD_N_PARTS
} CantingDashboardPart;

/* An empty dashboard as of @today (NULL: the local date). */
CantingDashboard *canting_dashboard_new       (const char  *today);
/* Reads @part's fields of @dashboard. */
gboolean          canting_dashboard_read_part (CantingDb             *db,
                                               CantingDashboard      *dashboard,
                                               CantingDashboardPart   part,
                                               GError               **error);

/* @part: a dashboard with only @which's fields read (owned by the
 * caller of the function: copy what is kept). */
typedef void (*CantingDashboardPartFunc) (const CantingDashboard  *part,
                                          CantingDashboardPart     which,
                                          gpointer                 user_data);

/* Reads the figures on a worker thread, with a connection of its own,
 * and hands each part to @part_func on the calling thread's main
 * context as soon as it is read, in the order of CantingDashboardPart;
 * then @callback.  After @cancellable is cancelled no part reaches
 * @part_func, so @part_data may go away once it is cancelled. */
void              canting_dashboard_read_async  (CantingDb                 *db,
                                                 const char                *today,
                                                 GCancellable              *cancellable,
                                                 CantingDashboardPartFunc   part_func,
                                                 gpointer                   part_data,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
gboolean          canting_dashboard_read_finish (GAsyncResult  *result,
                                                 GError       **error);

/* @now against @before in percent, rounded; FALSE when there is nothing
 * to compare with (@before is 0). */
gboolean          canting_growth_percent (CantingMoney  now,
                                          CantingMoney  before,
                                          gint64       *out_percent);

G_END_DECLS
