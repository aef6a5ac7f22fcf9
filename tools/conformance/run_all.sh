#!/usr/bin/env bash
# The whole real-data conformance run: recomputes the hourly AQI of every
# published station-hour in ../shared/data/real/ (5.3 million CNEMC hours,
# the Zhejiang and Jinan releases) and compares with the published values;
# then the surface-water release's per-sample classes (docs/conformance.md).
# Usage: tools/conformance/run_all.sh [path/to/ecociv]   (make conformance)
# Prints one block per file, then the totals. Takes about a minute.
set -euo pipefail
ECOCIV=${1:-build/ecociv}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REAL=${ECOCIV_REAL_DATA:-$ROOT/../shared/data/real}
if [ ! -d "$REAL" ]; then
  echo "conformance: $REAL not found; the real data lives beside the repository in ../shared" >&2
  exit 2
fi

# A copy of the 2026 AQI edition that reproduces the national platform's one
# departure from HJ 633-2026 §5.3.1 (it publishes the AQI when only PM10 is
# missing). Shows the --standards override at work; the default stays the text.
PLATFORM=$(mktemp -d)
trap 'rm -rf "$PLATFORM"' EXIT
sed 's/^missing_rule_ignores = \[\]/missing_rule_ignores = ["pm10"]/' \
  "$ROOT/standards/hj633-2026.toml" > "$PLATFORM/hj633-2026.toml"

run() {  # run <label> <ecociv args...>
  local label=$1; shift
  echo "== $label" | tee -a "$PLATFORM/all.txt"
  "$ECOCIV" air check-published "$@" 2>/dev/null | grep -v "^  e.g." | tee -a "$PLATFORM/all.txt"
}

for f in "$REAL"/cnemc-national-hourly-2026/cnemc_2026-0[2-7].csv.xz; do
  run "$(basename "$f") (standard text)" --input "$f"
  run "$(basename "$f") (platform option missing_rule_ignores=[pm10])" --input "$f" --standards "$PLATFORM"
done
run "zjemc (Zhejiang)" --input "$REAL"/zjemc-zhejiang-hourly-2026/zjemc_hourly_*.csv.xz
run "jinan 2020 (HJ 633-2012)" --input "$REAL"/jinan-hourly-iaqi-2020/jinan_hourly_iaqi.csv.xz

for mode in "standard text" "platform option"; do
  echo "== totals over the CNEMC months ($mode)"
  awk -v mode="$mode" '/^== /{on = ($0 ~ /^== cnemc/ && index($0, mode) > 0); next}
       on && /^hours with a published AQI/ {h += $NF}
       on && /^AQI compared/ {gsub(",", "", $3); gsub(",", "", $5); c += $3; e += $5}
       on && /^published AQI but computed NA/ {na += $NF}
       END {printf "published hours %d; AQI compared %d, equal %d (%.4f%%); computed NA (HJ 633-2026 §5.3.1) %d; equal over all published hours %.4f%%\n", h, c, e, 100*e/c, na, 100*e/h}' "$PLATFORM/all.txt"
done

WATER="$REAL/cnemc-surface-water"
echo "== surface water: national automatic-station release (unrounded values)"
"$ECOCIV" water check-published --input "$WATER"/cnemc_water_snapshots_2025-11_2026-02.csv.xz \
  "$WATER"/cnemc_water_page_2026-02-04.csv.xz --examples 0
echo "== surface water: the same from the displayed values"
"$ECOCIV" water check-published --values displayed --examples 0 \
  --input "$WATER"/cnemc_water_snapshots_2025-11_2026-02.csv.xz "$WATER"/cnemc_water_page_2026-02-04.csv.xz
echo "== surface water: classify --period sample on the release's unrounded values"
for month in 2025-11 2026-02; do
  python3 "$ROOT/tools/conformance/water_release_samples.py" "$ECOCIV" \
    "$WATER"/cnemc_water_snapshots_2025-11_2026-02.csv.xz "$month"
done
