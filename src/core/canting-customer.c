/* canting-customer.c: customers, their search and their history. */
#include "canting-customer.h"
#include "canting-record-private.h"

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

G_DEFINE_QUARK (canting-customer-error-quark, canting_customer_error)
G_DEFINE_BOXED_TYPE (CantingCustomer, canting_customer, canting_customer_copy, canting_customer_free)

CantingCustomer *
canting_customer_new (void)
{
  CantingCustomer *c = g_new0 (CantingCustomer, 1);

  c->name = g_strdup ("");
  c->phone = g_strdup ("");
  c->address = g_strdup ("");
  c->city = g_strdup ("");
  c->notes = g_strdup ("");
  return c;
}

CantingCustomer *
canting_customer_copy (const CantingCustomer *customer)
{
  CantingCustomer *c = g_new0 (CantingCustomer, 1);

  c->id = customer->id;
  c->name = g_strdup (customer->name);
  c->phone = g_strdup (customer->phone);
  c->address = g_strdup (customer->address);
  c->city = g_strdup (customer->city);
  c->notes = g_strdup (customer->notes);
  c->archived = customer->archived;
  return c;
}

void
canting_customer_free (CantingCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->name);
  g_free (customer->phone);
  g_free (customer->address);
  g_free (customer->city);
  g_free (customer->notes);
  g_free (customer);
}

gboolean
canting_customer_validate (const CantingCustomer  *c,
                           GError                **error)
{
  return canting_validate_text (c->name, CANTING_TEXT_REQUIRED, _("Customer name"),
                                _("Type the customer’s name."),
                                CANTING_CUSTOMER_ERROR, CANTING_CUSTOMER_FIELD_NAME, error) &&
         canting_validate_text (c->phone, CANTING_TEXT_PHONE, _("Phone or WhatsApp"), NULL,
                                CANTING_CUSTOMER_ERROR, CANTING_CUSTOMER_FIELD_PHONE, error) &&
         canting_validate_text (c->address, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Address"), NULL,
                                CANTING_CUSTOMER_ERROR, CANTING_CUSTOMER_FIELD_ADDRESS, error) &&
         canting_validate_text (c->city, 0, _("City or regency"), NULL,
                                CANTING_CUSTOMER_ERROR, CANTING_CUSTOMER_FIELD_CITY, error) &&
         canting_validate_text (c->notes, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Notes"), NULL,
                                CANTING_CUSTOMER_ERROR, CANTING_CUSTOMER_FIELD_NOTES, error);
}

gboolean
canting_customer_save_in_txn (CantingDb  *db,
                              gpointer    user_data,
                              GError    **error)
{
  CantingCustomer *c = user_data;
  g_auto(CantingSqlTaken) taken = { NULL };
  sqlite3_stmt *stmt;

  if (c->id == 0)
    stmt = canting_sql_take (db, &taken,
                             "INSERT INTO customers (name, phone, address, city, notes, archived) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  else
    stmt = canting_sql_take (db, &taken,
                             "UPDATE customers SET name = ?1, phone = ?2, address = ?3, city = ?4, "
                             "notes = ?5, archived = ?6 WHERE id = ?7", error);
  if (stmt == NULL)
    return FALSE;
  canting_sql_bind_trimmed (stmt, 1, c->name);
  canting_sql_bind_trimmed (stmt, 2, c->phone);
  canting_sql_bind_trimmed (stmt, 3, c->address);
  canting_sql_bind_trimmed (stmt, 4, c->city);
  canting_sql_bind_trimmed (stmt, 5, c->notes);
  sqlite3_bind_int (stmt, 6, c->archived ? 1 : 0);
  if (c->id != 0)
    sqlite3_bind_int64 (stmt, 7, c->id);
  return canting_sql_save_record (db, stmt, &c->id, _("saving the customer"), _("This customer no longer exists."),
                                  error);
}

gboolean
canting_customer_save (CantingDb        *db,
                       CantingCustomer  *customer,
                       GError          **error)
{
  gint64 id_before = customer->id;

  if (!canting_customer_validate (customer, error))
    return FALSE;
  if (!canting_db_transaction (db, canting_customer_save_in_txn, customer, error))
    {
      /* Rolled back: a new customer stays new. */
      customer->id = id_before;
      return FALSE;
    }
  return TRUE;
}

static CantingCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  CantingCustomer *c = g_new0 (CantingCustomer, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = canting_sql_dup_text (stmt, 1);
  c->phone = canting_sql_dup_text (stmt, 2);
  c->address = canting_sql_dup_text (stmt, 3);
  c->city = canting_sql_dup_text (stmt, 4);
  c->notes = canting_sql_dup_text (stmt, 5);
  c->archived = sqlite3_column_int (stmt, 6) != 0;
  return c;
}

#define CUSTOMER_COLUMNS "id, name, phone, address, city, notes, archived"

CantingCustomer *
canting_customer_load (CantingDb  *db,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE id = ?1",
                                                      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return customer_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This customer no longer exists."));
  else
    canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the customer"));
  return NULL;
}

static gboolean
delete_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  gint64 id = *(gint64 *) user_data;
  g_autoptr(sqlite3_stmt) count = canting_sql_prepare (db, "SELECT count(*) FROM orders WHERE customer_id = ?1", error);
  g_autoptr(sqlite3_stmt) del = NULL;
  gint64 orders = 0;

  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, id);
  if (!canting_sql_get_int64 (db, count, &orders, _("counting the customer’s orders"), error))
    return FALSE;
  if (orders > 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IN_USE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This customer has %d order, so it cannot be deleted. Archive it instead.",
                                "This customer has %d orders, so it cannot be deleted. Archive it instead.",
                                (gulong) orders),
                   (int) MIN (orders, G_MAXINT));
      return FALSE;
    }
  del = canting_sql_prepare (db, "DELETE FROM customers WHERE id = ?1", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!canting_sql_run (db, del, _("deleting the customer"), error))
    return FALSE;
  if (sqlite3_changes (canting_db_get_handle (db)) != 1)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This customer no longer exists."));
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_customer_delete (CantingDb  *db,
                         gint64      id,
                         GError    **error)
{
  return canting_db_transaction (db, delete_in_transaction, &id, error);
}

gboolean
canting_customer_set_archived (CantingDb  *db,
                               gint64      id,
                               gboolean    archived,
                               GError    **error)
{
  g_autoptr(CantingCustomer) c = canting_customer_load (db, id, error);

  if (c == NULL)
    return FALSE;
  c->archived = archived;
  return canting_db_transaction (db, canting_customer_save_in_txn, c, error);
}

#define SEARCH_WHERE \
  " WHERE (?1 OR archived = 0) AND (?2 = '%%' OR name LIKE ?2 ESCAPE '\\' " \
  "   OR phone LIKE ?2 ESCAPE '\\' OR city LIKE ?2 ESCAPE '\\')"

GPtrArray *
canting_customer_search (CantingDb   *db,
                         const char  *text,
                         gboolean     include_archived,
                         guint        offset,
                         guint        limit,
                         GError     **error)
{
  g_autofree char *pattern = canting_sql_like_pattern (text);
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT " CUSTOMER_COLUMNS " FROM customers" SEARCH_WHERE
                                                      " ORDER BY name COLLATE NOCASE, id LIMIT ?3 OFFSET ?4",
                                                      error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_customer_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, customer_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("searching customers"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint64
canting_customer_count (CantingDb   *db,
                        const char  *text,
                        gboolean     include_archived,
                        GError     **error)
{
  g_autofree char *pattern = canting_sql_like_pattern (text);
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT count(*) FROM customers" SEARCH_WHERE, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_STATIC);
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting customers"), error))
    return -1;
  return n;
}

gboolean
canting_customer_history (CantingDb     *db,
                          gint64         id,
                          gint64        *out_orders,
                          CantingMoney  *out_total,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT count(*), coalesce(sum(total), 0) FROM orders "
                                                      "WHERE customer_id = ?1 AND status <> 'cancelled'",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the customer’s orders"));
      return FALSE;
    }
  *out_orders = sqlite3_column_int64 (stmt, 0);
  *out_total = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}
