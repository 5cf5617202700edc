/* canting-product.c: the catalog, SKUs and the finished-goods ledger. */
#include "canting-product-private.h"
#include "canting-record-private.h"

#include <string.h>

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-quantity.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

/* Highest price or cost per piece: Rp 10 billion, far above the finest
 * batik tulis, and with CANTING_PIECES_MAX it keeps a line total inside
 * the money limit. */
#define PRICE_MAX G_GINT64_CONSTANT (10000000000)
#define SKU_MAX_CHARS 40

G_DEFINE_QUARK (canting-product-error-quark, canting_product_error)
G_DEFINE_BOXED_TYPE (CantingProduct, canting_product, canting_product_copy, canting_product_free)

static const CantingEnumName techniques[CANTING_TECHNIQUE_COUNT] = {
  [CANTING_TECHNIQUE_TULIS] = { "tulis", N_("Batik tulis (hand-drawn)") },
  [CANTING_TECHNIQUE_CAP] = { "cap", N_("Batik cap (stamped)") },
  [CANTING_TECHNIQUE_KOMBINASI] = { "kombinasi", N_("Kombinasi (stamped and drawn)") },
  [CANTING_TECHNIQUE_PRINTING] = { "printing", N_("Printing") },
};

/* In generated SKUs: "PB-TL-0001". */
static const char * const technique_codes[CANTING_TECHNIQUE_COUNT] = {
  [CANTING_TECHNIQUE_TULIS] = "TL",
  [CANTING_TECHNIQUE_CAP] = "CP",
  [CANTING_TECHNIQUE_KOMBINASI] = "KB",
  [CANTING_TECHNIQUE_PRINTING] = "PR",
};

const char *
canting_technique_to_string (CantingTechnique technique)
{
  return canting_enum_id (techniques, CANTING_TECHNIQUE_COUNT, technique);
}

const char *
canting_technique_label (CantingTechnique technique)
{
  return canting_enum_label (techniques, CANTING_TECHNIQUE_COUNT, technique);
}

gboolean
canting_technique_from_string (const char       *text,
                               CantingTechnique *out_technique)
{
  guint value;

  if (!canting_enum_lookup (techniques, CANTING_TECHNIQUE_COUNT, text, &value))
    return FALSE;
  *out_technique = value;
  return TRUE;
}

CantingProduct *
canting_product_new (void)
{
  CantingProduct *p = g_new0 (CantingProduct, 1);

  p->sku = g_strdup ("");
  p->name = g_strdup ("");
  p->motif = g_strdup ("");
  p->size = g_strdup ("");
  p->colours = g_strdup ("");
  p->colour_count = 1;
  p->material = g_strdup ("");
  p->description = g_strdup ("");
  return p;
}

CantingProduct *
canting_product_copy (const CantingProduct *product)
{
  CantingProduct *p = g_memdup2 (product, sizeof *product);

  p->sku = g_strdup (product->sku);
  p->name = g_strdup (product->name);
  p->motif = g_strdup (product->motif);
  p->size = g_strdup (product->size);
  p->colours = g_strdup (product->colours);
  p->material = g_strdup (product->material);
  p->description = g_strdup (product->description);
  p->thumbnail = g_strdup (product->thumbnail);
  p->online = g_strdup (product->online);
  return p;
}

void
canting_product_free (CantingProduct *product)
{
  if (product == NULL)
    return;
  g_free (product->sku);
  g_free (product->name);
  g_free (product->motif);
  g_free (product->size);
  g_free (product->colours);
  g_free (product->material);
  g_free (product->description);
  g_free (product->thumbnail);
  g_free (product->online);
  g_free (product);
}

static gboolean
validate_price (CantingMoney         amount,
                CantingProductField  field,
                const char          *label,
                GError             **error)
{
  if (amount < 0)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, field, _("%s cannot be negative."), label);
      return FALSE;
    }
  if (amount > PRICE_MAX)
    {
      g_autofree char *limit = canting_money_format (PRICE_MAX);
      g_set_error (error, CANTING_PRODUCT_ERROR, field, _("%s is over the limit of %s per piece."), label, limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_sku (const char  *sku,
              GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (sku != NULL ? sku : ""));

  if (strlen (trimmed) > SKU_MAX_CHARS)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_SKU,
                   _("The SKU is too long: at most %d characters."), SKU_MAX_CHARS);
      return FALSE;
    }
  /* Shops and spreadsheets mangle anything else. */
  for (const char *c = trimmed; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_' && *c != '.')
      {
        g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_SKU,
                     _("The SKU “%s” may use only letters, digits, “-”, “_” and “.”."), trimmed);
        return FALSE;
      }
  return TRUE;
}

gboolean
canting_product_validate (const CantingProduct  *p,
                          GError               **error)
{
  if (!validate_sku (p->sku, error) ||
      !canting_validate_text (p->name, CANTING_TEXT_REQUIRED, _("Product name"), _("Type the product’s name."),
                              CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_NAME, error) ||
      !canting_validate_text (p->motif, 0, _("Motif"), NULL,
                              CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_MOTIF, error) ||
      !canting_validate_text (p->size, 0, _("Size"), NULL,
                              CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_SIZE, error) ||
      !canting_validate_text (p->colours, 0, _("Colours"), NULL,
                              CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_COLOURS, error) ||
      !canting_validate_text (p->material, 0, _("Cloth"), NULL,
                              CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_MATERIAL, error) ||
      !canting_validate_text (p->description, CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG, _("Description"), NULL,
                              CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_DESCRIPTION, error) ||
      !validate_price (p->price, CANTING_PRODUCT_FIELD_PRICE, _("The price"), error) ||
      !validate_price (p->unit_cost, CANTING_PRODUCT_FIELD_UNIT_COST, _("The cost per piece"), error))
    return FALSE;

  if (p->weight < 0 || p->weight > CANTING_WEIGHT_MAX_GRAMS)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_WEIGHT,
                   _("The weight per piece must be from 1 to %d grams, or empty when not weighed yet."),
                   CANTING_WEIGHT_MAX_GRAMS);
      return FALSE;
    }
  if (p->technique >= CANTING_TECHNIQUE_COUNT)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_NAME, _("Choose a technique."));
      return FALSE;
    }
  if (p->colour_count < 1 || p->colour_count > CANTING_COLOURS_MAX)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_COLOUR_COUNT,
                   _("The number of colours must be from 1 to %d."), CANTING_COLOURS_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_product_weight_parse (const char  *text,
                              gint64      *out_grams,
                              GError     **error)
{
  g_autofree char *shown = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *number = g_ascii_strdown (shown, -1);
  static const char * const gram_units[] = { "gram", "gr", "g" };
  gboolean kilos = FALSE;
  gsize len = strlen (number);
  CantingQuantity value = 0;

  *out_grams = 0;
  if (*shown == '\0')
    return TRUE;
  if (len > 2 && g_str_has_suffix (number, "kg"))
    {
      kilos = TRUE;
      number[len - 2] = '\0';
    }
  else
    for (gsize i = 0; i < G_N_ELEMENTS (gram_units); i++)
      if (len > strlen (gram_units[i]) && g_str_has_suffix (number, gram_units[i]))
        {
          number[len - strlen (gram_units[i])] = '\0';
          break;
        }
  /* A quantity is thousandths: of a kilo that is grams; grams must be
   * whole. */
  if (!canting_quantity_parse (number, &value, NULL) || value <= 0 ||
      (!kilos && value % CANTING_QUANTITY_ONE != 0) ||
      (kilos ? value : value / CANTING_QUANTITY_ONE) > CANTING_WEIGHT_MAX_GRAMS)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_WEIGHT,
                   _("“%s” is not a weight per piece. Type whole grams, for example 350, or kilos, "
                     "for example 1,2 kg (at most %d kg)."), shown, CANTING_WEIGHT_MAX_GRAMS / 1000);
      return FALSE;
    }
  *out_grams = kilos ? value : value / CANTING_QUANTITY_ONE;
  return TRUE;
}

/* "Parabha Balitar" + tulis → "PB-TL-": up to three initials of the
 * motif (or BTK), then the technique's code. */
static char *
sku_prefix (const CantingProduct *p)
{
  GString *prefix = g_string_new (NULL);
  gboolean word_start = TRUE;

  for (const char *c = p->motif; *c != '\0' && prefix->len < 3; c++)
    {
      if (g_ascii_isalnum (*c))
        {
          if (word_start)
            g_string_append_c (prefix, g_ascii_toupper (*c));
          word_start = FALSE;
        }
      else
        word_start = TRUE;
    }
  if (prefix->len == 0)
    g_string_append (prefix, "BTK");
  g_string_append_printf (prefix, "-%s-", technique_codes[p->technique]);
  return g_string_free (prefix, FALSE);
}

static gboolean
sku_taken (CantingDb   *db,
           const char  *sku,
           gint64       except_id,
           char       **out_owner,
           gboolean    *out_taken,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT name FROM products WHERE sku = ?1 AND id <> ?2",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("checking the SKU"));
      return FALSE;
    }
  *out_taken = rc == SQLITE_ROW;
  if (*out_taken && out_owner != NULL)
    *out_owner = canting_sql_dup_text (stmt, 0);
  return TRUE;
}

static gboolean
save_in_transaction (CantingDb  *db,
                     gpointer    user_data,
                     GError    **error)
{
  CantingProduct *p = user_data;
  g_autofree char *sku = g_strstrip (g_strdup (p->sku));
  g_autofree char *owner = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean taken = FALSE;

  if (*sku == '\0')
    {
      g_autofree char *prefix = sku_prefix (p);

      for (guint n = 1; *sku == '\0' || taken; n++)
        {
          g_free (sku);
          sku = g_strdup_printf ("%s%04u", prefix, n);
          if (!sku_taken (db, sku, p->id, NULL, &taken, error))
            return FALSE;
        }
    }
  else
    {
      if (!sku_taken (db, sku, p->id, &owner, &taken, error))
        return FALSE;
      if (taken)
        {
          g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_SKU,
                       _("The SKU “%s” is already used by “%s”. Choose another, or leave it empty to get a new one."),
                       sku, owner);
          return FALSE;
        }
    }

  if (p->id == 0)
    stmt = canting_sql_prepare (db,
                                "INSERT INTO products (sku, name, motif, technique, size, colours, colour_count, "
                                "material, price, unit_cost, description, archived, weight) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  else
    stmt = canting_sql_prepare (db,
                                "UPDATE products SET sku = ?1, name = ?2, motif = ?3, technique = ?4, size = ?5, "
                                "colours = ?6, colour_count = ?7, material = ?8, price = ?9, unit_cost = ?10, "
                                "description = ?11, archived = ?12, weight = ?13 WHERE id = ?14", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  canting_sql_bind_trimmed (stmt, 2, p->name);
  canting_sql_bind_trimmed (stmt, 3, p->motif);
  sqlite3_bind_text (stmt, 4, techniques[p->technique].id, -1, SQLITE_STATIC);
  canting_sql_bind_trimmed (stmt, 5, p->size);
  canting_sql_bind_trimmed (stmt, 6, p->colours);
  sqlite3_bind_int (stmt, 7, (int) p->colour_count);
  canting_sql_bind_trimmed (stmt, 8, p->material);
  sqlite3_bind_int64 (stmt, 9, p->price);
  sqlite3_bind_int64 (stmt, 10, p->unit_cost);
  canting_sql_bind_trimmed (stmt, 11, p->description);
  sqlite3_bind_int (stmt, 12, p->archived ? 1 : 0);
  canting_sql_bind_optional (stmt, 13, p->weight, 0);
  if (p->id != 0)
    sqlite3_bind_int64 (stmt, 14, p->id);
  if (!canting_sql_save_record (db, stmt, &p->id, _("saving the product"), _("This product no longer exists."), error))
    return FALSE;
  g_free (p->sku);
  p->sku = g_steal_pointer (&sku);
  return TRUE;
}

typedef struct {
  CantingProduct *product;
  gboolean set_stock;
  gint64 shown_stock;
  gint64 stock;
  CantingProductSaveExtra extra;   /* more of the same form, or NULL */
  gpointer extra_data;
} SaveJob;

static gboolean
save_job_in_transaction (CantingDb  *db,
                         gpointer    user_data,
                         GError    **error)
{
  SaveJob *job = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 have = 0;

  if (!save_in_transaction (db, job->product, error))
    return FALSE;
  if (job->extra != NULL && !job->extra (db, job->product, job->extra_data, error))
    return FALSE;
  if (!job->set_stock || job->stock == job->shown_stock)
    return TRUE;

  if (job->stock < 0 || job->stock > CANTING_PIECES_MAX)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_STOCK,
                   _("Stock must be from 0 to %d pieces."), CANTING_PIECES_MAX);
      return FALSE;
    }
  stmt = canting_sql_prepare (db, "SELECT coalesce(sum(delta), 0) FROM product_stock_moves WHERE product_id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->product->id);
  if (!canting_sql_get_int64 (db, stmt, &have, _("reading the stock"), error))
    return FALSE;
  if (have != job->shown_stock)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_STOCK,
                   _("The stock changed to %d while this form was open (an order was delivered, say). "
                     "Check the count and save again."), (int) have);
      return FALSE;
    }
  if (have != job->stock &&
      !canting_product_move_stock_in_txn (db, job->product->id, job->stock - have, "adjustment", 0, error))
    return FALSE;
  job->product->stock = job->stock;
  return TRUE;
}

static gboolean
save_job (CantingDb  *db,
          SaveJob    *job,
          GError    **error)
{
  CantingProduct *product = job->product;
  gint64 id_before = product->id;
  g_autofree char *sku_before = g_strdup (product->sku);

  if (!canting_product_validate (product, error))
    return FALSE;
  if (!canting_db_transaction (db, save_job_in_transaction, job, error))
    {
      /* A rolled-back save leaves the record as the person typed it. */
      product->id = id_before;
      g_free (product->sku);
      product->sku = g_steal_pointer (&sku_before);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_product_save_with_stock_in_txn (CantingDb       *db,
                                        CantingProduct  *product,
                                        gint64           stock,
                                        GError         **error)
{
  SaveJob job = { product, stock != 0, 0, stock, NULL, NULL };
  return save_job_in_transaction (db, &job, error);
}

gboolean
canting_product_save (CantingDb       *db,
                      CantingProduct  *product,
                      GError         **error)
{
  SaveJob job = { product, FALSE, 0, 0, NULL, NULL };
  return save_job (db, &job, error);
}

gboolean
canting_product_save_with_stock (CantingDb       *db,
                                 CantingProduct  *product,
                                 gint64           shown_stock,
                                 gint64           new_stock,
                                 GError         **error)
{
  SaveJob job = { product, TRUE, shown_stock, new_stock, NULL, NULL };
  return save_job (db, &job, error);
}

gboolean
canting_product_save_with_stock_and (CantingDb                *db,
                                     CantingProduct           *product,
                                     gint64                    shown_stock,
                                     gint64                    new_stock,
                                     CantingProductSaveExtra   extra,
                                     gpointer                  extra_data,
                                     GError                  **error)
{
  SaveJob job = { product, TRUE, shown_stock, new_stock, extra, extra_data };
  return save_job (db, &job, error);
}

#define PRODUCT_COLUMNS \
  "p.id, p.sku, p.name, p.motif, p.technique, p.size, p.colours, p.colour_count, p.material, " \
  "p.price, p.unit_cost, p.description, p.archived, " \
  "(SELECT coalesce(sum(delta), 0) FROM product_stock_moves m WHERE m.product_id = p.id), " \
  "(SELECT ph.thumbnail FROM product_photos ph WHERE ph.product_id = p.id ORDER BY ph.position, ph.id LIMIT 1), " \
  "p.weight, " \
  /* What most needs the person's eye across the shops: a refusal, then \
   * changes waiting, then online. */ \
  "(SELECT l.state FROM listings l WHERE l.product_id = p.id AND l.state <> 'offline' " \
  " ORDER BY CASE l.state WHEN 'failed' THEN 0 WHEN 'changed' THEN 1 WHEN 'queued' THEN 2 ELSE 3 END LIMIT 1)"

static CantingProduct *
product_from_row (CantingDb    *db,
                  sqlite3_stmt *stmt)
{
  CantingProduct *p = g_new0 (CantingProduct, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->sku = canting_sql_dup_text (stmt, 1);
  p->name = canting_sql_dup_text (stmt, 2);
  p->motif = canting_sql_dup_text (stmt, 3);
  canting_technique_from_string ((const char *) sqlite3_column_text (stmt, 4), &p->technique);
  p->size = canting_sql_dup_text (stmt, 5);
  p->colours = canting_sql_dup_text (stmt, 6);
  p->colour_count = (guint) sqlite3_column_int (stmt, 7);
  p->material = canting_sql_dup_text (stmt, 8);
  p->price = sqlite3_column_int64 (stmt, 9);
  p->unit_cost = sqlite3_column_int64 (stmt, 10);
  p->description = canting_sql_dup_text (stmt, 11);
  p->archived = sqlite3_column_int (stmt, 12) != 0;
  p->stock = sqlite3_column_int64 (stmt, 13);
  if (sqlite3_column_type (stmt, 14) != SQLITE_NULL)
    p->thumbnail = canting_photo_path (db, (const char *) sqlite3_column_text (stmt, 14));
  p->weight = canting_sql_column_optional (stmt, 15, 0);
  p->online = g_strdup ((const char *) sqlite3_column_text (stmt, 16));
  return p;
}

CantingProduct *
canting_product_load (CantingDb  *db,
                      gint64      id,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT " PRODUCT_COLUMNS " FROM products p WHERE p.id = ?1",
                                                      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return product_from_row (db, stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This product no longer exists."));
  else
    canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the product"));
  return NULL;
}

gboolean
canting_product_move_stock_in_txn (CantingDb   *db,
                                   gint64       product_id,
                                   gint64       delta,
                                   const char  *reason,
                                   gint64       order_id,
                                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stock = canting_sql_prepare (db,
                                                       "SELECT p.name, (SELECT coalesce(sum(delta), 0) FROM product_stock_moves m "
                                                       "WHERE m.product_id = p.id) FROM products p WHERE p.id = ?1",
                                                       error);
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *name = NULL;
  gint64 have;
  int rc;

  if (stock == NULL)
    return FALSE;
  sqlite3_bind_int64 (stock, 1, product_id);
  rc = sqlite3_step (stock);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This product no longer exists."));
      else
        canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the stock"));
      return FALSE;
    }
  name = canting_sql_dup_text (stock, 0);
  have = sqlite3_column_int64 (stock, 1);

  if (delta > CANTING_PIECES_MAX || have + delta > CANTING_PIECES_MAX)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_STOCK,
                   _("Stock of “%s” cannot go above %d pieces."), name, CANTING_PIECES_MAX);
      return FALSE;
    }
  /* Taking out more than there is, however much more. */
  if (delta < -CANTING_PIECES_MAX || have + delta < 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("Only %d of “%s” in stock; %d needed."), (int) have, name, (int) -delta);
      return FALSE;
    }

  insert = canting_sql_prepare (db,
                                "INSERT INTO product_stock_moves (product_id, delta, reason, order_id) "
                                "VALUES (?1, ?2, ?3, ?4)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, product_id);
  sqlite3_bind_int64 (insert, 2, delta);
  sqlite3_bind_text (insert, 3, reason, -1, SQLITE_STATIC);
  if (order_id != 0)
    sqlite3_bind_int64 (insert, 4, order_id);
  return canting_sql_run (db, insert, _("recording the stock change"), error);
}

typedef struct {
  gint64 id;
  gint64 delta;
} Adjustment;

static gboolean
adjust_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  Adjustment *a = user_data;
  return canting_product_move_stock_in_txn (db, a->id, a->delta, "adjustment", 0, error);
}

gboolean
canting_product_adjust_stock (CantingDb  *db,
                              gint64      id,
                              gint64      delta,
                              GError    **error)
{
  Adjustment a = { id, delta };

  if (delta == 0)
    return TRUE;
  return canting_db_transaction (db, adjust_in_transaction, &a, error);
}

#define SEARCH_FROM \
  " FROM products p WHERE (?1 OR p.archived = 0)" \
  " AND (?2 = '%%' OR p.name LIKE ?2 ESCAPE '\\' OR p.sku LIKE ?2 ESCAPE '\\' OR p.motif LIKE ?2 ESCAPE '\\')" \
  " AND (?3 IS NULL OR p.technique = ?3)" \
  " AND (?4 IS NULL OR p.motif = ?4 COLLATE NOCASE)" \
  " AND (NOT ?5 OR (SELECT coalesce(sum(delta), 0) FROM product_stock_moves m WHERE m.product_id = p.id) > 0)"

static void
bind_filter (sqlite3_stmt               *stmt,
             const CantingProductFilter *filter,
             char                       *pattern)
{
  sqlite3_bind_int (stmt, 1, filter->include_archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, pattern, -1, g_free);
  if (filter->technique >= 0 && filter->technique < CANTING_TECHNIQUE_COUNT)
    sqlite3_bind_text (stmt, 3, techniques[filter->technique].id, -1, SQLITE_STATIC);
  if (filter->motif != NULL)
    sqlite3_bind_text (stmt, 4, filter->motif, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, filter->in_stock_only ? 1 : 0);
}

GPtrArray *
canting_product_search (CantingDb                  *db,
                        const CantingProductFilter *filter,
                        guint                       offset,
                        guint                       limit,
                        GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT " PRODUCT_COLUMNS SEARCH_FROM
                                                      " ORDER BY p.name COLLATE NOCASE, p.id LIMIT ?6 OFFSET ?7",
                                                      error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_product_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter, canting_sql_like_pattern (filter->text));
  sqlite3_bind_int64 (stmt, 6, limit);
  sqlite3_bind_int64 (stmt, 7, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, product_from_row (db, stmt));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("searching products"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
canting_product_choice_free (CantingProductChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->sku);
  g_free (choice->name);
  g_free (choice);
}

/* Only what a menu shows: the product list's stock, photo and listing
 * columns took most of the time of opening an order form. */
static GPtrArray *
read_choices (CantingDb     *db,
              const char    *sql,
              gint64         value,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_product_choice_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingProductChoice *c = g_new0 (CantingProductChoice, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->sku = canting_sql_dup_text (stmt, 1);
      c->name = canting_sql_dup_text (stmt, 2);
      c->price = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (rows, c);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the products"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
canting_product_choices (CantingDb  *db,
                         guint       limit,
                         GError    **error)
{
  return read_choices (db, "SELECT id, sku, name, price FROM products WHERE archived = 0 "
                       "ORDER BY name COLLATE NOCASE, id LIMIT ?1", limit, error);
}

CantingProductChoice *
canting_product_choice_load (CantingDb  *db,
                             gint64      id,
                             GError    **error)
{
  g_autoptr(GPtrArray) rows = read_choices (db, "SELECT id, sku, name, price FROM products WHERE id = ?1", id, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This product no longer exists."));
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

gint64
canting_product_count (CantingDb                  *db,
                       const CantingProductFilter *filter,
                       GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT count(*)" SEARCH_FROM, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter, canting_sql_like_pattern (filter->text));
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting products"), error))
    return -1;
  return n;
}

GStrv
canting_product_motif_suggestions (CantingDb  *db,
                                   GError    **error)
{
  /* Blitar's own motifs first (the association promotes them), then
   * classics every workshop knows. */
  static const char * const known[] = {
    "Parabha Balitar", "Puspa Dahana", "Cakra Palah",
    "Kawung", "Parang", "Truntum", "Sido Mukti", "Sekar Jagad", "Mega Mendung", "Lereng",
  };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT DISTINCT motif FROM products WHERE motif <> '' "
                                                      "ORDER BY motif COLLATE NOCASE",
                                                      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_strv_builder_add (builder, known[i]);
      g_hash_table_add (seen, g_utf8_casefold (known[i], -1));
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *motif = (const char *) sqlite3_column_text (stmt, 0);
      char *key = g_utf8_casefold (motif, -1);

      if (g_hash_table_add (seen, key))
        g_strv_builder_add (builder, motif);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading motifs"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

GStrv
canting_product_motifs_in_use (CantingDb  *db,
                               GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT min(motif) FROM products "
                                                      "WHERE motif <> '' AND archived = 0 "
                                                      "GROUP BY motif COLLATE NOCASE ORDER BY motif COLLATE NOCASE",
                                                      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading motifs"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}
