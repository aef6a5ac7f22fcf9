#!/usr/bin/env bash
# Browser tests: builds a demo database, starts `ecociv serve` on a free
# loopback port (and its HJ 212 receiver on another), runs web/tests/browser.test.mjs (or
# the TEST given, e.g. tests/walk.test.mjs: every page for every role) in headless Chromium.
# Usage: tests/web/browser_test.sh path/to/ecociv SCREENSHOT_DIR [TEST]
set -euo pipefail
ECOCIV=$(realpath "$1")
SHOTS=$(realpath -m "${2:-build/screenshots}")
TEST=${3:-tests/browser.test.mjs}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -x /usr/bin/chromium ] || [ ! -d "$ROOT/web/node_modules/playwright-core" ]; then
  echo "browser tests need /usr/bin/chromium and web/node_modules (make setup web)" >&2
  exit 1
fi
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
DB="$WORK/ecociv.db"
"$ROOT/scripts/demo-db" "$ECOCIV" "$WORK" >/dev/null
PASSWORDS=$(awk -F'\t' 'BEGIN{printf "{"} {printf "%s\"%s\":\"%s\"", (NR>1 ? "," : ""), $1, $3} END{printf "}"}' \
  "$WORK/users.tsv")
"$ECOCIV" serve --db "$DB" --listen 127.0.0.1:0 --threads 4 --hj212-listen 127.0.0.1:0 \
  >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do grep -q "HJ 212 receiver on" "$WORK/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log")
HJ212=$(grep -o 'HJ 212 receiver on 127.0.0.1:[0-9]*' "$WORK/serve.log" | grep -o '127.0.0.1:[0-9]*')
cd "$ROOT/web"
ECOCIV_URL="$URL" ECOCIV_HJ212="$HJ212" ECOCIV_PASSWORDS="$PASSWORDS" SCREENSHOT_DIR="$SHOTS" \
  timeout 600 node "$TEST"
