#include <catch2/catch.hpp>

#include "schedules/error.hpp"
#include "schedules/programme.hpp"
#include "schedules/programme_plan.hpp"

using namespace loaxa::schedules;
using namespace std::chrono_literals;

TEST_CASE("P1 programme items parse and format back", "[schedules][programme]") {
  const auto items = parse_programme_items("jingle:1\n relay:linein:10m  segment:42 rotate:CDS:2 relay:vov1:1h30m");
  REQUIRE(items.size() == 5);
  CHECK(items[0].kind == ItemKind::jingle);
  CHECK(items[0].segment_id == "1");
  CHECK(items[1].kind == ItemKind::relay);
  CHECK(items[1].source == "linein");
  CHECK(items[1].duration == 600s);
  CHECK(items[3].kind == ItemKind::rotate);
  CHECK(items[3].category == "CDS");
  CHECK(items[3].count == 2);
  for (const auto& item : items) CHECK(parse_programme_item(format_programme_item(item)) == item);
  CHECK(format_programme_item(items[4]) == "relay:vov1:1h30m");
}

TEST_CASE("P1 bad items are refused with the item text", "[schedules][programme]") {
  for (const char* bad : {"segment", "segment:", "segment:1:2", "song:1", "rotate:CDS", "rotate:CDS:0",
                          "rotate:CDS:100", "rotate::2", "rotate:CDS:x", "relay:linein", "relay::10m", "jingle:a b"}) {
    INFO(bad);
    try {
      parse_programme_item(bad);
      FAIL("accepted");
    } catch (const ScheduleError& e) {
      CHECK(e.kind == ScheduleError::Kind::bad_item);
      CHECK(e.subject == bad);
    }
  }
  try {
    parse_programme_item("relay:linein:10");
    FAIL("accepted");
  } catch (const ScheduleError& e) {
    CHECK(e.kind == ScheduleError::Kind::bad_duration);
    CHECK(e.subject == "10");
  }
}

TEST_CASE("P6 a programme longer than max_session_minutes is refused with both figures", "[schedules][programme]") {
  CHECK_NOTHROW(check_programme_length("Sáng", 15 * 60'000, 15));
  try {
    check_programme_length("Sáng", 15 * 60'000 + 1, 15);
    FAIL("accepted");
  } catch (const ScheduleError& e) {
    CHECK(e.kind == ScheduleError::Kind::programme_too_long);
    CHECK(e.subject == "Sáng");
    CHECK(e.value == 15 * 60'000 + 1);
    CHECK(e.limit == 15 * 60'000);
  }
}
