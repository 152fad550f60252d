// schedules::plan_mandate: where a station airs a district bulletin (docs/MANDATES.md,
// "Station"). Every date here is fixed; nothing reads the machine's clock.
#include <catch2/catch.hpp>

#include "schedules/error.hpp"
#include "schedules/mandate_plan.hpp"
#include "schedules/time_zone.hpp"

#include <set>

using namespace loaxa::schedules;
using namespace std::chrono_literals;

namespace {

const TimeZone& vietnam() {
  static const TimeZone zone("Asia/Ho_Chi_Minh");
  return zone;
}

LocalDateTime local(const char* text) {
  return parse_date_time(text);
}

// 2027-01-04 is a Monday: two whole periods, Monday to Sunday.
MandatePlanInput three_a_week_for_two_weeks() {
  MandatePlanInput input;
  input.terms.from = parse_date("2027-01-04");
  input.terms.until = parse_date("2027-01-17");
  input.terms.times_per_week = 3;
  input.length = 3min;
  input.received = vietnam().to_utc(local("2027-01-03T08:00"));
  return input;
}

Occurrence occupied(const char* start, std::chrono::minutes length, const TimeZone& zone = vietnam()) {
  Occurrence o;
  o.start = zone.to_utc(local(start));
  o.nominal_start = o.start;
  o.end = o.start + length;
  o.local_nominal = local(start);
  return o;
}

TimeOfDay time_of(LocalDateTime time) {
  return std::chrono::duration_cast<TimeOfDay>(time - std::chrono::floor<std::chrono::days>(time));
}

bool overlaps(LocalDateTime start, std::chrono::milliseconds length, const Occurrence& o, const TimeZone& zone) {
  const auto begin = zone.to_utc(start);
  return begin < o.end && o.start < begin + length;
}

}  // namespace

TEST_CASE("mandate plan 3 a week for 2 weeks places 6 airings, 3 in each period on different days",
          "[schedules][mandate]") {
  const auto input = three_a_week_for_two_weeks();
  const auto plan = plan_mandate(input, vietnam());
  REQUIRE(plan.planned() == 6);
  CHECK(plan.shortfall() == 0);
  REQUIRE(plan.periods.size() == 2);
  for (const auto& period : plan.periods) {
    CHECK(period.planned == 3);
    CHECK(period.shortfall == 0);
  }
  std::set<std::string> days;
  for (const auto start : plan.starts) {
    days.insert(format_date(date_of(start)));
    CHECK(inside_a_window(input.terms, start, input.length, vietnam()));
  }
  CHECK(days.size() == 6);
  // Spread over the week: the middle of each third (Tuesday, Thursday, Saturday).
  CHECK(days ==
        std::set<std::string>{"2027-01-05", "2027-01-07", "2027-01-09", "2027-01-12", "2027-01-14", "2027-01-16"});
  CHECK(std::is_sorted(plan.starts.begin(), plan.starts.end()));
}

TEST_CASE("mandate plan is deterministic", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.busy.push_back(occupied("2027-01-05T05:00", 20min));
  CHECK(plan_mandate(input, vietnam()).starts == plan_mandate(input, vietnam()).starts);
}

TEST_CASE("mandate plan starts and ends every airing inside a window and rotates through the windows",
          "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.terms.windows = parse_windows("05:00-07:00,17:00-19:00");
  input.length = 10min;
  const auto plan = plan_mandate(input, vietnam());
  REQUIRE(plan.planned() == 6);
  int morning = 0;
  int evening = 0;
  for (const auto start : plan.starts) {
    const auto time = time_of(start);
    const bool in_morning = time >= 5h && time + 10min <= 7h;
    const bool in_evening = time >= 17h && time + 10min <= 19h;
    CHECK((in_morning || in_evening));
    morning += in_morning;
    evening += in_evening;
  }
  CHECK(morning == 3);
  CHECK(evening == 3);
}

TEST_CASE("mandate plan never airs on a holiday", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  // The whole first week but its Sunday, and a day in the second.
  input.holidays.push_back({parse_date("2027-01-04"), parse_date("2027-01-09"), "Tết"});
  input.holidays.push_back({parse_date("2027-01-12"), parse_date("2027-01-12"), "một ngày"});
  const auto plan = plan_mandate(input, vietnam());
  for (const auto start : plan.starts) CHECK_FALSE(is_holiday(input.holidays, date_of(start)));
  // One day left in the first period: its three airings share it, an hour apart at least.
  REQUIRE(plan.periods.size() == 2);
  CHECK(plan.periods[0].planned == 3);
  CHECK(plan.periods[1].planned == 3);
  int on_sunday = 0;
  for (const auto start : plan.starts) on_sunday += date_of(start) == parse_date("2027-01-10");
  CHECK(on_sunday == 3);
}

TEST_CASE("mandate plan with every day a holiday is all shortfall", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.holidays.push_back({parse_date("2027-01-01"), parse_date("2027-01-31"), "cả tháng"});
  const auto plan = plan_mandate(input, vietnam());
  CHECK(plan.planned() == 0);
  CHECK(plan.shortfall() == 6);
}

TEST_CASE("mandate plan never overlaps an occurrence already planned", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.terms.windows = parse_windows("05:00-06:00");
  input.length = 10min;
  // Every morning is taken from 05:00 to 05:20 and from 05:25 to 05:50.
  for (int day = 4; day <= 17; ++day) {
    const auto date = std::chrono::sys_days{parse_date("2027-01-04")} + std::chrono::days{day - 4};
    const auto text = format_date(LocalDate{date});
    input.busy.push_back(occupied((text + "T05:00").c_str(), 20min));
    input.busy.push_back(occupied((text + "T05:25").c_str(), 25min));
  }
  input.max_session = 60min;
  const auto plan = plan_mandate(input, vietnam());
  REQUIRE(plan.planned() == 6);
  for (const auto start : plan.starts) {
    for (const auto& o : input.busy) CHECK_FALSE(overlaps(start, input.length, o, vietnam()));
    // The only room left: 05:50 to 06:00, right after the second (a session of 25+10).
    CHECK(time_of(start) == 5h + 50min);
  }
}

TEST_CASE("mandate plan ignores a dropped occurrence", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.terms.windows = parse_windows("05:00-05:30");
  auto dropped = occupied("2027-01-05T05:00", 30min);
  dropped.status = OccurrenceStatus::dropped;
  input.busy.push_back(dropped);
  const auto plan = plan_mandate(input, vietnam());
  REQUIRE(plan.planned() == 6);
  CHECK(plan.starts.front() == local("2027-01-05T05:00"));
}

TEST_CASE("mandate plan joins a session back to back only while it stays within the cap", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.terms.windows = parse_windows("05:00-07:00");
  input.length = 10min;
  for (int day = 4; day <= 17; ++day) {
    const auto date = std::chrono::sys_days{parse_date("2027-01-04")} + std::chrono::days{day - 4};
    input.busy.push_back(occupied((format_date(LocalDate{date}) + "T05:00").c_str(), 30min));
  }
  SECTION("within the cap: right after the programme") {
    input.max_session = 45min;
    const auto plan = plan_mandate(input, vietnam());
    REQUIRE(plan.planned() == 6);
    for (const auto start : plan.starts) CHECK(time_of(start) == 5h + 30min);
  }
  SECTION("past the cap: a gap after it, so a new session") {
    input.max_session = 35min;
    const auto plan = plan_mandate(input, vietnam());
    REQUIRE(plan.planned() == 6);
    for (const auto start : plan.starts) CHECK(time_of(start) == 5h + 30min + input.gap);
  }
  SECTION("an occurrence starting right after it counts in the session too") {
    input.max_session = 35min;
    // 05:00-05:20 and 05:30-06:00: 05:20 would join both (60 min), 05:25 overlaps the second,
    // 06:00 joins it (40 min): so 06:05.
    input.busy.clear();
    for (int day = 4; day <= 17; ++day) {
      const auto text =
          format_date(LocalDate{std::chrono::sys_days{parse_date("2027-01-04")} + std::chrono::days{day - 4}});
      input.busy.push_back(occupied((text + "T05:00").c_str(), 20min));
      input.busy.push_back(occupied((text + "T05:30").c_str(), 30min));
    }
    const auto plan = plan_mandate(input, vietnam());
    REQUIRE(plan.planned() == 6);
    for (const auto start : plan.starts) CHECK(time_of(start) == 6h + input.gap);
  }
}

TEST_CASE("mandate plan keeps its own airings apart and reports what does not fit as shortfall",
          "[schedules][mandate]") {
  MandatePlanInput input;
  input.terms.from = parse_date("2027-01-04");
  input.terms.until = parse_date("2027-01-10");
  input.terms.times_per_week = 21;
  input.terms.windows = parse_windows("05:00-07:00");
  input.length = 10min;
  input.received = vietnam().to_utc(local("2027-01-01T00:00"));
  const auto plan = plan_mandate(input, vietnam());
  // 05:00 and 06:10 fit each day (an hour apart); a third would end past 07:00.
  CHECK(plan.planned() == 14);
  CHECK(plan.shortfall() == 7);
  REQUIRE(plan.periods.size() == 1);
  CHECK(plan.periods[0].shortfall == 7);
  for (std::size_t i = 1; i < plan.starts.size(); ++i) {
    if (date_of(plan.starts[i]) == date_of(plan.starts[i - 1])) {
      CHECK(plan.starts[i] - plan.starts[i - 1] >= input.length + input.own_spacing);
    }
  }
}

TEST_CASE("mandate plan received mid-way: a period already over is shortfall, the rest from the receipt on",
          "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.received = vietnam().to_utc(local("2027-01-13T12:00"));  // Wednesday of the second week
  const auto plan = plan_mandate(input, vietnam());
  REQUIRE(plan.periods.size() == 2);
  CHECK(plan.periods[0].planned == 0);
  CHECK(plan.periods[0].shortfall == 3);
  CHECK(plan.periods[1].planned == 3);
  CHECK(plan.periods[1].shortfall == 0);
  for (const auto start : plan.starts) CHECK(vietnam().to_utc(start) >= input.received + input.lead);
  CHECK(plan.shortfall() == 3);
}

TEST_CASE("mandate plan received on the last evening of its span with no window left is all shortfall",
          "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.received = vietnam().to_utc(local("2027-01-17T20:58"));
  const auto plan = plan_mandate(input, vietnam());
  CHECK(plan.planned() == 0);
  CHECK(plan.shortfall() == 6);
}

TEST_CASE("mandate plan counts what already aired or is planned in a period", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.already = {3, 1};
  const auto plan = plan_mandate(input, vietnam());
  REQUIRE(plan.periods.size() == 2);
  CHECK(plan.periods[0].planned == 0);
  CHECK(plan.periods[1].planned == 2);
  CHECK(plan.planned() == 2);
  CHECK(plan.shortfall() == 0);
}

TEST_CASE("mandate plan catching up keeps an hour from the mandate's own airings already planned",
          "[schedules][mandate]") {
  MandatePlanInput input;
  input.terms.from = parse_date("2027-01-04");
  input.terms.until = parse_date("2027-01-04");
  input.terms.times_per_week = 7;  // one on its one day
  input.terms.windows = parse_windows("05:00-07:00");
  input.length = 10min;
  input.received = vietnam().to_utc(local("2027-01-04T04:00"));
  auto own = occupied("2027-01-04T05:00", 10min);
  own.programme_id = 9;
  input.busy = {own};
  // Another programme's occurrence: the new airing may follow it back to back.
  SECTION("another programme") {
    const auto plan = plan_mandate(input, vietnam());
    REQUIRE(plan.planned() == 1);
    CHECK(plan.starts[0] == local("2027-01-04T05:10"));
  }
  // The mandate's own: an hour after its end.
  SECTION("its own programme") {
    input.own_programme = 9;
    const auto plan = plan_mandate(input, vietnam());
    REQUIRE(plan.planned() == 1);
    CHECK(plan.starts[0] == local("2027-01-04T06:10"));
  }
}

TEST_CASE("mandate plan of an emergency mandate places nothing", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.terms.level = MandateLevel::emergency;
  const auto plan = plan_mandate(input, vietnam());
  CHECK(plan.starts.empty());
  CHECK(plan.periods.empty());
}

TEST_CASE("mandate plan refuses terms that are not valid", "[schedules][mandate]") {
  auto input = three_a_week_for_two_weeks();
  input.terms.times_per_week = 0;
  CHECK_THROWS_AS(plan_mandate(input, vietnam()), ScheduleError);
}

TEST_CASE("mandate plan across a DST change measures the window in real time", "[schedules][mandate]") {
  const TimeZone berlin("Europe/Berlin");
  MandatePlanInput input;
  // 2027-03-28: Berlin's clocks go from 02:00 to 03:00.
  input.terms.from = parse_date("2027-03-28");
  input.terms.until = parse_date("2027-03-28");
  input.terms.times_per_week = 7;  // one day: one airing
  input.terms.windows = parse_windows("02:00-03:30");
  input.received = berlin.to_utc(local("2027-03-27T12:00"));
  SECTION("a 20-minute airing fits the half hour the window really has, at a wall time that exists") {
    input.length = 20min;
    const auto plan = plan_mandate(input, berlin);
    REQUIRE(plan.planned() == 1);
    CHECK(plan.starts[0] == local("2027-03-28T03:00"));
    CHECK(berlin.classify(plan.starts[0]) == TimeZone::LocalKind::unique);
  }
  SECTION("a 40-minute airing does not fit: shortfall") {
    input.length = 40min;
    const auto plan = plan_mandate(input, berlin);
    CHECK(plan.planned() == 0);
    CHECK(plan.shortfall() == 1);
  }
}

TEST_CASE("mandate plan on the night the clocks go back names no wall time met twice", "[schedules][mandate]") {
  const TimeZone berlin("Europe/Berlin");
  MandatePlanInput input;
  input.terms.from = parse_date("2027-10-31");
  input.terms.until = parse_date("2027-10-31");
  input.terms.times_per_week = 7;
  input.terms.windows = parse_windows("02:00-04:00");
  input.length = 30min;
  input.received = berlin.to_utc(local("2027-10-30T12:00"));
  // The first pass of 02:00-03:00 (CEST) is taken.
  Occurrence first_pass;
  first_pass.start = berlin.to_utc(local("2027-10-31T02:00"));
  first_pass.end = first_pass.start + 60min;
  input.busy.push_back(first_pass);
  input.max_session = 90min;
  const auto plan = plan_mandate(input, berlin);
  REQUIRE(plan.planned() == 1);
  // 02:00 CET is the second 02:00: a slot cannot name it, so after that hour, at 03:00 CET.
  CHECK(plan.starts[0] == local("2027-10-31T03:00"));
  CHECK(berlin.to_local(berlin.to_utc(plan.starts[0])) == plan.starts[0]);
}

TEST_CASE("mandate period index and window test", "[schedules][mandate]") {
  const auto terms = three_a_week_for_two_weeks().terms;
  CHECK(mandate_period_index(terms, parse_date("2027-01-03")) == -1);
  CHECK(mandate_period_index(terms, parse_date("2027-01-04")) == 0);
  CHECK(mandate_period_index(terms, parse_date("2027-01-10")) == 0);
  CHECK(mandate_period_index(terms, parse_date("2027-01-11")) == 1);
  CHECK(mandate_period_index(terms, parse_date("2027-01-18")) == -1);
  MandateTerms windows = terms;
  windows.windows = parse_windows("05:00-07:00");
  CHECK(inside_a_window(windows, local("2027-01-05T05:00"), 10min, vietnam()));
  CHECK(inside_a_window(windows, local("2027-01-05T06:50"), 10min, vietnam()));
  CHECK_FALSE(inside_a_window(windows, local("2027-01-05T06:51"), 10min, vietnam()));
  CHECK_FALSE(inside_a_window(windows, local("2027-01-05T04:59"), 10min, vietnam()));
  CHECK_FALSE(inside_a_window(windows, local("2027-01-05T12:00"), 10min, vietnam()));
}
