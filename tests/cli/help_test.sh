#!/usr/bin/env bash
# Every command prints its usage with --help (and -h) and exits 0. The groups
# and commands are read from the program's own listings (`ecociv --help`,
# then the "commands:" line of `ecociv GROUP --help`), so a new command is
# covered without changing this test.
# Usage: help_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"

run --help
check "ecociv --help: exit 0" test "$rc" -eq 0
groups=$(awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}' \
  <<<"$out")
check "ecociv --help lists the groups" test -n "$groups"

# True when $out has a usage line of the command ("ecociv review invalidate|clear"
# names both invalidate and clear).
names_command() {
  grep -qE -- "ecociv $1 ([a-z-]+\|)*$2(\||[[:space:]]|\$)" <<<"$out"
}

commands_total=0
for group in $groups; do
  run "$group" --help
  check "$group --help: exit 0" test "$rc" -eq 0
  check "$group --help: usage line" has "$out" "ecociv $group"
  commands=$(sed -n 's/^commands: //p' <<<"$out")
  if [ -z "$commands" ]; then
    # A group that is one command (serve): its usage is the group's.
    check "$group --help: usage:" has "$out" "usage:"
    continue
  fi
  run "$group"
  check "$group without a command: exit 2" test "$rc" -eq 2
  check "$group without a command: usage on stderr" has "$err" "usage:"
  run "$group" no-such-command
  check "$group no-such-command: exit 2" test "$rc" -eq 2
  check "$group no-such-command: named" has "$err" "unknown $group command 'no-such-command'"
  for command in $commands; do
    commands_total=$((commands_total + 1))
    for flag in --help -h; do
      run "$group" "$command" "$flag"
      check "$group $command $flag: exit 0" test "$rc" -eq 0
      check "$group $command $flag: usage line" has "$out" "usage:"
      check "$group $command $flag: names the command" names_command "$group" "$command"
    done
  done
done
# Guards against a listing the loop could not read.
check "at least 50 commands walked (got $commands_total)" test "$commands_total" -ge 50

# --help after other arguments still asks for help, not for a run.
run air hourly --input /nonexistent --help
check "--help after flags: exit 0" test "$rc" -eq 0
check "--help after flags: hourly usage" has "$out" "ecociv air hourly --input"

finish
