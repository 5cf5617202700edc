/* test-wordpress.c: Canting's publishing code against a real WordPress.
 *
 * wordpress-server.sh starts Debian's WordPress on 127.0.0.1 with a
 * private MariaDB, for this run only; every check goes through
 * src/publish as the app does: canting_http_send() with the libcurl
 * set-up of every request to a shop, the worker for a product's photos,
 * and canting-woocommerce.h for what each reply means.  What is checked
 * is what a person would see: an application password signs in (typed
 * with or without its spaces), a product's photos reach the media
 * library and come back byte for byte, a WordPress without WooCommerce
 * is named as such, a refusal is explained in words, a list is read page
 * by page, and a wrong password pauses the channel without losing
 * anything.
 *
 * WooCommerce is not packaged in Debian, so only WordPress's own routes
 * (/wp-json/wp/v2/...) answer; the wc/v3 replies are checked against
 * recorded ones in test-publish.c and the practice shop.
 *
 * Not skipped when WordPress cannot start: the packages are in
 * build-aux/dev.sh, so that is a failure to look at. */
#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "canting-channel.h"
#include "canting-db-private.h"
#include "canting-http.h"
#include "canting-listing.h"
#include "canting-outbox.h"
#include "canting-product.h"
#include "canting-publish-worker.h"
#include "canting-test-util.h"
#include "canting-woocommerce.h"

/* The whole run stays well under meson's timeout; the server stops by
 * itself after this even if this program hangs. */
#define SERVER_TIME_LIMIT_S 150

/* ---- the server --------------------------------------------------------- */

static struct {
  GSubprocess *process;
  GOutputStream *stdin_pipe;
  char *url;        /* http://127.0.0.1:PORT */
  char *user;
  char *password;   /* the application password, as WordPress made it */
  char *dir;        /* its temporary directory */
  GPid mariadb_pid;
  GPid php_pid;
} wp;

/* Starts wordpress-server.sh and reads its "ready" line.  FALSE with the
 * reason (its own reasons and logs are on stderr). */
static gboolean
server_start (GError **error)
{
  const char *script = g_getenv ("CANTING_WORDPRESS_SERVER");
  g_autofree char *limit = g_strdup_printf ("%d", SERVER_TIME_LIMIT_S);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;

  if (script == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "CANTING_WORDPRESS_SERVER is not set");
      return FALSE;
    }
  /* stderr stays the test's: the script's reasons land in the test log. */
  wp.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                                 script, limit, NULL);
  if (wp.process == NULL)
    return FALSE;
  wp.stdin_pipe = g_object_ref (g_subprocess_get_stdin_pipe (wp.process));
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (wp.process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "wordpress-server.sh ended without starting WordPress");
      return FALSE;
    }
  words = g_strsplit (line, " ", -1);
  if (g_strv_length (words) != 7 || !g_str_equal (words[0], "ready"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "wordpress-server.sh said “%s”", line);
      return FALSE;
    }
  wp.url = g_strdup (words[1]);
  wp.user = g_strdup (words[2]);
  wp.password = g_strdup (words[3]);
  wp.dir = g_strdup (words[4]);
  wp.mariadb_pid = (GPid) g_ascii_strtoll (words[5], NULL, 10);
  wp.php_pid = (GPid) g_ascii_strtoll (words[6], NULL, 10);
  return TRUE;
}

static gboolean
process_gone (GPid pid)
{
  return pid > 0 && kill (pid, 0) != 0 && errno == ESRCH;
}

/* Closing its stdin tells the script to stop everything; then nothing of
 * it may be left: no server running, no temporary directory. */
static void
server_stop (void)
{
  g_autoptr(GError) error = NULL;

  if (wp.process == NULL)
    return;
  g_output_stream_close (wp.stdin_pipe, NULL, NULL);
  g_clear_object (&wp.stdin_pipe);
  g_subprocess_wait (wp.process, NULL, &error);
  g_assert_no_error (error);
  if (wp.dir != NULL)
    {
      /* It started: then it must have stopped cleanly too. */
      g_assert_true (g_subprocess_get_if_exited (wp.process));
      g_assert_cmpint (g_subprocess_get_exit_status (wp.process), ==, 0);
      g_assert_true (process_gone (wp.mariadb_pid));
      g_assert_true (process_gone (wp.php_pid));
      g_assert_false (g_file_test (wp.dir, G_FILE_TEST_EXISTS));
    }
  g_clear_object (&wp.process);
  g_clear_pointer (&wp.url, g_free);
  g_clear_pointer (&wp.user, g_free);
  g_clear_pointer (&wp.password, g_free);
  g_clear_pointer (&wp.dir, g_free);
}

/* ---- requests ------------------------------------------------------------ */

/* One request through Canting's own HTTP code; @path is under the site's
 * address unless it is a whole address.  Every request gets a reply. */
static CantingHttpReply *
request_full (const char *method,
              const char *path,
              const char *user,
              const char *password,
              const char *content_type,
              const char *filename,
              GBytes     *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path) : g_strconcat (wp.url, path, NULL);
  CantingHttpReply *reply = canting_http_send (method, url, user, password, content_type, filename, body, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_nonnull (reply->headers);
  g_assert_nonnull (reply->body);
  return reply;
}

/* Signed in with the application password. */
static CantingHttpReply *
request (const char *method,
         const char *path)
{
  return request_full (method, path, wp.user, wp.password, NULL, NULL, NULL);
}

static void
parse_reply (CantingHttpReply *http,
             CantingRemoteReply   *out)
{
  gsize length = 0;
  const char *body = g_bytes_get_data (http->body, &length);

  canting_wc_parse_reply (http->status, http->headers, body, (gssize) length, out);
}

/* The reply's JSON object, for what Canting does not read itself. */
static JsonObject *
reply_object (CantingHttpReply  *http,
              JsonParser       **out_parser)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *body = g_bytes_get_data (http->body, &length);

  *out_parser = json_parser_new ();
  json_parser_load_from_data (*out_parser, body, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (*out_parser)));
  return json_node_get_object (json_parser_get_root (*out_parser));
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A product photo: a small PNG drawn here, different for each @seed. */
static GBytes *
make_photo (guint seed)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 96, 64);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  /* Indigo stripes on soga brown, a batik's colours, shifted by @seed. */
  cairo_set_source_rgb (cr, 0.55, 0.35, 0.17);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.12, 0.16, 0.38);
  for (int x = -(int) (seed % 12); x < 96; x += 12)
    cairo_rectangle (cr, x, 0, 5, 64);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.95, 0.92, 0.85);
  cairo_arc (cr, 48, 32, 8 + seed % 16, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/* The site's media count, as X-WP-Total says. */
static gint64
media_total (void)
{
  g_autoptr(CantingHttpReply) reply = request ("GET", "/wp-json/wp/v2/media?per_page=1");
  gint64 total = 0, pages = 0;
  g_autofree char *next = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  canting_wc_parse_pagination (reply->headers, &total, &pages, &next);
  g_assert_cmpint (total, >=, 0);
  return total;
}

/* Uploads @photo as the worker uploads a product photo; its media id. */
static gint64
upload (GBytes     *photo,
        const char *filename)
{
  g_autoptr(CantingHttpReply) http = request_full ("POST", CANTING_WC_MEDIA_PATH, wp.user, wp.password, "image/png",
                                                   filename, photo);
  CantingRemoteReply reply = { 0 };
  gint64 id;

  g_assert_cmpuint (http->status, ==, 201);
  parse_reply (http, &reply);
  g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_OK);
  g_assert_cmpint (reply.remote_id, >, 0);
  g_assert_null (reply.message);
  id = reply.remote_id;
  canting_remote_reply_clear (&reply);
  return id;
}

/* The media item @id is @photo: WordPress has it as a PNG, and its
 * source_url serves exactly those bytes. */
static void
assert_media_is (gint64  id,
                 GBytes *photo)
{
  g_autofree char *path = g_strdup_printf (CANTING_WC_MEDIA_PATH "/%" G_GINT64_FORMAT, id);
  g_autoptr(CantingHttpReply) http = request ("GET", path);
  g_autoptr(CantingHttpReply) file = NULL;
  g_autoptr(JsonParser) parser = NULL;
  CantingRemoteReply reply = { 0 };
  JsonObject *media;
  const char *source_url;

  g_assert_cmpuint (http->status, ==, 200);
  parse_reply (http, &reply);
  g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_OK);
  g_assert_cmpint (reply.remote_id, ==, id);
  canting_remote_reply_clear (&reply);

  media = reply_object (http, &parser);
  g_assert_cmpstr (json_object_get_string_member (media, "media_type"), ==, "image");
  g_assert_cmpstr (json_object_get_string_member (media, "mime_type"), ==, "image/png");
  source_url = json_object_get_string_member (media, "source_url");
  g_assert_true (g_str_has_prefix (source_url, wp.url));
  g_assert_true (g_str_has_suffix (source_url, ".png"));
  file = request_full ("GET", source_url, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (file->status, ==, 200);
  g_assert_true (g_bytes_equal (file->body, photo));
}

/* ---- a workshop publishing to the site ------------------------------------- */

typedef struct {
  char *dir;
  CantingDb *db;
  gint64 channel;
  CantingPublishWorker *worker;
  gboolean idle;
  guint idle_waiting;
  gint64 idle_next;
  char *paused;
} Workshop;

static Workshop *
workshop_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingChannel) c = canting_channel_new ();
  Workshop *w = g_new0 (Workshop, 1);

  w->dir = canting_test_mkdtemp ();
  w->db = canting_db_open_full (w->dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  g_assert_no_error (error);
  g_free (c->name);
  c->name = g_strdup ("Toko WordPress");
  c->kind = CANTING_CHANNEL_WOOCOMMERCE;
  g_free (c->base_url);
  c->base_url = g_strdup (wp.url);
  c->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
  g_free (c->auth_user);
  c->auth_user = g_strdup (wp.user);
  g_assert_true (canting_channel_save (w->db, c, &error));
  g_assert_no_error (error);
  w->channel = c->id;
  return w;
}

static void
workshop_free (Workshop *w)
{
  if (w->worker != NULL)
    canting_publish_worker_stop (w->worker);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&w->worker);
  g_clear_object (&w->db);
  canting_test_rmdir (w->dir);
  g_free (w->dir);
  g_free (w->paused);
  g_free (w);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workshop, workshop_free)

/* A product with @n_photos photos (returned through @out_photos), asked
 * to be online on the workshop's channel. */
static gint64
publish_product (Workshop   *w,
                 const char *sku,
                 guint       n_photos,
                 GPtrArray  *out_photos)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingProduct) p = canting_product_new ();

  g_free (p->sku);
  p->sku = g_strdup (sku);
  g_free (p->name);
  p->name = g_strdup_printf ("Batik Tulis %s", sku);
  g_free (p->motif);
  p->motif = g_strdup ("Parang");
  p->technique = CANTING_TECHNIQUE_TULIS;
  p->price = 350000;
  p->unit_cost = 120000;
  g_assert_true (canting_product_save_with_stock (w->db, p, 0, 4, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_photos; i++)
    {
      g_autoptr(GBytes) photo = make_photo (g_str_hash (sku) + i);

      g_assert_true (canting_product_photo_add (w->db, p->id, photo, photo, &error));
      g_assert_no_error (error);
      g_ptr_array_add (out_photos, g_bytes_ref (photo));
    }
  g_assert_true (canting_listing_queue_publish (w->db, w->channel, &p->id, 1, &error));
  g_assert_no_error (error);
  return p->id;
}

static void
on_idle (CantingPublishWorker *worker,
         guint                 waiting,
         gint64                next,
         Workshop             *w)
{
  w->idle = TRUE;
  w->idle_waiting = waiting;
  w->idle_next = next;
}

static void
on_paused (CantingPublishWorker *worker,
           gint64                channel_id,
           const char           *message,
           Workshop             *w)
{
  g_assert_cmpint (channel_id, ==, w->channel);
  g_free (w->paused);
  w->paused = g_strdup (message);
}

static gboolean
too_long (gpointer data)
{
  g_error ("the worker did not finish within 30 seconds");
  return G_SOURCE_REMOVE;
}

/* Runs the worker with @secret as the channel's password (as just typed
 * in the settings: no keyring needed) until it has nothing it can send. */
static void
run_worker (Workshop   *w,
            const char *secret)
{
  g_autoptr(GError) error = NULL;
  guint timeout;

  w->worker = canting_publish_worker_new (w->dir, w->channel);
  canting_publish_worker_set_secret (w->worker, w->channel, secret);
  g_signal_connect (w->worker, "idle", G_CALLBACK (on_idle), w);
  g_signal_connect (w->worker, "channel-paused", G_CALLBACK (on_paused), w);
  g_assert_true (canting_publish_worker_start (w->worker, &error));
  g_assert_no_error (error);
  timeout = g_timeout_add_seconds (30, too_long, NULL);
  while (!w->idle)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gint64
query_int (Workshop   *w,
           const char *sql)
{
  return canting_test_query_int (canting_db_get_handle (w->db), sql);
}

/* ---- tests ------------------------------------------------------------------ */

/* The application password signs in over HTTP Basic: users/me is the
 * administrator it was made for.  WordPress shows it in groups of four
 * with spaces, and a person pastes it so: that signs in too. */
static void
test_sign_in (void)
{
  g_autoptr(CantingHttpReply) http = request ("GET", "/wp-json/wp/v2/users/me");
  g_autoptr(CantingHttpReply) spaced_http = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) spaced = g_string_new (NULL);
  CantingRemoteReply reply = { 0 };
  JsonObject *me;

  g_assert_cmpuint (http->status, ==, 200);
  parse_reply (http, &reply);
  g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_OK);
  g_assert_cmpint (reply.remote_id, ==, 1);
  canting_remote_reply_clear (&reply);
  me = reply_object (http, &parser);
  g_assert_cmpstr (json_object_get_string_member (me, "slug"), ==, wp.user);

  for (const char *c = wp.password; *c != '\0'; c++)
    {
      if (c != wp.password && (c - wp.password) % 4 == 0)
        g_string_append_c (spaced, ' ');
      g_string_append_c (spaced, *c);
    }
  spaced_http = request_full ("GET", "/wp-json/wp/v2/users/me", wp.user, spaced->str, NULL, NULL, NULL);
  g_assert_cmpuint (spaced_http->status, ==, 200);
}

/* A product's photos go to the media library through the worker, as
 * when publishing to a WooCommerce shop: each upload's id is kept for
 * the channel, and WordPress has each photo byte for byte.  The product
 * itself then meets a WordPress without WooCommerce: it fails for good,
 * with the reason in words, and nothing waits to be sent again. */
static void
test_media_upload (void)
{
  g_autoptr(Workshop) w = workshop_new ();
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(CantingListing) listing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = media_total ();
  gint64 product = publish_product (w, "BTK-WP-01", 2, photos);
  gint64 first, second;

  run_worker (w, wp.password);
  g_assert_null (w->paused);
  g_assert_cmpint (query_int (w, "SELECT count(*) FROM channel_media"), ==, 2);
  g_assert_cmpint (media_total (), ==, before + 2);
  /* The worker uploads side by side, so the ids need not follow the
   * photos' order: each is matched by its file. */
  first = query_int (w, "SELECT cm.remote_id FROM channel_media cm JOIN product_photos ph ON ph.file = cm.file "
                        "WHERE ph.position = (SELECT min(position) FROM product_photos)");
  second = query_int (w, "SELECT cm.remote_id FROM channel_media cm JOIN product_photos ph ON ph.file = cm.file "
                         "WHERE ph.position = (SELECT max(position) FROM product_photos)");
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, 0);
  g_assert_cmpint (second, !=, first);
  assert_media_is (first, photos->pdata[0]);
  assert_media_is (second, photos->pdata[1]);

  listing = canting_listing_load (w->db, product, w->channel, &error);
  g_assert_no_error (error);
  g_assert_cmpint (listing->state, ==, CANTING_LISTING_FAILED);
  g_assert_nonnull (strstr (listing->last_result, "does not answer like a WooCommerce shop"));
  g_assert_cmpint (query_int (w, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpuint (w->idle_waiting, ==, 0);
}

/* WordPress's error envelope {code, message, data: {status}} read into
 * Canting's problems, each with words for the person and the outcome
 * the outbox would record. */
static void
test_error_envelope (void)
{
  CantingOutboxOp create = { .id = 1, .channel_id = 1, .product_id = 1, .kind = CANTING_OUTBOX_CREATE,
                             .sku = (char *) "BTK-WP-02", .attempts = 1 };
  CantingOutboxOp image = { .id = 2, .channel_id = 1, .product_id = 1, .kind = CANTING_OUTBOX_IMAGE,
                            .sku = (char *) "BTK-WP-02", .attempts = 1 };
  CantingOutboxOutcome outcome = { 0 };
  CantingRemoteReply reply = { 0 };

  /* No WooCommerce: its route does not exist. */
  {
    g_autoptr(CantingHttpReply) http = request ("GET", CANTING_WC_PRODUCTS_PATH);

    g_assert_cmpuint (http->status, ==, 404);
    parse_reply (http, &reply);
    g_assert_cmpstr (reply.code, ==, "rest_no_route");
    g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_INVALID);
    g_assert_nonnull (strstr (reply.message, "does not answer like a WooCommerce shop"));
    canting_wc_outcome (&create, &reply, 0.5, NULL, &outcome);
    g_assert_cmpint (outcome.kind, ==, CANTING_OUTCOME_FAILED);
    g_assert_cmpstr (outcome.message, ==, reply.message);
    canting_outbox_outcome_clear (&outcome);
    canting_remote_reply_clear (&reply);
  }

  /* 400: an upload without a file; WordPress's own words are kept. */
  {
    g_autoptr(CantingHttpReply) http = request_full ("POST", CANTING_WC_MEDIA_PATH, wp.user, wp.password,
                                                     "image/png", NULL, NULL);

    g_assert_cmpuint (http->status, ==, 400);
    parse_reply (http, &reply);
    g_assert_cmpstr (reply.code, ==, "rest_upload_no_data");
    g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_INVALID);
    g_assert_true (g_str_has_prefix (reply.message, "The shop did not accept"));
    g_assert_nonnull (strstr (reply.message, "No data supplied."));
    canting_wc_outcome (&image, &reply, 0.5, NULL, &outcome);
    g_assert_cmpint (outcome.kind, ==, CANTING_OUTCOME_FAILED);
    canting_outbox_outcome_clear (&outcome);
    canting_remote_reply_clear (&reply);
  }

  /* 400 rest_invalid_param, naming a parameter Canting has no words
   * for: the shop's message. */
  {
    g_autoptr(CantingHttpReply) http = request ("GET", CANTING_WC_MEDIA_PATH "?per_page=1000");

    g_assert_cmpuint (http->status, ==, 400);
    parse_reply (http, &reply);
    g_assert_cmpstr (reply.code, ==, "rest_invalid_param");
    g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_INVALID);
    g_assert_nonnull (strstr (reply.message, "per_page"));
    canting_remote_reply_clear (&reply);
  }

  /* 401: not signed in at all. */
  {
    g_autoptr(CantingHttpReply) http = request_full ("GET", "/wp-json/wp/v2/users/me", NULL, NULL, NULL, NULL, NULL);

    g_assert_cmpuint (http->status, ==, 401);
    parse_reply (http, &reply);
    g_assert_cmpstr (reply.code, ==, "rest_not_logged_in");
    g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_AUTH);
    g_assert_nonnull (strstr (reply.message, "sign-in"));
    canting_remote_reply_clear (&reply);
  }
}

/* A list read page by page, as order sync reads one: X-WP-Total,
 * X-WP-TotalPages, and the Link header's next page (a middle page also
 * has rel="prev") until the last, which has none. */
static void
test_pagination (void)
{
  g_autoptr(GBytes) a = make_photo (101);
  g_autoptr(GBytes) b = make_photo (102);
  gint64 id_a = upload (a, "motif-a.png");
  gint64 id_b = upload (b, "motif-b.png");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *next = g_strconcat (wp.url, CANTING_WC_MEDIA_PATH "?per_page=1", NULL);
  g_autofree char *expected_second = g_strconcat (wp.url, CANTING_WC_MEDIA_PATH "?per_page=1&page=2", NULL);
  gint64 total = -1, pages = -1;
  guint page = 0;

  while (next != NULL)
    {
      g_autoptr(CantingHttpReply) http = request ("GET", next);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      gint64 page_total = -1, page_pages = -1;
      gsize length = 0;
      const char *body = g_bytes_get_data (http->body, &length);
      JsonArray *items;
      gint64 *id;

      g_assert_cmpuint (http->status, ==, 200);
      page++;
      g_clear_pointer (&next, g_free);
      canting_wc_parse_pagination (http->headers, &page_total, &page_pages, &next);
      if (page == 1)
        {
          total = page_total;
          pages = page_pages;
          g_assert_cmpint (total, >=, 2);
          g_assert_cmpint (pages, ==, total);
          g_assert_cmpstr (next, ==, expected_second);
        }
      g_assert_cmpint (page_total, ==, total);
      g_assert_cmpint (page_pages, ==, pages);
      if (page > 1 && page < pages)
        g_assert_nonnull (strstr (g_hash_table_lookup (http->headers, "link"), "rel=\"prev\""));
      if (page == pages)
        g_assert_null (next);

      json_parser_load_from_data (parser, body, (gssize) length, &error);
      g_assert_no_error (error);
      items = json_node_get_array (json_parser_get_root (parser));
      g_assert_cmpuint (json_array_get_length (items), ==, 1);
      id = g_new (gint64, 1);
      *id = json_object_get_int_member (json_array_get_object_element (items, 0), "id");
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
      g_assert_cmpuint (page, <=, 100);
    }
  g_assert_cmpuint (page, ==, pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, total);
  g_assert_true (g_hash_table_contains (seen, &id_a));
  g_assert_true (g_hash_table_contains (seen, &id_b));
}

/* A wrong password (or user name) is refused with 401, which Canting
 * reads as the channel's sign-in, never retried as such; the worker
 * pauses the channel with words for the person, keeps everything
 * queued, and nothing reaches the site. */
static void
test_wrong_password (void)
{
  const char *wrong = "abcd EFGH 1234 ijkl MNOP 5678";
  CantingOutboxOp image = { .id = 2, .channel_id = 1, .product_id = 1, .kind = CANTING_OUTBOX_IMAGE,
                            .sku = (char *) "BTK-WP-03", .attempts = 1 };
  CantingOutboxOutcome outcome = { 0 };
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(Workshop) w = NULL;
  g_autoptr(CantingListing) listing = NULL;
  g_autoptr(GError) error = NULL;
  const char *users[] = { wp.user, "bukan-pelatih" };
  gint64 before, product;

  for (gsize i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(CantingHttpReply) http = request_full ("POST", CANTING_WC_MEDIA_PATH, users[i],
                                                       i == 0 ? wrong : wp.password, "image/png", "x.png", NULL);
      CantingRemoteReply reply = { 0 };

      g_assert_cmpuint (http->status, ==, 401);
      parse_reply (http, &reply);
      g_assert_cmpint (reply.problem, ==, CANTING_REMOTE_AUTH);
      g_assert_nonnull (strstr (reply.message, "password"));
      canting_wc_outcome (&image, &reply, 0.5, NULL, &outcome);
      g_assert_cmpint (outcome.kind, ==, CANTING_OUTCOME_FAILED);
      canting_outbox_outcome_clear (&outcome);
      canting_remote_reply_clear (&reply);
    }

  w = workshop_new ();
  before = media_total ();
  product = publish_product (w, "BTK-WP-03", 1, photos);
  run_worker (w, wrong);
  g_assert_nonnull (w->paused);
  g_assert_nonnull (strstr (w->paused, "password"));
  g_assert_null (strstr (w->paused, wrong));
  g_assert_cmpint (w->idle_next, ==, -1);
  /* The photo and the product both still wait. */
  g_assert_cmpuint (w->idle_waiting, ==, 2);
  g_assert_cmpint (query_int (w, "SELECT count(*) FROM outbox"), ==, 2);
  g_assert_cmpint (query_int (w, "SELECT count(*) FROM channel_media"), ==, 0);
  listing = canting_listing_load (w->db, product, w->channel, &error);
  g_assert_no_error (error);
  g_assert_cmpint (listing->state, ==, CANTING_LISTING_QUEUED);
  g_assert_cmpint (media_total (), ==, before);
}

/* Stopping leaves nothing: no mariadbd or php running, no temporary
 * directory.  (Last: it stops the server.) */
static void
test_leaves_nothing_behind (void)
{
  g_assert_nonnull (wp.dir);
  server_stop ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  int rc;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (!server_start (&error))
    {
      /* A failure, not a skip: the packages are part of the set-up. */
      printf ("Bail out! WordPress did not start: %s\n", error->message);
      server_stop ();
      return 1;
    }
  g_test_message ("WordPress at %s, ready after %.1f s", wp.url,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  g_test_add_func ("/wordpress/sign-in", test_sign_in);
  g_test_add_func ("/wordpress/media-upload", test_media_upload);
  g_test_add_func ("/wordpress/error-envelope", test_error_envelope);
  g_test_add_func ("/wordpress/pagination", test_pagination);
  g_test_add_func ("/wordpress/wrong-password", test_wrong_password);
  g_test_add_func ("/wordpress/leaves-nothing-behind", test_leaves_nothing_behind);
  rc = g_test_run ();
  /* When only some of the tests ran (-p).  (A failed assertion aborts
   * instead; then the script, its stdin closed, stops by itself.) */
  server_stop ();
  return rc;
}
