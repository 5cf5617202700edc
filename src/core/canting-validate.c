/* canting-validate.c: shared text-field checks. */
#include "canting-validate.h"

#include "canting-i18n.h"

#include <stdio.h>
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
      if (c == '\n' && allow_newlines)
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
  int y, m, d, used = 0;

  if (iso_date == NULL || strlen (iso_date) != 10 ||
      sscanf (iso_date, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
      iso_date[4] != '-' || iso_date[7] != '-')
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y) && y >= 1900 && y <= 9999;
}
