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
