/* canting-shop-store.h: the practice shop's own records.
 *
 * The practice shop (src/shop) plays a WooCommerce store on 127.0.0.1 for
 * tests and training.  Its products, categories, media and orders live in
 * a SQLite file of their own, never in a workshop's database, and only the
 * core touches SQLite: this is that file.  Records hold what WooCommerce
 * keeps, as it keeps it (prices are the strings the client sent), so the
 * shop can answer the way the real one does; the HTTP, JSON shapes and
 * authentication live in src/shop. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CANTING_TYPE_SHOP_STORE (canting_shop_store_get_type ())
G_DECLARE_FINAL_TYPE (CantingShopStore, canting_shop_store, CANTING, SHOP_STORE, GObject)

/* stock_quantity of a product whose stock is not tracked (JSON null). */
#define CANTING_SHOP_NO_STOCK G_MININT64

typedef struct {
  gint64  id;
  char   *name;
  char   *slug;
  gint64  parent;
  char   *description;
  gint64  count;          /* products in it, trashed ones not counted */
} CantingShopCategory;

typedef struct {
  gint64  id;
  char   *file_name;      /* "batik.png" */
  char   *path;           /* under wp-content/uploads: "2026/11/batik.png" */
  char   *title;          /* the file name without its extension, as WordPress titles it */
  char   *mime_type;
  gint64  size;
  char   *created;        /* UTC, "YYYY-MM-DDTHH:MM:SS" like WooCommerce */
} CantingShopMedia;

typedef struct {
  gint64    id;           /* 0 for a product not yet stored */
  char     *name;
  char     *slug;
  char     *type;
  char     *status;       /* publish, draft, pending, private, future or trash */
  char     *sku;
  char     *description;
  char     *short_description;
  char     *regular_price;
  char     *sale_price;
  char     *weight;
  gboolean  manage_stock;
  gint64    stock_quantity;   /* CANTING_SHOP_NO_STOCK when not tracked */
  gint64    total_sales;
  char     *created;
  char     *modified;
  GArray   *category_ids;     /* gint64 */
  GArray   *image_ids;        /* gint64, media ids in order */
} CantingShopProduct;

typedef struct {
  gint64  id;
  gint64  product_id;
  char   *sku;            /* with product_id 0: the product is found by SKU */
  char   *name;
  gint64  quantity;
  gint64  price;          /* whole rupiah each, from the product's price */
} CantingShopOrderItem;

typedef struct {
  gint64     id;
  char      *status;      /* pending, processing, on-hold, completed, cancelled, refunded, failed */
  char      *order_key;
  char      *billing_json;    /* the billing object as the client sent it, or NULL */
  char      *shipping_json;
  char      *customer_note;
  char      *payment_method;
  char      *payment_method_title;
  char      *created;
  char      *modified;
  char      *date_paid;       /* NULL until paid */
  char      *date_completed;
  GPtrArray *items;           /* CantingShopOrderItem */
} CantingShopOrder;

CantingShopProduct  *canting_shop_product_new   (void);
void                 canting_shop_product_free  (CantingShopProduct  *product);
void                 canting_shop_category_free (CantingShopCategory *category);
void                 canting_shop_media_free    (CantingShopMedia    *media);
CantingShopOrder    *canting_shop_order_new     (void);
void                 canting_shop_order_free    (CantingShopOrder    *order);
CantingShopOrderItem *canting_shop_order_item_new (void);
void                 canting_shop_order_item_free (CantingShopOrderItem *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingShopProduct, canting_shop_product_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingShopCategory, canting_shop_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingShopMedia, canting_shop_media_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingShopOrder, canting_shop_order_free)

/* Opens (creating it if needed) the shop file at @path. */
CantingShopStore *canting_shop_store_open (const char  *path,
                                           GError     **error);
const char       *canting_shop_store_get_path (CantingShopStore *self);

/* "2026-11-22T17:49:59", the store's clock (UTC). */
char *canting_shop_store_now (CantingShopStore *self);

/* Categories.  A name already used under the same parent (letter case
 * aside) fails with CANTING_ERROR_CONFLICT and its id in @existing_id. */
CantingShopCategory *canting_shop_store_add_category   (CantingShopStore  *self,
                                                        const char        *name,
                                                        gint64             parent,
                                                        const char        *description,
                                                        gint64            *existing_id,
                                                        GError           **error);
CantingShopCategory *canting_shop_store_get_category   (CantingShopStore  *self,
                                                        gint64             id,
                                                        GError           **error);
/* A page (from 1) of categories by name; @total counts them all. */
GPtrArray           *canting_shop_store_list_categories (CantingShopStore *self,
                                                         guint             page,
                                                         guint             per_page,
                                                         gint64           *total,
                                                         GError          **error);
/* The category a product without one falls into ("Uncategorized"). */
gint64               canting_shop_store_default_category (CantingShopStore *self);

/* Media: an uploaded image, stored under uploads/YYYY/MM/ with a name made
 * unique the way WordPress does (batik-1.png). */
CantingShopMedia *canting_shop_store_add_media  (CantingShopStore  *self,
                                                 const char        *file_name,
                                                 const char        *mime_type,
                                                 GBytes            *data,
                                                 GError           **error);
CantingShopMedia *canting_shop_store_get_media  (CantingShopStore  *self,
                                                 gint64             id,
                                                 GError           **error);
/* The bytes of the upload at @path ("2026/11/batik.png"). */
GBytes           *canting_shop_store_read_media (CantingShopStore  *self,
                                                 const char        *path,
                                                 char             **mime_type,
                                                 GError           **error);

/* Products.  Saving a product with id 0 creates it (giving it an id, a
 * slug and its dates); otherwise it replaces the stored one.  A SKU used
 * by another product that is not in the trash fails with
 * CANTING_ERROR_CONFLICT and that product's id in @existing_id; an unknown
 * id fails with CANTING_ERROR_NOT_FOUND.  Category ids that do not exist
 * are dropped, as WordPress drops them; a product left with none falls into
 * the default category. */
gboolean            canting_shop_store_save_product   (CantingShopStore    *self,
                                                       CantingShopProduct  *product,
                                                       gint64              *existing_id,
                                                       GError             **error);
CantingShopProduct *canting_shop_store_get_product    (CantingShopStore    *self,
                                                       gint64               id,
                                                       GError             **error);
/* A page (from 1) of the products not in the trash, newest first; with
 * @sku, only the one whose SKU is exactly that.  @total counts them all. */
GPtrArray          *canting_shop_store_list_products  (CantingShopStore    *self,
                                                       const char          *sku,
                                                       guint                page,
                                                       guint                per_page,
                                                       gint64              *total,
                                                       GError             **error);
/* Moves a product to the trash, or with @force removes it for good. */
gboolean            canting_shop_store_delete_product (CantingShopStore    *self,
                                                       gint64               id,
                                                       gboolean             force,
                                                       GError             **error);
/* @sku with the first free "-N" suffix: what WooCommerce offers when a
 * SKU is taken. */
char               *canting_shop_store_unique_sku     (CantingShopStore    *self,
                                                       const char          *sku,
                                                       GError             **error);

/* Orders.  Each item names its product by id or SKU; the price is the
 * product's.  An order that is paid (processing, on-hold or completed)
 * lowers the stock of the products that track it and counts their sales,
 * all in one transaction.  A product that does not exist fails with
 * CANTING_ERROR_INVALID naming the item. */
gboolean          canting_shop_store_add_order   (CantingShopStore  *self,
                                                  CantingShopOrder  *order,
                                                  GError           **error);
/* Moves order @id to @status (one of the order statuses), as the shop
 * owner does in WooCommerce: the order counts as modified now; becoming
 * paid lowers the stock and records the payment time, leaving paid
 * (cancelled, refunded, failed, pending) puts the stock back.  An
 * unknown id fails with CANTING_ERROR_NOT_FOUND. */
gboolean          canting_shop_store_set_order_status (CantingShopStore  *self,
                                                       gint64             id,
                                                       const char        *status,
                                                       GError           **error);
CantingShopOrder *canting_shop_store_get_order   (CantingShopStore  *self,
                                                  gint64             id,
                                                  GError           **error);
/* A page (from 1) of orders, newest first; with @modified_after
 * ("YYYY-MM-DDTHH:MM:SS", UTC), only those changed strictly after it.
 * With @statuses, only orders in one of them; NULL is WooCommerce's
 * "any": every status but "trash" (an order moved to the bin). */
GPtrArray        *canting_shop_store_list_orders (CantingShopStore  *self,
                                                  const char        *modified_after,
                                                  const char * const *statuses,
                                                  guint              page,
                                                  guint              per_page,
                                                  gint64            *total,
                                                  GError           **error);

G_END_DECLS
