/* canting-dashboard.c: reading the figures Beranda shows.
 *
 * The money figures and what sold best come from the reports (one
 * grouped pass over the ledger's covering index for thirteen months, the
 * sales report for the year); the rest from the pages' own cores. */
#include "canting-dashboard.h"

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
canting_dashboard_read (CantingDb   *db,
                        const char  *today,
                        GError     **error)
{
  g_autoptr(CantingDashboard) d = g_new0 (CantingDashboard, 1);
  g_autofree char *year_from = NULL;
  g_autofree char *year_to = NULL;
  g_autofree char *month_from = NULL;
  g_autofree char *month_to = NULL;
  g_autoptr(GPtrArray) unlogged = NULL;
  CantingMoney buckets[CANTING_AGE_BUCKET_COUNT];
  CantingOrderFilter orders = { .status = -1 };
  CantingMaterialFilter low = { .kind = -1, .low_only = TRUE };

  if (today != NULL)
    d->today = g_strdup (today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      d->today = g_date_time_format (now, "%Y-%m-%d");
    }
  if (!read_months (db, d, error))
    return NULL;

  /* This month and the eleven before it. */
  canting_month_range (d->today, CANTING_DASHBOARD_MONTHS - 2, &year_from, &year_to);
  {
    g_autoptr(GPtrArray) products = NULL;
    g_autoptr(GPtrArray) motifs = NULL;

    if (!canting_sales_products_and_motifs (db, year_from, d->today, &products, &motifs, error))
      return NULL;
    d->top_products = top_of (products);
    d->top_motifs = top_of (motifs);
  }

  orders.today = d->today;
  orders.due_this_week = TRUE;
  d->orders_due_this_week = canting_order_count (db, &orders, error);
  orders.due_this_week = FALSE;
  orders.overdue = TRUE;
  d->orders_overdue = canting_order_count (db, &orders, error);
  if (d->orders_due_this_week < 0 || d->orders_overdue < 0)
    return NULL;

  if (!canting_receivables_totals (db, d->today, buckets, error))
    return NULL;
  for (guint i = 0; i < CANTING_AGE_BUCKET_COUNT; i++)
    {
      d->receivable += buckets[i];
      if (i != CANTING_AGE_NOT_DUE)
        d->receivable_late += buckets[i];
    }

  d->low_stock = canting_material_count (db, &low, error);
  if (d->low_stock < 0)
    return NULL;

  d->lab_test_days = canting_lab_test_days_since (db, 0, d->today, error);
  if (d->lab_test_days < -1)
    return NULL;
  canting_month_range (d->today, 0, &month_from, &month_to);
  if (!canting_ipal_compliance (db, 0, month_from, d->today, &d->ipal_judged, &d->ipal_compliant, error))
    return NULL;
  unlogged = canting_ipal_unlogged_production_days (db, 0, month_from, d->today, error);
  if (unlogged == NULL)
    return NULL;
  d->unlogged_days = unlogged->len;
  if (!canting_listing_count_offline (db, &d->products_offline, &d->products, error))
    return NULL;
  return g_steal_pointer (&d);
}
