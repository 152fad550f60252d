// loaxad as a real process with its amplifier on a GPIO line that cannot be had (this
// machine has no GPIO chip): it says so at start, naming the chip, the line and the
// reason, airs the programme anyway, says at each switching that the amplifier was not
// switched, shows it in `loaxa status`, and stops cleanly. Real time, a few seconds.

#include "../station/station_fixture.hpp"

#include "control/client.hpp"
#include "control/socket_path.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "store/play_store.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <thread>

extern char** environ;

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace station = loaxa::station;
namespace store = loaxa::store;
using namespace std::chrono_literals;

namespace {

// loaxad on `home` at LOAXA_NOW=`now`, in English, its stderr to `err`.
pid_t spawn_loaxad(const std::filesystem::path& home, const std::string& now, const std::filesystem::path& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    if (entry.rfind("LOAXA_NOW=", 0) != 0 && entry.rfind("LANG=", 0) != 0 && entry.rfind("NOTIFY_SOCKET=", 0) != 0) {
      env_text.push_back(entry);
    }
  }
  env_text.push_back("LOAXA_NOW=" + now);
  env_text.push_back("LANG=en_US.UTF-8");
  std::vector<char*> env;
  for (auto& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  std::vector<std::string> args{LOAXAD_PATH, "--home", home.string(), "--output", "null"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data()) == 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

std::vector<store::Play> plays_of(const std::filesystem::path& home) {
  station::Station reader(loaxa::Home{home, loaxa::HomeSource::option},
                          std::make_unique<loaxa::ManualClock>(utc("2027-01-03T21:00")));
  return store::PlayStore(reader.db()).list();
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("loaxad with its amplifier on a GPIO chip that does not exist airs anyway and says why",
          "[daemon][process][amplifier][gpio]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(a)});
  station::SlotRequest request;
  request.programme = "A";
  request.times = {loaxa::schedules::parse_time_of_day("05:30")};
  station::add_slots(s.station, request);
  const auto home = s.station.home().root;
  std::ofstream(home / "loaxa.toml") << "[amplifier]\n"
                                        "gpio_chip = \"/dev/gpiochip-loaxa-absent\"\n"
                                        "gpio_line = 17\n"
                                        "lead = 1\n"
                                        "tail = 0\n";
  const auto err = s.dir / "loaxad.err";

  // 05:29:57 local on Monday: three seconds before the slot, two before the amplifier's lead.
  const pid_t pid = spawn_loaxad(home, "2027-01-04T05:29:57", err);
  bool completed = false;
  for (int i = 0; i < 300 && !completed; ++i) {
    std::this_thread::sleep_for(100ms);
    const auto rows = plays_of(home);
    completed = rows.size() == 1 && rows[0].status == store::PlayStatus::completed;
  }
  std::optional<loaxa::control::DaemonStatus> status_after;
  try {
    status_after = loaxa::control::query_status(
        loaxa::control::socket_path(loaxa::Home{home, loaxa::HomeSource::option}, std::nullopt));
  } catch (const std::exception& e) {
    FAIL_CHECK("control socket: " << e.what());
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  const std::string log = read_text(err);
  INFO(log);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  REQUIRE(completed);  // aired at its time, amplifier or not
  CHECK(*plays_of(home)[0].started_at == utc("2027-01-03T22:30"));

  const std::string cannot = "GPIO line 17 of chip /dev/gpiochip-loaxa-absent cannot be used: cannot open the chip: " +
                             std::string(std::strerror(ENOENT));
  CHECK_THAT(log, Catch::Contains("loaxad[amplifier]: " + cannot));
  CHECK_THAT(log, Catch::Contains("loaxad[amplifier]: amp_on failed: " + cannot));
  CHECK_THAT(log, Catch::Contains("loaxad[amplifier]: amp_off failed: " + cannot));
  // The start's line comes before the daemon's first play.
  CHECK(log.find(cannot) < log.find("amp_on failed"));
  REQUIRE(status_after.has_value());
  REQUIRE(status_after->last_error.has_value());
  CHECK_THAT(*status_after->last_error, Catch::Contains("gpiochip-loaxa-absent"));
}
