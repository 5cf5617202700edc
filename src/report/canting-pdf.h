/* canting-pdf.h: writing a PDF whole or not at all, and the pen the A4
 * reports (IPAL, money) lay out their text and tables with. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "canting-db.h"

G_BEGIN_DECLS

/* Draws every page (calling cairo_show_page() after each) on @cr. */
typedef void (*CantingPdfDrawFunc) (cairo_t  *cr,
                                    double    width,
                                    double    height,
                                    gpointer  user_data);

/* Writes a @width × @height (points) PDF titled @title to @path through
 * a temporary name renamed into place, so a failure never leaves half a
 * file under the name the person chose. */
gboolean canting_pdf_save (const char          *path,
                           const char          *title,
                           double               width,
                           double               height,
                           CantingPdfDrawFunc   draw,
                           gpointer             user_data,
                           GError             **error);

/* The same PDF as canting_pdf_save() would write, in memory: for a PDF
 * that goes inside something else (the e-Peken pack's zip). */
GBytes *canting_pdf_render (const char          *title,
                            double               width,
                            double               height,
                            CantingPdfDrawFunc   draw,
                            gpointer             user_data,
                            GError             **error);

/* --- A4 reports ---------------------------------------------------------- */

/* A4 portrait in points, its margin and the height of a line of text. */
#define CANTING_PDF_A4_WIDTH 595.28
#define CANTING_PDF_A4_HEIGHT 841.89
#define CANTING_PDF_MARGIN 40.0
#define CANTING_PDF_LINE 15.0
/* What lies between the margins. */
#define CANTING_PDF_A4_TEXT_WIDTH (CANTING_PDF_A4_WIDTH - 2 * CANTING_PDF_MARGIN)

/* Where the next line goes on an A4 page; text flows on to further pages,
 * each numbered at its foot. */
typedef struct {
  cairo_t *cr;
  double   y;
  guint    page;   /* 0 for the first */
} CantingPdfPen;

/* Starts at the top of the first page, drawing in black. */
void   canting_pdf_pen_start (CantingPdfPen *pen,
                              cairo_t       *cr);
/* Numbers the last page and ends it. */
void   canting_pdf_pen_end   (CantingPdfPen *pen);

/* @text at @x in a box @width wide (wrapped), at the pen's line, right
 * aligned in the box when @right; returns its height; the pen stays. */
double canting_pdf_text      (CantingPdfPen *pen,
                              const char    *text,
                              double         x,
                              double         width,
                              const char    *font,
                              gboolean       right);
/* How wide @text is on one line in @font, in points. */
double canting_pdf_text_width (CantingPdfPen *pen,
                               const char    *text,
                               const char    *font);
/* Room for @height more points, or on to the next page. */
void   canting_pdf_make_room (CantingPdfPen *pen,
                              double         height);
void   canting_pdf_paragraph (CantingPdfPen *pen,
                              const char    *text,
                              const char    *font);
void   canting_pdf_heading   (CantingPdfPen *pen,
                              const char    *text);
/* The top of a report: its title, then the workshop's name and owner,
 * and its address, city and phone as far as they are known. */
void   canting_pdf_identity  (CantingPdfPen *pen,
                              const char    *title,
                              const char    *name,
                              const char    *owner,
                              const char    *address,
                              const char    *city,
                              const char    *phone);
/* The same with the workshop profile of @db (nothing when unreadable). */
void   canting_pdf_workshop_identity (CantingPdfPen *pen,
                                      CantingDb     *db,
                                      const char    *title);

typedef struct {
  double   x;
  double   width;
  gboolean right;   /* numbers: right-aligned in their box */
} CantingPdfColumn;

typedef enum {
  CANTING_PDF_ROW_PLAIN = 0,
  CANTING_PDF_ROW_HEADER = 1 << 0,    /* bold, ruled underneath */
  CANTING_PDF_ROW_BOLD = 1 << 1,      /* a total */
  CANTING_PDF_ROW_RED_LAST = 1 << 2,  /* the last cell is a warning */
  CANTING_PDF_ROW_SMALL = 1 << 3,     /* a wide table's smaller type */
} CantingPdfRowStyle;

/* The font of a row of @style, for canting_pdf_text_width(). */
const char *canting_pdf_row_font (CantingPdfRowStyle style);

/* One table row, its cells in @columns. */
void   canting_pdf_row       (CantingPdfPen          *pen,
                              const char * const     *cells,
                              const CantingPdfColumn *columns,
                              guint                   n,
                              CantingPdfRowStyle      style);

G_END_DECLS
