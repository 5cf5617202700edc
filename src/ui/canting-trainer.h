/* canting-trainer.h: trainer mode (Mode latihan) in the app.
 *
 * Opens practice workshops (canting-demo.h) in place of the real one and
 * back, shows the banner that says so with Reset and Leave, runs the
 * practice shop on 127.0.0.1 while a practice workshop is open, and
 * scales the text for a projector.  The application owns one trainer and
 * calls its hooks when a workshop opens, a window is made and the
 * publishing worker starts. */
#pragma once

#include <adwaita.h>

#include "canting-application.h"
#include "canting-publish-worker.h"
#include "canting-window.h"

G_BEGIN_DECLS

#define CANTING_TYPE_TRAINER (canting_trainer_get_type ())
G_DECLARE_FINAL_TYPE (CantingTrainer, canting_trainer, CANTING, TRAINER, GObject)

/* @app is not owned: the app owns the trainer. */
CantingTrainer *canting_trainer_new                (CantingApplication   *app);
/* app.open-demo, app.open-demo-named(s), app.reset-demo, app.leave-demo,
 * app.open-shop-page; and the text size from the settings, kept applied. */
void            canting_trainer_startup            (CantingTrainer       *self);

/* Hooks: the app's workshop database was (re)opened; a main window was
 * made; a publishing worker was made (not yet started). */
void            canting_trainer_workshop_opened    (CantingTrainer       *self);
void            canting_trainer_window_created     (CantingTrainer       *self,
                                                    CantingWindow        *window);
void            canting_trainer_publisher_created  (CantingTrainer       *self,
                                                    CantingPublishWorker *worker);

/* (nullable): the open practice workshop's name, NULL in the real one. */
const char     *canting_trainer_get_demo_name      (CantingTrainer       *self);
/* (nullable): the practice shop's address while it runs. */
const char     *canting_trainer_get_shop_url       (CantingTrainer       *self);

/* Opens the practice workshop @name, made ready on a worker first (the
 * first one is built from example records: seconds); what goes wrong
 * is said in a toast (on the terminal when no window is open: canting
 * --demo).  Leave goes back to the workshop open before, or the one
 * canting --demo was started on. */
void            canting_trainer_open_demo          (CantingTrainer       *self,
                                                    const char           *name);
gboolean        canting_trainer_reset              (CantingTrainer       *self,
                                                    GError              **error);
gboolean        canting_trainer_leave              (CantingTrainer       *self,
                                                    GError              **error);
/* Stops the practice shop (quitting). */
void            canting_trainer_shutdown           (CantingTrainer       *self);

G_END_DECLS
