/* canting-pdf.c: the PDF surface, its metadata and the safe rename; the
 * pen of the A4 reports. */
#include "config.h"

#include "canting-pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <unistd.h>

#include "canting-error.h"
#include "canting-profile.h"

/* Draws the whole document on @surface, titled, and finishes it. */
static cairo_status_t
draw_document (cairo_surface_t     *surface,
               const char          *title,
               double               width,
               double               height,
               CantingPdfDrawFunc   draw,
               gpointer             user_data)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Canting " PACKAGE_VERSION);
  draw (cr, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
canting_pdf_save (const char          *path,
                  const char          *title,
                  double               width,
                  double               height,
                  CantingPdfDrawFunc   draw,
                  gpointer             user_data,
                  GError             **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  cairo_status_t status;
  int fd;

  /* Reports hold a workshop's money and customers: readable by their
   * owner only, like the database.  cairo creates its file with the
   * umask (often 0644), so the file is made first, 0600, and cairo
   * writes into it, keeping that mode. */
  fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  status = draw_document (cairo_pdf_surface_create (tmp, width, height), title, width, height, draw, user_data);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot save “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append (void                *closure,
        const unsigned char *data,
        unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
canting_pdf_render (const char          *title,
                    double               width,
                    double               height,
                    CantingPdfDrawFunc   draw,
                    gpointer             user_data,
                    GError             **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_status_t status = draw_document (cairo_pdf_surface_create_for_stream (append, pdf, width, height), title,
                                         width, height, draw, user_data);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot make the PDF “%s”: %s"), title,
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/* --- A4 reports ---------------------------------------------------------- */

void
canting_pdf_pen_start (CantingPdfPen *pen,
                       cairo_t       *cr)
{
  pen->cr = cr;
  pen->y = CANTING_PDF_MARGIN;
  pen->page = 0;
  cairo_set_source_rgb (cr, 0, 0, 0);
}

double
canting_pdf_text (CantingPdfPen *pen,
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
  /* Every line of a wrapped heading against the right edge too. */
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (pen->cr, x, pen->y);
  pango_cairo_show_layout (pen->cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
  return h;
}

double
canting_pdf_text_width (CantingPdfPen *pen,
                        const char    *text,
                        const char    *font)
{
  PangoLayout *layout = pango_cairo_create_layout (pen->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  pango_font_description_free (desc);
  g_object_unref (layout);
  return w;
}

static void
foot (CantingPdfPen *pen)
{
  g_autofree char *number = g_strdup_printf (_("Page %u"), pen->page + 1);
  double keep = pen->y;

  pen->y = CANTING_PDF_A4_HEIGHT - CANTING_PDF_MARGIN + 8;
  canting_pdf_text (pen, number, CANTING_PDF_MARGIN, CANTING_PDF_A4_TEXT_WIDTH, "Sans 8", TRUE);
  pen->y = keep;
}

void
canting_pdf_pen_end (CantingPdfPen *pen)
{
  foot (pen);
  cairo_show_page (pen->cr);
}

void
canting_pdf_make_room (CantingPdfPen *pen,
                       double         height)
{
  if (pen->y + height <= CANTING_PDF_A4_HEIGHT - CANTING_PDF_MARGIN)
    return;
  foot (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = CANTING_PDF_MARGIN;
}

void
canting_pdf_paragraph (CantingPdfPen *pen,
                       const char    *text,
                       const char    *font)
{
  canting_pdf_make_room (pen, CANTING_PDF_LINE * 2);
  pen->y += canting_pdf_text (pen, text, CANTING_PDF_MARGIN, CANTING_PDF_A4_TEXT_WIDTH, font, FALSE) + 2;
}

void
canting_pdf_heading (CantingPdfPen *pen,
                     const char    *text)
{
  pen->y += 8;
  /* A heading never ends a page: it keeps a few lines with it. */
  canting_pdf_make_room (pen, CANTING_PDF_LINE * 4);
  pen->y += canting_pdf_text (pen, text, CANTING_PDF_MARGIN, CANTING_PDF_A4_TEXT_WIDTH, "Sans Bold 11", FALSE) + 4;
}

void
canting_pdf_identity (CantingPdfPen *pen,
                      const char    *title,
                      const char    *name,
                      const char    *owner,
                      const char    *address,
                      const char    *city,
                      const char    *phone)
{
  g_autofree char *workshop = g_strdup_printf ("%s%s%s", name, *owner != '\0' ? " · " : "", owner);
  g_autofree char *place = g_strdup_printf ("%s%s%s%s%s", address, *city != '\0' && *address != '\0' ? ", " : "",
                                            city, *phone != '\0' ? " · " : "", phone);

  pen->y += canting_pdf_text (pen, title, CANTING_PDF_MARGIN, CANTING_PDF_A4_TEXT_WIDTH, "Sans Bold 13", FALSE) + 6;
  canting_pdf_paragraph (pen, workshop, "Sans Bold 10");
  if (*place != '\0')
    canting_pdf_paragraph (pen, place, "Sans 9.5");
}

void
canting_pdf_workshop_identity (CantingPdfPen *pen,
                               CantingDb     *db,
                               const char    *title)
{
  g_autoptr(CantingProfile) profile = canting_profile_load (db, NULL);

  if (profile == NULL)
    {
      pen->y += canting_pdf_text (pen, title, CANTING_PDF_MARGIN, CANTING_PDF_A4_TEXT_WIDTH, "Sans Bold 13", FALSE) + 6;
      return;
    }
  canting_pdf_identity (pen, title, canting_profile_get_name (profile), canting_profile_get_owner (profile),
                        canting_profile_get_address (profile), canting_profile_get_city (profile),
                        canting_profile_get_phone (profile));
}

const char *
canting_pdf_row_font (CantingPdfRowStyle style)
{
  gboolean bold = (style & (CANTING_PDF_ROW_HEADER | CANTING_PDF_ROW_BOLD)) != 0;

  if (style & CANTING_PDF_ROW_SMALL)
    return bold ? "Sans Bold 7.5" : "Sans 7.5";
  return bold ? "Sans Bold 8.5" : "Sans 8.5";
}

void
canting_pdf_row (CantingPdfPen          *pen,
                 const char * const     *cells,
                 const CantingPdfColumn *columns,
                 guint                   n,
                 CantingPdfRowStyle      style)
{
  const char *font = canting_pdf_row_font (style);
  double tallest = 0;

  canting_pdf_make_room (pen, CANTING_PDF_LINE * 2);
  if (style & CANTING_PDF_ROW_BOLD)
    {
      /* A total: ruled above, like the sum under a column of figures. */
      cairo_set_line_width (pen->cr, 0.4);
      cairo_move_to (pen->cr, CANTING_PDF_MARGIN, pen->y - 1);
      cairo_line_to (pen->cr, CANTING_PDF_A4_WIDTH - CANTING_PDF_MARGIN, pen->y - 1);
      cairo_stroke (pen->cr);
      pen->y += 1;
    }
  for (guint c = 0; c < n; c++)
    {
      if ((style & CANTING_PDF_ROW_RED_LAST) && c == n - 1)
        cairo_set_source_rgb (pen->cr, 0.75, 0.1, 0.1);
      tallest = MAX (tallest, canting_pdf_text (pen, cells[c], columns[c].x, columns[c].width, font, columns[c].right));
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
    }
  pen->y += tallest + 3;
  if (style & CANTING_PDF_ROW_HEADER)
    {
      cairo_set_line_width (pen->cr, 0.6);
      cairo_move_to (pen->cr, CANTING_PDF_MARGIN, pen->y - 1);
      cairo_line_to (pen->cr, CANTING_PDF_A4_WIDTH - CANTING_PDF_MARGIN, pen->y - 1);
      cairo_stroke (pen->cr);
      pen->y += 2;
    }
}
