#include <catch2/catch.hpp>

#include "schedules/civil_time.hpp"
#include "schedules/error.hpp"

using namespace loaxa::schedules;
using Kind = ScheduleError::Kind;

TEST_CASE("W2 times of day are strict HH:MM", "[schedules][civil]") {
  CHECK(parse_time_of_day("05:30") == std::chrono::minutes{330});
  CHECK(parse_time_of_day("00:00") == std::chrono::minutes{0});
  CHECK(parse_time_of_day("23:59") == std::chrono::minutes{1439});
  for (const char* bad : {"25:00", "24:00", "12:60", "7h", "7:05", "07:5", "0730", " 07:30", "07:30 ", "ab:cd", ""}) {
    INFO(bad);
    try {
      parse_time_of_day(bad);
      FAIL("accepted");
    } catch (const ScheduleError& e) {
      CHECK(e.kind == Kind::bad_time_of_day);
      CHECK(e.subject == bad);
    }
  }
  CHECK(format_time_of_day(std::chrono::minutes{65}) == "01:05");
}

TEST_CASE("W2 a slot's times are a comma list of strict HH:MM", "[schedules][civil]") {
  using std::chrono::minutes;
  CHECK(parse_times_of_day("05:30") == std::vector<TimeOfDay>{minutes{330}});
  CHECK(parse_times_of_day("05:30,17:00") == std::vector<TimeOfDay>{minutes{330}, minutes{1020}});
  CHECK(parse_times_of_day(" 05:30 ,  17:00 ") == std::vector<TimeOfDay>{minutes{330}, minutes{1020}});
  for (const char* empty : {"", " ", "05:30,", ",05:30", "05:30,,17:00"}) {
    INFO(empty);
    try {
      parse_times_of_day(empty);
      FAIL("accepted");
    } catch (const ScheduleError& e) {
      CHECK(e.kind == Kind::bad_time_of_day);
      CHECK(e.subject == empty);
    }
  }
  try {
    parse_times_of_day("05:30, 7h");
    FAIL("accepted");
  } catch (const ScheduleError& e) {
    CHECK(e.kind == Kind::bad_time_of_day);
    CHECK(e.subject == "7h");  // the item that is wrong
  }
}

TEST_CASE("W2 dates are ISO or dd/mm/yyyy and must exist", "[schedules][civil]") {
  using namespace std::chrono;
  CHECK(parse_date("2025-01-29") == year_month_day{year{2025}, January, day{29}});
  CHECK(parse_date("29/01/2025") == year_month_day{year{2025}, January, day{29}});
  CHECK(parse_date("2024-02-29") == year_month_day{year{2024}, February, day{29}});
  for (const char* bad : {"2025-02-29", "2025-13-01", "2025-1-29", "31/04/2025", "2025/01/29", "tomorrow"})
    CHECK_THROWS_AS(parse_date(bad), ScheduleError);
  CHECK(format_date(parse_date("05/03/2026")) == "2026-03-05");
}

TEST_CASE("W2 local date-times parse and format round trip", "[schedules][civil]") {
  const LocalDateTime t = parse_date_time("2025-01-29T05:30");
  CHECK(format_date_time(t) == "2025-01-29T05:30:00");
  CHECK(parse_date_time("2025-01-29 05:30:15") == t + std::chrono::seconds{15});
  CHECK_THROWS_AS(parse_date_time("2025-01-29T24:00"), ScheduleError);
  CHECK(format_utc(UtcTime{std::chrono::milliseconds{1500}}) == "1970-01-01T00:00:01.500Z");
}
