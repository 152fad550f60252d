#include "cli/station_clock.hpp"

#include <chrono>

namespace loaxa::cli {

StationNow station_now(const schedules::TimeZone& zone) {
  auto utc = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  auto local = zone.to_local(utc);
  return {utc, local, schedules::date_of(local)};
}

}  // namespace loaxa::cli
