#!/usr/bin/env bash
# Command-line contract of `ecociv air`: headers, exit codes (0 success, 1 data
# problems reported, 2 bad usage or unreadable input) and file:line errors.
# Usage: air_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"

cat >"$WORK/good.csv" <<'CSV'
station,time,so2,no2,co,o3,pm10,pm25
A,2026-02-28T23:00,5,20,0.5,50,130,100
A,2026-03-01T01:00,5,20,0.5,50,130,100
CSV
cat >"$WORK/stations.csv" <<'CSV'
station,name,city,lon,lat
A,城北,张家港市,120.5,31.9
CSV

run
check "no arguments: exit 2" test "$rc" -eq 2
run air hourly
check "no input: exit 2" test "$rc" -eq 2
check "no input: says so" has "$err" "--input FILE... (or --db PATH) is required"
run air hourly --input "$WORK/good.csv" --bogus 1
check "unknown option: exit 2" test "$rc" -eq 2
check "unknown option: named" has "$err" "unknown option --bogus"

run air hourly --input "$WORK/good.csv"
check "hourly: exit 0" test "$rc" -eq 0
check "hourly: contract header" has "$out" \
  "station,time,aqi,level,category,primary_pollutants,iaqi_so2,iaqi_no2,iaqi_co,iaqi_o3,iaqi_pm10,iaqi_pm25"
# 2012 rules on 02-28 (PM2.5 100 → 132), 2026 rules on 03-01 (→ 137).
check "hourly: 2012 edition by date" has "$out" "A,2026-02-28T23:00,132,3,轻度污染,PM2.5"
check "hourly: 2026 edition by date" has "$out" "A,2026-03-01T01:00,137,3,轻度污染,PM2.5"
run air hourly --input "$WORK/good.csv" --standard hj633-2012
check "hourly: forced 2012" has "$out" "A,2026-03-01T01:00,132,"
run air hourly --input "$WORK/good.csv" --standard hj633-1999
check "unknown edition: exit 2" test "$rc" -eq 2
run air hourly --input "$WORK/good.csv" --format json
check "hourly json" has "$out" '"aqi": 132'

cp "$WORK/good.csv" "$WORK/bad.csv"
echo "A,2026-03-01T02:00,5,20,abc,50,130,100" >>"$WORK/bad.csv"
echo "A,2026-03-01T03:00,-4,20,0.5,50,130,100" >>"$WORK/bad.csv"
run air hourly --input "$WORK/bad.csv"
check "bad row: exit 1 (finished, problems reported)" test "$rc" -eq 1
check "bad row: file:line: reason" has "$err" "$WORK/bad.csv:4: bad number 'abc' in field co"
check "negative value tallied" has "$err" "negative (screened out) 1"
check "bad row: other rows still computed" has "$out" "A,2026-03-01T03:00,137"

printf 'a,b\n1,2\n' >"$WORK/header.csv"
run air hourly --input "$WORK/header.csv"
check "unknown header: exit 2" test "$rc" -eq 2
check "unknown header: file:1" has "$err" "$WORK/header.csv:1: unrecognised header"
run air hourly --input "$WORK/missing.csv"
check "missing file: exit 2" test "$rc" -eq 2
xz -k "$WORK/good.csv"
run air hourly --input "$WORK/good.csv.xz"
check ".xz input: exit 0" test "$rc" -eq 0
head -c 40 "$WORK/good.csv.xz" >"$WORK/cut.csv.xz"
run air hourly --input "$WORK/cut.csv.xz"
check "truncated .xz: exit 2" test "$rc" -eq 2
check "truncated .xz: named" has "$err" "cut.csv.xz: truncated or corrupt .xz data"
run air hourly --input "$WORK/good.csv" --standards "$WORK/nowhere"
check "bad --standards: exit 2" test "$rc" -eq 2
mkdir -p "$WORK/std"
printf '[edition]\nid = "x"\nkind = "aqi"\n[iaqi\n' >"$WORK/std/broken.toml"
run air hourly --input "$WORK/good.csv" --standards "$WORK/std"
check "broken standards file: exit 2" test "$rc" -eq 2
check "broken standards file: named with line" has "$err" "standards file broken.toml:4"

run air daily --input "$WORK/good.csv"
check "daily: contract header" has "$out" \
  "station,date,so2,no2,co,o3_1h_max,o3_8h_max,pm10,pm25,aqi,level,category,primary_pollutants,valid"
run air daily --input "$WORK/good.csv" --city 张家港市
check "daily --city without a station list: exit 2" test "$rc" -eq 2
check "daily --city without a station list: says why" has "$err" "no station belongs to city"
run air daily --input "$WORK/good.csv" --stations "$WORK/stations.csv" --city 张家港市
check "daily --city: exit 0" test "$rc" -eq 0

run air assess --input "$WORK/good.csv" --stations "$WORK/stations.csv" --from 2026-03-01 --to 2026-03-31
check "assess: exit 0" test "$rc" -eq 0
for key in '"days_valid"' '"good_days"' '"good_day_ratio"' '"mean"' '"percentile"' '"compliant"' \
           '"composite_index"' '"days_by_level"' '"cities"' '"stations"'; do
  check "assess json has $key" has "$out" "$key"
done
# Dust days (扣沙): named in the notes; a bad date is file:line.
printf 'date,city\n2026-03-01,张家港市\n' >"$WORK/dust.csv"
run air assess --input "$WORK/good.csv" --stations "$WORK/stations.csv" --from 2026-03-01 \
  --to 2026-03-31 --format text --dust-days "$WORK/dust.csv"
check "assess --dust-days: exit 0" test "$rc" -eq 0
check "assess --dust-days: noted" has "$out" "dust day(s) removed from PM10, PM2.5 and the composite index"
printf 'date,city\n2026-02-30,张家港市\n' >"$WORK/dust-bad.csv"
run air assess --input "$WORK/good.csv" --from 2026-03-01 --to 2026-03-31 --dust-days "$WORK/dust-bad.csv"
check "assess --dust-days bad date: exit 2" test "$rc" -eq 2
check "assess --dust-days bad date: file:line" has "$err" "dust-bad.csv:2: date:"
run air assess --input "$WORK/good.csv" --from 2026-03-31 --to 2026-03-01
check "assess: --to before --from: exit 2" test "$rc" -eq 2
run air assess --input "$WORK/good.csv" --from 2026-03-01
check "assess: missing --to: exit 2" test "$rc" -eq 2
run air assess --input "$WORK/good.csv" --from 2026-03-01 --to 2026-03-31 --class 3
check "assess: --class 3: exit 2" test "$rc" -eq 2

finish
