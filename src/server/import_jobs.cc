#include "import_jobs.h"

#include <cctype>
#include <chrono>
#include <random>
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

// The finished job's outcome as its row keeps it (import_job_rows.h).
template <typename Strip>
nlohmann::json ResultJson(const StatusOr<store::ImportResult>& result, const ImportJobRow& row,
                          Strip strip) {
  nlohmann::json out = nlohmann::json::object();
  if (!result.ok()) {
    out["error"] = strip(std::string(result.status().message()));
    RowProblem problem = RowProblemOf(out["error"].get<std::string>());
    if (problem.reason.code != "other") out["error_problem"] = ProblemJson(problem);
    return out;
  }
  out["summary"] = IsTable(row.kind) ? row.name + ": " + std::to_string(result->rows_inserted) +
                                           " " + row.kind + " rows stored (all or nothing)"
                                     : strip(result->Summary());
  out["rows_inserted"] = result->rows_inserted;
  out["rows_revised"] = result->rows_revised;
  out["rows_unchanged"] = result->rows_unchanged;
  out["rows_rejected"] = static_cast<int64_t>(result->rejects.size());
  out["outcome"] = result->outcome == store::ImportOutcome::kImported    ? "imported"
                   : result->outcome == store::ImportOutcome::kUnchanged ? "unchanged"
                                                                         : "rejected";
  nlohmann::json rejects = nlohmann::json::array(), problems = nlohmann::json::array();
  for (size_t i = 0; i < result->rejects.size() && i < 100; ++i) {
    rejects.push_back(strip(result->rejects[i]));
    problems.push_back(ProblemJson(RowProblemOf(rejects.back().get<std::string>())));
  }
  out["rejects"] = std::move(rejects);
  out["problems"] = std::move(problems);
  return out;
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

namespace {

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Random, positive and below 2^53: unique across the servers of one store
// without asking it, and exact as a JavaScript number.
int64_t NewJobId() {
  static std::mutex mu;
  static std::mt19937_64 engine{std::random_device{}()};
  std::lock_guard<std::mutex> lock(mu);
  return static_cast<int64_t>(engine() % ((uint64_t{1} << 53) - 1)) + 1;
}

// How often a running job's row is renewed where that does not wait for the
// import's own transaction (PostgreSQL).
constexpr int64_t kRenewEverySeconds = 5;

}  // namespace

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
  job->row.id = NewJobId();
  job->row.kind = kind;
  job->row.name = name;
  job->row.who = who;
  jobs_[job->row.id] = job;
  ++running_;
  threads_.emplace_back([this, job, path, skip_bad_rows] { Run(job, path, skip_bad_rows); });
  return job->row.id;
}

void ImportJobs::Run(std::shared_ptr<Job> job, std::string path, bool skip_bad_rows) {
  const ImportJobRow row = job->row;  // its identity; the job's own row changes only when done
  store::ImportOptions options;
  options.skip_bad_rows = skip_bad_rows;
  options.actor = store::Actor{row.who, "web import of " + row.name};
  options.progress_every = 5000;
  StatusOr<store::ImportResult> result = InternalError("not run");
  store::OpenOptions open;
  open.migrate = false;
  auto db = store::OpenDatabase(db_path_, open);
  bool row_written = false;
  if (db.ok()) row_written = InsertRunningImportJob(db->get(), row, NowSeconds()).ok();
  // A second connection renews the row while the first imports, where the
  // import's transaction does not hold the write lock (PostgreSQL).
  std::unique_ptr<store::Database> renewer;
  if (row_written && (*db)->BackendName() == "postgresql") {
    auto second = store::OpenDatabase(db_path_, open);
    if (second.ok()) renewer = std::move(*second);
  }
  int64_t renewed_at = NowSeconds();
  options.progress = [&](int64_t rows) {
    job->rows_written = rows;
    if (renewer && NowSeconds() - renewed_at >= kRenewEverySeconds) {
      renewed_at = NowSeconds();
      (void)RenewImportJob(renewer.get(), row.id, rows, renewed_at);  // a missed beat is retried
    }
  };
  if (!db.ok()) {
    result = db.status();
  } else if (IsTable(row.kind)) {
    result = ImportTable(db->get(), row.kind, path, row.name, options.actor);
  } else if (row.kind == "stations") {
    result = store::ImportStationsFile(db->get(), path, options);
  } else if (row.kind == "air") {
    result = store::ImportAirFile(db->get(), path, options);
  } else if (row.kind == "sections") {
    result = store::ImportSectionsFile(db->get(), path, options);
  } else {
    result = store::ImportWaterFile(db->get(), path, options);
  }
  fs::remove_all(fs::path(path).parent_path());
  // Show the uploaded name, not the temporary file it was imported from.
  std::string folder = fs::path(path).parent_path().string() + "/";
  auto strip = [&](std::string text) {
    for (size_t at; (at = text.find(path)) != std::string::npos;)
      text.replace(at, path.size(), row.name);
    for (size_t at; (at = text.find(folder)) != std::string::npos;) text.erase(at, folder.size());
    return text;
  };
  ImportJobRow finished = row;
  finished.result = ResultJson(result, row, strip);
  finished.state = result.ok() ? "done" : "failed";
  finished.rows_written =
      result.ok() ? result->rows_inserted + result->rows_revised : job->rows_written.load();
  Finish(job, std::move(finished), db.ok() ? db->get() : nullptr, row_written);
}

void ImportJobs::Finish(std::shared_ptr<Job> job, ImportJobRow finished, store::Database* db,
                        bool row_written) {
  const bool stored = row_written && db && FinishImportJob(db, finished, NowSeconds()).ok();
  std::lock_guard<std::mutex> lock(mu_);
  --running_;
  job->rows_written = finished.rows_written;
  job->row = std::move(finished);
  if (stored) jobs_.erase(job->row.id);
}

StatusOr<nlohmann::json> ImportJobs::Get(store::Database* db, int64_t id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = jobs_.find(id);
    if (it != jobs_.end()) {
      ImportJobRow row = it->second->row;
      row.rows_written = it->second->rows_written.load();
      return ImportJobJson(row);
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(std::optional<nlohmann::json> stored,
                          LoadImportJob(db, id, NowSeconds()));
  if (!stored) return NotFoundError("no import " + std::to_string(id));
  return std::move(*stored);
}

}  // namespace ecociv::server
