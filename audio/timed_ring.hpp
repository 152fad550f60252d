#pragma once
// The hand-off between the audio thread and a sound server's real-time callback, shared by
// the PortAudio and JACK outputs: a lock-free ring the writer fills and the callback drains,
// and the timeline the output promises. write() blocks (on a futex the callback wakes) while
// the ring is full; next_frame_time() says when the next frame written will be heard.
//
// The callback keeps the timeline it promised: frame n of the ring (n counted from open,
// dropped frames included) is heard at `origin + n / rate`, which is what next_frame_time()
// tells the writer. A host that skips a cycle of ours (a JACK xrun: the sink played a period
// we never filled) makes every queued frame late by that period; a callback woken late makes
// one anchor look late without anything being late. So the lateness of each buffer (when its
// first frame is heard, by the host's DAC time, minus the promise) is taken as the minimum
// over a window of callbacks — a late wake-up only raises one of them, a skipped cycle raises
// them all — and then corrected in silence only: a late timeline drops that many queued
// silent frames, an early one plays that many silent frames more, and only while the output
// is silent already, so audio is never cut or split. See docs/PLAYBACK.md.
//
// Thread safety: fill_buffer() on the host's callback thread only (it never locks, allocates
// or blocks); write(), drain(), next_frame_time() on the audio thread; frames_consumed() from
// any thread.

#include "audio/pacer.hpp"
#include "audio/sample_ring.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace loaxa::audio {

class TimedRing {
 public:
  using Clock = Pacer::Clock;

  // Throws std::bad_alloc.
  TimedRing(int sample_rate, int channels);

  // The host's callback-to-DAC latency, used before the first callback and when a callback
  // cannot say; set before the stream starts.
  void set_fallback_lead(std::int64_t lead_ns) noexcept { fallback_lead_ns_ = lead_ns; }

  // The callback: fills `frames` interleaved frames at `out` from the ring (silence when it
  // runs dry). `lead_ns`: how long after now (steady_clock, read here) the buffer's first
  // frame reaches the DAC, as the host says; none: the fallback.
  void fill_buffer(float* out, std::size_t frames, std::optional<std::int64_t> lead_ns) noexcept;

  enum class Trouble { none, stopped, stalled };
  // Hands every sample over, waiting for room. Stops early when `active` says the stream
  // stopped, or when the callback took nothing for 2 s (a card or a server gone).
  Trouble write(std::span<const float> samples, const std::function<bool()>& active);
  // Waits until the ring is empty and its last frame has reached the DAC (same troubles).
  Trouble drain(const std::function<bool()>& active);

  // Frames taken from the ring since it was made: played, or dropped as silence to keep
  // the timeline.
  std::uint64_t frames_consumed() const noexcept { return frames_read_.load(std::memory_order_acquire); }
  // The promised instant of the frame after the callback's latest buffer plus the frames
  // queued behind it; never earlier than now plus the host's lead (after an underrun).
  Clock::time_point next_frame_time() const noexcept;
  int channels() const noexcept { return channels_; }

 private:
  struct Anchor {
    std::uint64_t read_end;
    std::int64_t dac_end_ns;
    std::int64_t lead_ns;
  };
  std::optional<Anchor> anchor() const noexcept;
  std::int64_t promise_ns(std::uint64_t frame) const noexcept;
  bool frame_silent(const float* frame) const noexcept;
  std::size_t pop_frames(float* out, std::size_t frames) noexcept;
  void measure(std::int64_t late_ns, std::size_t frames) noexcept;
  std::size_t fill(float* out, std::size_t frames) noexcept;
  Trouble check_alive(std::uint32_t& last_progress, Clock::time_point& since, const std::function<bool()>& active);

  SampleRing ring_;
  const int sample_rate_;
  const int channels_;
  std::int64_t fallback_lead_ns_ = 0;
  const std::size_t wake_room_;  // samples: the wake-up quantum's frames
  std::uint64_t written_ = 0;    // frames handed over (the writer's)

  std::atomic<std::uint32_t> progress_{0};  // bumped by every callback
  // Samples of room the writer sleeps for (0: not sleeping); the callback wakes it only once
  // the ring has that much free, so a playing writer wakes a few times a second, not per period.
  std::atomic<std::size_t> wake_at_room_{0};
  std::atomic<std::uint64_t> frames_read_{0};

  // The anchor: after the callback's buffer, `read_end` frames had been taken from the ring,
  // and the frame right after them is promised to the DAC at `dac_end_ns`; `lead_ns` is how
  // long after the callback ran its buffer's first frame reached the DAC.
  std::atomic<std::uint32_t> seq_{0};  // odd while being written; 0: no callback yet
  std::atomic<std::uint64_t> read_end_{0};
  std::atomic<std::int64_t> dac_end_ns_{0};
  std::atomic<std::int64_t> lead_ns_{0};

  // The callback's own: the promise's origin, the lateness window, the correction under way.
  std::vector<float> scratch_;  // queued frames looked at before they are dropped (0.1 s)
  bool promised_ = false;
  std::int64_t origin_ns_ = 0;  // when frame 0 of the ring is heard
  std::int64_t window_min_ns_ = 0;
  long window_count_ = 0;
  std::int64_t correction_ = 0;  // frames still to drop (> 0) or to insert (< 0)
  bool silent_ = true;           // the last frame played was silence
};

}  // namespace loaxa::audio
