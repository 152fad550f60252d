// The Schedule page's week: the occurrences `loaxa schedule upcoming` plans, by day and hour,
// on fixed dates (the station's clock is set, never today's).

#include "console/schedule_grid.hpp"

#include "common/clock.hpp"
#include "schedules/civil_time.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <variant>

namespace console = loaxa::console;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;
using loaxa::test::TempDir;

namespace {

loaxa::Instant utc(const std::string& text) {
  return loaxa::Instant{schedules::parse_date_time(text).time_since_epoch()};
}

// A station in a temporary home whose clock stands at `now` (UTC), in `zone`.
struct GridStation {
  explicit GridStation(const std::string& now, const std::string& zone = "Asia/Ho_Chi_Minh")
      : station(make_home(dir, zone), std::make_unique<loaxa::ManualClock>(utc(now))) {}

  static loaxa::Home make_home(const TempDir& dir, const std::string& zone) {
    std::filesystem::create_directories(dir / "home");
    std::ofstream(dir / "home" / "loaxa.toml") << "[station]\ntime_zone = \"" << zone << "\"\n";
    return loaxa::Home{dir / "home", loaxa::HomeSource::option};
  }

  std::int64_t add(const std::string& programme, const std::string& times, const std::string& weekdays,
                   const std::string& from, schedules::SlotLevel level = schedules::SlotLevel::normal) {
    station::SlotRequest request;
    request.programme = programme;
    request.times = schedules::parse_times_of_day(times);
    if (!weekdays.empty()) request.weekdays = weekdays;
    if (!from.empty()) request.valid_from = schedules::parse_date(from);
    request.level = level;
    return station::add_slots(station, request).slots.front().slot.id;
  }

  TempDir dir;
  station::Station station;
};

const console::GridDay& day(const console::WeekGrid& grid, const std::string& date) {
  for (const auto& d : grid.days) {
    if (d.date == schedules::parse_date(date)) return d;
  }
  FAIL("no day " << date);
  return grid.days.front();
}

std::string clock(schedules::LocalDateTime time) {
  return schedules::format_date_time(time).substr(11, 5);
}

}  // namespace

TEST_CASE("week grid: a known week by day and hour, moved, dropped on a holiday, today marked", "[console][schedule]") {
  GridStation s("2027-01-06T03:00");  // Wednesday 6 January 2027, 10:00 in Hà Nội
  station::add_programme(s.station, "Sáng", {"relay:vov1:15m"});
  station::add_programme(s.station, "Tin xã", {"relay:linein:10m"});
  station::add_programme(s.station, "Cảnh báo", {"relay:linein:5m"});
  const auto morning = s.add("Sáng", "05:30", "T2-T7", "2027-01-04");
  const auto news = s.add("Tin xã", "05:40", "T2-T7", "2027-01-04");
  const auto warning = s.add("Cảnh báo", "17:00", "", "", schedules::SlotLevel::priority);  // from today
  station::add_holiday(s.station, {schedules::parse_date("2027-01-08"), schedules::parse_date("2027-01-08"), "Lễ"});

  const auto grid = console::week_grid(s.station, schedules::parse_date("2027-01-06"));  // any day of the week
  CHECK(schedules::format_date(grid.monday) == "2027-01-04");
  CHECK(schedules::format_date(grid.previous_monday()) == "2026-12-28");
  CHECK(schedules::format_date(grid.next_monday()) == "2027-01-11");
  CHECK(grid.zone == "Asia/Ho_Chi_Minh");
  CHECK(grid.busy_hours() == std::vector<int>{5, 17});
  CHECK(grid.occurrence_count() == 6 + 6 + 5);  // T2-T7 twice, the priority slot from Wednesday on

  for (const auto& d : grid.days) CHECK(d.today == (schedules::format_date(d.date) == "2027-01-06"));

  const auto& monday = day(grid, "2027-01-04");
  REQUIRE(monday.hours[5].size() == 2);
  const auto& first = monday.hours[5][0];
  CHECK(first.slot_id == morning);
  CHECK(first.programme == "Sáng");
  CHECK(clock(first.start) == "05:30");
  CHECK(clock(first.end) == "05:45");
  CHECK(first.status == console::GridStatus::scheduled);
  CHECK(first.level == schedules::SlotLevel::normal);
  const auto& second = monday.hours[5][1];
  CHECK(second.slot_id == news);
  CHECK(second.programme == "Tin xã");
  CHECK(second.status == console::GridStatus::moved);
  CHECK(clock(second.nominal) == "05:40");
  CHECK(clock(second.start) == "05:45");
  CHECK(clock(second.end) == "05:55");
  CHECK(second.delay == std::chrono::minutes(5));
  CHECK(second.blocked_by_slot == morning);
  CHECK(monday.hours[17].empty());  // the priority slot starts on Wednesday

  const auto& friday = day(grid, "2027-01-08");
  CHECK(friday.holidays == std::vector<std::string>{"Lễ"});
  REQUIRE(friday.hours[5].size() == 2);
  for (const auto& o : friday.hours[5]) {
    CHECK(o.status == console::GridStatus::dropped);
    CHECK(o.drop_reason == schedules::DropReason::holiday);
    CHECK(o.start == o.end);  // takes no air time
  }
  CHECK(clock(friday.hours[5][1].start) == "05:40");  // shown at its own time, not moved
  REQUIRE(friday.hours[17].size() == 1);
  CHECK(friday.hours[17][0].slot_id == warning);
  CHECK(friday.hours[17][0].level == schedules::SlotLevel::priority);
  CHECK(friday.hours[17][0].status == console::GridStatus::scheduled);  // priority airs on holidays

  const auto& sunday = day(grid, "2027-01-10");
  CHECK(sunday.hours[5].empty());
  CHECK(sunday.hours[17].size() == 1);
  CHECK(console::to_string(console::GridStatus::moved) == std::string("moved"));
}

TEST_CASE("week grid: a slot added shows in its week, and not in the week before it starts", "[console][schedule]") {
  GridStation s("2027-01-06T03:00");
  station::add_programme(s.station, "Chiều", {"relay:vov1:20m"});
  const auto before = console::week_grid(s.station, schedules::parse_date("2027-01-11"));
  CHECK(before.occurrence_count() == 0);
  CHECK(before.busy_hours().empty());
  const auto id = s.add("Chiều", "17:00, 18:30", "T2,T4", "2027-01-11");
  const auto after = console::week_grid(s.station, schedules::parse_date("2027-01-11"));
  CHECK(after.occurrence_count() == 4);
  CHECK(after.busy_hours() == std::vector<int>{17, 18});
  REQUIRE(day(after, "2027-01-13").hours[18].size() == 1);
  CHECK(day(after, "2027-01-13").hours[18][0].slot_id == id + 1);
  CHECK(day(after, "2027-01-12").hours[17].empty());
  CHECK(console::week_grid(s.station, schedules::parse_date("2027-01-04")).occurrence_count() == 0);
}

TEST_CASE("week grid: a time in a DST gap shows when it airs", "[console][schedule]") {
  // Berlin springs forward 02:00 -> 03:00 on Sunday 28 March 2027: 02:30 airs at 03:30 (rule Z1).
  GridStation s("2027-03-20T12:00", "Europe/Berlin");
  station::add_programme(s.station, "Đêm", {"relay:vov1:10m"});
  s.add("Đêm", "02:30", "", "2027-03-22");
  const auto grid = console::week_grid(s.station, schedules::parse_date("2027-03-22"));
  CHECK(grid.zone == "Europe/Berlin");
  CHECK(grid.occurrence_count() == 7);
  const auto& sunday = day(grid, "2027-03-28");
  CHECK(sunday.hours[2].empty());
  REQUIRE(sunday.hours[3].size() == 1);
  CHECK(clock(sunday.hours[3][0].start) == "03:30");
  CHECK(clock(day(grid, "2027-03-27").hours[2][0].start) == "02:30");
}

TEST_CASE("week grid: ?week= is a date of the week, else a message", "[console][schedule]") {
  const auto today = schedules::parse_date("2027-01-06");
  CHECK(std::get<schedules::LocalDate>(console::parse_week("", today)) == schedules::parse_date("2027-01-04"));
  CHECK(std::get<schedules::LocalDate>(console::parse_week("2027-01-10", today)) ==
        schedules::parse_date("2027-01-04"));  // a Sunday: its week's Monday
  CHECK(std::get<schedules::LocalDate>(console::parse_week("11/01/2027", today)) ==
        schedules::parse_date("2027-01-11"));
  for (const char* bad : {"2027-13-01", "tuần sau", "2027-02-30", "2027-01-04T05:00"}) {
    INFO(bad);
    const auto parsed = console::parse_week(bad, today);
    REQUIRE(std::holds_alternative<std::string>(parsed));
    CHECK(std::get<std::string>(parsed).find(bad) != std::string::npos);
  }
  CHECK(console::monday_of(schedules::parse_date("2027-01-04")) == schedules::parse_date("2027-01-04"));
  CHECK(console::monday_of(schedules::parse_date("2027-01-03")) == schedules::parse_date("2026-12-28"));
}
