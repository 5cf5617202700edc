/* canting-photo.c: product photos kept as files in the data dir.
 *
 * Files are written first, under names made from their content, then
 * recorded in one transaction: a crash leaves at most an unrecorded file,
 * never a record without its file. */
#include "canting-product-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-paths.h"
#include "canting-sql-private.h"

#define PHOTO_DIR "photos"

void
canting_photo_free (CantingPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->path);
  g_free (photo->thumbnail);
  g_free (photo);
}

static char *
photo_dir (CantingDb *db)
{
  return g_build_filename (canting_db_get_data_dir (db), PHOTO_DIR, NULL);
}

char *
canting_photo_path (CantingDb  *db,
                    const char *file)
{
  return g_build_filename (canting_db_get_data_dir (db), PHOTO_DIR, file, NULL);
}

static const char *
image_extension (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "jpg";
  return NULL;
}

/* Writes @bytes as photos/<sha256>.<ext> (once) and returns the name. */
static char *
store (CantingDb  *db,
       GBytes     *bytes,
       GError    **error)
{
  g_autofree char *dir = photo_dir (db);
  const char *ext = image_extension (bytes);
  g_autofree char *sum = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (bytes, &size);

  if (ext == NULL)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_DESCRIPTION,
                   _("A photo must be a JPEG or PNG image."));
      return NULL;
    }
  if (size > CANTING_PHOTO_MAX_BYTES)
    {
      g_set_error (error, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_DESCRIPTION,
                   _("The photo is too large even after scaling."));
      return NULL;
    }
  if (!canting_paths_ensure_private_dir (dir, error))
    return NULL;
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  name = g_strdup_printf ("%s.%s", sum, ext);
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      !g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;
  return g_steal_pointer (&name);
}

typedef struct {
  gint64 product_id;
  const char *file;
  const char *thumbnail;
} AddJob;

static gboolean
add_in_transaction (CantingDb  *db,
                    gpointer    user_data,
                    GError    **error)
{
  AddJob *job = user_data;
  g_autoptr(sqlite3_stmt) count = canting_sql_prepare (db, "SELECT count(*) FROM product_photos WHERE product_id = ?1",
                                                       error);
  g_autoptr(sqlite3_stmt) insert = NULL;
  gint64 n = 0;

  if (count == NULL)
    return FALSE;
  sqlite3_bind_int64 (count, 1, job->product_id);
  if (!canting_sql_get_int64 (db, count, &n, _("reading the photos"), error))
    return FALSE;
  if (n >= CANTING_PHOTOS_MAX)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("A product can have at most %d photos."), CANTING_PHOTOS_MAX);
      return FALSE;
    }
  insert = canting_sql_prepare (db,
                                "INSERT INTO product_photos (product_id, position, file, thumbnail) "
                                "VALUES (?1, ?2, ?3, ?4)",
                                error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, job->product_id);
  sqlite3_bind_int64 (insert, 2, n + 1);
  sqlite3_bind_text (insert, 3, job->file, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, job->thumbnail, -1, SQLITE_STATIC);
  return canting_sql_run (db, insert, _("saving the photo"), error);
}

gboolean
canting_product_photo_add (CantingDb  *db,
                           gint64      product_id,
                           GBytes     *image,
                           GBytes     *thumbnail,
                           GError    **error)
{
  g_autofree char *file = store (db, image, error);
  g_autofree char *thumb = file != NULL ? store (db, thumbnail, error) : NULL;
  AddJob job = { product_id, file, thumb };

  if (thumb == NULL)
    return FALSE;
  return canting_db_transaction (db, add_in_transaction, &job, error);
}

GPtrArray *
canting_product_photos (CantingDb  *db,
                        gint64      product_id,
                        GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, file, thumbnail FROM product_photos "
                                                      "WHERE product_id = ?1 ORDER BY position, id",
                                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_photo_free);
  g_autofree char *dir = photo_dir (db);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingPhoto *p = g_new0 (CantingPhoto, 1);
      p->id = sqlite3_column_int64 (stmt, 0);
      p->path = g_build_filename (dir, (const char *) sqlite3_column_text (stmt, 1), NULL);
      p->thumbnail = g_build_filename (dir, (const char *) sqlite3_column_text (stmt, 2), NULL);
      g_ptr_array_add (list, p);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the photos"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

typedef struct {
  gint64 photo_id;
  char *file;
  char *thumbnail;
  gboolean file_unused;
  gboolean thumbnail_unused;
} RemoveJob;

static gboolean
still_used (CantingDb  *db,
            const char *name,
            gboolean   *out_used,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT count(*) FROM product_photos WHERE file = ?1 OR thumbnail = ?1",
                                                      error);
  gint64 n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!canting_sql_get_int64 (db, stmt, &n, _("reading the photos"), error))
    return FALSE;
  *out_used = n > 0;
  return TRUE;
}

static gboolean
remove_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  RemoveJob *job = user_data;
  g_autoptr(sqlite3_stmt) get = canting_sql_prepare (db, "SELECT file, thumbnail FROM product_photos WHERE id = ?1",
                                                     error);
  g_autoptr(sqlite3_stmt) del = NULL;
  gboolean used;

  if (get == NULL)
    return FALSE;
  sqlite3_bind_int64 (get, 1, job->photo_id);
  if (sqlite3_step (get) != SQLITE_ROW)
    return TRUE;
  job->file = canting_sql_dup_text (get, 0);
  job->thumbnail = canting_sql_dup_text (get, 1);
  del = canting_sql_prepare (db, "DELETE FROM product_photos WHERE id = ?1", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, job->photo_id);
  if (!canting_sql_run (db, del, _("removing the photo"), error))
    return FALSE;
  if (!still_used (db, job->file, &used, error))
    return FALSE;
  job->file_unused = !used;
  if (!still_used (db, job->thumbnail, &used, error))
    return FALSE;
  job->thumbnail_unused = !used;
  return TRUE;
}

gboolean
canting_product_photo_remove (CantingDb  *db,
                              gint64      photo_id,
                              GError    **error)
{
  RemoveJob job = { photo_id, NULL, NULL, FALSE, FALSE };
  g_autofree char *dir = photo_dir (db);
  gboolean ok = canting_db_transaction (db, remove_in_transaction, &job, error);

  /* Files only after the commit: a rolled-back removal keeps them. */
  if (ok && job.file_unused)
    {
      g_autofree char *path = g_build_filename (dir, job.file, NULL);
      g_unlink (path);
    }
  if (ok && job.thumbnail_unused)
    {
      g_autofree char *path = g_build_filename (dir, job.thumbnail, NULL);
      g_unlink (path);
    }
  g_free (job.file);
  g_free (job.thumbnail);
  return ok;
}
