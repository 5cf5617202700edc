/* canting-pdf-pen.h: writing down an A4 page with cairo and Pango: text
 * in a box, paragraphs, headings and table rows that flow onto further
 * pages with the page number at the foot.  Shared by the reports' PDFs so
 * they look alike; what goes on the page is each report's business. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* A4 portrait in points, with the margins every report keeps. */
#define CANTING_PDF_A4_WIDTH 595.28
#define CANTING_PDF_A4_HEIGHT 841.89
#define CANTING_PDF_MARGIN 40.0
#define CANTING_PDF_LINE 15.0
/* The width between the margins. */
#define CANTING_PDF_TEXT_WIDTH (CANTING_PDF_A4_WIDTH - 2 * CANTING_PDF_MARGIN)

typedef struct {
  cairo_t *cr;
  double   y;          /* where the next line starts */
  guint    page;       /* from 0 */
  double   row_size;   /* points, of table rows' text; 8.5 unless a wide table needs less */
} CantingPdfPen;

/* Starts the first page on @cr. */
void   canting_pdf_pen_init      (CantingPdfPen      *pen,
                                  cairo_t            *cr);
/* Draws @text (nullable) at @x, pen->y in a box @width wide, wrapped;
 * right-aligned when @right.  Returns its height; pen->y is left as is. */
double canting_pdf_pen_text      (CantingPdfPen      *pen,
                                  const char         *text,
                                  double              x,
                                  double              width,
                                  const char         *font,
                                  gboolean            right);
/* The page number at the foot of the current page. */
void   canting_pdf_pen_foot      (CantingPdfPen      *pen);
/* Room for @height more points, or on to the next page. */
void   canting_pdf_pen_make_room (CantingPdfPen      *pen,
                                  double              height);
void   canting_pdf_pen_paragraph (CantingPdfPen      *pen,
                                  const char         *text,
                                  const char         *font);
void   canting_pdf_pen_heading   (CantingPdfPen      *pen,
                                  const char         *text);
/* One table row: @n cells at @xs with @widths; cells from @right_from on
 * are right-aligned (numbers; @n for none).  A @bold row is a header,
 * underlined; @red_last draws the last cell in red (a verdict). */
void   canting_pdf_pen_row       (CantingPdfPen      *pen,
                                  const char * const *cells,
                                  const double       *xs,
                                  const double       *widths,
                                  guint               n,
                                  guint               right_from,
                                  gboolean            bold,
                                  gboolean            red_last);
/* Ends the document: the foot of the last page, and the page shown. */
void   canting_pdf_pen_finish    (CantingPdfPen      *pen);

G_END_DECLS
