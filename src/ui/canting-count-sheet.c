/* canting-count-sheet.c: laying out the count sheet, page after page. */
#include "config.h"

#include "canting-count-sheet.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "canting-material.h"
#include "canting-pdf.h"
#include "canting-validate.h"

/* A4 portrait in points; rows tall enough to write a number by hand. */
#define A4_WIDTH 595.28
#define A4_HEIGHT 841.89
#define MARGIN 40.0
#define ROW_HEIGHT 24.0
/* Every material a workshop keeps fits many times over. */
#define MATERIALS_MAX 10000

typedef struct {
  GPtrArray  *materials;   /* (element-type CantingMaterial) */
  const char *workshop_name;
  char       *today;
} Sheet;

static double
text_at (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      width,
         const char *font,
         gboolean    right)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right ? x + width - w : x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
  g_object_unref (layout);
  return h;
}

/* Column x positions and widths: no, material, unit, recorded, counted. */
static const double col_x[] = { MARGIN, MARGIN + 34, MARGIN + 250, MARGIN + 310, MARGIN + 410 };
static const double col_w[] = { 32, 212, 56, 92, A4_WIDTH - 2 * MARGIN - 410 };

static double
draw_header (cairo_t *cr,
             Sheet   *sheet,
             guint    page,
             guint    pages)
{
  g_autofree char *title = NULL;
  g_autofree char *page_text = g_strdup_printf (_("Page %u of %u"), page + 1, pages);
  g_autofree char *printed = g_strdup_printf (_("Printed %s. Counted on: ____________ by: ____________"),
                                              sheet->today);
  const char *heads[] = { _("No."), _("Material"), _("Unit"), _("Recorded"), _("Counted") };
  double y = MARGIN;

  if (sheet->workshop_name != NULL && *sheet->workshop_name != '\0')
    title = g_strdup_printf (_("Stock Count Sheet — %s"), sheet->workshop_name);
  else
    title = g_strdup (_("Stock Count Sheet"));
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += text_at (cr, title, MARGIN, y, A4_WIDTH - 2 * MARGIN - 80, "Sans Bold 14", FALSE);
  text_at (cr, page_text, A4_WIDTH - MARGIN - 80, MARGIN, 80, "Sans 9", TRUE);
  y += 4;
  y += text_at (cr, printed, MARGIN, y, A4_WIDTH - 2 * MARGIN, "Sans 10", FALSE);
  y += 12;
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    text_at (cr, heads[c], col_x[c], y, col_w[c], "Sans Bold 10", c >= 3);
  y += 16;
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, A4_WIDTH - MARGIN, y);
  cairo_stroke (cr);
  return y;
}

static guint
rows_per_page (void)
{
  /* What the header leaves: title, date line, column heads. */
  return (guint) ((A4_HEIGHT - 2 * MARGIN - 70) / ROW_HEIGHT);
}

static void
draw_sheet (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  user_data)
{
  Sheet *sheet = user_data;
  guint per_page = rows_per_page ();
  guint pages = MAX (1, (sheet->materials->len + per_page - 1) / per_page);

  for (guint page = 0; page < pages; page++)
    {
      double y = draw_header (cr, sheet, page, pages);

      for (guint r = 0; r < per_page; r++)
        {
          guint i = page * per_page + r;
          const CantingMaterial *m;
          g_autofree char *no = NULL;
          g_autofree char *recorded = NULL;

          if (i >= sheet->materials->len)
            break;
          m = g_ptr_array_index (sheet->materials, i);
          no = g_strdup_printf ("%u", i + 1);
          recorded = canting_quantity_format (m->on_hand);
          text_at (cr, no, col_x[0], y + 5, col_w[0], "Sans 10", FALSE);
          text_at (cr, m->name, col_x[1], y + 5, col_w[1], "Sans 10", FALSE);
          text_at (cr, canting_unit_label (m->unit), col_x[2], y + 5, col_w[2], "Sans 10", FALSE);
          text_at (cr, recorded, col_x[3], y + 5, col_w[3], "Sans 10", TRUE);
          /* The box to write the count in. */
          cairo_set_line_width (cr, 0.6);
          cairo_rectangle (cr, col_x[4] + 8, y + 3, col_w[4] - 8, ROW_HEIGHT - 6);
          cairo_stroke (cr);
          y += ROW_HEIGHT;
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_move_to (cr, MARGIN, y);
          cairo_line_to (cr, A4_WIDTH - MARGIN, y);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
      cairo_show_page (cr);
    }
}

gboolean
canting_count_sheet_save_pdf (CantingDb    *db,
                              const char   *workshop_name,
                              const char   *path,
                              GError      **error)
{
  CantingMaterialFilter filter = { NULL, -1, FALSE, FALSE };
  g_autoptr(GPtrArray) materials = canting_material_search (db, &filter, 0, MATERIALS_MAX, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");
  Sheet sheet = { materials, workshop_name, NULL };
  gboolean ok;

  if (materials == NULL)
    return FALSE;
  sheet.today = canting_date_format (iso);
  ok = canting_pdf_save (path, _("Stock Count Sheet"), A4_WIDTH, A4_HEIGHT, draw_sheet, &sheet, error);
  g_free (sheet.today);
  return ok;
}
