#!/usr/bin/env bash
# End to end over loopback: `ecociv ingest` on a fresh database and
# `ecociv sim212` with many simulated stations, at several rates; prints what
# the simulator measured (packets answered per second, packet-to-answer
# p50/p99/max) and the receiver's totals. Figures: docs/performance.md.
#   bench/hj212_e2e.sh [BUILD] [STATIONS] [HOURS] [RATE...]
# Defaults: build, 500 stations, 6 hours each, rates 100 500 2000 (packets/s).
set -euo pipefail
BUILD=${1:-build}
STATIONS=${2:-500}
HOURS=${3:-6}
shift $(( $# > 3 ? 3 : $# ))
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(100 500 2000)
ECOCIV=$(realpath "$BUILD/ecociv")
WORK=$(mktemp -d)
INGEST=""
trap '[ -n "$INGEST" ] && kill "$INGEST" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export ECOCIV_DB="$WORK/bench.db"
"$ECOCIV" db init >/dev/null
"$ECOCIV" sim212 --stations "$STATIONS" --write-setup "$WORK" >/dev/null
"$ECOCIV" import stations "$WORK/stations.csv" >/dev/null
"$ECOCIV" hj212 register --file "$WORK/devices.csv" >/dev/null
"$ECOCIV" ingest --listen 127.0.0.1:0 >"$WORK/ingest.log" 2>"$WORK/ingest.err" &
INGEST=$!
for _ in $(seq 100); do grep -qs "listening on" "$WORK/ingest.log" && break; sleep 0.1; done
PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$WORK/ingest.log" | grep -o '[0-9]*$')
echo "== HJ 212 end to end: $STATIONS stations × $HOURS hours per run, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
day=1
for rate in "${RATES[@]}"; do
  from=$(printf '2026-01-%02dT01:00' "$day")
  to=$(printf '2026-01-%02dT%02d:00' "$day" "$HOURS")
  echo "-- offered $rate packets/s"
  "$ECOCIV" sim212 --stations "$STATIONS" --from "$from" --to "$to" --rate "$rate" \
    --target "127.0.0.1:$PORT" || true
  day=$((day + 1))
done
kill "$INGEST"
wait "$INGEST" || true
INGEST=""
tail -1 "$WORK/ingest.log"
echo "database: $(du -h "$ECOCIV_DB" | cut -f1), $(sqlite3 "$ECOCIV_DB" 'SELECT count(*) FROM air_hourly') station-hours, $(sqlite3 "$ECOCIV_DB" 'SELECT count(*) FROM review_runs') batches screened"
