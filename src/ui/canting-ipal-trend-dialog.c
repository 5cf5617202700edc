/* canting-ipal-trend-dialog.c: one parameter's measurements with its
 * limit drawn in, the share of measurements within the standard over the
 * period, the wastewater volume month by month, and each month's
 * wastewater per ton of product against the standard's limit. */
#include "config.h"

#include "canting-ipal-trend-dialog.h"

#include <glib/gi18n.h>
#include <math.h>

#include "canting-chart.h"
#include "canting-ipal-standard.h"
#include "canting-ipal-trend.h"
#include "canting-validate.h"

/* Periods offered, in months: a quarter, half a year, a year, two. */
static const guint periods[] = { 3, 6, 12, 24 };

struct _CantingIpalTrendDialog
{
  AdwWindow parent_instance;

  AdwComboRow *parameter_row;
  AdwComboRow *period_row;
  AdwActionRow *compliance_row;
  AdwActionRow *per_piece_row;
  AdwActionRow *per_ton_row;
  GtkDrawingArea *value_chart;
  GtkDrawingArea *volume_chart;

  CantingApplication *app;
  gint64 plant_id;
  guint generation;     /* of the last reading asked for */
  CantingIpalParameter shown;   /* the parameter of @points */
  GPtrArray *points;    /* (element-type CantingIpalPoint) */
  GPtrArray *volumes;   /* (element-type CantingIpalVolume) */
  CantingQuantity limit_min;
  CantingQuantity limit_max;
};

G_DEFINE_FINAL_TYPE (CantingIpalTrendDialog, canting_ipal_trend_dialog, ADW_TYPE_WINDOW)

static double
day_of (const char *at)
{
  g_autofree char *date = g_strndup (at, 10);
  g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  return dt != NULL ? (double) g_date_time_to_unix (dt) / 86400.0 : 0;
}

static CantingIpalParameter
parameter (CantingIpalTrendDialog *self)
{
  guint i = adw_combo_row_get_selected (self->parameter_row);
  return i < CANTING_IPAL_PARAMETER_COUNT ? (CantingIpalParameter) i : CANTING_IPAL_PH;
}

static void
draw_values (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  CantingIpalTrendDialog *self = user_data;
  CantingIpalParameter p = self->shown;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  CantingQuantity top = self->limit_max != CANTING_IPAL_NO_VALUE ? self->limit_max : 0;
  g_autofree char *max_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *title = NULL;
  CantingChart chart = { 0 };

  /* Blank until the first reading is in, not "nothing measured". */
  if (self->points == NULL)
    return;
  for (guint i = 0; i < self->points->len; i++)
    {
      const CantingIpalPoint *point = g_ptr_array_index (self->points, i);
      double x = day_of (point->at), y = (double) point->value;

      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
      top = MAX (top, point->value);
    }
  if (self->limit_max != CANTING_IPAL_NO_VALUE)
    top = MAX (top, (CantingQuantity) (self->limit_max * 1.15));
  max_text = canting_ipal_format_value (p, top);
  if (xs->len > 0)
    {
      g_autofree char *first_day = g_strndup (((CantingIpalPoint *) g_ptr_array_index (self->points, 0))->at, 10);
      g_autofree char *last_day = g_strndup (((CantingIpalPoint *) g_ptr_array_index (self->points,
                                                                                  self->points->len - 1))->at, 10);

      first = canting_date_format (first_day);
      last = canting_date_format (last_day);
    }
  title = xs->len > 0 ? g_strdup (canting_ipal_parameter_label (p))
                      : g_strdup_printf (_("%s: nothing measured in this period"), canting_ipal_parameter_label (p));
  chart.title = title;
  chart.x = (const double *) (gpointer) xs->data;
  chart.y = (const double *) (gpointer) ys->data;
  chart.n = xs->len;
  chart.dots = TRUE;
  chart.y_min_text = "0";
  chart.y_max_text = max_text;
  chart.x_first_text = first != NULL ? first : "";
  chart.x_last_text = last != NULL ? last : "";
  chart.has_limit_min = self->limit_min != CANTING_IPAL_NO_VALUE;
  chart.limit_min = (double) self->limit_min;
  chart.has_limit_max = self->limit_max != CANTING_IPAL_NO_VALUE;
  chart.limit_max = (double) self->limit_max;
  canting_chart_draw (GTK_WIDGET (area), cr, width, height, &chart);
}

static void
draw_volumes (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  CantingIpalTrendDialog *self = user_data;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  CantingQuantity top = 0;
  g_autofree char *max_text = NULL;
  CantingChart chart = { 0 };

  if (self->volumes == NULL)
    return;
  for (guint i = 0; i < self->volumes->len; i++)
    {
      const CantingIpalVolume *v = g_ptr_array_index (self->volumes, i);
      g_autofree char *day = g_strconcat (v->month, "-01", NULL);
      double x = day_of (day), y = (double) v->litres;

      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
      top = MAX (top, v->litres);
    }
  {
    /* Whole litres: a meter reads no finer. */
    g_autofree char *litres = canting_quantity_format (top - top % CANTING_QUANTITY_ONE);
    max_text = g_strdup_printf ("%s L", litres);
  }
  chart.title = _("Wastewater discharged each month");
  chart.x = (const double *) (gpointer) xs->data;
  chart.y = (const double *) (gpointer) ys->data;
  chart.n = xs->len;
  chart.dots = TRUE;
  chart.y_min_text = "0";
  chart.y_max_text = max_text;
  chart.x_first_text = self->volumes->len > 0
                       ? ((CantingIpalVolume *) g_ptr_array_index (self->volumes, 0))->month : "";
  chart.x_last_text = self->volumes->len > 0
                      ? ((CantingIpalVolume *) g_ptr_array_index (self->volumes, self->volumes->len - 1))->month : "";
  canting_chart_draw (GTK_WIDGET (area), cr, width, height, &chart);
}

/* What the dialog shows for a parameter and period, read on a worker
 * (canting_db_read_async()): the pieces made each month go through every
 * stage of the period, a tenth of a second or more over two years of a
 * busy workshop. */
typedef struct {
  guint generation;
  gint64 plant_id;
  CantingIpalParameter parameter;
  char *from;
  char *to;
  GPtrArray *points;
  GPtrArray *volumes;
  CantingQuantity limit_min;
  CantingQuantity limit_max;
  guint judged;
  guint compliant;
  CantingIpalStandard *standard;
} Trend;

static void
trend_free (Trend *t)
{
  g_free (t->from);
  g_free (t->to);
  g_clear_pointer (&t->points, g_ptr_array_unref);
  g_clear_pointer (&t->volumes, g_ptr_array_unref);
  g_clear_pointer (&t->standard, canting_ipal_standard_free);
  g_free (t);
}

/* On the worker. */
static gboolean
read_trend (CantingDb  *reader,
            gpointer    data,
            GError    **error)
{
  Trend *t = data;

  if ((t->points = canting_ipal_series (reader, t->plant_id, t->parameter, t->from, t->to, error)) == NULL ||
      (t->volumes = canting_ipal_monthly_volume (reader, t->plant_id, t->from, t->to, error)) == NULL)
    return FALSE;
  /* No limit (a parameter the standard leaves out) and nothing judged
   * are things to show, not failures. */
  if (!canting_ipal_current_limit (reader, t->plant_id, t->parameter, &t->limit_min, &t->limit_max, NULL))
    t->limit_min = t->limit_max = CANTING_IPAL_NO_VALUE;
  if (!canting_ipal_compliance (reader, t->plant_id, t->from, t->to, &t->judged, &t->compliant, NULL))
    t->judged = 0;
  t->standard = canting_ipal_standard_active (reader, NULL);
  return TRUE;
}

static void
show_trend (CantingIpalTrendDialog *self,
            Trend                  *t)
{
  g_autofree char *rate = NULL;
  g_autofree char *description = NULL;

  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);
  self->points = g_steal_pointer (&t->points);
  self->volumes = g_steal_pointer (&t->volumes);
  self->shown = t->parameter;
  self->limit_min = t->limit_min;
  self->limit_max = t->limit_max;

  if (t->judged == 0)
    rate = g_strdup (_("Nothing measured against the standard in this period"));
  else
    rate = g_strdup_printf (_("%u%% (%u of %u measurements)"), (t->compliant * 100 + t->judged / 2) / t->judged,
                            t->compliant, t->judged);
  adw_action_row_set_subtitle (self->compliance_row, rate);

  /* Litres per piece over the months that recorded both. */
  {
    CantingQuantity litres = 0;
    gint64 pieces = 0;
    g_autofree char *per_piece = NULL;

    for (guint i = 0; i < self->volumes->len; i++)
      {
        const CantingIpalVolume *v = g_ptr_array_index (self->volumes, i);
        if (v->pieces > 0)
          {
            litres += v->litres;
            pieces += v->pieces;
          }
      }
    if (pieces > 0)
      {
        g_autofree char *number = canting_quantity_format ((litres / pieces + CANTING_QUANTITY_ONE / 2) /
                                                           CANTING_QUANTITY_ONE * CANTING_QUANTITY_ONE);
        per_piece = g_strdup_printf (_("%s litres a piece"), number);
      }
    else
      per_piece = g_strdup (_("No pieces finished in months with a recorded outflow"));
    adw_action_row_set_subtitle (self->per_piece_row, per_piece);
  }

  /* Per ton of product month by month: the limit is judged a month at a
   * time, as the monthly report does. */
  {
    g_autoptr(GString) lines = g_string_new (NULL);
    gboolean over = FALSE;

    for (guint i = 0; t->standard != NULL && i < self->volumes->len; i++)
      {
        const CantingIpalVolume *v = g_ptr_array_index (self->volumes, i);
        g_autofree char *first = g_strconcat (v->month, "-01T00:00:00Z", NULL);
        g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (first, NULL);
        g_autofree char *month = when != NULL ? g_date_time_format (when, "%B %Y") : g_strdup (v->month);
        g_autofree char *text = NULL;
        CantingQuantity value = 0;
        gboolean within = TRUE;

        /* A month that made nothing has nothing to say per ton. */
        if (v->pieces == 0)
          continue;
        text = canting_ipal_volume_per_ton_text (v, t->standard->max_volume_per_ton,
                                                 t->standard->volume_per_ton_source);
        canting_ipal_volume_per_ton (v, t->standard->max_volume_per_ton, &value, &within);
        over |= !within;
        g_string_append_printf (lines, "%s%s: %s", lines->len > 0 ? "\n" : "", month, text);
      }
    adw_action_row_set_subtitle (self->per_ton_row, lines->len > 0 ? lines->str
                                 : _("No pieces finished in months with a recorded outflow"));
    if (over)
      gtk_widget_add_css_class (GTK_WIDGET (self->per_ton_row), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->per_ton_row), "error");
  }

  description = g_strdup_printf (_("%s over the period, with its limit as a dashed red line"),
                                 canting_ipal_parameter_label (self->shown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->value_chart), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->volume_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Wastewater discharged each month"), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->value_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->volume_chart));
}

static void
trend_read (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CantingIpalTrendDialog *self = CANTING_IPAL_TREND_DIALOG (source);
  Trend *t = canting_db_read_get_data (result);
  g_autoptr(GError) error = NULL;

  /* Another parameter or period was chosen since: its reading follows. */
  if (t->generation != self->generation)
    return;
  if (!canting_db_read_finish (result, &error))
    {
      adw_action_row_set_subtitle (self->compliance_row, error->message);
      return;
    }
  show_trend (self, t);
}

static void
refresh (CantingIpalTrendDialog *self)
{
  guint period = adw_combo_row_get_selected (self->period_row);
  guint months = periods[period < G_N_ELEMENTS (periods) ? period : 1];
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_months (now, -(int) months);
  Trend *t = g_new0 (Trend, 1);

  t->generation = ++self->generation;
  t->plant_id = self->plant_id;
  t->parameter = parameter (self);
  t->to = g_date_time_format (now, "%Y-%m-%d");
  t->from = g_date_time_format (start, "%Y-%m-%d");
  canting_db_read_async (canting_application_get_db (self->app), self, read_trend, t, (GDestroyNotify) trend_free,
                         trend_read, NULL);
}

static void
canting_ipal_trend_dialog_dispose (GObject *object)
{
  CantingIpalTrendDialog *self = CANTING_IPAL_TREND_DIALOG (object);

  /* A reading still on its way finds the dialog gone. */
  self->generation++;
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->volumes, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_IPAL_TREND_DIALOG);
  G_OBJECT_CLASS (canting_ipal_trend_dialog_parent_class)->dispose (object);
}

static void
canting_ipal_trend_dialog_class_init (CantingIpalTrendDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_ipal_trend_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-ipal-trend-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingIpalTrendDialog, parameter_row);
  gtk_widget_class_bind_template_child (widget_class, CantingIpalTrendDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, CantingIpalTrendDialog, compliance_row);
  gtk_widget_class_bind_template_child (widget_class, CantingIpalTrendDialog, per_piece_row);
  gtk_widget_class_bind_template_child (widget_class, CantingIpalTrendDialog, per_ton_row);
  gtk_widget_class_bind_template_child (widget_class, CantingIpalTrendDialog, value_chart);
  gtk_widget_class_bind_template_child (widget_class, CantingIpalTrendDialog, volume_chart);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_ipal_trend_dialog_init (CantingIpalTrendDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) spans = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < CANTING_IPAL_PARAMETER_COUNT; i++)
    gtk_string_list_append (names, canting_ipal_parameter_label (i));
  adw_combo_row_set_model (self->parameter_row, G_LIST_MODEL (names));
  for (gsize i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The last %u month",
                                                             "The last %u months", periods[i]), periods[i]);
      gtk_string_list_append (spans, label);
    }
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (spans));
  gtk_drawing_area_set_draw_func (self->value_chart, draw_values, self, NULL);
  gtk_drawing_area_set_draw_func (self->volume_chart, draw_volumes, self, NULL);
}

CantingIpalTrendDialog *
canting_ipal_trend_dialog_new (CantingApplication *app,
                               GtkWindow          *parent,
                               gint64              plant_id)
{
  CantingIpalTrendDialog *self = g_object_new (CANTING_TYPE_IPAL_TREND_DIALOG,
                                               "application", app,
                                               "transient-for", parent,
                                               NULL);

  self->app = app;
  self->plant_id = plant_id;
  /* pH of the effluent over half a year: what is logged every day. */
  adw_combo_row_set_selected (self->parameter_row, CANTING_IPAL_PH);
  adw_combo_row_set_selected (self->period_row, 1);
  /* Translators: shown in the IPAL trends until the figures are read. */
  adw_action_row_set_subtitle (self->compliance_row, _("Reading…"));
  adw_action_row_set_subtitle (self->per_piece_row, _("Reading…"));
  adw_action_row_set_subtitle (self->per_ton_row, _("Reading…"));
  refresh (self);
  g_signal_connect_swapped (self->parameter_row, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->period_row, "notify::selected", G_CALLBACK (refresh), self);
  return self;
}
