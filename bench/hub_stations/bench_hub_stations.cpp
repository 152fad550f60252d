// bench_hub_stations: one round of the many-stations benchmark (bench/hub_stations/run).
//
// The hub: a fresh home, STATIONS stations added with `loaxa-hub station add --json`, the real
// `loaxa-hub serve` on 127.0.0.1 (plain HTTP) with --max-connections MAXCONN.
// The stations: one client process, one thread (an Asio io_context), and per station the
// transport a station uses (sync::BeastTransport: a new connection per request,
// `Connection: close`, a 30 s deadline) and requests signed as the station's Syncer signs
// them. Each station, from a start spread at random over the first PERIOD seconds (or the
// first second when PERIOD is 0), sends a heartbeat, then batches of BATCH plays (its next
// seqs, hash-chained, the station's JSON), a heartbeat every HB_EVERY-th request, one request
// at a time:
//   PERIOD > 0: a request every PERIOD seconds per station (paced, on a fixed grid: a late
//               answer sends the next at once);
//   PERIOD = 0: the next request as soon as the answer comes (closed loop: the hub's ceiling).
// For SECONDS; then no new request, and those in flight are awaited. Every request's latency
// (post to answer, connection set-up included) and status are kept.
//
// Prints one JSON object per load: requests, errors by kind, requests/s and plays/s over the run,
// latency p50/p90/p99/max, the hub's VmRSS before the load and VmHWM after, its CPU.
//
// The loads run in turn on the same hub home (stations added once), a new hub process each:
// --periods 5,0 is a paced load then a closed loop; the second starts with the first's rows held.
//
// Usage: bench_hub_stations --hub PATH --work DIR [--stations 500] [--seconds 30] [--periods 5,0]
//          [--batch 6] [--heartbeat-every 5] [--max-connections 1024]

#include "bench/hub_common/hub_bench.hpp"
#include "sync/beast_transport.hpp"
#include "sync/hub_url.hpp"
#include "wire/signing.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using namespace loaxa;

struct Options {
  std::string hub;
  std::filesystem::path work;
  int stations = 500;
  double seconds = 30;
  double period = 5;                  // of the load being run
  std::vector<double> periods{5, 0};  // one load each, in turn, on the same hub home
  std::size_t batch = 6;
  int heartbeat_every = 5;
  int max_connections = 1024;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--hub")
      o.hub = value;
    else if (name == "--work")
      o.work = value;
    else if (name == "--stations")
      o.stations = std::stoi(value);
    else if (name == "--seconds")
      o.seconds = std::stod(value);
    else if (name == "--periods") {
      o.periods.clear();
      for (std::size_t at = 0; at <= value.size();) {
        const auto comma = std::min(value.find(',', at), value.size());
        o.periods.push_back(std::stod(value.substr(at, comma - at)));
        at = comma + 1;
      }
    } else if (name == "--batch")
      o.batch = std::stoul(value);
    else if (name == "--heartbeat-every")
      o.heartbeat_every = std::stoi(value);
    else if (name == "--max-connections")
      o.max_connections = std::stoi(value);
    else
      throw std::invalid_argument("unknown option " + name);
  }
  if (o.hub.empty() || o.work.empty()) throw std::invalid_argument("--hub and --work are required");
  return o;
}

struct Results {
  std::vector<double> latency_ms;
  std::map<std::string, int> errors;
  std::int64_t ok = 0;
  std::int64_t heartbeats = 0;
  std::int64_t plays = 0;
  Clock::time_point last_answer{};
};

// What a station keeps from one load to the next: its key and its as-run log so far.
struct StationLog {
  StationLog(std::string id_, std::vector<std::uint8_t> key_, std::uint64_t seed)
      : id(std::move(id_)), key(std::move(key_)), maker(seed) {}
  std::string id;
  std::vector<std::uint8_t> key;
  bench::PlayMaker maker;
  std::string previous_hash{store::kFirstPreviousHash};
  std::int64_t next_seq = 1;
};

class SimulatedStation : public std::enable_shared_from_this<SimulatedStation> {
 public:
  SimulatedStation(asio::io_context& io, const sync::HubUrl& url, StationLog& log, const Options& options,
                   Results& results, const Clock::time_point& end)
      : transport_(io, url, ""),
        timer_(io),
        log_(log),
        id_(log.id),
        key_(log.key),
        options_(options),
        results_(results),
        end_(end) {}

  void start(Clock::time_point first) {
    next_at_ = first;
    wait();
  }

 private:
  void wait() {
    timer_.expires_at(next_at_);
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec) self->send();
    });
  }

  void send() {
    const auto now = Clock::now();
    if (now >= end_) return;
    const bool heartbeat = requests_ % options_.heartbeat_every == 0;
    sync::HubRequest request;
    std::size_t plays = 0;
    if (heartbeat) {
      request.path = "/api/v1/heartbeat";
      request.body = bench::heartbeat_body(id_, 3600 + requests_, 0);
    } else {
      const auto rows = log_.maker.next(log_.next_seq, options_.batch, log_.previous_hash);
      request.path = "/api/v1/plays";
      request.body = bench::plays_body(id_, rows.data(), rows.size());
      plays = rows.size();
      log_.next_seq += static_cast<std::int64_t>(plays);
    }
    request.headers = bench::signed_headers(id_, key_, request.path, request.body);
    ++requests_;
    const auto sent = Clock::now();
    transport_.post(std::move(request), [self = shared_from_this(), sent, heartbeat, plays](
                                            std::optional<sync::HubResponse> response, std::string error) {
      self->answered(sent, heartbeat, plays, response, error);
    });
  }

  void answered(Clock::time_point sent, bool heartbeat, std::size_t plays,
                const std::optional<sync::HubResponse>& response, const std::string& error) {
    const auto now = Clock::now();
    results_.latency_ms.push_back(std::chrono::duration<double, std::milli>(now - sent).count());
    results_.last_answer = std::max(results_.last_answer, now);
    if (!response) {
      ++results_.errors["transport: " + error.substr(0, error.find(':'))];
    } else if (response->status != 200) {
      ++results_.errors["status " + std::to_string(response->status)];
    } else {
      ++results_.ok;
      if (heartbeat) ++results_.heartbeats;
      results_.plays += static_cast<std::int64_t>(plays);
    }
    if (options_.period > 0) {
      next_at_ += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options_.period));
      if (next_at_ < now) next_at_ = now;
    } else {
      next_at_ = now;
    }
    wait();
  }

  sync::BeastTransport transport_;
  asio::steady_timer timer_;
  StationLog& log_;
  const std::string& id_;
  const std::vector<std::uint8_t>& key_;
  const Options& options_;
  Results& results_;
  const Clock::time_point& end_;  // set once every station is made
  std::int64_t requests_ = 0;
  Clock::time_point next_at_{};
};

// One load on the hub at `home`: a new hub process, every station, SECONDS of requests.
nlohmann::json run_load(const Options& o, const std::filesystem::path& home, std::vector<StationLog>& logs) {
  bench::HubServer hub(o.hub, home, {"--max-connections", std::to_string(o.max_connections)});
  const auto hub_idle = bench::read_proc(hub.pid());
  const auto url = *sync::parse_hub_url("http://127.0.0.1:" + std::to_string(hub.port()));

  asio::io_context io;
  Results results;
  // The stations first (each transport loads the system's CA list, as a station's does),
  // then the clock: the run starts 100 ms after the last is ready.
  std::vector<std::shared_ptr<SimulatedStation>> simulated;
  Clock::time_point end{};
  for (auto& log : logs) simulated.push_back(std::make_shared<SimulatedStation>(io, url, log, o, results, end));
  const auto start = Clock::now() + std::chrono::milliseconds(100);
  end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  const double spread = o.period > 0 ? o.period : 1.0;
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> offset(0, spread);
  for (auto& station : simulated) {
    station->start(start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(offset(random))));
  }
  simulated.clear();
  const double client_cpu_before = bench::own_cpu_seconds();
  io.run();
  const double client_cpu = bench::own_cpu_seconds() - client_cpu_before;
  const auto hub_after = bench::read_proc(hub.pid());
  hub.stop();

  const double elapsed = std::chrono::duration<double>(results.last_answer - start).count();
  int errors = 0;
  for (const auto& [kind, n] : results.errors) errors += n;
  return {
      {"load", o.period > 0 ? "paced" : "closed"},
      {"stations", o.stations},
      {"period_s", o.period},
      {"batch", o.batch},
      {"heartbeat_every", o.heartbeat_every},
      {"max_connections", o.max_connections},
      {"seconds", elapsed},
      {"requests", static_cast<std::int64_t>(results.latency_ms.size())},
      {"ok", results.ok},
      {"heartbeats", results.heartbeats},
      {"plays", results.plays},
      {"errors", errors},
      {"error_kinds", results.errors},
      {"requests_per_s", static_cast<double>(results.ok) / elapsed},
      {"plays_per_s", static_cast<double>(results.plays) / elapsed},
      {"p50_ms", bench::quantile(results.latency_ms, 0.50)},
      {"p90_ms", bench::quantile(results.latency_ms, 0.90)},
      {"p99_ms", bench::quantile(results.latency_ms, 0.99)},
      {"max_ms", bench::quantile(results.latency_ms, 1.0)},
      {"hub_idle_rss_kib", hub_idle.vm_rss_kib},
      {"hub_vm_hwm_kib", hub_after.vm_hwm_kib},
      {"hub_cpu_s", hub_after.cpu_s - hub_idle.cpu_s},
      {"client_cpu_s", client_cpu},
  };
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options o = parse(argc, argv);
    const auto home = o.work / "hub-home";
    std::filesystem::create_directories(o.work);

    const auto adding = Clock::now();
    std::vector<StationLog> logs;
    logs.reserve(static_cast<std::size_t>(o.stations));
    for (int s = 0; s < o.stations; ++s) {
      const std::string id = "xa-" + std::to_string(s + 1);
      logs.emplace_back(id, *wire::from_hex(bench::add_station(o.hub, home, id), 32),
                        static_cast<std::uint64_t>(s + 1));
    }
    const double add_seconds = std::chrono::duration<double>(Clock::now() - adding).count();
    for (const double period : o.periods) {
      o.period = period;
      auto out = run_load(o, home, logs);
      out["station_add_s"] = add_seconds;
      std::cout << out.dump() << std::endl;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_hub_stations: " << e.what() << '\n';
    return 1;
  }
}
