/* canting-photo.c: product photos kept as files in the data dir.
 *
 * Files are written first, under names made from their content, then
 * recorded in one transaction: a crash leaves at most an unrecorded file,
 * never a record without its file. */
#include "canting-product-private.h"
#include "canting-files-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "canting-backup.h"
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

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
le24 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

/* The size a PNG declares: its first chunk must be IHDR. */
static gboolean
png_size (const guint8 *d,
          gsize         n,
          guint32      *w,
          guint32      *h)
{
  if (n < 24 || be32 (d + 8) != 13 || memcmp (d + 12, "IHDR", 4) != 0)
    return FALSE;
  *w = be32 (d + 16);
  *h = be32 (d + 20);
  return TRUE;
}

/* The size in a JPEG's first start-of-frame marker, walking the
 * segments from the start; every length is checked against the end. */
static gboolean
jpeg_size (const guint8 *d,
           gsize         n,
           guint32      *w,
           guint32      *h)
{
  gsize i = 2;

  while (i + 4 <= n)
    {
      guint8 marker;
      gsize length;

      if (d[i] != 0xff)
        return FALSE;
      marker = d[i + 1];
      if (marker == 0xff)
        {
          i++;   /* fill byte */
          continue;
        }
      /* Markers without a length: TEM, RSTn. */
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          i += 2;
          continue;
        }
      if (marker == 0xd9 || marker == 0xda)
        return FALSE;   /* end of image, or image data, before any frame */
      length = ((gsize) d[i + 2] << 8) | d[i + 3];
      if (length < 2 || i + 2 + length > n)
        return FALSE;
      /* SOF0…SOF15, less DHT (c4), JPG (c8) and DAC (cc). */
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (length < 7)
            return FALSE;
          *h = ((guint32) d[i + 5] << 8) | d[i + 6];
          *w = ((guint32) d[i + 7] << 8) | d[i + 8];
          return TRUE;
        }
      i += 2 + length;
    }
  return FALSE;
}

/* The size of a WebP: lossy (VP8), lossless (VP8L) or extended (VP8X). */
static gboolean
webp_size (const guint8 *d,
           gsize         n,
           guint32      *w,
           guint32      *h)
{
  if (n < 30)
    return FALSE;
  if (memcmp (d + 12, "VP8 ", 4) == 0 && d[23] == 0x9d && d[24] == 0x01 && d[25] == 0x2a)
    {
      *w = (d[26] | ((guint32) d[27] << 8)) & 0x3fff;
      *h = (d[28] | ((guint32) d[29] << 8)) & 0x3fff;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8L", 4) == 0 && d[20] == 0x2f)
    {
      guint32 bits = (guint32) d[21] | ((guint32) d[22] << 8) | ((guint32) d[23] << 16) | ((guint32) d[24] << 24);
      *w = (bits & 0x3fff) + 1;
      *h = ((bits >> 14) & 0x3fff) + 1;
      return TRUE;
    }
  if (memcmp (d + 12, "VP8X", 4) == 0)
    {
      *w = le24 (d + 24) + 1;
      *h = le24 (d + 27) + 1;
      return TRUE;
    }
  return FALSE;
}

gboolean
canting_image_check_size (int      width,
                          int      height,
                          GQuark   domain,
                          int      code,
                          GError **error)
{
  if (width <= 0 || height <= 0)
    {
      g_set_error_literal (error, domain, code,
                           _("This image cannot be read: the file is damaged or not a whole PNG, JPEG or WebP image."));
      return FALSE;
    }
  if (width > CANTING_IMAGE_MAX_SIDE || height > CANTING_IMAGE_MAX_SIDE ||
      (gint64) width * height > CANTING_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, domain, code,
                   _("This image is too large (%d × %d pixels). Choose one of at most %d pixels on each side."),
                   width, height, CANTING_IMAGE_MAX_SIDE);
      return FALSE;
    }
  return TRUE;
}

gboolean
canting_image_check (GBytes  *bytes,
                     GQuark   domain,
                     int      code,
                     int     *out_width,
                     int     *out_height,
                     GError **error)
{
  gsize n = 0;
  const guint8 *d = bytes != NULL ? g_bytes_get_data (bytes, &n) : NULL;
  guint32 w = 0, h = 0;
  gboolean read = FALSE;

  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    read = png_size (d, n, &w, &h);
  else if (n >= 3 && memcmp (d, "\xff\xd8\xff", 3) == 0)
    read = jpeg_size (d, n, &w, &h);
  else if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    read = webp_size (d, n, &w, &h);
  /* A size beyond int is too large whatever it is. */
  if (read && (w > G_MAXINT || h > G_MAXINT))
    w = h = G_MAXINT;
  if (!canting_image_check_size (read ? (int) w : 0, read ? (int) h : 0, domain, code, error))
    return FALSE;
  if (out_width != NULL)
    *out_width = (int) w;
  if (out_height != NULL)
    *out_height = (int) h;
  return TRUE;
}

/* Writes @bytes as photos/<sha256>.<ext> (once) and returns the name. */
static char *
store (CantingDb  *db,
       GBytes     *bytes,
       GError    **error)
{
  const char *ext = image_extension (bytes);
  gsize size = g_bytes_get_size (bytes);

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
  if (!canting_image_check (bytes, CANTING_PRODUCT_ERROR, CANTING_PRODUCT_FIELD_DESCRIPTION, NULL, NULL, error))
    return NULL;
  return canting_stored_file_write (db, PHOTO_DIR, bytes, ext, error);
}

char *
canting_stored_file_write (CantingDb   *db,
                           const char  *folder,
                           GBytes      *bytes,
                           const char  *extension,
                           GError     **error)
{
  g_autofree char *dir = g_build_filename (canting_db_get_data_dir (db), folder, NULL);
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *name = g_strdup_printf ("%s.%s", sum, extension);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize size = 0;
  const void *data = g_bytes_get_data (bytes, &size);

  if (!canting_paths_ensure_private_dir (dir, error))
    return NULL;
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
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingPhoto *p = g_new0 (CantingPhoto, 1);
      p->id = sqlite3_column_int64 (stmt, 0);
      p->path = canting_photo_path (db, (const char *) sqlite3_column_text (stmt, 1));
      p->thumbnail = canting_photo_path (db, (const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (list, p);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the photos"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
remove_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  gint64 *photo_id = user_data;
  g_autoptr(sqlite3_stmt) del = canting_sql_prepare (db, "DELETE FROM product_photos WHERE id = ?1", error);

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, *photo_id);
  return canting_sql_run (db, del, _("removing the photo"), error);
}

/* The files stay: a backup from before the removal may name them.
 * canting_photo_prune() deletes them once nothing does. */
gboolean
canting_product_photo_remove (CantingDb  *db,
                              gint64      photo_id,
                              GError    **error)
{
  return canting_db_transaction (db, remove_in_transaction, &photo_id, error);
}

/* Adds the photo files named in @handle's product_photos to @names.
 * FALSE if the database cannot be read; a database from before photos
 * (no such table) names none. */
static gboolean
add_names (sqlite3    *handle,
           GHashTable *names)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'product_photos'",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  rc = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc == 0)
    return TRUE;
  if (sqlite3_prepare_v2 (handle, "SELECT file, thumbnail FROM product_photos", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < 2; i++)
      g_hash_table_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

gboolean
canting_photo_prune (CantingDb  *db,
                     guint      *out_removed,
                     GError    **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *dir = photo_dir (db);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint removed = 0;

  if (out_removed != NULL)
    *out_removed = 0;
  if (!add_names (canting_db_get_handle (db), names))
    {
      canting_db_set_error (error, canting_db_get_handle (db), sqlite3_errcode (canting_db_get_handle (db)),
                            _("reading the photos"));
      return FALSE;
    }
  backups = canting_backup_list (canting_db_get_data_dir (db), error);
  if (backups == NULL)
    return FALSE;
  for (guint i = 0; i < backups->len; i++)
    {
      const CantingBackupInfo *info = g_ptr_array_index (backups, i);
      sqlite3 *handle = NULL;
      gboolean read;

      read = sqlite3_open_v2 (info->path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
             add_names (handle, names);
      sqlite3_close (handle);
      /* A copy that cannot be read might name any file: keep them all. */
      if (!read)
        return TRUE;
    }

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;

      if (g_hash_table_contains (names, name))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_unlink (path) == 0)
        removed++;
    }
  if (out_removed != NULL)
    *out_removed = removed;
  return TRUE;
}
