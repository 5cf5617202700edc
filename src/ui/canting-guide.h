/* canting-guide.h: the first-run guide and the help pages.
 *
 * The guide is a few pages that say, in plain words, what each part of
 * Canting is for, and lead into the workshop profile; offered on the
 * welcome page, skippable, and reopened from the main menu.  The help
 * window has a page for each section of the main window, opened at the
 * section in view (F1). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CANTING_TYPE_GUIDE (canting_guide_get_type ())
G_DECLARE_FINAL_TYPE (CantingGuide, canting_guide, CANTING, GUIDE, AdwWindow)

CantingGuide *canting_guide_new (GtkWindow *parent);

/* Shows the help window for @parent, at the help page of the main
 * window's section @page ("orders", "ipal"…; NULL or unknown: the
 * first).  One help window per main window: shown again if open. */
GtkWindow *canting_help_show (GtkWindow  *parent,
                              const char *page);

G_END_DECLS
