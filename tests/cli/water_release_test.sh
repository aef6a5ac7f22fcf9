#!/usr/bin/env bash
# Command-line contract of `ecociv water classify --period sample` and
# `ecociv water check-published`: outputs, the edition by date or by name,
# exit codes (0 success, 1 unexplained disagreements, 2 bad usage or input)
# and file:line errors.
# Usage: water_release_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"

cat >"$WORK/sections.csv" <<'CSV'
section,name,river,type,target_class,level
R1,甲,某河,river,II,national
L1,乙,某湖,lake,III,national
CSV
cat >"$WORK/samples.csv" <<'CSV'
section,time,pH,DO,CODMn,NH3-N,TP,TN
R1,2025-11-06 20:00,9.4,5.95,2.05,0.145,0.0202,3
L1,2025-11-06 20:00,8,8,3,,0.0255,1
R1,2026-02-04 10:00,9.4,5.95,2.05,0.145,0.0202,3
CSV

run water classify --period sample --samples "$WORK/samples.csv" --sections "$WORK/sections.csv"
check "sample: exit 0" test "$rc" -eq 0
check "sample: header" has "$out" \
  "section,time,edition,type,class,status,colour,target_class,compliant,no_class,main_pollutants,judged,missing,ph_value,ph_judged,ph_class"
# 2025: rounded half to even (pH 9.4 → 9, DO 5.95 → 6.0, CODMn 2.05 → 2.0, TP 0.0202 → 0.020).
check "sample: 2025 rules by date" has "$out" \
  "R1,2025-11-06 20:00,cnemc-auto-release-2025,river,II,优,blue,II,yes,,,ph;do;codmn;nh3n;tp,,9.4,9,I,5.95,6.0,II"
# 2026: unrounded (pH 9.4 is 劣V).
check "sample: 2026 rules by date" has "$out" \
  "R1,2026-02-04 10:00,cnemc-auto-release-2026,river,劣V,重度污染,red,II,no,,pH值"
check "sample: missing item, no class" has "$out" \
  "L1,2025-11-06 20:00,cnemc-auto-release-2025,lake,,,,III,,missing_item,,ph;do;codmn;nh3n;tp,nh3n"
run water classify --period sample --standard cnemc-auto-release-2025 \
  --samples "$WORK/samples.csv" --sections "$WORK/sections.csv" --format json
check "sample json: forced edition" has "$out" '"edition": "cnemc-auto-release-2025"'
check "sample json: judged value" has "$out" '"judged": 6.0'
check "sample json: no 2026 rows" test "$(grep -c cnemc-auto-release-2026 <<<"$out")" -eq 0
run water classify --period sample --standard cnemc-1999 \
  --samples "$WORK/samples.csv" --sections "$WORK/sections.csv"
check "unknown edition: exit 2" test "$rc" -eq 2
check "unknown edition: the known ones" has "$err" \
  "unknown real-time edition (known: auto, cnemc-auto-release-2025, cnemc-auto-release-2026)"
run water classify --standard cnemc-auto-release-2025 \
  --samples "$WORK/samples.csv" --sections "$WORK/sections.csv"
check "--standard without --period sample: exit 2" test "$rc" -eq 2
check "--standard without --period sample: said" has "$err" "--standard applies to --period sample"
# The monthly classification is unchanged by the times of day.
run water classify --samples "$WORK/samples.csv" --sections "$WORK/sections.csv"
check "month: exit 0" test "$rc" -eq 0
check "month: rows per month" has "$out" "R1,2025-11,"
printf 'section,time,pH\nR1,2025-11-06 24:00,7\n' >"$WORK/badtime.csv"
run water classify --period sample --samples "$WORK/badtime.csv" --sections "$WORK/sections.csv"
check "bad time: exit 2" test "$rc" -eq 2
check "bad time: file:line" has "$err" "$WORK/badtime.csv:2: bad time '2025-11-06 24:00'"

H="snapshot,province,river,section,monitor_time,class,ph,ph_raw,do,do_raw,codmn,codmn_raw,nh3n,nh3n_raw,tp,tp_raw,status"
cat >"$WORK/release.csv" <<CSV
$H
1,甲省,某河,A,2025-11-06 20:00,Ⅰ,8,8.073,9.0,9.0,2.0,2.001,0.02,0.025,0.020,0.0202,正常
1,甲省,某湖,B,2025-11-06 20:00,Ⅲ,8,8,9,9,1,1,0.1,0.1,0.030,0.03,正常
1,甲省,某河,C,2025-11-06 20:00,,8,8,9,9,1,1,--,--,0.01,0.01,维护
CSV
run water check-published --input "$WORK/release.csv"
check "check: exit 0" test "$rc" -eq 0
check "check: agreement" has "$out" "cnemc-auto-release-2025 raw 2 2 (100.000 %) 1 1"
check "check: no disagreement" has "$out" "disagreements: 0 (unexplained: 0)"
run water check-published --input "$WORK/release.csv" --standard cnemc-auto-release-2026
check "check 2026 rules: exit 0 (every disagreement explained)" test "$rc" -eq 0
check "check 2026 rules: rounding named" has "$out" "  rounding: 1"
check "check 2026 rules: missing item named" has "$out" "  missing item: 1"
printf 'section,type\nB,river\n' >"$WORK/types.csv"
run water check-published --input "$WORK/release.csv" --sections "$WORK/types.csv"
check "check with types: lake type named" has "$out" "  lake type: 1"
check "check with types: counted" has "$out" "section types: 1 from the sections file, 2 guessed"
echo "1,甲省,某河,H,2025-11-06 20:00,Ⅴ,8,8,9,9,1,1,0.1,0.1,0.01,0.01,正常" >>"$WORK/release.csv"
run water check-published --input "$WORK/release.csv"
check "unexplained: exit 1" test "$rc" -eq 1
check "unexplained: example with file:line" has "$out" \
  "e.g. 甲省 H 2025-11-06 20:00 ($WORK/release.csv:5, river, 正常): published V, computed I"
echo "1,甲省,某河,X,2025-11-06 20:00,Ⅵ,8,8,9,9,1,1,0.1,0.1,0.01,0.01,正常" >>"$WORK/release.csv"
run water check-published --input "$WORK/release.csv"
check "bad class: exit 2" test "$rc" -eq 2
check "bad class: file:line" has "$err" "$WORK/release.csv:6: class 'Ⅵ' is not Ⅰ..Ⅴ, 劣Ⅴ or --"
run water check-published --input "$WORK/release.csv" --values rounded
check "bad --values: exit 2" test "$rc" -eq 2
run water check-published
check "no input: exit 2" test "$rc" -eq 2
check "no input: says so" has "$err" "--input F is required"

# The shared real release, when present: every November 2025 class from the
# unrounded values, the February 2026 crawl's 7 residuals hidden by the display.
REAL="$(dirname "$0")/../../../shared/data/real/cnemc-surface-water"
if [ -f "$REAL/cnemc_water_snapshots_2025-11_2026-02.csv.xz" ]; then
  run water check-published --input "$REAL/cnemc_water_snapshots_2025-11_2026-02.csv.xz" \
    "$REAL/cnemc_water_page_2026-02-04.csv.xz"
  check "real release: exit 0" test "$rc" -eq 0
  check "real release: November" has "$out" "cnemc-auto-release-2025 raw 9399 9399 (100.000 %)"
  check "real release: residuals" has "$out" "  hidden by the display: 7"
else
  echo "real release not found at $REAL (skipped)"
fi
finish
