/* canting-outbox.c: taking due operations and recording what the shop
 * answered, each in one transaction with the listing it concerns. */
#include "canting-outbox-private.h"

#include "canting-enum-private.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-product-private.h"
#include "canting-sql-private.h"

static const CantingEnumName kinds[CANTING_OUTBOX_KIND_COUNT] = {
  [CANTING_OUTBOX_CREATE] = { "create", N_("Put on the shop") },
  [CANTING_OUTBOX_UPDATE] = { "update", N_("Update on the shop") },
  [CANTING_OUTBOX_STOCK] = { "stock", N_("Update the stock") },
  [CANTING_OUTBOX_UNPUBLISH] = { "unpublish", N_("Take off the shop") },
  [CANTING_OUTBOX_IMAGE] = { "image", N_("Upload a photo") },
};

const char *
canting_outbox_kind_to_string (CantingOutboxKind kind)
{
  return canting_enum_id (kinds, CANTING_OUTBOX_KIND_COUNT, kind);
}

const char *
canting_outbox_kind_label (CantingOutboxKind kind)
{
  return canting_enum_label (kinds, CANTING_OUTBOX_KIND_COUNT, kind);
}

static CantingOutboxKind
kind_from_string (const char *text)
{
  guint value = CANTING_OUTBOX_UPDATE;

  canting_enum_lookup (kinds, CANTING_OUTBOX_KIND_COUNT, text, &value);
  return value;
}

void
canting_outbox_op_free (CantingOutboxOp *op)
{
  if (op == NULL)
    return;
  g_free (op->payload);
  g_free (op->sku);
  g_clear_pointer (&op->category_ids, g_array_unref);
  g_clear_pointer (&op->media_ids, g_array_unref);
  g_free (op->photo_file);
  g_free (op->photo_path);
  g_free (op);
}

void
canting_outbox_outcome_clear (CantingOutboxOutcome *outcome)
{
  g_clear_pointer (&outcome->permalink, g_free);
  g_clear_pointer (&outcome->message, g_free);
}

char *
canting_outbox_timestamp (GDateTime *now,
                          gint64     seconds)
{
  g_autoptr(GDateTime) base = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) at = g_date_time_add_seconds (base, (gdouble) seconds);

  /* The format of the schema's strftime defaults, so stored times
   * compare as text. */
  return g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
canting_outbox_queue_images_in_txn (CantingDb  *db,
                                    gint64      channel_id,
                                    gint64      product_id,
                                    GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "INSERT INTO outbox (channel_id, product_id, kind, photo_file, payload) "
                                                      "SELECT ?1, ?2, 'image', ph.file, json_object('file', ph.file) "
                                                      "FROM product_photos ph WHERE ph.product_id = ?2 "
                                                      "AND NOT EXISTS (SELECT 1 FROM channel_media m "
                                                      "  WHERE m.channel_id = ?1 AND m.file = ph.file) "
                                                      "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.channel_id = ?1 "
                                                      "  AND o.product_id = ?2 AND o.photo_file = ph.file) "
                                                      "ORDER BY ph.position, ph.id",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_int64 (stmt, 2, product_id);
  return canting_sql_run (db, stmt, _("queueing the photos"), error);
}

/* An operation as stored, while its outcome is recorded. */
typedef struct {
  gint64 id;
  gint64 channel_id;
  gint64 product_id;
  CantingOutboxKind kind;
  char *payload;
  gboolean lookup_first;
  guint attempts;
} OpRow;

static void
op_row_clear (OpRow *row)
{
  g_clear_pointer (&row->payload, g_free);
}

/* FALSE with @error on a database error; *@found FALSE when the
 * operation is no longer there. */
static gboolean
load_op_row (CantingDb  *db,
             gint64      id,
             OpRow      *row,
             gboolean   *found,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT channel_id, product_id, kind, payload, lookup_first, attempts "
                                                      "FROM outbox WHERE id = ?1",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the outbox"));
      return FALSE;
    }
  row->id = id;
  row->channel_id = sqlite3_column_int64 (stmt, 0);
  row->product_id = sqlite3_column_int64 (stmt, 1);
  row->kind = kind_from_string ((const char *) sqlite3_column_text (stmt, 2));
  row->payload = canting_sql_dup_text (stmt, 3);
  row->lookup_first = sqlite3_column_int (stmt, 4) != 0;
  row->attempts = (guint) sqlite3_column_int (stmt, 5);
  return TRUE;
}

static gboolean
run_with_ids (CantingDb   *db,
              const char  *sql,
              gint64       a,
              gint64       b,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  return canting_sql_run (db, stmt, _("updating the outbox"), error);
}

/* Which kind two waiting operations of one product merge into: the
 * newest wish to be on or off the shop wins, and otherwise the one that
 * sends more (create > update > stock). */
static CantingOutboxKind
merge_kinds (CantingOutboxKind older,
             CantingOutboxKind newer)
{
  static const int rank[CANTING_OUTBOX_KIND_COUNT] = {
    [CANTING_OUTBOX_CREATE] = 3, [CANTING_OUTBOX_UPDATE] = 2, [CANTING_OUTBOX_STOCK] = 1,
  };

  if (older == CANTING_OUTBOX_UNPUBLISH || newer == CANTING_OUTBOX_UNPUBLISH)
    return newer;
  return rank[older] >= rank[newer] ? older : newer;
}

/* Puts an operation that was out back to wait until @next_at.
 * @lookup: 1 sets lookup_first, 0 clears it, -1 keeps it; the state
 * follows it (unknown while a lookup is owed).  @kind < 0 keeps the
 * kind.  If the product got another waiting operation while this one
 * was out (it changed meanwhile), the two become one: the newer payload,
 * the stronger kind, the lookup if either owes one. */
static gboolean
requeue (CantingDb   *db,
         OpRow       *row,
         int          lookup,
         int          kind,
         const char  *next_at,
         const char  *message,
         GError     **error)
{
  g_autoptr(sqlite3_stmt) other = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  CantingOutboxKind my_kind = kind >= 0 ? (CantingOutboxKind) kind : row->kind;
  gboolean my_lookup = lookup < 0 ? row->lookup_first : lookup != 0;
  int rc;

  if (row->kind != CANTING_OUTBOX_IMAGE)
    {
      other = canting_sql_prepare (db,
                                   "SELECT id, kind, lookup_first FROM outbox WHERE channel_id = ?1 AND product_id = ?2 "
                                   "AND kind <> 'image' AND state IN ('pending', 'unknown') AND id <> ?3",
                                   error);
      if (other == NULL)
        return FALSE;
      sqlite3_bind_int64 (other, 1, row->channel_id);
      sqlite3_bind_int64 (other, 2, row->product_id);
      sqlite3_bind_int64 (other, 3, row->id);
      rc = sqlite3_step (other);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the outbox"));
          return FALSE;
        }
      if (rc == SQLITE_ROW)
        {
          gint64 other_id = sqlite3_column_int64 (other, 0);
          CantingOutboxKind merged = merge_kinds (my_kind, kind_from_string ((const char *) sqlite3_column_text (other, 1)));
          gboolean merged_lookup = lookup == 0 ? FALSE : (my_lookup || sqlite3_column_int (other, 2) != 0);

          update = canting_sql_prepare (db,
                                        "UPDATE outbox SET kind = ?2, lookup_first = ?3, "
                                        "  state = CASE WHEN ?3 THEN 'unknown' ELSE 'pending' END, "
                                        "  attempts = max(attempts, ?4), next_attempt_at = max(next_attempt_at, ?5), "
                                        "  last_error = ?6, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                                        "WHERE id = ?1",
                                        error);
          if (update == NULL)
            return FALSE;
          sqlite3_bind_int64 (update, 1, other_id);
          sqlite3_bind_text (update, 2, kinds[merged].id, -1, SQLITE_STATIC);
          sqlite3_bind_int (update, 3, merged_lookup ? 1 : 0);
          sqlite3_bind_int (update, 4, (int) row->attempts);
          sqlite3_bind_text (update, 5, next_at, -1, SQLITE_STATIC);
          sqlite3_bind_text (update, 6, message != NULL ? message : "", -1, SQLITE_STATIC);
          return canting_sql_run (db, update, _("updating the outbox"), error) &&
                 run_with_ids (db, "DELETE FROM outbox WHERE id = ?1", row->id, 0, error);
        }
    }

  update = canting_sql_prepare (db,
                                "UPDATE outbox SET kind = ?2, lookup_first = ?3, "
                                "  state = CASE WHEN ?3 THEN 'unknown' ELSE 'pending' END, lease_until = NULL, "
                                "  next_attempt_at = ?4, last_error = ?5, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                                "WHERE id = ?1",
                                error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, row->id);
  sqlite3_bind_text (update, 2, kinds[my_kind].id, -1, SQLITE_STATIC);
  sqlite3_bind_int (update, 3, my_lookup ? 1 : 0);
  sqlite3_bind_text (update, 4, next_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 5, message != NULL ? message : "", -1, SQLITE_STATIC);
  return canting_sql_run (db, update, _("updating the outbox"), error);
}

/* Operations whose sender went quiet (@lease_before: those whose lease
 * ended by then; NULL: all of them) were interrupted: nobody knows
 * whether the shop got them.  They are due again at @next_at. */
static gboolean
interrupt_in_txn (CantingDb   *db,
                  gint64       channel_id,
                  const char  *lease_before,
                  const char  *next_at,
                  guint       *out_count,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id FROM outbox WHERE state = 'sending' "
                                                      "AND (?1 = 0 OR channel_id = ?1) AND (?2 IS NULL OR lease_until <= ?2) "
                                                      "ORDER BY id",
                                                      error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  if (lease_before != NULL)
    sqlite3_bind_text (stmt, 2, lease_before, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the outbox"));
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      OpRow row = { 0 };
      gboolean found = FALSE, ok;

      if (!load_op_row (db, g_array_index (ids, gint64, i), &row, &found, error))
        return FALSE;
      ok = !found || requeue (db, &row, 1, -1, next_at, _("Interrupted while sending; the shop will be checked first."), error);
      op_row_clear (&row);
      if (!ok)
        return FALSE;
    }
  if (out_count != NULL)
    *out_count = ids->len;
  return TRUE;
}

static gboolean
recover_in_transaction (CantingDb  *db,
                        gpointer    user_data,
                        GError    **error)
{
  g_autofree char *now = canting_outbox_timestamp (NULL, 0);
  return interrupt_in_txn (db, 0, NULL, now, user_data, error);
}

gboolean
canting_outbox_recover_interrupted (CantingDb  *db,
                                    guint      *out_count,
                                    GError    **error)
{
  return canting_db_transaction (db, recover_in_transaction, out_count, error);
}

typedef struct {
  gint64 channel_id;
  GDateTime *now;
  guint max;
  GPtrArray *ops;
} TakeJob;

static GArray *
collect_int64 (CantingDb     *db,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 v = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (values, v);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the outbox"));
      return NULL;
    }
  return g_steal_pointer (&values);
}

static CantingOutboxOp *
load_op (CantingDb  *db,
         gint64      id,
         GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT o.channel_id, o.product_id, o.kind, o.payload, o.attempts, "
                                                      "  o.lookup_first, o.photo_file, l.remote_id, json_extract(o.payload, '$.sku') "
                                                      "FROM outbox o LEFT JOIN listings l "
                                                      "  ON l.product_id = o.product_id AND l.channel_id = o.channel_id "
                                                      "WHERE o.id = ?1",
                                                      error);
  g_autoptr(sqlite3_stmt) categories = NULL;
  g_autoptr(sqlite3_stmt) media = NULL;
  g_autoptr(CantingOutboxOp) op = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!canting_sql_step_one (db, stmt, _("reading the outbox"), _("This operation is no longer waiting."), error))
    return NULL;
  op = g_new0 (CantingOutboxOp, 1);
  op->id = id;
  op->channel_id = sqlite3_column_int64 (stmt, 0);
  op->product_id = sqlite3_column_int64 (stmt, 1);
  op->kind = kind_from_string ((const char *) sqlite3_column_text (stmt, 2));
  op->payload = canting_sql_dup_text (stmt, 3);
  op->attempts = (guint) sqlite3_column_int (stmt, 4);
  op->remote_id = canting_sql_column_optional (stmt, 7, 0);
  /* A lookup is owed only while the shop's id is not known. */
  op->lookup_first = sqlite3_column_int (stmt, 5) != 0 && op->remote_id == 0;
  op->sku = canting_sql_dup_text (stmt, 8);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      op->photo_file = canting_sql_dup_text (stmt, 6);
      op->photo_path = canting_photo_path (db, op->photo_file);
    }

  categories = canting_sql_prepare (db,
                                    "SELECT DISTINCT remote_id FROM channel_categories WHERE channel_id = ?1 "
                                    "AND remote_id IS NOT NULL AND ("
                                    "  (source = 'motif' AND local_value = json_extract(?2, '$.motif')) OR "
                                    "  (source = 'technique' AND local_value = json_extract(?2, '$.technique'))) "
                                    "ORDER BY remote_id",
                                    error);
  if (categories == NULL)
    return NULL;
  sqlite3_bind_int64 (categories, 1, op->channel_id);
  sqlite3_bind_text (categories, 2, op->payload, -1, SQLITE_STATIC);
  if ((op->category_ids = collect_int64 (db, categories, error)) == NULL)
    return NULL;

  media = canting_sql_prepare (db,
                               "SELECT m.remote_id FROM json_each(?2, '$.photos') j "
                               "JOIN channel_media m ON m.channel_id = ?1 AND m.file = j.value "
                               "ORDER BY j.key",
                               error);
  if (media == NULL)
    return NULL;
  sqlite3_bind_int64 (media, 1, op->channel_id);
  sqlite3_bind_text (media, 2, op->payload, -1, SQLITE_STATIC);
  if ((op->media_ids = collect_int64 (db, media, error)) == NULL)
    return NULL;
  return g_steal_pointer (&op);
}

static gboolean
take_in_transaction (CantingDb  *db,
                     gpointer    user_data,
                     GError    **error)
{
  TakeJob *job = user_data;
  g_autofree char *now = canting_outbox_timestamp (job->now, 0);
  g_autofree char *lease = canting_outbox_timestamp (job->now, CANTING_OUTBOX_LEASE_SECONDS);
  g_autoptr(sqlite3_stmt) due = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(GArray) ids = NULL;

  if (!interrupt_in_txn (db, job->channel_id, now, now, NULL, error))
    return FALSE;
  /* A create for a product whose id the shop has since given is an
   * update: never a second product. */
  if (!run_with_ids (db,
                     "UPDATE outbox SET kind = 'update' WHERE channel_id = ?1 AND kind = 'create' "
                     "AND state IN ('pending', 'unknown') AND product_id IN "
                     "  (SELECT product_id FROM listings WHERE channel_id = ?1 AND remote_id IS NOT NULL)",
                     job->channel_id, 0, error))
    return FALSE;

  /* Photos first; a product waits while any operation of its own is out
   * or any of its photos is still to upload, so the shop sees them in
   * order and the product can show its photos. */
  due = canting_sql_prepare (db,
                             "SELECT o.id FROM outbox o "
                             "WHERE o.channel_id = ?1 AND o.state IN ('pending', 'unknown') AND o.next_attempt_at <= ?2 "
                             "AND (o.kind = 'image' OR NOT EXISTS (SELECT 1 FROM outbox s "
                             "  WHERE s.channel_id = o.channel_id AND s.product_id = o.product_id AND s.id <> o.id "
                             "  AND (s.state = 'sending' OR s.kind = 'image'))) "
                             "ORDER BY o.kind = 'image' DESC, o.next_attempt_at, o.id LIMIT ?3",
                             error);
  if (due == NULL)
    return FALSE;
  sqlite3_bind_int64 (due, 1, job->channel_id);
  sqlite3_bind_text (due, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int (due, 3, (int) job->max);
  if ((ids = collect_int64 (db, due, error)) == NULL)
    return FALSE;

  mark = canting_sql_prepare (db,
                              "UPDATE outbox SET state = 'sending', lease_until = ?2, attempts = attempts + 1, "
                              "  updated_at = ?3 WHERE id = ?1",
                              error);
  if (mark == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      CantingOutboxOp *op;

      sqlite3_reset (mark);
      sqlite3_bind_int64 (mark, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_text (mark, 2, lease, -1, SQLITE_STATIC);
      sqlite3_bind_text (mark, 3, now, -1, SQLITE_STATIC);
      if (!canting_sql_run (db, mark, _("updating the outbox"), error) ||
          (op = load_op (db, g_array_index (ids, gint64, i), error)) == NULL)
        return FALSE;
      g_ptr_array_add (job->ops, op);
    }
  return TRUE;
}

GPtrArray *
canting_outbox_take_due (CantingDb  *db,
                         gint64      channel_id,
                         GDateTime  *now,
                         guint       max,
                         GError    **error)
{
  g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_outbox_op_free);
  TakeJob job = { channel_id, now, CLAMP (max, 1, CANTING_OUTBOX_BATCH_MAX), ops };

  if (!canting_db_transaction (db, take_in_transaction, &job, error))
    return NULL;
  return g_steal_pointer (&ops);
}

/* --- outcomes ------------------------------------------------------------- */

typedef struct {
  const CantingOutboxOutcome *outcomes;
  guint n;
  GDateTime *now;
} RecordJob;

/* Last attempt and result on the listing, and optionally its state and
 * remote id, permalink and hash. */
static gboolean
update_listing (CantingDb   *db,
                OpRow       *row,
                const char  *now,
                const char  *message,
                const char  *state,
                gint64       remote_id,
                const char  *permalink,
                const char  *sent_hash,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "UPDATE listings SET last_attempt_at = ?3, last_result = ?4, "
                                                      "  state = coalesce(?5, state), "
                                                      "  remote_id = CASE WHEN ?6 > 0 THEN ?6 WHEN ?6 < 0 THEN NULL ELSE remote_id END, "
                                                      "  permalink = CASE WHEN ?6 < 0 THEN '' ELSE coalesce(nullif(?7, ''), permalink) END, "
                                                      "  sent_hash = coalesce(?8, sent_hash) "
                                                      "WHERE product_id = ?1 AND channel_id = ?2",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->product_id);
  sqlite3_bind_int64 (stmt, 2, row->channel_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, message != NULL ? message : "", -1, SQLITE_STATIC);
  if (state != NULL)
    sqlite3_bind_text (stmt, 5, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, remote_id);
  if (permalink != NULL)
    sqlite3_bind_text (stmt, 7, permalink, -1, SQLITE_STATIC);
  if (sent_hash != NULL)
    sqlite3_bind_text (stmt, 8, sent_hash, -1, SQLITE_STATIC);
  return canting_sql_run (db, stmt, _("updating the listing"), error);
}

/* After an operation is done: a create still waiting becomes an update
 * now that the shop's id is known, and a listing with more to send says
 * so rather than "online". */
static gboolean
settle_listing (CantingDb  *db,
                OpRow      *row,
                GError    **error)
{
  return run_with_ids (db,
                       "UPDATE outbox SET kind = 'update', lookup_first = 0, "
                       "  state = CASE WHEN state = 'unknown' THEN 'pending' ELSE state END "
                       "WHERE channel_id = ?2 AND product_id = ?1 AND kind = 'create' AND state IN ('pending', 'unknown') "
                       "AND (SELECT remote_id FROM listings WHERE product_id = ?1 AND channel_id = ?2) IS NOT NULL",
                       row->product_id, row->channel_id, error) &&
         run_with_ids (db,
                       "UPDATE listings SET state = CASE WHEN wanted = 0 OR state = 'offline' THEN 'queued' ELSE 'changed' END "
                       "WHERE product_id = ?1 AND channel_id = ?2 AND EXISTS (SELECT 1 FROM outbox o "
                       "  WHERE o.channel_id = ?2 AND o.product_id = ?1 AND o.kind <> 'image')",
                       row->product_id, row->channel_id, error);
}

static gboolean
record_sent (CantingDb                   *db,
             OpRow                       *row,
             const CantingOutboxOutcome  *o,
             const char                  *now,
             GError                     **error)
{
  g_autofree char *hash = NULL;

  if (row->kind == CANTING_OUTBOX_IMAGE)
    {
      g_autoptr(sqlite3_stmt) media = canting_sql_prepare (db,
                                                           "INSERT INTO channel_media (channel_id, file, remote_id) "
                                                           "VALUES (?1, json_extract(?2, '$.file'), ?3) "
                                                           "ON CONFLICT (channel_id, file) DO UPDATE SET remote_id = excluded.remote_id",
                                                           error);
      if (media == NULL)
        return FALSE;
      sqlite3_bind_int64 (media, 1, row->channel_id);
      sqlite3_bind_text (media, 2, row->payload, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (media, 3, o->remote_id);
      return canting_sql_run (db, media, _("saving the photo’s number on the shop"), error) &&
             run_with_ids (db, "DELETE FROM outbox WHERE id = ?1", row->id, 0, error);
    }

  /* What the shop now shows: the next change is compared with it. */
  if (row->kind == CANTING_OUTBOX_CREATE || row->kind == CANTING_OUTBOX_UPDATE)
    hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, row->payload, -1);
  return update_listing (db, row, now, o->message, row->kind == CANTING_OUTBOX_UNPUBLISH ? "offline" : "online",
                         o->remote_id, o->permalink, hash, error) &&
         run_with_ids (db, "DELETE FROM outbox WHERE id = ?1", row->id, 0, error) &&
         settle_listing (db, row, error);
}

static gboolean
record_one (CantingDb                   *db,
            const CantingOutboxOutcome  *o,
            GDateTime                   *now_dt,
            GError                     **error)
{
  g_autofree char *now = canting_outbox_timestamp (now_dt, 0);
  g_autofree char *later = canting_outbox_timestamp (now_dt, MAX (o->delay_seconds, 0));
  OpRow row = { 0 };
  gboolean found = FALSE;
  gboolean ok = FALSE;
  CantingOutcomeKind kind = o->kind;

  if (!load_op_row (db, o->op_id, &row, &found, error))
    return FALSE;
  if (!found)
    return TRUE;

  /* A photo has no id to adopt or lose: uploaded is uploaded, and a
   * missing one is simply sent again. */
  if (row.kind == CANTING_OUTBOX_IMAGE && kind == CANTING_OUTCOME_ADOPT)
    kind = CANTING_OUTCOME_SENT;
  else if (row.kind == CANTING_OUTBOX_IMAGE && (kind == CANTING_OUTCOME_GONE || kind == CANTING_OUTCOME_MEDIA_GONE))
    kind = CANTING_OUTCOME_RETRY;

  if ((kind == CANTING_OUTCOME_ADOPT || (kind == CANTING_OUTCOME_SENT && (row.kind == CANTING_OUTBOX_CREATE ||
                                                                          row.kind == CANTING_OUTBOX_IMAGE)))
      && o->remote_id <= 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The shop’s reply did not say the number it gave the product."));
      op_row_clear (&row);
      return FALSE;
    }

  switch (kind)
    {
    case CANTING_OUTCOME_SENT:
      ok = record_sent (db, &row, o, now, error);
      break;

    case CANTING_OUTCOME_ADOPT:
      /* Stored now: whatever happens next, no second product. */
      ok = update_listing (db, &row, now, o->message, NULL, o->remote_id, NULL, NULL, error) &&
           requeue (db, &row, 0, row.kind == CANTING_OUTBOX_CREATE ? CANTING_OUTBOX_UPDATE : -1, now, o->message, error);
      break;

    case CANTING_OUTCOME_GONE:
      if (row.kind == CANTING_OUTBOX_UNPUBLISH)
        ok = update_listing (db, &row, now, o->message, "offline", -1, NULL, NULL, error) &&
             run_with_ids (db, "DELETE FROM outbox WHERE id = ?1", row.id, 0, error) &&
             settle_listing (db, &row, error);
      else
        ok = update_listing (db, &row, now, o->message, NULL, -1, NULL, NULL, error) &&
             requeue (db, &row, 1, CANTING_OUTBOX_CREATE, now, o->message, error);
      break;

    case CANTING_OUTCOME_MEDIA_GONE:
      ok = run_with_ids (db,
                         "DELETE FROM channel_media WHERE channel_id = ?1 AND file IN "
                         "  (SELECT j.value FROM outbox o, json_each(o.payload, '$.photos') j WHERE o.id = ?2)",
                         row.channel_id, row.id, error) &&
           canting_outbox_queue_images_in_txn (db, row.channel_id, row.product_id, error) &&
           update_listing (db, &row, now, o->message, NULL, 0, NULL, NULL, error) &&
           requeue (db, &row, -1, -1, now, o->message, error);
      break;

    case CANTING_OUTCOME_RETRY:
      ok = update_listing (db, &row, now, o->message, NULL, 0, NULL, NULL, error) &&
           requeue (db, &row, -1, -1, later, o->message, error);
      break;

    case CANTING_OUTCOME_UNKNOWN:
      ok = update_listing (db, &row, now, o->message, NULL, 0, NULL, NULL, error) &&
           requeue (db, &row, 1, -1, later, o->message, error);
      break;

    case CANTING_OUTCOME_FAILED:
      /* The person has to act (fix the product, the password): the
       * listing says why and nothing is retried by itself.  A refused
       * photo leaves the product to go without it. */
      ok = update_listing (db, &row, now, o->message, row.kind == CANTING_OUTBOX_IMAGE ? NULL : "failed",
                           0, NULL, NULL, error) &&
           run_with_ids (db, "DELETE FROM outbox WHERE id = ?1", row.id, 0, error);
      break;

    default:
      g_return_val_if_reached (FALSE);
    }
  op_row_clear (&row);
  return ok;
}

static gboolean
record_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  RecordJob *job = user_data;

  for (guint i = 0; i < job->n; i++)
    if (!record_one (db, &job->outcomes[i], job->now, error))
      return FALSE;
  return TRUE;
}

gboolean
canting_outbox_record (CantingDb                   *db,
                       const CantingOutboxOutcome  *outcomes,
                       guint                        n_outcomes,
                       GDateTime                   *now,
                       GError                     **error)
{
  RecordJob job = { outcomes, n_outcomes, now };

  g_return_val_if_fail (outcomes != NULL || n_outcomes == 0, FALSE);
  return canting_db_transaction (db, record_in_transaction, &job, error);
}

gboolean
canting_outbox_next_due (CantingDb   *db,
                         gint64       channel_id,
                         GDateTime   *after,
                         GDateTime  **out_at,
                         GError     **error)
{
  g_autofree char *after_text = after != NULL ? canting_outbox_timestamp (after, 0) : NULL;
  /* A product whose photo or earlier operation is out is not due yet,
   * but whatever holds it back is out and ends with a recorded outcome,
   * after which the worker asks again. */
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT min(next_attempt_at) FROM outbox "
                                                      "WHERE (?1 = 0 OR channel_id = ?1) AND state IN ('pending', 'unknown') "
                                                      "AND (?2 IS NULL OR next_attempt_at > ?2)",
                                                      error);
  int rc;

  *out_at = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  if (after_text != NULL)
    sqlite3_bind_text (stmt, 2, after_text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the outbox"));
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *out_at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 0), NULL);
  return TRUE;
}

gboolean
canting_outbox_stock_due (CantingDb   *db,
                          gint64       channel_id,
                          GDateTime   *now,
                          GDateTime   *since,
                          gboolean    *out_due,
                          GError     **error)
{
  g_autofree char *now_text = canting_outbox_timestamp (now, 0);
  g_autofree char *since_text = since != NULL ? canting_outbox_timestamp (since, 0) : NULL;
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT EXISTS (SELECT 1 FROM outbox WHERE channel_id = ?1 "
                                                      "AND kind IN ('update', 'stock') AND state IN ('pending', 'unknown') "
                                                      "AND next_attempt_at <= ?2 AND (?3 IS NULL OR updated_at >= ?3))",
                                                      error);
  gint64 due = 0;

  *out_due = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  sqlite3_bind_text (stmt, 2, now_text, -1, SQLITE_STATIC);
  if (since_text != NULL)
    sqlite3_bind_text (stmt, 3, since_text, -1, SQLITE_STATIC);
  if (!canting_sql_get_int64 (db, stmt, &due, _("reading the outbox"), error))
    return FALSE;
  *out_due = due != 0;
  return TRUE;
}

gint64
canting_outbox_count (CantingDb  *db,
                      gint64      channel_id,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT count(*) FROM outbox WHERE ?1 = 0 OR channel_id = ?1",
                                                      error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, channel_id);
  if (!canting_sql_get_int64 (db, stmt, &n, _("counting the outbox"), error))
    return -1;
  return n;
}
