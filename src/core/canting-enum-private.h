/* canting-enum-private.h: the small enums of the core (order status,
 * technique, material kind…) each have a table of the id stored in the
 * database and the label people read; these look them up. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *id;     /* as stored: "in_production" */
  const char *label;  /* N_(), translated when read */
} CantingEnumName;

const char *canting_enum_id     (const CantingEnumName *names,
                                 guint                  n_names,
                                 guint                  value);
const char *canting_enum_label  (const CantingEnumName *names,
                                 guint                  n_names,
                                 guint                  value);
/* Finds @text among the ids, whatever its ASCII capitals. */
gboolean    canting_enum_lookup (const CantingEnumName *names,
                                 guint                  n_names,
                                 const char            *text,
                                 guint                 *out_value);

G_END_DECLS
