/* canting-csv.h: CSV import and export of customers, products, orders,
 * materials, material purchases, the IPAL daily log and its lab tests.
 *
 * Reads what spreadsheets write: UTF-8 with or without a BOM, comma or
 * semicolon separated (an Indonesian-locale spreadsheet writes
 * semicolons), quoted fields, a header row naming the columns in
 * Indonesian or English, in any order.  Importing checks every row first;
 * then it either takes all the good rows and reports the skipped ones,
 * or takes nothing if any row is bad, as the person chooses; always in
 * one transaction, never half a file. */
#pragma once

#include <glib.h>

#include "canting-db.h"

G_BEGIN_DECLS

typedef enum {
  CANTING_CSV_CUSTOMERS,
  CANTING_CSV_PRODUCTS,
  CANTING_CSV_ORDERS,
  CANTING_CSV_MATERIALS,
  CANTING_CSV_PURCHASES,
  CANTING_CSV_SHORTAGES,   /* export only: worked out from the orders */
  CANTING_CSV_IPAL_LOG,    /* the wastewater plant's daily entries */
  CANTING_CSV_IPAL_LAB,    /* its lab tests, one row each */
} CantingCsvKind;

typedef enum {
  CANTING_CSV_DRY_RUN,         /* check only, write nothing */
  CANTING_CSV_ALL_OR_NOTHING,  /* import only if every row is good */
  CANTING_CSV_SKIP_BAD_ROWS,   /* import the good rows, report the others */
} CantingCsvMode;

typedef struct {
  guint  line;     /* 1 is the header */
  char  *message;  /* what is wrong, translated */
} CantingCsvProblem;

typedef struct {
  guint      good_rows;
  guint      imported;     /* 0 for a dry run or a refused import */
  GPtrArray *problems;     /* (element-type CantingCsvProblem) */
} CantingCsvReport;

void canting_csv_report_free (CantingCsvReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingCsvReport, canting_csv_report_free)

/* Imports @data (the file's bytes).  Orders: rows sharing a number are
 * one order (one row per item); each comes in as a new draft with its own
 * PSN number; customers are found by name or added; lines name a catalog
 * product by SKU or describe a custom piece.  Materials: a name the
 * workshop already has updates that material (the columns the file has),
 * any other name adds one.  Purchases: each row is a purchase of a
 * material named as in the workshop (any case), its quantity converted
 * from the row's unit into the material's.  IPAL log: each row is a daily
 * entry of the plant it names (any case), or of the only plant when it
 * names none; an empty number is a value not measured; an entry the log
 * already has (same plant and time) is a bad row, so a sheet imported
 * again adds only its new rows.  IPAL lab tests: the same way, one test
 * a row with a column per parameter (bod, cod, tss, …; empty: not
 * measured); the lab report file is attached in the app.  imported
 * counts rows.  NULL
 * with @error only when the file as a whole cannot be read (not UTF-8, no
 * header, a required column missing, broken quoting); bad rows are in the
 * report.  Orders are checked on a thread of the import's own while the
 * calling thread writes them; @db is used on the calling thread only, and
 * every thread has ended when this returns. */
CantingCsvReport *canting_csv_import (CantingDb       *db,
                                      CantingCsvKind   kind,
                                      GBytes          *data,
                                      CantingCsvMode   mode,
                                      GError         **error);

/* Every record of @kind as CSV: UTF-8 with a BOM (so spreadsheets detect
 * it), @separator ',' or ';'.  Materials carry their stock on hand and
 * average cost as two more columns, which import reads past; purchases
 * are every purchase in the stock ledger; the IPAL log is every daily
 * entry and the lab tests every test, oldest first.  (transfer full) */
GBytes           *canting_csv_export (CantingDb       *db,
                                      CantingCsvKind   kind,
                                      char             separator,
                                      GError         **error);

gboolean          canting_csv_kind_from_string (const char     *text,
                                                CantingCsvKind *out_kind);

G_END_DECLS
