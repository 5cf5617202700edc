#!/bin/sh
# Every translatable string in the sources has a checked Indonesian
# translation in po/id.po: no string missing, none fuzzy, format strings
# matching.  Extracts afresh (the committed .po could be stale) the same
# way meson's gettext preset does.
set -eu
srcdir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$srcdir"
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
sort "$tmp/files" > "$tmp/files.sorted"

# Every source with translatable strings is listed, or its strings would
# silently stay English.
missing=$(grep -rlE '(^|[^A-Za-z0-9_])N?_\(|translatable="yes"' src data --include='*.c' --include='*.ui' \
            --include='*.in' --include='*.xml' | sort | comm -23 - "$tmp/files.sorted" || true)
if [ -n "$missing" ]; then
  echo "po/POTFILES.in does not list these files with translatable strings:" >&2
  echo "$missing" >&2
  exit 1
fi
xgettext --package-name=canting --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_set_error:4:c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_print:1:c-format --flag=adw_message_dialog_format_body:2:c-format \
  --files-from="$tmp/files" --output="$tmp/canting.pot"

msgmerge --quiet --no-fuzzy-matching po/id.po "$tmp/canting.pot" -o "$tmp/merged.po"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "$stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/id.po is incomplete; untranslated or fuzzy:" >&2
    msgattrib --untranslated --only-fuzzy "$tmp/merged.po" 2>/dev/null | grep '^msgid' >&2 || true
    msgattrib --untranslated "$tmp/merged.po" | grep '^msgid' >&2 || true
    exit 1 ;;
esac
# Nothing translated that no longer exists in the sources.
if msgattrib --only-obsolete "$tmp/merged.po" | grep -q '^#~ msgid'; then
  echo "po/id.po has translations of strings that are gone:" >&2
  msgattrib --only-obsolete "$tmp/merged.po" | grep '^#~ msgid' >&2
  exit 1
fi

# The same word for the same thing everywhere: a string that names one
# of these in English names it with the Indonesian word below (a command
# or column name kept in English, such as `backup`, counts too).
# Mnemonic underscores are ignored.  ("Open a Practice Workshop" once
# said "Bengkel Contoh" while everything else said "Bengkel latihan".)
python3 - "$tmp/merged.po" <<'PY'
import re, sys

glossary = [
    (r"practice workshop", r"latihan"),
    (r"\bworkers?\b", r"pembatik"),
    (r"\bexpenses?\b", r"pengeluaran"),
    (r"\bincome\b(?! tax)", r"pemasukan"),
    (r"down payment", r"\bdp\b"),
    (r"wastewater log", r"ipal"),
    (r"\bbackups?\b", r"cadang|\bbackup\b"),
]

def text(field, block):
    m = re.search(r"^" + field + r" ((?:\".*\"\n?)+)", block, re.M)
    return "".join(re.findall(r"\"(.*)\"", m.group(1))) if m else None

bad = []
for block in open(sys.argv[1], encoding="utf-8").read().split("\n\n"):
    if block.lstrip().startswith("#~"):
        continue
    english, indonesian = text("msgid", block), text("msgstr", block)
    if not english or indonesian is None:
        continue
    said = indonesian.replace("_", "").lower()
    for term, word in glossary:
        if re.search(term, english.lower()) and not re.search(word, said):
            bad.append(f"  “{english}” → “{indonesian}”: {term} is {word}")
if bad:
    print("po/id.po names these things other than the glossary does:", file=sys.stderr)
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
PY
