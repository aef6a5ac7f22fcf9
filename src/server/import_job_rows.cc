#include "import_job_rows.h"

#include <unistd.h>

namespace ecociv::server {

using Json = nlohmann::json;

Json ImportJobJson(const ImportJobRow& job) {
  const Json& r = job.result;
  auto field = [&](const char* name, Json empty) {
    auto it = r.find(name);
    return it == r.end() ? empty : *it;
  };
  return Json{{"id", job.id},
              {"kind", job.kind},
              {"name", job.name},
              {"who", job.who},
              {"state", job.state},
              {"rows_written", job.rows_written},
              {"summary", field("summary", "")},
              {"outcome", field("outcome", "")},
              {"rejects", field("rejects", Json::array())},
              {"problems", field("problems", Json::array())},
              {"error", field("error", "")},
              {"error_problem", field("error_problem", nullptr)},
              {"rows_inserted", field("rows_inserted", 0)},
              {"rows_revised", field("rows_revised", 0)},
              {"rows_unchanged", field("rows_unchanged", 0)},
              {"rows_rejected", field("rows_rejected", 0)}};
}

std::string ImportServerName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

Status InsertRunningImportJob(store::Database* db, const ImportJobRow& job, int64_t now) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare("INSERT INTO import_jobs (id, kind, name, who, state, rows_written, result, "
                  "server, started_at, heartbeat_at) VALUES (?, ?, ?, ?, 'running', 0, '{}', ?, ?, ?)"));
  insert->BindInt64(0, job.id);
  insert->BindText(1, job.kind);
  insert->BindText(2, job.name);
  insert->BindText(3, job.who);
  insert->BindText(4, ImportServerName());
  insert->BindInt64(5, now);
  insert->BindInt64(6, now);
  return insert->Run();
}

Status RenewImportJob(store::Database* db, int64_t id, int64_t rows_written, int64_t now) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto update, db->Prepare("UPDATE import_jobs SET rows_written = ?, heartbeat_at = ? "
                               "WHERE id = ? AND state = 'running'"));
  update->BindInt64(0, rows_written);
  update->BindInt64(1, now);
  update->BindInt64(2, id);
  return update->Run();
}

Status FinishImportJob(store::Database* db, const ImportJobRow& job, int64_t now) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto update,
      db->Prepare("UPDATE import_jobs SET state = ?, rows_written = ?, result = ?, "
                  "heartbeat_at = ?, finished_at = ? WHERE id = ?"));
  update->BindText(0, job.state);
  update->BindInt64(1, job.rows_written);
  update->BindText(2, job.result.dump());
  update->BindInt64(3, now);
  update->BindInt64(4, now);
  update->BindInt64(5, job.id);
  return update->Run();
}

StatusOr<std::optional<Json>> LoadImportJob(store::Database* db, int64_t id, int64_t now) {
  ECOCIV_ASSIGN_OR_RETURN(
      auto select, db->Prepare("SELECT kind, name, who, state, rows_written, result, heartbeat_at "
                               "FROM import_jobs WHERE id = ?"));
  select->BindInt64(0, id);
  Status status;
  if (!select->Step(&status)) {
    ECOCIV_RETURN_IF_ERROR(status);
    return std::optional<Json>();
  }
  ImportJobRow job;
  job.id = id;
  job.kind = select->ColumnText(0);
  job.name = select->ColumnText(1);
  job.who = select->ColumnText(2);
  job.state = select->ColumnText(3);
  job.rows_written = select->ColumnInt64(4);
  job.result = Json::parse(select->ColumnText(5), nullptr, /*allow_exceptions=*/false);
  if (!job.result.is_object()) job.result = Json::object();
  if (job.state == "running" && now - select->ColumnInt64(6) > kImportQuietSeconds) {
    job.state = "failed";
    job.result = {{"error", "the server running this import stopped before it finished; "
                            "nothing of it was stored"},
                  {"error_problem",
                   {{"where", job.name}, {"line", 0}, {"code", "import_interrupted"},
                    {"args", Json::object()}}}};
  }
  return std::optional<Json>(ImportJobJson(job));
}

}  // namespace ecociv::server
