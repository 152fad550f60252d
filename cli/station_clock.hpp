#pragma once
// "Now" and "today" as the station sees them: the wall clock read once per command and
// shown in the station's zone (loaxa.toml), never the machine's.

#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"

namespace loaxa::cli {

struct StationNow {
  schedules::UtcTime utc;
  schedules::LocalDateTime local;
  schedules::LocalDate today;
};

StationNow station_now(const schedules::TimeZone& zone);

}  // namespace loaxa::cli
