/* canting-error.h: the one error domain the core reports through.
 *
 * Codes say what a caller can do about it; the message says, in the
 * user's language, what is wrong and where. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CANTING_ERROR (canting_error_quark ())

typedef enum {
  CANTING_ERROR_INVALID,    /* bad input from a person or a file */
  CANTING_ERROR_CORRUPT,    /* the database file is damaged or not a database */
  CANTING_ERROR_TOO_NEW,    /* written by a newer Canting; left untouched */
  CANTING_ERROR_IO,         /* a file could not be read, written or moved */
  CANTING_ERROR_DB,         /* SQLite refused an operation */
  CANTING_ERROR_NOT_FOUND,  /* a record or file that should exist does not */
  CANTING_ERROR_IN_USE,     /* a record others depend on: archive it instead */
  CANTING_ERROR_CONFLICT,   /* the change breaks a rule about the record's state */
} CantingErrorCode;

GQuark canting_error_quark (void);

G_END_DECLS
