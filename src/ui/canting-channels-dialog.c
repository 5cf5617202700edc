/* canting-channels-dialog.c: the workshop's online shops, each opening
 * in its form; a new one is added from here. */
#include "config.h"

#include "canting-channels-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-channel.h"
#include "canting-channel-dialog.h"

struct _CantingChannelsDialog
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *shops_group;
  GtkButton *add_button;

  CantingApplication *app;
  GPtrArray *rows;
};

G_DEFINE_FINAL_TYPE (CantingChannelsDialog, canting_channels_dialog, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void fill (CantingChannelsDialog *self);

static void
on_saved (CantingChannelsDialog *self)
{
  fill (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
open_channel (CantingChannelsDialog *self,
              const CantingChannel  *channel)
{
  CantingChannelDialog *dialog = canting_channel_dialog_new (self->app, GTK_WINDOW (self), channel);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_row_activated (AdwActionRow          *row,
                  CantingChannelsDialog *self)
{
  open_channel (self, g_object_get_data (G_OBJECT (row), "canting-channel"));
}

static void
on_add (CantingChannelsDialog *self)
{
  open_channel (self, NULL);
}

static void
fill (CantingChannelsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = canting_channel_list (canting_application_get_db (self->app), TRUE, &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->shops_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const CantingChannel *c = channels->pdata[i];
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (c->kind != CANTING_CHANNEL_WOOCOMMERCE)
        continue;
      row = adw_action_row_new ();
      subtitle = c->archived ? g_strdup_printf (_("%s · archived"), c->base_url) : g_strdup (c->base_url);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "canting-channel", canting_channel_copy (c),
                              (GDestroyNotify) canting_channel_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
      adw_preferences_group_add (self->shops_group, row);
      g_ptr_array_add (self->rows, row);
    }
  if (self->rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error != NULL ? error->message : _("No online shop yet"));
      adw_preferences_group_add (self->shops_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
canting_channels_dialog_dispose (GObject *object)
{
  CantingChannelsDialog *self = CANTING_CHANNELS_DIALOG (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_CHANNELS_DIALOG);
  G_OBJECT_CLASS (canting_channels_dialog_parent_class)->dispose (object);
}

static void
canting_channels_dialog_class_init (CantingChannelsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_channels_dialog_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-channels-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingChannelsDialog, shops_group);
  gtk_widget_class_bind_template_child (widget_class, CantingChannelsDialog, add_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_channels_dialog_init (CantingChannelsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add), self);
}

CantingChannelsDialog *
canting_channels_dialog_new (CantingApplication *app,
                             GtkWindow          *parent)
{
  CantingChannelsDialog *self = g_object_new (CANTING_TYPE_CHANNELS_DIALOG,
                                              "application", app,
                                              "transient-for", parent,
                                              NULL);

  self->app = app;
  fill (self);
  return self;
}
