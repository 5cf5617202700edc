/* canting-csv.c: reading and writing CSV files.
 *
 * The parser is written here because GLib has none and the rules people's
 * spreadsheets need (separator detection, BOM, Indonesian headers) are
 * Canting's own.  Every row is checked before anything is written; the
 * write is one transaction. */
#include "canting-csv.h"
#include "canting-csv-private.h"

#include <string.h>

#include "canting-customer.h"
#include "canting-error.h"
#include "canting-i18n.h"
#include "canting-ipal-private.h"
#include "canting-material-private.h"
#include "canting-recipe.h"
#include "canting-order.h"
#include "canting-product.h"
#include "canting-record-private.h"
#include "canting-sql-private.h"
#include "canting-validate.h"

/* Rows one file may hold: ten years of a workshop's customers or
 * catalog, with room to spare; more is not a file meant for Canting. */
#define ROWS_MAX 200000

/* Kibibytes of page cache while an import writes.  Every page the file
 * changes stays in memory until it commits; with SQLite's default cache
 * (2 MB) a file of 100,000 orders wrote pages to the log halfway and
 * read them back, a fifth of its time.  The cache is set back after. */
#define IMPORT_CACHE_KIB 65536

/* Rows a file of orders must have before the orders' plain indexes are
 * set aside while it writes and built again at the end (see
 * canting_sql_defer_indexes()).  Rebuilding costs much less per order
 * than adding each to every index, but it is for every order in the
 * workshop, not only the new ones: worth it from a file of a few
 * thousand orders, and when the file brings at least a quarter as many
 * orders as the workshop has (into a generated ten-year workshop of
 * 200,000 orders: 20,000 orders took 1.0 s row by row, 2.6 s rebuilding;
 * 50,000 about 2.5 s either way; 86,000 3.0–3.6 s against 2.3–3.2 s).
 * The orders are only counted as they are read, so the rows stand for
 * them: an order has one to a few rows (items), two on the whole. */
#define REINDEX_MIN_ROWS 10000

typedef struct {
  guint line;
  GPtrArray *fields;
} Row;

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->fields);
  g_free (row);
}

void
canting_csv_report_free (CantingCsvReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

static void
problem_free (CantingCsvProblem *p)
{
  g_free (p->message);
  g_free (p);
}

static void
add_problem (CantingCsvReport *report,
             guint             line,
             const char       *message)
{
  CantingCsvProblem *p = g_new0 (CantingCsvProblem, 1);

  p->line = line;
  p->message = g_strdup (message);
  g_ptr_array_add (report->problems, p);
}

gboolean
canting_csv_kind_from_string (const char     *text,
                              CantingCsvKind *out_kind)
{
  /* In CantingCsvKind's order. */
  static const char * const names[] = {
    "customers", "products", "orders", "materials", "purchases", "shortages", "ipal", "ipal-lab",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

/* The separator the header line uses most, outside quotes. */
static char
detect_separator (const char *text)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

/* Only separators and spaces (",,,," from a spreadsheet's empty row). */
static gboolean
row_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *f = g_ptr_array_index (fields, i);
      if (strspn (f, " \t") != strlen (f))
        return FALSE;
    }
  return TRUE;
}

/* Whether the text from @start to @end is only spaces and tabs. */
static gboolean
only_blanks (const char *start,
             const char *end)
{
  for (const char *p = start; p < end; p++)
    if (*p != ' ' && *p != '\t')
      return FALSE;
  return TRUE;
}

/* Reads @text row by row.  The cells are written over @text itself,
 * each ended by a NUL: a cell is never longer than the text it was read
 * from plus its separator, so writing never overtakes reading, and a
 * file of 100,000 orders (two million cells) needs no allocation per
 * cell.  The rows point into @text, which must outlive them. */
typedef struct {
  const char *p;      /* the next character to read */
  char *out;          /* where the next character of a cell goes */
  char sep;
  guint line;         /* of the next character */
  guint width;        /* cells of the last row, to size the next */
  gboolean at_end;
} Parser;

static void
parser_init (Parser *ps,
             char   *text,
             char    sep)
{
  *ps = (Parser) { text, text, sep, 1, 0, FALSE };
}

/* The next row that is not blank; NULL after the last, or with @error. */
static Row *
parser_next (Parser  *ps,
             GError **error)
{
  while (!ps->at_end)
    {
      GPtrArray *fields = g_ptr_array_sized_new (ps->width + 1);
      guint row_line = ps->line;
      gboolean quoted = FALSE, was_quoted = FALSE;
      char *field = ps->out;   /* where the current cell starts */

      for (;; ps->p++)
        {
          char c = *ps->p;

          if (quoted)
            {
              if (c == '\0')
                {
                  g_ptr_array_unref (fields);
                  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                               _("Line %u: a quoted field is never closed."), row_line);
                  return NULL;
                }
              if (c == '"' && ps->p[1] == '"')
                *ps->out++ = '"', ps->p++;
              else if (c == '"')
                quoted = FALSE;
              else if (c == '\r')
                {
                  /* A line break inside a cell, as Windows writes it
                   * (\r\n) or old Macs did (\r): kept as one \n. */
                  if (ps->p[1] == '\n')
                    ps->p++;
                  ps->line++;
                  *ps->out++ = '\n';
                }
              else
                {
                  if (c == '\n')
                    ps->line++;
                  *ps->out++ = c;
                }
              continue;
            }

          /* A quote opens a quoted cell even after spaces ("a, "b, c""). */
          if (c == '"' && !was_quoted && only_blanks (field, ps->out))
            {
              ps->out = field;
              quoted = was_quoted = TRUE;
              continue;
            }
          if (c == ps->sep || c == '\n' || c == '\r' || c == '\0')
            {
              *ps->out++ = '\0';
              g_ptr_array_add (fields, field);
              field = ps->out;
              was_quoted = FALSE;
              if (c == ps->sep)
                continue;
              if (c == '\r' && ps->p[1] == '\n')
                ps->p++;
              if (c == '\0')
                ps->at_end = TRUE;
              else
                ps->p++, ps->line++;
              break;
            }
          if (was_quoted && (c == ' ' || c == '\t'))
            continue;
          if (was_quoted)
            {
              g_ptr_array_unref (fields);
              g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                           _("Line %u: there is text after a closing quote."), ps->line);
              return NULL;
            }
          *ps->out++ = c;
        }
      ps->width = fields->len;
      if (!row_is_blank (fields))
        {
          Row *row = g_new0 (Row, 1);
          row->line = row_line;
          row->fields = fields;
          return row;
        }
      g_ptr_array_unref (fields);
    }
  return NULL;
}

/* Every row of @text (see Parser). */
static GPtrArray *
parse (char        *text,
       char         sep,
       GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GError) local = NULL;
  Parser ps;
  Row *row;

  parser_init (&ps, text, sep);
  while ((row = parser_next (&ps, &local)) != NULL)
    {
      g_ptr_array_add (rows, row);
      if (rows->len > ROWS_MAX + 1)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The file has more than %d rows."), ROWS_MAX);
          return NULL;
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* --- columns ------------------------------------------------------------ */

typedef struct {
  const char *id;
  const char *names;     /* accepted headers, lower case, '|'-separated */
  gboolean required;
} Column;

static const Column customer_columns[] = {
  { "name", "nama|nama pelanggan|pelanggan|name|customer", TRUE },
  { "phone", "telepon|telp|hp|wa|whatsapp|telepon/wa|phone", FALSE },
  { "address", "alamat|address", FALSE },
  { "city", "kota|kabupaten|kota/kabupaten|city", FALSE },
  { "notes", "catatan|keterangan|notes", FALSE },
  { "archived", "diarsipkan|archived", FALSE },
};

static const Column product_columns[] = {
  { "sku", "sku|kode", FALSE },
  { "name", "nama|nama produk|produk|name|product", TRUE },
  { "motif", "motif", FALSE },
  { "technique", "teknik|technique", FALSE },
  { "size", "ukuran|size", FALSE },
  { "colours", "warna|colours|colors", FALSE },
  { "colour_count", "jumlah warna|colour count|color count", FALSE },
  { "material", "kain|bahan|material|cloth", FALSE },
  { "price", "harga|price", TRUE },
  { "unit_cost", "biaya|biaya per potong|cost|unit cost", FALSE },
  { "description", "deskripsi|description", FALSE },
  { "stock", "stok|stock", FALSE },
  { "weight", "berat (gram)|berat|berat per potong|weight (g)|weight (grams)|weight", FALSE },
};

static const Column order_columns[] = {
  { "number", "nomor|no|nomor pesanan|number|order", FALSE },
  { "date", "tanggal|tanggal pesan|date|order date", TRUE },
  { "due", "jatuh tempo|tanggal selesai|due|due date", FALSE },
  { "customer", "pelanggan|nama pelanggan|customer", TRUE },
  { "sku", "sku|kode", FALSE },
  { "description", "keterangan|barang|description|item", FALSE },
  { "quantity", "jumlah|qty|quantity", TRUE },
  { "price", "harga satuan|harga|unit price|price", FALSE },
  { "discount", "potongan|diskon|discount", FALSE },
  { "shipping", "ongkos kirim|ongkir|shipping", FALSE },
  { "notes", "catatan|notes", FALSE },
  { "channel", "saluran|saluran penjualan|channel|sales channel", FALSE },
  /* Written by the export; orders come in as new drafts, so these are
   * read past without a complaint. */
  { "ignored_status", "status", FALSE },
  { "ignored_total", "total", FALSE },
  { "ignored_paid", "dibayar|paid", FALSE },
};

static const Column material_columns[] = {
  { "name", "nama|nama bahan|bahan|name|material", TRUE },
  { "kind", "jenis|kind|type", FALSE },
  { "unit", "satuan|unit", FALSE },
  { "roll_size", "isi gulung|isi per gulung|roll size", FALSE },
  { "reorder_level", "batas pesan ulang|reorder level", FALSE },
  { "supplier", "pemasok|supplier", FALSE },
  { "notes", "catatan|keterangan|notes", FALSE },
  { "archived", "diarsipkan|archived", FALSE },
  /* Written by the export; stock comes only from the ledger, so these
   * are read past without a complaint. */
  { "ignored_stock", "stok|stock|on hand", FALSE },
  { "ignored_cost", "harga rata-rata|average cost", FALSE },
};

static const Column purchase_columns[] = {
  { "date", "tanggal|tanggal beli|date", TRUE },
  { "material", "bahan|nama bahan|material", TRUE },
  { "quantity", "jumlah|qty|quantity", TRUE },
  { "unit", "satuan|unit", FALSE },
  /* The total paid, or the price per unit typed: a sheet's "harga" is
   * a unit price, never the total. */
  { "cost", "total harga|harga total|jumlah harga|total|total cost", FALSE },
  { "unit_price", "harga satuan|harga per satuan|harga|unit price|price", FALSE },
  { "supplier", "pemasok|supplier", FALSE },
};

/* A daily log kept in a spreadsheet, one row per entry; the names are
 * those of the paper log sheets. */
static const Column ipal_log_columns[] = {
  { "date", "tanggal|date", TRUE },       /* a date, or a date and time */
  { "time", "jam|waktu|time", FALSE },
  { "plant", "ipal|nama ipal|plant", FALSE },
  { "inflow", "debit masuk|inflow", FALSE },
  { "outflow", "debit keluar|outflow", FALSE },
  { "ph_in", "ph masuk|ph in", FALSE },
  { "ph_out", "ph keluar|ph out", FALSE },
  { "temperature", "suhu|temperature", FALSE },
  { "colour", "warna|colour|color", FALSE },
  { "clarity", "kejernihan|clarity", FALSE },
  { "odour", "bau|odour|odor", FALSE },
  { "pac", "pac|tawas|pac/tawas", FALSE },
  { "lime", "kapur|lime", FALSE },
  { "polymer", "polimer|polymer", FALSE },
  { "pumps", "pompa|pumps", FALSE },
  { "rain", "hujan|rain", FALSE },
  { "incident", "kejadian|incident", FALSE },
  { "operator", "petugas|operator", FALSE },
  { "notes", "catatan|keterangan|notes", FALSE },
  { "action", "tindakan|action", FALSE },
};

/* A lab test a row, as a lab's results are typed off its report: the
 * sample, the laboratory, then one column per parameter, named as the
 * monthly report's CSV names them (or as Indonesian reports do). */
static const Column ipal_lab_columns[] = {
  { "date", "tanggal|tanggal sampling|date", TRUE },   /* a date, or a date and time */
  { "time", "jam|waktu|time", FALSE },
  { "plant", "ipal|nama ipal|plant", FALSE },
  { "sampling_point", "titik sampling|titik pengambilan sampel|sampling point", FALSE },
  { "sampled_by", "pengambil sampel|petugas sampling|sampled by", FALSE },
  { "flow", "debit|debit saat sampling|flow", FALSE },
  { "laboratory", "laboratorium|lab|laboratory", FALSE },
  { "accredited", "terakreditasi|akreditasi|accredited", FALSE },
  { "report_number", "nomor laporan|no laporan|no. laporan|report number", FALSE },
  { "bod", "bod|bod5|bod₅", FALSE },
  { "cod", "cod", FALSE },
  { "tss", "tss", FALSE },
  { "phenol", "phenol|fenol|fenol total", FALSE },
  { "chromium", "chromium|krom|krom total|kromium total", FALSE },
  { "oil_grease", "oil_grease|minyak dan lemak|minyak & lemak|oil and grease", FALSE },
  { "ammonia", "ammonia|amonia|amonia total", FALSE },
  { "sulfide", "sulfide|sulfida", FALSE },
  { "colour", "colour|color|warna", FALSE },
  { "ph", "ph", FALSE },
  { "temperature", "temperature|suhu", FALSE },
  { "action", "tindakan|action", FALSE },
  { "notes", "catatan|keterangan|notes", FALSE },
};

/* Room for the widest kind's columns (the IPAL log's). */
#define COLUMNS_MAX 24

typedef struct {
  const Column *columns;
  gsize n_columns;
  int index[COLUMNS_MAX]; /* column → field position, -1 if absent */
  guint width;            /* cells in the header row */
} Header;

G_STATIC_ASSERT (G_N_ELEMENTS (customer_columns) <= COLUMNS_MAX);
G_STATIC_ASSERT (G_N_ELEMENTS (product_columns) <= COLUMNS_MAX);
G_STATIC_ASSERT (G_N_ELEMENTS (order_columns) <= COLUMNS_MAX);
G_STATIC_ASSERT (G_N_ELEMENTS (material_columns) <= COLUMNS_MAX);
G_STATIC_ASSERT (G_N_ELEMENTS (purchase_columns) <= COLUMNS_MAX);
G_STATIC_ASSERT (G_N_ELEMENTS (ipal_log_columns) <= COLUMNS_MAX);
G_STATIC_ASSERT (G_N_ELEMENTS (ipal_lab_columns) <= COLUMNS_MAX);

static gboolean
header_matches (const char *names,
                const char *header)
{
  g_auto(GStrv) alternatives = g_strsplit (names, "|", -1);
  g_autofree char *wanted = g_utf8_strdown (header, -1);

  g_strstrip (wanted);
  return g_strv_contains ((const char * const *) alternatives, wanted);
}

static gboolean
read_header (Header            *h,
             const Row         *row,
             CantingCsvReport  *report,
             GError           **error)
{
  for (gsize c = 0; c < h->n_columns; c++)
    h->index[c] = -1;
  h->width = row->fields->len;

  for (guint f = 0; f < row->fields->len; f++)
    {
      const char *name = g_ptr_array_index (row->fields, f);
      gboolean known = FALSE;

      for (gsize c = 0; c < h->n_columns && !known; c++)
        if (header_matches (h->columns[c].names, name))
          {
            known = TRUE;
            if (h->index[c] >= 0)
              {
                g_autofree char *message = g_strdup_printf (_("Column “%s” says again what an earlier column "
                                                              "says; it is ignored."), name);
                add_problem (report, 1, message);
              }
            else
              h->index[c] = (int) f;
          }
      if (!known && *name != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("Unknown column “%s” is ignored."), name);
          add_problem (report, 1, message);
        }
    }
  for (gsize c = 0; c < h->n_columns; c++)
    if (h->columns[c].required && h->index[c] < 0)
      {
        g_auto(GStrv) names = g_strsplit (h->columns[c].names, "|", 2);
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                     _("The file has no “%s” column; the first line must name the columns."), names[0]);
        return FALSE;
      }
  return TRUE;
}

/* The row's text for column @id ("" when absent), trimmed. */
/* A cell starting like this runs as a formula in a spreadsheet (CSV
 * injection); export puts a quote mark before it, import takes it off. */
static gboolean
starts_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* A quote mark before what needs a guard (itself perhaps a guarded
 * cell, "'=x" typed as a name). */
static gboolean
guarded (const char *text)
{
  return text[0] == '\'' && (starts_like_formula (text + 1) || guarded (text + 1));
}

/* The column called @id: the same literal as the table's (the compiler
 * keeps one copy of each string in this file), or else by its text. */
static gsize
column_of (const Header *h,
           const char   *id)
{
  for (gsize c = 0; c < h->n_columns; c++)
    if (h->columns[c].id == id)
      return c;
  for (gsize c = 0; c < h->n_columns; c++)
    if (g_str_equal (h->columns[c].id, id))
      return c;
  return h->n_columns;
}

static const char *
cell (const Header *h,
      const Row    *row,
      const char   *id)
{
  gsize c = column_of (h, id);
  char *text;
  int f;

  g_return_val_if_fail (c < h->n_columns, "");

  f = h->index[c];
  if (f < 0 || (guint) f >= row->fields->len)
    return "";
  text = g_ptr_array_index (row->fields, f);
  /* Stripped in place, once: a cell is read several times. */
  if (g_ascii_isspace (text[0]) || (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1])))
    g_strstrip (text);
  /* The quote mark put() guards a cell with is not part of it. */
  return guarded (text) ? text + 1 : text;
}

/* Whether the file has column @id at all: an update leaves alone what
 * the file does not say. */
static gboolean
column_present (const Header *h,
                const char   *id)
{
  gsize c = column_of (h, id);

  g_return_val_if_fail (c < h->n_columns, FALSE);
  return h->index[c] >= 0;
}

/* A row with more cells than the header has columns: something shifted
 * (an unquoted separator in a cell, say). */
static gboolean
check_width (const Header  *h,
             const Row     *row,
             GError       **error)
{
  if (row->fields->len <= h->width)
    return TRUE;
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
               _("This row has %u cells but the first line names %u columns; a cell may need quotes."),
               row->fields->len, h->width);
  return FALSE;
}

static gboolean
parse_yes_no (const char *text)
{
  return g_ascii_strcasecmp (text, "ya") == 0 || g_ascii_strcasecmp (text, "yes") == 0 ||
         g_strcmp0 (text, "1") == 0;
}

/* @label: marked N_(), translated only for a message. */
static gboolean
parse_count (const char  *text,
             gint64       min,
             gint64       max,
             const char  *label,
             gint64      *out,
             GError     **error)
{
  guint64 value = 0;

  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, (guint64) MAX (min, 0), (guint64) max, &value, NULL))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("%s “%s” must be a whole number from %d to %d."),
                   _(label), text, (int) min, (int) max);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

/* --- rows to records ------------------------------------------------------ */

typedef struct {
  gpointer record;
  gint64 stock;
  CantingMoney total;  /* orders: as checked */
  char *customer;    /* orders: the customer's name, found or added */
  char *customer_key; /* orders: the name in lowercase, as NOCASE compares */
  guint line;        /* where it starts in the file */
  guint n_rows;      /* rows of the file it stands for */
} Good;

static gpointer
customer_from_row (const Header  *h,
                   const Row     *row,
                   GError       **error)
{
  g_autoptr(CantingCustomer) c = canting_customer_new ();

#define SET(field, id) g_free (c->field), c->field = g_strdup (cell (h, row, id))
  SET (name, "name");
  SET (phone, "phone");
  SET (address, "address");
  SET (city, "city");
  SET (notes, "notes");
#undef SET
  c->archived = parse_yes_no (cell (h, row, "archived"));
  if (!canting_customer_validate (c, error))
    return NULL;
  return g_steal_pointer (&c);
}

static gpointer
product_from_row (const Header  *h,
                  const Row     *row,
                  gint64        *out_stock,
                  GError       **error)
{
  g_autoptr(CantingProduct) p = canting_product_new ();
  const char *technique = cell (h, row, "technique");
  const char *cost = cell (h, row, "unit_cost");
  gint64 colours = 1;
  g_autoptr(GError) local = NULL;

#define SET(field, id) g_free (p->field), p->field = g_strdup (cell (h, row, id))
  SET (sku, "sku");
  SET (name, "name");
  SET (motif, "motif");
  SET (size, "size");
  SET (colours, "colours");
  SET (material, "material");
  SET (description, "description");
#undef SET

  if (*technique != '\0' && !canting_technique_from_string (technique, &p->technique))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Technique “%s” is not one of tulis, cap, kombinasi or printing."), technique);
      return NULL;
    }
  if (!canting_money_parse (cell (h, row, "price"), &p->price, &local) ||
      (*cost != '\0' && !canting_money_parse (cost, &p->unit_cost, &local)))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!parse_count (cell (h, row, "colour_count"), 1, CANTING_COLOURS_MAX, N_("Number of colours"), &colours, error) ||
      !parse_count (cell (h, row, "stock"), 0, CANTING_PIECES_MAX, N_("Stock"), out_stock, error))
    return NULL;
  p->colour_count = (guint) colours;
  if (!canting_product_weight_parse (cell (h, row, "weight"), &p->weight, error))
    return NULL;
  if (!canting_product_validate (p, error))
    return NULL;
  return g_steal_pointer (&p);
}

/* What people call the kinds of material, in Indonesian and English;
 * the translated labels are accepted too. */
static const struct {
  const char          *word;
  CantingMaterialKind  kind;
} kind_words[] = {
  { "mori", CANTING_MATERIAL_MORI }, { "kain", CANTING_MATERIAL_MORI }, { "cloth", CANTING_MATERIAL_MORI },
  { "malam", CANTING_MATERIAL_MALAM }, { "lilin", CANTING_MATERIAL_MALAM }, { "wax", CANTING_MATERIAL_MALAM },
  { "dye", CANTING_MATERIAL_DYE }, { "pewarna", CANTING_MATERIAL_DYE }, { "zat warna", CANTING_MATERIAL_DYE },
  { "chemical", CANTING_MATERIAL_CHEMICAL }, { "kimia", CANTING_MATERIAL_CHEMICAL },
  { "bahan kimia", CANTING_MATERIAL_CHEMICAL },
  { "other", CANTING_MATERIAL_OTHER }, { "lainnya", CANTING_MATERIAL_OTHER }, { "lain-lain", CANTING_MATERIAL_OTHER },
};

static gboolean
parse_material_kind (const char          *text,
                     CantingMaterialKind *out_kind,
                     GError             **error)
{
  g_autofree char *word = g_utf8_strdown (text, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (kind_words); i++)
    if (g_str_equal (word, kind_words[i].word))
      {
        *out_kind = kind_words[i].kind;
        return TRUE;
      }
  if (canting_material_kind_from_string (text, out_kind))
    return TRUE;
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
               _("Kind “%s” is not one of mori, malam, dye, chemical or other."), text);
  return FALSE;
}

/* A quantity cell; an empty one is @empty.  The message names the
 * column. */
static gboolean
parse_quantity_or (const char       *text,
                   const char       *label,
                   CantingQuantity   empty,
                   CantingQuantity  *out,
                   GError          **error)
{
  *out = empty;
  if (*text == '\0')
    return TRUE;
  if (!canting_quantity_parse (text, out, error))
    {
      g_prefix_error (error, "%s: ", label);
      return FALSE;
    }
  return TRUE;
}

/* A quantity cell; an empty one is 0. */
static gboolean
parse_quantity_cell (const char       *text,
                     const char       *label,
                     CantingQuantity  *out,
                     GError          **error)
{
  return parse_quantity_or (text, label, 0, out, error);
}

/* The id of the material called @name (any case), or 0. */
static gint64
material_by_name (CantingDb  *db,
                  const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT id FROM materials WHERE name = ?1 COLLATE NOCASE",
                                                      NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* A new material, or the workshop's material of that name with what the
 * row says changed. */
static gpointer
material_from_row (CantingDb     *db,
                   const Header  *h,
                   const Row     *row,
                   GError       **error)
{
  const char *name = cell (h, row, "name");
  const char *kind = cell (h, row, "kind");
  const char *unit = cell (h, row, "unit");
  gint64 id = *name != '\0' ? material_by_name (db, name) : 0;
  g_autoptr(CantingMaterial) m = id != 0 ? canting_material_load (db, id, error) : canting_material_new ();

  if (m == NULL)
    return NULL;
  g_free (m->name);
  m->name = g_strdup (name);

  if (*kind != '\0' && !parse_material_kind (kind, &m->kind, error))
    return NULL;
  if (*kind == '\0' && id == 0)
    m->kind = CANTING_MATERIAL_OTHER;

  if (*unit != '\0')
    {
      CantingUnit old = m->unit;

      if (!canting_unit_parse (unit, &m->unit, error))
        return NULL;
      if (id != 0 && m->unit != old && canting_material_movement_count (db, id, NULL) > 0)
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("“%s” already has stock movements in %s, so its unit cannot change to %s."),
                       m->name, canting_unit_label (old), canting_unit_label (m->unit));
          return NULL;
        }
    }
  else if (id == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The unit is missing; type the unit the stock is kept in: m, yard, piece, kg, gram, litre or ml."));
      return NULL;
    }

  if ((column_present (h, "roll_size") &&
       !parse_quantity_cell (cell (h, row, "roll_size"), _("Roll size"), &m->roll_size, error)) ||
      (column_present (h, "reorder_level") &&
       !parse_quantity_cell (cell (h, row, "reorder_level"), _("Reorder level"), &m->reorder_level, error)))
    return NULL;
#define SET(field, id) if (column_present (h, id)) g_free (m->field), m->field = g_strdup (cell (h, row, id))
  SET (supplier, "supplier");
  SET (notes, "notes");
#undef SET
  if (column_present (h, "archived"))
    m->archived = parse_yes_no (cell (h, row, "archived"));
  if (!canting_material_validate (m, error))
    return NULL;
  return g_steal_pointer (&m);
}

/* Materials looked up by name once per import (casefolded name →
 * CantingMaterial). */
static const CantingMaterial *
material_cached (CantingDb   *db,
                 GHashTable  *cache,
                 const char  *name)
{
  g_autofree char *key = g_utf8_casefold (name, -1);
  CantingMaterial *m = g_hash_table_lookup (cache, key);
  gint64 id;

  if (m != NULL)
    return m;
  id = material_by_name (db, name);
  if (id == 0 || (m = canting_material_load (db, id, NULL)) == NULL)
    return NULL;
  g_hash_table_insert (cache, g_steal_pointer (&key), m);
  return m;
}

/* The total paid: the total column, or the unit price × the quantity as
 * typed (in the unit typed); both given must agree to the rupiah. */
static gboolean
purchase_cost (const Header     *h,
               const Row        *row,
               CantingQuantity   typed,
               CantingMoney     *out_cost,
               GError          **error)
{
  const char *total_text = column_present (h, "cost") ? cell (h, row, "cost") : "";
  const char *price_text = column_present (h, "unit_price") ? cell (h, row, "unit_price") : "";
  CantingMoney total = -1, price = 0;
  guint64 product;

  if (*total_text == '\0' && *price_text == '\0')
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Type the total paid (total harga) or the price per unit (harga satuan)."));
      return FALSE;
    }
  if (*total_text != '\0' && !canting_money_parse (total_text, &total, error))
    {
      g_prefix_error (error, "%s: ", _("Total cost"));
      return FALSE;
    }
  if (*price_text == '\0')
    {
      *out_cost = total;
      return TRUE;
    }
  if (!canting_money_parse (price_text, &price, error))
    {
      g_prefix_error (error, "%s: ", _("Price per unit"));
      return FALSE;
    }
  if (!g_uint64_checked_mul (&product, (guint64) price, (guint64) typed) ||
      product / CANTING_QUANTITY_ONE > (guint64) G_MAXINT64 / 2)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The price × quantity is too large."));
      return FALSE;
    }
  /* Rounded to the rupiah, half up. */
  product = (product + CANTING_QUANTITY_ONE / 2) / CANTING_QUANTITY_ONE;
  if (total >= 0 && (guint64) total != product)
    {
      g_autofree char *total_shown = canting_money_format (total);
      g_autofree char *computed = canting_money_format ((CantingMoney) product);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The total %s does not match the price × quantity, %s; correct one of them."),
                   total_shown, computed);
      return FALSE;
    }
  *out_cost = (CantingMoney) product;
  return TRUE;
}

static gpointer
purchase_from_row (CantingDb     *db,
                   GHashTable    *materials,
                   const Header  *h,
                   const Row     *row,
                   GError       **error)
{
  g_autoptr(CantingMovement) mv = canting_movement_new ();
  const char *name = cell (h, row, "material");
  const char *quantity_text = cell (h, row, "quantity");
  const char *unit_text = cell (h, row, "unit");
  const CantingMaterial *m;
  CantingUnit unit;
  CantingQuantity quantity = 0;

  g_free (mv->on_date);
  mv->on_date = canting_date_parse (cell (h, row, "date"), error);
  if (mv->on_date == NULL)
    return NULL;
  if (*name == '\0')
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The material is missing."));
      return NULL;
    }
  m = material_cached (db, materials, name);
  if (m == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("No material is called “%s”. Add it first, or import the materials before the purchases."), name);
      return NULL;
    }

  if (*quantity_text == '\0')
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The quantity is missing."));
      return NULL;
    }
  if (!parse_quantity_cell (quantity_text, N_("Quantity"), &quantity, error))
    return NULL;
  if (quantity <= 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Quantity “%s” must be above zero."), quantity_text);
      return NULL;
    }
  unit = m->unit;
  if (*unit_text != '\0' && !canting_unit_parse (unit_text, &unit, error))
    return NULL;
  if (!canting_unit_convert (quantity, unit, m->unit, m->roll_size, &mv->quantity, error))
    return NULL;

  if (!purchase_cost (h, row, quantity, &mv->cost, error))
    return NULL;
  mv->material_id = m->id;
  mv->kind = CANTING_MOVEMENT_PURCHASE;
  g_free (mv->supplier);
  mv->supplier = g_strdup (cell (h, row, "supplier"));
  if (!canting_movement_validate (mv, error))
    return NULL;
  return g_steal_pointer (&mv);
}

/* The plants an IPAL log names, read once per import. */
typedef struct {
  GPtrArray *list;                 /* CantingIpalPlant, archived ones too, by name */
  GHashTable *by_name;             /* casefolded name → a plant in list */
  const CantingIpalPlant *only;    /* the one plant in use, when there is one */
  guint in_use;                    /* plants not archived */
} IpalPlants;

static void
ipal_plants_clear (IpalPlants *plants)
{
  g_clear_pointer (&plants->by_name, g_hash_table_unref);
  g_clear_pointer (&plants->list, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IpalPlants, ipal_plants_clear)

static gboolean
ipal_plants_load (CantingDb   *db,
                  IpalPlants  *plants,
                  GError     **error)
{
  plants->list = canting_ipal_plant_list (db, TRUE, error);
  if (plants->list == NULL)
    return FALSE;
  plants->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < plants->list->len; i++)
    {
      const CantingIpalPlant *p = g_ptr_array_index (plants->list, i);
      char *key = g_utf8_casefold (p->name, -1);

      if (!p->archived)
        plants->only = p, plants->in_use++;
      /* Names are unique in any ASCII case; of two that casefold alike
       * beyond ASCII, the first by name is found. */
      if (g_hash_table_contains (plants->by_name, key))
        g_free (key);
      else
        g_hash_table_insert (plants->by_name, key, (gpointer) p);
    }
  if (plants->in_use != 1)
    plants->only = NULL;
  return TRUE;
}

/* The plant a row names (any case), or the only plant in use when it
 * names none: a workshop with one plant need not say which. */
static const CantingIpalPlant *
ipal_plant_for_row (const IpalPlants  *plants,
                    const char        *name,
                    GError           **error)
{
  if (*name != '\0')
    {
      g_autofree char *key = g_utf8_casefold (name, -1);
      const CantingIpalPlant *p = g_hash_table_lookup (plants->by_name, key);

      if (p == NULL)
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                     _("No plant (IPAL) is called “%s”. Add it first, or correct the name."), name);
      return p;
    }
  if (plants->only != NULL)
    return plants->only;
  if (plants->in_use == 0)
    g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                 _("No plant (IPAL) is set up yet. Add the plant first, then import its log."));
  else
    g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                 _("There are %u plants (IPAL); name this row’s plant in an “ipal” column."), plants->in_use);
  return NULL;
}

/* The entry's local time from the date cell ("24/11/2026",
 * "24/11/2026 07:30", "2026-11-24T07:30") and the time cell; a date
 * alone is 00:00.  (transfer full) */
static char *
ipal_time_from_row (const Header  *h,
                    const Row     *row,
                    GError       **error)
{
  g_autofree char *date = g_strdup (cell (h, row, "date"));
  const char *time_text = cell (h, row, "time");
  g_autofree char *at = NULL;
  char *space;

  /* ISO 8601, as other programs write a date and time. */
  if (strlen (date) > 10 && date[10] == 'T')
    date[10] = ' ';
  space = strchr (date, ' ');
  /* No date at all is said as such, whatever the time cell holds. */
  if (*time_text == '\0' || *date == '\0')
    return canting_date_time_parse (date, error);
  if (space == NULL)
    {
      g_autofree char *both = g_strconcat (date, " ", time_text, NULL);
      return canting_date_time_parse (both, error);
    }
  /* A date with its time and a time column too: they must agree. */
  at = canting_date_time_parse (date, error);
  if (at == NULL)
    return NULL;
  {
    g_autofree char *day = g_strndup (date, (gsize) (space - date));
    g_autofree char *both = g_strconcat (day, " ", time_text, NULL);
    g_autofree char *from_time = canting_date_time_parse (both, error);

    if (from_time == NULL)
      return NULL;
    if (!g_str_equal (from_time, at))
      {
        g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                     _("The date says %s but the time column says %s; leave one of them out."), at + 11,
                     from_time + 11);
        return NULL;
      }
  }
  return g_steal_pointer (&at);
}

/* A measured value; an empty cell is one not measured. */
static gboolean
parse_ipal_value (const char       *text,
                  const char       *label,
                  CantingQuantity  *out,
                  GError          **error)
{
  return parse_quantity_or (text, label, CANTING_IPAL_NO_VALUE, out, error);
}

static gboolean
parse_rain (const char  *text,
            gboolean    *out_rain,
            GError     **error)
{
  *out_rain = parse_yes_no (text);
  if (*out_rain || *text == '\0' || g_ascii_strcasecmp (text, "tidak") == 0 || g_ascii_strcasecmp (text, "no") == 0 ||
      g_str_equal (text, "0"))
    return TRUE;
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
               _("Rain “%s” must be ya or tidak (yes or no)."), text);
  return FALSE;
}

static gboolean
ipal_log_exists (CantingDb  *db,
                 gint64      plant_id,
                 const char *at)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT 1 FROM ipal_logs WHERE plant_id = ?1 AND at = ?2",
                                                      NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plant_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* One daily entry, checked as the log form checks it. */
static gpointer
ipal_log_from_row (CantingDb         *db,
                   const IpalPlants  *plants,
                   const Header      *h,
                   const Row         *row,
                   GError           **error)
{
  g_autoptr(CantingIpalLog) l = canting_ipal_log_new ();
  const CantingIpalPlant *plant;
  char *at = ipal_time_from_row (h, row, error);

  if (at == NULL)
    return NULL;
  g_free (l->at);
  l->at = at;
  plant = ipal_plant_for_row (plants, cell (h, row, "plant"), error);
  if (plant == NULL)
    return NULL;
  l->plant_id = plant->id;
  l->plant_name = g_strdup (plant->name);

  /* The labels of the log form, so the message names what the operator
   * knows. */
  if (!parse_ipal_value (cell (h, row, "inflow"), _("Inflow (litres)"), &l->inflow, error) ||
      !parse_ipal_value (cell (h, row, "outflow"), _("Outflow (litres)"), &l->outflow, error) ||
      !parse_ipal_value (cell (h, row, "ph_in"), _("pH in"), &l->ph_in, error) ||
      !parse_ipal_value (cell (h, row, "ph_out"), _("pH out"), &l->ph_out, error) ||
      !parse_ipal_value (cell (h, row, "temperature"), _("Temperature out (°C)"), &l->temperature, error) ||
      !parse_ipal_value (cell (h, row, "pac"), _("PAC or alum (kg)"), &l->pac, error) ||
      !parse_ipal_value (cell (h, row, "lime"), _("Lime (kg)"), &l->lime, error) ||
      !parse_ipal_value (cell (h, row, "polymer"), _("Polymer (kg)"), &l->polymer, error) ||
      !parse_rain (cell (h, row, "rain"), &l->rain, error))
    return NULL;
#define SET(field, id) g_free (l->field), l->field = g_strdup (cell (h, row, id))
  SET (colour, "colour");
  SET (clarity, "clarity");
  SET (odour, "odour");
  SET (pumps, "pumps");
  SET (incident, "incident");
  SET (operator_name, "operator");
  SET (notes, "notes");
  SET (action, "action");
#undef SET
  if (!canting_ipal_log_validate (l, error))
    return NULL;
  /* A sheet imported again, or a day typed in the app as well. */
  if (ipal_log_exists (db, l->plant_id, l->at))
    {
      g_autofree char *shown = canting_date_time_format (l->at);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The log already has an entry for %s at %s."), l->plant_name, shown);
      return NULL;
    }
  return g_steal_pointer (&l);
}

static gboolean
ipal_lab_test_exists (CantingDb  *db,
                      gint64      plant_id,
                      const char *at)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT 1 FROM ipal_lab_tests WHERE plant_id = ?1 AND sampled_at = ?2",
                                                      NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plant_id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* One lab test, checked as the lab test form checks it. */
static gpointer
ipal_lab_from_row (CantingDb         *db,
                   const IpalPlants  *plants,
                   const Header      *h,
                   const Row         *row,
                   GError           **error)
{
  g_autoptr(CantingLabTest) t = canting_lab_test_new ();
  const CantingIpalPlant *plant;
  const char *accredited = cell (h, row, "accredited");
  char *at = ipal_time_from_row (h, row, error);

  if (at == NULL)
    return NULL;
  g_free (t->sampled_at);
  t->sampled_at = at;
  plant = ipal_plant_for_row (plants, cell (h, row, "plant"), error);
  if (plant == NULL)
    return NULL;
  t->plant_id = plant->id;
  t->plant_name = g_strdup (plant->name);

  /* Labelled as in the form: "BOD₅: “…” is not a quantity". */
  for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
    if (!parse_ipal_value (cell (h, row, canting_ipal_parameter_to_string (p)), canting_ipal_parameter_label (p),
                           &t->results[p], error))
      return NULL;
  if (!parse_ipal_value (cell (h, row, "flow"), _("Flow at sampling (m³ a day)"), &t->flow, error))
    return NULL;
  t->accredited = parse_yes_no (accredited);
  if (!t->accredited && *accredited != '\0' && g_ascii_strcasecmp (accredited, "tidak") != 0 &&
      g_ascii_strcasecmp (accredited, "no") != 0 && !g_str_equal (accredited, "0"))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("Accredited “%s” must be ya or tidak (yes or no)."), accredited);
      return NULL;
    }
#define SET(field, id) g_free (t->field), t->field = g_strdup (cell (h, row, id))
  SET (sampling_point, "sampling_point");
  SET (sampled_by, "sampled_by");
  SET (laboratory, "laboratory");
  SET (report_number, "report_number");
  SET (action, "action");
  SET (notes, "notes");
#undef SET
  if (!canting_lab_test_validate (t, error))
    return NULL;
  /* A sheet imported again, or a test typed in the app as well. */
  if (ipal_lab_test_exists (db, t->plant_id, t->sampled_at))
    {
      g_autofree char *shown = canting_date_time_format (t->sampled_at);
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("There is already a lab test of %s sampled at %s."), t->plant_name, shown);
      return NULL;
    }
  return g_steal_pointer (&t);
}

/* A product as an order line names it by SKU; id 0: no such SKU. */
typedef struct {
  gint64 id;
  char *name;
  CantingMoney price;
} KnownProduct;

static void
known_product_free (KnownProduct *p)
{
  g_free (p->name);
  g_free (p);
}

/* Every product by its SKU (lowercase, as the column's NOCASE compares
 * them) → KnownProduct, read once before the rows are checked: the
 * check then needs no database, and runs on a thread of its own (see
 * OrderCheck).  A workshop has a few thousand products at most. */
static gboolean
load_products (CantingDb   *db,
               GHashTable  *known,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT id, name, price, sku FROM products", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KnownProduct *p = g_new0 (KnownProduct, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->name = canting_sql_dup_text (stmt, 1);
      p->price = sqlite3_column_int64 (stmt, 2);
      g_hash_table_insert (known, g_ascii_strdown ((const char *) sqlite3_column_text (stmt, 3), -1), p);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("importing"));
      return FALSE;
    }
  return TRUE;
}

/* The product with @sku (its name borrowed from @known), or FALSE. */
static gboolean
product_by_sku (GHashTable      *known,
                const char      *sku,
                gint64          *out_id,
                const char     **out_name,
                CantingMoney    *out_price)
{
  char small[64];
  g_autofree char *key = NULL;
  KnownProduct *p;

  /* Looked up for every line: a short SKU's key is made on the stack. */
  if (strlen (sku) < sizeof small)
    {
      for (gsize i = 0; (small[i] = g_ascii_tolower (sku[i])) != '\0'; i++)
        ;
      p = g_hash_table_lookup (known, small);
    }
  else
    p = g_hash_table_lookup (known, (key = g_ascii_strdown (sku, -1)));
  if (p == NULL)
    return FALSE;
  *out_id = p->id;
  *out_name = p->name;
  *out_price = p->price;
  return TRUE;
}

/* One order line from a row; the order-wide cells are read by the
 * caller from the group's first row. */
static CantingOrderItem *
item_from_row (GHashTable    *known,
               const Header  *h,
               const Row     *row,
               GError       **error)
{
  const char *sku = cell (h, row, "sku");
  const char *description = cell (h, row, "description");
  const char *price_text = cell (h, row, "price");
  const char *product_name = NULL;
  gint64 product_id = 0;
  gint64 quantity = 0;
  CantingMoney price = 0;
  g_autoptr(GError) local = NULL;

  if (*sku != '\0' && !product_by_sku (known, sku, &product_id, &product_name, &price))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("No product has the SKU “%s”."), sku);
      return NULL;
    }
  if (*cell (h, row, "quantity") == '\0')
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The quantity is missing."));
      return NULL;
    }
  if (!parse_count (cell (h, row, "quantity"), 1, CANTING_PIECES_MAX, N_("Quantity"), &quantity, error))
    return NULL;
  if (*price_text != '\0' && !canting_money_parse (price_text, &price, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (*price_text == '\0' && product_id == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The unit price is missing."));
      return NULL;
    }
  return canting_order_item_new (product_id, *description != '\0' ? description : product_name, quantity, price);
}

/* Rows with the same number are one order; a row without a number is an
 * order of its own.  Returns the groups (each an array of its rows), in
 * file order. */
static GPtrArray *
group_rows (const Header *h,
            GPtrArray    *rows)
{
  g_autoptr(GHashTable) by_number = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint r = 1; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      const char *number = cell (h, row, "number");
      GPtrArray *group = *number != '\0' ? g_hash_table_lookup (by_number, number) : NULL;

      if (group == NULL)
        {
          group = g_ptr_array_sized_new (3);
          g_ptr_array_add (groups, group);
          if (*number != '\0')
            g_hash_table_insert (by_number, (gpointer) number, group);
        }
      g_ptr_array_add (group, row);
    }
  return groups;
}

/* A sales channel by its stored id ("whatsapp") or its label in the
 * language of the import ("Pameran"); empty is in person. */
static gboolean
parse_channel (const char           *text,
               CantingSalesChannel  *out_channel,
               GError              **error)
{
  g_autoptr(GString) known = g_string_new (NULL);

  *out_channel = CANTING_SALES_DIRECT;
  if (*text == '\0' || canting_sales_channel_from_string (text, out_channel))
    return TRUE;
  for (guint i = 0; i < CANTING_SALES_CHANNEL_COUNT; i++)
    {
      if (g_utf8_collate (text, canting_sales_channel_label (i)) == 0 ||
          g_ascii_strcasecmp (text, canting_sales_channel_label (i)) == 0)
        {
          *out_channel = i;
          return TRUE;
        }
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", canting_sales_channel_to_string (i));
    }
  g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
               _("The sales channel “%s” is not known; write one of %s."), text, known->str);
  return FALSE;
}

static CantingOrder *
order_from_group (GHashTable    *known,
                  const Header  *h,
                  GPtrArray     *group,     /* Row */
                  char         **out_customer,
                  CantingMoney  *out_total,
                  guint         *out_bad_line,
                  GError       **error)
{
  const Row *first = g_ptr_array_index (group, 0);
  g_autoptr(CantingOrder) order = canting_order_new_dated ("");
  g_autoptr(GError) local = NULL;
  const char *discount = cell (h, first, "discount");
  const char *shipping = cell (h, first, "shipping");
  const char *customer = cell (h, first, "customer");

  *out_bad_line = first->line;
  if (!check_width (h, first, error))
    return NULL;
  g_free (order->order_date);
  order->order_date = canting_date_parse (cell (h, first, "date"), &local);
  if (order->order_date == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (*cell (h, first, "due") != '\0' && (order->due_date = canting_date_parse (cell (h, first, "due"), error)) == NULL)
    return NULL;
  if (*customer == '\0')
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The customer is missing."));
      return NULL;
    }
  if ((*discount != '\0' && !canting_money_parse (discount, &order->discount, error)) ||
      (*shipping != '\0' && !canting_money_parse (shipping, &order->shipping, error)))
    return NULL;
  g_free (order->notes);
  order->notes = g_strdup (cell (h, first, "notes"));
  if (!parse_channel (cell (h, first, "channel"), &order->channel, error))
    return NULL;

  if (!canting_validate_text_untranslated (customer, CANTING_TEXT_REQUIRED, N_("Customer name"), NULL,
                                           CANTING_ERROR, CANTING_ERROR_INVALID, error))
    return NULL;
  for (guint i = 0; i < group->len; i++)
    {
      const Row *row = g_ptr_array_index (group, i);
      CantingOrderItem *item;

      /* Rows of one order must agree on its date and customer. */
      *out_bad_line = row->line;
      if (!check_width (h, row, error))
        return NULL;
      if (i > 0 && ((*cell (h, row, "date") != '\0' && g_strcmp0 (cell (h, row, "date"), cell (h, first, "date")) != 0) ||
                    (*cell (h, row, "customer") != '\0' &&
                     g_utf8_collate (cell (h, row, "customer"), customer) != 0)))
        {
          g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("This row has the number of the order on line %u but another date or customer."),
                       first->line);
          return NULL;
        }
      item = item_from_row (known, h, row, error);

      if (item == NULL)
        {
          *out_bad_line = row->line;
          return NULL;
        }
      g_ptr_array_add (order->items, item);
    }
  /* Checked as the form would, with a stand-in customer (found or added
   * when importing). */
  *out_bad_line = first->line;
  order->customer_id = G_MAXINT64;
  if (!canting_order_validate_with_total (order, out_total, error))
    return NULL;
  order->customer_id = 0;
  *out_customer = g_strdup (customer);
  return g_steal_pointer (&order);
}

/* @customers: names already found or added by this import (lowercase,
 * as NOCASE compares them) → id, so a file naming the same customers
 * again and again looks each up once.  @key: @name in lowercase (made
 * by the checker, off the writing thread). */
static gboolean
find_or_add_customer (CantingDb   *db,
                      GHashTable  *customers,
                      const char  *name,
                      const char  *key,
                      gint64      *out_id,
                      GError     **error)
{
  gint64 *known = g_hash_table_lookup (customers, key);
  g_auto(CantingSqlTaken) taken = { NULL };
  sqlite3_stmt *stmt = NULL;
  g_autoptr(CantingCustomer) c = NULL;

  if (known != NULL)
    {
      *out_id = *known;
      return TRUE;
    }
  /* min(id) rather than ORDER BY id LIMIT 1, which sorted the matches
   * in a temporary b-tree for every row. */
  stmt = canting_sql_take (db, &taken,
                           "SELECT min(id) FROM customers WHERE name = ?1 COLLATE NOCASE AND archived = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *out_id = sqlite3_column_int64 (stmt, 0);
  else
    {
      c = canting_customer_new ();
      g_free (c->name);
      c->name = g_strdup (name);
      if (!canting_customer_validate (c, error) || !canting_customer_save_in_txn (db, c, error))
        return FALSE;
      *out_id = c->id;
    }
  g_hash_table_insert (customers, g_strdup (key), g_memdup2 (out_id, sizeof *out_id));
  return TRUE;
}

static gboolean
sku_in_database (CantingDb   *db,
                 const char  *sku,
                 char       **out_owner)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT name FROM products WHERE sku = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *out_owner = canting_sql_dup_text (stmt, 0);
  return TRUE;
}

/* One row's record, checked; NULL with @error for a bad row.  Orders
 * span rows and are read by order_from_group(). */
static gpointer
record_from_row (CantingDb         *db,
                 CantingCsvKind     kind,
                 const Header      *h,
                 const Row         *row,
                 GHashTable        *materials,
                 const IpalPlants  *plants,
                 gint64            *out_stock,
                 GError           **error)
{
  if (!check_width (h, row, error))
    return NULL;
  switch (kind)
    {
    case CANTING_CSV_CUSTOMERS:
      return customer_from_row (h, row, error);
    case CANTING_CSV_PRODUCTS:
      return product_from_row (h, row, out_stock, error);
    case CANTING_CSV_MATERIALS:
      return material_from_row (db, h, row, error);
    case CANTING_CSV_PURCHASES:
      return purchase_from_row (db, materials, h, row, error);
    case CANTING_CSV_IPAL_LOG:
      return ipal_log_from_row (db, plants, h, row, error);
    case CANTING_CSV_IPAL_LAB:
      return ipal_lab_from_row (db, plants, h, row, error);
    case CANTING_CSV_ORDERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The check of a file's orders, row group by row group, on a thread of
 * its own while the import's transaction writes the orders already
 * checked (the check was a fifth of a large import, the computer has
 * another core).  The checker only reads the rows and the products and
 * writes its own fields; what it found is the caller's once it is
 * joined. */
typedef struct {
  const Header *header;
  char *text;              /* (owned) the file, cut into the rows' cells */
  Parser *parser;          /* the rows as they are read, or: */
  GPtrArray *rows;         /* (owned) all of them, and */
  GPtrArray *groups;       /* (owned) their orders (see group_rows()) */
  GHashTable *known;       /* see load_products() */
  GPtrArray *good;         /* Good, in file order */
  GPtrArray *problems;     /* CantingCsvProblem, in file order */
  guint good_rows;
  GAsyncQueue *queue;      /* each Good as it is checked, then the end */
  GThread *thread;
  gint bad;                /* (atomic) a group was refused */
  gint stop;               /* (atomic) the writer gave up: no need to go on */
  GError *error;           /* the file could not be read to its end */
  gboolean regroup;        /* an order's rows are apart: check the whole file */
} OrderCheck;

/* What the checker puts in the queue after the last order. */
static Good checked_all;

/* What only the check reads: freed by the checker as soon as it is done,
 * while the writer is still busy (a large file's cells are a third of a
 * million allocations). */
static void
release_parsed (OrderCheck *check)
{
  g_clear_pointer (&check->groups, g_ptr_array_unref);
  g_clear_pointer (&check->rows, g_ptr_array_unref);
  g_clear_pointer (&check->text, g_free);
}

/* One order's rows checked: a Good for the writer, or a problem. */
static void
check_group (OrderCheck *check,
             GPtrArray  *group)
{
  g_autoptr(GError) local = NULL;
  guint bad_line = 0;
  char *customer = NULL;
  CantingMoney total = 0;
  CantingOrder *order = order_from_group (check->known, check->header, group, &customer, &total, &bad_line, &local);
  Good *g;

  if (order == NULL)
    {
      CantingCsvProblem *p = g_new0 (CantingCsvProblem, 1);

      p->line = bad_line;
      p->message = g_strdup (local->message);
      g_ptr_array_add (check->problems, p);
      g_atomic_int_set (&check->bad, 1);
      return;
    }
  g = g_new0 (Good, 1);
  g->record = order;
  g->customer = customer;
  g->customer_key = g_ascii_strdown (customer, -1);
  g->total = total;
  g->line = ((Row *) g_ptr_array_index (group, 0))->line;
  g->n_rows = group->len;
  g_ptr_array_add (check->good, g);
  check->good_rows += group->len;
  if (check->queue != NULL)
    g_async_queue_push (check->queue, g);
}

/* Checks each order as soon as its rows are read: an order's rows come
 * one after another in the files people make, and the writer need not
 * wait for the whole file to be read.  A number seen again after other
 * orders (its rows apart) means the orders cannot be known before the
 * end: check->regroup, and the caller checks the whole file again. */
static void
check_while_reading (OrderCheck *check)
{
  /* The numbers of the orders checked, pointing into the text. */
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *group = NULL;   /* Row (owned): the order being read */
  const char *number = "";
  guint n_rows = 1;          /* the header */
  Row *row;

  while (!g_atomic_int_get (&check->stop) && (row = parser_next (check->parser, &check->error)) != NULL)
    {
      const char *row_number = cell (check->header, row, "number");

      if (++n_rows > ROWS_MAX + 1)
        {
          g_set_error (&check->error, CANTING_ERROR, CANTING_ERROR_INVALID,
                       _("The file has more than %d rows."), ROWS_MAX);
          row_free (row);
          break;
        }
      if (group != NULL && *row_number != '\0' && g_str_equal (row_number, number))
        {
          g_ptr_array_add (group, row);
          continue;
        }
      if (*row_number != '\0' && g_hash_table_contains (done, row_number))
        {
          check->regroup = TRUE;
          row_free (row);
          break;
        }
      if (group != NULL)
        {
          check_group (check, group);
          if (*number != '\0')
            g_hash_table_add (done, (gpointer) number);
          g_ptr_array_unref (group);
        }
      group = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      g_ptr_array_add (group, row);
      number = row_number;
    }
  if (group != NULL && check->error == NULL && !check->regroup && !g_atomic_int_get (&check->stop))
    check_group (check, group);
  g_clear_pointer (&group, g_ptr_array_unref);
}

static gpointer
check_orders (gpointer data)
{
  OrderCheck *check = data;

  if (check->parser != NULL)
    check_while_reading (check);
  else
    for (guint i = 0; i < check->groups->len && !g_atomic_int_get (&check->stop); i++)
      check_group (check, g_ptr_array_index (check->groups, i));
  if (check->queue != NULL)
    g_async_queue_push (check->queue, &checked_all);
  release_parsed (check);
  return NULL;
}

/* Waits for the checker (if it runs on its own) to end. */
static void
finish_check (OrderCheck *check,
              gboolean    stop)
{
  if (check->thread == NULL)
    return;
  if (stop)
    g_atomic_int_set (&check->stop, 1);
  g_thread_join (g_steal_pointer (&check->thread));
}

typedef struct {
  CantingCsvKind kind;
  GPtrArray *good;   /* Good */
  gboolean skip_bad;
  CantingCsvReport *report;
  guint imported;    /* rows written */
  GHashTable *customers;   /* see find_or_add_customer() */
  CantingOrderBatch *orders;
  gboolean one_by_one;     /* each order written as it comes */
  gboolean batch_failed;   /* a write of several orders failed: which one? */
  OrderCheck *check;       /* orders: still checking while writing */
  guint n_records;         /* in the file, good or not (orders: rows) */
  gboolean refused;        /* all or nothing, and a row was bad */
  gboolean abandoned;      /* the checker could not go on: see its error, regroup */
  gboolean checked_all;    /* the checker's end was taken from the queue */
  GThread *freer;          /* freeing the orders written (see free_goods()) */
} ImportJob;

static void good_free (Good           *g,
                       CantingCsvKind  kind);

static gpointer
free_goods (gpointer data)
{
  GPtrArray *goods = data;

  for (guint i = 0; i < goods->len; i++)
    good_free (g_ptr_array_index (goods, i), CANTING_CSV_ORDERS);
  g_ptr_array_unref (goods);
  return NULL;
}

/* Every order is written and no write will be tried again: what they
 * were read into is freed on a thread of its own while the indexes are
 * built and the transaction commits.  NULL: @good is left to the
 * caller. */
static GThread *
free_goods_elsewhere (GPtrArray *good)
{
  GPtrArray *goods = g_ptr_array_sized_new (good->len);
  GThread *thread;

  for (guint i = 0; i < good->len; i++)
    g_ptr_array_add (goods, g_ptr_array_index (good, i));
  thread = g_thread_try_new ("canting-csv-free", free_goods, goods, NULL);
  if (thread == NULL)
    {
      g_ptr_array_unref (goods);
      return NULL;
    }
  g_ptr_array_set_size (good, 0);
  return thread;
}

/* The next record to write: as the checker gives them while it runs,
 * from the whole list after; NULL after the last. */
static Good *
next_good (ImportJob  *job,
           guint       i)
{
  if (job->check != NULL && job->check->thread != NULL)
    {
      Good *g = job->checked_all ? &checked_all : g_async_queue_pop (job->check->queue);

      job->checked_all = g == &checked_all;
      return g != &checked_all ? g : NULL;
    }
  return i < job->good->len ? g_ptr_array_index (job->good, i) : NULL;
}

/* All or nothing, and the checker has refused a row: nothing may stay. */
static gboolean
refusing (ImportJob *job)
{
  return !job->skip_bad && job->check != NULL && g_atomic_int_get (&job->check->bad);
}

/* Rolls the transaction back once the checker has ended: the caller
 * reports the checker's problems, or reads the file again, instead of
 * this error (never shown). */
static gboolean
refuse (ImportJob  *job,
        GError    **error)
{
  while (next_good (job, G_MAXUINT) != NULL)
    ;
  if (job->check->error != NULL || job->check->regroup)
    job->abandoned = TRUE;
  else
    job->refused = TRUE;
  g_set_error_literal (error, CANTING_ERROR, CANTING_ERROR_INVALID, "the file is not written");
  return FALSE;
}

/* The checker has ended without reading the whole file, or with a bad
 * row in an all-or-nothing import. */
static gboolean
must_refuse (ImportJob *job)
{
  return job->check != NULL && (refusing (job) || job->check->error != NULL || job->check->regroup);
}

static gboolean
write_one (CantingDb  *db,
           ImportJob  *job,
           Good       *g,
           GError    **error)
{
  if (job->kind == CANTING_CSV_ORDERS)
    {
      CantingOrder *order = g->record;

      /* Not written yet, even if an attempt rolled back had given it an
       * id. */
      order->id = 0;
      return find_or_add_customer (db, job->customers, g->customer, g->customer_key, &order->customer_id, error) &&
             canting_order_add_in_batch (db, job->orders, order, g->total, error);
    }
  switch (job->kind)
    {
    case CANTING_CSV_CUSTOMERS:
      return canting_customer_save_in_txn (db, g->record, error);
    case CANTING_CSV_PRODUCTS:
      return canting_product_save_with_stock_in_txn (db, g->record, g->stock, error);
    case CANTING_CSV_MATERIALS:
      return canting_material_save_in_txn (db, g->record, error);
    case CANTING_CSV_PURCHASES:
      return canting_movement_insert_in_txn (db, g->record, CANTING_MOVEMENT_DEFAULT, error);
    case CANTING_CSV_IPAL_LOG:
      return canting_ipal_log_save_in_txn (db, g->record, error);
    case CANTING_CSV_IPAL_LAB:
      return canting_lab_test_save_in_txn (db, g->record, error);
    case CANTING_CSV_ORDERS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Runs one of the savepoint statements, kept prepared: they run twice a
 * row. */
static gboolean
savepoint (CantingDb   *db,
           const char  *sql,
           GError     **error)
{
  g_auto(CantingSqlTaken) taken = { NULL };
  sqlite3_stmt *stmt = canting_sql_take (db, &taken, sql, error);

  return stmt != NULL && canting_sql_run (db, stmt, _("importing"), error);
}

/* The tables whose plain indexes a large import of orders sets aside.
 * None of the import's own lookups reads them: numbering reads UNIQUE
 * (year, seq), customers and products are other tables.  The status
 * log is written too, but its index (by order) only grows at its end as
 * new orders come, which costs little row by row. */
static const char * const order_tables[] = { "orders", "order_items", NULL };

static gboolean
worth_reindexing (CantingDb  *db,
                  ImportJob  *job,
                  gboolean   *out_worth,
                  GError    **error)
{
  g_auto(CantingSqlTaken) taken = { NULL };
  sqlite3_stmt *stmt = NULL;
  gint64 existing = 0;

  *out_worth = FALSE;
  if (job->kind != CANTING_CSV_ORDERS || job->n_records < REINDEX_MIN_ROWS)
    return TRUE;
  stmt = canting_sql_take (db, &taken, "SELECT count(*) FROM orders", error);
  if (stmt == NULL || !canting_sql_get_int64 (db, stmt, &existing, _("importing"), error))
    return FALSE;
  /* Rows (about twice the orders) at least half as many as the orders. */
  *out_worth = (gint64) job->n_records * 2 >= existing;
  return TRUE;
}

static gboolean
import_in_transaction (CantingDb  *db,
                       gpointer    user_data,
                       GError    **error)
{
  ImportJob *job = user_data;
  g_auto(CantingSqlDeferredIndexes) deferred = { NULL };
  gboolean reindex = FALSE;
  Good *g;

  job->imported = 0;
  if (!worth_reindexing (db, job, &reindex, error) ||
      (reindex && !canting_sql_defer_indexes (db, order_tables, &deferred, _("importing"), error)))
    return FALSE;
  for (guint i = 0; (g = next_good (job, i)) != NULL; i++)
    {
      g_autoptr(GError) local = NULL;

      if (refusing (job))
        return refuse (job, error);

      /* When skipping, each record in its own savepoint: one that the
       * check pass could not foresee failing (a generated SKU taken by a
       * later row, say) is skipped alone, and named by its line.  All or
       * nothing needs none: the first failure rolls the whole file
       * back. */
      if (job->skip_bad && !savepoint (db, "SAVEPOINT csv_row", error))
        return FALSE;
      if (!write_one (db, job, g, &local))
        {
          if (!job->one_by_one)
            {
              /* The orders written together with this one may be to
               * blame: the caller tries again one by one. */
              job->batch_failed = TRUE;
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (!job->skip_bad)
            {
              g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("Line %u: %s"), g->line, local->message);
              return FALSE;
            }
          sqlite3_exec (canting_db_get_handle (db), "ROLLBACK TO csv_row; RELEASE csv_row", NULL, NULL, NULL);
          /* A customer added for this row is gone again, and the
           * order's number is free. */
          g_hash_table_remove_all (job->customers);
          canting_order_batch_forget (job->orders);
          add_problem (job->report, g->line, local->message);
          continue;
        }
      if (job->skip_bad && !savepoint (db, "RELEASE csv_row", error))
        return FALSE;
      job->imported += g->n_rows;
    }
  /* The checker has ended (it put the end in the queue). */
  if (must_refuse (job))
    return refuse (job, error);
  if (job->kind == CANTING_CSV_ORDERS && !canting_order_batch_flush (db, job->orders, error))
    {
      job->batch_failed = !job->one_by_one;
      return FALSE;
    }
  if (job->kind == CANTING_CSV_ORDERS)
    job->freer = free_goods_elsewhere (job->good);
  return canting_sql_restore_indexes (db, &deferred, _("importing"), error);
}

static void
good_free (Good *g,
           CantingCsvKind kind)
{
  switch (kind)
    {
    case CANTING_CSV_CUSTOMERS:
      canting_customer_free (g->record);
      break;
    case CANTING_CSV_PRODUCTS:
      canting_product_free (g->record);
      break;
    case CANTING_CSV_MATERIALS:
      canting_material_free (g->record);
      break;
    case CANTING_CSV_PURCHASES:
      canting_movement_free (g->record);
      break;
    case CANTING_CSV_IPAL_LOG:
      canting_ipal_log_free (g->record);
      break;
    case CANTING_CSV_IPAL_LAB:
      canting_lab_test_free (g->record);
      break;
    case CANTING_CSV_ORDERS:
    default:
      canting_order_free (g->record);
      break;
    }
  g_free (g->customer);
  g_free (g->customer_key);
  g_free (g);
}

/* Writes @good (or, for orders, what @check gives while it runs) in one
 * transaction; @n_records: how many the file has.  An all-or-nothing
 * import of orders that the checker refuses writes nothing and is no
 * error. */
static gboolean
write_records (CantingDb         *db,
               CantingCsvKind     kind,
               CantingCsvMode     mode,
               GPtrArray         *good,
               guint              n_records,
               OrderCheck        *check,
               CantingCsvReport  *report,
               GError           **error)
{
  /* Orders go several to an INSERT, except when skipping bad rows (each
   * in its own savepoint) or when that failed: then again one by one,
   * to name the order at fault. */
  gboolean one_by_one = mode == CANTING_CSV_SKIP_BAD_ROWS;
  ImportJob job = { 0 };
  int cache_size = 0;
  gboolean roomy = n_records > 0 && canting_db_read_pragma_int (canting_db_get_handle (db), "PRAGMA cache_size",
                                                                  &cache_size, NULL) &&
                   sqlite3_exec (canting_db_get_handle (db), "PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KIB),
                                 NULL, NULL, NULL) == SQLITE_OK;
  gboolean ok;

  do
    {
      g_autoptr(GHashTable) customers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(CantingOrderBatch) orders = canting_order_batch_new (one_by_one);
      g_autoptr(GError) local = NULL;

      job = (ImportJob) { kind, good, mode == CANTING_CSV_SKIP_BAD_ROWS, report, 0, customers, orders,
                          one_by_one, FALSE, check, n_records, FALSE, FALSE, FALSE, NULL };
      /* Orders are written by a batch, which checks each customer and
       * product it writes once, in the transaction, and gives the ids of
       * the orders it writes to their items and status log itself: SQLite
       * need not check each row as well. */
      if (n_records == 0)
        ok = TRUE;
      else if (kind == CANTING_CSV_ORDERS)
        ok = canting_db_transaction_own_checks (db, import_in_transaction, &job, &local);
      else
        ok = canting_db_transaction (db, import_in_transaction, &job, &local);
      if (job.freer != NULL)
        g_thread_join (g_steal_pointer (&job.freer));
      /* Another attempt reads the checker's whole list: it must be done
       * (and it is also done when the file was refused). */
      if (check != NULL)
        finish_check (check, !ok && !job.batch_failed && !job.refused && !job.abandoned);
      if (job.abandoned || (!ok && job.batch_failed && check != NULL && (check->error != NULL || check->regroup)))
        {
          /* The caller says why (check->error) or reads the file again. */
          ok = FALSE;
          break;
        }
      if (job.refused || (!ok && job.batch_failed && refusing (&job)))
        {
          job.imported = 0;
          ok = TRUE;
          break;
        }
      one_by_one = TRUE;
      if (!ok && !job.batch_failed)
        g_propagate_error (error, g_steal_pointer (&local));
    }
  while (!ok && job.batch_failed);
  if (ok)
    report->imported = job.imported;
  if (roomy)
    {
      /* A number read from SQLite itself, not from the file. */
      g_autofree char *back = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);
      sqlite3_exec (canting_db_get_handle (db), back, NULL, NULL, NULL);
    }
  return ok;
}

/* Lines from @p to the end of the text: as many as its rows, give or
 * take a cell with line breaks. */
static guint
count_lines (const char *p)
{
  guint n = 0;

  if (*p == '\0')
    return 0;
  for (; (p = strchr (p, '\n')) != NULL; p++)
    n++;
  return n + 1;
}

/* Forgets what a check found (if anything), to check the file again. */
static void
check_again (OrderCheck *check)
{
  for (guint i = 0; i < check->good->len; i++)
    good_free (g_ptr_array_index (check->good, i), CANTING_CSV_ORDERS);
  g_ptr_array_set_size (check->good, 0);
  g_ptr_array_set_size (check->problems, 0);
  check->good_rows = 0;
  check->bad = check->stop = 0;
  check->regroup = FALSE;
}

/* A file of orders, its header read by @ps: the orders are checked as
 * the rest is read, on a thread of their own, and written as they are
 * checked.  When an order's rows are apart (check->regroup), the whole
 * file (@bytes) is read and grouped first, then checked and written
 * likewise. */
static gboolean
import_orders (CantingDb         *db,
               CantingCsvMode     mode,
               const Header      *header,
               Parser            *ps,
               char             **text,
               const char        *bytes,
               gsize              size,
               char               sep,
               CantingCsvReport  *report,
               GPtrArray         *good,
               GError           **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) known_product_free);
  guint header_notes = report->problems->len;
  /* Orders are only counted once read: the write prepares for rows. */
  guint n_rows = count_lines (ps->p);
  OrderCheck check = { header, g_steal_pointer (text), ps, NULL, NULL, known, good,
                       g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free), 0, NULL, NULL, 0, 0, NULL,
                       FALSE };
  gboolean ok = load_products (db, known, error);

  /* Reading as it checks, a file too large would be found so only after
   * much writing (a line can hold no more than one row). */
  for (int attempt = n_rows > ROWS_MAX ? 1 : 0; ok && attempt < 2; attempt++)
    {
      g_autoptr(GError) local = NULL;

      if (attempt > 0)
        {
          g_autoptr(GPtrArray) rows = NULL;

          check_again (&check);
          release_parsed (&check);
          check.parser = NULL;
          check.text = g_strndup (bytes, size);
          rows = parse (check.text, sep, error);
          if (rows == NULL)
            {
              ok = FALSE;
              break;
            }
          /* (The header is read already.) */
          check.groups = group_rows (header, rows);
          check.rows = g_steal_pointer (&rows);
          n_rows = check.rows->len - 1;
        }
      if (mode == CANTING_CSV_DRY_RUN)
        check_orders (&check);
      else
        {
          check.queue = g_async_queue_new ();
          check.thread = g_thread_try_new ("canting-csv-check", check_orders, &check, NULL);
          if (check.thread == NULL)
            {
              /* No thread to spare: check first, then write. */
              g_clear_pointer (&check.queue, g_async_queue_unref);
              check_orders (&check);
            }
          ok = write_records (db, CANTING_CSV_ORDERS, mode, good, n_rows, &check, report, &local);
        }
      finish_check (&check, TRUE);
      g_clear_pointer (&check.queue, g_async_queue_unref);
      /* A file that cannot be read is said so, whatever the write did. */
      if (check.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&check.error));
          ok = FALSE;
          break;
        }
      if (!ok && local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          break;
        }
      if (!check.regroup)
        break;
      ok = TRUE;
    }
  release_parsed (&check);
  /* The checker's problems come after the header's notes, before those
   * of the write. */
  for (guint i = 0; i < check.problems->len; i++)
    g_ptr_array_insert (report->problems, (gint) (header_notes + i), g_ptr_array_index (check.problems, i));
  g_ptr_array_set_free_func (check.problems, NULL);
  g_ptr_array_unref (check.problems);
  report->good_rows = check.good_rows;
  return ok;
}

CantingCsvReport *
canting_csv_import (CantingDb       *db,
                    CantingCsvKind   kind,
                    GBytes          *data,
                    CantingCsvMode   mode,
                    GError         **error)
{
  g_autoptr(CantingCsvReport) report = g_new0 (CantingCsvReport, 1);
  gsize size = 0;
  const char *bytes = g_bytes_get_data (data, &size);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  /* SKUs, material names (casefolded), IPAL plants and times → the line
   * that has them */
  g_autoptr(GHashTable) skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) materials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) canting_material_free);
  g_auto(IpalPlants) plants = { 0 };
  Header header = { 0 };
  Parser ps;
  Row *header_row = NULL;
  char sep;
  GPtrArray *good;
  gboolean ok = TRUE;

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  if (kind == CANTING_CSV_SHORTAGES)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("A shortage list is worked out from the orders and the stock; it cannot be imported."));
      return NULL;
    }
  if (bytes == NULL || size == 0)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  /* A spreadsheet's UTF-8 starts with a byte-order mark; drop it. */
  if (size >= 3 && memcmp (bytes, "\xef\xbb\xbf", 3) == 0)
    bytes += 3, size -= 3;
  if (!g_utf8_validate_len (bytes, size, NULL) || memchr (bytes, '\0', size) != NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The file is not UTF-8 text. Save it from the spreadsheet as “CSV UTF-8”."));
      return NULL;
    }
  text = g_strndup (bytes, size);
  sep = detect_separator (text);
  switch (kind)
    {
    case CANTING_CSV_CUSTOMERS:
      header.columns = customer_columns, header.n_columns = G_N_ELEMENTS (customer_columns);
      break;
    case CANTING_CSV_PRODUCTS:
      header.columns = product_columns, header.n_columns = G_N_ELEMENTS (product_columns);
      break;
    case CANTING_CSV_MATERIALS:
      header.columns = material_columns, header.n_columns = G_N_ELEMENTS (material_columns);
      break;
    case CANTING_CSV_PURCHASES:
      header.columns = purchase_columns, header.n_columns = G_N_ELEMENTS (purchase_columns);
      break;
    case CANTING_CSV_IPAL_LOG:
      header.columns = ipal_log_columns, header.n_columns = G_N_ELEMENTS (ipal_log_columns);
      break;
    case CANTING_CSV_IPAL_LAB:
      header.columns = ipal_lab_columns, header.n_columns = G_N_ELEMENTS (ipal_lab_columns);
      break;
    case CANTING_CSV_ORDERS:
    default:
      header.columns = order_columns, header.n_columns = G_N_ELEMENTS (order_columns);
      break;
    }
  if (kind == CANTING_CSV_ORDERS)
    {
      /* The rest is read as the orders are checked (import_orders()). */
      g_autoptr(GError) local = NULL;

      parser_init (&ps, text, sep);
      header_row = parser_next (&ps, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  else
    {
      rows = parse (text, sep, error);
      if (rows == NULL)
        return NULL;
      if (rows->len > 0)
        header_row = g_ptr_array_index (rows, 0);
    }
  if (header_row == NULL)
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  ok = read_header (&header, header_row, report, error);
  if (kind == CANTING_CSV_ORDERS)
    g_clear_pointer (&header_row, row_free);
  if (!ok)
    return NULL;
  if (kind == CANTING_CSV_PURCHASES && !column_present (&header, "cost") && !column_present (&header, "unit_price"))
    {
      g_set_error (error, CANTING_ERROR, CANTING_ERROR_INVALID,
                   _("The file has neither a “total harga” nor a “harga satuan” column: say what was paid."));
      return NULL;
    }
  if ((kind == CANTING_CSV_IPAL_LOG || kind == CANTING_CSV_IPAL_LAB) && !ipal_plants_load (db, &plants, error))
    return NULL;

  good = g_ptr_array_new ();
  if (kind == CANTING_CSV_ORDERS)
    ok = import_orders (db, mode, &header, &ps, &text, bytes, size, sep, report, good, error);
  /* (Orders were read by import_orders().) */
  for (guint r = 1; kind != CANTING_CSV_ORDERS && r < rows->len; r++)
    {
      const Row *row = g_ptr_array_index (rows, r);
      g_autoptr(GError) local = NULL;
      gint64 stock = 0;
      gpointer record = record_from_row (db, kind, &header, row, materials, &plants, &stock, &local);

      if (record != NULL && kind == CANTING_CSV_PRODUCTS && *((CantingProduct *) record)->sku != '\0')
        {
          CantingProduct *p = record;
          g_autofree char *key = g_ascii_strup (p->sku, -1);
          g_autofree char *owner = NULL;
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (skus, key));

          if (first != 0)
            g_set_error (&local, CANTING_ERROR, CANTING_ERROR_INVALID,
                         _("SKU “%s” is also on line %u."), p->sku, first);
          else if (sku_in_database (db, p->sku, &owner))
            g_set_error (&local, CANTING_ERROR, CANTING_ERROR_INVALID,
                         _("SKU “%s” is already used by “%s”."), p->sku, owner);
          else
            g_hash_table_insert (skus, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
          if (local != NULL)
            canting_product_free (record), record = NULL;
        }
      if (record != NULL && kind == CANTING_CSV_MATERIALS)
        {
          CantingMaterial *m = record;
          g_autofree char *stripped = g_strstrip (g_strdup (m->name));
          g_autofree char *key = g_utf8_casefold (stripped, -1);
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (skus, key));

          if (first != 0)
            {
              g_set_error (&local, CANTING_ERROR, CANTING_ERROR_INVALID,
                           _("Material “%s” is also on line %u."), stripped, first);
              canting_material_free (record), record = NULL;
            }
          else
            g_hash_table_insert (skus, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
        }
      if (record != NULL && kind == CANTING_CSV_IPAL_LOG)
        {
          CantingIpalLog *l = record;
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", l->plant_id, l->at);
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (skus, key));

          if (first != 0)
            {
              g_autofree char *shown = canting_date_time_format (l->at);
              g_set_error (&local, CANTING_ERROR, CANTING_ERROR_INVALID,
                           _("An entry for %s at %s is also on line %u."), l->plant_name, shown, first);
              canting_ipal_log_free (record), record = NULL;
            }
          else
            g_hash_table_insert (skus, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
        }
      if (record != NULL && kind == CANTING_CSV_IPAL_LAB)
        {
          CantingLabTest *t = record;
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", t->plant_id, t->sampled_at);
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (skus, key));

          if (first != 0)
            {
              g_autofree char *shown = canting_date_time_format (t->sampled_at);
              g_set_error (&local, CANTING_ERROR, CANTING_ERROR_INVALID,
                           _("A lab test of %s sampled at %s is also on line %u."), t->plant_name, shown, first);
              canting_lab_test_free (record), record = NULL;
            }
          else
            g_hash_table_insert (skus, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
        }
      if (record == NULL)
        {
          add_problem (report, row->line, local->message);
          continue;
        }
      {
        Good *g = g_new0 (Good, 1);
        g->record = record;
        g->stock = stock;
        g->line = row->line;
        g->n_rows = 1;
        g_ptr_array_add (good, g);
      }
    }
  if (kind != CANTING_CSV_ORDERS)
    {
      /* Header notes (unknown columns, line 1) never stop an import; a
       * bad row stops an all-or-nothing one. */
      gboolean rows_bad = FALSE;

      report->good_rows = good->len;
      for (guint i = 0; i < report->problems->len; i++)
        rows_bad |= ((CantingCsvProblem *) report->problems->pdata[i])->line > 1;
      if (mode == CANTING_CSV_SKIP_BAD_ROWS || (mode == CANTING_CSV_ALL_OR_NOTHING && !rows_bad))
        ok = write_records (db, kind, mode, good, good->len, NULL, report, error);
    }

  for (guint i = 0; i < good->len; i++)
    good_free (g_ptr_array_index (good, i), kind);
  g_ptr_array_unref (good);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}

/* --- export ------------------------------------------------------------- */

static gboolean
plain_number (const char *text)
{
  const char *p = text + (text[0] == '-');
  gboolean comma = FALSE;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  /* Digits, and at most one decimal comma between digits ("-20,5"). */
  for (; *p != '\0'; p++)
    if (*p == ',' && !comma && g_ascii_isdigit (p[1]))
      comma = TRUE;
    else if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
put (GString    *out,
     const char *text,
     char        separator,
     gboolean    last)
{
  gboolean quote = FALSE;

  text = text != NULL ? text : "";
  /* Guard a formula-like cell, unless it is a plain number or phone
   * number; and a cell that already starts like a guarded one, so that
   * importing it takes off only the quote mark added here. */
  if ((starts_like_formula (text) && !plain_number (text) && !canting_phone_is_valid (text)) || guarded (text))
    {
      g_string_append (out, "\"'");
      for (const char *p = text; *p != '\0'; p++)
        *p == '"' ? g_string_append (out, "\"\"") : g_string_append_c (out, *p);
      g_string_append_c (out, '"');
    }
  else
    {
      for (const char *p = text; *p != '\0' && !quote; p++)
        quote = *p == separator || *p == '"' || *p == '\n' || *p == '\r';
      quote |= g_ascii_isspace (text[0]) || (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1]));
      if (quote)
        g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        *p == '"' && quote ? g_string_append (out, "\"\"") : g_string_append_c (out, *p);
      if (quote)
        g_string_append_c (out, '"');
    }
  g_string_append (out, last ? "\r\n" : (char[]) { separator, '\0' });
}

void
canting_csv_put (GString    *out,
                 const char *text,
                 char        separator,
                 gboolean    last)
{
  put (out, text, separator, last);
}

static void
put_int (GString *out,
         gint64   value,
         char     separator,
         gboolean last)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  put (out, buf, separator, last);
}

static gboolean
export_query (CantingDb   *db,
              const char  *sql,
              const char  *header,
              char         separator,
              GString     *out,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, sql, error);
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  guint n = g_strv_length (names);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    put (out, names[i], separator, i + 1 == n);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < (int) n; c++)
      {
        if (sqlite3_column_type (stmt, c) == SQLITE_INTEGER)
          put_int (out, sqlite3_column_int64 (stmt, c), separator, c + 1 == (int) n);
        else
          put (out, (const char *) sqlite3_column_text (stmt, c), separator, c + 1 == (int) n);
      }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("exporting"));
      return FALSE;
    }
  return TRUE;
}

/* A quantity as import reads it back: decimal comma, no thousands dots
 * ("1.500" could be 1,5 or 1500); "" for none.  Three decimals after one
 * to three digits ("10,936") could be thousands too, so they get a
 * trailing zero ("10,9360"), which says decimals and keeps the value. */
static void
put_quantity (GString         *out,
              CantingQuantity  quantity,
              char             separator,
              gboolean         last)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint64 magnitude = quantity < 0 ? (guint64) 0 - (guint64) quantity : (guint64) quantity;
  guint frac = (guint) (magnitude % CANTING_QUANTITY_ONE);

  if (quantity != 0)
    g_string_printf (text, "%s%" G_GUINT64_FORMAT, quantity < 0 ? "-" : "", magnitude / CANTING_QUANTITY_ONE);
  if (frac != 0)
    {
      g_string_append_printf (text, ",%03u", frac);
      while (text->str[text->len - 1] == '0')
        g_string_truncate (text, text->len - 1);
      if (frac % 10 != 0 && magnitude >= CANTING_QUANTITY_ONE && magnitude / CANTING_QUANTITY_ONE < 1000)
        g_string_append_c (text, '0');
    }
  put (out, text->str, separator, last);
}

static gboolean
export_materials (CantingDb  *db,
                  char        separator,
                  GString    *out,
                  GError    **error)
{
  static const char * const header[] = {
    "nama", "jenis", "satuan", "isi gulung", "batas pesan ulang", "pemasok", "catatan", "diarsipkan",
    "stok", "harga rata-rata",
  };
  CantingMaterialFilter all = { .kind = -1, .include_archived = TRUE };
  g_autoptr(GPtrArray) materials = canting_material_search (db, &all, 0, G_MAXUINT, error);

  if (materials == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    put (out, header[i], separator, i + 1 == G_N_ELEMENTS (header));
  for (guint i = 0; i < materials->len; i++)
    {
      const CantingMaterial *m = g_ptr_array_index (materials, i);

      put (out, m->name, separator, FALSE);
      put (out, canting_material_kind_to_string (m->kind), separator, FALSE);
      put (out, canting_unit_to_string (m->unit), separator, FALSE);
      put_quantity (out, m->roll_size, separator, FALSE);
      put_quantity (out, m->reorder_level, separator, FALSE);
      put (out, m->supplier, separator, FALSE);
      put (out, m->notes, separator, FALSE);
      put (out, m->archived ? "ya" : "", separator, FALSE);
      /* An empty store still shows 0: the column is a count, not a setting. */
      if (m->on_hand != 0)
        put_quantity (out, m->on_hand, separator, FALSE);
      else
        put (out, "0", separator, FALSE);
      put_int (out, canting_material_average_cost (m), separator, TRUE);
    }
  return TRUE;
}

static gboolean
export_purchases (CantingDb  *db,
                  char        separator,
                  GString    *out,
                  GError    **error)
{
  static const char * const header[] = { "tanggal", "bahan", "jumlah", "satuan", "total harga", "pemasok" };
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT s.on_date, m.name, s.quantity, m.unit, s.cost, s.supplier "
                                                      "FROM stock_movements s JOIN materials m ON m.id = s.material_id "
                                                      "WHERE s.kind = 'purchase' ORDER BY s.on_date, s.id",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    put (out, header[i], separator, i + 1 == G_N_ELEMENTS (header));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      put (out, (const char *) sqlite3_column_text (stmt, 0), separator, FALSE);
      put (out, (const char *) sqlite3_column_text (stmt, 1), separator, FALSE);
      put_quantity (out, sqlite3_column_int64 (stmt, 2), separator, FALSE);
      put (out, (const char *) sqlite3_column_text (stmt, 3), separator, FALSE);
      put_int (out, sqlite3_column_int64 (stmt, 4), separator, FALSE);
      put (out, (const char *) sqlite3_column_text (stmt, 5), separator, TRUE);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("exporting"));
      return FALSE;
    }
  return TRUE;
}

/* What confirmed orders need beyond the stock, one row per material, by
 * supplier: a purchase list to send or print. */
static gboolean
export_shortages (CantingDb  *db,
                  char        separator,
                  GString    *out,
                  GError    **error)
{
  static const char * const header[] = { "pemasok", "bahan", "satuan", "dibutuhkan", "stok", "kurang", "gulung" };
  g_autoptr(GPtrArray) rows = canting_recipe_shortages (db, error);

  if (rows == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    put (out, header[i], separator, i + 1 == G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      const CantingShortage *row = g_ptr_array_index (rows, i);

      put (out, row->supplier, separator, FALSE);
      put (out, row->name, separator, FALSE);
      put (out, canting_unit_to_string (row->unit), separator, FALSE);
      put_quantity (out, row->needed, separator, FALSE);
      /* An empty store shows 0: the column is a count, not a setting. */
      if (row->on_hand != 0)
        put_quantity (out, row->on_hand, separator, FALSE);
      else
        put (out, "0", separator, FALSE);
      put_quantity (out, row->shortage, separator, FALSE);
      if (row->roll_size > 0)
        put_int (out, (row->shortage + row->roll_size - 1) / row->roll_size, separator, TRUE);
      else
        put (out, "", separator, TRUE);
    }
  return TRUE;
}

/* A measured value as import reads it back: empty when not measured; a
 * measured 0 is "0", since put_quantity() leaves 0 empty and an empty
 * cell here means the value was not measured. */
void
canting_csv_put_measured (GString         *out,
                          CantingQuantity  value,
                          char             separator,
                          gboolean         last)
{
  if (value == CANTING_IPAL_NO_VALUE)
    put (out, "", separator, last);
  else if (value == 0)
    put (out, "0", separator, last);
  else
    put_quantity (out, value, separator, last);
}

/* Every daily entry, oldest first, in the columns import reads. */
static gboolean
export_ipal_log (CantingDb  *db,
                 char        separator,
                 GString    *out,
                 GError    **error)
{
  static const char * const header[] = {
    "tanggal", "jam", "ipal", "debit masuk", "debit keluar", "ph masuk", "ph keluar", "suhu", "warna",
    "kejernihan", "bau", "pac", "kapur", "polimer", "pompa", "hujan", "kejadian", "petugas", "catatan", "tindakan",
  };
  /* Columns 2–6 and 10–12 are the measured values, NULL when not measured. */
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db,
                                                      "SELECT l.at, p.name, l.inflow, l.outflow, l.ph_in, l.ph_out, "
                                                      "l.temperature, l.colour, l.clarity, l.odour, l.pac, l.lime, "
                                                      "l.polymer, l.pumps, l.rain, l.incident, l.operator, l.notes, "
                                                      "l.action FROM ipal_logs l JOIN ipal_plants p ON p.id = l.plant_id "
                                                      "ORDER BY l.at, l.id",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    put (out, header[i], separator, i + 1 == G_N_ELEMENTS (header));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *at = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *date = g_strndup (at != NULL ? at : "", 10);

      put (out, date, separator, FALSE);
      put (out, at != NULL && strlen (at) >= 16 ? at + 11 : "", separator, FALSE);
      put (out, (const char *) sqlite3_column_text (stmt, 1), separator, FALSE);
      for (int c = 2; c <= 6; c++)
        canting_csv_put_measured (out, canting_sql_column_optional (stmt, c, CANTING_IPAL_NO_VALUE), separator, FALSE);
      for (int c = 7; c <= 9; c++)
        put (out, (const char *) sqlite3_column_text (stmt, c), separator, FALSE);
      for (int c = 10; c <= 12; c++)
        canting_csv_put_measured (out, canting_sql_column_optional (stmt, c, CANTING_IPAL_NO_VALUE), separator, FALSE);
      put (out, (const char *) sqlite3_column_text (stmt, 13), separator, FALSE);
      put (out, sqlite3_column_int (stmt, 14) != 0 ? "ya" : "", separator, FALSE);
      for (int c = 15; c <= 18; c++)
        put (out, (const char *) sqlite3_column_text (stmt, c), separator, c == 18);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("exporting"));
      return FALSE;
    }
  return TRUE;
}

/* Every lab test, oldest first, in the columns import reads; the lab
 * report file stays in the app. */
static gboolean
export_ipal_lab (CantingDb  *db,
                 char        separator,
                 GString    *out,
                 GError    **error)
{
  static const char * const header[] = {
    "tanggal", "jam", "ipal", "titik sampling", "pengambil sampel", "debit", "laboratorium", "terakreditasi",
    "nomor laporan",
  };
  g_autoptr(sqlite3_stmt) stmt = canting_sql_prepare (db, "SELECT id FROM ipal_lab_tests ORDER BY sampled_at, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    put (out, header[i], separator, FALSE);
  for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
    put (out, canting_ipal_parameter_to_string (p), separator, FALSE);
  put (out, "tindakan", separator, FALSE);
  put (out, "catatan", separator, TRUE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CantingLabTest) t = canting_lab_test_load (db, sqlite3_column_int64 (stmt, 0), error);
      g_autofree char *date = NULL;

      if (t == NULL)
        return FALSE;
      date = g_strndup (t->sampled_at, 10);
      put (out, date, separator, FALSE);
      put (out, strlen (t->sampled_at) >= 16 ? t->sampled_at + 11 : "", separator, FALSE);
      put (out, t->plant_name, separator, FALSE);
      put (out, t->sampling_point, separator, FALSE);
      put (out, t->sampled_by, separator, FALSE);
      canting_csv_put_measured (out, t->flow, separator, FALSE);
      put (out, t->laboratory, separator, FALSE);
      put (out, t->accredited ? "ya" : "", separator, FALSE);
      put (out, t->report_number, separator, FALSE);
      for (guint p = 0; p < CANTING_IPAL_PARAMETER_COUNT; p++)
        canting_csv_put_measured (out, t->results[p], separator, FALSE);
      put (out, t->action, separator, FALSE);
      put (out, t->notes, separator, TRUE);
    }
  if (rc != SQLITE_DONE)
    {
      canting_db_set_error (error, canting_db_get_handle (db), rc, _("exporting"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
canting_csv_export (CantingDb       *db,
                    CantingCsvKind   kind,
                    char             separator,
                    GError         **error)
{
  g_autoptr(GString) out = g_string_new ("\xef\xbb\xbf");
  gboolean ok;

  g_return_val_if_fail (separator == ',' || separator == ';', NULL);

  /* Headers in Indonesian, the workshop's language; import reads them back
   * (and English ones too).  Money as plain whole rupiah, dates ISO, so
   * spreadsheets can sum and sort them. */
  switch (kind)
    {
    case CANTING_CSV_CUSTOMERS:
      ok = export_query (db,
                         "SELECT name, phone, address, city, notes, CASE archived WHEN 1 THEN 'ya' ELSE '' END "
                         "FROM customers ORDER BY name COLLATE NOCASE, id",
                         "nama,telepon,alamat,kota,catatan,diarsipkan", separator, out, error);
      break;
    case CANTING_CSV_PRODUCTS:
      ok = export_query (db,
                         "SELECT sku, name, motif, technique, size, colours, colour_count, material, price, unit_cost, "
                         "description, (SELECT coalesce(sum(delta), 0) FROM product_stock_moves m WHERE m.product_id = p.id), "
                         "weight FROM products p ORDER BY name COLLATE NOCASE, id",
                         "sku,nama,motif,teknik,ukuran,warna,jumlah warna,kain,harga,biaya per potong,deskripsi,stok,"
                         "berat (gram)",
                         separator, out, error);
      break;
    case CANTING_CSV_ORDERS:
      ok = export_query (db,
                         "SELECT o.number, o.order_date, coalesce(o.due_date, ''), c.name, o.status, "
                         "coalesce(p.sku, ''), i.description, i.quantity, i.unit_price, o.discount, o.shipping, o.total, "
                         "(SELECT coalesce(sum(amount), 0) FROM payments y WHERE y.order_id = o.id), o.channel "
                         "FROM orders o JOIN customers c ON c.id = o.customer_id "
                         "JOIN order_items i ON i.order_id = o.id LEFT JOIN products p ON p.id = i.product_id "
                         "ORDER BY o.order_date, o.id, i.position",
                         "nomor,tanggal,jatuh tempo,pelanggan,status,sku,keterangan,jumlah,harga satuan,"
                         "potongan,ongkos kirim,total,dibayar,saluran",
                         separator, out, error);
      break;
    case CANTING_CSV_MATERIALS:
      ok = export_materials (db, separator, out, error);
      break;
    case CANTING_CSV_PURCHASES:
      ok = export_purchases (db, separator, out, error);
      break;
    case CANTING_CSV_SHORTAGES:
      ok = export_shortages (db, separator, out, error);
      break;
    case CANTING_CSV_IPAL_LOG:
      ok = export_ipal_log (db, separator, out, error);
      break;
    case CANTING_CSV_IPAL_LAB:
      ok = export_ipal_lab (db, separator, out, error);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  if (!ok)
    return NULL;
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

void
canting_csv_put_money (GString      *out,
                       CantingMoney  amount,
                       char          separator,
                       gboolean      last)
{
  put_int (out, amount, separator, last);
}

void
canting_csv_put_quantity (GString         *out,
                          CantingQuantity  quantity,
                          char             separator,
                          gboolean         last)
{
  put_quantity (out, quantity, separator, last);
}
