#pragma once
// The audio side as the scheduler sees it: jobs go in, events come back (PlayerEvents),
// and the playing item's progress can be read at any time. AudioThread is the daemon's;
// tests drive a Player directly behind a port of their own.
//
// Thread safety: every member from the event-loop thread.

#include "daemon/player.hpp"

#include <cstdint>
#include <memory>

namespace loaxa::daemon {

class PlayerPort {
 public:
  virtual ~PlayerPort() = default;
  // Queues a job; it plays after those before it (back to back when they end at its start).
  virtual void submit(std::unique_ptr<Job> job) = 0;
  // Ends job `id` where it is (or before it starts); the jobs after it play as planned.
  virtual void cancel(std::uint64_t id) noexcept = 0;
  // Stops for good; returns once the audio thread has stopped writing.
  virtual void stop() noexcept = 0;
  // Frames the output consumed since it was opened; the playing item's underruns.
  virtual std::uint64_t frames_consumed() const noexcept = 0;
  virtual std::uint64_t current_underruns() const noexcept = 0;
};

}  // namespace loaxa::daemon
