/* canting-ipal.c: plants, the daily log, lab tests and sludge handovers.
 * Limits and compliance are in canting-ipal-standard.c. */
#include "canting-ipal.h"
#include "canting-ipal-private.h"
#include "canting-ipal-standard.h"

#include <string.h>

#include "canting-enum-private.h"
#include "canting-files-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

/* Limits of plausible input, far beyond any real plant: a billion litres
 * a day, a thousand tonnes of chemicals, ten million mg/L. */
#define VOLUME_MAX (G_GINT64_CONSTANT (1000000000) * CANTING_QUANTITY_ONE)
#define DOSE_MAX (G_GINT64_CONSTANT (1000000) * CANTING_QUANTITY_ONE)
#define CONCENTRATION_MAX (G_GINT64_CONSTANT (10000000) * CANTING_QUANTITY_ONE)
#define PH_MAX (14 * CANTING_QUANTITY_ONE)
#define TEMPERATURE_MAX (100 * CANTING_QUANTITY_ONE)
/* A clock a little fast is not a time in the future. */
#define FUTURE_SLACK_SECONDS (10 * 60)

G_DEFINE_QUARK (canting-ipal-error-quark, canting_ipal_error)

static const CantingEnumName parameters[CANTING_IPAL_PARAMETER_COUNT] = {
  [CANTING_IPAL_BOD] = { "bod", N_("BOD₅") },
  [CANTING_IPAL_COD] = { "cod", N_("COD") },
  [CANTING_IPAL_TSS] = { "tss", N_("TSS") },
  [CANTING_IPAL_PHENOL] = { "phenol", N_("Total phenol") },
  [CANTING_IPAL_CHROMIUM] = { "chromium", N_("Total chromium") },
  [CANTING_IPAL_OIL_GREASE] = { "oil_grease", N_("Oil and grease") },
  [CANTING_IPAL_AMMONIA] = { "ammonia", N_("Total ammonia (as N)") },
  [CANTING_IPAL_SULFIDE] = { "sulfide", N_("Sulfide (as S)") },
  [CANTING_IPAL_COLOUR] = { "colour", N_("Colour") },
  [CANTING_IPAL_PH] = { "ph", N_("pH") },
  [CANTING_IPAL_TEMPERATURE] = { "temperature", N_("Temperature") },
};

const char *
canting_ipal_parameter_to_string (CantingIpalParameter parameter)
{
  return canting_enum_id (parameters, CANTING_IPAL_PARAMETER_COUNT, parameter);
}

const char *
canting_ipal_parameter_label (CantingIpalParameter parameter)
{
  return canting_enum_label (parameters, CANTING_IPAL_PARAMETER_COUNT, parameter);
}

const char *
canting_ipal_parameter_unit (CantingIpalParameter parameter)
{
  switch (parameter)
    {
    case CANTING_IPAL_PH:
      return "";
    case CANTING_IPAL_COLOUR:
      return "Pt-Co";
    case CANTING_IPAL_TEMPERATURE:
      return "°C";
    default:
      return "mg/L";
    }
}

gboolean
canting_ipal_parameter_from_string (const char           *text,
                                    CantingIpalParameter *out_parameter)
{
  guint value;

  if (!canting_enum_lookup (parameters, CANTING_IPAL_PARAMETER_COUNT, text, &value))
    return FALSE;
  *out_parameter = value;
  return TRUE;
}

char *
canting_ipal_format_value (CantingIpalParameter parameter,
                           CantingQuantity      value)
{
  g_autofree char *number = canting_quantity_format (value);
  const char *unit = canting_ipal_parameter_unit (parameter);

  return *unit != '\0' ? g_strdup_printf ("%s %s", number, unit) : g_steal_pointer (&number);
}

/* --- helpers ------------------------------------------------------------- */



static gboolean
check_range (CantingQuantity   value,
             CantingQuantity   max,
             CantingIpalField  field,
             const char       *label,
             const char       *unit,
             GError          **error)
{
  g_autofree char *limit = NULL;

  if (value == CANTING_IPAL_NO_VALUE)
    return TRUE;
  if (value < 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, field, _("%s cannot be negative."), label);
      return FALSE;
    }
  if (value > max)
    {
      limit = canting_quantity_format (max);
      g_set_error (error, CANTING_IPAL_ERROR, field, _("%s must be at most %s%s."), label, limit, unit);
      return FALSE;
    }
  return TRUE;
}

/* "2026-11-24T07:30", local time, not in the future. */
static gboolean
check_time (const char  *at,
            const char  *label,
            GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_autofree char *date = NULL;

  if (at != NULL && strlen (at) == 16 && at[10] == 'T')
    {
      g_autofree char *full = g_strconcat (at, ":00", NULL);
      when = g_date_time_new_from_iso8601 (full, local);
      date = g_strndup (at, 10);
    }
  if (when == NULL || !canting_date_is_valid (date))
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TIME,
                   _("%s: type the date and time, for example 24/11/2026 07:30."), label);
      return FALSE;
    }
  if (g_date_time_difference (when, now) > FUTURE_SLACK_SECONDS * G_TIME_SPAN_SECOND)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TIME,
                   _("%s is in the future; record what has already happened."), label);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_text (const char        *text,
            CantingTextRules   rules,
            const char        *label,
            GError           **error)
{
  return canting_validate_text (text, rules, label, NULL, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEXT, error);
}

static gboolean
plant_exists (CantingDb  *db,
              gint64      plant_id,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT count(*) FROM ipal_plants WHERE id = ?1", error);
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plant_id);
  if (!canting_sql_get_int64 (db, stmt, &n, _("reading the plant"), error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PLANT, _("Choose the plant (IPAL) this is for."));
      return FALSE;
    }
  return TRUE;
}

/* --- plants -------------------------------------------------------------- */

CantingIpalPlant *
canting_ipal_plant_new (void)
{
  CantingIpalPlant *p = g_new0 (CantingIpalPlant, 1);

  p->name = g_strdup ("");
  p->location = g_strdup ("");
  return p;
}

void
canting_ipal_plant_free (CantingIpalPlant *plant)
{
  if (plant == NULL)
    return;
  g_free (plant->name);
  g_free (plant->location);
  g_free (plant);
}

gboolean
canting_ipal_plant_save (CantingDb         *db,
                         CantingIpalPlant  *p,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!canting_validate_text (p->name, CANTING_TEXT_REQUIRED, _("Plant name"), NULL,
                              CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PLANT, error) ||
      !check_text (p->location, 0, _("Location"), error) ||
      !check_range (p->capacity, VOLUME_MAX, CANTING_IPAL_FIELD_FLOW, _("The capacity"), " m³", error))
    return FALSE;
  {
    g_autoptr(sqlite3_stmt) same = canting_sql_prepare (db, "SELECT count(*) FROM ipal_plants "
                                                            "WHERE name = trim(?1) AND id <> ?2", error);
    gint64 n = 0;

    if (same == NULL)
      return FALSE;
    sqlite3_bind_text (same, 1, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (same, 2, p->id);
    if (!canting_sql_get_int64 (db, same, &n, _("checking the plant’s name"), error))
      return FALSE;
    if (n > 0)
      {
        g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PLANT,
                     _("There is already a plant called “%s”."), p->name);
        return FALSE;
      }
  }
  if (p->id == 0)
    stmt = canting_sql_prepare (db, "INSERT INTO ipal_plants (name, location, shared, capacity, archived) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  else
    stmt = canting_sql_prepare (db, "UPDATE ipal_plants SET name = ?1, location = ?2, shared = ?3, capacity = ?4, "
                                    "archived = ?5 WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  canting_sql_bind_trimmed (stmt, 1, p->name);
  canting_sql_bind_trimmed (stmt, 2, p->location);
  sqlite3_bind_int (stmt, 3, p->shared ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, MAX (p->capacity, 0));
  sqlite3_bind_int (stmt, 5, p->archived ? 1 : 0);
  if (p->id != 0)
    sqlite3_bind_int64 (stmt, 6, p->id);
  return canting_sql_save_record (db, stmt, &p->id, _("saving the plant"),
                                  _("This plant no longer exists; it may have been restored from a backup."), error);
}

GPtrArray *
canting_ipal_plant_list (CantingDb  *db,
                         gboolean    include_archived,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, name, location, shared, capacity, archived FROM ipal_plants "
                                                      "WHERE ?1 OR archived = 0 ORDER BY name COLLATE NOCASE, id",
                                                      error);
  g_autoptr(GPtrArray) plants = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_plant_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingIpalPlant *p = g_new0 (CantingIpalPlant, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->name = canting_sql_dup_text (stmt, 1);
      p->location = canting_sql_dup_text (stmt, 2);
      p->shared = sqlite3_column_int (stmt, 3) != 0;
      p->capacity = sqlite3_column_int64 (stmt, 4);
      p->archived = sqlite3_column_int (stmt, 5) != 0;
      g_ptr_array_add (plants, p);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the plants"));
      return NULL;
    }
  return g_steal_pointer (&plants);
}

/* --- the daily log ------------------------------------------------------- */

CantingIpalLog *
canting_ipal_log_new (void)
{
  CantingIpalLog *l = g_new0 (CantingIpalLog, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  l->at = g_date_time_format (now, "%Y-%m-%dT%H:%M");
  l->inflow = l->outflow = l->ph_in = l->ph_out = l->temperature = CANTING_IPAL_NO_VALUE;
  l->pac = l->lime = l->polymer = CANTING_IPAL_NO_VALUE;
  l->colour = g_strdup ("");
  l->clarity = g_strdup ("");
  l->odour = g_strdup ("");
  l->pumps = g_strdup ("");
  l->incident = g_strdup ("");
  l->operator_name = g_strdup ("");
  l->notes = g_strdup ("");
  l->action = g_strdup ("");
  return l;
}

CantingIpalLog *
canting_ipal_log_copy (const CantingIpalLog *log)
{
  CantingIpalLog *l = g_memdup2 (log, sizeof *log);

  l->at = g_strdup (log->at);
  l->colour = g_strdup (log->colour);
  l->clarity = g_strdup (log->clarity);
  l->odour = g_strdup (log->odour);
  l->pumps = g_strdup (log->pumps);
  l->incident = g_strdup (log->incident);
  l->operator_name = g_strdup (log->operator_name);
  l->notes = g_strdup (log->notes);
  l->action = g_strdup (log->action);
  l->plant_name = g_strdup (log->plant_name);
  l->photo = g_strdup (log->photo);
  return l;
}

void
canting_ipal_log_free (CantingIpalLog *log)
{
  if (log == NULL)
    return;
  g_free (log->at);
  g_free (log->colour);
  g_free (log->clarity);
  g_free (log->odour);
  g_free (log->pumps);
  g_free (log->incident);
  g_free (log->operator_name);
  g_free (log->notes);
  g_free (log->action);
  g_free (log->photo);
  g_free (log->plant_name);
  g_free (log);
}

gboolean
canting_ipal_log_validate (const CantingIpalLog  *l,
                           GError               **error)
{
  if (l->plant_id <= 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PLANT, _("Choose the plant (IPAL) this is for."));
      return FALSE;
    }
  return check_time (l->at, _("The time of the entry"), error) &&
         check_range (l->inflow, VOLUME_MAX, CANTING_IPAL_FIELD_INFLOW, _("The inflow"), " L", error) &&
         check_range (l->outflow, VOLUME_MAX, CANTING_IPAL_FIELD_OUTFLOW, _("The outflow"), " L", error) &&
         check_range (l->ph_in, PH_MAX, CANTING_IPAL_FIELD_PH_IN, _("The pH going in"), "", error) &&
         check_range (l->ph_out, PH_MAX, CANTING_IPAL_FIELD_PH_OUT, _("The pH going out"), "", error) &&
         check_range (l->temperature, TEMPERATURE_MAX, CANTING_IPAL_FIELD_TEMPERATURE, _("The temperature"), " °C",
                      error) &&
         check_range (l->pac, DOSE_MAX, CANTING_IPAL_FIELD_CHEMICALS, _("PAC or alum dosed"), " kg", error) &&
         check_range (l->lime, DOSE_MAX, CANTING_IPAL_FIELD_CHEMICALS, _("Lime dosed"), " kg", error) &&
         check_range (l->polymer, DOSE_MAX, CANTING_IPAL_FIELD_CHEMICALS, _("Polymer dosed"), " kg", error) &&
         check_text (l->colour, 0, _("Colour"), error) &&
         check_text (l->clarity, 0, _("Clarity"), error) &&
         check_text (l->odour, 0, _("Odour"), error) &&
         check_text (l->pumps, 0, _("Pumps running"), error) &&
         check_text (l->operator_name, 0, _("Operator"), error) &&
         check_text (l->incident, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Incidents"), error) &&
         check_text (l->notes, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Notes"), error) &&
         check_text (l->action, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Corrective action"), error);
}

static gboolean
save_log_in_transaction (CantingDb  *db,
                         gpointer    user_data,
                         GError    **error)
{
  CantingIpalLog *l = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!plant_exists (db, l->plant_id, error))
    return FALSE;
  if (l->id == 0)
    stmt = canting_sql_prepare (db,
                                "INSERT INTO ipal_logs (plant_id, at, inflow, outflow, ph_in, ph_out, temperature, colour, "
                                "clarity, odour, pac, lime, polymer, pumps, rain, incident, operator, notes, action, photo) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?21)",
                                error);
  else
    stmt = canting_sql_prepare (db,
                                "UPDATE ipal_logs SET plant_id = ?1, at = ?2, inflow = ?3, outflow = ?4, ph_in = ?5, "
                                "ph_out = ?6, temperature = ?7, colour = ?8, clarity = ?9, odour = ?10, pac = ?11, "
                                "lime = ?12, polymer = ?13, pumps = ?14, rain = ?15, incident = ?16, operator = ?17, "
                                "notes = ?18, action = ?19, photo = ?21 WHERE id = ?20",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, l->plant_id);
  sqlite3_bind_text (stmt, 2, l->at, -1, SQLITE_STATIC);
  canting_sql_bind_optional (stmt, 3, l->inflow, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_optional (stmt, 4, l->outflow, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_optional (stmt, 5, l->ph_in, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_optional (stmt, 6, l->ph_out, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_optional (stmt, 7, l->temperature, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_trimmed (stmt, 8, l->colour);
  canting_sql_bind_trimmed (stmt, 9, l->clarity);
  canting_sql_bind_trimmed (stmt, 10, l->odour);
  canting_sql_bind_optional (stmt, 11, l->pac, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_optional (stmt, 12, l->lime, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_optional (stmt, 13, l->polymer, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_trimmed (stmt, 14, l->pumps);
  sqlite3_bind_int (stmt, 15, l->rain ? 1 : 0);
  canting_sql_bind_trimmed (stmt, 16, l->incident);
  canting_sql_bind_trimmed (stmt, 17, l->operator_name);
  canting_sql_bind_trimmed (stmt, 18, l->notes);
  canting_sql_bind_trimmed (stmt, 19, l->action);
  if (l->id != 0)
    sqlite3_bind_int64 (stmt, 20, l->id);
  if (l->photo != NULL)
    sqlite3_bind_text (stmt, 21, l->photo, -1, SQLITE_STATIC);
  return canting_sql_save_record (db, stmt, &l->id, _("saving the IPAL entry"),
                                  _("This entry no longer exists; it may have been restored from a backup."), error);
}

gboolean
canting_ipal_log_save (CantingDb       *db,
                       CantingIpalLog  *log,
                       GError         **error)
{
  if (!canting_ipal_log_validate (log, error))
    return FALSE;
  return canting_db_transaction (db, save_log_in_transaction, log, error);
}

gboolean
canting_ipal_log_save_in_txn (CantingDb       *db,
                              CantingIpalLog  *log,
                              GError         **error)
{
  return canting_ipal_log_validate (log, error) && save_log_in_transaction (db, log, error);
}

CantingIpalLog *
canting_ipal_log_load (CantingDb  *db,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT l.plant_id, l.at, l.inflow, l.outflow, l.ph_in, l.ph_out, "
                                                      "l.temperature, l.colour, l.clarity, l.odour, l.pac, l.lime, l.polymer, "
                                                      "l.pumps, l.rain, l.incident, l.operator, l.notes, l.action, p.name, l.photo "
                                                      "FROM ipal_logs l JOIN ipal_plants p ON p.id = l.plant_id WHERE l.id = ?1",
                                                      error);
  CantingIpalLog *l;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!canting_sql_step_one (db, stmt, _("reading the IPAL entry"),
                             _("This entry no longer exists; it may have been restored from a backup."), error))
    return NULL;
  l = g_new0 (CantingIpalLog, 1);
  l->id = id;
  l->plant_id = sqlite3_column_int64 (stmt, 0);
  l->at = canting_sql_dup_text (stmt, 1);
  l->inflow = canting_sql_column_optional (stmt, 2, CANTING_IPAL_NO_VALUE);
  l->outflow = canting_sql_column_optional (stmt, 3, CANTING_IPAL_NO_VALUE);
  l->ph_in = canting_sql_column_optional (stmt, 4, CANTING_IPAL_NO_VALUE);
  l->ph_out = canting_sql_column_optional (stmt, 5, CANTING_IPAL_NO_VALUE);
  l->temperature = canting_sql_column_optional (stmt, 6, CANTING_IPAL_NO_VALUE);
  l->colour = canting_sql_dup_text (stmt, 7);
  l->clarity = canting_sql_dup_text (stmt, 8);
  l->odour = canting_sql_dup_text (stmt, 9);
  l->pac = canting_sql_column_optional (stmt, 10, CANTING_IPAL_NO_VALUE);
  l->lime = canting_sql_column_optional (stmt, 11, CANTING_IPAL_NO_VALUE);
  l->polymer = canting_sql_column_optional (stmt, 12, CANTING_IPAL_NO_VALUE);
  l->pumps = canting_sql_dup_text (stmt, 13);
  l->rain = sqlite3_column_int (stmt, 14) != 0;
  l->incident = canting_sql_dup_text (stmt, 15);
  l->operator_name = canting_sql_dup_text (stmt, 16);
  l->notes = canting_sql_dup_text (stmt, 17);
  l->action = canting_sql_dup_text (stmt, 18);
  l->plant_name = canting_sql_dup_text (stmt, 19);
  if (sqlite3_column_type (stmt, 20) != SQLITE_NULL)
    l->photo = canting_sql_dup_text (stmt, 20);
  return l;
}

gboolean
canting_ipal_log_delete (CantingDb  *db,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "DELETE FROM ipal_logs WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return canting_sql_run (db, stmt, _("deleting the IPAL entry"), error);
}

/* --- lab tests ----------------------------------------------------------- */

CantingLabTest *
canting_lab_test_new (void)
{
  CantingLabTest *t = g_new0 (CantingLabTest, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  t->sampled_at = g_date_time_format (now, "%Y-%m-%dT%H:%M");
  t->sampling_point = g_strdup ("");
  t->sampled_by = g_strdup ("");
  t->flow = CANTING_IPAL_NO_VALUE;
  t->laboratory = g_strdup ("");
  t->report_number = g_strdup ("");
  t->action = g_strdup ("");
  t->notes = g_strdup ("");
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    t->results[i] = CANTING_IPAL_NO_VALUE;
  return t;
}

void
canting_lab_test_free (CantingLabTest *test)
{
  if (test == NULL)
    return;
  g_free (test->sampled_at);
  g_free (test->sampling_point);
  g_free (test->sampled_by);
  g_free (test->laboratory);
  g_free (test->report_number);
  g_free (test->action);
  g_free (test->notes);
  g_free (test->attachment);
  g_free (test->plant_name);
  g_free (test);
}

gboolean
canting_lab_test_validate (const CantingLabTest  *t,
                           GError               **error)
{
  gboolean any = FALSE;

  if (t->plant_id <= 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PLANT, _("Choose the plant (IPAL) this is for."));
      return FALSE;
    }
  if (!check_time (t->sampled_at, _("The sampling time"), error) ||
      !check_range (t->flow, VOLUME_MAX, CANTING_IPAL_FIELD_FLOW, _("The flow at sampling"), " m³", error) ||
      !check_text (t->sampling_point, 0, _("Sampling point"), error) ||
      !check_text (t->sampled_by, 0, _("Sampled by"), error) ||
      !check_text (t->laboratory, 0, _("Laboratory"), error) ||
      !check_text (t->report_number, 0, _("Report number"), error) ||
      !check_text (t->action, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Corrective action"), error) ||
      !check_text (t->notes, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Notes"), error))
    return FALSE;
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    {
      CantingQuantity max = i == CANTING_IPAL_PH ? PH_MAX : i == CANTING_IPAL_TEMPERATURE ? TEMPERATURE_MAX
                                                                                         : CONCENTRATION_MAX;
      const char *unit = canting_ipal_parameter_unit (i);
      g_autofree char *suffix = *unit != '\0' ? g_strconcat (" ", unit, NULL) : g_strdup ("");

      if (!check_range (t->results[i], max, CANTING_IPAL_FIELD_RESULT, canting_ipal_parameter_label (i), suffix, error))
        return FALSE;
      any |= t->results[i] != CANTING_IPAL_NO_VALUE;
    }
  if (!any)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT,
                   _("Type at least one result from the lab report."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_lab_in_transaction (CantingDb  *db,
                         gpointer    user_data,
                         GError    **error)
{
  CantingLabTest *t = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (!plant_exists (db, t->plant_id, error))
    return FALSE;
  if (t->id == 0)
    stmt = canting_sql_prepare (db,
                                "INSERT INTO ipal_lab_tests (plant_id, sampled_at, sampling_point, sampled_by, flow, "
                                "laboratory, accredited, report_number, action, notes, attachment) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12)",
                                error);
  else
    stmt = canting_sql_prepare (db,
                                "UPDATE ipal_lab_tests SET plant_id = ?1, sampled_at = ?2, sampling_point = ?3, "
                                "sampled_by = ?4, flow = ?5, laboratory = ?6, accredited = ?7, report_number = ?8, "
                                "action = ?9, notes = ?10, attachment = ?12 WHERE id = ?11",
                                error);
  clear = canting_sql_prepare (db, "DELETE FROM ipal_lab_results WHERE lab_test_id = ?1", error);
  ins = canting_sql_prepare (db, "INSERT INTO ipal_lab_results (lab_test_id, parameter, value) VALUES (?1, ?2, ?3)",
                             error);
  if (stmt == NULL || clear == NULL || ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, t->plant_id);
  sqlite3_bind_text (stmt, 2, t->sampled_at, -1, SQLITE_STATIC);
  canting_sql_bind_trimmed (stmt, 3, t->sampling_point);
  canting_sql_bind_trimmed (stmt, 4, t->sampled_by);
  canting_sql_bind_optional (stmt, 5, t->flow, CANTING_IPAL_NO_VALUE);
  canting_sql_bind_trimmed (stmt, 6, t->laboratory);
  sqlite3_bind_int (stmt, 7, t->accredited ? 1 : 0);
  canting_sql_bind_trimmed (stmt, 8, t->report_number);
  canting_sql_bind_trimmed (stmt, 9, t->action);
  canting_sql_bind_trimmed (stmt, 10, t->notes);
  if (t->id != 0)
    sqlite3_bind_int64 (stmt, 11, t->id);
  if (t->attachment != NULL)
    sqlite3_bind_text (stmt, 12, t->attachment, -1, SQLITE_STATIC);
  if (!canting_sql_save_record (db, stmt, &t->id, _("saving the lab test"),
                                _("This lab test no longer exists; it may have been restored from a backup."), error))
    return FALSE;
  sqlite3_bind_int64 (clear, 1, t->id);
  if (!canting_sql_run (db, clear, _("saving the lab results"), error))
    return FALSE;
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    {
      if (t->results[i] == CANTING_IPAL_NO_VALUE)
        continue;
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, t->id);
      sqlite3_bind_text (ins, 2, parameters[i].id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 3, t->results[i]);
      if (!canting_sql_run (db, ins, _("saving the lab results"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_lab_test_save (CantingDb       *db,
                       CantingLabTest  *test,
                       GError         **error)
{
  gint64 id_before = test->id;

  if (!canting_lab_test_validate (test, error))
    return FALSE;
  if (!canting_db_transaction (db, save_lab_in_transaction, test, error))
    {
      test->id = id_before;
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_lab_test_save_in_txn (CantingDb       *db,
                              CantingLabTest  *test,
                              GError         **error)
{
  return canting_lab_test_validate (test, error) && save_lab_in_transaction (db, test, error);
}

CantingLabTest *
canting_lab_test_load (CantingDb  *db,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT t.plant_id, t.sampled_at, t.sampling_point, t.sampled_by, t.flow, "
                                                      "t.laboratory, t.accredited, t.report_number, t.action, t.notes, p.name, "
                                                      "t.attachment "
                                                      "FROM ipal_lab_tests t JOIN ipal_plants p ON p.id = t.plant_id "
                                                      "WHERE t.id = ?1",
                                                      error);
  g_autoptr(sqlite3_stmt) results = canting_sql_prepare (db,
                                                         "SELECT parameter, value FROM ipal_lab_results WHERE lab_test_id = ?1",
                                                         error);
  g_autoptr(CantingLabTest) t = NULL;
  int rc;

  if (stmt == NULL || results == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!canting_sql_step_one (db, stmt, _("reading the lab test"),
                             _("This lab test no longer exists; it may have been restored from a backup."), error))
    return NULL;
  t = g_new0 (CantingLabTest, 1);
  t->id = id;
  t->plant_id = sqlite3_column_int64 (stmt, 0);
  t->sampled_at = canting_sql_dup_text (stmt, 1);
  t->sampling_point = canting_sql_dup_text (stmt, 2);
  t->sampled_by = canting_sql_dup_text (stmt, 3);
  t->flow = canting_sql_column_optional (stmt, 4, CANTING_IPAL_NO_VALUE);
  t->laboratory = canting_sql_dup_text (stmt, 5);
  t->accredited = sqlite3_column_int (stmt, 6) != 0;
  t->report_number = canting_sql_dup_text (stmt, 7);
  t->action = canting_sql_dup_text (stmt, 8);
  t->notes = canting_sql_dup_text (stmt, 9);
  t->plant_name = canting_sql_dup_text (stmt, 10);
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    t->attachment = canting_sql_dup_text (stmt, 11);
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    t->results[i] = CANTING_IPAL_NO_VALUE;
  sqlite3_bind_int64 (results, 1, id);
  while ((rc = sqlite3_step (results)) == SQLITE_ROW)
    {
      CantingIpalParameter parameter;

      if (canting_ipal_parameter_from_string ((const char *) sqlite3_column_text (results, 0), &parameter))
        t->results[parameter] = sqlite3_column_int64 (results, 1);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the lab results"));
      return NULL;
    }
  return g_steal_pointer (&t);
}

#define LAB_REPORT_DIR "lab-reports"

char *
canting_lab_report_store (CantingDb   *db,
                          GBytes      *file,
                          GError     **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (file, &size);
  const char *ext = NULL;

  /* What the lab sends, or a phone photo of it; told by content, not by
   * the file's name. */
  if (size >= 5 && memcmp (data, "%PDF-", 5) == 0)
    ext = "pdf";
  else if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    ext = "png";
  else if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    ext = "jpg";
  if (ext == NULL)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEXT,
                   _("The lab report must be a PDF, or a photo of it as JPEG or PNG."));
      return NULL;
    }
  if (size > CANTING_LAB_REPORT_MAX_BYTES)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEXT,
                   _("The lab report is too large (at most %d MB)."), CANTING_LAB_REPORT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  return canting_stored_file_write (db, LAB_REPORT_DIR, file, ext, error);
}

char *
canting_lab_report_path (CantingDb  *db,
                         const char *name)
{
  return g_build_filename (canting_db_get_data_dir (db), LAB_REPORT_DIR, name, NULL);
}

gint64
canting_lab_test_days_since (CantingDb   *db,
                             gint64       plant_id,
                             const char  *today,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT coalesce(CAST(julianday(?2) - julianday(substr(max(sampled_at), 1, 10)) "
                                                      "AS INTEGER), -1) FROM ipal_lab_tests WHERE ?1 = 0 OR plant_id = ?1",
                                                      error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *local_today = g_date_time_format (now, "%Y-%m-%d");
  gint64 days = -1;

  if (stmt == NULL)
    return -2;
  sqlite3_bind_int64 (stmt, 1, plant_id);
  sqlite3_bind_text (stmt, 2, today != NULL ? today : local_today, -1, SQLITE_TRANSIENT);
  if (!canting_sql_get_int64 (db, stmt, &days, _("reading the lab tests"), error))
    return -2;
  return days;
}

/* --- sludge -------------------------------------------------------------- */

CantingSludge *
canting_sludge_new (void)
{
  CantingSludge *s = g_new0 (CantingSludge, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  s->on_date = g_date_time_format (now, "%Y-%m-%d");
  s->destination = g_strdup ("");
  s->manifest = g_strdup ("");
  s->notes = g_strdup ("");
  return s;
}

void
canting_sludge_free (CantingSludge *sludge)
{
  if (sludge == NULL)
    return;
  g_free (sludge->on_date);
  g_free (sludge->destination);
  g_free (sludge->manifest);
  g_free (sludge->notes);
  g_free (sludge);
}

static gboolean
save_sludge_in_transaction (CantingDb  *db,
                            gpointer    user_data,
                            GError    **error)
{
  CantingSludge *s = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!plant_exists (db, s->plant_id, error))
    return FALSE;
  stmt = canting_sql_prepare (db,
                              s->id == 0
                              ? "INSERT INTO ipal_sludge (plant_id, on_date, amount, destination, manifest, notes) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                              : "UPDATE ipal_sludge SET plant_id = ?1, on_date = ?2, amount = ?3, destination = ?4, "
                                "manifest = ?5, notes = ?6 WHERE id = ?7",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->plant_id);
  sqlite3_bind_text (stmt, 2, s->on_date, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, s->amount);
  canting_sql_bind_trimmed (stmt, 4, s->destination);
  canting_sql_bind_trimmed (stmt, 5, s->manifest);
  canting_sql_bind_trimmed (stmt, 6, s->notes);
  if (s->id != 0)
    sqlite3_bind_int64 (stmt, 7, s->id);
  return canting_sql_save_record (db, stmt, &s->id, _("saving the sludge handover"),
                                  _("This entry no longer exists; it may have been restored from a backup."), error);
}

gboolean
canting_sludge_save (CantingDb      *db,
                     CantingSludge  *s,
                     GError        **error)
{
  g_autofree char *time = g_strconcat (s->on_date != NULL ? s->on_date : "", "T00:00", NULL);

  if (s->plant_id <= 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PLANT, _("Choose the plant (IPAL) this is for."));
      return FALSE;
    }
  if (s->amount <= 0)
    {
      g_set_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_AMOUNT, _("Type how much sludge went, above zero."));
      return FALSE;
    }
  if (!check_range (s->amount, DOSE_MAX, CANTING_IPAL_FIELD_AMOUNT, _("The amount of sludge"), " kg", error) ||
      !check_time (time, _("The date of the handover"), error) ||
      !canting_validate_text (s->destination, CANTING_TEXT_REQUIRED, _("Where it went"),
                              _("Say who took the sludge: dye sludge may be hazardous waste and its handover must be traceable."),
                              CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_DESTINATION, error) ||
      !check_text (s->manifest, 0, _("Handover document number"), error) ||
      !check_text (s->notes, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Notes"), error))
    return FALSE;
  return canting_db_transaction (db, save_sludge_in_transaction, s, error);
}

CantingSludge *
canting_sludge_load (CantingDb  *db,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT plant_id, on_date, amount, destination, manifest, notes "
                                                      "FROM ipal_sludge WHERE id = ?1",
                                                      error);
  CantingSludge *s;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!canting_sql_step_one (db, stmt, _("reading the sludge handover"),
                             _("This entry no longer exists; it may have been restored from a backup."), error))
    return NULL;
  s = g_new0 (CantingSludge, 1);
  s->id = id;
  s->plant_id = sqlite3_column_int64 (stmt, 0);
  s->on_date = canting_sql_dup_text (stmt, 1);
  s->amount = sqlite3_column_int64 (stmt, 2);
  s->destination = canting_sql_dup_text (stmt, 3);
  s->manifest = canting_sql_dup_text (stmt, 4);
  s->notes = canting_sql_dup_text (stmt, 5);
  return s;
}

/* --- the log as a list --------------------------------------------------- */

void
canting_ipal_row_free (CantingIpalRow *row)
{
  if (row == NULL)
    return;
  g_free (row->at);
  g_free (row->plant_name);
  g_free (row->summary);
  g_free (row);
}

#define ROWS_FROM \
  " FROM (SELECT 0 AS kind, id, at, plant_id FROM ipal_logs" \
  "       UNION ALL SELECT 1, id, sampled_at, plant_id FROM ipal_lab_tests" \
  "       UNION ALL SELECT 2, id, on_date || 'T00:00', plant_id FROM ipal_sludge)" \
  " WHERE (?1 = 0 OR plant_id = ?1) AND (?2 IS NULL OR substr(at, 1, 10) >= ?2)" \
  " AND (?3 IS NULL OR substr(at, 1, 10) <= ?3)"

static void
bind_filter (sqlite3_stmt            *stmt,
             const CantingIpalFilter *filter)
{
  sqlite3_bind_int64 (stmt, 1, filter->plant_id);
  if (filter->from != NULL)
    sqlite3_bind_text (stmt, 2, filter->from, -1, SQLITE_TRANSIENT);
  if (filter->to != NULL)
    sqlite3_bind_text (stmt, 3, filter->to, -1, SQLITE_TRANSIENT);
}

static void
append_value (GString              *text,
              const char           *label,
              CantingIpalParameter  parameter,
              CantingQuantity       value)
{
  g_autofree char *shown = NULL;

  if (value == CANTING_IPAL_NO_VALUE)
    return;
  shown = canting_ipal_format_value (parameter, value);
  g_string_append_printf (text, "%s%s %s", text->len > 0 ? " · " : "", label, shown);
}

static gboolean
fill_log_row (CantingDb       *db,
              CantingIpalRow  *row,
              GError         **error)
{
  g_autoptr(CantingIpalLog) l = canting_ipal_log_load (db, row->id, error);
  g_autoptr(GPtrArray) over = NULL;
  GString *text = g_string_new (NULL);

  if (l == NULL)
    return FALSE;
  over = canting_ipal_log_exceedances (db, l, error);
  if (over == NULL)
    return FALSE;
  append_value (text, _("pH in"), CANTING_IPAL_PH, l->ph_in);
  append_value (text, _("pH out"), CANTING_IPAL_PH, l->ph_out);
  append_value (text, _("Temperature"), CANTING_IPAL_TEMPERATURE, l->temperature);
  if (l->outflow != CANTING_IPAL_NO_VALUE)
    {
      g_autofree char *litres = canting_quantity_format (l->outflow);
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, _("%s L out"), litres);
    }
  if (*l->incident != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", l->incident);
  row->plant_name = g_steal_pointer (&l->plant_name);
  row->exceedances = over->len;
  row->summary = g_string_free (text, FALSE);
  return TRUE;
}

static gboolean
fill_lab_row (CantingDb       *db,
              CantingIpalRow  *row,
              GError         **error)
{
  g_autoptr(CantingLabTest) t = canting_lab_test_load (db, row->id, error);
  g_autoptr(GPtrArray) over = NULL;
  GString *text = g_string_new (NULL);

  if (t == NULL)
    return FALSE;
  over = canting_lab_test_exceedances (db, t, error);
  if (over == NULL)
    return FALSE;
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    append_value (text, canting_ipal_parameter_label (i), i, t->results[i]);
  g_string_prepend (text, _("Lab test: "));
  row->plant_name = g_steal_pointer (&t->plant_name);
  row->exceedances = over->len;
  row->summary = g_string_free (text, FALSE);
  return TRUE;
}

static gboolean
fill_sludge_row (CantingDb       *db,
                 CantingIpalRow  *row,
                 GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT s.amount, s.destination, s.manifest, p.name "
                                                      "FROM ipal_sludge s JOIN ipal_plants p ON p.id = s.plant_id WHERE s.id = ?1",
                                                      error);
  g_autofree char *amount = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), SQLITE_CORRUPT, _("reading the sludge handover"));
      return FALSE;
    }
  amount = canting_quantity_format (sqlite3_column_int64 (stmt, 0));
  row->summary = g_strdup_printf (_("Sludge removed: %s kg to %s"), amount, (const char *) sqlite3_column_text (stmt, 1));
  if (*(const char *) sqlite3_column_text (stmt, 2) != '\0')
    {
      g_autofree char *more = g_strdup_printf (_("%s (document %s)"), row->summary,
                                               (const char *) sqlite3_column_text (stmt, 2));
      g_free (row->summary);
      row->summary = g_steal_pointer (&more);
    }
  row->plant_name = canting_sql_dup_text (stmt, 3);
  return TRUE;
}

GPtrArray *
canting_ipal_search (CantingDb               *db,
                     const CantingIpalFilter *filter,
                     guint                    offset,
                     guint                    limit,
                     GError                 **error)
{
  /* Each kind's newest rows through its own order (the log's index on
   * its time), as many as the page needs, and only those merged and
   * sorted: sorting the union of every entry ever made takes tens of
   * milliseconds at ten years.  The same rows as ROWS_FROM in the same
   * order. */
#define PAGE_BRANCH(kind, at, table) \
  " SELECT * FROM (SELECT " kind " AS kind, id, " at " AS at FROM " table \
  "  WHERE (?1 = 0 OR plant_id = ?1) AND (?2 IS NULL OR substr(" at ", 1, 10) >= ?2)" \
  "  AND (?3 IS NULL OR substr(" at ", 1, 10) <= ?3) ORDER BY " at " DESC, id DESC LIMIT ?4 + ?5)"
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT kind, id, at FROM ("
                                                      PAGE_BRANCH ("0", "at", "ipal_logs") " UNION ALL"
                                                      PAGE_BRANCH ("1", "sampled_at", "ipal_lab_tests") " UNION ALL"
                                                      PAGE_BRANCH ("2", "on_date || 'T00:00'", "ipal_sludge") ")"
                                                      " ORDER BY at DESC, kind, id DESC LIMIT ?4 OFFSET ?5",
                                                      error);
#undef PAGE_BRANCH
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int64 (stmt, 5, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingIpalRow *row = g_new0 (CantingIpalRow, 1);

      row->kind = sqlite3_column_int (stmt, 0);
      row->id = sqlite3_column_int64 (stmt, 1);
      row->at = canting_sql_dup_text (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the IPAL log"));
      return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CantingIpalRow *row = g_ptr_array_index (rows, i);
      gboolean ok = row->kind == CANTING_IPAL_ROW_LOG ? fill_log_row (db, row, error)
                    : row->kind == CANTING_IPAL_ROW_LAB ? fill_lab_row (db, row, error)
                                                        : fill_sludge_row (db, row, error);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&rows);
}

gint64
canting_ipal_count (CantingDb               *db,
                    const CantingIpalFilter *filter,
                    GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT count(*)" ROWS_FROM, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting the IPAL log"), error))
    return -1;
  return n;
}
