/* canting-channel-driver.c: the words drivers and the worker share, and
 * which driver serves which kind of channel. */
#include "canting-channel-driver.h"

#include "config.h"

#include <string.h>

#include "canting-woocommerce.h"

void
canting_remote_request_free (CantingRemoteRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->path);
  g_free (request->body);
  g_clear_pointer (&request->data, g_bytes_unref);
  g_free (request->filename);
  g_free (request);
}

void
canting_remote_batch_free (CantingRemoteBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->body);
  g_clear_pointer (&batch->creates, g_ptr_array_unref);
  g_clear_pointer (&batch->updates, g_ptr_array_unref);
  g_free (batch);
}

void
canting_remote_reply_clear (CantingRemoteReply *reply)
{
  g_clear_pointer (&reply->permalink, g_free);
  g_clear_pointer (&reply->code, g_free);
  g_clear_pointer (&reply->message, g_free);
  g_clear_pointer (&reply->retry_after, g_free);
}

void
canting_remote_reply_free (CantingRemoteReply *reply)
{
  if (reply == NULL)
    return;
  canting_remote_reply_clear (reply);
  g_free (reply);
}

GHashTable *
canting_remote_parse_headers (const char *text,
                              guint      *out_status)
{
  GHashTable *headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  if (out_status != NULL)
    *out_status = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      const char *colon;

      if (g_str_has_prefix (line, "HTTP/"))
        {
          /* A new status line starts a new reply (a 100 Continue or a
           * redirect before it): forget the earlier headers. */
          const char *space = strchr (line, ' ');
          g_hash_table_remove_all (headers);
          if (out_status != NULL && space != NULL)
            *out_status = (guint) g_ascii_strtoull (space + 1, NULL, 10);
          continue;
        }
      if ((colon = strchr (line, ':')) == NULL || colon == line)
        continue;
      {
        g_autofree char *raw_name = g_strndup (line, colon - line);
        char *name = g_ascii_strdown (g_strstrip (raw_name), -1);
        g_autofree char *value = g_strstrip (g_strdup (colon + 1));
        const char *before = g_hash_table_lookup (headers, name);

        g_hash_table_replace (headers, name,
                              before != NULL ? g_strdup_printf ("%s, %s", before, value) : g_strdup (value));
      }
    }
  return headers;
}

const char *
canting_remote_image_type (GBytes     *data,
                           const char *name)
{
  gsize size = 0;
  const guchar *b = data != NULL ? g_bytes_get_data (data, &size) : NULL;

  if (size >= 8 && memcmp (b, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
    return "image/jpeg";
  if (size >= 12 && memcmp (b, "RIFF", 4) == 0 && memcmp (b + 8, "WEBP", 4) == 0)
    return "image/webp";
  return name != NULL && g_str_has_suffix (name, ".png") ? "image/png" : "image/jpeg";
}

const CantingChannelDriver *
canting_channel_driver_for_kind (CantingChannelKind kind)
{
  switch (kind)
    {
    case CANTING_CHANNEL_WOOCOMMERCE:
      return &canting_woocommerce_driver;
    case CANTING_CHANNEL_EPEKEN:
    default:
      return NULL;
    }
}
