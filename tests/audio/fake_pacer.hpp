#pragma once
// A pacer whose clock moves only when it is told to sleep: a test plays minutes of audio
// through a paced output in no time and sees every deadline it was asked for.

#include "audio/pacer.hpp"

#include <chrono>
#include <vector>

namespace loaxa::audio::test {

class FakePacer final : public Pacer {
 public:
  // lateness: how far past each deadline the fake wake-up lands (a busy machine).
  explicit FakePacer(Clock::duration lateness = {}) : lateness_(lateness) {}

  Clock::time_point now() const noexcept override { return now_; }
  void sleep_until(Clock::time_point deadline) noexcept override {
    deadlines.push_back(deadline);
    if (deadline > now_) now_ = deadline + lateness_;
  }

  std::vector<Clock::time_point> deadlines;

 private:
  Clock::time_point now_ = Clock::time_point(std::chrono::hours(1000));
  Clock::duration lateness_;
};

}  // namespace loaxa::audio::test
