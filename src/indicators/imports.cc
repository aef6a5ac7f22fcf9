// Units, plan and projects from CSV: every row checked first, then stored in
// one transaction with one change-record entry per file.
#include <map>
#include <set>

#include "ecociv/core/civil_time.h"
#include "ecociv/core/message_text.h"
#include "ecociv/core/parse_number.h"
#include "ecociv/core/text_input.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/xlsx.h"
#include "sql_util.h"

namespace ecociv::indicators {

namespace {

Status RowError(const std::string& file_name, int64_t line, const std::string& reason) {
  return InvalidArgumentError(file_name + ":" + std::to_string(line) + ": " + reason);
}

bool ParseInt(const std::string& text, int lo, int hi, int* out) {
  int64_t value = 0;
  if (!ParseIntegerInRange(text, lo, hi, &value)) return false;
  *out = static_cast<int>(value);
  return true;
}

Status LogImport(Database* db, const Actor& actor, const std::string& what,
                 const std::string& file_name, std::string_view csv, size_t rows) {
  store::LogEntry entry;
  entry.who = actor.who;
  entry.why = actor.why;
  entry.action = "indicators." + what;
  entry.object = what;
  entry.detail = file_name + ": " + std::to_string(rows) + " rows";
  entry.payload_sha256 = store::Sha256Hex(csv);
  return store::AppendLogEntry(db, std::move(entry)).status();
}

}  // namespace

StatusOr<int> ImportUnits(Database* db, std::string_view csv, const std::string& file_name,
                          const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, ReadCsvColumns(csv, file_name,
                                {"code", "name", "kind", "contact", "phone", "note"}, {"region"}));
  static const std::set<std::string> kKinds = {"department", "town", "district", "subdistrict"};
  std::set<std::string> seen;
  for (const CsvRow& r : rows) {
    if (r.fields[0].empty() || r.fields[1].empty()) {
      return RowError(file_name, r.line, "code and name are required");
    }
    if (!kKinds.count(r.fields[2])) {
      return RowError(file_name, r.line,
                      "kind " + QuoteForMessage(r.fields[2]) +
                          " must be department, town, district or subdistrict");
    }
    if (!seen.insert(r.fields[0]).second) {
      return RowError(file_name, r.line, "duplicate code " + QuoteForMessage(r.fields[0]));
    }
  }
  // The optional region column (store/regions.h); a unit keeps its region
  // when the file gives none.
  ECOCIV_ASSIGN_OR_RETURN(auto regions, store::ReadRegionColumn(csv, file_name, "code"));
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  for (const CsvRow& r : rows) {
    const auto& f = r.fields;
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "INSERT INTO ind_units (code, name, kind, contact, phone, note) "
                                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                                  "name = excluded.name, kind = excluded.kind, contact = "
                                  "excluded.contact, phone = excluded.phone, note = excluded.note",
                                  {f[0], f[1], f[2], f[3], f[4], f[5]}));
  }
  ECOCIV_RETURN_IF_ERROR(store::ApplyRegionColumn(db, "unit", regions, seen, actor));
  ECOCIV_RETURN_IF_ERROR(LogImport(db, actor, "units", file_name, csv, rows.size()));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return static_cast<int>(rows.size());
}

StatusOr<int> ImportPlan(Database* db, std::string_view csv, const std::string& file_name,
                         const Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows,
      ReadCsvColumns(csv, file_name, {"year", "indicator", "target", "units", "deadline"}));
  ECOCIV_ASSIGN_OR_RETURN(Catalogue cat, ActiveCatalogue(db));
  std::set<std::pair<int, std::string>> seen;
  std::vector<int64_t> years;  // per row, checked
  for (const CsvRow& r : rows) {
    int year = 0;
    if (!ParseInt(r.fields[0], 2000, 2100, &year)) {
      return RowError(file_name, r.line,
                      "year " + QuoteForMessage(r.fields[0]) + " out of range 2000-2100");
    }
    const Indicator* ind = cat.Find(r.fields[1]);
    if (ind == nullptr) {
      return RowError(
          file_name, r.line,
          "unknown indicator " + QuoteForMessage(r.fields[1]) + " in catalogue " + cat.name);
    }
    Ratio number;
    if (!r.fields[2].empty() && IsNumeric(ind->direction) &&
        !ParseExactDecimal(r.fields[2], &number)) {
      return RowError(file_name, r.line,
                      "target " + QuoteForMessage(r.fields[2]) + " is not a number");
    }
    if (!IsIsoDate(r.fields[4])) {
      return RowError(file_name, r.line,
                      "deadline " + QuoteForMessage(r.fields[4]) + " is not YYYY-MM-DD");
    }
    if (!seen.insert({year, r.fields[1]}).second) {
      return RowError(file_name, r.line, "duplicate row for " + r.fields[1]);
    }
    years.push_back(year);
  }
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& f = rows[i].fields;
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "INSERT OR REPLACE INTO ind_plans (year, indicator, target, "
                                  "units, deadline) VALUES (?, ?, ?, ?, ?)",
                                  {years[i], f[1], f[2], f[3], f[4]}));
  }
  ECOCIV_RETURN_IF_ERROR(LogImport(db, actor, "plan", file_name, csv, rows.size()));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return static_cast<int>(rows.size());
}

StatusOr<int> ImportProjects(Database* db, std::string_view csv, const std::string& file_name,
                             const Actor& actor) {
  // One row per milestone; the project's own fields repeat and must agree.
  ECOCIV_ASSIGN_OR_RETURN(
      auto rows, ReadCsvColumns(csv, file_name,
                                {"code", "year", "name", "unit", "budget_wan", "progress", "status",
                                 "milestone", "due", "done"}));
  static const std::set<std::string> kStatus = {"planned", "in_progress", "done", "suspended"};
  std::map<std::string, const CsvRow*> first;
  std::map<std::string, std::pair<int64_t, int64_t>> year_progress;  // per project, checked
  for (const CsvRow& r : rows) {
    const auto& f = r.fields;
    int year = 0, number = 0;
    Ratio budget;
    if (f[0].empty() || f[2].empty()) return RowError(file_name, r.line, "code and name required");
    if (!ParseInt(f[1], 2000, 2100, &year)) {
      return RowError(file_name, r.line,
                      "year " + QuoteForMessage(f[1]) + " out of range 2000-2100");
    }
    if (!ParseExactDecimal(f[4], &budget) || budget < Ratio::Integer(0)) {
      return RowError(file_name, r.line,
                      "budget_wan " + QuoteForMessage(f[4]) + " is not a non-negative number");
    }
    if (!ParseInt(f[5], 0, 100, &number)) {
      return RowError(file_name, r.line, "progress " + QuoteForMessage(f[5]) + " must be 0-100");
    }
    if (!kStatus.count(f[6])) {
      return RowError(
          file_name, r.line,
          "status " + QuoteForMessage(f[6]) + " must be planned, in_progress, done or suspended");
    }
    if (f[7].empty() || !IsIsoDate(f[8]) || (!f[9].empty() && !IsIsoDate(f[9]))) {
      return RowError(file_name, r.line,
                      "milestone needs a title, due YYYY-MM-DD, done date or empty");
    }
    year_progress.emplace(f[0], std::make_pair(year, number));
    auto [it, inserted] = first.emplace(f[0], &r);
    if (!inserted && !std::equal(f.begin(), f.begin() + 7, it->second->fields.begin())) {
      return RowError(file_name, r.line,
                      "project " + f[0] + " differs from line " + std::to_string(it->second->line));
    }
  }
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  for (const auto& [code, row] : first) {
    const auto& f = row->fields;
    ECOCIV_RETURN_IF_ERROR(RunSql(db, "DELETE FROM ind_milestones WHERE project = ?", {code}));
    ECOCIV_RETURN_IF_ERROR(RunSql(
        db,
        "INSERT OR REPLACE INTO ind_projects (code, year, name, unit, "
        "budget, progress, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {code, year_progress[code].first, f[2], f[3], f[4], year_progress[code].second, f[6]}));
  }
  std::map<std::string, int64_t> seq;
  for (const CsvRow& r : rows) {
    const auto& f = r.fields;
    ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                  "INSERT INTO ind_milestones (project, seq, title, due, done) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                  {f[0], ++seq[f[0]], f[7], f[8], f[9]}));
  }
  ECOCIV_RETURN_IF_ERROR(LogImport(db, actor, "projects", file_name, csv, rows.size()));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return static_cast<int>(first.size());
}

StatusOr<int> ImportTableFile(Database* db, const std::string& table, const std::string& path,
                              const std::string& shown_name, const Actor& actor) {
  const std::string name = shown_name.empty() ? path : shown_name;
  std::string csv;
  if (store::IsXlsxPath(path)) {
    ECOCIV_ASSIGN_OR_RETURN(auto sheets, store::ReadXlsxAsCsv(path));
    if (sheets.empty()) return InvalidArgumentError(name + ": no worksheet");
    csv = std::move(sheets[0].csv);
  } else {
    ECOCIV_ASSIGN_OR_RETURN(csv, ReadTextFile(path));
  }
  if (table == "units") return ImportUnits(db, csv, name, actor);
  if (table == "plan") return ImportPlan(db, csv, name, actor);
  if (table == "projects") return ImportProjects(db, csv, name, actor);
  if (table == "values") return ImportValues(db, csv, name, actor);
  return InvalidArgumentError("unknown table " + QuoteForMessage(table) +
                              " (units, plan, projects or values)");
}

}  // namespace ecociv::indicators
