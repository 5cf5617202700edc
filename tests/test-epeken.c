/* test-epeken.c: the e-Peken listing pack and the catalogue PDF: which
 * products go in and which are skipped, the CSV's columns and values,
 * the photos within the limits, the folder or zip whole or not at all,
 * and what the catalogue says.  The photos are drawn here with cairo;
 * the zip is read back with libarchive. */
#include "canting-channel.h"
#include "canting-catalogue-pdf.h"
#include "canting-db-private.h"
#include "canting-epeken.h"
#include "canting-epeken-pack.h"
#include "canting-error.h"
#include "canting-jpeg.h"
#include "canting-product.h"
#include "canting-profile.h"
#include "canting-test-util.h"

#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
  char *dir;       /* the workshop's data */
  char *out;       /* where packs go */
  CantingDb *db;
  gint64 kain, selendang, kemeja, lama, sarung;
} Fixture;

/* A @width × @height picture as PNG bytes: stripes like a batik, or
 * seeded noise (which JPEG cannot squeeze), with transparency or not. */
static GBytes *
png_photo (int      width,
           int      height,
           gboolean noise,
           gboolean alpha)
{
  cairo_surface_t *surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                                         width, height);
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "foto.png", NULL);
  GBytes *bytes;

  if (noise)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (42);
      guint8 *data = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);

      cairo_surface_flush (surface);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          ((guint32 *) (data + y * stride))[x] = 0xff000000u | (g_rand_int (rand) & 0xffffff);
      cairo_surface_mark_dirty (surface);
    }
  else
    {
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgba (cr, 0.45, 0.25, 0.1, alpha ? 0.0 : 1.0);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0.95, 0.85, 0.6);
      for (int x = 0; x < width; x += 20)
        cairo_rectangle (cr, x, 0, 8, height);
      cairo_fill (cr);
      cairo_destroy (cr);
    }
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  bytes = canting_test_read_file (path);
  canting_test_rmdir (dir);
  return bytes;
}

/* A JPEG, as the product form stores most photos. */
static GBytes *
jpeg_photo (int width,
            int height)
{
  g_autoptr(GBytes) png = png_photo (width, height, FALSE, FALSE);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
  char *buffer = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

static void
add_photo (Fixture *f,
           gint64   product_id,
           GBytes  *image)
{
  g_autoptr(GBytes) thumb = png_photo (64, 40, FALSE, FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (canting_product_photo_add (f->db, product_id, image, thumb, &error));
  g_assert_no_error (error);
}

static gint64
add_product (Fixture          *f,
             const char       *sku,
             const char       *name,
             const char       *motif,
             CantingTechnique  technique,
             CantingMoney      price,
             gint64            weight,
             gint64            stock,
             const char       *description)
{
  g_autoptr(CantingProduct) p = canting_product_new ();
  g_autoptr(GError) error = NULL;

  g_free (p->sku);
  p->sku = g_strdup (sku);
  g_free (p->name);
  p->name = g_strdup (name);
  g_free (p->motif);
  p->motif = g_strdup (motif);
  g_free (p->size);
  p->size = g_strdup ("2,15 × 1,15 m");
  g_free (p->material);
  p->material = g_strdup ("primissima");
  g_free (p->colours);
  p->colours = g_strdup ("sogan");
  g_free (p->description);
  p->description = g_strdup (description);
  p->technique = technique;
  p->price = price;
  p->weight = weight;
  g_assert_true (canting_product_save (f->db, p, &error));
  g_assert_no_error (error);
  if (stock > 0)
    {
      g_assert_true (canting_product_adjust_stock (f->db, p->id, stock, &error));
      g_assert_no_error (error);
    }
  return p->id;
}

/* The catalogue of a small workshop:
 *
 *   PB-TL-0001  Kain Batik Tulis Kawung Sogan  tulis      1.250.000  350 g  4 pieces  2 photos
 *   PB-CP-0002  Selendang Cap Parang           cap          275.000  120 g            no photo
 *   PB-PR-0003  Kemeja Printing Mega Mendung   printing     no price 250 g            1 photo
 *   PB-TL-0004  Kain Lama Truntum              tulis        900.000  300 g  archived  1 photo
 *   PB.KB.0005  Sarung Kombinasi Sekar Jagad   kombinasi    450.000  not weighed, 1 photo, no description */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(CantingProduct) lama = NULL;

  f->dir = canting_test_mkdtemp ();
  f->out = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);

  canting_profile_set_name (profile, "Batik Tulis Kembang Turi");
  canting_profile_set_city (profile, "Kota Blitar");
  canting_profile_set_phone (profile, "0812-3456-7890");
  g_assert_true (canting_profile_save (profile, f->db, &error));
  g_assert_no_error (error);

  f->kain = add_product (f, "PB-TL-0001", "Kain Batik Tulis Kawung Sogan", "Kawung", CANTING_TECHNIQUE_TULIS,
                         1250000, 350, 4, "Kain batik tulis halus; pewarna alami.");
  f->selendang = add_product (f, "PB-CP-0002", "Selendang Cap Parang", "Parang", CANTING_TECHNIQUE_CAP, 275000, 120,
                              0, "Selendang sutra.");
  f->kemeja = add_product (f, "PB-PR-0003", "Kemeja Printing Mega Mendung", "Mega Mendung", CANTING_TECHNIQUE_PRINTING,
                           0, 250, 2, "");
  f->lama = add_product (f, "PB-TL-0004", "Kain Lama Truntum", "Truntum", CANTING_TECHNIQUE_TULIS, 900000, 300, 1, "");
  f->sarung = add_product (f, "PB.KB.0005", "Sarung Kombinasi Sekar Jagad", "Sekar Jagad", CANTING_TECHNIQUE_KOMBINASI,
                           450000, 0, 2, "");
  {
    g_autoptr(GBytes) big = png_photo (1600, 1000, TRUE, FALSE);
    g_autoptr(GBytes) small = png_photo (300, 200, FALSE, TRUE);
    g_autoptr(GBytes) other = png_photo (400, 400, FALSE, FALSE);
    g_autoptr(GBytes) jpeg = jpeg_photo (800, 600);

    add_photo (f, f->kain, big);
    add_photo (f, f->kain, small);
    add_photo (f, f->kemeja, other);
    add_photo (f, f->lama, other);
    add_photo (f, f->sarung, jpeg);
  }
  lama = canting_product_load (f->db, f->lama, &error);
  g_assert_no_error (error);
  lama->archived = TRUE;
  g_assert_true (canting_product_save (f->db, lama, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  canting_test_rmdir (f->out);
  g_free (f->dir);
  g_free (f->out);
}

static const CantingEpekenItem *
item (GPtrArray *items,
      guint      i)
{
  g_assert_cmpuint (i, <, items->len);
  return g_ptr_array_index (items, i);
}

/* The whole catalogue: the complete products by name; the one without a
 * photo and the one without a price skipped with the reason; the
 * archived one not considered; the unweighed one in, with a warning. */
static void
test_select_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autofree char *warning = NULL;
  g_autofree char *reason = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (s->items->len, ==, 2);
  g_assert_cmpstr (item (s->items, 0)->product->name, ==, "Kain Batik Tulis Kawung Sogan");
  g_assert_cmpint (item (s->items, 0)->problems, ==, 0);
  g_assert_cmpint (item (s->items, 0)->product->stock, ==, 4);
  g_assert_cmpstr (item (s->items, 1)->product->name, ==, "Sarung Kombinasi Sekar Jagad");
  g_assert_cmpint (item (s->items, 1)->problems, ==, CANTING_EPEKEN_NOT_WEIGHED);
  warning = canting_epeken_problems_text (item (s->items, 1)->problems);
  g_assert_cmpstr (warning, ==, "not weighed");

  g_assert_cmpuint (s->skipped->len, ==, 2);
  g_assert_cmpstr (item (s->skipped, 0)->product->name, ==, "Kemeja Printing Mega Mendung");
  g_assert_cmpint (item (s->skipped, 0)->problems, ==, CANTING_EPEKEN_NO_PRICE);
  g_assert_cmpstr (item (s->skipped, 1)->product->name, ==, "Selendang Cap Parang");
  reason = canting_epeken_problems_text (item (s->skipped, 1)->problems);
  g_assert_cmpstr (reason, ==, "no photo");
}

/* Products named by SKU come in that order, each once; incomplete ones
 * are in when asked for, each with its problems; an unknown SKU is an
 * error naming it. */
static void
test_select_skus (Fixture       *f,
                  gconstpointer  data)
{
  const char *skus[] = { "pb-tl-0004", "PB-CP-0002", "PB-TL-0001", "PB-TL-0001", NULL };
  const char *unknown[] = { "PB-TL-0001", "PB-XX-9999", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, skus, FALSE, &error);
  g_autofree char *reason = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (s->items->len, ==, 1);
  g_assert_cmpuint (s->skipped->len, ==, 2);
  g_assert_cmpstr (item (s->skipped, 0)->product->name, ==, "Kain Lama Truntum");
  reason = canting_epeken_problems_text (item (s->skipped, 0)->problems);
  g_assert_cmpstr (reason, ==, "archived");
  g_clear_pointer (&s, canting_epeken_selection_free);

  s = canting_epeken_select (f->db, skus, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->items->len, ==, 3);
  g_assert_cmpuint (s->skipped->len, ==, 0);
  g_assert_cmpstr (item (s->items, 0)->product->sku, ==, "PB-TL-0004");
  g_assert_cmpint (item (s->items, 0)->problems, ==, CANTING_EPEKEN_ARCHIVED);
  g_assert_cmpstr (item (s->items, 1)->product->sku, ==, "PB-CP-0002");
  g_assert_cmpint (item (s->items, 1)->problems, ==, CANTING_EPEKEN_NO_PHOTO);
  g_assert_cmpuint (g_strv_length (item (s->items, 1)->photo_names), ==, 0);
  g_assert_cmpstr (item (s->items, 2)->product->sku, ==, "PB-TL-0001");
  g_clear_pointer (&s, canting_epeken_selection_free);

  s = canting_epeken_select (f->db, unknown, FALSE, &error);
  g_assert_null (s);
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“PB-XX-9999”"));
}

/* Every column of produk.csv: the BOM and semicolons of the other
 * exports, price in whole rupiah, weight in grams (empty when not
 * weighed), the stock, a description made from the details when the
 * product has none, and the photo names in foto/. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  csv = canting_epeken_csv (s);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_cmpstr (text, ==,
                   "\xef\xbb\xbfnama;kategori;deskripsi;harga;stok;berat (gram);sku;foto 1;foto 2;foto 3;foto 4;foto 5\r\n"
                   "Kain Batik Tulis Kawung Sogan;Fashion > Kain Batik > Batik Tulis;"
                   "\"Kain batik tulis halus; pewarna alami.\";1250000;4;350;PB-TL-0001;"
                   "PB-TL-0001-1.jpg;PB-TL-0001-2.jpg;;;\r\n"
                   "Sarung Kombinasi Sekar Jagad;Fashion > Kain Batik > Batik Kombinasi;"
                   "Batik kombinasi motif Sekar Jagad. Ukuran 2,15 × 1,15 m. Kain primissima. Warna sogan.;"
                   "450000;2;;PB.KB.0005;PB-KB-0005-1.jpg;;;;\r\n");
}

/* The category: the technique's by default; what the workshop's e-Peken
 * channel maps wins, its motif before its technique; another kind of
 * channel's mapping does not count. */
static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CantingChannel) epeken = canting_channel_new ();
  g_autoptr(CantingChannel) shop = canting_channel_new ();
  g_autoptr(CantingEpekenSelection) s = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (canting_epeken_default_category (CANTING_TECHNIQUE_CAP), ==, "Fashion > Kain Batik > Batik Cap");
  g_assert_cmpstr (canting_epeken_default_category (CANTING_TECHNIQUE_PRINTING), ==, "Fashion > Kain > Kain Motif Batik");

  g_free (epeken->name);
  epeken->name = g_strdup ("e-Peken Surabaya");
  epeken->kind = CANTING_CHANNEL_EPEKEN;
  g_assert_true (canting_channel_save (f->db, epeken, &error));
  g_assert_no_error (error);
  g_free (shop->name);
  shop->name = g_strdup ("Toko Sendiri");
  shop->kind = CANTING_CHANNEL_WOOCOMMERCE;
  shop->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
  g_free (shop->base_url);
  shop->base_url = g_strdup ("https://toko.example");
  g_free (shop->auth_user);
  shop->auth_user = g_strdup ("admin");
  g_assert_true (canting_channel_save (f->db, shop, &error));
  g_assert_no_error (error);

  g_assert_true (canting_channel_set_category (f->db, epeken->id, CANTING_CATEGORY_BY_TECHNIQUE, "tulis",
                                               "Wastra > Batik Tulis", 0, &error));
  g_assert_true (canting_channel_set_category (f->db, epeken->id, CANTING_CATEGORY_BY_MOTIF, "kawung",
                                               "Wastra > Batik Kawung", 0, &error));
  g_assert_true (canting_channel_set_category (f->db, shop->id, CANTING_CATEGORY_BY_TECHNIQUE, "kombinasi",
                                               "Batik", 0, &error));
  g_assert_no_error (error);

  {
    const char *skus[] = { "PB-TL-0001", "PB-TL-0004", "PB.KB.0005", NULL };
    s = canting_epeken_select (f->db, skus, TRUE, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (item (s->items, 0)->category, ==, "Wastra > Batik Kawung");
  g_assert_cmpstr (item (s->items, 1)->category, ==, "Wastra > Batik Tulis");
  g_assert_cmpstr (item (s->items, 2)->category, ==, "Fashion > Kain Batik > Batik Kombinasi");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Photos are named after the SKU; two SKUs that would give the same
 * names (a dot becomes '-') keep apart. */
static void
test_photo_names (Fixture       *f,
                  gconstpointer  data)
{
  const char *skus[] = { "PB.KB.0005", "PB-KB-0005", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = NULL;
  g_autoptr(GBytes) photo = png_photo (200, 100, FALSE, FALSE);
  gint64 twin = add_product (f, "PB-KB-0005", "Sarung Kembar", "Sekar Jagad", CANTING_TECHNIQUE_KOMBINASI, 450000, 400,
                             0, "");
  g_autofree char *expected = g_strdup_printf ("PB-KB-0005-p%" G_GINT64_FORMAT "-1.jpg", twin);

  add_photo (f, twin, photo);
  add_photo (f, twin, photo);
  s = canting_epeken_select (f->db, skus, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->items->len, ==, 2);
  g_assert_cmpuint (g_strv_length (item (s->items, 0)->photo_names), ==, 1);
  g_assert_cmpstr (item (s->items, 0)->photo_names[0], ==, "PB-KB-0005-1.jpg");
  g_assert_cmpuint (g_strv_length (item (s->items, 1)->photo_names), ==, 2);
  g_assert_cmpstr (item (s->items, 1)->photo_names[0], ==, expected);
}

/* The names in @dir, sorted, joined by spaces ("" when it is empty). */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_jpeg (const char *path,
             int         width,
             int         height)
{
  g_autoptr(GBytes) bytes = canting_test_read_file (path);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  int w = 0, h = 0;
  GdkPixbufFormat *format = gdk_pixbuf_get_file_info (path, &w, &h);
  /* (transfer full) */
  g_autofree char *name = format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;

  g_assert_cmpuint (g_bytes_get_size (bytes), <=, CANTING_EPEKEN_PHOTO_MAX_BYTES);
  g_assert_cmpmem (data, 3, "\xff\xd8\xff", 3);
  g_assert_nonnull (format);
  g_assert_cmpstr (name, ==, "jpeg");
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
}

/* A photo that is too heavy at the usual quality gets a lower one, then
 * smaller sides, until it is within the limit. */
static void
test_jpeg_limits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) png = png_photo (1200, 1200, TRUE, FALSE);
  g_autofree char *path = g_build_filename (f->out, "derau.png", NULL);
  g_autoptr(GdkPixbuf) original = NULL;
  g_autoptr(GdkPixbuf) picture = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), NULL));
  /* What the first try makes is over a megabyte: noise does not squeeze. */
  original = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_save_to_buffer (original, &buffer, &size, "jpeg", NULL, "quality", "85", NULL));
  g_free (buffer);
  g_assert_cmpuint (size, >, CANTING_EPEKEN_PHOTO_MAX_BYTES);

  jpeg = canting_jpeg_from_photo (path, CANTING_EPEKEN_PHOTO_MAX_SIDE, CANTING_EPEKEN_PHOTO_MAX_BYTES, &picture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (jpeg), <=, CANTING_EPEKEN_PHOTO_MAX_BYTES);
  g_assert_cmpint (gdk_pixbuf_get_width (picture), ==, 1200);
  g_assert_cmpint (gdk_pixbuf_get_height (picture), ==, 1200);
  g_clear_pointer (&jpeg, g_bytes_unref);
  g_clear_object (&picture);

  /* 200 kB: no quality gets there at 1200 px; smaller sides do. */
  jpeg = canting_jpeg_from_photo (path, CANTING_EPEKEN_PHOTO_MAX_SIDE, 200 * 1000, &picture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (jpeg), <=, 200 * 1000);
  g_assert_cmpint (gdk_pixbuf_get_width (picture), <, 1200);
  g_assert_cmpint (gdk_pixbuf_get_width (picture), ==, gdk_pixbuf_get_height (picture));
}

/* The pack: produk.csv as above, each photo under its name in foto/ as a
 * JPEG within the limits (the big one made smaller, the small one kept
 * at its size), katalog.pdf, all 0600, and nothing left beside the
 * folder. */
static void
test_pack (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autofree char *pack = g_build_filename (f->out, "paket-epeken", NULL);
  g_autofree char *csv_path = g_build_filename (pack, CANTING_EPEKEN_PRODUCTS_FILE, NULL);
  g_autofree char *photos = g_build_filename (pack, CANTING_EPEKEN_PHOTOS_FOLDER, NULL);
  g_autofree char *pdf = g_build_filename (pack, CANTING_EPEKEN_CATALOGUE_FILE, NULL);
  g_autofree char *top = NULL;
  g_autofree char *in_photos = NULL;
  g_autofree char *beside = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) written = NULL;

  g_assert_no_error (error);
  g_assert_true (canting_epeken_pack_write (f->db, s, pack, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  top = listing (pack);
  g_assert_cmpstr (top, ==, "foto katalog.pdf produk.csv");
  in_photos = listing (photos);
  g_assert_cmpstr (in_photos, ==, "PB-KB-0005-1.jpg PB-TL-0001-1.jpg PB-TL-0001-2.jpg");
  beside = listing (f->out);
  g_assert_cmpstr (beside, ==, "paket-epeken");

  csv = canting_epeken_csv (s);
  written = canting_test_read_file (csv_path);
  g_assert_true (g_bytes_equal (csv, written));

  /* The 1600 × 1000 noise: longer side 1200, under a megabyte. */
  {
    g_autofree char *big = g_build_filename (photos, "PB-TL-0001-1.jpg", NULL);
    g_autofree char *small = g_build_filename (photos, "PB-TL-0001-2.jpg", NULL);
    g_autofree char *jpeg = g_build_filename (photos, "PB-KB-0005-1.jpg", NULL);

    assert_jpeg (big, 1200, 750);
    assert_jpeg (small, 300, 200);
    assert_jpeg (jpeg, 800, 600);
  }
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  /* Every file private to its owner, the catalogue too. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (g_stat (csv_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

/* A later pack replaces an earlier one whole; a folder holding anything
 * else is refused and left as it was. */
static void
test_pack_replace (Fixture       *f,
                   gconstpointer  data)
{
  const char *one[] = { "PB.KB.0005", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) all = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, one, FALSE, &error);
  g_autofree char *pack = g_build_filename (f->out, "paket", NULL);
  g_autofree char *photos = g_build_filename (pack, CANTING_EPEKEN_PHOTOS_FOLDER, NULL);
  g_autofree char *other = g_build_filename (f->out, "dokumen", NULL);
  g_autofree char *letter = g_build_filename (other, "surat.txt", NULL);
  g_autofree char *names = NULL;

  g_assert_no_error (error);
  g_assert_true (canting_epeken_pack_write (f->db, all, pack, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (canting_epeken_pack_write (f->db, s, pack, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  names = listing (photos);
  g_assert_cmpstr (names, ==, "PB-KB-0005-1.jpg");
  g_clear_pointer (&names, g_free);
  names = listing (f->out);
  g_assert_cmpstr (names, ==, "paket");
  g_clear_pointer (&names, g_free);

  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  g_assert_true (g_file_set_contents (letter, "penting", -1, NULL));
  g_assert_false (canting_epeken_pack_write (f->db, s, other, NULL, NULL, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already holds other files"));
  names = listing (other);
  g_assert_cmpstr (names, ==, "surat.txt");
  g_clear_pointer (&names, g_free);
  names = listing (f->out);
  g_assert_cmpstr (names, ==, "dokumen paket");
}

static void
cancel_after_first (guint     done,
                    guint     total,
                    gpointer  user_data)
{
  g_assert_cmpuint (total, ==, 4);
  if (done == 1)
    g_cancellable_cancel (user_data);
}

/* A pack stopped half-way (cancelled after its first photo, or a photo
 * that cannot be read) leaves no folder and nothing beside it; an
 * earlier pack under the name stays as it was. */
static void
test_pack_whole_or_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pack = g_build_filename (f->out, "paket", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GPtrArray) photos = NULL;

  g_assert_no_error (error);
  g_assert_false (canting_epeken_pack_write (f->db, s, pack, cancel_after_first, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (pack, G_FILE_TEST_EXISTS));
  names = listing (f->out);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);

  /* The Sarung's photo damaged on the disk. */
  photos = canting_product_photos (f->db, f->sarung, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (((CantingPhoto *) photos->pdata[0])->path, "bukan foto", -1, NULL));
  g_assert_false (canting_epeken_pack_write (f->db, s, pack, NULL, NULL, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Photo 1 of “Sarung Kombinasi Sekar Jagad” (PB.KB.0005) cannot be used"));
  g_clear_error (&error);
  names = listing (f->out);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);

  /* Nothing to put in it: refused before anything is made. */
  {
    const char *skus[] = { "PB-CP-0002", NULL };
    g_autoptr(CantingEpekenSelection) none = canting_epeken_select (f->db, skus, FALSE, &error);

    g_assert_no_error (error);
    g_assert_false (canting_epeken_pack_write (f->db, none, pack, NULL, NULL, NULL, &error));
    g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
    names = listing (f->out);
    g_assert_cmpstr (names, ==, "");
  }
}

/* The zip @path read back: its entry names in order, joined by spaces,
 * and each file's bytes by name in @contents (when not NULL).  Every
 * entry is private to its owner (0600, a folder 0700). */
static char *
read_zip (const char  *path,
          GHashTable **contents)
{
  struct archive *zip = archive_read_new ();
  struct archive_entry *entry;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (contents != NULL)
    *contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_assert_cmpint (archive_read_support_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_read_open_filename (zip, path, 10240), ==, ARCHIVE_OK);
  while (archive_read_next_header (zip, &entry) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      g_autoptr(GByteArray) data = g_byte_array_new ();
      char buffer[8192];
      la_ssize_t n;

      while ((n = archive_read_data (zip, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, (const guint8 *) buffer, (guint) n);
      g_assert_cmpint (n, ==, 0);
      /* Each entry private when unpacked, as in the folder. */
      g_assert_cmpint (archive_entry_perm (entry), ==, archive_entry_filetype (entry) == AE_IFDIR ? 0700 : 0600);
      g_ptr_array_add (names, g_strdup (name));
      if (contents != NULL && archive_entry_filetype (entry) == AE_IFREG)
        g_hash_table_insert (*contents, g_strdup (name), g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  g_assert_cmpint (archive_read_free (zip), ==, ARCHIVE_OK);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A PDF's bytes with the time cairo stamps it with (D:YYYYMMDDHHMMSS)
 * blanked: two packs made a second apart differ only there. */
static GBytes *
undated (GBytes *pdf)
{
  static const char key[] = "/CreationDate (D:";
  gsize size = g_bytes_get_size (pdf);
  guint8 *data = g_memdup2 (g_bytes_get_data (pdf, NULL), size);

  for (gsize i = 0; i + sizeof key - 1 + 14 <= size; i++)
    if (memcmp (data + i, key, sizeof key - 1) == 0)
      memset (data + i + sizeof key - 1, 'X', 14);
  return g_bytes_new_take (data, size);
}

static void
count_progress (guint     done,
                guint     total,
                gpointer  user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (total, ==, 4);
  g_assert_cmpuint (done, ==, *last + 1);
  *last = done;
}

/* The pack as a zip: the folder's files at its top (the CSV, foto/ and
 * each photo in the CSV's order, the catalogue), each with the bytes the
 * folder holds; private to its owner; nothing left beside it; progress
 * as for the folder. */
static void
test_pack_zip (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autofree char *folder = g_build_filename (f->out, "paket-epeken", NULL);
  g_autofree char *zip = g_build_filename (f->out, "paket-epeken.zip", NULL);
  g_autoptr(GHashTable) contents = NULL;
  g_autofree char *names = NULL;
  g_autofree char *beside = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GStatBuf st;
  guint last = 0;

  g_assert_no_error (error);
  g_assert_true (canting_epeken_pack_write (f->db, s, folder, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (canting_epeken_pack_write_zip (f->db, s, zip, count_progress, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, 4);

  names = read_zip (zip, &contents);
  g_assert_cmpstr (names, ==,
                   "produk.csv foto/ foto/PB-TL-0001-1.jpg foto/PB-TL-0001-2.jpg foto/PB-KB-0005-1.jpg katalog.pdf");
  g_assert_cmpuint (g_hash_table_size (contents), ==, 5);
  g_hash_table_iter_init (&iter, contents);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *path = g_build_filename (folder, key, NULL);
      g_autoptr(GBytes) on_disk = canting_test_read_file (path);

      if (g_str_has_suffix (key, ".pdf"))
        {
          g_autoptr(GBytes) a = undated (on_disk);
          g_autoptr(GBytes) b = undated (value);

          g_assert_true (g_bytes_equal (a, b));
        }
      else
        g_assert_true (g_bytes_equal (on_disk, value));
    }

  g_assert_cmpint (g_stat (zip, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  beside = listing (f->out);
  g_assert_cmpstr (beside, ==, "paket-epeken paket-epeken.zip");
}

/* A later zip replaces an earlier one (or any zip, or the empty file a
 * save dialog may leave); a file that is not a zip, or a folder, under
 * the name is refused and left as it was. */
static void
test_pack_zip_replace (Fixture       *f,
                       gconstpointer  data)
{
  const char *one[] = { "PB.KB.0005", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) all = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, one, FALSE, &error);
  g_autofree char *zip = g_build_filename (f->out, "paket.zip", NULL);
  g_autofree char *letter = g_build_filename (f->out, "surat.zip", NULL);
  g_autofree char *folder = g_build_filename (f->out, "map.zip", NULL);
  g_autofree char *names = NULL;
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (zip, "", 0, NULL));
  g_assert_true (canting_epeken_pack_write_zip (f->db, all, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (canting_epeken_pack_write_zip (f->db, s, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  names = read_zip (zip, NULL);
  g_assert_cmpstr (names, ==, "produk.csv foto/ foto/PB-KB-0005-1.jpg katalog.pdf");
  g_clear_pointer (&names, g_free);

  g_assert_true (g_file_set_contents (letter, "penting", -1, NULL));
  g_assert_false (canting_epeken_pack_write_zip (f->db, s, letter, NULL, NULL, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not a zip file"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (letter, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "penting");

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (canting_epeken_pack_write_zip (f->db, s, folder, NULL, NULL, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_INVALID);
  g_clear_error (&error);
  names = listing (folder);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);
  names = listing (f->out);
  g_assert_cmpstr (names, ==, "map.zip paket.zip surat.zip");
}

/* A zip stopped half-way (cancelled after its first photo, or a photo
 * that cannot be read) is not written and leaves nothing beside it; an
 * earlier zip under the name keeps its bytes. */
static void
test_pack_zip_whole_or_nothing (Fixture       *f,
                                gconstpointer  data)
{
  const char *one[] = { "PB-TL-0001", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, NULL, FALSE, &error);
  g_autoptr(CantingEpekenSelection) earlier = canting_epeken_select (f->db, one, FALSE, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *zip = g_build_filename (f->out, "paket.zip", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_no_error (error);
  g_assert_false (canting_epeken_pack_write_zip (f->db, s, zip, cancel_after_first, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  names = listing (f->out);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);

  g_assert_true (canting_epeken_pack_write_zip (f->db, earlier, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  before = canting_test_read_file (zip);
  photos = canting_product_photos (f->db, f->sarung, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (((CantingPhoto *) photos->pdata[0])->path, "bukan foto", -1, NULL));
  g_assert_false (canting_epeken_pack_write_zip (f->db, s, zip, NULL, NULL, NULL, &error));
  g_assert_error (error, CANTING_ERROR, CANTING_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Photo 1 of “Sarung Kombinasi Sekar Jagad” (PB.KB.0005) cannot be used"));
  g_clear_error (&error);
  after = canting_test_read_file (zip);
  g_assert_true (g_bytes_equal (before, after));
  names = listing (f->out);
  g_assert_cmpstr (names, ==, "paket.zip");
}

/* The command line and the Produk page choose the zip by the name. */
static void
test_zip_name (void)
{
  g_assert_true (canting_epeken_pack_is_zip_name ("/tmp/epeken-pack-2026-12-06.zip"));
  g_assert_true (canting_epeken_pack_is_zip_name ("PAKET.ZIP"));
  g_assert_true (canting_epeken_pack_is_zip_name ("paket.Zip"));
  g_assert_false (canting_epeken_pack_is_zip_name ("/tmp/epeken-pack-2026-12-06"));
  g_assert_false (canting_epeken_pack_is_zip_name ("zip"));
  g_assert_false (canting_epeken_pack_is_zip_name ("paket.zipx"));
}

/* The catalogue names the workshop, its city and WhatsApp number, and
 * each product's name, SKU and price; a product without a price or a
 * photo, when asked for, says so instead. */
static void
test_catalogue (Fixture       *f,
                gconstpointer  data)
{
  const char *skus[] = { "PB-TL-0001", "PB-CP-0002", "PB-PR-0003", "PB.KB.0005", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingEpekenSelection) s = canting_epeken_select (f->db, skus, TRUE, &error);
  g_autofree char *pdf = g_build_filename (f->out, "katalog.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (canting_catalogue_save_pdf (f->db, s, pdf, NULL, &error));
  g_assert_no_error (error);
  /* A long name wraps in its card: read the lines as one text. */
  text = g_strdelimit (canting_test_pdf_text (pdf, FALSE), "\n", ' ');
  g_assert_nonnull (strstr (text, "Product Catalogue"));
  g_assert_nonnull (strstr (text, "Batik Tulis Kembang Turi"));
  g_assert_nonnull (strstr (text, "Kota Blitar"));
  g_assert_nonnull (strstr (text, "Order by WhatsApp: 0812-3456-7890"));
  g_assert_nonnull (strstr (text, "Kain Batik Tulis Kawung Sogan"));
  g_assert_nonnull (strstr (text, "SKU PB-TL-0001"));
  g_assert_nonnull (strstr (text, "Rp 1.250.000"));
  g_assert_nonnull (strstr (text, "Stock: 4"));
  g_assert_nonnull (strstr (text, "Selendang Cap Parang"));
  g_assert_nonnull (strstr (text, "SKU PB-CP-0002"));
  g_assert_nonnull (strstr (text, "Rp 275.000"));
  g_assert_nonnull (strstr (text, "No photo"));
  g_assert_nonnull (strstr (text, "Kemeja Printing Mega Mendung"));
  g_assert_nonnull (strstr (text, "Ask for the price"));
  g_assert_nonnull (strstr (text, "Sarung Kombinasi Sekar Jagad"));
  g_assert_nonnull (strstr (text, "SKU PB.KB.0005"));
  g_assert_nonnull (strstr (text, "Rp 450.000"));
  g_assert_nonnull (strstr (text, "Sekar Jagad · Kombinasi (stamped and drawn) · 2,15 × 1,15 m"));
  g_assert_null (strstr (text, "Kain Lama Truntum"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/epeken/select-all", test_select_all);
  ADD ("/epeken/select-skus", test_select_skus);
  ADD ("/epeken/csv", test_csv);
  ADD ("/epeken/categories", test_categories);
  ADD ("/epeken/photo-names", test_photo_names);
  ADD ("/epeken/jpeg-limits", test_jpeg_limits);
  ADD ("/epeken/pack", test_pack);
  ADD ("/epeken/pack-replace", test_pack_replace);
  ADD ("/epeken/pack-whole-or-nothing", test_pack_whole_or_nothing);
  ADD ("/epeken/pack-zip", test_pack_zip);
  ADD ("/epeken/pack-zip-replace", test_pack_zip_replace);
  ADD ("/epeken/pack-zip-whole-or-nothing", test_pack_zip_whole_or_nothing);
  g_test_add_func ("/epeken/zip-name", test_zip_name);
  ADD ("/epeken/catalogue", test_catalogue);
  return g_test_run ();
}
