// loaxa log: the as-run log as a table and as JSON, filtered by window and status. There is
// no daemon yet: the plays are written through the store, as the daemon will write them.

#include "cli/cli_fixture.hpp"
#include "store/database.hpp"
#include "store/play_store.hpp"

#include <catch2/catch.hpp>

using loaxa::test::CliFixture;
namespace store = loaxa::store;
namespace schedules = loaxa::schedules;
using namespace std::chrono;

namespace {

schedules::UtcTime utc(const std::string& text) {
  return schedules::UtcTime{schedules::parse_date_time(text).time_since_epoch()};
}

store::PlayItem item(int position, std::string title, std::int64_t segment_id) {
  store::PlayItem i;
  i.occurrence = store::OccurrenceKey::of_slot(3, utc("2026-11-30T22:30:00"));  // 05:30 on 01/12 (+07)
  i.programme_id = 1;
  i.programme_name = "Bản tin sáng";
  i.position = position;
  i.segment_id = segment_id;
  i.segment_sha256 = std::string(64, 'b');
  i.category = "CDS";
  i.title = std::move(title);
  i.scheduled_start = utc("2026-11-30T22:30:00");
  return i;
}

// A station whose log holds, on 1 December 2026 (UTC+7): a completed play at 05:30, a
// skipped one, an emergency announcement that failed at 17:00, and one still playing at 18:00.
struct LoggedStation : CliFixture {
  LoggedStation() {
    now = "2026-12-02T08:00";
    REQUIRE(loaxa({"status"}).exit_code == 0);  // creates the home and its database
    store::Database db(home / "loaxa.db");
    store::PlayStore plays(db);
    const auto id = plays.open_play(item(0, "Định danh điện tử", 7), utc("2026-11-30T22:30:00") + milliseconds(250));
    plays.progress(id, 2000000, 0, utc("2026-11-30T22:31:00"));
    plays.finalise(id, store::PlayStatus::completed, "", utc("2026-11-30T22:31:35"), 4190000, 0);
    plays.record_skipped(item(1, "Chưa duyệt", 8), store::PlayStatus::skipped, store::play_reason::not_approved,
                         utc("2026-11-30T22:31:35"));
    auto emergency = item(0, "Cảnh báo bão", 9);
    emergency.occurrence = store::OccurrenceKey::of_manual("khan-cap-1");
    emergency.programme_id.reset();
    emergency.programme_name = "";
    emergency.level = store::PlayLevel::emergency;
    emergency.scheduled_start.reset();
    const auto e = plays.open_play(emergency, utc("2026-12-01T10:00:00"));
    plays.finalise(e, store::PlayStatus::failed, store::play_reason::device_lost, utc("2026-12-01T10:00:05"), 1000, 2);
    plays.open_play(item(2, "Đang phát", 10), utc("2026-12-01T11:00:00"));
  }
};

}  // namespace

TEST_CASE("log --json gives every field, times with the station's offset", "[cli][log]") {
  LoggedStation s;
  auto rows = s.loaxa_json({"log", "--from", "2026-12-01"});
  REQUIRE(rows.size() == 4);
  const auto& first = rows[0];
  CHECK(first["seq"] == 1);
  CHECK(first["occurrence"] == "slot:3@2026-12-01T05:30:00+07:00");
  CHECK(first["position"] == 0);
  CHECK(first["programme"] == "Bản tin sáng");
  CHECK(first["segment_id"] == 7);
  CHECK(first["category"] == "CDS");
  CHECK(first["title"] == "Định danh điện tử");
  CHECK(first["level"] == "normal");
  CHECK(first["status"] == "completed");
  CHECK(first["reason"].is_null());
  CHECK(first["scheduled_start"] == "2026-12-01T05:30:00+07:00");
  CHECK(first["started_at"] == "2026-12-01T05:30:00+07:00");
  CHECK(first["ended_at"] == "2026-12-01T05:31:35+07:00");
  CHECK(first["frames"] == 4190000);
  CHECK(first["underruns"] == 0);
  CHECK(first["hash"].get<std::string>().size() == 64);

  CHECK(rows[1]["status"] == "skipped");
  CHECK(rows[1]["reason"] == "not_approved");
  CHECK(rows[1]["started_at"].is_null());
  CHECK(rows[1]["seq"] == 2);
  CHECK(rows[2]["occurrence"] == "manual:khan-cap-1");
  CHECK(rows[2]["level"] == "emergency");
  CHECK(rows[2]["underruns"] == 2);
  CHECK(rows[3]["status"] == "playing");
  CHECK(rows[3]["seq"].is_null());
  CHECK(rows[3]["ended_at"].is_null());
}

TEST_CASE("log filters by window and status, without --from it shows the last seven days", "[cli][log]") {
  LoggedStation s;
  CHECK(s.loaxa_json({"log"}).size() == 4);
  auto failed = s.loaxa_json({"log", "--status", "failed"});
  REQUIRE(failed.size() == 1);
  CHECK(failed[0]["title"] == "Cảnh báo bão");
  CHECK(s.loaxa_json({"log", "--from", "2026-12-01T06:00", "--to", "2026-12-01T17:30"}).size() == 1);
  CHECK(s.loaxa_json({"log", "--to", "30/11/2026"}).empty());
  CHECK(s.loaxa_json({"log", "--from", "01/12/2026", "--to", "01/12/2026"}).size() == 4);  // the whole day
  CHECK(s.loaxa_json({"log", "--from", "2026-12-02"}).empty());
  s.now = "2026-12-09T08:00";  // a week later, the default window has moved past them
  CHECK(s.loaxa_json({"log"}).empty());
}

TEST_CASE("log prints a table in the station's time", "[cli][log]") {
  LoggedStation s;
  auto vi = s.loaxa({"log", "--from", "01/12/2026"});
  REQUIRE(vi.exit_code == 0);
  CHECK_THAT(vi.out, Catch::Contains("01/12/2026 05:30"));
  CHECK_THAT(vi.out, Catch::Contains("01/12/2026 17:00"));
  CHECK_THAT(vi.out, Catch::Contains("05:31"));
  CHECK_THAT(vi.out, Catch::Contains("Định danh điện tử"));
  CHECK_THAT(vi.out, Catch::Contains("Asia/Ho_Chi_Minh"));

  auto en = s.loaxa({"log", "--from", "01/12/2026", "--lang", "en"});
  REQUIRE(en.exit_code == 0);
  for (const char* word :
       {"aired (completed)", "skipped", "failed", "playing", "emergency", "not approved", "the sound card was lost"}) {
    CHECK_THAT(en.out, Catch::Contains(word));
  }
  auto nothing = s.loaxa({"log", "--from", "2026-12-02", "--lang", "en"});
  CHECK(nothing.exit_code == 0);
  CHECK_THAT(nothing.out, Catch::Contains("Nothing was logged"));
}

TEST_CASE("log refuses a bad date, a bad status and an empty window", "[cli][log][bad-input]") {
  LoggedStation s;
  auto date = s.loaxa({"log", "--from", "31/02/2026"});
  CHECK(date.exit_code == 1);
  CHECK_THAT(date.err, Catch::Contains("31/02/2026"));
  CHECK(date.out.empty());

  auto status = s.loaxa({"log", "--status", "done"});
  CHECK(status.exit_code == 1);
  CHECK_THAT(status.err, Catch::Contains("'done'"));
  CHECK_THAT(status.err, Catch::Contains("completed"));

  auto window = s.loaxa({"log", "--from", "2026-12-02", "--to", "2026-12-01T10:00"});
  CHECK(window.exit_code == 1);
  CHECK_THAT(window.err, Catch::Contains("không sau"));

  auto unknown = s.loaxa({"log", "--since", "2026-12-01"});
  CHECK(unknown.exit_code == 2);
}
