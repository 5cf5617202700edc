/* canting-channel.c: shops to publish to, their addresses, sign-in
 * names (never secrets) and category mapping. */
#include "canting-channel.h"

#include <string.h>

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

G_DEFINE_QUARK (canting-channel-error-quark, canting_channel_error)
G_DEFINE_BOXED_TYPE (CantingChannel, canting_channel, canting_channel_copy, canting_channel_free)

static const CantingEnumName kinds[CANTING_CHANNEL_KIND_COUNT] = {
  [CANTING_CHANNEL_WOOCOMMERCE] = { "woocommerce", N_("WooCommerce shop") },
  [CANTING_CHANNEL_EPEKEN] = { "epeken", N_("e-Peken listing pack") },
};

static const CantingEnumName auths[CANTING_CHANNEL_AUTH_COUNT] = {
  [CANTING_CHANNEL_AUTH_NONE] = { "none", N_("No sign-in") },
  [CANTING_CHANNEL_AUTH_APP_PASSWORD] = { "app_password", N_("WordPress application password") },
  [CANTING_CHANNEL_AUTH_CONSUMER_KEY] = { "consumer_key", N_("WooCommerce consumer key") },
};

static const char * const category_sources[] = { "motif", "technique" };

const char *
canting_channel_kind_to_string (CantingChannelKind kind)
{
  return canting_enum_id (kinds, CANTING_CHANNEL_KIND_COUNT, kind);
}

const char *
canting_channel_kind_label (CantingChannelKind kind)
{
  return canting_enum_label (kinds, CANTING_CHANNEL_KIND_COUNT, kind);
}

gboolean
canting_channel_kind_from_string (const char         *text,
                                  CantingChannelKind *out_kind)
{
  guint value;

  if (!canting_enum_lookup (kinds, CANTING_CHANNEL_KIND_COUNT, text, &value))
    return FALSE;
  *out_kind = value;
  return TRUE;
}

const char *
canting_channel_auth_to_string (CantingChannelAuth auth)
{
  return canting_enum_id (auths, CANTING_CHANNEL_AUTH_COUNT, auth);
}

const char *
canting_channel_auth_label (CantingChannelAuth auth)
{
  return canting_enum_label (auths, CANTING_CHANNEL_AUTH_COUNT, auth);
}

gboolean
canting_channel_auth_from_string (const char         *text,
                                  CantingChannelAuth *out_auth)
{
  guint value;

  if (!canting_enum_lookup (auths, CANTING_CHANNEL_AUTH_COUNT, text, &value))
    return FALSE;
  *out_auth = value;
  return TRUE;
}

CantingChannel *
canting_channel_new (void)
{
  CantingChannel *c = g_new0 (CantingChannel, 1);

  c->name = g_strdup ("");
  c->base_url = g_strdup ("");
  c->auth_user = g_strdup ("");
  c->secret_ref = g_strdup ("");
  return c;
}

CantingChannel *
canting_channel_copy (const CantingChannel *channel)
{
  CantingChannel *c = g_memdup2 (channel, sizeof *channel);

  c->name = g_strdup (channel->name);
  c->base_url = g_strdup (channel->base_url);
  c->auth_user = g_strdup (channel->auth_user);
  c->secret_ref = g_strdup (channel->secret_ref);
  return c;
}

void
canting_channel_free (CantingChannel *channel)
{
  if (channel == NULL)
    return;
  g_free (channel->name);
  g_free (channel->base_url);
  g_free (channel->auth_user);
  g_free (channel->secret_ref);
  g_free (channel);
}

void
canting_channel_category_free (CantingChannelCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->local_value);
  g_free (category->remote_name);
  g_free (category);
}

static gboolean
is_this_computer (const char *host)
{
  return g_ascii_strcasecmp (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0;
}

char *
canting_channel_normalize_url (const char  *url,
                               GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (url != NULL ? url : ""));
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  gsize len;

  if (*text == '\0')
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL,
                   _("Type the shop’s address, for example https://toko-batik.id."));
      return NULL;
    }
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL,
                   _("“%s” is not a web address. Type it whole, starting with https://, "
                     "for example https://toko-batik.id."), text);
      return NULL;
    }
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  if (g_strcmp0 (scheme, "http") == 0 && !is_this_computer (host))
    {
      /* The password goes with every request: over plain http anyone on
       * the way (a shared Wi-Fi, the internet café) could read it. */
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL,
                   _("The address %s starts with http://, which would send the shop’s password "
                     "unprotected. Use the https:// address of the shop; plain http:// is only for a "
                     "practice shop on this computer (127.0.0.1)."), text);
      return NULL;
    }
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL,
                   _("“%s” is not a web address. Type it whole, starting with https://, "
                     "for example https://toko-batik.id."), text);
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL,
                   _("Leave the user name and password out of the address: Canting asks for them "
                     "separately and keeps the password in the keyring."));
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_URL,
                   _("Type only the shop’s address, without anything after “?” or “#”."));
      return NULL;
    }

  /* "https://toko.example/" and "https://toko.example" are one shop:
   * requests append "/wp-json/..." to the address. */
  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, g_uri_get_port (uri), path, NULL, NULL);
}

/* WooCommerce keys are "ck_" or "cs_" and 40 hex digits; an application
 * password is 24 letters and digits in six groups of four.  Typed into
 * the user field by mistake, either would be stored in the clear. */
static gboolean
looks_like_secret (const char *text)
{
  gsize len = strlen (text);
  guint groups = 0;

  /* A secret in any length; a consumer key whole (a label of its last
   * characters is fine). */
  if (g_str_has_prefix (text, "cs_") || (g_str_has_prefix (text, "ck_") && len >= 20))
    return TRUE;
  for (const char *c = text; *c != '\0'; groups++)
    {
      for (int i = 0; i < 4; i++, c++)
        if (!g_ascii_isalnum (*c))
          return FALSE;
      if (*c == ' ')
        c++;
      else if (*c != '\0')
        return FALSE;
    }
  return groups == 6;
}

gboolean
canting_channel_validate (const CantingChannel  *c,
                          GError               **error)
{
  g_autofree char *user = g_strstrip (g_strdup (c->auth_user != NULL ? c->auth_user : ""));

  if (!canting_validate_text (c->name, CANTING_TEXT_REQUIRED, _("Channel name"),
                              _("Give the channel a name, such as the shop’s name."),
                              CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_NAME, error) ||
      !canting_validate_text (c->auth_user, 0, _("User name"), NULL,
                              CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_USER, error))
    return FALSE;
  if (c->kind >= CANTING_CHANNEL_KIND_COUNT)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_KIND, _("Choose what kind of shop this is."));
      return FALSE;
    }
  if (c->auth >= CANTING_CHANNEL_AUTH_COUNT)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_AUTH, _("Choose how Canting signs in to the shop."));
      return FALSE;
    }
  if (looks_like_secret (user))
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_USER,
                   _("This looks like a password or secret key. Type it in the password field: "
                     "it is kept in the system keyring, never with the records."));
      return FALSE;
    }
  if (c->kind == CANTING_CHANNEL_EPEKEN)
    return TRUE;

  {
    g_autofree char *url = canting_channel_normalize_url (c->base_url, error);
    if (url == NULL)
      return FALSE;
  }
  if (c->auth == CANTING_CHANNEL_AUTH_NONE)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_AUTH,
                   _("Choose how Canting signs in to the shop: an application password or a consumer key."));
      return FALSE;
    }
  if (c->auth == CANTING_CHANNEL_AUTH_APP_PASSWORD && *user == '\0')
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_USER,
                   _("Type the WordPress user name the application password belongs to."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_in_transaction (CantingDb  *db,
                     gpointer    user_data,
                     GError    **error)
{
  CantingChannel *c = user_data;
  g_autofree char *name = g_strstrip (g_strdup (c->name));
  g_autofree char *url = NULL;
  g_autoptr(sqlite3_stmt) same_name = canting_sql_prepare (db, "SELECT count(*) FROM channels WHERE name = ?1 AND id <> ?2",
                                                           error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0;

  if (same_name == NULL)
    return FALSE;
  sqlite3_bind_text (same_name, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (same_name, 2, c->id);
  if (!canting_sql_get_int64 (db, same_name, &n, _("checking the channel’s name"), error))
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_NAME,
                   _("There is already a channel called “%s”."), name);
      return FALSE;
    }
  if (c->kind == CANTING_CHANNEL_EPEKEN && (c->base_url == NULL || *c->base_url == '\0'))
    url = g_strdup ("");
  else if ((url = canting_channel_normalize_url (c->base_url, error)) == NULL)
    return FALSE;

  stmt = canting_sql_prepare (db,
                              c->id == 0
                              ? "INSERT INTO channels (name, kind, base_url, auth, auth_user, archived, secret_ref) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                              : "UPDATE channels SET name = ?1, kind = ?2, base_url = ?3, auth = ?4, auth_user = ?5, "
                                "archived = ?6 WHERE id = ?7",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kinds[c->kind].id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, url, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, auths[c->auth].id, -1, SQLITE_STATIC);
  canting_sql_bind_trimmed (stmt, 5, c->auth_user);
  sqlite3_bind_int (stmt, 6, c->archived ? 1 : 0);
  if (c->id == 0)
    {
      /* Random, so two workshops' channels of the same name never share
       * a keyring item. */
      g_free (c->secret_ref);
      c->secret_ref = g_uuid_string_random ();
      sqlite3_bind_text (stmt, 7, c->secret_ref, -1, SQLITE_STATIC);
    }
  else
    sqlite3_bind_int64 (stmt, 7, c->id);
  if (!canting_sql_save_record (db, stmt, &c->id, _("saving the channel"), _("This channel no longer exists."), error))
    return FALSE;
  g_free (c->base_url);
  c->base_url = g_steal_pointer (&url);
  return TRUE;
}

gboolean
canting_channel_save (CantingDb       *db,
                      CantingChannel  *channel,
                      GError         **error)
{
  gint64 id_before = channel->id;

  if (!canting_channel_validate (channel, error))
    return FALSE;
  if (!canting_db_transaction (db, save_in_transaction, channel, error))
    {
      channel->id = id_before;
      return FALSE;
    }
  return TRUE;
}

#define CHANNEL_COLUMNS "id, name, kind, base_url, auth, auth_user, secret_ref, archived"

static gpointer
channel_from_row (sqlite3_stmt *stmt)
{
  CantingChannel *c = g_new0 (CantingChannel, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = canting_sql_dup_text (stmt, 1);
  canting_channel_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &c->kind);
  c->base_url = canting_sql_dup_text (stmt, 3);
  canting_channel_auth_from_string ((const char *) sqlite3_column_text (stmt, 4), &c->auth);
  c->auth_user = canting_sql_dup_text (stmt, 5);
  c->secret_ref = canting_sql_dup_text (stmt, 6);
  c->archived = sqlite3_column_int (stmt, 7) != 0;
  return c;
}

CantingChannel *
canting_channel_load (CantingDb  *db,
                      gint64      id,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT " CHANNEL_COLUMNS " FROM channels WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!canting_sql_step_one (db, stmt, _("reading the channel"), _("This channel no longer exists."), error))
    return NULL;
  return channel_from_row (stmt);
}

CantingChannel *
canting_channel_find (CantingDb   *db,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT " CHANNEL_COLUMNS " FROM channels WHERE name = ?1",
                                                      error);
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *gone = g_strdup_printf (_("There is no channel called “%s”."), trimmed);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  if (!canting_sql_step_one (db, stmt, _("reading the channel"), gone, error))
    return NULL;
  return channel_from_row (stmt);
}

GPtrArray *
canting_channel_list (CantingDb  *db,
                      gboolean    include_archived,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT " CHANNEL_COLUMNS " FROM channels "
                                                      "WHERE ?1 OR archived = 0 ORDER BY name, id",
                                                      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  return canting_sql_collect (db, stmt, channel_from_row, (GDestroyNotify) canting_channel_free,
                              _("reading the channels"), error);
}

gboolean
canting_channel_set_category (CantingDb              *db,
                              gint64                  channel_id,
                              CantingCategorySource   source,
                              const char             *local_value,
                              const char             *remote_name,
                              gint64                  remote_id,
                              GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (source < G_N_ELEMENTS (category_sources), FALSE);

  if (!canting_validate_text (local_value, CANTING_TEXT_REQUIRED,
                              source == CANTING_CATEGORY_BY_MOTIF ? _("Motif") : _("Technique"),
                              _("Choose the motif or technique this category is for."),
                              CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_CATEGORY, error) ||
      !canting_validate_text (remote_name, CANTING_TEXT_REQUIRED, _("Shop category"),
                              _("Type the name of the shop’s category."),
                              CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_CATEGORY, error))
    return FALSE;
  if (remote_id < 0)
    {
      g_set_error (error, CANTING_CHANNEL_ERROR, CANTING_CHANNEL_FIELD_CATEGORY,
                   _("A shop category’s number cannot be negative."));
      return FALSE;
    }
  stmt = canting_sql_prepare (db,
                              "INSERT INTO channel_categories (channel_id, source, local_value, remote_name, remote_id) "
                              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (channel_id, source, local_value) "
                              "DO UPDATE SET remote_name = excluded.remote_name, remote_id = excluded.remote_id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_text (stmt, 2, category_sources[source], -1, SQLITE_STATIC);
  canting_sql_bind_trimmed (stmt, 3, local_value);
  canting_sql_bind_trimmed (stmt, 4, remote_name);
  canting_sql_bind_optional (stmt, 5, remote_id, 0);
  return canting_sql_run (db, stmt, _("saving the category"), error);
}

gboolean
canting_channel_remove_category (CantingDb              *db,
                                 gint64                  channel_id,
                                 CantingCategorySource   source,
                                 const char             *local_value,
                                 GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "DELETE FROM channel_categories "
                                                      "WHERE channel_id = ?1 AND source = ?2 AND local_value = ?3",
                                                      error);

  g_return_val_if_fail (source < G_N_ELEMENTS (category_sources), FALSE);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_text (stmt, 2, category_sources[source], -1, SQLITE_STATIC);
  canting_sql_bind_trimmed (stmt, 3, local_value);
  return canting_sql_run (db, stmt, _("removing the category"), error);
}

gboolean
canting_channel_set_category_id (CantingDb   *db,
                                 gint64       channel_id,
                                 const char  *remote_name,
                                 gint64       remote_id,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "UPDATE channel_categories SET remote_id = ?3 "
                                                      "WHERE channel_id = ?1 AND remote_name = ?2 COLLATE NOCASE",
                                                      error);

  g_return_val_if_fail (remote_id > 0, FALSE);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  canting_sql_bind_trimmed (stmt, 2, remote_name);
  sqlite3_bind_int64 (stmt, 3, remote_id);
  return canting_sql_run (db, stmt, _("saving the category"), error);
}

static gpointer
category_from_row (sqlite3_stmt *stmt)
{
  CantingChannelCategory *c = g_new0 (CantingChannelCategory, 1);

  c->source = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "technique") == 0
              ? CANTING_CATEGORY_BY_TECHNIQUE : CANTING_CATEGORY_BY_MOTIF;
  c->local_value = canting_sql_dup_text (stmt, 1);
  c->remote_name = canting_sql_dup_text (stmt, 2);
  c->remote_id = canting_sql_column_optional (stmt, 3, 0);
  return c;
}

GPtrArray *
canting_channel_categories (CantingDb  *db,
                            gint64      channel_id,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT source, local_value, remote_name, remote_id "
                                                      "FROM channel_categories WHERE channel_id = ?1 "
                                                      "ORDER BY source, local_value",
                                                      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  return canting_sql_collect (db, stmt, category_from_row, (GDestroyNotify) canting_channel_category_free,
                              _("reading the categories"), error);
}
