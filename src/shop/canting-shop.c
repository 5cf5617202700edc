/* canting-shop.c: the practice shop's HTTP server.
 *
 * One libsoup handler takes every request: /wp-json/ goes to the REST
 * routes (canting-shop-api.c) after the injected faults have had their
 * say, /wp-content/uploads/ serves uploaded images back, and / and
 * /product/SLUG/ are the pages a trainer shows.  Latency never blocks the
 * server: a delayed request is paused and resumed from a timeout, so other
 * requests go on meanwhile, as on a real slow host. */
#include "config.h"

#include "canting-shop-private.h"

#include "canting-error.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (CantingShop, canting_shop, G_TYPE_OBJECT)

/* The only address the shop listens on. */
#define LOOPBACK "127.0.0.1"

typedef struct {
  CantingShop *shop;
  SoupServerMessage *msg;
  char *path;
  char *raw_query;
  GHashTable *query;
  CantingShopFaultHits hits;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->shop);
  g_object_unref (pending->msg);
  g_free (pending->path);
  g_free (pending->raw_query);
  g_clear_pointer (&pending->query, g_hash_table_unref);
  g_free (pending);
}

static void
canting_shop_finalize (GObject *object)
{
  CantingShop *self = CANTING_SHOP (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->store);
  g_clear_pointer (&self->auth, canting_shop_auth_free);
  g_clear_pointer (&self->faults, canting_shop_faults_free);
  g_free (self->home_url);
  g_free (self->consumer_key);
  g_free (self->consumer_secret);
  g_free (self->user);
  g_free (self->app_password);
  G_OBJECT_CLASS (canting_shop_parent_class)->finalize (object);
}

static void
canting_shop_class_init (CantingShopClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = canting_shop_finalize;
}

static void
canting_shop_init (CantingShop *self)
{
}

static char *
random_hex (const char *prefix,
            guint       n_digits)
{
  GString *out = g_string_new (prefix);

  for (guint i = 0; i < n_digits; i++)
    g_string_append_c (out, "0123456789abcdef"[g_random_int_range (0, 16)]);
  return g_string_free (out, FALSE);
}

/* Six groups of four letters and digits, as WordPress shows an
 * application password. */
static char *
random_app_password (void)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < 24; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
    }
  return g_string_free (out, FALSE);
}

CantingShop *
canting_shop_new (CantingShopStore *store,
                  const char       *consumer_key,
                  const char       *consumer_secret,
                  const char       *user,
                  const char       *app_password)
{
  CantingShop *self = g_object_new (CANTING_TYPE_SHOP, NULL);

  g_return_val_if_fail (CANTING_IS_SHOP_STORE (store), NULL);

  self->store = g_object_ref (store);
  /* WooCommerce's keys: ck_/cs_ and 40 hex digits. */
  self->consumer_key = consumer_key != NULL ? g_strdup (consumer_key) : random_hex ("ck_", 40);
  self->consumer_secret = consumer_secret != NULL ? g_strdup (consumer_secret) : random_hex ("cs_", 40);
  self->user = g_strdup (user != NULL ? user : "pelatih");
  self->app_password = app_password != NULL ? g_strdup (app_password) : random_app_password ();
  self->auth = canting_shop_auth_new (self->consumer_key, self->consumer_secret, self->user, self->app_password);
  self->faults = canting_shop_faults_parse (NULL, NULL);
  self->home_url = g_strdup ("http://" LOOPBACK);
  return self;
}

gboolean
canting_shop_set_faults (CantingShop  *self,
                         const char   *spec,
                         GError      **error)
{
  CantingShopFaults *faults = canting_shop_faults_parse (spec, error);

  if (faults == NULL)
    return FALSE;
  canting_shop_faults_free (self->faults);
  self->faults = faults;
  return TRUE;
}

void
canting_shop_set_log_requests (CantingShop *self,
                               gboolean     log_requests)
{
  self->log_requests = log_requests;
}

/* ---- replies ---------------------------------------------------------- */

static void
log_request (CantingShop       *self,
             SoupServerMessage *msg,
             guint              status,
             const char        *fault)
{
  if (!self->log_requests)
    return;
  /* The path only: the query of an OAuth request carries its signature. */
  g_print ("%s %s → %u%s%s\n", soup_server_message_get_method (msg),
           g_uri_get_path (soup_server_message_get_uri (msg)), status,
           fault != NULL ? "  " : "", fault != NULL ? fault : "");
}

/* Closes the connection without a word, as a host that drops it. */
static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
send_reply (CantingShop       *self,
            SoupServerMessage *msg,
            CantingShopReply  *reply,
            gboolean           malformed)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *text = NULL;
  gsize len;

  for (guint i = 0; i + 1 < reply->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (reply->headers, i),
                                 g_ptr_array_index (reply->headers, i + 1));
  text = reply->body != NULL ? json_to_string (reply->body, FALSE) : g_strdup ("");
  len = strlen (text);
  /* The malformed fault: the work is done, the reply stops halfway, as
   * when PHP dies while writing.  A client cannot know the outcome. */
  if (malformed)
    len /= 2;
  soup_server_message_set_status (msg, reply->status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_COPY, text, len);
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  return soup_message_body_flatten (body);
}

static void
handle_api (CantingShop                *self,
            SoupServerMessage          *msg,
            const char                 *path,
            const char                 *raw_query,
            GHashTable                 *query,
            const CantingShopFaultHits *hits)
{
  CantingShopReply reply;
  g_autoptr(GBytes) body = NULL;

  if (hits->drop)
    {
      log_request (self, msg, 0, "(fault: drop)");
      drop_connection (msg);
      return;
    }
  canting_shop_reply_init (&reply);
  if (hits->server_error)
    {
      canting_shop_api_critical_error (self, &reply);
      send_reply (self, msg, &reply, FALSE);
      log_request (self, msg, reply.status, "(fault: 500)");
      canting_shop_reply_clear (&reply);
      return;
    }
  if (hits->too_many)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", hits->retry_after);
      const char *page = "<html><head><title>429 Too Many Requests</title></head>"
                         "<body><h1>Too Many Requests</h1></body></html>\n";

      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
      soup_server_message_set_status (msg, 429, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
      log_request (self, msg, 429, "(fault: 429)");
      canting_shop_reply_clear (&reply);
      return;
    }
  body = request_body (msg);
  canting_shop_api_handle (self, soup_server_message_get_method (msg), path, raw_query, query,
                           soup_server_message_get_request_headers (msg), body, hits->batch_fail, &reply);
  if (hits->drop_after)
    {
      log_request (self, msg, reply.status, "(fault: drop-after)");
      drop_connection (msg);
    }
  else
    {
      send_reply (self, msg, &reply, hits->malformed);
      log_request (self, msg, reply.status, hits->malformed ? "(fault: malformed)"
                                            : hits->batch_fail ? "(fault: batch-fail)" : NULL);
    }
  canting_shop_reply_clear (&reply);
}

static gboolean
resume_delayed (gpointer data)
{
  Pending *pending = data;

  soup_server_message_unpause (pending->msg);
  handle_api (pending->shop, pending->msg, pending->path, pending->raw_query, pending->query, &pending->hits);
  return G_SOURCE_REMOVE;
}

static void
send_html (SoupServerMessage *msg,
           guint              status,
           char              *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=UTF-8", SOUP_MEMORY_TAKE, html, strlen (html));
}

static void
not_found_page (SoupServerMessage *msg)
{
  /* The language of the words, as on the shop's own pages. */
  send_html (msg, 404, g_strdup_printf ("<!DOCTYPE html><html lang=\"%s\"><meta charset=\"utf-8\">"
                                        "<title>404</title><p>%s</p><p><a href=\"/\">%s</a></p></html>\n",
                                        C_("html lang", "en"), _("This page is not in the practice shop."),
                                        _("Back to the products")));
}

static void
handle_upload (CantingShop       *self,
               SoupServerMessage *msg,
               const char        *path)
{
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  gconstpointer data;

  if (strstr (path, "..") != NULL)
    {
      not_found_page (msg);
      return;
    }
  bytes = canting_shop_store_read_media (self->store, path + strlen ("/wp-content/uploads/"), &mime, NULL);
  if (bytes == NULL)
    {
      not_found_page (msg);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, mime, SOUP_MEMORY_COPY, data, size);
}

static void
handle_page (CantingShop       *self,
             SoupServerMessage *msg,
             const char        *path)
{
  g_autoptr(GError) error = NULL;
  char *html = NULL;

  if (g_str_equal (path, "/"))
    html = canting_shop_page_products (self, &error);
  else if (g_str_has_prefix (path, "/product/"))
    {
      g_autofree char *slug = g_strdup (path + strlen ("/product/"));

      g_strdelimit (slug, "/", '\0');
      html = canting_shop_page_product (self, slug, &error);
    }
  if (html == NULL)
    {
      if (error != NULL)
        g_warning ("practice shop: %s", error->message);
      not_found_page (msg);
      return;
    }
  send_html (msg, 200, html);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  CantingShop *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  CantingShopFaultHits hits;
  GSource *timeout;
  guint latency;

  if (!g_str_has_prefix (path, "/wp-json/") && !g_str_equal (path, "/wp-json"))
    {
      if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD"))
        {
          soup_server_message_set_status (msg, 405, NULL);
          return;
        }
      if (g_str_has_prefix (path, "/wp-content/uploads/"))
        handle_upload (self, msg, path);
      else
        handle_page (self, msg, path);
      return;
    }

  canting_shop_faults_next (self->faults, g_str_has_prefix (path, "/wp-json/wc/v3/products/batch"), &hits);
  latency = canting_shop_faults_latency_ms (self->faults);
  if (latency > 0)
    {
      Pending *pending = g_new0 (Pending, 1);

      pending->shop = g_object_ref (self);
      pending->msg = g_object_ref (msg);
      pending->path = g_strdup (path);
      pending->raw_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
      pending->query = query != NULL ? g_hash_table_ref (query) : NULL;
      pending->hits = hits;
      soup_server_message_pause (msg);
      /* On the server's own context, which is not the global default one
       * when the shop runs on a thread (the tests). */
      timeout = g_timeout_source_new (latency);
      g_source_set_callback (timeout, resume_delayed, pending, (GDestroyNotify) pending_free);
      g_source_attach (timeout, g_main_context_get_thread_default ());
      g_source_unref (timeout);
      return;
    }
  handle_api (self, msg, path, g_uri_get_query (soup_server_message_get_uri (msg)), query, &hits);
}

/* ---- listening ---------------------------------------------------------- */

gboolean
canting_shop_listen (CantingShop  *self,
                     const char   *address,
                     guint         port,
                     GError      **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (self->server == NULL, FALSE);

  if (g_strcmp0 (address, LOOPBACK) != 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The practice shop listens on %s only, never on “%s”: it has practice passwords "
                     "and no encryption, so it must not be reachable from the network."),
                   LOOPBACK, address != NULL ? address : "");
      return FALSE;
    }
  if (port > 65535)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The port must be a number from 0 to 65535 (0 picks a free one)."));
      return FALSE;
    }
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  inet = g_inet_address_new_from_string (LOOPBACK);
  socket_address = g_inet_socket_address_new (inet, (guint16) port);
  if (!soup_server_listen (self->server, socket_address, 0, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }
  uris = soup_server_get_uris (self->server);
  self->port = uris != NULL ? (guint) g_uri_get_port (uris->data) : port;
  g_free (self->home_url);
  self->home_url = g_strdup_printf ("http://%s:%u", LOOPBACK, self->port);
  return TRUE;
}

void
canting_shop_disconnect (CantingShop *self)
{
  if (self->server != NULL)
    soup_server_disconnect (self->server);
}

guint
canting_shop_get_port (CantingShop *self)
{
  return self->port;
}

const char *
canting_shop_get_home_url (CantingShop *self)
{
  return self->home_url;
}

const char *
canting_shop_get_consumer_key (CantingShop *self)
{
  return self->consumer_key;
}

const char *
canting_shop_get_consumer_secret (CantingShop *self)
{
  return self->consumer_secret;
}

const char *
canting_shop_get_user (CantingShop *self)
{
  return self->user;
}

const char *
canting_shop_get_app_password (CantingShop *self)
{
  return self->app_password;
}

CantingShopStore *
canting_shop_get_store (CantingShop *self)
{
  return self->store;
}
