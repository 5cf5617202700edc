/* canting-money.c: formatting and parsing rupiah.
 *
 * Parsing accepts what people actually type in a workshop: "1.250.000",
 * "Rp1.250.000,00", "Rp 150.000,-", "1,5 jt", "250rb".  Anything else is
 * refused with a message that says how to write it; nothing is guessed. */
#include "canting-money.h"

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-number-private.h"

#include <string.h>

/* Largest amount accepted from a person: Rp 999 trillion.  Far above any
 * workshop's figures, and it keeps sums of thousands of such amounts inside
 * gint64, so totals never overflow silently. */
#define MONEY_MAX G_GINT64_CONSTANT (999999999999999)

char *
canting_money_format (CantingMoney amount)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;

  if (amount < 0)
    g_string_append_c (out, '-');
  g_string_append (out, "Rp ");
  canting_number_append_grouped (out, magnitude);
  return g_string_free (out, FALSE);
}

static const char *
skip_spaces (const char *p)
{
  while (g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
has_prefix_ci (const char *s,
               const char *prefix)
{
  return g_ascii_strncasecmp (s, prefix, strlen (prefix)) == 0;
}

/* Words people put after a number, and what they multiply it by. */
static gint64
suffix_multiplier (const char *suffix)
{
  static const struct { const char *word; gint64 factor; } words[] = {
    { "", 1 },
    { "jt", 1000000 }, { "jt.", 1000000 }, { "juta", 1000000 },
    { "rb", 1000 }, { "rb.", 1000 }, { "ribu", 1000 }, { "k", 1000 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (suffix, words[i].word) == 0)
      return words[i].factor;
  return 0;
}

gboolean
canting_money_parse (const char    *text,
                     CantingMoney  *out_amount,
                     GError       **error)
{
  g_autofree char *shown = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *work = g_strdup (shown);
  gboolean negative = FALSE;
  const char *p;
  const char *num_start;
  gsize num_len;
  g_autofree char *suffix = NULL;
  gint64 multiplier;
  gint64 value = 0;
  CantingNumberStatus status;
  gsize work_len = strlen (work);

  if (work_len == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Type an amount, for example 1.250.000."));
      return FALSE;
    }

  /* "Rp 150.000,-" is the usual way to write a round price. */
  if (work_len >= 2 && strcmp (work + work_len - 2, ",-") == 0)
    work[work_len - 2] = '\0';

  p = skip_spaces (work);
  if (*p == '-')
    {
      negative = TRUE;
      p = skip_spaces (p + 1);
    }
  if (has_prefix_ci (p, "rp"))
    {
      p += 2;
      if (*p == '.')
        p++;
      p = skip_spaces (p);
      if (*p == '-' && !negative)
        {
          negative = TRUE;
          p = skip_spaces (p + 1);
        }
    }

  num_start = p;
  while (g_ascii_isdigit (*p) || *p == '.' || *p == ',')
    p++;
  num_len = (gsize) (p - num_start);
  suffix = g_strstrip (g_strdup (p));
  multiplier = suffix_multiplier (suffix);

  if (num_len == 0 || multiplier == 0)
    status = CANTING_NUMBER_GARBAGE;
  else
    status = canting_number_read (num_start, num_len, 0, multiplier,
                                  CANTING_NUMBER_DOT_THOUSANDS_WINS | CANTING_NUMBER_SHORT_DECIMALS,
                                  &value);
  if (status == CANTING_NUMBER_OK && value > MONEY_MAX)
    status = CANTING_NUMBER_OVERFLOW;

  switch (status)
    {
    case CANTING_NUMBER_OK:
      *out_amount = negative ? -value : value;
      return TRUE;
    case CANTING_NUMBER_GROUPING:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” has its thousands dots in the wrong places. Type it like 1.250.000."),
                   shown);
      return FALSE;
    case CANTING_NUMBER_TOO_PRECISE:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” has a fraction of a rupiah. Amounts are whole rupiah."), shown);
      return FALSE;
    case CANTING_NUMBER_OVERFLOW:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” is too large an amount."), shown);
      return FALSE;
    case CANTING_NUMBER_AMBIGUOUS:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” is ambiguous: the comma or dot could separate thousands or decimals. "
                     "Type it like 25.000, 1.250.000 or 1,5 jt."),
                   shown);
      return FALSE;
    case CANTING_NUMBER_EMPTY:
    case CANTING_NUMBER_GARBAGE:
    default:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” is not an amount of money. Type it like 1.250.000, Rp 1.250.000 or 1,5 jt."),
                   shown);
      return FALSE;
    }
}
