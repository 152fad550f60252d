#include "sample_segment.hpp"
#include "schedules/error.hpp"
#include "schedules/time_zone.hpp"
#include "store/occurrence_store.hpp"
#include "store/programme_store.hpp"
#include "store/schedule_snapshot.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <catch2/catch.hpp>

using namespace loaxa;
using namespace std::chrono;

namespace {

// A 30 s segment whose playable span is 28 s.
std::int64_t add_segment(store::Database& db, char digit, bool approved = true) {
  auto s = store::test::sample_segment(digit);
  s.frames = 48000 * 30;
  s.duration_ms = 30000;
  s.trim_start_ms = 1000;
  s.trim_end_ms = 29000;
  s.approved = approved;
  return store::SegmentStore(db).insert(s);
}

schedules::ProgrammeItem item(const std::string& text) {
  return schedules::parse_programme_item(text);
}

}  // namespace

TEST_CASE("a programme keeps its items in order", "[store][programme]") {
  auto db = store::Database::in_memory();
  auto seg = add_segment(db, 'a');
  store::ProgrammeStore programmes(db);
  auto id = *programmes.add("Bản tin sáng",
                            {item("jingle:" + std::to_string(seg)), item("relay:linein:10m"), item("rotate:CDS:2"),
                             item("segment:" + std::to_string(seg))},
                            "2026-11-29T00:00:00Z");
  auto p = programmes.find_by_name("bản tin sáng");  // SQLite NOCASE folds ASCII only
  if (!p) p = programmes.find(id);
  REQUIRE(p);
  REQUIRE(p->items.size() == 4);
  CHECK(schedules::format_programme_item(p->items[0]) == "jingle:" + std::to_string(seg));
  CHECK(schedules::format_programme_item(p->items[1]) == "relay:linein:10m");
  CHECK(schedules::format_programme_item(p->items[2]) == "rotate:CDS:2");
  CHECK(programmes.list().size() == 1);
}

TEST_CASE("a programme name is taken once, whatever its ASCII case", "[store][programme]") {
  auto db = store::Database::in_memory();
  auto seg = add_segment(db, 'a');
  store::ProgrammeStore programmes(db);
  auto first = programmes.add("Ban tin sang", {item("segment:" + std::to_string(seg))}, "t");
  REQUIRE(first);
  CHECK_FALSE(programmes.add("BAN TIN SANG", {item("relay:vov:10m")}, "t"));
  CHECK_FALSE(programmes.add("Ban tin sang", {}, "t"));
  // nothing of the refused ones was stored
  CHECK(programmes.list().size() == 1);
  CHECK(db.sql().execAndGet("SELECT count(*) FROM programme_item").getInt() == 1);
  CHECK(programmes.add("Ban tin chieu", {}, "t"));
}

TEST_CASE("a programme referring to a missing segment or category is not stored", "[store][programme]") {
  auto db = store::Database::in_memory();
  store::ProgrammeStore programmes(db);
  CHECK_THROWS_AS(programmes.add("A", {item("segment:99")}, "t"), SQLite::Exception);
  CHECK_THROWS_AS(programmes.add("B", {item("rotate:NOPE:1")}, "t"), SQLite::Exception);
  CHECK_THROWS_AS(programmes.add("C", {item("segment:abc")}, "t"), std::invalid_argument);
  CHECK(programmes.list().empty());
  CHECK(db.sql().execAndGet("SELECT count(*) FROM programme_item").getInt() == 0);
}

TEST_CASE("a segment used by a programme cannot be removed", "[store][programme]") {
  auto db = store::Database::in_memory();
  auto seg = add_segment(db, 'a');
  store::ProgrammeStore(db).add("A", {item("segment:" + std::to_string(seg))}, "t");
  CHECK(store::SegmentStore(db).remove(seg) == store::RemoveResult::in_use);
  CHECK(store::SegmentStore(db).find(seg));
  CHECK(store::SegmentStore(db).remove(999) == store::RemoveResult::not_found);
}

TEST_CASE("a slot round-trips with its zone, rule, range and exceptions", "[store][slot]") {
  auto db = store::Database::in_memory();
  auto seg = add_segment(db, 'a');
  auto programme = *store::ProgrammeStore(db).add("A", {item("segment:" + std::to_string(seg))}, "t");
  schedules::Slot slot;
  slot.programme_id = programme;
  slot.start = schedules::parse_date_time("2027-03-28T05:30");
  slot.rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA";
  slot.valid_from = year{2027} / 3 / 1;
  slot.valid_until = year{2027} / 12 / 31;
  slot.level = schedules::SlotLevel::priority;
  slot.exception_dates = {year{2027} / 4 / 30, year{2027} / 5 / 1};
  store::SlotStore slots(db);
  // Berlin, the day the clocks go forward: what is kept is the 05:30 the operator typed.
  auto id = slots.add(slot, "Europe/Berlin", "2026-11-29T00:00:00Z");
  auto stored = slots.find(id);
  REQUIRE(stored);
  CHECK(stored->time_zone == "Europe/Berlin");
  CHECK(stored->slot.start == slot.start);
  CHECK(db.sql().execAndGet("SELECT start_local FROM slot").getString() == "2027-03-28T05:30:00");
  CHECK(stored->slot.rrule == slot.rrule);
  CHECK(stored->slot.valid_from == slot.valid_from);
  CHECK(stored->slot.valid_until == slot.valid_until);
  CHECK(stored->slot.level == schedules::SlotLevel::priority);
  CHECK(stored->slot.exception_dates == slot.exception_dates);
  CHECK(slots.add_exception(id, year{2027} / 5 / 1));
  CHECK(slots.find(id)->slot.exception_dates.size() == 2);
  CHECK_FALSE(slots.add_exception(999, year{2027} / 5 / 1));
  CHECK(slots.set_enabled(id, false));
  CHECK_FALSE(slots.find(id)->slot.enabled);
}

TEST_CASE("a programme used by a slot cannot be removed, and a slot removes its exceptions", "[store][slot]") {
  auto db = store::Database::in_memory();
  auto seg = add_segment(db, 'a');
  store::ProgrammeStore programmes(db);
  auto programme = *programmes.add("A", {item("segment:" + std::to_string(seg))}, "t");
  schedules::Slot slot;
  slot.programme_id = programme;
  slot.start = schedules::parse_date_time("2027-01-01T05:00");
  slot.exception_dates = {year{2027} / 1 / 2};
  store::SlotStore slots(db);
  auto id = slots.add(slot, "Asia/Ho_Chi_Minh", "t");
  CHECK(programmes.remove(programme) == store::RemoveResult::in_use);
  CHECK(programmes.find(programme));
  CHECK(db.sql().execAndGet("SELECT count(*) FROM programme_item").getInt() == 1);
  CHECK(slots.remove(id));
  CHECK_FALSE(slots.remove(id));
  CHECK(db.sql().execAndGet("SELECT count(*) FROM slot_exception").getInt() == 0);
  CHECK(programmes.remove(programme) == store::RemoveResult::removed);
  CHECK(programmes.remove(programme) == store::RemoveResult::not_found);
  CHECK(db.sql().execAndGet("SELECT count(*) FROM programme_item").getInt() == 0);
}

TEST_CASE("a slot in a zone this machine does not know is refused", "[store][slot]") {
  auto db = store::Database::in_memory();
  auto programme = *store::ProgrammeStore(db).add("A", {item("relay:vov:10m")}, "t");
  schedules::Slot slot;
  slot.programme_id = programme;
  slot.start = schedules::parse_date_time("2027-01-01T05:00");
  CHECK_THROWS_AS(store::SlotStore(db).add(slot, "Asia/Nowhere", "t"), schedules::ScheduleError);
  CHECK(store::SlotStore(db).list().empty());
}

TEST_CASE("store writes nest inside a caller's transaction and roll back with it", "[store][slot]") {
  auto db = store::Database::in_memory();
  auto seg = add_segment(db, 'a');
  {
    SQLite::Transaction transaction(db.sql());
    store::ProgrammeStore(db).add("A", {item("segment:" + std::to_string(seg))}, "t");
    // no commit: everything goes
  }
  CHECK(store::ProgrammeStore(db).list().empty());
  CHECK(db.sql().execAndGet("SELECT count(*) FROM programme_item").getInt() == 0);
  // and a failed write leaves no transaction open behind it
  CHECK_THROWS(store::ProgrammeStore(db).add("B", {item("segment:999")}, "t"));
  CHECK(db.sql().execAndGet("SELECT count(*) FROM programme").getInt() == 0);
  store::ProgrammeStore(db).add("C", {item("segment:" + std::to_string(seg))}, "t");
  CHECK(store::ProgrammeStore(db).list().size() == 1);
}

TEST_CASE("holidays are stored as dates and listed in order", "[store][holiday]") {
  auto db = store::Database::in_memory();
  store::HolidayStore holidays(db);
  holidays.add({year{2027} / 9 / 2, year{2027} / 9 / 2, "Quốc khánh"});
  auto tet = holidays.add({year{2027} / 2 / 5, year{2027} / 2 / 10, "Tết"});
  auto all = holidays.list();
  REQUIRE(all.size() == 2);
  CHECK(all[0].holiday.name == "Tết");
  CHECK(all[0].holiday.until == year{2027} / 2 / 10);
  CHECK(holidays.remove(tet));
  CHECK_FALSE(holidays.remove(tet));
}

TEST_CASE("the catalogue sees the playable span and approval", "[store][snapshot]") {
  auto db = store::Database::in_memory();
  add_segment(db, 'a', true);
  add_segment(db, 'b', false);
  auto catalogue = store::load_snapshot(db, schedules::UtcTime{}).catalogue;
  REQUIRE(catalogue.segments().size() == 2);
  CHECK(catalogue.find("1")->duration_ms == 28000);
  CHECK(catalogue.find("1")->approved);
  CHECK_FALSE(catalogue.find("2")->approved);
  CHECK(catalogue.in_category("CDS").size() == 2);
}
