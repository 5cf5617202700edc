/* canting-ledger.c: accounts, categories, ledger entries and receivables.
 *
 * The automatic entries (payments, purchases, wages) are written by the
 * schema's triggers, not here: this file only reads them and lets a
 * person say which account or category they belong to. */
#include "canting-ledger.h"

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-order-private.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (canting-ledger-error-quark, canting_ledger_error)
G_DEFINE_BOXED_TYPE (CantingEntry, canting_entry, canting_entry_copy, canting_entry_free)

static const CantingEnumName entry_kinds[CANTING_ENTRY_KIND_COUNT] = {
  [CANTING_ENTRY_INCOME] = { "income", N_("Income") },
  [CANTING_ENTRY_EXPENSE] = { "expense", N_("Expense") },
  [CANTING_ENTRY_TRANSFER] = { "transfer", N_("Transfer") },
};

static const CantingEnumName entry_sources[CANTING_ENTRY_SOURCE_COUNT] = {
  [CANTING_ENTRY_SOURCE_NONE] = { "", N_("Typed in") },
  [CANTING_ENTRY_SOURCE_PAYMENT] = { "payment", N_("Order payment") },
  [CANTING_ENTRY_SOURCE_PURCHASE] = { "purchase", N_("Material purchase") },
  [CANTING_ENTRY_SOURCE_WAGE] = { "wage", N_("Wage payment") },
};

static const CantingEnumName account_kinds[CANTING_ACCOUNT_KIND_COUNT] = {
  [CANTING_ACCOUNT_CASH] = { "cash", N_("Cash box") },
  [CANTING_ACCOUNT_BANK] = { "bank", N_("Bank") },
  [CANTING_ACCOUNT_EWALLET] = { "ewallet", N_("E-wallet / QRIS") },
};

static const CantingEnumName age_buckets[CANTING_AGE_BUCKET_COUNT] = {
  [CANTING_AGE_NOT_DUE] = { "not_due", N_("Not yet due") },
  [CANTING_AGE_1_30] = { "1_30", N_("1–30 days late") },
  [CANTING_AGE_31_60] = { "31_60", N_("31–60 days late") },
  [CANTING_AGE_61_90] = { "61_90", N_("61–90 days late") },
  [CANTING_AGE_OVER_90] = { "over_90", N_("Over 90 days late") },
};

const char *
canting_entry_kind_to_string (CantingEntryKind kind)
{
  return canting_enum_id (entry_kinds, CANTING_ENTRY_KIND_COUNT, kind);
}

const char *
canting_entry_kind_label (CantingEntryKind kind)
{
  return canting_enum_label (entry_kinds, CANTING_ENTRY_KIND_COUNT, kind);
}

gboolean
canting_entry_kind_from_string (const char       *text,
                                CantingEntryKind *out_kind)
{
  return canting_enum_lookup (entry_kinds, CANTING_ENTRY_KIND_COUNT, text, (guint *) out_kind);
}

const char *
canting_entry_source_label (CantingEntrySource source)
{
  return canting_enum_label (entry_sources, CANTING_ENTRY_SOURCE_COUNT, source);
}

const char *
canting_account_kind_to_string (CantingAccountKind kind)
{
  return canting_enum_id (account_kinds, CANTING_ACCOUNT_KIND_COUNT, kind);
}

const char *
canting_account_kind_label (CantingAccountKind kind)
{
  return canting_enum_label (account_kinds, CANTING_ACCOUNT_KIND_COUNT, kind);
}

gboolean
canting_account_kind_from_string (const char         *text,
                                  CantingAccountKind *out_kind)
{
  return canting_enum_lookup (account_kinds, CANTING_ACCOUNT_KIND_COUNT, text, (guint *) out_kind);
}

static const CantingEnumName periods[CANTING_PERIOD_COUNT] = {
  [CANTING_PERIOD_THIS_MONTH] = { "this_month", N_("This month") },
  [CANTING_PERIOD_LAST_MONTH] = { "last_month", N_("Last month") },
  [CANTING_PERIOD_THIS_YEAR] = { "this_year", N_("This year") },
  [CANTING_PERIOD_LAST_YEAR] = { "last_year", N_("Last year") },
  [CANTING_PERIOD_ALL] = { "all", N_("All time") },
};

const char *
canting_period_label (CantingPeriod period)
{
  return canting_enum_label (periods, CANTING_PERIOD_COUNT, period);
}

/* @today as a GDate; an unreadable one is today's local date. */
static GDate *
date_of (const char *today)
{
  GDate *date = g_date_new ();
  int year, month, day;

  if (today != NULL && sscanf (today, "%4d-%2d-%2d", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year))
    g_date_set_dmy (date, day, month, year);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  return date;
}

static char *
iso_of (int day,
        int month,
        int year)
{
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

void
canting_month_range (const char  *today,
                     int          months_back,
                     char       **out_from,
                     char       **out_to)
{
  g_autoptr(GDate) date = date_of (today);
  int months = g_date_get_year (date) * 12 + (g_date_get_month (date) - 1) - months_back;
  int year = months / 12;
  int month = months % 12 + 1;

  *out_from = iso_of (1, month, year);
  *out_to = iso_of (g_date_get_days_in_month (month, year), month, year);
}

void
canting_period_range (CantingPeriod   period,
                      const char     *today,
                      char          **out_from,
                      char          **out_to)
{
  g_autoptr(GDate) date = date_of (today);
  int year = g_date_get_year (date);

  *out_from = NULL;
  *out_to = NULL;
  switch (period)
    {
    case CANTING_PERIOD_THIS_MONTH:
      canting_month_range (today, 0, out_from, out_to);
      break;
    case CANTING_PERIOD_LAST_MONTH:
      canting_month_range (today, 1, out_from, out_to);
      break;
    case CANTING_PERIOD_THIS_YEAR:
    case CANTING_PERIOD_LAST_YEAR:
      if (period == CANTING_PERIOD_LAST_YEAR)
        year--;
      *out_from = iso_of (1, 1, year);
      *out_to = iso_of (31, 12, year);
      break;
    case CANTING_PERIOD_ALL:
    default:
      break;
    }
}

const char *
canting_age_bucket_label (CantingAgeBucket bucket)
{
  return canting_enum_label (age_buckets, CANTING_AGE_BUCKET_COUNT, bucket);
}

static const char *
today_or (const char *today,
          char      **storage)
{
  g_autoptr(GDateTime) now = NULL;

  if (today != NULL)
    return today;
  now = g_date_time_new_now_local ();
  *storage = g_date_time_format (now, "%Y-%m-%d");
  return *storage;
}

/* --- accounts ------------------------------------------------------------ */

/* An account's balance: what it began with, and what came in, went out
 * and was moved to or from it, a sum the ledger's triggers keep (schema
 * step 17). */
#define ACCOUNT_BALANCE_SQL "(a.opening_balance + a.ledger_balance)"

CantingAccount *
canting_account_new (void)
{
  CantingAccount *a = g_new0 (CantingAccount, 1);

  a->name = g_strdup ("");
  return a;
}

CantingAccount *
canting_account_copy (const CantingAccount *account)
{
  CantingAccount *a = g_memdup2 (account, sizeof *account);

  a->name = g_strdup (account->name);
  return a;
}

void
canting_account_free (CantingAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->name);
  g_free (account);
}

gboolean
canting_account_validate (const CantingAccount  *account,
                          GError               **error)
{
  if (!canting_validate_text (account->name, CANTING_TEXT_REQUIRED, _("Account name"),
                              _("Give the account a name, such as “Kas” or “BRI”."),
                              CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NAME, error))
    return FALSE;
  if (account->kind >= CANTING_ACCOUNT_KIND_COUNT)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NAME, _("Choose what kind of account this is."));
      return FALSE;
    }
  if (account->opening_balance < 0 || account->opening_balance > CANTING_LEDGER_AMOUNT_MAX)
    {
      g_autofree char *limit = canting_money_format (CANTING_LEDGER_AMOUNT_MAX);
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_OPENING_BALANCE,
                   _("The opening balance must be from Rp 0 to %s."), limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_account_in_transaction (CantingDb  *db,
                             gpointer    user_data,
                             GError    **error)
{
  CantingAccount *a = user_data;
  g_autofree char *name = g_strstrip (g_strdup (a->name));
  g_autoptr(sqlite3_stmt) same_name = canting_sql_prepare (db, "SELECT count(*) FROM accounts WHERE name = ?1 AND id <> ?2",
                                                           error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0;

  if (same_name == NULL)
    return FALSE;
  sqlite3_bind_text (same_name, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (same_name, 2, a->id);
  if (!canting_sql_get_int64 (db, same_name, &n, _("checking the account’s name"), error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NAME,
                   _("There is already an account called “%s”."), name);
      return FALSE;
    }
  stmt = canting_sql_prepare (db,
                              a->id == 0
                              ? "INSERT INTO accounts (name, kind, opening_balance, archived) VALUES (?1, ?2, ?3, ?4)"
                              : "UPDATE accounts SET name = ?1, kind = ?2, opening_balance = ?3, archived = ?4 WHERE id = ?5",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, canting_account_kind_to_string (a->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, a->opening_balance);
  sqlite3_bind_int (stmt, 4, a->archived ? 1 : 0);
  if (a->id != 0)
    sqlite3_bind_int64 (stmt, 5, a->id);
  return canting_sql_save_record (db, stmt, &a->id, _("saving the account"),
                                  _("This account no longer exists; it may have been restored from a backup."), error);
}

gboolean
canting_account_save (CantingDb       *db,
                      CantingAccount  *account,
                      GError         **error)
{
  return canting_account_validate (account, error) &&
         canting_db_transaction (db, save_account_in_transaction, account, error);
}

static gpointer
account_from_row (sqlite3_stmt *stmt)
{
  CantingAccount *a = g_new0 (CantingAccount, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->name = canting_sql_dup_text (stmt, 1);
  canting_account_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &a->kind);
  a->opening_balance = sqlite3_column_int64 (stmt, 3);
  a->archived = sqlite3_column_int (stmt, 4) != 0;
  a->balance = sqlite3_column_int64 (stmt, 5);
  return a;
}

GPtrArray *
canting_account_list (CantingDb  *db,
                      gboolean    include_archived,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT a.id, a.name, a.kind, a.opening_balance, a.archived, "
                                                      ACCOUNT_BALANCE_SQL
                                                      " FROM accounts a WHERE ?1 OR a.archived = 0 ORDER BY a.id",
                                                      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  return canting_sql_collect (db, stmt, account_from_row, (GDestroyNotify) canting_account_free,
                              _("reading the accounts"), error);
}

/* --- categories ---------------------------------------------------------- */

CantingCategory *
canting_category_new (void)
{
  CantingCategory *c = g_new0 (CantingCategory, 1);

  c->kind = CANTING_ENTRY_EXPENSE;
  c->name = g_strdup ("");
  return c;
}

void
canting_category_free (CantingCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_free (category->code);
  g_free (category);
}

gboolean
canting_category_validate (const CantingCategory  *category,
                           GError                **error)
{
  if (category->kind != CANTING_ENTRY_INCOME && category->kind != CANTING_ENTRY_EXPENSE)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_CATEGORY,
                   _("A category is for income or for expenses."));
      return FALSE;
    }
  return canting_validate_text (category->name, CANTING_TEXT_REQUIRED, _("Category name"), NULL,
                                CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NAME, error);
}

static gboolean
save_category_in_transaction (CantingDb  *db,
                              gpointer    user_data,
                              GError    **error)
{
  CantingCategory *c = user_data;
  g_autofree char *name = g_strstrip (g_strdup (c->name));
  g_autoptr(sqlite3_stmt) same_name = canting_sql_prepare (db,
                                                           "SELECT count(*) FROM ledger_categories "
                                                           "WHERE kind = ?1 AND name = ?2 AND id <> ?3",
                                                           error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0;

  if (same_name == NULL)
    return FALSE;
  sqlite3_bind_text (same_name, 1, canting_entry_kind_to_string (c->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (same_name, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (same_name, 3, c->id);
  if (!canting_sql_get_int64 (db, same_name, &n, _("checking the category’s name"), error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NAME,
                   _("There is already a category called “%s”."), name);
      return FALSE;
    }
  /* The kind is part of the WHERE of an update: an income category never
   * becomes an expense one under the entries already in it. */
  stmt = canting_sql_prepare (db,
                              c->id == 0
                              ? "INSERT INTO ledger_categories (kind, name, archived) VALUES (?1, ?2, ?3)"
                              : "UPDATE ledger_categories SET name = ?2, archived = ?3 WHERE kind = ?1 AND id = ?4",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, canting_entry_kind_to_string (c->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, c->archived ? 1 : 0);
  if (c->id != 0)
    sqlite3_bind_int64 (stmt, 4, c->id);
  return canting_sql_save_record (db, stmt, &c->id, _("saving the category"),
                                  _("This category no longer exists, or is of the other kind."), error);
}

gboolean
canting_category_save (CantingDb        *db,
                       CantingCategory  *category,
                       GError          **error)
{
  return canting_category_validate (category, error) &&
         canting_db_transaction (db, save_category_in_transaction, category, error);
}

static gpointer
category_from_row (sqlite3_stmt *stmt)
{
  CantingCategory *c = g_new0 (CantingCategory, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  canting_entry_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &c->kind);
  c->name = canting_sql_dup_text (stmt, 2);
  c->archived = sqlite3_column_int (stmt, 3) != 0;
  c->code = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  return c;
}

GPtrArray *
canting_category_list (CantingDb  *db,
                       int         kind,
                       gboolean    include_archived,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, kind, name, archived, code FROM ledger_categories "
                                                      "WHERE (?1 IS NULL OR kind = ?1) AND (?2 OR archived = 0) "
                                                      "ORDER BY kind DESC, name COLLATE NOCASE, id",
                                                      error);

  if (stmt == NULL)
    return NULL;
  if (kind >= 0 && kind < CANTING_ENTRY_KIND_COUNT)
    sqlite3_bind_text (stmt, 1, canting_entry_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, include_archived ? 1 : 0);
  return canting_sql_collect (db, stmt, category_from_row, (GDestroyNotify) canting_category_free,
                              _("reading the categories"), error);
}

/* --- entries ------------------------------------------------------------- */

CantingEntry *
canting_entry_new (CantingEntryKind kind)
{
  CantingEntry *e = g_new0 (CantingEntry, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  e->kind = kind;
  e->on_date = g_date_time_format (now, "%Y-%m-%d");
  e->note = g_strdup ("");
  e->source_text = g_strdup ("");
  return e;
}

CantingEntry *
canting_entry_copy (const CantingEntry *entry)
{
  CantingEntry *e = g_memdup2 (entry, sizeof *entry);

  e->on_date = g_strdup (entry->on_date);
  e->note = g_strdup (entry->note);
  e->category_name = g_strdup (entry->category_name);
  e->account_name = g_strdup (entry->account_name);
  e->to_account_name = g_strdup (entry->to_account_name);
  e->source_text = g_strdup (entry->source_text);
  return e;
}

void
canting_entry_free (CantingEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->on_date);
  g_free (entry->note);
  g_free (entry->category_name);
  g_free (entry->account_name);
  g_free (entry->to_account_name);
  g_free (entry->source_text);
  g_free (entry);
}

gboolean
canting_entry_validate (const CantingEntry  *entry,
                        GError             **error)
{
  if (entry->kind >= CANTING_ENTRY_KIND_COUNT)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_CATEGORY,
                   _("Say whether this is income, an expense or a transfer."));
      return FALSE;
    }
  if (entry->on_date == NULL || !canting_date_is_valid (entry->on_date))
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_DATE,
                   _("Type the date, such as 24/11/2026."));
      return FALSE;
    }
  if (entry->amount <= 0)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_AMOUNT, _("Type the amount, above Rp 0."));
      return FALSE;
    }
  if (entry->amount > CANTING_LEDGER_AMOUNT_MAX)
    {
      g_autofree char *limit = canting_money_format (CANTING_LEDGER_AMOUNT_MAX);
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_AMOUNT,
                   _("The amount is over the limit of %s for one entry."), limit);
      return FALSE;
    }
  if (entry->account_id <= 0)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_ACCOUNT,
                   entry->kind == CANTING_ENTRY_INCOME ? _("Choose the account the money came into.")
                   : entry->kind == CANTING_ENTRY_EXPENSE ? _("Choose the account the money was paid from.")
                   : _("Choose the account the money is moved from."));
      return FALSE;
    }
  if (entry->kind == CANTING_ENTRY_TRANSFER)
    {
      if (entry->to_account_id <= 0)
        {
          g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_TO_ACCOUNT,
                       _("Choose the account the money is moved to."));
          return FALSE;
        }
      if (entry->to_account_id == entry->account_id)
        {
          g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_TO_ACCOUNT,
                       _("A transfer goes to another account, not the one it comes from."));
          return FALSE;
        }
    }
  else if (entry->category_id <= 0)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_CATEGORY,
                   entry->kind == CANTING_ENTRY_INCOME ? _("Choose what the income was for.")
                   : _("Choose what the expense was for."));
      return FALSE;
    }
  return canting_validate_text (entry->note, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Note"), NULL,
                                CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NOTE, error);
}

#define ENTRY_COLUMNS \
  "l.id, l.on_date, l.kind, l.amount, l.category_id, l.account_id, l.to_account_id, l.note," \
  " l.source, l.source_id, l.voided, c.name, a.name, t.name," \
  " CASE l.source" \
  "   WHEN 'payment' THEN (SELECT o.number || ' · ' || cu.name FROM payments p JOIN orders o ON o.id = p.order_id" \
  "                        JOIN customers cu ON cu.id = o.customer_id WHERE p.id = l.source_id)" \
  "   WHEN 'purchase' THEN (SELECT m.name || CASE WHEN s.supplier <> '' THEN ' · ' || s.supplier ELSE '' END" \
  "                         FROM stock_movements s JOIN materials m ON m.id = s.material_id WHERE s.id = l.source_id)" \
  "   WHEN 'wage' THEN (SELECT w.name FROM wage_payments wp JOIN workers w ON w.id = wp.worker_id WHERE wp.id = l.source_id)" \
  " END," \
  " CASE l.source WHEN 'payment' THEN (SELECT order_id FROM payments WHERE id = l.source_id) END"

#define ENTRY_FROM \
  " FROM ledger l JOIN accounts a ON a.id = l.account_id" \
  " LEFT JOIN accounts t ON t.id = l.to_account_id" \
  " LEFT JOIN ledger_categories c ON c.id = l.category_id"

static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  CantingEntry *e = g_new0 (CantingEntry, 1);
  const char *source = (const char *) sqlite3_column_text (stmt, 8);
  guint source_value = CANTING_ENTRY_SOURCE_NONE;

  e->id = sqlite3_column_int64 (stmt, 0);
  e->on_date = canting_sql_dup_text (stmt, 1);
  canting_entry_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &e->kind);
  e->amount = sqlite3_column_int64 (stmt, 3);
  e->category_id = sqlite3_column_int64 (stmt, 4);
  e->account_id = sqlite3_column_int64 (stmt, 5);
  e->to_account_id = sqlite3_column_int64 (stmt, 6);
  e->note = canting_sql_dup_text (stmt, 7);
  if (source != NULL)
    canting_enum_lookup (entry_sources, CANTING_ENTRY_SOURCE_COUNT, source, &source_value);
  e->source = source_value;
  e->source_id = sqlite3_column_int64 (stmt, 9);
  e->voided = sqlite3_column_int (stmt, 10) != 0;
  e->category_name = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  e->account_name = canting_sql_dup_text (stmt, 12);
  e->to_account_name = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
  e->source_text = canting_sql_dup_text (stmt, 14);
  e->order_id = sqlite3_column_int64 (stmt, 15);
  return e;
}

/* Checks that the account (and category) an entry names exist, are of the
 * right kind, and, for a new choice, are not archived. */
static gboolean
check_references (CantingDb           *db,
                  const CantingEntry  *e,
                  const CantingEntry  *before,
                  GError             **error)
{
  g_autoptr(sqlite3_stmt) account = canting_sql_prepare (db, "SELECT archived FROM accounts WHERE id = ?1", error);
  g_autoptr(sqlite3_stmt) category = NULL;
  gint64 archived = 0;
  const gint64 accounts[2] = { e->account_id, e->to_account_id };

  if (account == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      gboolean kept;

      if (accounts[i] == 0)
        continue;
      kept = before != NULL && (accounts[i] == before->account_id || accounts[i] == before->to_account_id);
      sqlite3_reset (account);
      sqlite3_bind_int64 (account, 1, accounts[i]);
      if (!canting_sql_step_one (db, account, _("checking the account"),
                                 _("That account no longer exists; choose another."), error))
        return FALSE;
      archived = sqlite3_column_int64 (account, 0);
      if (archived && !kept)
        {
          g_set_error (error, CANTING_LEDGER_ERROR,
                       i == 0 ? CANTING_LEDGER_FIELD_ACCOUNT : CANTING_LEDGER_FIELD_TO_ACCOUNT,
                       _("That account is archived; choose another or bring it back first."));
          return FALSE;
        }
    }
  if (e->kind == CANTING_ENTRY_TRANSFER)
    return TRUE;

  category = canting_sql_prepare (db, "SELECT kind, archived FROM ledger_categories WHERE id = ?1", error);
  if (category == NULL)
    return FALSE;
  sqlite3_bind_int64 (category, 1, e->category_id);
  if (!canting_sql_step_one (db, category, _("checking the category"),
                             _("That category no longer exists; choose another."), error))
    return FALSE;
  if (g_strcmp0 ((const char *) sqlite3_column_text (category, 0), canting_entry_kind_to_string (e->kind)) != 0)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_CATEGORY,
                   e->kind == CANTING_ENTRY_INCOME ? _("Choose an income category.")
                   : _("Choose an expense category."));
      return FALSE;
    }
  if (sqlite3_column_int (category, 1) != 0 && (before == NULL || before->category_id != e->category_id))
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_CATEGORY,
                   _("That category is archived; choose another or bring it back first."));
      return FALSE;
    }
  return TRUE;
}

static CantingEntry *
load_in_transaction (CantingDb  *db,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT " ENTRY_COLUMNS ENTRY_FROM " WHERE l.id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!canting_sql_step_one (db, stmt, _("reading the entry"),
                             _("This entry no longer exists; it may have been restored from a backup."), error))
    return NULL;
  return entry_from_row (stmt);
}

static gboolean
save_entry_in_transaction (CantingDb  *db,
                           gpointer    user_data,
                           GError    **error)
{
  CantingEntry *e = user_data;
  g_autoptr(CantingEntry) before = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (e->id != 0)
    {
      before = load_in_transaction (db, e->id, error);
      if (before == NULL)
        return FALSE;
      if (before->source != CANTING_ENTRY_SOURCE_NONE)
        {
          /* Only where the money went is the ledger's to say. */
          if (e->kind != before->kind)
            {
              g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_SOURCE,
                           _("An automatic entry (%s) cannot change between income, expense and transfer."),
                           canting_entry_source_label (before->source));
              return FALSE;
            }
          e->amount = before->amount;
          g_free (e->on_date);
          e->on_date = g_strdup (before->on_date);
        }
      if (before->voided)
        {
          g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_SOURCE,
                       _("This entry was voided; restore it before changing it."));
          return FALSE;
        }
    }
  if (!check_references (db, e, before, error))
    return FALSE;

  stmt = canting_sql_prepare (db,
                              e->id == 0
                              ? "INSERT INTO ledger (on_date, kind, amount, category_id, account_id, to_account_id, note) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                              : "UPDATE ledger SET on_date = ?1, kind = ?2, amount = ?3, category_id = ?4, "
                                "account_id = ?5, to_account_id = ?6, note = ?7 WHERE id = ?8",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, e->on_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, canting_entry_kind_to_string (e->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, e->amount);
  canting_sql_bind_optional (stmt, 4, e->kind == CANTING_ENTRY_TRANSFER ? 0 : e->category_id, 0);
  sqlite3_bind_int64 (stmt, 5, e->account_id);
  canting_sql_bind_optional (stmt, 6, e->kind == CANTING_ENTRY_TRANSFER ? e->to_account_id : 0, 0);
  canting_sql_bind_trimmed (stmt, 7, e->note);
  if (e->id != 0)
    sqlite3_bind_int64 (stmt, 8, e->id);
  return canting_sql_save_record (db, stmt, &e->id, _("saving the entry"),
                                  _("This entry no longer exists; it may have been restored from a backup."), error);
}

gboolean
canting_entry_save (CantingDb     *db,
                    CantingEntry  *entry,
                    GError       **error)
{
  return canting_entry_validate (entry, error) &&
         canting_db_transaction (db, save_entry_in_transaction, entry, error);
}

CantingEntry *
canting_entry_load (CantingDb  *db,
                    gint64      id,
                    GError    **error)
{
  return load_in_transaction (db, id, error);
}

typedef struct {
  gint64   id;
  gboolean voided;
} VoidJob;

static gboolean
void_in_transaction (CantingDb  *db,
                     gpointer    user_data,
                     GError    **error)
{
  VoidJob *job = user_data;
  g_autoptr(CantingEntry) entry = load_in_transaction (db, job->id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (entry == NULL)
    return FALSE;
  if (entry->source != CANTING_ENTRY_SOURCE_NONE)
    {
      g_set_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_SOURCE,
                   _("This entry comes from elsewhere (%s: %s); change or remove it there."),
                   canting_entry_source_label (entry->source), entry->source_text);
      return FALSE;
    }
  stmt = canting_sql_prepare (db, "UPDATE ledger SET voided = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, job->voided ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, job->id);
  return canting_sql_run (db, stmt, _("voiding the entry"), error);
}

gboolean
canting_entry_set_voided (CantingDb  *db,
                          gint64      id,
                          gboolean    voided,
                          GError    **error)
{
  VoidJob job = { id, voided };

  return canting_db_transaction (db, void_in_transaction, &job, error);
}

/* --- the ledger as a list ------------------------------------------------ */

/* The dates as ranges the ledger_by_date index can answer (an open end
 * is the lowest or highest date text there is), not "?1 IS NULL OR ...",
 * which makes every count a scan of every entry. */
#define FILTER_WHERE \
  " WHERE l.on_date BETWEEN coalesce(?1, '') AND coalesce(?2, '9999-99-99')" \
  " AND (?3 IS NULL OR l.kind = ?3)" \
  " AND (?4 = 0 OR l.account_id = ?4 OR l.to_account_id = ?4)" \
  " AND (?5 = 0 OR l.category_id = ?5)" \
  " AND (?6 OR l.voided = 0)"

/* The text search also looks at what an automatic entry came from, which
 * only the full column list computes: it filters the outer query. */
#define TEXT_MATCH \
  " (?7 = '%%' OR note LIKE ?7 ESCAPE '\\' OR category LIKE ?7 ESCAPE '\\'" \
  "  OR account LIKE ?7 ESCAPE '\\' OR to_account LIKE ?7 ESCAPE '\\' OR source_text LIKE ?7 ESCAPE '\\')"

static void
bind_filter (sqlite3_stmt              *stmt,
             const CantingLedgerFilter *filter)
{
  if (filter->from != NULL)
    sqlite3_bind_text (stmt, 1, filter->from, -1, SQLITE_TRANSIENT);
  if (filter->to != NULL)
    sqlite3_bind_text (stmt, 2, filter->to, -1, SQLITE_TRANSIENT);
  if (filter->kind >= 0 && filter->kind < CANTING_ENTRY_KIND_COUNT)
    sqlite3_bind_text (stmt, 3, canting_entry_kind_to_string (filter->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, filter->account_id);
  sqlite3_bind_int64 (stmt, 5, filter->category_id);
  sqlite3_bind_int (stmt, 6, filter->include_voided ? 1 : 0);
  if (sqlite3_bind_parameter_count (stmt) >= 7)
    sqlite3_bind_text (stmt, 7, canting_sql_like_pattern (filter->text), -1, g_free);
}

GPtrArray *
canting_ledger_search (CantingDb                 *db,
                       const CantingLedgerFilter *filter,
                       guint                      offset,
                       guint                      limit,
                       GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = canting_sql_prepare (db,
                              "WITH e (id, on_date, kind, amount, category_id, account_id, to_account_id, note, source,"
                              "        source_id, voided, category, account, to_account, source_text, order_id) AS"
                              " (SELECT " ENTRY_COLUMNS ENTRY_FROM FILTER_WHERE ")"
                              " SELECT * FROM e WHERE" TEXT_MATCH
                              " ORDER BY on_date DESC, id DESC LIMIT ?8 OFFSET ?9",
                              error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 8, limit);
  sqlite3_bind_int64 (stmt, 9, offset);
  return canting_sql_collect (db, stmt, entry_from_row, (GDestroyNotify) canting_entry_free,
                              _("searching the ledger"), error);
}

gboolean
canting_ledger_has_entries (CantingDb  *db,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT EXISTS (SELECT 1 FROM ledger)", error);
  gint64 any = 0;

  return stmt != NULL && canting_sql_get_int64 (db, stmt, &any, _("counting the ledger"), error) && any != 0;
}

gint64
canting_ledger_count (CantingDb                 *db,
                      const CantingLedgerFilter *filter,
                      GError                   **error)
{
  gboolean with_text = filter->text != NULL && *filter->text != '\0';
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = -1;

  /* Without a text to look for, the count needs no joins. */
  stmt = canting_sql_prepare (db,
                              with_text
                              ? "WITH e (id, on_date, kind, amount, category_id, account_id, to_account_id, note, source,"
                                "        source_id, voided, category, account, to_account, source_text, order_id) AS"
                                " (SELECT " ENTRY_COLUMNS ENTRY_FROM FILTER_WHERE ")"
                                " SELECT count(*) FROM e WHERE" TEXT_MATCH
                              : "SELECT count(*) FROM ledger l" FILTER_WHERE,
                              error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting the ledger"), error))
    return -1;
  return n;
}

gboolean
canting_ledger_totals (CantingDb                 *db,
                       const CantingLedgerFilter *filter,
                       CantingLedgerTotals       *out_totals,
                       GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (filter->text == NULL || *filter->text == '\0', FALSE);
  stmt = canting_sql_prepare (db,
                              "SELECT coalesce(sum(CASE WHEN l.kind = 'income' THEN l.amount END), 0),"
                              "       coalesce(sum(CASE WHEN l.kind = 'expense' THEN l.amount END), 0)"
                              " FROM ledger l" FILTER_WHERE " AND l.voided = 0",
                              error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("adding up the ledger"));
      return FALSE;
    }
  out_totals->income = sqlite3_column_int64 (stmt, 0);
  out_totals->expense = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* --- receivables --------------------------------------------------------- */

void
canting_receivable_free (CantingReceivable *receivable)
{
  if (receivable == NULL)
    return;
  g_free (receivable->order_number);
  g_free (receivable->customer_name);
  g_free (receivable->due_date);
  g_free (receivable);
}

static void sum_buckets (GPtrArray    *rows,
                         gsize         amount_offset,
                         gsize         bucket_offset,
                         CantingMoney  out_buckets[CANTING_AGE_BUCKET_COUNT]);

static CantingAgeBucket
bucket_for (gint64 days_overdue)
{
  if (days_overdue <= 0)
    return CANTING_AGE_NOT_DUE;
  if (days_overdue <= 30)
    return CANTING_AGE_1_30;
  if (days_overdue <= 60)
    return CANTING_AGE_31_60;
  if (days_overdue <= 90)
    return CANTING_AGE_61_90;
  return CANTING_AGE_OVER_90;
}

static gpointer
receivable_from_row (sqlite3_stmt *stmt)
{
  CantingReceivable *r = g_new0 (CantingReceivable, 1);

  r->order_id = sqlite3_column_int64 (stmt, 0);
  r->order_number = canting_sql_dup_text (stmt, 1);
  r->customer_name = canting_sql_dup_text (stmt, 2);
  r->due_date = canting_sql_dup_text (stmt, 3);
  r->balance = sqlite3_column_int64 (stmt, 4);
  r->days_overdue = MAX (sqlite3_column_int64 (stmt, 5), 0);
  r->bucket = bucket_for (r->days_overdue);
  return r;
}

/* The orders that owe, most overdue first, at most ?2 (-1: all). */
static GPtrArray *
receivables_read (CantingDb   *db,
                  const char  *today,
                  gint64       limit,
                  GError     **error)
{
  g_autofree char *today_storage = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = canting_sql_prepare (db,
                              "SELECT id, number, customer, due, balance,"
                              "       CAST (julianday (?1) - julianday (due) AS INTEGER) AS late"
                              " FROM (SELECT o.id, o.number, c.name AS customer, coalesce(o.due_date, o.order_date) AS due,"
                              "              o.total - o.paid AS balance"
                              /* CROSS JOIN: the orders first, through the orders_owing
                               * index (schema step 21, whose condition the WHERE spells
                               * the same), so only the orders that owe are read. */
                              "       FROM orders o CROSS JOIN customers c ON c.id = o.customer_id"
                              "       WHERE " CANTING_ORDER_OWING_SQL ")"
                              " ORDER BY late DESC, id LIMIT ?2",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today_or (today, &today_storage), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  return canting_sql_collect (db, stmt, receivable_from_row, (GDestroyNotify) canting_receivable_free,
                              _("reading what customers owe"), error);
}

GPtrArray *
canting_receivables (CantingDb     *db,
                     const char    *today,
                     CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                     GError       **error)
{
  GPtrArray *rows = receivables_read (db, today, -1, error);

  if (rows != NULL && out_buckets != NULL)
    sum_buckets (rows, G_STRUCT_OFFSET (CantingReceivable, balance), G_STRUCT_OFFSET (CantingReceivable, bucket),
                 out_buckets);
  return rows;
}

GPtrArray *
canting_receivables_most_overdue (CantingDb   *db,
                                  const char  *today,
                                  guint        limit,
                                  guint       *out_count,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) count = canting_sql_prepare (db,
                                                       "SELECT count(*) FROM orders o WHERE " CANTING_ORDER_OWING_SQL,
                                                       error);

  if (count == NULL || !canting_sql_step_one (db, count, _("reading what customers owe"), NULL, error))
    return NULL;
  *out_count = (guint) MIN (sqlite3_column_int64 (count, 0), G_MAXUINT);
  return receivables_read (db, today, limit, error);
}

gboolean
canting_receivables_totals (CantingDb     *db,
                            const char    *today,
                            CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                            GError       **error)
{
  g_autofree char *today_storage = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = canting_sql_prepare (db,
                              "SELECT o.total - o.paid,"
                              "       CAST (julianday (?1) - julianday (coalesce(o.due_date, o.order_date)) AS INTEGER)"
                              " FROM orders o WHERE " CANTING_ORDER_OWING_SQL,
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today_or (today, &today_storage), -1, SQLITE_STATIC);
  memset (out_buckets, 0, sizeof (CantingMoney) * CANTING_AGE_BUCKET_COUNT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    out_buckets[bucket_for (MAX (sqlite3_column_int64 (stmt, 1), 0))] += sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading what customers owe"));
      return FALSE;
    }
  return TRUE;
}

/* --- payables ------------------------------------------------------------ */

void
canting_payable_free (CantingPayable *payable)
{
  if (payable == NULL)
    return;
  g_free (payable->material_name);
  g_free (payable->supplier);
  g_free (payable->on_date);
  g_free (payable->due_date);
  g_free (payable);
}

static gpointer
payable_from_row (sqlite3_stmt *stmt)
{
  CantingPayable *p = g_new0 (CantingPayable, 1);

  p->movement_id = sqlite3_column_int64 (stmt, 0);
  p->material_name = canting_sql_dup_text (stmt, 1);
  p->supplier = canting_sql_dup_text (stmt, 2);
  p->on_date = canting_sql_dup_text (stmt, 3);
  p->due_date = canting_sql_dup_text (stmt, 4);
  p->amount = sqlite3_column_int64 (stmt, 5);
  p->days_overdue = MAX (sqlite3_column_int64 (stmt, 6), 0);
  p->bucket = bucket_for (p->days_overdue);
  return p;
}

/* Adds each row's amount to its column. */
static void
sum_buckets (GPtrArray    *rows,
             gsize         amount_offset,
             gsize         bucket_offset,
             CantingMoney  out_buckets[CANTING_AGE_BUCKET_COUNT])
{
  memset (out_buckets, 0, sizeof (CantingMoney) * CANTING_AGE_BUCKET_COUNT);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = rows->pdata[i];
      out_buckets[*(const CantingAgeBucket *) (row + bucket_offset)] += *(const CantingMoney *) (row + amount_offset);
    }
}

GPtrArray *
canting_payables (CantingDb     *db,
                  const char    *today,
                  CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                  GError       **error)
{
  g_autofree char *today_storage = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *rows;

  stmt = canting_sql_prepare (db,
                              "SELECT s.id, m.name, s.supplier, s.on_date, coalesce(s.due_date, s.on_date) AS due, s.cost,"
                              "       CAST (julianday (?1) - julianday (coalesce(s.due_date, s.on_date)) AS INTEGER) AS late"
                              " FROM stock_movements s JOIN materials m ON m.id = s.material_id"
                              " WHERE s.unpaid = 1 AND s.kind = 'purchase' AND s.cost > 0"
                              " ORDER BY late DESC, s.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today_or (today, &today_storage), -1, SQLITE_STATIC);
  rows = canting_sql_collect (db, stmt, payable_from_row, (GDestroyNotify) canting_payable_free,
                              _("reading what is owed to suppliers"), error);
  if (rows != NULL && out_buckets != NULL)
    sum_buckets (rows, G_STRUCT_OFFSET (CantingPayable, amount), G_STRUCT_OFFSET (CantingPayable, bucket), out_buckets);
  return rows;
}

/* --- wages owed ---------------------------------------------------------- */

void
canting_wage_owed_free (CantingWageOwed *owed)
{
  if (owed == NULL)
    return;
  g_free (owed->name);
  g_free (owed->oldest);
  g_free (owed);
}

static gint
longest_owed_first (gconstpointer a,
                    gconstpointer b)
{
  const CantingWageOwed *x = *(CantingWageOwed * const *) a;
  const CantingWageOwed *y = *(CantingWageOwed * const *) b;

  return x->days != y->days ? (x->days > y->days ? -1 : 1) : g_utf8_collate (x->name, y->name);
}

GPtrArray *
canting_wages_owed (CantingDb     *db,
                    const char    *today,
                    CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                    GError       **error)
{
  g_autofree char *today_storage = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_wage_owed_free);
  g_autoptr(sqlite3_stmt) workers = NULL;
  g_autoptr(sqlite3_stmt) stages = NULL;
  const char *day = today_or (today, &today_storage);
  int rc;

  /* Who is owed: the workers' running totals (schema step 15). */
  workers = canting_sql_prepare (db, "SELECT id, name, earned - paid FROM workers WHERE earned > paid ORDER BY id",
                                 error);
  /* A worker's stages newest first, through item_stages_by_worker
   * (worker, day): payments settle the oldest first, so what is owed is
   * the newest stages' wages, and the walk stops once they cover it.
   * Summing every stage of every worker (a running sum over ten years,
   * 2.4 million stages) took five seconds. */
  stages = canting_sql_prepare (db,
                                "SELECT done_on, wage, CAST (julianday (?2) - julianday (done_on) AS INTEGER) "
                                "FROM item_stages WHERE worker_id = ?1 AND done_on IS NOT NULL AND wage > 0 "
                                "ORDER BY done_on DESC, id DESC",
                                error);
  if (workers == NULL || stages == NULL)
    return NULL;
  if (out_buckets != NULL)
    memset (out_buckets, 0, sizeof (CantingMoney) * CANTING_AGE_BUCKET_COUNT);
  while ((rc = sqlite3_step (workers)) == SQLITE_ROW)
    {
      CantingMoney owed = sqlite3_column_int64 (workers, 2);
      CantingMoney covered = 0;
      CantingWageOwed *w = NULL;

      sqlite3_reset (stages);
      sqlite3_bind_int64 (stages, 1, sqlite3_column_int64 (workers, 0));
      sqlite3_bind_text (stages, 2, day, -1, SQLITE_STATIC);
      while (covered < owed && (rc = sqlite3_step (stages)) == SQLITE_ROW)
        {
          CantingMoney wage = sqlite3_column_int64 (stages, 1);
          gint64 age = MAX (sqlite3_column_int64 (stages, 2), 0);

          if (w == NULL)
            {
              w = g_new0 (CantingWageOwed, 1);
              w->worker_id = sqlite3_column_int64 (workers, 0);
              w->name = canting_sql_dup_text (workers, 1);
              w->owed = owed;
              g_ptr_array_add (rows, w);
            }
          /* The oldest stage owed so far, perhaps owed only in part. */
          g_free (w->oldest);
          w->oldest = canting_sql_dup_text (stages, 0);
          w->days = age;
          w->bucket = bucket_for (age);
          if (out_buckets != NULL)
            out_buckets[bucket_for (age)] += MIN (wage, owed - covered);
          covered += wage;
        }
      if (covered < owed && rc != SQLITE_DONE)
        break;
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the wages owed"));
      return NULL;
    }
  g_ptr_array_sort (rows, longest_owed_first);
  return g_steal_pointer (&rows);
}
