#!/usr/bin/env bash
# `ecociv serve` refuses a port another server listens on: a clear message and
# exit 2, while the first server keeps serving alone.
#   serve_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
export ECOCIV_DB="$WORK/e.db"
FIRST=""
stop_first() { [ -n "$FIRST" ] && kill "$FIRST" 2>/dev/null && wait "$FIRST" 2>/dev/null; }
trap 'stop_first; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

expect 0 "db init" -- "$ECOCIV" db init
"$ECOCIV" serve --listen 127.0.0.1:0 --threads 2 >"$WORK/first.log" 2>&1 &
FIRST=$!
for _ in $(seq 100); do grep -q "http://" "$WORK/first.log" && break; sleep 0.1; done
PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/first.log" | grep -o '[0-9]*$')
check "first server started" test -n "$PORT"

expect 2 "second server on the same port" -- \
  timeout 20 "$ECOCIV" serve --listen "127.0.0.1:$PORT" --threads 2
contains err "ecociv: 127.0.0.1:$PORT is already in use" "the message names the address"
check "the first server is still running" kill -0 "$FIRST"

# The first still answers (GET /api/v1/session over a plain socket).
answer() {
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
  timeout 5 cat <&3
  exec 3<&-
}
check "the first server answers" has "$(answer)" '"pages":["public"]'

stop_first
FIRST=""
finish
