// loaxa schedule export/import --ics through the real binary. Every test name contains "ics"
// so `ctest -R ics` runs them.

#include "cli/cli_fixture.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using loaxa::test::CliFixture;

namespace {

// A station with two programmes (relays: no audio needed), four slots and a holiday.
struct Station : CliFixture {
  Station() {
    now = "2026-12-01T08:00";  // the data below are dates in 2027
    add_programmes();
    run({"slot", "add", "--programme", "Bản tin sáng", "--at", "05:30", "--days", "T2-T7", "--from", "04/01/2027",
         "--until", "31/12/2027"});
    run({"slot", "add", "--programme", "Bản tin sáng", "--at", "17:00", "--days", "T2,T4,T6", "--from", "04/01/2027"});
    run({"slot", "add", "--programme", "Tiếp sóng VOV", "--start", "2027-01-03T06:00", "--rrule",
         "FREQ=MONTHLY;BYDAY=1SU", "--level", "priority"});
    run({"slot", "add", "--programme", "Tiếp sóng VOV", "--start", "2027-03-08T07:15"});
    run({"slot", "except", "1", "20/01/2027", "2027-02-08"});
    run({"slot", "disable", "2"});
    run({"holiday", "add", "05/02/2027..10/02/2027", "--name", "Tết Nguyên đán"});
    run({"holiday", "add", "02/09/2027", "--name", "Quốc khánh"});
  }
  void add_programmes() {
    run({"programme", "add", "Bản tin sáng", "--item", "relay:linein:10m"});
    run({"programme", "add", "Tiếp sóng VOV", "--item", "relay:vov1:30m"});
  }
  void run(const std::vector<std::string>& args) {
    auto result = loaxa(args);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
  }
  // What defines the schedule, without ids and creation times.
  nlohmann::json slots() {
    auto list = loaxa_json({"slot", "list"});
    for (auto& s : list) {
      s.erase("id");
      s.erase("programme_id");
    }
    return list;
  }
  nlohmann::json holidays() {
    auto list = loaxa_json({"holiday", "list"});
    for (auto& h : list) h.erase("id");
    return list;
  }
};

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string calendar(const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + events + "END:VCALENDAR\r\n";
}

}  // namespace

TEST_CASE("ics cli: export then import into another station recreates slots and holidays", "[cli][ics]") {
  Station a;
  const auto file = a.dir / "lich-phat.ics";
  auto written = a.loaxa_json({"schedule", "export", "--ics", file.string()});
  CHECK(written["slots"] == 4);
  CHECK(written["holidays"] == 2);
  const std::string text = read(file);
  CHECK(text.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
  CHECK_THAT(text, Catch::Contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20270104T053000"));
  CHECK_THAT(text, Catch::Contains("EXDATE;TZID=Asia/Ho_Chi_Minh:20270120T053000"));
  CHECK_THAT(text, Catch::Contains("DURATION:PT30M"));

  CliFixture b;
  b.now = a.now;
  REQUIRE(b.loaxa({"programme", "add", "bản tin sáng", "--item", "relay:linein:5m"}).exit_code == 0);
  REQUIRE(b.loaxa({"programme", "add", "Tiếp sóng VOV", "--item", "relay:vov1:30m"}).exit_code == 0);
  auto imported = b.loaxa_json({"schedule", "import", "--ics", file.string()});
  CHECK(imported["slots_added"].size() == 4);
  CHECK(imported["holidays_added"].size() == 2);
  CHECK(imported["slots_already_present"] == 0);

  auto b_slots = b.loaxa_json({"slot", "list"});
  auto a_slots = a.slots();
  REQUIRE(b_slots.size() == a_slots.size());
  for (std::size_t i = 0; i < a_slots.size(); ++i) {
    INFO(i);
    for (const char* key :
         {"start_local", "time_zone", "rrule", "valid_from", "valid_until", "level", "enabled", "exception_dates"}) {
      INFO(key);
      CHECK(b_slots[i][key] == a_slots[i][key]);
    }
  }
  // The name is matched as the store matches it: "Bản tin sáng" is B's "bản tin sáng".
  CHECK(b_slots[0]["programme"] == "bản tin sáng");
  auto b_holidays = b.loaxa_json({"holiday", "list"});
  for (auto& h : b_holidays) h.erase("id");
  CHECK(b_holidays == a.holidays());
}

TEST_CASE("ics cli: re-importing a station's own export adds nothing", "[cli][ics]") {
  Station s;
  const auto file = s.dir / "lich-phat.ics";
  REQUIRE(s.loaxa({"schedule", "export", "--ics", file.string()}).exit_code == 0);
  const auto before = s.slots();
  auto again = s.loaxa_json({"schedule", "import", "--ics", file.string()});
  CHECK(again["slots_added"].empty());
  CHECK(again["holidays_added"].empty());
  CHECK(again["slots_already_present"] == 4);
  CHECK(again["holidays_already_present"] == 2);
  CHECK(s.slots() == before);
  CHECK(s.holidays().size() == 2);
  auto human = s.loaxa({"--lang", "en", "schedule", "import", "--ics", file.string()});
  CHECK(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains("0 slots, 0 holidays"));
  CHECK_THAT(human.out, Catch::Contains("Already present, not added again: 4 slots, 2 holidays."));
}

TEST_CASE("ics cli: a slot of this station edited elsewhere is refused, not duplicated", "[cli][ics]") {
  Station s;
  const auto file = s.dir / "lich-phat.ics";
  REQUIRE(s.loaxa({"schedule", "export", "--ics", file.string()}).exit_code == 0);
  std::string text = read(file);
  const std::string from = "DTSTART;TZID=Asia/Ho_Chi_Minh:20270104T053000";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "DTSTART;TZID=Asia/Ho_Chi_Minh:20270104T060000");
  write(file, text);
  auto refused = s.loaxa({"--lang", "en", "schedule", "import", "--ics", file.string()});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("\"Bản tin sáng\""));
  CHECK_THAT(refused.err, Catch::Contains("slot 1 of this station"));
  CHECK_THAT(refused.err, Catch::Contains("loaxa slot remove 1"));
  CHECK(s.slots().size() == 4);
}

TEST_CASE("ics cli: one bad event and nothing of the file is imported", "[cli][ics]") {
  Station s;
  const auto before = s.slots();
  const auto file = s.dir / "from-elsewhere.ics";
  const std::string good =
      "BEGIN:VEVENT\r\nUID:good@example.org\r\nDTSTART:20270104T010000Z\r\n"
      "RRULE:FREQ=DAILY\r\nSUMMARY:Bản tin sáng\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:h@example.org\r\nDTSTART;VALUE=DATE:20270430\r\n"
      "DTEND;VALUE=DATE:20270502\r\nSUMMARY:30/4 - 1/5\r\nCATEGORIES:HOLIDAY\r\nEND:VEVENT\r\n";
  SECTION("an unknown programme") {
    write(file, calendar(good + "BEGIN:VEVENT\r\nUID:x@example.org\r\nDTSTART:20270104T070000\r\n"
                                "SUMMARY:Họp dân\r\nEND:VEVENT\r\n"));
    auto refused = s.loaxa({"--lang", "en", "schedule", "import", "--ics", file.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains("The event \"Họp dân\" at line 17"));
    CHECK_THAT(refused.err, Catch::Contains("There is no programme \"Họp dân\""));
    CHECK_THAT(refused.err, Catch::Contains("Nothing was imported."));
  }
  SECTION("a rule that never airs") {
    write(file, calendar(good + "BEGIN:VEVENT\r\nUID:old@example.org\r\nDTSTART:20200104T070000\r\n"
                                "RRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Bản tin sáng\r\nEND:VEVENT\r\n"));
    auto refused = s.loaxa({"--lang", "en", "schedule", "import", "--ics", file.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains("would never air"));
  }
  SECTION("an RRULE libical cannot read, in Vietnamese") {
    write(file, calendar(good + "BEGIN:VEVENT\r\nUID:bad-rule@example.org\r\nDTSTART:20270104T070000\r\n"
                                "RRULE:FREQ=FORTNIGHTLY\r\nSUMMARY:Bản tin sáng\r\nEND:VEVENT\r\n"));
    auto refused = s.loaxa({"schedule", "import", "--ics", file.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains("FREQ=FORTNIGHTLY"));
    CHECK_THAT(refused.err, Catch::Contains("17"));
  }
  SECTION("an unknown time zone") {
    write(file, calendar(good + "BEGIN:VEVENT\r\nUID:tz@example.org\r\nDTSTART;TZID=Mars/Olympus:20270104T070000\r\n"
                                "SUMMARY:Bản tin sáng\r\nEND:VEVENT\r\n"));
    auto refused = s.loaxa({"--lang", "en", "schedule", "import", "--ics", file.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains("Mars/Olympus"));
  }
  CHECK(s.slots() == before);
  CHECK(s.holidays().size() == 2);
}

TEST_CASE("ics cli: a calendar kept elsewhere feeds the station", "[cli][ics]") {
  Station s;
  const auto file = s.dir / "google.ics";
  // 22:30 UTC on the 3rd is 05:30 on the 4th in Vietnam; EXDATE carries two values.
  write(file, calendar("BEGIN:VEVENT\r\nUID:abc123@google.com\r\nDTSTART:20270103T223000Z\r\n"
                       "DTEND:20270103T230000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n"
                       "EXDATE:20270105T223000Z,20270110T223000Z\r\nSUMMARY:Tiếp sóng VOV\r\nEND:VEVENT\r\n"));
  auto added = s.loaxa_json({"schedule", "import", "--ics", file.string()});
  REQUIRE(added["slots_added"].size() == 1);
  auto slot = s.loaxa_json({"slot", "show", std::to_string(added["slots_added"][0].get<int>())});
  CHECK(slot["programme"] == "Tiếp sóng VOV");
  CHECK(slot["start_local"] == "2027-01-04T05:30:00");
  CHECK(slot["rrule"] == "FREQ=WEEKLY;BYDAY=MO,WE");
  CHECK(slot["exception_dates"] == nlohmann::json({"2027-01-06", "2027-01-11"}));
  CHECK(slot["level"] == "normal");
  // The same file again: already present.
  auto again = s.loaxa_json({"schedule", "import", "--ics", file.string()});
  CHECK(again["slots_added"].empty());
  CHECK(again["slots_already_present"] == 1);
}

TEST_CASE("ics cli: files that are not calendars are refused by name", "[cli][ics]") {
  Station s;
  const auto before = s.slots();
  const auto wav = s.dir / "ban-tin.wav";
  loaxa::test::write_tone_wav(wav, {});
  const auto empty = s.dir / "empty.ics";
  write(empty, "");
  const auto text = s.dir / "notes.ics";
  write(text, "Họp dân lúc 7 giờ sáng thứ hai\n");
  for (const auto& file : {wav, empty, text}) {
    INFO(file);
    auto refused = s.loaxa({"--lang", "en", "schedule", "import", "--ics", file.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains(file.string() + " is not a calendar file"));
  }
  auto missing = s.loaxa({"--lang", "en", "schedule", "import", "--ics", (s.dir / "missing.ics").string()});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("missing.ics"));
  CHECK(s.slots() == before);
}

TEST_CASE("ics cli: export writes atomically and refuses a path it cannot write", "[cli][ics]") {
  Station s;
  const auto file = s.dir / "lich-phat.ics";
  write(file, "old content");
  REQUIRE(s.loaxa({"schedule", "export", "--ics", file.string()}).exit_code == 0);
  CHECK(read(file).rfind("BEGIN:VCALENDAR", 0) == 0);

  for (const auto& bad : {s.dir / "no-such-folder" / "x.ics", s.dir.path()}) {
    INFO(bad);
    auto refused = s.loaxa({"--lang", "en", "schedule", "export", "--ics", bad.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains("Cannot write"));
  }
  // Nothing half-written is left behind.
  int entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(s.dir.path())) {
    INFO(entry.path());
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
    ++entries;
  }
  CHECK(entries == 2);  // home/ and lich-phat.ics

  auto human = s.loaxa({"--lang", "en", "schedule", "export", "--ics", file.string()});
  CHECK_THAT(human.out, Catch::Contains("4 slots, 2 holidays"));
}
