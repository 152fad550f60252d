// The station's sync end to end in one process: real plays in a real station database, the
// real Syncer, and the hub's real API (hub::Api over a SqliteHubStore) behind a transport
// that can lose the request before the hub sees it, or the answer after the hub stored it.

#include "../station/station_fixture.hpp"

#include "hub/api.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "store/hub_sync_store.hpp"
#include "store/play_store.hpp"
#include "support/temp_dir.hpp"
#include "sync/syncer.hpp"
#include "wire/signing.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>

#include <random>

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace asio = boost::asio;
namespace hub = loaxa::hub;
namespace store = loaxa::store;
namespace lsync = loaxa::sync;
using namespace std::chrono_literals;

namespace {

const std::string kKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// The hub's API as a transport. `lose_request` / `lose_answer`: the chance that a request
// never reaches the hub, or that the hub stores it and the answer is lost on the way back.
class ApiTransport final : public lsync::Transport {
 public:
  ApiTransport(asio::io_context& io, hub::Api& api) : io_(io), api_(api) {}
  void post(lsync::HubRequest request, lsync::ResponseHandler done) override {
    ++requests;
    std::uniform_real_distribution<double> roll(0, 1);
    if (offline || roll(random_) < lose_request) {
      asio::post(io_, [done] { done(std::nullopt, "connection refused"); });
      return;
    }
    hub::ApiRequest api_request;
    api_request.method = "POST";
    api_request.target = request.path;
    api_request.body = request.body;
    for (const auto& [name, value] : request.headers) {
      if (name == "X-Loaxa-Station") api_request.station = value;
      if (name == "X-Loaxa-Timestamp") api_request.timestamp = value;
      if (name == "X-Loaxa-Nonce") api_request.nonce = value;
      if (name == "X-Loaxa-Signature") api_request.signature = value;
    }
    const hub::ApiResponse response = api_.handle(api_request);
    statuses.push_back(response.status);
    if (roll(random_) < lose_answer) {
      asio::post(io_, [done] { done(std::nullopt, "the connection broke"); });
      return;
    }
    asio::post(io_, [done, response] { done(lsync::HubResponse{response.status, response.body}, {}); });
  }
  void cancel() noexcept override {}

  bool offline = false;
  double lose_request = 0;
  double lose_answer = 0;
  int requests = 0;
  std::vector<int> statuses;

 private:
  asio::io_context& io_;
  hub::Api& api_;
  std::mt19937 random_{20261130};
};

struct Hub {
  loaxa::test::TempDir dir;
  hub::SqliteHubStore store{dir / "hub.db"};
  hub::KeyVault vault{std::vector<std::uint8_t>(32, 7)};
  explicit Hub(const loaxa::Clock& clock) : api(store, vault, clock) {
    hub::Station station;
    station.id = "xa-moi";
    station.name = "Xã Mới";
    station.sealed_key = vault.seal("xa-moi", *loaxa::wire::from_hex(kKey, 32));
    store.add_station(station);
  }
  hub::Api api;
  std::int64_t acked() { return store.find_station("xa-moi")->acked_seq; }
};

loaxa::HubConfig hub_config() {
  loaxa::HubConfig config;
  config.url = "http://127.0.0.1:1";
  config.station_id = "xa-moi";
  config.key = kKey;
  return config;
}

lsync::SyncOptions fast(std::size_t batch = 100) {
  lsync::SyncOptions options;
  options.batch_size = batch;
  options.interval = 20ms;
  options.heartbeat = 1h;
  options.nudge_delay = 1ms;
  options.backoff_min = 1ms;
  options.backoff_max = 8ms;
  return options;
}

// `count` final plays, as the daemon writes them (skipped rows: one statement each).
void record_plays(StationFixture& s, int count, int from = 0) {
  store::PlayStore plays(s.station.db());
  for (int i = from; i < from + count; ++i) {
    store::PlayItem item;
    item.occurrence = store::OccurrenceKey::of_slot(1, utc("2027-01-03T22:30") + std::chrono::minutes(i));
    item.programme_name = "Bản tin sáng";
    item.category = i % 2 == 0 ? "CDS" : "CCHC";
    item.title = "Bản tin " + std::to_string(i);
    item.scheduled_start = item.occurrence.nominal_start;
    plays.record_skipped(item, store::PlayStatus::missed, "station_off", item.occurrence.nominal_start + 1s);
  }
}

// Runs the loop until `done` or 20 s pass (a safety net only).
template <typename Done>
bool run_until(asio::io_context& io, Done done) {
  const auto limit = std::chrono::steady_clock::now() + 20s;
  while (!done() && std::chrono::steady_clock::now() < limit) {
    io.restart();
    io.run_for(5ms);
  }
  return done();
}

// What the station keeps of the hub's answers (the hub has stored a batch a moment before
// its answer is handled).
std::int64_t station_acked(StationFixture& s) {
  return store::HubSyncStore(s.station.db(), hub_config().url).load().acked_seq;
}

struct Notes {
  std::vector<std::string> problems;
  lsync::SyncNote note() {
    return [this](bool problem, const std::string& text) {
      if (problem) problems.push_back(text);
    };
  }
};

lsync::HeartbeatFacts facts() {
  return {"test", 42s, "null", std::nullopt};
}

}  // namespace

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
  // A heartbeat, the plan, then three batches (100, 100, 50).
  CHECK(transport.requests == 5);
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
  const int after_conflict = transport.requests;
  io.restart();
  io.run_for(100ms);
  // Only heartbeats could go now (one an hour here): no more batches.
  CHECK(transport.requests == after_conflict);
  CHECK(hub.acked() == 10);
  CHECK(hub.store.find_station("xa-moi")->flag.has_value());
  CHECK(store::HubSyncStore(s.station.db(), hub_config().url).load().conflict.has_value());
  syncer.stop();
}
