#include <catch2/catch.hpp>

#include "schedules/error.hpp"
#include "schedules/weekdays.hpp"

using namespace loaxa::schedules;

TEST_CASE("W1 Vietnamese weekday lists become RRULEs", "[schedules][weekdays]") {
  CHECK(rrule_for_weekdays("T2-T7") == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA");
  CHECK(rrule_for_weekdays("T2,T4,T6") == "FREQ=WEEKLY;BYDAY=MO,WE,FR");
  CHECK(rrule_for_weekdays("CN") == "FREQ=WEEKLY;BYDAY=SU");
  CHECK(rrule_for_weekdays("T2-CN") == "FREQ=DAILY");
  CHECK(rrule_for_weekdays("") == "FREQ=DAILY");
  CHECK(rrule_for_weekdays("t3 , cn") == "FREQ=WEEKLY;BYDAY=TU,SU");
  CHECK(rrule_for_weekdays("T2-T4,CN") == "FREQ=WEEKLY;BYDAY=MO,TU,WE,SU");
}

TEST_CASE("W1 bad weekday lists are refused", "[schedules][weekdays]") {
  for (const char* bad : {"T1", "T8", "T7-T2", "CN-T2", "Mon", "T2,,T3", "T2-", ",", "thu hai"}) {
    INFO(bad);
    try {
      parse_weekdays(bad);
      FAIL("accepted");
    } catch (const ScheduleError& e) {
      CHECK(e.kind == ScheduleError::Kind::bad_weekdays);
      CHECK(e.subject == bad);
    }
  }
}

TEST_CASE("W1 weekday sets format back compactly", "[schedules][weekdays]") {
  CHECK(format_weekdays(parse_weekdays("T2-T7")) == "T2-T7");
  CHECK(format_weekdays(parse_weekdays("T2,T4,T6")) == "T2,T4,T6");
  CHECK(format_weekdays(parse_weekdays("T6-CN")) == "T6-CN");
  CHECK(format_weekdays(parse_weekdays("T2,T3")) == "T2,T3");
}
