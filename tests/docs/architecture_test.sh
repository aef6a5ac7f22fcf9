#!/usr/bin/env bash
# docs/architecture.md is the map of the code; this test keeps it true:
#  1. every file under src/ and include/ is named, in backticks, in the
#     section whose heading names its folder (`src/air/`, ...);
#  2. every .cc under src/ that is not a test either has a test beside it
#     (X_test.cc, or a test file named after its unit) or is listed (itself,
#     or its folder as `dir/*`), with the test that covers it, in the section
#     "Files tested elsewhere";
#  3. every top-level folder and every script under scripts/ is named.
# Usage: tests/docs/architecture_test.sh [REPO_ROOT]
set -uo pipefail
ROOT=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
DOC="$ROOT/docs/architecture.md"
cd "$ROOT"
failures=0
fail() { printf 'FAIL: %s\n' "$1"; failures=$((failures + 1)); }

# The body of every "### " section whose heading names `dir/`, concatenated.
section_for() {
  awk -v dir="\`$1/\`" '
    /^#/ { inside = (index($0, dir) > 0 && $0 ~ /^### /) ; next }
    inside { print }
  ' "$DOC"
}

files=$(find src include -type f | sort)
[ -n "$files" ] || { echo "FAIL: no files under src/ and include/"; exit 1; }
checked=0
for dir in $(printf '%s\n' $files | xargs -n1 dirname | sort -u); do
  body=$(section_for "$dir")
  if [ -z "$body" ]; then
    fail "no section of docs/architecture.md names \`$dir/\` in its heading"
    continue
  fi
  for f in $(printf '%s\n' $files | awk -v d="$dir" '{ n = split($0, p, "/"); s = p[1]; for (i = 2; i < n; i++) s = s "/" p[i]; if (s == d) print }'); do
    base=$(basename "$f")
    checked=$((checked + 1))
    grep -qF "\`$base\`" <<<"$body" || fail "$f is not named in the section of \`$dir/\`"
  done
done

elsewhere=$(awk '/^## Files tested elsewhere/ { on = 1; next } /^## / { on = 0 } on' "$DOC")
for f in $(printf '%s\n' $files | grep '\.cc$' | grep -v '_test\.cc$' | grep -v '_test_'); do
  stem=${f%.cc}
  ls "${stem}"_test.cc "${stem}"_*test.cc >/dev/null 2>&1 && continue
  grep -qF "\`$f\`" <<<"$elsewhere" && continue
  grep -qF "\`$(dirname "$f")/*\`" <<<"$elsewhere" && continue  # a whole folder
  fail "$f has no test beside it and is not listed under 'Files tested elsewhere'"
done

for d in $(git ls-files | cut -d/ -f1 | sort -u); do
  [ -d "$d" ] || continue
  grep -qF "\`$d/\`" "$DOC" || fail "the top-level folder $d/ is not named"
done
for s in scripts/*; do
  grep -qF "\`$s\`" "$DOC" || fail "$s is not named"
done

if [ "$failures" -gt 0 ]; then
  echo "architecture docs: $failures problem(s) ($checked files checked)"
  exit 1
fi
echo "architecture docs: all $checked files under src/ and include/ named"
