#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

#include "schedules/error.hpp"
#include "schedules/time_zone.hpp"

using namespace loaxa::schedules;
using namespace std::chrono_literals;

namespace {
UtcTime utc(const char* text) {
  return UtcTime{parse_date_time(text).time_since_epoch()};
}
LocalDateTime local(const char* text) {
  return parse_date_time(text);
}
}  // namespace

TEST_CASE("Z1 a wall time in a spring-forward gap moves forward by the gap", "[schedules][zone]") {
  const TimeZone berlin("Europe/Berlin");
  CHECK(berlin.classify(local("2025-03-30T02:30")) == TimeZone::LocalKind::gap);
  CHECK(berlin.to_utc(local("2025-03-30T02:30")) == utc("2025-03-30T01:30"));  // 03:30 CEST
  CHECK(berlin.to_local(berlin.to_utc(local("2025-03-30T02:30"))) == local("2025-03-30T03:30"));
  const TimeZone new_york("America/New_York");
  CHECK(new_york.to_utc(local("2025-03-09T02:15")) == utc("2025-03-09T07:15"));  // 03:15 EDT
  CHECK(new_york.to_utc(local("2025-03-09T01:59")) == utc("2025-03-09T06:59"));
  CHECK(new_york.to_utc(local("2025-03-09T03:00")) == utc("2025-03-09T07:00"));
}

TEST_CASE("Z2 an ambiguous wall time in a fall-back overlap is its first occurrence", "[schedules][zone]") {
  const TimeZone berlin("Europe/Berlin");
  CHECK(berlin.classify(local("2025-10-26T02:30")) == TimeZone::LocalKind::ambiguous);
  CHECK(berlin.to_utc(local("2025-10-26T02:30")) == utc("2025-10-26T00:30"));  // CEST, not CET
  const TimeZone new_york("America/New_York");
  CHECK(new_york.to_utc(local("2025-11-02T01:30")) == utc("2025-11-02T05:30"));  // EDT
  CHECK(new_york.to_utc(local("2025-11-02T02:00")) == utc("2025-11-02T07:00"));
  CHECK(new_york.classify(local("2025-07-01T12:00")) == TimeZone::LocalKind::unique);
}

TEST_CASE("Z3 conversions name their zone and ignore the machine's TZ", "[schedules][zone]") {
  const char* saved = std::getenv("TZ");
  const std::string previous = saved ? saved : "";
  ::setenv("TZ", "Pacific/Chatham", 1);  // +12:45/+13:45: any leak would show
  ::tzset();
  const TimeZone vietnam("Asia/Ho_Chi_Minh");
  CHECK(vietnam.to_utc(local("2025-01-29T05:00")) == utc("2025-01-28T22:00"));
  CHECK(vietnam.to_local(utc("2025-06-30T17:00")) == local("2025-07-01T00:00"));
  CHECK(vietnam.utc_offset(utc("2025-06-30T17:00")) == 7h);
  const TimeZone berlin("Europe/Berlin");
  CHECK(berlin.utc_offset(utc("2025-01-15T12:00")) == 1h);
  CHECK(berlin.utc_offset(utc("2025-07-15T12:00")) == 2h);
  const TimeZone universal("UTC");
  CHECK(universal.to_utc(local("2025-01-29T05:00")) == utc("2025-01-29T05:00"));
  if (saved)
    ::setenv("TZ", previous.c_str(), 1);
  else
    ::unsetenv("TZ");
  ::tzset();
  CHECK(std::string(TimeZone::default_name) == "Asia/Ho_Chi_Minh");
}

TEST_CASE("Z3 round trips through DST zones for every hour of a year", "[schedules][zone]") {
  for (const char* name : {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Ho_Chi_Minh"}) {
    const TimeZone zone(name);
    for (UtcTime t = utc("2025-01-01T00:00"); t < utc("2026-01-01T00:00"); t += 1h) {
      INFO(name << " " << format_utc(t));
      const LocalDateTime wall = zone.to_local(t);
      const UtcTime back = zone.to_utc(wall);
      // Only the second pass through an overlap maps back to its first occurrence.
      if (zone.classify(wall) == TimeZone::LocalKind::ambiguous)
        CHECK(back <= t);
      else
        CHECK(back == t);
    }
  }
}

TEST_CASE("Z4 an unknown zone name is an error", "[schedules][zone]") {
  for (const char* bad : {"Asia/Hanoi_Typo", "", "Nowhere", "../etc/passwd"}) {
    INFO(bad);
    try {
      TimeZone zone(bad);
      FAIL("accepted");
    } catch (const ScheduleError& e) {
      CHECK(e.kind == ScheduleError::Kind::unknown_time_zone);
      CHECK(e.subject == bad);
    }
  }
}
