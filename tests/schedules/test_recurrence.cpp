#include <catch2/catch.hpp>

#include "schedules/error.hpp"
#include "schedules/recurrence.hpp"
#include "schedules/time_zone.hpp"

using namespace loaxa::schedules;
using namespace std::chrono_literals;

namespace {
LocalDateTime local(const char* text) {
  return parse_date_time(text);
}
}  // namespace

TEST_CASE("R1 daily at 05:00 stays at 05:00 local across DST", "[schedules][recurrence]") {
  const TimeZone berlin("Europe/Berlin");
  const Recurrence daily("FREQ=DAILY", local("2025-03-01T05:00"), berlin);
  const auto days = daily.between(local("2025-03-29T00:00"), local("2025-04-01T00:00"));
  REQUIRE(days.size() == 3);
  CHECK(berlin.to_utc(days[0]) == UtcTime{local("2025-03-29T04:00").time_since_epoch()});  // CET
  CHECK(berlin.to_utc(days[2]) == UtcTime{local("2025-03-31T03:00").time_since_epoch()});  // CEST
  for (const auto& d : days) CHECK(format_date_time(d).substr(11) == "05:00:00");
}

TEST_CASE("R1 a single occurrence has an empty rule", "[schedules][recurrence]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  const Recurrence once("", local("2025-05-01T07:00"), vn);
  CHECK(once.between(local("2025-05-01T00:00"), local("2025-05-02T00:00")).size() == 1);
  CHECK(once.between(local("2025-05-01T07:00:01"), local("2025-05-02T00:00")).empty());
}

TEST_CASE("R1 a window years after the start is expanded directly", "[schedules][recurrence]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  const Recurrence r("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA", local("2015-01-05T05:00"), vn);
  const auto week = r.between(local("2031-06-02T00:00"), local("2031-06-09T00:00"));  // Mon..Sun
  CHECK(week.size() == 6);
}

TEST_CASE("R2 UNTIL is inclusive, UTC UNTIL is read in the zone, date UNTIL covers the day",
          "[schedules][recurrence]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  const auto window = [&](const Recurrence& r) {
    return r.between(local("2025-01-01T00:00"), local("2026-01-01T00:00")).size();
  };
  CHECK(window(Recurrence("FREQ=DAILY;UNTIL=20250105T050000", local("2025-01-01T05:00"), vn)) == 5);
  // 22:00Z on the 4th is 05:00 on the 5th in Vietnam.
  CHECK(window(Recurrence("FREQ=DAILY;UNTIL=20250104T220000Z", local("2025-01-01T05:00"), vn)) == 5);
  CHECK(window(Recurrence("FREQ=DAILY;UNTIL=20250105", local("2025-01-01T17:00"), vn)) == 5);
  CHECK(window(Recurrence("RRULE:FREQ=DAILY;COUNT=3", local("2025-01-01T17:00"), vn)) == 3);
}

TEST_CASE("R3 unreadable or too frequent rules are refused", "[schedules][recurrence]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  for (const char* bad :
       {"FREQ=MINUTELY", "FREQ=SECONDLY", "FREQ=NEVER", "BYDAY=MO", "FREQ=DAILY; COUNT=2", "garbage"}) {
    INFO(bad);
    try {
      validate_rrule(bad);
      FAIL("accepted");
    } catch (const ScheduleError& e) {
      CHECK(e.kind == ScheduleError::Kind::bad_rrule);
    }
    CHECK_THROWS_AS(Recurrence(bad, local("2025-01-01T05:00"), vn), ScheduleError);
  }
  CHECK_NOTHROW(validate_rrule("FREQ=MONTHLY;BYDAY=-1FR"));
}
