/* test-outcome.c: the outcome figures of a workshop on a hand-checked
 * fixture, the file they are exported in (its documented schema, no
 * personal data) and reading it back. */
#include "canting-customer.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-ipal.h"
#include "canting-ledger.h"
#include "canting-material.h"
#include "canting-order.h"
#include "canting-outcome.h"
#include "canting-outcome-merge.h"
#include "canting-profile.h"
#include "canting-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

/* A call that must succeed: its error first, so a failure says why. */
#define ASSERT_OK(call) G_STMT_START { \
  gboolean ok_ = (call); \
  g_assert_no_error (error); \
  g_assert_true (ok_); \
} G_STMT_END

#define Q(units) ((CantingQuantity) ((units) * 1000))

#define PERIOD_FROM "2026-07-01"
#define PERIOD_TO "2026-09-30"
#define BASELINE_FROM "2025-07-01"
#define BASELINE_TO "2025-09-30"

/* Customers whose details must never reach the export. */
static const struct {
  const char *name, *phone, *address, *city;
} people[] = {
  { "Ibu Wulandari Kencanasari", "0812-7777-4321", "Jl. Melati Wangi No. 99", "Malang" },
  { "Pak Hartono Sukmajaya", "0813-5555-8765", "Perum Griya Asri Blok Z-17", " malang" },
  { "Toko Batik Larasati", "+62 31 9999 0000", "Pasar Atom Lantai Tiga", "Surabaya" },
  { "Mbak Sekar Kinanthi", "0856-1234-9876", "Dusun Kepuhrejo RT 04", "" },
};

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 customers[G_N_ELEMENTS (people)];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
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
add_order (Fixture             *f,
           gint64               customer_id,
           const char          *order_date,
           CantingSalesChannel  channel,
           CantingMoney         price,
           CantingOrderStatus   status)
{
  g_autoptr(CantingOrder) o = canting_order_new ();
  g_autoptr(GError) error = NULL;

  o->customer_id = customer_id;
  g_free (o->order_date);
  o->order_date = g_strdup (order_date);
  o->channel = channel;
  g_ptr_array_add (o->items, canting_order_item_new (0, "Kain tulis Sekar Jagad", 1, price));
  ASSERT_OK (canting_order_save (f->db, o, &error));
  if (status != CANTING_ORDER_DRAFT)
    {
      g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CONFIRMED, NULL, &error));
      g_assert_no_error (error);
    }
  if (status == CANTING_ORDER_CANCELLED)
    {
      g_assert_true (canting_order_set_status (f->db, o->id, CANTING_ORDER_CANCELLED, NULL, &error));
      g_assert_no_error (error);
    }
  return o->id;
}

static void
pay (Fixture      *f,
     gint64        order_id,
     CantingMoney  amount,
     const char   *paid_on)
{
  g_autoptr(CantingPayment) p = canting_payment_new ();
  g_autoptr(GError) error = NULL;

  p->order_id = order_id;
  p->amount = amount;
  g_free (p->paid_on);
  p->paid_on = g_strdup (paid_on);
  ASSERT_OK (canting_payment_add (f->db, p, &error));
}

static gint64
add_entry (Fixture          *f,
           CantingEntryKind  kind,
           const char       *on_date,
           CantingMoney      amount,
           const char       *category_code)
{
  g_autoptr(CantingEntry) e = canting_entry_new (kind);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM ledger_categories WHERE code = '%s'", category_code);

  g_free (e->on_date);
  e->on_date = g_strdup (on_date);
  e->amount = amount;
  e->account_id = 1;
  if (kind == CANTING_ENTRY_TRANSFER)
    e->to_account_id = 2;
  else
    e->category_id = canting_test_query_int (canting_db_get_handle (f->db), sql);
  ASSERT_OK (canting_entry_save (f->db, e, &error));
  return e->id;
}

static gint64
add_material (Fixture         *f,
              const char      *name,
              CantingUnit      unit,
              CantingQuantity  reorder_level)
{
  g_autoptr(CantingMaterial) m = canting_material_new ();
  g_autoptr(GError) error = NULL;

  g_free (m->name);
  m->name = g_strdup (name);
  m->unit = unit;
  m->reorder_level = reorder_level;
  ASSERT_OK (canting_material_save (f->db, m, &error));
  return m->id;
}

static void
move (Fixture             *f,
      gint64               material_id,
      CantingMovementKind  kind,
      CantingQuantity      quantity,
      const char          *on_date)
{
  g_autoptr(CantingMovement) mv = canting_movement_new ();
  g_autoptr(GError) error = NULL;

  mv->material_id = material_id;
  mv->kind = kind;
  mv->quantity = quantity;
  mv->cost = kind == CANTING_MOVEMENT_PURCHASE ? quantity : 0;
  g_free (mv->on_date);
  mv->on_date = g_strdup (on_date);
  ASSERT_OK (canting_movement_record (f->db, mv, 0, &error));
}

static void
ipal_entry (Fixture         *f,
            gint64           plant,
            const char      *at,
            CantingQuantity  ph_out)
{
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  g_autoptr(GError) error = NULL;

  l->plant_id = plant;
  g_free (l->at);
  l->at = g_strdup (at);
  l->ph_out = ph_out;
  l->outflow = Q (1000);
  ASSERT_OK (canting_ipal_log_save (f->db, l, &error));
}

/* The fixture, figured by hand:
 *
 * Period 2026-07-01…09-30.  Orders: Wulandari direct Rp 1.000.000,
 * Hartono WhatsApp 500.000, Larasati e-Peken 1.500.000, Sekar online
 * shop 1.000.000 → 4 orders, 4 customers, 2 cities ("Malang" and
 * " malang" are one; Sekar has none), 4 channels, sales 4.000.000 of
 * which online 2.500.000 = 62,5 %.  Not counted: a draft, a cancelled
 * order, an order of 1 October.  Income: DP 400.000 + payment 1.500.000
 * + typed-in 100.000 = 2.000.000 (a voided 999.000, a transfer of
 * 300.000, an expense and a payment of 2 October do not count).  IPAL: pH
 * 7,5 (within), pH 9,5 (over), an entry without pH or temperature (not
 * judged), a lab test with BOD 30 (within) → 2 of 3 = 66,7 %, 1 lab test.
 * Materials: mori (reorder 10 m) used, 5 m left on 30 September (100 m
 * bought on 5 October do not count): low; malam (reorder 2 kg) used, 7 kg
 * left: sufficient; a dye without reorder level, an archived material and
 * soda not used in the period are not in use → 1 of 2 = 50 %.
 *
 * Baseline 2025-07-01…09-30: one direct order of Wulandari, Rp 800.000,
 * paid 800.000 → income 800.000, online 0 %, nothing measured, mori used
 * with 30 m left (sufficient) → 1 of 1.  Growth (2.000.000 − 800.000) ÷
 * 800.000 = 150 %. */
static void
fill_fixture (Fixture *f)
{
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(CantingLabTest) test = canting_lab_test_new ();
  g_autoptr(GPtrArray) plants = NULL;
  g_autoptr(GError) error = NULL;
  gint64 o1, o3, o8, voided, mori, malam, dye, old, soda, plant;

  canting_profile_set_name (profile, "Batik Sekar Jagad");
  canting_profile_set_city (profile, "Blitar");
  ASSERT_OK (canting_profile_save (profile, f->db, &error));

  for (gsize i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(CantingCustomer) c = canting_customer_new ();

      g_free (c->name);
      c->name = g_strdup (people[i].name);
      g_free (c->phone);
      c->phone = g_strdup (people[i].phone);
      g_free (c->address);
      c->address = g_strdup (people[i].address);
      g_free (c->city);
      c->city = g_strdup (people[i].city);
      g_assert_true (canting_customer_save (f->db, c, &error));
      g_assert_no_error (error);
      f->customers[i] = c->id;
    }

  o1 = add_order (f, f->customers[0], "2026-07-05", CANTING_SALES_DIRECT, 1000000, CANTING_ORDER_CONFIRMED);
  add_order (f, f->customers[1], "2026-08-10", CANTING_SALES_WHATSAPP, 500000, CANTING_ORDER_CONFIRMED);
  o3 = add_order (f, f->customers[2], "2026-09-01", CANTING_SALES_EPEKEN, 1500000, CANTING_ORDER_CONFIRMED);
  add_order (f, f->customers[3], "2026-09-15", CANTING_SALES_ONLINE_SHOP, 1000000, CANTING_ORDER_CONFIRMED);
  add_order (f, f->customers[0], "2026-09-20", CANTING_SALES_MARKETPLACE, 700000, CANTING_ORDER_DRAFT);
  add_order (f, f->customers[1], "2026-09-21", CANTING_SALES_EXHIBITION, 600000, CANTING_ORDER_CANCELLED);
  add_order (f, f->customers[2], "2026-10-01", CANTING_SALES_MARKETPLACE, 900000, CANTING_ORDER_CONFIRMED);
  o8 = add_order (f, f->customers[0], "2025-08-01", CANTING_SALES_DIRECT, 800000, CANTING_ORDER_CONFIRMED);

  pay (f, o1, 400000, "2026-07-05");
  pay (f, o3, 1500000, "2026-09-02");
  pay (f, o1, 600000, "2026-10-02");
  pay (f, o8, 800000, "2025-08-05");
  add_entry (f, CANTING_ENTRY_INCOME, "2026-08-15", 100000, "other_income");
  voided = add_entry (f, CANTING_ENTRY_INCOME, "2026-08-20", 999000, "other_income");
  ASSERT_OK (canting_entry_set_voided (f->db, voided, TRUE, &error));
  add_entry (f, CANTING_ENTRY_TRANSFER, "2026-08-21", 300000, NULL);
  add_entry (f, CANTING_ENTRY_EXPENSE, "2026-08-22", 50000, "utilities");

  plants = canting_ipal_plant_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  plant = ((CantingIpalPlant *) plants->pdata[0])->id;
  ipal_entry (f, plant, "2026-07-10T07:00", Q (7.5));
  ipal_entry (f, plant, "2026-08-10T07:00", Q (9.5));
  ipal_entry (f, plant, "2026-08-11T07:00", CANTING_IPAL_NO_VALUE);
  ipal_entry (f, plant, "2026-10-01T07:00", Q (7));
  test->plant_id = plant;
  g_free (test->sampled_at);
  test->sampled_at = g_strdup ("2026-09-05T09:00");
  test->results[CANTING_IPAL_BOD] = Q (30);
  ASSERT_OK (canting_lab_test_save (f->db, test, &error));

  mori = add_material (f, "Mori prima Jagad", CANTING_UNIT_METRE, Q (10));
  malam = add_material (f, "Malam tawon Jagad", CANTING_UNIT_KG, Q (2));
  dye = add_material (f, "Naphtol AS Jagad", CANTING_UNIT_GRAM, 0);
  old = add_material (f, "Mori biru lama Jagad", CANTING_UNIT_METRE, Q (5));
  soda = add_material (f, "Soda abu Jagad", CANTING_UNIT_KG, Q (1));
  move (f, mori, CANTING_MOVEMENT_PURCHASE, Q (50), "2025-06-01");
  move (f, mori, CANTING_MOVEMENT_USAGE, Q (-20), "2025-08-01");
  move (f, mori, CANTING_MOVEMENT_USAGE, Q (-25), "2026-08-01");
  move (f, mori, CANTING_MOVEMENT_PURCHASE, Q (100), "2026-10-05");
  move (f, malam, CANTING_MOVEMENT_PURCHASE, Q (10), "2026-07-01");
  move (f, malam, CANTING_MOVEMENT_USAGE, Q (-3), "2026-07-15");
  move (f, dye, CANTING_MOVEMENT_PURCHASE, Q (500), "2026-07-01");
  move (f, dye, CANTING_MOVEMENT_USAGE, Q (-100), "2026-07-20");
  move (f, old, CANTING_MOVEMENT_PURCHASE, Q (3), "2026-07-01");
  move (f, old, CANTING_MOVEMENT_USAGE, Q (-1), "2026-07-20");
  g_assert_true (canting_material_set_archived (f->db, old, TRUE, &error));
  move (f, soda, CANTING_MOVEMENT_PURCHASE, Q (5), "2026-07-01");
  g_assert_no_error (error);
}

static CantingOutcome *
compute (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CantingOutcome *o = canting_outcome_compute (f->db, PERIOD_FROM, PERIOD_TO, BASELINE_FROM, BASELINE_TO, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CantingOutcome) o = NULL;
  double percent = 0;

  fill_fixture (f);
  o = compute (f);

  g_assert_cmpstr (o->workshop_name, ==, "Batik Sekar Jagad");
  g_assert_cmpstr (o->workshop_city, ==, "Blitar");
  g_assert_true (g_uuid_string_is_valid (o->workshop_id));
  g_assert_cmpstr (o->period.from, ==, PERIOD_FROM);
  g_assert_cmpstr (o->baseline.to, ==, BASELINE_TO);

  g_assert_cmpint (o->period.income, ==, 2000000);
  g_assert_cmpint (o->period.orders, ==, 4);
  g_assert_cmpint (o->period.customers, ==, 4);
  g_assert_cmpint (o->period.cities, ==, 2);
  g_assert_cmpuint (o->period.channels, ==, (1u << CANTING_SALES_DIRECT) | (1u << CANTING_SALES_WHATSAPP) |
                                            (1u << CANTING_SALES_ONLINE_SHOP) | (1u << CANTING_SALES_EPEKEN));
  g_assert_cmpuint (canting_outcome_channel_count (o->period.channels), ==, 4);
  g_assert_cmpint (o->period.sales, ==, 4000000);
  g_assert_cmpint (o->period.online_sales, ==, 2500000);
  g_assert_true (canting_outcome_share (o->period.online_sales, o->period.sales, &percent));
  g_assert_cmpfloat (percent, ==, 62.5);
  g_assert_cmpint (o->period.ipal_measurements, ==, 3);
  g_assert_cmpint (o->period.ipal_compliant, ==, 2);
  g_assert_true (canting_outcome_share (o->period.ipal_compliant, o->period.ipal_measurements, &percent));
  g_assert_cmpfloat (percent, ==, 66.7);
  g_assert_cmpint (o->period.lab_tests, ==, 1);
  g_assert_cmpint (o->period.materials_in_use, ==, 2);
  g_assert_cmpint (o->period.materials_sufficient, ==, 1);

  g_assert_cmpint (o->baseline.income, ==, 800000);
  g_assert_cmpint (o->baseline.orders, ==, 1);
  g_assert_cmpint (o->baseline.customers, ==, 1);
  g_assert_cmpint (o->baseline.cities, ==, 1);
  g_assert_cmpuint (o->baseline.channels, ==, 1u << CANTING_SALES_DIRECT);
  g_assert_cmpint (o->baseline.online_sales, ==, 0);
  g_assert_cmpint (o->baseline.ipal_measurements, ==, 0);
  g_assert_false (canting_outcome_share (o->baseline.ipal_compliant, o->baseline.ipal_measurements, &percent));
  g_assert_cmpint (o->baseline.lab_tests, ==, 0);
  g_assert_cmpint (o->baseline.materials_in_use, ==, 1);
  g_assert_cmpint (o->baseline.materials_sufficient, ==, 1);

  g_assert_true (canting_outcome_growth (o->baseline.income, o->period.income, &percent));
  g_assert_cmpfloat (percent, ==, 150.0);
}

/* Growth from nothing is not computable: never a division by zero or an
 * infinity, and null in the file. */
static void
test_growth (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CantingOutcome) o = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(CantingOutcome) back = NULL;
  g_autoptr(GError) error = NULL;
  double percent = 12345;
  g_autofree char *text = NULL;

  g_assert_false (canting_outcome_growth (0, 500000, &percent));
  g_assert_false (canting_outcome_growth (0, 0, &percent));
  g_assert_cmpfloat (percent, ==, 12345);
  g_assert_true (canting_outcome_growth (800000, 2000000, &percent));
  g_assert_cmpfloat (percent, ==, 150.0);
  g_assert_true (canting_outcome_growth (300, 400, &percent));
  g_assert_cmpfloat (percent, ==, 33.3);
  g_assert_true (canting_outcome_growth (300, 200, &percent));
  g_assert_cmpfloat (percent, ==, -33.3);
  g_assert_true (canting_outcome_growth (500000, 0, &percent));
  g_assert_cmpfloat (percent, ==, -100.0);
  g_assert_true (canting_outcome_growth (3, 3, &percent));
  g_assert_cmpfloat (percent, ==, 0.0);
  /* A loss of 0,04 % shows as no change, never as "-0,0 %". */
  g_assert_true (canting_outcome_growth (10000, 9996, &percent));
  g_assert_false (signbit (percent));
  text = canting_outcome_format_percent (&percent);
  g_assert_cmpstr (text, ==, "0,0 %");
  g_clear_pointer (&text, g_free);
  g_assert_false (canting_outcome_share (0, 0, &percent));
  g_assert_true (canting_outcome_share (1, 3, &percent));
  g_assert_cmpfloat (percent, ==, 33.3);
  text = canting_outcome_format_percent (&percent);
  g_assert_cmpstr (text, ==, "33,3 %");
  g_clear_pointer (&text, g_free);
  text = canting_outcome_format_percent (NULL);
  g_assert_cmpstr (text, ==, "—");

  /* A workshop whose records begin in the period: income now, none in the
   * baseline. */
  add_entry (f, CANTING_ENTRY_INCOME, "2026-08-15", 250000, "sales");
  o = compute (f);
  g_assert_cmpint (o->baseline.income, ==, 0);
  g_assert_cmpint (o->period.income, ==, 250000);
  json = canting_outcome_to_json (o);
  g_assert_nonnull (strstr (g_bytes_get_data (json, NULL), "\"income_growth_percent\": null\n"));
  g_assert_null (strstr (g_bytes_get_data (json, NULL), "inf"));
  back = canting_outcome_from_json (g_bytes_get_data (json, NULL), g_bytes_get_size (json), &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_false (canting_outcome_growth (back->baseline.income, back->period.income, &percent));
}

/* --- the documented schema ------------------------------------------------ */

typedef struct {
  char *path;   /* "period.income" */
  char *type;   /* "integer", "string", "number or null", "array of strings", "object" */
} DocField;

static void
doc_field_free (DocField *d)
{
  g_free (d->path);
  g_free (d->type);
  g_free (d);
}

/* The table of docs/outcome-format.md: "| `field` | type | unit | ... |". */
static GPtrArray *
documented_fields (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CANTING_DOCS"), "outcome-format.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_field_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      DocField *d;

      if (!g_str_has_prefix (lines[i], "| `"))
        continue;
      cells = g_strsplit (lines[i], "|", -1);
      g_assert_cmpuint (g_strv_length (cells), >=, 5);
      d = g_new0 (DocField, 1);
      d->path = g_strdup (g_strstrip (cells[1]));
      g_assert_true (d->path[0] == '`' && d->path[strlen (d->path) - 1] == '`');
      memmove (d->path, d->path + 1, strlen (d->path) - 2);
      d->path[strlen (d->path) - 2] = '\0';
      d->type = g_strdup (g_strstrip (cells[2]));
      g_ptr_array_add (fields, d);
    }
  return fields;
}

static JsonNode *
node_at (JsonNode   *root,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = root;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), parts[i]);
    }
  return node;
}

static void
assert_type (JsonNode   *node,
             const char *path,
             const char *type)
{
  if (node == NULL)
    g_error ("%s is documented but missing", path);
  if (g_str_equal (type, "object"))
    g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  else if (g_str_equal (type, "string"))
    g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
  else if (g_str_equal (type, "integer"))
    g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64);
  else if (g_str_equal (type, "number or null"))
    g_assert_true (JSON_NODE_HOLDS_NULL (node) ||
                   (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE));
  else if (g_str_equal (type, "array of strings"))
    {
      JsonArray *array;

      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_assert_cmpint (json_node_get_value_type (json_array_get_element (array, i)), ==, G_TYPE_STRING);
    }
  else
    g_error ("%s: unknown documented type “%s”", path, type);
}

/* Every member of @node (an object), recursively, is documented. */
static void
assert_documented (JsonNode   *node,
                   const char *prefix,
                   GHashTable *documented)
{
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *path = prefix != NULL ? g_strconcat (prefix, ".", l->data, NULL) : g_strdup (l->data);
      /* baseline.* is documented once, as period.* */
      g_autofree char *as_documented = g_str_has_prefix (path, "baseline.")
                                       ? g_strconcat ("period.", path + strlen ("baseline."), NULL)
                                       : g_strdup (g_str_equal (path, "baseline") ? "period" : path);
      JsonNode *member = json_object_get_member (object, l->data);

      if (!g_hash_table_contains (documented, as_documented))
        g_error ("%s is in the file but not documented", path);
      if (JSON_NODE_HOLDS_OBJECT (member))
        assert_documented (member, path, documented);
    }
}

/* Every field docs/outcome-format.md documents is in the file with its
 * type, and every field of the file is documented; both with figures
 * and with the nulls of an empty workshop. */
static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) fields = documented_fields ();
  g_autoptr(GHashTable) documented = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (fields->len, >=, 25);
  for (guint i = 0; i < fields->len; i++)
    g_hash_table_add (documented, ((DocField *) fields->pdata[i])->path);

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(CantingOutcome) o = NULL;
      g_autoptr(GBytes) json = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;

      if (round == 1)
        fill_fixture (f);
      o = compute (f);
      json = canting_outcome_to_json (o);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json), &error));
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_assert_cmpstr (json_node_get_string (node_at (root, "format")), ==, "canting-outcome");
      g_assert_cmpint (json_node_get_int (node_at (root, "version")), ==, 1);

      for (guint i = 0; i < fields->len; i++)
        {
          const DocField *d = fields->pdata[i];

          assert_type (node_at (root, d->path), d->path, d->type);
          if (g_str_has_prefix (d->path, "period"))
            {
              g_autofree char *baseline = g_strconcat ("baseline", d->path + strlen ("period"), NULL);
              assert_type (node_at (root, baseline), baseline, d->type);
            }
        }
      assert_documented (root, NULL, documented);

      if (round == 0)
        {
          /* Nothing recorded: every share and the growth are null. */
          g_assert_true (JSON_NODE_HOLDS_NULL (node_at (root, "income_growth_percent")));
          g_assert_true (JSON_NODE_HOLDS_NULL (node_at (root, "period.online_share_percent")));
          g_assert_true (JSON_NODE_HOLDS_NULL (node_at (root, "period.ipal_compliance_percent")));
          g_assert_true (JSON_NODE_HOLDS_NULL (node_at (root, "period.material_sufficiency_percent")));
          g_assert_cmpuint (json_array_get_length (json_node_get_array (node_at (root, "period.active_channels"))), ==, 0);
        }
      else
        {
          JsonArray *channels = json_node_get_array (node_at (root, "period.active_channels"));

          g_assert_cmpfloat (json_node_get_double (node_at (root, "income_growth_percent")), ==, 150.0);
          g_assert_cmpfloat (json_node_get_double (node_at (root, "period.online_share_percent")), ==, 62.5);
          g_assert_cmpfloat (json_node_get_double (node_at (root, "period.ipal_compliance_percent")), ==, 66.7);
          g_assert_cmpfloat (json_node_get_double (node_at (root, "period.material_sufficiency_percent")), ==, 50.0);
          g_assert_cmpfloat (json_node_get_double (node_at (root, "baseline.online_share_percent")), ==, 0.0);
          g_assert_true (JSON_NODE_HOLDS_NULL (node_at (root, "baseline.ipal_compliance_percent")));
          g_assert_cmpint (json_node_get_int (node_at (root, "period.income")), ==, 2000000);
          g_assert_cmpint (json_node_get_int (node_at (root, "period.cities")), ==, 2);
          g_assert_cmpuint (json_array_get_length (channels), ==, 4);
          g_assert_cmpstr (json_array_get_string_element (channels, 0), ==, "direct");
          g_assert_cmpstr (json_array_get_string_element (channels, 1), ==, "whatsapp");
          g_assert_cmpstr (json_array_get_string_element (channels, 2), ==, "online_shop");
          g_assert_cmpstr (json_array_get_string_element (channels, 3), ==, "epeken");
          g_assert_cmpstr (json_node_get_string (node_at (root, "workshop.name")), ==, "Batik Sekar Jagad");
        }
    }
}

/* The export carries no customer's name, phone or address, not even a
 * piece of one. */
static void
test_no_personal_data (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CantingOutcome) o = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  fill_fixture (f);
  o = compute (f);
  path = g_build_filename (f->dir, "hasil.json", NULL);
  ASSERT_OK (canting_outcome_save_json (o, path, &error));
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpuint (strlen (bytes), ==, length);
  for (gsize i = 0; i < G_N_ELEMENTS (people); i++)
    {
      const char *details[] = { people[i].name, people[i].phone, people[i].address };
      g_autoptr(GString) digits = g_string_new (NULL);

      for (gsize d = 0; d < G_N_ELEMENTS (details); d++)
        {
          g_auto(GStrv) words = g_strsplit_set (details[d], " -.", -1);

          if (strstr (bytes, details[d]) != NULL)
            g_error ("“%s” is in the export", details[d]);
          /* Each distinctive word on its own too (not the ones the
           * workshop's own name shares, nor digit groups a sum or the
           * random id may hold by chance). */
          for (guint w = 0; words[w] != NULL; w++)
            if (strlen (words[w]) >= 4 && g_ascii_isalpha (words[w][0]) &&
                !g_str_equal (words[w], "Batik") && !g_str_equal (words[w], "Sekar") &&
                strstr (bytes, words[w]) != NULL)
              g_error ("“%s” (of %s) is in the export", words[w], details[d]);
        }
      /* The phone number however written. */
      for (const char *p = people[i].phone; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      g_assert_null (strstr (bytes, digits->str));
      g_assert_null (strstr (bytes, digits->str + 1));
    }
  /* Customers' cities are counted, never named. */
  g_assert_null (strstr (bytes, "Malang"));
  g_assert_null (strstr (bytes, "malang"));
  g_assert_null (strstr (bytes, "Surabaya"));
  /* The workshop itself is named. */
  g_assert_nonnull (strstr (bytes, "\"name\": \"Batik Sekar Jagad\""));
}

/* Written whole and private; the id stays the same across exports and
 * reopening, and is the workshop's own. */
static void
test_file_and_id (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CantingOutcome) first = compute (f);
  g_autoptr(CantingOutcome) second = NULL;
  g_autoptr(CantingOutcome) other = NULL;
  g_autofree char *path = g_build_filename (f->dir, "hasil.json", NULL);
  g_autofree char *id_path = g_build_filename (f->dir, "workshop-id", NULL);
  g_autofree char *other_dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;
  guint files = 0;

  ASSERT_OK (canting_outcome_save_json (first, path, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* Saved again over itself, still whole and private, nothing left beside. */
  g_assert_true (canting_outcome_save_json (first, path, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_suffix (name, ".new"));
      files += g_str_has_prefix (name, "hasil");
    }
  g_assert_cmpuint (files, ==, 1);
  g_assert_cmpint (g_stat (id_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_object (&f->db);
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  second = compute (f);
  g_assert_cmpstr (second->workshop_id, ==, first->workshop_id);

  /* Another workshop, another id. */
  {
    g_autoptr(CantingDb) db = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
    g_assert_no_error (error);
    other = canting_outcome_compute (db, PERIOD_FROM, PERIOD_TO, BASELINE_FROM, BASELINE_TO, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (other->workshop_id, !=, first->workshop_id);
  }
  canting_test_rmdir (other_dir);

  /* A damaged id file gets a new id rather than stopping every export. */
  g_assert_true (g_file_set_contents (id_path, "rusak", -1, NULL));
  g_clear_pointer (&second, canting_outcome_free);
  second = compute (f);
  g_assert_true (g_uuid_string_is_valid (second->workshop_id));
  g_assert_cmpstr (second->workshop_id, !=, first->workshop_id);
}

/* Dates are checked and the error names the one at fault. */
static void
test_bad_dates (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char *from, *to, *baseline_from, *baseline_to;
    CantingOutcomeField field;
    const char *message;
  } cases[] = {
    { "2026-13-01", PERIOD_TO, BASELINE_FROM, BASELINE_TO, CANTING_OUTCOME_FIELD_FROM,
      "The start of the period, “2026-13-01”, is not a date" },
    { PERIOD_FROM, "30/09/2026", BASELINE_FROM, BASELINE_TO, CANTING_OUTCOME_FIELD_TO, "The end of the period" },
    { PERIOD_FROM, PERIOD_TO, "", BASELINE_TO, CANTING_OUTCOME_FIELD_BASELINE_FROM, "The start of the baseline period" },
    { PERIOD_FROM, PERIOD_TO, BASELINE_FROM, "2025-02-30", CANTING_OUTCOME_FIELD_BASELINE_TO, "The end of the baseline period" },
    { PERIOD_TO, PERIOD_FROM, BASELINE_FROM, BASELINE_TO, CANTING_OUTCOME_FIELD_TO,
      "The period ends (2026-07-01) before it starts" },
    { PERIOD_FROM, PERIOD_TO, BASELINE_TO, BASELINE_FROM, CANTING_OUTCOME_FIELD_BASELINE_TO, "The baseline period ends" },
    { PERIOD_FROM, PERIOD_TO, "2026-06-01", "2026-07-01", CANTING_OUTCOME_FIELD_BASELINE_TO,
      "The baseline period must end before the period starts" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CantingOutcome) o = canting_outcome_compute (f->db, cases[i].from, cases[i].to, cases[i].baseline_from,
                                                             cases[i].baseline_to, &error);

      g_assert_null (o);
      g_assert_error (error, CANTING_OUTCOME_ERROR, (int) cases[i].field);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": “%s” does not say “%s”", i, error->message, cases[i].message);
    }
}

/* What is written reads back the same; a file that is damaged, of another
 * format or version, missing a field, of the wrong type or with figures
 * that disagree is refused, saying which field. */
static void
test_read_back (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CantingOutcome) o = NULL;
  g_autoptr(CantingOutcome) back = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  static const struct {
    const char *from, *to;   /* replaced once */
    int code;
    const char *message;
  } tampered[] = {
    { "\"format\": \"canting-outcome\"", "\"format\": \"canting-laporan\"", CANTING_ERROR_INVALID,
      "not a Canting outcome file" },
    { "\"version\": 1", "\"version\": 2", CANTING_ERROR_TOO_NEW, "version 2 of the outcome format" },
    { "\"version\": 1", "\"version\": \"1\"", CANTING_ERROR_INVALID, "“version” should be a whole number" },
    { "\"income\": 2000000", "\"pemasukan\": 2000000", CANTING_ERROR_INVALID, "“period.income” is missing" },
    { "\"income\": 2000000", "\"income\": \"2000000\"", CANTING_ERROR_INVALID, "“period.income” should be a whole number" },
    { "\"income\": 2000000", "\"income\": 2000000.5", CANTING_ERROR_INVALID, "“period.income” should be a whole number" },
    { "\"income\": 2000000", "\"income\": -5", CANTING_ERROR_INVALID, "“period.income” is out of range" },
    { "\"income\": 2000000", "\"income\": 9000000", CANTING_ERROR_INVALID, "“income_growth_percent” does not agree" },
    { "\"online_share_percent\": 62.5", "\"online_share_percent\": 90.0", CANTING_ERROR_INVALID,
      "“period.online_share_percent” does not agree" },
    { "\"online_share_percent\": 62.5", "\"online_share_percent\": null", CANTING_ERROR_INVALID,
      "“period.online_share_percent” does not agree" },
    { "\"online_share_percent\": 62.5", "\"online_share_percent\": \"62,5\"", CANTING_ERROR_INVALID,
      "“period.online_share_percent” should be a number or null" },
    { "\"active_channel_count\": 4", "\"active_channel_count\": 5", CANTING_ERROR_INVALID,
      "“period.active_channel_count” does not agree" },
    { "\"whatsapp\"", "\"telepati\"", CANTING_ERROR_INVALID, "“period.active_channels” should be a list of sales channels" },
    { "\"from\": \"2026-07-01\"", "\"from\": \"01/07/2026\"", CANTING_ERROR_INVALID,
      "“period.from” should be a date written YYYY-MM-DD" },
    { "\"to\": \"2025-09-30\"", "\"to\": \"2026-08-30\"", CANTING_ERROR_INVALID, "“baseline.to” does not agree" },
    { "\"ipal_compliant\": 2", "\"ipal_compliant\": 4", CANTING_ERROR_INVALID, "“period.ipal_compliant” does not agree" },
    { "\"city\": \"Blitar\"", "\"city\": 7", CANTING_ERROR_INVALID, "“workshop.city” should be text" },
    { "\"id\": \"", "\"id\": \"x", CANTING_ERROR_INVALID, "“workshop.id” should be a workshop id" },
    { "\"baseline\": {", "\"baseline\": [], \"x\": {", CANTING_ERROR_INVALID, "“baseline” should be an object" },
  };

  fill_fixture (f);
  o = compute (f);
  json = canting_outcome_to_json (o);
  text = g_bytes_get_data (json, NULL);
  back = canting_outcome_from_json (text, g_bytes_get_size (json), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->workshop_id, ==, o->workshop_id);
  g_assert_cmpstr (back->workshop_name, ==, o->workshop_name);
  g_assert_cmpstr (back->generated_at, ==, o->generated_at);
  g_assert_cmpstr (back->baseline.from, ==, BASELINE_FROM);
  g_assert_cmpint (back->period.income, ==, o->period.income);
  g_assert_cmpint (back->period.online_sales, ==, o->period.online_sales);
  g_assert_cmpuint (back->period.channels, ==, o->period.channels);
  g_assert_cmpint (back->period.materials_sufficient, ==, o->period.materials_sufficient);
  g_assert_cmpint (back->baseline.income, ==, o->baseline.income);

  /* Cut short, and not JSON at all. */
  g_assert_null (canting_outcome_from_json (text, g_bytes_get_size (json) / 2, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not readable JSON"));
  g_clear_error (&error);
  g_assert_null (canting_outcome_from_json ("%PDF-1.5 bukan json", 19, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (canting_outcome_from_json ("[1, 2, 3]", 9, &error));
  g_assert_nonnull (strstr (error->message, "not a Canting outcome file"));
  g_clear_error (&error);

  for (gsize i = 0; i < G_N_ELEMENTS (tampered); i++)
    {
      g_autoptr(GString) edited = g_string_new (text);
      g_autoptr(CantingOutcome) bad = NULL;

      g_assert_cmpuint (g_string_replace (edited, tampered[i].from, tampered[i].to, 1), ==, 1);
      bad = canting_outcome_from_json (edited->str, edited->len, &error);
      g_assert_null (bad);
      g_assert_error (error, CANTING_ERROR, tampered[i].code);
      if (strstr (error->message, tampered[i].message) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": “%s” does not say “%s”", i, error->message, tampered[i].message);
      g_clear_error (&error);
    }
}

/* --- merging ------------------------------------------------------------- */

typedef struct {
  const char *file, *id, *name;
  CantingMoney baseline_income, income;
  gint64 orders, customers, cities;
  guint channels;
  CantingMoney sales, online;
  gint64 measured, compliant, lab_tests, in_use, sufficient;
} Workshop;

#define CH(c) (1u << CANTING_SALES_##c)

/* Four workshops, figured by hand for the totals and medians below. */
static const Workshop workshops[] = {
  { "w1.json", "6f1c2a3b-0000-4000-8000-000000000001", "Batik Tulis Kenanga", 1000000, 1050000, 10, 8, 3,
    CH (DIRECT) | CH (WHATSAPP), 2000000, 0, 10, 9, 2, 4, 3 },
  { "w2.json", "6f1c2a3b-0000-4000-8000-000000000002", "Batik Cap Mawar", 2000000, 3000000, 20, 15, 6,
    CH (DIRECT) | CH (EPEKEN) | CH (MARKETPLACE), 4000000, 1000000, 0, 0, 0, 2, 2 },
  { "w3.json", "6f1c2a3b-0000-4000-8000-000000000003", "Batik Anyar", 0, 500000, 4, 4, 1,
    CH (WHATSAPP), 500000, 0, 4, 2, 1, 0, 0 },
  { "w4.json", "6f1c2a3b-0000-4000-8000-000000000004", "Batik Lereng", 1000000, 800000, 6, 5, 2,
    CH (DIRECT) | CH (ONLINE_SHOP), 1000000, 500000, 5, 5, 1, 1, 0 },
};

static CantingOutcome *
synthetic (const Workshop *w,
           const char     *from,
           const char     *to,
           const char     *baseline_from,
           const char     *baseline_to)
{
  CantingOutcome *o = g_new0 (CantingOutcome, 1);

  o->workshop_id = g_strdup (w->id);
  o->workshop_name = g_strdup (w->name);
  o->workshop_city = g_strdup ("Blitar");
  o->generated_at = g_strdup ("2026-10-05T02:14:09Z");
  o->generator = g_strdup ("Canting test");
  o->period.from = g_strdup (from);
  o->period.to = g_strdup (to);
  o->period.income = w->income;
  o->period.orders = w->orders;
  o->period.customers = w->customers;
  o->period.cities = w->cities;
  o->period.channels = w->channels;
  o->period.sales = w->sales;
  o->period.online_sales = w->online;
  o->period.ipal_measurements = w->measured;
  o->period.ipal_compliant = w->compliant;
  o->period.lab_tests = w->lab_tests;
  o->period.materials_in_use = w->in_use;
  o->period.materials_sufficient = w->sufficient;
  o->baseline.from = g_strdup (baseline_from);
  o->baseline.to = g_strdup (baseline_to);
  o->baseline.income = w->baseline_income;
  return o;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static char *
write_outcome (const char     *dir,
               const char     *name,
               const Workshop *w,
               const char     *from,
               const char     *to)
{
  g_autoptr(CantingOutcome) o = synthetic (w, from, to, BASELINE_FROM, BASELINE_TO);
  g_autoptr(GBytes) json = canting_outcome_to_json (o);

  return write_file (dir, name, g_bytes_get_data (json, NULL), (gssize) g_bytes_get_size (json));
}

static const char *
skip_reason (const CantingOutcomeMerge *m,
             const char                *file_name)
{
  for (guint i = 0; i < m->skipped->len; i++)
    {
      const CantingOutcomeSkip *s = m->skipped->pdata[i];
      g_autofree char *base = g_path_get_basename (s->file);

      if (g_str_equal (base, file_name))
        return s->reason;
    }
  return NULL;
}

static void
assert_skipped (const CantingOutcomeMerge *m,
                const char                *file_name,
                const char                *because)
{
  const char *reason = skip_reason (m, file_name);

  if (reason == NULL)
    g_error ("%s was not skipped", file_name);
  if (strstr (reason, because) == NULL)
    g_error ("%s: “%s” does not say “%s”", file_name, reason, because);
}

/* Good files are counted; damaged, foreign, edited, duplicate and
 * other-period files are skipped by name with their reason; the totals,
 * medians and growth bands are those figured by hand. */
static void
test_merge (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CantingOutcomeMerge) m = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *good_text = NULL;
  gsize good_length = 0;
  double value = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (workshops); i++)
    g_ptr_array_add (paths, write_outcome (dir, workshops[i].file, &workshops[i], PERIOD_FROM, PERIOD_TO));
  g_assert_true (g_file_get_contents (paths->pdata[1], &good_text, &good_length, NULL));

  /* Cut short in the middle, and not JSON at all. */
  g_ptr_array_add (paths, write_file (dir, "terpotong.json", good_text, (gssize) good_length / 2));
  g_ptr_array_add (paths, write_file (dir, "foto.json", "\x89PNG\r\n\x1a\n bukan json", -1));
  /* Another version, a missing and a mistyped field, edited figures. */
  {
    const struct { const char *name, *from, *to; } edits[] = {
      { "versi2.json", "\"version\": 1", "\"version\": 2" },
      { "tanpa-pemasukan.json", "\"income\": 3000000,", "" },
      { "pesanan-teks.json", "\"orders\": 20", "\"orders\": \"20\"" },
      { "diubah.json", "\"income\": 3000000", "\"income\": 9000000" },
    };

    for (gsize e = 0; e < G_N_ELEMENTS (edits); e++)
      {
        g_autoptr(GString) text = g_string_new (good_text);
        g_autofree char *id = g_strdup_printf ("6f1c2a3b-0000-4000-8000-00000000010%" G_GSIZE_FORMAT, e);

        /* Each its own workshop, so only the edit can be the reason. */
        g_string_replace (text, workshops[1].id, id, 1);
        g_assert_cmpuint (g_string_replace (text, edits[e].from, edits[e].to, 1), ==, 1);
        g_ptr_array_add (paths, write_file (dir, edits[e].name, text->str, (gssize) text->len));
      }
  }
  /* The first workshop again, and a workshop's file for other dates. */
  g_ptr_array_add (paths, write_outcome (dir, "w1-lagi.json", &workshops[0], PERIOD_FROM, PERIOD_TO));
  {
    Workshop other = workshops[0];

    other.id = "6f1c2a3b-0000-4000-8000-000000000099";
    g_ptr_array_add (paths, write_outcome (dir, "tahun-lalu.json", &other, "2025-10-01", "2025-12-31"));
  }
  g_ptr_array_add (paths, g_build_filename (dir, "tidak-ada.json", NULL));

  m = canting_outcome_merge ((const char * const *) paths->pdata, paths->len);
  g_assert_cmpuint (m->outcomes->len, ==, 4);
  g_assert_cmpuint (m->skipped->len, ==, 9);
  for (guint i = 0; i < m->outcomes->len; i++)
    g_assert_cmpstr (((CantingOutcome *) m->outcomes->pdata[i])->workshop_id, ==, workshops[i].id);
  assert_skipped (m, "terpotong.json", "not readable JSON");
  assert_skipped (m, "foto.json", "not readable JSON");
  assert_skipped (m, "versi2.json", "version 2 of the outcome format");
  assert_skipped (m, "tanpa-pemasukan.json", "“period.income” is missing");
  assert_skipped (m, "pesanan-teks.json", "“period.orders” should be a whole number");
  assert_skipped (m, "diubah.json", "“income_growth_percent” does not agree");
  assert_skipped (m, "w1-lagi.json", "same workshop");
  assert_skipped (m, "w1-lagi.json", "w1.json");
  assert_skipped (m, "tahun-lalu.json", "It covers 2025-10-01 – 2025-12-31 against 2025-07-01 – 2025-09-30");
  assert_skipped (m, "tidak-ada.json", "cannot be read");

  /* Totals: sums, and the shares and growth of the sums. */
  g_assert_cmpstr (m->total.from, ==, PERIOD_FROM);
  g_assert_cmpstr (m->total_baseline.to, ==, BASELINE_TO);
  g_assert_cmpint (m->total_baseline.income, ==, 4000000);
  g_assert_cmpint (m->total.income, ==, 5350000);
  g_assert_true (canting_outcome_merge_growth (m, &value));
  g_assert_cmpfloat (value, ==, 33.8);
  g_assert_true (canting_outcome_merge_total (m, CANTING_OUTCOME_ORDERS, &value));
  g_assert_cmpfloat (value, ==, 40);
  g_assert_true (canting_outcome_merge_total (m, CANTING_OUTCOME_CUSTOMERS, &value));
  g_assert_cmpfloat (value, ==, 32);
  g_assert_false (canting_outcome_merge_total (m, CANTING_OUTCOME_CITIES, &value));
  g_assert_false (canting_outcome_merge_total (m, CANTING_OUTCOME_CHANNELS, &value));
  g_assert_true (canting_outcome_merge_total (m, CANTING_OUTCOME_ONLINE_SHARE, &value));
  g_assert_cmpfloat (value, ==, 20.0);
  g_assert_true (canting_outcome_merge_total (m, CANTING_OUTCOME_IPAL_COMPLIANCE, &value));
  g_assert_cmpfloat (value, ==, 84.2);
  g_assert_true (canting_outcome_merge_total (m, CANTING_OUTCOME_LAB_TESTS, &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_true (canting_outcome_merge_total (m, CANTING_OUTCOME_MATERIAL_SUFFICIENCY, &value));
  g_assert_cmpfloat (value, ==, 71.4);

  /* Medians, leaving out the nulls; an even count takes the mean of the
   * two middle values. */
  g_assert_cmpfloat (m->median_baseline_income, ==, 1000000);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_INCOME], ==, 925000);
  g_assert_true (m->median_growth_known);
  g_assert_cmpfloat (m->median_growth, ==, 5.0);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_ORDERS], ==, 8);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_CUSTOMERS], ==, 6.5);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_CITIES], ==, 2.5);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_CHANNELS], ==, 2);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_ONLINE_SHARE], ==, 12.5);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_IPAL_COMPLIANCE], ==, 90.0);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_LAB_TESTS], ==, 1);
  g_assert_cmpfloat (m->median[CANTING_OUTCOME_MATERIAL_SUFFICIENCY], ==, 75.0);
  for (guint f = 0; f < CANTING_OUTCOME_FIGURE_COUNT; f++)
    g_assert_true (m->median_known[f]);

  /* -20 %, 5 %, 50 % (the lower bound of its band) and not computable. */
  g_assert_cmpuint (m->bands[CANTING_GROWTH_DECLINE], ==, 1);
  g_assert_cmpuint (m->bands[CANTING_GROWTH_0_10], ==, 1);
  g_assert_cmpuint (m->bands[CANTING_GROWTH_10_25], ==, 0);
  g_assert_cmpuint (m->bands[CANTING_GROWTH_25_50], ==, 0);
  g_assert_cmpuint (m->bands[CANTING_GROWTH_50_UP], ==, 1);
  g_assert_cmpuint (m->bands[CANTING_GROWTH_NOT_COMPUTABLE], ==, 1);
  g_assert_cmpuint (m->channel_workshops[CANTING_SALES_DIRECT], ==, 3);
  g_assert_cmpuint (m->channel_workshops[CANTING_SALES_WHATSAPP], ==, 2);
  g_assert_cmpuint (m->channel_workshops[CANTING_SALES_EXHIBITION], ==, 0);
  g_assert_cmpuint (m->channel_workshops[CANTING_SALES_EPEKEN], ==, 1);

  csv = canting_outcome_merge_csv (m, ';');
  {
    const char *text = g_bytes_get_data (csv, NULL);
    static const char * const lines[] = {
      "\xef\xbb\xbf" "bengkel;kota_bengkel;id;pemasukan_pembanding;pemasukan;pertumbuhan_pemasukan_persen;pesanan;"
      "pelanggan;kota;saluran;penjualan_online_persen;kepatuhan_ipal_persen;uji_lab;kecukupan_bahan_persen;berkas\r\n",
      "\r\nBatik Tulis Kenanga;Blitar;6f1c2a3b-0000-4000-8000-000000000001;1000000;1050000;5,0;10;8;3;2;0,0;90,0;2;75,0;w1.json\r\n",
      "\r\nBatik Cap Mawar;Blitar;6f1c2a3b-0000-4000-8000-000000000002;2000000;3000000;50,0;20;15;6;3;25,0;;0;100,0;w2.json\r\n",
      "\r\nBatik Anyar;Blitar;6f1c2a3b-0000-4000-8000-000000000003;0;500000;;4;4;1;1;0,0;50,0;1;;w3.json\r\n",
      /* A decline is a number, not a formula to guard. */
      "\r\nBatik Lereng;Blitar;6f1c2a3b-0000-4000-8000-000000000004;1000000;800000;-20,0;6;5;2;2;50,0;100,0;1;0,0;w4.json\r\n",
      "\r\nJUMLAH;;;4000000;5350000;33,8;40;32;;;20,0;84,2;4;71,4;\r\n",
      "\r\nMEDIAN;;;1000000;925000;5,0;8;6,5;2,5;2;12,5;90,0;1;75,0;\r\n",
      "\r\nturun;1\r\n0-10;1\r\n10-25;0\r\n25-50;0\r\n50+;1\r\ntidak-dapat-dihitung;1\r\n",
      "\r\ndirect;3\r\nwhatsapp;2\r\nexhibition;0\r\nonline_shop;1\r\nepeken;1\r\nmarketplace;1\r\n",
      "\r\nperiode;2026-07-01;2026-09-30\r\npembanding;2025-07-01;2025-09-30\r\nberkas_dihitung;4\r\nberkas_dilewati;9\r\n",
    };

    g_assert_true (g_str_has_prefix (text, lines[0]));
    for (gsize i = 1; i < G_N_ELEMENTS (lines); i++)
      if (strstr (text, lines[i]) == NULL)
        g_error ("the CSV lacks %s:\n%s", lines[i], text);
  }
  canting_test_rmdir (dir);
}

/* The dates most files share decide; a tie keeps the first.  Nothing
 * counted leaves an empty report, nothing invented. */
static void
test_merge_dates_and_none (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *a = write_outcome (dir, "a.json", &workshops[0], "2026-10-01", "2026-12-31");
  g_autofree char *b = write_outcome (dir, "b.json", &workshops[1], PERIOD_FROM, PERIOD_TO);
  g_autofree char *c = write_outcome (dir, "c.json", &workshops[2], PERIOD_FROM, PERIOD_TO);
  g_autofree char *bad = write_file (dir, "rusak.json", "{\"format\": \"canting-outcome\", \"version\": 1", -1);
  const char *tie[] = { a, b };
  const char *most[] = { a, b, c };
  const char *none[] = { bad };
  g_autoptr(CantingOutcomeMerge) m = canting_outcome_merge (tie, G_N_ELEMENTS (tie));
  double value = 0;

  g_assert_cmpuint (m->outcomes->len, ==, 1);
  g_assert_cmpstr (m->total.from, ==, "2026-10-01");
  assert_skipped (m, "b.json", "It covers 2026-07-01");
  g_clear_pointer (&m, canting_outcome_merge_free);

  m = canting_outcome_merge (most, G_N_ELEMENTS (most));
  g_assert_cmpuint (m->outcomes->len, ==, 2);
  g_assert_cmpstr (m->total.from, ==, PERIOD_FROM);
  assert_skipped (m, "a.json", "the report is about 2026-07-01 – 2026-09-30 against 2025-07-01 – 2025-09-30");
  g_clear_pointer (&m, canting_outcome_merge_free);

  m = canting_outcome_merge (none, G_N_ELEMENTS (none));
  g_assert_cmpuint (m->outcomes->len, ==, 0);
  g_assert_cmpuint (m->skipped->len, ==, 1);
  g_assert_null (m->total.from);
  g_assert_false (canting_outcome_merge_growth (m, &value));
  g_assert_false (canting_outcome_merge_total (m, CANTING_OUTCOME_ORDERS, &value));
  g_assert_false (m->median_growth_known);
  g_assert_false (m->median_known[CANTING_OUTCOME_INCOME]);
  g_clear_pointer (&m, canting_outcome_merge_free);

  m = canting_outcome_merge (NULL, 0);
  g_assert_cmpuint (m->outcomes->len + m->skipped->len, ==, 0);
  canting_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CANTING_DOCS"));

  g_test_add ("/outcome/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add ("/outcome/growth", Fixture, NULL, fixture_set_up, test_growth, fixture_tear_down);
  g_test_add ("/outcome/schema", Fixture, NULL, fixture_set_up, test_schema, fixture_tear_down);
  g_test_add ("/outcome/no-personal-data", Fixture, NULL, fixture_set_up, test_no_personal_data, fixture_tear_down);
  g_test_add ("/outcome/file-and-id", Fixture, NULL, fixture_set_up, test_file_and_id, fixture_tear_down);
  g_test_add ("/outcome/bad-dates", Fixture, NULL, fixture_set_up, test_bad_dates, fixture_tear_down);
  g_test_add ("/outcome/read-back", Fixture, NULL, fixture_set_up, test_read_back, fixture_tear_down);
  g_test_add_func ("/outcome/merge", test_merge);
  g_test_add_func ("/outcome/merge-dates-and-none", test_merge_dates_and_none);
  return g_test_run ();
}
