/* canting-order-private.h: what other core code shares with the order
 * code about orders, as SQL. */
#pragma once

#include "canting-order.h"

G_BEGIN_DECLS

/* An order (aliased o) that owes: confirmed or later, not cancelled,
 * with a balance left.  A draft is not yet agreed with the customer, so
 * nothing of it is owed.  One definition for the Orders page's "Not
 * fully paid" filter and for what customers owe (canting-ledger.c),
 * whose dialog sends the person to that filter: the two counts are the
 * same orders.  Spelled exactly as the orders_owing index's condition
 * (schema step 21), which SQLite uses only when a query's WHERE has
 * that same term. */
#define CANTING_ORDER_OWING_SQL "o.status NOT IN ('draft', 'cancelled') AND o.total > o.paid"

G_END_DECLS
