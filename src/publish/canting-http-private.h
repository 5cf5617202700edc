/* canting-http-private.h: how every request of src/publish to a shop is
 * set up in libcurl.
 *
 * One place for the rules, so a request sent on its own
 * (canting_http_send()) and the worker's requests behave alike: who
 * Canting says it is, TLS always verified, no redirects, timeouts, no
 * proxy to this computer and the system's proxy elsewhere, HTTP Basic.  Only src/publish includes it
 * (it needs curl.h). */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A shop on a village connection can take a while to answer the first
 * packet; twenty seconds covers a slow mobile link, and a shop that is
 * down is noticed without a person staring at a spinner for minutes. */
#define CANTING_HTTP_CONNECT_TIMEOUT_S 20
/* A batch of 100 products on shared hosting can take a minute to
 * process; a photo on a slow uplink longer.  Three minutes, well under
 * the outbox lease (CANTING_OUTBOX_LEASE_SECONDS), so no request
 * outlives its lease. */
#define CANTING_HTTP_TOTAL_TIMEOUT_S 180
/* ...unless it stalls: less than a byte a second for a minute is a dead
 * connection, not a slow one. */
#define CANTING_HTTP_LOW_SPEED_TIME_S 60
/* Larger replies are not a WooCommerce shop's: stop reading. */
#define CANTING_HTTP_MAX_REPLY_BYTES (16 * 1024 * 1024)

/* TRUE when @url's host is this computer (127.0.0.1, localhost): plain
 * http is allowed there, and no proxy is used to reach it. */
gboolean canting_http_is_this_computer (const char *url);

/* The proxy for @url as the system's settings say (GProxyResolver: GNOME's
 * network settings, the Flatpak portal, the environment), in a form
 * libcurl reads, or NULL for a direct connection (always for this
 * computer).  Asked again after a minute.  (transfer full) */
char    *canting_http_proxy_for        (const char  *url);
/* Tests: the resolver to ask instead of the default one (NULL: the
 * default again); forgets what was asked before. */
void     canting_http_set_proxy_resolver (GProxyResolver *resolver);

/* When @result is libcurl's word for a shop whose identity could not be
 * checked (a certificate expired, self-signed, for another name), what
 * to tell the person, translated; else NULL.  Nothing is sent to such a
 * shop: TLS verification stays on. */
const char *canting_http_tls_problem (CURLcode result);

/* The request headers every request to a shop sends: it reads JSON, no
 * "Expect: 100-continue" round trip before a body (on a link with a
 * long delay it costs a whole extra wait), the body's @content_type
 * (nullable) and, with @filename, an upload of that name
 * (Content-Disposition, which WordPress's media library reads).
 * (transfer full): free with curl_slist_free_all() once sent. */
struct curl_slist *canting_http_headers (const char *content_type,
                                         const char *filename);

/* Sets @easy up for @url as every request to a shop is, signed in by
 * HTTP Basic as @user with @password unless @user is NULL (a signed
 * OAuth URL, or no sign-in).  The caller adds the method, body, headers
 * and where the reply goes. */
void     canting_http_setup_easy       (CURL        *easy,
                                        const char  *url,
                                        const char  *user,
                                        const char  *password);

G_END_DECLS
