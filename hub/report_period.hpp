#pragma once
// The periods a report covers — a month (2026-11), a quarter (2026-Q4) or a year (2026) —
// and their bounds: from the first local midnight of the period to the first of the next,
// in the district's zone (Asia/Ho_Chi_Minh by default). Vietnam keeps no summer time, but
// the bounds still go through the zone so a hub elsewhere counts its own midnights.
//
// Also the lengths a report is given on its command line: `--silent-after 3d`.
//
// Pure functions; safe from any thread (a TimeZone from one thread at a time).

#include "common/clock.hpp"
#include "schedules/time_zone.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace loaxa::hub {

struct Period {
  enum class Kind { month, quarter, year };
  Kind kind = Kind::month;
  int year = 0;
  unsigned index = 1;  // month 1-12, quarter 1-4, 1 for a year

  // "2026-11", "2026-Q4", "2026": as the command line and the JSON write it.
  std::string text() const;
  // The months it spans: 1, 3 or 12.
  unsigned months() const noexcept;
  std::chrono::year_month first_month() const;
};

// "2026-Q4" (Q or q, 1-4) → a quarter; "2026" → a year. Anything else → nullopt.
std::optional<Period> parse_quarter(std::string_view text);
std::optional<Period> parse_year(std::string_view text);
Period month_period(int year, unsigned month);

// [first instant of the period, first instant of the next) in `zone`.
std::pair<Instant, Instant> period_window(const Period& period, const schedules::TimeZone& zone);

// [from 00:00, the day after `to` 00:00) in `zone`: the days from and to, both included.
std::pair<Instant, Instant> days_window(std::chrono::year_month_day from, std::chrono::year_month_day to,
                                        const schedules::TimeZone& zone);

// The local calendar days of the period (28 to 366).
int days_in(const Period& period);

// "72h", "3d", "90m" (a whole number, then m, h or d) → that length; nullopt otherwise.
std::optional<std::chrono::minutes> parse_length(std::string_view text);

}  // namespace loaxa::hub
