/* canting-paths.h: where a workshop's files live.
 *
 * One data dir per workshop: the database, its backups and copied photos.
 * Default $XDG_DATA_HOME/canting; CANTING_DATA_DIR or --data-dir override
 * it (tests, trainers' demo workshops). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *canting_paths_default_data_dir (void);
char *canting_paths_database_file    (const char *data_dir);
char *canting_paths_backup_dir       (const char *data_dir);

/* Creates @dir (and parents) readable only by the owner: workshop records
 * are private business data on a possibly shared laptop. */
gboolean canting_paths_ensure_private_dir (const char  *dir,
                                           GError     **error);

G_END_DECLS
