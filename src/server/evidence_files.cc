// Evidence files and downloads (evidence_files.h).
#include "evidence_files.h"

#include <cctype>
#include <utility>

#include "ecociv/core/percent_encoding.h"
#include "ecociv/core/xlsx_writer.h"

namespace ecociv::server {
namespace {

// Evidence files are documents, images, spreadsheets or archives, by name.
constexpr std::pair<const char*, const char*> kEvidenceTypes[] = {
    {".pdf", "application/pdf"},
    {".ofd", "application/ofd"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".png", "image/png"},
    {".xlsx", xlsx::kXlsxMediaType},
    {".xls", "application/vnd.ms-excel"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {".doc", "application/msword"},
    {".csv", "text/csv; charset=utf-8"},
    {".txt", "text/plain; charset=utf-8"},
    {".zip", "application/zip"}};

bool EndsWith(const std::string& text, const std::string& end) {
  return text.size() > end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

std::string Lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

}  // namespace

std::string EvidenceMediaType(const std::string& name) {
  std::string lower = Lower(name);
  for (const auto& [ext, type] : kEvidenceTypes)
    if (EndsWith(lower, ext)) return type;
  return "";
}

bool ValidEvidenceName(const std::string& name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  if (name.find("..") != std::string::npos) return false;
  for (unsigned char ch : name) {
    if (ch < 0x20 || ch == 0x7f || ch == '/' || ch == '\\' || ch == ':') return false;
  }
  return !EvidenceMediaType(name).empty();
}

std::string AttachmentHeader(const std::string& name) {
  std::string ascii;
  for (unsigned char ch : name) {
    ascii += std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_' ? static_cast<char>(ch) : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + PercentEncode(name);
}

}  // namespace ecociv::server
