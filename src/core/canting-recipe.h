/* canting-recipe.h: what one piece of a product consumes, and what the
 * orders need of the stock.
 *
 * When an order goes into production, each catalog item's recipe ×
 * pieces is taken out of stock as usage linked to the item; cancelling
 * the order gives it back.  Confirmed orders not yet in production
 * reserve what they will take, so available = on hand − reserved. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-material.h"
#include "canting-product.h"

G_BEGIN_DECLS

/* Most of one material a single piece may take: a thousand units (a
 * thousand metres of cloth for one piece is already a mistake). */
#define CANTING_RECIPE_QUANTITY_MAX (G_GINT64_CONSTANT (1000) * CANTING_QUANTITY_ONE)

typedef struct {
  gint64           material_id;
  CantingQuantity  quantity;       /* per piece, in the material's unit */
  /* Read-only, filled when read: */
  char            *material_name;
  CantingUnit      unit;
} CantingRecipeLine;

CantingRecipeLine *canting_recipe_line_new  (gint64           material_id,
                                             CantingQuantity  quantity);
void               canting_recipe_line_free (CantingRecipeLine *line);

/* (transfer full) (element-type CantingRecipeLine): by material name. */
GPtrArray *canting_product_recipe     (CantingDb     *db,
                                       gint64         product_id,
                                       GError       **error);
/* Replaces the product's recipe with @lines, whole or not at all.  Each
 * material at most once, each quantity above zero. */
gboolean   canting_product_set_recipe (CantingDb     *db,
                                       gint64         product_id,
                                       GPtrArray     *lines,
                                       GError       **error);

/* canting_product_save_with_stock() and the recipe (NULL: left as it
 * is), all in one transaction: the product form saves whole or not. */
gboolean   canting_product_save_with_recipe (CantingDb       *db,
                                             CantingProduct  *product,
                                             gint64           shown_stock,
                                             gint64           new_stock,
                                             GPtrArray       *lines,
                                             GError         **error);

typedef struct {
  gint64  product_id;
  char   *sku;
  char   *name;
  gint64  pieces;            /* how many more the available stock allows */
  char   *limiting_material; /* the material that runs out first */
} CantingCanMake;

void       canting_can_make_free (CantingCanMake *row);
/* "Bisa dibuat": for every current product with a recipe, how many more
 * pieces the available stock allows.  (transfer full) (element-type
 * CantingCanMake): by name. */
GPtrArray *canting_recipe_can_make (CantingDb  *db,
                                    GError    **error);

typedef struct {
  gint64           material_id;
  char            *name;
  char            *supplier;     /* "" when none is set */
  CantingUnit      unit;
  CantingQuantity  roll_size;
  CantingQuantity  needed;       /* what confirmed orders will consume */
  CantingQuantity  on_hand;
  CantingQuantity  shortage;     /* needed − on hand, above zero */
} CantingShortage;

void       canting_shortage_free (CantingShortage *row);
/* What confirmed orders still need beyond the stock, grouped by supplier
 * (those without one last), then by name.  (transfer full)
 * (element-type CantingShortage) */
GPtrArray *canting_recipe_shortages (CantingDb  *db,
                                     GError    **error);
/* A message to order @shortages from @supplier (NULL: every supplier,
 * one block each), to paste into WhatsApp.  (transfer full) */
char      *canting_shortage_share_text (GPtrArray   *shortages,
                                        const char  *supplier,
                                        const char  *workshop_name);

G_END_DECLS
