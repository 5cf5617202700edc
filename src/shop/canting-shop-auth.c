/* canting-shop-auth.c: OAuth 1.0a and application passwords, as WordPress
 * and WooCommerce 7.9 check them on plain HTTP.
 *
 * The order of checks and the messages follow WooCommerce's
 * WC_REST_Authentication (missing parameters, consumer key, signature
 * method, signature, timestamp, nonce) and WordPress's application
 * passwords, so a client sees here the errors a real store would give. */
#include "config.h"

#include "canting-shop-auth.h"

#include <string.h>

/* WooCommerce accepts a timestamp up to 15 minutes away from its clock,
 * and remembers nonces for as long. */
#define TIMESTAMP_WINDOW_S (15 * 60)

struct _CantingShopAuth
{
  char *consumer_key;
  char *consumer_secret;
  char *user;
  char *app_password;     /* letters and digits only, as WordPress compares it */
  GHashTable *nonces;     /* nonce → timestamp */
};

static char *
letters_and_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

CantingShopAuth *
canting_shop_auth_new (const char *consumer_key,
                       const char *consumer_secret,
                       const char *user,
                       const char *app_password)
{
  CantingShopAuth *auth = g_new0 (CantingShopAuth, 1);

  auth->consumer_key = g_strdup (consumer_key);
  auth->consumer_secret = g_strdup (consumer_secret);
  auth->user = g_strdup (user);
  auth->app_password = letters_and_digits (app_password);
  auth->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return auth;
}

void
canting_shop_auth_free (CantingShopAuth *auth)
{
  if (auth == NULL)
    return;
  g_free (auth->consumer_key);
  /* Secrets do not linger in freed memory. */
  if (auth->consumer_secret != NULL)
    memset (auth->consumer_secret, 0, strlen (auth->consumer_secret));
  g_free (auth->consumer_secret);
  g_free (auth->user);
  if (auth->app_password != NULL)
    memset (auth->app_password, 0, strlen (auth->app_password));
  g_free (auth->app_password);
  g_hash_table_unref (auth->nonces);
  g_free (auth);
}

/* Compares in time that does not depend on where the strings differ. */
static gboolean
equal_secret (const char *a,
              const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guchar diff = la != lb;

  for (gsize i = 0; i < la; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i % MAX (lb, 1)];
  return diff == 0;
}

static char *
encode (const char *text)
{
  /* RFC 3986: everything but A-Z a-z 0-9 - . _ ~ is %XX, upper-case. */
  return g_uri_escape_string (text, NULL, FALSE);
}

typedef struct {
  char *key;
  char *value;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = a, *pb = b;
  int c = strcmp (pa->key, pb->key);

  return c != 0 ? c : strcmp (pa->value, pb->value);
}

char *
canting_shop_oauth_sign (const char *http_method,
                         const char *url,
                         GHashTable *params,
                         const char *key,
                         const char *signature_method)
{
  GChecksumType type;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *url_enc = NULL;
  g_autofree char *joined_enc = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GHmac) hmac = NULL;
  GHashTableIter iter;
  gpointer k, v;
  guint8 digest[64];
  gsize len = sizeof digest;

  if (g_strcmp0 (signature_method, "HMAC-SHA1") == 0)
    type = G_CHECKSUM_SHA1;
  else if (g_strcmp0 (signature_method, "HMAC-SHA256") == 0)
    type = G_CHECKSUM_SHA256;
  else
    return NULL;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      Pair pair;

      if (g_str_equal (k, "oauth_signature"))
        continue;
      pair.key = encode (k);
      pair.value = encode (v != NULL ? v : "");
      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);

      if (i > 0)
        g_string_append_c (joined, '&');
      g_string_append_printf (joined, "%s=%s", pair->key, pair->value);
      g_free (pair->key);
      g_free (pair->value);
    }
  url_enc = encode (url);
  joined_enc = encode (joined->str);
  base = g_strdup_printf ("%s&%s&%s", http_method, url_enc, joined_enc);
  hmac = g_hmac_new (type, (const guchar *) key, strlen (key));
  g_hmac_update (hmac, (const guchar *) base, -1);
  g_hmac_get_digest (hmac, digest, &len);
  return g_base64_encode (digest, len);
}

static void
fail (char       **code,
      char       **message,
      const char  *error_code,
      const char  *error_message)
{
  *code = g_strdup (error_code);
  *message = g_strdup (error_message);
}

static gboolean
forget_old_nonce (gpointer key,
                  gpointer value,
                  gpointer now)
{
  return GPOINTER_TO_SIZE (value) + TIMESTAMP_WINDOW_S < GPOINTER_TO_SIZE (now);
}

/* The OAuth parameters of an "Authorization: OAuth k="v", ..." header. */
static void
add_header_params (GHashTable *params,
                   const char *authorization)
{
  g_auto(GStrv) parts = g_strsplit (authorization + strlen ("OAuth "), ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *eq = strchr (part, '=');
      char *value;
      gsize len;

      if (eq == NULL || !g_str_has_prefix (part, "oauth_"))
        continue;
      *eq = '\0';
      value = eq + 1;
      len = strlen (value);
      if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
        {
          value[len - 1] = '\0';
          value++;
        }
      g_hash_table_replace (params, g_strdup (part), g_uri_unescape_string (value, NULL));
    }
}

static CantingShopAuthResult
check_oauth (CantingShopAuth  *auth,
             const char       *method,
             const char       *home_url,
             const char       *path,
             GHashTable       *params,
             char            **code,
             char            **message)
{
  static const char *required[] = {
    "oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method",
  };
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *given = NULL;
  const char *signature_method;
  guint n_missing = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 timestamp;
  const char *nonce;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *value = g_hash_table_lookup (params, required[i]);

      if (value == NULL || *value == '\0')
        {
          g_string_append_printf (missing, "%s%s", n_missing > 0 ? ", " : "", required[i]);
          n_missing++;
        }
    }
  if (n_missing == G_N_ELEMENTS (required))
    return CANTING_SHOP_AUTH_ANONYMOUS;
  if (n_missing > 0)
    {
      g_autofree char *text = g_strdup_printf (n_missing == 1 ? "Missing OAuth parameter %s"
                                                              : "Missing OAuth parameters %s", missing->str);
      fail (code, message, "woocommerce_rest_authentication_missing_parameter", text);
      return CANTING_SHOP_AUTH_FAILED;
    }
  if (!g_str_equal (g_hash_table_lookup (params, "oauth_consumer_key"), auth->consumer_key))
    {
      fail (code, message, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
      return CANTING_SHOP_AUTH_FAILED;
    }
  signature_method = g_hash_table_lookup (params, "oauth_signature_method");
  key = g_strdup_printf ("%s&", auth->consumer_secret);
  url = g_strconcat (home_url, path, NULL);
  expected = canting_shop_oauth_sign (method, url, params, key, signature_method);
  memset (key, 0, strlen (key));
  if (expected == NULL)
    {
      fail (code, message, "woocommerce_rest_authentication_error",
            "Invalid signature - signature method is invalid.");
      return CANTING_SHOP_AUTH_FAILED;
    }
  /* WooCommerce restores a '+' that query decoding turned into a space,
   * then decodes once more for clients that encode twice. */
  given = g_strdup (g_hash_table_lookup (params, "oauth_signature"));
  g_strdelimit (given, " ", '+');
  {
    char *decoded = g_uri_unescape_string (given, NULL);
    if (decoded != NULL)
      {
        g_free (given);
        given = decoded;
      }
  }
  if (!equal_secret (expected, given))
    {
      fail (code, message, "woocommerce_rest_authentication_error",
            "Invalid signature - provided signature does not match.");
      return CANTING_SHOP_AUTH_FAILED;
    }
  timestamp = g_ascii_strtoll (g_hash_table_lookup (params, "oauth_timestamp"), NULL, 10);
  if (timestamp < now - TIMESTAMP_WINDOW_S || timestamp > now + TIMESTAMP_WINDOW_S)
    {
      fail (code, message, "woocommerce_rest_authentication_error", "Invalid timestamp.");
      return CANTING_SHOP_AUTH_FAILED;
    }
  g_hash_table_foreach_remove (auth->nonces, forget_old_nonce, GSIZE_TO_POINTER ((gsize) now));
  nonce = g_hash_table_lookup (params, "oauth_nonce");
  if (g_hash_table_contains (auth->nonces, nonce))
    {
      fail (code, message, "woocommerce_rest_authentication_error", "Invalid nonce - nonce has already been used.");
      return CANTING_SHOP_AUTH_FAILED;
    }
  g_hash_table_insert (auth->nonces, g_strdup (nonce), GSIZE_TO_POINTER ((gsize) timestamp));
  return CANTING_SHOP_AUTH_OK;
}

static CantingShopAuthResult
check_basic (CantingShopAuth  *auth,
             const char       *authorization,
             char            **code,
             char            **message)
{
  gsize len = 0;
  g_autofree guchar *decoded = g_base64_decode (authorization + strlen ("Basic "), &len);
  g_autofree char *text = g_strndup ((const char *) decoded, len);
  g_autofree char *password = NULL;
  char *colon = strchr (text, ':');

  if (colon == NULL)
    return CANTING_SHOP_AUTH_ANONYMOUS;
  *colon = '\0';
  /* A consumer key over plain HTTP: WooCommerce only reads Basic keys
   * over HTTPS, so the request goes on as nobody's. */
  if (g_str_has_prefix (text, "ck_"))
    return CANTING_SHOP_AUTH_ANONYMOUS;
  if (!g_str_equal (text, auth->user))
    {
      fail (code, message, "invalid_username", "Unknown username. Check again or try your email address.");
      return CANTING_SHOP_AUTH_FAILED;
    }
  password = letters_and_digits (colon + 1);
  memset (colon + 1, 0, strlen (colon + 1));
  if (!equal_secret (password, auth->app_password))
    {
      fail (code, message, "incorrect_password", "The provided password is an invalid application password.");
      return CANTING_SHOP_AUTH_FAILED;
    }
  return CANTING_SHOP_AUTH_OK;
}

CantingShopAuthResult
canting_shop_auth_check (CantingShopAuth  *auth,
                         const char       *method,
                         const char       *home_url,
                         const char       *path,
                         GHashTable       *query,
                         const char       *authorization,
                         gboolean          woocommerce_route,
                         char            **code,
                         char            **message)
{
  g_autoptr(GHashTable) params = NULL;
  GHashTableIter iter;
  gpointer k, v;

  *code = NULL;
  *message = NULL;
  /* WordPress checks an application password first, on every route. */
  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    {
      CantingShopAuthResult result = check_basic (auth, authorization, code, message);

      if (result != CANTING_SHOP_AUTH_ANONYMOUS)
        return result;
    }
  /* WooCommerce's own keys are read only on its routes (not wp/v2/media). */
  if (!woocommerce_route)
    return CANTING_SHOP_AUTH_ANONYMOUS;
  params = g_hash_table_new (g_str_hash, g_str_equal);
  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (params, k, v);
    }
  if (authorization != NULL && g_ascii_strncasecmp (authorization, "OAuth ", 6) == 0)
    {
      g_autoptr(GHashTable) header = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      add_header_params (header, authorization);
      g_hash_table_iter_init (&iter, header);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (params, k, v);
      return check_oauth (auth, method, home_url, path, params, code, message);
    }
  return check_oauth (auth, method, home_url, path, params, code, message);
}
