// A real loaxad (null output) and a real `loaxa-hub serve` on loopback, through a proxy that
// takes the network down and then loses 10 % of requests and answers (faulty_proxy.hpp): a
// week of plays made off-line reaches the hub exactly, nothing lost, nothing twice.
//
// The week's plays are made by loaxad itself, not seeded: the station airs its 05:30
// programme on Monday 4 January, stops, and starts again a week later (LOAXA_NOW). At that
// start it combs the week it was off and logs every hourly programme it missed (three items
// each, reason station_off: daemon/scheduler_misfires.cpp), then airs the 05:30 programme on
// the null output while it syncs: 3 + 167 × 3 + 3 = 507 rows, hash-chained as loaxad writes
// them, in batches of 20.

#include "faulty_proxy.hpp"
#include "sync_rig.hpp"

#include "store/hub_sync_store.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace loaxa::sync::test;
using namespace std::chrono_literals;
namespace store = loaxa::store;

namespace {

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("a week off-line, then a network losing 10 % of requests: the hub holds the station's log exactly",
          "[sync][process]") {
  loaxa::test::TempDir hub_dir;
  const auto hub_home = hub_dir / "hub";
  const std::string key = new_hub(hub_home);
  // Seeded: the 7th and 13th connections once the network is back lose their requests, the
  // 21st its answer; the sync needs 27 at least (a heartbeat, 26 batches), so both happen.
  FaultyProxy proxy(0, 20270111);
  proxy.set_network_up(false);
  HourlyStation station;
  station.connect_to(proxy.url(), key, 20);
  PretendTime time(local("2027-01-04T05:29:55"));
  air_first_programme(station, time);

  // A week later. The network is still down: the week's rows wait in the outbox.
  time.jump_to(local("2027-01-11T05:29:50"));
  auto hub = start_hub(hub_home, time);
  proxy.set_upstream(hub->port());
  Loaxad daemon(station.home(), station.log(), time.loaxa_now());
  const bool waiting = wait_for(
      [&] {
        return station_latest_seq(station) >= 504 &&
               store::HubSyncStore(station.fixture.station.db(), station.hub_url).load().last_error.has_value();
      },
      60s);
  REQUIRE(waiting);
  const auto status = station_status_hub(station);
  CHECK(status["acked_seq"] == 0);
  CHECK(status["outbox_depth"].get<std::int64_t>() >= 504);
  CHECK(status["last_error"].is_string());
  CHECK(hub_acked(hub_home) == 0);
  CHECK(proxy.counts().refused >= 1);

  // The network is back, losing one request in ten. 05:30's programme airs meanwhile.
  proxy.set_loss(0.10);
  proxy.set_network_up(true);
  const auto started = std::chrono::steady_clock::now();
  const bool synced =
      wait_for([&] { return station_latest_seq(station) == 507 && station_acked(station) == 507; }, 100s);
  const auto took = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  INFO("in sync after " << took.count() << " s");
  CHECK(daemon.terminate() == 0);
  INFO(read_text(station.log()));
  REQUIRE(synced);
  const auto counts = proxy.counts();
  INFO("connections " << counts.accepted << ", lost requests " << counts.lost_requests << ", lost answers "
                      << counts.lost_answers);
  CHECK(counts.lost_requests >= 1);
  CHECK(counts.lost_answers >= 1);

  const auto mine = station_plays(station);
  REQUIRE(mine.size() == 507);
  const auto totals = totals_of(mine);
  CHECK(totals.at("CDS").completed == 4);  // two programmes aired, two CDS items each
  CHECK(totals.at("CDS").missed == 334);
  CHECK(totals.at("CCHC").completed == 2);
  CHECK(totals.at("CCHC").missed == 167);
  check_hub_holds_exactly(station, hub_home, *hub, 507);
  const auto log = read_text(station.log());
  CHECK_THAT(log, Catch::Contains("cannot reach the hub"));
  CHECK_THAT(log, Catch::Contains("the hub answers again"));
}
