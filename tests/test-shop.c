/* test-shop.c: the practice shop, as a publishing client sees it.
 *
 * The shop runs in this process on its own thread and main context; the
 * tests talk to it over HTTP with libsoup, as a client on 127.0.0.1 would.
 * The contract tests replay the requests that produced the recordings of a
 * real WooCommerce 7.9 (tests/data/woocommerce-7.9/) and compare the
 * replies field by field: status, headers that matter, every key and its
 * JSON type, and every value that is not an id, a date or a URL.
 *
 * OAuth requests are signed by a small signer written here for the tests
 * (sign_request), independent of the shop's verifier, which is itself
 * checked against published vectors. */
#include "config.h"

#include <arpa/inet.h>
#include <glib/gstdio.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "canting-db.h"
#include "canting-error.h"
#include "canting-shop.h"
#include "canting-shop-auth.h"
#include "canting-shop-faults.h"
#include "canting-shop-store.h"
#include "canting-test-shop.h"
#include "canting-test-util.h"

#define CONSUMER_KEY CANTING_TEST_SHOP_CONSUMER_KEY
#define CONSUMER_SECRET CANTING_TEST_SHOP_CONSUMER_SECRET
#define USER CANTING_TEST_SHOP_USER
#define APP_PASSWORD CANTING_TEST_SHOP_APP_PASSWORD

/* A 1×1 PNG. */
static const guchar png[] = {
  0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
  0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
  0x42, 0x60, 0x82,
};

/* ---- a shop on its own thread ------------------------------------------- */

typedef CantingTestShop Shop;

static Shop *
shop_start (const char *faults)
{
  g_autofree char *dir = canting_test_mkdtemp ();

  return canting_test_shop_start (dir, faults);
}

static void
shop_stop (Shop *s)
{
  g_autofree char *dir = g_strdup (s->dir);

  canting_test_shop_stop (s);
  canting_test_rmdir (dir);
}

/* ---- requests ------------------------------------------------------------- */

typedef enum {
  AUTH_NONE,
  AUTH_BASIC,           /* the application password */
  AUTH_OAUTH_SHA1,
  AUTH_OAUTH_SHA256,
} Auth;

typedef struct {
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
  JsonNode *json;      /* NULL when the body is not JSON */
  GError *error;       /* the transport failed (a dropped connection) */
} Resp;

static void
resp_free (Resp *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_error (&r->error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resp, resp_free)

/* The test's own OAuth 1.0a signer (RFC 5849 §3.4), one-legged. */
static char *
test_encode (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* @query: "a=1&b=2" already encoded, or "".  Returns the query to send,
 * with the oauth_* parameters and the signature added. */
static char *
sign_request (const char *method,
              const char *url,
              const char *query,
              const char *key,
              const char *secret,
              gboolean    sha256,
              const char *nonce,
              gint64      timestamp)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) params = g_string_new (NULL);
  g_autoptr(GString) signed_query = g_string_new (query);
  g_autofree char *oauth = g_strdup_printf ("oauth_consumer_key=%s&oauth_nonce=%s&oauth_signature_method=%s"
                                            "&oauth_timestamp=%" G_GINT64_FORMAT "&oauth_version=1.0",
                                            key, nonce, sha256 ? "HMAC-SHA256" : "HMAC-SHA1", timestamp);
  g_auto(GStrv) given = g_strsplit (query, "&", -1);
  g_auto(GStrv) extra = g_strsplit (oauth, "&", -1);
  g_autofree char *url_enc = test_encode (url);
  g_autofree char *params_enc = NULL;
  g_autofree char *base = NULL;
  g_autofree char *hmac_key = g_strdup_printf ("%s&", secret);
  g_autofree char *signature = NULL;
  g_autofree char *signature_enc = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GHmac) hmac = g_hmac_new (sha256 ? G_CHECKSUM_SHA256 : G_CHECKSUM_SHA1,
                                      (const guchar *) hmac_key, strlen (hmac_key));

  /* Normalised: each name and value decoded then encoded the RFC way. */
  for (GStrv list = given; list != NULL; list = list == given ? extra : NULL)
    for (guint i = 0; list[i] != NULL; i++)
      {
        char *eq = strchr (list[i], '=');
        g_autofree char *name = NULL;
        g_autofree char *value = NULL;
        g_autofree char *name_enc = NULL;
        g_autofree char *value_enc = NULL;

        if (*list[i] == '\0')
          continue;
        name = g_uri_unescape_segment (list[i], eq != NULL ? eq : NULL, NULL);
        value = g_uri_unescape_string (eq != NULL ? eq + 1 : "", NULL);
        name_enc = test_encode (name);
        value_enc = test_encode (value);
        g_ptr_array_add (pairs, g_strdup_printf ("%s=%s", name_enc, value_enc));
      }
  g_ptr_array_sort (pairs, compare_strings);
  for (guint i = 0; i < pairs->len; i++)
    g_string_append_printf (params, "%s%s", i > 0 ? "&" : "", (char *) g_ptr_array_index (pairs, i));
  params_enc = test_encode (params->str);
  base = g_strdup_printf ("%s&%s&%s", method, url_enc, params_enc);
  g_hmac_update (hmac, (const guchar *) base, -1);
  g_hmac_get_digest (hmac, digest, &len);
  signature = g_base64_encode (digest, len);
  signature_enc = test_encode (signature);
  if (signed_query->len > 0)
    g_string_append_c (signed_query, '&');
  g_string_append_printf (signed_query, "%s&oauth_signature=%s", oauth, signature_enc);
  return g_string_free (g_steal_pointer (&signed_query), FALSE);
}

static Resp *
request_full (Shop          *s,
              const char    *method,
              const char    *path,
              const char    *query,
              Auth           auth,
              const char    *content_type,
              gconstpointer  body,
              gsize          body_len,
              const char    *disposition)
{
  Resp *r = g_new0 (Resp, 1);
  g_autofree char *signed_query = NULL;
  g_autofree char *url = NULL;
  g_autofree char *base = g_strconcat (s->home, path, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  static guint nonce_counter;

  if (auth == AUTH_OAUTH_SHA1 || auth == AUTH_OAUTH_SHA256)
    {
      g_autofree char *nonce = g_strdup_printf ("n%u%u", g_random_int (), ++nonce_counter);
      signed_query = sign_request (method, base, query != NULL ? query : "", CONSUMER_KEY, CONSUMER_SECRET,
                                   auth == AUTH_OAUTH_SHA256, nonce, g_get_real_time () / G_USEC_PER_SEC);
      query = signed_query;
    }
  url = query != NULL && *query != '\0' ? g_strdup_printf ("%s?%s", base, query) : g_strdup (base);
  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  if (auth == AUTH_BASIC)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", USER, APP_PASSWORD);
      g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *header = g_strdup_printf ("Basic %s", b64);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  if (disposition != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Disposition", disposition);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  r->body = soup_session_send_and_read (s->session, msg, NULL, &r->error);
  if (r->body == NULL)
    return r;
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    gsize size;
    const char *data = g_bytes_get_data (r->body, &size);

    if (size > 0 && json_parser_load_from_data (parser, data, (gssize) size, NULL))
      r->json = json_node_ref (json_parser_get_root (parser));
  }
  return r;
}

static Resp *
request (Shop       *s,
         const char *method,
         const char *path,
         const char *query,
         Auth        auth,
         const char *json)
{
  return request_full (s, method, path, query, auth, json != NULL ? "application/json" : NULL,
                       json, json != NULL ? strlen (json) : 0, NULL);
}

static JsonObject *
obj (Resp *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

static JsonArray *
arr (Resp *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (r->json));
  return json_node_get_array (r->json);
}

static void
assert_error (Resp       *r,
              guint       status,
              const char *code)
{
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (r), "data"), "status"), ==, status);
}

static gint64
create_product (Shop       *s,
                const char *json)
{
  g_autoptr(Resp) r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, json);

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 201);
  return json_object_get_int_member (obj (r), "id");
}

static gint64
total_products (Shop *s)
{
  g_autoptr(Resp) r = request (s, "GET", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, NULL);

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 200);
  return g_ascii_strtoll (soup_message_headers_get_one (r->headers, "X-WP-Total"), NULL, 10);
}

/* ---- fixtures ------------------------------------------------------------- */

typedef struct {
  guint status;
  GHashTable *headers;    /* lower-case name → value */
  JsonNode *json;
} Fixture;

static void
fixture_free (Fixture *f)
{
  g_hash_table_unref (f->headers);
  json_node_unref (f->json);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static Fixture *
fixture_load (const char *name)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autofree char *hdr_name = g_strconcat (name, ".hdr", NULL);
  g_autofree char *json_name = g_strconcat (name, ".json", NULL);
  g_autofree char *hdr_path = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "woocommerce-7.9", hdr_name, NULL);
  g_autofree char *json_path = g_build_filename (g_getenv ("CANTING_TEST_DATA"), "woocommerce-7.9", json_name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (hdr_path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpint (sscanf (lines[0], "HTTP/1.1 %u", &f->status), ==, 1);
  f->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *colon = strchr (g_strstrip (lines[i]), ':');
      if (colon == NULL)
        continue;
      *colon = '\0';
      g_hash_table_replace (f->headers, g_ascii_strdown (lines[i], -1), g_strdup (g_strstrip (colon + 1)));
    }
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  f->json = json_node_ref (json_parser_get_root (parser));
  return f;
}

/* Values that differ between any two shops: ids, dates, URLs. */
static gboolean
volatile_key (const char *key)
{
  static const char *keys[] = {
    "id", "resource_id", "permalink", "permalink_template", "src", "href",
    "date_created", "date_created_gmt", "date_modified", "date_modified_gmt", NULL,
  };

  return key != NULL && g_strv_contains (keys, key);
}

static const char *
node_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_INT64:
      return "integer";
    case G_TYPE_DOUBLE:
      return "number";
    case G_TYPE_BOOLEAN:
      return "boolean";
    default:
      return "?";
    }
}

/* Same keys, same types, same values except the volatile ones; @where
 * names the spot in a failure message. */
static void
assert_same (JsonNode   *expected,
             JsonNode   *actual,
             const char *key,
             const char *where)
{
  g_assert_nonnull (actual);
  if (g_strcmp0 (node_kind (expected), node_kind (actual)) != 0)
    g_error ("%s: recorded a %s, the shop sent a %s", where, node_kind (expected), node_kind (actual));
  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *e = json_node_get_object (expected), *a = json_node_get_object (actual);
      g_autoptr(GList) names = json_object_get_members (e);
      g_autoptr(GList) actual_names = json_object_get_members (a);

      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *inner = g_strdup_printf ("%s.%s", where, (char *) l->data);

          if (!json_object_has_member (a, l->data))
            g_error ("%s: missing", inner);
          assert_same (json_object_get_member (e, l->data), json_object_get_member (a, l->data), l->data, inner);
        }
      for (GList *l = actual_names; l != NULL; l = l->next)
        if (!json_object_has_member (e, l->data))
          g_error ("%s.%s: not in the recording", where, (char *) l->data);
    }
  else if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *e = json_node_get_array (expected), *a = json_node_get_array (actual);

      if (json_array_get_length (e) != json_array_get_length (a))
        g_error ("%s: recorded %u elements, the shop sent %u", where,
                 json_array_get_length (e), json_array_get_length (a));
      for (guint i = 0; i < json_array_get_length (e); i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);
          assert_same (json_array_get_element (e, i), json_array_get_element (a, i), NULL, inner);
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (expected) && !volatile_key (key))
    {
      g_autofree char *e = json_to_string (expected, FALSE);
      g_autofree char *a = json_to_string (actual, FALSE);

      if (!g_str_equal (e, a))
        g_error ("%s: recorded %s, the shop sent %s", where, e, a);
    }
}

/* The reply against the recording: status, the headers a client reads,
 * and the body. */
static void
assert_matches_fixture (Resp       *r,
                        const char *name)
{
  g_autoptr(Fixture) f = fixture_load (name);
  static const char *exact[] = { "content-type", "x-wp-total", "x-wp-totalpages", "allow", "expires",
                                 "cache-control", "access-control-expose-headers", NULL };

  g_assert_no_error (r->error);
  if (r->status != f->status)
    g_error ("%s: recorded status %u, the shop sent %u", name, f->status, r->status);
  for (guint i = 0; exact[i] != NULL; i++)
    {
      const char *want = g_hash_table_lookup (f->headers, exact[i]);
      const char *got = soup_message_headers_get_one (r->headers, exact[i]);

      if (g_strcmp0 (want, got) != 0)
        g_error ("%s: header %s: recorded “%s”, the shop sent “%s”", name, exact[i], want, got);
    }
  g_assert_cmpint (g_hash_table_contains (f->headers, "location"), ==,
                   soup_message_headers_get_one (r->headers, "Location") != NULL);
  g_assert_nonnull (strstr (soup_message_headers_get_list (r->headers, "Link"), "rel=\"https://api.w.org/\""));
  assert_same (f->json, r->json, NULL, name);
}

/* ---- contract ------------------------------------------------------------- */

/* The recorded session, replayed in its order. */
static void
test_contract (void)
{
  Shop *s = shop_start (NULL);
  g_autoptr(Resp) media = NULL;
  g_autoptr(Resp) r = NULL;
  g_autofree char *create = NULL;
  g_autofree char *update = NULL;
  g_autofree char *batch = NULL;
  g_autoptr(GString) batch101 = g_string_new ("{\"create\":[");
  gint64 media_id, category_id, product_id;

  media = request_full (s, "POST", "/wp-json/wp/v2/media", NULL, AUTH_BASIC, "image/png", png, sizeof png,
                        "attachment; filename=\"batik.png\"");
  g_assert_cmpuint (media->status, ==, 201);
  media_id = json_object_get_int_member (obj (media), "id");

  r = request (s, "POST", "/wp-json/wc/v3/products/categories", NULL, AUTH_BASIC, "{\"name\":\"Batik Tulis\"}");
  assert_matches_fixture (r, "cat_create");
  category_id = json_object_get_int_member (obj (r), "id");
  g_clear_pointer (&r, resp_free);

  r = request (s, "POST", "/wp-json/wc/v3/products/categories", NULL, AUTH_BASIC, "{\"name\":\"Batik Tulis\"}");
  assert_matches_fixture (r, "cat_dup");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (r), "data"), "resource_id"),
                   ==, category_id);
  g_clear_pointer (&r, resp_free);

  create = g_strdup_printf ("{\"name\":\"Batik Tulis Parang Rusak\",\"type\":\"simple\",\"regular_price\":\"350000\","
                            "\"sku\":\"BTK-PR-001\",\"manage_stock\":true,\"stock_quantity\":7,"
                            "\"description\":\"<p>Kain katun primissima, pewarna alam</p>\","
                            "\"short_description\":\"Batik tulis 2 x 1.15 m\","
                            "\"categories\":[{\"id\":%" G_GINT64_FORMAT "}],"
                            "\"images\":[{\"id\":%" G_GINT64_FORMAT "}]}", category_id, media_id);
  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, create);
  assert_matches_fixture (r, "create");
  product_id = json_object_get_int_member (obj (r), "id");
  /* The image is the uploaded one, served where the media reply said. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (obj (r), "images"), 0), "src"),
                   ==, json_object_get_string_member (obj (media), "source_url"));
  g_clear_pointer (&r, resp_free);

  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=BTK-PR-001", AUTH_BASIC, NULL);
  assert_matches_fixture (r, "by_sku");
  g_clear_pointer (&r, resp_free);

  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, create);
  assert_matches_fixture (r, "dup_sku");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (r), "data"), "resource_id"),
                   ==, product_id);
  g_clear_pointer (&r, resp_free);

  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC,
               "{\"name\":\"Batik Cap Kawung\",\"regular_price\":350000,\"sku\":\"BTK-KW-002\"}");
  assert_matches_fixture (r, "price_number");
  g_clear_pointer (&r, resp_free);

  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC,
               "{\"name\":\"Batik Cap Kawung\",\"regular_price\":\"350000\",\"sku\":\"BTK-KW-002\","
               "\"images\":[{\"src\":\"http://127.0.0.1:9/nope.jpg\"}]}");
  assert_matches_fixture (r, "img_bad");
  g_clear_pointer (&r, resp_free);
  /* Neither failure left a product behind. */
  g_assert_cmpint (total_products (s), ==, 1);

  update = g_strdup_printf ("/wp-json/wc/v3/products/%" G_GINT64_FORMAT, product_id);
  r = request (s, "PUT", update, NULL, AUTH_BASIC, "{\"regular_price\":\"375000\",\"stock_quantity\":5}");
  assert_matches_fixture (r, "update");
  g_clear_pointer (&r, resp_free);

  r = request (s, "PUT", "/wp-json/wc/v3/products/999999", NULL, AUTH_BASIC, "{\"regular_price\":\"1\"}");
  assert_matches_fixture (r, "bad_id");
  g_clear_pointer (&r, resp_free);

  batch = g_strdup_printf ("{\"create\":[{\"name\":\"Ok\",\"sku\":\"BTK-NEW-1\",\"regular_price\":\"5000\"},"
                           "{\"name\":\"Dup\",\"sku\":\"BTK-PR-001\",\"regular_price\":\"5000\"}],"
                           "\"update\":[{\"id\":%" G_GINT64_FORMAT ",\"stock_quantity\":3}],"
                           "\"delete\":[999999]}", product_id);
  r = request (s, "POST", "/wp-json/wc/v3/products/batch", NULL, AUTH_BASIC, batch);
  assert_matches_fixture (r, "batch_mixed");
  g_clear_pointer (&r, resp_free);

  r = request (s, "GET", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, NULL);
  assert_matches_fixture (r, "list");
  g_clear_pointer (&r, resp_free);

  for (guint i = 0; i < 101; i++)
    g_string_append_printf (batch101, "%s{\"name\":\"P%u\",\"regular_price\":\"1000\"}", i > 0 ? "," : "", i);
  g_string_append (batch101, "]}");
  r = request (s, "POST", "/wp-json/wc/v3/products/batch", NULL, AUTH_BASIC, batch101->str);
  assert_matches_fixture (r, "batch_101");
  g_clear_pointer (&r, resp_free);
  g_assert_cmpint (total_products (s), ==, 2);

  /* A wrong consumer key: WooCommerce reads Basic keys only over HTTPS,
   * so the request is nobody's, and so is one without any credentials. */
  {
    g_autoptr(SoupMessage) msg = NULL;
    g_autofree char *url = g_strconcat (s->home, "/wp-json/wc/v3/products", NULL);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *b64 = g_base64_encode ((const guchar *) "ck_wrong:cs_wrong", 17);
    g_autofree char *header = g_strdup_printf ("Basic %s", b64);

    msg = soup_message_new ("GET", url);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    body = soup_session_send_and_read (s->session, msg, NULL, &error);
    g_assert_no_error (error);
    r = g_new0 (Resp, 1);
    r->status = soup_message_get_status (msg);
    r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
    r->json = json_from_string (g_bytes_get_data (body, NULL), &error);
    g_assert_no_error (error);
    assert_matches_fixture (r, "bad_key");
    g_clear_pointer (&r, resp_free);
  }
  r = request (s, "GET", "/wp-json/wc/v3/products", NULL, AUTH_NONE, NULL);
  assert_matches_fixture (r, "bad_key");
  g_clear_pointer (&r, resp_free);
  shop_stop (s);
}

/* ---- the rest of the API -------------------------------------------------- */

static void
test_pagination (void)
{
  Shop *s = shop_start (NULL);
  g_autoptr(GString) batch = g_string_new ("{\"create\":[");
  g_autoptr(Resp) r = NULL;
  const char *link;

  for (guint i = 0; i < 25; i++)
    g_string_append_printf (batch, "%s{\"name\":\"Batik %u\",\"sku\":\"S-%02u\",\"regular_price\":\"%u000\"}",
                            i > 0 ? "," : "", i, i, i + 1);
  g_string_append (batch, "]}");
  r = request (s, "POST", "/wp-json/wc/v3/products/batch", NULL, AUTH_BASIC, batch->str);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "create")), ==, 25);
  g_clear_pointer (&r, resp_free);

  r = request (s, "GET", "/wp-json/wc/v3/products", "per_page=10&page=2&orderby=date", AUTH_BASIC, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 10);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-WP-Total"), ==, "25");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-WP-TotalPages"), ==, "3");
  link = soup_message_headers_get_list (r->headers, "Link");
  g_assert_nonnull (strstr (link, "/wp-json/wc/v3/products?per_page=10&page=1&orderby=date>; rel=\"prev\""));
  g_assert_nonnull (strstr (link, "/wp-json/wc/v3/products?per_page=10&page=3&orderby=date>; rel=\"next\""));
  /* Newest first: page 2 starts with the 11th newest. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (arr (r), 0), "sku"), ==, "S-14");
  g_clear_pointer (&r, resp_free);

  r = request (s, "GET", "/wp-json/wc/v3/products", "per_page=10&page=3", AUTH_BASIC, NULL);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 5);
  link = soup_message_headers_get_list (r->headers, "Link");
  g_assert_nonnull (strstr (link, "rel=\"prev\""));
  g_assert_null (strstr (link, "rel=\"next\""));
  g_clear_pointer (&r, resp_free);

  /* Past the end: an empty page, not an error. */
  r = request (s, "GET", "/wp-json/wc/v3/products", "per_page=10&page=9", AUTH_BASIC, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 0);
  g_clear_pointer (&r, resp_free);

  r = request (s, "GET", "/wp-json/wc/v3/products", "per_page=101", AUTH_BASIC, NULL);
  assert_error (r, 400, "rest_invalid_param");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "message"), ==, "Invalid parameter(s): per_page");
  g_clear_pointer (&r, resp_free);

  /* The SKU lookup is an exact match. */
  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=S-1", AUTH_BASIC, NULL);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-WP-Total"), ==, "0");
  g_clear_pointer (&r, resp_free);
  shop_stop (s);
}

static void
test_unpublish (void)
{
  Shop *s = shop_start (NULL);
  gint64 id = create_product (s, "{\"name\":\"Batik Sogan\",\"sku\":\"SG-1\",\"regular_price\":\"150000\"}");
  g_autofree char *path = g_strdup_printf ("/wp-json/wc/v3/products/%" G_GINT64_FORMAT, id);
  g_autoptr(Resp) r = NULL;

  /* Unpublishing by status: still there, not on show. */
  r = request (s, "PUT", path, NULL, AUTH_BASIC, "{\"status\":\"draft\"}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "draft");
  g_assert_nonnull (strstr (json_object_get_string_member (obj (r), "permalink"), "?post_type=product&p="));
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=SG-1", AUTH_BASIC, NULL);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 1);
  g_clear_pointer (&r, resp_free);

  r = request (s, "PUT", path, NULL, AUTH_BASIC, "{\"status\":\"sold\"}");
  assert_error (r, 400, "rest_invalid_param");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (json_object_get_object_member (obj (r), "data"), "details"),
                     "status"), "code"), ==, "rest_not_in_enum");
  g_clear_pointer (&r, resp_free);

  /* DELETE: to the trash, gone from lookups, its SKU free again. */
  r = request (s, "DELETE", path, NULL, AUTH_BASIC, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "trash");
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=SG-1", AUTH_BASIC, NULL);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 0);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", path, NULL, AUTH_BASIC, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&r, resp_free);
  r = request (s, "DELETE", path, NULL, AUTH_BASIC, NULL);
  assert_error (r, 410, "woocommerce_rest_already_trashed");
  g_clear_pointer (&r, resp_free);
  create_product (s, "{\"name\":\"Batik Sogan\",\"sku\":\"SG-1\",\"regular_price\":\"150000\"}");

  r = request (s, "DELETE", path, "force=true", AUTH_BASIC, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", path, NULL, AUTH_BASIC, NULL);
  assert_error (r, 404, "woocommerce_rest_product_invalid_id");
  g_clear_pointer (&r, resp_free);

  r = request (s, "GET", "/wp-json/wc/v3/nothing", NULL, AUTH_BASIC, NULL);
  assert_error (r, 404, "rest_no_route");
  g_clear_pointer (&r, resp_free);
  r = request_full (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, "application/json", "{\"name\":", 8, NULL);
  assert_error (r, 400, "rest_invalid_json");
  shop_stop (s);
}

static void
test_media (void)
{
  Shop *s = shop_start (NULL);
  g_autoptr(Resp) r = NULL;
  g_autoptr(Resp) again = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *source_url;

  r = request_full (s, "POST", "/wp-json/wp/v2/media", NULL, AUTH_BASIC, "image/png", png, sizeof png,
                    "attachment; filename=\"motif kawung.png\"");
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (obj (r), "id"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "mime_type"), ==, "image/png");
  source_url = json_object_get_string_member (obj (r), "source_url");
  g_assert_true (g_str_has_prefix (source_url, s->home));
  g_assert_true (g_str_has_suffix (source_url, "/motif-kawung.png"));
  g_assert_nonnull (soup_message_headers_get_one (r->headers, "Location"));

  /* The upload is served back under that URL, byte for byte. */
  msg = soup_message_new ("GET", source_url);
  bytes = soup_session_send_and_read (s->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), png, sizeof png);

  /* The same name again: a new file, never an overwrite. */
  again = request_full (s, "POST", "/wp-json/wp/v2/media", NULL, AUTH_BASIC, "image/png", png, sizeof png,
                        "attachment; filename=\"motif kawung.png\"");
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (obj (again), "source_url"), "/motif-kawung-1.png"));
  g_clear_pointer (&again, resp_free);

  again = request_full (s, "POST", "/wp-json/wp/v2/media", NULL, AUTH_BASIC, "image/png", png, sizeof png, NULL);
  assert_error (again, 400, "rest_upload_no_content_disposition");
  g_clear_pointer (&again, resp_free);
  again = request_full (s, "POST", "/wp-json/wp/v2/media", NULL, AUTH_BASIC, "text/plain", "hello", 5,
                        "attachment; filename=\"note.txt\"");
  assert_error (again, 500, "rest_upload_sideload_error");
  g_clear_pointer (&again, resp_free);
  /* WooCommerce's keys do not open WordPress's media route. */
  again = request_full (s, "POST", "/wp-json/wp/v2/media", NULL, AUTH_OAUTH_SHA256, "image/png", png, sizeof png,
                        "attachment; filename=\"batik.png\"");
  assert_error (again, 401, "rest_cannot_create");
  g_clear_pointer (&again, resp_free);
  again = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, "{\"name\":\"X\",\"images\":[{\"id\":424242}]}");
  assert_error (again, 400, "woocommerce_product_invalid_image_id");
  shop_stop (s);
}

static void
test_orders (void)
{
  Shop *s = shop_start (NULL);
  gint64 id = create_product (s, "{\"name\":\"Batik Tulis Sekar Jagad\",\"sku\":\"SJ-1\",\"regular_price\":\"350000\","
                                 "\"manage_stock\":true,\"stock_quantity\":7}");
  g_autofree char *path = g_strdup_printf ("/wp-json/wc/v3/products/%" G_GINT64_FORMAT, id);
  g_autofree char *before = NULL;
  g_autofree char *after_query = NULL;
  g_autofree char *before_query = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *pending_path = NULL;
  g_autoptr(Resp) r = NULL;
  JsonObject *order, *line;

  r = request (s, "POST", "/wp-json/wc/v3/orders", NULL, AUTH_BASIC,
               "{\"set_paid\":true,\"billing\":{\"first_name\":\"Sri\",\"city\":\"Blitar\"},"
               "\"line_items\":[{\"sku\":\"SJ-1\",\"quantity\":2}]}");
  g_assert_cmpuint (r->status, ==, 201);
  order = obj (r);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "processing");
  g_assert_cmpstr (json_object_get_string_member (order, "total"), ==, "700000");
  g_assert_cmpstr (json_object_get_string_member (order, "currency"), ==, "IDR");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (order, "billing"), "city"), ==,
                   "Blitar");
  line = json_array_get_object_element (json_object_get_array_member (order, "line_items"), 0);
  g_assert_cmpint (json_object_get_int_member (line, "product_id"), ==, id);
  g_assert_cmpint (json_object_get_int_member (line, "quantity"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (line, "sku"), ==, "SJ-1");
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr(GDateTime) modified = g_date_time_new_from_iso8601 (json_object_get_string_member (order, "date_modified_gmt"), utc);
    g_autoptr(GDateTime) earlier = g_date_time_add_seconds (modified, -1);
    before = g_date_time_format (earlier, "%Y-%m-%dT%H:%M:%S");
    after_query = g_strdup_printf ("modified_after=%s", json_object_get_string_member (order, "date_modified_gmt"));
    before_query = g_strdup_printf ("modified_after=%s&per_page=5", before);
  }
  g_clear_pointer (&r, resp_free);

  /* A paid order lowers the stock and counts the sale. */
  r = request (s, "GET", path, NULL, AUTH_BASIC, NULL);
  g_assert_cmpint (json_object_get_int_member (obj (r), "stock_quantity"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (obj (r), "total_sales"), ==, 2);
  g_clear_pointer (&r, resp_free);

  /* A pending order does not. */
  pending = g_strdup_printf ("{\"line_items\":[{\"product_id\":%" G_GINT64_FORMAT ",\"quantity\":1}]}", id);
  r = request (s, "POST", "/wp-json/wc/v3/orders", NULL, AUTH_BASIC, pending);
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "pending");
  pending_path = g_strdup_printf ("/wp-json/wc/v3/orders/%" G_GINT64_FORMAT, json_object_get_int_member (obj (r), "id"));
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", path, NULL, AUTH_BASIC, NULL);
  g_assert_cmpint (json_object_get_int_member (obj (r), "stock_quantity"), ==, 5);
  g_clear_pointer (&r, resp_free);

  r = request (s, "GET", "/wp-json/wc/v3/orders", before_query, AUTH_OAUTH_SHA256, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 2);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-WP-Total"), ==, "2");
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-WP-TotalPages"), ==, "1");
  g_clear_pointer (&r, resp_free);
  /* Strictly after: an order changed at that second is not "after" it. */
  r = request (s, "GET", "/wp-json/wc/v3/orders", after_query, AUTH_BASIC, NULL);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 0);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/orders", "modified_after=kemarin", AUTH_BASIC, NULL);
  assert_error (r, 400, "rest_invalid_param");
  g_clear_pointer (&r, resp_free);

  /* The shop owner moves an order on: paid, it lowers the stock and has
   * a date of payment; refunded, the stock comes back. */
  r = request (s, "PUT", pending_path, NULL, AUTH_BASIC, "{\"status\":\"processing\"}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "processing");
  g_assert_false (json_object_get_null_member (obj (r), "date_paid_gmt"));
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", path, NULL, AUTH_BASIC, NULL);
  g_assert_cmpint (json_object_get_int_member (obj (r), "stock_quantity"), ==, 4);
  g_clear_pointer (&r, resp_free);
  r = request (s, "PUT", pending_path, NULL, AUTH_BASIC, "{\"status\":\"completed\"}");
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_false (json_object_get_null_member (obj (r), "date_completed_gmt"));
  g_clear_pointer (&r, resp_free);
  r = request (s, "PUT", pending_path, NULL, AUTH_BASIC, "{\"status\":\"refunded\"}");
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", path, NULL, AUTH_BASIC, NULL);
  g_assert_cmpint (json_object_get_int_member (obj (r), "stock_quantity"), ==, 5);
  g_clear_pointer (&r, resp_free);
  r = request (s, "PUT", pending_path, NULL, AUTH_BASIC, "{\"status\":\"dikirim\"}");
  assert_error (r, 400, "rest_invalid_param");
  g_clear_pointer (&r, resp_free);
  r = request (s, "PUT", "/wp-json/wc/v3/orders/424242", NULL, AUTH_BASIC, "{\"status\":\"completed\"}");
  assert_error (r, 404, "woocommerce_rest_shop_order_invalid_id");
  g_clear_pointer (&r, resp_free);

  /* An unknown product: no order, no stock change. */
  r = request (s, "POST", "/wp-json/wc/v3/orders", NULL, AUTH_BASIC,
               "{\"set_paid\":true,\"line_items\":[{\"sku\":\"SJ-1\",\"quantity\":1},{\"sku\":\"NOPE\",\"quantity\":1}]}");
  assert_error (r, 400, "woocommerce_rest_invalid_product_id");
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", path, NULL, AUTH_BASIC, NULL);
  g_assert_cmpint (json_object_get_int_member (obj (r), "stock_quantity"), ==, 5);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/orders", NULL, AUTH_BASIC, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "X-WP-Total"), ==, "2");
  shop_stop (s);
}

/* ---- authentication ----------------------------------------------------- */

static void
test_oauth_vectors (void)
{
  g_autoptr(GHashTable) twitter = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) woo = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sig1 = NULL;
  g_autofree char *sig256 = NULL;

  /* Twitter's published example (HMAC-SHA1, with a token secret). */
  g_hash_table_insert (twitter, "status", "Hello Ladies + Gentlemen, a signed OAuth request!");
  g_hash_table_insert (twitter, "include_entities", "true");
  g_hash_table_insert (twitter, "oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog");
  g_hash_table_insert (twitter, "oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg");
  g_hash_table_insert (twitter, "oauth_signature_method", "HMAC-SHA1");
  g_hash_table_insert (twitter, "oauth_timestamp", "1318622958");
  g_hash_table_insert (twitter, "oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb");
  g_hash_table_insert (twitter, "oauth_version", "1.0");
  sig1 = canting_shop_oauth_sign ("POST", "https://api.twitter.com/1.1/statuses/update.json", twitter,
                                  "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw&LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
                                  "HMAC-SHA1");
  g_assert_cmpstr (sig1, ==, "hCtSmYh+iHYCEqBWrE7C7hYmtUk=");

  /* One-legged HMAC-SHA256 as WooCommerce takes it, with characters that
   * must be encoded; the value was computed with Python's hmac and
   * urllib.parse.quote(safe="-._~"). */
  g_hash_table_insert (woo, "sku", "BTK-PR-001 ü/+");
  g_hash_table_insert (woo, "per_page", "20");
  g_hash_table_insert (woo, "oauth_consumer_key", CONSUMER_KEY);
  g_hash_table_insert (woo, "oauth_nonce", "Nq3Vh8xYb");
  g_hash_table_insert (woo, "oauth_signature_method", "HMAC-SHA256");
  g_hash_table_insert (woo, "oauth_timestamp", "1795370999");
  g_hash_table_insert (woo, "oauth_version", "1.0");
  g_hash_table_insert (woo, "oauth_signature", "ignored: never part of what is signed");
  sig256 = canting_shop_oauth_sign ("GET", "http://127.0.0.1:8080/wp-json/wc/v3/products", woo,
                                    CONSUMER_SECRET "&", "HMAC-SHA256");
  g_assert_cmpstr (sig256, ==, "dQXTDPkkYXfZYlFpLBKzUw/OWv4U6ih5KCvD+6Shf0Q=");
  g_assert_null (canting_shop_oauth_sign ("GET", "http://x/", woo, "k&", "PLAINTEXT"));
}

static Resp *
signed_get (Shop       *s,
            const char *query,
            const char *key,
            const char *secret,
            const char *nonce,
            gint64      timestamp)
{
  g_autofree char *url = g_strconcat (s->home, "/wp-json/wc/v3/products", NULL);
  g_autofree char *signed_query = sign_request ("GET", url, query, key, secret, TRUE, nonce, timestamp);

  return request (s, "GET", "/wp-json/wc/v3/products", signed_query, AUTH_NONE, NULL);
}

static void
test_oauth_requests (void)
{
  Shop *s = shop_start (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(Resp) r = NULL;
  g_autofree char *tampered = NULL;

  /* Both hash methods, a write and a read with an encoded query. */
  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_OAUTH_SHA1,
               "{\"name\":\"Batik Mega Mendung\",\"sku\":\"MM 1/ü\",\"regular_price\":\"425000\"}");
  g_assert_cmpuint (r->status, ==, 201);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=MM%201%2F%C3%BC&per_page=5", AUTH_OAUTH_SHA256, NULL);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 1);
  /* The pagination links carry no OAuth parameters. */
  g_assert_null (strstr (soup_message_headers_get_list (r->headers, "Link"), "oauth_"));
  g_clear_pointer (&r, resp_free);

  r = signed_get (s, "", CONSUMER_KEY, "cs_not_the_secret", "a1", now);
  assert_error (r, 401, "woocommerce_rest_authentication_error");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "message"), ==,
                   "Invalid signature - provided signature does not match.");
  g_clear_pointer (&r, resp_free);

  r = signed_get (s, "", "ck_not_the_key", CONSUMER_SECRET, "a2", now);
  assert_error (r, 401, "woocommerce_rest_authentication_error");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "message"), ==, "Consumer key is invalid.");
  g_clear_pointer (&r, resp_free);

  /* A signed request whose query was changed on the way. */
  {
    g_autofree char *url = g_strconcat (s->home, "/wp-json/wc/v3/products", NULL);
    g_autofree char *q = sign_request ("GET", url, "sku=A", CONSUMER_KEY, CONSUMER_SECRET, TRUE, "a3", now);
    tampered = g_strconcat ("sku=B", q + 5, NULL);
  }
  r = request (s, "GET", "/wp-json/wc/v3/products", tampered, AUTH_NONE, NULL);
  assert_error (r, 401, "woocommerce_rest_authentication_error");
  g_clear_pointer (&r, resp_free);

  r = signed_get (s, "", CONSUMER_KEY, CONSUMER_SECRET, "a4", now - 3600);
  assert_error (r, 401, "woocommerce_rest_authentication_error");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "message"), ==, "Invalid timestamp.");
  g_clear_pointer (&r, resp_free);

  r = signed_get (s, "", CONSUMER_KEY, CONSUMER_SECRET, "once", now);
  g_assert_cmpuint (r->status, ==, 200);
  g_clear_pointer (&r, resp_free);
  r = signed_get (s, "", CONSUMER_KEY, CONSUMER_SECRET, "once", now);
  assert_error (r, 401, "woocommerce_rest_authentication_error");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "message"), ==,
                   "Invalid nonce - nonce has already been used.");
  g_clear_pointer (&r, resp_free);

  /* The same parameters in an Authorization: OAuth header. */
  {
    g_autofree char *url = g_strconcat (s->home, "/wp-json/wc/v3/products", NULL);
    g_autofree char *q = sign_request ("GET", url, "sku=A", CONSUMER_KEY, CONSUMER_SECRET, FALSE, "hdr", now);
    g_auto(GStrv) pairs = g_strsplit (q + strlen ("sku=A&"), "&", -1);
    g_autoptr(GString) header = g_string_new ("OAuth ");
    g_autofree char *full = g_strconcat (url, "?sku=A", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", full);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; pairs[i] != NULL; i++)
      {
        char *eq = strchr (pairs[i], '=');
        *eq = '\0';
        g_string_append_printf (header, "%s%s=\"%s\"", i > 0 ? ", " : "", pairs[i], eq + 1);
      }
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header->str);
    body = soup_session_send_and_read (s->session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  }

  r = request (s, "GET", "/wp-json/wc/v3/products", "oauth_consumer_key=" CONSUMER_KEY, AUTH_NONE, NULL);
  assert_error (r, 401, "woocommerce_rest_authentication_missing_parameter");
  g_clear_pointer (&r, resp_free);

  /* A wrong application password. */
  {
    g_autoptr(SoupMessage) msg = NULL;
    g_autofree char *url = g_strconcat (s->home, "/wp-json/wc/v3/products", NULL);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *b64 = g_base64_encode ((const guchar *) USER ":abcd", strlen (USER ":abcd"));
    g_autofree char *header = g_strdup_printf ("Basic %s", b64);
    g_autoptr(JsonNode) json = NULL;

    msg = soup_message_new ("GET", url);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    body = soup_session_send_and_read (s->session, msg, NULL, &error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
    json = json_from_string (g_bytes_get_data (body, NULL), &error);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "code"), ==, "incorrect_password");
    /* The password is never echoed. */
    g_assert_null (strstr (g_bytes_get_data (body, NULL), "abcd"));
  }
  shop_stop (s);
}

/* ---- faults ----------------------------------------------------------------- */

static void
test_fault_spec (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingShopFaults) faults = NULL;
  CantingShopFaultHits hits;

  faults = canting_shop_faults_parse ("latency=50ms,500=every:3,429=every:5:retry-after=2,drop=every:7,"
                                      "malformed=every:4,batch-fail=every:2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (canting_shop_faults_latency_ms (faults), ==, 50);
  canting_shop_faults_next (faults, FALSE, &hits);   /* 1 */
  g_assert_false (hits.drop || hits.server_error || hits.too_many || hits.malformed);
  canting_shop_faults_next (faults, TRUE, &hits);    /* 2: the first batch */
  g_assert_false (hits.batch_fail);
  canting_shop_faults_next (faults, FALSE, &hits);   /* 3 */
  g_assert_true (hits.server_error);
  canting_shop_faults_next (faults, TRUE, &hits);    /* 4: the second batch */
  g_assert_true (hits.malformed);
  g_assert_true (hits.batch_fail);
  canting_shop_faults_next (faults, FALSE, &hits);   /* 5 */
  g_assert_true (hits.too_many);
  g_assert_cmpuint (hits.retry_after, ==, 2);
  canting_shop_faults_next (faults, FALSE, &hits);   /* 6 */
  g_assert_true (hits.server_error);
  canting_shop_faults_next (faults, FALSE, &hits);   /* 7 */
  g_assert_true (hits.drop);
  g_clear_pointer (&faults, canting_shop_faults_free);

  faults = canting_shop_faults_parse ("latency=1.5s", &error);
  g_assert_cmpuint (canting_shop_faults_latency_ms (faults), ==, 1500);
  g_clear_pointer (&faults, canting_shop_faults_free);

  faults = canting_shop_faults_parse ("500=sometimes", &error);
  g_assert_null (faults);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "500=sometimes"));
  g_clear_error (&error);
  faults = canting_shop_faults_parse ("teapot=every:2", &error);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "teapot"));
  g_clear_error (&error);
  faults = canting_shop_faults_parse ("drop=every:0", &error);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_clear_error (&error);

  /* at:A-B: requests A to B, and no others. */
  faults = canting_shop_faults_parse ("500=at:2-3", &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 5; i++)
    {
      canting_shop_faults_next (faults, FALSE, &hits);
      g_assert_cmpint (hits.server_error, ==, i == 2 || i == 3);
    }
  g_clear_pointer (&faults, canting_shop_faults_free);
  faults = canting_shop_faults_parse ("500=at:3-2", &error);
  g_assert_null (faults);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
}

static void
test_fault_latency (void)
{
  Shop *s = shop_start ("latency=300ms");
  gint64 start = g_get_monotonic_time ();
  g_autoptr(Resp) r = request (s, "GET", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  shop_stop (s);
}

static void
test_fault_500_and_429 (void)
{
  Shop *s = shop_start ("500=every:2,429=every:3:retry-after=7");
  g_autoptr(Resp) r = NULL;

  create_product (s, "{\"name\":\"A\",\"sku\":\"A\"}");                                       /* 1 */
  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, "{\"name\":\"B\",\"sku\":\"B\"}"); /* 2 */
  assert_error (r, 500, "internal_server_error");
  g_clear_pointer (&r, resp_free);
  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, "{\"name\":\"B\",\"sku\":\"B\"}"); /* 3 */
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "7");
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, NULL);           /* 4: every second */
  assert_error (r, 500, "internal_server_error");
  g_clear_pointer (&r, resp_free);
  /* Neither did the work. */
  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=B", AUTH_BASIC, NULL);      /* 5 */
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 0);
  shop_stop (s);
}

static void
test_fault_drop (void)
{
  Shop *s = shop_start ("drop=first:1,drop-after=every:3");
  g_autoptr(Resp) r = NULL;

  /* Dropped before the work: nothing created. */
  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, "{\"name\":\"A\",\"sku\":\"A\"}"); /* 1 */
  g_assert_nonnull (r->error);
  g_assert_cmpuint (r->status, ==, 0);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=A", AUTH_BASIC, NULL);        /* 2 */
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 0);
  g_clear_pointer (&r, resp_free);
  /* Dropped after the work: the product exists though no reply came. */
  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, "{\"name\":\"A\",\"sku\":\"A\"}"); /* 3 */
  g_assert_nonnull (r->error);
  g_clear_pointer (&r, resp_free);
  r = request (s, "GET", "/wp-json/wc/v3/products", "sku=A", AUTH_BASIC, NULL);        /* 4 */
  g_assert_cmpuint (json_array_get_length (arr (r)), ==, 1);
  shop_stop (s);
}

static void
test_fault_malformed (void)
{
  Shop *s = shop_start ("malformed=first:1");
  g_autoptr(Resp) r = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data;

  r = request (s, "POST", "/wp-json/wc/v3/products", NULL, AUTH_BASIC, "{\"name\":\"A\",\"sku\":\"A\"}");
  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 201);
  data = g_bytes_get_data (r->body, &size);
  g_assert_cmpuint (size, >, 0);
  g_assert_false (json_parser_load_from_data (parser, data, (gssize) size, NULL));
  g_assert_null (r->json);
  g_clear_pointer (&r, resp_free);
  /* The work was done. */
  g_assert_cmpint (total_products (s), ==, 1);
  shop_stop (s);
}

static void
test_fault_batch (void)
{
  Shop *s = shop_start ("batch-fail=every:1");
  g_autoptr(Resp) r = request (s, "POST", "/wp-json/wc/v3/products/batch", NULL, AUTH_BASIC,
                               "{\"create\":[{\"name\":\"A\",\"sku\":\"A\"},{\"name\":\"B\",\"sku\":\"B\"},"
                               "{\"name\":\"C\",\"sku\":\"C\"},{\"name\":\"D\",\"sku\":\"D\"}]}");
  JsonArray *created;

  g_assert_cmpuint (r->status, ==, 200);
  created = json_object_get_array_member (obj (r), "create");
  g_assert_cmpuint (json_array_get_length (created), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *item = json_array_get_object_element (created, i);

      if (i % 2 == 1)
        {
          g_assert_cmpint (json_object_get_int_member (item, "id"), ==, 0);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "error"), "code"),
                           ==, "db_insert_error");
        }
      else
        g_assert_cmpstr (json_object_get_string_member (item, "sku"), ==, i == 0 ? "A" : "C");
    }
  g_clear_pointer (&r, resp_free);
  g_assert_cmpint (total_products (s), ==, 2);
  shop_stop (s);
}

/* ---- the shop itself -------------------------------------------------------- */

static void
test_loopback_only (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "shop.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingShopStore) store = canting_shop_store_open (path, &error);
  const char *refused[] = { "0.0.0.0", "::", "::1", "192.168.1.10", "localhost", NULL };

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autoptr(CantingShop) shop = canting_shop_new (store, NULL, NULL, NULL, NULL);

      g_assert_false (canting_shop_listen (shop, refused[i], 0, &error));
      g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "127.0.0.1"));
      g_clear_error (&error);
    }
  {
    g_autoptr(CantingShop) shop = canting_shop_new (store, NULL, NULL, NULL, NULL);
    g_autoptr(GSocketClient) client = g_socket_client_new ();
    g_autoptr(GSocketConnection) conn = NULL;
    g_autofree char *host = NULL;
    struct ifaddrs *addrs = NULL;

    g_assert_true (canting_shop_listen (shop, "127.0.0.1", 0, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (canting_shop_get_port (shop), >, 0);
    g_assert_cmpstr (canting_shop_get_home_url (shop), ==,
                     (host = g_strdup_printf ("http://127.0.0.1:%u", canting_shop_get_port (shop))));
    /* Made-up credentials look like WooCommerce's. */
    g_assert_true (g_str_has_prefix (canting_shop_get_consumer_key (shop), "ck_"));
    g_assert_cmpuint (strlen (canting_shop_get_consumer_key (shop)), ==, 43);
    g_assert_true (g_str_has_prefix (canting_shop_get_consumer_secret (shop), "cs_"));
    g_assert_cmpuint (strlen (canting_shop_get_app_password (shop)), ==, 29);
    conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) canting_shop_get_port (shop), NULL, &error);
    g_assert_no_error (error);
    g_clear_object (&conn);
    /* Bound to 127.0.0.1 itself, not a wildcard: the rest of the loopback
     * network, the IPv6 loopback and this machine's other addresses get
     * no answer. */
    g_assert_null (g_socket_client_connect_to_host (client, "127.0.0.2", (guint16) canting_shop_get_port (shop),
                                                    NULL, NULL));
    g_assert_null (g_socket_client_connect_to_host (client, "::1", (guint16) canting_shop_get_port (shop),
                                                    NULL, NULL));
    g_assert_cmpint (getifaddrs (&addrs), ==, 0);
    for (struct ifaddrs *a = addrs; a != NULL; a = a->ifa_next)
      {
        char text[INET6_ADDRSTRLEN];

        if (a->ifa_addr == NULL || (a->ifa_addr->sa_family != AF_INET && a->ifa_addr->sa_family != AF_INET6))
          continue;
        if (a->ifa_addr->sa_family == AF_INET)
          inet_ntop (AF_INET, &((struct sockaddr_in *) a->ifa_addr)->sin_addr, text, sizeof text);
        else
          inet_ntop (AF_INET6, &((struct sockaddr_in6 *) a->ifa_addr)->sin6_addr, text, sizeof text);
        if (g_str_equal (text, "127.0.0.1") || g_str_has_prefix (text, "fe80"))
          continue;
        g_test_message ("not reachable on %s", text);
        g_assert_null (g_socket_client_connect_to_host (client, text, (guint16) canting_shop_get_port (shop),
                                                        NULL, NULL));
      }
    freeifaddrs (addrs);
    canting_shop_disconnect (shop);
  }
  canting_test_rmdir (dir);
}

static void
test_page (void)
{
  Shop *s = shop_start (NULL);
  g_autoptr(Resp) media = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (s->home, "/", NULL);
  g_autofree char *json = NULL;
  g_autofree char *html = NULL;

  media = request_full (s, "POST", "/wp-json/wp/v2/media", NULL, AUTH_BASIC, "image/png", png, sizeof png,
                        "attachment; filename=\"parang.png\"");
  json = g_strdup_printf ("{\"name\":\"Batik <Parang> & Kawung\",\"sku\":\"PK-1\",\"regular_price\":\"1250000\","
                          "\"manage_stock\":true,\"stock_quantity\":4,\"images\":[{\"id\":%" G_GINT64_FORMAT "}]}",
                          json_object_get_int_member (obj (media), "id"));
  create_product (s, json);
  create_product (s, "{\"name\":\"Selendang Sutra\",\"regular_price\":\"300000\",\"manage_stock\":true,"
                     "\"stock_quantity\":0}");

  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (s->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL), ==,
                   "text/html");
  html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_nonnull (strstr (html, "Batik &lt;Parang&gt; &amp; Kawung"));
  g_assert_nonnull (strstr (html, "Rp 1.250.000"));
  g_assert_nonnull (strstr (html, "Stock: 4"));
  g_assert_nonnull (strstr (html, "Sold out"));
  g_assert_nonnull (strstr (html, "<img src=\"/wp-content/uploads/"));
  g_assert_nonnull (strstr (html, "parang.png\""));
  g_assert_nonnull (strstr (html, "href=\"/product/selendang-sutra/\""));
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&html, g_free);

  /* A product's own page, as its permalink promises. */
  g_free (url);
  url = g_strconcat (s->home, "/product/selendang-sutra/", NULL);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (s->session, msg, NULL, &error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_nonnull (strstr (html, "Selendang Sutra"));
  g_assert_nonnull (strstr (html, "Rp 300.000"));
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);

  g_free (url);
  url = g_strconcat (s->home, "/product/tidak-ada/", NULL);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (s->session, msg, NULL, &error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  {
    /* In the same language as the shop's pages, said the same way. */
    g_autofree char *missing = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    const char *lang = strstr (html, "<html lang=\"");
    g_autofree char *tag = NULL;

    g_assert_nonnull (lang);
    tag = g_strndup (lang, strchr (lang + strlen ("<html lang=\""), '"') - lang + 1);
    g_assert_nonnull (strstr (missing, tag));
  }
  shop_stop (s);
}

/* --data FILE: the products are there when the shop starts again; a
 * workshop database given by mistake is refused and left alone. */
static void
test_store_file (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingDb) db = NULL;
  g_autoptr(CantingShopStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *workshop = NULL;
  Shop *s = canting_test_shop_start (dir, NULL);

  create_product (s, "{\"name\":\"Batik Kekal\",\"sku\":\"K-1\",\"regular_price\":\"1000\"}");
  canting_test_shop_stop (s);
  s = canting_test_shop_start (dir, NULL);
  g_assert_cmpint (total_products (s), ==, 1);
  /* New ids go on from where they were. */
  g_assert_cmpint (create_product (s, "{\"name\":\"Batik Baru\"}"), >, 10);
  canting_test_shop_stop (s);

  db = canting_db_open (dir, &error);
  g_assert_no_error (error);
  workshop = g_strdup (canting_db_get_path (db));
  g_clear_object (&db);
  before = canting_test_read_file (workshop);
  store = canting_shop_store_open (workshop, &error);
  g_assert_null (store);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT);
  after = canting_test_read_file (workshop);
  g_assert_true (g_bytes_equal (before, after));
  canting_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shop/contract", test_contract);
  g_test_add_func ("/shop/pagination", test_pagination);
  g_test_add_func ("/shop/unpublish", test_unpublish);
  g_test_add_func ("/shop/media", test_media);
  g_test_add_func ("/shop/orders", test_orders);
  g_test_add_func ("/shop/oauth-vectors", test_oauth_vectors);
  g_test_add_func ("/shop/oauth-requests", test_oauth_requests);
  g_test_add_func ("/shop/fault-spec", test_fault_spec);
  g_test_add_func ("/shop/fault-latency", test_fault_latency);
  g_test_add_func ("/shop/fault-500-429", test_fault_500_and_429);
  g_test_add_func ("/shop/fault-drop", test_fault_drop);
  g_test_add_func ("/shop/fault-malformed", test_fault_malformed);
  g_test_add_func ("/shop/fault-batch", test_fault_batch);
  g_test_add_func ("/shop/loopback-only", test_loopback_only);
  g_test_add_func ("/shop/page", test_page);
  g_test_add_func ("/shop/store-file", test_store_file);
  return g_test_run ();
}
