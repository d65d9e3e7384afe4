#!/usr/bin/env bash
# Conformance of the simulators, run by CI after `swift test`:
#   bash Tests/Conformance/run.sh [path-to-built-fgsync]
# 1. The official Fulcrum Python client (fulcrum==1.12.0) drives the Fulcrum simulator.
# 2. GHL responses are validated against a patched in-memory copy of ../shared/api/ghl/apps/contacts.json
#    (skipped, and reported as skipped, when ../shared is absent). When $FGSYNC_GHL_RESPONSE_LOG names a
#    JSON-lines file written by `swift test --filter SimulatorsTests`, those responses are validated too.
# 3. `fgsync simulate` itself: first stdout line, --write-config without tokens, clean exit on SIGTERM.
# Last line: "conformance: N passed, M failed". Exit status non-zero on any failure.
set -u
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BIN="${1:-}"
if [ -z "$BIN" ]; then
  swift build --product fgsync >&2 || { echo "conformance: 0 passed, 1 failed"; exit 1; }
  BIN="$ROOT/.build/debug/fgsync"
fi
PASSED=0
FAILED=0
note() { echo "conformance: $*" >&2; }
tally() { # parses "RESULT passed=N failed=M skipped=K"
  local line; line="$(grep '^RESULT ' "$1" | tail -1)"
  if [ -z "$line" ]; then FAILED=$((FAILED + 1)); return; fi
  local p f; p="$(echo "$line" | sed -E 's/.*passed=([0-9]+).*/\1/')"; f="$(echo "$line" | sed -E 's/.*failed=([0-9]+).*/\1/')"
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}
expect() { if eval "$2"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); note "FAIL $1"; fi; }

VENV="$ROOT/.build/conformance-venv"
if ! "$VENV/bin/python" -c "import fulcrum, openapi_schema_validator, openapi_spec_validator" 2>/dev/null; then
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q fulcrum==1.12.0 openapi-schema-validator==0.9.0 openapi-spec-validator==0.9.0 >&2
fi
PY="$VENV/bin/python"

WORK="$(mktemp -d)"
trap 'kill -TERM "$SIM_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
"$BIN" simulate --fulcrum-port 0 --ghl-port 0 --write-config "$WORK/fgsync.yaml" >"$WORK/out" 2>"$WORK/err" &
SIM_PID=$!
for _ in $(seq 1 300); do [ -s "$WORK/out" ] && break; sleep 0.1; done
FIRST="$(head -1 "$WORK/out")"
field() { echo "$FIRST" | "$PY" -c "import json,sys; d=json.load(sys.stdin); print(d['$1']['$2'])"; }
expect "first stdout line is the summary JSON" '[ -n "$(field fulcrum url)" ] && [ -n "$(field ghl externalIdFieldId)" ]'
if [ -z "$FIRST" ]; then cat "$WORK/err" >&2; echo "conformance: $PASSED passed, $((FAILED + 1)) failed"; exit 1; fi
expect "--write-config writes a config without tokens" \
  '[ -s "$WORK/fgsync.yaml" ] && ! grep -q "$(field ghl token)" "$WORK/fgsync.yaml" && ! grep -q "$(field fulcrum token)" "$WORK/fgsync.yaml" && grep -q "form_id: $(field fulcrum formId)" "$WORK/fgsync.yaml"'

"$PY" Tests/Conformance/fulcrum_client_check.py --url "$(field fulcrum url)" --token "$(field fulcrum token)" \
  --form-id "$(field fulcrum formId)" >"$WORK/fulcrum.txt" 2>&1
cat "$WORK/fulcrum.txt" >&2
tally "$WORK/fulcrum.txt"

if [ -d "$ROOT/../shared/api/ghl" ]; then
  LOG_ARGS=()
  if [ -n "${FGSYNC_GHL_RESPONSE_LOG:-}" ] && [ -f "$FGSYNC_GHL_RESPONSE_LOG" ]; then LOG_ARGS=(--log "$FGSYNC_GHL_RESPONSE_LOG"); fi
  "$PY" Tests/Conformance/ghl_openapi_check.py --url "$(field ghl url)" --token "$(field ghl token)" \
    --location "$(field ghl locationId)" --spec-dir "$ROOT/../shared/api/ghl" "${LOG_ARGS[@]}" >"$WORK/ghl.txt" 2>&1
  cat "$WORK/ghl.txt" >&2
  tally "$WORK/ghl.txt"
else
  note "skipped GHL OpenAPI validation: ../shared not found"
fi

kill -TERM "$SIM_PID"
STATUS=""
for _ in $(seq 1 100); do
  if ! kill -0 "$SIM_PID" 2>/dev/null; then wait "$SIM_PID"; STATUS=$?; break; fi
  sleep 0.1
done
expect "fgsync simulate exits cleanly on SIGTERM" '[ "$STATUS" = "0" ]'

echo "conformance: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
