#include "args.h"

#include <cstdio>
#include <fstream>

namespace ecociv::cli {

StatusOr<Args> Args::Parse(const std::vector<std::string>& argv,
                           const std::set<std::string>& value_flags,
                           const std::set<std::string>& switches,
                           const std::set<std::string>& multi_value_flags) {
  Args args;
  std::string current;  // the value flag collecting values, if any
  for (const std::string& arg : argv) {
    if (arg.size() > 2 && arg.compare(0, 2, "--") == 0) {
      std::string flag = arg.substr(2), inline_value;
      bool has_inline = false;
      if (size_t eq = flag.find('='); eq != std::string::npos) {
        inline_value = flag.substr(eq + 1);
        flag = flag.substr(0, eq);
        has_inline = true;
      }
      if (switches.count(flag)) {
        if (has_inline) return InvalidArgumentError("--" + flag + " takes no value");
        args.values_[flag];
        current.clear();
      } else if (value_flags.count(flag)) {
        args.values_[flag];
        current = flag;
        if (has_inline) {
          args.values_[flag].push_back(inline_value);
          current.clear();
        }
      } else {
        return InvalidArgumentError("unknown option --" + flag);
      }
      continue;
    }
    if (!current.empty()) {
      args.values_[current].push_back(arg);
      if (!multi_value_flags.count(current)) current.clear();
    } else {
      args.positional_.push_back(arg);
    }
  }
  for (const auto& [flag, vals] : args.values_) {
    if (value_flags.count(flag) && vals.empty()) {
      return InvalidArgumentError("--" + flag + " needs a value");
    }
  }
  return args;
}

std::string Args::Get(const std::string& flag, const std::string& fallback) const {
  auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return fallback;
  return it->second.back();
}

const std::vector<std::string>& Args::GetAll(const std::string& flag) const {
  static const std::vector<std::string> kEmpty;
  auto it = values_.find(flag);
  return it == values_.end() ? kEmpty : it->second;
}

Status WriteOutput(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::Ok();
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return InvalidArgumentError(path + ": cannot write");
  return Status::Ok();
}

int ReportError(const Status& status) {
  std::fprintf(stderr, "ecociv: %s\n", status.message().c_str());
  return ExitCodeFor(status);
}

}  // namespace ecociv::cli
