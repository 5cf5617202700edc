/* canting-pdf.c: the PDF surface, its metadata and the safe rename. */
#include "config.h"

#include "canting-pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "canting-error.h"

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
  cairo_surface_t *surface = cairo_pdf_surface_create (tmp, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Canting " PACKAGE_VERSION);
  draw (cr, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

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
