#include "schedules/mandate_terms.hpp"
#include "schedules/error.hpp"

#include <catch2/catch.hpp>

using namespace loaxa::schedules;
using namespace std::chrono;

namespace {

MandateTerms terms(const char* from, const char* until, int times) {
  MandateTerms t;
  t.from = parse_date(from);
  t.until = parse_date(until);
  t.times_per_week = times;
  return t;
}

ScheduleError::Kind kind_of(const std::function<void()>& work) {
  try {
    work();
  } catch (const ScheduleError& error) {
    return error.kind;
  }
  FAIL("no ScheduleError");
  return ScheduleError::Kind::bad_item;
}

}  // namespace

TEST_CASE("mandate terms: 3 times a week for 2 weeks requires 6 in two periods from the first day") {
  const auto t = terms("2027-01-06", "2027-01-19", 3);  // a Wednesday: periods run Wednesday to Tuesday
  const auto periods = mandate_periods(t);
  REQUIRE(periods.size() == 2);
  CHECK(periods[0].first == parse_date("2027-01-06"));
  CHECK(periods[0].last == parse_date("2027-01-12"));
  CHECK(periods[1].first == parse_date("2027-01-13"));
  CHECK(periods[1].last == parse_date("2027-01-19"));
  CHECK(periods[0].required == 3);
  CHECK(periods[1].required == 3);
  CHECK(required_airings(t) == 6);
}

TEST_CASE("mandate terms: a short last period requires its share rounded up") {
  CHECK(required_airings(terms("2027-01-04", "2027-01-13", 3)) == 3 + 2);  // 7 days, then 3 days: ceil(9/7)
  CHECK(required_airings(terms("2027-01-04", "2027-01-04", 5)) == 1);      // one day: ceil(5/7)
  CHECK(required_airings(terms("2027-01-04", "2027-01-04", 7)) == 1);
  CHECK(required_airings(terms("2027-01-04", "2027-01-04", 14)) == 2);
}

TEST_CASE("mandate terms: an emergency is required once, with no periods") {
  auto t = terms("2027-01-04", "2027-01-31", 5);
  t.level = MandateLevel::emergency;
  CHECK(mandate_periods(t).empty());
  CHECK(required_airings(t) == 1);
}

TEST_CASE("mandate terms: windows are read strictly and sorted") {
  const auto windows = parse_windows("17:00-19:00, 05:00-07:00");
  REQUIRE(windows.size() == 2);
  CHECK(windows[0] == TimeWindow{minutes(5 * 60), minutes(7 * 60)});
  CHECK(windows[1] == TimeWindow{minutes(17 * 60), minutes(19 * 60)});
  CHECK(format_windows(windows) == "05:00-07:00,17:00-19:00");
  CHECK(format_windows(parse_windows("22:00-24:00")) == "22:00-24:00");
  CHECK(windows[0].contains(minutes(5 * 60), minutes(7 * 60)));
  CHECK_FALSE(windows[0].contains(minutes(6 * 60 + 50), minutes(7 * 60 + 1)));

  for (const char* bad : {"", "05:00", "05:00-", "7h-9h", "07:00-05:00", "05:00-05:00", "05:00-07:00,,17:00-19:00",
                          "05:00-07:00,06:00-08:00", "25:00-26:00"}) {
    INFO(bad);
    CHECK(kind_of([&] { parse_windows(bad); }) == ScheduleError::Kind::bad_item);
  }
  CHECK(kind_of([&] {
          parse_windows("01:00-02:00,03:00-04:00,05:00-06:00,07:00-08:00,09:00-10:00,11:00-12:00,13:00-14:00");
        }) == ScheduleError::Kind::bad_item);
}

TEST_CASE("mandate terms: check_terms refuses a reversed span and a count out of range") {
  CHECK(kind_of([&] { check_terms(terms("2027-01-10", "2027-01-09", 3)); }) == ScheduleError::Kind::bad_range);
  CHECK(kind_of([&] { check_terms(terms("2027-01-04", "2027-01-09", 0)); }) == ScheduleError::Kind::bad_item);
  CHECK(kind_of([&] { check_terms(terms("2027-01-04", "2027-01-09", 22)); }) == ScheduleError::Kind::bad_item);
  CHECK_NOTHROW(check_terms(terms("2027-01-04", "2027-01-09", 21)));
  CHECK(windows_of(terms("2027-01-04", "2027-01-09", 1)) == std::vector<TimeWindow>{kDefaultWindow});
  CHECK(parse_mandate_level("priority") == MandateLevel::priority);
  CHECK(kind_of([&] { parse_mandate_level("urgent"); }) == ScheduleError::Kind::bad_item);
}
