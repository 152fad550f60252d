#pragma once
// What the process tests of the sync share: a station home with an hourly schedule, a real
// loaxad on it (null output) and a real loaxa-hub, on a pretended clock that every process
// they start agrees on, and the checks that the hub holds exactly the station's log.

#include "../hub/hub_process.hpp"
#include "../station/station_fixture.hpp"

#include "common/clock.hpp"
#include "store/play_store.hpp"

#include <sys/types.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace loaxa::sync::test {

// "Now" for every process a test starts: a moment it pretends, going on in real time, so the
// station and the hub, started and restarted at different moments, agree on the time (the
// hub refuses a timestamp more than 300 s off). Processes read it from LOAXA_NOW.
class PretendTime {
 public:
  explicit PretendTime(Instant at);
  Instant now() const;
  // "2027-01-10T22:29:50Z": now(), to the second, for LOAXA_NOW.
  std::string loaxa_now() const;
  // From here on, now() goes on from `at`.
  void jump_to(Instant at);

 private:
  Instant at_;
  std::chrono::steady_clock::time_point since_;
};

// A real `loaxad --home HOME --output null`, LOAXA_NOW and LANG=en in its environment
// (nothing else changed), its stderr appended to `log`.
class Loaxad {
 public:
  Loaxad(const std::filesystem::path& home, const std::filesystem::path& log, const std::string& loaxa_now);
  ~Loaxad();  // SIGKILL if it still runs (a test that failed part-way)
  Loaxad(const Loaxad&) = delete;
  Loaxad& operator=(const Loaxad&) = delete;

  // SIGKILL: a crash or a power cut, whatever it was doing.
  void kill_now();
  // SIGTERM, then waits; the exit code, or -1 when a signal ended it.
  int terminate();

 private:
  pid_t pid_ = -1;
};

// A station (xa-moi) whose programme "Bản tin" — `items` short tones, CDS, CCHC, CDS, CCHC… —
// airs every hour at :30 from Monday 4 January 2027, and whose [hub] points at `hub_url`.
struct HourlyStation {
  explicit HourlyStation(int items = 3);
  // Appends [hub] to loaxa.toml: small batches, the outbox looked at every second.
  void connect_to(const std::string& hub_url, const std::string& key, int batch_size);
  const std::filesystem::path& home() const { return fixture.station.home().root; }
  std::filesystem::path log() const { return fixture.dir / "loaxad.log"; }

  loaxa::test::StationFixture fixture;
  int items;
  std::string hub_url;
};

// The instant of a local time in the station's zone (Asia/Ho_Chi_Minh), "2027-01-04T05:29:55".
Instant local(const std::string& text);

// Runs loaxad from 05:29:55 on Monday 4 January until the 05:30 programme is in the log
// (a completed play per item), then stops it: the station has aired, so a later start combs
// the time it was off for what it missed (daemon/scheduler_misfires.cpp).
void air_first_programme(HourlyStation& station, PretendTime& time);

// The station's own log, read from its database: every final row.
std::vector<store::Play> station_plays(HourlyStation& station);
std::int64_t station_latest_seq(HourlyStation& station);
// What the station keeps of the hub's answers (store/hub_sync_store.hpp).
std::int64_t station_acked(HourlyStation& station);
// `loaxa --json status`'s "hub" object.
nlohmann::json station_status_hub(HourlyStation& station);

// The hub's side, through the `loaxa-hub` program. The hub is one station's: xa-moi.
// Adds xa-moi to a new hub home; returns its key.
std::string new_hub(const std::filesystem::path& hub_home);
// `loaxa-hub serve` on 127.0.0.1 (a port the system picks), its clock at time.now().
std::unique_ptr<hub::test::HubProcess> start_hub(const std::filesystem::path& hub_home, const PretendTime& time);
nlohmann::json hub_station(const std::filesystem::path& hub_home);  // station show xa-moi
std::int64_t hub_acked(const std::filesystem::path& hub_home);      // -1 when it cannot be read
// `loaxa-hub report --month 2027-01 --format json`
nlohmann::json hub_report(const std::filesystem::path& hub_home);
// `loaxa-hub report --station xa-moi --from 2027-01-01 --to 2027-01-31 --format json`: the plays.
nlohmann::json hub_station_plays(const std::filesystem::path& hub_home);
// The rows hub.db holds for xa-moi, read with the hub's own store (the hub stopped).
std::vector<store::Play> hub_rows(const std::filesystem::path& hub_home);

// Per category: completed, missed, interrupted, minutes aired (as the report rounds them).
struct CategoryTotals {
  std::int64_t completed = 0;
  std::int64_t missed = 0;
  std::int64_t interrupted = 0;
  double minutes_aired = 0;
  bool operator==(const CategoryTotals&) const = default;
};
std::map<std::string, CategoryTotals> totals_of(const std::vector<store::Play>& plays);
std::map<std::string, CategoryTotals> totals_of_report(const nlohmann::json& report);

// Catch2 checks that the hub holds exactly the station's `rows` plays: seq 1…rows once
// each, the report's totals per category equal to the station's own, the station neither
// flagged on the hub nor holding a conflict; then stops the hub and compares every row it
// stored with the station's (seq, hash, canonical form).
void check_hub_holds_exactly(HourlyStation& station, const std::filesystem::path& hub_home, hub::test::HubProcess& hub,
                             std::int64_t rows);

// Polls `done` every 100 ms until it holds or `limit` passes.
template <typename Done>
bool wait_for(Done done, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

}  // namespace loaxa::sync::test
