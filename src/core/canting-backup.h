/* canting-backup.h: safety copies of the workshop database.
 *
 * Copies are made with SQLite's online backup API (consistent even while
 * the app writes), kept in <data dir>/backups/ as single files, mode 0600.
 * One automatic copy per day on open, the newest 14 of those kept; copies on
 * demand, never removed automatically; a copy before every schema upgrade
 * and before every restore, so a restore can itself be undone, the newest 3
 * of each kept. */
#pragma once

#include <gio/gio.h>

#include "canting-db.h"

G_BEGIN_DECLS

/* How many automatic daily copies are kept: two weeks reaches back past a
 * mistake noticed at the next weekly market day. */
#define CANTING_BACKUP_KEEP_AUTO 14

/* How many copies made before a schema upgrade are kept.  Each is a whole
 * workshop (hundreds of MB after ten years) and one comes with every
 * release that changes the schema; three reach back past a problem found
 * only after the next two updates, and the daily copies cover the days in
 * between. */
#define CANTING_BACKUP_KEEP_PRE_MIGRATION 3

/* How many copies made before a restore are kept.  The newest is what the
 * Undo of a restore puts back, and it is never the one removed; three let
 * a person try a few old copies in a row and still get back to what they
 * had before the first.
 * The preferences text (canting-preferences-window.ui) and README.md say
 * these numbers in words. */
#define CANTING_BACKUP_KEEP_PRE_RESTORE 3

typedef enum {
  CANTING_BACKUP_AUTO,
  CANTING_BACKUP_MANUAL,
  CANTING_BACKUP_PRE_MIGRATION,
  CANTING_BACKUP_PRE_RESTORE,
} CantingBackupKind;

typedef struct {
  char              *path;
  char              *name;
  CantingBackupKind  kind;
  GDateTime         *created;  /* UTC, from the file name */
  guint              sequence;  /* 1, or N of a "-N" suffix: copies made in the same second */
  goffset            size;
  gint64             modified_usec; /* orders copies made within one second */
} CantingBackupInfo;

#define CANTING_TYPE_BACKUP_INFO (canting_backup_info_get_type ())
GType              canting_backup_info_get_type (void);
CantingBackupInfo *canting_backup_info_copy     (const CantingBackupInfo *info);
void               canting_backup_info_free     (CantingBackupInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingBackupInfo, canting_backup_info_free)

const char *canting_backup_kind_label (CantingBackupKind kind);

/* (transfer full): the path of the new copy.  Once it is made (and has
 * passed its check), a copy before an upgrade or a restore leaves only the
 * newest CANTING_BACKUP_KEEP_PRE_MIGRATION or _PRE_RESTORE copies of its
 * kind; removing an older one failing is only warned about, the new copy
 * is still returned. */
char      *canting_backup_create      (CantingDb          *db,
                                       CantingBackupKind   kind,
                                       GError            **error);
char      *canting_backup_create_at   (CantingDb          *db,
                                       CantingBackupKind   kind,
                                       GDateTime          *now,
                                       GError            **error);

/* (transfer full) (element-type CantingBackupInfo): newest first. */
GPtrArray *canting_backup_list        (const char         *data_dir,
                                       GError            **error);

/* Makes today's automatic copy unless one exists for @now's local date,
 * then keeps only the newest CANTING_BACKUP_KEEP_AUTO automatic copies.
 * Copies of other kinds are left alone. */
gboolean   canting_backup_auto_daily  (CantingDb          *db,
                                       GDateTime          *now,
                                       gboolean           *out_made,
                                       GError            **error);
/* canting_backup_auto_daily() on a thread of its own, with its own
 * connection, so a window opens without waiting for the copy (seconds
 * for a large workshop).  The copy is checked page by page; a copy that
 * fails its check is removed and reported (CANTING_ERROR_CORRUPT). */
void       canting_backup_auto_daily_async  (CantingDb           *db,
                                             GDateTime           *now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean   canting_backup_auto_daily_finish (CantingDb           *db,
                                             GAsyncResult        *result,
                                             gboolean            *out_made,
                                             GError             **error);
/* Removes all but the newest @keep copies of @kind (never
 * CANTING_BACKUP_MANUAL: those a person made stay until a person removes
 * them), sparing the files in @spare (nullable, NULL-terminated: a copy
 * just made, a copy being restored) whatever their time says. */
gboolean   canting_backup_prune       (const char         *data_dir,
                                       CantingBackupKind   kind,
                                       guint               keep,
                                       const char * const *spare,
                                       GError            **error);

/* Replaces the open database's contents with @file.  The current contents
 * are first saved as a pre-restore copy (@out_kept_aside); older
 * pre-restore copies beyond CANTING_BACKUP_KEEP_PRE_RESTORE go, but never
 * @file itself.
 * The copy is checked first; a damaged or newer file is refused and nothing
 * changes.  An older schema is upgraded afterwards; if that fails the
 * contents are already replaced, so @out_kept_aside is set even though
 * FALSE is returned. */
gboolean   canting_backup_restore     (CantingDb          *db,
                                       const char         *file,
                                       char              **out_kept_aside,
                                       GError            **error);

/* What a restore is doing, for a progress page: each stage in turn. */
typedef enum {
  CANTING_RESTORE_CHECKING,     /* reading every page of the chosen copy */
  CANTING_RESTORE_KEEPING_ASIDE, /* the pre-restore copy of what is there now */
  CANTING_RESTORE_COPYING,      /* the chosen copy in place of the records */
  CANTING_RESTORE_UPGRADING,    /* an older copy brought up to this version */
} CantingRestoreStage;

/* What @stage is doing, in a few translated words ("Checking the
 * backup…"), for a progress page or the command line. */
const char *canting_restore_stage_label (CantingRestoreStage stage);

/* @fraction is from 0 to 1 within @stage while copying, -1 in the other
 * stages (which cannot tell how far they are). */
typedef void (*CantingRestoreProgress) (CantingRestoreStage stage,
                                        double              fraction,
                                        gpointer            user_data);

/* canting_backup_restore(), saying how far it is through @progress
 * (nullable), called on the thread that restores. */
gboolean   canting_backup_restore_full (CantingDb              *db,
                                        const char             *file,
                                        CantingRestoreProgress  progress,
                                        gpointer                progress_data,
                                        char                  **out_kept_aside,
                                        GError                **error);

/* canting_backup_restore() on a worker with a connection of its own
 * (seconds to minutes for a large workshop).  @progress is called on
 * this thread's main context, for every stage the restore reached, in
 * order (a busy main loop gets the newest figure of a stage, not each
 * one); what is still queued when @callback runs is passed on inside
 * canting_backup_restore_finish(), and nothing after it.  The records
 * change for every connection when the copy is in place, at once, or
 * not at all; writes meanwhile wait for it. */
void       canting_backup_restore_async  (CantingDb              *db,
                                          const char             *file,
                                          CantingRestoreProgress  progress,
                                          gpointer                progress_data,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
/* As canting_backup_restore(): FALSE with @out_kept_aside set when the
 * records were replaced but not upgraded. */
gboolean   canting_backup_restore_finish (GAsyncResult           *result,
                                          char                  **out_kept_aside,
                                          GError                **error);

/* For a database too damaged to open: moves the broken file (and its -wal
 * and -shm) aside under a "broken" name, untouched, and puts a copy of
 * @file (nullable: start empty) in its place.  @out_moved_aside gets the
 * new name of the broken file. */
gboolean   canting_backup_recover     (const char         *data_dir,
                                       const char         *file,
                                       char              **out_moved_aside,
                                       GError            **error);

/* (transfer full) (nullable): the newest copy that passes the check. */
char      *canting_backup_find_newest_good (const char *data_dir);

G_END_DECLS
