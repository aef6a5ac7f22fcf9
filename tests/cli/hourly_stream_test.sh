#!/usr/bin/env bash
# `air hourly` and `air daily` as CSV and `air assess` over files are computed by streaming
# (files read in blocks, rows kept per station, docs/performance.md). Their
# bytes must be those
# of the whole-dataset path (ECOCIV_AIR_IN_MEMORY=1) and, on the real April
# 2026 national release when it is beside the repository, those the build
# before streaming wrote (its SHA-256 below), in at most 100 MB of memory.
# ECOCIV_PREVIOUS_BIN=path/to/an/older/ecociv also compares with that build.
source "$(dirname "$0")/lib.sh" "$1"
APRIL_SHA256=82e95e0242b30bea6f736803c54000c42dcdde95ec920a6ed60afe5ac912b0e5

same_both_ways() {  # name, hourly|daily, then the command's arguments
  local name=$1 table=$2
  shift 2
  "$ECOCIV" air "$table" "$@" --output "$WORK/stream.csv" 2>"$WORK/stream.err"
  local rc_stream=$?
  ECOCIV_AIR_IN_MEMORY=1 "$ECOCIV" air "$table" "$@" --output "$WORK/memory.csv" 2>"$WORK/memory.err"
  local rc_memory=$?
  check "$name: same exit code" test "$rc_stream" -eq "$rc_memory"
  check "$name: same bytes" cmp -s "$WORK/stream.csv" "$WORK/memory.csv"
  check "$name: same messages" cmp -s "$WORK/stream.err" "$WORK/memory.err"
}

# Out of time order, duplicates (identical and not), a quoted field with a
# newline, a bad row, "/" values, across two files, one of them gzip.
cat > "$WORK/a.csv" <<'CSV'
timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h
2026-03-01T0300,1001A,116.1,39.9,北京市,万寿西宫,"细颗粒物(PM2.5),
颗粒物(PM10)",80,90,NA,60,NA,30,30,NA,NA,40,NA,5,NA,0.6,NA
2026-03-01T0100,1001A,116.1,39.9,北京市,万寿西宫,,40,50,NA,30,NA,30,30,NA,NA,40,NA,5,NA,0.6,NA
2026-03-01T0100,2001A,121.4,31.2,上海市,普陀,,40,50,NA,30,NA,30,30,NA,NA,40,NA,/,NA,0.6,NA
2026-03-01T0200,2001A,121.4,31.2,上海市,普陀,,40,50,NA,zz,NA,30,30,NA,NA,40,NA,5,NA,0.6,NA
CSV
cat > "$WORK/b.csv" <<'CSV'
timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h
2026-03-01T0100,1001A,116.1,39.9,北京市,万寿西宫,,40,50,NA,30,NA,30,30,NA,NA,40,NA,5,NA,0.6,NA
2026-03-01T0100,2001A,121.4,31.2,上海市,普陀,,40,51,NA,30,NA,30,30,NA,NA,40,NA,/,NA,0.6,NA
2026-03-02T0100,1001A,116.1,39.9,北京市,万寿西宫,,140,250,NA,130,NA,230,30,NA,NA,240,NA,805,NA,3.6,NA
CSV
gzip -c "$WORK/b.csv" > "$WORK/b.csv.gz"
for table in daily hourly; do
  same_both_ways "$table synthetic" $table --input "$WORK/a.csv" "$WORK/b.csv.gz"
  same_both_ways "$table one station" $table --input "$WORK/a.csv" "$WORK/b.csv" --station 2001A
  same_both_ways "$table unknown station" $table --input "$WORK/a.csv" --station NOPE
  same_both_ways "$table forced edition" $table --input "$WORK/a.csv" --standard hj633-2012
done
check "synthetic: stations in order of first row" \
  test "$(cut -d, -f1 "$WORK/stream.csv" | uniq | tr '\n' ' ')" = "station 1001A 2001A "

# `air assess` goes city by city over the same records: the same report as
# the whole dataset's, in both formats, for --city, with a background station
# (对照点, left out of its city), a station without a city, and with the city
# value taken as the mean of station daily values ([city] averaging = "daily").
cat > "$WORK/c.csv" <<'CSV'
timepoint,stationcode,longitude,latitude,area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h
2026-03-01T0100,1009A,116.1,39.9,北京市,定陵对照点,,20,20,NA,10,NA,30,30,NA,NA,10,NA,5,NA,0.3,NA
2026-03-01T0200,1002A,116.2,39.9,北京市,东四,,60,70,NA,50,NA,40,30,NA,NA,45,NA,7,NA,0.8,NA
2026-03-01T0200,3001A,100.1,30.9,,无城市站,,30,35,NA,20,NA,50,30,NA,NA,20,NA,3,NA,0.4,NA
2026-03-02T0100,1002A,116.2,39.9,北京市,东四,,60,70,NA,55,NA,40,30,NA,NA,45,NA,7,NA,0.8,NA
CSV
mkdir -p "$WORK/std"
cp "$(dirname "$0")/../../standards/"*.toml "$WORK/std/"
sed -i 's/^averaging = "hourly"/averaging = "daily"/' "$WORK/std/hj663-2013.toml"
period=(--from 2026-03-01 --to 2026-03-02)
for format in text json; do
  same_both_ways "assess $format" assess --input "$WORK/a.csv" "$WORK/b.csv.gz" "$WORK/c.csv" \
    "${period[@]}" --format $format
  same_both_ways "assess $format, daily city means" assess --input "$WORK/a.csv" "$WORK/c.csv" \
    "${period[@]}" --format $format --standards "$WORK/std"
done
check "assess: a city and its stations reported" grep -q '"北京市"' "$WORK/stream.csv"
same_both_ways "assess one city" assess --input "$WORK/a.csv" "$WORK/c.csv" "${period[@]}" \
  --city 北京市
same_both_ways "assess unknown city" assess --input "$WORK/a.csv" "${period[@]}" --city 无此市
same_both_ways "assess bad period" assess --input "$WORK/a.csv" --from 2026-03-01
same_both_ways "assess a year back" assess --input "$WORK/a.csv" "$WORK/c.csv" \
  --from 2027-03-01 --to 2027-03-02 --format json

REAL="$(dirname "$0")/../../../shared/data/real/cnemc-national-hourly-2026/cnemc_2026-04.csv.xz"
if [ -f "$REAL" ]; then
  xz -dc "$REAL" > "$WORK/april.csv"
  # Under AddressSanitizer memory is the sanitizer's (shadow, quarantine): the
  # bound is checked on the plain build only.
  if [ -x /usr/bin/time ] && ! grep -q __asan_report_load8 "$ECOCIV"; then
    /usr/bin/time -f "%M" -o "$WORK/rss" "$ECOCIV" air hourly --input "$WORK/april.csv" \
      --output "$WORK/april_out.csv" 2>/dev/null
    rss_mb=$(($(tail -1 "$WORK/rss") / 1024))
    # The program's own footprint (its shared libraries: GDAL, GEOS, libpq …
    # take about 30 MB resident before any input is read) is measured apart;
    # the bound is on what the input adds.
    /usr/bin/time -f "%M" -o "$WORK/rss0" "$ECOCIV" --help >/dev/null 2>&1 || true
    idle_mb=$(($(tail -1 "$WORK/rss0") / 1024))
    echo "April national release: peak RSS $rss_mb MB (the program alone: $idle_mb MB)"
    check "April: the input adds at most 100 MB" test $((rss_mb - idle_mb)) -le 100
  else
    "$ECOCIV" air hourly --input "$WORK/april.csv" --output "$WORK/april_out.csv" 2>/dev/null
  fi
  check "April: output as before streaming (SHA-256)" \
    test "$(sha256sum < "$WORK/april_out.csv" | cut -d' ' -f1)" = "$APRIL_SHA256"
  same_both_ways "April daily" daily --input "$WORK/april.csv"
  same_both_ways "April assess" assess --input "$WORK/april.csv" --from 2026-04-01 \
    --to 2026-04-30 --format json
  if [ -n "${ECOCIV_PREVIOUS_BIN:-}" ]; then
    "$ECOCIV_PREVIOUS_BIN" air hourly --input "$WORK/april.csv" --output "$WORK/april_prev.csv" \
      2>/dev/null
    check "April: same bytes as $ECOCIV_PREVIOUS_BIN" cmp -s "$WORK/april_out.csv" "$WORK/april_prev.csv"
  fi
else
  echo "real April 2026 national release not found at $REAL (skipped: only the synthetic cases ran)"
fi
finish
