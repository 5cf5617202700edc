/* canting-csv-private.h: writing CSV cells for other core code (the IPAL
 * monthly report, the money reports). */
#pragma once

#include <glib.h>

#include "canting-money.h"
#include "canting-quantity.h"

G_BEGIN_DECLS

/* Appends @text as one cell, quoted as needed and guarded against
 * spreadsheet formulas, then @separator or (when @last) CRLF. */
void canting_csv_put (GString    *out,
                      const char *text,
                      char        separator,
                      gboolean    last);

/* Money as every export writes it: plain whole rupiah ("1250000",
 * "-5000"), which spreadsheets sum. */
void canting_csv_put_money (GString      *out,
                            CantingMoney  amount,
                            char          separator,
                            gboolean      last);

/* A quantity as a cell a spreadsheet and the import read back: the
 * decimal comma, no thousands dots ("1100", "9,6"); 0 is an empty cell. */
void canting_csv_put_quantity (GString         *out,
                               CantingQuantity  quantity,
                               char             separator,
                               gboolean         last);

/* An IPAL measurement: empty when not measured (CANTING_IPAL_NO_VALUE),
 * "0" for a measured nothing, else as canting_csv_put_quantity(). */
void canting_csv_put_measured (GString         *out,
                               CantingQuantity  value,
                               char             separator,
                               gboolean         last);

G_END_DECLS
