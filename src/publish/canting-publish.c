/* canting-publish.c: libcurl set-up shared by every channel. */
#include "canting-publish.h"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>

#include "canting-error.h"

static CURLcode init_result = CURLE_OK;

static gpointer
init_once (gpointer data)
{
  /* curl_global_init is not thread-safe in libcurl 7.88: run it once, here. */
  init_result = curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

gboolean
canting_publish_init (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
  if (init_result != CURLE_OK)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("The network library could not start: %s"), curl_easy_strerror (init_result));
      return FALSE;
    }
  return TRUE;
}

const char *
canting_publish_user_agent (void)
{
  static char *agent;

  if (g_once_init_enter (&agent))
    {
      curl_version_info_data *info = curl_version_info (CURLVERSION_NOW);
      g_once_init_leave (&agent, g_strdup_printf ("Canting/%s libcurl/%s",
                                                          PACKAGE_VERSION, info->version));
    }
  return agent;
}
