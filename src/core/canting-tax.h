/* canting-tax.h: an estimate of the final income tax of a micro business
 * (PPh final UMKM) from the turnover in the ledger.
 *
 * The rate and thresholds are data (table tax_rules), seeded with
 * PP 55/2022: 0,5 % of each month's gross turnover while the year's
 * turnover stays within Rp 4,8 billion, and for an individual taxpayer
 * nothing on the first Rp 500 million of each year, counted from
 * January.  Which income is turnover is a flag on each income category
 * (sales and order payments are, "other income" is not).
 *
 * It is an estimate, never a tax assessment: whatever shows it also shows
 * canting_tax_disclaimer().  It does not know, for one, how many years a
 * taxpayer may still use the final rate (7 for individuals, 4 for a CV or
 * koperasi, 3 for a PT), nor income recorded outside Canting. */
#pragma once

#include <glib.h>

#include "canting-db.h"
#include "canting-money.h"

G_BEGIN_DECLS

typedef enum {
  CANTING_TAXPAYER_INDIVIDUAL,   /* orang pribadi: the yearly exemption applies */
  CANTING_TAXPAYER_COMPANY,      /* CV, firma, PT, koperasi: no exemption */
} CantingTaxpayer;
#define CANTING_TAXPAYER_COUNT 2

const char *canting_taxpayer_to_string   (CantingTaxpayer  taxpayer);
const char *canting_taxpayer_label       (CantingTaxpayer  taxpayer);   /* translated */
gboolean    canting_taxpayer_from_string (const char      *text,
                                          CantingTaxpayer *out_taxpayer);

/* The workshop's kind of taxpayer; a new workshop is an individual's. */
gboolean    canting_tax_get_taxpayer (CantingDb        *db,
                                      CantingTaxpayer  *out_taxpayer,
                                      GError          **error);
gboolean    canting_tax_set_taxpayer (CantingDb        *db,
                                      CantingTaxpayer   taxpayer,
                                      GError          **error);

/* --- rules --------------------------------------------------------------- */

/* The year's turnover at which the estimate warns that the cap is near:
 * 90 % of it leaves a few months' sales to plan for the general rates. */
#define CANTING_TAX_NEAR_CAP_PERCENT 90

typedef struct {
  gint64        id;           /* 0 until saved */
  int           valid_from;   /* the first tax year it applies to; until a later rule's */
  int           rate_bp;      /* basis points of gross turnover: 50 is 0,5 % */
  CantingMoney  exemption;    /* an individual's untaxed turnover each year */
  CantingMoney  yearly_cap;   /* a year's turnover above it ends the final rate */
  char         *source;       /* the regulation: "PP 55/2022 Pasal 56–60" */
} CantingTaxRule;

CantingTaxRule *canting_tax_rule_new  (void);
CantingTaxRule *canting_tax_rule_copy (const CantingTaxRule *rule);
void            canting_tax_rule_free (CantingTaxRule       *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingTaxRule, canting_tax_rule_free)

gboolean        canting_tax_rule_validate (const CantingTaxRule  *rule,
                                           GError               **error);
/* Reads a rate as people type it, in percent ("0,5", "0.5 %", "1"):
 * basis points (0,5 % is 50), at most two decimals, 0 to 100 %. */
gboolean        canting_tax_rate_parse    (const char            *text,
                                           int                   *out_rate_bp,
                                           GError               **error);
/* "0,5 %" for 50.  (transfer full) */
char           *canting_tax_rate_format   (int                    rate_bp);
/* Inserts or updates; two rules cannot start the same year. */
gboolean        canting_tax_rule_save     (CantingDb             *db,
                                           CantingTaxRule        *rule,
                                           GError               **error);
/* (transfer full) (element-type CantingTaxRule), oldest first */
GPtrArray      *canting_tax_rule_list     (CantingDb             *db,
                                           GError               **error);
/* The rule in force in @year: the latest that starts in or before it.
 * NULL with CANTING_ERROR_NOT_FOUND when none does. */
CantingTaxRule *canting_tax_rule_for_year (CantingDb             *db,
                                           int                    year,
                                           GError               **error);

/* Which income categories count as turnover. */
typedef struct {
  gint64    id;
  char     *name;
  gboolean  turnover;
} CantingTaxCategory;

void        canting_tax_category_free (CantingTaxCategory *category);
/* (transfer full) (element-type CantingTaxCategory): the income
 * categories, archived ones too, by name. */
GPtrArray  *canting_tax_category_list (CantingDb   *db,
                                       GError     **error);
gboolean    canting_tax_category_set_turnover (CantingDb  *db,
                                               gint64      category_id,
                                               gboolean    turnover,
                                               GError    **error);

/* --- the estimate -------------------------------------------------------- */

typedef enum {
  CANTING_TAX_CAP_WITHIN,   /* below CANTING_TAX_NEAR_CAP_PERCENT of the cap */
  CANTING_TAX_CAP_NEAR,     /* at or above it, not over the cap */
  CANTING_TAX_CAP_OVER,     /* over the cap */
} CantingTaxCapState;

typedef struct {
  char               month[8];       /* YYYY-MM */
  CantingMoney       turnover;
  CantingMoney       year_to_date;   /* turnover from January to this month */
  CantingMoney       taxable;        /* the part of this month's turnover above the exemption */
  CantingMoney       tax;            /* rate × taxable, whole rupiah, fractions dropped */
  CantingTaxCapState cap;            /* where the year stands after this month */
} CantingTaxMonth;

typedef struct {
  int               year;
  CantingTaxpayer   taxpayer;
  CantingTaxRule   *rule;
  CantingTaxMonth   months[12];
  CantingMoney      turnover;
  CantingMoney      taxable;
  CantingMoney      tax;
  int               exemption_month;  /* 1–12: the turnover passed the exemption in it; 0: not (or none) */
  int               near_cap_month;   /* 1–12: first month near the cap; 0: never */
  int               over_cap_month;   /* 1–12: first month over the cap; 0: never */
} CantingTaxYear;

void            canting_tax_year_free (CantingTaxYear *year);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingTaxYear, canting_tax_year_free)

/* The estimate for @turnover (January to December) under @rule: the
 * arithmetic alone.  (transfer full) */
CantingTaxYear *canting_tax_estimate  (const CantingTaxRule  *rule,
                                       CantingTaxpayer        taxpayer,
                                       int                    year,
                                       const CantingMoney     turnover[12]);
/* The estimate for @year from the workshop's ledger (voided entries never
 * count), its taxpayer kind and the rule in force.  (transfer full) */
CantingTaxYear *canting_tax_year_new  (CantingDb             *db,
                                       int                    year,
                                       GError               **error);

/* Translated text for whoever shows the estimate. */
/* "Estimated Tax (PPh Final UMKM) — 2026".  (transfer full) */
char           *canting_tax_year_title (const CantingTaxYear *year);
const char     *canting_tax_disclaimer (void);
/* One short remark for month @index (0–11), or NULL: "Rp 500 million
 * passed", "Near the yearly cap", "Over the yearly cap".  (transfer full) */
char           *canting_tax_month_note (const CantingTaxYear *year,
                                        guint                 index);
/* The sentences under the table: the rule used, when the exemption was
 * used up, the cap warnings.  (transfer full) */
GStrv           canting_tax_year_notes (const CantingTaxYear *year);

/* The estimate as CSV, the disclaimer in its last row.  (transfer full) */
GBytes         *canting_tax_year_csv   (const CantingTaxYear *year,
                                        char                  separator);

G_END_DECLS
