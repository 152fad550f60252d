#pragma once
#include <memory>
// "Now" and "today" as the station sees them: the wall clock read once per command and
// shown in the station's zone (loaxa.toml), never the machine's.

#include "common/clock.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::cli {

struct StationNow {
  schedules::UtcTime utc;
  schedules::LocalDateTime local;
  schedules::LocalDate today;
};

StationNow station_now(const Clock& clock, const schedules::TimeZone& zone);

// The clock a command runs on: the machine's, or the one LOAXA_NOW sets ("2027-02-01T05:00"
// in the station's zone, or with a trailing Z in UTC), running on from there. Throws
// std::runtime_error naming LOAXA_NOW when the text is not a time.
std::unique_ptr<Clock> clock_from_environment(const schedules::TimeZone& zone);

}  // namespace loaxa::cli
