// The station's real HTTPS transport against a real `loaxa-hub serve` with a certificate:
// plays arrive when the hub's certificate is the one [hub] ca_file names; with another CA the
// handshake is refused and nothing is sent.

#include "../hub/hub_process.hpp"
#include "../station/station_fixture.hpp"

#include "store/hub_sync_store.hpp"
#include "store/play_store.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "sync/beast_transport.hpp"
#include "sync/syncer.hpp"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using loaxa::test::StationFixture;
namespace hubtest = loaxa::hub::test;
namespace lsync = loaxa::sync;
namespace store = loaxa::store;
using namespace std::chrono_literals;

namespace {

// A self-signed certificate for 127.0.0.1.
void make_certificate(const std::filesystem::path& cert, const std::filesystem::path& key) {
  const auto made = loaxa::test::run_process({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                                              "-days", "2", "-keyout", key.string(), "-out", cert.string()});
  REQUIRE(made.exit_code == 0);
}

void record_plays(StationFixture& s, int count) {
  store::PlayStore plays(s.station.db());
  for (int i = 0; i < count; ++i) {
    store::PlayItem item;
    item.occurrence =
        store::OccurrenceKey::of_slot(1, s.clock->now() - std::chrono::hours(1) + std::chrono::minutes(i));
    item.programme_name = "Bản tin sáng";
    item.category = "CDS";
    item.title = "Bản tin " + std::to_string(i);
    plays.record_skipped(item, store::PlayStatus::missed, "station_off", s.clock->now());
  }
}

std::int64_t hub_acked(const std::filesystem::path& hub_home) {
  const auto shown = hubtest::run_hub(hub_home, {"--json", "station", "show", "xa-moi"});
  return shown.exit_code == 0 ? nlohmann::json::parse(shown.out).value("acked_seq", std::int64_t{-1}) : -1;
}

}  // namespace

TEST_CASE("plays go over TLS to a hub whose certificate ca_file names, and not to another", "[sync][tls]") {
  // The hub checks timestamps against its own clock: the station's is the machine's too.
  StationFixture s(std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()));
  record_plays(s, 3);
  loaxa::test::TempDir dir;
  const auto hub_home = dir / "hub";
  const std::string key = hubtest::add_station(hub_home, "xa-moi");
  make_certificate(dir / "hub.pem", dir / "hub.key");
  make_certificate(dir / "other.pem", dir / "other.key");
  hubtest::HubProcess hub(hub_home,
                          {"--tls-cert", (dir / "hub.pem").string(), "--tls-key", (dir / "hub.key").string()});

  loaxa::HubConfig config;
  config.url = "https://127.0.0.1:" + std::to_string(hub.port());
  config.station_id = "xa-moi";
  config.key = key;
  lsync::SyncOptions options;
  options.heartbeat = 1h;
  options.backoff_min = 50ms;
  options.backoff_max = 50ms;

  std::vector<std::string> problems;
  auto note = [&](bool problem, const std::string& text) {
    if (problem) problems.push_back(text);
  };
  auto facts = [] { return lsync::HeartbeatFacts{"test", 1s, "null", std::nullopt}; };
  auto run = [&](const std::filesystem::path& ca, auto done) {
    boost::asio::io_context io;
    lsync::BeastTransport transport(io, *lsync::parse_hub_url(config.url), ca.string());
    lsync::Syncer syncer(io, s.station, config, transport, facts, note, options);
    syncer.start();
    const auto limit = std::chrono::steady_clock::now() + 20s;
    while (!done() && std::chrono::steady_clock::now() < limit) io.run_for(50ms);
    syncer.stop();
  };

  // Another CA: the handshake is refused, nothing is sent, the trouble is recorded.
  run(dir / "other.pem", [&] { return !problems.empty(); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("TLS"));
  CHECK(hub_acked(hub_home) == 0);

  // The hub's own: the three plays arrive.
  run(dir / "hub.pem", [&] { return store::HubSyncStore(s.station.db(), config.url).load().acked_seq == 3; });
  CHECK(hub_acked(hub_home) == 3);
  CHECK_FALSE(store::HubSyncStore(s.station.db(), config.url).load().last_error.has_value());
}
