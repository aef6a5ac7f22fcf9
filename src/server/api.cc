#include "ecociv/server/api.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "data_service.h"
#include "ecociv/core/embedded_files.h"
#include "ecociv/core/percent_encoding.h"
#include "ecociv/core/text_input.h"
#include "ecociv/indicators/indicator_store.h"
#include "ecociv/indicators/report.h"
#include "ecociv/server/accounts.h"
#include "ecociv/server/pages.h"
#include "ecociv/store/review.h"
#include "ecociv/store/verify.h"
#include "ecociv/store/water_store.h"
#include "ecociv/warning/water_warning.h"
#include "ecociv/warning/webhook.h"
#include "ecociv/warning/workflow.h"
#include "import_jobs.h"
#include "outbox_delivery.h"

const ecociv::EmbeddedFile* EmbeddedOpenApi(size_t* count);

namespace ecociv::server {
namespace {

using store::Database;

// Role sets as bit masks; kPublic routes need no session.
constexpr unsigned Bit(Role r) { return 1u << static_cast<int>(r); }
constexpr unsigned kPublic = 0;
constexpr unsigned kAnyone = Bit(Role::kAdmin) | Bit(Role::kAnalyst) | Bit(Role::kReporter) |
                             Bit(Role::kLeader) | Bit(Role::kAuditor);
constexpr unsigned kReaders =
    Bit(Role::kAdmin) | Bit(Role::kAnalyst) | Bit(Role::kLeader) | Bit(Role::kAuditor);
constexpr unsigned kAdmin = Bit(Role::kAdmin);
constexpr unsigned kAnalyst = Bit(Role::kAnalyst);
constexpr unsigned kEntry = Bit(Role::kAdmin) | Bit(Role::kAnalyst) | Bit(Role::kReporter);
constexpr unsigned kReviewers = Bit(Role::kAdmin) | Bit(Role::kAnalyst);
constexpr unsigned kAuditors = Bit(Role::kAdmin) | Bit(Role::kAuditor);
constexpr size_t kMaxEvidenceBytes = 8 << 20;  // 8 MiB per evidence file

Status Denied(const std::string& m) { return Status(StatusCode::kPermissionDenied, m); }
Status NoSession() { return Status(StatusCode::kUnauthenticated, "not logged in"); }

// What a handler sees.
struct Call {
  const HttpRequest& request;
  std::map<std::string, std::string> params;  // path parameters
  std::optional<Session> session;
  Database* db;
  Json body;  // parsed for requests with a body
  std::string Query(const std::string& name) const {
    for (const auto& [k, v] : request.query)
      if (k == name) return v;
    return "";
  }
  store::Actor Actor(const std::string& why = "") const {
    return store::Actor{session ? session->user.name : "anonymous", why};
  }
};

using Handler = std::function<StatusOr<HttpResponse>(Call&)>;

struct Route {
  const char* method;
  const char* path;
  unsigned roles;  // kPublic: no session needed
  Handler handler;
};

HttpResponse BodyResponse(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

HttpResponse JsonResponse(const Json& j, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.body = j.dump();
  return r;
}

// Typed fields of a JSON body: InvalidArgument naming the field.
StatusOr<std::string> StringField(const Json& body, const char* name, bool required = true,
                                  size_t max = 2000) {
  if (!body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgumentError(std::string("missing field '") + name + "'");
    return std::string();
  }
  if (!it->is_string())
    return InvalidArgumentError(std::string("field '") + name + "' must be a string");
  std::string v = it->get<std::string>();
  if (v.size() > max) return InvalidArgumentError(std::string("field '") + name + "' is too long");
  return v;
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

Json UserJson(const User& u) {
  return {{"name", u.name}, {"role", RoleName(u.role)}, {"unit", u.unit}, {"disabled", u.disabled}};
}

class DbPool {
 public:
  explicit DbPool(std::string path) : path_(std::move(path)) {}
  StatusOr<std::unique_ptr<Database>> Take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        auto db = std::move(free_.back());
        free_.pop_back();
        return db;
      }
    }
    store::OpenOptions options;
    options.migrate = false;
    return store::OpenSqliteDatabase(path_, options);
  }
  void Give(std::unique_ptr<Database> db) {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.size() < 16) free_.push_back(std::move(db));
  }

 private:
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Database>> free_;
};

class ApiImpl : public Api {
 public:
  ApiImpl(const ApiOptions& options, std::unique_ptr<DataService> data)
      : options_(options),
        pool_(options.db_path),
        data_(std::move(data)),
        throttle_(options.login_max_per_user, options.login_max_per_address),
        imports_(options.db_path),
        delivery_(options.db_path,
                  {options.webhook_url, options.webhook_secret, options.webhook_ca_file},
                  options.deliver_every_seconds) {}

  // The background webhook delivery (when configured); stopped by ~OutboxDelivery.
  void StartDelivery() { delivery_.Start(); }

  HttpResponse Handle(const HttpRequest& request) override;
  const std::vector<Route>& RouteTable();

 private:
  StatusOr<HttpResponse> Dispatch(const HttpRequest& request, Database* db);
  std::string SessionCookie(const std::string& value, int max_age) const {
    return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" +
           (options_.secure_cookies ? "; Secure" : "") + "; Max-Age=" + std::to_string(max_age);
  }
  // Reporters see only their unit's stations and sections.
  StatusOr<bool> MaySee(const Call& c, const std::string& kind, const std::string& code) {
    if (c.session->user.role != Role::kReporter) return true;
    ECOCIV_ASSIGN_OR_RETURN(auto codes, UnitAssets(c.db, c.session->user.unit, kind));
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  }

  // Handlers.
  StatusOr<HttpResponse> Login(Call& c);
  StatusOr<HttpResponse> Series(Call& c, bool hourly);
  StatusOr<HttpResponse> Decide(Call& c);
  StatusOr<HttpResponse> ExportXlsx(Call& c);
  StatusOr<HttpResponse> PutPage(Call& c);
  StatusOr<HttpResponse> PageContent(Call& c);
  StatusOr<HttpResponse> Changes(Call& c);
  StatusOr<HttpResponse> Flags(Call& c);
  // Indicators (issue 5 on the web).
  StatusOr<HttpResponse> Indicators(Call& c);
  StatusOr<HttpResponse> IndicatorsExport(Call& c);
  StatusOr<HttpResponse> SetIndicatorValue(Call& c);
  StatusOr<HttpResponse> SubmitIndicator(Call& c);
  StatusOr<HttpResponse> ReviewIndicator(Call& c);
  StatusOr<HttpResponse> AddEvidence(Call& c);
  StatusOr<HttpResponse> ListEvidence(Call& c);
  StatusOr<HttpResponse> DownloadEvidence(Call& c);
  StatusOr<HttpResponse> Projects(Call& c);
  StatusOr<HttpResponse> ProjectProgress(Call& c);
  // Early warning (issue 8 on the web).
  StatusOr<HttpResponse> Warnings(Call& c);
  StatusOr<HttpResponse> WarningDetail(Call& c);
  StatusOr<HttpResponse> WarningStep(Call& c, const std::string& step);
  StatusOr<HttpResponse> EvaluateWarnings(Call& c);
  StatusOr<HttpResponse> EvaluateAirTargets(Call& c, DayNumber as_of);
  StatusOr<HttpResponse> EscalateWarnings(Call& c);
  StatusOr<HttpResponse> Outbox(Call& c);
  StatusOr<HttpResponse> DeliverOutbox(Call& c);
  StatusOr<HttpResponse> AddQuiet(Call& c);
  StatusOr<HttpResponse> EndQuiet(Call& c);

  ApiOptions options_;
  DbPool pool_;
  std::unique_ptr<DataService> data_;
  LoginThrottle throttle_;
  ImportJobs imports_;
  OutboxDelivery delivery_;
  std::vector<Route> routes_;
  std::once_flag routes_once_;
};

StatusOr<HttpResponse> ApiImpl::Login(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
  ECOCIV_ASSIGN_OR_RETURN(std::string password, StringField(c.body, "password", true, 256));
  auto now = LoginThrottle::Clock::now();
  if (!throttle_.Allowed(name, c.request.remote_addr, now)) {
    HttpResponse r = JsonResponse(
        {{"code", "TOO_MANY_REQUESTS"}, {"message", "too many failed logins; try again later"}},
        429);
    r.headers.emplace_back("Retry-After", "900");
    return r;
  }
  auto session = server::Login(c.db, name, password, c.request.remote_addr);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kUnauthenticated) {
      throttle_.RecordFailure(name, c.request.remote_addr, now);
    }
    return session.status();
  }
  throttle_.RecordSuccess(name);
  HttpResponse r = JsonResponse({{"user", UserJson(session->user)}, {"csrf", session->csrf}});
  r.headers.emplace_back("Set-Cookie", SessionCookie(session->id, kSessionSeconds));
  return r;
}

StatusOr<HttpResponse> ApiImpl::Series(Call& c, bool hourly) {
  std::string id = c.Query("id");
  if (id.empty()) return InvalidArgumentError("id (a station code or city) is required");
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
  std::string kind = data_->KindOf(*snap, id);
  if (kind.empty()) return NotFoundError("no station or city '" + id + "'");
  if (c.session->user.role == Role::kReporter) {
    if (kind == "city") return Denied("a unit reporter sees its own stations only");
    ECOCIV_ASSIGN_OR_RETURN(bool ok, MaySee(c, "station", id));
    if (!ok) return Denied("station " + id + " belongs to another unit");
  }
  std::string standard = c.Query("standard");
  if (standard == "auto") standard.clear();
  ECOCIV_ASSIGN_OR_RETURN(
      ResultPtr rows, hourly ? data_->Hourly(*snap, id, c.Query("from"), c.Query("to"), standard)
                             : data_->Daily(*snap, id, c.Query("from"), c.Query("to"), standard));
  return BodyResponse("{\"id\":" + Json(id).dump() + ",\"kind\":\"" + kind +
                      "\",\"rows\":" + rows->body + "}");
}

StatusOr<HttpResponse> ApiImpl::Flags(Call& c) {
  store::FlagFilter filter;
  filter.status = c.Query("status");
  filter.subject = c.Query("station");
  if (!filter.status.empty() && filter.status != "suspect" && filter.status != "invalidated" &&
      filter.status != "cleared") {
    return InvalidArgumentError("status must be suspect, invalidated or cleared");
  }
  ECOCIV_ASSIGN_OR_RETURN(auto flags, store::ListFlags(c.db, filter));
  Json rows = Json::array();
  for (const auto& f : flags) {
    bool water = f.flag.water;
    rows.push_back({{"id", f.id},
                    {"kind", water ? "water" : "air"},
                    {"station", f.flag.subject},
                    {"pollutant", f.flag.pollutant},
                    {"from", water ? FormatDate(f.flag.from) : FormatHourLabel(f.flag.from)},
                    {"to", water ? FormatDate(f.flag.to) : FormatHourLabel(f.flag.to)},
                    {"rule", f.flag.rule},
                    {"detail", f.flag.detail},
                    {"status", f.status}});
    if (rows.size() >= 2000) break;
  }
  return JsonResponse({{"flags", rows}});
}

StatusOr<HttpResponse> ApiImpl::Decide(Call& c) {
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  auto id = c.body.find("flag_id");
  if (id == c.body.end() || !id->is_number_integer() || id->get<int64_t>() <= 0) {
    return InvalidArgumentError("field 'flag_id' must be a positive integer");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string action, StringField(c.body, "action", true, 20));
  if (action != "invalidate" && action != "clear") {
    return InvalidArgumentError("action must be invalidate or clear");
  }
  ECOCIV_ASSIGN_OR_RETURN(std::string reason, StringField(c.body, "reason", true, 1000));
  if (reason.empty()) return InvalidArgumentError("a reason is required");
  store::DecisionRequest request;
  request.action = action;
  request.flag_id = id->get<int64_t>();
  request.reason = reason;
  ECOCIV_ASSIGN_OR_RETURN(int64_t decision, store::RecordDecision(c.db, request, c.Actor(reason)));
  return JsonResponse({{"decision", decision}}, 201);
}

StatusOr<HttpResponse> ApiImpl::Changes(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(auto entries, store::ReadLog(c.db, c.Query("since")));
  Json rows = Json::array();
  // Newest first, at most 1000.
  for (auto e = entries.rbegin(); e != entries.rend() && rows.size() < 1000; ++e) {
    rows.push_back({{"seq", e->seq},
                    {"at", e->at},
                    {"who", e->who},
                    {"action", e->action},
                    {"object", e->object},
                    {"detail", e->detail},
                    {"why", e->why},
                    {"hash", e->hash}});
  }
  return JsonResponse({{"entries", rows}, {"total", entries.size()}});
}

StatusOr<HttpResponse> ApiImpl::PutPage(Call& c) {
  const std::string& slug = c.params["slug"];
  ECOCIV_ASSIGN_OR_RETURN(std::string title, StringField(c.body, "title", true, 200));
  ECOCIV_ASSIGN_OR_RETURN(std::string kind, StringField(c.body, "kind", true, 40));
  auto published = c.body.find("published");
  if (published != c.body.end() && !published->is_boolean()) {
    return InvalidArgumentError("field 'published' must be true or false");
  }
  bool on = published == c.body.end() || published->get<bool>();
  ECOCIV_RETURN_IF_ERROR(PublishPage(c.db, slug, title, kind, on, c.Actor()));
  return JsonResponse({{"slug", slug}, {"title", title}, {"kind", kind}, {"published", on}});
}

StatusOr<HttpResponse> ApiImpl::PageContent(Call& c) {
  const std::string& slug = c.params["slug"];
  if (!ValidPageSlug(slug)) return NotFoundError("no such page");
  ECOCIV_ASSIGN_OR_RETURN(auto st, c.db->Prepare("SELECT title, kind FROM published_pages WHERE "
                                                 "slug = ? AND published = 1"));
  st->BindText(0, slug);
  Status status;
  if (!st->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return NotFoundError("no published page '" + slug + "'");
  }
  std::string title = st->ColumnText(0), kind = st->ColumnText(1);
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
  Json content;
  if (kind == "air-summary") {
    ECOCIV_ASSIGN_OR_RETURN(ResultPtr a, data_->Assessment(*snap, "", "", "", "2"));
    content = {{"from", a->json["from"]}, {"to", a->json["to"]}, {"cities", a->json["cities"]}};
  } else {
    ECOCIV_ASSIGN_OR_RETURN(ResultPtr overview, data_->Overview(*snap, c.db));
    content = {{"month", overview->json.value("water_month", "")},
               {"sections", overview->json["sections"]}};
  }
  return JsonResponse({{"slug", slug}, {"title", title}, {"kind", kind}, {"content", content}});
}

StatusOr<HttpResponse> ApiImpl::ExportXlsx(Call& c) {
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  ECOCIV_ASSIGN_OR_RETURN(std::string sheet, StringField(c.body, "sheet", false, 31));
  auto header = c.body.find("header");
  auto rows = c.body.find("rows");
  if (header == c.body.end() || !header->is_array() || rows == c.body.end() || !rows->is_array()) {
    return InvalidArgumentError("fields 'header' and 'rows' must be arrays");
  }
  char path[] = "/tmp/ecociv-export-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return InternalError("cannot create a temporary file");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  if (!wb) return InternalError("cannot start a workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  (void)sheet;
  auto write = [&](int r, int col, const Json& v) {
    if (v.is_number()) {
      worksheet_write_number(ws, r, col, v.get<double>(), nullptr);
    } else if (v.is_string()) {
      worksheet_write_string(ws, r, col, v.get<std::string>().c_str(), nullptr);
    } else if (v.is_boolean()) {
      worksheet_write_boolean(ws, r, col, v.get<bool>(), nullptr);
    } else if (!v.is_null()) {
      worksheet_write_string(ws, r, col, v.dump().c_str(), nullptr);
    }
  };
  for (size_t i = 0; i < header->size(); ++i) write(0, static_cast<int>(i), (*header)[i]);
  int r = 1;
  for (const Json& row : *rows) {
    if (!row.is_array()) continue;
    for (size_t i = 0; i < row.size() && i < 200; ++i) write(r, static_cast<int>(i), row[i]);
    if (++r > 100000) break;
  }
  lxw_error err = workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  if (err != LXW_NO_ERROR) return InternalError("writing the workbook failed");
  HttpResponse out;
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.body = bytes.str();
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"export.xlsx\"");
  return out;
}

// ---- Indicators (issue 5 on the web) ----
//
// A unit reporter's unit (users.unit) owns an indicator when one of the
// indicator's owners (the year's plan units, else the catalogue's responsible
// unit; ';'-separated) equals the user's unit, or equals the name of the
// indicators unit (ind_units) whose code is the user's unit. So a reporter made
// with --unit 水务局 or --unit <code of 水务局> owns what 水务局 owns.

StatusOr<int> YearText(const std::string& text, int fallback) {
  if (text.empty()) return fallback;
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgumentError("year must be a four-digit year");
  }
  int y = std::stoi(text);
  if (y < 1990 || y > 2100) return InvalidArgumentError("year out of range");
  return y;
}

StatusOr<int> YearField(const Json& body) {
  if (!body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  auto it = body.find("year");
  if (it == body.end() || !it->is_number_integer()) {
    return InvalidArgumentError("field 'year' must be an integer");
  }
  int64_t y = it->get<int64_t>();
  if (y < 1990 || y > 2100) return InvalidArgumentError("field 'year' out of range");
  return static_cast<int>(y);
}

// The latest year with a stored value, else this year.
StatusOr<int> DefaultYear(Database* db) {
  ECOCIV_ASSIGN_OR_RETURN(auto values, indicators::LoadValues(db));
  int year = 0;
  for (const auto& [id, years] : values)
    if (!years.empty()) year = std::max(year, years.rbegin()->first);
  if (year == 0) year = std::stoi(store::UtcNow().substr(0, 4));
  return year;
}

bool ValidIndicatorId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char ch : id) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-' && ch != '.')
      return false;
  }
  return id.find("..") == std::string::npos;
}

// An evidence file's name: a plain name (no folders, no "..", no leading dot,
// no control characters), at most 128 bytes, with a document or image type.
bool ValidEvidenceName(const std::string& name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  if (name.find("..") != std::string::npos) return false;
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7f || ch == '/' || ch == '\\' || ch == ':') return false;
  }
  std::string lower = name;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* ext : {".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".xlsx", ".xls", ".docx", ".doc",
                          ".csv", ".txt", ".zip"}) {
    std::string e(ext);
    if (lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0)
      return true;
  }
  return false;
}

// The media type of an evidence file by its extension (ValidEvidenceName's list).
std::string EvidenceMediaType(const std::string& name) {
  std::string lower = name;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  static const std::pair<const char*, const char*> kTypes[] = {
      {".pdf", "application/pdf"},
      {".ofd", "application/ofd"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".png", "image/png"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".xls", "application/vnd.ms-excel"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".doc", "application/msword"},
      {".csv", "text/csv; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".zip", "application/zip"}};
  for (const auto& [ext, type] : kTypes) {
    std::string e(ext);
    if (lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0)
      return type;
  }
  return "application/octet-stream";
}

// Content-Disposition for a download: an ASCII fallback name and the UTF-8
// name percent-encoded (RFC 6266 / RFC 5987), so 监测报告.pdf keeps its name.
std::string AttachmentHeader(const std::string& name) {
  std::string ascii;
  for (unsigned char ch : name) {
    ascii += std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_' ? static_cast<char>(ch) : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncode(name);
}

// The user's unit and the names it goes by (its code and its name).
struct UnitNames {
  std::set<std::string> names;
  std::string code;  // the indicators unit code, when one matches
};
StatusOr<UnitNames> NamesOfUnit(Database* db, const std::string& unit) {
  UnitNames out;
  if (unit.empty()) return out;
  out.names.insert(unit);
  out.code = unit;
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(db));
  for (const auto& u : units) {
    if (u.code == unit || u.name == unit) {
      out.names.insert(u.code);
      out.names.insert(u.name);
      out.code = u.code;
    }
  }
  return out;
}

bool Owns(const std::string& owner, const UnitNames& unit) {
  size_t pos = 0;
  while (pos <= owner.size()) {
    size_t end = owner.find(';', pos);
    if (end == std::string::npos) end = owner.size();
    std::string part = owner.substr(pos, end - pos);
    size_t a = part.find_first_not_of(' '), b = part.find_last_not_of(' ');
    if (a != std::string::npos && unit.names.count(part.substr(a, b - a + 1))) return true;
    pos = end + 1;
  }
  return false;
}

bool IsReporter(const Call& c) { return c.session && c.session->user.role == Role::kReporter; }

// The indicator `id` in the year's readiness table, refused (403) to a
// reporter whose unit does not own it; NotFound when the active catalogue has
// no such indicator.
struct Owned {
  std::string owner, source;
};
StatusOr<Owned> OwnedIndicator(const Call& c, const std::string& id, int year) {
  if (!ValidIndicatorId(id)) return NotFoundError("no indicator '" + id + "'");
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, indicators::ReadinessForYear(c.db, year));
  for (const auto& r : readiness.results) {
    if (r.indicator->id != id) continue;
    if (IsReporter(c)) {
      ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
      if (!Owns(r.owner, unit)) {
        return Denied("indicator " + id + " belongs to " + r.owner + ", not to " +
                      c.session->user.unit);
      }
    }
    Json j = Json::parse(indicators::ReadinessJson(readiness), nullptr, false);
    std::string source;
    if (j.is_object())
      for (const Json& x : j["indicators"])
        if (x["id"] == id) source = x.value("source", "");
    return Owned{r.owner, source};
  }
  return NotFoundError("no indicator '" + id + "' in the active catalogue");
}

StatusOr<HttpResponse> ApiImpl::Indicators(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int fallback, DefaultYear(c.db));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearText(c.Query("year"), fallback));
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, indicators::ReadinessForYear(c.db, year));
  Json j = Json::parse(indicators::ReadinessJson(readiness));
  ECOCIV_ASSIGN_OR_RETURN(auto values, indicators::LoadValues(c.db));
  ECOCIV_ASSIGN_OR_RETURN(auto evidence, indicators::ListEvidence(c.db));
  std::map<std::string, int> files;
  for (const auto& e : evidence)
    if (e.year == year) ++files[e.indicator];
  bool reporter = IsReporter(c);
  UnitNames unit;
  if (reporter) {
    ECOCIV_ASSIGN_OR_RETURN(unit, NamesOfUnit(c.db, c.session->user.unit));
  }
  Role role = c.session->user.role;
  Json out = Json::array();
  for (Json& ind : j["indicators"]) {
    std::string id = ind["id"];
    bool own = reporter && Owns(ind.value("owner", ""), unit);
    if (reporter && !own) continue;
    Json entry = nullptr;
    auto v = values.find(id);
    if (v != values.end()) {
      auto y = v->second.find(year);
      if (y != v->second.end()) {
        entry = {{"value", y->second.text}, {"status", y->second.status},
                 {"note", y->second.note},  {"source", y->second.source},
                 {"unit", y->second.owner}, {"review_reason", y->second.review_reason}};
      }
    }
    ind["entry"] = entry;
    ind["evidence_files"] = files[id];
    bool reported = ind.value("source", "") == "reported";
    ind["may_enter"] = reported && (role == Role::kAdmin || role == Role::kAnalyst || own);
    ind["may_review"] = (role == Role::kAdmin || role == Role::kAnalyst) && entry.is_object() &&
                        entry["status"] == "submitted";
    out.push_back(std::move(ind));
  }
  j["indicators"] = out;
  if (reporter) {
    j["summary"] = nullptr;  // the city-wide verdict is not a unit's to see
    j["unit"] = c.session->user.unit;
  }
  return JsonResponse(j);
}

StatusOr<HttpResponse> ApiImpl::IndicatorsExport(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int fallback, DefaultYear(c.db));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearText(c.Query("year"), fallback));
  std::string format = c.Query("format");
  if (format.empty()) format = "xlsx";
  if (format != "xlsx" && format != "csv")
    return InvalidArgumentError("format must be xlsx or csv");
  ECOCIV_ASSIGN_OR_RETURN(auto readiness, indicators::ReadinessForYear(c.db, year));
  HttpResponse out;
  std::string name = "readiness-" + std::to_string(year) + "." + format;
  if (format == "csv") {
    out.content_type = "text/csv; charset=utf-8";
    out.body =
        "\xEF\xBB\xBF" + indicators::ReadinessCsv(readiness);  // BOM for spreadsheet programs
  } else {
    char path[] = "/tmp/ecociv-readiness-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return InternalError("cannot create a temporary file");
    close(fd);
    Status written = indicators::WriteReadinessXlsx(readiness, path);
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::remove(path);
    ECOCIV_RETURN_IF_ERROR(written);
    out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    out.body = bytes.str();
  }
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return out;
}

StatusOr<HttpResponse> ApiImpl::SetIndicatorValue(Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearField(c.body));
  ECOCIV_ASSIGN_OR_RETURN(std::string value, StringField(c.body, "value", true, 200));
  ECOCIV_ASSIGN_OR_RETURN(std::string note, StringField(c.body, "note", false, 2000));
  if (value.empty()) return InvalidArgumentError("a value is required");
  ECOCIV_ASSIGN_OR_RETURN(Owned owned, OwnedIndicator(c, id, year));
  if (owned.source != "reported") {
    return FailedPreconditionError("indicator " + id + " is " + owned.source +
                                   "; only reported indicators are entered");
  }
  indicators::ValueInput input;
  input.year = year;
  input.id = id;
  input.value = value;
  input.note = note;
  if (!c.session->user.unit.empty()) {
    ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
    input.unit = unit.code;
  }
  ECOCIV_RETURN_IF_ERROR(indicators::SetValue(c.db, input, c.Actor(note)));
  return JsonResponse({{"id", id}, {"year", year}, {"value", value}, {"status", "draft"}}, 201);
}

StatusOr<HttpResponse> ApiImpl::SubmitIndicator(Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearField(c.body));
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(c, id, year).status());
  ECOCIV_RETURN_IF_ERROR(indicators::SubmitValue(c.db, year, id, c.Actor()));
  return JsonResponse({{"id", id}, {"year", year}, {"status", "submitted"}});
}

StatusOr<HttpResponse> ApiImpl::ReviewIndicator(Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearField(c.body));
  ECOCIV_ASSIGN_OR_RETURN(std::string action, StringField(c.body, "action", true, 20));
  ECOCIV_ASSIGN_OR_RETURN(std::string reason, StringField(c.body, "reason", false, 1000));
  if (action != "accept" && action != "return") {
    return InvalidArgumentError("action must be accept or return");
  }
  if (action == "return" && reason.empty()) {
    return InvalidArgumentError("a reason is required to return a value");
  }
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(c, id, year).status());
  if (action == "accept") {
    ECOCIV_RETURN_IF_ERROR(indicators::AcceptValue(c.db, year, id, c.Actor(reason)));
  } else {
    ECOCIV_RETURN_IF_ERROR(indicators::ReturnValue(c.db, year, id, reason, c.Actor(reason)));
  }
  return JsonResponse({{"id", id},
                       {"year", year},
                       {"status", action == "accept" ? "accepted" : "returned"},
                       {"reason", reason}});
}

StatusOr<HttpResponse> ApiImpl::AddEvidence(Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int year, YearText(c.Query("year"), 0));
  if (year == 0) return InvalidArgumentError("year is required");
  std::string name = c.Query("name");
  if (!ValidEvidenceName(name)) {
    return InvalidArgumentError(
        "the file name must be a plain name (no folders, '..' or leading dot) of a document, "
        "image, spreadsheet or archive");
  }
  if (c.request.body.empty()) return InvalidArgumentError("the evidence file is empty");
  if (c.request.body.size() > kMaxEvidenceBytes) {
    return InvalidArgumentError("an evidence file may be at most 8 MiB");
  }
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(c, id, year).status());
  ECOCIV_ASSIGN_OR_RETURN(std::string sha, indicators::AddEvidenceBytes(c.db, year, id, name,
                                                                        c.request.body, c.Actor()));
  return JsonResponse({{"id", id},
                       {"year", year},
                       {"file_name", name},
                       {"size", c.request.body.size()},
                       {"sha256", sha}},
                      201);
}

StatusOr<HttpResponse> ApiImpl::ListEvidence(Call& c) {
  const std::string& id = c.params["id"];
  ECOCIV_ASSIGN_OR_RETURN(int fallback, DefaultYear(c.db));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearText(c.Query("year"), fallback));
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(c, id, year).status());
  ECOCIV_ASSIGN_OR_RETURN(auto all, indicators::ListEvidence(c.db));
  Json rows = Json::array();
  for (const auto& e : all) {
    if (e.indicator != id || e.year != year) continue;
    rows.push_back({{"file_id", e.id},
                    {"year", e.year},
                    {"file_name", e.file_name},
                    {"size", e.size},
                    {"sha256", e.sha256},
                    {"intact", e.intact}});
  }
  return JsonResponse({{"id", id}, {"year", year}, {"evidence", rows}});
}

// One evidence file's bytes, for whoever may list the indicator's evidence.
// A file whose bytes no longer match their SHA-256 is not served (409):
// evidence that may have been altered must not reach an auditor as if sound.
StatusOr<HttpResponse> ApiImpl::DownloadEvidence(Call& c) {
  const std::string& id = c.params["id"];
  const std::string& file_text = c.params["file_id"];
  int64_t file_id = 0;
  if (file_text.empty() || file_text.size() > 12 || !ParseScaledDecimal(file_text, 0, &file_id) ||
      file_id <= 0) {
    return NotFoundError("no evidence file " + file_text);
  }
  ECOCIV_ASSIGN_OR_RETURN(indicators::EvidenceFile file, indicators::ReadEvidence(c.db, file_id));
  if (file.info.indicator != id) {
    return NotFoundError("evidence file " + file_text + " does not belong to " + id);
  }
  ECOCIV_RETURN_IF_ERROR(OwnedIndicator(c, id, file.info.year).status());
  if (!file.info.intact) {
    return FailedPreconditionError("evidence file " + file_text + " (" + file.info.file_name +
                                   ") no longer matches its SHA-256 " + file.info.sha256 +
                                   "; it is not served (see `ecociv db verify`)");
  }
  HttpResponse out;
  out.content_type = EvidenceMediaType(file.info.file_name);
  out.body = std::move(file.content);
  out.headers.emplace_back("Content-Disposition", AttachmentHeader(file.info.file_name));
  out.headers.emplace_back("X-Content-SHA256", file.info.sha256);
  return out;
}

StatusOr<HttpResponse> ApiImpl::Projects(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int fallback, DefaultYear(c.db));
  ECOCIV_ASSIGN_OR_RETURN(int year, YearText(c.Query("year"), fallback));
  std::string today = store::UtcNow().substr(0, 10);
  ECOCIV_ASSIGN_OR_RETURN(auto projects, indicators::ListProjects(c.db, year, today));
  UnitNames unit;
  if (IsReporter(c)) {
    ECOCIV_ASSIGN_OR_RETURN(unit, NamesOfUnit(c.db, c.session->user.unit));
  }
  Json rows = Json::array();
  const Role role = c.session->user.role;
  const bool editor = role == Role::kAdmin || role == Role::kAnalyst || IsReporter(c);
  for (const auto& p : projects) {
    if (IsReporter(c) && !Owns(p.unit, unit)) continue;
    Json ms = Json::array();
    int position = 0;
    for (const auto& m : p.milestones) {
      ms.push_back({{"position", ++position},
                    {"title", m.title},
                    {"due", m.due},
                    {"done", m.done},
                    {"overdue", m.overdue}});
    }
    rows.push_back({{"code", p.code},
                    {"year", p.year},
                    {"name", p.name},
                    {"unit", p.unit},
                    {"budget_wan", p.budget},
                    {"progress", p.progress},
                    {"status", p.status},
                    {"overdue", p.overdue},
                    {"may_update", editor},
                    {"milestones", ms}});
  }
  return JsonResponse({{"year", year}, {"today", today}, {"projects", rows}});
}

// A progress report on a key project: admins and analysts for any project, a
// unit's reporter for its unit's projects (others: 403).
StatusOr<HttpResponse> ApiImpl::ProjectProgress(Call& c) {
  const std::string& code = c.params["code"];
  if (!ValidIndicatorId(code)) return NotFoundError("no project " + code);
  std::string today = store::UtcNow().substr(0, 10);
  ECOCIV_ASSIGN_OR_RETURN(auto projects, indicators::ListProjects(c.db, 0, today));
  auto it = std::find_if(projects.begin(), projects.end(),
                         [&](const indicators::Project& p) { return p.code == code; });
  if (it == projects.end()) return NotFoundError("no project " + code);
  if (IsReporter(c)) {
    ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
    if (!Owns(it->unit, unit)) return Denied("project " + code + " belongs to another unit");
  }
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  indicators::ProjectUpdate u;
  const Json& progress = c.body.contains("progress") ? c.body["progress"] : Json();
  if (!progress.is_number_integer())
    return InvalidArgumentError("progress must be an integer 0-100");
  u.progress = progress.get<int>();
  ECOCIV_ASSIGN_OR_RETURN(u.status, StringField(c.body, "status", true, 20));
  ECOCIV_ASSIGN_OR_RETURN(std::string note, StringField(c.body, "note", false, 1000));
  if (c.body.contains("milestones")) {
    const Json& ms = c.body["milestones"];
    if (!ms.is_array() || ms.size() > 100) return InvalidArgumentError("milestones must be a list");
    for (const Json& m : ms) {
      if (!m.is_object() || !m.contains("position") || !m["position"].is_number_integer()) {
        return InvalidArgumentError("each milestone needs a position and a done date (or \"\")");
      }
      ECOCIV_ASSIGN_OR_RETURN(std::string done, StringField(m, "done", false, 10));
      u.milestone_done.emplace_back(m["position"].get<int>(), done);
    }
  }
  ECOCIV_RETURN_IF_ERROR(indicators::UpdateProject(c.db, code, u, c.Actor(note)));
  return JsonResponse({{"code", code}, {"progress", u.progress}, {"status", u.status}});
}

// ---- Early warning (issue 8 on the web) ----
//
// A unit reporter sees a warning only when it has been assigned to the
// reporter's unit (matched like indicator owners); unassigned warnings belong
// to no unit and are seen by none.

Json WarningObject(const warning::Warning& w) { return Json::parse(warning::WarningJson(w)); }

StatusOr<int64_t> WarningId(const std::string& text) {
  if (text.empty() || text.size() > 12 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return NotFoundError("no warning " + text);
  }
  return std::stoll(text);
}

// Whether the caller may see warning `w` (reporters: their unit's only).
StatusOr<bool> MaySeeWarning(const Call& c, const warning::Warning& w) {
  if (!IsReporter(c)) return true;
  if (w.unit.empty() || c.session->user.unit.empty()) return false;
  ECOCIV_ASSIGN_OR_RETURN(UnitNames unit, NamesOfUnit(c.db, c.session->user.unit));
  return Owns(w.unit, unit);
}

StatusOr<HttpResponse> ApiImpl::Warnings(Call& c) {
  std::string state = c.Query("state");
  if (state.empty()) state = "open";
  if (state != "open" && state != "all") return InvalidArgumentError("state must be open or all");
  ECOCIV_ASSIGN_OR_RETURN(auto all, warning::ListWarnings(c.db, state == "open"));
  Json rows = Json::array();
  for (const auto& w : all) {
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySeeWarning(c, w));
    if (see) rows.push_back(WarningObject(w));
    if (rows.size() >= 2000) break;
  }
  Role role = c.session->user.role;
  return JsonResponse({{"state", state},
                       {"warnings", rows},
                       {"may_act", role == Role::kAdmin || role == Role::kAnalyst}});
}

StatusOr<HttpResponse> ApiImpl::WarningDetail(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, WarningId(c.params["id"]));
  ECOCIV_ASSIGN_OR_RETURN(warning::Warning w, warning::GetWarning(c.db, id));
  ECOCIV_ASSIGN_OR_RETURN(bool see, MaySeeWarning(c, w));
  if (!see) return Denied("warning " + std::to_string(id) + " is not assigned to your unit");
  ECOCIV_ASSIGN_OR_RETURN(auto events, warning::ListEvents(c.db, id));
  Json ev = Json::array();
  for (const auto& e : events) {
    ev.push_back({{"id", e.id},
                  {"at", e.at},
                  {"who", e.who},
                  {"action", e.action},
                  {"from_state", e.from_state},
                  {"to_state", e.to_state},
                  {"note", e.note},
                  {"log_seq", e.log_seq}});
  }
  Json j = WarningObject(w);
  j["events"] = ev;
  // A reporter may answer a warning assigned to its unit (it sees only those).
  j["may_feedback"] = IsReporter(c) && w.state == "assigned";
  return JsonResponse(j);
}

StatusOr<HttpResponse> ApiImpl::WarningStep(Call& c, const std::string& step) {
  ECOCIV_ASSIGN_OR_RETURN(int64_t id, WarningId(c.params["id"]));
  // The route lets reporters in for feedback only; the warning must be
  // assigned to their unit (checked before the body, so an unknown or
  // foreign warning says nothing about the input).
  if (IsReporter(c)) {
    if (step != "feedback") return Denied("a unit reporter may only give feedback");
    ECOCIV_ASSIGN_OR_RETURN(warning::Warning w, warning::GetWarning(c.db, id));
    ECOCIV_ASSIGN_OR_RETURN(bool see, MaySeeWarning(c, w));
    if (!see) return Denied("warning " + std::to_string(id) + " is not assigned to your unit");
  }
  if (!c.body.is_object()) return InvalidArgumentError("the body must be a JSON object");
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (step == "assign") {
    warning::Assignment a;
    ECOCIV_ASSIGN_OR_RETURN(a.unit, StringField(c.body, "unit", true, 128));
    ECOCIV_ASSIGN_OR_RETURN(a.person, StringField(c.body, "person", true, 128));
    ECOCIV_ASSIGN_OR_RETURN(a.deadline, StringField(c.body, "deadline", true, 10));
    ECOCIV_ASSIGN_OR_RETURN(a.plan, StringField(c.body, "plan", true, 4000));
    if (a.unit.empty() || a.person.empty() || a.plan.empty()) {
      return InvalidArgumentError("unit, person, deadline and plan are all required");
    }
    auto day = ParseDate(a.deadline);
    if (a.deadline.size() != 10 || !day.ok()) {
      return InvalidArgumentError("deadline must be a date YYYY-MM-DD");
    }
    ECOCIV_RETURN_IF_ERROR(warning::GetWarning(c.db, id).status());
    ECOCIV_RETURN_IF_ERROR(warning::Assign(c.db, id, a, c.Actor(a.plan), now));
  } else {
    const char* field = step == "feedback" ? "feedback" : "note";
    ECOCIV_ASSIGN_OR_RETURN(std::string note, StringField(c.body, field, step == "feedback", 4000));
    if (step == "feedback" && note.empty()) return InvalidArgumentError("feedback is required");
    ECOCIV_RETURN_IF_ERROR(warning::GetWarning(c.db, id).status());
    if (step == "ack") {
      ECOCIV_RETURN_IF_ERROR(warning::Acknowledge(c.db, id, note, c.Actor(note), now));
    } else if (step == "feedback") {
      ECOCIV_RETURN_IF_ERROR(warning::GiveFeedback(c.db, id, note, c.Actor(note), now));
    } else {
      ECOCIV_RETURN_IF_ERROR(warning::Close(c.db, id, note, c.Actor(note), now));
    }
  }
  ECOCIV_ASSIGN_OR_RETURN(warning::Warning w, warning::GetWarning(c.db, id));
  return JsonResponse(WarningObject(w));
}

// ---- Units' stations and sections (the admin page) ----

// Every assignment, with what may be assigned: the units of the indicators
// catalogue and the station and section codes in the store.
StatusOr<HttpResponse> UnitAssetsJson(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::vector<UnitAsset> assets, ListUnitAssets(c.db));
  Json rows = Json::array();
  for (const UnitAsset& a : assets)
    rows.push_back({{"unit", a.unit}, {"kind", a.kind}, {"code", a.code}});
  ECOCIV_ASSIGN_OR_RETURN(auto units, indicators::ListUnits(c.db));
  Json unit_rows = Json::array();
  for (const auto& u : units)
    unit_rows.push_back({{"code", u.code}, {"name", u.name}, {"kind", u.kind}});
  auto codes = [&](const char* sql) -> StatusOr<Json> {
    ECOCIV_ASSIGN_OR_RETURN(auto st, c.db->Prepare(sql));
    Json out = Json::array();
    Status status;
    while (st->Step(&status)) out.push_back(st->ColumnText(0));
    ECOCIV_RETURN_IF_ERROR(status);
    return out;
  };
  ECOCIV_ASSIGN_OR_RETURN(Json stations, codes("SELECT code FROM stations ORDER BY code"));
  ECOCIV_ASSIGN_OR_RETURN(Json sections, codes("SELECT code FROM sections ORDER BY code"));
  return JsonResponse(
      {{"assets", rows}, {"units", unit_rows}, {"stations", stations}, {"sections", sections}});
}

// ---- Integrity (`ecociv db verify` on the web) ----

// The change record's chain, the import batches' row digests and the warning
// workflow against the record, as `ecociv db verify` checks them. Auditors
// and administrators only: it reads every row, which takes seconds on a
// large store.
StatusOr<HttpResponse> Integrity(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(store::VerifyReport store, store::VerifyDatabase(c.db));
  ECOCIV_ASSIGN_OR_RETURN(std::vector<std::string> warnings, warning::VerifyWarnings(c.db));
  const size_t kMaxListed = 200;
  Json problems = Json::array();
  for (const auto* list : {&store.problems, &warnings}) {
    for (const std::string& p : *list) {
      if (problems.size() < kMaxListed) problems.push_back(p);
    }
  }
  return JsonResponse({{"ok", store.ok() && warnings.empty()},
                       {"summary", store.Summary()},
                       {"entries_checked", store.entries_checked},
                       {"batches_checked", store.batches_checked},
                       {"rows_checked", store.rows_checked},
                       {"head_hash", store.head_hash},
                       {"store_problems", store.problems.size()},
                       {"warning_problems", warnings.size()},
                       {"problems", problems}});
}

// ---- Evaluation, escalation and the webhook outbox on the web ----

// A date field "YYYY-MM-DD" of the body.
StatusOr<DayNumber> DateField(const Json& body, const char* name) {
  ECOCIV_ASSIGN_OR_RETURN(std::string text, StringField(body, name, true, 10));
  auto day = ParseDate(text);
  if (text.size() != 10 || !day.ok()) {
    return InvalidArgumentError(std::string("field '") + name + "' must be a date YYYY-MM-DD");
  }
  return day;
}

int64_t NowUnix() { return static_cast<int64_t>(std::time(nullptr)); }

// The answer of an evaluation: the counts and the findings.
Json EvaluationJson(const std::string& rule_set, bool is_template, DayNumber as_of,
                    const std::string& month, const warning::RecordReport& report,
                    const std::vector<warning::Finding>& findings) {
  Json found = Json::array();
  for (const warning::Finding& f : findings) {
    found.push_back({{"kind", f.kind},
                     {"subject", f.subject},
                     {"subject_name", f.subject_name},
                     {"level", f.level},
                     {"level_name", f.level_name},
                     {"rank", f.rank},
                     {"trigger", f.trigger},
                     {"trigger_en", f.trigger_en.empty() ? f.trigger : f.trigger_en},
                     {"main_pollutants", f.main_pollutants},
                     {"period", f.period}});
  }
  return {{"rule_set", rule_set},
          {"template", is_template},
          {"as_of", FormatDate(as_of)},
          {"month", month},
          {"counts",
           {{"raised", report.raised},
            {"repeated", report.repeated},
            {"upgraded", report.upgraded},
            {"lifted", report.lifted},
            {"escalated", report.escalated},
            {"unchanged", report.unchanged}}},
          {"summary", report.Summary()},
          {"findings", found}};
}

// `ecociv warn evaluate --rules R --as-of D --db` with the web user as the
// actor. Only the built-in rule sets: LoadWarningRules also takes a file path,
// which a web user must not choose.
StatusOr<HttpResponse> ApiImpl::EvaluateWarnings(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "rules", true, 40));
  if (name != "yangtze" && name != "local-template" && name != "air-targets") {
    return InvalidArgumentError("rules must be yangtze, local-template or air-targets");
  }
  ECOCIV_ASSIGN_OR_RETURN(DayNumber as_of, DateField(c.body, "as_of"));
  if (name == "air-targets") return EvaluateAirTargets(c, as_of);
  ECOCIV_ASSIGN_OR_RETURN(warning::WarningRuleSet rule_set, warning::LoadWarningRules(name));
  ECOCIV_ASSIGN_OR_RETURN(water::WaterRules rules, water::WaterRules::Load(options_.standards_dir));
  ECOCIV_ASSIGN_OR_RETURN(water::SampleSet set,
                          store::LoadWaterSamples(c.db, store::WaterQuery{}, rules));
  water::SectionSamples index = water::IndexSamples(set);
  warning::WaterEvaluation evaluation =
      warning::EvaluateWaterWarnings(rules, rule_set, set, index, as_of);
  std::vector<std::string> sections;
  for (const water::Section& s : set.sections) sections.push_back(s.id);
  std::vector<warning::Finding> findings = warning::FindingsOf(evaluation);
  ECOCIV_ASSIGN_OR_RETURN(
      warning::RecordReport report,
      warning::RecordEvaluation(c.db, rule_set.id, findings,
                                warning::ReleasedOf(evaluation, sections), as_of,
                                store::Actor{c.session->user.name, "web evaluate"}, NowUnix()));
  return JsonResponse(EvaluationJson(rule_set.id, rule_set.status == "template", as_of,
                                     evaluation.month, report, findings));
}

// The air targets of the server (`serve --pm25-target …`) for the first city
// as of `as_of`, recorded like `ecociv air targets --record`.
StatusOr<HttpResponse> ApiImpl::EvaluateAirTargets(Call& c, DayNumber as_of) {
  ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
  TargetQuery query;
  query.as_of = FormatDate(as_of);
  ECOCIV_ASSIGN_OR_RETURN(warning::AirTargetReport targets, data_->AirTargetReport(*snap, query));
  std::vector<warning::Finding> findings;
  std::vector<warning::Released> released;
  warning::AirFindingsOf(targets, &findings, &released);
  const std::string rule_set = "air-targets-" + std::to_string(targets.year);
  ECOCIV_ASSIGN_OR_RETURN(
      warning::RecordReport report,
      warning::RecordEvaluation(c.db, rule_set, findings, released, as_of,
                                store::Actor{c.session->user.name, "web evaluate"}, NowUnix()));
  return JsonResponse(EvaluationJson(rule_set, false, as_of, "", report, findings));
}

StatusOr<HttpResponse> ApiImpl::EscalateWarnings(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(DayNumber as_of, DateField(c.body, "as_of"));
  ECOCIV_ASSIGN_OR_RETURN(
      int n, warning::EscalateOverdue(
                 c.db, as_of, store::Actor{c.session->user.name, "web escalate"}, NowUnix()));
  return JsonResponse({{"as_of", FormatDate(as_of)}, {"escalated", n}});
}

StatusOr<HttpResponse> ApiImpl::Outbox(Call& c) {
  int64_t now = NowUnix();
  ECOCIV_ASSIGN_OR_RETURN(warning::OutboxStatus st, warning::GetOutboxStatus(c.db));
  ECOCIV_ASSIGN_OR_RETURN(auto quiet, warning::ListQuietPeriods(c.db, now));
  Json periods = Json::array();
  bool quiet_now = false;
  for (const auto& q : quiet) {
    bool in_force = q.starts <= now && now < q.ends;
    quiet_now = quiet_now || in_force;
    periods.push_back({{"id", q.id},
                       {"from", warning::FormatUtc(q.starts)},
                       {"to", warning::FormatUtc(q.ends)},
                       {"reason", q.reason},
                       {"in_force", in_force}});
  }
  OutboxDelivery::LastRun last = delivery_.last_run();
  return JsonResponse(
      {{"pending", st.pending},
       {"failed", st.failed},
       {"delivered", st.delivered},
       {"last_error", st.last_error},
       {"next_attempt", st.next_attempt_at ? Json(warning::FormatUtc(st.next_attempt_at)) : Json()},
       {"webhook_configured", !delivery_.url().empty()},
       {"deliver_every_seconds", delivery_.url().empty() ? 0 : delivery_.every_seconds()},
       {"last_run", last.at ? Json(warning::FormatUtc(last.at)) : Json()},
       {"last_run_summary", last.summary},
       {"quiet_now", quiet_now},
       {"quiet_periods", periods}});
}

StatusOr<HttpResponse> ApiImpl::DeliverOutbox(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(warning::DeliveryReport r, delivery_.DeliverNow(c.db));
  return JsonResponse({{"delivered", r.delivered},
                       {"failed", r.failed},
                       {"not_yet_due", r.pending_later},
                       {"quiet", r.quiet},
                       {"last_error", r.last_error},
                       {"summary", r.Summary()}});
}

StatusOr<HttpResponse> ApiImpl::EndQuiet(Call& c) {
  const std::string& text = c.params["id"];
  int64_t id = 0;
  if (text.empty() || text.size() > 12 || !ParseScaledDecimal(text, 0, &id) || id <= 0) {
    return NotFoundError("no quiet period " + text);
  }
  ECOCIV_RETURN_IF_ERROR(warning::EndQuietPeriod(
      c.db, id, NowUnix(), store::Actor{c.session->user.name, "web: end quiet period"}));
  return JsonResponse({{"id", id}, {"ended", true}});
}

StatusOr<HttpResponse> ApiImpl::AddQuiet(Call& c) {
  ECOCIV_ASSIGN_OR_RETURN(std::string from_text, StringField(c.body, "from", true, 32));
  ECOCIV_ASSIGN_OR_RETURN(std::string to_text, StringField(c.body, "to", true, 32));
  ECOCIV_ASSIGN_OR_RETURN(std::string reason, StringField(c.body, "reason", true, 1000));
  auto from = warning::ParseUtc(from_text);
  if (!from.ok()) return InvalidArgumentError("from: " + from.status().message());
  auto to = warning::ParseUtc(to_text);
  if (!to.ok()) return InvalidArgumentError("to: " + to.status().message());
  ECOCIV_RETURN_IF_ERROR(warning::AddQuietPeriod(c.db, *from, *to, reason, c.Actor(reason)));
  return JsonResponse(
      {{"from", warning::FormatUtc(*from)}, {"to", warning::FormatUtc(*to)}, {"reason", reason}},
      201);
}

const std::vector<Route>& ApiImpl::RouteTable() {
  std::call_once(routes_once_, [this] {
    auto ok = [](Json j) -> StatusOr<HttpResponse> { return JsonResponse(j); };
    routes_ = {
        {"GET", "/api/v1/openapi.json", kPublic,
         [](Call&) -> StatusOr<HttpResponse> {
           size_t n = 0;
           const EmbeddedFile* f = EmbeddedOpenApi(&n);
           if (n == 0) return NotFoundError("no OpenAPI document built in");
           HttpResponse r;
           r.body.assign(f[0].data, f[0].size);
           return r;
         }},
        {"POST", "/api/v1/session", kPublic, [this](Call& c) { return Login(c); }},
        {"GET", "/api/v1/session", kPublic,
         [ok](Call& c) {
           if (!c.session) return ok({{"user", nullptr}});
           return ok({{"user", UserJson(c.session->user)}, {"csrf", c.session->csrf}});
         }},
        {"DELETE", "/api/v1/session", kAnyone,
         [this](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_RETURN_IF_ERROR(Logout(c.db, *c.session));
           HttpResponse r = JsonResponse({{"ok", true}});
           r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
           return r;
         }},
        {"POST", "/api/v1/session/password", kAnyone,
         [ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(std::string old_pw,
                                   StringField(c.body, "old_password", true, 256));
           ECOCIV_ASSIGN_OR_RETURN(std::string new_pw,
                                   StringField(c.body, "new_password", true, 256));
           ECOCIV_RETURN_IF_ERROR(ChangePassword(c.db, c.session->user, old_pw, new_pw));
           return ok({{"ok", true}});
         }},
        {"GET", "/api/v1/overview", kReaders,
         [this, ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
           ECOCIV_ASSIGN_OR_RETURN(ResultPtr r, data_->Overview(*snap, c.db));
           return BodyResponse(r->body);
         }},
        {"GET", "/api/v1/stations", kAnyone,
         [this, ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
           Json all = data_->Stations(*snap), out = Json::array();
           for (const Json& s : all) {
             ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, "station", s["code"]));
             if (see) out.push_back(s);
           }
           Json cities = Json::array();
           if (c.session->user.role != Role::kReporter) {
             for (const Json& s : all)
               if (std::find(cities.begin(), cities.end(), s["city"]) == cities.end())
                 cities.push_back(s["city"]);
           }
           return ok({{"stations", out}, {"cities", cities}, {"last_day", data_->LastDay(*snap)}});
         }},
        {"GET", "/api/v1/air/hourly", kAnyone, [this](Call& c) { return Series(c, true); }},
        {"GET", "/api/v1/air/daily", kAnyone, [this](Call& c) { return Series(c, false); }},
        {"GET", "/api/v1/air/assessment", kReaders,
         [this, ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
           std::string standard = c.Query("standard");
           if (standard == "auto") standard.clear();
           std::string area = c.Query("class");
           ECOCIV_ASSIGN_OR_RETURN(
               ResultPtr r, data_->Assessment(*snap, c.Query("from"), c.Query("to"), standard,
                                              area.empty() ? "2" : area));
           return BodyResponse(r->body);
         }},
        {"GET", "/api/v1/water/sections", kAnyone,
         [this, ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
           Json out = Json::array();
           for (const Json& s : data_->Sections(*snap)) {
             ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, "section", s["code"]));
             if (see) out.push_back(s);
           }
           return ok({{"sections", out}});
         }},
        {"GET", "/api/v1/water/classes", kAnyone,
         [this, ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
           ECOCIV_ASSIGN_OR_RETURN(
               ResultPtr rows,
               data_->WaterClasses(*snap, c.Query("from"), c.Query("to"), c.Query("period")));
           if (c.session->user.role != Role::kReporter) {
             return BodyResponse("{\"rows\":" + rows->body + "}");
           }
           Json out = Json::array();
           for (const Json& r : rows->json) {
             ECOCIV_ASSIGN_OR_RETURN(bool see, MaySee(c, "section", r["section"]));
             if (see) out.push_back(r);
           }
           return ok({{"rows", out}});
         }},
        {"GET", "/api/v1/water/assessment", kReaders,
         [this, ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
           ECOCIV_ASSIGN_OR_RETURN(ResultPtr r,
                                   data_->WaterAssessment(*snap, c.Query("from"), c.Query("to")));
           return BodyResponse(r->body);
         }},
        {"GET", "/api/v1/review/flags", kReaders, [this](Call& c) { return Flags(c); }},
        {"POST", "/api/v1/review/decisions", kAnalyst, [this](Call& c) { return Decide(c); }},
        {"GET", "/api/v1/changes", kReaders, [this](Call& c) { return Changes(c); }},
        {"GET", "/api/v1/integrity", kAuditors, [](Call& c) { return Integrity(c); }},
        {"GET", "/api/v1/users", kAdmin,
         [ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto users, ListUsers(c.db));
           Json out = Json::array();
           for (const User& u : users) out.push_back(UserJson(u));
           return ok({{"users", out}});
         }},
        {"POST", "/api/v1/users", kAdmin,
         [](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(std::string name, StringField(c.body, "name", true, 64));
           ECOCIV_ASSIGN_OR_RETURN(std::string role_name, StringField(c.body, "role", true, 20));
           ECOCIV_ASSIGN_OR_RETURN(std::string unit, StringField(c.body, "unit", false, 128));
           ECOCIV_ASSIGN_OR_RETURN(std::string password,
                                   StringField(c.body, "password", true, 256));
           ECOCIV_ASSIGN_OR_RETURN(Role role, ParseRole(role_name));
           ECOCIV_ASSIGN_OR_RETURN(User u, AddUser(c.db, name, role, unit, password, c.Actor()));
           return JsonResponse({{"user", UserJson(u)}}, 201);
         }},
        {"POST", "/api/v1/units/assets", kAdmin,
         [ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(std::string unit, StringField(c.body, "unit", true, 128));
           ECOCIV_ASSIGN_OR_RETURN(std::string kind, StringField(c.body, "kind", true, 20));
           ECOCIV_ASSIGN_OR_RETURN(std::string code, StringField(c.body, "code", true, 64));
           ECOCIV_RETURN_IF_ERROR(AssignAsset(c.db, unit, kind, code, c.Actor()));
           return ok({{"unit", unit}, {"kind", kind}, {"code", code}});
         }},
        {"GET", "/api/v1/units/assets", kAdmin, [](Call& c) { return UnitAssetsJson(c); }},
        {"POST", "/api/v1/units/assets/remove", kAdmin,
         [ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(std::string unit, StringField(c.body, "unit", true, 128));
           ECOCIV_ASSIGN_OR_RETURN(std::string kind, StringField(c.body, "kind", true, 20));
           ECOCIV_ASSIGN_OR_RETURN(std::string code, StringField(c.body, "code", true, 64));
           ECOCIV_RETURN_IF_ERROR(UnassignAsset(c.db, unit, kind, code, c.Actor()));
           return ok({{"unit", unit}, {"kind", kind}, {"code", code}});
         }},
        {"GET", "/api/v1/pages", kPublic,
         [ok](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto st, c.db->Prepare("SELECT slug, title, kind FROM "
                                                          "published_pages WHERE published = 1 "
                                                          "ORDER BY slug"));
           Json out = Json::array();
           Status status;
           while (st->Step(&status)) {
             out.push_back({{"slug", st->ColumnText(0)},
                            {"title", st->ColumnText(1)},
                            {"kind", st->ColumnText(2)}});
           }
           ECOCIV_RETURN_IF_ERROR(status);
           return ok({{"pages", out}});
         }},
        {"GET", "/api/v1/pages/{slug}", kPublic, [this](Call& c) { return PageContent(c); }},
        {"PUT", "/api/v1/pages/{slug}", kAdmin, [this](Call& c) { return PutPage(c); }},
        {"POST", "/api/v1/export/xlsx", kAnyone, [this](Call& c) { return ExportXlsx(c); }},
        {"POST", "/api/v1/imports", kAnalyst,
         [this](Call& c) -> StatusOr<HttpResponse> {
           std::string skip = c.Query("skip_bad_rows");
           if (!skip.empty() && skip != "true" && skip != "false") {
             return InvalidArgumentError("skip_bad_rows must be true or false");
           }
           ECOCIV_ASSIGN_OR_RETURN(int64_t id,
                                   imports_.Start(c.Query("kind"), c.Query("name"), c.request.body,
                                                  c.session->user.name, skip == "true"));
           return JsonResponse({{"id", id}}, 202);
         }},
        {"GET", "/api/v1/imports/{id}", kAnalyst,
         [this](Call& c) -> StatusOr<HttpResponse> {
           const std::string& text = c.params["id"];
           if (text.empty() || text.size() > 12 ||
               text.find_first_not_of("0123456789") != std::string::npos) {
             return NotFoundError("no import " + text);
           }
           ECOCIV_ASSIGN_OR_RETURN(Json j, imports_.Get(std::stoll(text)));
           return JsonResponse(j);
         }},
        {"GET", "/api/v1/indicators", kAnyone, [this](Call& c) { return Indicators(c); }},
        {"GET", "/api/v1/indicators/export", kReaders,
         [this](Call& c) { return IndicatorsExport(c); }},
        {"POST", "/api/v1/indicators/{id}/values", kEntry,
         [this](Call& c) { return SetIndicatorValue(c); }},
        {"POST", "/api/v1/indicators/{id}/submit", kEntry,
         [this](Call& c) { return SubmitIndicator(c); }},
        {"POST", "/api/v1/indicators/{id}/review", kReviewers,
         [this](Call& c) { return ReviewIndicator(c); }},
        {"POST", "/api/v1/indicators/{id}/evidence", kEntry,
         [this](Call& c) { return AddEvidence(c); }},
        {"GET", "/api/v1/indicators/{id}/evidence/{file_id}", kAnyone,
         [this](Call& c) { return DownloadEvidence(c); }},
        {"POST", "/api/v1/projects/{code}/progress", kEntry,
         [this](Call& c) { return ProjectProgress(c); }},
        {"GET", "/api/v1/indicators/{id}/evidence", kAnyone,
         [this](Call& c) { return ListEvidence(c); }},
        {"GET", "/api/v1/projects", kAnyone, [this](Call& c) { return Projects(c); }},
        {"GET", "/api/v1/warnings", kAnyone, [this](Call& c) { return Warnings(c); }},
        // Before /warnings/{id}: the first route whose path and method match wins.
        {"POST", "/api/v1/warnings/evaluate", kReviewers,
         [this](Call& c) { return EvaluateWarnings(c); }},
        {"POST", "/api/v1/warnings/escalate", kReviewers,
         [this](Call& c) { return EscalateWarnings(c); }},
        {"GET", "/api/v1/warnings/outbox", kAdmin, [this](Call& c) { return Outbox(c); }},
        {"POST", "/api/v1/warnings/outbox/deliver", kAdmin,
         [this](Call& c) { return DeliverOutbox(c); }},
        {"POST", "/api/v1/warnings/quiet", kAdmin, [this](Call& c) { return AddQuiet(c); }},
        {"POST", "/api/v1/warnings/quiet/{id}/end", kAdmin,
         [this](Call& c) { return EndQuiet(c); }},
        {"GET", "/api/v1/warnings/{id}", kAnyone, [this](Call& c) { return WarningDetail(c); }},
        {"POST", "/api/v1/warnings/{id}/ack", kReviewers,
         [this](Call& c) { return WarningStep(c, "ack"); }},
        {"POST", "/api/v1/warnings/{id}/assign", kReviewers,
         [this](Call& c) { return WarningStep(c, "assign"); }},
        // Reporters too, for a warning assigned to their unit (WarningStep).
        {"POST", "/api/v1/warnings/{id}/feedback", kReviewers | Bit(Role::kReporter),
         [this](Call& c) { return WarningStep(c, "feedback"); }},
        {"POST", "/api/v1/warnings/{id}/close", kReviewers,
         [this](Call& c) { return WarningStep(c, "close"); }},
        {"GET", "/api/v1/air/targets", kReaders,
         [this](Call& c) -> StatusOr<HttpResponse> {
           ECOCIV_ASSIGN_OR_RETURN(auto snap, data_->Current(c.db));
           ECOCIV_ASSIGN_OR_RETURN(
               ResultPtr r, data_->AirTargets(*snap, TargetQuery{c.Query("city"), c.Query("year"),
                                                                 c.Query("as_of"), c.Query("pm25"),
                                                                 c.Query("good_day_ratio"),
                                                                 c.Query("composite")}));
           return BodyResponse(r->body);
         }},
    };
  });
  return routes_;
}

bool MatchPath(const std::string& pattern, const std::string& path,
               std::map<std::string, std::string>* params) {
  size_t i = 0, j = 0;
  while (i < pattern.size() && j < path.size()) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, close - i - 1);
      size_t end = path.find('/', j);
      if (end == std::string::npos) end = path.size();
      if (end == j) return false;
      (*params)[name] = path.substr(j, end - j);
      i = close + 1;
      j = end;
      continue;
    }
    if (pattern[i] != path[j]) return false;
    ++i;
    ++j;
  }
  return i == pattern.size() && j == path.size();
}

StatusOr<HttpResponse> ApiImpl::Dispatch(const HttpRequest& request, Database* db) {
  const Route* route = nullptr;
  bool path_known = false;
  std::map<std::string, std::string> params;
  for (const Route& r : RouteTable()) {
    std::map<std::string, std::string> p;
    if (!MatchPath(r.path, request.path, &p)) continue;
    path_known = true;
    if (request.method == r.method) {
      route = &r;
      params = std::move(p);
      break;
    }
  }
  if (!route) {
    if (path_known) {
      return Status(StatusCode::kInvalidArgument, "method " + request.method + " not allowed here");
    }
    return NotFoundError("no API route " + request.path);
  }
  Call call{request, std::move(params), std::nullopt, db, Json()};
  std::string cookie = CookieValue(request.cookie, kSessionCookie);
  if (!cookie.empty()) {
    auto session = LookupSession(db, cookie);
    if (session.ok()) call.session = std::move(*session);
  }
  if (route->roles != kPublic) {
    if (!call.session) return NoSession();
    if (!(route->roles & Bit(call.session->user.role))) {
      return Denied(std::string("the role ") + RoleName(call.session->user.role) + " may not " +
                    request.method + " " + route->path);
    }
  }
  bool changes_state = request.method != "GET";
  bool is_login = route->roles == kPublic && request.method == "POST";
  if (changes_state && !is_login) {
    if (!call.session) return NoSession();
    if (request.csrf_header.size() != call.session->csrf.size() ||
        request.csrf_header != call.session->csrf) {
      return Denied("missing or wrong CSRF token (X-CSRF-Token)");
    }
  }
  bool import = std::string(route->path) == "/api/v1/imports";
  bool evidence = std::string(route->path) == "/api/v1/indicators/{id}/evidence";
  bool upload = import || evidence;
  size_t limit = import ? kMaxImportBytes : evidence ? kMaxEvidenceBytes : kMaxBodyBytes;
  if (request.body.size() > limit) {
    return InvalidArgumentError(evidence ? "an evidence file may be at most 8 MiB"
                                         : "request body too large");
  }
  if (!upload && (request.method == "POST" || request.method == "PUT")) {
    call.body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (call.body.is_discarded()) return InvalidArgumentError("the body is not valid JSON");
  }
  return route->handler(call);
}

HttpResponse ApiImpl::Handle(const HttpRequest& request) {
  HttpResponse response;
  try {
    auto db = pool_.Take();
    if (!db.ok()) return ErrorResponse(db.status());
    auto result = Dispatch(request, db->get());
    pool_.Give(std::move(*db));
    response = result.ok() ? std::move(*result) : ErrorResponse(result.status());
  } catch (const std::exception& e) {
    response = ErrorResponse(InternalError(std::string("unexpected error: ") + e.what()));
  }
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

HttpResponse ErrorResponse(const Status& status) {
  HttpResponse r;
  r.status = HttpStatusFor(status);
  r.body = Json{{"code", StatusCodeName(status.code())}, {"message", status.message()}}.dump();
  return r;
}

StatusOr<std::unique_ptr<Api>> Api::Create(const ApiOptions& options) {
  store::OpenOptions open;
  open.create = false;
  ECOCIV_ASSIGN_OR_RETURN(auto db, store::OpenSqliteDatabase(options.db_path, open));
  (void)db;
  ECOCIV_ASSIGN_OR_RETURN(auto data,
                          DataService::Create(options.standards_dir,
                                              Targets{options.pm25_target, options.good_day_target,
                                                      options.composite_target}));
  auto api = std::make_unique<ApiImpl>(options, std::move(data));
  api->StartDelivery();
  return std::unique_ptr<Api>(std::move(api));
}

std::vector<RouteInfo> Api::Routes() {
  ApiImpl probe(ApiOptions{}, nullptr);
  std::vector<RouteInfo> out;
  for (const Route& r : probe.RouteTable()) out.push_back({r.method, r.path});
  return out;
}

}  // namespace ecociv::server
