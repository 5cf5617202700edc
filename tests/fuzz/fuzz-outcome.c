/* fuzz-outcome.c: reading outcome files and merging them.
 *
 * Input: one to three outcome files separated by a line "----".  Each is
 * read on its own (canting_outcome_from_json), then all are merged as the
 * association's report would be (canting_outcome_merge), and the merged
 * report written as CSV.  A damaged file is skipped with a reason, never
 * counted: every file is either counted or skipped, exactly once. */
#include "fuzz.h"

#include "canting-outcome.h"
#include "canting-outcome-merge.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILES 3

static char *dir;

static void
remove_dir (void)
{
  for (int i = 0; i < MAX_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("hasil-%d.json", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_setup_logging (NULL);

  dir = g_dir_make_tmp ("canting-fuzz-outcome-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  atexit (remove_dir);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CantingOutcomeMerge) merge = NULL;
  g_autoptr(GBytes) csv = NULL;
  char *paths[MAX_FILES + 1] = { NULL };
  const char *start = (const char *) data, *end = start + size;
  guint n = 0;

  while (n < MAX_FILES)
    {
      const char *sep = n + 1 < MAX_FILES ? g_strstr_len (start, end - start, "\n----\n") : NULL;
      const char *stop = sep != NULL ? sep : end;
      g_autofree char *name = g_strdup_printf ("hasil-%u.json", n);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) write_error = NULL;
      g_autoptr(CantingOutcome) read = canting_outcome_from_json (start, (gsize) (stop - start), &error);

      FUZZ_CHECK ((read == NULL) == (error != NULL));
      paths[n] = g_build_filename (dir, name, NULL);
      if (!g_file_set_contents (paths[n], start, stop - start, &write_error))
        g_error ("%s", write_error->message);
      n++;
      if (sep == NULL)
        break;
      start = sep + 6;
    }

  merge = canting_outcome_merge ((const char * const *) paths, n);
  FUZZ_CHECK (merge != NULL);
  FUZZ_CHECK (merge->outcomes->len + merge->skipped->len == n);
  csv = canting_outcome_merge_csv (merge, ';');
  FUZZ_CHECK (csv != NULL);
  for (guint i = 0; i < n; i++)
    g_free (paths[i]);
  return 0;
}
