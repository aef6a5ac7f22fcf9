#!/usr/bin/env bash
# Command-line contract of `ecociv scoring`: exit codes (0 success, 1 data
# problems reported, 2 bad usage or unreadable input), file:line errors,
# formats, explain, replay of a run record, sensitivity determinism, demo data.
# Usage: scoring_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"

cat >"$WORK/s.toml" <<'TOML'
[scheme]
id = "cli"
name = "命令行测试"
subject_kind = "town"
total = 10

[[groups]]
id = "g"
name = "组"
points = 10
eco = true

[[items]]
id = "a"
group = "g"
name = "甲"
points = 6
rule = "linear"
floor = 0
target = 10

[[items]]
id = "b"
group = "g"
name = "乙"
points = 4
rule = "met"
target = 1
missing = "drop"

[[deductions]]
id = "d"
name = "扣分"
per_event = 1
cap = 2

[[vetoes]]
id = "v"
name = "否决"

[[grades]]
name = "合格"
min_score = 6

[[grades]]
name = "不合格"
TOML
cat >"$WORK/values.csv" <<'CSV'
subject,item,value,note
X,a,10,
X,b,1,
Y,a,5,
Y,b,0,
Z,a,10,
CSV
cat >"$WORK/subjects.csv" <<'CSV'
subject,name,kind
X,甲镇,town
Y,乙镇,town
Z,丙镇,town
D,某局,department
CSV
cat >"$WORK/events.csv" <<'CSV'
subject,item,date,count,note
Y,d,2025-03-01,3,
Z,v,2025-07-01,1,事件
CSV
COMMON=(--scheme "$WORK/s.toml" --year 2025 --values "$WORK/values.csv" --subjects "$WORK/subjects.csv" --events "$WORK/events.csv")

run scoring
check "no subcommand: exit 2" test "$rc" -eq 2
run scoring run --scheme town-1000
check "missing flags: exit 2" test "$rc" -eq 2
check "missing flags: says so" has "$err" "--scheme, --year and --values (or --db PATH) are required"
run scoring run "${COMMON[@]}" --bogus 1
check "unknown option: exit 2" test "$rc" -eq 2
run scoring run --scheme town-1000 --year 2025 --db "$WORK/x.db"
check "--db: exit 2" test "$rc" -eq 2
check "--db: says why" has "$err" "--db needs --subjects FILE"
run scoring run "${COMMON[@]}" --format csv
check "run csv: exit 1 (Z has no b: dropped)" test "$rc" -eq 1
check "run csv: missing reported" has "$err" "1 item value(s) missing"
check "run csv: header" has "$out" "rank,subject,name,total,grade,base,deductions,bonus,vetoes,g"
check "run csv: X first" has "$out" "1,X,甲镇,10.00,合格,10.00,0.00,0.00,,10.00"
check "run csv: Z re-weighted, vetoed, ranked after the others" has "$out" "3,Z,丙镇,10.00,不合格,10.00,0.00,0.00,v,10.00"
check "run csv: Y deduction capped" has "$out" "2,Y,乙镇,1.00,不合格,3.00,2.00,0.00,,3.00"
check "run csv: department not scored" test "$(grep -c '某局' <<<"$out")" -eq 0

run scoring run "${COMMON[@]}" --format json --output "$WORK/run.json"
check "run json: exit 1" test "$rc" -eq 1
check "run json: record" grep -qF '"format": "ecociv-scoring-run"' "$WORK/run.json"
run scoring replay --log "$WORK/run.json"
check "replay: exit 0" test "$rc" -eq 0
check "replay: no differences" has "$out" "replay cli: 3 subjects, 0 differences"
sed 's/"text": "10"/"text": "10", "x": 1/; s/"value": "5.000000"/"value": "9.000000"/' "$WORK/run.json" >"$WORK/bad-run.json"
run scoring replay --log "$WORK/bad-run.json"
check "replay tampered: exit 1" test "$rc" -eq 1
check "replay tampered: names Y" has "$out" "DIFFERENT: Y: total"

run scoring explain --subject Y "${COMMON[@]}"
check "explain: exit 0" test "$rc" -eq 0
check "explain: input line" has "$out" "[input] Y a: a = 5  ["
check "explain: normalise" has "$out" "[normalise] Y a: linear: (5 − 0) / (10 − 0), clamped to 0..1 = 0.5 → 0.5 × 6 = 3.0000"
check "explain: deduction capped" has "$out" "capped at 2)"
run scoring explain --subject Y --log "$WORK/run.json"
check "explain from record: same text" test "$out" = "$("$ECOCIV" scoring explain --subject Y "${COMMON[@]}")"
run scoring explain --subject Q --log "$WORK/run.json"
check "explain unknown subject: exit 2" test "$rc" -eq 2

run scoring run "${COMMON[@]}" --format html --output "$WORK/r.html"
check "html written" grep -qF "成绩单 <span class=\"en\">Report card</span>" "$WORK/r.html"
check "html self-contained" test "$(grep -c 'http' "$WORK/r.html")" -eq 0
run scoring run "${COMMON[@]}" --format html --subject Y
check "html one card" test "$(grep -c 'class="card"' <<<"$out")" -eq 1
run scoring run "${COMMON[@]}" --format xlsx --output "$WORK/r.xlsx"
check "xlsx written" test -s "$WORK/r.xlsx"
if command -v python3 >/dev/null; then
  sheets=$(python3 -c 'import re,sys,zipfile
w = zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode()
print(" ".join(re.findall("<sheet name=\"([^\"]+)\"", w)))' "$WORK/r.xlsx")
  check "xlsx: ranking then one card per subject" test "$sheets" = "排名 Ranking 1-X 2-Y 3-Z"
fi
run scoring run "${COMMON[@]}" --format xlsx
check "xlsx needs --output" test "$rc" -eq 2

run scoring sensitivity "${COMMON[@]}" --runs 50 --seed 7
first=$out
run scoring sensitivity "${COMMON[@]}" --runs 50 --seed 7
check "sensitivity: same seed, same output" test "$out" = "$first"
check "sensitivity: header" has "$out" "subject,name,base_rank,best_rank,worst_rank,share_at_base_rank"

# Bad input: file:line, exit 2, nothing computed.
printf 'subject,item,value,note\nX,a,10,\nX,c,1,\n' >"$WORK/bad.csv"
run scoring run --scheme "$WORK/s.toml" --year 2025 --values "$WORK/bad.csv"
check "bad values: exit 2" test "$rc" -eq 2
check "bad values: file:line" has "$err" "$WORK/bad.csv:3: unknown item 'c' in scheme cli"
check "bad values: no output" test -z "$out"
printf 'subject,item,date,count,note\nY,d,2024-03-01,1,\n' >"$WORK/bad-events.csv"
run scoring run --scheme "$WORK/s.toml" --year 2025 --values "$WORK/values.csv" --events "$WORK/bad-events.csv"
check "bad events: file:line" has "$err" "bad-events.csv:2: event dated 2024-03-01 is outside the year 2025"
run scoring run --scheme no-such --year 2025 --values "$WORK/values.csv"
check "unknown scheme: exit 2" test "$rc" -eq 2
check "unknown scheme: lists" has "$err" "available: departure-audit dept-100 gdi-2016 town-1000"
sed 's/points = 4/points = 3/' "$WORK/s.toml" >"$WORK/bad.toml"
run scoring run --scheme "$WORK/bad.toml" --year 2025 --values "$WORK/values.csv"
check "bad scheme: exit 2" test "$rc" -eq 2
check "bad scheme: key and reason" has "$err" "bad.toml: groups.g.points: the items add up to 9.0000, not 10.0000"
mkdir "$WORK/schemes" && cp "$WORK/s.toml" "$WORK/schemes/town-1000.toml"
run scoring schemes --schemes "$WORK/schemes"
check "override: replaces built-in" has "$out" "命令行测试"

# The demo: every built-in scheme runs on its synthetic inputs.
run scoring demo-data --out "$WORK/demo" --year 2025
check "demo-data: exit 0" test "$rc" -eq 0
"$ECOCIV" scoring demo-data --out "$WORK/demo2" --year 2025 >/dev/null
check "demo-data: deterministic" diff -r "$WORK/demo" "$WORK/demo2"
check "demo-data: labelled SYNTHETIC" grep -q SYNTHETIC "$WORK/demo/town-1000-values.csv"
for s in town-1000 dept-100 departure-audit gdi-2016; do
  run scoring run --scheme "$s" --year 2025 --values "$WORK/demo/$s-values.csv" \
    --subjects "$WORK/demo/$s-subjects.csv" --events "$WORK/demo/$s-events.csv" --format csv
  check "demo $s: runs" test "$rc" -le 1
  check "demo $s: has rank 1" has "$out" $'\n1,'
  "$ECOCIV" scoring run --scheme "$s" --year 2025 --values "$WORK/demo/$s-values.csv" \
    --subjects "$WORK/demo/$s-subjects.csv" --events "$WORK/demo/$s-events.csv" \
    --output "$WORK/demo/$s.json" 2>/dev/null
  run scoring replay --log "$WORK/demo/$s.json"
  check "demo $s: replays" has "$out" " 0 differences"
done

echo "scoring CLI: $passed passed, $failures failed"
test "$failures" -eq 0
