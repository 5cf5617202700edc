/* canting-retry.h: when to try a remote operation again.
 *
 * A pure function of what happened (the HTTP status, how many attempts,
 * the shop's Retry-After) and a random number the caller draws, so the
 * policy is tested without a clock or a network.  The outbox stores the
 * time it gives; the worker never sleeps on it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The first retry comes after 5 to 10 seconds (a dropped Wi-Fi
 * reconnects in that time), and each later wait doubles, up to an hour:
 * on a connection that is down for the afternoon Canting keeps trying
 * without hammering the shop, and a queued product is never given up. */
#define CANTING_RETRY_BASE_SECONDS 10
#define CANTING_RETRY_MAX_SECONDS 3600
/* A shop's Retry-After is obeyed up to a day: a misconfigured host
 * asking for a year must not freeze the outbox for good. */
#define CANTING_RETRY_AFTER_MAX_SECONDS 86400

/* Whether a request that ended so may be sent again as it is: no reply
 * at all (@status 0), 408 Request Timeout, 425 Too Early, 429 Too Many
 * Requests and server errors (5xx, except 501 and 505, which say the
 * server will never do it).  Any other 4xx is the shop refusing what was
 * sent; sending it again would only be refused again. */
gboolean canting_retry_is_retryable (guint status);

/* A Retry-After header in seconds: "120", or an HTTP date ("Wed, 21 Oct
 * 2015 07:28:00 GMT") counted from @now (NULL: the current time).  -1
 * when absent or unreadable; 0 for a date already past. */
gint64   canting_retry_after_seconds (const char *header,
                                      GDateTime  *now);

/* Seconds to wait before sending again after @attempts attempts (1 for
 * the first) that ended with @status, or -1 for never.  @jitter, from 0
 * up to (not including) 1, spreads the waits of many products over the
 * second half of the window, so a shop coming back is not hit by all of
 * them at once.  A Retry-After the shop sent is honoured as given. */
gint64   canting_retry_delay (guint        status,
                              guint        attempts,
                              const char  *retry_after,
                              GDateTime   *now,
                              double       jitter);

G_END_DECLS
