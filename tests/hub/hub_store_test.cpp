// The SQLite hub store: stations, nonces across restarts, batches all or nothing, flags,
// heartbeats, the report's grouping.

#include "hub/sqlite_hub_store.hpp"
#include "hub_fixture.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

using namespace loaxa;
using namespace loaxa::hub;
using namespace std::chrono;

namespace {

const Instant kNow = store::parse_utc_text("2026-12-01T03:00:00.000Z");

Station station(const std::string& id) {
  Station s;
  s.id = id;
  s.name = "Xã " + id;
  s.sealed_key = {1, 2, 3};
  s.created_at = kNow;
  return s;
}

}  // namespace

TEST_CASE("a station is added once and read back", "[hub][store]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  CHECK(hub.schema_version() == hub_schema_version_latest());
  auto s = station("xa-moi");
  s.group = "Huyện A";
  hub.add_station(s);
  CHECK_THROWS_AS(hub.add_station(s), HubStoreError);
  const auto found = hub.find_station("xa-moi");
  REQUIRE(found);
  CHECK(found->name == "Xã xa-moi");
  CHECK(found->group == "Huyện A");
  CHECK(found->enabled);
  CHECK(found->sealed_key == std::vector<std::uint8_t>{1, 2, 3});
  CHECK(found->acked_seq == 0);
  CHECK_FALSE(found->flag);
  hub.set_enabled("xa-moi", false);
  CHECK_FALSE(hub.find_station("xa-moi")->enabled);
  hub.set_sealed_key("xa-moi", {9});
  CHECK(hub.find_station("xa-moi")->sealed_key == std::vector<std::uint8_t>{9});
  CHECK_THROWS_AS(hub.set_enabled("nowhere", true), HubStoreError);
  CHECK_FALSE(hub.find_station("nowhere"));
}

TEST_CASE("a nonce is refused the second time, also after a restart, and forgotten after the window", "[hub][store]") {
  loaxa::test::TempDir dir;
  const std::string nonce(32, 'a');
  {
    SqliteHubStore hub(dir / "hub.db");
    hub.add_station(station("xa-moi"));
    hub.add_station(station("xa-khac"));
    CHECK(hub.remember_nonce("xa-moi", nonce, kNow, kNow - minutes(10)));
    CHECK_FALSE(hub.remember_nonce("xa-moi", nonce, kNow + seconds(1), kNow - minutes(10)));
    CHECK(hub.remember_nonce("xa-khac", nonce, kNow, kNow - minutes(10)));  // per station
  }
  SqliteHubStore reopened(dir / "hub.db");
  CHECK_FALSE(reopened.remember_nonce("xa-moi", nonce, kNow + seconds(2), kNow - minutes(10)));
  CHECK(reopened.remember_nonce("xa-moi", nonce, kNow + minutes(11), kNow + minutes(1)));
}

TEST_CASE("a batch is stored all or nothing, and a conflict flags the station", "[hub][store]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  hub.add_station(station("xa-moi"));
  const auto plays = hub::test::station_plays(5);
  auto outcome = hub.append_plays("xa-moi", {plays[0], plays[1]}, kNow);
  CHECK(outcome.kind == IngestOutcome::Kind::acked);
  CHECK(outcome.acked_seq == 2);
  outcome = hub.append_plays("xa-moi", {plays[3]}, kNow);
  CHECK(outcome.kind == IngestOutcome::Kind::gap);
  CHECK(outcome.expected_seq == 3);

  auto bad = plays[3];
  bad.frames += 1;
  outcome = hub.append_plays("xa-moi", {plays[2], bad}, kNow);
  CHECK(outcome.kind == IngestOutcome::Kind::conflict);
  CHECK(outcome.bad_seq == 4);
  CHECK(hub.plays("xa-moi").size() == 2);  // seq 3 was valid, but not kept
  auto flagged = hub.find_station("xa-moi");
  REQUIRE(flagged->flag);
  CHECK(flagged->flag->seq == 4);
  CHECK(flagged->flags == 1);
  CHECK(flagged->acked_seq == 2);

  outcome = hub.append_plays("xa-moi", {plays[2], plays[3], plays[4]}, kNow);
  CHECK(outcome.acked_seq == 5);
  const auto held = hub.plays("xa-moi");
  REQUIRE(held.size() == 5);
  for (std::size_t i = 0; i < held.size(); ++i) {
    CHECK(store::canonical_form(held[i]) == store::canonical_form(plays[i]));
    CHECK(held[i].hash == plays[i].hash);
  }
  // Another station cannot write into this one's chain, and starts its own at 1.
  hub.add_station(station("xa-khac"));
  CHECK(hub.append_plays("xa-khac", {plays[1]}, kNow).expected_seq == 1);
  CHECK(hub.append_plays("xa-khac", {plays[0]}, kNow).acked_seq == 1);
}

TEST_CASE("a heartbeat is the station's last contact and clock offset", "[hub][store]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  hub.add_station(station("xa-moi"));
  Heartbeat h;
  h.version = "0.1.0";
  h.uptime_s = 3600;
  h.device = "portaudio:hw:0";
  h.next_occurrence = kNow + hours(2);
  h.clock_utc = kNow + seconds(3);
  h.outbox_depth = 4;
  h.received_at = kNow;
  hub.record_heartbeat("xa-moi", h);
  const auto s = hub.find_station("xa-moi");
  REQUIRE(s->heartbeat);
  CHECK(s->heartbeat->clock_offset() == seconds(3));
  CHECK(s->heartbeat->outbox_depth == 4);
  CHECK(s->heartbeat->next_occurrence == kNow + hours(2));
  CHECK(s->last_contact == kNow);
}

TEST_CASE("the report groups a month's plays per station and category", "[hub][store][report]") {
  loaxa::test::TempDir dir;
  SqliteHubStore hub(dir / "hub.db");
  hub.add_station(station("xa-moi"));
  hub.add_station(station("xa-yen"));
  auto plays = hub::test::station_plays(8);
  // 22:30 UTC on 30 November is 05:30 on 1 December in Vietnam: every play is December's.
  REQUIRE(hub.append_plays("xa-moi", plays, kNow).acked_seq == 8);
  const auto rows =
      hub.report(store::parse_utc_text("2026-11-30T17:00:00.000Z"), store::parse_utc_text("2026-12-31T17:00:00.000Z"));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].station_id == "xa-moi");
  CHECK(rows[0].category == "CCHC");  // plays 1, 3, 5, 7: missed, interrupted
  CHECK(rows[0].plays_completed == 0);
  CHECK(rows[0].missed == 2);
  CHECK(rows[0].interrupted == 2);
  CHECK(rows[0].frames_aired == 2 * 48000 * 20);
  CHECK(rows[1].category == "CDS");  // 0, 2, 4, 6: completed, failed
  CHECK(rows[1].plays_completed == 2);
  CHECK(rows[1].frames_aired == 2 * 48000 * (30 + 10));
  CHECK(rows[2].station_id == "xa-yen");  // no plays: still listed
  CHECK(rows[2].category.empty());
  const auto none =
      hub.report(store::parse_utc_text("2026-10-31T17:00:00.000Z"), store::parse_utc_text("2026-11-30T17:00:00.000Z"));
  CHECK(none.size() == 2);
}

TEST_CASE("a hub database newer than the program is refused", "[hub][store]") {
  loaxa::test::TempDir dir;
  { SqliteHubStore hub(dir / "hub.db"); }
  {
    SQLite::Database raw((dir / "hub.db").string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 99");
  }
  CHECK_THROWS_AS(SqliteHubStore(dir / "hub.db"), std::runtime_error);
}
