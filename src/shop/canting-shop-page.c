/* canting-shop-page.c: the practice shop's own web pages.
 *
 * What a trainer puts on the projector after a participant publishes: the
 * shop's products as a customer would see them, with photo, name, price in
 * rupiah and stock.  Plain HTML and CSS in one page, no scripts; it reloads
 * itself so a new listing appears without touching the laptop. */
#include "config.h"

#include "canting-shop-private.h"

#include "canting-money.h"

#include <glib/gi18n.h>
#include <string.h>

/* Often enough that a product appears while people still look at the
 * screen; rarely enough not to flicker. */
#define REFRESH_SECONDS 10

/* At most this many products on the page: a practice shop has tens, and a
 * benchmark's thousand would only slow the projector down. */
#define PAGE_LIMIT 100

static const char style[] =
  "body{margin:0;font-family:Cantarell,'Noto Sans',sans-serif;background:#f6f1e7;color:#2b1d0e}"
  "header{background:#3b2a5a;color:#fff;padding:1.2rem 2rem;display:flex;justify-content:space-between;"
  "align-items:baseline;flex-wrap:wrap;gap:.5rem}"
  "header h1{margin:0;font-size:2rem}header p{margin:0;opacity:.85}"
  "main{padding:1.5rem 2rem}"
  ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1.5rem}"
  ".card{background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 2px 8px rgba(59,42,90,.15);"
  "display:flex;flex-direction:column;text-decoration:none;color:inherit}"
  ".photo{aspect-ratio:4/3;background:#e4dccb;display:flex;align-items:center;justify-content:center;"
  "color:#7a6a55;font-size:1.1rem}"
  ".photo img{width:100%;height:100%;object-fit:cover}"
  ".info{padding:1rem 1.2rem 1.2rem}"
  ".info h2{margin:0 0 .4rem;font-size:1.35rem}"
  ".price{font-size:1.6rem;font-weight:bold;color:#8a3b12;margin:.2rem 0}"
  ".stock{font-size:1.1rem;color:#4a5d23}.stock.out{color:#b3261e}"
  ".badge{display:inline-block;background:#e8b04b;color:#2b1d0e;border-radius:6px;padding:0 .5rem;"
  "font-size:.9rem;margin-left:.4rem;vertical-align:middle}"
  ".sku{color:#7a6a55;font-size:.95rem}"
  ".empty{font-size:1.4rem;text-align:center;padding:4rem 1rem;color:#7a6a55}"
  ".single{max-width:48rem;margin:0 auto}.single .photo{aspect-ratio:auto;min-height:12rem}"
  ".desc{font-size:1.15rem;line-height:1.5}"
  "footer{padding:1rem 2rem;color:#7a6a55;font-size:.95rem}"
  "a.back{color:#3b2a5a;font-size:1.1rem}";

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
page_start (GString    *out,
            const char *title,
            gboolean    refresh)
{
  /* The language the page's words are in, so a screen reader reads
   * Indonesian with an Indonesian voice and a browser does not offer to
   * translate it: whatever the translation the words came from says. */
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  /* Translators: the code of the language you translate into (BCP 47,
   * as in <html lang="…">): "id" for Indonesian.  Not shown. */
  append_escaped (out, C_("html lang", "en"));
  g_string_append (out, "\"><head><meta charset=\"utf-8\">"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
  if (refresh)
    g_string_append_printf (out, "<meta http-equiv=\"refresh\" content=\"%d\">", REFRESH_SECONDS);
  g_string_append (out, "<title>");
  append_escaped (out, title);
  g_string_append_printf (out, "</title><style>%s</style></head><body>\n<header><h1>", style);
  append_escaped (out, _("Canting practice shop"));
  g_string_append (out, "</h1><p>");
  append_escaped (out, _("A shop on this computer for practice: nothing here is really sold."));
  g_string_append (out, "</p></header>\n<main>");
}

static void
page_end (GString *out)
{
  g_string_append (out, "</main>\n<footer>");
  append_escaped (out, _("Pretend WooCommerce shop started by canting-cli practice-shop."));
  g_string_append (out, "</footer></body></html>\n");
}

/* The first photo of @p, or the words saying there is none. */
static void
append_photo (CantingShop        *self,
              GString            *out,
              CantingShopProduct *p)
{
  g_autoptr(CantingShopMedia) media = NULL;

  if (p->image_ids->len > 0)
    media = canting_shop_store_get_media (self->store, g_array_index (p->image_ids, gint64, 0), NULL);
  g_string_append (out, "<div class=\"photo\">");
  if (media != NULL)
    {
      g_string_append_printf (out, "<img src=\"/wp-content/uploads/%s\" alt=\"", media->path);
      append_escaped (out, p->name);
      g_string_append (out, "\">");
    }
  else
    append_escaped (out, _("No photo yet"));
  g_string_append (out, "</div>");
}

static void
append_details (GString            *out,
                CantingShopProduct *p,
                const char         *heading_tag)
{
  gboolean sale = *p->sale_price != '\0';
  const char *price = sale ? p->sale_price : p->regular_price;

  g_string_append_printf (out, "<div class=\"info\"><%s>", heading_tag);
  append_escaped (out, *p->name != '\0' ? p->name : _("(no name)"));
  if (!g_str_equal (p->status, "publish"))
    {
      g_string_append (out, "<span class=\"badge\">");
      append_escaped (out, g_str_equal (p->status, "trash") ? _("Deleted") : _("Not published"));
      g_string_append (out, "</span>");
    }
  g_string_append_printf (out, "</%s><p class=\"price\">", heading_tag);
  if (*price != '\0')
    {
      g_autofree char *money = canting_money_format (g_ascii_strtoll (price, NULL, 10));
      append_escaped (out, money);
    }
  else
    append_escaped (out, _("No price yet"));
  g_string_append (out, "</p>");
  if (!p->manage_stock)
    {
      g_string_append (out, "<p class=\"stock\">");
      append_escaped (out, _("In stock"));
    }
  else if (p->stock_quantity > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Stock: %lld"), (long long) p->stock_quantity);
      g_string_append (out, "<p class=\"stock\">");
      append_escaped (out, text);
    }
  else
    {
      g_string_append (out, "<p class=\"stock out\">");
      append_escaped (out, _("Sold out"));
    }
  g_string_append (out, "</p>");
  if (*p->sku != '\0')
    {
      g_string_append (out, "<p class=\"sku\">SKU ");
      append_escaped (out, p->sku);
      g_string_append (out, "</p>");
    }
  g_string_append (out, "</div>");
}

char *
canting_shop_page_products (CantingShop  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 total;

  products = canting_shop_store_list_products (self->store, NULL, 1, PAGE_LIMIT, &total, error);
  if (products == NULL)
    return NULL;
  page_start (out, _("Canting practice shop"), TRUE);
  if (products->len == 0)
    {
      g_string_append (out, "<p class=\"empty\">");
      append_escaped (out, _("No products yet. Publish one from Canting and it appears here."));
      g_string_append (out, "</p>");
    }
  else
    {
      g_string_append (out, "<div class=\"grid\">\n");
      for (guint i = 0; i < products->len; i++)
        {
          CantingShopProduct *p = g_ptr_array_index (products, i);

          g_string_append_printf (out, "<a class=\"card\" href=\"/product/%s/\">", p->slug);
          append_photo (self, out, p);
          append_details (out, p, "h2");
          g_string_append (out, "</a>\n");
        }
      g_string_append (out, "</div>");
    }
  page_end (out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
canting_shop_page_product (CantingShop  *self,
                           const char   *slug,
                           GError      **error)
{
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GString) out = NULL;
  CantingShopProduct *found = NULL;
  gint64 total;

  /* A practice shop is small: looking through its products is enough. */
  products = canting_shop_store_list_products (self->store, NULL, 1, G_MAXINT, &total, error);
  if (products == NULL)
    return NULL;
  for (guint i = 0; i < products->len && found == NULL; i++)
    if (g_str_equal (((CantingShopProduct *) g_ptr_array_index (products, i))->slug, slug))
      found = g_ptr_array_index (products, i);
  if (found == NULL)
    return NULL;
  out = g_string_new (NULL);
  page_start (out, found->name, FALSE);
  g_string_append (out, "<div class=\"single\"><p><a class=\"back\" href=\"/\">");
  append_escaped (out, _("Back to the products"));
  g_string_append (out, "</a></p><div class=\"card\">");
  append_photo (self, out, found);
  append_details (out, found, "h1");
  if (*found->description != '\0')
    {
      g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
      /* Text only: a client's HTML is not run on the trainer's screen. */
      g_autofree char *text = g_regex_replace_literal (tags, found->description, -1, 0, " ", 0, NULL);

      g_string_append (out, "<div class=\"info desc\"><p>");
      append_escaped (out, text != NULL ? g_strstrip (text) : "");
      g_string_append (out, "</p></div>");
    }
  g_string_append (out, "</div></div>");
  page_end (out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
