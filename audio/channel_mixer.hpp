#pragma once
// Fits a segment's channels to the output's, with the playback gain folded into the same
// matrix so it costs nothing extra:
//   mono           → the same signal on every output channel;
//   same count     → as is;
//   fewer (≥ 2)    → as is on the first channels, the rest silent;
//   more           → a stereo downmix (ITU-R BS.775: centre and surrounds at −3 dB, LFE
//                    left out), averaged for a mono output, on the first two channels of
//                    a larger one.
// The channel roles come from loudness_channels() (channel_map.hpp), so a file's own
// channel map or its container's usual order is honoured the same way as in measuring.
//
// Thread safety: immutable after construction; mix() may be called from any thread.
// Nothing throws after construction (which may throw std::bad_alloc).

#include "audio/channel_map.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace loaxa::audio {

class ChannelMixer {
 public:
  ChannelMixer(const std::vector<Ebur128Channel>& source_roles, int output_channels, float gain);

  int source_channels() const noexcept { return in_; }
  int output_channels() const noexcept { return out_; }
  float coefficient(int output, int source) const noexcept { return matrix_[index(output, source)]; }

  // in: whole source frames; out: room for as many output frames. Returns the frame count.
  std::size_t mix(std::span<const float> in, std::span<float> out) const noexcept;

 private:
  std::size_t index(int output, int source) const noexcept {
    return static_cast<std::size_t>(output) * static_cast<std::size_t>(in_) + static_cast<std::size_t>(source);
  }

  int in_;
  int out_;
  std::vector<float> matrix_;  // output-major: out_ rows of in_ coefficients
  // The usual case, as many channels in as out, each to itself: every sample times the
  // gain, one vectorisable loop instead of the matrix product (the same result).
  bool same_channels_ = false;
  float gain_ = 1.0f;
};

}  // namespace loaxa::audio
