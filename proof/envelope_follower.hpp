#pragma once
// The level envelope of an audio stream: one value per block (10 ms by default), the RMS of
// the mono mix (the mean of the channels, frame by frame), linear full scale (1.0 = a full
// scale square wave; 20·log10 gives dBFS). Used for both sides of the proof that a play was
// heard: what loaxad sent, and what the monitor input captured.
//
// Thread safety: add() is called by ONE producer thread (a real-time audio callback: it never
// allocates, locks or throws), drain() and lost_blocks() by ONE consumer thread, at the same
// time. The completed levels pass through a fixed-capacity single-producer/single-consumer
// ring allocated by the constructor; the consumer must drain at least every
// capacity_blocks × block_ms (10.24 s by default). When the ring is full, add() drops blocks but
// remembers how many, and drain() puts that many zero levels back where they were lost, so
// the envelope keeps its timing (lost blocks look silent: they never count as heard). The loss
// travels with the next block add() completes after a drain has made room, so blocks lost at
// the very end of a stream are never reported: the envelope is then just shorter.
// add() costs one multiply-add per sample plus one per frame (60 s of 48 kHz stereo: ~12 ms).
// Construction and destruction: by the consumer, with no add() running.

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace loaxa::proof {

class EnvelopeFollower {
 public:
  // Throws std::invalid_argument unless channels ≥ 1, sample_rate ≥ 1000, block_ms ≥ 1 and
  // capacity_blocks ≥ 2.
  EnvelopeFollower(int channels, int sample_rate, int block_ms = 10, int capacity_blocks = 1024);
  ~EnvelopeFollower();
  EnvelopeFollower(const EnvelopeFollower&) = delete;
  EnvelopeFollower& operator=(const EnvelopeFollower&) = delete;

  // Interleaved frames, in stream order, any number at a time (a trailing partial frame is
  // ignored). Block k spans frames [k·rate·block_ms/1000, (k+1)·rate·block_ms/1000), so blocks
  // average exactly block_ms even at 22050 Hz. Producer thread only.
  void add(std::span<const float> interleaved) noexcept;

  // Appends every block completed since the last drain (and a zero for each lost one) to out.
  // The block still being filled stays behind. Consumer thread only; may allocate.
  void drain(std::vector<float>& out);

  // Blocks dropped because the ring was full, since construction. Consumer thread only.
  std::int64_t lost_blocks() const noexcept { return lost_total_; }

  int block_ms() const noexcept { return block_ms_; }

 private:
  void close_block() noexcept;
  bool push(float value) noexcept;

  // Producer side.
  int channels_;
  std::int64_t frames_per_second_x_ms_;  // sample_rate × block_ms
  int block_ms_;
  std::int64_t block_ = 0;      // index of the block being filled
  std::int64_t block_end_ = 0;  // first frame of the next block
  std::int64_t block_start_ = 0;
  std::int64_t frame_ = 0;
  double sum_squares_ = 0;
  std::int64_t pending_lost_ = 0;  // dropped blocks not yet announced to the consumer

  // The ring: a level ≥ 0 is a block; a negative value -n announces n lost blocks before the
  // next one.
  std::unique_ptr<float[]> ring_;
  std::size_t capacity_;
  std::atomic<std::size_t> head_{0};  // written by the producer
  std::atomic<std::size_t> tail_{0};  // written by the consumer

  // Consumer side.
  std::int64_t lost_total_ = 0;
};

}  // namespace loaxa::proof
