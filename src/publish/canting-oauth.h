/* canting-oauth.h: OAuth 1.0a signatures (RFC 5849) for WooCommerce
 * consumer keys over plain http.
 *
 * WooCommerce takes a consumer key by HTTP Basic only over https; on
 * plain http (allowed in Canting only for the practice shop on
 * 127.0.0.1) it wants "one-legged" OAuth 1.0a: no token, the oauth_*
 * parameters in the query string, signed with the key
 * "consumer_secret&".  The secret never leaves this computer: only the
 * signature does. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CANTING_OAUTH_HMAC_SHA1,
  CANTING_OAUTH_HMAC_SHA256,
} CantingOAuthMethod;

/* RFC 5849 §3.6: every byte but A-Z a-z 0-9 - . _ ~ as %XX, capitals.
 * (transfer full) */
char *canting_oauth_percent_encode (const char *text);

/* RFC 5849 §3.4.1: the signature base string of a request to @url (its
 * query taken as parameters) with @params, name, value, name, value,
 * ..., NULL (the oauth_* parameters and any form body), not encoded.
 * (transfer full) NULL with G_URI_ERROR for an unreadable @url. */
char *canting_oauth_base_string (const char          *method,
                                 const char          *url,
                                 const char * const  *params,
                                 GError             **error);

/* Base64 of the HMAC of @base_string under "secret&token_secret"
 * (@token_secret NULL or "" for one-legged).  (transfer full) */
char *canting_oauth_signature   (CantingOAuthMethod   method,
                                 const char          *base_string,
                                 const char          *consumer_secret,
                                 const char          *token_secret);

/* @url with oauth_consumer_key, oauth_nonce, oauth_signature_method,
 * oauth_timestamp (and oauth_token when given) and oauth_signature added
 * to its query string: the request WooCommerce accepts over http.
 * @timestamp and @nonce are the caller's (the current time, a random
 * string) so that signatures can be checked against known vectors.
 * (transfer full) */
char *canting_oauth_sign_url    (const char          *http_method,
                                 const char          *url,
                                 const char          *consumer_key,
                                 const char          *consumer_secret,
                                 const char          *token,
                                 const char          *token_secret,
                                 CantingOAuthMethod   method,
                                 gint64               timestamp,
                                 const char          *nonce,
                                 GError             **error);

G_END_DECLS
