// Web users linked to the sections they are chief of: a section chief
// (断面长) by the chief's name written in the sections file (`chief_name`), a
// river chief (河长) by a river (`river`). The chiefs' view (GET
// /api/v1/water/chief) shows a linked user those sections. Each link and
// unlink is a change-record entry (action "water.chief.link|unlink", object
// "chief:USER"). docs/water.md, "The chiefs' view".
//
// Thread safety: the functions take a Database the caller owns exclusively.
#pragma once
#include <string>
#include <vector>

#include "ecociv/core/status.h"
#include "ecociv/store/change_log.h"
#include "ecociv/store/database.h"

namespace ecociv::warning {

struct ChiefLink {
  std::string user;
  std::string kind;   // "section" (value: a chief's name) or "river" (value: a river)
  std::string value;
};

// Links (or, with `remove`, unlinks) a user; the user must exist.
Status SetChiefLink(store::Database* db, const ChiefLink& link, bool remove,
                    const store::Actor& actor);
// The links of `user` (every link when empty), by user, kind, value.
StatusOr<std::vector<ChiefLink>> ListChiefLinks(store::Database* db, const std::string& user);
// The codes of the sections `user` is chief of (sections whose chief_name or
// river a link names), in the store's order.
StatusOr<std::vector<std::string>> ChiefSections(store::Database* db, const std::string& user);

}  // namespace ecociv::warning
