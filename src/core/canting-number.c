/* canting-number.c: the decimal reader under money and quantity parsing.
 *
 * Exact integer arithmetic only: a typed "1,5 jt" becomes 1500000 without
 * ever passing through a double, so no amount is off by one rupiah. */
#include "canting-number-private.h"

#include <string.h>

/* Thousands grouping "1.250.000": a first group of one to three digits,
 * then groups of exactly three. */
static gboolean
valid_grouping (const char *s,
                gsize       len)
{
  gsize group = 0;
  gboolean first = TRUE;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '.')
        {
          if (group == 0 || (first && group > 3) || (!first && group != 3))
            return FALSE;
          first = FALSE;
          group = 0;
        }
      else
        group++;
    }
  return group == 3 || (first && group > 0);
}

static gsize
count_char (const char *s,
            gsize       len,
            char        c)
{
  gsize n = 0;
  for (gsize i = 0; i < len; i++)
    n += s[i] == c;
  return n;
}

static const char *
find_char (const char *s,
           gsize       len,
           char        c)
{
  return memchr (s, c, len);
}

/* Appends the digits of s[0..len) to *mantissa, skipping dots. */
static gboolean
accumulate (const char *s,
            gsize       len,
            guint64    *mantissa)
{
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '.')
        continue;
      if (*mantissa > ((guint64) G_MAXINT64 - (guint64) (s[i] - '0')) / 10)
        return FALSE;
      *mantissa = *mantissa * 10 + (guint64) (s[i] - '0');
    }
  return TRUE;
}

CantingNumberStatus
canting_number_read (const char         *digits,
                     gsize               len,
                     guint               scale,
                     gint64              multiplier,
                     CantingNumberFlags  flags,
                     gint64             *out_value)
{
  const char *int_part = digits;
  gsize int_len = len;
  const char *frac = NULL;
  gsize frac_len = 0;
  guint exponent = scale;
  guint64 mantissa = 0;
  gsize commas;
  gsize dots;

  g_return_val_if_fail (multiplier >= 1, CANTING_NUMBER_GARBAGE);

  if (len == 0)
    return CANTING_NUMBER_EMPTY;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (digits[i]) && digits[i] != '.' && digits[i] != ',')
      return CANTING_NUMBER_GARBAGE;

  /* The multiplier is a power of ten ("jt" = 10^6); fold it into the
   * exponent so precision is judged on the final value. */
  for (gint64 m = multiplier; m > 1; m /= 10)
    {
      if (m % 10 != 0)
        return CANTING_NUMBER_GARBAGE;
      exponent++;
    }

  commas = count_char (digits, len, ',');
  if (commas > 1)
    return CANTING_NUMBER_GROUPING;

  if (commas == 1)
    {
      const char *comma = find_char (digits, len, ',');
      int_len = (gsize) (comma - digits);
      frac = comma + 1;
      frac_len = len - int_len - 1;
      if (frac_len == 0 || find_char (frac, frac_len, '.') != NULL)
        return CANTING_NUMBER_GROUPING;
      if (int_len > 0 && find_char (int_part, int_len, '.') != NULL &&
          !valid_grouping (int_part, int_len))
        return CANTING_NUMBER_GROUPING;
    }
  else if ((dots = count_char (digits, len, '.')) > 1)
    {
      if (!valid_grouping (digits, len))
        return CANTING_NUMBER_GROUPING;
    }
  else if (dots == 1)
    {
      const char *dot = find_char (digits, len, '.');
      gsize before = (gsize) (dot - digits);
      gsize after = len - before - 1;
      gboolean looks_grouped = after == 3 && before >= 1 && before <= 3 && digits[0] != '0';

      if (after == 0)
        return CANTING_NUMBER_GROUPING;
      if (looks_grouped && !(flags & CANTING_NUMBER_DOT_THOUSANDS_WINS))
        return CANTING_NUMBER_AMBIGUOUS;
      if (!looks_grouped)
        {
          /* A lone decimal dot, as in "2.5" or "1250000.00". */
          int_len = before;
          frac = dot + 1;
          frac_len = after;
        }
    }

  if (int_len == 0 && frac_len == 0)
    return CANTING_NUMBER_GARBAGE;

  /* Trailing zeros after the decimal mark carry no precision ("1.250.000,00"). */
  while (frac_len > 0 && frac[frac_len - 1] == '0')
    frac_len--;
  if (frac_len > exponent)
    return CANTING_NUMBER_TOO_PRECISE;

  if (!accumulate (int_part, int_len, &mantissa) ||
      (frac_len > 0 && !accumulate (frac, frac_len, &mantissa)))
    return CANTING_NUMBER_OVERFLOW;

  for (guint i = (guint) frac_len; i < exponent; i++)
    {
      if (mantissa > (guint64) G_MAXINT64 / 10)
        return CANTING_NUMBER_OVERFLOW;
      mantissa *= 10;
    }

  *out_value = (gint64) mantissa;
  return CANTING_NUMBER_OK;
}

void
canting_number_append_grouped (GString *out,
                               guint64  value)
{
  char buf[32];
  int n = g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, buf[i]);
    }
}
