#!/usr/bin/env bash
# Writes a national year of hourly air data in the CNEMC format to OUT
# (default /tmp/ecociv_national_year.csv, about 1.6 GB; never into the
# repository) for timing `air daily` and `air assess` on a year: the real
# release of 2026-02-26..2026-07-24 (149 days, about 1,600 stations) as it
# is, and the same rows moved 149 and 298 days earlier to fill the 216 days
# from 2025-07-25, so the year holds 365 days of real station-hours.
# Usage: bench/national_year.sh [OUT]
set -euo pipefail
OUT=${1:-/tmp/ecociv_national_year.csv}
REAL="$(cd "$(dirname "$0")/.." && pwd)/../shared/data/real/cnemc-national-hourly-2026"
[ -d "$REAL" ] || { echo "real data not found at $REAL" >&2; exit 1; }
FIRST=2025-07-25
ls "$REAL"/cnemc_2026-0[2-7].csv.xz >/dev/null
python3 - "$REAL" "$OUT" "$FIRST" <<'PY'
import datetime, lzma, sys
real, out, first = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3])
months = [f"{real}/cnemc_2026-0{m}.csv.xz" for m in range(2, 8)]
shifted = {}
def shift(tp, days):
    key = (tp, days)
    r = shifted.get(key)
    if r is None:
        d = datetime.date.fromisoformat(tp[:10]) - datetime.timedelta(days=days)
        r = None if d < first else d.isoformat() + tp[10:]
        shifted[key] = r
    return r
with open(out, "w", encoding="utf-8", newline="") as f:
    header = None
    for days in (298, 149, 0):  # oldest first: the file runs forward in time
        for path in months:
            with lzma.open(path, "rt", encoding="utf-8", newline="") as src:
                h = src.readline()
                if header is None:
                    header = h
                    f.write(h)
                block = []
                for line in src:
                    tp = line[:15]
                    if days == 0:
                        block.append(line)
                    else:
                        t = shift(tp, days)
                        if t is not None:
                            block.append(t + line[15:])
                    if len(block) >= 100000:
                        f.writelines(block)
                        block = []
                f.writelines(block)
PY
ls -l "$OUT"
