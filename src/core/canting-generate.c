/* canting-generate.c: bulk data for benchmarks.
 *
 * Written with raw prepared statements in one transaction rather than
 * through canting_order_save(): the point is a realistic database of
 * 200,000 orders in seconds, not exercising validation 200,000 times.
 * What it writes obeys the same rules (the schema's CHECKs enforce them),
 * and stock movements carry the values canting_movement_record() would
 * have given them. */
#include "canting-generate.h"

#include <math.h>

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-money.h"
#include "canting-quantity.h"
#include "canting-sql-private.h"

static const char * const first_names[] = {
  "Siti", "Budi", "Ani", "Wahyu", "Dewi", "Agus", "Sri", "Eko", "Rina", "Joko", "Lestari", "Bambang",
};
static const char * const cities[] = {
  "Kota Blitar", "Kabupaten Blitar", "Tulungagung", "Kediri", "Malang", "Surabaya", "Jakarta", "Yogyakarta",
};
static const char * const motifs[] = {
  "Parabha Balitar", "Puspa Dahana", "Cakra Palah", "Kawung", "Parang", "Truntum", "Sekar Jagad",
};
static const char * const techniques[] = { "tulis", "cap", "kombinasi", "printing" };
static const char * const final_status[] = {
  "delivered", "delivered", "delivered", "delivered", "ready", "in_production", "confirmed", "draft", "cancelled",
};

#define N_CUSTOMERS 500
#define N_PRODUCTS 200

typedef struct {
  guint n_orders;
  GRand *rand;
} Job;

static gboolean
fill (CantingDb  *db,
      gpointer    user_data,
      GError    **error)
{
  Job *job = user_data;
  g_autoptr(sqlite3_stmt) cust = canting_sql_prepare (db,
                                                      "INSERT INTO customers (name, phone, city) VALUES (?1, ?2, ?3)", error);
  g_autoptr(sqlite3_stmt) prod = canting_sql_prepare (db,
                                                      "INSERT INTO products (sku, name, motif, technique, price, unit_cost) "
                                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  g_autoptr(sqlite3_stmt) order = canting_sql_prepare (db,
                                                       "INSERT INTO orders (number, year, seq, customer_id, order_date, due_date, "
                                                       "status, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  g_autoptr(sqlite3_stmt) item = canting_sql_prepare (db,
                                                      "INSERT INTO order_items (order_id, position, product_id, description, "
                                                      "quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  g_autoptr(sqlite3_stmt) log = canting_sql_prepare (db,
                                                     "INSERT INTO order_status_log (order_id, status, at) VALUES (?1, ?2, ?3)",
                                                     error);
  g_autoptr(sqlite3_stmt) pay = canting_sql_prepare (db,
                                                     "INSERT INTO payments (order_id, amount, paid_on, method, is_down_payment) "
                                                     "VALUES (?1, ?2, ?3, 'transfer', ?4)", error);
  gint64 first_customer = 0, first_product = 0;
  CantingMoney prices[N_PRODUCTS];
  guint seq_in_year[64] = { 0 };
  /* Orders spread over ten years up to 2025, oldest first. */
  GDate start;

  if (!cust || !prod || !order || !item || !log || !pay)
    return FALSE;
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, 1, 2016);

  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %u", i % 2 ? "Bu" : "Pak",
                                               first_names[i % G_N_ELEMENTS (first_names)], i + 1);
      g_autofree char *phone = g_strdup_printf ("0812%08u", g_rand_int_range (job->rand, 0, 99999999));

      sqlite3_reset (cust);
      sqlite3_bind_text (cust, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (cust, 2, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (cust, 3, cities[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (cities))], -1, SQLITE_STATIC);
      if (!canting_sql_run (db, cust, "generate", error))
        return FALSE;
      if (i == 0)
        first_customer = sqlite3_last_insert_rowid (canting_db_get_handle (db));
    }

  for (guint i = 0; i < N_PRODUCTS; i++)
    {
      const char *motif = motifs[i % G_N_ELEMENTS (motifs)];
      g_autofree char *sku = g_strdup_printf ("GEN-%04u", i + 1);
      g_autofree char *name = g_strdup_printf ("Kain %s %u", motif, i + 1);

      prices[i] = 100000 + 25000 * g_rand_int_range (job->rand, 0, 60);
      sqlite3_reset (prod);
      sqlite3_bind_text (prod, 1, sku, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (prod, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (prod, 3, motif, -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 4, techniques[i % G_N_ELEMENTS (techniques)], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (prod, 5, prices[i]);
      sqlite3_bind_int64 (prod, 6, prices[i] / 2);
      if (!canting_sql_run (db, prod, "generate", error))
        return FALSE;
      if (i == 0)
        first_product = sqlite3_last_insert_rowid (canting_db_get_handle (db));
    }

  for (guint i = 0; i < job->n_orders; i++)
    {
      GDate date = start;
      char order_date[16], due_date[16];
      g_autofree char *number = NULL;
      const char *status = final_status[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (final_status))];
      guint n_items = (guint) g_rand_int_range (job->rand, 1, 4);
      CantingMoney total = 0;
      gint64 order_id;
      guint year;

      g_date_add_days (&date, (guint) ((guint64) i * 3650 / MAX (job->n_orders, 1)));
      g_date_strftime (order_date, sizeof order_date, "%Y-%m-%d", &date);
      g_date_add_days (&date, (guint) g_rand_int_range (job->rand, 7, 60));
      g_date_strftime (due_date, sizeof due_date, "%Y-%m-%d", &date);
      year = (guint) g_ascii_strtoull (order_date, NULL, 10);
      number = g_strdup_printf ("PSN-%04u-%04u", year, ++seq_in_year[year - 2016]);

      sqlite3_reset (order);
      sqlite3_bind_text (order, 1, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (order, 2, (int) year);
      sqlite3_bind_int (order, 3, (int) seq_in_year[year - 2016]);
      sqlite3_bind_int64 (order, 4, first_customer + g_rand_int_range (job->rand, 0, N_CUSTOMERS));
      sqlite3_bind_text (order, 5, order_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 6, due_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 7, status, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (order, 8, 0);
      if (!canting_sql_run (db, order, "generate", error))
        return FALSE;
      order_id = sqlite3_last_insert_rowid (canting_db_get_handle (db));

      for (guint k = 0; k < n_items; k++)
        {
          guint p = (guint) g_rand_int_range (job->rand, 0, N_PRODUCTS);
          gint64 qty = g_rand_int_range (job->rand, 1, 12);

          sqlite3_reset (item);
          sqlite3_bind_int64 (item, 1, order_id);
          sqlite3_bind_int (item, 2, (int) k + 1);
          sqlite3_bind_int64 (item, 3, first_product + p);
          sqlite3_bind_text (item, 4, motifs[p % G_N_ELEMENTS (motifs)], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (item, 5, qty);
          sqlite3_bind_int64 (item, 6, prices[p]);
          if (!canting_sql_run (db, item, "generate", error))
            return FALSE;
          total += qty * prices[p];
        }

      sqlite3_reset (log);
      sqlite3_bind_int64 (log, 1, order_id);
      sqlite3_bind_text (log, 2, status, -1, SQLITE_STATIC);
      {
        /* A timestamp like the app's: UTC, to the second. */
        g_autofree char *at = g_strdup_printf ("%sT09:00:00Z", order_date);
        sqlite3_bind_text (log, 3, at, -1, SQLITE_TRANSIENT);
      }
      if (!canting_sql_run (db, log, "generate", error))
        return FALSE;

      /* A DP on most orders; delivered ones mostly paid off. */
      if (!g_str_equal (status, "draft") && !g_str_equal (status, "cancelled"))
        {
          CantingMoney dp = total / 2;
          CantingMoney rest = g_str_equal (status, "delivered") && g_rand_int_range (job->rand, 0, 10) > 0
                              ? total - dp : 0;

          for (int part = 0; part < 2; part++)
            {
              CantingMoney amount = part == 0 ? dp : rest;
              if (amount <= 0)
                continue;
              sqlite3_reset (pay);
              sqlite3_bind_int64 (pay, 1, order_id);
              sqlite3_bind_int64 (pay, 2, amount);
              sqlite3_bind_text (pay, 3, order_date, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int (pay, 4, part == 0);
              if (!canting_sql_run (db, pay, "generate", error))
                return FALSE;
            }
        }
    }

  /* Totals in one pass, as canting_order_save() would have stored them. */
  {
    g_autoptr(sqlite3_stmt) totals = canting_sql_prepare (db,
                                                          "UPDATE orders SET total = (SELECT sum(quantity * unit_price) "
                                                          "FROM order_items i WHERE i.order_id = orders.id)",
                                                          error);
    if (totals == NULL || !canting_sql_run (db, totals, "generate", error))
      return FALSE;
  }
  return TRUE;
}

gboolean
canting_generate_orders (CantingDb  *db,
                         guint       n_orders,
                         guint32     seed,
                         GError    **error)
{
  Job job = { n_orders, g_rand_new_with_seed (seed) };
  gboolean ok = canting_db_transaction (db, fill, &job, error);

  g_rand_free (job.rand);
  return ok;
}

/* --- stock ----------------------------------------------------------------- */

/* Units by kind, as workshops keep them: cloth in metres, wax by the
 * kilo, dyes by the gram, liquids by the litre, the rest in pieces. */
static const char * const stock_units[] = { "m", "kg", "gram", "litre", "piece" };
static const char * const stock_kinds[] = { "mori", "malam", "dye", "chemical", "other" };

typedef struct {
  gint64 id;
  gint64 on_hand;       /* thousandths */
  gint64 value;         /* rupiah */
  gint64 unit_price;    /* rupiah per unit, around which purchases vary */
  gint64 last_cost;     /* per unit, of the latest purchase */
} StockState;

typedef struct {
  guint n_movements;
  guint n_materials;
  GRand *rand;
} StockJob;

/* What taking @quantity (thousandths, > 0) out is worth, by the rule of
 * canting-material.c: its share of the worth, all of it when the stock
 * runs out. */
static gint64
outflow_value (const StockState *s,
               gint64            quantity)
{
  if (s->on_hand <= 0)
    return 0;
  if (quantity >= s->on_hand)
    return -s->value;
  return -(gint64) llround ((double) s->value * (double) quantity / (double) s->on_hand);
}

static gboolean
fill_stock (CantingDb  *db,
            gpointer    user_data,
            GError    **error)
{
  StockJob *job = user_data;
  g_autoptr(sqlite3_stmt) count = canting_sql_prepare (db, "SELECT count(*) FROM materials", error);
  g_autoptr(sqlite3_stmt) add = canting_sql_prepare (db,
                                                     "INSERT INTO materials (name, kind, unit) VALUES (?1, ?2, ?3)",
                                                     error);
  g_autoptr(sqlite3_stmt) ids = canting_sql_prepare (db, "SELECT id FROM materials ORDER BY id LIMIT ?1", error);
  g_autoptr(sqlite3_stmt) move = canting_sql_prepare (db,
                                                      "INSERT INTO stock_movements (material_id, kind, quantity, value, "
                                                      "cost, on_date, supplier, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                                      error);
  g_autofree StockState *states = NULL;
  gint64 have = 0;
  guint n = 0;
  GDate start;

  if (!count || !add || !ids || !move || !canting_sql_get_int64 (db, count, &have, "generate", error))
    return FALSE;
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, 1, 2016);

  /* The built-in materials and as many more as asked for. */
  for (guint i = (guint) have; i < job->n_materials; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bahan %04u", i + 1);
      guint k = i % G_N_ELEMENTS (stock_kinds);

      sqlite3_reset (add);
      sqlite3_bind_text (add, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (add, 2, stock_kinds[k], -1, SQLITE_STATIC);
      sqlite3_bind_text (add, 3, stock_units[k], -1, SQLITE_STATIC);
      if (!canting_sql_run (db, add, "generate", error))
        return FALSE;
    }
  states = g_new0 (StockState, MAX (job->n_materials, 1));
  sqlite3_bind_int64 (ids, 1, job->n_materials);
  while (n < job->n_materials && sqlite3_step (ids) == SQLITE_ROW)
    {
      states[n].id = sqlite3_column_int64 (ids, 0);
      states[n].unit_price = 1000 * g_rand_int_range (job->rand, 5, 120);
      n++;
    }

  /* Oldest first over ten years: about a third purchases, the rest
   * usage, some waste and the odd stock-count adjustment. */
  for (guint i = 0; i < job->n_movements; i++)
    {
      StockState *s = &states[g_rand_int_range (job->rand, 0, (gint32) MAX (n, 1))];
      GDate date = start;
      char on_date[16];
      int roll = g_rand_int_range (job->rand, 0, 100);
      const char *kind;
      gint64 quantity, value, cost = -1;

      g_date_add_days (&date, (guint) ((guint64) i * 3650 / MAX (job->n_movements, 1)));
      g_date_strftime (on_date, sizeof on_date, "%Y-%m-%d", &date);

      if (s->on_hand < 2 * CANTING_QUANTITY_ONE || roll < 35)
        {
          gint64 units = g_rand_int_range (job->rand, 5, 60);

          kind = "purchase";
          quantity = units * CANTING_QUANTITY_ONE;
          cost = units * (s->unit_price + 500 * g_rand_int_range (job->rand, -4, 5));
          value = cost;
          s->last_cost = cost / units;
        }
      else if (roll < 96)
        {
          /* Usage or waste: a part of what is there, never more. */
          gint64 take = MIN (s->on_hand, (gint64) g_rand_int_range (job->rand, 100, 8000));

          kind = roll < 90 ? "usage" : "waste";
          quantity = -take;
          value = outflow_value (s, take);
        }
      else
        {
          gint64 delta = g_rand_int_range (job->rand, 1, 500);

          kind = "adjustment";
          if (roll < 98)
            {
              quantity = -MIN (delta, s->on_hand);
              value = outflow_value (s, -quantity);
            }
          else
            {
              /* A count that found more: worth the average cost. */
              gint64 average = s->on_hand > 0 ? llround ((double) s->value * CANTING_QUANTITY_ONE / (double) s->on_hand)
                                              : s->last_cost;
              quantity = delta;
              value = llround ((double) average * (double) delta / CANTING_QUANTITY_ONE);
            }
        }
      s->on_hand += quantity;
      s->value += value;

      sqlite3_reset (move);
      sqlite3_bind_int64 (move, 1, s->id);
      sqlite3_bind_text (move, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (move, 3, quantity);
      sqlite3_bind_int64 (move, 4, value);
      if (cost >= 0)
        sqlite3_bind_int64 (move, 5, cost);
      else
        sqlite3_bind_null (move, 5);
      sqlite3_bind_text (move, 6, on_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (move, 7, cost >= 0 ? "Toko Sumber Rejeki" : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (move, 8, g_str_equal (kind, "adjustment") ? "stok opname" : "", -1, SQLITE_STATIC);
      if (!canting_sql_run (db, move, "generate", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_generate_stock (CantingDb  *db,
                        guint       n_movements,
                        guint       n_materials,
                        guint32     seed,
                        GError    **error)
{
  StockJob job = { n_movements, n_materials, g_rand_new_with_seed (seed) };
  gboolean ok = canting_db_transaction (db, fill_stock, &job, error);

  g_rand_free (job.rand);
  return ok;
}

/* --- ledger ---------------------------------------------------------------- */

typedef struct {
  guint n_entries;
  GRand *rand;
} LedgerJob;

/* How a workshop's entries fall: half of them income (mostly sales and
 * order payments), most of the rest expenses, a few transfers between
 * the cash box, the bank and the e-wallet. */
static const char * const income_codes[] = {
  "sales", "sales", "sales", "sales", "order_dp", "order_dp", "order_dp", "order_settlement",
  "order_settlement", "other_income",
};
static const char * const expense_codes[] = {
  "materials", "materials", "materials", "wages", "wages", "wages", "utilities", "ipal_chemicals", "shipping",
  "marketplace_fees", "tools", "rent", "other_expense",
};

static gboolean
category_ids (CantingDb           *db,
              const char * const  *codes,
              guint                n,
              gint64              *out_ids,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT id FROM ledger_categories WHERE code = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, codes[i], -1, SQLITE_STATIC);
      if (!canting_sql_get_int64 (db, stmt, &out_ids[i], "generate", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
fill_ledger (CantingDb  *db,
             gpointer    user_data,
             GError    **error)
{
  LedgerJob *job = user_data;
  g_autoptr(sqlite3_stmt) accounts = canting_sql_prepare (db, "SELECT id FROM accounts ORDER BY id LIMIT 3", error);
  g_autoptr(sqlite3_stmt) add = canting_sql_prepare (db,
                                                     "INSERT INTO ledger (on_date, kind, amount, category_id, account_id, "
                                                     "to_account_id, note, voided) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                                     error);
  gint64 income_ids[G_N_ELEMENTS (income_codes)], expense_ids[G_N_ELEMENTS (expense_codes)];
  gint64 account_ids[3];
  guint n_accounts = 0;
  GDate start;

  if (accounts == NULL || add == NULL ||
      !category_ids (db, income_codes, G_N_ELEMENTS (income_codes), income_ids, error) ||
      !category_ids (db, expense_codes, G_N_ELEMENTS (expense_codes), expense_ids, error))
    return FALSE;
  while (n_accounts < 3 && sqlite3_step (accounts) == SQLITE_ROW)
    account_ids[n_accounts++] = sqlite3_column_int64 (accounts, 0);
  if (n_accounts < 2)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, "generate: the workshop needs two accounts");
      return FALSE;
    }
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, 1, 2016);

  for (guint i = 0; i < job->n_entries; i++)
    {
      GDate date = start;
      char on_date[16];
      int roll = g_rand_int_range (job->rand, 0, 100);
      guint from = (guint) g_rand_int_range (job->rand, 0, (gint32) n_accounts);
      const char *kind;
      gint64 amount, category = 0, to = 0;

      /* 3652 days: 2016-01-01 to 2025-12-31. */
      g_date_add_days (&date, (guint) ((guint64) i * 3652 / MAX (job->n_entries, 1)));
      g_date_strftime (on_date, sizeof on_date, "%Y-%m-%d", &date);
      if (roll < 50)
        {
          kind = "income";
          category = income_ids[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (income_ids))];
          amount = 1000 * g_rand_int_range (job->rand, 50, 5000);
        }
      else if (roll < 95)
        {
          kind = "expense";
          category = expense_ids[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (expense_ids))];
          amount = 1000 * g_rand_int_range (job->rand, 20, 3000);
        }
      else
        {
          kind = "transfer";
          to = account_ids[(from + 1 + (guint) g_rand_int_range (job->rand, 0, (gint32) n_accounts - 1)) % n_accounts];
          amount = 100000 * g_rand_int_range (job->rand, 1, 50);
        }

      sqlite3_reset (add);
      sqlite3_bind_text (add, 1, on_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (add, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (add, 3, amount);
      canting_sql_bind_optional (add, 4, category, 0);
      sqlite3_bind_int64 (add, 5, account_ids[from]);
      canting_sql_bind_optional (add, 6, to, 0);
      sqlite3_bind_text (add, 7, "", -1, SQLITE_STATIC);
      sqlite3_bind_int (add, 8, g_rand_int_range (job->rand, 0, 100) == 0);
      if (!canting_sql_run (db, add, "generate", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_generate_ledger (CantingDb  *db,
                         guint       n_entries,
                         guint32     seed,
                         GError    **error)
{
  LedgerJob job = { n_entries, g_rand_new_with_seed (seed) };
  gboolean ok = canting_db_transaction (db, fill_ledger, &job, error);

  g_rand_free (job.rand);
  return ok;
}
