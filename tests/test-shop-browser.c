/* test-shop-browser.c: the practice shop's web page in a real browser.
 *
 * What a trainer shows on the projector: a product made in Canting,
 * published through canting-cli to `canting-cli practice-shop`, appears on
 * the shop's page with its name, its price in rupiah, its stock and its
 * photo, and the photo really loads.  The browser is Debian's headless
 * Chromium, driven through chromedriver's W3C WebDriver protocol over
 * HTTP (libsoup and json-glib here, no Python packages), so the test can
 * ask the page itself whether each <img> decoded (naturalWidth > 0),
 * which no HTML parser can tell.
 *
 * Every server is on 127.0.0.1 and stopped at the end: the shop by
 * SIGTERM (and its own --time-limit should this process die), chromedriver
 * and its Chromium by their process group (also from a SIGABRT handler, so
 * a failed assertion leaves no browser behind).  The channel's password
 * goes into a keyring of the test's own (canting-test-util.c).  Skipped,
 * with the reason, only when chromium or chromedriver is not installed. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "canting-db.h"
#include "canting-product.h"
#include "canting-test-util.h"

#define SHOP_USER "pelatih"
#define SHOP_PASSWORD "abcd EFGH 1234 ijkl MNOP 5678"

#define PRODUCT_SKU "BTK-KWG-01"
#define PRODUCT_NAME "Batik Tulis Kawung Blitar"
#define PRODUCT_PRICE 1250000
#define PRODUCT_PRICE_TEXT "Rp 1.250.000"
#define PRODUCT_STOCK 4

/* The photo's size in pixels: the browser must report exactly it. */
#define PHOTO_WIDTH 640
#define PHOTO_HEIGHT 480

/* Generous bounds for a loaded 2-core machine: chromedriver and the shop
 * start in well under a second, Chromium in one or two. */
#define START_TIMEOUT_US (20 * G_USEC_PER_SEC)
#define WEBDRIVER_TIMEOUT_S 60
/* The shop ends by itself after this, should the test die before it
 * stops it. */
#define SHOP_TIME_LIMIT "120"

/* chromedriver's process group, for the SIGABRT handler. */
static volatile pid_t browser_group = 0;

static void
kill_browser_on_abort (int sig)
{
  if (browser_group > 0)
    kill (-browser_group, SIGKILL);
  signal (sig, SIG_DFL);
  raise (sig);
}

/* The shop ends when this process does, however it ends. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* chromedriver and the Chromium it starts in a group of their own, so
 * one kill ends them all. */
static void
own_group_die_with_parent (gpointer data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

typedef CantingTestCliResult Result;
#define result_clear canting_test_cli_result_clear


/* Waits until the file at @path has a line starting with @prefix and
 * returns the rest of that line; fails the test after START_TIMEOUT_US or
 * when @proc ends first. */
static char *
wait_for_line (GSubprocess *proc,
               const char  *path,
               const char  *prefix)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  for (;;)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL))
        {
          g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            {
              const char *found = strstr (lines[i], prefix);

              /* A line is only read once it is complete. */
              if (found != NULL && lines[i + 1] != NULL)
                return g_strstrip (g_strdup (found + strlen (prefix)));
            }
        }
      if (g_subprocess_get_identifier (proc) == NULL)
        g_error ("%s ended before printing “%s”:\n%s", path, prefix, contents ? contents : "");
      if (g_get_monotonic_time () > deadline)
        g_error ("no “%s” in %s within %d s:\n%s", prefix, path, (int) (START_TIMEOUT_US / G_USEC_PER_SEC),
                 contents ? contents : "");
      g_usleep (50000);
    }
}

static GBytes *
draw_png (int width,
          int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *file = NULL;
  g_autofree char *data = NULL;
  gsize size;
  int fd;

  /* Indigo cloth with ochre dots, a kawung-like pattern, so the
   * screenshot shows a picture and not a blank box. */
  cairo_set_source_rgb (cr, 0.18, 0.16, 0.35);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.85, 0.62, 0.25);
  for (int y = 0; y < height; y += height / 6)
    for (int x = 0; x < width; x += width / 8)
      {
        cairo_arc (cr, x + width / 16.0, y + height / 12.0, height / 20.0, 0, 2 * G_PI);
        cairo_fill (cr);
      }
  cairo_destroy (cr);
  fd = g_file_open_tmp ("canting-browser-XXXXXX.png", &file, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_cmpint (cairo_surface_write_to_png (surface, file), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (file, &data, &size, NULL));
  g_unlink (file);
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/* A workshop at @ws with one product and its photo.  canting-cli imports
 * products but has no photo column, so the photo is added through the
 * core, as the Produk page adds it. */
static void
make_workshop (const char *dir,
               const char *ws)
{
  g_autofree char *csv = g_build_filename (dir, "produk.csv", NULL);
  g_autofree char *db_path = g_build_filename (ws, "canting.db", NULL);
  g_autofree char *line = g_strdup_printf ("%s;%s;Kawung;tulis;%d;%d\n", PRODUCT_SKU, PRODUCT_NAME,
                                           PRODUCT_PRICE, PRODUCT_STOCK);
  g_autofree char *contents = g_strconcat ("sku;nama;motif;teknik;harga;stok\n", line, NULL);
  g_autoptr(CantingDb) db = NULL;
  g_autoptr(GBytes) photo = draw_png (PHOTO_WIDTH, PHOTO_HEIGHT);
  g_autoptr(GBytes) thumbnail = draw_png (PHOTO_WIDTH / 4, PHOTO_HEIGHT / 4);
  g_autoptr(GError) error = NULL;
  sqlite3 *sql = NULL;
  gint64 product_id;
  Result r;

  g_assert_true (g_file_set_contents (csv, contents, -1, NULL));
  r = canting_test_run_cli (NULL, "--data-dir", ws, "import", "products", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  g_assert_cmpint (sqlite3_open (db_path, &sql), ==, SQLITE_OK);
  product_id = canting_test_query_int (sql, "SELECT id FROM products WHERE sku = '" PRODUCT_SKU "'");
  sqlite3_close (sql);

  db = canting_db_open (ws, &error);
  g_assert_no_error (error);
  g_assert_true (canting_product_photo_add (db, product_id, photo, thumbnail, &error));
  g_assert_no_error (error);
}

/* --- WebDriver ---------------------------------------------------------------- */

typedef struct {
  SoupSession *session;
  char *base;         /* http://127.0.0.1:PORT/session/ID */
} Driver;

/* One WebDriver command; (transfer full) its "value", after failing the
 * test on an error reply. */
static JsonNode *
webdriver (SoupSession *session,
           const char  *method,
           const char  *url,
           const char  *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), (gssize) g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  if (soup_message_get_status (msg) != 200)
    {
      JsonObject *value = json_object_get_object_member (root, "value");

      g_error ("WebDriver %s %s: %u %s: %s", method, url, soup_message_get_status (msg),
               json_object_get_string_member_with_default (value, "error", "?"),
               json_object_get_string_member_with_default (value, "message", "?"));
    }
  return json_node_copy (json_object_get_member (root, "value"));
}

static JsonNode *
driver_command (Driver     *d,
                const char *method,
                const char *path,
                const char *body)
{
  g_autofree char *url = g_strconcat (d->base, path, NULL);

  return webdriver (d->session, method, url, body);
}

/* Runs @script in the page as an async script (its last argument is the
 * callback) and returns what it passed back. */
static JsonObject *
driver_script (Driver     *d,
               const char *script)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) value = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "script");
  json_builder_add_string_value (builder, script);
  json_builder_set_member_name (builder, "args");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);
  value = driver_command (d, "POST", "/execute/async", body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (value));
  return json_object_ref (json_node_get_object (value));
}

static void
driver_go (Driver     *d,
           const char *url)
{
  g_autofree char *body = g_strdup_printf ("{\"url\": \"%s\"}", url);
  g_autoptr(JsonNode) value = driver_command (d, "POST", "/url", body);
}

/* What the page shows once every image has finished loading (or failed):
 * its language, title, and per product card or single product the
 * heading, price, stock and each image's state as the browser sees it. */
static const char page_script[] =
  "const done = arguments[arguments.length - 1];"
  "const text = (root, sel) => { const e = root.querySelector(sel); return e ? e.innerText.trim() : null; };"
  "const look = () => ({"
  "  lang: document.documentElement.lang,"
  "  title: document.title,"
  "  cards: [...document.querySelectorAll('.card')].map(c => ({"
  "    href: c.getAttribute('href') || '',"
  "    name: text(c, 'h1, h2'), price: text(c, '.price'), stock: text(c, '.stock'),"
  "    images: [...c.querySelectorAll('img')].map(i => ({ src: i.currentSrc, alt: i.alt, complete: i.complete,"
  "      naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,"
  "      shownWidth: i.getBoundingClientRect().width, shownHeight: i.getBoundingClientRect().height }))"
  "  }))"
  "});"
  "const check = () => [...document.images].every(i => i.complete) ? done(look()) : setTimeout(check, 50);"
  "if (document.readyState === 'complete') check(); else window.addEventListener('load', check);";

static JsonObject *
only_card (JsonObject *page)
{
  JsonArray *cards = json_object_get_array_member (page, "cards");

  g_assert_cmpuint (json_array_get_length (cards), ==, 1);
  return json_array_get_object_element (cards, 0);
}

/* The card shows the product with its price in rupiah, its stock and
 * its photo, decoded at its real size and drawn at a visible size. */
static void
assert_card (JsonObject *card,
             const char *stock_text)
{
  JsonArray *images = json_object_get_array_member (card, "images");
  JsonObject *img;

  g_assert_cmpstr (json_object_get_string_member (card, "name"), ==, PRODUCT_NAME);
  g_assert_cmpstr (json_object_get_string_member (card, "price"), ==, PRODUCT_PRICE_TEXT);
  g_assert_cmpstr (json_object_get_string_member (card, "stock"), ==, stock_text);
  g_assert_cmpuint (json_array_get_length (images), ==, 1);
  img = json_array_get_object_element (images, 0);
  g_test_message ("image %s: %" G_GINT64_FORMAT "×%" G_GINT64_FORMAT ", shown %.0f×%.0f",
                  json_object_get_string_member (img, "src"),
                  json_object_get_int_member (img, "naturalWidth"), json_object_get_int_member (img, "naturalHeight"),
                  json_object_get_double_member (img, "shownWidth"), json_object_get_double_member (img, "shownHeight"));
  g_assert_true (json_object_get_boolean_member (img, "complete"));
  g_assert_cmpint (json_object_get_int_member (img, "naturalWidth"), ==, PHOTO_WIDTH);
  g_assert_cmpint (json_object_get_int_member (img, "naturalHeight"), ==, PHOTO_HEIGHT);
  g_assert_cmpfloat (json_object_get_double_member (img, "shownWidth"), >, 100);
  g_assert_cmpfloat (json_object_get_double_member (img, "shownHeight"), >, 100);
  g_assert_cmpstr (json_object_get_string_member (img, "alt"), ==, PRODUCT_NAME);
}

/* The screenshot as a file next to the test's log, for a person to look
 * at; it must be a PNG of the window's size. */
static void
save_screenshot (Driver     *d,
                 const char *name)
{
  g_autoptr(JsonNode) value = driver_command (d, "GET", "/screenshot", NULL);
  g_autofree guchar *png = NULL;
  gsize size = 0;
  const char *out_dir = g_getenv ("CANTING_TEST_OUTPUT");
  g_autofree char *path = NULL;

  png = g_base64_decode (json_node_get_string (value), &size);
  g_assert_cmpuint (size, >, 24);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  /* IHDR: width and height, big-endian, at bytes 16 and 20. */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (png + 16)), ==, 1366);
  if (out_dir == NULL)
    return;
  path = g_build_filename (out_dir, name, NULL);
  g_assert_true (g_file_set_contents (path, (const char *) png, (gssize) size, NULL));
  g_test_message ("screenshot: %s", path);
}

static void
stop_process (GSubprocess *proc,
              int          sig)
{
  if (g_subprocess_get_identifier (proc) != NULL)
    g_subprocess_send_signal (proc, sig);
  g_subprocess_wait (proc, NULL, NULL);
}

static void
test_published_product_in_browser (void)
{
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *chromedriver = g_find_program_in_path ("chromedriver");
  g_autofree char *dir = NULL;
  g_autofree char *ws = NULL;
  g_autofree char *shop_log = NULL;
  g_autofree char *driver_log = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *shop_url = NULL;
  g_autofree char *port = NULL;
  g_autofree char *password_line = g_strconcat (SHOP_PASSWORD, "\n", NULL);
  g_autofree char *stock_text = NULL;
  g_autofree char *product_url = NULL;
  g_autofree char *session_body = NULL;
  g_autoptr(GSubprocessLauncher) shop_launcher = NULL;
  g_autoptr(GSubprocessLauncher) driver_launcher = NULL;
  g_autoptr(GSubprocess) shop = NULL;
  g_autoptr(GSubprocess) driver = NULL;
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) single = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shop_output = NULL;
  CantingTestKeyring *keyring = NULL;
  gboolean indonesian;
  Driver d = { 0 };
  Result r;
  gint64 start = g_get_monotonic_time ();

  if (chromium == NULL || chromedriver == NULL)
    {
      g_test_skip ("chromium or chromedriver is not installed (Debian packages chromium and chromium-driver; "
                   "build-aux/dev.sh installs them)");
      return;
    }

  keyring = canting_test_keyring_start ();
  dir = canting_test_mkdtemp ();
  ws = g_build_filename (dir, "bengkel", NULL);
  shop_log = g_build_filename (dir, "shop.log", NULL);
  driver_log = g_build_filename (dir, "chromedriver.log", NULL);
  profile = g_build_filename (dir, "chromium-profile", NULL);
  make_workshop (dir, ws);

  /* The shop as a trainer starts it, in Indonesian when this machine
   * has the locale (dev.sh makes it), as the projector shows it. */
  indonesian = setlocale (LC_MESSAGES, "id_ID.UTF-8") != NULL;
  setlocale (LC_ALL, "C.UTF-8");
  stock_text = g_strdup_printf (indonesian ? "Stok: %d" : "Stock: %d", PRODUCT_STOCK);
  shop_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (shop_launcher, shop_log);
  g_subprocess_launcher_set_child_setup (shop_launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (shop_launcher, "CANTING_SHOP_USER", SHOP_USER, TRUE);
  g_subprocess_launcher_setenv (shop_launcher, "CANTING_SHOP_APP_PASSWORD", SHOP_PASSWORD, TRUE);
  if (indonesian)
    {
      g_subprocess_launcher_setenv (shop_launcher, "LC_ALL", "id_ID.UTF-8", TRUE);
      g_subprocess_launcher_setenv (shop_launcher, "LANGUAGE", "id", TRUE);
    }
  shop = g_subprocess_launcher_spawn (shop_launcher, &error, g_getenv ("CANTING_CLI"), "practice-shop",
                                      "--time-limit", SHOP_TIME_LIMIT, NULL);
  g_assert_no_error (error);
  shop_url = wait_for_line (shop, shop_log, "Listening on ");
  g_assert_true (g_str_has_prefix (shop_url, "http://127.0.0.1:"));

  /* Published from Canting: the password from stdin into the keyring,
   * then the photo upload and the product. */
  r = canting_test_run_cli (password_line, "--data-dir", ws, "channel", "add", "--name", "Toko Latihan", "--url", shop_url,
                     "--user", SHOP_USER, NULL);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);
  r = canting_test_run_cli (NULL, "--data-dir", ws, "publish", "--channel", "Toko Latihan", "--all", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Sent: 1. Refused: 0."));
  result_clear (&r);

  /* chromedriver on a free port of 127.0.0.1 (port 0: it picks and
   * prints one). */
  driver_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (driver_launcher, driver_log);
  g_subprocess_launcher_set_child_setup (driver_launcher, own_group_die_with_parent, NULL, NULL);
  driver = g_subprocess_launcher_spawn (driver_launcher, &error, chromedriver, "--port=0",
                                        "--allowed-ips=127.0.0.1", NULL);
  g_assert_no_error (error);
  browser_group = (pid_t) g_ascii_strtoll (g_subprocess_get_identifier (driver), NULL, 10);
  port = wait_for_line (driver, driver_log, "was started successfully on port ");
  if (g_str_has_suffix (port, "."))
    port[strlen (port) - 1] = '\0';

  d.session = soup_session_new_with_options ("timeout", WEBDRIVER_TIMEOUT_S, NULL);
  /* Headless, a laptop's screen, a profile of its own, and none of the
   * background connections to Google that a closed network refuses. */
  session_body = g_strdup_printf (
    "{\"capabilities\": {\"alwaysMatch\": {\"goog:chromeOptions\": {\"binary\": \"%s\", \"args\": ["
    "\"--headless=new\", \"--no-sandbox\", \"--disable-gpu\", \"--disable-dev-shm-usage\", \"--disable-quic\","
    "\"--no-first-run\", \"--disable-background-networking\", \"--disable-component-update\", \"--disable-sync\","
    "\"--disable-extensions\", \"--window-size=1366,768\", \"--user-data-dir=%s\"]}}}}",
    chromium, profile);
  {
    g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%s/session", port);
    JsonObject *value;

    session = webdriver (d.session, "POST", url, session_body);
    value = json_node_get_object (session);
    d.base = g_strdup_printf ("%s/%s", url, json_object_get_string_member (value, "sessionId"));
    g_test_message ("browser: %s %s",
                    json_object_get_string_member (json_object_get_object_member (value, "capabilities"), "browserName"),
                    json_object_get_string_member (json_object_get_object_member (value, "capabilities"),
                                                   "browserVersion"));
  }
  {
    g_autoptr(JsonNode) ignored = driver_command (&d, "POST", "/timeouts",
                                                  "{\"script\": 20000, \"pageLoad\": 30000}");
  }

  /* The shop's front page: the one product, as a customer sees it. */
  driver_go (&d, shop_url);
  page = driver_script (&d, page_script);
  g_assert_cmpstr (json_object_get_string_member (page, "title"), ==,
                   indonesian ? "Toko latihan Canting" : "Canting practice shop");
  /* In the language its words are in, for screen readers. */
  g_assert_cmpstr (json_object_get_string_member (page, "lang"), ==, indonesian ? "id" : "en");
  assert_card (only_card (page), stock_text);
  save_screenshot (&d, "shop-browser-products.png");

  /* Its own page, reached from the card's link. */
  product_url = g_strconcat (shop_url, json_object_get_string_member (only_card (page), "href"), NULL);
  driver_go (&d, product_url);
  single = driver_script (&d, page_script);
  g_assert_cmpstr (json_object_get_string_member (single, "title"), ==, PRODUCT_NAME);
  g_assert_cmpstr (json_object_get_string_member (single, "lang"), ==, indonesian ? "id" : "en");
  assert_card (only_card (single), stock_text);
  save_screenshot (&d, "shop-browser-product.png");

  {
    g_autoptr(JsonNode) ignored = driver_command (&d, "DELETE", "", NULL);
  }
  g_clear_object (&d.session);
  g_free (d.base);
  kill (-browser_group, SIGTERM);
  stop_process (driver, SIGTERM);
  browser_group = 0;

  stop_process (shop, SIGTERM);
  g_assert_true (g_file_get_contents (shop_log, &shop_output, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (shop));
  g_assert_cmpint (g_subprocess_get_exit_status (shop), ==, 0);
  g_assert_nonnull (strstr (shop_output, indonesian ? "Toko latihan berhenti." : "The practice shop stopped."));
  g_test_message ("browser test took %.1f s", (g_get_monotonic_time () - start) / 1e6);
  canting_test_rmdir (dir);
  canting_test_keyring_stop (keyring);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CANTING_CLI"));
  signal (SIGABRT, kill_browser_on_abort);

  g_test_add_func ("/shop-browser/published-product", test_published_product_in_browser);
  return g_test_run ();
}
