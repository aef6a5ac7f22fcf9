#!/usr/bin/env python3
"""Writes the SYNTHETIC ecological-space layers of the demo city (scripts/demo-space/).

Every shape is made up: a county-sized boundary, red lines, control areas, two
years of land cover and a few construction projects, in the CGCS2000 3-degree
Gauss-Krüger zone with central meridian 120°E (EPSG:4549), metres. The answers
are known by construction (docs/space.md, "Demo"): the Yangtze wetland red line
loses a 50 m strip in 2025 (the logistics park's site), the forest park's
dominant function is lowered to recreation, the water-conservation control area
grows by 1 km², and three of five projects intrude (the logistics park only
touches the wetland as redrawn in 2025: its land was taken out of the red line); the
built-up area of both years, and two of the key projects' sites. Run: python3 scripts/demo-space/make.py
"""
import json
import math
import os

E0, N0 = 545000.0, 3520000.0  # about 120.5°E, 31.8°N
HERE = os.path.dirname(os.path.abspath(__file__))


def xy(x, y):
    return [round(E0 + x, 3), round(N0 + y, 3)]


def rect(x0, y0, x1, y1):
    return {"type": "Polygon",
            "coordinates": [[xy(x0, y0), xy(x1, y0), xy(x1, y1), xy(x0, y1), xy(x0, y0)]]}


def circle(cx, cy, r, n=180):
    ring = [xy(cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n))
            for i in range(n)]
    return {"type": "Polygon", "coordinates": [ring + [ring[0]]]}


def polygon(points):
    ring = [xy(x, y) for x, y in points]
    return {"type": "Polygon", "coordinates": [ring + [ring[0]]]}


def write(name, features):
    doc = {"type": "FeatureCollection",
           "name": name,
           "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4549"}},
           "features": [{"type": "Feature", "properties": p, "geometry": g}
                        for p, g in features]}
    with open(os.path.join(HERE, name + ".geojson"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def area(id_, name, category, level, function, geometry):
    return ({"id": id_, "name": name, "category": category, "control_level": level,
             "function": function, "synthetic": True}, geometry)


NATIONAL, PROVINCIAL = "国家级生态保护红线", "省级生态空间管控区域"
BOUNDARY = [(0, 0), (30000, 0), (30000, 18000), (26000, 25000), (8000, 25000), (0, 20000)]

write("boundary", [({"id": "county", "name": "演示县（合成数据，非真实行政区划）",
                     "synthetic": True}, polygon(BOUNDARY))])

red_2020 = [
    area("RL-01", "香山风景名胜区（合成）", "自然风景名胜区", NATIONAL, "自然与人文景观保护",
         rect(2000, 15000, 8000, 21000)),
    area("RL-02", "长江湿地（合成）", "重要湿地", NATIONAL, "洪水调蓄",
         rect(10000, 22000, 26000, 24500)),
    area("RL-03", "城北水源地（合成）", "饮用水水源保护区", NATIONAL, "水源水质保护",
         circle(20000, 12000, 1500)),
]
red_2025 = list(red_2020)
# The wetland loses a 50 m strip along its southern edge between x = 14 and 18 km.
red_2025[1] = area("RL-02", "长江湿地（合成）", "重要湿地", NATIONAL, "洪水调蓄",
                   polygon([(10000, 22000), (14000, 22000), (14000, 22050), (18000, 22050),
                            (18000, 22000), (26000, 22000), (26000, 24500), (10000, 24500)]))
write("red-line-2020", red_2020)
write("red-line-2025", red_2025)

control_2020 = [
    area("CA-01", "西部丘陵水源涵养区（合成）", "重要生态功能区", PROVINCIAL, "水源涵养",
         rect(15000, 14000, 25000, 20000)),
    area("CA-02", "暨阳森林公园（合成）", "森林公园", PROVINCIAL, "生物多样性维护",
         rect(3000, 5000, 7000, 9000)),
]
control_2025 = [
    area("CA-01", "西部丘陵水源涵养区（合成）", "重要生态功能区", PROVINCIAL, "水源涵养",
         rect(15000, 13900, 25000, 20000)),
    area("CA-02", "暨阳森林公园（合成）", "森林公园", PROVINCIAL, "生态休闲",
         rect(3000, 5000, 7000, 9000)),
]
write("control-area-2020", control_2020)
write("control-area-2025", control_2025)


def cover_of(i, j, year):
    x, y = i * 1000 + 500, j * 1000 + 500
    if y > 22000:
        return "水域" if y > 24000 else "湿地"
    if 2000 <= x <= 8000 and 15000 <= y <= 21000:
        return "林地"
    if 15000 <= x <= 25000 and 14000 <= y <= 20000:
        return "林地" if (i + j) % 3 else "草地"
    if 3000 <= x <= 7000 and 5000 <= y <= 9000:
        return "林地"
    if 11000 <= x <= 17000 and 4000 <= y <= 10000:
        # The town: a quarter of its cells parks in 2020; by 2025 new parks make it 5 in 12.
        green = (i + j) % 4 == 0 if year == 2020 else (i * 5 + j) % 12 < 5
        return "城市绿地" if green else "建设用地"
    if year == 2025 and 9000 <= x <= 13000 and 14000 <= y <= 18000:
        return "林地"  # afforestation between the two years
    return "耕地" if (i * 7 + j * 3) % 5 else "园地"


for year in (2020, 2025):
    cells = []
    for i in range(30):
        for j in range(25):
            cells.append(({"id": f"LC-{i:02d}-{j:02d}", "cover": cover_of(i, j, year)},
                          rect(i * 1000, j * 1000, i * 1000 + 1000, j * 1000 + 1000)))
    write(f"land-cover-{year}", cells)

# The built-up area (城市建成区): the town, grown by a 1 km strip to the south by 2025.
write("built-up-2020", [({"id": "BU-01", "name": "演示县城区（合成）", "synthetic": True},
                         rect(11000, 4000, 17000, 10000))])
write("built-up-2025", [({"id": "BU-01", "name": "演示县城区（合成）", "synthetic": True},
                         rect(11000, 3000, 17000, 10000))])

# P2025-02 and P2025-04 are key projects of the indicators' demo (their codes): the sewer
# works' 20 m corridor crosses the northern water-source red line, the rural works do not.
write("projects-2025", [
    ({"id": "P-01", "name": "沿江物流园（合成）"}, rect(14000, 21000, 18000, 22050)),
    ({"id": "P-02", "name": "丘陵光伏电站（合成）"}, rect(24000, 19000, 27000, 21000)),
    ({"id": "P-03", "name": "城南产业园（合成）"}, rect(6500, 8000, 9000, 10000)),
    ({"id": "P-05", "name": "城东商业区（合成）"}, rect(11000, 3000, 14000, 5000)),
    ({"id": "P-04", "name": "取水泵站（合成）"}, {"type": "Point", "coordinates": xy(20300, 12200)}),
    ({"id": "P2025-02", "name": "城镇污水管网提质增效（合成）"}, rect(17000, 11990, 23000, 12010)),
    ({"id": "P2025-04", "name": "农村生活污水治理提升（合成）"}, rect(1000, 1000, 2000, 1500)),
])
