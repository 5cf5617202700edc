/* canting-entry-dialog.h: recording or changing one ledger entry. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-ledger.h"

G_BEGIN_DECLS

#define CANTING_TYPE_ENTRY_DIALOG (canting_entry_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingEntryDialog, canting_entry_dialog, CANTING, ENTRY_DIALOG, AdwWindow)

/* A new entry of @kind when @entry is NULL, else @entry to change.
 * Emits "saved" (id) after writing, "voided" (id) after voiding it. */
CantingEntryDialog *canting_entry_dialog_new (CantingApplication *app,
                                              GtkWindow          *parent,
                                              CantingEntryKind    kind,
                                              const CantingEntry *entry);

G_END_DECLS
