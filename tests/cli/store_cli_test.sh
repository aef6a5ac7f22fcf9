#!/usr/bin/env bash
# End-to-end test of the store commands and their exit codes:
#   store_cli_test.sh path/to/ecociv
# On SQLite, or on PostgreSQL when ECOCIV_TEST_DB is set
# (tests/store/with_postgres.sh): then a schema of its own there.
source "$(dirname "$0")/lib.sh" "$1"
DIR=$WORK
export ECOCIV_DB="$DIR/e.db" ECOCIV_USER="cli-test"
if [ -n "${ECOCIV_TEST_DB:-}" ]; then
  export ECOCIV_DB="$ECOCIV_TEST_DB&options=-csearch_path%3Dcli_$$"
fi
# Changes made outside ecociv: the sqlite3 shell, or psql.
tamper() {
  if [ -n "${ECOCIV_TEST_DB:-}" ]; then psql -q "$ECOCIV_DB" -c "$1"; else sqlite3 "$ECOCIV_DB" "$1"; fi
}

printf 'station,name,city,lon,lat\nC1,甲,测试市,120,31\nC2,乙,测试市,121,31\n' > "$DIR/s.csv"
{
  echo "station,time,so2,no2,co,o3,pm10,pm25"
  for h in 01 02 03 04 05 06 07 08 09 10 11 12; do
    echo "C1,2026-03-01T$h:00,5,20,0.5,40,60,30"
    echo "C2,2026-03-01T$h:00,6,21,0.6,41,61,31"
  done
} > "$DIR/a.csv"
cp "$DIR/a.csv" "$DIR/bad.csv"
echo "C3,2026-03-01T01:00,5,20,0.5,40,60,30" >> "$DIR/bad.csv"

expect 2 "import before init" -- "$ECOCIV" import stations "$DIR/s.csv"
expect 0 "db init" -- "$ECOCIV" db init
expect 0 "import stations" -- "$ECOCIV" import stations "$DIR/s.csv"
# Regions: a province, a city, a county; a station given to the county.
printf 'code,name,level,parent\n320000,江苏省,province,\n320500,苏州市,city,320000\n' > "$DIR/r.csv"
expect 0 "region import" -- "$ECOCIV" region import "$DIR/r.csv"
contains out "2 regions added" "region import summary"
expect 0 "region add" -- "$ECOCIV" region add --code 320582 --name 张家港市 --level county \
  --parent 320500
expect 2 "region of the wrong parent" -- "$ECOCIV" region add --code 330582 --name X \
  --level county --parent 320500
contains err "does not begin with its parent 320500" "region prefix rule"
expect 2 "region import all or none" -- "$ECOCIV" region import "$DIR/r.csv"
contains err "r.csv:2: region 320000 exists already" "region import line"
expect 0 "region assign" -- "$ECOCIV" region assign --station C1 C2 --region 320582
expect 2 "region assign unknown" -- "$ECOCIV" region assign --station C1 --region 329999
expect 0 "region list" -- "$ECOCIV" region list
contains out "320582	county	320500	张家港市" "region list row"
expect 0 "verify after regions" -- "$ECOCIV" db verify
contains out "regions: 0 problem(s)" "regions verified"
# A station moved to another region, or a region renamed, behind the program's back.
tamper "UPDATE stations SET region = '320500' WHERE code = 'C1'"
expect 1 "verify finds a station's region edited" -- "$ECOCIV" db verify
contains out "station C1: region 320500 changed outside the program" "region edit named"
tamper "UPDATE stations SET region = '320582' WHERE code = 'C1'"
tamper "UPDATE regions SET name = '张家港' WHERE code = '320582'"
expect 1 "verify finds a region edited" -- "$ECOCIV" db verify
contains out "region 320582: changed outside the program" "region row edit named"
tamper "UPDATE regions SET name = '张家港市' WHERE code = '320582'"
expect 0 "verify after the regions are put back" -- "$ECOCIV" db verify
expect 2 "rejected file" -- "$ECOCIV" import air "$DIR/bad.csv"
contains err "bad.csv:26: unknown station 'C3'" "reject line"
expect 1 "skip bad rows" -- "$ECOCIV" import air --skip-bad-rows "$DIR/bad.csv"
contains out "24 rows inserted" "skip summary"
expect 0 "re-import" -- "$ECOCIV" import air "$DIR/bad.csv"
contains out "already imported" "re-import summary"
expect 0 "invalidate" -- "$ECOCIV" review invalidate --station C1 --pollutant pm25 \
  --from 2026-03-01T02:00 --to 2026-03-01T03:00 --reason "calibration"
expect 2 "decision without reason" -- "$ECOCIV" review invalidate --station C1 \
  --from 2026-03-01 --to 2026-03-01
expect 0 "manual edit" -- "$ECOCIV" review edit --station C2 --time 2026-03-01T04:00 \
  --pollutant pm25 --value 33.5 --reason "transcription error in the station log"
contains out "C2 2026-03-01T04:00 pm25 31 → 33.5" "edit output"
expect 2 "edit without reason" -- "$ECOCIV" review edit --station C2 --time 2026-03-01T04:00 \
  --pollutant pm25 --missing
expect 0 "review list" -- "$ECOCIV" review list --status all --format json
expect 0 "audit log" -- "$ECOCIV" audit log
contains out "review.invalidate decision:1" "audit entry"
contains out "cli-test" "audit who"
contains out "edit.air" "audit edit entry"
expect 0 "audit log json since" -- "$ECOCIV" audit log --since 2000-01-01 --format json
contains out '"action": "import.stations"' "audit json"
expect 2 "audit bad since" -- "$ECOCIV" audit log --since yesterday
expect 0 "db status" -- "$ECOCIV" db status
contains out "air station-hours" "status counts"
expect 0 "verify clean" -- "$ECOCIV" db verify
contains out "no tampering found" "verify summary"
expect 0 "backup" -- "$ECOCIV" db backup --to "$DIR/backup.db"
if command -v sqlite3 > /dev/null; then
  tamper "UPDATE air_hourly SET pm25 = 999 WHERE label = (SELECT min(label) FROM air_hourly);"
  expect 1 "verify after tampering" -- "$ECOCIV" db verify
  contains out "2026-03-01T01:00 (batch 2): changed" "verify names the row"
fi
expect 0 "restore" -- "$ECOCIV" db restore --from "$DIR/backup.db" --why "undo tampering"
expect 0 "verify after restore" -- "$ECOCIV" db verify
printf 'section,name,river,type,target_class,level\nW1,桥,河,river,3,town\n' > "$DIR/sec.csv"
printf 'section,time,item,value\nW1,2026-03-01,氨氮,0.52\nW1,2026-03-01,总磷,0.1\n' > "$DIR/w.csv"
expect 0 "import sections" -- "$ECOCIV" import sections "$DIR/sec.csv"
expect 0 "import water" -- "$ECOCIV" import water "$DIR/w.csv"
contains out "2 rows inserted" "water summary"
expect 0 "water invalidate" -- "$ECOCIV" review invalidate --section W1 --item 氨氮 \
  --from 2026-03-01 --to 2026-03-01 --reason "sample bottle broken"
printf 'section,time,item,value\nW1,2026-03-02,pH,12.5\n' > "$DIR/w2.csv"
expect 0 "import implausible water" -- "$ECOCIV" import water "$DIR/w2.csv"
contains out "1 values flagged for review" "water screening"
expect 0 "list water flags" -- "$ECOCIV" review list --section W1
contains out "water,W1,ph,2026-03-02,2026-03-02,water_implausible,suspect" "water flag row"
expect 0 "verify with water" -- "$ECOCIV" db verify
# Anchors: the head copied out; a rewritten record no longer holds it.
expect 0 "audit anchor" -- "$ECOCIV" audit anchor --append "$DIR/anchors.txt"
contains out " entries" "anchor line"
expect 0 "verify against the anchor" -- "$ECOCIV" db verify --anchors "$DIR/anchors.txt"
read -r seq _ < "$DIR/anchors.txt"
printf '%s %064d earlier copy\n' "$seq" 0 > "$DIR/forged-anchors.txt"
expect 1 "verify against a different anchor" -- "$ECOCIV" db verify --anchors "$DIR/forged-anchors.txt"
contains out "hash differs (the record was rewritten after the anchor was taken)" "anchor mismatch named"
printf '99999 %064d\n' 0 > "$DIR/cut-anchors.txt"
expect 1 "verify against an anchor past the head" -- "$ECOCIV" db verify --anchors "$DIR/cut-anchors.txt"
contains out "the entry is missing" "missing anchored entry named"
printf 'not an anchor\n' > "$DIR/bad-anchors.txt"
expect 2 "malformed anchor file" -- "$ECOCIV" db verify --anchors "$DIR/bad-anchors.txt"
contains err "bad-anchors.txt:1:" "malformed anchor file: file:line"
expect 2 "unassign what was never assigned" -- "$ECOCIV" user unassign --unit 无此单位 --section W1
contains err "has no section 'W1'" "unassign names the section"
expect 2 "unassign without a kind" -- "$ECOCIV" user unassign --unit 某镇
expect 2 "unknown subcommand" -- "$ECOCIV" db frobnicate

# Another program holds the write lock: a command that writes waits the busy
# timeout (5 s), then stops with exit 2 ("busy, try again"), not 1 (data problems).
if [ -n "${ECOCIV_TEST_DB:-}" ]; then
  # The writers' lock as ecociv's transactions take it (postgres_database.cc).
  { echo locked; psql -q "$ECOCIV_DB" -c "SET client_connection_check_interval = 100; BEGIN; SELECT pg_advisory_xact_lock(1701013878, \
hashtext(current_schema())); SELECT pg_sleep(60)" > /dev/null; } > "$DIR/locker.out" &
  LOCKER=$!
  sleep 1
elif command -v python3 > /dev/null; then
  python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(60)' "$ECOCIV_DB" > "$DIR/locker.out" &
  LOCKER=$!
fi
if [ -n "${LOCKER:-}" ]; then
  for _ in $(seq 100); do grep -q locked "$DIR/locker.out" && break; sleep 0.1; done
  expect 2 "locked database" -- "$ECOCIV" review invalidate --station C1 --pollutant pm25 \
    --from 2026-03-01T05:00 --to 2026-03-01T06:00 --reason "busy test"
  contains err "the database is busy" "busy message"
  contains err "try again" "busy advice"
  expect 0 "reading a locked database" -- "$ECOCIV" db status
  pkill -P "$LOCKER" 2>/dev/null  # psql, the child holding the lock on PostgreSQL
  kill "$LOCKER" 2>/dev/null
  wait "$LOCKER" 2>/dev/null
  expect 0 "the same command once the lock is gone" -- "$ECOCIV" review invalidate --station C1 \
    --pollutant pm25 --from 2026-03-01T05:00 --to 2026-03-01T06:00 --reason "busy test"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures failures"
  exit 1
fi
echo "store CLI: all checks passed"
