// SIGKILL of either side while a real loaxad sends its as-run log to a real `loaxa-hub
// serve` on loopback: the station's outbox is a week of plays loaxad logged itself (it aired
// on Monday 4 January, then started again a week later and logged the 168 hourly
// programmes it missed: 3 + 168 × 3 = 507 rows), sent in batches of 20 through a proxy that
// holds each answer a moment (faulty_proxy.hpp) so that requests are in flight when the
// kill comes. After every kill the killed side starts again; at the end the hub holds
// exactly the station's log, and the station is not flagged (the hub flags a station that
// sends a row conflicting with what it holds).

#include "faulty_proxy.hpp"
#include "sync_rig.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

using namespace loaxa::sync::test;
using namespace std::chrono_literals;
using Counts = FaultyProxy::Counts;

namespace {

constexpr std::int64_t kRows = 507;

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A station that aired on Monday 4 January and was off until now, 05:45 on the 11th: its
// next start logs the week it missed. The hub has nothing yet.
struct WeekOff {
  WeekOff() {
    key = new_hub(hub_home);
    proxy.set_network_up(false);
    station.connect_to(proxy.url(), key, 20);
    air_first_programme(station, time);
    time.jump_to(local("2027-01-11T05:45:00"));
    hub = start_hub(hub_home, time);
    proxy.set_upstream(hub->port());
    proxy.set_network_up(true);
  }

  loaxa::test::TempDir hub_dir;
  std::filesystem::path hub_home = hub_dir / "hub";
  std::string key;
  FaultyProxy proxy{0, 20270104};
  HourlyStation station;
  PretendTime time{local("2027-01-04T05:29:55")};
  std::unique_ptr<loaxa::hub::test::HubProcess> hub;
};

}  // namespace

TEST_CASE("loaxad killed (SIGKILL) six times while it sends: the hub holds the station's log exactly, not flagged",
          "[sync][process]") {
  WeekOff w;
  w.proxy.set_answer_delay(250ms);
  std::mt19937 random(20270111);
  int caught_waiting = 0;  // kills after the hub stored a batch whose answer the station never had
  for (int kill = 0; kill < 6; ++kill) {
    const Counts before = w.proxy.counts();
    Loaxad daemon(w.station.home(), w.station.log(), w.time.loaxa_now());
    if (kill % 2 == 0) {
      // While the hub's answer is held: it has stored a batch, the station waits for its
      // word. After the heartbeat's answer and one to three batches' answers.
      const auto answers = before.answers_begun + 1 + random() % 3;
      REQUIRE(w.proxy.wait_until_above(&Counts::answers_begun, answers, 60s));
    } else {
      // At a random moment once a batch has gone (the heartbeat goes first).
      REQUIRE(w.proxy.wait_until_above(&Counts::at_hub, before.at_hub + 1, 60s));
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 400));
    }
    daemon.kill_now();
    const auto station_holds = station_acked(w.station);
    const auto hub_holds = hub_acked(w.hub_home);
    INFO("kill " << kill << ": the station knew of " << station_holds << ", the hub held " << hub_holds);
    CHECK(station_holds < kRows);  // killed while it had plays to send
    CHECK(hub_holds >= station_holds);
    if (hub_holds > station_holds) ++caught_waiting;
  }
  CHECK(caught_waiting >= 1);

  Loaxad daemon(w.station.home(), w.station.log(), w.time.loaxa_now());
  const auto started = std::chrono::steady_clock::now();
  const bool synced = wait_for([&] { return station_acked(w.station) == kRows; }, 60s);
  INFO(
      "in sync " << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count()
                 << " s after the last start");
  CHECK(daemon.terminate() == 0);
  INFO(read_text(w.station.log()));
  REQUIRE(synced);
  check_hub_holds_exactly(w.station, w.hub_home, *w.hub, kRows);
}

TEST_CASE("the hub killed (SIGKILL) three times while a real loaxad sends: restarted, it holds the log exactly",
          "[sync][process]") {
  WeekOff w;
  w.proxy.set_answer_delay(100ms);
  Loaxad daemon(w.station.home(), w.station.log(), w.time.loaxa_now());
  // A request reaches the hub and it is killed at once, or a few milliseconds on: while it
  // reads the batch, stores it, or answers.
  const std::chrono::milliseconds after[] = {0ms, 3ms, 15ms};
  for (const auto pause : after) {
    const Counts before = w.proxy.counts();
    REQUIRE(w.proxy.wait_until_above(&Counts::at_hub, before.at_hub + 1, 60s));
    std::this_thread::sleep_for(pause);
    w.hub->kill_now();
    INFO("killed " << pause.count() << " ms after a request reached it; it held " << hub_acked(w.hub_home)
                   << ", the station knew of " << station_acked(w.station));
    CHECK(station_acked(w.station) < kRows);  // plays were still to send
    // The same home, a new port (the proxy follows); loaxad tries again on its backoff.
    w.hub = start_hub(w.hub_home, w.time);
    w.proxy.set_upstream(w.hub->port());
  }
  const auto started = std::chrono::steady_clock::now();
  const bool synced = wait_for([&] { return station_acked(w.station) == kRows; }, 90s);
  INFO(
      "in sync " << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count()
                 << " s after the last restart");
  CHECK(daemon.terminate() == 0);
  const auto log = read_text(w.station.log());
  INFO(log);
  REQUIRE(synced);
  CHECK_THAT(log, Catch::Contains("cannot reach the hub"));
  check_hub_holds_exactly(w.station, w.hub_home, *w.hub, kRows);
}
