/* test-ledger.c: accounts, categories, the ledger, its automatic entries
 * and what customers owe. */
#include "canting-customer.h"
#include "canting-dashboard.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-ledger.h"
#include "canting-material.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-test-util.h"

#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 kas, bank, ewallet;
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return canting_test_query_int (canting_db_get_handle (f->db), sql);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  /* Every workshop starts with a cash box, a bank and an e-wallet. */
  accounts = canting_account_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 3);
  f->kas = ((CantingAccount *) accounts->pdata[0])->id;
  f->bank = ((CantingAccount *) accounts->pdata[1])->id;
  f->ewallet = ((CantingAccount *) accounts->pdata[2])->id;
  g_assert_cmpint (((CantingAccount *) accounts->pdata[0])->kind, ==, CANTING_ACCOUNT_CASH);
  g_assert_cmpint (((CantingAccount *) accounts->pdata[1])->kind, ==, CANTING_ACCOUNT_BANK);
  g_assert_cmpint (((CantingAccount *) accounts->pdata[2])->kind, ==, CANTING_ACCOUNT_EWALLET);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
category (Fixture    *f,
          const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM ledger_categories WHERE code = '%s'", code);
  return query_int (f, sql);
}

static CantingMoney
balance_of (Fixture *f,
            gint64   account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = canting_account_list (f->db, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    if (((CantingAccount *) accounts->pdata[i])->id == account_id)
      return ((CantingAccount *) accounts->pdata[i])->balance;
  g_assert_not_reached ();
}

static CantingEntry *
entry (CantingEntryKind  kind,
       const char       *on_date,
       CantingMoney      amount,
       gint64            category_id,
       gint64            account_id)
{
  CantingEntry *e = canting_entry_new (kind);

  g_free (e->on_date);
  e->on_date = g_strdup (on_date);
  e->amount = amount;
  e->category_id = category_id;
  e->account_id = account_id;
  return e;
}

static gint64
save_entry (Fixture          *f,
            CantingEntryKind  kind,
            const char       *on_date,
            CantingMoney      amount,
            gint64            category_id,
            gint64            account_id)
{
  g_autoptr(CantingEntry) e = entry (kind, on_date, amount, category_id, account_id);
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_entry_save (f->db, e, &error));
  g_assert_no_error (error);
  return e->id;
}

static gint64
save_transfer (Fixture     *f,
               const char  *on_date,
               CantingMoney amount,
               gint64       from,
               gint64       to)
{
  g_autoptr(CantingEntry) e = entry (CANTING_ENTRY_TRANSFER, on_date, amount, 0, from);
  g_autoptr(GError) error = NULL;

  e->to_account_id = to;
  g_assert_true (canting_entry_save (f->db, e, &error));
  g_assert_no_error (error);
  return e->id;
}

static CantingLedgerTotals
totals (Fixture    *f,
        const char *from,
        const char *to)
{
  CantingLedgerFilter filter = { .from = from, .to = to, .kind = -1 };
  CantingLedgerTotals t = { -1, -1 };
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_ledger_totals (f->db, &filter, &t, &error));
  g_assert_no_error (error);
  return t;
}

static gint64
add_order (Fixture      *f,
           const char   *order_date,
           const char   *due_date,
           CantingMoney  price)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(CantingOrder) o = canting_order_new ();
  g_autoptr(GError) error = NULL;

  g_free (c->name);
  c->name = g_strdup ("Bu Sri");
  g_assert_true (canting_customer_save (f->db, c, &error));
  o->customer_id = c->id;
  g_free (o->order_date);
  o->order_date = g_strdup (order_date);
  o->due_date = g_strdup (due_date);
  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain tulis Kawung", 1, price));
  g_assert_true (canting_order_save (f->db, o, &error));
  g_assert_no_error (error);
  return o->id;
}

static gint64
pay (Fixture              *f,
     gint64                order_id,
     CantingMoney          amount,
     const char           *paid_on,
     CantingPaymentMethod  method,
     gboolean              down_payment)
{
  g_autoptr(CantingPayment) p = canting_payment_new ();
  g_autoptr(GError) error = NULL;

  p->order_id = order_id;
  p->amount = amount;
  g_free (p->paid_on);
  p->paid_on = g_strdup (paid_on);
  p->method = method;
  p->is_down_payment = down_payment;
  g_assert_true (canting_payment_add (f->db, p, &error));
  g_assert_no_error (error);
  return p->id;
}

/* Income, expenses and transfers move the balances; the totals count
 * income and expenses only, each within its dates. */
static void
test_balances_and_transfers (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CantingAccount) bri = canting_account_new ();
  g_autoptr(GError) error = NULL;
  CantingLedgerTotals t;

  g_assert_cmpint (balance_of (f, f->kas), ==, 0);

  /* A second bank account that held Rp 2.000.000 when the ledger began. */
  g_free (bri->name);
  bri->name = g_strdup ("BRI");
  bri->kind = CANTING_ACCOUNT_BANK;
  bri->opening_balance = 2000000;
  g_assert_true (canting_account_save (f->db, bri, &error));
  g_assert_no_error (error);

  save_entry (f, CANTING_ENTRY_INCOME, "2026-03-02", 750000, category (f, "sales"), f->kas);
  save_entry (f, CANTING_ENTRY_EXPENSE, "2026-03-05", 120000, category (f, "utilities"), f->kas);
  save_entry (f, CANTING_ENTRY_EXPENSE, "2026-04-01", 300000, category (f, "rent"), bri->id);
  save_transfer (f, "2026-03-10", 500000, f->kas, bri->id);

  g_assert_cmpint (balance_of (f, f->kas), ==, 750000 - 120000 - 500000);
  g_assert_cmpint (balance_of (f, bri->id), ==, 2000000 + 500000 - 300000);
  g_assert_cmpint (balance_of (f, f->bank), ==, 0);

  t = totals (f, NULL, NULL);
  g_assert_cmpint (t.income, ==, 750000);
  g_assert_cmpint (t.expense, ==, 420000);
  t = totals (f, "2026-03-01", "2026-03-31");
  g_assert_cmpint (t.income, ==, 750000);
  g_assert_cmpint (t.expense, ==, 120000);
  t = totals (f, "2026-04-01", "2026-04-01");
  g_assert_cmpint (t.income, ==, 0);
  g_assert_cmpint (t.expense, ==, 300000);

  /* Account names are unique, whatever the capitals. */
  {
    g_autoptr(CantingAccount) again = canting_account_new ();
    g_free (again->name);
    again->name = g_strdup ("  bri ");
    g_assert_false (canting_account_save (f->db, again, &error));
    g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NAME);
    g_assert_nonnull (strstr (error->message, "already an account called “bri”"));
    g_clear_error (&error);
  }
}

/* Payments, purchases and wages appear once each, follow their source and
 * are voided, not lost, when it goes. */
static void
test_automatic_entries (Fixture       *f,
                        gconstpointer  data)
{
  gint64 order = add_order (f, "2026-05-01", "2026-05-31", 1500000);
  gint64 dp = pay (f, order, 500000, "2026-05-01", CANTING_PAYMENT_TRANSFER, TRUE);
  g_autoptr(CantingMovement) buy = canting_movement_new ();
  g_autoptr(CantingEntry) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  CantingLedgerFilter filter = { .kind = -1 };
  CantingLedgerTotals t;
  g_autofree char *sql = NULL;
  gint64 dp_entry, wage_entry;

  pay (f, order, 1000000, "2026-05-20", CANTING_PAYMENT_CASH, FALSE);

  buy->material_id = query_int (f, "SELECT id FROM materials WHERE name = 'Mori prima'");
  buy->kind = CANTING_MOVEMENT_PURCHASE;
  buy->quantity = 30000;
  buy->cost = 450000;
  g_free (buy->on_date);
  buy->on_date = g_strdup ("2026-05-03");
  g_free (buy->supplier);
  buy->supplier = g_strdup ("Toko Sumber Rejeki");
  g_assert_true (canting_movement_record (f->db, buy, CANTING_MOVEMENT_DEFAULT, &error));
  g_assert_no_error (error);

  exec (f, "INSERT INTO workers (id, name) VALUES (7, 'Mbok Yem');"
           "INSERT INTO wage_payments (id, worker_id, amount, paid_on) VALUES (70, 7, 80000, '2026-05-25');");

  /* Exactly one entry each, in the account its method lands in. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger"), ==, 4);
  sql = g_strdup_printf ("SELECT id FROM ledger WHERE source = 'payment' AND source_id = %" G_GINT64_FORMAT, dp);
  dp_entry = query_int (f, sql);
  e = canting_entry_load (f->db, dp_entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->kind, ==, CANTING_ENTRY_INCOME);
  g_assert_cmpint (e->source, ==, CANTING_ENTRY_SOURCE_PAYMENT);
  g_assert_cmpint (e->order_id, ==, order);
  g_assert_cmpint (e->account_id, ==, f->bank);
  g_assert_cmpint (e->category_id, ==, category (f, "order_dp"));
  g_assert_cmpstr (e->on_date, ==, "2026-05-01");
  g_assert_true (g_str_has_prefix (e->source_text, "PSN-2026-"));
  g_assert_true (g_str_has_suffix (e->source_text, " · Bu Sri"));

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE source = 'payment' AND kind = 'income' "
                                 "AND account_id = 1 AND category_id = (SELECT id FROM ledger_categories "
                                 "WHERE code = 'order_settlement') AND amount = 1000000"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE source = 'purchase' AND kind = 'expense' "
                                 "AND account_id = 1 AND amount = 450000 AND on_date = '2026-05-03'"), ==, 1);
  wage_entry = query_int (f, "SELECT id FROM ledger WHERE source = 'wage' AND source_id = 70 AND kind = 'expense' "
                             "AND amount = 80000 AND category_id = (SELECT id FROM ledger_categories WHERE code = 'wages')");
  g_assert_cmpint (wage_entry, >, 0);

  g_assert_cmpint (balance_of (f, f->kas), ==, 1000000 - 450000 - 80000);
  g_assert_cmpint (balance_of (f, f->bank), ==, 500000);
  t = totals (f, "2026-05-01", "2026-05-31");
  g_assert_cmpint (t.income, ==, 1500000);
  g_assert_cmpint (t.expense, ==, 530000);

  /* The list says where each came from, and the search finds it by it. */
  filter.text = "Sumber Rejeki";
  found = canting_ledger_search (f->db, &filter, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CantingEntry *) found->pdata[0])->source_text, ==, "Mori prima · Toko Sumber Rejeki");
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 1);
  filter.text = "Mbok Yem";
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 1);
  filter.text = NULL;
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 4);

  /* Moving the DP to the e-wallet is the ledger's to say; its amount and
   * date are not (they follow the payment). */
  e->account_id = f->ewallet;
  e->amount = 1;
  g_free (e->on_date);
  e->on_date = g_strdup ("2020-01-01");
  g_assert_true (canting_entry_save (f->db, e, &error));
  g_assert_no_error (error);
  g_clear_pointer (&e, canting_entry_free);
  e = canting_entry_load (f->db, dp_entry, &error);
  g_assert_cmpint (e->account_id, ==, f->ewallet);
  g_assert_cmpint (e->amount, ==, 500000);
  g_assert_cmpstr (e->on_date, ==, "2026-05-01");
  g_assert_cmpint (balance_of (f, f->bank), ==, 0);
  g_assert_cmpint (balance_of (f, f->ewallet), ==, 500000);

  /* An automatic entry is not voided here. */
  g_assert_false (canting_entry_set_voided (f->db, dp_entry, TRUE, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_SOURCE);
  g_assert_nonnull (strstr (error->message, "Order payment"));
  g_clear_error (&error);

  /* The source changes: the entry follows, in the account chosen. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE payments SET amount = 600000, paid_on = '2026-05-02' WHERE id = %" G_GINT64_FORMAT, dp);
  exec (f, sql);
  g_clear_pointer (&e, canting_entry_free);
  e = canting_entry_load (f->db, dp_entry, &error);
  g_assert_cmpint (e->amount, ==, 600000);
  g_assert_cmpstr (e->on_date, ==, "2026-05-02");
  g_assert_cmpint (e->account_id, ==, f->ewallet);
  exec (f, "UPDATE wage_payments SET amount = 90000 WHERE id = 70");
  g_assert_cmpint (balance_of (f, f->kas), ==, 1000000 - 450000 - 90000);

  /* The source goes: the entry stays, voided, and counts nowhere. */
  exec (f, "DELETE FROM wage_payments WHERE id = 70");
  g_assert_cmpint (query_int (f, "SELECT voided FROM ledger WHERE source = 'wage' AND source_id = 70"), ==, 1);
  g_assert_cmpint (balance_of (f, f->kas), ==, 1000000 - 450000);
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 3);
  filter.include_voided = TRUE;
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 4);
  t = totals (f, NULL, NULL);
  g_assert_cmpint (t.expense, ==, 450000);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger"), ==, 4);
}

/* A database from before the ledger gets one entry per payment, purchase
 * and wage it already had, once, when it is upgraded. */
static void
test_upgrade_brings_in_history (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  CantingDb *db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, 7, &error);
  sqlite3 *handle;

  g_assert_no_error (error);
  handle = canting_db_get_handle (db);
  g_assert_cmpint (sqlite3_exec (handle,
                                 "INSERT INTO customers (id, name) VALUES (1, 'Pak Budi');"
                                 "INSERT INTO orders (id, number, year, seq, customer_id, order_date, total) "
                                 "  VALUES (1, 'PSN-2025-0001', 2025, 1, 1, '2025-02-01', 900000);"
                                 "INSERT INTO payments (order_id, amount, paid_on, method, is_down_payment) VALUES"
                                 "  (1, 300000, '2025-02-01', 'qris', 1), (1, 600000, '2025-02-20', 'cash', 0);"
                                 "INSERT INTO stock_movements (material_id, kind, quantity, value, cost, on_date) VALUES"
                                 "  (1, 'purchase', 30000, 400000, 400000, '2025-01-15'),"
                                 "  (1, 'purchase', 1000, 0, 0, '2025-01-16');"  /* a free sample: no entry */
                                 "INSERT INTO workers (id, name) VALUES (1, 'Mbok Tun');"
                                 "INSERT INTO wage_payments (worker_id, amount, paid_on) VALUES (1, 75000, '2025-02-10');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_object_unref (db);

  for (int round = 0; round < 2; round++)
    {
      db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
      g_assert_no_error (error);
      handle = canting_db_get_handle (db);
      g_assert_cmpint (canting_test_query_int (handle, "SELECT count(*) FROM ledger"), ==, 4);
      g_assert_cmpint (canting_test_query_int (handle, "SELECT count(*) FROM ledger WHERE source = 'payment' "
                                                       "AND account_id = 3 AND amount = 300000"), ==, 1);
      g_assert_cmpint (canting_test_query_int (handle, "SELECT sum(amount) FROM ledger WHERE kind = 'expense'"), ==, 475000);
      g_object_unref (db);
    }
  canting_test_rmdir (dir);
}

/* Entries typed by hand: every rule, and nothing stored when one breaks. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEntry) e = entry (CANTING_ENTRY_EXPENSE, "2026-06-31", 10000, category (f, "tools"), f->kas);
  g_autoptr(CantingAccount) old = canting_account_new ();
  g_autoptr(CantingCategory) mine = canting_category_new ();

  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_DATE);
  g_clear_error (&error);

  g_free (e->on_date);
  e->on_date = g_strdup ("2026-06-30");
  e->amount = 0;
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_AMOUNT);
  g_clear_error (&error);
  e->amount = CANTING_LEDGER_AMOUNT_MAX + 1;
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_AMOUNT);
  g_assert_nonnull (strstr (error->message, "Rp 10.000.000.000"));
  g_clear_error (&error);
  e->amount = 10000;

  /* An income category for an expense. */
  e->category_id = category (f, "sales");
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_CATEGORY);
  g_assert_nonnull (strstr (error->message, "expense category"));
  g_clear_error (&error);
  e->category_id = 0;
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_CATEGORY);
  g_clear_error (&error);
  e->category_id = 9999;
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_clear_error (&error);
  e->category_id = category (f, "tools");

  /* A transfer to the account it comes from. */
  e->kind = CANTING_ENTRY_TRANSFER;
  e->to_account_id = f->kas;
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_TO_ACCOUNT);
  g_clear_error (&error);
  e->to_account_id = 0;
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_TO_ACCOUNT);
  g_clear_error (&error);
  e->kind = CANTING_ENTRY_EXPENSE;

  /* An archived account takes no new entries, but keeps its old ones. */
  g_free (old->name);
  old->name = g_strdup ("Celengan");
  g_assert_true (canting_account_save (f->db, old, &error));
  e->account_id = old->id;
  g_assert_true (canting_entry_save (f->db, e, &error));
  old->archived = TRUE;
  g_assert_true (canting_account_save (f->db, old, &error));
  g_free (e->note);
  e->note = g_strdup ("still here");
  g_assert_true (canting_entry_save (f->db, e, &error));
  g_assert_no_error (error);
  e->id = 0;
  g_assert_false (canting_entry_save (f->db, e, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_ACCOUNT);
  g_clear_error (&error);

  /* Categories: their own names, their kind for good. */
  g_free (mine->name);
  mine->name = g_strdup ("Pameran");
  g_assert_true (canting_category_save (f->db, mine, &error));
  g_free (mine->name);
  mine->name = g_strdup ("sewa");
  g_assert_false (canting_category_save (f->db, mine, &error));
  g_assert_error (error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_NAME);
  g_clear_error (&error);
  mine->kind = CANTING_ENTRY_INCOME;
  g_free (mine->name);
  mine->name = g_strdup ("Hadiah lomba");
  g_assert_false (canting_category_save (f->db, mine, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE note = 'still here'"), ==, 1);
}

/* Voiding takes an entry out of every sum and keeps it listed; undoing
 * brings it back. */
static void
test_void_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = save_entry (f, CANTING_ENTRY_EXPENSE, "2026-06-01", 250000, category (f, "shipping"), f->kas);
  CantingLedgerFilter filter = { .kind = -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (canting_entry_set_voided (f->db, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance_of (f, f->kas), ==, 0);
  g_assert_cmpint (totals (f, NULL, NULL).expense, ==, 0);
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 0);
  filter.include_voided = TRUE;
  list = canting_ledger_search (f->db, &filter, 0, 10, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((CantingEntry *) list->pdata[0])->voided);

  g_assert_true (canting_entry_set_voided (f->db, id, FALSE, &error));
  g_assert_cmpint (balance_of (f, f->kas), ==, -250000);
  g_assert_cmpint (totals (f, NULL, NULL).expense, ==, 250000);
}

/* Pages come newest first, and the filters pick by kind, account and
 * category. */
static void
test_search_pages (Fixture       *f,
                   gconstpointer  data)
{
  CantingLedgerFilter filter = { .kind = -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  for (int day = 1; day <= 25; day++)
    {
      g_autofree char *date = g_strdup_printf ("2026-02-%02d", day);
      save_entry (f, day % 2 ? CANTING_ENTRY_INCOME : CANTING_ENTRY_EXPENSE, date, 1000 * day,
                  category (f, day % 2 ? "sales" : "tools"), day % 5 ? f->kas : f->bank);
    }
  save_transfer (f, "2026-02-26", 5000, f->bank, f->ewallet);

  first = canting_ledger_search (f->db, &filter, 0, 20, &error);
  second = canting_ledger_search (f->db, &filter, 20, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 20);
  g_assert_cmpuint (second->len, ==, 6);
  g_assert_cmpstr (((CantingEntry *) first->pdata[0])->on_date, ==, "2026-02-26");
  g_assert_cmpstr (((CantingEntry *) first->pdata[0])->to_account_name, ==, "QRIS / e-wallet");
  g_assert_null (((CantingEntry *) first->pdata[0])->category_name);
  g_assert_cmpstr (((CantingEntry *) second->pdata[5])->on_date, ==, "2026-02-01");
  g_assert_cmpstr (((CantingEntry *) second->pdata[5])->category_name, ==, "Penjualan");

  filter.kind = CANTING_ENTRY_EXPENSE;
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 12);
  filter.kind = -1;
  filter.account_id = f->bank;
  /* Days 5, 10, 15, 20, 25 and the transfer out of it. */
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 6);
  filter.account_id = f->ewallet;
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 1);
  filter.account_id = 0;
  filter.category_id = category (f, "sales");
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 13);
  filter.category_id = 0;
  filter.from = "2026-02-10";
  filter.to = "2026-02-12";
  g_assert_cmpint (canting_ledger_count (f->db, &filter, &error), ==, 3);
  g_assert_no_error (error);
}

/* What customers owe, aged from the due date (or the order date). */
static void
test_receivables (Fixture       *f,
                  gconstpointer  data)
{
  gint64 due_soon = add_order (f, "2026-06-01", "2026-06-30", 1000000);
  gint64 late = add_order (f, "2026-03-01", "2026-04-01", 800000);
  gint64 very_late = add_order (f, "2026-01-02", NULL, 500000);
  gint64 paid_up = add_order (f, "2026-03-01", "2026-03-15", 300000);
  gint64 draft = add_order (f, "2026-03-01", "2026-03-15", 700000);
  CantingMoney buckets[CANTING_AGE_BUCKET_COUNT];
  g_autoptr(GPtrArray) owed = NULL;
  g_autoptr(GError) error = NULL;
  const CantingReceivable *r;

  (void) draft;  /* a draft is no sale yet: owes nothing */
  for (guint i = 0; i < 4; i++)
    {
      gint64 ids[] = { due_soon, late, very_late, paid_up };
      g_assert_true (canting_order_set_status (f->db, ids[i], CANTING_ORDER_CONFIRMED, NULL, &error));
      g_assert_no_error (error);
    }
  pay (f, due_soon, 400000, "2026-06-01", CANTING_PAYMENT_CASH, TRUE);
  pay (f, late, 200000, "2026-03-01", CANTING_PAYMENT_CASH, TRUE);
  pay (f, paid_up, 300000, "2026-03-01", CANTING_PAYMENT_CASH, FALSE);

  owed = canting_receivables (f->db, "2026-06-10", buckets, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (owed->len, ==, 3);
  r = owed->pdata[0];
  g_assert_cmpint (r->order_id, ==, very_late);
  g_assert_cmpstr (r->due_date, ==, "2026-01-02");
  g_assert_cmpint (r->days_overdue, ==, 159);
  g_assert_cmpint (r->bucket, ==, CANTING_AGE_OVER_90);
  r = owed->pdata[1];
  g_assert_cmpint (r->order_id, ==, late);
  g_assert_cmpint (r->balance, ==, 600000);
  g_assert_cmpint (r->days_overdue, ==, 70);
  g_assert_cmpint (r->bucket, ==, CANTING_AGE_61_90);
  r = owed->pdata[2];
  g_assert_cmpint (r->order_id, ==, due_soon);
  g_assert_cmpint (r->days_overdue, ==, 0);
  g_assert_cmpint (r->bucket, ==, CANTING_AGE_NOT_DUE);

  g_assert_cmpint (buckets[CANTING_AGE_NOT_DUE], ==, 600000);
  g_assert_cmpint (buckets[CANTING_AGE_1_30], ==, 0);
  g_assert_cmpint (buckets[CANTING_AGE_31_60], ==, 0);
  g_assert_cmpint (buckets[CANTING_AGE_61_90], ==, 600000);
  g_assert_cmpint (buckets[CANTING_AGE_OVER_90], ==, 500000);

  /* What a window shows of a long list: the most overdue first, and how
   * many owe in all. */
  {
    guint count = 0;
    g_autoptr(GPtrArray) first = canting_receivables_most_overdue (f->db, "2026-06-10", 2, &count, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count, ==, 3);
    g_assert_cmpuint (first->len, ==, 2);
    g_assert_cmpint (((CantingReceivable *) first->pdata[0])->order_id, ==, very_late);
    g_assert_cmpint (((CantingReceivable *) first->pdata[1])->order_id, ==, late);
  }

  /* The boundaries of the columns: 30 days late is still 1–30. */
  g_clear_pointer (&owed, g_ptr_array_unref);
  owed = canting_receivables (f->db, "2026-05-01", buckets, &error);
  g_assert_cmpint (buckets[CANTING_AGE_1_30], ==, 600000);
  g_clear_pointer (&owed, g_ptr_array_unref);
  owed = canting_receivables (f->db, "2026-05-02", buckets, &error);
  g_assert_cmpint (buckets[CANTING_AGE_1_30], ==, 0);
  g_assert_cmpint (buckets[CANTING_AGE_31_60], ==, 600000);

  /* The dashboard's sums without the list are the same sums. */
  {
    CantingMoney totals[CANTING_AGE_BUCKET_COUNT];

    g_assert_true (canting_receivables_totals (f->db, "2026-05-02", totals, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < CANTING_AGE_BUCKET_COUNT; i++)
      g_assert_cmpint (totals[i], ==, buckets[i]);
  }
}

/* A payment removed by mistake takes its income out of the ledger (the
 * entry stays, voided); added again, it counts again, once. */
static void
test_payment_removed (Fixture       *f,
                      gconstpointer  data)
{
  gint64 order = add_order (f, "2026-07-01", "2026-07-31", 900000);
  gint64 id = pay (f, order, 300000, "2026-07-02", CANTING_PAYMENT_CASH, TRUE);
  g_autoptr(CantingPayment) removed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (balance_of (f, f->kas), ==, 300000);
  removed = canting_payment_remove (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (removed->amount, ==, 300000);
  g_assert_true (removed->is_down_payment);
  g_assert_cmpint (balance_of (f, f->kas), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE voided = 1"), ==, 1);
  g_assert_null (canting_payment_remove (f->db, id, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* What the order is owed follows its payments (kept by triggers). */
  {
    g_autoptr(GPtrArray) owed = NULL;

    g_assert_true (canting_order_set_status (f->db, order, CANTING_ORDER_CONFIRMED, NULL, &error));
    g_assert_no_error (error);
    owed = canting_receivables (f->db, "2026-07-10", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (owed->len, ==, 1);
    g_assert_cmpint (((CantingReceivable *) owed->pdata[0])->balance, ==, 900000);
  }

  removed->id = 0;
  g_assert_true (canting_payment_add (f->db, removed, &error));
  g_assert_cmpint (balance_of (f, f->kas), ==, 300000);
  {
    g_autoptr(GPtrArray) owed = canting_receivables (f->db, "2026-07-10", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (owed->len, ==, 1);
    g_assert_cmpint (((CantingReceivable *) owed->pdata[0])->balance, ==, 600000);
  }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE voided = 0"), ==, 1);
}

/* Wages owed are the newest stages' wages (payments settle the oldest
 * first), aged from the day each was earned. */
static void
test_wages_owed (Fixture       *f,
                 gconstpointer  data)
{
  gint64 order = add_order (f, "2026-03-01", NULL, 500000);
  gint64 item = 0;
  CantingMoney buckets[CANTING_AGE_BUCKET_COUNT];
  g_autoptr(GPtrArray) owed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const CantingWageOwed *w;

  sql = g_strdup_printf ("SELECT id FROM order_items WHERE order_id = %" G_GINT64_FORMAT, order);
  item = query_int (f, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO workers (id, name) VALUES (7, 'Mbok Yem'), (8, 'Pak Dar');"
                         "INSERT INTO item_stages (order_item_id, position, name, technique, done_on, worker_id, pieces, wage)"
                         " VALUES (%1$" G_GINT64_FORMAT ", 1, 'Pola', 'tulis', '2026-03-01', 7, 1, 30000),"
                         "        (%1$" G_GINT64_FORMAT ", 2, 'Nglowong', 'tulis', '2026-04-20', 7, 1, 40000),"
                         "        (%1$" G_GINT64_FORMAT ", 3, 'Isen-isen', 'tulis', '2026-06-05', 7, 1, 50000),"
                         "        (%1$" G_GINT64_FORMAT ", 4, 'Nembok', 'tulis', '2026-06-01', 8, 1, 20000);"
                         "INSERT INTO wage_payments (worker_id, amount, paid_on) VALUES (7, 50000, '2026-05-01'),"
                         "  (8, 20000, '2026-06-02');", item);
  exec (f, sql);

  owed = canting_wages_owed (f->db, "2026-06-10", buckets, &error);
  g_assert_no_error (error);
  /* Pak Dar is paid up; Mbok Yem is owed 70.000: the 50.000 of 5 June
   * and 20.000 of the 40.000 of 20 April. */
  g_assert_cmpuint (owed->len, ==, 1);
  w = owed->pdata[0];
  g_assert_cmpint (w->worker_id, ==, 7);
  g_assert_cmpint (w->owed, ==, 70000);
  g_assert_cmpstr (w->oldest, ==, "2026-04-20");
  g_assert_cmpint (w->days, ==, 51);
  g_assert_cmpint (w->bucket, ==, CANTING_AGE_31_60);
  g_assert_cmpint (buckets[CANTING_AGE_1_30], ==, 50000);
  g_assert_cmpint (buckets[CANTING_AGE_31_60], ==, 20000);
  g_assert_cmpint (buckets[CANTING_AGE_61_90], ==, 0);
}

static gint64
buy (Fixture      *f,
     const char   *on_date,
     CantingMoney  cost,
     gboolean      unpaid,
     const char   *due_date)
{
  g_autoptr(CantingMovement) mv = canting_movement_new ();
  g_autoptr(GError) error = NULL;

  mv->material_id = query_int (f, "SELECT id FROM materials WHERE name = 'Malam klowong'");
  mv->kind = CANTING_MOVEMENT_PURCHASE;
  mv->quantity = 5000;
  mv->cost = cost;
  g_free (mv->on_date);
  mv->on_date = g_strdup (on_date);
  mv->unpaid = unpaid;
  mv->due_date = g_strdup (due_date);
  g_assert_true (canting_movement_record (f->db, mv, CANTING_MOVEMENT_DEFAULT, &error));
  g_assert_no_error (error);
  return mv->id;
}

/* A purchase on credit is stock at once but an expense only when paid,
 * on the day it is paid; until then it is owed, aged like receivables. */
static void
test_payables (Fixture       *f,
               gconstpointer  data)
{
  gint64 on_credit = buy (f, "2026-03-01", 400000, TRUE, "2026-03-31");
  gint64 no_due = buy (f, "2026-05-01", 150000, TRUE, NULL);
  CantingMoney buckets[CANTING_AGE_BUCKET_COUNT];
  g_autoptr(GPtrArray) owed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingMovement) bad = canting_movement_new ();
  const CantingPayable *p;

  buy (f, "2026-03-02", 90000, FALSE, NULL);
  g_assert_cmpint (totals (f, NULL, NULL).expense, ==, 90000);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE source = 'purchase'"), ==, 1);
  /* The stock is there all the same: 3 × 5 kg. */
  g_assert_cmpint (query_int (f, "SELECT sum(quantity) FROM stock_movements"), ==, 15000);

  owed = canting_payables (f->db, "2026-05-10", buckets, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (owed->len, ==, 2);
  p = owed->pdata[0];
  g_assert_cmpint (p->movement_id, ==, on_credit);
  g_assert_cmpstr (p->material_name, ==, "Malam klowong");
  g_assert_cmpstr (p->due_date, ==, "2026-03-31");
  g_assert_cmpint (p->days_overdue, ==, 40);
  g_assert_cmpint (p->bucket, ==, CANTING_AGE_31_60);
  p = owed->pdata[1];
  g_assert_cmpint (p->movement_id, ==, no_due);
  g_assert_cmpstr (p->due_date, ==, "2026-05-01");   /* none set: due when bought */
  g_assert_cmpint (p->bucket, ==, CANTING_AGE_1_30);
  g_assert_cmpint (buckets[CANTING_AGE_31_60], ==, 400000);
  g_assert_cmpint (buckets[CANTING_AGE_1_30], ==, 150000);

  /* Paid: the expense comes in on the day of paying, once. */
  g_assert_false (canting_purchase_mark_paid (f->db, on_credit, "2026-02-28", &error));
  g_assert_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DATE);
  g_clear_error (&error);
  g_assert_true (canting_purchase_mark_paid (f->db, on_credit, "2026-05-12", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM ledger WHERE source = 'purchase' AND amount = 400000 "
                                 "AND on_date = '2026-05-12' AND voided = 0"), ==, 1);
  g_assert_cmpint (totals (f, "2026-05-01", "2026-05-31").expense, ==, 400000);
  g_assert_false (canting_purchase_mark_paid (f->db, on_credit, "2026-05-13", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&owed, g_ptr_array_unref);
  owed = canting_payables (f->db, "2026-05-10", NULL, &error);
  g_assert_cmpuint (owed->len, ==, 1);

  /* A due date before the purchase is refused, naming the field. */
  bad->material_id = query_int (f, "SELECT id FROM materials WHERE name = 'Malam klowong'");
  bad->kind = CANTING_MOVEMENT_PURCHASE;
  bad->quantity = 1000;
  bad->cost = 10000;
  g_free (bad->on_date);
  bad->on_date = g_strdup ("2026-05-01");
  bad->unpaid = TRUE;
  bad->due_date = g_strdup ("2026-04-01");
  g_assert_false (canting_movement_record (f->db, bad, CANTING_MOVEMENT_DEFAULT, &error));
  g_assert_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DUE_DATE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stock_movements"), ==, 3);
}

static void
check_range (CantingPeriod  period,
             const char    *today,
             const char    *from,
             const char    *to)
{
  g_autofree char *got_from = NULL;
  g_autofree char *got_to = NULL;

  canting_period_range (period, today, &got_from, &got_to);
  g_assert_cmpstr (got_from, ==, from);
  g_assert_cmpstr (got_to, ==, to);
}

/* Months and years around a day, across the turn of the year and a leap
 * February. */
static void
test_periods (void)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  check_range (CANTING_PERIOD_THIS_MONTH, "2028-02-15", "2028-02-01", "2028-02-29");
  check_range (CANTING_PERIOD_LAST_MONTH, "2026-01-31", "2025-12-01", "2025-12-31");
  check_range (CANTING_PERIOD_THIS_YEAR, "2026-07-04", "2026-01-01", "2026-12-31");
  check_range (CANTING_PERIOD_LAST_YEAR, "2026-07-04", "2025-01-01", "2025-12-31");
  check_range (CANTING_PERIOD_ALL, "2026-07-04", NULL, NULL);
  canting_month_range ("2026-03-09", 12, &from, &to);
  g_assert_cmpstr (from, ==, "2025-03-01");
  g_assert_cmpstr (to, ==, "2025-03-31");
}

static gint64
add_product (Fixture    *f,
             const char *sku,
             const char *name,
             const char *motif)
{
  g_autoptr(CantingProduct) p = canting_product_new ();
  g_autoptr(GError) error = NULL;

  g_free (p->sku);
  p->sku = g_strdup (sku);
  g_free (p->name);
  p->name = g_strdup (name);
  g_free (p->motif);
  p->motif = g_strdup (motif);
  p->price = 100000;
  g_assert_true (canting_product_save (f->db, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static void
sell (Fixture      *f,
      const char   *order_date,
      gint64        product,
      gint64        pieces,
      CantingMoney  price,
      gboolean      confirm)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(CantingOrder) o = canting_order_new ();
  g_autoptr(GError) error = NULL;

  g_free (c->name);
  c->name = g_strdup ("Pembeli");
  g_assert_true (canting_customer_save (f->db, c, &error));
  o->customer_id = c->id;
  g_free (o->order_date);
  o->order_date = g_strdup (order_date);
  g_ptr_array_add (o->items, canting_order_item_new (product, "Kain", pieces, price));
  g_assert_true (canting_order_save (f->db, o, &error));
  if (confirm)
    g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_assert_no_error (error);
}

/* Beranda's figures: this month, last month and the same month last year
 * from the ledger; what sold best; orders and money owed. */
static void
test_dashboard (Fixture       *f,
                gconstpointer  data)
{
  gint64 kawung = add_product (f, "K-1", "Kain Kawung", "Kawung");
  gint64 parang = add_product (f, "P-1", "Kain Parang", "Parang");
  gint64 parang2 = add_product (f, "P-2", "Selendang Parang", "Parang");
  g_autoptr(CantingDashboard) d = NULL;
  g_autoptr(GError) error = NULL;
  gint64 growth = 0;
  const CantingTopItem *top;
  const guint now = CANTING_DASHBOARD_MONTHS - 1;

  save_entry (f, CANTING_ENTRY_INCOME, "2026-06-03", 1200000, category (f, "sales"), f->kas);
  save_entry (f, CANTING_ENTRY_EXPENSE, "2026-06-04", 200000, category (f, "rent"), f->kas);
  save_entry (f, CANTING_ENTRY_INCOME, "2026-05-30", 1000000, category (f, "sales"), f->bank);
  save_entry (f, CANTING_ENTRY_INCOME, "2025-06-15", 600000, category (f, "sales"), f->kas);
  save_entry (f, CANTING_ENTRY_INCOME, "2025-05-31", 999, category (f, "sales"), f->kas);  /* outside */
  canting_entry_set_voided (f->db, save_entry (f, CANTING_ENTRY_INCOME, "2026-06-05", 5000000,
                                               category (f, "sales"), f->kas), TRUE, &error);
  save_transfer (f, "2026-06-05", 100000, f->kas, f->bank);

  /* Over the last twelve months: Parang 3 × 500.000 + 1 × 200.000,
   * Kawung 2 × 800.000; a draft and an old sale do not count. */
  sell (f, "2026-02-01", parang, 3, 500000, TRUE);
  sell (f, "2026-03-01", parang2, 1, 200000, TRUE);
  sell (f, "2026-04-01", kawung, 2, 800000, TRUE);
  sell (f, "2026-05-01", kawung, 9, 800000, FALSE);
  sell (f, "2025-06-30", kawung, 9, 800000, TRUE);

  d = canting_dashboard_read (f->db, "2026-06-10", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->months[now], ==, "2026-06");
  g_assert_cmpstr (d->months[now - 1], ==, "2026-05");
  g_assert_cmpstr (d->months[0], ==, "2025-06");
  g_assert_cmpint (d->month_totals[now].income, ==, 1200000);
  g_assert_cmpint (d->month_totals[now].expense, ==, 200000);
  g_assert_cmpint (d->month_totals[now - 1].income, ==, 1000000);
  g_assert_cmpint (d->month_totals[0].income, ==, 600000);
  g_assert_cmpint (d->month_totals[1].income, ==, 0);

  g_assert_true (canting_growth_percent (d->month_totals[now].income, d->month_totals[now - 1].income, &growth));
  g_assert_cmpint (growth, ==, 20);
  g_assert_true (canting_growth_percent (d->month_totals[now].income, d->month_totals[0].income, &growth));
  g_assert_cmpint (growth, ==, 100);
  g_assert_true (canting_growth_percent (500, 1000, &growth));
  g_assert_cmpint (growth, ==, -50);
  g_assert_false (canting_growth_percent (1200000, 0, &growth));

  g_assert_cmpuint (d->top_products->len, ==, 3);
  top = d->top_products->pdata[0];
  g_assert_cmpstr (top->name, ==, "Kain Kawung (K-1)");
  g_assert_cmpint (top->pieces, ==, 2);
  g_assert_cmpint (top->amount, ==, 1600000);
  g_assert_cmpuint (d->top_motifs->len, ==, 2);
  top = d->top_motifs->pdata[0];
  g_assert_cmpstr (top->name, ==, "Parang");
  g_assert_cmpint (top->pieces, ==, 4);
  g_assert_cmpint (top->amount, ==, 1700000);

  /* Nothing paid on the four confirmed orders: all owed, all late. */
  g_assert_cmpint (d->receivable, ==, 1500000 + 200000 + 1600000 + 7200000);
  g_assert_cmpint (d->receivable_late, ==, d->receivable);
  g_assert_cmpint (d->lab_test_days, ==, -1);
  g_assert_cmpuint (d->ipal_judged, ==, 0);

  /* Not yet online: every product, until one is online somewhere (a
   * listing changed here since is still online). */
  g_assert_cmpint (d->products, ==, 3);
  g_assert_cmpint (d->products_offline, ==, 3);
  g_clear_pointer (&d, canting_dashboard_free);
  exec (f, "INSERT INTO channels (id, name, kind, base_url) VALUES (1, 'Toko', 'woocommerce', 'https://toko.example');");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO listings (product_id, channel_id, state) VALUES "
                                            "(%" G_GINT64_FORMAT ", 1, 'changed'), (%" G_GINT64_FORMAT ", 1, 'failed')",
                                            kawung, parang);
    exec (f, sql);
  }
  d = canting_dashboard_read (f->db, "2026-06-10", &error);
  g_assert_no_error (error);
  g_assert_cmpint (d->products_offline, ==, 2);
}

/* The sums the triggers keep (schema step 17) against the sums worked
 * out from the rows, after every kind of change a writer can make. */
static void
assert_kept_sums (Fixture *f)
{
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM accounts a WHERE a.ledger_balance <> coalesce(("
                                 "SELECT sum(CASE WHEN l.kind = 'income' THEN l.amount WHEN l.kind = 'expense' "
                                 "THEN -l.amount WHEN l.account_id = a.id THEN -l.amount ELSE l.amount END) "
                                 "FROM ledger l WHERE l.voided = 0 AND (l.account_id = a.id OR l.to_account_id = a.id)), 0)"),
                   ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM workers w WHERE "
                                 "w.earned <> (SELECT coalesce(sum(wage), 0) FROM item_stages s WHERE s.worker_id = w.id) "
                                 "OR w.paid <> (SELECT coalesce(sum(amount), 0) FROM wage_payments p WHERE p.worker_id = w.id)"),
                   ==, 0);
}

static void
test_kept_sums (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 sale = save_entry (f, CANTING_ENTRY_INCOME, "2026-06-03", 1200000, category (f, "sales"), f->kas);
  gint64 rent = save_entry (f, CANTING_ENTRY_EXPENSE, "2026-06-04", 200000, category (f, "rent"), f->bank);
  gint64 move = save_transfer (f, "2026-06-05", 100000, f->kas, f->bank);

  assert_kept_sums (f);
  g_assert_cmpint (balance_of (f, f->kas), ==, 1200000 - 100000);
  g_assert_cmpint (balance_of (f, f->bank), ==, -200000 + 100000);
  g_assert_true (canting_entry_set_voided (f->db, sale, TRUE, &error));
  assert_kept_sums (f);
  g_assert_cmpint (balance_of (f, f->kas), ==, -100000);
  g_assert_true (canting_entry_set_voided (f->db, sale, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE ledger SET amount = 250000, account_id = %" G_GINT64_FORMAT
                                            " WHERE id = %" G_GINT64_FORMAT ";"
                                            "UPDATE ledger SET account_id = %" G_GINT64_FORMAT ", to_account_id = %"
                                            G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT ";"
                                            "DELETE FROM ledger WHERE id = %" G_GINT64_FORMAT,
                                            f->ewallet, rent, f->bank, f->ewallet, move, sale);
    exec (f, sql);
  }
  assert_kept_sums (f);
  g_assert_cmpint (balance_of (f, f->kas), ==, 0);
  g_assert_cmpint (balance_of (f, f->ewallet), ==, -250000 + 100000);

  /* Wages: stages done, moved to another worker, re-priced, undone and
   * removed with their order; payments made, changed and taken back. */
  exec (f, "INSERT INTO workers (id, name) VALUES (1, 'Bu Sum'), (2, 'Bu Tin');"
           "INSERT INTO customers (id, name) VALUES (1, 'Bu Ani');"
           "INSERT INTO orders (id, number, year, seq, customer_id, order_date) VALUES (1, 'PSN-2026-0001', 2026, 1, 1, "
           "'2026-06-01');"
           "INSERT INTO order_items (id, order_id, position, description, quantity, unit_price) VALUES "
           "(1, 1, 1, 'Kain', 2, 500000);"
           "INSERT INTO item_stages (order_item_id, position, name, technique, done_on, worker_id, pieces, wage) VALUES "
           "(1, 1, 'Pola', 'tulis', '2026-06-02', 1, 2, 40000), (1, 2, 'Canting', 'tulis', '2026-06-03', 1, 2, 90000),"
           "(1, 3, 'Pewarnaan', 'tulis', NULL, NULL, NULL, NULL);");
  assert_kept_sums (f);
  g_assert_cmpint (query_int (f, "SELECT earned FROM workers WHERE id = 1"), ==, 130000);
  exec (f, "UPDATE item_stages SET worker_id = 2 WHERE position = 2;"
           "UPDATE item_stages SET wage = 45000 WHERE position = 1;"
           "UPDATE item_stages SET done_on = '2026-06-04', worker_id = 2, pieces = 2, wage = 30000 WHERE position = 3;"
           "INSERT INTO wage_payments (id, worker_id, amount, paid_on) VALUES (1, 1, 40000, '2026-06-05'),"
           "(2, 2, 50000, '2026-06-05');"
           "UPDATE wage_payments SET amount = 45000 WHERE id = 1;"
           "UPDATE wage_payments SET worker_id = 1 WHERE id = 2;");
  assert_kept_sums (f);
  g_assert_cmpint (query_int (f, "SELECT earned - paid FROM workers WHERE id = 2"), ==, 120000);
  exec (f, "UPDATE item_stages SET done_on = NULL, worker_id = NULL, pieces = NULL, wage = NULL WHERE position = 3;"
           "DELETE FROM wage_payments WHERE id = 2;"
           "DELETE FROM order_items WHERE id = 1;");
  assert_kept_sums (f);
  g_assert_cmpint (query_int (f, "SELECT earned + paid FROM workers WHERE id = 2"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT earned FROM workers WHERE id = 1"), ==, 0);
}

typedef struct {
  guint parts;          /* bit per part received */
  int last;             /* the last part received */
  gboolean in_order;
  gboolean main_thread;
  CantingMoney income;
  CantingMoney receivable;
  gint64 products;
  guint top;
  gboolean done;
  GError *error;
} Streamed;

static void
on_streamed_part (const CantingDashboard *part,
                  CantingDashboardPart    which,
                  gpointer                user_data)
{
  Streamed *s = user_data;

  s->in_order &= (int) which == s->last + 1;
  s->last = which;
  s->parts |= 1u << which;
  s->main_thread &= g_main_context_is_owner (g_main_context_default ());
  if (which == CANTING_DASHBOARD_MONEY)
    s->income = part->month_totals[CANTING_DASHBOARD_MONTHS - 1].income;
  else if (which == CANTING_DASHBOARD_RECEIVABLE)
    s->receivable = part->receivable;
  else if (which == CANTING_DASHBOARD_ONLINE)
    s->products = part->products;
  else if (which == CANTING_DASHBOARD_TOP)
    s->top = part->top_products->len;
}

static void
on_streamed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Streamed *s = user_data;

  canting_dashboard_read_finish (result, &s->error);
  s->done = TRUE;
}

/* Beranda reads its figures on a worker thread: every part arrives on
 * the main context, in order, with what the plain read says; a read
 * cancelled before its parts arrive hands none over. */
static void
test_dashboard_async (Fixture       *f,
                      gconstpointer  data)
{
  gint64 kawung = add_product (f, "K-1", "Kain Kawung", "Kawung");
  g_autoptr(CantingDashboard) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  Streamed s = { 0, -1, TRUE, TRUE };
  Streamed none = { 0, -1, TRUE, TRUE };

  g_main_context_acquire (g_main_context_default ());
  g_assert_false (canting_ledger_has_entries (f->db, NULL));
  save_entry (f, CANTING_ENTRY_INCOME, "2026-06-03", 1200000, category (f, "sales"), f->kas);
  g_assert_true (canting_ledger_has_entries (f->db, NULL));
  sell (f, "2026-04-01", kawung, 2, 800000, TRUE);
  d = canting_dashboard_read (f->db, "2026-06-10", &error);
  g_assert_no_error (error);

  canting_dashboard_read_async (f->db, "2026-06-10", cancellable, on_streamed_part, &s, on_streamed, &s);
  canting_dashboard_read_async (f->db, "2026-06-10", cancelled, on_streamed_part, &none, on_streamed, &none);
  g_cancellable_cancel (cancelled);
  while (!s.done || !none.done)
    g_main_context_iteration (NULL, TRUE);
  g_main_context_release (g_main_context_default ());

  g_assert_no_error (s.error);
  g_assert_cmpuint (s.parts, ==, (1u << CANTING_DASHBOARD_N_PARTS) - 1);
  g_assert_true (s.in_order);
  g_assert_true (s.main_thread);
  g_assert_cmpint (s.income, ==, 1200000);
  g_assert_cmpint (s.income, ==, d->month_totals[CANTING_DASHBOARD_MONTHS - 1].income);
  g_assert_cmpint (s.receivable, ==, d->receivable);
  g_assert_cmpint (s.receivable, ==, 1600000);
  g_assert_cmpint (s.products, ==, 1);
  g_assert_cmpuint (s.top, ==, 1);

  g_assert_cmpuint (none.parts, ==, 0);
  g_assert_error (none.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&none.error);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ledger/balances-and-transfers", test_balances_and_transfers);
  ADD ("/ledger/automatic-entries", test_automatic_entries);
  ADD ("/ledger/validation", test_validation);
  ADD ("/ledger/void-and-undo", test_void_and_undo);
  ADD ("/ledger/search-pages", test_search_pages);
  ADD ("/ledger/receivables", test_receivables);
  ADD ("/ledger/dashboard", test_dashboard);
  ADD ("/ledger/dashboard-async", test_dashboard_async);
  ADD ("/ledger/kept-sums", test_kept_sums);
  ADD ("/ledger/payables", test_payables);
  ADD ("/ledger/payment-removed", test_payment_removed);
  ADD ("/ledger/wages-owed", test_wages_owed);
#undef ADD
  g_test_add_func ("/ledger/upgrade-brings-in-history", test_upgrade_brings_in_history);
  g_test_add_func ("/ledger/periods", test_periods);
  return g_test_run ();
}
