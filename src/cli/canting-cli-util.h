/* canting-cli-util.h: what canting-cli's commands share. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Prints @error as canting-cli's error line, frees it, and gives the
 * exit status of a command that failed (1). */
int  canting_cli_fail        (GError *error);
/* Removes @file and everything under it, as far as it can. */
void canting_cli_remove_tree (GFile  *file);

G_END_DECLS
