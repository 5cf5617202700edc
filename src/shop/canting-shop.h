/* canting-shop.h: the practice shop, a small WooCommerce on 127.0.0.1.
 *
 * It speaks the part of WooCommerce 7.9's wc/v3 REST API that Canting uses
 * (products, batch, categories, media, orders), answering as the recorded
 * real store does, and shows its products on a plain web page at / for a
 * projector.  It is the test peer for publishing and the trainers'
 * practice target; it listens on 127.0.0.1 only and can inject faults.
 * The shop serves on the thread-default main context of the thread that
 * called canting_shop_listen(). */
#pragma once

#include <glib-object.h>

#include "canting-shop-store.h"

G_BEGIN_DECLS

#define CANTING_TYPE_SHOP (canting_shop_get_type ())
G_DECLARE_FINAL_TYPE (CantingShop, canting_shop, CANTING, SHOP, GObject)

/* The credentials come from the caller (a trainer's fixed ones, a test's)
 * or, when NULL, are made up at random: ck_/cs_ and 40 hex digits like
 * WooCommerce's keys, a 24-letter application password for @user. */
CantingShop *canting_shop_new                 (CantingShopStore  *store,
                                               const char        *consumer_key,
                                               const char        *consumer_secret,
                                               const char        *user,
                                               const char        *app_password);
/* Faults to inject, see canting-shop-faults.c; NULL or "" for none. */
gboolean     canting_shop_set_faults          (CantingShop       *self,
                                               const char        *spec,
                                               GError           **error);
/* One line per API request on stdout: method, path (never the query,
 * which carries OAuth parameters), status, and any injected fault. */
void         canting_shop_set_log_requests    (CantingShop       *self,
                                               gboolean           log_requests);
/* Listens on @address port @port (0: any free port).  Any address but
 * 127.0.0.1 is refused with CANTING_ERROR_INVALID: the shop has practice
 * credentials and no TLS, so it must never be reachable from the network. */
gboolean     canting_shop_listen              (CantingShop       *self,
                                               const char        *address,
                                               guint              port,
                                               GError           **error);
void         canting_shop_disconnect          (CantingShop       *self);
guint        canting_shop_get_port            (CantingShop       *self);
/* "http://127.0.0.1:PORT", the shop's home URL (OAuth signs against it). */
const char  *canting_shop_get_home_url        (CantingShop       *self);
const char  *canting_shop_get_consumer_key    (CantingShop       *self);
const char  *canting_shop_get_consumer_secret (CantingShop       *self);
const char  *canting_shop_get_user            (CantingShop       *self);
const char  *canting_shop_get_app_password    (CantingShop       *self);
CantingShopStore *canting_shop_get_store      (CantingShop       *self);

G_END_DECLS
