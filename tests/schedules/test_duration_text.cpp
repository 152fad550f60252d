#include <catch2/catch.hpp>

#include "schedules/duration_text.hpp"
#include "schedules/error.hpp"

using namespace loaxa::schedules;
using std::chrono::seconds;

TEST_CASE("W3 durations are h, m, s in order", "[schedules][duration]") {
  CHECK(parse_duration("90s") == seconds{90});
  CHECK(parse_duration("10m") == seconds{600});
  CHECK(parse_duration("1h30m") == seconds{5400});
  CHECK(parse_duration("1m30s") == seconds{90});
  CHECK(parse_duration("2h") == seconds{7200});
  CHECK(parse_duration("1h0m5s") == seconds{3605});
  CHECK(format_duration(seconds{90}) == "1m30s");
  CHECK(format_duration(seconds{5400}) == "1h30m");
  CHECK(format_duration(seconds{600}) == "10m");
}

TEST_CASE("W3 bad durations are refused with the text", "[schedules][duration]") {
  for (const char* bad : {"", "10", "m", "10x", "30m1h", "1m1m", "0m", "0s", "25h", "1h 30m", "-5m", "1.5h"}) {
    INFO(bad);
    try {
      parse_duration(bad);
      FAIL("accepted");
    } catch (const ScheduleError& e) {
      CHECK(e.kind == ScheduleError::Kind::bad_duration);
      CHECK(e.subject == bad);
    }
  }
}
