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
#include <string.h>

#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-files-private.h"
#include "canting-i18n.h"
#include "canting-money.h"
#include "canting-product.h"
#include "canting-production.h"
#include "canting-profile.h"
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

/* The order benchmark's own small catalogue and clientele. */
#define N_CUSTOMERS 500
#define N_PRODUCTS 200

/* A stretch of days, the first one included. */
typedef struct {
  GDate start;
  guint days;
} Span;

static Span
span_from (guint year,
           guint days)
{
  Span s = { .days = days };

  g_date_clear (&s.start, 1);
  g_date_set_dmy (&s.start, 1, 1, (GDateYear) year);
  return s;
}

/* The @i-th of @n events spread evenly over @span, as YYYY-MM-DD. */
static void
span_day (const Span *span,
          guint64     i,
          guint64     n,
          char        out[16])
{
  GDate date = span->start;

  g_date_add_days (&date, (guint) (i * span->days / MAX (n, 1)));
  g_date_strftime (out, 16, "%Y-%m-%d", &date);
}

/* What a piece of each product costs to make and how it is made, for
 * the items and their production stages. */
typedef struct {
  gint64 id;
  CantingMoney price;
  guint technique;
  guint colours;
  const char *motif;
} GenProduct;

typedef struct {
  guint n_orders;
  guint n_customers;
  guint n_products;     /* made here; 0: use the catalogue there is */
  Span span;
  gboolean workshop;    /* realistic statuses, production stages, wages */
  GRand *rand;
} Job;

/* Piece rates by stage, rupiah per piece, as workshops around Blitar pay
 * them: the hand waxing (nglowong, isen-isen) pays most. */
static const struct { const char *stage; CantingMoney rate; } stage_rates[] = {
  { "Pola", 3000 }, { "Nglowong", 15000 }, { "Isen-isen", 20000 }, { "Nembok", 8000 },
  { "Pewarnaan", 5000 }, { "Lorod", 4000 }, { "Finishing", 2000 }, { "Ngecap", 6000 }, { "Sablon", 3000 },
};

static CantingMoney
stage_rate (const char *stage)
{
  for (guint i = 0; i < G_N_ELEMENTS (stage_rates); i++)
    if (g_str_equal (stage_rates[i].stage, stage))
      return stage_rates[i].rate;
  return 2500;
}

/* Up to this many colours a product is dyed in, here. */
#define GEN_MAX_COLOURS 3

typedef struct {
  GPtrArray *names;     /* of the stages, in working order */
  GArray *colours;      /* 0, or the colour a stage is for */
} StageList;

typedef struct {
  guint n_workers;
  gint64 first_worker;
  StageList lists[CANTING_TECHNIQUE_COUNT][GEN_MAX_COLOURS];
  /* Earned and not yet paid, by worker and month of the span. */
  GHashTable *earned;   /* "worker:YYYY-MM" → CantingMoney*, freed with g_free */
  sqlite3_stmt *stage;
} Production;

static void
production_clear (Production *p)
{
  for (guint t = 0; t < CANTING_TECHNIQUE_COUNT; t++)
    for (guint c = 0; c < GEN_MAX_COLOURS; c++)
      {
        g_clear_pointer (&p->lists[t][c].names, g_ptr_array_unref);
        g_clear_pointer (&p->lists[t][c].colours, g_array_unref);
      }
  g_clear_pointer (&p->earned, g_hash_table_unref);
  g_clear_pointer (&p->stage, sqlite3_finalize);
}

static const char * const worker_names[] = {
  "Bu Sumarni", "Bu Tumini", "Bu Karsini", "Mbak Wulan", "Pak Slamet", "Bu Painem", "Mas Anton", "Bu Siyem",
  "Mbak Yuli", "Pak Darmo", "Bu Ngatini", "Mas Fajar",
};

/* Workers with a rate for every stage of every technique, and the
 * stage lists each technique and number of colours expand to. */
static gboolean
production_prepare (CantingDb   *db,
                    Production  *p,
                    guint        n_workers,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) worker = canting_sql_prepare (db, "INSERT INTO workers (name, phone) VALUES (?1, ?2)", error);
  g_autoptr(sqlite3_stmt) rate = canting_sql_prepare (db,
                                                      "INSERT OR IGNORE INTO worker_rates (worker_id, technique, stage, rate) "
                                                      "VALUES (?1, ?2, ?3, ?4)", error);

  if (worker == NULL || rate == NULL)
    return FALSE;
  p->earned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->stage = canting_sql_prepare (db,
                                  "INSERT INTO item_stages (order_item_id, position, name, colour, technique, done_on, "
                                  "worker_id, pieces, wage) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (p->stage == NULL)
    return FALSE;
  for (guint t = 0; t < CANTING_TECHNIQUE_COUNT; t++)
    {
      g_autoptr(GPtrArray) templates = canting_stage_templates (db, t, error);

      if (templates == NULL)
        return FALSE;
      for (guint c = 0; c < GEN_MAX_COLOURS; c++)
        p->lists[t][c].names = canting_stage_expand (templates, c + 1, &p->lists[t][c].colours);
    }
  p->n_workers = MAX (n_workers, 1);
  for (guint w = 0; w < p->n_workers; w++)
    {
      g_autofree char *name = w < G_N_ELEMENTS (worker_names) ? g_strdup (worker_names[w])
                              : g_strdup_printf ("Pembatik %u", w + 1);
      g_autofree char *phone = g_strdup_printf ("0857%08u", 10000000 + w * 7919);
      gint64 id;

      sqlite3_reset (worker);
      sqlite3_bind_text (worker, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (worker, 2, phone, -1, SQLITE_TRANSIENT);
      if (!canting_sql_run (db, worker, "generate", error))
        return FALSE;
      id = sqlite3_last_insert_rowid (canting_db_get_handle (db));
      if (w == 0)
        p->first_worker = id;
      for (guint t = 0; t < CANTING_TECHNIQUE_COUNT; t++)
        {
          GPtrArray *names = p->lists[t][GEN_MAX_COLOURS - 1].names;

          for (guint k = 0; k < names->len; k++)
            {
              sqlite3_reset (rate);
              sqlite3_bind_int64 (rate, 1, id);
              sqlite3_bind_text (rate, 2, canting_technique_to_string (t), -1, SQLITE_STATIC);
              sqlite3_bind_text (rate, 3, g_ptr_array_index (names, k), -1, SQLITE_STATIC);
              sqlite3_bind_int64 (rate, 4, stage_rate (g_ptr_array_index (names, k)));
              if (!canting_sql_run (db, rate, "generate", error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* The stages of one item: those before @n_done done, one a day from
 * @first_day (not after @last_day) by one worker, each earning its rate
 * × @pieces; the rest open. */
static gboolean
add_stages (CantingDb        *db,
            Production       *p,
            GRand            *rand,
            gint64            item_id,
            const GenProduct *product,
            gint64            pieces,
            const GDate      *first_day,
            const GDate      *last_day,
            gboolean          all_done,
            GError          **error)
{
  const StageList *list = &p->lists[product->technique][MIN (product->colours, GEN_MAX_COLOURS) - 1];
  guint n_done = all_done ? list->names->len : (guint) g_rand_int_range (rand, 0, (gint32) list->names->len);
  gint64 worker = p->first_worker + g_rand_int_range (rand, 0, (gint32) p->n_workers);

  for (guint k = 0; k < list->names->len; k++)
    {
      const char *name = g_ptr_array_index (list->names, k);
      guint colour = g_array_index (list->colours, guint, k);

      sqlite3_reset (p->stage);
      sqlite3_clear_bindings (p->stage);
      sqlite3_bind_int64 (p->stage, 1, item_id);
      sqlite3_bind_int (p->stage, 2, (int) k + 1);
      sqlite3_bind_text (p->stage, 3, name, -1, SQLITE_STATIC);
      if (colour > 0)
        sqlite3_bind_int (p->stage, 4, (int) colour);
      sqlite3_bind_text (p->stage, 5, canting_technique_to_string (product->technique), -1, SQLITE_STATIC);
      if (k < n_done)
        {
          GDate day = *first_day;
          char done_on[16];
          CantingMoney wage = stage_rate (name) * pieces;
          g_autofree char *key = NULL;
          CantingMoney *owed;

          g_date_add_days (&day, k);
          if (g_date_compare (&day, last_day) > 0)
            day = *last_day;
          g_date_strftime (done_on, sizeof done_on, "%Y-%m-%d", &day);
          sqlite3_bind_text (p->stage, 6, done_on, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (p->stage, 7, worker);
          sqlite3_bind_int64 (p->stage, 8, pieces);
          sqlite3_bind_int64 (p->stage, 9, wage);
          key = g_strdup_printf ("%" G_GINT64_FORMAT ":%.7s", worker, done_on);
          owed = g_hash_table_lookup (p->earned, key);
          if (owed == NULL)
            {
              owed = g_new0 (CantingMoney, 1);
              g_hash_table_insert (p->earned, g_steal_pointer (&key), owed);
            }
          *owed += wage;
        }
      if (!canting_sql_run (db, p->stage, "generate", error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_keys (const void *a,
              const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Each worker is paid a month's earnings on the 1st of the next month;
 * the span's last month is still owed. */
static gboolean
pay_wages (CantingDb   *db,
           Production  *p,
           const Span  *span,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) pay = canting_sql_prepare (db,
                                                     "INSERT INTO wage_payments (worker_id, amount, paid_on, note) "
                                                     "VALUES (?1, ?2, ?3, 'upah bulanan')", error);
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;
  GDate end = span->start;

  if (pay == NULL)
    return FALSE;
  g_date_add_days (&end, span->days);
  keys = g_hash_table_get_keys_as_array (p->earned, &n_keys);
  /* In a fixed order, so the same seed pays the same. */
  qsort (keys, n_keys, sizeof keys[0], compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i];
      const char *month = strchr (key, ':') + 1;
      CantingMoney amount = *(CantingMoney *) g_hash_table_lookup (p->earned, key);
      GDate day;
      char paid_on[16];

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 1, (GDateMonth) g_ascii_strtoull (month + 5, NULL, 10),
                      (GDateYear) g_ascii_strtoull (month, NULL, 10));
      g_date_add_months (&day, 1);
      if (amount <= 0 || g_date_compare (&day, &end) >= 0)
        continue;
      g_date_strftime (paid_on, sizeof paid_on, "%Y-%m-%d", &day);
      sqlite3_reset (pay);
      sqlite3_bind_int64 (pay, 1, g_ascii_strtoll (key, NULL, 10));
      sqlite3_bind_int64 (pay, 2, amount);
      sqlite3_bind_text (pay, 3, paid_on, -1, SQLITE_TRANSIENT);
      if (!canting_sql_run (db, pay, "generate", error))
        return FALSE;
    }
  return TRUE;
}

/* The catalogue the orders draw on: every current product. */
static GArray *
load_products (CantingDb  *db,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, price, technique, colour_count, motif FROM products "
                                                      "WHERE archived = 0 ORDER BY id", error);
  g_autoptr(GArray) products = g_array_new (FALSE, TRUE, sizeof (GenProduct));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GenProduct p = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0,
                       (guint) CLAMP (sqlite3_column_int (stmt, 3), 1, GEN_MAX_COLOURS), NULL };
      const char *motif = (const char *) sqlite3_column_text (stmt, 4);

      canting_technique_from_string ((const char *) sqlite3_column_text (stmt, 2), (CantingTechnique *) &p.technique);
      /* The static motif names, so the array needs no freeing. */
      p.motif = motifs[0];
      for (guint m = 0; m < G_N_ELEMENTS (motifs); m++)
        if (g_strcmp0 (motif, motifs[m]) == 0)
          p.motif = motifs[m];
      g_array_append_val (products, p);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, "generate");
      return NULL;
    }
  if (products->len == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, "generate: no products to order");
      return NULL;
    }
  return g_steal_pointer (&products);
}

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
                                                     "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  static const char * const methods[] = { "transfer", "transfer", "cash", "qris" };
  static const char * const settled[] = { "delivered", "delivered", "delivered", "delivered", "delivered",
                                          "delivered", "delivered", "delivered", "delivered", "cancelled" };
  g_autoptr(GArray) products = NULL;
  Production production = { 0 };
  gint64 first_customer = 0;
  g_autofree guint *seq_in_year = NULL;
  guint first_year = g_date_get_year (&job->span.start);
  GDate end = job->span.start;
  gboolean ok = FALSE;

  if (!cust || !prod || !order || !item || !log || !pay)
    return FALSE;
  g_date_add_days (&end, job->span.days - 1);
  seq_in_year = g_new0 (guint, g_date_get_year (&end) - first_year + 2);

  for (guint i = 0; i < job->n_customers; i++)
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

  for (guint i = 0; i < job->n_products; i++)
    {
      const char *motif = motifs[i % G_N_ELEMENTS (motifs)];
      g_autofree char *sku = g_strdup_printf ("GEN-%04u", i + 1);
      g_autofree char *name = g_strdup_printf ("Kain %s %u", motif, i + 1);
      CantingMoney price = 100000 + 25000 * g_rand_int_range (job->rand, 0, 60);

      sqlite3_reset (prod);
      sqlite3_bind_text (prod, 1, sku, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (prod, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (prod, 3, motif, -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 4, techniques[i % G_N_ELEMENTS (techniques)], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (prod, 5, price);
      sqlite3_bind_int64 (prod, 6, price / 2);
      if (!canting_sql_run (db, prod, "generate", error))
        return FALSE;
    }
  products = load_products (db, error);
  if (products == NULL)
    return FALSE;
  if (job->workshop && !production_prepare (db, &production, job->n_customers / 400 + 4, error))
    goto out;

  for (guint i = 0; i < job->n_orders; i++)
    {
      GDate date = job->span.start, due;
      char order_date[16], due_date[16];
      g_autofree char *number = NULL;
      const char *status = final_status[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (final_status))];
      guint n_items = (guint) g_rand_int_range (job->rand, 1, 4);
      CantingMoney total = 0;
      gint64 order_id;
      guint year;

      g_date_add_days (&date, (guint) ((guint64) i * job->span.days / MAX (job->n_orders, 1)));
      g_date_strftime (order_date, sizeof order_date, "%Y-%m-%d", &date);
      due = date;
      g_date_add_days (&due, (guint) g_rand_int_range (job->rand, 7, 60));
      g_date_strftime (due_date, sizeof due_date, "%Y-%m-%d", &due);
      year = g_date_get_year (&date);
      number = g_strdup_printf ("PSN-%04u-%04u", year, ++seq_in_year[year - first_year]);
      /* In a real workshop only the last two months' orders are still
       * open; the older ones were delivered, or called off. */
      if (job->workshop && g_date_days_between (&date, &end) > 60)
        status = settled[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (settled))];

      sqlite3_reset (order);
      sqlite3_bind_text (order, 1, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (order, 2, (int) year);
      sqlite3_bind_int (order, 3, (int) seq_in_year[year - first_year]);
      sqlite3_bind_int64 (order, 4, first_customer + g_rand_int_range (job->rand, 0, (gint32) MAX (job->n_customers, 1)));
      sqlite3_bind_text (order, 5, order_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 6, due_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (order, 7, status, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (order, 8, 0);
      if (!canting_sql_run (db, order, "generate", error))
        goto out;
      order_id = sqlite3_last_insert_rowid (canting_db_get_handle (db));

      for (guint k = 0; k < n_items; k++)
        {
          const GenProduct *p = &g_array_index (products, GenProduct,
                                                g_rand_int_range (job->rand, 0, (gint32) products->len));
          gint64 qty = g_rand_int_range (job->rand, 1, 12);

          sqlite3_reset (item);
          sqlite3_bind_int64 (item, 1, order_id);
          sqlite3_bind_int (item, 2, (int) k + 1);
          sqlite3_bind_int64 (item, 3, p->id);
          sqlite3_bind_text (item, 4, p->motif, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (item, 5, qty);
          sqlite3_bind_int64 (item, 6, p->price);
          if (!canting_sql_run (db, item, "generate", error))
            goto out;
          total += qty * p->price;
          /* Stages from the day after the order, one a day. */
          if (job->workshop && (g_str_equal (status, "in_production") || g_str_equal (status, "ready") ||
                                g_str_equal (status, "delivered")))
            {
              GDate first = date;

              g_date_add_days (&first, 1);
              if (!add_stages (db, &production, job->rand, sqlite3_last_insert_rowid (canting_db_get_handle (db)), p,
                               qty, &first, &end, !g_str_equal (status, "in_production"), error))
                goto out;
            }
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
        goto out;

      /* A DP on most orders; delivered ones mostly paid off, on the due
       * date when that has come. */
      if (!g_str_equal (status, "draft") && !g_str_equal (status, "cancelled"))
        {
          CantingMoney dp = total / 2;
          CantingMoney rest = g_str_equal (status, "delivered") && g_rand_int_range (job->rand, 0, 10) > 0
                              ? total - dp : 0;
          const char *method = job->workshop ? methods[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (methods))]
                                             : "transfer";

          if (job->workshop && g_date_compare (&due, &end) <= 0)
            g_date_strftime (due_date, sizeof due_date, "%Y-%m-%d", &due);
          else
            memcpy (due_date, order_date, sizeof due_date);
          for (int part = 0; part < 2; part++)
            {
              CantingMoney amount = part == 0 ? dp : rest;
              if (amount <= 0)
                continue;
              sqlite3_reset (pay);
              sqlite3_bind_int64 (pay, 1, order_id);
              sqlite3_bind_int64 (pay, 2, amount);
              sqlite3_bind_text (pay, 3, part == 0 ? order_date : due_date, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (pay, 4, method, -1, SQLITE_STATIC);
              sqlite3_bind_int (pay, 5, part == 0);
              if (!canting_sql_run (db, pay, "generate", error))
                goto out;
            }
        }
    }

  if (job->workshop && !pay_wages (db, &production, &job->span, error))
    goto out;

  /* Totals in one pass, as canting_order_save() would have stored them. */
  {
    g_autoptr(sqlite3_stmt) totals = canting_sql_prepare (db,
                                                          "UPDATE orders SET total = (SELECT sum(quantity * unit_price) "
                                                          "FROM order_items i WHERE i.order_id = orders.id)",
                                                          error);
    if (totals == NULL || !canting_sql_run (db, totals, "generate", error))
      goto out;
  }
  ok = TRUE;
out:
  production_clear (&production);
  return ok;
}

static gboolean
run_orders (CantingDb  *db,
            Job        *job,
            guint32     seed,
            GError    **error)
{
  gboolean ok;

  job->rand = g_rand_new_with_seed (seed);
  ok = canting_db_transaction (db, fill, job, error);
  g_rand_free (job->rand);
  return ok;
}

gboolean
canting_generate_orders (CantingDb  *db,
                         guint       n_orders,
                         guint32     seed,
                         GError    **error)
{
  Job job = { n_orders, N_CUSTOMERS, N_PRODUCTS, span_from (2016, 3650), FALSE, NULL };

  return run_orders (db, &job, seed, error);
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
  Span span;
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

  if (!count || !add || !ids || !move || !canting_sql_get_int64 (db, count, &have, "generate", error))
    return FALSE;

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
      char on_date[16];
      int roll = g_rand_int_range (job->rand, 0, 100);
      const char *kind;
      gint64 quantity, value, cost = -1;

      span_day (&job->span, i, job->n_movements, on_date);

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
  StockJob job = { n_movements, n_materials, span_from (2016, 3650), g_rand_new_with_seed (seed) };
  gboolean ok = canting_db_transaction (db, fill_stock, &job, error);

  g_rand_free (job.rand);
  return ok;
}

/* --- ledger ---------------------------------------------------------------- */

typedef struct {
  guint n_entries;
  Span span;
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

  for (guint i = 0; i < job->n_entries; i++)
    {
      char on_date[16];
      int roll = g_rand_int_range (job->rand, 0, 100);
      guint from = (guint) g_rand_int_range (job->rand, 0, (gint32) n_accounts);
      const char *kind;
      gint64 amount, category = 0, to = 0;

      span_day (&job->span, i, job->n_entries, on_date);
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
  /* 3652 days: 2016-01-01 to 2025-12-31. */
  LedgerJob job = { n_entries, span_from (2016, 3652), g_rand_new_with_seed (seed) };
  gboolean ok = canting_db_transaction (db, fill_ledger, &job, error);

  g_rand_free (job.rand);
  return ok;
}

/* --- photos ---------------------------------------------------------------- */

/* PNG needs a CRC-32 over each chunk and an Adler-32 over the pixels;
 * the pixels go in uncompressed ("stored") deflate blocks, so no zlib is
 * needed for a few small pictures. */
static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  static guint32 table[256];

  if (table[1] == 0)
    for (guint32 n = 0; n < 256; n++)
      {
        guint32 c = n;
        for (int k = 0; k < 8; k++)
          c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
      }
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void
put_be32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
  g_byte_array_append (out, b, 4);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         len)
{
  guint32 crc = crc32_update (0, (const guint8 *) type, 4);

  put_be32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, data, (guint) len);
  put_be32 (out, crc32_update (crc, data, len));
}

/* An RGB picture of @width × @height as a PNG file. */
static GBytes *
png_encode (guint         width,
            guint         height,
            const guint8 *rgb)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  guint8 ihdr[13] = { width >> 24, (width >> 16) & 0xff, (width >> 8) & 0xff, width & 0xff,
                      height >> 24, (height >> 16) & 0xff, (height >> 8) & 0xff, height & 0xff,
                      8, 2, 0, 0, 0 };
  guint32 a = 1, b = 0;
  static const guint8 zhead[2] = { 0x78, 0x01 };

  for (guint y = 0; y < height; y++)
    {
      static const guint8 no_filter = 0;
      g_byte_array_append (raw, &no_filter, 1);
      g_byte_array_append (raw, rgb + (gsize) y * width * 3, width * 3);
    }
  g_byte_array_append (z, zhead, 2);
  for (guint off = 0; off < raw->len || off == 0;)
    {
      guint len = MIN (raw->len - off, 65535u);
      guint8 head[5] = { off + len >= raw->len, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff };

      g_byte_array_append (z, head, 5);
      g_byte_array_append (z, raw->data + off, len);
      off += len;
      if (len == 0)
        break;
    }
  for (guint i = 0; i < raw->len; i++)
    {
      a = (a + raw->data[i]) % 65521;
      b = (b + a) % 65521;
    }
  put_be32 (z, (b << 16) | a);

  g_byte_array_append (out, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  put_chunk (out, "IHDR", ihdr, sizeof ihdr);
  put_chunk (out, "IDAT", z->data, z->len);
  put_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Sogan brown on cream, indigo on white, red on ochre, green on cream. */
static const guint8 palettes[][2][3] = {
  { { 0xf2, 0xe6, 0xcc }, { 0x6b, 0x3e, 0x1e } },
  { { 0xf7, 0xf7, 0xf2 }, { 0x1d, 0x2f, 0x6b } },
  { { 0xd9, 0xa4, 0x41 }, { 0x8c, 0x1c, 0x13 } },
  { { 0xee, 0xea, 0xd6 }, { 0x2f, 0x5d, 0x3a } },
};

/* A batik-like picture: parang diagonals for even @variant, kawung
 * circles for odd ones. */
static GBytes *
batik_picture (guint variant,
               guint width,
               guint height)
{
  g_autofree guint8 *rgb = g_malloc ((gsize) width * height * 3);
  const guint8 (*pal)[3] = palettes[variant % G_N_ELEMENTS (palettes)];
  guint cell = MAX (width / 8, 4) + variant % 5;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gboolean ink;

        if (variant % 2 == 0)
          ink = ((x + y) % cell) < cell / 3 || ((x + y) % cell == cell / 2 && x % 3 == 0);
        else
          {
            int dx = (int) (x % cell) - (int) cell / 2, dy = (int) (y % cell) - (int) cell / 2;
            int r2 = dx * dx + dy * dy, r = (int) cell / 2 - 1;
            ink = r2 <= r * r && r2 >= (r - 2) * (r - 2);
            ink = ink || (dx == 0 && dy == 0);
          }
        memcpy (rgb + ((gsize) y * width + x) * 3, pal[ink ? 1 : 0], 3);
      }
  return png_encode (width, height, rgb);
}

/* --- the whole workshop ---------------------------------------------------- */

void
canting_generate_spec_init (CantingGenerateSpec *spec,
                            guint32              seed,
                            guint                years,
                            double               scale)
{
  double per_year = MAX (years, 1) / 10.0 * scale;

  /* The figures of issue 10 for ten years at scale 1: a busy workshop
   * with a large catalogue. */
  *spec = (CantingGenerateSpec) {
    .seed = seed,
    .years = MAX (years, 1),
    .customers = MAX ((guint) (5000 * scale), 20),
    .products = MAX ((guint) (2000 * scale), 10),
    .photos = MAX ((guint) (24 * MIN (scale * 10, 1.0)), 3),
    .orders = MAX ((guint) (200000 * per_year), 10),
    .materials = MAX ((guint) (300 * scale), 25),
    .movements = MAX ((guint) (1000000 * per_year), 50),
    .ipal_entries = MAX ((guint) (20000 * per_year), 20),
    .ledger = MAX ((guint) (1000000 * per_year), 50),
  };
}

static const char * const sizes[] = { "210 x 115 cm", "200 x 110 cm", "250 x 115 cm", "180 x 100 cm", "Kemeja L" };
static const char * const colour_sets[] = { "Sogan", "Biru indigo, putih", "Merah, coklat, krem", "Hijau, kuning" };
static const char * const cloths[] = { "Mori primissima", "Mori prima", "Sutra", "Katun" };
static const char * const technique_codes[] = { "TL", "CP", "KB", "PR" };

typedef struct {
  const CantingGenerateSpec *spec;
  GRand *rand;
  guint photo_files;
  guint exceedances;
} WorkshopJob;

static gboolean
fill_products (CantingDb  *db,
               gpointer    user_data,
               GError    **error)
{
  WorkshopJob *job = user_data;
  g_autoptr(sqlite3_stmt) prod = canting_sql_prepare (db,
                                                      "INSERT INTO products (sku, name, motif, technique, size, colours, "
                                                      "colour_count, material, price, unit_cost, description, archived) "
                                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  g_autoptr(sqlite3_stmt) photo = canting_sql_prepare (db,
                                                       "INSERT INTO product_photos (product_id, position, file, thumbnail) "
                                                       "VALUES (?1, ?2, ?3, ?4)", error);
  g_autoptr(sqlite3_stmt) recipe = canting_sql_prepare (db,
                                                        "INSERT OR IGNORE INTO product_materials (product_id, material_id, quantity) "
                                                        "SELECT ?1, id, ?3 FROM materials WHERE name = ?2", error);
  g_autoptr(sqlite3_stmt) stock = canting_sql_prepare (db,
                                                       "INSERT INTO product_stock_moves (product_id, delta, reason, at) "
                                                       "VALUES (?1, ?2, 'adjustment', '2016-01-02T02:00:00Z')", error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) thumbs = g_ptr_array_new_with_free_func (g_free);
  guint n_photos = MAX (job->spec->photos, 1);

  if (!prod || !photo || !recipe || !stock)
    return FALSE;
  /* A few pictures stored once by their content, shared by many
   * products, as when a workshop photographs one cloth for every size. */
  for (guint i = 0; i < n_photos; i++)
    {
      g_autoptr(GBytes) image = batik_picture (i, 320, 240);
      g_autoptr(GBytes) thumb = batik_picture (i, 96, 72);
      char *file = canting_stored_file_write (db, "photos", image, "png", error);
      char *small = file != NULL ? canting_stored_file_write (db, "photos", thumb, "png", error) : NULL;

      if (small == NULL)
        {
          g_free (file);
          return FALSE;
        }
      g_ptr_array_add (files, file);
      g_ptr_array_add (thumbs, small);
    }
  job->photo_files = 2 * n_photos;

  for (guint i = 0; i < job->spec->products; i++)
    {
      guint t = (guint) g_rand_int_range (job->rand, 0, G_N_ELEMENTS (techniques));
      const char *motif = motifs[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (motifs))];
      guint colours = t == 3 ? 1 : (guint) g_rand_int_range (job->rand, 1, GEN_MAX_COLOURS + 1);
      /* Tulis takes weeks of hand work and sells for millions; printing
       * is cheap cloth. */
      static const int price_steps[] = { 40, 12, 20, 3 };
      CantingMoney price = 75000 + 25000 * g_rand_int_range (job->rand, 1, price_steps[t] + 1);
      g_autofree char *sku = g_strdup_printf ("PB-%s-%05u", technique_codes[t], i + 1);
      g_autofree char *name = g_strdup_printf ("Batik %s %s %u", techniques[t], motif, i + 1);
      g_autofree char *description = g_strdup_printf ("Batik %s motif %s dari Blitar, %s.", techniques[t], motif,
                                                      cloths[i % G_N_ELEMENTS (cloths)]);
      guint n = (guint) g_rand_int_range (job->rand, 1, 4);
      gint64 id;

      sqlite3_reset (prod);
      sqlite3_bind_text (prod, 1, sku, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (prod, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (prod, 3, motif, -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 4, techniques[t], -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 5, sizes[i % G_N_ELEMENTS (sizes)], -1, SQLITE_STATIC);
      sqlite3_bind_text (prod, 6, colour_sets[(colours + i) % G_N_ELEMENTS (colour_sets)], -1, SQLITE_STATIC);
      sqlite3_bind_int (prod, 7, (int) colours);
      sqlite3_bind_text (prod, 8, cloths[i % G_N_ELEMENTS (cloths)], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (prod, 9, price);
      sqlite3_bind_int64 (prod, 10, price * 11 / 20);
      sqlite3_bind_text (prod, 11, description, -1, SQLITE_TRANSIENT);
      /* One in twenty no longer made. */
      sqlite3_bind_int (prod, 12, g_rand_int_range (job->rand, 0, 20) == 0);
      if (!canting_sql_run (db, prod, "generate", error))
        return FALSE;
      id = sqlite3_last_insert_rowid (canting_db_get_handle (db));

      for (guint k = 0; k < n; k++)
        {
          guint which = (guint) g_rand_int_range (job->rand, 0, (gint32) n_photos);

          sqlite3_reset (photo);
          sqlite3_bind_int64 (photo, 1, id);
          sqlite3_bind_int (photo, 2, (int) k + 1);
          sqlite3_bind_text (photo, 3, g_ptr_array_index (files, which), -1, SQLITE_STATIC);
          sqlite3_bind_text (photo, 4, g_ptr_array_index (thumbs, which), -1, SQLITE_STATIC);
          if (!canting_sql_run (db, photo, "generate", error))
            return FALSE;
        }

      /* A recipe: the cloth (metres, in thousandths), wax and a dye. */
      {
        const char *items[][2] = { { i % 4 == 2 ? "Sutra" : "Mori primissima", "2500" },
                                   { "Malam klowong", t == 3 ? "50" : "300" },
                                   { t % 2 ? "Remazol" : "Naptol", "20000" } };
        for (guint k = 0; k < G_N_ELEMENTS (items); k++)
          {
            sqlite3_reset (recipe);
            sqlite3_bind_int64 (recipe, 1, id);
            sqlite3_bind_text (recipe, 2, items[k][0], -1, SQLITE_STATIC);
            sqlite3_bind_int64 (recipe, 3, g_ascii_strtoll (items[k][1], NULL, 10));
            if (!canting_sql_run (db, recipe, "generate", error))
              return FALSE;
          }
      }

      /* A third of the catalogue kept in stock, counted at the start. */
      if (i % 3 == 0)
        {
          sqlite3_reset (stock);
          sqlite3_bind_int64 (stock, 1, id);
          sqlite3_bind_int64 (stock, 2, g_rand_int_range (job->rand, 1, 15));
          if (!canting_sql_run (db, stock, "generate", error))
            return FALSE;
        }
    }
  return TRUE;
}

static const char * const operators[] = { "Pak Slamet", "Mas Fajar", "Bu Ngatini" };
static const char * const effluent_colours[] = { "coklat muda", "kuning jernih", "biru pucat", "coklat" };

/* A reading drawn around @centre (in thousandths), ± @spread. */
static gint64
around (GRand  *rand,
        gint64  centre,
        gint64  spread)
{
  return centre + g_rand_int_range (rand, (gint32) -spread, (gint32) spread + 1);
}

static gboolean
fill_ipal (CantingDb  *db,
           gpointer    user_data,
           GError    **error)
{
  WorkshopJob *job = user_data;
  Span span = span_from (2026 - job->spec->years, 0);
  g_autoptr(sqlite3_stmt) plant = canting_sql_prepare (db,
                                                       "INSERT INTO ipal_plants (name, location, shared, capacity) "
                                                       "VALUES ('IPAL komunal Kampung Batik', 'Kelurahan Tanggung', 1, 20000000)",
                                                       error);
  g_autoptr(sqlite3_stmt) plants = canting_sql_prepare (db, "SELECT id FROM ipal_plants ORDER BY id LIMIT 2", error);
  g_autoptr(sqlite3_stmt) log = canting_sql_prepare (db,
                                                     "INSERT INTO ipal_logs (plant_id, at, inflow, outflow, ph_in, ph_out, "
                                                     "temperature, colour, clarity, odour, pac, lime, polymer, pumps, rain, "
                                                     "incident, operator, notes, action) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                                     "?8, ?9, '', ?10, ?11, ?12, 'Pompa 1', ?13, ?14, ?15, '', ?16)", error);
  g_autoptr(sqlite3_stmt) test = canting_sql_prepare (db,
                                                      "INSERT INTO ipal_lab_tests (plant_id, sampled_at, sampling_point, "
                                                      "sampled_by, flow, laboratory, accredited, report_number) VALUES "
                                                      "(?1, ?2, 'Outlet', 'Petugas laboratorium', ?3, "
                                                      "'UPT Laboratorium Lingkungan Jawa Timur', 1, ?4)", error);
  g_autoptr(sqlite3_stmt) result = canting_sql_prepare (db,
                                                        "INSERT INTO ipal_lab_results (lab_test_id, parameter, value) "
                                                        "VALUES (?1, ?2, ?3)", error);
  g_autoptr(sqlite3_stmt) sludge = canting_sql_prepare (db,
                                                        "INSERT INTO ipal_sludge (plant_id, on_date, amount, destination, manifest) "
                                                        "VALUES (?1, ?2, ?3, 'PT Pengolah Limbah B3 berizin', ?4)", error);
  gint64 plant_ids[2] = { 0, 0 };
  guint n_plants = 0, slot = 0;
  gint64 last_day = -1;
  GDate end;

  if (!plant || !plants || !log || !test || !result || !sludge || !canting_sql_run (db, plant, "generate", error))
    return FALSE;
  while (n_plants < 2 && sqlite3_step (plants) == SQLITE_ROW)
    plant_ids[n_plants++] = sqlite3_column_int64 (plants, 0);
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 1, 1, 2026);
  span.days = (guint) g_date_days_between (&span.start, &end);

  /* The daily log, several readings a working day shared between the
   * two plants, from 07:00 every hour and a half. */
  for (guint i = 0; i < job->spec->ipal_entries; i++)
    {
      gint64 day = (gint64) ((guint64) i * span.days / job->spec->ipal_entries);
      GDate date = span.start;
      char d[16];
      g_autofree char *at = NULL;
      gint64 inflow = around (job->rand, 4000000, 2000000);
      gint64 ph_out = around (job->rand, 7400, 700), temperature = around (job->rand, 30000, 2500);
      /* About one reading in a hundred breaks a limit (and at least one,
       * however small the log): pH too high after a big dyeing day, or
       * hot water from the lorod. */
      gboolean exceeded = i % 100 == 99 || i == job->spec->ipal_entries / 2;

      slot = day == last_day ? slot + 1 : 0;
      last_day = day;
      g_date_add_days (&date, (guint) day);
      g_date_strftime (d, sizeof d, "%Y-%m-%d", &date);
      at = g_strdup_printf ("%sT%02u:%02u", d, 7 + (slot * 90) / 60 % 12, (slot * 90) % 60);
      if (exceeded)
        {
          if (g_rand_boolean (job->rand))
            ph_out = around (job->rand, 9500, 300);
          else
            temperature = around (job->rand, 40000, 1000);
          job->exceedances++;
        }
      sqlite3_reset (log);
      sqlite3_bind_int64 (log, 1, plant_ids[slot % MAX (n_plants, 1)]);
      sqlite3_bind_text (log, 2, at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (log, 3, inflow);
      sqlite3_bind_int64 (log, 4, inflow - around (job->rand, 200000, 100000));
      sqlite3_bind_int64 (log, 5, around (job->rand, 10000, 1000));
      sqlite3_bind_int64 (log, 6, ph_out);
      sqlite3_bind_int64 (log, 7, temperature);
      sqlite3_bind_text (log, 8, effluent_colours[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (effluent_colours))],
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 9, exceeded ? "keruh" : "agak jernih", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (log, 10, around (job->rand, 1500, 500));
      sqlite3_bind_int64 (log, 11, around (job->rand, 2000, 800));
      sqlite3_bind_int64 (log, 12, around (job->rand, 150, 50));
      sqlite3_bind_int (log, 13, g_rand_int_range (job->rand, 0, 5) == 0);
      sqlite3_bind_text (log, 14, exceeded ? "Hasil keluaran di luar baku mutu" : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 15, operators[g_rand_int_range (job->rand, 0, G_N_ELEMENTS (operators))], -1, SQLITE_STATIC);
      sqlite3_bind_text (log, 16, exceeded ? "Dosis PAC ditambah, air diolah ulang" : "", -1, SQLITE_STATIC);
      if (!canting_sql_run (db, log, "generate", error))
        return FALSE;
    }

  /* A lab test of the first plant each month (one in twelve over the
   * BOD limit), and its sludge handed over every three months. */
  for (guint m = 0; m < job->spec->years * 12; m++)
    {
      GDate date = span.start;
      char d[16];
      g_autofree char *at = NULL;
      g_autofree char *report = g_strdup_printf ("LAB/%u/%04u", 2026 - job->spec->years + m / 12, m + 1);
      struct { const char *parameter; gint64 value; } results[] = {
        { "bod", around (job->rand, m % 12 == 7 ? 72000 : 40000, 8000) },
        { "cod", around (job->rand, 100000, 20000) },
        { "tss", around (job->rand, 30000, 8000) },
        { "ph", around (job->rand, 7400, 500) },
      };
      gint64 test_id;

      g_date_add_months (&date, m);
      g_date_add_days (&date, 14);
      g_date_strftime (d, sizeof d, "%Y-%m-%d", &date);
      at = g_strdup_printf ("%sT09:00", d);
      sqlite3_reset (test);
      sqlite3_bind_int64 (test, 1, plant_ids[0]);
      sqlite3_bind_text (test, 2, at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (test, 3, around (job->rand, 4000, 1000));
      sqlite3_bind_text (test, 4, report, -1, SQLITE_TRANSIENT);
      if (!canting_sql_run (db, test, "generate", error))
        return FALSE;
      test_id = sqlite3_last_insert_rowid (canting_db_get_handle (db));
      for (guint k = 0; k < G_N_ELEMENTS (results); k++)
        {
          sqlite3_reset (result);
          sqlite3_bind_int64 (result, 1, test_id);
          sqlite3_bind_text (result, 2, results[k].parameter, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (result, 3, results[k].value);
          if (!canting_sql_run (db, result, "generate", error))
            return FALSE;
        }
      if (m % 12 == 7)
        job->exceedances++;
      if (m % 3 == 2)
        {
          g_autofree char *manifest = g_strdup_printf ("MNF-%04u", m / 3 + 1);

          sqlite3_reset (sludge);
          sqlite3_bind_int64 (sludge, 1, plant_ids[0]);
          sqlite3_bind_text (sludge, 2, d, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (sludge, 3, around (job->rand, 150000, 50000));
          sqlite3_bind_text (sludge, 4, manifest, -1, SQLITE_TRANSIENT);
          if (!canting_sql_run (db, sludge, "generate", error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
fill_profile (CantingDb  *db,
              GError    **error)
{
  g_autoptr(CantingProfile) profile = canting_profile_load (db, error);

  if (profile == NULL)
    return FALSE;
  canting_profile_set_name (profile, "Batik Contoh Blitar");
  canting_profile_set_owner (profile, "Ibu Sri Wahyuni");
  canting_profile_set_city (profile, "Kota Blitar");
  canting_profile_set_phone (profile, "081234567890");
  return canting_profile_save (profile, db, error);
}

static gint64
count_of (CantingDb   *db,
          const char  *sql,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);
  gint64 n = -1;

  if (stmt == NULL || !canting_sql_get_int64 (db, stmt, &n, "generate", error))
    return -1;
  return n;
}

/* The tables that take millions of rows.  Their indexes are built
 * once at the end, from a sort, instead of row by row in random order:
 * several times faster.  UNIQUE constraints stay (the ledger triggers'
 * upserts need theirs), and so the rules they keep. */
static const char * const bulk_tables[] = {
  "orders", "order_items", "order_status_log", "payments", "item_stages", "stock_movements", "ledger", "ipal_logs",
};

static gboolean
drop_bulk_indexes (CantingDb   *db,
                   GPtrArray   *sql_out,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                                      "AND sql IS NOT NULL AND tbl_name = ?1 ORDER BY name", error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle = canting_db_get_handle (db);

  if (stmt == NULL)
    return FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (bulk_tables); t++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, bulk_tables[t], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_ptr_array_add (sql_out, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < names->len; i++)
    {
      /* Names from sqlite_schema itself, quoted: not input. */
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (const char *) g_ptr_array_index (names, i));

      if (sqlite3_exec (handle, drop, NULL, NULL, NULL) != SQLITE_OK)
        {
          canting_db_set_error (error, handle, sqlite3_errcode (handle), "generate");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
create_indexes (CantingDb   *db,
                gpointer     user_data,
                GError     **error)
{
  GPtrArray *sql = user_data;
  sqlite3 *handle = canting_db_get_handle (db);

  for (guint i = 0; i < sql->len; i++)
    if (sqlite3_exec (handle, g_ptr_array_index (sql, i), NULL, NULL, NULL) != SQLITE_OK)
      {
        canting_db_set_error (error, handle, sqlite3_errcode (handle), "generate");
        return FALSE;
      }
  return TRUE;
}

gboolean
canting_generate_workshop (CantingDb                  *db,
                           const CantingGenerateSpec  *spec,
                           CantingGenerateMade        *made,
                           GError                    **error)
{
  WorkshopJob job = { spec, g_rand_new_with_seed (spec->seed), 0, 0 };
  Span span = span_from (2026 - spec->years, 0);
  Job orders = { spec->orders, spec->customers, 0, span, TRUE, NULL };
  StockJob stock = { spec->movements, spec->materials, span, NULL };
  sqlite3 *handle = canting_db_get_handle (db);
  gint64 have, step = g_get_monotonic_time ();
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;
  GDate end;
  /* Where the time goes, with G_MESSAGES_DEBUG=Canting. */
#define STEP_DONE(what) \
  G_STMT_START { \
    g_debug ("generate: %s in %.1f s", what, (double) (g_get_monotonic_time () - step) / G_USEC_PER_SEC); \
    step = g_get_monotonic_time (); \
  } G_STMT_END

  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 1, 1, 2026);
  span.days = (guint) g_date_days_between (&span.start, &end);
  orders.span = stock.span = span;

  have = count_of (db, "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM products) + "
                   "(SELECT count(*) FROM customers) + (SELECT count(*) FROM ledger)", error);
  if (have < 0)
    goto out;
  if (have > 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The folder already holds a workshop’s records; generate fills only a new, empty one."));
      goto out;
    }
  /* One big transaction per part: a roomy page cache keeps SQLite from
   * spilling half-built pages into the log again and again.  A power cut
   * meanwhile loses only generated records, so no syncing; the app's
   * setting comes back at the end. */
  if (sqlite3_exec (handle, "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK)
    {
      canting_db_set_error (error, handle, sqlite3_errcode (handle), "generate");
      goto out;
    }

  if (!fill_profile (db, error) || !drop_bulk_indexes (db, indexes, error) ||
      !canting_db_transaction (db, fill_products, &job, error))
    goto out;
  STEP_DONE ("products");
  if (!run_orders (db, &orders, spec->seed + 1, error))
    goto out;
  STEP_DONE ("orders");
  stock.rand = g_rand_new_with_seed (spec->seed + 2);
  ok = canting_db_transaction (db, fill_stock, &stock, error);
  g_rand_free (stock.rand);
  if (!ok)
    goto out;
  STEP_DONE ("stock");
  if (!canting_db_transaction (db, fill_ipal, &job, error))
    goto out;
  STEP_DONE ("ipal");
  ok = FALSE;

  /* Hand-typed entries on top of those the payments, purchases and
   * wages made, up to the ledger's size. */
  have = count_of (db, "SELECT count(*) FROM ledger", error);
  if (have < 0)
    goto out;
  if ((guint) have < spec->ledger)
    {
      LedgerJob ledger = { spec->ledger - (guint) have, span, g_rand_new_with_seed (spec->seed + 3) };

      ok = canting_db_transaction (db, fill_ledger, &ledger, error);
      g_rand_free (ledger.rand);
      if (!ok)
        goto out;
      ok = FALSE;
    }

  STEP_DONE ("ledger");
  /* Sorting for the indexes on both cores, where SQLite may. */
  sqlite3_exec (handle, "PRAGMA threads = 2", NULL, NULL, NULL);
  if (!canting_db_transaction (db, create_indexes, indexes, error))
    goto out;
  g_ptr_array_set_size (indexes, 0);
  STEP_DONE ("indexes");
  /* Plan statistics, as a long-used database has them, and everything
   * moved from the write-ahead log into the file. */
  if (sqlite3_exec (handle, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    {
      canting_db_set_error (error, handle, sqlite3_errcode (handle), "ANALYZE");
      goto out;
    }
  STEP_DONE ("ANALYZE");
  if (made != NULL)
    {
      made->photo_files = job.photo_files;
      made->ipal_exceedances = job.exceedances;
    }
  ok = TRUE;
out:
  /* Whatever happened, the schema is whole again. */
  if (indexes->len > 0)
    create_indexes (db, indexes, NULL);
  /* As canting_db_open() set them. */
  sqlite3_exec (handle, "PRAGMA cache_size = -2000; PRAGMA synchronous = FULL", NULL, NULL, NULL);
  g_rand_free (job.rand);
  return ok;
}
