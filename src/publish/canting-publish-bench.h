/* canting-publish-bench.h: how much faster the worker publishes than
 * sending one product at a time.
 *
 * `canting-cli bench publish` runs two practice shops with the same
 * latency (the CLI owns the shops; this layer only talks HTTP) and
 * publishes the same products to each: through the outbox worker (the
 * multi interface, batches of 100, several connections), and, as the
 * baseline, with plain libcurl easy requests, one product per request,
 * one after the other. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Builds a workshop of @n_products products in @data_dir (a new empty
 * folder), then times publishing them all to @canting_url through the
 * worker, and the same products to @baseline_url one request at a time.
 * Both shops take @user and its application password.  FALSE with
 * @error if either did not end with every product on its shop.
 * (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_publish_bench (const char  *data_dir,
                                  const char  *canting_url,
                                  const char  *baseline_url,
                                  const char  *user,
                                  const char  *app_password,
                                  guint        n_products,
                                  GError     **error);

G_END_DECLS
