#!/usr/bin/env bash
# The assessments in the store from the command line: the SYNTHETIC demo,
# people, values and events imported all or nothing, a run saved, reviewed and
# approved as a correction, rankings and report cards (text, JSON, xlsx),
# departure-audit findings closed with evidence; and the same card and
# ranking from the web API of `ecociv serve` on the same database, figure for
# figure.
#   assessment_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
export ECOCIV_DB="$(store_db a)"  # or PostgreSQL (store_db)
export ECOCIV_USER=cli-test
SERVER=""
stop_server() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null; }
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1

expect 0 "db init" -- "$ECOCIV" db init
expect 2 "scoring demo without units" -- "$ECOCIV" scoring demo-data --db "$ECOCIV_DB"
contains err "ecociv indicators demo-data" "the demo names what it needs first"
expect 0 "indicators demo" -- "$ECOCIV" indicators demo-data --db "$ECOCIV_DB"
expect 0 "scoring demo" -- "$ECOCIV" scoring demo-data --db "$ECOCIV_DB"
contains out "SYNTHETIC" "the demo says it is synthetic"
expect 0 "runs" -- "$ECOCIV" scoring runs --format json
check "five approved runs" test "$(jq '[.runs[] | select(.state == "approved")] | length' out)" -eq 5

# People: all or nothing, the unit must exist.
printf 'person,name,unit,post,tenure_start,tenure_end\nP-X,甲（虚构）,T01,镇长,2024-01-01,\nP-Y,乙（虚构）,T99,镇长,2024-01-01,\n' >people-bad.csv
expect 2 "people with an unknown unit" -- "$ECOCIV" scoring people import people-bad.csv
contains err "people-bad.csv:3: person P-Y: unit 'T99'" "the bad row is named by file and line"
expect 0 "people list" -- "$ECOCIV" scoring people list
check "nothing stored from the bad file" test "$(grep -c '^P-X' out)" -eq 0
printf 'person,name,unit,post,tenure_start,tenure_end\nP-X,甲（虚构）,T01,镇长,2024-01-01,\n' >people.csv
expect 0 "people import" -- "$ECOCIV" scoring people import people.csv --why test
contains out "1 people imported" "people import counts the rows"

# Values and events of a new year; a bad row stores nothing.
printf 'subject,item,value,note\nT01,good_air_days,86.5,\nT02,good_air_days,8x,\n' >values-bad.csv
expect 2 "values with a bad number" -- "$ECOCIV" scoring values import --scheme town-1000 \
  --year 2026 values-bad.csv
contains err "values-bad.csv:3:" "the bad value is named by file and line"
printf 'subject,item,value,note\nT01,good_air_days,86.5,\nT02,good_air_days,80,\nT03,good_air_days,91,\n' >values.csv
expect 0 "values import" -- "$ECOCIV" scoring values import --scheme town-1000 --year 2026 values.csv
printf 'subject,item,date,count,note\nT02,env_complaint,2025-12-31,1,x\n' >events-bad.csv
expect 2 "an event outside the year" -- "$ECOCIV" scoring events import --scheme town-1000 \
  --year 2026 events-bad.csv
printf 'subject,item,date,count,note\nT02,env_complaint,2026-03-01,2,信访查实\n' >events.csv
expect 0 "events import" -- "$ECOCIV" scoring events import --scheme town-1000 --year 2026 events.csv

# A run: draft → reviewed → approved; a correction supersedes it.
expect 0 "store-run" -- "$ECOCIV" scoring store-run --scheme town-1000 --year 2026 --why test
contains err "run 6 saved as a draft" "store-run names the run"
contains out "东沙镇" "store-run prints the ranking"
expect 2 "approve a draft" -- "$ECOCIV" scoring approve 6
contains err "only a reviewed run is approved" "approving a draft is refused with the reason"
expect 0 "review" -- "$ECOCIV" scoring review 6
expect 0 "approve" -- "$ECOCIV" scoring approve 6
expect 0 "correction" -- "$ECOCIV" scoring store-run --scheme town-1000 --year 2026 --replaces 6 \
  --subject T01 T02 T03 --format json
check "the correction scores the subjects named" test "$(jq '.rows | length' out)" -eq 3
expect 0 "review the correction" -- "$ECOCIV" scoring review 7
expect 0 "approve the correction" -- "$ECOCIV" scoring approve 7
expect 0 "runs of 2026" -- "$ECOCIV" scoring runs --scheme town-1000 --year 2026
check "run 6 superseded by 7" grep -qP '^6\ttown-1000\t2026\tsuperseded\t.*\t7\t000000$' out
expect 2 "store-run with an unknown subject" -- "$ECOCIV" scoring store-run --scheme town-1000 \
  --year 2026 --subject T99
contains err "unknown subject 'T99'" "the unknown subject is named"

# Rankings and cards.
expect 0 "ranking text" -- "$ECOCIV" scoring ranking --scheme town-1000 --year 2025
contains out "一票否决" "the vetoed town is marked"
expect 0 "card text" -- "$ECOCIV" scoring card --run 2 --subject T03
contains out "线性计分：实际" "the card says why in Chinese"
contains out "linear: " "and in English"
contains out "上年 last year" "the card shows last year's rank"
expect 0 "card of the departure audit" -- "$ECOCIV" scoring card --run 5 --subject OFF-T06-2021 \
  --format json
check "no rank on a departure audit card" test "$(jq '.rank' out)" = null
check "the tenure on the card" test "$(jq -r '.person.tenure_end' out)" = 2025-06-30
expect 0 "card xlsx" -- "$ECOCIV" scoring card --run 2 --subject T03 --format xlsx --output card.xlsx
check "card.xlsx is a workbook" test "$(head -c 2 card.xlsx)" = PK
expect 2 "card xlsx without --output" -- "$ECOCIV" scoring card --run 2 --subject T03 --format xlsx
expect 2 "card of an unknown subject" -- "$ECOCIV" scoring card --run 2 --subject T99
expect 2 "ranking without a run" -- "$ECOCIV" scoring ranking --scheme town-1000 --year 2023
contains err "no approved run of town-1000 2023" "a missing approved run is named"

# A card from a run record file (no store): the same items and why.
"$ECOCIV" scoring demo-data --out files >/dev/null
expect 1 "run record (one item without data: exit 1)" -- "$ECOCIV" scoring run --scheme town-1000 --year 2025 \
  --values files/town-1000-values.csv --events files/town-1000-events.csv --output run.json
expect 0 "card from the record" -- "$ECOCIV" scoring card --log run.json --subject T03 --format json
check "the record's card has no run" test "$(jq '.run' out)" = null
check "the record's card has the store's items (same 2025 inputs)" \
  test "$(jq -c '[.items[].points]' out)" = \
  "$("$ECOCIV" scoring card --run 2 --subject T03 --format json | jq -c '[.items[].points]')"
expect 0 "ranking from the record" -- "$ECOCIV" scoring ranking --log run.json

# Findings: closing needs evidence.
expect 0 "finding add" -- "$ECOCIV" scoring findings add --run 5 --subject OFF-T06-2021 \
  --problem "（合成）测试问题" --owner D19 --deadline 2030-01-01
contains out "finding 4 recorded" "the finding's id"
expect 2 "close without evidence" -- "$ECOCIV" scoring findings update 4 --status closed \
  --progress 完成
printf 'SYNTHETIC acceptance note\n' >note.txt
expect 0 "evidence" -- "$ECOCIV" scoring evidence add --object finding:4 note.txt
expect 0 "close" -- "$ECOCIV" scoring findings update 4 --status closed --progress 完成
expect 0 "findings list" -- "$ECOCIV" scoring findings list --run 5 --format json
check "finding 4 closed with one file" \
  test "$(jq -r '.findings[] | select(.id == 4) | "\(.status) \(.evidence_files)"' out)" = "closed 1"
check "the demo's overdue finding" \
  test "$(jq '[.findings[] | select(.overdue)] | length' out)" -eq 1
expect 0 "db verify" -- "$ECOCIV" db verify
contains out "assessments: 0 problem(s)" "db verify checks the assessments"
# An edit to a copy of the file (on PostgreSQL, cli.store tampers in place).
if ! on_postgres && command -v sqlite3 >/dev/null; then
  cp "$ECOCIV_DB" edited.db
  sqlite3 edited.db "UPDATE assessment_values SET value = '99' WHERE subject = 'T03' AND item = 'good_air_days' AND year = 2025"
  expect 1 "db verify of an edited value" -- "$ECOCIV" db verify --db edited.db
  contains out "value:town-1000/2025/T03/good_air_days/year: changed outside the program" \
    "the edited value is named"
fi

# A run of a region: its towns ranked among themselves, its own approved run.
expect 0 "a county" -- "$ECOCIV" region add --code 320582 --name 张家港市 --level county
expect 0 "two towns of it" -- "$ECOCIV" region assign --unit T01 T02 --region 320582
expect 0 "a run of the county" -- "$ECOCIV" scoring store-run --scheme town-1000 --year 2025 \
  --region 320582 --format json
check "the county's run ranks its two towns" test "$(jq '[.rows[].subject] | sort | join(",")' out)" = '"T01,T02"'
check "ranked 1 and 2" test "$(jq '[.rows[].rank] | max' out)" -eq 2
REGION_RUN=$(jq '.run.id' out)
check "the run names its region" test "$(jq -r '.run.region' out)" = 320582
expect 2 "a town of another region" -- "$ECOCIV" scoring store-run --scheme town-1000 --year 2025 \
  --region 320582 --subject T03
contains err "not a town of scheme town-1000 in region 320582" "the refusal names the region"
expect 0 "review the county's run" -- "$ECOCIV" scoring review "$REGION_RUN"
expect 0 "approve the county's run" -- "$ECOCIV" scoring approve "$REGION_RUN"
expect 0 "the county's ranking" -- "$ECOCIV" scoring ranking --scheme town-1000 --year 2025 \
  --region 320582 --format json
check "is its own run's" test "$(jq '.run.id' out)" -eq "$REGION_RUN"
expect 0 "the whole store's ranking" -- "$ECOCIV" scoring ranking --scheme town-1000 --year 2025 \
  --format json
check "is still the root's run" test "$(jq '.rows | length' out)" -gt 2
expect 0 "runs name their region" -- "$ECOCIV" scoring runs --scheme town-1000 --year 2025
check "the county's run listed with its region" grep -qP "^$REGION_RUN\ttown-1000\t2025\tapproved\t.*\t320582$" out
expect 0 "verify with a region's run" -- "$ECOCIV" db verify

# The web API shows the same figures as the command line.
printf 'correct horse battery\n' >pw
expect 0 "a leader" -- "$ECOCIV" user add --name lead --role leader --password-file pw
"$ECOCIV" serve --listen 127.0.0.1:0 --threads 2 >serve.log 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q "http://" serve.log && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' serve.log)
check "server started" test -n "$URL"
curl -s -c cookies -H 'Content-Type: application/json' \
  -d '{"name":"lead","password":"correct horse battery"}' "$URL/api/v1/session" >/dev/null
same() {  # same <name> <api path> <ecociv args...>: the API's JSON equals the CLI's
  local name=$1 path=$2
  shift 2
  curl -s -b cookies "$URL$path" | jq -S . >api.json
  "$ECOCIV" "$@" --format json | jq -S . >cli.json
  check "$name: the API and the CLI agree" diff api.json cli.json
  check "$name: not empty" test "$(jq 'length' api.json)" -gt 3
}
same "card T03 2025" /api/v1/assessments/runs/2/cards/T03 scoring card --run 2 --subject T03
same "card D19 2025" /api/v1/assessments/runs/4/cards/D19 scoring card --run 4 --subject D19
same "departure audit card" /api/v1/assessments/runs/5/cards/OFF-T06-2021 \
  scoring card --run 5 --subject OFF-T06-2021
same "ranking town 2025" /api/v1/assessments/town-1000/2025/ranking \
  scoring ranking --scheme town-1000 --year 2025
same "ranking of a county" "/api/v1/assessments/town-1000/2025/ranking?region=320582" \
  scoring ranking --scheme town-1000 --year 2025 --region 320582
stop_server
SERVER=""
finish
