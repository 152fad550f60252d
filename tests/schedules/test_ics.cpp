// Calendar files: export, import, and what an import adds (docs/SCHEDULING.md, "Calendar
// files (ICS)"). Every test name contains "ics" so `ctest -R ics` runs them.
#include <catch2/catch.hpp>

#include <sstream>

#include "schedules/ics.hpp"
#include "schedules/time_zone.hpp"

using namespace loaxa::schedules;
using namespace std::chrono;

namespace {

const TimeZone vietnam{"Asia/Ho_Chi_Minh"};
constexpr LocalDate today{year{2027}, January, day{1}};
const UtcTime generated_at{sys_days{today}};

LocalDate d(int y, unsigned m, unsigned dd) {
  return LocalDate{year{y}, month{m}, day{dd}};
}
LocalDateTime t(int y, unsigned m, unsigned dd, int hh, int mm) {
  return local_days{d(y, m, dd)} + hours{hh} + minutes{mm};
}

Schedule station() {
  Schedule s;
  s.programmes.push_back({1, "Bản tin sáng", {{ItemKind::relay, "", "", 0, "linein", minutes{10}}}});
  s.programmes.push_back({2, "Chuyển đổi số, CĐS; tuần này", {{ItemKind::relay, "", "", 0, "vov1", seconds{90}}}});
  Slot morning;
  morning.id = 1;
  morning.programme_id = 1;
  morning.start = t(2027, 1, 4, 5, 30);
  morning.rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA";
  morning.valid_from = d(2027, 1, 4);
  morning.valid_until = d(2027, 12, 31);
  morning.exception_dates = {d(2027, 1, 6), d(2027, 2, 8)};
  s.slots.push_back(morning);
  Slot evening;
  evening.id = 7;
  evening.programme_id = 2;
  evening.start = t(2027, 1, 4, 17, 0);
  evening.rrule = "FREQ=DAILY";
  evening.level = SlotLevel::priority;
  evening.enabled = false;
  s.slots.push_back(evening);
  Slot once;
  once.id = 9;
  once.programme_id = 1;
  once.start = t(2027, 3, 8, 6, 15);
  s.slots.push_back(once);
  s.holidays.push_back({d(2027, 2, 5), d(2027, 2, 10), "Tết Nguyên đán"});
  s.holidays.push_back({d(2027, 9, 2), d(2027, 9, 2), "Quốc khánh"});
  return s;
}

std::string calendar(const std::string& events) {
  std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n";
  std::string crlf;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) crlf += '\r';
    crlf += text[i];
  }
  return crlf;
}

std::string event(const std::string& body, const std::string& uid = "e1@example.org") {
  return "BEGIN:VEVENT\nUID:" + uid + "\nDTSTAMP:20261201T000000Z\n" + body + "END:VEVENT\n";
}

IcsSlot only_slot(const std::string& text, const TimeZone& zone = vietnam) {
  const IcsCalendar parsed = parse_ics(text, zone, "xa-moi");
  REQUIRE(parsed.slots.size() == 1);
  REQUIRE(parsed.holidays.empty());
  return parsed.slots.front();
}

IcsError import_error(const std::string& text) {
  try {
    parse_ics(text, vietnam, "xa-moi");
  } catch (const IcsError& e) {
    return e;
  }
  FAIL("no IcsError");
  throw std::logic_error("unreachable");
}

IcsError plan_error(const std::string& text, const Schedule& existing) {
  const IcsCalendar parsed = parse_ics(text, vietnam, "xa-moi");
  try {
    plan_import(parsed, existing, vietnam, today);
  } catch (const IcsError& e) {
    return e;
  }
  FAIL("no IcsError");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("ics export: one VEVENT per slot and holiday, RFC 5545 layout", "[schedules][ics]") {
  const Catalogue catalogue;
  const IcsExport out = export_ics(station(), catalogue, vietnam, "xa-moi", generated_at);
  CHECK(out.slots == 3);
  CHECK(out.holidays == 2);
  const std::string& text = out.text;
  for (const char* expected : {"BEGIN:VCALENDAR\r\n",
                               "PRODID:-//loaxa//",
                               "VERSION:2.0\r\n",
                               "BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n",
                               "UID:slot-1@xa-moi\r\n",
                               "DTSTAMP:20270101T000000Z\r\n",
                               "DTSTART;TZID=Asia/Ho_Chi_Minh:20270104T053000\r\n",
                               "DURATION:PT10M\r\n",
                               "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA\r\n",
                               "EXDATE;TZID=Asia/Ho_Chi_Minh:20270106T053000\r\n",
                               "EXDATE;TZID=Asia/Ho_Chi_Minh:20270208T053000\r\n",
                               "SUMMARY:Bản tin sáng\r\n",
                               "X-LOAXA-PROGRAMME:Bản tin sáng\r\n",
                               "X-LOAXA-LEVEL:normal\r\n",
                               "X-LOAXA-VALID-FROM:2027-01-04\r\n",
                               "X-LOAXA-VALID-UNTIL:2027-12-31\r\n",
                               "UID:slot-7@xa-moi\r\n",
                               "DURATION:PT2M\r\n",
                               "X-LOAXA-LEVEL:priority\r\n",
                               "STATUS:CANCELLED\r\n",
                               "X-LOAXA-ENABLED:FALSE\r\n",
                               "UID:holiday-20270205-20270210@xa-moi\r\n",
                               "DTSTART;VALUE=DATE:20270205\r\n",
                               "DTEND;VALUE=DATE:20270211\r\n",
                               "CATEGORIES:HOLIDAY\r\n",
                               "X-LOAXA-KIND:HOLIDAY\r\n",
                               "SUMMARY:Quốc khánh\r\n",
                               "END:VCALENDAR\r\n"}) {
    INFO(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  // A text value's commas and semicolons are escaped.
  CHECK(text.find("SUMMARY:Chuyển đổi số\\, CĐS\\; tuần này\r\n") != std::string::npos);
  // Every line ends in CRLF and is at most 75 octets (RFC 5545 3.1).
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    REQUIRE(!line.empty());
    CHECK(line.back() == '\r');
    CHECK(line.size() <= 76);
  }
}

TEST_CASE("ics round trip: export then import gives back the same slots and holidays", "[schedules][ics]") {
  const Schedule original = station();
  const Catalogue catalogue;
  const IcsExport out = export_ics(original, catalogue, vietnam, "xa-moi", generated_at);
  const IcsCalendar parsed = parse_ics(out.text, vietnam, "xa-moi");
  REQUIRE(parsed.slots.size() == 3);
  REQUIRE(parsed.holidays.size() == 2);
  CHECK(parsed.slots[0].own_slot_id == 1);
  CHECK(parsed.slots[1].own_slot_id == 7);
  CHECK(parsed.slots[1].programme == "Chuyển đổi số, CĐS; tuần này");

  Schedule empty;
  empty.programmes = original.programmes;
  const ImportPlan fresh = plan_import(parsed, empty, vietnam, today);
  REQUIRE(fresh.slots.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO(i);
    const Slot& got = fresh.slots[i].slot;
    const Slot& want = original.slots[i];
    CHECK(same_slot(got, want));
    CHECK(got.start == want.start);
    CHECK(got.rrule == want.rrule);
    CHECK(got.exception_dates == want.exception_dates);
    CHECK(got.valid_from == want.valid_from);
    CHECK(got.valid_until == want.valid_until);
    CHECK(got.level == want.level);
    CHECK(got.enabled == want.enabled);
  }
  REQUIRE(fresh.holidays.size() == 2);
  CHECK(fresh.holidays[0].from == original.holidays[0].from);
  CHECK(fresh.holidays[0].until == original.holidays[0].until);
  CHECK(fresh.holidays[0].name == "Tết Nguyên đán");
  CHECK(fresh.holidays[1].until == d(2027, 9, 2));

  // Re-importing into the station it came from adds nothing.
  const ImportPlan again = plan_import(parsed, original, vietnam, today);
  CHECK(again.slots.empty());
  CHECK(again.holidays.empty());
  CHECK(again.slots_present == 3);
  CHECK(again.holidays_present == 2);
}

TEST_CASE("ics export in UTC writes UTC times and no VTIMEZONE", "[schedules][ics]") {
  const TimeZone utc{"UTC"};
  const IcsExport out = export_ics(station(), Catalogue{}, utc, "xa-moi", generated_at);
  CHECK(out.text.find("BEGIN:VTIMEZONE") == std::string::npos);
  CHECK(out.text.find("DTSTART:20270104T053000Z\r\n") != std::string::npos);
  const IcsCalendar parsed = parse_ics(out.text, utc, "xa-moi");
  CHECK(parsed.slots[0].slot.start == t(2027, 1, 4, 5, 30));
}

TEST_CASE("ics import: EXDATE with several values and several EXDATE lines", "[schedules][ics]") {
  const IcsSlot slot =
      only_slot(calendar(event("DTSTART:20270104T053000\nRRULE:FREQ=DAILY\n"
                               "SUMMARY:Bản tin sáng\n"
                               "EXDATE:20270110T053000,20270105T053000,20270107T053000\n"
                               "EXDATE;VALUE=DATE:20270120,20270121\n"
                               "EXDATE:20270104T223000Z\n"
                               "EXDATE:20270107T053000\n")));
  // The UTC one is 05:30 on the 5th in Vietnam (a duplicate); dates come out sorted, once each.
  CHECK(slot.slot.exception_dates ==
        std::vector<LocalDate>{d(2027, 1, 5), d(2027, 1, 7), d(2027, 1, 10), d(2027, 1, 20), d(2027, 1, 21)});
  CHECK(slot.slot.rrule == "FREQ=DAILY");
  CHECK(slot.programme == "Bản tin sáng");
  CHECK(!slot.own_slot_id);
}

TEST_CASE("ics import: a DTSTART in another TZID keeps its instant", "[schedules][ics]") {
  SECTION("zoneinfo name, winter and summer") {
    // 05:30 CET = 04:30 UTC = 11:30 in Vietnam; 05:30 CEST = 03:30 UTC = 10:30.
    CHECK(only_slot(calendar(event("DTSTART;TZID=Europe/Berlin:20270105T053000\nSUMMARY:A\n"))).slot.start ==
          t(2027, 1, 5, 11, 30));
    CHECK(only_slot(calendar(event("DTSTART;TZID=Europe/Berlin:20270705T053000\nSUMMARY:A\n"))).slot.start ==
          t(2027, 7, 5, 10, 30));
  }
  SECTION("libical's prefixed name") {
    CHECK(only_slot(calendar(event("DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:"
                                   "20270105T053000\nSUMMARY:A\n")))
              .slot.start == t(2027, 1, 5, 11, 30));
  }
  SECTION("a zone defined only by a VTIMEZONE in the file, as Outlook writes") {
    const std::string zone =
        "BEGIN:VTIMEZONE\nTZID:Arabic Standard Time\nBEGIN:STANDARD\n"
        "DTSTART:16010101T000000\nTZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\n"
        "END:VTIMEZONE\n";
    const IcsSlot slot = only_slot(calendar(zone + event("DTSTART;TZID=Arabic Standard Time:20270105T080000\n"
                                                         "SUMMARY:A\nEXDATE;TZID=Arabic Standard Time:"
                                                         "20270106T200000\n")));
    CHECK(slot.slot.start == t(2027, 1, 5, 12, 0));
    // 20:00 +03 on the 6th is 00:00 on the 7th in Vietnam.
    CHECK(slot.slot.exception_dates == std::vector<LocalDate>{d(2027, 1, 7)});
  }
  SECTION("the station's own zone is taken as written") {
    CHECK(only_slot(calendar(event("DTSTART;TZID=Asia/Ho_Chi_Minh:20270105T053000\nSUMMARY:A\n"))).slot.start ==
          t(2027, 1, 5, 5, 30));
  }
}

TEST_CASE("ics import: a UTC DTSTART becomes the station's wall time", "[schedules][ics]") {
  CHECK(only_slot(calendar(event("DTSTART:20270104T223000Z\nSUMMARY:A\n"))).slot.start == t(2027, 1, 5, 5, 30));
  const TimeZone berlin{"Europe/Berlin"};
  CHECK(only_slot(calendar(event("DTSTART:20270704T223000Z\nSUMMARY:A\n")), berlin).slot.start == t(2027, 7, 5, 0, 30));
}

TEST_CASE("ics import: a floating DTSTART is the station's wall time", "[schedules][ics]") {
  const IcsSlot slot =
      only_slot(calendar(event("DTSTART:20270104T173000\nSUMMARY: Bản tin chiều \n"
                               "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270331\n"
                               "X-LOAXA-LEVEL:PRIORITY\nSTATUS:CANCELLED\n")));
  CHECK(slot.slot.start == t(2027, 1, 4, 17, 30));
  CHECK(slot.programme == "Bản tin chiều");
  CHECK(slot.slot.rrule == "FREQ=WEEKLY;UNTIL=20270331;BYDAY=MO,WE");
  CHECK(slot.slot.level == SlotLevel::priority);
  CHECK(!slot.slot.enabled);
  CHECK(!slot.slot.valid_from);
}

TEST_CASE("ics import: holidays are all-day events marked HOLIDAY", "[schedules][ics]") {
  const std::string text = calendar(
      event("DTSTART;VALUE=DATE:20270205\nDTEND;VALUE=DATE:20270211\nSUMMARY:Tết\nCATEGORIES:HOLIDAY\n", "h1") +
      event("DTSTART;VALUE=DATE:20270902\nSUMMARY:Quốc khánh\nCATEGORIES:Public,holiday\n", "h2") +
      event("DTSTART;VALUE=DATE:20270430\nDURATION:P2D\nSUMMARY:30/4 và 1/5\nX-LOAXA-KIND:holiday\n", "h3"));
  const IcsCalendar parsed = parse_ics(text, vietnam, "xa-moi");
  CHECK(parsed.slots.empty());
  REQUIRE(parsed.holidays.size() == 3);
  CHECK(parsed.holidays[0].holiday.from == d(2027, 2, 5));
  CHECK(parsed.holidays[0].holiday.until == d(2027, 2, 10));
  CHECK(parsed.holidays[0].holiday.name == "Tết");
  CHECK(parsed.holidays[1].holiday.from == d(2027, 9, 2));
  CHECK(parsed.holidays[1].holiday.until == d(2027, 9, 2));
  CHECK(parsed.holidays[2].holiday.until == d(2027, 5, 1));
  CHECK(parsed.holidays[2].event.uid == "h3");

  SECTION("a repeating or timed holiday is refused") {
    auto e =
        import_error(calendar(event("DTSTART;VALUE=DATE:20270902\nRRULE:FREQ=YEARLY\n"
                                    "SUMMARY:Quốc khánh\nCATEGORIES:HOLIDAY\n")));
    CHECK(e.kind == IcsError::Kind::bad_holiday);
    CHECK(e.detail == "repeats");
    e = import_error(calendar(event("DTSTART:20270902T080000\nSUMMARY:Quốc khánh\nCATEGORIES:HOLIDAY\n")));
    CHECK(e.kind == IcsError::Kind::bad_holiday);
    e =
        import_error(calendar(event("DTSTART;VALUE=DATE:20270902\nDTEND;VALUE=DATE:20270901\n"
                                    "SUMMARY:X\nCATEGORIES:HOLIDAY\n")));
    CHECK(e.detail == "ends before it starts");
  }
  SECTION("an all-day event not marked as a holiday is refused") {
    const auto e = import_error(calendar(event("DTSTART;VALUE=DATE:20270902\nSUMMARY:Họp\n", "meeting")));
    CHECK(e.kind == IcsError::Kind::all_day_event);
    CHECK(e.uid == "meeting");
    CHECK(e.summary == "Họp");
    CHECK(e.subject == "2027-09-02");
  }
}

TEST_CASE("ics import: files that are not calendars", "[schedules][ics]") {
  const auto kind_of = [](const std::string& text) { return import_error(text).kind; };
  CHECK(kind_of("") == IcsError::Kind::not_a_calendar);
  CHECK(kind_of("hello, this is not a calendar\n") == IcsError::Kind::not_a_calendar);
  CHECK(kind_of(std::string("RIFF\x24\x08\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00", 22)) ==
        IcsError::Kind::not_a_calendar);
  // A bare VEVENT is not a calendar either.
  CHECK(kind_of("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270101T050000\r\nEND:VEVENT\r\n") ==
        IcsError::Kind::not_a_calendar);
  CHECK(import_error("random text").subject == "random text");
  // An empty calendar is a calendar: nothing to import.
  const IcsCalendar none = parse_ics(calendar(""), vietnam, "xa-moi");
  CHECK(none.slots.empty());
  CHECK(none.holidays.empty());
}

TEST_CASE("ics import: bad events are named with their UID, summary and line", "[schedules][ics]") {
  const std::string good = event("DTSTART:20270104T053000\nSUMMARY:A\n", "good");
  SECTION("no DTSTART") {
    const auto e = import_error(calendar(good + event("SUMMARY:Bản tin\n", "no-start")));
    CHECK(e.kind == IcsError::Kind::missing_dtstart);
    CHECK(e.uid == "no-start");
    CHECK(e.summary == "Bản tin");
    CHECK(e.line == 10);  // the second BEGIN:VEVENT
  }
  SECTION("an unreadable DTSTART") {
    const auto e = import_error(calendar(event("DTSTART:2027XX\nSUMMARY:A\n")));
    CHECK(e.kind == IcsError::Kind::bad_property);
    CHECK(e.subject == "2027XX");
    CHECK(e.line == 4);
  }
  SECTION("an RRULE libical rejects") {
    const auto e = import_error(calendar(event("DTSTART:20270104T053000\nRRULE:FREQ=SOMETIMES\nSUMMARY:A\n")));
    CHECK(e.kind == IcsError::Kind::bad_rrule);
    CHECK(e.subject == "FREQ=SOMETIMES");
  }
  SECTION("an RRULE loaxa refuses (rule R3)") {
    const auto e = import_error(calendar(event("DTSTART:20270104T053000\nRRULE:FREQ=MINUTELY\nSUMMARY:A\n")));
    CHECK(e.kind == IcsError::Kind::bad_rrule);
    CHECK(e.subject == "FREQ=MINUTELY");
  }
  SECTION("an unknown TZID, in DTSTART or EXDATE") {
    auto e = import_error(calendar(event("DTSTART;TZID=Mars/Olympus:20270104T053000\nSUMMARY:A\n")));
    CHECK(e.kind == IcsError::Kind::unknown_time_zone);
    CHECK(e.subject == "Mars/Olympus");
    e =
        import_error(calendar(event("DTSTART:20270104T053000\nRRULE:FREQ=DAILY\n"
                                    "EXDATE;TZID=Nowhere:20270105T053000\nSUMMARY:A\n")));
    CHECK(e.kind == IcsError::Kind::unknown_time_zone);
    CHECK(e.subject == "Nowhere");
  }
  SECTION("no programme name") {
    CHECK(import_error(calendar(event("DTSTART:20270104T053000\n"))).kind == IcsError::Kind::no_programme_name);
  }
  SECTION("a level that is not normal or priority") {
    const auto e = import_error(calendar(event("DTSTART:20270104T053000\nSUMMARY:A\nX-LOAXA-LEVEL:emergency\n")));
    CHECK(e.kind == IcsError::Kind::bad_level);
    CHECK(e.subject == "emergency");
  }
  SECTION("a validity date that is not a date") {
    const auto e =
        import_error(calendar(event("DTSTART:20270104T053000\nSUMMARY:A\nX-LOAXA-VALID-UNTIL:31/02/2027\n")));
    CHECK(e.kind == IcsError::Kind::bad_date);
    CHECK(e.subject == "31/02/2027");
  }
  SECTION("RDATE and RECURRENCE-ID would change which days air") {
    CHECK(import_error(calendar(event("DTSTART:20270104T053000\nRDATE:20270110T053000\nSUMMARY:A\n"))).subject ==
          "RDATE");
    CHECK(import_error(calendar(event("DTSTART:20270104T053000\nRECURRENCE-ID:20270105T053000\nSUMMARY:A\n"))).kind ==
          IcsError::Kind::unsupported);
  }
}

TEST_CASE("ics plan: programmes, duplicates and checks before anything is added", "[schedules][ics]") {
  const Schedule existing = station();
  SECTION("programme names match without regard to ASCII case") {
    const auto parsed = parse_ics(calendar(event("DTSTART:20270104T060000\nSUMMARY:BẢN TIN SÁNG\n"
                                                 "X-LOAXA-PROGRAMME:bản tin sáng\nRRULE:FREQ=DAILY\n")),
                                  vietnam, "xa-moi");
    const ImportPlan plan = plan_import(parsed, existing, vietnam, today);
    REQUIRE(plan.slots.size() == 1);
    CHECK(plan.slots[0].slot.programme_id == 1);
    CHECK(plan.slots[0].event.uid == "e1@example.org");
  }
  SECTION("an unknown programme") {
    const auto e = plan_error(calendar(event("DTSTART:20270104T060000\nSUMMARY:Họp dân\n")), existing);
    CHECK(e.kind == IcsError::Kind::unknown_programme);
    CHECK(e.subject == "Họp dân");
    CHECK(e.line == 4);
  }
  SECTION("a rule that never occurs") {
    const auto e = plan_error(calendar(event("DTSTART:20250104T060000\nSUMMARY:Bản tin sáng\n"
                                             "RRULE:FREQ=DAILY;UNTIL=20251231T000000Z\n")),
                              existing);
    CHECK(e.kind == IcsError::Kind::never_occurs);
    CHECK(e.subject == "FREQ=DAILY;UNTIL=20251231T000000Z");
    const auto feb30 = plan_error(calendar(event("DTSTART:20270104T060000\nSUMMARY:Bản tin sáng\n"
                                                 "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\n")),
                                  existing);
    CHECK(feb30.kind == IcsError::Kind::never_occurs);
  }
  SECTION("a slot that first airs more than a year ahead is imported (rule S5)") {
    const auto campaign = parse_ics(calendar(event("DTSTART:20280301T180000\nSUMMARY:Bản tin sáng\n"
                                                   "RRULE:FREQ=DAILY\n")),
                                    vietnam, "xa-moi");
    CHECK(plan_import(campaign, existing, vietnam, today).slots.size() == 1);
    const auto leap = parse_ics(calendar(event("DTSTART:20270101T060000\nSUMMARY:Bản tin sáng\n"
                                               "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29\n")),
                                vietnam, "xa-moi");
    CHECK(plan_import(leap, existing, vietnam, today).slots.size() == 1);
  }
  SECTION("a start that does not exist in the station's zone") {
    const TimeZone berlin{"Europe/Berlin"};
    const auto parsed = parse_ics(calendar(event("DTSTART:20270328T023000\nSUMMARY:Bản tin sáng\n")), berlin, "x");
    try {
      plan_import(parsed, existing, berlin, today);
      FAIL("accepted");
    } catch (const IcsError& e) {
      CHECK(e.kind == IcsError::Kind::nonexistent_time);
    }
    // A daily 02:30 that only passes through the gap is fine (rule Z1), as at the CLI.
    const auto daily = parse_ics(calendar(event("DTSTART:20270301T023000\nRRULE:FREQ=DAILY\n"
                                                "SUMMARY:Bản tin sáng\n")),
                                 berlin, "x");
    CHECK(plan_import(daily, existing, berlin, today).slots.size() == 1);
  }
  SECTION("validity ending before it starts") {
    const auto e = plan_error(calendar(event("DTSTART:20270104T060000\nSUMMARY:Bản tin sáng\n"
                                             "X-LOAXA-VALID-FROM:2027-05-01\nX-LOAXA-VALID-UNTIL:2027-04-01\n")),
                              existing);
    CHECK(e.kind == IcsError::Kind::bad_range);
  }
  SECTION("an event of this station's slot that was changed elsewhere is not added beside it") {
    const auto e = plan_error(
        calendar(event("DTSTART;TZID=Asia/Ho_Chi_Minh:20270104T060000\nSUMMARY:Bản tin sáng\n", "slot-1@xa-moi")),
        existing);
    CHECK(e.kind == IcsError::Kind::changed_slot);
    CHECK(e.value == 1);
  }
  SECTION("the same UID from another station, or of a slot since removed, is a new slot") {
    for (const char* uid : {"slot-1@xa-khac", "slot-99@xa-moi"}) {
      const auto parsed =
          parse_ics(calendar(event("DTSTART:20270104T060000\nSUMMARY:Bản tin sáng\n", uid)), vietnam, "xa-moi");
      CHECK(plan_import(parsed, existing, vietnam, today).slots.size() == 1);
    }
  }
  SECTION("the same event twice in one file is added once") {
    const std::string body = "DTSTART:20270104T060000\nSUMMARY:Bản tin sáng\nRRULE:FREQ=DAILY\n";
    const auto parsed = parse_ics(calendar(event(body, "a") + event(body, "b")), vietnam, "xa-moi");
    const ImportPlan plan = plan_import(parsed, existing, vietnam, today);
    CHECK(plan.slots.size() == 1);
    CHECK(plan.slots_present == 1);
  }
}

TEST_CASE("ics same_slot compares rules as libical reads them", "[schedules][ics]") {
  Slot a;
  a.start = t(2027, 1, 4, 5, 30);
  a.rrule = "RRULE:FREQ=WEEKLY;BYDAY=MO,TU";
  Slot b = a;
  b.rrule = "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU";
  CHECK(same_slot(a, b));
  b.exception_dates = {d(2027, 1, 5)};
  CHECK(!same_slot(a, b));
  a.exception_dates = {d(2027, 1, 5), d(2027, 1, 5)};
  CHECK(same_slot(a, b));
  b.level = SlotLevel::priority;
  CHECK(!same_slot(a, b));
}
