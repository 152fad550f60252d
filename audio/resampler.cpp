#include "audio/resampler.hpp"

#include <soxr.h>

#include <stdexcept>
#include <string>

namespace loaxa::audio {

Resampler::Resampler(int input_rate, int output_rate, int channels) : channels_(static_cast<std::size_t>(channels)) {
  const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  // 16-bit precision (SOXR_MQ, about 96 dB of stop-band): the sources are 16-bit or lossy
  // and the chain ends in a DAC and horn loudspeakers; HQ's 20 bits cost more of the playing
  // CPU (docs/PERFORMANCE.md, "MP3 playback CPU") for nothing anyone can hear.
  const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_MQ, 0);
  soxr_error_t error = nullptr;
  soxr_ = soxr_create(input_rate, output_rate, static_cast<unsigned>(channels), &error, &io, &quality, nullptr);
  if (soxr_ == nullptr || error != nullptr)
    throw std::runtime_error(std::string("soxr: ") + (error != nullptr ? error : "cannot create a resampler"));
}

Resampler::~Resampler() {
  soxr_delete(soxr_);
}

Resampler::Step Resampler::process(std::span<const float> in, std::span<float> out) {
  std::size_t consumed = 0;
  std::size_t produced = 0;
  // A null input is soxr's signal that the input has ended.
  const float* input = in.empty() ? nullptr : in.data();
  const soxr_error_t error =
      soxr_process(soxr_, input, in.size() / channels_, &consumed, out.data(), out.size() / channels_, &produced);
  if (error != nullptr) throw std::runtime_error(std::string("soxr: ") + error);
  return {consumed, produced};
}

}  // namespace loaxa::audio
