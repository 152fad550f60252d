// Report periods: months, quarters and years as written, their bounds in Vietnam's zone, the
// days they hold, and the lengths --silent-after takes.

#include "hub/report_period.hpp"
#include "hub/report.hpp"
#include "store/utc_text.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using namespace loaxa::hub;
using namespace std::chrono;

namespace {

std::string from_text(const Period& period) {
  return store::utc_text(period_window(period, schedules::TimeZone("Asia/Ho_Chi_Minh")).first);
}

std::string to_text(const Period& period) {
  return store::utc_text(period_window(period, schedules::TimeZone("Asia/Ho_Chi_Minh")).second);
}

}  // namespace

TEST_CASE("a quarter is YYYY-Qn with n from 1 to 4, a year four digits", "[hub][report][period]") {
  CHECK(parse_quarter("2026-Q4")->index == 4);
  CHECK(parse_quarter("2026-q1")->year == 2026);
  CHECK(parse_quarter("2026-Q1")->kind == Period::Kind::quarter);
  CHECK_FALSE(parse_quarter("2026-Q5"));
  CHECK_FALSE(parse_quarter("2026-Q0"));
  CHECK_FALSE(parse_quarter("2026-4"));
  CHECK_FALSE(parse_quarter("2026Q4"));
  CHECK_FALSE(parse_quarter("26-Q4"));
  CHECK_FALSE(parse_quarter("2026-Q41"));
  CHECK(parse_year("2027")->year == 2027);
  CHECK_FALSE(parse_year("27"));
  CHECK_FALSE(parse_year("1999"));
  CHECK_FALSE(parse_year("2026-11"));
  CHECK_FALSE(parse_year(""));
  CHECK(parse_quarter("2026-Q3")->text() == "2026-Q3");
  CHECK(parse_year("2026")->text() == "2026");
  CHECK(month_period(2026, 2).text() == "2026-02");
}

TEST_CASE("periods start and end at local midnight in Asia/Ho_Chi_Minh, 7 hours before UTC's",
          "[hub][report][period]") {
  CHECK(from_text(month_period(2026, 11)) == "2026-10-31T17:00:00.000Z");
  CHECK(to_text(month_period(2026, 11)) == "2026-11-30T17:00:00.000Z");
  CHECK(from_text(*parse_quarter("2026-Q1")) == "2025-12-31T17:00:00.000Z");
  CHECK(to_text(*parse_quarter("2026-Q1")) == "2026-03-31T17:00:00.000Z");
  CHECK(from_text(*parse_quarter("2026-Q4")) == "2026-09-30T17:00:00.000Z");
  CHECK(to_text(*parse_quarter("2026-Q4")) == "2026-12-31T17:00:00.000Z");
  CHECK(from_text(*parse_year("2027")) == "2026-12-31T17:00:00.000Z");
  CHECK(to_text(*parse_year("2027")) == "2027-12-31T17:00:00.000Z");
  // The month's window is the same whichever way it is asked.
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  CHECK(month_window(*parse_month("2026-12"), zone) == period_window(month_period(2026, 12), zone));
}

TEST_CASE("the zone decides the bounds: a hub in Berlin counts its own midnights, summer time included",
          "[hub][report][period]") {
  const schedules::TimeZone berlin("Europe/Berlin");
  const auto [from, to] = period_window(month_period(2026, 7), berlin);
  CHECK(store::utc_text(from) == "2026-06-30T22:00:00.000Z");  // CEST, +2
  const auto [q_from, q_to] = period_window(*parse_quarter("2026-Q1"), berlin);
  CHECK(store::utc_text(q_from) == "2025-12-31T23:00:00.000Z");  // CET, +1
  CHECK(store::utc_text(q_to) == "2026-03-31T22:00:00.000Z");    // CEST again
}

TEST_CASE("a period's days: months of 28 to 31, quarters, leap years", "[hub][report][period]") {
  CHECK(days_in(month_period(2026, 11)) == 30);
  CHECK(days_in(month_period(2026, 2)) == 28);
  CHECK(days_in(month_period(2028, 2)) == 29);
  CHECK(days_in(*parse_quarter("2026-Q1")) == 90);
  CHECK(days_in(*parse_quarter("2026-Q4")) == 92);
  CHECK(days_in(*parse_year("2026")) == 365);
  CHECK(days_in(*parse_year("2028")) == 366);
  CHECK(parse_quarter("2026-Q2")->months() == 3);
  CHECK(parse_year("2026")->months() == 12);
}

TEST_CASE("days asked for a station's plays run from the first midnight to the one after the last day",
          "[hub][report][period]") {
  const schedules::TimeZone zone("Asia/Ho_Chi_Minh");
  const auto [from, to] = days_window(2026y / 11 / 30, 2026y / 12 / 1, zone);
  CHECK(store::utc_text(from) == "2026-11-29T17:00:00.000Z");
  CHECK(store::utc_text(to) == "2026-12-01T17:00:00.000Z");
}

TEST_CASE("silent-after lengths are a whole number of minutes, hours or days", "[hub][report][period]") {
  CHECK(parse_length("72h") == hours(72));
  CHECK(parse_length("3d") == hours(72));
  CHECK(parse_length("90m") == minutes(90));
  CHECK(parse_length("366d") == days(366));
  CHECK_FALSE(parse_length("367d"));
  CHECK_FALSE(parse_length("0h"));
  CHECK_FALSE(parse_length("-3d"));
  CHECK_FALSE(parse_length("3"));
  CHECK_FALSE(parse_length("3w"));
  CHECK_FALSE(parse_length("h"));
  CHECK_FALSE(parse_length("1.5d"));
  CHECK_FALSE(parse_length(""));
}
