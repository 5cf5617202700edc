/* canting-shop-private.h: what the practice shop's own files share. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "canting-shop.h"
#include "canting-shop-auth.h"
#include "canting-shop-faults.h"

G_BEGIN_DECLS

struct _CantingShop
{
  GObject parent_instance;

  CantingShopStore *store;
  CantingShopAuth *auth;
  CantingShopFaults *faults;
  SoupServer *server;
  char *home_url;
  char *consumer_key;
  char *consumer_secret;
  char *user;
  char *app_password;
  guint port;
  gboolean log_requests;
};

/* A JSON reply of the REST API. */
typedef struct {
  guint       status;
  JsonNode   *body;
  GPtrArray  *headers;   /* name, value, name, value, ... */
} CantingShopReply;

void canting_shop_reply_init  (CantingShopReply *reply);
void canting_shop_reply_clear (CantingShopReply *reply);

/* Answers one /wp-json/ request.  @raw_query is the query string as sent
 * (for the pagination links), @query its decoded parameters. */
void canting_shop_api_handle (CantingShop        *self,
                              const char         *method,
                              const char         *path,
                              const char         *raw_query,
                              GHashTable         *query,
                              SoupMessageHeaders *request_headers,
                              GBytes             *body,
                              gboolean            batch_fail,
                              CantingShopReply   *reply);

/* The 500 WordPress sends when PHP dies, for the 500 fault. */
void canting_shop_api_critical_error (CantingShop      *self,
                                      CantingShopReply *reply);

/* The public pages: the product list at /, one product at /product/SLUG/.
 * NULL when there is no such product. */
char *canting_shop_page_products (CantingShop  *self,
                                  GError      **error);
char *canting_shop_page_product  (CantingShop  *self,
                                  const char   *slug,
                                  GError      **error);

G_END_DECLS
