#include "audio/capture_ring.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace loaxa::audio {

namespace {

std::int64_t steady_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Pacer::Clock::now().time_since_epoch()).count();
}

}  // namespace

CaptureRing::CaptureRing(int sample_rate, int channels, double seconds)
    : ring_(static_cast<std::size_t>(std::ceil(seconds * sample_rate)) * static_cast<std::size_t>(channels)),
      sample_rate_(sample_rate),
      channels_(channels) {}

void CaptureRing::push(const float* interleaved, std::size_t frames, std::int64_t age_ns) noexcept {
  const std::uint64_t first = pushed_;
  const std::size_t samples = frames * static_cast<std::size_t>(channels_);
  const std::size_t taken = ring_.push(std::span<const float>(interleaved, samples));
  if (taken < samples) {
    dropped_.fetch_add((samples - taken) / static_cast<std::size_t>(channels_), std::memory_order_release);
    overruns_.fetch_add(1, std::memory_order_relaxed);
  }
  pushed_ += frames;
  const std::uint32_t seq = seq_.load(std::memory_order_relaxed);
  seq_.store(seq + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  anchor_frame_.store(first, std::memory_order_relaxed);
  anchor_ns_.store(steady_ns() - age_ns, std::memory_order_relaxed);
  seq_.store(seq + 2, std::memory_order_release);
}

std::size_t CaptureRing::pop(std::span<float> out) noexcept {
  const std::size_t whole = out.size() - out.size() % static_cast<std::size_t>(channels_);
  const std::size_t frames = ring_.pop(out.first(whole)) / static_cast<std::size_t>(channels_);
  read_ += frames;
  return frames;
}

std::size_t CaptureRing::readable_frames() const noexcept {
  return ring_.readable() / static_cast<std::size_t>(channels_);
}

void CaptureRing::skip_to_newest(std::size_t keep) noexcept {
  float scratch[1024];
  const std::size_t chunk = 1024 - 1024 % static_cast<std::size_t>(channels_);
  std::size_t waiting = readable_frames();
  while (waiting > keep) {
    const std::size_t samples = std::min(chunk, (waiting - keep) * static_cast<std::size_t>(channels_));
    const std::size_t got = ring_.pop(std::span<float>(scratch, samples)) / static_cast<std::size_t>(channels_);
    if (got == 0) break;
    read_ += got;
    waiting -= got;
  }
}

Pacer::Clock::time_point CaptureRing::next_frame_time() const noexcept {
  std::uint32_t before = 0;
  std::uint64_t frame = 0;
  std::int64_t at = 0;
  do {
    before = seq_.load(std::memory_order_acquire);
    frame = anchor_frame_.load(std::memory_order_relaxed);
    at = anchor_ns_.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
  } while ((before & 1u) != 0 || before != seq_.load(std::memory_order_relaxed));
  if (before == 0) return Pacer::Clock::now();
  // Frames dropped while the ring was full were newer than those still in it; counting them
  // as read as soon as they are dropped keeps the mapping within a ring's length of the truth
  // while the reader lags, and exact again once it has caught up.
  const std::uint64_t reader = read_ + dropped_.load(std::memory_order_acquire);
  const double offset_s = (static_cast<double>(reader) - static_cast<double>(frame)) / sample_rate_;
  return Pacer::Clock::time_point(std::chrono::nanoseconds(at + static_cast<std::int64_t>(offset_s * 1e9)));
}

}  // namespace loaxa::audio
