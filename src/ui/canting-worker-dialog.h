/* canting-worker-dialog.h: a worker (pembatik), their piece rates and
 * their wages. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_WORKER_DIALOG (canting_worker_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingWorkerDialog, canting_worker_dialog, CANTING, WORKER_DIALOG, AdwWindow)

/* @worker_id: the worker to edit, or 0 for a new one.  Emits ::saved
 * (with the worker's id) after saving or paying wages. */
CantingWorkerDialog *canting_worker_dialog_new (CantingApplication *app,
                                                GtkWindow          *parent,
                                                gint64              worker_id);

G_END_DECLS
