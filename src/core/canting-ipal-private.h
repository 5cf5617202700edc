/* canting-ipal-private.h: saving IPAL log entries and lab tests inside a
 * caller's transaction (a CSV import writes a whole file in one). */
#pragma once

#include "canting-ipal.h"

G_BEGIN_DECLS

/* Validates and saves @log as canting_ipal_log_save() does.  Must run
 * inside a transaction. */
gboolean canting_ipal_log_save_in_txn (CantingDb       *db,
                                       CantingIpalLog  *log,
                                       GError         **error);
/* The same for a lab test, as canting_lab_test_save() does. */
gboolean canting_lab_test_save_in_txn (CantingDb       *db,
                                       CantingLabTest  *test,
                                       GError         **error);

G_END_DECLS
