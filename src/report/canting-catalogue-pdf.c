/* canting-catalogue-pdf.c: laying out the product catalogue: the
 * workshop at the top, then cards two to a row, each a photo above the
 * product's name, SKU, details, price and stock.  Cards never split over
 * a page; text that would not fit its card is cut with "…". */
#include "config.h"

#include "canting-catalogue-pdf.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "canting-error.h"
#include "canting-jpeg.h"
#include "canting-pdf.h"
#include "canting-profile.h"
#include "canting-validate.h"

#define MARGIN CANTING_PDF_MARGIN
/* Two cards to a row, three rows to a page (two under the heading on the
 * first): big enough to read on a phone without zooming. */
#define COLUMNS 2
#define GAP 12.0
#define CARD_WIDTH ((CANTING_PDF_A4_TEXT_WIDTH - (COLUMNS - 1) * GAP) / COLUMNS)
#define CARD_HEIGHT 245.0
#define PAD 8.0
#define PHOTO_HEIGHT 126.0
/* The price's and the stock's lines at the card's foot. */
#define PRICE_HEIGHT 18.0
#define STOCK_HEIGHT 13.0

typedef struct {
  CantingPdfPen                 pen;
  CantingDb                    *db;
  const CantingEpekenSelection *selection;
  GPtrArray                    *jpegs;   /* GBytes or NULL (no photo), per item */
} Catalogue;

/* @text in a box @width wide at (@x, @y), at most @lines lines, or (when
 * @lines is 0) as many as fit in @height points, the last cut with "…",
 * aligned in the box; returns its height. */
static double
card_text (cairo_t        *cr,
           const char     *text,
           double          x,
           double          y,
           double          width,
           double          height,
           const char     *font,
           int             lines,
           PangoAlignment  align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, lines > 0 ? -lines : (int) (height * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
  return h;
}

static void
rounded_box (cairo_t *cr,
             double   x,
             double   y,
             double   w,
             double   h,
             double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The photo fitted whole into the box, centred; a quiet "No photo" when
 * there is none. */
static void
draw_photo (cairo_t *cr,
            GBytes  *jpeg,
            double   x,
            double   y,
            double   w,
            double   h)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  cairo_surface_t *surface;
  double scale, pw, ph;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.95, 0.94, 0.91);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  if (jpeg != NULL)
    {
      stream = g_memory_input_stream_new_from_bytes (jpeg);
      pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, NULL);
    }
  if (pixbuf == NULL)
    {
      cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
      card_text (cr, _("No photo"), x, y + h / 2 - 6, w, 0, "Sans 9", 1, PANGO_ALIGN_CENTER);
      cairo_restore (cr);
      return;
    }
  pw = gdk_pixbuf_get_width (pixbuf);
  ph = gdk_pixbuf_get_height (pixbuf);
  scale = MIN (w / pw, h / ph);
  surface = canting_jpeg_surface (pixbuf, jpeg);
  cairo_translate (cr, x + (w - pw * scale) / 2, y + (h - ph * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_surface_destroy (surface);
  cairo_restore (cr);
}

static char *
details (const CantingProduct *p)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (*p->motif != '\0')
    g_ptr_array_add (parts, p->motif);
  g_ptr_array_add (parts, (gpointer) canting_technique_label (p->technique));
  if (*p->size != '\0')
    g_ptr_array_add (parts, p->size);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
draw_card (cairo_t                 *cr,
           const CantingEpekenItem *item,
           GBytes                  *jpeg,
           double                   x,
           double                   y)
{
  const CantingProduct *p = item->product;
  double inner = CARD_WIDTH - 2 * PAD;
  double ty = y + PAD + PHOTO_HEIGHT + 6;
  double bottom = y + CARD_HEIGHT - PAD;
  g_autofree char *sku = g_strdup_printf (_("SKU %s"), p->sku);
  g_autofree char *about = details (p);
  g_autofree char *price = p->price > 0 ? canting_money_format (p->price) : g_strdup (_("Ask for the price"));
  g_autofree char *pieces = g_strdup_printf ("%" G_GINT64_FORMAT, p->stock);
  /* None in stock: batik is made to order, not sold out. */
  g_autofree char *stock = p->stock > 0 ? g_strdup_printf (_("Stock: %s"), pieces) : g_strdup (_("Made to order"));

  cairo_set_line_width (cr, 0.6);
  cairo_set_source_rgb (cr, 0.78, 0.76, 0.72);
  rounded_box (cr, x, y, CARD_WIDTH, CARD_HEIGHT, 6);
  cairo_stroke (cr);
  draw_photo (cr, jpeg, x + PAD, y + PAD, inner, PHOTO_HEIGHT);

  cairo_set_source_rgb (cr, 0, 0, 0);
  ty += card_text (cr, p->name, x + PAD, ty, inner, 0, "Sans Bold 10.5", 2, PANGO_ALIGN_LEFT) + 1;
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  ty += card_text (cr, sku, x + PAD, ty, inner, 0, "Sans 8", 1, PANGO_ALIGN_LEFT) + 2;
  /* The details get what room is left above the stock and price, which
   * stand at the card's foot whatever is above them, each on a line of
   * its own: side by side they do not fit a card in Indonesian. */
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  card_text (cr, about, x + PAD, ty, inner, bottom - PRICE_HEIGHT - STOCK_HEIGHT - 2 - ty, "Sans 8.5", 0,
             PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  card_text (cr, stock, x + PAD, bottom - PRICE_HEIGHT - STOCK_HEIGHT, inner, 0, "Sans 8.5", 1, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (cr, 0.45, 0.2, 0.05);
  card_text (cr, price, x + PAD, bottom - PRICE_HEIGHT, inner, 0, p->price > 0 ? "Sans Bold 13" : "Sans Bold 11", 1,
             PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
draw_heading (Catalogue *c)
{
  CantingPdfPen *pen = &c->pen;
  g_autoptr(CantingProfile) profile = canting_profile_load (c->db, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = canting_date_format (iso);
  g_autofree char *as_of = g_strdup_printf (_("Prices in rupiah, as of %s."), today);
  const char *phone = profile != NULL ? canting_profile_get_phone (profile) : "";

  /* The phone gets a line of its own below: it is how buyers order. */
  if (profile != NULL)
    canting_pdf_identity (pen, _("Product Catalogue"), canting_profile_get_name (profile),
                          canting_profile_get_owner (profile), canting_profile_get_address (profile),
                          canting_profile_get_city (profile), "");
  else
    pen->y += canting_pdf_text (pen, _("Product Catalogue"), MARGIN, CANTING_PDF_A4_TEXT_WIDTH, "Sans Bold 13", FALSE) + 6;
  if (*phone != '\0')
    {
      g_autofree char *whatsapp = g_strdup_printf (_("Order by WhatsApp: %s"), phone);
      canting_pdf_paragraph (pen, whatsapp, "Sans Bold 10");
    }
  cairo_set_source_rgb (pen->cr, 0.4, 0.4, 0.4);
  canting_pdf_paragraph (pen, as_of, "Sans 8.5");
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  pen->y += 8;
}

static void
draw (cairo_t  *cr,
      double    width,
      double    height,
      gpointer  user_data)
{
  Catalogue *c = user_data;
  CantingPdfPen *pen = &c->pen;
  GPtrArray *items = c->selection->items;

  canting_pdf_pen_start (pen, cr);
  draw_heading (c);
  for (guint i = 0; i < items->len; i += COLUMNS)
    {
      canting_pdf_make_room (pen, CARD_HEIGHT);
      for (guint k = 0; k < COLUMNS && i + k < items->len; k++)
        draw_card (cr, g_ptr_array_index (items, i + k), g_ptr_array_index (c->jpegs, i + k),
                   MARGIN + k * (CARD_WIDTH + GAP), pen->y);
      pen->y += CARD_HEIGHT + GAP;
    }
  canting_pdf_pen_end (pen);
}

/* Reads every photo into @c before the file is begun: a bad one is an
 * error with the product's name, not a hole in the catalogue. */
static gboolean
prepare (Catalogue      *c,
         GCancellable   *cancellable,
         GError        **error)
{
  const CantingEpekenSelection *selection = c->selection;

  if (selection->items->len == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("None of the chosen products can go in the catalogue; nothing was written."));
      return FALSE;
    }
  for (guint i = 0; i < selection->items->len; i++)
    {
      const CantingEpekenItem *item = g_ptr_array_index (selection->items, i);
      GBytes *jpeg = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (item->photos->len > 0)
        {
          const CantingPhoto *photo = g_ptr_array_index (item->photos, 0);
          g_autoptr(GError) local = NULL;

          jpeg = canting_jpeg_from_photo (photo->path, CANTING_CATALOGUE_PHOTO_SIDE, CANTING_CATALOGUE_PHOTO_BYTES,
                                          NULL, &local);
          if (jpeg == NULL)
            {
              g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("The photo of “%s” cannot be used: %s"),
                           item->product->name, local->message);
              return FALSE;
            }
        }
      g_ptr_array_add (c->jpegs, jpeg);
    }
  return TRUE;
}

gboolean
canting_catalogue_save_pdf (CantingDb                     *db,
                            const CantingEpekenSelection  *selection,
                            const char                    *path,
                            GCancellable                  *cancellable,
                            GError                       **error)
{
  g_autoptr(GPtrArray) jpegs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  Catalogue c = { .db = db, .selection = selection, .jpegs = jpegs };

  return prepare (&c, cancellable, error) &&
         canting_pdf_save (path, _("Product Catalogue"), CANTING_PDF_A4_WIDTH, CANTING_PDF_A4_HEIGHT, draw, &c,
                           error);
}

GBytes *
canting_catalogue_pdf (CantingDb                     *db,
                       const CantingEpekenSelection  *selection,
                       GCancellable                  *cancellable,
                       GError                       **error)
{
  g_autoptr(GPtrArray) jpegs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  Catalogue c = { .db = db, .selection = selection, .jpegs = jpegs };

  if (!prepare (&c, cancellable, error))
    return NULL;
  return canting_pdf_render (_("Product Catalogue"), CANTING_PDF_A4_WIDTH, CANTING_PDF_A4_HEIGHT, draw, &c, error);
}
