#!/usr/bin/env bash
# Renders a real run's report.html in headless Chromium and checks that it shows the conflicts.
#
# 1. `fgsync demo` runs two reconciles on in-process simulators (loopback only) into a temp
#    directory, which leaves a state file with stored reports;
# 2. `fgsync report --run 2 --format html --out DIR` regenerates the second reconcile's page from the
#    state file (the demo's last act, under serve, adds delta passes after it);
# 3. Chromium (installed with apt-get when missing) screenshots it to
#    .build/ci-artifacts/report.png and dumps the DOM after scripts ran;
# 4. the checks below look at that DOM. Last line: `report-check: N passed, M failed`.
#
# Usage: Tests/Reports/render_check.sh [path/to/fgsync]   (default: builds and uses .build/debug/fgsync)
# Exit status 0 only when every check passed.
set -uo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0
check() {  # check NAME COMMAND...
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
finish() {
    echo "report-check: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}

fgsync=${1:-}
if [ -z "$fgsync" ]; then
    swift build --product fgsync >/dev/null 2>&1 || { failed=$((failed + 1)); echo "FAILED: swift build"; finish; }
    fgsync="$(swift build --show-bin-path)/fgsync"
fi

browser=""
for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
done
if [ -z "$browser" ]; then
    echo "render-check: installing chromium (Debian package 'chromium')"
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium || true)
fi
check "chromium available" test -n "$browser"
[ -n "$browser" ] || finish

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=.build/ci-artifacts
mkdir -p "$artifacts"

check "fgsync demo runs (log: $artifacts/render-check-demo.log)" sh -c '"$0" demo --report-dir "$1" --people 120 > "$2" 2>&1' "$fgsync" "$work/demo" "$artifacts/render-check-demo.log"
check "demo wrote report.html next to report.json" test -s "$work/demo/run-2-after-edits/report.html"
check "fgsync report regenerates the second reconcile" "$fgsync" report --state "$work/demo/demo.sqlite" --run 2 --format html --out "$work/out"
page="$work/out/report.html"
check "report.html exists" test -s "$page"

# The state file must not change under report/status.
before=$(sha256sum "$work/demo/demo.sqlite" | cut -d' ' -f1)
"$fgsync" status --state "$work/demo/demo.sqlite" >/dev/null
"$fgsync" report --state "$work/demo/demo.sqlite" --format json >/dev/null
after=$(sha256sum "$work/demo/demo.sqlite" | cut -d' ' -f1)
check "report and status leave the state file unchanged" test "$before" = "$after"
"$fgsync" report --state "$work/demo/demo.sqlite" --run 999 >/dev/null 2>&1
check "an unknown run id exits 2" test $? -eq 2
"$fgsync" report --state "$work/demo/demo.sqlite" --out /proc/fgsync-not-writable >/dev/null 2>&1
check "an unwritable --out exits 2" test $? -eq 2
cp "$work/demo/demo.sqlite" "$work/newer.sqlite"
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO grdb_migrations (identifier) VALUES (?)", ("v99",)); c.commit()' "$work/newer.sqlite"
newer_before=$(sha256sum "$work/newer.sqlite" | cut -d' ' -f1)
"$fgsync" status --state "$work/newer.sqlite" >/dev/null 2>&1
check "a state file from a newer fgsync exits 2" test $? -eq 2
check "... and is left untouched" test "$newer_before" = "$(sha256sum "$work/newer.sqlite" | cut -d' ' -f1)"

flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run --user-data-dir="$work/profile")
timeout 120 "$browser" "${flags[@]}" --window-size=1280,1600 --screenshot="$artifacts/report.png" "file://$page" >/dev/null 2>&1
check "screenshot saved to $artifacts/report.png" test -s "$artifacts/report.png"
timeout 120 "$browser" "${flags[@]}" --virtual-time-budget=2000 --dump-dom "file://$page" > "$work/dom.html" 2>/dev/null
check "DOM dumped" test -s "$work/dom.html"

conflicts=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["conflicts"]))' "$work/demo/run-2-after-edits/report.json" 2>/dev/null || echo "?")
rows=$(grep -o '<tr class="conflict ' "$work/dom.html" | wc -l)
check "the demo's second run has conflicts ($conflicts)" test "$conflicts" != "?" -a "$conflicts" != "0"
check "the page shows one conflicts-table row per conflict ($rows of $conflicts)" test "$rows" = "$conflicts"
check "the summary is on top" grep -q '<header id="summary">' "$work/dom.html"
check "the chart is drawn" grep -q '<svg class="chart"' "$work/dom.html"
check "the filter script ran (shown counter filled in)" grep -Eq 'id="shown">[0-9]+ of [0-9]+ shown<' "$work/dom.html"
check "a winner is marked" grep -q 'class="value winner"' "$work/dom.html"
finish
