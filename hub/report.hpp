#pragma once
// Reports' shared vocabulary — months, minutes from frames, times as people read them — and
// the JSON forms of the frequency report (frequency_report.hpp) and of a station's plays.
// The table, CSV and XLSX forms are laid out from a Sheet (report_sheet.hpp).
//
// A period is counted in the district's zone (Asia/Ho_Chi_Minh by default); a play belongs
// to it by its start (by its end when it never started).
//
// Minutes aired are the frames of the period's plays at 48 000 frames per second: the rate
// loaxad's output runs at (audio/output.hpp, OutputFormat), which the rows do not carry.
//
// Pure.

#include "hub/frequency_report.hpp"
#include "schedules/time_zone.hpp"
#include "store/play_store.hpp"

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

// {"period":"2026-11","period_kind":"month","month":"2026-11" (months only),"from","to",
//  "time_zone","silent_after_hours","rows":[…],"totals":{"categories":[…],"groups":[…]}};
// docs/HUB.md lists the fields. Numbers unknown are null.
std::string report_json(const FrequencyReport& report);

// {"station_id","from","to","time_zone","plays":[{seq, occurrence, category, programme_name,
//  title, level, status, reason, scheduled_start, started_at, ended_at, minutes_aired}]}
std::string plays_json(const std::string& station_id, const std::vector<store::Play>& plays, Instant from, Instant to,
                       const schedules::TimeZone& zone);

}  // namespace loaxa::hub
