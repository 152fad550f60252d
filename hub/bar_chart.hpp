#pragma once
// The dashboard's chart: plays aired per station, one horizontal bar a station, stacked by
// category (a colour each, a legend above), the total at the bar's end, the station's name
// in red with a "!" when one of its categories is below target. Inline SVG made here, so
// the page needs no script and no library; it scales to the page's width (viewBox).
//
// Pure but for tr(); safe from any thread.

#include "hub/frequency_report.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace loaxa::hub {

struct ChartBar {
  std::string station_id;
  std::vector<std::pair<std::string, std::int64_t>> plays;  // category, plays aired
  bool below_target = false;
};

// One bar per station of the report's rows, in their order; categories by name.
std::vector<ChartBar> chart_bars(const FrequencyReport& report);

// <svg …>…</svg>, every text escaped. An empty list gives a chart that says so.
std::string bar_chart_svg(const std::vector<ChartBar>& bars);

}  // namespace loaxa::hub
