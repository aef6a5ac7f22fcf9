#include "ecociv/core/csv_columns.h"

#include "ecociv/core/text_input.h"

namespace ecociv {

StatusOr<std::vector<CsvRow>> ReadCsvColumns(std::string_view csv, const std::string& file_name,
                                             const std::vector<std::string>& columns) {
  return ReadCsvColumns(csv, file_name, columns, {});
}

StatusOr<std::vector<CsvRow>> ReadCsvColumns(std::string_view csv, const std::string& file_name,
                                             const std::vector<std::string>& required,
                                             const std::vector<std::string>& optional_columns) {
  std::vector<std::string> columns = required;
  columns.insert(columns.end(), optional_columns.begin(), optional_columns.end());
  CsvReader reader(csv);
  std::vector<std::string_view> fields;
  if (!reader.NextRecord(&fields)) return InvalidArgumentError(file_name + ":1: header expected");
  std::vector<int> order(columns.size(), -1);
  for (size_t i = 0; i < fields.size(); ++i) {
    for (size_t c = 0; c < columns.size(); ++c) {
      if (TrimSpaces(fields[i]) != columns[c]) continue;
      if (order[c] >= 0) {
        // Two columns of one name: which one is meant cannot be told.
        return InvalidArgumentError(file_name + ":" + std::to_string(reader.line()) + ": column '" +
                                    columns[c] + "' appears twice in the header " + "(fields " +
                                    std::to_string(order[c] + 1) + " and " + std::to_string(i + 1) +
                                    ")");
      }
      order[c] = static_cast<int>(i);
    }
  }
  for (size_t c = 0; c < required.size(); ++c) {
    if (order[c] < 0) {
      return InvalidArgumentError(file_name + ":" + std::to_string(reader.line()) +
                                  ": missing column '" + columns[c] + "'");
    }
  }
  std::vector<CsvRow> rows;
  while (reader.NextRecord(&fields)) {
    CsvRow row;
    row.line = reader.line();
    for (size_t c = 0; c < columns.size(); ++c) {
      bool present = order[c] >= 0 && static_cast<size_t>(order[c]) < fields.size();
      row.fields.emplace_back(present ? TrimSpaces(fields[order[c]]) : std::string_view());
    }
    rows.push_back(std::move(row));
  }
  if (!reader.status().ok()) return reader.status().WithContext(file_name);
  return rows;
}

}  // namespace ecociv
