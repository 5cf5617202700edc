/* canting-test-util.c: helpers shared by the core tests. */
#include "canting-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

char *
canting_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("canting-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
canting_test_rmdir (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  remove_tree (file);
}

char *
canting_test_dump (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", name);
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (tables, 1));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              if (sqlite3_column_type (rows, c) == SQLITE_BLOB)
                {
                  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                                      sqlite3_column_blob (rows, c),
                                                                      (gsize) sqlite3_column_bytes (rows, c));
                  g_string_append_printf (out, "blob:%s|", sum);
                }
              else
                g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (rows, c));
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

GBytes *
canting_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

gint64
canting_test_query_int (sqlite3    *db,
                        const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

char *
canting_test_pdf_text (const char *path,
                       gboolean    layout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = layout
    ? g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                        "pdftotext", "-layout", path, "-", NULL)
    : g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", path, "-", NULL);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  return out;
}

/* --- a private keyring ------------------------------------------------------- */


struct _CantingTestKeyring
{
  GTestDBus *bus;
  char *dir;
  GPid pid;
};

/* How long gnome-keyring-daemon may take to claim its name: it starts in
 * well under a second; a loaded CI machine gets ten. */
#define KEYRING_START_TIMEOUT_US (10 * G_USEC_PER_SEC)

static gboolean
secrets_name_owned (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 2000,
                                                           NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

CantingTestKeyring *
canting_test_keyring_start (void)
{
  g_autoptr(GError) error = NULL;
  CantingTestKeyring *k = g_new0 (CantingTestKeyring, 1);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;
  g_auto(GStrv) envp = NULL;
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets", NULL };
  int stdin_fd = -1;
  gint64 deadline;

  k->dir = canting_test_mkdtemp ();
  home = g_build_filename (k->dir, "home", NULL);
  runtime = g_build_filename (k->dir, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);

  k->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (k->bus);
  if (g_test_dbus_get_bus_address (k->bus) == NULL)
    g_error ("keyring: the private D-Bus session bus did not start (is dbus-daemon installed?)");

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "HOME", home, TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", runtime, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (k->bus), TRUE);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                 G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &k->pid, &stdin_fd, NULL, NULL, &error))
    g_error ("keyring: gnome-keyring-daemon could not be started: %s", error->message);
  /* --unlock reads the login keyring's password from stdin: an empty
   * line (with nothing at all, no login keyring is made and storing
   * fails for want of a default collection). */
  if (write (stdin_fd, "\n", 1) != 1)
    g_error ("keyring: could not give gnome-keyring-daemon its password");
  close (stdin_fd);

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (k->bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  if (connection == NULL)
    g_error ("keyring: cannot reach the private bus: %s", error->message);
  deadline = g_get_monotonic_time () + KEYRING_START_TIMEOUT_US;
  while (!secrets_name_owned (connection))
    {
      int status = 0;

      if (waitpid (k->pid, &status, WNOHANG) == k->pid)
        g_error ("keyring: gnome-keyring-daemon exited (status %d) before offering the secret service", status);
      if (g_get_monotonic_time () > deadline)
        g_error ("keyring: gnome-keyring-daemon did not offer the secret service within 10 seconds");
      g_usleep (20000);
    }
  return k;
}

void
canting_test_keyring_stop (CantingTestKeyring *k)
{
  g_autoptr(GDBusConnection) session = NULL;

  if (k == NULL)
    return;
  /* libsecret keeps its connection to the bus for the life of the
   * process: closing the bus under it must not end the process. */
  session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (session != NULL)
    g_dbus_connection_set_exit_on_close (session, FALSE);
  kill (k->pid, SIGTERM);
  waitpid (k->pid, NULL, 0);
  g_spawn_close_pid (k->pid);
  /* Not g_test_dbus_down(), which waits for that connection to go; and
   * the GTestDBus is left alive, since disposing it would do the same. */
  g_test_dbus_stop (k->bus);
  canting_test_rmdir (k->dir);
  g_free (k->dir);
  g_free (k);
}

GBytes *
canting_test_image_header (const char *format,
                           guint       width,
                           guint       height,
                           const char *tail)
{
  GByteArray *out = g_byte_array_new ();

  if (g_str_equal (format, "png"))
    {
      const guint8 head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                              width >> 24, width >> 16, width >> 8, width, height >> 24, height >> 16,
                              height >> 8, height, 8, 6, 0, 0, 0 };
      g_byte_array_append (out, head, sizeof head);
    }
  else
    {
      /* SOI, then a baseline start-of-frame of three components. */
      const guint8 head[] = { 0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, height >> 8, height, width >> 8, width, 3,
                              1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 };
      g_assert_cmpstr (format, ==, "jpeg");
      g_byte_array_append (out, head, sizeof head);
    }
  if (tail != NULL)
    g_byte_array_append (out, (const guint8 *) tail, (guint) strlen (tail));
  return g_byte_array_free_to_bytes (out);
}

CantingTestCliResult
canting_test_run_cli (const char *input,
                      const char *first,
                      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  CantingTestCliResult r = { 0 };
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CANTING_CLI"));
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (proc);
  if (r.status != 0)
    g_test_message ("canting-cli %s: status %d\n%s%s", first, r.status, r.out, r.err);
  return r;
}

void
canting_test_cli_result_clear (CantingTestCliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}
