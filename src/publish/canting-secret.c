/* canting-secret.c: channel secrets in the system keyring (libsecret).
 *
 * Every message here is about the keyring, never about the secret: a
 * secret must not reach a log, a dialog or a terminal. */
#include "canting-secret.h"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

G_DEFINE_QUARK (canting-secret-error-quark, canting_secret_error)

static const SecretSchema *
channel_schema (void)
{
  /* The schema name is stored with the item and matched on lookup, so
   * another program's item of the same secret_ref is never taken. */
  static const SecretSchema schema = {
    CANTING_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "secret_ref", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };
  return &schema;
}

static gboolean
check_ref (const CantingChannel  *channel,
           GError               **error)
{
  if (channel->secret_ref == NULL || *channel->secret_ref == '\0')
    {
      g_set_error (error, CANTING_SECRET_ERROR, CANTING_SECRET_ERROR_INVALID,
                   _("Save the channel before storing its password."));
      return FALSE;
    }
  return TRUE;
}

/* libsecret's own messages name D-Bus services and paths, which mean
 * nothing to a batik workshop; they go to the debug log only (they never
 * hold the secret). */
static void
keyring_error (GError      **error,
               GError       *cause,
               const char   *doing)
{
  g_debug ("keyring: %s: %s", doing, cause != NULL ? cause->message : "no answer");
  if (cause != NULL && g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_clear_error (&cause);
  g_set_error (error, CANTING_SECRET_ERROR, CANTING_SECRET_ERROR_UNAVAILABLE,
               _("The system keyring, where Canting keeps shop passwords, did not answer or is locked. "
                 "Sign in to the desktop again, or unlock the keyring, and try again."));
}

static void
missing_error (GError               **error,
               const CantingChannel  *channel)
{
  g_set_error (error, CANTING_SECRET_ERROR, CANTING_SECRET_ERROR_MISSING,
               _("No password is stored for the shop “%s” on this computer. Type it again in the "
                 "channel’s settings."), channel->name);
}

gboolean
canting_secret_store (const CantingChannel  *channel,
                      const char            *secret,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autofree char *label = NULL;
  GError *local = NULL;

  if (!check_ref (channel, error))
    return FALSE;
  if (secret == NULL || *secret == '\0')
    {
      g_set_error (error, CANTING_SECRET_ERROR, CANTING_SECRET_ERROR_INVALID,
                   _("The password is empty. Type the password (or secret) the shop gave you."));
      return FALSE;
    }
  if (!g_utf8_validate (secret, -1, NULL))
    {
      g_set_error (error, CANTING_SECRET_ERROR, CANTING_SECRET_ERROR_INVALID,
                   _("The password holds characters that are not text. Type it again."));
      return FALSE;
    }
  /* The label is what a keyring manager (Seahorse) shows. */
  label = g_strdup_printf (_("Canting: password for the shop “%s”"), channel->name);
  if (!secret_password_store_sync (channel_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                                   cancellable, &local, "secret_ref", channel->secret_ref, NULL))
    {
      keyring_error (error, local, "store");
      return FALSE;
    }
  return TRUE;
}

char *
canting_secret_lookup (const CantingChannel  *channel,
                       GCancellable          *cancellable,
                       GError               **error)
{
  GError *local = NULL;
  char *found;
  char *copy;

  /* Nothing was ever stored for it: the same answer as a keyring that
   * lost it, which the person can act on. */
  if (channel->secret_ref == NULL || *channel->secret_ref == '\0')
    {
      missing_error (error, channel);
      return NULL;
    }
  found = secret_password_lookup_nonpageable_sync (channel_schema (), cancellable, &local,
                                                   "secret_ref", channel->secret_ref, NULL);
  if (local != NULL)
    {
      keyring_error (error, local, "lookup");
      return NULL;
    }
  if (found == NULL)
    {
      missing_error (error, channel);
      return NULL;
    }
  /* Callers free with canting_secret_free() (g_free memory); libsecret's
   * non-pageable copy is wiped and released at once. */
  copy = g_strdup (found);
  secret_password_free (found);
  return copy;
}

gboolean
canting_secret_clear (const CantingChannel  *channel,
                      GCancellable          *cancellable,
                      GError               **error)
{
  GError *local = NULL;

  if (!check_ref (channel, error))
    return FALSE;
  secret_password_clear_sync (channel_schema (), cancellable, &local, "secret_ref", channel->secret_ref, NULL);
  if (local != NULL)
    {
      keyring_error (error, local, "clear");
      return FALSE;
    }
  return TRUE;
}

void
canting_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  /* A volatile write the compiler cannot drop as dead. */
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

char *
canting_secret_join_consumer_key (const char *consumer_key,
                                  const char *consumer_secret)
{
  g_return_val_if_fail (consumer_key != NULL && strchr (consumer_key, ':') == NULL, NULL);
  g_return_val_if_fail (consumer_secret != NULL, NULL);
  return g_strconcat (consumer_key, ":", consumer_secret, NULL);
}

gboolean
canting_secret_split_consumer_key (const char  *secret,
                                   char       **out_key,
                                   char       **out_secret)
{
  const char *colon = secret != NULL ? strchr (secret, ':') : NULL;

  if (colon == NULL || colon == secret || colon[1] == '\0')
    return FALSE;
  *out_key = g_strndup (secret, colon - secret);
  *out_secret = g_strdup (colon + 1);
  return TRUE;
}
