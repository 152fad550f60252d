#include "audio/channel_mixer.hpp"

#include <algorithm>
#include <cmath>

namespace loaxa::audio {
namespace {

struct StereoShare {
  float left;
  float right;
};

// How much of a channel in each role goes to the left and right of a stereo downmix.
StereoShare stereo_share(Ebur128Channel role) {
  const float minus3db = static_cast<float>(1.0 / std::sqrt(2.0));
  switch (role) {
    case EBUR128_LEFT:
      return {1.0f, 0.0f};
    case EBUR128_RIGHT:
      return {0.0f, 1.0f};
    case EBUR128_LEFT_SURROUND:
      return {minus3db, 0.0f};
    case EBUR128_RIGHT_SURROUND:
      return {0.0f, minus3db};
    case EBUR128_UNUSED:  // LFE: a horn loudspeaker cannot reproduce it anyway
      return {0.0f, 0.0f};
    default:  // centre, back centre and unknown positions go to both sides
      return {minus3db, minus3db};
  }
}

}  // namespace

ChannelMixer::ChannelMixer(const std::vector<Ebur128Channel>& source_roles, int output_channels, float gain)
    : in_(static_cast<int>(source_roles.size())), out_(output_channels) {
  matrix_.assign(static_cast<std::size_t>(in_) * static_cast<std::size_t>(out_), 0.0f);
  if (in_ == 1) {
    for (int o = 0; o < out_; ++o) matrix_[index(o, 0)] = gain;
  } else if (in_ <= out_) {
    for (int c = 0; c < in_; ++c) matrix_[index(c, c)] = gain;
    same_channels_ = in_ == out_;
    gain_ = gain;
  } else {
    for (int c = 0; c < in_; ++c) {
      const StereoShare share = stereo_share(source_roles[static_cast<std::size_t>(c)]);
      if (out_ == 1) {
        matrix_[index(0, c)] = gain * (share.left + share.right) / 2.0f;
      } else {
        matrix_[index(0, c)] = gain * share.left;
        matrix_[index(1, c)] = gain * share.right;
      }
    }
  }
}

std::size_t ChannelMixer::mix(std::span<const float> in, std::span<float> out) const noexcept {
  const auto ins = static_cast<std::size_t>(in_);
  const auto outs = static_cast<std::size_t>(out_);
  const std::size_t frames = std::min(in.size() / ins, out.size() / outs);
  if (same_channels_) {
    const std::size_t samples = frames * outs;
    const float* source = in.data();
    float* target = out.data();
    for (std::size_t i = 0; i < samples; ++i) target[i] = source[i] * gain_;
    return frames;
  }
  for (std::size_t f = 0; f < frames; ++f) {
    const float* source = in.data() + f * ins;
    float* target = out.data() + f * outs;
    for (std::size_t o = 0; o < outs; ++o) {
      const float* row = matrix_.data() + o * ins;
      float sum = 0.0f;
      for (std::size_t c = 0; c < ins; ++c) sum += row[c] * source[c];
      target[o] = sum;
    }
  }
  return frames;
}

}  // namespace loaxa::audio
