/* canting-recipe.c: recipes, their consumption by orders, and planning
 * (can make, shortages). */
#include "canting-recipe-private.h"

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-material-private.h"
#include "canting-product-private.h"
#include "canting-sql-private.h"

CantingRecipeLine *
canting_recipe_line_new (gint64          material_id,
                         CantingQuantity quantity)
{
  CantingRecipeLine *line = g_new0 (CantingRecipeLine, 1);

  line->material_id = material_id;
  line->quantity = quantity;
  line->material_name = g_strdup ("");
  return line;
}

void
canting_recipe_line_free (CantingRecipeLine *line)
{
  if (line == NULL)
    return;
  g_free (line->material_name);
  g_free (line);
}

static CantingUnit
unit_from_column (sqlite3_stmt *stmt,
                  int           col)
{
  return canting_unit_from_string ((const char *) sqlite3_column_text (stmt, col));
}

GPtrArray *
canting_product_recipe (CantingDb  *db,
                        gint64      product_id,
                        GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT pm.material_id, pm.quantity, m.name, m.unit "
                                                      "FROM product_materials pm JOIN materials m ON m.id = pm.material_id "
                                                      "WHERE pm.product_id = ?1 ORDER BY m.name COLLATE NOCASE",
                                                      error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_recipe_line_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingRecipeLine *line = canting_recipe_line_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));

      g_free (line->material_name);
      line->material_name = canting_sql_dup_text (stmt, 2);
      line->unit = unit_from_column (stmt, 3);
      g_ptr_array_add (lines, line);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the recipe"));
      return NULL;
    }
  return g_steal_pointer (&lines);
}

typedef struct {
  gint64     product_id;
  GPtrArray *lines;
} RecipeData;

static gboolean
set_recipe_in_transaction (CantingDb  *db,
                           gpointer    user_data,
                           GError    **error)
{
  RecipeData *data = user_data;
  g_autoptr(sqlite3_stmt) product = canting_sql_prepare (db, "SELECT count(*) FROM products WHERE id = ?1", error);
  g_autoptr(sqlite3_stmt) clear = canting_sql_prepare (db, "DELETE FROM product_materials WHERE product_id = ?1", error);
  g_autoptr(sqlite3_stmt) ins = canting_sql_prepare (db,
                                                     "INSERT INTO product_materials (product_id, material_id, quantity) "
                                                     "VALUES (?1, ?2, ?3)",
                                                     error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 n = 0;

  if (product == NULL || clear == NULL || ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (product, 1, data->product_id);
  if (!canting_sql_get_int64 (db, product, &n, _("reading the product"), error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND,
                   _("This product no longer exists; it may have been restored from a backup."));
      return FALSE;
    }
  sqlite3_bind_int64 (clear, 1, data->product_id);
  if (!canting_sql_run (db, clear, _("saving the recipe"), error))
    return FALSE;

  for (guint i = 0; i < data->lines->len; i++)
    {
      CantingRecipeLine *line = g_ptr_array_index (data->lines, i);
      g_autoptr(CantingMaterial) m = canting_material_load (db, line->material_id, error);

      if (m == NULL)
        return FALSE;
      if (!g_hash_table_add (seen, &line->material_id))
        {
          g_set_error (error, CANTING_MATERIAL_ERROR, CANTING_MATERIAL_FIELD_NAME,
                       _("%s is in the recipe twice; keep one line with the whole quantity."), m->name);
          return FALSE;
        }
      if (line->quantity <= 0 || line->quantity > CANTING_RECIPE_QUANTITY_MAX)
        {
          g_autofree char *max = canting_unit_format (CANTING_RECIPE_QUANTITY_MAX, m->unit);
          g_set_error (error, CANTING_MOVEMENT_ERROR, CANTING_MOVEMENT_FIELD_QUANTITY,
                       line->quantity <= 0 ? _("Type how much %s one piece uses, above zero.")
                                           : _("One piece cannot use more than %2$s of %1$s."),
                       m->name, max);
          return FALSE;
        }
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, data->product_id);
      sqlite3_bind_int64 (ins, 2, line->material_id);
      sqlite3_bind_int64 (ins, 3, line->quantity);
      if (!canting_sql_run (db, ins, _("saving the recipe"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_product_set_recipe (CantingDb  *db,
                            gint64      product_id,
                            GPtrArray  *lines,
                            GError    **error)
{
  RecipeData data = { product_id, lines };
  return canting_db_transaction (db, set_recipe_in_transaction, &data, error);
}

static gboolean
set_recipe_after_product (CantingDb       *db,
                          CantingProduct  *product,
                          gpointer         lines,
                          GError         **error)
{
  RecipeData data = { product->id, lines };
  return set_recipe_in_transaction (db, &data, error);
}

gboolean
canting_product_save_with_recipe (CantingDb       *db,
                                  CantingProduct  *product,
                                  gint64           shown_stock,
                                  gint64           new_stock,
                                  GPtrArray       *lines,
                                  GError         **error)
{
  return canting_product_save_with_stock_and (db, product, shown_stock, new_stock,
                                              lines != NULL ? set_recipe_after_product : NULL, lines, error);
}

/* Each material an order's not-yet-consumed catalog items need. */
#define ORDER_NEEDS_FROM \
  " FROM order_items i JOIN product_materials pm ON pm.product_id = i.product_id " \
  " WHERE i.order_id = ?1 AND NOT EXISTS (SELECT 1 FROM stock_movements s WHERE s.order_item_id = i.id)"

static gboolean
check_order_needs (CantingDb  *db,
                   gint64      order_id,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT m.name, m.unit, n.needed, " CANTING_ON_HAND_SQL ", o.number "
                                                      "FROM (SELECT pm.material_id, sum(pm.quantity * i.quantity) AS needed"
                                                      ORDER_NEEDS_FROM " GROUP BY pm.material_id) n "
                                                      "JOIN materials m ON m.id = n.material_id "
                                                      "JOIN orders o ON o.id = ?1 "
                                                      "ORDER BY m.name COLLATE NOCASE",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingUnit unit = unit_from_column (stmt, 1);
      CantingQuantity needed = sqlite3_column_int64 (stmt, 2);
      CantingQuantity on_hand = sqlite3_column_int64 (stmt, 3);

      if (needed > on_hand)
        {
          g_autofree char *need_text = canting_unit_format (needed, unit);
          g_autofree char *have_text = canting_unit_format (MAX (on_hand, 0), unit);

          g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                       _("Not enough %s for order %s: it needs %s and %s is in stock. "
                         "Record the purchase first, or correct the stock with an adjustment."),
                       (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 4),
                       need_text, have_text);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("checking the materials the order needs"));
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_recipe_consume_order_in_txn (CantingDb   *db,
                                     gint64       order_id,
                                     const char  *on_date,
                                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Check every material first, so the message names the whole need. */
  if (!check_order_needs (db, order_id, error))
    return FALSE;
  stmt = canting_sql_prepare (db,
                              "SELECT i.id, pm.material_id, pm.quantity * i.quantity" ORDER_NEEDS_FROM
                              " ORDER BY i.position, pm.material_id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  /* Inserting into stock_movements while stepping is safe: the NOT EXISTS
   * names other items only, and each item's rows are read before its own
   * first movement is written (one item's lines come together). */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CantingMovement) mv = canting_movement_new ();

      mv->material_id = sqlite3_column_int64 (stmt, 1);
      mv->kind = CANTING_MOVEMENT_USAGE;
      mv->quantity = -sqlite3_column_int64 (stmt, 2);
      mv->order_item_id = sqlite3_column_int64 (stmt, 0);
      g_free (mv->on_date);
      mv->on_date = g_strdup (on_date);
      if (!canting_movement_insert_in_txn (db, mv, CANTING_MOVEMENT_DEFAULT, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the order’s recipes"));
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_recipe_return_order_in_txn (CantingDb   *db,
                                    gint64       order_id,
                                    const char  *on_date,
                                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT s.order_item_id, s.material_id, sum(s.quantity), sum(s.value) "
                                                      "FROM stock_movements s JOIN order_items i ON i.id = s.order_item_id "
                                                      "WHERE i.order_id = ?1 AND s.kind = 'usage' "
                                                      "GROUP BY s.order_item_id, s.material_id HAVING sum(s.quantity) < 0 "
                                                      "ORDER BY s.order_item_id, s.material_id",
                                                      error);
  g_autoptr(GPtrArray) returns = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_movement_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  /* Read them all before writing: the query sums the rows being added. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingMovement *mv = canting_movement_new ();

      mv->order_item_id = sqlite3_column_int64 (stmt, 0);
      mv->material_id = sqlite3_column_int64 (stmt, 1);
      mv->kind = CANTING_MOVEMENT_USAGE;
      mv->quantity = -sqlite3_column_int64 (stmt, 2);
      mv->value = -sqlite3_column_int64 (stmt, 3);
      g_free (mv->on_date);
      mv->on_date = g_strdup (on_date);
      g_free (mv->reason);
      mv->reason = g_strdup (_("Order cancelled"));
      g_ptr_array_add (returns, mv);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading what the order used"));
      return FALSE;
    }
  for (guint i = 0; i < returns->len; i++)
    if (!canting_movement_insert_in_txn (db, g_ptr_array_index (returns, i), CANTING_MOVEMENT_KEEP_VALUE, error))
      return FALSE;
  return TRUE;
}

void
canting_can_make_free (CantingCanMake *row)
{
  if (row == NULL)
    return;
  g_free (row->sku);
  g_free (row->name);
  g_free (row->limiting_material);
  g_free (row);
}

GPtrArray *
canting_recipe_can_make (CantingDb  *db,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "WITH " CANTING_RESERVED_BY_MATERIAL_CTE ", "
                                                      "stock AS (SELECT m.id, m.name, "
                                                      " " CANTING_ON_HAND_SQL " - coalesce(r.needed, 0) AS available "
                                                      " FROM materials m LEFT JOIN reserved r ON r.material_id = m.id "
                                                      " WHERE m.id IN (SELECT material_id FROM product_materials)) "
                                                      "SELECT p.id, p.sku, p.name, pm.quantity, stock.name, stock.available "
                                                      "FROM products p JOIN product_materials pm ON pm.product_id = p.id "
                                                      "JOIN stock ON stock.id = pm.material_id "
                                                      "WHERE p.archived = 0 "
                                                      "ORDER BY p.name COLLATE NOCASE, p.id, stock.name COLLATE NOCASE",
                                                      error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_can_make_free);
  CantingCanMake *current = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 product_id = sqlite3_column_int64 (stmt, 0);
      CantingQuantity per_piece = sqlite3_column_int64 (stmt, 3);
      CantingQuantity available = sqlite3_column_int64 (stmt, 5);
      gint64 pieces = available > 0 ? available / per_piece : 0;

      if (current == NULL || current->product_id != product_id)
        {
          current = g_new0 (CantingCanMake, 1);
          current->product_id = product_id;
          current->sku = canting_sql_dup_text (stmt, 1);
          current->name = canting_sql_dup_text (stmt, 2);
          current->pieces = G_MAXINT64;
          g_ptr_array_add (rows, current);
        }
      if (pieces < current->pieces)
        {
          current->pieces = pieces;
          g_free (current->limiting_material);
          current->limiting_material = canting_sql_dup_text (stmt, 4);
        }
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("working out what the stock can make"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
canting_shortage_free (CantingShortage *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->supplier);
  g_free (row);
}

GPtrArray *
canting_recipe_shortages (CantingDb  *db,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "WITH " CANTING_RESERVED_BY_MATERIAL_CTE " "
                                                      "SELECT * FROM (SELECT m.id, m.name, m.supplier, m.unit, m.roll_size, "
                                                      " coalesce(r.needed, 0) AS needed, " CANTING_ON_HAND_SQL " AS on_hand "
                                                      " FROM materials m LEFT JOIN reserved r ON r.material_id = m.id) "
                                                      "WHERE needed > on_hand "
                                                      "ORDER BY supplier = '', supplier COLLATE NOCASE, name COLLATE NOCASE",
                                                      error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_shortage_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingShortage *row = g_new0 (CantingShortage, 1);

      row->material_id = sqlite3_column_int64 (stmt, 0);
      row->name = canting_sql_dup_text (stmt, 1);
      row->supplier = canting_sql_dup_text (stmt, 2);
      row->unit = unit_from_column (stmt, 3);
      row->roll_size = sqlite3_column_int64 (stmt, 4);
      row->needed = sqlite3_column_int64 (stmt, 5);
      row->on_hand = sqlite3_column_int64 (stmt, 6);
      row->shortage = row->needed - row->on_hand;
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("working out the shortages"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

char *
canting_shortage_share_text (GPtrArray   *shortages,
                             const char  *supplier,
                             const char  *workshop_name)
{
  GString *text = g_string_new (NULL);
  const char *block = NULL;

  if (workshop_name != NULL && *workshop_name != '\0')
    g_string_append_printf (text, _("Materials to order for %s:"), workshop_name);
  else
    g_string_append (text, _("Materials to order:"));
  g_string_append_c (text, '\n');

  for (guint i = 0; i < shortages->len; i++)
    {
      CantingShortage *row = g_ptr_array_index (shortages, i);
      g_autofree char *amount = canting_unit_format (row->shortage, row->unit);

      if (supplier != NULL && g_utf8_collate (row->supplier, supplier) != 0)
        continue;
      if (supplier == NULL && (block == NULL || g_strcmp0 (block, row->supplier) != 0))
        {
          block = row->supplier;
          g_string_append_c (text, '\n');
          g_string_append_printf (text, "*%s*\n", *block != '\0' ? block : _("No supplier set"));
        }
      if (row->roll_size > 0)
        {
          gint64 rolls = (row->shortage + row->roll_size - 1) / row->roll_size;
          g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, rolls);

          /* TRANSLATORS: material, amount short, whole rolls to buy */
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE, "- %s: %s (%s roll)\n", "- %s: %s (%s rolls)\n",
                                               (gulong) MIN (rolls, G_MAXLONG)),
                                  row->name, amount, count);
        }
      else
        g_string_append_printf (text, "- %s: %s\n", row->name, amount);
    }
  return g_string_free (text, FALSE);
}
