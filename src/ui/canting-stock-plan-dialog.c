/* canting-stock-plan-dialog.c: three views of the stock against the work:
 * the count (stok opname) posted in one go, the shortages confirmed orders
 * leave (to send to a supplier), and what the stock can still make. */
#include "config.h"

#include "canting-stock-plan-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-columns.h"
#include "canting-count-sheet.h"
#include "canting-csv-ui.h"
#include "canting-material.h"
#include "canting-paged-model.h"
#include "canting-profile.h"
#include "canting-recipe.h"
#include "canting-validate.h"

/* Every material a workshop keeps, many times over. */
#define MATERIALS_MAX 10000

struct _CantingStockPlanDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewStack *stack;
  AdwEntryRow *count_date_row;
  AdwEntryRow *count_reason_row;
  AdwPreferencesGroup *count_group;
  GtkButton *sheet_button;
  AdwPreferencesGroup *count_error_group;
  GtkLabel *count_error_label;
  GtkButton *post_button;
  AdwPreferencesPage *shortage_page;
  AdwPreferencesGroup *shortage_intro;
  GtkButton *copy_button;
  GtkButton *csv_button;
  GtkButton *whatsapp_button;
  GtkStack *can_make_stack;
  GtkColumnView *can_make_view;
  AdwStatusPage *can_make_empty;

  CantingApplication *app;
  /* Each view is read when it is first shown, and again when shown
   * after a count changed the stock. */
  gboolean count_read;
  gboolean shortages_read;
  gboolean can_make_read;
  GPtrArray *count_rows;       /* (element-type AdwEntryRow) */
  GPtrArray *count_materials;  /* (element-type CantingMaterial), same order */
  GPtrArray *shortage_groups;  /* (element-type AdwPreferencesGroup) */
  GPtrArray *shortages;        /* (element-type CantingShortage) */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CantingStockPlanDialog, canting_stock_plan_dialog, ADW_TYPE_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static CantingDb *
db (CantingStockPlanDialog *self)
{
  return canting_application_get_db (self->app);
}

static void
toast (CantingStockPlanDialog *self,
       const char             *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
fill_count (CantingStockPlanDialog *self)
{
  CantingMaterialFilter filter = { NULL, -1, FALSE, FALSE };

  for (guint i = 0; i < self->count_rows->len; i++)
    adw_preferences_group_remove (self->count_group, g_ptr_array_index (self->count_rows, i));
  g_ptr_array_set_size (self->count_rows, 0);
  g_clear_pointer (&self->count_materials, g_ptr_array_unref);
  self->count_materials = canting_material_search (db (self), &filter, 0, MATERIALS_MAX, NULL);

  for (guint i = 0; self->count_materials != NULL && i < self->count_materials->len; i++)
    {
      const CantingMaterial *m = g_ptr_array_index (self->count_materials, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *unit = gtk_label_new (canting_unit_label (m->unit));
      g_autofree char *recorded = canting_unit_format (m->on_hand, m->unit);
      /* TRANSLATORS: a material and the stock the records hold */
      g_autofree char *title = g_strdup_printf (_("%s (recorded: %s)"), m->name, recorded);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      gtk_widget_add_css_class (unit, "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), unit);
      adw_preferences_group_add (self->count_group, row);
      g_ptr_array_add (self->count_rows, row);
    }
}

static void
show_count_error (CantingStockPlanDialog *self,
                  const char             *message,
                  GtkWidget              *row)
{
  gtk_widget_set_visible (GTK_WIDGET (self->count_error_group), message != NULL);
  gtk_label_set_text (self->count_error_label, message != NULL ? message : "");
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
on_post (CantingStockPlanDialog *self)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (CantingStockCount));
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *done = NULL;
  guint posted = 0;

  show_count_error (self, NULL, NULL);
  date = canting_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->count_date_row)), &error);
  if (date == NULL)
    {
      show_count_error (self, error->message, GTK_WIDGET (self->count_date_row));
      return;
    }
  for (guint i = 0; i < self->count_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->count_rows, i);
      const CantingMaterial *m = g_ptr_array_index (self->count_materials, i);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      CantingStockCount count = { m->id, 0 };

      gtk_widget_remove_css_class (row, "error");
      if (*text == '\0')
        continue;
      if (!canting_quantity_parse (text, &count.counted, &error))
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", m->name, error->message);
          show_count_error (self, message, row);
          return;
        }
      if (count.counted < 0)
        {
          g_autofree char *message = g_strdup_printf (_("The count of %s cannot be negative."), m->name);
          show_count_error (self, message, row);
          return;
        }
      g_array_append_val (counts, count);
    }
  if (counts->len == 0)
    {
      show_count_error (self, _("Type at least one counted quantity."), NULL);
      return;
    }
  if (!canting_material_post_count (db (self), counts, date,
                                    gtk_editable_get_text (GTK_EDITABLE (self->count_reason_row)), &posted, &error))
    {
      show_count_error (self, error->message, GTK_WIDGET (self->count_reason_row));
      return;
    }
  done = posted == 0 ? g_strdup (_("The count matches the records; nothing to change."))
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u adjustment recorded",
                                                     "%u adjustments recorded", posted),
                                        posted);
  toast (self, done);
  fill_count (self);
  /* The stock changed: the other views are read again when shown. */
  self->shortages_read = self->can_make_read = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_sheet_chosen (GtkNativeDialog        *chooser,
                 int                     response,
                 CantingStockPlanDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  CantingProfile *profile = canting_application_get_profile (self->app);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (!canting_count_sheet_save_pdf (db (self), profile != NULL ? canting_profile_get_name (profile) : NULL,
                                     path, &error))
    {
      toast (self, error->message);
      return;
    }
  {
    g_autofree char *uri = g_file_get_uri (file);
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  }
}

static void
on_sheet (CantingStockPlanDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save the Count Sheet"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("Stock-count.pdf"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_sheet_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
fill_shortages (CantingStockPlanDialog *self)
{
  AdwPreferencesGroup *group = NULL;
  const char *supplier = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->shortage_groups->len; i++)
    adw_preferences_page_remove (self->shortage_page, g_ptr_array_index (self->shortage_groups, i));
  g_ptr_array_set_size (self->shortage_groups, 0);
  g_clear_pointer (&self->shortages, g_ptr_array_unref);
  self->shortages = canting_recipe_shortages (db (self), &error);

  if (self->shortages == NULL || self->shortages->len == 0)
    {
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      /* A failed query is said as such, never as "nothing short". */
      adw_preferences_group_set_title (group, error != NULL ? _("The Shortages Cannot Be Worked Out")
                                                            : _("Nothing Short"));
      adw_preferences_group_set_description (group, error != NULL ? error->message
                                                                  : _("The stock covers every confirmed order."));
      adw_preferences_page_add (self->shortage_page, group);
      g_ptr_array_add (self->shortage_groups, group);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), self->shortages != NULL && self->shortages->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->whatsapp_button), self->shortages != NULL && self->shortages->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), self->shortages != NULL && self->shortages->len > 0);

  for (guint i = 0; self->shortages != NULL && i < self->shortages->len; i++)
    {
      const CantingShortage *s = g_ptr_array_index (self->shortages, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *short_text = canting_unit_format (s->shortage, s->unit);
      g_autofree char *needed = canting_unit_format (s->needed, s->unit);
      g_autofree char *on_hand = canting_unit_format (s->on_hand, s->unit);
      g_autofree char *title = g_strdup_printf (_("%s: %s short"), s->name, short_text);
      g_autofree char *subtitle = g_strdup_printf (_("Orders need %s; %s in stock"), needed, on_hand);

      if (group == NULL || g_strcmp0 (supplier, s->supplier) != 0)
        {
          supplier = s->supplier;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, *supplier != '\0' ? supplier : _("No supplier set"));
          adw_preferences_page_add (self->shortage_page, group);
          g_ptr_array_add (self->shortage_groups, group);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (group, row);
    }
}

static char *
shortage_text (CantingStockPlanDialog *self)
{
  CantingProfile *profile = canting_application_get_profile (self->app);

  return canting_shortage_share_text (self->shortages, NULL,
                                      profile != NULL ? canting_profile_get_name (profile) : NULL);
}

static void
on_copy (CantingStockPlanDialog *self)
{
  g_autofree char *text = shortage_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  toast (self, _("Copied. Paste it into a message to your supplier."));
}

static void
on_csv (CantingStockPlanDialog *self)
{
  canting_csv_ui_export (GTK_WIDGET (self), self->app, CANTING_CSV_SHORTAGES);
}

static void
on_whatsapp (CantingStockPlanDialog *self)
{
  g_autofree char *text = shortage_text (self);
  g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);
  /* No number: WhatsApp asks which chat to send it to. */
  g_autofree char *url = g_strconcat ("https://wa.me/?text=", escaped, NULL);

  gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

static char *
cell_product (gconstpointer record)
{
  return g_strdup (((const CantingCanMake *) record)->name);
}

static char *
cell_pieces (gconstpointer record)
{
  const CantingCanMake *c = record;
  g_autofree char *count = canting_quantity_format (c->pieces * CANTING_QUANTITY_ONE);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s piece", "%s pieces", (gulong) MIN (c->pieces, G_MAXLONG)),
                          count);
}

static const char *
style_pieces (gconstpointer record)
{
  /* None more: the product waits for its limiting material. */
  return ((const CantingCanMake *) record)->pieces == 0 ? "error" : NULL;
}

static char *
cell_limiting (gconstpointer record)
{
  return g_strdup (((const CantingCanMake *) record)->limiting_material);
}

static void
fill_can_make (CantingStockPlanDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = canting_recipe_can_make (db (self), &error);
  g_autoptr(GListStore) store = g_list_store_new (CANTING_TYPE_ROW);
  g_autoptr(GtkNoSelection) selection = NULL;

  if (rows == NULL || rows->len == 0)
    {
      adw_status_page_set_title (self->can_make_empty, error != NULL ? _("This cannot be worked out now")
                                                                     : _("No product has a recipe yet"));
      adw_status_page_set_description (self->can_make_empty, error != NULL ? error->message
                                       : _("Open a product and list what one piece uses under Recipe."));
      gtk_stack_set_visible_child_name (self->can_make_stack, "empty");
      gtk_column_view_set_model (self->can_make_view, NULL);
      return;
    }
  /* The store's rows own the records. */
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CantingRow) row = canting_row_new (rows->pdata[i], (GDestroyNotify) canting_can_make_free);
      g_list_store_append (store, row);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&store)));
  gtk_column_view_set_model (self->can_make_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->can_make_stack, "list");
}

/* Reads the view in sight if it has not been read, or is out of date. */
static void
fill_shown (CantingStockPlanDialog *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (name, "count") == 0 && !self->count_read)
    {
      self->count_read = TRUE;
      fill_count (self);
    }
  else if (g_strcmp0 (name, "shortages") == 0 && !self->shortages_read)
    {
      self->shortages_read = TRUE;
      fill_shortages (self);
    }
  else if (g_strcmp0 (name, "can-make") == 0 && !self->can_make_read)
    {
      self->can_make_read = TRUE;
      fill_can_make (self);
    }
}

static void
canting_stock_plan_dialog_dispose (GObject *object)
{
  CantingStockPlanDialog *self = CANTING_STOCK_PLAN_DIALOG (object);

  g_clear_pointer (&self->count_rows, g_ptr_array_unref);
  g_clear_pointer (&self->count_materials, g_ptr_array_unref);
  g_clear_pointer (&self->shortage_groups, g_ptr_array_unref);
  g_clear_pointer (&self->shortages, g_ptr_array_unref);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_STOCK_PLAN_DIALOG);
  G_OBJECT_CLASS (canting_stock_plan_dialog_parent_class)->dispose (object);
}

static void
canting_stock_plan_dialog_class_init (CantingStockPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_stock_plan_dialog_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/canting/Canting/canting-stock-plan-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingStockPlanDialog, name)
  BIND (toast_overlay);
  BIND (stack);
  BIND (count_date_row);
  BIND (count_reason_row);
  BIND (count_group);
  BIND (sheet_button);
  BIND (count_error_group);
  BIND (count_error_label);
  BIND (post_button);
  BIND (shortage_page);
  BIND (shortage_intro);
  BIND (copy_button);
  BIND (csv_button);
  BIND (whatsapp_button);
  BIND (can_make_stack);
  BIND (can_make_view);
  BIND (can_make_empty);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
canting_stock_plan_dialog_init (CantingStockPlanDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->count_rows = g_ptr_array_new ();
  self->shortage_groups = g_ptr_array_new ();
  {
    const CantingColumnSpec columns[] = {
      { _("Product"), cell_product, NULL, FALSE, TRUE },
      { _("Can make"), cell_pieces, style_pieces, TRUE, FALSE },
      { _("Limited by"), cell_limiting, NULL, FALSE, FALSE, 24 },
    };
    canting_columns_append (self->can_make_view, columns, G_N_ELEMENTS (columns));
  }
  g_signal_connect_swapped (self->stack, "notify::visible-child-name", G_CALLBACK (fill_shown), self);
  g_signal_connect_swapped (self->post_button, "clicked", G_CALLBACK (on_post), self);
  g_signal_connect_swapped (self->sheet_button, "clicked", G_CALLBACK (on_sheet), self);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (on_copy), self);
  g_signal_connect_swapped (self->csv_button, "clicked", G_CALLBACK (on_csv), self);
  g_signal_connect_swapped (self->whatsapp_button, "clicked", G_CALLBACK (on_whatsapp), self);
}

CantingStockPlanDialog *
canting_stock_plan_dialog_new (CantingApplication   *app,
                               GtkWindow            *parent,
                               CantingStockPlanView  view)
{
  static const char * const names[] = { "count", "shortages", "can-make" };
  CantingStockPlanDialog *self = g_object_new (CANTING_TYPE_STOCK_PLAN_DIALOG,
                                               "application", app,
                                               "transient-for", parent,
                                               NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

  self->app = app;
  gtk_editable_set_text (GTK_EDITABLE (self->count_date_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->count_reason_row), _("Stock count"));
  if (view < G_N_ELEMENTS (names))
    adw_view_stack_set_visible_child_name (self->stack, names[view]);
  fill_shown (self);
  return self;
}
