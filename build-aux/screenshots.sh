#!/usr/bin/env bash
# The screenshots the metainfo and the README show (data/screenshots/),
# taken from the real app under Xvfb at 1366×768, the laptops Canting is
# made for, in Indonesian, on a small generated workshop (the same seed
# makes the same records).  Run after building: build-aux/screenshots.sh
# [BUILD_DIR].  Needs xvfb-run, dbus-run-session, xdotool and ImageMagick's
# import (all in build-aux/dev.sh's list).
set -euo pipefail

cd "$(dirname "$0")/.."
top=$(pwd)
build=${1:-$top/_build}
out="$top/data/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/src/cli/canting-cli" --data-dir "$work/bengkel" generate --seed 1 --years 2 --small >/dev/null

export GSETTINGS_SCHEMA_DIR="$build/data" CANTING_LOCALEDIR="$build/po"
export LANG=id_ID.UTF-8 LC_ALL=id_ID.UTF-8 LANGUAGE=id
export GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1
# A settings file of this run's own: the window at the screen's size, on
# the page to show.
export GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"

shot() {
  local page=$1 file=$2
  cat >"$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOF
[io/github/canting/Canting]
window-width=1366
window-height=768
last-page='$page'
EOF
  # The app runs until the picture is taken; no window manager, so the
  # window sits at 0,0 and fills the screen.
  dbus-run-session -- xvfb-run -a -s '-screen 0 1366x768x24' bash -c '
    # The pointer in a corner, where it opens no tooltip.
    xdotool mousemove 1365 767 2>/dev/null || true
    "$1" --data-dir "$2" & app=$!
    sleep 4
    import -window root "$3"
    kill $app; wait $app 2>/dev/null || true' _ "$build/src/ui/canting" "$work/bengkel" "$out/$file"
  echo "$out/$file"
}

shot orders main.png
shot products products.png
