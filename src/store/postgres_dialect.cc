#include "postgres_dialect.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace ecociv::store::pg {
namespace {

struct Token {
  enum Kind { kWord, kString, kQuoted, kSpace, kComment, kParam, kPunct } kind;
  std::string text;
};

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::vector<Token> Tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    size_t start = i;
    Token::Kind kind;
    if (c == '\'' || c == '"') {
      // A literal or a quoted name; a doubled quote is part of it.
      kind = c == '\'' ? Token::kString : Token::kQuoted;
      ++i;
      while (i < sql.size()) {
        if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c) {
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      kind = Token::kComment;
      while (i < sql.size() && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      kind = Token::kComment;
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      kind = Token::kSpace;
      while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    } else if (IsWordChar(c)) {
      kind = Token::kWord;
      while (i < sql.size() && IsWordChar(sql[i])) ++i;
    } else if (c == '?') {
      kind = Token::kParam;
      ++i;
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
    } else {
      kind = Token::kPunct;
      ++i;
    }
    tokens.push_back(Token{kind, std::string(sql.substr(start, i - start))});
  }
  return tokens;
}

std::string Upper(const std::string& text) {
  std::string out = text;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool IsWord(const Token& t, const char* upper) {
  return t.kind == Token::kWord && Upper(t.text) == upper;
}
bool IsPunct(const Token& t, char c) { return t.kind == Token::kPunct && t.text[0] == c; }
bool IsBlank(const Token& t) { return t.kind == Token::kSpace || t.kind == Token::kComment; }

// The indexes of the meaningful (not blank) tokens.
std::vector<size_t> Meaningful(const std::vector<Token>& tokens) {
  std::vector<size_t> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!IsBlank(tokens[i])) out.push_back(i);
  }
  return out;
}

// Splits a script into statements at top-level semicolons; a trigger's body
// (BEGIN ... END) keeps its own semicolons.
std::vector<std::vector<Token>> SplitStatements(const std::vector<Token>& tokens) {
  std::vector<std::vector<Token>> statements;
  std::vector<Token> current;
  auto is_trigger = [&] {
    std::vector<size_t> m = Meaningful(current);
    return m.size() >= 2 && IsWord(current[m[0]], "CREATE") && IsWord(current[m[1]], "TRIGGER");
  };
  for (const Token& t : tokens) {
    current.push_back(t);
    if (!IsPunct(t, ';')) continue;
    if (is_trigger()) {
      std::vector<size_t> m = Meaningful(current);
      if (m.size() < 2 || !IsWord(current[m[m.size() - 2]], "END")) continue;
    }
    statements.push_back(std::move(current));
    current.clear();
  }
  if (!Meaningful(current).empty()) statements.push_back(std::move(current));
  return statements;
}

// The index of the ')' closing the '(' at `open`.
size_t Matching(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (IsPunct(tokens[i], '(')) ++depth;
    if (IsPunct(tokens[i], ')') && --depth == 0) return i;
  }
  return tokens.size();
}

struct CreateTable {
  std::string name;
  TableInfo info;
  size_t body_close = 0;          // the body's ')'
  size_t without_rowid_from = 0;  // WITHOUT ROWID's tokens, when present
  size_t without_rowid_to = 0;
  std::vector<std::pair<size_t, size_t>> integer_key;  // INTEGER .. KEY [AUTOINCREMENT]
};

bool ParseCreateTable(const std::vector<Token>& tokens, CreateTable* table) {
  std::vector<size_t> m = Meaningful(tokens);
  if (m.size() < 4 || !IsWord(tokens[m[0]], "CREATE") || !IsWord(tokens[m[1]], "TABLE")) {
    return false;
  }
  size_t k = 2;
  if (IsWord(tokens[m[k]], "IF")) k += 3;  // IF NOT EXISTS
  if (k + 1 >= m.size()) return false;
  table->name = tokens[m[k]].text;
  size_t open = m[k + 1];
  if (!IsPunct(tokens[open], '(')) return false;
  table->body_close = Matching(tokens, open);
  if (table->body_close >= tokens.size()) return false;
  // The column definitions and constraints, split at depth-1 commas.
  std::vector<std::vector<size_t>> parts(1);
  int depth = 0;
  for (size_t i = open + 1; i < table->body_close; ++i) {
    if (IsBlank(tokens[i])) continue;
    if (IsPunct(tokens[i], '(')) ++depth;
    if (IsPunct(tokens[i], ')')) --depth;
    if (depth == 0 && IsPunct(tokens[i], ',')) {
      parts.emplace_back();
      continue;
    }
    parts.back().push_back(i);
  }
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (IsWord(tokens[part[0]], "PRIMARY")) {
      for (size_t j = 1; j < part.size(); ++j) {
        if (tokens[part[j]].kind == Token::kWord && !IsWord(tokens[part[j]], "KEY")) {
          table->info.primary_key.push_back(tokens[part[j]].text);
        }
      }
      continue;
    }
    for (size_t j = 1; j + 1 < part.size(); ++j) {
      if (!IsWord(tokens[part[j]], "PRIMARY") || !IsWord(tokens[part[j + 1]], "KEY")) continue;
      table->info.primary_key = {tokens[part[0]].text};
      if (j == 2 && IsWord(tokens[part[1]], "INTEGER")) {
        table->info.integer_key = tokens[part[0]].text;
        size_t last = part[j + 1];
        if (j + 2 < part.size() && IsWord(tokens[part[j + 2]], "AUTOINCREMENT")) last = part[j + 2];
        table->integer_key.emplace_back(part[1], last);
      }
    }
  }
  for (size_t i = 0; i + 1 < m.size(); ++i) {
    if (m[i] > table->body_close && IsWord(tokens[m[i]], "WITHOUT") &&
        IsWord(tokens[m[i + 1]], "ROWID")) {
      table->without_rowid_from = m[i];
      table->without_rowid_to = m[i + 1] + 1;
    }
  }
  return true;
}

std::string MapTypes(const Token& t) {
  if (t.kind != Token::kWord) return t.text;
  std::string upper = Upper(t.text);
  if (upper == "INTEGER") return "BIGINT";
  if (upper == "BLOB") return "BYTEA";
  if (upper == "REAL") return "DOUBLE PRECISION";
  return t.text;
}

size_t BodyEnd(const std::vector<Token>& tokens);

std::string TranslateCreateTable(const std::vector<Token>& tokens, const CreateTable& table,
                                 size_t begin) {
  std::string out;
  for (size_t i = begin; i < BodyEnd(tokens); ++i) {
    bool in_key = false;
    for (const auto& [from, to] : table.integer_key) {
      if (i == from) out += "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
      if (i >= from && i <= to) in_key = true;
    }
    if (in_key) continue;
    if (table.without_rowid_to > 0 && i >= table.without_rowid_from && i < table.without_rowid_to) {
      continue;
    }
    if (i == table.body_close && table.info.integer_key.empty() && table.without_rowid_to == 0) {
      // SQLite's implicit rowid, kept in insertion order.
      out += ",\n  rowid BIGINT GENERATED ALWAYS AS IDENTITY\n";
    }
    out += MapTypes(tokens[i]);
  }
  return out;
}

std::string TranslateTrigger(const std::vector<Token>& tokens) {
  std::string text;
  for (const Token& t : tokens) {
    if (t.kind != Token::kComment) text += t.text;
  }
  static const std::regex kTrigger(
      R"(^\s*CREATE\s+TRIGGER\s+(\w+)\s+(BEFORE|AFTER)\s+(UPDATE|DELETE|INSERT)((?:\s+OF\s+[\w\s,]+?)?)\s+ON\s+(\w+)(?:\s+WHEN\s+([\s\S]+?))?\s+BEGIN\s+SELECT\s+RAISE\s*\(\s*ABORT\s*,\s*'((?:[^']|'')*)'\s*\)\s*;\s*END\s*;?\s*$)",
      std::regex::icase);
  std::smatch match;
  if (!std::regex_match(text, match, kTrigger)) return text;
  std::string name = match[1], function = match[1].str() + "_refuse";
  std::string out = "CREATE OR REPLACE FUNCTION " + function +
                    "() RETURNS trigger LANGUAGE plpgsql AS $ecociv$BEGIN RAISE EXCEPTION '" +
                    match[7].str() + "' USING ERRCODE = 'restrict_violation'; END$ecociv$;\n";
  out += "CREATE TRIGGER " + name + " " + match[2].str() + " " + match[3].str() + match[4].str() +
         " ON " + match[5].str() + " FOR EACH ROW";
  if (match[6].matched) out += " WHEN (" + match[6].str() + ")";
  out += " EXECUTE FUNCTION " + function + "();\n";
  return out;
}

// Everything but the statement's trailing blanks and semicolon.
size_t BodyEnd(const std::vector<Token>& tokens) {
  size_t end = tokens.size();
  while (end > 0 && (IsBlank(tokens[end - 1]) || IsPunct(tokens[end - 1], ';'))) --end;
  return end;
}

// `coalesce(x, '')`: SQLite mixes an integer x with text; PostgreSQL wants
// one type, so x is cast to text (what the store reads such a column as).
std::vector<Token> CastCoalescedToText(const std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    out.push_back(tokens[i]);
    if (!IsWord(tokens[i], "COALESCE") || i + 1 >= tokens.size() || !IsPunct(tokens[i + 1], '(')) {
      continue;
    }
    size_t close = Matching(tokens, i + 1);
    int depth = 0;
    size_t comma = 0;
    for (size_t j = i + 1; j < close; ++j) {
      if (IsPunct(tokens[j], '(')) ++depth;
      if (IsPunct(tokens[j], ')')) --depth;
      if (depth == 1 && IsPunct(tokens[j], ',')) {
        if (comma != 0) break;  // more than two arguments: left alone
        comma = j;
      }
    }
    std::vector<size_t> rest;
    for (size_t j = comma + 1; comma != 0 && j < close; ++j) {
      if (!IsBlank(tokens[j])) rest.push_back(j);
    }
    if (rest.size() != 1 || tokens[rest[0]].text != "''") continue;
    out.push_back(Token{Token::kPunct, "("});
    out.push_back(Token{Token::kWord, "CAST"});
    out.push_back(Token{Token::kPunct, "("});
    for (size_t j = i + 2; j < comma; ++j) out.push_back(tokens[j]);
    out.push_back(Token{Token::kWord, " AS TEXT)"});
    for (size_t j = comma; j <= close; ++j) out.push_back(tokens[j]);
    i = close;
  }
  return out;
}

Translated TranslateOne(const std::vector<Token>& input, const Tables& tables, bool returning) {
  const std::vector<Token> tokens = CastCoalescedToText(input);
  Translated out;
  std::vector<size_t> m = Meaningful(tokens);
  if (m.empty()) return out;
  if (IsWord(tokens[m[0]], "PRAGMA")) return out;
  if (m.size() >= 2 && IsWord(tokens[m[0]], "CREATE") && IsWord(tokens[m[1]], "TRIGGER")) {
    out.sql = TranslateTrigger(tokens);
    return out;
  }
  CreateTable table;
  if (ParseCreateTable(tokens, &table)) {
    out.sql = TranslateCreateTable(tokens, table, m[0]);
    return out;
  }
  bool insert = IsWord(tokens[m[0]], "INSERT");
  std::string conflict;  // INSERT OR IGNORE | REPLACE: the ON CONFLICT clause
  std::string table_name;
  size_t skip_from = 0, skip_to = 0;  // the "OR IGNORE" tokens
  if (insert && m.size() >= 3 && IsWord(tokens[m[1]], "OR")) {
    skip_from = m[1];
    skip_to = m.size() >= 4 ? m[3] : m[2] + 1;
    bool replace = IsWord(tokens[m[2]], "REPLACE");
    conflict = " ON CONFLICT DO NOTHING";
    if (m.size() >= 5 && replace) {
      table_name = tokens[m[4]].text;
      auto found = tables.find(table_name);
      std::vector<std::string> columns;
      if (m.size() >= 6 && IsPunct(tokens[m[5]], '(')) {
        size_t close = Matching(tokens, m[5]);
        for (size_t i = m[5]; i < close; ++i) {
          if (tokens[i].kind == Token::kWord) columns.push_back(tokens[i].text);
        }
      }
      if (found != tables.end() && !found->second.primary_key.empty()) {
        const auto& key = found->second.primary_key;
        std::string target, set;
        for (const std::string& k : key) target += (target.empty() ? "" : ", ") + k;
        for (const std::string& c : columns) {
          bool in_key = false;
          for (const std::string& k : key) in_key |= Upper(k) == Upper(c);
          if (!in_key) set += (set.empty() ? "" : ", ") + c + " = excluded." + c;
        }
        conflict = " ON CONFLICT (" + target + ")" +
                   (set.empty() ? std::string(" DO NOTHING") : " DO UPDATE SET " + set);
      }
    }
  } else if (insert && m.size() >= 3) {
    table_name = tokens[m[2]].text;
  }
  if (insert && table_name.empty() && m.size() >= 5) table_name = tokens[m[4]].text;
  bool has_returning = false;
  for (size_t i : m) has_returning |= IsWord(tokens[i], "RETURNING");
  size_t end = BodyEnd(tokens);
  for (size_t i = m[0]; i < end; ++i) {
    if (i >= skip_from && i < skip_to) continue;
    if (tokens[i].kind == Token::kParam) {
      // `?` is one more than the largest number so far, `?N` is N (SQLite's rule).
      int number = tokens[i].text.size() > 1 ? std::stoi(tokens[i].text.substr(1)) : out.params + 1;
      out.params = std::max(out.params, number);
      out.sql += "$" + std::to_string(number);
    } else if ((tokens[i].text == "x" || tokens[i].text == "X") && i + 1 < end &&
               tokens[i + 1].kind == Token::kString) {
      // A blob literal x'00ff'.
      out.sql += "decode(" + tokens[++i].text + ", 'hex')";
    } else {
      out.sql += MapTypes(tokens[i]);
    }
  }
  out.sql += conflict;
  if (insert && returning && !has_returning) {
    auto found = tables.find(table_name);
    if (found != tables.end() && !found->second.integer_key.empty()) {
      out.returning = found->second.integer_key;
      out.sql += " RETURNING " + out.returning;
    }
  }
  return out;
}

}  // namespace

void LearnTables(std::string_view ddl, Tables* tables) {
  for (const auto& statement : SplitStatements(Tokenize(ddl))) {
    CreateTable table;
    if (ParseCreateTable(statement, &table)) (*tables)[table.name] = table.info;
  }
}

Translated TranslateStatement(std::string_view sql, const Tables& tables) {
  std::vector<Token> tokens = Tokenize(sql);
  auto statements = SplitStatements(tokens);
  if (statements.size() != 1) {
    Translated out;
    out.sql = TranslateScript(sql, tables);
    return out;
  }
  return TranslateOne(statements[0], tables, true);
}

std::string TranslateScript(std::string_view sql, const Tables& tables) {
  std::string out;
  for (const auto& statement : SplitStatements(Tokenize(sql))) {
    std::string one = TranslateOne(statement, tables, false).sql;
    if (one.empty()) continue;
    out += one;
    if (one.back() != '\n') out += ";\n";
  }
  return out;
}

std::string CopyOfInsert(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  std::vector<size_t> m = Meaningful(tokens);
  if (m.size() < 6 || !IsWord(tokens[m[0]], "INSERT") || !IsWord(tokens[m[1]], "INTO") ||
      tokens[m[2]].kind != Token::kWord || !IsPunct(tokens[m[3]], '(')) {
    return "";
  }
  size_t close = Matching(tokens, m[3]);
  std::string columns;
  size_t count = 0, k = 4;
  for (; k < m.size() && m[k] < close; ++k) {
    if (tokens[m[k]].kind == Token::kWord) {
      columns += (count++ ? ", " : "") + tokens[m[k]].text;
    } else if (!IsPunct(tokens[m[k]], ',')) {
      return "";
    }
  }
  // VALUES ( ?, ?, ... ) [;]
  if (k + 2 >= m.size() || !IsWord(tokens[m[k + 1]], "VALUES") || !IsPunct(tokens[m[k + 2]], '(')) {
    return "";
  }
  size_t params = 0;
  for (k += 3; k < m.size(); ++k) {
    const Token& t = tokens[m[k]];
    if (t.kind == Token::kParam && t.text == "?") {
      ++params;
    } else if (!IsPunct(t, ',')) {
      break;
    }
  }
  if (k >= m.size() || !IsPunct(tokens[m[k]], ')') || params != count) return "";
  for (++k; k < m.size(); ++k) {
    if (!IsPunct(tokens[m[k]], ';')) return "";
  }
  return "COPY " + tokens[m[2]].text + " (" + columns + ") FROM STDIN";
}

std::string_view CompatFunctions() {
  // SQLite's group_concat skips NULLs and joins with ',' unless told; sum()
  // of a condition counts the rows where it holds (NULL over no rows);
  // strftime('%s', t) is Unix seconds of an ISO 8601 time.
  return R"sql(
CREATE OR REPLACE FUNCTION instr(haystack text, needle text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT AS $ecociv$SELECT strpos(haystack, needle)$ecociv$;
CREATE OR REPLACE FUNCTION ecociv_concat_step(acc text, value text, sep text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $ecociv$SELECT CASE WHEN value IS NULL THEN acc
    WHEN acc IS NULL THEN value ELSE acc || sep || value END$ecociv$;
CREATE OR REPLACE FUNCTION ecociv_concat_step(acc text, value text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $ecociv$SELECT ecociv_concat_step(acc, value, ',')$ecociv$;
CREATE OR REPLACE AGGREGATE group_concat(text, text) (SFUNC = ecociv_concat_step, STYPE = text);
CREATE OR REPLACE AGGREGATE group_concat(text) (SFUNC = ecociv_concat_step, STYPE = text);
CREATE OR REPLACE FUNCTION ecociv_count_step(acc bigint, value boolean) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $ecociv$SELECT coalesce(acc, 0) + CASE WHEN value THEN 1 ELSE 0 END$ecociv$;
CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = ecociv_count_step, STYPE = bigint);
CREATE OR REPLACE FUNCTION strftime(format text, at text) RETURNS text
  LANGUAGE sql STABLE STRICT AS $ecociv$SELECT CASE WHEN format = '%s'
    THEN extract(epoch FROM at::timestamptz)::bigint::text END$ecociv$;
)sql";
}

}  // namespace ecociv::store::pg
