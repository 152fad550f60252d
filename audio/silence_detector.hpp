#pragma once
// Finds leading and trailing silence: the file is cut into 10 ms windows and a window whose
// sample peak (over all channels) stays below the threshold is silent. Peak, not RMS, so a
// quiet word onset is never trimmed away.
//
// Thread safety: one thread at a time per object.

#include <cstdint>
#include <span>

namespace loaxa::audio {

struct PlayableSpan {
  std::int64_t start_ms = 0;  // both 0 when every window is silent
  std::int64_t end_ms = 0;
};

class SilenceDetector {
 public:
  SilenceDetector(int channels, int sample_rate, double threshold_dbfs) noexcept;

  // Interleaved frames, in file order.
  void add(std::span<const float> samples) noexcept;
  // Call once after the last add(); duration_ms bounds the end of the last, partial window.
  PlayableSpan finish(std::int64_t duration_ms) noexcept;

 private:
  void close_window() noexcept;

  int channels_;
  std::int64_t sample_rate_;
  float threshold_;
  std::int64_t window_ = 0;      // index of the current 10 ms window
  std::int64_t window_end_ = 0;  // first frame of the next window
  std::int64_t frame_ = 0;
  float window_peak_ = 0;
  std::int64_t first_loud_ = -1;
  std::int64_t last_loud_ = -1;
};

}  // namespace loaxa::audio
