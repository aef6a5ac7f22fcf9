#include "import_source.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "ecociv/core/text_encoding.h"
#include "ecociv/core/text_input.h"
#include "ecociv/store/digest.h"
#include "ecociv/store/xlsx.h"

namespace ecociv::store {

namespace {

bool Blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n,") == std::string_view::npos;
}

}  // namespace

StatusOr<std::unique_ptr<ImportSource>> ImportSource::Open(const std::string& path) {
  std::unique_ptr<ImportSource> source(new ImportSource());
  if (!IsXlsxPath(path)) {
    ECOCIV_ASSIGN_OR_RETURN(std::string raw, ReadTextFile(path));
    // A Chinese Excel's "CSV" is GBK: read as UTF-8 from a converted copy.
    bool converted = false;
    auto text = TextAsUtf8(std::move(raw), &converted);
    if (!text.ok()) return text.status().WithContext(path);
    if (Blank(*text)) return InvalidArgumentError(path + ": empty file");
    source->digest_ = Sha256Hex(*text);
    source->parts_.push_back({path, std::move(*text), path});
    if (converted) ECOCIV_RETURN_IF_ERROR(source->WriteTemporaryFiles());
    return source;
  }
  ECOCIV_ASSIGN_OR_RETURN(std::vector<XlsxSheet> sheets, ReadXlsxAsCsv(path));
  Sha256 digest;
  digest.AddField("xlsx");
  for (XlsxSheet& sheet : sheets) {
    if (Blank(sheet.csv)) continue;
    digest.AddField(sheet.name);
    digest.AddField(sheet.csv);
    source->parts_.push_back({path + "[" + sheet.name + "]", std::move(sheet.csv), ""});
  }
  if (source->parts_.empty()) return InvalidArgumentError(path + ": empty workbook");
  source->digest_ = ToHex(digest.Finish());
  ECOCIV_RETURN_IF_ERROR(source->WriteTemporaryFiles());
  return source;
}

Status ImportSource::WriteTemporaryFiles() {
  static std::atomic<int> counter{0};
  std::error_code error;
  auto dir = std::filesystem::temp_directory_path(error) /
             ("ecociv-import-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir, error);
  if (error) return InternalError("cannot create a temporary directory: " + error.message());
  temp_dir_ = dir.string();
  for (size_t i = 0; i < parts_.size(); ++i) {
    parts_[i].read_path = (dir / ("sheet" + std::to_string(i + 1) + ".csv")).string();
    std::ofstream out(parts_[i].read_path, std::ios::binary);
    out << parts_[i].text;
    if (!out) return InternalError("cannot write " + parts_[i].read_path);
  }
  return Status::Ok();
}

ImportSource::~ImportSource() {
  if (temp_dir_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(temp_dir_, ignored);
}

std::string ImportSource::Relabel(std::string message) const {
  for (const SourcePart& part : parts_) {
    if (part.read_path == part.label) continue;
    for (size_t at = message.find(part.read_path); at != std::string::npos;
         at = message.find(part.read_path, at + part.label.size())) {
      message.replace(at, part.read_path.size(), part.label);
    }
  }
  return message;
}

Status ImportSource::Relabel(const Status& status) const {
  return status.ok() ? status : Status(status.code(), Relabel(status.message()));
}

}  // namespace ecociv::store
