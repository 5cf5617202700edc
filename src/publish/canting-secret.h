/* canting-secret.h: a channel's password or consumer secret, in the
 * system keyring.
 *
 * The secret of a shop (a WordPress application password, or a
 * WooCommerce consumer key and secret) is kept by the keyring through
 * libsecret (the Secret portal inside Flatpak), found by the channel's
 * secret_ref, which only names it.  It never enters the database, a log
 * or an error message: messages here say what went wrong with the
 * keyring, never what was stored. */
#pragma once

#include <gio/gio.h>

#include "canting-channel.h"

G_BEGIN_DECLS

/* The keyring item's schema: one attribute, "secret_ref". */
#define CANTING_SECRET_SCHEMA_NAME "io.github.canting.Canting.Channel"

#define CANTING_SECRET_ERROR (canting_secret_error_quark ())
typedef enum {
  CANTING_SECRET_ERROR_UNAVAILABLE,  /* no keyring answers, or it is locked */
  CANTING_SECRET_ERROR_MISSING,      /* the keyring has nothing for this channel */
  CANTING_SECRET_ERROR_INVALID,      /* an empty secret, or one that cannot be stored */
} CantingSecretError;
GQuark canting_secret_error_quark (void);

/* Stores @secret for @channel (which must have been saved, so it has
 * its secret_ref), replacing what was there.  For a consumer key, the
 * secret is canting_secret_join_consumer_key()'s. */
gboolean  canting_secret_store  (const CantingChannel  *channel,
                                 const char            *secret,
                                 GCancellable          *cancellable,
                                 GError               **error);
/* (transfer full): the stored secret, to be wiped with
 * canting_secret_free(); NULL with CANTING_SECRET_ERROR_MISSING when the
 * keyring has none for @channel. */
char     *canting_secret_lookup (const CantingChannel  *channel,
                                 GCancellable          *cancellable,
                                 GError               **error);
/* Forgets @channel's secret; TRUE when there was none. */
gboolean  canting_secret_clear  (const CantingChannel  *channel,
                                 GCancellable          *cancellable,
                                 GError               **error);
/* Overwrites @secret before freeing it, so it does not linger in freed
 * memory (a core dump, a swap file). */
void      canting_secret_free   (char                  *secret);

/* A consumer key and its secret as one keyring secret ("ck_…:cs_…":
 * neither ever holds a colon).  (transfer full) */
char     *canting_secret_join_consumer_key  (const char  *consumer_key,
                                             const char  *consumer_secret);
/* The two halves back; FALSE for a secret that is not a pair. */
gboolean  canting_secret_split_consumer_key (const char  *secret,
                                             char       **out_key,
                                             char       **out_secret);

G_END_DECLS
