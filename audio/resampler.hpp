#pragma once
// RAII wrapper for a libsoxr stream resampler (high quality, interleaved float in and out).
// A segment recorded at 44.1 or 22.05 kHz plays on a 48 kHz card; soxr's HQ setting keeps
// aliasing far below what a loudspeaker horn can show.
//
// Thread safety: one thread at a time per object.

#include <cstddef>
#include <span>

struct soxr;

namespace loaxa::audio {

class Resampler {
 public:
  // Throws std::runtime_error with libsoxr's words (only for impossible rates or no memory).
  Resampler(int input_rate, int output_rate, int channels);
  ~Resampler();
  Resampler(const Resampler&) = delete;
  Resampler& operator=(const Resampler&) = delete;

  struct Step {
    std::size_t consumed;  // input frames taken
    std::size_t produced;  // output frames written
  };
  // Feeds whole input frames and takes as many output frames as fit. An empty input means
  // the input has ended: the filter's tail comes out, until produced is 0.
  // Throws std::runtime_error with libsoxr's words.
  Step process(std::span<const float> in, std::span<float> out);

 private:
  soxr* soxr_ = nullptr;
  std::size_t channels_;
};

}  // namespace loaxa::audio
