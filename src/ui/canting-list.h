/* canting-list.h: what every page listing records does alike. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-paged-model.h"

G_BEGIN_DECLS

/* Shows @model in @view, nothing selected at first. */
void     canting_list_attach (GtkColumnView     *view,
                              CantingPagedModel *model);

/* The same, for a list where several records can be chosen at once
 * (Ctrl and Shift with a click, Ctrl+A). */
void     canting_list_attach_multi (GtkColumnView     *view,
                                    CantingPagedModel *model);

typedef struct {
  const char *empty_title;        /* nothing recorded yet */
  const char *empty_description;
  const char *no_match_title;     /* nothing matches the search or filter */
  const char *no_match_description;
} CantingListTexts;

/* Re-reads @model (the count and first rows on a worker thread, from
 * @db's file) and then shows either the list or @empty_page with the
 * texts that fit (@filtered: a search or filter is on).  A page out of
 * sight reads nothing until it is shown. */
void     canting_list_reload_in_background (CantingPagedModel      *model,
                                            CantingDb              *db,
                                            GtkStack               *stack,
                                            AdwStatusPage          *empty_page,
                                            gboolean                filtered,
                                            const CantingListTexts *texts);

/* (transfer full) (nullable): the row at @position, if it holds a record. */
CantingRow *canting_list_get_row (CantingPagedModel *model,
                                  guint              position);

/* Calls @reload(@page) when @page is first shown, and each time it is
 * shown again after the workshop's data changed (an order delivered
 * moves the product stock), so a list is never stale yet keeps its place
 * when nothing changed, and a page nobody opens is never read. */
void     canting_list_reload_when_shown (GtkWidget          *page,
                                         CantingApplication *app,
                                         GCallback           reload);

G_END_DECLS
