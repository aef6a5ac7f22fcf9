#!/usr/bin/env bash
# Province-scale load test (docs/performance.md, "Province load"): a SYNTHETIC
# province (1 province, 13 cities, 95 counties; GB/T 2260-shaped codes 99xxxx,
# names marked 合成), 20 stations per county, one year of hourly data from
# `ecociv demo generate --stations`, imported with `ecociv import air` (COPY on
# PostgreSQL); a province analyst and a county analyst; three `ecociv serve`
# on the same store behind haproxy (Debian); then wrk on (a) the overview as
# the county user and (b) the ranking of the counties for a month as the
# province analyst. Prints requests/s, p50, p99 and errors per route; exits 1
# on any non-2xx answer or socket error.
#
#   bench/province.sh path/to/ecociv [--scale full|small] [--backend postgres|sqlite|both]
#
# --scale small: 1 city × 3 counties × 2 stations, one month, wrk 3 s with 50
# connections (the CTest slice bench.province_small). PostgreSQL comes from
# tests/store/with_postgres.sh. BENCH_LOCK=/tmp/bench.lock wraps each wrk run
# in flock. Generated data stay in a temporary folder, removed at the end.
set -euo pipefail

usage() { echo "usage: $0 path/to/ecociv [--scale full|small] [--backend postgres|sqlite|both]" >&2; exit 2; }
[ $# -ge 1 ] || usage
ECOCIV=$(realpath "$1")
shift
SCALE=full BACKEND=both WORK="" INNER=""
while [ $# -gt 0 ]; do
  case $1 in
    --scale) SCALE=$2; shift 2 ;;
    --backend) BACKEND=$2; shift 2 ;;
    --inner-postgres) INNER=1 WORK=$2; shift 2 ;;  # run under with_postgres.sh (internal)
    *) usage ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF="$ROOT/bench/province.sh"
case $SCALE in
  full) CITIES=13 COUNTIES=95 PER=20 FROM=2025-01-01 TO=2025-12-31 MONTH=2025-07 DURATION=30s
    CONNECTIONS=${CONNECTIONS:-200} ;;
  # A check that every answer is right under concurrency, run beside other tests:
  # fewer connections than the measurement.
  small) CITIES=1 COUNTIES=3 PER=2 FROM=2025-01-01 TO=2025-01-31 MONTH=2025-01 DURATION=3s
    CONNECTIONS=${CONNECTIONS:-50} ;;
  *) usage ;;
esac
case $BACKEND in postgres | sqlite | both) ;; *) usage ;; esac
export ECOCIV_USER=bench-setup
PROVINCE=990000 COUNTY=990101  # the county user's county: the first city's first county

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
load() { uptime | sed 's/.*load average: //'; }

# The province's regions, stations (region column) and hourly data, once per run.
generate() {
  local dir=$1
  {
    echo "code,name,level,name_en,parent"
    echo "$PROVINCE,合成省,province,Synthetic Province,000000"
  } >"$dir/regions.csv"
  echo "station,name,city,lon,lat,background,region" >"$dir/stations.csv"
  local c k s n=0 city county
  for ((c = 1; c <= CITIES; c++)); do
    city=$(printf '99%02d00' "$c")
    echo "$city,合成${c}市,city,Synthetic City $c,$PROVINCE" >>"$dir/regions.csv"
    # 95 counties over 13 cities: the first ones get one more.
    local here=$((COUNTIES / CITIES + (c <= COUNTIES % CITIES ? 1 : 0)))
    for ((k = 1; k <= here; k++)); do
      county=$(printf '99%02d%02d' "$c" "$k")
      echo "$county,合成${c}市${k}县,county,Synthetic County $c-$k,$city" >>"$dir/regions.csv"
      for ((s = 1; s <= PER; s++)); do
        # The last station of a county is its background station (对照点).
        local lon=$((116000 + c * 300 + s * 10)) lat=$((34000 + k * 200 + s * 5))
        printf 'P%s%02d,合成站%s-%02d,合成%d市,%d.%03d,%d.%03d,%d,%s\n' "$county" "$s" "$county" \
          "$s" "$c" $((lon / 1000)) $((lon % 1000)) $((lat / 1000)) $((lat % 1000)) \
          "$((s == PER && PER > 1 ? 1 : 0))" "$county" >>"$dir/stations.csv"
        n=$((n + 1))
      done
    done
  done
  local t0
  t0=$(now)
  "$ECOCIV" demo generate --out "$dir" --stations "$dir/stations.csv" --from "$FROM" --to "$TO" >/dev/null
  echo "data: $((CITIES)) cities, $COUNTIES counties, $n stations, $FROM to $TO," \
    "$(($(wc -l <"$dir/synthetic_air_hourly.csv") - 1)) station-hours," \
    "$(du -m "$dir/synthetic_air_hourly.csv" | cut -f1) MB CSV, generated in $(since "$t0") s"
}

# Logs NAME in through URL with PASSWORD; prints the session cookie.
login() {
  curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d "{\"name\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/session" |
    grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//'
}

# CPU seconds (user + system) of the processes PIDS and of their children's
# threads so far (/proc, clock ticks): what a run cost, whatever the load.
cpu_of() {
  local p t=0
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    t=$((t + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$t"
}
# The PostgreSQL server's processes (its postmaster and backends) of DB ("": none).
pg_pids() {
  local dir
  dir=$(echo "$1" | sed -n 's/.*host=\([^&]*\).*/\1/p')
  [ -n "$dir" ] && [ -r "$dir/data/postmaster.pid" ] || return 0
  local main
  main=$(head -1 "$dir/data/postmaster.pid")
  echo "$main" $(pgrep -P "$main")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PIDS=()
stop_all() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}

# The whole run on one store: import, users, three servers, haproxy, wrk.
run_backend() {
  local label=$1 db=$2 dir=$3 failed=0
  local out="$dir/$label"
  mkdir -p "$out"
  echo "==== $label ===="
  "$ECOCIV" db init --db "$db" >/dev/null
  "$ECOCIV" region import "$dir/regions.csv" --db "$db" >/dev/null
  "$ECOCIV" import stations "$dir/stations.csv" --db "$db" --why bench >/dev/null
  local t0
  t0=$(now)
  # The data are synthetic: screening is left out (its cost: docs/store.md).
  /usr/bin/time -f "%e %U %M" -o "$out/import.time" "$ECOCIV" import air \
    "$dir/synthetic_air_hourly.csv" --db "$db" --skip-bad-rows --no-screen --why bench \
    >"$out/import.log" 2>&1 || { cat "$out/import.log" >&2; return 1; }
  read -r wall user rss <"$out/import.time"
  echo "import: ${wall} s wall, ${user} s ecociv CPU, $((rss / 1024)) MB peak (load $(load))"
  if [ "$label" = sqlite ]; then
    echo "store: $(du -m "$db" | cut -f1) MB"
  else
    # After a bulk load, as an operator would: without it autovacuum's VACUUM
    # and ANALYZE of the new rows run during the measurement (they took a
    # third of the machine in the first full-scale run).
    t0=$(now)
    psql -q "$db" -c "VACUUM (ANALYZE) air_hourly" -c "ANALYZE"
    echo "VACUUM ANALYZE after the import: $(since "$t0") s"
    echo "store: $(psql "$db" -Atc 'SELECT pg_database_size(current_database()) / 1048576') MB"
  fi
  : >"$out/users.tsv"
  "$ECOCIV" user add --name province --role analyst --random-password --db "$db" >>"$out/users.tsv"
  "$ECOCIV" region user --name province --region "$PROVINCE" --db "$db" >/dev/null
  "$ECOCIV" user add --name county --role analyst --random-password --db "$db" >>"$out/users.tsv"
  "$ECOCIV" region user --name county --region "$COUNTY" --db "$db" >/dev/null

  local urls=() i
  for i in 1 2 3; do
    "$ECOCIV" serve --db "$db" --listen 127.0.0.1:0 --threads "${THREADS:-16}" \
      --max-connections-per-address 1000 >"$out/serve$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in 1 2 3; do
    for _ in $(seq 100); do grep -q "http://" "$out/serve$i.log" && break; sleep 0.1; done
    urls+=("$(grep -o 'http://127.0.0.1:[0-9]*' "$out/serve$i.log")")
  done
  local port
  port=$(free_port)
  cat >"$out/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend province
  bind 127.0.0.1:$port
  default_backend ecociv
backend ecociv
  balance roundrobin
  server s1 ${urls[0]#http://}
  server s2 ${urls[1]#http://}
  server s3 ${urls[2]#http://}
EOF
  haproxy -f "$out/haproxy.cfg" -db >"$out/haproxy.log" 2>&1 &
  PIDS+=($!)
  local lb="http://127.0.0.1:$port"
  for _ in $(seq 50); do curl -s -o /dev/null "$lb/api/v1/session" && break; sleep 0.1; done

  local pw_p pw_c cookie_p cookie_c
  pw_p=$(awk -F'\t' '$1 == "province" {print $3}' "$out/users.tsv")
  pw_c=$(awk -F'\t' '$1 == "county" {print $3}' "$out/users.tsv")
  cookie_p=$(login "$lb" province "$pw_p")
  cookie_c=$(login "$lb" county "$pw_c")
  local overview="/api/v1/overview" ranking="/api/v1/regions/ranking?level=county&month=$MONTH"
  # Warm each server in turn (its first request computes; a session made
  # through one server is valid on all of them).
  for i in 0 1 2; do
    t0=$(now)
    curl -sf -o "$out/overview.json" -H "Cookie: $cookie_c" "${urls[$i]}$overview" || failed=1
    local t_over
    t_over=$(since "$t0")
    t0=$(now)
    curl -sf -o "$out/ranking.json" -H "Cookie: $cookie_p" "${urls[$i]}$ranking" || failed=1
    echo "server $((i + 1)) first requests: overview ${t_over} s, ranking $(since "$t0") s (load $(load))"
  done
  [ $failed -eq 0 ] || { echo "FAIL: a warming request failed" >&2; stop_all; return 1; }
  echo "answers: county overview $(jq '.stations | length' "$out/overview.json") stations;" \
    "ranking $(jq '[.rows[] | select(.rank_composite != null)] | length' "$out/ranking.json")" \
    "of $(jq '.rows | length' "$out/ranking.json") counties ranked"

  local name path cookie lock=()
  [ -n "${BENCH_LOCK:-}" ] && lock=(flock "$BENCH_LOCK")
  for name in overview ranking; do
    if [ $name = overview ]; then path=$overview cookie=$cookie_c; else path=$ranking cookie=$cookie_p; fi
    local before after servers_cpu pg_cpu lb_cpu pg
    pg=$(pg_pids "$db")
    servers_cpu=$(cpu_of "${PIDS[@]:0:3}") lb_cpu=$(cpu_of "${PIDS[3]}")
    # shellcheck disable=SC2086
    pg_cpu=$(cpu_of $pg)
    # Connections opened during the run (a server's pool opens one when none is idle).
    local sessions0="" sessions1=""
    [ "$label" = postgres ] && sessions0=$(psql "$db" -Atc "$SESSIONS_SQL")
    before=$(load)
    "${lock[@]}" /usr/bin/time -f "%U %S" -o "$out/wrk-$name.cpu" \
      wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $cookie" "$lb$path" \
      >"$out/wrk-$name.txt" 2>&1 || failed=1
    after=$(load)
    [ "$label" = postgres ] && sessions1=$(psql "$db" -Atc "$SESSIONS_SQL")
    servers_cpu=$(($(cpu_of "${PIDS[@]:0:3}") - servers_cpu))
    lb_cpu=$(($(cpu_of "${PIDS[3]}") - lb_cpu))
    # Backends that started during the run count from zero.
    # shellcheck disable=SC2086
    pg_cpu=$(($(cpu_of $(pg_pids "$db")) - pg_cpu))
    local rps p50 p99 non2xx errors
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out/wrk-$name.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$out/wrk-$name.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$out/wrk-$name.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$out/wrk-$name.txt")
    errors=$(sed -n 's/.*Socket errors: //p' "$out/wrk-$name.txt")
    echo "RESULT $label $name: ${rps:-?} req/s, p50 ${p50:-?}, p99 ${p99:-?}," \
      "non-2xx ${non2xx:-0}, socket errors ${errors:-none} (load before $before; after $after)"
    [ -n "$sessions0" ] && echo "  PostgreSQL connections opened during the run: $((sessions1 - sessions0))"
    awk '/Latency Distribution/ {on = 1; next} on && NF == 2 {printf "  latency %s %s\n", $1, $2} /requests in/ {on = 0}' \
      "$out/wrk-$name.txt"
    # CPU per request (µs): the servers, PostgreSQL, haproxy, wrk (ticks are 1/100 s).
    local requests
    requests=$(awk '/requests in/ {print $1}' "$out/wrk-$name.txt")
    awk -v n="${requests:-0}" -v s="$servers_cpu" -v p="$pg_cpu" -v l="$lb_cpu" \
      -v w="$(awk '{print $1 + $2}' "$out/wrk-$name.cpu")" 'BEGIN { if (n == 0) exit
      printf "  CPU per request: servers %.0f us, PostgreSQL %.0f us, haproxy %.0f us, wrk %.0f us (%d requests)\n",
        s * 1e4 / n, p * 1e4 / n, l * 1e4 / n, w * 1e6 / n, n }'
    if [ -z "$rps" ] || [ -n "$non2xx" ] || [ -n "$errors" ]; then
      failed=1
      cat "$out/wrk-$name.txt" >&2
    fi
  done
  stop_all
  [ $failed -eq 0 ] || { echo "FAIL: $label: errors under load (files in $out)" >&2; return 1; }
}

SESSIONS_SQL="SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
if [ -n "$INNER" ]; then
  trap stop_all EXIT
  run_backend postgres "$ECOCIV_TEST_DB" "$WORK"
  exit
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ecociv-province.XXXXXX")
KEEP=${KEEP:-}
cleanup() { stop_all; [ -n "$KEEP" ] || rm -rf "$WORK"; }
trap cleanup EXIT
# The PostgreSQL server runs as nobody when this runs as root: it reads nothing here.
chmod 755 "$WORK"
echo "province load test, scale $SCALE, $(nproc) cores, load $(load)"
generate "$WORK"
status=0
if [ "$BACKEND" != sqlite ]; then
  "$ROOT/tests/store/with_postgres.sh" "$SELF" "$ECOCIV" --scale "$SCALE" --inner-postgres "$WORK" ||
    status=1
fi
if [ "$BACKEND" != postgres ]; then
  run_backend sqlite "$WORK/province.db" "$WORK" || status=1
fi
exit $status
