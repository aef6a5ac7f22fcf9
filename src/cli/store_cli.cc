#include "store_cli.h"

namespace ecociv::cli {

StatusOr<std::unique_ptr<store::Database>> OpenStoreFromArgs(const Args& args) {
  store::OpenOptions options;
  options.migrate = false;
  return store::OpenDatabase(store::ResolveDatabasePath(args.Get("db")), options);
}

StatusOr<HourLabel> ParseLabelOrDate(const std::string& text, bool end) {
  if (text.size() == 10 || text.find_first_of("T ") == std::string::npos) {
    ECOCIV_ASSIGN_OR_RETURN(DayNumber day, ParseDate(text));
    return LabelAt(day, end ? 24 : 1);
  }
  return ParseHourLabel(text);
}

}  // namespace ecociv::cli
