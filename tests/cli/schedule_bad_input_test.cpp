// Each bad schedule input gets a clear message, a non-zero exit, and changes nothing.

#include "cli/cli_fixture.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using loaxa::test::CliFixture;
using loaxa::test::write_tone_wav;

namespace {

struct Station : CliFixture {
  Station() {
    now = "2026-12-01T08:00";  // the data below are dates in 2027
    write_tone_wav(dir / "a.wav", {});
    REQUIRE(loaxa({"segment", "add", (dir / "a.wav").string(), "--category", "CDS", "--approve"}).exit_code == 0);
    write_tone_wav(dir / "b.wav", {.frequency_hz = 500});
    REQUIRE(loaxa({"segment", "add", (dir / "b.wav").string(), "--category", "CDS"}).exit_code == 0);  // not approved
    REQUIRE(loaxa({"programme", "add", "A", "--item", "segment:1"}).exit_code == 0);
  }

  // Runs a command that must be refused with `reason`, and checks nothing changed.
  void refused(const std::vector<std::string>& args, const std::string& reason) {
    auto before_slots = loaxa_json({"slot", "list"}).size();
    auto before_programmes = loaxa_json({"programme", "list"}).size();
    auto result = loaxa(args);
    INFO(result.err);
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.err, Catch::Contains(reason));
    CHECK(loaxa_json({"slot", "list"}).size() == before_slots);
    CHECK(loaxa_json({"programme", "list"}).size() == before_programmes);
  }
};

}  // namespace

TEST_CASE("bad input: an RRULE libical rejects", "[cli][bad-input][slot]") {
  Station s;
  s.refused({"slot", "add", "--programme", "A", "--start", "2027-01-01T05:00", "--rrule", "FREQ=SOMETIMES"},
            "FREQ=SOMETIMES");
  s.refused({"slot", "add", "--programme", "A", "--start", "2027-01-01T05:00", "--rrule", "FREQ=MINUTELY"},
            "quy tắc lặp");
}

TEST_CASE("bad input: an RRULE that yields nothing", "[cli][bad-input][slot]") {
  Station s;
  s.refused({"slot", "add", "--programme", "A", "--start", "2027-01-01T05:00", "--rrule",
             "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"},
            "không bao giờ phát");
}

TEST_CASE("bad input: an unknown programme, segment or category", "[cli][bad-input]") {
  Station s;
  s.refused({"slot", "add", "--programme", "Không có", "--at", "05:00"}, "Không có chuyên mục \"Không có\"");
  s.refused({"programme", "add", "B", "--item", "segment:99"}, "không có bản tin 99");
  s.refused({"programme", "add", "B", "--item", "rotate:XYZ:2"}, "không có lĩnh vực 'XYZ'");
  s.refused({"programme", "add", "B", "--item", "video:1"}, "video:1");
  s.refused({"programme", "add", "B", "--item", "relay:linein:ten"}, "ten");
  s.refused({"programme", "add", "A", "--item", "segment:1"}, "Đã có chuyên mục tên \"A\"");
}

TEST_CASE("bad input: a segment not approved is a warning, not a refusal", "[cli][slot]") {
  Station s;
  auto result = s.loaxa({"programme", "add", "B", "--item", "segment:2"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.err, Catch::Contains("Cảnh báo"));
  CHECK_THAT(result.err, Catch::Contains("chưa được phê duyệt"));
  auto slot = s.loaxa({"slot", "add", "--programme", "B", "--at", "06:00"});
  CHECK(slot.exit_code == 0);
  CHECK_THAT(slot.err, Catch::Contains("chưa được phê duyệt"));
  // at air time it is skipped with the reason on the item
  auto day = s.loaxa_json({"schedule", "upcoming", "--from", "2027-01-01", "--days", "1"});
  REQUIRE(day.size() == 1);
  CHECK(day[0]["items"][0]["skipped"] == "not_approved");
  CHECK(day[0]["items"][0]["planned_ms"] == 0);
}

TEST_CASE("bad input: --until before --from", "[cli][bad-input][slot]") {
  Station s;
  s.refused({"slot", "add", "--programme", "A", "--at", "05:00", "--from", "01/03/2027", "--until", "01/02/2027"},
            "ngày kết thúc 01/02/2027 trước ngày bắt đầu 01/03/2027");
  s.refused({"holiday", "add", "10/02/2027..05/02/2027", "--name", "Tết"},
            "ngày kết thúc 05/02/2027 trước ngày bắt đầu 10/02/2027");
  CHECK(s.loaxa_json({"holiday", "list"}).empty());
}

TEST_CASE("bad input: a time like 25:00 and other malformed times and dates", "[cli][bad-input][slot]") {
  Station s;
  for (const char* time : {"25:00", "12:60", "7h", "7:05", "05:30,abc"}) {
    s.refused({"slot", "add", "--programme", "A", "--at", time}, "không phải giờ trong ngày");
  }
  s.refused({"slot", "add", "--programme", "A", "--at", "05:00", "--days", "T8"}, "T8");
  s.refused({"slot", "add", "--programme", "A", "--at", "05:00", "--from", "31/02/2027"}, "31/02/2027");
  s.refused({"slot", "add", "--programme", "A", "--start", "2027-01-01 5h"}, "không phải ngày giờ");
  s.refused({"slot", "add", "--programme", "A", "--at", "05:00", "--level", "urgent"}, "urgent");
  s.refused({"slot", "add", "--programme", "A"}, "--at");
  s.refused({"slot", "add", "--programme", "A", "--at", "05:00", "--rrule", "FREQ=DAILY"}, "--rrule");
  s.refused({"holiday", "add", "mai", "--name", "x"}, "'mai' không phải ngày");
  s.refused({"schedule", "upcoming", "--from", "2027-01-02", "--to", "2027-01-01"}, "không sau");
}

TEST_CASE("bad input: a programme longer than the session cap names both figures", "[cli][bad-input]") {
  Station s;
  s.refused({"programme", "add", "Dài", "--item", "relay:vov:50m"}, "50:00");
  s.refused({"programme", "add", "Dài", "--item", "relay:vov:50m"}, "45:00");
}

TEST_CASE("bad input: a start the station's clocks skip (DST gap) is refused", "[cli][bad-input][slot]") {
  Station s;
  { std::ofstream(s.home / "loaxa.toml") << "[station]\ntime_zone = \"Europe/Berlin\"\n"; }
  // 28 March 2027: Berlin's clocks jump from 02:00 to 03:00.
  s.refused({"slot", "add", "--programme", "A", "--start", "2027-03-28T02:30"},
            "không tồn tại ở múi giờ Europe/Berlin");
  // A daily 02:30 exists on other days: accepted, with a warning about that one day.
  auto daily = s.loaxa({"slot", "add", "--programme", "A", "--at", "02:30", "--from", "01/03/2027"});
  CHECK(daily.exit_code == 0);
  CHECK_THAT(daily.err, Catch::Contains("đồng hồ chỉnh tới"));
  auto day = s.loaxa_json({"schedule", "upcoming", "--from", "2027-03-28", "--days", "1"});
  REQUIRE(day.size() == 1);
  CHECK(day[0]["start_local"] == "2027-03-28T03:30:00");
  CHECK(day[0]["start_utc"] == "2027-03-28T01:30:00.000Z");
}
