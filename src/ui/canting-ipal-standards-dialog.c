/* canting-ipal-standards-dialog.c: choosing the standard that applies,
 * and writing a regional one: a copy of the one that applies whose
 * limits are typed over; every limit keeps the regulation it comes from,
 * and a changed one takes the regional regulation. */
#include "config.h"

#include "canting-ipal-standards-dialog.h"

#include <glib/gi18n.h>

#include "canting-accessible.h"
#include "canting-form.h"
#include "canting-ipal-standard.h"

typedef struct {
  GtkWidget *row;       /* AdwEntryRow (editing) */
  guint      limit;     /* index in the edited standard's limits */
  gboolean   minimum;   /* which side of it */
} LimitRow;

struct _CantingIpalStandardsDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *choice_group;
  GtkButton *add_button;
  AdwPreferencesGroup *edit_group;
  GtkButton *save_button;
  AdwEntryRow *name_row;
  AdwEntryRow *source_row;
  AdwPreferencesGroup *error_group;
  GtkLabel *error_label;
  AdwPreferencesGroup *limits_group;

  CantingApplication *app;
  GPtrArray *standards;          /* (element-type CantingIpalStandard) */
  GPtrArray *choice_rows;        /* (element-type GtkWidget) */
  GPtrArray *limit_rows;         /* (element-type GtkWidget) in limits_group */
  GArray *edit_rows;             /* (element-type LimitRow) */
  GtkWidget *volume_row;         /* the volume per ton of product (editing), or NULL */
  CantingIpalStandard *editing;  /* the regional standard in the editor, or NULL */
};

G_DEFINE_FINAL_TYPE (CantingIpalStandardsDialog, canting_ipal_standards_dialog, ADW_TYPE_WINDOW)

#define VOLUME_TITLE N_("Wastewater (m³ per ton of product), at most")

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void fill_choices (CantingIpalStandardsDialog *self);

static char *
tier_text (const CantingIpalLimit *limit)
{
  g_autofree char *low = canting_quantity_format (limit->flow_min);
  g_autofree char *high = limit->flow_max != CANTING_IPAL_NO_VALUE ? canting_quantity_format (limit->flow_max) : NULL;

  if (limit->flow_min == 0 && high == NULL)
    return g_strdup ("");
  if (limit->flow_min == 0)
    return g_strdup_printf (_("flow under %s m³ a day"), high);
  if (high == NULL)
    return g_strdup_printf (_("flow from %s m³ a day"), low);
  return g_strdup_printf (_("flow %s to %s m³ a day"), low, high);
}

static char *
limit_title (const CantingIpalLimit *limit,
             gboolean                minimum)
{
  const char *unit = canting_ipal_parameter_unit (limit->parameter);
  g_autofree char *tier = tier_text (limit);
  g_autoptr(GString) title = g_string_new (canting_ipal_parameter_label (limit->parameter));

  if (*unit != '\0')
    g_string_append_printf (title, " (%s)", unit);
  g_string_append_printf (title, ", %s", minimum ? _("at least") : _("at most"));
  if (*tier != '\0')
    g_string_append_printf (title, ", %s", tier);
  return g_string_free (g_steal_pointer (&title), FALSE);
}

static void
clear_limits (CantingIpalStandardsDialog *self)
{
  for (guint i = 0; i < self->limit_rows->len; i++)
    adw_preferences_group_remove (self->limits_group, g_ptr_array_index (self->limit_rows, i));
  g_ptr_array_set_size (self->limit_rows, 0);
  g_array_set_size (self->edit_rows, 0);
  self->volume_row = NULL;
}

static void
add_limit_row (CantingIpalStandardsDialog *self,
               GtkWidget                  *row)
{
  adw_preferences_group_add (self->limits_group, row);
  g_ptr_array_add (self->limit_rows, row);
}

/* The limits of @standard: to read, or (@editable) to type over. */
static void
fill_limits (CantingIpalStandardsDialog *self,
             const CantingIpalStandard  *standard,
             gboolean                    editable)
{
  g_autofree char *title = g_strdup_printf (_("Limits of “%s”"), standard->name);

  clear_limits (self);
  adw_preferences_group_set_title (self->limits_group, title);
  for (guint i = 0; i < standard->limits->len; i++)
    {
      const CantingIpalLimit *limit = g_ptr_array_index (standard->limits, i);

      for (int side = 0; side < 2; side++)
        {
          CantingQuantity value = side == 0 ? limit->min_value : limit->max_value;
          g_autofree char *row_title = limit_title (limit, side == 0);

          if (value == CANTING_IPAL_NO_VALUE)
            continue;
          if (editable)
            {
              GtkWidget *row = adw_entry_row_new ();
              LimitRow entry = { row, i, side == 0 };

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
              canting_form_show_quantity (ADW_ENTRY_ROW (row), value, CANTING_IPAL_NO_VALUE);
              g_array_append_val (self->edit_rows, entry);
              add_limit_row (self, row);
            }
          else
            {
              GtkWidget *row = adw_action_row_new ();
              g_autofree char *shown = canting_ipal_format_value (limit->parameter, value);
              g_autofree char *subtitle = g_strdup_printf ("%s · %s", shown, limit->source);

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
              add_limit_row (self, row);
            }
        }
    }

  /* The volume per ton of product, when the standard sets one; one to
   * type is offered when editing, empty for none. */
  if (editable)
    {
      self->volume_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->volume_row), _(VOLUME_TITLE));
      canting_form_show_quantity (ADW_ENTRY_ROW (self->volume_row), standard->max_volume_per_ton, 0);
      add_limit_row (self, self->volume_row);
    }
  else if (standard->max_volume_per_ton > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *shown = canting_quantity_format (standard->max_volume_per_ton);
      g_autofree char *subtitle = g_strdup_printf ("%s m³ · %s", shown, standard->volume_per_ton_source);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(VOLUME_TITLE));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      add_limit_row (self, row);
    }
}

static CantingIpalStandard *
copy_standard (const CantingIpalStandard *standard)
{
  CantingIpalStandard *copy = g_new0 (CantingIpalStandard, 1);

  copy->id = standard->builtin ? 0 : standard->id;
  copy->name = g_strdup (standard->builtin ? _("Regional standard") : standard->name);
  copy->source = g_strdup (standard->builtin ? "" : standard->source);
  copy->limits = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_ipal_limit_free);
  for (guint i = 0; i < standard->limits->len; i++)
    {
      CantingIpalLimit *limit = g_memdup2 (g_ptr_array_index (standard->limits, i), sizeof (CantingIpalLimit));

      limit->source = g_strdup (limit->source);
      g_ptr_array_add (copy->limits, limit);
    }
  copy->max_volume_per_ton = standard->max_volume_per_ton;
  copy->volume_per_ton_source = g_strdup (standard->volume_per_ton_source);
  return copy;
}

static void
edit (CantingIpalStandardsDialog *self,
      const CantingIpalStandard  *standard)
{
  g_clear_pointer (&self->editing, canting_ipal_standard_free);
  self->editing = copy_standard (standard);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->editing->name);
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), self->editing->source);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
  fill_limits (self, self->editing, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
on_add (CantingIpalStandardsDialog *self)
{
  for (guint i = 0; self->standards != NULL && i < self->standards->len; i++)
    {
      CantingIpalStandard *s = g_ptr_array_index (self->standards, i);
      if (s->active)
        {
          CantingIpalStandard *start = copy_standard (s);

          /* A copy to write over, never the standard it came from. */
          start->id = 0;
          g_free (start->name);
          start->name = g_strdup (_("Regional standard"));
          edit (self, start);
          canting_ipal_standard_free (start);
          return;
        }
    }
}

static void
on_save (CantingIpalStandardsDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *source = gtk_editable_get_text (GTK_EDITABLE (self->source_row));

  if (self->editing == NULL)
    return;
  g_free (self->editing->name);
  self->editing->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (self->editing->source);
  self->editing->source = g_strdup (source);
  for (guint i = 0; i < self->edit_rows->len; i++)
    {
      const LimitRow *entry = &g_array_index (self->edit_rows, LimitRow, i);
      CantingIpalLimit *limit = g_ptr_array_index (self->editing->limits, entry->limit);
      CantingQuantity *side = entry->minimum ? &limit->min_value : &limit->max_value;
      CantingQuantity typed = CANTING_IPAL_NO_VALUE;

      gtk_widget_remove_css_class (entry->row, "error");
      if (!canting_form_read_quantity (ADW_ENTRY_ROW (entry->row), CANTING_IPAL_NO_VALUE, CANTING_IPAL_ERROR,
                                       CANTING_IPAL_FIELD_RESULT, &typed, &error))
        {
          gtk_widget_add_css_class (entry->row, "error");
          break;
        }
      /* A changed limit is the regional regulation's. */
      if (typed != *side)
        {
          *side = typed;
          g_free (limit->source);
          limit->source = g_strdup (*source != '\0' ? source : self->editing->name);
        }
    }
  if (error == NULL && self->volume_row != NULL)
    {
      CantingQuantity typed = 0;

      gtk_widget_remove_css_class (self->volume_row, "error");
      if (!canting_form_read_quantity (ADW_ENTRY_ROW (self->volume_row), 0, CANTING_IPAL_ERROR,
                                       CANTING_IPAL_FIELD_RESULT, &typed, &error))
        gtk_widget_add_css_class (self->volume_row, "error");
      else if (typed != self->editing->max_volume_per_ton)
        {
          self->editing->max_volume_per_ton = typed;
          g_free (self->editing->volume_per_ton_source);
          self->editing->volume_per_ton_source = g_strdup (*source != '\0' ? source : self->editing->name);
        }
    }
  if (error != NULL || !canting_ipal_standard_save (canting_application_get_db (self->app), self->editing, TRUE, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved; this standard now applies")));
  gtk_widget_set_visible (GTK_WIDGET (self->edit_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), FALSE);
  g_clear_pointer (&self->editing, canting_ipal_standard_free);
  fill_choices (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_choice_toggled (GtkCheckButton             *check,
                   CantingIpalStandardsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "standard"));
  g_autoptr(GError) error = NULL;

  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i < self->standards->len; i++)
    {
      CantingIpalStandard *s = g_ptr_array_index (self->standards, i);
      if (s->id == id && s->active)
        return;
    }
  if (!canting_ipal_standard_activate (canting_application_get_db (self->app), id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  fill_choices (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_edit_clicked (GtkButton                  *button,
                 CantingIpalStandardsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "standard"));

  for (guint i = 0; i < self->standards->len; i++)
    if (((CantingIpalStandard *) g_ptr_array_index (self->standards, i))->id == id)
      edit (self, g_ptr_array_index (self->standards, i));
}

static void
fill_choices (CantingIpalStandardsDialog *self)
{
  GtkCheckButton *group = NULL;
  const CantingIpalStandard *active = NULL;

  for (guint i = 0; i < self->choice_rows->len; i++)
    adw_preferences_group_remove (self->choice_group, g_ptr_array_index (self->choice_rows, i));
  g_ptr_array_set_size (self->choice_rows, 0);
  g_clear_pointer (&self->standards, g_ptr_array_unref);
  self->standards = canting_ipal_standard_list (canting_application_get_db (self->app), NULL);

  for (guint i = 0; self->standards != NULL && i < self->standards->len; i++)
    {
      const CantingIpalStandard *s = g_ptr_array_index (self->standards, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s->source);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, s->name, -1);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), s->active);
      g_object_set_data (G_OBJECT (check), "standard", GSIZE_TO_POINTER ((gsize) s->id));
      g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      if (!s->builtin)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Edit"));
          g_autofree char *label = g_strdup_printf (_("Edit %s"), s->name);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_object_set_data (G_OBJECT (button), "standard", GSIZE_TO_POINTER ((gsize) s->id));
          g_signal_connect (button, "clicked", G_CALLBACK (on_edit_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (self->choice_group, row);
      g_ptr_array_add (self->choice_rows, row);
      if (s->active)
        active = s;
    }
  if (self->editing == NULL && active != NULL)
    fill_limits (self, active, FALSE);
}

static void
canting_ipal_standards_dialog_dispose (GObject *object)
{
  CantingIpalStandardsDialog *self = CANTING_IPAL_STANDARDS_DIALOG (object);

  g_clear_pointer (&self->standards, g_ptr_array_unref);
  g_clear_pointer (&self->choice_rows, g_ptr_array_unref);
  g_clear_pointer (&self->limit_rows, g_ptr_array_unref);
  g_clear_pointer (&self->edit_rows, g_array_unref);
  g_clear_pointer (&self->editing, canting_ipal_standard_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CANTING_TYPE_IPAL_STANDARDS_DIALOG);
  G_OBJECT_CLASS (canting_ipal_standards_dialog_parent_class)->dispose (object);
}

static void
canting_ipal_standards_dialog_class_init (CantingIpalStandardsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = canting_ipal_standards_dialog_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/canting/Canting/canting-ipal-standards-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CantingIpalStandardsDialog, name)
  BIND (toast_overlay);
  BIND (choice_group);
  BIND (add_button);
  BIND (edit_group);
  BIND (save_button);
  BIND (name_row);
  BIND (source_row);
  BIND (error_group);
  BIND (error_label);
  BIND (limits_group);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  canting_form_add_save_shortcut (widget_class);
}

static void
canting_ipal_standards_dialog_init (CantingIpalStandardsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  canting_accessible_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->choice_rows = g_ptr_array_new ();
  self->limit_rows = g_ptr_array_new ();
  self->edit_rows = g_array_new (FALSE, FALSE, sizeof (LimitRow));
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add), self);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
}

CantingIpalStandardsDialog *
canting_ipal_standards_dialog_new (CantingApplication *app,
                                   GtkWindow          *parent)
{
  CantingIpalStandardsDialog *self = g_object_new (CANTING_TYPE_IPAL_STANDARDS_DIALOG,
                                                   "application", app,
                                                   "transient-for", parent,
                                                   NULL);

  self->app = app;
  fill_choices (self);
  return self;
}
