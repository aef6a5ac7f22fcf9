#!/usr/bin/env bash
# Cold start of `ecociv serve` on the demo database: the wall time from the
# start to the first answer (GET /api/v1/session) (curl polling every 10 ms), the
# CPU the server used by then, and its resident memory once idle (VmRSS, and
# of it the shared library pages RssFile and the private heap RssAnon).
# Usage: bench/serve_cold_start.sh path/to/ecociv [RUNS]
set -euo pipefail
ECOCIV=$(realpath "${1:-build/ecociv}")
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
"$ROOT/scripts/demo-db" "$ECOCIV" "$WORK" >/dev/null 2>&1
TICK=$(getconf CLK_TCK)
PORT=$((20000 + RANDOM % 20000))
for run in $(seq "$RUNS"); do
  start=$(date +%s.%N)
  "$ECOCIV" serve --db "$WORK/ecociv.db" --listen "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
  SERVER=$!
  until curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/session"; do sleep 0.01; done
  end=$(date +%s.%N)
  read -r utime stime < <(awk '{print $14, $15}' "/proc/$SERVER/stat")
  sleep 1
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status")
  file=$(awk '/^RssFile/ {print $2}' "/proc/$SERVER/status")
  anon=$(awk '/^RssAnon/ {print $2}' "/proc/$SERVER/status")
  printf 'run %d: first answer after %.3f s, CPU %.2f s, idle RSS %d MB (library pages %d MB, private %d MB)\n' \
    "$run" "$(echo "$end - $start" | bc)" "$(echo "($utime + $stime) / $TICK" | bc -l)" \
    $((rss / 1024)) $((file / 1024)) $((anon / 1024))
  kill "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
done
