/* canting-epeken-pack.c: putting an e-Peken listing pack together, as a
 * folder (made under a hidden name beside its destination and renamed
 * into place whole) or as a zip (written by libarchive to a hidden file
 * beside it, renamed likewise).  One fill() makes both; only where its
 * files go differs. */
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

/* Where the pack's files go: under the folder @dir, or, when @zip is
 * set, into that zip as entries (@dest names the zip in messages).
 * Names have '/' between folder and file, as a zip has them. */
typedef struct {
  const char     *dir;
  struct archive *zip;
  const char     *dest;
} Sink;

static gboolean
archive_failed (Sink    *sink,
                GError **error)
{
  const char *why = archive_error_string (sink->zip);

  g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("Cannot write the zip file “%s”: %s"), sink->dest,
               why != NULL ? why : g_strerror (archive_errno (sink->zip)));
  return FALSE;
}

/* A zip entry @name: a folder when @bytes is NULL.  Private when
 * unpacked (0600, a folder 0700), as in the folder.  The photos and the
 * PDF are compressed already and go in as they are; the CSV is deflated. */
static gboolean
zip_entry (Sink        *sink,
           const char  *name,
           GBytes      *bytes,
           GError     **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gsize size = bytes != NULL ? g_bytes_get_size (bytes) : 0, at = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, NULL) : NULL;
  g_autofree char *entry_name = bytes != NULL ? g_strdup (name) : g_strconcat (name, "/", NULL);
  int status;

  if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".pdf"))
    archive_write_zip_set_compression_store (sink->zip);
  else
    archive_write_zip_set_compression_deflate (sink->zip);
  archive_entry_set_pathname (entry, entry_name);
  archive_entry_set_filetype (entry, bytes != NULL ? AE_IFREG : AE_IFDIR);
  archive_entry_set_perm (entry, bytes != NULL ? 0600 : 0700);
  archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_mtime (entry, (time_t) (g_get_real_time () / G_USEC_PER_SEC), 0);
  status = archive_write_header (sink->zip, entry);
  archive_entry_free (entry);
  if (status != ARCHIVE_OK)
    return archive_failed (sink, error);
  while (at < size)
    {
      la_ssize_t n = archive_write_data (sink->zip, data + at, size - at);

      if (n <= 0)
        return archive_failed (sink, error);
      at += (gsize) n;
    }
  return TRUE;
}

static gboolean
sink_folder (Sink        *sink,
             const char  *name,
             GError     **error)
{
  g_autofree char *path = NULL;

  if (sink->zip != NULL)
    return zip_entry (sink, name, NULL, error);
  path = g_build_filename (sink->dir, name, NULL);
  if (g_mkdir (path, 0700) != 0)
    return io_error (error, _("Cannot make the folder “%s”"), path);
  return TRUE;
}

static gboolean
sink_file (Sink        *sink,
           const char  *name,
           GBytes      *bytes,
           GError     **error)
{
  g_autofree char *path = NULL;
  gsize size = 0;
  const char *data;

  if (sink->zip != NULL)
    return zip_entry (sink, name, bytes, error);
  path = g_build_filename (sink->dir, name, NULL);
  data = g_bytes_get_data (bytes, &size);
  return g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* Everything of the pack into @sink: the CSV, the photos in its order,
 * the catalogue; @progress after each photo and the catalogue. */
static gboolean
fill (CantingDb                     *db,
      const CantingEpekenSelection  *selection,
      Sink                          *sink,
      CantingEpekenProgress          progress,
      gpointer                       user_data,
      GCancellable                  *cancellable,
      GError                       **error)
{
  g_autoptr(GBytes) csv = canting_epeken_csv (selection);
  g_autoptr(GBytes) pdf = NULL;
  guint total = 1, done = 0;

  for (guint i = 0; i < selection->items->len; i++)
    total += ((CantingEpekenItem *) g_ptr_array_index (selection->items, i))->photos->len;

  if (!sink_file (sink, CANTING_EPEKEN_PRODUCTS_FILE, csv, error) ||
      !sink_folder (sink, CANTING_EPEKEN_PHOTOS_FOLDER, error))
    return FALSE;
  for (guint i = 0; i < selection->items->len; i++)
    {
      const CantingEpekenItem *item = g_ptr_array_index (selection->items, i);

      for (guint n = 0; n < item->photos->len; n++)
        {
          const CantingPhoto *photo = g_ptr_array_index (item->photos, n);
          g_autofree char *name = g_strconcat (CANTING_EPEKEN_PHOTOS_FOLDER "/", item->photo_names[n], NULL);
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
          if (!sink_file (sink, name, jpeg, error))
            return FALSE;
          if (progress != NULL)
            progress (++done, total, user_data);
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (pdf = canting_catalogue_pdf (db, selection, cancellable, error)) == NULL ||
      !sink_file (sink, CANTING_EPEKEN_CATALOGUE_FILE, pdf, error))
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
  if (!fill (db, selection, &(Sink) { .dir = tmp }, progress, user_data, cancellable, error))
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

/* The pack into the open file @fd as a zip: entries streamed as they are
 * made (no folder on the disk), the zip's directory written at the end,
 * everything on the disk before the file is named. */
static gboolean
write_zip (CantingDb                     *db,
           const CantingEpekenSelection  *selection,
           int                            fd,
           const char                    *dest,
           CantingEpekenProgress          progress,
           gpointer                       user_data,
           GCancellable                  *cancellable,
           GError                       **error)
{
  Sink sink = { .zip = archive_write_new (), .dest = dest };
  gboolean ok = TRUE;

  if (archive_write_set_format_zip (sink.zip) != ARCHIVE_OK || archive_write_open_fd (sink.zip, fd) != ARCHIVE_OK)
    ok = archive_failed (&sink, error);
  ok = ok && fill (db, selection, &sink, progress, user_data, cancellable, error);
  if (ok && archive_write_close (sink.zip) != ARCHIVE_OK)
    ok = archive_failed (&sink, error);
  archive_write_free (sink.zip);
  if (ok && fsync (fd) != 0)
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
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean ok;
  int fd;

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
  if (g_mkdir_with_parents (parent, 0700) != 0)
    return io_error (error, _("Cannot make the folder “%s”"), parent);
  /* A hidden new file beside @path (a file, not a folder: inside a
   * Flatpak the document portal lets the app make one there and rename
   * it over the name the person chose, as g_file_set_contents() does). */
  tmp = g_strdup_printf ("%s%c.%s.tmp-XXXXXX", parent, G_DIR_SEPARATOR, base);
  if ((fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    return io_error (error, _("Cannot write the zip file “%s”"), path);
  ok = write_zip (db, selection, fd, path, progress, user_data, cancellable, error);
  if (close (fd) != 0 && ok)
    ok = io_error (error, _("Cannot write the zip file “%s”"), path);
  if (ok && g_rename (tmp, path) != 0)
    ok = io_error (error, _("Cannot put the pack in “%s”"), path);
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }
  sync_parent (path);
  return TRUE;
}
