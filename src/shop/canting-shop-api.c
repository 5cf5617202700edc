/* canting-shop-api.c: the REST routes of the practice shop.
 *
 * Each reply copies a real WooCommerce 7.9 (WordPress 6.1), recorded in
 * tests/data/woocommerce-7.9/: the same status codes, error codes and
 * messages, the same body shapes down to "0" versus "0.00", the same
 * pagination headers.  Where the recordings are silent (orders, media),
 * the shapes follow WooCommerce's and WordPress's schemas.  The order of
 * checks is WordPress's: authentication errors, then the route, then the
 * JSON body and parameters, then permission, then the work.
 *
 * Not modelled: variations, tags, attributes, coupons, refunds, taxes and
 * shipping; form-encoded or multipart bodies (JSON and raw uploads only). */
#include "config.h"

#include "canting-shop-private.h"

#include "canting-error.h"

#include <string.h>

/* WordPress's REST collections: 10 a page unless asked, at most 100. */
#define DEFAULT_PER_PAGE 10
#define MAX_PER_PAGE 100

/* WooCommerce refuses a batch of more than 100 items in all
 * (wc_rest_batch_items_limit). */
#define BATCH_LIMIT 100

typedef enum {
  ROUTE_NONE,
  ROUTE_PRODUCTS,
  ROUTE_PRODUCT,
  ROUTE_BATCH,
  ROUTE_CATEGORIES,
  ROUTE_CATEGORY,
  ROUTE_ORDERS,
  ROUTE_ORDER,
  ROUTE_MEDIA,
  ROUTE_MEDIA_ITEM,
} Route;

typedef struct {
  CantingShop *shop;
  const char *method;
  const char *path;
  const char *raw_query;
  GHashTable *query;
  SoupMessageHeaders *headers;
  GBytes *body;
  JsonObject *params;       /* the JSON body's object, or an empty one */
  gboolean batch_fail;
  CantingShopReply *reply;
} Request;

void
canting_shop_reply_init (CantingShopReply *reply)
{
  reply->status = 200;
  reply->body = NULL;
  reply->headers = g_ptr_array_new_with_free_func (g_free);
}

void
canting_shop_reply_clear (CantingShopReply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
  g_clear_pointer (&reply->headers, g_ptr_array_unref);
}

static void
add_header (CantingShopReply *reply,
            const char       *name,
            const char       *value)
{
  g_ptr_array_add (reply->headers, g_strdup (name));
  g_ptr_array_add (reply->headers, g_strdup (value));
}

static void
reply_node (CantingShopReply *reply,
            guint             status,
            JsonNode         *node)
{
  reply->status = status;
  g_clear_pointer (&reply->body, json_node_unref);
  reply->body = node;
}

static void
reply_object (CantingShopReply *reply,
              guint             status,
              JsonObject       *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  reply_node (reply, status, node);
}

static void
reply_array (CantingShopReply *reply,
             guint             status,
             JsonArray        *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  reply_node (reply, status, node);
}

/* {"code", "message", "data": {"status", ...@extra}}: the WP_Error shape
 * of every error.  @extra (transfer full) may be NULL. */
static JsonObject *
error_object (guint       status,
              const char *code,
              const char *message,
              JsonObject *extra)
{
  JsonObject *error = json_object_new ();
  JsonObject *data = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  json_object_set_int_member (data, "status", status);
  if (extra != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (extra);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (data, l->data, json_object_dup_member (extra, l->data));
      json_object_unref (extra);
    }
  json_object_set_object_member (error, "data", data);
  return error;
}

static void
reply_error (CantingShopReply *reply,
             guint             status,
             const char       *code,
             const char       *message,
             JsonObject       *extra)
{
  reply_object (reply, status, error_object (status, code, message, extra));
}

void
canting_shop_api_critical_error (CantingShop      *self,
                                 CantingShopReply *reply)
{
  JsonObject *error = error_object (500, "internal_server_error",
                                    "<p>There has been a critical error on this website.</p><p><a href=\"https://wordpress.org/documentation/article/faq-troubleshooting/\">Learn more about troubleshooting WordPress.</a></p>",
                                    NULL);

  json_object_set_array_member (error, "additional_errors", json_array_new ());
  reply_object (reply, 500, error);
}

/* A failure of the shop itself (its data file): what WordPress says when
 * the database refuses, without the details a shop would not show. */
static void
reply_store_error (Request *req,
                   GError  *error)
{
  g_warning ("practice shop: %s", error->message);
  reply_error (req->reply, 500, "db_insert_error", "Could not insert post into the database.", NULL);
}

static char *
api_url (CantingShop *shop,
         const char  *route)
{
  return g_strdup_printf ("%s/wp-json%s", shop->home_url, route);
}

/* 201 Created with @object, and its address in Location as WordPress
 * gives it: @collection is the route of the list ("/wc/v3/orders"). */
static void
reply_created (Request     *req,
               JsonObject  *object,
               const char  *collection,
               gint64       id)
{
  g_autofree char *route = g_strdup_printf ("%s/%" G_GINT64_FORMAT, collection, id);
  g_autofree char *location = api_url (req->shop, route);

  reply_object (req->reply, 201, object);
  add_header (req->reply, "Location", location);
}

/* "_links": {"self": [{"href"}], "collection": [{"href"}]} */
static JsonObject *
links_object (CantingShop *shop,
              const char  *collection,
              gint64       id)
{
  JsonObject *links = json_object_new ();
  JsonArray *self_list = json_array_new ();
  JsonArray *collection_list = json_array_new ();
  JsonObject *self_link = json_object_new ();
  JsonObject *collection_link = json_object_new ();
  g_autofree char *route = g_strdup_printf ("%s/%" G_GINT64_FORMAT, collection, id);
  g_autofree char *self_href = api_url (shop, route);
  g_autofree char *collection_href = api_url (shop, collection);

  json_object_set_string_member (self_link, "href", self_href);
  json_array_add_object_element (self_list, self_link);
  json_object_set_string_member (collection_link, "href", collection_href);
  json_array_add_object_element (collection_list, collection_link);
  json_object_set_array_member (links, "self", self_list);
  json_object_set_array_member (links, "collection", collection_list);
  return links;
}

/* ---- values and parameters ---------------------------------------- */

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
text_is_integer (const char *text)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* rest_is_integer(): a JSON integer, a whole float, or a numeric string. */
static gboolean
node_to_integer (JsonNode *node,
                 gint64   *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);
        if (d != (double) (gint64) d)
          return FALSE;
        *out = (gint64) d;
        return TRUE;
      }
    case G_TYPE_STRING:
      if (!text_is_integer (json_node_get_string (node)))
        return FALSE;
      *out = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
      return TRUE;
    default:
      return FALSE;
    }
}

/* rest_is_boolean(): true/false, 0/1, and their strings. */
static gboolean
node_to_boolean (JsonNode *node,
                 gboolean *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      *out = json_node_get_boolean (node);
      return TRUE;
    case G_TYPE_INT64:
      if (json_node_get_int (node) != 0 && json_node_get_int (node) != 1)
        return FALSE;
      *out = json_node_get_int (node) == 1;
      return TRUE;
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        if (g_str_equal (s, "true") || g_str_equal (s, "1"))
          *out = TRUE;
        else if (g_str_equal (s, "false") || g_str_equal (s, "0") || *s == '\0')
          *out = FALSE;
        else
          return FALSE;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* A number sent where a string belongs, as wc_format_decimal() makes it
 * inside a batch (where WordPress checks no types). */
static char *
node_to_lenient_string (JsonNode *node)
{
  if (node_is_string (node))
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    }
  return g_strdup ("");
}

/* The invalid parameters of one request, reported together as
 * rest_invalid_param the way WordPress does. */
typedef struct {
  GPtrArray *names;
  JsonObject *params;
  JsonObject *details;
} Invalid;

static void
invalid_init (Invalid *inv)
{
  inv->names = g_ptr_array_new_with_free_func (g_free);
  inv->params = json_object_new ();
  inv->details = json_object_new ();
}

static void
invalid_clear (Invalid *inv)
{
  g_clear_pointer (&inv->names, g_ptr_array_unref);
  g_clear_pointer (&inv->params, json_object_unref);
  g_clear_pointer (&inv->details, json_object_unref);
}

static void
invalid_add (Invalid    *inv,
             const char *param,
             const char *code,
             const char *message)
{
  JsonObject *detail = json_object_new ();
  JsonObject *data = json_object_new ();

  if (json_object_has_member (inv->params, param))
    {
      json_object_unref (detail);
      json_object_unref (data);
      return;
    }
  g_ptr_array_add (inv->names, g_strdup (param));
  json_object_set_string_member (inv->params, param, message);
  json_object_set_string_member (detail, "code", code);
  json_object_set_string_member (detail, "message", message);
  json_object_set_string_member (data, "param", param);
  json_object_set_object_member (detail, "data", data);
  json_object_set_object_member (inv->details, param, detail);
}

static void
invalid_type (Invalid    *inv,
              const char *param,
              const char *type)
{
  g_autofree char *message = g_strdup_printf ("%s is not of type %s.", param, type);

  invalid_add (inv, param, "rest_invalid_type", message);
}

/* Sends the collected errors; FALSE when there were none. */
static gboolean
invalid_reply (Invalid          *inv,
               CantingShopReply *reply)
{
  g_autoptr(GString) message = g_string_new ("Invalid parameter(s): ");
  JsonObject *extra;

  if (inv->names->len == 0)
    return FALSE;
  for (guint i = 0; i < inv->names->len; i++)
    g_string_append_printf (message, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (inv->names, i));
  extra = json_object_new ();
  json_object_set_object_member (extra, "params", g_steal_pointer (&inv->params));
  json_object_set_object_member (extra, "details", g_steal_pointer (&inv->details));
  reply_error (reply, 400, "rest_invalid_param", message->str, extra);
  return TRUE;
}

/* "a, b, and c", WordPress's %l. */
static char *
list_words (const char * const *words)
{
  GString *out = g_string_new (NULL);
  guint n = g_strv_length ((char **) words);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, n == 2 ? " and " : i == n - 1 ? ", and " : ", ");
      g_string_append (out, words[i]);
    }
  return g_string_free (out, FALSE);
}

static void
check_enum (Invalid            *inv,
            const char         *param,
            const char         *value,
            const char * const *allowed)
{
  g_autofree char *words = NULL;
  g_autofree char *message = NULL;

  if (g_strv_contains (allowed, value))
    return;
  words = list_words (allowed);
  message = g_strdup_printf ("%s is not one of %s.", param, words);
  invalid_add (inv, param, "rest_not_in_enum", message);
}

/* page and per_page of a collection, checked like WordPress's args. */
static void
read_paging (Request *req,
             Invalid *inv,
             guint   *page,
             guint   *per_page)
{
  const char *text;

  *page = 1;
  *per_page = DEFAULT_PER_PAGE;
  text = g_hash_table_lookup (req->query, "page");
  if (text != NULL)
    {
      if (!text_is_integer (text))
        invalid_type (inv, "page", "integer");
      else if (g_ascii_strtoll (text, NULL, 10) < 1)
        invalid_add (inv, "page", "rest_out_of_bounds", "page must be greater than or equal to 1");
      else
        *page = (guint) MIN (g_ascii_strtoll (text, NULL, 10), G_MAXINT);
    }
  text = g_hash_table_lookup (req->query, "per_page");
  if (text != NULL)
    {
      gint64 n = g_ascii_strtoll (text, NULL, 10);

      if (!text_is_integer (text))
        invalid_type (inv, "per_page", "integer");
      else if (n < 1 || n > MAX_PER_PAGE)
        invalid_add (inv, "per_page", "rest_out_of_bounds",
                     "per_page must be between 1 (inclusive) and 100 (inclusive)");
      else
        *per_page = (guint) n;
    }
}

/* X-WP-Total, X-WP-TotalPages and the prev/next Link headers, as
 * WC_REST_CRUD_Controller::get_items() sets them.  The links keep the
 * request's query but not its oauth_* parameters: they are a signature of
 * this request, useless on another. */
static void
add_paging_headers (Request    *req,
                    const char *route,
                    guint       page,
                    guint       per_page,
                    gint64      total)
{
  gint64 pages = (total + per_page - 1) / per_page;
  g_autofree char *total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  g_autofree char *pages_text = g_strdup_printf ("%" G_GINT64_FORMAT, pages);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pairs = g_strsplit (req->raw_query != NULL ? req->raw_query : "", "&", -1);
  g_autofree char *base = api_url (req->shop, route);
  int page_index = -1;

  add_header (req->reply, "X-WP-Total", total_text);
  add_header (req->reply, "X-WP-TotalPages", pages_text);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (*pairs[i] == '\0' || g_str_has_prefix (pairs[i], "oauth_"))
        continue;
      if (g_str_has_prefix (pairs[i], "page=") || g_str_equal (pairs[i], "page"))
        page_index = (int) kept->len;
      g_ptr_array_add (kept, g_strdup (pairs[i]));
    }
  if (page_index < 0)
    {
      page_index = (int) kept->len;
      g_ptr_array_add (kept, g_strdup ("page=1"));
    }
  for (int step = -1; step <= 1; step += 2)
    {
      gint64 target = (gint64) page + step;
      g_autofree char *link = NULL;
      g_autofree char *query = NULL;

      if (step < 0 && page <= 1)
        continue;
      if (step < 0 && target > pages)
        target = pages;
      if (step > 0 && pages <= page)
        continue;
      g_free (g_ptr_array_index (kept, page_index));
      g_ptr_array_index (kept, page_index) = g_strdup_printf ("page=%" G_GINT64_FORMAT, target);
      g_ptr_array_add (kept, NULL);
      query = g_strjoinv ("&", (char **) kept->pdata);
      g_ptr_array_remove_index (kept, kept->len - 1);
      link = g_strdup_printf ("<%s?%s>; rel=\"%s\"", base, query, step < 0 ? "prev" : "next");
      add_header (req->reply, "Link", link);
    }
}

/* ---- products: JSON -------------------------------------------------- */

static char *
group_thousands (gint64      value,
                 const char *separator)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value < 0 ? -value : value);
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* wc_price() with the recorded store's settings: "Rp" before, a comma
 * between thousands, no decimals. */
static char *
price_html_amount (const char *price)
{
  g_autofree char *grouped = group_thousands (g_ascii_strtoll (price, NULL, 10), ",");

  return g_strdup_printf ("<span class=\"woocommerce-Price-amount amount\"><bdi>"
                          "<span class=\"woocommerce-Price-currencySymbol\">Rp</span>%s</bdi></span>", grouped);
}

static gboolean
product_on_sale (CantingShopProduct *p)
{
  return *p->sale_price != '\0'
         && g_ascii_strtod (p->sale_price, NULL) < g_ascii_strtod (p->regular_price, NULL);
}

/* wpautop() for the short texts a product has: paragraphs in <p>, single
 * line breaks as <br />, and the final newline WordPress leaves. */
static char *
autop (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_auto(GStrv) paragraphs = NULL;
  GString *out;

  if (*trimmed == '\0')
    return g_strdup ("");
  paragraphs = g_regex_split_simple ("\\n\\s*\\n", trimmed, 0, 0);
  out = g_string_new (NULL);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *para = g_strstrip (g_strdup (paragraphs[i]));
      g_auto(GStrv) lines = NULL;

      if (*para == '\0')
        continue;
      if (g_str_has_prefix (para, "<p>") && g_str_has_suffix (para, "</p>"))
        {
          g_string_append_printf (out, "%s\n", para);
          continue;
        }
      lines = g_strsplit (para, "\n", -1);
      g_string_append (out, "<p>");
      for (guint j = 0; lines[j] != NULL; j++)
        g_string_append_printf (out, "%s%s", j > 0 ? "<br />\n" : "", lines[j]);
      g_string_append (out, "</p>\n");
    }
  return g_string_free (out, FALSE);
}

static JsonObject *
image_object (CantingShop      *shop,
              CantingShopMedia *media)
{
  JsonObject *image = json_object_new ();
  g_autofree char *src = g_strdup_printf ("%s/wp-content/uploads/%s", shop->home_url, media->path);

  json_object_set_int_member (image, "id", media->id);
  json_object_set_string_member (image, "date_created", media->created);
  json_object_set_string_member (image, "date_created_gmt", media->created);
  json_object_set_string_member (image, "date_modified", media->created);
  json_object_set_string_member (image, "date_modified_gmt", media->created);
  json_object_set_string_member (image, "src", src);
  json_object_set_string_member (image, "name", media->title);
  json_object_set_string_member (image, "alt", "");
  return image;
}

static void
set_empty_array (JsonObject *object,
                 const char *name)
{
  json_object_set_array_member (object, name, json_array_new ());
}

/* A product as WooCommerce shows it.  @edit: the "edit" context of the
 * replies to a write (raw texts, permalink_template, generated_slug, and a
 * rating of "0" not yet read back as "0.00"); otherwise "view". */
static JsonObject *
product_object (CantingShop        *shop,
                CantingShopProduct *p,
                gboolean            edit)
{
  JsonObject *o = json_object_new ();
  JsonObject *dimensions = json_object_new ();
  JsonArray *categories = json_array_new ();
  JsonArray *images = json_array_new ();
  gboolean on_sale = product_on_sale (p);
  const char *price = on_sale ? p->sale_price : p->regular_price;
  gboolean published = g_str_equal (p->status, "publish");
  g_autofree char *permalink = published
    ? g_strdup_printf ("%s/product/%s/", shop->home_url, p->slug)
    : g_strdup_printf ("%s/?post_type=product&p=%" G_GINT64_FORMAT, shop->home_url, p->id);
  g_autofree char *price_html = NULL;
  gboolean tracks = p->manage_stock;
  gboolean in_stock = !tracks || p->stock_quantity > 0;

  if (*price == '\0')
    price_html = g_strdup ("");
  else if (on_sale)
    {
      g_autofree char *was = price_html_amount (p->regular_price);
      g_autofree char *now = price_html_amount (p->sale_price);
      price_html = g_strdup_printf ("<del aria-hidden=\"true\">%s</del> <ins>%s</ins>", was, now);
    }
  else
    price_html = price_html_amount (price);

  json_object_set_int_member (o, "id", p->id);
  json_object_set_string_member (o, "name", p->name);
  json_object_set_string_member (o, "slug", p->slug);
  json_object_set_string_member (o, "permalink", permalink);
  json_object_set_string_member (o, "date_created", p->created);
  json_object_set_string_member (o, "date_created_gmt", p->created);
  json_object_set_string_member (o, "date_modified", p->modified);
  json_object_set_string_member (o, "date_modified_gmt", p->modified);
  json_object_set_string_member (o, "type", p->type);
  json_object_set_string_member (o, "status", p->status);
  json_object_set_boolean_member (o, "featured", FALSE);
  json_object_set_string_member (o, "catalog_visibility", "visible");
  if (edit)
    {
      json_object_set_string_member (o, "description", p->description);
      json_object_set_string_member (o, "short_description", p->short_description);
    }
  else
    {
      g_autofree char *description = autop (p->description);
      g_autofree char *short_description = autop (p->short_description);
      json_object_set_string_member (o, "description", description);
      json_object_set_string_member (o, "short_description", short_description);
    }
  json_object_set_string_member (o, "sku", p->sku);
  json_object_set_string_member (o, "price", price);
  json_object_set_string_member (o, "regular_price", p->regular_price);
  json_object_set_string_member (o, "sale_price", p->sale_price);
  json_object_set_null_member (o, "date_on_sale_from");
  json_object_set_null_member (o, "date_on_sale_from_gmt");
  json_object_set_null_member (o, "date_on_sale_to");
  json_object_set_null_member (o, "date_on_sale_to_gmt");
  json_object_set_boolean_member (o, "on_sale", on_sale);
  json_object_set_boolean_member (o, "purchasable", *price != '\0');
  json_object_set_int_member (o, "total_sales", p->total_sales);
  json_object_set_boolean_member (o, "virtual", FALSE);
  json_object_set_boolean_member (o, "downloadable", FALSE);
  set_empty_array (o, "downloads");
  json_object_set_int_member (o, "download_limit", -1);
  json_object_set_int_member (o, "download_expiry", -1);
  json_object_set_string_member (o, "external_url", "");
  json_object_set_string_member (o, "button_text", "");
  json_object_set_string_member (o, "tax_status", "taxable");
  json_object_set_string_member (o, "tax_class", "");
  json_object_set_boolean_member (o, "manage_stock", tracks);
  if (tracks)
    json_object_set_int_member (o, "stock_quantity", p->stock_quantity);
  else
    json_object_set_null_member (o, "stock_quantity");
  json_object_set_string_member (o, "backorders", "no");
  json_object_set_boolean_member (o, "backorders_allowed", FALSE);
  json_object_set_boolean_member (o, "backordered", FALSE);
  json_object_set_null_member (o, "low_stock_amount");
  json_object_set_boolean_member (o, "sold_individually", FALSE);
  json_object_set_string_member (o, "weight", p->weight);
  json_object_set_string_member (dimensions, "length", "");
  json_object_set_string_member (dimensions, "width", "");
  json_object_set_string_member (dimensions, "height", "");
  json_object_set_object_member (o, "dimensions", dimensions);
  json_object_set_boolean_member (o, "shipping_required", TRUE);
  json_object_set_boolean_member (o, "shipping_taxable", TRUE);
  json_object_set_string_member (o, "shipping_class", "");
  json_object_set_int_member (o, "shipping_class_id", 0);
  json_object_set_boolean_member (o, "reviews_allowed", TRUE);
  json_object_set_string_member (o, "average_rating", edit ? "0" : "0.00");
  json_object_set_int_member (o, "rating_count", 0);
  set_empty_array (o, "upsell_ids");
  set_empty_array (o, "cross_sell_ids");
  json_object_set_int_member (o, "parent_id", 0);
  json_object_set_string_member (o, "purchase_note", "");
  for (guint i = 0; i < p->category_ids->len; i++)
    {
      g_autoptr(CantingShopCategory) c = canting_shop_store_get_category (shop->store,
                                                                          g_array_index (p->category_ids, gint64, i),
                                                                          NULL);
      JsonObject *ref;

      if (c == NULL)
        continue;
      ref = json_object_new ();
      json_object_set_int_member (ref, "id", c->id);
      json_object_set_string_member (ref, "name", c->name);
      json_object_set_string_member (ref, "slug", c->slug);
      json_array_add_object_element (categories, ref);
    }
  json_object_set_array_member (o, "categories", categories);
  set_empty_array (o, "tags");
  for (guint i = 0; i < p->image_ids->len; i++)
    {
      g_autoptr(CantingShopMedia) m = canting_shop_store_get_media (shop->store,
                                                                    g_array_index (p->image_ids, gint64, i), NULL);
      if (m != NULL)
        json_array_add_object_element (images, image_object (shop, m));
    }
  json_object_set_array_member (o, "images", images);
  set_empty_array (o, "attributes");
  set_empty_array (o, "default_attributes");
  set_empty_array (o, "variations");
  set_empty_array (o, "grouped_products");
  json_object_set_int_member (o, "menu_order", 0);
  json_object_set_string_member (o, "price_html", price_html);
  set_empty_array (o, "related_ids");
  set_empty_array (o, "meta_data");
  json_object_set_string_member (o, "stock_status", in_stock ? "instock" : "outofstock");
  json_object_set_boolean_member (o, "has_options", FALSE);
  if (edit)
    {
      g_autofree char *template = g_strdup_printf ("%s/product/%%pagename%%/", shop->home_url);
      json_object_set_string_member (o, "permalink_template", template);
      json_object_set_string_member (o, "generated_slug", p->slug);
    }
  json_object_set_object_member (o, "_links", links_object (shop, "/wc/v3/products", p->id));
  return o;
}

/* ---- products: requests ---------------------------------------------- */

static const char * const product_types[] = { "simple", "grouped", "external", "variable", NULL };
static const char * const product_statuses[] = { "draft", "pending", "private", "publish", "future", NULL };

/* A string parameter; in @lenient mode (a batch item) numbers become
 * strings, as they do there. */
static void
read_string (JsonObject  *params,
             const char  *name,
             char       **field,
             gboolean     lenient,
             Invalid     *inv)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL)
    return;
  if (!node_is_string (node) && !lenient)
    {
      invalid_type (inv, name, "string");
      return;
    }
  g_free (*field);
  *field = node_to_lenient_string (node);
}

/* What a product create or update sends: into @p, with type errors in
 * @inv.  Images are checked against the uploaded media; an image given by
 * URL fails as it does in a real shop on 127.0.0.1, which WordPress will
 * not fetch from (and this shop fetches nothing at all). */
static gboolean
read_product (Request            *req,
              JsonObject         *params,
              CantingShopProduct *p,
              gboolean            lenient,
              Invalid            *inv,
              JsonObject        **error)
{
  JsonNode *node;

  read_string (params, "name", &p->name, lenient, inv);
  read_string (params, "sku", &p->sku, lenient, inv);
  read_string (params, "regular_price", &p->regular_price, lenient, inv);
  read_string (params, "sale_price", &p->sale_price, lenient, inv);
  read_string (params, "description", &p->description, lenient, inv);
  read_string (params, "short_description", &p->short_description, lenient, inv);
  read_string (params, "weight", &p->weight, lenient, inv);
  read_string (params, "type", &p->type, lenient, inv);
  read_string (params, "status", &p->status, lenient, inv);
  if (json_object_has_member (params, "type"))
    check_enum (inv, "type", p->type, product_types);
  if (json_object_has_member (params, "status"))
    check_enum (inv, "status", p->status, product_statuses);
  p->sku = g_strstrip (p->sku);

  if ((node = json_object_get_member (params, "manage_stock")) != NULL
      && !node_to_boolean (node, &p->manage_stock))
    invalid_type (inv, "manage_stock", "boolean");
  if ((node = json_object_get_member (params, "stock_quantity")) != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      gint64 quantity;

      if (!node_to_integer (node, &quantity))
        invalid_type (inv, "stock_quantity", "integer");
      else if (p->manage_stock)
        p->stock_quantity = quantity;
    }
  if ((node = json_object_get_member (params, "categories")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        invalid_type (inv, "categories", "array");
      else
        {
          JsonArray *list = json_node_get_array (node);

          g_array_set_size (p->category_ids, 0);
          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              JsonNode *item = json_array_get_element (list, i);
              JsonNode *id_node;
              gint64 id;

              if (!JSON_NODE_HOLDS_OBJECT (item))
                {
                  g_autofree char *name = g_strdup_printf ("categories[%u]", i);
                  invalid_type (inv, name, "object");
                  continue;
                }
              id_node = json_object_get_member (json_node_get_object (item), "id");
              if (id_node != NULL && node_to_integer (id_node, &id))
                g_array_append_val (p->category_ids, id);
            }
        }
    }
  if ((node = json_object_get_member (params, "images")) != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        invalid_type (inv, "images", "array");
      else if (inv->names->len == 0)
        {
          JsonArray *list = json_node_get_array (node);

          g_array_set_size (p->image_ids, 0);
          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              JsonNode *item = json_array_get_element (list, i);
              JsonObject *image;
              JsonNode *id_node, *src_node;
              gint64 id = 0;

              if (!JSON_NODE_HOLDS_OBJECT (item))
                continue;
              image = json_node_get_object (item);
              id_node = json_object_get_member (image, "id");
              src_node = json_object_get_member (image, "src");
              if (id_node != NULL)
                node_to_integer (id_node, &id);
              if (id != 0)
                {
                  g_autoptr(CantingShopMedia) media = canting_shop_store_get_media (req->shop->store, id, NULL);

                  if (media == NULL)
                    {
                      g_autofree char *message = g_strdup_printf ("#%" G_GINT64_FORMAT " is an invalid image ID.", id);
                      *error = error_object (400, "woocommerce_product_invalid_image_id", message, NULL);
                      return FALSE;
                    }
                  g_array_append_val (p->image_ids, id);
                }
              else if (src_node != NULL && node_is_string (src_node) && *json_node_get_string (src_node) != '\0')
                {
                  g_autofree char *message =
                    g_strdup_printf ("Error getting remote image %s. Error: A valid URL was not provided.",
                                     json_node_get_string (src_node));
                  *error = error_object (400, "woocommerce_product_image_upload_error", message, NULL);
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

static JsonObject *
invalid_id_error (guint status)
{
  return error_object (status, "woocommerce_rest_product_invalid_id", "Invalid ID.", NULL);
}

/* Creates (@id 0) or updates a product from @params.  The reply object, a
 * product or an error, and its status. */
static JsonObject *
save_product (Request    *req,
              JsonObject *params,
              gint64      id,
              gboolean    lenient,
              guint      *status)
{
  CantingShop *shop = req->shop;
  g_autoptr(CantingShopProduct) p = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *failure = NULL;
  Invalid inv;
  gint64 existing = 0;

  if (id != 0)
    {
      p = canting_shop_store_get_product (shop->store, id, &error);
      if (p == NULL)
        {
          *status = 404;
          return invalid_id_error (404);
        }
    }
  else
    p = canting_shop_product_new ();
  invalid_init (&inv);
  if (!read_product (req, params, p, lenient, &inv, &failure))
    {
      invalid_clear (&inv);
      *status = 400;
      return failure;
    }
  if (inv.names->len > 0)
    {
      CantingShopReply scratch;

      canting_shop_reply_init (&scratch);
      invalid_reply (&inv, &scratch);
      invalid_clear (&inv);
      *status = 400;
      failure = json_object_ref (json_node_get_object (scratch.body));
      canting_shop_reply_clear (&scratch);
      return failure;
    }
  invalid_clear (&inv);
  if (!canting_shop_store_save_product (shop->store, p, &existing, &error))
    {
      if (g_error_matches (error, CANTING_ERROR, CANTING_ERROR_CONFLICT))
        {
          g_autofree char *unique = canting_shop_store_unique_sku (shop->store, p->sku, NULL);
          JsonObject *extra = json_object_new ();

          json_object_set_int_member (extra, "resource_id", existing);
          json_object_set_string_member (extra, "unique_sku", unique != NULL ? unique : "");
          *status = 400;
          return error_object (400, "product_invalid_sku", "Invalid or duplicated SKU.", extra);
        }
      if (g_error_matches (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND))
        {
          *status = 404;
          return invalid_id_error (404);
        }
      g_warning ("practice shop: %s", error->message);
      *status = 500;
      return error_object (500, "db_insert_error", "Could not insert post into the database.", NULL);
    }
  *status = id == 0 ? 201 : 200;
  return product_object (shop, p, TRUE);
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static void
products_list (Request *req)
{
  CantingShop *shop = req->shop;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  const char *sku = g_hash_table_lookup (req->query, "sku");
  guint page, per_page;
  gint64 total;
  Invalid inv;

  invalid_init (&inv);
  read_paging (req, &inv, &page, &per_page);
  if (invalid_reply (&inv, req->reply))
    {
      invalid_clear (&inv);
      return;
    }
  invalid_clear (&inv);
  rows = canting_shop_store_list_products (shop->store, sku, page, per_page, &total, &error);
  if (rows == NULL)
    {
      reply_store_error (req, error);
      return;
    }
  array = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (array, product_object (shop, g_ptr_array_index (rows, i), FALSE));
  reply_array (req->reply, 200, array);
  add_paging_headers (req, "/wc/v3/products", page, per_page, total);
}

static void
product_create (Request *req)
{
  guint status;
  JsonObject *object = save_product (req, req->params, 0, FALSE, &status);

  if (status == 201)
    reply_created (req, object, "/wc/v3/products", json_object_get_int_member (object, "id"));
  else
    reply_object (req->reply, status, object);
}

static void
product_get (Request *req,
             gint64   id)
{
  g_autoptr(CantingShopProduct) p = canting_shop_store_get_product (req->shop->store, id, NULL);

  if (p == NULL)
    {
      reply_object (req->reply, 404, invalid_id_error (404));
      return;
    }
  reply_object (req->reply, 200, product_object (req->shop, p, FALSE));
}

static void
product_update (Request *req,
                gint64   id)
{
  guint status;
  JsonObject *object = save_product (req, req->params, id, FALSE, &status);

  reply_object (req->reply, status, object);
}

/* DELETE moves a product to the trash (status "trash", still readable by
 * id, gone from lists and SKU lookups, its SKU free again); force=true
 * removes it for good.  Either way the reply is the product as it was. */
static JsonObject *
delete_product (Request  *req,
                gint64    id,
                gboolean  force,
                guint    *status)
{
  g_autoptr(CantingShopProduct) p = canting_shop_store_get_product (req->shop->store, id, NULL);
  g_autoptr(GError) error = NULL;

  if (p == NULL)
    {
      *status = 404;
      return invalid_id_error (404);
    }
  if (!force && g_str_equal (p->status, "trash"))
    {
      *status = 410;
      return error_object (410, "woocommerce_rest_already_trashed", "The product has already been deleted.", NULL);
    }
  if (!canting_shop_store_delete_product (req->shop->store, id, force, &error))
    {
      g_warning ("practice shop: %s", error->message);
      *status = 500;
      return error_object (500, "woocommerce_rest_cannot_delete", "The product cannot be deleted.", NULL);
    }
  if (!force)
    {
      g_free (p->status);
      p->status = g_strdup ("trash");
    }
  *status = 200;
  return product_object (req->shop, p, TRUE);
}

static void
product_delete (Request *req,
                gint64   id)
{
  const char *force = g_hash_table_lookup (req->query, "force");
  guint status;
  JsonObject *object = delete_product (req, id, force != NULL && (g_str_equal (force, "true") || g_str_equal (force, "1")),
                                       &status);

  reply_object (req->reply, status, object);
}

/* The failure the batch-fail fault gives an item: WordPress's own words
 * when the database will not take a post. */
static JsonObject *
injected_item_error (void)
{
  return error_object (500, "db_insert_error", "Could not insert post into the database.", NULL);
}

static JsonObject *
batch_item_error (gint64      id,
                  JsonObject *error)
{
  JsonObject *item = json_object_new ();

  json_object_set_int_member (item, "id", id);
  json_object_set_object_member (item, "error", error);
  return item;
}

/* WC_REST_Controller::batch_items(): each item is its own request; a
 * failed one is {"id", "error"} in the 200, the others go through.  No
 * type checks inside a batch (WordPress validates the batch, not its
 * items), and deletes are for good. */
static void
products_batch (Request *req)
{
  static const char *lists[] = { "create", "update", "delete" };
  JsonObject *result = json_object_new ();
  guint n_items = 0;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (req->params, lists[l]);
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        n_items += json_array_get_length (json_node_get_array (node));
    }
  if (n_items > BATCH_LIMIT)
    {
      json_object_unref (result);
      reply_error (req->reply, 413, "woocommerce_rest_request_entity_too_large",
                   "Unable to accept more than 100 items for this request.", NULL);
      return;
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (req->params, lists[l]);
      JsonArray *items, *out;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      items = json_node_get_array (node);
      out = json_array_new ();
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          gboolean injected = req->batch_fail && i % 2 == 1;
          guint status;
          gint64 id = 0;

          if (l == 2)
            {
              if (!node_to_integer (item, &id))
                id = 0;
              if (injected)
                json_array_add_object_element (out, batch_item_error (id, injected_item_error ()));
              else
                {
                  JsonObject *object = delete_product (req, id, TRUE, &status);
                  json_array_add_object_element (out, status == 200 ? object : batch_item_error (id, object));
                }
              continue;
            }
          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              json_array_add_object_element (out, batch_item_error (0, invalid_id_error (400)));
              continue;
            }
          if (l == 1)
            {
              JsonNode *id_node = json_object_get_member (json_node_get_object (item), "id");
              if (id_node == NULL || !node_to_integer (id_node, &id))
                id = 0;
            }
          if (injected)
            json_array_add_object_element (out, batch_item_error (id, injected_item_error ()));
          else if (l == 1 && id == 0)
            json_array_add_object_element (out, batch_item_error (0, invalid_id_error (400)));
          else
            {
              JsonObject *object = save_product (req, json_node_get_object (item), id, TRUE, &status);
              json_array_add_object_element (out, status < 300 ? object : batch_item_error (id, object));
            }
        }
      json_object_set_array_member (result, lists[l], out);
    }
  reply_object (req->reply, 200, result);
}

/* ---- categories -------------------------------------------------------- */

static JsonObject *
category_object (CantingShop         *shop,
                 CantingShopCategory *c)
{
  JsonObject *o = json_object_new ();
  JsonObject *links = links_object (shop, "/wc/v3/products/categories", c->id);

  json_object_set_int_member (o, "id", c->id);
  json_object_set_string_member (o, "name", c->name);
  json_object_set_string_member (o, "slug", c->slug);
  json_object_set_int_member (o, "parent", c->parent);
  json_object_set_string_member (o, "description", c->description);
  json_object_set_string_member (o, "display", "default");
  json_object_set_null_member (o, "image");
  json_object_set_int_member (o, "menu_order", 0);
  json_object_set_int_member (o, "count", c->count);
  if (c->parent != 0)
    {
      JsonArray *up = json_array_new ();
      JsonObject *link = json_object_new ();
      g_autofree char *route = g_strdup_printf ("/wc/v3/products/categories/%" G_GINT64_FORMAT, c->parent);
      g_autofree char *href = api_url (shop, route);

      json_object_set_string_member (link, "href", href);
      json_array_add_object_element (up, link);
      json_object_set_array_member (links, "up", up);
    }
  json_object_set_object_member (o, "_links", links);
  return o;
}

static void
categories_list (Request *req)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  guint page, per_page;
  gint64 total;
  Invalid inv;

  invalid_init (&inv);
  read_paging (req, &inv, &page, &per_page);
  if (invalid_reply (&inv, req->reply))
    {
      invalid_clear (&inv);
      return;
    }
  invalid_clear (&inv);
  rows = canting_shop_store_list_categories (req->shop->store, page, per_page, &total, &error);
  if (rows == NULL)
    {
      reply_store_error (req, error);
      return;
    }
  array = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (array, category_object (req->shop, g_ptr_array_index (rows, i)));
  reply_array (req->reply, 200, array);
  add_paging_headers (req, "/wc/v3/products/categories", page, per_page, total);
}

static void
category_create (Request *req)
{
  JsonNode *name_node = json_object_get_member (req->params, "name");
  JsonNode *parent_node = json_object_get_member (req->params, "parent");
  JsonNode *description_node = json_object_get_member (req->params, "description");
  g_autoptr(CantingShopCategory) category = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 parent = 0, existing = 0;
  Invalid inv;

  if (name_node == NULL)
    {
      JsonObject *extra = json_object_new ();
      JsonArray *params = json_array_new ();

      json_array_add_string_element (params, "name");
      json_object_set_array_member (extra, "params", params);
      reply_error (req->reply, 400, "rest_missing_callback_param", "Missing parameter(s): name", extra);
      return;
    }
  invalid_init (&inv);
  if (!node_is_string (name_node))
    invalid_type (&inv, "name", "string");
  if (parent_node != NULL && !node_to_integer (parent_node, &parent))
    invalid_type (&inv, "parent", "integer");
  if (description_node != NULL && !node_is_string (description_node))
    invalid_type (&inv, "description", "string");
  if (invalid_reply (&inv, req->reply))
    {
      invalid_clear (&inv);
      return;
    }
  invalid_clear (&inv);
  name = g_strstrip (g_strdup (json_node_get_string (name_node)));
  if (*name == '\0')
    {
      reply_error (req->reply, 400, "empty_term_name", "A name is required for this term.", NULL);
      return;
    }
  if (parent != 0 && (category = canting_shop_store_get_category (req->shop->store, parent, NULL)) == NULL)
    {
      reply_error (req->reply, 400, "woocommerce_rest_term_invalid", "Parent resource does not exist.", NULL);
      return;
    }
  g_clear_pointer (&category, canting_shop_category_free);
  category = canting_shop_store_add_category (req->shop->store, name, parent,
                                              description_node != NULL ? json_node_get_string (description_node) : "",
                                              &existing, &error);
  if (category == NULL && g_error_matches (error, CANTING_ERROR, CANTING_ERROR_CONFLICT))
    {
      JsonObject *extra = json_object_new ();

      json_object_set_int_member (extra, "resource_id", existing);
      reply_error (req->reply, 400, "term_exists", "A term with the name provided already exists with this parent.",
                   extra);
      return;
    }
  if (category == NULL)
    {
      reply_store_error (req, error);
      return;
    }
  reply_created (req, category_object (req->shop, category), "/wc/v3/products/categories", category->id);
}

static void
category_get (Request *req,
              gint64   id)
{
  g_autoptr(CantingShopCategory) category = canting_shop_store_get_category (req->shop->store, id, NULL);

  if (category == NULL)
    {
      reply_error (req->reply, 404, "woocommerce_rest_term_invalid", "Resource does not exist.", NULL);
      return;
    }
  reply_object (req->reply, 200, category_object (req->shop, category));
}

/* ---- media --------------------------------------------------------------- */

static JsonObject *
rendered (const char *text,
          gboolean    edit)
{
  JsonObject *o = json_object_new ();

  if (edit)
    json_object_set_string_member (o, "raw", text);
  json_object_set_string_member (o, "rendered", text);
  return o;
}

static JsonObject *
media_object (CantingShop      *shop,
              CantingShopMedia *m,
              gboolean          edit)
{
  JsonObject *o = json_object_new ();
  JsonObject *details = json_object_new ();
  g_autofree char *source_url = g_strdup_printf ("%s/wp-content/uploads/%s", shop->home_url, m->path);
  g_autofree char *slug = g_ascii_strdown (m->title, -1);
  g_autofree char *link = g_strdup_printf ("%s/%s/", shop->home_url, slug);

  json_object_set_int_member (o, "id", m->id);
  json_object_set_string_member (o, "date", m->created);
  json_object_set_string_member (o, "date_gmt", m->created);
  json_object_set_object_member (o, "guid", rendered (source_url, edit));
  json_object_set_string_member (o, "modified", m->created);
  json_object_set_string_member (o, "modified_gmt", m->created);
  json_object_set_string_member (o, "slug", slug);
  json_object_set_string_member (o, "status", "inherit");
  json_object_set_string_member (o, "type", "attachment");
  json_object_set_string_member (o, "link", link);
  json_object_set_object_member (o, "title", rendered (m->title, edit));
  json_object_set_int_member (o, "author", 1);
  json_object_set_string_member (o, "comment_status", "open");
  json_object_set_string_member (o, "ping_status", "closed");
  json_object_set_string_member (o, "template", "");
  set_empty_array (o, "meta");
  if (edit)
    {
      g_autofree char *template = g_strdup_printf ("%s/%%pagename%%/", shop->home_url);
      json_object_set_string_member (o, "permalink_template", template);
      json_object_set_string_member (o, "generated_slug", slug);
    }
  json_object_set_object_member (o, "description", rendered ("", edit));
  json_object_set_object_member (o, "caption", rendered ("", edit));
  json_object_set_string_member (o, "alt_text", "");
  json_object_set_string_member (o, "media_type", "image");
  json_object_set_string_member (o, "mime_type", m->mime_type);
  json_object_set_int_member (details, "filesize", m->size);
  json_object_set_string_member (details, "file", m->path);
  json_object_set_object_member (details, "sizes", json_object_new ());
  json_object_set_object_member (o, "media_details", details);
  json_object_set_null_member (o, "post");
  json_object_set_string_member (o, "source_url", source_url);
  if (edit)
    set_empty_array (o, "missing_image_sizes");
  json_object_set_object_member (o, "_links", links_object (shop, "/wp/v2/media", m->id));
  return o;
}

/* The image type of @data from its first bytes: WordPress checks what a
 * file is, not only what it is called. */
static const char *
sniff_image (GBytes *data)
{
  gsize size;
  const guchar *b = g_bytes_get_data (data, &size);

  if (size >= 8 && memcmp (b, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
    return "image/jpeg";
  if (size >= 6 && (memcmp (b, "GIF87a", 6) == 0 || memcmp (b, "GIF89a", 6) == 0))
    return "image/gif";
  if (size >= 12 && memcmp (b, "RIFF", 4) == 0 && memcmp (b + 8, "WEBP", 4) == 0)
    return "image/webp";
  return NULL;
}

/* The file name of "attachment; filename="batik.png"", without any
 * folder a client put in it. */
static char *
disposition_file_name (SoupMessageHeaders *headers)
{
  g_autofree char *disposition = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *name;
  g_autofree char *base = NULL;
  g_autoptr(GString) clean = NULL;

  if (!soup_message_headers_get_content_disposition (headers, &disposition, &params))
    return NULL;
  name = g_hash_table_lookup (params, "filename");
  if (name == NULL || *name == '\0')
    return NULL;
  base = g_path_get_basename (name);
  /* sanitize_file_name(): spaces become dashes, and only letters, digits,
   * dots, dashes and underscores stay, so the name is safe in a URL and
   * on a page. */
  clean = g_string_new (NULL);
  for (const char *p = base; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append_c (clean, '-');
      else if (g_ascii_isalnum (*p) || *p == '.' || *p == '-' || *p == '_')
        g_string_append_c (clean, *p);
    }
  if (clean->len == 0 || clean->str[0] == '.')
    return NULL;
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

static void
media_create (Request *req)
{
  const char *content_type = soup_message_headers_get_one (req->headers, "Content-Type");
  const char *disposition = soup_message_headers_get_one (req->headers, "Content-Disposition");
  static const char * const extensions[] = { ".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", NULL };
  g_autoptr(CantingShopMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *lower = NULL;
  const char *mime = NULL;
  gboolean known_extension = FALSE;

  if (req->body == NULL || g_bytes_get_size (req->body) == 0)
    {
      reply_error (req->reply, 400, "rest_upload_no_data", "No data supplied.", NULL);
      return;
    }
  if (content_type == NULL || *content_type == '\0')
    {
      reply_error (req->reply, 400, "rest_upload_no_content_type", "No Content-Type supplied.", NULL);
      return;
    }
  if (disposition == NULL || *disposition == '\0')
    {
      reply_error (req->reply, 400, "rest_upload_no_content_disposition", "No Content-Disposition supplied.", NULL);
      return;
    }
  file_name = disposition_file_name (req->headers);
  if (file_name == NULL)
    {
      reply_error (req->reply, 400, "rest_upload_invalid_disposition",
                   "Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as "
                   "`attachment; filename=\"image.png\"` or similar.", NULL);
      return;
    }
  lower = g_ascii_strdown (file_name, -1);
  for (guint i = 0; extensions[i] != NULL; i++)
    known_extension |= g_str_has_suffix (lower, extensions[i]);
  mime = sniff_image (req->body);
  if (!known_extension || mime == NULL)
    {
      reply_error (req->reply, 500, "rest_upload_sideload_error",
                   "Sorry, you are not allowed to upload this file type.", NULL);
      return;
    }
  media = canting_shop_store_add_media (req->shop->store, file_name, mime, req->body, &error);
  if (media == NULL)
    {
      reply_store_error (req, error);
      return;
    }
  reply_created (req, media_object (req->shop, media, TRUE), "/wp/v2/media", media->id);
}

static void
media_get (Request *req,
           gint64   id)
{
  g_autoptr(CantingShopMedia) media = canting_shop_store_get_media (req->shop->store, id, NULL);

  if (media == NULL)
    {
      reply_error (req->reply, 404, "rest_post_invalid_id", "Invalid post ID.", NULL);
      return;
    }
  reply_object (req->reply, 200, media_object (req->shop, media, FALSE));
}

/* ---- orders -------------------------------------------------------------- */

static const char * const order_statuses[] = {
  "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft", NULL
};

static const char * const address_fields[] = {
  "first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode", "country",
  "email", "phone", NULL
};

/* The billing or shipping address: every field, "" when not sent. */
static JsonObject *
address_object (const char *stored,
                gboolean    billing)
{
  JsonObject *o = json_object_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *sent = NULL;

  if (stored != NULL && json_parser_load_from_data (parser, stored, -1, NULL)
      && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    sent = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; address_fields[i] != NULL; i++)
    {
      const char *value = "";

      if (!billing && g_str_equal (address_fields[i], "email"))
        continue;
      if (sent != NULL && json_object_has_member (sent, address_fields[i])
          && node_is_string (json_object_get_member (sent, address_fields[i])))
        value = json_object_get_string_member (sent, address_fields[i]);
      json_object_set_string_member (o, address_fields[i], value);
    }
  return o;
}

static void
set_nullable_string (JsonObject *o,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

static JsonObject *
order_object (CantingShop      *shop,
              CantingShopOrder *order)
{
  JsonObject *o = json_object_new ();
  JsonArray *items = json_array_new ();
  g_autofree char *total_text = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, order->id);
  g_autofree char *payment_url = g_strdup_printf ("%s/checkout/order-pay/%" G_GINT64_FORMAT "/?pay_for_order=true&key=%s",
                                                  shop->home_url, order->id, order->order_key);
  gint64 total = 0;

  for (guint i = 0; i < order->items->len; i++)
    {
      CantingShopOrderItem *item = g_ptr_array_index (order->items, i);
      JsonObject *line = json_object_new ();
      JsonObject *image = json_object_new ();
      g_autofree char *line_total = g_strdup_printf ("%" G_GINT64_FORMAT, item->price * item->quantity);
      g_autoptr(CantingShopProduct) product = canting_shop_store_get_product (shop->store, item->product_id, NULL);

      total += item->price * item->quantity;
      json_object_set_int_member (line, "id", item->id);
      json_object_set_string_member (line, "name", item->name);
      json_object_set_int_member (line, "product_id", item->product_id);
      json_object_set_int_member (line, "variation_id", 0);
      json_object_set_int_member (line, "quantity", item->quantity);
      json_object_set_string_member (line, "tax_class", "");
      json_object_set_string_member (line, "subtotal", line_total);
      json_object_set_string_member (line, "subtotal_tax", "0");
      json_object_set_string_member (line, "total", line_total);
      json_object_set_string_member (line, "total_tax", "0");
      set_empty_array (line, "taxes");
      set_empty_array (line, "meta_data");
      json_object_set_string_member (line, "sku", item->sku);
      json_object_set_int_member (line, "price", item->price);
      if (product != NULL && product->image_ids->len > 0)
        {
          g_autoptr(CantingShopMedia) media = canting_shop_store_get_media (shop->store,
                                                                            g_array_index (product->image_ids, gint64, 0),
                                                                            NULL);
          g_autofree char *src = media != NULL ? g_strdup_printf ("%s/wp-content/uploads/%s", shop->home_url, media->path)
                                               : g_strdup ("");
          json_object_set_int_member (image, "id", media != NULL ? media->id : 0);
          json_object_set_string_member (image, "src", src);
        }
      else
        {
          json_object_set_string_member (image, "id", "");
          json_object_set_string_member (image, "src", "");
        }
      json_object_set_object_member (line, "image", image);
      json_object_set_null_member (line, "parent_name");
      json_array_add_object_element (items, line);
    }
  total_text = g_strdup_printf ("%" G_GINT64_FORMAT, total);

  json_object_set_int_member (o, "id", order->id);
  json_object_set_int_member (o, "parent_id", 0);
  json_object_set_string_member (o, "status", order->status);
  json_object_set_string_member (o, "currency", "IDR");
  json_object_set_string_member (o, "version", "7.9.0");
  json_object_set_boolean_member (o, "prices_include_tax", FALSE);
  json_object_set_string_member (o, "date_created", order->created);
  json_object_set_string_member (o, "date_modified", order->modified);
  json_object_set_string_member (o, "discount_total", "0");
  json_object_set_string_member (o, "discount_tax", "0");
  json_object_set_string_member (o, "shipping_total", "0");
  json_object_set_string_member (o, "shipping_tax", "0");
  json_object_set_string_member (o, "cart_tax", "0");
  json_object_set_string_member (o, "total", total_text);
  json_object_set_string_member (o, "total_tax", "0");
  json_object_set_int_member (o, "customer_id", 0);
  json_object_set_string_member (o, "order_key", order->order_key);
  json_object_set_object_member (o, "billing", address_object (order->billing_json, TRUE));
  json_object_set_object_member (o, "shipping", address_object (order->shipping_json, FALSE));
  json_object_set_string_member (o, "payment_method", order->payment_method);
  json_object_set_string_member (o, "payment_method_title", order->payment_method_title);
  json_object_set_string_member (o, "transaction_id", "");
  json_object_set_string_member (o, "customer_ip_address", "");
  json_object_set_string_member (o, "customer_user_agent", "");
  json_object_set_string_member (o, "created_via", "rest-api");
  json_object_set_string_member (o, "customer_note", order->customer_note);
  set_nullable_string (o, "date_completed", order->date_completed);
  set_nullable_string (o, "date_paid", order->date_paid);
  json_object_set_string_member (o, "cart_hash", "");
  json_object_set_string_member (o, "number", number);
  set_empty_array (o, "meta_data");
  json_object_set_array_member (o, "line_items", items);
  set_empty_array (o, "tax_lines");
  set_empty_array (o, "shipping_lines");
  set_empty_array (o, "fee_lines");
  set_empty_array (o, "coupon_lines");
  set_empty_array (o, "refunds");
  json_object_set_string_member (o, "payment_url", payment_url);
  json_object_set_boolean_member (o, "is_editable", g_str_equal (order->status, "pending"));
  json_object_set_boolean_member (o, "needs_payment", g_str_equal (order->status, "pending") && total > 0);
  json_object_set_boolean_member (o, "needs_processing", TRUE);
  json_object_set_string_member (o, "date_created_gmt", order->created);
  json_object_set_string_member (o, "date_modified_gmt", order->modified);
  set_nullable_string (o, "date_completed_gmt", order->date_completed);
  set_nullable_string (o, "date_paid_gmt", order->date_paid);
  json_object_set_string_member (o, "currency_symbol", "Rp");
  json_object_set_object_member (o, "_links", links_object (shop, "/wc/v3/orders", order->id));
  return o;
}

/* modified_after as WordPress reads a date-time: ISO 8601, the store's
 * time zone (UTC) unless it names one.  NULL when it is not a date. */
static char *
parse_date_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (!g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}(:?\\d{2})?)?$",
                             text, 0, 0))
    return NULL;
  when = g_date_time_new_from_iso8601 (text, utc);
  if (when == NULL)
    return NULL;
  in_utc = g_date_time_to_utc (when);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S");
}

static void
orders_list (Request *req)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *after_text = g_hash_table_lookup (req->query, "modified_after");
  const char *status_text = g_hash_table_lookup (req->query, "status");
  g_auto(GStrv) statuses = NULL;
  JsonArray *array;
  guint page, per_page;
  gint64 total;
  Invalid inv;

  invalid_init (&inv);
  read_paging (req, &inv, &page, &per_page);
  if (after_text != NULL && (after = parse_date_time (after_text)) == NULL)
    invalid_add (&inv, "modified_after", "rest_invalid_date", "Invalid date.");
  /* status: a list (comma-separated) of order statuses, "trash" (the
   * bin) or "any" (the default: all but the bin, whatever else is
   * listed). */
  if (status_text != NULL)
    {
      statuses = g_strsplit (status_text, ",", -1);
      for (guint i = 0; statuses[i] != NULL; i++)
        {
          if (g_str_equal (statuses[i], "any"))
            {
              g_clear_pointer (&statuses, g_strfreev);
              break;
            }
          if (!g_str_equal (statuses[i], "trash") && !g_strv_contains (order_statuses, statuses[i]))
            {
              invalid_add (&inv, "status", "rest_invalid_param", "status[0] is not one of any, trash, pending, "
                           "processing, on-hold, completed, cancelled, refunded, failed, and checkout-draft.");
              break;
            }
        }
    }
  if (invalid_reply (&inv, req->reply))
    {
      invalid_clear (&inv);
      return;
    }
  invalid_clear (&inv);
  rows = canting_shop_store_list_orders (req->shop->store, after, (const char * const *) statuses, page, per_page,
                                         &total, &error);
  if (rows == NULL)
    {
      reply_store_error (req, error);
      return;
    }
  array = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (array, order_object (req->shop, g_ptr_array_index (rows, i)));
  reply_array (req->reply, 200, array);
  add_paging_headers (req, "/wc/v3/orders", page, per_page, total);
}

static char *
object_member_json (JsonObject *params,
                    const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_to_string (node, FALSE);
}

/* A sale for practice: line_items name products by product_id or sku;
 * set_paid or a paid status (processing, on-hold, completed) lowers the
 * stock, as WooCommerce does when an order is paid. */
static void
order_create (Request *req)
{
  g_autoptr(CantingShopOrder) order = canting_shop_order_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gboolean set_paid = FALSE;
  Invalid inv;

  invalid_init (&inv);
  read_string (req->params, "status", &order->status, FALSE, &inv);
  if (json_object_has_member (req->params, "status"))
    check_enum (&inv, "status", order->status, order_statuses);
  read_string (req->params, "customer_note", &order->customer_note, FALSE, &inv);
  read_string (req->params, "payment_method", &order->payment_method, FALSE, &inv);
  read_string (req->params, "payment_method_title", &order->payment_method_title, FALSE, &inv);
  if ((node = json_object_get_member (req->params, "set_paid")) != NULL && !node_to_boolean (node, &set_paid))
    invalid_type (&inv, "set_paid", "boolean");
  if ((node = json_object_get_member (req->params, "line_items")) != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    invalid_type (&inv, "line_items", "array");
  if (invalid_reply (&inv, req->reply))
    {
      invalid_clear (&inv);
      return;
    }
  invalid_clear (&inv);
  order->billing_json = object_member_json (req->params, "billing");
  order->shipping_json = object_member_json (req->params, "shipping");
  if (set_paid && g_str_equal (order->status, "pending"))
    {
      g_free (order->status);
      order->status = g_strdup ("processing");
    }
  if (node != NULL)
    {
      JsonArray *lines = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          JsonNode *line = json_array_get_element (lines, i);
          CantingShopOrderItem *item;
          JsonObject *o;
          JsonNode *member;

          if (!JSON_NODE_HOLDS_OBJECT (line))
            continue;
          o = json_node_get_object (line);
          item = canting_shop_order_item_new ();
          g_ptr_array_add (order->items, item);
          if ((member = json_object_get_member (o, "sku")) != NULL && node_is_string (member))
            {
              g_free (item->sku);
              item->sku = g_strdup (json_node_get_string (member));
            }
          if (*item->sku == '\0' && (member = json_object_get_member (o, "product_id")) != NULL)
            node_to_integer (member, &item->product_id);
          if ((member = json_object_get_member (o, "quantity")) != NULL)
            node_to_integer (member, &item->quantity);
          if (*item->sku == '\0' && item->product_id == 0)
            {
              reply_error (req->reply, 400, "woocommerce_rest_required_product_reference",
                           "Product ID or SKU is required.", NULL);
              return;
            }
        }
    }
  if (!canting_shop_store_add_order (req->shop->store, order, &error))
    {
      if (g_error_matches (error, CANTING_ERROR, CANTING_ERROR_INVALID))
        reply_error (req->reply, 400, "woocommerce_rest_invalid_product_id", "Product ID or SKU is invalid.", NULL);
      else
        reply_store_error (req, error);
      return;
    }
  reply_created (req, order_object (req->shop, order), "/wc/v3/orders", order->id);
}

static void
order_get (Request *req,
           gint64   id)
{
  g_autoptr(CantingShopOrder) order = canting_shop_store_get_order (req->shop->store, id, NULL);

  if (order == NULL)
    {
      reply_error (req->reply, 404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.", NULL);
      return;
    }
  reply_object (req->reply, 200, order_object (req->shop, order));
}

/* Moves order @id to @status (NULL: leaves it) and answers with the
 * order as it is now. */
static void
set_status_and_reply (Request    *req,
                      gint64      id,
                      const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingShopOrder) order = NULL;

  if (status != NULL && !canting_shop_store_set_order_status (req->shop->store, id, status, &error))
    {
      if (g_error_matches (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND))
        reply_error (req->reply, 404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.", NULL);
      else
        reply_store_error (req, error);
      return;
    }
  order = canting_shop_store_get_order (req->shop->store, id, NULL);
  if (order == NULL)
    {
      reply_error (req->reply, 404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.", NULL);
      return;
    }
  reply_object (req->reply, 200, order_object (req->shop, order));
}

/* PUT orders/<id> {"status"} (or set_paid): the shop owner moving an
 * order on, for practice and for tests of order sync.  Only the status
 * changes here. */
static void
order_update (Request *req,
              gint64   id)
{
  g_autofree char *status = NULL;
  gboolean set_paid = FALSE;
  JsonNode *node;
  Invalid inv;

  invalid_init (&inv);
  read_string (req->params, "status", &status, FALSE, &inv);
  if (status != NULL)
    check_enum (&inv, "status", status, order_statuses);
  if ((node = json_object_get_member (req->params, "set_paid")) != NULL && !node_to_boolean (node, &set_paid))
    invalid_type (&inv, "set_paid", "boolean");
  if (invalid_reply (&inv, req->reply))
    {
      invalid_clear (&inv);
      return;
    }
  invalid_clear (&inv);
  if (status == NULL && set_paid)
    status = g_strdup ("processing");
  set_status_and_reply (req, id, status);
}

/* DELETE orders/<id>: the shop owner moving an order to the bin, as
 * WooCommerce does without force=true: its status becomes "trash", it
 * leaves the default order list, and its modification time moves. */
static void
order_trash (Request *req,
             gint64   id)
{
  set_status_and_reply (req, id, "trash");
}

/* ---- dispatch ------------------------------------------------------------ */

static Route
match_route (const char *route,
             gint64     *id)
{
  static const struct { const char *prefix; Route collection; Route item; } routes[] = {
    { "/wc/v3/products/categories", ROUTE_CATEGORIES, ROUTE_CATEGORY },
    { "/wc/v3/products", ROUTE_PRODUCTS, ROUTE_PRODUCT },
    { "/wc/v3/orders", ROUTE_ORDERS, ROUTE_ORDER },
    { "/wp/v2/media", ROUTE_MEDIA, ROUTE_MEDIA_ITEM },
  };

  if (g_str_equal (route, "/wc/v3/products/batch"))
    return ROUTE_BATCH;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      gsize len = strlen (routes[i].prefix);

      if (!g_str_has_prefix (route, routes[i].prefix))
        continue;
      if (route[len] == '\0')
        return routes[i].collection;
      if (route[len] == '/' && parse_id (route + len + 1, id))
        return routes[i].item;
    }
  return ROUTE_NONE;
}

static gboolean
is_edit (const char *method)
{
  return g_str_equal (method, "POST") || g_str_equal (method, "PUT") || g_str_equal (method, "PATCH");
}

/* The Allow header WordPress sends for a route. */
static const char *
route_allow (Route route)
{
  switch (route)
    {
    case ROUTE_PRODUCT:
    case ROUTE_CATEGORY:
    case ROUTE_ORDER:
    case ROUTE_MEDIA_ITEM:
      return "GET, POST, PUT, PATCH, DELETE";
    case ROUTE_BATCH:
      return "POST, PUT, PATCH";
    default:
      return "GET, POST";
    }
}

/* The permission error an anonymous request gets on each route. */
static void
reply_forbidden (Request *req,
                 Route    route)
{
  const char *code, *message;
  gboolean get = g_str_equal (req->method, "GET");

  if (route == ROUTE_MEDIA)
    code = "rest_cannot_create", message = "Sorry, you are not allowed to create posts as this user.";
  else if (route == ROUTE_BATCH)
    code = "woocommerce_rest_cannot_batch", message = "Sorry, you are not allowed to batch manipulate this resource.";
  else if (get && (route == ROUTE_PRODUCTS || route == ROUTE_CATEGORIES || route == ROUTE_ORDERS))
    code = "woocommerce_rest_cannot_view", message = "Sorry, you cannot list resources.";
  else if (get)
    code = "woocommerce_rest_cannot_view", message = "Sorry, you cannot view this resource.";
  else if (g_str_equal (req->method, "DELETE"))
    code = "woocommerce_rest_cannot_delete", message = "Sorry, you are not allowed to delete this resource.";
  else if (route == ROUTE_PRODUCTS || route == ROUTE_CATEGORIES || route == ROUTE_ORDERS)
    code = "woocommerce_rest_cannot_create", message = "Sorry, you are not allowed to create resources.";
  else
    code = "woocommerce_rest_cannot_edit", message = "Sorry, you are not allowed to edit this resource.";
  reply_error (req->reply, 401, code, message, NULL);
}

static void
add_common_headers (Request  *req,
                    gboolean  logged_in,
                    Route     route)
{
  g_autofree char *api_link = g_strdup_printf ("<%s/wp-json/>; rel=\"https://api.w.org/\"", req->shop->home_url);

  add_header (req->reply, "X-Robots-Tag", "noindex");
  add_header (req->reply, "Link", api_link);
  add_header (req->reply, "X-Content-Type-Options", "nosniff");
  add_header (req->reply, "Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link");
  add_header (req->reply, "Access-Control-Allow-Headers",
              "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type");
  /* WordPress sends Allow and the no-cache headers only to a logged-in
   * user (the 401 in the recordings has neither). */
  if (logged_in && route != ROUTE_NONE)
    add_header (req->reply, "Allow", route_allow (route));
  if (logged_in)
    {
      add_header (req->reply, "Expires", "Wed, 11 Jan 1984 05:00:00 GMT");
      add_header (req->reply, "Cache-Control", "no-cache, must-revalidate, max-age=0");
    }
}

/* The JSON body, when the request says it is JSON (WordPress reads a body
 * by its Content-Type and ignores one it cannot place).  FALSE after
 * replying rest_invalid_json. */
static gboolean
read_json_body (Request *req)
{
  const char *type = soup_message_headers_get_content_type (req->headers, NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data = req->body != NULL ? g_bytes_get_data (req->body, &size) : NULL;
  JsonNode *root;

  req->params = json_object_new ();
  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0 || size == 0)
    return TRUE;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
    {
      JsonObject *extra = json_object_new ();

      json_object_set_int_member (extra, "json_error_code", 4);
      json_object_set_string_member (extra, "json_error_message", "Syntax error");
      reply_error (req->reply, 400, "rest_invalid_json", "Invalid JSON body passed.", extra);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      json_object_unref (req->params);
      req->params = json_object_ref (json_node_get_object (root));
    }
  return TRUE;
}

void
canting_shop_api_handle (CantingShop        *self,
                         const char         *method,
                         const char         *path,
                         const char         *raw_query,
                         GHashTable         *query,
                         SoupMessageHeaders *request_headers,
                         GBytes             *body,
                         gboolean            batch_fail,
                         CantingShopReply   *reply)
{
  g_autoptr(GHashTable) empty = g_hash_table_new (g_str_hash, g_str_equal);
  Request req = { self, method, path, raw_query, query != NULL ? query : empty, request_headers, body,
                  NULL, batch_fail, reply };
  g_autofree char *route_path = g_strdup (path + strlen ("/wp-json"));
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  CantingShopAuthResult auth;
  gsize len = strlen (route_path);
  Route route;
  gint64 id = 0;
  gboolean get = g_str_equal (method, "GET"), edit = is_edit (method), del = g_str_equal (method, "DELETE");
  gboolean handled = TRUE;

  /* WordPress drops a trailing slash from the route. */
  while (len > 1 && route_path[len - 1] == '/')
    route_path[--len] = '\0';
  route = match_route (route_path, &id);

  auth = canting_shop_auth_check (self->auth, method, self->home_url, path, req.query,
                                  soup_message_headers_get_one (request_headers, "Authorization"),
                                  g_str_has_prefix (route_path, "/wc/"), &code, &message);
  add_common_headers (&req, auth == CANTING_SHOP_AUTH_OK, route);
  if (auth == CANTING_SHOP_AUTH_FAILED)
    {
      reply_error (reply, 401, code, message, NULL);
      return;
    }

  /* Which routes take which methods, as registered in WooCommerce. */
  switch (route)
    {
    case ROUTE_PRODUCTS:
    case ROUTE_CATEGORIES:
    case ROUTE_ORDERS:
      handled = get || g_str_equal (method, "POST");
      break;
    case ROUTE_PRODUCT:
    case ROUTE_ORDER:
      handled = get || edit || del;
      break;
    case ROUTE_BATCH:
      handled = edit;
      break;
    case ROUTE_MEDIA:
      handled = g_str_equal (method, "POST");
      break;
    case ROUTE_CATEGORY:
    case ROUTE_MEDIA_ITEM:
      handled = get;
      break;
    case ROUTE_NONE:
    default:
      handled = FALSE;
      break;
    }
  if (!handled)
    {
      reply_error (reply, 404, "rest_no_route", "No route was found matching the URL and request method.", NULL);
      return;
    }
  if (route != ROUTE_MEDIA && !read_json_body (&req))
    goto out;
  if (req.params == NULL)
    req.params = json_object_new ();
  /* Media items are public, as in WordPress; everything else needs a user. */
  if (auth != CANTING_SHOP_AUTH_OK && route != ROUTE_MEDIA_ITEM)
    {
      /* Parameter errors come before permission in WordPress. */
      if (get && (route == ROUTE_PRODUCTS || route == ROUTE_CATEGORIES || route == ROUTE_ORDERS))
        {
          Invalid inv;
          guint page, per_page;

          invalid_init (&inv);
          read_paging (&req, &inv, &page, &per_page);
          if (invalid_reply (&inv, reply))
            {
              invalid_clear (&inv);
              goto out;
            }
          invalid_clear (&inv);
        }
      reply_forbidden (&req, route);
      goto out;
    }

  switch (route)
    {
    case ROUTE_PRODUCTS:
      if (get)
        products_list (&req);
      else
        product_create (&req);
      break;
    case ROUTE_PRODUCT:
      if (get)
        product_get (&req, id);
      else if (del)
        product_delete (&req, id);
      else
        product_update (&req, id);
      break;
    case ROUTE_BATCH:
      products_batch (&req);
      break;
    case ROUTE_CATEGORIES:
      if (get)
        categories_list (&req);
      else
        category_create (&req);
      break;
    case ROUTE_CATEGORY:
      category_get (&req, id);
      break;
    case ROUTE_ORDERS:
      if (get)
        orders_list (&req);
      else
        order_create (&req);
      break;
    case ROUTE_ORDER:
      if (get)
        order_get (&req, id);
      else if (del)
        order_trash (&req, id);
      else
        order_update (&req, id);
      break;
    case ROUTE_MEDIA:
      media_create (&req);
      break;
    case ROUTE_MEDIA_ITEM:
      media_get (&req, id);
      break;
    case ROUTE_NONE:
    default:
      g_assert_not_reached ();
    }
out:
  g_clear_pointer (&req.params, json_object_unref);
}
