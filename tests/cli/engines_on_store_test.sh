#!/usr/bin/env bash
# The engines compute the same results from the store as from the files the
# store imported ("engines on the store"): air daily and assessment,
# water classification and assessment, byte for byte; and a value a reviewer
# invalidates drops out of the store's results.
# Usage: engines_on_store_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
cd "$WORK" || exit 2
DB=$(store_db e)  # SQLite, or PostgreSQL under tests/store/with_postgres.sh

quiet demo generate --out air
quiet water demo-data --out water --year 2025
check "db init" quiet db init --db "$DB"
check "import stations" quiet import stations --db "$DB" air/stations.csv
check "import air" quiet import air --db "$DB" air/synthetic_air_hourly.csv
check "import sections" quiet import sections --db "$DB" water/sections.csv
check "import water" quiet import water --db "$DB" water/samples.csv

FILES=(--input air/synthetic_air_hourly.csv --stations air/stations.csv)
"$ECOCIV" air daily "${FILES[@]}" --city 张家港市 >files_daily.csv 2>/dev/null
"$ECOCIV" air daily --db "$DB" --city 张家港市 >store_daily.csv 2>/dev/null
check "air daily: store = files" cmp -s files_daily.csv store_daily.csv
check "air daily: not empty" test "$(wc -l <store_daily.csv)" -gt 600
"$ECOCIV" air assess "${FILES[@]}" --city 张家港市 --from 2025-01-01 --to 2025-12-31 >files_assess.json 2>/dev/null
"$ECOCIV" air assess --db "$DB" --city 张家港市 --from 2025-01-01 --to 2025-12-31 >store_assess.json 2>/dev/null
check "air assess: store = files" cmp -s files_assess.json store_assess.json
"$ECOCIV" air hourly "${FILES[@]}" --station ZJG01 >files_hourly.csv 2>/dev/null
"$ECOCIV" air hourly --db "$DB" --station ZJG01 >store_hourly.csv 2>/dev/null
check "air hourly: store = files" cmp -s files_hourly.csv store_hourly.csv

WATER=(--samples water/samples.csv --sections water/sections.csv)
"$ECOCIV" water classify "${WATER[@]}" >files_classify.csv 2>/dev/null
"$ECOCIV" water classify --db "$DB" >store_classify.csv 2>/dev/null
check "water classify: store = files" cmp -s files_classify.csv store_classify.csv
"$ECOCIV" water assess "${WATER[@]}" --from 2025-01-01 --to 2025-12-31 >files_wassess.json 2>/dev/null
"$ECOCIV" water assess --db "$DB" --from 2025-01-01 --to 2025-12-31 >store_wassess.json 2>/dev/null
check "water assess: store = files" cmp -s files_wassess.json store_wassess.json
# The shares per level and category (text, CSV) and the allowance, from the
# store as from the files: categories and chiefs survive the store.
for f in text csv; do
  "$ECOCIV" water assess "${WATER[@]}" --from 2025-01-01 --to 2025-12-31 --format $f >files_groups.$f 2>/dev/null
  "$ECOCIV" water assess --db "$DB" --from 2025-01-01 --to 2025-12-31 --format $f >store_groups.$f 2>/dev/null
  check "water assess --format $f: store = files" cmp -s files_groups.$f store_groups.$f
done
check "water assess csv: a category row" grep -q "^2025-01-01,2025-12-31,category,通江支流," store_groups.csv
check "water assess text: by level" grep -q "国控 national" store_groups.text
check "water assess: --format xml refused" test "$("$ECOCIV" water assess "${WATER[@]}" --from 2025-01-01 --to 2025-12-31 --format xml >/dev/null 2>&1; echo $?)" -eq 2
"$ECOCIV" water allowance "${WATER[@]}" --year 2025 --as-of 2025-06-30 --format csv >files_allow.csv 2>/dev/null
"$ECOCIV" water allowance --db "$DB" --year 2025 --as-of 2025-06-30 --format csv >store_allow.csv 2>/dev/null
check "water allowance: store = files" cmp -s files_allow.csv store_allow.csv
check "water allowance: rows" grep -q "^2025,6,6,CJ01,.*,nh3n," store_allow.csv
check "water allowance: as-of outside the year refused" test "$("$ECOCIV" water allowance --db "$DB" --year 2025 --as-of 2024-06-30 >/dev/null 2>&1; echo $?)" -eq 2

# A reviewer invalidates a day of PM2.5 at every station: the city's daily
# PM2.5 for that day becomes NA from the store, and stays from the files.
for s in ZJG01 ZJG02 ZJG03 ZJG04 ZJG05; do
  quiet review invalidate --db "$DB" --station $s --from 2025-06-10T01:00 --to 2025-06-11T00:00 \
    --pollutant pm25 --reason "sampler fault (test)"
done
"$ECOCIV" air daily --db "$DB" --city 张家港市 >store_daily2.csv 2>/dev/null
check "invalidated day is NA from the store" grep -q "^张家港市,2025-06-10,.*,NA,[^,]*,[^,]*,[^,]*,[^,]*,[01]," store_daily2.csv
check "the day is still computed from the files" grep -qv "^张家港市,2025-06-10,.*,NA," files_daily.csv
check "both mixing: --input with --db refused" test "$("$ECOCIV" air daily --db "$DB" "${FILES[@]}" >/dev/null 2>&1; echo $?)" -eq 2

finish
