/* canting-epeken-pack.c: putting an e-Peken listing pack together in a
 * hidden folder beside its destination and moving it into place whole. */
#include "config.h"

#include "canting-epeken-pack.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "canting-catalogue-pdf.h"
#include "canting-error.h"
#include "canting-jpeg.h"

/* Deletes @path and what it holds; links are removed, never followed. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Whether @path may be replaced: empty, or holding only what a pack
 * holds (its CSV, its catalogue, a photo folder of JPEGs). */
static gboolean
replaceable (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autofree char *photos = g_build_filename (path, CANTING_EPEKEN_PHOTOS_FOLDER, NULL);
  g_autoptr(GDir) photo_dir = NULL;
  const char *name;
  gboolean empty = TRUE, has_csv = FALSE;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      gboolean link = g_file_test (child, G_FILE_TEST_IS_SYMLINK);

      empty = FALSE;
      if (g_str_equal (name, CANTING_EPEKEN_PRODUCTS_FILE) && !link && g_file_test (child, G_FILE_TEST_IS_REGULAR))
        has_csv = TRUE;
      else if (!(g_str_equal (name, CANTING_EPEKEN_CATALOGUE_FILE) && !link) &&
               !(g_str_equal (name, CANTING_EPEKEN_PHOTOS_FOLDER) && !link && g_file_test (child, G_FILE_TEST_IS_DIR)))
        return FALSE;
    }
  if (empty)
    return TRUE;
  photo_dir = g_dir_open (photos, 0, NULL);
  while (photo_dir != NULL && (name = g_dir_read_name (photo_dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (photos, name, NULL);

      if (!g_str_has_suffix (name, ".jpg") || g_file_test (child, G_FILE_TEST_IS_SYMLINK) ||
          !g_file_test (child, G_FILE_TEST_IS_REGULAR))
        return FALSE;
    }
  return has_csv;
}

static gboolean
write_file (const char  *path,
            GBytes      *bytes,
            GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* @format names what failed; the system's reason follows. */
static gboolean G_GNUC_PRINTF (2, 3)
io_error (GError     **error,
          const char  *format,
          ...)
{
  int saved = errno;
  g_autofree char *what = NULL;
  va_list ap;

  va_start (ap, format);
  what = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, "%s: %s", what, g_strerror (saved));
  return FALSE;
}

/* Everything of the pack inside @tmp. */
static gboolean
fill (CantingDb                     *db,
      const CantingEpekenSelection  *selection,
      const char                    *tmp,
      CantingEpekenProgress          progress,
      gpointer                       user_data,
      GCancellable                  *cancellable,
      GError                       **error)
{
  g_autofree char *csv_path = g_build_filename (tmp, CANTING_EPEKEN_PRODUCTS_FILE, NULL);
  g_autofree char *photos = g_build_filename (tmp, CANTING_EPEKEN_PHOTOS_FOLDER, NULL);
  g_autofree char *pdf = g_build_filename (tmp, CANTING_EPEKEN_CATALOGUE_FILE, NULL);
  g_autoptr(GBytes) csv = canting_epeken_csv (selection);
  guint total = 1, done = 0;

  for (guint i = 0; i < selection->items->len; i++)
    total += ((CantingEpekenItem *) g_ptr_array_index (selection->items, i))->photos->len;

  if (!write_file (csv_path, csv, error))
    return FALSE;
  if (g_mkdir (photos, 0700) != 0)
    return io_error (error, _("Cannot make the folder “%s”"), photos);
  for (guint i = 0; i < selection->items->len; i++)
    {
      const CantingEpekenItem *item = g_ptr_array_index (selection->items, i);

      for (guint n = 0; n < item->photos->len; n++)
        {
          const CantingPhoto *photo = g_ptr_array_index (item->photos, n);
          g_autofree char *path = g_build_filename (photos, item->photo_names[n], NULL);
          g_autoptr(GError) local = NULL;
          g_autoptr(GBytes) jpeg = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          jpeg = canting_jpeg_from_photo (photo->path, CANTING_EPEKEN_PHOTO_MAX_SIDE, CANTING_EPEKEN_PHOTO_MAX_BYTES,
                                          NULL, &local);
          if (jpeg == NULL)
            {
              g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Photo %u of “%s” (%s) cannot be used: %s"),
                           n + 1, item->product->name, item->product->sku, local->message);
              return FALSE;
            }
          if (!write_file (path, jpeg, error))
            return FALSE;
          if (progress != NULL)
            progress (++done, total, user_data);
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !canting_catalogue_save_pdf (db, selection, pdf, cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (++done, total, user_data);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Flushes the files under @path to the disk before the pack is named:
 * power cuts are common, and a pack under its name must be whole. */
static void
flush (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  syncfs (fd);
  close (fd);
}

/* Puts @tmp where @dir is (which exists): swapped in one step where the
 * file system can, else the old one moved aside first. */
static gboolean
replace (const char  *tmp,
         const char  *dir,
         const char  *parent,
         const char  *base,
         GError     **error)
{
  g_autofree char *old = NULL;

  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0)
    {
      remove_tree (tmp);
      return TRUE;
    }
  if (errno != EINVAL && errno != ENOSYS)
    return io_error (error, _("Cannot put the pack in “%s”"), dir);
  /* A reserved empty name to move the old pack to (a rename onto an
   * empty folder replaces it). */
  old = g_strdup_printf ("%s%c.%s.old-XXXXXX", parent, G_DIR_SEPARATOR, base);
  if (g_mkdtemp (old) == NULL || g_rename (dir, old) != 0)
    return io_error (error, _("Cannot put the pack in “%s”"), dir);
  if (g_rename (tmp, dir) != 0)
    {
      int saved = errno;
      g_rename (old, dir);
      errno = saved;
      return io_error (error, _("Cannot put the pack in “%s”"), dir);
    }
  remove_tree (old);
  return TRUE;
}

gboolean
canting_epeken_pack_write (CantingDb                     *db,
                           const CantingEpekenSelection  *selection,
                           const char                    *dir,
                           CantingEpekenProgress          progress,
                           gpointer                       user_data,
                           GCancellable                  *cancellable,
                           GError                       **error)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *tmp = NULL;
  gboolean exists = g_file_test (dir, G_FILE_TEST_EXISTS);
  gboolean placed;
  int fd;

  if (selection->items->len == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("None of the chosen products can go in the pack; nothing was written."));
      return FALSE;
    }
  if (exists && (!g_file_test (dir, G_FILE_TEST_IS_DIR) || g_file_test (dir, G_FILE_TEST_IS_SYMLINK)))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("“%s” is not a folder; choose a new folder for the pack."),
                   dir);
      return FALSE;
    }
  if (exists && !replaceable (dir))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("“%s” already holds other files; choose a new folder for the pack (Canting replaces only "
                     "an earlier e-Peken pack)."),
                   dir);
      return FALSE;
    }
  if (g_mkdir_with_parents (parent, 0700) != 0)
    return io_error (error, _("Cannot make the folder “%s”"), parent);

  tmp = g_strdup_printf ("%s%c.%s.tmp-XXXXXX", parent, G_DIR_SEPARATOR, base);
  if (g_mkdtemp (tmp) == NULL)
    return io_error (error, _("Cannot make the folder “%s”"), tmp);
  if (!fill (db, selection, tmp, progress, user_data, cancellable, error))
    {
      remove_tree (tmp);
      return FALSE;
    }
  flush (tmp);
  if (exists)
    placed = replace (tmp, dir, parent, base, error);
  else if (!(placed = g_rename (tmp, dir) == 0))
    io_error (error, _("Cannot put the pack in “%s”"), dir);
  if (!placed)
    {
      remove_tree (tmp);
      return FALSE;
    }
  /* The new name itself reaches the disk. */
  if ((fd = open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}
