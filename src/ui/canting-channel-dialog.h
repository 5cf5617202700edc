/* canting-channel-dialog.h: adding or changing an online shop. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-channel.h"

G_BEGIN_DECLS

#define CANTING_TYPE_CHANNEL_DIALOG (canting_channel_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingChannelDialog, canting_channel_dialog, CANTING, CHANNEL_DIALOG, AdwWindow)

/* A new shop when @channel is NULL.  Emits "saved" (the channel's id)
 * once the shop is stored and its password is in the keyring. */
CantingChannelDialog *canting_channel_dialog_new (CantingApplication   *app,
                                                  GtkWindow            *parent,
                                                  const CantingChannel *channel);

G_END_DECLS
