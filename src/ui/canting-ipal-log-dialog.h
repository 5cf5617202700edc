/* canting-ipal-log-dialog.h: one entry of the IPAL log. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_IPAL_LOG_DIALOG (canting_ipal_log_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingIpalLogDialog, canting_ipal_log_dialog, CANTING, IPAL_LOG_DIALOG, AdwWindow)

/* @log_id 0: a new entry.  Emits "saved" after the entry is written. */
CantingIpalLogDialog *canting_ipal_log_dialog_new (CantingApplication *app,
                                                   GtkWindow          *parent,
                                                   gint64              log_id);

G_END_DECLS
