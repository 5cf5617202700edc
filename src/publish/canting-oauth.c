/* canting-oauth.c: OAuth 1.0a signing with GLib's GHmac (RFC 5849). */
#include "canting-oauth.h"

#include <string.h>

char *
canting_oauth_percent_encode (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const guchar *c = (const guchar *) text; *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c) || *c == '-' || *c == '.' || *c == '_' || *c == '~')
        g_string_append_c (out, (char) *c);
      else
        g_string_append_printf (out, "%%%02X", *c);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  char *name;   /* encoded */
  char *value;  /* encoded */
} Param;

static void
param_clear (gpointer data)
{
  Param *p = data;
  g_free (p->name);
  g_free (p->value);
}

static int
param_compare (gconstpointer a,
               gconstpointer b)
{
  const Param *pa = a, *pb = b;
  int by_name = strcmp (pa->name, pb->name);

  return by_name != 0 ? by_name : strcmp (pa->value, pb->value);
}

static void
add_param (GArray     *params,
           const char *name,
           const char *value)
{
  Param p = { canting_oauth_percent_encode (name), canting_oauth_percent_encode (value) };
  g_array_append_val (params, p);
}

/* The query is form-encoded (§3.4.1.3.1): "+" is a space. */
static char *
form_decode (const char *text,
             gssize      len)
{
  g_autofree char *copy = g_strndup (text, len < 0 ? strlen (text) : (gsize) len);
  char *decoded;

  for (char *c = copy; *c != '\0'; c++)
    if (*c == '+')
      *c = ' ';
  decoded = g_uri_unescape_string (copy, NULL);
  return decoded != NULL ? decoded : g_strdup (copy);
}

char *
canting_oauth_base_string (const char          *method,
                           const char          *url,
                           const char * const  *params,
                           GError             **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, error);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Param));
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *base_uri = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *encoded_uri = NULL;
  g_autofree char *encoded_params = NULL;
  GString *joined = g_string_new (NULL);
  const char *query;
  int port;

  g_array_set_clear_func (all, param_clear);
  if (uri == NULL)
    {
      g_string_free (joined, TRUE);
      return NULL;
    }

  /* §3.4.1.2: scheme and host in lower case, the port only when it is
   * not the scheme's own, no query or fragment. */
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if ((g_str_equal (scheme, "http") && port == 80) || (g_str_equal (scheme, "https") && port == 443))
    port = -1;
  base_uri = port > 0
             ? g_strdup_printf ("%s://%s:%d%s", scheme, host, port, *g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/")
             : g_strdup_printf ("%s://%s%s", scheme, host, *g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");

  /* §3.4.1.3: the query's parameters and the given ones, each encoded,
   * sorted by name then value. */
  query = g_uri_get_query (uri);
  if (query != NULL && *query != '\0')
    {
      g_auto(GStrv) pairs = g_strsplit (query, "&", -1);

      for (guint i = 0; pairs[i] != NULL; i++)
        {
          const char *eq = strchr (pairs[i], '=');
          g_autofree char *name = form_decode (pairs[i], eq != NULL ? eq - pairs[i] : -1);
          g_autofree char *value = eq != NULL ? form_decode (eq + 1, -1) : g_strdup ("");

          if (*pairs[i] != '\0')
            add_param (all, name, value);
        }
    }
  for (guint i = 0; params != NULL && params[i] != NULL && params[i + 1] != NULL; i += 2)
    add_param (all, params[i], params[i + 1]);
  g_array_sort (all, param_compare);
  for (guint i = 0; i < all->len; i++)
    {
      Param *p = &g_array_index (all, Param, i);
      g_string_append_printf (joined, "%s%s=%s", i > 0 ? "&" : "", p->name, p->value);
    }

  upper = g_ascii_strup (method, -1);
  encoded_uri = canting_oauth_percent_encode (base_uri);
  encoded_params = canting_oauth_percent_encode (joined->str);
  g_string_free (joined, TRUE);
  return g_strdup_printf ("%s&%s&%s", upper, encoded_uri, encoded_params);
}

char *
canting_oauth_signature (CantingOAuthMethod  method,
                         const char         *base_string,
                         const char         *consumer_secret,
                         const char         *token_secret)
{
  g_autofree char *secret = canting_oauth_percent_encode (consumer_secret);
  g_autofree char *token = canting_oauth_percent_encode (token_secret != NULL ? token_secret : "");
  g_autofree char *key = g_strdup_printf ("%s&%s", secret, token);
  GChecksumType type = method == CANTING_OAUTH_HMAC_SHA256 ? G_CHECKSUM_SHA256 : G_CHECKSUM_SHA1;
  g_autoptr(GHmac) hmac = g_hmac_new (type, (const guchar *) key, strlen (key));
  guint8 digest[32];
  gsize len = sizeof digest;
  char *out;

  g_hmac_update (hmac, (const guchar *) base_string, -1);
  g_hmac_get_digest (hmac, digest, &len);
  out = g_base64_encode (digest, len);
  /* The key held the secret: leave no copy in freed memory. */
  memset (key, 0, strlen (key));
  memset (secret, 0, strlen (secret));
  return out;
}

char *
canting_oauth_sign_url (const char          *http_method,
                        const char          *url,
                        const char          *consumer_key,
                        const char          *consumer_secret,
                        const char          *token,
                        const char          *token_secret,
                        CantingOAuthMethod   method,
                        gint64               timestamp,
                        const char          *nonce,
                        GError             **error)
{
  const char *method_name = method == CANTING_OAUTH_HMAC_SHA256 ? "HMAC-SHA256" : "HMAC-SHA1";
  g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_FORMAT, timestamp);
  const char *params[] = {
    "oauth_consumer_key", consumer_key,
    "oauth_nonce", nonce,
    "oauth_signature_method", method_name,
    "oauth_timestamp", stamp,
    token != NULL ? "oauth_token" : NULL, token,
    NULL,
  };
  g_autofree char *base = canting_oauth_base_string (http_method, url, params, error);
  g_autofree char *signature = NULL;
  g_autofree char *enc_key = NULL;
  g_autofree char *enc_nonce = NULL;
  g_autofree char *enc_signature = NULL;
  g_autofree char *enc_token = NULL;
  g_autofree char *token_part = NULL;

  if (base == NULL)
    return NULL;
  signature = canting_oauth_signature (method, base, consumer_secret, token_secret);
  enc_key = canting_oauth_percent_encode (consumer_key);
  enc_nonce = canting_oauth_percent_encode (nonce);
  enc_signature = canting_oauth_percent_encode (signature);
  if (token != NULL)
    {
      enc_token = canting_oauth_percent_encode (token);
      token_part = g_strdup_printf ("&oauth_token=%s", enc_token);
    }
  return g_strdup_printf ("%s%soauth_consumer_key=%s&oauth_nonce=%s&oauth_signature_method=%s"
                          "&oauth_timestamp=%s%s&oauth_signature=%s",
                          url, strchr (url, '?') != NULL ? "&" : "?", enc_key, enc_nonce, method_name,
                          stamp, token_part != NULL ? token_part : "", enc_signature);
}
