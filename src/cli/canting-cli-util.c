/* canting-cli-util.c: what canting-cli's commands share. */
#include "canting-cli-util.h"

int
canting_cli_fail (GError *error)
{
  g_printerr ("canting-cli: %s\n", error->message);
  g_error_free (error);
  return 1;
}

void
canting_cli_remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      canting_cli_remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}
