// ImportSource: the text an import reads from one file (internal).
//
// A CSV file (plain, .xz or .gz) is one part; an .xlsx workbook is one part
// per non-empty sheet, labelled "book.xlsx[Sheet1]" and converted to CSV text
// (xlsx.h). Readers that need a path get `read_path`: the file itself, or a
// temporary CSV copy of a sheet that lives as long as the ImportSource.
// The digest identifies the content for re-import detection (for a CSV file,
// the SHA-256 of its decompressed text).
//
// Thread safety: not thread-safe; one import at a time per object.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ecociv/core/status.h"

namespace ecociv::store {

struct SourcePart {
  std::string label;      // for messages: the path, or "path[sheet]"
  std::string text;       // CSV text
  std::string read_path;  // a file holding `text` (for air::ReadAirFiles)
};

class ImportSource {
 public:
  // Errors: unreadable, truncated, not a workbook, or nothing but blank text
  // ("empty file").
  static StatusOr<std::unique_ptr<ImportSource>> Open(const std::string& path);
  ~ImportSource();
  ImportSource(const ImportSource&) = delete;
  ImportSource& operator=(const ImportSource&) = delete;

  const std::vector<SourcePart>& parts() const { return parts_; }
  const std::string& digest() const { return digest_; }
  // Replaces temporary paths in a reader's message with the part labels.
  std::string Relabel(std::string message) const;
  Status Relabel(const Status& status) const;

 private:
  ImportSource() = default;
  Status WriteTemporaryFiles();

  std::vector<SourcePart> parts_;
  std::string digest_;
  std::string temp_dir_;
};

}  // namespace ecociv::store
