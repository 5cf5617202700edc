/* canting-ipal-report-pdf.h: the monthly IPAL report for the DLH as a PDF,
 * for the app and for `canting-cli ipal report`. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-ipal-report.h"

G_BEGIN_DECLS

/* Writes @month as an A4 PDF to @path (whole or not at all). */
gboolean canting_ipal_report_save_pdf (CantingDb               *db,
                                       const CantingIpalMonth  *month,
                                       const char              *path,
                                       GError                 **error);

G_END_DECLS
