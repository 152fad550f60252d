#pragma once
// The gain rules (audio/playback_gain.hpp) for live audio — a relay — whose loudness cannot
// be measured before it airs: its short-term loudness (EBU R128, the last 3 s, K-weighted)
// is brought toward the station's loudness target, the gain moving slowly (3 dB/s up,
// 10 dB/s down) within −20…+12 dB so speech is not pumped, and never lifting anything while
// the line is near silence (below −50 LUFS short-term: a pause is not boosted into hiss).
// Peaks are held under the true-peak ceiling by a limiter with instant attack and a 50 ms
// release on the sample peak, with 1 dB of margin for the peaks between samples.
//
// It also says whether anything came: the loudest short-term loudness seen, so a relay whose
// line stayed silent throughout is logged as such.
//
// Thread safety: one thread at a time (the audio thread); process() does not allocate, lock
// or throw. The constructor throws std::bad_alloc.

#include "audio/playback_gain.hpp"

#include <ebur128.h>

#include <cstddef>
#include <span>

namespace loaxa::audio {

class LiveGain {
 public:
  LiveGain(int sample_rate, int channels, const GainRule& rule);
  ~LiveGain();
  LiveGain(const LiveGain&) = delete;
  LiveGain& operator=(const LiveGain&) = delete;

  // Applies the gain to interleaved frames in place.
  void process(std::span<float> samples) noexcept;
  // The gain applied last, in dB (before the limiter).
  double gain_db() const noexcept { return gain_db_; }
  // The loudest short-term loudness seen (LUFS); −infinity when the line was silent.
  double loudest_lufs() const noexcept { return loudest_lufs_; }
  // Sample peak seen on the line before any gain, in dBFS (−infinity: digital silence).
  double input_peak_dbfs() const noexcept;

 private:
  void update_gain(double seconds) noexcept;

  ebur128_state* meter_ = nullptr;
  int sample_rate_;
  int channels_;
  GainRule rule_;
  double gain_db_ = 0.0;
  double loudest_lufs_;
  float input_peak_ = 0.0f;
  float ceiling_;         // linear sample-peak ceiling
  float limiter_ = 1.0f;  // the limiter's current gain (≤ 1)
  float release_;         // per-frame factor back toward 1
  std::size_t frames_since_update_ = 0;
};

}  // namespace loaxa::audio
