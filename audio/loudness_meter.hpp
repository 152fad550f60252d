#pragma once
// RAII wrapper for a libebur128 state. Analysis runs two of them on two threads: one
// measures integrated loudness, the other only true peak (its 4× oversampling is the
// expensive part), so the work splits across two cores.
//
// Thread safety: one thread at a time per object.

#include "audio/channel_map.hpp"

#include <ebur128.h>

#include <cstddef>
#include <span>
#include <vector>

namespace loaxa::audio {

class LoudnessMeter {
 public:
  enum class Measure { integrated_loudness, true_peak };

  // weights: one entry per channel (see channel_map.hpp). Throws std::bad_alloc.
  LoudnessMeter(Measure measure, unsigned long sample_rate, const std::vector<Ebur128Channel>& weights);
  ~LoudnessMeter();
  LoudnessMeter(const LoudnessMeter&) = delete;
  LoudnessMeter& operator=(const LoudnessMeter&) = delete;

  // Interleaved frames. Throws std::bad_alloc.
  void add(std::span<const float> samples);
  // LUFS; -infinity when nothing rises above the absolute gate (a silent file).
  double integrated_lufs() const noexcept;
  // Highest true peak so far over all channels, LFE included, as a linear amplitude.
  double true_peak() const noexcept;
  // The same in dBTP; -infinity for digital silence.
  double true_peak_dbtp() const noexcept;

 private:
  ebur128_state* state_ = nullptr;
  unsigned channels_ = 0;
};

}  // namespace loaxa::audio
