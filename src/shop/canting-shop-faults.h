/* canting-shop-faults.h: the faults the practice shop injects for tests.
 *
 * A spec is a comma-separated list; see canting-shop-faults.c for the
 * syntax.  Faults count requests to /wp-json/ only, so the page at / and
 * the images a browser loads never shift a test's schedule. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CantingShopFaults CantingShopFaults;

typedef struct {
  gboolean drop;          /* close the connection without a reply, nothing done */
  gboolean drop_after;    /* do the work, then close without a reply */
  gboolean server_error;  /* 500, nothing done */
  gboolean too_many;      /* 429 with Retry-After, nothing done */
  guint    retry_after;   /* seconds, for too_many */
  gboolean malformed;     /* do the work, then send the JSON cut short */
  gboolean batch_fail;    /* a batch fails every second item of each list */
} CantingShopFaultHits;

/* NULL with CANTING_ERROR_INVALID naming the bad item. */
CantingShopFaults *canting_shop_faults_parse      (const char         *spec,
                                                   GError            **error);
void               canting_shop_faults_free       (CantingShopFaults  *faults);
guint              canting_shop_faults_latency_ms (CantingShopFaults  *faults);
/* Counts one more API request (and one more batch if @is_batch) and says
 * which faults hit it. */
void               canting_shop_faults_next       (CantingShopFaults    *faults,
                                                   gboolean              is_batch,
                                                   CantingShopFaultHits *hits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingShopFaults, canting_shop_faults_free)

G_END_DECLS
