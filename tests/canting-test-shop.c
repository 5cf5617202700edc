/* canting-test-shop.c: the practice shop on a thread of its own. */
#include "canting-test-shop.h"

#include "canting-shop-store.h"

static gpointer
shop_thread (gpointer data)
{
  CantingTestShop *s = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingShopStore) store = NULL;

  g_main_context_push_thread_default (s->context);
  store = canting_shop_store_open (s->path, &error);
  g_assert_no_error (error);
  s->shop = canting_shop_new (store, CANTING_TEST_SHOP_CONSUMER_KEY, CANTING_TEST_SHOP_CONSUMER_SECRET,
                              CANTING_TEST_SHOP_USER, CANTING_TEST_SHOP_APP_PASSWORD);
  g_assert_true (canting_shop_set_faults (s->shop, s->faults, &error));
  g_assert_true (canting_shop_listen (s->shop, "127.0.0.1", 0, &error));
  g_assert_no_error (error);

  g_mutex_lock (&s->lock);
  s->home = g_strdup (canting_shop_get_home_url (s->shop));
  s->ready = TRUE;
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);

  g_main_loop_run (s->loop);
  canting_shop_disconnect (s->shop);
  g_clear_object (&s->shop);
  g_clear_object (&store);
  /* Let the server's last sources finish on this context. */
  while (g_main_context_iteration (s->context, FALSE))
    ;
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

CantingTestShop *
canting_test_shop_start (const char *dir,
                         const char *faults)
{
  CantingTestShop *s = g_new0 (CantingTestShop, 1);

  s->dir = g_strdup (dir);
  s->path = g_build_filename (dir, "shop.db", NULL);
  s->faults = g_strdup (faults);
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->thread = g_thread_new ("shop", shop_thread, s);
  g_mutex_lock (&s->lock);
  while (!s->ready)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
  s->session = soup_session_new_with_options ("timeout", 10, NULL);
  return s;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
canting_test_shop_stop (CantingTestShop *s)
{
  g_clear_object (&s->session);
  g_main_context_invoke (s->context, quit_loop, s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s->dir);
  g_free (s->path);
  g_free (s->faults);
  g_free (s->home);
  g_free (s);
}
