#!/usr/bin/env bash
# `ecociv serve` refuses a port another server listens on: a clear message and
# exit 2, while the first server keeps serving alone.
#   serve_cli_test.sh path/to/ecociv
# On SQLite, or on PostgreSQL under tests/store/with_postgres.sh (store_db).
source "$(dirname "$0")/lib.sh" "$1"
export ECOCIV_DB=$(store_db e)
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

# --public-dir: a folder holding the database is refused; served paths never
# leave the folder.
if ! on_postgres; then  # a PostgreSQL store is no file in a folder
  expect 2 "public dir holding the database" -- \
    timeout 20 "$ECOCIV" serve --listen 127.0.0.1:0 --public-dir "$WORK"
  contains err "holds the database" "the refusal says why"
fi
mkdir -p "$WORK/public"
echo '<html>ecociv</html>' > "$WORK/public/index.html"
ln -s /etc/passwd "$WORK/public/passwd"
"$ECOCIV" serve --listen 127.0.0.1:0 --threads 2 --public-dir "$WORK/public" >"$WORK/pub.log" 2>&1 &
FIRST=$!
for _ in $(seq 100); do grep -q "http://" "$WORK/pub.log" && break; sleep 0.1; done
PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/pub.log" | grep -o '[0-9]*$')
get() {
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' "$1" >&3
  timeout 5 cat <&3
  exec 3<&-
}
for path in //etc/passwd /%2fetc%2fpasswd /%2e%2e/%2e%2e/etc/passwd /passwd; do
  answer=$(get "$path")
  check "GET $path is refused" has "$answer" "HTTP/1.1 40"
  check "GET $path reads nothing outside" bash -c '! grep -q "root:" <<<"$1"' _ "$answer"
done
check "the folder's page is served" has "$(get /)" "<html>ecociv</html>"
stop_first
FIRST=""
finish
