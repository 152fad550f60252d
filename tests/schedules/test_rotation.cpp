// Rules T10 (rotation replayed from the history, whatever the window) and T11 (frozen
// occurrences shown and counted as they aired).
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "schedules/time_zone.hpp"
#include "timeline_fixture.hpp"

using namespace loaxa::schedules;
using namespace loaxa::schedules::test;
using namespace std::chrono_literals;

namespace {

const TimeZone& vietnam() {
  static const TimeZone zone("Asia/Ho_Chi_Minh");
  return zone;
}

// Local wall time in Vietnam (UTC+7) as UTC.
UtcTime vn(const char* local) {
  return vietnam().to_utc(parse_date_time(local));
}

// 9 CDS and 5 CCHC segments, a few aired before; three rotations of CDS a day and more
// CDS segments than one day's slots pick.
Catalogue station_catalogue() {
  std::vector<SegmentInfo> segments;
  for (int i = 1; i <= 9; ++i) segments.push_back(segment(std::to_string(i), "CDS", 60'000 + i * 1'000));
  for (int i = 20; i <= 24; ++i) segments.push_back(segment(std::to_string(i), "CCHC", 90'000));
  segments[2].last_aired = vn("2025-02-27T05:00");
  segments[5].last_aired = vn("2025-02-26T17:00");
  segments[10].last_aired = vn("2025-02-28T05:00");
  return Catalogue(std::move(segments));
}

Schedule station_schedule() {
  Schedule s;
  s.programmes = {Programme{1, "Sáng", parse_programme_items("relay:vov:10m rotate:CDS:2 rotate:CCHC:1")},
                  Programme{2, "Chiều", parse_programme_items("rotate:CDS:1 segment:4")},
                  Programme{3, "Khẩn", parse_programme_items("rotate:CDS:1")}};
  s.slots = {slot(1, 1, "2025-01-01T05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA"),
             slot(2, 2, "2025-01-01T17:00", "FREQ=DAILY"),
             slot(3, 3, "2025-01-01T05:05", "FREQ=WEEKLY;BYDAY=MO,WE,FR", SlotLevel::priority),
             slot(4, 2, "2025-01-01T11:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")};
  s.holidays = {{parse_date("2025-03-08"), parse_date("2025-03-08"), "8/3"}};
  return s;
}

using Key = std::pair<std::int64_t, UtcTime>;  // slot, nominal start

std::map<Key, std::string> picks(const std::vector<Occurrence>& timeline) {
  std::map<Key, std::string> out;
  for (const auto& o : timeline) {
    std::string ids;
    for (const auto& item : o.items) ids += (item.skipped ? "-" : item.segment_id) + " ";
    out[{o.slot_id, o.nominal_start}] = ids;
  }
  return out;
}

// Every occurrence both windows show has the same items in both.
void check_same_items(const std::map<Key, std::string>& a, const std::map<Key, std::string>& b, std::size_t at_least) {
  std::size_t shared = 0;
  for (const auto& [key, items] : a) {
    const auto other = b.find(key);
    if (other == b.end()) continue;
    ++shared;
    INFO("slot " << key.first << " at " << format_utc(key.second));
    CHECK(items == other->second);
  }
  CHECK(shared >= at_least);
}

}  // namespace

TEST_CASE("T10 an occurrence's rotated segments do not depend on the window asked for", "[schedules][timeline]") {
  const Catalogue catalogue = station_catalogue();
  const Schedule s = station_schedule();
  const auto big = picks(compute_timeline(s, catalogue, vietnam(), vn("2025-03-01T00:00"), vn("2025-03-21T00:00")));
  // The rotation really moves: the 05:00 CDS picks differ from one day to the next.
  CHECK(big.at({1, vn("2025-03-03T05:00")}) != big.at({1, vn("2025-03-04T05:00")}));
  const std::set<std::string> distinct = [&] {
    std::set<std::string> out;
    for (const auto& [key, items] : big)
      if (key.first == 1) out.insert(items);
    return out;
  }();
  CHECK(distinct.size() > 5);

  SECTION("a day and three hours later") {
    const UtcTime from = vn("2025-03-02T00:00") + 3h;
    check_same_items(big, picks(compute_timeline(s, catalogue, vietnam(), from, from + 72h)), 5);
  }
  SECTION("starting in the middle of a programme") {
    const UtcTime from = vn("2025-03-05T05:07");
    const auto mid = compute_timeline(s, catalogue, vietnam(), from, from + 48h);
    REQUIRE_FALSE(mid.empty());
    CHECK(mid.front().nominal_start < from);  // the one on air at 05:07 is shown
    check_same_items(big, picks(mid), 6);
  }
  SECTION("windows a week and more later, and a single hour") {
    check_same_items(
        big, picks(compute_timeline(s, catalogue, vietnam(), vn("2025-03-10T16:00"), vn("2025-03-20T00:00"))), 20);
    check_same_items(
        big, picks(compute_timeline(s, catalogue, vietnam(), vn("2025-03-14T16:30"), vn("2025-03-14T17:30"))), 1);
  }
  SECTION("every window start through a fortnight") {
    for (UtcTime from = vn("2025-03-02T00:00"); from < vn("2025-03-16T00:00"); from += 5h + 17min) {
      INFO("window from " << format_utc(from));
      check_same_items(big, picks(compute_timeline(s, catalogue, vietnam(), from, from + 30h)), 1);
    }
  }
}

TEST_CASE("T10 rotation continues from the end of the history across the weeks after it", "[schedules][timeline]") {
  const Catalogue catalogue(std::vector<SegmentInfo>{segment("1", "CDS", 60'000), segment("2", "CDS", 60'000),
                                                     segment("3", "CDS", 60'000), segment("4", "CDS", 60'000),
                                                     segment("5", "CDS", 60'000)});
  Schedule s;
  s.programmes = {Programme{1, "CĐS", parse_programme_items("rotate:CDS:1")}};
  s.slots = {slot(1, 1, "2025-01-01T05:00", "FREQ=DAILY")};
  FrozenOccurrence aired;
  aired.slot_id = 1;
  aired.nominal_start = aired.start = vn("2025-03-05T05:00");  // a Wednesday
  aired.items = {PlannedItem{ItemKind::rotate, "3", "Bản tin 3", "CDS", 60'000, std::nullopt, 0}};
  s.frozen = {aired};
  const auto t = compute_timeline(s, catalogue, vietnam(), vn("2025-03-05T00:00"), vn("2025-03-17T00:00"));
  std::string order;
  for (const auto& o : t) order += o.items.at(0).segment_id;
  // 3 aired; then the never-aired ones by id, then least recently aired: cycles of five,
  // unbroken across Monday 10 March into the week after.
  CHECK(order == "312453124531");
}

TEST_CASE("T11 a frozen occurrence keeps its items and start after the programme and library change",
          "[schedules][timeline]") {
  const Catalogue now(std::vector<SegmentInfo>{segment("1", "CDS", 60'000), segment("2", "CDS", 60'000)});
  Schedule s;
  s.programmes = {relay_programme(1, 5)};  // was "rotate:CDS:1 segment:9"
  s.slots = {slot(1, 1, "2025-03-01T05:00", "FREQ=DAILY")};
  s.holidays = {{parse_date("2025-03-03"), parse_date("2025-03-03"), "added later"}};
  FrozenOccurrence f;
  f.slot_id = 1;
  f.nominal_start = vn("2025-03-03T05:00");
  f.start = vn("2025-03-03T05:02");
  f.items = {PlannedItem{ItemKind::rotate, "7", "Bản tin 7 (removed since)", "CDS", 61'000, std::nullopt, 0},
             PlannedItem{ItemKind::segment, "9", "Bản tin 9", "CCHC", 0, SkipReason::not_approved, 0}};
  s.frozen = {f};
  const auto t = compute_timeline(s, now, vietnam(), vn("2025-03-03T00:00"), vn("2025-03-05T00:00"));
  REQUIRE(t.size() == 2);
  CHECK(t[0].status == OccurrenceStatus::shifted);
  CHECK(t[0].start == vn("2025-03-03T05:02"));
  CHECK(t[0].delay == 2min);
  CHECK(t[0].end == vn("2025-03-03T05:03:01"));
  CHECK(t[0].planned_ms == 61'000);
  REQUIRE(t[0].items.size() == 2);
  CHECK(t[0].items[0].title == "Bản tin 7 (removed since)");
  CHECK(t[0].items[1].skipped == SkipReason::not_approved);
  CHECK(t[1].items.at(0).kind == ItemKind::relay);  // the next day follows the programme as it is
}

TEST_CASE("T11 frozen items count as airings for the next occurrence's rotation", "[schedules][timeline]") {
  const Catalogue catalogue(
      std::vector<SegmentInfo>{segment("1", "CDS", 60'000), segment("2", "CDS", 60'000), segment("3", "CDS", 60'000)});
  Schedule s;
  s.programmes = {Programme{1, "CĐS", parse_programme_items("rotate:CDS:1")}};
  s.slots = {slot(1, 1, "2025-03-01T05:00", "FREQ=DAILY")};
  const auto next_day = [&] {
    const auto t = compute_timeline(s, catalogue, vietnam(), vn("2025-03-04T00:00"), vn("2025-03-05T00:00"));
    REQUIRE(t.size() == 1);
    return t[0].items.at(0).segment_id;
  };
  const std::string unfrozen = next_day();
  // What really aired on the 2nd and 3rd differs from what the plan would have said.
  for (const char* day : {"2025-03-02T05:00", "2025-03-03T05:00"}) {
    FrozenOccurrence f;
    f.slot_id = 1;
    f.nominal_start = f.start = vn(day);
    f.items = {PlannedItem{ItemKind::rotate, day[9] == '2' ? "3" : "1", "", "CDS", 60'000, std::nullopt, 0}};
    s.frozen.push_back(f);
  }
  CHECK(next_day() == "2");  // 3 and 1 aired since; 2 last aired on the 1st
  CHECK(next_day() != unfrozen);
}

TEST_CASE("T11 a frozen occurrence whose slot is gone or disabled still appears", "[schedules][timeline]") {
  Schedule s;
  s.programmes = {relay_programme(1, 10)};
  s.slots = {slot(2, 1, "2025-03-01T17:00", "FREQ=DAILY")};
  s.slots[0].enabled = false;
  FrozenOccurrence gone;
  gone.slot_id = 1;
  gone.nominal_start = gone.start = vn("2025-03-03T05:00");
  gone.level = SlotLevel::priority;
  gone.programme_id = 7;
  gone.programme_name = "Bản tin cũ";
  gone.items = {PlannedItem{ItemKind::relay, "", "vov", "", 600'000, std::nullopt, 0}};
  FrozenOccurrence disabled = gone;
  disabled.slot_id = 2;
  disabled.nominal_start = disabled.start = vn("2025-03-03T17:00");
  s.frozen = {disabled, gone};  // any order
  const auto t = compute_timeline(s, Catalogue{}, vietnam(), vn("2025-03-03T00:00"), vn("2025-03-04T00:00"));
  REQUIRE(t.size() == 2);
  CHECK(t[0].slot_id == 1);
  CHECK(t[0].programme_name == "Bản tin cũ");
  CHECK(t[0].level == SlotLevel::priority);
  CHECK(t[0].end == vn("2025-03-03T05:10"));
  CHECK(format_date_time(t[0].local_nominal) == "2025-03-03T05:00:00");
  CHECK(t[1].slot_id == 2);
  CHECK(t[1].programme_name == "P1");  // the slot still exists: its programme as it is now
  CHECK(t[1].level == SlotLevel::normal);
}
