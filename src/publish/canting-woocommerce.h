/* canting-woocommerce.h: what Canting says to a WooCommerce shop (wc/v3)
 * and what each of its answers means.
 *
 * Pure mapping, no network: an outbox operation becomes a request (a
 * method, a path under the shop's address and a JSON body), and a reply
 * (status, headers, body) becomes a problem code, the shop's ids, and a
 * message in the person's words, then the outcome the outbox records.
 * The replies it knows are those of a real WooCommerce 7.9
 * (tests/data/woocommerce-7.9/).  Sending is the worker's job; the
 * worker knows these functions as canting_woocommerce_driver. */
#pragma once

#include "canting-channel-driver.h"

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
CantingRemoteRequest *canting_wc_request_for_op  (const CantingOutboxOp  *op,
                                              GError                **error);
/* GET products?sku=: the lookup before a create whose earlier outcome
 * is unknown.  (transfer full) */
CantingRemoteRequest *canting_wc_lookup_request  (const char             *sku);
/* POST products/categories {"name"}.  (transfer full) */
CantingRemoteRequest *canting_wc_category_request (const char            *name);
/* POST wp/v2/media with the photo's bytes; NULL with CANTING_ERROR_INVALID
 * when signed in with a consumer key (WooCommerce's keys cannot upload
 * to WordPress's media library).  (transfer full) */
CantingRemoteRequest *canting_wc_image_request   (const CantingOutboxOp  *op,
                                                  CantingChannelAuth      auth,
                                                  GBytes                 *data,
                                                  GError                **error);


/* Product operations of @ops (photo uploads are left out: they go one by
 * one to the media library) in batch bodies of at most @max_items
 * (CANTING_WC_BATCH_MAX, or half of it after a 413).  (transfer full)
 * (element-type CantingRemoteBatch) */
GPtrArray *canting_wc_batches (GPtrArray  *ops,
                               guint       max_items,
                               GError    **error);



/* Reads a reply to one request (a product, a category, a media upload,
 * or an error envelope {code, message, data: {status, ...}}).
 * @headers may be NULL.  Always fills @out; the problem says what
 * happened. */
void        canting_wc_parse_reply   (guint            status,
                                      GHashTable      *headers,
                                      const char      *body,
                                      gssize           length,
                                      CantingRemoteReply  *out);

/* Reads a batch reply: one CantingRemoteReply per operation of @batch,
 * creates then updates.  A 200 can carry an error per item
 * ({"id": 0, "error": {...}}); a reply that is not a batch (401, 413,
 * 5xx) gives every item that reply.  (transfer full) (element-type
 * CantingRemoteReply) */
GPtrArray  *canting_wc_parse_batch   (const CantingRemoteBatch *batch,
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
 * 1).  Pass 0 is WooCommerce's default list ("any" status, which leaves
 * out orders moved to the bin: WordPress's "any" excludes trash); pass 1
 * is the bin (status=trash), so an order binned on the shop is seen and
 * cancelled here.  The shop's own order (newest first) is kept: while
 * Canting reads, new and changed orders only join the list, so a page
 * boundary can show an order twice but never skip one.  (transfer full) */
#define CANTING_WC_ORDERS_PASSES 2
CantingRemoteRequest *canting_wc_orders_request (const char   *modified_after,
                                                 guint         pass,
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
                                      const CantingRemoteReply   *reply,
                                      double                  jitter,
                                      GDateTime              *now,
                                      CantingOutboxOutcome   *out);

/* All of the above, as the worker calls it. */
extern const CantingChannelDriver canting_woocommerce_driver;

G_END_DECLS
