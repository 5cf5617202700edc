/* canting-cli-publish.c: channels, publishing, order sync and the
 * publishing benchmark from the command line.
 *
 * `channel add` reads the password from stdin, never from the command
 * line (where the process list and the shell history would keep it), and
 * hands it to the keyring.  `publish` queues through the core and sends
 * with the same worker the app runs, printing progress on a terminal
 * and, at the end, what went and what did not, in words.  `sync` fetches
 * a shop's new and changed orders with the same worker and says what
 * came in. */
#include "config.h"

#include "canting-channel-driver.h"
#include "canting-cli-util.h"
#include "canting-cli-publish.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "canting-bench.h"
#include "canting-channel.h"
#include "canting-channel-order.h"
#include "canting-db.h"
#include "canting-error.h"
#include "canting-listing.h"
#include "canting-outbox.h"
#include "canting-product.h"
#include "canting-publish-bench.h"
#include "canting-publish-worker.h"
#include "canting-secret.h"
#include "canting-shop.h"
#include "canting-shop-store.h"
#include "canting-woocommerce.h"

/* canting-cli publish waits for retries due within this long; later
 * ones stay queued for the app (or the next publish) to send.  A
 * minute covers the first few backoff steps of a dropped connection. */
#define PUBLISH_WAIT_S 60

/* --- channel add / list ------------------------------------------------------- */

/* The secret, from a pipe or typed at a terminal without echo.
 * (transfer full), to be freed with canting_secret_free(). */
static char *
read_secret (const char *prompt)
{
  char buffer[4096];
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char *line;
  gsize len;

  if (tty)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return g_strdup ("");
  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

int
canting_cli_channel_add (const char *data_dir,
                         const char *name,
                         const char *url,
                         const char *user,
                         gboolean    consumer_key)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingChannel) channel = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *key = NULL;
  char *secret = NULL;
  char *stored = NULL;
  gboolean ok;

  if (db == NULL)
    return canting_cli_fail (error);
  /* Adding a channel of a name that exists changes it (and its
   * password): how one tries again after the keyring said no. */
  channel = canting_channel_find (db, name, &error);
  if (channel == NULL)
    {
      g_clear_error (&error);
      channel = canting_channel_new ();
      g_free (channel->name);
      channel->name = g_strdup (name);
    }
  channel->kind = CANTING_CHANNEL_WOOCOMMERCE;
  g_free (channel->base_url);
  channel->base_url = g_strdup (url);
  channel->auth = consumer_key ? CANTING_CHANNEL_AUTH_CONSUMER_KEY : CANTING_CHANNEL_AUTH_APP_PASSWORD;
  g_free (channel->auth_user);
  if (consumer_key)
    {
      gsize len = strlen (user);

      key = g_strstrip (g_strdup (user));
      if (!g_str_has_prefix (key, "ck_") || strchr (key, ':') != NULL)
        {
          g_printerr ("canting-cli: %s\n", _("A WooCommerce consumer key starts with “ck_”. Give it with --user; "
                                             "its secret (“cs_…”) is read from the standard input."));
          return 2;
        }
      /* Only its end is kept with the records, as WooCommerce lists
       * keys: the whole key goes to the keyring with its secret. */
      channel->auth_user = g_strdup_printf ("…%s", len > 7 ? key + strlen (key) - 7 : key);
    }
  else
    channel->auth_user = g_strdup (user);
  if (!canting_channel_validate (channel, &error))
    return canting_cli_fail (error);

  prompt = g_strdup_printf (consumer_key ? _("Consumer secret for %s: ") : _("Application password of %s: "),
                            consumer_key ? channel->base_url : user);
  secret = read_secret (prompt);
  if (*secret == '\0')
    {
      canting_secret_free (secret);
      g_printerr ("canting-cli: %s\n", _("No password was given on the standard input. Type it, or pipe it in: "
                                         "canting-cli channel add … < password-file"));
      return 2;
    }
  stored = consumer_key ? canting_secret_join_consumer_key (key, secret) : g_strdup (secret);
  canting_secret_free (secret);

  ok = canting_channel_save (db, channel, &error) && canting_secret_store (channel, stored, NULL, &error);
  canting_secret_free (stored);
  if (!ok)
    return canting_cli_fail (error);
  g_print (_("Channel “%s” saved: %s, signed in as %s; the password is in the system keyring.\n"), channel->name,
           channel->base_url, channel->auth_user);
  return 0;
}

int
canting_cli_channel_list (const char *data_dir)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(GPtrArray) channels = NULL;

  if (db == NULL)
    return canting_cli_fail (error);
  channels = canting_channel_list (db, FALSE, &error);
  if (channels == NULL)
    return canting_cli_fail (error);
  for (guint i = 0; i < channels->len; i++)
    {
      CantingChannel *c = channels->pdata[i];
      gint64 waiting = canting_outbox_count (db, c->id, NULL);
      guint n = (guint) MAX (waiting, 0);

      g_print ("%s\t%s\t%s\t%s %s\t", c->name, canting_channel_kind_label (c->kind),
               *c->base_url != '\0' ? c->base_url : "-", canting_channel_auth_label (c->auth), c->auth_user);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u operation waiting\n", "%u operations waiting\n", n), n);
    }
  if (channels->len == 0)
    g_printerr ("%s\n", _("No channels yet. Add one: canting-cli channel add --name NAME --url URL --user USER"));
  return 0;
}

/* --- publish ------------------------------------------------------------------ */

/* Products by SKU, whatever their capitals; every SKU must be found. */
static GArray *
find_skus (CantingDb           *db,
           const char * const  *skus,
           GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; skus[i] != NULL; i++)
    {
      CantingProductFilter filter = { .text = skus[i], .technique = -1, .include_archived = TRUE };
      g_autoptr(GPtrArray) found = canting_product_search (db, &filter, 0, 1000, error);
      gboolean matched = FALSE;

      if (found == NULL)
        return NULL;
      for (guint j = 0; j < found->len && !matched; j++)
        {
          CantingProduct *p = found->pdata[j];
          if (g_ascii_strcasecmp (p->sku, skus[i]) == 0)
            {
              g_array_append_val (ids, p->id);
              matched = TRUE;
            }
        }
      if (!matched)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("No product has the SKU “%s”."), skus[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&ids);
}

static gboolean
queue (CantingDb              *db,
       gint64                  channel_id,
       CantingCliPublishWhat   what,
       const char * const     *skus,
       GError                **error)
{
  guint queued = 0;

  switch (what)
    {
    case CANTING_CLI_PUBLISH_ALL:
      return canting_listing_queue_publish_all (db, channel_id, &queued, error);
    case CANTING_CLI_PUBLISH_CHANGED:
      return canting_listing_queue_publish_changed (db, channel_id, &queued, error);
    case CANTING_CLI_PUBLISH_SKUS:
      {
        g_autoptr(GArray) ids = find_skus (db, skus, error);
        return ids != NULL &&
               canting_listing_queue_publish (db, channel_id, (const gint64 *) (void *) ids->data, ids->len, error);
      }
    case CANTING_CLI_PUBLISH_WAITING:
    default:
      return TRUE;
    }
}

static void
print_json (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  if (!json_parser_load_from_data (parser, body, -1, NULL))
    {
      g_print ("%s\n", body);
      return;
    }
  json_generator_set_root (gen, json_parser_get_root (parser));
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* Dry run: the selection is queued in a copy of the records, and what the
 * worker would send first is printed, request by request.  The copy is
 * thrown away; the records and the shop are untouched. */
static int
dry_run (CantingDb              *db,
         CantingChannel         *channel,
         CantingCliPublishWhat   what,
         const char * const     *skus)
{
  GError *error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("canting-dry-run-XXXXXX", &error);
  g_autoptr(CantingDb) copy = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_outbox_op_free);
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint photos = 0, lookups = 0;
  gint64 later;
  int rc = 0;

  if (dir == NULL)
    return canting_cli_fail (error);
  if (!canting_db_copy_to_dir (db, dir, &error) || (copy = canting_db_open (dir, &error)) == NULL ||
      !queue (copy, channel->id, what, skus, &error) ||
      (categories = canting_channel_categories (copy, channel->id, &error)) == NULL)
    {
      rc = canting_cli_fail (error);
      goto out;
    }
  /* Taken after queueing: an operation queued in the next second (the
   * outbox counts seconds) was left out as not due yet. */
  now = g_date_time_new_now_utc ();

  g_print (_("Dry run: nothing is sent, nothing is saved. To %s, signed in as %s, Canting would send:\n"),
           channel->base_url, channel->auth_user);
  for (guint i = 0; i < categories->len; i++)
    {
      CantingChannelCategory *c = categories->pdata[i];
      g_autoptr(CantingRemoteRequest) request = NULL;

      if (c->remote_id > 0)
        continue;
      request = canting_wc_category_request (c->remote_name);
      g_print ("\n%s %s\n", request->method, request->path);
      print_json (request->body);
    }

  for (;;)
    {
      g_autoptr(GPtrArray) taken = canting_outbox_take_due (copy, channel->id, now, CANTING_OUTBOX_BATCH_MAX, &error);
      g_autoptr(GArray) done = g_array_new (FALSE, TRUE, sizeof (CantingOutboxOutcome));

      if (taken == NULL)
        {
          rc = canting_cli_fail (error);
          goto out;
        }
      if (taken->len == 0)
        break;
      for (guint i = 0; i < taken->len; i++)
        {
          CantingOutboxOp *op = taken->pdata[i];

          if (op->kind == CANTING_OUTBOX_IMAGE)
            {
              g_autofree char *base = g_path_get_basename (op->photo_file);
              CantingOutboxOutcome o = { .op_id = op->id, .kind = CANTING_OUTCOME_FAILED };

              g_print ("\nPOST %s  (%s %s: %s, %s)\n", CANTING_WC_MEDIA_PATH, op->sku != NULL ? op->sku : "",
                       _("photo"), base, channel->auth == CANTING_CHANNEL_AUTH_APP_PASSWORD
                       ? _("uploaded before its product") : _("not sent: a consumer key cannot upload photos"));
              photos++;
              /* In the copy only: lets the product go on without it. */
              g_array_append_val (done, o);
              continue;
            }
          if (op->lookup_first || (op->kind != CANTING_OUTBOX_CREATE && op->remote_id <= 0))
            {
              g_autoptr(CantingRemoteRequest) lookup = canting_wc_lookup_request (op->sku);

              g_print ("\n%s %s  (%s)\n", lookup->method, lookup->path,
                       _("an earlier attempt may have reached the shop: looked up first, created only if missing"));
              lookups++;
              if (op->kind != CANTING_OUTBOX_UNPUBLISH)
                op->kind = CANTING_OUTBOX_CREATE;
              else
                continue;
            }
          g_ptr_array_add (products, g_steal_pointer (&taken->pdata[i]));
        }
      if (done->len > 0 &&
          !canting_outbox_record (copy, (CantingOutboxOutcome *) (void *) done->data, done->len, now, &error))
        {
          rc = canting_cli_fail (error);
          goto out;
        }
    }

  batches = canting_wc_batches (products, CANTING_WC_BATCH_MAX, &error);
  if (batches == NULL)
    {
      rc = canting_cli_fail (error);
      goto out;
    }
  for (guint i = 0; i < batches->len; i++)
    {
      CantingRemoteBatch *b = batches->pdata[i];

      g_print ("\nPOST %s  (", CANTING_WC_BATCH_PATH);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u new product", "%u new products", b->creates->len), b->creates->len);
      g_print (", ");
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u update", "%u updates", b->updates->len), b->updates->len);
      g_print (")\n");
      print_json (b->body);
    }
  if (photos > 0 && channel->auth == CANTING_CHANNEL_AUTH_APP_PASSWORD)
    g_print ("\n%s\n", _("Each product’s photos are attached by the numbers the shop gives them when they are "
                         "uploaded; until then its photos are left out above."));
  later = canting_outbox_count (copy, channel->id, NULL) - (gint64) products->len;
  if (later > 0)
    g_print ("\n%s\n", _("Some operations are waiting to be tried again later and are not shown."));
  if (batches->len == 0 && photos == 0 && lookups == 0)
    g_print ("%s\n", _("Nothing: everything is on the shop as it is here."));

out:
  g_clear_object (&copy);
  {
    /* The copy, its WAL and any backup made on opening it. */
    g_autoptr(GFile) root = g_file_new_for_path (dir);
    canting_cli_remove_tree (root);
  }
  return rc;
}

typedef struct {
  GMainLoop *loop;
  gboolean tty;
  guint sent;
  guint refused;
  GPtrArray *failures;   /* "SKU: message" */
  char *paused;
  guint waiting;
  gint64 next;
  gboolean interrupted;
  gboolean progress_shown;
} Publishing;

static void
on_progress (CantingPublishWorker *worker,
             guint                 done,
             guint                 total,
             Publishing           *p)
{
  if (!p->tty || total == 0)
    return;
  g_print ("\r");
  g_print (_("Publishing: %u of %u done"), done, total);
  g_print ("   ");
  p->progress_shown = TRUE;
}

static void
on_item (CantingPublishWorker *worker,
         gint64                channel_id,
         gint64                product_id,
         const char           *sku,
         int                   kind,
         int                   outcome,
         const char           *message,
         Publishing           *p)
{
  if (outcome == CANTING_OUTCOME_SENT && kind != CANTING_OUTBOX_IMAGE)
    p->sent++;
  else if (outcome == CANTING_OUTCOME_FAILED)
    {
      p->refused++;
      g_ptr_array_add (p->failures, kind == CANTING_OUTBOX_IMAGE
                                    ? g_strdup_printf ("%s (%s): %s", sku, _("photo"), message)
                                    : g_strdup_printf ("%s: %s", sku, message));
    }
}

static void
on_paused (CantingPublishWorker *worker,
           gint64                channel_id,
           const char           *message,
           Publishing           *p)
{
  g_free (p->paused);
  p->paused = g_strdup (message);
}

static void
on_idle (CantingPublishWorker *worker,
         guint                 waiting,
         gint64                next,
         Publishing           *p)
{
  p->waiting = waiting;
  p->next = next;
  if (waiting == 0 || next < 0 || next > PUBLISH_WAIT_S)
    g_main_loop_quit (p->loop);
}

static gboolean
on_interrupt (gpointer data)
{
  Publishing *p = data;

  p->interrupted = TRUE;
  g_main_loop_quit (p->loop);
  return G_SOURCE_CONTINUE;
}

int
canting_cli_publish (const char              *data_dir,
                     const char              *channel_name,
                     CantingCliPublishWhat    what,
                     const char * const      *skus,
                     gboolean                 dry)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingChannel) channel = NULL;
  g_autoptr(CantingPublishWorker) worker = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Publishing p = { 0 };
  guint sigint, sigterm;
  int rc = 0;

  if (db == NULL)
    return canting_cli_fail (error);
  if ((channel = canting_channel_find (db, channel_name, &error)) == NULL)
    return canting_cli_fail (error);
  if (canting_channel_driver_for_kind (channel->kind) == NULL)
    {
      g_printerr ("canting-cli: %s\n", _("This channel is an e-Peken listing pack, not an online shop: make the pack "
                                         "with canting-cli epeken-pack."));
      return 1;
    }
  if (dry)
    return dry_run (db, channel, what, skus);
  if (!queue (db, channel->id, what, skus, &error))
    return canting_cli_fail (error);

  loop = g_main_loop_new (NULL, FALSE);
  p.loop = loop;
  p.tty = isatty (STDOUT_FILENO);
  p.failures = g_ptr_array_new_with_free_func (g_free);
  p.next = -1;
  worker = canting_publish_worker_new (data_dir, channel->id);
  g_signal_connect (worker, "progress", G_CALLBACK (on_progress), &p);
  g_signal_connect (worker, "item-done", G_CALLBACK (on_item), &p);
  g_signal_connect (worker, "channel-paused", G_CALLBACK (on_paused), &p);
  g_signal_connect (worker, "idle", G_CALLBACK (on_idle), &p);
  if (!canting_publish_worker_start (worker, &error))
    {
      g_ptr_array_unref (p.failures);
      return canting_cli_fail (error);
    }
  /* Ctrl+C stops cleanly: what is out is recorded as interrupted. */
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &p);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &p);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  canting_publish_worker_stop (worker);
  /* The last outcomes recorded while stopping. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (p.progress_shown)
    g_print ("\n");
  g_print (_("Sent: %u. Refused: %u.\n"), p.sent, p.refused);
  for (guint i = 0; i < p.failures->len; i++)
    g_print ("  %s\n", (const char *) p.failures->pdata[i]);
  if (p.paused != NULL)
    {
      g_printerr ("canting-cli: %s\n", p.paused);
      rc = 1;
    }
  {
    guint waiting = (guint) MAX (canting_outbox_count (db, channel->id, NULL), 0);

    if (waiting > 0)
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u operation is still waiting; Canting tries again later (keep the app open, or run "
                            "canting-cli publish again).\n",
                            "%u operations are still waiting; Canting tries again later (keep the app open, or run "
                            "canting-cli publish again).\n", waiting),
               waiting);
  }
  if (p.refused > 0 || p.interrupted)
    rc = 1;
  g_ptr_array_unref (p.failures);
  g_free (p.paused);
  return rc;
}

/* --- sync ------------------------------------------------------------------- */

typedef struct {
  GMainLoop *loop;
  gboolean synced;
  CantingOrderSyncSummary *summary;
  char *message;
  guint stock_sent;
  gboolean interrupted;
} Syncing;

static void
on_synced (CantingPublishWorker    *worker,
           gint64                   channel_id,
           CantingOrderSyncSummary *summary,
           const char              *message,
           Syncing                 *s)
{
  s->synced = TRUE;
  s->summary = canting_order_sync_summary_copy (summary);
  s->message = g_strdup (message);
}

static void
on_sync_item (CantingPublishWorker *worker,
              gint64                channel_id,
              gint64                product_id,
              const char           *sku,
              int                   kind,
              int                   outcome,
              const char           *message,
              Syncing              *s)
{
  if (outcome == CANTING_OUTCOME_SENT && kind != CANTING_OUTBOX_IMAGE)
    s->stock_sent++;
}

/* The sync has said how it went, and what the sales queued for the shop
 * went too (or waits for later). */
static void
on_sync_idle (CantingPublishWorker *worker,
              guint                 waiting,
              gint64                next,
              Syncing              *s)
{
  if (s->synced && (waiting == 0 || next < 0 || next > PUBLISH_WAIT_S))
    g_main_loop_quit (s->loop);
}

static gboolean
on_sync_interrupt (gpointer data)
{
  Syncing *s = data;

  s->interrupted = TRUE;
  g_main_loop_quit (s->loop);
  return G_SOURCE_CONTINUE;
}

int
canting_cli_sync (const char *data_dir,
                  const char *channel_name)
{
  GError *error = NULL;
  g_autoptr(CantingDb) db = canting_db_open (data_dir, &error);
  g_autoptr(CantingChannel) channel = NULL;
  g_autoptr(CantingPublishWorker) worker = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Syncing s = { 0 };
  guint sigint, sigterm;
  int rc = 0;

  if (db == NULL)
    return canting_cli_fail (error);
  if ((channel = canting_channel_find (db, channel_name, &error)) == NULL)
    return canting_cli_fail (error);
  if (canting_channel_driver_for_kind (channel->kind) == NULL)
    {
      g_printerr ("canting-cli: %s\n", _("This channel is an e-Peken listing pack, not an online shop: it has no "
                                         "orders to fetch."));
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  s.loop = loop;
  worker = canting_publish_worker_new (data_dir, channel->id);
  g_signal_connect (worker, "orders-synced", G_CALLBACK (on_synced), &s);
  g_signal_connect (worker, "item-done", G_CALLBACK (on_sync_item), &s);
  g_signal_connect (worker, "idle", G_CALLBACK (on_sync_idle), &s);
  if (!canting_publish_worker_start (worker, &error))
    return canting_cli_fail (error);
  canting_publish_worker_sync_now (worker, channel->id);
  sigint = g_unix_signal_add (SIGINT, on_sync_interrupt, &s);
  sigterm = g_unix_signal_add (SIGTERM, on_sync_interrupt, &s);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  canting_publish_worker_stop (worker);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (s.summary != NULL)
    {
      CantingOrderSyncSummary *sum = s.summary;

      g_print (_("New orders: %u. Updated: %u. Unchanged: %u.\n"), sum->created, sum->updated, sum->unchanged);
      if (sum->unknown_skus->len > 0)
        {
          g_print ("%s\n", _("SKUs not in the catalogue, kept as items described in words:"));
          for (guint i = 0; i < sum->unknown_skus->len; i++)
            g_print ("  %s\n", (const char *) sum->unknown_skus->pdata[i]);
        }
      for (guint i = 0; i < sum->problems->len; i++)
        g_print ("  %s\n", (const char *) sum->problems->pdata[i]);
      if (s.stock_sent > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "Stock sent to the shop for %u product.\n",
                              "Stock sent to the shop for %u products.\n", s.stock_sent),
                 s.stock_sent);
      if (sum->failed > 0)
        rc = 1;
    }
  if (s.message != NULL)
    {
      g_printerr ("canting-cli: %s\n", s.message);
      rc = 1;
    }
  else if (s.interrupted || s.summary == NULL)
    {
      g_printerr ("canting-cli: %s\n", _("Stopped before the orders were all fetched; what came in is kept."));
      rc = 1;
    }
  canting_order_sync_summary_free (s.summary);
  g_free (s.message);
  return rc;
}

/* --- bench publish ------------------------------------------------------------ */

#define BENCH_USER "bench"
#define BENCH_PASSWORD "bnch 2026 cntg pblsh wrkr tst1"

typedef struct {
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  char *path;
  char *faults;
  GMutex lock;
  GCond cond;
  gboolean ready;
  char *home;
  GError *error;
} BenchShop;

static gpointer
bench_shop_thread (gpointer data)
{
  BenchShop *s = data;
  g_autoptr(CantingShopStore) store = NULL;
  g_autoptr(CantingShop) shop = NULL;

  g_main_context_push_thread_default (s->context);
  store = canting_shop_store_open (s->path, &s->error);
  if (store != NULL)
    {
      shop = canting_shop_new (store, NULL, NULL, BENCH_USER, BENCH_PASSWORD);
      if (!canting_shop_set_faults (shop, s->faults, &s->error) ||
          !canting_shop_listen (shop, "127.0.0.1", 0, &s->error))
        g_clear_object (&shop);
    }
  g_mutex_lock (&s->lock);
  if (shop != NULL)
    s->home = g_strdup (canting_shop_get_home_url (shop));
  s->ready = TRUE;
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);
  if (shop != NULL)
    {
      g_main_loop_run (s->loop);
      canting_shop_disconnect (shop);
    }
  g_clear_object (&shop);
  g_clear_object (&store);
  while (g_main_context_iteration (s->context, FALSE))
    ;
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static BenchShop *
bench_shop_start (const char *dir,
                  const char *file,
                  guint       latency_ms)
{
  BenchShop *s = g_new0 (BenchShop, 1);

  s->path = g_build_filename (dir, file, NULL);
  s->faults = latency_ms > 0 ? g_strdup_printf ("latency=%ums", latency_ms) : NULL;
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->thread = g_thread_new ("bench-shop", bench_shop_thread, s);
  g_mutex_lock (&s->lock);
  while (!s->ready)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
  return s;
}

static gboolean
bench_shop_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
bench_shop_stop (BenchShop *s)
{
  g_main_context_invoke (s->context, bench_shop_quit, s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_clear_error (&s->error);
  g_free (s->path);
  g_free (s->faults);
  g_free (s->home);
  g_free (s);
}

int
canting_cli_bench_publish (guint n_products,
                           guint latency_ms)
{
  GError *error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("canting-bench-XXXXXX", &error);
  g_autofree char *workshop = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GFile) root = NULL;
  BenchShop *canting_shop, *baseline_shop;

  if (dir == NULL)
    return canting_cli_fail (error);
  workshop = g_build_filename (dir, "workshop", NULL);
  /* Two shops alike, so the baseline makes the same products new. */
  canting_shop = bench_shop_start (dir, "shop-canting.db", latency_ms);
  baseline_shop = bench_shop_start (dir, "shop-baseline.db", latency_ms);
  if (canting_shop->home == NULL || baseline_shop->home == NULL)
    error = g_error_copy (canting_shop->error != NULL ? canting_shop->error : baseline_shop->error);
  else
    {
      g_printerr (_("Publishing %u products to two practice shops answering after %u ms, in %s…\n"), n_products,
                  latency_ms, dir);
      results = canting_publish_bench (workshop, canting_shop->home, baseline_shop->home, BENCH_USER, BENCH_PASSWORD,
                                       n_products, &error);
    }
  bench_shop_stop (canting_shop);
  bench_shop_stop (baseline_shop);
  root = g_file_new_for_path (dir);
  canting_cli_remove_tree (root);
  if (results == NULL)
    return canting_cli_fail (error);
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *line = canting_bench_result_line (g_ptr_array_index (results, i));
      g_print ("%s\n", line);
    }
  return 0;
}
