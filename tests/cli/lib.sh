# Shared by the command-line contract tests in this folder. Source it with the
# path to the ecociv binary as $1:   source "$(dirname "$0")/lib.sh" "$1"
# It sets ECOCIV (absolute), WORK (a temporary folder removed at exit unless
# KEEP is set) and provides:
#   check <name> <command...>  counts a pass when the command succeeds
#   run <args...>              runs ecociv; sets rc, out, err
#   has <text> <needle>        true when text contains needle (fixed string)
#   quiet <args...>            runs ecociv silently; true for exit 0 or 1
#   finish                     prints "N passed, N failed"; fails if any failed
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
