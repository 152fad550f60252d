#include "common/clock.hpp"

#include "common/dates.hpp"

#include <fmt/format.h>

namespace loaxa {

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

PreciseInstant SystemClock::precise_now() const {
  return std::chrono::time_point_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now());
}

OffsetClock::OffsetClock(Instant start) : offset_(start - SystemClock().now()) {}

Instant OffsetClock::now() const {
  return SystemClock().now() + offset_;
}

// The offset is whole milliseconds, so floor(precise_now()) == now().
PreciseInstant OffsetClock::precise_now() const {
  return SystemClock().precise_now() + offset_;
}

std::string iso_utc(Instant at) {
  using namespace std::chrono;
  const auto second = floor<seconds>(at);
  const auto day = floor<days>(second);
  const hh_mm_ss time{second - day};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", iso_date(year_month_day{day}), time.hours().count(),
                     time.minutes().count(), time.seconds().count());
}

}  // namespace loaxa
