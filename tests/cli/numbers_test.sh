#!/usr/bin/env bash
# Whole numbers on the command line are parsed by one function: the whole text,
# a closed range, and an error naming the flag and the text (exit 2) instead
# of a silently truncated or wrapped value.
# Usage: numbers_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"

cat >"$WORK/air.csv" <<'CSV'
station,time,so2,no2,co,o3,pm10,pm25
A,2026-03-01T01:00,5,20,0.5,50,130,100
CSV

# refused <name> <message> <ecociv args...>: exit 2 and the message on stderr.
refused() {
  local name=$1 message=$2
  shift 2
  run "$@"
  check "$name: exit 2" test "$rc" -eq 2
  check "$name: says why" has "$err" "$message"
}

refused "--listen port 8080x" "--listen port: expected a whole number from 0 to 65535, got '8080x'" \
  serve --listen 127.0.0.1:8080x --db "$WORK/none.db"
refused "--listen port 70000" "from 0 to 65535, got '70000'" serve --listen 127.0.0.1:70000
refused "--threads 0" "--threads: expected a whole number from 1 to 256, got '0'" serve --threads 0
refused "--deliver-every 1e3" "--deliver-every (seconds): expected a whole number from 1 to 86400" \
  serve --webhook-url http://127.0.0.1:9/x --deliver-every 1e3
refused "demo --seed -1" "--seed: expected a whole number from 0 to" demo generate --out "$WORK/d" --seed -1
refused "water demo-data --year 20x5" "--year: expected a whole number from 2000 to 2100, got '20x5'" \
  water demo-data --out "$WORK/w" --year 20x5
refused "water demo-data --seed 1.5" "--seed: expected a whole number" \
  water demo-data --out "$WORK/w" --seed 1.5
refused "indicators --year 20x5" "--year: expected a whole number from 2000 to 2100, got '20x5'" \
  indicators status --year 20x5
refused "indicators --min-reference 101" "--min-reference (a percentage): expected a whole number from 0 to 100" \
  indicators status --year 2025 --min-reference 101
refused "scoring --runs 10x" "--runs: expected a whole number from 1 to 1000000, got '10x'" \
  scoring sensitivity --scheme town-1000 --year 2025 --values "$WORK/none.csv" --runs 10x
refused "scoring --year 20x5" "--year: expected a whole number from 1900 to 2200, got '20x5'" \
  scoring run --scheme town-1000 --year 20x5 --values "$WORK/none.csv"
refused "review --flag 3abc" "--flag (a flag id): expected a whole number" \
  review invalidate --flag 3abc --reason x
refused "review --batch 0" "--batch (an import batch id): expected a whole number from 1" \
  review screen --batch 0
refused "warn --id 1.5" "--id (a warning number): expected a whole number from 1" \
  warn ack --id 1.5
refused "warn --end huge" "--end (a quiet period number): expected a whole number" \
  warn quiet --end 99999999999999999999
refused "warn --backoff 1h" "--backoff (seconds): expected a whole number from 1 to 3600, got '1h'" \
  warn deliver --url http://127.0.0.1:9/x --backoff 1h
refused "air targets --year 20x5" "--year: expected a whole number from 1990 to 2100, got '20x5'" \
  air targets --input "$WORK/air.csv" --year 20x5 --as-of 2026-03-01
# A huge text is echoed cut, not whole.
long=$(printf '9%.0s' $(seq 1 500))
refused "long number echoed cut" "(500 bytes)" demo generate --out "$WORK/d" --seed "$long"

finish
