// A bar chart as inline SVG (report/chart_svg.h).
#include "ecociv/report/chart_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "ecociv/core/html_text.h"

namespace ecociv::report {
namespace {

constexpr double kWidth = 640, kHeight = 250;
constexpr double kLeft = 48, kRight = 12, kTop = 26, kBottom = 34;
constexpr const char* kFont = "font-family=\"Noto Sans CJK SC, sans-serif\"";

// The value of a printed figure for drawing only; none for "—" or "".
std::optional<double> ValueOf(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A round axis step giving at most about five ticks up to `top`.
double Step(double top) {
  const double raw = top / 5;
  const double scale = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * scale >= raw) return m * scale;
  }
  return 10 * scale;
}

std::string TickText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string ChartSvg(const Chart& chart) {
  const size_t n = chart.labels.size();
  double top = 0;
  for (const std::string& v : chart.values) top = std::max(top, ValueOf(v).value_or(0));
  const std::optional<double> limit = ValueOf(chart.limit);
  if (limit) top = std::max(top, *limit);
  if (top <= 0) top = 1;
  const double step = Step(top * 1.1);
  const double axis_top = std::ceil(top * 1.1 / step) * step;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto y = [&](double v) { return kTop + plot_h * (1 - v / axis_top); };

  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(kWidth) +
                    " " + Num(kHeight) + "\" role=\"img\" aria-label=\"" +
                    EscapeHtml(chart.caption) + "\">";
  out += "<text x=\"" + Num(kLeft) + "\" y=\"14\" font-size=\"10\" " + kFont + ">" +
         EscapeHtml(chart.unit) + "</text>";
  for (double t = 0; t <= axis_top + step / 2; t += step) {
    out += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kWidth - kRight) + "\" y1=\"" +
           Num(y(t)) + "\" y2=\"" + Num(y(t)) + "\" stroke=\"#ddd\" stroke-width=\"0.6\"/>";
    out += "<text x=\"" + Num(kLeft - 4) + "\" y=\"" + Num(y(t) + 3.5) +
           "\" font-size=\"9.5\" text-anchor=\"end\" " + kFont + ">" + TickText(t) + "</text>";
  }
  out += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kLeft) + "\" y1=\"" + Num(kTop) +
         "\" y2=\"" + Num(y(0)) + "\" stroke=\"#333\" stroke-width=\"0.8\"/>";
  out += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kWidth - kRight) + "\" y1=\"" + Num(y(0)) +
         "\" y2=\"" + Num(y(0)) + "\" stroke=\"#333\" stroke-width=\"0.8\"/>";
  const double slot = n ? plot_w / static_cast<double>(n) : plot_w;
  for (size_t i = 0; i < n; ++i) {
    const double cx = kLeft + slot * (static_cast<double>(i) + 0.5);
    const std::string text = i < chart.values.size() ? chart.values[i] : "";
    const std::optional<double> v = ValueOf(text);
    if (v && *v > 0) {
      const double w = std::min(slot * 0.6, 40.0);
      out += "<rect x=\"" + Num(cx - w / 2) + "\" y=\"" + Num(y(*v)) + "\" width=\"" + Num(w) +
             "\" height=\"" + Num(y(0) - y(*v)) + "\" fill=\"#4a7ebb\"/>";
    }
    out += "<text x=\"" + Num(cx) + "\" y=\"" + Num(y(v ? std::max(*v, 0.0) : 0) - 4) +
           "\" font-size=\"9.5\" text-anchor=\"middle\" " + kFont + ">" + EscapeHtml(text) +
           "</text>";
    out += "<text x=\"" + Num(cx) + "\" y=\"" + Num(y(0) + 14) +
           "\" font-size=\"9.5\" text-anchor=\"middle\" " + kFont + ">" +
           EscapeHtml(chart.labels[i]) + "</text>";
  }
  if (limit) {
    out += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kWidth - kRight) + "\" y1=\"" +
           Num(y(*limit)) + "\" y2=\"" + Num(y(*limit)) +
           "\" stroke=\"#c00000\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>";
    // Its name as a legend over the plot, where no bar can cover it.
    out += "<line x1=\"" + Num(kLeft + 110) + "\" x2=\"" + Num(kLeft + 136) +
           "\" y1=\"11\" y2=\"11\" stroke=\"#c00000\" stroke-width=\"1.2\" "
           "stroke-dasharray=\"5 3\"/>";
    out += "<text x=\"" + Num(kLeft + 142) + "\" y=\"14\" font-size=\"10\" fill=\"#c00000\" " +
           kFont + ">" + EscapeHtml(chart.limit_label) + "</text>";
  }
  out += "</svg>";
  return out;
}

}  // namespace ecociv::report
