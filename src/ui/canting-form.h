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

G_END_DECLS
