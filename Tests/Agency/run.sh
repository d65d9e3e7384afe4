#!/usr/bin/env bash
# Many syncs with the real binaries, run by CI after `swift test`:
#   bash Tests/Agency/run.sh [path-to-built-fgsync]
# `fgsync simulate --locations 3 --write-config` -> `fgsync reconcile` of every sync -> `fgsync status`
# table -> one `fgsync serve` for all three -> an edit in location 2 reaches only form 2 -> the
# simulator's signed UNINSTALL stops only that sync, its INSTALL lets it run again.
# Last line: "agency-check: N passed, M failed". Exit status non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
fgsync=${1:-$PWD/.build/debug/fgsync}
exec timeout 300 python3 Tests/Agency/agency_check.py "$fgsync"
