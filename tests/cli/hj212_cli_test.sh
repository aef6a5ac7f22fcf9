#!/usr/bin/env bash
# The HJ 212 receiver from the command line: devices registered from a file,
# `ecociv ingest` receiving simulated loggers (good and bad packets), the
# station status, the change record and the verifiers, and the refusals.
#   hj212_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
export ECOCIV_DB="$(store_db e)"  # or PostgreSQL (store_db)
INGEST=""
stop_ingest() { [ -n "$INGEST" ] && kill "$INGEST" 2>/dev/null && wait "$INGEST" 2>/dev/null; }
trap 'stop_ingest; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

expect 0 "db init" -- "$ECOCIV" db init
expect 0 "sim212 --write-setup" -- "$ECOCIV" sim212 --stations 6 --write-setup "$WORK"
expect 0 "import the simulated stations" -- "$ECOCIV" import stations "$WORK/stations.csv"
expect 0 "register the devices from a file" -- "$ECOCIV" hj212 register --file "$WORK/devices.csv"
contains out "registered 6 devices" "all six registered"

# Refusals at registration, all or nothing.
expect 2 "unknown station" -- "$ECOCIV" hj212 register --mn X1 --station NOPE --password pw
contains err "unknown station 'NOPE' (import it first)" "the station is named"
expect 2 "a password the protocol cannot carry" -- \
  "$ECOCIV" hj212 register --mn X1 --station SIM00000 --password 'a;b'
printf 'mn,station,password\nY1,SIM00001,pw\n' >"$WORK/bad.csv"
expect 3 "a second logger for a station" -- bash -c "'$ECOCIV' hj212 register --file '$WORK/bad.csv'; exit \$((\$? + 1))"
contains err "already has device SIMMN00001" "the station's logger is named"
expect 0 "devices" -- "$ECOCIV" hj212 devices
contains out "SIMMN00003	station	SIM00003	modbus	start	yes" "the Modbus device is listed"

# The receiver, on a free port.
"$ECOCIV" ingest --listen 127.0.0.1:0 --frame-timeout 2 >"$WORK/ingest.log" 2>"$WORK/ingest.err" &
INGEST=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/ingest.log" && break; sleep 0.1; done
PORT=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$WORK/ingest.log" | grep -o '[0-9]*$')
check "ingest started" test -n "$PORT"
expect 2 "a second receiver on the same port" -- \
  timeout 20 "$ECOCIV" ingest --listen "127.0.0.1:$PORT"
contains err "127.0.0.1:$PORT is already in use" "the address is named"

expect 0 "six stations, ten hours, every packet answered" -- \
  "$ECOCIV" sim212 --stations 6 --from 2026-03-01T01:00 --to 2026-03-01T10:00 --rate 500 \
  --target "127.0.0.1:$PORT"
contains out "answered 60, unanswered 0" "60 answers"
# Bad CRCs and wrong passwords get no answer (exit 0: every good one answered).
expect 0 "bad packets are refused" -- \
  "$ECOCIV" sim212 --stations 6 --from 2026-03-01T11:00 --to 2026-03-01T20:00 --rate 500 \
  --bad-crc 0.2 --wrong-password 0.2 --reconnect-every 3 --slow 1 --slow-interval 5 \
  --target "127.0.0.1:$PORT"
bad=$(grep -o '([0-9]* bad on purpose)' "$WORK/out" | grep -o '[0-9]*')
check "some packets were bad on purpose" test "${bad:-0}" -gt 0
# A resend of the same hours changes nothing.
expect 0 "a resend" -- "$ECOCIV" sim212 --stations 6 --from 2026-03-01T01:00 \
  --to 2026-03-01T10:00 --rate 500 --target "127.0.0.1:$PORT"
# Garbage from a peer is refused and counted.
exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'hello\r\n' >&3 && exec 3<&-
# The receiver reads it on its own thread: wait for its log line before
# stopping it (a stop at once could come first; seen on a loaded machine).
for _ in $(seq 100); do grep -q "bytes before ## (not a frame)" "$WORK/ingest.err" && break; sleep 0.1; done

stop_ingest
INGEST=""
contains ingest.log "refused" "the receiver printed its totals"
check "refusals were logged with the peer and reason" \
  grep -q "refused from 127.0.0.1:[0-9]* (MN SIMMN[0-9]*): wrong password" "$WORK/ingest.err"
check "bad CRCs were logged" grep -q "bad CRC (the" "$WORK/ingest.err"
check "garbage was logged" grep -q "bytes before ## (not a frame)" "$WORK/ingest.err"

expect 0 "station status as JSON" -- "$ECOCIV" stations status --month 2026-03 \
  --as-of 2026-03-01T21:00:00 --format json
python3 - "$WORK/out" <<'PY' || { echo "FAIL: status JSON"; failures=$((failures + 1)); }
import json, sys
report = json.load(open(sys.argv[1]))
stations = report["stations"]
assert len(stations) == 6, len(stations)
s0 = stations[0]
assert s0["code"] == "SIM00000" and s0["mn"] == "SIMMN00000", s0
# 20 hours sent (01:00–20:00), minus the bad ones; day 1 only.
assert s0["days"][0]["date"] == "2026-03-01" and len(s0["days"]) == 1, s0["days"]
assert 10 <= s0["received"] <= 20 and s0["expected"] == 21, s0
assert report["rules"] == {"min_hours_per_day": 20, "min_days_per_month": 27}
PY
passed=$((passed + 1))
# Today's packets and refusals (today is the day the test runs).
expect 0 "station status today" -- "$ECOCIV" stations status --format json
python3 - "$WORK/out" <<'PY' || { echo "FAIL: today's counts"; failures=$((failures + 1)); }
import json, sys
stations = json.load(open(sys.argv[1]))["stations"]
assert all(s["online"] for s in stations), stations
assert sum(s["packets_today"] for s in stations) >= 120
assert sum(s["refused_today"] for s in stations) > 0
reasons = {r["reason"] for s in stations for r in s["refusals_today"]}
assert "wrong password" in reasons, reasons
PY
passed=$((passed + 1))
expect 0 "station status as text" -- "$ECOCIV" stations status --as-of 2026-03-01T21:00 --month 2026-03
contains out "capture of 2026-03" "the month is named"
contains out "SIM00005" "every station is listed"

# The receiver inside the web server's process.
"$ECOCIV" serve --listen 127.0.0.1:0 --threads 2 --hj212-listen 127.0.0.1:0 \
  >"$WORK/serve.log" 2>&1 &
SERVE=$!
for _ in $(seq 100); do grep -qs "HJ 212 receiver on" "$WORK/serve.log" && break; sleep 0.1; done
SPORT=$(grep -o 'HJ 212 receiver on 127.0.0.1:[0-9]*' "$WORK/serve.log" | grep -o '[0-9]*$')
check "serve started its receiver" test -n "$SPORT"
expect 0 "serve --hj212-listen receives" -- "$ECOCIV" sim212 --stations 5 \
  --from 2026-03-02T01:00 --to 2026-03-02T02:00 --rate 500 --target "127.0.0.1:$SPORT"
contains out "answered 10, unanswered 0" "the server's receiver answered"
# Live loggers (the demo's): an air logger's real-time, minute and hourly data, a water
# logger catching up on yesterday's 4-hourly packets, whose day becomes a daily value.
printf 'section,name,river,type,target_class,level\nLS1,活断面,一河,river,3,municipal\n' \
  >"$WORK/live-sections.csv"
expect 0 "a section for a water logger" -- "$ECOCIV" import sections "$WORK/live-sections.csv"
expect 0 "its water logger" -- "$ECOCIV" hj212 register --mn LIVEW1 --section LS1 --password pw1
expect 2 "sim212 --live needs loggers" -- "$ECOCIV" sim212 --live --target "127.0.0.1:$SPORT"
expect 0 "sim212 --live" -- "$ECOCIV" sim212 --live --air SIMMN00000:pw00000 --water LIVEW1:pw1 \
  --target "127.0.0.1:$SPORT" --interval 1 --duration 2
contains out "sent " "the live loggers sent packets"
for _ in $(seq 100); do
  [ "$(store_sql "$ECOCIV_DB" "SELECT count(*) FROM water_samples w JOIN sections s ON s.id = \
    w.section_id WHERE s.code = 'LS1'")" -gt 0 ] && break
  sleep 0.1
done
check "yesterday's hourly water packets made a daily value" test "$(store_sql "$ECOCIV_DB" \
  "SELECT count(DISTINCT w.day) FROM water_samples w JOIN sections s ON s.id = w.section_id \
   WHERE s.code = 'LS1'")" -ge 1
expect 0 "the live air station is online" -- "$ECOCIV" stations status --station SIM00000 \
  --format json
contains out '"online":true' "SIM00000 is online"
kill "$SERVE"
wait "$SERVE"
check "serve stopped cleanly" test $? -eq 0

expect 0 "db verify" -- "$ECOCIV" db verify
expect 0 "hj212 verify" -- "$ECOCIV" hj212 verify
contains out "devices: 0 problems" "the device table matches the change record"
expect 0 "audit log" -- "$ECOCIV" audit log
contains out "hj212.register" "registrations are in the change record"
contains out "import.air" "received hours are imports in the change record"
expect 0 "deactivate" -- "$ECOCIV" hj212 deactivate --mn SIMMN00005 --why "replaced"
store_sql "$ECOCIV_DB" "UPDATE hj212_devices SET code = 'SIM00004' WHERE mn = 'SIMMN00005'"
expect 1 "hj212 verify finds an edit" -- "$ECOCIV" hj212 verify
contains out "device:SIMMN00005: changed outside ecociv" "the edited device is named"
finish
