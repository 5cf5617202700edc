#!/usr/bin/env bash
# wordpress-server.sh: a real WordPress (Debian's package) on 127.0.0.1,
# private to one test run.
#
# Starts, in a new temporary directory: a MariaDB server of its own on a
# unix socket there (no TCP), a database and user for WordPress, a fresh
# WordPress install (install.php) with an application password for its
# administrator, and `php -S 127.0.0.1:PORT` on a free port
# (router.php).  Then prints one line on stdout:
#
#   ready URL USER APPLICATION-PASSWORD DIR MARIADB-PID PHP-PID
#
# and waits until its stdin is closed (the test finished, or died) or
# the time limit passes, whichever comes first; then stops both servers
# and removes the directory.  On any failure it says why on stderr, with
# the servers' logs, cleans up the same way and exits non-zero.
#
# Usage: wordpress-server.sh [TIME-LIMIT-SECONDS]     (default 120)
# Needs: wordpress mariadb-server php-cli php-curl php-xml php-mbstring.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
limit=${1:-120}
user=pelatih
wp_root=${CANTING_WP_ROOT:-/usr/share/wordpress}

dir=
mariadb_pid=
php_pid=

say() { echo "wordpress-server: $*" >&2; }

show_logs() {
  local f
  for f in "$dir/mariadb.log" "$dir/php.log" "$dir/install.log"; do
    if [ -s "$f" ]; then
      say "--- $(basename "$f") ---"
      tail -n 30 "$f" >&2
    fi
  done
}

# Waits for process $1 to end, up to $2 tenths of a second.
wait_gone() {
  local i
  for ((i = 0; i < $2; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

stop_all() {
  local rc=$? i
  trap - EXIT INT TERM HUP PIPE
  if [ "$rc" -ne 0 ] && [ -n "$dir" ]; then
    show_logs
  fi
  if [ -n "$php_pid" ]; then
    kill "$php_pid" 2>/dev/null || true
    wait_gone "$php_pid" 50 || kill -KILL "$php_pid" 2>/dev/null || true
  fi
  if [ -n "$mariadb_pid" ]; then
    # SIGTERM is MariaDB's own clean shutdown.
    kill "$mariadb_pid" 2>/dev/null || true
    wait_gone "$mariadb_pid" 150 || kill -KILL "$mariadb_pid" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  if [ -n "$dir" ]; then
    # Stopped by a signal during set-up, mariadb-install-db's own server
    # (which this script does not know) may still be writing its last
    # files: try again until it has gone.
    for ((i = 0; i < 50; i++)); do
      rm -rf "$dir" 2>/dev/null || true
      [ -e "$dir" ] || break
      sleep 0.1
    done
    [ ! -e "$dir" ] || say "could not remove $dir"
  fi
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 1' INT TERM HUP PIPE

fail() {
  say "$*"
  exit 1
}

# Runs "$@" until it succeeds, up to $1 tenths of a second; gives up at
# once if process $2 has ended.
wait_for() {
  local tenths=$1 pid=$2 i
  shift 2
  for ((i = 0; i < tenths; i++)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

for tool in php mariadb-install-db mariadb; do
  command -v "$tool" >/dev/null || fail "$tool is missing; install: wordpress mariadb-server php-cli php-curl php-xml php-mbstring"
done
mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
[ -x "$mariadbd" ] || fail "mariadbd is missing; install mariadb-server"
[ -f "$wp_root/wp-settings.php" ] || fail "WordPress is not in $wp_root; install the wordpress package"

dir=$(mktemp -d "${TMPDIR:-/tmp}/canting-wp.XXXXXX")
mkdir -p "$dir/db" "$dir/wp-content/uploads"
sock="$dir/mysqld.sock"
me=$(id -un)

# MariaDB: its own data directory, no TCP, no configuration files read
# (--no-defaults), small InnoDB files so the first start is quick.  It
# runs as the user running the test (root in CI, where --user is
# required to allow it).
db_opts=(--no-defaults --datadir="$dir/db" --user="$me" --skip-networking --socket="$sock"
         --innodb-log-file-size=8M --innodb-buffer-pool-size=32M --skip-log-bin)
mariadb-install-db "${db_opts[@]}" --auth-root-authentication-method=socket --skip-test-db \
  >"$dir/mariadb.log" 2>&1 || fail "mariadb-install-db failed"
"$mariadbd" "${db_opts[@]}" --pid-file="$dir/mysqld.pid" --log-error="$dir/mariadb.log" \
  </dev/null >>"$dir/mariadb.log" 2>&1 &
mariadb_pid=$!
sql() { mariadb --no-defaults --socket="$sock" --user="$me" "$@"; }
wait_for 300 "$mariadb_pid" sql -e 'SELECT 1' || fail "MariaDB did not start"
sql <<SQL || fail "could not create WordPress's database"
CREATE DATABASE wordpress CHARACTER SET utf8mb4;
CREATE USER wordpress@localhost IDENTIFIED BY 'wordpress';
GRANT ALL ON wordpress.* TO wordpress@localhost;
SQL

# A free port: the kernel's choice for a listening socket just closed.
# Another program could take it meanwhile, so starting php -S is tried
# a few times.
free_port() {
  php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false);
          echo substr($n, strrpos($n, ":") + 1);'
}

export CANTING_WP_DIR="$dir" CANTING_WP_ROOT="$wp_root"
port=$(free_port)
export CANTING_WP_URL="http://127.0.0.1:$port"
password=$(php "$here/install.php" "$user" 2>"$dir/install.log") || fail "the WordPress install failed"
[ -n "$password" ] || fail "no application password was made"

up() {
  php -r 'exit(@fsockopen("127.0.0.1", (int) $argv[1], $e, $s, 1) ? 0 : 1);' "$port"
}
for attempt in 1 2 3 4 5; do
  # The URL is read per request (config.php), so a new port is fine.
  export CANTING_WP_URL="http://127.0.0.1:$port"
  php -S "127.0.0.1:$port" -t "$wp_root" "$here/router.php" </dev/null >>"$dir/php.log" 2>&1 &
  php_pid=$!
  if wait_for 100 "$php_pid" up; then
    break
  fi
  kill "$php_pid" 2>/dev/null || true
  wait "$php_pid" 2>/dev/null || true
  php_pid=
  [ "$attempt" -lt 5 ] || fail "php -S did not start"
  port=$(free_port)
done

echo "ready $CANTING_WP_URL $user $password $dir $mariadb_pid $php_pid"
# Until the test closes stdin (or dies, which closes it too), or the
# time limit.
read -r -t "$limit" _ || true
