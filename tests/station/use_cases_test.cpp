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
