/* test-security.c: secrets and private data stay where they belong.
 *
 * - A shop password, stored through canting-cli into a keyring of the
 *   test's own, is in the keyring (checked) and in none of the files a
 *   workshop's day leaves behind: the database, its -wal and -shm, the
 *   backups, the exports, the outcome file and report, and everything
 *   the commands printed with every debug message on.  Nor is the
 *   "user:password" that HTTP Basic sends, in base64.
 * - The database, backups and exports are readable by their owner only.
 * - Outcome exports carry no customer's name, phone or address.
 * - Plain http:// is refused for any computer but this one, saying why;
 *   a shop whose TLS certificate does not check out gets nothing. */
#include "canting-channel.h"
#include "canting-db-private.h"
#include "canting-error.h"
#include "canting-http.h"
#include "canting-order.h"
#include "canting-secret.h"
#include "canting-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#define SHOP_USER "pelatih"

typedef struct {
  int status;
  char *out, *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Everything any command printed, to be searched at the end. */
static GString *printed;

/* canting-cli with every debug message on, @input on its stdin; @args
 * is NULL-terminated. */
static Result
run_cliv (const char *input,
          GPtrArray  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { 0 };

  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_ptr_array_add (argv, (gpointer) g_getenv ("CANTING_CLI"));
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (proc);
  g_string_append_printf (printed, "%s\n%s\n", r.out, r.err);
  return r;
}

#define COLLECT_ARGS(args, first) \
  G_STMT_START { \
    va_list ap; \
    va_start (ap, first); \
    for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *)) \
      g_ptr_array_add (args, (gpointer) arg); \
    va_end (ap); \
    g_ptr_array_add (args, NULL); \
  } G_STMT_END

static Result
run_cli (const char *input,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  COLLECT_ARGS (args, first);
  return run_cliv (input, args);
}

/* Runs a command that must succeed. */
static void
cli_ok (const char *input,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  Result r;

  COLLECT_ARGS (args, first);
  r = run_cliv (input, args);
  if (r.status != 0)
    g_error ("canting-cli %s failed: %s%s", first, r.out, r.err);
  result_clear (&r);
}

static GSubprocess *
start_shop (const char  *password,
            char       **out_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  GSubprocess *shop;
  gsize len;

  g_subprocess_launcher_setenv (launcher, "CANTING_SHOP_USER", SHOP_USER, TRUE);
  g_subprocess_launcher_setenv (launcher, "CANTING_SHOP_APP_PASSWORD", password, TRUE);
  shop = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CANTING_CLI"), "practice-shop",
                                      "--time-limit", "60", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (shop));
  first = g_data_input_stream_read_line_utf8 (out, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, "Listening on "));
  *out_url = g_strdup (first + strlen ("Listening on "));
  return shop;
}

/* Every regular file under @dir, recursively. */
static void
list_files (const char *dir,
            GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (path, files);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static void
assert_not_in (const char *where,
               const char *text,
               gsize       length,
               const char *needle)
{
  if (g_strstr_len (text, (gssize) length, needle) != NULL)
    g_error ("the secret was found in %s", where);
}

static void
test_secret_nowhere (void)
{
  g_autofree char *top = canting_test_mkdtemp ();
  g_autofree char *ws = g_build_filename (top, "bengkel", NULL);
  g_autofree char *csv = g_build_filename (top, "produk.csv", NULL);
  g_autofree char *export_products = g_build_filename (top, "ekspor-produk.csv", NULL);
  g_autofree char *export_customers = g_build_filename (top, "ekspor-pelanggan.csv", NULL);
  g_autofree char *outcome_json = g_build_filename (top, "hasil.json", NULL);
  g_autofree char *outcome_pdf = g_build_filename (top, "hasil.pdf", NULL);
  g_autofree char *password_line = g_strconcat (CANTING_TEST_SECRET, "\n", NULL);
  g_autofree char *basic = g_strconcat (SHOP_USER, ":", CANTING_TEST_SECRET, NULL);
  g_autofree char *basic64 = g_base64_encode ((const guchar *) basic, strlen (basic));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) shop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  CantingTestKeyring *keyring = canting_test_keyring_start ();
  guint scanned_bytes = 0;
  Result r;

  printed = g_string_new (NULL);
  shop = start_shop (CANTING_TEST_SECRET, &url);

  cli_ok (password_line, "--data-dir", ws, "channel", "add", "--name", "Toko Latihan", "--url", url,
          "--user", SHOP_USER, NULL);
  g_assert_true (g_file_set_contents (csv, "sku;name;motif;technique;price;stock\n"
                                           "BTK-001;Batik Tulis Kawung;Kawung;tulis;350000;4\n"
                                           "BTK-002;Batik Cap Parang;Parang;cap;150000;10\n", -1, NULL));
  cli_ok (NULL, "--data-dir", ws, "import", "products", csv, NULL);
  r = run_cli (NULL, "--data-dir", ws, "publish", "--channel", "Toko Latihan", "--all", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* It really went to the shop, signed in with the password. */
  g_assert_nonnull (strstr (r.out, "Sent: 2. Refused: 0."));
  result_clear (&r);
  cli_ok (NULL, "--data-dir", ws, "sync", "--channel", "Toko Latihan", NULL);
  cli_ok (NULL, "--data-dir", ws, "channel", "list", NULL);
  cli_ok (NULL, "--data-dir", ws, "backup", "create", NULL);
  cli_ok (NULL, "--data-dir", ws, "export", "products", export_products, NULL);
  cli_ok (NULL, "--data-dir", ws, "export", "customers", export_customers, NULL);
  cli_ok (NULL, "--data-dir", ws, "outcome", "export", "--from", "2026-01-01", "--to", "2026-12-31",
          "--baseline-from", "2025-01-01", "--baseline-to", "2025-12-31", "-o", outcome_json, NULL);
  cli_ok (NULL, "--data-dir", ws, "outcome", "export", "--from", "2026-01-01", "--to", "2026-12-31",
          "--baseline-from", "2025-01-01", "--baseline-to", "2025-12-31", "-o", outcome_pdf, NULL);
  cli_ok (NULL, "--data-dir", ws, "info", NULL);

  /* The control: the password is in the keyring, under the channel. */
  {
    g_autoptr(CantingDb) db = canting_db_open_full (ws, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
    g_autoptr(CantingChannel) channel = NULL;
    char *stored;

    g_assert_no_error (error);
    channel = canting_channel_find (db, "Toko Latihan", &error);
    g_assert_no_error (error);
    stored = canting_secret_lookup (channel, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (stored, ==, CANTING_TEST_SECRET);
    canting_secret_free (stored);
  }
  g_subprocess_send_signal (shop, SIGTERM);
  g_subprocess_wait (shop, NULL, NULL);

  /* Every file the day left (database, -wal, -shm, backups, exports,
   * outcome file and PDF) and everything printed. */
  list_files (top, files);
  g_assert_cmpuint (files->len, >=, 8);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_str_equal (files->pdata[i], csv))
        continue;
      g_assert_true (g_file_get_contents (files->pdata[i], &contents, &length, NULL));
      assert_not_in (files->pdata[i], contents, length, CANTING_TEST_SECRET);
      assert_not_in (files->pdata[i], contents, length, basic64);
      scanned_bytes += length;
    }
  assert_not_in ("the commands' output", printed->str, printed->len, CANTING_TEST_SECRET);
  assert_not_in ("the commands' output", printed->str, printed->len, basic64);
  /* The debug messages were on and said something. */
  g_assert_cmpuint (printed->len, >, 200);
  g_test_message ("secret-leak scan: %u files, %u bytes, %" G_GSIZE_FORMAT " bytes of output: not found",
                  files->len, scanned_bytes, printed->len);

  g_string_free (g_steal_pointer (&printed), TRUE);
  canting_test_keyring_stop (keyring);
  canting_test_rmdir (top);
}

static void
assert_owner_only (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if ((st.st_mode & 077) != 0)
    g_error ("%s has mode %o: others can read it", path, st.st_mode & 0777);
}

/* The database, its -wal and -shm, backups and every kind of export are
 * made readable by their owner only, even with a permissive umask. */
static void
test_file_modes (void)
{
  g_autofree char *top = canting_test_mkdtemp ();
  g_autofree char *ws = g_build_filename (top, "bengkel", NULL);
  g_autofree char *customers = g_build_filename (top, "pelanggan.csv", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_free);
  static const char * const exports[] = { "products", "customers", "orders", "materials", "ipal" };
  mode_t old_umask = umask (022);

  printed = g_string_new (NULL);
  g_assert_true (g_file_set_contents (customers, "nama;telepon\nBu Siti;0812-3456-7890\n", -1, NULL));
  cli_ok (NULL, "--data-dir", ws, "import", "customers", customers, NULL);
  cli_ok (NULL, "--data-dir", ws, "backup", "create", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *name = g_strdup_printf ("ekspor-%s.csv", exports[i]);
      char *path = g_build_filename (top, name, NULL);

      cli_ok (NULL, "--data-dir", ws, "export", exports[i], path, NULL);
      g_ptr_array_add (outputs, path);
    }
  {
    char *json = g_build_filename (top, "hasil.json", NULL);
    char *pdf = g_build_filename (top, "hasil.pdf", NULL);
    char *pnl = g_build_filename (top, "labarugi.pdf", NULL);
    char *pnl_csv = g_build_filename (top, "labarugi.csv", NULL);

    cli_ok (NULL, "--data-dir", ws, "outcome", "export", "--from", "2026-01-01", "--to", "2026-12-31",
            "--baseline-from", "2025-01-01", "--baseline-to", "2025-12-31", "-o", json, NULL);
    cli_ok (NULL, "--data-dir", ws, "outcome", "export", "--from", "2026-01-01", "--to", "2026-12-31",
            "--baseline-from", "2025-01-01", "--baseline-to", "2025-12-31", "-o", pdf, NULL);
    cli_ok (NULL, "--data-dir", ws, "report", "pnl", "--from", "2026-01", "--to", "2026-12", "-o", pnl, NULL);
    cli_ok (NULL, "--data-dir", ws, "report", "pnl", "--from", "2026-01", "--to", "2026-12", "-o", pnl_csv, NULL);
    g_ptr_array_add (outputs, json);
    g_ptr_array_add (outputs, pdf);
    g_ptr_array_add (outputs, pnl);
    g_ptr_array_add (outputs, pnl_csv);
  }
  umask (old_umask);

  list_files (ws, files);
  g_assert_cmpuint (files->len, >=, 3);   /* the database, a backup, ... */
  for (guint i = 0; i < files->len; i++)
    assert_owner_only (files->pdata[i]);
  for (guint i = 0; i < outputs->len; i++)
    assert_owner_only (outputs->pdata[i]);
  assert_owner_only (ws);
  g_string_free (g_steal_pointer (&printed), TRUE);
  canting_test_rmdir (top);
}

/* The association's outcome file and report: figures, never a
 * customer's name, phone number or address. */
static void
test_outcome_has_no_customer_data (void)
{
  g_autofree char *top = canting_test_mkdtemp ();
  g_autofree char *ws = g_build_filename (top, "bengkel", NULL);
  g_autofree char *customers = g_build_filename (top, "pelanggan.csv", NULL);
  g_autofree char *orders = g_build_filename (top, "pesanan.csv", NULL);
  g_autofree char *json = g_build_filename (top, "hasil.json", NULL);
  g_autofree char *pdf = g_build_filename (top, "hasil.pdf", NULL);
  g_autofree char *merged = g_build_filename (top, "asosiasi.csv", NULL);
  g_autofree char *json_text = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *merged_text = NULL;
  static const char * const private_bits[] = {
    "Wahyuningsih", "Kartikasari", "0812-9876-5432", "081298765432", "9876", "Jl. Melati Rahasia",
    "Gang Kenari", "Sumberejo Wetan",
  };

  printed = g_string_new (NULL);
  g_assert_true (g_file_set_contents (customers,
                                      "nama;telepon;alamat;kota\n"
                                      "Sri Wahyuningsih;0812-9876-5432;Jl. Melati Rahasia 7;Sumberejo Wetan\n"
                                      "Dewi Kartikasari;+62 812 9876 5432;Gang Kenari 3;Blitar\n", -1, NULL));
  cli_ok (NULL, "--data-dir", ws, "import", "customers", customers, NULL);
  g_assert_true (g_file_set_contents (orders,
                                      "nomor;tanggal;pelanggan;keterangan;jumlah;harga satuan\n"
                                      "A1;01/03/2026;Sri Wahyuningsih;Kain tulis;1;750.000\n"
                                      "A2;05/03/2026;Dewi Kartikasari;Selendang;2;150.000\n", -1, NULL));
  cli_ok (NULL, "--data-dir", ws, "import", "orders", orders, NULL);
  /* Imported orders are drafts; confirmed, they count as reach. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CantingDb) db = canting_db_open_full (ws, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);

    g_assert_no_error (error);
    for (gint64 id = 1; id <= 2; id++)
      g_assert_true (canting_order_set_status (db, id, CANTING_ORDER_CONFIRMED, NULL, &error));
    g_assert_no_error (error);
  }
  cli_ok (NULL, "--data-dir", ws, "outcome", "export", "--from", "2026-01-01", "--to", "2026-12-31",
          "--baseline-from", "2025-01-01", "--baseline-to", "2025-12-31", "-o", json, NULL);
  cli_ok (NULL, "--data-dir", ws, "outcome", "export", "--from", "2026-01-01", "--to", "2026-12-31",
          "--baseline-from", "2025-01-01", "--baseline-to", "2025-12-31", "-o", pdf, NULL);
  cli_ok (NULL, "outcome", "merge", json, "-o", merged, NULL);

  g_assert_true (g_file_get_contents (json, &json_text, NULL, NULL));
  g_assert_true (g_file_get_contents (merged, &merged_text, NULL, NULL));
  pdf_text = canting_test_pdf_text (pdf, FALSE);
  /* The control: the export does count these customers. */
  g_assert_nonnull (strstr (json_text, "\"customers\": 2"));
  g_assert_nonnull (strstr (json_text, "\"cities\": 2"));
  for (guint i = 0; i < G_N_ELEMENTS (private_bits); i++)
    {
      g_assert_null (strstr (json_text, private_bits[i]));
      g_assert_null (strstr (pdf_text, private_bits[i]));
      g_assert_null (strstr (merged_text, private_bits[i]));
    }
  g_string_free (g_steal_pointer (&printed), TRUE);
  canting_test_rmdir (top);
}

/* Plain http:// is refused for another computer, in words that say why,
 * and accepted for this one (the practice shop). */
static void
test_plain_http (void)
{
  g_autofree char *top = canting_test_mkdtemp ();
  g_autofree char *ws = g_build_filename (top, "bengkel", NULL);
  static const char * const remote[] = { "http://toko-batik.example", "http://192.168.1.20:8080",
                                         "http://127.0.0.1.example.com" };
  static const char * const local[] = { "http://127.0.0.1:8080", "http://localhost:8080" };

  printed = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    {
      Result r = run_cli ("rahasia\n", "--data-dir", ws, "channel", "add", "--name", "Toko", "--url", remote[i],
                          "--user", SHOP_USER, NULL);

      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "unprotected"));
      g_assert_nonnull (strstr (r.err, "https://"));
      result_clear (&r);
    }
  {
    CantingTestKeyring *k = canting_test_keyring_start ();

    for (guint i = 0; i < G_N_ELEMENTS (local); i++)
      {
        g_autofree char *name = g_strdup_printf ("Toko Latihan %u", i);
        cli_ok ("rahasia\n", "--data-dir", ws, "channel", "add", "--name", name, "--url", local[i],
                "--user", SHOP_USER, NULL);
      }
    canting_test_keyring_stop (k);
  }
  g_string_free (g_steal_pointer (&printed), TRUE);
  canting_test_rmdir (top);
}

/* A shop on https whose certificate does not check out (self-signed
 * here) gets no request, so no password: TLS is verified even for this
 * computer. */
static void
test_tls_verified (void)
{
  g_autofree char *top = canting_test_mkdtemp ();
  g_autofree char *ws = g_build_filename (top, "bengkel", NULL);
  g_autofree char *cert = g_build_filename (top, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (top, "key.pem", NULL);
  g_autofree char *url = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *server_out = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GError) error = NULL;
  int port = 0;

  printed = g_string_new (NULL);
  {
    g_autoptr(GSubprocess) gen = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                   &error, "openssl", "req", "-x509", "-newkey", "rsa:2048",
                                                   "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
                                                   "-addext", "subjectAltName=IP:127.0.0.1",
                                                   "-keyout", key, "-out", cert, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (gen, NULL, &error));
  }
  /* A free port: bind, note it, let go. */
  {
    g_autoptr(GSocket) s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
    g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_bind (s, any, TRUE, &error));
    bound = g_socket_get_local_address (s, &error);
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  accept = g_strdup_printf ("127.0.0.1:%d", port);
  url = g_strdup_printf ("https://127.0.0.1:%d", port);
  /* -www answers any request that gets through with a status page. */
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                             "openssl", "s_server", "-accept", accept, "-cert", cert, "-key", key, "-www", NULL);
  g_assert_no_error (error);
  g_usleep (300000);

  /* The request every shop request is: the same libcurl set-up. */
  {
    g_autofree char *products = g_strconcat (url, "/wp-json/wc/v3/products", NULL);
    g_autoptr(CantingHttpReply) reply = canting_http_send ("GET", products, SHOP_USER, "rahasia tls", NULL, NULL,
                                                           NULL, NULL, &error);

    g_assert_null (reply);
    g_assert_error (error, CANTING_ERROR, CANTING_ERROR_IO);
    g_test_message ("refused: %s", error->message);
    /* Said in words, not as libcurl's "SSL certificate problem". */
    g_assert_nonnull (strstr (error->message, "security certificate could not be checked"));
    g_assert_null (strstr (error->message, "No answer from the shop"));
  }
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_communicate_utf8 (server, NULL, NULL, &server_out, NULL, NULL);
  /* The handshake failed: no request reached the server. */
  g_assert_null (strstr (server_out, "GET /"));
  g_assert_null (strstr (server_out, "POST /"));
  g_string_free (g_steal_pointer (&printed), TRUE);
  canting_test_rmdir (top);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/security/secret-nowhere", test_secret_nowhere);
  g_test_add_func ("/security/file-modes", test_file_modes);
  g_test_add_func ("/security/outcome-no-customer-data", test_outcome_has_no_customer_data);
  g_test_add_func ("/security/plain-http", test_plain_http);
  g_test_add_func ("/security/tls-verified", test_tls_verified);
  return g_test_run ();
}
