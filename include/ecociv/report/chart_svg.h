// A document's bar chart (report/document.h, Chart) as inline SVG: drawn on
// the server, so the HTML needs no script and Chromium prints it as vector
// graphics with real text in the PDF. Each bar carries its printed figure as
// text; the axis is scaled to the largest value or the reference line, in
// round steps (1, 2, 2.5, 5 × 10^k). A value that is not a number ("—")
// draws no bar and prints its text.
//
// Thread safety: pure function.
#pragma once

#include <string>

#include "ecociv/report/document.h"

namespace ecociv::report {

std::string ChartSvg(const Chart& chart);

}  // namespace ecociv::report
