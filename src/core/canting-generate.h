/* canting-generate.h: realistic, deterministic data in bulk, for
 * benchmarks and for trying Canting at the scale of years of records. */
#pragma once

#include "canting-db.h"

G_BEGIN_DECLS

/* Adds @n_orders orders (with items, status history and payments) for a
 * few hundred customers and a catalog of products, spread over the years
 * before 2026, all in one transaction.  Same @seed, same data. */
gboolean canting_generate_orders (CantingDb  *db,
                                  guint       n_orders,
                                  guint32     seed,
                                  GError    **error);

/* Tops the workshop up to @n_materials materials and adds @n_movements
 * stock movements (purchases, usage, waste, adjustments) spread over
 * them and over ten years, each with the worth it changes, in one
 * transaction; stock never goes below zero.  Same @seed, same data. */
gboolean canting_generate_stock  (CantingDb  *db,
                                  guint       n_movements,
                                  guint       n_materials,
                                  guint32     seed,
                                  GError    **error);

/* Adds @n_entries ledger entries typed by hand (income, expenses and
 * transfers over the three starting accounts, about one in a hundred
 * voided), spread evenly over the ten years 2016–2025, oldest first, in
 * one transaction.  Same @seed, same data. */
gboolean canting_generate_ledger (CantingDb  *db,
                                  guint       n_entries,
                                  guint32     seed,
                                  GError    **error);

G_END_DECLS
