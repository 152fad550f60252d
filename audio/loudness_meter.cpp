#include "audio/loudness_meter.hpp"

#include <cmath>
#include <limits>
#include <new>

namespace loaxa::audio {

LoudnessMeter::LoudnessMeter(Measure measure, unsigned long sample_rate, const std::vector<Ebur128Channel>& weights)
    : channels_(static_cast<unsigned>(weights.size())) {
  const int mode = measure == Measure::true_peak ? EBUR128_MODE_TRUE_PEAK : EBUR128_MODE_I;
  state_ = ebur128_init(channels_, sample_rate, mode);
  if (state_ == nullptr) throw std::bad_alloc();
  for (unsigned c = 0; c < channels_; ++c) {
    // The true-peak meter scans every channel regardless of weights; marking them unused
    // spares it the K-weighting filter, whose result it would never read.
    const auto weight = measure == Measure::true_peak ? EBUR128_UNUSED : weights[c];
    ebur128_set_channel(state_, c, static_cast<int>(weight));
  }
}

LoudnessMeter::~LoudnessMeter() {
  ebur128_destroy(&state_);
}

void LoudnessMeter::add(std::span<const float> samples) {
  if (ebur128_add_frames_float(state_, samples.data(), samples.size() / channels_) != EBUR128_SUCCESS)
    throw std::bad_alloc();  // the only failure libebur128 reports while adding frames
}

double LoudnessMeter::integrated_lufs() const noexcept {
  double lufs = 0;
  if (ebur128_loudness_global(state_, &lufs) != EBUR128_SUCCESS || !std::isfinite(lufs))
    return -std::numeric_limits<double>::infinity();
  return lufs;
}

double LoudnessMeter::true_peak() const noexcept {
  double peak = 0;
  for (unsigned c = 0; c < channels_; ++c) {
    double channel_peak = 0;
    if (ebur128_true_peak(state_, c, &channel_peak) == EBUR128_SUCCESS && channel_peak > peak) peak = channel_peak;
  }
  return peak;
}

double LoudnessMeter::true_peak_dbtp() const noexcept {
  return 20.0 * std::log10(true_peak());  // log10(0) is -infinity: digital silence
}

}  // namespace loaxa::audio
