#include <catch2/catch.hpp>

#include "schedules/time_zone.hpp"
#include "timeline_fixture.hpp"

using namespace loaxa::schedules;
using namespace loaxa::schedules::test;
using namespace std::chrono_literals;

namespace {

const TimeZone& utc_zone() {
  static const TimeZone zone("UTC");
  return zone;
}

// These cases were laid out with a 30-minute wait limit (the default is 10).
TimelineConfig thirty_minutes() {
  TimelineConfig config;
  config.max_wait = std::chrono::minutes{30};
  return config;
}

std::vector<Occurrence> day(const Schedule& s, const TimelineConfig& config = thirty_minutes()) {
  return compute_timeline(s, Catalogue{}, utc_zone(), utc("2025-03-03T00:00"), utc("2025-03-04T00:00"), config);
}

const Occurrence& of(const std::vector<Occurrence>& t, std::int64_t slot_id) {
  for (const auto& o : t)
    if (o.slot_id == slot_id) return o;
  FAIL("no occurrence of slot " << slot_id);
  return t.front();
}

}  // namespace

TEST_CASE("T1 occurrences meeting the window are returned in order", "[schedules][timeline]") {
  Schedule s;
  s.programmes = {relay_programme(1, 30)};
  s.slots = {slot(2, 1, "2025-03-02T23:50", ""), slot(1, 1, "2025-03-03T06:00", ""), slot(3, 1, "2025-03-03T23:59", ""),
             slot(4, 1, "2025-03-04T00:00", "")};
  const auto t = day(s);
  REQUIRE(t.size() == 3);  // the one still running at midnight, 06:00, 23:59; not the next day's
  CHECK(t[0].slot_id == 2);
  CHECK(t[0].end == utc("2025-03-03T00:20"));
  CHECK(t[1].slot_id == 1);
  CHECK(t[2].slot_id == 3);
  CHECK(t[1].items.at(0).kind == ItemKind::relay);
  CHECK(t[1].items.at(0).title == "linein");
  CHECK(t[1].planned_ms == 30 * 60'000);
}

TEST_CASE("T2 equal starts and levels are broken by slot id", "[schedules][timeline]") {
  Schedule s;
  s.programmes = {relay_programme(1, 10)};
  s.slots = {slot(7, 1, "2025-03-03T05:00", ""), slot(3, 1, "2025-03-03T05:00", "")};
  const auto t = day(s);
  REQUIRE(t.size() == 2);
  CHECK(t[0].slot_id == 3);
  CHECK(t[0].status == OccurrenceStatus::planned);
  CHECK(t[1].slot_id == 7);
  CHECK(t[1].status == OccurrenceStatus::shifted);
  CHECK(t[1].delay == 10min);
  CHECK(t[1].blocked_by_slot == 3);
}

TEST_CASE("T3 priority goes before normal at the same start and priorities queue among themselves",
          "[schedules][timeline]") {
  Schedule s;
  s.programmes = {relay_programme(1, 10)};
  s.slots = {slot(1, 1, "2025-03-03T05:00", ""), slot(9, 1, "2025-03-03T05:00", "", SlotLevel::priority),
             slot(8, 1, "2025-03-03T05:05", "", SlotLevel::priority)};
  const auto t = day(s);
  REQUIRE(t.size() == 3);
  CHECK(t[0].slot_id == 9);
  CHECK(t[0].start == utc("2025-03-03T05:00"));
  CHECK(t[1].slot_id == 8);
  CHECK(t[1].start == utc("2025-03-03T05:10"));
  CHECK(t[1].status == OccurrenceStatus::shifted);
  CHECK(t[2].slot_id == 1);
  CHECK(t[2].start == utc("2025-03-03T05:20"));
  CHECK(t[2].delay == 20min);
  CHECK(t[2].blocked_by_slot == 8);
}

TEST_CASE("T4 a later normal occurrence waits for an earlier one and never overtakes it", "[schedules][timeline]") {
  Schedule s;
  s.programmes = {relay_programme(1, 25), relay_programme(2, 5)};
  s.slots = {slot(1, 1, "2025-03-03T05:00", ""), slot(2, 2, "2025-03-03T05:10", ""),
             slot(3, 2, "2025-03-03T05:20", "", SlotLevel::priority)};
  TimelineConfig config;
  config.max_wait = 60min;
  const auto t = day(s, config);
  // Slot 1 would overlap the 05:20 priority, so it moves to 05:25; slot 2 could fit at
  // 05:10 but keeps its place behind slot 1.
  CHECK(of(t, 1).start == utc("2025-03-03T05:25"));
  CHECK(of(t, 2).start == utc("2025-03-03T05:50"));
  CHECK(of(t, 2).status == OccurrenceStatus::shifted);
  CHECK(of(t, 2).blocked_by_slot == 1);
}

TEST_CASE("T5 a normal occurrence that would still play when a priority one starts moves after it",
          "[schedules][timeline]") {
  Schedule s;
  s.programmes = {relay_programme(1, 30), relay_programme(2, 5), relay_programme(3, 10)};
  s.slots = {slot(1, 1, "2025-03-03T05:00", ""), slot(2, 2, "2025-03-03T05:20", "", SlotLevel::priority),
             slot(3, 3, "2025-03-03T17:00", ""), slot(4, 2, "2025-03-03T17:10", "", SlotLevel::priority)};
  const auto t = day(s);
  CHECK(of(t, 2).start == utc("2025-03-03T05:20"));
  CHECK(of(t, 1).start == utc("2025-03-03T05:25"));
  CHECK(of(t, 1).status == OccurrenceStatus::shifted);
  CHECK(of(t, 1).delay == 25min);
  CHECK(of(t, 1).blocked_by_slot == 2);
  // Fits entirely before the priority one: stays.
  CHECK(of(t, 3).start == utc("2025-03-03T17:00"));
  CHECK(of(t, 3).status == OccurrenceStatus::planned);
}

TEST_CASE("T6 an occurrence that would wait beyond max_wait is dropped and takes no air time",
          "[schedules][timeline]") {
  Schedule s;
  s.programmes = {relay_programme(1, 45), relay_programme(2, 10), relay_programme(3, 60)};
  s.slots = {slot(1, 1, "2025-03-03T05:00", ""), slot(2, 2, "2025-03-03T05:10", ""), slot(3, 2, "2025-03-03T05:50", ""),
             slot(4, 3, "2025-03-03T06:00", "", SlotLevel::priority), slot(5, 99, "2025-03-03T08:00", "")};
  const auto t = day(s);
  CHECK(of(t, 2).status == OccurrenceStatus::dropped);  // would wait 35 min > 30
  CHECK(of(t, 2).drop_reason == DropReason::shift_limit);
  CHECK(of(t, 2).blocked_by_slot == 1);
  CHECK(of(t, 2).start == utc("2025-03-03T05:10"));     // reported at its nominal time
  CHECK(of(t, 3).status == OccurrenceStatus::planned);  // the dropped one did not hold it up
  CHECK(of(t, 3).start == utc("2025-03-03T05:50"));
  CHECK(of(t, 5).drop_reason == DropReason::missing_programme);
  TimelineConfig patient;
  patient.max_wait = 40min;
  CHECK(of(day(s, patient), 2).start == utc("2025-03-03T05:45"));
}

TEST_CASE("T7 a window equals the same slice of a larger window", "[schedules][timeline]") {
  const TimeZone berlin("Europe/Berlin");
  Schedule s;
  s.programmes = {relay_programme(1, 40), relay_programme(2, 25), relay_programme(3, 15)};
  s.slots = {slot(1, 1, "2025-01-01T05:00", "FREQ=DAILY"),
             slot(2, 2, "2025-01-01T05:20", "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
             slot(3, 3, "2025-01-01T05:30", "FREQ=DAILY", SlotLevel::priority),
             slot(4, 2, "2025-01-01T23:50", "FREQ=DAILY"),
             slot(5, 3, "2025-01-02T00:05", "FREQ=DAILY", SlotLevel::priority),
             slot(6, 1, "2025-01-01T02:30", "FREQ=DAILY")};
  const UtcTime big_from = utc("2025-03-25T00:00"), big_to = utc("2025-04-05T00:00");
  const auto big = compute_timeline(s, Catalogue{}, berlin, big_from, big_to);
  for (UtcTime from = big_from + 3h; from + 48h <= big_to; from += 7h + 13min) {
    const UtcTime to = from + 48h;
    const auto small = compute_timeline(s, Catalogue{}, berlin, from, to);
    std::vector<Occurrence> slice;
    for (const auto& o : big)
      if (o.start < to && (o.end > from || (o.start == o.end && o.start >= from))) slice.push_back(o);
    INFO("window from " << format_utc(from));
    REQUIRE(small.size() == slice.size());
    for (std::size_t i = 0; i < small.size(); ++i) {
      CHECK(small[i].slot_id == slice[i].slot_id);
      CHECK(small[i].start == slice[i].start);
      CHECK(small[i].end == slice[i].end);
      CHECK(small[i].status == slice[i].status);
      CHECK(small[i].delay == slice[i].delay);
    }
  }
}

TEST_CASE("T8 rotation continues across occurrences of one timeline", "[schedules][timeline]") {
  std::vector<SegmentInfo> segments = {segment("1", "CDS", 60'000), segment("2", "CDS", 60'000),
                                       segment("3", "CDS", 60'000)};
  segments[0].last_aired = utc("2025-03-01T05:00");
  const Catalogue catalogue(std::move(segments));
  Schedule s;
  s.programmes = {Programme{1, "CĐS", parse_programme_items("rotate:CDS:2")}};
  s.slots = {slot(1, 1, "2025-03-03T05:00", "FREQ=DAILY")};
  const auto t = compute_timeline(s, catalogue, utc_zone(), utc("2025-03-03T00:00"), utc("2025-03-06T00:00"));
  REQUIRE(t.size() == 3);
  const auto picks = [](const Occurrence& o) { return o.items.at(0).segment_id + o.items.at(1).segment_id; };
  CHECK(picks(t[0]) == "23");  // 1 aired on the 1st; 2 and 3 never
  CHECK(picks(t[1]) == "12");
  CHECK(picks(t[2]) == "31");
  CHECK(t[0].planned_ms == 120'000);
}

TEST_CASE("T9 occurrences carry UTC instants and the local wall time", "[schedules][timeline]") {
  const TimeZone vn("Asia/Ho_Chi_Minh");
  const TimeZone new_york("America/New_York");
  Schedule s;
  s.programmes = {relay_programme(1, 10)};
  s.slots = {slot(1, 1, "2025-03-01T02:30", "FREQ=DAILY")};
  const auto in_vn = compute_timeline(s, Catalogue{}, vn, utc("2025-03-03T00:00"), utc("2025-03-04T00:00"));
  REQUIRE(in_vn.size() == 1);
  CHECK(in_vn[0].nominal_start == utc("2025-03-03T19:30"));  // 02:30 on the 4th, UTC+7
  CHECK(format_date_time(in_vn[0].local_nominal) == "2025-03-04T02:30:00");
  // New York, spring forward on 9 March: 02:30 does not exist and airs at 03:30 EDT (Z1).
  const auto in_ny = compute_timeline(s, Catalogue{}, new_york, utc("2025-03-08T00:00"), utc("2025-03-11T00:00"));
  REQUIRE(in_ny.size() == 3);
  CHECK(in_ny[0].start == utc("2025-03-08T07:30"));
  CHECK(in_ny[1].start == utc("2025-03-09T07:30"));
  CHECK(format_date_time(in_ny[1].local_nominal) == "2025-03-09T02:30:00");
  CHECK(in_ny[2].start == utc("2025-03-10T06:30"));
  CHECK(compute_timeline(s, Catalogue{}, vn, utc("2025-03-03T00:00"), utc("2025-03-03T00:00")).empty());
}
