#!/usr/bin/env python3
"""The national surface-water release through `ecociv water classify --period sample`.

What a bureau receiving the automatic stations' unrounded values (HJ 212)
would do: the release's rows of one month become a samples file (wide form,
the raw value of every item, the last capture of each section and monitoring
time) and a sections file (the type guessed from the names with the words of
the rule file, as docs/water.md says); the per-sample classes of
`ecociv water classify --period sample` are compared with the published ones.
`ecociv water check-published` is the full check; this one goes through the
samples reader and the per-sample table.

Usage: water_release_samples.py ECOCIV RELEASE.csv.xz [MONTH]   (MONTH: 2025-11)
Prints the section-times, those with a published class and how many agree.
"""
import csv
import lzma
import os
import subprocess
import sys
import tempfile

ITEMS = ["ph", "do", "codmn", "nh3n", "tp", "tn"]
CLASSES = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "劣Ⅴ": "劣V"}
# The words of [section_type] in standards/cnemc-auto-release-2025.toml.
RIVER_CONTAINS, RIVER_ENDS = ("运河", "干渠"), ("渠", "河", "江", "塘")
LAKE_CONTAINS, LAKE_ENDS = ("湖", "水库", "淀"), ("海", "池", "泊")
SECTION_LAKE = ("湖心", "库心", "湖中", "库中", "水库", "库区")


def guess(river, section):
    if river:
        if any(w in river for w in RIVER_CONTAINS) or river.endswith(RIVER_ENDS):
            return "river"
        lake = any(w in river for w in LAKE_CONTAINS) or river.endswith(LAKE_ENDS)
    else:
        lake = any(w in section for w in SECTION_LAKE)
    return "lake" if lake else "river"


def number(text):
    try:
        float(text)
        return text
    except ValueError:
        return ""


def main():
    ecociv, release = sys.argv[1], sys.argv[2]
    month = sys.argv[3] if len(sys.argv) > 3 else "2025-11"
    with lzma.open(release, "rt", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # River names from every row (the 2026 layout has none), as check-published does.
    rivers, last = {}, {}
    for r in rows:
        key = r["province"] + "/" + r["section"]
        if r["river"] or key not in rivers:
            rivers[key] = (r["river"], r["section"])
        if r["monitor_time"].startswith(month):
            last[(key, r["monitor_time"])] = r  # the file is in capture order
    with tempfile.TemporaryDirectory() as tmp:
        samples, sections = os.path.join(tmp, "samples.csv"), os.path.join(tmp, "sections.csv")
        with open(samples, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["section", "time"] + ITEMS)
            for (key, time), r in last.items():
                w.writerow([key, time] + [number(r[i + "_raw"]) for i in ITEMS])
        with open(sections, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["section", "name", "river", "type", "target_class", "level"])
            for key in sorted({k for k, _ in last}):
                river, section = rivers[key]
                w.writerow([key, section, river, guess(river, section), "III", "national"])
        out = subprocess.run([ecociv, "water", "classify", "--period", "sample", "--samples",
                              samples, "--sections", sections], check=True, capture_output=True,
                             text=True).stdout
    total = published = equal = 0
    for r in csv.DictReader(out.splitlines()):
        want = CLASSES.get(last[(r["section"], r["time"])]["class"], "")
        total += 1
        published += want != ""
        equal += want != "" and want == r["class"]
        if want != r["class"]:
            print("differs:", r["section"], r["time"], "published", want or "none",
                  "computed", r["class"] or "none")
    print(f"{month}: {total} section-times, {published} with a published class, "
          f"{equal} reproduced by classify --period sample from the unrounded values")
    return 0 if equal == published else 1


if __name__ == "__main__":
    sys.exit(main())
