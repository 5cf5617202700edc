/* canting-money-page.c: Keuangan, the ledger of income, expenses and money
 * moved between accounts, with the period's totals and every account's
 * balance above it.
 *
 * Order payments, purchases and wages appear here by themselves; what
 * is typed in here is everything else (electricity, rent, a sale at a
 * fair).  Voiding an entry offers Undo. */
#include "config.h"

#include "canting-form.h"
#include "canting-money-page.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-accounts-dialog.h"
#include "canting-columns.h"
#include "canting-entry-dialog.h"
#include "canting-ledger.h"
#include "canting-list.h"
#include "canting-outcome-dialog.h"
#include "canting-paged-model.h"
#include "canting-receivables-dialog.h"
#include "canting-reports-window.h"
#include "canting-validate.h"
#include "canting-window.h"

struct _CantingMoneyPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown *period_dropdown;
  GtkDropDown *account_dropdown;
  GtkCheckButton *voided_check;
  GtkButton *income_button;
  GtkButton *expense_button;
  GtkButton *transfer_button;
  GtkLabel *income_label;
  GtkLabel *expense_label;
  GtkLabel *profit_caption;
  GtkLabel *profit_label;
  GtkLabel *balances_label;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
  GArray *account_ids;   /* gint64 per account_dropdown item; 0 first: all */
  char *from;            /* the chosen period, or NULL */
  char *to;
  guint summary_generation;
};

G_DEFINE_FINAL_TYPE (CantingMoneyPage, canting_money_page, GTK_TYPE_BOX)

static CantingLedgerFilter
current_filter (CantingMoneyPage *self)
{
  guint account = gtk_drop_down_get_selected (self->account_dropdown);
  CantingLedgerFilter filter = {
    .from = self->from,
    .to = self->to,
    .kind = -1,
    .account_id = account < self->account_ids->len ? g_array_index (self->account_ids, gint64, account) : 0,
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .include_voided = gtk_check_button_get_active (self->voided_check),
  };
  return filter;
}

/* The filter as it was when the list was reloaded, for the worker
 * thread that reads it. */
typedef struct {
  CantingLedgerFilter filter;
  char *from, *to, *text;
} EntriesQuery;

static void
entries_query_free (gpointer data)
{
  EntriesQuery *q = data;

  g_free (q->from);
  g_free (q->to);
  g_free (q->text);
  g_free (q);
}

static gpointer
entries_query (gpointer user_data)
{
  EntriesQuery *q = g_new0 (EntriesQuery, 1);

  q->filter = current_filter (user_data);
  q->filter.from = q->from = g_strdup (q->filter.from);
  q->filter.to = q->to = g_strdup (q->filter.to);
  q->filter.text = q->text = g_strdup (q->filter.text);
  return q;
}

static gint64
count_entries (CantingDb      *db,
               gconstpointer   query,
               GError        **error)
{
  return canting_ledger_count (db, &((const EntriesQuery *) query)->filter, error);
}

static GPtrArray *
page_entries (CantingDb      *db,
              gconstpointer   query,
              guint           offset,
              guint           limit,
              GError        **error)
{
  return canting_ledger_search (db, &((const EntriesQuery *) query)->filter, offset, limit, error);
}

static void
set_money (GtkLabel     *label,
           CantingMoney  amount)
{
  g_autofree char *text = canting_money_format (amount);
  gtk_label_set_text (label, text);
}

/* The period's totals (for the chosen account) and every balance, added
 * up on a worker with a connection of its own: over all time that is a
 * million ledger rows, which must not hold up the window. */
typedef struct {
  CantingLedgerFilter filter;
  char *from, *to;
  guint generation;
  CantingLedgerTotals totals;
  GPtrArray *accounts;
} Summary;

static void
summary_free (Summary *summary)
{
  g_free (summary->from);
  g_free (summary->to);
  g_clear_pointer (&summary->accounts, g_ptr_array_unref);
  g_free (summary);
}

/* On the worker (canting_db_read_async()). */
static gboolean
add_up_in_thread (CantingDb  *reader,
                  gpointer    data,
                  GError    **error)
{
  Summary *summary = data;

  return canting_ledger_totals (reader, &summary->filter, &summary->totals, error) &&
         (summary->accounts = canting_account_list (reader, FALSE, error)) != NULL;
}

static void
added_up (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  CantingMoneyPage *self = CANTING_MONEY_PAGE (source);
  Summary *summary = canting_db_read_get_data (result);
  g_autoptr(GString) balances = g_string_new (_("Balances: "));
  g_autoptr(GError) error = NULL;
  CantingMoney profit;

  if (summary->generation != self->summary_generation || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;   /* the filter changed since (a newer one is on its way), or the window closed */
  if (!canting_db_read_finish (result, &error))
    {
      g_warning ("Adding up the ledger failed: %s", error->message);
      return;
    }
  set_money (self->income_label, summary->totals.income);
  set_money (self->expense_label, summary->totals.expense);
  profit = summary->totals.income - summary->totals.expense;
  gtk_label_set_text (self->profit_caption, profit >= 0 ? _("Profit") : _("Loss"));
  set_money (self->profit_label, profit >= 0 ? profit : -profit);
  gtk_widget_set_css_classes (GTK_WIDGET (self->profit_label), (const char *[]) {
    "title-2", "numeric", profit >= 0 ? "success" : "error", NULL });

  for (guint i = 0; i < summary->accounts->len; i++)
    {
      const CantingAccount *a = summary->accounts->pdata[i];
      g_autofree char *amount = canting_money_format (a->balance);
      g_string_append_printf (balances, "%s%s %s", i > 0 ? " · " : "", a->name, amount);
    }
  gtk_label_set_text (self->balances_label, balances->str);
}

static void
update_summary (CantingMoneyPage *self)
{
  Summary *summary = g_new0 (Summary, 1);

  summary->filter = current_filter (self);
  summary->filter.text = NULL;
  summary->filter.from = summary->from = g_strdup (summary->filter.from);
  summary->filter.to = summary->to = g_strdup (summary->filter.to);
  summary->generation = ++self->summary_generation;
  canting_db_read_async (canting_application_get_db (self->app), self, add_up_in_thread, summary,
                         (GDestroyNotify) summary_free, added_up, NULL);
}

/* Whether anything was ever recorded: an empty month of a ledger that
 * has entries is "nothing in this period", not a first start. */
static gboolean
ledger_has_entries (CantingMoneyPage *self)
{
  return canting_ledger_has_entries (canting_application_get_db (self->app), NULL);
}

static void
reload (CantingMoneyPage *self)
{
  const CantingListTexts texts = {
    _("Nothing Recorded Yet"),
    _("Order payments, material purchases and wages appear here by themselves. "
      "Record other income and expenses, such as electricity or a sale at a fair, with the buttons above."),
    _("Nothing in This Period"),
    _("Choose another period or account, or search for something else."),
  };
  const char *text;

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* A search through a million entries: on a worker, while the window
   * goes on. */
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page,
                                     *text != '\0' || gtk_drop_down_get_selected (self->account_dropdown) > 0 ||
                                     (self->from != NULL && ledger_has_entries (self)),
                                     &texts);
  update_summary (self);
}

static void
read_period (CantingMoneyPage *self)
{
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  canting_period_range (gtk_drop_down_get_selected (self->period_dropdown), NULL, &self->from, &self->to);
}

static void
on_period_changed (CantingMoneyPage *self)
{
  read_period (self);
  reload (self);
}

/* The account filter: all, then each open account. */
static void
fill_accounts (CantingMoneyPage *self)
{
  g_autoptr(GPtrArray) accounts = canting_account_list (canting_application_get_db (self->app), FALSE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 all = 0;
  guint selected = gtk_drop_down_get_selected (self->account_dropdown);
  gint64 was = selected < self->account_ids->len ? g_array_index (self->account_ids, gint64, selected) : 0;

  g_array_set_size (self->account_ids, 0);
  g_array_append_val (self->account_ids, all);
  gtk_string_list_append (names, _("All accounts"));
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const CantingAccount *a = accounts->pdata[i];
      g_array_append_val (self->account_ids, a->id);
      gtk_string_list_append (names, a->name);
    }
  g_signal_handlers_block_by_func (self->account_dropdown, reload, self);
  gtk_drop_down_set_model (self->account_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->account_dropdown, 0);
  for (guint i = 0; i < self->account_ids->len; i++)
    if (g_array_index (self->account_ids, gint64, i) == was)
      gtk_drop_down_set_selected (self->account_dropdown, i);
  g_signal_handlers_unblock_by_func (self->account_dropdown, reload, self);
}

static void
reload_all (CantingMoneyPage *self)
{
  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  /* "This month" moves on at midnight of the last day. */
  read_period (self);
  fill_accounts (self);
  reload (self);
}

/* --- cells --------------------------------------------------------------- */

static char *
cell_date (gconstpointer record)
{
  return canting_date_format (((const CantingEntry *) record)->on_date);
}

static char *
cell_kind (gconstpointer record)
{
  return g_strdup (canting_entry_kind_label (((const CantingEntry *) record)->kind));
}

static char *
cell_category (gconstpointer record)
{
  const CantingEntry *e = record;
  return g_strdup (e->category_name != NULL ? e->category_name : "");
}

/* What it was: the note, and where an automatic entry came from. */
static char *
cell_description (gconstpointer record)
{
  const CantingEntry *e = record;
  g_autoptr(GString) text = g_string_new (NULL);

  if (e->voided)
    g_string_append_printf (text, "%s ", _("(voided)"));
  if (*e->source_text != '\0')
    g_string_append (text, e->source_text);
  if (*e->note != '\0')
    g_string_append_printf (text, "%s%s", *e->source_text != '\0' ? " · " : "", e->note);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
cell_account (gconstpointer record)
{
  const CantingEntry *e = record;

  if (e->kind == CANTING_ENTRY_TRANSFER)
    /* Translators: money moved from one account to another, "Kas → Bank" */
    return g_strdup_printf (_("%s → %s"), e->account_name, e->to_account_name);
  return g_strdup (e->account_name);
}

static char *
cell_amount (gconstpointer record)
{
  const CantingEntry *e = record;
  g_autofree char *amount = canting_money_format (e->amount);

  switch (e->kind)
    {
    case CANTING_ENTRY_INCOME:
      return g_strconcat ("+ ", amount, NULL);
    case CANTING_ENTRY_EXPENSE:
      return g_strconcat ("− ", amount, NULL);
    case CANTING_ENTRY_TRANSFER:
    default:
      return g_steal_pointer (&amount);
    }
}

static const char *
style_amount (gconstpointer record)
{
  const CantingEntry *e = record;

  if (e->voided)
    return "dim-label";
  return e->kind == CANTING_ENTRY_INCOME ? "success" : e->kind == CANTING_ENTRY_EXPENSE ? "error" : NULL;
}

static const char *
style_voided (gconstpointer record)
{
  return ((const CantingEntry *) record)->voided ? "dim-label" : NULL;
}

/* --- dialogs ------------------------------------------------------------- */

static void
show_toast (CantingMoneyPage *self,
            AdwToast         *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (CANTING_IS_WINDOW (root))
    canting_window_add_toast (CANTING_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

typedef struct {
  CantingMoneyPage *page;  /* weak: the page may be gone when Undo comes */
  gint64            id;
} UndoVoid;

static void
undo_void_free (gpointer  data,
                GClosure *closure)
{
  UndoVoid *undo = data;

  g_clear_weak_pointer (&undo->page);
  g_free (undo);
}

static void
on_undo_void (AdwToast *t,
              UndoVoid *undo)
{
  g_autoptr(GError) error = NULL;

  if (undo->page == NULL || undo->page->app == NULL)
    return;
  if (!canting_entry_set_voided (canting_application_get_db (undo->page->app), undo->id, FALSE, &error))
    {
      show_toast (undo->page, adw_toast_new (error->message));
      return;
    }
  reload (undo->page);
}

static void
on_voided (CantingMoneyPage *self,
           gint64            id)
{
  AdwToast *t = adw_toast_new (_("Entry voided"));
  UndoVoid *undo = g_new0 (UndoVoid, 1);

  g_set_weak_pointer (&undo->page, self);
  undo->id = id;
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_undo_void), undo, undo_void_free, 0);
  reload (self);
  show_toast (self, t);
}

static void
open_dialog (CantingMoneyPage   *self,
             CantingEntryKind    kind,
             const CantingEntry *entry)
{
  CantingEntryDialog *dialog;

  dialog = canting_entry_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), kind, entry);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "voided", G_CALLBACK (on_voided), self, G_CONNECT_SWAPPED);
  canting_form_present (GTK_WINDOW (dialog));
}

void
canting_money_page_add (CantingMoneyPage *self,
                        CantingEntryKind  kind)
{
  g_return_if_fail (CANTING_IS_MONEY_PAGE (self));
  open_dialog (self, kind, NULL);
}

static void
on_income (CantingMoneyPage *self)
{
  canting_money_page_add (self, CANTING_ENTRY_INCOME);
}

static void
on_expense (CantingMoneyPage *self)
{
  canting_money_page_add (self, CANTING_ENTRY_EXPENSE);
}

static void
on_transfer (CantingMoneyPage *self)
{
  canting_money_page_add (self, CANTING_ENTRY_TRANSFER);
}

void
canting_money_page_open_entry (CantingMoneyPage   *self,
                               const CantingEntry *entry)
{
  g_return_if_fail (CANTING_IS_MONEY_PAGE (self));
  open_dialog (self, entry->kind, entry);
}

static void
on_activate (GtkColumnView    *view,
             guint             position,
             CantingMoneyPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);

  if (row != NULL)
    canting_money_page_open_entry (self, canting_row_get_record (row));
}

static void
accounts_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CantingMoneyPage *self = CANTING_MONEY_PAGE (widget);
  CantingAccountsDialog *dialog = canting_accounts_dialog_new (self->app,
                                                               GTK_WINDOW (gtk_widget_get_root (widget)));

  g_signal_connect_object (dialog, "changed", G_CALLBACK (reload_all), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
outcome_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CantingMoneyPage *self = CANTING_MONEY_PAGE (widget);

  gtk_window_present (GTK_WINDOW (canting_outcome_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (widget)))));
}

static void
reports_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  canting_money_page_show_reports (CANTING_MONEY_PAGE (widget));
}

void
canting_money_page_show_reports (CantingMoneyPage *self)
{
  g_return_if_fail (CANTING_IS_MONEY_PAGE (self));
  gtk_window_present (GTK_WINDOW (canting_reports_window_new (self->app,
                                                              GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))));
}

static void
receivables_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CantingMoneyPage *self = CANTING_MONEY_PAGE (widget);

  canting_money_page_show_receivables (self);
}

void
canting_money_page_show_receivables (CantingMoneyPage *self)
{
  CantingReceivablesDialog *dialog;

  g_return_if_fail (CANTING_IS_MONEY_PAGE (self));
  dialog = canting_receivables_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "changed", G_CALLBACK (reload_all), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
canting_money_page_set_application (CantingMoneyPage   *self,
                                    CantingApplication *app)
{
  g_return_if_fail (CANTING_IS_MONEY_PAGE (self));

  self->app = app;
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (reload_all), self, G_CONNECT_SWAPPED);
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (reload_all));
  read_period (self);
}

static void
canting_money_page_dispose (GObject *object)
{
  CantingMoneyPage *self = CANTING_MONEY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_MONEY_PAGE);
  g_clear_object (&self->model);
  g_clear_pointer (&self->account_ids, g_array_unref);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  G_OBJECT_CLASS (canting_money_page_parent_class)->dispose (object);
}

static void
canting_money_page_class_init (CantingMoneyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_money_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-money-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingMoneyPage, name)
  BIND (search_entry);
  BIND (period_dropdown);
  BIND (account_dropdown);
  BIND (voided_check);
  BIND (income_button);
  BIND (expense_button);
  BIND (transfer_button);
  BIND (income_label);
  BIND (expense_label);
  BIND (profit_caption);
  BIND (profit_label);
  BIND (balances_label);
  BIND (content_stack);
  BIND (column_view);
  BIND (empty_page);
#undef BIND
  gtk_widget_class_install_action (widget_class, "money.accounts", NULL, accounts_activated);
  gtk_widget_class_install_action (widget_class, "money.receivables", NULL, receivables_activated);
  gtk_widget_class_install_action (widget_class, "money.outcome", NULL, outcome_activated);
  gtk_widget_class_install_action (widget_class, "money.reports", NULL, reports_activated);
}

static void
canting_money_page_init (CantingMoneyPage *self)
{
  const CantingColumnSpec columns[] = {
    { _("Date"), cell_date, style_voided, FALSE, FALSE },
    { _("Kind"), cell_kind, style_voided, FALSE, FALSE },
    { _("Category"), cell_category, style_voided, FALSE, FALSE },
    { _("What"), cell_description, style_voided, FALSE, TRUE },
    { _("Account"), cell_account, style_voided, FALSE, FALSE },
    { _("Amount"), cell_amount, style_amount, TRUE, FALSE },
  };
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->account_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < CANTING_PERIOD_COUNT; i++)
    gtk_string_list_append (periods, canting_period_label (i));
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  canting_accessible_name_drop_down (self->period_dropdown, _("Period"));
  canting_accessible_name_drop_down (self->account_dropdown, _("Account"));

  self->model = canting_paged_model_new_query (entries_query, entries_query_free, count_entries, page_entries,
                                              (GDestroyNotify) canting_entry_free, self);
  canting_list_attach (self->column_view, self->model);
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->voided_check, "toggled", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (on_period_changed), self);
  g_signal_connect_swapped (self->account_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->income_button, "clicked", G_CALLBACK (on_income), self);
  g_signal_connect_swapped (self->expense_button, "clicked", G_CALLBACK (on_expense), self);
  g_signal_connect_swapped (self->transfer_button, "clicked", G_CALLBACK (on_transfer), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
