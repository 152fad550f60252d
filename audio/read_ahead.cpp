#include "audio/read_ahead.hpp"

#include "common/thread_name.hpp"

#include <algorithm>

namespace loaxa::audio {
namespace {

// Decoded per step (the source's own blocks are 4096 frames): a refill is several steps.
constexpr std::size_t kDecodeFrames = 4096;

}  // namespace

ReadAhead::ReadAhead(std::unique_ptr<FrameSource> source, std::size_t buffer_frames)
    : source_(std::move(source)),
      channels_(source_->channels()),
      ring_(std::max(buffer_frames, kDecodeFrames) * static_cast<std::size_t>(channels_)),
      refill_at_(ring_.capacity() / 2 / static_cast<std::size_t>(channels_) * static_cast<std::size_t>(channels_)),
      current_(kDecodeFrames * static_cast<std::size_t>(channels_)),
      next_(current_.size()),
      thread_([this] { decode(); }) {}

ReadAhead::~ReadAhead() {
  stop_.store(true);
  popped_.fetch_add(1);
  popped_.notify_one();
  thread_.join();
}

bool ReadAhead::push_all(std::span<const float> samples) noexcept {
  for (;;) {
    // Read the counter before trying, so a read() that frees half the ring between the
    // try and the wait wakes us; the stop flag after it, so a stop that bumped the counter
    // before we read it is seen here rather than slept through.
    const std::uint32_t seen = popped_.load(std::memory_order_acquire);
    if (stop_.load()) return false;
    samples = samples.subspan(ring_.push(samples));
    if (samples.empty()) return true;
    // The ring is full: sleep until half of it is free (read() bumps the counter from then
    // on), so the next wake-up refills half a ring at once.
    if (ring_.writable() < refill_at_) {
      refill_waits_.fetch_add(1, std::memory_order_relaxed);
      popped_.wait(seen);
    }
  }
}

void ReadAhead::decode() noexcept {
  name_this_thread("loaxa-decode");
  const auto channels = static_cast<std::size_t>(channels_);
  // Reads one block; a failure ends the source (what came before it still plays).
  auto read_block = [&](std::vector<float>& block) -> std::size_t {
    try {
      return source_->read(block);
    } catch (...) {
      failure_ = std::current_exception();
      return 0;
    }
  };
  std::size_t frames = read_block(current_);
  while (frames > 0) {
    // One block ahead, so the last block is known as the last before it is pushed: a
    // short read() while it goes in is the end of the segment, not an underrun.
    const std::size_t next = read_block(next_);
    if (next == 0) last_block_.store(true, std::memory_order_release);
    if (!push_all(std::span<const float>(current_).first(frames * channels))) break;
    std::swap(current_, next_);
    frames = next;
  }
  decoded_.store(true, std::memory_order_release);
}

std::size_t ReadAhead::read(std::span<float> out) noexcept {
  const auto channels = static_cast<std::size_t>(channels_);
  const std::size_t wanted = out.size() / channels * channels;
  const std::size_t got = ring_.pop(out.first(std::min(wanted, ring_.readable() / channels * channels)));
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(got), out.end(), 0.0f);
  // Once half the ring is free, the decoder is due to refill it: a futex wake only if it
  // sleeps (from then on until it has refilled), no lock either way.
  if (got > 0 && ring_.capacity() - ring_.readable() >= refill_at_) {
    popped_.fetch_add(1, std::memory_order_release);
    popped_.notify_one();
  }
  // Checked after the pop: the decoder had not yet reached the last block, so more audio
  // was due and missing.
  if (got < wanted && !last_block_.load(std::memory_order_acquire) && !decoded_.load(std::memory_order_acquire))
    underruns_.fetch_add(1, std::memory_order_relaxed);
  return got / channels;
}

bool ReadAhead::ended() const noexcept {
  return decoded_.load(std::memory_order_acquire) && ring_.readable() < static_cast<std::size_t>(channels_);
}

std::exception_ptr ReadAhead::failure() const noexcept {
  return decoded_.load(std::memory_order_acquire) ? failure_ : nullptr;
}

}  // namespace loaxa::audio
