#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 (Debian's `postgresql`
# package): initdb in a temporary folder, the server on a Unix socket there
# (no TCP port), ECOCIV_TEST_DB pointing at a fresh database, the command,
# then the server stopped and the folder removed, also on failure.
#
#   tests/store/with_postgres.sh COMMAND [ARG...]
#
# The store tests read ECOCIV_TEST_DB and run on PostgreSQL instead of
# SQLite files (src/store/store_test_util.h). PostgreSQL refuses to run as
# root: as root, the server runs as the unprivileged user `nobody`.
# A missing PostgreSQL is a failure with what to do, never a silent skip.
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ] || ! command -v pg_dump >/dev/null; then
  echo "with_postgres: PostgreSQL 15 is not installed ($bin/initdb or pg_dump missing)." >&2
  echo "with_postgres: run scripts/setup (it installs the postgresql and libpq-dev packages)." >&2
  exit 1
fi
if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ecociv-pg.XXXXXX")
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$dir"
  as_server=(runuser -u nobody --)
fi
stop() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

# A test server: no durability needed (fsync off), C collation (byte order,
# as SQLite compares text), UTF-8.
"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U ecociv --auth=trust --encoding=UTF8 \
  --locale=C -N >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
if ! "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -w -t 30 -l "$dir/server.log" \
  -o "-k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null; then
  cat "$dir/server.log" >&2
  exit 1
fi
"$bin/createdb" -h "$dir" -U ecociv ecociv_test

export ECOCIV_TEST_DB="postgresql:///ecociv_test?host=$dir&user=ecociv"
echo "with_postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $dir"
status=0
"$@" || status=$?
if [ $status -ne 0 ] && [ -s "$dir/server.log" ]; then
  echo "with_postgres: the server's log (last lines):" >&2
  tail -20 "$dir/server.log" >&2
fi
exit $status
