// The air readers (CNEMC, wide, Zhejiang, Jinan releases; station lists;
// dust-day files): any bytes give a dataset or a status, never a crash, a hang
// or memory out of proportion to the input.
#include <cstdint>

#include "ecociv/air/dataset.h"
#include "ecociv/air/dust_days.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ecociv;
  fuzz::Split in = fuzz::SplitMode(data, size);
  switch (in.mode % 3) {
    case 0: {
      std::string path = fuzz::WriteInput("air.csv", in.data, in.size);
      air::ReadOptions options;
      air::ReadReport report;
      (void)air::ReadAirFiles({path}, options, &report);
      break;
    }
    case 1:
      (void)air::ReadStationList(fuzz::WriteInput("stations.csv", in.data, in.size));
      break;
    default:
      (void)air::ReadDustDays(fuzz::WriteInput("dust.csv", in.data, in.size));
      break;
  }
  return 0;
}
