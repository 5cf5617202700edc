/* canting-listing-group.h: a product's listings on the online shops. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"

G_BEGIN_DECLS

#define CANTING_TYPE_LISTING_GROUP (canting_listing_group_get_type ())
G_DECLARE_FINAL_TYPE (CantingListingGroup, canting_listing_group, CANTING, LISTING_GROUP, AdwPreferencesGroup)

/* Shows the listings of @product_id (0: a product not saved yet).
 * Emits "changed" after queueing a publish or an unpublish. */
void canting_listing_group_set_product (CantingListingGroup *self,
                                        CantingApplication  *app,
                                        gint64               product_id);
/* Reads the listings again (the worker reported progress, say). */
void canting_listing_group_refresh     (CantingListingGroup *self);

G_END_DECLS
