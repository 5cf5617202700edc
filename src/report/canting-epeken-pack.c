/* canting-epeken-pack.c: putting an e-Peken listing pack together in a
 * hidden folder beside its destination and moving it into place whole,
 * as that folder or as a zip made from it (libarchive writes the zip). */
#include "config.h"

#include "canting-epeken-pack.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

/* An empty selection is refused before anything is made. */
static gboolean
check_selection (const CantingEpekenSelection  *selection,
                 GError                       **error)
{
  if (selection->items->len > 0)
    return TRUE;
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
               _("None of the chosen products can go in the pack; nothing was written."));
  return FALSE;
}

/* A new hidden folder beside @path to put the pack together in: on the
 * same file system, so the finished pack moves into place by a rename. */
static char *
make_work_dir (const char  *path,
               GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      io_error (error, _("Cannot make the folder “%s”"), parent);
      return NULL;
    }
  tmp = g_strdup_printf ("%s%c.%s.tmp-XXXXXX", parent, G_DIR_SEPARATOR, base);
  if (g_mkdtemp (tmp) == NULL)
    {
      io_error (error, _("Cannot make the folder “%s”"), tmp);
      return NULL;
    }
  return g_steal_pointer (&tmp);
}

/* The new name of @path itself reaches the disk. */
static void
sync_parent (const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  int fd = open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
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

  if (!check_selection (selection, error))
    return FALSE;
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
  if ((tmp = make_work_dir (dir, error)) == NULL)
    return FALSE;
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
  sync_parent (dir);
  return TRUE;
}

/* --- The zip --------------------------------------------------------------- */

gboolean
canting_epeken_pack_is_zip_name (const char *path)
{
  gsize len = strlen (path);

  return len >= 4 && g_ascii_strcasecmp (path + len - 4, ".zip") == 0;
}

/* Whether the existing @path may be replaced by the zip: a file that is
 * empty (what a file chooser portal leaves when it hands out a new name)
 * or a zip, known by its first four bytes: a local file header, or the
 * end record an empty archive starts with.  Which zip does not matter:
 * the person named it, and a file chooser has asked them first. */
static gboolean
zip_replaceable (const char *path)
{
  GStatBuf st;
  char head[4];
  gboolean zip;
  int fd;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  if (st.st_size == 0)
    return TRUE;
  if ((fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
    return FALSE;
  zip = read (fd, head, sizeof head) == sizeof head &&
        (memcmp (head, "PK\x03\x04", 4) == 0 || memcmp (head, "PK\x05\x06", 4) == 0);
  close (fd);
  return zip;
}

static gboolean
archive_failed (struct archive  *zip,
                const char      *dest,
                GError         **error)
{
  const char *why = archive_error_string (zip);

  g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot write the zip file “%s”: %s"), dest,
               why != NULL ? why : g_strerror (archive_errno (zip)));
  return FALSE;
}

/* Adds @name (a path under @folder, with '/' as the zip has it) to @zip
 * with the file's time.  The photos and the PDF are compressed
 * already and go in as they are; the CSV is deflated. */
static gboolean
add_to_zip (struct archive  *zip,
            const char      *folder,
            const char      *name,
            const char      *dest,
            GError         **error)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *data = NULL;
  g_autofree char *entry_name = NULL;
  struct archive_entry *entry;
  gsize size = 0, at = 0;
  GStatBuf st;
  gboolean is_dir;
  int status;

  if (g_lstat (path, &st) != 0)
    return io_error (error, _("Cannot read “%s”"), path);
  is_dir = S_ISDIR (st.st_mode);
  if (!is_dir && !g_file_get_contents (path, &data, &size, error))
    return FALSE;
  if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".pdf"))
    archive_write_zip_set_compression_store (zip);
  else
    archive_write_zip_set_compression_deflate (zip);
  entry_name = is_dir ? g_strconcat (name, "/", NULL) : g_strdup (name);
  entry = archive_entry_new ();
  archive_entry_copy_stat (entry, &st);
  /* Private when unpacked too, whatever mode a file was made with. */
  archive_entry_set_perm (entry, is_dir ? 0700 : 0600);
  archive_entry_set_pathname (entry, entry_name);
  status = archive_write_header (zip, entry);
  archive_entry_free (entry);
  if (status != ARCHIVE_OK)
    return archive_failed (zip, dest, error);
  while (at < size)
    {
      la_ssize_t n = archive_write_data (zip, data + at, size - at);

      if (n <= 0)
        return archive_failed (zip, dest, error);
      at += (gsize) n;
    }
  return TRUE;
}

/* The pack in @folder as the new file @zip_path (0600, like every
 * export), flushed to the disk before it is named: the CSV first, then
 * the photos in the CSV's order, then the catalogue.  @dest names the
 * zip in messages. */
static gboolean
write_zip (const CantingEpekenSelection  *selection,
           const char                    *folder,
           const char                    *zip_path,
           const char                    *dest,
           GCancellable                  *cancellable,
           GError                       **error)
{
  struct archive *zip;
  gboolean ok = TRUE;
  int fd = open (zip_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    return io_error (error, _("Cannot write the zip file “%s”"), dest);
  zip = archive_write_new ();
  if (archive_write_set_format_zip (zip) != ARCHIVE_OK || archive_write_open_fd (zip, fd) != ARCHIVE_OK)
    ok = archive_failed (zip, dest, error);
  ok = ok && add_to_zip (zip, folder, CANTING_EPEKEN_PRODUCTS_FILE, dest, error) &&
       add_to_zip (zip, folder, CANTING_EPEKEN_PHOTOS_FOLDER, dest, error);
  for (guint i = 0; ok && i < selection->items->len; i++)
    {
      const CantingEpekenItem *item = g_ptr_array_index (selection->items, i);

      for (guint n = 0; ok && n < item->photos->len; n++)
        {
          g_autofree char *name = g_strconcat (CANTING_EPEKEN_PHOTOS_FOLDER "/", item->photo_names[n], NULL);

          ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
               add_to_zip (zip, folder, name, dest, error);
        }
    }
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       add_to_zip (zip, folder, CANTING_EPEKEN_CATALOGUE_FILE, dest, error);
  /* Closing writes the zip's directory at its end. */
  if (ok && archive_write_close (zip) != ARCHIVE_OK)
    ok = archive_failed (zip, dest, error);
  archive_write_free (zip);
  if (ok && fsync (fd) != 0)
    ok = io_error (error, _("Cannot write the zip file “%s”"), dest);
  if (close (fd) != 0 && ok)
    ok = io_error (error, _("Cannot write the zip file “%s”"), dest);
  return ok;
}

gboolean
canting_epeken_pack_write_zip (CantingDb                     *db,
                               const CantingEpekenSelection  *selection,
                               const char                    *path,
                               CantingEpekenProgress          progress,
                               gpointer                       user_data,
                               GCancellable                  *cancellable,
                               GError                       **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *zip_path = NULL;
  GStatBuf st;
  gboolean ok;

  if (!check_selection (selection, error))
    return FALSE;
  if (g_lstat (path, &st) == 0 && !zip_replaceable (path))
    {
      if (S_ISREG (st.st_mode))
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                     _("“%s” is not a zip file; choose another name for the pack (Canting replaces only a zip "
                       "file)."),
                     path);
      else
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                     _("“%s” is not a file; choose another name for the zip file."), path);
      return FALSE;
    }
  if ((tmp = make_work_dir (path, error)) == NULL)
    return FALSE;
  /* The folder the zip is made from, and the zip beside it: both go
   * with the work folder, whatever happens. */
  folder = g_build_filename (tmp, "pack", NULL);
  zip_path = g_build_filename (tmp, "pack.zip", NULL);
  if (g_mkdir (folder, 0700) != 0)
    ok = io_error (error, _("Cannot make the folder “%s”"), folder);
  else
    ok = fill (db, selection, folder, progress, user_data, cancellable, error) &&
         write_zip (selection, folder, zip_path, path, cancellable, error);
  if (ok && g_rename (zip_path, path) != 0)
    ok = io_error (error, _("Cannot put the pack in “%s”"), path);
  remove_tree (tmp);
  if (ok)
    sync_parent (path);
  return ok;
}
