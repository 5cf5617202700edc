/* canting-window.c: the main window.
 *
 * Holds the page stack and the toasts.  Pages come from the domain issues;
 * until the workshop has a name the home page is a welcome that leads into
 * the profile.  The window remembers its size and last page. */
#include "config.h"

#include "canting-window.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-backup.h"
#include "canting-customers-page.h"
#include "canting-guide.h"
#include "canting-home-page.h"
#include "canting-ipal-page.h"
#include "canting-materials-page.h"
#include "canting-money-page.h"
#include "canting-orders-page.h"
#include "canting-production-page.h"
#include "canting-products-page.h"
#include "canting-workers-page.h"

struct _CantingWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack *stack;
  GtkStack *home_stack;
  GtkBox *banner_slot;
  GtkImage *workshop_logo;
  GtkLabel *workshop_name;
  GtkLabel *workshop_city;
  AdwActionRow *owner_row;
  AdwActionRow *address_row;
  AdwActionRow *phone_row;
  AdwActionRow *membership_row;
  AdwActionRow *backup_row;
  CantingHomePage *home_page;
  CantingCustomersPage *customers_page;
  CantingMaterialsPage *materials_page;
  CantingIpalPage *ipal_page;
  CantingMoneyPage *money_page;
  CantingOrdersPage *orders_page;
  CantingProductsPage *products_page;
  CantingProductionPage *production_page;
  CantingWorkersPage *workers_page;

  CantingApplication *app;  /* unowned: the app outlives its windows */
  CantingProfile *profile;
  gulong profile_handler;
  gulong replaced_handler;
};

G_DEFINE_FINAL_TYPE (CantingWindow, canting_window, ADW_TYPE_APPLICATION_WINDOW)

void
canting_window_add_toast (CantingWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (CANTING_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
canting_window_set_banner (CantingWindow *self,
                           GtkWidget     *banner)
{
  GtkWidget *old;

  g_return_if_fail (CANTING_IS_WINDOW (self));
  while ((old = gtk_widget_get_first_child (GTK_WIDGET (self->banner_slot))) != NULL)
    gtk_box_remove (self->banner_slot, old);
  if (banner != NULL)
    gtk_box_append (self->banner_slot, banner);
}

AdwToast *
canting_window_say (GtkWidget  *widget,
                    const char *text)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwToast *toast;

  if (!CANTING_IS_WINDOW (root))
    return NULL;
  toast = adw_toast_new (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  canting_window_add_toast (CANTING_WINDOW (root), toast);
  return toast;
}

void
canting_window_show_page (CantingWindow *self,
                          const char    *name)
{
  g_return_if_fail (CANTING_IS_WINDOW (self));
  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

void
canting_window_show_unpaid_orders (CantingWindow *self)
{
  g_return_if_fail (CANTING_IS_WINDOW (self));
  canting_orders_page_show_unpaid (self->orders_page);
  canting_window_show_page (self, "orders");
}

static void
set_detail (AdwActionRow *row,
            const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("Not filled in yet"));
}

static void
update_last_backup (CantingWindow *self)
{
  CantingDb *db = canting_application_get_db (self->app);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;

  if (db == NULL)
    return;
  list = canting_backup_list (canting_db_get_data_dir (db), NULL);
  if (list == NULL || list->len == 0)
    text = g_strdup (_("No backup yet"));
  else
    {
      CantingBackupInfo *newest = g_ptr_array_index (list, 0);
      g_autoptr(GDateTime) local = g_date_time_to_local (newest->created);
      /* Translators: a date and time, see g_date_time_format(); e.g. 24 November 2026, 09.12 */
      g_autofree char *when = g_date_time_format (local, _("%-d %B %Y, %H.%M"));
      text = g_strdup_printf ("%s (%s)", when, canting_backup_kind_label (newest->kind));
    }
  adw_action_row_set_subtitle (self->backup_row, text);
}

static void
update_home (CantingWindow *self)
{
  CantingProfile *profile = self->profile;
  GBytes *logo = canting_profile_get_logo (profile);
  g_autoptr(GdkTexture) texture = NULL;

  if (!canting_profile_is_set_up (profile))
    {
      gtk_stack_set_visible_child_name (self->home_stack, "welcome");
      gtk_window_set_title (GTK_WINDOW (self), "Canting");
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  gtk_stack_set_visible_child_name (self->home_stack, "workshop");
  gtk_label_set_text (self->workshop_name, canting_profile_get_name (profile));
  gtk_label_set_text (self->workshop_city, canting_profile_get_city (profile));
  set_detail (self->owner_row, canting_profile_get_owner (profile));
  set_detail (self->address_row, canting_profile_get_address (profile));
  set_detail (self->phone_row, canting_profile_get_phone (profile));
  set_detail (self->membership_row, canting_profile_get_membership (profile));

  if (logo != NULL)
    texture = gdk_texture_new_from_bytes (logo, NULL);
  if (texture != NULL)
    gtk_image_set_from_paintable (self->workshop_logo, GDK_PAINTABLE (texture));
  else
    gtk_image_set_from_icon_name (self->workshop_logo, APP_ID);

  {
    /* Translators: window title, e.g. "Batik Tulis Kembang Turi — Canting" */
    g_autofree char *title = g_strdup_printf (_("%s — Canting"), canting_profile_get_name (profile));
    gtk_window_set_title (GTK_WINDOW (self), title);
    /* The header bar shows which workshop is open: a trainer's machine may
     * hold several. */
    adw_view_switcher_title_set_subtitle (self->switcher_title, canting_profile_get_name (profile));
  }
  update_last_backup (self);
}

static void
on_active_changed (CantingWindow *self)
{
  /* Coming back from Preferences (a backup made there, say). */
  if (gtk_window_is_active (GTK_WINDOW (self)))
    update_last_backup (self);
}

static void
update_switcher (CantingWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);

  /* One page needs no switcher: show the plain title instead. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_list_model_get_n_items (G_LIST_MODEL (pages)) > 1);
}

/* Ctrl+N: a new record of whatever the visible page lists. */
static void
new_record_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CantingWindow *self = CANTING_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "orders") == 0)
    canting_orders_page_add (self->orders_page);
  else if (g_strcmp0 (page, "customers") == 0)
    canting_customers_page_add (self->customers_page);
  else if (g_strcmp0 (page, "products") == 0)
    canting_products_page_add (self->products_page);
  else if (g_strcmp0 (page, "workers") == 0)
    canting_workers_page_add (self->workers_page);
  else if (g_strcmp0 (page, "materials") == 0)
    canting_materials_page_add (self->materials_page);
  else if (g_strcmp0 (page, "ipal") == 0)
    canting_ipal_page_add (self->ipal_page);
  else if (g_strcmp0 (page, "money") == 0)
    canting_money_page_add (self->money_page, CANTING_ENTRY_INCOME);
}

static GtkWidget *
first_search_entry (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_search_entry (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl+F: to the visible page's search box. */
static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CantingWindow *self = CANTING_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);
  GtkWidget *entry = page != NULL ? first_search_entry (page) : NULL;

  if (entry != NULL)
    gtk_widget_grab_focus (entry);
}

/* F1: the help page of the section in view. */
static void
help_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CantingWindow *self = CANTING_WINDOW (widget);

  canting_help_show (GTK_WINDOW (self), adw_view_stack_get_visible_child_name (self->stack));
}

/* Alt+1…Alt+9: the section at that place in the view switcher, as in
 * GNOME's apps with tabs.  The switcher can be reached with Tab too, but
 * from a page with a long list only after every row of it. */
static void
show_section_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CantingWindow *self = CANTING_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  guint wanted = g_variant_get_uint32 (parameter);
  guint place = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (!adw_view_stack_page_get_visible (page) || ++place != wanted)
        continue;
      adw_view_stack_set_visible_child (self->stack, child);
      /* The focus was on the section now hidden, where GTK would drop it:
       * give it to the first control of the one shown. */
      if (!gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (child);
      return;
    }
}

static void
on_page_changed (CantingWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);
  GtkWidget *shown = adw_view_stack_get_visible_child (self->stack);
  GtkWidget *lists[] = {
    GTK_WIDGET (self->orders_page), GTK_WIDGET (self->production_page), GTK_WIDGET (self->products_page),
    GTK_WIDGET (self->materials_page), GTK_WIDGET (self->ipal_page), GTK_WIDGET (self->money_page),
    GTK_WIDGET (self->workers_page), GTK_WIDGET (self->customers_page),
  };

  /* A page out of view is hidden, not just unmapped: GTK restyles every
   * visible widget when the window goes to the backdrop and back (each
   * time a form opens and closes), hundreds of list rows per page shown
   * once; a hidden page is restyled once, when it shows again.  Its
   * holder (an AdwBin) stays, so the switcher keeps its button. */
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    gtk_widget_set_visible (lists[i], gtk_widget_get_parent (lists[i]) == shown);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-record",
                                 g_strcmp0 (page, "orders") == 0 || g_strcmp0 (page, "customers") == 0 ||
                                 g_strcmp0 (page, "products") == 0 || g_strcmp0 (page, "workers") == 0 ||
                                 g_strcmp0 (page, "materials") == 0 || g_strcmp0 (page, "ipal") == 0 ||
                                 g_strcmp0 (page, "money") == 0);
}

static void
restore_state (CantingWindow *self)
{
  GSettings *settings = canting_application_get_settings (self->app);
  g_autofree char *page = g_settings_get_string (settings, "last-page");
  int width = g_settings_get_int (settings, "window-width");
  int height = g_settings_get_int (settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  if (adw_view_stack_get_child_by_name (self->stack, page) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
}

static gboolean
canting_window_close_request (GtkWindow *window)
{
  CantingWindow *self = CANTING_WINDOW (window);
  GSettings *settings = canting_application_get_settings (self->app);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (settings, "last-page", adw_view_stack_get_visible_child_name (self->stack));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (canting_window_parent_class)->close_request (window);
}

/* Runs once the window belongs to the application (GObject sets
 * "application" only after constructed()). */
static void
setup (CantingWindow *self)
{

  self->app = CANTING_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  self->profile = g_object_ref (canting_application_get_profile (self->app));
  self->profile_handler = g_signal_connect_object (self->profile, "notify", G_CALLBACK (update_home),
                                                   self, G_CONNECT_SWAPPED);
  self->replaced_handler = g_signal_connect_object (self->app, "data-replaced", G_CALLBACK (update_home),
                                                    self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);

  canting_orders_page_set_application (self->orders_page, self->app);
  canting_customers_page_set_application (self->customers_page, self->app);
  canting_products_page_set_application (self->products_page, self->app);
  canting_production_page_set_application (self->production_page, self->app);
  canting_workers_page_set_application (self->workers_page, self->app);
  canting_materials_page_set_application (self->materials_page, self->app);
  canting_ipal_page_set_application (self->ipal_page, self->app);
  canting_money_page_set_application (self->money_page, self->app);
  canting_home_page_set_application (self->home_page, self->app);

  update_switcher (self);
  restore_state (self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name", G_CALLBACK (on_page_changed), self);
  on_page_changed (self);
  update_home (self);
}

static void
canting_window_dispose (GObject *object)
{
  CantingWindow *self = CANTING_WINDOW (object);

  g_clear_object (&self->profile);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_WINDOW);

  G_OBJECT_CLASS (canting_window_parent_class)->dispose (object);
}

static void
canting_window_class_init (CantingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = canting_window_dispose;
  window_class->close_request = canting_window_close_request;

  g_type_ensure (CANTING_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (CANTING_TYPE_ORDERS_PAGE);
  g_type_ensure (CANTING_TYPE_PRODUCTS_PAGE);
  g_type_ensure (CANTING_TYPE_PRODUCTION_PAGE);
  g_type_ensure (CANTING_TYPE_WORKERS_PAGE);
  g_type_ensure (CANTING_TYPE_MATERIALS_PAGE);
  g_type_ensure (CANTING_TYPE_IPAL_PAGE);
  g_type_ensure (CANTING_TYPE_MONEY_PAGE);
  g_type_ensure (CANTING_TYPE_HOME_PAGE);
  gtk_widget_class_install_action (widget_class, "win.new-record", NULL, new_record_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-record", NULL);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-section", "u", show_section_activated);
  for (guint i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK, "win.show-section", "u", i);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, home_stack);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, banner_slot);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, workshop_logo);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, workshop_name);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, workshop_city);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, membership_row);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, backup_row);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, home_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, materials_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, ipal_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, money_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, orders_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, products_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, production_page);
  gtk_widget_class_bind_template_child (widget_class, CantingWindow, workers_page);
}

static void
canting_window_init (CantingWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
}

CantingWindow *
canting_window_new (CantingApplication *application)
{
  CantingWindow *self = g_object_new (CANTING_TYPE_WINDOW, "application", application, NULL);

  setup (self);
  return self;
}
