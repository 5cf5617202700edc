/* canting-share.h: telling a customer about their order outside Canting:
 * the WhatsApp message with its wa.me link. */
#pragma once

#include <glib.h>

#include "canting-order.h"

G_BEGIN_DECLS

/* "0812-3456-7890", "+62 812 3456 7890" → "6281234567890", the form
 * wa.me wants; NULL with @error when it is not a phone number. */
char *canting_share_whatsapp_number (const char  *phone,
                                     GError     **error);

/* A short order summary a customer can read in a chat: number, items,
 * total, paid, balance, due date.  @workshop_name may be empty. */
char *canting_share_order_text      (const CantingOrder *order,
                                     const char         *workshop_name);

/* https://wa.me/<number>?text=<summary>, ready to open. */
char *canting_share_whatsapp_url    (const char  *phone,
                                     const char  *text,
                                     GError     **error);

G_END_DECLS
