/* test-ipal.c: the IPAL log, lab tests, standards and compliance. */
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-ipal.h"
#include "canting-ipal-standard.h"
#include "canting-ipal-trend.h"
#include "canting-test-util.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 plant;
} Fixture;

#define Q(units) ((CantingQuantity) ((units) * 1000))

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plants = NULL;

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  /* Every workshop starts with its own plant. */
  plants = canting_ipal_plant_list (f->db, FALSE, &error);
  g_assert_cmpuint (plants->len, ==, 1);
  f->plant = ((CantingIpalPlant *) plants->pdata[0])->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

static CantingLabTest *
lab_test (Fixture    *f,
          const char *sampled_at)
{
  CantingLabTest *t = canting_lab_test_new ();

  t->plant_id = f->plant;
  g_free (t->sampled_at);
  t->sampled_at = g_strdup (sampled_at);
  return t;
}

static guint
lab_exceedances (Fixture        *f,
                 CantingLabTest *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) over = canting_lab_test_exceedances (f->db, t, &error);

  g_assert_no_error (error);
  return over->len;
}

static guint
log_exceedances (Fixture        *f,
                 CantingIpalLog *l)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) over = canting_ipal_log_exceedances (f->db, l, &error);

  g_assert_no_error (error);
  return over->len;
}

static void
test_boundaries (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CantingLabTest) t = lab_test (f, "2026-11-02T09:00");
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  g_autoptr(GPtrArray) over = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  /* A home workshop (no flow recorded): the under-100 m³ tier. */
  t->results[CANTING_IPAL_BOD] = Q (60);
  t->results[CANTING_IPAL_COD] = Q (150);
  t->results[CANTING_IPAL_TSS] = Q (50);
  t->results[CANTING_IPAL_PHENOL] = 500;
  t->results[CANTING_IPAL_CHROMIUM] = Q (1);
  t->results[CANTING_IPAL_SULFIDE] = 300;
  t->results[CANTING_IPAL_COLOUR] = Q (200);
  g_assert_cmpuint (lab_exceedances (f, t), ==, 0);  /* exactly at every limit */
  t->results[CANTING_IPAL_BOD] = Q (60) + 1;
  g_assert_cmpuint (lab_exceedances (f, t), ==, 1);
  t->results[CANTING_IPAL_BOD] = Q (60);
  t->results[CANTING_IPAL_COD] = Q (180);
  over = canting_lab_test_exceedances (f->db, t, &error);
  g_assert_cmpuint (over->len, ==, 1);
  g_assert_cmpint (((CantingExceedance *) over->pdata[0])->excess, ==, Q (30));
  described = canting_exceedance_describe (over->pdata[0]);
  g_assert_cmpstr (described, ==, "COD 180 mg/L, limit 150 mg/L: 30 mg/L over (Permen LH 12/2025 Lamp. I)");

  /* pH at both ends, and the temperature of the effluent. */
  l->plant_id = f->plant;
  l->ph_in = Q (11);
  l->ph_out = Q (6);
  g_assert_cmpuint (log_exceedances (f, l), ==, 0);
  l->ph_out = Q (6) - 1;
  g_assert_cmpuint (log_exceedances (f, l), ==, 1);
  l->ph_out = Q (9);
  g_assert_cmpuint (log_exceedances (f, l), ==, 0);
  l->ph_out = Q (9) + 1;
  g_assert_cmpuint (log_exceedances (f, l), ==, 1);
  l->ph_out = Q (7);
  l->temperature = Q (38);
  g_assert_cmpuint (log_exceedances (f, l), ==, 0);
  l->temperature = Q (38.5);
  g_assert_cmpuint (log_exceedances (f, l), ==, 1);
  /* What comes in is not held to the standard. */
  l->temperature = Q (30);
  l->ph_in = Q (12.5);
  g_assert_cmpuint (log_exceedances (f, l), ==, 0);
}

static void
test_flow_tiers (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CantingLabTest) t = lab_test (f, "2026-11-10T09:00");
  g_autoptr(GError) error = NULL;

  t->results[CANTING_IPAL_BOD] = Q (50);
  g_assert_cmpuint (lab_exceedances (f, t), ==, 0);  /* limit 60 */

  /* Two days of 150 m³ out: the 100–1000 m³ tier, limit 45. */
  for (int day = 8; day <= 9; day++)
    {
      g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();

      l->plant_id = f->plant;
      g_free (l->at);
      l->at = g_strdup_printf ("2026-11-%02dT16:00", day);
      l->outflow = Q (150000);
      g_assert_true (canting_ipal_log_save (f->db, l, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (canting_ipal_plant_flow (f->db, f->plant, "2026-11-10", &error), ==, Q (150));
  g_assert_cmpuint (lab_exceedances (f, t), ==, 1);
  /* A month later those days no longer count, and no capacity is set. */
  g_assert_cmpint (canting_ipal_plant_flow (f->db, f->plant, "2026-12-20", &error), ==, 0);
  /* The flow the lab measured at sampling wins: 1200 m³, limit 35. */
  t->flow = Q (1200);
  t->results[CANTING_IPAL_BOD] = Q (36);
  g_assert_cmpuint (lab_exceedances (f, t), ==, 1);
  t->results[CANTING_IPAL_BOD] = Q (35);
  g_assert_cmpuint (lab_exceedances (f, t), ==, 0);
}

static void
test_custom_standard (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CantingIpalStandard) regional = g_new0 (CantingIpalStandard, 1);
  g_autoptr(CantingIpalStandard) active = NULL;
  g_autoptr(CantingLabTest) t = lab_test (f, "2026-11-02T09:00");
  g_autoptr(GPtrArray) over = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  CantingIpalLimit *bod = g_new0 (CantingIpalLimit, 1);
  CantingIpalLimit *bad = g_new0 (CantingIpalLimit, 1);

  regional->name = g_strdup ("Baku mutu Jawa Timur");
  regional->source = g_strdup ("Pergub Jatim 72/2013");
  regional->limits = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_limit_free);
  bod->parameter = CANTING_IPAL_BOD;
  bod->flow_max = CANTING_IPAL_NO_VALUE;
  bod->min_value = CANTING_IPAL_NO_VALUE;
  bod->max_value = Q (50);
  bod->source = g_strdup ("Pergub Jatim 72/2013");
  g_ptr_array_add (regional->limits, bod);

  /* A limit with neither bound: refused, nothing saved. */
  bad->parameter = CANTING_IPAL_COD;
  bad->flow_max = CANTING_IPAL_NO_VALUE;
  bad->min_value = CANTING_IPAL_NO_VALUE;
  bad->max_value = CANTING_IPAL_NO_VALUE;
  g_ptr_array_add (regional->limits, bad);
  g_assert_false (canting_ipal_standard_save (f->db, regional, TRUE, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT);
  g_clear_error (&error);
  g_assert_cmpint (regional->id, ==, 0);
  all = canting_ipal_standard_list (f->db, &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_ptr_array_remove_index (regional->limits, 1);

  /* A stricter volume per ton of product, with its own source; a
   * negative one is refused. */
  regional->max_volume_per_ton = -Q (1);
  g_assert_false (canting_ipal_standard_save (f->db, regional, TRUE, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT);
  g_clear_error (&error);
  regional->max_volume_per_ton = Q (80);
  regional->volume_per_ton_source = g_strdup ("Pergub Jatim 72/2013");

  g_assert_true (canting_ipal_standard_save (f->db, regional, TRUE, &error));
  g_assert_no_error (error);
  active = canting_ipal_standard_active (f->db, &error);
  g_assert_cmpstr (active->name, ==, "Baku mutu Jawa Timur");
  g_assert_cmpint (active->max_volume_per_ton, ==, Q (80));
  g_assert_cmpstr (active->volume_per_ton_source, ==, "Pergub Jatim 72/2013");

  /* BOD 55 keeps within the national 60 but not the regional 50; the
   * regional standard says nothing of COD. */
  t->results[CANTING_IPAL_BOD] = Q (55);
  t->results[CANTING_IPAL_COD] = Q (400);
  over = canting_lab_test_exceedances (f->db, t, &error);
  g_assert_cmpuint (over->len, ==, 1);
  g_assert_cmpint (((CantingExceedance *) over->pdata[0])->parameter, ==, CANTING_IPAL_BOD);
  g_assert_cmpstr (((CantingExceedance *) over->pdata[0])->source, ==, "Pergub Jatim 72/2013");

  /* Back to the national one: exactly one applies. */
  g_assert_true (canting_ipal_standard_activate (f->db, 1, &error));
  g_clear_pointer (&all, g_ptr_array_unref);
  all = canting_ipal_standard_list (f->db, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (((CantingIpalStandard *) all->pdata[0])->active);
  g_assert_false (((CantingIpalStandard *) all->pdata[1])->active);
  g_assert_cmpuint (lab_exceedances (f, t), ==, 1);  /* now the COD */
}

static void
test_plausibility (void)
{
  g_autoptr(CantingLabTest) t = canting_lab_test_new ();
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  g_autoptr(GPtrArray) warnings = NULL;

  t->results[CANTING_IPAL_BOD] = Q (90);
  t->results[CANTING_IPAL_COD] = Q (80);
  warnings = canting_lab_test_plausibility (t);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "BOD (90 mg/L) is above COD (80 mg/L)"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  t->results[CANTING_IPAL_COD] = Q (90);
  warnings = canting_lab_test_plausibility (t);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  l->ph_in = Q (11);
  l->ph_out = Q (7);  /* exactly 4: a strong treatment, not odd */
  warnings = canting_ipal_log_plausibility (l);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  l->ph_out = Q (6.9);
  warnings = canting_ipal_log_plausibility (l);
  g_assert_cmpuint (warnings->len, ==, 1);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  g_autoptr(CantingLabTest) t = lab_test (f, "2099-01-01T09:00");
  g_autoptr(CantingSludge) s = canting_sludge_new ();
  g_autoptr(GError) error = NULL;

  l->plant_id = f->plant;
  l->ph_out = Q (14.5);
  g_assert_false (canting_ipal_log_save (f->db, l, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PH_OUT);
  g_clear_error (&error);
  l->ph_out = Q (7);
  l->inflow = -Q (10);
  g_assert_false (canting_ipal_log_save (f->db, l, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_INFLOW);
  g_clear_error (&error);
  l->inflow = Q (500);
  l->temperature = Q (101);
  g_assert_false (canting_ipal_log_save (f->db, l, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEMPERATURE);
  g_clear_error (&error);
  l->temperature = Q (29);
  g_free (l->at);
  l->at = g_strdup ("2026-13-40T07:00");
  g_assert_false (canting_ipal_log_save (f->db, l, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TIME);
  g_clear_error (&error);
  l->plant_id = 999;
  g_free (l->at);
  l->at = g_strdup ("2026-11-02T07:00");
  g_assert_false (canting_ipal_log_save (f->db, l, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_PLANT);
  g_clear_error (&error);

  /* A lab date in the future. */
  t->results[CANTING_IPAL_COD] = Q (100);
  g_assert_false (canting_lab_test_save (f->db, t, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TIME);
  g_clear_error (&error);
  g_free (t->sampled_at);
  t->sampled_at = g_strdup ("2026-11-02T09:00");
  t->results[CANTING_IPAL_PH] = Q (15);
  g_assert_false (canting_lab_test_save (f->db, t, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_RESULT);
  g_clear_error (&error);

  /* Sludge goes somewhere traceable. */
  s->plant_id = f->plant;
  s->amount = Q (25);
  g_assert_false (canting_sludge_save (f->db, s, &error));
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_DESTINATION);
  g_clear_error (&error);

  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (f->db),
                                           "SELECT (SELECT count(*) FROM ipal_logs) + (SELECT count(*) FROM ipal_lab_tests)"
                                           " + (SELECT count(*) FROM ipal_lab_results) + (SELECT count(*) FROM ipal_sludge)"),
                   ==, 0);
}

static void
test_log_and_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  g_autoptr(CantingIpalLog) read = NULL;
  g_autoptr(CantingLabTest) t = lab_test (f, "2026-10-01T10:00");
  g_autoptr(CantingLabTest) t_read = NULL;
  g_autoptr(CantingSludge) s = canting_sludge_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CantingIpalFilter all = { 0 };
  CantingIpalFilter october = { 0, "2026-10-01", "2026-10-31" };

  g_assert_cmpint (canting_lab_test_days_since (f->db, f->plant, "2026-11-24", &error), ==, -1);

  l->plant_id = f->plant;
  g_free (l->at);
  l->at = g_strdup ("2026-11-02T07:30");
  l->inflow = Q (1200);
  l->outflow = Q (1150);
  l->ph_in = Q (10.5);
  l->ph_out = Q (9.5);
  l->temperature = Q (31);
  l->pac = 250;
  l->rain = TRUE;
  g_free (l->operator_name);
  l->operator_name = g_strdup ("Pak Darto");
  g_assert_true (canting_ipal_log_save (f->db, l, &error));
  g_assert_no_error (error);
  read = canting_ipal_log_load (f->db, l->id, &error);
  g_assert_cmpint (read->ph_out, ==, Q (9.5));
  g_assert_cmpint (read->lime, ==, CANTING_IPAL_NO_VALUE);
  g_assert_true (read->rain);
  g_assert_cmpstr (read->operator_name, ==, "Pak Darto");
  g_assert_cmpstr (read->plant_name, ==, "IPAL bengkel");

  t->results[CANTING_IPAL_BOD] = Q (40);
  t->results[CANTING_IPAL_COD] = Q (120);
  g_free (t->laboratory);
  t->laboratory = g_strdup ("UPT Laboratorium Lingkungan Jatim");
  t->accredited = TRUE;
  g_assert_true (canting_lab_test_save (f->db, t, &error));
  g_assert_no_error (error);
  t_read = canting_lab_test_load (f->db, t->id, &error);
  g_assert_cmpint (t_read->results[CANTING_IPAL_COD], ==, Q (120));
  g_assert_cmpint (t_read->results[CANTING_IPAL_TSS], ==, CANTING_IPAL_NO_VALUE);
  g_assert_true (t_read->accredited);
  g_assert_cmpint (canting_lab_test_days_since (f->db, f->plant, "2026-11-24", &error), ==, 54);

  s->plant_id = f->plant;
  g_free (s->on_date);
  s->on_date = g_strdup ("2026-11-05");
  s->amount = Q (25);
  g_free (s->destination);
  s->destination = g_strdup ("PT Pengolah Limbah B3");
  g_free (s->manifest);
  s->manifest = g_strdup ("MNF-0042");
  g_assert_true (canting_sludge_save (f->db, s, &error));
  g_assert_no_error (error);
  /* Corrected later: the same handover, not a second one. */
  {
    g_autoptr(CantingSludge) edited = canting_sludge_load (f->db, s->id, &error);
    g_autoptr(CantingSludge) read_back = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (edited->plant_id, ==, f->plant);
    g_assert_cmpstr (edited->on_date, ==, "2026-11-05");
    g_assert_cmpint (edited->amount, ==, Q (25));
    g_assert_cmpstr (edited->destination, ==, "PT Pengolah Limbah B3");
    g_assert_cmpstr (edited->manifest, ==, "MNF-0042");
    edited->amount = Q (27.5);
    g_assert_true (canting_sludge_save (f->db, edited, &error));
    g_assert_cmpint (edited->id, ==, s->id);
    read_back = canting_sludge_load (f->db, s->id, &error);
    g_assert_cmpint (read_back->amount, ==, Q (27.5));
    g_assert_cmpint (canting_test_query_int (canting_db_get_handle (f->db), "SELECT count(*) FROM ipal_sludge"), ==, 1);
    g_assert_null (canting_sludge_load (f->db, 999, &error));
    g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Newest first, each summarised, the pH 9,5 flagged. */
  g_assert_cmpint (canting_ipal_count (f->db, &all, &error), ==, 3);
  rows = canting_ipal_search (f->db, &all, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpint (((CantingIpalRow *) rows->pdata[0])->kind, ==, CANTING_IPAL_ROW_SLUDGE);
  g_assert_cmpstr (((CantingIpalRow *) rows->pdata[0])->summary, ==,
                   "Sludge removed: 27,5 kg to PT Pengolah Limbah B3 (document MNF-0042)");
  g_assert_cmpint (((CantingIpalRow *) rows->pdata[1])->kind, ==, CANTING_IPAL_ROW_LOG);
  g_assert_cmpuint (((CantingIpalRow *) rows->pdata[1])->exceedances, ==, 1);
  g_assert_nonnull (strstr (((CantingIpalRow *) rows->pdata[1])->summary, "pH out 9,5"));
  g_assert_cmpint (((CantingIpalRow *) rows->pdata[2])->kind, ==, CANTING_IPAL_ROW_LAB);
  g_assert_cmpuint (((CantingIpalRow *) rows->pdata[2])->exceedances, ==, 0);
  g_assert_cmpint (canting_ipal_count (f->db, &october, &error), ==, 1);
}

static void
test_trend (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CantingLabTest) t = lab_test (f, "2026-10-15T10:00");
  g_autoptr(GPtrArray) ph = NULL;
  g_autoptr(GPtrArray) bod = NULL;
  g_autoptr(GPtrArray) volumes = NULL;
  g_autoptr(GError) error = NULL;
  CantingQuantity min = 0, max = 0;
  guint judged = 0, compliant = 0;
  static const struct { const char *at; CantingQuantity ph_out; CantingQuantity outflow; } days[] = {
    { "2026-09-30T07:00", Q (7), Q (900) },
    { "2026-10-01T07:00", Q (7.5), Q (1000) },
    { "2026-10-02T07:00", Q (9.5), Q (1200) },
    { "2026-10-03T07:00", CANTING_IPAL_NO_VALUE, Q (800) },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();

      l->plant_id = f->plant;
      g_free (l->at);
      l->at = g_strdup (days[i].at);
      l->ph_out = days[i].ph_out;
      l->outflow = days[i].outflow;
      g_assert_true (canting_ipal_log_save (f->db, l, &error));
    }
  t->results[CANTING_IPAL_BOD] = Q (70);
  t->results[CANTING_IPAL_PH] = Q (8);
  g_assert_true (canting_lab_test_save (f->db, t, &error));
  g_assert_no_error (error);

  /* pH from the log and the lab test, in October only. */
  ph = canting_ipal_series (f->db, f->plant, CANTING_IPAL_PH, "2026-10-01", "2026-10-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ph->len, ==, 3);
  g_assert_cmpint (((CantingIpalPoint *) ph->pdata[0])->value, ==, Q (7.5));
  g_assert_cmpint (((CantingIpalPoint *) ph->pdata[2])->value, ==, Q (8));
  bod = canting_ipal_series (f->db, 0, CANTING_IPAL_BOD, "2026-10-01", "2026-10-31", &error);
  g_assert_cmpuint (bod->len, ==, 1);

  g_assert_true (canting_ipal_current_limit (f->db, f->plant, CANTING_IPAL_PH, &min, &max, &error));
  g_assert_cmpint (min, ==, Q (6));
  g_assert_cmpint (max, ==, Q (9));
  g_assert_true (canting_ipal_current_limit (f->db, f->plant, CANTING_IPAL_BOD, &min, &max, &error));
  g_assert_cmpint (min, ==, CANTING_IPAL_NO_VALUE);
  g_assert_cmpint (max, ==, Q (60));

  /* October: two judged entries (one over) and the lab test (BOD over). */
  g_assert_true (canting_ipal_compliance (f->db, f->plant, "2026-10-01", "2026-10-31", &judged, &compliant, &error));
  g_assert_cmpuint (judged, ==, 3);
  g_assert_cmpuint (compliant, ==, 1);

  /* Production: an item of 4 pieces through two stages, the last done
   * on 3 October (an IPAL entry that day), the first on 2 October
   * (likewise); another item's stage on 5 October, with no entry; one
   * piece finished on the last day of September and five on the first
   * of November, either side of October. */
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db),
                                 "INSERT INTO customers (id, name) VALUES (1, 'Bu Sri');"
                                 "INSERT INTO orders (id, number, year, seq, customer_id, order_date, status) "
                                 "  VALUES (1, 'PSN-2026-0001', 2026, 1, 1, '2026-09-20', 'in_production');"
                                 "INSERT INTO order_items (id, order_id, position, description, quantity, unit_price) "
                                 "  VALUES (1, 1, 1, 'Kain', 4, 100000), (2, 1, 2, 'Selendang', 2, 50000),"
                                 "         (3, 1, 3, 'Sarung', 1, 80000), (4, 1, 4, 'Taplak', 5, 40000);"
                                 "INSERT INTO workers (id, name) VALUES (1, 'Mbak Yuli');"
                                 "INSERT INTO item_stages (order_item_id, position, name, technique, done_on, worker_id) VALUES"
                                 "  (1, 1, 'Pola', 'tulis', '2026-10-02', 1), (1, 2, 'Lorod', 'tulis', '2026-10-03', 1),"
                                 "  (2, 1, 'Pola', 'tulis', '2026-10-05', 1), (2, 2, 'Lorod', 'tulis', NULL, NULL),"
                                 "  (3, 1, 'Lorod', 'tulis', '2026-09-30', 1), (4, 1, 'Lorod', 'tulis', '2026-11-01', 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  volumes = canting_ipal_monthly_volume (f->db, f->plant, "2026-09-01", "2026-10-31", &error);
  g_assert_cmpuint (volumes->len, ==, 2);
  g_assert_cmpstr (((CantingIpalVolume *) volumes->pdata[0])->month, ==, "2026-09");
  g_assert_cmpint (((CantingIpalVolume *) volumes->pdata[0])->pieces, ==, 1);
  g_assert_cmpint (((CantingIpalVolume *) volumes->pdata[1])->litres, ==, Q (3000));
  /* Only the first item is finished: 4 pieces, 750 litres a piece. */
  g_assert_cmpint (((CantingIpalVolume *) volumes->pdata[1])->pieces, ==, 4);
  {
    g_autoptr(CantingIpalVolume) october = canting_ipal_month_volume (f->db, f->plant, "2026-10", &error);

    g_assert_no_error (error);
    g_assert_cmpint (october->pieces, ==, 4);
  }

  {
    g_autoptr(GPtrArray) missing = canting_ipal_unlogged_production_days (f->db, f->plant, "2026-10-01", "2026-10-31",
                                                                          &error);
    g_assert_no_error (error);
    g_assert_cmpuint (missing->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "2026-10-05");
  }
  {
    /* An entry on the period's last day counts for it. */
    g_autoptr(GPtrArray) missing = canting_ipal_unlogged_production_days (f->db, f->plant, "2026-10-02", "2026-10-03",
                                                                          &error);
    g_assert_no_error (error);
    g_assert_cmpuint (missing->len, ==, 0);
  }
}

static void
save_outflow (Fixture         *f,
              const char      *at,
              CantingQuantity  outflow)
{
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  g_autoptr(GError) error = NULL;

  l->plant_id = f->plant;
  g_free (l->at);
  l->at = g_strdup (at);
  l->outflow = outflow;
  g_assert_true (canting_ipal_log_save (f->db, l, &error));
  g_assert_no_error (error);
}

/* Wastewater per ton of product against the national 100 m³: 4 pieces
 * of 500 g (2 kg) with 200 litres is exactly 100 m³ a ton and keeps
 * within; a millilitre more does not; a piece without a weight leaves
 * the month not worked out rather than flattered. */
static void
test_per_ton (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CantingIpalStandard) standard = canting_ipal_standard_active (f->db, NULL);
  g_autoptr(CantingIpalVolume) october = NULL;
  g_autoptr(GPtrArray) volumes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CantingQuantity value = 0;
  gboolean within = FALSE;

  /* The national standard's limit, with its source. */
  g_assert_cmpint (standard->max_volume_per_ton, ==, Q (100));
  g_assert_cmpstr (standard->volume_per_ton_source, ==, "Permen LH 12/2025 Lamp. I");

  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db),
                                 "INSERT INTO customers (id, name) VALUES (1, 'Bu Sri');"
                                 "INSERT INTO products (id, sku, name, technique, price, weight) VALUES"
                                 "  (1, 'PB-TL-0001', 'Kain Parabha', 'tulis', 1000000, 500),"
                                 "  (2, 'KW-CP-0001', 'Selendang Kawung', 'cap', 200000, NULL);"
                                 "INSERT INTO orders (id, number, year, seq, customer_id, order_date, status) "
                                 "  VALUES (1, 'PSN-2026-0001', 2026, 1, 1, '2026-09-20', 'in_production');"
                                 "INSERT INTO order_items (id, order_id, position, product_id, description, quantity, unit_price) "
                                 "  VALUES (1, 1, 1, 1, 'Kain Parabha', 4, 1000000),"
                                 "         (2, 1, 2, 2, 'Selendang Kawung', 3, 200000),"
                                 "         (3, 1, 3, NULL, 'Kain pesanan khusus', 1, 500000);"
                                 "INSERT INTO workers (id, name) VALUES (1, 'Mbak Yuli');"
                                 "INSERT INTO item_stages (order_item_id, position, name, technique, done_on, worker_id) VALUES"
                                 "  (1, 1, 'Lorod', 'tulis', '2026-10-03', 1),"
                                 "  (2, 1, 'Lorod', 'cap', '2026-11-05', 1),"
                                 "  (3, 1, 'Lorod', 'tulis', '2026-12-07', 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  save_outflow (f, "2026-10-02T07:00", Q (120));
  save_outflow (f, "2026-10-03T07:00", Q (80));

  volumes = canting_ipal_monthly_volume (f->db, f->plant, "2026-10-01", "2026-10-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (volumes->len, ==, 1);
  october = g_ptr_array_steal_index (volumes, 0);
  g_assert_cmpint (october->litres, ==, Q (200));
  g_assert_cmpint (october->pieces, ==, 4);
  g_assert_cmpint (october->grams, ==, 2000);
  g_assert_cmpint (october->unweighed, ==, 0);
  g_assert_cmpint (canting_ipal_volume_per_ton (october, standard->max_volume_per_ton, &value, &within),
                   ==, CANTING_IPAL_PER_TON_OK);
  g_assert_cmpint (value, ==, Q (100));
  g_assert_true (within);
  text = canting_ipal_volume_per_ton_text (october, standard->max_volume_per_ton, standard->volume_per_ton_source);
  g_assert_cmpstr (text, ==, "100 m³, within the limit of 100 m³ (Permen LH 12/2025 Lamp. I)");
  g_clear_pointer (&text, g_free);

  /* A millilitre more. */
  save_outflow (f, "2026-10-04T07:00", 1);
  g_clear_pointer (&october, canting_ipal_volume_free);
  october = canting_ipal_month_volume (f->db, f->plant, "2026-10", &error);
  g_assert_no_error (error);
  g_assert_cmpint (october->litres, ==, Q (200) + 1);
  g_assert_cmpint (canting_ipal_volume_per_ton (october, standard->max_volume_per_ton, &value, &within),
                   ==, CANTING_IPAL_PER_TON_OK);
  g_assert_false (within);
  text = canting_ipal_volume_per_ton_text (october, standard->max_volume_per_ton, standard->volume_per_ton_source);
  g_assert_cmpstr (text, ==, "100,001 m³, 0,001 m³ over the limit of 100 m³ (Permen LH 12/2025 Lamp. I)");
  g_clear_pointer (&text, g_free);
  /* Well over, to a tenth. */
  october->litres = Q (281.5);
  text = canting_ipal_volume_per_ton_text (october, standard->max_volume_per_ton, standard->volume_per_ton_source);
  g_assert_cmpstr (text, ==, "140,8 m³, 40,8 m³ over the limit of 100 m³ (Permen LH 12/2025 Lamp. I)");
  g_clear_pointer (&text, g_free);
  /* A standard without such a limit. */
  g_assert_cmpint (canting_ipal_volume_per_ton (october, 0, &value, &within), ==, CANTING_IPAL_PER_TON_OK);
  g_assert_true (within);

  /* November: three pieces of a product not weighed yet. */
  save_outflow (f, "2026-11-05T07:00", Q (300));
  g_clear_pointer (&october, canting_ipal_volume_free);
  october = canting_ipal_month_volume (f->db, f->plant, "2026-11", &error);
  g_assert_cmpint (october->pieces, ==, 3);
  g_assert_cmpint (october->unweighed, ==, 3);
  g_assert_cmpint (canting_ipal_volume_per_ton (october, standard->max_volume_per_ton, &value, &within),
                   ==, CANTING_IPAL_PER_TON_WEIGHTS_MISSING);
  text = canting_ipal_volume_per_ton_text (october, standard->max_volume_per_ton, standard->volume_per_ton_source);
  g_assert_cmpstr (text, ==, "not worked out: 3 pieces made have no weight; give each product its weight per piece");
  g_clear_pointer (&text, g_free);
  /* A busy month's count as the workshop writes numbers. */
  october->unweighed = 18372;
  text = canting_ipal_volume_per_ton_text (october, standard->max_volume_per_ton, standard->volume_per_ton_source);
  g_assert_cmpstr (text, ==, "not worked out: 18.372 pieces made have no weight; give each product its weight per piece");
  g_clear_pointer (&text, g_free);

  /* December: a custom piece (no product, so no weight), and no outflow
   * recorded; January: nothing at all. */
  g_clear_pointer (&october, canting_ipal_volume_free);
  october = canting_ipal_month_volume (f->db, f->plant, "2026-12", &error);
  g_assert_cmpint (october->litres, ==, CANTING_IPAL_NO_VALUE);
  g_assert_cmpint (october->unweighed, ==, 1);
  g_assert_cmpint (canting_ipal_volume_per_ton (october, standard->max_volume_per_ton, &value, &within),
                   ==, CANTING_IPAL_PER_TON_NO_OUTFLOW);
  october->litres = Q (50);
  text = canting_ipal_volume_per_ton_text (october, standard->max_volume_per_ton, standard->volume_per_ton_source);
  g_assert_cmpstr (text, ==, "not worked out: 1 piece made has no weight; give each product its weight per piece");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&october, canting_ipal_volume_free);
  october = canting_ipal_month_volume (f->db, f->plant, "2027-01", &error);
  october->litres = Q (50);
  g_assert_cmpint (canting_ipal_volume_per_ton (october, standard->max_volume_per_ton, &value, &within),
                   ==, CANTING_IPAL_PER_TON_NOTHING_MADE);
}

static void
test_lab_report_file (Fixture       *f,
                      gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n% a lab report\n";
  g_autoptr(GBytes) report = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) text = g_bytes_new_static ("hasil uji", 9);
  g_autoptr(CantingLabTest) t = lab_test (f, "2026-11-02T09:00");
  g_autoptr(CantingLabTest) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = canting_lab_report_store (f->db, report, &error);
  g_autofree char *path = NULL;
  g_autofree char *refused = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  path = canting_lab_report_path (f->db, name);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  t->results[CANTING_IPAL_COD] = Q (100);
  t->attachment = g_strdup (name);
  g_assert_true (canting_lab_test_save (f->db, t, &error));
  read = canting_lab_test_load (f->db, t->id, &error);
  g_assert_cmpstr (read->attachment, ==, name);

  /* A photo with a daily entry, kept the same way. */
  {
    static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F' };
    g_autoptr(GBytes) photo = g_bytes_new_static (jpeg, sizeof jpeg);
    g_autofree char *photo_name = canting_lab_report_store (f->db, photo, &error);
    g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
    g_autoptr(CantingIpalLog) l_read = NULL;

    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (photo_name, ".jpg"));
    l->plant_id = f->plant;
    g_free (l->at);
    l->at = g_strdup ("2026-11-02T07:00");
    l->photo = g_strdup (photo_name);
    g_assert_true (canting_ipal_log_save (f->db, l, &error));
    l_read = canting_ipal_log_load (f->db, l->id, &error);
    g_assert_cmpstr (l_read->photo, ==, photo_name);
  }

  /* Not a PDF or an image: refused. */
  refused = canting_lab_report_store (f->db, text, &error);
  g_assert_null (refused);
  g_assert_error (error, CANTING_IPAL_ERROR, CANTING_IPAL_FIELD_TEXT);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ipal/plausibility", test_plausibility);
#define ADD(path, fn) g_test_add ("/ipal/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("boundaries", test_boundaries);
  ADD ("flow-tiers", test_flow_tiers);
  ADD ("custom-standard", test_custom_standard);
  ADD ("bad-input", test_bad_input);
  ADD ("log-and-list", test_log_and_list);
  ADD ("trend", test_trend);
  ADD ("per-ton", test_per_ton);
  ADD ("lab-report-file", test_lab_report_file);
#undef ADD
  return g_test_run ();
}
