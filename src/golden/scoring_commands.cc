// Scoring commands (evaluation schemes):
//   data scheme / data values / data events   the scheme TOML and the values
//                                              and events CSVs (docs/formats.md)
//   subjects <kind> <id>…     the subjects scored, in this order
//   year <YYYY>               the assessment year (events must lie in it)
//   score => subjects=<id;…>  the order of the results
//   score <subject> => total= rank= grade= deductions= bonus= vetoes= items= groups.<id>=
//   score <subject> <item> => outcome= points=
// Points are compared exactly (30.0000 = 30); lists are `;`-separated.
#include <cctype>
#include <filesystem>
#include <fstream>

#include "command_table.h"
#include "ecociv/scoring/engine.h"
#include "ecociv/scoring/scheme.h"

namespace ecociv::golden {
namespace {

using namespace ecociv::scoring;

StatusOr<Results> SubjectsLine(const Record& r, Context& ctx) {
  if (r.args.size() < 2) return InvalidArgumentError("expected 'subjects <kind> <id>…'");
  std::set<std::string> seen;
  for (size_t i = 1; i < r.args.size(); ++i) {
    if (!seen.insert(r.args[i]).second) return InvalidArgumentError("subject twice: " + r.args[i]);
  }
  ctx.Set("scoring.kind", r.args[0]);
  ctx.Set("scoring.subjects", JoinList({r.args.begin() + 1, r.args.end()}));
  return Results{};
}

StatusOr<Results> YearLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 1, 1); !s.ok()) return s;
  auto year = ParseInteger(r.args[0], 1900, 2200, "year");
  if (!year.ok()) return year.status();
  ctx.Set("year", r.args[0]);
  return Results{};
}

// The readers take files: a block is written to a scratch file first.
StatusOr<std::string> BlockFile(Context& ctx, const std::string& name) {
  auto text = ctx.Block(name);
  if (!text.ok()) return text.status();
  std::string id = ctx.path() + "." + name + ".csv";
  for (char& c : id) c = std::isalnum(static_cast<unsigned char>(c)) || c == '.' ? c : '_';
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "ecociv_golden";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  std::string path = (dir / id).string();
  std::ofstream out(path, std::ios::binary);
  out << *text;
  if (!out.flush()) return InternalError("cannot write scratch file " + path);
  return path;
}

struct ScoringRun {
  Scheme scheme;
  CsvValueSource source;
  Assessment assessment;
};

Status ReadInputs(Context& ctx, int year, ScoringRun* run) {
  auto values = BlockFile(ctx, "values");
  if (!values.ok()) return values.status();
  Status read = run->source.ReadValues(*values, run->scheme);
  if (!read.ok()) return read.WithContext(ctx.BlockSource("values"));
  if (ctx.HasBlock("events")) {  // events are optional
    auto events = BlockFile(ctx, "events");
    if (!events.ok()) return events.status();
    read = run->source.ReadEvents(*events, run->scheme, year);
    if (!read.ok()) return read.WithContext(ctx.BlockSource("events"));
  }
  return Status::Ok();
}

StatusOr<std::shared_ptr<ScoringRun>> Score(Context& ctx) {
  auto toml = ctx.Block("scheme");
  if (!toml.ok()) return toml.status();
  auto run = std::make_shared<ScoringRun>();
  auto scheme = ParseScheme(*toml, ctx.BlockSource("scheme"));
  if (!scheme.ok()) return scheme.status();
  run->scheme = std::move(*scheme);
  ScoringOptions options;
  if (const std::string* year = ctx.Get("year")) {
    options.year = static_cast<int>(*ParseInteger(*year, 1900, 2200, "year"));  // checked by `year`
  }
  if (Status s = ReadInputs(ctx, options.year, run.get()); !s.ok()) return s;
  const std::string* ids = ctx.Get("scoring.subjects");
  if (ids == nullptr) return InvalidArgumentError("no 'subjects' line before");
  std::vector<Subject> subjects;
  for (const std::string& id : SplitList(*ids)) {
    subjects.push_back({id, id, *ctx.Get("scoring.kind")});
  }
  auto assessment = ScoreScheme(run->scheme, subjects, run->source, options);
  if (!assessment.ok()) return assessment.status();
  run->assessment = std::move(*assessment);
  return run;
}

Results SubjectResults(const Scheme& scheme, const SubjectResult& r) {
  Results out;
  out.values["total"] = Value::Exact(r.total);
  out.values["rank"] = Value::Text(std::to_string(r.rank));
  out.values["grade"] = Value::Text(r.grade);
  out.values["deductions"] = Value::Exact(r.deduction_total);
  out.values["bonus"] = Value::Exact(r.bonus_total);
  out.values["vetoes"] = Value::Set({r.vetoes.begin(), r.vetoes.end()});
  std::vector<std::string> items;
  for (const ItemResult& i : r.items) items.push_back(i.item);
  out.values["items"] = Value::Text(JoinList(items));
  for (const Group& g : scheme.groups) {
    out.values["groups." + g.id] = Value::Exact(r.groups.at(g.id));
  }
  return out;
}

StatusOr<Results> ItemResults(const SubjectResult& r, const std::string& item) {
  for (const ItemResult& i : r.items) {
    if (i.item != item) continue;
    Results out;
    out.values["outcome"] = Value::Text(ItemOutcomeName(i.outcome));
    out.values["points"] = Value::Exact(i.points);
    return out;
  }
  return InvalidArgumentError("no item " + item + " for " + r.subject.id);
}

StatusOr<Results> ScoreLine(const Record& r, Context& ctx) {
  if (Status s = ArgCount(r, 0, 2); !s.ok()) return s;
  const auto* run = ctx.Memo<StatusOr<std::shared_ptr<ScoringRun>>>("scoring");
  if (run == nullptr) {
    run =
        ctx.PutMemo("scoring", std::make_shared<StatusOr<std::shared_ptr<ScoringRun>>>(Score(ctx)));
  }
  if (!run->ok()) return run->status();
  const Assessment& a = (**run)->assessment;
  if (r.args.empty()) {
    std::vector<std::string> ids;
    for (const SubjectResult& s : a.results) ids.push_back(s.subject.id);
    Results out;
    out.values["subjects"] = Value::Text(JoinList(ids));
    return out;
  }
  const SubjectResult* subject = a.Find(r.args[0]);
  if (subject == nullptr) return InvalidArgumentError("no subject " + r.args[0]);
  if (r.args.size() == 1) return SubjectResults(*a.scheme, *subject);
  return ItemResults(*subject, r.args[1]);
}

}  // namespace

void AddScoringCommands(CommandTable* table) {
  table->Add("subjects", {true, SubjectsLine});
  table->Add("year", {true, YearLine});
  table->Add("score", {false, ScoreLine});
}

}  // namespace ecociv::golden
