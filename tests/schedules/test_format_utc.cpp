// format_utc writes years 0–9999 digit by digit (the hub's ingest formats four instants per
// play); stored instants and every play's hash depend on its exact text, so it is checked
// here against the snprintf formatter it replaced, over many instants.
#include <catch2/catch.hpp>

#include "common/dates.hpp"
#include "schedules/civil_time.hpp"

#include <cstdio>
#include <random>
#include <vector>

using namespace loaxa::schedules;
using namespace std::chrono;

namespace {

// format_utc as it was written before (common/dates.hpp's iso_date, then snprintf).
std::string reference_format_utc(UtcTime time) {
  const auto day = floor<days>(time);
  const hh_mm_ss hms{time - day};
  char buf[24];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return loaxa::iso_date(year_month_day{sys_days{day}}) + buf;
}

UtcTime at(int y, unsigned m, unsigned d, int ms_of_day) {
  return UtcTime{sys_days{year{y} / month{m} / day{d}}} + milliseconds{ms_of_day};
}

}  // namespace

TEST_CASE("format_utc writes what the snprintf formatter wrote", "[schedules][civil]") {
  std::vector<UtcTime> instants;
  constexpr int kLastMs = 24 * 3600 * 1000 - 1;
  // Around every month's end and leap day, at the first and last millisecond of the day, in
  // leap years (2000, 2024), century non-leap years (1900, 2100) and ordinary ones.
  for (int y : {0, 1, 4, 99, 100, 400, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2026, 2100, 2400, 9999}) {
    for (unsigned m = 1; m <= 12; ++m) {
      const auto month_end = static_cast<unsigned>(year_month_day_last{year{y}, month_day_last{month{m}}}.day());
      for (unsigned d : {1u, 28u, month_end}) {
        for (int ms : {0, 999, 1000, 59'999, 3'599'999, 43'200'000, kLastMs}) instants.push_back(at(y, m, d, ms));
      }
    }
  }
  // The edges of the fast path and beyond it (those still go the old way).
  instants.push_back(at(-1, 12, 31, kLastMs));
  instants.push_back(at(-1, 1, 1, 0));
  instants.push_back(at(10000, 1, 1, 0));
  instants.push_back(at(12345, 6, 7, 123));
  instants.push_back(UtcTime{milliseconds{0}});
  instants.push_back(UtcTime{milliseconds{-1}});
  // And random instants from year 0 to 9999, milliseconds included.
  std::mt19937_64 random(20261130);
  const auto first = at(0, 1, 1, 0).time_since_epoch().count();
  const auto latest = at(9999, 12, 31, kLastMs).time_since_epoch().count();
  std::uniform_int_distribution<std::int64_t> any(first, latest);
  for (int i = 0; i < 200'000; ++i) instants.push_back(UtcTime{milliseconds{any(random)}});

  std::size_t differ = 0;
  for (const auto instant : instants) {
    const auto expected = reference_format_utc(instant);
    if (format_utc(instant) != expected) {
      ++differ;
      INFO(expected << " written as " << format_utc(instant));
      CHECK(format_utc(instant) == expected);
    }
  }
  CHECK(differ == 0);
  CHECK(format_utc(at(2024, 2, 29, kLastMs)) == "2024-02-29T23:59:59.999Z");
  CHECK(format_utc(at(2000, 2, 29, 0)) == "2000-02-29T00:00:00.000Z");
}
