#pragma once
// The daemon's link to the district hub, when loaxa.toml has a [hub] section: the HTTP(S)
// transport and the syncer on the daemon's event loop (sync/syncer.hpp, docs/SYNC.md).
// Trouble with the hub's settings (an unreadable CA file) is logged and the station plays
// on without the sync: airing comes first.
//
// Thread safety: the event-loop thread.

#include "daemon/log.hpp"
#include "station/station.hpp"
#include "sync/syncer.hpp"

#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace loaxa::daemon {

class HubLink {
 public:
  // nullptr without [hub], or when it cannot be set up (said in the log).
  static std::unique_ptr<HubLink> make(boost::asio::io_context& io, station::Station& station, Log& log,
                                       std::function<sync::HeartbeatFacts()> facts, sync::MandateHooks hooks = {});
  ~HubLink();

  void start() { syncer_->start(); }
  void nudge() { syncer_->nudge(); }
  void replanned() { syncer_->replanned(); }
  void stop() { syncer_->stop(); }

 private:
  HubLink() = default;
  std::unique_ptr<sync::Transport> transport_;
  std::unique_ptr<sync::Syncer> syncer_;
};

}  // namespace loaxa::daemon
