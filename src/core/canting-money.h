/* canting-money.h: rupiah amounts as whole numbers.
 *
 * Money is a gint64 count of whole rupiah: IDR has no minor unit in
 * practice, so there is no rounding anywhere.  Formatting and parsing follow
 * how Indonesians write amounts (Rp 1.250.000, 1,5 jt, 250rb). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 CantingMoney;

char     *canting_money_format (CantingMoney amount);
gboolean  canting_money_parse  (const char    *text,
                                CantingMoney  *out_amount,
                                GError       **error);

G_END_DECLS
