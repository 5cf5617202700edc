/* canting-customers-page.c: the customer list, searched as you type. */
#include "config.h"

#include "canting-form.h"
#include "canting-customers-page.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-customer-dialog.h"
#include "canting-csv-ui.h"
#include "canting-list.h"
#include "canting-paged-model.h"

struct _CantingCustomersPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkCheckButton *archived_check;
  GtkMenuButton *csv_button;
  GtkButton *add_button;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
};

G_DEFINE_FINAL_TYPE (CantingCustomersPage, canting_customers_page, GTK_TYPE_BOX)

/* The search as it was when the list was reloaded, for the worker
 * thread that reads it. */
typedef struct {
  char *text;
  gboolean archived;
} CustomersQuery;

static void
customers_query_free (gpointer data)
{
  CustomersQuery *q = data;

  g_free (q->text);
  g_free (q);
}

static gpointer
customers_query (gpointer user_data)
{
  CantingCustomersPage *self = user_data;
  CustomersQuery *q = g_new0 (CustomersQuery, 1);

  q->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  q->archived = gtk_check_button_get_active (self->archived_check);
  return q;
}

static gint64
count_customers (CantingDb      *db,
                 gconstpointer   query,
                 GError        **error)
{
  const CustomersQuery *q = query;

  return canting_customer_count (db, q->text, q->archived, error);
}

static GPtrArray *
page_customers (CantingDb      *db,
                gconstpointer   query,
                guint           offset,
                guint           limit,
                GError        **error)
{
  const CustomersQuery *q = query;

  return canting_customer_search (db, q->text, q->archived, offset, limit, error);
}

static void
reload (CantingCustomersPage *self)
{
  const CantingListTexts texts = {
    _("No Customers Yet"),
    _("Add the people and shops that order from you. Their orders and what they bought will show here."),
    _("No Matching Customers"),
    _("Try another name, phone number or city."),
  };

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page,
                                     *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0', &texts);
}

static char *
cell_name (gconstpointer record)
{
  const CantingCustomer *c = record;
  return c->archived ? g_strdup_printf (_("%s (archived)"), c->name) : g_strdup (c->name);
}

static char *
cell_city (gconstpointer record)
{
  return g_strdup (((const CantingCustomer *) record)->city);
}

static char *
cell_phone (gconstpointer record)
{
  return g_strdup (((const CantingCustomer *) record)->phone);
}

static void
open_dialog (CantingCustomersPage  *self,
             const CantingCustomer *customer)
{
  CantingCustomerDialog *dialog;

  dialog = canting_customer_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), customer);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_form_present (GTK_WINDOW (dialog));
}

void
canting_customers_page_add (CantingCustomersPage *self)
{
  g_return_if_fail (CANTING_IS_CUSTOMERS_PAGE (self));
  open_dialog (self, NULL);
}

static void
on_activate (GtkColumnView        *view,
             guint                 position,
             CantingCustomersPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);

  if (row != NULL)
    open_dialog (self, canting_row_get_record (row));
}

void
canting_customers_page_set_application (CantingCustomersPage *self,
                                        CantingApplication   *app)
{
  g_return_if_fail (CANTING_IS_CUSTOMERS_PAGE (self));

  self->app = app;
  canting_csv_ui_attach (GTK_WIDGET (self), self->csv_button, app, CANTING_CSV_CUSTOMERS, G_CALLBACK (reload), self);
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (reload));
}

static void
canting_customers_page_dispose (GObject *object)
{
  CantingCustomersPage *self = CANTING_CUSTOMERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (canting_customers_page_parent_class)->dispose (object);
}

static void
canting_customers_page_class_init (CantingCustomersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_customers_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CantingCustomersPage, archived_check);
  gtk_widget_class_bind_template_child (widget_class, CantingCustomersPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CantingCustomersPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, CantingCustomersPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CantingCustomersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CantingCustomersPage, empty_page);
}

static void
canting_customers_page_init (CantingCustomersPage *self)
{
  const CantingColumnSpec columns[] = {
    { _("Name"), cell_name, NULL, FALSE, TRUE },
    { _("City or regency"), cell_city, NULL, FALSE, TRUE },
    { _("Phone or WhatsApp"), cell_phone, NULL, FALSE, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));

  self->model = canting_paged_model_new_query (customers_query, customers_query_free, count_customers, page_customers,
                                              (GDestroyNotify) canting_customer_free, self);
  canting_list_attach (self->column_view, self->model);

  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->archived_check, "toggled", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (canting_customers_page_add), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
