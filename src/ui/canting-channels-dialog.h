/* canting-channels-dialog.h: the list of online shops. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_CHANNELS_DIALOG (canting_channels_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingChannelsDialog, canting_channels_dialog, CANTING, CHANNELS_DIALOG, AdwWindow)

/* Emits "changed" after a shop was added or changed. */
CantingChannelsDialog *canting_channels_dialog_new (CantingApplication *app,
                                                    GtkWindow          *parent);

G_END_DECLS
