/* canting-retry.c: the retry policy: backoff with jitter, Retry-After,
 * and which failures are never retried. */
#include "canting-retry.h"

#include <stdio.h>
#include <string.h>

gboolean
canting_retry_is_retryable (guint status)
{
  if (status == 0 || status == 408 || status == 425 || status == 429)
    return TRUE;
  return status >= 500 && status <= 599 && status != 501 && status != 505;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT", the only date form RFC 9110 asks a
 * sender to use (IMF-fixdate). */
static GDateTime *
parse_http_date (const char *text)
{
  static const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  char weekday[4] = "", month[4] = "", zone[4] = "";
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;

  if (sscanf (text, "%3s, %2d %3s %4d %2d:%2d:%2d %3s", weekday, &day, month, &year, &hour, &minute, &second,
              zone) != 8 || strcmp (zone, "GMT") != 0)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (months); i++)
    if (strcmp (month, months[i]) == 0)
      return g_date_time_new_utc (year, (int) i + 1, day, hour, minute, second);
  return NULL;
}

gint64
canting_retry_after_seconds (const char *header,
                             GDateTime  *now)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) current = NULL;
  guint64 seconds = 0;
  gint64 diff;

  if (header == NULL)
    return -1;
  text = g_strstrip (g_strdup (header));
  if (*text == '\0')
    return -1;
  if (g_ascii_isdigit (*text))
    {
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &seconds, NULL))
        return -1;
      return (gint64) seconds;
    }
  if ((at = parse_http_date (text)) == NULL)
    return -1;
  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  diff = g_date_time_difference (at, current) / G_TIME_SPAN_SECOND;
  return MAX (diff, 0);
}

gint64
canting_retry_delay (guint        status,
                     guint        attempts,
                     const char  *retry_after,
                     GDateTime   *now,
                     double       jitter)
{
  gint64 asked, window = CANTING_RETRY_BASE_SECONDS;

  if (!canting_retry_is_retryable (status))
    return -1;
  asked = canting_retry_after_seconds (retry_after, now);
  if (asked >= 0)
    return MIN (asked, CANTING_RETRY_AFTER_MAX_SECONDS);

  for (guint i = 1; i < attempts && window < CANTING_RETRY_MAX_SECONDS; i++)
    window *= 2;
  window = MIN (window, CANTING_RETRY_MAX_SECONDS);
  jitter = CLAMP (jitter, 0.0, 1.0);
  /* "Equal jitter": never less than half the window, so a failing shop
   * still gets the backoff, and never two products at the same moment. */
  return window / 2 + (gint64) (jitter * (double) (window - window / 2));
}
