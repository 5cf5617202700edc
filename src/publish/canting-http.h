/* canting-http.h: one request to a shop, answered before it returns.
 *
 * The publishing worker sends through libcurl's multi interface, many
 * requests side by side.  Where one answer is needed now (checking a
 * channel's sign-in, a test against a real WordPress), a caller uses
 * canting_http_send(): the same libcurl set-up as every request to a
 * shop (canting-http-private.h), one request, the reply as received,
 * ready for a driver's parse_reply() and parse_pagination().
 *
 * Not here: what the reply means (canting-channel-driver.h), retries (the
 * caller's, canting-retry.h), where the password comes from
 * (canting-secret.h). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  guint       status;   /* the HTTP status of the last reply */
  GHashTable *headers;  /* as canting_remote_parse_headers() reads them: lower-case names */
  GBytes     *body;     /* empty when the reply had none */
} CantingHttpReply;

void canting_http_reply_free (CantingHttpReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingHttpReply, canting_http_reply_free)

/* Sends @method ("GET", "POST", "PUT", "DELETE") to @url, signed in with
 * HTTP Basic as @user with @password (both NULL: not signed in), with
 * @body (nullable) as its content of @content_type.  With @filename,
 * the body is an upload of that name (Content-Disposition: attachment,
 * which WordPress's media library reads).  Blocks until the reply, at
 * most as long as the worker waits for one.  Any HTTP status is a
 * reply; NULL with @error (CANTING_ERROR_IO, with libcurl's reason, or
 * G_IO_ERROR_CANCELLED) only when none came.  (transfer full) */
CantingHttpReply *canting_http_send (const char    *method,
                                     const char    *url,
                                     const char    *user,
                                     const char    *password,
                                     const char    *content_type,
                                     const char    *filename,
                                     GBytes        *body,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
