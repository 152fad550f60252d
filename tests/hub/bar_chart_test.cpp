// The dashboard's chart as SVG, for a fixture report: one bar a station, stacked by
// category, widths to scale, the total at the end, a station below target marked, and
// names escaped.

#include "hub/bar_chart.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace loaxa;
using namespace loaxa::hub;

namespace {

FrequencyRow row(const std::string& station, const std::string& category, std::int64_t plays,
                 std::optional<bool> meets = std::nullopt) {
  FrequencyRow r;
  r.station_id = station;
  r.category = category;
  r.plays_completed = plays;
  r.meets_target = meets;
  return r;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the chart has a bar per station stacked by category, to scale, below target marked", "[hub][dashboard]") {
  FrequencyReport report;
  report.rows = {row("xa-a", "CDS", 20, true), row("xa-a", "CCHC", 10), row("xa-<b>", "CDS", 5, false),
                 row("xa-c", "", 0)};
  const auto bars = chart_bars(report);
  REQUIRE(bars.size() == 3);
  CHECK(bars[0].station_id == "xa-a");
  REQUIRE(bars[0].plays.size() == 2);
  CHECK(bars[0].plays[0].first == "CCHC");  // by name
  CHECK_FALSE(bars[0].below_target);
  CHECK(bars[1].below_target);
  CHECK(bars[2].plays.empty());

  const auto svg = bar_chart_svg(bars);
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 92\"", 0) == 0);
  CHECK(svg.size() > 100);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
  // The widest bar (30 plays) fills the bar area (490 units); the others are to scale.
  CHECK(svg.find(R"(<rect x="170.0" y="30.0" width="163.3" height="12" fill="#0072B2"><title>xa-a CCHC: 10</title>)") !=
        std::string::npos);
  CHECK(svg.find(R"(<rect x="333.3" y="30.0" width="326.7" height="12" fill="#E69F00"><title>xa-a CDS: 20</title>)") !=
        std::string::npos);
  CHECK(svg.find(R"(width="81.7" height="12" fill="#E69F00"><title>xa-&lt;b&gt; CDS: 5</title>)") != std::string::npos);
  // Totals at the bars' ends; the station below target in red with a "!".
  CHECK(svg.find(">30</text>") != std::string::npos);
  CHECK(svg.find(R"(fill="#B00020" font-weight="bold">xa-&lt;b&gt; !</text>)") != std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  // The legend: one swatch a category, 2 + 3 bars' segments (one station aired nothing).
  CHECK(count(svg, "<rect") == 2 + 3);
  CHECK(svg.find(">CCHC</text>") != std::string::npos);
}

TEST_CASE("a chart with no station says so", "[hub][dashboard]") {
  const auto svg = bar_chart_svg({});
  CHECK(svg.find("No station to show.") != std::string::npos);
  CHECK(std::regex_search(svg, std::regex("^<svg [^>]*>.*</svg>$")));
}
