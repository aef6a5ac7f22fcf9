#include <pwd.h>
#include <unistd.h>

#include "ecociv/store/change_log.h"

#include <cstdlib>
#include <ctime>

#include "ecociv/store/digest.h"

namespace ecociv::store {

std::string ComputeEntryHash(const LogEntry& entry) {
  Sha256 hash;
  hash.Update(entry.prev_hash);
  hash.AddField(entry.seq);
  hash.AddField(entry.at);
  hash.AddField(entry.who);
  hash.AddField(entry.action);
  hash.AddField(entry.object);
  hash.AddField(entry.detail);
  hash.AddField(entry.why);
  hash.AddField(entry.payload_sha256);
  return ToHex(hash.Finish());
}

StatusOr<LogEntry> AppendLogEntry(Database* db, LogEntry entry) {
  ECOCIV_ASSIGN_OR_RETURN(auto last, db->Prepare("SELECT seq, hash FROM change_log "
                                                 "ORDER BY seq DESC LIMIT 1"));
  Status status;
  entry.seq = 1;
  entry.prev_hash = kGenesisHash;
  if (last->Step(&status)) {
    entry.seq = last->ColumnInt64(0) + 1;
    entry.prev_hash = last->ColumnText(1);
  }
  ECOCIV_RETURN_IF_ERROR(status);
  if (entry.at.empty()) entry.at = UtcNow();
  if (entry.who.empty()) entry.who = CurrentUser();
  entry.hash = ComputeEntryHash(entry);
  ECOCIV_ASSIGN_OR_RETURN(
      auto insert, db->Prepare("INSERT INTO change_log (seq, at, who, action, object, detail, "
                               "why, payload_sha256, prev_hash, hash) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert->BindInt64(0, entry.seq);
  const std::string* texts[] = {&entry.at,     &entry.who, &entry.action,         &entry.object,
                                &entry.detail, &entry.why, &entry.payload_sha256, &entry.prev_hash,
                                &entry.hash};
  for (int i = 0; i < 9; ++i) insert->BindText(i + 1, *texts[i]);
  ECOCIV_RETURN_IF_ERROR(insert->Run());
  return entry;
}

StatusOr<std::vector<LogEntry>> ReadLog(Database* db, const std::string& since) {
  ECOCIV_ASSIGN_OR_RETURN(auto query,
                          db->Prepare("SELECT seq, at, who, action, object, detail, why, "
                                      "payload_sha256, prev_hash, hash FROM change_log "
                                      "WHERE at >= ? ORDER BY seq"));
  query->BindText(0, since);
  std::vector<LogEntry> entries;
  Status status;
  while (query->Step(&status)) {
    LogEntry e;
    e.seq = query->ColumnInt64(0);
    std::string* texts[] = {&e.at,     &e.who, &e.action,         &e.object,
                            &e.detail, &e.why, &e.payload_sha256, &e.prev_hash,
                            &e.hash};
    for (int i = 0; i < 9; ++i) *texts[i] = query->ColumnText(i + 1);
    entries.push_back(std::move(e));
  }
  ECOCIV_RETURN_IF_ERROR(status);
  return entries;
}

std::string CurrentUser() {
  for (const char* name : {"ECOCIV_USER", "USER"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && value[0] != '\0') return value;
  }
  // Services and CI run without USER: name the account rather than "unknown".
  if (const passwd* account = getpwuid(geteuid()); account && account->pw_name) {
    return account->pw_name;
  }
  return "uid " + std::to_string(geteuid());
}

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm utc;
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string BeijingToday() {
  constexpr std::time_t kBeijingOffset = 8 * 3600;
  std::time_t now = std::time(nullptr) + kBeijingOffset;
  std::tm shifted;
  gmtime_r(&now, &shifted);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &shifted);
  return buffer;
}

}  // namespace ecociv::store
