// Programmes, slots, holidays and the timeline through the real `loaxa` binary.

#include "cli/cli_fixture.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

using loaxa::test::CliFixture;
using loaxa::test::write_tone_wav;

namespace {

// A station with a jingle (id 1) and three approved CDS bulletins (ids 2–4) of 2, 3 and 4 s.
struct Station : CliFixture {
  Station() {
    now = "2026-12-01T08:00";  // the data below are dates in 2027
    write_tone_wav(dir / "jingle.wav", {.tone_s = 1.0, .frequency_hz = 330});
    REQUIRE(loaxa({"segment", "add", (dir / "jingle.wav").string(), "--category", "CDS", "--approve"}).exit_code == 0);
    for (int i = 2; i <= 4; ++i) {
      auto file = dir / ("cds-" + std::to_string(i) + ".wav");
      write_tone_wav(file, {.tone_s = static_cast<double>(i), .frequency_hz = 200.0 * i});
      REQUIRE(loaxa({"segment", "add", file.string(), "--category", "CDS", "--approve"}).exit_code == 0);
    }
  }
  int count(const std::string& what) { return static_cast<int>(loaxa_json({what, "list"}).size()); }
};

}  // namespace

TEST_CASE("a programme is added, listed, shown and removed", "[cli][programme]") {
  Station s;
  auto added = s.loaxa_json({"programme", "add", "Bản tin sáng", "--item", "jingle:1", "--item", "relay:linein:10m",
                             "--item", "rotate:cds:2"});
  CHECK(added["items"] == nlohmann::json({"jingle:1", "relay:linein:10m", "rotate:CDS:2"}));
  // the longest possible airing: jingle 1 s + 10 min + the two longest bulletins (4 s + 3 s)
  CHECK(added["planned_ms"].get<int>() == Approx(608000).margin(50));
  auto list = s.loaxa_json({"programme", "list"});
  REQUIRE(list.size() == 1);
  auto show = s.loaxa_json({"programme", "show", "Bản tin sáng"});
  REQUIRE(show["today"].size() == 4);
  CHECK(show["today"][2]["segment_id"] == "2");  // never aired, lowest id first
  auto human = s.loaxa({"programme", "show", "1"});
  CHECK_THAT(human.out, Catch::Contains("tiếp sóng"));
  CHECK(s.loaxa({"programme", "remove", "Bản tin sáng"}).exit_code == 0);
  CHECK(s.count("programme") == 0);
}

TEST_CASE("programme edit replaces the items in order, checked as programme add checks them", "[cli][programme]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "Sáng", "--item", "segment:2", "--item", "jingle:1"}).exit_code == 0);
  auto edited = s.loaxa_json({"programme", "edit", "sáng", "jingle:1", "segment:3", "segment:2"});
  CHECK(edited["items"] == nlohmann::json({"jingle:1", "segment:3", "segment:2"}));
  CHECK(s.loaxa_json({"programme", "show", "Sáng"})["items"] == nlohmann::json({"jingle:1", "segment:3", "segment:2"}));
  auto human = s.loaxa({"programme", "edit", "Sáng", "segment:4"});
  CHECK(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains("Sáng"));
  auto unknown = s.loaxa({"programme", "edit", "Sáng", "segment:99"});
  CHECK(unknown.exit_code != 0);
  CHECK_THAT(unknown.err, Catch::Contains("99"));
  CHECK(s.loaxa({"programme", "edit", "Không có", "segment:2"}).exit_code != 0);
  CHECK(s.loaxa_json({"programme", "show", "Sáng"})["items"] == nlohmann::json({"segment:4"}));
}

TEST_CASE("a segment in a programme cannot be removed", "[cli][programme]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "A", "--item", "segment:2"}).exit_code == 0);
  auto refused = s.loaxa({"segment", "remove", "2"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("đang được dùng trong chuyên mục"));
  CHECK(s.loaxa_json({"segment", "list"}).size() == 4);
}

TEST_CASE("slots are added from times and weekdays, listed, disabled, excepted and removed", "[cli][slot]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "Sáng", "--item", "segment:2"}).exit_code == 0);
  auto added = s.loaxa_json({"slot", "add", "--programme", "Sáng", "--at", "05:30,17:00", "--days", "T2-T7", "--from",
                             "01/01/2027", "--until", "31/12/2027"});
  REQUIRE(added.size() == 2);
  CHECK(added[0]["start_local"] == "2027-01-01T05:30:00");
  CHECK(added[1]["start_local"] == "2027-01-01T17:00:00");
  CHECK(added[0]["rrule"] == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA");
  CHECK(added[0]["time_zone"] == "Asia/Ho_Chi_Minh");
  CHECK(added[0]["valid_until"] == "2027-12-31");
  auto table = s.loaxa({"slot", "list"});
  CHECK_THAT(table.out, Catch::Contains("T2-T7"));
  CHECK_THAT(table.out, Catch::Contains("thông thường"));

  auto id = std::to_string(added[0]["id"].get<int>());
  CHECK(s.loaxa_json({"slot", "disable", id})["enabled"] == false);
  CHECK(s.loaxa_json({"slot", "enable", id})["enabled"] == true);
  auto excepted = s.loaxa_json({"slot", "except", id, "02/01/2027", "2027-01-04"});
  CHECK(excepted["exception_dates"] == nlohmann::json({"2027-01-02", "2027-01-04"}));
  CHECK(s.loaxa({"slot", "remove", id}).exit_code == 0);
  CHECK(s.count("slot") == 1);
  auto refused = s.loaxa({"programme", "remove", "Sáng"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("đang được dùng trong khung giờ"));
}

TEST_CASE("schedule upcoming lists occurrences with their items in the station's zone", "[cli][schedule]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "Sáng", "--item", "jingle:1", "--item", "rotate:CDS:1"}).exit_code == 0);
  REQUIRE(s.loaxa({"slot", "add", "--programme", "Sáng", "--at", "05:30", "--days", "T2-T7", "--from", "2027-01-01"})
              .exit_code == 0);
  // The machine's own zone must not matter.
  auto result = s.loaxa({"--json", "schedule", "upcoming", "--from", "2027-01-01", "--days", "3"},
                        {{"TZ", "America/Los_Angeles"}});
  REQUIRE(result.exit_code == 0);
  auto timeline = nlohmann::json::parse(result.out);
  // Friday 1st and Saturday 2nd air; Sunday 3rd does not.
  REQUIRE(timeline.size() == 2);
  auto first = timeline[0];
  CHECK(first["slot_id"] == 1);
  CHECK(first["programme"] == "Sáng");
  CHECK(first["start_local"] == "2027-01-01T05:30:00");
  CHECK(first["start_utc"] == "2026-12-31T22:30:00.000Z");
  CHECK(first["level"] == "normal");
  CHECK(first["status"] == "planned");
  REQUIRE(first["items"].size() == 2);
  CHECK(first["items"][0]["kind"] == "jingle");
  CHECK(first["items"][0]["segment_id"] == 1);
  CHECK(first["items"][0]["planned_ms"].get<int>() == Approx(1000).margin(20));
  CHECK(first["items"][1]["kind"] == "rotate");
  CHECK(first["items"][1]["segment_id"] == 2);
  // rotation moves on to the next bulletin the next day
  CHECK(timeline[1]["items"][1]["segment_id"] == 3);
  CHECK_FALSE(first["end_local"].get<std::string>().empty());

  auto human = s.loaxa({"schedule", "upcoming", "--from", "2027-01-01", "--days", "1"});
  CHECK_THAT(human.out, Catch::Contains("T6 01/01/2027 05:30"));
  CHECK_THAT(human.out, Catch::Contains("nhạc hiệu"));
}

TEST_CASE("a holiday drops normal slots but not priority ones", "[cli][schedule][holiday]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "A", "--item", "segment:2"}).exit_code == 0);
  REQUIRE(s.loaxa({"slot", "add", "--programme", "A", "--at", "05:30"}).exit_code == 0);
  REQUIRE(s.loaxa({"slot", "add", "--programme", "A", "--at", "17:00", "--level", "priority"}).exit_code == 0);
  auto tet = s.loaxa_json({"holiday", "add", "05/02/2027..10/02/2027", "--name", "Tết"});
  CHECK(tet["from"] == "2027-02-05");
  CHECK(tet["until"] == "2027-02-10");
  CHECK(s.loaxa_json({"holiday", "list"}).size() == 1);
  auto day = s.loaxa_json({"schedule", "upcoming", "--from", "2027-02-06", "--days", "1"});
  REQUIRE(day.size() == 2);
  CHECK(day[0]["status"] == "dropped");
  CHECK(day[0]["drop_reason"] == "holiday");
  CHECK(day[1]["status"] == "planned");
  CHECK(day[1]["level"] == "priority");
  CHECK(s.loaxa({"holiday", "remove", std::to_string(tet["id"].get<int>())}).exit_code == 0);
  auto after = s.loaxa_json({"schedule", "upcoming", "--from", "2027-02-06", "--days", "1"});
  CHECK(after[0]["status"] == "planned");
}

TEST_CASE("overlapping slots: the later waits, priority goes first", "[cli][schedule]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "Dài", "--item", "relay:linein:10m"}).exit_code == 0);
  REQUIRE(s.loaxa({"slot", "add", "--programme", "Dài", "--at", "05:00"}).exit_code == 0);
  REQUIRE(s.loaxa({"slot", "add", "--programme", "Dài", "--at", "05:05"}).exit_code == 0);
  auto day = s.loaxa_json({"schedule", "upcoming", "--from", "2027-03-01", "--days", "1"});
  REQUIRE(day.size() == 2);
  CHECK(day[1]["status"] == "shifted");
  CHECK(day[1]["start_local"] == "2027-03-01T05:10:00");
  CHECK(day[1]["delay_ms"] == 5 * 60 * 1000);
}

TEST_CASE("a one-off slot with a start and an RRULE slot with COUNT", "[cli][slot]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "A", "--item", "segment:2"}).exit_code == 0);
  auto once = s.loaxa_json({"slot", "add", "--programme", "A", "--start", "2027-05-19T07:00"});
  CHECK(once[0]["rrule"] == "");
  auto monthly = s.loaxa_json({"slot", "add", "--programme", "A", "--start", "2027-01-31T18:00", "--rrule",
                               "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", "--level", "priority"});
  CHECK(monthly[0]["level"] == "priority");
  auto year = s.loaxa_json({"schedule", "upcoming", "--from", "2027-01-01", "--to", "2028-01-01"});
  std::vector<std::string> starts;
  for (const auto& o : year) starts.push_back(o["start_local"]);
  CHECK(starts == std::vector<std::string>{"2027-01-31T18:00:00", "2027-02-28T18:00:00", "2027-03-31T18:00:00",
                                           "2027-05-19T07:00:00"});
}

TEST_CASE("the session cap comes from loaxa.toml", "[cli][programme]") {
  Station s;
  { std::ofstream(s.home / "loaxa.toml") << "[schedule]\nmax_session_minutes = 15\n"; }
  auto refused = s.loaxa({"programme", "add", "Dài", "--item", "relay:vov:15m", "--item", "segment:2"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("15:02"));
  CHECK_THAT(refused.err, Catch::Contains("15:00"));
  CHECK(s.count("programme") == 0);
  CHECK(s.loaxa({"programme", "add", "Vừa", "--item", "relay:vov:15m"}).exit_code == 0);
}

TEST_CASE("schedule upcoming shows the same bulletins for an occurrence whatever window holds it", "[cli][schedule]") {
  Station s;
  REQUIRE(s.loaxa({"programme", "add", "Xoay", "--item", "rotate:CDS:1"}).exit_code == 0);
  REQUIRE(
      s.loaxa({"slot", "add", "--programme", "Xoay", "--at", "05:30,11:00,17:00", "--from", "2027-01-04"}).exit_code ==
      0);
  auto items_by_occurrence = [&](const std::string& from, const std::string& days) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& o : s.loaxa_json({"schedule", "upcoming", "--from", from, "--days", days})) {
      out[std::to_string(o["slot_id"].get<int>()) + "@" + o["nominal_start_local"].get<std::string>()] = o["items"];
    }
    return out;
  };
  const auto whole = items_by_occurrence("2027-01-04", "4");
  REQUIRE(whole.size() == 12);
  for (const char* from : {"2027-01-05T12:00", "2027-01-06", "2027-01-05T05:30:30"}) {
    const auto part = items_by_occurrence(from, "2");
    REQUIRE_FALSE(part.empty());
    for (const auto& [key, items] : part) {
      if (whole.count(key) == 0) continue;  // beyond the first window
      INFO(from << " " << key);
      CHECK(whole.at(key) == items);
    }
  }
}
