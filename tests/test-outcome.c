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
#include "canting-profile.h"
#include "canting-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
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

  o1 = add_order (f, f->customers[0], "2026-07-05", CANTING_CHANNEL_DIRECT, 1000000, CANTING_ORDER_CONFIRMED);
  add_order (f, f->customers[1], "2026-08-10", CANTING_CHANNEL_WHATSAPP, 500000, CANTING_ORDER_CONFIRMED);
  o3 = add_order (f, f->customers[2], "2026-09-01", CANTING_CHANNEL_EPEKEN, 1500000, CANTING_ORDER_CONFIRMED);
  add_order (f, f->customers[3], "2026-09-15", CANTING_CHANNEL_ONLINE_SHOP, 1000000, CANTING_ORDER_CONFIRMED);
  add_order (f, f->customers[0], "2026-09-20", CANTING_CHANNEL_MARKETPLACE, 700000, CANTING_ORDER_DRAFT);
  add_order (f, f->customers[1], "2026-09-21", CANTING_CHANNEL_EXHIBITION, 600000, CANTING_ORDER_CANCELLED);
  add_order (f, f->customers[2], "2026-10-01", CANTING_CHANNEL_MARKETPLACE, 900000, CANTING_ORDER_CONFIRMED);
  o8 = add_order (f, f->customers[0], "2025-08-01", CANTING_CHANNEL_DIRECT, 800000, CANTING_ORDER_CONFIRMED);

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
  g_assert_cmpuint (o->period.channels, ==, (1u << CANTING_CHANNEL_DIRECT) | (1u << CANTING_CHANNEL_WHATSAPP) |
                                            (1u << CANTING_CHANNEL_ONLINE_SHOP) | (1u << CANTING_CHANNEL_EPEKEN));
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
  g_assert_cmpuint (o->baseline.channels, ==, 1u << CANTING_CHANNEL_DIRECT);
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
  return g_test_run ();
}
