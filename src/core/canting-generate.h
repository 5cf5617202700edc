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

/* What canting_generate_workshop() makes.  Every count but @seed and
 * @years grows with the scale it was set up with. */
typedef struct {
  guint32 seed;
  guint   years;          /* ending 2025-12-31 */
  guint   customers;
  guint   products;       /* each with one to three photos */
  guint   photos;         /* distinct pictures the products share */
  guint   orders;         /* with items, stages, payments */
  guint   materials;
  guint   movements;      /* stock movements */
  guint   ipal_entries;   /* the IPAL's daily log */
  guint   ledger;         /* ledger entries in all, those of payments,
                           * purchases and wages included */
} CantingGenerateSpec;

/* Issue 10's ten-year workshop (200,000 orders, 2,000 products, 300
 * materials with 1,000,000 movements, 20,000 IPAL entries, 1,000,000
 * ledger entries) over @years instead of ten, times @scale (1: full size;
 * 0.01: a quick one for tests). */
void     canting_generate_spec_init (CantingGenerateSpec *spec,
                                     guint32              seed,
                                     guint                years,
                                     double               scale);

typedef struct {
  guint photo_files;        /* pictures and thumbnails written */
  guint ipal_exceedances;   /* log entries and lab tests over a limit */
} CantingGenerateMade;

/* Fills a new, empty workshop (refused otherwise, with
 * CANTING_ERROR_INVALID) with @spec's records: the profile, products with
 * photos and recipes, customers, orders with items, production stages,
 * payments and workers' wages, materials and their stock movements, two
 * IPAL plants with their log, lab tests and sludge, and the ledger; all
 * valid by the app's rules, ending 2025-12-31.  Same @spec, same data. */
gboolean canting_generate_workshop  (CantingDb                  *db,
                                     const CantingGenerateSpec  *spec,
                                     CantingGenerateMade        *made,
                                     GError                    **error);

G_END_DECLS
