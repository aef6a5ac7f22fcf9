// What the `ecociv air` commands share: reading their flags and data (files
// or the store), choosing the series, buffered output and the exit code.
// Each command's run function is in air_tables.cc or air_assess.cc; the
// usage texts and the table in air_commands.cc.
#pragma once

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "ecociv/air/daily.h"
#include "ecociv/air/dataset.h"
#include "ecociv/air/dust_days.h"
#include "ecociv/air/series.h"
#include "ecociv/air/standards.h"

namespace ecociv::cli {

// The flags, standards and data of one air command.
struct AirContext {
  Args args;
  air::AirStandards standards;
  air::AirDataset data;
  air::ReadReport report;
  std::string forced;  // --standard: "auto" or an edition id
  std::string format;  // --format, checked against the command's formats
  std::vector<std::string> inputs;  // --input files (empty with --db)
};

// Parses the flags common to every air command plus `extra_flags`, loads the
// standards and reads the data (--input files, with their row errors and
// summary on stderr, or --db). `formats`: the --format values the command
// accepts, the first the default. With `defer_files`, --input files are only
// named in ctx->inputs, for the command to read (ReadAirInputs or a stream).
StatusOr<std::unique_ptr<AirContext>> PrepareAir(const CommandArgs& argv,
                                                 const std::set<std::string>& extra_flags,
                                                 const std::vector<std::string>& formats,
                                                 bool keep_published = false,
                                                 bool defer_files = false);

// The read options of --stations; reads ctx->inputs into ctx->data and
// prints the row errors and the summary on stderr.
air::ReadOptions AirReadOptions(const AirContext& ctx, bool keep_published);
Status ReadAirInputs(AirContext* ctx, bool keep_published);
void PrintReadReport(const air::ReadReport& report);

// The series a command works on: --city, --station, or every station.
StatusOr<std::vector<air::HourlySeries>> SelectSeries(const AirContext& ctx);

// The daily records of a series under the context's standards.
StatusOr<std::vector<air::DailyRecord>> DailyFor(const AirContext& ctx,
                                                 const air::HourlySeries& series);

// --dust-days FILE (扣沙); empty without the flag.
StatusOr<air::DustDays> DustDaysFlag(const Args& args);

// 1 when reading the input reported data problems, else 0.
int FinishAir(const AirContext& ctx);

// Buffered output to --output FILE or stdout, flushed on destruction.
class AirOutput {
 public:
  static StatusOr<std::unique_ptr<AirOutput>> Open(const std::string& path);
  ~AirOutput();
  std::string& buffer() { return buffer_; }
  void MaybeFlush();  // writes when more than 1 MiB is buffered
  void Flush();

 private:
  AirOutput(FILE* file, bool owned) : file_(file), owned_(owned) {}
  FILE* file_;
  bool owned_;
  std::string buffer_;
};

// Phase timings on stderr when ECOCIV_TIMING is set (docs/performance.md).
class PhaseTimer {
 public:
  PhaseTimer();
  void Mark(const char* phase);

 private:
  bool enabled_;
  double last_;
};

int RunAirHourly(const CommandArgs& argv);
int RunAirDaily(const CommandArgs& argv);
int RunAirCheckPublished(const CommandArgs& argv);
int RunAirAssess(const CommandArgs& argv);
int RunAirTargets(const CommandArgs& argv);

}  // namespace ecociv::cli
