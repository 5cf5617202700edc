/* canting-material.h: raw materials (mori, malam, dyes, chemicals) and
 * their stock ledger.
 *
 * Stock is never a number to overwrite: every change is a movement (a
 * purchase, usage for an order item, an adjustment after a count, waste),
 * and stock on hand is their sum.  Each movement also carries how much it
 * changed the stock's worth, so the average cost (worth ÷ quantity) is a
 * perpetual weighted average that follows the purchases. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-money.h"
#include "canting-quantity.h"
#include "canting-unit.h"

G_BEGIN_DECLS

#define CANTING_MATERIAL_ERROR (canting_material_error_quark ())
typedef enum {
  CANTING_MATERIAL_FIELD_NAME,
  CANTING_MATERIAL_FIELD_KIND,
  CANTING_MATERIAL_FIELD_UNIT,
  CANTING_MATERIAL_FIELD_ROLL_SIZE,
  CANTING_MATERIAL_FIELD_REORDER_LEVEL,
  CANTING_MATERIAL_FIELD_SUPPLIER,
  CANTING_MATERIAL_FIELD_NOTES,
} CantingMaterialField;
GQuark canting_material_error_quark (void);

#define CANTING_MOVEMENT_ERROR (canting_movement_error_quark ())
typedef enum {
  CANTING_MOVEMENT_FIELD_QUANTITY,
  CANTING_MOVEMENT_FIELD_COST,
  CANTING_MOVEMENT_FIELD_DATE,
  CANTING_MOVEMENT_FIELD_SUPPLIER,
  CANTING_MOVEMENT_FIELD_REASON,
  /* An adjustment would leave less than nothing in stock: ask the person
   * to confirm, then record it with CANTING_MOVEMENT_ALLOW_NEGATIVE. */
  CANTING_MOVEMENT_FIELD_NEGATIVE,
  CANTING_MOVEMENT_FIELD_DUE_DATE,
} CantingMovementField;
GQuark canting_movement_error_quark (void);

typedef enum {
  CANTING_MATERIAL_MORI,      /* cotton (and silk, rayon) cloth */
  CANTING_MATERIAL_MALAM,     /* wax */
  CANTING_MATERIAL_DYE,
  CANTING_MATERIAL_CHEMICAL,  /* soda ash, waterglass, nitrit, HCl, TRO */
  CANTING_MATERIAL_OTHER,
} CantingMaterialKind;
#define CANTING_MATERIAL_KIND_COUNT 5

const char *canting_material_kind_to_string   (CantingMaterialKind  kind);
const char *canting_material_kind_label       (CantingMaterialKind  kind);  /* translated */
gboolean    canting_material_kind_from_string (const char          *text,
                                               CantingMaterialKind *out_kind);

typedef struct {
  gint64               id;             /* 0 until saved */
  char                *name;
  CantingMaterialKind  kind;
  CantingUnit          unit;           /* stock is kept in it; fixed once stock moved */
  CantingQuantity      roll_size;      /* of @unit in one roll (gulung/pis); 0: none */
  CantingQuantity      reorder_level;  /* warn when available falls to it; 0: never */
  char                *supplier;       /* the preferred one */
  char                *notes;
  gboolean             archived;
  /* Read-only, from the ledger and the confirmed orders: */
  CantingQuantity      on_hand;
  CantingMoney         value;          /* what the stock on hand is worth */
  CantingMoney         last_unit_cost; /* per unit, from the latest purchase; 0: none */
  CantingQuantity      reserved;       /* what confirmed orders will consume */
} CantingMaterial;

#define CANTING_TYPE_MATERIAL (canting_material_get_type ())
GType            canting_material_get_type (void);
CantingMaterial *canting_material_new      (void);
CantingMaterial *canting_material_copy     (const CantingMaterial *material);
void             canting_material_free     (CantingMaterial       *material);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingMaterial, canting_material_free)

/* On hand − reserved. */
CantingQuantity  canting_material_available    (const CantingMaterial *material);
/* Average cost of one unit (worth ÷ on hand); with nothing in stock, the
 * latest purchase price; 0 when never bought. */
CantingMoney     canting_material_average_cost (const CantingMaterial *material);
/* Whether the available stock is at or below the reorder level. */
gboolean         canting_material_is_low       (const CantingMaterial *material);

gboolean         canting_material_validate (const CantingMaterial  *material,
                                            GError                **error);
/* Inserts or updates, archived flag included.  A name another material
 * has is refused; so is a new unit for a material whose stock has
 * already moved. */
gboolean         canting_material_save     (CantingDb              *db,
                                            CantingMaterial        *material,
                                            GError                **error);
CantingMaterial *canting_material_load     (CantingDb              *db,
                                            gint64                  id,
                                            GError                **error);
/* Materials are never deleted (their movements name them): archived ones
 * leave the lists and the recipe choices. */
gboolean         canting_material_set_archived (CantingDb          *db,
                                                gint64              id,
                                                gboolean            archived,
                                                GError            **error);

typedef struct {
  const char *text;            /* name or supplier contains; NULL/"" for all */
  int         kind;            /* a CantingMaterialKind, or -1 for any */
  gboolean    low_only;        /* at or below the reorder level */
  gboolean    include_archived;
} CantingMaterialFilter;

/* (transfer full) (element-type CantingMaterial): one page, by kind then name. */
GPtrArray       *canting_material_search (CantingDb                   *db,
                                          const CantingMaterialFilter *filter,
                                          guint                        offset,
                                          guint                        limit,
                                          GError                     **error);
gint64           canting_material_count  (CantingDb                   *db,
                                          const CantingMaterialFilter *filter,
                                          GError                     **error);

typedef enum {
  CANTING_MOVEMENT_PURCHASE,
  CANTING_MOVEMENT_USAGE,       /* for an order item, or other use */
  CANTING_MOVEMENT_ADJUSTMENT,  /* after a count, with a reason */
  CANTING_MOVEMENT_WASTE,       /* spoiled dye, damaged cloth */
} CantingMovementKind;
#define CANTING_MOVEMENT_KIND_COUNT 4

const char *canting_movement_kind_to_string   (CantingMovementKind  kind);
const char *canting_movement_kind_label       (CantingMovementKind  kind);
gboolean    canting_movement_kind_from_string (const char          *text,
                                               CantingMovementKind *out_kind);

typedef struct {
  gint64               id;
  gint64               material_id;
  CantingMovementKind  kind;
  CantingQuantity      quantity;       /* signed change, in the material's unit */
  CantingMoney         cost;           /* purchases: the total paid */
  char                *on_date;        /* YYYY-MM-DD */
  char                *supplier;       /* purchases; "" for the material's own */
  char                *reason;         /* required for adjustments */
  gint64               order_item_id;  /* usage for an order; 0 for none */
  gboolean             unpaid;         /* purchases: bought on credit, to pay later */
  char                *due_date;       /* unpaid purchases: when it is to be paid, or NULL */
  /* Read-only: */
  CantingMoney         value;          /* the change in the stock's worth */
  char                *order_number;   /* of the order item, or NULL */
  CantingQuantity      balance;        /* stock on hand after it (in lists) */
} CantingMovement;

CantingMovement *canting_movement_new  (void);
void             canting_movement_free (CantingMovement *movement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingMovement, canting_movement_free)

typedef enum {
  CANTING_MOVEMENT_DEFAULT = 0,
  /* The person confirmed an adjustment that leaves stock below zero. */
  CANTING_MOVEMENT_ALLOW_NEGATIVE = 1 << 0,
} CantingMovementFlags;

gboolean         canting_movement_validate (const CantingMovement  *movement,
                                            GError                **error);
/* Records @movement (sets its id and value) in one transaction.  Stock
 * never goes below zero: usage and waste beyond it are refused, and an
 * adjustment needs CANTING_MOVEMENT_ALLOW_NEGATIVE (else the error is
 * CANTING_MOVEMENT_FIELD_NEGATIVE). */
gboolean         canting_movement_record   (CantingDb              *db,
                                            CantingMovement        *movement,
                                            CantingMovementFlags    flags,
                                            GError                **error);

/* Records that the unpaid purchase @id was paid on @paid_on (YYYY-MM-DD,
 * not before it was bought): its expense enters the ledger that day.
 * Refused for anything but an unpaid purchase. */
gboolean         canting_purchase_mark_paid (CantingDb             *db,
                                             gint64                 id,
                                             const char            *paid_on,
                                             GError               **error);

/* (transfer full) (element-type CantingMovement): one page of a
 * material's movements, newest first, each with the balance after it. */
GPtrArray       *canting_material_movements (CantingDb             *db,
                                             gint64                 material_id,
                                             guint                  offset,
                                             guint                  limit,
                                             GError               **error);
gint64           canting_material_movement_count (CantingDb        *db,
                                                  gint64            material_id,
                                                  GError          **error);

typedef struct {
  char            *date;       /* YYYY-MM-DD */
  CantingQuantity  on_hand;    /* stock at the end of that day */
  CantingMoney     unit_cost;  /* purchases: price per unit that day; else 0 */
} CantingStockPoint;

/* Per day with a movement, oldest first: stock at the end of the day and,
 * on purchase days, the price paid per unit (for the charts).
 * (transfer full) (element-type CantingStockPoint) */
GPtrArray       *canting_material_history (CantingDb  *db,
                                           gint64      material_id,
                                           GError    **error);
void             canting_stock_point_free (CantingStockPoint *point);

typedef struct {
  gint64          material_id;
  CantingQuantity counted;
} CantingStockCount;

/* Stock count (stok opname): posts the difference between each counted
 * quantity and the stock on hand as one adjustment dated @on_date with
 * @reason, all in one transaction.  Materials whose count matches get no
 * movement.  @out_posted: how many adjustments were made. */
gboolean         canting_material_post_count (CantingDb          *db,
                                              const GArray       *counts,
                                              const char         *on_date,
                                              const char         *reason,
                                              guint              *out_posted,
                                              GError            **error);

G_END_DECLS
