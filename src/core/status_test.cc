#include "ecociv/core/status.h"

#include <gtest/gtest.h>

namespace ecociv {
namespace {

StatusOr<int> Half(int v) {
  if (v % 2) return InvalidArgumentError("odd");
  return v / 2;
}

Status UseHalf(int v, int* out) {
  ECOCIV_ASSIGN_OR_RETURN(*out, Half(v));
  return Status::Ok();
}

TEST(Status, CodesMapToExitAndHttp) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(InvalidArgumentError("x")), 2);
  EXPECT_EQ(HttpStatusFor(InvalidArgumentError("x")), 400);
  EXPECT_EQ(HttpStatusFor(NotFoundError("x")), 404);
  EXPECT_EQ(HttpStatusFor(FailedPreconditionError("x")), 409);
  // Busy: nothing was done, try again; not a data problem (exit 1) nor a bug (500).
  EXPECT_EQ(ExitCodeFor(UnavailableError("x")), 2);
  EXPECT_EQ(HttpStatusFor(UnavailableError("x")), 503);
  EXPECT_STREQ(StatusCodeName(StatusCode::kUnavailable), "UNAVAILABLE");
  EXPECT_EQ(ExitCodeFor(InternalError("x")), 1);
  EXPECT_EQ(HttpStatusFor(InternalError("x")), 500);
  EXPECT_EQ(InvalidArgumentError("bad").WithContext("f.csv:3").ToString(),
            "INVALID_ARGUMENT: f.csv:3: bad");
}

TEST(StatusOr, PropagatesErrors) {
  int out = 0;
  EXPECT_TRUE(UseHalf(4, &out).ok());
  EXPECT_EQ(out, 2);
  EXPECT_EQ(UseHalf(3, &out).code(), StatusCode::kInvalidArgument);
  StatusOr<int> from_ok_status = Status::Ok();
  EXPECT_EQ(from_ok_status.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace ecociv
