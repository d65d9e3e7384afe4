#!/usr/bin/env bash
# The web console in a real headless browser (Debian's chromium and chromium-driver, Selenium
# from PyPI); installs them when missing, and skips with a message where they cannot be had.
# Usage: Tests/Console/run.sh [path/to/fgsync]   Last line: `console-browser-check: N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."
fgsync=${1:-$PWD/.build/debug/fgsync}
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "console-browser-check: installing chromium and chromium-driver (Debian packages)"
    $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
    python3 -m pip install -q selenium >/dev/null 2>&1
fi
browser=$(command -v chromium || true)
driver=$(command -v chromedriver || true)
if [ -z "$browser" ] || [ -z "$driver" ] || ! python3 -c 'import selenium' >/dev/null 2>&1; then
    echo "console-browser-check: SKIPPED: no chromium, chromedriver or selenium here (apt-get install chromium chromium-driver; pip install selenium)"
    exit 0
fi
exec timeout 600 python3 Tests/Console/browser_check.py "$fgsync" "$browser" "$driver"
