#pragma once
// The station's side of the district's bulletins (docs/MANDATES.md): asks the hub for the
// station's mandates every `interval`, tells it what the station did with each (received,
// declined, refused) and the heard % of mandate plays, fetches a new mandate's audio piece by
// piece (a download cut off resumes where it stopped), checks it against the SHA-256 the
// signed order gave, and hands it to station::accept_mandate, which imports and plans it.
//
// It does not talk to the network itself: the Syncer, which owns the one connection to the
// hub, asks it for its next request (next()) when nothing of its own is due, signs and sends
// it, and gives the answer back; a handler that throws is a failed attempt, retried on the
// Syncer's backoff.
//
// The import (decoding a few megabytes) runs on a thread of its own with its own database
// connection, so the event loop the scheduler runs on never waits for it.
//
// Thread safety: the io_context's thread, except where said.

#include "station/station.hpp"
#include "store/mandate_order.hpp"
#include "sync/transport.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace loaxa::sync {

// A mandate's audio that came whole but wrong (its SHA-256): not the network's trouble, so the
// Syncer says it as it is (already worded for the log) and tries again on its backoff.
class AudioRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the daemon does when a mandate changes what airs.
struct MandateHooks {
  // Slots were added or removed: plan again (the daemon's reload).
  std::function<void()> schedule_changed;
  // An emergency mandate: air `segment_id` at once, its play carrying the mandate id. An empty
  // string when it is on air, else why not (tried again at the next poll).
  std::function<std::string(std::int64_t mandate_id, std::int64_t segment_id)> air_at_once;
};

class MandateFetcher {
 public:
  struct Job {
    std::string path;
    std::string body;
    // The hub's answer and the nonce the request was signed with. Throws to fail the attempt.
    std::function<void(const HubResponse& response, const std::string& nonce)> on_answer;
  };

  MandateFetcher(boost::asio::io_context& io, station::Station& station, std::string station_id,
                 std::vector<std::uint8_t> key, MandateHooks hooks, std::function<void(bool, const std::string&)> note,
                 std::chrono::milliseconds interval);
  ~MandateFetcher();

  // The request due now, if any: the poll when its time has come, else the next piece of a
  // download. None while an import runs aside.
  std::optional<Job> next(std::chrono::steady_clock::time_point now);
  // When next() will have something (a poll), so the Syncer can sleep until then.
  std::chrono::steady_clock::time_point next_poll() const;
  // Called when an import finishes (its result posted to the loop): the Syncer wakes.
  void on_progress(std::function<void()> wake);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace loaxa::sync
