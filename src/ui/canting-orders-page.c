/* canting-orders-page.c: the order list: newest first, overdue ones in
 * red, filtered by status or by what needs attention. */
#include "config.h"

#include "canting-form.h"
#include "canting-orders-page.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-csv-ui.h"
#include "canting-list.h"
#include "canting-order-dialog.h"
#include "canting-order.h"
#include "canting-validate.h"

/* The filter menu: everything, each status, then the three views a
 * workshop checks every morning. */
enum {
  FILTER_ALL,
  FILTER_FIRST_STATUS,
  FILTER_DUE_THIS_WEEK = FILTER_FIRST_STATUS + CANTING_ORDER_STATUS_COUNT,
  FILTER_OVERDUE,
  FILTER_UNPAID,
};

struct _CantingOrdersPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown *filter_dropdown;
  GtkMenuButton *csv_button;
  GtkButton *add_button;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
};

G_DEFINE_FINAL_TYPE (CantingOrdersPage, canting_orders_page, GTK_TYPE_BOX)

static CantingOrderFilter
current_filter (CantingOrdersPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->filter_dropdown);
  CantingOrderFilter filter = {
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .status = chosen >= FILTER_FIRST_STATUS && chosen < FILTER_DUE_THIS_WEEK ? (int) (chosen - FILTER_FIRST_STATUS) : -1,
    .due_this_week = chosen == FILTER_DUE_THIS_WEEK,
    .overdue = chosen == FILTER_OVERDUE,
    .unpaid = chosen == FILTER_UNPAID,
  };
  return filter;
}

/* The filter as it was when the list was reloaded, for the worker
 * thread that reads it. */
typedef struct {
  CantingOrderFilter filter;
  char *text;
} OrdersQuery;

static void
orders_query_free (gpointer data)
{
  OrdersQuery *q = data;

  g_free (q->text);
  g_free (q);
}

static gpointer
orders_query (gpointer user_data)
{
  OrdersQuery *q = g_new0 (OrdersQuery, 1);

  q->filter = current_filter (user_data);
  q->text = g_strdup (q->filter.text);
  q->filter.text = q->text;
  return q;
}

static gint64
count_orders (CantingDb      *db,
              gconstpointer   query,
              GError        **error)
{
  return canting_order_count (db, &((const OrdersQuery *) query)->filter, error);
}

static GPtrArray *
page_orders (CantingDb      *db,
             gconstpointer   query,
             guint           offset,
             guint           limit,
             GError        **error)
{
  return canting_order_search (db, &((const OrdersQuery *) query)->filter, offset, limit, error);
}

static void
reload (CantingOrdersPage *self)
{
  const CantingListTexts texts = {
    _("No Orders Yet"),
    _("Record each order with its items, the DP and the due date, then follow it through the workshop until it is delivered and paid."),
    _("No Matching Orders"),
    _("Try another number, customer or motif, or show all orders."),
  };
  guint chosen;

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  chosen = gtk_drop_down_get_selected (self->filter_dropdown);
  /* A search through ten years of orders reads every one of them: on a
   * worker, while the window goes on. */
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page,
                                     *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
                                     (chosen != FILTER_ALL && chosen != GTK_INVALID_LIST_POSITION), &texts);
}

static char *
cell_number (gconstpointer record)
{
  return g_strdup (((const CantingOrderRow *) record)->number);
}

static char *
cell_customer (gconstpointer record)
{
  return g_strdup (((const CantingOrderRow *) record)->customer_name);
}

static char *
cell_order_date (gconstpointer record)
{
  return canting_date_format (((const CantingOrderRow *) record)->order_date);
}

static char *
cell_due_date (gconstpointer record)
{
  const CantingOrderRow *row = record;
  g_autofree char *date = NULL;

  if (row->due_date == NULL)
    return NULL;
  date = canting_date_format (row->due_date);
  /* Said in words too, not by colour alone. */
  return row->overdue ? g_strdup_printf (_("%s (overdue)"), date) : g_steal_pointer (&date);
}

static const char *
style_due_date (gconstpointer record)
{
  return ((const CantingOrderRow *) record)->overdue ? "error" : NULL;
}

static char *
cell_status (gconstpointer record)
{
  return g_strdup (canting_order_status_label (((const CantingOrderRow *) record)->status));
}

static char *
cell_total (gconstpointer record)
{
  return canting_money_format (((const CantingOrderRow *) record)->total);
}

static char *
cell_balance (gconstpointer record)
{
  const CantingOrderRow *row = record;

  if (row->status == CANTING_ORDER_CANCELLED)
    return NULL;
  return row->total > row->paid ? canting_money_format (row->total - row->paid) : g_strdup (_("Paid"));
}

static void
open_dialog (CantingOrdersPage *self,
             gint64             id)
{
  CantingOrderDialog *dialog;

  dialog = canting_order_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_form_present (GTK_WINDOW (dialog));
}

void
canting_orders_page_add (CantingOrdersPage *self)
{
  g_return_if_fail (CANTING_IS_ORDERS_PAGE (self));
  open_dialog (self, 0);
}

static void
on_activate (GtkColumnView     *view,
             guint              position,
             CantingOrdersPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);

  if (row != NULL)
    open_dialog (self, ((CantingOrderRow *) canting_row_get_record (row))->id);
}

void
canting_orders_page_show_unpaid (CantingOrdersPage *self)
{
  g_return_if_fail (CANTING_IS_ORDERS_PAGE (self));
  gtk_drop_down_set_selected (self->filter_dropdown, FILTER_UNPAID);
}

void
canting_orders_page_set_application (CantingOrdersPage  *self,
                                     CantingApplication *app)
{
  g_return_if_fail (CANTING_IS_ORDERS_PAGE (self));

  self->app = app;
  canting_csv_ui_attach (GTK_WIDGET (self), self->csv_button, app, CANTING_CSV_ORDERS, G_CALLBACK (reload), self);
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  /* Payments and status changes made elsewhere show when it is back. */
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (reload));
}

static void
canting_orders_page_dispose (GObject *object)
{
  CantingOrdersPage *self = CANTING_ORDERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_ORDERS_PAGE);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (canting_orders_page_parent_class)->dispose (object);
}

static void
canting_orders_page_class_init (CantingOrdersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_orders_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CantingOrdersPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CantingOrdersPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CantingOrdersPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, CantingOrdersPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CantingOrdersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CantingOrdersPage, empty_page);
}

static void
canting_orders_page_init (CantingOrdersPage *self)
{
  g_autoptr(GtkStringList) filters = gtk_string_list_new (NULL);
  const CantingColumnSpec columns[] = {
    { _("Number"), cell_number, NULL, FALSE, FALSE },
    { _("Customer"), cell_customer, NULL, FALSE, TRUE },
    { _("Ordered"), cell_order_date, NULL, FALSE, FALSE, 12 },
    { _("Due"), cell_due_date, style_due_date, FALSE, FALSE, 24 },
    { _("Status"), cell_status, NULL, FALSE, FALSE },
    { _("Total"), cell_total, NULL, TRUE, FALSE },
    { _("Balance due"), cell_balance, NULL, TRUE, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));

  gtk_string_list_append (filters, _("All orders"));
  for (guint i = 0; i < CANTING_ORDER_STATUS_COUNT; i++)
    gtk_string_list_append (filters, canting_order_status_label (i));
  gtk_string_list_append (filters, _("Due this week"));
  gtk_string_list_append (filters, _("Overdue"));
  gtk_string_list_append (filters, _("Not fully paid"));
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (filters));
  canting_accessible_name_drop_down (self->filter_dropdown, _("Show"));

  self->model = canting_paged_model_new_query (orders_query, orders_query_free, count_orders, page_orders,
                                              (GDestroyNotify) canting_order_row_free, self);
  canting_list_attach (self->column_view, self->model);
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (canting_orders_page_add), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
