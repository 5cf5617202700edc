/* canting-csv-ui.h: importing and exporting CSV from a list page. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-csv.h"

G_BEGIN_DECLS

/* Asks for a file, checks it (dry run), shows what would be imported and
 * every bad row, then imports as the person chooses.  @done runs after
 * anything was imported, to refresh the page. */
void canting_csv_ui_import (GtkWidget          *page,
                            CantingApplication *app,
                            CantingCsvKind      kind,
                            GCallback           done,
                            gpointer            done_data);

/* The same for @file, without asking: the file is read, checked and,
 * once the person has chosen, imported, each on a worker, so the
 * window goes on working; a toast says an import is running until it
 * has ended. */
void canting_csv_ui_import_file (GtkWidget          *page,
                                 CantingApplication *app,
                                 CantingCsvKind      kind,
                                 GFile              *file,
                                 GCallback           done,
                                 gpointer            done_data);

/* Asks where to save, then writes every record of @kind. */
void canting_csv_ui_export (GtkWidget          *page,
                            CantingApplication *app,
                            CantingCsvKind      kind);

/* Gives @page "page.import" and "page.export" actions for @kind and puts
 * them in @button's menu.  @done as for canting_csv_ui_import(). */
void canting_csv_ui_attach (GtkWidget          *page,
                            GtkMenuButton      *button,
                            CantingApplication *app,
                            CantingCsvKind      kind,
                            GCallback           done,
                            gpointer            done_data);

G_END_DECLS
