/* canting-money-page.h: the Keuangan page (income, expenses, accounts). */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-ledger.h"

G_BEGIN_DECLS

#define CANTING_TYPE_MONEY_PAGE (canting_money_page_get_type ())
G_DECLARE_FINAL_TYPE (CantingMoneyPage, canting_money_page, CANTING, MONEY_PAGE, GtkBox)

void canting_money_page_set_application   (CantingMoneyPage   *self,
                                           CantingApplication *app);
/* Opens the form for a new entry of @kind. */
void canting_money_page_add               (CantingMoneyPage   *self,
                                           CantingEntryKind    kind);
/* Opens @entry in its form, as activating its row does. */
void canting_money_page_open_entry        (CantingMoneyPage   *self,
                                           const CantingEntry *entry);
/* Opens what customers owe and what the workshop owes. */
void canting_money_page_show_receivables  (CantingMoneyPage   *self);
/* Opens the money reports: profit and loss, cash flow, sales, tax. */
void canting_money_page_show_reports      (CantingMoneyPage   *self);

G_END_DECLS
