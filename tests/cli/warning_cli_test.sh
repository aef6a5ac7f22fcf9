#!/usr/bin/env bash
# Command-line contract of `ecociv warn` and `ecociv air targets`: exit codes
# (0 success, 1 data problems / undelivered notifications, 2 bad usage or
# input), file:line errors with nothing stored, the workflow and its record.
# Usage: warning_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
export ECOCIV_DB="$(store_db w)" ECOCIV_USER=cli-test

cat >"$WORK/sections.csv" <<'CSV'
section,name,river,type,target_class,level,chief
S1,北桥,测试河,river,III,municipal,张三（测试镇）
S2,南桥,测试河,river,III,municipal,李四
CSV
{
  echo "section,time,item,value"
  for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    echo "S1,2025-$m-10,氨氮,0.8"
    echo "S2,2025-$m-10,氨氮,0.8"
  done
  for m in 01 02 03; do
    echo "S1,2026-$m-10,氨氮,1.2"
    echo "S2,2026-$m-10,氨氮,0.5"
  done
} >"$WORK/samples.csv"
FILES=(--samples "$WORK/samples.csv" --sections "$WORK/sections.csv")

run warn
check "no subcommand: exit 2" test "$rc" -eq 2
run db init
check "db init" test "$rc" -eq 0

run warn evaluate "${FILES[@]}" --as-of 2026-03-31
check "no --rules: exit 2" test "$rc" -eq 2
run warn evaluate "${FILES[@]}" --rules nosuch --as-of 2026-03-31
check "unknown rule set: exit 2" test "$rc" -eq 2
check "unknown rule set: named" has "$err" "--rules nosuch: no such rule set"

run warn evaluate "${FILES[@]}" --rules yangtze --as-of 2026-03-31
check "evaluate: exit 0" test "$rc" -eq 0
check "evaluate: summary" has "$out" "warning-yangtze (national) as of 2026-03-31, month 2026-03: 1 raised"
check "evaluate: the finding" has "$out" "S1 北桥 level-2 二级预警: 当月水质IV类，去年同月III类（+1类）"
run warn evaluate "${FILES[@]}" --rules yangtze --as-of 2026-03-31
check "evaluate again: merged" has "$out" "0 raised, 0 upgraded, 0 repeated, 1 unchanged"
run warn evaluate "${FILES[@]}" --rules local-template --as-of 2026-03-31
check "template says so" has "$out" "TEMPLATE: not the city's rule text"

# Early notice mid-month (automatic station values, local template only).
cp "$WORK/samples.csv" "$WORK/auto.csv"
printf 'S2,2026-04-01,氨氮,1.1\nS2,2026-04-02,氨氮,1.2\nS2,2026-04-03,氨氮,1.3\n' >>"$WORK/auto.csv"
run warn evaluate --samples "$WORK/auto.csv" --sections "$WORK/sections.csv" \
  --rules local-template --as-of 2026-04-03
check "early notice" has "$out" "S2 南桥 notice 预警提示: 氨氮2026-04-01至2026-04-03共3个数据的累计均值1.20 mg/L，为IV类，劣于目标III类"
run warn evaluate --samples "$WORK/auto.csv" --sections "$WORK/sections.csv" \
  --rules yangtze --as-of 2026-04-03
check "no notice under the national rule" test "$(grep -c notice <<<"$out")" -eq 0

# Bad input: file:line, exit 2, nothing stored.
cp "$WORK/samples.csv" "$WORK/bad.csv"
echo "S1,2026-03-20,氨氮,abc" >>"$WORK/bad.csv"
run warn list --all
before=$out
run warn evaluate --samples "$WORK/bad.csv" --sections "$WORK/sections.csv" --rules yangtze \
  --as-of 2026-04-30
check "bad sample: exit 2" test "$rc" -eq 2
check "bad sample: file:line" has "$err" "bad.csv:32:"
run warn list --all
check "bad sample: nothing stored" test "$out" = "$before"
printf '[warning]\nkind = "water-warning"\nid = "x"\n[[levels]]\nid = "a"\nrank = 1\nwhen = [[{ kind = "up" }]]\n' \
  >"$WORK/rules.toml"
run warn evaluate "${FILES[@]}" --rules "$WORK/rules.toml" --as-of 2026-03-31
check "bad rule file: exit 2" test "$rc" -eq 2
check "bad rule file: file:line" has "$err" "rules.toml:7: unknown condition kind 'up'"

# The workflow.
run warn list
check "list: header" has "$out" "id	state	level	rule_set	subject"
check "list: raised" has "$out" "1	raised	二级预警	warning-yangtze	S1	北桥	2026-03..2026-03	张三（测试镇）"
run warn close --id 1
check "illegal close: exit 2" test "$rc" -eq 2
check "illegal close: says why" has "$err" "warning 1 is raised; close needs feedback"
run warn ack --id 1 --note 已阅
check "ack" has "$out" "warning 1: acknowledged"
run warn assign --id 1 --unit 测试镇 --person 王五 --deadline 2026-04-30
check "assign without plan: exit 2" test "$rc" -eq 2
run warn assign --id 1 --unit 测试镇 --person 王五 --deadline 2026-04-30 --plan 一断面一方案
check "assign" has "$out" "warning 1: assigned"
run warn escalate --as-of 2026-05-01
check "escalate after the deadline" has "$out" "1 escalated"
run warn assign --id 1 --unit 测试镇 --person 王五 --deadline 2026-05-31 --plan 方案二
check "reassign" has "$out" "warning 1: assigned"
run warn feedback --id 1 --text 已整改
check "feedback" has "$out" "warning 1: feedback"
# A section at risk is closed only against its approved plan (一断面一方案).
run warn close --id 1 --note 销号
check "close without a plan: exit 2" test "$rc" -eq 2
check "close without a plan: says why" has "$err" "section S1 has no approved plan"
run import sections "$WORK/sections.csv"
run water plan save --section S1 --title 北桥氨氮方案 --cause outfall:雨污混接排口 --why test
check "plan save" has "$out" "plan of S1 saved (draft)"
run water plan submit --section S1
check "plan submit without a measure: exit 2" test "$rc" -eq 2
check "plan submit without a measure: says why" has "$err" "has no measure"
run water plan measure --section S1 --text 截污纳管 --unit 测试镇 --deadline 2026-05-31 --items 氨氮
check "plan measure" has "$out" "measure 1 added"
run water plan submit --section S1
run water plan approve --section S1
check "plan approve" has "$out" "plan of S1: approve"
run water plan progress --section S1 --date 2026-05-20 --note 排口已封堵 --measure 1 --evidence 照片
check "plan progress" has "$out" "progress 1 recorded"
run water plan measure-state --section S1 --id 1 --state done
run water plan show --section S1 --format json --as-of 2026-06-01
check "plan show: approved" has "$out" '"approval":"approved"'
check "plan show: done" has "$out" '"measures_done":1'
run water plan show --section S1 --as-of 2026-06-01
check "plan show text" has "$out" "已审批 approved"
run warn close --id 1 --note 销号
check "close" has "$out" "warning 1: closed"
run warn list --id 1 --format json
check "json: events" has "$out" '"action": "escalate"'
check "json: plan" has "$out" '"plan": "方案二"'
check "json: English trigger" has "$out" '"trigger_en": "month IV vs III a year earlier (+1)'
run audit log
check "change record: close" has "$out" "warning.close"
check "change record: plan" has "$out" "water.plan.approve"
check "change record: who" has "$out" "cli-test"
run db verify
check "verify clean" test "$rc" -eq 0
run warn verify
check "warn verify clean" test "$rc" -eq 0
# Edits to copies of the file (on PostgreSQL, cli.store tampers in place).
if ! on_postgres; then
  cp "$ECOCIV_DB" "$WORK/tampered.db"
  sqlite3 "$WORK/tampered.db" "UPDATE warnings SET state = 'closed' WHERE id = 2"
  run warn verify --db "$WORK/tampered.db"
  check "warn verify: tampering exit 1" test "$rc" -eq 1
  check "warn verify: names it" has "$out" "warning 2: state closed but the last recorded step ends in raised"
  # A hand edit of the content alone (level and trigger, state untouched).
  cp "$ECOCIV_DB" "$WORK/edited.db"
  sqlite3 "$WORK/edited.db" "UPDATE warnings SET level = 'level-1', trigger = 'x' WHERE id = 2"
  run warn verify --db "$WORK/edited.db"
  check "warn verify: content edit exit 1" test "$rc" -eq 1
  check "warn verify: content edit named" has "$out" "warning 2: changed since its last recorded step"
  run db verify --db "$WORK/edited.db"
  check "db verify: includes warnings" test "$rc" -eq 1
  check "db verify: names the warning" has "$out" "warning 2: changed since its last recorded step"
fi

# Delivery to a port nobody listens on: kept for later, exit 1.
run warn deliver --url http://127.0.0.1:9/hook --now 2030-01-01T00:00Z
check "deliver down: exit 1" test "$rc" -eq 1
check "deliver down: kept" has "$out" "0 delivered"
run warn deliver --url http://127.0.0.1:9/hook --now 2030-01-01T00:00:10Z
check "deliver: backoff" has "$out" "0 delivered, 0 failed (will retry), 9 not yet due"
run warn quiet --from 2030-01-01T00:00Z --to 2030-01-01T02:00Z --reason 运维
check "quiet" test "$rc" -eq 0
run warn deliver --url http://127.0.0.1:9/hook --now 2030-01-01T01:00Z
check "quiet: nothing sent" has "$out" "quiet period in force"
run warn quiet --end 1
check "quiet --end: cancels the period not yet begun" has "$out" "quiet period 1 ended"
run warn quiet --end 1
check "quiet --end twice: exit 2" test "$rc" -eq 2
run warn deliver --url http://127.0.0.1:9/hook --now 2030-01-01T01:00Z
check "quiet cancelled: delivery tried" has "$out" "failed (will retry)"
: >"$WORK/empty-secret"
run warn deliver --url http://127.0.0.1:9/hook --secret-file "$WORK/empty-secret"
check "deliver: empty secret file: exit 2" test "$rc" -eq 2
check "deliver: empty secret file: named" has "$err" "empty-secret:1: the webhook secret is empty"
run warn deliver --url https://127.0.0.1:9/hook --ca-file "$WORK/empty-secret"
check "deliver: CA file without a certificate: exit 2" test "$rc" -eq 2
check "deliver: CA file named" has "$err" "--ca-file $WORK/empty-secret: no PEM certificate"
run warn quiet --end x
check "quiet --end x: exit 2" test "$rc" -eq 2
run warn deliver --url ftp://127.0.0.1:9/hook
check "deliver: not http(s): exit 2" test "$rc" -eq 2
run warn deliver --url http://127.0.0.1:9/hook --now yesterday
check "bad --now: exit 2" test "$rc" -eq 2

# The same evaluation from the store: identical findings.
STORE_DB=$(store_db store)
run db init --db "$STORE_DB"
run import sections "$WORK/sections.csv" --db "$STORE_DB"
run import water "$WORK/samples.csv" --db "$STORE_DB"
check "import samples" test "$rc" -eq 0
run warn evaluate --db "$STORE_DB" --rules yangtze --as-of 2026-03-31
check "evaluate from the store: exit 0" test "$rc" -eq 0
check "evaluate from the store: same finding" \
  has "$out" "S1 北桥 level-2 二级预警: 当月水质IV类，去年同月III类（+1类）"

# An overdue measure of the section's plan escalates its open warning, once.
run water plan save --db "$STORE_DB" --section S1 --title 北桥氨氮方案 --why test
run water plan measure --db "$STORE_DB" --section S1 --text 截污纳管 --unit 测试镇 --deadline 2026-04-15
run warn ack --db "$STORE_DB" --id 1
run warn assign --db "$STORE_DB" --id 1 --unit 测试镇 --person 王五 --deadline 2026-12-31 --plan 北桥氨氮方案
run warn escalate --db "$STORE_DB" --as-of 2026-04-15
check "measure on its deadline day: not escalated" has "$out" "0 escalated, 0 escalated for overdue plan measures"
run warn escalate --db "$STORE_DB" --as-of 2026-04-16
check "overdue measure escalates" has "$out" "0 escalated, 1 escalated for overdue plan measures"
run warn escalate --db "$STORE_DB" --as-of 2026-04-17
check "overdue measure escalates once" has "$out" "0 escalated, 0 escalated for overdue plan measures"
run warn evaluate --db "$STORE_DB" --rules yangtze --as-of 2026-04-18
check "evaluation: nothing more" test "$(grep -c 'overdue plan measures' <<<"$out")" -eq 0
run warn list --db "$STORE_DB" --id 1 --format json
check "warning escalated by the measure" has "$out" '"state": "escalated"'
check "the step names the measure" has "$out" "一断面一方案措施1（测试镇，完成期限2026-04-15）逾期未完成：截污纳管"
run water plan show --db "$STORE_DB" --section S1 --as-of 2026-04-18
check "the plan names the warning" has "$out" "已升级预警 escalated warning 1"
run audit log --db "$STORE_DB"
check "change record: plan escalation" has "$out" "water.plan.escalate"
run db verify --db "$STORE_DB"
check "verify after the escalation" test "$rc" -eq 0
check "verify counts the plans" has "$out" "plans: 0 problem(s)"
# A plan row edited behind the program's back is found by db verify
# (a copy of the file; on PostgreSQL, cli.store tampers in place).
if ! on_postgres; then
  cp "$STORE_DB" "$WORK/plan-edited.db"
  sqlite3 "$WORK/plan-edited.db" "UPDATE section_plan_measures SET deadline = '2026-12-31' WHERE id = 1"
  run db verify --db "$WORK/plan-edited.db"
  check "db verify: plan edit exit 1" test "$rc" -eq 1
  check "db verify: names the measure" has "$out" "plan S1 measure 1: does not match a change-record entry"
  check "db verify: counts it (the row and its entry)" has "$out" "plans: 2 problem(s)"
  cp "$STORE_DB" "$WORK/plan-approved.db"
  sqlite3 "$WORK/plan-approved.db" "UPDATE section_plans SET approval = 'approved'"
  run db verify --db "$WORK/plan-approved.db"
  check "db verify: approval edit named" has "$out" "plan S1: approval approved but the change record ends in draft"
fi

# Air targets on a tiny file: two whole days.
{
  echo "station,time,so2,no2,co,o3,pm10,pm25"
  for d in 01 02; do
    for h in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23; do
      echo "A,2026-01-${d}T$h:00,5,20,0.5,50,60,40"
    done
  done
  echo "A,2026-01-02T00:00,5,20,0.5,50,60,40"
  echo "A,2026-01-03T00:00,5,20,0.5,50,60,40"
} >"$WORK/air.csv"
printf 'station,name,city,lon,lat\nA,城北,示例市,120.5,31.9\n' >"$WORK/stations.csv"
run air targets --input "$WORK/air.csv" --stations "$WORK/stations.csv" --year 2026 \
  --as-of 2026-01-02 --pm25 35 --good-day-ratio 80
check "targets: exit 0 or 1" test "$rc" -le 1
check "targets: days" has "$out" "示例市 2026 as of 2026-01-02: 2 days elapsed, 363 left"
check "targets: pm2.5" has "$out" "PM2.5: ytd mean 40.0 (2 days), target 35, rest of year < 35.47, risk high"
run air targets --input "$WORK/air.csv" --stations "$WORK/stations.csv" --year 2026 \
  --as-of 2026-01-02 --pm25 35 --composite 3.5
check "targets: composite" has "$out" "composite index target 3.50 (pm25-others-at-ytd)"
run air targets --input "$WORK/air.csv" --stations "$WORK/stations.csv" --year 2026 \
  --as-of 2026-01-02 --composite three
check "targets: bad --composite: exit 2" test "$rc" -eq 2
check "targets: bad --composite named" has "$err" "--composite must be a positive number"
run serve --db "$STORE_DB" --composite-target -1
check "serve: bad --composite-target: exit 2" test "$rc" -eq 2
run import stations "$WORK/stations.csv" --db "$STORE_DB"
run import air "$WORK/air.csv" --db "$STORE_DB"
run air targets --db "$STORE_DB" --city 示例市 --year 2026 --as-of 2026-01-02 --pm25 35
check "targets from the store" has "$out" "target 35, rest of year < 35.47, risk high"
run air targets --db "$STORE_DB" --city 示例市 --year 2026 --as-of 2026-01-02 --pm25 35 \
  --record "$STORE_DB"
check "targets --record" has "$err" "1 raised"
run warn list --db "$STORE_DB"
check "air warning listed" has "$out" "目标高风险	air-targets-2026	示例市/pm25"
run air targets --input "$WORK/air.csv" --stations "$WORK/stations.csv" --year 2026
check "targets without --as-of: exit 2" test "$rc" -eq 2
run air targets --input "$WORK/air.csv" --stations "$WORK/stations.csv" --year 2026 \
  --as-of 2027-01-01
check "targets: as-of outside the year: exit 2" test "$rc" -eq 2

# `ecociv serve --webhook-url`: flag checks, and SIGTERM stops the server
# cleanly (exit 0) while its delivery thread runs (the receiver is down).
run serve --db "$STORE_DB" --webhook-url ftp://x/y
check "serve: a non-http webhook URL: exit 2" test "$rc" -eq 2
run serve --db "$STORE_DB" --webhook-secret-file "$WORK/empty-secret"
check "serve: --webhook-secret-file without --webhook-url: exit 2" test "$rc" -eq 2
run serve --db "$STORE_DB" --webhook-url https://127.0.0.1:1/hook --webhook-secret-file "$WORK/empty-secret"
check "serve: empty secret file: exit 2" test "$rc" -eq 2
run serve --db "$STORE_DB" --webhook-url https://127.0.0.1:1/hook --webhook-ca-file "$WORK/nowhere.pem"
check "serve: missing CA file: exit 2" test "$rc" -eq 2
run serve --db "$STORE_DB" --deliver-every 5
check "serve: --deliver-every without --webhook-url: exit 2" test "$rc" -eq 2
run serve --db "$STORE_DB" --webhook-url http://127.0.0.1:1/hook --deliver-every 0
check "serve: --deliver-every 0: exit 2" test "$rc" -eq 2
"$ECOCIV" serve --db "$STORE_DB" --listen 127.0.0.1:0 --threads 2 \
  --webhook-url http://127.0.0.1:1/hook --deliver-every 1 >"$WORK/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 50); do grep -q "delivery every 1 s" "$WORK/serve.log" && break; sleep 0.1; done
sleep 1.5 # at least one delivery run (it fails: nobody listens on port 1)
kill -TERM "$serve_pid"
wait "$serve_pid"
serve_rc=$?
check "serve --webhook-url: SIGTERM stops it cleanly (exit 0, got $serve_rc)" test "$serve_rc" -eq 0
check "serve: the stop is reported" grep -q "signal 15, stopping" "$WORK/serve.log"
check "serve: the failed delivery run is reported" grep -q "failed (will retry)" "$WORK/serve.log"

echo "warning CLI: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
