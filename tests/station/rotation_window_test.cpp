// The same occurrence airs the same segments whatever window the timeline is asked for, and
// an occurrence frozen when it started keeps its items whatever is edited later.

#include "station_fixture.hpp"

#include "station/catalogue.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "station/timeline.hpp"
#include "store/utc_text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <utility>

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;

namespace {

using Key = std::pair<std::int64_t, schedules::UtcTime>;  // slot, nominal start

std::vector<std::string> ids(const schedules::Occurrence& o) {
  std::vector<std::string> out;
  for (const auto& item : o.items) out.push_back(item.segment_id.empty() ? "-" : item.segment_id);
  return out;
}

std::map<Key, std::vector<std::string>> by_occurrence(const std::vector<schedules::Occurrence>& timeline) {
  std::map<Key, std::vector<std::string>> out;
  for (const auto& o : timeline) out[{o.slot_id, o.nominal_start}] = ids(o);
  return out;
}

// Seven CDS bulletins and two programmes rotating through them four times a day.
struct RotatingStation : StationFixture {
  RotatingStation() {
    for (int i = 0; i < 7; ++i) add_segment("CDS", 1.0 + 0.25 * i, i);
    station::add_programme(station, "Sáng", {"rotate:CDS:2"});
    station::add_programme(station, "Chiều", {"rotate:CDS:3"});
    station::SlotRequest morning;
    morning.programme = "Sáng";
    morning.times = {schedules::parse_time_of_day("05:30"), schedules::parse_time_of_day("11:00")};
    station::add_slots(station, morning);
    station::SlotRequest evening;
    evening.programme = "Chiều";
    evening.times = {schedules::parse_time_of_day("17:00"), schedules::parse_time_of_day("19:00")};
    evening.weekdays = "T2-T7";
    station::add_slots(station, evening);
  }
};

}  // namespace

TEST_CASE("an occurrence has the same items whatever window contains it", "[station][rotation]") {
  RotatingStation s;
  const auto week = station::plan_window(s.station, utc("2027-01-04T00:00"), utc("2027-01-11T00:00"));
  REQUIRE(week.size() > 20);
  const auto whole = by_occurrence(week);

  // Windows starting on other days, at other hours, and in the middle of a programme.
  for (const char* from : {"2027-01-05T03:00", "2027-01-06T22:30:01", "2027-01-07T10:00", "2027-01-04T22:30:01"}) {
    const auto part = by_occurrence(station::plan_window(s.station, utc(from), utc("2027-01-11T00:00")));
    REQUIRE_FALSE(part.empty());
    for (const auto& [key, items] : part) {
      INFO("window from " << from << ", slot " << key.first << " at " << schedules::format_utc(key.second));
      REQUIRE(whole.count(key) == 1);
      CHECK(whole.at(key) == items);
    }
  }
}

TEST_CASE("rotation moves on through the week", "[station][rotation]") {
  RotatingStation s;
  const auto week = station::plan_window(s.station, utc("2027-01-04T00:00"), utc("2027-01-06T00:00"));
  std::map<std::string, int> aired;
  for (const auto& o : week)
    for (const auto& item : o.items) ++aired[item.segment_id];
  CHECK(aired.size() == 7);  // every bulletin gets its turn within two days
}

TEST_CASE("a frozen occurrence keeps its items after the library and programmes change", "[station][frozen]") {
  RotatingStation s;
  // Monday 4 January, local midnight to midnight (UTC+7).
  const auto before = station::plan_window(s.station, utc("2027-01-03T17:00"), utc("2027-01-04T17:00"));
  REQUIRE(before.size() >= 2);
  const auto& first = before.front();  // the day's first airing, 05:30
  REQUIRE(schedules::format_utc(first.start) == "2027-01-03T22:30:00.000Z");
  REQUIRE(station::freeze_occurrence(s.station, first));
  CHECK_FALSE(station::freeze_occurrence(s.station, first));  // the first freeze wins

  // The first bulletin it aired leaves the library: the occurrence keeps it, as it aired;
  // the later ones, not frozen, rotate without it.
  REQUIRE(ids(first).front() == "1");
  station::remove_segment(s.station, 1);
  const auto after = station::plan_window(s.station, utc("2027-01-03T17:00"), utc("2027-01-04T17:00"));
  const auto before_map = by_occurrence(before);
  const auto after_map = by_occurrence(after);
  const Key first_key{first.slot_id, first.nominal_start};
  CHECK(after_map.at(first_key) == before_map.at(first_key));
  CHECK(after.front().items.front().title == first.items.front().title);
  int changed = 0;
  for (const auto& o : after) {
    const auto items = ids(o);
    if (o.slot_id != first.slot_id || o.nominal_start != first.nominal_start) {
      CHECK(std::find(items.begin(), items.end(), "1") == items.end());
      changed += before_map.at({o.slot_id, o.nominal_start}) != items ? 1 : 0;
    }
  }
  CHECK(changed > 0);
}

TEST_CASE("frozen items count as airings for the next occurrence's rotation", "[station][frozen]") {
  RotatingStation s;
  const auto day = station::plan_window(s.station, utc("2027-01-03T17:00"), utc("2027-01-04T17:00"));
  REQUIRE(day.size() >= 2);
  schedules::Occurrence altered = day.front();
  // As if the programme had aired other bulletins when it started: the next one must not
  // repeat them before the others.
  altered.items[0].segment_id = "7";
  altered.items[1].segment_id = "6";
  REQUIRE(station::freeze_occurrence(s.station, altered));
  const auto replanned = station::plan_window(s.station, utc("2027-01-03T17:00"), utc("2027-01-04T17:00"));
  CHECK(ids(replanned.front()) == std::vector<std::string>{"7", "6"});
  for (const auto& id : ids(replanned[1])) {
    CHECK(id != "7");
    CHECK(id != "6");
  }
}

TEST_CASE("the plan for the hub: every item meant to air in the window, due at its place in the programme",
          "[station][plan]") {
  StationFixture s;
  const auto cds = s.add_segment("CDS", 2.0, 1);
  const auto cchc = s.add_segment("CCHC", 3.0, 2);
  station::add_programme(s.station, "Sáng", {"segment:" + std::to_string(cds), "segment:" + std::to_string(cchc)});
  station::SlotRequest morning;
  morning.programme = "Sáng";
  morning.times = {schedules::parse_time_of_day("05:30")};
  station::add_slots(s.station, morning);

  // Two days, 05:30 in Hanoi = 22:30 UTC the day before.
  const auto plan = station::planned_plays(s.station, utc("2027-01-04T00:00"), utc("2027-01-06T00:00"));
  CHECK(plan.from == utc("2027-01-04T00:00"));
  CHECK(plan.to == utc("2027-01-06T00:00"));
  const auto week = station::plan_window(s.station, utc("2027-01-04T00:00"), utc("2027-01-06T00:00"));
  REQUIRE(week.size() == 2);
  REQUIRE(plan.items.size() == 4);
  for (std::size_t i = 0; i < week.size(); ++i) {
    const auto& first = plan.items[2 * i];
    const auto& second = plan.items[2 * i + 1];
    CHECK(first.occurrence ==
          "slot:" + std::to_string(week[i].slot_id) + "@" + loaxa::store::utc_text(week[i].nominal_start));
    CHECK(first.position == 0);
    CHECK(first.category == "CDS");
    CHECK(first.scheduled_start == week[i].start);
    CHECK(second.position == 1);
    CHECK(second.category == "CCHC");
    // After the first item's planned length (its trimmed span, about 2 s).
    CHECK(second.scheduled_start == week[i].start + std::chrono::milliseconds(week[i].items[0].planned_ms));
    CHECK(second.scheduled_start > first.scheduled_start);
  }
  // A window that starts between the two items of an occurrence holds only the second.
  const auto cut = station::planned_plays(s.station, week[0].start + std::chrono::seconds(1), utc("2027-01-05T00:00"));
  REQUIRE(cut.items.size() == 1);
  CHECK(cut.items[0].position == 1);
}
