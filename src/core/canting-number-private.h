/* canting-number-private.h: the decimal reader shared by money and
 * quantity parsing.  Not public: callers use canting_money_parse() and
 * canting_quantity_parse(), which add their own rules and messages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CANTING_NUMBER_OK,
  CANTING_NUMBER_EMPTY,
  CANTING_NUMBER_GARBAGE,     /* a character that has no place in a number */
  CANTING_NUMBER_GROUPING,    /* thousands dots in the wrong places */
  CANTING_NUMBER_AMBIGUOUS,   /* "1.500": a thousand and a half, or one and a half? */
  CANTING_NUMBER_TOO_PRECISE, /* more decimals than the unit can hold */
  CANTING_NUMBER_OVERFLOW,
} CantingNumberStatus;

typedef enum {
  /* A single dot followed by exactly three digits ("1.500") is read as a
   * thousands separator.  Right for money with no multiplier (nobody
   * means 1,5 rupiah); ambiguous for quantities, where it is refused. */
  CANTING_NUMBER_DOT_THOUSANDS_WINS = 1 << 0,
  /* Without a multiplier, at most two digits may follow the decimal mark
   * (money: ",00"); more is misplaced thousands, refused. */
  CANTING_NUMBER_SHORT_DECIMALS = 1 << 1,
  /* A single comma followed by exactly three digits of which the last is
   * not 0 ("1,255") is read as decimals.  Canting writes quantities so
   * (trailing zeros dropped), and must read back what it shows; "1,500"
   * stays ambiguous, since Canting would have written "1,5". */
  CANTING_NUMBER_TRIMMED_COMMA_DECIMALS = 1 << 2,
} CantingNumberFlags;

/* Reads an unsigned decimal written with Indonesian separators (dots group
 * thousands, a comma starts the decimals) or with a lone decimal dot.
 * The result is value × 10^scale; more than @scale significant decimals
 * is TOO_PRECISE.  @multiplier (1 or a power of ten) is applied before the
 * precision check, so "1,5" × 1.000.000 is exact. */
CantingNumberStatus canting_number_read (const char         *digits,
                                         gsize               len,
                                         guint               scale,
                                         gint64              multiplier,
                                         CantingNumberFlags  flags,
                                         gint64             *out_value);

/* "1234567" → "1.234.567" (appends to @out). */
void canting_number_append_grouped (GString *out,
                                    guint64  value);

G_END_DECLS
