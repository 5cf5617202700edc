/* canting-outcome.c: computing a workshop's outcome figures, its
 * anonymous id, and writing and reading the outcome file.
 *
 * Every figure reuses the rule its own module owns: income is the
 * ledger's (canting_ledger_totals), online channels the orders'
 * (canting_sales_channel_is_online), compliance the IPAL trend's
 * (canting_ipal_compliance), "low" the materials' (at or below the
 * reorder level).  The JSON is written by hand rather than through
 * JsonGenerator so its numbers read as the format documents them ("12.5",
 * not "12.4999999999999996") and its fields keep their documented order;
 * it is read back with json-glib. */
#include "canting-outcome.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-ipal-trend.h"
#include "canting-ledger.h"
#include "canting-order.h"
#include "canting-profile.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

G_DEFINE_QUARK (canting-outcome-error-quark, canting_outcome_error)

/* Kept beside the database in the data dir: a schema step is not ours to
 * add for one value, and the id must not change with the profile. */
#define WORKSHOP_ID_FILE "workshop-id"

G_STATIC_ASSERT (CANTING_SALES_CHANNEL_COUNT <= 32);

static void
period_clear (CantingOutcomePeriod *p)
{
  g_clear_pointer (&p->from, g_free);
  g_clear_pointer (&p->to, g_free);
}

void
canting_outcome_free (CantingOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->workshop_id);
  g_free (outcome->workshop_name);
  g_free (outcome->workshop_city);
  g_free (outcome->generated_at);
  g_free (outcome->generator);
  period_clear (&outcome->period);
  period_clear (&outcome->baseline);
  g_free (outcome);
}

gboolean
canting_outcome_share (gint64  part,
                       gint64  whole,
                       double *out_percent)
{
  if (whole <= 0)
    return FALSE;
  /* In double: a sum of rupiah times 1000 could overflow a gint64. */
  *out_percent = round ((double) part * 1000.0 / (double) whole) / 10.0;
  return TRUE;
}

gboolean
canting_outcome_growth (CantingMoney  baseline,
                        CantingMoney  period,
                        double       *out_percent)
{
  if (baseline <= 0)
    return FALSE;
  *out_percent = round ((double) (period - baseline) * 1000.0 / (double) baseline) / 10.0;
  /* A loss too small to show is no change, not "-0.0". */
  if (*out_percent == 0)
    *out_percent = 0;
  return TRUE;
}

guint
canting_outcome_channel_count (guint channels)
{
  guint n = 0;

  for (guint c = 0; c < CANTING_SALES_CHANNEL_COUNT; c++)
    n += (channels >> c) & 1;
  return n;
}

char *
canting_outcome_format_percent (const double *percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (percent == NULL)
    return g_strdup ("—");
  g_ascii_formatd (buf, sizeof buf, "%.1f", *percent);
  /* The decimal comma, as every figure Canting shows. */
  g_strdelimit (buf, ".", ',');
  return g_strdup_printf ("%s %%", buf);
}

/* --- figures ------------------------------------------------------------- */

/* The ids head the association's CSV columns: Indonesian like every
 * export, and stable whatever the language of the app. */
static const CantingEnumName figures[CANTING_OUTCOME_FIGURE_COUNT] = {
  [CANTING_OUTCOME_INCOME] = { "pemasukan", N_("Income") },
  [CANTING_OUTCOME_ORDERS] = { "pesanan", N_("Orders") },
  [CANTING_OUTCOME_CUSTOMERS] = { "pelanggan", N_("Customers") },
  [CANTING_OUTCOME_CITIES] = { "kota", N_("Cities reached") },
  [CANTING_OUTCOME_CHANNELS] = { "saluran", N_("Sales channels") },
  [CANTING_OUTCOME_ONLINE_SHARE] = { "penjualan_online_persen", N_("Online sales") },
  [CANTING_OUTCOME_IPAL_COMPLIANCE] = { "kepatuhan_ipal_persen", N_("IPAL compliance") },
  [CANTING_OUTCOME_LAB_TESTS] = { "uji_lab", N_("Lab tests") },
  [CANTING_OUTCOME_MATERIAL_SUFFICIENCY] = { "kecukupan_bahan_persen", N_("Materials kept in stock") },
};

const char *
canting_outcome_figure_label (CantingOutcomeFigure figure)
{
  return canting_enum_label (figures, CANTING_OUTCOME_FIGURE_COUNT, figure);
}

const char *
canting_outcome_figure_id (CantingOutcomeFigure figure)
{
  return canting_enum_id (figures, CANTING_OUTCOME_FIGURE_COUNT, figure);
}

gboolean
canting_outcome_figure_is_money (CantingOutcomeFigure figure)
{
  return figure == CANTING_OUTCOME_INCOME;
}

gboolean
canting_outcome_figure_is_percent (CantingOutcomeFigure figure)
{
  return figure == CANTING_OUTCOME_ONLINE_SHARE || figure == CANTING_OUTCOME_IPAL_COMPLIANCE ||
         figure == CANTING_OUTCOME_MATERIAL_SUFFICIENCY;
}

gboolean
canting_outcome_period_figure (const CantingOutcomePeriod *p,
                               CantingOutcomeFigure        figure,
                               double                     *out_value)
{
  switch (figure)
    {
    case CANTING_OUTCOME_INCOME:
      *out_value = (double) p->income;
      return TRUE;
    case CANTING_OUTCOME_ORDERS:
      *out_value = (double) p->orders;
      return TRUE;
    case CANTING_OUTCOME_CUSTOMERS:
      *out_value = (double) p->customers;
      return TRUE;
    case CANTING_OUTCOME_CITIES:
      *out_value = (double) p->cities;
      return TRUE;
    case CANTING_OUTCOME_CHANNELS:
      *out_value = canting_outcome_channel_count (p->channels);
      return TRUE;
    case CANTING_OUTCOME_ONLINE_SHARE:
      return canting_outcome_share (p->online_sales, p->sales, out_value);
    case CANTING_OUTCOME_IPAL_COMPLIANCE:
      return canting_outcome_share (p->ipal_compliant, p->ipal_measurements, out_value);
    case CANTING_OUTCOME_LAB_TESTS:
      *out_value = (double) p->lab_tests;
      return TRUE;
    case CANTING_OUTCOME_MATERIAL_SUFFICIENCY:
      return canting_outcome_share (p->materials_sufficient, p->materials_in_use, out_value);
    default:
      g_return_val_if_reached (FALSE);
    }
}

char *
canting_outcome_figure_format (CantingOutcomeFigure  figure,
                               const double         *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == NULL)
    return g_strdup ("—");
  if (canting_outcome_figure_is_percent (figure))
    return canting_outcome_format_percent (value);
  if (canting_outcome_figure_is_money (figure))
    return canting_money_format ((CantingMoney) round (*value));
  if (*value == round (*value))
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) *value);
  /* The median of an even number of counts. */
  g_ascii_formatd (buf, sizeof buf, "%.1f", *value);
  g_strdelimit (buf, ".", ',');
  return g_strdup (buf);
}

/* --- the workshop's id --------------------------------------------------- */

static char *
read_id (const char *path)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  g_strstrip (text);
  return g_uuid_string_is_valid (text) ? g_steal_pointer (&text) : NULL;
}

char *
canting_outcome_workshop_id (CantingDb  *db,
                             GError    **error)
{
  g_autofree char *path = g_build_filename (canting_db_get_data_dir (db), WORKSHOP_ID_FILE, NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *id = read_id (path);
  g_autofree char *line = NULL;
  gboolean damaged;

  if (id != NULL)
    return g_steal_pointer (&id);
  damaged = g_file_test (path, G_FILE_TEST_EXISTS);
  id = g_uuid_string_random ();
  line = g_strconcat (id, "\n", NULL);
  tmp = g_strconcat (path, ".new", NULL);
  if (!g_file_set_contents_full (tmp, line, -1, G_FILE_SET_CONTENTS_DURABLE, 0600, error))
    return NULL;
  /* link() never replaces: if another process made the id meanwhile,
   * theirs stands and is read back.  A damaged file (not a UUID) is
   * replaced; the id it held is lost either way. */
  if ((damaged ? g_rename (tmp, path) : link (tmp, path)) != 0 && errno != EEXIST)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot save “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  g_unlink (tmp);
  g_free (id);
  id = read_id (path);
  if (id == NULL)
    g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                 _("The workshop’s outcome id in “%s” cannot be read."), path);
  return g_steal_pointer (&id);
}

/* --- computing ----------------------------------------------------------- */

static gboolean
check_range (const char  *from,
             const char  *to,
             int          from_field,
             int          to_field,
             gboolean     baseline,
             GError     **error)
{
  if (!canting_date_is_valid (from))
    {
      g_set_error (error, CANTING_OUTCOME_ERROR, from_field,
                   baseline ? _("The start of the baseline period, “%s”, is not a date; write it as YYYY-MM-DD.")
                            : _("The start of the period, “%s”, is not a date; write it as YYYY-MM-DD."),
                   from != NULL ? from : "");
      return FALSE;
    }
  if (!canting_date_is_valid (to))
    {
      g_set_error (error, CANTING_OUTCOME_ERROR, to_field,
                   baseline ? _("The end of the baseline period, “%s”, is not a date; write it as YYYY-MM-DD.")
                            : _("The end of the period, “%s”, is not a date; write it as YYYY-MM-DD."),
                   to != NULL ? to : "");
      return FALSE;
    }
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, CANTING_OUTCOME_ERROR, to_field,
                   baseline ? _("The baseline period ends (%s) before it starts (%s).")
                            : _("The period ends (%s) before it starts (%s)."), to, from);
      return FALSE;
    }
  return TRUE;
}

static gboolean
compute_orders (CantingDb             *db,
                CantingOutcomePeriod  *p,
                GError               **error)
{
  /* The channel's rule (which are online) is the order module's, so the
   * sums come per channel and are told apart here. */
  g_autoptr(sqlite3_stmt) by_channel = canting_sql_prepare (db,
                                                            "SELECT channel, count(*), coalesce(sum(total), 0) FROM orders "
                                                            "WHERE status NOT IN ('draft', 'cancelled') "
                                                            "AND order_date BETWEEN ?1 AND ?2 GROUP BY channel",
                                                            error);
  /* A city written "Malang", "malang" or " Malang" is one city. */
  g_autoptr(sqlite3_stmt) reach = canting_sql_prepare (db,
                                                       "SELECT count(DISTINCT o.customer_id), "
                                                       "       count(DISTINCT nullif(lower(trim(c.city)), '')) "
                                                       "FROM orders o JOIN customers c ON c.id = o.customer_id "
                                                       "WHERE o.status NOT IN ('draft', 'cancelled') "
                                                       "AND o.order_date BETWEEN ?1 AND ?2",
                                                       error);
  int rc;

  if (by_channel == NULL || reach == NULL)
    return FALSE;
  sqlite3_bind_text (by_channel, 1, p->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (by_channel, 2, p->to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (by_channel)) == SQLITE_ROW)
    {
      CantingSalesChannel channel = CANTING_SALES_DIRECT;
      CantingMoney total = sqlite3_column_int64 (by_channel, 2);

      /* The schema's CHECK keeps the column to known channels. */
      canting_sales_channel_from_string ((const char *) sqlite3_column_text (by_channel, 0), &channel);
      p->channels |= 1u << channel;
      p->orders += sqlite3_column_int64 (by_channel, 1);
      p->sales += total;
      if (canting_sales_channel_is_online (channel))
        p->online_sales += total;
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("counting the orders"));
      return FALSE;
    }
  sqlite3_bind_text (reach, 1, p->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (reach, 2, p->to, -1, SQLITE_STATIC);
  rc = sqlite3_step (reach);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("counting the customers"));
      return FALSE;
    }
  p->customers = sqlite3_column_int64 (reach, 0);
  p->cities = sqlite3_column_int64 (reach, 1);
  return TRUE;
}

/* Material sufficiency: of the materials the workshop relies on (not
 * archived, with a reorder level, used in the range), how many still had
 * more than their reorder level on hand at the end of the range, that is
 * were not "low" as the Bahan page says.  Reservations by confirmed orders
 * are not dated, so on hand is the measure, not available. */
static gboolean
compute_materials (CantingDb             *db,
                   CantingOutcomePeriod  *p,
                   GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT count(*), coalesce(sum(on_hand > reorder_level), 0) FROM "
                                                      " (SELECT m.reorder_level, "
                                                      "   (SELECT coalesce(sum(s.quantity), 0) FROM stock_movements s "
                                                      "    WHERE s.material_id = m.id AND s.on_date <= ?2) AS on_hand "
                                                      "  FROM materials m WHERE m.archived = 0 AND m.reorder_level > 0 "
                                                      "  AND EXISTS (SELECT 1 FROM stock_movements u WHERE u.material_id = m.id "
                                                      "              AND u.kind = 'usage' AND u.on_date BETWEEN ?1 AND ?2))",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, p->to, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("checking the materials"));
      return FALSE;
    }
  p->materials_in_use = sqlite3_column_int64 (stmt, 0);
  p->materials_sufficient = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
compute_period (CantingDb             *db,
                CantingOutcomePeriod  *p,
                GError               **error)
{
  CantingLedgerFilter filter = { .from = p->from, .to = p->to, .kind = -1 };
  CantingLedgerTotals totals = { 0 };
  g_autoptr(sqlite3_stmt) tests = NULL;
  guint judged = 0, compliant = 0;

  if (!canting_ledger_totals (db, &filter, &totals, error))
    return FALSE;
  p->income = totals.income;
  if (!compute_orders (db, p, error) || !compute_materials (db, p, error))
    return FALSE;
  if (!canting_ipal_compliance (db, 0, p->from, p->to, &judged, &compliant, error))
    return FALSE;
  p->ipal_measurements = judged;
  p->ipal_compliant = compliant;
  tests = canting_sql_prepare (db,
                               "SELECT count(*) FROM ipal_lab_tests WHERE substr(sampled_at, 1, 10) BETWEEN ?1 AND ?2",
                               error);
  if (tests == NULL)
    return FALSE;
  sqlite3_bind_text (tests, 1, p->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (tests, 2, p->to, -1, SQLITE_STATIC);
  return canting_sql_get_int64 (db, tests, &p->lab_tests, _("counting the lab tests"), error);
}

/* One transaction, so the period and the baseline see the same records
 * even while the app writes. */
static gboolean
compute_in_transaction (CantingDb  *db,
                        gpointer    user_data,
                        GError    **error)
{
  CantingOutcome *o = user_data;

  return compute_period (db, &o->period, error) && compute_period (db, &o->baseline, error);
}

CantingOutcome *
canting_outcome_compute (CantingDb   *db,
                         const char  *from,
                         const char  *to,
                         const char  *baseline_from,
                         const char  *baseline_to,
                         GError     **error)
{
  g_autoptr(CantingOutcome) o = NULL;
  g_autoptr(CantingProfile) profile = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (!check_range (from, to, CANTING_OUTCOME_FIELD_FROM, CANTING_OUTCOME_FIELD_TO, FALSE, error) ||
      !check_range (baseline_from, baseline_to, CANTING_OUTCOME_FIELD_BASELINE_FROM,
                    CANTING_OUTCOME_FIELD_BASELINE_TO, TRUE, error))
    return NULL;
  if (strcmp (baseline_to, from) >= 0)
    {
      g_set_error (error, CANTING_OUTCOME_ERROR, CANTING_OUTCOME_FIELD_BASELINE_TO,
                   _("The baseline period must end before the period starts (%s); it ends %s."), from, baseline_to);
      return NULL;
    }
  profile = canting_profile_load (db, error);
  if (profile == NULL)
    return NULL;

  o = g_new0 (CantingOutcome, 1);
  o->workshop_id = canting_outcome_workshop_id (db, error);
  if (o->workshop_id == NULL)
    return NULL;
  o->workshop_name = g_strdup (canting_profile_get_name (profile));
  o->workshop_city = g_strdup (canting_profile_get_city (profile));
  now = g_date_time_new_now_utc ();
  o->generated_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  o->generator = g_strdup ("Canting " PACKAGE_VERSION);
  o->period.from = g_strdup (from);
  o->period.to = g_strdup (to);
  o->baseline.from = g_strdup (baseline_from);
  o->baseline.to = g_strdup (baseline_to);
  if (!canting_db_transaction (db, compute_in_transaction, o, error))
    return NULL;
  return g_steal_pointer (&o);
}

/* --- writing ------------------------------------------------------------- */

static void
put_string (GString    *out,
            const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);  /* UTF-8 as it is */
    }
  g_string_append_c (out, '"');
}

/* @percent by address: the caller's share or growth function fills it in
 * the same call, and C leaves the order of arguments open. */
static void
put_percent (GString      *out,
             gboolean      computable,
             const double *percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!computable)
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", *percent));
}

static void
put_period (GString                    *out,
            const char                 *name,
            const CantingOutcomePeriod *p)
{
  double percent = 0;
  gboolean first = TRUE;

  g_string_append_printf (out, "  \"%s\": {\n    \"from\": ", name);
  put_string (out, p->from);
  g_string_append (out, ",\n    \"to\": ");
  put_string (out, p->to);
  g_string_append_printf (out, ",\n    \"income\": %" G_GINT64_FORMAT, p->income);
  g_string_append_printf (out, ",\n    \"orders\": %" G_GINT64_FORMAT, p->orders);
  g_string_append_printf (out, ",\n    \"customers\": %" G_GINT64_FORMAT, p->customers);
  g_string_append_printf (out, ",\n    \"cities\": %" G_GINT64_FORMAT, p->cities);
  g_string_append (out, ",\n    \"active_channels\": [");
  for (guint c = 0; c < CANTING_SALES_CHANNEL_COUNT; c++)
    if (p->channels & (1u << c))
      {
        g_string_append (out, first ? "" : ", ");
        put_string (out, canting_sales_channel_to_string (c));
        first = FALSE;
      }
  g_string_append_printf (out, "],\n    \"active_channel_count\": %u", canting_outcome_channel_count (p->channels));
  g_string_append_printf (out, ",\n    \"sales\": %" G_GINT64_FORMAT, p->sales);
  g_string_append_printf (out, ",\n    \"online_sales\": %" G_GINT64_FORMAT, p->online_sales);
  g_string_append (out, ",\n    \"online_share_percent\": ");
  put_percent (out, canting_outcome_share (p->online_sales, p->sales, &percent), &percent);
  g_string_append_printf (out, ",\n    \"ipal_measurements\": %" G_GINT64_FORMAT, p->ipal_measurements);
  g_string_append_printf (out, ",\n    \"ipal_compliant\": %" G_GINT64_FORMAT, p->ipal_compliant);
  g_string_append (out, ",\n    \"ipal_compliance_percent\": ");
  put_percent (out, canting_outcome_share (p->ipal_compliant, p->ipal_measurements, &percent), &percent);
  g_string_append_printf (out, ",\n    \"lab_tests\": %" G_GINT64_FORMAT, p->lab_tests);
  g_string_append_printf (out, ",\n    \"materials_in_use\": %" G_GINT64_FORMAT, p->materials_in_use);
  g_string_append_printf (out, ",\n    \"materials_sufficient\": %" G_GINT64_FORMAT, p->materials_sufficient);
  g_string_append (out, ",\n    \"material_sufficiency_percent\": ");
  put_percent (out, canting_outcome_share (p->materials_sufficient, p->materials_in_use, &percent), &percent);
  g_string_append (out, "\n  },\n");
}

GBytes *
canting_outcome_to_json (const CantingOutcome *o)
{
  GString *out = g_string_new ("{\n");
  double growth = 0;

  g_string_append_printf (out, "  \"format\": \"%s\",\n  \"version\": %d,\n  \"generator\": ",
                          CANTING_OUTCOME_FORMAT, CANTING_OUTCOME_VERSION);
  put_string (out, o->generator);
  g_string_append (out, ",\n  \"generated_at\": ");
  put_string (out, o->generated_at);
  g_string_append (out, ",\n  \"workshop\": {\n    \"id\": ");
  put_string (out, o->workshop_id);
  g_string_append (out, ",\n    \"name\": ");
  put_string (out, o->workshop_name);
  g_string_append (out, ",\n    \"city\": ");
  put_string (out, o->workshop_city);
  g_string_append (out, "\n  },\n");
  put_period (out, "period", &o->period);
  put_period (out, "baseline", &o->baseline);
  g_string_append (out, "  \"income_growth_percent\": ");
  put_percent (out, canting_outcome_growth (o->baseline.income, o->period.income, &growth), &growth);
  g_string_append (out, "\n}\n");
  return g_string_free_to_bytes (out);
}

gboolean
canting_outcome_save_json (const CantingOutcome  *outcome,
                           const char            *path,
                           GError               **error)
{
  g_autoptr(GBytes) bytes = canting_outcome_to_json (outcome);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* --- reading ------------------------------------------------------------- */

/* The largest count or sum a file may hold: 10^15 (a thousand times a
 * workshop's decade at the ledger's largest entry), so totals over a
 * thousand workshops still fit a gint64. */
#define FIGURE_MAX G_GINT64_CONSTANT (1000000000000000)

static gboolean invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Sets a CANTING_ERROR_INVALID and returns FALSE. */
static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list ap;
  g_autofree char *message = NULL;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error_literal (error, CANTING_ERROR, CANTING_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
disagrees (GError    **error,
           const char *prefix,
           const char *name)
{
  g_autofree char *field = g_strconcat (prefix, ".", name, NULL);

  return invalid (error, _("The field “%s” does not agree with the figures it comes from."), field);
}

static JsonNode *
member (JsonObject  *object,
        const char  *prefix,
        const char  *name,
        char       **out_field,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_field = prefix != NULL ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
  if (node == NULL)
    invalid (error, _("The field “%s” is missing."), *out_field);
  return node;
}

static gboolean
get_text (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          char       **out_text,
          GError     **error)
{
  g_autofree char *field = NULL;
  JsonNode *node = member (object, prefix, name, &field, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, _("The field “%s” should be text."), field);
  *out_text = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_date (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          char       **out_date,
          GError     **error)
{
  g_autofree char *field = NULL;
  JsonNode *node = member (object, prefix, name, &field, error);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !canting_date_is_valid (json_node_get_string (node)))
    return invalid (error, _("The field “%s” should be a date written YYYY-MM-DD."), field);
  *out_date = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_count (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           gint64      *out_value,
           GError     **error)
{
  g_autofree char *field = NULL;
  JsonNode *node = member (object, prefix, name, &field, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, _("The field “%s” should be a whole number."), field);
  value = json_node_get_int (node);
  if (value < 0 || value > FIGURE_MAX)
    return invalid (error, _("The field “%s” is out of range."), field);
  *out_value = value;
  return TRUE;
}

/* A percent field must say what its counts say, @part ÷ @whole × 100:
 * null exactly when @whole is not above zero, else that value rounded to
 * a tenth, whichever way a writer rounds a half (so within 0.05 of the
 * exact value, and a hair more for the double arithmetic). */
static gboolean
check_percent (JsonObject  *object,
               const char  *prefix,
               const char  *name,
               gint64       part,
               gint64       whole,
               GError     **error)
{
  gboolean computable = whole > 0;
  double exact = computable ? (double) part * 100.0 / (double) whole : 0;
  g_autofree char *field = NULL;
  JsonNode *node = member (object, prefix, name, &field, error);
  GType type;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (computable)
        return invalid (error, _("The field “%s” does not agree with the figures it comes from."), field);
      return TRUE;
    }
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return invalid (error, _("The field “%s” should be a number or null."), field);
  if (!computable || fabs (json_node_get_double (node) - exact) > 0.05 + 1e-6)
    return invalid (error, _("The field “%s” does not agree with the figures it comes from."), field);
  return TRUE;
}

static gboolean
read_channels (JsonObject  *object,
               const char  *prefix,
               guint       *out_channels,
               GError     **error)
{
  g_autofree char *field = NULL;
  JsonNode *node = member (object, prefix, "active_channels", &field, error);
  JsonArray *array;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("The field “%s” should be a list of sales channels."), field);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      CantingSalesChannel channel;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          !canting_sales_channel_from_string (json_node_get_string (item), &channel) ||
          (*out_channels & (1u << channel)) != 0)
        return invalid (error, _("The field “%s” should be a list of sales channels."), field);
      *out_channels |= 1u << channel;
    }
  return TRUE;
}

static gboolean
read_period (JsonObject            *root,
             const char            *name,
             CantingOutcomePeriod  *p,
             GError               **error)
{
  g_autofree char *field = NULL;
  JsonNode *node = member (root, NULL, name, &field, error);
  JsonObject *o;
  gint64 channel_count = 0;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("The field “%s” should be an object."), field);
  o = json_node_get_object (node);
  if (!get_date (o, name, "from", &p->from, error) || !get_date (o, name, "to", &p->to, error))
    return FALSE;
  if (strcmp (p->from, p->to) > 0)
    return invalid (error, _("The period “%s” ends before it starts."), name);
  if (!get_count (o, name, "income", &p->income, error) ||
      !get_count (o, name, "orders", &p->orders, error) ||
      !get_count (o, name, "customers", &p->customers, error) ||
      !get_count (o, name, "cities", &p->cities, error) ||
      !read_channels (o, name, &p->channels, error) ||
      !get_count (o, name, "active_channel_count", &channel_count, error) ||
      !get_count (o, name, "sales", &p->sales, error) ||
      !get_count (o, name, "online_sales", &p->online_sales, error) ||
      !get_count (o, name, "ipal_measurements", &p->ipal_measurements, error) ||
      !get_count (o, name, "ipal_compliant", &p->ipal_compliant, error) ||
      !get_count (o, name, "lab_tests", &p->lab_tests, error) ||
      !get_count (o, name, "materials_in_use", &p->materials_in_use, error) ||
      !get_count (o, name, "materials_sufficient", &p->materials_sufficient, error))
    return FALSE;

  /* What no record can produce: a file edited by hand, or damaged. */
  if (channel_count != canting_outcome_channel_count (p->channels) || (p->orders == 0) != (p->channels == 0))
    return disagrees (error, name, "active_channel_count");
  if (p->customers > p->orders)
    return disagrees (error, name, "customers");
  if (p->cities > p->customers)
    return disagrees (error, name, "cities");
  if (p->online_sales > p->sales)
    return disagrees (error, name, "online_sales");
  if (p->ipal_compliant > p->ipal_measurements)
    return disagrees (error, name, "ipal_compliant");
  if (p->lab_tests > p->ipal_measurements)
    return disagrees (error, name, "lab_tests");
  if (p->materials_sufficient > p->materials_in_use)
    return disagrees (error, name, "materials_sufficient");
  return check_percent (o, name, "online_share_percent", p->online_sales, p->sales, error) &&
         check_percent (o, name, "ipal_compliance_percent", p->ipal_compliant, p->ipal_measurements, error) &&
         check_percent (o, name, "material_sufficiency_percent", p->materials_sufficient, p->materials_in_use, error);
}

CantingOutcome *
canting_outcome_from_json (const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CantingOutcome) o = g_new0 (CantingOutcome, 1);
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *field = NULL;
  JsonObject *root, *workshop;
  JsonNode *node;
  gint64 version = 0;

  if (length > G_MAXSSIZE || !json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("It is not readable JSON (damaged or cut short): %s"),
                   parse_error != NULL ? parse_error->message : "");
      return NULL;
    }
  node = json_parser_get_root (parser);
  root = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  node = root != NULL ? json_object_get_member (root, "format") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (node), CANTING_OUTCOME_FORMAT) != 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("It is not a Canting outcome file (its “format” is not “%s”)."), CANTING_OUTCOME_FORMAT);
      return NULL;
    }
  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      invalid (error, _("The field “%s” should be a whole number."), "version");
      return NULL;
    }
  version = json_node_get_int (node);
  if (version != CANTING_OUTCOME_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, CANTING_ERROR, version > CANTING_OUTCOME_VERSION ? CANTING_ERROR_TOO_NEW : CANTING_ERROR_INVALID,
                   _("It is version %s of the outcome format; this Canting reads version %d."),
                   number, CANTING_OUTCOME_VERSION);
      return NULL;
    }

  if (!get_text (root, NULL, "generator", &o->generator, error) ||
      !get_text (root, NULL, "generated_at", &o->generated_at, error))
    return NULL;
  node = member (root, NULL, "workshop", &field, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("The field “%s” should be an object."), field);
      return NULL;
    }
  workshop = json_node_get_object (node);
  if (!get_text (workshop, "workshop", "id", &o->workshop_id, error) ||
      !get_text (workshop, "workshop", "name", &o->workshop_name, error) ||
      !get_text (workshop, "workshop", "city", &o->workshop_city, error))
    return NULL;
  if (!g_uuid_string_is_valid (o->workshop_id))
    {
      invalid (error, _("The field “%s” should be a workshop id (a UUID)."), "workshop.id");
      return NULL;
    }
  if (!read_period (root, "period", &o->period, error) || !read_period (root, "baseline", &o->baseline, error))
    return NULL;
  if (strcmp (o->baseline.to, o->period.from) >= 0)
    {
      invalid (error, _("The field “%s” does not agree with the figures it comes from."), "baseline.to");
      return NULL;
    }
  if (!check_percent (root, NULL, "income_growth_percent", o->period.income - o->baseline.income,
                      o->baseline.income, error))
    return NULL;
  return g_steal_pointer (&o);
}
