/* canting-shop-faults.c: parsing and scheduling injected faults.
 *
 * Syntax (--faults SPEC), items separated by commas:
 *
 *   latency=DURATION             every API request waits this long first
 *                                (50ms, 2s, 1.5s; a bare number is ms)
 *   500=WHEN                     reply 500 (WordPress's critical error), nothing done
 *   429=WHEN[:retry-after=SECS]  reply 429 Too Many Requests with Retry-After
 *                                (default 2 seconds), nothing done
 *   drop=WHEN                    close the connection without a reply, nothing done
 *   drop-after=WHEN              do the work, then close without a reply
 *   malformed=WHEN               do the work, then send the JSON cut short
 *   batch-fail=WHEN              in a batch request, every second item of each
 *                                list fails with a per-item error inside the 200
 *
 *   WHEN is every:N (the Nth, 2Nth, ... request), first:N (requests 1..N)
 *   or at:A-B (requests A..B, A-B the same: one request).
 *
 * Every fault but batch-fail counts API requests (/wp-json/...) from 1;
 * batch-fail counts the batch requests that no drop, 500 or 429 stopped.  When several hit one request, a drop
 * wins over a 500, a 500 over a 429; the others apply to the reply. */
#include "config.h"

#include "canting-shop-faults.h"

#include "canting-error.h"

#include <glib/gi18n.h>
#include <string.h>

typedef enum { WHEN_NEVER, WHEN_EVERY, WHEN_FIRST, WHEN_AT } WhenKind;

typedef struct {
  WhenKind kind;
  guint64 n;
  guint64 last;   /* WHEN_AT: requests n..last */
} When;

struct _CantingShopFaults
{
  guint latency_ms;
  When drop, drop_after, server_error, too_many, malformed, batch_fail;
  guint retry_after;
  guint64 requests;
  guint64 batches;
};

/* How long a Retry-After says to wait when the spec does not: short, so
 * tests stay fast, but long enough that a client must really wait. */
#define DEFAULT_RETRY_AFTER 2

static gboolean
fires (const When *when,
       guint64     count)
{
  switch (when->kind)
    {
    case WHEN_EVERY:
      return count % when->n == 0;
    case WHEN_FIRST:
      return count <= when->n;
    case WHEN_AT:
      return count >= when->n && count <= when->last;
    case WHEN_NEVER:
    default:
      return FALSE;
    }
}

static gboolean
parse_when (const char  *text,
            When        *when,
            const char **rest)
{
  guint64 n;
  const char *digits;
  char *end;

  if (g_str_has_prefix (text, "every:"))
    when->kind = WHEN_EVERY, digits = text + 6;
  else if (g_str_has_prefix (text, "first:"))
    when->kind = WHEN_FIRST, digits = text + 6;
  else if (g_str_has_prefix (text, "at:"))
    when->kind = WHEN_AT, digits = text + 3;
  else
    return FALSE;
  if (!g_ascii_isdigit (*digits))
    return FALSE;
  n = g_ascii_strtoull (digits, &end, 10);
  if (n == 0 || n > G_MAXUINT32)
    return FALSE;
  when->n = n;
  if (when->kind == WHEN_AT)
    {
      if (*end != '-' || !g_ascii_isdigit (end[1]))
        return FALSE;
      when->last = g_ascii_strtoull (end + 1, &end, 10);
      if (when->last < n || when->last > G_MAXUINT32)
        return FALSE;
    }
  *rest = end;
  return TRUE;
}

static gboolean
parse_duration_ms (const char *text,
                   guint      *out_ms)
{
  char *end;
  double value = g_ascii_strtod (text, &end);
  double factor;

  if (end == text || value < 0)
    return FALSE;
  if (*end == '\0' || g_str_equal (end, "ms"))
    factor = 1;
  else if (g_str_equal (end, "s"))
    factor = 1000;
  else
    return FALSE;
  /* A minute at most: longer is a hang, not latency. */
  if (value * factor > 60000)
    return FALSE;
  *out_ms = (guint) (value * factor + 0.5);
  return TRUE;
}

CantingShopFaults *
canting_shop_faults_parse (const char  *spec,
                           GError     **error)
{
  g_autofree CantingShopFaults *faults = g_new0 (CantingShopFaults, 1);
  g_auto(GStrv) items = g_strsplit (spec != NULL ? spec : "", ",", -1);

  faults->retry_after = DEFAULT_RETRY_AFTER;
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      char *eq = strchr (item, '=');
      const char *value, *rest = "";
      When *when = NULL;
      gboolean ok = FALSE;

      if (*item == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("Fault “%s” has no value: write it as NAME=every:N, NAME=first:N, NAME=at:A-B or "
                         "latency=50ms."),
                       item);
          return NULL;
        }
      *eq = '\0';
      value = eq + 1;
      if (g_str_equal (item, "latency"))
        ok = parse_duration_ms (value, &faults->latency_ms);
      else
        {
          if (g_str_equal (item, "500"))
            when = &faults->server_error;
          else if (g_str_equal (item, "429"))
            when = &faults->too_many;
          else if (g_str_equal (item, "drop"))
            when = &faults->drop;
          else if (g_str_equal (item, "drop-after"))
            when = &faults->drop_after;
          else if (g_str_equal (item, "malformed"))
            when = &faults->malformed;
          else if (g_str_equal (item, "batch-fail"))
            when = &faults->batch_fail;
          else
            {
              g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                           _("Unknown fault “%s”; known: latency, 500, 429, drop, drop-after, malformed, batch-fail."),
                           item);
              return NULL;
            }
          ok = parse_when (value, when, &rest);
          if (ok && when == &faults->too_many && g_str_has_prefix (rest, ":retry-after="))
            {
              guint64 secs;
              ok = g_ascii_string_to_unsigned (rest + strlen (":retry-after="), 10, 0, 3600, &secs, NULL);
              faults->retry_after = (guint) secs;
              rest = "";
            }
          ok = ok && *rest == '\0';
        }
      if (!ok)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("Fault “%s=%s” is not understood: write every:N or first:N (N from 1), at:A-B "
                         "(A up to B), 429=every:N:retry-after=SECONDS, or latency=50ms (at most 60s)."),
                       item, value);
          return NULL;
        }
    }
  return g_steal_pointer (&faults);
}

void
canting_shop_faults_free (CantingShopFaults *faults)
{
  g_free (faults);
}

guint
canting_shop_faults_latency_ms (CantingShopFaults *faults)
{
  return faults->latency_ms;
}

void
canting_shop_faults_next (CantingShopFaults    *faults,
                          gboolean              is_batch,
                          CantingShopFaultHits *hits)
{
  guint64 n = ++faults->requests;

  memset (hits, 0, sizeof *hits);
  hits->drop = fires (&faults->drop, n);
  hits->server_error = !hits->drop && fires (&faults->server_error, n);
  hits->too_many = !hits->drop && !hits->server_error && fires (&faults->too_many, n);
  hits->retry_after = faults->retry_after;
  if (hits->drop || hits->server_error || hits->too_many)
    return;
  hits->drop_after = fires (&faults->drop_after, n);
  hits->malformed = fires (&faults->malformed, n);
  if (is_batch)
    hits->batch_fail = fires (&faults->batch_fail, ++faults->batches);
}
