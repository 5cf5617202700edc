/* canting-report-pdf.h: the money reports (profit and loss, cash flow,
 * sales, the tax estimate) as A4 PDFs with the workshop at the top, for
 * the app and for `canting-cli report`. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-report.h"
#include "canting-tax.h"

G_BEGIN_DECLS

/* Each writes its report to @path, whole or not at all; @db gives the
 * workshop's name and address. */
gboolean canting_pnl_save_pdf      (CantingDb              *db,
                                    const CantingPnl       *pnl,
                                    const char             *path,
                                    GError                **error);
gboolean canting_cashflow_save_pdf (CantingDb              *db,
                                    const CantingCashflow  *cashflow,
                                    const char             *path,
                                    GError                **error);
gboolean canting_sales_save_pdf    (CantingDb              *db,
                                    const CantingSales     *sales,
                                    const char             *path,
                                    GError                **error);
/* With the estimate's notes and canting_tax_disclaimer() under the
 * table, and a line saying it is an estimate above it. */
gboolean canting_tax_year_save_pdf (CantingDb              *db,
                                    const CantingTaxYear   *year,
                                    const char             *path,
                                    GError                **error);

G_END_DECLS
