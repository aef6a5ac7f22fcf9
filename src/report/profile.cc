// Report display profiles (report/profile.h): config/report-profiles/*.toml.
#include "ecociv/report/profile.h"

#include <toml++/toml.h>
#include <algorithm>
#include <set>

#include "ecociv/core/embedded_files.h"
#include "ecociv/core/text_input.h"

const ecociv::EmbeddedFile* EmbeddedReportProfiles(size_t* count);

namespace ecociv::report {

namespace {

// The sections and keys a profile has; anything else is refused.
const std::map<std::string, std::set<std::string>>& KnownKeys() {
  static const auto* keys = [] {
    auto* k = new std::map<std::string, std::set<std::string>>{
        {"profile", {"id", "title_zh", "title_en", "issuer_zh", "issuer_en"}},
        {"decimals", {}},
        {"change", {"basis"}},
        {"wording", {"rise_zh", "fall_zh", "flat_zh", "rise_en", "fall_en", "flat_en"}},
    };
    for (const char* f : kProfileFigures) (*k)["decimals"].insert(f);
    return k;
  }();
  return *keys;
}

class Reader {
 public:
  Reader(const toml::table& root, const std::string& source) : root_(root), source_(source) {}

  Status Unknown() const {
    for (const auto& [section, node] : root_) {
      std::string name(section.str());
      auto known = KnownKeys().find(name);
      if (known == KnownKeys().end()) return At(node, "unknown section [" + name + "]");
      const toml::table* table = node.as_table();
      if (table == nullptr) return At(node, "[" + name + "] must be a table");
      for (const auto& [key, value] : *table) {
        if (known->second.count(std::string(key.str())) == 0) {
          return At(value, "unknown key '" + std::string(key.str()) + "' in [" + name + "]");
        }
      }
    }
    return Status::Ok();
  }

  StatusOr<const toml::table*> Section(const std::string& name) const {
    const toml::table* t = root_[name].as_table();
    if (t == nullptr) return InvalidArgumentError(source_ + ": missing section [" + name + "]");
    return t;
  }

  StatusOr<std::string> Text(const toml::table& t, const std::string& section,
                             const std::string& key) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return Missing(t, section, key);
    auto value = node->value<std::string>();
    if (!value || value->empty()) return At(*node, section + "." + key + ": a non-empty text");
    return *value;
  }

  StatusOr<int> Decimals(const toml::table& t, const std::string& key) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return Missing(t, "decimals", key);
    auto value = node->value_exact<int64_t>();
    if (!value || *value < 0 || *value > 6) {
      return At(*node, "decimals." + key + ": a whole number of decimals 0..6");
    }
    return static_cast<int>(*value);
  }

 private:
  Status At(const toml::node& node, const std::string& what) const {
    return InvalidArgumentError(source_ + ":" + std::to_string(node.source().begin.line) + ": " +
                                what);
  }
  Status Missing(const toml::table& t, const std::string& section, const std::string& key) const {
    return At(t, "[" + section + "] has no '" + key + "'");
  }

  const toml::table& root_;
  std::string source_;
};

}  // namespace

StatusOr<Lang> ParseLang(std::string_view text) {
  if (text == "zh") return Lang::kZh;
  if (text == "en") return Lang::kEn;
  return InvalidArgumentError("--lang: expected zh or en");
}

int ReportProfile::Decimals(std::string_view figure) const {
  auto it = decimals.find(std::string(figure));
  return it == decimals.end() ? 0 : it->second;
}

std::string ReportProfile::Issuer(Lang lang, const std::string& city) const {
  std::string text = lang == Lang::kZh ? issuer_zh : issuer_en;
  const std::string mark = "{city}";
  for (size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at)) {
    text.replace(at, mark.size(), city);
    at += city.size();
  }
  // An empty city leaves no double space ("Office of the  Leading Group").
  for (size_t at = text.find("  "); at != std::string::npos; at = text.find("  ")) {
    text.erase(at, 1);
  }
  return text;
}

StatusOr<ReportProfile> ParseProfile(std::string_view text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    return InvalidArgumentError(source + ":" + std::to_string(e.source().begin.line) + ": " +
                                std::string(e.description()));
  }
  Reader in(root, source);
  ECOCIV_RETURN_IF_ERROR(in.Unknown());
  ReportProfile p;
  p.source = source;
  ECOCIV_ASSIGN_OR_RETURN(const toml::table* head, in.Section("profile"));
  ECOCIV_ASSIGN_OR_RETURN(p.id, in.Text(*head, "profile", "id"));
  ECOCIV_ASSIGN_OR_RETURN(p.title_zh, in.Text(*head, "profile", "title_zh"));
  ECOCIV_ASSIGN_OR_RETURN(p.title_en, in.Text(*head, "profile", "title_en"));
  ECOCIV_ASSIGN_OR_RETURN(p.issuer_zh, in.Text(*head, "profile", "issuer_zh"));
  ECOCIV_ASSIGN_OR_RETURN(p.issuer_en, in.Text(*head, "profile", "issuer_en"));
  ECOCIV_ASSIGN_OR_RETURN(const toml::table* decimals, in.Section("decimals"));
  for (const char* figure : kProfileFigures) {
    ECOCIV_ASSIGN_OR_RETURN(p.decimals[figure], in.Decimals(*decimals, figure));
  }
  ECOCIV_ASSIGN_OR_RETURN(const toml::table* change, in.Section("change"));
  ECOCIV_ASSIGN_OR_RETURN(std::string basis, in.Text(*change, "change", "basis"));
  if (basis == "published") {
    p.basis = ChangeBasis::kPublished;
  } else if (basis == "exact") {
    p.basis = ChangeBasis::kExact;
  } else {
    return InvalidArgumentError(
        source + ":" + std::to_string(change->get("basis")->source().begin.line) +
        ": change.basis: expected \"published\" or \"exact\", got \"" + basis.substr(0, 40) + "\"");
  }
  ECOCIV_ASSIGN_OR_RETURN(const toml::table* words, in.Section("wording"));
  ECOCIV_ASSIGN_OR_RETURN(p.rise_zh, in.Text(*words, "wording", "rise_zh"));
  ECOCIV_ASSIGN_OR_RETURN(p.fall_zh, in.Text(*words, "wording", "fall_zh"));
  ECOCIV_ASSIGN_OR_RETURN(p.flat_zh, in.Text(*words, "wording", "flat_zh"));
  ECOCIV_ASSIGN_OR_RETURN(p.rise_en, in.Text(*words, "wording", "rise_en"));
  ECOCIV_ASSIGN_OR_RETURN(p.fall_en, in.Text(*words, "wording", "fall_en"));
  ECOCIV_ASSIGN_OR_RETURN(p.flat_en, in.Text(*words, "wording", "flat_en"));
  return p;
}

std::vector<std::string> BuiltInProfiles() {
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedReportProfiles(&count);
  std::vector<std::string> ids;
  for (size_t i = 0; i < count; ++i) {
    std::string name = files[i].path;
    if (name.size() > 5 && name.ends_with(".toml")) ids.push_back(name.substr(0, name.size() - 5));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

StatusOr<ReportProfile> LoadProfile(const std::string& name) {
  if (name.find('/') != std::string::npos || name.ends_with(".toml")) {
    ECOCIV_ASSIGN_OR_RETURN(std::string text, ReadTextFile(name));
    return ParseProfile(text, name);
  }
  size_t count = 0;
  const EmbeddedFile* files = EmbeddedReportProfiles(&count);
  for (size_t i = 0; i < count; ++i) {
    if (name + ".toml" == files[i].path) {
      return ParseProfile(std::string_view(files[i].data, files[i].size),
                          "built-in " + std::string(files[i].path));
    }
  }
  std::string ids;
  for (const std::string& id : BuiltInProfiles()) ids += (ids.empty() ? "" : ", ") + id;
  return NotFoundError("no report profile '" + name.substr(0, 40) + "' (built in: " + ids +
                       "; or give a .toml file)");
}

}  // namespace ecociv::report
