/* canting-chart.h: small line charts drawn with cairo (stock over time,
 * price over time): no chart library in the GNOME runtime fits. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  const char   *title;
  const double *x;          /* days (any origin), ascending */
  const double *y;
  guint         n;
  gboolean      steps;      /* hold each value until the next (stock) */
  const char   *y_min_text; /* labels at the bottom and top of the scale */
  const char   *y_max_text;
  const char   *x_first_text;
  const char   *x_last_text;
  /* Limits drawn as dashed lines (a standard's minimum and maximum). */
  gboolean      has_limit_min;
  double        limit_min;
  gboolean      has_limit_max;
  double        limit_max;
  gboolean      dots;       /* mark each point (sparse measurements) */
} CantingChart;

/* Draws @chart into @width × @height in @widget's colours. */
void canting_chart_draw (GtkWidget          *widget,
                         cairo_t            *cr,
                         int                 width,
                         int                 height,
                         const CantingChart *chart);

G_END_DECLS
