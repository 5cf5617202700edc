/* fuzz-csv.c: the CSV importers on any file.
 *
 * Input: one byte choosing the kind of import (customers, products,
 * orders, materials, purchases, IPAL log, IPAL lab tests) and the mode,
 * then the file's bytes.  One throw-away workshop serves the whole run:
 * imports that succeed make it grow, so later inputs meet names, SKUs
 * and plants that exist.  Every report must be consistent: a refused
 * file says why, a report never counts more imported rows than good
 * ones, and each problem names a line of the file. */
#include "fuzz.h"

#include "canting-csv.h"
#include "canting-db-private.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

static CantingDb *db;

static void
remove_dir (void)
{
  g_autofree char *dir = g_strdup (canting_db_get_data_dir (db));
  g_autofree char *cmd = NULL;

  g_clear_object (&db);
  /* Only the temporary folder made below. */
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (cmd) != 0)
    fprintf (stderr, "could not remove %s\n", dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("canting-fuzz-csv-XXXXXX", &error);

  fuzz_setup_logging (NULL);

  if (dir == NULL)
    g_error ("%s", error->message);
  db = canting_db_open_full (dir, CANTING_DB_OPEN_NO_AUTO_BACKUP, -1, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  /* A fuzzing run needs no power-cut safety, and fsync would make each
   * import a hundred times slower. */
  sqlite3_exec (canting_db_get_handle (db), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  atexit (remove_dir);
  return 0;
}

static const CantingCsvKind kinds[] = {
  CANTING_CSV_CUSTOMERS, CANTING_CSV_PRODUCTS, CANTING_CSV_ORDERS, CANTING_CSV_MATERIALS,
  CANTING_CSV_PURCHASES, CANTING_CSV_IPAL_LOG, CANTING_CSV_IPAL_LAB,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CantingCsvReport) report = NULL;
  CantingCsvKind kind;
  CantingCsvMode mode;
  guint lines = 1;

  if (size < 1)
    return 0;
  kind = kinds[data[0] % G_N_ELEMENTS (kinds)];
  mode = (CantingCsvMode) ((data[0] >> 4) % 3);
  bytes = g_bytes_new (data + 1, size - 1);
  /* Lines end in \n, \r\n or a lone \r (old spreadsheets), as the
   * reader counts them. */
  for (size_t i = 1; i < size; i++)
    lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));

  report = canting_csv_import (db, kind, bytes, mode, &error);
  if (report == NULL)
    {
      FUZZ_CHECK (error != NULL && error->message[0] != '\0');
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (report->imported <= report->good_rows);
  FUZZ_CHECK (mode != CANTING_CSV_DRY_RUN || report->imported == 0);
  for (guint i = 0; i < report->problems->len; i++)
    {
      const CantingCsvProblem *p = report->problems->pdata[i];

      FUZZ_CHECK (p->message != NULL && p->message[0] != '\0');
      /* A quoted field may hold line breaks, so a row can end past the
       * count of \n; never past the end of the file, though. */
      FUZZ_CHECK (p->line <= lines + 1);
    }
  return 0;
}
