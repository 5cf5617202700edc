/* test-ui.c: the real window under Xvfb, driven the way a person would.
 *
 * Each test starts a fresh CantingApplication on the same data dir, as a
 * person restarting the app would, so what one run saved the next must
 * see.  Tests run in order: first run, restart, damaged database. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "canting-application.h"
#include "canting-backup.h"
#include "canting-db-private.h"
#include "canting-paths.h"
#include "canting-preferences-window.h"
#include "canting-test-util.h"
#include "canting-customer-dialog.h"
#include "canting-customers-page.h"
#include "canting-product-dialog.h"
#include "canting-products-page.h"
#include "canting-products-page-actions.h"
#include "canting-order-dialog.h"
#include "canting-order.h"
#include "canting-orders-page.h"
#include "canting-product.h"
#include "canting-production.h"
#include "canting-paged-model.h"
#include "canting-list.h"
#include "canting-columns.h"
#include "canting-production-page.h"
#include "canting-worker-dialog.h"
#include "canting-workers-page.h"
#include "canting-window.h"
#include "canting-wrap-box.h"
#include "canting-guide.h"
#include "canting-accounts-dialog.h"
#include "canting-entry-dialog.h"
#include "canting-ledger.h"
#include "canting-money-page.h"
#include "canting-outcome-dialog.h"
#include "canting-receivables-dialog.h"
#include "canting-reports-window.h"
#include "canting-tax.h"
#include "canting-tax-rule-dialog.h"
#include "canting-channel.h"
#include "canting-channel-order.h"
#include "canting-listing.h"
#include "canting-demo.h"
#include "canting-customer.h"
#include "canting-channel-dialog.h"
#include "canting-secret.h"
#include "canting-shop.h"
#include "canting-shop-store.h"
#include "canting-material.h"
#include "canting-ipal-log-dialog.h"
#include "canting-ipal-page.h"
#include "canting-ipal-plant-dialog.h"
#include "canting-ipal-standard.h"
#include "canting-ipal-standards-dialog.h"
#include "canting-ipal-trend-dialog.h"
#include "canting-sludge-dialog.h"
#include "canting-recipe.h"
#include "canting-recipe-editor.h"
#include "canting-form.h"
#include "canting-material-dialog.h"
#include "canting-materials-page.h"
#include "canting-movement-dialog.h"
#include "canting-stock-plan-dialog.h"

#define WORKSHOP_NAME "Batik Tulis Kembang Turi"

static char *data_dir;
/* Desktop notifications sent, "summary\nbody" each (serve_notifications). */
static GPtrArray *notifications;

typedef void (*Step) (CantingApplication *app);

/* Says where it timed out, so a failure names the wait. */
#define wait_until(done, data) wait_until_at (done, data, 10, __LINE__)
/* For the practice workshops' template, built from example records:
 * 3 s here, 28 s under the sanitizers on two slow cores. */
#define wait_for_template(done, data) wait_until_at (done, data, 60, __LINE__)

static guint time_factor (void);

/* At most @seconds (10 for most), stretched as every pause is under the
 * sanitizers: work a worker does (the catalogue's check of 105 products
 * and their photos) can take that long there on a busy machine. */
static void
wait_until_at (gboolean (*done) (gpointer), gpointer data, int seconds, int line)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) time_factor () * seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the UI (test-ui.c:%d)", line);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
widget_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

/* The paged model behind @view's selection. */
static CantingPagedModel *
paged_model_of (GtkColumnView *view)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (view);

  return CANTING_PAGED_MODEL (GTK_IS_MULTI_SELECTION (selection)
                                ? gtk_multi_selection_get_model (GTK_MULTI_SELECTION (selection))
                                : gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
}

/* The model has read and added all it counted. */
static gboolean
model_settled (gpointer model)
{
  return !canting_paged_model_is_reading (model) &&
         g_list_model_get_n_items (model) == canting_paged_model_get_n_total (model);
}

/* How many rows @view lists, once the model has added all it counted
 * (it adds them a screenful per frame at first). */
static guint
list_rows (GtkColumnView *view)
{
  wait_until (model_settled, paged_model_of (view));
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

typedef struct {
  GtkColumnView *view;
  guint n;
} RowsWatch;

static gboolean
rows_are (gpointer data)
{
  RowsWatch *w = data;
  CantingPagedModel *model = paged_model_of (w->view);

  return model_settled (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) == w->n;
}

/* Waits for @view to list @n rows: after a search typed, the list is read
 * again only once the entry's pause is over, which a busy machine can
 * hold back past any fixed wait. */
#define wait_for_rows(view_, n_) G_STMT_START { \
    RowsWatch watch_ = { (view_), (n_) }; \
    wait_until (rows_are, &watch_); \
  } G_STMT_END

static guint
time_factor (void)
{
  /* Everything runs slower under the sanitizers: dev.sh test --sanitize
   * sets CANTING_TEST_TIME_FACTOR to stretch every pause. */
  static guint factor;

  if (factor == 0)
    factor = (guint) CLAMP (g_ascii_strtoull (g_getenv ("CANTING_TEST_TIME_FACTOR") ?: "1", NULL, 10), 1, 20);
  return factor;
}

/* A pause for the app's timers (a typing pause, an idle). */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * time_factor () * 1000;
  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gpointer
find_window (CantingApplication *app,
             GType               type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

static gboolean form_fields_mapped (gpointer form);

/* A record form: the pages present it once the main loop is idle
 * (canting_form_present()), so it is waited for until it shows, and
 * until its fields show, a frame after its header. */
static gpointer
find_form (CantingApplication *app,
           GType               type)
{
  gpointer form = find_window (app, type);

  if (form != NULL)
    wait_until (form_fields_mapped, form);
  return form;
}

static GtkWindow *
window_titled (CantingApplication *app,
               const char         *title)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (g_strcmp0 (gtk_window_get_title (l->data), title) == 0)
      return l->data;
  return NULL;
}

static gboolean
restore_over (gpointer app)
{
  return window_titled (app, "Memulihkan Cadangan") == NULL;
}

/* Depth-first search for a widget of @type; with @title, the one whose
 * title (status page, preferences row) is @title. */
static gpointer
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *t = NULL;
      if (ADW_IS_STATUS_PAGE (root))
        t = adw_status_page_get_title (ADW_STATUS_PAGE (root));
      else if (ADW_IS_PREFERENCES_ROW (root))
        t = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        t = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_MENU_BUTTON (root))
        t = gtk_menu_button_get_label (GTK_MENU_BUTTON (root));
      if (title == NULL || g_strcmp0 (t, title) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_widget (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A form opened with canting_form_present() shows its fields a frame
 * after its header (canting-form.c, hold_page()). */
static gboolean
form_fields_mapped (gpointer form)
{
  GtkWidget *page = find_widget (form, ADW_TYPE_PREFERENCES_PAGE, NULL);

  return gtk_widget_get_mapped (form) && (page == NULL || gtk_widget_get_mapped (page));
}

static gpointer
find_visible_status_page (GtkWidget *root)
{
  if (ADW_IS_STATUS_PAGE (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_visible_status_page (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text a label or a list cell (an inscription) shows, or NULL. */
static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return NULL;
}

/* A label or list cell under @root showing @part: one on screen, or with
 * @any_label one of those not mapped too. */
static GtkWidget *
find_label_full (GtkWidget  *root,
                 const char *part,
                 gboolean    any_label)
{
  const char *text = widget_text (root);

  if (text != NULL && (any_label || gtk_widget_get_mapped (root)) && strstr (text, part) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_full (child, part, any_label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_shown_label (GtkWidget  *root,
                  const char *part)
{
  return find_label_full (root, part, FALSE);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *part)
{
  return find_label_full (root, part, TRUE);
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} LabelWatch;

static gboolean
label_shown (gpointer data)
{
  LabelWatch *w = data;

  return find_shown_label (w->root, w->text) != NULL;
}

/* Waits until a label under @root shows @text: what is read on a worker
 * (lists, reports) is there a moment after it is asked for. */
#define wait_for_label(root, text) \
  G_STMT_START { \
    LabelWatch watch_ = { (root), (text) }; \
    wait_until (label_shown, &watch_); \
  } G_STMT_END

static gboolean
button_sensitive (gpointer button)
{
  return gtk_widget_get_sensitive (button);
}

/* Depth-first search for the first widget @is says yes to. */
static GtkWidget *
find_first (GtkWidget   *root,
            gboolean   (*is) (GtkWidget *widget, const char *what),
            const char  *what)
{
  if (is (root, what))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, is, what);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_tooltip (GtkWidget  *widget,
             const char *tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  return find_first (root, has_tooltip, tooltip);
}

static CantingWindow *
wait_for_main_window (CantingApplication *app)
{
  CantingWindow *window = find_window (app, CANTING_TYPE_WINDOW);

  g_assert_nonnull (window);
  wait_until (widget_mapped, window);
  return window;
}

static CantingPreferencesWindow *
open_preferences (CantingApplication *app)
{
  CantingPreferencesWindow *prefs;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = find_window (app, CANTING_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  wait_until (widget_mapped, prefs);
  return prefs;
}

static AdwEntryRow *
entry_row (GtkWidget  *root,
           const char *title)
{
  AdwEntryRow *row = find_widget (root, ADW_TYPE_ENTRY_ROW, title);

  if (row == NULL)
    g_error ("no entry row titled “%s”", title);
  return row;
}

/* The focus is on @widget or inside it (an entry row's text, say). */
static void
assert_focus_in (gpointer   window,
                 gpointer   widget)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

  g_assert_nonnull (focus);
  if (focus != widget && !gtk_widget_is_ancestor (focus, widget))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, ADW_TYPE_PREFERENCES_ROW);

      g_error ("the focus is on a %s in “%s”, not in the %s “%s”", G_OBJECT_TYPE_NAME (focus),
               row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "(no row)",
               G_OBJECT_TYPE_NAME (widget),
               ADW_IS_PREFERENCES_ROW (widget) ? adw_preferences_row_get_title (widget) : "");
    }
}

static void
on_activate (GApplication *app,
             Step          step)
{
  /* activate may run before the window is up; let it settle first. */
  CantingApplication *self = CANTING_APPLICATION (app);

  /* Once: a step may activate the app again, as a second launch would. */
  g_signal_handlers_disconnect_by_func (app, on_activate, step);
  g_application_hold (app);
  /* Transitions would leave two pages mapped for a moment. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  spin (50);
  step (self);
  g_application_release (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Runs @app on the test's workshop, with @step once its window is up. */
static void
run_app_with (CantingApplication *app,
              Step                step)
{
  char *argv[] = { "canting", "--data-dir", data_dir, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), step);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
}

static void
run_app (Step step)
{
  g_autoptr(CantingApplication) app = canting_application_new ();

  run_app_with (app, step);
}

/* First run: the window opens with its title and an Indonesian welcome;
 * the workshop name typed in Preferences is saved and shown. */
static void
first_run_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  CantingPreferencesWindow *prefs;
  AdwStatusPage *page;
  AdwEntryRow *phone;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Canting");
  page = find_visible_status_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Selamat datang di Canting");

  prefs = open_preferences (app);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (prefs), "Nama bengkel")), WORKSHOP_NAME);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (prefs), "Kota atau kabupaten")), "Kota Blitar");

  /* A wrong phone number is marked and explained, not saved. */
  phone = entry_row (GTK_WIDGET (prefs), "Telepon atau WhatsApp");
  gtk_editable_set_text (GTK_EDITABLE (phone), "nomor saya");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (phone), "error"));
  /* The explanation is a visible label saying what is wrong. */
  g_assert_nonnull (find_shown_label (GTK_WIDGET (prefs), "bukan nomor telepon"));
  gtk_editable_set_text (GTK_EDITABLE (phone), "0812-3456-7890");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (phone), "error"));

  /* Stage lists are edited in Preferences: add one to batik cap. */
  {
    GtkWidget *add = find_by_tooltip (GTK_WIDGET (prefs), "Tambah tahap ke Batik cap");
    g_autoptr(GPtrArray) cap = NULL;

    g_assert_nonnull (add);
    g_signal_emit_by_name (add, "clicked");
    cap = canting_stage_templates (canting_application_get_db (app), CANTING_TECHNIQUE_CAP, NULL);
    g_assert_cmpuint (cap->len, ==, 5);
    g_assert_cmpstr (((CantingStageTemplate *) cap->pdata[4])->name, ==, "Tahap baru");
  }

  gtk_window_close (GTK_WINDOW (prefs));
  spin (50);

  /* The home page now shows the workshop, and its dashboard. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, WORKSHOP_NAME " — Canting");
  g_assert_null (find_visible_status_page (GTK_WIDGET (window)));
  g_assert_nonnull (find_shown_label (GTK_WIDGET (window), WORKSHOP_NAME));
  {
    /* The figures are read on a worker thread and arrive card by card. */
    LabelWatch income = { GTK_WIDGET (window), "Pemasukan: Rp 0" };
    wait_until (label_shown, &income);
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 700);
}

/* --- the paged model ------------------------------------------------------ */

/* A list of @count rows "N rows, row I" behind a paged model, counting
 * its reads and where they ran. */
typedef struct {
  GThread *main_thread;
  gint64 count;        /* what the next snapshot says */
  gint reads;          /* counts and pages read */
  gint on_main;        /* of those, on the main thread */
  gint64 shown;        /* items added less removed, by the signals */
  gboolean consistent;
  guint most_removed;  /* in one change, of the rows GTK makes widgets for */
  gint64 slow;         /* a page read with this count takes half a second */
} FakeList;

static FakeList *fake_list;

static gpointer
fake_snapshot (gpointer data)
{
  return g_memdup2 (&((FakeList *) data)->count, sizeof (gint64));
}

static void
fake_read (CantingDb *db)
{
  g_assert_nonnull (db);
  g_atomic_int_inc (&fake_list->reads);
  if (g_thread_self () == fake_list->main_thread)
    g_atomic_int_inc (&fake_list->on_main);
}

static gint64
fake_count (CantingDb      *db,
            gconstpointer   query,
            GError        **error)
{
  fake_read (db);
  return *(const gint64 *) query;
}

static GPtrArray *
fake_page (CantingDb      *db,
           gconstpointer   query,
           guint           offset,
           guint           limit,
           GError        **error)
{
  GPtrArray *page = g_ptr_array_new_with_free_func (g_free);

  fake_read (db);
  if (*(const gint64 *) query == fake_list->slow && limit <= 32)
    g_usleep (G_USEC_PER_SEC / 2);
  for (guint i = offset; i < offset + limit && i < *(const gint64 *) query; i++)
    g_ptr_array_add (page, g_strdup_printf ("%" G_GINT64_FORMAT " rows, row %u", *(const gint64 *) query, i));
  return page;
}

static void
on_fake_items_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       FakeList   *list)
{
  list->shown += (gint64) added - (gint64) removed;
  if (position < 200)
    list->most_removed = MAX (list->most_removed, removed);
  if (list->shown != g_list_model_get_n_items (model) || position > list->shown)
    list->consistent = FALSE;
}

static char *
fake_cell (gconstpointer record)
{
  return g_strdup (record);
}

/* The same whole; a list of 13 takes a while to read. */
static GPtrArray *
fake_whole (CantingDb      *db,
            gconstpointer   query,
            GError        **error)
{
  if (*(const gint64 *) query == 13)
    g_usleep (G_USEC_PER_SEC / 5);
  return fake_page (db, query, 0, G_MAXUINT, error);
}

typedef struct {
  int applied;
  int superseded;
} Finished;

static void
fake_reloaded (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Finished *finished = data;
  g_autoptr(GError) error = NULL;

  if (canting_paged_model_reload_finish (CANTING_PAGED_MODEL (source), result, &error))
    finished->applied++;
  else
    {
      g_assert_no_error (error);
      finished->superseded++;
    }
}

static gboolean
one_finished (gpointer data)
{
  return ((Finished *) data)->applied + ((Finished *) data)->superseded == 1;
}

static gboolean
two_finished (gpointer data)
{
  return ((Finished *) data)->applied + ((Finished *) data)->superseded == 2;
}

/* Reloads @model and waits until the new count and first rows are in. */
static void
fake_reload (CantingPagedModel *model,
             CantingDb         *db)
{
  Finished finished = { 0, 0 };

  canting_paged_model_reload_async (model, db, fake_reloaded, &finished);
  wait_until (one_finished, &finished);
  g_assert_cmpint (finished.applied, ==, 1);
}

/* The product form with its recipe, the last group, in place and shown. */
static gboolean
product_form_shown (gpointer dialog)
{
  GtkWidget *recipe = find_widget (dialog, CANTING_TYPE_RECIPE_EDITOR, NULL);

  return recipe != NULL && gtk_widget_get_mapped (recipe);
}

static void
count_paint (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

static void
count_paints_of (GtkWidget *window,
                 guint     *frames)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (count_paint), frames);
}

/* Notes on the widget how many frames had been painted when it was
 * mapped (plus one: 0 is never). */
static void
note_frame (GtkWidget *widget,
            guint     *frames)
{
  g_object_set_data (G_OBJECT (widget), "mapped-after", GUINT_TO_POINTER (*frames + 1));
}

static guint
frames_before_map (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "mapped-after"));
}

/* canting_form_show_rest_later(): what is below the first screen is
 * left out of the first frame, then put back one a frame, in its place;
 * one the form hides or shows meanwhile stays as the form set it. */
static void
test_rest_later (void)
{
  GtkWidget *window, *box, *top, *below, *last, *hidden_by_form, *shown_by_form;
  guint frames = 0;

  gtk_init ();
  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  top = gtk_label_new ("top");
  below = gtk_label_new ("below");
  hidden_by_form = gtk_label_new ("hidden by the form");
  shown_by_form = gtk_label_new ("shown by the form");
  last = gtk_label_new ("last");
  gtk_widget_set_visible (shown_by_form, FALSE);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), below);
  gtk_box_append (GTK_BOX (box), hidden_by_form);
  gtk_box_append (GTK_BOX (box), shown_by_form);
  gtk_box_append (GTK_BOX (box), last);
  gtk_window_set_child (GTK_WINDOW (window), box);
  canting_form_show_rest_later (GTK_WINDOW (window), below);
  g_assert_true (gtk_widget_get_first_child (box) == top);
  g_assert_null (gtk_widget_get_next_sibling (top));
  g_signal_connect (window, "realize", G_CALLBACK (count_paints_of), &frames);
  g_signal_connect (top, "map", G_CALLBACK (note_frame), &frames);
  g_signal_connect (below, "map", G_CALLBACK (note_frame), &frames);
  g_signal_connect (last, "map", G_CALLBACK (note_frame), &frames);
  gtk_window_present (GTK_WINDOW (window));
  /* The form hides one and shows another before their turn comes. */
  gtk_widget_set_visible (hidden_by_form, FALSE);
  gtk_widget_set_visible (shown_by_form, TRUE);
  wait_until (widget_mapped, last);
  g_assert_true (gtk_widget_get_mapped (below));
  g_assert_true (gtk_widget_get_mapped (shown_by_form));
  g_assert_false (gtk_widget_get_visible (hidden_by_form));
  /* Back in their places. */
  g_assert_true (gtk_widget_get_next_sibling (top) == below);
  g_assert_true (gtk_widget_get_next_sibling (below) == hidden_by_form);
  g_assert_true (gtk_widget_get_next_sibling (hidden_by_form) == shown_by_form);
  g_assert_true (gtk_widget_get_next_sibling (shown_by_form) == last);
  /* The first frame without them, then one a frame: "below" after the
   * first frame, "shown by the form" after the next, "last" after that. */
  g_assert_cmpuint (frames_before_map (top), ==, 1);
  g_assert_cmpuint (frames_before_map (below), >=, 2);
  g_assert_cmpuint (frames_before_map (last), >=, frames_before_map (below) + 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* CantingWrapBox: as narrow as its widest button, as wide as all on
 * one line; in less, the buttons go on to further lines, each line
 * packed to the end (to the left right to left), in their order. */
static GtkWidget *
sized_button (int width)
{
  GtkWidget *button = gtk_button_new ();

  /* Only the size asked for: no label or padding to change it. */
  gtk_widget_set_size_request (button, width, 30);
  gtk_widget_add_css_class (button, "canting-test-bare");
  return button;
}

static void
test_wrap_box (void)
{
  g_autoptr(GtkCssProvider) bare = gtk_css_provider_new ();
  GtkWidget *box, *a, *b, *c;
  graphene_rect_t r;
  int min, nat;

  gtk_init ();
  gtk_css_provider_load_from_data (bare, ".canting-test-bare { padding: 0; margin: 0; border: none; min-width: 0; "
                                         "min-height: 0; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (bare),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  box = g_object_ref_sink (canting_wrap_box_new ());
  g_object_set (box, "spacing", 6, "line-spacing", 4, NULL);
  canting_wrap_box_append (CANTING_WRAP_BOX (box), a = sized_button (100));
  canting_wrap_box_append (CANTING_WRAP_BOX (box), b = sized_button (100));
  canting_wrap_box_append (CANTING_WRAP_BOX (box), c = sized_button (80));

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 100);
  g_assert_cmpint (nat, ==, 100 + 6 + 100 + 6 + 80);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 292, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 30);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 291, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 30 + 4 + 30);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 100, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 3 * 30 + 2 * 4);

  /* 250 wide: two on the first line, the third below, at the end. */
  gtk_widget_size_allocate (box, &(GtkAllocation) { 0, 0, 250, 64 }, -1);
  g_assert_true (gtk_widget_compute_bounds (a, box, &r));
  g_assert_cmpfloat (r.origin.x, ==, 250 - 206);
  g_assert_cmpfloat (r.origin.y, ==, 0);
  g_assert_true (gtk_widget_compute_bounds (b, box, &r));
  g_assert_cmpfloat (r.origin.x, ==, 250 - 100);
  g_assert_true (gtk_widget_compute_bounds (c, box, &r));
  g_assert_cmpfloat (r.origin.x, ==, 250 - 80);
  g_assert_cmpfloat (r.origin.y, ==, 34);
  g_assert_cmpfloat (r.size.width, ==, 80);

  /* Right to left: the same lines, mirrored. */
  gtk_widget_set_direction (box, GTK_TEXT_DIR_RTL);
  gtk_widget_size_allocate (box, &(GtkAllocation) { 0, 0, 250, 64 }, -1);
  g_assert_true (gtk_widget_compute_bounds (a, box, &r));
  g_assert_cmpfloat (r.origin.x, ==, 250 - (250 - 206) - 100);
  g_assert_true (gtk_widget_compute_bounds (c, box, &r));
  g_assert_cmpfloat (r.origin.x, ==, 0);

  /* A hidden button takes no room. */
  gtk_widget_set_visible (b, FALSE);
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, 100 + 6 + 80);
  gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, 186, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 30);
  g_object_unref (box);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (bare));
}

/* The count and first rows are read on a worker; a long list is then
 * added a screenful per frame, so GTK 4.8 does not build its two hundred
 * rows of widgets in one frame; rows further down are read on a worker
 * too as they are wanted, an empty row standing in meanwhile; a reload
 * asked for while one is reading supersedes it. */
static void
test_paged_model (void)
{
  g_autofree char *dir = canting_test_mkdtemp ();
  g_autoptr(CantingDb) db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, NULL);
  FakeList list = { g_thread_self (), 100000, 0, 0, 0, TRUE, 0, 0 };
  g_autoptr(CantingPagedModel) model = canting_paged_model_new_query (fake_snapshot, g_free, fake_count, fake_page,
                                                                      g_free, &list);
  const CantingColumnSpec columns[] = { { "Row", fake_cell, NULL, FALSE, TRUE } };
  GtkWidget *window, *scrolled;
  GtkColumnView *view;
  Finished finished = { 0, 0 };
  guint first;

  g_assert_nonnull (db);
  fake_list = &list;
  gtk_init ();
  window = gtk_window_new ();
  scrolled = gtk_scrolled_window_new ();
  view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_fake_items_changed), &list);
  canting_list_attach (view, model);
  canting_columns_append (view, columns, G_N_ELEMENTS (columns));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 500);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (widget_mapped, window);

  fake_reload (model, db);
  first = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (canting_paged_model_get_n_total (model), ==, 100000);
  g_assert_cmpuint (first, >, 0);
  g_assert_cmpuint (first, <, 50);
  g_assert_true (canting_paged_model_is_reading (model));

  wait_until (model_settled, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100000);
  g_assert_true (list.consistent);
  /* The count and the rows GTK keeps, read in two statements, neither on
   * the main thread. */
  g_assert_cmpint (list.reads, ==, 2);
  g_assert_cmpint (list.on_main, ==, 0);
  {
    g_autoptr(CantingRow) stand_in = g_list_model_get_item (G_LIST_MODEL (model), 99999);
    g_autoptr(CantingRow) last = NULL;

    g_assert_null (canting_row_get_record (stand_in));
    g_assert_true (canting_paged_model_is_reading (model));
    wait_until (model_settled, model);
    last = g_list_model_get_item (G_LIST_MODEL (model), 99999);
    g_assert_cmpstr (canting_row_get_record (last), ==, "100000 rows, row 99999");
    g_assert_cmpint (list.reads, ==, 3);
    g_assert_cmpint (list.on_main, ==, 0);
    g_assert_true (list.consistent);
  }

  /* Two reloads at once: the second's rows (70), its first read
   * superseding the other's; the rest read with the same copy.  The
   * rows shown meanwhile go a few a frame, never two hundred at once
   * (GTK 4.8 takes tens of milliseconds to drop that many), however soon
   * the answer is in; its count is known as soon as it is. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100000);
  list.most_removed = 0;
  canting_paged_model_reload_async (model, db, fake_reloaded, &finished);
  list.count = 70;
  canting_paged_model_reload_async (model, db, fake_reloaded, &finished);
  list.count = 9;
  g_assert_true (canting_paged_model_is_reading (model));
  wait_until (two_finished, &finished);
  g_assert_cmpint (finished.applied, ==, 1);
  g_assert_cmpint (finished.superseded, ==, 1);
  g_assert_cmpuint (canting_paged_model_get_n_total (model), ==, 70);
  wait_until (model_settled, model);
  g_assert_cmpuint (list.most_removed, >, 0);
  g_assert_cmpuint (list.most_removed, <=, 32);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 70);
  {
    g_autoptr(CantingRow) row = g_list_model_get_item (G_LIST_MODEL (model), 69);
    g_assert_cmpstr (canting_row_get_record (row), ==, "70 rows, row 69");
  }
  g_assert_true (list.consistent);

  /* A row wanted while a reload reads (the list scrolled far, then a
   * search typed): read with the old filters, it arrives after the new
   * rows are in, and is dropped, not shown among them. */
  list.count = 100000;
  fake_reload (model, db);
  wait_until (model_settled, model);
  for (guint page = 1000; page < 1020; page++)
    {
      /* Wanting the row has it read; it is held, not looked at. */
      g_autoptr(CantingRow) far G_GNUC_UNUSED = g_list_model_get_item (G_LIST_MODEL (model), page * 32);
      wait_until (model_settled, model);
    }
  list.slow = 100000;
  list.count = 70;
  finished.applied = finished.superseded = 0;
  canting_paged_model_reload_async (model, db, fake_reloaded, &finished);
  {
    g_autoptr(CantingRow) stand_in = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(CantingRow) top = NULL;

    g_assert_null (canting_row_get_record (stand_in));
    wait_until (one_finished, &finished);
    wait_until (model_settled, model);
    spin (700);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 70);
    top = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (canting_row_get_record (top), ==, "70 rows, row 0");
  }
  list.slow = 0;
  g_assert_true (list.consistent);

  /* A short list is all there once the old rows have gone; an empty one
   * is empty. */
  list.count = 5;
  fake_reload (model, db);
  wait_until (model_settled, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  list.count = 0;
  fake_reload (model, db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (list.consistent);
  g_assert_cmpint (list.on_main, ==, 0);

  /* A short list read whole, let go of (its page torn down) while two
   * readings are on their way, the older and slower one last back: the
   * readings keep it until they are done, then all goes cleanly (the
   * sanitizer build sees anything used after it is freed). */
  {
    CantingPagedModel *whole = canting_paged_model_new_query_for_list (fake_snapshot, g_free, fake_whole, g_free, &list);
    Finished done = { 0, 0 };

    list.count = 13;
    canting_paged_model_reload_async (whole, db, fake_reloaded, &done);
    list.count = 12;
    canting_paged_model_reload_async (whole, db, fake_reloaded, &done);
    g_object_unref (whole);
    wait_until (two_finished, &done);
    g_assert_cmpint (done.applied, ==, 1);
    g_assert_cmpint (done.superseded, ==, 1);
    spin (20);
  }

  /* The list does not keep the workshop's connection open: when its
   * owner lets go of it, it closes (and notes its clean close, so the
   * next start skips the long check), lists or not; a row wanted after
   * that is a stand-in, read from nothing. */
  list.count = 100000;
  fake_reload (model, db);
  wait_until (model_settled, model);
  {
    CantingDb *alive = db;
    g_autofree char *closed = g_build_filename (dir, "canting.db-closed", NULL);
    g_autoptr(CantingRow) stand_in = NULL;

    g_object_add_weak_pointer (G_OBJECT (db), (gpointer *) &alive);
    g_clear_object (&db);
    g_assert_null (alive);
    g_assert_true (g_file_test (closed, G_FILE_TEST_IS_REGULAR));
    stand_in = g_list_model_get_item (G_LIST_MODEL (model), 99999);
    g_assert_null (canting_row_get_record (stand_in));
    g_assert_false (canting_paged_model_is_reading (model));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&model);
  canting_test_rmdir (dir);
}

static void
test_first_run (void)
{
  run_app (first_run_step);
}

/* Restart: the name, phone and window size survived; a backup made by
 * hand appears in the list. */
static void
restart_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  CantingPreferencesWindow *prefs;
  GtkButton *backup_now;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  int width, height;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, WORKSHOP_NAME " — Canting");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 700);

  prefs = open_preferences (app);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (prefs), "Nama bengkel"))),
                   ==, WORKSHOP_NAME);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (prefs), "Telepon atau WhatsApp"))),
                   ==, "0812-3456-7890");

  before = canting_backup_list (data_dir, NULL);
  backup_now = find_widget (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Cadangkan Sekarang");
  g_assert_nonnull (backup_now);
  g_signal_emit_by_name (backup_now, "clicked");
  /* Copied on a worker: the button says so meanwhile and cannot be
   * pressed twice; then the copy is listed. */
  g_assert_cmpstr (gtk_button_get_label (backup_now), ==, "Mencadangkan…");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (backup_now)));
  wait_until (widget_sensitive, backup_now);
  g_assert_cmpstr (gtk_button_get_label (backup_now), ==, "_Cadangkan Sekarang");
  wait_for_label (GTK_WIDGET (prefs), "Cadangan disimpan");
  after = canting_backup_list (data_dir, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);

  /* A stage name is saved after a typing pause.  Restoring the copy just
   * made rebuilds the stage lists, so the restored names show and a later
   * edit cannot write the pre-restore list back. */
  {
    CantingBackupInfo *newest = after->pdata[0];
    g_autoptr(GDateTime) local = g_date_time_to_local (newest->created);
    g_autofree char *when = g_date_time_format (local, "%-d %B %Y, %H.%M");
    g_autofree char *restore_tip = g_strdup_printf ("Pulihkan cadangan tanggal %s", when);
    GtkWidget *remove = find_by_tooltip (GTK_WIDGET (prefs), "Hapus tahap Tahap baru dari Batik cap");
    GtkWidget *row;
    GtkWidget *restore_button;
    g_autoptr(GPtrArray) cap = NULL;

    g_assert_nonnull (remove);
    row = g_object_get_data (G_OBJECT (remove), "row");
    gtk_editable_set_text (GTK_EDITABLE (row), "Celup kedua");
    /* Renaming renames what the trash button says it removes. */
    g_assert_nonnull (find_by_tooltip (GTK_WIDGET (prefs), "Hapus tahap Celup kedua dari Batik cap"));
    cap = canting_stage_templates (canting_application_get_db (app), CANTING_TECHNIQUE_CAP, NULL);
    g_assert_cmpstr (((CantingStageTemplate *) cap->pdata[4])->name, ==, "Tahap baru");
    g_clear_pointer (&cap, g_ptr_array_unref);
    /* Saved after the pause (at most 10 s here: later under the
     * sanitizers or on a busy machine). */
    for (gint64 deadline = g_get_monotonic_time () + (gint64) time_factor () * 10 * G_USEC_PER_SEC;; spin (50))
      {
        g_clear_pointer (&cap, g_ptr_array_unref);
        cap = canting_stage_templates (canting_application_get_db (app), CANTING_TECHNIQUE_CAP, NULL);
        if (g_str_equal (((CantingStageTemplate *) cap->pdata[4])->name, "Celup kedua") ||
            g_get_monotonic_time () > deadline)
          break;
      }
    g_assert_cmpstr (((CantingStageTemplate *) cap->pdata[4])->name, ==, "Celup kedua");
    g_clear_pointer (&cap, g_ptr_array_unref);

    restore_button = find_by_tooltip (GTK_WIDGET (prefs), restore_tip);
    g_assert_nonnull (restore_button);
    g_signal_emit_by_name (restore_button, "clicked");
    /* Restored on a worker: a page says so, and the main window is held
     * still until the copy is in. */
    g_assert_nonnull (window_titled (app, "Memulihkan Cadangan"));
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window)));
    wait_until (restore_over, app);
    wait_for_label (GTK_WIDGET (prefs), "Catatan dipulihkan dari");
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window)));
    cap = canting_stage_templates (canting_application_get_db (app), CANTING_TECHNIQUE_CAP, NULL);
    g_assert_cmpstr (((CantingStageTemplate *) cap->pdata[4])->name, ==, "Tahap baru");
    g_clear_pointer (&cap, g_ptr_array_unref);

    /* The list shows the restored name; editing another stage keeps it. */
    remove = find_by_tooltip (GTK_WIDGET (prefs), "Hapus tahap Tahap baru dari Batik cap");
    g_assert_nonnull (remove);
    g_assert_null (find_by_tooltip (GTK_WIDGET (prefs), "Hapus tahap Celup kedua dari Batik cap"));
    remove = find_by_tooltip (GTK_WIDGET (prefs), "Hapus tahap Ngecap dari Batik cap");
    g_assert_nonnull (remove);
    gtk_check_button_set_active (g_object_get_data (g_object_get_data (G_OBJECT (remove), "row"), "per-colour"), TRUE);
    cap = canting_stage_templates (canting_application_get_db (app), CANTING_TECHNIQUE_CAP, NULL);
    g_assert_cmpuint (cap->len, ==, 5);
    g_assert_true (((CantingStageTemplate *) cap->pdata[0])->per_colour);
    g_assert_true (((CantingStageTemplate *) cap->pdata[0])->per_colour);
    g_assert_cmpstr (((CantingStageTemplate *) cap->pdata[4])->name, ==, "Tahap baru");
    g_clear_pointer (&cap, g_ptr_array_unref);

    /* A stage moves up its list; the first cannot. */
    g_signal_emit_by_name (find_by_tooltip (GTK_WIDGET (prefs), "Majukan Tahap baru pada Batik cap"), "clicked");
    cap = canting_stage_templates (canting_application_get_db (app), CANTING_TECHNIQUE_CAP, NULL);
    g_assert_cmpstr (((CantingStageTemplate *) cap->pdata[3])->name, ==, "Tahap baru");
    g_assert_cmpstr (((CantingStageTemplate *) cap->pdata[4])->name, ==, "Finishing");
    g_assert_false (gtk_widget_get_sensitive (find_by_tooltip (GTK_WIDGET (prefs), "Majukan Ngecap pada Batik cap")));
  }

  /* A save that fails (disk full, say; here a trigger refuses it) is
   * shown, and retried when Preferences closes: the typed owner is not
   * lost once the database accepts writes again. */
  {
    sqlite3 *handle = canting_db_get_handle (canting_application_get_db (app));
    g_autoptr(CantingProfile) stored = NULL;

    g_assert_cmpint (sqlite3_exec (handle,
                                   "CREATE TEMP TRIGGER refuse_save BEFORE UPDATE ON workshop "
                                   "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (prefs), "Pemilik")), "Bu Siti Rahayu");
    {
      LabelWatch failure = { GTK_WIDGET (prefs), "simulated failure" };
      wait_until (label_shown, &failure);
    }
    g_assert_nonnull (find_shown_label (GTK_WIDGET (prefs), "simulated failure"));
    g_assert_cmpint (sqlite3_exec (handle, "DROP TRIGGER refuse_save", NULL, NULL, NULL), ==, SQLITE_OK);

    gtk_window_close (GTK_WINDOW (prefs));
    stored = canting_profile_load (canting_application_get_db (app), NULL);
    g_assert_cmpstr (canting_profile_get_owner (stored), ==, "Bu Siti Rahayu");
  }
}

static void
test_restart (void)
{
  run_app (restart_step);
}

/* Every section fits a small screen (a training room's 1024-pixel
 * projector, an old netbook's 1024 × 600): none asks for a window wider
 * than 800 pixels; the toolbars go on to a second line instead.  The
 * IPAL page's toolbar asked for 1066, the materials page's for 916. */
static void
narrow_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  const char *pages[] = {
    "home", "orders", "production", "products", "materials", "ipal", "money", "workers", "customers",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int min;

      adw_view_stack_set_visible_child_name (stack, pages[i]);
      spin (50);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > 800)
        g_error ("the %s page asks for a window %d pixels wide", pages[i], min);
    }
}

static void
test_narrow_window (void)
{
  run_app (narrow_step);
}

static void
note_window_title (GtkApplication *app,
                   GtkWindow      *window,
                   GPtrArray      *titles)
{
  g_ptr_array_add (titles, g_strdup (gtk_window_get_title (window)));
}

static gboolean
check_over (gpointer app)
{
  return window_titled (app, "Memeriksa Catatan Bengkel") == NULL;
}

static gboolean
any_window_added (gpointer titles)
{
  return ((GPtrArray *) titles)->len > 0;
}

static gboolean
main_window_up (gpointer app)
{
  return find_window (app, CANTING_TYPE_WINDOW) != NULL;
}

/* After a crash (no note of a clean close) the records are read on a
 * worker while a page says so; then the window opens as usual. */
static void
unclean_step (CantingApplication *app)
{
  wait_until (main_window_up, app);
  g_assert_null (window_titled (app, "Memeriksa Catatan Bengkel"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (find_window (app, CANTING_TYPE_WINDOW))), ==,
                   WORKSHOP_NAME " — Canting");
}

static void
test_unclean_start (void)
{
  g_autofree char *path = canting_paths_database_file (data_dir);
  g_autofree char *note = g_strconcat (path, "-closed", NULL);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CantingApplication) app = canting_application_new ();

  g_assert_cmpint (g_unlink (note), ==, 0);
  g_signal_connect (app, "window-added", G_CALLBACK (note_window_title), titles);
  run_app_with (app, unclean_step);
  g_assert_cmpuint (titles->len, >=, 2);
  g_assert_cmpstr (titles->pdata[0], ==, "Memeriksa Catatan Bengkel");
  /* Checked, then closed cleanly again. */
  g_assert_true (g_file_test (note, G_FILE_TEST_EXISTS));
}

/* The shown toplevel of @type, or NULL: a message dialog is no
 * application window either. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer unused)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A damaged database: the app says so and offers the newest good backup;
 * choosing it brings the workshop back and keeps the damaged file. */
static void
damaged_step (CantingApplication *app)
{
  AdwMessageDialog *dialog;
  CantingWindow *window;

  /* Read on a worker first (no note of a clean close). */
  wait_until (has_message_dialog, NULL);
  dialog = find_window (app, ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_null (find_window (app, CANTING_TYPE_WINDOW));

  /* Launching again while the dialog waits shows the same dialog. */
  g_application_activate (G_APPLICATION (app));
  {
    guint dialogs = 0;
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
      dialogs += ADW_IS_MESSAGE_DIALOG (l->data);
    g_assert_cmpuint (dialogs, ==, 1);
  }
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Catatan bengkel tidak dapat dibuka");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "rusak"));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  adw_message_dialog_response (dialog, "restore");

  window = wait_for_main_window (app);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, WORKSHOP_NAME " — Canting");
}

static void
test_damaged_database (void)
{
  g_autofree char *path = canting_paths_database_file (data_dir);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_assert_true (g_file_set_contents (path, "bukan basis data — not a database, just words, words, words, words", -1, NULL));
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  run_app (damaged_step);

  dir = g_dir_open (data_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "canting.db.broken-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *broken = g_build_filename (data_dir, name, NULL);
        g_autofree char *contents = NULL;
        g_assert_true (g_file_get_contents (broken, &contents, NULL, NULL));
        g_assert_true (g_str_has_prefix (contents, "bukan basis data"));
        kept = TRUE;
      }
  g_assert_true (kept);
}

static gboolean
window_gone (gpointer data)
{
  gpointer *pointer = data;
  return *pointer == NULL;
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkButton *button = find_widget (root, GTK_TYPE_BUTTON, label);

  if (button == NULL)
    g_error ("no button labelled “%s”", label);
  g_signal_emit_by_name (button, "clicked");
}

/* Customers: add one through the form (a wrong phone is marked and
 * nothing saved), then find it by searching; Ctrl+N opens the form. */
/* The file chooser of a GtkFileChooserNative is no application window:
 * look among all toplevels. */
static gpointer
file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_FILE_CHOOSER_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
has_file_chooser (gpointer unused)
{
  return file_chooser () != NULL;
}

static gboolean
chooser_has_file (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL;
}

typedef struct {
  GtkFileChooser *chooser;
  GFile          *file;
} ChooserWatch;

/* A save chooser names its suggestion at once, and the file set on it
 * once it has read the folder. */
static gboolean
chooser_has_this_file (gpointer data)
{
  ChooserWatch *w = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (w->chooser);

  return file != NULL && g_file_equal (file, w->file);
}

static void
customers_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingCustomersPage *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_CUSTOMERS_PAGE, NULL);
  GtkColumnView *view = find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkSearchEntry *search = find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
  CantingCustomerDialog *dialog;
  AdwEntryRow *phone;

  adw_view_stack_set_visible_child_name (stack, "customers");
  /* Only the page in view is shown: the others are hidden, so a form's
   * opening (the main window to the backdrop and back) restyles the
   * rows of one list, not of every list visited. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page)));
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), CANTING_TYPE_ORDERS_PAGE, NULL)));
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), CANTING_TYPE_MONEY_PAGE, NULL)));
  adw_view_stack_set_visible_child_name (stack, "orders");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_get_visible (find_widget (GTK_WIDGET (window), CANTING_TYPE_ORDERS_PAGE, NULL)));
  adw_view_stack_set_visible_child_name (stack, "customers");
  click (GTK_WIDGET (page), "_Pelanggan Baru");
  /* Its header first, alone, then its fields, the focus on the first. */
  dialog = find_window (app, CANTING_TYPE_CUSTOMER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_PAGE, NULL)));
  wait_until (form_fields_mapped, dialog);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                         GTK_WIDGET (entry_row (GTK_WIDGET (dialog), "Nama pelanggan"))));
  /* The window is named as its header says (a screen reader reads it). */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Pelanggan Baru");

  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Nama pelanggan")), "Bu Ani Lestari");
  phone = entry_row (GTK_WIDGET (dialog), "Telepon atau WhatsApp");
  gtk_editable_set_text (GTK_EDITABLE (phone), "bukan nomor");
  click (GTK_WIDGET (dialog), "_Simpan");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (phone), "error"));
  g_assert_nonnull (find_shown_label (GTK_WIDGET (dialog), "bukan nomor telepon"));
  g_assert_cmpint (canting_customer_count (canting_application_get_db (app), NULL, TRUE, NULL), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (phone), "0812-1111-2222");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Kota atau kabupaten")), "Kabupaten Blitar");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (GTK_WIDGET (dialog), "_Simpan");
  wait_until (window_gone, &dialog);

  g_assert_cmpuint (list_rows (view), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "blitar");
  spin (400);
  wait_for_rows (view, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "tidak ada");
  wait_for_rows (view, 0);
  g_assert_nonnull (find_shown_label (GTK_WIDGET (page), "Tidak Ada Pelanggan yang Cocok"));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  spin (400);

  /* Ctrl+F goes to the page's search box. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (search)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (search)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", NULL);
  dialog = find_form (app, CANTING_TYPE_CUSTOMER_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (widget_mapped, dialog);
  gtk_window_close (GTK_WINDOW (dialog));

  /* The page's menu offers export and import of CSV: each asks for a
   * file (what they write and read is tested in test-csv). */
  {
    GtkMenuButton *csv = find_widget (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, NULL);
    GMenuModel *menu = gtk_menu_button_get_menu_model (csv);

    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        static const char *actions[] = { "page.import", "page.export" };
        GtkFileChooserDialog *chooser;

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), actions[i], NULL));
        wait_until (has_file_chooser, NULL);
        chooser = file_chooser ();
        g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                         i == 0 ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE);
        gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
        spin (100);
        g_assert_null (file_chooser ());
      }
  }

  /* A file chosen is checked and shown, then written on a worker.  Here
   * another program (canting-cli, say) holds the write lock meanwhile:
   * the window goes on working and says an import is running, and the
   * rows come once the lock is let go. */
  {
    g_autofree char *csv_path = g_build_filename (data_dir, "pelanggan.csv", NULL);
    g_autofree char *db_path = g_build_filename (data_dir, "canting.db", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
    CantingDb *db = canting_application_get_db (app);
    sqlite3 *other = NULL;
    AdwMessageDialog *report;
    GtkFileChooserDialog *chooser;

    g_assert_true (g_file_set_contents (csv_path, "nama;telepon;kota\nBu Sri Rahayu;0812-3333-4444;Kota Blitar\n"
                                        "Pak Joko Santoso;;Kediri\n", -1, NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.import", NULL));
    wait_until (has_file_chooser, NULL);
    chooser = file_chooser ();
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), csv_file, NULL));
    /* (Selected once the chooser has read the folder.) */
    wait_until (chooser_has_file, chooser);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    wait_until (has_message_dialog, NULL);
    report = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_cmpstr (adw_message_dialog_get_body (report), ==, "2 baris bisa diimpor.");

    g_assert_cmpint (sqlite3_open (db_path, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
    adw_message_dialog_response (report, "all");
    wait_for_label (GTK_WIDGET (window), "Mengimpor “pelanggan.csv”…");
    spin (300);
    g_assert_cmpint (canting_customer_count (db, NULL, TRUE, NULL), ==, 1);
    g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (other);
    wait_for_label (GTK_WIDGET (window), "2 baris diimpor");
    g_assert_cmpint (canting_customer_count (db, NULL, TRUE, NULL), ==, 3);
    /* The page reads its list again. */
    wait_until (model_settled, paged_model_of (view));
    g_assert_cmpuint (list_rows (view), ==, 3);
    g_assert_null (find_shown_label (GTK_WIDGET (window), "Mengimpor"));
  }

  /* Exported on a worker, under the name suggested, in the folder the
   * chooser starts in (the working directory, a scratch one here). */
  {
    g_autofree char *dir = canting_test_mkdtemp ();
    g_autofree char *cwd = g_get_current_dir ();
    g_autofree char *path = g_build_filename (dir, "pelanggan.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *csv = NULL;
    GtkFileChooserDialog *chooser;

    g_assert_cmpint (g_chdir (dir), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.export", NULL));
    wait_until (has_file_chooser, NULL);
    chooser = file_chooser ();
    {
      ChooserWatch chosen = { GTK_FILE_CHOOSER (chooser), file };

      wait_until (chooser_has_this_file, &chosen);
    }
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    /* Written on a worker: said once the main loop hears back (whether
     * the file is there yet depends on how soon the worker ran). */
    g_assert_null (find_shown_label (GTK_WIDGET (window), "Sudah diekspor"));
    wait_for_label (GTK_WIDGET (window), "Sudah diekspor");
    g_assert_cmpint (g_chdir (cwd), ==, 0);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, "Bu Sri Rahayu"));
    g_assert_nonnull (strstr (csv, "Pak Joko Santoso"));
    canting_test_rmdir (dir);
  }
}

static void
test_customers (void)
{
  run_app (customers_step);
}

/* Products: the price typed as people write it, the stock set in the same
 * form; a SKU another product has is refused by name; the in-stock filter. */
static void
products_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingProductsPage *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_PRODUCTS_PAGE, NULL);
  GtkColumnView *view = find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkCheckButton *in_stock = find_widget (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON, NULL);
  CantingProductDialog *dialog;
  g_autoptr(GPtrArray) stored = NULL;
  CantingProductFilter all = { .technique = -1 };
  const char *first_sku;

  adw_view_stack_set_visible_child_name (stack, "products");
  for (int i = 0; i < 2; i++)
    {
      click (GTK_WIDGET (page), "_Produk Baru");
      dialog = find_form (app, CANTING_TYPE_PRODUCT_DIALOG);
      g_assert_nonnull (dialog);
      /* The groups below the first screen come a frame or so after it. */
      g_assert_null (find_widget (GTK_WIDGET (dialog), CANTING_TYPE_RECIPE_EDITOR, NULL));
      wait_until (widget_mapped, dialog);
      wait_until (product_form_shown, dialog);
      /* A form that names no field to start in starts in its first. */
      assert_focus_in (dialog, entry_row (GTK_WIDGET (dialog), "Nama produk"));
      gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Nama produk")),
                             i == 0 ? "Kain Parabha Balitar" : "Kemeja cap");
      gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Motif")), i == 0 ? "Parabha Balitar" : "");
      gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Harga per potong (Rp)")),
                             i == 0 ? "1,5 jt" : "225rb");
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      click (GTK_WIDGET (dialog), "_Simpan");
      wait_until (window_gone, &dialog);
    }
  stored = canting_product_search (canting_application_get_db (app), &all, 0, 10, NULL);
  g_assert_cmpuint (stored->len, ==, 2);
  first_sku = ((CantingProduct *) stored->pdata[0])->sku;
  g_assert_cmpstr (first_sku, ==, "PB-TL-0001");
  g_assert_cmpint (((CantingProduct *) stored->pdata[0])->price, ==, 1500000);
  g_assert_cmpint (((CantingProduct *) stored->pdata[1])->price, ==, 225000);
  g_assert_cmpuint (list_rows (view), ==, 2);

  /* The catalogue's products are chosen on a worker: its answer (here
   * that neither has a photo yet) comes a moment later. */
  canting_products_page_make_catalogue (GTK_WIDGET (page), app, NULL);
  g_assert_null (find_shown_label (GTK_WIDGET (window), "Belum ada produk yang siap"));
  wait_for_label (GTK_WIDGET (window), "Belum ada produk yang siap");

  /* Edit the second: take the first one's SKU (refused, naming it), a
   * price that is not money (refused), then set its stock. */
  list_rows (view);
  g_signal_emit_by_name (view, "activate", 1);
  dialog = find_form (app, CANTING_TYPE_PRODUCT_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (product_form_shown, dialog);
  /* The motif menu reads the suggestions when it opens; picking
   * one fills the field. */
  {
    GtkMenuButton *motifs = GTK_MENU_BUTTON (find_by_tooltip (GTK_WIDGET (dialog), "Pilih Motif"));
    g_auto(GStrv) suggested = canting_product_motif_suggestions (canting_application_get_db (app), NULL);
    GMenuModel *menu;

    g_assert_null (gtk_menu_button_get_menu_model (motifs));
    gtk_menu_button_popup (motifs);
    menu = gtk_menu_button_get_menu_model (motifs);
    g_assert_nonnull (menu);
    g_assert_cmpuint (g_strv_length (suggested), >, 0);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, (int) g_strv_length (suggested));
    gtk_menu_button_popdown (motifs);
    gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.pick-motif", "s", suggested[0]);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Motif"))), ==, suggested[0]);
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Motif")), "");
  }
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "SKU (kosongkan agar dibuatkan)")), "pb-tl-0001");
  click (GTK_WIDGET (dialog), "_Simpan");
  g_assert_nonnull (find_shown_label (GTK_WIDGET (dialog), "sudah dipakai oleh “Kain Parabha Balitar”"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "SKU (kosongkan agar dibuatkan)")), "");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Harga per potong (Rp)")), "dua ratus");
  click (GTK_WIDGET (dialog), "_Simpan");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (dialog), "Harga per potong (Rp)")),
                                           "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Harga per potong (Rp)")), "230.000");
  {
    GtkSpinButton *spin = NULL;
    AdwActionRow *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Stok barang jadi (potong)");
    g_assert_nonnull (row);
    spin = find_widget (GTK_WIDGET (row), GTK_TYPE_SPIN_BUTTON, NULL);
    gtk_spin_button_set_value (spin, 6);
  }
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (GTK_WIDGET (dialog), "_Simpan");
  wait_until (window_gone, &dialog);

  /* Saved before its lower groups are built (Ctrl+S at once): they are
   * built first, so the price, stock and recipe stay as stored. */
  g_signal_emit_by_name (view, "activate", 1);
  dialog = find_form (app, CANTING_TYPE_PRODUCT_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (widget_mapped, dialog);
  g_assert_false (product_form_shown (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (GTK_WIDGET (dialog), "_Simpan");
  wait_until (window_gone, &dialog);
  {
    g_autoptr(GPtrArray) saved = canting_product_search (canting_application_get_db (app), &all, 0, 10, NULL);
    const CantingProduct *shirt = saved->pdata[1];

    g_assert_cmpstr (shirt->name, ==, "Kemeja cap");
    g_assert_cmpint (shirt->price, ==, 230000);
    g_assert_cmpint (shirt->stock, ==, 6);
  }

  gtk_check_button_set_active (in_stock, TRUE);
  g_assert_cmpuint (list_rows (view), ==, 1);
  gtk_check_button_set_active (in_stock, FALSE);

  /* The motif filter offers the catalog's motifs. */
  {
    GtkDropDown *motif = GTK_DROP_DOWN (find_by_tooltip (GTK_WIDGET (page), "Motif"));
    GListModel *items = gtk_drop_down_get_model (motif);

    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 0), ==, "Semua motif");
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 1), ==, "Parabha Balitar");
    gtk_drop_down_set_selected (motif, 1);
    g_assert_cmpuint (list_rows (view), ==, 1);
    /* Searching keeps the motif chosen. */
    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL)), "kain");
    spin (400);
    g_assert_cmpuint (gtk_drop_down_get_selected (motif), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL)), "");
    spin (400);
    gtk_drop_down_set_selected (motif, 0);
    g_assert_cmpuint (list_rows (view), ==, 2);
  }
}

static void
test_products (void)
{
  run_app (products_step);
}

/* The @n-th (0-based) widget of @type, depth first. */
static gpointer
find_nth_widget (GtkWidget *root,
                 GType      type,
                 guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (*n)-- == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_nth_widget (child, type, n);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What @drop_down of strings shows as chosen, or NULL. */
static const char *
chosen_text (GtkDropDown *drop_down)
{
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (drop_down);

  return chosen != NULL ? gtk_string_object_get_string (chosen) : NULL;
}

/* Picks item @position of @drop_down as a person does: the menu opens
 * (and fills, for a long list), the item is chosen, the menu closes. */
static void
choose_from_menu (GtkDropDown *drop_down,
                  guint        position)
{
  GtkPopover *menu = find_widget (GTK_WIDGET (drop_down), GTK_TYPE_POPOVER, NULL);

  gtk_popover_popup (menu);
  g_assert_cmpuint (position, <, g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)));
  gtk_drop_down_set_selected (drop_down, position);
  gtk_popover_popdown (menu);
}

/* The order form shows its own fields first and builds the rest (item
 * rows, amounts, payments, status) after its first frame. */
static gboolean
order_form_built (gpointer dialog)
{
  /* The last part built (canting-order-dialog.c, build_rest()). */
  return find_widget (dialog, ADW_TYPE_ACTION_ROW, "Simpan nota sebagai PDF…") != NULL;
}

/* The worker form shows its techniques and wages after its first frame. */
static gboolean
worker_form_built (gpointer dialog)
{
  return find_widget (dialog, ADW_TYPE_EXPANDER_ROW, "Batik tulis") != NULL;
}

static AdwActionRow *
action_row (GtkWidget  *root,
            const char *title)
{
  AdwActionRow *row = find_widget (root, ADW_TYPE_ACTION_ROW, title);

  if (row == NULL)
    g_error ("no row titled “%s”", title);
  return row;
}

typedef struct {
  GtkWidget  *root;
  const char *title;
  const char *subtitle;
} SubtitleWatch;

/* The list holding a row is rebuilt in an idle, which a busy machine can
 * hold back for a while: wait for it rather than a fixed time. */
static gboolean
subtitle_is (gpointer data)
{
  SubtitleWatch *w = data;

  return g_strcmp0 (adw_action_row_get_subtitle (action_row (w->root, w->title)), w->subtitle) == 0;
}

/* Orders, the heart of it: a new order for the customer and the shirts
 * made above, a DP taken at once (the order is saved and numbered by
 * it), an overpayment refused, then confirmed, ready and delivered from
 * stock: the balance and the stock follow. */
static void
orders_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingOrdersPage *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_ORDERS_PAGE, NULL);
  GtkColumnView *view = find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  CantingDb *db = canting_application_get_db (app);
  CantingOrderDialog *dialog;
  GtkDropDown *product;
  guint second = 1, first = 0;
  GtkSpinButton *quantity;
  CantingProductFilter all = { .technique = -1 };
  CantingOrderFilter orders = { .status = -1 };
  g_autoptr(GPtrArray) products = canting_product_search (db, &all, 0, 10, NULL);
  g_autoptr(GPtrArray) stored = NULL;
  gint64 shirt_id = ((CantingProduct *) products->pdata[1])->id;

  g_assert_cmpstr (((CantingProduct *) products->pdata[1])->name, ==, "Kemeja cap");
  g_assert_cmpint (((CantingProduct *) products->pdata[1])->stock, ==, 6);

  adw_view_stack_set_visible_child_name (stack, "orders");
  click (GTK_WIDGET (page), "_Pesanan Baru");
  dialog = find_window (app, CANTING_TYPE_ORDER_DIALOG);
  g_assert_nonnull (dialog);
  /* Its first frame holds its header only (presenting a window measures
   * what it shows; canting_form_present()): the order's own fields are
   * made but their page is not shown, no item row, no totals yet.  They
   * follow once it is shown, a frame at a time. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Pelanggan")),
                                                                   ADW_TYPE_PREFERENCES_PAGE)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Saluran penjualan"))));
  g_assert_null (find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL));
  g_assert_null (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Total"));
  g_assert_false (order_form_built (dialog));
  wait_until (widget_mapped, dialog);
  wait_until (order_form_built, dialog);
  /* Built, everything is shown, and a new order starts on its customer. */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Pelanggan"))));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (entry_row (GTK_WIDGET (dialog), "Tanggal pesan (tanggal/bulan/tahun)"))));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Saluran penjualan"))));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Diambil dari stok"))));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (entry_row (GTK_WIDGET (dialog), "Catatan"))));
  g_assert_true (gtk_widget_is_visible (find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL)));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                         GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Pelanggan"))));

  /* The customer menu lists the workshop's customers once it opens: a
   * new order's lists none before. */
  {
    GtkDropDown *customer = find_widget (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Pelanggan")),
                                         GTK_TYPE_DROP_DOWN, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (customer)), ==, 0);
    /* It asks for one, in words, rather than GTK's "(Nihil)". */
    g_assert_nonnull (find_shown_label (GTK_WIDGET (customer), "Pilih…"));
    g_assert_null (find_shown_label (GTK_WIDGET (customer), "Nihil"));
    /* Opened and closed without choosing: still none chosen. */
    {
      GtkPopover *menu = find_widget (GTK_WIDGET (customer), GTK_TYPE_POPOVER, NULL);

      gtk_popover_popup (menu);
      gtk_popover_popdown (menu);
      g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (customer)), ==,
                        canting_customer_count (db, NULL, FALSE, NULL));
      g_assert_cmpuint (gtk_drop_down_get_selected (customer), ==, GTK_INVALID_LIST_POSITION);
      g_assert_nonnull (find_shown_label (GTK_WIDGET (customer), "Pilih…"));
    }
    choose_from_menu (customer, 0);
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (customer)), ==,
                      canting_customer_count (db, NULL, FALSE, NULL));
    g_assert_cmpstr (chosen_text (customer), ==, "Bu Ani Lestari");
  }
  /* The first drop-down picks the customer, the second the first item's
   * product; the only spin button is that item's quantity. */
  product = find_nth_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, &second);
  quantity = find_nth_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, &first);
  g_assert_nonnull (product);
  g_assert_nonnull (quantity);
  /* A long list's menu builds its rows when it first opens: none before,
   * then every product, named. */
  {
    GtkPopover *menu = find_widget (GTK_WIDGET (product), GTK_TYPE_POPOVER, NULL);

    g_assert_null (find_label (GTK_WIDGET (menu), "Kemeja cap"));
    gtk_popover_popup (menu);
    wait_for_label (GTK_WIDGET (menu), "Kemeja cap");
    g_assert_nonnull (find_shown_label (GTK_WIDGET (menu), "Kain"));
    gtk_popover_popdown (menu);
  }
  gtk_drop_down_set_selected (product, 2);  /* 0 custom, 1 Kain…, 2 Kemeja cap */
  gtk_spin_button_set_value (quantity, 2);
  gtk_switch_set_active (find_widget (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Diambil dari stok")),
                                      GTK_TYPE_SWITCH, NULL), TRUE);
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), "Total")), ==, "Rp 460.000");

  /* The DP, before the order was ever saved. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Jumlah dibayar (Rp)")), "100rb");
  gtk_switch_set_active (find_widget (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Uang muka (DP)")),
                                      GTK_TYPE_SWITCH, NULL), TRUE);
  click (GTK_WIDGET (dialog), "_Catat Pembayaran");
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), "Sisa tagihan")), ==, "Rp 360.000");
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Rp 100.000"));
  /* Saved and shown again: the customer stays chosen. */
  g_assert_cmpstr (chosen_text (find_widget (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Pelanggan")),
                                             GTK_TYPE_DROP_DOWN, NULL)), ==, "Bu Ani Lestari");
  /* Saved from a form not built yet (Ctrl+S at once): what the first
   * frame leaves out is built first, so the items and amounts stay. */
  {
    CantingOrderDialog *early;
    g_autoptr(CantingOrder) kept = NULL;

    stored = canting_order_search (db, &orders, 0, 10, NULL);
    early = canting_order_dialog_new (app, GTK_WINDOW (window), ((CantingOrderRow *) stored->pdata[0])->id);
    g_assert_false (order_form_built (early));
    g_object_add_weak_pointer (G_OBJECT (early), (gpointer *) &early);
    click (GTK_WIDGET (early), "_Simpan");
    /* Closing does nothing to a window never shown. */
    if (early != NULL)
      gtk_window_destroy (GTK_WINDOW (early));
    kept = canting_order_load (db, ((CantingOrderRow *) stored->pdata[0])->id, NULL);
    g_assert_cmpuint (kept->items->len, ==, 1);
    g_assert_cmpint (((CantingOrderItem *) kept->items->pdata[0])->quantity, ==, 2);
    g_assert_cmpint (((CantingOrderItem *) kept->items->pdata[0])->product_id, ==, shirt_id);
    g_clear_pointer (&stored, g_ptr_array_unref);
  }

  /* A payment recorded twice by mistake: removed, then Undo brings it
   * back; Keuangan follows each step. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Jumlah dibayar (Rp)")), "50rb");
  click (GTK_WIDGET (dialog), "_Catat Pembayaran");
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), "Sisa tagihan")), ==, "Rp 310.000");
  {
    g_autofree char *label = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
    GtkWidget *remove;

    label = g_strdup_printf ("Hapus pembayaran Rp 50.000 tanggal %s", today);
    remove = find_by_tooltip (GTK_WIDGET (dialog), label);
    g_assert_nonnull (remove);
    g_signal_emit_by_name (remove, "clicked");
    {
      SubtitleWatch left = { GTK_WIDGET (dialog), "Sisa tagihan", "Rp 360.000" };
      wait_until (subtitle_is, &left);
    }
    g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                             "SELECT count(*) FROM ledger WHERE amount = 50000 AND voided = 1"), ==, 1);
    g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Urungkan"), "clicked");
    {
      SubtitleWatch left = { GTK_WIDGET (dialog), "Sisa tagihan", "Rp 310.000" };
      wait_until (subtitle_is, &left);
    }
    g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db),
                                             "SELECT count(*) FROM ledger WHERE amount = 50000 AND voided = 0"), ==, 1);
    remove = find_by_tooltip (GTK_WIDGET (dialog), label);
    g_signal_emit_by_name (remove, "clicked");
    {
      SubtitleWatch left = { GTK_WIDGET (dialog), "Sisa tagihan", "Rp 360.000" };
      wait_until (subtitle_is, &left);
    }
  }

  /* More than is owed: refused, in words. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Jumlah dibayar (Rp)")), "1 jt");
  click (GTK_WIDGET (dialog), "_Catat Pembayaran");
  g_assert_nonnull (find_shown_label (GTK_WIDGET (dialog), "lebih besar dari sisa tagihan Rp 360.000"));

  click (GTK_WIDGET (dialog), "_Konfirmasi");
  click (GTK_WIDGET (dialog), "Tandai _Siap");
  click (GTK_WIDGET (dialog), "_Serahkan");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (action_row (GTK_WIDGET (dialog), "Terkirim"))),
                   ==, "Terkirim");
  gtk_window_close (GTK_WINDOW (dialog));

  {
    g_autoptr(CantingProduct) shirt = canting_product_load (db, shirt_id, NULL);
    g_assert_cmpint (shirt->stock, ==, 4);
  }
  stored = canting_order_search (db, &orders, 0, 10, NULL);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpint (((CantingOrderRow *) stored->pdata[0])->status, ==, CANTING_ORDER_DELIVERED);
  /* A stored order's form shows its customer, without reading the
   * others. */
  {
    CantingOrderDialog *again = canting_order_dialog_new (app, GTK_WINDOW (window),
                                                          ((CantingOrderRow *) stored->pdata[0])->id);
    GtkDropDown *customer = find_widget (GTK_WIDGET (action_row (GTK_WIDGET (again), "Pelanggan")),
                                         GTK_TYPE_DROP_DOWN, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (customer)), ==, 1);
    g_assert_cmpstr (chosen_text (customer), ==, "Bu Ani Lestari");
    gtk_window_destroy (GTK_WINDOW (again));
  }
  g_assert_cmpint (((CantingOrderRow *) stored->pdata[0])->paid, ==, 100000);
  spin (100);
  g_assert_cmpuint (list_rows (view), ==, 1);

  /* The customer's form lists the order in their history. */
  {
    CantingCustomersPage *customers = find_widget (GTK_WIDGET (window), CANTING_TYPE_CUSTOMERS_PAGE, NULL);
    CantingCustomerDialog *customer_dialog;

    adw_view_stack_set_visible_child_name (stack, "customers");
    list_rows (find_widget (GTK_WIDGET (customers), GTK_TYPE_COLUMN_VIEW, NULL));
    g_signal_emit_by_name (find_widget (GTK_WIDGET (customers), GTK_TYPE_COLUMN_VIEW, NULL), "activate", 0);
    customer_dialog = find_form (app, CANTING_TYPE_CUSTOMER_DIALOG);
    g_assert_nonnull (customer_dialog);
    g_assert_nonnull (find_widget (GTK_WIDGET (customer_dialog), ADW_TYPE_ACTION_ROW,
                                   ((CantingOrderRow *) stored->pdata[0])->number));
    g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (customer_dialog), "Total belanja")),
                     ==, "Rp 460.000");
    gtk_window_close (GTK_WINDOW (customer_dialog));
  }

  /* Found in review: the product list was read before the delivery;
   * opening the shirt from it and saving unchanged must not put the two
   * delivered pieces back. */
  {
    CantingProductsPage *products_page = find_widget (GTK_WIDGET (window), CANTING_TYPE_PRODUCTS_PAGE, NULL);
    GtkColumnView *products_view = find_widget (GTK_WIDGET (products_page), GTK_TYPE_COLUMN_VIEW, NULL);
    CantingProductDialog *product_dialog;

    adw_view_stack_set_visible_child_name (stack, "products");
    list_rows (products_view);
    g_signal_emit_by_name (products_view, "activate", 1);
    product_dialog = find_form (app, CANTING_TYPE_PRODUCT_DIALOG);
    g_assert_nonnull (product_dialog);
    g_object_add_weak_pointer (G_OBJECT (product_dialog), (gpointer *) &product_dialog);
    click (GTK_WIDGET (product_dialog), "_Simpan");
    wait_until (window_gone, &product_dialog);
    {
      g_autoptr(CantingProduct) shirt = canting_product_load (db, shirt_id, NULL);
      g_assert_cmpint (shirt->stock, ==, 4);
    }
  }
  /* The next run starts on Pesanan (the window remembers its page). */
  adw_view_stack_set_visible_child_name (stack, "orders");
}

static void
test_orders (void)
{
  run_app (orders_step);
}

/* The first worker's rates: @n of them, none for Finishing. */
static void
assert_rates_without_finishing (CantingDb *db,
                                guint      n)
{
  g_autoptr(GPtrArray) workers_list = canting_worker_list (db, TRUE, NULL);
  g_autoptr(GPtrArray) kept = canting_worker_rates (db, ((CantingWorker *) workers_list->pdata[0])->id, NULL);

  g_assert_cmpuint (kept->len, ==, n);
  for (guint i = 0; i < kept->len; i++)
    g_assert_cmpstr (((CantingRate *) kept->pdata[i])->stage, !=, "Finishing");
}

/* Production: a worker with piece rates for batik tulis (the shirt made
 * above is tulis, in one colour), an order of two shirts through every
 * stage (wages counted, finished pieces into stock),
 * delivered (out of stock again), and part of the wages paid. */
static void
production_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingWorkersPage *workers = find_widget (GTK_WIDGET (window), CANTING_TYPE_WORKERS_PAGE, NULL);
  CantingOrdersPage *orders = find_widget (GTK_WIDGET (window), CANTING_TYPE_ORDERS_PAGE, NULL);
  CantingDb *db = canting_application_get_db (app);
  CantingWorkerDialog *worker_dialog;
  CantingOrderDialog *dialog;
  GtkWidget *tulis;
  static const struct { const char *stage; const char *rate; } rates[] = {
    { "Pola", "10rb" }, { "Nglowong", "15.000" }, { "Isen-isen", "10rb" }, { "Nembok", "5rb" },
    { "Pewarnaan", "5.000" }, { "Lorod", "5rb" }, { "Finishing", "2000" },
  };
  CantingProductFilter all = { .technique = -1 };
  g_autoptr(GPtrArray) products = canting_product_search (db, &all, 0, 10, NULL);
  gint64 shirt_id = ((CantingProduct *) products->pdata[1])->id;
  guint second = 1, first = 0;
  g_autoptr(GPtrArray) wages = NULL;

  {
    /* The last run ended on Pesanan.  A page not shown has read nothing
     * (at start-up every page is told the workshop is open, and Produk
     * used to read its catalogue then); its list is read when it opens. */
    GtkColumnView *catalogue = find_widget (find_widget (GTK_WIDGET (window), CANTING_TYPE_PRODUCTS_PAGE, NULL),
                                            GTK_TYPE_COLUMN_VIEW, NULL);

    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "orders");
    spin (100);
    g_assert_cmpuint (canting_paged_model_get_n_total (paged_model_of (catalogue)), ==, 0);
    adw_view_stack_set_visible_child_name (stack, "products");
    g_assert_cmpuint (list_rows (catalogue), ==, (guint) canting_product_count (db, &all, NULL));
    g_assert_cmpuint (list_rows (catalogue), >, 0);
  }

  adw_view_stack_set_visible_child_name (stack, "workers");
  click (GTK_WIDGET (workers), "_Pembatik Baru");
  worker_dialog = find_form (app, CANTING_TYPE_WORKER_DIALOG);
  g_assert_nonnull (worker_dialog);
  assert_focus_in (worker_dialog, entry_row (GTK_WIDGET (worker_dialog), "Nama pembatik"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (worker_dialog), "Nama pembatik")), "Mbak Yuli");
  /* Its first frame has the worker's own fields; the techniques follow. */
  g_assert_false (worker_form_built (worker_dialog));
  wait_until (widget_mapped, worker_dialog);
  wait_until (worker_form_built, worker_dialog);
  tulis = find_widget (GTK_WIDGET (worker_dialog), ADW_TYPE_EXPANDER_ROW, "Batik tulis");
  /* A technique's rate rows are made when it is opened. */
  g_assert_null (find_widget (GTK_WIDGET (tulis), ADW_TYPE_ENTRY_ROW, NULL));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (tulis), TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (rates); i++)
    gtk_editable_set_text (GTK_EDITABLE (entry_row (tulis, rates[i].stage)), rates[i].rate);
  g_object_add_weak_pointer (G_OBJECT (worker_dialog), (gpointer *) &worker_dialog);
  click (GTK_WIDGET (worker_dialog), "_Simpan");
  wait_until (window_gone, &worker_dialog);

  adw_view_stack_set_visible_child_name (stack, "orders");
  click (GTK_WIDGET (orders), "_Pesanan Baru");
  dialog = find_form (app, CANTING_TYPE_ORDER_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (order_form_built, dialog);
  choose_from_menu (find_widget (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Pelanggan")), GTK_TYPE_DROP_DOWN, NULL),
                    0);
  gtk_drop_down_set_selected (find_nth_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, &second), 2);
  gtk_spin_button_set_value (find_nth_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, &first), 2);
  click (GTK_WIDGET (dialog), "_Konfirmasi");
  click (GTK_WIDGET (dialog), "Mulai _Produksi");

  /* The board shows the piece at its first stage. */
  {
    CantingProductionPage *board = find_widget (GTK_WIDGET (window), CANTING_TYPE_PRODUCTION_PAGE, NULL);
    GtkColumnView *board_view = find_widget (GTK_WIDGET (board), GTK_TYPE_COLUMN_VIEW, NULL);
    g_autoptr(CantingRow) row = NULL;

    adw_view_stack_set_visible_child_name (stack, "production");
    spin (100);
    g_assert_cmpuint (list_rows (board_view), ==, 1);
    row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (board_view)), 0);
    g_assert_cmpstr (((CantingBoardRow *) canting_row_get_record (row))->next_stage, ==, "Pola");
  }

  /* Pola to Finishing, seven stages, each done by Mbak Yuli. */
  for (int i = 0; i < 7; i++)
    click (GTK_WIDGET (dialog), "_Selesai");
  g_assert_null (find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Selesai"));
  {
    g_autoptr(CantingProduct) shirt = canting_product_load (db, shirt_id, NULL);
    g_assert_cmpint (shirt->stock, ==, 6);  /* 4 + the 2 just finished */
  }
  click (GTK_WIDGET (dialog), "Tandai _Siap");
  click (GTK_WIDGET (dialog), "_Serahkan");
  gtk_window_close (GTK_WINDOW (dialog));
  {
    g_autoptr(CantingProduct) shirt = canting_product_load (db, shirt_id, NULL);
    g_assert_cmpint (shirt->stock, ==, 4);
  }

  /* 2 pieces × Rp 52.000 of rates earned; pay 100.000 of it. */
  wages = canting_wages_summary (db, NULL);
  g_assert_cmpuint (wages->len, ==, 1);
  g_assert_cmpint (((CantingWages *) wages->pdata[0])->earned, ==, 104000);
  adw_view_stack_set_visible_child_name (stack, "workers");
  spin (100);
  list_rows (find_widget (GTK_WIDGET (workers), GTK_TYPE_COLUMN_VIEW, NULL));
  g_signal_emit_by_name (find_widget (GTK_WIDGET (workers), GTK_TYPE_COLUMN_VIEW, NULL), "activate", 0);
  worker_dialog = find_form (app, CANTING_TYPE_WORKER_DIALOG);
  g_assert_nonnull (worker_dialog);
  /* The wages come with the techniques, after the first frame. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (action_row (GTK_WIDGET (worker_dialog),
                                                                                           "Terutang")),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
  wait_until (worker_form_built, worker_dialog);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (action_row (GTK_WIDGET (worker_dialog), "Terutang"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (worker_dialog), "Terutang")), ==, "Rp 104.000");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (worker_dialog), "Jumlah dibayar sekarang (Rp)")), "110rb");
  click (GTK_WIDGET (worker_dialog), "_Bayar Upah");
  g_assert_nonnull (find_shown_label (GTK_WIDGET (worker_dialog), "lebih besar dari upah yang terutang"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (worker_dialog), "Jumlah dibayar sekarang (Rp)")), "100rb");
  click (GTK_WIDGET (worker_dialog), "_Bayar Upah");
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (worker_dialog), "Terutang")), ==, "Rp 4.000");

  /* Emptying a rate field takes that rate away (found in review: it
   * was kept). */
  tulis = find_widget (GTK_WIDGET (worker_dialog), ADW_TYPE_EXPANDER_ROW, "Batik tulis");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (tulis)), ==, "7 upah diatur");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (tulis), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (tulis, "Finishing")), "");
  g_object_add_weak_pointer (G_OBJECT (worker_dialog), (gpointer *) &worker_dialog);
  click (GTK_WIDGET (worker_dialog), "_Simpan");
  wait_until (window_gone, &worker_dialog);
  assert_rates_without_finishing (db, G_N_ELEMENTS (rates) - 1);
  /* Saved again without opening batik tulis, before the techniques are
   * shown and after: its rates stay. */
  for (int built = 0; built < 2; built++)
    {
      g_signal_emit_by_name (find_widget (GTK_WIDGET (workers), GTK_TYPE_COLUMN_VIEW, NULL), "activate", 0);
      worker_dialog = find_form (app, CANTING_TYPE_WORKER_DIALOG);
      g_assert_nonnull (worker_dialog);
      g_assert_false (worker_form_built (worker_dialog));
      if (built)
        wait_until (worker_form_built, worker_dialog);
      g_object_add_weak_pointer (G_OBJECT (worker_dialog), (gpointer *) &worker_dialog);
      click (GTK_WIDGET (worker_dialog), "_Simpan");
      wait_until (window_gone, &worker_dialog);
      assert_rates_without_finishing (db, G_N_ELEMENTS (rates) - 1);
    }
}

static void
test_production (void)
{
  run_app (production_step);
}

static CantingMaterial *
material_named (CantingApplication *app,
                const char         *name)
{
  CantingMaterialFilter filter = { name, -1, FALSE, FALSE };
  g_autoptr(GPtrArray) found = canting_material_search (canting_application_get_db (app), &filter, 0, 5, NULL);

  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, 1);
  return canting_material_copy (g_ptr_array_index (found, 0));
}

/* Materials: add one, record a purchase typed in rolls, see the stock
 * and average cost; record waste until it is low and see the warning;
 * waste beyond the stock is refused; a stock count corrects it. */
static void
materials_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingMaterialsPage *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_MATERIALS_PAGE, NULL);
  GtkColumnView *view = find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkRevealer *low = find_widget (GTK_WIDGET (page), GTK_TYPE_REVEALER, NULL);
  CantingMaterialDialog *dialog;
  CantingMovementDialog *movement;
  CantingStockPlanDialog *plan;
  g_autoptr(CantingMaterial) m = NULL;
  AdwComboRow *material_row;
  GListModel *names;
  guint index = G_MAXUINT;

  adw_view_stack_set_visible_child_name (stack, "materials");
  spin (50);
  /* The usual materials of a batik workshop are there to start with. */
  g_assert_cmpuint (list_rows (view), ==, 19);
  g_assert_false (gtk_revealer_get_reveal_child (low));

  click (GTK_WIDGET (page), "Bahan _Baru");
  dialog = find_form (app, CANTING_TYPE_MATERIAL_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (widget_mapped, dialog);
  assert_focus_in (dialog, entry_row (GTK_WIDGET (dialog), "Nama bahan"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Nama bahan")), "Mori sanforis");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Isi satu gulung")), "30");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Ingatkan bila tersedia tinggal")), "lima");
  click (GTK_WIDGET (dialog), "_Simpan");
  /* Not a quantity: marked, nothing saved. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (dialog), "Ingatkan bila tersedia tinggal")),
                                           "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Ingatkan bila tersedia tinggal")), "20");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Pemasok utama")), "Toko Kain Sejahtera");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (GTK_WIDGET (dialog), "_Simpan");
  wait_until (window_gone, &dialog);
  g_assert_cmpuint (list_rows (view), ==, 20);
  m = material_named (app, "sanforis");
  g_assert_cmpint (m->roll_size, ==, 30000);
  g_assert_cmpint (m->reorder_level, ==, 20000);

  /* A purchase of 1,5 rolls from the page's button. */
  click (GTK_WIDGET (page), "Catat _Pembelian");
  movement = find_window (app, CANTING_TYPE_MOVEMENT_DIALOG);
  g_assert_nonnull (movement);
  wait_until (widget_mapped, movement);
  material_row = find_widget (GTK_WIDGET (movement), ADW_TYPE_COMBO_ROW, "Bahan");
  names = adw_combo_row_get_model (material_row);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Mori sanforis") == 0)
      index = i;
  g_assert_cmpuint (index, !=, G_MAXUINT);
  adw_combo_row_set_selected (material_row, index);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (movement), "Pemasok"))), ==,
                   "Toko Kain Sejahtera");
  {
    GtkDropDown *unit = GTK_DROP_DOWN (find_by_tooltip (GTK_WIDGET (movement), "Satuan"));
    GListModel *units = gtk_drop_down_get_model (unit);

    /* m, then yard, then the material's rolls. */
    g_assert_cmpuint (g_list_model_get_n_items (units), ==, 3);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (units), 2), ==, "gulung");
    gtk_drop_down_set_selected (unit, 2);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (movement), "Jumlah")), "1,5");
  g_assert_nonnull (find_shown_label (GTK_WIDGET (movement), "Sesudah ini: 45 m."));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (movement), "Total harga dibayar (Rp)")), "1.350.000");
  g_object_add_weak_pointer (G_OBJECT (movement), (gpointer *) &movement);
  click (GTK_WIDGET (movement), "_Catat");
  wait_until (window_gone, &movement);
  g_clear_pointer (&m, canting_material_free);
  m = material_named (app, "sanforis");
  g_assert_cmpint (m->on_hand, ==, 45000);
  g_assert_cmpint (canting_material_average_cost (m), ==, 30000);
  g_assert_false (gtk_revealer_get_reveal_child (low));

  /* Waste from the material's form: too much is refused, 30 m leaves it
   * low, and the page says so. */
  {
    CantingMaterialFilter filter = { "sanforis", -1, FALSE, FALSE };
    GtkSearchEntry *search = find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);

    gtk_editable_set_text (GTK_EDITABLE (search), filter.text);
    wait_for_rows (view, 1);
    g_signal_emit_by_name (view, "activate", 0);
  }
  dialog = find_form (app, CANTING_TYPE_MATERIAL_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (widget_mapped, dialog);
  /* The history is below the first screen: it comes a frame later. */
  wait_for_label (GTK_WIDGET (dialog), "Pembelian +45 m");
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), "Tersedia")), ==, "45 m");
  click (GTK_WIDGET (dialog), "Catat S_usut");
  movement = find_window (app, CANTING_TYPE_MOVEMENT_DIALOG);
  g_assert_nonnull (movement);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (movement), "Jumlah")), "100");
  click (GTK_WIDGET (movement), "_Catat");
  g_assert_nonnull (find_shown_label (GTK_WIDGET (movement), "tidak dapat dikeluarkan"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (movement), "Jumlah")), "30");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (movement), "Apa yang terjadi (rusak, sobek…)")), "sobek");
  g_object_add_weak_pointer (G_OBJECT (movement), (gpointer *) &movement);
  click (GTK_WIDGET (movement), "_Catat");
  wait_until (window_gone, &movement);
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), "Tersedia")), ==, "15 m");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (action_row (GTK_WIDGET (dialog), "Tersedia")), "warning"));
  /* The history lists both movements, newest first, read again on a
   * worker. */
  wait_for_label (GTK_WIDGET (dialog), "Susut/rusak -30 m");
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Pembelian +45 m"));
  /* The unit is fixed once there are movements. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                                     "Stok dicatat dalam"))));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (window_gone, &dialog);
  g_assert_true (gtk_revealer_get_reveal_child (low));
  g_assert_nonnull (find_shown_label (GTK_WIDGET (page), "1 bahan sudah mencapai batas pesan ulang"));
  /* And the desktop is told, once. */
  {
    gint64 deadline = g_get_monotonic_time () + (gint64) time_factor () * 5 * G_USEC_PER_SEC;

    while (notifications->len == 0 && g_get_monotonic_time () < deadline)
      spin (10);
    g_assert_cmpuint (notifications->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (notifications, 0), ==,
                     "Stok Bahan Hampir Habis\nMori sanforis: tersedia 15 m");
  }

  /* A stock count: 14 m on the shelf. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.count", NULL);
  plan = find_window (app, CANTING_TYPE_STOCK_PLAN_DIALOG);
  g_assert_nonnull (plan);
  wait_until (widget_mapped, plan);
  /* Only the view asked for is read: what the stock can make is not. */
  g_assert_null (gtk_column_view_get_model (find_widget (GTK_WIDGET (plan), GTK_TYPE_COLUMN_VIEW, NULL)));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (plan), "Mori sanforis (tercatat: 15 m)")), "14");
  click (GTK_WIDGET (plan), "_Catat Selisihnya");
  g_clear_pointer (&m, canting_material_free);
  m = material_named (app, "sanforis");
  g_assert_cmpint (m->on_hand, ==, 14000);
  /* The form is refilled with the new figures. */
  g_assert_nonnull (find_widget (GTK_WIDGET (plan), ADW_TYPE_ENTRY_ROW, "Mori sanforis (tercatat: 14 m)"));
  g_object_add_weak_pointer (G_OBJECT (plan), (gpointer *) &plan);
  gtk_window_close (GTK_WINDOW (plan));
  wait_until (window_gone, &plan);
  spin (200);
  /* Still low, already told: no second notification. */
  g_assert_cmpuint (notifications->len, ==, 1);

  /* A product's recipe: 2,4 m of it per piece; a word is refused. */
  {
    CantingProductsPage *products = find_widget (GTK_WIDGET (window), CANTING_TYPE_PRODUCTS_PAGE, NULL);
    CantingProductDialog *product;
    GtkDropDown *pick;
    GListModel *choices;
    g_autoptr(GPtrArray) recipe = NULL;
    CantingProductFilter all = { .text = "Selendang sanforis", .technique = -1 };
    g_autoptr(GPtrArray) found = NULL;

    adw_view_stack_set_visible_child_name (stack, "products");
    click (GTK_WIDGET (products), "_Produk Baru");
    product = find_form (app, CANTING_TYPE_PRODUCT_DIALOG);
    g_assert_nonnull (product);
    wait_until (product_form_shown, product);
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (product), "Nama produk")), "Selendang sanforis");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (product), "Harga per potong (Rp)")), "300rb");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (product), "Berat per potong (gram)")), "0,25 kg");
    pick = GTK_DROP_DOWN (find_by_tooltip (GTK_WIDGET (product), "Bahan yang ditambahkan"));
    choices = gtk_drop_down_get_model (pick);
    /* The materials are read when the menu first opens; until one is
     * chosen there is nothing to add. */
    g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);
    g_assert_nonnull (find_shown_label (GTK_WIDGET (pick), "Pilih…"));
    g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_widget (GTK_WIDGET (product), GTK_TYPE_BUTTON,
                                                                       "Tambah ke _Resep"))));
    {
      GtkPopover *menu = find_widget (GTK_WIDGET (pick), GTK_TYPE_POPOVER, NULL);

      gtk_popover_popup (menu);
      wait_for_label (GTK_WIDGET (menu), "Mori sanforis");
      gtk_popover_popdown (menu);
    }
    {
      CantingMaterialFilter every = { NULL, -1, FALSE, FALSE };
      g_assert_cmpuint (g_list_model_get_n_items (choices), ==,
                        canting_material_count (canting_application_get_db (app), &every, NULL));
    }
    g_assert_cmpuint (gtk_drop_down_get_selected (pick), ==, GTK_INVALID_LIST_POSITION);
    index = G_MAXUINT;
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), "Mori sanforis") == 0)
        index = i;
    g_assert_cmpuint (index, !=, G_MAXUINT);
    gtk_drop_down_set_selected (pick, index);
    click (GTK_WIDGET (product), "Tambah ke _Resep");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (product), "Mori sanforis")), "dua");
    click (GTK_WIDGET (product), "_Simpan");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (product), "Mori sanforis")), "error"));
    g_assert_nonnull (find_shown_label (GTK_WIDGET (product), "Resep, Mori sanforis:"));
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (product), "Mori sanforis")), "2,4");
    /* 2,4 m at Rp 30.000 a metre. */
    g_assert_cmpstr (adw_preferences_group_get_description (find_widget (GTK_WIDGET (product),
                                                                          CANTING_TYPE_RECIPE_EDITOR, NULL)),
                     ==, "Bahan untuk satu potong kira-kira Rp 72.000 menurut harga rata-rata hari ini.");
    g_object_add_weak_pointer (G_OBJECT (product), (gpointer *) &product);
    click (GTK_WIDGET (product), "_Simpan");
    wait_until (window_gone, &product);
    found = canting_product_search (canting_application_get_db (app), &all, 0, 5, NULL);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (((CantingProduct *) found->pdata[0])->weight, ==, 250);
    recipe = canting_product_recipe (canting_application_get_db (app), ((CantingProduct *) found->pdata[0])->id, NULL);
    g_assert_cmpuint (recipe->len, ==, 1);
    g_assert_cmpint (((CantingRecipeLine *) recipe->pdata[0])->quantity, ==, 2400);
  }

  /* 14 m makes five more. */
  adw_view_stack_set_visible_child_name (stack, "materials");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.can-make", NULL);
  plan = find_window (app, CANTING_TYPE_STOCK_PLAN_DIALOG);
  g_assert_nonnull (plan);
  wait_until (widget_mapped, plan);
  /* A table (a workshop may have thousands of products): the product,
   * how many more, and the material that limits it. */
  {
    GtkColumnView *table = find_widget (GTK_WIDGET (plan), GTK_TYPE_COLUMN_VIEW, NULL);
    g_autoptr(CantingRow) first = NULL;
    const CantingCanMake *c;

    wait_for_label (GTK_WIDGET (table), "Selendang sanforis");
    g_assert_nonnull (find_shown_label (GTK_WIDGET (table), "5 potong"));
    g_assert_nonnull (find_shown_label (GTK_WIDGET (table), "Mori sanforis"));
    first = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (table)), 0);
    c = canting_row_get_record (first);
    g_assert_cmpstr (c->name, ==, "Selendang sanforis");
    g_assert_cmpint (c->pieces, ==, 5);
    g_assert_cmpstr (c->limiting_material, ==, "Mori sanforis");
  }
  g_object_add_weak_pointer (G_OBJECT (plan), (gpointer *) &plan);
  gtk_window_close (GTK_WINDOW (plan));
  wait_until (window_gone, &plan);
}

static void
test_materials (void)
{
  run_app (materials_step);
}

/* A regional standard: a copy of the national one with a stricter BOD
 * and its own regulation, saved and applied; the national one stays. */
static void
ipal_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingIpalPage *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_IPAL_PAGE, NULL);
  CantingIpalStandardsDialog *dialog;
  g_autoptr(CantingIpalStandard) active = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *bod = "BOD₅ (mg/L), paling tinggi, debit di bawah 100 m³ per hari";
  const char *volume = "Air limbah (m³ per ton produk), paling banyak";

  adw_view_stack_set_visible_child_name (stack, "ipal");
  spin (50);
  /* The log form starts in its first field shown: with one plant, no
   * choice of plant, so the time. */
  click (GTK_WIDGET (page), "Catatan _Baru");
  {
    CantingIpalLogDialog *log = find_form (app, CANTING_TYPE_IPAL_LOG_DIALOG);

    g_assert_nonnull (log);
    g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (log), ADW_TYPE_COMBO_ROW, "IPAL")));
    assert_focus_in (log, entry_row (GTK_WIDGET (log), "Tanggal dan jam (tanggal/bulan/tahun jam:menit)"));
    gtk_window_destroy (GTK_WINDOW (log));
  }
  click (GTK_WIDGET (page), "Baku _Mutu…");
  dialog = find_window (app, CANTING_TYPE_IPAL_STANDARDS_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (widget_mapped, dialog);
  /* The national limits are shown with their source. */
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), bod)), ==,
                   "60 mg/L · Permen LH 12/2025 Lamp. I");
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), volume)), ==,
                   "100 m³ · Permen LH 12/2025 Lamp. I");

  click (GTK_WIDGET (dialog), "_Tambah Baku Mutu Daerah");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Nama baku mutu")), "Baku mutu Jawa Timur");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog),
                                                  "Peraturan (misalnya Pergub Jatim No. 72 Tahun 2013)")),
                         "Pergub Jatim 72/2013");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), bod)), "lima puluh");
  click (GTK_WIDGET (dialog), "_Simpan dan Berlakukan");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (dialog), bod)), "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), bod)), "50");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), volume))), ==, "100");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), volume)), "80");
  click (GTK_WIDGET (dialog), "_Simpan dan Berlakukan");

  active = canting_ipal_standard_active (canting_application_get_db (app), NULL);
  g_assert_cmpstr (active->name, ==, "Baku mutu Jawa Timur");
  g_assert_cmpint (active->max_volume_per_ton, ==, 80000);
  g_assert_cmpstr (active->volume_per_ton_source, ==, "Pergub Jatim 72/2013");
  for (guint i = 0; i < active->limits->len; i++)
    {
      CantingIpalLimit *limit = g_ptr_array_index (active->limits, i);

      if (limit->parameter == CANTING_IPAL_BOD && limit->flow_min == 0)
        {
          g_assert_cmpint (limit->max_value, ==, 50000);
          g_assert_cmpstr (limit->source, ==, "Pergub Jatim 72/2013");
        }
      else if (limit->parameter == CANTING_IPAL_COD && limit->flow_min == 0)
        g_assert_cmpstr (limit->source, ==, "Permen LH 12/2025 Lamp. I");  /* unchanged, its own source */
    }
  all = canting_ipal_standard_list (canting_application_get_db (app), NULL);
  g_assert_cmpuint (all->len, ==, 2);
  /* The limits shown are now the regional standard's. */
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), bod)), ==,
                   "50 mg/L · Pergub Jatim 72/2013");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (window_gone, &dialog);

  /* A second plant, shared by the cluster: the page then offers a choice. */
  {
    CantingIpalPlantDialog *plant;
    GtkDropDown *plants = GTK_DROP_DOWN (find_by_tooltip (GTK_WIDGET (page), "IPAL"));
    g_autoptr(GPtrArray) stored = NULL;

    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (plants)));
    gtk_widget_activate_action (GTK_WIDGET (page), "page.plant-new", NULL);
    plant = find_window (app, CANTING_TYPE_IPAL_PLANT_DIALOG);
    g_assert_nonnull (plant);
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (plant), "Nama IPAL")), "IPAL bengkel");
    click (GTK_WIDGET (plant), "_Simpan");
    g_assert_nonnull (find_shown_label (GTK_WIDGET (plant), "Sudah ada IPAL bernama “IPAL bengkel”."));
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (plant), "Nama IPAL")), "IPAL sentra Kademangan");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (plant), "Kapasitas (m³ per hari, sesuai rancangan)")),
                           "150");
    g_object_add_weak_pointer (G_OBJECT (plant), (gpointer *) &plant);
    click (GTK_WIDGET (plant), "_Simpan");
    wait_until (window_gone, &plant);
    stored = canting_ipal_plant_list (canting_application_get_db (app), FALSE, NULL);
    g_assert_cmpuint (stored->len, ==, 2);
    g_assert_cmpint (((CantingIpalPlant *) stored->pdata[1])->capacity, ==, 150000);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (plants)));
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (plants)), ==, 3);  /* all, and the two */
  }

  /* Sludge handed over, then opened from the list and corrected: the
   * same handover, with the new amount. */
  {
    CantingSludgeDialog *sludge;
    GtkColumnView *view = find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL);
    CantingDb *db = canting_application_get_db (app);
    g_autoptr(CantingSludge) stored = NULL;

    click (GTK_WIDGET (page), "Lum_pur Diangkut…");
    sludge = find_form (app, CANTING_TYPE_SLUDGE_DIALOG);
    g_assert_nonnull (sludge);
    wait_until (widget_mapped, sludge);
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (sludge), "Banyaknya (kg)")), "25");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (sludge), "Diambil oleh (perusahaan atau tempat)")),
                           "PT Pengolah Limbah B3");
    g_object_add_weak_pointer (G_OBJECT (sludge), (gpointer *) &sludge);
    click (GTK_WIDGET (sludge), "_Simpan");
    wait_until (window_gone, &sludge);
    g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db), "SELECT count(*) FROM ipal_sludge"), ==, 1);
    /* Listed with its day, as people write it (it was "2026-…T00:00"). */
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
      LabelWatch listed = { GTK_WIDGET (page), today };

      wait_until (label_shown, &listed);
      g_assert_null (find_shown_label (GTK_WIDGET (page), "T00:00"));
    }

    list_rows (view);
    g_signal_emit_by_name (view, "activate", 0);
    sludge = find_form (app, CANTING_TYPE_SLUDGE_DIALOG);
    g_assert_nonnull (sludge);
    wait_until (widget_mapped, sludge);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (sludge), "Banyaknya (kg)"))), ==, "25");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (sludge),
                                                                     "Diambil oleh (perusahaan atau tempat)"))),
                     ==, "PT Pengolah Limbah B3");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (sludge), "Banyaknya (kg)")), "27,5");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (sludge), "Nomor dokumen penyerahan")), "MNF-0042");
    g_object_add_weak_pointer (G_OBJECT (sludge), (gpointer *) &sludge);
    click (GTK_WIDGET (sludge), "_Simpan");
    wait_until (window_gone, &sludge);
    g_assert_cmpint (canting_test_query_int (canting_db_get_handle (db), "SELECT count(*) FROM ipal_sludge"), ==, 1);
    stored = canting_sludge_load (db, canting_test_query_int (canting_db_get_handle (db), "SELECT id FROM ipal_sludge"),
                                  NULL);
    g_assert_cmpint (stored->amount, ==, 27500);
    g_assert_cmpstr (stored->manifest, ==, "MNF-0042");
  }

  /* Trends are read on a worker: "Membaca…" until they are in, then
   * today's measurement, within the standard's pH. */
  {
    CantingDb *db = canting_application_get_db (app);
    g_autoptr(GPtrArray) plants = canting_ipal_plant_list (db, FALSE, NULL);
    g_autoptr(CantingIpalLog) log = canting_ipal_log_new ();
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GError) error = NULL;
    CantingIpalTrendDialog *trend;
    SubtitleWatch read = { NULL, "Memenuhi baku mutu", "100% (1 dari 1 pengukuran)" };

    log->plant_id = ((CantingIpalPlant *) plants->pdata[0])->id;
    g_free (log->at);
    /* Midnight: today, and never in the future (07:00 was refused
     * when the test ran before seven). */
    log->at = g_date_time_format (now, "%Y-%m-%dT00:00");
    log->ph_out = 7000;
    g_assert_true (canting_ipal_log_save (db, log, &error));
    g_assert_no_error (error);
    click (GTK_WIDGET (page), "_Tren…");
    trend = find_window (app, CANTING_TYPE_IPAL_TREND_DIALOG);
    g_assert_nonnull (trend);
    read.root = GTK_WIDGET (trend);
    g_assert_cmpstr (adw_action_row_get_subtitle (action_row (read.root, "Memenuhi baku mutu")), ==, "Membaca…");
    wait_until (subtitle_is, &read);
    g_assert_cmpstr (adw_action_row_get_subtitle (action_row (read.root, "Air limbah per potong yang dibuat")), !=, "Membaca…");
    gtk_window_destroy (GTK_WINDOW (trend));
    /* Closed before its figures are in: they find it gone. */
    click (GTK_WIDGET (page), "_Tren…");
    trend = find_window (app, CANTING_TYPE_IPAL_TREND_DIALOG);
    g_assert_nonnull (trend);
    gtk_window_destroy (GTK_WINDOW (trend));
    spin (300);
  }

  /* The monthly report: the month is gathered on a worker, then saved
   * where chosen; a month to come is refused, in words. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) next_year = g_date_time_add_years (now, 1);
    g_autofree char *future = g_date_time_format (next_year, "%Y-%m");
    g_autofree char *refused = g_strdup_printf ("“%s” bukan bulan yang bisa dilaporkan", future);
    g_autofree char *month = g_date_time_format (now, "%Y-%m");
    g_autofree char *dir = canting_test_mkdtemp ();
    g_autofree char *name = g_strdup_printf ("Laporan-IPAL-%s.csv", month);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *cwd = g_get_current_dir ();
    g_autofree char *csv = NULL;
    CantingWindow *window_ = wait_for_main_window (app);
    AdwMessageDialog *ask;
    GtkFileChooserDialog *chooser;

    g_assert_cmpint (g_chdir (dir), ==, 0);
    for (int i = 0; i < 2; i++)
      {
        click (GTK_WIDGET (page), "_Laporan Bulanan…");
        wait_until (has_message_dialog, NULL);
        ask = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
        gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ask)), i == 0 ? future : month);
        adw_message_dialog_response (ask, "csv");
        if (i == 0)
          wait_for_label (GTK_WIDGET (window_), refused);
      }
    g_assert_null (file_chooser ());
    wait_until (has_file_chooser, NULL);
    chooser = file_chooser ();
    /* Saved under the name it suggests, in the folder it starts in (the
     * working directory, made a scratch one for this). */
    {
      ChooserWatch chosen = { GTK_FILE_CHOOSER (chooser), file };

      wait_until (chooser_has_this_file, &chosen);
    }
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    wait_for_label (GTK_WIDGET (window_), "Laporan disimpan");
    g_assert_cmpint (g_chdir (cwd), ==, 0);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, month));
    canting_test_rmdir (dir);
  }
}

static void
test_ipal (void)
{
  run_app (ipal_step);
}

static CantingLedgerTotals
ledger_totals (CantingApplication *app)
{
  const CantingLedgerFilter all = { .kind = -1 };
  CantingLedgerTotals totals = { -1, -1 };

  g_assert_true (canting_ledger_totals (canting_application_get_db (app), &all, &totals, NULL));
  return totals;
}

/* Whether @node draws a blurred shadow anywhere in it. */
static gboolean
has_blurred_shadow (GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_OUTSET_SHADOW_NODE:
      return gsk_outset_shadow_node_get_blur_radius (node) > 0;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (has_blurred_shadow (gsk_container_node_get_child (node, i)))
          return TRUE;
      return FALSE;
    case GSK_TRANSFORM_NODE:
      return has_blurred_shadow (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return has_blurred_shadow (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return has_blurred_shadow (gsk_rounded_clip_node_get_child (node));
    case GSK_OPACITY_NODE:
      return has_blurred_shadow (gsk_opacity_node_get_child (node));
    case GSK_DEBUG_NODE:
      return has_blurred_shadow (gsk_debug_node_get_child (node));
    default:
      return FALSE;
    }
}

/* What @widget draws, as a render node.  (transfer full) (nullable) */
static GskRenderNode *
draw_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

/* GTK draws with cairo here (no GL), as on a laptop without a usable
 * graphics driver: cards then have an outline, not shadows that cairo
 * blurs again in every frame (data/style-cairo.css). */
static void
assert_cards_not_blurred (CantingWindow *window,
                          GtkWidget     *card)
{
  g_autoptr(GskRenderNode) drawn = NULL;

  g_assert_true (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_assert_true (gtk_widget_has_css_class (card, "card"));
  drawn = draw_widget (card);
  g_assert_nonnull (drawn);
  g_assert_false (has_blurred_shadow (drawn));
}

/* Keuangan: an expense typed in (a bad amount marked first), voided, and
 * brought back by the toast's Undo; accounts added in place, a name
 * already taken refused. */
static void
money_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingMoneyPage *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_MONEY_PAGE, NULL);
  CantingEntryDialog *dialog;
  CantingAccountsDialog *accounts;
  CantingOutcomeDialog *outcome;
  GtkWidget *undo;
  CantingLedgerTotals before = ledger_totals (app);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  const CantingLedgerFilter all = { .kind = -1 };
  gint64 id;

  adw_view_stack_set_visible_child_name (stack, "money");
  spin (50);
  assert_cards_not_blurred (window, find_first (GTK_WIDGET (page), gtk_widget_has_css_class, "money-card"));
  click (GTK_WIDGET (page), "Pen_geluaran Baru");
  dialog = find_form (app, CANTING_TYPE_ENTRY_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (widget_mapped, dialog);
  assert_focus_in (dialog, entry_row (GTK_WIDGET (dialog), "Tanggal (tanggal/bulan/tahun)"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Jumlah (Rp)")), "dua ratus");
  click (GTK_WIDGET (dialog), "_Simpan");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (dialog), "Jumlah (Rp)")), "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Jumlah (Rp)")), "185rb");
  g_assert_nonnull (find_shown_label (GTK_WIDGET (dialog), "Rp 185.000"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Catatan")), "Listrik PLN");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (GTK_WIDGET (dialog), "_Simpan");
  wait_until (window_gone, &dialog);
  g_assert_cmpint (ledger_totals (app).expense, ==, before.expense + 185000);
  {
    /* The list is read again on a worker: there a moment later, and so
     * are the balances, added up on a worker too. */
    g_autoptr(GPtrArray) balances = canting_account_list (canting_application_get_db (app), FALSE, NULL);
    const CantingAccount *cash = balances->pdata[0];
    g_autofree char *amount = canting_money_format (cash->balance);
    g_autofree char *balance_text = g_strdup_printf ("%s %s", cash->name, amount);

    wait_for_label (GTK_WIDGET (page), "Listrik PLN");
    wait_for_label (GTK_WIDGET (page), balance_text);
  }

  /* Open it again and void it: Undo on the toast brings it back. */
  entries = canting_ledger_search (canting_application_get_db (app), &all, 0, 1, NULL);
  id = ((CantingEntry *) entries->pdata[0])->id;
  canting_money_page_open_entry (page, entries->pdata[0]);
  dialog = find_form (app, CANTING_TYPE_ENTRY_DIALOG);
  g_assert_nonnull (dialog);
  wait_until (widget_mapped, dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (GTK_WIDGET (dialog), "_Batalkan Catatan");
  wait_until (window_gone, &dialog);
  g_assert_cmpint (ledger_totals (app).expense, ==, before.expense);
  undo = find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Urungkan");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  spin (50);
  g_assert_cmpint (ledger_totals (app).expense, ==, before.expense + 185000);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = canting_ledger_search (canting_application_get_db (app), &all, 0, 1, NULL);
  g_assert_cmpint (((CantingEntry *) entries->pdata[0])->id, ==, id);

  /* A second bank account, typed in place; the same name again is refused. */
  gtk_widget_activate_action (GTK_WIDGET (page), "money.accounts", NULL);
  accounts = find_window (app, CANTING_TYPE_ACCOUNTS_DIALOG);
  g_assert_nonnull (accounts);
  wait_until (widget_mapped, accounts);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (accounts), "Nama akun baru, lalu Enter")), "BRI");
  g_signal_emit_by_name (entry_row (GTK_WIDGET (accounts), "Nama akun baru, lalu Enter"), "apply");
  spin (50);
  stored = canting_account_list (canting_application_get_db (app), TRUE, NULL);
  g_assert_cmpuint (stored->len, ==, 4);
  g_assert_cmpstr (((CantingAccount *) stored->pdata[3])->name, ==, "BRI");
  g_assert_cmpint (((CantingAccount *) stored->pdata[3])->kind, ==, CANTING_ACCOUNT_BANK);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (accounts), "Nama akun baru, lalu Enter")), "bri");
  g_signal_emit_by_name (entry_row (GTK_WIDGET (accounts), "Nama akun baru, lalu Enter"), "apply");
  spin (50);
  g_assert_nonnull (find_shown_label (GTK_WIDGET (accounts), "Sudah ada akun bernama “bri”."));
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = canting_account_list (canting_application_get_db (app), TRUE, NULL);
  g_assert_cmpuint (stored->len, ==, 4);
  g_object_add_weak_pointer (G_OBJECT (accounts), (gpointer *) &accounts);
  gtk_window_close (GTK_WINDOW (accounts));
  wait_until (window_gone, &accounts);

  /* The outcome report: figures as the dates are typed, worked out on a
   * worker (nothing to save meanwhile); a date that is none is marked
   * and nothing can be saved. */
  gtk_widget_activate_action (GTK_WIDGET (page), "money.outcome", NULL);
  outcome = find_window (app, CANTING_TYPE_OUTCOME_DIALOG);
  g_assert_nonnull (outcome);
  g_assert_cmpstr (adw_action_row_get_subtitle (action_row (GTK_WIDGET (outcome), "Pemasukan")), ==, "Menghitung…");
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (outcome), GTK_TYPE_BUTTON, "Simpan _PDF…")));
  wait_until (widget_mapped, outcome);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (outcome), "Dibandingkan dengan, dari")), "01/01/2000");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (outcome), "Dibandingkan dengan, sampai")), "31/12/2000");
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (outcome), GTK_TYPE_BUTTON, "Simpan _PDF…")));
  wait_until (widget_sensitive, find_widget (GTK_WIDGET (outcome), GTK_TYPE_BUTTON, "Simpan _PDF…"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (action_row (GTK_WIDGET (outcome), "Pemasukan")),
                                   "dulu Rp 0, sekarang Rp "));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (outcome), "Periode sampai")), "31/02/2026");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (outcome), "Periode sampai")), "error"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (outcome), GTK_TYPE_BUTTON, "Simpan _PDF…")));
  g_object_add_weak_pointer (G_OBJECT (outcome), (gpointer *) &outcome);
  gtk_window_close (GTK_WINDOW (outcome));
  wait_until (window_gone, &outcome);

  /* Wax bought on credit: the purchase form asks when to pay it by, the
   * debt is listed, and marking it paid puts the expense in the ledger. */
  {
    CantingMovementDialog *purchase;
    CantingReceivablesDialog *owed;
    GtkWidget *paid;
    gint64 wax = canting_test_query_int (canting_db_get_handle (canting_application_get_db (app)),
                                         "SELECT id FROM materials WHERE name = 'Malam tembokan'");
    CantingMoney expense_before = ledger_totals (app).expense;
    g_autoptr(GPtrArray) payables = NULL;

    purchase = canting_movement_dialog_new (app, GTK_WINDOW (window), wax, CANTING_MOVEMENT_PURCHASE);
    gtk_window_present (GTK_WINDOW (purchase));
    wait_until (widget_mapped, purchase);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (entry_row (GTK_WIDGET (purchase), "Jatuh tempo (tanggal/bulan/tahun, boleh kosong)"))));
    gtk_switch_set_active (find_widget (GTK_WIDGET (purchase), GTK_TYPE_SWITCH, NULL), TRUE);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (entry_row (GTK_WIDGET (purchase), "Jatuh tempo (tanggal/bulan/tahun, boleh kosong)"))));
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (purchase), "Jumlah")), "2");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (purchase), "Total harga dibayar (Rp)")), "96000");
    g_object_add_weak_pointer (G_OBJECT (purchase), (gpointer *) &purchase);
    click (GTK_WIDGET (purchase), "_Catat");
    wait_until (window_gone, &purchase);
    g_assert_cmpint (ledger_totals (app).expense, ==, expense_before);
    payables = canting_payables (canting_application_get_db (app), NULL, NULL, NULL);
    g_assert_cmpuint (payables->len, ==, 1);

    canting_money_page_show_receivables (page);
    owed = find_window (app, CANTING_TYPE_RECEIVABLES_DIALOG);
    g_assert_nonnull (owed);
    /* Read on a worker: said meanwhile. */
    g_assert_nonnull (find_widget (GTK_WIDGET (owed), ADW_TYPE_ACTION_ROW, "Membaca…"));
    wait_until (widget_mapped, owed);
    wait_for_label (GTK_WIDGET (owed), "Belum jatuh tempo");
    paid = find_widget (GTK_WIDGET (owed), GTK_TYPE_BUTTON, "Lunas");
    g_assert_nonnull (paid);
    g_signal_emit_by_name (paid, "clicked");
    {
      LabelWatch none_owed = { GTK_WIDGET (owed), "Tidak ada utang ke pemasok" };
      wait_until (label_shown, &none_owed);
    }
    g_assert_cmpint (ledger_totals (app).expense, ==, expense_before + 96000);
    g_object_add_weak_pointer (G_OBJECT (owed), (gpointer *) &owed);
    gtk_window_close (GTK_WINDOW (owed));
    wait_until (window_gone, &owed);
  }

  /* Years of orders with a balance: the hundred most overdue are listed,
   * the rest counted, and shown all on the Orders page. */
  {
    CantingDb *db = canting_application_get_db (app);
    CantingReceivablesDialog *owed;
    guint n_owing;
    g_autofree char *more = NULL;
    GtkWidget *rest;

    g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db),
                                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)"
                                   "  INSERT INTO orders (number, year, seq, customer_id, order_date, status, total)"
                                   "  SELECT printf('PSN-1999-%04d', i), 1999, i, (SELECT id FROM customers WHERE name = 'Bu Ani Lestari'),"
                                   "         '1999-01-01', 'confirmed', 10000 FROM n",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    n_owing = (guint) canting_test_query_int (canting_db_get_handle (db),
                                              "SELECT count(*) FROM orders WHERE status NOT IN ('draft', 'cancelled') "
                                              "AND total > paid");
    more = g_strdup_printf ("%u pesanan lagi yang belum lunas", n_owing - 100);
    canting_money_page_show_receivables (page);
    owed = find_window (app, CANTING_TYPE_RECEIVABLES_DIALOG);
    g_assert_nonnull (owed);
    wait_for_label (GTK_WIDGET (owed), more);
    g_assert_nonnull (find_widget (GTK_WIDGET (owed), ADW_TYPE_ACTION_ROW, "PSN-1999-0001 · Bu Ani Lestari"));
    g_assert_null (find_widget (GTK_WIDGET (owed), ADW_TYPE_ACTION_ROW, "PSN-1999-0150 · Bu Ani Lestari"));
    rest = GTK_WIDGET (find_widget (GTK_WIDGET (owed), ADW_TYPE_ACTION_ROW, more));
    g_object_add_weak_pointer (G_OBJECT (owed), (gpointer *) &owed);
    g_signal_emit_by_name (rest, "activated");
    wait_until (window_gone, &owed);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "orders");
    {
      CantingOrdersPage *orders = find_widget (GTK_WIDGET (window), CANTING_TYPE_ORDERS_PAGE, NULL);
      GtkColumnView *view = find_widget (GTK_WIDGET (orders), GTK_TYPE_COLUMN_VIEW, NULL);

      g_assert_cmpuint (gtk_drop_down_get_selected (find_widget (GTK_WIDGET (orders), GTK_TYPE_DROP_DOWN, NULL)), ==,
                        CANTING_ORDER_STATUS_COUNT + 3);
      wait_until (model_settled, paged_model_of (view));
      /* The same orders the dialog counted: drafts owe nothing in either. */
      g_assert_cmpuint (canting_paged_model_get_n_total (paged_model_of (view)), ==, n_owing);
      gtk_drop_down_set_selected (find_widget (GTK_WIDGET (orders), GTK_TYPE_DROP_DOWN, NULL), 0);
    }
    g_assert_cmpint (sqlite3_exec (canting_db_get_handle (db), "DELETE FROM orders WHERE year = 1999",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    adw_view_stack_set_visible_child_name (stack, "money");
  }
}

static void
test_money (void)
{
  run_app (money_step);
}

/* The money reports: an income recorded in a month of its own shows in
 * the profit and loss table; a month or a date typed wrong, or a period
 * that ends before it starts, is marked and nothing can be saved; the
 * tax view says it is an estimate, and the taxpayer kind chosen there
 * is kept. */
static void
reports_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  AdwViewStack *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL);
  CantingMoneyPage *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_MONEY_PAGE, NULL);
  CantingDb *db = canting_application_get_db (app);
  g_autoptr(CantingEntry) entry = canting_entry_new (CANTING_ENTRY_INCOME);
  g_autoptr(GPtrArray) categories = canting_category_list (db, CANTING_ENTRY_INCOME, FALSE, NULL);
  g_autoptr(GPtrArray) accounts = canting_account_list (db, FALSE, NULL);
  CantingReportsWindow *reports;
  AdwViewStack *views;
  GtkWidget *view;
  CantingTaxpayer taxpayer;

  /* May 2001: no other step writes there, so the figure is this one's. */
  g_free (entry->on_date);
  entry->on_date = g_strdup ("2001-05-15");
  entry->amount = 7654321;
  entry->category_id = ((CantingCategory *) categories->pdata[0])->id;
  entry->account_id = ((CantingAccount *) accounts->pdata[0])->id;
  g_assert_true (canting_entry_save (db, entry, NULL));

  {
    /* March 2002: one order of 101 products, for a sales table longer
     * than the screen shows. */
    g_autoptr(CantingOrder) order = canting_order_new ();
    g_autoptr(GPtrArray) customers = canting_customer_search (db, NULL, FALSE, 0, 1, NULL);
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 101; i++)
      {
        g_autoptr(CantingProduct) product = canting_product_new ();

        g_free (product->sku);
        product->sku = g_strdup_printf ("LAP-%03u", i);
        g_free (product->name);
        product->name = g_strdup_printf ("Selendang laporan %03u", i);
        product->price = 10000 + i;
        g_assert_true (canting_product_save (db, product, &error));
        g_assert_no_error (error);
        g_ptr_array_add (order->items, canting_order_item_new (product->id, product->name, 1, product->price));
      }
    order->customer_id = ((CantingCustomer *) customers->pdata[0])->id;
    g_free (order->order_date);
    order->order_date = g_strdup ("2002-03-10");
    canting_order_save (db, order, &error);
    g_assert_no_error (error);
    g_assert_true (canting_order_set_status (db, order->id, CANTING_ORDER_CONFIRMED, NULL, &error));
    g_assert_no_error (error);
  }

  adw_view_stack_set_visible_child_name (stack, "money");
  spin (50);
  click (GTK_WIDGET (page), "_Laporan");
  reports = find_window (app, CANTING_TYPE_REPORTS_WINDOW);
  g_assert_nonnull (reports);
  wait_until (widget_mapped, reports);
  views = find_widget (GTK_WIDGET (reports), ADW_TYPE_VIEW_STACK, NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "pnl");

  /* Profit and loss of that month: the income, its total and the profit. */
  view = adw_view_stack_get_visible_child (views);
  g_assert_null (find_shown_label (view, "7.654.321"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Dari (tahun-bulan)")), "2001-05");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Sampai (tahun-bulan)")), "2001-05");
  /* Added up on a worker: said meanwhile, shown when there. */
  wait_for_label (view, "Laba Rugi — ");
  wait_for_label (view, "7.654.321");
  g_assert_null (find_shown_label (view, "Sedang menghitung"));
  g_assert_true (gtk_widget_get_sensitive (find_widget (view, GTK_TYPE_BUTTON, "Simpan _PDF…")));

  /* A month that is none, then a period running backwards. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Dari (tahun-bulan)")), "2001-13");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (view, "Dari (tahun-bulan)")), "error"));
  g_assert_nonnull (find_shown_label (view, "“2001-13” bukan bulan"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (view, GTK_TYPE_BUTTON, "Simpan _PDF…")));
  g_assert_null (find_shown_label (view, "7.654.321"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Dari (tahun-bulan)")), "2001-06");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (view, "Dari (tahun-bulan)")), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry_row (view, "Sampai (tahun-bulan)")), "error"));
  g_assert_nonnull (find_shown_label (view, "Periode berakhir sebelum dimulai."));
  g_assert_false (gtk_widget_get_sensitive (find_widget (view, GTK_TYPE_BUTTON, "Simpan _CSV…")));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Dari (tahun-bulan)")), "2001-01");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry_row (view, "Dari (tahun-bulan)")), "error"));
  wait_for_label (view, "7.654.321");

  /* Cash flow: a day that does not exist is marked. */
  adw_view_stack_set_visible_child_name (views, "cashflow");
  spin (50);
  view = adw_view_stack_get_visible_child (views);
  wait_for_label (view, "Arus Kas — ");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Dari (tanggal/bulan/tahun)")), "31/02/2026");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (view, "Dari (tanggal/bulan/tahun)")), "error"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (view, GTK_TYPE_BUTTON, "Simpan _PDF…")));
  click (view, "Tahun ini");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry_row (view, "Dari (tanggal/bulan/tahun)")), "error"));
  wait_until (button_sensitive, find_widget (view, GTK_TYPE_BUTTON, "Simpan _PDF…"));

  /* Sales: its own period, by product to start with. */
  adw_view_stack_set_visible_child_name (views, "sales");
  spin (50);
  view = adw_view_stack_get_visible_child (views);
  wait_for_label (view, "Penjualan per Produk — ");
  /* A hundred lines on screen, the largest first; the rest are said. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Dari (tanggal/bulan/tahun)")), "01/03/2002");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (view, "Sampai (tanggal/bulan/tahun)")), "31/03/2002");
  wait_for_label (view, "…dan 1 baris lagi, ada di CSV dan PDF.");
  g_assert_nonnull (find_shown_label (view, "Selendang laporan 100"));
  g_assert_null (find_shown_label (view, "Selendang laporan 000"));

  /* Tax: the disclaimer in sight; a company chosen is stored. */
  adw_view_stack_set_visible_child_name (views, "tax");
  spin (50);
  view = adw_view_stack_get_visible_child (views);
  g_assert_nonnull (find_shown_label (view, "Hanya perkiraan — bukan ketetapan pajak."));
  g_assert_nonnull (find_shown_label (view, "Ini hanya perkiraan, bukan ketetapan pajak"));
  wait_for_label (view, "Perkiraan Pajak (PPh Final UMKM) — ");
  adw_combo_row_set_selected (find_widget (view, ADW_TYPE_COMBO_ROW, "Wajib pajak"), CANTING_TAXPAYER_COMPANY);
  g_assert_true (canting_tax_get_taxpayer (db, &taxpayer, NULL));
  g_assert_cmpint (taxpayer, ==, CANTING_TAXPAYER_COMPANY);
  wait_for_label (view, "Tidak berlaku untuk badan usaha");
  adw_combo_row_set_selected (find_widget (view, ADW_TYPE_COMBO_ROW, "Wajib pajak"), CANTING_TAXPAYER_INDIVIDUAL);
  g_assert_true (canting_tax_get_taxpayer (db, &taxpayer, NULL));
  g_assert_cmpint (taxpayer, ==, CANTING_TAXPAYER_INDIVIDUAL);

  /* A new regulation from 2031: a rate typed wrong is marked; typed
   * right, the rule is stored and listed. */
  {
    CantingTaxRuleDialog *rule;
    g_autoptr(GPtrArray) rules = NULL;

    click (view, "_Tambah Aturan");
    rule = find_window (app, CANTING_TYPE_TAX_RULE_DIALOG);
    g_assert_nonnull (rule);
    wait_until (widget_mapped, rule);
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (rule), "Tahun pajak pertama berlakunya")), "2031");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (rule), "Tarif, dalam persen dari omzet tiap bulan")), "setengah");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (rule),
                                                    "Omzet orang pribadi yang bebas pajak tiap tahun (Rp)")), "600 jt");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (rule),
                                                    "Omzet setahun paling banyak untuk tarif final (Rp)")), "4.800.000.000");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (rule), "Dasar hukum (misalnya PP 55/2022)")),
                           "PP 99/2030");
    click (GTK_WIDGET (rule), "_Simpan");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (rule), "Tarif, dalam persen dari omzet tiap bulan")),
                                             "error"));
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (rule), "Tarif, dalam persen dari omzet tiap bulan")), "0,25");
    g_object_add_weak_pointer (G_OBJECT (rule), (gpointer *) &rule);
    click (GTK_WIDGET (rule), "_Simpan");
    wait_until (window_gone, &rule);
    rules = canting_tax_rule_list (db, NULL);
    g_assert_cmpuint (rules->len, ==, 2);
    g_assert_cmpint (((CantingTaxRule *) rules->pdata[1])->rate_bp, ==, 25);
    g_assert_cmpint (((CantingTaxRule *) rules->pdata[1])->exemption, ==, 600000000);
    g_assert_nonnull (find_widget (view, ADW_TYPE_ACTION_ROW, "Mulai 2031"));
  }

  g_object_add_weak_pointer (G_OBJECT (reports), (gpointer *) &reports);
  gtk_window_close (GTK_WINDOW (reports));
  wait_until (window_gone, &reports);
}

static void
test_reports (void)
{
  run_app (reports_step);
}

typedef struct {
  CantingDb           *db;
  gint64               product;
  gint64               channel;
  CantingListingState  state;
} ListingWatch;

static gboolean
listing_in_state (gpointer data)
{
  ListingWatch *w = data;
  g_autoptr(CantingListing) l = canting_listing_load (w->db, w->product, w->channel, NULL);

  return l != NULL && l->state == w->state;
}

typedef struct {
  CantingDb *db;
  gint64     channel;
  gint64     remote;
} OrderWatch;

static gboolean
shop_order_here (gpointer data)
{
  OrderWatch *w = data;

  return canting_channel_order_lookup (w->db, w->channel, w->remote, NULL) > 0;
}

static gboolean
channel_dialog_shown (gpointer data)
{
  CantingChannelDialog *dialog = find_window (data, CANTING_TYPE_CHANNEL_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* The whole path to a shop: a shop added from a product's form (its
 * password into the keyring), the product published by the worker to
 * the practice shop on this computer and shown online with its link,
 * then taken off sale. */
/* Some image under @root shows a picture (not an icon). */
static gboolean
photo_shown (gpointer root)
{
  if (GTK_IS_IMAGE (root) && gtk_image_get_storage_type (root) == GTK_IMAGE_PAINTABLE &&
      GDK_IS_TEXTURE (gtk_image_get_paintable (root)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (photo_shown (child))
      return TRUE;
  return FALSE;
}

static void
listing_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  CantingDb *db = canting_application_get_db (app);
  g_autoptr(CantingChannel) shop = NULL;
  const CantingProductFilter all = { .technique = -1 };
  g_autoptr(GPtrArray) products = canting_product_search (db, &all, 0, 1, NULL);
  g_autoptr(CantingListing) listing = NULL;
  g_autoptr(GError) error = NULL;
  CantingProductDialog *dialog;
  const CantingProduct *product;
  const char *subtitle;
  g_autofree char *shop_dir = canting_test_mkdtemp ();
  g_autofree char *shop_file = g_build_filename (shop_dir, "toko.db", NULL);
  g_autoptr(CantingShopStore) store = canting_shop_store_open (shop_file, &error);
  g_autoptr(CantingShop) practice = NULL;
  ListingWatch publish_watch = { 0 };

  /* The practice shop, served from this thread's main loop. */
  g_assert_no_error (error);
  practice = canting_shop_new (store, "ck_latihan0000", "cs_latihan0000", "latihan", "SANDI-rahasia-123");
  g_assert_true (canting_shop_listen (practice, "127.0.0.1", 0, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (products->len, ==, 1);
  product = products->pdata[0];

  dialog = canting_product_dialog_new (app, GTK_WINDOW (window), product);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (product_form_shown, dialog);

  /* No shop yet: one is added from the product's form.  A plain http
   * address elsewhere than this computer is refused, saying why; the
   * password goes to the keyring, not the database. */
  {
    CantingChannelDialog *add;
    g_autofree char *secret = NULL;
    g_autofree char *db_path = g_strdup (canting_db_get_path (db));
    g_autoptr(GBytes) bytes = NULL;

    click (GTK_WIDGET (dialog), "_Tambah Toko…");
    add = find_window (app, CANTING_TYPE_CHANNEL_DIALOG);
    g_assert_nonnull (add);
    wait_until (widget_mapped, add);
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (add), "Nama toko")), "Toko Latihan");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (add), "Alamat toko (https://…)")),
                           "http://toko.example");
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (add), "Nama pengguna WordPress")), "latihan");
    gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (add), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL)),
                           "SANDI-rahasia-123");
    click (GTK_WIDGET (add), "_Simpan");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (GTK_WIDGET (add), "Alamat toko (https://…)")),
                                             "error"));
    gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (add), "Alamat toko (https://…)")),
                           canting_shop_get_home_url (practice));
    g_object_add_weak_pointer (G_OBJECT (add), (gpointer *) &add);
    click (GTK_WIDGET (add), "_Simpan");
    wait_until (window_gone, &add);
    shop = canting_channel_find (db, "Toko Latihan", &error);
    g_assert_no_error (error);
    secret = canting_secret_lookup (shop, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (secret, ==, "SANDI-rahasia-123");
    bytes = canting_test_read_file (db_path);
    g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "SANDI-rahasia"));
  }
  /* The product's technique goes in a category of the shop's. */
  {
    CantingChannelDialog *edit = canting_channel_dialog_new (app, GTK_WINDOW (window), shop);
    g_autofree char *title = g_strdup_printf ("Teknik: %s", canting_technique_label (product->technique));
    g_autoptr(GPtrArray) mappings = NULL;
    AdwEntryRow *row;

    gtk_window_present (GTK_WINDOW (edit));
    wait_until (widget_mapped, edit);
    row = entry_row (GTK_WIDGET (edit), title);
    gtk_editable_set_text (GTK_EDITABLE (row), "Kain Batik Pilihan");
    g_signal_emit_by_name (row, "apply");
    mappings = canting_channel_categories (db, shop->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mappings->len, ==, 1);
    g_assert_cmpstr (((CantingChannelCategory *) mappings->pdata[0])->remote_name, ==, "Kain Batik Pilihan");
    g_object_add_weak_pointer (G_OBJECT (edit), (gpointer *) &edit);
    gtk_window_close (GTK_WINDOW (edit));
    wait_until (window_gone, &edit);
  }

  subtitle = adw_action_row_get_subtitle (action_row (GTK_WIDGET (dialog), "Toko Latihan"));
  g_assert_cmpstr (subtitle, ==, "Belum daring");
  /* Publish: the worker sends it to the practice shop, and the form
   * shows it online with its link. */
  click (GTK_WIDGET (dialog), "_Unggah");
  publish_watch.db = db;
  publish_watch.product = product->id;
  publish_watch.channel = shop->id;
  publish_watch.state = CANTING_LISTING_ONLINE;
  wait_until (listing_in_state, &publish_watch);
  listing = canting_listing_load (db, product->id, shop->id, &error);
  g_assert_cmpint (listing->remote_id, >, 0);
  g_assert_true (g_str_has_prefix (listing->permalink, canting_shop_get_home_url (practice)));
  {
    /* Shown once the worker's word reaches the main loop. */
    SubtitleWatch online = { GTK_WIDGET (dialog), "Toko Latihan", "Daring" };
    wait_until (subtitle_is, &online);
  }
  g_assert_nonnull (find_by_tooltip (GTK_WIDGET (dialog), "Buka produk di Toko Latihan"));
  {
    /* The category was made on the shop, and its id kept. */
    g_autoptr(GPtrArray) mappings = canting_channel_categories (db, shop->id, &error);
    g_assert_cmpint (((CantingChannelCategory *) mappings->pdata[0])->remote_id, >, 0);
  }

  /* Taken off sale: a draft on the shop, not online here. */
  click (GTK_WIDGET (dialog), "_Turunkan");
  publish_watch.state = CANTING_LISTING_OFFLINE;
  wait_until (listing_in_state, &publish_watch);
  {
    SubtitleWatch offline = { GTK_WIDGET (dialog), "Toko Latihan", "Belum daring" };
    wait_until (subtitle_is, &offline);
  }
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (window_gone, &dialog);

  /* From the Produk list: two products selected and published together
   * (the menu offers the shop), then nothing more waits to be sent. */
  {
    GtkWidget *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_PRODUCTS_PAGE, NULL);
    GtkColumnView *view = GTK_COLUMN_VIEW (find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL));
    g_autoptr(CantingProduct) second = canting_product_new ();
    g_autoptr(GMenuModel) menu = NULL;
    GtkMenuButton *publish;
    ListingWatch second_watch = { db, 0, shop->id, CANTING_LISTING_ONLINE };
    g_autofree char *sent_text = NULL;
    LabelWatch sent = { GTK_WIDGET (window), NULL };
    LabelWatch nothing = { GTK_WIDGET (window), "Toko Latihan: tidak ada yang menunggu dikirim." };

    g_free (second->sku);
    second->sku = g_strdup ("SL-02");
    g_free (second->name);
    second->name = g_strdup ("Selendang Kawung");
    second->price = 175000;
    g_assert_true (canting_product_save (db, second, &error));
    g_assert_no_error (error);
    second_watch.product = second->id;
    {
      /* With a photo, which the list shows once a worker decoded it. */
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 96, 72);
      g_autofree char *png = NULL;
      gsize size = 0;
      g_autoptr(GBytes) image = NULL;

      gdk_pixbuf_fill (pixbuf, 0x8b4513ff);
      g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &png, &size, "png", &error, NULL));
      image = g_bytes_new (png, size);
      g_assert_true (canting_product_photo_add (db, second->id, image, image, &error));
      g_assert_no_error (error);
    }
    g_signal_emit_by_name (app, "data-replaced");
    /* As a person would: the Produk page in front, its list read. */
    adw_view_stack_set_visible_child_name (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL), "products");
    g_assert_cmpuint (list_rows (view), ==, (guint) canting_product_count (db, &all, NULL));
    wait_until (photo_shown, view);
    {
      /* Off again: the catalogue below is one without photos. */
      g_autoptr(GPtrArray) photos = canting_product_photos (db, second->id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (photos->len, ==, 1);
      g_assert_true (canting_product_photo_remove (db, ((CantingPhoto *) photos->pdata[0])->id, &error));
      g_assert_no_error (error);
    }
    spin (100);

    /* Nothing selected: nothing is published from the selection. */
    gtk_widget_activate_action (page, "products.publish-selected", "x", shop->id);
    spin (100);
    second_watch.state = CANTING_LISTING_OFFLINE;
    g_assert_true (listing_in_state (&second_watch));
    second_watch.state = CANTING_LISTING_ONLINE;
    publish = GTK_MENU_BUTTON (find_widget (page, GTK_TYPE_MENU_BUTTON, "_Unggah"));
    g_assert_nonnull (publish);
    gtk_menu_button_popup (publish);
    spin (50);
    gtk_menu_button_popdown (publish);
    menu = g_object_ref (gtk_menu_button_get_menu_model (publish));
    g_assert_nonnull (menu);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);

    /* Every product of the list: the toast says how many. */
    g_assert_true (gtk_selection_model_select_all (gtk_column_view_get_model (view)));
    sent_text = g_strdup_printf ("Toko Latihan: %" G_GINT64_FORMAT " produk sedang dikirim.",
                                 canting_product_count (db, &all, NULL));
    sent.text = sent_text;
    gtk_widget_activate_action (page, "products.publish-selected", "x", shop->id);
    wait_until (label_shown, &sent);
    publish_watch.state = CANTING_LISTING_ONLINE;
    wait_until (listing_in_state, &publish_watch);
    wait_until (listing_in_state, &second_watch);

    gtk_widget_activate_action (page, "products.publish-changed", "x", shop->id);
    wait_until (label_shown, &nothing);
    gtk_selection_model_unselect_all (gtk_column_view_get_model (view));
  }

  /* A catalogue of products without photos: none is ready, said so. */
  {
    GtkWidget *page = find_widget (GTK_WIDGET (window), CANTING_TYPE_PRODUCTS_PAGE, NULL);
    LabelWatch none_ready = { GTK_WIDGET (window), "Belum ada produk yang siap" };

    gtk_widget_activate_action (page, "products.catalogue", NULL);
    wait_until (label_shown, &none_ready);
  }
  /* An order for it on the shop (paid, as the shop owner entered it);
   * the main menu's Fetch Shop Orders brings it in, once, and says so. */
  {
    g_autoptr(CantingShopOrder) sale = canting_shop_order_new ();
    CantingShopOrderItem *item = canting_shop_order_item_new ();
    OrderWatch order_watch = { db, shop->id, 0 };

    g_free (sale->status);
    sale->status = g_strdup ("processing");
    sale->billing_json = g_strdup ("{\"first_name\":\"Sri\",\"last_name\":\"Wahyuni\",\"phone\":\"081234567890\","
                                   "\"city\":\"Blitar\"}");
    g_free (sale->payment_method);
    sale->payment_method = g_strdup ("bacs");
    g_free (item->sku);
    item->sku = g_strdup (product->sku);
    item->quantity = 1;
    g_ptr_array_add (sale->items, item);
    g_assert_true (canting_shop_store_add_order (store, sale, &error));
    g_assert_no_error (error);
    order_watch.remote = sale->id;

    g_action_group_activate_action (G_ACTION_GROUP (app), "sync-orders", NULL);
    wait_until (shop_order_here, &order_watch);
    {
      LabelWatch news = { GTK_WIDGET (window), "Toko Latihan: 1 pesanan baru" };
      wait_until (label_shown, &news);
    }
    {
      g_autoptr(CantingOrder) order = canting_order_load (db, canting_channel_order_lookup (db, shop->id, sale->id, NULL),
                                                          &error);
      g_assert_no_error (error);
      g_assert_cmpint (order->channel, ==, CANTING_SALES_ONLINE_SHOP);
      g_assert_cmpuint (order->items->len, ==, 1);
      g_assert_cmpint (order->paid, ==, product->price);
    }
    /* Fetched again: nothing new, and said so because it was asked. */
    g_action_group_activate_action (G_ACTION_GROUP (app), "sync-orders", NULL);
    {
      LabelWatch quiet = { GTK_WIDGET (window), "Toko Latihan: tidak ada pesanan baru" };

      wait_until (label_shown, &quiet);
    }
  }
  /* A shop whose password is not on this computer: its work waits, and
   * the notice names it once and opens its settings. */
  {
    g_autoptr(CantingChannel) bare = canting_channel_new ();
    LabelWatch paused = { GTK_WIDGET (window), "Belum ada kata sandi tersimpan untuk toko “Toko Tanpa Sandi”" };
    GtkWidget *label;
    CantingChannelDialog *settings;

    g_free (bare->name);
    bare->name = g_strdup ("Toko Tanpa Sandi");
    bare->kind = CANTING_CHANNEL_WOOCOMMERCE;
    g_free (bare->base_url);
    /* On this computer: sent to whatever the network says. */
    bare->base_url = g_strdup ("http://127.0.0.1:9");
    bare->auth = CANTING_CHANNEL_AUTH_APP_PASSWORD;
    g_free (bare->auth_user);
    bare->auth_user = g_strdup ("admin");
    g_assert_true (canting_channel_save (db, bare, &error));
    g_assert_no_error (error);
    g_assert_true (canting_listing_queue_publish (db, bare->id, &product->id, 1, &error));
    g_assert_no_error (error);
    canting_application_publish_now (app);
    wait_until (label_shown, &paused);
    label = find_shown_label (GTK_WIDGET (window), paused.text);
    g_assert_true (g_str_has_prefix (widget_text (label), "Belum ada kata sandi"));
    click (GTK_WIDGET (window), "Pengaturan _Toko");
    wait_until (channel_dialog_shown, app);
    settings = find_window (app, CANTING_TYPE_CHANNEL_DIALOG);
    g_object_add_weak_pointer (G_OBJECT (settings), (gpointer *) &settings);
    gtk_window_close (GTK_WINDOW (settings));
    wait_until (window_gone, &settings);
  }
  canting_shop_disconnect (practice);
  canting_test_rmdir (shop_dir);
}

static void
test_listing (void)
{
  run_app (listing_step);
}

/* Icon-only buttons (Canting's own, not the window's controls) that say
 * nothing when hovered: "(page) icon-name" of each, appended to @missing. */
static void
collect_icon_buttons_without_tooltip (GtkWidget *root,
                                      GString   *missing)
{
  const char *icon = NULL;

  /* The window's own buttons, a spin button's, a toast's (libadwaita's
   * dismiss button): not Canting's to name. */
  if (GTK_IS_WINDOW_CONTROLS (root) || GTK_IS_SPIN_BUTTON (root) ||
      g_str_equal (G_OBJECT_TYPE_NAME (root), "AdwToastWidget"))
    return;
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL)
    icon = gtk_button_get_icon_name (GTK_BUTTON (root));
  else if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) == NULL)
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root));
  if (icon != NULL && gtk_widget_get_tooltip_text (root) == NULL)
    {
      g_string_append_printf (missing, " %s in", icon);
      for (GtkWidget *up = gtk_widget_get_parent (root); up != NULL; up = gtk_widget_get_parent (up))
        g_string_append_printf (missing, " %s", G_OBJECT_TYPE_NAME (up));
      g_string_append (missing, ";");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_icon_buttons_without_tooltip (child, missing);
}

/* The guide from the main menu: page by page to the end, then gone;
 * F1 on a page opens the help at that page. */
static void
guide_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  CantingGuide *guide;
  GtkWindow *help;
  GtkStack *stack;

  /* Hostile text is shown as it was typed: quotes, SQL, markup, emoji,
   * right-to-left script (here in the customers list). */
  {
    static const char hostile[] = "\"'; DROP TABLE customers;-- <b>Bu</b> &amp; Ani 😀 שלום";
    g_autoptr(CantingCustomer) odd = canting_customer_new ();
    g_autoptr(GError) error = NULL;
    LabelWatch shown = { NULL, hostile };

    g_free (odd->name);
    odd->name = g_strdup (hostile);
    g_assert_true (canting_customer_save (canting_application_get_db (app), odd, &error));
    g_assert_no_error (error);
    g_signal_emit_by_name (app, "data-replaced");
    canting_window_show_page (window, "customers");
    shown.root = GTK_WIDGET (window);
    wait_until (label_shown, &shown);
    g_assert_cmpstr (widget_text (find_shown_label (GTK_WIDGET (window), hostile)), ==, hostile);
    canting_window_show_page (window, "home");
  }

  /* Every icon-only button of every page says what it does. */
  {
    g_autoptr(GString) missing = g_string_new (NULL);

    collect_icon_buttons_without_tooltip (GTK_WIDGET (window), missing);
    g_assert_cmpstr (missing->str, ==, "");
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "guide", NULL);
  guide = find_window (app, CANTING_TYPE_GUIDE);
  g_assert_nonnull (guide);
  wait_until (widget_mapped, guide);
  g_assert_nonnull (find_widget (GTK_WIDGET (guide), ADW_TYPE_STATUS_PAGE, "Buku Usaha Bengkel Anda"));
  for (guint i = 0; i < 5; i++)
    click (GTK_WIDGET (guide), "_Lanjut");
  /* The last page: its button starts, Skip is gone. */
  g_assert_false (gtk_widget_get_visible (find_widget (GTK_WIDGET (guide), GTK_TYPE_BUTTON, "_Lewati")));
  g_object_add_weak_pointer (G_OBJECT (guide), (gpointer *) &guide);
  click (GTK_WIDGET (guide), "_Mulai Memakai Canting");
  wait_until (window_gone, &guide);

  canting_window_show_page (window, "ipal");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.help", NULL);
  help = g_object_get_data (G_OBJECT (window), "canting-help");
  g_assert_nonnull (help);
  wait_until (widget_mapped, help);
  stack = find_widget (GTK_WIDGET (help), GTK_TYPE_STACK, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "ipal");
  g_assert_nonnull (find_shown_label (GTK_WIDGET (help), "Permen LH 12/2025"));
  g_object_add_weak_pointer (G_OBJECT (help), (gpointer *) &help);
  gtk_window_close (help);
  wait_until (window_gone, &help);
  g_assert_null (g_object_get_data (G_OBJECT (window), "canting-help"));
}

static void
test_guide (void)
{
  run_app (guide_step);
}

/* Trainer mode: a practice workshop opens in place of the real one with
 * its banner; a change made there is gone after Reset (in well under two
 * seconds); the real workshop's files stay the same to the byte; Leave
 * goes back to the real records. */

static GHashTable *
snapshot_files (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_hash_table_insert (files, g_strdup (entry), canting_test_read_file (path));
    }
  return files;
}

static gboolean
in_workshop (gpointer data)
{
  CantingApplication *app = CANTING_APPLICATION (g_application_get_default ());
  CantingWindow *window = find_window (app, CANTING_TYPE_WINDOW);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (canting_application_get_data_dir (app), data) == 0;
}

static gboolean
shown_for_action (GtkWidget  *widget,
                  const char *action)
{
  return GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0 &&
         gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_by_action (GtkWidget  *root,
                const char *action)
{
  return find_first (root, shown_for_action, action);
}

static gint64
customers_named (CantingApplication *app,
                 const char         *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customers WHERE name = '%s'", name);

  return canting_test_query_int (canting_db_get_handle (canting_application_get_db (app)), sql);
}

/* No connection to the workshop in folder @data is left: each notes its
 * clean close as it goes, which may be on a worker, a while after the
 * app let go of it (a list still reading, the day's backup). */
static gboolean
workshop_closed (gpointer data)
{
  return !canting_db_file_in_use (data);
}

static void
trainer_step (CantingApplication *app)
{
  CantingWindow *window = wait_for_main_window (app);
  g_autofree char *real_dir = g_strdup (canting_application_get_data_dir (app));
  g_autofree char *demo_dir = canting_demo_dir ("Peserta 1");
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(CantingCustomer) customer = canting_customer_new ();
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 started;

  /* The real workshop has no banner. */
  g_assert_null (find_by_action (GTK_WIDGET (window), "app.reset-demo"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo-named", g_variant_new_string ("Peserta 1"));
  /* Made ready on a worker (the first is built from example records,
   * seconds): the real workshop stays open and the app answers
   * meanwhile, one practice workshop opening at a time. */
  g_assert_cmpstr (canting_application_get_data_dir (app), ==, real_dir);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "open-demo-named"));
  wait_for_template (in_workshop, demo_dir);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "open-demo-named"));
  g_assert_null (window_titled (app, "Menyiapkan Bengkel Latihan"));
  window = wait_for_main_window (app);
  g_assert_nonnull (find_shown_label (GTK_WIDGET (window), "Bengkel latihan “Peserta 1”"));
  g_assert_nonnull (find_by_action (GTK_WIDGET (window), "app.leave-demo"));
  g_assert_cmpint (canting_test_query_int (canting_db_get_handle (canting_application_get_db (app)),
                                           "SELECT count(*) FROM orders"), >=, 1000);
  /* Closed now (once the day's backup, say, has let go of it too): its
   * files as they are, to compare at the end. */
  wait_until (workshop_closed, real_dir);
  before = snapshot_files (real_dir);
  g_assert_cmpuint (g_hash_table_size (before), >, 0);

  g_free (customer->name);
  customer->name = g_strdup ("Pelanggan Percobaan");
  g_free (customer->city);
  customer->city = g_strdup ("Tulungagung");
  g_assert_true (canting_customer_save (canting_application_get_db (app), customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (customers_named (app, "Pelanggan Percobaan"), ==, 1);

  /* Reset, one click on the banner. */
  started = g_get_monotonic_time ();
  g_signal_emit_by_name (find_by_action (GTK_WIDGET (window), "app.reset-demo"), "clicked");
  /* A time limit means nothing under the sanitizers; the normal run
   * checks it. */
  if (time_factor () == 1)
    g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
  g_test_message ("reset from the banner took %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  g_assert_cmpint (customers_named (app, "Pelanggan Percobaan"), ==, 0);
  {
    LabelWatch done = { GTK_WIDGET (window), "kembali seperti semula" };
    wait_until (label_shown, &done);
  }
  g_assert_cmpstr (canting_application_get_data_dir (app), ==, demo_dir);
  g_assert_nonnull (find_shown_label (GTK_WIDGET (window), "Bengkel latihan “Peserta 1”"));

  /* A second trainee's workshop beside it.  The first's connection
   * closes once nothing holds it (a list still reading on a worker may,
   * for a while) and only then notes its clean close: waited for, so
   * that the note removed below stays removed. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo-named", g_variant_new_string ("Peserta 2"));
  {
    g_autofree char *second = canting_demo_dir ("Peserta 2");
    wait_until (in_workshop, second);
  }
  window = wait_for_main_window (app);
  g_assert_nonnull (find_shown_label (GTK_WIDGET (window), "Bengkel latihan “Peserta 2”"));
  wait_until (workshop_closed, demo_dir);

  /* Back to the first, which was not closed properly (a crash in the
   * session): its records are read on a worker while a page says so,
   * then it opens as usual. */
  {
    g_autofree char *note = g_build_filename (demo_dir, "canting.db-closed", NULL);
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
    gulong added = g_signal_connect (app, "window-added", G_CALLBACK (note_window_title), titles);

    g_assert_cmpint (g_unlink (note), ==, 0);
    g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo-named", g_variant_new_string ("Peserta 1"));
    wait_until (in_workshop, demo_dir);
    g_signal_handler_disconnect (app, added);
    g_assert_cmpstr (titles->pdata[0], ==, "Memeriksa Catatan Bengkel");
    g_assert_null (window_titled (app, "Memeriksa Catatan Bengkel"));
    window = wait_for_main_window (app);
    g_assert_nonnull (find_shown_label (GTK_WIDGET (window), "Bengkel latihan “Peserta 1”"));
  }
  /* The second, damaged meanwhile and not closed properly: the app stays
   * in the first and says why. */
  {
    g_autofree char *second = canting_demo_dir ("Peserta 2");
    g_autofree char *file = g_build_filename (second, "canting.db", NULL);
    g_autofree char *note = g_strconcat (file, "-closed", NULL);
    g_autofree char *junk = g_malloc (8 * 4096);
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
    gulong added;
    int fd;

    wait_until (workshop_closed, second);
    fd = g_open (file, O_WRONLY, 0);
    g_assert_cmpint (fd, >=, 0);
    memset (junk, 0x5a, 8 * 4096);
    g_assert_cmpint (pwrite (fd, junk, 8 * 4096, 2 * 4096), ==, 8 * 4096);
    g_assert_cmpint (close (fd), ==, 0);
    g_assert_cmpint (g_unlink (note), ==, 0);
    added = g_signal_connect (app, "window-added", G_CALLBACK (note_window_title), titles);
    g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo-named", g_variant_new_string ("Peserta 2"));
    /* Made ready on a worker, then checked, a page saying so. */
    wait_until (any_window_added, titles);
    wait_until (check_over, app);
    wait_until (in_workshop, demo_dir);
    window = wait_for_main_window (app);
    {
      LabelWatch why = { GTK_WIDGET (window), "Bengkel itu tidak dapat dibuka" };
      wait_until (label_shown, &why);
    }
    g_signal_handler_disconnect (app, added);
    g_assert_cmpstr (titles->pdata[0], ==, "Memeriksa Catatan Bengkel");
    g_assert_nonnull (find_shown_label (GTK_WIDGET (window), "Bengkel latihan “Peserta 1”"));
  }

  /* The real workshop, not a byte different. */
  after = snapshot_files (real_dir);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (g_bytes_equal (value, g_hash_table_lookup (after, key)));

  /* Leave: back to the real records, without the banner. */
  g_signal_emit_by_name (find_by_action (GTK_WIDGET (window), "app.leave-demo"), "clicked");
  wait_until (in_workshop, real_dir);
  window = wait_for_main_window (app);
  g_assert_null (find_by_action (GTK_WIDGET (window), "app.reset-demo"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), WORKSHOP_NAME));

  /* A workshop that cannot open, and the one left cannot open again
   * either (stamped meanwhile by another program as not Canting's): the
   * dialog saying why, as at start-up, not an app gone without a word.
   * The last step: the app has no workshop after it. */
  {
    g_autofree char *third = canting_demo_dir ("Peserta 3");
    g_autofree char *third_file = NULL;
    g_autofree char *unopenable = canting_test_mkdtemp ();
    g_autofree char *in_the_way = g_build_filename (unopenable, "canting.db-wal", NULL);
    g_autoptr(GError) why = NULL;
    sqlite3 *other = NULL;
    AdwMessageDialog *dialog;

    g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo-named", g_variant_new_string ("Peserta 3"));
    wait_until (in_workshop, third);
    third_file = g_build_filename (third, "canting.db", NULL);
    g_assert_cmpint (sqlite3_open (third_file, &other), ==, SQLITE_OK);
    /* The app's publisher may be writing on its own connection. */
    sqlite3_busy_timeout (other, 10000 * time_factor ());
    g_assert_cmpint (sqlite3_exec (other, "PRAGMA application_id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (other);
    /* A new workshop there cannot keep its journal. */
    g_assert_cmpint (g_mkdir (in_the_way, 0700), ==, 0);
    g_assert_false (canting_application_switch_workshop (app, unopenable, &why));
    g_assert_nonnull (why);
    wait_until (has_message_dialog, NULL);
    dialog = find_window (app, ADW_TYPE_MESSAGE_DIALOG);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Catatan bengkel tidak dapat dibuka");
    g_assert_null (find_window (app, CANTING_TYPE_WINDOW));
    g_assert_cmpstr (canting_application_get_data_dir (app), ==, third);
    canting_test_rmdir (unopenable);
  }
}

/* canting --demo NAME: the practice workshop is made ready after the app
 * starts, on a worker, with a window saying so, not before any window
 * (the first is built from example records: seconds with nothing on
 * screen); then it opens, and Leave goes to the workshop the app was
 * started on. */
static gboolean
preparing_shown (gpointer app)
{
  return window_titled (app, "Menyiapkan Bengkel Latihan") != NULL;
}

static void
demo_option_step (CantingApplication *app)
{
  g_autofree char *demo_dir = canting_demo_dir ("Peserta 9");
  CantingWindow *window;

  wait_until (preparing_shown, app);
  wait_for_template (in_workshop, demo_dir);
  g_assert_false (preparing_shown (app));
  window = wait_for_main_window (app);
  g_assert_nonnull (find_shown_label (GTK_WIDGET (window), "Bengkel latihan “Peserta 9”"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "leave-demo", NULL);
  wait_until (in_workshop, data_dir);
}

static void
run_demo_option (void)
{
  char *argv[] = { "canting", "--data-dir", data_dir, "--demo", "Peserta 9", NULL };
  char *bad[] = { "canting", "--data-dir", data_dir, "--demo", "../Peserta 9", NULL };
  g_autoptr(CantingApplication) app = canting_application_new ();
  g_autoptr(CantingApplication) refused = canting_application_new ();
  g_autofree char *root = canting_test_mkdtemp ();
  g_autofree char *outside = g_build_filename (root, "..", "Peserta 9", NULL);
  g_autofree char *previous_root = g_strdup (g_getenv ("CANTING_DEMO_ROOT"));

  /* A machine with no practice workshop yet: the template is built. */
  g_setenv ("CANTING_DEMO_ROOT", root, TRUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), demo_option_step);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);

  /* A name no folder may have is refused on the terminal, nothing made. */
  g_assert_cmpint (g_application_run (G_APPLICATION (refused), G_N_ELEMENTS (bad) - 1, bad), ==, 1);
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  g_setenv ("CANTING_DEMO_ROOT", previous_root, TRUE);
  canting_test_rmdir (root);
}

static void
test_trainer (void)
{
  g_autofree char *root = canting_test_mkdtemp ();

  g_setenv ("CANTING_DEMO_ROOT", root, TRUE);
  run_app (trainer_step);
  run_demo_option ();
  g_unsetenv ("CANTING_DEMO_ROOT");
  canting_test_rmdir (root);
}

/* A stand-in desktop notification server on the session bus, so the
 * test sees what Canting announces (and GLib finds someone to tell). */

static void
on_notify_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_strcmp0 (method, "Notify") == 0)
    {
      const char *summary = NULL, *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notifications->len));
    }
  else if (g_strcmp0 (method, "GetCapabilities") == 0)
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(@as ['body'],)"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
serve_notifications (void)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
    "<arg type='u' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { on_notify_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, &error);
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;

  /* The suite runs in its own session bus (dev.sh, dbus-run-session). */
  g_assert_no_error (error);
  notifications = g_ptr_array_new_with_free_func (g_free);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *data_home = canting_test_mkdtemp ();
  CantingTestKeyring *keyring;
  int rc;

  /* Files chosen in a file chooser go to the recent files: the test's
   * own, not the person's running it. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* The app's own start-up, as in main.c, with Indonesian chosen. */
  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "language", "id");
  /* Wide enough for the view switcher's full labels: libadwaita 1.2's
   * squeezer warns when it narrows with animations off, and warnings are
   * fatal here. */
  g_settings_set_int (settings, "window-width", 1300);
  canting_application_apply_language (settings);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CANTING_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  /* Before anything takes the session bus: shop passwords go to this
   * keyring of the test's own. */
  {
    /* GTestDBus unsets DISPLAY (so D-Bus never autolaunches through X);
     * the window still needs it. */
    g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

    keyring = canting_test_keyring_start ();
    if (display != NULL)
      g_setenv ("DISPLAY", display, TRUE);
    /* That bus has no accessibility bus to offer; this test walks the
     * widgets themselves (the AT-SPI tests are the e2e ones). */
    g_setenv ("GTK_A11Y", "none", TRUE);
  }
  data_dir = canting_test_mkdtemp ();
  serve_notifications ();

  g_test_add_func ("/ui/0-paged-model", test_paged_model);
  g_test_add_func ("/ui/0-rest-later", test_rest_later);
  g_test_add_func ("/ui/0-wrap-box", test_wrap_box);
  g_test_add_func ("/ui/1-first-run", test_first_run);
  g_test_add_func ("/ui/2-restart", test_restart);
  g_test_add_func ("/ui/2-narrow-window", test_narrow_window);
  g_test_add_func ("/ui/2-unclean-start", test_unclean_start);
  g_test_add_func ("/ui/3-damaged-database", test_damaged_database);
  g_test_add_func ("/ui/4-customers", test_customers);
  g_test_add_func ("/ui/5-products", test_products);
  g_test_add_func ("/ui/6-orders", test_orders);
  g_test_add_func ("/ui/7-production", test_production);
  g_test_add_func ("/ui/8-materials", test_materials);
  g_test_add_func ("/ui/9-ipal-standards", test_ipal);
  g_test_add_func ("/ui/10-money", test_money);
  g_test_add_func ("/ui/11-reports", test_reports);
  g_test_add_func ("/ui/12-listing", test_listing);
  g_test_add_func ("/ui/13-guide-and-help", test_guide);
  g_test_add_func ("/ui/14-trainer", test_trainer);
  rc = g_test_run ();
  canting_test_rmdir (data_dir);
  canting_test_rmdir (data_home);
  canting_test_keyring_stop (keyring);
  return rc;
}
