/* replay-main.c: runs a fuzz harness over files, without a fuzzing engine.
 *
 * Usage: fuzz-NAME [FILE|DIR]...  Each file (each file of each folder) is
 * one input.  The ordinary test suite runs every harness so over its seed
 * corpus and its regressions/ (inputs that once crashed), so a fixed
 * crash stays fixed with gcc as well as under clang's libFuzzer. */
#include "fuzz.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static guint
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* A fixed order, so a failure replays the same way. */
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        n += run_path (names->pdata[i]);
      return n;
    }
  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("%s", error->message);
  fprintf (stderr, "%s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);
  /* TAP, for meson. */
  printf ("1..1\n");
  if (n == 0)
    {
      printf ("not ok 1 - no inputs found\n");
      return 1;
    }
  printf ("ok 1 - %u inputs ran without a crash or a wrong answer\n", n);
  return 0;
}
