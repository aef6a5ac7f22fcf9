#!/usr/bin/env bash
# The schedule of periodic documents (`ecociv report schedule`) on the demo
# database (scripts/demo-db): what is due on a given day, two runs at once
# drafting each due period once in each language, a second run drafting
# nothing, a period without data failing and left for later, the leaders'
# notices delivered by the webhook with the warnings, and `db verify` clean.
#   report_schedule_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$WORK" || exit 2
command -v chromium >/dev/null || { echo "FAIL: chromium missing: run scripts/setup"; exit 1; }
on_postgres || command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 missing: run scripts/setup"; exit 1; }

export ECOCIV_USER=schedule-test
DB=$(store_db demo)  # SQLite, or PostgreSQL under tests/store/with_postgres.sh
"$ROOT/scripts/demo-db" "$ECOCIV" demo "$DB" >demo-db.log 2>&1 || { cat demo-db.log; exit 1; }
"$ECOCIV" user add --name leader7 --role leader --random-password --db "$DB" >/dev/null ||
  { echo "FAIL: adding a leader"; exit 1; }

# ---- what is due (the built-in schedule) ----------------------------------------
expect 0 "the built-in schedule" -- "$ECOCIV" report schedule --db "$DB" --today 2026-11-05
# 2026-11-01 is a Sunday: October's air report is due on Monday the 2nd.
contains out "air-monthly    2026-10  due 2026-11-02  due" "October is due on the working day"
contains out "bulletin       2025     due 2026-03-02  due" "the bulletin of 2025"
expect 0 "not yet due" -- "$ECOCIV" report schedule --db "$DB" --today 2026-11-01
if grep -q "2026-10 " out; then echo "FAIL: October due before its day"; failures=$((failures + 1)); fi
printf '[schedule]\nlangs = ["zh"]\nlookback = 0\n' >bad.toml
expect 2 "a bad schedule" -- "$ECOCIV" report schedule --db "$DB" --schedule bad.toml
contains err "bad.toml:3: schedule.lookback: a whole number 1..24" "file:line of the key"
expect 2 "a bad day" -- "$ECOCIV" report schedule --db "$DB" --today 2026-13-01

# ---- drafting: two runs at once, each period once -------------------------------
cat >sched.toml <<'TOML'
[schedule]
langs = ["zh", "en"]
lookback = 2
retry_minutes = 60
claim_minutes = 30

[[document]]
kind = "air-monthly"
day = 3
working_day = true

[[document]]
kind = "water-monthly"
day = 10
working_day = false
TOML
before=$(store_sql "$DB" "SELECT count(*) FROM report_documents")
"$ECOCIV" report schedule --db "$DB" --schedule sched.toml --today 2026-11-05 --run >run1.out 2>run1.err &
first=$!
"$ECOCIV" report schedule --db "$DB" --schedule sched.toml --today 2026-11-05 --run >run2.out 2>run2.err
second=$?
wait $first
check "both runs succeed" test "$? $second" = "0 0"
# air-monthly 2026-09 in both languages; 2026-10 only in English (the demo
# drafted the Chinese one by hand); water-monthly 2026-08 and -09 have no data.
for period in 2026-09 2026-10; do
  check "one air-monthly $period per language" test \
    "$(store_sql "$DB" "SELECT count(*), count(DISTINCT lang) FROM report_documents WHERE kind = 'air-monthly' AND period = '$period'")" = "2|2"
done
check "three new documents" test "$(store_sql "$DB" "SELECT count(*) FROM report_documents")" = "$((before + 3))"
check "drafts" test "$(store_sql "$DB" "SELECT state FROM report_documents WHERE period = '2026-09' ORDER BY id" | paste -sd,)" = "draft,draft"
check "one notice per new draft" test "$(store_sql "$DB" "SELECT count(*) FROM document_outbox")" = "3"
check "the notice names the leaders" test "$(store_sql "$DB" "SELECT count(*) FROM document_outbox WHERE payload LIKE '%leader7%' AND payload LIKE '%待审定%'")" = "3"
check "the periods are drafted" test "$(store_sql "$DB" "SELECT state FROM report_schedule WHERE kind = 'air-monthly' ORDER BY period" | paste -sd,)" = "drafted,drafted"
check "no data: failed, tried again later" test \
  "$(store_sql "$DB" "SELECT state, attempts FROM report_schedule WHERE kind = 'water-monthly' ORDER BY period" | tr '\n' ' ')" = "failed|1 failed|1 "
check "the change record names the schedule" test \
  "$(store_sql "$DB" "SELECT count(*) FROM change_log WHERE action = 'report.draft' AND why = 'ecociv report schedule --run'")" = "3"
cat run1.err run2.err >runs.err
contains runs.err "held by another run" "the other run left the period alone"

# ---- idempotent -----------------------------------------------------------------
expect 0 "a second run" -- "$ECOCIV" report schedule --db "$DB" --schedule sched.toml --today 2026-11-05 --run
contains err "0 period(s) drafted (0 document(s)), 0 failed" "nothing drafted twice"
contains out "air-monthly    2026-10  due 2026-11-03  drafted (documents" "listed as drafted"
contains out "water-monthly  2026-09  due 2026-10-10  failed: no section with a water class" "the failure is listed with its error"
check "still three new documents" test "$(store_sql "$DB" "SELECT count(*) FROM report_documents")" = "$((before + 3))"
expect 0 "json" -- "$ECOCIV" report schedule --db "$DB" --schedule sched.toml --today 2026-11-05 --format json
contains out '"state": "drafted"' "json states"

# ---- the notices go out with the warnings' webhook -------------------------------
cat >receiver.py <<'PY'
import http.server, re
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        found = re.search(rb'"notification":"([^"]*)"', body)
        with open('received.txt', 'a') as f:
            f.write((found.group(1).decode() if found else '?') + '\n')
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.end_headers()
        self.wfile.write(b'{"errcode":0}')
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Hook)
open('port.txt', 'w').write(str(server.server_address[1]))
server.serve_forever()
PY
python3 receiver.py &
receiver=$!
for _ in $(seq 50); do [ -s port.txt ] && break; sleep 0.1; done
"$ECOCIV" warn deliver --db "$DB" --url "http://127.0.0.1:$(cat port.txt)/hook" --now 2030-01-01T00:00Z >deliver.out 2>&1
kill "$receiver" 2>/dev/null
wait "$receiver" 2>/dev/null
ids=$(store_sql "$DB" "SELECT 'document-' || document_id FROM document_outbox ORDER BY id")
for id in $ids; do
  check "delivered $id" grep -qx "$id" received.txt
done
check "marked delivered" test "$(store_sql "$DB" "SELECT count(*) FROM document_outbox WHERE delivered_at IS NULL")" = "0"

# ---- the server runs the schedule on its own ----------------------------------------
# On a store of its own (a new one: the period it tries fails without data, and its row
# says so all the same).
SERVE_DB=$(store_db serve)
expect 0 "the server's store" -- "$ECOCIV" db init --db "$SERVE_DB"
expect 2 "--schedule needs --draft-every" -- "$ECOCIV" serve --db "$SERVE_DB" --schedule sched.toml
expect 2 "too often" -- "$ECOCIV" serve --db "$SERVE_DB" --draft-every 5
printf '[schedule]\nlangs = ["en"]\nlookback = 1\nretry_minutes = 60\nclaim_minutes = 30\n\n[[document]]\nkind = "air-monthly"\nday = 1\nworking_day = false\n' >serve.toml
"$ECOCIV" serve --db "$SERVE_DB" --listen 127.0.0.1:0 --threads 2 --draft-every 3600 --schedule serve.toml \
  >serve.log 2>&1 &
server=$!
# The first run starts with the server; the latest month is drafted (or, when the demo's
# data do not reach it, fails with its error): either way the period's row is there.
for _ in $(seq 120); do
  [ -n "$(store_sql "$SERVE_DB" "SELECT state FROM report_schedule WHERE kind = 'air-monthly' AND state IN ('drafted', 'failed')" 2>/dev/null)" ] && break
  sleep 0.5
done
kill -TERM "$server"
wait "$server"
check "the server stops cleanly" test $? -eq 0
contains serve.log "documents' schedule every 3600 s" "the server says it runs the schedule"
contains serve.log "ecociv serve: schedule: air-monthly" "the server's run is logged"
check "the server ran the schedule" test -n \
  "$(store_sql "$SERVE_DB" "SELECT state FROM report_schedule WHERE kind = 'air-monthly' AND state IN ('drafted', 'failed')")"

expect 0 "db verify" -- "$ECOCIV" db verify --db "$DB"
contains out "documents: 0 problem(s)" "documents verified"
finish
