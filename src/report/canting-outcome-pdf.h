/* canting-outcome-pdf.h: the outcome figures as PDFs: one page for a
 * workshop (what it sends the association, to keep or print), and the
 * association's merged report, for `canting-cli outcome`. */
#pragma once

#include <glib.h>

#include "canting-outcome.h"
#include "canting-outcome-merge.h"

G_BEGIN_DECLS

/* Writes @outcome as a one-page A4 PDF to @path (whole or not at all). */
gboolean canting_outcome_save_pdf       (const CantingOutcome       *outcome,
                                         const char                 *path,
                                         GError                    **error);

/* Writes the association's report of @merge as an A4 PDF to @path:
 * totals and medians, the growth bands and channels first, then a row
 * per workshop and the files skipped. */
gboolean canting_outcome_merge_save_pdf (const CantingOutcomeMerge  *merge,
                                         const char                 *path,
                                         GError                    **error);

G_END_DECLS
