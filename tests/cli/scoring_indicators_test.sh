#!/usr/bin/env bash
# `ecociv scoring run --db`: items that name an indicator take their values
# from the year's demonstration-zone indicators in the store; everything else
# still comes from --values.
# Usage: scoring_indicators_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
cd "$WORK" || exit 2
DB=$(store_db i)  # SQLite, or PostgreSQL under tests/store/with_postgres.sh
"$ECOCIV" db init --db "$DB" >/dev/null 2>&1
"$ECOCIV" indicators demo-data --db "$DB" >/dev/null 2>&1
"$ECOCIV" scoring demo-data --out sc >/dev/null 2>&1
RUN=(scoring run --scheme dept-100 --year 2025 --subjects sc/dept-100-subjects.csv
     --values sc/dept-100-values.csv)
"$ECOCIV" "${RUN[@]}" --db "$DB" --format json >db.json 2>err.txt
rc=$?
check "run --db: finished (0 or 1)" test "$rc" -le 1
# The owned-indicator share of 生态环境局 (D11) comes from the indicators, not the CSV.
check "value from the indicators" grep -q '"origin": "indicators: ' db.json
"$ECOCIV" "${RUN[@]}" --format json >csv.json 2>/dev/null
check "without --db the CSV value is used" sh -c '! grep -q "\"origin\": \"indicators: " csv.json'
"$ECOCIV" scoring run --scheme dept-100 --year 2025 --db "$DB" >/dev/null 2>err2.txt
check "--db without --subjects: exit 2" test $? -eq 2
check "--db without --subjects: says so" grep -q "needs --subjects" err2.txt
"$ECOCIV" scoring replay --log db.json >/dev/null 2>&1
check "a --db run replays from its record" test $? -eq 0
finish
