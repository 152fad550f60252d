#include "hub/bar_chart.hpp"

#include "common/i18n.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace loaxa::hub {
namespace {

constexpr double kWidth = 720;
constexpr double kLabelWidth = 170;
constexpr double kTotalWidth = 60;
constexpr double kBarArea = kWidth - kLabelWidth - kTotalWidth;
constexpr double kRow = 18;
constexpr double kBar = 12;
constexpr double kTop = 30;
// Told apart by people with the common colour blindnesses (Okabe–Ito).
constexpr std::array<const char*, 8> kColours{"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                              "#56B4E9", "#D55E00", "#F0E442", "#000000"};

}  // namespace

std::vector<ChartBar> chart_bars(const FrequencyReport& report) {
  std::vector<ChartBar> bars;
  for (const auto& row : report.rows) {
    if (bars.empty() || bars.back().station_id != row.station_id) bars.push_back({row.station_id, {}, false});
    auto& bar = bars.back();
    if (!row.category.empty()) bar.plays.emplace_back(row.category, row.plays_completed);
    if (row.meets_target && !*row.meets_target) bar.below_target = true;
  }
  for (auto& bar : bars) std::sort(bar.plays.begin(), bar.plays.end());
  return bars;
}

std::string bar_chart_svg(const std::vector<ChartBar>& bars) {
  std::set<std::string> category_set;
  std::int64_t most = 0;
  for (const auto& bar : bars) {
    std::int64_t total = 0;
    for (const auto& [category, plays] : bar.plays) {
      category_set.insert(category);
      total += plays;
    }
    most = std::max(most, total);
  }
  std::map<std::string, const char*> colour;
  for (const auto& category : category_set) colour[category] = kColours[colour.size() % kColours.size()];

  const double height = kTop + kRow * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + 8;
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {:.0f} {:.0f}" width="100%" role="img" aria-label="{}" font-family="sans-serif" font-size="11">)",
      kWidth, height, web::html_escape(tr("Plays aired per station and category")));
  // The legend.
  double x = kLabelWidth;
  for (const auto& [category, fill] : colour) {
    svg += fmt::format(R"(<rect x="{:.0f}" y="6" width="10" height="10" fill="{}"/><text x="{:.0f}" y="15">{}</text>)",
                       x, fill, x + 14, web::html_escape(category));
    x += 24 + 7.0 * static_cast<double>(category.size());
  }
  if (bars.empty()) {
    svg += fmt::format(R"(<text x="{:.0f}" y="{:.0f}">{}</text></svg>)", kLabelWidth, kTop + 12,
                       web::html_escape(tr("No station to show.")));
    return svg;
  }
  const double scale = most > 0 ? kBarArea / static_cast<double>(most) : 0;
  double y = kTop;
  for (const auto& bar : bars) {
    const std::string label = web::html_escape(bar.station_id) + (bar.below_target ? " !" : "");
    svg += fmt::format(R"(<text x="{:.0f}" y="{:.1f}" text-anchor="end"{}>{}</text>)", kLabelWidth - 6, y + kBar - 2,
                       bar.below_target ? R"( fill="#B00020" font-weight="bold")" : "", label);
    double left = kLabelWidth;
    std::int64_t total = 0;
    for (const auto& [category, plays] : bar.plays) {
      total += plays;
      if (plays <= 0) continue;
      const double width = static_cast<double>(plays) * scale;
      svg += fmt::format(
          R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.0f}" fill="{}"><title>{} {}: {}</title></rect>)",
          left, y, width, kBar, colour[category], web::html_escape(bar.station_id), web::html_escape(category), plays);
      left += width;
    }
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}">{}</text>)", left + 4, y + kBar - 2, total);
    y += kRow;
  }
  svg += "</svg>";
  return svg;
}

}  // namespace loaxa::hub
