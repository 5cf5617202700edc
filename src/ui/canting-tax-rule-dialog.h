/* canting-tax-rule-dialog.h: adding or changing a tax rule (rate, limits). */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-tax.h"

G_BEGIN_DECLS

#define CANTING_TYPE_TAX_RULE_DIALOG (canting_tax_rule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingTaxRuleDialog, canting_tax_rule_dialog, CANTING, TAX_RULE_DIALOG, AdwWindow)

/* A new rule when @rule is NULL.  Emits "saved" after writing it. */
CantingTaxRuleDialog *canting_tax_rule_dialog_new (CantingApplication   *app,
                                                   GtkWindow            *parent,
                                                   const CantingTaxRule *rule);

G_END_DECLS
