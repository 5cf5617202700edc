/* test-flatpak.c: the Flatpak manifest builds this project, launches the
 * binary meson builds, and asks for no more than Canting needs; and what
 * `meson install` puts in place (which is what flatpak-builder's meson
 * module installs into /app) is what the desktop file and the metainfo
 * name: the binary, the icons, the schema, the translations.
 *
 * Everything here works offline: the validators themselves
 * (desktop-file-validate, appstreamcli validate --no-net) are the
 * validate-desktop and validate-metainfo tests in data/meson.build. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
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

/* --- a tiny XML tree for the metainfo ------------------------------------ */

typedef struct _Node Node;
struct _Node {
  char *name;
  GHashTable *attrs;
  GString *text;
  GPtrArray *children;
};

static void
node_free (Node *n)
{
  g_free (n->name);
  g_hash_table_unref (n->attrs);
  g_string_free (n->text, TRUE);
  g_ptr_array_unref (n->children);
  g_free (n);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
node_new (const char *name)
{
  Node *n = g_new0 (Node, 1);

  n->name = g_strdup (name);
  n->attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n->text = g_string_new (NULL);
  n->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  return n;
}

static void
xml_start (GMarkupParseContext *context,
           const char          *name,
           const char         **attr_names,
           const char         **attr_values,
           gpointer             data,
           GError             **error)
{
  GQueue *stack = data;
  Node *n = node_new (name);

  for (guint i = 0; attr_names[i] != NULL; i++)
    g_hash_table_insert (n->attrs, g_strdup (attr_names[i]), g_strdup (attr_values[i]));
  if (!g_queue_is_empty (stack))
    g_ptr_array_add (((Node *) g_queue_peek_head (stack))->children, n);
  g_queue_push_head (stack, n);
}

static void
xml_end (GMarkupParseContext *context,
         const char          *name,
         gpointer             data,
         GError             **error)
{
  GQueue *stack = data;

  /* The root stays, to be returned. */
  if (g_queue_get_length (stack) > 1)
    g_queue_pop_head (stack);
}

static void
xml_text (GMarkupParseContext *context,
          const char          *text,
          gsize                len,
          gpointer             data,
          GError             **error)
{
  g_string_append_len (((Node *) g_queue_peek_head (data))->text, text, (gssize) len);
}

static Node *
xml_load (const char *path)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  GQueue stack = G_QUEUE_INIT;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  context = g_markup_parse_context_new (&parser, 0, &stack, NULL);
  g_markup_parse_context_parse (context, contents, (gssize) len, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_queue_get_length (&stack), ==, 1);
  return g_queue_pop_head (&stack);
}

/* (transfer container) the children of @n named @name. */
static GPtrArray *
children (Node       *n,
          const char *name)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < n->children->len; i++)
    if (g_str_equal (((Node *) g_ptr_array_index (n->children, i))->name, name))
      g_ptr_array_add (found, g_ptr_array_index (n->children, i));
  return found;
}

/* The one child @name of @n (the test fails unless there is exactly one,
 * leaving out the translated copies with xml:lang). */
static Node *
child (Node       *n,
       const char *name)
{
  Node *found = NULL;

  for (guint i = 0; i < n->children->len; i++)
    {
      Node *c = g_ptr_array_index (n->children, i);

      if (g_str_equal (c->name, name) && g_hash_table_lookup (c->attrs, "xml:lang") == NULL)
        {
          if (found != NULL)
            g_error ("<%s> has more than one <%s>", n->name, name);
          found = c;
        }
    }
  if (found == NULL)
    g_error ("<%s> has no <%s>", n->name, name);
  return found;
}

static char *
text_of (Node *n)
{
  return g_strstrip (g_strdup (n->text->str));
}

/* --- what meson installs ---------------------------------------------------- */

/* The install tree, made once by `meson install --destdir` into a temp
 * dir; its prefix dir within it. */
static char *destdir;
static char *installed;

static char *
installed_path (const char *first,
                ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (parts, installed);
  va_start (ap, first);
  for (const char *p = first; p != NULL; p = va_arg (ap, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (ap);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static void
assert_installed (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_error ("meson does not install %s", path + strlen (destdir));
}

static void
install_tree (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;
  const char *build_root = g_getenv ("CANTING_BUILD_ROOT");
  char *tmpl = g_build_filename (g_get_tmp_dir (), "canting-install-XXXXXX", NULL);

  destdir = g_mkdtemp (tmpl);
  g_assert_nonnull (destdir);
  /* --no-rebuild: the test suite only runs once the build is done. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                           g_getenv ("CANTING_MESON"), "install", "-C", build_root, "--no-rebuild",
                           "--destdir", destdir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("meson install failed:\n%s", out);
  installed = g_build_filename (destdir, g_getenv ("CANTING_PREFIX"), NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *sub = g_build_filename (path, name, NULL);

        if (g_file_test (sub, G_FILE_TEST_IS_DIR) && !g_file_test (sub, G_FILE_TEST_IS_SYMLINK))
          remove_tree (sub);
        else
          g_unlink (sub);
      }
  g_rmdir (path);
}

/* Every file under @dir, as paths relative to @top. */
static void
list_files (const char *top,
            const char *dir,
            GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *sub = g_build_filename (dir, name, NULL);

      if (g_file_test (sub, G_FILE_TEST_IS_DIR))
        list_files (top, sub, out);
      else
        g_ptr_array_add (out, g_strdup (sub + strlen (top) + 1));
    }
}

static const char *
command (void)
{
  return json_object_get_string_member (manifest, "command");
}

/* The desktop file: installed under the app id (Flatpak exports only
 * files named by it), starting the binary the manifest runs, with an
 * icon meson installs, and its keywords in English and Indonesian. */
static void
test_installed_desktop_file (void)
{
  g_autofree char *path = installed_path ("share", "applications", APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) desktop = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *binary = NULL;
  g_autofree char *scalable = NULL;
  g_autofree char *symbolic = NULL;
  g_autofree char *keywords_id = NULL;
  g_autofree char *comment_id = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) keywords = NULL;
  g_auto(GStrv) categories = NULL;

  assert_installed (path);
  g_assert_true (g_key_file_load_from_file (desktop, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error));
  g_assert_no_error (error);

  exec = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_assert_true (g_shell_parse_argv (exec, NULL, &argv, NULL));
  g_assert_cmpstr (argv[0], ==, command ());
  binary = installed_path ("bin", argv[0], NULL);
  assert_installed (binary);
  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));

  icon = g_key_file_get_string (desktop, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, APP_ID);
  {
    g_autofree char *svg = g_strconcat (icon, ".svg", NULL);
    g_autofree char *symbolic_svg = g_strconcat (icon, "-symbolic.svg", NULL);

    scalable = installed_path ("share", "icons", "hicolor", "scalable", "apps", svg, NULL);
    symbolic = installed_path ("share", "icons", "hicolor", "symbolic", "apps", symbolic_svg, NULL);
  }
  assert_installed (scalable);
  assert_installed (symbolic);

  categories = g_key_file_get_string_list (desktop, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_CATEGORIES,
                                           NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) categories, "Office"));

  /* The untranslated keywords hold English and the Indonesian words
   * people search for; the Indonesian translation is merged in. */
  keywords = g_key_file_get_string_list (desktop, G_KEY_FILE_DESKTOP_GROUP, "Keywords", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) keywords, "batik"));
  g_assert_true (g_strv_contains ((const char * const *) keywords, "orders"));
  g_assert_true (g_strv_contains ((const char * const *) keywords, "pesanan"));
  keywords_id = g_key_file_get_locale_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Keywords", "id", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (keywords_id, "bengkel"));
  comment_id = g_key_file_get_locale_string (desktop, G_KEY_FILE_DESKTOP_GROUP, "Comment", "id", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (comment_id), >, 0);
}

/* A PNG's width and height from its IHDR chunk. */
static void
png_size (const char *path,
          guint32    *width,
          guint32    *height)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = GUINT32_FROM_BE (*(guint32 *) (data + 16));
  *height = GUINT32_FROM_BE (*(guint32 *) (data + 20));
}

/* The metainfo: installed under the app id, launching the installed
 * desktop file, complete for a software centre (OARS, a release with
 * notes, categories, keywords in both languages, screenshots that are
 * files of this repository with captions), and translated with the
 * gettext domain meson installs. */
static void
test_installed_metainfo (void)
{
  g_autofree char *path = installed_path ("share", "metainfo", APP_ID ".metainfo.xml", NULL);
  g_autoptr(Node) root = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GPtrArray) shots = NULL;
  g_autoptr(GPtrArray) keywords = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autofree char *id = NULL;
  g_autofree char *launchable = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *mo = NULL;
  const char *prefix = "https://raw.githubusercontent.com/canting/canting/main/";
  Node *rating;
  Node *launch;
  guint english = 0, indonesian = 0, defaults = 0;

  assert_installed (path);
  root = xml_load (path);
  g_assert_cmpstr (root->name, ==, "component");
  g_assert_cmpstr (g_hash_table_lookup (root->attrs, "type"), ==, "desktop-application");
  id = text_of (child (root, "id"));
  g_assert_cmpstr (id, ==, APP_ID);

  launch = child (root, "launchable");
  g_assert_cmpstr (g_hash_table_lookup (launch->attrs, "type"), ==, "desktop-id");
  launchable = text_of (launch);
  desktop = installed_path ("share", "applications", launchable, NULL);
  assert_installed (desktop);

  rating = child (root, "content_rating");
  g_assert_cmpstr (g_hash_table_lookup (rating->attrs, "type"), ==, "oars-1.1");

  /* The newest release first, for this version, with its notes. */
  releases = children (child (root, "releases"), "release");
  g_assert_cmpuint (releases->len, >=, 1);
  g_assert_cmpstr (g_hash_table_lookup (((Node *) releases->pdata[0])->attrs, "version"), ==, PACKAGE_VERSION);
  g_assert_nonnull (g_hash_table_lookup (((Node *) releases->pdata[0])->attrs, "date"));
  g_assert_cmpuint (child (releases->pdata[0], "description")->children->len, >=, 1);

  categories = children (child (root, "categories"), "category");
  g_assert_cmpuint (categories->len, >=, 1);
  g_assert_cmpstr (((Node *) categories->pdata[0])->text->str, ==, "Office");

  keywords = children (child (root, "keywords"), "keyword");
  for (guint i = 0; i < keywords->len; i++)
    {
      Node *k = keywords->pdata[i];
      const char *lang = g_hash_table_lookup (k->attrs, "xml:lang");

      english += lang == NULL && g_str_equal (k->text->str, "wastewater");
      indonesian += lang == NULL && g_str_equal (k->text->str, "pesanan");
      indonesian += lang != NULL && g_str_equal (lang, "id") && g_str_equal (k->text->str, "air limbah");
    }
  g_assert_cmpuint (english, ==, 1);
  g_assert_cmpuint (indonesian, ==, 2);

  shots = children (child (root, "screenshots"), "screenshot");
  g_assert_cmpuint (shots->len, >=, 2);
  for (guint i = 0; i < shots->len; i++)
    {
      Node *shot = shots->pdata[i];
      g_autofree char *url = text_of (child (shot, "image"));
      g_autofree char *caption = text_of (child (shot, "caption"));
      g_autofree char *file = NULL;
      guint32 width, height;

      defaults += g_strcmp0 (g_hash_table_lookup (shot->attrs, "type"), "default") == 0;
      g_assert_cmpuint (strlen (caption), >, 0);
      /* A file of this repository (software centres fetch it from its
       * main branch), taken at the 1366×768 the app is made for. */
      g_assert_true (g_str_has_prefix (url, prefix));
      file = g_build_filename (g_getenv ("CANTING_SOURCE_ROOT"), url + strlen (prefix), NULL);
      g_test_message ("screenshot %s: %s", url + strlen (prefix), caption);
      png_size (file, &width, &height);
      g_assert_cmpuint (width, ==, 1366);
      g_assert_cmpuint (height, ==, 768);
    }
  g_assert_cmpuint (defaults, ==, 1);

  domain = text_of (child (root, "translation"));
  g_assert_cmpstr (domain, ==, GETTEXT_PACKAGE);
  {
    g_autofree char *mo_name = g_strconcat (domain, ".mo", NULL);

    mo = installed_path ("share", "locale", "id", "LC_MESSAGES", mo_name, NULL);
  }
  assert_installed (mo);
}

/* The settings schema the app reads, under the app id. */
static void
test_installed_schema (void)
{
  g_autofree char *path = installed_path ("share", "glib-2.0", "schemas", APP_ID ".gschema.xml", NULL);
  g_autoptr(Node) root = NULL;
  g_autoptr(GPtrArray) schemas = NULL;

  assert_installed (path);
  root = xml_load (path);
  schemas = children (root, "schema");
  g_assert_cmpuint (schemas->len, ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (((Node *) schemas->pdata[0])->attrs, "id"), ==, APP_ID);
}

/* Nothing else: what Flatpak exports (desktop files, icons, metainfo)
 * is named by the app id, there are no headers or libraries for the
 * manifest's cleanup to catch, and every file is one of the kinds
 * above. */
static void
test_installed_nothing_else (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  static const char * const binaries[] = { GUI_EXECUTABLE, "canting-cli", NULL };

  list_files (installed, installed, files);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *f = files->pdata[i];
      g_autofree char *base = g_path_get_basename (f);

      g_test_message ("installed %s", f);
      if (g_str_has_prefix (f, "bin/"))
        g_assert_true (g_strv_contains (binaries, base));
      else if (g_str_has_prefix (f, "share/applications/") || g_str_has_prefix (f, "share/icons/")
               || g_str_has_prefix (f, "share/metainfo/") || g_str_has_prefix (f, "share/glib-2.0/schemas/"))
        g_assert_true (g_str_has_prefix (base, APP_ID));
      else if (g_str_has_prefix (f, "share/locale/"))
        g_assert_cmpstr (base, ==, GETTEXT_PACKAGE ".mo");
      else
        g_error ("meson installs %s, which this test does not know: check that the Flatpak needs it "
                 "(and exports it under the app id, if it is a desktop file, icon or metainfo), then add it here", f);
    }
}

/* flatpak-builder reads the manifest as this test does (it is offline:
 * no runtime is needed to show it). */
static void
test_flatpak_builder_reads_manifest (void)
{
  g_autofree char *builder = g_find_program_in_path ("flatpak-builder");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *shown;

  if (builder == NULL)
    {
      g_test_skip ("flatpak-builder is not installed (Debian package flatpak-builder)");
      return;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           builder, "--show-manifest", g_getenv ("CANTING_FLATPAK_MANIFEST"), NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("flatpak-builder --show-manifest: %s", err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  shown = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (shown, "id"), ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (shown, "command"), ==, GUI_EXECUTABLE);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "modules")), ==,
                    json_array_get_length (json_object_get_array_member (manifest, "modules")));
}

int
main (int   argc,
      char *argv[])
{
  int rc;

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
  g_test_add_func ("/flatpak/flatpak-builder-reads-manifest", test_flatpak_builder_reads_manifest);
  g_test_add_func ("/flatpak/installed/desktop-file", test_installed_desktop_file);
  g_test_add_func ("/flatpak/installed/metainfo", test_installed_metainfo);
  g_test_add_func ("/flatpak/installed/schema", test_installed_schema);
  g_test_add_func ("/flatpak/installed/nothing-else", test_installed_nothing_else);

  install_tree ();
  rc = g_test_run ();
  remove_tree (destdir);
  return rc;
}
