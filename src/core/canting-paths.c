/* canting-paths.c: data dir resolution. */
#include "canting-paths.h"

#include "canting-error.h"
#include "canting-i18n.h"

#include <errno.h>
#include <glib/gstdio.h>

#define DATABASE_FILE_NAME "canting.db"
#define BACKUP_DIR_NAME "backups"

char *
canting_paths_default_data_dir (void)
{
  const char *env = g_getenv ("CANTING_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_canonicalize_filename (env, NULL);
  return g_build_filename (g_get_user_data_dir (), "canting", NULL);
}

char *
canting_paths_database_file (const char *data_dir)
{
  return g_build_filename (data_dir, DATABASE_FILE_NAME, NULL);
}

char *
canting_paths_backup_dir (const char *data_dir)
{
  return g_build_filename (data_dir, BACKUP_DIR_NAME, NULL);
}

gboolean
canting_paths_ensure_private_dir (const char  *dir,
                                  GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
