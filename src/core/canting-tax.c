/* canting-tax.c: the final income tax estimate (PPh final UMKM).
 *
 * Each month pays the rate on its turnover above what is left of the
 * year's exemption, so the month whose turnover carries the year past
 * Rp 500 million pays only on the excess, and every later month pays on
 * all of its turnover.  The tax is worked out per month, as it is paid,
 * in whole rupiah with the fraction dropped. */
#include "canting-tax.h"

#include <string.h>

#include "canting-csv-private.h"
#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

static const CantingEnumName taxpayers[CANTING_TAXPAYER_COUNT] = {
  [CANTING_TAXPAYER_INDIVIDUAL] = { "individual", N_("Individual (orang pribadi)") },
  [CANTING_TAXPAYER_COMPANY] = { "company", N_("Company (CV, PT, koperasi)") },
};

const char *
canting_taxpayer_to_string (CantingTaxpayer taxpayer)
{
  return canting_enum_id (taxpayers, CANTING_TAXPAYER_COUNT, taxpayer);
}

const char *
canting_taxpayer_label (CantingTaxpayer taxpayer)
{
  return canting_enum_label (taxpayers, CANTING_TAXPAYER_COUNT, taxpayer);
}

gboolean
canting_taxpayer_from_string (const char      *text,
                              CantingTaxpayer *out_taxpayer)
{
  return canting_enum_lookup (taxpayers, CANTING_TAXPAYER_COUNT, text, (guint *) out_taxpayer);
}

gboolean
canting_tax_get_taxpayer (CantingDb        *db,
                          CantingTaxpayer  *out_taxpayer,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT taxpayer FROM workshop WHERE id = 1", error);

  if (stmt == NULL ||
      !canting_sql_step_one (db, stmt, _("reading the workshop’s taxpayer kind"), _("The workshop profile is missing."),
                             error))
    return FALSE;
  if (!canting_taxpayer_from_string ((const char *) sqlite3_column_text (stmt, 0), out_taxpayer))
    *out_taxpayer = CANTING_TAXPAYER_INDIVIDUAL;
  return TRUE;
}

static gboolean
set_taxpayer_in_transaction (CantingDb  *db,
                             gpointer    user_data,
                             GError    **error)
{
  CantingTaxpayer *taxpayer = user_data;
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "UPDATE workshop SET taxpayer = ?1 WHERE id = 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, canting_taxpayer_to_string (*taxpayer), -1, SQLITE_STATIC);
  return canting_sql_run (db, stmt, _("saving the workshop’s taxpayer kind"), error);
}

gboolean
canting_tax_set_taxpayer (CantingDb        *db,
                          CantingTaxpayer   taxpayer,
                          GError          **error)
{
  g_return_val_if_fail (taxpayer < CANTING_TAXPAYER_COUNT, FALSE);
  return canting_db_transaction (db, set_taxpayer_in_transaction, &taxpayer, error);
}

/* --- rules --------------------------------------------------------------- */

CantingTaxRule *
canting_tax_rule_new (void)
{
  CantingTaxRule *r = g_new0 (CantingTaxRule, 1);

  r->source = g_strdup ("");
  return r;
}

CantingTaxRule *
canting_tax_rule_copy (const CantingTaxRule *rule)
{
  CantingTaxRule *r = g_memdup2 (rule, sizeof *rule);

  r->source = g_strdup (rule->source);
  return r;
}

void
canting_tax_rule_free (CantingTaxRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->source);
  g_free (rule);
}

gboolean
canting_tax_rate_parse (const char  *text,
                        int         *out_rate_bp,
                        GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *p;
  gint64 whole = 0, hundredths = 0;
  int decimals = 0;
  gboolean digits = FALSE;

  if (g_str_has_suffix (clean, "%"))
    {
      clean[strlen (clean) - 1] = '\0';
      g_strstrip (clean);
    }
  for (p = clean; g_ascii_isdigit (*p) && whole <= 100; p++, digits = TRUE)
    whole = whole * 10 + (*p - '0');
  if (*p == ',' || *p == '.')
    for (p++; g_ascii_isdigit (*p) && decimals < 3; p++, decimals++, digits = TRUE)
      hundredths = hundredths * 10 + (*p - '0');
  if (!digits || *p != '\0' || decimals > 2)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Type the rate in percent with at most two decimals, such as 0,5."));
      return FALSE;
    }
  if (decimals == 1)
    hundredths *= 10;
  if (whole > 100 || (whole == 100 && hundredths > 0))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The rate must be from 0 to 100 %%."));
      return FALSE;
    }
  *out_rate_bp = (int) (whole * 100 + hundredths);
  return TRUE;
}

char *
canting_tax_rate_format (int rate_bp)
{
  GString *out = g_string_new (NULL);

  g_string_printf (out, "%d,%02d", rate_bp / 100, rate_bp % 100);
  while (out->str[out->len - 1] == '0')
    g_string_truncate (out, out->len - 1);
  if (out->str[out->len - 1] == ',')
    g_string_truncate (out, out->len - 1);
  g_string_append (out, " %");
  return g_string_free (out, FALSE);
}

gboolean
canting_tax_rule_validate (const CantingTaxRule  *rule,
                           GError               **error)
{
  if (rule->valid_from < 1900 || rule->valid_from > 9999)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Type the first tax year the rule applies to, such as 2022."));
      return FALSE;
    }
  if (rule->rate_bp < 0 || rule->rate_bp > 10000)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The rate must be from 0 to 10000 basis points (0 to 100 %%)."));
      return FALSE;
    }
  if (rule->exemption < 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The yearly exemption cannot be below Rp 0."));
      return FALSE;
    }
  if (rule->yearly_cap <= 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The yearly turnover limit must be above Rp 0."));
      return FALSE;
    }
  return canting_validate_text (rule->source, 0, _("Regulation"), NULL,
                                CANTING_ERROR, CANTING_ERROR_INVALID, error);
}

static gboolean
save_rule_in_transaction (CantingDb  *db,
                          gpointer    user_data,
                          GError    **error)
{
  CantingTaxRule *r = user_data;
  g_autoptr(sqlite3_stmt) same_year = canting_sql_prepare (db,
                                                           "SELECT count(*) FROM tax_rules WHERE valid_from = ?1 AND id <> ?2",
                                                           error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0;

  if (same_year == NULL)
    return FALSE;
  sqlite3_bind_int (same_year, 1, r->valid_from);
  sqlite3_bind_int64 (same_year, 2, r->id);
  if (!canting_sql_get_int64 (db, same_year, &n, _("checking the tax rules"), error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("Another tax rule already starts in %d; change that one instead."), r->valid_from);
      return FALSE;
    }
  stmt = canting_sql_prepare (db,
                              r->id == 0
                              ? "INSERT INTO tax_rules (valid_from, rate_bp, exemption, yearly_cap, source) "
                                "VALUES (?1, ?2, ?3, ?4, ?5)"
                              : "UPDATE tax_rules SET valid_from = ?1, rate_bp = ?2, exemption = ?3, yearly_cap = ?4, "
                                "source = ?5 WHERE id = ?6",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, r->valid_from);
  sqlite3_bind_int (stmt, 2, r->rate_bp);
  sqlite3_bind_int64 (stmt, 3, r->exemption);
  sqlite3_bind_int64 (stmt, 4, r->yearly_cap);
  canting_sql_bind_trimmed (stmt, 5, r->source);
  if (r->id != 0)
    sqlite3_bind_int64 (stmt, 6, r->id);
  return canting_sql_save_record (db, stmt, &r->id, _("saving the tax rule"),
                                  _("This tax rule no longer exists; it may have been restored from a backup."), error);
}

gboolean
canting_tax_rule_save (CantingDb       *db,
                       CantingTaxRule  *rule,
                       GError         **error)
{
  return canting_tax_rule_validate (rule, error) &&
         canting_db_transaction (db, save_rule_in_transaction, rule, error);
}

#define RULE_COLUMNS "id, valid_from, rate_bp, exemption, yearly_cap, source"

static gpointer
rule_from_row (sqlite3_stmt *stmt)
{
  CantingTaxRule *r = g_new0 (CantingTaxRule, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->valid_from = sqlite3_column_int (stmt, 1);
  r->rate_bp = sqlite3_column_int (stmt, 2);
  r->exemption = sqlite3_column_int64 (stmt, 3);
  r->yearly_cap = sqlite3_column_int64 (stmt, 4);
  r->source = canting_sql_dup_text (stmt, 5);
  return r;
}

GPtrArray *
canting_tax_rule_list (CantingDb  *db,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT " RULE_COLUMNS " FROM tax_rules ORDER BY valid_from",
                                                      error);

  if (stmt == NULL)
    return NULL;
  return canting_sql_collect (db, stmt, rule_from_row, (GDestroyNotify) canting_tax_rule_free,
                              _("reading the tax rules"), error);
}

CantingTaxRule *
canting_tax_rule_for_year (CantingDb  *db,
                           int         year,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT " RULE_COLUMNS " FROM tax_rules WHERE valid_from <= ?1 "
                                                      "ORDER BY valid_from DESC LIMIT 1",
                                                      error);
  g_autofree char *gone = g_strdup_printf (_("Canting has no tax rule for %d: the rules it knows start later."), year);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  if (!canting_sql_step_one (db, stmt, _("reading the tax rules"), gone, error))
    return NULL;
  return rule_from_row (stmt);
}

/* --- categories ---------------------------------------------------------- */

void
canting_tax_category_free (CantingTaxCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_free (category);
}

static gpointer
tax_category_from_row (sqlite3_stmt *stmt)
{
  CantingTaxCategory *c = g_new0 (CantingTaxCategory, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = canting_sql_dup_text (stmt, 1);
  c->turnover = sqlite3_column_int (stmt, 2) != 0;
  return c;
}

GPtrArray *
canting_tax_category_list (CantingDb  *db,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, name, turnover FROM ledger_categories "
                                                      "WHERE kind = 'income' ORDER BY name COLLATE NOCASE, id",
                                                      error);

  if (stmt == NULL)
    return NULL;
  return canting_sql_collect (db, stmt, tax_category_from_row, (GDestroyNotify) canting_tax_category_free,
                              _("reading the categories"), error);
}

typedef struct {
  gint64   id;
  gboolean turnover;
} TurnoverJob;

static gboolean
set_turnover_in_transaction (CantingDb  *db,
                             gpointer    user_data,
                             GError    **error)
{
  TurnoverJob *job = user_data;
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "UPDATE ledger_categories SET turnover = ?1 "
                                                      "WHERE id = ?2 AND kind = 'income'",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, job->turnover ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, job->id);
  if (!canting_sql_run (db, stmt, _("saving the category"), error))
    return FALSE;
  if (sqlite3_changes (canting_db_get_handle (db)) != 1)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("This income category no longer exists."));
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_tax_category_set_turnover (CantingDb  *db,
                                   gint64      category_id,
                                   gboolean    turnover,
                                   GError    **error)
{
  TurnoverJob job = { category_id, turnover };

  return canting_db_transaction (db, set_turnover_in_transaction, &job, error);
}

/* --- the estimate -------------------------------------------------------- */

void
canting_tax_year_free (CantingTaxYear *year)
{
  if (year == NULL)
    return;
  canting_tax_rule_free (year->rule);
  g_free (year);
}

CantingTaxYear *
canting_tax_estimate (const CantingTaxRule *rule,
                      CantingTaxpayer       taxpayer,
                      int                   year,
                      const CantingMoney    turnover[12])
{
  CantingTaxYear *y = g_new0 (CantingTaxYear, 1);
  /* Only an individual's turnover has an untaxed part. */
  CantingMoney exemption = taxpayer == CANTING_TAXPAYER_INDIVIDUAL ? rule->exemption : 0;
  CantingMoney so_far = 0;

  y->year = year;
  y->taxpayer = taxpayer;
  y->rule = canting_tax_rule_copy (rule);
  for (int i = 0; i < 12; i++)
    {
      CantingTaxMonth *m = &y->months[i];
      CantingMoney exempt_left = MAX (exemption - so_far, 0);

      g_snprintf (m->month, sizeof m->month, "%04d-%02d", year, i + 1);
      m->turnover = turnover[i];
      so_far += turnover[i];
      m->year_to_date = so_far;
      m->taxable = MAX (m->turnover - exempt_left, 0);
      /* Amounts stay far below 2^63 / 10000 (entries are at most
       * Rp 10 billion), so the product cannot overflow. */
      m->tax = m->taxable * rule->rate_bp / 10000;
      if (so_far > rule->yearly_cap)
        m->cap = CANTING_TAX_CAP_OVER;
      else if (so_far * 100 >= rule->yearly_cap * CANTING_TAX_NEAR_CAP_PERCENT)
        m->cap = CANTING_TAX_CAP_NEAR;
      else
        m->cap = CANTING_TAX_CAP_WITHIN;

      if (exemption > 0 && y->exemption_month == 0 && so_far > exemption)
        y->exemption_month = i + 1;
      if (m->cap >= CANTING_TAX_CAP_NEAR && y->near_cap_month == 0)
        y->near_cap_month = i + 1;
      if (m->cap == CANTING_TAX_CAP_OVER && y->over_cap_month == 0)
        y->over_cap_month = i + 1;
      y->turnover += m->turnover;
      y->taxable += m->taxable;
      y->tax += m->tax;
    }
  return y;
}

/* Turnover per month: income entries in the categories that count,
 * voided ones never. */
#define TURNOVER_SQL \
  "SELECT substr(l.on_date, 6, 2), sum(l.amount) FROM ledger l JOIN ledger_categories c ON c.id = l.category_id" \
  " WHERE l.voided = 0 AND l.on_date >= ?1 AND l.on_date < ?2 AND l.kind = 'income'" \
  " AND c.kind = 'income' AND c.turnover = 1 GROUP BY 1"

CantingTaxYear *
canting_tax_year_new (CantingDb  *db,
                      int         year,
                      GError    **error)
{
  g_autoptr(CantingTaxRule) rule = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *from = NULL, *after = NULL;
  CantingMoney turnover[12] = { 0 };
  CantingTaxpayer taxpayer;
  int rc;

  if (year < 1900 || year > 9998)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("“%d” is not a tax year."), year);
      return NULL;
    }
  rule = canting_tax_rule_for_year (db, year, error);
  if (rule == NULL || !canting_tax_get_taxpayer (db, &taxpayer, error))
    return NULL;
  stmt = canting_sql_prepare (db, TURNOVER_SQL, error);
  if (stmt == NULL)
    return NULL;
  from = g_strdup_printf ("%04d", year);
  after = g_strdup_printf ("%04d", year + 1);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, after, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = atoi ((const char *) sqlite3_column_text (stmt, 0));

      if (month >= 1 && month <= 12)
        turnover[month - 1] = sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the turnover"));
      return NULL;
    }
  return canting_tax_estimate (rule, taxpayer, year, turnover);
}

char *
canting_tax_year_title (const CantingTaxYear *year)
{
  return g_strdup_printf (_("Estimated Tax (PPh Final UMKM) — %d"), year->year);
}

const char *
canting_tax_disclaimer (void)
{
  return _("This is an estimate, not a tax assessment: it is worked out only from the income recorded in "
           "Canting and the tax rule stored in it. Check the amount with the tax office (KPP) or a tax "
           "consultant before paying or reporting.");
}

static char *
month_name (int year,
            int month)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  return when != NULL ? g_date_time_format (when, "%B %Y") : g_strdup_printf ("%04d-%02d", year, month);
}

/* "0,5 %": basis points as Indonesians write a rate. */
static char *
rate_text (int rate_bp)
{
  GString *out = g_string_new (NULL);

  g_string_printf (out, "%d,%02d", rate_bp / 100, rate_bp % 100);
  while (out->str[out->len - 1] == '0')
    g_string_truncate (out, out->len - 1);
  if (out->str[out->len - 1] == ',')
    g_string_truncate (out, out->len - 1);
  g_string_append (out, " %");
  return g_string_free (out, FALSE);
}

char *
canting_tax_month_note (const CantingTaxYear *year,
                        guint                 index)
{
  g_autofree char *exemption = canting_money_format (year->rule->exemption);
  g_autofree char *cap = canting_money_format (year->rule->yearly_cap);

  g_return_val_if_fail (index < 12, NULL);
  if (year->over_cap_month == (int) index + 1)
    return g_strdup_printf (_("Over %s"), cap);
  if (year->near_cap_month == (int) index + 1)
    return g_strdup_printf (_("Near %s"), cap);
  if (year->exemption_month == (int) index + 1)
    return g_strdup_printf (_("%s passed"), exemption);
  return NULL;
}

GStrv
canting_tax_year_notes (const CantingTaxYear *year)
{
  g_autoptr(GStrvBuilder) notes = g_strv_builder_new ();
  g_autofree char *rate = rate_text (year->rule->rate_bp);
  g_autofree char *exemption = canting_money_format (year->rule->exemption);
  g_autofree char *cap = canting_money_format (year->rule->yearly_cap);
  g_autofree char *rule = NULL;

  rule = g_strdup_printf (_("Rule: %s, %s of each month’s gross turnover while the year’s turnover is at most %s."),
                          *year->rule->source != '\0' ? year->rule->source : _("tax rule"), rate, cap);
  g_strv_builder_add (notes, rule);
  if (year->taxpayer == CANTING_TAXPAYER_COMPANY || year->rule->exemption == 0)
    g_strv_builder_add (notes, year->taxpayer == CANTING_TAXPAYER_COMPANY
                               ? _("A company pays on all of its turnover: the yearly exemption is only for individuals.")
                               : _("This rule has no yearly exemption."));
  else if (year->exemption_month == 0)
    {
      g_autofree char *note = g_strdup_printf (_("The year’s turnover has not passed %s, which an individual pays no tax on: "
                                                 "nothing is due."), exemption);
      g_strv_builder_add (notes, note);
    }
  else
    {
      g_autofree char *when = month_name (year->year, year->exemption_month);
      g_autofree char *note = g_strdup_printf (_("The turnover passed the untaxed %s in %s: that month pays only on the "
                                                 "part above it, the later months on all of theirs."), exemption, when);
      g_strv_builder_add (notes, note);
    }
  if (year->over_cap_month != 0)
    {
      g_autofree char *when = month_name (year->year, year->over_cap_month);
      g_autofree char *note = g_strdup_printf (_("Warning: the year’s turnover went over %s in %s. The final rate still "
                                                 "applies until the end of %d; from %d the general income tax rates "
                                                 "apply. Talk to the tax office."),
                                               cap, when, year->year, year->year + 1);
      g_strv_builder_add (notes, note);
    }
  else if (year->near_cap_month != 0)
    {
      g_autofree char *when = month_name (year->year, year->near_cap_month);
      g_autofree char *note = g_strdup_printf (_("Warning: the year’s turnover reached %d %% of %s in %s. Above it the "
                                                 "final rate ends from the next year."),
                                               CANTING_TAX_NEAR_CAP_PERCENT, cap, when);
      g_strv_builder_add (notes, note);
    }
  return g_strv_builder_end (notes);
}

GBytes *
canting_tax_year_csv (const CantingTaxYear *year,
                      char                  separator)
{
  GString *out = g_string_new ("\xef\xbb\xbf");
  g_auto(GStrv) notes = canting_tax_year_notes (year);
  static const char * const header[] = {
    "bulan", "omzet", "omzet sejak januari", "kena pajak", "perkiraan pajak", "catatan",
  };

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    canting_csv_put (out, header[i], separator, i + 1 == G_N_ELEMENTS (header));
  for (guint i = 0; i < 12; i++)
    {
      const CantingTaxMonth *m = &year->months[i];
      g_autofree char *note = canting_tax_month_note (year, i);

      canting_csv_put (out, m->month, separator, FALSE);
      canting_csv_put_money (out, m->turnover, separator, FALSE);
      canting_csv_put_money (out, m->year_to_date, separator, FALSE);
      canting_csv_put_money (out, m->taxable, separator, FALSE);
      canting_csv_put_money (out, m->tax, separator, FALSE);
      canting_csv_put (out, note != NULL ? note : "", separator, TRUE);
    }
  canting_csv_put (out, _("Total"), separator, FALSE);
  canting_csv_put_money (out, year->turnover, separator, FALSE);
  canting_csv_put (out, "", separator, FALSE);
  canting_csv_put_money (out, year->taxable, separator, FALSE);
  canting_csv_put_money (out, year->tax, separator, FALSE);
  canting_csv_put (out, "", separator, TRUE);
  /* What the figures are, in the file itself: a spreadsheet passed on
   * without the app still says it is an estimate. */
  for (guint i = 0; notes[i] != NULL; i++)
    canting_csv_put (out, notes[i], separator, TRUE);
  canting_csv_put (out, canting_tax_disclaimer (), separator, TRUE);
  return g_string_free_to_bytes (out);
}
