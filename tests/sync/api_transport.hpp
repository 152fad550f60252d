#pragma once
// The station's sync and the hub's real API in one process (hub::Api over a SqliteHubStore):
// a transport that hands each request to the API, and can lose the request before the hub
// sees it, lose or alter the answer after; a hub with station xa-moi; the loop helpers.

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

#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace loaxa::sync::test {

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace asio = boost::asio;
namespace hub = loaxa::hub;
namespace store = loaxa::store;
namespace lsync = loaxa::sync;
using namespace std::chrono_literals;

inline const std::string kKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// The hub's API as a transport. `lose_request` / `lose_answer`: the chance that a request
// never reaches the hub, or that the hub stores it and the answer is lost on the way back.
class ApiTransport final : public lsync::Transport {
 public:
  ApiTransport(asio::io_context& io, hub::Api& api) : io_(io), api_(api) {}
  void post(lsync::HubRequest request, lsync::ResponseHandler done) override {
    ++requests;
    ++to[request.path];
    sent.push_back(request);
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
    hub::ApiResponse response = api_.handle(api_request);
    statuses.push_back(response.status);
    if (alter) alter(request, response);
    if (roll(random_) < lose_answer ||
        (lose_answers_to.contains(request.path) && lose_answers_to[request.path]-- > 0)) {
      asio::post(io_, [done] { done(std::nullopt, "the connection broke"); });
      return;
    }
    asio::post(io_, [done, response] {
      done(lsync::HubResponse{response.status, response.body, response.headers}, {});
    });
  }
  void cancel() noexcept override {}

  bool offline = false;
  double lose_request = 0;
  double lose_answer = 0;
  int requests = 0;
  std::map<std::string, int> to;  // requests per path
  // Changes the hub's answer on its way back (a forged or altered answer).
  std::function<void(const lsync::HubRequest&, hub::ApiResponse&)> alter;
  // The next N answers to a path are lost after the hub gave them.
  std::map<std::string, int> lose_answers_to;
  std::vector<lsync::HubRequest> sent;  // every request, as sent
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
  explicit Hub(const loaxa::Clock& clock) : api(store, vault, clock, {}, hub::MandateSetup{dir / "mandates"}) {
    hub::Station station;
    station.id = "xa-moi";
    station.name = "Xã Mới";
    station.sealed_key = vault.seal("xa-moi", *loaxa::wire::from_hex(kKey, 32));
    store.add_station(station);
  }
  hub::Api api;
  std::int64_t acked() { return store.find_station("xa-moi")->acked_seq; }
};

inline loaxa::HubConfig hub_config() {
  loaxa::HubConfig config;
  config.url = "http://127.0.0.1:1";
  config.station_id = "xa-moi";
  config.key = kKey;
  return config;
}

inline lsync::SyncOptions fast(std::size_t batch = 100) {
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
inline void record_plays(StationFixture& s, int count, int from = 0) {
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
inline std::int64_t station_acked(StationFixture& s) {
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

inline lsync::HeartbeatFacts facts() {
  return {"test", 42s, "null", std::nullopt};
}

}  // namespace loaxa::sync::test
