#pragma once
// Decodes a segment ahead of the output on a thread of its own, so the audio thread only
// copies from memory: a slow disk, a large FLAC block or the resampler's start-up cannot
// make it late. The hand-off is a lock-free SampleRing; when it is empty the audio thread
// gets silence and an underrun is counted, never a wait.
//
// The decoder fills the ring, then sleeps until half of it has been played, and refills it
// in one go: one wake-up per half ring (about a second at the daemon's sizes) instead of
// one per block the audio thread takes, so the ring always holds at least half its size
// ahead of the output and neither thread is woken for every block.
//
// Thread safety: read() and ended() from the audio thread only (one consumer);
// underruns() and failure() from any thread. The decoder thread is internal: it starts in
// the constructor and is stopped and joined by the destructor.

#include "audio/frame_source.hpp"
#include "audio/sample_ring.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <span>
#include <thread>
#include <vector>

namespace loaxa::audio {

class ReadAhead {
 public:
  // Starts decoding at once, keeping up to `buffer_frames` ready.
  // Throws std::bad_alloc, std::system_error (no thread could be started).
  ReadAhead(std::unique_ptr<FrameSource> source, std::size_t buffer_frames);
  ~ReadAhead();
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  int channels() const noexcept { return channels_; }

  // Audio thread: fills `out` (whole frames) with what is ready and the rest with silence;
  // returns the frames of audio. Short of audio before the end counts one underrun.
  // Never blocks, locks or allocates.
  std::size_t read(std::span<float> out) noexcept;
  // Audio thread: every frame of the source has been read (or decoding failed).
  bool ended() const noexcept;

  std::uint64_t underruns() const noexcept { return underruns_.load(std::memory_order_relaxed); }
  // How many times the decoder has slept on a full ring so far (any thread; for tests and
  // diagnostics): at most one per half ring of audio.
  std::uint64_t refill_waits() const noexcept { return refill_waits_.load(std::memory_order_relaxed); }
  // Once ended(): what stopped decoding early (e.g. DecodeError corrupt), or null; the
  // frames decoded before it were still played.
  std::exception_ptr failure() const noexcept;

 private:
  void decode() noexcept;
  // Pushes all of `samples`, waiting for room; false if stopped first. Never throws.
  bool push_all(std::span<const float> samples) noexcept;

  std::unique_ptr<FrameSource> source_;
  int channels_;
  SampleRing ring_;
  std::size_t refill_at_;       // free samples in the ring that wake the decoder: half of it
  std::vector<float> current_;  // the decoder thread's own blocks
  std::vector<float> next_;
  std::atomic<std::uint32_t> popped_{0};  // bumped by read() once refill_at_ is free: the decoder waits on it
  std::atomic<bool> stop_{false};
  std::atomic<bool> last_block_{false};  // the block being pushed is the source's last
  std::atomic<bool> decoded_{false};     // the decoder has pushed its last frame
  std::atomic<std::uint64_t> underruns_{0};
  std::atomic<std::uint64_t> refill_waits_{0};
  std::exception_ptr failure_;  // written before decoded_ is set
  std::thread thread_;          // last: starts once everything above exists
};

}  // namespace loaxa::audio
