/* canting-validate.c: shared text-field checks. */
#include "canting-validate.h"

#include "canting-i18n.h"

G_DEFINE_QUARK (canting-validate-error-quark, canting_validate_error)

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Indonesian numbers: 0812-3456-789 (10 digits) up to +62 812 3456 78901
 * (13); landlines are shorter.  E.164 caps any number at 15 digits. */
#define PHONE_MIN_DIGITS 8
#define PHONE_MAX_DIGITS 15

gboolean
canting_phone_is_valid (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!((*p == '+' && p == text) || *p == ' ' || *p == '-' || *p == '.' ||
                 *p == '(' || *p == ')'))
        return FALSE;
    }
  return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}

static gboolean
has_control_chars (const char *text,
                   gboolean    allow_newlines)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* Multi-line text keeps what a pasted letter or spreadsheet cell
       * holds: line breaks (\r\n too) and tabs.  Other control
       * characters are invisible or upset a terminal or a CSV reader. */
      if ((c == '\n' || c == '\r' || c == '\t') && allow_newlines)
        continue;
      if (g_unichar_iscntrl (c))
        return TRUE;
    }
  return FALSE;
}

gboolean
canting_validate_text (const char        *text,
                       CantingTextRules   rules,
                       const char        *label,
                       const char        *required_message,
                       GQuark             domain,
                       int                code,
                       GError           **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  glong max_chars = (rules & CANTING_TEXT_LONG) ? CANTING_LONG_TEXT_MAX_CHARS : CANTING_SHORT_TEXT_MAX_CHARS;

  if (!g_utf8_validate (trimmed, -1, NULL) ||
      has_control_chars (trimmed, (rules & CANTING_TEXT_MULTILINE) != 0))
    {
      g_set_error (error, domain, code, _("%s contains characters that cannot be saved."), label);
      return FALSE;
    }
  if ((rules & CANTING_TEXT_REQUIRED) && *trimmed == '\0')
    {
      if (required_message != NULL)
        g_set_error_literal (error, domain, code, required_message);
      else
        g_set_error (error, domain, code, _("%s is required."), label);
      return FALSE;
    }
  if (g_utf8_strlen (trimmed, -1) > max_chars)
    {
      g_set_error (error, domain, code, _("%s is too long: at most %ld characters."), label, max_chars);
      return FALSE;
    }
  if ((rules & CANTING_TEXT_PHONE) && *trimmed != '\0' && !canting_phone_is_valid (trimmed))
    {
      g_set_error (error, domain, code,
                   _("“%s” is not a phone number. Type it like 0812-3456-7890 or +62 812 3456 7890."),
                   trimmed);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_date_is_valid (const char *iso_date)
{
  int y, m, d;

  /* Exactly YYYY-MM-DD: eight digits in their places, nothing else. */
  if (iso_date == NULL || strlen (iso_date) != 10 || iso_date[4] != '-' || iso_date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso_date[i]))
      return FALSE;
  y = atoi (iso_date);
  m = atoi (iso_date + 5);
  d = atoi (iso_date + 8);
  return y >= 1900 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* Reads 1 to 4 digits at *p; -1 if there are none or more. */
static int
read_digits (const char **p,
             int          max_digits)
{
  int value = 0, n = 0;

  while (g_ascii_isdigit (**p))
    {
      if (++n > max_digits)
        return -1;
      value = value * 10 + (**p - '0');
      (*p)++;
    }
  return n > 0 ? value : -1;
}

char *
canting_date_parse (const char  *text,
                    GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  const char *p = trimmed;
  int a, b, c;
  char sep;

  /* Digits and one kind of separator only: no signs, spaces or numbers
   * too long to be a date part. */
  a = read_digits (&p, 4);
  sep = *p;
  if (a >= 0 && sep != '\0' && strchr ("/-.", sep) != NULL)
    {
      p++;
      b = read_digits (&p, 2);
      if (b >= 0 && *p == sep)
        {
          p++;
          c = read_digits (&p, 4);
          if (c >= 0 && *p == '\0')
            {
              int day, month, year;
              gboolean year_first = a >= 1000 && sep == '-';

              day = year_first ? c : a;
              month = b;
              year = year_first ? a : c;
              if (year >= 1900 && year <= 9999 && (year_first ? c <= 31 : a <= 31) &&
                  month >= 1 && month <= 12 && day >= 1 && day <= 31 &&
                  g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
                return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
            }
        }
    }
  if (*trimmed == '\0')
    g_set_error (error, CANTING_VALIDATE_ERROR, 0, _("Type a date, for example 24/11/2026."));
  else
    g_set_error (error, CANTING_VALIDATE_ERROR, 0,
                 _("“%s” is not a date. Type it as day/month/year, for example 24/11/2026."), trimmed);
  return NULL;
}

char *
canting_date_time_parse (const char  *text,
                         GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  char *space = strchr (trimmed, ' ');
  g_autofree char *date = NULL;
  int hour = 0, minute = 0, second = 0;

  if (space != NULL)
    {
      const char *p;

      *space = '\0';
      p = space + 1;
      while (*p == ' ')
        p++;
      hour = read_digits (&p, 2);
      if (hour >= 0 && (*p == ':' || *p == '.'))
        {
          p++;
          minute = read_digits (&p, 2);
          if (minute >= 0 && *p == ':')
            {
              p++;
              second = read_digits (&p, 2);
            }
        }
      else
        minute = -1;
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || *p != '\0')
        {
          g_set_error (error, CANTING_VALIDATE_ERROR, 0,
                       _("“%s” is not a time. Type it as hours:minutes, for example 07:30."), space + 1);
          return NULL;
        }
    }
  date = canting_date_parse (trimmed, error);
  if (date == NULL)
    return NULL;
  return g_strdup_printf ("%sT%02d:%02d", date, hour, minute);
}

char *
canting_date_time_format (const char *iso)
{
  g_autofree char *date = g_strndup (iso != NULL ? iso : "", 10);
  g_autofree char *shown = canting_date_format (date);

  if (iso == NULL || strlen (iso) < 16)
    return g_steal_pointer (&shown);
  return g_strdup_printf ("%s %.5s", shown, iso + 11);
}

char *
canting_date_format (const char *iso_date)
{
  if (!canting_date_is_valid (iso_date))
    return g_strdup (iso_date != NULL ? iso_date : "");
  return g_strdup_printf ("%.2s/%.2s/%.4s", iso_date + 8, iso_date + 5, iso_date);
}
