// loaxa mandate list|decline|move and the mandate mark of `schedule upcoming`, on the real
// binary. The mandate is brought in through the station's own rules (station::accept_mandate),
// as the sync does; every date is fixed (LOAXA_NOW), none is today's.
#include "cli/cli_fixture.hpp"
#include "common/clock.hpp"
#include "common/home.hpp"
#include "station/mandates.hpp"
#include "store/utc_text.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

using loaxa::test::CliFixture;
using loaxa::test::write_tone_wav;

namespace {

loaxa::store::MandateOrder vneid() {
  loaxa::store::MandateOrder o;
  o.id = 3;
  o.title = "VNeID trước 31/12";
  o.category = "CDS";
  o.terms.from = loaxa::schedules::parse_date("2027-01-04");
  o.terms.until = loaxa::schedules::parse_date("2027-01-17");
  o.terms.times_per_week = 3;
  o.terms.windows = loaxa::schedules::parse_windows("05:00-07:00,17:00-19:00");
  o.sha256 = std::string(64, 'c');
  o.size = 1000;
  o.file_name = "vneid.wav";
  o.issued_at = loaxa::store::parse_utc_text("2027-01-03T08:00:00.000Z");
  return o;
}

struct MandateStation : CliFixture {
  MandateStation() {
    now = "2027-01-04T04:00";  // Monday, the mandate's first day, in Asia/Ho_Chi_Minh
    write_tone_wav(dir / "local.wav", {.tone_s = 60.0});
    REQUIRE(loaxa({"segment", "add", (dir / "local.wav").string(), "--category", "CDS", "--approve"}).exit_code == 0);
    REQUIRE(loaxa({"programme", "add", "Sáng", "--item", "segment:1"}).exit_code == 0);
    REQUIRE(loaxa({"slot", "add", "--programme", "Sáng", "--at", "05:00"}).exit_code == 0);
    // The sync's part: the order and its audio, accepted through the station's rules.
    write_tone_wav(dir / "vneid.wav", {.tone_s = 20.0, .frequency_hz = 700.0});
    const auto at = loaxa::schedules::UtcTime{loaxa::schedules::parse_date_time("2027-01-03T21:00").time_since_epoch()};
    loaxa::station::Station station(loaxa::Home{home, loaxa::HomeSource::option},
                                    std::make_unique<loaxa::ManualClock>(at));
    const auto accepted = loaxa::station::accept_mandate(station, vneid(), dir / "vneid.wav", at);
    REQUIRE(accepted.mandate.state == loaxa::store::MandateState::received);
    REQUIRE(accepted.slots.size() == 6);
    mandate_slots = accepted.slots;
  }

  nlohmann::json mandate() {
    const auto list = loaxa_json({"mandate", "list"});
    REQUIRE(list.size() == 1);
    return list[0];
  }

  // A refused command: non-zero, `reason` in its message, the mandate as it was.
  void refused(const std::vector<std::string>& args, const std::string& reason) {
    const auto before = mandate();
    const auto slots_before = loaxa_json({"slot", "list"});
    const auto result = loaxa(args);
    INFO(result.err);
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.err, Catch::Contains(reason));
    CHECK(mandate() == before);
    CHECK(loaxa_json({"slot", "list"}) == slots_before);
  }

  std::vector<std::int64_t> mandate_slots;
};

}  // namespace

TEST_CASE("mandate list shows the terms, state, planned over required, aired and the next airings", "[cli][mandate]") {
  MandateStation s;
  const auto m = s.mandate();
  CHECK(m["id"] == 3);
  CHECK(m["title"] == "VNeID trước 31/12");
  CHECK(m["from"] == "2027-01-04");
  CHECK(m["until"] == "2027-01-17");
  CHECK(m["times_per_week"] == 3);
  CHECK(m["windows"] == nlohmann::json::array({"05:00-07:00", "17:00-19:00"}));
  CHECK(m["level"] == "normal");
  CHECK(m["state"] == "received");
  CHECK(m["reason"].is_null());
  CHECK(m["required"] == 6);
  CHECK(m["planned"] == 6);
  CHECK(m["aired"] == 0);
  REQUIRE(m["next"].size() == 6);
  for (const auto& next : m["next"]) {
    CHECK(std::find(s.mandate_slots.begin(), s.mandate_slots.end(), next["slot_id"].get<std::int64_t>()) !=
          s.mandate_slots.end());
  }

  const auto vietnamese = s.loaxa({"mandate", "list"});
  CHECK(vietnamese.exit_code == 0);
  CHECK_THAT(vietnamese.out, Catch::Contains("VNeID trước 31/12"));
  CHECK_THAT(vietnamese.out, Catch::Contains("6/6"));
  CHECK_THAT(vietnamese.out, Catch::Contains("05:00-07:00,17:00-19:00"));
  const auto english = s.loaxa({"--lang", "en", "mandate", "list"});
  CHECK_THAT(english.out, Catch::Contains("received (scheduled)"));
  CHECK_THAT(english.out, Catch::Contains("Planned/required"));
}

TEST_CASE("mandate list on a station without mandates says where they come from", "[cli][mandate]") {
  CliFixture f;
  f.now = "2027-01-04T04:00";
  CHECK(f.loaxa_json({"mandate", "list"}) == nlohmann::json::array());
  const auto english = f.loaxa({"--lang", "en", "mandate", "list"});
  CHECK(english.exit_code == 0);
  CHECK_THAT(english.out, Catch::Contains("district hub"));
}

TEST_CASE("schedule upcoming marks the airings of a mandate", "[cli][mandate]") {
  MandateStation s;
  const auto upcoming = s.loaxa_json({"schedule", "upcoming", "--from", "2027-01-04", "--days", "14"});
  int marked = 0;
  int local = 0;
  for (const auto& o : upcoming) {
    if (o["mandate_id"].is_null()) {
      CHECK(o["programme"] == "Sáng");
      ++local;
    } else {
      CHECK(o["mandate_id"] == 3);
      CHECK(o["programme"] == "Huyện: VNeID trước 31/12");
      ++marked;
    }
  }
  CHECK(marked == 6);
  CHECK(local == 14);
  const auto text = s.loaxa({"--lang", "en", "schedule", "upcoming", "--from", "2027-01-04", "--days", "14"});
  CHECK_THAT(text.out, Catch::Contains("Huyện: VNeID trước 31/12  [district #3]"));
  const auto vietnamese = s.loaxa({"schedule", "upcoming", "--from", "2027-01-04", "--days", "14"});
  CHECK(vietnamese.exit_code == 0);
  CHECK_THAT(vietnamese.out, Catch::Contains("#3]"));
}

TEST_CASE("mandate decline: bad input refused with nothing changed, then declined with its reason", "[cli][mandate]") {
  MandateStation s;
  s.refused({"mandate", "decline", "3"}, "--reason");
  s.refused({"mandate", "decline", "3", "--reason", "   "}, "--reason \"");
  s.refused({"--lang", "en", "mandate", "decline", "3", "--reason", " "}, "needs a reason");
  s.refused({"--lang", "en", "mandate", "decline", "99", "--reason", "x"}, "no district mandate 99");
  s.refused({"mandate", "decline", "ba", "--reason", "x"}, "ba");

  const auto declined = s.loaxa({"--lang", "en", "mandate", "decline", "3", "--reason", "Trùng lịch họp dân"});
  INFO(declined.err);
  REQUIRE(declined.exit_code == 0);
  CHECK_THAT(declined.out, Catch::Contains("Trùng lịch họp dân"));
  const auto m = s.mandate();
  CHECK(m["state"] == "declined");
  CHECK(m["reason"] == "Trùng lịch họp dân");
  CHECK(m["next"].empty());
  CHECK_THAT(s.loaxa({"mandate", "list"}).out, Catch::Contains("Trùng lịch họp dân"));
  // Once declined, it stays so.
  s.refused({"--lang", "en", "mandate", "decline", "3", "--reason", "lần nữa"}, "cannot be changed");
  s.refused({"--lang", "en", "mandate", "move", std::to_string(s.mandate_slots[1]), "--to", "2027-01-07 18:00"},
            "no slot with ID");
}

TEST_CASE("mandate move: inside its hours and week, every other time refused with nothing changed", "[cli][mandate]") {
  MandateStation s;
  REQUIRE(s.loaxa({"holiday", "add", "08/01/2027", "--name", "Lễ"}).exit_code == 0);
  const auto slot = std::to_string(s.mandate_slots[0]);
  const auto en = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--lang", "en"});
    return args;
  };
  s.refused(en({"mandate", "move", slot, "--to", "2027-01-07 12:00"}), "outside the hours");
  s.refused(en({"mandate", "move", slot, "--to", "2027-01-07 18:59:50"}), "outside the hours");
  s.refused(en({"mandate", "move", slot, "--to", "2027-01-12 05:30"}), "same week");
  s.refused(en({"mandate", "move", slot, "--to", "2027-01-08 05:30"}), "holiday");
  s.refused(en({"mandate", "move", slot, "--to", "2027-01-04 03:00"}), "already past");
  s.refused(en({"mandate", "move", "1", "--to", "2027-01-07 05:30"}), "does not air a district mandate");
  s.refused(en({"mandate", "move", "999", "--to", "2027-01-07 05:30"}), "999");
  s.refused({"mandate", "move", slot, "--to", "2027-13-07 05:30"}, "2027-13-07");
  s.refused({"mandate", "move", slot, "--to", "thứ năm"}, "thứ năm");
  s.refused({"mandate", "move", slot}, "--to");
  s.refused({"mandate", "move", slot, "--to", "2027-01-07 12:00"}, "07/01/2027");

  const auto moved = s.loaxa_json({"mandate", "move", slot, "--to", "2027-01-07 18:30"});
  CHECK(moved["mandate_id"] == 3);
  CHECK(moved["replaced_slot_id"] == s.mandate_slots[0]);
  CHECK(moved["start_local"] == "2027-01-07T18:30:00");
  const auto m = s.mandate();
  CHECK(m["planned"] == 6);
  bool found = false;
  for (const auto& next : m["next"]) {
    found = found || (next["slot_id"] == moved["slot_id"] && next["start_local"] == "2027-01-07T18:30:00");
  }
  CHECK(found);
  const auto text = s.loaxa({"--lang", "en", "mandate", "move", std::to_string(moved["slot_id"].get<std::int64_t>()),
                             "--to", "2027-01-07 17:15"});
  INFO(text.err);
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("Moved the airing of district mandate 3"));
}
