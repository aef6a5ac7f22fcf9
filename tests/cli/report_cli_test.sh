#!/usr/bin/env bash
# Official documents (`ecociv report`) on the demo database (scripts/demo-db):
# every figure a document prints is in the PDF's text (pdftotext), the PDF
# is A4 with page numbers and embedded CJK fonts, the air figures agree with
# the air engine (`air assess --db`), the water figures with the water engine
# (`water assess --db`), and every year-on-year change recomputed from the
# printed figures (GB/T 8170, half to even) is the printed change. Profiles
# are checked with file:line errors. The PDF part does not skip: chromium and
# poppler-utils are test dependencies (scripts/setup installs them).
#   report_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$WORK" || exit 2
for tool in pdftotext pdfinfo pdffonts; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool missing: run scripts/setup (poppler-utils)"; exit 1; }
done
command -v chromium >/dev/null || { echo "FAIL: chromium missing: run scripts/setup"; exit 1; }

export ECOCIV_USER=report-test
DB=$(store_db demo)  # SQLite, or PostgreSQL under tests/store/with_postgres.sh
"$ROOT/scripts/demo-db" "$ECOCIV" demo "$DB" >demo-db.log 2>&1 || { cat demo-db.log; exit 1; }
# A second water year, so the water report has a year to compare with.
"$ECOCIV" water demo-data --out water2024 --year 2024 --seed 7 >/dev/null
"$ECOCIV" import water water2024/samples.csv --db "$DB" --why test >/dev/null 2>&1 ||
  { echo "FAIL: importing the 2024 water demo"; exit 1; }

# ---- usage and profiles ------------------------------------------------------
expect 0 "profiles" -- "$ECOCIV" report profiles
contains out "yearly" "the yearly profile is listed"
printf '[profile]\nid = "x"\n' >bad.toml
expect 2 "a bad profile" -- "$ECOCIV" report profiles --check bad.toml
contains err "bad.toml:" "the error names the file"
sed 's/^pm25 = 1/pm25 = 7/' "$ROOT/config/report-profiles/yearly.toml" >decimals.toml
expect 2 "seven decimals" -- "$ECOCIV" report profiles --check decimals.toml
contains err "decimals.toml:18: decimals.pm25: a whole number of decimals 0..6" "file:line of the key"
expect 2 "a period of the wrong form" -- "$ECOCIV" report air-yearly --period 2025-01 --db "$DB" --format html
expect 2 "pdf to stdout" -- "$ECOCIV" report air-yearly --period 2025 --db "$DB" --format pdf
expect 2 "no data" -- "$ECOCIV" report air-yearly --period 2019 --db "$DB" --format html
contains err "no valid air day" "no data is named"

# ---- the documents -------------------------------------------------------------
make_doc() {  # kind period lang name [extra flags...]
  local kind=$1 period=$2 lang=$3 name=$4
  shift 4
  for format in json html pdf; do
    expect 0 "$name $format" -- "$ECOCIV" report "$kind" --period "$period" --db "$DB" \
      --format "$format" --lang "$lang" --date 2026-01-05 --output "$name.$format" "$@"
  done
  pdftotext -layout "$name.pdf" "$name.txt"
}
make_doc air-yearly 2025 zh air-2025
make_doc air-yearly 2025 en air-2025-en
make_doc air-monthly 2026-10 zh air-2026-10
make_doc air-monthly 2026-10 en air-2026-10-en
make_doc air-yearly 2026 zh air-2026
make_doc water-yearly 2025 zh water-2025
make_doc water-yearly 2025 en water-2025-en
make_doc water-monthly 2025-07 zh water-2025-07
make_doc bulletin 2025 zh bulletin-2025 --number "张环〔2026〕1号"
make_doc bulletin 2025 en bulletin-2025-en
expect 2 "no bulletin without data" -- "$ECOCIV" report bulletin --period 2019 --db "$DB" --format html
contains err "no air or surface-water data of 2019" "the missing data are named"
store_sql "$DB" "SELECT count(*) FROM warnings WHERE substr(first_period, 1, 4) = '2025'" >warnings-2025.txt
# The areas summed in the store (rounded half away from zero as the engine rounds: area_m2 is
# a double on both backends).
space_sums() {
  store_sql "$DB" "SELECT layer || '=' || CAST(round(CAST(sum(area_m2) AS NUMERIC)) AS INTEGER) FROM space_features WHERE year = $1 AND layer IN ('red-line', 'control-area') GROUP BY layer ORDER BY layer"
}
space_sums 2025 >space-2025.txt
space_sums 2020 >space-2020.txt
"$ECOCIV" air assess --db "$DB" --city 张家港市 --from 2026-10-01 --to 2026-10-31 --format json \
  --output engine-air-2026-10.json
"$ECOCIV" air assess --db "$DB" --city 张家港市 --from 2025-10-01 --to 2025-10-31 --format json \
  --output engine-air-2025-10.json
"$ECOCIV" air assess --db "$DB" --city 张家港市 --from 2025-01-01 --to 2025-12-31 --format json \
  --output engine-air-2025.json
"$ECOCIV" water assess --db "$DB" --from 2025-01-01 --to 2025-12-31 --output engine-water-2025.json
SUBJECT=$("$ECOCIV" scoring ranking --scheme town-1000 --year 2025 --db "$DB" --format json |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["rows"][0]["subject"])')
for format in json html pdf; do
  expect 0 "card $format" -- "$ECOCIV" report card --scheme town-1000 --year 2025 --subject "$SUBJECT" \
    --db "$DB" --format "$format" --number "张生态办〔2026〕1号" --date 2026-01-05 --output "card.$format"
done
pdftotext -layout card.pdf card.txt

# ---- publishing: draft → approved → published, frozen, corrections ------------
# The demo database holds documents 1-5 (scripts/demo-db): 1-4 published.
expect 0 "the demo's documents" -- "$ECOCIV" report list --db "$DB" --published --format json
contains out '"kind": "air-yearly"' "the demo's bulletin is published"
ECOCIV_USER=analyst1 expect 0 "save a draft" -- "$ECOCIV" report air-yearly --period 2025 --db "$DB" \
  --lang en --date 2026-01-05 --save --why "yearly bulletin"
contains err "document 6 saved as a draft" "the draft's id"
expect 0 "list" -- "$ECOCIV" report list --db "$DB" --format json
contains out '"state": "draft"' "the draft is listed"
expect 2 "a draft is not published" -- "$ECOCIV" report publish 6 --db "$DB"
contains err "only an approved document is published" "the refusal names the state"
ECOCIV_USER=leader1 expect 0 "approve" -- "$ECOCIV" report approve 6 --db "$DB"
ECOCIV_USER=leader1 expect 0 "publish" -- "$ECOCIV" report publish 6 --db "$DB"
expect 0 "get the published PDF" -- "$ECOCIV" report get 6 --db "$DB" --output published.pdf
SHA=$(sha256sum published.pdf | cut -d' ' -f1)
expect 0 "the change record" -- "$ECOCIV" audit log --db "$DB" --format json
contains out "report.publish" "publishing is in the change record"
contains out "$SHA" "the change record binds the PDF's SHA-256"
expect 0 "a second one without --replaces" -- "$ECOCIV" report air-yearly --period 2025 --db "$DB" \
  --lang en --save
ECOCIV_USER=leader1 expect 0 "approve it" -- "$ECOCIV" report approve 7 --db "$DB"
expect 2 "two published documents of one period" -- "$ECOCIV" report publish 7 --db "$DB"
contains err "must name it as the one it replaces" "the refusal names the rule"
expect 0 "a correction" -- "$ECOCIV" report air-yearly --period 2025 --lang en --db "$DB" --save \
  --replaces 6 --date 2026-01-06
ECOCIV_USER=leader1 expect 0 "approve the correction" -- "$ECOCIV" report approve 8 --db "$DB"
ECOCIV_USER=leader1 expect 0 "publish the correction" -- "$ECOCIV" report publish 8 --db "$DB"
expect 0 "list after the correction" -- "$ECOCIV" report list --db "$DB" --format json
contains out '"state": "superseded"' "the corrected document is superseded"
expect 0 "the database verifies" -- "$ECOCIV" db verify --db "$DB"
contains out "documents: 0 problem(s)" "db verify checks the documents"

# ---- a region's documents ------------------------------------------------------
# A region that holds every station and section prints the city's figures; its documents
# are its own (the region in the list and in the change record, db verify checks both).
STATIONS=$(store_sql "$DB" "SELECT code FROM stations ORDER BY code" | tr '\n' ' ')
SECTIONS=$(store_sql "$DB" "SELECT code FROM sections ORDER BY code" | tr '\n' ' ')
expect 0 "a county" -- "$ECOCIV" region add --code 320582 --name 张家港市 \
  --name-en "Zhangjiagang County" --level county --db "$DB"
# shellcheck disable=SC2086  # one code per word
expect 0 "every station in it" -- "$ECOCIV" region assign --station $STATIONS --region 320582 --db "$DB"
# shellcheck disable=SC2086
expect 0 "every section in it" -- "$ECOCIV" region assign --section $SECTIONS --region 320582 --db "$DB"
same_figures() {  # same_figures A.json B.json: the two documents print the same figures
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p))["figures"] for p in sys.argv[1:3])
sys.exit(0 if a == b and len(a) > 5 else 1)
PY
}
expect 0 "the county's air month" -- "$ECOCIV" report air-monthly --period 2026-10 --region 320582 \
  --db "$DB" --format json --lang en --date 2026-01-05 --output region-air-2026-10-en.json
check "the county's air figures are the city's" same_figures region-air-2026-10-en.json air-2026-10-en.json
check "named by the region's English name" grep -q '"title": "Air quality of Zhangjiagang County, ' region-air-2026-10-en.json
expect 0 "the county's water year" -- "$ECOCIV" report water-yearly --period 2025 --region 320582 \
  --db "$DB" --format json --date 2026-01-05 --output region-water-2025.json
check "the county's water figures are the city's" same_figures region-water-2025.json water-2025.json
expect 0 "the county's bulletin" -- "$ECOCIV" report bulletin --period 2025 --region 320582 \
  --db "$DB" --format json --date 2026-01-05 --output region-bulletin-2025.json
check "the county's bulletin: the city's air, water and warnings" python3 - <<'PY'
import json, sys
county, city = (json.load(open(p)) for p in ("region-bulletin-2025.json", "bulletin-2025.json"))
keep = lambda doc: {f["key"]: f["text"] for f in doc["figures"]
                    if f["key"].split(".")[0] in ("air", "water", "warnings")}
a, b = keep(county), keep(city)
sys.exit(0 if a == b and len(a) > 10 and not any(f["key"].startswith("space.")
                                                   for f in county["figures"]) else 1)
PY
contains region-bulletin-2025.json "张家港市2025年环境状况公报" "the county's bulletin is named by the county"
expect 2 "an unknown region" -- "$ECOCIV" report air-monthly --period 2026-10 --region 999999 \
  --db "$DB" --format json
ECOCIV_USER=analyst1 expect 0 "save the county's document" -- "$ECOCIV" report air-monthly \
  --period 2026-10 --region 320582 --db "$DB" --date 2026-01-05 --save
REGION_DOC=$(sed -n 's/^document \([0-9]*\) saved as a draft.*/\1/p' err)
check "the county's draft has an id" test -n "$REGION_DOC"
ECOCIV_USER=leader1 expect 0 "approve the county's" -- "$ECOCIV" report approve "$REGION_DOC" --db "$DB"
ECOCIV_USER=leader1 expect 0 "publish the county's" -- "$ECOCIV" report publish "$REGION_DOC" --db "$DB"
expect 0 "list with the county's" -- "$ECOCIV" report list --db "$DB" --published --format json
check "listed with its region" python3 -c "
import json, sys
docs = {d['id']: d for d in json.load(open('out'))}
sys.exit(0 if docs[$REGION_DOC]['region'] == '320582' else 1)"
expect 0 "verify with the county's document" -- "$ECOCIV" db verify --db "$DB"
contains out "documents: 0 problem(s)" "the county's document verifies"
# A published file altered behind ecociv's back (the freezing trigger dropped
# first) is found by db verify.
if on_postgres; then
  store_sql "$DB" "DROP TRIGGER report_documents_frozen ON report_documents; UPDATE report_documents SET pdf = '\\x255044462D'::bytea WHERE id = 6;"
else
  store_sql "$DB" "DROP TRIGGER report_documents_frozen; UPDATE report_documents SET pdf = X'255044462D' WHERE id = 6;"
fi
expect 1 "an altered published PDF" -- "$ECOCIV" db verify --db "$DB"
contains out "document 6: the PDF does not match its SHA-256" "the altered document is named"
# The ecological-space part compares with the approved baseline (the demo's 2020), even when
# an earlier layer is stored, and says so; without an approved baseline, with the earliest.
# Last, as it changes the store's layers and settings behind ecociv's back.
expect 0 "an earlier red line" -- "$ECOCIV" space import "$ROOT/scripts/demo-space/red-line-2025.geojson" \
  --layer red-line --year 2018 --db "$DB" --why test
"$ECOCIV" report bulletin --period 2025 --db "$DB" --format json >bulletin-approved.json
store_sql "$DB" "DELETE FROM ind_settings WHERE key = 'space.baseline'"
"$ECOCIV" report bulletin --period 2025 --db "$DB" --format json >bulletin-earliest.json

python3 - "$WORK" <<'PY'
import json, re, subprocess, sys
from decimal import Decimal, ROUND_HALF_EVEN
from fractions import Fraction

work = sys.argv[1]
failures = 0
passed = 0


def check(ok, name):
    global failures, passed
    if ok:
        passed += 1
    else:
        failures += 1
        print("FAIL:", name)


def load(name):
    return json.load(open(f"{work}/{name}"))


def text(name):
    return open(f"{work}/{name}", encoding="utf-8").read()


def rounded(exact, decimals):
    f = Fraction(exact)
    d = Decimal(f.numerator) / Decimal(f.denominator) if False else None
    # Exact half-even rounding of a fraction.
    scaled = f * 10**decimals
    q, r = divmod(scaled.numerator, scaled.denominator)
    twice = 2 * r
    if twice > scaled.denominator or (twice == scaled.denominator and q % 2 == 1):
        q += 1
    s = str(abs(q)).rjust(decimals + 1, "0")
    out = s[:-decimals] + "." + s[-decimals:] if decimals else s
    return ("-" if q < 0 else "") + out


def figures(doc):
    return {f["key"]: f for f in doc["figures"]}


def squash(s):
    return re.sub(r"\s+", "", s)


# Every figure a document holds is printed in its PDF, and every figure with
# an exact value is that value rounded once to the printed decimals.
for name in ["air-2025", "air-2025-en", "air-2026-10", "air-2026-10-en", "air-2026", "water-2025",
             "water-2025-en", "water-2025-07", "card", "bulletin-2025", "bulletin-2025-en"]:
    doc = load(name + ".json")
    pdf = squash(text(name + ".txt"))
    check(len(doc["figures"]) > 5, f"{name}: has figures")
    for f in doc["figures"]:
        printed = f["text"].lstrip("+-") if f["key"].endswith(".change") else f["text"]
        check(squash(printed) in pdf, f"{name}: {f['key']} = {f['text']} not in the PDF text")
        if f["exact"]:
            decimals = len(f["text"].split(".")[1]) if "." in f["text"] else 0
            check(rounded(f["exact"], decimals) == f["text"],
                  f"{name}: {f['key']}: {f['exact']} rounds to {rounded(f['exact'], decimals)}, printed {f['text']}")
    check(squash(doc["title"]) in pdf, f"{name}: the title is in the PDF")
    info = subprocess.run(["pdfinfo", f"{work}/{name}.pdf"], capture_output=True, text=True).stdout
    check(re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info) is not None, f"{name}: A4")
    fonts = subprocess.run(["pdffonts", f"{work}/{name}.pdf"], capture_output=True, text=True).stdout
    # Chromium (Skia) embeds the CFF-based Noto CJK glyphs as Type 3 fonts
    # with Unicode maps: every font embedded, every one with its map.
    lines = fonts.splitlines()[2:]
    check(len(lines) > 0, f"{name}: fonts")
    for line in lines:
        cols = line.split()
        check(cols[-5:-2] == ["yes", "no", "yes"] or cols[-5:-2] == ["yes", "yes", "yes"],
              f"{name}: a font not embedded or without a Unicode map: {line}")
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    marker = f"第1页共{pages}页" if doc["lang"] == "zh" else f"Page1of{pages}"
    check(marker in pdf, f"{name}: page numbers ({marker})")

# The air figures are the engine's: the monthly report prints what
# `air assess` prints (integers, CO 1 decimal, ratio 1 decimal, index 2).
KEYS = {"so2": "so2", "no2": "no2", "pm10": "pm10", "pm25": "pm25"}
for doc_name, now_name, before_name in [("air-2026-10", "engine-air-2026-10.json", "engine-air-2025-10.json")]:
    f = figures(load(doc_name + ".json"))
    for when, engine_name in [("now", now_name), ("before", before_name)]:
        city = load(engine_name)["cities"][0]
        p = city["pollutants"]
        for key, ek in KEYS.items():
            check(f[f"city.{key}.{when}"]["text"] == p[ek]["mean"], f"{doc_name}: {key} {when} vs the engine")
        check(f[f"city.co.{when}"]["text"] == p["co"]["percentile"], f"{doc_name}: co {when} vs the engine")
        check(f[f"city.o3.{when}"]["text"] == p["o3_8h"]["percentile"], f"{doc_name}: o3 {when} vs the engine")
        check(f[f"city.good_day_ratio.{when}"]["text"] == city["good_day_ratio"], f"{doc_name}: ratio {when}")
        check(f[f"city.composite_index.{when}"]["text"] == city["composite_index"], f"{doc_name}: index {when}")
        if when == "now":
            check(f["city.good_days"]["text"] == str(city["good_days"]), f"{doc_name}: good days")
            check(f["city.valid_days"]["text"] == str(city["days_valid"]), f"{doc_name}: valid days")
# The yearly bulletin prints PM2.5 to one decimal: it rounds to the engine's integer.
f = figures(load("air-2025.json"))
city = load("engine-air-2025.json")["cities"][0]
check(f["city.pm25.now"]["text"].count(".") == 1 and len(f["city.pm25.now"]["text"].split(".")[1]) == 1,
      "yearly PM2.5 has one decimal")
check(rounded(f["city.pm25.now"]["exact"], 0) == city["pollutants"]["pm25"]["mean"], "yearly PM2.5 vs the engine")
check(f["city.good_day_ratio.now"]["text"] == city["good_day_ratio"], "yearly ratio vs the engine")
check(f["city.composite_index.now"]["text"] == city["composite_index"], "yearly index vs the engine")
check("同比" not in text("air-2025.txt") or "未作同比" in squash(text("air-2025.txt")),
      "2025 has no year before: no change is given")
check("本期未满" in squash(text("air-2026.txt")), "2026's data end before the year does")

# Water figures are the engine's.
f = figures(load("water-2025.json"))
w = load("engine-water-2025.json")["city"]
check(int(f["city.sections"]["text"]) == w["sections"], "water: sections vs the engine")
check(Decimal(f["city.share_good.now"]["text"]) == Decimal(str(w["share_I_III_percent"])), "water: share vs the engine")

# The year-on-year arithmetic, recomputed from the printed figures of each
# table row: now, before, and the change word with its magnitude.
WORDS = {"上升": 1, "下降": -1, "持平": 0}


def recompute(now, before, kind, decimals=1):
    now, before = Decimal(now), Decimal(before)
    value = (now - before) / before * 100 if kind == "%" else now - before
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


rows_checked = 0
for name in ["air-2026-10", "air-2026", "water-2025", "water-2025-07", "bulletin-2025"]:
    for line in text(name + ".txt").splitlines():
        m = re.search(r"(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(上升|下降|持平)(\d+(?:\.\d+)?)?(%|个百分点)?", line)
        if not m:
            continue
        now, before, word, magnitude, unit = m.groups()
        kind = "%" if unit == "%" else "points"
        if word == "持平":
            kind = "points" if "个百分点" in line or "断面" in line or "比例" in line else "%"
        expected = recompute(now, before, kind)
        if word == "持平":
            check(expected == 0, f"{name}: {line.strip()}: flat but recomputed {expected}")
        else:
            check(WORDS[word] * Decimal(magnitude) == expected,
                  f"{name}: {line.strip()}: recomputed {expected}")
        rows_checked += 1
check(rows_checked >= 20, f"year-on-year rows found in the PDF text: {rows_checked}")

# The bulletin's parts are the yearly reports: every figure of the air and
# water reports of 2025 is the bulletin's, with the same text and exact value;
# its warnings and areas are the store's.
for lang in ["", "-en"]:
    b = figures(load(f"bulletin-2025{lang}.json"))
    for part, prefix in [(f"air-2025{lang}", "air."), (f"water-2025{lang}", "water.")]:
        for key, fig in figures(load(part + ".json")).items():
            got = b.get(prefix + key)
            check(got is not None and got["text"] == fig["text"] and got["exact"] == fig["exact"],
                  f"bulletin{lang}: {prefix}{key} = {got and got['text']}, the {part} report prints {fig['text']}")
    check(b["warnings.raised"]["text"] == text("warnings-2025.txt").strip(), f"bulletin{lang}: warnings raised")
    check(int(b["warnings.raised"]["text"]) == sum(int(b[f"warnings.{k}"]["text"]) for k in ["closed", "lifted", "open"]),
          f"bulletin{lang}: closed + lifted + open = raised")
    for line in text("space-2025.txt").split():
        layer, m2 = line.split("=")
        check(Fraction(b[f"space.{layer}.area"]["exact"]) == Fraction(int(m2), 10**6),
              f"bulletin{lang}: {layer} area vs the store")
        change = Decimal(b[f"space.{layer}.area"]["text"]) - Decimal(b[f"space.{layer}.baseline_area"]["text"])
        check(change == Decimal(b[f"space.{layer}.change"]["text"]), f"bulletin{lang}: {layer} change from the printed areas")
# Compared with the approved baseline of 2020 (the demo's), and the text says which.
base2020 = dict(line.split("=") for line in text("space-2020.txt").split())
for name in ["bulletin-2025", "bulletin-2025-en", "bulletin-approved"]:
    b = figures(load(name + ".json"))
    check(b["space.baseline_basis"]["text"] in ("审批基准", "approved baseline") and b["space.baseline"]["text"] == "2020",
          f"{name}: compared with the approved baseline of 2020")
    for layer, m2 in base2020.items():
        check(Fraction(b[f"space.{layer}.baseline_area"]["exact"]) == Fraction(int(m2), 10**6),
              f"{name}: {layer} baseline area is the 2020 layer's")
check("较2020年审批基准" in squash(text("bulletin-2025.txt")), "bulletin: says it compares with the approved baseline")
b = figures(load("bulletin-earliest.json"))
check(b["space.baseline_basis"]["text"] == "最早图层" and "space.baseline" not in b,
      "without an approved baseline: the earliest layers")
check(b["space.red-line.baseline_area"]["text"] == b["space.red-line.area"]["text"],
      "without an approved baseline: the red line against its earliest layer (2018, a copy of 2025)")
earliest = " ".join(str(x) for x in load("bulletin-earliest.json")["body"])
check("2018年最早图层" in earliest and "尚未审定审批基准" in earliest,
      "without an approved baseline: the text names the earliest layer")
bul = squash(text("bulletin-2025.txt"))
check("张环〔2026〕1号" in bul, "bulletin: its number is printed")
check(all(h in bul for h in ["一、环境空气质量", "二、地表水环境质量", "三、生态环境预警", "四、生态空间"]),
      "bulletin: the four parts")
check(all(f"表{i}" in bul for i in range(1, 10)) and "表10" not in bul, "bulletin: tables numbered 1-9 through")
check(all(f"图{i}" in bul for i in range(1, 4)) and "图4" not in bul, "bulletin: figures numbered 1-3 through")

# Every chart draws the figures its table prints: the bars' texts are a column
# of the table before it, and each is in the PDF text.
charts = 0
for name in ["air-2025", "air-2025-en", "water-2025", "bulletin-2025", "bulletin-2025-en"]:
    body = load(name + ".json")["body"]
    last_table = None
    for block in body:
        if "table" in block:
            last_table = block["table"]
        if "chart" in block:
            charts += 1
            c = block["chart"]
            columns = [[row[i] for row in last_table["rows"]] for i in range(len(last_table["header"]))]
            check(c["labels"] == columns[0] and c["values"] in columns,
                  f"{name}: {c['caption']}: the bars are the table's figures")
            check(squash(c["caption"]) in squash(text(name + ".txt")), f"{name}: {c['caption']} is printed")
check(charts == 2 + 2 + 1 + 3 + 3, f"charts found: {charts}")
m = figures(load("air-2025.json"))
check(len([k for k in m if k.startswith("city.month.")]) == 24, "air-2025: twelve months of PM2.5 and good days")

# The report card: formal fields, the template notice only in the appendix.
card = load("card.json")
pdf = text("card.txt")
check("张生态办〔2026〕1号" in pdf, "card: document number")
check("2026年1月5日" in pdf, "card: date of issue")
body = squash(pdf.split("附件")[0])
check("TEMPLATE" not in body and "占位值" not in body, "card: no template notice across the card")
check("占位值" in squash(pdf.split("附件")[-1]), "card: the template notice in the appendix")
check("线性计分" not in body, "card: scoring details only in the appendix")
print(f"{passed} passed, {failures} failed")
sys.exit(1 if failures else 0)
PY
py=$?
[ "$py" -eq 0 ] || failures=$((failures + 1))
finish
