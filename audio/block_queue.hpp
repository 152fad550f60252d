#pragma once
// A bounded ring of reusable sample blocks handed from one producer thread (the decoder)
// to one consumer thread (a meter). Bounded so a fast decoder cannot fill memory with a
// long file; blocks are reused so nothing is allocated after construction. Blocks are
// large (thousands of frames), so one mutex costs nothing measurable.
//
// Thread safety: acquire()/publish()/close() from the producer thread only,
// next()/release() from the consumer thread only; close() also from the consumer
// (to give up) — then acquire() returns an empty span.

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
  BlockQueue(std::size_t blocks, std::size_t samples_per_block);

  // Producer: waits for a free block; empty once the queue is closed.
  std::span<float> acquire();
  // Producer: hands the first `samples` of the acquired block to the consumer.
  void publish(std::size_t samples);
  // Either side: no more blocks will be published; the consumer drains what is queued.
  void close() noexcept;

  // Consumer: waits for the next block; nothing once closed and drained.
  std::optional<std::span<const float>> next();
  // Consumer: returns the block got from next() for reuse.
  void release();

private:
  std::vector<std::vector<float>> blocks_;
  std::vector<std::size_t> sizes_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t published_ = 0;
  std::uint64_t released_ = 0;
  bool closed_ = false;
};

}  // namespace loaxa::audio
