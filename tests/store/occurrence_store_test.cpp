#include "store/occurrence_store.hpp"
#include "sample_segment.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"

#include <catch2/catch.hpp>

using namespace loaxa;
using namespace std::chrono;

namespace {

schedules::UtcTime utc(const std::string& text) {
  return schedules::UtcTime{schedules::parse_date_time(text).time_since_epoch()};
}

schedules::PlannedItem planned(schedules::ItemKind kind, std::string segment_id, std::string title,
                               std::string category, std::int64_t ms) {
  schedules::PlannedItem item;
  item.kind = kind;
  item.segment_id = std::move(segment_id);
  item.title = std::move(title);
  item.category = std::move(category);
  item.planned_ms = ms;
  return item;
}

// 05:30 in Hồ Chí Minh City on 2 January 2027, started 250 ms late.
schedules::FrozenOccurrence morning(std::int64_t slot_id) {
  schedules::FrozenOccurrence o;
  o.slot_id = slot_id;
  o.nominal_start = utc("2027-01-01T22:30:00");
  o.start = o.nominal_start + milliseconds(250);
  o.items.push_back(planned(schedules::ItemKind::jingle, "1", "Nhạc hiệu", "CDS", 8000));
  o.items.push_back(planned(schedules::ItemKind::relay, "", "vov", "", 600000));
  auto skipped = planned(schedules::ItemKind::segment, "7", "Định danh điện tử", "CDS", 0);
  skipped.skipped = schedules::SkipReason::expired;
  o.items.push_back(skipped);
  auto short_rotation = planned(schedules::ItemKind::rotate, "", "", "CCHC", 0);
  short_rotation.skipped = schedules::SkipReason::rotation_short;
  short_rotation.missing = 2;
  o.items.push_back(short_rotation);
  return o;
}

void check_same(const schedules::FrozenOccurrence& a, const schedules::FrozenOccurrence& b) {
  CHECK(a.slot_id == b.slot_id);
  CHECK(a.nominal_start == b.nominal_start);
  CHECK(a.start == b.start);
  REQUIRE(a.items.size() == b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    INFO("item " << i);
    CHECK(a.items[i].kind == b.items[i].kind);
    CHECK(a.items[i].segment_id == b.items[i].segment_id);
    CHECK(a.items[i].title == b.items[i].title);
    CHECK(a.items[i].category == b.items[i].category);
    CHECK(a.items[i].planned_ms == b.items[i].planned_ms);
    CHECK(a.items[i].skipped == b.items[i].skipped);
    CHECK(a.items[i].missing == b.items[i].missing);
  }
}

}  // namespace

TEST_CASE("a frozen occurrence comes back as it was planned, to the millisecond", "[store][occurrence]") {
  auto db = store::Database::in_memory();
  store::OccurrenceStore occurrences(db);
  const auto o = morning(3);
  CHECK(occurrences.freeze(o, 11, "2027-01-01T22:30:00.250Z"));
  auto found = occurrences.find(3, o.nominal_start);
  REQUIRE(found);
  check_same(*found, o);
  CHECK(occurrences.programme_of(3, o.nominal_start) == 11);
  CHECK(db.sql().execAndGet("SELECT start_utc FROM occurrence").getString() == "2027-01-01T22:30:00.250Z");
  CHECK_FALSE(occurrences.find(3, o.nominal_start + seconds(1)));
  CHECK_FALSE(occurrences.find(4, o.nominal_start));
}

TEST_CASE("the first freeze of an occurrence wins", "[store][occurrence]") {
  auto db = store::Database::in_memory();
  store::OccurrenceStore occurrences(db);
  const auto first = morning(3);
  REQUIRE(occurrences.freeze(first, 11, "a"));
  auto second = morning(3);
  second.start += seconds(40);
  second.items.pop_back();
  second.items[0].title = "changed";
  CHECK_FALSE(occurrences.freeze(second, 12, "b"));
  check_same(*occurrences.find(3, first.nominal_start), first);
  CHECK(occurrences.programme_of(3, first.nominal_start) == 11);
  CHECK(db.sql().execAndGet("SELECT count(*) FROM occurrence_item").getInt() == 4);
  // the same nominal start of another slot is another occurrence
  CHECK(occurrences.freeze(morning(4), 11, "c"));
}

TEST_CASE("frozen occurrences are listed from a time on, by nominal start", "[store][occurrence]") {
  auto db = store::Database::in_memory();
  store::OccurrenceStore occurrences(db);
  auto later = morning(1);
  later.nominal_start = utc("2027-01-02T10:00:00");
  later.start = later.nominal_start;
  later.items.clear();  // an occurrence may plan nothing at all
  auto earlier = morning(2);
  auto earliest = morning(5);
  earliest.nominal_start = utc("2026-12-31T22:30:00");
  earliest.start = earliest.nominal_start;
  for (const auto& o : {later, earlier, earliest}) REQUIRE(occurrences.freeze(o, 1, "t"));

  auto all = occurrences.frozen_since(schedules::UtcTime{});
  REQUIRE(all.size() == 3);
  CHECK(all[0].slot_id == 5);
  CHECK(all[1].slot_id == 2);
  CHECK(all[2].slot_id == 1);
  CHECK(all[1].items.size() == 4);
  CHECK(all[2].items.empty());

  auto from = occurrences.frozen_since(earlier.nominal_start);  // inclusive
  REQUIRE(from.size() == 2);
  CHECK(from[0].slot_id == 2);
  CHECK(occurrences.frozen_since(later.nominal_start + milliseconds(1)).empty());
}

TEST_CASE("a frozen occurrence outlives its slot, programme and segments", "[store][occurrence]") {
  auto db = store::Database::in_memory();
  auto segment = store::SegmentStore(db).insert(store::test::sample_segment('a'));
  store::ProgrammeStore programmes(db);
  auto programme = *programmes.add("A", {schedules::parse_programme_item("segment:" + std::to_string(segment))}, "t");
  schedules::Slot slot;
  slot.programme_id = programme;
  slot.start = schedules::parse_date_time("2027-01-02T05:30");
  store::SlotStore slots(db);
  auto slot_id = slots.add(slot, "Asia/Ho_Chi_Minh", "t");

  schedules::FrozenOccurrence o;
  o.slot_id = slot_id;
  o.nominal_start = utc("2027-01-01T22:30:00");
  o.start = o.nominal_start;
  o.items.push_back(planned(schedules::ItemKind::segment, std::to_string(segment), "Bản tin a", "CDS", 1000));
  REQUIRE(store::OccurrenceStore(db).freeze(o, programme, "t"));

  REQUIRE(slots.remove(slot_id));
  CHECK(programmes.remove(programme) == store::RemoveResult::removed);
  CHECK(store::SegmentStore(db).remove(segment) == store::RemoveResult::removed);
  auto kept = store::OccurrenceStore(db).find(slot_id, o.nominal_start);
  REQUIRE(kept);
  check_same(*kept, o);
}

TEST_CASE("a snapshot holds the schedule, the catalogue and the frozen history", "[store][snapshot]") {
  auto db = store::Database::in_memory();
  auto segment = store::SegmentStore(db).insert(store::test::sample_segment('a'));
  auto programme =
      *store::ProgrammeStore(db).add("A", {schedules::parse_programme_item("segment:" + std::to_string(segment))}, "t");
  schedules::Slot slot;
  slot.programme_id = programme;
  slot.start = schedules::parse_date_time("2027-01-02T05:30");
  slot.rrule = "FREQ=DAILY";
  store::SlotStore(db).add(slot, "Asia/Ho_Chi_Minh", "t");
  store::HolidayStore(db).add({year{2027} / 2 / 5, year{2027} / 2 / 10, "Tết"});
  auto old = morning(1);
  old.nominal_start = utc("2026-12-01T22:30:00");
  old.start = old.nominal_start;
  REQUIRE(store::OccurrenceStore(db).freeze(old, programme, "t"));
  REQUIRE(store::OccurrenceStore(db).freeze(morning(1), programme, "t"));

  auto snapshot = store::load_snapshot(db, utc("2027-01-01T00:00:00"));
  REQUIRE(snapshot.schedule.slots.size() == 1);
  CHECK(snapshot.schedule.slots[0].start == slot.start);
  CHECK(snapshot.schedule.slots[0].rrule == "FREQ=DAILY");
  REQUIRE(snapshot.schedule.programmes.size() == 1);
  CHECK(snapshot.schedule.programmes[0].items.size() == 1);
  REQUIRE(snapshot.schedule.holidays.size() == 1);
  CHECK(snapshot.schedule.holidays[0].name == "Tết");
  REQUIRE(snapshot.schedule.frozen.size() == 1);  // the December one is before history_from
  CHECK(snapshot.schedule.frozen[0].nominal_start == morning(1).nominal_start);
  REQUIRE(snapshot.catalogue.segments().size() == 1);
  CHECK(snapshot.catalogue.find(std::to_string(segment))->title == "Bản tin a");

  CHECK(store::load_snapshot(db, schedules::UtcTime{}).schedule.frozen.size() == 2);
  CHECK(store::load_snapshot(db, morning(1).nominal_start + milliseconds(1)).schedule.frozen.empty());
}
