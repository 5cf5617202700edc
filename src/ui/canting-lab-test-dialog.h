/* canting-lab-test-dialog.h: a lab test of the effluent and its results. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_LAB_TEST_DIALOG (canting_lab_test_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CantingLabTestDialog, canting_lab_test_dialog, CANTING, LAB_TEST_DIALOG, AdwWindow)

/* @test_id 0: a new test.  Emits "saved" after it is written. */
CantingLabTestDialog *canting_lab_test_dialog_new (CantingApplication *app,
                                                   GtkWindow          *parent,
                                                   gint64              test_id);

G_END_DECLS
