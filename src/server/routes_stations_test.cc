// API tests of the station status route.
#include "api_test_fixture.h"

#include <ctime>

#include "ecociv/hj212/packet.h"
#include "ecociv/hj212/registry.h"
#include "ecociv/store/database.h"

namespace ecociv::server {
namespace {

TEST_F(ApiTest, StationStatusForReadersAndTheReportersOwnStations) {
  {  // Loggers for T1 and T2 (once per process: later tests may run after).
    auto db = store::OpenDatabase(db_path_, {});
    ASSERT_TRUE(db.ok());
    auto devices = hj212::ListDevices(db->get());
    ASSERT_TRUE(devices.ok());
    for (const char* code : {"T1", "T2"}) {
      if (!devices->empty()) break;
      hj212::Registration r{std::string("MN_") + code, "station", code, "123456"};
      ASSERT_TRUE(hj212::RegisterDevice(db->get(), r, store::Actor{"test", "api test"}).ok());
    }
  }
  HttpResponse all = Call("leader", "GET", "/api/v1/stations/status", "", {{"month", "2026-03"}});
  ASSERT_EQ(all.status, 200) << all.body;
  Json report = Json::parse(all.body);
  EXPECT_EQ(report["month"], "2026-03");
  EXPECT_EQ(report["rules"]["min_hours_per_day"], 20);
  EXPECT_EQ(report["rules"]["min_days_per_month"], 27);
  ASSERT_EQ(report["stations"].size(), 2u);
  Json t1 = report["stations"][0];
  EXPECT_EQ(t1["code"], "T1");
  EXPECT_EQ(t1["mn"], "MN_T1");
  EXPECT_EQ(t1["online"], false);  // never heard from
  EXPECT_TRUE(t1["last_packet"].is_null());
  EXPECT_EQ(t1["days"].size(), 31u);
  EXPECT_GT(t1["received"].get<int>(), 0);  // the fixture's hours, imported from a file
  // The reporter of TownA sees T1 only, and not T2 by name.
  HttpResponse own = Call("reporter", "GET", "/api/v1/stations/status");
  ASSERT_EQ(own.status, 200);
  Json mine = Json::parse(own.body)["stations"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["code"], "T1");
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/stations/status", "", {{"station", "T2"}}).status,
            403);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/stations/status", "", {{"month", "2026-13"}}).status,
            400);
  EXPECT_EQ(Call("anonymous", "GET", "/api/v1/stations/status").status, 401);
}

TEST_F(ApiTest, RecentDataOfAStation) {
  {
    auto db = store::OpenDatabase(db_path_, {});
    ASSERT_TRUE(db.ok());
    bool none = hj212::ListDevices(db->get())->empty();
    for (const char* code : {"T1", "T2"}) {  // as the status test registers them
      if (!none) break;
      hj212::Registration r{std::string("MN_") + code, "station", code, "123456"};
      ASSERT_TRUE(hj212::RegisterDevice(db->get(), r, store::Actor{"test", "api test"}).ok());
    }
    int64_t now = std::time(nullptr);
    ASSERT_TRUE((*db)->Exec("INSERT INTO hj212_recent (mn, cn, data_time, received_at, items) "
                            "VALUES ('MN_T1', 2011, 825000000, " + std::to_string(now) +
                            ", 'a34004=35.5:N;a21026=8:F')").ok());
  }
  HttpResponse r = Call("analyst", "GET", "/api/v1/stations/recent", "", {{"station", "T1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json packets = Json::parse(r.body)["packets"];
  ASSERT_GE(packets.size(), 1u);
  EXPECT_EQ(packets[0]["cn"], 2011);
  EXPECT_EQ(packets[0]["values"][1]["code"], "a21026");
  EXPECT_EQ(packets[0]["values"][1]["flag"], "F");
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/stations/recent", "", {{"station", "T2"}}).status,
            403);
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/stations/recent", "", {{"station", "T1"}}).status,
            200);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/stations/recent").status, 400);
}

TEST_F(ApiTest, CurrentHourOfAStationIsProvisionalFromMinuteData) {
  {
    auto db = store::OpenDatabase(db_path_, {});
    ASSERT_TRUE(db.ok());
    bool none = hj212::ListDevices(db->get())->empty();
    for (const char* code : {"T1", "T2"}) {  // as the status test registers them
      if (!none) break;
      hj212::Registration r{std::string("MN_") + code, "station", code, "123456"};
      ASSERT_TRUE(hj212::RegisterDevice(db->get(), r, store::Actor{"test", "api test"}).ok());
    }
    int64_t now = std::time(nullptr);
    int64_t hour = hj212::BeijingSecondsOfUnix(now) / 3600 * 3600;
    ASSERT_TRUE((*db)->Exec("INSERT INTO hj212_recent (mn, cn, data_time, received_at, items) "
                            "VALUES ('MN_T1', 2051, " + std::to_string(hour + 60) + ", " +
                            std::to_string(now) + ", 'a34004=35.5:N')").ok());
  }
  HttpResponse r = Call("analyst", "GET", "/api/v1/stations/current", "", {{"station", "T1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  Json hour = Json::parse(r.body)["hours"][0];
  EXPECT_EQ(hour["source"], "provisional");
  EXPECT_EQ(hour["provisional"], true);
  EXPECT_EQ(hour["from_cn"], 2051);
  EXPECT_EQ(hour["values"][0]["symbol"], "PM2.5");
  EXPECT_EQ(hour["values"][0]["value"], "35.5");
  EXPECT_EQ(Call("reporter", "GET", "/api/v1/stations/current", "", {{"station", "T2"}}).status,
            403);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/stations/current").status, 400);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/stations/current", "", {{"station", "NOPE"}}).status,
            404);
}

}  // namespace
}  // namespace ecociv::server
