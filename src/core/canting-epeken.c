/* canting-epeken.c: choosing an e-Peken listing pack's products, their
 * category and photo names, and writing its product CSV.  Not for images
 * or files: src/report/canting-epeken-pack.c puts the pack together. */
#include "canting-epeken.h"
#include "canting-csv-private.h"

#include <string.h>

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-sql-private.h"

/* e-Peken's category list is not public (sellers get it from the office
 * that onboards them), so these are Canting's guesses in the
 * "Group > Kind" shape marketplaces use.  A workshop given other names
 * maps its motifs or techniques on its e-Peken channel
 * (canting_channel_set_category), which wins over this table.  Printed
 * cloth is not sold as batik: Indonesia's batik standard counts only
 * wax-resist work, so printing goes under patterned cloth. */
static const char * const default_categories[CANTING_TECHNIQUE_COUNT] = {
  [CANTING_TECHNIQUE_TULIS] = "Fashion > Kain Batik > Batik Tulis",
  [CANTING_TECHNIQUE_CAP] = "Fashion > Kain Batik > Batik Cap",
  [CANTING_TECHNIQUE_KOMBINASI] = "Fashion > Kain Batik > Batik Kombinasi",
  [CANTING_TECHNIQUE_PRINTING] = "Fashion > Kain > Kain Motif Batik",
};

const char *
canting_epeken_default_category (CantingTechnique technique)
{
  g_return_val_if_fail (technique < CANTING_TECHNIQUE_COUNT, NULL);
  return default_categories[technique];
}

static void
item_free (CantingEpekenItem *item)
{
  if (item == NULL)
    return;
  canting_product_free (item->product);
  g_free (item->category);
  g_clear_pointer (&item->photos, g_ptr_array_unref);
  g_strfreev (item->photo_names);
  g_free (item);
}

void
canting_epeken_selection_free (CantingEpekenSelection *selection)
{
  if (selection == NULL)
    return;
  g_clear_pointer (&selection->items, g_ptr_array_unref);
  g_clear_pointer (&selection->skipped, g_ptr_array_unref);
  g_free (selection);
}

char *
canting_epeken_problems_text (CantingEpekenProblems problems)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (problems & CANTING_EPEKEN_ARCHIVED)
    g_ptr_array_add (parts, (gpointer) _("archived"));
  if (problems & CANTING_EPEKEN_NO_PRICE)
    g_ptr_array_add (parts, (gpointer) _("no price"));
  if (problems & CANTING_EPEKEN_NO_PHOTO)
    g_ptr_array_add (parts, (gpointer) _("no photo"));
  if (problems & CANTING_EPEKEN_NOT_WEIGHED)
    g_ptr_array_add (parts, (gpointer) _("not weighed"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* The category the workshop's e-Peken channel gives the product's motif
 * or, failing that, its technique; the first such channel by name when
 * there are several.  NULL when none maps it. */
static gboolean
mapped_category (CantingDb             *db,
                 const CantingProduct  *product,
                 char                 **out_name,
                 GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT c.remote_name FROM channel_categories c "
                                                      "JOIN channels ch ON ch.id = c.channel_id "
                                                      "WHERE ch.kind = 'epeken' AND ch.archived = 0 AND ("
                                                      "  (c.source = 'motif' AND c.local_value = trim(?1)) OR "
                                                      "  (c.source = 'technique' AND c.local_value = ?2)) "
                                                      "ORDER BY ch.name, ch.id, c.source = 'technique' LIMIT 1",
                                                      error);
  int rc;

  *out_name = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, product->motif, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, canting_technique_to_string (product->technique), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_name = canting_sql_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the categories"));
      return FALSE;
    }
  return TRUE;
}

/* The SKU as a file name: it already holds only ASCII letters, digits,
 * '-', '_' and '.'; a dot becomes '-', so no name starts hidden or looks
 * like it has two extensions.  Anything else, should the rule ever
 * widen, becomes '-' too. */
static char *
file_stem (const CantingProduct *product)
{
  g_autoptr(GString) stem = g_string_new (NULL);

  for (const char *p = product->sku; *p != '\0'; p++)
    g_string_append_c (stem, g_ascii_isalnum (*p) || *p == '-' || *p == '_' ? *p : '-');
  if (strspn (stem->str, "-_") == stem->len)
    g_string_printf (stem, "produk-%" G_GINT64_FORMAT, product->id);
  return g_string_free (g_steal_pointer (&stem), FALSE);
}

/* Names the item's photos "<stem>-<n>.jpg".  @used holds the names
 * taken, folded to lower case: two SKUs that differ only in what
 * file_stem() replaced, or in capitals on a case-blind stick, would
 * otherwise share files; the later one gets its product id added. */
static void
name_photos (CantingEpekenItem *item,
             GHashTable        *used)
{
  char *stem = file_stem (item->product);
  guint n = item->photos->len;

  for (;;)
    {
      g_autofree char *first = g_strdup_printf ("%s-1.jpg", stem);
      g_autofree char *folded = g_ascii_strdown (first, -1);
      char *longer;

      if (!g_hash_table_contains (used, folded))
        break;
      longer = g_strdup_printf ("%s-p%" G_GINT64_FORMAT, stem, item->product->id);
      g_free (stem);
      stem = longer;
    }
  item->photo_names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      item->photo_names[i] = g_strdup_printf ("%s-%u.jpg", stem, i + 1);
      g_hash_table_add (used, g_ascii_strdown (item->photo_names[i], -1));
    }
  g_free (stem);
}

static CantingEpekenItem *
item_load (CantingDb   *db,
           gint64       id,
           GError     **error)
{
  g_autoptr(CantingProduct) product = canting_product_load (db, id, error);
  g_autoptr(GPtrArray) photos = NULL;
  CantingEpekenItem *item;
  char *category = NULL;

  if (product == NULL)
    return NULL;
  photos = canting_product_photos (db, id, error);
  if (photos == NULL || !mapped_category (db, product, &category, error))
    return NULL;
  if (photos->len > CANTING_EPEKEN_PHOTOS_MAX)
    g_ptr_array_set_size (photos, CANTING_EPEKEN_PHOTOS_MAX);

  item = g_new0 (CantingEpekenItem, 1);
  item->category = category != NULL ? category : g_strdup (canting_epeken_default_category (product->technique));
  if (product->price <= 0)
    item->problems |= CANTING_EPEKEN_NO_PRICE;
  if (photos->len == 0)
    item->problems |= CANTING_EPEKEN_NO_PHOTO;
  if (product->archived)
    item->problems |= CANTING_EPEKEN_ARCHIVED;
  if (product->weight <= 0)
    item->problems |= CANTING_EPEKEN_NOT_WEIGHED;
  item->product = g_steal_pointer (&product);
  item->photos = g_steal_pointer (&photos);
  return item;
}

/* The ids to take, in order: those of @skus, or the catalogue's. */
static GArray *
chosen_ids (CantingDb           *db,
            const char * const  *skus,
            GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (skus == NULL || skus[0] == NULL)
    {
      stmt = canting_sql_prepare (db, "SELECT id FROM products WHERE archived = 0 ORDER BY name COLLATE NOCASE, id",
                                  error);
      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      if (rc != SQLITE_DONE)
        {
          canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the products"));
          return NULL;
        }
      return g_steal_pointer (&ids);
    }

  stmt = canting_sql_prepare (db, "SELECT id FROM products WHERE sku = trim(?1)", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; skus[i] != NULL; i++)
    {
      gint64 id;
      gboolean seen = FALSE;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, skus[i], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("No product has the SKU “%s”."), skus[i]);
          return NULL;
        }
      if (rc != SQLITE_ROW)
        {
          canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the products"));
          return NULL;
        }
      id = sqlite3_column_int64 (stmt, 0);
      /* A product named twice goes in once. */
      for (guint j = 0; j < ids->len && !seen; j++)
        seen = g_array_index (ids, gint64, j) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

CantingEpekenSelection *
canting_epeken_select (CantingDb           *db,
                       const char * const  *skus,
                       gboolean             include_incomplete,
                       GError             **error)
{
  g_autoptr(CantingEpekenSelection) selection = g_new0 (CantingEpekenSelection, 1);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CANTING_IS_DB (db), NULL);

  selection->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  selection->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  ids = chosen_ids (db, skus, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      CantingEpekenItem *item = item_load (db, g_array_index (ids, gint64, i), error);

      if (item == NULL)
        return NULL;
      if ((item->problems & CANTING_EPEKEN_INCOMPLETE) && !include_incomplete)
        {
          item->photo_names = g_new0 (char *, 1);
          g_ptr_array_add (selection->skipped, item);
          continue;
        }
      name_photos (item, used);
      g_ptr_array_add (selection->items, item);
    }
  return g_steal_pointer (&selection);
}

/* The product's own description, or one made from its details when it
 * has none: the office cannot list a product without one.  In
 * Indonesian whatever the app's language, like the CSV's headers: it is
 * read by e-Peken's buyers. */
static char *
description (const CantingProduct *p)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (p->description));

  if (*trimmed != '\0')
    return g_steal_pointer (&trimmed);
  /* Printing is not sold as batik (see default_categories). */
  text = g_string_new (p->technique == CANTING_TECHNIQUE_PRINTING ? "Kain motif batik (printing)" : "Batik ");
  if (p->technique != CANTING_TECHNIQUE_PRINTING)
    g_string_append (text, canting_technique_to_string (p->technique));
  if (*p->motif != '\0')
    g_string_append_printf (text, " motif %s", p->motif);
  g_string_append_c (text, '.');
  if (*p->size != '\0')
    g_string_append_printf (text, " Ukuran %s.", p->size);
  if (*p->material != '\0')
    g_string_append_printf (text, " Kain %s.", p->material);
  if (*p->colours != '\0')
    g_string_append_printf (text, " Warna %s.", p->colours);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GBytes *
canting_epeken_csv (const CantingEpekenSelection *selection)
{
  /* Indonesian headers, like every export: the office and the seller
   * read them. */
  static const char * const heads[] = {
    "nama", "kategori", "deskripsi", "harga", "stok", "berat (gram)", "sku",
  };
  g_autoptr(GString) out = g_string_new ("\xef\xbb\xbf");
  const char sep = ';';

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    canting_csv_put (out, heads[c], sep, FALSE);
  for (guint n = 1; n <= CANTING_EPEKEN_PHOTOS_MAX; n++)
    {
      g_autofree char *head = g_strdup_printf ("foto %u", n);
      canting_csv_put (out, head, sep, n == CANTING_EPEKEN_PHOTOS_MAX);
    }

  for (guint i = 0; i < selection->items->len; i++)
    {
      const CantingEpekenItem *item = g_ptr_array_index (selection->items, i);
      const CantingProduct *p = item->product;
      g_autofree char *text = description (p);
      g_autofree char *stock = g_strdup_printf ("%" G_GINT64_FORMAT, p->stock);
      /* Not weighed: empty, not 0, which a form would take as weightless. */
      g_autofree char *weight = p->weight > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, p->weight) : g_strdup ("");
      guint n_photos = g_strv_length (item->photo_names);

      canting_csv_put (out, p->name, sep, FALSE);
      canting_csv_put (out, item->category, sep, FALSE);
      canting_csv_put (out, text, sep, FALSE);
      canting_csv_put_money (out, p->price, sep, FALSE);
      canting_csv_put (out, stock, sep, FALSE);
      canting_csv_put (out, weight, sep, FALSE);
      canting_csv_put (out, p->sku, sep, FALSE);
      for (guint n = 0; n < CANTING_EPEKEN_PHOTOS_MAX; n++)
        canting_csv_put (out, n < n_photos ? item->photo_names[n] : "", sep, n + 1 == CANTING_EPEKEN_PHOTOS_MAX);
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
