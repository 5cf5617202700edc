/* canting-ipal-standard.c: standards, flow tiers, compliance and
 * plausibility. */
#include "canting-ipal-standard.h"

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

/* The days of recorded outflow that set a plant's flow tier: a month, as
 * the monthly report to the DLH covers. */
#define FLOW_DAYS 30
/* pH changing more than this through the plant is worth a second look. */
#define PH_JUMP (4 * CANTING_QUANTITY_ONE)

void
canting_ipal_limit_free (CantingIpalLimit *limit)
{
  if (limit == NULL)
    return;
  g_free (limit->source);
  g_free (limit);
}

void
canting_ipal_standard_free (CantingIpalStandard *standard)
{
  if (standard == NULL)
    return;
  g_free (standard->name);
  g_free (standard->source);
  g_free (standard->volume_per_ton_source);
  g_clear_pointer (&standard->limits, g_ptr_array_unref);
  g_free (standard);
}



static gboolean
read_limits (CantingDb            *db,
             CantingIpalStandard  *standard,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, parameter, flow_min, flow_max, min_value, max_value, source "
                                                      "FROM ipal_limits WHERE standard_id = ?1 ORDER BY id",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  standard->limits = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_limit_free);
  sqlite3_bind_int64 (stmt, 1, standard->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingIpalLimit *limit = g_new0 (CantingIpalLimit, 1);

      limit->id = sqlite3_column_int64 (stmt, 0);
      if (!canting_ipal_parameter_from_string ((const char *) sqlite3_column_text (stmt, 1), &limit->parameter))
        limit->parameter = CANTING_IPAL_BOD;
      limit->flow_min = sqlite3_column_int64 (stmt, 2);
      limit->flow_max = canting_sql_column_optional (stmt, 3, CANTING_IPAL_NO_VALUE);
      limit->min_value = canting_sql_column_optional (stmt, 4, CANTING_IPAL_NO_VALUE);
      limit->max_value = canting_sql_column_optional (stmt, 5, CANTING_IPAL_NO_VALUE);
      limit->source = canting_sql_dup_text (stmt, 6);
      g_ptr_array_add (standard->limits, limit);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the limits"));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
read_standards (CantingDb   *db,
                gboolean     active_only,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, name, source, active, builtin, max_volume_per_ton, "
                                                      "volume_per_ton_source FROM ipal_standards "
                                                      "WHERE NOT ?1 OR active = 1 ORDER BY builtin DESC, name COLLATE NOCASE, id",
                                                      error);
  g_autoptr(GPtrArray) standards = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_standard_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, active_only ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingIpalStandard *s = g_new0 (CantingIpalStandard, 1);

      s->id = sqlite3_column_int64 (stmt, 0);
      s->name = canting_sql_dup_text (stmt, 1);
      s->source = canting_sql_dup_text (stmt, 2);
      s->active = sqlite3_column_int (stmt, 3) != 0;
      s->builtin = sqlite3_column_int (stmt, 4) != 0;
      s->max_volume_per_ton = canting_sql_column_optional (stmt, 5, 0);
      s->volume_per_ton_source = canting_sql_dup_text (stmt, 6);
      g_ptr_array_add (standards, s);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the standards"));
      return NULL;
    }
  for (guint i = 0; i < standards->len; i++)
    if (!read_limits (db, g_ptr_array_index (standards, i), error))
      return NULL;
  return g_steal_pointer (&standards);
}

GPtrArray *
canting_ipal_standard_list (CantingDb  *db,
                            GError    **error)
{
  return read_standards (db, FALSE, error);
}

CantingIpalStandard *
canting_ipal_standard_active (CantingDb  *db,
                              GError    **error)
{
  g_autoptr(GPtrArray) standards = read_standards (db, TRUE, error);

  if (standards == NULL)
    return NULL;
  if (standards->len == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("No wastewater standard applies. Choose one in Preferences."));
      return NULL;
    }
  return g_ptr_array_steal_index (standards, 0);
}

static gboolean
validate_limit (const CantingIpalLimit  *limit,
                GError                 **error)
{
  const char *label = canting_ipal_parameter_label (limit->parameter);

  if (limit->min_value == CANTING_IPAL_NO_VALUE && limit->max_value == CANTING_IPAL_NO_VALUE)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT,
                   _("The limit for %s needs a minimum, a maximum or both."), label);
      return FALSE;
    }
  if ((limit->min_value != CANTING_IPAL_NO_VALUE && limit->min_value < 0) ||
      (limit->max_value != CANTING_IPAL_NO_VALUE && limit->max_value < 0) ||
      limit->flow_min < 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT,
                   _("The limit for %s cannot be negative."), label);
      return FALSE;
    }
  if (limit->min_value != CANTING_IPAL_NO_VALUE && limit->max_value != CANTING_IPAL_NO_VALUE &&
      limit->min_value > limit->max_value)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT,
                   _("The minimum for %s is above its maximum."), label);
      return FALSE;
    }
  if (limit->flow_max != CANTING_IPAL_NO_VALUE && limit->flow_max <= limit->flow_min)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_FLOW,
                   _("The flow range of the limit for %s ends before it starts."), label);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  CantingIpalStandard *standard;
  gboolean             activate;
} SaveData;

static gboolean
activate_in_transaction (CantingDb  *db,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) off = canting_sql_prepare (db, "UPDATE ipal_standards SET active = 0 WHERE active = 1", error);
  g_autoptr(sqlite3_stmt) on = canting_sql_prepare (db, "UPDATE ipal_standards SET active = 1 WHERE id = ?1", error);
  gint64 id_copy = id;

  if (off == NULL || on == NULL || !canting_sql_run (db, off, _("choosing the standard"), error))
    return FALSE;
  sqlite3_bind_int64 (on, 1, id);
  return canting_sql_save_record (db, on, &id_copy, _("choosing the standard"),
                                  _("This standard no longer exists; it may have been restored from a backup."), error);
}

static gboolean
save_in_transaction (CantingDb  *db,
                     gpointer    user_data,
                     GError    **error)
{
  SaveData *data = user_data;
  CantingIpalStandard *s = data->standard;
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      s->id == 0
                                                      ? "INSERT INTO ipal_standards (name, source, max_volume_per_ton, "
                                                        "volume_per_ton_source) VALUES (?1, ?2, ?3, ?4)"
                                                      : "UPDATE ipal_standards SET name = ?1, source = ?2, "
                                                        "max_volume_per_ton = ?3, volume_per_ton_source = ?4 WHERE id = ?5",
                                                      error);
  g_autoptr(sqlite3_stmt) clear = canting_sql_prepare (db, "DELETE FROM ipal_limits WHERE standard_id = ?1", error);
  g_autoptr(sqlite3_stmt) ins = canting_sql_prepare (db,
                                                     "INSERT INTO ipal_limits (standard_id, parameter, flow_min, flow_max, "
                                                     "min_value, max_value, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                                     error);

  if (stmt == NULL || clear == NULL || ins == NULL)
    return FALSE;
  canting_sql_bind_trimmed (stmt, 1, s->name);
  canting_sql_bind_trimmed (stmt, 2, s->source);
  canting_sql_bind_optional (stmt, 3, s->max_volume_per_ton, 0);
  canting_sql_bind_trimmed (stmt, 4, s->max_volume_per_ton > 0 ? s->volume_per_ton_source : "");
  if (s->id != 0)
    sqlite3_bind_int64 (stmt, 5, s->id);
  if (!canting_sql_save_record (db, stmt, &s->id, _("saving the standard"),
                                _("This standard no longer exists; it may have been restored from a backup."), error))
    return FALSE;
  sqlite3_bind_int64 (clear, 1, s->id);
  if (!canting_sql_run (db, clear, _("saving the limits"), error))
    return FALSE;
  for (guint i = 0; s->limits != NULL && i < s->limits->len; i++)
    {
      CantingIpalLimit *limit = g_ptr_array_index (s->limits, i);

      if (!validate_limit (limit, error))
        return FALSE;
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, s->id);
      sqlite3_bind_text (ins, 2, canting_ipal_parameter_to_string (limit->parameter), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 3, limit->flow_min);
      canting_sql_bind_optional (ins, 4, limit->flow_max, CANTING_IPAL_NO_VALUE);
      canting_sql_bind_optional (ins, 5, limit->min_value, CANTING_IPAL_NO_VALUE);
      canting_sql_bind_optional (ins, 6, limit->max_value, CANTING_IPAL_NO_VALUE);
      sqlite3_bind_text (ins, 7, limit->source != NULL ? limit->source : "", -1, SQLITE_STATIC);
      if (!canting_sql_run (db, ins, _("saving the limits"), error))
        return FALSE;
    }
  if (data->activate && !activate_in_transaction (db, s->id, error))
    return FALSE;
  s->active = s->active || data->activate;
  return TRUE;
}

gboolean
canting_ipal_standard_save (CantingDb            *db,
                            CantingIpalStandard  *standard,
                            gboolean              activate,
                            GError              **error)
{
  SaveData data = { standard, activate };
  gint64 id_before = standard->id;

  if (!canting_validate_text (standard->name, CANTING_TEXT_REQUIRED, _("Standard name"), NULL,
                              CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEXT, error) ||
      !canting_validate_text (standard->source, 0, _("Regulation"), NULL,
                              CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEXT, error) ||
      !canting_validate_text (standard->volume_per_ton_source, 0, _("Regulation"), NULL,
                              CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEXT, error))
    return FALSE;
  if (standard->max_volume_per_ton < 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT,
                   _("The limit of wastewater per ton of product cannot be negative; leave it empty for none."));
      return FALSE;
    }
  if (!canting_db_transaction (db, save_in_transaction, &data, error))
    {
      standard->id = id_before;
      return FALSE;
    }
  return TRUE;
}

static gboolean
activate_txn (CantingDb  *db,
              gpointer    user_data,
              GError    **error)
{
  return activate_in_transaction (db, *(gint64 *) user_data, error);
}

gboolean
canting_ipal_standard_activate (CantingDb  *db,
                                gint64      id,
                                GError    **error)
{
  return canting_db_transaction (db, activate_txn, &id, error);
}

CantingQuantity
canting_ipal_plant_flow (CantingDb   *db,
                         gint64       plant_id,
                         const char  *date,
                         GError     **error)
{
  /* Litres a day over the days that recorded an outflow, in m³.  The
   * days as a range of `at` (YYYY-MM-DDTHH:MM sorts by day), so the
   * plant's index finds them: a condition on substr(at) read all ten
   * years of the plant's log, for every row the IPAL page shows. */
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT coalesce((SELECT CAST(round(avg(daily) / 1000.0) AS INTEGER) FROM "
                                                      "  (SELECT sum(outflow) AS daily FROM ipal_logs WHERE plant_id = ?1 "
                                                      "   AND outflow IS NOT NULL AND at < date(?2, '+1 day') "
                                                      "   AND at >= date(?2, '-" G_STRINGIFY (FLOW_DAYS) " days', '+1 day') "
                                                      "   GROUP BY substr(at, 1, 10))), "
                                                      " (SELECT capacity FROM ipal_plants WHERE id = ?1), 0)",
                                                      error);
  gint64 flow = 0;

  if (stmt == NULL)
    return CANTING_IPAL_NO_VALUE;
  sqlite3_bind_int64 (stmt, 1, plant_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  if (!canting_sql_get_int64 (db, stmt, &flow, _("reading the plant’s flow"), error))
    return CANTING_IPAL_NO_VALUE;
  return flow;
}

void
canting_exceedance_free (CantingExceedance *exceedance)
{
  if (exceedance == NULL)
    return;
  g_free (exceedance->source);
  g_free (exceedance);
}

char *
canting_exceedance_describe (const CantingExceedance *e)
{
  const char *label = canting_ipal_parameter_label (e->parameter);
  g_autofree char *value = canting_ipal_format_value (e->parameter, e->value);
  g_autofree char *excess = canting_ipal_format_value (e->parameter, e->excess);
  g_autofree char *limit = NULL;

  if (e->max_value != CANTING_IPAL_NO_VALUE && e->value > e->max_value)
    {
      limit = canting_ipal_format_value (e->parameter, e->max_value);
      /* TRANSLATORS: "COD 180 mg/L, limit 150 mg/L: 30 mg/L over (Permen LH 12/2025 Lamp. I)" */
      return g_strdup_printf (_("%s %s, limit %s: %s over (%s)"), label, value, limit, excess, e->source);
    }
  limit = canting_ipal_format_value (e->parameter, e->min_value);
  return g_strdup_printf (_("%s %s, at least %s: %s under (%s)"), label, value, limit, excess, e->source);
}

static gboolean
limit_applies (const CantingIpalLimit *limit,
               CantingQuantity         flow)
{
  return flow >= limit->flow_min && (limit->flow_max == CANTING_IPAL_NO_VALUE || flow < limit->flow_max);
}

GPtrArray *
canting_ipal_check (const CantingIpalStandard *standard,
                    CantingQuantity            flow,
                    const CantingQuantity     *values)
{
  GPtrArray *over = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_exceedance_free);

  if (flow == CANTING_IPAL_NO_VALUE || flow < 0)
    flow = 0;
  for (guint i = 0; standard->limits != NULL && i < standard->limits->len; i++)
    {
      const CantingIpalLimit *limit = g_ptr_array_index (standard->limits, i);
      CantingQuantity value = values[limit->parameter];
      CantingExceedance *e;

      if (value == CANTING_IPAL_NO_VALUE || !limit_applies (limit, flow))
        continue;
      /* Exactly at a limit keeps within it. */
      if (limit->max_value != CANTING_IPAL_NO_VALUE && value > limit->max_value)
        {
          e = g_new0 (CantingExceedance, 1);
          e->excess = value - limit->max_value;
        }
      else if (limit->min_value != CANTING_IPAL_NO_VALUE && value < limit->min_value)
        {
          e = g_new0 (CantingExceedance, 1);
          e->excess = limit->min_value - value;
        }
      else
        continue;
      e->parameter = limit->parameter;
      e->value = value;
      e->min_value = limit->min_value;
      e->max_value = limit->max_value;
      e->source = g_strdup (limit->source);
      g_ptr_array_add (over, e);
    }
  return over;
}

void
canting_ipal_log_values (const CantingIpalLog *log,
                         CantingQuantity      *values)
{
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    values[i] = CANTING_IPAL_NO_VALUE;
  /* What leaves the plant is held to the standard, not what comes in. */
  values[CANTING_IPAL_PH] = log->ph_out;
  values[CANTING_IPAL_TEMPERATURE] = log->temperature;
}

static GPtrArray *
exceedances (CantingDb              *db,
             gint64                  plant_id,
             const char             *at,
             CantingQuantity         flow,
             const CantingQuantity  *values,
             GError                **error)
{
  g_autoptr(CantingIpalStandard) standard = canting_ipal_standard_active (db, error);
  g_autofree char *date = g_strndup (at != NULL ? at : "", 10);

  if (standard == NULL)
    return NULL;
  if (flow == CANTING_IPAL_NO_VALUE)
    {
      flow = canting_ipal_plant_flow (db, plant_id, date, error);
      if (flow == CANTING_IPAL_NO_VALUE)
        return NULL;
    }
  return canting_ipal_check (standard, flow, values);
}

GPtrArray *
canting_ipal_log_exceedances (CantingDb             *db,
                              const CantingIpalLog  *log,
                              GError               **error)
{
  CantingQuantity values[CANTING_IPAL_PARAMETER_COUNT];

  canting_ipal_log_values (log, values);
  return exceedances (db, log->plant_id, log->at, CANTING_IPAL_NO_VALUE, values, error);
}

GPtrArray *
canting_lab_test_exceedances (CantingDb             *db,
                              const CantingLabTest  *test,
                              GError               **error)
{
  /* The flow measured at sampling, when the lab recorded it. */
  return exceedances (db, test->plant_id, test->sampled_at, test->flow, test->results, error);
}

GPtrArray *
canting_ipal_log_plausibility (const CantingIpalLog *log)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  if (log->ph_in != CANTING_IPAL_NO_VALUE && log->ph_out != CANTING_IPAL_NO_VALUE &&
      ABS (log->ph_in - log->ph_out) > PH_JUMP)
    {
      g_autofree char *in = canting_quantity_format (log->ph_in);
      g_autofree char *out = canting_quantity_format (log->ph_out);
      g_ptr_array_add (warnings, g_strdup_printf (_("The pH changed from %s to %s through the plant, more than 4: "
                                                    "check the readings and the meter."), in, out));
    }
  if (log->inflow != CANTING_IPAL_NO_VALUE && log->outflow != CANTING_IPAL_NO_VALUE &&
      log->outflow > log->inflow * 2 && log->outflow - log->inflow > 100 * CANTING_QUANTITY_ONE)
    g_ptr_array_add (warnings, g_strdup (_("Far more water left the plant than came in: check the meter readings.")));
  return warnings;
}

GPtrArray *
canting_lab_test_plausibility (const CantingLabTest *test)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);
  CantingQuantity bod = test->results[CANTING_IPAL_BOD];
  CantingQuantity cod = test->results[CANTING_IPAL_COD];

  /* BOD is the part of COD that microbes can break down: it cannot be
   * more. */
  if (bod != CANTING_IPAL_NO_VALUE && cod != CANTING_IPAL_NO_VALUE && bod > cod)
    {
      g_autofree char *b = canting_ipal_format_value (CANTING_IPAL_BOD, bod);
      g_autofree char *c = canting_ipal_format_value (CANTING_IPAL_COD, cod);
      g_ptr_array_add (warnings, g_strdup_printf (_("BOD (%s) is above COD (%s), which cannot be: "
                                                    "check the figures against the lab report."), b, c));
    }
  return warnings;
}

char *
canting_ipal_verdict_text (GPtrArray *exceedances,
                           GPtrArray *warnings)
{
  GString *text = g_string_new (NULL);

  if (exceedances != NULL && exceedances->len == 0)
    g_string_append (text, _("The effluent keeps within the standard."));
  for (guint i = 0; exceedances != NULL && i < exceedances->len; i++)
    {
      g_autofree char *line = canting_exceedance_describe (g_ptr_array_index (exceedances, i));
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", line);
    }
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", (const char *) g_ptr_array_index (warnings, i));
  return g_string_free (text, FALSE);
}
