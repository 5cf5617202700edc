/* canting-motif-picture.c: a simple batik-like pattern for each motif.
 *
 * Each motif is a tile drawn again and again over the cloth, in two or
 * three colours of one of the classic schemes, inside a plain border as
 * a kain panjang has.  The patterns only hint at the real motifs (the
 * four-petal kawung, the diagonal parang bands, the truntum stars, …):
 * enough for a trainee to tell the products apart at a glance. */
#include "canting-motif-picture.h"

#include <cairo.h>
#include <math.h>
#include <string.h>

typedef struct {
  double ground[3];
  double ink[3];
  double accent[3];
} Scheme;

/* Sogan (brown on cream), indigo on white, red on ochre, green on
 * cream, the black-and-brown of the coast, purple on soft pink. */
static const Scheme schemes[] = {
  { { 0.95, 0.90, 0.80 }, { 0.42, 0.24, 0.12 }, { 0.75, 0.52, 0.25 } },
  { { 0.97, 0.97, 0.95 }, { 0.11, 0.18, 0.42 }, { 0.45, 0.58, 0.78 } },
  { { 0.85, 0.64, 0.26 }, { 0.55, 0.11, 0.07 }, { 0.25, 0.12, 0.06 } },
  { { 0.93, 0.92, 0.84 }, { 0.18, 0.36, 0.23 }, { 0.80, 0.66, 0.20 } },
  { { 0.88, 0.80, 0.66 }, { 0.12, 0.10, 0.08 }, { 0.55, 0.30, 0.14 } },
  { { 0.96, 0.88, 0.89 }, { 0.36, 0.16, 0.40 }, { 0.78, 0.42, 0.55 } },
};

static void
set_colour (cairo_t      *cr,
            const double  rgb[3])
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* Four petals round a point: the kawung (palm fruit) seen from above. */
static void
tile_kawung (cairo_t *cr, const Scheme *s, double c)
{
  for (int k = 0; k < 4; k++)
    {
      cairo_save (cr);
      cairo_translate (cr, c / 2, c / 2);
      cairo_rotate (cr, k * G_PI / 2 + G_PI / 4);
      cairo_translate (cr, c * 0.25, 0);
      cairo_scale (cr, c * 0.22, c * 0.12);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      set_colour (cr, s->ink);
      cairo_fill_preserve (cr);
      set_colour (cr, s->accent);
      cairo_set_line_width (cr, c * 0.02);
      cairo_stroke (cr);
    }
  set_colour (cr, s->accent);
  cairo_arc (cr, c / 2, c / 2, c * 0.05, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* Diagonal bands with a row of diamonds between them: parang. */
static void
tile_parang (cairo_t *cr, const Scheme *s, double c)
{
  set_colour (cr, s->ink);
  cairo_set_line_width (cr, c * 0.18);
  cairo_move_to (cr, -c * 0.1, c * 1.1);
  cairo_curve_to (cr, c * 0.2, c * 0.6, c * 0.4, c * 0.9, c * 1.1, -c * 0.1);
  cairo_stroke (cr);
  set_colour (cr, s->accent);
  cairo_set_line_width (cr, c * 0.05);
  cairo_move_to (cr, -c * 0.1, c * 1.1);
  cairo_curve_to (cr, c * 0.2, c * 0.6, c * 0.4, c * 0.9, c * 1.1, -c * 0.1);
  cairo_stroke (cr);
  set_colour (cr, s->ink);
  cairo_move_to (cr, c * 0.85, c * 0.65);
  cairo_line_to (cr, c * 0.95, c * 0.75);
  cairo_line_to (cr, c * 0.85, c * 0.85);
  cairo_line_to (cr, c * 0.75, c * 0.75);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Islands of different fillings side by side: sekar jagad (flowers of
 * the world). */
static void
tile_sekar_jagad (cairo_t *cr, const Scheme *s, double c, guint i)
{
  cairo_move_to (cr, c * 0.05, c * 0.3);
  cairo_curve_to (cr, c * 0.3, c * 0.0, c * 0.7, c * 0.1, c * 0.95, c * 0.3);
  cairo_curve_to (cr, c * 1.0, c * 0.7, c * 0.7, c * 0.95, c * 0.5, c * 0.9);
  cairo_curve_to (cr, c * 0.2, c * 1.0, c * 0.0, c * 0.7, c * 0.05, c * 0.3);
  cairo_close_path (cr);
  set_colour (cr, i % 2 ? s->accent : s->ground);
  cairo_fill_preserve (cr);
  set_colour (cr, s->ink);
  cairo_set_line_width (cr, c * 0.04);
  cairo_stroke (cr);
  for (int k = 0; k < 5; k++)
    {
      cairo_arc (cr, c * (0.3 + 0.1 * k), c * (0.45 + 0.05 * ((k + i) % 3)), c * 0.035, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

/* Small stars scattered on a dark ground: truntum, the love that
 * blossoms again. */
static void
tile_truntum (cairo_t *cr, const Scheme *s, double c)
{
  set_colour (cr, s->ink);
  cairo_rectangle (cr, 0, 0, c, c);
  cairo_fill (cr);
  set_colour (cr, s->ground);
  for (int k = 0; k < 8; k++)
    {
      double a = k * G_PI / 4, r = k % 2 ? c * 0.12 : c * 0.28;
      if (k == 0)
        cairo_move_to (cr, c / 2 + r * cos (a), c / 2 + r * sin (a));
      else
        cairo_line_to (cr, c / 2 + r * cos (a), c / 2 + r * sin (a));
    }
  cairo_close_path (cr);
  cairo_fill (cr);
  set_colour (cr, s->accent);
  cairo_arc (cr, c / 2, c / 2, c * 0.06, 0, 2 * G_PI);
  cairo_fill (cr);
  set_colour (cr, s->ground);
  cairo_arc (cr, 0, 0, c * 0.04, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A five-petal flower with two leaves: kembang jeruk (orange blossom);
 * longer petals make kembang turi. */
static void
tile_flower (cairo_t *cr, const Scheme *s, double c, double petal)
{
  set_colour (cr, s->accent);
  for (int k = 0; k < 2; k++)
    {
      cairo_save (cr);
      cairo_translate (cr, c * 0.5, c * 0.5);
      cairo_rotate (cr, G_PI / 4 + k * G_PI);
      cairo_translate (cr, c * 0.3, 0);
      cairo_scale (cr, c * 0.16, c * 0.06);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
    }
  set_colour (cr, s->ink);
  for (int k = 0; k < 5; k++)
    {
      cairo_save (cr);
      cairo_translate (cr, c * 0.5, c * 0.5);
      cairo_rotate (cr, k * 2 * G_PI / 5);
      cairo_translate (cr, c * petal, 0);
      cairo_scale (cr, c * petal, c * 0.07);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
    }
  set_colour (cr, s->ground);
  cairo_arc (cr, c * 0.5, c * 0.5, c * 0.05, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* Leaves along a winding stem: lagundi. */
static void
tile_lagundi (cairo_t *cr, const Scheme *s, double c)
{
  set_colour (cr, s->ink);
  cairo_set_line_width (cr, c * 0.04);
  cairo_move_to (cr, 0, c * 0.5);
  cairo_curve_to (cr, c * 0.3, c * 0.2, c * 0.7, c * 0.8, c, c * 0.5);
  cairo_stroke (cr);
  for (int k = 0; k < 3; k++)
    {
      double x = c * (0.2 + 0.3 * k), y = c * 0.5 + (k == 1 ? 0 : (k == 0 ? -c * 0.15 : c * 0.15));
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, k % 2 ? G_PI / 3 : -G_PI / 3);
      cairo_translate (cr, 0, -c * 0.14);
      cairo_scale (cr, c * 0.06, c * 0.14);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      set_colour (cr, k % 2 ? s->accent : s->ink);
      cairo_fill (cr);
    }
}

/* Interlocking rings, reins held together: kendali dumadi. */
static void
tile_kendali (cairo_t *cr, const Scheme *s, double c)
{
  cairo_set_line_width (cr, c * 0.07);
  set_colour (cr, s->ink);
  cairo_arc (cr, c * 0.5, c * 0.5, c * 0.3, 0, 2 * G_PI);
  cairo_stroke (cr);
  set_colour (cr, s->accent);
  cairo_arc (cr, 0, 0, c * 0.3, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_arc (cr, c, c, c * 0.3, 0, 2 * G_PI);
  cairo_stroke (cr);
  set_colour (cr, s->ink);
  cairo_rectangle (cr, c * 0.45, c * 0.45, c * 0.1, c * 0.1);
  cairo_fill (cr);
}

/* A lattice of diamonds each holding a small cross: sidomukti. */
static void
tile_sidomukti (cairo_t *cr, const Scheme *s, double c)
{
  set_colour (cr, s->ink);
  cairo_set_line_width (cr, c * 0.06);
  cairo_move_to (cr, c * 0.5, 0);
  cairo_line_to (cr, c, c * 0.5);
  cairo_line_to (cr, c * 0.5, c);
  cairo_line_to (cr, 0, c * 0.5);
  cairo_close_path (cr);
  cairo_stroke (cr);
  set_colour (cr, s->accent);
  cairo_set_line_width (cr, c * 0.05);
  cairo_move_to (cr, c * 0.35, c * 0.5);
  cairo_line_to (cr, c * 0.65, c * 0.5);
  cairo_move_to (cr, c * 0.5, c * 0.35);
  cairo_line_to (cr, c * 0.5, c * 0.65);
  cairo_stroke (cr);
}

/* Dots in rows: the plain isen-isen under every motif. */
static void
tile_dots (cairo_t *cr, const Scheme *s, double c)
{
  set_colour (cr, s->ink);
  for (int y = 0; y < 3; y++)
    for (int x = 0; x < 3; x++)
      {
        cairo_arc (cr, c * (0.17 + x * 0.33), c * (0.17 + y * 0.33), c * 0.06, 0, 2 * G_PI);
        cairo_fill (cr);
      }
}

static gboolean
motif_is (const char *motif,
          const char *word)
{
  g_autofree char *lower = g_utf8_strdown (motif, -1);
  return strstr (lower, word) != NULL;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
canting_motif_picture_png (const char *motif,
                           guint       variant,
                           guint       width,
                           guint       height)
{
  const Scheme *s = &schemes[variant % G_N_ELEMENTS (schemes)];
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *out = g_byte_array_new ();
  double border = MAX (width, height) * 0.04;
  /* About six tiles across, whatever the size, so thumbnails show the
   * same cloth as the photo. */
  double c = MAX ((width - 2 * border) / 6.0, 4.0);
  guint i = 0;

  g_return_val_if_fail (motif != NULL, NULL);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  set_colour (cr, s->ground);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_rectangle (cr, border, border, width - 2 * border, height - 2 * border);
  cairo_clip (cr);
  for (double y = border - c / 2; y < height; y += c)
    for (double x = border - c / 2; x < width; x += c, i++)
      {
        cairo_save (cr);
        cairo_translate (cr, x, y);
        if (motif_is (motif, "kawung"))
          tile_kawung (cr, s, c);
        else if (motif_is (motif, "parang"))
          tile_parang (cr, s, c);
        else if (motif_is (motif, "sekar"))
          tile_sekar_jagad (cr, s, c, i);
        else if (motif_is (motif, "truntum"))
          tile_truntum (cr, s, c);
        else if (motif_is (motif, "jeruk"))
          tile_flower (cr, s, c, 0.16);
        else if (motif_is (motif, "turi"))
          tile_flower (cr, s, c, 0.24);
        else if (motif_is (motif, "lagundi"))
          tile_lagundi (cr, s, c);
        else if (motif_is (motif, "kendali"))
          tile_kendali (cr, s, c);
        else if (motif_is (motif, "sido"))
          tile_sidomukti (cr, s, c);
        else
          tile_dots (cr, s, c);
        cairo_restore (cr);
      }
  cairo_restore (cr);

  /* The border: a band of the ink colour with a thin line inside. */
  set_colour (cr, s->ink);
  cairo_set_line_width (cr, border * 0.6);
  cairo_rectangle (cr, border * 0.5, border * 0.5, width - border, height - border);
  cairo_stroke (cr);
  set_colour (cr, s->accent);
  cairo_set_line_width (cr, MAX (border * 0.12, 1));
  cairo_rectangle (cr, border, border, width - 2 * border, height - 2 * border);
  cairo_stroke (cr);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_write_to_png_stream (surface, append_bytes, out);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}
