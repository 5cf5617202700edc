/* canting-listing.c: products on channels, and the publish and
 * unpublish requests that fill the outbox. */
#include "canting-listing.h"

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-outbox-private.h"
#include "canting-sql-private.h"

G_DEFINE_QUARK (canting-listing-error-quark, canting_listing_error)

static const CantingEnumName states[CANTING_LISTING_STATE_COUNT] = {
  [CANTING_LISTING_OFFLINE] = { "offline", N_("Not online") },
  [CANTING_LISTING_QUEUED] = { "queued", N_("Waiting to be sent") },
  [CANTING_LISTING_ONLINE] = { "online", N_("Online") },
  [CANTING_LISTING_FAILED] = { "failed", N_("Not accepted by the shop") },
  [CANTING_LISTING_CHANGED] = { "changed", N_("Changed here; update waiting") },
};

const char *
canting_listing_state_to_string (CantingListingState state)
{
  return canting_enum_id (states, CANTING_LISTING_STATE_COUNT, state);
}

const char *
canting_listing_state_label (CantingListingState state)
{
  return canting_enum_label (states, CANTING_LISTING_STATE_COUNT, state);
}

gboolean
canting_listing_state_from_string (const char          *text,
                                   CantingListingState *out_state)
{
  guint value;

  if (!canting_enum_lookup (states, CANTING_LISTING_STATE_COUNT, text, &value))
    return FALSE;
  *out_state = value;
  return TRUE;
}

void
canting_listing_free (CantingListing *listing)
{
  if (listing == NULL)
    return;
  g_free (listing->permalink);
  g_free (listing->last_attempt_at);
  g_free (listing->last_result);
  g_free (listing->sent_hash);
  g_free (listing->waiting_error);
  g_free (listing->next_attempt_at);
  g_free (listing);
}

/* The newest operation of the listing's product (not a photo): the one
 * a person is waiting for. */
#define LISTING_SELECT \
  "SELECT l.id, l.product_id, l.channel_id, l.wanted, l.state, l.remote_id, l.permalink, l.last_attempt_at, " \
  "l.last_result, l.sent_hash, o.kind, o.attempts, o.last_error, o.next_attempt_at " \
  "FROM listings l LEFT JOIN outbox o ON o.id = (SELECT max(x.id) FROM outbox x " \
  "  WHERE x.channel_id = l.channel_id AND x.product_id = l.product_id AND x.kind <> 'image') "

static const char * const op_kinds[CANTING_OUTBOX_KIND_COUNT] = {
  "create", "update", "stock", "unpublish", "image",
};

static gpointer
listing_from_row (sqlite3_stmt *stmt)
{
  CantingListing *l = g_new0 (CantingListing, 1);

  l->id = sqlite3_column_int64 (stmt, 0);
  l->product_id = sqlite3_column_int64 (stmt, 1);
  l->channel_id = sqlite3_column_int64 (stmt, 2);
  l->wanted = sqlite3_column_int (stmt, 3) != 0;
  canting_listing_state_from_string ((const char *) sqlite3_column_text (stmt, 4), &l->state);
  l->remote_id = canting_sql_column_optional (stmt, 5, 0);
  l->permalink = canting_sql_dup_text (stmt, 6);
  l->last_attempt_at = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  l->last_result = canting_sql_dup_text (stmt, 8);
  l->sent_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  l->waiting_kind = -1;
  for (guint i = 0; i < G_N_ELEMENTS (op_kinds); i++)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 10), op_kinds[i]) == 0)
      l->waiting_kind = (int) i;
  l->waiting_attempts = (guint) sqlite3_column_int (stmt, 11);
  l->waiting_error = canting_sql_dup_text (stmt, 12);
  l->next_attempt_at = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
  return l;
}

CantingListing *
canting_listing_load (CantingDb  *db,
                      gint64      product_id,
                      gint64      channel_id,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, LISTING_SELECT "WHERE l.product_id = ?1 AND l.channel_id = ?2",
                                                      error);
  CantingListing *l;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  sqlite3_bind_int64 (stmt, 2, channel_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return listing_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the listing"));
      return NULL;
    }
  l = g_new0 (CantingListing, 1);
  l->product_id = product_id;
  l->channel_id = channel_id;
  l->state = CANTING_LISTING_OFFLINE;
  l->permalink = g_strdup ("");
  l->last_result = g_strdup ("");
  l->waiting_kind = -1;
  l->waiting_error = g_strdup ("");
  return l;
}

GPtrArray *
canting_listing_list_for_product (CantingDb  *db,
                                  gint64      product_id,
                                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      LISTING_SELECT "JOIN channels c ON c.id = l.channel_id "
                                                      "WHERE l.product_id = ?1 ORDER BY c.name, c.id",
                                                      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  return canting_sql_collect (db, stmt, listing_from_row, (GDestroyNotify) canting_listing_free,
                              _("reading the listings"), error);
}

char *
canting_listing_payload (CantingDb  *db,
                         gint64      product_id,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT payload FROM listing_payloads WHERE product_id = ?1",
                                                      error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (!canting_sql_step_one (db, stmt, _("reading the product"), _("This product no longer exists."), error))
    return NULL;
  return canting_sql_dup_text (stmt, 0);
}

typedef struct {
  gint64 channel_id;
  const gint64 *product_ids;
  guint n_products;
  enum { SOME, CHANGED, ALL } which;
  guint queued;
} QueueJob;

static gboolean
check_channel (CantingDb  *db,
               gint64      channel_id,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT name, kind, archived FROM channels WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  if (!canting_sql_step_one (db, stmt, _("reading the channel"), _("This channel no longer exists."), error))
    return FALSE;
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "woocommerce") != 0)
    {
      g_set_error (error, CANTING_LISTING_ERROR, CANTING_LISTING_FIELD_CHANNEL,
                   _("“%s” is an e-Peken listing pack: it has no online shop to send products to. "
                     "Make a listing pack instead."), (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 2) != 0)
    {
      g_set_error (error, CANTING_LISTING_ERROR, CANTING_LISTING_FIELD_CHANNEL,
                   _("The channel “%s” is archived. Restore it before publishing to it."),
                   (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

static gboolean
publish_one_in_txn (CantingDb  *db,
                    gint64      channel_id,
                    gint64      product_id,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) product = canting_sql_prepare (db, "SELECT name, archived, price FROM products WHERE id = ?1",
                                                         error);
  g_autoptr(sqlite3_stmt) listing = NULL;
  g_autoptr(sqlite3_stmt) op = NULL;

  if (product == NULL)
    return FALSE;
  sqlite3_bind_int64 (product, 1, product_id);
  if (!canting_sql_step_one (db, product, _("reading the product"), _("This product no longer exists."), error))
    return FALSE;
  if (sqlite3_column_int (product, 1) != 0)
    {
      g_set_error (error, CANTING_LISTING_ERROR, CANTING_LISTING_FIELD_PRODUCT,
                   _("“%s” is archived. Restore it to the catalogue before publishing it."),
                   (const char *) sqlite3_column_text (product, 0));
      return FALSE;
    }
  /* A shop would sell it for nothing. */
  if (sqlite3_column_int64 (product, 2) <= 0)
    {
      g_set_error (error, CANTING_LISTING_ERROR, CANTING_LISTING_FIELD_PRODUCT,
                   _("“%s” has no price yet. Give it a price before publishing it."),
                   (const char *) sqlite3_column_text (product, 0));
      return FALSE;
    }

  listing = canting_sql_prepare (db,
                                 "INSERT INTO listings (product_id, channel_id, wanted, state) VALUES (?1, ?2, 1, 'queued') "
                                 "ON CONFLICT (product_id, channel_id) DO UPDATE SET wanted = 1, state = 'queued'",
                                 error);
  if (listing == NULL)
    return FALSE;
  sqlite3_bind_int64 (listing, 1, product_id);
  sqlite3_bind_int64 (listing, 2, channel_id);
  if (!canting_sql_run (db, listing, _("saving the listing"), error) ||
      !canting_outbox_queue_images_in_txn (db, channel_id, product_id, error))
    return FALSE;

  /* One waiting operation per product and shop: asking again takes the
   * current details and is due at once, even if it was waiting to
   * retry.  An interrupted create keeps its lookup. */
  op = canting_sql_prepare (db,
                            "INSERT INTO outbox (channel_id, product_id, kind, payload) "
                            "SELECT l.channel_id, l.product_id, CASE WHEN l.remote_id IS NULL THEN 'create' ELSE 'update' END, "
                            "       s.payload "
                            "FROM listings l JOIN listing_payloads s ON s.product_id = l.product_id "
                            "WHERE l.product_id = ?1 AND l.channel_id = ?2 "
                            "ON CONFLICT (channel_id, product_id) WHERE state IN ('pending', 'unknown') AND kind <> 'image' "
                            "DO UPDATE SET kind = excluded.kind, payload = excluded.payload, "
                            "  next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at",
                            error);
  if (op == NULL)
    return FALSE;
  sqlite3_bind_int64 (op, 1, product_id);
  sqlite3_bind_int64 (op, 2, channel_id);
  return canting_sql_run (db, op, _("queueing the product"), error);
}

static gboolean
collect_ids (CantingDb     *db,
             sqlite3_stmt  *stmt,
             GArray        *ids,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the listings"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
publish_in_transaction (CantingDb  *db,
                        gpointer    user_data,
                        GError    **error)
{
  QueueJob *job = user_data;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!check_channel (db, job->channel_id, error))
    return FALSE;
  if (job->which == SOME)
    g_array_append_vals (ids, job->product_ids, job->n_products);
  else
    {
      g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                          job->which == CHANGED
                                                          ? "SELECT product_id FROM listings WHERE channel_id = ?1 "
                                                            "AND wanted = 1 AND state IN ('changed', 'failed') ORDER BY product_id"
                                                          : "SELECT id FROM products WHERE archived = 0 ORDER BY id",
                                                          error);
      if (stmt == NULL)
        return FALSE;
      if (job->which == CHANGED)
        sqlite3_bind_int64 (stmt, 1, job->channel_id);
      if (!collect_ids (db, stmt, ids, error))
        return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    if (!publish_one_in_txn (db, job->channel_id, g_array_index (ids, gint64, i), error))
      return FALSE;
  job->queued = ids->len;
  return TRUE;
}

gboolean
canting_listing_queue_publish (CantingDb     *db,
                               gint64         channel_id,
                               const gint64  *product_ids,
                               guint          n_products,
                               GError       **error)
{
  QueueJob job = { channel_id, product_ids, n_products, SOME, 0 };

  g_return_val_if_fail (product_ids != NULL || n_products == 0, FALSE);
  return canting_db_transaction (db, publish_in_transaction, &job, error);
}

gboolean
canting_listing_queue_publish_changed (CantingDb  *db,
                                       gint64      channel_id,
                                       guint      *out_queued,
                                       GError    **error)
{
  QueueJob job = { channel_id, NULL, 0, CHANGED, 0 };

  if (!canting_db_transaction (db, publish_in_transaction, &job, error))
    return FALSE;
  if (out_queued != NULL)
    *out_queued = job.queued;
  return TRUE;
}

gboolean
canting_listing_queue_publish_all (CantingDb  *db,
                                   gint64      channel_id,
                                   guint      *out_queued,
                                   GError    **error)
{
  QueueJob job = { channel_id, NULL, 0, ALL, 0 };

  if (!canting_db_transaction (db, publish_in_transaction, &job, error))
    return FALSE;
  if (out_queued != NULL)
    *out_queued = job.queued;
  return TRUE;
}

static gboolean
unpublish_one_in_txn (CantingDb  *db,
                      gint64      channel_id,
                      gint64      product_id,
                      GError    **error)
{
  /* What has not left yet is simply dropped; photo uploads that were
   * interrupted too (an orphan photo on the shop harms no one). */
  static const char * const steps[] = {
    "DELETE FROM outbox WHERE channel_id = ?2 AND product_id = ?1 "
    "  AND (state = 'pending' OR (kind = 'image' AND state = 'unknown'))",
    /* Something left or may have: a product the shop has, an interrupted
     * create, one being sent now.  The unpublish waits its turn behind
     * the one being sent, and an interrupted create becomes an unpublish
     * that still looks the product up first. */
    "INSERT INTO outbox (channel_id, product_id, kind, payload) "
    "SELECT l.channel_id, l.product_id, 'unpublish', s.payload "
    "FROM listings l JOIN listing_payloads s ON s.product_id = l.product_id "
    "WHERE l.product_id = ?1 AND l.channel_id = ?2 AND (l.remote_id IS NOT NULL OR EXISTS "
    "  (SELECT 1 FROM outbox o WHERE o.channel_id = l.channel_id AND o.product_id = l.product_id AND o.kind <> 'image')) "
    "ON CONFLICT (channel_id, product_id) WHERE state IN ('pending', 'unknown') AND kind <> 'image' "
    "DO UPDATE SET kind = 'unpublish', payload = excluded.payload, "
    "  next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at",
    "UPDATE listings SET wanted = 0, state = CASE WHEN EXISTS (SELECT 1 FROM outbox o "
    "  WHERE o.channel_id = listings.channel_id AND o.product_id = listings.product_id AND o.kind <> 'image') "
    "  THEN 'queued' ELSE 'offline' END "
    "WHERE product_id = ?1 AND channel_id = ?2",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, steps[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, product_id);
      sqlite3_bind_int64 (stmt, 2, channel_id);
      if (!canting_sql_run (db, stmt, _("queueing the product"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
unpublish_in_transaction (CantingDb  *db,
                          gpointer    user_data,
                          GError    **error)
{
  QueueJob *job = user_data;

  for (guint i = 0; i < job->n_products; i++)
    if (!unpublish_one_in_txn (db, job->channel_id, job->product_ids[i], error))
      return FALSE;
  return TRUE;
}

gboolean
canting_listing_queue_unpublish (CantingDb     *db,
                                 gint64         channel_id,
                                 const gint64  *product_ids,
                                 guint          n_products,
                                 GError       **error)
{
  QueueJob job = { channel_id, product_ids, n_products, SOME, 0 };

  g_return_val_if_fail (product_ids != NULL || n_products == 0, FALSE);
  return canting_db_transaction (db, unpublish_in_transaction, &job, error);
}

gboolean
canting_listing_count_offline (CantingDb  *db,
                               gint64     *out_offline,
                               gint64     *out_products,
                               GError    **error)
{
  /* A listing changed here is still online, with an update on its way. */
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT count(*), coalesce(sum(NOT EXISTS (SELECT 1 FROM listings l "
                                                      "  WHERE l.product_id = p.id AND l.state IN ('online', 'changed'))), 0) "
                                                      "FROM products p WHERE p.archived = 0",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("counting the products online"));
      return FALSE;
    }
  *out_products = sqlite3_column_int64 (stmt, 0);
  *out_offline = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}
