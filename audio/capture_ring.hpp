#pragma once
// The hand-off from a capture callback to one reader: the samples (a lock-free SampleRing)
// and when they were captured. Each callback publishes "frame F (counted from open) was
// captured at steady instant T"; the reader's next frame is then T + (read − F) / rate, so
// the mapping follows the device's own clock, never drifting from it.
//
// Thread safety: push() on the callback thread only (never locks, allocates or blocks);
// pop(), readable_frames(), skip(), next_frame_time() on the reader thread only. Throws
// std::bad_alloc at construction only.

#include "audio/pacer.hpp"
#include "audio/sample_ring.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>

namespace loaxa::audio {

class CaptureRing {
 public:
  using Clock = Pacer::Clock;
  CaptureRing(int sample_rate, int channels, double seconds);

  // The callback: `frames` interleaved frames whose first was captured `age_ns` before now
  // (steady_clock, read here). Frames that do not fit are dropped and counted.
  void push(const float* interleaved, std::size_t frames, std::int64_t age_ns) noexcept;

  std::size_t pop(std::span<float> out) noexcept;
  std::size_t readable_frames() const noexcept;
  void skip_to_newest(std::size_t keep) noexcept;
  Clock::time_point next_frame_time() const noexcept;
  std::uint64_t overruns() const noexcept { return overruns_.load(std::memory_order_relaxed); }
  int channels() const noexcept { return channels_; }

 private:
  SampleRing ring_;
  const int sample_rate_;
  const int channels_;
  std::uint64_t pushed_ = 0;  // the callback's: frames captured since open (dropped included)
  std::uint64_t read_ = 0;    // the reader's: frames taken (popped or skipped), dropped included
  std::atomic<std::uint64_t> overruns_{0};
  std::atomic<std::uint64_t> dropped_{0};  // frames dropped for want of room
  // The anchor, under a sequence lock: frame `anchor_frame_` was captured at `anchor_ns_`.
  std::atomic<std::uint32_t> seq_{0};
  std::atomic<std::uint64_t> anchor_frame_{0};
  std::atomic<std::int64_t> anchor_ns_{0};
};

}  // namespace loaxa::audio
