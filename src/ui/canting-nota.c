/* canting-nota.c: drawing the nota with cairo and Pango.
 *
 * One layout routine serves counting and drawing: it walks the nota
 * block by block and only paints the page asked for, so the page count
 * and the pages themselves can never disagree.  Items flow onto further
 * pages (an order may have up to 200 lines); the totals stay together. */
#include "config.h"

#include "canting-nota.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "canting-customer.h"
#include "canting-error.h"
#include "canting-order.h"
#include "canting-pdf.h"
#include "canting-profile.h"
#include "canting-validate.h"

/* A5 portrait, the usual size of a nota book, in points. */
#define A5_WIDTH 419.53
#define A5_HEIGHT 595.28
#define MARGIN 28.0
#define LOGO_HEIGHT 44.0

struct _CantingNota
{
  CantingOrder *order;
  CantingCustomer *customer;
  CantingProfile *profile;
  GPtrArray *payments;
  CantingMoney total;
};

void
canting_nota_free (CantingNota *nota)
{
  if (nota == NULL)
    return;
  g_clear_pointer (&nota->order, canting_order_free);
  g_clear_pointer (&nota->customer, canting_customer_free);
  g_clear_object (&nota->profile);
  g_clear_pointer (&nota->payments, g_ptr_array_unref);
  g_free (nota);
}

CantingNota *
canting_nota_new (CantingDb  *db,
                  gint64      order_id,
                  GError    **error)
{
  g_autoptr(CantingNota) nota = g_new0 (CantingNota, 1);

  nota->order = canting_order_load (db, order_id, error);
  if (nota->order == NULL)
    return NULL;
  nota->customer = canting_customer_load (db, nota->order->customer_id, error);
  nota->profile = nota->customer != NULL ? canting_profile_load (db, error) : NULL;
  nota->payments = nota->profile != NULL ? canting_payment_list (db, order_id, error) : NULL;
  if (nota->payments == NULL || !canting_order_compute_total (nota->order, &nota->total, error))
    return NULL;
  return g_steal_pointer (&nota);
}

char *
canting_nota_file_name (CantingNota *nota)
{
  return g_strdup_printf ("Nota-%s.pdf", nota->order->number);
}

typedef struct {
  cairo_t *cr;
  double width, height;
  int target;          /* page to draw, or -1 to only count */
  int page;            /* page being laid out */
  double y;
  gboolean show_pages; /* end each page ourselves (a PDF); a print
                          operation ends pages itself */
} Pen;

static gboolean
painting (Pen *pen)
{
  return pen->target == pen->page;
}

static PangoLayout *
layout_new (Pen        *pen,
            const char *font,
            const char *text,
            double      width,
            PangoAlignment align)
{
  PangoContext *context = pango_cairo_create_context (pen->cr);
  PangoLayout *layout;
  PangoFontDescription *desc = pango_font_description_from_string (font);

  /* Page units are points: 72 per inch, whatever the screen's DPI. */
  pango_cairo_context_set_resolution (context, 72);
  layout = pango_layout_new (context);
  g_object_unref (context);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Draws @text at (x, pen->y) if on the painted page; returns its height. */
static double
text_at (Pen            *pen,
         double          x,
         double          width,
         const char     *font,
         const char     *text,
         PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = layout_new (pen, font, text, width, align);

  if (painting (pen))
    {
      cairo_move_to (pen->cr, x, pen->y);
      pango_cairo_show_layout (pen->cr, layout);
    }
  return layout_height (layout);
}

static void
rule (Pen    *pen,
      double  weight)
{
  if (painting (pen))
    {
      cairo_set_line_width (pen->cr, weight);
      cairo_move_to (pen->cr, MARGIN, pen->y);
      cairo_line_to (pen->cr, pen->width - MARGIN, pen->y);
      cairo_stroke (pen->cr);
    }
}

static void
new_page (Pen *pen)
{
  if (painting (pen) && pen->show_pages)
    cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN;
}

static void
draw_logo (Pen            *pen,
           CantingProfile *profile,
           double         *out_width)
{
  GBytes *bytes = canting_profile_get_logo (profile);
  g_autoptr(GdkTexture) texture = bytes != NULL ? gdk_texture_new_from_bytes (bytes, NULL) : NULL;
  int w, h;
  cairo_surface_t *surface;
  double scale;

  *out_width = 0;
  if (texture == NULL)
    return;
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  scale = LOGO_HEIGHT / MAX (h, 1);
  *out_width = w * scale + 10;
  if (!painting (pen))
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  cairo_save (pen->cr);
  cairo_translate (pen->cr, MARGIN, pen->y);
  cairo_scale (pen->cr, scale, scale);
  cairo_set_source_surface (pen->cr, surface, 0, 0);
  cairo_paint (pen->cr);
  cairo_restore (pen->cr);
  cairo_surface_destroy (surface);
}

static void
draw_header (Pen         *pen,
             CantingNota *nota,
             gboolean     continued)
{
  CantingProfile *p = nota->profile;
  double inner = pen->width - 2 * MARGIN;
  double logo_width = 0;
  double top = pen->y;
  g_autofree char *title = NULL;
  g_autoptr(GString) contact = g_string_new (NULL);

  if (!continued)
    {
      draw_logo (pen, p, &logo_width);
      pen->y += text_at (pen, MARGIN + logo_width, inner - logo_width, "Sans Bold 12",
                         canting_profile_get_name (p), PANGO_ALIGN_LEFT);
      for (CantingProfileField f = CANTING_PROFILE_FIELD_ADDRESS; f <= CANTING_PROFILE_FIELD_PHONE; f++)
        {
          const char *value = canting_profile_get_field (p, f);
          if (f == CANTING_PROFILE_FIELD_OWNER || *value == '\0')
            continue;
          g_string_append_printf (contact, "%s%s", contact->len ? " · " : "", value);
        }
      if (*canting_profile_get_membership (p) != '\0')
        g_string_append_printf (contact, "\n%s %s", _("Association member"), canting_profile_get_membership (p));
      pen->y += text_at (pen, MARGIN + logo_width, inner - logo_width, "Sans 8", contact->str, PANGO_ALIGN_LEFT);
      pen->y = MAX (pen->y, top + (logo_width > 0 ? LOGO_HEIGHT : 0)) + 8;
      rule (pen, 1.0);
      pen->y += 8;
    }

  /* Translators: heading of the printed invoice ("nota"), then the order number */
  title = continued ? g_strdup_printf (_("NOTA %s (continued)"), nota->order->number)
                    : g_strdup_printf (_("NOTA %s"), nota->order->number);
  pen->y += text_at (pen, MARGIN, inner, "Sans Bold 11", title, PANGO_ALIGN_LEFT) + 4;
  if (continued)
    return;

  {
    g_autofree char *ordered = canting_date_format (nota->order->order_date);
    g_autofree char *due = nota->order->due_date ? canting_date_format (nota->order->due_date) : NULL;
    g_autofree char *left = g_strdup_printf ("%s: %s\n%s%s%s", _("Customer"), nota->customer->name,
                                             nota->customer->phone,
                                             *nota->customer->phone && *nota->customer->city ? " · " : "",
                                             nota->customer->city);
    g_autofree char *right = due != NULL
      ? g_strdup_printf ("%s: %s\n%s: %s", _("Ordered"), ordered, _("Due"), due)
      : g_strdup_printf ("%s: %s", _("Ordered"), ordered);
    double h1 = text_at (pen, MARGIN, inner * 0.6, "Sans 9", left, PANGO_ALIGN_LEFT);
    double h2 = text_at (pen, MARGIN + inner * 0.6, inner * 0.4, "Sans 9", right, PANGO_ALIGN_RIGHT);
    pen->y += MAX (h1, h2) + 10;
  }
}

/* Column x positions and widths of the item table. */
typedef struct { double x, w; PangoAlignment align; } Col;

static void
item_columns (Pen *pen,
              Col  cols[5])
{
  double inner = pen->width - 2 * MARGIN;
  Col c[5] = {
    { MARGIN, 18, PANGO_ALIGN_LEFT },
    { MARGIN + 20, inner - 20 - 30 - 75 - 80 - 8, PANGO_ALIGN_LEFT },
    { 0, 30, PANGO_ALIGN_RIGHT },
    { 0, 75, PANGO_ALIGN_RIGHT },
    { 0, 80, PANGO_ALIGN_RIGHT },
  };
  c[2].x = c[1].x + c[1].w + 2;
  c[3].x = c[2].x + c[2].w + 2;
  c[4].x = c[3].x + c[3].w + 4;
  memcpy (cols, c, sizeof c);
}

static double
item_row (Pen        *pen,
          Col         cols[5],
          const char *font,
          const char *texts[5],
          gboolean    measure_only)
{
  double height = 0;
  int saved = pen->target;

  if (measure_only)
    pen->target = -2;
  for (int i = 0; i < 5; i++)
    height = MAX (height, text_at (pen, cols[i].x, cols[i].w, font, texts[i], cols[i].align));
  pen->target = saved;
  return height;
}

static void
table_heading (Pen *pen,
               Col  cols[5])
{
  const char *texts[5] = { _("No"), _("Description"), _("Qty"), _("Price"), _("Amount") };

  pen->y += item_row (pen, cols, "Sans Bold 8", texts, FALSE) + 3;
  rule (pen, 0.5);
  pen->y += 4;
}

static void
total_line (Pen        *pen,
            const char *label,
            const char *value,
            const char *font)
{
  double inner = pen->width - 2 * MARGIN;
  double h = text_at (pen, MARGIN, inner - 90, font, label, PANGO_ALIGN_RIGHT);

  text_at (pen, pen->width - MARGIN - 90, 90, font, value, PANGO_ALIGN_RIGHT);
  pen->y += h + 2;
}

/* Goes on to a continuation page when @needed does not fit above
 * @bottom; TRUE if it did. */
static gboolean
make_room (Pen         *pen,
           CantingNota *nota,
           double       needed,
           double       bottom)
{
  if (pen->y + needed <= bottom)
    return FALSE;
  new_page (pen);
  draw_header (pen, nota, TRUE);
  return TRUE;
}

/* A paragraph across the page's width, on the next page if it does not
 * fit on this one; returns its height. */
static double
flowing_text (Pen            *pen,
              CantingNota    *nota,
              double          bottom,
              const char     *font,
              const char     *text,
              PangoAlignment  align)
{
  double width = pen->width - 2 * MARGIN;
  g_autoptr(PangoLayout) layout = layout_new (pen, font, text, width, align);

  make_room (pen, nota, layout_height (layout), bottom);
  return text_at (pen, MARGIN, width, font, text, align);
}

static int
layout_nota (CantingNota *nota,
             cairo_t     *cr,
             double       width,
             double       height,
             int          target,
             gboolean     show_pages)
{
  Pen pen = { cr, width, height, target, 0, MARGIN, show_pages };
  Col cols[5];
  double bottom = height - MARGIN - 14;  /* room for the page footer */
  CantingMoney subtotal = 0;
  /* The totals block: a few lines per amount and payment. */
  double totals_height = (6 + nota->payments->len) * 13.0 + 40;

  cairo_set_source_rgb (cr, 0, 0, 0);
  item_columns (&pen, cols);
  draw_header (&pen, nota, FALSE);
  table_heading (&pen, cols);

  for (guint i = 0; i < nota->order->items->len; i++)
    {
      const CantingOrderItem *item = g_ptr_array_index (nota->order->items, i);
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, item->quantity);
      g_autofree char *price = canting_money_format (item->unit_price);
      g_autofree char *amount = canting_money_format (item->quantity * item->unit_price);
      const char *texts[5] = { no, item->description, qty, price, amount };
      double h = item_row (&pen, cols, "Sans 9", texts, TRUE);

      subtotal += item->quantity * item->unit_price;
      if (make_room (&pen, nota, h, bottom))
        table_heading (&pen, cols);
      item_row (&pen, cols, "Sans 9", texts, FALSE);
      pen.y += h + 3;
    }

  make_room (&pen, nota, totals_height, bottom);
  rule (&pen, 0.5);
  pen.y += 5;
  {
    g_autofree char *sub = canting_money_format (subtotal);
    g_autofree char *total = canting_money_format (nota->total);
    g_autofree char *paid = canting_money_format (nota->order->paid);
    g_autofree char *balance = canting_money_format (nota->total - nota->order->paid);

    total_line (&pen, _("Subtotal"), sub, "Sans 9");
    if (nota->order->discount > 0)
      {
        g_autofree char *discount = canting_money_format (-nota->order->discount);
        total_line (&pen, _("Discount"), discount, "Sans 9");
      }
    if (nota->order->shipping > 0)
      {
        g_autofree char *shipping = canting_money_format (nota->order->shipping);
        total_line (&pen, _("Shipping"), shipping, "Sans 9");
      }
    total_line (&pen, _("Total"), total, "Sans Bold 10");
    for (guint i = 0; i < nota->payments->len; i++)
      {
        const CantingPayment *p = g_ptr_array_index (nota->payments, i);
        g_autofree char *date = canting_date_format (p->paid_on);
        g_autofree char *amount = canting_money_format (p->amount);
        g_autofree char *label = g_strdup_printf ("%s %s (%s)", p->is_down_payment ? _("DP") : _("Payment"),
                                                  date, canting_payment_method_label (p->method));
        total_line (&pen, label, amount, "Sans 9");
      }
    total_line (&pen, _("Paid"), paid, "Sans 9");
    total_line (&pen, _("Balance due"), balance, "Sans Bold 10");
  }
  if (*nota->order->notes != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (nota->order->notes, "\n", -1);

      pen.y += 8;
      /* Line by line, so long notes go on over the page. */
      for (guint i = 0; lines[i] != NULL; i++)
        pen.y += flowing_text (&pen, nota, bottom, "Sans Italic 8", lines[i], PANGO_ALIGN_LEFT);
    }
  pen.y += 12;
  flowing_text (&pen, nota, bottom, "Sans 9", _("Thank you for your order."), PANGO_ALIGN_CENTER);

  if (painting (&pen) && show_pages)
    cairo_show_page (cr);
  return pen.page + 1;
}

guint
canting_nota_count_pages (CantingNota *nota,
                          cairo_t     *cr,
                          double       width,
                          double       height)
{
  return (guint) layout_nota (nota, cr, width, height, -1, FALSE);
}

void
canting_nota_draw_page (CantingNota *nota,
                        cairo_t     *cr,
                        double       width,
                        double       height,
                        guint        page)
{
  layout_nota (nota, cr, width, height, (int) page, FALSE);
}

static void
draw_all_pages (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data)
{
  CantingNota *nota = user_data;
  guint pages = canting_nota_count_pages (nota, cr, width, height);

  for (guint i = 0; i < pages; i++)
    layout_nota (nota, cr, width, height, (int) i, TRUE);
}

gboolean
canting_nota_save_pdf (CantingNota  *nota,
                       const char   *path,
                       GError      **error)
{
  return canting_pdf_save (path, nota->order->number, A5_WIDTH, A5_HEIGHT, draw_all_pages, nota, error);
}
