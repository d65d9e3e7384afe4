#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the store tests and prints its postgres:// URL
# (export it as FGSYNC_TEST_POSTGRES_URL). Its data, socket and log live in one temporary
# folder, $FGSYNC_TEST_POSTGRES_DIR (default: /tmp/fgsync-test-postgres), which stop.sh removes.
# A server already running there is reused. Exits non-zero, saying why, when it cannot start one.
set -euo pipefail

dir="${FGSYNC_TEST_POSTGRES_DIR:-/tmp/fgsync-test-postgres}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "start.sh: no PostgreSQL server here (no /usr/lib/postgresql/*/bin/initdb); install Debian's postgresql package" >&2
  exit 1
fi

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -f "$dir/url" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  cat "$dir/url"
  exit 0
fi

rm -rf "$dir"
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
password="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$password" >"$dir/password"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir/password"; fi
chmod 600 "$dir/password"

# A free TCP port on loopback, asked of the kernel.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/password" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
  echo "start.sh: initdb failed; see $dir/initdb.log" >&2
  tail -5 "$dir/initdb.log" >&2
  exit 1
fi
# Tests only: no fsync, a socket in the folder, loopback only.
if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null; then
  echo "start.sh: the server did not start; see $dir/server.log" >&2
  tail -5 "$dir/server.log" >&2
  exit 1
fi
echo "postgres://postgres:$password@127.0.0.1:$port/postgres?sslmode=disable" | tee "$dir/url"
