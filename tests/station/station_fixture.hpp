#pragma once
// A real station in a temporary home, on a clock the test sets.

#include "common/clock.hpp"
#include "station/station.hpp"
#include "support/temp_dir.hpp"

#include <memory>
#include <string>

namespace loaxa::test {

// An instant from a UTC text, "2027-01-04T00:00".
Instant utc(const std::string& text);

struct StationFixture {
  // Monday 4 January 2027, 04:00 in Asia/Ho_Chi_Minh (UTC+7).
  explicit StationFixture(Instant now = utc("2027-01-03T21:00"));

  TempDir dir;
  ManualClock* clock;  // owned by station
  station::Station station;

  // Imports a tone of `seconds` as an approved segment of `category`; returns its id.
  // `tone` makes the content distinct.
  std::int64_t add_segment(const std::string& category, double seconds, int tone);
};

}  // namespace loaxa::test
