/* canting-dashboard.c: reading the figures Beranda shows.
 *
 * The money figures and what sold best come from the reports (one
 * grouped pass over the ledger's covering index for thirteen months, the
 * sales report for the year); the rest from the pages' own cores.
 *
 * Over ten years of records the whole read takes from a tenth of a
 * second (warm) to over a second (cold), too long for the main loop:
 * the window reads it on a worker thread with its own connection, part
 * by part, each card filled as its part arrives
 * (canting_dashboard_read_async()). */
#include "canting-dashboard.h"

#include <gio/gio.h>

#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-ipal.h"
#include "canting-ipal-trend.h"
#include "canting-listing.h"
#include "canting-material.h"
#include "canting-order.h"
#include "canting-report.h"

#include <math.h>

/* What sold best: the top this many. */
#define TOP_N 5

static void
top_item_free (CantingTopItem *item)
{
  g_free (item->name);
  g_free (item);
}

void
canting_dashboard_free (CantingDashboard *dashboard)
{
  if (dashboard == NULL)
    return;
  g_free (dashboard->today);
  for (guint i = 0; i < CANTING_DASHBOARD_MONTHS; i++)
    g_free (dashboard->months[i]);
  g_clear_pointer (&dashboard->top_products, g_ptr_array_unref);
  g_clear_pointer (&dashboard->top_motifs, g_ptr_array_unref);
  g_free (dashboard);
}

gboolean
canting_growth_percent (CantingMoney  now,
                        CantingMoney  before,
                        gint64       *out_percent)
{
  if (before == 0)
    return FALSE;
  *out_percent = llround ((double) (now - before) * 100.0 / (double) llabs (before));
  return TRUE;
}

/* Thirteen months of income and expenses, from the reports' monthly sums. */
static gboolean
read_months (CantingDb         *db,
             CantingDashboard  *d,
             GError           **error)
{
  g_autoptr(GArray) sums = NULL;

  for (guint i = 0; i < CANTING_DASHBOARD_MONTHS; i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      canting_month_range (d->today, CANTING_DASHBOARD_MONTHS - 1 - i, &first, &last);
      d->months[i] = g_strndup (first, 7);
    }
  sums = canting_report_monthly (db, d->months[0], d->months[CANTING_DASHBOARD_MONTHS - 1], error);
  if (sums == NULL)
    return FALSE;
  g_return_val_if_fail (sums->len == CANTING_DASHBOARD_MONTHS, FALSE);
  for (guint i = 0; i < CANTING_DASHBOARD_MONTHS; i++)
    {
      const CantingMonthSum *sum = &g_array_index (sums, CantingMonthSum, i);
      d->month_totals[i].income = sum->income;
      d->month_totals[i].expense = sum->expense;
    }
  return TRUE;
}

/* The first TOP_N of @lines (largest first). */
static GPtrArray *
top_of (GPtrArray *lines)
{
  GPtrArray *top = g_ptr_array_new_with_free_func ((GDestroyNotify) top_item_free);

  for (guint i = 0; i < lines->len && i < TOP_N; i++)
    {
      const CantingSalesLine *line = lines->pdata[i];
      CantingTopItem *item = g_new0 (CantingTopItem, 1);

      item->name = g_strdup (line->label);
      item->pieces = line->pieces;
      item->amount = line->amount;
      g_ptr_array_add (top, item);
    }
  return top;
}

CantingDashboard *
canting_dashboard_new (const char *today)
{
  CantingDashboard *d = g_new0 (CantingDashboard, 1);

  if (today != NULL)
    d->today = g_strdup (today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      d->today = g_date_time_format (now, "%Y-%m-%d");
    }
  return d;
}

static gboolean
read_top (CantingDb         *db,
          CantingDashboard  *d,
          GError           **error)
{
  g_autofree char *year_from = NULL;
  g_autofree char *year_to = NULL;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) motifs = NULL;

  /* This month and the eleven before it. */
  canting_month_range (d->today, CANTING_DASHBOARD_MONTHS - 2, &year_from, &year_to);
  if (!canting_sales_products_and_motifs (db, year_from, d->today, &products, &motifs, error))
    return FALSE;
  g_clear_pointer (&d->top_products, g_ptr_array_unref);
  g_clear_pointer (&d->top_motifs, g_ptr_array_unref);
  d->top_products = top_of (products);
  d->top_motifs = top_of (motifs);
  return TRUE;
}

static gboolean
read_orders (CantingDb         *db,
             CantingDashboard  *d,
             GError           **error)
{
  CantingOrderFilter orders = { .status = -1 };

  orders.today = d->today;
  orders.due_this_week = TRUE;
  d->orders_due_this_week = canting_order_count (db, &orders, error);
  orders.due_this_week = FALSE;
  orders.overdue = TRUE;
  d->orders_overdue = d->orders_due_this_week < 0 ? -1 : canting_order_count (db, &orders, error);
  return d->orders_due_this_week >= 0 && d->orders_overdue >= 0;
}

static gboolean
read_receivable (CantingDb         *db,
                 CantingDashboard  *d,
                 GError           **error)
{
  CantingMoney buckets[CANTING_AGE_BUCKET_COUNT];

  if (!canting_receivables_totals (db, d->today, buckets, error))
    return FALSE;
  d->receivable = d->receivable_late = 0;
  for (guint i = 0; i < CANTING_AGE_BUCKET_COUNT; i++)
    {
      d->receivable += buckets[i];
      if (i != CANTING_AGE_NOT_DUE)
        d->receivable_late += buckets[i];
    }
  return TRUE;
}

static gboolean
read_stock_and_ipal (CantingDb         *db,
                     CantingDashboard  *d,
                     GError           **error)
{
  CantingMaterialFilter low = { .kind = -1, .low_only = TRUE };
  g_autofree char *month_from = NULL;
  g_autofree char *month_to = NULL;
  g_autoptr(GPtrArray) unlogged = NULL;

  d->low_stock = canting_material_count (db, &low, error);
  if (d->low_stock < 0)
    return FALSE;
  d->lab_test_days = canting_lab_test_days_since (db, 0, d->today, error);
  if (d->lab_test_days < -1)
    return FALSE;
  canting_month_range (d->today, 0, &month_from, &month_to);
  if (!canting_ipal_compliance (db, 0, month_from, d->today, &d->ipal_judged, &d->ipal_compliant, error))
    return FALSE;
  unlogged = canting_ipal_unlogged_production_days (db, 0, month_from, d->today, error);
  if (unlogged == NULL)
    return FALSE;
  d->unlogged_days = unlogged->len;
  return TRUE;
}

static gboolean
read_online (CantingDb         *db,
             CantingDashboard  *d,
             GError           **error)
{
  return canting_listing_count_offline (db, &d->products_offline, &d->products, error);
}

gboolean
canting_dashboard_read_part (CantingDb              *db,
                             CantingDashboard       *d,
                             CantingDashboardPart    part,
                             GError                **error)
{
  switch (part)
    {
    case CANTING_DASHBOARD_MONEY:
      return read_months (db, d, error);
    case CANTING_DASHBOARD_ORDERS:
      return read_orders (db, d, error);
    case CANTING_DASHBOARD_RECEIVABLE:
      return read_receivable (db, d, error);
    case CANTING_DASHBOARD_STOCK_AND_IPAL:
      return read_stock_and_ipal (db, d, error);
    case CANTING_DASHBOARD_ONLINE:
      return read_online (db, d, error);
    case CANTING_DASHBOARD_TOP:
      return read_top (db, d, error);
    case CANTING_DASHBOARD_N_PARTS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

CantingDashboard *
canting_dashboard_read (CantingDb   *db,
                        const char  *today,
                        GError     **error)
{
  g_autoptr(CantingDashboard) d = canting_dashboard_new (today);

  for (guint part = 0; part < CANTING_DASHBOARD_N_PARTS; part++)
    if (!canting_dashboard_read_part (db, d, part, error))
      return NULL;
  return g_steal_pointer (&d);
}

/* --- off the main thread ----------------------------------------------------- */

/* What the worker and the main context share: the worker hands each part
 * over; the main context passes it on unless the read was cancelled
 * meanwhile (checked there, so a part never reaches a caller that has
 * cancelled and gone). */
typedef struct {
  GMainContext *context;
  GCancellable *cancellable;
  CantingDashboardPartFunc func;
  gpointer func_data;
} Stream;

static void
stream_clear (Stream *stream)
{
  g_main_context_unref (stream->context);
  g_clear_object (&stream->cancellable);
}

static void
stream_unref (Stream *stream)
{
  g_atomic_rc_box_release_full (stream, (GDestroyNotify) stream_clear);
}

typedef struct {
  CantingDb *db;
  char *today;
  Stream *stream;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->db);
  g_free (job->today);
  stream_unref (job->stream);
  g_free (job);
}

typedef struct {
  Stream *stream;
  CantingDashboard *part;
  CantingDashboardPart which;
} Delivery;

static void
delivery_free (Delivery *delivery)
{
  stream_unref (delivery->stream);
  canting_dashboard_free (delivery->part);
  g_free (delivery);
}

static gboolean
deliver (gpointer data)
{
  Delivery *delivery = data;

  if (!g_cancellable_is_cancelled (delivery->stream->cancellable))
    delivery->stream->func (delivery->part, delivery->which, delivery->stream->func_data);
  return G_SOURCE_REMOVE;
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  ReadJob *job = data;
  GError *error = NULL;
  /* Its own connection, opened here, so the window's goes on reading
   * and writing meanwhile. */
  g_autoptr(CantingDb) reader = canting_db_open_reader (job->db, &error);

  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Each part as soon as it is read: the cheap ones are not held up by
   * the sums over ten years of ledger. */
  for (guint part = 0; part < CANTING_DASHBOARD_N_PARTS; part++)
    {
      Delivery *delivery;

      if (g_task_return_error_if_cancelled (task))
        return;
      delivery = g_new0 (Delivery, 1);
      delivery->part = canting_dashboard_new (job->today);
      delivery->which = part;
      if (!canting_dashboard_read_part (reader, delivery->part, part, &error))
        {
          canting_dashboard_free (delivery->part);
          g_free (delivery);
          g_task_return_error (task, error);
          return;
        }
      delivery->stream = g_atomic_rc_box_acquire (job->stream);
      g_main_context_invoke_full (job->stream->context, G_PRIORITY_DEFAULT, deliver, delivery,
                                  (GDestroyNotify) delivery_free);
    }
  g_task_return_boolean (task, TRUE);
}

void
canting_dashboard_read_async (CantingDb                 *db,
                              const char                *today,
                              GCancellable              *cancellable,
                              CantingDashboardPartFunc   part_func,
                              gpointer                   part_data,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadJob *job = g_new0 (ReadJob, 1);
  g_autoptr(CantingDashboard) dated = canting_dashboard_new (today);

  g_return_if_fail (CANTING_IS_DB (db));
  g_return_if_fail (cancellable != NULL);

  job->db = g_object_ref (db);
  /* The day fixed now, so every part is of the same day. */
  job->today = g_strdup (dated->today);
  job->stream = g_atomic_rc_box_new0 (Stream);
  job->stream->context = g_main_context_ref_thread_default ();
  job->stream->cancellable = g_object_ref (cancellable);
  job->stream->func = part_func;
  job->stream->func_data = part_data;
  g_task_set_source_tag (task, canting_dashboard_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_in_thread);
}

gboolean
canting_dashboard_read_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
