// Internal to the server: evidence files uploaded to the API (indicator
// values, assessment values, events and findings) and files sent back.
//
// An evidence file is a document, image, spreadsheet or archive of at most
// 8 MiB, named by a plain name of at most 128 bytes (no folders, "..",
// leading dot, ':' or control characters) ending in .pdf .ofd .jpg .jpeg .png
// .xlsx .xls .docx .doc .csv .txt .zip. The name is only stored as text.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>

namespace ecociv::server {

inline constexpr size_t kMaxEvidenceBytes = 8 << 20;  // 8 MiB per evidence file

// The media type of an evidence file by its extension; "" when not allowed.
std::string EvidenceMediaType(const std::string& name);

// Whether `name` is an acceptable evidence file name (see above).
bool ValidEvidenceName(const std::string& name);

// Content-Disposition for a download: an ASCII fallback name and the UTF-8
// name percent-encoded (RFC 6266 / RFC 5987), so 监测报告.pdf keeps its name.
std::string AttachmentHeader(const std::string& name);

}  // namespace ecociv::server
