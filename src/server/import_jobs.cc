#include "import_jobs.h"

#include <cctype>
#include <filesystem>
#include <fstream>

#include "ecociv/core/message_codes.h"
#include "ecociv/core/message_text.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/scoring/assessment_store.h"
#include "ecociv/store/import.h"
#include "ecociv/store/water_store.h"

namespace ecociv::server {

namespace fs = std::filesystem;

namespace {

bool IsStoreKind(const std::string& kind) {
  return kind == "stations" || kind == "air" || kind == "sections" || kind == "water";
}
bool IsIndicatorTable(const std::string& kind) {
  return kind == "units" || kind == "plan" || kind == "projects" || kind == "values";
}
// Tables kept whole: the demonstration-zone tables and the people.
bool IsTable(const std::string& kind) { return IsIndicatorTable(kind) || kind == "people"; }

// The demonstration-zone tables (indicators::ImportTableFile) and the people
// (scoring::ImportPeopleFile): all or nothing, no per-row rejects; the result
// is put in the store's terms.
StatusOr<store::ImportResult> ImportTable(store::Database* db, const std::string& kind,
                                          const std::string& path, const std::string& name,
                                          const store::Actor& actor) {
  ECOCIV_ASSIGN_OR_RETURN(int rows, kind == "people"
                                        ? scoring::ImportPeopleFile(db, path, name, actor)
                                        : indicators::ImportTableFile(db, kind, path, name, actor));
  store::ImportResult result;
  result.rows_inserted = rows;
  result.outcome = store::ImportOutcome::kImported;
  result.source = name;
  return result;
}

// A row problem as the interface receives it.
nlohmann::json ProblemJson(const RowProblem& p) {
  nlohmann::json args = nlohmann::json::object();
  for (const auto& [name, value] : p.reason.args) args[name] = value;
  return {{"where", p.where}, {"line", p.line}, {"code", p.reason.code}, {"args", args}};
}

}  // namespace

// The known endings, longest first; matched without regard to case (AIR.CSV).
constexpr const char* kUploadEndings[] = {".csv.gz", ".csv.xz", ".csv", ".xlsx", ".gz", ".xz"};

std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The ending of an accepted name ("" when none).
std::string UploadEnding(const std::string& name) {
  const std::string lower = LowerAscii(name);
  for (const char* ending : kUploadEndings) {
    const std::string e = ending;
    if (lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0)
      return e;
  }
  return "";
}

bool ValidUploadName(const std::string& name) {
  // Names as Windows users make them ("air reimport (1).csv", "AIR.CSV",
  // "空气数据(GBK导出).csv"): any printable text without a folder, since the
  // name is only shown, never used as a path (the file is stored as "upload"
  // plus its ending).
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return false;
  }
  if (name.find("..") != std::string::npos) return false;
  return !UploadEnding(name).empty();
}

ImportJobs::~ImportJobs() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(threads_);
  }
  for (std::thread& t : threads) t.join();
}

StatusOr<int64_t> ImportJobs::Start(const std::string& kind, const std::string& name,
                                    std::string bytes, const std::string& who, bool skip_bad_rows) {
  if (!IsStoreKind(kind) && !IsTable(kind)) {
    return InvalidArgumentError(
        "kind must be stations, air, sections, water, units, plan, projects, values or people");
  }
  if (!ValidUploadName(name)) {
    return InvalidArgumentError("file name " + QuoteForMessage(name) +
                                ": a plain name ending in .csv, .xlsx, .gz or .xz");
  }
  if (bytes.empty()) return InvalidArgumentError("the file is empty");
  if (bytes.size() > kMaxImportBytes) return InvalidArgumentError("the file is over 64 MiB");
  std::string pattern = (fs::temp_directory_path() / "ecociv-upload-XXXXXX").string();
  if (!mkdtemp(pattern.data())) return InternalError("cannot create a temporary folder");
  // Not the user's name: the reader only needs the ending to know the format.
  std::string path = (fs::path(pattern) / ("upload" + UploadEnding(name))).string();
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return InternalError("cannot write the uploaded file");
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (running_ >= 2) {
    fs::remove_all(pattern);
    return FailedPreconditionError("two imports are running; try again when one has finished");
  }
  auto job = std::make_shared<Job>();
  job->id = next_id_++;
  job->kind = kind;
  job->name = name;
  job->who = who;
  jobs_[job->id] = job;
  ++running_;
  threads_.emplace_back([this, job, path, skip_bad_rows] { Run(job, path, skip_bad_rows); });
  return job->id;
}

void ImportJobs::Run(std::shared_ptr<Job> job, std::string path, bool skip_bad_rows) {
  store::ImportOptions options;
  options.skip_bad_rows = skip_bad_rows;
  options.actor = store::Actor{job->who, "web import of " + job->name};
  options.progress_every = 5000;
  options.progress = [job](int64_t rows) { job->rows_written = rows; };
  StatusOr<store::ImportResult> result = InternalError("not run");
  store::OpenOptions open;
  open.migrate = false;
  auto db = store::OpenDatabase(db_path_, open);
  if (!db.ok()) {
    result = db.status();
  } else if (IsTable(job->kind)) {
    result = ImportTable(db->get(), job->kind, path, job->name, options.actor);
  } else if (job->kind == "stations") {
    result = store::ImportStationsFile(db->get(), path, options);
  } else if (job->kind == "air") {
    result = store::ImportAirFile(db->get(), path, options);
  } else if (job->kind == "sections") {
    result = store::ImportSectionsFile(db->get(), path, options);
  } else {
    result = store::ImportWaterFile(db->get(), path, options);
  }
  fs::remove_all(fs::path(path).parent_path());
  std::lock_guard<std::mutex> lock(mu_);
  --running_;
  // Show the uploaded name, not the temporary file it was imported from.
  std::string folder = fs::path(path).parent_path().string() + "/";
  auto strip = [&](std::string text) {
    for (size_t at; (at = text.find(path)) != std::string::npos;)
      text.replace(at, path.size(), job->name);
    for (size_t at; (at = text.find(folder)) != std::string::npos;) text.erase(at, folder.size());
    return text;
  };
  if (!result.ok()) {
    job->state = "failed";
    job->error = strip(std::string(result.status().message()));
    RowProblem problem = RowProblemOf(job->error);
    if (problem.reason.code != "other") job->error_problem = ProblemJson(problem);
    return;
  }
  job->state = "done";
  job->summary = IsTable(job->kind) ? job->name + ": " + std::to_string(result->rows_inserted) +
                                          " " + job->kind + " rows stored (all or nothing)"
                                    : strip(result->Summary());
  job->rows_written = result->rows_inserted + result->rows_revised;
  job->rows_inserted = result->rows_inserted;
  job->rows_revised = result->rows_revised;
  job->rows_unchanged = result->rows_unchanged;
  job->rows_rejected = static_cast<int64_t>(result->rejects.size());
  job->outcome = result->outcome == store::ImportOutcome::kImported    ? "imported"
                 : result->outcome == store::ImportOutcome::kUnchanged ? "unchanged"
                                                                       : "rejected";
  for (size_t i = 0; i < result->rejects.size() && i < 100; ++i) {
    job->rejects.push_back(strip(result->rejects[i]));
    job->problems.push_back(ProblemJson(RowProblemOf(job->rejects.back())));
  }
}

StatusOr<nlohmann::json> ImportJobs::Get(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return NotFoundError("no import " + std::to_string(id));
  const Job& j = *it->second;
  return nlohmann::json{{"id", j.id},
                        {"kind", j.kind},
                        {"name", j.name},
                        {"who", j.who},
                        {"state", j.state},
                        {"rows_written", j.rows_written.load()},
                        {"summary", j.summary},
                        {"outcome", j.outcome},
                        {"rejects", j.rejects},
                        {"problems", j.problems},
                        {"error", j.error},
                        {"error_problem", j.error_problem},
                        {"rows_inserted", j.rows_inserted},
                        {"rows_revised", j.rows_revised},
                        {"rows_unchanged", j.rows_unchanged},
                        {"rows_rejected", j.rows_rejected}};
}

}  // namespace ecociv::server
