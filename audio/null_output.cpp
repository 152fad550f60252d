#include "audio/null_output.hpp"

#include "audio/output_error.hpp"

#include <string>

namespace loaxa::audio {

using Kind = OutputError::Kind;

void NullOutput::open(const OutputFormat& format) {
  if (open_) throw OutputError(Kind::already_open, "null");
  if (format.sample_rate <= 0 || format.channels <= 0)
    throw OutputError(Kind::bad_format, "null",
                      std::to_string(format.channels) + " channels at " + std::to_string(format.sample_rate) + " Hz");
  format_ = format;
  start_ = pacer_.now();
  frames_.store(0);
  open_ = true;
}

void NullOutput::write(std::span<const float> samples) {
  if (!open_) throw OutputError(Kind::not_open, "null");
  const auto channels = static_cast<std::size_t>(format_.channels);
  if (samples.size() % channels != 0)
    throw OutputError(Kind::bad_block, "null", std::to_string(samples.size()) + " samples");
  const std::uint64_t end = frames_.load() + samples.size() / channels;
  pacer_.sleep_until(due(end));
  frames_.store(end);
}

void NullOutput::drain() {
  if (!open_) throw OutputError(Kind::not_open, "null");
}

void NullOutput::close() noexcept {
  open_ = false;
}

Pacer::Clock::time_point NullOutput::next_frame_time() const noexcept {
  return due(frames_.load());
}

std::uint64_t NullOutput::frames_consumed() const noexcept {
  return frames_.load();
}

Pacer::Clock::time_point NullOutput::due(std::uint64_t frames) const noexcept {
  // Whole seconds and the remainder apart, so frames × 10^9 cannot overflow in a month.
  const auto rate = static_cast<std::uint64_t>(format_.sample_rate);
  const std::uint64_t ns = (frames / rate) * 1'000'000'000ULL + (frames % rate) * 1'000'000'000ULL / rate;
  return start_ + std::chrono::duration_cast<Pacer::Clock::duration>(std::chrono::nanoseconds(ns));
}

}  // namespace loaxa::audio
