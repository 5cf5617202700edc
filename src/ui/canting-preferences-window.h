/* canting-preferences-window.h: workshop profile, language, backups. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_PREFERENCES_WINDOW (canting_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CantingPreferencesWindow, canting_preferences_window,
                      CANTING, PREFERENCES_WINDOW, AdwPreferencesWindow)

CantingPreferencesWindow *canting_preferences_window_new (CantingApplication *application);

/* Saves an edit still waiting for its typing pause.  FALSE with @error
 * when the profile as typed is not valid (nothing is saved then). */
gboolean canting_preferences_window_flush (CantingPreferencesWindow  *self,
                                           GError                   **error);

G_END_DECLS
