#!/usr/bin/env bash
# One source of truth: on the demo database (scripts/demo-db), every figure is
# the same wherever it is shown — the served API (/overview, /air/assessment,
# /air/targets, /indicators, /water/assessment) and the command line (air
# assess, air targets, indicators status, indicators engine-figures, water
# assess, all with --db) — and after each change to the data (a correcting air
# import, a review decision invalidating a day through the API, a water
# re-import) every place moves together.
#   consistency_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2

export ECOCIV_USER=consistency-test
DB=$(store_db demo)  # SQLite, or PostgreSQL under tests/store/with_postgres.sh
"$ROOT/scripts/demo-db" "$ECOCIV" demo "$DB" >demo-db.log 2>&1 || { cat demo-db.log; exit 1; }
"$ECOCIV" serve --db "$DB" --listen 127.0.0.1:0 --threads 2 >serve.log 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q "http://" serve.log && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' serve.log)
[ -n "$URL" ] || { echo "FAIL: the server did not start"; cat serve.log; exit 1; }
PASSWORD=$(awk -F'\t' '$1 == "analyst" {print $3}' demo/users.tsv)

python3 - "$ECOCIV" "$WORK" "$URL" "$PASSWORD" "$DB" <<'PY'
import csv, http.cookiejar, json, subprocess, sys, urllib.request
from decimal import Decimal

ecociv, work, url, password, db = sys.argv[1:]
failures = 0
passed = 0


def check(ok, name):
    global failures, passed
    if ok:
        passed += 1
    else:
        failures += 1
        print("FAIL: " + name)


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
csrf = ""


def api(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + "/api/v1" + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if csrf:
        request.add_header("X-CSRF-Token", csrf)
    with opener.open(request) as response:
        return json.loads(response.read())


def cli(*args):
    run = subprocess.run([ecociv, *args, "--db", db], capture_output=True, text=True)
    if run.returncode > 1:
        raise SystemExit("ecociv %s: exit %d: %s" % (" ".join(args), run.returncode, run.stderr))
    return json.loads(run.stdout)


csrf = api("POST", "/session", {"name": "analyst", "password": password})["csrf"]


def only(items, key, value):
    found = [x for x in items if x[key] == value]
    assert len(found) == 1, (key, value, items)
    return found[0]


def figure(doc, name):
    return only(doc["engine_figures"] if "engine_figures" in doc else doc["figures"], "figure",
                name)["value"]


def air_places(year, last, city):
    """The good-day ratio and PM2.5 mean of `year` (1 January to `last`) in every place."""
    g, p = {}, {}
    frm = "%d-01-01" % year
    a = only(api("GET", "/air/assessment?from=%s&to=%s" % (frm, last))["cities"], "id", city)
    g["GET /air/assessment"], p["GET /air/assessment"] = a["good_day_ratio"], a["pollutants"]["pm25"]["mean"]
    t = api("GET", "/air/targets?year=%d&as_of=%s" % (year, last))
    g["GET /air/targets"] = t["good_days"]["ytd_ratio"]
    p["GET /air/targets"] = only(t["pollutants"], "pollutant", "pm25")["ytd_mean_published"]
    i = api("GET", "/indicators?year=%d" % year)
    g["GET /indicators n2019_07"] = only(i["indicators"], "id", "n2019_07")["value"]
    g["GET /indicators engine_figures"] = figure(i, "air.good_day_ratio")
    p["GET /indicators engine_figures"] = figure(i, "air.pm25_mean")
    a = only(cli("air", "assess", "--city", city, "--from", frm, "--to", last, "--format", "json")["cities"], "id", city)
    g["air assess"], p["air assess"] = a["good_day_ratio"], a["pollutants"]["pm25"]["mean"]
    t = cli("air", "targets", "--city", city, "--year", str(year), "--as-of", last, "--pm25", "30",
            "--good-day-ratio", "80", "--format", "json")
    g["air targets"] = t["good_days"]["ytd_ratio"]
    p["air targets"] = only(t["pollutants"], "pollutant", "pm25")["ytd_mean_published"]
    s = cli("indicators", "status", "--year", str(year), "--format", "json")
    g["indicators status n2019_07"] = only(s["indicators"], "id", "n2019_07")["value"]
    g["indicators status engine_figures"] = figure(s, "air.good_day_ratio")
    p["indicators status engine_figures"] = figure(s, "air.pm25_mean")
    e = cli("indicators", "engine-figures", "--year", str(year), "--format", "json")
    g["indicators engine-figures"], p["indicators engine-figures"] = figure(e, "air.good_day_ratio"), figure(e, "air.pm25_mean")
    return g, p


def overview_places(g, p, city):
    """The overview's figures (the current year) and its target evaluation."""
    o = api("GET", "/overview")
    c = only(o["year"]["cities"], "id", city)
    g["GET /overview year"], p["GET /overview year"] = c["good_day_ratio"], c["pm25"]
    g["GET /overview air_targets"] = o["air_targets"]["good_day_ratio"]["ytd"]
    p["GET /overview air_targets"] = o["air_targets"]["pm25"]["ytd"]
    return o


def water_places(year):
    """The share of sections at class III or better and of good drinking-water sources."""
    s, d = {}, {}
    frm, to = "%d-01-01" % year, "%d-12-31" % year
    w = api("GET", "/water/assessment?from=%s&to=%s" % (frm, to))
    s["GET /water/assessment"], d["GET /water/assessment"] = w["city"]["share_I_III_percent"], w["drinking_sources"]["share_percent"]
    i = api("GET", "/indicators?year=%d" % year)
    s["GET /indicators n2019_08"] = only(i["indicators"], "id", "n2019_08")["value"]
    d["GET /indicators n2019_27"] = only(i["indicators"], "id", "n2019_27")["value"]
    s["GET /indicators engine_figures"] = figure(i, "water.class_iii_share")
    d["GET /indicators engine_figures"] = figure(i, "water.drinking_source_share")
    w = cli("water", "assess", "--from", frm, "--to", to)
    s["water assess"], d["water assess"] = w["city"]["share_I_III_percent"], w["drinking_sources"]["share_percent"]
    st = cli("indicators", "status", "--year", str(year), "--format", "json")
    s["indicators status n2019_08"] = only(st["indicators"], "id", "n2019_08")["value"]
    d["indicators status n2019_27"] = only(st["indicators"], "id", "n2019_27")["value"]
    e = cli("indicators", "engine-figures", "--year", str(year), "--format", "json")
    s["indicators engine-figures"], d["indicators engine-figures"] = figure(e, "water.class_iii_share"), figure(e, "water.drinking_source_share")
    return s, d


def same(name, places):
    values = {k: (None if v is None else Decimal(str(v))) for k, v in places.items()}
    distinct = set(values.values())
    check(None not in distinct and len(distinct) == 1,
          "%s differs between places: %s" % (name, json.dumps(places, ensure_ascii=False)))
    return next(iter(distinct))


def snapshot(label):
    o = api("GET", "/overview")
    city, last = o["air_targets"]["city"], o["last_day"]
    year = int(last[:4])
    out = {}
    g, p = air_places(year, last, city)
    overview = overview_places(g, p, city)
    out["good-day ratio %d" % year] = same(label + ": good-day ratio %d" % year, g)
    out["PM2.5 %d" % year] = same(label + ": PM2.5 mean %d" % year, p)
    g, p = air_places(year - 1, "%d-12-31" % (year - 1), city)
    out["good-day ratio %d" % (year - 1)] = same(label + ": good-day ratio %d" % (year - 1), g)
    out["PM2.5 %d" % (year - 1)] = same(label + ": PM2.5 mean %d" % (year - 1), p)
    s, d = water_places(year - 1)
    out["class III share"] = same(label + ": share at class III or better", s)
    out["drinking sources"] = same(label + ": good drinking-water sources", d)
    # The overview's judgement is the target page's and the command line's.
    t = api("GET", "/air/targets")
    c = cli("air", "targets", "--city", city, "--year", str(year), "--as-of", last, "--pm25", "30",
            "--good-day-ratio", "80", "--format", "json")
    for key, judged in (("pm25", lambda d: only(d["pollutants"], "pollutant", "pm25")),
                        ("good_day_ratio", lambda d: d["good_days"])):
        mine = overview["air_targets"][key]
        for place, doc in (("GET /air/targets", t), ("air targets", c)):
            other = judged(doc)
            check(mine["projection"] == other["projection"] and mine["risk"] == other["risk"],
                  "%s: the overview's %s projection and risk (%s, %s) differ from %s (%s, %s)" %
                  (label, key, mine["projection"], mine["risk"], place, other["projection"], other["risk"]))
    return out, city, last


before, city, last = snapshot("demo")
print("demo:", {k: str(v) for k, v in before.items()})
year = int(last[:4])


def moved(label, now, previous, keys):
    for key in keys:
        check(now[key] != previous[key], "%s: %s did not change (%s)" % (label, key, now[key]))


# 1. A correcting air file: PM2.5 on 1-5 June of the current year was 150 at every
#    station (IAQI 200), re-stated hour by hour (hour-ending: 01:00 on the 1st to
#    00:00 on the 6th).
first, end = "%d-06-01T01" % year, "%d-06-06T00" % year
with open(work + "/demo/synthetic_air_hourly.csv") as f, open(work + "/correction.csv", "w") as out:
    rows = csv.reader(f)
    writer = csv.writer(out)
    header = next(rows)
    writer.writerow(header)
    pm25 = header.index("pm25")
    for row in rows:
        if first <= row[1][:13] <= end:
            row[pm25] = "150"
            writer.writerow(row)
subprocess.run([ecociv, "import", "air", work + "/correction.csv", "--db", db, "--why", "correction"],
               check=True, capture_output=True)
after_import, _, _ = snapshot("after a correcting air import")
print("after the correcting import:", {k: str(v) for k, v in after_import.items()})
moved("after a correcting air import", after_import, before,
      ["good-day ratio %d" % year, "PM2.5 %d" % year])

# 2. A reviewer invalidates those days through the review decision (the import's
#    flat-line flags from 1 June).
flags = [f for f in api("GET", "/review/flags?status=suspect")["flags"]
         if f["kind"] == "air" and f["pollutant"] == "pm25" and f["from"][:13] == first]
check(len(flags) >= 4, "the corrected days are flagged at the stations (%d flags)" % len(flags))
for f in flags:
    api("POST", "/review/decisions", {"flag_id": f["id"], "action": "invalidate",
                                      "reason": "correction disputed (consistency test)"})
after_review, _, _ = snapshot("after invalidating the days")
print("after invalidating:", {k: str(v) for k, v in after_review.items()})
moved("after invalidating the days", after_review, after_import, ["PM2.5 %d" % year])

# 3. The water samples again, with ammonia at 3.0 mg/L (劣V) at the drinking-water
#    intake CJ01 all year.
with open(work + "/demo/water/samples.csv") as f, open(work + "/water-again.csv", "w") as out:
    rows = csv.reader(f)
    writer = csv.writer(out)
    header = next(rows)
    writer.writerow(header)
    for row in rows:
        if row[0] == "CJ01" and row[2] == "氨氮":
            row[3] = "3.0"
        writer.writerow(row)
subprocess.run([ecociv, "import", "water", work + "/water-again.csv", "--db", db, "--why", "re-import"],
               check=True, capture_output=True)
after_water, _, _ = snapshot("after re-importing water")
print("after re-importing water:", {k: str(v) for k, v in after_water.items()})
moved("after re-importing water", after_water, after_review, ["class III share", "drinking sources"])
check(after_water["drinking sources"] == Decimal("50"), "one of two drinking-water sources is now good")

print("%d passed, %d failed" % (passed, failures))
sys.exit(1 if failures else 0)
PY
