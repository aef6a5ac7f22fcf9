#!/usr/bin/env bash
# Input that exact arithmetic cannot hold is refused with a clear error, never
# a crash, a hang or a wrapped number: values beyond 10^13 and huge exponents
# when read, and results beyond 128 bits (a derived indicator's formula, a
# city averaged over too many different station counts) when computed.
# Usage: overflow_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"

# Air files: a huge value or exponent is a bad number on its line.
cat >"$WORK/air.csv" <<'CSV'
station,time,so2,no2,co,o3,pm10,pm25
A,2026-03-01T01:00,5,20,0.5,50,130,100
A,2026-03-01T02:00,5,20,0.5,50,130,99999999999999999999
A,2026-03-01T03:00,5,20,0.5,50,130,1e-2147483649
A,2026-03-01T04:00,5,20,0.5,50,130,0e99999999999
CSV
expect 1 "air: huge values are row errors" -- timeout 20 "$ECOCIV" air hourly --input "$WORK/air.csv"
contains err "air.csv:3: bad number '99999999999999999999' in field pm25" "air: huge value named"
contains err "air.csv:4: bad number '1e-2147483649' in field pm25" "air: huge exponent named"
contains err "air.csv:5: bad number '0e99999999999' in field pm25" "air: huge exponent of zero named"
contains out "A,2026-03-01T01:00," "air: the good row is computed"

# Water samples: a value beyond 10^13 is refused with file:line.
cat >"$WORK/sections.csv" <<'CSV'
section,name,river,type,target_class,level
S1,断面一,河一,river,III,national
CSV
cat >"$WORK/samples.csv" <<'CSV'
section,time,item,value
S1,2025-01-05,nh3n,0.5
S1,2025-01-06,nh3n,12345678901234567
CSV
expect 2 "water: huge value refused" -- "$ECOCIV" water assess --samples "$WORK/samples.csv" \
  --sections "$WORK/sections.csv" --from 2025-01-01 --to 2025-01-31
contains err "samples.csv:3" "water: huge value named with its line"

# A derived indicator whose formula outgrows exact arithmetic: an error on
# that indicator (exit 1), the rest of the table still printed.
export ECOCIV_DB="$WORK/ind.db"
expect 0 "db init" -- "$ECOCIV" db init
cat >"$WORK/cat.csv" <<'CSV'
id,domain,name_zh,name_en,unit,target_city,target_county,direction,binding,applies,source,responsible,evidence,notes
x,d,甲,X,-,,,input,input,,reported,U1,confirmed,
p,d,积,P,-,1,1,>=,reference,,derived: x * x * x,U1,confirmed,
CSV
expect 0 "catalogue" -- "$ECOCIV" indicators import-catalogue "$WORK/cat.csv"
expect 2 "indicator value beyond 10^13 refused" -- "$ECOCIV" indicators set-value --year 2025 \
  --id x --value 12345678901234 --source engine
expect 0 "largest indicator value" -- "$ECOCIV" indicators set-value --year 2025 --id x \
  --value 9999999999999 --source engine
expect 1 "formula overflow: exit 1, no crash" -- "$ECOCIV" indicators status --year 2025
contains err "formula x * x * x: a value is too large to compute exactly" "formula overflow named"

# A city averaged over many different numbers of reporting stations: the
# exact denominator would pass 10^18, so the city is refused, not wrapped.
{
  echo "station,name,city,lon,lat"
  for s in $(seq 1 60); do echo "S$s,站$s,大市,120.$s,31.$s"; done
} >"$WORK/stations.csv"
{
  echo "station,time,so2,no2,co,o3,pm10,pm25"
  for h in $(seq 1 23); do
    n=$((60 - h))
    for s in $(seq 1 "$n"); do
      printf 'S%d,2026-03-01T%02d:00,5,20,0.5,50,60,%d\n' "$s" "$h" "$((30 + s))"
    done
  done
} >"$WORK/city.csv"
expect 2 "city with too many station counts: exit 2" -- "$ECOCIV" air daily \
  --input "$WORK/city.csv" --stations "$WORK/stations.csv" --city 大市
contains err "city '大市'" "city overflow named"
expect 0 "its stations still computed" -- "$ECOCIV" air daily --input "$WORK/city.csv" \
  --stations "$WORK/stations.csv" --station S1

finish
