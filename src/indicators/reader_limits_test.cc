// The indicator tables (catalogue, units, plan, projects, values) against a
// huge field and a column named twice: errors quote 40 bytes and the length,
// and a repeated column is refused.
#include <gtest/gtest.h>

#include "../store/store_test_util.h"
#include "ecociv/indicators/catalogue.h"
#include "ecociv/indicators/indicator_store.h"

namespace ecociv::indicators {
namespace {

using store::testing_util::OpenOrDie;
using store::testing_util::ScratchDir;

const std::string kHuge(4 << 20, 'z');

void ExpectShort(const Status& status) {
  ASSERT_FALSE(status.ok());
  EXPECT_LT(status.message().size(), 300u) << status.message().substr(0, 300);
  EXPECT_NE(status.message().find("(4194305 bytes)"), std::string::npos)
      << status.message().substr(0, 300);
}

TEST(IndicatorReaderLimits, HugeFieldsAreQuotedShort) {
  const std::string header =
      "id,domain,name_zh,name_en,unit,target_city,target_county,direction,binding,applies,"
      "source,responsible,evidence,notes\n";
  ExpectShort(ParseCatalogue(header + "a1,d,名,n,%,x" + kHuge + ",,>=,binding,city,reported,u," +
                                 "confirmed,\n",
                             "t", "t.csv")
                  .status());
  ExpectShort(
      ParseCatalogue(header + "a1,d,名,n,%,1,,>=,x" + kHuge + ",city,reported,u," + "confirmed,\n",
                     "t", "t.csv")
          .status());
  auto db = OpenOrDie(ScratchDir() + "/i.db");
  const Actor actor{"tester", "test"};
  ExpectShort(ImportUnits(db.get(),
                          "code,name,kind,contact,phone,note\nU1,单位,x" + kHuge + ",,,\n",
                          "units.csv", actor)
                  .status());
  ASSERT_TRUE(
      ImportCatalogue(db.get(), BuiltInCatalogue("national-2019").value(), true, actor).ok());
  ExpectShort(
      ImportPlan(db.get(),
                 "year,indicator,target,units,deadline\n2026,x" + kHuge + ",1,u,2026-12-31\n",
                 "plan.csv", actor)
          .status());
  ExpectShort(ImportProjects(db.get(),
                             "code,year,name,unit,budget_wan,progress,status,milestone,due,done\n"
                             "P1,2026,项目,u,1,50,x" +
                                 kHuge + ",m,2026-06-30,\n",
                             "projects.csv", actor)
                  .status());
}

TEST(IndicatorReaderLimits, ColumnsNamedTwiceAreRefused) {
  auto db = OpenOrDie(ScratchDir() + "/i.db");
  auto units =
      ImportUnits(db.get(), "code,name,kind,contact,phone,note,kind\nU1,单位,town,,,,town\n",
                  "units.csv", {"tester", "test"});
  ASSERT_FALSE(units.ok());
  EXPECT_EQ(units.status().message(),
            "units.csv:1: column 'kind' appears twice in the header (fields 3 and 7)");
}

}  // namespace
}  // namespace ecociv::indicators
