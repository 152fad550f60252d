#include "audio/parallel_true_peak.hpp"

#include <algorithm>
#include <limits>

namespace loaxa::audio {
namespace {

// Enough blocks in flight that no thread waits on another's jitter.
constexpr std::size_t blocks_in_flight = 8;

std::size_t lanes(int channels) noexcept {
  return channels >= 2 ? 2 : 1;
}

}  // namespace

ParallelTruePeak::ParallelTruePeak(int channels, int sample_rate, std::size_t frames_per_block)
    : queue_(blocks_in_flight, frames_per_block * static_cast<std::size_t>(channels), lanes(channels)) {
  const int lane_count = static_cast<int>(lanes(channels));
  try {
    for (int lane = 0; lane < lane_count; ++lane) {
      const int first = channels * lane / lane_count;
      const int end = channels * (lane + 1) / lane_count;
      workers_.push_back(std::make_unique<TruePeakWorker>(queue_, static_cast<std::size_t>(lane),
                                                          ChannelRange{first, end - first, channels}, sample_rate,
                                                          frames_per_block));
    }
  } catch (...) {
    queue_.close();  // lets the workers already started run out before they are joined
    throw;
  }
}

ParallelTruePeak::~ParallelTruePeak() {
  queue_.close();
}

double ParallelTruePeak::finish() {
  queue_.close();
  double peak = -std::numeric_limits<double>::infinity();
  for (auto& worker : workers_) peak = std::max(peak, worker->finish());
  return peak;
}

}  // namespace loaxa::audio
