/* canting-woocommerce.c: wc/v3 request bodies and the meaning of every
 * reply shape a WooCommerce 7.9 gives. */
#include "canting-woocommerce.h"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "canting-error.h"
#include "canting-retry.h"


/* A member that is a string, or "". */
static const char *
member_text (JsonObject *o,
             const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

/* A member that is a whole number (a JSON integer), or @fallback: a
 * reply is the server's to shape, and an object where a number belongs
 * is no number. */
static gint64
member_int (JsonObject *o,
            const char *name,
            gint64      fallback)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

static JsonObject *
parse_object (const char  *text,
              gssize       length,
              JsonParser **out_parser)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  *out_parser = g_steal_pointer (&parser);
  return json_node_get_object (root);
}

/* WooCommerce shows the description as HTML: the text as typed, with
 * its own "<" and "&" kept as characters, a blank line between
 * paragraphs and a line break where the person pressed Enter. */
static char *
description_html (const char *text)
{
  g_auto(GStrv) paragraphs = NULL;
  GString *html = g_string_new (NULL);

  if (text == NULL || *text == '\0')
    return g_string_free (html, FALSE);
  paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n", text, 0, 0);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (paragraphs[i]));
      g_auto(GStrv) lines = NULL;

      if (*trimmed == '\0')
        continue;
      lines = g_strsplit (trimmed, "\n", -1);
      g_string_append (html, "<p>");
      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *escaped = g_markup_escape_text (lines[j], -1);
          g_string_append_printf (html, "%s%s", j > 0 ? "<br>\n" : "", escaped);
        }
      g_string_append (html, "</p>\n");
    }
  if (html->len > 0)
    g_string_truncate (html, html->len - 1);
  return g_string_free (html, FALSE);
}

JsonNode *
canting_wc_product_body (const CantingOutboxOp  *op,
                         gboolean                with_id,
                         GError                **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonObject *p;
  JsonArray *photos;
  g_autofree char *price = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (op != NULL, NULL);
  if (op->kind == CANTING_OUTBOX_IMAGE ||
      (p = parse_object (op->payload, -1, &parser)) == NULL ||
      !json_object_has_member (p, "sku") || !json_object_has_member (p, "price"))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("This waiting operation cannot be turned into a product for the shop."));
      return NULL;
    }

  json_builder_begin_object (b);
  if (with_id && op->kind != CANTING_OUTBOX_CREATE)
    {
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, op->remote_id);
    }
  if (op->kind == CANTING_OUTBOX_UNPUBLISH)
    {
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, "draft");
      json_builder_end_object (b);
      return json_builder_get_root (b);
    }
  if (op->kind != CANTING_OUTBOX_STOCK)
    {
      photos = json_object_get_array_member (p, "photos");
      price = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (p, "price"));
      description = description_html (json_object_get_string_member_with_default (p, "description", ""));

      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, json_object_get_string_member_with_default (p, "name", ""));
      if (op->kind == CANTING_OUTBOX_CREATE)
        {
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, "simple");
        }
      /* Publishing again puts a product taken off sale (a draft) back. */
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, "publish");
      json_builder_set_member_name (b, "regular_price");
      json_builder_add_string_value (b, price);
      json_builder_set_member_name (b, "sku");
      json_builder_add_string_value (b, json_object_get_string_member (p, "sku"));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, description);
      if (op->category_ids != NULL && op->category_ids->len > 0)
        {
          json_builder_set_member_name (b, "categories");
          json_builder_begin_array (b);
          for (guint i = 0; i < op->category_ids->len; i++)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_int_value (b, g_array_index (op->category_ids, gint64, i));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      /* All the photos or none: the shop replaces its list with what it
       * is sent.  An update of a product without photos clears them. */
      if (op->media_ids != NULL && photos != NULL && json_array_get_length (photos) == op->media_ids->len &&
          (op->media_ids->len > 0 || op->kind != CANTING_OUTBOX_CREATE))
        {
          json_builder_set_member_name (b, "images");
          json_builder_begin_array (b);
          for (guint i = 0; i < op->media_ids->len; i++)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "id");
              json_builder_add_int_value (b, g_array_index (op->media_ids, gint64, i));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
    }
  json_builder_set_member_name (b, "manage_stock");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "stock_quantity");
  json_builder_add_int_value (b, json_object_get_int_member_with_default (p, "stock", 0));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

CantingRemoteRequest *
canting_wc_request_for_op (const CantingOutboxOp  *op,
                           GError                **error)
{
  g_autoptr(JsonNode) body = canting_wc_product_body (op, FALSE, error);
  CantingRemoteRequest *request;

  if (body == NULL)
    return NULL;
  request = g_new0 (CantingRemoteRequest, 1);
  request->body = to_json (body);
  request->content_type = "application/json";
  if (op->kind == CANTING_OUTBOX_CREATE)
    {
      request->method = "POST";
      request->path = g_strdup (CANTING_WC_PRODUCTS_PATH);
    }
  else
    {
      request->method = "PUT";
      request->path = g_strdup_printf (CANTING_WC_PRODUCTS_PATH "/%" G_GINT64_FORMAT, op->remote_id);
    }
  return request;
}

CantingRemoteRequest *
canting_wc_lookup_request (const char *sku)
{
  CantingRemoteRequest *request = g_new0 (CantingRemoteRequest, 1);
  g_autofree char *escaped = g_uri_escape_string (sku, NULL, FALSE);

  request->method = "GET";
  request->path = g_strdup_printf (CANTING_WC_PRODUCTS_PATH "?sku=%s", escaped);
  return request;
}

CantingRemoteRequest *
canting_wc_category_request (const char *name)
{
  CantingRemoteRequest *request = g_new0 (CantingRemoteRequest, 1);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  request->method = "POST";
  request->path = g_strdup (CANTING_WC_CATEGORIES_PATH);
  request->body = to_json (root);
  request->content_type = "application/json";
  return request;
}

CantingRemoteRequest *
canting_wc_image_request (const CantingOutboxOp  *op,
                          CantingChannelAuth      auth,
                          GBytes                 *data,
                          GError                **error)
{
  CantingRemoteRequest *request;

  if (auth != CANTING_CHANNEL_AUTH_APP_PASSWORD)
    {
      g_set_error_literal (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                           _("Photos can be uploaded only with a WordPress application password; this shop is signed "
                             "in with a WooCommerce key, so the product goes online without its photos."));
      return NULL;
    }
  request = g_new0 (CantingRemoteRequest, 1);
  request->method = "POST";
  request->path = g_strdup (CANTING_WC_MEDIA_PATH);
  request->filename = g_path_get_basename (op->photo_file != NULL ? op->photo_file : "photo.jpg");
  request->content_type = canting_remote_image_type (data, request->filename);
  request->data = g_bytes_ref (data);
  return request;
}

static CantingRemoteRequest *
batch_request (const CantingRemoteBatch *batch)
{
  CantingRemoteRequest *request = g_new0 (CantingRemoteRequest, 1);

  request->method = "POST";
  request->path = g_strdup (CANTING_WC_BATCH_PATH);
  request->body = g_strdup (batch->body);
  request->content_type = "application/json";
  return request;
}

static gboolean
check_op (const CantingOutboxOp  *op,
          GError                **error)
{
  g_autoptr(JsonNode) body = canting_wc_product_body (op, TRUE, error);

  return body != NULL;
}

static gboolean
finish_batch (CantingRemoteBatch  *batch,
              JsonArray       *creates,
              JsonArray       *updates,
              GPtrArray       *out)
{
  JsonObject *root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (batch->creates->len > 0)
    json_object_set_array_member (root, "create", json_array_ref (creates));
  if (batch->updates->len > 0)
    json_object_set_array_member (root, "update", json_array_ref (updates));
  json_node_take_object (node, root);
  batch->body = to_json (node);
  g_ptr_array_add (out, batch);
  return TRUE;
}

GPtrArray *
canting_wc_batches (GPtrArray  *ops,
                    guint       max_items,
                    GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_remote_batch_free);
  CantingRemoteBatch *batch = NULL;
  JsonArray *creates = NULL, *updates = NULL;

  max_items = CLAMP (max_items, 1, CANTING_WC_BATCH_MAX);
  for (guint i = 0; i < ops->len; i++)
    {
      const CantingOutboxOp *op = ops->pdata[i];
      JsonNode *body;

      if (op->kind == CANTING_OUTBOX_IMAGE)
        continue;
      if ((body = canting_wc_product_body (op, TRUE, error)) == NULL)
        {
          canting_remote_batch_free (batch);
          g_clear_pointer (&creates, json_array_unref);
          g_clear_pointer (&updates, json_array_unref);
          return NULL;
        }
      if (batch == NULL)
        {
          batch = g_new0 (CantingRemoteBatch, 1);
          batch->creates = g_ptr_array_new ();
          batch->updates = g_ptr_array_new ();
          creates = json_array_new ();
          updates = json_array_new ();
        }
      if (op->kind == CANTING_OUTBOX_CREATE)
        {
          g_ptr_array_add (batch->creates, (gpointer) op);
          json_array_add_element (creates, body);
        }
      else
        {
          g_ptr_array_add (batch->updates, (gpointer) op);
          json_array_add_element (updates, body);
        }
      if (batch->creates->len + batch->updates->len == max_items)
        {
          finish_batch (g_steal_pointer (&batch), creates, updates, out);
          g_clear_pointer (&creates, json_array_unref);
          g_clear_pointer (&updates, json_array_unref);
        }
    }
  if (batch != NULL)
    finish_batch (g_steal_pointer (&batch), creates, updates, out);
  g_clear_pointer (&creates, json_array_unref);
  g_clear_pointer (&updates, json_array_unref);
  return g_steal_pointer (&out);
}


/* Plain words for a field WooCommerce refused (rest_invalid_param names
 * them), so the person knows what to fix. */
static const char *
field_words (const char *param)
{
  static const struct {
    const char *param;
    const char *words;
  } fields[] = {
    { "regular_price", N_("the price") },
    { "sku", N_("the SKU") },
    { "name", N_("the name") },
    { "description", N_("the description") },
    { "stock_quantity", N_("the stock") },
    { "categories", N_("the category") },
    { "images", N_("the photos") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (param, fields[i].param) == 0)
      return _(fields[i].words);
  return NULL;
}

static char *
invalid_param_message (JsonObject *data,
                       const char *server_message)
{
  JsonObject *params = data != NULL && json_object_has_member (data, "params")
                       ? json_object_get_object_member (data, "params") : NULL;
  g_autoptr(GList) names = params != NULL ? json_object_get_members (params) : NULL;
  g_autoptr(GString) known = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *words = field_words (l->data);
      if (words == NULL)
        /* A field Canting has no words for: the shop's own message is
         * the best there is. */
        return g_strdup_printf (_("The shop did not accept this product: %s"), server_message);
      g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "", words);
    }
  if (known->len == 0)
    return g_strdup_printf (_("The shop did not accept this product: %s"), server_message);
  return g_strdup_printf (_("The shop did not accept %s of this product. Check it and publish again."), known->str);
}

/* One error envelope, {code, message, data: {status, resource_id,
 * params}}, as a whole reply or a batch item. */
static void
read_error (JsonObject     *envelope,
            guint           status,
            CantingRemoteReply *out)
{
  const char *code = member_text (envelope, "code");
  const char *server_message = member_text (envelope, "message");
  JsonObject *data = json_object_has_member (envelope, "data") &&
                     JSON_NODE_HOLDS_OBJECT (json_object_get_member (envelope, "data"))
                     ? json_object_get_object_member (envelope, "data") : NULL;

  if (data != NULL && status == 200)
    {
      /* A batch item's own status, inside the batch's 200: the retry
       * policy reads it (a per-item 500 is retried, a 400 is not). */
      status = (guint) member_int (data, "status", 400);
      out->status = status;
    }
  out->code = g_strdup (code);
  out->remote_id = data != NULL ? member_int (data, "resource_id", 0) : 0;

  if (g_str_equal (code, "product_invalid_sku") && out->remote_id > 0)
    {
      out->problem = CANTING_REMOTE_DUPLICATE_SKU;
      out->message = g_strdup (_("The shop already has a product with this SKU."));
    }
  else if (g_str_equal (code, "term_exists") && out->remote_id > 0)
    {
      out->problem = CANTING_REMOTE_TERM_EXISTS;
      out->message = g_strdup (_("The shop already has this category; Canting uses it."));
    }
  else if (g_str_equal (code, "product_invalid_sku"))
    {
      out->problem = CANTING_REMOTE_INVALID;
      out->message = g_strdup (_("The shop did not accept the SKU. Use only letters, digits and “-”."));
    }
  else if (g_str_has_prefix (code, "woocommerce_product_image") || g_str_equal (code, "woocommerce_product_invalid_image_id"))
    {
      out->problem = CANTING_REMOTE_IMAGE;
      out->message = g_strdup (_("The shop could not attach a photo; it will be uploaded again first."));
    }
  else if (g_str_equal (code, "rest_no_route"))
    {
      /* The address leads to a WordPress without WooCommerce, or to a
       * subfolder that is not the shop. */
      out->problem = CANTING_REMOTE_INVALID;
      out->message = g_strdup (_("The shop’s address does not answer like a WooCommerce shop. Check the address "
                                 "in the channel’s settings."));
    }
  else if (status == 401 || status == 403)
    {
      out->problem = CANTING_REMOTE_AUTH;
      out->message = g_strdup (_("The shop did not accept Canting’s sign-in. Check the user name and password "
                                 "(or key) of this channel; nothing is sent until then."));
    }
  else if (status == 404 || g_str_has_suffix (code, "_invalid_id"))
    {
      out->problem = CANTING_REMOTE_NOT_FOUND;
      out->message = g_strdup (_("The product is no longer on the shop; it will be put back."));
    }
  else if (status == 413)
    {
      out->problem = CANTING_REMOTE_TOO_LARGE;
      out->message = g_strdup_printf (_("The shop takes at most %d products at once; sending them in smaller groups."),
                                      CANTING_WC_BATCH_MAX);
    }
  else if (status == 429)
    {
      out->problem = CANTING_REMOTE_RATE_LIMITED;
      out->message = g_strdup (_("The shop is busy; Canting will try again later."));
    }
  else if (status >= 500)
    {
      out->problem = CANTING_REMOTE_SERVER;
      out->message = g_strdup_printf (_("The shop had a problem of its own (error %u); Canting will try again."), status);
    }
  else if (g_str_equal (code, "rest_invalid_param"))
    {
      out->problem = CANTING_REMOTE_INVALID;
      out->message = invalid_param_message (data, server_message);
    }
  else
    {
      out->problem = CANTING_REMOTE_INVALID;
      out->message = g_strdup_printf (_("The shop did not accept this product: %s"), server_message);
    }
}

static void
read_success (JsonObject     *object,
              CantingRemoteReply *out)
{
  out->problem = CANTING_REMOTE_OK;
  out->remote_id = member_int (object, "id", 0);
  if (*member_text (object, "permalink") != '\0')
    out->permalink = g_strdup (member_text (object, "permalink"));
  if (out->remote_id <= 0)
    {
      out->problem = CANTING_REMOTE_MALFORMED;
      out->message = g_strdup (_("The shop’s reply could not be read; Canting will check and try again."));
    }
  else if (g_str_equal (member_text (object, "status"), "trash"))
    {
      /* A stock change reaches a product someone moved to the shop's
       * bin: it is not on sale, whatever Canting sent. */
      out->problem = CANTING_REMOTE_INVALID;
      out->code = g_strdup ("canting_product_in_trash");
      out->message = g_strdup (_("The product is in the shop’s bin (Trash), so it is not on sale. Publish it again "
                                 "here to put it back, or take it off sale here."));
    }
}

static void
fill_no_body_problem (guint           status,
                      CantingRemoteReply *out)
{
  if (status == 0)
    {
      out->problem = CANTING_REMOTE_NO_REPLY;
      out->message = g_strdup (_("No connection to the shop; Canting will try again."));
      return;
    }
  /* A proxy's page, an empty 502: the status alone tells. */
  {
    g_autoptr(JsonObject) empty = json_object_new ();
    if (status >= 400)
      {
        read_error (empty, status, out);
        return;
      }
  }
  out->problem = CANTING_REMOTE_MALFORMED;
  out->message = g_strdup (_("The shop’s reply could not be read; Canting will check and try again."));
}

void
canting_wc_parse_reply (guint            status,
                        GHashTable      *headers,
                        const char      *body,
                        gssize           length,
                        CantingRemoteReply  *out)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;

  memset (out, 0, sizeof *out);
  out->status = status;
  if (headers != NULL)
    out->retry_after = g_strdup (g_hash_table_lookup (headers, "retry-after"));
  object = status != 0 ? parse_object (body, length, &parser) : NULL;
  if (object == NULL)
    fill_no_body_problem (status, out);
  else if (status >= 200 && status < 300 && !json_object_has_member (object, "code"))
    read_success (object, out);
  else
    read_error (object, status, out);
}

GPtrArray *
canting_wc_parse_batch (const CantingRemoteBatch *batch,
                        guint                 status,
                        GHashTable           *headers,
                        const char           *body,
                        gssize                length)
{
  GPtrArray *replies = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_remote_reply_free);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object = status >= 200 && status < 300 ? parse_object (body, length, &parser) : NULL;
  const struct {
    const char *member;
    GPtrArray *ops;
  } parts[] = { { "create", batch->creates }, { "update", batch->updates } };

  for (gsize p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      JsonArray *items = object != NULL && json_object_has_member (object, parts[p].member) &&
                         JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, parts[p].member))
                         ? json_object_get_array_member (object, parts[p].member) : NULL;

      for (guint i = 0; i < parts[p].ops->len; i++)
        {
          CantingRemoteReply *reply = g_new0 (CantingRemoteReply, 1);
          JsonNode *item = items != NULL && i < json_array_get_length (items) ? json_array_get_element (items, i) : NULL;

          if (object == NULL)
            /* The batch as a whole: 401, 413, 5xx, no reply. */
            canting_wc_parse_reply (status, headers, body, length, reply);
          else if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
            {
              /* The shop answered for fewer items than were sent: for
               * those, nobody knows. */
              reply->status = status;
              reply->problem = CANTING_REMOTE_MALFORMED;
              reply->message = g_strdup (_("The shop’s reply could not be read; Canting will check and try again."));
            }
          else
            {
              JsonObject *o = json_node_get_object (item);

              reply->status = status;
              if (json_object_has_member (o, "error") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "error")))
                read_error (json_object_get_object_member (o, "error"), status, reply);
              else
                read_success (o, reply);
            }
          g_ptr_array_add (replies, reply);
        }
    }
  return replies;
}

gboolean
canting_wc_parse_lookup (const char   *body,
                         gssize        length,
                         const char   *sku,
                         gint64       *out_id,
                         char        **out_permalink,
                         GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *products;

  *out_id = 0;
  if (out_permalink != NULL)
    *out_permalink = NULL;
  if (body == NULL || !json_parser_load_from_data (parser, body, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The shop’s reply could not be read; Canting will check and try again."));
      return FALSE;
    }
  products = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonNode *node = json_array_get_element (products, i);
      JsonObject *p;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      p = json_node_get_object (node);
      /* SKUs are unique whatever their capitals here, and so they are
       * matched. */
      if (g_ascii_strcasecmp (member_text (p, "sku"), sku) == 0)
        {
          *out_id = member_int (p, "id", 0);
          if (out_permalink != NULL && json_object_has_member (p, "permalink"))
            *out_permalink = g_strdup (member_text (p, "permalink"));
          return TRUE;
        }
    }
  return TRUE;
}

/* The address of rel="next" in a Link header: <url>; rel="next", ... */
static char *
link_next (const char *header)
{
  const char *at = header;

  while (at != NULL && (at = strchr (at, '<')) != NULL)
    {
      const char *end = strchr (at, '>');
      const char *next_link;
      g_autofree char *params = NULL;

      if (end == NULL)
        return NULL;
      next_link = strchr (end, '<');
      params = next_link != NULL ? g_strndup (end + 1, next_link - end - 1) : g_strdup (end + 1);
      if (g_regex_match_simple ("(^|;)\\s*rel\\s*=\\s*\"?([^\"]*\\s)?next(\\s[^\"]*)?\"?\\s*(,|;|$)", params,
                                G_REGEX_CASELESS, 0))
        return g_strndup (at + 1, end - at - 1);
      at = next_link;
    }
  return NULL;
}

void
canting_wc_parse_pagination (GHashTable  *headers,
                             gint64      *out_total,
                             gint64      *out_total_pages,
                             char       **out_next)
{
  const char *total = g_hash_table_lookup (headers, "x-wp-total");
  const char *pages = g_hash_table_lookup (headers, "x-wp-totalpages");
  const char *link = g_hash_table_lookup (headers, "link");
  guint64 value;

  *out_total = total != NULL && g_ascii_string_to_unsigned (total, 10, 0, G_MAXINT64, &value, NULL) ? (gint64) value : -1;
  *out_total_pages = pages != NULL && g_ascii_string_to_unsigned (pages, 10, 0, G_MAXINT64, &value, NULL)
                     ? (gint64) value : -1;
  *out_next = link != NULL ? link_next (link) : NULL;
}

void
canting_wc_outcome (const CantingOutboxOp  *op,
                    const CantingRemoteReply   *reply,
                    double                  jitter,
                    GDateTime              *now,
                    CantingOutboxOutcome   *out)
{
  /* A create the shop may have carried out: no reply, a server error
   * after it was received, a 2xx that could not be read. */
  gboolean maybe_created = op->kind == CANTING_OUTBOX_CREATE &&
                           (reply->problem == CANTING_REMOTE_NO_REPLY || reply->problem == CANTING_REMOTE_SERVER ||
                            reply->problem == CANTING_REMOTE_MALFORMED);
  gint64 delay;

  memset (out, 0, sizeof *out);
  out->op_id = op->id;
  out->message = g_strdup (reply->message);
  switch (reply->problem)
    {
    case CANTING_REMOTE_OK:
      out->kind = CANTING_OUTCOME_SENT;
      out->remote_id = reply->remote_id;
      out->permalink = g_strdup (reply->permalink);
      return;

    case CANTING_REMOTE_DUPLICATE_SKU:
      if (op->kind == CANTING_OUTBOX_CREATE)
        {
          out->kind = CANTING_OUTCOME_ADOPT;
          out->remote_id = reply->remote_id;
          return;
        }
      /* An update whose new SKU another product of the shop has. */
      out->kind = CANTING_OUTCOME_FAILED;
      g_free (out->message);
      out->message = g_strdup (_("Another product on the shop already has this SKU. Give this product another SKU, "
                                 "or remove the other one from the shop."));
      return;

    case CANTING_REMOTE_NOT_FOUND:
      out->kind = op->kind == CANTING_OUTBOX_CREATE ? CANTING_OUTCOME_FAILED : CANTING_OUTCOME_GONE;
      return;

    case CANTING_REMOTE_IMAGE:
      out->kind = CANTING_OUTCOME_MEDIA_GONE;
      return;

    case CANTING_REMOTE_TOO_LARGE:
      /* Not the product's fault: the worker sends it again in a smaller
       * batch, at once. */
      out->kind = CANTING_OUTCOME_RETRY;
      return;

    case CANTING_REMOTE_TERM_EXISTS:
    case CANTING_REMOTE_AUTH:
    case CANTING_REMOTE_INVALID:
      out->kind = CANTING_OUTCOME_FAILED;
      return;

    case CANTING_REMOTE_RATE_LIMITED:
    case CANTING_REMOTE_SERVER:
    case CANTING_REMOTE_NO_REPLY:
    case CANTING_REMOTE_MALFORMED:
    default:
      break;
    }

  /* An unreadable 2xx is retried like a lost reply. */
  delay = canting_retry_delay (reply->problem == CANTING_REMOTE_MALFORMED ? 0 : reply->status,
                               MAX (op->attempts, 1), reply->retry_after, now, jitter);
  if (delay < 0)
    {
      out->kind = CANTING_OUTCOME_FAILED;
      return;
    }
  out->kind = maybe_created ? CANTING_OUTCOME_UNKNOWN : CANTING_OUTCOME_RETRY;
  out->delay_seconds = delay;
}

/* --- orders ------------------------------------------------------------------- */

CantingRemoteRequest *
canting_wc_orders_request (const char *modified_after,
                           guint       pass,
                           guint       page)
{
  CantingRemoteRequest *request = g_new0 (CantingRemoteRequest, 1);
  g_autofree char *escaped = g_uri_escape_string (modified_after, NULL, FALSE);

  request->method = "GET";
  /* dates_are_gmt: WooCommerce compares modified_after with the GMT
   * column, not the shop's local time. */
  request->path = g_strdup_printf (CANTING_WC_ORDERS_PATH "?modified_after=%s&dates_are_gmt=true&per_page=%d&page=%u%s",
                                   escaped, CANTING_WC_ORDERS_PER_PAGE, MAX (page, 1),
                                   pass > 0 ? "&status=trash" : "");
  return request;
}

static JsonObject *
member_object (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* An amount as WooCommerce writes it ("850000.00", or a number) in
 * whole rupiah; FALSE when it is neither. */
static gboolean
member_money (JsonObject   *o,
              const char   *name,
              CantingMoney *out)
{
  JsonNode *node = json_object_get_member (o, name);
  double value;
  char *end = NULL;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (*text == '\0')
        return TRUE;
      value = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        return FALSE;
    }
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return FALSE;
  /* Rupiah have no cents worth keeping; 10^15 is the money limit. */
  if (!(value > -1e15 && value < 1e15))
    return FALSE;
  *out = (CantingMoney) (value < 0 ? value - 0.5 : value + 0.5);
  return TRUE;
}

/* What the shop gave back so far: WooCommerce lists each refund of an
 * order as {"id", "reason", "total": "-100000"} (negative). */
static gboolean
read_refunds (JsonObject   *o,
              CantingMoney *out)
{
  JsonNode *node = json_object_get_member (o, "refunds");
  JsonArray *refunds;

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  refunds = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (refunds); i++)
    {
      JsonNode *element = json_array_get_element (refunds, i);
      CantingMoney total;

      if (!JSON_NODE_HOLDS_OBJECT (element) || !member_money (json_node_get_object (element), "total", &total))
        return FALSE;
      *out += total < 0 ? -total : total;
    }
  return TRUE;
}

/* The day of a WooCommerce date ("2026-03-01T10:00:00"), or NULL. */
static char *
member_day (JsonObject *o,
            const char *name)
{
  const char *text = member_text (o, name);

  if (strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  return g_strndup (text, 10);
}

static gboolean
status_from_text (const char               *text,
                  gboolean                  paid,
                  CantingRemoteOrderStatus *out)
{
  static const struct { const char *text; CantingRemoteOrderStatus status; } map[] = {
    { "pending", CANTING_REMOTE_ORDER_PENDING },
    { "on-hold", CANTING_REMOTE_ORDER_ON_HOLD },
    { "processing", CANTING_REMOTE_ORDER_PROCESSING },
    { "completed", CANTING_REMOTE_ORDER_COMPLETED },
    { "cancelled", CANTING_REMOTE_ORDER_CANCELLED },
    { "refunded", CANTING_REMOTE_ORDER_REFUNDED },
    { "failed", CANTING_REMOTE_ORDER_FAILED },
    /* An order put in the bin on the shop is no sale any more. */
    { "trash", CANTING_REMOTE_ORDER_CANCELLED },
  };

  /* A checkout still being filled in is no order yet. */
  if (g_str_equal (text, "checkout-draft"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (text, map[i].text))
      {
        *out = map[i].status;
        return TRUE;
      }
  *out = paid ? CANTING_REMOTE_ORDER_PROCESSING : CANTING_REMOTE_ORDER_PENDING;
  return TRUE;
}

/* How the customer paid, as the ledger books it: cash on delivery into
 * the cash box, e-wallets and QRIS into the e-wallet, every other
 * gateway (bank transfer, virtual accounts, cards) into the bank. */
static CantingPaymentMethod
method_from_text (const char *id)
{
  static const char * const wallets[] = { "qris", "gopay", "ovo", "dana", "shopeepay", "linkaja", "wallet" };
  g_autofree char *lower = g_ascii_strdown (id, -1);

  if (g_str_equal (lower, "cod"))
    return CANTING_PAYMENT_CASH;
  for (guint i = 0; i < G_N_ELEMENTS (wallets); i++)
    if (strstr (lower, wallets[i]) != NULL)
      return CANTING_PAYMENT_QRIS;
  return CANTING_PAYMENT_TRANSFER;
}

static char *
person_name (JsonObject *address)
{
  g_autofree char *joined = g_strjoin (" ", member_text (address, "first_name"), member_text (address, "last_name"),
                                       NULL);

  return g_strstrip (g_steal_pointer (&joined));
}

/* The order @o, or NULL: with *@ignored for a checkout still being
 * filled in, else for an entry Canting cannot read. */
static CantingRemoteOrder *
read_order (JsonObject *o,
            gboolean   *ignored)
{
  g_autoptr(CantingRemoteOrder) order = canting_remote_order_new ();
  JsonObject *billing = member_object (o, "billing");
  JsonObject *shipping = member_object (o, "shipping");
  JsonNode *id = json_object_get_member (o, "id");
  JsonNode *lines = json_object_get_member (o, "line_items");
  const char *modified = member_text (o, "date_modified_gmt");
  const char *number = member_text (o, "number");
  g_autofree char *paid_on = member_day (o, "date_paid");
  g_autofree char *name = NULL;

  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
      json_node_get_int (id) <= 0 || strlen (modified) < 19)
    return NULL;
  order->remote_id = json_node_get_int (id);
  g_free (order->number);
  order->number = *number != '\0' ? g_strdup (number) : g_strdup_printf ("%" G_GINT64_FORMAT, order->remote_id);
  if (!status_from_text (member_text (o, "status"), paid_on != NULL, &order->status))
    {
      *ignored = TRUE;
      return NULL;
    }
  if (paid_on == NULL && order->status == CANTING_REMOTE_ORDER_COMPLETED)
    paid_on = member_day (o, "date_completed");
  order->paid_on = g_steal_pointer (&paid_on);
  g_free (order->order_date);
  order->order_date = member_day (o, "date_created");
  if (order->order_date == NULL)
    order->order_date = g_strdup ("");
  g_free (order->modified);
  /* "2026-03-02T08:00:00", whatever fraction or zone follows. */
  order->modified = g_strndup (modified, 19);
  order->method = method_from_text (member_text (o, "payment_method"));

  name = person_name (billing);
  if (*name == '\0')
    {
      g_free (name);
      name = person_name (shipping);
    }
  if (*name == '\0')
    {
      g_free (name);
      name = g_strstrip (g_strdup (member_text (billing, "company")));
    }
  g_free (order->customer_name);
  order->customer_name = g_steal_pointer (&name);
  g_free (order->phone);
  order->phone = g_strstrip (g_strdup (member_text (billing, "phone")));
  g_free (order->city);
  order->city = g_strstrip (g_strdup (*member_text (billing, "city") != '\0' ? member_text (billing, "city")
                                                                              : member_text (shipping, "city")));

  if (!member_money (o, "total", &order->total) || !member_money (o, "shipping_total", &order->shipping) ||
      !member_money (o, "discount_total", &order->discount) || !read_refunds (o, &order->refunded))
    return NULL;
  if (lines != NULL && JSON_NODE_HOLDS_ARRAY (lines))
    {
      JsonArray *array = json_node_get_array (lines);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *line;
          CantingMoney subtotal = 0;
          gint64 quantity;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          line = json_node_get_object (node);
          quantity = member_int (line, "quantity", 0);
          if (!member_money (line, "subtotal", &subtotal))
            return NULL;
          g_ptr_array_add (order->items, canting_remote_order_item_new (member_text (line, "sku"),
                                                                        member_text (line, "name"), quantity,
                                                                        subtotal));
        }
    }
  return g_steal_pointer (&order);
}

GPtrArray *
canting_wc_parse_orders (const char  *body,
                         gssize       length,
                         guint       *out_unreadable,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_remote_order_free);
  JsonNode *root;
  JsonArray *array;

  if (body == NULL || !json_parser_load_from_data (parser, body, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The shop’s list of orders could not be read; try again in a moment."));
      return NULL;
    }
  array = json_node_get_array (root);
  *out_unreadable = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      CantingRemoteOrder *order = NULL;
      gboolean ignored = FALSE;

      if (JSON_NODE_HOLDS_OBJECT (node))
        order = read_order (json_node_get_object (node), &ignored);
      if (order != NULL)
        g_ptr_array_add (orders, order);
      else if (!ignored)
        (*out_unreadable)++;
    }
  return g_steal_pointer (&orders);
}

const CantingChannelDriver canting_woocommerce_driver = {
  .kind = CANTING_CHANNEL_WOOCOMMERCE,
  .batch_max = CANTING_WC_BATCH_MAX,
  .orders_per_page = CANTING_WC_ORDERS_PER_PAGE,
  .orders_passes = CANTING_WC_ORDERS_PASSES,
  .check_op = check_op,
  .batches = canting_wc_batches,
  .batch_request = batch_request,
  .lookup_request = canting_wc_lookup_request,
  .category_request = canting_wc_category_request,
  .image_request = canting_wc_image_request,
  .orders_request = canting_wc_orders_request,
  .parse_reply = canting_wc_parse_reply,
  .parse_batch = canting_wc_parse_batch,
  .parse_lookup = canting_wc_parse_lookup,
  .parse_pagination = canting_wc_parse_pagination,
  .parse_orders = canting_wc_parse_orders,
  .outcome = canting_wc_outcome,
};
