/* canting-customer-dialog.c: the customer form.
 *
 * Checked as a whole on Save (the core decides what is valid); a wrong
 * field is marked and explained, and nothing is written. */
#include "config.h"

#include "canting-customer-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-form.h"
#include "canting-order.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_CUSTOMER_FIELD_NOTES + 1)

struct _CantingCustomerDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwEntryRow *name_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *address_row;
  AdwEntryRow *city_row;
  AdwEntryRow *notes_row;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwPreferencesGroup *history_group;
  AdwActionRow *orders_row;
  AdwActionRow *bought_row;
  AdwExpanderRow *history_row;
  GtkSwitch *archive_switch;

  CantingApplication *app;
  CantingCustomer *customer;
};

G_DEFINE_FINAL_TYPE (CantingCustomerDialog, canting_customer_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget **
field_rows (CantingCustomerDialog *self,
            GtkWidget             *rows[N_FIELDS])
{
  rows[CANTING_CUSTOMER_FIELD_NAME] = GTK_WIDGET (self->name_row);
  rows[CANTING_CUSTOMER_FIELD_PHONE] = GTK_WIDGET (self->phone_row);
  rows[CANTING_CUSTOMER_FIELD_ADDRESS] = GTK_WIDGET (self->address_row);
  rows[CANTING_CUSTOMER_FIELD_CITY] = GTK_WIDGET (self->city_row);
  rows[CANTING_CUSTOMER_FIELD_NOTES] = GTK_WIDGET (self->notes_row);
  return rows;
}

static void
replace_text (char       **field,
              AdwEntryRow *row)
{
  g_free (*field);
  *field = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_save (CantingCustomerDialog *self)
{
  g_autoptr(CantingCustomer) edited = canting_customer_copy (self->customer);
  g_autoptr(GError) error = NULL;
  GtkWidget *rows[N_FIELDS];

  replace_text (&edited->name, self->name_row);
  replace_text (&edited->phone, self->phone_row);
  replace_text (&edited->address, self->address_row);
  replace_text (&edited->city, self->city_row);
  replace_text (&edited->notes, self->notes_row);
  edited->archived = gtk_switch_get_active (self->archive_switch);

  if (!canting_customer_save (canting_application_get_db (self->app), edited, &error))
    {
      canting_form_show_error (field_rows (self, rows), N_FIELDS, CANTING_CUSTOMER_ERROR, error,
                               GTK_WIDGET (self->error_group), self->error_label);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, edited->id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Orders shown in the form: the newest; the Pesanan page searches all. */
#define HISTORY_SHOWN 20

static void
fill_history (CantingCustomerDialog *self)
{
  CantingOrderFilter filter = { .status = -1, .customer_id = self->customer->id };
  g_autoptr(GPtrArray) orders = canting_order_search (canting_application_get_db (self->app), &filter, 0,
                                                      HISTORY_SHOWN, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->history_row), orders != NULL && orders->len > 0);
  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      const CantingOrderRow *o = g_ptr_array_index (orders, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = canting_date_format (o->order_date);
      g_autofree char *total = canting_money_format (o->total);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", date, total, canting_order_status_label (o->status));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), o->number);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (self->history_row, row);
    }
}

static void
load (CantingCustomerDialog *self)
{
  CantingCustomer *c = self->customer;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), c->name);
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), c->phone);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), c->address);
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), c->city);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), c->notes);
  gtk_switch_set_active (self->archive_switch, c->archived);
  adw_window_title_set_title (self->window_title, c->id == 0 ? _("New Customer") : _("Customer"));

  if (c->id != 0)
    {
      gint64 orders = 0;
      CantingMoney bought = 0;

      if (canting_customer_history (canting_application_get_db (self->app), c->id, &orders, &bought, NULL))
        {
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, orders);
          g_autofree char *total = canting_money_format (bought);
          adw_action_row_set_subtitle (self->orders_row, n);
          adw_action_row_set_subtitle (self->bought_row, total);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->history_group), TRUE);
      fill_history (self);
    }
}

static void
canting_customer_dialog_dispose (GObject *object)
{
  CantingCustomerDialog *self = CANTING_CUSTOMER_DIALOG (object);

  g_clear_pointer (&self->customer, canting_customer_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_CUSTOMER_DIALOG);
  G_OBJECT_CLASS (canting_customer_dialog_parent_class)->dispose (object);
}

static void
canting_customer_dialog_class_init (CantingCustomerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_customer_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-customer-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingCustomerDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (name_row);
  BIND (phone_row);
  BIND (address_row);
  BIND (city_row);
  BIND (notes_row);
  BIND (error_group);
  BIND (error_label);
  BIND (history_group);
  BIND (orders_row);
  BIND (bought_row);
  BIND (history_row);
  BIND (archive_switch);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_customer_dialog_init (CantingCustomerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  /* Enter in any field saves, as in GNOME's own forms. */
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->phone_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->city_row, "entry-activated", G_CALLBACK (on_save), self);
}

CantingCustomerDialog *
canting_customer_dialog_new (CantingApplication    *app,
                             GtkWindow             *parent,
                             const CantingCustomer *customer)
{
  CantingCustomerDialog *self = g_object_new (CANTING_TYPE_CUSTOMER_DIALOG,
                                              "application", app,
                                              "transient-for", parent,
                                              NULL);

  self->app = app;
  /* Read afresh, like the product form: the list row may be stale. */
  if (customer != NULL && customer->id != 0)
    self->customer = canting_customer_load (canting_application_get_db (app), customer->id, NULL);
  if (self->customer == NULL)
    self->customer = customer != NULL ? canting_customer_copy (customer) : canting_customer_new ();
  load (self);
  /* A new customer starts with typing the name, not on Cancel. */
  if (self->customer->id == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
