#!/usr/bin/env bash
# Several `ecociv serve` processes on one PostgreSQL store (run under
# tests/store/with_postgres.sh, which sets ECOCIV_TEST_DB): a login on one
# server is a session on the others, and the warning outbox is delivered by
# whichever servers are up — each message posted once, and the one a server
# was posting when it was killed posted again by another once its claim ends;
# an import started on one server is answered for by another.
#   several_servers_test.sh path/to/ecociv
source "$(dirname "$0")/../cli/lib.sh" "$1"
: "${ECOCIV_TEST_DB:?run under tests/store/with_postgres.sh}"
export ECOCIV_DB="$ECOCIV_TEST_DB" ECOCIV_USER=several-servers-test
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK" || exit 2
sql() { psql "$ECOCIV_TEST_DB" -Atqc "$1"; }

# Forty sections at class IV in March, class III a year before: forty
# warnings (the Yangtze rules), forty messages.
N=40
{
  echo "section,name,river,type,target_class,level,chief"
  for i in $(seq -w 1 $N); do echo "S$i,断面$i,测试河,river,III,municipal,张三"; done
} >sections.csv
{
  echo "section,time,item,value"
  for i in $(seq -w 1 $N); do
    for m in 01 02 03; do echo "S$i,2025-$m-10,氨氮,0.8"; done
    for m in 01 02 03; do echo "S$i,2026-$m-10,氨氮,1.2"; done
  done
} >samples.csv
expect 0 "db init on PostgreSQL" -- "$ECOCIV" db init
printf 'correct horse battery\n' >pw
expect 0 "an administrator" -- "$ECOCIV" user add --name admin --role admin --password-file pw
expect 0 "an analyst" -- "$ECOCIV" user add --name analyst --role analyst --password-file pw
quiet warn evaluate --samples samples.csv --sections sections.csv --rules yangtze \
  --as-of 2026-03-31
check "forty messages in the outbox" test "$(sql 'SELECT count(*) FROM notification_outbox')" -eq $N

# The receiver notes each message's idempotency key as it arrives; the first
# request waits 4 s before answering (the server posting it is killed then).
cat >receiver.py <<'PY'
import http.server, os, re, time
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        found = re.search(rb'"notification":"([^"]*)"', body)
        key = found.group(1).decode() if found else '?'
        with open('received.txt', 'a') as f:
            f.write(key + '\n')
        if os.path.exists('stall'):
            os.remove('stall')
            time.sleep(4)
        try:
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.end_headers()
            self.wfile.write(b'{"errcode":0}')
        except OSError:
            pass
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Hook)
open('port.txt', 'w').write(str(server.server_address[1]))
server.serve_forever()
PY
touch stall received.txt
python3 receiver.py &
PIDS+=($!)
for _ in $(seq 100); do [ -s port.txt ] && break; sleep 0.1; done
HOOK="http://127.0.0.1:$(cat port.txt)/hook"

start_server() {  # start_server NAME: a server delivering every second; sets URL_NAME
  "$ECOCIV" serve --listen 127.0.0.1:0 --threads 4 --webhook-url "$HOOK" --deliver-every 1 \
    --webhook-claim 15 >"$1.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$1=$!"
  for _ in $(seq 100); do grep -q "http://" "$1.log" && break; sleep 0.1; done
  eval "URL_$1=$(grep -o 'http://127.0.0.1:[0-9]*' "$1.log")"
}

# Server A starts delivering and is killed while its first POST waits.
start_server a
for _ in $(seq 100); do [ -s received.txt ] && break; sleep 0.1; done
check "server A was posting" test -s received.txt
kill -9 "$PID_a"
wait "$PID_a" 2>/dev/null
STUCK=$(head -1 received.txt)

# Servers B and C: a session made on B is valid on C.
start_server b
start_server c
check "servers B and C started" test -n "$URL_b" -a -n "$URL_c"
curl -s -c cookies -H 'Content-Type: application/json' \
  -d '{"name":"admin","password":"correct horse battery"}' "$URL_b/api/v1/session" >login.json
check "login on B" grep -q '"admin"' login.json
curl -s -b cookies "$URL_c/api/v1/session" >session.json
check "the session works on C" grep -q '"name":"admin"' session.json

# An import started on B is answered for by C (its job is a row of the store).
curl -s -c analyst.cookies -H 'Content-Type: application/json' \
  -d '{"name":"analyst","password":"correct horse battery"}' "$URL_b/api/v1/session" >analyst.json
CSRF=$(python3 -c 'import json; print(json.load(open("analyst.json"))["csrf"])')
curl -s -b analyst.cookies -H "X-CSRF-Token: $CSRF" -H 'Content-Type: text/csv' --data-binary @sections.csv \
  "$URL_b/api/v1/imports?kind=sections&name=sections.csv" >started.json
JOB=$(python3 -c 'import json; print(json.load(open("started.json"))["id"])' 2>/dev/null)
check "an import started on B" test -n "$JOB"
for _ in $(seq 100); do
  curl -s -b analyst.cookies "$URL_c/api/v1/imports/$JOB" >job.json
  grep -q '"state":"running"' job.json || break
  sleep 0.1
done
check "C answers for B's import: done" grep -q '"state":"done"' job.json

# Everything is delivered, the killed server's message after its claim.
for _ in $(seq 600); do
  [ "$(sql 'SELECT count(*) FROM notification_outbox WHERE delivered_at IS NULL')" = 0 ] && break
  sleep 0.1
done
check "every message delivered" \
  test "$(sql 'SELECT count(*) FROM notification_outbox WHERE delivered_at IS NULL')" -eq 0
check "each message arrived" test "$(sort -u received.txt | wc -l)" -eq $N
others=$(grep -vx -- "$STUCK" received.txt | sort | uniq -d | wc -l)
check "no message but the interrupted one arrived twice" test "$others" -eq 0
check "the interrupted one arrived twice (the dead server's POST, then a live one's)" \
  test "$(grep -cx -- "$STUCK" received.txt)" -eq 2
finish
