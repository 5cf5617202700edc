/* canting-receivables-dialog.c: what customers owe (piutang), aged, and
 * what the workshop owes: materials bought on credit (which can be marked
 * paid here) and wages (paid on the Workers page).  Customers' payments
 * are recorded on their order. */
#include "config.h"

#include "canting-receivables-dialog.h"

#include <glib/gi18n.h>

#include "canting-ledger.h"
#include "canting-material.h"
#include "canting-order-dialog.h"
#include "canting-validate.h"
#include "canting-window.h"

/* The orders listed here, most overdue first: a workshop of ten years
 * may have thousands that owe (each a row of widgets); the rest are on
 * the Orders page. */
#define ORDERS_SHOWN 100

struct _CantingReceivablesDialog
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *ageing_group;
  AdwPreferencesGroup *orders_group;
  AdwPreferencesGroup *payables_group;
  AdwPreferencesGroup *wages_group;

  CantingApplication *app;
  GPtrArray *rows;   /* every row added, removed when the lists are read again */
  guint generation;  /* of the last reading asked for */
};

G_DEFINE_FINAL_TYPE (CantingReceivablesDialog, canting_receivables_dialog, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A row with an amount at its end, read out with its title. */
static GtkWidget *
money_row (const char   *title,
           const char   *subtitle,
           CantingMoney  amount)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = canting_money_format (amount);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void fill (CantingReceivablesDialog *self);

static void
refill (gpointer user_data)
{
  CantingReceivablesDialog *self = user_data;

  if (self->rows != NULL)
    fill (self);
  g_object_unref (self);
}

static void
add_row (CantingReceivablesDialog *self,
         AdwPreferencesGroup      *group,
         GtkWidget                *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
on_mark_paid (GtkButton                *button,
              CantingReceivablesDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "canting-purchase"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  if (!canting_purchase_mark_paid (canting_application_get_db (self->app), id, today, &error))
    {
      adw_preferences_group_set_description (self->payables_group, error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  /* The row holding the button goes: read the lists again after this. */
  g_idle_add_once (refill, g_object_ref (self));
}

/* The purchases on credit, aged, each with a button to mark it paid. */
static void
fill_payables (CantingReceivablesDialog *self,
               GPtrArray                *owed)
{
  for (guint i = 0; owed != NULL && i < owed->len; i++)
    {
      const CantingPayable *p = owed->pdata[i];
      g_autofree char *title = *p->supplier != '\0' ? g_strdup_printf ("%s · %s", p->material_name, p->supplier)
                                                    : g_strdup (p->material_name);
      g_autofree char *bought = canting_date_format (p->on_date);
      g_autofree char *due = canting_date_format (p->due_date);
      g_autofree char *subtitle = g_strdup_printf (_("Bought %s, to pay by %s · %s"), bought, due,
                                                   canting_age_bucket_label (p->bucket));
      g_autofree char *label = g_strdup_printf (_("Mark “%s” paid today"), title);
      GtkWidget *row = money_row (title, subtitle, p->amount);
      GtkWidget *pay = gtk_button_new_with_label (_("Paid"));

      gtk_widget_set_valign (pay, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (pay, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (pay), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (pay), "canting-purchase", GSIZE_TO_POINTER (p->movement_id));
      g_signal_connect (pay, "clicked", G_CALLBACK (on_mark_paid), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pay);
      add_row (self, self->payables_group, row);
    }
  if (owed == NULL || owed->len == 0)
    add_row (self, self->payables_group, money_row (_("Nothing owed to suppliers"), NULL, 0));
}

static void
on_order_saved (CantingReceivablesDialog *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
  fill (self);
}

static void
on_order_activated (AdwActionRow             *row,
                    CantingReceivablesDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "canting-order"));
  CantingOrderDialog *dialog = canting_order_dialog_new (self->app, GTK_WINDOW (self), id);

  /* A payment taken there changes what is owed here. */
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_order_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the dialog shows, read on a worker (canting_db_read_async()). */
typedef struct {
  guint generation;
  CantingMoney buckets[CANTING_AGE_BUCKET_COUNT];
  GPtrArray *orders;
  guint n_orders;
  GPtrArray *payables;
  GPtrArray *wages;
} Owed;

static void
owed_free (Owed *o)
{
  g_clear_pointer (&o->orders, g_ptr_array_unref);
  g_clear_pointer (&o->payables, g_ptr_array_unref);
  g_clear_pointer (&o->wages, g_ptr_array_unref);
  g_free (o);
}

/* On the worker. */
static gboolean
read_owed (CantingDb  *reader,
           gpointer    data,
           GError    **error)
{
  Owed *o = data;

  return canting_receivables_totals (reader, NULL, o->buckets, error) &&
         (o->orders = canting_receivables_most_overdue (reader, NULL, ORDERS_SHOWN, &o->n_orders, error)) != NULL &&
         (o->payables = canting_payables (reader, NULL, NULL, error)) != NULL &&
         (o->wages = canting_wages_owed (reader, NULL, NULL, error)) != NULL;
}

static void
on_show_all (AdwActionRow             *row,
             CantingReceivablesDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (CANTING_IS_WINDOW (parent))
    canting_window_show_unpaid_orders (CANTING_WINDOW (parent));
  gtk_window_close (GTK_WINDOW (self));
}

static void
clear_rows (CantingReceivablesDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *old = self->rows->pdata[i];
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (old, ADW_TYPE_PREFERENCES_GROUP)),
                                    old);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
show_owed (CantingReceivablesDialog *self,
           Owed                     *o)
{
  clear_rows (self);
  for (guint i = 0; i < CANTING_AGE_BUCKET_COUNT; i++)
    add_row (self, self->ageing_group, money_row (canting_age_bucket_label (i), NULL, o->buckets[i]));

  for (guint i = 0; i < o->orders->len; i++)
    {
      const CantingReceivable *r = o->orders->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s", r->order_number, r->customer_name);
      g_autofree char *due = canting_date_format (r->due_date);
      g_autofree char *subtitle = r->days_overdue > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due %s, %d day late", "Due %s, %d days late",
                                        (gulong) r->days_overdue),
                           due, (int) MIN (r->days_overdue, G_MAXINT))
        : g_strdup_printf (_("Due %s"), due);
      GtkWidget *row = money_row (title, subtitle, r->balance);

      g_object_set_data (G_OBJECT (row), "canting-order", GSIZE_TO_POINTER (r->order_id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (on_order_activated), self);
      add_row (self, self->orders_group, row);
    }
  if (o->n_orders > o->orders->len)
    {
      g_autofree char *more = canting_count_format (o->n_orders - o->orders->len);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more order with a balance",
                                                             "%s more orders with a balance",
                                                             (gulong) (o->n_orders - o->orders->len)),
                                                more);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Show them all on the Orders page"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (on_show_all), self);
      add_row (self, self->orders_group, row);
    }
  if (o->orders->len == 0)
    add_row (self, self->orders_group, money_row (_("No customer owes anything"), NULL, 0));
  fill_payables (self, o->payables);

  for (guint i = 0; i < o->wages->len; i++)
    {
      const CantingWageOwed *w = o->wages->pdata[i];
      g_autofree char *since = canting_date_format (w->oldest);
      g_autofree char *subtitle = g_strdup_printf (_("Unpaid since %s · %s"), since, canting_age_bucket_label (w->bucket));

      add_row (self, self->wages_group, money_row (w->name, subtitle, w->owed));
    }
  if (o->wages->len == 0)
    add_row (self, self->wages_group, money_row (_("No wages owed"), NULL, 0));
}

static void
owed_read (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CantingReceivablesDialog *self = CANTING_RECEIVABLES_DIALOG (source);
  Owed *o = canting_db_read_get_data (result);
  g_autoptr(GError) error = NULL;

  /* Read again since (a payment marked), or the dialog is gone. */
  if (o->generation != self->generation || self->rows == NULL)
    return;
  if (!canting_db_read_finish (result, &error))
    {
      clear_rows (self);
      adw_preferences_group_set_description (self->orders_group, error->message);
      return;
    }
  show_owed (self, o);
}

/* Reads the lists again; what is shown stays until they are in. */
static void
fill (CantingReceivablesDialog *self)
{
  Owed *o = g_new0 (Owed, 1);

  o->generation = ++self->generation;
  canting_db_read_async (canting_application_get_db (self->app), self, read_owed, o, (GDestroyNotify) owed_free,
                         owed_read, NULL);
}

static void
canting_receivables_dialog_dispose (GObject *object)
{
  g_clear_pointer (&CANTING_RECEIVABLES_DIALOG (object)->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), CANTING_TYPE_RECEIVABLES_DIALOG);
  G_OBJECT_CLASS (canting_receivables_dialog_parent_class)->dispose (object);
}

static void
canting_receivables_dialog_class_init (CantingReceivablesDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_receivables_dialog_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/canting/Canting/canting-receivables-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingReceivablesDialog, ageing_group);
  gtk_widget_class_bind_template_child (widget_class, CantingReceivablesDialog, orders_group);
  gtk_widget_class_bind_template_child (widget_class, CantingReceivablesDialog, payables_group);
  gtk_widget_class_bind_template_child (widget_class, CantingReceivablesDialog, wages_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_receivables_dialog_init (CantingReceivablesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

CantingReceivablesDialog *
canting_receivables_dialog_new (CantingApplication *app,
                                GtkWindow          *parent)
{
  CantingReceivablesDialog *self = g_object_new (CANTING_TYPE_RECEIVABLES_DIALOG,
                                                 "application", app,
                                                 "transient-for", parent,
                                                 NULL);

  self->app = app;
  {
    GtkWidget *reading = adw_action_row_new ();

    /* Translators: in Receivables and Payables until the lists are read. */
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reading), _("Reading…"));
    add_row (self, self->ageing_group, reading);
  }
  fill (self);
  return self;
}
