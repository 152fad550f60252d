#pragma once
// The first monthly report (báo cáo tháng): per station and category, completed plays,
// minutes aired, missed and interrupted plays, and the station's last contact. A month is
// the calendar month in the district's zone (Asia/Ho_Chi_Minh by default); a play belongs
// to it by its start (by its end when it never started).
//
// Minutes aired are the frames of the month's plays at 48 000 frames per second: the rate
// loaxad's output runs at (audio/output.hpp, OutputFormat), which the rows do not carry.
//
// Pure but for tr(); call after select_language().

#include "hub/hub_store.hpp"
#include "schedules/time_zone.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::hub {

inline constexpr std::int64_t kFramesPerSecond = 48000;

struct Month {
  int year = 0;
  unsigned month = 0;  // 1-12
};

// "2026-11" → {2026, 11}; anything else (2026-13, 2026-1, 26-11) → nullopt.
std::optional<Month> parse_month(std::string_view text);

// [first instant of the month, first instant of the next) in `zone`.
std::pair<Instant, Instant> month_window(Month month, const schedules::TimeZone& zone);

double minutes_aired(std::int64_t frames) noexcept;

// "01/12/2026 05:30": an instant as operators read it, dd/mm/yyyy HH:MM in `zone`.
std::string display_time(Instant at, const schedules::TimeZone& zone);

// An aligned table with Vietnamese headings (English with --lang en).
std::string report_table(const std::vector<ReportRow>& rows, Month month, const schedules::TimeZone& zone);
// {"month":"2026-11","time_zone":…,"rows":[{station_id, category, plays_completed,
// minutes_aired, missed, interrupted, last_contact}]}
std::string report_json(const std::vector<ReportRow>& rows, Month month, const schedules::TimeZone& zone);

}  // namespace loaxa::hub
