#!/usr/bin/env bash
# Two `fgsync serve` workers on one PostgreSQL with the real binaries, run by CI after the
# agency check while the test server of Tests/Postgres/start.sh still runs:
#   FGSYNC_TEST_POSTGRES_URL=postgres://... bash Tests/Postgres/workers.sh [path-to-built-fgsync]
# simulate --locations 3 -> reconcile into PostgreSQL -> status -> serve workers A and B on the
# same database -> edits both ways land once -> no two runs of a sync overlap, both workers
# worked passes -> A SIGKILLed mid-write (the debug build's crash hook) -> B takes over (at once:
# A's process is gone), journal clean, nothing duplicated or lost -> a worker C frozen (SIGSTOP)
# while holding a lease: B waits for that lease to run out (30 s), then takes the sync over ->
# migrate-state of a state file into a fresh database, a second one refused.
# Without FGSYNC_TEST_POSTGRES_URL it prints a SKIPPED line and exits 0.
# Last line: "workers-check: N passed, M failed". Exit status non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
fgsync=${1:-$PWD/.build/debug/fgsync}
if [ -z "${FGSYNC_TEST_POSTGRES_URL:-}" ]; then
  echo "workers-check: SKIPPED (no PostgreSQL server: FGSYNC_TEST_POSTGRES_URL is not set; Tests/Postgres/start.sh could not start one)"
  exit 0
fi
exec timeout 240 python3 Tests/Postgres/workers_check.py "$fgsync"
