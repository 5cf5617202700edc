/* canting-test-shop.h: the practice shop on a thread of its own, for
 * tests that talk to it over HTTP from their main thread. */
#pragma once

#include <libsoup/soup.h>

#include "canting-shop.h"

G_BEGIN_DECLS

/* Who the practice shop lets in, in every test. */
#define CANTING_TEST_SHOP_CONSUMER_KEY "ck_0123456789abcdef0123456789abcdef01234567"
#define CANTING_TEST_SHOP_CONSUMER_SECRET "cs_fedcba9876543210fedcba9876543210fedcba98"
#define CANTING_TEST_SHOP_USER "pelatih"
#define CANTING_TEST_SHOP_APP_PASSWORD "abcd EFGH 1234 ijkl MNOP 5678"

typedef struct {
  GThread      *thread;
  GMainContext *context;   /* the shop's thread's */
  GMainLoop    *loop;
  CantingShop  *shop;      /* used on the shop's thread only */
  char         *dir;
  char         *path;      /* its SQLite file, in dir */
  char         *faults;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  char         *home;      /* "http://127.0.0.1:PORT" */
  SoupSession  *session;   /* for the test's own requests */
} CantingTestShop;

/* Starts a shop keeping its data in @dir (left there when it stops),
 * with the injected @faults (NULL: none), listening on a free port of
 * 127.0.0.1, and returns once it listens. */
CantingTestShop *canting_test_shop_start (const char      *dir,
                                          const char      *faults);
/* Stops it, waits for its thread and frees it. */
void             canting_test_shop_stop  (CantingTestShop *s);

G_END_DECLS
