/* canting-unit.h: the units materials are counted in, and converting
 * between them.
 *
 * Each material keeps its stock in one base unit (m, yard, piece, kg,
 * gram, litre or ml).  Purchases and usage may be typed in another unit
 * of the same kind (yard for a cloth counted in m, kodi for pieces, gram
 * for a dye counted in kg) or in rolls (gulung, pis), whose size the
 * material itself says: a mori roll is commonly about 30 m. */
#pragma once

#include <glib.h>

#include "canting-quantity.h"

G_BEGIN_DECLS

typedef enum {
  CANTING_UNIT_METRE,
  CANTING_UNIT_YARD,
  CANTING_UNIT_PIECE,   /* potong, lembar */
  CANTING_UNIT_KODI,    /* 20 pieces, how cloth and batik are traded */
  CANTING_UNIT_ROLL,    /* gulung, pis: as long (or as many) as the material says */
  CANTING_UNIT_KG,
  CANTING_UNIT_GRAM,
  CANTING_UNIT_LITRE,
  CANTING_UNIT_ML,
} CantingUnit;
#define CANTING_UNIT_COUNT 9

/* Largest roll: 10 km of cloth (or 10,000 pieces).  Real rolls hold tens
 * of metres; anything near this is a typing mistake. */
#define CANTING_ROLL_SIZE_MAX (G_GINT64_CONSTANT (10000) * CANTING_QUANTITY_ONE)

const char *canting_unit_to_string (CantingUnit  unit);   /* "m", "piece": as stored */
const char *canting_unit_label     (CantingUnit  unit);   /* translated: "potong" */
/* The unit stored as @id ("m", "piece"); anything else is a piece, the
 * one unit every material can be counted in. */
CantingUnit canting_unit_from_string (const char *id);
/* Reads a unit as people write it ("meter", "pcs", "gulung", "gr", "ltr"),
 * in Indonesian or English.  An unknown unit: FALSE with a message listing
 * the known ones. */
gboolean    canting_unit_parse     (const char   *text,
                                    CantingUnit  *out_unit,
                                    GError      **error);
/* Whether stock may be kept in @unit (kodi and rolls are always converted). */
gboolean    canting_unit_is_base   (CantingUnit  unit);
/* Whether @unit can be converted into @base for a material whose roll
 * holds @roll_size (0: the material has no roll size). */
gboolean    canting_unit_converts  (CantingUnit      unit,
                                    CantingUnit      base,
                                    CantingQuantity  roll_size);

/* Converts @quantity of @unit into @base, rounded to the nearest
 * thousandth.  Fails with a message when the units do not convert (kg
 * into m), a roll has no size, or the result would be too large. */
gboolean    canting_unit_convert   (CantingQuantity   quantity,
                                    CantingUnit       unit,
                                    CantingUnit       base,
                                    CantingQuantity   roll_size,
                                    CantingQuantity  *out_quantity,
                                    GError          **error);

/* "2,5 m" in the unit's translated label.  (transfer full) */
char       *canting_unit_format    (CantingQuantity  quantity,
                                    CantingUnit      unit);

G_END_DECLS
