/* canting-listing-group.c: a product's listings on the online shops, in
 * its form: per shop what state it is in, what went wrong in words, when
 * it is tried again, its link, and buttons to put it online (or send the
 * changes) and to take it off sale.  Asking only queues the work in the
 * outbox, in one transaction with nothing else; the publishing worker
 * sends it when the shop can be reached. */
#include "config.h"

#include "canting-channel-driver.h"
#include "canting-listing-group.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "canting-channel.h"
#include "canting-channel-dialog.h"
#include "canting-listing.h"
#include "canting-validate.h"

struct _CantingListingGroup
{
  AdwPreferencesGroup parent_instance;

  CantingApplication *app;
  gint64 product_id;
  GPtrArray *rows;   /* every row added, removed on refresh */
};

G_DEFINE_FINAL_TYPE (CantingListingGroup, canting_listing_group, ADW_TYPE_PREFERENCES_GROUP)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void refresh (CantingListingGroup *self);

static CantingDb *
db_of (CantingListingGroup *self)
{
  return canting_application_get_db (self->app);
}

static void
add_row (CantingListingGroup *self,
         GtkWidget           *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

/* Says what went wrong where the person looks: under the group. */
static void
say (CantingListingGroup *self,
     const char          *text)
{
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), text);
}

static void
refresh_later (gpointer user_data)
{
  CantingListingGroup *self = user_data;

  if (self->rows != NULL)
    refresh (self);
  g_object_unref (self);
}

static void
on_queue (GtkButton           *button,
          CantingListingGroup *self)
{
  gint64 channel_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "canting-channel"));
  gboolean unpublish = g_object_get_data (G_OBJECT (button), "canting-unpublish") != NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = unpublish ? canting_listing_queue_unpublish (db_of (self), channel_id, &self->product_id, 1, &error)
                          : canting_listing_queue_publish (db_of (self), channel_id, &self->product_id, 1, &error);

  if (!ok)
    {
      say (self, error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  canting_application_publish_now (self->app);
  /* The row holding the button is rebuilt: not under its own click. */
  g_idle_add_once (refresh_later, g_object_ref (self));
}

static void
on_open_link (GtkButton           *button,
              CantingListingGroup *self)
{
  const char *link = g_object_get_data (G_OBJECT (button), "canting-link");

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), link, GDK_CURRENT_TIME);
}

static void
on_preview (GtkButton           *button,
            CantingListingGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = canting_listing_payload (db_of (self), self->product_id, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pretty = NULL;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;

  if (payload == NULL)
    {
      say (self, error->message);
      return;
    }
  /* Indented, so a person can read it line by line. */
  if (json_parser_load_from_data (parser, payload, -1, NULL))
    pretty = json_to_string (json_parser_get_root (parser), TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("What Will Be Sent"),
                                   _("Exactly what the shops are told about this product (prices in whole rupiah); "
                                     "photos are uploaded first and attached by their number."));
  label = gtk_label_new (pretty != NULL ? pretty : payload);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What will be sent"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_shop_saved (CantingListingGroup *self)
{
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_add_shop (GtkButton           *b,
             CantingListingGroup *self)
{
  CantingChannelDialog *dialog =
    canting_channel_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_shop_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
button (CantingListingGroup *self,
        const char          *text,
        const char          *label,
        GCallback            callback)
{
  GtkWidget *b = text != NULL ? gtk_button_new_with_mnemonic (text) : gtk_button_new ();

  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (b, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (b, "clicked", callback, self);
  return b;
}

/* "Online", or why not, and what happens next. */
static char *
describe (const CantingListing *l)
{
  g_autoptr(GString) text = g_string_new (canting_listing_state_label (l->state));

  if (l->state == CANTING_LISTING_FAILED && *l->last_result != '\0')
    g_string_append_printf (text, ": %s", l->last_result);
  if (l->waiting_kind >= 0 && l->waiting_error != NULL && *l->waiting_error != '\0')
    g_string_append_printf (text, " · %s", l->waiting_error);
  if (l->waiting_kind >= 0 && l->next_attempt_at != NULL && l->waiting_attempts > 0)
    {
      g_autoptr(GDateTime) next = g_date_time_new_from_iso8601 (l->next_attempt_at, NULL);
      g_autoptr(GDateTime) local = next != NULL ? g_date_time_to_local (next) : NULL;
      /* Translators: a time of day, see g_date_time_format() */
      g_autofree char *when = local != NULL ? g_date_time_format (local, _("%d/%m/%Y %H.%M")) : NULL;

      if (when != NULL)
        g_string_append_printf (text, " · %s", when);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_channel_row (CantingListingGroup  *self,
                 const CantingChannel *channel,
                 const CantingListing *l)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe (l);
  gboolean on_shop = l->state == CANTING_LISTING_ONLINE || l->state == CANTING_LISTING_CHANGED;
  const char *verb = l->state == CANTING_LISTING_OFFLINE ? _("_Publish")
                     : l->state == CANTING_LISTING_FAILED ? _("_Try Again")
                     : l->state == CANTING_LISTING_CHANGED ? _("_Send Changes") : NULL;
  GtkWidget *b;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), channel->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (l->permalink != NULL && *l->permalink != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("Open the product on %s"), channel->name);

      b = button (self, NULL, label, G_CALLBACK (on_open_link));
      gtk_button_set_icon_name (GTK_BUTTON (b), "web-browser-symbolic");
      gtk_widget_add_css_class (b, "flat");
      g_object_set_data_full (G_OBJECT (b), "canting-link", g_strdup (l->permalink), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
    }
  if (verb != NULL)
    {
      g_autofree char *plain = g_strdup (verb);
      g_autofree char *label = NULL;

      /* "Publish on Toko Bu Sri", without the mnemonic's underscore. */
      g_strdelimit (plain, "_", ' ');
      label = g_strdup_printf (_("%s on %s"), g_strstrip (plain), channel->name);
      b = button (self, verb, label, G_CALLBACK (on_queue));
      if (l->state == CANTING_LISTING_OFFLINE)
        gtk_widget_add_css_class (b, "suggested-action");
      g_object_set_data (G_OBJECT (b), "canting-channel", GSIZE_TO_POINTER (channel->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
    }
  if (on_shop || l->state == CANTING_LISTING_QUEUED || l->state == CANTING_LISTING_FAILED)
    {
      g_autofree char *label = g_strdup_printf (_("Take it off sale on %s"), channel->name);

      b = button (self, _("_Unpublish"), label, G_CALLBACK (on_queue));
      g_object_set_data (G_OBJECT (b), "canting-channel", GSIZE_TO_POINTER (channel->id));
      g_object_set_data (G_OBJECT (b), "canting-unpublish", GINT_TO_POINTER (TRUE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
    }
  add_row (self, row);
}

static void
refresh (CantingListingGroup *self)
{
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GError) error = NULL;
  guint shops = 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  say (self, _("Canting sends it when the shop can be reached, and tries again by itself."));

  if (self->product_id == 0)
    {
      say (self, _("Save the product first, then put it online."));
      return;
    }
  channels = canting_channel_list (db_of (self), FALSE, &error);
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const CantingChannel *channel = channels->pdata[i];
      g_autoptr(CantingListing) l = NULL;

      if (canting_channel_driver_for_kind (channel->kind) == NULL)
        continue;
      l = canting_listing_load (db_of (self), self->product_id, channel->id, &error);
      if (l == NULL)
        break;
      add_channel_row (self, channel, l);
      shops++;
    }
  if (error != NULL)
    say (self, error->message);
  if (shops == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No online shop yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add the workshop's shop, then put products online from here."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 button (self, _("_Add a Shop…"), _("Add an online shop"), G_CALLBACK (on_add_shop)));
      add_row (self, row);
      return;
    }
  {
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *b = button (self, _("_Preview"), _("Preview what will be sent"), G_CALLBACK (on_preview));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("What will be sent"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
    add_row (self, row);
  }
}

void
canting_listing_group_set_product (CantingListingGroup *self,
                                   CantingApplication  *app,
                                   gint64               product_id)
{
  g_return_if_fail (CANTING_IS_LISTING_GROUP (self));

  if (self->app == NULL)
    /* The worker's progress shows here as it comes. */
    g_signal_connect_object (app, "published", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  self->app = app;
  self->product_id = product_id;
  refresh (self);
}

void
canting_listing_group_refresh (CantingListingGroup *self)
{
  g_return_if_fail (CANTING_IS_LISTING_GROUP (self));
  if (self->app != NULL)
    refresh (self);
}

static void
canting_listing_group_dispose (GObject *object)
{
  CantingListingGroup *self = CANTING_LISTING_GROUP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (canting_listing_group_parent_class)->dispose (object);
}

static void
canting_listing_group_class_init (CantingListingGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = canting_listing_group_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
canting_listing_group_init (CantingListingGroup *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Online Shops"));
}
