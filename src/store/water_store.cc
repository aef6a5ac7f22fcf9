// Surface-water sections and samples in the store (see water_store.h).
#include "ecociv/store/water_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "batch.h"
#include "canonical.h"
#include "ecociv/core/message_text.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/regions.h"
#include "ecociv/store/review.h"
#include "entity_writer.h"
#include "import_source.h"
#include "station_table.h"

namespace ecociv::store {

namespace {

constexpr int kMaxRejects = 10000;
constexpr size_t kMaxRevisionsListed = 100;

// Runs `parse` (which stops at the first bad row, "file:line: reason") again
// and again, blanking each rejected line, so that every bad row is listed and
// the last run holds the good rows. A header error or one that names no new
// line ends the loop as a file-level error; a line-less error after rows were
// rejected (e.g. "no sections") means no good rows are left.
template <typename Parse>
Status ParseCollectingRejects(std::string text, Parse parse, std::vector<std::string>* rejects) {
  std::set<int64_t> blanked;
  for (int round = 0; round <= kMaxRejects; ++round) {
    Status status = parse(std::string_view(text));
    if (status.ok()) return status;
    int64_t line = LineOfReject(status.message());
    // Once every row was rejected, the file-level "no rows" error means "no good rows".
    if (line == 0 && !blanked.empty() && status.code() == StatusCode::kInvalidArgument) {
      return Status::Ok();
    }
    if (line <= 1 || blanked.count(line) || status.code() != StatusCode::kInvalidArgument) {
      return status;
    }
    rejects->push_back(status.message());
    blanked.insert(line);
    size_t begin = 0;
    for (int64_t l = 1; l < line && begin != std::string::npos; ++l) {
      begin = text.find('\n', begin);
      if (begin != std::string::npos) ++begin;
    }
    if (begin == std::string::npos) return status;
    size_t end = text.find('\n', begin);
    text.erase(begin, end == std::string::npos ? std::string::npos : end - begin);
  }
  return InvalidArgumentError("more than " + std::to_string(kMaxRejects) + " bad rows");
}

SectionRow RowOfSection(const water::Section& s) {
  SectionRow row;
  row.code = s.id;
  row.name = s.name;
  row.river = s.river;
  row.basin = s.basin;
  row.type = water::WaterBodyName(s.type);
  row.target_class = static_cast<int64_t>(s.target);
  row.level = water::SectionLevelName(s.level);
  row.chief = s.chief;
  row.drinking_source = s.drinking_source;
  row.categories = water::JoinCategories(s.categories);
  row.chief_name = s.chief_name;
  row.chief_post = s.chief_post;
  row.chief_unit = s.chief_unit;
  return row;
}

water::Section SectionOfRow(const SectionRow& row) {
  water::Section s;
  s.id = row.code;
  s.name = row.name;
  s.river = row.river;
  s.basin = row.basin;
  for (auto body :
       {water::WaterBody::kRiver, water::WaterBody::kLake, water::WaterBody::kReservoir}) {
    if (row.type == water::WaterBodyName(body)) s.type = body;
  }
  s.target = static_cast<water::WaterClass>(row.target_class);
  for (auto level : {water::SectionLevel::kNational, water::SectionLevel::kProvincial,
                     water::SectionLevel::kMunicipal, water::SectionLevel::kTown}) {
    if (row.level == water::SectionLevelName(level)) s.level = level;
  }
  s.chief = row.chief;
  s.drinking_source = row.drinking_source;
  s.categories = water::SplitCategories(row.categories);
  s.chief_name = row.chief_name;
  s.chief_post = row.chief_post;
  s.chief_unit = row.chief_unit;
  return s;
}

// ---- sections --------------------------------------------------------------

void BindSection(Statement* upsert, const SectionRow& row, int64_t batch_id) {
  const std::string* texts[] = {&row.code, &row.name, &row.river, &row.basin, &row.type};
  for (int i = 0; i < 5; ++i) upsert->BindText(i, *texts[i]);
  upsert->BindInt64(5, row.target_class);
  upsert->BindText(6, row.level);
  upsert->BindText(7, row.chief);
  upsert->BindInt64(8, batch_id);
  upsert->BindInt64(9, row.drinking_source ? 1 : 0);
  const std::string* added[] = {&row.categories, &row.chief_name, &row.chief_post,
                                &row.chief_unit};
  for (int i = 0; i < 4; ++i) upsert->BindText(10 + i, *added[i]);
}

const EntityTable<SectionRow> kSectionTable = {
    "sections",
    "INSERT INTO sections (code, name, river, basin, type, target_class, level, chief, "
    "batch_id, drinking_source, categories, chief_name, chief_post, chief_unit) VALUES (?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO "
    "UPDATE SET name = excluded.name, river = excluded.river, basin = excluded.basin, type = "
    "excluded.type, target_class = excluded.target_class, level = excluded.level, chief = "
    "excluded.chief, batch_id = excluded.batch_id, drinking_source = excluded.drinking_source, "
    "categories = excluded.categories, chief_name = excluded.chief_name, chief_post = "
    "excluded.chief_post, chief_unit = excluded.chief_unit",
    BindSection, SectionCanonical};

StatusOr<std::vector<SectionRow>> ParseSectionParts(const ImportSource& source,
                                                    std::vector<std::string>* rejects) {
  std::vector<SectionRow> rows;
  std::map<std::string, std::string> first_seen;
  for (const SourcePart& part : source.parts()) {
    std::vector<water::Section> sections;
    auto parse = [&](std::string_view text) {
      auto parsed = water::ParseSections(text, part.label);
      if (parsed.ok()) sections = std::move(parsed).value();
      return parsed.ok() ? Status::Ok() : parsed.status();
    };
    ECOCIV_RETURN_IF_ERROR(ParseCollectingRejects(part.text, parse, rejects));
    for (const water::Section& s : sections) {
      auto [it, fresh] = first_seen.emplace(s.id, part.label);
      if (!fresh) {
        rejects->push_back(part.label + ": section " + QuoteForMessage(s.id) +
                           " already defined in " + it->second);
        continue;
      }
      rows.push_back(RowOfSection(s));
    }
  }
  return rows;
}

// ---- samples ---------------------------------------------------------------

using SampleKey = std::tuple<int32_t, DayNumber, int16_t>;  // section index, day, item

// The samples of every part, one per (section, day, item); a second,
// different value for a key is rejected.
Status ParseSampleParts(const ImportSource& source, const water::WaterRules& rules,
                        water::SampleSet* set, std::vector<std::string>* rejects) {
  std::map<SampleKey, water::Sample> unique;
  for (const SourcePart& part : source.parts()) {
    water::SampleSet part_set;
    part_set.sections = set->sections;
    auto parse = [&](std::string_view text) {
      return water::ParseSamples(text, part.label, rules, &part_set);
    };
    ECOCIV_RETURN_IF_ERROR(ParseCollectingRejects(part.text, parse, rejects));
    for (const water::Sample& s : part_set.samples) {
      auto [it, fresh] = unique.emplace(SampleKey{s.section, s.day, s.item}, s);
      const water::Sample& first = it->second;
      if (fresh || (first.value == s.value && first.below_detection == s.below_detection)) {
        continue;
      }
      rejects->push_back(part.label + ": section " + set->sections[s.section].id + " " +
                         FormatDate(s.day) + " " + rules.item(s.item).id + ": two values (" +
                         FormatShortest(first.value, water::kWaterDecimals) + " and " +
                         FormatShortest(s.value, water::kWaterDecimals) + ") for one day");
    }
  }
  for (const auto& [key, sample] : unique) set->samples.push_back(sample);
  return Status::Ok();
}

class WaterWriter {
 public:
  WaterWriter(Database* db, BatchRecord* batch) : db_(db), batch_(batch) {}

  Status Prepare();
  // Writes the samples of one section (all with that section index).
  Status WriteSection(const SectionRow& section, const std::vector<WaterRow>& rows);

  RowHashList* mutable_hashes() { return &hashes_; }
  const std::vector<std::string>& revisions() const { return revisions_; }

 private:
  static void BindRow(Statement* stmt, const WaterRow& row) {
    stmt->BindInt64(0, row.section_id);
    stmt->BindInt64(1, row.day);
    stmt->BindText(2, row.item);
    stmt->BindInt64(3, row.value);
    stmt->BindInt64(4, row.below_detection);
    stmt->BindInt64(5, row.limit_known);
  }
  Status Revise(const SectionRow& section, const WaterRow& old, const WaterRow& row);

  Database* db_;
  BatchRecord* batch_;
  std::unique_ptr<Statement> insert_, select_, update_, keep_old_;
  RowHashList hashes_;
  std::vector<std::string> revisions_;
};

Status WaterWriter::Prepare() {
  ECOCIV_ASSIGN_OR_RETURN(
      insert_,
      db_->Prepare("INSERT INTO water_samples (section_id, day, item, value, "
                   "below_detection, limit_known, batch_id, flag) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?)"));
  ECOCIV_ASSIGN_OR_RETURN(
      select_, db_->Prepare("SELECT day, item, value, below_detection, limit_known, batch_id, "
                            "flag FROM water_samples WHERE section_id = ?"));
  ECOCIV_ASSIGN_OR_RETURN(
      update_, db_->Prepare("UPDATE water_samples SET value = ?4, below_detection = ?5, "
                            "limit_known = ?6, batch_id = ?7, flag = ?8 WHERE section_id = ?1 AND "
                            "day = ?2 AND item = ?3"));
  ECOCIV_ASSIGN_OR_RETURN(
      keep_old_, db_->Prepare("INSERT INTO water_revisions (section_id, day, item, value, "
                              "below_detection, limit_known, batch_id, superseded_by, flag) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  return Status::Ok();
}

Status WaterWriter::Revise(const SectionRow& section, const WaterRow& old, const WaterRow& row) {
  BindRow(keep_old_.get(), old);
  keep_old_->BindInt64(6, old.batch_id);
  keep_old_->BindInt64(7, batch_->id);
  keep_old_->BindText(8, old.flag);
  ECOCIV_RETURN_IF_ERROR(keep_old_->Run());
  BindRow(update_.get(), row);
  update_->BindInt64(6, batch_->id);
  update_->BindText(7, row.flag);
  ECOCIV_RETURN_IF_ERROR(update_->Run());
  if (revisions_.size() < kMaxRevisionsListed) {
    revisions_.push_back(section.code + " " + FormatDate(DayNumber(row.day)) + " " + row.item +
                         " " + (old.below_detection ? "<" : "") +
                         FormatShortest(old.value, water::kWaterDecimals) +
                         (old.flag.empty() ? "" : " (" + old.flag + ")") + " → " +
                         (row.below_detection ? "<" : "") +
                         FormatShortest(row.value, water::kWaterDecimals) +
                         (row.flag.empty() ? "" : " (" + row.flag + ")"));
  }
  return Status::Ok();
}

Status WaterWriter::WriteSection(const SectionRow& section, const std::vector<WaterRow>& rows) {
  std::map<std::pair<int64_t, std::string>, WaterRow> existing;
  select_->BindInt64(0, section.id);
  Status status;
  while (select_->Step(&status)) {
    WaterRow row;
    row.section_id = section.id;
    row.day = select_->ColumnInt64(0);
    row.item = select_->ColumnText(1);
    row.value = select_->ColumnInt64(2);
    row.below_detection = select_->ColumnInt64(3) != 0;
    row.limit_known = select_->ColumnInt64(4) != 0;
    row.batch_id = select_->ColumnInt64(5);
    row.flag = select_->ColumnText(6);
    existing.emplace(std::make_pair(row.day, row.item), row);
  }
  select_->Reset();
  ECOCIV_RETURN_IF_ERROR(status);
  for (const WaterRow& row : rows) {
    auto old = existing.find({row.day, row.item});
    if (old != existing.end() &&
        WaterRowCanonical(section.code, old->second) == WaterRowCanonical(section.code, row)) {
      ++batch_->rows_unchanged;
      continue;
    }
    if (old != existing.end()) {
      ECOCIV_RETURN_IF_ERROR(Revise(section, old->second, row));
      ++batch_->rows_revised;
    } else {
      BindRow(insert_.get(), row);
      insert_->BindInt64(6, batch_->id);
      insert_->BindText(7, row.flag);
      ECOCIV_RETURN_IF_ERROR(insert_->Run());
      ++batch_->rows_inserted;
    }
    hashes_.Set(WaterRowKey(row), RowFingerprint(WaterRowCanonical(section.code, row)));
  }
  return Status::Ok();
}

// `flags` is empty or parallel to set.samples (0 or 'N': no flag).
Status WriteSamples(Database* db, const water::SampleSet& set, const water::WaterRules& rules,
                    const std::map<std::string, SectionRow>& sections,
                    const std::vector<char>& flags, WaterWriter* writer) {
  ECOCIV_RETURN_IF_ERROR(writer->Prepare());
  std::vector<std::vector<WaterRow>> by_section(set.sections.size());
  for (size_t i = 0; i < set.samples.size(); ++i) {
    const water::Sample& s = set.samples[i];
    WaterRow row;
    if (i < flags.size() && flags[i] != 0 && flags[i] != 'N') row.flag = std::string(1, flags[i]);
    row.section_id = sections.at(set.sections[s.section].id).id;
    row.day = s.day;
    row.item = rules.item(s.item).id;
    row.value = s.value;
    row.below_detection = s.below_detection;
    row.limit_known = s.limit_known;
    by_section[s.section].push_back(std::move(row));
  }
  for (size_t i = 0; i < by_section.size(); ++i) {
    if (by_section[i].empty()) continue;
    ECOCIV_RETURN_IF_ERROR(writer->WriteSection(sections.at(set.sections[i].id), by_section[i]));
  }
  return Status::Ok();
}

struct WaterDecision {
  std::string item;  // item id or "all"
  int64_t from, to;
  bool invalidate;
};

StatusOr<std::vector<WaterDecision>> DecisionsOf(Statement* query, int64_t section_id) {
  std::vector<WaterDecision> decisions;
  query->BindInt64(0, section_id);
  Status status;
  while (query->Step(&status)) {
    decisions.push_back({query->ColumnText(0), query->ColumnInt64(1), query->ColumnInt64(2),
                         query->ColumnText(3) == "invalidate"});
  }
  query->Reset();
  ECOCIV_RETURN_IF_ERROR(status);
  return decisions;
}

// The last decision covering a sample wins.
bool Invalidated(const std::vector<WaterDecision>& decisions, int64_t day,
                 const std::string& item) {
  bool invalid = false;
  for (const WaterDecision& d : decisions) {
    if (day >= d.from && day <= d.to && (d.item == "all" || d.item == item)) {
      invalid = d.invalidate;
    }
  }
  return invalid;
}

std::string RevisionDetail(const std::vector<std::string>& revisions) {
  std::string detail;
  for (size_t i = 0; i < revisions.size() && i < 20; ++i) {
    detail += (i ? "; " : "; revised values: ") + revisions[i];
  }
  return detail;
}

}  // namespace

StatusOr<std::map<std::string, SectionRow>> ReadSectionTable(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto query,
                          db->Prepare("SELECT id, code, name, river, basin, type, target_class, "
                                      "level, chief, batch_id, drinking_source, categories, "
                                      "chief_name, chief_post, chief_unit FROM sections"));
  std::map<std::string, SectionRow> sections;
  Status status;
  while (query->Step(&status)) {
    SectionRow s;
    s.id = query->ColumnInt64(0);
    s.code = query->ColumnText(1);
    s.name = query->ColumnText(2);
    s.river = query->ColumnText(3);
    s.basin = query->ColumnText(4);
    s.type = query->ColumnText(5);
    s.target_class = query->ColumnInt64(6);
    s.level = query->ColumnText(7);
    s.chief = query->ColumnText(8);
    s.batch_id = query->ColumnInt64(9);
    s.drinking_source = query->ColumnInt64(10) != 0;
    s.categories = query->ColumnText(11);
    s.chief_name = query->ColumnText(12);
    s.chief_post = query->ColumnText(13);
    s.chief_unit = query->ColumnText(14);
    sections.emplace(s.code, std::move(s));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return sections;
}

StatusOr<ImportResult> ImportSectionsFile(Database* db, const std::string& path,
                                          const ImportOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<ImportSource> source, ImportSource::Open(path));
  ImportResult result;
  result.source = path;
  ECOCIV_ASSIGN_OR_RETURN(result.batch_id, FindBatchByContent(db, "sections", source->digest()));
  if (result.batch_id != 0) {
    result.outcome = ImportOutcome::kUnchanged;
    return result;
  }
  ECOCIV_ASSIGN_OR_RETURN(auto rows, ParseSectionParts(*source, &result.rejects));
  if (!result.rejects.empty() && !options.skip_bad_rows) {
    result.outcome = ImportOutcome::kRejected;
    return result;
  }
  // The optional region column (as a station list's; an unknown region refuses the file).
  std::vector<RegionCell> regions;
  for (const SourcePart& part : source->parts()) {
    ECOCIV_ASSIGN_OR_RETURN(auto cells, ReadRegionColumn(part.text, part.label, "section"));
    regions.insert(regions.end(), cells.begin(), cells.end());
  }
  std::set<std::string> imported;
  for (const SectionRow& row : rows) imported.insert(row.code);
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  BatchRecord batch;
  batch.kind = "sections";
  batch.source = path;
  batch.content_sha256 = source->digest();
  ECOCIV_RETURN_IF_ERROR(CreateBatch(db, options.actor, &batch));
  RowHashList hashes;
  std::string revised;
  ECOCIV_ASSIGN_OR_RETURN(auto existing, ReadSectionTable(db));
  ECOCIV_RETURN_IF_ERROR(
      WriteEntities(db, kSectionTable, rows, existing, &batch, &hashes, &revised));
  ECOCIV_RETURN_IF_ERROR(ApplyRegionColumn(db, "section", regions, imported, options.actor));
  std::string extra = revised.empty() ? "" : "; revised sections: " + revised;
  ECOCIV_RETURN_IF_ERROR(FinishBatch(db, options.actor, &hashes, result.rejects, extra, &batch));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  result.batch_id = batch.id;
  result.rows_inserted = batch.rows_inserted;
  result.rows_revised = batch.rows_revised;
  result.rows_unchanged = batch.rows_unchanged;
  if (!revised.empty()) result.revisions.push_back("sections " + revised);
  return result;
}

namespace {

// The write half of a water import, inside the caller's transaction: the
// batch, its rows, fingerprints, change-record entry and screening.
Status WriteWaterBatch(Database* db, const water::SampleSet& set, const water::WaterRules& rules,
                       const std::map<std::string, SectionRow>& sections,
                       const std::vector<char>& flags, const std::string& source,
                       const std::string& content_sha256, const ImportOptions& options,
                       ImportResult* result) {
  BatchRecord batch;
  batch.kind = "water";
  batch.source = source;
  batch.content_sha256 = content_sha256;
  ECOCIV_RETURN_IF_ERROR(CreateBatch(db, options.actor, &batch));
  WaterWriter writer(db, &batch);
  ECOCIV_RETURN_IF_ERROR(WriteSamples(db, set, rules, sections, flags, &writer));
  ECOCIV_RETURN_IF_ERROR(FinishBatch(db, options.actor, writer.mutable_hashes(), result->rejects,
                                     RevisionDetail(writer.revisions()), &batch));
  if (options.screen && batch.rows_inserted + batch.rows_revised > 0) {
    if (options.review_rules != nullptr) {
      ECOCIV_ASSIGN_OR_RETURN(result->flags_raised,
                              ScreenBatchWithRules(db, batch.id, *options.review_rules,
                                                   options.standards_dir));
    } else {
      ECOCIV_ASSIGN_OR_RETURN(result->flags_raised, ScreenBatch(db, batch.id, options.review_config,
                                                                options.standards_dir));
    }
  }
  result->batch_id = batch.id;
  result->rows_inserted = batch.rows_inserted;
  result->rows_revised = batch.rows_revised;
  result->rows_unchanged = batch.rows_unchanged;
  result->revisions = writer.revisions();
  return Status::Ok();
}

}  // namespace

StatusOr<ImportResult> ImportWaterFile(Database* db, const std::string& path,
                                       const ImportOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(std::unique_ptr<ImportSource> source, ImportSource::Open(path));
  ImportResult result;
  result.source = path;
  ECOCIV_ASSIGN_OR_RETURN(result.batch_id, FindBatchByContent(db, "water", source->digest()));
  if (result.batch_id != 0) {
    result.outcome = ImportOutcome::kUnchanged;
    return result;
  }
  ECOCIV_ASSIGN_OR_RETURN(water::WaterRules rules, water::WaterRules::Load(options.standards_dir));
  ECOCIV_ASSIGN_OR_RETURN(auto sections, ReadSectionTable(db));
  water::SampleSet set;
  for (const auto& [code, row] : sections) set.sections.push_back(SectionOfRow(row));
  ECOCIV_RETURN_IF_ERROR(ParseSampleParts(*source, rules, &set, &result.rejects));
  if (!result.rejects.empty() && !options.skip_bad_rows) {
    result.outcome = ImportOutcome::kRejected;
    return result;
  }
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(
      WriteWaterBatch(db, set, rules, sections, {}, path, source->digest(), options, &result));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

StatusOr<ImportResult> ImportWaterSamples(Database* db, const water::SampleSet& set,
                                          const water::WaterRules& rules,
                                          const std::vector<char>& flags,
                                          const std::string& source,
                                          const std::string& content_sha256,
                                          const ImportOptions& options) {
  ImportResult result;
  result.source = source;
  ECOCIV_ASSIGN_OR_RETURN(result.batch_id, FindBatchByContent(db, "water", content_sha256));
  if (result.batch_id != 0) {
    result.outcome = ImportOutcome::kUnchanged;
    return result;
  }
  ECOCIV_ASSIGN_OR_RETURN(auto sections, ReadSectionTable(db));
  for (const water::Section& section : set.sections) {
    if (!sections.count(section.id)) {
      return InvalidArgumentError(source + ": unknown section '" + section.id + "'");
    }
  }
  if (options.in_transaction) {
    ECOCIV_RETURN_IF_ERROR(WriteWaterBatch(db, set, rules, sections, flags, source,
                                           content_sha256, options, &result));
    return result;
  }
  Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  ECOCIV_RETURN_IF_ERROR(WriteWaterBatch(db, set, rules, sections, flags, source, content_sha256,
                                         options, &result));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

StatusOr<water::SampleSet> LoadWaterSamples(Database* db, const WaterQuery& query,
                                            const water::WaterRules& rules) {
  ECOCIV_ASSIGN_OR_RETURN(auto sections, ReadSectionTable(db));
  // Sections in the order they were first stored (the order of the sections
  // file), so results list them as a run on the files would.
  std::vector<std::pair<std::string, decltype(sections.begin()->second)>> in_order(sections.begin(),
                                                                                   sections.end());
  std::sort(in_order.begin(), in_order.end(),
            [](const auto& a, const auto& b) { return a.second.id < b.second.id; });
  water::SampleSet set;
  std::vector<int64_t> ids;
  for (const auto& [code, row] : in_order) {
    if (!query.sections.empty() &&
        std::find(query.sections.begin(), query.sections.end(), code) == query.sections.end()) {
      continue;
    }
    set.sections.push_back(SectionOfRow(row));
    ids.push_back(row.id);
  }
  if (set.sections.empty()) return NotFoundError("no section in the database matches");
  ECOCIV_ASSIGN_OR_RETURN(auto select,
                          db->Prepare("SELECT day, item, value, below_detection, limit_known, "
                                      "flag FROM water_samples WHERE section_id = ? AND day "
                                      "BETWEEN ? AND ? ORDER BY day, item"));
  ECOCIV_ASSIGN_OR_RETURN(auto decisions_query,
                          db->Prepare("SELECT pollutant, label_from, label_to, action FROM "
                                      "review_decisions WHERE section_id = ? ORDER BY id"));
  for (size_t i = 0; i < ids.size(); ++i) {
    std::vector<WaterDecision> decisions;
    if (!query.include_invalidated) {
      ECOCIV_ASSIGN_OR_RETURN(decisions, DecisionsOf(decisions_query.get(), ids[i]));
    }
    select->BindInt64(0, ids[i]);
    select->BindInt64(1, query.from.value_or(INT32_MIN));
    select->BindInt64(2, query.to.value_or(INT32_MAX));
    Status status;
    while (select->Step(&status)) {
      water::Sample s;
      s.section = static_cast<int32_t>(i);
      s.day = static_cast<DayNumber>(select->ColumnInt64(0));
      if (!decisions.empty() && Invalidated(decisions, s.day, select->ColumnText(1))) continue;
      if (!query.include_flagged && !select->ColumnIsNull(5) && !select->ColumnText(5).empty()) {
        continue;
      }
      int item = rules.IndexOf(select->ColumnText(1));
      if (item < 0)
        return NotFoundError("stored item " + QuoteForMessage(select->ColumnText(1)) +
                             " is unknown "
                             "to the water rules");
      s.item = static_cast<int16_t>(item);
      s.value = select->ColumnInt64(2);
      s.below_detection = select->ColumnInt64(3) != 0;
      s.limit_known = select->ColumnInt64(4) != 0;
      set.samples.push_back(s);
    }
    select->Reset();
    ECOCIV_RETURN_IF_ERROR(status);
  }
  return set;
}

}  // namespace ecociv::store
