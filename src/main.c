/* main.c: the canting GUI entry point.
 *
 * Sets up locale and translations (honouring the language chosen in
 * Preferences) before GTK starts, then hands over to CantingApplication. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "canting-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CantingApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  GSettingsSchema *schema;
  const char *localedir = g_getenv ("CANTING_LOCALEDIR");

  setlocale (LC_ALL, "");
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr ("canting: the settings schema %s is not installed. "
                  "Run Canting with ./build-aux/dev.sh run, meson devenv, or install it.\n", APP_ID);
      return 1;
    }
  g_settings_schema_unref (schema);
  settings = g_settings_new (APP_ID);
  canting_application_apply_language (settings);

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = canting_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
