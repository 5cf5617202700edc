/* canting-channel-driver.h: what a marketplace is to the worker.
 *
 * A driver is one platform's half of publishing, with no network in it:
 * it turns outbox operations into requests (a method, a path under the
 * shop's address, a body) and the shop's replies (status, headers, body)
 * into what they mean.  The worker (canting-publish-worker.c) does the
 * rest for every platform alike: taking due operations, sending through
 * libcurl, retries, signing in, recording each outcome.  Adding a
 * marketplace is one new file that fills a CantingChannelDriver, named
 * in canting_channel_driver_for_kind().
 *
 * The types here are the words drivers and the worker share. */
#pragma once

#include <json-glib/json-glib.h>

#include "canting-channel.h"
#include "canting-channel-order.h"
#include "canting-outbox.h"

G_BEGIN_DECLS

typedef struct {
  const char *method;        /* "GET", "POST", "PUT" */
  char       *path;          /* under the shop's address, query included */
  char       *body;          /* text (JSON), or NULL */
  const char *content_type;  /* of the body or the upload, or NULL */
  /* An upload (a photo): its bytes, sent as a file of that name. */
  GBytes     *data;
  char       *filename;
} CantingRemoteRequest;

void canting_remote_request_free (CantingRemoteRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingRemoteRequest, canting_remote_request_free)

/* Several product operations in one request, where the platform takes
 * them so. */
typedef struct {
  char      *body;     /* {"create": [...], "update": [...]} */
  GPtrArray *creates;  /* CantingOutboxOp, borrowed: the order of "create" */
  GPtrArray *updates;  /* ... of "update" (updates, stock, unpublish) */
} CantingRemoteBatch;

void canting_remote_batch_free (CantingRemoteBatch *batch);

/* What a reply means, whatever the platform said it with. */
typedef enum {
  CANTING_REMOTE_OK,
  CANTING_REMOTE_DUPLICATE_SKU,  /* the SKU is taken: remote_id is the product that has it */
  CANTING_REMOTE_TERM_EXISTS,    /* the category exists: remote_id is the one with the name */
  CANTING_REMOTE_NOT_FOUND,      /* the shop has no such product */
  CANTING_REMOTE_AUTH,           /* 401, 403: the user name, password or key */
  CANTING_REMOTE_TOO_LARGE,      /* 413: split the batch */
  CANTING_REMOTE_INVALID,        /* another 4xx: the shop will not take what was sent */
  CANTING_REMOTE_IMAGE,          /* a photo it could not attach: upload it first */
  CANTING_REMOTE_RATE_LIMITED,   /* 429 */
  CANTING_REMOTE_SERVER,         /* 5xx */
  CANTING_REMOTE_NO_REPLY,       /* no HTTP reply at all */
  CANTING_REMOTE_MALFORMED,      /* a reply that is not what the platform sends */
} CantingRemoteProblem;

typedef struct {
  guint                 status;       /* HTTP status; 0: no reply */
  CantingRemoteProblem  problem;
  gint64                remote_id;    /* the id the reply gives (the holder's for duplicates) */
  char                 *permalink;    /* a product's page, or NULL */
  char                 *code;         /* the platform's error code, or NULL */
  char                 *message;      /* in the person's words, translated; NULL when OK */
  char                 *retry_after;  /* the Retry-After header, or NULL */
} CantingRemoteReply;

void canting_remote_reply_clear (CantingRemoteReply *reply);
void canting_remote_reply_free  (CantingRemoteReply *reply);

/* Headers as received ("HTTP/1.1 201 Created\r\nLocation: ...").  Names
 * in lower case; a repeated header's values joined by ", ".  The status
 * through @out_status (0 without a status line).  (transfer full) */
GHashTable *canting_remote_parse_headers (const char *text,
                                          guint      *out_status);

/* The type of a photo's bytes (PNG, JPEG, WebP), by its first bytes,
 * else by its name. */
const char *canting_remote_image_type (GBytes     *data,
                                       const char *name);

typedef struct {
  CantingChannelKind kind;
  /* The most product operations one batch request carries. */
  guint       batch_max;
  /* The most orders one page of orders lists. */
  guint       orders_per_page;
  /* How many lists a sync of orders reads one after the other (each
   * paged): a platform may leave some orders out of its default list. */
  guint       orders_passes;

  /* Requests.  Each (transfer full). */
  /* NULL with @error for an operation whose payload cannot be sent
   * (unreadable, or an image operation): it fails on its own. */
  gboolean              (*check_op)         (const CantingOutboxOp  *op,
                                             GError                **error);
  /* Product operations in batches of at most @max_items
   * (element-type CantingRemoteBatch). */
  GPtrArray            *(*batches)          (GPtrArray              *ops,
                                             guint                   max_items,
                                             GError                **error);
  /* The request that sends @batch. */
  CantingRemoteRequest *(*batch_request)    (const CantingRemoteBatch *batch);
  /* Looking up a product by SKU before a create whose earlier outcome
   * is unknown. */
  CantingRemoteRequest *(*lookup_request)   (const char             *sku);
  /* Making a shop category. */
  CantingRemoteRequest *(*category_request) (const char             *name);
  /* Uploading @op's photo @data, signed in as @auth; NULL with @error
   * (in the person's words) when this sign-in cannot upload photos. */
  CantingRemoteRequest *(*image_request)    (const CantingOutboxOp  *op,
                                             CantingChannelAuth      auth,
                                             GBytes                 *data,
                                             GError                **error);
  /* Page @page (from 1) of list @pass (from 0) of the orders changed
   * after @modified_after ("YYYY-MM-DDTHH:MM:SS", UTC). */
  CantingRemoteRequest *(*orders_request)   (const char             *modified_after,
                                             guint                   pass,
                                             guint                   page);

  /* Replies. */
  void        (*parse_reply)      (guint                     status,
                                   GHashTable               *headers,
                                   const char               *body,
                                   gssize                    length,
                                   CantingRemoteReply       *out);
  /* One CantingRemoteReply per operation of @batch, creates then
   * updates.  (transfer full) */
  GPtrArray  *(*parse_batch)      (const CantingRemoteBatch *batch,
                                   guint                     status,
                                   GHashTable               *headers,
                                   const char               *body,
                                   gssize                    length);
  /* TRUE with the product's id (0: none) and page; FALSE with @error
   * for a reply that is not a list of products. */
  gboolean    (*parse_lookup)     (const char               *body,
                                   gssize                    length,
                                   const char               *sku,
                                   gint64                   *out_id,
                                   char                    **out_permalink,
                                   GError                  **error);
  /* The total, the page count (-1 when unknown) and the next page's
   * address (NULL on the last). */
  void        (*parse_pagination) (GHashTable               *headers,
                                   gint64                   *out_total,
                                   gint64                   *out_total_pages,
                                   char                    **out_next);
  /* (element-type CantingRemoteOrder), or NULL with @error. */
  GPtrArray  *(*parse_orders)     (const char               *body,
                                   gssize                    length,
                                   guint                    *out_unreadable,
                                   GError                  **error);
  /* What the outbox records for @op after @reply. */
  void        (*outcome)          (const CantingOutboxOp    *op,
                                   const CantingRemoteReply *reply,
                                   double                    jitter,
                                   GDateTime                *now,
                                   CantingOutboxOutcome     *out);
} CantingChannelDriver;

/* The driver of channels of @kind, or NULL for a kind nothing is sent to
 * (the e-Peken pack is written to a folder, not sent). */
const CantingChannelDriver *canting_channel_driver_for_kind (CantingChannelKind kind);

G_END_DECLS
