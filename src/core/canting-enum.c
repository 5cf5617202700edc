/* canting-enum.c: looking up the core's enum tables. */
#include "canting-enum-private.h"

#include "canting-i18n.h"

const char *
canting_enum_id (const CantingEnumName *names,
                 guint                  n_names,
                 guint                  value)
{
  g_return_val_if_fail (value < n_names, NULL);
  return names[value].id;
}

const char *
canting_enum_label (const CantingEnumName *names,
                    guint                  n_names,
                    guint                  value)
{
  g_return_val_if_fail (value < n_names, NULL);
  return g_dgettext (GETTEXT_PACKAGE, names[value].label);
}

gboolean
canting_enum_lookup (const CantingEnumName *names,
                     guint                  n_names,
                     const char            *text,
                     guint                 *out_value)
{
  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (text != NULL ? text : "", names[i].id) == 0)
      {
        *out_value = i;
        return TRUE;
      }
  return FALSE;
}
