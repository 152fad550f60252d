#include "audio/sample_ring.hpp"

#include <algorithm>
#include <bit>

namespace loaxa::audio {

SampleRing::SampleRing(std::size_t min_samples)
    : buffer_(std::bit_ceil(std::max<std::size_t>(min_samples, 2))), mask_(buffer_.size() - 1) {}

std::size_t SampleRing::writable() const noexcept {
  return buffer_.size() - (write_.load(std::memory_order_relaxed) - read_.load(std::memory_order_acquire));
}

std::size_t SampleRing::readable() const noexcept {
  return write_.load(std::memory_order_acquire) - read_.load(std::memory_order_relaxed);
}

std::size_t SampleRing::push(std::span<const float> samples) noexcept {
  const std::size_t write = write_.load(std::memory_order_relaxed);
  const std::size_t n = std::min(samples.size(), writable());
  const std::size_t at = write & mask_;
  const std::size_t first = std::min(n, buffer_.size() - at);
  std::copy_n(samples.begin(), first, buffer_.begin() + static_cast<std::ptrdiff_t>(at));
  std::copy_n(samples.begin() + static_cast<std::ptrdiff_t>(first), n - first, buffer_.begin());
  // Release: the samples are in place before the consumer can see the new index.
  write_.store(write + n, std::memory_order_release);
  return n;
}

std::size_t SampleRing::pop(std::span<float> out) noexcept {
  const std::size_t read = read_.load(std::memory_order_relaxed);
  const std::size_t n = std::min(out.size(), readable());
  const std::size_t at = read & mask_;
  const std::size_t first = std::min(n, buffer_.size() - at);
  std::copy_n(buffer_.begin() + static_cast<std::ptrdiff_t>(at), first, out.begin());
  std::copy_n(buffer_.begin(), n - first, out.begin() + static_cast<std::ptrdiff_t>(first));
  // Release: the samples are copied out before the producer may overwrite them.
  read_.store(read + n, std::memory_order_release);
  return n;
}

}  // namespace loaxa::audio
