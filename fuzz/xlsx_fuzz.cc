// The xlsx reader: any bytes (a zip or not) give sheets or a status within the
// reader's limits.
#include <cstdint>

#include "ecociv/store/xlsx.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)ecociv::store::ReadXlsxAsCsv(ecociv::fuzz::WriteInput("book.xlsx", data, size));
  return 0;
}
