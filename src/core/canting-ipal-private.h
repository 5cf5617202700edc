/* canting-ipal-private.h: saving IPAL log entries inside a caller's
 * transaction (a CSV import writes a whole file in one). */
#pragma once

#include "canting-ipal.h"

G_BEGIN_DECLS

/* Validates and saves @log as canting_ipal_log_save() does.  Must run
 * inside a transaction. */
gboolean canting_ipal_log_save_in_txn (CantingDb       *db,
                                       CantingIpalLog  *log,
                                       GError         **error);

G_END_DECLS
