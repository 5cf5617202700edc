/* canting-form.c: what record forms share: showing a field error, reading
 * a quantity, saving from the keyboard, drop-downs of long lists, and
 * opening a tall form a group at a time. */
#include "canting-form.h"

#include "canting-accessible.h"
#include "canting-quantity.h"

void
canting_form_show_error (GtkWidget   **rows,
                         guint         n_rows,
                         GQuark        domain,
                         const GError *error,
                         GtkWidget    *group,
                         GtkLabel     *label)
{
  for (guint i = 0; i < n_rows; i++)
    {
      if (rows[i] == NULL)
        continue;
      gtk_widget_remove_css_class (rows[i], "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (group, error != NULL);
  gtk_label_set_text (label, error != NULL ? error->message : "");
  if (error == NULL || error->domain != domain || error->code < 0 || (guint) error->code >= n_rows ||
      rows[error->code] == NULL)
    return;

  gtk_widget_add_css_class (rows[error->code], "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (rows[error->code]), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_widget_grab_focus (rows[error->code]);
}

gboolean
canting_form_read_quantity (AdwEntryRow  *row,
                            gint64        empty_value,
                            GQuark        domain,
                            int           code,
                            gint64       *out,
                            GError      **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) local = NULL;

  if (*text == '\0')
    {
      *out = empty_value;
      return TRUE;
    }
  if (canting_quantity_parse (text, out, &local))
    return TRUE;
  g_set_error (error, domain, code, "%s: %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
               local->message);
  return FALSE;
}

void
canting_form_show_quantity (AdwEntryRow *row,
                            gint64       value,
                            gint64       empty_value)
{
  g_autofree char *text = value != empty_value ? canting_quantity_format (value) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
save_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  GObject *button = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget), "save_button");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  GtkWidget *spin = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) : NULL;

  if (!GTK_IS_WIDGET (button) || !gtk_widget_is_visible (GTK_WIDGET (button)) ||
      !gtk_widget_is_sensitive (GTK_WIDGET (button)))
    return FALSE;
  /* A number typed in a spin button counts only once it is committed,
   * which a click on Save does by taking the focus; Ctrl+S leaves the
   * focus where it is. */
  if (spin != NULL)
    gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  gtk_widget_activate (GTK_WIDGET (button));
  return TRUE;
}

void
canting_form_add_save_shortcut (GtkWidgetClass *klass)
{
  gtk_widget_class_add_binding (klass, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut, NULL);
}

/* The drop-down's menu: its popover child, or NULL. */
static GtkWidget *
menu_of (GtkDropDown *drop_down)
{
  GtkWidget *menu = gtk_widget_get_first_child (GTK_WIDGET (drop_down));

  while (menu != NULL && !GTK_IS_POPOVER (menu))
    menu = gtk_widget_get_next_sibling (menu);
  return menu;
}

static void
on_menu_shown (GtkWidget   *popover,
               GtkDropDown *drop_down)
{
  /* The drop-down's own rows, from now on. */
  g_signal_handlers_disconnect_by_func (popover, on_menu_shown, drop_down);
  gtk_drop_down_set_list_factory (drop_down, NULL);
}

void
canting_form_defer_menu_rows (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) nothing = NULL;
  GtkWidget *menu = menu_of (drop_down);

  if (menu == NULL)
    return;
  /* Rows with nothing in them until then. */
  nothing = gtk_signal_list_item_factory_new ();
  gtk_drop_down_set_list_factory (drop_down, nothing);
  g_signal_connect_object (menu, "show", G_CALLBACK (on_menu_shown), drop_down, 0);
}

/* The rows of canting_form_shorten_chosen(): a name and a tick, as in
 * GTK 4.8's own drop-down rows. */
static void
on_name_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *tick = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "object-select-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), tick);
  gtk_list_item_set_child (item, box);
}

static void
show_tick (GtkDropDown *drop_down,
           GParamSpec  *pspec,
           GtkListItem *item)
{
  GtkWidget *tick = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (tick, gtk_drop_down_get_selected_item (drop_down) == gtk_list_item_get_item (item) ? 1.0 : 0.0);
}

static void
on_name_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GtkDropDown              *drop_down)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  gboolean in_menu = gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL;

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_label_set_ellipsize (GTK_LABEL (label), in_menu ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (gtk_widget_get_last_child (box), in_menu);
  if (in_menu)
    {
      g_signal_connect (drop_down, "notify::selected-item", G_CALLBACK (show_tick), item);
      show_tick (drop_down, NULL, item);
    }
}

static void
on_name_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GtkDropDown              *drop_down)
{
  g_signal_handlers_disconnect_by_func (drop_down, show_tick, item);
}

void
canting_form_shorten_chosen (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_name_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_name_bind), drop_down);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_name_unbind), drop_down);
  gtk_drop_down_set_factory (drop_down, factory);
}

void
canting_form_splice_choices (GtkDropDown        *drop_down,
                             GtkStringList      *names,
                             guint               position,
                             guint               n_removals,
                             const char * const *additions)
{
  gboolean none_chosen = gtk_drop_down_get_selected (drop_down) == GTK_INVALID_LIST_POSITION;

  gtk_string_list_splice (names, position, n_removals, additions);
  if (none_chosen)
    gtk_drop_down_set_selected (drop_down, GTK_INVALID_LIST_POSITION);
}

void
canting_form_set_none_text (GtkDropDown *drop_down,
                            const char  *text)
{
  /* GTK 4.8 shows a label from the "empty" page of a stack in its
   * button; with another GTK, whatever it shows stays. */
  GtkWidget *stack = canting_find_descendant (GTK_WIDGET (drop_down), GTK_TYPE_STACK);
  GtkWidget *none = stack != NULL ? gtk_stack_get_child_by_name (GTK_STACK (stack), "empty") : NULL;

  if (GTK_IS_LABEL (none))
    gtk_label_set_text (GTK_LABEL (none), text);
}

typedef struct {
  GSourceFunc step;
  gpointer data;
  GDestroyNotify destroy;
  GdkFrameClock *clock;   /* weak */
  gulong painted;
  guint idle;
  GtkWidget *held_page;   /* shown before the first step (canting_form_present()) */
  GtkWidget *held_focus;  /* weak: the field in it the form gave the focus */
} Frames;

static void
frames_free (Frames *frames)
{
  if (frames->clock != NULL && frames->painted != 0)
    g_signal_handler_disconnect (frames->clock, frames->painted);
  g_clear_weak_pointer (&frames->clock);
  g_clear_object (&frames->held_page);
  g_clear_weak_pointer (&frames->held_focus);
  g_clear_handle_id (&frames->idle, g_source_remove);
  if (frames->destroy != NULL)
    frames->destroy (frames->data);
  g_free (frames);
}

static void
run_step (gpointer data)
{
  Frames *frames = data;

  frames->idle = 0;
  if (frames->clock == NULL)
    return;
  if (frames->held_page != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (frames->held_page);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      gtk_widget_set_visible (frames->held_page, TRUE);
      /* Showing the window without a focus in view gave it to the first
       * button of the header: the field the form chose takes it back, or
       * else the form's first field, where a person starts typing. */
      if (focus == NULL || !gtk_widget_is_ancestor (focus, frames->held_page))
        {
          if (frames->held_focus != NULL)
            gtk_widget_grab_focus (frames->held_focus);
          else
            gtk_widget_child_focus (frames->held_page, GTK_DIR_TAB_FORWARD);
        }
      g_clear_weak_pointer (&frames->held_focus);
      g_clear_object (&frames->held_page);
      gdk_frame_clock_request_phase (frames->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }
  if (frames->step (frames->data) == G_SOURCE_REMOVE)
    {
      g_signal_handler_disconnect (frames->clock, frames->painted);
      frames->painted = 0;
    }
  else
    /* A step that changed nothing on screen still gets a frame after it. */
    gdk_frame_clock_request_phase (frames->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

/* After each frame, the next step, in an idle: not in the frame. */
static void
on_frame_painted (GdkFrameClock *clock,
                  Frames        *frames)
{
  if (frames->idle == 0)
    frames->idle = g_idle_add_once (run_step, frames);
}

static void
on_frames_mapped (GtkWidget *window,
                  Frames    *frames)
{
  g_signal_handlers_disconnect_by_func (window, on_frames_mapped, frames);
  g_set_weak_pointer (&frames->clock, gtk_widget_get_frame_clock (window));
  frames->painted = g_signal_connect (frames->clock, "after-paint", G_CALLBACK (on_frame_painted), frames);
}

static void
on_frames_window_destroyed (GtkWidget *window)
{
  g_object_set_data (G_OBJECT (window), "canting-form-frames", NULL);
}

void
canting_form_step_after_frames (GtkWindow      *window,
                                GSourceFunc     step,
                                gpointer        data,
                                GDestroyNotify  destroy)
{
  Frames *frames = g_new0 (Frames, 1);

  frames->step = step;
  frames->data = data;
  frames->destroy = destroy;
  /* Stopped as the window goes, not later when it is freed. */
  g_object_set_data_full (G_OBJECT (window), "canting-form-frames", frames, (GDestroyNotify) frames_free);
  g_signal_connect (window, "destroy", G_CALLBACK (on_frames_window_destroyed), NULL);
  g_signal_connect (window, "map", G_CALLBACK (on_frames_mapped), frames);
}

static gboolean
present_now (gpointer data)
{
  GWeakRef *weak = data;
  g_autoptr(GtkWindow) window = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  if (window != NULL && !gtk_widget_in_destruction (GTK_WIDGET (window)))
    gtk_window_present (window);
  return G_SOURCE_REMOVE;
}

static gboolean
no_more_steps (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* Presenting a window measures everything it shows, and a form's rows
 * with their wrapping explanations took 10-20 ms of that on a slow
 * machine, then as long again to lay out and draw in its first frame:
 * both in one go held up frames.  The form's page is therefore hidden
 * until its first frame (the header alone) is drawn, and shown in the
 * step after it, before the form's own steps.  Hidden, not taken out:
 * a field the form gave the focus keeps it. */
static void
hold_page (GtkWindow *window)
{
  GtkWidget *page = canting_find_descendant (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE);
  GtkWidget *focus = gtk_window_get_focus (window);
  Frames *frames;

  if (page == NULL || !gtk_widget_get_visible (page) || gtk_widget_get_mapped (GTK_WIDGET (window)))
    return;
  frames = g_object_get_data (G_OBJECT (window), "canting-form-frames");
  if (frames == NULL)
    {
      canting_form_step_after_frames (window, no_more_steps, NULL, NULL);
      frames = g_object_get_data (G_OBJECT (window), "canting-form-frames");
    }
  g_set_object (&frames->held_page, page);
  gtk_widget_set_visible (page, FALSE);
  if (focus != NULL && gtk_widget_is_ancestor (focus, page))
    g_set_weak_pointer (&frames->held_focus, focus);
}

void
canting_form_present (GtkWindow *window)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_return_if_fail (GTK_IS_WINDOW (window));
  hold_page (window);
  g_weak_ref_init (weak, window);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_now, weak, NULL);
}

typedef struct {
  GtkWidget *parent;      /* weak */
  GtkWidget *after;       /* weak: where the next one goes back, NULL first */
  GPtrArray *held;        /* the widgets taken out, in order */
  guint next;
} Later;

static void
later_free (Later *later)
{
  g_clear_weak_pointer (&later->parent);
  g_clear_weak_pointer (&later->after);
  g_ptr_array_unref (later->held);
  g_free (later);
}

/* Puts the next widget back where it was; one the form has hidden
 * meanwhile goes back at once, with the next. */
static gboolean
show_next (gpointer data)
{
  Later *later = data;

  while (later->next < later->held->len && later->parent != NULL)
    {
      GtkWidget *widget = g_ptr_array_index (later->held, later->next++);

      gtk_widget_insert_after (widget, later->parent, later->after);
      g_set_weak_pointer (&later->after, widget);
      if (gtk_widget_get_visible (widget))
        break;
    }
  return later->next < later->held->len && later->parent != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void
canting_form_show_rest_later (GtkWindow *window,
                              GtkWidget *first)
{
  Later *later = g_new0 (Later, 1);
  GtkWidget *next;

  g_set_weak_pointer (&later->parent, gtk_widget_get_parent (first));
  g_set_weak_pointer (&later->after, gtk_widget_get_prev_sibling (first));
  later->held = g_ptr_array_new_with_free_func (g_object_unref);
  /* Taken out of the form rather than hidden: the form stays free to
   * show or hide them meanwhile. */
  for (GtkWidget *w = first; w != NULL; w = next)
    {
      next = gtk_widget_get_next_sibling (w);
      g_ptr_array_add (later->held, g_object_ref (w));
      gtk_widget_unparent (w);
    }
  canting_form_step_after_frames (window, show_next, later, (GDestroyNotify) later_free);
}

typedef struct {
  GCallback callback;
  GObject *object;   /* weak */
} MenuOpen;

static void
menu_open_free (gpointer  data,
                GClosure *closure)
{
  MenuOpen *open = data;

  g_clear_weak_pointer (&open->object);
  g_free (open);
}

static void
menu_opening (MenuOpen *open)
{
  if (open->object != NULL)
    ((void (*) (gpointer)) open->callback) (open->object);
}

static void
on_menu_press (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               MenuOpen        *open)
{
  menu_opening (open);
}

static gboolean
on_menu_key (GtkEventControllerKey *keys,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             MenuOpen              *open)
{
  /* The keys that open a drop-down's menu. */
  if (keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space || keyval == GDK_KEY_Return ||
      keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    menu_opening (open);
  return GDK_EVENT_PROPAGATE;
}

static MenuOpen *
menu_open_new (GCallback  callback,
               gpointer   object)
{
  MenuOpen *open = g_new0 (MenuOpen, 1);

  open->callback = callback;
  g_set_weak_pointer (&open->object, object);
  return open;
}

gboolean
canting_form_on_menu_open (GtkDropDown *drop_down,
                           GCallback    callback,
                           gpointer     object)
{
  GtkWidget *menu = menu_of (drop_down);
  GtkGesture *press;
  GtkEventController *keys;

  if (menu == NULL)
    return FALSE;
  /* Before the drop-down sees the click or the key that opens it: the
   * menu then opens on the whole list, its first row ready for the
   * keyboard (a list that grows as the menu shows leaves the focus in
   * its search field). */
  press = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect_data (press, "pressed", G_CALLBACK (on_menu_press), menu_open_new (callback, object),
                         menu_open_free, 0);
  gtk_widget_add_controller (GTK_WIDGET (drop_down), GTK_EVENT_CONTROLLER (press));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_data (keys, "key-pressed", G_CALLBACK (on_menu_key), menu_open_new (callback, object),
                         menu_open_free, 0);
  gtk_widget_add_controller (GTK_WIDGET (drop_down), keys);
  /* Any other way it opens (an assistive technology's action, say). */
  g_signal_connect_object (menu, "show", callback, object, G_CONNECT_SWAPPED);
  return TRUE;
}
