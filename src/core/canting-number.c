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
  dots = count_char (digits, len, '.');

  if (commas + dots == 1)
    {
      /* One separator: "1.500", "1,5", "25,000".  Followed by exactly three
       * digits after one to three digits, it reads as thousands to some
       * people and as decimals to others; guessing wrong is off by a
       * factor of a thousand, so such input is refused unless the caller
       * says how its readers write (money: "Rp 1.500" is never 1,5). */
      const char *sep = find_char (digits, len, commas ? ',' : '.');
      gsize before = (gsize) (sep - digits);
      gsize after = len - before - 1;
      gboolean looks_grouped = after == 3 && before >= 1 && before <= 3 && digits[0] != '0' &&
                               !(*sep == ',' && (flags & CANTING_NUMBER_TRIMMED_COMMA_DECIMALS) &&
                                 digits[len - 1] != '0');

      if (after == 0)
        return CANTING_NUMBER_GROUPING;
      if (looks_grouped)
        {
          if (*sep != '.' || !(flags & CANTING_NUMBER_DOT_THOUSANDS_WINS) || multiplier != 1)
            return CANTING_NUMBER_AMBIGUOUS;
          /* "1.500" as one thousand five hundred: all digits are whole. */
        }
      else
        {
          int_len = before;
          frac = sep + 1;
          frac_len = after;
        }
    }
  else if (commas > 1)
    return CANTING_NUMBER_GROUPING;
  else if (commas == 1)
    {
      /* "1.250.000,50": dots group thousands, the comma starts decimals. */
      const char *comma = find_char (digits, len, ',');
      int_len = (gsize) (comma - digits);
      frac = comma + 1;
      frac_len = len - int_len - 1;
      if (frac_len == 0 || find_char (frac, frac_len, '.') != NULL ||
          !valid_grouping (int_part, int_len))
        return CANTING_NUMBER_GROUPING;
    }
  else if (dots > 1 && !valid_grouping (digits, len))
    return CANTING_NUMBER_GROUPING;

  /* Written money has at most two decimals ("Rp 1.250.000,00"); three or
   * more digits after the mark are thousands in the wrong places
   * ("1250.000"), not a fraction to drop. */
  if ((flags & CANTING_NUMBER_SHORT_DECIMALS) && multiplier == 1 && frac_len > 2)
    return CANTING_NUMBER_GROUPING;

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
