#include "audio/true_peak_worker.hpp"

#include "common/thread_name.hpp"

#include <algorithm>
#include <cmath>

namespace loaxa::audio {
namespace {

// Quiet passages cannot raise the true peak, so most of them skip the oversampling filter.
// Each oversampled value is y = sum(c[k] * x[n-k]), so |y| <= B * max|x| over the filter's
// window, where B is the largest sum of |c[k]| over the filter's phases: 1.87 for
// libebur128's 49-tap filter at 4x, 2.31 at 2x (96 kHz), 1 above. B = 2.5 bounds them all.
constexpr double overshoot_bound = 2.5;
// A chunk whose sample peak p has B * p below the true peak measured so far is fed only its
// first and last `history` frames: the first ones are exact continuations of what came
// before; the last ones refill the filter's delay line (libebur128's interpolator keeps at
// most 25 frames) so what follows is exact again, and every value computed meanwhile
// involves only this chunk's samples and so stays below B * p. The maximum is unchanged.
constexpr std::size_t history = 32;
constexpr std::size_t chunk_frames = 1024;

}  // namespace

TruePeakWorker::TruePeakWorker(BlockQueue& queue, std::size_t consumer, ChannelRange channels, int sample_rate,
                               std::size_t frames_per_block)
    : queue_(queue),
      consumer_(consumer),
      channels_(channels),
      meter_(LoudnessMeter::Measure::true_peak, static_cast<unsigned long>(sample_rate),
             std::vector<Ebur128Channel>(static_cast<std::size_t>(channels.count), EBUR128_UNUSED)),
      scratch_(channels.count == channels.of ? 0 : frames_per_block * static_cast<std::size_t>(channels.count)),
      thread_([this] { run(); }) {}

TruePeakWorker::~TruePeakWorker() {
  if (thread_.joinable()) thread_.join();
}

std::span<const float> TruePeakWorker::own_channels(std::span<const float> block) {
  if (channels_.count == channels_.of) return block;
  const auto stride = static_cast<std::size_t>(channels_.of);
  const auto count = static_cast<std::size_t>(channels_.count);
  const auto first = static_cast<std::size_t>(channels_.first);
  std::size_t out = 0;
  for (std::size_t frame = 0; frame < block.size(); frame += stride)
    for (std::size_t c = 0; c < count; ++c) scratch_[out++] = block[frame + first + c];
  return std::span<const float>(scratch_).first(out);
}

void TruePeakWorker::measure(std::span<const float> samples) {
  const auto channels = static_cast<std::size_t>(channels_.count);
  const std::size_t chunk = chunk_frames * channels;
  const std::size_t edge = history * channels;
  for (std::size_t at = 0; at < samples.size(); at += chunk) {
    const auto part = samples.subspan(at, std::min(chunk, samples.size() - at));
    float peak = 0;
    for (float x : part) peak = std::max(peak, std::fabs(x));
    if (part.size() > 2 * edge && overshoot_bound * peak < meter_.true_peak()) {
      meter_.add(part.first(edge));
      meter_.add(part.last(edge));
    } else {
      meter_.add(part);
    }
  }
}

void TruePeakWorker::run() noexcept {
  name_this_thread("loaxa-peak");
  try {
    while (auto block = queue_.next(consumer_)) {
      measure(own_channels(*block));
      queue_.release(consumer_);
    }
  } catch (...) {
    failure_ = std::current_exception();
    queue_.close();  // wakes the decoder if it waits for a free block
  }
}

double TruePeakWorker::finish() {
  thread_.join();
  if (failure_) std::rethrow_exception(failure_);
  return meter_.true_peak_dbtp();
}

}  // namespace loaxa::audio
