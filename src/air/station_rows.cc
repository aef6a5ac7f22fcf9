#include "ecociv/air/station_rows.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "ecociv/core/message_text.h"

namespace ecociv::air {

struct StationRows::Station {
  static constexpr int kChunk = 128;  // records per chunk (4 KB)
  using Chunk = std::array<Record, kChunk>;
  struct Extent {
    int64_t offset;  // bytes into the temporary file
    int64_t count;
  };
  std::vector<std::unique_ptr<Chunk>> chunks;  // records not yet written out
  int last_fill = kChunk;                      // records in the last chunk
  std::vector<Extent> spilled;                 // written out, in order
  int64_t spilled_count = 0;
  int64_t count = 0;
  std::vector<std::pair<int64_t, int32_t>> file_starts;  // (first record, file index)
  // Which hours have a record: bit (label - seen_base).
  HourLabel seen_base = 0;
  std::vector<uint64_t> seen;
  // Label → record, built at the first duplicate only.
  std::unique_ptr<std::unordered_map<HourLabel, int64_t>> by_label;

  // Marks `label`; true when it was marked before.
  bool TestAndSet(HourLabel label) {
    auto floor64 = [](HourLabel l) { return l >= 0 ? l / 64 * 64 : -((-l + 63) / 64) * 64; };
    if (seen.empty()) {
      seen_base = floor64(label);
      seen.assign(1, 0);
    } else if (label < seen_base) {
      HourLabel base = floor64(label);
      seen.insert(seen.begin(), size_t(seen_base - base) / 64, 0);
      seen_base = base;
    }
    size_t bit = size_t(label - seen_base);
    if (bit / 64 >= seen.size()) seen.resize(bit / 64 + 1, 0);
    uint64_t mask = uint64_t{1} << (bit % 64);
    bool was = (seen[bit / 64] & mask) != 0;
    seen[bit / 64] |= mask;
    return was;
  }

  void Append(const Record& r) {
    if (last_fill == kChunk) {
      chunks.push_back(std::make_unique<Chunk>());
      last_fill = 0;
    }
    (*chunks.back())[last_fill++] = r;
    if (by_label) by_label->emplace(r.label, count);
    ++count;
  }
};

namespace {

Status IoError(const char* what) {
  return DataLossError(std::string("temporary file of the station rows: ") + what + ": " +
                       std::strerror(errno));
}

Status WriteAll(int fd, const char* data, size_t size, int64_t offset) {
  while (size > 0) {
    ssize_t n = ::pwrite(fd, data, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("write");
    data += n;
    size -= size_t(n);
    offset += n;
  }
  return Status::Ok();
}

Status ReadAll(int fd, char* data, size_t size, int64_t offset) {
  while (size > 0) {
    ssize_t n = ::pread(fd, data, size, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError("read");
    data += n;
    size -= size_t(n);
    offset += n;
  }
  return Status::Ok();
}

}  // namespace

StationRows::~StationRows() {
  if (fd_ >= 0) ::close(fd_);
}

StatusOr<std::unique_ptr<StationRows>> StationRows::Read(const std::vector<std::string>& paths,
                                                         const ReadOptions& options,
                                                         ReadReport* report, size_t memory_budget) {
  std::unique_ptr<StationRows> rows(new StationRows());
  rows->paths_ = paths;
  rows->report_ = report;
  rows->budget_ = memory_budget;
  StationRows* self = rows.get();
  ECOCIV_RETURN_IF_ERROR(ReadAirRows(
      paths, options, report,
      [self](const std::vector<StationInfo>& stations, std::vector<AirRow>* block) {
        return self->Add(stations, block);
      }));
  if (rows->last_label_ >= rows->first_label_) {
    const HourLabel first = rows->first_label_, last = rows->last_label_;
    const int64_t hours = int64_t{last} - first + 1;
    const int64_t cells = hours * static_cast<int64_t>(rows->stations_.size());
    const int64_t allowed = kMaxGridCellsPerRow * rows->rows_ + kGridCellsFloor;
    if (cells > allowed) {
      // The words of ReadAirFiles.
      return InvalidArgumentError(
          "the rows read span " + FormatHourLabel(first) + ".." + FormatHourLabel(last) + " (" +
          std::to_string(hours) + " hours) for " + std::to_string(rows->stations_.size()) +
          " stations: an hourly grid of " + std::to_string(cells) + " station-hours for " +
          std::to_string(rows->rows_) + " rows, more than " +
          std::to_string(kMaxGridCellsPerRow) +
          " per row; split the files by period (a run per year or month) or remove the stray "
          "rows");
    }
    rows->hour_count_ = static_cast<int32_t>(hours);
  } else {
    rows->first_label_ = 0;
  }
  for (std::string& error : rows->duplicate_errors_) report->row_errors.push_back(std::move(error));
  rows->duplicate_errors_.clear();
  return rows;
}

int StationRows::FindStation(const std::string& code) const {
  for (size_t i = 0; i < stations_.size(); ++i) {
    if (stations_[i].code == code) return static_cast<int>(i);
  }
  return -1;
}

int32_t StationRows::FileOf(const Station& station, int64_t n) const {
  int32_t file = 0;
  for (const auto& [first, index] : station.file_starts) {
    if (first > n) break;
    file = index;
  }
  return file;
}

Status StationRows::Add(const std::vector<StationInfo>& stations, std::vector<AirRow>* rows) {
  for (size_t i = stations_.size(); i < stations.size(); ++i) {
    stations_.push_back(stations[i]);
    state_.push_back(std::make_unique<Station>());
  }
  for (const AirRow& row : *rows) {
    ++rows_;
    if (last_label_ < first_label_) {
      first_label_ = last_label_ = row.label;
    } else {
      first_label_ = std::min(first_label_, row.label);
      last_label_ = std::max(last_label_, row.label);
    }
    Station& st = *state_[row.station];
    if (st.TestAndSet(row.label)) {
      // A station-hour met before (rare): find the first row's record.
      if (!st.by_label) {
        std::vector<Record> all;
        ECOCIV_RETURN_IF_ERROR(Records(row.station, &all));
        st.by_label = std::make_unique<std::unordered_map<HourLabel, int64_t>>();
        for (size_t n = 0; n < all.size(); ++n) st.by_label->emplace(all[n].label, int64_t(n));
      }
      int64_t n = st.by_label->at(row.label);
      Record earlier;
      ECOCIV_RETURN_IF_ERROR(RecordAt(st, n, &earlier));
      if (earlier.values == row.values) {
        ++report_->duplicate_rows_identical;
      } else {
        duplicate_errors_.push_back(
            paths_[row.file] + ":" + std::to_string(row.line) + ": duplicate station-hour " +
            QuoteForMessage(stations_[row.station].code) + " " + FormatHourLabel(row.label) +
            " with different values (first at " + paths_[FileOf(st, n)] + ":" +
            std::to_string(earlier.line) + "; the first is kept)");
      }
      continue;
    }
    if (st.file_starts.empty() || st.file_starts.back().second != row.file) {
      st.file_starts.emplace_back(st.count, row.file);
    }
    if (st.last_fill == Station::kChunk) held_bytes_ += sizeof(Station::Chunk);
    st.Append(Record{row.label, row.line, row.values});
  }
  if (held_bytes_ > budget_) return Spill();
  return Status::Ok();
}

Status StationRows::Spill() {
  if (fd_ < 0) {
    const char* dir = std::getenv("TMPDIR");
    std::string name = std::string(dir && *dir ? dir : "/tmp") + "/ecociv-rows-XXXXXX";
    fd_ = ::mkstemp(name.data());
    if (fd_ < 0) return IoError("create");
    ::unlink(name.c_str());
  }
  std::string staging;
  int64_t staged_at = file_size_;
  for (auto& station : state_) {
    Station& st = *station;
    if (st.chunks.empty()) continue;
    int64_t n = 0;
    for (size_t c = 0; c < st.chunks.size(); ++c) {
      int fill = c + 1 == st.chunks.size() ? st.last_fill : Station::kChunk;
      staging.append(reinterpret_cast<const char*>(st.chunks[c]->data()), fill * sizeof(Record));
      n += fill;
    }
    st.spilled.push_back({file_size_, n});
    st.spilled_count += n;
    file_size_ += n * int64_t(sizeof(Record));
    st.chunks.clear();
    st.last_fill = Station::kChunk;
    if (staging.size() >= (size_t{4} << 20)) {
      ECOCIV_RETURN_IF_ERROR(WriteAll(fd_, staging.data(), staging.size(), staged_at));
      staged_at = file_size_;
      staging.clear();
    }
  }
  ECOCIV_RETURN_IF_ERROR(WriteAll(fd_, staging.data(), staging.size(), staged_at));
  held_bytes_ = 0;
  ++spills_;
  return Status::Ok();
}

Status StationRows::RecordAt(const Station& st, int64_t n, Record* out) const {
  for (const Station::Extent& e : st.spilled) {
    if (n < e.count) {
      return ReadAll(fd_, reinterpret_cast<char*>(out), sizeof(Record),
                     e.offset + n * int64_t(sizeof(Record)));
    }
    n -= e.count;
  }
  *out = (*st.chunks[size_t(n / Station::kChunk)])[size_t(n % Station::kChunk)];
  return Status::Ok();
}

Status StationRows::Records(int s, std::vector<Record>* out) const {
  const Station& st = *state_[s];
  out->resize(size_t(st.count));
  Record* next = out->data();
  for (const Station::Extent& e : st.spilled) {
    ECOCIV_RETURN_IF_ERROR(ReadAll(fd_, reinterpret_cast<char*>(next),
                                   size_t(e.count) * sizeof(Record), e.offset));
    next += e.count;
  }
  for (size_t c = 0; c < st.chunks.size(); ++c) {
    int fill = c + 1 == st.chunks.size() ? st.last_fill : Station::kChunk;
    std::memcpy(next, st.chunks[c]->data(), fill * sizeof(Record));
    next += fill;
  }
  return Status::Ok();
}

Status StationRows::Series(int s, HourlySeries* out) const {
  const StationInfo& info = stations_[s];
  out->id = info.code;
  out->name = info.name;
  out->city = info.city;
  out->is_city = false;
  out->station_count = 1;
  out->first_label = first_label_;
  out->hours = hour_count_;
  for (HourlyColumn& column : out->columns) {
    column.num.assign(size_t(hour_count_), 0);
    column.valid.assign(size_t(hour_count_), 0);
    column.not_monitored.assign(size_t(hour_count_), 0);
    column.den = kConcentrationScale;
  }
  std::vector<Record> records;
  ECOCIV_RETURN_IF_ERROR(Records(s, &records));
  for (const Record& r : records) {
    const size_t h = size_t(r.label - first_label_);
    for (int p = 0; p < kPollutantCount; ++p) {
      const int32_t v = r.values[p];
      HourlyColumn& column = out->columns[p];
      column.valid[h] = v >= 0;
      column.not_monitored[h] = v == kNotMonitored;
      column.num[h] = v >= 0 ? v : 0;
    }
  }
  return Status::Ok();
}

}  // namespace ecociv::air
