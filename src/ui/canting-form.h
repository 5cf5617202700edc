/* canting-form.h: what every record form does with a field error: mark
 * the row the error's code names and say the message under the form. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* @rows: the form's rows indexed by field code; @n_rows of them.  Marks
 * the row for @error (if its domain is @domain) and shows the message in
 * @label inside @group.  NULL @error clears all marks. */
void canting_form_show_error (GtkWidget   **rows,
                              guint         n_rows,
                              GQuark        domain,
                              const GError *error,
                              GtkWidget    *group,
                              GtkLabel     *label);

/* Reads @row as a quantity; empty gives @empty_value.  On a typing
 * mistake: FALSE with @error in @domain / @code, prefixed with the row's
 * title. */
gboolean canting_form_read_quantity (AdwEntryRow     *row,
                                     gint64           empty_value,
                                     GQuark           domain,
                                     int              code,
                                     gint64          *out,
                                     GError         **error);
/* Shows @value in @row, or nothing when it is @empty_value. */
void     canting_form_show_quantity (AdwEntryRow     *row,
                                     gint64           value,
                                     gint64           empty_value);

/* Ctrl+S in a record form of class @klass presses its Save button (the
 * template child named "save_button"), as Enter does in its main fields. */
void     canting_form_add_save_shortcut (GtkWidgetClass *klass);

/* For a drop-down of a long list (a workshop's customers, its catalogue,
 * in a form opened often): its menu's rows are built when the menu first
 * opens, not when the model is set.  GTK 4.8 builds some 200 rows of a
 * hidden menu at once, about 6 ms a drop-down, and an order form has one
 * per item.  Call before setting the model. */
void     canting_form_defer_menu_rows (GtkDropDown *drop_down);

/* For a drop-down of long names (a workshop's catalogue): the chosen
 * name is cut short with "…" rather than widening the form around it,
 * while its menu shows each name whole, the chosen one ticked, as GTK's
 * own rows do.  The model holds GtkStringObjects. */
void     canting_form_shorten_chosen (GtkDropDown *drop_down);

/* gtk_string_list_splice() on @drop_down's list @names, leaving nothing
 * chosen if nothing was: GTK chooses the first of the items that fill
 * an empty list, and a menu filled as it opens (see
 * canting_form_on_menu_open()) would choose without being asked. */
void     canting_form_splice_choices (GtkDropDown        *drop_down,
                                      GtkStringList      *names,
                                      guint               position,
                                      guint               n_removals,
                                      const char * const *additions);

/* What @drop_down says while nothing is chosen, in place of GTK's
 * "(None)": what to choose, say. */
void     canting_form_set_none_text (GtkDropDown *drop_down,
                                     const char  *text);

/* After @window's first frame, calls @step (@data) once after each
 * frame, outside it, until @step returns G_SOURCE_REMOVE: building a
 * form a piece a frame.  Stops when the window is destroyed, and frees
 * @data with @destroy then.  One per window. */
void     canting_form_step_after_frames (GtkWindow      *window,
                                         GSourceFunc     step,
                                         gpointer        data,
                                         GDestroyNotify  destroy);

/* Presents @window once the main loop is idle: building a form and
 * showing it (styling, measuring and mapping every row) each take
 * several milliseconds, and together they held up a frame; now a frame
 * and input can come between.  Its first frame is its header alone: its
 * page of fields (an AdwPreferencesPage) shows a frame later, before any
 * step of canting_form_step_after_frames(), and the field given the
 * focus keeps it.  A window destroyed meanwhile is not shown; one not
 * shown yet cannot be closed (gtk_window_close() needs it realized), only
 * destroyed. */
void     canting_form_present (GtkWindow *window);

/* For a form taller than the window: @first and the widgets after it
 * (the groups below the first screen) are taken out of @window's first
 * frame, then put back one a frame.  Measuring and drawing them all at
 * once, out of sight, was most of what opening such a form held the
 * main loop for.  The form may show or hide them meanwhile as ever;
 * they are just not in the window yet. */
void     canting_form_show_rest_later (GtkWindow *window,
                                       GtkWidget *first);

/* Calls @callback (@object) whenever @drop_down's menu may be about to
 * open (a click or an opening key on it, or the menu showing), so a long
 * list can be filled only when it is wanted; @callback must do nothing
 * when called again.  FALSE if the menu cannot be found (another GTK):
 * the caller fills the list at once. */
gboolean canting_form_on_menu_open (GtkDropDown *drop_down,
                                    GCallback    callback,
                                    gpointer     object);

G_END_DECLS
