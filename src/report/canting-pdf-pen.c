/* canting-pdf-pen.c: the page-filling helpers every report PDF draws
 * with. */
#include "config.h"

#include "canting-pdf-pen.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

void
canting_pdf_pen_init (CantingPdfPen *pen,
                      cairo_t       *cr)
{
  pen->cr = cr;
  pen->y = CANTING_PDF_MARGIN;
  pen->page = 0;
  pen->row_size = 8.5;
  cairo_set_source_rgb (cr, 0, 0, 0);
}

double
canting_pdf_pen_text (CantingPdfPen *pen,
                      const char    *text,
                      double         x,
                      double         width,
                      const char    *font,
                      gboolean       right)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (pen->cr, right ? x + width - w : x, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
  return h;
}

void
canting_pdf_pen_foot (CantingPdfPen *pen)
{
  g_autofree char *number = g_strdup_printf (_("Page %u"), pen->page + 1);
  double keep = pen->y;

  pen->y = CANTING_PDF_A4_HEIGHT - CANTING_PDF_MARGIN + 8;
  canting_pdf_pen_text (pen, number, CANTING_PDF_MARGIN, CANTING_PDF_TEXT_WIDTH, "Sans 8", TRUE);
  pen->y = keep;
}

void
canting_pdf_pen_make_room (CantingPdfPen *pen,
                           double         height)
{
  if (pen->y + height <= CANTING_PDF_A4_HEIGHT - CANTING_PDF_MARGIN)
    return;
  canting_pdf_pen_foot (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = CANTING_PDF_MARGIN;
}

void
canting_pdf_pen_paragraph (CantingPdfPen *pen,
                           const char    *text,
                           const char    *font)
{
  canting_pdf_pen_make_room (pen, CANTING_PDF_LINE * 2);
  pen->y += canting_pdf_pen_text (pen, text, CANTING_PDF_MARGIN, CANTING_PDF_TEXT_WIDTH, font, FALSE) + 2;
}

void
canting_pdf_pen_heading (CantingPdfPen *pen,
                         const char    *text)
{
  pen->y += 8;
  /* A heading never ends a page: keep room for a few lines under it. */
  canting_pdf_pen_make_room (pen, CANTING_PDF_LINE * 4);
  pen->y += canting_pdf_pen_text (pen, text, CANTING_PDF_MARGIN, CANTING_PDF_TEXT_WIDTH, "Sans Bold 11", FALSE) + 4;
}

void
canting_pdf_pen_row (CantingPdfPen      *pen,
                     const char * const *cells,
                     const double       *xs,
                     const double       *widths,
                     guint               n,
                     guint               right_from,
                     gboolean            bold,
                     gboolean            red_last)
{
  char size[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *font = NULL;
  double tallest = 0;

  font = g_strconcat (bold ? "Sans Bold " : "Sans ", g_ascii_dtostr (size, sizeof size, pen->row_size), NULL);
  canting_pdf_pen_make_room (pen, CANTING_PDF_LINE * 2);
  for (guint c = 0; c < n; c++)
    {
      if (red_last && c == n - 1)
        cairo_set_source_rgb (pen->cr, 0.75, 0.1, 0.1);
      tallest = MAX (tallest, canting_pdf_pen_text (pen, cells[c], xs[c], widths[c], font, c >= right_from));
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
    }
  pen->y += tallest + 3;
  if (bold)
    {
      cairo_set_line_width (pen->cr, 0.6);
      cairo_move_to (pen->cr, CANTING_PDF_MARGIN, pen->y - 1);
      cairo_line_to (pen->cr, CANTING_PDF_A4_WIDTH - CANTING_PDF_MARGIN, pen->y - 1);
      cairo_stroke (pen->cr);
      pen->y += 2;
    }
}

void
canting_pdf_pen_finish (CantingPdfPen *pen)
{
  canting_pdf_pen_foot (pen);
  cairo_show_page (pen->cr);
}
