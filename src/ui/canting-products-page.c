/* canting-products-page.c: the catalog, searched and filtered as you go. */
#include "config.h"

#include "canting-form.h"
#include "canting-channel-driver.h"
#include "canting-products-page.h"

#include <glib/gi18n.h>

#include "canting-channel.h"
#include "canting-listing.h"
#include "canting-channels-dialog.h"
#include "canting-products-page-actions.h"

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-csv-ui.h"
#include "canting-list.h"
#include "canting-product-dialog.h"
#include "canting-window.h"
#include "canting-wrap-box.h"

struct _CantingProductsPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown *technique_dropdown;
  GtkDropDown *motif_dropdown;
  GtkCheckButton *in_stock_check;
  GtkMenuButton *csv_button;
  GtkMenuButton *publish_button;
  GtkButton *add_button;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
  gboolean filling_motifs;
};

G_DEFINE_FINAL_TYPE (CantingProductsPage, canting_products_page, GTK_TYPE_BOX)

static CantingProductFilter
current_filter (CantingProductsPage *self)
{
  guint technique = gtk_drop_down_get_selected (self->technique_dropdown);
  CantingProductFilter filter = {
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    /* Item 0 is "all techniques"; the rest follow the enum. */
    .technique = technique == 0 || technique == GTK_INVALID_LIST_POSITION ? -1 : (int) technique - 1,
    .in_stock_only = gtk_check_button_get_active (self->in_stock_check),
  };
  GtkStringObject *motif = gtk_drop_down_get_selected_item (self->motif_dropdown);

  /* Item 0 is "all motifs". */
  if (motif != NULL && gtk_drop_down_get_selected (self->motif_dropdown) > 0)
    filter.motif = gtk_string_object_get_string (motif);
  return filter;
}

/* The filter as it was when the list was reloaded, for the worker
 * thread that reads it. */
typedef struct {
  CantingProductFilter filter;
  char *text, *motif;
} ProductsQuery;

static void
products_query_free (gpointer data)
{
  ProductsQuery *q = data;

  g_free (q->text);
  g_free (q->motif);
  g_free (q);
}

static gpointer
products_query (gpointer user_data)
{
  ProductsQuery *q = g_new0 (ProductsQuery, 1);

  q->filter = current_filter (user_data);
  q->filter.text = q->text = g_strdup (q->filter.text);
  q->filter.motif = q->motif = g_strdup (q->filter.motif);
  return q;
}

static gint64
count_products (CantingDb      *db,
                gconstpointer   query,
                GError        **error)
{
  return canting_product_count (db, &((const ProductsQuery *) query)->filter, error);
}

static GPtrArray *
page_products (CantingDb      *db,
               gconstpointer   query,
               guint           offset,
               guint           limit,
               GError        **error)
{
  return canting_product_search (db, &((const ProductsQuery *) query)->filter, offset, limit, error);
}

/* Whether the motif filter lists exactly @motifs after "all motifs". */
static gboolean
motifs_shown (CantingProductsPage *self,
              GStrv                motifs)
{
  GListModel *items = gtk_drop_down_get_model (self->motif_dropdown);

  if (items == NULL || g_list_model_get_n_items (items) != g_strv_length (motifs) + 1)
    return FALSE;
  for (guint i = 0; motifs[i] != NULL; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (items), i + 1), motifs[i]) != 0)
      return FALSE;
  return TRUE;
}

/* The motif filter offers the motifs now in the catalog; the chosen one
 * stays chosen while it is still there. */
static void
fill_motifs (CantingProductsPage *self)
{
  g_auto(GStrv) motifs = canting_product_motifs_in_use (canting_application_get_db (self->app), NULL);
  g_autoptr(GtkStringList) items = NULL;
  CantingProductFilter before = current_filter (self);
  guint selected = 0;

  if (motifs == NULL || motifs_shown (self, motifs))
    return;
  items = gtk_string_list_new (NULL);
  gtk_string_list_append (items, _("All motifs"));
  for (guint i = 0; motifs[i] != NULL; i++)
    {
      gtk_string_list_append (items, motifs[i]);
      if (before.motif != NULL && g_utf8_collate (before.motif, motifs[i]) == 0)
        selected = i + 1;
    }
  self->filling_motifs = TRUE;
  gtk_drop_down_set_model (self->motif_dropdown, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->motif_dropdown, selected);
  self->filling_motifs = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->motif_dropdown), motifs[0] != NULL);
}

static void
reload (CantingProductsPage *self)
{
  const CantingListTexts texts = {
    _("No Products Yet"),
    _("Add what your workshop makes and sells: batik cloth, shirts, scarves. Orders and online listings use this catalog."),
    _("No Matching Products"),
    _("Try another name, SKU or motif, or change the filters."),
  };
  CantingProductFilter filter;

  if (self->app == NULL || canting_application_get_db (self->app) == NULL || self->filling_motifs)
    return;
  filter = current_filter (self);
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page,
                                     *filter.text != '\0' || filter.technique >= 0 || filter.motif != NULL ||
                                     filter.in_stock_only,
                                     &texts);
}

/* After the catalog changed (not the filters): its motifs may have too. */
static void fill_publish_menu (CantingProductsPage *self);

static void
refresh (CantingProductsPage *self)
{
  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  fill_motifs (self);
  fill_publish_menu (self);
  reload (self);
}

static char *
cell_photo (gconstpointer record)
{
  return g_strdup (((const CantingProduct *) record)->thumbnail);
}

static char *
cell_sku (gconstpointer record)
{
  return g_strdup (((const CantingProduct *) record)->sku);
}

static char *
cell_name (gconstpointer record)
{
  return g_strdup (((const CantingProduct *) record)->name);
}

static char *
cell_motif (gconstpointer record)
{
  return g_strdup (((const CantingProduct *) record)->motif);
}

static char *
cell_technique (gconstpointer record)
{
  return g_strdup (canting_technique_label (((const CantingProduct *) record)->technique));
}

static char *
cell_price (gconstpointer record)
{
  return canting_money_format (((const CantingProduct *) record)->price);
}

/* The shops: online, changes waiting, or refused (say so in red). */
static char *
cell_online (gconstpointer record)
{
  const CantingProduct *p = record;
  CantingListingState state;

  if (p->online == NULL || !canting_listing_state_from_string (p->online, &state))
    return g_strdup (_("Not online"));
  return g_strdup (canting_listing_state_label (state));
}

static const char *
style_online (gconstpointer record)
{
  const CantingProduct *p = record;

  if (p->online == NULL)
    return "dim-label";
  return g_str_equal (p->online, "failed") ? "error" : g_str_equal (p->online, "online") ? "success" : "warning";
}

static char *
cell_stock (gconstpointer record)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, ((const CantingProduct *) record)->stock);
}

static const char *
style_stock (gconstpointer record)
{
  /* Out of stock stands out: an order from stock would be refused. */
  return ((const CantingProduct *) record)->stock == 0 ? "dim-label" : NULL;
}

static void
open_dialog (CantingProductsPage  *self,
             const CantingProduct *product)
{
  CantingProductDialog *dialog;

  dialog = canting_product_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), product);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  canting_form_present (GTK_WINDOW (dialog));
}

void
canting_products_page_add (CantingProductsPage *self)
{
  g_return_if_fail (CANTING_IS_PRODUCTS_PAGE (self));
  open_dialog (self, NULL);
}

static void
on_activate (GtkColumnView       *view,
             guint                position,
             CantingProductsPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);

  if (row != NULL)
    open_dialog (self, canting_row_get_record (row));
}

/* --- publishing from the list --------------------------------------------- */

/* The products selected in the list (ids, or SKUs), in list order.  Rows
 * not read yet are read now. */
static GArray *
selected_ids (CantingProductsPage *self,
              GPtrArray           *skus)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (selection);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, set, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);
      const CantingProduct *product = row != NULL ? canting_row_get_record (row) : NULL;

      if (product == NULL)
        continue;
      g_array_append_val (ids, product->id);
      if (skus != NULL)
        g_ptr_array_add (skus, g_strdup (product->sku));
    }
  return ids;
}

/* The shops products can be published to: channels with a driver.
 * (transfer full) (element-type CantingChannel) */
static GPtrArray *
online_shops (CantingProductsPage *self)
{
  g_autoptr(GPtrArray) all = canting_channel_list (canting_application_get_db (self->app), FALSE, NULL);
  GPtrArray *shops = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_channel_free);

  for (guint i = 0; all != NULL && i < all->len; i++)
    if (canting_channel_driver_for_kind (((CantingChannel *) all->pdata[i])->kind) != NULL)
      g_ptr_array_add (shops, g_steal_pointer (&all->pdata[i]));
  return shops;
}

static char *
shop_name (CantingProductsPage *self,
           gint64               channel_id)
{
  g_autoptr(CantingChannel) shop = canting_channel_load (canting_application_get_db (self->app), channel_id, NULL);

  return g_strdup (shop != NULL ? shop->name : "");
}

/* The Publish menu: per shop, the selection, the changes, everything;
 * with no shop yet, adding one. */
static void
fill_publish_menu (CantingProductsPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GPtrArray) shops = NULL;

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  shops = online_shops (self);

  if (shops->len == 0)
    g_menu_append (menu, _("Add an _Online Shop…"), "products.shops");
  for (guint i = 0; i < shops->len; i++)
    {
      const CantingChannel *shop = shops->pdata[i];
      g_autoptr(GMenu) section = g_menu_new ();
      static const struct { const char *label; const char *action; } items[] = {
        { N_("Publish _Selected Products"), "products.publish-selected" },
        { N_("Send All _Changes"), "products.publish-changed" },
        { N_("Publish _All Products…"), "products.publish-all" },
        { N_("_Take Selected Off Sale"), "products.unpublish-selected" },
      };

      for (guint j = 0; j < G_N_ELEMENTS (items); j++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_(items[j].label), NULL);

          g_menu_item_set_action_and_target_value (item, items[j].action, g_variant_new_int64 (shop->id));
          g_menu_append_item (section, item);
        }
      /* With one shop the menu needs no heading. */
      g_menu_append_section (menu, shops->len > 1 ? shop->name : NULL, G_MENU_MODEL (section));
    }
  gtk_menu_button_set_menu_model (self->publish_button, G_MENU_MODEL (menu));
}

static void
publish_menu_about_to_open (GtkMenuButton *button,
                            gpointer       user_data)
{
  fill_publish_menu (user_data);
}

static void
update_selection_actions (CantingProductsPage *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (selection);
  gboolean any = !gtk_bitset_is_empty (set);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.publish-selected", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "products.unpublish-selected", any);
}

/* After a queue: said in a toast, and sent now. */
static void
queued (CantingProductsPage *self,
        gint64               channel_id,
        guint                n,
        gboolean             unpublish)
{
  g_autofree char *name = shop_name (self, channel_id);
  g_autofree char *text = NULL;

  if (n == 0)
    /* Translators: %s is a shop's name */
    text = g_strdup_printf (_("%s: nothing waits to be sent."), name);
  else if (unpublish)
    /* Translators: %s is a shop's name, %u a number of products */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u product is being taken off sale.",
                                         "%s: %u products are being taken off sale.", n), name, n);
  else
    /* Translators: %s is a shop's name, %u a number of products */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u product is being sent.",
                                         "%s: %u products are being sent.", n), name, n);
  canting_window_say (GTK_WIDGET (self), text);
  reload (self);
  if (n > 0)
    canting_application_publish_now (self->app);
}

static void
publish_selected_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CantingProductsPage *self = CANTING_PRODUCTS_PAGE (widget);
  gint64 channel_id = g_variant_get_int64 (parameter);
  gboolean unpublish = g_str_equal (action_name, "products.unpublish-selected");
  g_autoptr(GArray) ids = selected_ids (self, NULL);
  g_autoptr(GError) error = NULL;
  CantingDb *db = canting_application_get_db (self->app);
  gboolean ok;

  if (ids->len == 0)
    {
      canting_window_say (GTK_WIDGET (self), _("Select the products first: click them with Ctrl held, or press Ctrl+A for all."));
      return;
    }
  ok = unpublish ? canting_listing_queue_unpublish (db, channel_id, (const gint64 *) (void *) ids->data, ids->len, &error)
                 : canting_listing_queue_publish (db, channel_id, (const gint64 *) (void *) ids->data, ids->len, &error);
  if (!ok)
    {
      canting_window_say (GTK_WIDGET (self), error->message);
      return;
    }
  queued (self, channel_id, ids->len, unpublish);
}

/* Queues every changed product (@all FALSE) or the whole catalogue for
 * @channel_id, and says so. */
static void
queue_many (CantingProductsPage *self,
            gint64               channel_id,
            gboolean             all)
{
  CantingDb *db = canting_application_get_db (self->app);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!(all ? canting_listing_queue_publish_all (db, channel_id, &n, &error)
            : canting_listing_queue_publish_changed (db, channel_id, &n, &error)))
    {
      canting_window_say (GTK_WIDGET (self), error->message);
      return;
    }
  queued (self, channel_id, n, FALSE);
}

static void
publish_changed_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  queue_many (CANTING_PRODUCTS_PAGE (widget), g_variant_get_int64 (parameter), FALSE);
}

static void
on_publish_all_response (AdwMessageDialog    *dialog,
                         const char          *response,
                         CantingProductsPage *self)
{
  if (g_str_equal (response, "publish"))
    queue_many (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "canting-channel")), TRUE);
}

/* Every product at once is a lot to put on a shop by mistake: asked
 * first, with how many. */
static void
publish_all_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CantingProductsPage *self = CANTING_PRODUCTS_PAGE (widget);
  gint64 channel_id = g_variant_get_int64 (parameter);
  const CantingProductFilter all = { .technique = -1 };
  gint64 n = canting_product_count (canting_application_get_db (self->app), &all, NULL);
  g_autofree char *name = shop_name (self, channel_id);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (n <= 0)
    {
      canting_window_say (GTK_WIDGET (self), _("The catalog is empty: add a product first."));
      return;
    }
  /* Translators: %s is a shop's name */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Publish %d product to %s?", "Publish all %d products to %s?",
                                          (gulong) n), (int) n, name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Each one goes on sale with its price, stock and photos, and its changes are sent "
                                     "from now on. Products already there are brought up to date."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "publish", _("_Publish"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "publish");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "canting-channel", GSIZE_TO_POINTER ((gsize) channel_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_publish_all_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
canting_products_page_set_application (CantingProductsPage *self,
                                       CantingApplication  *app)
{
  g_return_if_fail (CANTING_IS_PRODUCTS_PAGE (self));

  self->app = app;
  canting_csv_ui_attach (GTK_WIDGET (self), self->csv_button, app, CANTING_CSV_PRODUCTS, G_CALLBACK (refresh), self);
  {
    /* Beside the CSV: what the catalogue makes for sharing and selling. */
    g_autoptr(GMenu) section = g_menu_new ();

    g_menu_append (section, _("_Online Shops…"), "products.shops");
    g_menu_append (section, _("Save a _Catalogue (PDF)…"), "products.catalogue");
    g_menu_append (section, _("Make an _e-Peken Pack…"), "products.epeken-pack");
    g_menu_append_section (G_MENU (gtk_menu_button_get_menu_model (self->csv_button)), NULL, G_MENU_MODEL (section));
  }
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  /* Listings change as the worker sends them: the online column follows. */
  g_signal_connect_object (app, "published", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  /* Production and deliveries move the stock shown here. */
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (reload));
  refresh (self);
}

static void
canting_products_page_dispose (GObject *object)
{
  CantingProductsPage *self = CANTING_PRODUCTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_PRODUCTS_PAGE);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (canting_products_page_parent_class)->dispose (object);
}

/* The catalogue and the e-Peken pack: of the selected products, or with
 * none selected of the whole catalogue.  (transfer full) NULL-terminated */
static GStrv
selected_skus (CantingProductsPage *self)
{
  GPtrArray *skus = g_ptr_array_new ();
  g_autoptr(GArray) ids = selected_ids (self, skus);

  g_ptr_array_add (skus, NULL);
  return (GStrv) g_ptr_array_free (skus, FALSE);
}

static void
catalogue_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_auto(GStrv) skus = selected_skus (CANTING_PRODUCTS_PAGE (widget));

  canting_products_page_make_catalogue (widget, CANTING_PRODUCTS_PAGE (widget)->app, (const char * const *) skus);
}

static void
shops_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CantingProductsPage *self = CANTING_PRODUCTS_PAGE (widget);
  CantingChannelsDialog *dialog = canting_channels_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (widget)));

  g_signal_connect_object (dialog, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
epeken_pack_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_auto(GStrv) skus = selected_skus (CANTING_PRODUCTS_PAGE (widget));

  canting_products_page_make_epeken_pack (widget, CANTING_PRODUCTS_PAGE (widget)->app, (const char * const *) skus);
}

static void
canting_products_page_class_init (CantingProductsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_products_page_dispose;
  g_type_ensure (CANTING_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-products-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, technique_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, motif_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, in_stock_check);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, csv_button);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, publish_button);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CantingProductsPage, empty_page);
  gtk_widget_class_install_action (widget_class, "products.shops", NULL, shops_activated);
  gtk_widget_class_install_action (widget_class, "products.catalogue", NULL, catalogue_activated);
  gtk_widget_class_install_action (widget_class, "products.epeken-pack", NULL, epeken_pack_activated);
  gtk_widget_class_install_action (widget_class, "products.publish-selected", "x", publish_selected_activated);
  gtk_widget_class_install_action (widget_class, "products.unpublish-selected", "x", publish_selected_activated);
  gtk_widget_class_install_action (widget_class, "products.publish-changed", "x", publish_changed_activated);
  gtk_widget_class_install_action (widget_class, "products.publish-all", "x", publish_all_activated);
}

static void
canting_products_page_init (CantingProductsPage *self)
{
  g_autoptr(GtkStringList) techniques = gtk_string_list_new (NULL);
  const CantingColumnSpec columns[] = {
    { _("SKU"), cell_sku, NULL, FALSE, FALSE },
    { _("Name"), cell_name, NULL, FALSE, TRUE },
    { _("Motif"), cell_motif, NULL, FALSE, TRUE },
    { _("Technique"), cell_technique, NULL, FALSE, FALSE },
    { _("Price"), cell_price, NULL, TRUE, FALSE },
    { _("Stock"), cell_stock, style_stock, TRUE, FALSE },
    { _("Online"), cell_online, style_online, FALSE, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));

  gtk_string_list_append (techniques, _("All techniques"));
  for (guint i = 0; i < CANTING_TECHNIQUE_COUNT; i++)
    gtk_string_list_append (techniques, canting_technique_label (i));
  gtk_drop_down_set_model (self->technique_dropdown, G_LIST_MODEL (techniques));
  canting_accessible_name_drop_down (self->technique_dropdown, _("Technique"));

  self->model = canting_paged_model_new_query (products_query, products_query_free, count_products, page_products,
                                              (GDestroyNotify) canting_product_free, self);
  /* Several products can be chosen (Ctrl, Shift, Ctrl+A) to publish
   * them or make a catalogue of them. */
  canting_list_attach_multi (self->column_view, self->model);
  g_signal_connect_swapped (gtk_column_view_get_model (self->column_view), "selection-changed",
                            G_CALLBACK (update_selection_actions), self);
  update_selection_actions (self);
  {
    g_autoptr(GtkColumnViewColumn) photo = canting_picture_column_new (_("Photo"), cell_photo);
    gtk_column_view_append_column (self->column_view, photo);
  }
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->technique_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->motif_dropdown, "notify::selected", G_CALLBACK (reload), self);
  canting_accessible_name_drop_down (self->motif_dropdown, _("Motif"));
  g_signal_connect_swapped (self->in_stock_check, "toggled", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (canting_products_page_add), self);
  /* Shops come and go (added from a product's form too): the menu is
   * made again each time it opens. */
  gtk_menu_button_set_create_popup_func (self->publish_button, publish_menu_about_to_open, self, NULL);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
