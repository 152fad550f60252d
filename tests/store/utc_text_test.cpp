#include "store/utc_text.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using namespace std::chrono;

TEST_CASE("stored UTC text keeps milliseconds and sorts as time does", "[store][utc]") {
  const schedules::UtcTime t{sys_days{year{2027} / 1 / 1} + hours(22) + minutes(30) + milliseconds(250)};
  CHECK(store::utc_text(t) == "2027-01-01T22:30:00.250Z");
  CHECK(store::parse_utc_text("2027-01-01T22:30:00.250Z") == t);
  CHECK(store::parse_utc_text("2027-01-01T22:30:00Z") == t - milliseconds(250));
  CHECK(store::utc_text(t - milliseconds(251)) < store::utc_text(t));
  CHECK(store::utc_text(t + hours(2)) > store::utc_text(t));  // crosses midnight
  CHECK_THROWS_AS(store::parse_utc_text("2027-01-01T22:30:00.25Z"), std::invalid_argument);
  CHECK_THROWS_AS(store::parse_utc_text("2027-01-01T22:30:00"), std::invalid_argument);
  CHECK_THROWS_AS(store::parse_utc_text("2027-13-01T22:30:00.000Z"), std::invalid_argument);
  CHECK_THROWS_AS(store::parse_utc_text("2027-01-01 22:30:00.000Z x"), std::invalid_argument);
}
