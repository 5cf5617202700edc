/* canting-customer.h: customers (pelanggan).
 *
 * A customer with orders is never deleted, only archived, so every order
 * keeps its customer. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-money.h"

G_BEGIN_DECLS

#define CANTING_CUSTOMER_ERROR (canting_customer_error_quark ())
typedef enum {
  CANTING_CUSTOMER_FIELD_NAME,
  CANTING_CUSTOMER_FIELD_PHONE,
  CANTING_CUSTOMER_FIELD_ADDRESS,
  CANTING_CUSTOMER_FIELD_CITY,
  CANTING_CUSTOMER_FIELD_NOTES,
} CantingCustomerField;
GQuark canting_customer_error_quark (void);

typedef struct {
  gint64    id;        /* 0 until saved */
  char     *name;
  char     *phone;
  char     *address;
  char     *city;
  char     *notes;
  gboolean  archived;
} CantingCustomer;

#define CANTING_TYPE_CUSTOMER (canting_customer_get_type ())
GType            canting_customer_get_type (void);
CantingCustomer *canting_customer_new      (void);
CantingCustomer *canting_customer_copy     (const CantingCustomer *customer);
void             canting_customer_free     (CantingCustomer       *customer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingCustomer, canting_customer_free)

gboolean         canting_customer_validate (const CantingCustomer  *customer,
                                            GError                **error);
/* Inserts (id 0, and sets it) or updates, after validating; trims text. */
gboolean         canting_customer_save     (CantingDb              *db,
                                            CantingCustomer        *customer,
                                            GError                **error);
CantingCustomer *canting_customer_load     (CantingDb              *db,
                                            gint64                  id,
                                            GError                **error);
/* Refused (CANTING_ERROR_IN_USE) while the customer has orders. */
gboolean         canting_customer_delete   (CantingDb              *db,
                                            gint64                  id,
                                            GError                **error);
gboolean         canting_customer_set_archived (CantingDb          *db,
                                                gint64              id,
                                                gboolean            archived,
                                                GError            **error);

/* Customers whose name, phone or city contains @text (all when empty),
 * by name; one page of at most @limit from @offset.
 * (transfer full) (element-type CantingCustomer) */
GPtrArray       *canting_customer_search   (CantingDb              *db,
                                            const char             *text,
                                            gboolean                include_archived,
                                            guint                   offset,
                                            guint                   limit,
                                            GError                **error);
gint64           canting_customer_count    (CantingDb              *db,
                                            const char             *text,
                                            gboolean                include_archived,
                                            GError                **error);

/* Orders placed and the total bought (orders not cancelled). */
gboolean         canting_customer_history  (CantingDb              *db,
                                            gint64                  id,
                                            gint64                 *out_orders,
                                            CantingMoney           *out_total,
                                            GError                **error);

G_END_DECLS
