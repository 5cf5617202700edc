/* canting-busy-window.h: a small window saying what the app is busy
 * with (checking the records after a crash, restoring a backup) while
 * the work runs on a worker. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A window titled @title, with @title as its heading, @note below it,
 * then @indicator (a progress bar, say; NULL for a spinner; labelled by
 * the heading) and @extra (nullable).  The person cannot close it: the
 * caller destroys it when the work is done.  Modal over @parent
 * (nullable); shown in the app's window list.  Not yet presented. */
GtkWindow *canting_busy_window_new (GtkApplication *app,
                                    GtkWindow      *parent,
                                    const char     *title,
                                    const char     *note,
                                    GtkWidget      *indicator,
                                    GtkWidget      *extra);

G_END_DECLS
