/* canting-share.c: WhatsApp messages about orders. */
#include "canting-share.h"

#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-validate.h"

char *
canting_share_whatsapp_number (const char  *phone,
                               GError     **error)
{
  GString *digits = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (phone != NULL ? phone : ""));

  if (!canting_phone_is_valid (trimmed))
    {
      g_string_free (digits, TRUE);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The customer has no phone number WhatsApp can use. Add one like 0812-3456-7890."));
      return NULL;
    }
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  /* To the international form wa.me wants, for Indonesia: an
   * international prefix 00 goes; a local 0812… and a bare 812… (a
   * spreadsheet drops leading zeros) become 62812…; "62 0812" loses the
   * trunk zero.  Anything else already carries its country code. */
  if (g_str_has_prefix (digits->str, "00"))
    g_string_erase (digits, 0, 2);
  if (digits->str[0] == '0')
    {
      g_string_erase (digits, 0, 1);
      g_string_prepend (digits, "62");
    }
  else if (digits->str[0] == '8')
    g_string_prepend (digits, "62");
  if (g_str_has_prefix (digits->str, "620"))
    g_string_erase (digits, 2, 1);
  return g_string_free (digits, FALSE);
}

char *
canting_share_order_text (const CantingOrder *order,
                          const char         *workshop_name)
{
  GString *text = g_string_new (NULL);
  CantingMoney total = 0;
  g_autofree char *total_text = NULL;
  g_autofree char *paid_text = canting_money_format (order->paid);

  canting_order_compute_total (order, &total, NULL);
  total_text = canting_money_format (total);

  if (workshop_name != NULL && *workshop_name != '\0')
    g_string_append_printf (text, "%s\n", workshop_name);
  g_string_append_printf (text, _("Order %s"), order->number);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < order->items->len; i++)
    {
      const CantingOrderItem *item = g_ptr_array_index (order->items, i);
      g_autofree char *line = canting_money_format (item->quantity * item->unit_price);
      g_string_append_printf (text, "- %s × %" G_GINT64_FORMAT ": %s\n", item->description, item->quantity, line);
    }
  if (order->discount > 0)
    {
      g_autofree char *discount = canting_money_format (order->discount);
      g_string_append_printf (text, _("Discount: %s"), discount);
      g_string_append_c (text, '\n');
    }
  if (order->shipping > 0)
    {
      g_autofree char *shipping = canting_money_format (order->shipping);
      g_string_append_printf (text, _("Shipping: %s"), shipping);
      g_string_append_c (text, '\n');
    }
  g_string_append_printf (text, _("Total: %s"), total_text);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Paid: %s"), paid_text);
  g_string_append_c (text, '\n');
  {
    g_autofree char *balance = canting_money_format (total - order->paid);
    g_string_append_printf (text, _("Balance due: %s"), balance);
  }
  if (order->due_date != NULL)
    {
      g_autofree char *due = canting_date_format (order->due_date);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Ready by: %s"), due);
    }
  return g_string_free (text, FALSE);
}

char *
canting_share_whatsapp_url (const char  *phone,
                            const char  *text,
                            GError     **error)
{
  g_autofree char *number = canting_share_whatsapp_number (phone, error);
  g_autofree char *escaped = NULL;

  if (number == NULL)
    return NULL;
  escaped = g_uri_escape_string (text, NULL, FALSE);
  return g_strdup_printf ("https://wa.me/%s?text=%s", number, escaped);
}
