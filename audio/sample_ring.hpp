#pragma once
// A single-producer/single-consumer ring of samples, lock-free and wait-free: the consumer
// (the audio thread) never blocks, locks or allocates. The capacity is fixed at construction.
//
// Thread safety: push() and writable() from the producer thread only; pop() and readable()
// from the consumer thread only. Nothing throws after construction (std::bad_alloc there).

#include <atomic>
#include <cstddef>
#include <span>
#include <vector>

namespace loaxa::audio {

class SampleRing {
 public:
  // Room for at least `min_samples` (rounded up to a power of two).
  explicit SampleRing(std::size_t min_samples);

  std::size_t capacity() const noexcept { return buffer_.size(); }

  // Producer: copies as many samples as fit; returns the count.
  std::size_t push(std::span<const float> samples) noexcept;
  std::size_t writable() const noexcept;

  // Consumer: copies up to out.size() samples; returns the count.
  std::size_t pop(std::span<float> out) noexcept;
  std::size_t readable() const noexcept;

 private:
  // Apart, so the two threads do not fight over one cache line.
  static constexpr std::size_t kLine = 64;

  std::vector<float> buffer_;
  std::size_t mask_;
  alignas(kLine) std::atomic<std::size_t> write_{0};  // samples ever pushed
  alignas(kLine) std::atomic<std::size_t> read_{0};   // samples ever popped
};

}  // namespace loaxa::audio
