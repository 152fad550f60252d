#pragma once
// True peak measured beside decoding: the decoder thread publishes each decoded block, and
// one or two worker threads (each with half of the channels) oversample it while the
// decoder goes on measuring loudness. Two lanes because the target machines have two cores
// and, on loud material where few chunks can be skipped, true peak costs about twice as
// much as decoding and loudness together.
//
// Thread safety: every member function on the one thread that constructed the object.

#include "audio/block_queue.hpp"
#include "audio/true_peak_worker.hpp"

#include <memory>
#include <span>
#include <vector>

namespace loaxa::audio {

class ParallelTruePeak {
 public:
  // Starts the workers. Throws std::bad_alloc, std::system_error.
  ParallelTruePeak(int channels, int sample_rate, std::size_t frames_per_block);
  // Stops the workers if finish() was not reached (e.g. decoding threw).
  ~ParallelTruePeak();
  ParallelTruePeak(const ParallelTruePeak&) = delete;
  ParallelTruePeak& operator=(const ParallelTruePeak&) = delete;

  // A block to decode into; empty if a worker has failed (finish() then throws).
  std::span<float> acquire() { return queue_.acquire(); }
  // Hands the first `samples` of the acquired block to the workers. The caller may keep
  // reading the block until its next acquire().
  void publish(std::size_t samples) { queue_.publish(samples); }

  // Waits for the workers and returns the true peak over all channels in dBTP.
  // Rethrows a worker's failure.
  double finish();

 private:
  BlockQueue queue_;
  std::vector<std::unique_ptr<TruePeakWorker>> workers_;
};

}  // namespace loaxa::audio
