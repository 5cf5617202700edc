/* test-publish.c: the publishing layer starts libcurl and names itself. */
#include "config.h"

#include <string.h>

#include "canting-publish.h"

static void
test_init_and_user_agent (void)
{
  g_autoptr(GError) error = NULL;
  const char *agent;

  g_assert_true (canting_publish_init (&error));
  g_assert_no_error (error);
  /* Twice is harmless: channels each call it. */
  g_assert_true (canting_publish_init (&error));

  agent = canting_publish_user_agent ();
  g_assert_true (g_str_has_prefix (agent, "Canting/" PACKAGE_VERSION " "));
  g_assert_nonnull (strstr (agent, "libcurl/"));
  g_assert_true (agent == canting_publish_user_agent ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/publish/init-and-user-agent", test_init_and_user_agent);
  return g_test_run ();
}
