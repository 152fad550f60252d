#include "store/counts.hpp"
#include "sample_segment.hpp"
#include "store/slot_store.hpp"

#include <catch2/catch.hpp>

using namespace loaxa::store;

TEST_CASE("a station's contents are counted", "[store][counts]") {
  auto db = Database::in_memory();
  CHECK(count_contents(db).segments == 0);
  SegmentStore segments(db);
  segments.insert(test::sample_segment('1'));
  auto approved = test::sample_segment('2');
  approved.approved = true;
  approved.approved_at = "2026-11-29T00:00:00Z";
  segments.insert(approved);
  HolidayStore(db).add({loaxa::schedules::parse_date("2027-02-05"), loaxa::schedules::parse_date("2027-02-10"), "Tết"});
  const auto counts = count_contents(db);
  CHECK(counts.segments == 2);
  CHECK(counts.approved_segments == 1);
  CHECK(counts.programmes == 0);
  CHECK(counts.enabled_slots == 0);
  CHECK(counts.holidays == 1);
}
