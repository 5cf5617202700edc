/* canting-http.c: libcurl set up as for every shop, and one request
 * sent on its own. */
#include "canting-http.h"
#include "canting-http-private.h"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "canting-error.h"
#include "canting-publish.h"
#include "canting-channel-driver.h"

gboolean
canting_http_is_this_computer (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_ascii_strcasecmp (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0);
}

/* --- the proxy ----------------------------------------------------------------- */

/* What the system says (GNOME's network settings, the proxy portal
 * inside Flatpak, else the environment), asked once a minute per shop:
 * a PAC file can take a while to run, and a shop is asked many times a
 * minute while publishing. */
#define PROXY_CACHE_SECONDS 60

typedef struct {
  char   *proxy;    /* NULL: no proxy */
  gint64  until;    /* monotonic microseconds */
} ProxyEntry;

static GMutex proxy_lock;
static GProxyResolver *proxy_resolver;  /* NULL: the default one */
static GHashTable *proxy_cache;         /* "scheme://host:port" -> ProxyEntry */

static void
proxy_entry_free (gpointer data)
{
  ProxyEntry *entry = data;

  g_free (entry->proxy);
  g_free (entry);
}

void
canting_http_set_proxy_resolver (GProxyResolver *resolver)
{
  g_mutex_lock (&proxy_lock);
  g_set_object (&proxy_resolver, resolver);
  g_clear_pointer (&proxy_cache, g_hash_table_unref);
  g_mutex_unlock (&proxy_lock);
}

/* The first proxy the resolver gives that libcurl can use, or NULL for
 * a direct connection. */
static char *
resolve_proxy (GProxyResolver *resolver,
               const char     *url)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) proxies = g_proxy_resolver_lookup (resolver, url, NULL, &error);

  if (proxies == NULL)
    {
      g_debug ("Publishing: no proxy settings: %s", error->message);
      return NULL;
    }
  for (guint i = 0; proxies[i] != NULL; i++)
    {
      const char *p = proxies[i];

      if (g_str_has_prefix (p, "direct://"))
        return NULL;
      /* Through a SOCKS 5 proxy, names are resolved by the proxy too:
       * behind one, this computer may have no name server of its own. */
      if (g_str_has_prefix (p, "socks://"))
        return g_strconcat ("socks5h://", p + strlen ("socks://"), NULL);
      if (g_str_has_prefix (p, "socks5://"))
        return g_strconcat ("socks5h://", p + strlen ("socks5://"), NULL);
      if (g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://") || g_str_has_prefix (p, "socks4://") ||
          g_str_has_prefix (p, "socks4a://"))
        return g_strdup (p);
    }
  return NULL;
}

char *
canting_http_proxy_for (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autofree char *key = NULL;
  ProxyEntry *entry;
  gint64 now = g_get_monotonic_time ();
  char *proxy;

  if (uri == NULL || canting_http_is_this_computer (url))
    return NULL;
  key = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri), g_uri_get_port (uri));
  g_mutex_lock (&proxy_lock);
  if (proxy_cache == NULL)
    proxy_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, proxy_entry_free);
  entry = g_hash_table_lookup (proxy_cache, key);
  if (entry != NULL && now < entry->until)
    {
      proxy = g_strdup (entry->proxy);
      g_mutex_unlock (&proxy_lock);
      return proxy;
    }
  resolver = g_object_ref (proxy_resolver != NULL ? proxy_resolver : g_proxy_resolver_get_default ());
  g_mutex_unlock (&proxy_lock);

  /* Outside the lock: a PAC file may take its time. */
  proxy = resolve_proxy (resolver, url);

  g_mutex_lock (&proxy_lock);
  if (proxy_cache != NULL)
    {
      entry = g_new0 (ProxyEntry, 1);
      entry->proxy = g_strdup (proxy);
      entry->until = now + PROXY_CACHE_SECONDS * G_USEC_PER_SEC;
      g_hash_table_replace (proxy_cache, g_steal_pointer (&key), entry);
    }
  g_mutex_unlock (&proxy_lock);
  return proxy;
}

const char *
canting_http_tls_problem (CURLcode result)
{
  switch (result)
    {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return _("The shop’s security certificate could not be checked (it may have expired, or belong to another "
               "address), so Canting sends it nothing: a password could be read on the way. Ask whoever runs the "
               "shop’s website to renew its certificate, or check the shop’s address.");
    default:
      return NULL;
    }
}

struct curl_slist *
canting_http_headers (const char *content_type,
                      const char *filename)
{
  struct curl_slist *headers = curl_slist_append (NULL, "Accept: application/json");

  headers = curl_slist_append (headers, "Expect:");
  if (content_type != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Content-Type: %s", content_type);
      headers = curl_slist_append (headers, line);
    }
  if (filename != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Content-Disposition: attachment; filename=\"%s\"", filename);
      headers = curl_slist_append (headers, line);
    }
  return headers;
}

void
canting_http_setup_easy (CURL        *easy,
                         const char  *url,
                         const char  *user,
                         const char  *password)
{
  curl_easy_setopt (easy, CURLOPT_URL, url);
  curl_easy_setopt (easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (easy, CURLOPT_USERAGENT, canting_publish_user_agent ());
  curl_easy_setopt (easy, CURLOPT_PROTOCOLS_STR, "http,https");
  /* A redirect could carry the password to another host or to plain
   * http; a shop that moved is told to the person instead. */
  curl_easy_setopt (easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt (easy, CURLOPT_HTTP_VERSION, (long) CURL_HTTP_VERSION_2TLS);
  /* Wait for a connection to multiplex on (HTTP/2) rather than open
   * another. */
  curl_easy_setopt (easy, CURLOPT_PIPEWAIT, 1L);
  curl_easy_setopt (easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt (easy, CURLOPT_CONNECTTIMEOUT, (long) CANTING_HTTP_CONNECT_TIMEOUT_S);
  curl_easy_setopt (easy, CURLOPT_TIMEOUT, (long) CANTING_HTTP_TOTAL_TIMEOUT_S);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (easy, CURLOPT_LOW_SPEED_TIME, (long) CANTING_HTTP_LOW_SPEED_TIME_S);
  /* The proxy the system settings name for this shop; without one,
   * libcurl still reads the environment's (http_proxy and the rest).  A
   * shop on this computer is never reached through one. */
  if (canting_http_is_this_computer (url))
    curl_easy_setopt (easy, CURLOPT_NOPROXY, "*");
  else
    {
      g_autofree char *proxy = canting_http_proxy_for (url);

      if (proxy != NULL)
        curl_easy_setopt (easy, CURLOPT_PROXY, proxy);
    }
  if (user != NULL)
    {
      curl_easy_setopt (easy, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
      curl_easy_setopt (easy, CURLOPT_USERNAME, user);
      curl_easy_setopt (easy, CURLOPT_PASSWORD, password != NULL ? password : "");
    }
}

void
canting_http_reply_free (CantingHttpReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->headers, g_hash_table_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply);
}

static size_t
on_data (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  GString *to = user_data;

  if (to->len + size * n > CANTING_HTTP_MAX_REPLY_BYTES)
    return 0;
  g_string_append_len (to, data, (gssize) (size * n));
  return size * n;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  /* Non-zero makes libcurl stop with CURLE_ABORTED_BY_CALLBACK. */
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

CantingHttpReply *
canting_http_send (const char    *method,
                   const char    *url,
                   const char    *user,
                   const char    *password,
                   const char    *content_type,
                   const char    *filename,
                   GBytes        *body,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GString) reply_headers = g_string_new (NULL);
  g_autoptr(GString) reply_body = g_string_new (NULL);
  struct curl_slist *headers = NULL;
  char error_buf[CURL_ERROR_SIZE] = "";
  CantingHttpReply *reply;
  CURLcode result;
  CURL *easy;
  long code = 0;

  g_return_val_if_fail (method != NULL && url != NULL, NULL);

  if (!canting_publish_init (error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if ((easy = curl_easy_init ()) == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("No answer from the shop: %s"),
                   curl_easy_strerror (CURLE_OUT_OF_MEMORY));
      return NULL;
    }
  canting_http_setup_easy (easy, url, user, password);
  curl_easy_setopt (easy, CURLOPT_ERRORBUFFER, error_buf);
  curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt (easy, CURLOPT_WRITEDATA, reply_body);
  curl_easy_setopt (easy, CURLOPT_HEADERFUNCTION, on_data);
  curl_easy_setopt (easy, CURLOPT_HEADERDATA, reply_headers);
  if (cancellable != NULL)
    {
      curl_easy_setopt (easy, CURLOPT_XFERINFOFUNCTION, on_progress);
      curl_easy_setopt (easy, CURLOPT_XFERINFODATA, cancellable);
      curl_easy_setopt (easy, CURLOPT_NOPROGRESS, 0L);
    }

  headers = canting_http_headers (content_type, filename);
  if (body != NULL || g_str_equal (method, "POST"))
    {
      gsize length = 0;
      gconstpointer data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

      curl_easy_setopt (easy, CURLOPT_POSTFIELDS, data != NULL ? data : "");
      curl_easy_setopt (easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
    }
  if (!g_str_equal (method, "GET") && !g_str_equal (method, "POST"))
    curl_easy_setopt (easy, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (easy, CURLOPT_HTTPHEADER, headers);

  result = curl_easy_perform (easy);
  curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_cleanup (easy);
  curl_slist_free_all (headers);

  if (result == CURLE_ABORTED_BY_CALLBACK && g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (canting_http_tls_problem (result) != NULL)
    {
      g_set_error_literal (error, CANTING_ERROR, CANTING_ERROR_IO, canting_http_tls_problem (result));
      return NULL;
    }
  if (result != CURLE_OK)
    {
      /* A reply cut off is no reply: nobody knows what the shop did. */
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("No answer from the shop: %s"),
                   error_buf[0] != '\0' ? error_buf : curl_easy_strerror (result));
      return NULL;
    }

  reply = g_new0 (CantingHttpReply, 1);
  reply->status = (guint) code;
  reply->headers = canting_remote_parse_headers (reply_headers->str, NULL);
  reply->body = g_string_free_to_bytes (g_steal_pointer (&reply_body));
  return reply;
}
