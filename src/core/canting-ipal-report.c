/* canting-ipal-report.c: gathering a month of the IPAL log for the DLH. */
#include "canting-ipal-report.h"

#include "canting-csv-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-ipal-standard.h"
#include "canting-profile.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

static void
report_exceedance_free (CantingReportExceedance *e)
{
  g_free (e->at);
  g_free (e->what);
  g_free (e->action);
  g_free (e);
}

void
canting_ipal_month_free (CantingIpalMonth *m)
{
  if (m == NULL)
    return;
  g_free (m->month);
  g_free (m->workshop_name);
  g_free (m->workshop_owner);
  g_free (m->workshop_address);
  g_free (m->workshop_city);
  g_free (m->workshop_phone);
  g_free (m->plant_name);
  g_free (m->standard_name);
  g_free (m->standard_source);
  g_clear_pointer (&m->volume, canting_ipal_volume_free);
  g_free (m->volume_per_ton_source);
  g_clear_pointer (&m->logs, g_ptr_array_unref);
  g_clear_pointer (&m->log_exceedances, g_array_unref);
  g_clear_pointer (&m->tests, g_ptr_array_unref);
  g_clear_pointer (&m->test_exceedances, g_array_unref);
  g_clear_pointer (&m->sludge, g_ptr_array_unref);
  g_clear_pointer (&m->exceedances, g_ptr_array_unref);
  g_free (m);
}

static gboolean
month_is_valid (const char *month)
{
  g_autofree char *first = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");

  if (month == NULL || strlen (month) != 7 || month[4] != '-')
    return FALSE;
  first = g_strconcat (month, "-01", NULL);
  return canting_date_is_valid (first) && g_strcmp0 (month, this_month) <= 0;
}

/* The ids of a month's rows of @table, oldest first. */
static GArray *
ids_in_month (CantingDb   *db,
              const char  *sql,
              gint64       plant_id,
              const char  *month,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plant_id);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the IPAL log"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static void
add_exceedances (CantingIpalMonth *m,
                 GPtrArray        *over,
                 const char       *at,
                 const char       *action)
{
  for (guint i = 0; i < over->len; i++)
    {
      CantingReportExceedance *e = g_new0 (CantingReportExceedance, 1);

      e->at = g_strdup (at);
      e->what = canting_exceedance_describe (g_ptr_array_index (over, i));
      e->action = g_strdup (action);
      g_ptr_array_add (m->exceedances, e);
    }
}

static gboolean
judged_log (const CantingIpalLog *l)
{
  return l->ph_out != CANTING_IPAL_NO_VALUE || l->temperature != CANTING_IPAL_NO_VALUE;
}

CantingIpalMonth *
canting_ipal_month_new (CantingDb   *db,
                        gint64       plant_id,
                        const char  *month,
                        GError     **error)
{
  g_autoptr(CantingIpalMonth) m = g_new0 (CantingIpalMonth, 1);
  g_autoptr(CantingProfile) profile = NULL;
  g_autoptr(CantingIpalStandard) standard = NULL;
  g_autoptr(GArray) log_ids = NULL;
  g_autoptr(GArray) test_ids = NULL;
  g_autoptr(sqlite3_stmt) sludge = NULL;
  int rc;

  if (!month_is_valid (month))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” is not a month to report. Write it as year-month, for example 2026-11, "
                     "and not in the future."), month != NULL ? month : "");
      return NULL;
    }
  m->month = g_strdup (month);
  profile = canting_profile_load (db, error);
  standard = canting_ipal_standard_active (db, error);
  if (profile == NULL || standard == NULL)
    return NULL;
  m->workshop_name = g_strdup (canting_profile_get_name (profile));
  m->workshop_owner = g_strdup (canting_profile_get_owner (profile));
  m->workshop_address = g_strdup (canting_profile_get_address (profile));
  m->workshop_city = g_strdup (canting_profile_get_city (profile));
  m->workshop_phone = g_strdup (canting_profile_get_phone (profile));
  m->standard_name = g_strdup (standard->name);
  m->standard_source = g_strdup (standard->source);
  m->max_volume_per_ton = standard->max_volume_per_ton;
  m->volume_per_ton_source = g_strdup (standard->volume_per_ton_source);
  m->plant_name = g_strdup (_("All plants"));
  if (plant_id != 0)
    {
      g_autoptr(GPtrArray) plants = canting_ipal_plant_list (db, TRUE, error);

      if (plants == NULL)
        return NULL;
      for (guint i = 0; i < plants->len; i++)
        if (((CantingIpalPlant *) g_ptr_array_index (plants, i))->id == plant_id)
          {
            g_free (m->plant_name);
            m->plant_name = g_strdup (((CantingIpalPlant *) g_ptr_array_index (plants, i))->name);
          }
    }

  m->logs = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_log_free);
  m->tests = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_lab_test_free);
  m->sludge = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_sludge_free);
  m->exceedances = g_ptr_array_new_with_free_func ((GDestroyNotify) report_exceedance_free);
  m->log_exceedances = g_array_new (FALSE, FALSE, sizeof (guint));
  m->test_exceedances = g_array_new (FALSE, FALSE, sizeof (guint));

  log_ids = ids_in_month (db, "SELECT id FROM ipal_logs WHERE (?1 = 0 OR plant_id = ?1) "
                              "AND substr(at, 1, 7) = ?2 ORDER BY at, id", plant_id, month, error);
  test_ids = ids_in_month (db, "SELECT id FROM ipal_lab_tests WHERE (?1 = 0 OR plant_id = ?1) "
                               "AND substr(sampled_at, 1, 7) = ?2 ORDER BY sampled_at, id", plant_id, month, error);
  if (log_ids == NULL || test_ids == NULL)
    return NULL;
  for (guint i = 0; i < log_ids->len; i++)
    {
      CantingIpalLog *l = canting_ipal_log_load (db, g_array_index (log_ids, gint64, i), error);
      g_autoptr(GPtrArray) over = NULL;

      if (l == NULL)
        return NULL;
      g_ptr_array_add (m->logs, l);
      over = canting_ipal_log_exceedances (db, l, error);
      if (over == NULL)
        return NULL;
      g_array_append_val (m->log_exceedances, over->len);
      add_exceedances (m, over, l->at, l->action);
      if (l->outflow != CANTING_IPAL_NO_VALUE)
        m->outflow += l->outflow;
      if (judged_log (l))
        {
          m->judged++;
          m->compliant += over->len == 0;
        }
    }
  for (guint i = 0; i < test_ids->len; i++)
    {
      CantingLabTest *t = canting_lab_test_load (db, g_array_index (test_ids, gint64, i), error);
      g_autoptr(GPtrArray) over = NULL;

      if (t == NULL)
        return NULL;
      g_ptr_array_add (m->tests, t);
      over = canting_lab_test_exceedances (db, t, error);
      if (over == NULL)
        return NULL;
      g_array_append_val (m->test_exceedances, over->len);
      add_exceedances (m, over, t->sampled_at, t->action);
      m->judged++;
      m->compliant += over->len == 0;
    }

  m->volume = canting_ipal_month_volume (db, plant_id, month, error);
  if (m->volume == NULL)
    return NULL;

  sludge = canting_sql_prepare (db,
                                "SELECT id, plant_id, on_date, amount, destination, manifest, notes FROM ipal_sludge "
                                "WHERE (?1 = 0 OR plant_id = ?1) AND substr(on_date, 1, 7) = ?2 ORDER BY on_date, id",
                                error);
  if (sludge == NULL)
    return NULL;
  sqlite3_bind_int64 (sludge, 1, plant_id);
  sqlite3_bind_text (sludge, 2, month, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (sludge)) == SQLITE_ROW)
    {
      CantingSludge *s = g_new0 (CantingSludge, 1);

      s->id = sqlite3_column_int64 (sludge, 0);
      s->plant_id = sqlite3_column_int64 (sludge, 1);
      s->on_date = canting_sql_dup_text (sludge, 2);
      s->amount = sqlite3_column_int64 (sludge, 3);
      s->destination = canting_sql_dup_text (sludge, 4);
      s->manifest = canting_sql_dup_text (sludge, 5);
      s->notes = canting_sql_dup_text (sludge, 6);
      g_ptr_array_add (m->sludge, s);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the sludge handovers"));
      return NULL;
    }
  return g_steal_pointer (&m);
}

int
canting_ipal_month_compliance (const CantingIpalMonth *m)
{
  if (m->judged == 0)
    return -1;
  return (int) ((m->compliant * 100 + m->judged / 2) / m->judged);
}

char *
canting_ipal_month_per_ton_text (const CantingIpalMonth *m)
{
  return canting_ipal_volume_per_ton_text (m->volume, m->max_volume_per_ton, m->volume_per_ton_source);
}

char *
canting_ipal_month_file_stem (const CantingIpalMonth *m)
{
  /* TRANSLATORS: a file name, "Laporan-IPAL-2026-11" */
  return g_strdup_printf (_("IPAL-report-%s"), m->month);
}


static void
put_verdict (GString    *out,
             guint       exceedances,
             gboolean    judged,
             const char *action,
             char        separator)
{
  g_autofree char *verdict = !judged ? g_strdup ("")
                             : exceedances == 0 ? g_strdup (_("within limits"))
                             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u over the limit", "%u over the limits",
                                                             exceedances), exceedances);
  canting_csv_put (out, verdict, separator, FALSE);
  canting_csv_put (out, action, separator, TRUE);
}

GBytes *
canting_ipal_month_csv (const CantingIpalMonth *m,
                        char                    separator)
{
  GString *out = g_string_new ("\xef\xbb\xbf");

  /* Indonesian headers like every export; values in the parameter's unit
   * with the decimal comma. */
  canting_csv_put (out, "jenis", separator, FALSE);
  canting_csv_put (out, "waktu", separator, FALSE);
  canting_csv_put (out, "ipal", separator, FALSE);
  canting_csv_put (out, "debit keluar (L)", separator, FALSE);
  canting_csv_put (out, "ph masuk", separator, FALSE);
  for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
    canting_csv_put (out, canting_ipal_parameter_to_string (p), separator, FALSE);
  canting_csv_put (out, "status", separator, FALSE);
  canting_csv_put (out, "tindakan", separator, TRUE);

  for (guint i = 0; i < m->logs->len; i++)
    {
      const CantingIpalLog *l = g_ptr_array_index (m->logs, i);
      CantingQuantity values[CANTING_IPAL_PARAMETER_COUNT];

      canting_ipal_log_values (l, values);
      canting_csv_put (out, "harian", separator, FALSE);
      canting_csv_put (out, l->at, separator, FALSE);
      canting_csv_put (out, l->plant_name, separator, FALSE);
      canting_csv_put_measured (out, l->outflow, separator, FALSE);
      canting_csv_put_measured (out, l->ph_in, separator, FALSE);
      for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
        canting_csv_put_measured (out, values[p], separator, FALSE);
      put_verdict (out, g_array_index (m->log_exceedances, guint, i), judged_log (l), l->action, separator);
    }
  for (guint i = 0; i < m->tests->len; i++)
    {
      const CantingLabTest *t = g_ptr_array_index (m->tests, i);

      canting_csv_put (out, "uji lab", separator, FALSE);
      canting_csv_put (out, t->sampled_at, separator, FALSE);
      canting_csv_put (out, t->plant_name, separator, FALSE);
      canting_csv_put_measured (out, CANTING_IPAL_NO_VALUE, separator, FALSE);
      canting_csv_put_measured (out, CANTING_IPAL_NO_VALUE, separator, FALSE);
      for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
        canting_csv_put_measured (out, t->results[p], separator, FALSE);
      put_verdict (out, g_array_index (m->test_exceedances, guint, i), TRUE, t->action, separator);
    }
  {
    /* The month as a whole: its outflow and what it comes to a ton of
     * product, in the verdict's column. */
    g_autofree char *per_ton = canting_ipal_month_per_ton_text (m);

    canting_csv_put (out, "air limbah per ton produk", separator, FALSE);
    canting_csv_put (out, m->month, separator, FALSE);
    canting_csv_put (out, m->plant_name, separator, FALSE);
    canting_csv_put_measured (out, m->volume->litres, separator, FALSE);
    canting_csv_put_measured (out, CANTING_IPAL_NO_VALUE, separator, FALSE);
    for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
      canting_csv_put_measured (out, CANTING_IPAL_NO_VALUE, separator, FALSE);
    canting_csv_put (out, per_ton, separator, FALSE);
    canting_csv_put (out, "", separator, TRUE);
  }
  return g_string_free_to_bytes (out);
}
