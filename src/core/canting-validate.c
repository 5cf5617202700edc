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
                   gsize       length,
                   gboolean    allow_newlines)
{
  const char *stop = text + length;

  for (const char *p = text; p < stop; p = g_utf8_next_char (p))
    {
      guchar byte = (guchar) *p;

      /* Multi-line text keeps what a pasted letter or spreadsheet cell
       * holds: line breaks (\r\n too) and tabs.  Other control
       * characters are invisible or upset a terminal or a CSV reader. */
      if ((byte == '\n' || byte == '\r' || byte == '\t') && allow_newlines)
        continue;
      /* Most text is ASCII, whose control characters are C0 and DEL:
       * no table to look them up in. */
      if (byte < 0x80 ? byte < 0x20 || byte == 0x7f : g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }
  return FALSE;
}

typedef enum {
  TEXT_OK,
  TEXT_UNSAVEABLE,
  TEXT_MISSING,
  TEXT_TOO_LONG,
  TEXT_NOT_A_PHONE,
} TextProblem;

/* Checks @text as canting_validate_text() says, without copying it (an
 * import checks several cells of each of a hundred thousand rows). */
static TextProblem
check_text (const char        *text,
            CantingTextRules   rules,
            glong              max_chars)
{
  const char *start = text != NULL ? text : "";
  const char *end;
  gsize length;

  /* Trimmed as g_strstrip() trims. */
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  length = (gsize) (end - start);

  if (!g_utf8_validate_len (start, length, NULL) ||
      has_control_chars (start, length, (rules & CANTING_TEXT_MULTILINE) != 0))
    return TEXT_UNSAVEABLE;
  if ((rules & CANTING_TEXT_REQUIRED) && length == 0)
    return TEXT_MISSING;
  /* Never more characters than bytes: counted only when it could matter. */
  if (length > (gsize) max_chars && g_utf8_strlen (start, (gssize) length) > max_chars)
    return TEXT_TOO_LONG;
  if ((rules & CANTING_TEXT_PHONE) && length > 0)
    {
      g_autofree char *trimmed = g_strndup (start, length);
      if (!canting_phone_is_valid (trimmed))
        return TEXT_NOT_A_PHONE;
    }
  return TEXT_OK;
}

/* The message for @problem; FALSE unless TEXT_OK. */
static gboolean
text_error (TextProblem   problem,
            const char   *text,
            const char   *label,
            const char   *required_message,
            glong         max_chars,
            GQuark        domain,
            int           code,
            GError      **error)
{
  switch (problem)
    {
    case TEXT_OK:
      return TRUE;
    case TEXT_UNSAVEABLE:
      g_set_error (error, domain, code, _("%s contains characters that cannot be saved."), label);
      break;
    case TEXT_MISSING:
      if (required_message != NULL)
        g_set_error_literal (error, domain, code, required_message);
      else
        g_set_error (error, domain, code, _("%s is required."), label);
      break;
    case TEXT_TOO_LONG:
      g_set_error (error, domain, code, _("%s is too long: at most %ld characters."), label, max_chars);
      break;
    case TEXT_NOT_A_PHONE:
    default:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        g_set_error (error, domain, code,
                     _("“%s” is not a phone number. Type it like 0812-3456-7890 or +62 812 3456 7890."),
                     trimmed);
      }
      break;
    }
  return FALSE;
}

static glong
max_chars_for (CantingTextRules rules)
{
  return (rules & CANTING_TEXT_LONG) ? CANTING_LONG_TEXT_MAX_CHARS : CANTING_SHORT_TEXT_MAX_CHARS;
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
  glong max_chars = max_chars_for (rules);

  return text_error (check_text (text, rules, max_chars), text, label, required_message, max_chars, domain, code,
                     error);
}

gboolean
canting_validate_text_untranslated (const char        *text,
                                    CantingTextRules   rules,
                                    const char        *label,
                                    const char        *required_message,
                                    GQuark             domain,
                                    int                code,
                                    GError           **error)
{
  glong max_chars = max_chars_for (rules);
  TextProblem problem = check_text (text, rules, max_chars);

  if (problem == TEXT_OK)
    return TRUE;
  return text_error (problem, text, _(label), required_message != NULL ? _(required_message) : NULL, max_chars,
                     domain, code, error);
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

/* "2026-11-24" for a year of four digits (an import reads one per row:
 * no printf). */
static char *
iso_date (int year,
          int month,
          int day)
{
  char *out = g_malloc (11);

  out[0] = (char) ('0' + year / 1000);
  out[1] = (char) ('0' + year / 100 % 10);
  out[2] = (char) ('0' + year / 10 % 10);
  out[3] = (char) ('0' + year % 10);
  out[4] = '-';
  out[5] = (char) ('0' + month / 10);
  out[6] = (char) ('0' + month % 10);
  out[7] = '-';
  out[8] = (char) ('0' + day / 10);
  out[9] = (char) ('0' + day % 10);
  out[10] = '\0';
  return out;
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
                return iso_date (year, month, day);
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
