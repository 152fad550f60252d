#pragma once
// The monitor line (loaxa.toml's [audio] monitor): a line from the amplifier's output, or a
// receiver, captured all the time so each play can be compared with what was heard
// (proof/heard_matcher.hpp). A thread of its own reads the input every 20 ms into a level
// envelope (proof::EnvelopeFollower, 10 ms blocks) kept with the steady instant of its
// first block, for the last 90 minutes. An input that will not open or is lost is tried
// again every 5 s; its levels are missing meanwhile (they read as silence: not heard).
//
// Thread safety: levels() and trouble() from any thread; the capture runs on its own thread.
// The constructor starts it; the destructor stops it. Nothing throws after construction.

#include "audio/input.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace loaxa::daemon {

class Monitor {
 public:
  using SteadyTime = audio::Input::Clock::time_point;
  static constexpr std::chrono::milliseconds kBlock{10};

  Monitor(std::unique_ptr<audio::Input> input, int sample_rate);
  ~Monitor();
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  // The levels of the 10 ms blocks from `from` to `to`; a block not captured reads 0.
  std::vector<float> levels(SteadyTime from, SteadyTime to) const;
  // Why the input is not capturing now, in its own words; none while it captures.
  std::optional<std::string> trouble() const;
  std::string target() const { return target_; }

 private:
  void run(std::stop_token stop);
  void append(SteadyTime first, const std::vector<float>& blocks);

  std::unique_ptr<audio::Input> input_;
  int sample_rate_;
  std::string target_;
  mutable std::mutex mutex_;
  std::deque<float> levels_;  // block i starts at origin_ + i × kBlock
  SteadyTime origin_{};
  std::optional<std::string> trouble_;
  std::jthread thread_;
};

}  // namespace loaxa::daemon
