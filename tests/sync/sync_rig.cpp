#include "sync_rig.hpp"

#include "hub/report.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/time_zone.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "store/hub_sync_store.hpp"
#include "support/process.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <limits>
#include <set>
#include <stdexcept>

extern char** environ;

namespace loaxa::sync::test {
namespace {

using namespace std::chrono_literals;
namespace hubtest = loaxa::hub::test;

const char* const kStation = "xa-moi";

std::string loaxa_binary() {
  return std::string(LOAXA_BINARY_DIR) + "/bin/loaxa";
}

double one_decimal(double value) {
  return std::round(value * 10.0) / 10.0;
}

}  // namespace

PretendTime::PretendTime(Instant at) : at_(at), since_(std::chrono::steady_clock::now()) {}

Instant PretendTime::now() const {
  return at_ + std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since_);
}

std::string PretendTime::loaxa_now() const {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(now()));
  std::tm parts{};
  ::gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

void PretendTime::jump_to(Instant at) {
  at_ = at;
  since_ = std::chrono::steady_clock::now();
}

Loaxad::Loaxad(const std::filesystem::path& home, const std::filesystem::path& log, const std::string& loaxa_now) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (text.starts_with("LOAXA_NOW=") || text.starts_with("LANG=") || text.starts_with("LC_ALL=")) continue;
    env.emplace_back(text);
  }
  env.push_back("LOAXA_NOW=" + loaxa_now);
  env.push_back("LANG=en_US.UTF-8");
  std::vector<char*> envp;
  for (auto& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);

  std::vector<std::string> args{LOAXAD_PATH, "--home", home.string(), "--output", "null"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  const int failed = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (failed != 0) throw std::runtime_error("cannot start " + std::string(LOAXAD_PATH));
}

Loaxad::~Loaxad() {
  kill_now();
}

void Loaxad::kill_now() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

int Loaxad::terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Instant local(const std::string& text) {
  return schedules::TimeZone(schedules::TimeZone::default_name).to_utc(schedules::parse_date_time(text));
}

HourlyStation::HourlyStation(int item_count) : fixture(local("2027-01-04T04:00")), items(item_count) {
  std::vector<std::string> programme;
  for (int i = 0; i < items; ++i) {
    const auto segment = fixture.add_segment(i % 2 == 0 ? "CDS" : "CCHC", items > 3 ? 0.2 : 0.5, i + 1);
    programme.push_back("segment:" + std::to_string(segment));
  }
  station::add_programme(fixture.station, "Bản tin", programme);
  station::SlotRequest request;
  request.programme = "Bản tin";
  for (int hour = 0; hour < 24; ++hour) {
    request.times.push_back(schedules::parse_time_of_day(fmt::format("{:02}:30", hour)));
  }
  station::add_slots(fixture.station, request);
}

void HourlyStation::connect_to(const std::string& url, const std::string& key, int batch_size) {
  hub_url = url;
  std::ofstream toml(home() / "loaxa.toml", std::ios::app);
  toml << "\n[hub]\nurl = \"" << url << "\"\nstation_id = \"" << kStation << "\"\nkey = \"" << key
       << "\"\nbatch_size = " << batch_size << "\ninterval = 1\nheartbeat = 30\n";
}

void air_first_programme(HourlyStation& station, PretendTime& time) {
  time.jump_to(local("2027-01-04T05:29:55"));
  Loaxad daemon(station.home(), station.log(), time.loaxa_now());
  const bool aired = wait_for([&] { return station_latest_seq(station) == station.items; }, 60s);
  daemon.terminate();
  if (!aired) throw std::runtime_error("the 05:30 programme did not air");
}

std::vector<store::Play> station_plays(HourlyStation& station) {
  return store::PlayStore(station.fixture.station.db()).final_after(0, std::numeric_limits<std::size_t>::max());
}

std::int64_t station_latest_seq(HourlyStation& station) {
  return store::PlayStore(station.fixture.station.db()).latest_seq();
}

std::int64_t station_acked(HourlyStation& station) {
  return store::HubSyncStore(station.fixture.station.db(), station.hub_url).load().acked_seq;
}

nlohmann::json station_status_hub(HourlyStation& station) {
  const auto result = loaxa::test::run_process({loaxa_binary(), "--home", station.home().string(), "--json", "status"});
  if (result.exit_code != 0) throw std::runtime_error("loaxa status failed: " + result.err);
  return nlohmann::json::parse(result.out).at("hub");
}

std::string new_hub(const std::filesystem::path& hub_home) {
  return hubtest::add_station(hub_home, kStation);
}

std::unique_ptr<hubtest::HubProcess> start_hub(const std::filesystem::path& hub_home, const PretendTime& time) {
  // HubProcess passes the test's environment on: LOAXA_NOW is set only while it starts.
  ::setenv("LOAXA_NOW", time.loaxa_now().c_str(), 1);
  try {
    auto hub = std::make_unique<hubtest::HubProcess>(hub_home);
    ::unsetenv("LOAXA_NOW");
    return hub;
  } catch (...) {
    ::unsetenv("LOAXA_NOW");
    throw;
  }
}

nlohmann::json hub_station(const std::filesystem::path& hub_home) {
  const auto shown = hubtest::run_hub(hub_home, {"--json", "station", "show", kStation});
  if (shown.exit_code != 0) throw std::runtime_error("station show failed: " + shown.err);
  return nlohmann::json::parse(shown.out);
}

std::int64_t hub_acked(const std::filesystem::path& hub_home) {
  const auto shown = hubtest::run_hub(hub_home, {"--json", "station", "show", kStation});
  if (shown.exit_code != 0) return -1;
  return nlohmann::json::parse(shown.out).value("acked_seq", std::int64_t{-1});
}

nlohmann::json hub_report(const std::filesystem::path& hub_home) {
  const auto result = hubtest::run_hub(hub_home, {"report", "--month", "2027-01", "--format", "json"});
  if (result.exit_code != 0) throw std::runtime_error("report failed: " + result.err);
  return nlohmann::json::parse(result.out);
}

nlohmann::json hub_station_plays(const std::filesystem::path& hub_home) {
  const auto result = hubtest::run_hub(
      hub_home, {"report", "--station", kStation, "--from", "2027-01-01", "--to", "2027-01-31", "--format", "json"});
  if (result.exit_code != 0) throw std::runtime_error("report --station failed: " + result.err);
  return nlohmann::json::parse(result.out).at("plays");
}

std::vector<store::Play> hub_rows(const std::filesystem::path& hub_home) {
  hub::SqliteHubStore store(hub_home / "hub.db");
  return store.plays(kStation);
}

std::map<std::string, CategoryTotals> totals_of(const std::vector<store::Play>& plays) {
  std::map<std::string, std::int64_t> frames;
  std::map<std::string, CategoryTotals> totals;
  for (const auto& play : plays) {
    auto& total = totals[play.item.category];
    if (play.status == store::PlayStatus::completed) ++total.completed;
    if (play.status == store::PlayStatus::missed) ++total.missed;
    if (play.status == store::PlayStatus::interrupted) ++total.interrupted;
    frames[play.item.category] += play.frames;
  }
  for (auto& [category, total] : totals) total.minutes_aired = one_decimal(hub::minutes_aired(frames[category]));
  return totals;
}

std::map<std::string, CategoryTotals> totals_of_report(const nlohmann::json& report) {
  std::map<std::string, CategoryTotals> totals;
  for (const auto& row : report.at("rows")) {
    if (row.at("station_id") != kStation || row.at("category").is_null()) continue;
    auto& total = totals[row.at("category").get<std::string>()];
    total.completed = row.at("plays_completed").get<std::int64_t>();
    total.missed = row.at("missed").get<std::int64_t>();
    total.interrupted = row.at("interrupted").get<std::int64_t>();
    total.minutes_aired = row.at("minutes_aired").get<double>();
  }
  return totals;
}

void check_hub_holds_exactly(HourlyStation& station, const std::filesystem::path& hub_home, hubtest::HubProcess& hub,
                             std::int64_t rows) {
  CHECK(station_latest_seq(station) == rows);
  CHECK(station_acked(station) == rows);
  CHECK(hub_acked(hub_home) == rows);
  const auto mine = station_plays(station);
  REQUIRE(mine.size() == static_cast<std::size_t>(rows));
  CHECK(totals_of_report(hub_report(hub_home)) == totals_of(mine));
  std::set<std::int64_t> seqs;
  const auto listed = hub_station_plays(hub_home);
  for (const auto& play : listed) seqs.insert(play.at("seq").get<std::int64_t>());
  CHECK(listed.size() == mine.size());  // no duplicates…
  CHECK(seqs.size() == mine.size());
  CHECK(*seqs.begin() == 1);  // …and no gaps: 1…rows once each
  CHECK(*seqs.rbegin() == rows);
  const auto shown = hub_station(hub_home);
  CHECK(shown["flags"] == 0);
  CHECK(shown["flag"].is_null());
  CHECK_FALSE(store::HubSyncStore(station.fixture.station.db(), station.hub_url).load().conflict.has_value());

  CHECK(hub.stop() == 0);
  const auto held = hub_rows(hub_home);
  REQUIRE(held.size() == mine.size());
  int different = 0;
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (held[i].seq != mine[i].seq || held[i].hash != mine[i].hash ||
        store::canonical_form(held[i]) != store::canonical_form(mine[i])) {
      ++different;
    }
  }
  CHECK(different == 0);
}

}  // namespace loaxa::sync::test
