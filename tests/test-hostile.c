/* test-hostile.c: hostile and unusual text is kept exactly as typed.
 *
 * Quotes, SQL, LIKE wildcards, markup, right-to-left scripts, emoji with
 * joiners, tabs and line breaks, and notes of 100 KB go into customers,
 * products, orders, the money ledger and the IPAL log and come back byte
 * for byte, from a fresh connection, through search and through a CSV
 * export and import.  Control characters that no keyboard types (and
 * that would be invisible or break a terminal) are refused with the
 * field's name, and the refusal leaves nothing half-saved.  Images too
 * large to decode safely, or with a damaged header, are refused. */
#include "canting-csv.h"
#include "canting-customer.h"
#include "canting-db-private.h"
#include "canting-ipal.h"
#include "canting-ledger.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-profile.h"
#include "canting-test-util.h"
#include "canting-unit.h"
#include "canting-validate.h"

#include <locale.h>
#include <string.h>

/* Each fits a one-line name field (at most 120 characters). */
static const char * const names[] = {
  "O'Brien \"Batik\" `Tulis` ‘Kembang’ “Turi”",
  "Robert'); DROP TABLE customers;--",
  "x' OR '1'='1",
  "100% _batik_ \\ [a-z]* ?",
  "<b>Tebal</b> &amp; <i>miring</i> %s %n %d",
  "בַּטִיק عربي مرحبا Batik \u200f\u202eRTL\u202c",
  "🧵🎨 Batik 👩🏽‍🎨 ✨ \u200dJoiner",
  "Ibu Sri; Jl. Kenari, 5; \"Blitar\"",
  "=HYPERLINK(\"http://contoh.id\";\"klik\")",
  "\\x00 \\n NULL null undefined",
};

/* Multi-line fields also keep tabs and both kinds of line break. */
static const char multiline[] = "Baris satu\nBaris dua\r\nKolom\tkolom\t'; DELETE FROM orders; --\n🧵 مرحبا";

/* A note of exactly 100 KB, mixed ASCII and multi-byte text, kept whole. */
static char *
note_100k (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *piece = "Catatan panjang ✓ 'kutip' \"ganda\" 🧵\n";

  while (s->len < 100 * 1024)
    g_string_append (s, piece);
  g_string_truncate (s, 100 * 1024);
  /* Never end inside a multi-byte character, nor on trimmed space. */
  while (!g_utf8_validate (s->str, -1, NULL) || g_ascii_isspace (s->str[s->len - 1]))
    g_string_truncate (s, s->len - 1);
  g_string_append (s, "akhir");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct {
  char *dir;
  CantingDb *db;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = canting_test_mkdtemp ();
  f->db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->db);
  canting_test_rmdir (f->dir);
  g_free (f->dir);
}

/* A second connection, as after a restart: nothing comes from a cache. */
static CantingDb *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CantingDb *db = canting_db_open_full (f->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);

  g_assert_no_error (error);
  return db;
}

static gint64
save_customer (CantingDb  *db,
               const char *name,
               const char *notes)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();
  g_autoptr(GError) error = NULL;

  g_free (c->name);
  c->name = g_strdup (name);
  g_free (c->address);
  c->address = g_strdup (multiline);
  g_free (c->city);
  c->city = g_strdup (name);
  g_free (c->notes);
  c->notes = g_strdup (notes);
  if (!canting_customer_save (db, c, &error))
    g_error ("“%s” was refused: %s", name, error->message);
  return c->id;
}

static void
test_customers (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *big = note_100k ();
  g_autoptr(CantingDb) again = NULL;
  gint64 ids[G_N_ELEMENTS (names)];

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    ids[i] = save_customer (f->db, names[i], i == 0 ? big : multiline);

  again = reopen (f);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CantingCustomer) c = canting_customer_load (again, ids[i], &error);
      g_autoptr(GPtrArray) found = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (c->name, ==, names[i]);
      g_assert_cmpstr (c->city, ==, names[i]);
      g_assert_cmpstr (c->address, ==, multiline);
      g_assert_cmpstr (c->notes, ==, i == 0 ? big : multiline);

      /* Searching for the whole name finds that customer and no other:
       * quotes, %, _ and \ are matched as themselves. */
      found = canting_customer_search (again, names[i], FALSE, 0, 100, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (((CantingCustomer *) found->pdata[0])->id, ==, ids[i]);
    }
  /* A wildcard alone matches only the names that contain it. */
  for (const char *w = "%_\\'\""; *w; w++)
    {
      g_autoptr(GError) error = NULL;
      char wildcard[2] = { *w, '\0' };
      gint64 expected = 0;

      for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
        expected += strchr (names[i], *w) != NULL;
      g_assert_cmpint (expected, <, G_N_ELEMENTS (names));
      g_assert_cmpint (canting_customer_count (again, wildcard, FALSE, &error), ==, expected);
      g_assert_no_error (error);
    }
  g_assert_cmpint (strlen (big), >=, 100 * 1024);
}

static void
test_products_orders_ledger (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *big = note_100k ();
  g_autoptr(CantingDb) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer = save_customer (f->db, "Bu Siti", "");
  gint64 products[G_N_ELEMENTS (names)], orders[G_N_ELEMENTS (names)], entries[G_N_ELEMENTS (names)];

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CantingProduct) p = canting_product_new ();
      g_autoptr(CantingOrder) o = canting_order_new ();
      g_autoptr(CantingEntry) e = canting_entry_new (CANTING_ENTRY_INCOME);

      g_free (p->name);
      p->name = g_strdup (names[i]);
      g_free (p->motif);
      p->motif = g_strdup (names[i]);
      g_free (p->description);
      p->description = g_strdup (i == 0 ? big : multiline);
      p->price = 100000;
      if (!canting_product_save (f->db, p, &error))
        g_error ("product “%s” was refused: %s", names[i], error->message);
      products[i] = p->id;

      o->customer_id = customer;
      g_free (o->order_date);
      o->order_date = g_strdup ("2026-05-01");
      g_free (o->notes);
      o->notes = g_strdup (i == 1 ? big : multiline);
      g_ptr_array_add (o->items, canting_order_item_new (0, names[i], 1, 50000));
      if (!canting_order_save (f->db, o, &error))
        g_error ("order “%s” was refused: %s", names[i], error->message);
      orders[i] = o->id;

      e->amount = 1000;
      e->account_id = 1;
      e->category_id = 1;
      g_free (e->note);
      e->note = g_strdup (i == 2 ? big : names[i]);
      if (!canting_entry_save (f->db, e, &error))
        g_error ("entry “%s” was refused: %s", names[i], error->message);
      entries[i] = e->id;
    }

  again = reopen (f);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CantingProduct) p = canting_product_load (again, products[i], &error);
      g_autoptr(CantingOrder) o = canting_order_load (again, orders[i], &error);
      g_autoptr(CantingEntry) e = canting_entry_load (again, entries[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (p->name, ==, names[i]);
      g_assert_cmpstr (p->motif, ==, names[i]);
      g_assert_cmpstr (p->description, ==, i == 0 ? big : multiline);
      g_assert_cmpstr (o->notes, ==, i == 1 ? big : multiline);
      g_assert_cmpstr (((CantingOrderItem *) o->items->pdata[0])->description, ==, names[i]);
      g_assert_cmpstr (e->note, ==, i == 2 ? big : names[i]);
    }
}

static void
test_ipal_notes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *big = note_100k ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plants = canting_ipal_plant_list (f->db, FALSE, &error);
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  g_autoptr(CantingIpalLog) back = NULL;
  g_autoptr(CantingDb) again = NULL;

  g_assert_no_error (error);
  l->plant_id = ((CantingIpalPlant *) plants->pdata[0])->id;
  g_free (l->at);
  l->at = g_strdup ("2026-05-01T08:00");
  g_free (l->operator_name);
  l->operator_name = g_strdup (names[5]);
  g_free (l->colour);
  l->colour = g_strdup (names[6]);
  g_free (l->notes);
  l->notes = g_strdup (big);
  g_free (l->incident);
  l->incident = g_strdup (multiline);
  g_assert_true (canting_ipal_log_save (f->db, l, &error));
  g_assert_no_error (error);

  again = reopen (f);
  back = canting_ipal_log_load (again, l->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->operator_name, ==, names[5]);
  g_assert_cmpstr (back->colour, ==, names[6]);
  g_assert_cmpstr (back->notes, ==, big);
  g_assert_cmpstr (back->incident, ==, multiline);
}

/* Exported to CSV and imported into another workshop, the names and the
 * multi-line addresses are still the same bytes. */
static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *other_dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) other = canting_db_open_full (other_dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_autoptr(CantingCsvReport) report = NULL;
  g_autoptr(GRegex) crlf = g_regex_new ("\r\n", 0, 0, NULL);
  g_autofree char *multiline_lf = g_regex_replace_literal (crlf, multiline, -1, 0, "\n", 0, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    save_customer (f->db, names[i], multiline);
  for (int separator = 0; separator < 2; separator++)
    {
      g_clear_pointer (&csv, g_bytes_unref);
      csv = canting_csv_export (f->db, CANTING_CSV_CUSTOMERS, separator ? ',' : ';', &error);
      g_assert_no_error (error);
      g_clear_pointer (&report, canting_csv_report_free);
      report = canting_csv_import (other, CANTING_CSV_CUSTOMERS, csv, CANTING_CSV_DRY_RUN, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->problems->len, ==, 0);
      g_assert_cmpuint (report->good_rows, ==, G_N_ELEMENTS (names));
    }
  g_clear_pointer (&report, canting_csv_report_free);
  report = canting_csv_import (other, CANTING_CSV_CUSTOMERS, csv, CANTING_CSV_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, G_N_ELEMENTS (names));

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GPtrArray) found = canting_customer_search (other, names[i], FALSE, 0, 10, &error);
      const CantingCustomer *c;

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      c = found->pdata[0];
      g_assert_cmpstr (c->name, ==, names[i]);
      g_assert_cmpstr (c->city, ==, names[i]);
      /* The one change: the reader takes any line break (\r\n from a
       * spreadsheet, say) as \n. */
      g_assert_cmpstr (c->notes, ==, multiline_lf);
    }
  g_clear_object (&other);
  canting_test_rmdir (other_dir);
}

/* Control characters are refused, naming the field; nothing is saved. */
static void
test_control_characters_refused (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const bad[] = { "Bu\x01Siti", "Bu Siti\x1b[31m", "Bu\x7fSiti", "Bu\xc2\x85Siti" };
  g_autofree char *too_long = g_strnfill (CANTING_LONG_TEXT_MAX_CHARS + 1, 'a');

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CantingCustomer) c = canting_customer_new ();
      g_autoptr(GError) error = NULL;

      g_free (c->name);
      c->name = g_strdup (bad[i]);
      g_assert_false (canting_customer_save (f->db, c, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "Customer name"));

      g_clear_error (&error);
      g_free (c->name);
      c->name = g_strdup ("Bu Siti");
      g_free (c->notes);
      c->notes = g_strdup (bad[i]);
      g_assert_false (canting_customer_save (f->db, c, &error));
      g_assert_nonnull (strstr (error->message, "Notes"));
    }
  {
    g_autoptr(CantingCustomer) c = canting_customer_new ();
    g_autoptr(GError) error = NULL;

    g_free (c->name);
    c->name = g_strdup ("Bu Siti");
    g_free (c->notes);
    c->notes = g_strdup (too_long);
    g_assert_false (canting_customer_save (f->db, c, &error));
    g_assert_nonnull (strstr (error->message, "too long"));
  }
  g_assert_cmpint (canting_customer_count (f->db, NULL, TRUE, NULL), ==, 0);
}

/* Photos and logos: a damaged header or a picture too large to decode
 * safely (a small file declaring billions of pixels) is refused with a
 * message before anything decodes it; nothing is stored. */
static void
test_images (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CantingProduct) p = canting_product_new ();
  g_autoptr(CantingProfile) profile = canting_profile_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) thumb = canting_test_image_header ("jpeg", 256, 192, "thumb");
  g_autofree char *photos = g_build_filename (f->dir, "photos", NULL);
  static const guint8 jpeg_no_frame[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 4, 'J', 'F', 0xff, 0xd9 };
  static const guint8 jpeg_cut[] = { 0xff, 0xd8, 0xff, 0xe0, 0x40, 0x00, 'J', 'F', 'I', 'F' };
  static const guint8 png_no_ihdr[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'D', 'A', 'T',
                                        0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0 };
  /* A WebP (VP8X) canvas of 16384 × 16384. */
  static const guint8 webp_big[] = { 'R', 'I', 'F', 'F', 30, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X',
                                     10, 0, 0, 0, 0, 0, 0, 0, 0xff, 0x3f, 0, 0xff, 0x3f, 0 };
  struct {
    GBytes *bytes;
    const char *says;
  } bad[] = {
    { canting_test_image_header ("png", 100000, 100000, "bom"), "too large (100000 × 100000 pixels)" },
    { canting_test_image_header ("png", CANTING_IMAGE_MAX_SIDE + 1, 10, NULL), "too large" },
    { canting_test_image_header ("png", 10000, 10000, NULL), "too large" },
    { canting_test_image_header ("jpeg", 65535, 65535, NULL), "too large" },
    { canting_test_image_header ("png", 0, 10, NULL), "cannot be read" },
    { g_bytes_new_static ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "cannot be read" },
    { g_bytes_new_static (png_no_ihdr, sizeof png_no_ihdr), "cannot be read" },
    { g_bytes_new_static (jpeg_no_frame, sizeof jpeg_no_frame), "cannot be read" },
    { g_bytes_new_static (jpeg_cut, sizeof jpeg_cut), "cannot be read" },
    { g_bytes_new_static (webp_big, sizeof webp_big), "too large (16384 × 16384 pixels)" },
  };

  g_free (p->name);
  p->name = g_strdup ("Kain Foto");
  p->price = 100000;
  g_assert_true (canting_product_save (f->db, p, &error));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      /* The WebP is a logo only: photos are JPEG or PNG. */
      if (i != G_N_ELEMENTS (bad) - 1)
        {
          g_assert_false (canting_product_photo_add (f->db, p->id, bad[i].bytes, thumb, &error));
          g_assert_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_DESCRIPTION);
          if (strstr (error->message, bad[i].says) == NULL)
            g_error ("image %" G_GSIZE_FORMAT ": “%s” does not say “%s”", i, error->message, bad[i].says);
          g_clear_error (&error);
          /* As a thumbnail too. */
          g_assert_false (canting_product_photo_add (f->db, p->id, thumb, bad[i].bytes, &error));
          g_clear_error (&error);
        }
      g_assert_false (canting_profile_set_logo (profile, bad[i].bytes, &error));
      g_assert_error (error, CANTING_PROFILE_ERROR, CANTING_PROFILE_FIELD_LOGO);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_clear_error (&error);
      g_assert_null (canting_profile_get_logo (profile));
      g_bytes_unref (bad[i].bytes);
    }
  {
    g_autoptr(GPtrArray) list = canting_product_photos (f->db, p->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 0);
  }

  /* A panorama at the limit is a photo like any other. */
  {
    g_autoptr(GBytes) wide = canting_test_image_header ("jpeg", CANTING_IMAGE_MAX_SIDE, 4000, "wide");
    g_assert_true (canting_product_photo_add (f->db, p->id, wide, thumb, &error));
    g_assert_no_error (error);
    g_assert_true (canting_profile_set_logo (profile, wide, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_file_test (photos, G_FILE_TEST_IS_DIR));
}

/* Bytes that are not UTF-8 (a file in another encoding) are no unit, and
 * the refusal is readable text.  Found by fuzzing: the unit reader wrote
 * past its buffer on such bytes. */
static void
test_unit_not_utf8 (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const inputs[] = { "37203685477803...\xd2" "57\xd1.74803.\xd1\xd2", "met\xe9r", "\xff\xfe" };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      CantingUnit unit;

      g_assert_false (canting_unit_parse (inputs[i], &unit, &error));
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/hostile/" path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("customers", test_customers);
  ADD ("products-orders-ledger", test_products_orders_ledger);
  ADD ("ipal", test_ipal_notes);
  ADD ("csv-round-trip", test_csv_round_trip);
  ADD ("control-characters", test_control_characters_refused);
  ADD ("images", test_images);
  ADD ("unit-not-utf8", test_unit_not_utf8);
  return g_test_run ();
}
