/* test-listings.c: channels, listings and the outbox: what a publish, an
 * unpublish or a local change leaves to send, exactly once, and what
 * each answer of a shop does to the listing. */
#include "canting-channel.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-listing.h"
#include "canting-outbox.h"
#include "canting-product.h"
#include "canting-test-util.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 shop;      /* a WooCommerce channel */
  gint64 product;   /* "Batik Tulis Parang Rusak", Rp 350.000, 7 pieces */
} Fixture;

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return canting_test_query_int (canting_db_get_handle (f->db), sql);
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (canting_db_get_handle (f->db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static gint64
add_product (Fixture      *f,
             const char   *sku,
             const char   *name,
             CantingMoney  price,
             gint64        stock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProduct) p = canting_product_new ();

  g_free (p->sku);
  p->sku = g_strdup (sku);
  g_free (p->name);
  p->name = g_strdup (name);
  g_free (p->motif);
  p->motif = g_strdup ("Parang");
  p->technique = CANTING_TECHNIQUE_TULIS;
  p->price = price;
  p->unit_cost = 120000;
  g_free (p->description);
  p->description = g_strdup ("Kain katun primissima, pewarna alam");
  g_assert_true (canting_product_save_with_stock (f->db, p, 0, stock, &error));
  g_assert_no_error (error);
  return p->id;
}

static gint64
add_channel (Fixture             *f,
             const char          *name,
             CantingChannelKind   kind,
             const char          *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingChannel) c = canting_channel_new ();

  g_free (c->name);
  c->name = g_strdup (name);
  c->kind = kind;
  g_free (c->base_url);
  c->base_url = g_strdup (url);
  if (kind == CANTING_CHANNEL_WOOCOMMERCE)
    {
      c->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
      g_free (c->auth_user);
      c->auth_user = g_strdup ("pembatik");
    }
  g_assert_true (canting_channel_save (f->db, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  f->shop = add_channel (f, "Toko Batik Blitar", CANTING_CHANNEL_WOOCOMMERCE, "https://toko-batik.id/");
  f->product = add_product (f, "BTK-PR-001", "Batik Tulis Parang Rusak", 350000, 7);
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
outbox_rows (Fixture *f)
{
  return query_int (f, "SELECT count(*) FROM outbox");
}

static CantingListingState
listing_state (Fixture *f,
               gint64   product)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingListing) l = canting_listing_load (f->db, product, f->shop, &error);

  g_assert_no_error (error);
  return l->state;
}

static void
publish (Fixture *f,
         gint64   product)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_listing_queue_publish (f->db, f->shop, &product, 1, &error));
  g_assert_no_error (error);
}

/* The due operations of the shop, now. */
static GPtrArray *
take (Fixture *f,
      guint    max)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ops = canting_outbox_take_due (f->db, f->shop, NULL, max, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ops);
  return ops;
}

static CantingOutboxOp *
take_one (Fixture *f)
{
  g_autoptr(GPtrArray) ops = take (f, 100);

  g_assert_cmpuint (ops->len, ==, 1);
  return g_ptr_array_steal_index (ops, 0);
}

static void
record (Fixture             *f,
        gint64               op_id,
        CantingOutcomeKind   kind,
        gint64               remote_id,
        const char          *permalink,
        gint64               delay,
        const char          *message)
{
  g_autoptr(GError) error = NULL;
  CantingOutboxOutcome o = { op_id, kind, remote_id, (char *) permalink, delay, (char *) message };

  g_assert_true (canting_outbox_record (f->db, &o, 1, NULL, &error));
  g_assert_no_error (error);
}

/* Publishes the product and has the shop accept it as product 13. */
static void
put_online (Fixture *f,
            gint64   product,
            gint64   remote_id)
{
  g_autoptr(CantingOutboxOp) op = NULL;

  publish (f, product);
  op = take_one (f);
  g_assert_cmpint (op->kind, ==, CANTING_OUTBOX_CREATE);
  record (f, op->id, CANTING_OUTCOME_SENT, remote_id, "https://toko-batik.id/product/parang/", 0, NULL);
  g_assert_cmpint (listing_state (f, product), ==, CANTING_LISTING_ONLINE);
  g_assert_cmpint (outbox_rows (f), ==, 0);
}

static JsonObject *
payload_object (const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, payload, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* --- channels ------------------------------------------------------------- */

static void
test_channel_urls (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *typed;
    const char *stored;   /* NULL: refused */
  } cases[] = {
    { "https://toko-batik.id/", "https://toko-batik.id" },
    { "HTTPS://Toko-Batik.ID/wp/", "https://toko-batik.id/wp" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "http://localhost:8080/", "http://localhost:8080" },
    { "http://example.com", NULL },
    { "http://127.0.0.1.example.com", NULL },
    { "https://pembatik:rahasia@toko-batik.id", NULL },
    { "ftp://toko-batik.id", NULL },
    { "toko-batik.id", NULL },
    { "https://toko-batik.id/?page=1", NULL },
    { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = canting_channel_normalize_url (cases[i].typed, &error);

      g_test_message ("%s", cases[i].typed);
      g_assert_cmpstr (url, ==, cases[i].stored);
      if (cases[i].stored == NULL)
        g_assert_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL);
      else
        g_assert_no_error (error);
    }

  /* The reason is said in words: plain http sends the password in the
   * open, and where http is allowed. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *url = canting_channel_normalize_url ("http://example.com", &error);

    g_assert_null (url);
    g_assert_nonnull (strstr (error->message, "https://"));
    g_assert_nonnull (strstr (error->message, "127.0.0.1"));
    g_assert_nonnull (strstr (error->message, "password"));
  }

  /* Saving goes through the same check, and the schema refuses what
   * slips past it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CantingChannel) c = canting_channel_new ();

    g_free (c->name);
    c->name = g_strdup ("Toko lain");
    g_free (c->base_url);
    c->base_url = g_strdup ("http://example.com");
    c->auth = CANTING_CHANNEL_AUTH_CONSUMER_KEY;
    g_assert_false (canting_channel_save (f->db, c, &error));
    g_assert_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL);
    g_assert_cmpint (c->id, ==, 0);
  }
  g_assert_cmpint (sqlite3_exec (canting_db_get_handle (f->db),
                                 "INSERT INTO channels (name, kind, base_url, auth) "
                                 "VALUES ('x', 'woocommerce', 'http://example.com', 'consumer_key')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM channels"), ==, 1);

  /* e-Peken has no address at all. */
  add_channel (f, "e-Peken Surabaya", CANTING_CHANNEL_EPEKEN, "");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM channels"), ==, 2);
}

static void
test_channel_no_secrets (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const secrets[] = {
    "cs_0123456789abcdef0123456789abcdef01234567",
    "ck_0123456789abcdef0123456789abcdef01234567",
    "abcd EFGH 1234 ijkl MNOP 5678",   /* a WordPress application password */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingChannel) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autoptr(GError) refused = NULL;
      g_autoptr(CantingChannel) c = canting_channel_load (f->db, f->shop, &error);

      g_assert_no_error (error);
      g_free (c->auth_user);
      c->auth_user = g_strdup (secrets[i]);
      g_assert_false (canting_channel_save (f->db, c, &refused));
      g_assert_error (refused, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_USER);
      g_assert_nonnull (strstr (refused->message, "keyring"));
      /* The message names the mistake, never repeats the secret. */
      g_assert_null (strstr (refused->message, secrets[i]));
    }
  loaded = canting_channel_load (f->db, f->shop, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->auth_user, ==, "pembatik");
  g_assert_cmpstr (loaded->base_url, ==, "https://toko-batik.id");
  /* A keyring item's name, random per channel, not a secret. */
  g_assert_true (g_uuid_string_is_valid (loaded->secret_ref));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM channels WHERE auth_user LIKE 'cs\\_%' ESCAPE '\\'"), ==, 0);

  /* A label of the consumer key, as WooCommerce lists it, is fine. */
  g_free (loaded->auth_user);
  loaded->auth_user = g_strdup ("…a1b2c3d");
  loaded->auth = CANTING_CHANNEL_AUTH_CONSUMER_KEY;
  g_assert_true (canting_channel_save (f->db, loaded, &error));
  g_assert_no_error (error);

  {
    /* canting-cli publish --channel finds it whatever the capitals. */
    g_autoptr(CantingChannel) found = canting_channel_find (f->db, "toko batik blitar", &error);
    g_assert_no_error (error);
    g_assert_cmpint (found->id, ==, f->shop);
  }
  all = canting_channel_list (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_null (canting_channel_find (f->db, "Tokopedia", &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
}

/* --- publishing ----------------------------------------------------------- */

static void
test_publish_queues_create (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CantingOutboxOp) op = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(CantingListing) listing = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_OFFLINE);
  publish (f, f->product);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_QUEUED);
  g_assert_cmpint (outbox_rows (f), ==, 1);
  /* Asking twice is still one operation. */
  publish (f, f->product);
  g_assert_cmpint (outbox_rows (f), ==, 1);

  listing = canting_listing_load (f->db, f->product, f->shop, &error);
  g_assert_no_error (error);
  g_assert_cmpint (listing->waiting_kind, ==, CANTING_OUTBOX_CREATE);

  op = take_one (f);
  g_assert_cmpint (op->kind, ==, CANTING_OUTBOX_CREATE);
  g_assert_cmpint (op->product_id, ==, f->product);
  g_assert_cmpstr (op->sku, ==, "BTK-PR-001");
  g_assert_cmpuint (op->attempts, ==, 1);
  g_assert_false (op->lookup_first);
  g_assert_cmpint (op->remote_id, ==, 0);
  payload = payload_object (op->payload);
  g_assert_cmpstr (json_object_get_string_member (payload, "name"), ==, "Batik Tulis Parang Rusak");
  g_assert_cmpint (json_object_get_int_member (payload, "price"), ==, 350000);
  g_assert_cmpint (json_object_get_int_member (payload, "stock"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (payload, "technique"), ==, "tulis");
  /* The cost of a piece is the workshop's own business. */
  g_assert_false (json_object_has_member (payload, "unit_cost"));
  g_assert_null (strstr (op->payload, "120000"));

  /* Out already: not handed out twice. */
  {
    g_autoptr(GPtrArray) again = take (f, 100);
    g_assert_cmpuint (again->len, ==, 0);
  }

  record (f, op->id, CANTING_OUTCOME_SENT, 13, "https://toko-batik.id/product/batik-tulis-parang-rusak/", 0, NULL);
  g_clear_pointer (&listing, canting_listing_free);
  listing = canting_listing_load (f->db, f->product, f->shop, &error);
  g_assert_cmpint (listing->state, ==, CANTING_LISTING_ONLINE);
  g_assert_cmpint (listing->remote_id, ==, 13);
  g_assert_cmpstr (listing->permalink, ==, "https://toko-batik.id/product/batik-tulis-parang-rusak/");
  g_assert_nonnull (listing->last_attempt_at);
  g_assert_cmpint (listing->waiting_kind, ==, -1);
  {
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, op->payload, -1);
    g_assert_cmpstr (listing->sent_hash, ==, hash);
  }
  g_assert_cmpint (outbox_rows (f), ==, 0);
}

static void
test_publish_refusals (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 unpriced = add_product (f, "BTK-KW-002", "Kawung tanpa harga", 0, 1);
  gint64 both[] = { f->product, unpriced };
  gint64 epeken = add_channel (f, "e-Peken Surabaya", CANTING_CHANNEL_EPEKEN, "");

  /* All or nothing, and the message names the product. */
  g_assert_false (canting_listing_queue_publish (f->db, f->shop, both, 2, &error));
  g_assert_error (error, CANTING_LISTING_ERROR, CANTING_LISTING_FIELD_PRODUCT);
  g_assert_nonnull (strstr (error->message, "Kawung tanpa harga"));
  g_clear_error (&error);
  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM listings"), ==, 0);

  g_assert_false (canting_listing_queue_publish (f->db, epeken, &f->product, 1, &error));
  g_assert_error (error, CANTING_LISTING_ERROR, CANTING_LISTING_FIELD_CHANNEL);
  g_clear_error (&error);

  exec (f, "UPDATE products SET archived = 1 WHERE sku = 'BTK-PR-001'");
  g_assert_false (canting_listing_queue_publish (f->db, f->shop, &f->product, 1, &error));
  g_assert_error (error, CANTING_LISTING_ERROR, CANTING_LISTING_FIELD_PRODUCT);
  g_assert_cmpint (outbox_rows (f), ==, 0);
}

/* --- local changes -------------------------------------------------------- */

static void
test_change_queues_update_once (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProduct) p = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *text = NULL;

  put_online (f, f->product, 13);

  /* Name and price in one save: one update. */
  p = canting_product_load (f->db, f->product, &error);
  g_assert_no_error (error);
  g_free (p->name);
  p->name = g_strdup ("Batik Tulis Parang Rusak Barong");
  p->price = 375000;
  g_assert_true (canting_product_save (f->db, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outbox_rows (f), ==, 1);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_CHANGED);
  kind = query_text (f, "SELECT kind FROM outbox");
  g_assert_cmpstr (kind, ==, "update");

  /* A second change before sending rewrites it: still one, with both. */
  g_assert_true (canting_product_adjust_stock (f->db, f->product, -2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outbox_rows (f), ==, 1);
  text = query_text (f, "SELECT payload FROM outbox");
  payload = payload_object (text);
  g_assert_cmpint (json_object_get_int_member (payload, "price"), ==, 375000);
  g_assert_cmpint (json_object_get_int_member (payload, "stock"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (payload, "name"), ==, "Batik Tulis Parang Rusak Barong");
  g_clear_pointer (&kind, g_free);
  kind = query_text (f, "SELECT kind FROM outbox");
  g_assert_cmpstr (kind, ==, "update");

  /* The cost is not on the shop: changing it sends nothing. */
  p->unit_cost = 150000;
  g_assert_true (canting_product_save (f->db, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outbox_rows (f), ==, 1);
  g_clear_pointer (&text, g_free);
  text = query_text (f, "SELECT payload FROM outbox");
  g_assert_null (strstr (text, "150000"));
}

static void
test_stock_change_queues_stock (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) op = NULL;
  g_autofree char *kind = NULL;

  put_online (f, f->product, 13);
  g_assert_true (canting_product_adjust_stock (f->db, f->product, -1, &error));
  g_assert_no_error (error);
  kind = query_text (f, "SELECT kind FROM outbox");
  g_assert_cmpstr (kind, ==, "stock");
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_CHANGED);

  /* Any writer: a price typed straight into the table still reaches the
   * shop, and turns the waiting stock update into a full one. */
  exec (f, "UPDATE products SET price = 360000 WHERE sku = 'BTK-PR-001'");
  g_assert_cmpint (outbox_rows (f), ==, 1);
  g_clear_pointer (&kind, g_free);
  kind = query_text (f, "SELECT kind FROM outbox");
  g_assert_cmpstr (kind, ==, "update");

  op = take_one (f);
  g_assert_cmpint (op->kind, ==, CANTING_OUTBOX_UPDATE);
  g_assert_cmpint (op->remote_id, ==, 13);
  record (f, op->id, CANTING_OUTCOME_SENT, 13, NULL, 0, NULL);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_ONLINE);
  {
    /* The link is kept when an update's reply has none. */
    g_autoptr(CantingListing) l = canting_listing_load (f->db, f->product, f->shop, &error);
    g_assert_cmpstr (l->permalink, ==, "https://toko-batik.id/product/parang/");
  }
}

static void
test_rolled_back_change_queues_nothing (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProduct) p = NULL;

  put_online (f, f->product, 13);
  p = canting_product_load (f->db, f->product, &error);
  g_assert_no_error (error);
  p->price = 400000;
  /* The form showed 3 pieces but there are 7: the whole save, price
   * included, is refused after the product row was written. */
  g_assert_false (canting_product_save_with_stock (f->db, p, 3, 4, &error));
  g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_STOCK);
  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_ONLINE);
  g_assert_cmpint (query_int (f, "SELECT price FROM products WHERE sku = 'BTK-PR-001'"), ==, 350000);
}

static void
test_offline_product_change_queues_nothing (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) op = NULL;

  g_assert_true (canting_product_adjust_stock (f->db, f->product, 1, &error));
  exec (f, "UPDATE products SET name = 'Parang Baru' WHERE sku = 'BTK-PR-001'");
  g_assert_cmpint (outbox_rows (f), ==, 0);

  /* Refused for good: it waits for the person, not for the next stock
   * move. */
  publish (f, f->product);
  op = take_one (f);
  record (f, op->id, CANTING_OUTCOME_FAILED, 0, NULL, 0, "The shop refused the price.");
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_FAILED);
  g_assert_cmpint (outbox_rows (f), ==, 0);
  g_assert_true (canting_product_adjust_stock (f->db, f->product, -1, &error));
  g_assert_cmpint (outbox_rows (f), ==, 0);
  {
    g_autoptr(CantingListing) l = canting_listing_load (f->db, f->product, f->shop, &error);
    g_assert_cmpstr (l->last_result, ==, "The shop refused the price.");
  }
}

static void
test_change_while_sending (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) create = NULL;
  g_autoptr(CantingOutboxOp) next = NULL;

  publish (f, f->product);
  create = take_one (f);
  /* A delivery lowers the stock while the create is on its way. */
  g_assert_true (canting_product_adjust_stock (f->db, f->product, -3, &error));
  g_assert_cmpint (outbox_rows (f), ==, 2);
  {
    /* It waits behind the one being sent. */
    g_autoptr(GPtrArray) none = take (f, 100);
    g_assert_cmpuint (none->len, ==, 0);
  }
  record (f, create->id, CANTING_OUTCOME_SENT, 13, "https://toko-batik.id/product/parang/", 0, NULL);
  /* The shop has an older stock: not "online" yet. */
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_CHANGED);
  next = take_one (f);
  /* Never a second create once the id is known. */
  g_assert_cmpint (next->kind, ==, CANTING_OUTBOX_UPDATE);
  g_assert_cmpint (next->remote_id, ==, 13);
  g_assert_nonnull (strstr (next->payload, "\"stock\":4"));
  record (f, next->id, CANTING_OUTCOME_SENT, 13, NULL, 0, NULL);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_ONLINE);
}

/* --- interrupted operations ----------------------------------------------- */

static void
test_interrupted_create_looks_up_first (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) first = NULL;
  g_autoptr(CantingOutboxOp) again = NULL;
  g_autoptr(CantingOutboxOp) update = NULL;
  g_autofree char *state = NULL;
  guint recovered = 0;

  publish (f, f->product);
  first = take_one (f);
  /* The app is killed here: nobody knows whether the shop made it. */
  g_clear_object (&f->db);
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  g_assert_true (canting_outbox_recover_interrupted (f->db, &recovered, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (recovered, ==, 1);
  state = query_text (f, "SELECT state FROM outbox");
  g_assert_cmpstr (state, ==, "unknown");

  again = take_one (f);
  g_assert_cmpint (again->id, ==, first->id);
  g_assert_cmpint (again->kind, ==, CANTING_OUTBOX_CREATE);
  g_assert_true (again->lookup_first);
  g_assert_cmpuint (again->attempts, ==, 2);

  /* The lookup failed on the network: the lookup is still owed. */
  record (f, again->id, CANTING_OUTCOME_RETRY, 0, NULL, 0, "No connection.");
  g_clear_pointer (&again, canting_outbox_op_free);
  again = take_one (f);
  g_assert_true (again->lookup_first);

  /* The lookup found it: adopted, and the current details follow. */
  record (f, again->id, CANTING_OUTCOME_ADOPT, 13, NULL, 0, NULL);
  g_assert_cmpint (query_int (f, "SELECT remote_id FROM listings"), ==, 13);
  update = take_one (f);
  g_assert_cmpint (update->kind, ==, CANTING_OUTBOX_UPDATE);
  g_assert_cmpint (update->remote_id, ==, 13);
  g_assert_false (update->lookup_first);
  record (f, update->id, CANTING_OUTCOME_SENT, 13, "https://toko-batik.id/product/parang/", 0, NULL);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_ONLINE);
}

static void
test_lease_runs_out (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, CANTING_OUTBOX_LEASE_SECONDS - 10);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, CANTING_OUTBOX_LEASE_SECONDS + 1);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) during = NULL;
  g_autoptr(GPtrArray) after = NULL;

  publish (f, f->product);
  first = canting_outbox_take_due (f->db, f->shop, now, 100, &error);
  g_assert_cmpuint (first->len, ==, 1);
  /* Another sender (canting-cli beside the app) leaves it alone while
   * the first may still be talking to the shop... */
  during = canting_outbox_take_due (f->db, f->shop, soon, 100, &error);
  g_assert_cmpuint (during->len, ==, 0);
  /* ...and after the lease takes it over, as interrupted. */
  after = canting_outbox_take_due (f->db, f->shop, later, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_true (((CantingOutboxOp *) after->pdata[0])->lookup_first);
}

static void
test_retry_waits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) op = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 61);
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(CantingListing) l = NULL;

  publish (f, f->product);
  op = take_one (f);
  record (f, op->id, CANTING_OUTCOME_RETRY, 0, NULL, 60, "The shop is busy; trying again in a minute.");
  early = take (f, 100);
  g_assert_cmpuint (early->len, ==, 0);
  l = canting_listing_load (f->db, f->product, f->shop, &error);
  g_assert_cmpint (l->state, ==, CANTING_LISTING_QUEUED);
  g_assert_cmpstr (l->last_result, ==, "The shop is busy; trying again in a minute.");
  g_assert_cmpuint (l->waiting_attempts, ==, 1);
  g_assert_nonnull (l->next_attempt_at);

  due = canting_outbox_take_due (f->db, f->shop, later, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpuint (((CantingOutboxOp *) due->pdata[0])->attempts, ==, 2);
  /* A plain retry of a create owes no lookup. */
  g_assert_false (((CantingOutboxOp *) due->pdata[0])->lookup_first);

  /* A person asking again does not wait for the backoff. */
  record (f, ((CantingOutboxOp *) due->pdata[0])->id, CANTING_OUTCOME_RETRY, 0, NULL, 3600, NULL);
  publish (f, f->product);
  g_assert_cmpint (outbox_rows (f), ==, 1);
  {
    g_autoptr(GPtrArray) now_due = take (f, 100);
    g_assert_cmpuint (now_due->len, ==, 1);
  }
}

static void
test_gone_recreates_after_lookup (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) update = NULL;
  g_autoptr(CantingOutboxOp) create = NULL;

  put_online (f, f->product, 13);
  exec (f, "UPDATE products SET price = 360000");
  update = take_one (f);
  g_assert_cmpint (update->kind, ==, CANTING_OUTBOX_UPDATE);
  /* 404 woocommerce_rest_product_invalid_id: deleted on the shop. */
  record (f, update->id, CANTING_OUTCOME_GONE, 0, NULL, 0, NULL);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM listings WHERE remote_id IS NULL AND permalink = ''"), ==, 1);
  create = take_one (f);
  g_assert_cmpint (create->kind, ==, CANTING_OUTBOX_CREATE);
  g_assert_true (create->lookup_first);
  g_assert_nonnull (strstr (create->payload, "360000"));
}

static void
test_unpublish (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) op = NULL;
  g_autoptr(CantingOutboxOp) back = NULL;
  gint64 other = add_product (f, "BTK-KW-002", "Kawung", 250000, 1);

  put_online (f, f->product, 13);
  g_assert_true (canting_listing_queue_unpublish (f->db, f->shop, &f->product, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_QUEUED);
  /* Off sale: local changes no longer go to the shop. */
  g_assert_true (canting_product_adjust_stock (f->db, f->product, -1, &error));
  g_assert_cmpint (outbox_rows (f), ==, 1);
  op = take_one (f);
  g_assert_cmpint (op->kind, ==, CANTING_OUTBOX_UNPUBLISH);
  g_assert_cmpint (op->remote_id, ==, 13);
  record (f, op->id, CANTING_OUTCOME_SENT, 0, NULL, 0, NULL);
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_OFFLINE);

  /* Back on sale: the same remote product, updated, never a second. */
  publish (f, f->product);
  back = take_one (f);
  g_assert_cmpint (back->kind, ==, CANTING_OUTBOX_UPDATE);
  g_assert_cmpint (back->remote_id, ==, 13);

  /* A publish that has not left yet is simply dropped. */
  publish (f, other);
  g_assert_true (canting_listing_queue_unpublish (f->db, f->shop, &other, 1, &error));
  g_assert_cmpint (listing_state (f, other), ==, CANTING_LISTING_OFFLINE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE product_id = (SELECT id FROM products WHERE sku = 'BTK-KW-002')"),
                   ==, 0);
}

/* --- batches, photos, categories ------------------------------------------ */

static void
test_take_batches_of_100 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  guint queued = 0;

  for (int i = 0; i < 149; i++)
    {
      g_autofree char *sku = g_strdup_printf ("BTK-%03d", i);
      add_product (f, sku, sku, 100000 + i, 1);
    }
  g_assert_true (canting_listing_queue_publish_all (f->db, f->shop, &queued, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queued, ==, 150);
  /* More than a shop takes at once is clamped to its limit. */
  first = take (f, 1000);
  g_assert_cmpuint (first->len, ==, CANTING_OUTBOX_BATCH_MAX);
  second = take (f, 1000);
  g_assert_cmpuint (second->len, ==, 50);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE state = 'sending'"), ==, 150);
}

static void
add_photo (Fixture    *f,
           gint64      product,
           const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = canting_test_image_header ("png", 640, 480, tag);

  g_assert_true (canting_product_photo_add (f->db, product, image, image, &error));
  g_assert_no_error (error);
}

static void
test_photos_go_first (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(CantingOutboxOp) create = NULL;
  g_autoptr(CantingOutboxOp) photo = NULL;
  g_autoptr(CantingOutboxOp) update = NULL;

  add_photo (f, f->product, "depan");
  add_photo (f, f->product, "belakang");
  publish (f, f->product);
  g_assert_cmpint (outbox_rows (f), ==, 3);

  images = take (f, 100);
  g_assert_cmpuint (images->len, ==, 2);
  for (guint i = 0; i < images->len; i++)
    {
      CantingOutboxOp *op = images->pdata[i];
      g_assert_cmpint (op->kind, ==, CANTING_OUTBOX_IMAGE);
      g_assert_true (g_file_test (op->photo_path, G_FILE_TEST_IS_REGULAR));
    }
  /* The product waits for its photos. */
  {
    g_autoptr(GPtrArray) none = take (f, 100);
    g_assert_cmpuint (none->len, ==, 0);
  }
  record (f, ((CantingOutboxOp *) images->pdata[0])->id, CANTING_OUTCOME_SENT, 21, NULL, 0, NULL);
  record (f, ((CantingOutboxOp *) images->pdata[1])->id, CANTING_OUTCOME_SENT, 22, NULL, 0, NULL);
  create = take_one (f);
  g_assert_cmpint (create->kind, ==, CANTING_OUTBOX_CREATE);
  g_assert_cmpuint (create->media_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (create->media_ids, gint64, 0), ==, 21);
  g_assert_cmpint (g_array_index (create->media_ids, gint64, 1), ==, 22);
  record (f, create->id, CANTING_OUTCOME_SENT, 13, NULL, 0, NULL);

  /* A new photo of a product online: uploaded, then the update. */
  add_photo (f, f->product, "detail");
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_CHANGED);
  photo = take_one (f);
  g_assert_cmpint (photo->kind, ==, CANTING_OUTBOX_IMAGE);
  record (f, photo->id, CANTING_OUTCOME_SENT, 23, NULL, 0, NULL);
  update = take_one (f);
  g_assert_cmpint (update->kind, ==, CANTING_OUTBOX_UPDATE);
  g_assert_cmpuint (update->media_ids->len, ==, 3);

  /* The shop lost photo 21: they go up again before the update. */
  record (f, update->id, CANTING_OUTCOME_MEDIA_GONE, 0, NULL, 0, NULL);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM channel_media"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE kind = 'image'"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE kind = 'update'"), ==, 1);
}

static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) op = NULL;
  g_autoptr(GPtrArray) categories = NULL;

  g_assert_true (canting_channel_set_category (f->db, f->shop, CANTING_CATEGORY_BY_TECHNIQUE, "tulis", "Batik Tulis", 16,
                                               &error));
  /* Not made on the shop yet: not sent. */
  g_assert_true (canting_channel_set_category (f->db, f->shop, CANTING_CATEGORY_BY_MOTIF, "parang", "Motif Parang", 0,
                                               &error));
  g_assert_true (canting_channel_set_category (f->db, f->shop, CANTING_CATEGORY_BY_MOTIF, "Kawung", "Motif Kawung", 18,
                                               &error));
  g_assert_no_error (error);
  g_assert_false (canting_channel_set_category (f->db, f->shop, CANTING_CATEGORY_BY_MOTIF, "  ", "X", 0, &error));
  g_assert_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_CATEGORY);
  g_clear_error (&error);

  publish (f, f->product);
  op = take_one (f);
  g_assert_cmpuint (op->category_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (op->category_ids, gint64, 0), ==, 16);

  /* term_exists named its id: adopted for the mapping. */
  g_assert_true (canting_channel_set_category_id (f->db, f->shop, "motif parang", 17, &error));
  categories = canting_channel_categories (f->db, f->shop, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 3);
  g_assert_cmpint (query_int (f, "SELECT remote_id FROM channel_categories WHERE local_value = 'Parang'"), ==, 17);
}

static void
test_publish_changed (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOutboxOp) op = NULL;
  gint64 other = add_product (f, "BTK-KW-002", "Kawung", 250000, 1);
  guint queued = 0;

  put_online (f, f->product, 13);
  put_online (f, other, 14);
  exec (f, "UPDATE products SET price = price + 1000 WHERE sku = 'BTK-PR-001'");
  op = take_one (f);
  record (f, op->id, CANTING_OUTCOME_FAILED, 0, NULL, 0, "Refused.");
  g_assert_cmpint (listing_state (f, f->product), ==, CANTING_LISTING_FAILED);

  g_assert_true (canting_listing_queue_publish_changed (f->db, f->shop, &queued, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (queued, ==, 1);
  g_assert_cmpint (outbox_rows (f), ==, 1);
  g_assert_cmpint (listing_state (f, other), ==, CANTING_LISTING_ONLINE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/listings/channel-urls", test_channel_urls);
  ADD ("/listings/channel-no-secrets", test_channel_no_secrets);
  ADD ("/listings/publish-queues-create", test_publish_queues_create);
  ADD ("/listings/publish-refusals", test_publish_refusals);
  ADD ("/listings/change-queues-update-once", test_change_queues_update_once);
  ADD ("/listings/stock-change-queues-stock", test_stock_change_queues_stock);
  ADD ("/listings/rolled-back-change-queues-nothing", test_rolled_back_change_queues_nothing);
  ADD ("/listings/offline-product-change-queues-nothing", test_offline_product_change_queues_nothing);
  ADD ("/listings/change-while-sending", test_change_while_sending);
  ADD ("/listings/interrupted-create-looks-up-first", test_interrupted_create_looks_up_first);
  ADD ("/listings/lease-runs-out", test_lease_runs_out);
  ADD ("/listings/retry-waits", test_retry_waits);
  ADD ("/listings/gone-recreates-after-lookup", test_gone_recreates_after_lookup);
  ADD ("/listings/unpublish", test_unpublish);
  ADD ("/listings/take-batches-of-100", test_take_batches_of_100);
  ADD ("/listings/photos-go-first", test_photos_go_first);
  ADD ("/listings/categories", test_categories);
  ADD ("/listings/publish-changed", test_publish_changed);
#undef ADD
  return g_test_run ();
}
