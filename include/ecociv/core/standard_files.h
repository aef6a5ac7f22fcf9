// The versioned rule files under standards/ (one file per standard edition,
// TOML), compiled into the binary as defaults. A user may point
// --standards DIR at a folder of their own: a file there with the same name
// replaces the compiled-in one, and new files add editions.
//
// Thread-safe: the compiled-in table is immutable.
#pragma once

#include <string>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv {

struct StandardFile {
  std::string name;    // "hj633-2012.toml"
  std::string origin;  // "built-in" or the path it was read from
  std::string text;
};

// All standard files: the compiled-in ones, overridden or extended by the
// *.toml files in `override_dir` (ignored when empty). A missing or unreadable
// directory is an error naming it.
StatusOr<std::vector<StandardFile>> LoadStandardFiles(const std::string& override_dir);

}  // namespace ecociv
