#include "audio/live_gain.hpp"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>

namespace loaxa::audio {

namespace {

constexpr double kUpDbPerSecond = 3.0;
constexpr double kDownDbPerSecond = 10.0;
constexpr double kMostUpDb = 12.0;
constexpr double kMostDownDb = -20.0;
constexpr double kSilentLufs = -50.0;
constexpr double kInterSampleMarginDb = 1.0;  // a sample-peak limiter misses peaks between samples
constexpr double kReleaseSeconds = 0.05;
constexpr double kUpdateSeconds = 0.1;

}  // namespace

LiveGain::LiveGain(int sample_rate, int channels, const GainRule& rule)
    : sample_rate_(sample_rate),
      channels_(channels),
      rule_(rule),
      loudest_lufs_(-std::numeric_limits<double>::infinity()),
      ceiling_(static_cast<float>(std::pow(10.0, (rule.true_peak_ceiling_dbtp - kInterSampleMarginDb) / 20.0))),
      release_(static_cast<float>(std::exp(-1.0 / (kReleaseSeconds * sample_rate)))) {
  meter_ = ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(sample_rate), EBUR128_MODE_S);
  if (meter_ == nullptr) throw std::bad_alloc();
}

LiveGain::~LiveGain() {
  ebur128_destroy(&meter_);
}

double LiveGain::input_peak_dbfs() const noexcept {
  return input_peak_ > 0.0f ? 20.0 * std::log10(input_peak_) : -std::numeric_limits<double>::infinity();
}

void LiveGain::update_gain(double seconds) noexcept {
  double loudness = -std::numeric_limits<double>::infinity();
  if (ebur128_loudness_shortterm(meter_, &loudness) != EBUR128_SUCCESS) return;
  if (!std::isfinite(loudness) || loudness < kSilentLufs) return;  // near silence: hold the gain
  loudest_lufs_ = std::max(loudest_lufs_, loudness);
  const double wanted = std::clamp(rule_.loudness_target_lufs - loudness, kMostDownDb, kMostUpDb);
  const double step = wanted > gain_db_ ? kUpDbPerSecond * seconds : kDownDbPerSecond * seconds;
  gain_db_ = wanted > gain_db_ ? std::min(wanted, gain_db_ + step) : std::max(wanted, gain_db_ - step);
}

void LiveGain::process(std::span<float> samples) noexcept {
  const std::size_t channels = static_cast<std::size_t>(channels_);
  const std::size_t frames = samples.size() / channels;
  if (frames == 0) return;
  for (float s : samples) input_peak_ = std::max(input_peak_, std::fabs(s));
  ebur128_add_frames_float(meter_, samples.data(), frames);
  frames_since_update_ += frames;
  if (frames_since_update_ >= static_cast<std::size_t>(kUpdateSeconds * sample_rate_)) {
    update_gain(static_cast<double>(frames_since_update_) / sample_rate_);
    frames_since_update_ = 0;
  }
  const float gain = static_cast<float>(std::pow(10.0, gain_db_ / 20.0));
  for (std::size_t f = 0; f < frames; ++f) {
    float* frame = samples.data() + f * channels;
    float peak = 0.0f;
    for (std::size_t c = 0; c < channels; ++c) peak = std::max(peak, std::fabs(frame[c] * gain));
    // Instant attack: this frame never exceeds the ceiling; then back toward 1 gently.
    limiter_ = 1.0f - (1.0f - limiter_) * release_;
    if (peak * limiter_ > ceiling_) limiter_ = ceiling_ / peak;
    const float total = gain * limiter_;
    for (std::size_t c = 0; c < channels; ++c) frame[c] *= total;
  }
}

}  // namespace loaxa::audio
