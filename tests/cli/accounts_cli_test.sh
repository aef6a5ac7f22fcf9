#!/usr/bin/env bash
# Accounts on the command line, and files that are not ecociv's:
#   - a 0-byte file, a foreign SQLite file and a non-SQLite file are "not an
#     ecociv database" (exit 2), and `db init` does not write into a foreign one;
#   - `user add|role|disable|enable|password|unlock` and their refusals (case-
#     folded names, short or blank passwords, the last administrator);
#   - a user row changed in the database outside the program is named by
#     `db verify` (exit 1).
#   accounts_cli_test.sh path/to/ecociv
# On SQLite, or on PostgreSQL under tests/store/with_postgres.sh (store_db,
# store_sql); the files that are not ecociv's are SQLite's alone.
source "$(dirname "$0")/lib.sh" "$1"
export ECOCIV_DB=$(store_db e) ECOCIV_USER="cli-test"

# Files that are not ecociv databases.
if ! on_postgres; then
: >"$WORK/empty.db"
expect 2 "0-byte file" -- "$ECOCIV" db status --db "$WORK/empty.db"
contains err "not an ecociv database" "0-byte file named"
check "0-byte file: no advice to run db init" test -z "$(grep -F 'db init' "$WORK/err")"
printf 'name,value\nx,1\n' >"$WORK/text.db"
expect 2 "text file" -- "$ECOCIV" db status --db "$WORK/text.db"
contains err "not an ecociv database" "text file named"
expect 2 "db init on a text file" -- "$ECOCIV" db init --db "$WORK/text.db"
check "text file unchanged" test "$(cat "$WORK/text.db")" = "$(printf 'name,value\nx,1')"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$WORK/foreign.db" "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine');"
  sum=$(sha256sum <"$WORK/foreign.db")
  expect 2 "foreign SQLite file" -- "$ECOCIV" user list --db "$WORK/foreign.db"
  contains err "not an ecociv database" "foreign file named"
  expect 2 "db init on a foreign SQLite file" -- "$ECOCIV" db init --db "$WORK/foreign.db"
  contains err "not an ecociv database" "db init refuses it"
  check "foreign file unchanged" test "$(sha256sum <"$WORK/foreign.db")" = "$sum"
  check "no WAL beside it" test ! -e "$WORK/foreign.db-wal"
fi
expect 0 "db init on a 0-byte file" -- "$ECOCIV" db init --db "$WORK/empty.db"
fi

# Users.
expect 0 "db init" -- "$ECOCIV" db init
printf 'first admin password\n' >"$WORK/pw"
expect 0 "add admin" -- "$ECOCIV" user add --name admin --role admin --password-file "$WORK/pw"
expect 2 "same name in other case" -- "$ECOCIV" user add --name Admin --role leader \
  --password-file "$WORK/pw"
contains err "already exists as 'admin'" "case-folded name"
printf '生态环境局监测科\n' >"$WORK/short"  # 8 characters, 24 bytes
expect 2 "short password in characters" -- "$ECOCIV" user add --name li --role leader \
  --password-file "$WORK/short"
contains err "at least 10 characters" "short password named"
printf '            \n' >"$WORK/blank"
expect 2 "blank password" -- "$ECOCIV" user add --name li --role leader --password-file "$WORK/blank"
printf '生态环境局监测科一号\n' >"$WORK/cjk"  # 10 characters
expect 0 "add leader" -- "$ECOCIV" user add --name li --role leader --password-file "$WORK/cjk"
expect 2 "demote the last admin" -- "$ECOCIV" user role --name admin --role leader
contains err "last enabled administrator" "last admin named"
expect 2 "disable the last admin" -- "$ECOCIV" user disable --name admin
expect 0 "disable leader" -- "$ECOCIV" user disable --name li
expect 0 "list shows disabled" -- "$ECOCIV" user list
contains out "disabled" "disabled listed"
expect 0 "enable leader" -- "$ECOCIV" user enable --name li
expect 0 "role reporter" -- "$ECOCIV" user role --name li --role reporter --unit 水务局
expect 0 "reset password" -- "$ECOCIV" user password --name li --random-password
contains out "li	" "random password printed"
expect 0 "unlock" -- "$ECOCIV" user unlock --name admin
contains out "admin may log in again" "unlock message"
expect 0 "unlock list" -- "$ECOCIV" user unlock --list
expect 2 "unlock without a name" -- "$ECOCIV" user unlock
expect 2 "unlock an unknown user" -- "$ECOCIV" user unlock --name nobody
expect 0 "audit log" -- "$ECOCIV" audit log
for action in user.add user.role user.disable user.enable user.password user.unlock; do
  contains out "$action" "audit $action"
done
expect 2 "serve with a bad trusted proxy" -- "$ECOCIV" serve --trusted-proxy proxy.local
contains err "--trusted-proxy: 'proxy.local' is not an IP address" "bad proxy named"

# A user in a region: an unknown region adds nobody; a known one is listed with the user.
expect 2 "a user in no such region" -- "$ECOCIV" user add --name wang --role analyst \
  --region 320582 --random-password
contains err "320582" "the unknown region is named"
expect 0 "a region" -- "$ECOCIV" region add --code 320582 --name 张家港市 --level county
expect 0 "a user in it" -- "$ECOCIV" user add --name wang --role analyst --region 320582 \
  --random-password
expect 0 "list shows the region" -- "$ECOCIV" user list
contains out "wang	analyst		region 320582" "the region listed"

# Verify covers users.
expect 0 "verify clean" -- "$ECOCIV" db verify
contains out "accounts: 0 problem(s)" "verify summary"
if on_postgres || command -v sqlite3 >/dev/null; then
  store_sql "$ECOCIV_DB" "UPDATE users SET role = 'admin', unit = '' WHERE name = 'li';"
  expect 1 "verify after a role edit" -- "$ECOCIV" db verify
  contains out "user li: changed outside the program" "verify names the user"
  store_sql "$ECOCIV_DB" "UPDATE users SET role = 'reporter', unit = '水务局' WHERE name = 'li';"
  expect 0 "verify after undoing it" -- "$ECOCIV" db verify
fi
finish
