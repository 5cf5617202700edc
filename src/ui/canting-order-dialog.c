/* canting-order-dialog.c: the order form.
 *
 * Items are edited in place; totals follow as you type.  Recording a
 * payment or moving the order on first saves what was typed (a new order
 * gets its number then), so the DP can be taken while the customer is
 * still there.  Every write is one core call, one transaction; a refused
 * one is explained next to its field and changes nothing. */
#include "config.h"

#include "canting-order-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-customer-dialog.h"
#include "canting-error.h"
#include "canting-form.h"
#include "canting-nota.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-production.h"
#include "canting-profile.h"
#include "canting-share.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_ORDER_FIELD_CHANNEL + 1)
/* Products offered in an item's menu: the whole catalog of a workshop. */
#define PRODUCTS_MAX 5000
#define CUSTOMERS_MAX 20000
/* How long one step of building the form may take (build_step()). */
#define BUILD_STEP_US 6000

struct _CantingOrderDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwActionRow *customer_row;
  GtkDropDown *customer_dropdown;
  GtkButton *new_customer_button;
  AdwEntryRow *order_date_row;
  AdwEntryRow *due_date_row;
  AdwActionRow *from_stock_row;
  GtkSwitch *from_stock_switch;
  AdwComboRow *channel_row;
  AdwEntryRow *notes_row;
  AdwPreferencesGroup *items_group;
  GtkButton *add_item_button;
  GtkListBox *items_list;
  /* Built after the first frame (build_step()); NULL until then. */
  AdwPreferencesGroup *amounts_group;
  AdwEntryRow *discount_row;
  AdwEntryRow *shipping_row;
  AdwActionRow *total_row;
  AdwActionRow *balance_row;
  AdwPreferencesGroup *payments_group;
  GtkListBox *payments_list;
  AdwPreferencesGroup *new_payment_group;
  AdwEntryRow *payment_amount_row;
  AdwEntryRow *payment_date_row;
  AdwComboRow *payment_method_row;
  GtkSwitch *down_payment_switch;
  GtkButton *record_payment_button;
  AdwPreferencesGroup *production_group;
  GtkListBox *production_list;
  AdwPreferencesGroup *share_group;
  AdwActionRow *save_pdf_row;
  AdwActionRow *print_row;
  AdwActionRow *whatsapp_row;
  AdwPreferencesGroup *status_group;
  AdwActionRow *status_row;
  GtkBox *status_buttons;

  CantingApplication *app;
  CantingOrder *order;
  GtkFileChooserNative *chooser;
  GArray *customer_ids;   /* gint64, parallel to the drop-down's items */
  gboolean all_customers; /* the menu lists every customer (see load_customers()) */
  GPtrArray *products;    /* CantingProductChoice, parallel to item menus after "custom" */
  GtkStringList *product_names;
  guint rows_built;       /* item rows made so far by build_step() */
  guint rest_built;       /* parts of the rest made so far (build_rest()) */
  gboolean built;         /* every row and group is there */
};

G_DEFINE_FINAL_TYPE (CantingOrderDialog, canting_order_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* One item line's widgets. */
typedef struct {
  GtkDropDown *product;
  GtkEntry *description;
  GtkSpinButton *quantity;
  GtkEntry *price;
  GtkLabel *line_total;
} ItemWidgets;

static CantingDb *
db (CantingOrderDialog *self)
{
  return canting_application_get_db (self->app);
}

static void finish_building (CantingOrderDialog *self);

static void
show_error (CantingOrderDialog *self,
            const GError       *error)
{
  GtkWidget *rows[N_FIELDS] = {
    [CANTING_ORDER_FIELD_CUSTOMER] = GTK_WIDGET (self->customer_row),
    [CANTING_ORDER_FIELD_ORDER_DATE] = GTK_WIDGET (self->order_date_row),
    [CANTING_ORDER_FIELD_DUE_DATE] = GTK_WIDGET (self->due_date_row),
    [CANTING_ORDER_FIELD_ITEMS] = GTK_WIDGET (self->items_list),
    [CANTING_ORDER_FIELD_DISCOUNT] = GTK_WIDGET (self->discount_row),
    [CANTING_ORDER_FIELD_SHIPPING] = GTK_WIDGET (self->shipping_row),
    [CANTING_ORDER_FIELD_NOTES] = GTK_WIDGET (self->notes_row),
    [CANTING_ORDER_FIELD_TOTAL] = GTK_WIDGET (self->total_row),
    [CANTING_ORDER_FIELD_CHANNEL] = GTK_WIDGET (self->channel_row),
  };

  canting_form_show_error (rows, N_FIELDS, CANTING_ORDER_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
  if (error != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->error_label));
}

static gboolean
parse_money_field (const char         *text,
                   CantingOrderField   field,
                   CantingMoney       *out,
                   GError            **error)
{
  g_autoptr(GError) local = NULL;

  if (*text == '\0')
    {
      *out = 0;
      return TRUE;
    }
  if (!canting_money_parse (text, out, &local))
    {
      g_set_error_literal (error, CANTING_ORDER_ERROR, field, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_date_field (AdwEntryRow        *row,
                  gboolean            optional,
                  CantingOrderField   field,
                  char              **out_iso,
                  GError            **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) local = NULL;

  if (optional && *text == '\0')
    {
      *out_iso = NULL;
      return TRUE;
    }
  *out_iso = canting_date_parse (text, &local);
  if (*out_iso == NULL)
    {
      g_set_error_literal (error, CANTING_ORDER_ERROR, field, local->message);
      return FALSE;
    }
  return TRUE;
}

static void
set_money_text (GtkEditable  *editable,
                CantingMoney  amount)
{
  g_autofree char *text = amount != 0 ? canting_money_format (amount) : g_strdup ("Rp ");

  gtk_editable_set_text (editable, text + strlen ("Rp "));
}

/* Reads the form into a copy of the order; FALSE with a field error. */
static CantingOrder *
read_form (CantingOrderDialog  *self,
           GError             **error)
{
  g_autoptr(CantingOrder) order = canting_order_copy (self->order);
  guint customer = gtk_drop_down_get_selected (self->customer_dropdown);
  guint line = 0;

  order->customer_id = customer < self->customer_ids->len ? g_array_index (self->customer_ids, gint64, customer) : 0;
  g_clear_pointer (&order->order_date, g_free);
  g_clear_pointer (&order->due_date, g_free);
  if (!parse_date_field (self->order_date_row, FALSE, CANTING_ORDER_FIELD_ORDER_DATE, &order->order_date, error) ||
      !parse_date_field (self->due_date_row, TRUE, CANTING_ORDER_FIELD_DUE_DATE, &order->due_date, error) ||
      !parse_money_field (gtk_editable_get_text (GTK_EDITABLE (self->discount_row)), CANTING_ORDER_FIELD_DISCOUNT,
                          &order->discount, error) ||
      !parse_money_field (gtk_editable_get_text (GTK_EDITABLE (self->shipping_row)), CANTING_ORDER_FIELD_SHIPPING,
                          &order->shipping, error))
    return NULL;
  order->from_stock = gtk_switch_get_active (self->from_stock_switch);
  order->channel = adw_combo_row_get_selected (self->channel_row);
  g_free (order->notes);
  order->notes = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));

  g_ptr_array_set_size (order->items, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->items_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      ItemWidgets *w = g_object_get_data (G_OBJECT (row), "item");
      guint product = gtk_drop_down_get_selected (w->product);
      CantingMoney price = 0;
      g_autoptr(GError) local = NULL;

      line++;
      if (!parse_money_field (gtk_editable_get_text (GTK_EDITABLE (w->price)), CANTING_ORDER_FIELD_ITEMS, &price, &local))
        {
          g_set_error (error, CANTING_ORDER_ERROR, CANTING_ORDER_FIELD_ITEMS, _("Line %u: %s"), line, local->message);
          return NULL;
        }
      g_ptr_array_add (order->items,
                       canting_order_item_new (product > 0 && product <= self->products->len
                                                 ? ((CantingProductChoice *) g_ptr_array_index (self->products, product - 1))->id
                                                 : 0,
                                               gtk_editable_get_text (GTK_EDITABLE (w->description)),
                                               gtk_spin_button_get_value_as_int (w->quantity), price));
    }
  return g_steal_pointer (&order);
}

static void
update_totals (CantingOrderDialog *self)
{
  g_autoptr(CantingOrder) order = NULL;
  CantingMoney total = 0;
  guint line = 0;

  /* Building ends with the totals (build_step()). */
  if (!self->built)
    return;
  order = read_form (self, NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->items_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row), line++)
    {
      ItemWidgets *w = g_object_get_data (G_OBJECT (row), "item");
      CantingOrderItem *item = order != NULL && line < order->items->len ? g_ptr_array_index (order->items, line) : NULL;
      gint64 sum;

      if (item != NULL && !__builtin_mul_overflow (item->quantity, item->unit_price, &sum))
        {
          g_autofree char *text = canting_money_format (sum);
          gtk_label_set_text (w->line_total, text);
        }
      else
        gtk_label_set_text (w->line_total, "—");
    }

  if (order != NULL && canting_order_compute_total (order, &total, NULL))
    {
      g_autofree char *total_text = canting_money_format (total);
      g_autofree char *balance_text = canting_money_format (total - self->order->paid);
      adw_action_row_set_subtitle (self->total_row, total_text);
      adw_action_row_set_subtitle (self->balance_row, balance_text);
    }
  else
    {
      adw_action_row_set_subtitle (self->total_row, "—");
      adw_action_row_set_subtitle (self->balance_row, "—");
    }
}

static void
on_product_chosen (GtkDropDown        *dropdown,
                   GParamSpec         *pspec,
                   CantingOrderDialog *self)
{
  ItemWidgets *w = g_object_get_data (G_OBJECT (dropdown), "item");
  guint chosen = gtk_drop_down_get_selected (dropdown);
  const CantingProductChoice *product;

  /* Choosing a catalog product fills in its name and price, which the
   * person can still change for this order. */
  if (chosen == 0 || chosen > self->products->len)
    return;
  product = g_ptr_array_index (self->products, chosen - 1);
  gtk_editable_set_text (GTK_EDITABLE (w->description), product->name);
  set_money_text (GTK_EDITABLE (w->price), product->price);
}

static void
name_item_widgets (ItemWidgets *w,
                   guint        line)
{
  g_autofree char *product = g_strdup_printf (_("Product, line %u"), line);
  g_autofree char *description = g_strdup_printf (_("Description, line %u"), line);
  g_autofree char *quantity = g_strdup_printf (_("Quantity, line %u"), line);
  g_autofree char *price = g_strdup_printf (_("Unit price, line %u"), line);

  canting_accessible_name_drop_down (w->product, product);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->description), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->quantity), GTK_ACCESSIBLE_PROPERTY_LABEL, quantity, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->price), GTK_ACCESSIBLE_PROPERTY_LABEL, price, -1);
}

static void
renumber_items (CantingOrderDialog *self)
{
  guint line = 1;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->items_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row), line++)
    {
      GtkWidget *remove = g_object_get_data (G_OBJECT (row), "remove");
      g_autofree char *label = g_strdup_printf (_("Remove line %u"), line);

      name_item_widgets (g_object_get_data (G_OBJECT (row), "item"), line);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (remove, label);
    }
}

static void
on_remove_item (GtkButton          *button,
                CantingOrderDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  gtk_list_box_remove (self->items_list, row);
  renumber_items (self);
  update_totals (self);
}

static void
add_item_row (CantingOrderDialog     *self,
              const CantingOrderItem *item)
{
  ItemWidgets *w = g_new0 (ItemWidgets, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  guint selected = 0;

  w->product = GTK_DROP_DOWN (gtk_drop_down_new (NULL, expression));
  canting_form_defer_menu_rows (w->product);
  canting_form_shorten_chosen (w->product);
  gtk_drop_down_set_model (w->product, G_LIST_MODEL (self->product_names));
  gtk_drop_down_set_enable_search (w->product, TRUE);
  w->description = GTK_ENTRY (gtk_entry_new ());
  w->quantity = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, CANTING_PIECES_MAX, 1));
  w->price = GTK_ENTRY (gtk_entry_new ());
  w->line_total = GTK_LABEL (gtk_label_new ("—"));

  gtk_entry_set_placeholder_text (w->description, _("Description"));
  gtk_entry_set_placeholder_text (w->price, _("Unit price"));
  gtk_entry_set_input_purpose (w->price, GTK_INPUT_PURPOSE_NUMBER);
  gtk_widget_set_hexpand (GTK_WIDGET (w->description), TRUE);
  gtk_label_set_xalign (w->line_total, 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (w->line_total), "numeric");
  gtk_widget_set_hexpand (GTK_WIDGET (w->line_total), TRUE);
  gtk_widget_add_css_class (remove, "flat");

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (w->product), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (w->description), 1, 0, 3, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (w->quantity), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (w->price), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (w->line_total), 2, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), remove, 3, 1, 1, 1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  if (item != NULL)
    {
      for (guint i = 0; i < self->products->len; i++)
        if (((CantingProductChoice *) g_ptr_array_index (self->products, i))->id == item->product_id)
          selected = i + 1;
      /* A product the menu left out (archived, say) is added for this
       * line, so saving never quietly cuts the line loose from it. */
      if (selected == 0 && item->product_id != 0)
        {
          CantingProductChoice *missing = canting_product_choice_load (db (self), item->product_id, NULL);
          if (missing != NULL)
            {
              g_autofree char *label = g_strdup_printf ("%s · %s", missing->sku, missing->name);
              g_ptr_array_add (self->products, missing);
              gtk_string_list_append (self->product_names, label);
              selected = self->products->len;
            }
        }
      gtk_drop_down_set_selected (w->product, selected);
      gtk_editable_set_text (GTK_EDITABLE (w->description), item->description);
      gtk_spin_button_set_value (w->quantity, (double) item->quantity);
      set_money_text (GTK_EDITABLE (w->price), item->unit_price);
    }
  else
    gtk_drop_down_set_selected (w->product, 0);

  g_object_set_data_full (G_OBJECT (row), "item", w, g_free);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  g_object_set_data (G_OBJECT (w->product), "item", w);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect (w->product, "notify::selected", G_CALLBACK (on_product_chosen), self);
  g_signal_connect_swapped (w->product, "notify::selected", G_CALLBACK (update_totals), self);
  g_signal_connect_swapped (w->description, "changed", G_CALLBACK (update_totals), self);
  g_signal_connect_swapped (w->quantity, "value-changed", G_CALLBACK (update_totals), self);
  g_signal_connect_swapped (w->price, "changed", G_CALLBACK (update_totals), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item), self);

  gtk_list_box_append (self->items_list, row);
  renumber_items (self);
}

static void
on_add_item (CantingOrderDialog *self)
{
  finish_building (self);
  add_item_row (self, NULL);
  update_totals (self);
}

/* The customer menu lists only the order's customer until it first
 * opens, then every current customer: reading and listing a workshop's
 * thousands of them was a quarter of the time the form took to open. */
static void
load_customers (CantingOrderDialog *self,
                gint64              select_id)
{
  g_autoptr(GPtrArray) customers = self->all_customers
                                   ? canting_customer_search (db (self), NULL, FALSE, 0, CUSTOMERS_MAX, NULL)
                                   : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;
  gboolean found = FALSE;

  g_array_set_size (self->customer_ids, 0);
  for (guint i = 0; customers != NULL && i < customers->len; i++)
    {
      const CantingCustomer *c = g_ptr_array_index (customers, i);
      gtk_string_list_append (names, c->name);
      g_array_append_val (self->customer_ids, c->id);
      if (c->id == select_id)
        selected = i, found = TRUE;
    }
  /* An archived customer still shows on its old orders (and the
   * order's own shows alone before the menu opens). */
  if (!found && select_id != 0)
    {
      g_autoptr(CantingCustomer) c = canting_customer_load (db (self), select_id, NULL);
      if (c != NULL)
        {
          gtk_string_list_append (names, c->name);
          g_array_append_val (self->customer_ids, c->id);
          selected = self->customer_ids->len - 1;
        }
    }
  gtk_drop_down_set_model (self->customer_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->customer_dropdown, selected);
}

/* Adds every other current customer around the one listed (if any), in
 * the same list: the menu may be opening, and a new model would start it
 * afresh.  An archived customer listed stays last, as load_customers()
 * puts it. */
static void
on_customer_menu_open (CantingOrderDialog *self)
{
  g_autoptr(GPtrArray) customers = NULL;
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->customer_dropdown));
  gint64 listed = self->customer_ids->len > 0 ? g_array_index (self->customer_ids, gint64, 0) : 0;
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  g_autoptr(GArray) before_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) after_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean passed = FALSE;

  if (self->all_customers)
    return;
  self->all_customers = TRUE;
  customers = canting_customer_search (db (self), NULL, FALSE, 0, CUSTOMERS_MAX, NULL);
  for (guint i = 0; customers != NULL && i < customers->len; i++)
    {
      const CantingCustomer *c = g_ptr_array_index (customers, i);

      if (c->id == listed)
        {
          passed = TRUE;
          continue;
        }
      g_ptr_array_add (passed ? after : before, c->name);
      g_array_append_val (passed ? after_ids : before_ids, c->id);
    }
  g_ptr_array_add (before, NULL);
  g_ptr_array_add (after, NULL);
  canting_form_splice_choices (self->customer_dropdown, names, 0, 0, (const char * const *) before->pdata);
  g_array_prepend_vals (self->customer_ids, before_ids->data, before_ids->len);
  if (passed)
    {
      canting_form_splice_choices (self->customer_dropdown, names, before_ids->len + 1, 0,
                                   (const char * const *) after->pdata);
      g_array_insert_vals (self->customer_ids, before_ids->len + 1, after_ids->data, after_ids->len);
    }
}

static void
load_products (CantingOrderDialog *self)
{
  g_autoptr(GPtrArray) products = canting_product_choices (db (self), PRODUCTS_MAX, NULL);

  g_clear_pointer (&self->products, g_ptr_array_unref);
  self->products = products != NULL ? g_steal_pointer (&products)
                                    : g_ptr_array_new_with_free_func ((GDestroyNotify) canting_product_choice_free);
  g_clear_object (&self->product_names);
  self->product_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->product_names, _("Custom piece"));
  for (guint i = 0; i < self->products->len; i++)
    {
      const CantingProductChoice *p = g_ptr_array_index (self->products, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", p->sku, p->name);
      gtk_string_list_append (self->product_names, label);
    }
}

static void
on_customer_saved (CantingOrderDialog *self,
                   gint64              id)
{
  load_customers (self, id);
}

static void
on_new_customer (CantingOrderDialog *self)
{
  CantingCustomerDialog *dialog = canting_customer_dialog_new (self->app, GTK_WINDOW (self), NULL);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_customer_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void refresh (CantingOrderDialog *self);

/* Saves what is typed; after a new order's first save the form shows it
 * with its number.  FALSE (error shown) if refused. */
static gboolean
save_form (CantingOrderDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingOrder) edited = NULL;

  /* Past "in production" the order is fixed; nothing to save. */
  if (self->order->id != 0 && !canting_order_status_is_editable (self->order->status))
    return TRUE;
  finish_building (self);
  edited = read_form (self, &error);
  if (edited == NULL || !canting_order_save (db (self), edited, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  canting_order_free (self->order);
  self->order = g_steal_pointer (&edited);
  g_signal_emit (self, signals[SAVED], 0, self->order->id);
  return TRUE;
}

static void
on_save (CantingOrderDialog *self)
{
  if (save_form (self))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_record_payment (CantingOrderDialog *self)
{
  g_autoptr(CantingPayment) payment = canting_payment_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) local = NULL;

  if (!save_form (self))
    return;
  payment->order_id = self->order->id;
  payment->method = adw_combo_row_get_selected (self->payment_method_row);
  payment->is_down_payment = gtk_switch_get_active (self->down_payment_switch);
  g_free (payment->paid_on);
  payment->paid_on = canting_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->payment_date_row)), &local);
  if (payment->paid_on == NULL)
    g_set_error_literal (&error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_DATE, local->message);
  else if (canting_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->payment_amount_row)),
                                &payment->amount, &local))
    canting_payment_add (db (self), payment, &error);
  else
    g_set_error_literal (&error, CANTING_PAYMENT_ERROR, CANTING_PAYMENT_FIELD_AMOUNT, local->message);

  refresh (self);
  if (error != NULL)
    {
      GtkWidget *rows[] = {
        [CANTING_PAYMENT_FIELD_AMOUNT] = GTK_WIDGET (self->payment_amount_row),
        [CANTING_PAYMENT_FIELD_DATE] = GTK_WIDGET (self->payment_date_row),
        [CANTING_PAYMENT_FIELD_METHOD] = GTK_WIDGET (self->payment_method_row),
        [CANTING_PAYMENT_FIELD_NOTE] = NULL,
      };
      canting_form_show_error (rows, G_N_ELEMENTS (rows), CANTING_PAYMENT_ERROR, error,
                               GTK_WIDGET (self->error_group), self->error_label);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->payment_amount_row), "");
  gtk_switch_set_active (self->down_payment_switch, FALSE);
  g_signal_emit (self, signals[SAVED], 0, self->order->id);
}

static void
on_status_clicked (GtkButton          *button,
                   CantingOrderDialog *self)
{
  CantingOrderStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "status"));
  g_autoptr(GError) error = NULL;

  if (!save_form (self))
    return;
  if (!canting_order_set_status (db (self), self->order->id, status, NULL, &error))
    {
      refresh (self);
      show_error (self, error);
      return;
    }
  refresh (self);
  g_signal_emit (self, signals[SAVED], 0, self->order->id);
}

static void
toast (CantingOrderDialog *self,
       AdwToast           *t)
{
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
on_open_pdf (AdwToast *t,
             gpointer  user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (t), "uri");
  gtk_show_uri (GTK_WINDOW (user_data), uri, GDK_CURRENT_TIME);
}

static void
on_pdf_chosen (GtkNativeDialog    *chooser,
               int                 response,
               CantingOrderDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CantingNota) nota = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  nota = canting_nota_new (db (self), self->order->id, &error);
  if (nota == NULL || !canting_nota_save_pdf (nota, path, &error))
    {
      show_error (self, error);
      return;
    }
  {
    AdwToast *t = adw_toast_new (_("Nota saved"));
    adw_toast_set_button_label (t, _("_Open"));
    g_object_set_data_full (G_OBJECT (t), "uri", g_file_get_uri (file), g_free);
    g_signal_connect_object (t, "button-clicked", G_CALLBACK (on_open_pdf), self, 0);
    toast (self, t);
  }
}

static void
on_save_pdf (CantingOrderDialog *self)
{
  g_autoptr(CantingNota) nota = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!save_form (self) || (nota = canting_nota_new (db (self), self->order->id, &error)) == NULL)
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  name = canting_nota_file_name (nota);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the Nota"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_pdf_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_begin_print (GtkPrintOperation *op,
                GtkPrintContext   *context,
                CantingNota       *nota)
{
  gtk_print_operation_set_n_pages (op, (int) canting_nota_count_pages (nota, gtk_print_context_get_cairo_context (context),
                                                                      gtk_print_context_get_width (context),
                                                                      gtk_print_context_get_height (context)));
}

static void
on_draw_page (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page,
              CantingNota       *nota)
{
  canting_nota_draw_page (nota, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                          (guint) page);
}

static void
on_print (CantingOrderDialog *self)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a5 = gtk_paper_size_new (GTK_PAPER_NAME_A5);
  g_autoptr(GError) error = NULL;
  CantingNota *nota;

  if (!save_form (self) || (nota = canting_nota_new (db (self), self->order->id, &error)) == NULL)
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  op = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (setup, a5);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_job_name (op, self->order->number);
  /* The nota draws its own margins. */
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  g_signal_connect (op, "begin-print", G_CALLBACK (on_begin_print), nota);
  g_signal_connect (op, "draw-page", G_CALLBACK (on_draw_page), nota);
  g_object_set_data_full (G_OBJECT (op), "nota", nota, (GDestroyNotify) canting_nota_free);
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error);
}

static void
on_whatsapp (CantingOrderDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCustomer) customer = NULL;
  g_autoptr(CantingProfile) profile = NULL;
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;

  if (!save_form (self))
    return;
  customer = canting_customer_load (db (self), self->order->customer_id, &error);
  profile = customer != NULL ? canting_profile_load (db (self), &error) : NULL;
  if (profile != NULL)
    {
      text = canting_share_order_text (self->order, canting_profile_get_name (profile));
      url = canting_share_whatsapp_url (customer->phone, text, &error);
    }
  if (url == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

static void
on_stage_done (GtkButton          *button,
               CantingOrderDialog *self)
{
  GtkDropDown *workers = g_object_get_data (G_OBJECT (button), "workers");
  GArray *ids = g_object_get_data (G_OBJECT (workers), "ids");
  guint chosen = gtk_drop_down_get_selected (workers);
  gint64 stage_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "stage");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  if (!canting_stage_complete (db (self), stage_id, chosen < ids->len ? g_array_index (ids, gint64, chosen) : 0,
                               today, &error))
    {
      show_error (self, error);
      return;
    }
  refresh (self);
  g_signal_emit (self, signals[SAVED], 0, self->order->id);
}

static void
on_stage_undo (GtkButton          *button,
               CantingOrderDialog *self)
{
  gint64 stage_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "stage");
  g_autoptr(GError) error = NULL;

  if (!canting_stage_reopen (db (self), stage_id, &error))
    {
      show_error (self, error);
      return;
    }
  refresh (self);
  g_signal_emit (self, signals[SAVED], 0, self->order->id);
}

static GtkWidget *
workers_drop_down (GPtrArray  *workers,
                   const char *stage_title)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *drop_down;
  g_autofree char *label = g_strdup_printf (_("Who did %s"), stage_title);

  for (guint i = 0; i < workers->len; i++)
    {
      const CantingWorker *w = g_ptr_array_index (workers, i);
      gtk_string_list_append (names, w->name);
      g_array_append_val (ids, w->id);
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (drop_down), "ids", ids, (GDestroyNotify) g_array_unref);
  canting_accessible_name_drop_down (GTK_DROP_DOWN (drop_down), label);
  return drop_down;
}

static void
fill_production (CantingOrderDialog *self)
{
  g_autoptr(GPtrArray) stages = self->order->id != 0 ? canting_stage_list (db (self), self->order->id, NULL) : NULL;
  g_autoptr(GPtrArray) workers = canting_worker_list (db (self), FALSE, NULL);
  gboolean in_production = self->order->status == CANTING_ORDER_IN_PRODUCTION;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->production_list))) != NULL)
    gtk_list_box_remove (self->production_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->production_group), stages != NULL && stages->len > 0);
  if (stages == NULL)
    return;

  for (guint i = 0; i < stages->len; i++)
    {
      const CantingStage *s = g_ptr_array_index (stages, i);
      const CantingStage *prev = i > 0 ? g_ptr_array_index (stages, i - 1) : NULL;
      const CantingStage *next = i + 1 < stages->len ? g_ptr_array_index (stages, i + 1) : NULL;
      gboolean same_prev = prev != NULL && prev->order_item_id == s->order_item_id;
      gboolean same_next = next != NULL && next->order_item_id == s->order_item_id;
      g_autofree char *title = s->colour > 0 ? g_strdup_printf (_("%s, colour %u"), s->name, s->colour) : g_strdup (s->name);
      g_autofree char *full_title = g_strdup_printf ("%s — %s", s->item_description, title);
      GtkWidget *row = adw_action_row_new ();
      gint64 *id = g_new (gint64, 1);

      *id = s->id;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full_title);
      if (s->done_on != NULL)
        {
          g_autofree char *date = canting_date_format (s->done_on);
          g_autofree char *wage = canting_money_format (s->wage);
          g_autofree char *subtitle = g_strdup_printf (_("Done %s by %s · wage %s"), date, s->worker_name, wage);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          /* Only the latest done stage of an item can be undone. */
          if (in_production && (!same_next || next->done_on == NULL))
            {
              GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));
              g_autofree char *label = g_strdup_printf (_("Undo %s"), full_title);
              gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
              gtk_accessible_update_property (GTK_ACCESSIBLE (undo), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (undo), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              g_object_set_data_full (G_OBJECT (undo), "stage", id, g_free), id = NULL;
              g_signal_connect (undo, "clicked", G_CALLBACK (on_stage_undo), self);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo);
            }
        }
      else
        {
          g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d piece to do", "%d pieces to do",
                                                                    (gulong) s->pieces), (int) s->pieces);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          /* The next stage of each item: who did it, and done. */
          if (in_production && (!same_prev || prev->done_on != NULL) && workers != NULL && workers->len > 0)
            {
              GtkWidget *who = workers_drop_down (workers, full_title);
              GtkWidget *done = gtk_button_new_with_mnemonic (_("_Done"));
              g_autofree char *label = g_strdup_printf (_("Mark %s done"), full_title);

              gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
              gtk_widget_add_css_class (done, "suggested-action");
              gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
              gtk_accessible_reset_relation (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
              g_object_set_data (G_OBJECT (done), "workers", who);
              g_object_set_data_full (G_OBJECT (done), "stage", id, g_free), id = NULL;
              g_signal_connect (done, "clicked", G_CALLBACK (on_stage_done), self);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), who);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
            }
          else if (in_production && (!same_prev || prev->done_on != NULL))
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Add a worker under Workers to mark stages done."));
        }
      g_free (id);
      gtk_list_box_append (self->production_list, row);
    }
}

/* The buttons that move the order on, in the workshop's words. */
static const char *
action_label (CantingOrderStatus to)
{
  switch (to)
    {
    case CANTING_ORDER_CONFIRMED: return _("_Confirm");
    case CANTING_ORDER_IN_PRODUCTION: return _("Start _Production");
    case CANTING_ORDER_READY: return _("Mark _Ready");
    case CANTING_ORDER_DELIVERED: return _("_Deliver");
    case CANTING_ORDER_CANCELLED: return _("Cancel _Order");
    case CANTING_ORDER_DRAFT:
    default: return NULL;
    }
}

static void
fill_status (CantingOrderDialog *self)
{
  GtkWidget *child;
  gboolean is_new = self->order->id == 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons))) != NULL)
    gtk_box_remove (self->status_buttons, child);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                 canting_order_status_label (self->order->status));
  {
    g_autoptr(GArray) history = is_new ? NULL : canting_order_status_history (db (self), self->order->id, NULL);
    if (history != NULL && history->len > 0)
      {
        CantingStatusChange *last = &g_array_index (history, CantingStatusChange, history->len - 1);
        g_autoptr(GDateTime) local = g_date_time_to_local (last->at);
        g_autofree char *when = g_date_time_format (local, _("%-d %B %Y, %H.%M"));
        g_autofree char *since = g_strdup_printf (_("Since %s"), when);
        adw_action_row_set_subtitle (self->status_row, since);
      }
    else
      adw_action_row_set_subtitle (self->status_row, is_new ? _("Not saved yet") : "");
  }

  for (guint to = 0; to < CANTING_ORDER_STATUS_COUNT; to++)
    {
      GtkWidget *button;

      if (!canting_order_status_allows (self->order->status, to) || action_label (to) == NULL)
        continue;
      /* A form not yet saved is discarded with the header's Cancel; an
       * order must exist before it can be cancelled on the record. */
      if (is_new && to == CANTING_ORDER_CANCELLED)
        continue;
      button = gtk_button_new_with_mnemonic (action_label (to));
      g_object_set_data (G_OBJECT (button), "status", GUINT_TO_POINTER (to));
      if (to == CANTING_ORDER_CANCELLED)
        gtk_widget_add_css_class (button, "destructive-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_status_clicked), self);
      canting_accessible_fix_mnemonic_buttons (button);
      gtk_box_append (self->status_buttons, button);
    }
}

static void
refresh_later (gpointer user_data)
{
  CantingOrderDialog *self = user_data;

  if (self->order != NULL)
    refresh (self);
  g_object_unref (self);
}

typedef struct {
  CantingOrderDialog *dialog;   /* weak: the dialog may be closed before Undo */
  CantingPayment     *payment;
} UndoRemove;

static void
undo_remove_free (gpointer  data,
                  GClosure *closure)
{
  UndoRemove *undo = data;

  g_clear_weak_pointer (&undo->dialog);
  canting_payment_free (undo->payment);
  g_free (undo);
}

static void
on_undo_remove (AdwToast   *t,
                UndoRemove *undo)
{
  g_autoptr(CantingPayment) again = NULL;
  g_autoptr(GError) error = NULL;

  if (undo->dialog == NULL)
    return;
  again = g_memdup2 (undo->payment, sizeof *undo->payment);
  again->id = 0;
  again->paid_on = g_strdup (undo->payment->paid_on);
  again->note = g_strdup (undo->payment->note);
  canting_payment_add (db (undo->dialog), again, &error);
  refresh (undo->dialog);
  /* After the refresh, which clears the form's message. */
  if (error != NULL)
    show_error (undo->dialog, error);
  g_signal_emit (undo->dialog, signals[SAVED], 0, undo->dialog->order->id);
}

/* A payment recorded by mistake goes, with Undo; Keuangan's entry for it
 * is voided with it. */
static void
on_remove_payment (GtkButton          *button,
                   CantingOrderDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "canting-payment"));
  g_autoptr(GError) error = NULL;
  CantingPayment *removed = canting_payment_remove (db (self), id, &error);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  AdwToast *t;
  UndoRemove *undo;

  if (removed == NULL)
    {
      show_error (self, error);
      return;
    }
  amount = canting_money_format (removed->amount);
  text = g_strdup_printf (_("Payment of %s removed"), amount);
  t = adw_toast_new (text);
  undo = g_new0 (UndoRemove, 1);
  g_set_weak_pointer (&undo->dialog, self);
  undo->payment = removed;
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_undo_remove), undo, undo_remove_free, 0);
  toast (self, t);
  g_signal_emit (self, signals[SAVED], 0, self->order->id);
  /* The list holding the button is rebuilt: not under its own click. */
  g_idle_add_once (refresh_later, g_object_ref (self));
}

static void
fill_payments (CantingOrderDialog *self)
{
  g_autoptr(GPtrArray) payments = self->order->id != 0 ? canting_payment_list (db (self), self->order->id, NULL) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->payments_list))) != NULL)
    gtk_list_box_remove (self->payments_list, child);

  if (payments == NULL || payments->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No payments yet"));
      gtk_list_box_append (self->payments_list, row);
      return;
    }
  for (guint i = 0; i < payments->len; i++)
    {
      const CantingPayment *p = g_ptr_array_index (payments, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *amount = canting_money_format (p->amount);
      g_autofree char *date = canting_date_format (p->paid_on);
      g_autofree char *subtitle = p->is_down_payment
        ? g_strdup_printf ("%s · %s · %s", date, canting_payment_method_label (p->method), _("DP"))
        : g_strdup_printf ("%s · %s", date, canting_payment_method_label (p->method));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), amount);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      /* A cancelled order's payments are its history, and Undo could not
       * record one on it again. */
      if (self->order->status != CANTING_ORDER_CANCELLED)
        {
          g_autofree char *remove_label = g_strdup_printf (_("Remove the payment of %s on %s"), amount, date);
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
          g_object_set_data (G_OBJECT (remove), "canting-payment", GSIZE_TO_POINTER (p->id));
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_payment), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      gtk_list_box_append (self->payments_list, row);
    }
}

/* Shows self->order's lines, each a row of its own. */
static void
fill_items (CantingOrderDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))) != NULL)
    gtk_list_box_remove (self->items_list, child);
  for (guint i = 0; i < self->order->items->len; i++)
    add_item_row (self, g_ptr_array_index (self->order->items, i));
  if (self->order->items->len == 0)
    add_item_row (self, NULL);
}

/* Shows self->order in the groups below the items. */
static void
fill_rest (CantingOrderDialog *self)
{
  CantingOrder *o = self->order;
  gboolean editable = o->id == 0 || canting_order_status_is_editable (o->status);

  set_money_text (GTK_EDITABLE (self->discount_row), o->discount);
  set_money_text (GTK_EDITABLE (self->shipping_row), o->shipping);
  gtk_widget_set_sensitive (GTK_WIDGET (self->discount_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->shipping_row), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->new_payment_group), o->status != CANTING_ORDER_CANCELLED);
  gtk_widget_set_visible (GTK_WIDGET (self->share_group), o->id != 0);
  fill_payments (self);
  fill_production (self);
  fill_status (self);
}

/* Shows self->order as stored: fields, items, payments, status.  Before
 * the form is built (build_step()), only what its first frame shows. */
static void
fill_form (CantingOrderDialog *self)
{
  CantingOrder *o = self->order;
  gboolean editable = o->id == 0 || canting_order_status_is_editable (o->status);
  g_autofree char *order_date = canting_date_format (o->order_date);
  g_autofree char *due_date = o->due_date != NULL ? canting_date_format (o->due_date) : g_strdup ("");

  load_customers (self, o->customer_id);
  gtk_editable_set_text (GTK_EDITABLE (self->order_date_row), order_date);
  gtk_editable_set_text (GTK_EDITABLE (self->due_date_row), due_date);
  gtk_switch_set_active (self->from_stock_switch, o->from_stock);
  adw_combo_row_set_selected (self->channel_row, o->channel);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), o->notes);

  /* A ready, delivered or cancelled order is a record, not a draft. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->customer_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->order_date_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->due_date_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_stock_switch), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->channel_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->notes_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->items_group), editable);

  if (o->id == 0)
    adw_window_title_set_title (self->window_title, _("New Order"));
  else
    {
      adw_window_title_set_title (self->window_title, o->number);
      adw_window_title_set_subtitle (self->window_title, o->customer_name);
    }
  if (!self->built)
    return;
  fill_items (self);
  fill_rest (self);
  update_totals (self);
}

static void
refresh (CantingOrderDialog *self)
{
  g_autoptr(GError) error = NULL;
  CantingOrder *stored;

  if (self->order->id == 0)
    return;
  stored = canting_order_load (db (self), self->order->id, &error);
  if (stored == NULL)
    {
      show_error (self, error);
      return;
    }
  canting_order_free (self->order);
  self->order = stored;
  show_error (self, NULL);
  fill_form (self);
}

/* The groups from the amounts down, from their own file, in two parts
 * (a frame each: all six at once held up a frame).  Returns TRUE once
 * both are in. */
#define REST_UI "/io/github/canting/Canting/canting-order-dialog-rest.ui"

static gboolean
build_rest (CantingOrderDialog *self)
{
  static const char *const amounts_and_payments[] = { "amounts_group", "payments_group", "new_payment_group", NULL };
  static const char *const production_on[] = { "production_group", "share_group", "status_group", NULL };
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

#define GET(name) self->name = (gpointer) gtk_builder_get_object (builder, #name)
  if (self->rest_built == 0)
    {
      g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

      /* Our own resource: it cannot fail but by a build mistake. */
      if (!gtk_builder_add_objects_from_resource (builder, REST_UI, (const char **) amounts_and_payments, &error))
        g_error ("%s", error->message);
      GET (amounts_group);
      GET (discount_row);
      GET (shipping_row);
      GET (total_row);
      GET (balance_row);
      GET (payments_group);
      GET (payments_list);
      GET (new_payment_group);
      GET (payment_amount_row);
      GET (payment_date_row);
      GET (payment_method_row);
      GET (down_payment_switch);
      GET (record_payment_button);
      adw_preferences_page_add (self->page, self->amounts_group);
      adw_preferences_page_add (self->page, self->payments_group);
      adw_preferences_page_add (self->page, self->new_payment_group);
      canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self->new_payment_group));
      for (guint i = 0; i < CANTING_PAYMENT_METHOD_COUNT; i++)
        gtk_string_list_append (methods, canting_payment_method_label (i));
      adw_combo_row_set_model (self->payment_method_row, G_LIST_MODEL (methods));
      gtk_editable_set_text (GTK_EDITABLE (self->payment_date_row), today);
      g_signal_connect_swapped (self->discount_row, "changed", G_CALLBACK (update_totals), self);
      g_signal_connect_swapped (self->shipping_row, "changed", G_CALLBACK (update_totals), self);
      g_signal_connect_swapped (self->record_payment_button, "clicked", G_CALLBACK (on_record_payment), self);
      self->rest_built = 1;
      return FALSE;
    }
  if (!gtk_builder_add_objects_from_resource (builder, REST_UI, (const char **) production_on, &error))
    g_error ("%s", error->message);
  GET (production_group);
  GET (production_list);
  GET (share_group);
  GET (save_pdf_row);
  GET (print_row);
  GET (whatsapp_row);
  GET (status_group);
  GET (status_row);
  GET (status_buttons);
#undef GET
  adw_preferences_page_add (self->page, self->production_group);
  adw_preferences_page_add (self->page, self->share_group);
  adw_preferences_page_add (self->page, self->status_group);
  g_signal_connect_swapped (self->save_pdf_row, "activated", G_CALLBACK (on_save_pdf), self);
  g_signal_connect_swapped (self->print_row, "activated", G_CALLBACK (on_print), self);
  g_signal_connect_swapped (self->whatsapp_row, "activated", G_CALLBACK (on_whatsapp), self);
  self->rest_built = 2;
  return TRUE;
}

/* The form's first frame shows the customer and dates (opened with
 * canting_form_present(), only its header: the page follows a frame
 * later).  The rest comes a step after each frame
 * (canting_form_step_after_frames()), each step measured and drawn in
 * the frame after it: the order's other fields, then the item rows (and
 * the product menus' list), then the groups from the amounts down.  The
 * order's fields with their wrapping explanations took 15 ms to measure
 * on a slow machine, and building and laying out the whole form at once
 * held the main loop for 30 ms.  TRUE once all is built. */
static gboolean
build_step (CantingOrderDialog *self)
{
  guint n_rows = MAX (self->order->items->len, 1);
  gint64 until = g_get_monotonic_time () + BUILD_STEP_US;

  if (self->built)
    return TRUE;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->notes_row)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->channel_row), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->from_stock_row), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->notes_row), TRUE);
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->items_group), TRUE);
  if (self->rows_built < n_rows)
    {
      /* The product menus' list a step of its own: a row is a step. */
      if (self->product_names == NULL)
        {
          load_products (self);
          return FALSE;
        }
      do
        add_item_row (self, self->rows_built < self->order->items->len
                              ? g_ptr_array_index (self->order->items, self->rows_built)
                              : NULL);
      while (++self->rows_built < n_rows && g_get_monotonic_time () < until);
      return FALSE;
    }
  if (!build_rest (self))
    return FALSE;
  self->built = TRUE;
  fill_rest (self);
  update_totals (self);
  return TRUE;
}

/* Builds now whatever is not built yet: the form is about to be read. */
static void
finish_building (CantingOrderDialog *self)
{
  while (!build_step (self))
    ;
}

static gboolean
build_later (gpointer user_data)
{
  return build_step (user_data) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
canting_order_dialog_dispose (GObject *object)
{
  CantingOrderDialog *self = CANTING_ORDER_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_ORDER_DIALOG);
  g_clear_pointer (&self->order, canting_order_free);
  g_clear_pointer (&self->customer_ids, g_array_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_object (&self->product_names);
  G_OBJECT_CLASS (canting_order_dialog_parent_class)->dispose (object);
}

static void
canting_order_dialog_class_init (CantingOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_order_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-order-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingOrderDialog, name)
  BIND (toast_overlay);
  BIND (window_title);
  BIND (save_button);
  BIND (page);
  BIND (error_group);
  BIND (error_label);
  BIND (customer_row);
  BIND (customer_dropdown);
  BIND (new_customer_button);
  BIND (order_date_row);
  BIND (due_date_row);
  BIND (from_stock_row);
  BIND (from_stock_switch);
  BIND (channel_row);
  BIND (notes_row);
  BIND (items_group);
  BIND (add_item_button);
  BIND (items_list);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_order_dialog_init (CantingOrderDialog *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Shown step by step after the first frame (build_step()). */
  gtk_widget_set_visible (GTK_WIDGET (self->channel_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->from_stock_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->items_group), FALSE);
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->customer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->products = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_product_choice_free);

  for (guint i = 0; i < CANTING_SALES_CHANNEL_COUNT; i++)
    gtk_string_list_append (channels, canting_sales_channel_label (i));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  {
    /* set_expression takes its own reference. */
    GtkExpression *name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->customer_dropdown, name);
    gtk_expression_unref (name);
  }
  canting_accessible_name_drop_down (self->customer_dropdown, _("Customer"));
  /* Translators: the customer menu of a new order, until one is chosen. */
  canting_form_set_none_text (self->customer_dropdown, _("Choose…"));
  self->all_customers = !canting_form_on_menu_open (self->customer_dropdown, G_CALLBACK (on_customer_menu_open), self);

  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->add_item_button, "clicked", G_CALLBACK (on_add_item), self);
  g_signal_connect_swapped (self->new_customer_button, "clicked", G_CALLBACK (on_new_customer), self);
  canting_form_step_after_frames (GTK_WINDOW (self), build_later, self, NULL);
}

CantingOrderDialog *
canting_order_dialog_new (CantingApplication *app,
                          GtkWindow          *parent,
                          gint64              order_id)
{
  CantingOrderDialog *self = g_object_new (CANTING_TYPE_ORDER_DIALOG,
                                           "application", app,
                                           "transient-for", parent,
                                           NULL);
  g_autoptr(GError) error = NULL;

  self->app = app;
  self->order = order_id != 0 ? canting_order_load (canting_application_get_db (app), order_id, &error) : NULL;
  if (self->order == NULL)
    self->order = canting_order_new ();
  fill_form (self);
  if (error != NULL)
    show_error (self, error);
  /* A new order starts with choosing its customer, not on Cancel. */
  else if (self->order->id == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->customer_dropdown));
  return self;
}
