/* canting-cli-publish.h: canting-cli's channel, publish, sync and bench
 * publish commands (canting-cli-publish.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CANTING_CLI_PUBLISH_WAITING,  /* only what is queued already */
  CANTING_CLI_PUBLISH_ALL,
  CANTING_CLI_PUBLISH_SKUS,
  CANTING_CLI_PUBLISH_CHANGED,
} CantingCliPublishWhat;

int canting_cli_channel_add    (const char             *data_dir,
                                const char             *name,
                                const char             *url,
                                const char             *user,
                                gboolean                consumer_key);
int canting_cli_channel_list   (const char             *data_dir);
int canting_cli_publish        (const char             *data_dir,
                                const char             *channel_name,
                                CantingCliPublishWhat   what,
                                const char * const     *skus,
                                gboolean                dry_run);
int canting_cli_sync           (const char             *data_dir,
                                const char             *channel_name);
int canting_cli_bench_publish  (guint                   n_products,
                                guint                   latency_ms);

G_END_DECLS
