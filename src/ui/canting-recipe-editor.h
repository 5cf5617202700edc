/* canting-recipe-editor.h: the Recipe group of the product form: what one
 * piece uses of each material, with the material cost it adds up to. */
#pragma once

#include <adwaita.h>

#include "canting-db.h"

G_BEGIN_DECLS

#define CANTING_TYPE_RECIPE_EDITOR (canting_recipe_editor_get_type ())
G_DECLARE_FINAL_TYPE (CantingRecipeEditor, canting_recipe_editor, CANTING, RECIPE_EDITOR, AdwPreferencesGroup)

/* Shows @product_id's recipe (0: a new product, none yet) and offers the
 * current materials. */
void       canting_recipe_editor_load      (CantingRecipeEditor  *self,
                                            CantingDb            *db,
                                            gint64                product_id);
/* (transfer full) (element-type CantingRecipeLine): the lines as typed, or
 * NULL with @error naming the material whose quantity is not a number
 * (that row is marked). */
GPtrArray *canting_recipe_editor_get_lines (CantingRecipeEditor  *self,
                                            GError              **error);

G_END_DECLS
