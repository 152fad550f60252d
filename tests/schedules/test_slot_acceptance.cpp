// Rule S5: accept_slot, the one check a new slot passes (operator or calendar import).
#include <catch2/catch.hpp>

#include "schedules/error.hpp"
#include "schedules/time_zone.hpp"
#include "timeline_fixture.hpp"

using namespace loaxa::schedules;
using namespace loaxa::schedules::test;

namespace {

const LocalDate today = parse_date("2027-01-01");

const TimeZone& vietnam() {
  static const TimeZone zone("Asia/Ho_Chi_Minh");
  return zone;
}

ScheduleError refusal(const Slot& s, const TimeZone& zone = vietnam()) {
  try {
    accept_slot(s, zone, today);
  } catch (const ScheduleError& e) {
    return e;
  }
  FAIL("accepted: " << s.rrule << " from " << format_date_time(s.start));
  throw std::logic_error("unreachable");
}

std::vector<SlotWarning::Kind> kinds(const SlotAcceptance& a) {
  std::vector<SlotWarning::Kind> out;
  for (const auto& w : a.warnings) out.push_back(w.kind);
  return out;
}

std::string first(const SlotAcceptance& a) {
  return a.first_airing ? format_date_time(*a.first_airing) : "none";
}

}  // namespace

TEST_CASE("S5 never airs: COUNT or UNTIL used up, validity ended, a one-off in the past", "[schedules][slot]") {
  const auto count = refusal(slot(1, 1, "2026-12-01T05:00", "FREQ=DAILY;COUNT=5"));
  CHECK(count.kind == ScheduleError::Kind::never_airs);
  CHECK(count.subject == "FREQ=DAILY;COUNT=5");
  CHECK(refusal(slot(1, 1, "2026-12-01T05:00", "FREQ=DAILY;UNTIL=20261231T235959")).kind ==
        ScheduleError::Kind::never_airs);
  Slot ended = slot(1, 1, "2026-01-01T05:00", "FREQ=DAILY");
  ended.valid_until = parse_date("2026-12-31");
  CHECK(refusal(ended).kind == ScheduleError::Kind::never_airs);
  const auto past = refusal(slot(1, 1, "2026-12-31T05:00", ""));
  CHECK(past.kind == ScheduleError::Kind::never_airs);
  CHECK(past.subject == "2026-12-31T05:00:00");
  Slot excepted = slot(1, 1, "2027-03-01T05:00", "");
  excepted.exception_dates = {parse_date("2027-03-01")};
  CHECK(refusal(excepted).kind == ScheduleError::Kind::never_airs);
  // The last of a COUNT today still airs.
  CHECK(first(accept_slot(slot(1, 1, "2026-12-28T05:00", "FREQ=DAILY;COUNT=5"), vietnam(), today)) ==
        "2027-01-01T05:00:00");
}

TEST_CASE("S5 never airs: no date can ever match", "[schedules][slot]") {
  for (const char* rule : {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
                           "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
                           "FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-30"}) {
    INFO(rule);
    const auto e = refusal(slot(1, 1, "2027-01-01T05:00", rule));
    CHECK(e.kind == ScheduleError::Kind::never_airs);
    CHECK(e.subject == rule);
  }
  // Every fourth year from 2027 is never a leap year: found by the search, not by a shortcut.
  CHECK(refusal(slot(1, 1, "2027-01-01T05:00", "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29")).kind ==
        ScheduleError::Kind::never_airs);
}

TEST_CASE("S5 a first airing far ahead is accepted with a warning and its date", "[schedules][slot]") {
  const auto leap =
      accept_slot(slot(1, 1, "2027-01-01T05:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"), vietnam(), today);
  CHECK(first(leap) == "2028-02-29T05:00:00");
  CHECK(kinds(leap) == std::vector{SlotWarning::Kind::first_airing_far});
  // 29 February on a Monday: 2044 (then 2072, 2112: 2100 is no leap year).
  const auto monday =
      accept_slot(slot(1, 1, "2027-01-01T05:00", "FREQ=YEARLY;BYDAY=MO;BYMONTH=2;BYMONTHDAY=29"), vietnam(), today);
  CHECK(first(monday) == "2044-02-29T05:00:00");
  CHECK(kinds(monday) == std::vector{SlotWarning::Kind::first_airing_far});
  const auto daily_monday =
      accept_slot(slot(1, 1, "2027-01-01T05:00", "FREQ=DAILY;BYDAY=MO;BYMONTH=2;BYMONTHDAY=29"), vietnam(), today);
  CHECK(first(daily_monday) == "2044-02-29T05:00:00");
  // A campaign starting in 14 months.
  Slot campaign = slot(1, 1, "2028-03-01T18:00", "FREQ=DAILY");
  campaign.valid_from = parse_date("2028-03-01");
  const auto later = accept_slot(campaign, vietnam(), today);
  CHECK(first(later) == "2028-03-01T18:00:00");
  CHECK(kinds(later) == std::vector{SlotWarning::Kind::first_airing_far});
  // A one-off next year, and one within the year (no warning).
  const auto next_year = accept_slot(slot(1, 1, "2028-01-15T05:00", ""), vietnam(), today);
  CHECK(first(next_year) == "2028-01-15T05:00:00");
  CHECK(kinds(next_year) == std::vector{SlotWarning::Kind::first_airing_far});
  const auto soon = accept_slot(slot(1, 1, "2027-12-31T05:00", ""), vietnam(), today);
  CHECK(first(soon) == "2027-12-31T05:00:00");
  CHECK(soon.warnings.empty());
  // A slot created long ago airs from today on.
  CHECK(first(accept_slot(slot(1, 1, "2020-01-01T05:00", "FREQ=WEEKLY;BYDAY=MO"), vietnam(), today)) ==
        "2027-01-04T05:00:00");
}

TEST_CASE("S5 a start in a DST gap is refused, later airings in a gap or overlap are warnings", "[schedules][slot]") {
  const TimeZone berlin("Europe/Berlin");
  const auto gap = refusal(slot(1, 1, "2027-03-28T02:30", ""), berlin);
  CHECK(gap.kind == ScheduleError::Kind::nonexistent_start);
  CHECK(gap.subject == "2027-03-28T02:30:00");
  CHECK(gap.detail == "Europe/Berlin");
  const auto daily = accept_slot(slot(1, 1, "2027-01-01T02:30", "FREQ=DAILY"), berlin, today);
  CHECK(kinds(daily) == std::vector{SlotWarning::Kind::nonexistent_time, SlotWarning::Kind::ambiguous_time});
  CHECK(accept_slot(slot(1, 1, "2027-01-01T05:00", "FREQ=DAILY"), vietnam(), today).warnings.empty());
}

TEST_CASE("S5 an unreadable rule and a backward range are refused", "[schedules][slot]") {
  CHECK(refusal(slot(1, 1, "2027-01-01T05:00", "FREQ=SOMETIMES")).kind == ScheduleError::Kind::bad_rrule);
  Slot backward = slot(1, 1, "2027-01-01T05:00", "FREQ=DAILY");
  backward.valid_from = parse_date("2027-05-02");
  backward.valid_until = parse_date("2027-05-01");
  const auto e = refusal(backward);
  CHECK(e.kind == ScheduleError::Kind::bad_range);
  CHECK(e.subject == "2027-05-02..2027-05-01");
}
