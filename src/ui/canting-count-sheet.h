/* canting-count-sheet.h: the printed sheet for a stock count (stok
 * opname): every current material with its recorded stock and an empty
 * box for what is counted on the shelf. */
#pragma once

#include <glib.h>

#include "canting-db.h"

G_BEGIN_DECLS

/* Writes an A4 PDF to @path. */
gboolean canting_count_sheet_save_pdf (CantingDb    *db,
                                       const char   *workshop_name,
                                       const char   *path,
                                       GError      **error);

G_END_DECLS
