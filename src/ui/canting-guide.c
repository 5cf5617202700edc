/* canting-guide.c: the first-run guide and the help pages. */
#include "config.h"

#include "canting-guide.h"

#include <glib/gi18n.h>

/* --- the guide --------------------------------------------------------------- */

struct _CantingGuide
{
  AdwWindow parent_instance;

  AdwCarousel *carousel;
  guint page;               /* the page shown, or being scrolled to */
  int target;               /* the page being scrolled to; -1: none */
  GtkButton *back_button;
  GtkButton *next_button;
  GtkButton *skip_button;
};

G_DEFINE_FINAL_TYPE (CantingGuide, canting_guide, ADW_TYPE_WINDOW)

typedef struct {
  const char *icon;
  const char *title;
  const char *text;
} GuidePage;

static const GuidePage guide_pages[] = {
  { "io.github.canting.Canting", N_("Your Workshop’s Book"),
    N_("Canting keeps your workshop’s records on this computer: orders, production, materials, wastewater and money, "
       "in one place, backed up every day. Nothing goes on the internet unless you publish it.") },
  { "document-edit-symbolic", N_("Orders and Production"),
    N_("Write each order down with its customer, its pieces and the DP (down payment). Follow it through the stages, "
       "from drawing the pattern to dyeing and removing the wax, and see what each pembatik has earned.") },
  { "view-grid-symbolic", N_("Products and Materials"),
    N_("Keep your catalog with photos and prices, and the stock of mori, wax and dyes. Canting takes what an order "
       "uses from stock and tells you when something runs low.") },
  { "weather-showers-symbolic", N_("Wastewater (IPAL)"),
    N_("Note what your wastewater plant does each day and the monthly lab results. Canting says at once whether the "
       "water you let out keeps within the standard, and makes the monthly report for the DLH.") },
  { "accessories-calculator-symbolic", N_("Money and Reports"),
    N_("Payments for orders, purchases and wages go into the book by themselves; add other income and expenses "
       "yourself. Reports show profit, cash, sales and the tax estimate, as a PDF to print or share.") },
  { "send-to-symbolic", N_("Selling Online"),
    N_("Publish products to your own online shop, or make an e-Peken pack for the trade office. Orders from the "
       "shop come into Canting, and the stock stays the same on both sides.") },
};

static void
update_buttons (CantingGuide *self)
{
  gboolean last = self->page + 1 >= adw_carousel_get_n_pages (self->carousel);

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), self->page > 0);
  gtk_button_set_label (self->next_button, last ? _("_Start Using Canting") : _("_Next"));
  gtk_widget_set_visible (GTK_WIDGET (self->skip_button), !last);
}

/* Pages go by the page asked for, not where the animation is: Next
 * pressed twice quickly moves two pages. */
static void
go (CantingGuide *self,
    int           step)
{
  guint n = adw_carousel_get_n_pages (self->carousel);
  int at = (int) self->page + step;

  if (at >= (int) n)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  self->page = (guint) CLAMP (at, 0, (int) n - 1);
  self->target = (int) self->page;
  adw_carousel_scroll_to (self->carousel, adw_carousel_get_nth_page (self->carousel, self->page), TRUE);
  update_buttons (self);
}

/* Swiped or scrolled there; a page passed on the way to the one asked
 * for does not count. */
static void
on_page_changed (AdwCarousel  *carousel,
                 guint         index,
                 CantingGuide *self)
{
  if (self->target >= 0 && index != (guint) self->target)
    return;
  self->target = -1;
  self->page = index;
  update_buttons (self);
}

static void
on_next (CantingGuide *self)
{
  go (self, 1);
}

static void
on_back (CantingGuide *self)
{
  go (self, -1);
}

static void
on_set_up (GtkButton    *button,
           CantingGuide *self)
{
  /* The profile's form, over the guide; the guide stays for after. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

static GtkWidget *
guide_page (const GuidePage *page,
            gboolean         first)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), page->icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _(page->title));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), _(page->text));
  gtk_widget_set_hexpand (status, TRUE);
  gtk_widget_set_vexpand (status, TRUE);
  if (first)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Set Up Workshop Profile"));

      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      adw_status_page_set_child (ADW_STATUS_PAGE (status), button);
    }
  return status;
}

static gboolean
on_key (GtkEventControllerKey *controller,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        CantingGuide          *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    }
  if (keyval == GDK_KEY_Page_Down)
    {
      go (self, 1);
      return TRUE;
    }
  if (keyval == GDK_KEY_Page_Up)
    {
      go (self, -1);
      return TRUE;
    }
  return FALSE;
}

static void
canting_guide_class_init (CantingGuideClass *klass)
{
}

static void
canting_guide_init (CantingGuide *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *dots = adw_carousel_indicator_dots_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->target = -1;
  gtk_window_set_title (GTK_WINDOW (self), _("Getting Started"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 520);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->skip_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("S_kip")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->skip_button), _("Close the guide; it is in the main menu"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->skip_button));
  g_signal_connect_swapped (self->skip_button, "clicked", G_CALLBACK (gtk_window_close), self);
  gtk_box_append (GTK_BOX (box), header);

  self->carousel = ADW_CAROUSEL (adw_carousel_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->carousel), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (guide_pages); i++)
    {
      GtkWidget *page = guide_page (&guide_pages[i], i == 0);

      if (i == 0)
        g_signal_connect (adw_status_page_get_child (ADW_STATUS_PAGE (page)), "clicked", G_CALLBACK (on_set_up), self);
      adw_carousel_append (self->carousel, page);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->carousel));
  adw_carousel_indicator_dots_set_carousel (ADW_CAROUSEL_INDICATOR_DOTS (dots), self->carousel);
  gtk_box_append (GTK_BOX (box), dots);

  gtk_widget_set_margin_start (buttons, 18);
  gtk_widget_set_margin_end (buttons, 18);
  gtk_widget_set_margin_bottom (buttons, 18);
  self->back_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Back")));
  self->next_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Next")));
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  gtk_widget_set_hexpand (GTK_WIDGET (self->next_button), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->next_button), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->back_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->next_button));
  gtk_box_append (GTK_BOX (box), buttons);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (on_next), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back), self);
  g_signal_connect (self->carousel, "page-changed", G_CALLBACK (on_page_changed), self);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  adw_window_set_content (ADW_WINDOW (self), box);
  update_buttons (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

CantingGuide *
canting_guide_new (GtkWindow *parent)
{
  CantingGuide *self = g_object_new (CANTING_TYPE_GUIDE, NULL);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  return self;
}

/* --- help ---------------------------------------------------------------------- */

typedef struct {
  const char *page;    /* the main window's section, or a topic */
  const char *title;
  const char *text;
} HelpPage;

static const HelpPage help_pages[] = {
  { "home", N_("Home"),
    N_("Home shows how the workshop is doing: this month against last month and the same month last year, the "
       "orders due this week and those late, money still owed to you, low stock, the IPAL readings and the products "
       "not yet online. Click a card to open its page. The workshop’s details (name, owner, address, logo) are in "
       "Preferences (Ctrl+,).") },
  { "orders", N_("Orders"),
    N_("Press New Order (Ctrl+N) and choose the customer, the products or a piece made to order, the due date and "
       "any discount or shipping. Record the DP and every payment in the order; Canting shows what is still owed. "
       "Move the order on with Confirm, Mark Ready and Hand Over; a confirmed order reserves its materials. A "
       "receipt (nota) can be printed or shared from the order. Search (Ctrl+F) finds orders by number, customer or "
       "product.") },
  { "production", N_("Production"),
    N_("Each order in production goes through its stages: drawing the pattern, waxing, dyeing, removing the wax "
       "and so on. Give each stage to a pembatik and mark it done; the wages they earn are added up under "
       "Workers.") },
  { "products", N_("Products"),
    N_("The catalog: name, SKU, motif, technique, price, weight, stock and photos. Select several products (Ctrl or "
       "Shift with a click, Ctrl+A for all) to publish them, or to make a catalogue PDF or an e-Peken pack of them. "
       "The Publish menu sends products to your online shop; Online Shops… in the ⋮ menu adds a shop and its "
       "categories.") },
  { "materials", N_("Materials"),
    N_("Mori, wax, dyes and chemicals: record purchases (paid or not yet), what production uses, waste and counts. "
       "Stock never goes below zero, and low stock is marked. A product’s recipe says what one piece uses, so "
       "orders take it from stock by themselves. Shortages can be copied, sent by WhatsApp or saved for the "
       "supplier.") },
  { "ipal", N_("Wastewater (IPAL)"),
    N_("The wastewater plant’s daily log (volumes, pH, temperature, what was seen and dosed), the monthly lab tests "
       "and the sludge handed over. Every value is checked against the standard that applies: Permen LH 12/2025 "
       "unless a stricter regional one is chosen under Standards. Trends charts each value against its limit; "
       "Monthly Report makes the report for the DLH.") },
  { "money", N_("Money"),
    N_("The book of income, expenses and transfers between cash, bank and QRIS or e-wallet. Order payments, "
       "purchases and wages are written in by themselves; add the rest with the buttons at the top. Receivables "
       "shows who still owes you, and what you owe suppliers and workers. Reports (profit and loss, cash flow, "
       "sales, tax estimate) are made as PDF or CSV.") },
  { "workers", N_("Workers"),
    N_("The pembatik and other workers, their rates per stage, the work they have done and what they are owed. "
       "Paying wages records the expense under Money.") },
  { "customers", N_("Customers"),
    N_("Your customers’ names, phone numbers (for WhatsApp) and cities, with their orders. Customers of the online "
       "shop are added by themselves when their orders come in.") },
  { "backup", N_("Backups"),
    N_("Canting backs up the workshop’s book every day and keeps the last fourteen copies. Preferences → Backup "
       "makes one now, saves a copy elsewhere (a USB stick) or brings an earlier one back.") },
};

static GtkWidget *
help_page (const HelpPage *page)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_(page->title));
  GtkWidget *text = gtk_label_new (_(page->text));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  return scrolled;
}

static GtkWindow *
help_window_new (GtkWindow *parent)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *panes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *sidebar = gtk_stack_sidebar_new ();

  gtk_window_set_title (window, _("Canting Help"));
  gtk_window_set_default_size (window, 820, 560);
  gtk_window_set_transient_for (window, parent);
  gtk_window_set_application (window, gtk_window_get_application (parent));
  gtk_window_set_hide_on_close (window, FALSE);
  {
    /* Escape closes help, as it does Canting's other windows. */
    GtkEventController *keys = gtk_shortcut_controller_new ();
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (GTK_WIDGET (window), keys);
  }
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  for (guint i = 0; i < G_N_ELEMENTS (help_pages); i++)
    gtk_stack_add_titled (GTK_STACK (stack), help_page (&help_pages[i]), help_pages[i].page, _(help_pages[i].title));
  gtk_stack_sidebar_set_stack (GTK_STACK_SIDEBAR (sidebar), GTK_STACK (stack));
  gtk_widget_set_size_request (sidebar, 200, -1);
  gtk_widget_set_hexpand (stack, TRUE);
  gtk_widget_set_vexpand (panes, TRUE);
  gtk_box_append (GTK_BOX (panes), sidebar);
  gtk_box_append (GTK_BOX (panes), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (panes), stack);
  gtk_box_append (GTK_BOX (box), panes);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "canting-help-stack", stack);
  return window;
}

static void
forget_help (GtkWindow *parent)
{
  g_object_set_data (G_OBJECT (parent), "canting-help", NULL);
}

GtkWindow *
canting_help_show (GtkWindow  *parent,
                   const char *page)
{
  GtkWindow *window = g_object_get_data (G_OBJECT (parent), "canting-help");
  GtkStack *stack;

  if (window == NULL)
    {
      window = help_window_new (parent);
      g_object_set_data (G_OBJECT (parent), "canting-help", window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (forget_help), parent, G_CONNECT_SWAPPED);
    }
  stack = g_object_get_data (G_OBJECT (window), "canting-help-stack");
  if (page != NULL && gtk_stack_get_child_by_name (stack, page) != NULL)
    gtk_stack_set_visible_child_name (stack, page);
  gtk_window_present (window);
  return window;
}
