#!/usr/bin/env bash
# The ecological-space commands end to end on the SYNTHETIC demo layers
# (scripts/demo-space/): imports with their refusals (nothing stored, exit 2),
# the change record, compare / intrusions / cover in text and JSON, exit codes.
#   space_cli_test.sh path/to/ecociv
source "$(dirname "$0")/lib.sh" "$1"
SPACE=$(cd "$(dirname "$0")/../../scripts/demo-space" && pwd)
export ECOCIV_DB="$(store_db s)" ECOCIV_USER="cli-test"

expect 0 "db init" -- "$ECOCIV" db init
for spec in boundary:boundary:2020 red-line-2020:red-line:2020 red-line-2025:red-line:2025 \
  control-area-2020:control-area:2020 control-area-2025:control-area:2025 \
  land-cover-2020:land-cover:2020 land-cover-2025:land-cover:2025 projects-2025:projects:2025 \
  built-up-2020:built-up:2020 built-up-2025:built-up:2025; do
  IFS=: read -r file layer year <<<"$spec"
  expect 0 "import $file" -- "$ECOCIV" space import "$SPACE/$file.geojson" --layer "$layer" \
    --year "$year"
done
contains out "EPSG:4549" "source CRS named"
expect 0 "audit shows the imports" -- "$ECOCIV" audit log
contains out "import.space" "change record entry"
contains out "space:projects:2025" "change record object"

# Refusals: nothing stored.
before=$(store_sql "$ECOCIV_DB" "SELECT count(*) FROM space_features; SELECT count(*) FROM change_log")
sed 's/"重要湿地"/"沙漠"/' "$SPACE/red-line-2025.geojson" >"$WORK/bad-category.geojson"
expect 2 "unknown category" -- "$ECOCIV" space import "$WORK/bad-category.geojson" \
  --layer red-line --year 2025
contains err "feature 2: category '沙漠' is not in config/space-vocabulary.toml" "category refused"
python3 - "$SPACE/boundary.geojson" "$WORK/no-crs.geojson" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
del doc["crs"]
json.dump(doc, open(sys.argv[2], "w"))
PY
expect 2 "no CRS" -- "$ECOCIV" space import "$WORK/no-crs.geojson" --layer boundary --year 2024
contains err "declares no coordinate reference system" "no CRS refused"
printf '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},"features":[{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Polygon","coordinates":[[[120,31],[121,32],[121,31],[120,32],[120,31]]]}}]}' \
  >"$WORK/bowtie.geojson"
expect 2 "self-intersection" -- "$ECOCIV" space import "$WORK/bowtie.geojson" --layer boundary \
  --year 2024
contains err "feature 1: invalid geometry: Self-intersection" "bowtie refused"
printf 'not a geometry file' >"$WORK/junk.shp"
expect 2 "junk" -- "$ECOCIV" space import "$WORK/junk.shp" --layer boundary --year 2024
expect 2 "unknown layer" -- "$ECOCIV" space import "$SPACE/boundary.geojson" --layer rivers \
  --year 2024
expect 2 "year out of range" -- "$ECOCIV" space import "$SPACE/boundary.geojson" \
  --layer boundary --year 99999
after=$(store_sql "$ECOCIV_DB" "SELECT count(*) FROM space_features; SELECT count(*) FROM change_log")
check "refusals stored nothing" test "$before" = "$after"

expect 1 "compare: promises not kept" -- "$ECOCIV" space compare --year 2025 --baseline 2020
contains out "[未守住 NOT KEPT] RL-02" "wetland lost a strip"
contains out "面积减少 19.99" "the strip's area"
contains out "功能降低" "function lowered"
expect 1 "compare json" -- "$ECOCIV" space compare --year 2025 --baseline 2020 --format json
contains out '"areas_not_kept": 2' "json count"
contains out '"lost_geometry": {' "lost parts as polygons"
expect 0 "compare a year with itself" -- "$ECOCIV" space compare --year 2020 --baseline 2020
expect 2 "compare without baseline" -- "$ECOCIV" space compare --year 2025
# The approved baseline: the red-line indicator (n2019_17) compares each year with it when read.
expect 0 "no baseline yet" -- "$ECOCIV" space baseline
contains out "no approved baseline is set" "none set"
expect 0 "no baseline: the red-line figure has no data" -- "$ECOCIV" indicators engine-figures --year 2025
contains out "space.natural_space 2025: no_data | indicators n2019_17 | no approved baseline" "no data without a baseline"
expect 2 "a baseline without layers" -- "$ECOCIV" space baseline --year 2019
contains err "no red line, control area or protected area of 2019 is stored" "refused"
expect 0 "baseline set" -- "$ECOCIV" space baseline --year 2020 --why "plan approved"
contains out "approved baseline: 2020" "baseline shown"
expect 1 "compare with the approved baseline" -- "$ECOCIV" space compare --year 2025
contains out "[未守住 NOT KEPT] RL-02" "the approved baseline used"
expect 0 "the red-line figure" -- "$ECOCIV" indicators engine-figures --year 2025
contains out "space.natural_space 2025: 面积减少，性质不改变，功能不降低 | indicators n2019_17" "the state with the broken promises"
contains out "RL-02" "the reasons per area"
contains out "space.control_area 2025: 面积不减少，性质不改变，功能降低 | indicators - |" "the forest park control area lowered in function"
expect 0 "the indicator not met" -- "$ECOCIV" indicators status --year 2025
contains out "n2019_17 | binding | not_met | value 面积减少，性质不改变，功能不降低" "n2019_17 not met"
expect 0 "the baseline year keeps its promises" -- "$ECOCIV" indicators engine-figures --year 2020
contains out "space.natural_space 2020: 面积不减少，性质不改变，功能不降低 |" "met in the baseline year"
expect 0 "audit shows the baseline" -- "$ECOCIV" audit log
contains out "space:baseline" "change record of the baseline"
expect 2 "compare years with nothing" -- "$ECOCIV" space compare --year 2030 --baseline 2031
expect 2 "bad format" -- "$ECOCIV" space cover --year 2025 --format xml

# Key projects (the indicators' table) are checked at the projects-layer feature with their code.
printf 'code,year,name,unit,budget_wan,progress,status,milestone,due,done\nP2025-02,2025,城镇污水管网提质增效,水务局,8650.5,80,in_progress,雨污分流改造,2025-10-31,\nP2025-05,2025,生态文明宣传教育基地,市委宣传部,680,0,planned,选址与方案,2026-02-28,\n' \
  >"$WORK/projects.csv"
expect 0 "key projects" -- "$ECOCIV" indicators projects import "$WORK/projects.csv"
expect 1 "intrusions" -- "$ECOCIV" space intrusions --year 2025 --raise-warnings
contains out "占用 intrusions: 4" "four intrusions"
contains out "P-04" "point project"
contains out "P2025-02 城镇污水管网提质增效（合成） → 生态保护红线 RL-03" "a key project's site intrudes"
contains out "[重点项目 key project, 水务局]" "named as a key project with its unit"
contains out "无选址未核对 no site, not checked: 1" "a key project without a site is said so"
contains out "P2025-05 生态文明宣传教育基地 (市委宣传部)" "the key project without a site"
contains err "4 raised" "raised as warnings"
expect 0 "warnings listed" -- "$ECOCIV" warn list
contains out "space-intrusions" "warning rule set"
expect 1 "intrusions json" -- "$ECOCIV" space intrusions --year 2025 --format json
contains out '"project": "P-02"' "json intrusion"
contains out '"site_year": null' "json key project without a site"

expect 0 "cover" -- "$ECOCIV" space cover --year 2025
contains out "森林覆盖率 forest cover: 15.08%" "forest cover"
contains out "林草覆盖率 forest and grass: 17.88%" "forest and grass cover"
contains out "建成区绿化覆盖率 urban green cover: 42.85% (建成区 2025 年版" "urban green cover in the built-up area"
expect 0 "cover json" -- "$ECOCIV" space cover --year 2020 --format json --output "$WORK/c.json"
contains c.json '"forest_cover_percent": 12.85' "json cover"
contains c.json '"green_cover_percent": 27.78' "json urban green cover of 2020"
expect 0 "list" -- "$ECOCIV" space list
contains out "land-cover 2025: 750" "list counts"
contains out "built-up 2025: 1" "the built-up area listed apart"
contains out "boundary 2020: 1" "the boundary listed apart"
expect 0 "db verify" -- "$ECOCIV" db verify

finish
