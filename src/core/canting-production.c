/* canting-production.c: stages, workers, rates and wages. */
#include "canting-production.h"

#include <string.h>

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-order.h"
#include "canting-product-private.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

/* A piece rate above Rp 10 million per piece is a typing slip. */
#define RATE_MAX G_GINT64_CONSTANT (10000000)
/* Stages per technique: enough for the most elaborate tulis. */
#define TEMPLATES_MAX 30

G_DEFINE_QUARK (canting-worker-error-quark, canting_worker_error)

CantingWorker *
canting_worker_new (void)
{
  CantingWorker *w = g_new0 (CantingWorker, 1);

  w->name = g_strdup ("");
  w->phone = g_strdup ("");
  w->active = TRUE;
  return w;
}

CantingWorker *
canting_worker_copy (const CantingWorker *worker)
{
  CantingWorker *w = g_memdup2 (worker, sizeof *worker);

  w->name = g_strdup (worker->name);
  w->phone = g_strdup (worker->phone);
  return w;
}

void
canting_worker_free (CantingWorker *worker)
{
  if (worker == NULL)
    return;
  g_free (worker->name);
  g_free (worker->phone);
  g_free (worker);
}

static gboolean
save_worker_in_transaction (CantingDb  *db,
                            gpointer    user_data,
                            GError    **error)
{
  CantingWorker *w = user_data;
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      w->id == 0
                                                      ? "INSERT INTO workers (name, phone, active) VALUES (?1, ?2, ?3)"
                                                      : "UPDATE workers SET name = ?1, phone = ?2, active = ?3 WHERE id = ?4",
                                                      error);
  if (stmt == NULL)
    return FALSE;
  canting_sql_bind_trimmed (stmt, 1, w->name);
  canting_sql_bind_trimmed (stmt, 2, w->phone);
  sqlite3_bind_int (stmt, 3, w->active ? 1 : 0);
  if (w->id != 0)
    sqlite3_bind_int64 (stmt, 4, w->id);
  return canting_sql_save_record (db, stmt, &w->id, _("saving the worker"), NULL, error);
}

gboolean
canting_worker_save (CantingDb      *db,
                     CantingWorker  *worker,
                     GError        **error)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  return canting_worker_save_with_rates (db, worker, none, error);
}

GPtrArray *
canting_worker_list (CantingDb  *db,
                     gboolean    include_inactive,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, name, phone, active FROM workers "
                                                      "WHERE ?1 OR active = 1 ORDER BY name COLLATE NOCASE, id",
                                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_worker_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingWorker *w = g_new0 (CantingWorker, 1);
      w->id = sqlite3_column_int64 (stmt, 0);
      w->name = canting_sql_dup_text (stmt, 1);
      w->phone = canting_sql_dup_text (stmt, 2);
      w->active = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (list, w);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the workers"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
check_rate (CantingTechnique   technique,
            const char        *stage,
            CantingMoney       rate,
            GError           **error)
{
  if (rate < 0 || rate > RATE_MAX)
    {
      g_autofree char *limit = canting_money_format (RATE_MAX);
      g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_RATE,
                   _("A piece rate must be from Rp 0 to %s."), limit);
      return FALSE;
    }
  if (technique >= CANTING_TECHNIQUE_COUNT || stage == NULL || *stage == '\0')
    {
      g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_RATE, _("Choose the stage and technique."));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 worker_id;
  CantingTechnique technique;
  const char *stage;
  CantingMoney rate;
} RateJob;

static gboolean
set_rate_in_transaction (CantingDb  *db,
                         gpointer    user_data,
                         GError    **error)
{
  RateJob *job = user_data;
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "INSERT INTO worker_rates (worker_id, technique, stage, rate) "
                                                      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (worker_id, technique, stage) "
                                                      "DO UPDATE SET rate = excluded.rate",
                                                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->worker_id);
  sqlite3_bind_text (stmt, 2, canting_technique_to_string (job->technique), -1, SQLITE_STATIC);
  canting_sql_bind_trimmed (stmt, 3, job->stage);
  sqlite3_bind_int64 (stmt, 4, job->rate);
  return canting_sql_run (db, stmt, _("saving the rate"), error);
}

gboolean
canting_worker_set_rate (CantingDb         *db,
                         gint64             worker_id,
                         CantingTechnique   technique,
                         const char        *stage,
                         CantingMoney       rate,
                         GError           **error)
{
  RateJob job = { worker_id, technique, stage, rate };

  if (!check_rate (technique, stage, rate, error))
    return FALSE;
  return canting_db_transaction (db, set_rate_in_transaction, &job, error);
}

gboolean
canting_worker_get_rate (CantingDb         *db,
                         gint64             worker_id,
                         CantingTechnique   technique,
                         const char        *stage,
                         CantingMoney      *out_rate,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT rate FROM worker_rates WHERE worker_id = ?1 "
                                                      "AND technique = ?2 AND stage = ?3",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, worker_id);
  sqlite3_bind_text (stmt, 2, canting_technique_to_string (technique), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stage, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_rate = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the rate"));
  return FALSE;
}

void
canting_rate_free (CantingRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->stage);
  g_free (rate);
}

GPtrArray *
canting_worker_rates (CantingDb  *db,
                      gint64      worker_id,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT technique, stage, rate FROM worker_rates WHERE worker_id = ?1 "
                                                      "ORDER BY technique, stage",
                                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_rate_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, worker_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingRate *r = g_new0 (CantingRate, 1);
      canting_technique_from_string ((const char *) sqlite3_column_text (stmt, 0), &r->technique);
      r->stage = canting_sql_dup_text (stmt, 1);
      r->rate = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the rates"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

typedef struct {
  CantingWorker *worker;
  GPtrArray *rates;
} WorkerJob;

static gboolean
save_worker_with_rates_in_transaction (CantingDb  *db,
                                       gpointer    user_data,
                                       GError    **error)
{
  WorkerJob *job = user_data;
  g_autoptr(sqlite3_stmt) del = canting_sql_prepare (db,
                                                     "DELETE FROM worker_rates WHERE worker_id = ?1 "
                                                     "AND technique = ?2 AND stage = ?3",
                                                     error);

  if (del == NULL || !save_worker_in_transaction (db, job->worker, error))
    return FALSE;
  for (guint i = 0; i < job->rates->len; i++)
    {
      const CantingRate *r = g_ptr_array_index (job->rates, i);
      RateJob rate = { job->worker->id, r->technique, r->stage, r->rate };

      if (r->rate == CANTING_RATE_NONE)
        {
          sqlite3_reset (del);
          sqlite3_bind_int64 (del, 1, job->worker->id);
          sqlite3_bind_text (del, 2, canting_technique_to_string (r->technique), -1, SQLITE_STATIC);
          sqlite3_bind_text (del, 3, r->stage, -1, SQLITE_STATIC);
          if (!canting_sql_run (db, del, _("saving the rate"), error))
            return FALSE;
        }
      else if (!set_rate_in_transaction (db, &rate, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_worker_save_with_rates (CantingDb      *db,
                                CantingWorker  *worker,
                                GPtrArray      *rates,
                                GError        **error)
{
  WorkerJob job = { worker, rates };
  gint64 id_before = worker->id;

  if (!canting_validate_text (worker->name, CANTING_TEXT_REQUIRED, _("Worker’s name"), _("Type the worker’s name."),
                              CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_NAME, error) ||
      !canting_validate_text (worker->phone, CANTING_TEXT_PHONE, _("Phone or WhatsApp"), NULL,
                              CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_PHONE, error))
    return FALSE;
  for (guint i = 0; i < rates->len; i++)
    {
      const CantingRate *r = g_ptr_array_index (rates, i);
      if (r->rate != CANTING_RATE_NONE && !check_rate (r->technique, r->stage, r->rate, error))
        return FALSE;
    }
  if (!canting_db_transaction (db, save_worker_with_rates_in_transaction, &job, error))
    {
      worker->id = id_before;
      return FALSE;
    }
  return TRUE;
}

void
canting_stage_template_free (CantingStageTemplate *t)
{
  if (t == NULL)
    return;
  g_free (t->name);
  g_free (t);
}

GPtrArray *
canting_stage_templates (CantingDb         *db,
                         CantingTechnique   technique,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT name, per_colour FROM stage_templates "
                                                      "WHERE technique = ?1 ORDER BY position",
                                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_stage_template_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, canting_technique_to_string (technique), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingStageTemplate *t = g_new0 (CantingStageTemplate, 1);
      t->name = canting_sql_dup_text (stmt, 0);
      t->per_colour = sqlite3_column_int (stmt, 1) != 0;
      g_ptr_array_add (list, t);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the stages"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

typedef struct {
  CantingTechnique technique;
  GPtrArray *templates;
} TemplatesJob;

static gboolean
set_templates_in_transaction (CantingDb  *db,
                              gpointer    user_data,
                              GError    **error)
{
  TemplatesJob *job = user_data;
  g_autoptr(sqlite3_stmt) del = canting_sql_prepare (db, "DELETE FROM stage_templates WHERE technique = ?1", error);
  g_autoptr(sqlite3_stmt) ins = canting_sql_prepare (db,
                                                     "INSERT INTO stage_templates (technique, position, name, per_colour) "
                                                     "VALUES (?1, ?2, ?3, ?4)",
                                                     error);
  const char *technique = canting_technique_to_string (job->technique);

  if (del == NULL || ins == NULL)
    return FALSE;
  sqlite3_bind_text (del, 1, technique, -1, SQLITE_STATIC);
  if (!canting_sql_run (db, del, _("saving the stages"), error))
    return FALSE;
  for (guint i = 0; i < job->templates->len; i++)
    {
      const CantingStageTemplate *t = g_ptr_array_index (job->templates, i);

      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, technique, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins, 2, (int) i + 1);
      canting_sql_bind_trimmed (ins, 3, t->name);
      sqlite3_bind_int (ins, 4, t->per_colour ? 1 : 0);
      if (!canting_sql_run (db, ins, _("saving the stages"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
canting_stage_templates_set (CantingDb         *db,
                             CantingTechnique   technique,
                             GPtrArray         *templates,
                             GError           **error)
{
  TemplatesJob job = { technique, templates };

  if (templates->len == 0 || templates->len > TEMPLATES_MAX)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("A technique needs from 1 to %d stages."), TEMPLATES_MAX);
      return FALSE;
    }
  for (guint i = 0; i < templates->len; i++)
    {
      const CantingStageTemplate *t = g_ptr_array_index (templates, i);
      if (!canting_validate_text (t->name, CANTING_TEXT_REQUIRED, _("Stage name"), _("Every stage needs a name."),
                                  CANTING_ERROR, CANTING_ERROR_INVALID, error))
        return FALSE;
    }
  return canting_db_transaction (db, set_templates_in_transaction, &job, error);
}

GPtrArray *
canting_stage_expand (GPtrArray  *templates,
                      guint       colours,
                      GArray    **out_colour_numbers)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < templates->len;)
    {
      const CantingStageTemplate *t = g_ptr_array_index (templates, i);
      guint group_end = i + 1;

      if (!t->per_colour)
        {
          guint none = 0;
          g_ptr_array_add (names, g_strdup (t->name));
          g_array_append_val (numbers, none);
          i++;
          continue;
        }
      /* Neighbouring per-colour stages (dye, then remove the wax) repeat
       * together, once for each colour. */
      while (group_end < templates->len &&
             ((CantingStageTemplate *) g_ptr_array_index (templates, group_end))->per_colour)
        group_end++;
      for (guint colour = 1; colour <= MAX (colours, 1); colour++)
        for (guint k = i; k < group_end; k++)
          {
            g_ptr_array_add (names, g_strdup (((CantingStageTemplate *) g_ptr_array_index (templates, k))->name));
            g_array_append_val (numbers, colour);
          }
      i = group_end;
    }
  if (out_colour_numbers != NULL)
    *out_colour_numbers = numbers;
  else
    g_array_unref (numbers);
  return names;
}

gboolean
canting_production_create_stages_in_txn (CantingDb  *db,
                                         gint64      order_id,
                                         GError    **error)
{
  /* Custom pieces (no catalog product) are made as batik tulis in one
   * colour unless the catalog says otherwise. */
  g_autoptr(sqlite3_stmt) items = canting_sql_prepare (db,
                                                       "SELECT i.id, coalesce(p.technique, 'tulis'), coalesce(p.colour_count, 1), "
                                                       "(SELECT count(*) FROM item_stages s WHERE s.order_item_id = i.id) "
                                                       "FROM order_items i LEFT JOIN products p ON p.id = i.product_id "
                                                       "WHERE i.order_id = ?1 ORDER BY i.position",
                                                       error);
  g_autoptr(sqlite3_stmt) ins = canting_sql_prepare (db,
                                                     "INSERT INTO item_stages (order_item_id, position, name, colour, technique) "
                                                     "VALUES (?1, ?2, ?3, ?4, ?5)",
                                                     error);
  int rc;

  if (items == NULL || ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (items, 1, order_id);
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (items, 0);
      CantingTechnique technique = CANTING_TECHNIQUE_TULIS;
      g_autoptr(GPtrArray) templates = NULL;
      g_autoptr(GPtrArray) names = NULL;
      g_autoptr(GArray) colours = NULL;

      /* Back from ready for rework: the stages are already there. */
      if (sqlite3_column_int (items, 3) > 0)
        continue;
      canting_technique_from_string ((const char *) sqlite3_column_text (items, 1), &technique);
      templates = canting_stage_templates (db, technique, error);
      if (templates == NULL)
        return FALSE;
      names = canting_stage_expand (templates, (guint) sqlite3_column_int (items, 2), &colours);
      for (guint k = 0; k < names->len; k++)
        {
          guint colour = g_array_index (colours, guint, k);

          sqlite3_reset (ins);
          sqlite3_clear_bindings (ins);
          sqlite3_bind_int64 (ins, 1, item_id);
          sqlite3_bind_int (ins, 2, (int) k + 1);
          sqlite3_bind_text (ins, 3, g_ptr_array_index (names, k), -1, SQLITE_TRANSIENT);
          if (colour > 0)
            sqlite3_bind_int (ins, 4, (int) colour);
          sqlite3_bind_text (ins, 5, canting_technique_to_string (technique), -1, SQLITE_STATIC);
          if (!canting_sql_run (db, ins, _("preparing the production stages"), error))
            return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the order’s items"));
      return FALSE;
    }
  return TRUE;
}

void
canting_stage_free (CantingStage *stage)
{
  if (stage == NULL)
    return;
  g_free (stage->item_description);
  g_free (stage->name);
  g_free (stage->done_on);
  g_free (stage->worker_name);
  g_free (stage);
}

#define STAGE_COLUMNS \
  "s.id, s.order_item_id, i.description, i.quantity, s.position, s.name, coalesce(s.colour, 0), s.technique, " \
  "s.done_on, coalesce(s.worker_id, 0), coalesce(w.name, ''), coalesce(s.wage, 0)"

static CantingStage *
stage_from_row (sqlite3_stmt *stmt)
{
  CantingStage *s = g_new0 (CantingStage, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->order_item_id = sqlite3_column_int64 (stmt, 1);
  s->item_description = canting_sql_dup_text (stmt, 2);
  s->pieces = sqlite3_column_int64 (stmt, 3);
  s->position = (guint) sqlite3_column_int (stmt, 4);
  s->name = canting_sql_dup_text (stmt, 5);
  s->colour = (guint) sqlite3_column_int (stmt, 6);
  canting_technique_from_string ((const char *) sqlite3_column_text (stmt, 7), &s->technique);
  if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
    s->done_on = canting_sql_dup_text (stmt, 8);
  s->worker_id = sqlite3_column_int64 (stmt, 9);
  s->worker_name = canting_sql_dup_text (stmt, 10);
  s->wage = sqlite3_column_int64 (stmt, 11);
  return s;
}

GPtrArray *
canting_stage_list (CantingDb  *db,
                    gint64      order_id,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT " STAGE_COLUMNS " FROM item_stages s "
                                                      "JOIN order_items i ON i.id = s.order_item_id "
                                                      "LEFT JOIN workers w ON w.id = s.worker_id "
                                                      "WHERE i.order_id = ?1 ORDER BY i.position, s.position",
                                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_stage_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, stage_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the stages"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* One stage with what deciding about it needs: its order's status, the
 * item's product, and its neighbours' state. */
typedef struct {
  CantingStage *stage;
  CantingOrderStatus order_status;
  char *order_number;
  gint64 order_id;
  gint64 product_id;
  gboolean previous_done;   /* or first */
  gboolean next_done;       /* FALSE if last */
  gboolean is_last;
} StageContext;

static void
stage_context_clear (StageContext *c)
{
  g_clear_pointer (&c->stage, canting_stage_free);
  g_clear_pointer (&c->order_number, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StageContext, stage_context_clear)

static gboolean
load_stage_context (CantingDb     *db,
                    gint64         stage_id,
                    StageContext  *c,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT " STAGE_COLUMNS ", o.status, o.number, o.id, "
                                                      "coalesce(i.product_id, 0), "
                                                      "(SELECT count(*) FROM item_stages p WHERE p.order_item_id = s.order_item_id "
                                                      "   AND p.position < s.position AND p.done_on IS NULL), "
                                                      "(SELECT count(*) FROM item_stages n WHERE n.order_item_id = s.order_item_id "
                                                      "   AND n.position > s.position AND n.done_on IS NOT NULL), "
                                                      "(SELECT count(*) FROM item_stages n WHERE n.order_item_id = s.order_item_id "
                                                      "   AND n.position > s.position) "
                                                      "FROM item_stages s JOIN order_items i ON i.id = s.order_item_id "
                                                      "JOIN orders o ON o.id = i.order_id LEFT JOIN workers w ON w.id = s.worker_id "
                                                      "WHERE s.id = ?1",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_NOT_FOUND, _("This stage no longer exists."));
      else
        canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the stage"));
      return FALSE;
    }
  c->stage = stage_from_row (stmt);
  canting_order_status_from_string ((const char *) sqlite3_column_text (stmt, 12), &c->order_status);
  c->order_number = canting_sql_dup_text (stmt, 13);
  c->order_id = sqlite3_column_int64 (stmt, 14);
  c->product_id = sqlite3_column_int64 (stmt, 15);
  c->previous_done = sqlite3_column_int (stmt, 16) == 0;
  c->next_done = sqlite3_column_int (stmt, 17) > 0;
  c->is_last = sqlite3_column_int (stmt, 18) == 0;
  return TRUE;
}

static char *
stage_title (const CantingStage *s)
{
  return s->colour > 0 ? g_strdup_printf ("%s %u", s->name, s->colour) : g_strdup (s->name);
}

typedef struct {
  gint64 stage_id;
  gint64 worker_id;
  const char *done_on;
} CompleteJob;

static gboolean
complete_in_transaction (CantingDb  *db,
                         gpointer    user_data,
                         GError    **error)
{
  CompleteJob *job = user_data;
  g_auto(StageContext) c = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *title = NULL;
  CantingMoney rate = 0;
  gint64 wage;
  GError *local = NULL;

  if (!load_stage_context (db, job->stage_id, &c, error))
    return FALSE;
  title = stage_title (c.stage);
  if (c.order_status != CANTING_ORDER_IN_PRODUCTION)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("Order %s is not in production, so its stages cannot be marked done."), c.order_number);
      return FALSE;
    }
  if (c.stage->done_on != NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT, _("“%s” is already done."), title);
      return FALSE;
    }
  {
    g_autoptr(sqlite3_stmt) check = canting_sql_prepare (db,
                                                         "SELECT (SELECT active FROM workers WHERE id = ?1), "
                                                         "(SELECT order_date FROM orders WHERE id = ?2)",
                                                         error);
    if (check == NULL)
      return FALSE;
    sqlite3_bind_int64 (check, 1, job->worker_id);
    sqlite3_bind_int64 (check, 2, c.order_id);
    if (sqlite3_step (check) != SQLITE_ROW || sqlite3_column_type (check, 0) == SQLITE_NULL ||
        sqlite3_column_int (check, 0) == 0)
      {
        g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_NAME,
                     _("Choose a worker who still works here."));
        return FALSE;
      }
    if (g_strcmp0 (job->done_on, (const char *) sqlite3_column_text (check, 1)) < 0)
      {
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                     _("A stage cannot be done before the order was placed."));
        return FALSE;
      }
  }
  if (!c.previous_done)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("“%s” comes after stages that are not done yet for “%s”."), title, c.stage->item_description);
      return FALSE;
    }
  if (!canting_worker_get_rate (db, job->worker_id, c.stage->technique, c.stage->name, &rate, &local))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_RATE,
                     _("This worker has no piece rate for %s (%s) yet. Set it under Workers first."),
                     c.stage->name, canting_technique_label (c.stage->technique));
      return FALSE;
    }
  /* Within limits: pieces ≤ 100000 and rate ≤ Rp 10 million. */
  wage = rate * c.stage->pieces;

  stmt = canting_sql_prepare (db,
                              "UPDATE item_stages SET done_on = ?1, worker_id = ?2, pieces = ?3, wage = ?4 WHERE id = ?5",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, job->done_on, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, job->worker_id);
  sqlite3_bind_int64 (stmt, 3, c.stage->pieces);
  sqlite3_bind_int64 (stmt, 4, wage);
  sqlite3_bind_int64 (stmt, 5, job->stage_id);
  if (!canting_sql_run (db, stmt, _("saving the stage"), error))
    return FALSE;

  /* The last stage makes finished pieces: into stock they go, and
   * delivering the order takes them out again. */
  if (c.is_last && c.product_id != 0 &&
      !canting_product_move_stock_in_txn (db, c.product_id, c.stage->pieces, "production", c.order_id, error))
    return FALSE;
  return TRUE;
}

gboolean
canting_stage_complete (CantingDb   *db,
                        gint64       stage_id,
                        gint64       worker_id,
                        const char  *done_on,
                        GError     **error)
{
  CompleteJob job = { stage_id, worker_id, done_on };

  if (!canting_date_is_valid (done_on))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The date “%s” is not a date."),
                   done_on != NULL ? done_on : "");
      return FALSE;
    }
  if (worker_id <= 0)
    {
      g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_NAME, _("Choose who did it."));
      return FALSE;
    }
  return canting_db_transaction (db, complete_in_transaction, &job, error);
}

static gboolean
worker_totals (CantingDb     *db,
               gint64         worker_id,
               CantingMoney  *out_earned,
               CantingMoney  *out_paid,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT earned, paid FROM workers WHERE id = ?1",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, worker_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the wages"));
      return FALSE;
    }
  /* No such worker: nothing earned, nothing paid. */
  *out_earned = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *out_paid = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0;
  return TRUE;
}

static gboolean
reopen_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  gint64 stage_id = *(gint64 *) user_data;
  g_auto(StageContext) c = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *title = NULL;
  CantingMoney earned = 0, paid = 0;

  if (!load_stage_context (db, stage_id, &c, error))
    return FALSE;
  title = stage_title (c.stage);
  if (c.order_status != CANTING_ORDER_IN_PRODUCTION)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("Order %s is not in production, so its stages cannot be changed."), c.order_number);
      return FALSE;
    }
  if (c.stage->done_on == NULL)
    return TRUE;
  if (c.next_done)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("Later stages of “%s” are done; undo those first."), c.stage->item_description);
      return FALSE;
    }
  if (!worker_totals (db, c.stage->worker_id, &earned, &paid, error))
    return FALSE;
  /* Payments settle the oldest work first: a stage is paid once the
   * worker's payments reach the wages of everything they finished up to
   * and including it.  A paid stage stays done (and stays theirs). */
  {
    g_autoptr(sqlite3_stmt) upto = canting_sql_prepare (db,
                                                        "SELECT coalesce(sum(wage), 0) FROM item_stages WHERE worker_id = ?1 "
                                                        "AND (done_on < ?2 OR (done_on = ?2 AND id <= ?3))",
                                                        error);
    gint64 cumulative = 0;

    if (upto == NULL)
      return FALSE;
    sqlite3_bind_int64 (upto, 1, c.stage->worker_id);
    sqlite3_bind_text (upto, 2, c.stage->done_on, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (upto, 3, c.stage->id);
    if (!canting_sql_get_int64 (db, upto, &cumulative, _("reading the wages"), error))
      return FALSE;
    if (c.stage->wage > 0 && paid >= cumulative)
      paid = earned + 1;  /* covered: refused below */
  }
  if (paid > earned - c.stage->wage)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_CONFLICT,
                   _("%s has already been paid the wage for “%s”; it cannot be undone."),
                   c.stage->worker_name, title);
      return FALSE;
    }
  stmt = canting_sql_prepare (db,
                              "UPDATE item_stages SET done_on = NULL, worker_id = NULL, pieces = NULL, wage = NULL "
                              "WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (!canting_sql_run (db, stmt, _("saving the stage"), error))
    return FALSE;
  if (c.is_last && c.product_id != 0 &&
      !canting_product_move_stock_in_txn (db, c.product_id, -c.stage->pieces, "production", c.order_id, error))
    return FALSE;
  return TRUE;
}

gboolean
canting_stage_reopen (CantingDb   *db,
                      gint64       stage_id,
                      GError     **error)
{
  return canting_db_transaction (db, reopen_in_transaction, &stage_id, error);
}

void
canting_wages_free (CantingWages *wages)
{
  if (wages == NULL)
    return;
  g_free (wages->name);
  g_free (wages);
}

GPtrArray *
canting_wages_summary (CantingDb  *db,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT id, name, "
                                                      "earned, paid "
                                                      "FROM workers w WHERE active = 1 OR earned <> paid "
                                                      "ORDER BY name COLLATE NOCASE, id",
                                                      error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_wages_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingWages *w = g_new0 (CantingWages, 1);
      w->worker_id = sqlite3_column_int64 (stmt, 0);
      w->name = canting_sql_dup_text (stmt, 1);
      w->earned = sqlite3_column_int64 (stmt, 2);
      w->paid = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (list, w);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the wages"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

typedef struct {
  gint64 worker_id;
  CantingMoney amount;
  const char *paid_on;
} PayJob;

static gboolean
pay_in_transaction (CantingDb  *db,
                    gpointer    user_data,
                    GError    **error)
{
  PayJob *job = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CantingMoney earned = 0, paid = 0;

  if (!worker_totals (db, job->worker_id, &earned, &paid, error))
    return FALSE;
  if (job->amount > earned - paid)
    {
      g_autofree char *amount = canting_money_format (job->amount);
      g_autofree char *owed = canting_money_format (earned - paid);
      g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_PAYMENT,
                   _("%s is more than the wages owed (%s)."), amount, owed);
      return FALSE;
    }
  stmt = canting_sql_prepare (db, "INSERT INTO wage_payments (worker_id, amount, paid_on) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->worker_id);
  sqlite3_bind_int64 (stmt, 2, job->amount);
  sqlite3_bind_text (stmt, 3, job->paid_on, -1, SQLITE_STATIC);
  return canting_sql_run (db, stmt, _("saving the wage payment"), error);
}

gboolean
canting_wages_pay (CantingDb    *db,
                   gint64        worker_id,
                   CantingMoney  amount,
                   const char   *paid_on,
                   GError      **error)
{
  PayJob job = { worker_id, amount, paid_on };

  if (amount <= 0)
    {
      g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_PAYMENT, _("Type the amount paid."));
      return FALSE;
    }
  if (!canting_date_is_valid (paid_on))
    {
      g_set_error (error, CANTING_WORKER_ERROR, CANTING_WORKER_FIELD_PAYMENT, _("The date “%s” is not a date."),
                   paid_on != NULL ? paid_on : "");
      return FALSE;
    }
  return canting_db_transaction (db, pay_in_transaction, &job, error);
}

void
canting_board_row_free (CantingBoardRow *row)
{
  if (row == NULL)
    return;
  g_free (row->order_number);
  g_free (row->customer_name);
  g_free (row->due_date);
  g_free (row->item_description);
  g_free (row->next_stage);
  g_free (row);
}

GPtrArray *
canting_production_board (CantingDb  *db,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT o.id, o.number, c.name, o.due_date, i.description, i.quantity, "
                                                      "(SELECT n.name || CASE WHEN n.colour IS NULL THEN '' ELSE ' ' || n.colour END "
                                                      "   FROM item_stages n WHERE n.order_item_id = i.id AND n.done_on IS NULL "
                                                      "   ORDER BY n.position LIMIT 1), "
                                                      "(SELECT count(*) FROM item_stages d WHERE d.order_item_id = i.id AND d.done_on IS NOT NULL), "
                                                      "(SELECT count(*) FROM item_stages t WHERE t.order_item_id = i.id) "
                                                      "FROM orders o JOIN customers c ON c.id = o.customer_id "
                                                      "JOIN order_items i ON i.order_id = o.id "
                                                      "WHERE o.status = 'in_production' "
                                                      "AND EXISTS (SELECT 1 FROM item_stages x WHERE x.order_item_id = i.id AND x.done_on IS NULL) "
                                                      "ORDER BY o.due_date IS NULL, o.due_date, o.id, i.position",
                                                      error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_board_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CantingBoardRow *row = g_new0 (CantingBoardRow, 1);
      row->order_id = sqlite3_column_int64 (stmt, 0);
      row->order_number = canting_sql_dup_text (stmt, 1);
      row->customer_name = canting_sql_dup_text (stmt, 2);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        row->due_date = canting_sql_dup_text (stmt, 3);
      row->item_description = canting_sql_dup_text (stmt, 4);
      row->pieces = sqlite3_column_int64 (stmt, 5);
      row->next_stage = canting_sql_dup_text (stmt, 6);
      row->done = (guint) sqlite3_column_int (stmt, 7);
      row->total = (guint) sqlite3_column_int (stmt, 8);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("reading the production board"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
