/* canting-quantity.c: formatting and parsing quantities in thousandths. */
#include "canting-quantity.h"

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-number-private.h"

/* Largest quantity accepted: a trillion units.  Like the money limit, it
 * leaves room for sums of many entries inside gint64. */
#define QUANTITY_MAX (G_GINT64_CONSTANT (1000000000000) * CANTING_QUANTITY_ONE)

char *
canting_quantity_format (CantingQuantity quantity)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude = quantity < 0 ? (guint64) 0 - (guint64) quantity : (guint64) quantity;
  guint frac = (guint) (magnitude % CANTING_QUANTITY_ONE);

  guint64 whole = magnitude / CANTING_QUANTITY_ONE;

  if (quantity < 0)
    g_string_append_c (out, '-');
  /* "1.500" alone is ambiguous (one and a half, to some) and the parser
   * refuses it; "1500" is not, and reads back as it was written. */
  if (frac == 0 && whole >= 1000 && whole < 1000000)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, whole);
  else
    canting_number_append_grouped (out, whole);
  if (frac != 0)
    {
      char digits[4];
      int n = 3;

      g_snprintf (digits, sizeof digits, "%03u", frac);
      while (n > 0 && digits[n - 1] == '0')
        n--;
      g_string_append_c (out, ',');
      g_string_append_len (out, digits, n);
    }
  return g_string_free (out, FALSE);
}

char *
canting_count_format (guint64 count)
{
  GString *out = g_string_new (NULL);

  canting_number_append_grouped (out, count);
  return g_string_free (out, FALSE);
}

gboolean
canting_quantity_parse (const char       *text,
                        CantingQuantity  *out_quantity,
                        GError          **error)
{
  g_autofree char *shown = g_strstrip (g_strdup (text ? text : ""));
  const char *p = shown;
  gboolean negative = FALSE;
  gint64 value = 0;
  CantingNumberStatus status;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
      while (g_ascii_isspace (*p))
        p++;
    }

  status = canting_number_read (p, strlen (p), 3, 1, CANTING_NUMBER_TRIMMED_COMMA_DECIMALS, &value);
  if (status == CANTING_NUMBER_OK && value > QUANTITY_MAX)
    status = CANTING_NUMBER_OVERFLOW;

  switch (status)
    {
    case CANTING_NUMBER_OK:
      *out_quantity = negative ? -value : value;
      return TRUE;
    case CANTING_NUMBER_EMPTY:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Type a quantity, for example 2,5."));
      return FALSE;
    case CANTING_NUMBER_GROUPING:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” has its dots and commas in the wrong places. Type it like 2,5 or 1.250,5."),
                   shown);
      return FALSE;
    case CANTING_NUMBER_AMBIGUOUS:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” is ambiguous: the dot could separate thousands or decimals. "
                     "Use a comma for decimals (1,5) and no dot for thousands (1500)."),
                   shown);
      return FALSE;
    case CANTING_NUMBER_TOO_PRECISE:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” has more than three decimals; quantities are kept to a thousandth."),
                   shown);
      return FALSE;
    case CANTING_NUMBER_OVERFLOW:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” is too large a quantity."), shown);
      return FALSE;
    case CANTING_NUMBER_GARBAGE:
    default:
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” is not a quantity. Type it like 2,5 or 12."), shown);
      return FALSE;
    }
}
