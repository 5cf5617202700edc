/* test-production.c: stages from templates, workers, rates, wages, and
 * the stock that finished production makes. */
#include "canting-customer.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-production.h"
#include "canting-test-util.h"

#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 customer;
  gint64 worker;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(CantingWorker) w = canting_worker_new ();

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  g_free (c->name);
  c->name = g_strdup ("Bu Siti");
  g_assert_true (canting_customer_save (f->db, c, NULL));
  f->customer = c->id;
  g_free (w->name);
  w->name = g_strdup ("Mbak Yuli");
  g_assert_true (canting_worker_save (f->db, w, NULL));
  f->worker = w->id;
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
product (Fixture          *f,
         CantingTechnique  technique,
         guint             colours)
{
  g_autoptr(CantingProduct) p = canting_product_new ();

  g_free (p->name);
  p->name = g_strdup ("Kain Cakra Palah");
  p->technique = technique;
  p->colour_count = colours;
  p->price = 500000;
  g_assert_true (canting_product_save (f->db, p, NULL));
  return p->id;
}

/* An order with the given lines, confirmed and put into production. */
static gint64
order_in_production (Fixture *f,
                     gint64   product_id,
                     gint64   quantity,
                     gboolean with_custom_piece)
{
  g_autoptr(CantingOrder) o = canting_order_new ();
  g_autoptr(GError) error = NULL;

  o->customer_id = f->customer;
  g_free (o->order_date);
  o->order_date = g_strdup ("2026-05-01");
  g_ptr_array_add (o->items, canting_order_item_new (product_id, "Kain Cakra Palah", quantity, 500000));
  if (with_custom_piece)
    g_ptr_array_add (o->items, canting_order_item_new (0, "Selendang pesanan", 1, 200000));
  g_assert_true (canting_order_save (f->db, o, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CONFIRMED, NULL, &error));
  g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_IN_PRODUCTION, NULL, &error));
  g_assert_no_error (error);
  return o->id;
}

static void
test_expand (void)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_stage_template_free);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GArray) colours = NULL;
  static const struct { const char *name; gboolean per_colour; } tulis[] = {
    { "Pola", FALSE }, { "Nglowong", FALSE }, { "Pewarnaan", TRUE }, { "Lorod", TRUE }, { "Finishing", FALSE },
  };
  static const char * const expected[] = {
    "Pola", "Nglowong", "Pewarnaan", "Lorod", "Pewarnaan", "Lorod", "Pewarnaan", "Lorod", "Finishing",
  };
  static const guint expected_colours[] = { 0, 0, 1, 1, 2, 2, 3, 3, 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (tulis); i++)
    {
      CantingStageTemplate *t = g_new0 (CantingStageTemplate, 1);
      t->name = g_strdup (tulis[i].name);
      t->per_colour = tulis[i].per_colour;
      g_ptr_array_add (templates, t);
    }
  names = canting_stage_expand (templates, 3, &colours);
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < names->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);
      g_assert_cmpuint (g_array_index (colours, guint, i), ==, expected_colours[i]);
    }
}

static void
test_stages_created (Fixture       *f,
                     gconstpointer  data)
{
  gint64 kain = product (f, CANTING_TECHNIQUE_KOMBINASI, 2);
  gint64 order = order_in_production (f, kain, 3, TRUE);
  g_autoptr(GPtrArray) stages = canting_stage_list (f->db, order, NULL);
  guint first_item = 0, second_item = 0;

  /* Kombinasi in two colours: 4 + 2×2 + 1 = 9; the custom piece is made
   * as tulis in one colour: 4 + 2 + 1 = 7. */
  for (guint i = 0; i < stages->len; i++)
    {
      CantingStage *s = g_ptr_array_index (stages, i);
      if (g_str_equal (s->item_description, "Kain Cakra Palah"))
        first_item++;
      else
        second_item++;
    }
  g_assert_cmpuint (first_item, ==, 9);
  g_assert_cmpuint (second_item, ==, 7);
  g_assert_cmpstr (((CantingStage *) stages->pdata[1])->name, ==, "Ngecap");
  g_assert_cmpuint (((CantingStage *) stages->pdata[6])->colour, ==, 2);

  /* In production, the order's items no longer change. */
  {
    g_autoptr(CantingOrder) o = canting_order_load (f->db, order, NULL);
    g_autoptr(GError) error = NULL;
    ((CantingOrderItem *) o->items->pdata[0])->quantity = 5;
    g_assert_false (canting_order_save (f->db, o, &error));
    g_assert_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_STATUS);
  }
}

static void
test_complete_rates_and_wages (Fixture       *f,
                               gconstpointer  data)
{
  gint64 kain = product (f, CANTING_TECHNIQUE_CAP, 1);
  gint64 order = order_in_production (f, kain, 4, FALSE);
  g_autoptr(GPtrArray) stages = canting_stage_list (f->db, order, NULL);
  CantingStage *ngecap = stages->pdata[0];
  CantingStage *dye = stages->pdata[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) wages = NULL;

  g_assert_cmpstr (ngecap->name, ==, "Ngecap");
  /* No rate yet: refused, saying what to set. */
  g_assert_false (canting_stage_complete (f->db, ngecap->id, f->worker, "2026-06-01", &error));
  g_assert_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_RATE);
  g_assert_nonnull (strstr (error->message, "Ngecap"));
  g_clear_error (&error);

  g_assert_true (canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_CAP, "Ngecap", 15000, &error));
  g_assert_true (canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_CAP, "Pewarnaan", 5000, &error));
  g_assert_false (canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_CAP, "Lorod", -1, &error));
  g_clear_error (&error);

  /* In order only. */
  g_assert_false (canting_stage_complete (f->db, dye->id, f->worker, "2026-06-01", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (canting_stage_complete (f->db, ngecap->id, f->worker, "2026-06-01", &error));
  g_assert_true (canting_stage_complete (f->db, dye->id, f->worker, "2026-06-02", &error));
  g_assert_no_error (error);
  g_assert_false (canting_stage_complete (f->db, ngecap->id, f->worker, "2026-06-03", &error));
  g_clear_error (&error);

  /* 4 pieces × (15.000 + 5.000). */
  wages = canting_wages_summary (f->db, &error);
  g_assert_cmpuint (wages->len, ==, 1);
  g_assert_cmpint (((CantingWages *) wages->pdata[0])->earned, ==, 80000);
  g_assert_cmpint (((CantingWages *) wages->pdata[0])->paid, ==, 0);

  g_assert_false (canting_wages_pay (f->db, f->worker, 80001, "2026-06-05", &error));
  g_assert_nonnull (strstr (error->message, "more than the wages owed (Rp 80.000)"));
  g_clear_error (&error);
  g_assert_true (canting_wages_pay (f->db, f->worker, 70000, "2026-06-05", &error));

  /* The dyeing (Rp 20.000 of wages) can no longer be undone: only 10.000
   * is left unpaid. */
  g_assert_false (canting_stage_reopen (f->db, dye->id, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&wages, g_ptr_array_unref);
  wages = canting_wages_summary (f->db, &error);
  g_assert_cmpint (((CantingWages *) wages->pdata[0])->paid, ==, 70000);
}

/* Found in review: a paid stage could be undone once newer unpaid work
 * raised the total earned; an inactive worker or a date before the order
 * was accepted. */
static void
test_paid_stage_stays_done (Fixture       *f,
                            gconstpointer  data)
{
  gint64 kain = product (f, CANTING_TECHNIQUE_PRINTING, 1);
  gint64 first = order_in_production (f, kain, 1, FALSE);
  gint64 second = order_in_production (f, kain, 1, FALSE);
  g_autoptr(GPtrArray) a = canting_stage_list (f->db, first, NULL);
  g_autoptr(GPtrArray) b = canting_stage_list (f->db, second, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingWorker) gone = canting_worker_new ();

  canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_PRINTING, "Sablon", 100, NULL);
  g_assert_true (canting_stage_complete (f->db, ((CantingStage *) a->pdata[0])->id, f->worker, "2026-06-01", &error));
  g_assert_true (canting_wages_pay (f->db, f->worker, 100, "2026-06-02", &error));
  g_assert_true (canting_stage_complete (f->db, ((CantingStage *) b->pdata[0])->id, f->worker, "2026-06-03", &error));
  g_assert_false (canting_stage_reopen (f->db, ((CantingStage *) a->pdata[0])->id, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT);
  g_clear_error (&error);
  /* The newer, unpaid one can still be undone. */
  g_assert_true (canting_stage_reopen (f->db, ((CantingStage *) b->pdata[0])->id, &error));

  g_assert_false (canting_stage_complete (f->db, ((CantingStage *) b->pdata[0])->id, f->worker, "2026-04-30", &error));
  g_assert_nonnull (strstr (error->message, "before the order was placed"));
  g_clear_error (&error);
  g_free (gone->name);
  gone->name = g_strdup ("Pak Dulu");
  gone->active = FALSE;
  g_assert_true (canting_worker_save (f->db, gone, &error));
  canting_worker_set_rate (f->db, gone->id, CANTING_TECHNIQUE_PRINTING, "Sablon", 100, NULL);
  g_assert_false (canting_stage_complete (f->db, ((CantingStage *) b->pdata[0])->id, gone->id, "2026-06-04", &error));
  g_assert_nonnull (strstr (error->message, "still works here"));
}

/* An emptied rate field removes the rate. */
static void
test_rate_removed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_rate_free);
  g_autoptr(CantingWorker) w = canting_worker_new ();
  CantingRate *none = g_new0 (CantingRate, 1);
  CantingMoney rate = 0;

  canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_CAP, "Ngecap", 5000, NULL);
  g_assert_true (canting_worker_get_rate (f->db, f->worker, CANTING_TECHNIQUE_CAP, "Ngecap", &rate, NULL));
  none->technique = CANTING_TECHNIQUE_CAP;
  none->stage = g_strdup ("Ngecap");
  none->rate = CANTING_RATE_NONE;
  g_ptr_array_add (rates, none);
  w->id = f->worker;
  g_free (w->name);
  w->name = g_strdup ("Mbak Yuli");
  g_assert_true (canting_worker_save_with_rates (f->db, w, rates, NULL));
  g_assert_false (canting_worker_get_rate (f->db, f->worker, CANTING_TECHNIQUE_CAP, "Ngecap", &rate, NULL));
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  gint64 kain = product (f, CANTING_TECHNIQUE_PRINTING, 1);
  gint64 order = order_in_production (f, kain, 2, FALSE);
  g_autoptr(GPtrArray) stages = canting_stage_list (f->db, order, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_PRINTING, "Sablon", 1000, NULL);
  canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_PRINTING, "Finishing", 1000, NULL);
  g_assert_true (canting_stage_complete (f->db, ((CantingStage *) stages->pdata[0])->id, f->worker, "2026-06-01", &error));
  g_assert_true (canting_stage_complete (f->db, ((CantingStage *) stages->pdata[1])->id, f->worker, "2026-06-01", &error));
  /* Not the first while the second is done. */
  g_assert_false (canting_stage_reopen (f->db, ((CantingStage *) stages->pdata[0])->id, &error));
  g_clear_error (&error);
  g_assert_true (canting_stage_reopen (f->db, ((CantingStage *) stages->pdata[1])->id, &error));
  after = canting_stage_list (f->db, order, NULL);
  g_assert_null (((CantingStage *) after->pdata[1])->done_on);
  {
    g_autoptr(CantingProduct) p = canting_product_load (f->db, kain, NULL);
    g_assert_cmpint (p->stock, ==, 0);  /* the finished pieces went back out */
  }
}

/* Finishing production puts the pieces into stock; delivering the order
 * takes them out: a made-to-order order leaves stock as it was. */
static void
test_production_and_delivery_stock (Fixture       *f,
                                    gconstpointer  data)
{
  gint64 kain = product (f, CANTING_TECHNIQUE_PRINTING, 1);
  gint64 order = order_in_production (f, kain, 3, FALSE);
  g_autoptr(GPtrArray) stages = canting_stage_list (f->db, order, NULL);
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(GError) error = NULL;

  canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_PRINTING, "Sablon", 1000, NULL);
  canting_worker_set_rate (f->db, f->worker, CANTING_TECHNIQUE_PRINTING, "Finishing", 1000, NULL);

  board = canting_production_board (f->db, &error);
  g_assert_cmpuint (board->len, ==, 1);
  g_assert_cmpstr (((CantingBoardRow *) board->pdata[0])->next_stage, ==, "Sablon");
  g_assert_cmpuint (((CantingBoardRow *) board->pdata[0])->total, ==, 2);

  for (guint i = 0; i < stages->len; i++)
    g_assert_true (canting_stage_complete (f->db, ((CantingStage *) stages->pdata[i])->id, f->worker,
                                           "2026-06-01", &error));
  {
    g_autoptr(CantingProduct) p = canting_product_load (f->db, kain, NULL);
    g_assert_cmpint (p->stock, ==, 3);
  }
  g_clear_pointer (&board, g_ptr_array_unref);
  board = canting_production_board (f->db, &error);
  g_assert_cmpuint (board->len, ==, 0);

  g_assert_true (canting_order_set_status (f->db, order, CANTING_ORDER_READY, NULL, &error));
  g_assert_true (canting_order_set_status (f->db, order, CANTING_ORDER_DELIVERED, NULL, &error));
  {
    g_autoptr(CantingProduct) p = canting_product_load (f->db, kain, NULL);
    g_assert_cmpint (p->stock, ==, 0);
  }
  /* Done with: no more stage changes. */
  g_assert_false (canting_stage_reopen (f->db, ((CantingStage *) stages->pdata[1])->id, &error));
}

static void
test_templates_edit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_stage_template_free);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GError) error = NULL;
  CantingStageTemplate *t = g_new0 (CantingStageTemplate, 1);

  t->name = g_strdup ("Cap dan celup");
  g_ptr_array_add (mine, t);
  g_assert_false (canting_stage_templates_set (f->db, CANTING_TECHNIQUE_CAP, empty, &error));
  g_clear_error (&error);
  read = canting_stage_templates (f->db, CANTING_TECHNIQUE_CAP, NULL);
  g_assert_cmpuint (read->len, ==, 4);  /* untouched */
  g_clear_pointer (&read, g_ptr_array_unref);

  g_assert_true (canting_stage_templates_set (f->db, CANTING_TECHNIQUE_CAP, mine, &error));
  read = canting_stage_templates (f->db, CANTING_TECHNIQUE_CAP, NULL);
  g_assert_cmpuint (read->len, ==, 1);
  g_assert_cmpstr (((CantingStageTemplate *) read->pdata[0])->name, ==, "Cap dan celup");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/production/expand", test_expand);
#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/production/stages-created", test_stages_created);
  ADD ("/production/complete-rates-and-wages", test_complete_rates_and_wages);
  ADD ("/production/reopen", test_reopen);
  ADD ("/production/paid-stage-stays-done", test_paid_stage_stays_done);
  ADD ("/production/rate-removed", test_rate_removed);
  ADD ("/production/production-and-delivery-stock", test_production_and_delivery_stock);
  ADD ("/production/templates-edit", test_templates_edit);
#undef ADD
  return g_test_run ();
}
