// The station's use cases refuse with typed errors and take "today" from the station's clock.

#include "station_fixture.hpp"

#include "schedules/error.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "station/status.hpp"
#include "station/timeline.hpp"

#include <catch2/catch.hpp>

using loaxa::station::StationError;
using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;

namespace {

template <typename Fn>
StationError::Kind refusal(Fn&& fn) {
  try {
    fn();
  } catch (const StationError& e) {
    return e.kind;
  }
  FAIL("no StationError");
  return {};
}

}  // namespace

TEST_CASE("segments: unknown, in use, removed with their file", "[station][segment]") {
  StationFixture s;
  const auto id = s.add_segment("CDS", 1.0, 1);
  CHECK(refusal([&] { station::find_segment(s.station, 99); }) == StationError::Kind::no_such_segment);
  CHECK(refusal([&] { station::list_segments(s.station, std::string("XYZ")); }) ==
        StationError::Kind::unknown_category);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(id)});
  CHECK(refusal([&] { station::remove_segment(s.station, id); }) == StationError::Kind::segment_in_use);
  station::remove_programme(s.station, "A");
  const auto removed = station::remove_segment(s.station, id);
  CHECK_FALSE(std::filesystem::exists(s.station.home().segments() / removed.file_name));
  CHECK(refusal([&] { station::remove_segment(s.station, id); }) == StationError::Kind::no_such_segment);
}

TEST_CASE("approval is recorded at the station's now", "[station][segment]") {
  StationFixture s;
  const auto id = s.add_segment("CDS", 1.0, 1);  // imported approved
  auto approval = station::approve_segment(s.station, id);
  CHECK(approval.was_approved);
  CHECK(approval.segment.approved_at == "2027-01-03T21:00:00Z");
  CHECK(approval.segment.imported_at == "2027-01-03T21:00:00Z");
}

TEST_CASE("programmes: names, references and the programme a slot uses", "[station][programme]") {
  StationFixture s;
  const auto id = s.add_segment("CDS", 1.0, 1);
  CHECK(refusal([&] { station::add_programme(s.station, "  ", {"segment:1"}); }) ==
        StationError::Kind::empty_programme_name);
  CHECK(refusal([&] { station::add_programme(s.station, "A", {"segment:42"}); }) ==
        StationError::Kind::item_unknown_segment);
  CHECK(refusal([&] { station::add_programme(s.station, "A", {"rotate:NOPE:1"}); }) ==
        StationError::Kind::item_unknown_category);
  const auto added = station::add_programme(s.station, "Bản tin", {"segment:" + std::to_string(id)});
  CHECK(refusal([&] { station::add_programme(s.station, "bản tin", {"segment:1"}); }) ==
        StationError::Kind::programme_exists);  // names compare without ASCII case
  CHECK(refusal([&] { station::add_programme(s.station, "Bản tin", {"segment:1"}); }) ==
        StationError::Kind::programme_exists);
  CHECK(station::find_programme(s.station, std::to_string(added.programme.id)).name == "Bản tin");
  station::SlotRequest request;
  request.programme = "Bản tin";
  request.times = {schedules::parse_time_of_day("05:30")};
  station::add_slots(s.station, request);
  CHECK(refusal([&] { station::remove_programme(s.station, "Bản tin"); }) == StationError::Kind::programme_in_use);
  CHECK(refusal([&] { station::remove_programme(s.station, "Không có"); }) == StationError::Kind::no_such_programme);
}

TEST_CASE("a time-of-day slot starts on the station's today, in its zone", "[station][slot]") {
  StationFixture s(utc("2031-06-15T20:00"));  // 16 June 2031, 03:00 in Hà Nội
  const auto id = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(id)});
  station::SlotRequest request;
  request.programme = "A";
  request.times = {schedules::parse_time_of_day("05:30")};
  const auto added = station::add_slots(s.station, request);
  REQUIRE(added.slots.size() == 1);
  CHECK(schedules::format_date_time(added.slots[0].slot.start) == "2031-06-16T05:30:00");
  const auto status = station::station_status(s.station);
  REQUIRE(status.next);
  CHECK(schedules::format_utc(status.next->start) == "2031-06-15T22:30:00.000Z");
}

TEST_CASE("slots and holidays: unknown IDs and empty names are refused", "[station][slot]") {
  StationFixture s;
  CHECK(refusal([&] { station::find_slot(s.station, 5); }) == StationError::Kind::no_such_slot);
  CHECK(refusal([&] { station::set_slot_enabled(s.station, 5, false); }) == StationError::Kind::no_such_slot);
  CHECK(refusal([&] { station::remove_slot(s.station, 5); }) == StationError::Kind::no_such_slot);
  CHECK(refusal([&] { station::except_slot(s.station, 5, {schedules::parse_date("2027-01-05")}); }) ==
        StationError::Kind::no_such_slot);
  CHECK(refusal([&] { station::remove_holiday(s.station, 5); }) == StationError::Kind::no_such_holiday);
  const auto day = schedules::parse_date("2027-02-05");
  CHECK(refusal([&] { station::add_holiday(s.station, {day, day, " "}); }) == StationError::Kind::empty_holiday_name);
  CHECK_THROWS_AS(station::add_holiday(s.station, {day, schedules::parse_date("2027-02-01"), "Tết"}),
                  schedules::ScheduleError);
  CHECK(station::list_holidays(s.station).empty());
}

TEST_CASE("the wait limit has one default, in loaxa.toml and in the timeline", "[station][config]") {
  CHECK(std::chrono::minutes(loaxa::Config{}.max_wait_minutes) == schedules::TimelineConfig{}.max_wait);
}

TEST_CASE("check_slots runs add_slots's checks and writes nothing", "[station][slot]") {
  StationFixture s;  // Monday 4 January 2027
  const auto id = s.add_segment("CDS", 2.0, 1);
  station::add_programme(s.station, "Sáng", {"segment:" + std::to_string(id), "segment:" + std::to_string(id)});
  station::SlotRequest request;
  request.programme = "sáng";
  request.times = schedules::parse_times_of_day("05:30, 17:00");
  request.weekdays = "T2-T7";
  request.valid_from = schedules::parse_date("2027-01-05");

  const auto check = station::check_slots(s.station, request);
  CHECK(check.programme_name == "Sáng");
  REQUIRE(check.slots.size() == 2);
  CHECK(schedules::format_date_time(check.slots[1].start) == "2027-01-05T17:00:00");
  CHECK(check.slots[0].rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA");
  REQUIRE(check.acceptances.size() == 2);
  CHECK(schedules::format_date_time(*check.acceptances[0].first_airing) == "2027-01-05T05:30:00");
  CHECK(check.programme_longest_ms >= 3900);  // two airings of a 2 s tone, silence trimmed
  CHECK(check.programme_longest_ms <= 4000);
  CHECK(check.max_session_minutes == 45);
  CHECK(station::list_slots(s.station).empty());

  request.valid_until = schedules::parse_date("2027-01-01");
  CHECK_THROWS_AS(station::check_slots(s.station, request), schedules::ScheduleError);
  request.valid_until.reset();
  request.weekdays = "T8";
  CHECK_THROWS_AS(station::check_slots(s.station, request), schedules::ScheduleError);
  request.programme = "Không có";
  CHECK(refusal([&] { station::check_slots(s.station, request); }) == StationError::Kind::no_such_programme);
  request.programme = "Sáng";
  request.weekdays.reset();
  request.times.clear();
  CHECK_THROWS_AS(station::check_slots(s.station, request), schedules::ScheduleError);
  CHECK(station::list_slots(s.station).empty());
}

TEST_CASE("check_programme says what add_programme would, and writes nothing", "[station][programme]") {
  StationFixture s;
  const auto id = s.add_segment("CDS", 1.0, 1);
  const auto checked = station::check_programme(s.station, "Tối", {"segment:" + std::to_string(id), "rotate:CDS:3"});
  CHECK(checked.programme.id == 0);
  CHECK(checked.programme.items.size() == 2);
  REQUIRE(checked.warnings.size() == 1);
  CHECK(checked.warnings[0].kind == schedules::ProgrammeWarning::Kind::rotation_short);
  CHECK(station::list_programmes(s.station).empty());
  station::add_programme(s.station, "Tối", {"segment:" + std::to_string(id)});
  CHECK(refusal([&] { station::check_programme(s.station, "tối", {}); }) == StationError::Kind::programme_exists);
  CHECK(refusal([&] { station::check_programme(s.station, " ", {}); }) == StationError::Kind::empty_programme_name);
  CHECK(refusal([&] { station::check_programme(s.station, "B", {"segment:99"}); }) ==
        StationError::Kind::item_unknown_segment);
  try {
    station::check_programme(s.station, "Dài", {"relay:vov1:46m"});  // the cap is 45 min
    FAIL("accepted");
  } catch (const schedules::ScheduleError& e) {
    CHECK(e.kind == schedules::ScheduleError::Kind::programme_too_long);
  }
}

TEST_CASE("set_programme_items replaces the items in order, checked as add_programme checks them",
          "[station][programme]") {
  StationFixture s;
  const auto a = std::to_string(s.add_segment("CDS", 1.0, 1));
  const auto b = std::to_string(s.add_segment("CDS", 1.0, 2));
  const auto added = station::add_programme(s.station, "Sáng", {"segment:" + a, "jingle:" + b});
  const auto edited = station::set_programme_items(s.station, "sáng", {"jingle:" + b, "segment:" + a, "rotate:CDS:1"});
  CHECK(edited.programme.id == added.programme.id);
  auto stored = station::find_programme(s.station, "Sáng");
  REQUIRE(stored.items.size() == 3);
  CHECK(schedules::format_programme_item(stored.items[0]) == "jingle:" + b);
  CHECK(schedules::format_programme_item(stored.items[1]) == "segment:" + a);
  CHECK(schedules::format_programme_item(stored.items[2]) == "rotate:CDS:1");

  CHECK(refusal([&] { station::set_programme_items(s.station, "Không có", {}); }) ==
        StationError::Kind::no_such_programme);
  CHECK(refusal([&] { station::set_programme_items(s.station, "Sáng", {"segment:99"}); }) ==
        StationError::Kind::item_unknown_segment);
  CHECK_THROWS_AS(station::set_programme_items(s.station, "Sáng", {"relay:vov1:46m"}), schedules::ScheduleError);
  CHECK_THROWS_AS(station::set_programme_items(s.station, "Sáng", {"segment:"}), schedules::ScheduleError);
  CHECK(station::find_programme(s.station, "Sáng").items == stored.items);  // refused edits changed nothing

  const auto check = station::check_programme_items(s.station, "Sáng", {"segment:" + a, "rotate:CDS:5"});
  CHECK(check.programme.id == added.programme.id);
  REQUIRE(check.warnings.size() == 1);
  CHECK(check.warnings[0].kind == schedules::ProgrammeWarning::Kind::rotation_short);
  CHECK_THROWS_AS(station::check_programme_items(s.station, "Sáng", {"relay:vov1:46m"}), schedules::ScheduleError);
  CHECK(refusal([&] { station::check_programme_items(s.station, "Không có", {}); }) ==
        StationError::Kind::no_such_programme);
  CHECK(station::find_programme(s.station, "Sáng").items == stored.items);  // a check writes nothing
}
