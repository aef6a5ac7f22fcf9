// Shared by the receiver's tests: a store with two stations, a section and
// three registered devices, and packets built for them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "../store/store_test_util.h"
#include "ecociv/hj212/answer.h"
#include "ecociv/hj212/ingest.h"
#include "ecociv/hj212/readings.h"
#include "ecociv/hj212/registry.h"
#include "ecociv/store/import.h"
#include "ecociv/store/sql.h"
#include "ecociv/store/water_store.h"

#define ASSERT_OK(expr)                                                  \
  do {                                                                   \
    ::ecociv::Status assert_ok_status_ = (expr);                         \
    ASSERT_TRUE(assert_ok_status_.ok()) << assert_ok_status_.ToString(); \
  } while (0)

namespace ecociv::hj212::testing_util {

inline const Readings& SharedReadings() {
  static const Readings* readings = [] {
    auto r = Readings::Load("");
    if (!r.ok()) std::abort();
    return new Readings(std::move(*r));
  }();
  return *readings;
}

// A 2061 packet of PM2.5 with the 2017 CRC; `qn_ms` makes the QN unique.
inline std::string HourlyAir(const std::string& mn, const std::string& pw,
                             const std::string& data_time, const std::string& pm25,
                             const std::string& flag, const std::string& qn_ms = "000") {
  return Frame("QN=20260301100000" + qn_ms + ";ST=22;CN=2061;PW=" + pw + ";MN=" + mn +
                   ";Flag=5;CP=&&DataTime=" + data_time + ";a34004-Avg=" + pm25 +
                   ",a34004-Flag=" + flag + "&&",
               CrcVariant::kHj212);
}

inline std::string ScratchDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "ecociv_hj212" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline std::unique_ptr<store::Database> Open(const std::string& path) {
  store::OpenOptions options;
  options.create = true;
  auto db = store::OpenDatabase(path, options);
  if (!db.ok()) std::abort();
  return std::move(db).value();
}

// Stations T1, T2, section S1; devices AIR1 → T1 (PW 123456), WAT1 → S1
// (PW 654321), MOD1 → T2 (PW 123456, Modbus CRC).
inline void MakeStore(const std::string& dir, const std::string& path) {
  auto db = Open(path);
  {
    std::ofstream(dir + "/stations.csv")
        << "station,name,city,lon,lat\nT1,一站,测试市,120.1,31.2\nT2,二站,测试市,120.2,31.3\n";
    std::ofstream(dir + "/sections.csv")
        << "section,name,river,type,target_class,level\nS1,一断面,一河,river,3,municipal\n";
  }
  if (!store::ImportStationsFile(db.get(), dir + "/stations.csv", {}).ok()) std::abort();
  if (!store::ImportSectionsFile(db.get(), dir + "/sections.csv", {}).ok()) std::abort();
  Registration air{"AIR1", "station", "T1", "123456"};
  Registration water{"WAT1", "section", "S1", "654321"};
  Registration modbus{"MOD1", "station", "T2", "123456", CrcVariant::kModbus};
  for (const Registration& r : {air, water, modbus}) {
    Status s = RegisterDevice(db.get(), r, store::Actor{"admin", "test"});
    if (!s.ok()) {
      ADD_FAILURE() << s.ToString();
      return;
    }
  }
}

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ScratchDir();
    // A SQLite file, or a schema of ECOCIV_TEST_DB's PostgreSQL database.
    path_ = store::testing_util::TestDatabase(dir_ + "/ecociv.db");
    MakeStore(dir_, path_);
    db_ = Open(path_);
    auto registry = LoadRegistry(db_.get());
    ASSERT_TRUE(registry.ok());
    registry_ = *registry;
    WriterOptions options;
    auto writer = PacketWriter::Create(Open(path_), SharedReadings(), options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    writer_ = std::move(*writer);
  }

  store::Database* db() { return db_.get(); }
  const hj212::Readings& R() const { return SharedReadings(); }
  std::string Text(const std::string& sql) {
    auto rows = store::QueryRows(db_.get(), sql, {});
    if (!rows.ok()) return rows.status().ToString();
    return rows->empty() ? "no row" : (*rows)[0][0];
  }

  std::string dir_, path_;
  std::unique_ptr<store::Database> db_;
  std::shared_ptr<const Registry> registry_;
  std::unique_ptr<PacketWriter> writer_;
};

}  // namespace ecociv::hj212::testing_util
