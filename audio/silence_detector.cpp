#include "audio/silence_detector.hpp"

#include <algorithm>
#include <cmath>

namespace loaxa::audio {
namespace {

// Window k spans frames [k * rate / 100, (k + 1) * rate / 100): exactly 10 ms on average
// even at rates such as 22050 Hz that do not divide into whole 10 ms windows.
std::int64_t window_end(std::int64_t window, std::int64_t rate) noexcept {
  return (window + 1) * rate / 100;
}

}  // namespace

SilenceDetector::SilenceDetector(int channels, int sample_rate, double threshold_dbfs) noexcept
    : channels_(channels),
      sample_rate_(sample_rate),
      threshold_(static_cast<float>(std::pow(10.0, threshold_dbfs / 20.0))),
      window_end_(window_end(0, sample_rate)) {}

void SilenceDetector::add(std::span<const float> samples) noexcept {
  const auto channels = static_cast<std::size_t>(channels_);
  for (std::size_t i = 0; i + channels <= samples.size(); i += channels) {
    if (frame_ == window_end_) close_window();
    for (std::size_t c = 0; c < channels; ++c) window_peak_ = std::max(window_peak_, std::fabs(samples[i + c]));
    ++frame_;
  }
}

void SilenceDetector::close_window() noexcept {
  if (window_peak_ >= threshold_) {
    if (first_loud_ < 0) first_loud_ = window_;
    last_loud_ = window_;
  }
  ++window_;
  window_end_ = window_end(window_, sample_rate_);
  window_peak_ = 0;
}

PlayableSpan SilenceDetector::finish(std::int64_t duration_ms) noexcept {
  // window_end(-1) is 0, so this also holds for the first window.
  if (frame_ > window_end(window_ - 1, sample_rate_)) close_window();  // a partial last window
  if (first_loud_ < 0) return {};
  return {first_loud_ * 10, std::min((last_loud_ + 1) * 10, duration_ms)};
}

}  // namespace loaxa::audio
