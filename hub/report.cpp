#include "hub/report.hpp"

#include "common/i18n.hpp"
#include "common/text_width.hpp"
#include "store/utc_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace loaxa::hub {
namespace {

std::string month_text(Month month) {
  return fmt::format("{:04}-{:02}", month.year, month.month);
}

}  // namespace

std::string display_time(Instant at, const schedules::TimeZone& zone) {
  const auto local = zone.to_local(at);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{local - day};
  return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", static_cast<unsigned>(date.day()),
                     static_cast<unsigned>(date.month()), static_cast<int>(date.year()), time.hours().count(),
                     time.minutes().count());
}

std::optional<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    if (i < 4) {
      year = year * 10 + (text[i] - '0');
    } else {
      month = month * 10 + static_cast<unsigned>(text[i] - '0');
    }
  }
  if (year < 2000 || month < 1 || month > 12) return std::nullopt;
  return Month{year, month};
}

std::pair<Instant, Instant> month_window(Month month, const schedules::TimeZone& zone) {
  namespace chr = std::chrono;
  const chr::year_month first{chr::year{month.year}, chr::month{month.month}};
  const auto next = first + chr::months{1};
  const auto start = chr::local_days{first / 1};
  const auto end = chr::local_days{next / 1};
  return {zone.to_utc(schedules::LocalDateTime{start}), zone.to_utc(schedules::LocalDateTime{end})};
}

double minutes_aired(std::int64_t frames) noexcept {
  return static_cast<double>(frames) / static_cast<double>(kFramesPerSecond) / 60.0;
}

std::string report_table(const std::vector<ReportRow>& rows, Month month, const schedules::TimeZone& zone) {
  const std::vector<std::string> headers{tr("station"), tr("category"),    tr("completed plays"), tr("minutes aired"),
                                         tr("missed"),  tr("interrupted"), tr("last contact")};
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) {
    cells.push_back({row.station_id, row.category.empty() ? std::string("—") : row.category,
                     std::to_string(row.plays_completed), fmt::format("{:.1f}", minutes_aired(row.frames_aired)),
                     std::to_string(row.missed), std::to_string(row.interrupted),
                     row.last_contact ? display_time(*row.last_contact, zone) : std::string(tr("never"))});
  }
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = display_width(headers[c]);
    for (const auto& line : cells) widths[c] = std::max(widths[c], display_width(line[c]));
  }
  std::string out = trf("Monthly report {:02}/{:04} ({})", month.month, month.year, zone.name()) + "\n";
  const auto add_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      text += c + 1 == line.size() ? line[c] : pad_right(line[c], widths[c]) + "  ";
    }
    out += text + "\n";
  };
  add_line(headers);
  for (const auto& line : cells) add_line(line);
  if (rows.empty()) out += std::string(tr("No station is registered on this hub.")) + "\n";
  return out;
}

std::string report_json(const std::vector<ReportRow>& rows, Month month, const schedules::TimeZone& zone) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : rows) {
    list.push_back({{"station_id", row.station_id},
                    {"category", row.category.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.category)},
                    {"plays_completed", row.plays_completed},
                    {"minutes_aired", std::round(minutes_aired(row.frames_aired) * 10.0) / 10.0},
                    {"missed", row.missed},
                    {"interrupted", row.interrupted},
                    {"last_contact",
                     row.last_contact ? nlohmann::json(store::utc_text(*row.last_contact)) : nlohmann::json(nullptr)}});
  }
  return nlohmann::json{{"month", month_text(month)}, {"time_zone", zone.name()}, {"rows", list}}.dump(2);
}

}  // namespace loaxa::hub
