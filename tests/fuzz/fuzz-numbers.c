/* fuzz-numbers.c: the money, quantity and unit readers on any text.
 *
 * Besides not crashing, what Canting writes it must read back: any amount
 * or quantity that parses is formatted and parsed again, and must come
 * back the same. */
#include "fuzz.h"

#include "canting-money.h"
#include "canting-quantity.h"
#include "canting-unit.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_setup_logging (NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  CantingMoney money = 0;
  CantingQuantity quantity = 0;
  CantingUnit unit;

  if (canting_money_parse (text, &money, NULL))
    {
      g_autofree char *shown = canting_money_format (money);
      CantingMoney again = 0;

      FUZZ_CHECK (canting_money_parse (shown, &again, NULL));
      FUZZ_CHECK (again == money);
    }
  if (canting_quantity_parse (text, &quantity, NULL))
    {
      g_autofree char *shown = canting_quantity_format (quantity);
      CantingQuantity again = 0;

      FUZZ_CHECK (canting_quantity_parse (shown, &again, NULL));
      FUZZ_CHECK (again == quantity);
    }
  {
    g_autoptr(GError) error = NULL;

    /* A refusal must say something. */
    if (!canting_unit_parse (text, &unit, &error))
      FUZZ_CHECK (error != NULL && error->message[0] != '\0');
  }
  return 0;
}
