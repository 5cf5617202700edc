/* canting-material-private.h: stock movements written by other core
 * code (recipes consumed by orders, stock counts) inside its own
 * transaction. */
#pragma once

#include "canting-material.h"

G_BEGIN_DECLS

/* SQL for what confirmed orders will consume of the material aliased m
 * in the caller's query: driven from the (few) confirmed orders, never
 * from all the items ever naming a product.  Orders filled from finished
 * stock make nothing, so they take no material. */
#define CANTING_RESERVED_SQL \
  "(SELECT coalesce(sum(pm.quantity * i.quantity), 0) FROM orders o " \
  " CROSS JOIN order_items i ON i.order_id = o.id " \
  " CROSS JOIN product_materials pm ON pm.product_id = i.product_id AND pm.material_id = m.id " \
  " WHERE o.status = 'confirmed' AND o.from_stock = 0)"
/* The same for every material at once, as a WITH table "reserved
 * (material_id, needed)" (materials no order needs are not in it): one
 * pass over the confirmed orders rather than one per material. */
#define CANTING_RESERVED_BY_MATERIAL_CTE \
  "reserved AS (SELECT pm.material_id, sum(pm.quantity * i.quantity) AS needed FROM orders o " \
  " CROSS JOIN order_items i ON i.order_id = o.id " \
  " CROSS JOIN product_materials pm ON pm.product_id = i.product_id " \
  " WHERE o.status = 'confirmed' AND o.from_stock = 0 GROUP BY pm.material_id)"
/* Stock on hand of material m, kept by triggers (schema step 18). */
#define CANTING_ON_HAND_SQL "m.on_hand"

/* Keep the movement's given value instead of computing one: a return of
 * usage gives back exactly the worth it took out. */
#define CANTING_MOVEMENT_KEEP_VALUE (1 << 8)

/* Validates and saves @material as canting_material_save() does.  Must
 * run inside a transaction (a CSV import saves many in one). */
gboolean canting_material_save_in_txn (CantingDb        *db,
                                       CantingMaterial  *material,
                                       GError          **error);

/* Validates and inserts @movement, with the same rules as
 * canting_movement_record().  Must run inside a transaction. */
gboolean canting_movement_insert_in_txn (CantingDb            *db,
                                         CantingMovement      *movement,
                                         CantingMovementFlags  flags,
                                         GError              **error);

G_END_DECLS
