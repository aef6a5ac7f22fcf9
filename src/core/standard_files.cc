#include "ecociv/core/standard_files.h"

#include <algorithm>
#include <filesystem>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/text_input.h"

// Generated from standards/*.toml by cmake/embed_files.cmake.
const ecociv::EmbeddedFile* EmbeddedStandardFiles(size_t* count);

namespace ecociv {

StatusOr<std::vector<StandardFile>> LoadStandardFiles(const std::string& override_dir) {
  std::vector<StandardFile> files;
  size_t count = 0;
  const EmbeddedFile* embedded = EmbeddedStandardFiles(&count);
  for (size_t i = 0; i < count; ++i) {
    files.push_back(
        {embedded[i].path, "built-in", std::string(embedded[i].data, embedded[i].size)});
  }
  if (override_dir.empty()) return files;
  std::error_code ec;
  if (!std::filesystem::is_directory(override_dir, ec)) {
    return NotFoundError("--standards " + override_dir + ": not a directory");
  }
  for (const auto& entry : std::filesystem::directory_iterator(override_dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(entry.path().string()));
    std::string name = entry.path().filename().string();
    auto it = std::find_if(files.begin(), files.end(),
                           [&](const StandardFile& f) { return f.name == name; });
    StandardFile file{name, entry.path().string(), std::move(text)};
    if (it != files.end()) {
      *it = std::move(file);
    } else {
      files.push_back(std::move(file));
    }
  }
  if (ec) return NotFoundError("--standards " + override_dir + ": " + ec.message());
  return files;
}

}  // namespace ecociv
