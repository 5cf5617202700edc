/* canting-shop-auth.h: who may use the practice shop, checked the way a
 * WooCommerce 7.9 store on plain HTTP checks it.
 *
 * Two ways in: OAuth 1.0a one-legged with the shop's consumer key and
 * secret (WooCommerce routes only), and HTTP Basic with a WordPress user and
 * application password (every route, media upload included).  Basic with a
 * consumer key and secret is ignored over plain HTTP, as WooCommerce
 * ignores it, so such a request is anonymous.  Secrets are compared, never
 * logged or echoed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CANTING_SHOP_AUTH_OK,
  /* No credentials this route takes: the route's own permission error. */
  CANTING_SHOP_AUTH_ANONYMOUS,
  /* Credentials given and refused: 401 with the code and message set. */
  CANTING_SHOP_AUTH_FAILED,
} CantingShopAuthResult;

typedef struct _CantingShopAuth CantingShopAuth;

CantingShopAuth       *canting_shop_auth_new   (const char       *consumer_key,
                                                const char       *consumer_secret,
                                                const char       *user,
                                                const char       *app_password);
void                   canting_shop_auth_free  (CantingShopAuth  *auth);

/* @home_url is the shop's "http://127.0.0.1:PORT": the URL WooCommerce
 * signs against is its home URL and the request's path, whatever host name
 * the client used.  @query holds the decoded query parameters. */
CantingShopAuthResult  canting_shop_auth_check (CantingShopAuth  *auth,
                                                const char       *method,
                                                const char       *home_url,
                                                const char       *path,
                                                GHashTable       *query,
                                                const char       *authorization,
                                                gboolean          woocommerce_route,
                                                char            **code,
                                                char            **message);

/* The OAuth 1.0a signature (base64) of a request: @params are the decoded
 * parameters without oauth_signature, @key is "consumer_secret&", and
 * @signature_method is HMAC-SHA1 or HMAC-SHA256.  NULL for another method. */
char                  *canting_shop_oauth_sign (const char       *http_method,
                                                const char       *url,
                                                GHashTable       *params,
                                                const char       *key,
                                                const char       *signature_method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingShopAuth, canting_shop_auth_free)

G_END_DECLS
