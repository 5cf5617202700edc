/* canting-accounts-dialog.c: the workshop's accounts (cash box, bank,
 * e-wallet) and its categories of income and expense.
 *
 * Each change is saved as it is made (Enter or the row's apply button,
 * a switch, a choice): there is nothing to lose by closing the window.
 * Nothing is deleted, only archived: entries name them. */
#include "config.h"

#include "canting-accounts-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-ledger.h"

struct _CantingAccountsDialog
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwPreferencesGroup *accounts_group;
  AdwPreferencesGroup *income_group;
  AdwPreferencesGroup *expense_group;

  CantingApplication *app;
  GPtrArray *rows;        /* the rows made for the records, removed on refresh */
  guint refresh_id;
};

G_DEFINE_FINAL_TYPE (CantingAccountsDialog, canting_accounts_dialog, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void refresh (CantingAccountsDialog *self);

static gboolean
refresh_later (gpointer user_data)
{
  CantingAccountsDialog *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static CantingDb *
db_of (CantingAccountsDialog *self)
{
  return canting_application_get_db (self->app);
}

/* After a save: the error (or none) shown, the lists read again. */
static void
saved (CantingAccountsDialog *self,
       gboolean               ok,
       const GError          *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), !ok);
  gtk_label_set_text (self->error_label, ok ? "" : error->message);
  if (ok)
    g_signal_emit (self, signals[CHANGED], 0);
  /* Rebuilding the rows under the running handler would free it: later. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_later, self);
}

static void
add_row (CantingAccountsDialog *self,
         AdwPreferencesGroup   *group,
         GtkWidget             *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

/* --- accounts ------------------------------------------------------------ */

static CantingAccount *
account_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "canting-account");
}

static void
save_account (CantingAccountsDialog *self,
              CantingAccount        *account)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = canting_account_save (db_of (self), account, &error);

  saved (self, ok, error);
}

static void
on_account_name (AdwEntryRow           *row,
                 CantingAccountsDialog *self)
{
  g_autoptr(CantingAccount) a = canting_account_copy (account_of (GTK_WIDGET (row)));

  g_free (a->name);
  a->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  save_account (self, a);
}

static void
on_account_kind (AdwComboRow           *row,
                 GParamSpec            *pspec,
                 CantingAccountsDialog *self)
{
  g_autoptr(CantingAccount) a = canting_account_copy (account_of (GTK_WIDGET (row)));

  if (adw_combo_row_get_selected (row) == a->kind)
    return;
  a->kind = adw_combo_row_get_selected (row);
  save_account (self, a);
}

static void
on_account_opening (AdwEntryRow           *row,
                    CantingAccountsDialog *self)
{
  g_autoptr(CantingAccount) a = canting_account_copy (account_of (GTK_WIDGET (row)));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  a->opening_balance = 0;
  if (*text != '\0' && !canting_money_parse (text, &a->opening_balance, &error))
    {
      saved (self, FALSE, error);
      return;
    }
  save_account (self, a);
}

static void
on_account_archived (GtkSwitch             *toggle,
                     GParamSpec            *pspec,
                     CantingAccountsDialog *self)
{
  g_autoptr(CantingAccount) a = canting_account_copy (account_of (GTK_WIDGET (toggle)));

  if (gtk_switch_get_active (toggle) == a->archived)
    return;
  a->archived = gtk_switch_get_active (toggle);
  save_account (self, a);
}

static GtkWidget *
account_row (CantingAccountsDialog *self,
             const CantingAccount  *account)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  CantingAccount *copy = canting_account_copy (account);
  g_autofree char *balance = canting_money_format (account->balance);
  g_autofree char *subtitle = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *kind = adw_combo_row_new ();
  GtkWidget *opening = adw_entry_row_new ();
  GtkWidget *archived_row = adw_action_row_new ();
  GtkWidget *archived = gtk_switch_new ();

  subtitle = account->archived
             ? g_strdup_printf (_("%s · balance %s · archived"), canting_account_kind_label (account->kind), balance)
             : g_strdup_printf (_("%s · balance %s"), canting_account_kind_label (account->kind), balance);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), account->name);
  adw_expander_row_set_subtitle (row, subtitle);
  g_object_set_data_full (G_OBJECT (row), "canting-account", copy, (GDestroyNotify) canting_account_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), account->name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind"));
  for (guint i = 0; i < CANTING_ACCOUNT_KIND_COUNT; i++)
    gtk_string_list_append (kinds, canting_account_kind_label (i));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), account->kind);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (opening), _("Balance when you started recording (Rp)"));
  if (account->opening_balance > 0)
    {
      g_autofree char *text = canting_money_format (account->opening_balance);
      gtk_editable_set_text (GTK_EDITABLE (opening), text + strlen ("Rp "));
    }
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (opening), TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (archived_row), _("Archived"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (archived_row), _("Takes no new entries; its past ones stay."));
  gtk_widget_set_valign (archived, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (archived), account->archived);
  adw_action_row_add_suffix (ADW_ACTION_ROW (archived_row), archived);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (archived_row), archived);
  gtk_accessible_update_property (GTK_ACCESSIBLE (archived), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Archived"), -1);

  /* Each control carries the account it changes. */
  g_object_set_data (G_OBJECT (name), "canting-account", copy);
  g_object_set_data (G_OBJECT (kind), "canting-account", copy);
  g_object_set_data (G_OBJECT (opening), "canting-account", copy);
  g_object_set_data (G_OBJECT (archived), "canting-account", copy);
  g_signal_connect (name, "apply", G_CALLBACK (on_account_name), self);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (on_account_kind), self);
  g_signal_connect (opening, "apply", G_CALLBACK (on_account_opening), self);
  g_signal_connect (archived, "notify::active", G_CALLBACK (on_account_archived), self);

  adw_expander_row_add_row (row, name);
  adw_expander_row_add_row (row, kind);
  adw_expander_row_add_row (row, opening);
  adw_expander_row_add_row (row, archived_row);
  return GTK_WIDGET (row);
}

static void
on_new_account (AdwEntryRow           *row,
                CantingAccountsDialog *self)
{
  g_autoptr(CantingAccount) a = canting_account_new ();

  g_free (a->name);
  a->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  /* A new account is most often a second bank. */
  a->kind = CANTING_ACCOUNT_BANK;
  save_account (self, a);
}

/* --- categories ---------------------------------------------------------- */

static void
save_category (CantingAccountsDialog *self,
               CantingCategory       *category)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = canting_category_save (db_of (self), category, &error);

  saved (self, ok, error);
}

static CantingCategory *
category_copy (GtkWidget *widget)
{
  const CantingCategory *c = g_object_get_data (G_OBJECT (widget), "canting-category");
  CantingCategory *copy = canting_category_new ();

  copy->id = c->id;
  copy->kind = c->kind;
  copy->archived = c->archived;
  g_free (copy->name);
  copy->name = g_strdup (c->name);
  return copy;
}

static void
on_category_name (AdwEntryRow           *row,
                  CantingAccountsDialog *self)
{
  g_autoptr(CantingCategory) c = category_copy (GTK_WIDGET (row));

  g_free (c->name);
  c->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  save_category (self, c);
}

static void
on_category_archive (GtkButton             *button,
                     CantingAccountsDialog *self)
{
  g_autoptr(CantingCategory) c = category_copy (GTK_WIDGET (button));

  c->archived = !c->archived;
  save_category (self, c);
}

static void
on_new_category (AdwEntryRow           *row,
                 CantingAccountsDialog *self)
{
  g_autoptr(CantingCategory) c = canting_category_new ();

  c->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "canting-kind"));
  g_free (c->name);
  c->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  save_category (self, c);
}

static GtkWidget *
category_row (CantingAccountsDialog *self,
              CantingCategory       *category)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *archive = gtk_button_new_from_icon_name (category->archived ? "edit-undo-symbolic"
                                                      : "folder-symbolic");
  g_autofree char *label = category->archived
                           ? g_strdup_printf (_("Bring back “%s”"), category->name)
                           : g_strdup_printf (_("Archive “%s”"), category->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 category->archived ? _("Name (archived)") : _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (row), category->name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_set_valign (archive, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (archive, "flat");
  gtk_widget_set_tooltip_text (archive, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (archive), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), archive);
  if (category->archived)
    gtk_widget_add_css_class (row, "dim-label");

  g_object_set_data_full (G_OBJECT (row), "canting-category", category, (GDestroyNotify) canting_category_free);
  g_object_set_data (G_OBJECT (archive), "canting-category", category);
  g_signal_connect (row, "apply", G_CALLBACK (on_category_name), self);
  g_signal_connect (archive, "clicked", G_CALLBACK (on_category_archive), self);
  return row;
}

static GtkWidget *
new_row (CantingAccountsDialog *self,
         const char            *title,
         GCallback              on_apply)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", on_apply, self);
  return row;
}

static void
refresh (CantingAccountsDialog *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  GtkWidget *row;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *old = self->rows->pdata[i];
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (old, ADW_TYPE_PREFERENCES_GROUP)),
                                    old);
    }
  g_ptr_array_set_size (self->rows, 0);
  if (db_of (self) == NULL)
    return;

  accounts = canting_account_list (db_of (self), TRUE, NULL);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    add_row (self, self->accounts_group, account_row (self, accounts->pdata[i]));
  add_row (self, self->accounts_group, new_row (self, _("New account name, then Enter"), G_CALLBACK (on_new_account)));

  categories = canting_category_list (db_of (self), -1, TRUE, NULL);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      CantingCategory *c = g_steal_pointer (&categories->pdata[i]);
      add_row (self, c->kind == CANTING_ENTRY_INCOME ? self->income_group : self->expense_group,
               category_row (self, c));
    }
  row = new_row (self, _("New income category, then Enter"), G_CALLBACK (on_new_category));
  g_object_set_data (G_OBJECT (row), "canting-kind", GINT_TO_POINTER (CANTING_ENTRY_INCOME));
  add_row (self, self->income_group, row);
  row = new_row (self, _("New expense category, then Enter"), G_CALLBACK (on_new_category));
  g_object_set_data (G_OBJECT (row), "canting-kind", GINT_TO_POINTER (CANTING_ENTRY_EXPENSE));
  add_row (self, self->expense_group, row);
}

static void
canting_accounts_dialog_dispose (GObject *object)
{
  CantingAccountsDialog *self = CANTING_ACCOUNTS_DIALOG (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_ACCOUNTS_DIALOG);
  G_OBJECT_CLASS (canting_accounts_dialog_parent_class)->dispose (object);
}

static void
canting_accounts_dialog_class_init (CantingAccountsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_accounts_dialog_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-accounts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingAccountsDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, CantingAccountsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CantingAccountsDialog, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, CantingAccountsDialog, income_group);
  gtk_widget_class_bind_template_child (widget_class, CantingAccountsDialog, expense_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_accounts_dialog_init (CantingAccountsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

CantingAccountsDialog *
canting_accounts_dialog_new (CantingApplication *app,
                             GtkWindow          *parent)
{
  CantingAccountsDialog *self = g_object_new (CANTING_TYPE_ACCOUNTS_DIALOG,
                                              "application", app,
                                              "transient-for", parent,
                                              NULL);

  self->app = app;
  refresh (self);
  return self;
}
