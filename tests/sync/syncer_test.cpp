// The station's sync end to end in one process: real plays in a real station database, the
// real Syncer, and the hub's real API (hub::Api over a SqliteHubStore) behind a transport
// that can lose the request before the hub sees it, or the answer after the hub stored it.

#include "api_transport.hpp"

#include <catch2/catch.hpp>

using namespace loaxa::sync::test;

TEST_CASE("the outbox goes to the hub in batches, acked_seq is kept", "[sync]") {
  StationFixture s;
  Hub hub(*s.clock);
  record_plays(s, 250);
  asio::io_context io;
  ApiTransport transport(io, hub.api);
  Notes notes;
  lsync::Syncer syncer(io, s.station, hub_config(), transport, facts, notes.note(), fast(100));
  syncer.start();
  REQUIRE(run_until(io, [&] { return hub.acked() == 250 && station_acked(s) == 250; }));
  // A heartbeat, the plan, then three batches (100, 100, 50); the district's bulletins are
  // asked for when nothing else is due.
  CHECK(transport.to["/api/v1/heartbeat"] == 1);
  CHECK(transport.to["/api/v1/plan"] == 1);
  CHECK(transport.to["/api/v1/plays"] == 3);
  CHECK(store::HubSyncStore(s.station.db(), hub_config().url).load().acked_seq == 250);
  CHECK(hub.store.find_station("xa-moi")->heartbeat.has_value());
  CHECK(notes.problems.empty());

  // New plays go soon after a nudge.
  record_plays(s, 3, 250);
  syncer.nudge();
  REQUIRE(run_until(io, [&] { return hub.acked() == 253; }));
  syncer.stop();
}

TEST_CASE("a week off-line, then a network losing 10 % of requests and answers: nothing lost or counted twice",
          "[sync]") {
  StationFixture s;
  Hub hub(*s.clock);
  asio::io_context io;
  ApiTransport transport(io, hub.api);
  transport.offline = true;
  Notes notes;
  auto syncer = std::make_unique<lsync::Syncer>(io, s.station, hub_config(), transport, facts, notes.note(), fast(50));
  syncer->start();
  // A week of plays while the network is down: the sync keeps trying, less often.
  for (int day = 0; day < 7; ++day) {
    record_plays(s, 60, day * 60);
    syncer->nudge();
    io.restart();
    io.run_for(20ms);
  }
  CHECK(hub.acked() == 0);
  REQUIRE(notes.problems.size() == 1);  // said once, not at every retry
  CHECK_THAT(notes.problems[0], Catch::Contains("cannot reach the hub"));
  const auto saved = store::HubSyncStore(s.station.db(), hub_config().url).load();
  CHECK(saved.last_error == "connection refused");

  // Back, but lossy; and the daemon restarts half-way.
  transport.offline = false;
  transport.lose_request = 0.1;
  transport.lose_answer = 0.1;
  run_until(io, [&] { return hub.acked() >= 200; });
  syncer.reset();
  syncer = std::make_unique<lsync::Syncer>(io, s.station, hub_config(), transport, facts, notes.note(), fast(50));
  syncer->start();
  REQUIRE(run_until(io, [&] { return hub.acked() == 420 && station_acked(s) == 420; }));
  syncer->stop();

  // The hub holds every play once, identical to the station's.
  const auto held = hub.store.plays("xa-moi");
  const auto mine = store::PlayStore(s.station.db()).final_after(0, 1000);
  REQUIRE(held.size() == mine.size());
  for (std::size_t i = 0; i < held.size(); ++i) {
    CHECK(*held[i].seq == *mine[i].seq);
    CHECK(held[i].hash == mine[i].hash);
  }
  CHECK(store::HubSyncStore(s.station.db(), hub_config().url).load().acked_seq == 420);
  // Lost answers made the hub see batches again: each acknowledged, none stored twice.
  CHECK(std::count(transport.statuses.begin(), transport.statuses.end(), 200) ==
        static_cast<long>(transport.statuses.size()));
}

TEST_CASE("a row altered after the fact: the hub refuses the batch as a conflict and the sync stops sending plays",
          "[sync]") {
  StationFixture s;
  Hub hub(*s.clock);
  record_plays(s, 10);
  asio::io_context io;
  ApiTransport transport(io, hub.api);
  Notes notes;
  lsync::Syncer syncer(io, s.station, hub_config(), transport, facts, notes.note(), fast(5));
  syncer.start();
  REQUIRE(run_until(io, [&] { return hub.acked() == 10; }));
  // Someone edits the log on the station: seq 11 no longer chains from what the hub holds.
  record_plays(s, 5, 10);
  s.station.db().sql().exec("UPDATE play SET title = 'sửa' WHERE seq = 11");
  syncer.nudge();
  REQUIRE(run_until(io, [&] { return !notes.problems.empty(); }));
  CHECK_THAT(notes.problems[0], Catch::Contains("conflicting"));
  const int after_conflict = transport.to["/api/v1/plays"];
  io.restart();
  io.run_for(100ms);
  // Only heartbeats (one an hour here) and the bulletins poll could go now: no more batches.
  CHECK(transport.to["/api/v1/plays"] == after_conflict);
  CHECK(hub.acked() == 10);
  CHECK(hub.store.find_station("xa-moi")->flag.has_value());
  CHECK(store::HubSyncStore(s.station.db(), hub_config().url).load().conflict.has_value());
  syncer.stop();
}
