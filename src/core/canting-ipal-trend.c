/* canting-ipal-trend.c: series, limits, compliance over a period and
 * monthly volumes for the IPAL trend view. */
#include "canting-ipal-trend.h"

#include "canting-i18n.h"
#include "canting-ipal-standard.h"
#include "canting-sql-private.h"

void
canting_ipal_point_free (CantingIpalPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->at);
  g_free (point);
}

void
canting_ipal_volume_free (CantingIpalVolume *volume)
{
  if (volume == NULL)
    return;
  g_free (volume->month);
  g_free (volume);
}

static void
bind_period (sqlite3_stmt *stmt,
             gint64        plant_id,
             const char   *from,
             const char   *to)
{
  sqlite3_bind_int64 (stmt, 1, plant_id);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
}

GPtrArray *
canting_ipal_series (CantingDb            *db,
                     gint64                plant_id,
                     CantingIpalParameter  parameter,
                     const char           *from,
                     const char           *to,
                     GError              **error)
{
  /* The effluent's pH and temperature are read daily; lab tests add to
   * them and give every other parameter. */
  const char *log_column = parameter == CANTING_IPAL_PH ? "ph_out"
                           : parameter == CANTING_IPAL_TEMPERATURE ? "temperature" : NULL;
  g_autofree char *from_log = log_column == NULL ? g_strdup ("")
    : g_strdup_printf ("SELECT at, %s AS value FROM ipal_logs WHERE %s IS NOT NULL AND (?1 = 0 OR plant_id = ?1) "
                       "AND substr(at, 1, 10) BETWEEN ?2 AND ?3 UNION ALL ", log_column, log_column);
  g_autofree char *sql = g_strdup_printf (
    "SELECT at, value FROM ("
    "  %s"
    "  SELECT t.sampled_at AS at, r.value AS value FROM ipal_lab_tests t "
    "  JOIN ipal_lab_results r ON r.lab_test_id = t.id AND r.parameter = ?4 "
    "  WHERE (?1 = 0 OR t.plant_id = ?1) AND substr(t.sampled_at, 1, 10) BETWEEN ?2 AND ?3) "
    "ORDER BY at", from_log);
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_point_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_period (stmt, plant_id, from, to);
  sqlite3_bind_text (stmt, 4, canting_ipal_parameter_to_string (parameter), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingIpalPoint *point = g_new0 (CantingIpalPoint, 1);

      point->at = canting_sql_dup_text (stmt, 0);
      point->value = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (points, point);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the IPAL log"));
      return NULL;
    }
  return g_steal_pointer (&points);
}

gboolean
canting_ipal_current_limit (CantingDb            *db,
                            gint64                plant_id,
                            CantingIpalParameter  parameter,
                            CantingQuantity      *out_min,
                            CantingQuantity      *out_max,
                            GError              **error)
{
  g_autoptr(CantingIpalStandard) standard = canting_ipal_standard_active (db, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  CantingQuantity flow = 0;

  *out_min = *out_max = CANTING_IPAL_NO_VALUE;
  if (standard == NULL)
    return FALSE;
  if (plant_id != 0)
    {
      flow = canting_ipal_plant_flow (db, plant_id, today, error);
      if (flow == CANTING_IPAL_NO_VALUE)
        return FALSE;
    }
  for (guint i = 0; i < standard->limits->len; i++)
    {
      const CantingIpalLimit *limit = g_ptr_array_index (standard->limits, i);

      if (limit->parameter == parameter && flow >= limit->flow_min &&
          (limit->flow_max == CANTING_IPAL_NO_VALUE || flow < limit->flow_max))
        {
          *out_min = limit->min_value;
          *out_max = limit->max_value;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
canting_ipal_compliance (CantingDb   *db,
                         gint64       plant_id,
                         const char  *from,
                         const char  *to,
                         guint       *out_judged,
                         guint       *out_compliant,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) logs = canting_sql_prepare (db,
                                                      /* A range on "at" itself, which its index answers;
                                                       * substr(at, 1, 10) would read every entry. */
                                                      "SELECT id FROM ipal_logs WHERE (?1 = 0 OR plant_id = ?1) "
                                                      "AND at >= ?2 AND at < date(?3, '+1 day') "
                                                      "AND (ph_out IS NOT NULL OR temperature IS NOT NULL)",
                                                      error);
  g_autoptr(sqlite3_stmt) tests = canting_sql_prepare (db,
                                                       "SELECT id FROM ipal_lab_tests WHERE (?1 = 0 OR plant_id = ?1) "
                                                       "AND substr(sampled_at, 1, 10) BETWEEN ?2 AND ?3",
                                                       error);
  int rc;

  *out_judged = *out_compliant = 0;
  if (logs == NULL || tests == NULL)
    return FALSE;
  bind_period (logs, plant_id, from, to);
  bind_period (tests, plant_id, from, to);
  while ((rc = sqlite3_step (logs)) == SQLITE_ROW)
    {
      g_autoptr(CantingIpalLog) l = canting_ipal_log_load (db, sqlite3_column_int64 (logs, 0), error);
      g_autoptr(GPtrArray) over = l != NULL ? canting_ipal_log_exceedances (db, l, error) : NULL;

      if (over == NULL)
        return FALSE;
      (*out_judged)++;
      *out_compliant += over->len == 0;
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the IPAL log"));
      return FALSE;
    }
  while ((rc = sqlite3_step (tests)) == SQLITE_ROW)
    {
      g_autoptr(CantingLabTest) t = canting_lab_test_load (db, sqlite3_column_int64 (tests, 0), error);
      g_autoptr(GPtrArray) over = t != NULL ? canting_lab_test_exceedances (db, t, error) : NULL;

      if (over == NULL)
        return FALSE;
      (*out_judged)++;
      *out_compliant += over->len == 0;
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the IPAL log"));
      return FALSE;
    }
  return TRUE;
}

/* The pieces finished in each month from substr(?2, 1, 7) to
 * substr(?3, 1, 7), with their weight: an item is finished when its last
 * stage is done; its pieces weigh what its product weighs, and a custom
 * piece (no product) or a product not weighed yet has no weight.  The
 * stages are found by their day (item_stages_by_day): from the first
 * month's name ("2026-09" sorts before its first day) to just past the
 * last's ("2026-10~" sorts after its last day, '~' after every digit and
 * '-').  Filtering substr(done_on, 1, 7) instead read every item of ten
 * years, half a second, on the main thread for the trend dialog. */
#define MADE_SQL \
  "WITH made AS (" \
  "  SELECT substr(s.done_on, 1, 7) AS month, sum(i.quantity) AS pieces, " \
  "         sum(i.quantity * p.weight) AS grams, " \
  "         sum(CASE WHEN p.weight IS NULL THEN i.quantity ELSE 0 END) AS unweighed " \
  "  FROM item_stages s JOIN order_items i ON i.id = s.order_item_id " \
  "  LEFT JOIN products p ON p.id = i.product_id " \
  "  WHERE s.done_on >= substr(?2, 1, 7) AND s.done_on < substr(?3, 1, 7) || '~' " \
  "  AND s.position = (SELECT max(position) FROM item_stages t WHERE t.order_item_id = s.order_item_id) " \
  "  GROUP BY substr(s.done_on, 1, 7)) "

/* month, litres (NULL: none recorded), pieces, grams, unweighed */
static CantingIpalVolume *
volume_from_row (sqlite3_stmt *stmt)
{
  CantingIpalVolume *v = g_new0 (CantingIpalVolume, 1);

  v->month = canting_sql_dup_text (stmt, 0);
  v->litres = canting_sql_column_optional (stmt, 1, CANTING_IPAL_NO_VALUE);
  v->pieces = sqlite3_column_int64 (stmt, 2);
  v->grams = sqlite3_column_int64 (stmt, 3);
  v->unweighed = sqlite3_column_int64 (stmt, 4);
  return v;
}

GPtrArray *
canting_ipal_monthly_volume (CantingDb   *db,
                             gint64       plant_id,
                             const char  *from,
                             const char  *to,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      MADE_SQL
                                                      "SELECT v.month, v.litres, coalesce(m.pieces, 0), "
                                                      "coalesce(m.grams, 0), coalesce(m.unweighed, 0) "
                                                      "FROM (SELECT substr(at, 1, 7) AS month, sum(outflow) AS litres "
                                                      "      FROM ipal_logs WHERE outflow IS NOT NULL "
                                                      "      AND (?1 = 0 OR plant_id = ?1) "
                                                      "      AND substr(at, 1, 10) BETWEEN ?2 AND ?3 "
                                                      "      GROUP BY substr(at, 1, 7)) v "
                                                      "LEFT JOIN made m ON m.month = v.month ORDER BY v.month",
                                                      error);
  g_autoptr(GPtrArray) volumes = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_volume_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_period (stmt, plant_id, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (volumes, volume_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the IPAL log"));
      return NULL;
    }
  return g_steal_pointer (&volumes);
}

CantingIpalVolume *
canting_ipal_month_volume (CantingDb   *db,
                           gint64       plant_id,
                           const char  *month,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      MADE_SQL
                                                      "SELECT ?2, (SELECT sum(outflow) FROM ipal_logs "
                                                      "            WHERE outflow IS NOT NULL AND (?1 = 0 OR plant_id = ?1) "
                                                      "            AND substr(at, 1, 7) = ?2), "
                                                      "coalesce(sum(pieces), 0), coalesce(sum(grams), 0), "
                                                      "coalesce(sum(unweighed), 0) FROM made",
                                                      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_period (stmt, plant_id, month, month);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the IPAL log"));
      return NULL;
    }
  return volume_from_row (stmt);
}

CantingIpalPerTon
canting_ipal_volume_per_ton (const CantingIpalVolume *v,
                             CantingQuantity          max_volume_per_ton,
                             CantingQuantity         *out_value,
                             gboolean                *out_within)
{
  guint64 water, allowed;

  *out_value = 0;
  *out_within = TRUE;
  if (v->litres == CANTING_IPAL_NO_VALUE)
    return CANTING_IPAL_PER_TON_NO_OUTFLOW;
  if (v->pieces <= 0)
    return CANTING_IPAL_PER_TON_NOTHING_MADE;
  if (v->unweighed > 0 || v->grams <= 0)
    return CANTING_IPAL_PER_TON_WEIGHTS_MISSING;
  /* Thousandths of a litre over grams is m³ a ton: a litre is a
   * thousandth of a m³, a gram a millionth of a ton.  Compared as whole
   * numbers, so a month exactly at the limit keeps within it; too large
   * for 64 bits (never, in a workshop) falls back to floating point. */
  if (g_uint64_checked_mul (&water, (guint64) MAX (v->litres, 0), (guint64) CANTING_QUANTITY_ONE))
    {
      *out_value = (CantingQuantity) ((water + (guint64) v->grams / 2) / (guint64) v->grams);
      if (max_volume_per_ton > 0 &&
          g_uint64_checked_mul (&allowed, (guint64) max_volume_per_ton, (guint64) v->grams))
        *out_within = water <= allowed;
    }
  else
    {
      long double ratio = (long double) v->litres * CANTING_QUANTITY_ONE / v->grams;

      *out_value = ratio >= (long double) G_MAXINT64 ? G_MAXINT64 : (CantingQuantity) (ratio + 0.5L);
      *out_within = max_volume_per_ton <= 0 || ratio <= (long double) max_volume_per_ton;
    }
  return CANTING_IPAL_PER_TON_OK;
}

/* To a tenth of a m³: finer is the meter's noise. */
static char *
cubic_metres (CantingQuantity value)
{
  return canting_quantity_format ((value + 50) / 100 * 100);
}

char *
canting_ipal_volume_per_ton_text (const CantingIpalVolume *v,
                                  CantingQuantity          max_volume_per_ton,
                                  const char              *source)
{
  CantingQuantity value = 0;
  gboolean within = TRUE;
  g_autofree char *shown = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *excess = NULL;

  switch (canting_ipal_volume_per_ton (v, max_volume_per_ton, &value, &within))
    {
    case CANTING_IPAL_PER_TON_NO_OUTFLOW:
      return g_strdup (_("not worked out: no outflow was recorded"));
    case CANTING_IPAL_PER_TON_NOTHING_MADE:
      return g_strdup (_("not worked out: no pieces were finished"));
    case CANTING_IPAL_PER_TON_WEIGHTS_MISSING:
      {
        /* "18.372 potong", as the workshop writes numbers. */
        g_autofree char *count = canting_count_format ((guint64) MAX (v->unweighed, 0));

        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "not worked out: %s piece made has no weight; "
                                             "give each product its weight per piece",
                                             "not worked out: %s pieces made have no weight; "
                                             "give each product its weight per piece",
                                             (gulong) MIN (v->unweighed, G_MAXINT)),
                                count);
      }
    case CANTING_IPAL_PER_TON_OK:
    default:
      break;
    }
  shown = cubic_metres (value);
  if (max_volume_per_ton <= 0)
    return g_strdup_printf (_("%s m³; the standard sets no limit"), shown);
  limit = canting_quantity_format (max_volume_per_ton);
  if (within)
    return g_strdup_printf (_("%s m³, within the limit of %s m³ (%s)"), shown, limit, source);
  excess = cubic_metres (value - max_volume_per_ton);
  /* Just over: a tenth would hide by how much. */
  if ((value - max_volume_per_ton + 50) / 100 == 0)
    {
      g_free (shown);
      shown = canting_quantity_format (value);
      g_free (excess);
      excess = canting_quantity_format (value - max_volume_per_ton);
    }
  /* TRANSLATORS: "140 m³, 40 m³ over the limit of 100 m³ (Permen LH 12/2025 Lamp. I)" */
  return g_strdup_printf (_("%s m³, %s m³ over the limit of %s m³ (%s)"), shown, excess, limit, source);
}

GPtrArray *
canting_ipal_unlogged_production_days (CantingDb   *db,
                                       gint64       plant_id,
                                       const char  *from,
                                       const char  *to,
                                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT DISTINCT done_on FROM item_stages "
                                                      "WHERE done_on BETWEEN ?2 AND ?3 AND done_on NOT IN "
                                                      /* The entries of the period only, by the index on
                                                       * "at": the days of every entry of ten years were
                                                       * gathered first, on each reload of the IPAL page. */
                                                      " (SELECT substr(at, 1, 10) FROM ipal_logs WHERE (?1 = 0 OR plant_id = ?1) "
                                                      "  AND at >= ?2 AND at < date(?3, '+1 day')) "
                                                      "ORDER BY done_on",
                                                      error);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_period (stmt, plant_id, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (days, canting_sql_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the production days"));
      return NULL;
    }
  return g_steal_pointer (&days);
}
