/* canting-profile.c: the workshop profile row and its validation. */
#include "canting-profile.h"
#include "canting-product.h"

#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-validate.h"

#include <string.h>

#define N_TEXT_FIELDS (CANTING_PROFILE_FIELD_MEMBERSHIP + 1)

struct _CantingProfile
{
  GObject parent_instance;

  char *fields[N_TEXT_FIELDS];
  GBytes *logo;
  char *logo_mime;
};

G_DEFINE_FINAL_TYPE (CantingProfile, canting_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (canting-profile-error-quark, canting_profile_error)

/* Property ids follow the field enum, offset by one (0 is reserved). */
enum {
  PROP_0,
  PROP_NAME,
  PROP_OWNER,
  PROP_ADDRESS,
  PROP_CITY,
  PROP_PHONE,
  PROP_MEMBERSHIP,
  PROP_LOGO,
  N_PROPS
};
G_STATIC_ASSERT (PROP_NAME == CANTING_PROFILE_FIELD_NAME + 1);
G_STATIC_ASSERT (PROP_MEMBERSHIP == CANTING_PROFILE_FIELD_MEMBERSHIP + 1);

static GParamSpec *properties[N_PROPS];


static void
canting_profile_finalize (GObject *object)
{
  CantingProfile *self = CANTING_PROFILE (object);

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    g_free (self->fields[i]);
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_free (self->logo_mime);

  G_OBJECT_CLASS (canting_profile_parent_class)->finalize (object);
}

static void
canting_profile_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CantingProfile *self = CANTING_PROFILE (object);

  if (prop_id == PROP_LOGO)
    g_value_set_boxed (value, self->logo);
  else if (prop_id > PROP_0 && prop_id < PROP_LOGO)
    g_value_set_string (value, self->fields[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
canting_profile_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CantingProfile *self = CANTING_PROFILE (object);

  if (prop_id > PROP_0 && prop_id < PROP_LOGO)
    canting_profile_set_field (self, prop_id - 1, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
canting_profile_class_init (CantingProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = canting_profile_finalize;
  object_class->get_property = canting_profile_get_property;
  object_class->set_property = canting_profile_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, "", flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, "", flags);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, "", flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, "", flags);
  properties[PROP_MEMBERSHIP] = g_param_spec_string ("membership", NULL, NULL, "", flags);
  /* Read-only here: the logo is set through canting_profile_set_logo(),
   * which checks the image first. */
  properties[PROP_LOGO] = g_param_spec_boxed ("logo", NULL, NULL, G_TYPE_BYTES,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
canting_profile_init (CantingProfile *self)
{
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    self->fields[i] = g_strdup ("");
}

CantingProfile *
canting_profile_new (void)
{
  return g_object_new (CANTING_TYPE_PROFILE, NULL);
}

const char *
canting_profile_get_field (CantingProfile      *self,
                           CantingProfileField  field)
{
  g_return_val_if_fail (CANTING_IS_PROFILE (self), NULL);
  g_return_val_if_fail (field < N_TEXT_FIELDS, NULL);
  return self->fields[field];
}

void
canting_profile_set_field (CantingProfile      *self,
                           CantingProfileField  field,
                           const char          *text)
{
  g_return_if_fail (CANTING_IS_PROFILE (self));
  g_return_if_fail (field < N_TEXT_FIELDS);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->fields[field], text) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[field + 1]);
}

#define DEFINE_TEXT_ACCESSORS(field_name, FIELD)                               \
  const char *canting_profile_get_##field_name (CantingProfile *self)          \
  { return canting_profile_get_field (self, CANTING_PROFILE_FIELD_##FIELD); }  \
  void canting_profile_set_##field_name (CantingProfile *self, const char *v)  \
  { canting_profile_set_field (self, CANTING_PROFILE_FIELD_##FIELD, v); }

DEFINE_TEXT_ACCESSORS (name, NAME)
DEFINE_TEXT_ACCESSORS (owner, OWNER)
DEFINE_TEXT_ACCESSORS (address, ADDRESS)
DEFINE_TEXT_ACCESSORS (city, CITY)
DEFINE_TEXT_ACCESSORS (phone, PHONE)
DEFINE_TEXT_ACCESSORS (membership, MEMBERSHIP)

gboolean
canting_profile_is_set_up (CantingProfile *self)
{
  g_return_val_if_fail (CANTING_IS_PROFILE (self), FALSE);
  return *self->fields[CANTING_PROFILE_FIELD_NAME] != '\0';
}

static const char *
field_label (CantingProfileField field)
{
  switch (field)
    {
    case CANTING_PROFILE_FIELD_NAME: return _("Workshop name");
    case CANTING_PROFILE_FIELD_OWNER: return _("Owner");
    case CANTING_PROFILE_FIELD_ADDRESS: return _("Address");
    case CANTING_PROFILE_FIELD_CITY: return _("City or regency");
    case CANTING_PROFILE_FIELD_PHONE: return _("Phone or WhatsApp");
    case CANTING_PROFILE_FIELD_MEMBERSHIP: return _("Association membership number");
    case CANTING_PROFILE_FIELD_LOGO: return _("Logo");
    default: g_return_val_if_reached ("");
    }
}

gboolean
canting_profile_validate_field (CantingProfileField   field,
                                const char           *text,
                                GError              **error)
{
  static const CantingTextRules rules[N_TEXT_FIELDS] = {
    [CANTING_PROFILE_FIELD_NAME] = CANTING_TEXT_REQUIRED,
    [CANTING_PROFILE_FIELD_ADDRESS] = CANTING_TEXT_MULTILINE | CANTING_TEXT_LONG,
    [CANTING_PROFILE_FIELD_PHONE] = CANTING_TEXT_PHONE,
  };

  g_return_val_if_fail (field < N_TEXT_FIELDS, FALSE);

  return canting_validate_text (text, rules[field], field_label (field),
                                _("Type the workshop’s name; it appears on reports and listings."),
                                CANTING_PROFILE_ERROR, (int) field, error);
}

gboolean
canting_profile_validate (CantingProfile  *self,
                          GError         **error)
{
  g_return_val_if_fail (CANTING_IS_PROFILE (self), FALSE);

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    if (!canting_profile_validate_field (i, self->fields[i], error))
      return FALSE;
  return TRUE;
}

GBytes *
canting_profile_get_logo (CantingProfile *self)
{
  g_return_val_if_fail (CANTING_IS_PROFILE (self), NULL);
  return self->logo;
}

const char *
canting_profile_get_logo_mime (CantingProfile *self)
{
  g_return_val_if_fail (CANTING_IS_PROFILE (self), NULL);
  return self->logo_mime;
}

/* Recognises the image formats every GTK build can show, by their first
 * bytes rather than the file name, which may lie. */
static const char *
sniff_image (const guint8 *data,
             gsize         size)
{
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (size >= 5)
    {
      gsize head = MIN (size, 1024);
      g_autofree char *start = g_strndup ((const char *) data, head);
      const char *p = start;

      while (g_ascii_isspace (*p))
        p++;
      if ((g_str_has_prefix (p, "<?xml") || g_str_has_prefix (p, "<svg")) &&
          strstr (p, "<svg") != NULL)
        return "image/svg+xml";
    }
  return NULL;
}

gboolean
canting_profile_set_logo (CantingProfile  *self,
                          GBytes          *bytes,
                          GError         **error)
{
  const char *mime;
  gsize size = 0;
  const guint8 *data;

  g_return_val_if_fail (CANTING_IS_PROFILE (self), FALSE);

  if (bytes == NULL)
    {
      if (self->logo == NULL)
        return TRUE;
      g_clear_pointer (&self->logo, g_bytes_unref);
      g_clear_pointer (&self->logo_mime, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGO]);
      return TRUE;
    }

  data = g_bytes_get_data (bytes, &size);
  if (size > CANTING_PROFILE_LOGO_MAX_BYTES)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *limit = g_format_size (CANTING_PROFILE_LOGO_MAX_BYTES);
      g_set_error (error, CANTING_PROFILE_ERROR, CANTING_PROFILE_FIELD_LOGO,
                   _("The logo image is too large (%s); choose one under %s."), have, limit);
      return FALSE;
    }
  mime = size > 0 ? sniff_image (data, size) : NULL;
  if (mime == NULL)
    {
      g_set_error (error, CANTING_PROFILE_ERROR, CANTING_PROFILE_FIELD_LOGO,
                   _("The logo must be a PNG, JPEG, WebP or SVG image."));
      return FALSE;
    }

  /* An SVG has no pixels to count; the others are checked before
   * anything decodes them. */
  if (!g_str_equal (mime, "image/svg+xml") &&
      !canting_image_check (bytes, CANTING_PROFILE_ERROR, CANTING_PROFILE_FIELD_LOGO, NULL, NULL, error))
    return FALSE;

  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo = g_bytes_ref (bytes);
  g_free (self->logo_mime);
  self->logo_mime = g_strdup (mime);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGO]);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text != NULL ? text : "";
}

CantingProfile *
canting_profile_load (CantingDb  *db,
                      GError    **error)
{
  sqlite3 *handle = canting_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(CantingProfile) self = canting_profile_new ();
  int rc;

  rc = sqlite3_prepare_v2 (handle,
                           "SELECT name, owner, address, city, phone, membership_number, logo, logo_mime "
                           "FROM workshop WHERE id = 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                     _("The workshop profile is missing from the database."));
      else
        canting_db_set_error (error, handle, rc, _("reading the workshop profile"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_free (self->fields[i]);
      self->fields[i] = g_strdup (column_text (stmt, (int) i));
    }
  if (sqlite3_column_type (stmt, 6) == SQLITE_BLOB)
    {
      self->logo = g_bytes_new (sqlite3_column_blob (stmt, 6), (gsize) sqlite3_column_bytes (stmt, 6));
      self->logo_mime = g_strdup (column_text (stmt, 7));
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&self);
}

static gboolean
save_in_transaction (CantingDb  *db,
                     gpointer    user_data,
                     GError    **error)
{
  CantingProfile *self = user_data;
  sqlite3 *handle = canting_db_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle,
                           "UPDATE workshop SET name = ?1, owner = ?2, address = ?3, city = ?4, "
                           "phone = ?5, membership_number = ?6, logo = ?7, logo_mime = ?8, "
                           "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < N_TEXT_FIELDS; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (self->fields[i]));
      rc = sqlite3_bind_text (stmt, (int) i + 1, trimmed, -1, SQLITE_TRANSIENT);
    }
  if (rc == SQLITE_OK && self->logo != NULL)
    {
      gsize size;
      const void *data = g_bytes_get_data (self->logo, &size);
      rc = sqlite3_bind_blob64 (stmt, 7, data, size, SQLITE_TRANSIENT);
      if (rc == SQLITE_OK)
        rc = sqlite3_bind_text (stmt, 8, self->logo_mime, -1, SQLITE_TRANSIENT);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE && sqlite3_changes (handle) != 1)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CORRUPT,
                   _("The workshop profile is missing from the database."));
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, handle, rc, _("saving the workshop profile"));
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_profile_save (CantingProfile  *self,
                      CantingDb       *db,
                      GError         **error)
{
  g_return_val_if_fail (CANTING_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (CANTING_IS_DB (db), FALSE);

  if (!canting_profile_validate (self, error))
    return FALSE;
  return canting_db_transaction (db, save_in_transaction, self, error);
}
