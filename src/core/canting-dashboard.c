/* canting-dashboard.c: reading the figures Beranda shows.
 *
 * The money figures come from one grouped pass over the ledger's covering
 * index (ledger_sums): thirteen months of income and expenses at once. */
#include "canting-dashboard.h"

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-ipal.h"
#include "canting-ipal-trend.h"
#include "canting-material.h"
#include "canting-order.h"
#include "canting-sql-private.h"

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

static gboolean
read_months (CantingDb         *db,
             CantingDashboard  *d,
             GError           **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < CANTING_DASHBOARD_MONTHS; i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      canting_month_range (d->today, CANTING_DASHBOARD_MONTHS - 1 - i, &first, &last);
      d->months[i] = g_strndup (first, 7);
      if (i == 0)
        from = g_steal_pointer (&first);
      if (i == CANTING_DASHBOARD_MONTHS - 1)
        to = g_steal_pointer (&last);
    }

  stmt = canting_sql_prepare (db,
                              "SELECT substr(on_date, 1, 7) AS month,"
                              "       coalesce(sum(CASE WHEN kind = 'income' THEN amount END), 0),"
                              "       coalesce(sum(CASE WHEN kind = 'expense' THEN amount END), 0)"
                              " FROM ledger WHERE voided = 0 AND on_date BETWEEN ?1 AND ?2 GROUP BY month",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; i < CANTING_DASHBOARD_MONTHS; i++)
        if (g_strcmp0 (month, d->months[i]) == 0)
          {
            d->month_totals[i].income = sqlite3_column_int64 (stmt, 1);
            d->month_totals[i].expense = sqlite3_column_int64 (stmt, 2);
          }
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the ledger"));
      return FALSE;
    }
  return TRUE;
}

static gpointer
top_item_from_row (sqlite3_stmt *stmt)
{
  CantingTopItem *item = g_new0 (CantingTopItem, 1);

  item->name = canting_sql_dup_text (stmt, 0);
  item->pieces = sqlite3_column_int64 (stmt, 1);
  item->amount = sqlite3_column_int64 (stmt, 2);
  return item;
}

/* Catalog pieces sold in orders (neither drafts nor cancelled) placed in
 * the last twelve months, grouped by @group (product name or motif). */
static GPtrArray *
read_top (CantingDb   *db,
          const char  *from,
          const char  *group,
          GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s AS name, sum(i.quantity), sum(i.quantity * i.unit_price) AS amount"
                                          " FROM order_items i JOIN orders o ON o.id = i.order_id"
                                          " JOIN products p ON p.id = i.product_id"
                                          " WHERE o.status NOT IN ('draft', 'cancelled') AND o.order_date >= ?1"
                                          " AND %s <> ''"
                                          " GROUP BY %s ORDER BY amount DESC, name LIMIT %d",
                                          group, group, group, TOP_N);
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  return canting_sql_collect (db, stmt, top_item_from_row, (GDestroyNotify) top_item_free,
                              _("reading what sold best"), error);
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
  g_autoptr(GPtrArray) owed = NULL;
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
  d->top_products = read_top (db, year_from, "p.name", error);
  if (d->top_products == NULL)
    return NULL;
  d->top_motifs = read_top (db, year_from, "p.motif", error);
  if (d->top_motifs == NULL)
    return NULL;

  orders.today = d->today;
  orders.due_this_week = TRUE;
  d->orders_due_this_week = canting_order_count (db, &orders, error);
  orders.due_this_week = FALSE;
  orders.overdue = TRUE;
  d->orders_overdue = canting_order_count (db, &orders, error);
  if (d->orders_due_this_week < 0 || d->orders_overdue < 0)
    return NULL;

  owed = canting_receivables (db, d->today, buckets, error);
  if (owed == NULL)
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
  return g_steal_pointer (&d);
}
