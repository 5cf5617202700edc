/* canting-recipe-private.h: the order code consumes and gives back
 * recipes inside its own status-change transaction. */
#pragma once

#include "canting-recipe.h"

G_BEGIN_DECLS

/* Takes each catalog item's recipe × pieces out of stock as usage for
 * that item, once (an item already consumed is skipped: back from ready
 * for rework).  Refused with a message naming the short material when the
 * stock does not cover it.  @on_date: YYYY-MM-DD. */
gboolean canting_recipe_consume_order_in_txn (CantingDb   *db,
                                              gint64       order_id,
                                              const char  *on_date,
                                              GError     **error);
/* Gives back what the order's items consumed (a cancelled order), at the
 * worth it was taken out at. */
gboolean canting_recipe_return_order_in_txn  (CantingDb   *db,
                                              gint64       order_id,
                                              const char  *on_date,
                                              GError     **error);

G_END_DECLS
