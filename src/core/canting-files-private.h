/* canting-files-private.h: files the records name (product photos, lab
 * reports), kept in folders of the data dir under names made from their
 * content, so the same file is stored once and a backup of the database
 * names them for good. */
#pragma once

#include <gio/gio.h>

#include "canting-db.h"

G_BEGIN_DECLS

/* Writes @bytes as <data dir>/<@folder>/<sha256>.<@extension> (once; the
 * folder private to the owner) and returns that name.  (transfer full) */
char *canting_stored_file_write (CantingDb   *db,
                                 const char  *folder,
                                 GBytes      *bytes,
                                 const char  *extension,
                                 GError     **error);

G_END_DECLS
