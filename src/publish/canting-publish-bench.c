/* canting-publish-bench.c: the worker against one-request-at-a-time
 * publishing, on the same products in the same run. */
#include "canting-publish-bench.h"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "canting-bench.h"
#include "canting-channel.h"
#include "canting-db.h"
#include "canting-error.h"
#include "canting-listing.h"
#include "canting-product.h"
#include "canting-publish.h"
#include "canting-publish-worker.h"
#include "canting-woocommerce.h"

static gboolean
make_products (CantingDb  *db,
               guint       n,
               GArray     *ids,
               GError    **error)
{
  static const char * const motifs[] = { "Kawung", "Parang", "Sekar Jagad", "Truntum", "Mega Mendung" };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CantingProduct) p = canting_product_new ();

      g_free (p->sku);
      p->sku = g_strdup_printf ("BENCH-%05u", i);
      g_free (p->name);
      p->name = g_strdup_printf ("Batik Tulis %s %u", motifs[i % G_N_ELEMENTS (motifs)], i);
      g_free (p->motif);
      p->motif = g_strdup (motifs[i % G_N_ELEMENTS (motifs)]);
      p->technique = CANTING_TECHNIQUE_TULIS;
      p->price = 150000 + 5000 * (i % 50);
      p->unit_cost = 80000;
      g_free (p->description);
      p->description = g_strdup ("Kain katun primissima, pewarna alam.\nUkuran 2,15 × 1,15 m.");
      if (!canting_product_save_with_stock (db, p, 0, 1 + i % 9, error))
        return FALSE;
      g_array_append_val (ids, p->id);
    }
  return TRUE;
}

typedef struct {
  gboolean idle;
  guint waiting;
  char *paused;
} Watch;

static void
on_idle (CantingPublishWorker *worker,
         guint                 waiting,
         gint64                next,
         Watch                *watch)
{
  /* A retry due later means the shop had trouble: the benchmark stops
   * and says so rather than waiting for it. */
  watch->idle = TRUE;
  watch->waiting = waiting;
}

static void
on_paused (CantingPublishWorker *worker,
           gint64                channel_id,
           const char           *message,
           Watch                *watch)
{
  g_free (watch->paused);
  watch->paused = g_strdup (message);
}

/* Publishes everything queued for @channel_id and waits until the worker
 * has nothing more it can send. */
static gboolean
run_worker (const char  *data_dir,
            gint64       channel_id,
            const char  *secret,
            GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(CantingPublishWorker) worker = NULL;
  Watch watch = { 0 };
  gboolean ok;

  g_main_context_push_thread_default (context);
  worker = canting_publish_worker_new (data_dir, channel_id);
  canting_publish_worker_set_secret (worker, channel_id, secret);
  g_signal_connect (worker, "idle", G_CALLBACK (on_idle), &watch);
  g_signal_connect (worker, "channel-paused", G_CALLBACK (on_paused), &watch);
  ok = canting_publish_worker_start (worker, error);
  while (ok && !watch.idle)
    g_main_context_iteration (context, TRUE);
  if (ok)
    canting_publish_worker_stop (worker);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_clear_object (&worker);
  g_main_context_pop_thread_default (context);
  if (ok && (watch.paused != NULL || watch.waiting > 0))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                   _("The benchmark shop did not take every product (%u still waiting): %s"), watch.waiting,
                   watch.paused != NULL ? watch.paused : "");
      ok = FALSE;
    }
  g_free (watch.paused);
  return ok;
}

static size_t
discard (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  return size * n;
}

/* The baseline: what a simple client does, one POST /products per
 * product, each waiting for its answer, on one kept-alive connection. */
static gboolean
publish_one_by_one (CantingDb   *db,
                    GArray      *ids,
                    const char  *base_url,
                    const char  *user,
                    const char  *password,
                    GError     **error)
{
  CURL *easy = curl_easy_init ();
  struct curl_slist *headers = NULL;
  gboolean ok = easy != NULL;

  headers = curl_slist_append (headers, "Content-Type: application/json");
  headers = curl_slist_append (headers, "Expect:");
  for (guint i = 0; ok && i < ids->len; i++)
    {
      g_autofree char *payload = canting_listing_payload (db, g_array_index (ids, gint64, i), error);
      CantingOutboxOp op = { .id = i + 1, .kind = CANTING_OUTBOX_CREATE, .payload = payload };
      g_autoptr(CantingRemoteRequest) request = payload != NULL ? canting_wc_request_for_op (&op, error) : NULL;
      g_autofree char *url = NULL;
      long status = 0;
      CURLcode rc;

      if (request == NULL)
        {
          ok = FALSE;
          break;
        }
      url = g_strconcat (base_url, request->path, NULL);
      curl_easy_setopt (easy, CURLOPT_URL, url);
      curl_easy_setopt (easy, CURLOPT_USERAGENT, canting_publish_user_agent ());
      curl_easy_setopt (easy, CURLOPT_NOPROXY, "*");
      curl_easy_setopt (easy, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC);
      curl_easy_setopt (easy, CURLOPT_USERNAME, user);
      curl_easy_setopt (easy, CURLOPT_PASSWORD, password);
      curl_easy_setopt (easy, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt (easy, CURLOPT_POSTFIELDS, request->body);
      curl_easy_setopt (easy, CURLOPT_WRITEFUNCTION, discard);
      rc = curl_easy_perform (easy);
      curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
      if (rc != CURLE_OK || status != 201)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO,
                       _("The baseline shop refused a product (%s, HTTP %ld)."), curl_easy_strerror (rc), status);
          ok = FALSE;
        }
    }
  curl_slist_free_all (headers);
  if (easy != NULL)
    curl_easy_cleanup (easy);
  return ok;
}

GPtrArray *
canting_publish_bench (const char  *data_dir,
                       const char  *canting_url,
                       const char  *baseline_url,
                       const char  *user,
                       const char  *app_password,
                       guint        n_products,
                       GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_bench_result_free);
  g_autoptr(CantingDb) db = NULL;
  g_autoptr(CantingChannel) channel = canting_channel_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CantingBenchResult *r;
  guint queued = 0;
  gint64 t0, t1, t2;

  if (!canting_publish_init (error) || (db = canting_db_open (data_dir, error)) == NULL ||
      !make_products (db, n_products, ids, error))
    return NULL;
  g_free (channel->name);
  channel->name = g_strdup ("Toko Bench");
  g_free (channel->base_url);
  channel->base_url = g_strdup (canting_url);
  channel->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
  g_free (channel->auth_user);
  channel->auth_user = g_strdup (user);
  if (!canting_channel_save (db, channel, error))
    return NULL;

  /* Canting: asking for them all, then the worker until it is done. */
  t0 = g_get_monotonic_time ();
  if (!canting_listing_queue_publish_all (db, channel->id, &queued, error) ||
      !run_worker (data_dir, channel->id, app_password, error))
    return NULL;
  t1 = g_get_monotonic_time ();
  if (canting_outbox_count (db, channel->id, error) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("The benchmark shop did not take every product."));
      return NULL;
    }

  t2 = g_get_monotonic_time ();
  if (!publish_one_by_one (db, ids, baseline_url, user, app_password, error))
    return NULL;

  r = g_new0 (CantingBenchResult, 1);
  r->name = g_strdup ("publish");
  r->canting_ms = (double) (t1 - t0) / 1000.0;
  r->baseline_ms = (double) (g_get_monotonic_time () - t2) / 1000.0;
  r->baseline = g_strdup ("one product per request, one after the other, libcurl easy");
  g_ptr_array_add (results, r);
  return g_steal_pointer (&results);
}
