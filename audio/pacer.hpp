#pragma once
// The monotonic clock that paces a real-time output. Pacing uses absolute deadlines
// (start + frames / rate), so a late wake-up is not carried into the next block. Injected
// so a test can play an hour of audio in no time with a clock it moves itself.
//
// Thread safety: SteadyPacer may be used from any thread; each Pacer implementation says
// its own. Nothing throws.

#include <chrono>

namespace loaxa::audio {

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~Pacer() = default;
  virtual Clock::time_point now() const noexcept = 0;
  // Returns at `deadline` or soon after; at once if it has passed.
  virtual void sleep_until(Clock::time_point deadline) noexcept = 0;
};

// Real time: std::chrono::steady_clock, which NTP steps do not move.
class SteadyPacer final : public Pacer {
 public:
  Clock::time_point now() const noexcept override;
  void sleep_until(Clock::time_point deadline) noexcept override;
};

// The process's real-time pacer (stateless, so one shared instance is harmless).
Pacer& steady_pacer() noexcept;

}  // namespace loaxa::audio
