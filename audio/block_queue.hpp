#pragma once
// A bounded ring of reusable sample blocks broadcast from one producer thread (the decoder)
// to a fixed set of consumer threads (the meters); each consumer sees every block, and a
// block is reused only after all of them released it. Bounded so a fast decoder cannot
// fill memory with a long file; nothing is allocated after construction. Blocks are large
// (thousands of frames), so one mutex costs nothing measurable.
//
// Thread safety: acquire()/publish() from the producer thread only; next(c)/release(c)
// from consumer thread c only; close() from any thread — then acquire() returns an empty
// span and consumers drain what is already queued.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace loaxa::audio {

class BlockQueue {
 public:
  // Throws std::bad_alloc.
  BlockQueue(std::size_t blocks, std::size_t samples_per_block, std::size_t consumers);

  // Producer: waits for a free block; empty once the queue is closed.
  std::span<float> acquire();
  // Producer: hands the first `samples` of the acquired block to every consumer.
  void publish(std::size_t samples);
  // No more blocks will be published.
  void close() noexcept;

  // Consumer c: waits for its next block; nothing once closed and drained.
  std::optional<std::span<const float>> next(std::size_t consumer);
  // Consumer c: done with the block got from next().
  void release(std::size_t consumer);

 private:
  bool full() const noexcept;

  std::vector<std::vector<float>> blocks_;
  std::vector<std::size_t> sizes_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t published_ = 0;
  std::vector<std::uint64_t> released_;  // per consumer
  bool closed_ = false;
};

}  // namespace loaxa::audio
