#pragma once
// The station's side of the sync with the district hub (protocol v1, docs/HUB.md; the
// station's rules in docs/SYNC.md). Runs on the daemon's event loop and never touches the
// audio path: it reads finalised plays from the database and sends them in signed batches.
//
//   outbox = final plays with seq > acked_seq (the hub's own figure, kept in hub_sync)
//   soon after a play (nudge), every `interval` otherwise: send up to batch_size of them
//   (fewer when they would not fit in the hub's 1 MiB)
//   200 → acked_seq; 409 gap → resend from the hub's expected seq; 409 conflict → stop
//   sending plays (heartbeats go on) and say so; anything else → back off (doubling, with
//   jitter, up to backoff_max) and try again
//   every `heartbeat`: version, uptime, device, next occurrence, clock, outbox depth
//   every `plan_every`: what the station plans to air over the next `plan_horizon` (the
//   hub's "plays scheduled"), and soon after a schedule edit (replanned())
//   every `mandate_interval`, and when nothing else is due: the district's bulletins and
//   their audio (mandate_fetcher.hpp)
//
// Nothing is lost or counted twice: rows leave the outbox only when the hub says it holds
// them, the hub acknowledges an identical duplicate, and acked_seq survives restarts.
//
// Thread safety: the io_context's thread (which owns the Station's database connection).

#include "common/clock.hpp"
#include "config/config.hpp"
#include "station/station.hpp"
#include "sync/mandate_fetcher.hpp"
#include "sync/transport.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace boost::asio {
class io_context;
}

namespace loaxa::sync {

struct HeartbeatFacts {
  std::string version;
  std::chrono::seconds uptime{0};
  std::string device;
  std::optional<Instant> next_occurrence;
};

struct SyncOptions {
  std::size_t batch_size = 500;
  // The most a request's body may hold: the hub's limit (docs/HUB.md, 413 beyond). A batch of
  // batch_size long rows can exceed it (5 000 rows are about 2.4 MB): it is cut to fit.
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds interval = std::chrono::seconds(60);
  std::chrono::milliseconds heartbeat = std::chrono::seconds(300);
  std::chrono::milliseconds nudge_delay = std::chrono::seconds(1);  // a programme's rows go together
  std::chrono::milliseconds backoff_min = std::chrono::seconds(5);
  std::chrono::milliseconds backoff_max = std::chrono::minutes(10);
  std::chrono::milliseconds plan_every = std::chrono::hours(1);
  std::chrono::hours plan_horizon{24 * 7};
  std::chrono::milliseconds mandate_interval = std::chrono::seconds(60);  // the district's bulletins
  static SyncOptions from(const HubConfig& config);
};

// What the sync says to the daemon's log: a problem (warning) or news (info).
using SyncNote = std::function<void(bool problem, const std::string& text)>;

class Syncer {
 public:
  Syncer(boost::asio::io_context& io, station::Station& station, HubConfig config, Transport& transport,
         std::function<HeartbeatFacts()> facts, SyncNote note, SyncOptions options, MandateHooks hooks = {});
  ~Syncer();

  // Reads where the sync stands and sends what is waiting. Call once.
  void start();
  // A play was finalised: send soon.
  void nudge();
  // The schedule may have changed (the operator's reload): send the plan again soon.
  void replanned();
  // Stops: the request in flight is abandoned (the hub may or may not have it: the next
  // start finds out from its acked_seq).
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;  // shared only so late handlers can see it is gone
};

}  // namespace loaxa::sync
