// A periodic document made from its kind and period as text: what the web's
// documents page asks for ("water-yearly", "2025"). It chooses the builder
// (air_document.h, water_document.h, bulletin.h) and the display profile
// (the kind's default: monthly for a month, yearly for a year), so the web
// and the command line make the same document from the same request.
//
// Thread safety: the Database must not be used by another thread meanwhile.
#pragma once

#include <string>
#include <vector>

#include "ecociv/report/document.h"
#include "ecociv/store/database.h"

namespace ecociv::report {

struct DocumentRequest {
  std::string kind;    // one of PeriodicKinds()
  std::string period;  // YYYY-MM for a monthly kind, YYYY for a yearly one
  DocumentOptions options;
  std::string city;           // "" → the store's only city (air), 全市 (water)
  std::string standards_dir;  // "" → the built-in standards
  std::string profile;        // "" → the kind's default profile
  // The region the document is of (store/regions.h; the root: the whole
  // store): a region's documents are of its stations, sections and warnings.
  std::string region = "000000";
};

// The kinds made from a period, in the order a page offers them.
const std::vector<std::string>& PeriodicKinds();
// True for a kind whose period is a month.
bool IsMonthlyKind(const std::string& kind);

// InvalidArgument naming the field for an unknown kind or a period not of
// the kind's form; the builder's errors otherwise (NotFound: no data, or an
// unknown region).
StatusOr<Document> MakePeriodicDocument(store::Database* db, const DocumentRequest& request);

}  // namespace ecociv::report
