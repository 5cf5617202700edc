/* canting-wrap-box.c: a row of buttons that goes on to a second line
 * when the window is narrower than the row, instead of making the
 * window wider than a small screen (a 1024-pixel projector in a
 * training room, an old netbook).  A page's toolbar in a GtkBox asked
 * for the width of all its buttons side by side: the IPAL page's six,
 * in Indonesian, 1066 pixels.  libadwaita 1.2 has no wrap box (AdwWrapBox
 * came with 1.7) and a GtkFlowBox makes each button a selectable list
 * item, a focus stop of its own.
 *
 * Children keep their order; each line is packed to the end, as a
 * header's buttons are (mirrored right to left).  Not for long lists:
 * every child is measured on each layout. */
#include "canting-wrap-box.h"

struct _CantingWrapBox {
  GtkWidget parent_instance;
  int       spacing;       /* between two buttons on a line */
  int       line_spacing;  /* between two lines */
};

enum {
  PROP_0,
  PROP_SPACING,
  PROP_LINE_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void canting_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CantingWrapBox, canting_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, canting_wrap_box_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/* A child's natural width, no wider than @width (when @width is set)
 * and no narrower than its minimum. */
static int
child_width (GtkWidget *child,
             int        width)
{
  int min, nat;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return width < 0 ? nat : MAX (min, MIN (nat, width));
}

/* Calls @line (nullable) for each line the children make in @width
 * (-1: one line), with the first child of the line, the one after its
 * last, and the line's width and height; returns the minimum height of
 * all the lines, and their natural height in @natural_height. */
typedef void (*LineFunc) (CantingWrapBox *self,
                          GtkWidget      *first,
                          GtkWidget      *end,
                          int             width,
                          int             line_width,
                          int             y,
                          int             line_height);

static int
layout_lines (CantingWrapBox *self,
              int             width,
              int            *natural_height,
              LineFunc        line)
{
  GtkWidget *first = NULL;
  int used = 0, line_min = 0, line_nat = 0, y_min = 0, y_nat = 0, lines = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));; child = gtk_widget_get_next_sibling (child))
    {
      gboolean shown = child != NULL && gtk_widget_should_layout (child);
      int w = shown ? child_width (child, width) : 0;

      if (child == NULL || (shown && first != NULL && width >= 0 && used + self->spacing + w > width))
        {
          /* The line so far is complete. */
          if (first != NULL)
            {
              int gap = lines > 0 ? self->line_spacing : 0;

              if (line != NULL)
                line (self, first, child, width, used, y_nat + gap, line_nat);
              y_min += gap + line_min;
              y_nat += gap + line_nat;
              lines++;
            }
          if (child == NULL)
            break;
          first = NULL;
          used = line_min = line_nat = 0;
        }
      if (!shown)
        continue;
      {
        int min, nat;

        gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min, &nat, NULL, NULL);
        line_min = MAX (line_min, min);
        line_nat = MAX (line_nat, nat);
      }
      used += (first != NULL ? self->spacing : 0) + w;
      if (first == NULL)
        first = child;
    }
  if (natural_height != NULL)
    *natural_height = y_nat;
  return y_min;
}

static void
canting_wrap_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CantingWrapBox *self = CANTING_WRAP_BOX (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = layout_lines (self, for_size, natural, NULL);
      return;
    }
  /* As narrow as the widest button; as wide as all on one line. */
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural += (*natural > 0 ? self->spacing : 0) + nat;
    }
}

static void
allocate_line (CantingWrapBox *self,
               GtkWidget      *first,
               GtkWidget      *end,
               int             width,
               int             line_width,
               int             y,
               int             line_height)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  /* Packed to the end of the line. */
  int x = MAX (0, width - line_width);

  for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
    {
      int w;

      if (!gtk_widget_should_layout (child))
        continue;
      w = child_width (child, width);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { rtl ? width - x - w : x, y, w, line_height }, -1);
      x += w + self->spacing;
    }
}

static void
canting_wrap_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  layout_lines (CANTING_WRAP_BOX (widget), width, NULL, allocate_line);
}

static GtkSizeRequestMode
canting_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

void
canting_wrap_box_append (CantingWrapBox *self,
                         GtkWidget      *child)
{
  g_return_if_fail (CANTING_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

GtkWidget *
canting_wrap_box_new (void)
{
  return g_object_new (CANTING_TYPE_WRAP_BOX, NULL);
}

static void
canting_wrap_box_add_child (GtkBuildable *buildable,
                            GtkBuilder   *builder,
                            GObject      *child,
                            const char   *type)
{
  if (GTK_IS_WIDGET (child))
    canting_wrap_box_append (CANTING_WRAP_BOX (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
canting_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = canting_wrap_box_add_child;
}

static void
canting_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (canting_wrap_box_parent_class)->dispose (object);
}

static void
canting_wrap_box_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CantingWrapBox *self = CANTING_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_LINE_SPACING:
      g_value_set_int (value, self->line_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
canting_wrap_box_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CantingWrapBox *self = CANTING_WRAP_BOX (object);
  int *field;

  switch (prop_id)
    {
    case PROP_SPACING:
      field = &self->spacing;
      break;
    case PROP_LINE_SPACING:
      field = &self->line_spacing;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_int (value))
    return;
  *field = g_value_get_int (value);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (object, pspec);
}

static void
canting_wrap_box_class_init (CantingWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = canting_wrap_box_dispose;
  object_class->get_property = canting_wrap_box_get_property;
  object_class->set_property = canting_wrap_box_set_property;
  widget_class->measure = canting_wrap_box_measure;
  widget_class->size_allocate = canting_wrap_box_size_allocate;
  widget_class->get_request_mode = canting_wrap_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_SPACING] =
    g_param_spec_int ("line-spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wrapbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
canting_wrap_box_init (CantingWrapBox *self)
{
}
