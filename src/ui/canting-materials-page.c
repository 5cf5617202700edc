/* canting-materials-page.c: the material list with stock, reserved and
 * available, a warning strip for low stock (and a desktop notification
 * when a material newly runs low), and the way into purchases, stock
 * counts and the shortage list. */
#include "config.h"

#include "canting-form.h"
#include "canting-materials-page.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-csv-ui.h"
#include "canting-list.h"
#include "canting-material-dialog.h"
#include "canting-movement-dialog.h"
#include "canting-paged-model.h"
#include "canting-stock-plan-dialog.h"
#include "canting-wrap-box.h"

struct _CantingMaterialsPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown *kind_dropdown;
  GtkCheckButton *low_check;
  GtkCheckButton *archived_check;
  GtkMenuButton *menu_button;
  GtkButton *purchase_button;
  GtkButton *add_button;
  GtkRevealer *low_revealer;
  GtkLabel *low_label;
  GtkButton *low_button;
  GtkStack *content_stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;

  CantingApplication *app;
  CantingPagedModel *model;
  /* Materials already announced as low, so a notification says only
   * what is new. */
  GHashTable *notified;
  /* The low-stock check runs whenever the data changed (an order started
   * elsewhere uses materials), shown or not. */
  guint low_watch;
  gint64 low_seen;
};

G_DEFINE_FINAL_TYPE (CantingMaterialsPage, canting_materials_page, GTK_TYPE_BOX)

static void
read_filter (CantingMaterialsPage  *self,
             CantingMaterialFilter *filter)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  filter->text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter->kind = kind == 0 || kind == GTK_INVALID_LIST_POSITION ? -1 : (int) kind - 1;
  filter->low_only = gtk_check_button_get_active (self->low_check);
  filter->include_archived = gtk_check_button_get_active (self->archived_check);
}

/* The filter as it was when the list was reloaded, for the worker
 * thread that reads it. */
typedef struct {
  CantingMaterialFilter filter;
  char *text;
} MaterialsQuery;

static void
materials_query_free (gpointer data)
{
  MaterialsQuery *q = data;

  g_free (q->text);
  g_free (q);
}

static gpointer
materials_query (gpointer user_data)
{
  MaterialsQuery *q = g_new0 (MaterialsQuery, 1);

  read_filter (user_data, &q->filter);
  q->filter.text = q->text = g_strdup (q->filter.text);
  return q;
}

static gint64
count_materials (CantingDb      *db,
                 gconstpointer   query,
                 GError        **error)
{
  return canting_material_count (db, &((const MaterialsQuery *) query)->filter, error);
}

static GPtrArray *
page_materials (CantingDb      *db,
                gconstpointer   query,
                guint           offset,
                guint           limit,
                GError        **error)
{
  return canting_material_search (db, &((const MaterialsQuery *) query)->filter, offset, limit, error);
}

static void
notify_low (CantingMaterialsPage *self,
            GPtrArray            *low)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  guint fresh = 0;

  for (guint i = 0; i < low->len; i++)
    {
      const CantingMaterial *m = g_ptr_array_index (low, i);
      g_autofree char *left = canting_unit_format (canting_material_available (m), m->unit);

      /* A material never bought is not running low: it is new (the strip
       * on the page still shows it). */
      if (m->on_hand <= 0 && m->last_unit_cost == 0)
        continue;
      if (!g_hash_table_add (self->notified, g_memdup2 (&m->id, sizeof m->id)))
        continue;
      if (fresh++ > 0)
        g_string_append_c (body, '\n');
      /* TRANSLATORS: a material and how much of it is available */
      g_string_append_printf (body, _("%s: %s available"), m->name, left);
    }
  if (fresh == 0)
    return;
  notification = g_notification_new (_("Materials Running Low"));
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "materials");
  g_application_send_notification (G_APPLICATION (self->app), "low-stock", notification);
}

static void
update_low (CantingMaterialsPage *self)
{
  CantingMaterialFilter filter = { NULL, -1, TRUE, FALSE };
  g_autoptr(GPtrArray) low = canting_material_search (canting_application_get_db (self->app), &filter, 0, 100, NULL);
  g_autoptr(GHashTable) still_low = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  gint64 n_low = canting_material_count (canting_application_get_db (self->app), &filter, NULL);

  self->low_seen = canting_db_get_change_count (canting_application_get_db (self->app));
  if (low == NULL || n_low < 0)
    return;
  if (n_low > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u material is at or below its reorder level.",
                                                            "%u materials are at or below their reorder level.",
                                                            (gulong) n_low),
                                               (guint) n_low);
      gtk_label_set_text (self->low_label, text);
    }
  gtk_revealer_set_reveal_child (self->low_revealer, n_low > 0 && !gtk_check_button_get_active (self->low_check));

  /* Forget the ones restocked, so running low again is news again. */
  for (guint i = 0; i < low->len; i++)
    g_hash_table_add (still_low, &((CantingMaterial *) g_ptr_array_index (low, i))->id);
  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (still_low, key))
      g_hash_table_iter_remove (&iter);
  notify_low (self, low);
}

/* Often enough that the desktop hears of it while the person is still
 * at the order that used the stock up; one integer read when nothing
 * changed. */
#define LOW_CHECK_SECONDS 3

static gboolean
check_low (gpointer user_data)
{
  CantingMaterialsPage *self = user_data;
  CantingDb *db = self->app != NULL ? canting_application_get_db (self->app) : NULL;

  if (db != NULL && canting_db_get_change_count (db) != self->low_seen)
    update_low (self);
  return G_SOURCE_CONTINUE;
}

static void
reload (CantingMaterialsPage *self)
{
  const CantingListTexts texts = {
    _("No Materials Yet"),
    _("Add the mori, wax, dyes and chemicals you keep, then record what you buy."),
    _("No Matching Materials"),
    _("Try another name or supplier, or another kind."),
  };
  CantingMaterialFilter filter;

  if (self->app == NULL || canting_application_get_db (self->app) == NULL)
    return;
  read_filter (self, &filter);
  canting_list_reload_in_background (self->model, canting_application_get_db (self->app),
                                     self->content_stack, self->empty_page,
                                     *filter.text != '\0' || filter.kind >= 0 || filter.low_only, &texts);
  update_low (self);
}

static char *
cell_name (gconstpointer record)
{
  const CantingMaterial *m = record;
  return m->archived ? g_strdup_printf (_("%s (archived)"), m->name) : g_strdup (m->name);
}

static char *
cell_kind (gconstpointer record)
{
  return g_strdup (canting_material_kind_label (((const CantingMaterial *) record)->kind));
}

static char *
cell_on_hand (gconstpointer record)
{
  const CantingMaterial *m = record;
  return canting_unit_format (m->on_hand, m->unit);
}

static char *
cell_reserved (gconstpointer record)
{
  const CantingMaterial *m = record;
  return m->reserved != 0 ? canting_unit_format (m->reserved, m->unit) : g_strdup ("—");
}

static char *
cell_available (gconstpointer record)
{
  const CantingMaterial *m = record;
  return canting_unit_format (canting_material_available (m), m->unit);
}

static const char *
style_available (gconstpointer record)
{
  const CantingMaterial *m = record;

  if (canting_material_available (m) < 0)
    return "error";
  return canting_material_is_low (m) ? "warning" : NULL;
}

static char *
cell_cost (gconstpointer record)
{
  const CantingMaterial *m = record;
  CantingMoney cost = canting_material_average_cost (m);
  g_autofree char *money = NULL;

  if (cost == 0)
    return g_strdup ("—");
  money = canting_money_format (cost);
  /* TRANSLATORS: a price per unit, "Rp 20.000/m" */
  return g_strdup_printf (_("%s/%s"), money, canting_unit_label (m->unit));
}

static char *
cell_supplier (gconstpointer record)
{
  return g_strdup (((const CantingMaterial *) record)->supplier);
}

static void
open_dialog (CantingMaterialsPage  *self,
             const CantingMaterial *material)
{
  CantingMaterialDialog *dialog;

  dialog = canting_material_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), material);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  canting_form_present (GTK_WINDOW (dialog));
}

void
canting_materials_page_add (CantingMaterialsPage *self)
{
  g_return_if_fail (CANTING_IS_MATERIALS_PAGE (self));
  open_dialog (self, NULL);
}

static void
on_purchase (CantingMaterialsPage *self)
{
  CantingMovementDialog *dialog;

  dialog = canting_movement_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), 0,
                                        CANTING_MOVEMENT_PURCHASE);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_activate (GtkColumnView        *view,
             guint                 position,
             CantingMaterialsPage *self)
{
  g_autoptr(CantingRow) row = canting_list_get_row (self->model, position);

  if (row != NULL)
    open_dialog (self, canting_row_get_record (row));
}

static void
on_show_low (CantingMaterialsPage *self)
{
  gtk_check_button_set_active (self->low_check, TRUE);
}

static void
open_plan (CantingMaterialsPage  *self,
           CantingStockPlanView   view)
{
  CantingStockPlanDialog *dialog;

  dialog = canting_stock_plan_dialog_new (self->app, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), view);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
plan_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  CantingStockPlanView view = CANTING_STOCK_PLAN_COUNT;

  if (g_str_equal (action, "page.shortages"))
    view = CANTING_STOCK_PLAN_SHORTAGES;
  else if (g_str_equal (action, "page.can-make"))
    view = CANTING_STOCK_PLAN_CAN_MAKE;
  open_plan (CANTING_MATERIALS_PAGE (widget), view);
}

static void
csv_activated (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  CantingMaterialsPage *self = CANTING_MATERIALS_PAGE (widget);
  CantingCsvKind kind = g_str_has_suffix (action, "-purchases") ? CANTING_CSV_PURCHASES : CANTING_CSV_MATERIALS;

  if (g_str_has_prefix (action, "page.import"))
    canting_csv_ui_import (widget, self->app, kind, G_CALLBACK (reload), self);
  else
    canting_csv_ui_export (widget, self->app, kind);
}

void
canting_materials_page_set_application (CantingMaterialsPage *self,
                                        CantingApplication   *app)
{
  g_return_if_fail (CANTING_IS_MATERIALS_PAGE (self));

  self->app = app;
  g_signal_connect_object (app, "data-replaced", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  /* Orders change what is reserved and consumed. */
  canting_list_reload_when_shown (GTK_WIDGET (self), app, G_CALLBACK (reload));
  self->low_watch = g_timeout_add_seconds (LOW_CHECK_SECONDS, check_low, self);
}

static void
canting_materials_page_dispose (GObject *object)
{
  CantingMaterialsPage *self = CANTING_MATERIALS_PAGE (object);

  g_clear_handle_id (&self->low_watch, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_MATERIALS_PAGE);
  g_clear_object (&self->model);
  g_clear_pointer (&self->notified, g_hash_table_unref);
  G_OBJECT_CLASS (canting_materials_page_parent_class)->dispose (object);
}

static void
canting_materials_page_class_init (CantingMaterialsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_materials_page_dispose;
  g_type_ensure (CANTING_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-materials-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingMaterialsPage, name)
  BIND (search_entry);
  BIND (kind_dropdown);
  BIND (low_check);
  BIND (archived_check);
  BIND (menu_button);
  BIND (purchase_button);
  BIND (add_button);
  BIND (low_revealer);
  BIND (low_label);
  BIND (low_button);
  BIND (content_stack);
  BIND (column_view);
  BIND (empty_page);
#undef BIND
  gtk_widget_class_install_action (widget_class, "page.count", NULL, plan_activated);
  gtk_widget_class_install_action (widget_class, "page.shortages", NULL, plan_activated);
  gtk_widget_class_install_action (widget_class, "page.can-make", NULL, plan_activated);
  gtk_widget_class_install_action (widget_class, "page.import-materials", NULL, csv_activated);
  gtk_widget_class_install_action (widget_class, "page.export-materials", NULL, csv_activated);
  gtk_widget_class_install_action (widget_class, "page.import-purchases", NULL, csv_activated);
  gtk_widget_class_install_action (widget_class, "page.export-purchases", NULL, csv_activated);
}

static void
canting_materials_page_init (CantingMaterialsPage *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) plan = g_menu_new ();
  g_autoptr(GMenu) files = g_menu_new ();
  const CantingColumnSpec columns[] = {
    { _("Name"), cell_name, NULL, FALSE, TRUE },
    { _("Kind"), cell_kind, NULL, FALSE, FALSE },
    { _("In stock"), cell_on_hand, NULL, TRUE, FALSE },
    { _("Reserved"), cell_reserved, NULL, TRUE, FALSE },
    { _("Available"), cell_available, style_available, TRUE, FALSE },
    { _("Average cost"), cell_cost, NULL, TRUE, FALSE },
    { _("Supplier"), cell_supplier, NULL, FALSE, TRUE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->notified = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_string_list_append (kinds, _("All kinds"));
  for (guint i = 0; i < CANTING_MATERIAL_KIND_COUNT; i++)
    gtk_string_list_append (kinds, canting_material_kind_label (i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  canting_accessible_name_drop_down (self->kind_dropdown, _("Kind"));

  g_menu_append (plan, _("Stock _Count…"), "page.count");
  g_menu_append (plan, _("_Shortages for Orders…"), "page.shortages");
  g_menu_append (plan, _("What Stock Can _Make…"), "page.can-make");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (plan));
  g_menu_append (files, _("_Import Materials from CSV…"), "page.import-materials");
  g_menu_append (files, _("E_xport Materials to CSV…"), "page.export-materials");
  g_menu_append (files, _("Import _Purchases from CSV…"), "page.import-purchases");
  g_menu_append (files, _("Export P_urchases to CSV…"), "page.export-purchases");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (files));
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));

  self->model = canting_paged_model_new_query (materials_query, materials_query_free, count_materials, page_materials,
                                              (GDestroyNotify) canting_material_free, self);
  canting_list_attach (self->column_view, self->model);
  canting_columns_append (self->column_view, columns, G_N_ELEMENTS (columns));

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->low_check, "toggled", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->archived_check, "toggled", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (canting_materials_page_add), self);
  g_signal_connect_swapped (self->purchase_button, "clicked", G_CALLBACK (on_purchase), self);
  g_signal_connect_swapped (self->low_button, "clicked", G_CALLBACK (on_show_low), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);
}
