/* canting-profile.h: the workshop profile (name, owner, address, logo...).
 *
 * Stored in the database, one row, so a backup carries it.  The profile is
 * what reports and listings are signed with. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"

G_BEGIN_DECLS

/* A logo is shown small (about 128 px); 2 MiB is a generous photo of one
 * and keeps the database, and every backup of it, small. */
#define CANTING_PROFILE_LOGO_MAX_BYTES (2 * 1024 * 1024)

/* Which field a validation error is about, as the error's code under
 * CANTING_PROFILE_ERROR, so a form can mark the right row. */
#define CANTING_PROFILE_ERROR (canting_profile_error_quark ())
typedef enum {
  CANTING_PROFILE_FIELD_NAME,
  CANTING_PROFILE_FIELD_OWNER,
  CANTING_PROFILE_FIELD_ADDRESS,
  CANTING_PROFILE_FIELD_CITY,
  CANTING_PROFILE_FIELD_PHONE,
  CANTING_PROFILE_FIELD_MEMBERSHIP,
  CANTING_PROFILE_FIELD_LOGO,
} CantingProfileField;
GQuark canting_profile_error_quark (void);

#define CANTING_TYPE_PROFILE (canting_profile_get_type ())
G_DECLARE_FINAL_TYPE (CantingProfile, canting_profile, CANTING, PROFILE, GObject)

CantingProfile *canting_profile_new  (void);
CantingProfile *canting_profile_load (CantingDb       *db,
                                      GError         **error);
/* Validates, then saves in one transaction.  Text is trimmed. */
gboolean        canting_profile_save (CantingProfile  *self,
                                      CantingDb       *db,
                                      GError         **error);

/* Checks one field's text as a form would while someone types. */
gboolean        canting_profile_validate_field (CantingProfileField   field,
                                                const char           *text,
                                                GError              **error);
gboolean        canting_profile_validate       (CantingProfile       *self,
                                                GError              **error);

/* A profile counts as set up once it has a name: the welcome page shows
 * until then. */
gboolean        canting_profile_is_set_up (CantingProfile *self);

const char *canting_profile_get_name       (CantingProfile *self);
void        canting_profile_set_name       (CantingProfile *self, const char *name);
const char *canting_profile_get_owner      (CantingProfile *self);
void        canting_profile_set_owner      (CantingProfile *self, const char *owner);
const char *canting_profile_get_address    (CantingProfile *self);
void        canting_profile_set_address    (CantingProfile *self, const char *address);
const char *canting_profile_get_city       (CantingProfile *self);
void        canting_profile_set_city       (CantingProfile *self, const char *city);
const char *canting_profile_get_phone      (CantingProfile *self);
void        canting_profile_set_phone      (CantingProfile *self, const char *phone);
const char *canting_profile_get_membership (CantingProfile *self);
void        canting_profile_set_membership (CantingProfile *self, const char *membership);

/* The field's text by enum, for forms that loop over fields. */
const char *canting_profile_get_field (CantingProfile      *self,
                                       CantingProfileField  field);
void        canting_profile_set_field (CantingProfile      *self,
                                       CantingProfileField  field,
                                       const char          *text);

/* (nullable) (transfer none) */
GBytes     *canting_profile_get_logo      (CantingProfile *self);
const char *canting_profile_get_logo_mime (CantingProfile *self);
/* Sets the logo from file bytes after checking size and type (PNG, JPEG,
 * WebP or SVG).  NULL removes it. */
gboolean    canting_profile_set_logo      (CantingProfile  *self,
                                           GBytes          *bytes,
                                           GError         **error);

G_END_DECLS
