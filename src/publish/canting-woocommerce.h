/* canting-woocommerce.h: what Canting says to a WooCommerce shop (wc/v3)
 * and what each of its answers means.
 *
 * Pure mapping, no network: an outbox operation becomes a request (a
 * method, a path under the shop's address and a JSON body), and a reply
 * (status, headers, body) becomes a problem code, the shop's ids, and a
 * message in the person's words, then the outcome the outbox records.
 * The replies it knows are those of a real WooCommerce 7.9
 * (tests/data/woocommerce-7.9/).  Sending is the worker's job. */
#pragma once

#include <json-glib/json-glib.h>

#include "canting-channel-order.h"
#include "canting-outbox.h"

G_BEGIN_DECLS

#define CANTING_WC_PRODUCTS_PATH   "/wp-json/wc/v3/products"
#define CANTING_WC_BATCH_PATH      "/wp-json/wc/v3/products/batch"
#define CANTING_WC_CATEGORIES_PATH "/wp-json/wc/v3/products/categories"
/* Photos go to WordPress's media library: WooCommerce's own keys cannot
 * upload them, an application password can. */
#define CANTING_WC_MEDIA_PATH      "/wp-json/wp/v2/media"
#define CANTING_WC_ORDERS_PATH     "/wp-json/wc/v3/orders"

/* WooCommerce refuses a batch of more than 100 items with 413
 * woocommerce_rest_request_entity_too_large. */
#define CANTING_WC_BATCH_MAX 100
/* The most orders WooCommerce lists on one page (per_page is 1 to 100). */
#define CANTING_WC_ORDERS_PER_PAGE 100

typedef struct {
  const char *method;  /* "GET", "POST", "PUT" */
  char       *path;    /* under the shop's address, query included */
  char       *body;    /* JSON, or NULL */
} CantingWcRequest;

void canting_wc_request_free (CantingWcRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingWcRequest, canting_wc_request_free)

/* The product as WooCommerce reads it: name, type simple, status,
 * regular_price as a string of whole rupiah (a JSON number is refused
 * with rest_invalid_param), sku, manage_stock, stock_quantity,
 * description, categories and images by id.  A stock operation sends
 * only the stock, an unpublish only the status (a draft: the product and
 * its SKU stay on the shop, so publishing again updates it).  Photos are
 * sent only when every one is on the shop already, so a photo still
 * uploading never wipes the shop's pictures.  An update carries its
 * "id" when @with_id (a batch item).  (transfer full) NULL with
 * CANTING_ERROR_INVALID for an image operation or an unreadable payload. */
JsonNode         *canting_wc_product_body    (const CantingOutboxOp  *op,
                                              gboolean                with_id,
                                              GError                **error);
/* The request that sends one product operation on its own.  (transfer full) */
CantingWcRequest *canting_wc_request_for_op  (const CantingOutboxOp  *op,
                                              GError                **error);
/* GET products?sku=: the lookup before a create whose earlier outcome
 * is unknown.  (transfer full) */
CantingWcRequest *canting_wc_lookup_request  (const char             *sku);
/* POST products/categories {"name"}.  (transfer full) */
CantingWcRequest *canting_wc_category_request (const char            *name);

typedef struct {
  char      *body;     /* {"create": [...], "update": [...]} */
  GPtrArray *creates;  /* CantingOutboxOp, borrowed: the order of "create" */
  GPtrArray *updates;  /* ... of "update" (updates, stock, unpublish) */
} CantingWcBatch;

void canting_wc_batch_free (CantingWcBatch *batch);

/* Product operations of @ops (photo uploads are left out: they go one by
 * one to the media library) in batch bodies of at most @max_items
 * (CANTING_WC_BATCH_MAX, or half of it after a 413).  (transfer full)
 * (element-type CantingWcBatch) */
GPtrArray *canting_wc_batches (GPtrArray  *ops,
                               guint       max_items,
                               GError    **error);

typedef enum {
  CANTING_WC_OK,
  CANTING_WC_DUPLICATE_SKU,  /* product_invalid_sku: remote_id is the product that has it */
  CANTING_WC_TERM_EXISTS,    /* term_exists: remote_id is the category that has the name */
  CANTING_WC_NOT_FOUND,      /* 404 ..._invalid_id: the shop has no such product */
  CANTING_WC_AUTH,           /* 401, 403: the user name, password or key */
  CANTING_WC_TOO_LARGE,      /* 413: split the batch */
  CANTING_WC_INVALID,        /* another 4xx: the shop will not take what was sent */
  CANTING_WC_IMAGE,          /* a photo it could not attach: upload it first */
  CANTING_WC_RATE_LIMITED,   /* 429 */
  CANTING_WC_SERVER,         /* 5xx */
  CANTING_WC_NO_REPLY,       /* no HTTP reply at all */
  CANTING_WC_MALFORMED,      /* a reply that is not what WooCommerce sends */
} CantingWcProblem;

typedef struct {
  guint             status;       /* HTTP status; 0: no reply */
  CantingWcProblem  problem;
  gint64            remote_id;    /* the id the reply gives (resource_id for duplicates) */
  char             *permalink;    /* a product's page, or NULL */
  char             *code;         /* WooCommerce's error code, or NULL */
  char             *message;      /* in the person's words, translated; NULL when OK */
  char             *retry_after;  /* the Retry-After header, or NULL */
} CantingWcReply;

void canting_wc_reply_clear (CantingWcReply *reply);
void canting_wc_reply_free  (CantingWcReply *reply);

/* Headers as received ("HTTP/1.1 201 Created\r\nLocation: ...").  Names
 * in lower case; a repeated header's values joined by ", ".  The status
 * through @out_status (0 without a status line).  (transfer full) */
GHashTable *canting_wc_parse_headers (const char *text,
                                      guint      *out_status);

/* Reads a reply to one request (a product, a category, a media upload,
 * or an error envelope {code, message, data: {status, ...}}).
 * @headers may be NULL.  Always fills @out; the problem says what
 * happened. */
void        canting_wc_parse_reply   (guint            status,
                                      GHashTable      *headers,
                                      const char      *body,
                                      gssize           length,
                                      CantingWcReply  *out);

/* Reads a batch reply: one CantingWcReply per operation of @batch,
 * creates then updates.  A 200 can carry an error per item
 * ({"id": 0, "error": {...}}); a reply that is not a batch (401, 413,
 * 5xx) gives every item that reply.  (transfer full) (element-type
 * CantingWcReply) */
GPtrArray  *canting_wc_parse_batch   (const CantingWcBatch *batch,
                                      guint                 status,
                                      GHashTable           *headers,
                                      const char           *body,
                                      gssize                length);

/* Reads the reply to a lookup by SKU: TRUE with the product's id and
 * page when the shop has @sku, TRUE with 0 when it has none, FALSE with
 * @error for a reply that is not a list of products. */
gboolean    canting_wc_parse_lookup  (const char   *body,
                                      gssize        length,
                                      const char   *sku,
                                      gint64       *out_id,
                                      char        **out_permalink,
                                      GError      **error);

/* The pagination of a list (orders, products): X-WP-Total,
 * X-WP-TotalPages (-1 when absent) and the Link header's rel="next"
 * address (NULL on the last page). */
void        canting_wc_parse_pagination (GHashTable  *headers,
                                         gint64      *out_total,
                                         gint64      *out_total_pages,
                                         char       **out_next);

/* GET orders changed after @modified_after ("YYYY-MM-DDTHH:MM:SS", UTC:
 * dates_are_gmt), CANTING_WC_ORDERS_PER_PAGE a page, page @page (from
 * 1).  The shop's own order (newest first) is kept: while Canting reads,
 * new and changed orders only join the list, so a page boundary can show
 * an order twice but never skip one.  (transfer full) */
CantingWcRequest *canting_wc_orders_request (const char   *modified_after,
                                             guint         page);

/* Reads a page of orders: (transfer full) (element-type
 * CantingRemoteOrder), or NULL with @error for a reply that is not a
 * list of orders.  A checkout still being filled in is no order and is
 * left out; entries that cannot be read as orders (no id, an amount that
 * is no number) are left out and counted in @out_unreadable.  Statuses a
 * plugin added count as processing when the order is paid, else as
 * pending. */
GPtrArray  *canting_wc_parse_orders  (const char   *body,
                                      gssize        length,
                                      guint        *out_unreadable,
                                      GError      **error);

/* What the outbox records for @op after @reply: OK is sent, a duplicate
 * SKU on create is adopted, a product gone is made again after a lookup,
 * a refused photo is uploaded again, a refusal (4xx) fails with its
 * message and is never retried, and the rest are retried with the retry
 * policy (@jitter from 0 to 1, @now NULL for the current time).  A
 * create that may have reached the shop (no reply, a server error, an
 * unreadable 2xx) has an unknown outcome: looked up before it is made
 * again.  @out is cleared by the caller with
 * canting_outbox_outcome_clear(). */
void        canting_wc_outcome       (const CantingOutboxOp  *op,
                                      const CantingWcReply   *reply,
                                      double                  jitter,
                                      GDateTime              *now,
                                      CantingOutboxOutcome   *out);

G_END_DECLS
