// batch_size at the most loaxa.toml allows (5 000) and a week off-line of a station whose
// hourly programme has 20 items: 20 + 168 × 20 = 3 380 plays wait, about 1.4 MB of JSON
// (some 415 bytes a row) — over the 1 MiB the hub takes in one request (413, docs/HUB.md).
// A real loaxad and a real `loaxa-hub serve`: the station splits what it sends so that every
// request fits, and the hub ends up holding exactly the station's log. (Before the fix the
// same batch was sent and refused forever, on the backoff, and nothing after it ever
// reached the hub.)

#include "faulty_proxy.hpp"
#include "sync_rig.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace loaxa::sync::test;
using namespace std::chrono_literals;

TEST_CASE("batch_size 5000 and a week of 20-item programmes waiting: every request fits under the hub's 1 MiB",
          "[sync][process]") {
  constexpr std::int64_t kRows = 20 + 168 * 20;
  loaxa::test::TempDir hub_dir;
  const auto hub_home = hub_dir / "hub";
  const std::string key = new_hub(hub_home);
  FaultyProxy proxy(0, 1);
  proxy.set_network_up(false);
  HourlyStation station(20);
  station.connect_to(proxy.url(), key, 5000);
  PretendTime time(local("2027-01-04T05:29:55"));
  air_first_programme(station, time);

  time.jump_to(local("2027-01-11T05:45:00"));
  auto hub = start_hub(hub_home, time);
  proxy.set_upstream(hub->port());
  proxy.set_network_up(true);
  Loaxad daemon(station.home(), station.log(), time.loaxa_now());
  const bool synced = wait_for([&] { return station_acked(station) == kRows; }, 60s);
  CHECK(daemon.terminate() == 0);
  std::ifstream in(station.log());
  const std::string log{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  INFO(log);
  REQUIRE(synced);
  CHECK_THAT(log, !Catch::Contains("413"));  // never refused as too large
  // A heartbeat and at least two requests of plays: 3 380 rows do not fit in one.
  CHECK(proxy.counts().answers_relayed >= 3);
  check_hub_holds_exactly(station, hub_home, *hub, kRows);
}
