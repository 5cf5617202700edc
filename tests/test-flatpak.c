/* test-flatpak.c: the Flatpak manifest builds this project, launches the
 * binary meson builds, and asks for no more than Canting needs. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

static JsonObject *manifest;

static void
test_identity (void)
{
  g_assert_cmpstr (json_object_get_string_member (manifest, "id"), ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, GUI_EXECUTABLE);
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  /* A GNOME runtime from 2025 or later: GTK 4.8 / libadwaita 1.2 code
   * builds there, and older runtimes are end-of-life. */
  g_assert_cmpint (g_ascii_strtoll (json_object_get_string_member (manifest, "runtime-version"), NULL, 10),
                   >=, 48);
}

/* Network for publishing, a display (Wayland, X11 only as fallback),
 * IPC and GPU.  No files outside the sandbox (the data dir is private to
 * the app; photos come through the file-chooser portal), and secrets go
 * through the portal, not the host keyring's bus name. */
static void
test_permissions (void)
{
  static const char * const allowed[] = {
    "--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri", NULL,
  };
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  guint n = json_array_get_length (args);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const char *arg = json_array_get_string_element (args, i);
      g_test_message ("finish-arg %s", arg);
      g_assert_true (g_strv_contains (allowed, arg));
      g_hash_table_add (seen, (gpointer) arg);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_strv_length ((char **) allowed));
}

static void
test_builds_this_project (void)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *last = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  JsonObject *source = json_array_get_object_element (json_object_get_array_member (last, "sources"), 0);
  JsonArray *opts = json_object_get_array_member (last, "config-opts");
  g_autofree char *manifest_dir = g_path_get_dirname (g_getenv ("CANTING_FLATPAK_MANIFEST"));
  g_autofree char *source_dir = NULL;
  g_autofree char *meson_build = NULL;
  g_autofree char *contents = NULL;
  gboolean tests_off = FALSE;

  g_assert_cmpstr (json_object_get_string_member (last, "name"), ==, "canting");
  g_assert_cmpstr (json_object_get_string_member (last, "buildsystem"), ==, "meson");
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "dir");

  /* The source dir is this checkout: its meson.build is project canting. */
  source_dir = g_build_filename (manifest_dir, json_object_get_string_member (source, "path"), NULL);
  meson_build = g_build_filename (source_dir, "meson.build", NULL);
  g_assert_true (g_file_get_contents (meson_build, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "project('canting'"));

  for (guint i = 0; i < json_array_get_length (opts); i++)
    tests_off |= g_str_equal (json_array_get_string_element (opts, i), "-Dtests=false");
  g_assert_true (tests_off);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("CANTING_FLATPAK_MANIFEST");

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (path);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  manifest = json_node_get_object (json_parser_get_root (parser));

  g_test_add_func ("/flatpak/identity", test_identity);
  g_test_add_func ("/flatpak/permissions", test_permissions);
  g_test_add_func ("/flatpak/builds-this-project", test_builds_this_project);
  return g_test_run ();
}
