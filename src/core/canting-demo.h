/* canting-demo.h: practice workshops for trainers (Mode latihan).
 *
 * A practice workshop is an ordinary workshop folder under
 * <user data dir>/canting/demo/NAME/ (CANTING_DEMO_ROOT overrides the
 * root, for tests and benchmarks), filled with two years of a Blitar
 * workshop's records.  Several live side by side, one per trainee.  The
 * pristine records are built once into a template folder beside them;
 * a new practice workshop is a copy of it, and Reset copies it back.
 * Nothing here ever opens, reads or writes the real workshop's folder.
 *
 * Not here: starting the practice shop, the banner (src/ui). */
#pragma once

#include <gio/gio.h>

#include "canting-db.h"

G_BEGIN_DECLS

/* The practice workshop opened when no name is given. */
#define CANTING_DEMO_DEFAULT_NAME "Latihan"
/* A name is a folder name a person types: at most this many letters. */
#define CANTING_DEMO_NAME_MAX 40

/* The practice shop's sign-in.  Not a secret: every practice workshop
 * uses it, the shop listens on this computer only and holds only
 * practice products.  So it is given to the publishing worker directly
 * and never stored in the keyring. */
#define CANTING_DEMO_SHOP_USER "latihan"
#define CANTING_DEMO_SHOP_PASSWORD "latihan bukan rahasia"
#define CANTING_DEMO_CHANNEL_NAME "Toko Latihan"

/* Draws the photo of a product of @motif in colour scheme @variant, as
 * a PNG of @width × @height (the core draws no pictures itself).
 * (transfer full) */
typedef GBytes *(*CantingDemoPainter) (const char *motif,
                                       guint       variant,
                                       guint       width,
                                       guint       height);

/* TRUE for a usable name: 1 to CANTING_DEMO_NAME_MAX letters, digits,
 * spaces, '-' or '_'; otherwise FALSE with CANTING_ERROR_INVALID. */
gboolean   canting_demo_name_is_valid  (const char          *name,
                                        GError             **error);
/* (transfer full) */
char      *canting_demo_root_dir       (void);
/* (transfer full): where the practice workshop @name lives. */
char      *canting_demo_dir            (const char          *name);
/* (transfer full) (nullable): the practice workshop's name when @data_dir
 * is one, else NULL. */
char      *canting_demo_name_of_dir    (const char          *data_dir);
/* (transfer full) (element-type utf8): the practice workshops there are,
 * by name. */
GPtrArray *canting_demo_list           (void);
/* (transfer full): the practice shop's records in @demo_dir. */
char      *canting_demo_shop_file      (const char          *demo_dir);

/* Builds the pristine template unless it exists (about a second).
 * @out_built (nullable): whether it was built now. */
gboolean   canting_demo_ensure_template (CantingDemoPainter   painter,
                                         gboolean            *out_built,
                                         GError             **error);
/* Makes the practice workshop @name from the template unless it exists;
 * (transfer full) its folder, or NULL with @error. */
char      *canting_demo_prepare        (const char          *name,
                                        CantingDemoPainter   painter,
                                        GError             **error);

/* Puts the pristine records back into @db, an open practice workshop,
 * with SQLite's backup API (other connections to it must be closed:
 * the publishing worker's), and its photo folder back as the template
 * has it; its lab reports and the practice shop's records (the shop
 * must be stopped) are removed.  Refused with CANTING_ERROR_INVALID
 * for a folder that is not a practice workshop. */
gboolean   canting_demo_reset          (CantingDb           *db,
                                        GError             **error);

/* Points the practice channel at @url ("http://127.0.0.1:PORT"), the
 * shop as started this time.  @out_channel_id (nullable): its id. */
gboolean   canting_demo_point_channel  (CantingDb           *db,
                                        const char          *url,
                                        gint64              *out_channel_id,
                                        GError             **error);
/* (transfer full) (nullable): the practice channel's address. */
char      *canting_demo_channel_url    (CantingDb           *db);

/* `canting-cli bench demo-reset`: Reset of a practice workshop made
 * under @root (a throw-away folder), after a change each time, against
 * copying the template's database file over a closed one; the best of
 * @rounds each.  (transfer full) (element-type CantingBenchResult) */
GPtrArray *canting_demo_bench_reset    (const char          *root,
                                        CantingDemoPainter   painter,
                                        guint                rounds,
                                        GError             **error);

G_END_DECLS
