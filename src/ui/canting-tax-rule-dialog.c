/* canting-tax-rule-dialog.c: a tax rule as data: the rate, an
 * individual's yearly exemption, the yearly cap of the final rate and the
 * regulation they come from.  A new regulation is a new rule from its
 * first year, so the estimate of earlier years stays as it was. */
#include "config.h"

#include "canting-tax-rule-dialog.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-form.h"
#include "canting-money.h"

struct _CantingTaxRuleDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwEntryRow *year_row;
  AdwEntryRow *rate_row;
  AdwEntryRow *exemption_row;
  AdwEntryRow *cap_row;
  AdwEntryRow *source_row;

  CantingApplication *app;
  CantingTaxRule *rule;
};

G_DEFINE_FINAL_TYPE (CantingTaxRuleDialog, canting_tax_rule_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The message under the form, and the row it is about marked. */
static void
show_error (CantingTaxRuleDialog *self,
            AdwEntryRow          *row,
            const char           *message)
{
  AdwEntryRow *rows[] = { self->year_row, self->rate_row, self->exemption_row, self->cap_row, self->source_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), message != NULL);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static gboolean
read_money (CantingTaxRuleDialog *self,
            AdwEntryRow          *row,
            CantingMoney         *out)
{
  g_autoptr(GError) error = NULL;

  if (canting_money_parse (gtk_editable_get_text (GTK_EDITABLE (row)), out, &error))
    return TRUE;
  {
    g_autofree char *message = g_strdup_printf ("%s: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                                error->message);
    show_error (self, row, message);
  }
  return FALSE;
}

static void
on_save (CantingTaxRuleDialog *self)
{
  g_autoptr(CantingTaxRule) r = canting_tax_rule_copy (self->rule);
  g_autoptr(GError) error = NULL;
  const char *year = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  char *end = NULL;
  long value = strtol (year, &end, 10);

  if (*year == '\0' || *end != '\0' || value < 1900 || value > 9999)
    {
      show_error (self, self->year_row, _("Type the first tax year the rule applies to, such as 2022."));
      return;
    }
  r->valid_from = (int) value;
  if (!canting_tax_rate_parse (gtk_editable_get_text (GTK_EDITABLE (self->rate_row)), &r->rate_bp, &error))
    {
      show_error (self, self->rate_row, error->message);
      return;
    }
  if (!read_money (self, self->exemption_row, &r->exemption) || !read_money (self, self->cap_row, &r->yearly_cap))
    return;
  g_free (r->source);
  r->source = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_row)));
  if (!canting_tax_rule_save (canting_application_get_db (self->app), r, &error))
    {
      show_error (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
canting_tax_rule_dialog_dispose (GObject *object)
{
  CantingTaxRuleDialog *self = CANTING_TAX_RULE_DIALOG (object);

  g_clear_pointer (&self->rule, canting_tax_rule_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_TAX_RULE_DIALOG);
  G_OBJECT_CLASS (canting_tax_rule_dialog_parent_class)->dispose (object);
}

static void
canting_tax_rule_dialog_class_init (CantingTaxRuleDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_tax_rule_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-tax-rule-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingTaxRuleDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_group);
  BIND (error_label);
  BIND (year_row);
  BIND (rate_row);
  BIND (exemption_row);
  BIND (cap_row);
  BIND (source_row);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_tax_rule_dialog_init (CantingTaxRuleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
}

static void
set_money (AdwEntryRow  *row,
           CantingMoney  amount)
{
  g_autofree char *text = canting_money_format (amount);

  /* Without "Rp ": the row's title says it. */
  gtk_editable_set_text (GTK_EDITABLE (row), g_str_has_prefix (text, "Rp ") ? text + 3 : text);
}

CantingTaxRuleDialog *
canting_tax_rule_dialog_new (CantingApplication   *app,
                             GtkWindow            *parent,
                             const CantingTaxRule *rule)
{
  CantingTaxRuleDialog *self = g_object_new (CANTING_TYPE_TAX_RULE_DIALOG,
                                             "application", app,
                                             "transient-for", parent,
                                             NULL);

  self->app = app;
  self->rule = rule != NULL ? canting_tax_rule_copy (rule) : canting_tax_rule_new ();
  adw_window_title_set_title (self->window_title, rule != NULL ? _("Tax Rule") : _("New Tax Rule"));
  if (rule != NULL)
    {
      g_autofree char *year = g_strdup_printf ("%d", rule->valid_from);
      g_autofree char *rate = canting_tax_rate_format (rule->rate_bp);

      gtk_editable_set_text (GTK_EDITABLE (self->year_row), year);
      /* "0,5 %" reads back as typed; the row's title says "%". */
      rate[strlen (rate) - 2] = '\0';
      gtk_editable_set_text (GTK_EDITABLE (self->rate_row), rate);
      set_money (self->exemption_row, rule->exemption);
      set_money (self->cap_row, rule->yearly_cap);
      gtk_editable_set_text (GTK_EDITABLE (self->source_row), rule->source);
    }
  return self;
}
