#!/usr/bin/env bash
# Stops the server start.sh started and removes its folder ($FGSYNC_TEST_POSTGRES_DIR).
set -uo pipefail

dir="${FGSYNC_TEST_POSTGRES_DIR:-/tmp/fgsync-test-postgres}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -d "$dir" ] || exit 0
if [ -n "$bin" ] && [ -d "$dir/data" ]; then
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  else
    "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  fi
fi
rm -rf "$dir"
