/* canting-schema.c: the ordered schema steps, keyed by PRAGMA user_version.
 *
 * A step is never edited once released: databases in the field were made
 * by it.  Change the schema by appending a step.  Each step ends by setting
 * its own user_version, so step and version can never disagree.  Each runs
 * in one transaction after a backup (canting-db.c). */
#include "canting-db-private.h"

static const CantingSchemaStep steps[] = {
  { 1,
    /* The workshop profile: exactly one row, id 1.  The logo is stored in
     * the database (not beside it) so a backup carries it too. */
    "CREATE TABLE workshop ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  name TEXT NOT NULL DEFAULT '',"
    "  owner TEXT NOT NULL DEFAULT '',"
    "  address TEXT NOT NULL DEFAULT '',"
    "  city TEXT NOT NULL DEFAULT '',"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  membership_number TEXT NOT NULL DEFAULT '',"
    "  logo BLOB,"
    "  logo_mime TEXT,"
    "  updated_at TEXT"
    ");"
    "INSERT INTO workshop (id) VALUES (1);"
    "PRAGMA application_id = 1128353364;" /* CANTING_APPLICATION_ID */
    "PRAGMA user_version = 1;" },
};

static const char * const tables[] = {
  "workshop",
  NULL,
};

G_STATIC_ASSERT (CANTING_APPLICATION_ID == 1128353364);

const CantingSchemaStep *
canting_schema_steps (gsize *n_steps)
{
  *n_steps = G_N_ELEMENTS (steps);
  return steps;
}

const char * const *
canting_schema_tables (void)
{
  return tables;
}
