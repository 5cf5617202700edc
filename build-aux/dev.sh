#!/usr/bin/env bash
# The README commands: `dev.sh run`, `dev.sh test [--sanitize]` and
# `dev.sh selftest`; and `dev.sh bench-ui`, the GUI's start-up figures
# (bench_ui below).
#
# Both install whatever Debian 12 packages are missing (only when something
# is missing, so a second run is quick), configure `_build` once, build
# incrementally, then either start the app or run the whole suite.  The test
# command's last line is always `N passed, N failed`.
set -euo pipefail

cd "$(dirname "$0")/.."
top=$(pwd)
build="$top/_build"

# Debian packages needed to build, run and test.  Keep this list in sync with
# ../README.md and the TOOLCHAIN notes.
packages=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libsqlite3-dev sqlite3
  libcurl4-openssl-dev libjson-glib-dev libsecret-1-dev libsoup-3.0-dev
  libarchive-dev
  gettext appstream desktop-file-utils
  python3 xvfb xauth xdotool dbus-daemon dbus-x11 at-spi2-core python3-gi gir1.2-atspi-2.0
  dconf-gsettings-backend imagemagick gnome-keyring locales x11-apps poppler-utils
  librsvg2-common adwaita-icon-theme
  # The practice shop's page in a real browser (tests/test-shop-browser.c):
  # headless Chromium driven through chromedriver.
  chromium chromium-driver
  # `flatpak-builder --show-manifest` reads the manifest offline
  # (tests/test-flatpak.c); building the Flatpak needs the network.
  flatpak-builder
  # dev.sh test --sanitize: clang with libFuzzer and the sanitizer
  # runtimes (a recommendation of clang, so named here), and openssl for
  # the test's self-signed https server.
  clang libclang-rt-14-dev openssl
  # The wordpress test runs Debian's WordPress with a private MariaDB
  # (tests/wordpress/wordpress-server.sh).  Installing mariadb-server and
  # wordpress (which pulls apache2) also sets up their system services;
  # the test uses neither.
  wordpress mariadb-server php-cli php-curl php-xml php-mbstring
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  local p
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "dev.sh: installing ${missing[*]}" >&2
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  # The UI is Indonesian first; tests check it under id_ID.UTF-8.
  if ! locale -a 2>/dev/null | grep -qi '^id_ID\.utf-\?8$'; then
    echo "dev.sh: generating the id_ID.UTF-8 locale" >&2
    if ! grep -q '^id_ID.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null; then
      echo 'id_ID.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
    fi
    as_root locale-gen >/dev/null
  fi
}

setup_env=()
setup_args=(-Dwarning_level=2 -Dwerror=false)

build() {
  if [ ! -f "$build/build.ninja" ]; then
    env "${setup_env[@]}" meson setup "$build" "${setup_args[@]}"
  fi
  ninja -C "$build"
}

run_tests() {
  local rc=0
  # A log left by an earlier run must never be summarised as this one's.
  rm -f "$build/meson-logs/testlog.json"
  # UI tests need a display and a session bus; give the whole suite both,
  # and a runtime dir of its own: the accessibility bus's socket lives
  # there (else in ~/.cache/at-spi, shared with any other run, whose end
  # would take it away mid-test).
  local runtime retry=() logs=("$build/meson-logs/testlog.json")
  runtime=$(mktemp -d "${TMPDIR:-/tmp}/canting-test-runtime.XXXXXX")
  XDG_RUNTIME_DIR="$runtime" dbus-run-session -- xvfb-run -a -s '-screen 0 1366x768x24' \
    meson test -C "$build" --print-errorlogs "$@" || rc=$?
  # Under the sanitizers, a test whose only failure is LeakSanitizer's
  # own tracer crashing at exit (no finding) runs once more; the summary
  # counts that second run.  Anything else that failed still fails.
  rm -f "$build/meson-logs/testlog-retry.json"
  if [ "$rc" -ne 0 ] && [ "$sanitize" = 1 ]; then
    mapfile -t retry < <(python3 "$top/build-aux/test-summary.py" --lsan-crashed "$build/meson-logs/testlog.json")
  fi
  if [ ${#retry[@]} -gt 0 ]; then
    echo "dev.sh: LeakSanitizer itself crashed, with no finding, in: ${retry[*]}; running those once more" >&2
    rm -rf "$runtime"
    runtime=$(mktemp -d "${TMPDIR:-/tmp}/canting-test-runtime.XXXXXX")
    XDG_RUNTIME_DIR="$runtime" dbus-run-session -- xvfb-run -a -s '-screen 0 1366x768x24' \
      meson test -C "$build" --print-errorlogs --timeout-multiplier 3 --logbase testlog-retry "${retry[@]}" || true
    logs+=("$build/meson-logs/testlog-retry.json")
    rc=0
  fi
  rm -rf "$runtime"
  summary_printed=1
  python3 "$top/build-aux/test-summary.py" "${logs[@]}" || rc=1
  return $rc
}

# The GUI started under Xvfb on a generated ten-year workshop (made once,
# kept in _build/bench-workshop; `--small` for a quick one): the time from
# starting the process to its first frame, and its resident memory a
# second later (the app reports both when CANTING_BENCH_STARTUP is set).
# The day's first start also makes the daily backup; run it twice to see
# both.
bench_ui() {
  local dir="$build/bench-workshop" scale=()
  if [ "${1:-}" = "--small" ]; then dir="$build/bench-workshop-small"; scale=(--small); fi
  if [ ! -f "$dir/canting.db" ]; then
    rm -rf "$dir"
    "$build/src/cli/canting-cli" --data-dir "$dir" generate --seed 1 --years 10 "${scale[@]}" >&2
  fi
  export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory CANTING_LOCALEDIR="$build/po"
  # Xvfb has no GPU: GL would be Mesa's software renderer, whose memory
  # a real laptop's driver does not count against the app.
  export GSK_RENDERER="${GSK_RENDERER:-cairo}"
  local out start frame kb
  # The clock starts inside, once Xvfb and the session bus are up.
  out=$(CANTING_BENCH_STARTUP=1 dbus-run-session -- xvfb-run -a -s '-screen 0 1366x768x24' \
          bash -c 'echo "start-us $(date +%s%6N)"; exec "$0" --data-dir "$1"' "$build/src/ui/canting" "$dir")
  start=$(sed -n 's/^start-us //p' <<<"$out")
  frame=$(sed -n 's/^canting-bench: first-frame-us //p' <<<"$out")
  kb=$(sed -n 's/^canting-bench: resident-kb //p' <<<"$out")
  if [ -z "$frame" ] || [ -z "$kb" ]; then
    echo "dev.sh: the app did not report its start-up figures" >&2
    return 1
  fi
  # Xvfb and the session bus start first; what they take is counted too.
  echo "ui.first-frame: $(( (frame - start) / 1000 )) ms"
  echo "ui.resident-memory: $(( kb / 1024 )) MB (GSK_RENDERER=$GSK_RENDERER)"
  # Even with the cairo renderer, GTK sets up GL when it opens the X
  # display, and under Xvfb that loads Mesa's software renderer (LLVM):
  # about 50 MB of the figure above that a laptop's own GL driver would
  # not take.  The same start without GL, for the app's own memory:
  out=$(GDK_DEBUG=gl-disable CANTING_BENCH_STARTUP=1 dbus-run-session -- xvfb-run -a -s '-screen 0 1366x768x24' \
          "$build/src/ui/canting" --data-dir "$dir")
  kb=$(sed -n 's/^canting-bench: resident-kb //p' <<<"$out")
  if [ -n "$kb" ]; then
    echo "ui.resident-memory-without-gl: $(( kb / 1024 )) MB (GDK_DEBUG=gl-disable)"
  fi
  # Every page shown in turn, a search typed on two and each page's form
  # for a new record opened ("orders/+", "products/+" and so on): the
  # longest time the main loop was busy without a break on each,
  # switching included (a frame is 16 ms), then the memory once every
  # page has been seen.  Three passes, as a millisecond or two either
  # way is noise on a shared machine: the median of the three and the
  # worst.
  local pass all="" kb_last=""
  for pass in 1 2 3; do
    out=$(CANTING_BENCH_STARTUP=1 CANTING_BENCH_PAGES=1 dbus-run-session -- xvfb-run -a -s '-screen 0 1366x768x24' \
            "$build/src/ui/canting" --data-dir "$dir")
    all+=$(sed -n 's/^canting-bench: page \([^ ]*\) longest-stall-us \([0-9]*\)$/\1 \2/p' <<<"$out")$'\n'
    kb=$(sed -n 's/^canting-bench: resident-kb //p' <<<"$out")
    [ -n "$kb" ] && kb_last=$kb
  done
  # Pages in the order shown, each with its three figures sorted.
  awk 'NF == 2 { if (!($1 in n)) order[++pages] = $1; us[$1, ++n[$1]] = $2 }
       END {
         for (p = 1; p <= pages; p++) {
           name = order[p]; k = n[name]
           for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
             if (us[name, j] < us[name, i]) { t = us[name, i]; us[name, i] = us[name, j]; us[name, j] = t }
           printf "ui.page.%s: longest main-loop stall %.1f ms (median of %d passes; worst %.1f ms)\n",
                  name, us[name, int((k + 1) / 2)] / 1000, k, us[name, k] / 1000
         }
       }' <<<"$all"
  if [ -n "$kb_last" ]; then
    echo "ui.resident-memory-after-every-page: $(( kb_last / 1024 )) MB (GSK_RENDERER=$GSK_RENDERER)"
  fi
}

# The last line of `dev.sh test` is always the summary, even when set-up
# or the build fails before any test runs.
summary_printed=0
summary_on_failure() {
  if [ "$summary_printed" = 0 ]; then
    echo "dev.sh: set-up or build failed; no tests ran" >&2
    echo "0 passed, 1 failed"
  fi
}

cmd=${1:-}
shift || true
sanitize=0
case "$cmd" in
  run)
    install_missing
    build
    # Run uninstalled: the compiled settings schema and translations are
    # in the build dir (the same as `meson devenv` sets up).
    export GSETTINGS_SCHEMA_DIR="$build/data"
    export CANTING_LOCALEDIR="$build/po"
    exec "$build/src/ui/canting" "$@"
    ;;
  test)
    # --sanitize: the whole suite under AddressSanitizer and
    # UndefinedBehaviorSanitizer, in its own build dir, built with clang
    # so the fuzz harnesses (tests/fuzz) run under libFuzzer there too,
    # each for CANTING_FUZZ_SECONDS (10; CI: 60).
    if [ "${1:-}" = --sanitize ]; then
      shift
      sanitize=1
      build="$top/_build-sanitize"
      setup_env=(CC=clang)
      setup_args+=(-Db_sanitize=address,undefined -Db_lundef=false -Dfuzzing=true)
      export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
      export LSAN_OPTIONS="suppressions=$top/build-aux/lsan.supp:print_suppressions=0"
      export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
      # GIO's libproxy module is C++ and throws inside; ASan cannot
      # intercept a C++ throw in a program linked as C, and aborts.  The
      # tests need no proxy: use GIO's built-in direct resolver.
      export GIO_USE_PROXY_RESOLVER=dummy
      # GTK probes OpenGL at start even with the cairo renderer the UI
      # tests use; Mesa's driver is unloaded at exit, and what it leaks
      # can then not be named in a suppression.  No GL at all instead.
      export GDK_DEBUG=gl-disable
      # Everything runs two to three times slower under the sanitizers:
      # longer timeouts, and longer pauses in the UI test (test-ui.c).
      set -- --timeout-multiplier 3 "$@"
      export CANTING_TEST_TIME_FACTOR=3
    fi
    trap summary_on_failure EXIT
    install_missing
    build
    run_tests "$@"
    ;;
  bench-ui)
    install_missing
    build
    bench_ui "$@"
    ;;
  selftest)
    # One screen for a reviewer, from the last `test` and `test --sanitize`.
    exec python3 "$top/build-aux/selftest.py" "$top"
    ;;
  *)
    echo "usage: $0 run | test [--sanitize] | selftest | bench-ui [--small]" >&2
    exit 2
    ;;
esac
