/* canting-chart.c: a title, a y scale from zero, dates under the ends and
 * one line; nothing more is needed to see a trend. */
#include "canting-chart.h"

#include <pango/pangocairo.h>

#define PAD 6.0

static double
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      align,   /* 0 left, 1 right */
           gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  if (bold)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);
      pango_layout_set_markup (layout, markup, -1);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return h;
}

void
canting_chart_draw (GtkWidget          *widget,
                    cairo_t            *cr,
                    int                 width,
                    int                 height,
                    const CantingChart *chart)
{
  GdkRGBA fg;
  double top, bottom, left = PAD, right = width - PAD;
  double y_max = 0, x_min, x_max;
  double line_h;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  gdk_cairo_set_source_rgba (cr, &fg);
  line_h = draw_text (widget, cr, chart->title, left, 0, 0, TRUE);
  top = line_h + PAD;
  bottom = height - line_h - PAD;
  if (chart->n == 0 || bottom - top < 10)
    return;

  /* Scale labels, dimmed like GNOME's secondary text. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
  draw_text (widget, cr, chart->y_max_text, right, top, 1, FALSE);
  draw_text (widget, cr, chart->y_min_text, right, bottom - line_h, 1, FALSE);
  draw_text (widget, cr, chart->x_first_text, left, bottom + PAD / 2, 0, FALSE);
  draw_text (widget, cr, chart->x_last_text, right, bottom + PAD / 2, 1, FALSE);

  /* Baseline. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, bottom + 0.5);
  cairo_line_to (cr, right, bottom + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < chart->n; i++)
    y_max = MAX (y_max, chart->y[i]);
  /* The limit stays in sight, with room above it. */
  if (chart->has_limit_max)
    y_max = MAX (y_max, chart->limit_max * 1.15);
  if (y_max <= 0)
    y_max = 1;
  x_min = chart->x[0];
  x_max = chart->x[chart->n - 1];
  if (x_max <= x_min)
    x_max = x_min + 1;

  /* Limits: red dashes, the colour of "over the limit" everywhere. */
  for (int side = 0; side < 2; side++)
    {
      gboolean has = side == 0 ? chart->has_limit_min : chart->has_limit_max;
      double limit = side == 0 ? chart->limit_min : chart->limit_max;
      double ly = bottom - MAX (limit, 0) / y_max * (bottom - top - line_h);
      static const double dash[] = { 4, 3 };

      if (!has)
        continue;
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, left, ly);
      cairo_line_to (cr, right - 60, ly);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* GNOME's blue accent reads on light and dark backgrounds alike. */
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int pass = 0; pass < 2; pass++)
    {
      /* First the line, then a dot on each point (or the only one). */
      if (pass == 1 && !chart->dots && chart->n > 1)
        break;
      for (guint i = 0; i < chart->n; i++)
        {
          double px = left + (chart->x[i] - x_min) / (x_max - x_min) * (right - left - 60);
          double py = bottom - MAX (chart->y[i], 0) / y_max * (bottom - top - line_h);

          if (chart->n == 1)
            px = (left + right - 60) / 2;
          if (pass == 1)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, px, py, 3, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          else if (i == 0)
            cairo_move_to (cr, px, py);
          else
            {
              if (chart->steps)
                {
                  double cx, cy;
                  cairo_get_current_point (cr, &cx, &cy);
                  cairo_line_to (cr, px, cy);
                }
              cairo_line_to (cr, px, py);
            }
        }
      if (pass == 0)
        cairo_stroke (cr);
    }
}
