#!/usr/bin/env bash
# Browser tests: builds a demo database, starts `ecociv serve` on a free
# loopback port, runs web/tests/browser.test.mjs in headless Chromium.
# Usage: tests/web/browser_test.sh path/to/ecociv SCREENSHOT_DIR
set -euo pipefail
ECOCIV=$(realpath "$1")
SHOTS=$(realpath -m "${2:-build/screenshots}")
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
"$ECOCIV" demo generate --out "$WORK" >/dev/null
"$ECOCIV" db init --db "$DB" >/dev/null
"$ECOCIV" import stations "$WORK/stations.csv" --db "$DB" >/dev/null
"$ECOCIV" import air "$WORK/synthetic_air_hourly.csv" --db "$DB" --skip-bad-rows >/dev/null || true
"$ECOCIV" water demo-data --out "$WORK/water" 2>/dev/null
"$ECOCIV" import sections "$WORK/water/sections.csv" --db "$DB" >/dev/null
"$ECOCIV" import water "$WORK/water/samples.csv" --db "$DB" >/dev/null
"$ECOCIV" user assign --unit 锦丰镇 --station ZJG01 --db "$DB"
"$ECOCIV" user assign --unit 锦丰镇 --section ZJG1 --db "$DB"
"$ECOCIV" user publish --page air --title "空气质量（本年度）" --kind air-summary --db "$DB"
"$ECOCIV" user publish --page water --title "地表水断面水质" --kind water-summary --db "$DB"
PASSWORDS="{"
for spec in admin:admin analyst:analyst leader:leader auditor:auditor jinfeng:reporter; do
  name=${spec%%:*}
  unit=(); [ "$name" = jinfeng ] && unit=(--unit 锦丰镇)
  line=$("$ECOCIV" user add --name "$name" --role "${spec##*:}" "${unit[@]}" --random-password --db "$DB")
  PASSWORDS+="\"$name\":\"$(cut -f3 <<<"$line")\","
done
PASSWORDS="${PASSWORDS%,}}"
"$ECOCIV" serve --db "$DB" --listen 127.0.0.1:0 --threads 4 >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do grep -q "http://" "$WORK/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log")
cd "$ROOT/web"
ECOCIV_URL="$URL" ECOCIV_PASSWORDS="$PASSWORDS" SCREENSHOT_DIR="$SHOTS" \
  timeout 300 node tests/browser.test.mjs
