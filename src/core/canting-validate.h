/* canting-validate.h: checks shared by every form's text fields.
 *
 * Each record (profile, customer, product, order) reports a bad field as
 * an error in its own domain whose code names the field, so a form can
 * put the message next to the right row.  These helpers do the checking
 * and word the message; the caller supplies domain, code and label. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors of the free-standing checks (dates); forms rewrap them in their
 * record's field error. */
#define CANTING_VALIDATE_ERROR (canting_validate_error_quark ())
GQuark canting_validate_error_quark (void);

/* A name or city fits on a receipt line.  An address or notes may take
 * many lines: a letter or a chat pasted whole (100 KB of plain text) is
 * kept, not cut; anything longer belongs in a file. */
#define CANTING_SHORT_TEXT_MAX_CHARS 120
#define CANTING_LONG_TEXT_MAX_CHARS (100 * 1024)

typedef enum {
  CANTING_TEXT_REQUIRED = 1 << 0,
  CANTING_TEXT_MULTILINE = 1 << 1,
  CANTING_TEXT_LONG = 1 << 2,   /* CANTING_LONG_TEXT_MAX_CHARS, not SHORT */
  CANTING_TEXT_PHONE = 1 << 3,  /* empty, or an Indonesian/E.164 phone number */
} CantingTextRules;

/* Checks @text (trimmed first) against @rules.  @label names the field
 * in the message ("Workshop name"); @required_message replaces the
 * generic "… is required" when set. */
gboolean canting_validate_text (const char        *text,
                                CantingTextRules   rules,
                                const char        *label,
                                const char        *required_message,
                                GQuark             domain,
                                int                code,
                                GError           **error);

/* The same with @label and @required_message marked N_() and translated
 * only for a message: what is checked for every row of a large import
 * does not look up words it rarely shows. */
gboolean canting_validate_text_untranslated (const char        *text,
                                             CantingTextRules   rules,
                                             const char        *label,
                                             const char        *required_message,
                                             GQuark             domain,
                                             int                code,
                                             GError           **error);

gboolean canting_phone_is_valid (const char *text);

/* Checks a calendar date written as YYYY-MM-DD. */
gboolean canting_date_is_valid (const char *iso_date);

/* Reads a date as people type it: 24/11/2026, 24-11-2026, 24.11.2026
 * (day first, the Indonesian way) or 2026-11-24.  (transfer full): the
 * ISO date, or NULL with @error saying how to write it. */
char    *canting_date_parse    (const char  *text,
                                GError     **error);
/* A date and a time as people type them: "24/11/2026 07:30" (also
 * 7.30 or 07:30:00; no time means 00:00).  (transfer full): local
 * "2026-11-24T07:30", or NULL with @error. */
char    *canting_date_time_parse  (const char  *text,
                                   GError     **error);
/* "2026-11-24T07:30" → "24/11/2026 07:30". */
char    *canting_date_time_format (const char  *iso);

/* 2026-11-24 → 24/11/2026, for showing and editing. */
char    *canting_date_format   (const char  *iso_date);

G_END_DECLS
