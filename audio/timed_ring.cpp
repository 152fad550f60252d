#include "audio/timed_ring.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <thread>

namespace loaxa::audio {
namespace {

using Clock = Pacer::Clock;

// How far ahead of the device write() may run: the ring's size. The queued frames are
// counted in next_frame_time(), so this adds pre-roll, not error.
constexpr double kRingSeconds = 0.2;
// A device that takes no frame for this long is gone (a card unplugged, a JACK server
// stopped); one slice of waiting is much shorter so a lost stream is noticed early.
constexpr auto kStallLimit = std::chrono::seconds(2);
constexpr auto kWaitSlice = std::chrono::milliseconds(100);
// A writer waiting for room is woken once this much of the ring is free, not at every
// callback: with a 1024-frame JACK period that is a wake-up every third period instead of
// every one, and the ring still holds 150 ms when it wakes — far more than any host's period.
constexpr double kWakeRoomSeconds = 0.05;

std::int64_t to_ns(Clock::time_point t) noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

Clock::time_point from_ns(std::int64_t ns) noexcept {
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(ns)));
}

std::int64_t frames_ns(std::int64_t frames, int rate) noexcept {
  return frames * 1'000'000'000LL / rate;
}

// Sleeps while *word == expected, at most `timeout`; a futex, so the callback's wake is one
// system call and no lock. Spurious returns are harmless: every caller re-checks.
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::chrono::nanoseconds timeout) noexcept {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(timeout.count() / 1'000'000'000);
  ts.tv_nsec = static_cast<long>(timeout.count() % 1'000'000'000);
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_PRIVATE, expected, &ts, nullptr, 0);
}

void futex_wake(std::atomic<std::uint32_t>& word) noexcept {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace

TimedRing::TimedRing(int sample_rate, int channels)
    : ring_(static_cast<std::size_t>(std::ceil(kRingSeconds * sample_rate)) * static_cast<std::size_t>(channels)),
      sample_rate_(sample_rate),
      channels_(channels),
      wake_room_(static_cast<std::size_t>(std::ceil(kWakeRoomSeconds * sample_rate)) *
                 static_cast<std::size_t>(channels)),
      scratch_(static_cast<std::size_t>(sample_rate / 10) * static_cast<std::size_t>(channels)) {}

std::int64_t TimedRing::promise_ns(std::uint64_t frame) const noexcept {
  return origin_ns_ + frames_ns(static_cast<std::int64_t>(frame), sample_rate_);
}

bool TimedRing::frame_silent(const float* frame) const noexcept {
  for (int c = 0; c < channels_; ++c)
    if (frame[c] != 0.0f) return false;
  return true;
}

std::size_t TimedRing::pop_frames(float* out, std::size_t frames) noexcept {
  const auto ch = static_cast<std::size_t>(channels_);
  return ring_.pop(std::span<float>(out, std::min(frames, ring_.readable() / ch) * ch)) / ch;
}

// Adds one buffer's lateness to the window; at its end, the window's minimum becomes the
// correction. A tenth of a second of callbacks, and at least eight: long enough that one of
// them ran on time, short enough to settle well within a programme's priming.
void TimedRing::measure(std::int64_t late_ns, std::size_t frames) noexcept {
  window_min_ns_ = window_count_ == 0 ? late_ns : std::min(window_min_ns_, late_ns);
  const long window = std::max(8L, std::lround(0.1 * sample_rate_ / static_cast<double>(frames)));
  if (++window_count_ < window) return;
  window_count_ = 0;
  correction_ = std::llround(static_cast<double>(window_min_ns_) * sample_rate_ / 1e9);
}

// Fills `out` from the ring, applying what it can of the correction while the output is
// silent; returns the frames taken from the ring.
std::size_t TimedRing::fill(float* out, std::size_t frames) noexcept {
  const auto ch = static_cast<std::size_t>(channels_);
  std::size_t pos = 0;
  std::size_t taken = 0;
  if (silent_ && correction_ < 0) {
    pos = std::min(static_cast<std::size_t>(-correction_), frames);
    std::fill(out, out + pos * ch, 0.0f);
    correction_ += static_cast<std::int64_t>(pos);
  } else if (silent_ && correction_ > 0) {
    const std::size_t looked =
        pop_frames(scratch_.data(), std::min({static_cast<std::size_t>(correction_), scratch_.size() / ch, frames}));
    std::size_t zeros = 0;
    while (zeros < looked && frame_silent(&scratch_[zeros * ch])) ++zeros;
    // Sound after the silence ends the correction; it is played now, first in the buffer.
    std::copy(scratch_.begin() + static_cast<std::ptrdiff_t>(zeros * ch),
              scratch_.begin() + static_cast<std::ptrdiff_t>(looked * ch), out);
    pos = looked - zeros;
    taken = looked;
    correction_ = zeros < looked || looked == 0 ? 0 : correction_ - static_cast<std::int64_t>(zeros);
  } else {
    correction_ = 0;  // sound is playing: never cut or split
  }
  const std::size_t got = pop_frames(out + pos * ch, frames - pos);
  std::fill(out + (pos + got) * ch, out + frames * ch, 0.0f);
  return taken + got;
}

void TimedRing::fill_buffer(float* out, std::size_t frames, std::optional<std::int64_t> host_lead_ns) noexcept {
  const std::int64_t now = to_ns(Clock::now());
  const std::int64_t lead = host_lead_ns.value_or(fallback_lead_ns_);
  const std::int64_t heard = now + lead;  // this buffer's first frame, late by our wake-up delay
  const std::int64_t buffer_ns = frames_ns(static_cast<std::int64_t>(frames), sample_rate_);
  std::uint64_t read = frames_read_.load(std::memory_order_relaxed);
  const bool queued = ring_.readable() >= static_cast<std::size_t>(channels_);

  // Measured only between corrections, so a window never counts one twice.
  if (promised_ && queued && correction_ == 0) measure(heard - promise_ns(read), frames);
  read += fill(out, frames);
  frames_read_.store(read, std::memory_order_release);
  silent_ = frame_silent(out + (frames - 1) * static_cast<std::size_t>(channels_));
  if (!promised_ || !queued) {
    // Nothing was queued: the next frame written is heard after this buffer.
    origin_ns_ = heard + buffer_ns - frames_ns(static_cast<std::int64_t>(read), sample_rate_);
    promised_ = true;
    window_count_ = 0;
    correction_ = 0;
  }

  const std::uint32_t s = seq_.load(std::memory_order_relaxed);
  seq_.store(s + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  read_end_.store(read, std::memory_order_relaxed);
  dac_end_ns_.store(promise_ns(read), std::memory_order_relaxed);
  lead_ns_.store(lead, std::memory_order_relaxed);
  seq_.store(s + 2, std::memory_order_release);

  progress_.fetch_add(1, std::memory_order_release);
  const std::size_t wanted = wake_at_room_.load(std::memory_order_acquire);
  if (wanted != 0 && ring_.writable() >= wanted) futex_wake(progress_);
}

std::optional<TimedRing::Anchor> TimedRing::anchor() const noexcept {
  for (;;) {
    const std::uint32_t before = seq_.load(std::memory_order_acquire);
    if (before == 0) return std::nullopt;
    if (before % 2 != 0) continue;
    Anchor a{read_end_.load(std::memory_order_relaxed), dac_end_ns_.load(std::memory_order_relaxed),
             lead_ns_.load(std::memory_order_relaxed)};
    std::atomic_thread_fence(std::memory_order_acquire);
    if (seq_.load(std::memory_order_relaxed) == before) return a;
  }
}

TimedRing::Trouble TimedRing::check_alive(std::uint32_t& last_progress, Clock::time_point& since,
                                          const std::function<bool()>& active) {
  const std::uint32_t progress = progress_.load(std::memory_order_acquire);
  const auto now = Clock::now();
  if (progress != last_progress) {
    last_progress = progress;
    since = now;
    return Trouble::none;
  }
  if (!active()) return Trouble::stopped;
  if (now - since >= kStallLimit) return Trouble::stalled;
  return Trouble::none;
}

TimedRing::Trouble TimedRing::write(std::span<const float> samples, const std::function<bool()>& active) {
  const auto channels = static_cast<std::size_t>(channels_);
  written_ += samples.size() / channels;
  std::uint32_t last_progress = progress_.load(std::memory_order_acquire);
  auto since = Clock::now();
  for (;;) {
    // Read the counter before trying, so a callback between the try and the wait wakes us.
    const std::uint32_t seen = progress_.load(std::memory_order_acquire);
    // Whole frames only, so the callback never sees half a frame.
    const std::size_t room = ring_.writable() / channels * channels;
    samples = samples.subspan(ring_.push(samples.first(std::min(room, samples.size()))));
    if (samples.empty()) return Trouble::none;
    // Room for the rest of the block and at least the wake-up quantum; a callback between
    // the counter's read and the wait makes the wait return at once (the counter moved).
    const std::size_t wanted = std::min(ring_.capacity() / channels * channels, std::max(samples.size(), wake_room_));
    wake_at_room_.store(wanted, std::memory_order_release);
    if (ring_.writable() < wanted) futex_wait(progress_, seen, kWaitSlice);
    wake_at_room_.store(0, std::memory_order_relaxed);
    if (const auto trouble = check_alive(last_progress, since, active); trouble != Trouble::none) return trouble;
  }
}

TimedRing::Trouble TimedRing::drain(const std::function<bool()>& active) {
  std::uint32_t last_progress = progress_.load(std::memory_order_acquire);
  auto since = Clock::now();
  for (;;) {
    const std::uint32_t seen = progress_.load(std::memory_order_acquire);
    if (ring_.readable() == 0) break;
    wake_at_room_.store(ring_.capacity(), std::memory_order_release);  // empty
    futex_wait(progress_, seen, kWaitSlice);
    wake_at_room_.store(0, std::memory_order_relaxed);
    if (const auto trouble = check_alive(last_progress, since, active); trouble != Trouble::none) return trouble;
  }
  std::this_thread::sleep_until(next_frame_time());
  return Trouble::none;
}

Clock::time_point TimedRing::next_frame_time() const noexcept {
  const auto now = Clock::now();
  const auto queued = [&](std::uint64_t read) { return static_cast<std::int64_t>(written_ - read); };
  const auto a = anchor();
  if (!a) {
    // No callback yet: the host's reported latency after what is queued.
    return now + std::chrono::nanoseconds(fallback_lead_ns_ + frames_ns(queued(frames_consumed()), sample_rate_));
  }
  // Behind the anchor's frame, the frames queued since; but after an underrun the ring ran
  // dry and the next frame waits for a buffer not yet asked for: now plus the lead.
  const std::int64_t by_ring = a->dac_end_ns + frames_ns(queued(a->read_end), sample_rate_);
  const std::int64_t earliest = to_ns(now) + a->lead_ns;
  return from_ns(std::max(by_ring, earliest));
}

}  // namespace loaxa::audio
