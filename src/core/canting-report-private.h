/* canting-report-private.h: the reports' aggregate queries, shared with
 * the benchmark so its baseline runs exactly the same SQL. */
#pragma once

/* Income and expenses per day of [?1, ?2), months as YYYY-MM (?2 the
 * month after the last), in the order of the index ledger_sums, so no
 * sorting; transfers are in the range but add nothing. */
#define CANTING_REPORT_MONTHLY_SQL \
  "SELECT on_date," \
  "       sum(CASE WHEN kind = 'income' THEN amount ELSE 0 END)," \
  "       sum(CASE WHEN kind = 'expense' THEN amount ELSE 0 END)" \
  " FROM ledger WHERE voided = 0 AND on_date >= ?1 AND on_date < ?2 GROUP BY on_date"

/* Sums per day and category of [?1, ?2), in the index's order too (kind
 * is grouped on so the order stays the index's). */
#define CANTING_REPORT_PNL_SQL \
  "SELECT on_date, kind, category_id, sum(amount)" \
  " FROM ledger WHERE voided = 0 AND on_date >= ?1 AND on_date < ?2 AND kind IN ('income', 'expense')" \
  " GROUP BY on_date, kind, category_id"
