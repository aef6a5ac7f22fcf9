#!/usr/bin/env python3
"""Converts ../shared/reference/indicators-national-2019.csv into the project's
catalogue form (catalogues/national-2019.csv). The mapping of each row's
target to a direction is a judgement recorded in MAP below and in the row's
notes; docs/indicators.md lists the simplifications."""
import csv, sys

# row: (direction, target_city, target_county, binding, applies, source, responsible, simplification)
MAP = {
 1: ("state", "制定实施", "制定实施", "binding", "", "reported", "生态环境局", ""),
 2: ("state", "有效开展", "有效开展", "binding", "", "reported", "市委办公室", ""),
 3: (">=", "20", "20", "binding", "", "reported", "市委组织部", ""),
 4: ("state", "全面实施", "全面实施", "binding", "", "reported", "水务局", ""),
 5: ("=", "100", "100", "binding", "", "reported", "生态环境局", ""),
 6: ("state", "开展", "开展", "city=reference|county=binding", "", "reported", "生态环境局", ""),
 7: ("up", "", "", "binding", "", "engine:air.good_day_ratio", "生态环境局",
     "Judged on the good-day ratio (%): not lower than last year (and the plan target if one is set); the PM2.5 part is shown by the air engine, not judged here."),
 8: ("up", "", "", "binding", "", "engine:water.class_iii_share", "生态环境局",
     "Judged on the share of sections at class III or better (%): not lower than last year (and the plan target if set); 劣V and black-odorous parts not judged here."),
 9: ("up", "", "", "binding", "coastal", "reported", "生态环境局", "Judged: share not lower than last year."),
 10: ("up", "60", "60", "binding", "", "reported", "生态环境局", "Other regions: ≥60 and not lower than last year (arid areas ≥35 not modelled)."),
 11: (">=", "plain=18|hill=40|mountain=60", "plain=18|hill=40|mountain=60", "reference", "", "engine:space.forest_grass_cover", "自然资源和规划局", "Arid (≥35) and plateau (≥70) targets not modelled. Computed when read from the land-cover layer of the year within the administrative boundary (ecociv space cover: the forest and grass classes of config/space-vocabulary.toml); a reported value counts only for a year without land cover."),
 12: (">=", "95", "95", "reference", "", "reported", "自然资源和规划局", "Judged on the key-species protection rate only; the other two parts not judged."),
 13: ("state", "完成上级管控目标", "完成上级管控目标", "reference", "coastal", "reported", "自然资源和规划局", ""),
 14: ("=", "100", "100", "binding", "", "reported", "生态环境局", ""),
 15: ("state", "建立", "建立", "reference", "", "reported", "自然资源和规划局", ""),
 16: ("state", "建立", "建立", "binding", "", "reported", "生态环境局", ""),
 17: ("state", "面积不减少，性质不改变，功能不降低", "面积不减少，性质不改变，功能不降低", "binding", "", "engine:space.natural_space", "自然资源和规划局", "Computed when read from the red-line and protected-area layers of the year against the approved baseline (ecociv space baseline; ecociv space compare): the state text when every area keeps the three promises, else the broken ones named (面积减少 / 性质改变 / 功能降低), the reasons per area as the inputs; 性质 is the category and control level; a reported value counts only for a year without the layers or baseline."),
 18: ("state", "完成上级管控目标", "完成上级管控目标", "binding", "coastal", "reported", "自然资源和规划局", ""),
 19: ("state", "完成上级管控目标", "完成上级管控目标", "reference", "", "reported", "水务局", ""),
 20: ("down", "", "", "binding", "", "derived: energy_use / gdp * 10000", "发展和改革委员会", "Judged: not higher than last year (and the plan target, the higher-level task, if set)."),
 21: ("down", "", "", "binding", "", "derived: water_use / gdp * 10000", "水务局", "Judged: not higher than last year (and the plan target, the higher-level task, if set)."),
 22: (">=", "4.5", "4.5", "reference", "", "reported", "自然资源和规划局", ""),
 23: ("state", "完成上级管控目标", "n/a", "reference", "city", "reported", "发展和改革委员会", ""),
 24: ("state", "完成年度审核计划", "n/a", "reference", "city", "reported", "生态环境局", ""),
 25: (">=", "n/a", "90", "reference", "county", "reported", "农业农村局", "Judged on straw utilisation (≥90) only; manure ≥75 and film ≥80 not judged."),
 26: (">=", "80", "80", "reference", "", "reported", "工业和信息化局", ""),
 27: ("=", "100", "100", "binding", "", "engine:water.drinking_source_share", "水务局", "Computed by the water engine over the sections marked drinking_source (the year's class at III or better; UNVERIFIED whether every monthly result must meet III instead)."),
 28: ("=", "n/a", "100", "binding", "county", "reported", "卫生健康委员会", ""),
 29: (">=", "95", "85", "binding", "", "reported", "水务局", ""),
 30: (">=", "95", "80", "binding", "", "reported", "城市管理局", ""),
 31: (">=", "15", "n/a", "reference", "city", "reported", "住房和城乡建设局", ""),
 32: ("state", "n/a", "完成上级规定的目标任务", "binding", "county", "reported", "农业农村局", ""),
 33: (">=", "50", "50", "reference", "", "reported", "住房和城乡建设局", ""),
 34: (">=", "50", "n/a", "reference", "city", "reported", "交通运输局", "Small/medium city target (≥50) used; large ≥60 and mega ≥70 not modelled."),
 35: ("state", "实施", "实施", "reference", "", "reported", "城市管理局", ""),
 36: (">=", "50", "n/a", "reference", "city", "reported", "商务局", "Judged on the energy-saving appliance share only."),
 37: (">=", "80", "80", "binding", "", "reported", "财政局", ""),
 38: ("=", "100", "100", "reference", "", "reported", "市委组织部", ""),
 39: (">=", "80", "80", "reference", "", "reported", "统计局", ""),
 40: (">=", "80", "80", "reference", "", "reported", "统计局", ""),
}
EVIDENCE = {1: "confirmed", 3: "partial", 39: "partial", 40: "partial"}

def main(src, dst):
    out = csv.writer(open(dst, "w", newline="", encoding="utf-8"), lineterminator="\n")
    out.writerow(["id", "domain", "name_zh", "name_en", "unit", "target_city", "target_county",
                  "direction", "binding", "applies", "source", "responsible", "evidence", "notes"])
    for row in csv.DictReader(open(src, encoding="utf-8")):
        n = int(row["id"])
        d, tc, tk, b, a, s, resp, simp = MAP[n]
        notes = (f"Published target (city / county): {row['target_city']} / {row['target_county']}; "
                 f"type {row['type']}. {simp} Reference note: {row['notes']}").replace("  ", " ")
        out.writerow([f"n2019_{n:02d}", row["domain_zh"], row["indicator_zh"], row["indicator_en"],
                      row["unit"], tc, tk, d, b, a, s, resp, EVIDENCE.get(n, "UNVERIFIED"), notes])
    inputs = [("gdp", "地区生产总值", "Gross domestic product", "万元", "统计局"),
              ("energy_use", "能源消费总量", "Total energy consumption", "万吨标准煤", "发展和改革委员会"),
              ("water_use", "用水总量", "Total water use", "万立方米", "水务局")]
    for i, zh, en, unit, resp in inputs:
        out.writerow([i, "基础数据", zh, en, unit, "", "", "input", "input", "", "reported", resp,
                      "confirmed", "Input figure of the derived indicators n2019_20 and n2019_21; not judged."])

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
