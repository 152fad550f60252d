#include "cli/station_clock.hpp"

#include "common/i18n.hpp"
#include "schedules/error.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace loaxa::cli {

StationNow station_now(const Clock& clock, const schedules::TimeZone& zone) {
  const auto utc = clock.now();
  const auto local = zone.to_local(utc);
  return {utc, local, schedules::date_of(local)};
}

std::unique_ptr<Clock> clock_from_environment(const schedules::TimeZone& zone) {
  const char* value = std::getenv("LOAXA_NOW");
  if (value == nullptr || *value == '\0') return std::make_unique<SystemClock>();
  std::string text = value;
  const bool utc = text.back() == 'Z';
  if (utc) text.pop_back();
  try {
    const auto local = schedules::parse_date_time(text);
    const Instant at = utc ? Instant{std::chrono::duration_cast<std::chrono::milliseconds>(local.time_since_epoch())}
                           : zone.to_utc(local);
    return std::make_unique<OffsetClock>(at);
  } catch (const schedules::ScheduleError&) {
    throw std::runtime_error(
        trf("LOAXA_NOW='{}' is not a time. Write YYYY-MM-DDTHH:MM in the station's zone, or add Z for UTC.", value));
  }
}

}  // namespace loaxa::cli
