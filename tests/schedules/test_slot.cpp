#include <catch2/catch.hpp>

#include "schedules/error.hpp"
#include "schedules/time_zone.hpp"
#include "timeline_fixture.hpp"

using namespace loaxa::schedules;
using namespace loaxa::schedules::test;

namespace {
std::vector<std::string> local_starts(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> out;
  for (const auto& o : occurrences) out.push_back(format_date_time(o.local_nominal).substr(0, 16));
  return out;
}
}  // namespace

TEST_CASE("S1 a slot airs only within its validity range, inclusive", "[schedules][slot]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  Schedule schedule;
  schedule.programmes = {relay_programme(1, 10)};
  Slot s = slot(1, 1, "2025-01-01T05:00", "FREQ=DAILY");
  s.valid_from = parse_date("2025-03-02");
  s.valid_until = parse_date("2025-03-04");
  schedule.slots = {s};
  const auto t = compute_timeline(schedule, Catalogue{}, vn, utc("2025-02-28T00:00"), utc("2025-03-07T00:00"));
  CHECK(local_starts(t) == std::vector<std::string>{"2025-03-02T05:00", "2025-03-03T05:00", "2025-03-04T05:00"});
}

TEST_CASE("S2 exception dates remove that day's occurrences", "[schedules][slot]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  Schedule schedule;
  schedule.programmes = {relay_programme(1, 10)};
  Slot s = slot(1, 1, "2025-03-01T05:00", "FREQ=DAILY");
  s.exception_dates = {parse_date("2025-03-02")};
  schedule.slots = {s};
  const auto t = compute_timeline(schedule, Catalogue{}, vn, utc("2025-02-28T20:00"), utc("2025-03-03T20:00"));
  CHECK(local_starts(t) == std::vector<std::string>{"2025-03-01T05:00", "2025-03-03T05:00"});
}

TEST_CASE("S3 disabled slots produce no occurrences", "[schedules][slot]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  Schedule schedule;
  schedule.programmes = {relay_programme(1, 10)};
  schedule.slots = {slot(1, 1, "2025-03-01T05:00", "FREQ=DAILY")};
  schedule.slots[0].enabled = false;
  CHECK(compute_timeline(schedule, Catalogue{}, vn, utc("2025-03-01T00:00"), utc("2025-03-10T00:00")).empty());
}

TEST_CASE("S4 holidays drop normal occurrences but priority ones still air", "[schedules][slot]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  Schedule schedule;
  schedule.programmes = {relay_programme(1, 10)};
  schedule.slots = {slot(1, 1, "2025-01-01T05:00", "FREQ=DAILY"),
                    slot(2, 1, "2025-01-01T17:00", "FREQ=DAILY", SlotLevel::priority)};
  schedule.holidays = {{parse_date("2025-01-28"), parse_date("2025-02-02"), "Tết Ất Tỵ"}};
  const auto t = compute_timeline(schedule, Catalogue{}, vn, utc("2025-01-27T12:00"), utc("2025-01-28T12:00"));
  REQUIRE(t.size() == 2);
  CHECK(t[0].slot_id == 1);
  CHECK(t[0].status == OccurrenceStatus::dropped);
  CHECK(t[0].drop_reason == DropReason::holiday);
  CHECK(t[0].items.empty());
  CHECK(t[1].slot_id == 2);
  CHECK(t[1].status == OccurrenceStatus::planned);
  CHECK(is_holiday(schedule.holidays, parse_date("2025-02-02")));
  CHECK_FALSE(is_holiday(schedule.holidays, parse_date("2025-02-03")));
}

TEST_CASE("a slot level is read from its name", "[schedules][slot]") {
  CHECK(parse_level("priority") == SlotLevel::priority);
  CHECK_THROWS_AS(parse_level("urgent"), ScheduleError);
}
