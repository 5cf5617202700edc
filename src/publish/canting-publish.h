/* canting-publish.h: the publishing layer's entry points.
 *
 * Only src/publish touches libcurl.  This first piece sets libcurl up once
 * per process and names Canting to the shops it talks to; channels and the
 * outbox worker build on it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises libcurl exactly once (thread-safe).  FALSE with @error when
 * libcurl cannot start (no TLS backend, say). */
gboolean    canting_publish_init       (GError **error);

/* "Canting/0.1.0 libcurl/7.88.1": shops log it, and it tells a shop's
 * owner which program made a listing. */
const char *canting_publish_user_agent (void);

G_END_DECLS
