/* canting-unit.c: unit names and exact conversions between them. */
#include "canting-unit.h"

#include "canting-error.h"
#include "canting-i18n.h"

/* Same limit as canting_quantity_parse(): a trillion units. */
#define QUANTITY_MAX (G_GINT64_CONSTANT (1000000000000) * CANTING_QUANTITY_ONE)

typedef enum {
  DIM_LENGTH,
  DIM_COUNT,
  DIM_MASS,
  DIM_VOLUME,
  DIM_ROLL,
} Dimension;

static const struct {
  const char *id;
  const char *label;   /* N_() where a translation differs */
  Dimension   dimension;
  guint64     size;    /* within its dimension: tenths of a millimetre,
                        * pieces, grams, millilitres.  A yard is exactly
                        * 0,9144 m by international agreement. */
  gboolean    base;
} units[CANTING_UNIT_COUNT] = {
  [CANTING_UNIT_METRE] = { "m", N_("m"), DIM_LENGTH, 10000, TRUE },
  [CANTING_UNIT_YARD] = { "yard", N_("yard"), DIM_LENGTH, 9144, TRUE },
  [CANTING_UNIT_PIECE] = { "piece", N_("piece"), DIM_COUNT, 1, TRUE },
  [CANTING_UNIT_KODI] = { "kodi", N_("kodi"), DIM_COUNT, 20, FALSE },
  [CANTING_UNIT_ROLL] = { "roll", N_("roll"), DIM_ROLL, 0, FALSE },
  [CANTING_UNIT_KG] = { "kg", N_("kg"), DIM_MASS, 1000, TRUE },
  [CANTING_UNIT_GRAM] = { "gram", N_("gram"), DIM_MASS, 1, TRUE },
  [CANTING_UNIT_LITRE] = { "litre", N_("litre"), DIM_VOLUME, 1000, TRUE },
  [CANTING_UNIT_ML] = { "ml", N_("ml"), DIM_VOLUME, 1, TRUE },
};

/* What people type, in Indonesian and English, lower case. */
static const struct {
  const char  *word;
  CantingUnit  unit;
} synonyms[] = {
  { "m", CANTING_UNIT_METRE }, { "meter", CANTING_UNIT_METRE }, { "metre", CANTING_UNIT_METRE },
  { "mtr", CANTING_UNIT_METRE }, { "metres", CANTING_UNIT_METRE }, { "meters", CANTING_UNIT_METRE },
  { "yard", CANTING_UNIT_YARD }, { "yd", CANTING_UNIT_YARD }, { "yards", CANTING_UNIT_YARD },
  { "piece", CANTING_UNIT_PIECE }, { "pieces", CANTING_UNIT_PIECE }, { "potong", CANTING_UNIT_PIECE },
  { "pcs", CANTING_UNIT_PIECE }, { "pc", CANTING_UNIT_PIECE }, { "lembar", CANTING_UNIT_PIECE },
  { "buah", CANTING_UNIT_PIECE }, { "biji", CANTING_UNIT_PIECE },
  { "kodi", CANTING_UNIT_KODI },
  { "roll", CANTING_UNIT_ROLL }, { "rolls", CANTING_UNIT_ROLL }, { "rol", CANTING_UNIT_ROLL },
  { "gulung", CANTING_UNIT_ROLL }, { "pis", CANTING_UNIT_ROLL }, { "piece roll", CANTING_UNIT_ROLL },
  { "kg", CANTING_UNIT_KG }, { "kilogram", CANTING_UNIT_KG }, { "kilo", CANTING_UNIT_KG },
  { "gram", CANTING_UNIT_GRAM }, { "g", CANTING_UNIT_GRAM }, { "gr", CANTING_UNIT_GRAM },
  { "grams", CANTING_UNIT_GRAM },
  { "litre", CANTING_UNIT_LITRE }, { "liter", CANTING_UNIT_LITRE }, { "l", CANTING_UNIT_LITRE },
  { "ltr", CANTING_UNIT_LITRE }, { "litres", CANTING_UNIT_LITRE }, { "liters", CANTING_UNIT_LITRE },
  { "ml", CANTING_UNIT_ML }, { "mililiter", CANTING_UNIT_ML }, { "millilitre", CANTING_UNIT_ML },
  { "milliliter", CANTING_UNIT_ML },
};

const char *
canting_unit_to_string (CantingUnit unit)
{
  g_return_val_if_fail (unit < CANTING_UNIT_COUNT, NULL);
  return units[unit].id;
}

const char *
canting_unit_label (CantingUnit unit)
{
  g_return_val_if_fail (unit < CANTING_UNIT_COUNT, NULL);
  return _(units[unit].label);
}

CantingUnit
canting_unit_from_string (const char *id)
{
  for (guint u = 0; u < CANTING_UNIT_COUNT; u++)
    if (g_strcmp0 (id, units[u].id) == 0)
      return u;
  return CANTING_UNIT_PIECE;
}

gboolean
canting_unit_parse (const char   *text,
                    CantingUnit  *out_unit,
                    GError      **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GString) known = g_string_new (NULL);

  /* g_utf8_strdown() on bytes that are not UTF-8 writes past the end of
   * its buffer (found by fuzzing): such text is no unit. */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    text = "?";
  trimmed = g_strstrip (g_utf8_strdown (text != NULL ? text : "", -1));

  for (gsize i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_strcmp0 (trimmed, synonyms[i].word) == 0)
      {
        *out_unit = synonyms[i].unit;
        return TRUE;
      }
  /* A translated label is accepted too ("potong" in an English word list
   * is already there; this catches other languages). */
  for (guint u = 0; u < CANTING_UNIT_COUNT; u++)
    {
      g_autofree char *label = g_utf8_strdown (canting_unit_label (u), -1);

      if (g_strcmp0 (trimmed, label) == 0)
        {
          *out_unit = u;
          return TRUE;
        }
      if (known->len > 0)
        g_string_append (known, ", ");
      g_string_append (known, canting_unit_label (u));
    }
  if (*trimmed == '\0')
    g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                 _("Choose a unit: %s."), known->str);
  else
    g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                 _("“%s” is not a unit Canting knows. Use one of: %s."), trimmed, known->str);
  return FALSE;
}

gboolean
canting_unit_is_base (CantingUnit unit)
{
  return unit < CANTING_UNIT_COUNT && units[unit].base;
}

gboolean
canting_unit_converts (CantingUnit      unit,
                       CantingUnit      base,
                       CantingQuantity  roll_size)
{
  if (unit >= CANTING_UNIT_COUNT || base >= CANTING_UNIT_COUNT)
    return FALSE;
  if (unit == base)
    return TRUE;
  if (unit == CANTING_UNIT_ROLL)
    return roll_size > 0;
  return units[unit].dimension == units[base].dimension;
}

gboolean
canting_unit_convert (CantingQuantity   quantity,
                      CantingUnit       unit,
                      CantingUnit       base,
                      CantingQuantity   roll_size,
                      CantingQuantity  *out_quantity,
                      GError          **error)
{
  guint64 magnitude = quantity < 0 ? (guint64) 0 - (guint64) quantity : (guint64) quantity;
  guint64 num, den, product, result;

  g_return_val_if_fail (unit < CANTING_UNIT_COUNT && base < CANTING_UNIT_COUNT, FALSE);

  if (unit == base)
    {
      *out_quantity = quantity;
      return TRUE;
    }
  if (unit == CANTING_UNIT_ROLL && roll_size <= 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("This material has no roll size. Set how many %s one roll holds first."),
                   canting_unit_label (base));
      return FALSE;
    }
  if (!canting_unit_converts (unit, base, roll_size))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("This material is counted in %s; %s cannot be converted to it."),
                   canting_unit_label (base), canting_unit_label (unit));
      return FALSE;
    }

  if (unit == CANTING_UNIT_ROLL)
    {
      num = (guint64) roll_size;
      den = CANTING_QUANTITY_ONE;
    }
  else
    {
      num = units[unit].size;
      den = units[base].size;
    }

  if (!g_uint64_checked_mul (&product, magnitude, num))
    product = G_MAXUINT64;
  result = product / den;
  if ((product % den) * 2 >= den)   /* half away from zero */
    result++;
  if (product == G_MAXUINT64 || result > (guint64) QUANTITY_MAX)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("That is too large a quantity."));
      return FALSE;
    }
  if (result == 0 && magnitude != 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("That is less than a thousandth of a %s, too little to record."),
                   canting_unit_label (base));
      return FALSE;
    }
  *out_quantity = quantity < 0 ? -(gint64) result : (gint64) result;
  return TRUE;
}

char *
canting_unit_format (CantingQuantity quantity,
                     CantingUnit     unit)
{
  g_autofree char *number = canting_quantity_format (quantity);

  g_return_val_if_fail (unit < CANTING_UNIT_COUNT, NULL);
  /* TRANSLATORS: a quantity and its unit, "2,5 m" */
  return g_strdup_printf (C_("quantity", "%s %s"), number, canting_unit_label (unit));
}
