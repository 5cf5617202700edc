/* canting-stored-file.h: attaching a file (a lab report, a photo of the
 * plant) to an IPAL record, and opening it again. */
#pragma once

#include <gtk/gtk.h>

#include "canting-application.h"

G_BEGIN_DECLS

/* Called with the stored name, or NULL and the reason it was refused. */
typedef void (*CantingStoredFileDone) (const char   *name,
                                       const GError *error,
                                       gpointer      user_data);

/* Asks for a PDF or photo, stores it in the data dir and reports the
 * stored name; @user_data must outlive the file chooser (a dialog that
 * is its parent does). */
void canting_stored_file_choose (GtkWindow             *parent,
                                 CantingApplication    *app,
                                 const char            *title,
                                 CantingStoredFileDone  done,
                                 gpointer               user_data);

/* Opens the stored @name with the desktop's viewer. */
void canting_stored_file_open   (GtkWindow             *parent,
                                 CantingApplication    *app,
                                 const char            *name);

G_END_DECLS
