/* canting-ledger.h: money in and out (Keuangan): accounts, categories and
 * the ledger of income, expenses and transfers.
 *
 * Order payments, material purchases and wage payments enter the ledger
 * by themselves (schema triggers), exactly once, and follow their source:
 * such an automatic entry can be moved to another account or category
 * here, but its date and amount change only where it came from.  Entries
 * typed by hand can be edited and voided (and un-voided: undo).  Nothing
 * is ever deleted, so a balance can always be explained. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"
#include "canting-money.h"

G_BEGIN_DECLS

#define CANTING_LEDGER_ERROR (canting_ledger_error_quark ())
typedef enum {
  CANTING_LEDGER_FIELD_DATE,
  CANTING_LEDGER_FIELD_AMOUNT,
  CANTING_LEDGER_FIELD_CATEGORY,
  CANTING_LEDGER_FIELD_ACCOUNT,
  CANTING_LEDGER_FIELD_TO_ACCOUNT,
  CANTING_LEDGER_FIELD_NOTE,
  CANTING_LEDGER_FIELD_NAME,             /* of an account or category */
  CANTING_LEDGER_FIELD_OPENING_BALANCE,
  /* An automatic entry: change the payment, purchase or wage instead. */
  CANTING_LEDGER_FIELD_SOURCE,
} CantingLedgerField;
GQuark canting_ledger_error_quark (void);

/* The largest single entry, Rp 10 billion: far beyond a workshop's year,
 * small enough that ten years of entries cannot overflow a sum. */
#define CANTING_LEDGER_AMOUNT_MAX G_GINT64_CONSTANT (10000000000)

typedef enum {
  CANTING_ENTRY_INCOME,
  CANTING_ENTRY_EXPENSE,
  CANTING_ENTRY_TRANSFER,    /* from one account to another */
} CantingEntryKind;
#define CANTING_ENTRY_KIND_COUNT 3

const char *canting_entry_kind_to_string   (CantingEntryKind  kind);
const char *canting_entry_kind_label       (CantingEntryKind  kind);  /* translated */
gboolean    canting_entry_kind_from_string (const char       *text,
                                            CantingEntryKind *out_kind);

typedef enum {
  CANTING_ENTRY_SOURCE_NONE,      /* typed by hand */
  CANTING_ENTRY_SOURCE_PAYMENT,   /* an order's payment (DP or later) */
  CANTING_ENTRY_SOURCE_PURCHASE,  /* a material purchase */
  CANTING_ENTRY_SOURCE_WAGE,      /* a wage paid to a worker */
} CantingEntrySource;
#define CANTING_ENTRY_SOURCE_COUNT 4

const char *canting_entry_source_label (CantingEntrySource source);  /* translated */

/* --- accounts ------------------------------------------------------------ */

typedef enum {
  CANTING_ACCOUNT_CASH,      /* kas: the cash box */
  CANTING_ACCOUNT_BANK,
  CANTING_ACCOUNT_EWALLET,   /* QRIS, e-wallets */
} CantingAccountKind;
#define CANTING_ACCOUNT_KIND_COUNT 3

const char *canting_account_kind_to_string   (CantingAccountKind  kind);
const char *canting_account_kind_label       (CantingAccountKind  kind);
gboolean    canting_account_kind_from_string (const char         *text,
                                              CantingAccountKind *out_kind);

typedef struct {
  gint64              id;               /* 0 until saved */
  char               *name;
  CantingAccountKind  kind;
  CantingMoney        opening_balance;  /* what it held when the ledger began */
  gboolean            archived;
  /* Read-only: opening balance + income − expenses ± transfers. */
  CantingMoney        balance;
} CantingAccount;

CantingAccount *canting_account_new  (void);
CantingAccount *canting_account_copy (const CantingAccount *account);
void            canting_account_free (CantingAccount       *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingAccount, canting_account_free)

gboolean        canting_account_validate (const CantingAccount  *account,
                                          GError               **error);
/* Inserts or updates (archived flag included); a name another account
 * has is refused. */
gboolean        canting_account_save     (CantingDb             *db,
                                          CantingAccount        *account,
                                          GError               **error);
/* (transfer full) (element-type CantingAccount): with their balances, in
 * the order they were made. */
GPtrArray      *canting_account_list     (CantingDb             *db,
                                          gboolean               include_archived,
                                          GError               **error);

/* --- categories ---------------------------------------------------------- */

typedef struct {
  gint64            id;        /* 0 until saved */
  CantingEntryKind  kind;      /* income or expense */
  char             *name;
  gboolean          archived;
  /* Read-only: "sales", "wages"… for the ones automatic entries and
   * reports rely on; NULL for a workshop's own. */
  char             *code;
} CantingCategory;

CantingCategory *canting_category_new  (void);
void             canting_category_free (CantingCategory *category);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingCategory, canting_category_free)

gboolean         canting_category_validate (const CantingCategory  *category,
                                            GError                **error);
/* Inserts or updates; a category's kind is fixed once saved. */
gboolean         canting_category_save     (CantingDb              *db,
                                            CantingCategory        *category,
                                            GError                **error);
/* (transfer full) (element-type CantingCategory): of @kind (or every
 * kind when @kind < 0), by name. */
GPtrArray       *canting_category_list     (CantingDb              *db,
                                            int                     kind,
                                            gboolean                include_archived,
                                            GError                **error);

/* --- entries ------------------------------------------------------------- */

typedef struct {
  gint64              id;             /* 0 until saved */
  char               *on_date;        /* YYYY-MM-DD */
  CantingEntryKind    kind;
  CantingMoney        amount;         /* above zero */
  gint64              category_id;    /* income and expenses; 0 for transfers */
  gint64              account_id;     /* where it came in or went out; a transfer's source */
  gint64              to_account_id;  /* transfers only; else 0 */
  char               *note;
  /* Read-only: */
  CantingEntrySource  source;
  gint64              source_id;
  gint64              order_id;       /* payments: the order paid; else 0 */
  gboolean            voided;
  char               *category_name;  /* NULL for transfers */
  char               *account_name;
  char               *to_account_name;
  char               *source_text;    /* "PSN-2026-0001 · Bu Sri", "Mori prima", … or "" */
} CantingEntry;

#define CANTING_TYPE_ENTRY (canting_entry_get_type ())
GType         canting_entry_get_type (void);
CantingEntry *canting_entry_new  (CantingEntryKind    kind);
CantingEntry *canting_entry_copy (const CantingEntry *entry);
void          canting_entry_free (CantingEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingEntry, canting_entry_free)

gboolean      canting_entry_validate (const CantingEntry  *entry,
                                      GError             **error);
/* Inserts or updates an entry typed by hand.  Of an automatic entry only
 * the account and category are taken (they say where the money went); its
 * date and amount follow its source. */
gboolean      canting_entry_save     (CantingDb           *db,
                                      CantingEntry        *entry,
                                      GError             **error);
CantingEntry *canting_entry_load     (CantingDb           *db,
                                      gint64               id,
                                      GError             **error);
/* Voids (or restores) an entry typed by hand; it stays listed, struck
 * out, and counts nowhere.  Automatic entries are refused with
 * CANTING_LEDGER_FIELD_SOURCE. */
gboolean      canting_entry_set_voided (CantingDb         *db,
                                        gint64             id,
                                        gboolean           voided,
                                        GError           **error);

typedef struct {
  const char *from;          /* YYYY-MM-DD, inclusive; NULL: from the start */
  const char *to;            /* YYYY-MM-DD, inclusive; NULL: to the end */
  int         kind;          /* a CantingEntryKind, or -1 for any */
  gint64      account_id;    /* touching this account (either side of a transfer); 0: any */
  gint64      category_id;   /* 0: any */
  const char *text;          /* note, category, account or source contains; NULL/"" for all */
  gboolean    include_voided;
} CantingLedgerFilter;

/* One page of entries, newest first.  (transfer full) (element-type CantingEntry) */
GPtrArray    *canting_ledger_search (CantingDb                 *db,
                                     const CantingLedgerFilter *filter,
                                     guint                      offset,
                                     guint                      limit,
                                     GError                   **error);
/* Whether anything was ever recorded, voided entries too (no count of
 * ten years of entries to find out). */
gboolean      canting_ledger_has_entries (CantingDb  *db,
                                          GError    **error);
gint64        canting_ledger_count  (CantingDb                 *db,
                                     const CantingLedgerFilter *filter,
                                     GError                   **error);

typedef struct {
  CantingMoney income;
  CantingMoney expense;
} CantingLedgerTotals;

/* Income and expenses (transfers are neither) of the entries @filter
 * picks, voided ones never counted. */
gboolean      canting_ledger_totals (CantingDb                 *db,
                                     const CantingLedgerFilter *filter,
                                     CantingLedgerTotals       *out_totals,
                                     GError                   **error);

/* --- periods ------------------------------------------------------------ */

/* The periods the Keuangan page and the dashboard look at. */
typedef enum {
  CANTING_PERIOD_THIS_MONTH,
  CANTING_PERIOD_LAST_MONTH,
  CANTING_PERIOD_THIS_YEAR,
  CANTING_PERIOD_LAST_YEAR,
  CANTING_PERIOD_ALL,
} CantingPeriod;
#define CANTING_PERIOD_COUNT 5

const char *canting_period_label (CantingPeriod period);  /* translated */
/* The first and last day of @period around @today (YYYY-MM-DD, NULL for
 * the local date); NULL both for CANTING_PERIOD_ALL.  (transfer full) */
void        canting_period_range (CantingPeriod   period,
                                  const char     *today,
                                  char          **out_from,
                                  char          **out_to);
/* The first and last day of the month @months_back before @today's
 * (0: its own month; 12: the same month last year).  (transfer full) */
void        canting_month_range  (const char     *today,
                                  int             months_back,
                                  char          **out_from,
                                  char          **out_to);

/* --- receivables --------------------------------------------------------- */

/* How long a balance has been due, the usual ageing columns. */
typedef enum {
  CANTING_AGE_NOT_DUE,     /* due date still ahead */
  CANTING_AGE_1_30,        /* 1 to 30 days past due */
  CANTING_AGE_31_60,
  CANTING_AGE_61_90,
  CANTING_AGE_OVER_90,
} CantingAgeBucket;
#define CANTING_AGE_BUCKET_COUNT 5

const char *canting_age_bucket_label (CantingAgeBucket bucket);  /* translated */

typedef struct {
  gint64            order_id;
  char             *order_number;
  char             *customer_name;
  char             *due_date;      /* the due date, or the order date when none was set */
  CantingMoney      balance;       /* total − paid, above zero */
  gint64            days_overdue;  /* 0 when not yet due */
  CantingAgeBucket  bucket;
} CantingReceivable;

void       canting_receivable_free (CantingReceivable *receivable);

/* Piutang: confirmed, in-production, ready and delivered orders with a
 * balance left, most overdue first; @today (YYYY-MM-DD, NULL for the
 * local date) ages them.  @out_buckets (nullable) gets the sum per
 * CantingAgeBucket.  (transfer full) (element-type CantingReceivable) */
GPtrArray *canting_receivables (CantingDb     *db,
                                const char    *today,
                                CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                                GError       **error);

/* The @limit most overdue of them, and in @out_count how many owe in
 * all: what a window shows of a list that runs to thousands over the
 * years.  (transfer full) (element-type CantingReceivable) */
GPtrArray *canting_receivables_most_overdue (CantingDb   *db,
                                             const char  *today,
                                             guint        limit,
                                             guint       *out_count,
                                             GError     **error);

/* The same sums per CantingAgeBucket without the list (the dashboard). */
gboolean   canting_receivables_totals (CantingDb     *db,
                                       const char    *today,
                                       CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                                       GError       **error);

/* --- payables ------------------------------------------------------------ */

typedef struct {
  gint64            movement_id;   /* the purchase, for canting_purchase_mark_paid() */
  char             *material_name;
  char             *supplier;
  char             *on_date;       /* bought */
  char             *due_date;      /* to pay by: its due date, or the purchase date when none was set */
  CantingMoney      amount;
  gint64            days_overdue;  /* 0 when not yet due */
  CantingAgeBucket  bucket;
} CantingPayable;

void       canting_payable_free (CantingPayable *payable);

/* Utang: purchases bought on credit and not yet paid, most overdue
 * first, aged like the receivables.  @out_buckets (nullable) gets the sum
 * per CantingAgeBucket.  (transfer full) (element-type CantingPayable) */
GPtrArray *canting_payables (CantingDb     *db,
                             const char    *today,
                             CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                             GError       **error);

/* --- wages owed ---------------------------------------------------------- */

typedef struct {
  gint64            worker_id;
  char             *name;
  CantingMoney      owed;          /* earned for stages done, less what was paid */
  char             *oldest;        /* the day the oldest unpaid wage was earned */
  gint64            days;          /* since then */
  CantingAgeBucket  bucket;        /* of the oldest */
} CantingWageOwed;

void       canting_wage_owed_free (CantingWageOwed *owed);

/* Wages earned and not yet paid, per worker, aged from the day each stage
 * was done: payments settle the oldest wages first, so what is owed is the
 * newest stages' wages.  @out_buckets (nullable) gets the owed amounts by
 * the age of the stage they were earned on.
 * (transfer full) (element-type CantingWageOwed): the longest owed first */
GPtrArray *canting_wages_owed (CantingDb     *db,
                               const char    *today,
                               CantingMoney   out_buckets[CANTING_AGE_BUCKET_COUNT],
                               GError       **error);

G_END_DECLS
