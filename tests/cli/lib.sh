# Shared by the command-line contract tests in this folder. Source it with the
# path to the ecociv binary as $1:   source "$(dirname "$0")/lib.sh" "$1"
# It sets ECOCIV (absolute), WORK (a temporary folder removed at exit unless
# KEEP is set) and provides:
#   check <name> <command...>  counts a pass when the command succeeds
#   run <args...>              runs ecociv; sets rc, out, err
#   has <text> <needle>        true when text contains needle (fixed string)
#   quiet <args...>            runs ecociv silently; true for exit 0 or 1
#   finish                     prints "N passed, N failed"; fails if any failed
#   expect <code> <name> -- <command...>
#                              runs any command (output in $WORK/out, $WORK/err);
#                              counts a failure unless it exits with <code>
#   contains <out|err|FILE> <needle> <name>
#                              counts a failure unless $WORK/<file> holds the needle
#   store_db <name>            prints the --db of a store of the test's own:
#                              $WORK/<name>.db, or under tests/store/with_postgres.sh
#                              (ECOCIV_TEST_DB set) a schema <name>_<pid> there
#   store_sql <db> <sql>       runs SQL on such a store outside ecociv (sqlite3
#                              or psql), one row per line, columns joined by |
#   on_postgres                true under tests/store/with_postgres.sh
set -u
ECOCIV=$(realpath "$1")
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
failures=0
passed=0

check() {
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name"; failures=$((failures + 1)); fi
}
run() {
  "$ECOCIV" "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}
has() { grep -qF -- "$2" <<<"$1"; }
on_postgres() { [ -n "${ECOCIV_TEST_DB:-}" ]; }
store_sql() {
  if on_postgres; then psql -Atq "$1" -c "$2"; else sqlite3 "$1" "$2"; fi
}
store_db() {
  if [ -n "${ECOCIV_TEST_DB:-}" ]; then
    echo "$ECOCIV_TEST_DB&options=-csearch_path%3D${1}_$$"
  else
    echo "$WORK/$1.db"
  fi
}
quiet() {
  "$ECOCIV" "$@" >/dev/null 2>&1
  [ $? -le 1 ]
}
finish() {
  echo "$passed passed, $failures failed"
  [ "$failures" -eq 0 ]
}
expect() {
  local want=$1 name=$2
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: exit $got, expected $want"
    cat "$WORK/out" "$WORK/err"
    failures=$((failures + 1))
  else
    passed=$((passed + 1))
  fi
}
contains() {
  if grep -qF -- "$2" "$WORK/$1"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $3: '$2' not in $1:"
    cat "$WORK/$1"
    failures=$((failures + 1))
  fi
}
