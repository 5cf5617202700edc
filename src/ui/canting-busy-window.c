/* canting-busy-window.c: see canting-busy-window.h. */
#include "config.h"

#include "canting-busy-window.h"

#include <adwaita.h>

GtkWindow *
canting_busy_window_new (GtkApplication *app,
                         GtkWindow      *parent,
                         const char     *title,
                         const char     *note,
                         GtkWidget      *indicator,
                         GtkWidget      *extra)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *text = gtk_label_new (note);

  if (indicator == NULL)
    {
      indicator = gtk_spinner_new ();
      gtk_widget_set_size_request (indicator, 32, 32);
      gtk_spinner_start (GTK_SPINNER (indicator));
    }
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);
  gtk_window_set_resizable (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);
  if (parent != NULL)
    {
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
    }
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (text, "dim-label");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (indicator), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), indicator);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (box), extra);
  adw_window_set_content (ADW_WINDOW (window), box);
  /* Last: "window-added" then sees the title. */
  gtk_window_set_application (GTK_WINDOW (window), app);
  return GTK_WINDOW (window);
}
