// The schedule's runs (report/schedule.h): which periods are due, and
// drafting them once whatever runs at the same time.
#include "ecociv/report/schedule.h"

#include <nlohmann/json.hpp>

#include "ecociv/report/make_document.h"
#include "ecociv/store/sql.h"
#include "publishing_internal.h"

namespace ecociv::report {
namespace {

using store::QueryRows;
using store::RunSql;

const char* LangCode(Lang lang) { return lang == Lang::kZh ? "zh" : "en"; }

std::string PeriodText(int year, int month) {
  std::string y = std::to_string(year);
  if (month == 0) return y;
  return y + (month < 10 ? "-0" : "-") + std::to_string(month);
}

// The `lookback` latest periods of `kind` due by `today`, oldest first.
// Each period's due day's year without a holiday file is noted in `unknown`.
StatusOr<std::vector<std::pair<std::string, DayNumber>>> DuePeriods(
    const ScheduledKind& kind, const ScheduleConfig& config, DayNumber today,
    std::map<std::string, int>* unknown) {
  const int lookback = config.lookback;
  const CivilDate now = CivilFromDays(today);
  const bool monthly = IsMonthlyKind(kind.kind);
  std::vector<std::pair<std::string, DayNumber>> out;
  int year = now.year, month = monthly ? now.month : 0;
  // The period of today is never due; the due one is at most two back
  // (a month's due day falls in the month after, a year's in the year after).
  for (int step = 0; step < lookback + 2 && static_cast<int>(out.size()) < lookback; ++step) {
    if (year < 2000) break;
    const std::string period = PeriodText(year, month);
    int unknown_year = 0;
    ECOCIV_ASSIGN_OR_RETURN(DayNumber due, DueDay(kind, period, config.holidays, &unknown_year));
    if (due <= today) {
      out.insert(out.begin(), {period, due});
      if (unknown_year != 0) (*unknown)[period] = unknown_year;
    }
    if (monthly) {
      if (--month == 0) {
        month = 12;
        --year;
      }
    } else {
      --year;
    }
  }
  return out;
}

std::vector<int64_t> IdsOf(const std::string& text) {
  std::vector<int64_t> ids;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    if (comma > pos) ids.push_back(store::IntegerOfText(text.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return ids;
}

std::string TextOf(const std::vector<int64_t>& ids) {
  std::string text;
  for (int64_t id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
  return text;
}

// The whole store's documents of (kind, period, lang) already stored, any
// state: the newest per language (a region's own documents are not the
// periodic ones).
StatusOr<std::map<std::string, int64_t>> StoredOf(store::Database* db, const std::string& kind,
                                                  const std::string& period) {
  ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db,
                                               "SELECT lang, max(id) FROM report_documents WHERE "
                                               "kind = ? AND period = ? AND region = '000000' "
                                               "GROUP BY lang",
                                               {kind, period}));
  std::map<std::string, int64_t> out;
  for (const auto& r : rows) out[r[0]] = store::IntegerOfText(r[1]);
  return out;
}

StatusOr<ScheduledPeriod> StatusOf(store::Database* db, const ScheduleConfig& config,
                                   const std::string& kind, const std::string& period,
                                   DayNumber due, int64_t now_unix) {
  ScheduledPeriod p;
  p.kind = kind;
  p.period = period;
  p.due = due;
  p.state = "due";
  ECOCIV_ASSIGN_OR_RETURN(auto rows, QueryRows(db,
                                               "SELECT state, claimed_until, attempts, documents, "
                                               "last_error FROM report_schedule WHERE kind = ? "
                                               "AND period = ?",
                                               {kind, period}));
  if (!rows.empty()) {
    const auto& r = rows.front();
    const int64_t until = store::IntegerOfText(r[1]);
    p.attempts = static_cast<int>(store::IntegerOfText(r[2]));
    p.error = r[4];
    if (r[0] == "drafted") {
      p.state = "drafted";
      p.documents = IdsOf(r[3]);
      return p;
    }
    if (until > now_unix && (r[0] == "claimed" || r[0] == "failed")) {
      p.state = r[0];
      p.retry_at = until;
      return p;
    }
  }
  // Drafted by hand in every language: nothing left to draft.
  ECOCIV_ASSIGN_OR_RETURN(auto stored, StoredOf(db, kind, period));
  bool all = true;
  for (Lang lang : config.langs) all = all && stored.count(LangCode(lang)) > 0;
  if (all) {
    p.state = "drafted";
    for (Lang lang : config.langs) p.documents.push_back(stored[LangCode(lang)]);
  }
  return p;
}

// Takes the period for this run: false when another run holds it, or it is
// drafted already (the row's primary key makes the first insert the only
// one; the conditional update is atomic on both backends).
StatusOr<bool> Claim(store::Database* db, const ScheduleConfig& config, const ScheduledPeriod& p,
                     int64_t now_unix) {
  ECOCIV_RETURN_IF_ERROR(RunSql(db,
                                "INSERT OR IGNORE INTO report_schedule (kind, period, state, "
                                "claimed_until, attempts, documents, last_error, updated_at) "
                                "VALUES (?, ?, 'waiting', 0, 0, '', '', ?)",
                                {p.kind, p.period, store::UtcNow()}));
  ECOCIV_ASSIGN_OR_RETURN(
      auto s, db->Prepare("UPDATE report_schedule SET state = 'claimed', claimed_until = ?, "
                          "attempts = attempts + 1, updated_at = ? WHERE kind = ? AND period = ? "
                          "AND state != 'drafted' AND claimed_until <= ? RETURNING attempts"));
  s->BindInt64(0, now_unix + int64_t{config.claim_minutes} * 60);
  s->BindText(1, store::UtcNow());
  s->BindText(2, p.kind);
  s->BindText(3, p.period);
  s->BindInt64(4, now_unix);
  Status status;
  bool claimed = false;
  while (s->Step(&status)) claimed = true;
  ECOCIV_RETURN_IF_ERROR(status);
  return claimed;
}

Status MarkFailed(store::Database* db, const ScheduleConfig& config, const ScheduledPeriod& p,
                  int64_t now_unix, const Status& error) {
  return RunSql(db,
                "UPDATE report_schedule SET state = 'failed', claimed_until = ?, last_error = ?, "
                "updated_at = ? WHERE kind = ? AND period = ?",
                {now_unix + int64_t{config.retry_minutes} * 60, error.message().substr(0, 500),
                 store::UtcNow(), p.kind, p.period});
}

struct Made {
  Document document;
  std::string html, pdf;
};

// Drafts one claimed period: the documents first (the slow part, outside any
// transaction), then everything stored together.
StatusOr<std::vector<StoredDocument>> Draft(store::Database* db, const ScheduleConfig& config,
                                            const ScheduleRunOptions& options,
                                            const ScheduledPeriod& p) {
  ECOCIV_ASSIGN_OR_RETURN(auto stored, StoredOf(db, p.kind, p.period));
  std::vector<Made> made;
  std::vector<int64_t> ids;
  for (Lang lang : config.langs) {
    auto found = stored.find(LangCode(lang));
    if (found != stored.end()) {
      ids.push_back(found->second);
      continue;
    }
    DocumentRequest request;
    request.kind = p.kind;
    request.period = p.period;
    request.options.lang = lang;
    request.options.date = FormatDate(options.today);
    request.standards_dir = options.standards_dir;
    Made m;
    ECOCIV_ASSIGN_OR_RETURN(m.document, MakePeriodicDocument(db, request));
    m.html = DocumentHtml(m.document);
    if (!options.to_pdf) return FailedPreconditionError("no PDF maker");
    ECOCIV_ASSIGN_OR_RETURN(m.pdf, options.to_pdf(m.html));
    made.push_back(std::move(m));
  }
  store::Actor actor = options.actor;
  if (actor.why.empty()) actor.why = "scheduled, due " + FormatDate(p.due);
  store::Transaction transaction(db);
  ECOCIV_RETURN_IF_ERROR(transaction.Begin());
  std::vector<StoredDocument> saved;
  for (const Made& m : made) {
    ECOCIV_ASSIGN_OR_RETURN(StoredDocument d, SaveDraftInTransaction(db, m.document, p.period,
                                                                     m.html, m.pdf, 0, actor));
    ECOCIV_RETURN_IF_ERROR(RunSql(
        db,
        "INSERT INTO document_outbox (document_id, payload, created_at, next_attempt_at) VALUES "
        "(?, ?, ?, ?)",
        {d.id, DocumentNoticePayload(d.id, d.kind, d.period, d.lang, d.title, options.approvers),
         options.now_unix, options.now_unix}));
    ids.push_back(d.id);
    saved.push_back(std::move(d));
  }
  ECOCIV_RETURN_IF_ERROR(
      RunSql(db,
             "UPDATE report_schedule SET state = 'drafted', claimed_until = ?, "
             "documents = ?, last_error = '', updated_at = ? WHERE kind = ? "
             "AND period = ?",
             {options.now_unix, TextOf(ids), store::UtcNow(), p.kind, p.period}));
  ECOCIV_RETURN_IF_ERROR(transaction.Commit());
  return saved;
}

}  // namespace

StatusOr<std::vector<ScheduledPeriod>> ScheduleStatus(store::Database* db,
                                                      const ScheduleConfig& config, DayNumber today,
                                                      int64_t now_unix) {
  std::vector<ScheduledPeriod> out;
  for (const ScheduledKind& kind : config.kinds) {
    std::map<std::string, int> unknown;
    ECOCIV_ASSIGN_OR_RETURN(auto periods, DuePeriods(kind, config, today, &unknown));
    for (const auto& [period, due] : periods) {
      ECOCIV_ASSIGN_OR_RETURN(ScheduledPeriod p,
                              StatusOf(db, config, kind.kind, period, due, now_unix));
      if (auto it = unknown.find(period); it != unknown.end()) p.holidays_unknown_year = it->second;
      out.push_back(std::move(p));
    }
  }
  return out;
}

std::string ScheduleRunReport::Summary() const {
  return std::to_string(drafted) + " period(s) drafted (" + std::to_string(documents) +
         " document(s)), " + std::to_string(failed) + " failed (tried again later), " +
         std::to_string(skipped) + " held by another run or waiting";
}

StatusOr<ScheduleRunReport> RunSchedule(store::Database* db, const ScheduleConfig& config,
                                        const ScheduleRunOptions& options) {
  ECOCIV_ASSIGN_OR_RETURN(auto periods,
                          ScheduleStatus(db, config, options.today, options.now_unix));
  ScheduleRunReport report;
  for (const ScheduledPeriod& p : periods) {
    if (p.state == "drafted") continue;
    const std::string name = p.kind + " " + p.period;
    if (p.state != "due") {
      ++report.skipped;
      continue;
    }
    ECOCIV_ASSIGN_OR_RETURN(bool claimed, Claim(db, config, p, options.now_unix));
    if (!claimed) {
      ++report.skipped;
      report.lines.push_back(name + ": held by another run");
      continue;
    }
    auto drafted = Draft(db, config, options, p);
    if (!drafted.ok()) {
      ECOCIV_RETURN_IF_ERROR(MarkFailed(db, config, p, options.now_unix, drafted.status()));
      ++report.failed;
      report.lines.push_back(name + ": failed, tried again in " +
                             std::to_string(config.retry_minutes) +
                             " min: " + drafted.status().message());
      continue;
    }
    ++report.drafted;
    report.documents += static_cast<int>(drafted->size());
    std::string line = name + ": drafted";
    for (const StoredDocument& d : *drafted) {
      line += " document " + std::to_string(d.id) + " (" + d.lang + ")";
    }
    if (drafted->empty()) line += " by hand already";
    report.lines.push_back(line);
  }
  return report;
}

std::string DocumentNoticePayload(int64_t id, const std::string& kind, const std::string& period,
                                  const std::string& lang, const std::string& title,
                                  const std::vector<std::string>& approvers) {
  std::string names;
  for (const std::string& n : approvers) names += (names.empty() ? "" : "、") + n;
  std::string content = "【待审定】" + title + "（" + (lang == "zh" ? "中文" : "英文") +
                        "版，文件 " + std::to_string(id) + " 号）已按计划生成草稿，请" +
                        (names.empty() ? "领导" : names) + "在“文件”页审定。";
  nlohmann::json doc;
  doc["msgtype"] = "text";
  doc["text"]["content"] = content;
  nlohmann::json& x = doc["ecociv"];
  x["notification"] = "document-" + std::to_string(id);  // idempotency key
  x["document"] = {{"id", id},     {"kind", kind},   {"period", period},
                   {"lang", lang}, {"title", title}, {"state", "draft"}};
  x["approvers"] = approvers;
  return doc.dump();
}

nlohmann::json PeriodJson(const ScheduledPeriod& p) {
  return {{"kind", p.kind},   {"period", p.period},       {"due", FormatDate(p.due)},
          {"state", p.state}, {"documents", p.documents}, {"attempts", p.attempts},
          {"error", p.error},
          {"holidays_unknown_year", p.holidays_unknown_year == 0
                                        ? nlohmann::json(nullptr)
                                        : nlohmann::json(p.holidays_unknown_year)}};
}

}  // namespace ecociv::report
