/* canting-quantity.h: material quantities as exact thousandths.
 *
 * A quantity is a gint64 count of thousandths of its material's unit
 * (2,5 m = 2500), so stock sums are exact.  Written with the Indonesian
 * decimal comma; a decimal dot is accepted too. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef gint64 CantingQuantity;

/* One whole unit (1 m, 1 kg, 1 piece). */
#define CANTING_QUANTITY_ONE G_GINT64_CONSTANT (1000)

char     *canting_quantity_format (CantingQuantity quantity);
/* A count of things (rows, orders) written as the workshop writes
 * numbers: 199689 → "199.689". */
char     *canting_count_format    (guint64          count);
gboolean  canting_quantity_parse  (const char       *text,
                                   CantingQuantity  *out_quantity,
                                   GError          **error);

G_END_DECLS
