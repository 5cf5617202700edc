/* canting-stored-file.c: the file chooser and the viewer for files the
 * IPAL records carry. */
#include "config.h"

#include "canting-stored-file.h"

#include <glib/gi18n.h>

#include "canting-ipal.h"

typedef struct {
  CantingApplication    *app;
  CantingStoredFileDone  done;
  gpointer               user_data;
} Choice;

static void
on_chosen (GtkNativeDialog *chooser,
           int              response,
           Choice          *choice)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                           : NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_object_unref (chooser);
  if (file != NULL)
    {
      /* A report or a photo: read at once, the size checked after. */
      bytes = g_file_load_bytes (file, NULL, NULL, &error);
      if (bytes != NULL)
        name = canting_lab_report_store (canting_application_get_db (choice->app), bytes, &error);
      choice->done (name, error, choice->user_data);
    }
  g_free (choice);
}

void
canting_stored_file_choose (GtkWindow             *parent,
                            CantingApplication    *app,
                            const char            *title,
                            CantingStoredFileDone  done,
                            gpointer               user_data)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Attach"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Choice *choice = g_new0 (Choice, 1);

  choice->app = app;
  choice->done = done;
  choice->user_data = user_data;
  gtk_file_filter_set_name (filter, _("PDF documents and photos"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
canting_stored_file_open (GtkWindow          *parent,
                          CantingApplication *app,
                          const char         *name)
{
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  if (name == NULL)
    return;
  path = canting_lab_report_path (canting_application_get_db (app), name);
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}
