/* canting-application.h: the running app: one workshop database, its
 * profile, the settings, the windows. */
#pragma once

#include <adwaita.h>

#include "canting-db.h"
#include "canting-profile.h"

G_BEGIN_DECLS

#define CANTING_TYPE_APPLICATION (canting_application_get_type ())
G_DECLARE_FINAL_TYPE (CantingApplication, canting_application, CANTING, APPLICATION, AdwApplication)

CantingApplication *canting_application_new          (void);

/* (transfer none) (nullable): NULL until the database is open. */
CantingDb          *canting_application_get_db       (CantingApplication *self);
/* (transfer none): the one profile object every view binds to. */
CantingProfile     *canting_application_get_profile  (CantingApplication *self);
GSettings          *canting_application_get_settings (CantingApplication *self);
const char         *canting_application_get_data_dir (CantingApplication *self);

/* Re-reads everything from the database after it was replaced under the
 * views (a restore) and tells them through ::data-replaced. */
void                canting_application_reload       (CantingApplication *self);
/* Sends what waits in the outbox now (after a publish was asked for, or
 * a shop's password fixed).  "published" is emitted as things go. */
void                canting_application_publish_now  (CantingApplication *self);

/* Trainer mode (canting-trainer.c): opens the workshop in @data_dir in
 * place of the open one, every window made anew; on failure the one
 * that was open stays.  And stops the publishing worker until the next
 * canting_application_reload() (a practice workshop being reset). */
gboolean            canting_application_switch_workshop (CantingApplication  *self,
                                                         const char          *data_dir,
                                                         GError             **error);
void                canting_application_stop_publisher  (CantingApplication  *self);

/* Applies the language chosen in Preferences.  Must run before the first
 * translated string is looked up, so main() calls it first thing. */
void                canting_application_apply_language (GSettings *settings);

G_END_DECLS
