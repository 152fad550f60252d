#include "audio/pacer.hpp"

#include <thread>

namespace loaxa::audio {

Pacer::Clock::time_point SteadyPacer::now() const noexcept {
  return Clock::now();
}

void SteadyPacer::sleep_until(Clock::time_point deadline) noexcept {
  std::this_thread::sleep_until(deadline);
}

Pacer& steady_pacer() noexcept {
  static SteadyPacer pacer;
  return pacer;
}

}  // namespace loaxa::audio
