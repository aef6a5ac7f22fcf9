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
