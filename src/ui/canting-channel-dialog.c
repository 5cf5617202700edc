/* canting-channel-dialog.c: an online shop Canting publishes to.
 *
 * Its name, address and the user (or consumer key) are records; the
 * password goes to the system keyring and never into the database.  An
 * address that is not https (or this computer, for the practice shop)
 * is refused with the reason: the password would travel in clear. */
#include "config.h"

#include "canting-channel-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "canting-accessible.h"
#include "canting-form.h"
#include "canting-product.h"
#include "canting-secret.h"

#define N_FIELDS (CANTING_CHANNEL_FIELD_CATEGORY + 1)

struct _CantingChannelDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwEntryRow *name_row;
  AdwEntryRow *url_row;
  AdwComboRow *auth_row;
  AdwEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  GtkSwitch *archived_switch;
  AdwPreferencesGroup *categories_group;

  CantingApplication *app;
  CantingChannel *channel;
};

G_DEFINE_FINAL_TYPE (CantingChannelDialog, canting_channel_dialog, ADW_TYPE_WINDOW)

/* A password held for a moment: wiped when it goes, on every path. */
typedef char CantingSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingSecret, canting_secret_free)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The sign-in choices, in the order of auth_row. */
static const CantingChannelAuth auths[] = {
  CANTING_CHANNEL_AUTH_APP_PASSWORD,
  CANTING_CHANNEL_AUTH_CONSUMER_KEY,
};

static void
show_error (CantingChannelDialog *self,
            const GError         *error)
{
  GtkWidget *rows[N_FIELDS] = { NULL };

  rows[CANTING_CHANNEL_FIELD_NAME] = GTK_WIDGET (self->name_row);
  rows[CANTING_CHANNEL_FIELD_URL] = GTK_WIDGET (self->url_row);
  rows[CANTING_CHANNEL_FIELD_AUTH] = GTK_WIDGET (self->auth_row);
  rows[CANTING_CHANNEL_FIELD_USER] = GTK_WIDGET (self->user_row);
  canting_form_show_error (rows, N_FIELDS, CANTING_CHANNEL_ERROR, error,
                           GTK_WIDGET (self->error_group), self->error_label);
  if (error != NULL && error->domain == CANTING_SECRET_ERROR)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

/* What the user and password rows ask for follows the sign-in kind. */
static void
on_auth_changed (CantingChannelDialog *self)
{
  gboolean key = auths[MIN (adw_combo_row_get_selected (self->auth_row), G_N_ELEMENTS (auths) - 1)] ==
                 CANTING_CHANNEL_AUTH_CONSUMER_KEY;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row),
                                 key ? _("Consumer key (ck_…)") : _("WordPress user name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 key ? _("Consumer secret (cs_…)") : _("Application password"));
}

static void
on_save (CantingChannelDialog *self)
{
  g_autoptr(CantingChannel) c = canting_channel_copy (self->channel);
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  gboolean is_new = c->id == 0;
  g_autoptr(CantingSecret) secret = NULL;
  g_autofree char *shown_user = NULL;

  g_free (c->name);
  c->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  c->kind = CANTING_CHANNEL_WOOCOMMERCE;
  g_free (c->base_url);
  c->base_url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  c->auth = auths[MIN (adw_combo_row_get_selected (self->auth_row), G_N_ELEMENTS (auths) - 1)];
  c->archived = gtk_switch_get_active (self->archived_switch);
  if (c->auth == CANTING_CHANNEL_AUTH_CONSUMER_KEY && (*user != '\0') != (*password != '\0'))
    {
      g_set_error_literal (&error, CANTING_SECRET_ERROR, CANTING_SECRET_ERROR_INVALID,
                           _("Type both the consumer key and its secret, as WooCommerce gave them."));
      show_error (self, error);
      return;
    }
  if (c->auth == CANTING_CHANNEL_AUTH_CONSUMER_KEY && *user != '\0')
    {
      /* The key itself is half the secret: only its last characters, as
       * WooCommerce lists them, are kept in the records. */
      gsize n = strlen (user);
      shown_user = g_strdup_printf ("…%s", n > 7 ? user + n - 7 : user);
      secret = canting_secret_join_consumer_key (user, password);
    }
  else if (c->auth == CANTING_CHANNEL_AUTH_APP_PASSWORD)
    {
      shown_user = g_strdup (user);
      if (*password != '\0')
        secret = g_strdup (password);
    }
  if (shown_user != NULL)
    {
      g_free (c->auth_user);
      c->auth_user = g_steal_pointer (&shown_user);
    }

  if (is_new && secret == NULL)
    {
      g_set_error_literal (&error, CANTING_SECRET_ERROR, CANTING_SECRET_ERROR_INVALID,
                           _("Type the password the shop gave Canting."));
      show_error (self, error);
      return;
    }
  if (!canting_channel_save (canting_application_get_db (self->app), c, &error))
    {
      show_error (self, error);
      return;
    }
  /* Saved first: the keyring item is named by the channel's secret_ref. */
  if (secret != NULL && !canting_secret_store (c, secret, NULL, &error))
    {
      canting_channel_free (self->channel);
      self->channel = g_steal_pointer (&c);
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, c->id);
  /* A shop paused for a wrong password goes on with the new one. */
  canting_application_publish_now (self->app);
  gtk_window_close (GTK_WINDOW (self));
}

/* A category typed for a motif or technique: stored, or forgotten when
 * emptied. */
static void
on_category_apply (AdwEntryRow          *row,
                   CantingChannelDialog *self)
{
  CantingCategorySource source = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "canting-source"));
  const char *local = g_object_get_data (G_OBJECT (row), "canting-local");
  g_autofree char *remote = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;
  CantingDb *db = canting_application_get_db (self->app);
  gboolean ok = *remote == '\0'
                ? canting_channel_remove_category (db, self->channel->id, source, local, &error)
                : canting_channel_set_category (db, self->channel->id, source, local, remote, 0, &error);

  show_error (self, ok ? NULL : error);
}

static void
add_category_row (CantingChannelDialog  *self,
                  CantingCategorySource  source,
                  const char            *local,
                  const char            *shown,
                  GPtrArray             *mappings)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = source == CANTING_CATEGORY_BY_MOTIF ? g_strdup_printf (_("Motif: %s"), shown)
                                                               : g_strdup_printf (_("Technique: %s"), shown);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  for (guint i = 0; mappings != NULL && i < mappings->len; i++)
    {
      const CantingChannelCategory *m = mappings->pdata[i];
      if (m->source == source && g_utf8_collate (m->local_value, local) == 0)
        gtk_editable_set_text (GTK_EDITABLE (row), m->remote_name);
    }
  g_object_set_data (G_OBJECT (row), "canting-source", GINT_TO_POINTER (source));
  g_object_set_data_full (G_OBJECT (row), "canting-local", g_strdup (local), g_free);
  g_signal_connect (row, "apply", G_CALLBACK (on_category_apply), self);
  adw_preferences_group_add (self->categories_group, row);
}

/* The catalog's techniques and motifs, each with the shop category its
 * products go in. */
static void
fill_categories (CantingChannelDialog *self)
{
  CantingDb *db = canting_application_get_db (self->app);
  g_autoptr(GPtrArray) mappings = canting_channel_categories (db, self->channel->id, NULL);
  g_auto(GStrv) motifs = canting_product_motifs_in_use (db, NULL);

  for (guint i = 0; i < CANTING_TECHNIQUE_COUNT; i++)
    add_category_row (self, CANTING_CATEGORY_BY_TECHNIQUE, canting_technique_to_string (i),
                      canting_technique_label (i), mappings);
  for (guint i = 0; motifs != NULL && motifs[i] != NULL; i++)
    add_category_row (self, CANTING_CATEGORY_BY_MOTIF, motifs[i], motifs[i], mappings);
  gtk_widget_set_visible (GTK_WIDGET (self->categories_group), TRUE);
}

static void
canting_channel_dialog_dispose (GObject *object)
{
  CantingChannelDialog *self = CANTING_CHANNEL_DIALOG (object);

  g_clear_pointer (&self->channel, canting_channel_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_CHANNEL_DIALOG);
  G_OBJECT_CLASS (canting_channel_dialog_parent_class)->dispose (object);
}

static void
canting_channel_dialog_class_init (CantingChannelDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_channel_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-channel-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingChannelDialog, name)
  BIND (window_title);
  BIND (save_button);
  BIND (error_group);
  BIND (error_label);
  BIND (name_row);
  BIND (url_row);
  BIND (auth_row);
  BIND (user_row);
  BIND (password_row);
  BIND (archived_switch);
  BIND (categories_group);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_channel_dialog_init (CantingChannelDialog *self)
{
  g_autoptr(GtkStringList) auth_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (auths); i++)
    gtk_string_list_append (auth_names, canting_channel_auth_label (auths[i]));
  adw_combo_row_set_model (self->auth_row, G_LIST_MODEL (auth_names));
  g_signal_connect_swapped (self->auth_row, "notify::selected", G_CALLBACK (on_auth_changed), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  g_signal_connect_swapped (self->password_row, "entry-activated", G_CALLBACK (on_save), self);
}

CantingChannelDialog *
canting_channel_dialog_new (CantingApplication   *app,
                            GtkWindow            *parent,
                            const CantingChannel *channel)
{
  CantingChannelDialog *self = g_object_new (CANTING_TYPE_CHANNEL_DIALOG,
                                             "application", app,
                                             "transient-for", parent,
                                             NULL);

  self->app = app;
  self->channel = channel != NULL ? canting_channel_copy (channel) : canting_channel_new ();
  adw_window_title_set_title (self->window_title, channel != NULL ? channel->name : _("New Online Shop"));
  if (channel != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), channel->name);
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), channel->base_url);
      adw_combo_row_set_selected (self->auth_row, channel->auth == CANTING_CHANNEL_AUTH_CONSUMER_KEY ? 1 : 0);
      /* A consumer key is never shown whole: type it again to change it. */
      if (channel->auth != CANTING_CHANNEL_AUTH_CONSUMER_KEY)
        gtk_editable_set_text (GTK_EDITABLE (self->user_row), channel->auth_user);
      gtk_switch_set_active (self->archived_switch, channel->archived);
      fill_categories (self);
    }
  on_auth_changed (self);
  if (channel != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                   _("New password (empty: keep the stored one)"));
  return self;
}
