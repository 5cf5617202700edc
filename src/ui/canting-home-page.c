/* canting-home-page.c: Beranda's cards.  Each says one thing about the
 * workshop in a sentence and leads to the page behind it; the figures
 * come from canting_dashboard_read() and are read again whenever the
 * page is shown after the data changed. */
#include "config.h"

#include "canting-home-page.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "canting-chart.h"
#include "canting-dashboard.h"
#include "canting-list.h"
#include "canting-receivables-dialog.h"
#include "canting-window.h"

struct _CantingHomePage
{
  GtkBox parent_instance;

  GtkButton *money_card;
  GtkLabel *money_title;
  GtkLabel *income_label;
  GtkLabel *expense_label;
  GtkLabel *profit_label;
  GtkLabel *growth_label;
  GtkButton *chart_card;
  GtkDrawingArea *chart;
  GtkButton *orders_card;
  GtkLabel *due_label;
  GtkLabel *overdue_label;
  GtkButton *receivable_card;
  GtkLabel *receivable_label;
  GtkLabel *receivable_late_label;
  GtkButton *stock_card;
  GtkLabel *stock_label;
  GtkButton *ipal_card;
  GtkLabel *ipal_label;
  GtkLabel *lab_label;
  GtkButton *online_card;
  GtkLabel *online_label;
  GtkButton *top_card;
  GtkLabel *top_products_label;
  GtkLabel *top_motifs_label;

  CantingApplication *app;
  CantingDashboard *dashboard;
};

G_DEFINE_FINAL_TYPE (CantingHomePage, canting_home_page, GTK_TYPE_BOX)

/* "Juni 2026" for "2026-06". */
static char *
month_name (const char *month)
{
  int year = 0, number = 0;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (month, "%4d-%2d", &year, &number) != 2)
    return g_strdup (month);
  date = g_date_time_new_local (year, number, 1, 0, 0, 0);
  return date != NULL ? g_date_time_format (date, "%B %Y") : g_strdup (month);
}

static char *
money_line (const char   *what,
            CantingMoney  amount)
{
  g_autofree char *text = canting_money_format (amount);
  /* Translators: "Income: Rp 1.250.000" */
  return g_strdup_printf (_("%s: %s"), what, text);
}

/* "+20 % on last month" or "no income last month to compare". */
static void
append_growth (GString      *text,
               CantingMoney  now,
               CantingMoney  before,
               const char   *before_name)
{
  gint64 percent;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  if (canting_growth_percent (now, before, &percent))
    /* Translators: income growth of this month so far, "+20 % on May 2026" */
    g_string_append_printf (text, _("So far %+d %% on %s"), (int) CLAMP (percent, -G_MAXINT, G_MAXINT), before_name);
  else
    g_string_append_printf (text, _("No income in %s to compare with"), before_name);
}

/* Gives @card, a button, the name of all it says, so a screen reader
 * reads the card whole. */
static void
name_card (GtkButton  *card,
           GtkLabel  **labels,
           guint       n_labels)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    {
      const char *text = gtk_label_get_text (labels[i]);

      if (*text == '\0')
        continue;
      g_string_append_printf (name, "%s%s", name->len > 0 ? ". " : "", text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
}

static void
show_money (CantingHomePage        *self,
            const CantingDashboard *d)
{
  const guint now = CANTING_DASHBOARD_MONTHS - 1;
  const CantingLedgerTotals *t = &d->month_totals[now];
  CantingMoney profit = t->income - t->expense;
  g_autofree char *this_month = month_name (d->months[now]);
  g_autofree char *last_month = month_name (d->months[now - 1]);
  g_autofree char *year_ago = month_name (d->months[0]);
  g_autofree char *income = money_line (_("Income"), t->income);
  g_autofree char *expense = money_line (_("Expenses"), t->expense);
  g_autofree char *result = money_line (profit >= 0 ? _("Profit") : _("Loss"), profit >= 0 ? profit : -profit);
  g_autoptr(GString) growth = g_string_new (NULL);
  GtkLabel *labels[] = { self->money_title, self->income_label, self->expense_label, self->profit_label,
                         self->growth_label };

  gtk_label_set_text (self->money_title, this_month);
  gtk_label_set_text (self->income_label, income);
  gtk_label_set_text (self->expense_label, expense);
  gtk_label_set_text (self->profit_label, result);
  gtk_widget_set_css_classes (GTK_WIDGET (self->profit_label), (const char *[]) {
    "title-3", "numeric", profit >= 0 ? "success" : "error", NULL });
  append_growth (growth, t->income, d->month_totals[now - 1].income, last_month);
  append_growth (growth, t->income, d->month_totals[0].income, year_ago);
  gtk_label_set_text (self->growth_label, growth->str);
  name_card (self->money_card, labels, G_N_ELEMENTS (labels));
}

static void
show_orders (CantingHomePage        *self,
             const CantingDashboard *d)
{
  g_autofree char *due = NULL;
  g_autofree char *late = NULL;
  GtkLabel *labels[] = { self->due_label, self->overdue_label };

  due = d->orders_due_this_week > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d order due this week", "%d orders due this week",
                                        (gulong) d->orders_due_this_week), (int) d->orders_due_this_week)
        : g_strdup (_("Nothing due this week"));
  late = d->orders_overdue > 0
         ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d order late", "%d orders late",
                                         (gulong) d->orders_overdue), (int) d->orders_overdue)
         : g_strdup (_("None late"));
  gtk_label_set_text (self->due_label, due);
  gtk_label_set_text (self->overdue_label, late);
  gtk_widget_set_css_classes (GTK_WIDGET (self->overdue_label), d->orders_overdue > 0
                              ? (const char *[]) { "error", NULL } : (const char *[]) { NULL });
  name_card (self->orders_card, labels, G_N_ELEMENTS (labels));
}

static void
show_receivable (CantingHomePage        *self,
                 const CantingDashboard *d)
{
  g_autofree char *owed = canting_money_format (d->receivable);
  g_autofree char *late_amount = canting_money_format (d->receivable_late);
  g_autofree char *late = d->receivable_late > 0 ? g_strdup_printf (_("%s of it past its due date"), late_amount)
                                                  : g_strdup (_("Nothing past its due date"));
  GtkLabel *labels[] = { self->receivable_label, self->receivable_late_label };

  gtk_label_set_text (self->receivable_label, owed);
  gtk_label_set_text (self->receivable_late_label, late);
  name_card (self->receivable_card, labels, G_N_ELEMENTS (labels));
}

static void
show_stock_and_ipal (CantingHomePage        *self,
                     const CantingDashboard *d)
{
  g_autofree char *stock = NULL;
  g_autofree char *ipal = NULL;
  g_autofree char *lab = NULL;
  GtkLabel *stock_labels[] = { self->stock_label };
  GtkLabel *ipal_labels[] = { self->ipal_label, self->lab_label };

  stock = d->low_stock > 0
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d material is running low", "%d materials are running low",
                                          (gulong) d->low_stock), (int) d->low_stock)
          : g_strdup (_("No material is running low"));
  gtk_label_set_text (self->stock_label, stock);
  gtk_widget_set_css_classes (GTK_WIDGET (self->stock_label), d->low_stock > 0
                              ? (const char *[]) { "warning", NULL } : (const char *[]) { NULL });
  name_card (self->stock_card, stock_labels, G_N_ELEMENTS (stock_labels));

  if (d->ipal_judged == 0)
    ipal = g_strdup (_("Nothing measured this month yet"));
  else
    ipal = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u measurement this month kept within the standard",
                                         "%u of %u measurements this month kept within the standard", d->ipal_judged),
                            d->ipal_compliant, d->ipal_judged);
  gtk_label_set_text (self->ipal_label, ipal);
  gtk_widget_set_css_classes (GTK_WIDGET (self->ipal_label), d->ipal_compliant < d->ipal_judged
                              ? (const char *[]) { "error", NULL } : (const char *[]) { NULL });
  if (d->lab_test_days < 0)
    lab = g_strdup (_("No lab test yet: one is needed every month"));
  else
    lab = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last lab test %d day ago", "Last lab test %d days ago",
                                        (gulong) d->lab_test_days), (int) d->lab_test_days);
  gtk_label_set_text (self->lab_label, lab);
  /* The effluent must be tested at least once a month. */
  gtk_widget_set_css_classes (GTK_WIDGET (self->lab_label), d->lab_test_days < 0 || d->lab_test_days > 30
                              ? (const char *[]) { "warning", NULL } : (const char *[]) { NULL });
  name_card (self->ipal_card, ipal_labels, G_N_ELEMENTS (ipal_labels));
}

static void
show_online (CantingHomePage        *self,
             const CantingDashboard *d)
{
  g_autofree char *text = NULL;
  GtkLabel *labels[] = { self->online_label };

  if (d->products == 0)
    text = g_strdup (_("No products in the catalog yet"));
  else if (d->products_offline == 0)
    text = g_strdup (_("Every product is online"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d products is not online yet",
                                         "%d of %d products are not online yet", (gulong) d->products_offline),
                            (int) d->products_offline, (int) d->products);
  gtk_label_set_text (self->online_label, text);
  name_card (self->online_card, labels, G_N_ELEMENTS (labels));
}

static char *
top_list (const char *title,
          GPtrArray  *items)
{
  g_autoptr(GString) text = g_string_new (title);

  if (items->len == 0)
    {
      g_string_append_printf (text, " %s", _("none sold yet"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  for (guint i = 0; i < items->len && i < 3; i++)
    {
      const CantingTopItem *item = items->pdata[i];
      g_autofree char *amount = canting_money_format (item->amount);
      g_string_append_printf (text, "\n%u. %s (%s)", i + 1, item->name, amount);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_top (CantingHomePage        *self,
          const CantingDashboard *d)
{
  g_autofree char *products = top_list (_("Products:"), d->top_products);
  g_autofree char *motifs = top_list (_("Motifs:"), d->top_motifs);
  GtkLabel *labels[] = { self->top_products_label, self->top_motifs_label };

  gtk_label_set_text (self->top_products_label, products);
  gtk_label_set_text (self->top_motifs_label, motifs);
  name_card (self->top_card, labels, G_N_ELEMENTS (labels));
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  CantingHomePage *self = user_data;
  const CantingDashboard *d = self->dashboard;
  double x[CANTING_DASHBOARD_MONTHS - 1];
  double y[CANTING_DASHBOARD_MONTHS - 1];
  CantingMoney top = 0;
  g_autofree char *top_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  CantingChart chart = { 0 };

  if (d == NULL)
    return;
  /* The last twelve months: the year-ago month is only for comparing. */
  for (guint i = 1; i < CANTING_DASHBOARD_MONTHS; i++)
    {
      x[i - 1] = i;
      y[i - 1] = (double) d->month_totals[i].income;
      top = MAX (top, d->month_totals[i].income);
    }
  top_text = canting_money_format (top);
  first = month_name (d->months[1]);
  last = month_name (d->months[CANTING_DASHBOARD_MONTHS - 1]);
  /* The card's heading names the chart. */
  chart.title = "";
  chart.x = x;
  chart.y = y;
  chart.n = G_N_ELEMENTS (x);
  chart.y_min_text = "Rp 0";
  chart.y_max_text = top_text;
  chart.x_first_text = first;
  chart.x_last_text = last;
  chart.dots = TRUE;
  canting_chart_draw (GTK_WIDGET (area), cr, width, height, &chart);
}

static void
refresh (CantingHomePage *self)
{
  CantingDb *db;
  g_autoptr(GError) error = NULL;
  CantingDashboard *d;

  if (self->app == NULL || (db = canting_application_get_db (self->app)) == NULL)
    return;
  d = canting_dashboard_read (db, NULL, &error);
  if (d == NULL)
    {
      g_warning ("Reading the dashboard failed: %s", error->message);
      return;
    }
  g_clear_pointer (&self->dashboard, canting_dashboard_free);
  self->dashboard = d;
  show_money (self, d);
  show_orders (self, d);
  show_receivable (self, d);
  show_stock_and_ipal (self, d);
  show_online (self, d);
  show_top (self, d);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

void
canting_home_page_refresh (CantingHomePage *self)
{
  g_return_if_fail (CANTING_IS_HOME_PAGE (self));
  refresh (self);
}

static void
open_page (CantingHomePage *self,
           const char      *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (CANTING_IS_WINDOW (root))
    canting_window_show_page (CANTING_WINDOW (root), page);
}

static void
on_card_clicked (GtkButton       *card,
                 CantingHomePage *self)
{
  if (card == self->receivable_card)
    {
      CantingReceivablesDialog *dialog =
        canting_receivables_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
      g_signal_connect_object (dialog, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  open_page (self, g_object_get_data (G_OBJECT (card), "canting-page"));
}

void
canting_home_page_set_application (CantingHomePage    *self,
                                   CantingApplication *app)
{
  g_return_if_fail (CANTING_IS_HOME_PAGE (self));

  self->app = app;
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (refresh));
}

static void
canting_home_page_dispose (GObject *object)
{
  CantingHomePage *self = CANTING_HOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_HOME_PAGE);
  g_clear_pointer (&self->dashboard, canting_dashboard_free);
  G_OBJECT_CLASS (canting_home_page_parent_class)->dispose (object);
}

static void
canting_home_page_class_init (CantingHomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_home_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-home-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingHomePage, name)
  BIND (money_card);
  BIND (money_title);
  BIND (income_label);
  BIND (expense_label);
  BIND (profit_label);
  BIND (growth_label);
  BIND (chart_card);
  BIND (chart);
  BIND (orders_card);
  BIND (due_label);
  BIND (overdue_label);
  BIND (receivable_card);
  BIND (receivable_label);
  BIND (receivable_late_label);
  BIND (stock_card);
  BIND (stock_label);
  BIND (ipal_card);
  BIND (ipal_label);
  BIND (lab_label);
  BIND (online_card);
  BIND (online_label);
  BIND (top_card);
  BIND (top_products_label);
  BIND (top_motifs_label);
#undef BIND
}

static void
canting_home_page_init (CantingHomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* The page each card leads to; what customers owe opens over it. */
    const struct { GtkButton *card; const char *page; } cards[] = {
      { self->money_card, "money" },
      { self->chart_card, "money" },
      { self->orders_card, "orders" },
      { self->receivable_card, NULL },
      { self->stock_card, "materials" },
      { self->ipal_card, "ipal" },
      { self->online_card, "products" },
      { self->top_card, "products" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
      {
        g_object_set_data (G_OBJECT (cards[i].card), "canting-page", (gpointer) cards[i].page);
        g_signal_connect (cards[i].card, "clicked", G_CALLBACK (on_card_clicked), self);
        /* Until the figures are read (when the page is first shown),
         * each card is named for where it leads. */
        gtk_accessible_update_property (GTK_ACCESSIBLE (cards[i].card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_widget_get_tooltip_text (GTK_WIDGET (cards[i].card)), -1);
      }
  }
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Income, Last 12 Months"), -1);
}
