#pragma once
// Shared by the hub benchmarks: a real `loaxa-hub` process on 127.0.0.1, stations added as an
// operator adds them (`loaxa-hub station add … --json`), realistic plays with a valid seq and
// hash chain built with the station's own code (store::chain_hash, wire::play_to_json), the
// X-Loaxa-* headers signed with wire::sign_request, and /proc readings of the hub.

#include "store/play_store.hpp"

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace loaxa::bench {

// Runs `argv` (no shell), returns what it printed on stdout. Throws std::runtime_error when
// it cannot start or exits non-zero.
std::string run_capture(const std::vector<std::string>& argv);

// `loaxa-hub --home HOME --lang en station add ID --name … --json`; returns the key (64 hex).
std::string add_station(const std::string& hub_binary, const std::filesystem::path& home, const std::string& id);

// `loaxa-hub --home HOME --lang en serve --listen 127.0.0.1:0 EXTRA…`, started and waited for
// (the line naming its port); SIGTERM and reaped when destroyed.
class HubServer {
 public:
  HubServer(const std::string& hub_binary, const std::filesystem::path& home, const std::vector<std::string>& extra);
  ~HubServer();
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;

  unsigned short port() const noexcept { return port_; }
  pid_t pid() const noexcept { return pid_; }
  // SIGTERM, then waits (SIGKILL after 10 s). Returns the exit status (-1 when killed).
  int stop();

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  unsigned short port_ = 0;
};

// From /proc/PID/status (KiB) and /proc/PID/stat (seconds of CPU, user + system).
struct ProcReading {
  long vm_rss_kib = 0;
  long vm_hwm_kib = 0;
  double cpu_s = 0;
};
ProcReading read_proc(pid_t pid);
// This process's own CPU seconds (user + system), for the client's share of the machine.
double own_cpu_seconds();

// A station's as-run log as a station writes it: two sessions a day (05:00 and 17:00
// Asia/Ho_Chi_Minh) of a programme of a jingle, news, a relay and campaign items, now and then
// a priority item or a manual announcement; mostly completed, a few interrupted, skipped,
// missed or failed. Each play is final with its seq and hash chained from `previous_hash`.
class PlayMaker {
 public:
  explicit PlayMaker(std::uint64_t seed);
  // `count` plays with seq first_seq, first_seq + 1, …; previous_hash is updated to the last.
  std::vector<store::Play> next(std::int64_t first_seq, std::size_t count, std::string& previous_hash);

 private:
  store::Play one();
  std::mt19937_64 random_;
  std::int64_t day_ = 0;
  int session_ = 0;
  int position_ = 0;
  int items_in_session_ = 6;
  schedules::UtcTime cursor_{};
};

// {"station_id":"…","plays":[…]} with each row from wire::play_to_json.
std::string plays_body(const std::string& station, const store::Play* first, std::size_t count);
// A heartbeat body as the station's Syncer writes it.
std::string heartbeat_body(const std::string& station, std::int64_t uptime_s, std::int64_t outbox_depth);

// The four X-Loaxa-* headers for POST `path` with `body`: the clock's Unix seconds, 16 fresh
// random bytes as the nonce, wire::sign_request under `key`.
std::vector<std::pair<std::string, std::string>> signed_headers(const std::string& station,
                                                                const std::vector<std::uint8_t>& key,
                                                                const std::string& path, const std::string& body);

// Median and spread of a list of figures.
double median(std::vector<double> values);
// The value at quantile q (0..1), nearest rank.
double quantile(std::vector<double> values, double q);

}  // namespace loaxa::bench
