/* fuzz-wc-reply.c: the readers of what a shop's server sends back.
 *
 * Input: one byte choosing the reader and the HTTP status, then the
 * headers and the body separated by a blank line ("\r\n\r\n"), as a
 * server would send them.  The replies are only read
 * (src/publish/canting-woocommerce.c), never sent anywhere. */
#include "fuzz.h"

#include "canting-channel-driver.h"
#include "canting-channel-order.h"
#include "canting-outbox.h"
#include "canting-woocommerce.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const guint statuses[] = { 200, 201, 400, 401, 404, 413, 429, 500, 0 };

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Every warning or critical is a finding: a reply with an object
   * where a number belongs once reached json-glib's typed getters, which
   * log a critical (regressions/wc-reply/object-where-number-*). */
  fuzz_setup_logging (NULL);
  return 0;
}

static CantingOutboxOp *
fake_op (gint64            id,
         CantingOutboxKind kind)
{
  CantingOutboxOp *op = g_new0 (CantingOutboxOp, 1);

  op->id = id;
  op->channel_id = 1;
  op->product_id = id;
  op->kind = kind;
  /* As the listing_payloads view writes it. */
  op->payload = g_strdup_printf ("{\"sku\":\"BTK-%" G_GINT64_FORMAT "\",\"name\":\"Parang\",\"price\":150000,"
                                 "\"description\":\"\",\"motif\":\"parang\",\"technique\":\"cap\",\"stock\":3,"
                                 "\"photos\":[]}", id);
  op->sku = g_strdup_printf ("BTK-%" G_GINT64_FORMAT, id);
  op->remote_id = kind == CANTING_OUTBOX_CREATE ? 0 : 100 + id;
  op->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  op->media_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return op;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) headers = NULL;
  const char *body;
  gssize body_len;
  guint status = 0, which;
  char *split;

  if (size < 1)
    return 0;
  which = data[0];
  text = g_strndup ((const char *) data + 1, size - 1);
  split = strstr (text, "\r\n\r\n");
  if (split != NULL)
    {
      *split = '\0';
      body = split + 4;
      headers = canting_remote_parse_headers (text, &status);
    }
  else
    body = text;
  /* The body may hold NUL bytes: pass its real length where the reader
   * takes one. */
  body_len = (gssize) (size - 1 - (gsize) (body - text));
  if (status == 0)
    status = statuses[(which >> 4) % G_N_ELEMENTS (statuses)];

  switch (which % 5)
    {
    case 0:
      {
        CantingRemoteReply reply = { 0 };
        g_autoptr(CantingOutboxOp) op = fake_op (1, (which >> 3) & 1 ? CANTING_OUTBOX_CREATE : CANTING_OUTBOX_UPDATE);
        CantingOutboxOutcome outcome = { 0 };

        canting_wc_parse_reply (status, headers, body, body_len, &reply);
        /* What the outbox would record: never a raw reply as message. */
        canting_wc_outcome (op, &reply, 0.5, NULL, &outcome);
        FUZZ_CHECK (reply.problem == CANTING_REMOTE_OK || reply.message != NULL);
        canting_outbox_outcome_clear (&outcome);
        canting_remote_reply_clear (&reply);
        break;
      }
    case 1:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *permalink = NULL;
        gint64 id = -1;

        if (!canting_wc_parse_lookup (body, body_len, "BTK-1", &id, &permalink, &error))
          FUZZ_CHECK (error != NULL);
        else
          FUZZ_CHECK (id >= 0);
        break;
      }
    case 2:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) orders = NULL;
        guint unreadable = 0;

        orders = canting_wc_parse_orders (body, body_len, &unreadable, &error);
        FUZZ_CHECK ((orders == NULL) == (error != NULL));
        break;
      }
    case 3:
      {
        g_autoptr(GPtrArray) ops = g_ptr_array_new_with_free_func ((GDestroyNotify) canting_outbox_op_free);
        g_autoptr(GPtrArray) batches = NULL;
        g_autoptr(GPtrArray) replies = NULL;
        CantingRemoteBatch *batch;
        guint n_ops;

        g_ptr_array_add (ops, fake_op (1, CANTING_OUTBOX_CREATE));
        g_ptr_array_add (ops, fake_op (2, CANTING_OUTBOX_UPDATE));
        g_ptr_array_add (ops, fake_op (3, CANTING_OUTBOX_CREATE));
        batches = canting_wc_batches (ops, CANTING_WC_BATCH_MAX, NULL);
        FUZZ_CHECK (batches != NULL && batches->len == 1);
        batch = batches->pdata[0];
        n_ops = batch->creates->len + batch->updates->len;
        replies = canting_wc_parse_batch (batch, status, headers, body, body_len);
        /* One reply per operation, whatever came back. */
        FUZZ_CHECK (replies != NULL && replies->len == n_ops);
        break;
      }
    default:
      {
        gint64 total = 0, pages = 0;
        g_autofree char *next = NULL;

        if (headers != NULL)
          canting_wc_parse_pagination (headers, &total, &pages, &next);
        break;
      }
    }
  return 0;
}
