/* canting-entry-dialog.c: one ledger entry: income, an expense or money
 * moved between accounts.
 *
 * An automatic entry (an order payment, a purchase, a wage) opens here
 * too, to say which account or category it belongs to; its date and
 * amount are shown but changed only where it came from. */
#include "config.h"

#include "canting-entry-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-form.h"
#include "canting-validate.h"

#define N_FIELDS (CANTING_LEDGER_FIELD_SOURCE + 1)

struct _CantingEntryDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwPreferencesGroup *source_group;
  AdwActionRow *source_row;
  AdwEntryRow *date_row;
  AdwEntryRow *amount_row;
  GtkLabel *amount_label;
  AdwComboRow *category_row;
  AdwComboRow *account_row;
  AdwComboRow *to_account_row;
  AdwEntryRow *note_row;
  AdwPreferencesGroup *void_group;
  GtkButton *void_button;

  CantingApplication *app;
  CantingEntry *entry;       /* what is edited; id 0 for a new one */
  GArray *category_ids;      /* gint64, in the order of category_row */
  GArray *account_ids;       /* gint64, in the order of both account rows */
};

G_DEFINE_FINAL_TYPE (CantingEntryDialog, canting_entry_dialog, ADW_TYPE_WINDOW)

enum { SAVED, VOIDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (CantingEntryDialog *self,
            const GError       *error)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_LEDGER_FIELD_DATE] = GTK_WIDGET (self->date_row);
  rows[CANTING_LEDGER_FIELD_AMOUNT] = GTK_WIDGET (self->amount_row);
  rows[CANTING_LEDGER_FIELD_CATEGORY] = GTK_WIDGET (self->category_row);
  rows[CANTING_LEDGER_FIELD_ACCOUNT] = GTK_WIDGET (self->account_row);
  rows[CANTING_LEDGER_FIELD_TO_ACCOUNT] = GTK_WIDGET (self->to_account_row);
  rows[CANTING_LEDGER_FIELD_NOTE] = GTK_WIDGET (self->note_row);
  canting_form_show_error (rows, N_FIELDS, CANTING_LEDGER_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
select_id (AdwComboRow *row,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
}

/* Says the amount back as it was understood ("1,5 jt" is Rp 1.500.000),
 * so a slip of a zero shows before it is saved. */
static void
on_amount_changed (CantingEntryDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
  CantingMoney amount = 0;
  g_autofree char *shown = NULL;

  if (*text != '\0' && canting_money_parse (text, &amount, NULL))
    shown = canting_money_format (amount);
  gtk_label_set_text (self->amount_label, shown != NULL ? shown : "");
}

static void
on_save (CantingEntryDialog *self)
{
  g_autoptr(CantingEntry) e = canting_entry_copy (self->entry);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) local = NULL;
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));

  if (e->source == CANTING_ENTRY_SOURCE_NONE)
    {
      g_free (e->on_date);
      e->on_date = canting_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &local);
      if (e->on_date == NULL)
        {
          g_set_error_literal (&error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_DATE, local->message);
          show_error (self, error);
          return;
        }
      if (*amount == '\0')
        e->amount = 0;
      else if (!canting_money_parse (amount, &e->amount, &local))
        {
          g_set_error_literal (&error, CANTING_LEDGER_ERROR, CANTING_LEDGER_FIELD_AMOUNT, local->message);
          show_error (self, error);
          return;
        }
    }
  if (e->kind != CANTING_ENTRY_TRANSFER)
    e->category_id = selected_id (self->category_row, self->category_ids);
  e->account_id = selected_id (self->account_row, self->account_ids);
  e->to_account_id = e->kind == CANTING_ENTRY_TRANSFER ? selected_id (self->to_account_row, self->account_ids) : 0;
  g_free (e->note);
  e->note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row)));

  if (!canting_entry_save (canting_application_get_db (self->app), e, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, e->id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Voids the entry, or brings a voided one back. */
static void
on_void (CantingEntryDialog *self)
{
  gboolean voiding = !self->entry->voided;
  g_autoptr(GError) error = NULL;

  if (!canting_entry_set_voided (canting_application_get_db (self->app), self->entry->id, voiding, &error))
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[voiding ? VOIDED : SAVED], 0, self->entry->id);
  gtk_window_close (GTK_WINDOW (self));
}

/* Fills the account rows with the open accounts (and the entry's own,
 * even if archived since). */
static void
fill_accounts (CantingEntryDialog *self)
{
  g_autoptr(GPtrArray) accounts = canting_account_list (canting_application_get_db (self->app), TRUE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to_names = NULL;

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const CantingAccount *a = accounts->pdata[i];

      if (a->archived && a->id != self->entry->account_id && a->id != self->entry->to_account_id)
        continue;
      g_array_append_val (self->account_ids, a->id);
      gtk_string_list_append (names, a->name);
    }
  to_names = gtk_string_list_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    gtk_string_list_append (to_names, gtk_string_list_get_string (names, i));
  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (names));
  adw_combo_row_set_model (self->to_account_row, G_LIST_MODEL (to_names));
  select_id (self->account_row, self->account_ids, self->entry->account_id);
  if (self->entry->to_account_id != 0)
    select_id (self->to_account_row, self->account_ids, self->entry->to_account_id);
  else if (self->account_ids->len > 1)
    adw_combo_row_set_selected (self->to_account_row, 1);
}

static void
fill_categories (CantingEntryDialog *self)
{
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 preferred = 0;

  if (self->entry->kind == CANTING_ENTRY_TRANSFER)
    return;
  categories = canting_category_list (canting_application_get_db (self->app), self->entry->kind, TRUE, NULL);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      const CantingCategory *c = categories->pdata[i];

      if (c->archived && c->id != self->entry->category_id)
        continue;
      /* What is typed in is most often a sale, or some other cost: a
       * new entry starts there rather than at the first name. */
      if (self->entry->category_id == 0 &&
          g_strcmp0 (c->code, self->entry->kind == CANTING_ENTRY_INCOME ? "sales" : "other_expense") == 0)
        preferred = c->id;
      g_array_append_val (self->category_ids, c->id);
      gtk_string_list_append (names, c->name);
    }
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (names));
  select_id (self->category_row, self->category_ids, self->entry->category_id != 0 ? self->entry->category_id : preferred);
}

static void
canting_entry_dialog_dispose (GObject *object)
{
  CantingEntryDialog *self = CANTING_ENTRY_DIALOG (object);

  g_clear_pointer (&self->entry, canting_entry_free);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->account_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_ENTRY_DIALOG);
  G_OBJECT_CLASS (canting_entry_dialog_parent_class)->dispose (object);
}

static void
canting_entry_dialog_class_init (CantingEntryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_entry_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[VOIDED] = g_signal_new ("voided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-entry-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingEntryDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_group);
  BIND (error_label);
  BIND (source_group);
  BIND (source_row);
  BIND (date_row);
  BIND (amount_row);
  BIND (amount_label);
  BIND (category_row);
  BIND (account_row);
  BIND (to_account_row);
  BIND (note_row);
  BIND (void_group);
  BIND (void_button);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_entry_dialog_init (CantingEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->account_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->void_button, "clicked", G_CALLBACK (on_void), self);
  g_signal_connect_swapped (self->amount_row, "changed", G_CALLBACK (on_amount_changed), self);
  g_signal_connect_swapped (self->date_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->amount_row, "entry-activated", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->note_row, "entry-activated", G_CALLBACK (on_save), self);
}

static const char *
title_for (CantingEntryKind kind,
           gboolean         is_new)
{
  switch (kind)
    {
    case CANTING_ENTRY_INCOME:
      return is_new ? _("New Income") : _("Income");
    case CANTING_ENTRY_EXPENSE:
      return is_new ? _("New Expense") : _("Expense");
    case CANTING_ENTRY_TRANSFER:
    default:
      return is_new ? _("Move Money Between Accounts") : _("Money Moved");
    }
}

CantingEntryDialog *
canting_entry_dialog_new (CantingApplication *app,
                          GtkWindow          *parent,
                          CantingEntryKind    kind,
                          const CantingEntry *entry)
{
  CantingEntryDialog *self = g_object_new (CANTING_TYPE_ENTRY_DIALOG,
                                           "application", app,
                                           "transient-for", parent,
                                           NULL);
  gboolean automatic;
  g_autofree char *date = NULL;

  self->app = app;
  self->entry = entry != NULL ? canting_entry_copy (entry) : canting_entry_new (kind);
  automatic = self->entry->source != CANTING_ENTRY_SOURCE_NONE;
  if (entry == NULL)
    {
      /* Most money passes through the cash box. */
      g_autoptr(GPtrArray) accounts = canting_account_list (canting_application_get_db (app), FALSE, NULL);
      if (accounts != NULL && accounts->len > 0)
        self->entry->account_id = ((CantingAccount *) accounts->pdata[0])->id;
    }

  adw_window_title_set_title (self->window_title, title_for (self->entry->kind, entry == NULL));
  fill_accounts (self);
  fill_categories (self);

  date = canting_date_format (self->entry->on_date);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (self->entry->amount > 0)
    {
      g_autofree char *amount = canting_money_format (self->entry->amount);
      /* Without "Rp ": the row's title already says it. */
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount + strlen ("Rp "));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), self->entry->note);

  gtk_widget_set_visible (GTK_WIDGET (self->category_row), self->entry->kind != CANTING_ENTRY_TRANSFER);
  gtk_widget_set_visible (GTK_WIDGET (self->to_account_row), self->entry->kind == CANTING_ENTRY_TRANSFER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row),
                                 self->entry->kind == CANTING_ENTRY_INCOME ? _("Into account")
                                 : self->entry->kind == CANTING_ENTRY_EXPENSE ? _("Paid from account")
                                 : _("From account"));

  if (automatic)
    {
      g_autofree char *title = g_strdup_printf ("%s: %s", canting_entry_source_label (self->entry->source),
                                                self->entry->source_text);
      gtk_widget_set_visible (GTK_WIDGET (self->source_group), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), title);
      adw_action_row_set_subtitle (self->source_row,
                                   _("Recorded by itself. Its date and amount follow where it came from; "
                                     "here you can say which account and category it belongs to."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->amount_row), FALSE);
    }
  if (self->entry->voided)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->source_group), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), _("This entry was voided"));
      adw_action_row_set_subtitle (self->source_row, _("It counts nowhere. Restore it to change it."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      gtk_button_set_label (self->void_button, _("_Restore Entry"));
      /* A new label brings back GTK 4.8's raw accessible one. */
      canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self->void_button));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->void_button), _("It counts again in the balances and totals"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->void_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->void_button), "suggested-action");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->void_group), self->entry->id != 0 && !automatic);
  return self;
}
