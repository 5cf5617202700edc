/* canting-publish-worker.c: the outbox worker: a thread, a database
 * connection of its own, and libcurl's multi interface.
 *
 * One loop on the worker thread does everything: it takes due
 * operations per channel (the outbox hands a product out once, photos
 * first), turns them into requests (photo uploads, lookups by SKU,
 * category creation, product batches), lets libcurl run them side by
 * side, and records each answer through the core as soon as it comes.
 * Operations out of the outbox live in run->ops until their outcome is
 * recorded; a stop records an "interrupted" outcome for every one still
 * there, so nothing stays marked as being sent.  A sync of a channel's
 * orders runs in the same loop, one page out at a time (see "orders"). */
#include "canting-publish-worker-private.h"

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "canting-channel.h"
#include "canting-channel-order.h"
#include "canting-db.h"
#include "canting-error.h"
#include "canting-http-private.h"
#include "canting-oauth.h"
#include "canting-publish.h"
#include "canting-retry.h"
#include "canting-secret.h"
#include "canting-channel-driver.h"

/* Connections to one shop at once.  Shared WordPress hosts throttle
 * clients that open more; four already hides most of the latency. */
#define MAX_HOST_CONNECTIONS 4
/* Requests one channel keeps out at once: one per connection. */
#define REQUESTS_PER_CHANNEL MAX_HOST_CONNECTIONS
/* The first take of a round is small, so at most this many photo
 * uploads (which go one by one) wait for a connection under their
 * lease; if it holds only products, the round is topped up to a full
 * batch. */
#define FIRST_TAKE 8
/* With nothing due, the worker still looks every half minute: another
 * process (canting-cli, a second window) may have queued work. */
#define IDLE_WAKE_S 30
/* A page of orders that the shop did not give is asked for again twice,
 * after the retry policy's waits (10 then 20 seconds or so): long enough
 * for a dropped connection to come back, short enough for a person
 * waiting on "sync now".  Then the sync ends, saying why; the next one
 * starts where this one could not go on. */
#define SYNC_ATTEMPTS 3
/* A stock figure sent to a shop replaces the shop's, so the shop's
 * orders are read first (see stock_may_go()); once read, stock goes
 * without reading them again for this long. */
#define STOCK_ORDERS_FRESH_S 60
/* 1,000 pages of 100 orders: far more than a workshop's shop changes
 * between two syncs; a shop whose pages never end is not followed
 * further. */
#define SYNC_MAX_PAGES 1000

struct _CantingPublishWorker
{
  GObject parent_instance;

  char *data_dir;
  gint64 channel_id;
  GMainContext *main_context;
  GThread *thread;
  CURLM *multi;

  GMutex lock;
  /* Under lock: what the main thread asks of the worker thread. */
  gboolean stop_requested;
  gboolean kicked;
  GArray *resumed;          /* gint64 channel ids */
  GHashTable *secrets;      /* gint64 * -> secret */
  GArray *syncs;            /* gint64 channel ids whose orders to fetch; 0: all */
  guint sync_interval;      /* seconds; 0: only when asked */
  gboolean interval_changed;
  gint64 skipped;
  CantingPublishWorkerStats stats;

  /* Main thread only. */
  GNetworkMonitor *monitor;
  gboolean monitor_decides_loopback;
  gulong monitor_handler;
  gboolean online;
  guint done;
  guint total;
  gboolean skip_waits;
  CantingPublishWorkerTakeHook take_hook;
  gpointer take_hook_data;

  /* Read by the worker thread, written by the main thread. */
  gint network_available;
};

G_DEFINE_FINAL_TYPE (CantingPublishWorker, canting_publish_worker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PROGRESS,
  SIGNAL_ITEM_DONE,
  SIGNAL_CHANNEL_PAUSED,
  SIGNAL_IDLE,
  SIGNAL_ORDERS_SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
free_secret (gpointer secret)
{
  canting_secret_free (secret);
}

static void
canting_publish_worker_dispose (GObject *object)
{
  CantingPublishWorker *self = CANTING_PUBLISH_WORKER (object);

  canting_publish_worker_stop (self);
  if (self->monitor != NULL && self->monitor_handler != 0)
    g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (canting_publish_worker_parent_class)->dispose (object);
}

static void
canting_publish_worker_finalize (GObject *object)
{
  CantingPublishWorker *self = CANTING_PUBLISH_WORKER (object);

  g_free (self->data_dir);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->resumed, g_array_unref);
  g_clear_pointer (&self->syncs, g_array_unref);
  g_clear_pointer (&self->secrets, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (canting_publish_worker_parent_class)->finalize (object);
}

static void
canting_publish_worker_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CantingPublishWorker *self = CANTING_PUBLISH_WORKER (object);

  switch (prop_id)
    {
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
canting_publish_worker_class_init (CantingPublishWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = canting_publish_worker_dispose;
  object_class->finalize = canting_publish_worker_finalize;
  object_class->get_property = canting_publish_worker_get_property;

  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, TRUE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                           NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[SIGNAL_ITEM_DONE] = g_signal_new ("item-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                            NULL, G_TYPE_NONE, 6, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING,
                                            G_TYPE_INT, G_TYPE_INT, G_TYPE_STRING);
  signals[SIGNAL_CHANNEL_PAUSED] = g_signal_new ("channel-paused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals[SIGNAL_IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT64);
  signals[SIGNAL_ORDERS_SYNCED] = g_signal_new ("orders-synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64,
                                                CANTING_TYPE_ORDER_SYNC_SUMMARY, G_TYPE_STRING);
}

static void
canting_publish_worker_init (CantingPublishWorker *self)
{
  g_mutex_init (&self->lock);
  self->resumed = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->syncs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->secrets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_secret);
  self->online = TRUE;
  self->network_available = TRUE;
}

CantingPublishWorker *
canting_publish_worker_new (const char *data_dir,
                            gint64      channel_id)
{
  CantingPublishWorker *self = g_object_new (CANTING_TYPE_PUBLISH_WORKER, NULL);

  g_return_val_if_fail (data_dir != NULL, NULL);
  self->data_dir = g_strdup (data_dir);
  self->channel_id = channel_id;
  return self;
}

/* --- telling the main context ------------------------------------------ */

typedef struct {
  CantingPublishWorker *self;
  guint signal;
  gint64 channel_id;
  gint64 product_id;
  char *sku;
  char *message;
  int kind;
  int outcome;
  guint done;
  guint total;
  gint64 next;
  CantingOrderSyncSummary *summary;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *e = data;

  g_object_unref (e->self);
  g_free (e->sku);
  g_free (e->message);
  canting_order_sync_summary_free (e->summary);
  g_free (e);
}

static gboolean
emit_in_main (gpointer data)
{
  Emission *e = data;

  switch (e->signal)
    {
    case SIGNAL_PROGRESS:
      e->self->done = e->done;
      e->self->total = e->total;
      g_signal_emit (e->self, signals[SIGNAL_PROGRESS], 0, e->done, e->total);
      break;
    case SIGNAL_ITEM_DONE:
      g_signal_emit (e->self, signals[SIGNAL_ITEM_DONE], 0, e->channel_id, e->product_id, e->sku, e->kind,
                     e->outcome, e->message);
      break;
    case SIGNAL_CHANNEL_PAUSED:
      g_signal_emit (e->self, signals[SIGNAL_CHANNEL_PAUSED], 0, e->channel_id, e->message);
      break;
    case SIGNAL_IDLE:
      g_signal_emit (e->self, signals[SIGNAL_IDLE], 0, e->total, e->next);
      break;
    case SIGNAL_ORDERS_SYNCED:
      g_signal_emit (e->self, signals[SIGNAL_ORDERS_SYNCED], 0, e->channel_id, e->summary, e->message);
      break;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

static Emission *
emission_new (CantingPublishWorker *self,
              guint                 signal)
{
  Emission *e = g_new0 (Emission, 1);

  e->self = g_object_ref (self);
  e->signal = signal;
  return e;
}

static void
emit (Emission *e)
{
  /* Always through a source, never g_main_context_invoke(): that calls
   * the function at once, on this thread, whenever it can acquire the
   * main context (it is the global default here too), and signals must
   * reach their handlers on the thread that runs the main loop. */
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_in_main, e, emission_free);
  g_source_set_static_name (source, "[canting] publish worker signal");
  g_source_attach (source, e->self->main_context);
  g_source_unref (source);
}

/* --- the worker thread's state -------------------------------------------- */

typedef struct _Run Run;

/* A sync of a channel's orders under way: one page out at a time. */
typedef struct {
  char *since;              /* modified_after, the shop's clock */
  guint pass;               /* which of the driver's lists, from 0 */
  guint page;               /* the page to ask for, from 1 */
  guint attempts;           /* of that page */
  gint64 retry_at;          /* virtual unix seconds; 0: at once */
  gboolean out;             /* its request is with libcurl */
  CantingOrderSyncSummary *summary;
} Sync;

static void
sync_free (Sync *sync)
{
  if (sync == NULL)
    return;
  g_free (sync->since);
  canting_order_sync_summary_free (sync->summary);
  g_free (sync);
}

typedef struct {
  gint64 id;
  CantingChannel *channel;
  const CantingChannelDriver *driver;  /* the channel's platform */
  /* Credentials, once read: a user and password for HTTP Basic, or a
   * consumer key and secret (signed with OAuth on http://127.0.0.1). */
  gboolean ready;
  char *user;
  char *password;
  gboolean oauth;
  gboolean loopback;
  gboolean paused;
  gboolean want_take;
  gboolean check_categories;
  guint requests;
  guint categories_out;
  guint category_attempts;
  gint64 hold_until;        /* virtual unix seconds; 0: not held */
  GHashTable *categories_refused;
  char *pause_message;
  gboolean sync_wanted;     /* fetch the orders as soon as possible */
  gboolean sync_asked;      /* ...because someone asked (not the clock) */
  Sync *sync;
  gint64 next_sync;         /* virtual unix seconds of the next sync by the interval */
  gint64 orders_read_at;    /* virtual unix seconds a sync last ended; 0: none yet */
  gboolean sync_for_stock;  /* the sync under way was started so stock can go */
  GDateTime *took_at;       /* the clock of the last take; NULL: none yet */
} Chan;

static void
chan_free (Chan *chan)
{
  canting_channel_free (chan->channel);
  g_free (chan->user);
  canting_secret_free (chan->password);
  g_hash_table_unref (chan->categories_refused);
  g_free (chan->pause_message);
  sync_free (chan->sync);
  g_clear_pointer (&chan->took_at, g_date_time_unref);
  g_free (chan);
}

typedef enum {
  REQ_BATCH,
  REQ_IMAGE,
  REQ_LOOKUP,
  REQ_CATEGORY,
  REQ_ORDERS,
} ReqKind;

/* Creates that waited for their lookups: sent together once the last
 * lookup of their take has answered. */
typedef struct {
  guint refs;
  guint pending;
  Chan *chan;
  GPtrArray *ready;         /* CantingOutboxOp, borrowed from run->ops */
} LookupGroup;

typedef struct {
  Run *run;
  ReqKind kind;
  Chan *chan;
  CURL *easy;
  struct curl_slist *headers;
  char *body;
  gsize body_len;
  GBytes *upload;           /* REQ_IMAGE: the photo's bytes */
  GString *reply_headers;
  GString *reply_body;
  char error_buf[CURL_ERROR_SIZE];
  CantingRemoteBatch *batch;    /* REQ_BATCH; its ops borrowed from run->ops */
  guint batch_max;
  CantingOutboxOp *op;      /* REQ_IMAGE, REQ_LOOKUP: borrowed */
  LookupGroup *group;       /* REQ_LOOKUP */
  char *category;           /* REQ_CATEGORY */
} Req;

struct _Run
{
  CantingPublishWorker *self;
  CantingDb *db;
  GHashTable *channels;     /* gint64 * -> Chan */
  GHashTable *ops;          /* gint64 * (op id) -> CantingOutboxOp, out of the outbox */
  GPtrArray *reqs;          /* Req, with libcurl */
  gint64 offset;            /* seconds the clock was moved (skip waits) */
  guint sync_interval;      /* seconds; 0: only when asked */
  gint64 next_check;        /* virtual unix seconds to look again; 0: none */
  guint done;
  gboolean idle_reported;
  guint idle_waiting;
  gint64 idle_next;
};

static GDateTime *
run_now (Run *run)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_seconds (now, (gdouble) run->offset);
}

static gint64
run_now_unix (Run *run)
{
  return g_get_real_time () / G_USEC_PER_SEC + run->offset;
}

static void
group_unref (LookupGroup *group)
{
  if (group == NULL || --group->refs > 0)
    return;
  g_ptr_array_unref (group->ready);
  g_free (group);
}

static void
req_free (Req *req)
{
  if (req->easy != NULL)
    curl_easy_cleanup (req->easy);
  curl_slist_free_all (req->headers);
  g_free (req->body);
  g_clear_pointer (&req->upload, g_bytes_unref);
  g_string_free (req->reply_headers, TRUE);
  g_string_free (req->reply_body, TRUE);
  canting_remote_batch_free (req->batch);
  group_unref (req->group);
  g_free (req->category);
  g_free (req);
}

static void
pause_channel (Run        *run,
               Chan       *chan,
               const char *message)
{
  Emission *e;

  if (chan->paused)
    return;
  chan->paused = TRUE;
  g_free (chan->pause_message);
  chan->pause_message = g_strdup (message);
  e = emission_new (run->self, SIGNAL_CHANNEL_PAUSED);
  e->channel_id = chan->id;
  e->message = g_strdup (message);
  emit (e);
}

static void
report_progress (Run *run)
{
  g_autoptr(GError) error = NULL;
  gint64 waiting = canting_outbox_count (run->db, run->self->channel_id, &error);
  Emission *e = emission_new (run->self, SIGNAL_PROGRESS);

  if (waiting < 0)
    {
      g_warning ("Publishing: %s", error->message);
      waiting = 0;
    }
  e->done = run->done;
  e->total = run->done + (guint) waiting;
  emit (e);
}

/* --- recording --------------------------------------------------------------- */

/* Records @n outcomes of operations in run->ops in one transaction,
 * tells the main context, and lets them go. */
static void
record (Run                   *run,
        Chan                  *chan,
        CantingOutboxOutcome  *outcomes,
        guint                  n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = run_now (run);

  if (n == 0)
    return;
  /* If the database cannot take it (busy for longer than its timeout,
   * a full disk), the operations keep their lease and count as
   * interrupted when it ends: looked up, never lost, never doubled. */
  if (!canting_outbox_record (run->db, outcomes, n, now, &error))
    g_warning ("Publishing: the shop’s answer could not be saved: %s", error->message);
  for (guint i = 0; i < n; i++)
    {
      CantingOutboxOp *op = g_hash_table_lookup (run->ops, &outcomes[i].op_id);
      Emission *e;

      if (op == NULL)
        continue;
      if (error == NULL && (outcomes[i].kind == CANTING_OUTCOME_SENT || outcomes[i].kind == CANTING_OUTCOME_FAILED))
        run->done++;
      e = emission_new (run->self, SIGNAL_ITEM_DONE);
      e->channel_id = op->channel_id;
      e->product_id = op->product_id;
      e->sku = g_strdup (op->sku);
      e->kind = op->kind;
      e->outcome = outcomes[i].kind;
      e->message = g_strdup (outcomes[i].message);
      emit (e);
      g_hash_table_remove (run->ops, &outcomes[i].op_id);
    }
  for (guint i = 0; i < n; i++)
    canting_outbox_outcome_clear (&outcomes[i]);
  if (chan != NULL)
    chan->want_take = TRUE;
  report_progress (run);
}

static void
record_one (Run                  *run,
            Chan                 *chan,
            CantingOutboxOutcome *outcome)
{
  record (run, chan, outcome, 1);
}

/* An outcome without a reply to read (a refusal decided here). */
static void
record_failed (Run              *run,
               Chan             *chan,
               CantingOutboxOp  *op,
               const char       *message)
{
  CantingOutboxOutcome o = { .op_id = op->id, .kind = CANTING_OUTCOME_FAILED, .message = g_strdup (message) };

  record_one (run, chan, &o);
}

/* The outcome of @reply for @op, with a refused sign-in turned into a
 * paused channel: the operation waits (due at once) rather than failing,
 * because the fix is the password, not the product. */
static void
outcome_for (Run                  *run,
             Chan                 *chan,
             CantingOutboxOp      *op,
             const CantingRemoteReply *reply,
             GDateTime            *now,
             CantingOutboxOutcome *out)
{
  chan->driver->outcome (op, reply, g_random_double (), now, out);
  if (reply->problem == CANTING_REMOTE_AUTH)
    {
      out->kind = CANTING_OUTCOME_RETRY;
      out->delay_seconds = 0;
      pause_channel (run, chan, reply->message);
    }
}

/* --- requests ------------------------------------------------------------- */

static size_t
on_body (char   *data,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  Req *req = user_data;

  if (req->reply_body->len + size * n > CANTING_HTTP_MAX_REPLY_BYTES)
    return 0;
  g_string_append_len (req->reply_body, data, (gssize) (size * n));
  return size * n;
}

static size_t
on_header (char   *data,
           size_t  size,
           size_t  n,
           void   *user_data)
{
  Req *req = user_data;

  if (req->reply_headers->len + size * n > CANTING_HTTP_MAX_REPLY_BYTES)
    return 0;
  g_string_append_len (req->reply_headers, data, (gssize) (size * n));
  return size * n;
}

static Req *
req_new (Run     *run,
         Chan    *chan,
         ReqKind  kind)
{
  Req *req = g_new0 (Req, 1);

  req->run = run;
  req->chan = chan;
  req->kind = kind;
  req->reply_headers = g_string_new (NULL);
  req->reply_body = g_string_new (NULL);
  return req;
}

static void
count_request (Run     *run,
               ReqKind  kind,
               guint    items)
{
  CantingPublishWorkerStats *stats = &run->self->stats;

  g_mutex_lock (&run->self->lock);
  switch (kind)
    {
    case REQ_BATCH:
      stats->batches++;
      stats->largest_batch = MAX (stats->largest_batch, items);
      break;
    case REQ_IMAGE:
      stats->uploads++;
      break;
    case REQ_LOOKUP:
      stats->lookups++;
      break;
    case REQ_CATEGORY:
      stats->categories++;
      break;
    case REQ_ORDERS:
      stats->order_pages++;
      break;
    default:
      break;
    }
  g_mutex_unlock (&run->self->lock);
}

/* Sets up @req's easy handle for what the driver's @request says (its
 * body and upload move into @req) and hands it to libcurl.  Every
 * request is signed afresh: the shop refuses an OAuth nonce it has seen,
 * and a retry is a new request. */
static gboolean
req_send (Req                  *req,
          CantingRemoteRequest *request)
{
  Run *run = req->run;
  Chan *chan = req->chan;
  const char *method = request->method;
  g_autofree char *url = g_strconcat (chan->channel->base_url, request->path, NULL);
  g_autofree char *signed_url = NULL;
  g_autoptr(GError) error = NULL;

  if (chan->oauth)
    {
      g_autofree char *nonce = g_uuid_string_random ();

      /* OAuth's timestamp is the real time, whatever the test clock. */
      signed_url = canting_oauth_sign_url (method, url, chan->user, chan->password, NULL, NULL,
                                           CANTING_OAUTH_HMAC_SHA256, g_get_real_time () / G_USEC_PER_SEC, nonce,
                                           &error);
      if (signed_url == NULL)
        {
          g_warning ("Publishing: cannot sign a request: %s", error->message);
          return FALSE;
        }
    }

  req->easy = curl_easy_init ();
  if (req->easy == NULL)
    return FALSE;
  /* Who Canting says it is, TLS, timeouts, proxy and sign-in: as every
   * request to a shop (canting-http-private.h); OAuth is in the URL. */
  canting_http_setup_easy (req->easy, signed_url != NULL ? signed_url : url,
                           chan->oauth ? NULL : chan->user, chan->password);
  curl_easy_setopt (req->easy, CURLOPT_PRIVATE, req);
  curl_easy_setopt (req->easy, CURLOPT_ERRORBUFFER, req->error_buf);
  curl_easy_setopt (req->easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (req->easy, CURLOPT_WRITEDATA, req);
  curl_easy_setopt (req->easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (req->easy, CURLOPT_HEADERDATA, req);

  req->headers = canting_http_headers (request->content_type, request->filename);
  if (request->data != NULL)
    req->upload = g_bytes_ref (request->data);
  else if (request->body != NULL)
    {
      req->body = g_steal_pointer (&request->body);
      req->body_len = strlen (req->body);
    }
  if (g_str_equal (method, "POST"))
    {
      gsize length = req->body_len;
      gconstpointer data = req->upload != NULL ? g_bytes_get_data (req->upload, &length) : req->body;

      curl_easy_setopt (req->easy, CURLOPT_POST, 1L);
      curl_easy_setopt (req->easy, CURLOPT_POSTFIELDS, data != NULL ? data : "");
      curl_easy_setopt (req->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) length);
    }
  else if (!g_str_equal (method, "GET"))
    curl_easy_setopt (req->easy, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (req->easy, CURLOPT_HTTPHEADER, req->headers);

  if (curl_multi_add_handle (run->self->multi, req->easy) != CURLM_OK)
    return FALSE;
  count_request (run, req->kind, req->batch != NULL ? req->batch->creates->len + req->batch->updates->len : 1);
  g_ptr_array_add (run->reqs, req);
  chan->requests++;
  return TRUE;
}

static void dispatch_batches (Run *run, Chan *chan, GPtrArray *ops, guint max);

/* A request that could not even be set up (out of memory, a broken
 * libcurl): its operations wait as if the shop had not answered. */
static void
req_not_sent (Run  *run,
              Req  *req)
{
  g_autoptr(GDateTime) now = run_now (run);
  g_autoptr(GPtrArray) ops = g_ptr_array_new ();
  g_autofree CantingOutboxOutcome *outcomes = NULL;
  CantingRemoteReply reply = { 0 };

  if (req->batch != NULL)
    {
      g_ptr_array_extend (ops, req->batch->creates, NULL, NULL);
      g_ptr_array_extend (ops, req->batch->updates, NULL, NULL);
    }
  else if (req->op != NULL)
    g_ptr_array_add (ops, req->op);
  req->chan->driver->parse_reply (0, NULL, NULL, 0, &reply);
  outcomes = g_new0 (CantingOutboxOutcome, MAX (ops->len, 1));
  for (guint i = 0; i < ops->len; i++)
    outcome_for (run, req->chan, ops->pdata[i], &reply, now, &outcomes[i]);
  canting_remote_reply_clear (&reply);
  record (run, req->chan, outcomes, ops->len);
  req_free (req);
}

static void
send_batch (Run            *run,
            Chan           *chan,
            CantingRemoteBatch *batch,
            guint           max)
{
  g_autoptr(CantingRemoteRequest) request = chan->driver->batch_request (batch);
  Req *req = req_new (run, chan, REQ_BATCH);

  req->batch = batch;
  req->batch_max = max;
  if (!req_send (req, request))
    req_not_sent (run, req);
}

/* Sends the product operations @ops (borrowed from run->ops) in batches
 * of at most @max.  One whose payload cannot be read fails on its own
 * rather than holding back the others. */
static void
dispatch_batches (Run       *run,
                  Chan      *chan,
                  GPtrArray *ops,
                  guint      max)
{
  g_autoptr(GPtrArray) good = g_ptr_array_new ();
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ops->len; i++)
    {
      CantingOutboxOp *op = ops->pdata[i];

      if (!chan->driver->check_op (op, &error))
        {
          record_failed (run, chan, op, error->message);
          g_clear_error (&error);
          continue;
        }
      g_ptr_array_add (good, op);
    }
  if (good->len == 0)
    return;
  batches = chan->driver->batches (good, max, &error);
  if (batches == NULL)
    {
      g_warning ("Publishing: %s", error->message);
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    send_batch (run, chan, g_steal_pointer (&batches->pdata[i]), max);
  g_ptr_array_set_free_func (batches, NULL);
}

static void
send_image (Run             *run,
            Chan            *chan,
            CantingOutboxOp *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingRemoteRequest) request = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;
  Req *req;

  if (op->photo_path == NULL || !g_file_get_contents (op->photo_path, &contents, &length, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The photo %s could not be read from this computer, so it was "
                                                    "not uploaded."), op->photo_file);
      record_failed (run, chan, op, message);
      return;
    }
  bytes = g_bytes_new_take (contents, length);
  if ((request = chan->driver->image_request (op, chan->channel->auth, bytes, &error)) == NULL)
    {
      record_failed (run, chan, op, error->message);
      return;
    }
  req = req_new (run, chan, REQ_IMAGE);
  req->op = op;
  if (!req_send (req, request))
    req_not_sent (run, req);
}

static void
send_lookup (Run             *run,
             Chan            *chan,
             CantingOutboxOp *op,
             LookupGroup     *group)
{
  g_autoptr(CantingRemoteRequest) request = chan->driver->lookup_request (op->sku != NULL ? op->sku : "");
  Req *req = req_new (run, chan, REQ_LOOKUP);

  req->op = op;
  req->group = group;
  group->refs++;
  group->pending++;
  if (!req_send (req, request))
    {
      group->pending--;
      req_not_sent (run, req);
    }
}

static void
send_category (Run        *run,
               Chan       *chan,
               const char *name)
{
  g_autoptr(CantingRemoteRequest) request = chan->driver->category_request (name);
  Req *req = req_new (run, chan, REQ_CATEGORY);

  req->category = g_strdup (name);
  chan->categories_out++;
  if (!req_send (req, request))
    {
      chan->categories_out--;
      req_free (req);
    }
}

/* Hands out operations just taken from the outbox (in its order): photos
 * one by one, a lookup by SKU first where an earlier attempt may have
 * reached the shop or the shop's id is not known, and the rest in
 * batches. */
static void
dispatch (Run       *run,
          Chan      *chan,
          GPtrArray *taken)
{
  g_autoptr(GPtrArray) products = g_ptr_array_new ();
  LookupGroup *group = g_new0 (LookupGroup, 1);

  group->refs = 1;
  group->chan = chan;
  group->ready = g_ptr_array_new ();
  for (guint i = 0; i < taken->len; i++)
    {
      CantingOutboxOp *op = g_steal_pointer (&taken->pdata[i]);
      gint64 *key = g_new (gint64, 1);

      *key = op->id;
      g_hash_table_replace (run->ops, key, op);
      if (op->kind == CANTING_OUTBOX_IMAGE)
        send_image (run, chan, op);
      else if (op->lookup_first || (op->kind != CANTING_OUTBOX_CREATE && op->remote_id <= 0))
        send_lookup (run, chan, op, group);
      else
        g_ptr_array_add (products, op);
    }
  g_ptr_array_set_free_func (taken, NULL);
  g_ptr_array_set_size (taken, 0);
  dispatch_batches (run, chan, products, chan->driver->batch_max);
  group_unref (group);
}

/* --- answers ----------------------------------------------------------------- */

static void
finish_batch (Run        *run,
              Req        *req,
              guint       status,
              GHashTable *headers)
{
  g_autoptr(GDateTime) now = run_now (run);
  g_autoptr(GPtrArray) replies = NULL;
  g_autofree CantingOutboxOutcome *outcomes = NULL;
  guint n = req->batch->creates->len + req->batch->updates->len;

  if (status == 413 && req->batch_max > 1)
    {
      /* The shop takes fewer than it said: the same operations again,
       * in halves, at once. */
      g_autoptr(GPtrArray) ops = g_ptr_array_new ();

      g_ptr_array_extend (ops, req->batch->creates, NULL, NULL);
      g_ptr_array_extend (ops, req->batch->updates, NULL, NULL);
      dispatch_batches (run, req->chan, ops, MAX (req->batch_max / 2, 1));
      return;
    }
  replies = req->chan->driver->parse_batch (req->batch, status, headers, req->reply_body->str, (gssize) req->reply_body->len);
  outcomes = g_new0 (CantingOutboxOutcome, n);
  for (guint i = 0; i < n; i++)
    {
      CantingOutboxOp *op = i < req->batch->creates->len ? req->batch->creates->pdata[i]
                            : req->batch->updates->pdata[i - req->batch->creates->len];
      outcome_for (run, req->chan, op, replies->pdata[i], now, &outcomes[i]);
      if (status == 413)
        {
          /* A single product too large for the shop: not retried. */
          outcomes[i].kind = CANTING_OUTCOME_FAILED;
        }
    }
  record (run, req->chan, outcomes, n);
}

static void
finish_single (Run        *run,
               Req        *req,
               guint       status,
               GHashTable *headers)
{
  g_autoptr(GDateTime) now = run_now (run);
  CantingRemoteReply reply = { 0 };
  CantingOutboxOutcome outcome = { 0 };

  req->chan->driver->parse_reply (status, headers, req->reply_body->str, (gssize) req->reply_body->len, &reply);
  outcome_for (run, req->chan, req->op, &reply, now, &outcome);
  canting_remote_reply_clear (&reply);
  record_one (run, req->chan, &outcome);
}

static void
finish_lookup (Run        *run,
               Req        *req,
               guint       status,
               GHashTable *headers)
{
  g_autoptr(GDateTime) now = run_now (run);
  CantingOutboxOp *op = req->op;
  LookupGroup *group = req->group;
  g_autoptr(GError) error = NULL;
  g_autofree char *permalink = NULL;
  gint64 id = 0;

  if (status == 200 &&
      req->chan->driver->parse_lookup (req->reply_body->str, (gssize) req->reply_body->len, op->sku, &id, &permalink, &error))
    {
      if (id > 0)
        {
          /* The earlier attempt did reach the shop: keep its product. */
          CantingOutboxOutcome o = { .op_id = op->id, .kind = CANTING_OUTCOME_ADOPT, .remote_id = id };
          record_one (run, req->chan, &o);
        }
      else if (op->kind == CANTING_OUTBOX_UNPUBLISH)
        {
          /* Nothing to take off a shop that never got it. */
          CantingOutboxOutcome o = { .op_id = op->id, .kind = CANTING_OUTCOME_SENT };
          record_one (run, req->chan, &o);
        }
      else
        {
          op->kind = CANTING_OUTBOX_CREATE;
          g_ptr_array_add (group->ready, op);
        }
    }
  else
    {
      CantingRemoteReply reply = { 0 };
      CantingOutboxOutcome o = { 0 };

      if (status == 200)
        {
          reply.status = status;
          reply.problem = CANTING_REMOTE_MALFORMED;
          reply.message = g_strdup (error->message);
        }
      else
        req->chan->driver->parse_reply (status, headers, req->reply_body->str, (gssize) req->reply_body->len, &reply);
      outcome_for (run, req->chan, op, &reply, now, &o);
      canting_remote_reply_clear (&reply);
      record_one (run, req->chan, &o);
    }

  if (--group->pending == 0 && group->ready->len > 0)
    {
      dispatch_batches (run, req->chan, group->ready, req->chan->driver->batch_max);
      g_ptr_array_set_size (group->ready, 0);
    }
}

static void
finish_category (Run        *run,
                 Req        *req,
                 guint       status,
                 GHashTable *headers)
{
  g_autoptr(GDateTime) now = run_now (run);
  g_autoptr(GError) error = NULL;
  CantingRemoteReply reply = { 0 };
  Chan *chan = req->chan;

  chan->categories_out--;
  req->chan->driver->parse_reply (status, headers, req->reply_body->str, (gssize) req->reply_body->len, &reply);
  switch (reply.problem)
    {
    case CANTING_REMOTE_OK:
    case CANTING_REMOTE_TERM_EXISTS:
      /* Made now, or there already (its id in the refusal): either way
       * products can go in it. */
      chan->category_attempts = 0;
      if (!canting_channel_set_category_id (run->db, chan->id, req->category, reply.remote_id, &error))
        g_warning ("Publishing: %s", error->message);
      break;
    case CANTING_REMOTE_AUTH:
      chan->check_categories = TRUE;
      pause_channel (run, chan, reply.message);
      break;
    case CANTING_REMOTE_RATE_LIMITED:
    case CANTING_REMOTE_SERVER:
    case CANTING_REMOTE_NO_REPLY:
    case CANTING_REMOTE_MALFORMED:
      {
        /* The products wait for their category: the whole channel waits
         * as one request would. */
        gint64 delay = canting_retry_delay (reply.problem == CANTING_REMOTE_MALFORMED ? 0 : status,
                                            ++chan->category_attempts, reply.retry_after, now, g_random_double ());
        chan->hold_until = run_now_unix (run) + MAX (delay, 1);
        chan->check_categories = TRUE;
        break;
      }
    default:
      /* Refused for good (a name the shop will not take): the products
       * go without it rather than never. */
      g_warning ("Publishing: the shop did not take the category “%s”: %s", req->category, reply.message);
      g_hash_table_add (chan->categories_refused, g_strdup (req->category));
      break;
    }
  canting_remote_reply_clear (&reply);
  chan->want_take = TRUE;
}

static void finish_orders (Run *run, Req *req, guint status, GHashTable *headers);

static void
finish (Run     *run,
        Req     *req,
        CURLcode result)
{
  long code = 0;
  guint status;
  g_autoptr(GHashTable) headers = NULL;

  curl_easy_getinfo (req->easy, CURLINFO_RESPONSE_CODE, &code);
  /* A reply cut off is no reply: nobody knows what the shop did. */
  status = result == CURLE_OK ? (guint) code : 0;
  if (result != CURLE_OK)
    g_debug ("Publishing: %s", req->error_buf[0] != '\0' ? req->error_buf : curl_easy_strerror (result));
  /* A shop that cannot prove who it is: nothing goes there until the
   * person has looked (its certificate fixed, or its address). */
  if (canting_http_tls_problem (result) != NULL)
    pause_channel (run, req->chan, canting_http_tls_problem (result));
  headers = canting_remote_parse_headers (req->reply_headers->str, NULL);
  req->chan->requests--;
  switch (req->kind)
    {
    case REQ_BATCH:
      finish_batch (run, req, status, headers);
      break;
    case REQ_IMAGE:
      finish_single (run, req, status, headers);
      break;
    case REQ_LOOKUP:
      finish_lookup (run, req, status, headers);
      break;
    case REQ_CATEGORY:
      finish_category (run, req, status, headers);
      break;
    case REQ_ORDERS:
      finish_orders (run, req, status, headers);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* --- channels ----------------------------------------------------------------- */

/* Reads the channel's secret and decides how to sign in: HTTP Basic
 * (an application password; a consumer key over https), or OAuth 1.0a
 * (a consumer key over http, allowed only to this computer).  FALSE
 * with the reason in words (never the secret). */
static gboolean
load_credentials (Run   *run,
                  Chan  *chan,
                  char **out_message)
{
  CantingPublishWorker *self = run->self;
  CantingChannel *c = chan->channel;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = canting_channel_normalize_url (c->base_url, &error);
  char *secret = NULL;

  if (url == NULL)
    {
      /* The stored address is checked again here: plain http anywhere
       * but this computer would send the password unprotected. */
      *out_message = g_strdup (error->message);
      return FALSE;
    }
  g_mutex_lock (&self->lock);
  secret = g_strdup (g_hash_table_lookup (self->secrets, &chan->id));
  g_mutex_unlock (&self->lock);
  if (secret == NULL && (secret = canting_secret_lookup (c, NULL, &error)) == NULL)
    {
      *out_message = g_strdup (error->message);
      return FALSE;
    }

  g_clear_pointer (&chan->user, g_free);
  g_clear_pointer (&chan->password, canting_secret_free);
  chan->loopback = canting_http_is_this_computer (url);
  chan->oauth = FALSE;
  switch (c->auth)
    {
    case CANTING_CHANNEL_AUTH_APP_PASSWORD:
      chan->user = g_strdup (c->auth_user);
      chan->password = secret;
      break;
    case CANTING_CHANNEL_AUTH_CONSUMER_KEY:
      if (!canting_secret_split_consumer_key (secret, &chan->user, &chan->password))
        {
          canting_secret_free (secret);
          *out_message = g_strdup (_("The stored key of this shop is not a consumer key and secret. Type them "
                                     "again in the channel’s settings."));
          return FALSE;
        }
      canting_secret_free (secret);
      /* WooCommerce reads Basic keys only over https; over http (this
       * computer only, checked above) it wants a signature. */
      chan->oauth = g_str_has_prefix (url, "http:");
      break;
    case CANTING_CHANNEL_AUTH_NONE:
    default:
      canting_secret_free (secret);
      *out_message = g_strdup (_("Choose how Canting signs in to the shop: an application password or a consumer "
                                 "key."));
      return FALSE;
    }
  chan->ready = TRUE;
  return TRUE;
}

static void
load_channels (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = canting_channel_list (run->db, FALSE, &error);

  if (list == NULL)
    {
      g_warning ("Publishing: %s", error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      CantingChannel *c = list->pdata[i];
      Chan *chan;

      /* Channels nothing is sent to (the e-Peken pack) have no driver. */
      if (canting_channel_driver_for_kind (c->kind) == NULL ||
          (run->self->channel_id != 0 && c->id != run->self->channel_id))
        continue;
      chan = g_hash_table_lookup (run->channels, &c->id);
      if (chan == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          chan = g_new0 (Chan, 1);
          chan->id = *key = c->id;
          chan->categories_refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (run->channels, key, chan);
        }
      else if (g_strcmp0 (chan->channel->base_url, c->base_url) != 0 || chan->channel->auth != c->auth ||
               g_strcmp0 (chan->channel->auth_user, c->auth_user) != 0)
        /* Changed in the settings: read the password again. */
        chan->ready = FALSE;
      canting_channel_free (chan->channel);
      chan->channel = g_steal_pointer (&list->pdata[i]);
      chan->driver = canting_channel_driver_for_kind (chan->channel->kind);
      chan->want_take = TRUE;
      chan->check_categories = TRUE;
    }
}

static gboolean
chan_online (Run  *run,
             Chan *chan)
{
  if (g_atomic_int_get (&run->self->network_available))
    return TRUE;
  /* The practice shop needs no network, unless a test's monitor says so. */
  return chan->loopback && !run->self->monitor_decides_loopback;
}

/* Makes the shop categories the channel's mapping names and the shop
 * does not have yet (no id).  TRUE while any is on its way: products
 * wait for them, or they would go without their category. */
static gboolean
ensure_categories (Run  *run,
                   Chan *chan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GHashTable) asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (chan->categories_out > 0)
    return TRUE;
  if (!chan->check_categories)
    return FALSE;
  chan->check_categories = FALSE;
  if ((categories = canting_channel_categories (run->db, chan->id, &error)) == NULL)
    {
      g_warning ("Publishing: %s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      CantingChannelCategory *category = categories->pdata[i];
      g_autofree char *key = g_utf8_casefold (category->remote_name, -1);

      if (category->remote_id > 0 || g_hash_table_contains (chan->categories_refused, category->remote_name) ||
          g_hash_table_contains (asked, key))
        continue;
      g_hash_table_add (asked, g_steal_pointer (&key));
      send_category (run, chan, category->remote_name);
    }
  return chan->categories_out > 0;
}

static gboolean
has_image (GPtrArray *ops)
{
  for (guint i = 0; i < ops->len; i++)
    if (((CantingOutboxOp *) ops->pdata[i])->kind == CANTING_OUTBOX_IMAGE)
      return TRUE;
  return FALSE;
}

static void sync_fill (Run *run, Chan *chan);

/* WooCommerce takes a product's stock as a figure, not a change: one
 * sent now replaces what the shop counts, sales since the last look
 * included (a shop at 19 after selling 2 would be put back to 22 by a
 * local +1 of the old 21).  So before a stock or update queued or
 * changed since the orders were last read goes, the shop's orders come
 * in (lowering the stock here, and with it the figure waiting), unless
 * they were read less than a minute ago.  A sync that fails still lets
 * the stock go: the shop is not held back by its orders list.  FALSE
 * while that sync runs. */
static gboolean
stock_may_go (Run  *run,
              Chan *chan)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) read_at = NULL;
  g_autoptr(GError) error = NULL;
  gboolean due = FALSE;

  if (chan->driver->orders_request == NULL ||
      (chan->sync == NULL && chan->orders_read_at > 0 &&
       run_now_unix (run) - chan->orders_read_at < STOCK_ORDERS_FRESH_S))
    return TRUE;
  now = run_now (run);
  if (chan->orders_read_at > 0 && chan->sync == NULL)
    read_at = g_date_time_new_from_unix_utc (chan->orders_read_at);
  if (!canting_outbox_stock_due (run->db, chan->id, now, read_at, &due, &error))
    {
      g_warning ("Publishing: %s", error->message);
      return TRUE;
    }
  if (!due)
    return TRUE;
  /* Taken again when the sync ends. */
  chan->want_take = FALSE;
  if (chan->sync == NULL)
    {
      chan->sync_wanted = TRUE;
      chan->sync_for_stock = TRUE;
      /* At once, so the worker is never idle in between. */
      sync_fill (run, chan);
    }
  return FALSE;
}

/* Takes and sends what is due for @chan while it has room for more
 * requests. */
static void
fill (Run  *run,
      Chan *chan)
{
  g_autoptr(GError) error = NULL;

  if (chan->paused || !chan->want_take || !chan_online (run, chan) ||
      (chan->hold_until > 0 && run_now_unix (run) < chan->hold_until))
    return;
  chan->hold_until = 0;
  if (!chan->ready)
    {
      g_autofree char *message = NULL;

      if (!load_credentials (run, chan, &message))
        {
          pause_channel (run, chan, message);
          return;
        }
    }
  if (ensure_categories (run, chan) || !stock_may_go (run, chan))
    return;

  while (chan->want_take && chan->requests < REQUESTS_PER_CHANNEL && !chan->paused)
    {
      g_autoptr(GDateTime) now = run_now (run);
      g_autoptr(GPtrArray) taken = canting_outbox_take_due (run->db, chan->id, now, FIRST_TAKE, &error);

      if (taken == NULL)
        {
          g_warning ("Publishing: %s", error->message);
          g_clear_error (&error);
          chan->want_take = FALSE;
          break;
        }
      g_clear_pointer (&chan->took_at, g_date_time_unref);
      chan->took_at = g_date_time_ref (now);
      if (run->self->take_hook != NULL)
        run->offset += run->self->take_hook (taken->len, run->self->take_hook_data);
      if (taken->len == FIRST_TAKE && !has_image (taken))
        {
          /* Only products: fill the batch. */
          g_autoptr(GPtrArray) more = canting_outbox_take_due (run->db, chan->id, now,
                                                               chan->driver->batch_max - FIRST_TAKE, &error);
          if (more == NULL)
            {
              g_warning ("Publishing: %s", error->message);
              g_clear_error (&error);
            }
          else
            {
              for (guint i = 0; i < more->len; i++)
                g_ptr_array_add (taken, g_steal_pointer (&more->pdata[i]));
              g_ptr_array_set_free_func (more, NULL);
            }
        }
      else if (taken->len < FIRST_TAKE)
        chan->want_take = FALSE;
      if (taken->len == 0)
        break;
      dispatch (run, chan, taken);
    }
}

/* --- orders -------------------------------------------------------------------- */

/* The sync of @chan is over: say what it did (and, with @message, why
 * it stopped short), and when the clock brings the next. */
static void
sync_end (Run        *run,
          Chan       *chan,
          const char *message)
{
  Emission *e = emission_new (run->self, SIGNAL_ORDERS_SYNCED);

  e->channel_id = chan->id;
  e->summary = chan->sync != NULL ? g_steal_pointer (&chan->sync->summary) : canting_order_sync_summary_new ();
  e->message = g_strdup (message);
  emit (e);
  g_clear_pointer (&chan->sync, sync_free);
  /* Stock held back for this sync goes now, read or not. */
  chan->orders_read_at = run_now_unix (run);
  chan->sync_for_stock = FALSE;
  chan->want_take = TRUE;
  /* An "idle" always follows, once what the sale queued has gone. */
  run->idle_reported = FALSE;
  if (run->sync_interval > 0)
    chan->next_sync = run_now_unix (run) + run->sync_interval;
}

static void
send_orders_page (Run  *run,
                  Chan *chan)
{
  Sync *sync = chan->sync;
  g_autoptr(CantingRemoteRequest) request = chan->driver->orders_request (sync->since, sync->pass, sync->page);
  Req *req = req_new (run, chan, REQ_ORDERS);

  chan->sync->out = TRUE;
  if (!req_send (req, request))
    {
      req_free (req);
      sync_end (run, chan, _("The network library could not start."));
    }
}

/* Starts a sync of @chan's orders when one is wanted (asked for, or due
 * by the interval), and sends its next page when it may. */
static void
sync_fill (Run  *run,
           Chan *chan)
{
  g_autoptr(GError) error = NULL;

  if (chan->sync == NULL)
    {
      g_autoptr(GDateTime) now = NULL;
      g_autofree char *message = NULL;
      gboolean asked = chan->sync_asked;

      if (!chan->sync_wanted && run->sync_interval > 0 && run_now_unix (run) >= chan->next_sync)
        chan->sync_wanted = TRUE;
      if (!chan->sync_wanted)
        return;
      chan->sync_wanted = FALSE;
      chan->sync_asked = FALSE;
      if (!chan_online (run, chan))
        {
          /* The clock's syncs wait quietly for the network; a person
           * who asked is told. */
          if (asked)
            sync_end (run, chan, _("This computer is offline; the orders are fetched when it is online again."));
          else if (run->sync_interval > 0)
            chan->next_sync = run_now_unix (run) + run->sync_interval;
          return;
        }
      if (chan->paused)
        {
          sync_end (run, chan, chan->pause_message != NULL ? chan->pause_message
                                                           : _("Sending to this shop is paused."));
          return;
        }
      if (!chan->ready && !load_credentials (run, chan, &message))
        {
          pause_channel (run, chan, message);
          sync_end (run, chan, message);
          return;
        }
      now = run_now (run);
      chan->sync = g_new0 (Sync, 1);
      chan->sync->page = 1;
      chan->sync->summary = canting_order_sync_summary_new ();
      chan->sync->since = canting_channel_orders_since (run->db, chan->id, now, &error);
      if (chan->sync->since == NULL)
        {
          sync_end (run, chan, error->message);
          return;
        }
    }
  if (chan->sync->out || (chan->sync->retry_at > 0 && run_now_unix (run) < chan->sync->retry_at))
    return;
  /* Between two pages the shop refused a password (for a product) or
   * the network went: this sync ends; the next starts where it could
   * not go on. */
  if (chan->paused)
    sync_end (run, chan, chan->pause_message != NULL ? chan->pause_message : _("Sending to this shop is paused."));
  else if (!chan_online (run, chan))
    sync_end (run, chan, _("This computer is offline; the orders are fetched when it is online again."));
  else
    send_orders_page (run, chan);
}

/* The next page, if the shop says there is one: its Link header names
 * it, or its page count is higher; without either, a full page may have
 * more after it. */
static gboolean
has_more (Chan       *chan,
          GHashTable *headers,
          guint       listed)
{
  Sync *sync = chan->sync;
  g_autofree char *next = NULL;
  gint64 total = -1, pages = -1;

  chan->driver->parse_pagination (headers, &total, &pages, &next);
  if (sync->page >= SYNC_MAX_PAGES)
    return FALSE;
  if (next != NULL)
    return TRUE;
  if (pages >= 0)
    return sync->page < pages;
  return listed >= chan->driver->orders_per_page;
}

static void
finish_orders (Run        *run,
               Req        *req,
               guint       status,
               GHashTable *headers)
{
  Chan *chan = req->chan;
  Sync *sync = chan->sync;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  CantingRemoteReply reply = { 0 };
  guint unreadable = 0;

  sync->out = FALSE;
  if (status == 200)
    orders = chan->driver->parse_orders (req->reply_body->str, (gssize) req->reply_body->len, &unreadable, &error);
  if (orders != NULL)
    {
      sync->attempts = 0;
      sync->retry_at = 0;
      if (unreadable > 0)
        {
          sync->summary->failed += unreadable;
          g_ptr_array_add (sync->summary->problems,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u order on the shop could not be read.",
                                                         "%u orders on the shop could not be read.", unreadable),
                                            unreadable));
        }
      /* Each page in one transaction: what came in stays, whatever
       * happens to the next page. */
      if (!canting_channel_orders_import (run->db, chan->id, orders, sync->summary, &error))
        {
          sync_end (run, chan, error->message);
          return;
        }
      /* Stock the sale lowered goes to the shops where it is online. */
      chan->want_take = TRUE;
      if (has_more (chan, headers, orders->len + unreadable))
        {
          sync->page++;
          return;
        }
      if (sync->pass + 1 < chan->driver->orders_passes)
        {
          /* The next list (the bin), from its first page. */
          sync->pass++;
          sync->page = 1;
          return;
        }
      /* Every page read.  How far is remembered only when every order
       * came in: otherwise the next sync reads the same ones again. */
      if (!canting_channel_orders_synced (run->db, chan->id, sync->summary->failed == 0 ? sync->summary->newest : NULL,
                                          &error))
        {
          sync_end (run, chan, error->message);
          return;
        }
      sync_end (run, chan, NULL);
      return;
    }

  if (status == 200)
    {
      reply.status = status;
      reply.problem = CANTING_REMOTE_MALFORMED;
      reply.message = g_strdup (error->message);
    }
  else
    req->chan->driver->parse_reply (status, headers, req->reply_body->str, (gssize) req->reply_body->len, &reply);
  switch (reply.problem)
    {
    case CANTING_REMOTE_AUTH:
      /* A key that may change products but not read orders still
       * publishes; a refused password is refused for products too, and
       * pauses the channel there. */
      if (!chan->sync_for_stock)
        pause_channel (run, chan, reply.message);
      sync_end (run, chan, reply.message);
      break;
    case CANTING_REMOTE_RATE_LIMITED:
    case CANTING_REMOTE_SERVER:
    case CANTING_REMOTE_NO_REPLY:
    case CANTING_REMOTE_MALFORMED:
      if (++sync->attempts < SYNC_ATTEMPTS)
        {
          g_autoptr(GDateTime) now = run_now (run);
          gint64 delay = canting_retry_delay (reply.problem == CANTING_REMOTE_MALFORMED ? 0 : status, sync->attempts,
                                              reply.retry_after, now, g_random_double ());

          sync->retry_at = run_now_unix (run) + MAX (delay, 1);
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      sync_end (run, chan, reply.message != NULL ? reply.message : _("The shop did not give its orders."));
      break;
    }
  canting_remote_reply_clear (&reply);
}

/* Seconds until a sync's page may be asked for again, or -1 when no
 * sync waits so. */
static gint64
sync_wait (Run *run)
{
  gint64 now = run_now_unix (run);
  gint64 best = -1;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, run->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Chan *chan = value;
      gint64 wait;

      if (chan->sync == NULL || chan->sync->out)
        continue;
      wait = MAX (chan->sync->retry_at - now, 0);
      best = best < 0 ? wait : MIN (best, wait);
    }
  return best;
}

/* Seconds until the interval brings the next sync, or -1 for none. */
static gint64
interval_wait (Run *run)
{
  gint64 now = run_now_unix (run);
  gint64 best = -1;
  GHashTableIter iter;
  gpointer value;

  if (run->sync_interval == 0)
    return -1;
  g_hash_table_iter_init (&iter, run->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Chan *chan = value;
      gint64 wait = MAX (chan->next_sync - now, 0);

      best = best < 0 ? wait : MIN (best, wait);
    }
  return best;
}

/* --- the loop ----------------------------------------------------------------- */

static void
take_commands (Run      *run,
               gboolean *out_stop)
{
  CantingPublishWorker *self = run->self;
  gboolean kicked;
  gboolean interval_changed;
  g_autoptr(GArray) resumed = NULL;
  g_autoptr(GArray) syncs = NULL;

  g_mutex_lock (&self->lock);
  *out_stop = self->stop_requested;
  kicked = self->kicked;
  self->kicked = FALSE;
  resumed = self->resumed;
  self->resumed = g_array_new (FALSE, FALSE, sizeof (gint64));
  syncs = self->syncs;
  self->syncs = g_array_new (FALSE, FALSE, sizeof (gint64));
  interval_changed = self->interval_changed;
  self->interval_changed = FALSE;
  run->sync_interval = self->sync_interval;
  g_mutex_unlock (&self->lock);

  /* A channel added a moment ago can be asked for its orders. */
  if (kicked || syncs->len > 0)
    load_channels (run);
  if (interval_changed)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, run->channels);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        ((Chan *) value)->next_sync = run_now_unix (run) + run->sync_interval;
    }
  for (guint i = 0; i < syncs->len; i++)
    {
      gint64 id = g_array_index (syncs, gint64, i);
      GHashTableIter iter;
      gpointer value;
      gboolean found = FALSE;

      g_hash_table_iter_init (&iter, run->channels);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Chan *chan = value;

          if (id != 0 && chan->id != id)
            continue;
          chan->sync_wanted = TRUE;
          chan->sync_asked = TRUE;
          found = TRUE;
        }
      if (!found && id != 0)
        {
          Emission *e = emission_new (self, SIGNAL_ORDERS_SYNCED);

          e->channel_id = id;
          e->summary = canting_order_sync_summary_new ();
          e->message = g_strdup (_("Orders can be fetched only from a WooCommerce shop."));
          emit (e);
        }
    }
  for (guint i = 0; i < resumed->len; i++)
    {
      gint64 id = g_array_index (resumed, gint64, i);
      GHashTableIter iter;
      gpointer value;

      /* 0 resumes every shop (the app after any password was changed). */
      g_hash_table_iter_init (&iter, run->channels);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Chan *chan = value;

          if (id != 0 && chan->id != id)
            continue;
          chan->paused = FALSE;
          chan->ready = FALSE;
          chan->want_take = TRUE;
          chan->check_categories = TRUE;
        }
    }
}

static void
wake_all (Run *run)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, run->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((Chan *) value)->want_take = TRUE;
}

static gboolean
anyone_wants_take (Run *run)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, run->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Chan *chan = value;
      if (chan->want_take && !chan->paused && chan_online (run, chan) && chan->ready &&
          (chan->hold_until == 0 || run_now_unix (run) >= chan->hold_until))
        return TRUE;
    }
  return FALSE;
}

/* Seconds until something can be sent again (a retry falls due, a held
 * channel is released), or -1 when nothing can go until something
 * changes (nothing waits, or its channel is paused or offline). */
static gint64
seconds_to_next (Run *run)
{
  g_autoptr(GDateTime) now = run_now (run);
  gint64 now_unix = run_now_unix (run);
  gint64 best = -1;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, run->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Chan *chan = value;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) at = NULL;
      gint64 wait;

      if (chan->paused || !chan_online (run, chan))
        continue;
      if (chan->hold_until > now_unix)
        wait = chan->hold_until - now_unix;
      /* Due after the last take, not after now: one falling due since
       * (the clock may have passed a second in between) was not taken,
       * and is due at once.  One due before it and not taken waits on
       * something still out, which asks again when it ends. */
      else if (!canting_outbox_next_due (run->db, chan->id, chan->took_at != NULL ? chan->took_at : now, &at,
                                         &error))
        {
          g_warning ("Publishing: %s", error->message);
          continue;
        }
      else if (at == NULL)
        continue;
      else
        wait = MAX (g_date_time_difference (at, now) / G_TIME_SPAN_SECOND, 1);
      best = best < 0 ? wait : MIN (best, wait);
    }
  return best;
}

/* Nothing is out: say so (once per change), and say how long to sleep. */
static int
go_idle (Run *run)
{
  CantingPublishWorker *self = run->self;
  g_autoptr(GError) error = NULL;
  gint64 next = seconds_to_next (run);
  gint64 waiting;

  if (next > 0 && self->skip_waits)
    {
      run->offset += next;
      g_mutex_lock (&self->lock);
      self->skipped = run->offset;
      g_mutex_unlock (&self->lock);
      wake_all (run);
      return 0;
    }
  waiting = canting_outbox_count (run->db, self->channel_id, &error);
  if (waiting < 0)
    {
      g_warning ("Publishing: %s", error->message);
      waiting = 0;
    }
  if (!run->idle_reported || run->idle_waiting != (guint) waiting || run->idle_next != next)
    {
      Emission *e = emission_new (self, SIGNAL_IDLE);

      run->idle_reported = TRUE;
      run->idle_waiting = (guint) waiting;
      run->idle_next = next;
      e->total = (guint) waiting;
      e->next = next;
      emit (e);
      /* The next burst counts from nothing. */
      run->done = 0;
    }
  run->next_check = next > 0 ? run_now_unix (run) + next : 0;
  return (int) (next > 0 ? MIN (next, IDLE_WAKE_S) : IDLE_WAKE_S) * 1000;
}

/* Stopped: whatever is still out ends as interrupted, recorded, so the
 * outbox holds nothing marked as being sent.  A create (or a lookup)
 * may have reached the shop: it is looked up first next time. */
static void
abandon (Run *run)
{
  g_autoptr(GArray) outcomes = g_array_new (FALSE, TRUE, sizeof (CantingOutboxOutcome));
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < run->reqs->len; i++)
    {
      Req *req = run->reqs->pdata[i];
      curl_multi_remove_handle (run->self->multi, req->easy);
    }
  g_ptr_array_set_size (run->reqs, 0);

  g_hash_table_iter_init (&iter, run->ops);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CantingOutboxOp *op = value;
      CantingOutboxOutcome o = { .op_id = op->id };

      o.kind = op->kind == CANTING_OUTBOX_CREATE || op->lookup_first ? CANTING_OUTCOME_UNKNOWN : CANTING_OUTCOME_RETRY;
      o.message = g_strdup (_("Publishing stopped before the shop answered; it goes again next time."));
      g_array_append_val (outcomes, o);
    }
  if (outcomes->len > 0)
    record (run, NULL, (CantingOutboxOutcome *) (void *) outcomes->data, outcomes->len);
}

static gpointer
worker_thread (gpointer data)
{
  CantingPublishWorker *self = data;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  gboolean stop = FALSE;
  guint recovered = 0;

  run.self = self;
  run.channels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) chan_free);
  run.ops = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) canting_outbox_op_free);
  run.reqs = g_ptr_array_new_with_free_func ((GDestroyNotify) req_free);

  /* A connection of this thread's own: SQLite connections are not
   * shared between threads here. */
  run.db = canting_db_open (self->data_dir, &error);
  if (run.db == NULL || !canting_outbox_recover_interrupted (run.db, &recovered, &error))
    {
      Emission *e = emission_new (self, SIGNAL_CHANNEL_PAUSED);

      e->channel_id = self->channel_id;
      e->message = g_strdup (error->message);
      emit (e);
      goto out;
    }
  if (recovered > 0)
    g_debug ("Publishing: %u operations were interrupted last time; their shops are checked first", recovered);
  load_channels (&run);
  report_progress (&run);

  for (;;)
    {
      GHashTableIter iter;
      gpointer value;
      CURLMsg *msg;
      int running = 0, left = 0, timeout_ms = 1000;

      take_commands (&run, &stop);
      if (stop)
        break;
      if (run.next_check > 0 && run_now_unix (&run) >= run.next_check)
        {
          run.next_check = 0;
          wake_all (&run);
        }
      g_hash_table_iter_init (&iter, run.channels);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          sync_fill (&run, value);
          fill (&run, value);
        }

      if (run.reqs->len == 0 && g_hash_table_size (run.ops) == 0 && !anyone_wants_take (&run))
        {
          gint64 retry = sync_wait (&run);
          gint64 interval = interval_wait (&run);

          if (retry >= 0)
            {
              /* A sync waits to ask for a page again: not idle. */
              if (retry > 0 && self->skip_waits)
                {
                  run.offset += retry;
                  g_mutex_lock (&self->lock);
                  self->skipped = run.offset;
                  g_mutex_unlock (&self->lock);
                  continue;
                }
              timeout_ms = (int) MIN (retry, IDLE_WAKE_S) * 1000;
              run.idle_reported = FALSE;
            }
          else
            {
              timeout_ms = go_idle (&run);
              if (timeout_ms == 0)
                continue;
              if (interval >= 0)
                timeout_ms = (int) MIN ((gint64) timeout_ms, interval * 1000);
            }
        }
      else
        run.idle_reported = FALSE;

      curl_multi_poll (self->multi, NULL, 0, timeout_ms, NULL);
      curl_multi_perform (self->multi, &running);
      while ((msg = curl_multi_info_read (self->multi, &left)) != NULL)
        {
          Req *req = NULL;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (msg->easy_handle, CURLINFO_PRIVATE, (char **) &req);
          curl_multi_remove_handle (self->multi, msg->easy_handle);
          finish (&run, req, msg->data.result);
          g_ptr_array_remove_fast (run.reqs, req);
        }
      if (running == 0 && run.reqs->len == 0 && timeout_ms == IDLE_WAKE_S * 1000)
        /* Woken by the clock with nothing to do: look for channels and
         * work other processes may have added. */
        load_channels (&run);
    }

  abandon (&run);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, run.channels);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      if (((Chan *) value)->sync != NULL)
        sync_end (&run, value, _("Fetching the orders stopped before the end; what came in is kept."));
  }
out:
  g_ptr_array_unref (run.reqs);
  g_hash_table_unref (run.ops);
  g_hash_table_unref (run.channels);
  g_clear_object (&run.db);
  return NULL;
}

/* --- the public side ---------------------------------------------------------- */

static void
update_online (CantingPublishWorker *self)
{
  gboolean online = g_network_monitor_get_network_available (self->monitor);

  g_atomic_int_set (&self->network_available, online);
  if (self->multi != NULL)
    curl_multi_wakeup (self->multi);
  if (online != self->online)
    {
      self->online = online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
}

static void
on_network_changed (GNetworkMonitor      *monitor,
                    gboolean              available,
                    CantingPublishWorker *self)
{
  update_online (self);
  /* Back online: wake the worker; what is due goes at once. */
  canting_publish_worker_kick (self);
}

gboolean
canting_publish_worker_start (CantingPublishWorker  *self,
                              GError               **error)
{
  g_return_val_if_fail (CANTING_IS_PUBLISH_WORKER (self), FALSE);

  /* multi outlives the thread until an async stop has joined it. */
  if (self->thread != NULL || self->multi != NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT, _("Publishing is running already."));
      return FALSE;
    }
  if (!canting_publish_init (error))
    return FALSE;
  if ((self->multi = curl_multi_init ()) == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_IO, _("The network library could not start."));
      return FALSE;
    }
  curl_multi_setopt (self->multi, CURLMOPT_PIPELINING, (long) CURLPIPE_MULTIPLEX);
  curl_multi_setopt (self->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long) MAX_HOST_CONNECTIONS);

  g_clear_pointer (&self->main_context, g_main_context_unref);
  self->main_context = g_main_context_ref_thread_default ();
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  if (self->monitor_handler == 0)
    self->monitor_handler = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
  update_online (self);

  g_mutex_lock (&self->lock);
  self->stop_requested = FALSE;
  self->kicked = FALSE;
  g_mutex_unlock (&self->lock);
  self->thread = g_thread_new ("canting-publish", worker_thread, self);
  return TRUE;
}

static void
request_stop (CantingPublishWorker *self)
{
  g_mutex_lock (&self->lock);
  self->stop_requested = TRUE;
  g_mutex_unlock (&self->lock);
  curl_multi_wakeup (self->multi);
}

static void
finish_stop (CantingPublishWorker *self)
{
  curl_multi_cleanup (self->multi);
  self->multi = NULL;
}

void
canting_publish_worker_stop (CantingPublishWorker *self)
{
  g_return_if_fail (CANTING_IS_PUBLISH_WORKER (self));

  if (self->thread == NULL)
    return;
  request_stop (self);
  g_thread_join (g_steal_pointer (&self->thread));
  finish_stop (self);
}

static void
join_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_thread_join (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
stopped (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *outer = user_data;

  finish_stop (CANTING_PUBLISH_WORKER (source));
  g_task_return_boolean (outer, TRUE);
  g_object_unref (outer);
}

void
canting_publish_worker_stop_async (CantingPublishWorker *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) join = NULL;

  g_return_if_fail (CANTING_IS_PUBLISH_WORKER (self));
  g_task_set_source_tag (task, canting_publish_worker_stop_async);
  if (self->thread == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  request_stop (self);
  /* The thread records what was out and ends; joining it happens on a
   * pool thread, so the main loop goes on meanwhile. */
  join = g_task_new (self, NULL, stopped, g_object_ref (task));
  g_task_set_task_data (join, g_steal_pointer (&self->thread), NULL);
  g_task_run_in_thread (join, join_in_thread);
}

gboolean
canting_publish_worker_stop_finish (CantingPublishWorker  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
canting_publish_worker_is_running (CantingPublishWorker *self)
{
  return self->thread != NULL;
}

void
canting_publish_worker_kick (CantingPublishWorker *self)
{
  g_mutex_lock (&self->lock);
  self->kicked = TRUE;
  g_mutex_unlock (&self->lock);
  if (self->multi != NULL)
    curl_multi_wakeup (self->multi);
}

void
canting_publish_worker_sync_now (CantingPublishWorker *self,
                                 gint64                channel_id)
{
  g_return_if_fail (CANTING_IS_PUBLISH_WORKER (self));

  g_mutex_lock (&self->lock);
  g_array_append_val (self->syncs, channel_id);
  g_mutex_unlock (&self->lock);
  if (self->multi != NULL)
    curl_multi_wakeup (self->multi);
}

void
canting_publish_worker_set_sync_interval (CantingPublishWorker *self,
                                          guint                 seconds)
{
  g_return_if_fail (CANTING_IS_PUBLISH_WORKER (self));

  g_mutex_lock (&self->lock);
  /* Before the start the first sync is at once; later the new interval
   * counts from now. */
  self->interval_changed = self->sync_interval != seconds && self->thread != NULL;
  self->sync_interval = seconds;
  g_mutex_unlock (&self->lock);
  if (self->multi != NULL)
    curl_multi_wakeup (self->multi);
}

guint
canting_publish_worker_get_sync_interval (CantingPublishWorker *self)
{
  guint seconds;

  g_mutex_lock (&self->lock);
  seconds = self->sync_interval;
  g_mutex_unlock (&self->lock);
  return seconds;
}

void
canting_publish_worker_resume_channel (CantingPublishWorker *self,
                                       gint64                channel_id)
{
  g_mutex_lock (&self->lock);
  g_array_append_val (self->resumed, channel_id);
  g_mutex_unlock (&self->lock);
  if (self->multi != NULL)
    curl_multi_wakeup (self->multi);
}

void
canting_publish_worker_set_secret (CantingPublishWorker *self,
                                   gint64                channel_id,
                                   const char           *secret)
{
  gint64 *key = g_new (gint64, 1);

  *key = channel_id;
  g_mutex_lock (&self->lock);
  if (secret != NULL)
    g_hash_table_replace (self->secrets, key, g_strdup (secret));
  else
    {
      g_hash_table_remove (self->secrets, key);
      g_free (key);
    }
  g_mutex_unlock (&self->lock);
}

void
canting_publish_worker_get_progress (CantingPublishWorker *self,
                                     guint                *out_done,
                                     guint                *out_total)
{
  *out_done = self->done;
  *out_total = self->total;
}

gboolean
canting_publish_worker_get_online (CantingPublishWorker *self)
{
  return self->online;
}

void
canting_publish_worker_set_skip_waits (CantingPublishWorker *self,
                                       gboolean              skip_waits)
{
  g_return_if_fail (self->thread == NULL);
  self->skip_waits = skip_waits;
}

gint64
canting_publish_worker_get_skipped_seconds (CantingPublishWorker *self)
{
  gint64 skipped;

  g_mutex_lock (&self->lock);
  skipped = self->skipped;
  g_mutex_unlock (&self->lock);
  return skipped;
}

void
canting_publish_worker_get_stats (CantingPublishWorker      *self,
                                  CantingPublishWorkerStats *out)
{
  g_mutex_lock (&self->lock);
  *out = self->stats;
  g_mutex_unlock (&self->lock);
}

void
canting_publish_worker_set_take_hook (CantingPublishWorker         *self,
                                      CantingPublishWorkerTakeHook  hook,
                                      gpointer                      user_data)
{
  g_return_if_fail (self->thread == NULL);
  self->take_hook = hook;
  self->take_hook_data = user_data;
}

void
canting_publish_worker_set_network_monitor (CantingPublishWorker *self,
                                            GNetworkMonitor      *monitor)
{
  g_return_if_fail (self->thread == NULL);
  if (self->monitor != NULL && self->monitor_handler != 0)
    g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  self->monitor_decides_loopback = TRUE;
}
