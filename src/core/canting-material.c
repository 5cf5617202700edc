/* canting-material.c: materials, their movements, history and counts.
 * Recipes and what orders need are in canting-recipe.c. */
#include "canting-material-private.h"

#include <math.h>

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

/* Highest purchase total: the money limit of canting-money.c. */
#define COST_MAX G_GINT64_CONSTANT (999999999999999)
/* Highest reorder level: a million units, far beyond a workshop's store. */
#define REORDER_LEVEL_MAX (G_GINT64_CONSTANT (1000000) * CANTING_QUANTITY_ONE)
/* Most stock one movement may move: a billion units.  It keeps the sums of
 * ten years of movements (and quantity × rupiah) far inside gint64. */
#define MOVEMENT_MAX (G_GINT64_CONSTANT (1000000000) * CANTING_QUANTITY_ONE)

G_DEFINE_QUARK (canting-material-error-quark, canting_material_error)
G_DEFINE_QUARK (canting-movement-error-quark, canting_movement_error)
G_DEFINE_BOXED_TYPE (CantingMaterial, canting_material, canting_material_copy, canting_material_free)

static const CantingEnumName kinds[CANTING_MATERIAL_KIND_COUNT] = {
  [CANTING_MATERIAL_MORI] = { "mori", N_("Mori (cloth)") },
  [CANTING_MATERIAL_MALAM] = { "malam", N_("Malam (wax)") },
  [CANTING_MATERIAL_DYE] = { "dye", N_("Dye") },
  [CANTING_MATERIAL_CHEMICAL] = { "chemical", N_("Auxiliary chemical") },
  [CANTING_MATERIAL_OTHER] = { "other", N_("Other") },
};

static const CantingEnumName movement_kinds[CANTING_MOVEMENT_KIND_COUNT] = {
  [CANTING_MOVEMENT_PURCHASE] = { "purchase", N_("Purchase") },
  [CANTING_MOVEMENT_USAGE] = { "usage", N_("Usage") },
  [CANTING_MOVEMENT_ADJUSTMENT] = { "adjustment", N_("Adjustment") },
  [CANTING_MOVEMENT_WASTE] = { "waste", N_("Waste") },
};

const char *
canting_material_kind_to_string (CantingMaterialKind kind)
{
  return canting_enum_id (kinds, CANTING_MATERIAL_KIND_COUNT, kind);
}

const char *
canting_material_kind_label (CantingMaterialKind kind)
{
  return canting_enum_label (kinds, CANTING_MATERIAL_KIND_COUNT, kind);
}

gboolean
canting_material_kind_from_string (const char          *text,
                                   CantingMaterialKind *out_kind)
{
  guint value;

  if (canting_enum_lookup (kinds, CANTING_MATERIAL_KIND_COUNT, text, &value))
    {
      *out_kind = value;
      return TRUE;
    }
  /* As shown in the app, too: "Pewarna". */
  for (guint i = 0; i < CANTING_MATERIAL_KIND_COUNT; i++)
    if (g_utf8_collate (text != NULL ? text : "", _(kinds[i].label)) == 0)
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
canting_movement_kind_to_string (CantingMovementKind kind)
{
  return canting_enum_id (movement_kinds, CANTING_MOVEMENT_KIND_COUNT, kind);
}

const char *
canting_movement_kind_label (CantingMovementKind kind)
{
  return canting_enum_label (movement_kinds, CANTING_MOVEMENT_KIND_COUNT, kind);
}

gboolean
canting_movement_kind_from_string (const char          *text,
                                   CantingMovementKind *out_kind)
{
  guint value;

  if (!canting_enum_lookup (movement_kinds, CANTING_MOVEMENT_KIND_COUNT, text, &value))
    return FALSE;
  *out_kind = value;
  return TRUE;
}

CantingMaterial *
canting_material_new (void)
{
  CantingMaterial *m = g_new0 (CantingMaterial, 1);

  m->name = g_strdup ("");
  m->kind = CANTING_MATERIAL_MORI;
  m->unit = CANTING_UNIT_METRE;
  m->supplier = g_strdup ("");
  m->notes = g_strdup ("");
  return m;
}

CantingMaterial *
canting_material_copy (const CantingMaterial *material)
{
  CantingMaterial *m = g_memdup2 (material, sizeof *material);

  m->name = g_strdup (material->name);
  m->supplier = g_strdup (material->supplier);
  m->notes = g_strdup (material->notes);
  return m;
}

void
canting_material_free (CantingMaterial *material)
{
  if (material == NULL)
    return;
  g_free (material->name);
  g_free (material->supplier);
  g_free (material->notes);
  g_free (material);
}

CantingQuantity
canting_material_available (const CantingMaterial *material)
{
  return material->on_hand - material->reserved;
}

/* Rupiah per unit from a worth and a quantity in thousandths, rounded. */
static CantingMoney
unit_cost (CantingMoney    worth,
           CantingQuantity quantity)
{
  if (quantity <= 0)
    return 0;
  return (CantingMoney) llround ((double) worth * CANTING_QUANTITY_ONE / (double) quantity);
}

CantingMoney
canting_material_average_cost (const CantingMaterial *material)
{
  if (material->on_hand > 0)
    return unit_cost (material->value, material->on_hand);
  return material->last_unit_cost;
}

gboolean
canting_material_is_low (const CantingMaterial *material)
{
  return material->reorder_level > 0 && canting_material_available (material) <= material->reorder_level;
}

static gboolean
validate_limit (CantingQuantity  quantity,
                CantingQuantity  max,
                int              field,
                const char      *label,
                GError         **error)
{
  g_autofree char *limit = canting_quantity_format (max);

  if (quantity < 0)
    {
      g_set_error (error, CANTING_MATERIAL_ERROR, field, _("%s cannot be negative."), label);
      return FALSE;
    }
  if (quantity > max)
    {
      g_set_error (error, CANTING_MATERIAL_ERROR, field, _("%s is over the limit of %s."), label, limit);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_material_validate (const CantingMaterial  *m,
                           GError                **error)
{
  if (!canting_validate_text (m->name, CANTING_TEXT_REQUIRED, _("Material name"), _("Type the material’s name."),
                              CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_NAME, error) ||
      !canting_validate_text (m->supplier, 0, _("Supplier"), NULL,
                              CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_SUPPLIER, error) ||
      !canting_validate_text (m->notes, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Notes"), NULL,
                              CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_NOTES, error))
    return FALSE;
  if (m->kind >= CANTING_MATERIAL_KIND_COUNT)
    {
      g_set_error (error, CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_KIND, _("Choose what kind of material it is."));
      return FALSE;
    }
  if (!canting_unit_is_base (m->unit))
    {
      g_set_error (error, CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_UNIT,
                   _("Stock cannot be kept in %s: choose m, yard, piece, kg, gram, litre or ml, "
                     "and type purchases in %s when you like."),
                   canting_unit_label (m->unit), canting_unit_label (m->unit));
      return FALSE;
    }
  if (!validate_limit (m->roll_size, CANTING_ROLL_SIZE_MAX, CANTING_MATERIAL_FIELD_ROLL_SIZE,
                       _("The roll size"), error) ||
      !validate_limit (m->reorder_level, REORDER_LEVEL_MAX, CANTING_MATERIAL_FIELD_REORDER_LEVEL,
                       _("The reorder level"), error))
    return FALSE;
  if (m->roll_size > 0 && m->roll_size < CANTING_QUANTITY_ONE)
    {
      g_set_error (error, CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_ROLL_SIZE,
                   _("A roll of less than one %s makes no sense; type how many %s one roll holds, or leave it empty."),
                   canting_unit_label (m->unit), canting_unit_label (m->unit));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_in_transaction (CantingDb  *db,
                     gpointer    user_data,
                     GError    **error)
{
  CantingMaterial *m = user_data;
  g_autofree char *name = g_strstrip (g_strdup (m->name));
  g_autoptr(sqlite3_stmt) same_name = canting_sql_prepare (db,
                                                           "SELECT count(*) FROM materials WHERE name = ?1 AND id <> ?2",
                                                           error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0;

  if (same_name == NULL)
    return FALSE;
  sqlite3_bind_text (same_name, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (same_name, 2, m->id);
  if (!canting_sql_get_int64 (db, same_name, &n, _("checking the material’s name"), error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_NAME,
                   _("There is already a material called “%s”."), name);
      return FALSE;
    }

  if (m->id != 0)
    {
      g_autoptr(sqlite3_stmt) moved = canting_sql_prepare (db,
                                                           "SELECT count(*) FROM materials m WHERE id = ?1 AND unit <> ?2 "
                                                           "AND EXISTS (SELECT 1 FROM stock_movements s WHERE s.material_id = m.id)",
                                                           error);
      if (moved == NULL)
        return FALSE;
      sqlite3_bind_int64 (moved, 1, m->id);
      sqlite3_bind_text (moved, 2, canting_unit_to_string (m->unit), -1, SQLITE_STATIC);
      if (!canting_sql_get_int64 (db, moved, &n, _("checking the material’s unit"), error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_UNIT,
                       _("“%s” already has stock movements in its old unit, so its unit cannot change. "
                         "Add a new material instead."), name);
          return FALSE;
        }
      stmt = canting_sql_prepare (db,
                                  "UPDATE materials SET name = ?1, kind = ?2, unit = ?3, roll_size = ?4, "
                                  "reorder_level = ?5, supplier = ?6, notes = ?7, archived = ?8 WHERE id = ?9",
                                  error);
    }
  else
    stmt = canting_sql_prepare (db,
                                "INSERT INTO materials (name, kind, unit, roll_size, reorder_level, supplier, notes, archived) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kinds[m->kind].id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, canting_unit_to_string (m->unit), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, m->roll_size);
  sqlite3_bind_int64 (stmt, 5, m->reorder_level);
  canting_sql_bind_trimmed (stmt, 6, m->supplier);
  canting_sql_bind_trimmed (stmt, 7, m->notes);
  sqlite3_bind_int (stmt, 8, m->archived ? 1 : 0);
  if (m->id != 0)
    sqlite3_bind_int64 (stmt, 9, m->id);
  return canting_sql_save_record (db, stmt, &m->id, _("saving the material"),
                                  _("This material no longer exists; it may have been restored from a backup."),
                                  error);
}

gboolean
canting_material_save_in_txn (CantingDb        *db,
                              CantingMaterial  *material,
                              GError          **error)
{
  return canting_material_validate (material, error) && save_in_transaction (db, material, error);
}

gboolean
canting_material_save (CantingDb        *db,
                       CantingMaterial  *material,
                       GError          **error)
{
  if (!canting_material_validate (material, error))
    return FALSE;
  return canting_db_transaction (db, save_in_transaction, material, error);
}

/* Stock on hand and its worth come from one subquery ("quantity value",
 * NULL with no movements): one pass over the material's part of the
 * covering index instead of one per sum.  With a million movements that
 * takes reading every material's stock from about 1.4 times the bare
 * GROUP BY down to the same time (canting-cli bench stock). */
#define MATERIAL_COLUMNS_WITH(reserved) \
  "m.id, m.name, m.kind, m.unit, m.roll_size, m.reorder_level, m.supplier, m.notes, m.archived, " \
  "m.on_hand || ' ' || m.stock_value, " \
  "(SELECT cost || ' ' || quantity FROM stock_movements s WHERE s.material_id = m.id AND s.kind = 'purchase' " \
  " ORDER BY on_date DESC, id DESC LIMIT 1), " \
  reserved
#define MATERIAL_COLUMNS MATERIAL_COLUMNS_WITH (CANTING_RESERVED_SQL)

/* What confirmed orders will take of every material, summed in one pass
 * over them: for a page of materials that is one walk over the orders
 * instead of one per material (2 ms instead of 40 for sixty-four
 * materials with ten years of orders).  The search statements start
 * "WITH" it and read RESERVED_OF_M. */
#define RESERVED_CTE \
  " reserved (material_id, quantity) AS MATERIALIZED" \
  " (SELECT pm.material_id, sum(pm.quantity * i.quantity) FROM orders o" \
  "  CROSS JOIN order_items i ON i.order_id = o.id" \
  "  CROSS JOIN product_materials pm ON pm.product_id = i.product_id" \
  "  WHERE o.status = 'confirmed' AND o.from_stock = 0 GROUP BY pm.material_id)"
#define RESERVED_OF_M "coalesce ((SELECT quantity FROM reserved WHERE material_id = m.id), 0)"

static CantingMaterial *
material_from_row (sqlite3_stmt *stmt)
{
  CantingMaterial *m = g_new0 (CantingMaterial, 1);
  const char *stock = (const char *) sqlite3_column_text (stmt, 9);
  const char *last = (const char *) sqlite3_column_text (stmt, 10);
  CantingMaterialKind kind = CANTING_MATERIAL_OTHER;

  m->id = sqlite3_column_int64 (stmt, 0);
  m->name = canting_sql_dup_text (stmt, 1);
  canting_material_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &kind);
  m->kind = kind;
  m->unit = canting_unit_from_string ((const char *) sqlite3_column_text (stmt, 3));
  m->roll_size = sqlite3_column_int64 (stmt, 4);
  m->reorder_level = sqlite3_column_int64 (stmt, 5);
  m->supplier = canting_sql_dup_text (stmt, 6);
  m->notes = canting_sql_dup_text (stmt, 7);
  m->archived = sqlite3_column_int (stmt, 8) != 0;
  if (stock != NULL)
    {
      m->on_hand = g_ascii_strtoll (stock, (char **) &stock, 10);
      m->value = g_ascii_strtoll (stock, NULL, 10);
    }
  if (last != NULL)
    {
      gint64 cost = g_ascii_strtoll (last, (char **) &last, 10);
      gint64 quantity = g_ascii_strtoll (last, NULL, 10);

      m->last_unit_cost = unit_cost (cost, quantity);
    }
  m->reserved = sqlite3_column_int64 (stmt, 11);
  return m;
}

CantingMaterial *
canting_material_load (CantingDb  *db,
                       gint64      id,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT " MATERIAL_COLUMNS " FROM materials m WHERE m.id = ?1",
                                                      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!canting_sql_step_one (db, stmt, _("reading the material"),
                             _("This material no longer exists; it may have been restored from a backup."), error))
    return NULL;
  return material_from_row (stmt);
}

gboolean
canting_material_set_archived (CantingDb  *db,
                               gint64      id,
                               gboolean    archived,
                               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "UPDATE materials SET archived = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  return canting_sql_save_record (db, stmt, &id, _("archiving the material"),
                                  _("This material no longer exists; it may have been restored from a backup."),
                                  error);
}

#define SEARCH_FROM \
  " FROM materials m WHERE (?1 OR m.archived = 0)" \
  " AND (?2 = '%%' OR m.name LIKE ?2 ESCAPE '\\' OR m.supplier LIKE ?2 ESCAPE '\\')" \
  " AND (?3 IS NULL OR m.kind = ?3)" \
  " AND (NOT ?4 OR (m.reorder_level > 0 AND " CANTING_ON_HAND_SQL " - " RESERVED_OF_M " <= m.reorder_level))"

static void
bind_filter (sqlite3_stmt                *stmt,
             const CantingMaterialFilter *filter)
{
  sqlite3_bind_int (stmt, 1, filter->include_archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, canting_sql_like_pattern (filter->text), -1, g_free);
  if (filter->kind >= 0 && filter->kind < CANTING_MATERIAL_KIND_COUNT)
    sqlite3_bind_text (stmt, 3, kinds[filter->kind].id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, filter->low_only ? 1 : 0);
}

GPtrArray *
canting_material_search (CantingDb                   *db,
                         const CantingMaterialFilter *filter,
                         guint                        offset,
                         guint                        limit,
                         GError                     **error)
{
  /* The page's materials are picked first (sorting needs no stock
   * figures), and only those get their stock summed: sorting the whole
   * list by an expression would compute every material's figures (a
   * thousand movements each) to show fifty. */
#define MATERIAL_ORDER \
  " CASE m.kind WHEN 'mori' THEN 0 WHEN 'malam' THEN 1 WHEN 'dye' THEN 2 WHEN 'chemical' THEN 3 ELSE 4 END," \
  " m.name COLLATE NOCASE, m.id"
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "WITH" RESERVED_CTE ","
                                                      " page (id, n) AS MATERIALIZED"
                                                      " (SELECT m.id, row_number() OVER (ORDER BY" MATERIAL_ORDER ")"
                                                      SEARCH_FROM " ORDER BY" MATERIAL_ORDER " LIMIT ?5 OFFSET ?6)"
                                                      " SELECT " MATERIAL_COLUMNS_WITH (RESERVED_OF_M)
                                                      " FROM page CROSS JOIN materials m ON m.id = page.id ORDER BY page.n",
                                                      error);
#undef MATERIAL_ORDER
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_material_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 5, limit);
  sqlite3_bind_int64 (stmt, 6, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, material_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("searching materials"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint64
canting_material_count (CantingDb                   *db,
                        const CantingMaterialFilter *filter,
                        GError                     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "WITH" RESERVED_CTE " SELECT count(*)" SEARCH_FROM,
                                                      error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting materials"), error))
    return -1;
  return n;
}

CantingMovement *
canting_movement_new (void)
{
  CantingMovement *mv = g_new0 (CantingMovement, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  mv->on_date = g_date_time_format (now, "%Y-%m-%d");
  mv->supplier = g_strdup ("");
  mv->reason = g_strdup ("");
  return mv;
}

void
canting_movement_free (CantingMovement *movement)
{
  if (movement == NULL)
    return;
  g_free (movement->on_date);
  g_free (movement->supplier);
  g_free (movement->reason);
  g_free (movement->order_number);
  g_free (movement->due_date);
  g_free (movement);
}

gboolean
canting_movement_validate (const CantingMovement  *mv,
                           GError                **error)
{
  CantingQuantity magnitude = mv->quantity < 0 ? -mv->quantity : mv->quantity;

  if (mv->kind >= CANTING_MOVEMENT_KIND_COUNT)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY, _("Choose what kind of movement it is."));
      return FALSE;
    }
  if (mv->quantity == 0)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY,
                   mv->kind == CANTING_MOVEMENT_ADJUSTMENT ? _("An adjustment of nothing changes nothing; type the difference.")
                                                           : _("Type a quantity above zero."));
      return FALSE;
    }
  if (magnitude > MOVEMENT_MAX)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY, _("That is too large a quantity."));
      return FALSE;
    }
  if (mv->kind == CANTING_MOVEMENT_PURCHASE && mv->quantity < 0)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY,
                   _("A purchase must bring in a quantity above zero."));
      return FALSE;
    }
  if (mv->kind == CANTING_MOVEMENT_WASTE && mv->quantity > 0)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY,
                   _("Waste takes stock out; it cannot add any."));
      return FALSE;
    }
  if (mv->kind == CANTING_MOVEMENT_PURCHASE && (mv->cost < 0 || mv->cost > COST_MAX))
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_COST,
                   mv->cost < 0 ? _("The price paid cannot be negative.") : _("The price paid is too large."));
      return FALSE;
    }
  if (!canting_date_is_valid (mv->on_date))
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DATE, _("Type the date, for example 24/11/2026."));
      return FALSE;
    }
  if (mv->kind == CANTING_MOVEMENT_PURCHASE && mv->unpaid && mv->due_date != NULL &&
      (!canting_date_is_valid (mv->due_date) || strcmp (mv->due_date, mv->on_date) < 0))
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DUE_DATE,
                   canting_date_is_valid (mv->due_date) ? _("The date to pay by is before the purchase.")
                                                        : _("Type the date to pay by, for example 24/12/2026, or leave it empty."));
      return FALSE;
    }
  return canting_validate_text (mv->supplier, 0, _("Supplier"), NULL,
                                CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_SUPPLIER, error) &&
         canting_validate_text (mv->reason, mv->kind == CANTING_MOVEMENT_ADJUSTMENT ? CANTING_TEXT_REQUIRED : 0,
                                _("Reason"), _("Say why the stock is adjusted, for example “stock count”."),
                                CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_REASON, error);
}

/* The change in the stock's worth a movement makes: a purchase adds what
 * was paid; taking out removes its share of the worth at the average
 * cost (all of it when the stock runs out, so no rupiah is left over),
 * and anything taken beyond the stock (a confirmed correction) at the
 * average or latest price, so the worth goes below zero with the
 * quantity and the next purchase averages right; anything else coming
 * in (a count that found more) is worth the average cost.  Refused when
 * the worth would pass the money limit (a price typed for a thousandth
 * of a unit, say). */
static gboolean
movement_value (const CantingMovement  *mv,
                const CantingMaterial  *m,
                CantingMoney           *out_value,
                GError                **error)
{
  double average = (double) canting_material_average_cost (m);
  double value;

  if (mv->kind == CANTING_MOVEMENT_PURCHASE)
    value = (double) mv->cost;
  else if (mv->quantity < 0 && m->on_hand > 0 && -mv->quantity <= m->on_hand)
    value = -mv->quantity == m->on_hand ? (double) -m->value
                                        : -(double) m->value * (double) -mv->quantity / (double) m->on_hand;
  else if (mv->quantity < 0)
    {
      CantingQuantity beyond = -mv->quantity - MAX (m->on_hand, 0);
      value = (m->on_hand > 0 ? (double) -m->value : 0) - average * (double) beyond / CANTING_QUANTITY_ONE;
    }
  else
    value = average * (double) mv->quantity / CANTING_QUANTITY_ONE;

  if (ABS (value) > (double) COST_MAX || ABS ((double) m->value + value) > (double) COST_MAX)
    {
      g_autofree char *limit = canting_money_format (COST_MAX);
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_COST,
                   _("That would put the stock’s worth beyond %s: check the quantity and the price."), limit);
      return FALSE;
    }
  *out_value = (CantingMoney) llround (value);
  return TRUE;
}

gboolean
canting_movement_insert_in_txn (CantingDb            *db,
                                CantingMovement      *mv,
                                CantingMovementFlags  flags,
                                GError              **error)
{
  g_autoptr(CantingMaterial) m = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!canting_movement_validate (mv, error))
    return FALSE;
  m = canting_material_load (db, mv->material_id, error);
  if (m == NULL)
    return FALSE;

  if (mv->quantity < 0 && m->on_hand + mv->quantity < 0)
    {
      g_autofree char *have = canting_unit_format (MAX (m->on_hand, 0), m->unit);
      g_autofree char *take = canting_unit_format (-mv->quantity, m->unit);

      if (mv->kind == CANTING_MOVEMENT_ADJUSTMENT && !(flags & CANTING_MOVEMENT_ALLOW_NEGATIVE))
        {
          g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_NEGATIVE,
                       _("Only %s of %s is in stock; taking out %s leaves less than nothing. "
                         "Confirm only if the records are wrong."),
                       have, m->name, take);
          return FALSE;
        }
      if (mv->kind != CANTING_MOVEMENT_ADJUSTMENT)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                       _("Only %s of %s is in stock; %s cannot be taken out. "
                         "Record the purchase first, or correct the stock with an adjustment."),
                       have, m->name, take);
          return FALSE;
        }
    }

  if (!(flags & CANTING_MOVEMENT_KEEP_VALUE) && !movement_value (mv, m, &mv->value, error))
    return FALSE;

  stmt = canting_sql_prepare (db,
                              "INSERT INTO stock_movements (material_id, kind, quantity, value, cost, on_date, "
                              "supplier, reason, order_item_id, unpaid, due_date) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mv->material_id);
  sqlite3_bind_text (stmt, 2, movement_kinds[mv->kind].id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, mv->quantity);
  sqlite3_bind_int64 (stmt, 4, mv->value);
  if (mv->kind == CANTING_MOVEMENT_PURCHASE)
    sqlite3_bind_int64 (stmt, 5, mv->cost);
  sqlite3_bind_text (stmt, 6, mv->on_date, -1, SQLITE_STATIC);
  if (mv->kind == CANTING_MOVEMENT_PURCHASE && (mv->supplier == NULL || *g_strstrip (mv->supplier) == '\0'))
    sqlite3_bind_text (stmt, 7, m->supplier, -1, SQLITE_STATIC);
  else
    canting_sql_bind_trimmed (stmt, 7, mv->supplier);
  canting_sql_bind_trimmed (stmt, 8, mv->reason);
  if (mv->order_item_id != 0)
    sqlite3_bind_int64 (stmt, 9, mv->order_item_id);
  sqlite3_bind_int (stmt, 10, mv->kind == CANTING_MOVEMENT_PURCHASE && mv->unpaid ? 1 : 0);
  if (mv->kind == CANTING_MOVEMENT_PURCHASE && mv->unpaid && mv->due_date != NULL)
    sqlite3_bind_text (stmt, 11, mv->due_date, -1, SQLITE_STATIC);
  mv->id = 0;
  return canting_sql_save_record (db, stmt, &mv->id, _("recording the stock movement"), NULL, error);
}

typedef struct {
  CantingMovement      *movement;
  CantingMovementFlags  flags;
} RecordData;

static gboolean
record_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  RecordData *data = user_data;
  return canting_movement_insert_in_txn (db, data->movement, data->flags, error);
}

gboolean
canting_movement_record (CantingDb             *db,
                         CantingMovement       *movement,
                         CantingMovementFlags   flags,
                         GError               **error)
{
  RecordData data = { movement, flags & CANTING_MOVEMENT_ALLOW_NEGATIVE };

  if (!canting_movement_validate (movement, error))
    return FALSE;
  return canting_db_transaction (db, record_in_transaction, &data, error);
}

typedef struct {
  gint64      id;
  const char *paid_on;
} PaidJob;

static gboolean
mark_paid_in_transaction (CantingDb  *db,
                          gpointer    user_data,
                          GError    **error)
{
  PaidJob *job = user_data;
  g_autoptr(sqlite3_stmt) read = canting_sql_prepare (db, "SELECT on_date, unpaid FROM stock_movements "
                                                          "WHERE id = ?1 AND kind = 'purchase'", error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, job->id);
  if (!canting_sql_step_one (db, read, _("reading the purchase"),
                             _("This purchase no longer exists; it may have been restored from a backup."), error))
    return FALSE;
  if (sqlite3_column_int (read, 1) == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT, _("This purchase is already paid."));
      return FALSE;
    }
  if (strcmp (job->paid_on, (const char *) sqlite3_column_text (read, 0)) < 0)
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DATE,
                   _("A purchase cannot be paid before it was bought."));
      return FALSE;
    }
  stmt = canting_sql_prepare (db, "UPDATE stock_movements SET unpaid = 0, paid_on = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->id);
  sqlite3_bind_text (stmt, 2, job->paid_on, -1, SQLITE_STATIC);
  return canting_sql_run (db, stmt, _("recording the payment"), error);
}

gboolean
canting_purchase_mark_paid (CantingDb   *db,
                            gint64       id,
                            const char  *paid_on,
                            GError     **error)
{
  PaidJob job = { id, paid_on };

  if (paid_on == NULL || !canting_date_is_valid (paid_on))
    {
      g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_DATE,
                   _("Type the date it was paid, for example 24/11/2026."));
      return FALSE;
    }
  return canting_db_transaction (db, mark_paid_in_transaction, &job, error);
}

GPtrArray *
canting_material_movements (CantingDb  *db,
                            gint64      material_id,
                            guint       offset,
                            guint       limit,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT * FROM (SELECT s.id, s.kind, s.quantity, s.value, s.cost, s.on_date, "
                                                      " s.supplier, s.reason, s.order_item_id, o.number, "
                                                      " sum(s.quantity) OVER (ORDER BY s.on_date, s.id) "
                                                      " FROM stock_movements s "
                                                      " LEFT JOIN order_items i ON i.id = s.order_item_id "
                                                      " LEFT JOIN orders o ON o.id = i.order_id "
                                                      " WHERE s.material_id = ?1) "
                                                      "ORDER BY on_date DESC, id DESC LIMIT ?2 OFFSET ?3",
                                                      error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_movement_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, material_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingMovement *mv = g_new0 (CantingMovement, 1);
      CantingMovementKind kind = CANTING_MOVEMENT_ADJUSTMENT;

      mv->id = sqlite3_column_int64 (stmt, 0);
      mv->material_id = material_id;
      canting_movement_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind);
      mv->kind = kind;
      mv->quantity = sqlite3_column_int64 (stmt, 2);
      mv->value = sqlite3_column_int64 (stmt, 3);
      mv->cost = sqlite3_column_int64 (stmt, 4);
      mv->on_date = canting_sql_dup_text (stmt, 5);
      mv->supplier = canting_sql_dup_text (stmt, 6);
      mv->reason = canting_sql_dup_text (stmt, 7);
      mv->order_item_id = sqlite3_column_int64 (stmt, 8);
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        mv->order_number = canting_sql_dup_text (stmt, 9);
      mv->balance = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (rows, mv);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the stock movements"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gint64
canting_material_movement_count (CantingDb  *db,
                                 gint64      material_id,
                                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT count(*) FROM stock_movements WHERE material_id = ?1",
                                                      error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, material_id);
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting the stock movements"), error))
    return -1;
  return n;
}

void
canting_stock_point_free (CantingStockPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->date);
  g_free (point);
}

GPtrArray *
canting_material_history (CantingDb  *db,
                          gint64      material_id,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT on_date, sum(quantity), "
                                                      " sum(CASE WHEN kind = 'purchase' THEN cost END), "
                                                      " sum(CASE WHEN kind = 'purchase' THEN quantity END) "
                                                      "FROM stock_movements WHERE material_id = ?1 "
                                                      "GROUP BY on_date ORDER BY on_date",
                                                      error);
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_stock_point_free);
  CantingQuantity running = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, material_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingStockPoint *point = g_new0 (CantingStockPoint, 1);

      running += sqlite3_column_int64 (stmt, 1);
      point->date = canting_sql_dup_text (stmt, 0);
      point->on_hand = running;
      point->unit_cost = unit_cost (sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
      g_ptr_array_add (points, point);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the stock history"));
      return NULL;
    }
  return g_steal_pointer (&points);
}

typedef struct {
  const GArray *counts;
  const char   *on_date;
  const char   *reason;
  guint         posted;
} CountData;

static gboolean
post_count_in_transaction (CantingDb  *db,
                           gpointer    user_data,
                           GError    **error)
{
  CountData *data = user_data;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  data->posted = 0;
  for (guint i = 0; i < data->counts->len; i++)
    {
      const CantingStockCount *count = &g_array_index (data->counts, CantingStockCount, i);
      g_autoptr(CantingMaterial) m = canting_material_load (db, count->material_id, error);
      g_autoptr(CantingMovement) mv = NULL;

      if (m == NULL)
        return FALSE;
      if (!g_hash_table_add (seen, (gpointer) &count->material_id))
        {
          g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY,
                       _("%s is counted twice; keep one count."), m->name);
          return FALSE;
        }
      if (count->counted < 0 || count->counted > MOVEMENT_MAX)
        {
          g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY,
                       count->counted < 0 ? _("The count of %s cannot be negative.") : _("The count of %s is too large."),
                       m->name);
          return FALSE;
        }
      if (count->counted == m->on_hand)
        continue;
      mv = canting_movement_new ();
      mv->material_id = m->id;
      mv->kind = CANTING_MOVEMENT_ADJUSTMENT;
      mv->quantity = count->counted - m->on_hand;
      g_free (mv->on_date);
      mv->on_date = g_strdup (data->on_date);
      g_free (mv->reason);
      mv->reason = g_strdup (data->reason);
      /* A count is the truth about the shelf, even below a negative record. */
      if (!canting_movement_insert_in_txn (db, mv, CANTING_MOVEMENT_ALLOW_NEGATIVE, error))
        return FALSE;
      data->posted++;
    }
  return TRUE;
}

gboolean
canting_material_post_count (CantingDb     *db,
                             const GArray  *counts,
                             const char    *on_date,
                             const char    *reason,
                             guint         *out_posted,
                             GError       **error)
{
  CountData data = { counts, on_date, reason, 0 };

  if (!canting_db_transaction (db, post_count_in_transaction, &data, error))
    return FALSE;
  if (out_posted != NULL)
    *out_posted = data.posted;
  return TRUE;
}
