/* canting-jpeg.c: scaling, flattening and compressing a photo until it
 * fits, and handing it to cairo. */
#include "config.h"

#include "canting-jpeg.h"

#include <glib/gi18n.h>

#include "canting-error.h"

/* Qualities tried in turn before the picture is made smaller: 85 is
 * where JPEG artefacts stop showing on batik's fine lines; below 60 they
 * show, and a smaller sharp picture looks better than a blurred big one. */
static const int qualities[] = { 85, 75, 60 };
/* Each further try keeps this share of the sides. */
#define SHRINK 0.8
/* Below this a picture no longer shows the cloth; a photo that cannot
 * fit the limit at this size is refused rather than sent as a smudge. */
#define SMALLEST_SIDE 160

/* @pixbuf without transparency: laid on white. */
static GdkPixbuf *
flatten (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  GdkPixbuf *flat;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);
  flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  gdk_pixbuf_fill (flat, 0xffffffff);
  gdk_pixbuf_composite (pixbuf, flat, 0, 0, w, h, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return flat;
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        int         quality,
        GError    **error)
{
  g_autofree char *q = g_strdup_printf ("%d", quality);
  char *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", q, NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

GBytes *
canting_jpeg_from_photo (const char  *path,
                         int          max_side,
                         gsize        max_bytes,
                         GdkPixbuf  **out_pixbuf,
                         GError     **error)
{
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) picture = NULL;
  int width = 0, height = 0, side;

  g_return_val_if_fail (max_side >= SMALLEST_SIDE, NULL);

  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("“%s” is missing or is not a picture."), path);
      return NULL;
    }
  /* Loading at the final size spares decoding a big photo whole; a
   * small one keeps its size (enlarging only blurs it). */
  side = MIN (MAX (width, height), max_side);
  loaded = gdk_pixbuf_new_from_file_at_scale (path, side, side, TRUE, error);
  if (loaded == NULL)
    return NULL;
  oriented = gdk_pixbuf_apply_embedded_orientation (loaded);
  picture = flatten (oriented);

  for (;;)
    {
      int w = gdk_pixbuf_get_width (picture), h = gdk_pixbuf_get_height (picture);
      GdkPixbuf *smaller;

      for (guint i = 0; i < G_N_ELEMENTS (qualities); i++)
        {
          GBytes *jpeg = encode (picture, qualities[i], error);

          if (jpeg == NULL)
            return NULL;
          if (g_bytes_get_size (jpeg) <= max_bytes)
            {
              if (out_pixbuf != NULL)
                *out_pixbuf = g_steal_pointer (&picture);
              return jpeg;
            }
          g_bytes_unref (jpeg);
        }
      if (MAX (w, h) * SHRINK < SMALLEST_SIDE)
        {
          g_autofree char *limit = g_format_size (max_bytes);
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("“%s” cannot be brought under %s without losing the picture."), path, limit);
          return NULL;
        }
      smaller = gdk_pixbuf_scale_simple (picture, MAX (1, (int) (w * SHRINK)), MAX (1, (int) (h * SHRINK)),
                                         GDK_INTERP_BILINEAR);
      g_object_unref (picture);
      picture = smaller;
    }
}

cairo_surface_t *
canting_jpeg_surface (GdkPixbuf *pixbuf,
                      GBytes    *jpeg)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf), rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gsize size = 0;
  const void *bytes;

  /* The pixels too, for a surface that is not a PDF (and cairo's own
   * checks); RGB24 is one native-endian 32-bit word per pixel. */
  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = pixels + y * rowstride + x * channels;
        ((guint32 *) (data + y * stride))[x] = 0xff000000u | (guint32) p[0] << 16 | (guint32) p[1] << 8 | p[2];
      }
  cairo_surface_mark_dirty (surface);
  bytes = g_bytes_get_data (jpeg, &size);
  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG, bytes, size, (cairo_destroy_func_t) g_bytes_unref,
                               g_bytes_ref (jpeg));
  return surface;
}
