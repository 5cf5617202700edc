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

  { 2,
    /* Customers, the product catalog with its finished-goods stock ledger,
     * orders with items, status history and payments.  Money is whole
     * rupiah, dates are YYYY-MM-DD, timestamps UTC ISO-8601.  The CHECKs
     * repeat the core's rules so no other writer can break them. */
    "CREATE TABLE customers ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  address TEXT NOT NULL DEFAULT '',"
    "  city TEXT NOT NULL DEFAULT '',"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE);"

    "CREATE TABLE products ("
    "  id INTEGER PRIMARY KEY,"
    "  sku TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(sku) > 0),"
    "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
    "  motif TEXT NOT NULL DEFAULT '',"
    "  technique TEXT NOT NULL CHECK (technique IN ('tulis', 'cap', 'kombinasi', 'printing')),"
    "  size TEXT NOT NULL DEFAULT '',"
    "  colours TEXT NOT NULL DEFAULT '',"
    "  colour_count INTEGER NOT NULL DEFAULT 1 CHECK (colour_count BETWEEN 1 AND 12),"
    "  material TEXT NOT NULL DEFAULT '',"
    "  price INTEGER NOT NULL CHECK (price >= 0),"
    "  unit_cost INTEGER NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),"
    "  description TEXT NOT NULL DEFAULT '',"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX products_by_name ON products (name COLLATE NOCASE);"
    /* Finished pieces in and out: a ledger, never an overwritten total. */
    "CREATE TABLE product_stock_moves ("
    "  id INTEGER PRIMARY KEY,"
    "  product_id INTEGER NOT NULL REFERENCES products (id),"
    "  delta INTEGER NOT NULL CHECK (delta <> 0),"
    "  reason TEXT NOT NULL CHECK (reason IN ('adjustment', 'delivery', 'production')),"
    "  order_id INTEGER REFERENCES orders (id),"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX product_stock_moves_by_product ON product_stock_moves (product_id);"

    "CREATE TABLE orders ("
    "  id INTEGER PRIMARY KEY,"
    "  number TEXT NOT NULL UNIQUE,"
    "  year INTEGER NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
    "  order_date TEXT NOT NULL,"
    "  due_date TEXT CHECK (due_date IS NULL OR due_date >= order_date),"
    "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN"
    "    ('draft', 'confirmed', 'in_production', 'ready', 'delivered', 'cancelled')),"
    "  from_stock INTEGER NOT NULL DEFAULT 0 CHECK (from_stock IN (0, 1)),"
    "  discount INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),"
    "  shipping INTEGER NOT NULL DEFAULT 0 CHECK (shipping >= 0),"
    "  total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  UNIQUE (year, seq)"
    ");"
    "CREATE INDEX orders_by_customer ON orders (customer_id);"
    "CREATE INDEX orders_by_status_due ON orders (status, due_date);"
    "CREATE INDEX orders_by_date ON orders (order_date DESC, id DESC);"
    "CREATE TABLE order_items ("
    "  id INTEGER PRIMARY KEY,"
    "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  product_id INTEGER REFERENCES products (id),"
    "  description TEXT NOT NULL CHECK (length(trim(description)) > 0),"
    "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
    "  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),"
    "  UNIQUE (order_id, position)"
    ");"
    "CREATE INDEX order_items_by_product ON order_items (product_id);"
    "CREATE TABLE order_status_log ("
    "  id INTEGER PRIMARY KEY,"
    "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
    "  status TEXT NOT NULL,"
    "  at TEXT NOT NULL"
    ");"
    "CREATE INDEX order_status_log_by_order ON order_status_log (order_id);"
    "CREATE TABLE payments ("
    "  id INTEGER PRIMARY KEY,"
    "  order_id INTEGER NOT NULL REFERENCES orders (id),"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  paid_on TEXT NOT NULL,"
    "  method TEXT NOT NULL CHECK (method IN ('cash', 'transfer', 'qris')),"
    "  is_down_payment INTEGER NOT NULL DEFAULT 0 CHECK (is_down_payment IN (0, 1)),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX payments_by_order ON payments (order_id);"
    "PRAGMA user_version = 2;" },

  { 3,
    /* Production: the stage lists per technique (editable), the workers
     * (pembatik) with their piece rates, the stages of each order item as
     * they are done, and wage payments.  Wages owed are never stored:
     * earned (done stages) minus paid, always recomputable. */
    "CREATE TABLE stage_templates ("
    "  id INTEGER PRIMARY KEY,"
    "  technique TEXT NOT NULL CHECK (technique IN ('tulis', 'cap', 'kombinasi', 'printing')),"
    "  position INTEGER NOT NULL,"
    "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
    "  per_colour INTEGER NOT NULL DEFAULT 0 CHECK (per_colour IN (0, 1)),"
    "  UNIQUE (technique, position)"
    ");"
    /* The usual ways of making each kind: waxing by canting (klowong, then
     * isen-isen, then tembok) or by cap, and a dyeing and a lorod for each
     * colour. */
    "INSERT INTO stage_templates (technique, position, name, per_colour) VALUES"
    "  ('tulis', 1, 'Pola', 0), ('tulis', 2, 'Nglowong', 0), ('tulis', 3, 'Isen-isen', 0),"
    "  ('tulis', 4, 'Nembok', 0), ('tulis', 5, 'Pewarnaan', 1), ('tulis', 6, 'Lorod', 1),"
    "  ('tulis', 7, 'Finishing', 0),"
    "  ('cap', 1, 'Ngecap', 0), ('cap', 2, 'Pewarnaan', 1), ('cap', 3, 'Lorod', 1), ('cap', 4, 'Finishing', 0),"
    "  ('kombinasi', 1, 'Pola', 0), ('kombinasi', 2, 'Ngecap', 0), ('kombinasi', 3, 'Isen-isen', 0),"
    "  ('kombinasi', 4, 'Nembok', 0), ('kombinasi', 5, 'Pewarnaan', 1), ('kombinasi', 6, 'Lorod', 1),"
    "  ('kombinasi', 7, 'Finishing', 0),"
    "  ('printing', 1, 'Sablon', 0), ('printing', 2, 'Finishing', 0);"
    "CREATE TABLE workers ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
    "  phone TEXT NOT NULL DEFAULT '',"
    "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE TABLE worker_rates ("
    "  worker_id INTEGER NOT NULL REFERENCES workers (id) ON DELETE CASCADE,"
    "  technique TEXT NOT NULL CHECK (technique IN ('tulis', 'cap', 'kombinasi', 'printing')),"
    "  stage TEXT NOT NULL,"
    "  rate INTEGER NOT NULL CHECK (rate >= 0),"
    "  PRIMARY KEY (worker_id, technique, stage)"
    ");"
    "CREATE TABLE wage_payments ("
    "  id INTEGER PRIMARY KEY,"
    "  worker_id INTEGER NOT NULL REFERENCES workers (id),"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  paid_on TEXT NOT NULL,"
    "  note TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX wage_payments_by_worker ON wage_payments (worker_id);"
    "CREATE TABLE item_stages ("
    "  id INTEGER PRIMARY KEY,"
    "  order_item_id INTEGER NOT NULL REFERENCES order_items (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  name TEXT NOT NULL,"
    "  colour INTEGER,"
    "  technique TEXT NOT NULL,"
    "  done_on TEXT,"
    "  worker_id INTEGER REFERENCES workers (id),"
    "  pieces INTEGER,"
    "  wage INTEGER CHECK (wage IS NULL OR wage >= 0),"
    "  CHECK ((done_on IS NULL) = (worker_id IS NULL)),"
    "  UNIQUE (order_item_id, position)"
    ");"
    "CREATE INDEX item_stages_by_worker ON item_stages (worker_id);"
    "PRAGMA user_version = 3;" },

  { 4,
    /* Product photos: the image files live in the data dir's photos/
     * folder (scaled once when added, with a thumbnail made then), named
     * by their content so the same photo is stored once. */
    "CREATE TABLE product_photos ("
    "  id INTEGER PRIMARY KEY,"
    "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  file TEXT NOT NULL CHECK (file NOT LIKE '%/%' AND file NOT LIKE '%..%'),"
    "  thumbnail TEXT NOT NULL CHECK (thumbnail NOT LIKE '%/%' AND thumbnail NOT LIKE '%..%'),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX product_photos_by_product ON product_photos (product_id, position);"
    "PRAGMA user_version = 4;" },

  { 5,
    /* Raw materials and their stock ledger.  Quantities are thousandths of
     * the material's own unit; every movement also carries how much the
     * stock's worth changed (value, whole rupiah): a purchase adds what
     * was paid, anything taken out takes its share at the average cost.
     * So stock on hand and its worth are both plain sums, and the average
     * cost is their ratio: a perpetual weighted average that follows the
     * purchases. */
    "CREATE TABLE materials ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
    "  kind TEXT NOT NULL CHECK (kind IN ('mori', 'malam', 'dye', 'chemical', 'other')),"
    "  unit TEXT NOT NULL CHECK (unit IN ('m', 'yard', 'piece', 'kg', 'gram', 'litre', 'ml')),"
    "  roll_size INTEGER NOT NULL DEFAULT 0 CHECK (roll_size >= 0),"
    "  reorder_level INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),"
    "  supplier TEXT NOT NULL DEFAULT '',"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE TABLE stock_movements ("
    "  id INTEGER PRIMARY KEY,"
    "  material_id INTEGER NOT NULL REFERENCES materials (id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('purchase', 'usage', 'adjustment', 'waste')),"
    "  quantity INTEGER NOT NULL CHECK (quantity <> 0),"
    "  value INTEGER NOT NULL,"
    "  cost INTEGER CHECK (cost IS NULL OR cost >= 0),"
    "  on_date TEXT NOT NULL,"
    "  supplier TEXT NOT NULL DEFAULT '',"
    "  reason TEXT NOT NULL DEFAULT '',"
    "  order_item_id INTEGER REFERENCES order_items (id),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  CHECK (kind <> 'purchase' OR (quantity > 0 AND cost IS NOT NULL AND value = cost)),"
    "  CHECK (kind <> 'waste' OR quantity < 0),"
    "  CHECK (kind <> 'adjustment' OR length(trim(reason)) > 0)"
    ");"
    /* Covers the stock and worth sums without touching the table. */
    "CREATE INDEX stock_movements_by_material ON stock_movements (material_id, quantity, value);"
    "CREATE INDEX stock_movements_by_date ON stock_movements (material_id, on_date, id);"
    "CREATE INDEX stock_movements_by_item ON stock_movements (order_item_id) WHERE order_item_id IS NOT NULL;"
    /* Recipes: what one piece of a product consumes. */
    "CREATE TABLE product_materials ("
    "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
    "  material_id INTEGER NOT NULL REFERENCES materials (id),"
    "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
    "  PRIMARY KEY (product_id, material_id)"
    ");"
    "CREATE INDEX product_materials_by_material ON product_materials (material_id);"
    /* The materials of a batik workshop, by their trade names; a workshop
     * edits, archives or adds to them.  Mori is sold by the roll (about
     * 30 m), wax and natural dyes by the kilo, synthetic dyes by the gram. */
    "INSERT INTO materials (name, kind, unit, roll_size) VALUES"
    "  ('Mori primissima', 'mori', 'm', 30000),"
    "  ('Mori prima', 'mori', 'm', 30000),"
    "  ('Mori biru', 'mori', 'm', 30000),"
    "  ('Mori blaco', 'mori', 'm', 30000),"
    "  ('Sutra', 'mori', 'm', 0),"
    "  ('Rayon', 'mori', 'm', 0),"
    "  ('Malam klowong', 'malam', 'kg', 0),"
    "  ('Malam tembokan', 'malam', 'kg', 0),"
    "  ('Parafin', 'malam', 'kg', 0),"
    "  ('Gondorukem', 'malam', 'kg', 0),"
    "  ('Naptol', 'dye', 'gram', 0),"
    "  ('Indigosol', 'dye', 'gram', 0),"
    "  ('Remazol', 'dye', 'gram', 0),"
    "  ('Pewarna alam', 'dye', 'kg', 0),"
    "  ('Soda abu (soda ash)', 'chemical', 'kg', 0),"
    "  ('Waterglass', 'chemical', 'kg', 0),"
    "  ('Nitrit', 'chemical', 'gram', 0),"
    "  ('HCl', 'chemical', 'litre', 0),"
    "  ('TRO', 'chemical', 'litre', 0);"
    "PRAGMA user_version = 5;" },

  { 6,
    /* The wastewater plant (IPAL): plants, the standards their effluent
     * is held to, the daily log, sludge handed over and lab tests.
     * Measured values are thousandths of their unit (pH 6,5 = 6500,
     * BOD 60 mg/L = 60000); volumes are thousandths of a litre, flows
     * thousandths of a cubic metre a day, masses thousandths of a kg. */
    "CREATE TABLE ipal_plants ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
    "  location TEXT NOT NULL DEFAULT '',"
    "  shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),"
    "  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "INSERT INTO ipal_plants (name) VALUES ('IPAL bengkel');"
    /* A standard is data: limits per parameter and flow tier; exactly one
     * applies at a time. */
    "CREATE TABLE ipal_standards ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
    "  source TEXT NOT NULL DEFAULT '',"
    "  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),"
    "  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))"
    ");"
    "CREATE UNIQUE INDEX ipal_standards_one_active ON ipal_standards (active) WHERE active = 1;"
    "CREATE TABLE ipal_limits ("
    "  id INTEGER PRIMARY KEY,"
    "  standard_id INTEGER NOT NULL REFERENCES ipal_standards (id) ON DELETE CASCADE,"
    "  parameter TEXT NOT NULL CHECK (parameter IN ('bod', 'cod', 'tss', 'phenol', 'chromium', 'oil_grease',"
    "                                               'ammonia', 'sulfide', 'colour', 'ph', 'temperature')),"
    "  flow_min INTEGER NOT NULL DEFAULT 0 CHECK (flow_min >= 0),"
    "  flow_max INTEGER CHECK (flow_max IS NULL OR flow_max > flow_min),"
    "  min_value INTEGER,"
    "  max_value INTEGER,"
    "  source TEXT NOT NULL DEFAULT '',"
    "  CHECK (min_value IS NOT NULL OR max_value IS NOT NULL),"
    "  CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)"
    ");"
    "CREATE INDEX ipal_limits_by_standard ON ipal_limits (standard_id, parameter);"
    /* Permen LH No. 12 Tahun 2025, Lampiran I: textile wastewater (batik
     * included) from a plant of its own.  BOD, COD and TSS tighten with
     * the daily flow (under 100 m³, 100 to 1000, above 1000); the rest
     * hold for every plant. */
    "INSERT INTO ipal_standards (id, name, source, active, builtin) VALUES"
    "  (1, 'Baku mutu air limbah industri tekstil', 'Permen LH No. 12 Tahun 2025, Lampiran I', 1, 1);"
    "INSERT INTO ipal_limits (standard_id, parameter, flow_min, flow_max, min_value, max_value, source) VALUES"
    "  (1, 'bod', 0, 100000, NULL, 60000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'cod', 0, 100000, NULL, 150000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'tss', 0, 100000, NULL, 50000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'bod', 100000, 1000000, NULL, 45000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'cod', 100000, 1000000, NULL, 125000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'tss', 100000, 1000000, NULL, 40000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'bod', 1000000, NULL, NULL, 35000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'cod', 1000000, NULL, NULL, 115000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'tss', 1000000, NULL, NULL, 30000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'phenol', 0, NULL, NULL, 500, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'chromium', 0, NULL, NULL, 1000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'ammonia', 0, NULL, NULL, 8000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'sulfide', 0, NULL, NULL, 300, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'oil_grease', 0, NULL, NULL, 3000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'ph', 0, NULL, 6000, 9000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'colour', 0, NULL, NULL, 200000, 'Permen LH 12/2025 Lamp. I'),"
    "  (1, 'temperature', 0, NULL, NULL, 38000, 'Permen LH 12/2025 Lamp. I');"

    "CREATE TABLE ipal_logs ("
    "  id INTEGER PRIMARY KEY,"
    "  plant_id INTEGER NOT NULL REFERENCES ipal_plants (id),"
    "  at TEXT NOT NULL,"                                  /* local YYYY-MM-DDTHH:MM */
    "  inflow INTEGER CHECK (inflow IS NULL OR inflow >= 0),"
    "  outflow INTEGER CHECK (outflow IS NULL OR outflow >= 0),"
    "  ph_in INTEGER CHECK (ph_in IS NULL OR ph_in BETWEEN 0 AND 14000),"
    "  ph_out INTEGER CHECK (ph_out IS NULL OR ph_out BETWEEN 0 AND 14000),"
    "  temperature INTEGER CHECK (temperature IS NULL OR temperature BETWEEN 0 AND 100000),"
    "  colour TEXT NOT NULL DEFAULT '',"
    "  clarity TEXT NOT NULL DEFAULT '',"
    "  odour TEXT NOT NULL DEFAULT '',"
    "  pac INTEGER CHECK (pac IS NULL OR pac >= 0),"
    "  lime INTEGER CHECK (lime IS NULL OR lime >= 0),"
    "  polymer INTEGER CHECK (polymer IS NULL OR polymer >= 0),"
    "  pumps TEXT NOT NULL DEFAULT '',"
    "  rain INTEGER NOT NULL DEFAULT 0 CHECK (rain IN (0, 1)),"
    "  incident TEXT NOT NULL DEFAULT '',"
    "  operator TEXT NOT NULL DEFAULT '',"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  action TEXT NOT NULL DEFAULT '',"                   /* corrective action taken */
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX ipal_logs_by_plant ON ipal_logs (plant_id, at);"
    "CREATE INDEX ipal_logs_by_time ON ipal_logs (at DESC, id DESC);"

    "CREATE TABLE ipal_sludge ("
    "  id INTEGER PRIMARY KEY,"
    "  plant_id INTEGER NOT NULL REFERENCES ipal_plants (id),"
    "  on_date TEXT NOT NULL,"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  destination TEXT NOT NULL CHECK (length(trim(destination)) > 0),"
    "  manifest TEXT NOT NULL DEFAULT '',"                 /* handover document number */
    "  notes TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX ipal_sludge_by_plant ON ipal_sludge (plant_id, on_date);"

    "CREATE TABLE ipal_lab_tests ("
    "  id INTEGER PRIMARY KEY,"
    "  plant_id INTEGER NOT NULL REFERENCES ipal_plants (id),"
    "  sampled_at TEXT NOT NULL,"
    "  sampling_point TEXT NOT NULL DEFAULT '',"
    "  sampled_by TEXT NOT NULL DEFAULT '',"
    "  flow INTEGER CHECK (flow IS NULL OR flow >= 0),"
    "  laboratory TEXT NOT NULL DEFAULT '',"
    "  accredited INTEGER NOT NULL DEFAULT 0 CHECK (accredited IN (0, 1)),"
    "  report_number TEXT NOT NULL DEFAULT '',"
    "  attachment TEXT CHECK (attachment IS NULL OR (attachment NOT LIKE '%/%' AND attachment NOT LIKE '%..%')),"
    "  action TEXT NOT NULL DEFAULT '',"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX ipal_lab_tests_by_plant ON ipal_lab_tests (plant_id, sampled_at);"
    "CREATE TABLE ipal_lab_results ("
    "  lab_test_id INTEGER NOT NULL REFERENCES ipal_lab_tests (id) ON DELETE CASCADE,"
    "  parameter TEXT NOT NULL CHECK (parameter IN ('bod', 'cod', 'tss', 'phenol', 'chromium', 'oil_grease',"
    "                                               'ammonia', 'sulfide', 'colour', 'ph', 'temperature')),"
    "  value INTEGER NOT NULL CHECK (value >= 0),"
    "  PRIMARY KEY (lab_test_id, parameter)"
    ");"
    "PRAGMA user_version = 6;" },

  { 7,
    /* A photo with a daily IPAL entry (the colour of the effluent, a
     * spill): a file in the data dir's lab-reports folder, named by its
     * content, like the lab reports. */
    "ALTER TABLE ipal_logs ADD COLUMN photo TEXT "
    "  CHECK (photo IS NULL OR (photo NOT LIKE '%/%' AND photo NOT LIKE '%..%'));"
    "PRAGMA user_version = 7;" },

  { 8,
    /* Money: accounts (cash box, bank, e-wallet), the categories of
     * income and expense, and the ledger.  An entry is income, expense or
     * a transfer between two accounts; amounts are whole rupiah, always
     * positive, the kind says which way they go.
     *
     * Order payments, material purchases and wage payments reach the
     * ledger through the triggers below, so they appear exactly once
     * whatever wrote them (the app, an import, canting-cli), follow their
     * source when it changes and are voided, not deleted, when it goes:
     * UNIQUE (source, source_id) makes a second copy impossible. */
    "CREATE TABLE accounts ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
    "  kind TEXT NOT NULL CHECK (kind IN ('cash', 'bank', 'ewallet')),"
    "  opening_balance INTEGER NOT NULL DEFAULT 0 CHECK (opening_balance >= 0),"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "INSERT INTO accounts (id, name, kind) VALUES"
    "  (1, 'Kas', 'cash'), (2, 'Bank', 'bank'), (3, 'QRIS / e-wallet', 'ewallet');"
    /* Categories a workshop can rename, archive or add to.  The ones the
     * automatic entries use carry a code, so renaming them keeps the
     * entries flowing in. */
    "CREATE TABLE ledger_categories ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN ('income', 'expense')),"
    "  code TEXT UNIQUE,"
    "  name TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  UNIQUE (kind, name)"
    ");"
    "INSERT INTO ledger_categories (kind, code, name) VALUES"
    "  ('income', 'sales', 'Penjualan'),"
    "  ('income', 'order_dp', 'DP pesanan'),"
    "  ('income', 'order_settlement', 'Pelunasan pesanan'),"
    "  ('income', 'other_income', 'Pemasukan lain'),"
    "  ('expense', 'materials', 'Bahan baku'),"
    "  ('expense', 'wages', 'Upah pembatik'),"
    "  ('expense', 'utilities', 'Listrik dan air'),"
    "  ('expense', 'ipal_chemicals', 'Bahan kimia IPAL'),"
    "  ('expense', 'shipping', 'Ongkos kirim'),"
    "  ('expense', 'marketplace_fees', 'Biaya marketplace'),"
    "  ('expense', 'tools', 'Peralatan'),"
    "  ('expense', 'rent', 'Sewa'),"
    "  ('expense', 'other_expense', 'Lain-lain');"
    "CREATE TABLE ledger ("
    "  id INTEGER PRIMARY KEY,"
    "  on_date TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('income', 'expense', 'transfer')),"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  category_id INTEGER REFERENCES ledger_categories (id),"
    "  account_id INTEGER NOT NULL REFERENCES accounts (id),"
    "  to_account_id INTEGER REFERENCES accounts (id),"
    "  note TEXT NOT NULL DEFAULT '',"
    "  source TEXT CHECK (source IN ('payment', 'purchase', 'wage')),"
    "  source_id INTEGER,"
    "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  UNIQUE (source, source_id),"
    "  CHECK ((source IS NULL) = (source_id IS NULL)),"
    "  CHECK ((kind = 'transfer') = (to_account_id IS NOT NULL)),"
    "  CHECK ((kind = 'transfer') = (category_id IS NULL)),"
    "  CHECK (to_account_id IS NULL OR to_account_id <> account_id)"
    ");"
    "CREATE INDEX ledger_by_date ON ledger (on_date DESC, id DESC);"
    /* Covers the sums of the dashboard and the reports. */
    "CREATE INDEX ledger_sums ON ledger (voided, on_date, kind, category_id, account_id, amount);"

    /* The account a payment method lands in: the first open account of
     * that kind, else the first account there is. */
    "CREATE VIEW ledger_method_accounts AS"
    "  SELECT m.method, coalesce((SELECT id FROM accounts a WHERE a.kind = m.kind AND a.archived = 0 ORDER BY id LIMIT 1),"
    "                            (SELECT min(id) FROM accounts)) AS account_id"
    "  FROM (SELECT 'cash' AS method, 'cash' AS kind UNION ALL SELECT 'transfer', 'bank'"
    "        UNION ALL SELECT 'qris', 'ewallet') m;"

    "CREATE TRIGGER ledger_payment_added AFTER INSERT ON payments BEGIN"
    "  INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  VALUES (NEW.paid_on, 'income', NEW.amount,"
    "          (SELECT id FROM ledger_categories WHERE code = CASE NEW.is_down_payment WHEN 1 THEN 'order_dp' ELSE 'order_settlement' END),"
    "          (SELECT account_id FROM ledger_method_accounts WHERE method = NEW.method), 'payment', NEW.id)"
    "  ON CONFLICT (source, source_id) DO UPDATE SET on_date = excluded.on_date, amount = excluded.amount,"
    "    category_id = excluded.category_id, account_id = excluded.account_id, voided = 0;"
    "END;"
    "CREATE TRIGGER ledger_payment_changed AFTER UPDATE ON payments BEGIN"
    "  UPDATE ledger SET on_date = NEW.paid_on, amount = NEW.amount,"
    "    category_id = (SELECT id FROM ledger_categories WHERE code = CASE NEW.is_down_payment WHEN 1 THEN 'order_dp' ELSE 'order_settlement' END),"
    "    account_id = CASE WHEN NEW.method IS OLD.method THEN account_id"
    "                      ELSE (SELECT account_id FROM ledger_method_accounts WHERE method = NEW.method) END"
    "  WHERE source = 'payment' AND source_id = NEW.id;"
    "END;"
    "CREATE TRIGGER ledger_payment_removed AFTER DELETE ON payments BEGIN"
    "  UPDATE ledger SET voided = 1 WHERE source = 'payment' AND source_id = OLD.id;"
    "END;"

    /* A purchase is paid from the cash box unless the entry is moved to
     * another account; one that cost nothing (a sample) has no entry. */
    "CREATE TRIGGER ledger_purchase_added AFTER INSERT ON stock_movements"
    "  WHEN NEW.kind = 'purchase' AND NEW.cost > 0 BEGIN"
    "  INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  VALUES (NEW.on_date, 'expense', NEW.cost, (SELECT id FROM ledger_categories WHERE code = 'materials'),"
    "          (SELECT account_id FROM ledger_method_accounts WHERE method = 'cash'), 'purchase', NEW.id)"
    "  ON CONFLICT (source, source_id) DO UPDATE SET on_date = excluded.on_date, amount = excluded.amount, voided = 0;"
    "END;"
    "CREATE TRIGGER ledger_purchase_changed AFTER UPDATE ON stock_movements BEGIN"
    "  UPDATE ledger SET on_date = NEW.on_date,"
    "    amount = CASE WHEN NEW.cost > 0 THEN NEW.cost ELSE amount END,"
    "    voided = NOT (NEW.kind = 'purchase' AND coalesce(NEW.cost, 0) > 0)"
    "  WHERE source = 'purchase' AND source_id = NEW.id;"
    "END;"
    "CREATE TRIGGER ledger_purchase_removed AFTER DELETE ON stock_movements BEGIN"
    "  UPDATE ledger SET voided = 1 WHERE source = 'purchase' AND source_id = OLD.id;"
    "END;"

    "CREATE TRIGGER ledger_wage_added AFTER INSERT ON wage_payments BEGIN"
    "  INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  VALUES (NEW.paid_on, 'expense', NEW.amount, (SELECT id FROM ledger_categories WHERE code = 'wages'),"
    "          (SELECT account_id FROM ledger_method_accounts WHERE method = 'cash'), 'wage', NEW.id)"
    "  ON CONFLICT (source, source_id) DO UPDATE SET on_date = excluded.on_date, amount = excluded.amount, voided = 0;"
    "END;"
    "CREATE TRIGGER ledger_wage_changed AFTER UPDATE ON wage_payments BEGIN"
    "  UPDATE ledger SET on_date = NEW.paid_on, amount = NEW.amount"
    "  WHERE source = 'wage' AND source_id = NEW.id;"
    "END;"
    "CREATE TRIGGER ledger_wage_removed AFTER DELETE ON wage_payments BEGIN"
    "  UPDATE ledger SET voided = 1 WHERE source = 'wage' AND source_id = OLD.id;"
    "END;"

    /* What was recorded before the ledger existed comes in once, in the
     * order it happened. */
    "INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  SELECT p.paid_on, 'income', p.amount,"
    "         (SELECT id FROM ledger_categories WHERE code = CASE p.is_down_payment WHEN 1 THEN 'order_dp' ELSE 'order_settlement' END),"
    "         (SELECT account_id FROM ledger_method_accounts WHERE method = p.method), 'payment', p.id"
    "  FROM payments p ORDER BY p.id;"
    "INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  SELECT m.on_date, 'expense', m.cost, (SELECT id FROM ledger_categories WHERE code = 'materials'),"
    "         (SELECT account_id FROM ledger_method_accounts WHERE method = 'cash'), 'purchase', m.id"
    "  FROM stock_movements m WHERE m.kind = 'purchase' AND m.cost > 0 ORDER BY m.id;"
    "INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  SELECT w.paid_on, 'expense', w.amount, (SELECT id FROM ledger_categories WHERE code = 'wages'),"
    "         (SELECT account_id FROM ledger_method_accounts WHERE method = 'cash'), 'wage', w.id"
    "  FROM wage_payments w ORDER BY w.id;"
    "PRAGMA user_version = 8;" },

  { 9,
    /* Where an order came from, for the sales reports and the share of
     * online sales the outcome report counts.  Orders recorded before
     * were taken in person or by message: 'direct'. */
    "ALTER TABLE orders ADD COLUMN channel TEXT NOT NULL DEFAULT 'direct' CHECK (channel IN"
    "  ('direct', 'whatsapp', 'exhibition', 'online_shop', 'epeken', 'marketplace'));"
    "PRAGMA user_version = 9;" },

  { 10,
    /* The estimated final income tax of a micro business (PPh final
     * UMKM).  Its rate and thresholds are data, so a new regulation is a
     * new row, not a new Canting: valid_from is the first tax year a rule
     * applies to, the rate is in basis points of gross turnover (50 =
     * 0,5 %), the exemption is the turnover of a year an individual pays
     * nothing on, and above the yearly cap the final rate ends (from the
     * next year the general rates apply).
     *
     * PP 55/2022 (articles 56–60, after UU 7/2021 HPP): 0,5 % of each
     * month's gross turnover while the year's turnover is at most
     * Rp 4,8 billion; an individual taxpayer pays nothing on the first
     * Rp 500 million of a year's turnover; companies have no such
     * exemption.  It applies from tax year 2022. */
    "CREATE TABLE tax_rules ("
    "  id INTEGER PRIMARY KEY,"
    "  valid_from INTEGER NOT NULL UNIQUE CHECK (valid_from BETWEEN 1900 AND 9999),"
    "  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),"
    "  exemption INTEGER NOT NULL CHECK (exemption >= 0),"
    "  yearly_cap INTEGER NOT NULL CHECK (yearly_cap > 0),"
    "  source TEXT NOT NULL DEFAULT ''"
    ");"
    "INSERT INTO tax_rules (valid_from, rate_bp, exemption, yearly_cap, source) VALUES"
    "  (2022, 50, 500000000, 4800000000, 'PP 55/2022 Pasal 56–60');"
    /* Which income is turnover (peredaran bruto): sales and order
     * payments are, 'other income' (interest, a grant) is not.  A
     * category a workshop adds counts until it is marked otherwise: an
     * estimate that errs high is the safer one.  Expense categories never
     * count, whatever their flag. */
    "ALTER TABLE ledger_categories ADD COLUMN turnover INTEGER NOT NULL DEFAULT 1 CHECK (turnover IN (0, 1));"
    "UPDATE ledger_categories SET turnover = 0 WHERE kind = 'expense' OR code = 'other_income';"
    /* Individuals (orang pribadi) get the exemption, companies (CV, PT,
     * koperasi) do not; most batik workshops are a person's business. */
    "ALTER TABLE workshop ADD COLUMN taxpayer TEXT NOT NULL DEFAULT 'individual'"
    "  CHECK (taxpayer IN ('individual', 'company'));"
    "PRAGMA user_version = 10;" },

  { 11,
    /* A product's weight per piece in grams (NULL: not weighed yet), for
     * the wastewater per ton of product and for the shops' shipping.
     * The volume limit per ton of product belongs to a standard beside
     * its concentration limits: thousandths of a m³ of wastewater per
     * ton, NULL for no such limit (never 0: no plant discharges
     * nothing), with its own source.  Permen LH 12/2025 Lampiran I
     * allows a textile plant at most 100 m³ per ton. */
    "ALTER TABLE products ADD COLUMN weight INTEGER CHECK (weight IS NULL OR weight > 0);"
    "ALTER TABLE ipal_standards ADD COLUMN max_volume_per_ton INTEGER "
    "  CHECK (max_volume_per_ton IS NULL OR max_volume_per_ton > 0);"
    "ALTER TABLE ipal_standards ADD COLUMN volume_per_ton_source TEXT NOT NULL DEFAULT '';"
    "UPDATE ipal_standards SET max_volume_per_ton = 100000, volume_per_ton_source = 'Permen LH 12/2025 Lamp. I' "
    "  WHERE id = 1 AND builtin = 1;"
    "PRAGMA user_version = 11;" },

  { 12,
    /* Purchases on credit (bon at the supplier): utang.  An unpaid
     * purchase is stock and worth at once, but money leaves only when it
     * is paid, so its expense reaches the ledger on the day it is paid
     * (paid_on; NULL for one paid at purchase, on on_date).  due_date is
     * when the supplier expects the money.  The purchase triggers of step
     * 8 are replaced to follow that; every purchase recorded before was
     * paid at once. */
    "ALTER TABLE stock_movements ADD COLUMN unpaid INTEGER NOT NULL DEFAULT 0 CHECK (unpaid IN (0, 1));"
    "ALTER TABLE stock_movements ADD COLUMN paid_on TEXT;"
    "ALTER TABLE stock_movements ADD COLUMN due_date TEXT;"
    "CREATE INDEX stock_movements_unpaid ON stock_movements (unpaid) WHERE unpaid = 1;"
    "DROP TRIGGER ledger_purchase_added;"
    "DROP TRIGGER ledger_purchase_changed;"
    "CREATE TRIGGER ledger_purchase_added AFTER INSERT ON stock_movements"
    "  WHEN NEW.kind = 'purchase' AND NEW.cost > 0 AND NEW.unpaid = 0 BEGIN"
    "  INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  VALUES (coalesce(NEW.paid_on, NEW.on_date), 'expense', NEW.cost,"
    "          (SELECT id FROM ledger_categories WHERE code = 'materials'),"
    "          (SELECT account_id FROM ledger_method_accounts WHERE method = 'cash'), 'purchase', NEW.id)"
    "  ON CONFLICT (source, source_id) DO UPDATE SET on_date = excluded.on_date, amount = excluded.amount, voided = 0;"
    "END;"
    "CREATE TRIGGER ledger_purchase_changed AFTER UPDATE ON stock_movements BEGIN"
    "  INSERT INTO ledger (on_date, kind, amount, category_id, account_id, source, source_id)"
    "  SELECT coalesce(NEW.paid_on, NEW.on_date), 'expense', NEW.cost,"
    "         (SELECT id FROM ledger_categories WHERE code = 'materials'),"
    "         (SELECT account_id FROM ledger_method_accounts WHERE method = 'cash'), 'purchase', NEW.id"
    "  WHERE NEW.kind = 'purchase' AND NEW.cost > 0 AND NEW.unpaid = 0"
    "  ON CONFLICT (source, source_id) DO UPDATE SET on_date = excluded.on_date, amount = excluded.amount, voided = 0;"
    "  UPDATE ledger SET voided = 1 WHERE source = 'purchase' AND source_id = NEW.id"
    "    AND NOT (NEW.kind = 'purchase' AND coalesce(NEW.cost, 0) > 0 AND NEW.unpaid = 0);"
    "END;"
    "PRAGMA user_version = 12;" },
  { 13,
    /* Publishing to online shops.  A channel is one shop (a WooCommerce
     * store) or the e-Peken listing pack.  Its secret (an application
     * password, a consumer secret) never enters this file: it lives in
     * the system keyring, found by secret_ref (a random id, not a
     * secret).  auth_user is what a person may see on screen: the
     * WordPress user name, or a label of the consumer key. */
    "CREATE TABLE channels ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),"
    "  kind TEXT NOT NULL CHECK (kind IN ('woocommerce', 'epeken')),"
    "  base_url TEXT NOT NULL DEFAULT '',"
    "  auth TEXT NOT NULL DEFAULT 'none' CHECK (auth IN ('none', 'app_password', 'consumer_key')),"
    "  auth_user TEXT NOT NULL DEFAULT '',"
    "  secret_ref TEXT NOT NULL DEFAULT '',"
    "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    /* Only a shop reached over TLS, or one on this computer (the
     * practice shop): anything else would send the password in clear. */
    "  CHECK (kind <> 'woocommerce' OR base_url GLOB 'https://?*' OR base_url IN ('http://127.0.0.1', 'http://localhost')"
    "         OR base_url GLOB 'http://127.0.0.1[:/]*' OR base_url GLOB 'http://localhost[:/]*'),"
    /* WooCommerce's keys start so; one typed here would be stored. */
    "  CHECK (auth_user NOT LIKE 'cs\\_%' ESCAPE '\\')"
    ");"
    /* Which shop category a product goes in, by its motif or technique.
     * remote_id stays NULL until the category is made on the shop (or
     * found there: term_exists carries its id). */
    "CREATE TABLE channel_categories ("
    "  channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
    "  source TEXT NOT NULL CHECK (source IN ('motif', 'technique')),"
    "  local_value TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(local_value)) > 0),"
    "  remote_name TEXT NOT NULL CHECK (length(trim(remote_name)) > 0),"
    "  remote_id INTEGER CHECK (remote_id IS NULL OR remote_id > 0),"
    "  PRIMARY KEY (channel_id, source, local_value)"
    ");"
    /* Photos already on a shop (its media id), by their content-named
     * file: a photo is uploaded once per shop. */
    "CREATE TABLE channel_media ("
    "  channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
    "  file TEXT NOT NULL,"
    "  remote_id INTEGER NOT NULL CHECK (remote_id > 0),"
    "  PRIMARY KEY (channel_id, file)"
    ");"
    /* A product on a channel.  wanted: the person asked for it to be
     * online (0 after unpublish).  remote_id is stored the moment it is
     * known, so no later attempt creates a second product.  sent_hash is
     * the SHA-256 of the last payload the shop accepted.  local_change
     * is never seen at rest: writing it runs listing_local_change below,
     * the one place that says what a local change does to a listing. */
    "CREATE TABLE listings ("
    "  id INTEGER PRIMARY KEY,"
    "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
    "  channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
    "  wanted INTEGER NOT NULL DEFAULT 1 CHECK (wanted IN (0, 1)),"
    "  state TEXT NOT NULL DEFAULT 'offline' CHECK (state IN ('offline', 'queued', 'online', 'failed', 'changed')),"
    "  remote_id INTEGER CHECK (remote_id IS NULL OR remote_id > 0),"
    "  permalink TEXT NOT NULL DEFAULT '',"
    "  last_attempt_at TEXT,"
    "  last_result TEXT NOT NULL DEFAULT '',"
    "  sent_hash TEXT,"
    "  local_change TEXT CHECK (local_change IN ('content', 'stock')),"
    "  UNIQUE (product_id, channel_id)"
    ");"
    "CREATE INDEX listings_by_channel ON listings (channel_id, state);"
    /* Remote operations not yet done.  A row is written in the same
     * transaction as the change that asks for it and removed in the one
     * that records its outcome.  state: pending (due at
     * next_attempt_at), sending (taken by a worker until lease_until),
     * unknown (interrupted mid-flight: it may have reached the shop).
     * lookup_first stays 1 from an unknown outcome until an answer
     * settles it: a product whose remote id is unknown is then looked up
     * by SKU before anything creates it.  payload is the product as it
     * is now (listing_payloads); the channel's code turns it into what
     * the shop reads. */
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY,"
    "  channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
    "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'stock', 'unpublish', 'image')),"
    "  photo_file TEXT,"
    "  payload TEXT NOT NULL CHECK (json_valid(payload)),"
    "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'unknown')),"
    "  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
    "  next_attempt_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  lease_until TEXT,"
    "  lookup_first INTEGER NOT NULL DEFAULT 0 CHECK (lookup_first IN (0, 1)),"
    "  last_error TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  CHECK ((kind = 'image') = (photo_file IS NOT NULL)),"
    "  CHECK ((state = 'sending') = (lease_until IS NOT NULL))"
    ");"
    /* At most one waiting operation per product and shop (a second change
     * rewrites its payload), and one upload per photo. */
    "CREATE UNIQUE INDEX outbox_one_waiting ON outbox (channel_id, product_id)"
    "  WHERE state IN ('pending', 'unknown') AND kind <> 'image';"
    "CREATE UNIQUE INDEX outbox_one_waiting_image ON outbox (channel_id, product_id, photo_file)"
    "  WHERE state IN ('pending', 'unknown') AND kind = 'image';"
    "CREATE INDEX outbox_due ON outbox (channel_id, state, next_attempt_at);"
    "CREATE INDEX outbox_by_product ON outbox (product_id, channel_id);"

    /* What a shop is told about a product: everything a listing shows
     * and nothing private (never the cost). */
    "CREATE VIEW listing_payloads AS"
    "  SELECT p.id AS product_id, json_object("
    "    'sku', p.sku, 'name', p.name, 'price', p.price, 'description', p.description,"
    "    'motif', p.motif, 'technique', p.technique,"
    "    'stock', (SELECT coalesce(sum(m.delta), 0) FROM product_stock_moves m WHERE m.product_id = p.id),"
    "    'photos', json((SELECT json_group_array(f.file) FROM"
    "                    (SELECT ph.file FROM product_photos ph WHERE ph.product_id = p.id"
    "                     ORDER BY ph.position, ph.id) f))) AS payload"
    "  FROM products p;"

    /* A product online (or on its way) that changes locally gets one
     * waiting operation per shop, in the same transaction as the change
     * whoever wrote it (a form, an import, an order delivered): a
     * waiting one takes the new payload (a stock update that meets a
     * content change becomes a full update), else one is queued.  A
     * listing whose first publishing failed waits for the person to
     * publish it again rather than retrying on every stock move. */
    "CREATE TRIGGER listing_local_change AFTER UPDATE OF local_change ON listings"
    "  WHEN NEW.local_change IS NOT NULL BEGIN"
    "  UPDATE outbox SET payload = (SELECT payload FROM listing_payloads WHERE product_id = NEW.product_id),"
    "    kind = CASE WHEN kind = 'stock' AND NEW.local_change = 'content' THEN 'update' ELSE kind END,"
    "    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    "  WHERE channel_id = NEW.channel_id AND product_id = NEW.product_id"
    "    AND kind IN ('create', 'update', 'stock') AND state IN ('pending', 'unknown');"
    "  INSERT INTO outbox (channel_id, product_id, kind, payload)"
    "  SELECT NEW.channel_id, NEW.product_id,"
    "         CASE WHEN NEW.remote_id IS NULL THEN 'create' WHEN NEW.local_change = 'stock' THEN 'stock' ELSE 'update' END,"
    "         s.payload"
    "  FROM listing_payloads s WHERE s.product_id = NEW.product_id"
    "    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.channel_id = NEW.channel_id AND o.product_id = NEW.product_id"
    "                    AND o.kind <> 'image' AND o.state IN ('pending', 'unknown'));"
    "  UPDATE listings SET local_change = NULL,"
    "    state = CASE WHEN state = 'queued' OR remote_id IS NULL THEN 'queued' ELSE 'changed' END"
    "  WHERE id = NEW.id;"
    "END;"
    "CREATE TRIGGER listing_product_changed AFTER UPDATE OF sku, name, price, description, motif, technique ON products"
    "  WHEN OLD.sku IS NOT NEW.sku OR OLD.name IS NOT NEW.name OR OLD.price IS NOT NEW.price"
    "    OR OLD.description IS NOT NEW.description OR OLD.motif IS NOT NEW.motif OR OLD.technique IS NOT NEW.technique BEGIN"
    "  UPDATE listings SET local_change = 'content'"
    "  WHERE product_id = NEW.id AND wanted = 1 AND (remote_id IS NOT NULL OR state = 'queued');"
    "END;"
    "CREATE TRIGGER listing_stock_added AFTER INSERT ON product_stock_moves BEGIN"
    "  UPDATE listings SET local_change = 'stock'"
    "  WHERE product_id = NEW.product_id AND wanted = 1 AND (remote_id IS NOT NULL OR state = 'queued');"
    "END;"
    "CREATE TRIGGER listing_stock_removed AFTER DELETE ON product_stock_moves BEGIN"
    "  UPDATE listings SET local_change = 'stock'"
    "  WHERE product_id = OLD.product_id AND wanted = 1 AND (remote_id IS NOT NULL OR state = 'queued');"
    "END;"
    "CREATE TRIGGER listing_stock_changed AFTER UPDATE OF product_id, delta ON product_stock_moves BEGIN"
    "  UPDATE listings SET local_change = 'stock'"
    "  WHERE product_id IN (OLD.product_id, NEW.product_id) AND wanted = 1 AND (remote_id IS NOT NULL OR state = 'queued');"
    "END;"
    /* A new photo of a listed product is uploaded to each shop that does
     * not have it yet, before the product's update that shows it. */
    "CREATE TRIGGER listing_photo_added AFTER INSERT ON product_photos BEGIN"
    "  INSERT INTO outbox (channel_id, product_id, kind, photo_file, payload)"
    "  SELECT l.channel_id, NEW.product_id, 'image', NEW.file, json_object('file', NEW.file)"
    "  FROM listings l WHERE l.product_id = NEW.product_id AND l.wanted = 1"
    "    AND (l.remote_id IS NOT NULL OR l.state = 'queued')"
    "    AND NOT EXISTS (SELECT 1 FROM channel_media m WHERE m.channel_id = l.channel_id AND m.file = NEW.file)"
    "    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.channel_id = l.channel_id AND o.product_id = NEW.product_id"
    "                    AND o.photo_file = NEW.file);"
    "  UPDATE listings SET local_change = 'content'"
    "  WHERE product_id = NEW.product_id AND wanted = 1 AND (remote_id IS NOT NULL OR state = 'queued');"
    "END;"
    "CREATE TRIGGER listing_photo_removed AFTER DELETE ON product_photos BEGIN"
    "  UPDATE listings SET local_change = 'content'"
    "  WHERE product_id = OLD.product_id AND wanted = 1 AND (remote_id IS NOT NULL OR state = 'queued');"
    "END;"
    "CREATE TRIGGER listing_photo_moved AFTER UPDATE OF product_id, position, file ON product_photos BEGIN"
    "  UPDATE listings SET local_change = 'content'"
    "  WHERE product_id IN (OLD.product_id, NEW.product_id) AND wanted = 1 AND (remote_id IS NOT NULL OR state = 'queued');"
    "END;"
    "PRAGMA user_version = 13;" },

  { 14,
    /* Orders that came from a shop.  One row per order of a shop that
     * was brought in, so fetching it again (every sync looks back a
     * little, and a changed order comes again) changes the same local
     * order instead of making a second one.  remote_hash is the SHA-256
     * of what Canting read of the shop's order: the same hash, nothing to
     * do.  payment_id is the payment recorded for the shop's money; it
     * is no foreign key, so a payment the person removed stays removed
     * rather than coming back at the next sync. */
    "CREATE TABLE channel_orders ("
    "  channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,"
    "  remote_id INTEGER NOT NULL CHECK (remote_id > 0),"
    "  order_id INTEGER NOT NULL UNIQUE REFERENCES orders (id) ON DELETE CASCADE,"
    "  remote_number TEXT NOT NULL DEFAULT '',"
    "  remote_status TEXT NOT NULL,"
    "  remote_modified TEXT NOT NULL,"
    "  remote_hash TEXT NOT NULL,"
    "  payment_id INTEGER,"
    "  synced_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  UNIQUE (channel_id, remote_id)"
    ");"
    /* How far a channel's orders have been read: the newest modification
     * time (the shop's clock, UTC) of a sync that read every page, and
     * when that sync ended (this computer's clock, UTC). */
    "ALTER TABLE channels ADD COLUMN orders_modified_until TEXT;"
    "ALTER TABLE channels ADD COLUMN orders_synced_at TEXT;"
    "PRAGMA user_version = 14;" },
  { 15,
    /* What each order has been paid, kept in step with its payments by
     * triggers: what customers owe, the order list's "paid" and the
     * unpaid filter read one column instead of summing every order's
     * payments (seconds at ten years of orders).  orders_owing holds only
     * the orders that still owe something, so what is owed is read from
     * a few hundred rows, not two hundred thousand; its condition is
     * spelled exactly as the queries spell it (canting-order.c,
     * canting-ledger.c), or SQLite cannot use it. */
    "ALTER TABLE orders ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;"
    "UPDATE orders SET paid = (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.order_id = orders.id);"
    "CREATE TRIGGER orders_paid_added AFTER INSERT ON payments BEGIN"
    "  UPDATE orders SET paid = paid + NEW.amount WHERE id = NEW.order_id;"
    " END;"
    "CREATE TRIGGER orders_paid_removed AFTER DELETE ON payments BEGIN"
    "  UPDATE orders SET paid = paid - OLD.amount WHERE id = OLD.order_id;"
    " END;"
    "CREATE TRIGGER orders_paid_changed AFTER UPDATE OF order_id, amount ON payments BEGIN"
    "  UPDATE orders SET paid = paid - OLD.amount WHERE id = OLD.order_id;"
    "  UPDATE orders SET paid = paid + NEW.amount WHERE id = NEW.order_id;"
    " END;"
    "CREATE INDEX orders_owing ON orders (status) WHERE status NOT IN ('draft', 'cancelled') AND total > paid;"
    "PRAGMA user_version = 15;" },
  { 16,
    /* Production by day: the dashboard's "days with production but no
     * IPAL entry" reads one month of finished stages, which without this
     * was a scan of every stage ever done. */
    "CREATE INDEX item_stages_by_day ON item_stages (done_on) WHERE done_on IS NOT NULL;"
    "PRAGMA user_version = 16;" },
  { 17,
    /* Every account's balance and every worker's wages earned and paid,
     * kept in step by triggers, as orders.paid is (step 15): the money
     * page summed ten years of ledger for each account (close to a
     * second on opening it) and the workers page every stage ever done
     * for each worker.  Each trigger changes one or two rows by their
     * key, so writing an entry or finishing a stage costs about the same
     * as before.  The kept sums leave out the opening balance, which the
     * person edits (canting-ledger.c adds it). */
    "ALTER TABLE accounts ADD COLUMN ledger_balance INTEGER NOT NULL DEFAULT 0;"
    "UPDATE accounts SET ledger_balance = coalesce((SELECT sum(CASE WHEN l.kind = 'income' THEN l.amount"
    "                                                               WHEN l.kind = 'expense' THEN -l.amount"
    "                                                               WHEN l.account_id = accounts.id THEN -l.amount"
    "                                                               ELSE l.amount END)"
    "  FROM ledger l WHERE l.voided = 0 AND (l.account_id = accounts.id OR l.to_account_id = accounts.id)), 0);"
    "CREATE TRIGGER accounts_entry_added AFTER INSERT ON ledger WHEN NEW.voided = 0 BEGIN"
    "  UPDATE accounts SET ledger_balance = ledger_balance"
    "    + CASE NEW.kind WHEN 'income' THEN NEW.amount ELSE -NEW.amount END WHERE id = NEW.account_id;"
    "  UPDATE accounts SET ledger_balance = ledger_balance + NEW.amount WHERE id = NEW.to_account_id;"
    " END;"
    "CREATE TRIGGER accounts_entry_removed AFTER DELETE ON ledger WHEN OLD.voided = 0 BEGIN"
    "  UPDATE accounts SET ledger_balance = ledger_balance"
    "    - CASE OLD.kind WHEN 'income' THEN OLD.amount ELSE -OLD.amount END WHERE id = OLD.account_id;"
    "  UPDATE accounts SET ledger_balance = ledger_balance - OLD.amount WHERE id = OLD.to_account_id;"
    " END;"
    "CREATE TRIGGER accounts_entry_changed AFTER UPDATE OF kind, amount, account_id, to_account_id, voided ON ledger"
    " BEGIN"
    "  UPDATE accounts SET ledger_balance = ledger_balance"
    "    - CASE OLD.kind WHEN 'income' THEN OLD.amount ELSE -OLD.amount END WHERE OLD.voided = 0 AND id = OLD.account_id;"
    "  UPDATE accounts SET ledger_balance = ledger_balance - OLD.amount WHERE OLD.voided = 0 AND id = OLD.to_account_id;"
    "  UPDATE accounts SET ledger_balance = ledger_balance"
    "    + CASE NEW.kind WHEN 'income' THEN NEW.amount ELSE -NEW.amount END WHERE NEW.voided = 0 AND id = NEW.account_id;"
    "  UPDATE accounts SET ledger_balance = ledger_balance + NEW.amount WHERE NEW.voided = 0 AND id = NEW.to_account_id;"
    " END;"

    "ALTER TABLE workers ADD COLUMN earned INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE workers ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;"
    "UPDATE workers SET earned = (SELECT coalesce(sum(wage), 0) FROM item_stages s WHERE s.worker_id = workers.id),"
    "  paid = (SELECT coalesce(sum(amount), 0) FROM wage_payments p WHERE p.worker_id = workers.id);"
    "CREATE TRIGGER workers_stage_added AFTER INSERT ON item_stages WHEN NEW.worker_id IS NOT NULL BEGIN"
    "  UPDATE workers SET earned = earned + coalesce(NEW.wage, 0) WHERE id = NEW.worker_id;"
    " END;"
    "CREATE TRIGGER workers_stage_removed AFTER DELETE ON item_stages WHEN OLD.worker_id IS NOT NULL BEGIN"
    "  UPDATE workers SET earned = earned - coalesce(OLD.wage, 0) WHERE id = OLD.worker_id;"
    " END;"
    "CREATE TRIGGER workers_stage_changed AFTER UPDATE OF worker_id, wage ON item_stages BEGIN"
    "  UPDATE workers SET earned = earned - coalesce(OLD.wage, 0) WHERE id = OLD.worker_id;"
    "  UPDATE workers SET earned = earned + coalesce(NEW.wage, 0) WHERE id = NEW.worker_id;"
    " END;"
    "CREATE TRIGGER workers_paid_added AFTER INSERT ON wage_payments BEGIN"
    "  UPDATE workers SET paid = paid + NEW.amount WHERE id = NEW.worker_id;"
    " END;"
    "CREATE TRIGGER workers_paid_removed AFTER DELETE ON wage_payments BEGIN"
    "  UPDATE workers SET paid = paid - OLD.amount WHERE id = OLD.worker_id;"
    " END;"
    "CREATE TRIGGER workers_paid_changed AFTER UPDATE OF worker_id, amount ON wage_payments BEGIN"
    "  UPDATE workers SET paid = paid - OLD.amount WHERE id = OLD.worker_id;"
    "  UPDATE workers SET paid = paid + NEW.amount WHERE id = NEW.worker_id;"
    " END;"
    "PRAGMA user_version = 17;" },
  { 18,
    /* Each material's stock on hand and its worth, kept in step with its
     * movements by triggers (one row updated by key per movement).  The
     * materials page, the low-stock check (every few seconds after a
     * change, on the main loop) and the shortage lists summed every
     * movement of every material they showed: a third of a second on
     * ten years of a million movements. */
    "ALTER TABLE materials ADD COLUMN on_hand INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE materials ADD COLUMN stock_value INTEGER NOT NULL DEFAULT 0;"
    "UPDATE materials SET"
    "  on_hand = (SELECT coalesce(sum(quantity), 0) FROM stock_movements s WHERE s.material_id = materials.id),"
    "  stock_value = (SELECT coalesce(sum(value), 0) FROM stock_movements s WHERE s.material_id = materials.id);"
    "CREATE TRIGGER materials_stock_added AFTER INSERT ON stock_movements BEGIN"
    "  UPDATE materials SET on_hand = on_hand + NEW.quantity, stock_value = stock_value + NEW.value"
    "    WHERE id = NEW.material_id;"
    " END;"
    "CREATE TRIGGER materials_stock_removed AFTER DELETE ON stock_movements BEGIN"
    "  UPDATE materials SET on_hand = on_hand - OLD.quantity, stock_value = stock_value - OLD.value"
    "    WHERE id = OLD.material_id;"
    " END;"
    "CREATE TRIGGER materials_stock_changed AFTER UPDATE OF material_id, quantity, value ON stock_movements BEGIN"
    "  UPDATE materials SET on_hand = on_hand - OLD.quantity, stock_value = stock_value - OLD.value"
    "    WHERE id = OLD.material_id;"
    "  UPDATE materials SET on_hand = on_hand + NEW.quantity, stock_value = stock_value + NEW.value"
    "    WHERE id = NEW.material_id;"
    " END;"
    "PRAGMA user_version = 18;" },
  { 19,
    /* The orders' status and channel checked by plain comparisons.  A
     * CHECK (x IN (…)) of more than two values builds a temporary b-tree
     * of its list for every row written (SQLite 3.40 keeps none between
     * rows of a CHECK): a fifth of the time of importing 100,000 orders.
     * The same rules, columns (in the order steps 2, 9 and 15 made them)
     * and defaults.  A CHECK cannot be changed in place, so the table is
     * rebuilt as SQLite documents it: new table, copy, drop, rename,
     * then its indexes as steps 2 and 15 made them (foreign keys off
     * meanwhile: see CantingSchemaStep).  The ids stay, so everything
     * that refers to an order still does; no trigger is on orders, and
     * the triggers that write it (step 15) name it, not its old copy. */
    "CREATE TABLE orders_new ("
    "  id INTEGER PRIMARY KEY,"
    "  number TEXT NOT NULL UNIQUE,"
    "  year INTEGER NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
    "  order_date TEXT NOT NULL,"
    "  due_date TEXT CHECK (due_date IS NULL OR due_date >= order_date),"
    "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status = 'draft' OR status = 'confirmed'"
    "    OR status = 'in_production' OR status = 'ready' OR status = 'delivered' OR status = 'cancelled'),"
    "  from_stock INTEGER NOT NULL DEFAULT 0 CHECK (from_stock IN (0, 1)),"
    "  discount INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),"
    "  shipping INTEGER NOT NULL DEFAULT 0 CHECK (shipping >= 0),"
    "  total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  channel TEXT NOT NULL DEFAULT 'direct' CHECK (channel = 'direct' OR channel = 'whatsapp'"
    "    OR channel = 'exhibition' OR channel = 'online_shop' OR channel = 'epeken' OR channel = 'marketplace'),"
    "  paid INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (year, seq)"
    ");"
    "INSERT INTO orders_new (id, number, year, seq, customer_id, order_date, due_date, status, from_stock,"
    "                        discount, shipping, total, notes, created_at, channel, paid)"
    "  SELECT id, number, year, seq, customer_id, order_date, due_date, status, from_stock,"
    "         discount, shipping, total, notes, created_at, channel, paid FROM orders ORDER BY id;"
    "DROP TABLE orders;"
    "ALTER TABLE orders_new RENAME TO orders;"
    "CREATE INDEX orders_by_customer ON orders (customer_id);"
    "CREATE INDEX orders_by_status_due ON orders (status, due_date);"
    "CREATE INDEX orders_by_date ON orders (order_date DESC, id DESC);"
    "CREATE INDEX orders_owing ON orders (status) WHERE status NOT IN ('draft', 'cancelled') AND total > paid;"
    "PRAGMA user_version = 19;",
    TRUE },
  { 20,
    /* What an order took out of finished-goods stock, read when a shop
     * order is fetched again (canting-channel-order.c): every stock move
     * of every product was scanned for each.  Only moves made for an
     * order are indexed. */
    "CREATE INDEX product_stock_moves_by_order ON product_stock_moves (order_id) WHERE order_id IS NOT NULL;"
    /* A worker's stages by day: the wages owed are the newest stages'
     * wages, read newest first until they cover the debt
     * (canting_wages_owed()).  By worker alone, every stage of the
     * worker was sorted first.  The index by worker serves as before. */
    "DROP INDEX item_stages_by_worker;"
    "CREATE INDEX item_stages_by_worker ON item_stages (worker_id, done_on);"
    "PRAGMA user_version = 20;" },
  { 21,
    /* The orders that owe, newest first: the Orders page's "Not fully
     * paid" list walks them in its own order and stops at the page.
     * Keyed by status, the planner read all 200,000 orders of ten years
     * by customer and sorted the owing ones (20 ms) for each page.  The
     * same condition, as CANTING_ORDER_OWING_SQL spells it, so what
     * customers owe and the filter's count still read only these rows.
     * Replaced rather than added: no query looks owing orders up by
     * status, and each order written keeps one index fewer. */
    "DROP INDEX orders_owing;"
    "CREATE INDEX orders_owing ON orders (order_date DESC, id DESC)"
    "  WHERE status NOT IN ('draft', 'cancelled') AND total > paid;"
    "PRAGMA user_version = 21;" },
};

static const char * const tables[] = {
  "workshop",
  "customers",
  "products",
  "product_stock_moves",
  "orders",
  "order_items",
  "order_status_log",
  "payments",
  "stage_templates",
  "workers",
  "worker_rates",
  "wage_payments",
  "item_stages",
  "product_photos",
  "materials",
  "stock_movements",
  "product_materials",
  "ipal_plants",
  "ipal_standards",
  "ipal_limits",
  "ipal_logs",
  "ipal_sludge",
  "ipal_lab_tests",
  "ipal_lab_results",
  "accounts",
  "ledger_categories",
  "ledger",
  "tax_rules",
  "channels",
  "channel_categories",
  "channel_media",
  "listings",
  "outbox",
  "channel_orders",
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
