// loaxad as a real process: LOAXA_NOW a few seconds before a slot, a WAV file as the
// output, SIGTERM while the second item plays. Real time, a few seconds; nothing is
// asserted about how long anything took.

#include "../station/station_fixture.hpp"

#include "control/client.hpp"
#include "control/socket_path.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "store/play_store.hpp"
#include "support/process.hpp"

#include <sndfile.h>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <csignal>
#include <fstream>
#include <thread>

extern char** environ;

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace station = loaxa::station;
namespace store = loaxa::store;
using namespace std::chrono_literals;

namespace {

// Starts loaxad with LOAXA_NOW set, stderr to a file.
pid_t start_loaxad(const std::filesystem::path& home, const std::string& output, const std::string& now,
                   const std::filesystem::path& err, const std::filesystem::path& notify_socket,
                   const std::vector<std::string>& extra_env = {}) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> env_text;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string(*e).rfind("LOAXA_NOW=", 0) != 0 && std::string(*e).rfind("LANG=", 0) != 0)
      env_text.emplace_back(*e);
  }
  env_text.push_back("LOAXA_NOW=" + now);
  env_text.push_back("LANG=en_US.UTF-8");
  env_text.push_back("NOTIFY_SOCKET=" + notify_socket.string());
  env_text.push_back("WATCHDOG_USEC=1000000");
  env_text.insert(env_text.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> env;
  for (auto& e : env_text) env.push_back(e.data());
  env.push_back(nullptr);
  std::vector<std::string> args{LOAXAD_PATH, "--home", home.string(), "--output", output};
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

// A datagram socket standing in for systemd's notification socket.
struct NotifySocket {
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  explicit NotifySocket(const std::filesystem::path& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.string().copy(address.sun_path, sizeof(address.sun_path) - 1);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  }
  ~NotifySocket() { ::close(fd); }
  // Reads what has arrived (as systemd would, so the sender never finds the queue full).
  void collect() {
    char buffer[512];
    for (;;) {
      const auto n = ::recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
      if (n <= 0) return;
      received.append(buffer, static_cast<std::size_t>(n));
      received += '\n';
    }
  }
  std::string received;  // one message per line
};

// Waits (polling the database, up to a minute) until `done` holds for the plays.
template <typename Done>
bool wait_for(const std::filesystem::path& home, NotifySocket& notify, Done done) {
  for (int i = 0; i < 600; ++i) {
    notify.collect();
    if (done(plays_of(home))) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("loaxad plays a slot into a file, refuses a second instance, stops cleanly on SIGTERM", "[daemon][process]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  const auto b = s.add_segment("CDS", 30.0, 2);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(a), "segment:" + std::to_string(b)});
  station::SlotRequest request;
  request.programme = "A";
  request.times = {loaxa::schedules::parse_time_of_day("05:30")};
  station::add_slots(s.station, request);
  const auto home = s.station.home().root;
  const auto wav = s.dir / "out.wav";
  const auto err = s.dir / "loaxad.err";
  NotifySocket notify(s.dir / "notify");

  // 05:29:57 local on Monday: three seconds before the slot.
  const pid_t pid = start_loaxad(home, "file:" + wav.string(), "2027-01-04T05:29:57", err, s.dir / "notify");
  const bool second_playing = wait_for(home, notify, [](const std::vector<store::Play>& rows) {
    return rows.size() == 2 && rows[1].status == store::PlayStatus::playing;
  });

  // A second daemon on the same home refuses to start.
  const auto second =
      loaxa::test::run_process({LOAXAD_PATH, "--home", home.string(), "--output", "null"}, {{"LANG", "en_US.UTF-8"}});
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.err, Catch::Contains("already running"));

  ::kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  INFO(read_text(err));
  REQUIRE(second_playing);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);

  auto rows = plays_of(home);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].item.position == 0);
  CHECK(rows[0].status == store::PlayStatus::completed);
  CHECK(*rows[0].started_at == utc("2027-01-03T22:30"));
  CHECK(rows[0].frames == 48000);
  CHECK(rows[1].status == store::PlayStatus::interrupted);
  CHECK(rows[1].reason == "stopped");
  CHECK(*rows[1].started_at == utc("2027-01-03T22:30:01"));
  CHECK(rows[1].frames < 30 * 48000);
  CHECK(store::PlayStore(s.station.db()).verify_chain().ok());
  CHECK_THAT(read_text(err), Catch::Contains("loaxad[daemon]") && Catch::Contains("SIGTERM"));
  // systemd heard that it was ready, alive (the watchdog) and stopping.
  notify.collect();
  const std::string& notices = notify.received;
  CHECK_THAT(notices, Catch::Contains("READY=1") && Catch::Contains("WATCHDOG=1") && Catch::Contains("STOPPING=1"));

  // The file holds the first segment's second of audio after the silence before the start.
  SF_INFO info{};
  SNDFILE* file = sf_open(wav.c_str(), SFM_READ, &info);
  REQUIRE(file != nullptr);
  std::vector<float> samples(static_cast<std::size_t>(info.frames * info.channels));
  sf_readf_float(file, samples.data(), info.frames);
  sf_close(file);
  CHECK(info.samplerate == 48000);
  const auto first_sound = std::find_if(samples.begin(), samples.end(), [](float x) { return x != 0.0f; });
  REQUIRE(first_sound != samples.end());
  const auto lead_frames = (first_sound - samples.begin()) / info.channels;
  CHECK(lead_frames > 0);
  CHECK(lead_frames < 3 * 48000);
  CHECK(info.frames >= lead_frames + 48000);
}

TEST_CASE("loaxad plays to the paced null output through its read-ahead streams", "[daemon][process]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 1.0, 1);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(a)});
  station::SlotRequest request;
  request.programme = "A";
  request.times = {loaxa::schedules::parse_time_of_day("05:30")};
  station::add_slots(s.station, request);
  const auto home = s.station.home().root;
  const auto err = s.dir / "loaxad.err";
  NotifySocket notify(s.dir / "notify");

  const pid_t pid = start_loaxad(home, "null", "2027-01-04T05:29:56", err, s.dir / "notify");
  const bool completed = wait_for(home, notify, [](const std::vector<store::Play>& rows) {
    return rows.size() == 1 && rows[0].status == store::PlayStatus::completed;
  });

  // Its control socket answers: status, reload, play (then stop at once), play again, stop
  // with nothing on air.
  const auto socket = loaxa::control::socket_path(loaxa::Home{home, loaxa::HomeSource::option}, std::nullopt);
  using loaxa::control::Command;
  std::optional<loaxa::control::DaemonStatus> daemon_status;
  std::optional<loaxa::control::Response> reloaded, played, stopped, played_again, stopped_idle;
  bool manual_done = false;
  try {
    daemon_status = loaxa::control::query_status(socket);
    reloaded = loaxa::control::request(socket, {Command::reload, 0, std::nullopt});
    played = loaxa::control::request(socket, {Command::play, a, std::nullopt});
    stopped = loaxa::control::request(socket, {Command::stop, 0, std::nullopt});
    played_again = loaxa::control::request(socket, {Command::play, a, std::nullopt});
    manual_done = wait_for(home, notify, [](const std::vector<store::Play>& rows) {
      return rows.size() == 3 && rows[2].status == store::PlayStatus::completed;
    });
    stopped_idle = loaxa::control::request(socket, {Command::stop, 0, std::nullopt});
  } catch (const std::exception& e) {
    FAIL_CHECK("control socket: " << e.what());
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  INFO(read_text(err));
  REQUIRE(completed);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const auto rows = plays_of(home);
  REQUIRE(rows.size() == 3);
  CHECK(*rows[0].started_at == utc("2027-01-03T22:30"));
  CHECK(*rows[0].ended_at == utc("2027-01-03T22:30:01"));
  CHECK(rows[0].frames == 48000);
  // The manual plays: the first stopped at once (before or just after its audio began),
  // the second aired whole.
  CHECK(manual_done);
  CHECK(rows[1].item.occurrence.is_manual());
  CHECK(rows[1].reason == "stopped");
  CHECK(rows[2].item.occurrence.is_manual());
  CHECK(rows[2].frames == 48000);

  REQUIRE(daemon_status.has_value());
  CHECK(daemon_status->home == home.string());
  CHECK(daemon_status->output_device == "null");
  CHECK_FALSE(daemon_status->now_airing.has_value());
  REQUIRE(daemon_status->next.has_value());
  CHECK(daemon_status->next->programme == "A");
  CHECK(daemon_status->next->start == std::chrono::floor<std::chrono::seconds>(utc("2027-01-04T22:30")));
  REQUIRE(reloaded.has_value());
  CHECK(reloaded->ok());
  REQUIRE(played.has_value());
  CHECK(played->ok());
  REQUIRE(stopped.has_value());
  CHECK(stopped->ok());
  REQUIRE(played_again.has_value());
  CHECK(played_again->ok());
  REQUIRE(stopped_idle.has_value());
  REQUIRE_FALSE(stopped_idle->ok());
  CHECK(stopped_idle->error->reason == "nothing_on_air");
  CHECK_FALSE(std::filesystem::exists(socket));  // removed at the stop
}

TEST_CASE("loaxad: an emergency over the socket cuts the programme on air, which goes on after it",
          "[daemon][process][emergency]") {
  StationFixture s;
  const auto a = s.add_segment("CDS", 3.0, 1);
  const auto b = s.add_segment("CDS", 1.0, 2);
  const auto alarm = s.add_segment("CDS", 1.0, 3);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(a), "segment:" + std::to_string(b)});
  station::SlotRequest request;
  request.programme = "A";
  request.times = {loaxa::schedules::parse_time_of_day("05:30")};
  station::add_slots(s.station, request);
  const auto home = s.station.home().root;
  const auto err = s.dir / "loaxad.err";
  NotifySocket notify(s.dir / "notify");

  const pid_t pid = start_loaxad(home, "null", "2027-01-04T05:29:58", err, s.dir / "notify");
  const bool on_air = wait_for(home, notify, [](const std::vector<store::Play>& rows) { return rows.size() == 1; });
  const auto socket = loaxa::control::socket_path(loaxa::Home{home, loaxa::HomeSource::option}, std::nullopt);
  std::optional<loaxa::control::Response> answered;
  std::optional<loaxa::control::DaemonStatus> during;
  bool done = false;
  if (on_air) {
    std::this_thread::sleep_for(500ms);
    try {
      loaxa::control::Request emergency{loaxa::control::Command::emergency, alarm, std::nullopt};
      answered = loaxa::control::request(socket, emergency);
      std::this_thread::sleep_for(400ms);
      during = loaxa::control::query_status(socket);
    } catch (const std::exception& e) {
      FAIL_CHECK("control socket: " << e.what());
    }
    done = wait_for(home, notify, [](const std::vector<store::Play>& rows) {
      return rows.size() == 3 && rows[2].status == store::PlayStatus::completed;
    });
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  INFO(read_text(err));
  REQUIRE(on_air);
  REQUIRE(answered.has_value());
  CHECK(answered->ok());
  REQUIRE(done);
  auto rows = plays_of(home);
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].item.segment_id == a);
  CHECK(rows[0].status == store::PlayStatus::interrupted);
  CHECK(rows[0].reason == "preempted");
  CHECK(rows[1].item.segment_id == alarm);
  CHECK(rows[1].item.level == store::PlayLevel::emergency);
  CHECK(rows[1].status == store::PlayStatus::completed);
  CHECK(rows[1].frames == 48000);
  const passwd* me = ::getpwuid(::getuid());
  REQUIRE(me != nullptr);
  CHECK_THAT(rows[1].item.occurrence.text(), Catch::EndsWith(std::string(" by ") + me->pw_name));
  CHECK(rows[2].item.segment_id == b);
  CHECK(rows[2].status == store::PlayStatus::completed);
  CHECK(*rows[2].started_at >= *rows[1].ended_at);
  CHECK(*rows[1].started_at >= *rows[0].ended_at);
  REQUIRE(during.has_value());
  REQUIRE(during->now_airing.has_value());
  CHECK(during->now_airing->level == "emergency");
}

TEST_CASE(
    "loaxad under libfaketime: a real step of the wall clock, the occurrence jumped over missed, a later one late",
    "[daemon][process][clock]") {
#if defined(__SANITIZE_ADDRESS__)
  WARN("skipped: libfaketime cannot be preloaded before the address sanitizer's runtime");
  return;
#else
  const std::filesystem::path faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
  REQUIRE(std::filesystem::exists(faketime));  // scripts/setup installs libfaketime
  StationFixture s;
  const auto a = s.add_segment("CDS", 6.0, 1);
  station::add_programme(s.station, "A", {"segment:" + std::to_string(a)});
  station::SlotRequest request;
  request.programme = "A";
  request.times = {loaxa::schedules::parse_time_of_day("05:30"), loaxa::schedules::parse_time_of_day("05:45"),
                   loaxa::schedules::parse_time_of_day("06:10")};
  station::add_slots(s.station, request);
  const auto home = s.station.home().root;
  const auto err = s.dir / "loaxad.err";
  const auto offset = s.dir / "faketime.rc";
  std::ofstream(offset) << "+0\n";
  NotifySocket notify(s.dir / "notify");

  // The real clock functions, moved by libfaketime as the file says (read at every call);
  // the monotonic clock is left alone, as an NTP step leaves it — timerfd deadlines included,
  // which real_timerfd.cpp keeps from libfaketime.
  const std::string preload = std::string(REAL_TIMERFD_PATH) + ":" + faketime.string();
  const pid_t pid = start_loaxad(home, "null", "2027-01-04T05:29:58", err, s.dir / "notify",
                                 {"LD_PRELOAD=" + preload, "FAKETIME_TIMESTAMP_FILE=" + offset.string(),
                                  "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1"});
  const bool on_air = wait_for(home, notify, [](const std::vector<store::Play>& rows) { return rows.size() == 1; });
  // While 05:30 plays, the wall clock steps 41 minutes ahead: 05:45 is past its max_wait
  // (10 min), 06:10 is a minute late.
  std::ofstream(offset) << "+41m\n";
  const bool done = on_air && wait_for(home, notify, [](const std::vector<store::Play>& rows) {
                      return rows.size() == 3 && rows[2].status == store::PlayStatus::completed;
                    });
  ::kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  const auto log = read_text(err);
  INFO(log);
  REQUIRE(on_air);
  REQUIRE(done);
  CHECK(WIFEXITED(status));
  auto rows = plays_of(home);
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
  REQUIRE(rows.size() == 3);
  CHECK(*rows[0].item.scheduled_start == utc("2027-01-03T22:30"));
  CHECK(rows[0].status == store::PlayStatus::completed);
  CHECK(*rows[1].item.scheduled_start == utc("2027-01-03T22:45"));
  CHECK(rows[1].status == store::PlayStatus::missed);
  CHECK_FALSE(rows[1].started_at.has_value());
  CHECK(*rows[2].item.scheduled_start == utc("2027-01-03T23:10"));
  CHECK(rows[2].status == store::PlayStatus::completed);
  CHECK(*rows[2].started_at > utc("2027-01-03T23:10:30"));  // late, by about a minute
  CHECK(*rows[2].started_at < utc("2027-01-03T23:12"));
  CHECK(log.find("the clock moved by 2460 s") != std::string::npos);
#endif
}

TEST_CASE("loaxad --check-output says whether the output works, and why not", "[daemon][process]") {
  StationFixture s;
  const auto home = s.station.home().root.string();
  const std::map<std::string, std::string> english{{"LANG", "en_US.UTF-8"}};
  auto null = loaxa::test::run_process({LOAXAD_PATH, "--home", home, "--output", "null", "--check-output"}, english);
  CHECK(null.exit_code == 0);
  CHECK(null.out == "the output null works\n");
  const auto wav = s.dir / "check.wav";
  auto file = loaxa::test::run_process(
      {LOAXAD_PATH, "--home", home, "--output", "file:" + wav.string(), "--check-output"}, english);
  CHECK(file.exit_code == 0);
  CHECK(std::filesystem::exists(wav));
  auto bad = loaxa::test::run_process({LOAXAD_PATH, "--home", home, "--output", "speaker", "--check-output"}, english);
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("the output 'speaker' is not understood"));
  // Nothing of the station was touched: no as-run rows, no lock left behind.
  CHECK(plays_of(s.station.home().root).empty());
}
