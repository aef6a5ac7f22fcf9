#!/usr/bin/env bash
# Load run of the web API with wrk (Debian): the overview and the period
# assessment endpoints, 100 connections, 2 threads, 30 s each, against the
# demo database, as a logged-in leader. Loopback only; stops by itself.
# Usage: bench/web_load.sh path/to/ecociv [DURATION]
set -euo pipefail
ECOCIV=$(realpath "${1:-build/ecociv}")
DURATION=${2:-30s}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
"$ROOT/scripts/demo-db" "$ECOCIV" "$WORK" >/dev/null
"$ECOCIV" serve --db "$WORK/ecociv.db" --listen 127.0.0.1:0 --threads "${THREADS:-16}" \
  --max-connections-per-address 1000 >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do grep -q "http://" "$WORK/serve.log" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log")
PASSWORD=$(awk -F'\t' '$1 == "leader" {print $3}' "$WORK/users.tsv")
COOKIE=$(curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d "{\"name\":\"leader\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/session" |
  grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
for path in /api/v1/overview "/api/v1/air/assessment?from=2026-01-01&to=2026-11-27"; do
  curl -s -o /dev/null -H "Cookie: $COOKIE" "$URL$path"  # warm the cache
  printf '\n==== GET %s ====\n' "$path"
  wrk -t2 -c100 -d"$DURATION" --latency -H "Cookie: $COOKIE" "$URL$path"
done
