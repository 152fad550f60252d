// A real loaxad syncing with a real loaxa-hub over loopback HTTP: a programme airs, its play
// reaches the hub (BeastTransport, the signature, the hub's checks); then the hub stops and
// the next play (`loaxa play`) waits in the outbox, the trouble recorded. (Catching up after days off-line
// through a lossy network: syncer_test.cpp, against the hub's real API.)

#include "../hub/hub_process.hpp"
#include "../station/station_fixture.hpp"

#include "control/client.hpp"
#include "control/socket_path.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "store/hub_sync_store.hpp"
#include "store/play_store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <thread>

extern char** environ;

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace hubtest = loaxa::hub::test;
namespace station = loaxa::station;
namespace store = loaxa::store;
using namespace std::chrono_literals;

namespace {

// Everything started here sees the same moved "now" (LOAXA_NOW is read at each start), and
// speaks English (the log is checked).
struct MovedNow {
  explicit MovedNow(const char* at) {
    ::setenv("LOAXA_NOW", at, 1);
    if (const char* lang = std::getenv("LANG")) saved_lang = lang;
    ::setenv("LANG", "en_US.UTF-8", 1);
  }
  ~MovedNow() {
    ::unsetenv("LOAXA_NOW");
    if (saved_lang) {
      ::setenv("LANG", saved_lang->c_str(), 1);
    } else {
      ::unsetenv("LANG");
    }
  }
  std::optional<std::string> saved_lang;
};

pid_t start_loaxad(const std::filesystem::path& home, const std::filesystem::path& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args{LOAXAD_PATH, "--home", home.string(), "--output", "null"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

std::int64_t hub_acked(const std::filesystem::path& hub_home) {
  const auto shown = hubtest::run_hub(hub_home, {"--json", "station", "show", "xa-moi"});
  if (shown.exit_code != 0) return -1;
  return nlohmann::json::parse(shown.out).value("acked_seq", std::int64_t{-1});
}

template <typename Done>
bool wait_for(Done done, std::chrono::seconds limit = 60s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(200ms);
  }
  return done();
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("loaxad sends its as-run log to a real hub, and with the hub down plays wait in the outbox",
          "[sync][process]") {
  MovedNow now("2027-01-04T05:29:56");
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(a)});
  station::SlotRequest request;
  request.programme = "A";
  request.times = {loaxa::schedules::parse_time_of_day("05:30")};
  station::add_slots(s.station, request);

  loaxa::test::TempDir hub_dir;
  const auto hub_home = hub_dir / "hub";
  const std::string key = hubtest::add_station(hub_home, "xa-moi");
  auto hub = std::make_unique<hubtest::HubProcess>(hub_home);
  const std::string url = "http://127.0.0.1:" + std::to_string(hub->port());
  {
    std::ofstream toml(s.station.home().root / "loaxa.toml", std::ios::app);
    toml << "\n[hub]\nurl = \"" << url << "\"\nkey = \"" << key << "\"\n";
  }
  std::ofstream(s.station.home().root / "loaxa.toml", std::ios::app)
      << "interval = 1\n";  // look at the outbox every second (the test waits less)

  const auto err = s.dir / "loaxad.err";
  const pid_t daemon = start_loaxad(s.station.home().root, err);
  // 05:30's play reaches the hub.
  const bool first = wait_for([&] { return hub_acked(hub_home) == 1; });
  // Its plan went before it: the week from 4 January, 05:30 each day, is the month's plays
  // scheduled at the hub.
  const auto report = hubtest::run_hub(hub_home, {"--json", "report", "--month", "2027-01"});
  REQUIRE(report.exit_code == 0);
  std::optional<std::int64_t> scheduled;
  const auto report_json = nlohmann::json::parse(report.out);
  for (const auto& row : report_json.at("rows")) {
    if (row.at("station_id") == "xa-moi" && row.at("category") == "CDS" && !row.at("plays_scheduled").is_null()) {
      scheduled = row.at("plays_scheduled").get<std::int64_t>();
    }
  }
  INFO(report.out);
  CHECK(scheduled == std::optional<std::int64_t>(7));
  // The hub goes down: the next play (the operator's, now) waits in the outbox, the trouble
  // is recorded.
  hub->stop();
  hub.reset();
  const auto socket =
      loaxa::control::socket_path(loaxa::Home{s.station.home().root, loaxa::HomeSource::option}, std::nullopt);
  const auto played = loaxa::control::request(socket, {loaxa::control::Command::play, a, std::nullopt});
  CHECK(played.ok());
  station::Station reader(loaxa::Home{s.station.home().root, loaxa::HomeSource::option},
                          std::make_unique<loaxa::ManualClock>(utc("2027-01-03T23:00")));
  const bool waiting = wait_for(
      [&] {
        return store::PlayStore(reader.db()).latest_seq() == 2 &&
               store::HubSyncStore(reader.db(), url).load().last_error.has_value();
      },
      90s);
  ::kill(daemon, SIGTERM);
  int status = 0;
  ::waitpid(daemon, &status, 0);
  INFO(read_text(err));
  CHECK(first);
  CHECK(waiting);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const auto state = store::HubSyncStore(reader.db(), url).load();
  CHECK(state.acked_seq == 1);  // the outbox holds seq 2 for when the hub is back
  CHECK(state.last_contact.has_value());
  CHECK_THAT(read_text(err), Catch::Contains("cannot reach the hub"));
}
