#!/usr/bin/env bash
# End-to-end test of `ecociv indicators`: exit codes, file:line errors,
# all-or-nothing imports, the review workflow and the outputs:
#   indicators_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
DIR=$WORK
export ECOCIV_DB="$(store_db e)" ECOCIV_USER="cli-test"  # or PostgreSQL (store_db)
I() { "$ECOCIV" indicators "$@"; }
DEMO_DB=$(store_db demo)

expect 2 "no subcommand" -- "$ECOCIV" indicators
expect 0 "help" -- "$ECOCIV" indicators --help
contains out "ecociv indicators status --year Y" "usage"
expect 2 "status before db init" -- I status --year 2025
expect 0 "db init" -- "$ECOCIV" db init

# Catalogue import: a bad row is reported with file:line, exit 2, nothing stored.
HEADER="id,domain,name_zh,name_en,unit,target_city,target_county,direction,binding,applies,source,responsible,evidence,notes"
{
  echo "$HEADER"
  echo "a,d,甲,A,%,20,20,>=,binding,,reported,U1,confirmed,"
  echo "b,d,乙,B,%,x,1,>=,binding,,reported,U1,confirmed,"
} > "$DIR/bad-cat.csv"
expect 2 "bad catalogue" -- I import-catalogue "$DIR/bad-cat.csv"
contains err "bad-cat.csv:3: target_city: target 'x' is not a number" "catalogue error line"
expect 0 "status with the built-in catalogue" -- I status --year 2025 --format csv
contains out "n2019_01,生态制度,生态文明建设规划" "built-in national 2019"
{
  echo "$HEADER"
  echo "a,d,甲,A,%,20,20,>=,binding,,reported,U1,confirmed,"
  echo "b,d,乙,B,-,建立,建立,state,reference,,reported,U2,UNVERIFIED,"
  echo "c,d,丙,C,%,,,up,binding,,reported,U3,confirmed,"
  echo "r,d,比,R,-,1,1,>=,reference,,derived: a / z,U3,confirmed,"
  echo "z,d,零,Z,-,,,input,input,,reported,U3,confirmed,"
} > "$DIR/small.csv"
expect 0 "import catalogue" -- I import-catalogue "$DIR/small.csv" --why "test catalogue"
contains out "catalogue small: 5 indicators (1 UNVERIFIED), active" "catalogue summary"

expect 0 "catalogue show" -- I catalogue
contains out "b	d	乙	reference	state	建立	建立		reported	U2	UNVERIFIED" "catalogue row"
expect 0 "built-in catalogue" -- I catalogue --builtin city-2024
contains out "c2024_04b" "2024 catalogue"
expect 2 "unknown built-in" -- I catalogue --builtin nope

# The city profile decides which rows apply.
expect 2 "bad profile" -- I profile --level province
expect 0 "profile" -- I profile --level county --terrain plain --coastal no
contains out "profile: county, plain, not coastal" "profile saved"

# Values and their review.
expect 2 "unknown indicator" -- I set-value --year 2025 --id nope --value 1
contains err "unknown indicator 'nope' in catalogue small" "unknown id message"
expect 2 "not a number" -- I set-value --year 2025 --id a --value abc
contains err "a: value 'abc' is not a number" "number message"
expect 2 "missing year" -- I set-value --id a --value 1
echo "scan of the approval" > "$DIR/proof.txt"
expect 0 "set a" -- I set-value --year 2025 --id a --value 21.5 --note "统计年报" --evidence "$DIR/proof.txt"
contains out "sha256 $(sha256sum "$DIR/proof.txt" | cut -d' ' -f1)" "evidence checksum"
expect 2 "accept a draft" -- I review accept --year 2025 --id a
contains err "value:2025/a is draft; only submitted values can become accepted" "illegal transition"
expect 0 "submit" -- I submit --year 2025 --id a
expect 2 "return without reason" -- I review return --year 2025 --id a
expect 0 "return" -- I review return --year 2025 --id a --reason "缺少盖章"
expect 0 "resubmit" -- I submit --year 2025 --id a
expect 0 "accept" -- I review accept --year 2025 --id a
expect 0 "set b" -- I set-value --year 2025 --id b --value 建立
expect 0 "engine c 2024" -- I set-value --year 2024 --id c --value 80 --source engine --inputs "good days 292/365"
expect 0 "engine c 2025" -- I set-value --year 2025 --id c --value 82 --source engine --inputs "good days 299/365"
expect 0 "z zero" -- I set-value --year 2025 --id z --value 0 --source engine
expect 0 "evidence list" -- I evidence list
contains out "proof.txt" "evidence listed"
contains out "intact" "evidence intact"

printf 'year,indicator,value,note,unit\n2024,a,19,,U1\n2024,nope,1,,U1\n' > "$DIR/values.csv"
expect 2 "bad values file" -- I import-values "$DIR/values.csv"
contains err "values.csv:3: unknown indicator 'nope' in catalogue small" "values error line"
printf 'year,indicator,value,note,unit\n2024,a,19,,U1\n' > "$DIR/values.csv"
expect 0 "values file" -- I import-values "$DIR/values.csv"
contains out "values: 1 stored" "values stored"

# The readiness table: a division by zero in a derived formula is reported, exit 1.
expect 1 "status" -- I status --year 2025
contains out "a | binding | met | value 21.5 | target 20 | gap 1.5 | trend - |" "a met (2024 is a draft)"
contains out "b | reference | no_data | value 建立" "b pending"
contains out "c | binding | met | value 82" "c kept improving"
contains out "binding met 2 of 2; reference met 0 of 2" "summary"
contains out "can apply: yes" "can apply"
contains err "r: division by zero (z is 0)" "formula error"
expect 1 "json" -- I status --year 2025 --format json --output "$DIR/r.json"
contains r.json '"unverified": true' "json UNVERIFIED"
contains r.json '"can_apply": true' "json can_apply"
expect 1 "xlsx" -- I status --year 2025 --format xlsx --output "$DIR/r.xlsx"
[ -s "$DIR/r.xlsx" ] || { echo "FAIL: no xlsx"; failures=$((failures + 1)); }
expect 2 "xlsx without output" -- I status --year 2025 --format xlsx
expect 2 "bad format" -- I status --year 2025 --format pdf

# Plan, units, projects: all-or-nothing.
printf 'year,indicator,target,units,deadline\n2025,a,25,D01,2025-12-31\n2025,zz,1,D01,2025-12-31\n' > "$DIR/plan.csv"
expect 2 "bad plan" -- I plan import "$DIR/plan.csv"
contains err "plan.csv:3: unknown indicator 'zz' in catalogue small" "plan error line"
expect 0 "plan show empty" -- I plan show --year 2025
[ ! -s "$DIR/out" ] || { echo "FAIL: plan stored after a bad file"; failures=$((failures + 1)); }
printf 'year,indicator,target,units,deadline\n2025,a,25,D01;T01,2025-12-31\n' > "$DIR/plan.csv"
expect 0 "plan import" -- I plan import "$DIR/plan.csv"
expect 1 "status with stricter plan" -- I status --year 2025
contains out "a | binding | not_met | value 21.5 | target 25 (plan) | gap -3.5" "plan target"
contains out "owner D01;T01" "plan owner"
printf 'code,name,kind,contact,phone,note\nD01,生态环境局,department,张三,0512-1,\nT01,东沙镇,town,,,\n' > "$DIR/units.csv"
expect 0 "units import" -- I units import "$DIR/units.csv"
expect 0 "units list" -- I units list
contains out "T01	东沙镇	town" "unit listed"
printf 'code,year,name,unit,budget_wan,progress,status,milestone,due,done\nP1,2025,修复,D01,10,150,in_progress,设计,2025-03-31,\n' > "$DIR/p.csv"
expect 2 "bad project" -- I projects import "$DIR/p.csv"
contains err "p.csv:2: progress '150' must be 0-100" "project error"
printf 'code,year,name,unit,budget_wan,progress,status,milestone,due,done\nP1,2025,修复,D01,10,50,in_progress,设计,2025-03-31,\n' > "$DIR/p.csv"
expect 0 "projects import" -- I projects import "$DIR/p.csv"
expect 0 "projects list" -- I projects list --today 2025-06-01
contains out "OVERDUE" "overdue milestone"

# Every step is in the change record, and the chain verifies.
expect 0 "audit" -- "$ECOCIV" audit log
contains out "indicators.review.returned" "review in the log"
contains out "indicators.evidence" "evidence in the log"
expect 0 "db verify" -- "$ECOCIV" db verify

# The demo city.
expect 0 "demo-data" -- I demo-data --db "$DEMO_DB"
expect 0 "demo status" -- I status --year 2025 --db "$DEMO_DB"
# The air and water rows and forest and grass cover are engine figures, and this store
# holds no air or water data and no land cover.
contains out "binding met 16 of 20; reference met 7 of 12; no data 6" "demo summary"
contains out "n2019_07 | binding | no_data | value - " "no engine figure without data"
contains out "no value for 2025 (no air station in the store)" "the reason names the missing data"
contains out "no value for 2025 (no land cover is stored for 2025)" "no land cover, no cover figure"
expect 0 "demo status 2024" -- I status --year 2024 --db "$DEMO_DB"
contains out "n2019_07 | binding | met | value 74.1 " "the reported figure of a year without data"
contains out "n2019_11 | reference | not_met | value 17.2 " "a reported cover of a year without land cover"
# Forest and grass cover from the land cover once it is imported (scripts/demo-space), with
# the layers' files and years as its inputs; a new land-cover layer counts at the next read.
SPACE=$(cd "$(dirname "$0")/../../scripts/demo-space" && pwd)
for spec in boundary:boundary:2020 land-cover-2020:land-cover:2025; do
  IFS=: read -r file layer year <<<"$spec"
  expect 0 "space import $file" -- "$ECOCIV" space import "$SPACE/$file.geojson" --layer "$layer" \
    --year "$year" --db "$DEMO_DB"
done
expect 0 "demo status with land cover" -- I status --year 2025 --db "$DEMO_DB" --format json
cover=$(jq -r '.indicators[] | select(.id == "n2019_11") | .value' "$WORK/out")
check "forest and grass cover of the 2020 cells" test "$cover" = "$(jq -r '.forest_grass_cover_percent' \
  < <("$ECOCIV" space cover --year 2025 --db "$DEMO_DB" --format json))"
contains out "land-cover 2025 (" "the land cover's file named as evidence"
expect 0 "a new land-cover layer" -- "$ECOCIV" space import "$SPACE/land-cover-2025.geojson" \
  --layer land-cover --year 2025 --db "$DEMO_DB"
expect 0 "demo status after the import" -- I status --year 2025 --db "$DEMO_DB" --format json
check "the figure follows the new layer" test "$(jq -r '.indicators[] | select(.id == "n2019_11") | .value' "$WORK/out")" \
  != "$cover"

# Engine figures: computed from the store when read, equal to what `air assess` and
# `water assess` print from the same files; nothing is stored.
AIR="$DIR/air"
expect 0 "air demo" -- "$ECOCIV" demo generate --out "$AIR"
export ECOCIV_DB="$(store_db air)"
expect 0 "air db" -- "$ECOCIV" db init
expect 0 "air stations" -- "$ECOCIV" import stations "$AIR/stations.csv"
expect 0 "air data" -- "$ECOCIV" import air "$AIR/synthetic_air_hourly.csv"
expect 2 "compute-air is gone" -- I compute-air --year 2025 --city 张家港市
expect 2 "an engine copy is refused" -- I set-value --year 2025 --id n2019_07 --value 80 --source engine
contains err "n2019_07 takes the engine figure air.good_day_ratio, computed from the store's data when read" "why"
expect 0 "engine figures" -- I engine-figures --year 2025
cp "$DIR/out" "$DIR/engine.txt"
"$ECOCIV" air assess --input "$AIR/synthetic_air_hourly.csv" --stations "$AIR/stations.csv" \
  --city 张家港市 --from 2025-01-01 --to 2025-12-31 --format json --output "$DIR/assess.json" 2>/dev/null
field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
ratio=$(field "$DIR/assess.json" "d['cities'][0]['good_day_ratio']")
pm25=$(field "$DIR/assess.json" "d['cities'][0]['pollutants']['pm25']['mean']")
contains engine.txt "air.good_day_ratio 2025: $ratio | indicators n2019_07 | air engine (HJ 663), 张家港市 2025" "same ratio as air assess"
contains engine.txt "air.pm25_mean 2025: $pm25 | indicators - |" "same PM2.5 as air assess"
contains engine.txt "water.class_iii_share 2025: no_data | indicators n2019_08 |" "no water yet"
expect 0 "status with the engine figure" -- I status --year 2025 --format json --output "$DIR/s.json"
check "the row takes the engine figure" test "$(field "$DIR/s.json" "[x for x in d['indicators'] if x['id'] == 'n2019_07'][0]['value']")" = "$ratio"
check "marked as computed" test "$(field "$DIR/s.json" "[x for x in d['indicators'] if x['id'] == 'n2019_07'][0]['value_source']")" = engine
expect 0 "status text" -- I status --year 2025
contains out "inputs air engine (HJ 663)" "engine inputs shown"
contains out "engine figure air.pm25_mean 2025: $pm25 |" "the year's engine figures listed"
expect 0 "audit" -- "$ECOCIV" audit log
check "nothing stored by reading" sh -c "! grep -q indicators.value.set '$DIR/out'"
# The city: several cities need the profile's city.
printf 'station,name,city,lon,lat\nX1,Elsewhere,另一市,121.0,31.0\n' > "$DIR/x.csv"
expect 0 "a second city" -- "$ECOCIV" import stations "$DIR/x.csv"
expect 1 "status with two cities" -- I status --year 2025
contains err "the store holds air data of several cities (另一市, 张家港市); choose the indicators' city: ecociv indicators profile --city NAME" "the cities are named"
expect 0 "profile city" -- I profile --city 张家港市
contains out "air city 张家港市" "the city saved"
expect 0 "status with the city" -- I engine-figures --year 2025
contains out "air.good_day_ratio 2025: $ratio |" "the city's figure again"
expect 0 "water demo" -- "$ECOCIV" water demo-data --out "$DIR/w" --year 2025
expect 0 "sections" -- "$ECOCIV" import sections "$DIR/w/sections.csv"
expect 0 "water samples" -- "$ECOCIV" import water "$DIR/w/samples.csv"
expect 0 "engine figures with water" -- I engine-figures --year 2025 --format json --output "$DIR/e.json"
expect 2 "engine figures: bad format" -- I engine-figures --year 2025 --format xml
expect 0 "engine figures text" -- I engine-figures --year 2025
cp "$DIR/out" "$DIR/engine-water.txt"
"$ECOCIV" water assess --samples "$DIR/w/samples.csv" --sections "$DIR/w/sections.csv" \
  --from 2025-01-01 --to 2025-12-31 --output "$DIR/wassess.json" 2>/dev/null
share=$(field "$DIR/wassess.json" "d['city']['share_I_III_percent']")
contains engine-water.txt "water.class_iii_share 2025: $share | indicators n2019_08" "same share as water assess"
# The two demo intakes (CJ01, CJ02, class II targets) are the drinking-water sources.
contains wassess.json '"at_III_or_better": 2' "water assess counts the sources"
contains engine-water.txt "water.drinking_source_share 2025: 100.0 | indicators n2019_27" "drinking-water sources share"
contains engine-water.txt "drinking-water sources 2 of 2 at III or better" "sources in the trace"
expect 0 "verify with the sources flag" -- "$ECOCIV" db verify
expect 0 "engine figures without data" -- I engine-figures --year 2019
contains out "water.class_iii_share 2019: no_data |" "no data is said"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "indicators CLI: all checks passed"
