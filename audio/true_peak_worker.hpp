#pragma once
// Measures true peak on its own thread while the caller decodes and measures loudness:
// 4× oversampling is most of the cost of analysis, so it gets a core of its own.
//
// Thread safety: construct, acquire(), publish() and finish() on one thread (the decoder);
// the worker thread only reads published blocks.

#include "audio/block_queue.hpp"
#include "audio/loudness_meter.hpp"

#include <exception>
#include <thread>

namespace loaxa::audio {

class TruePeakWorker {
public:
  // Starts the thread. Throws std::bad_alloc, std::system_error.
  TruePeakWorker(int channels, int sample_rate, std::size_t frames_per_block);
  // Stops and joins the thread if finish() was not called (e.g. decoding threw).
  ~TruePeakWorker();
  TruePeakWorker(const TruePeakWorker&) = delete;
  TruePeakWorker& operator=(const TruePeakWorker&) = delete;

  // A block to decode into; empty if the worker has failed (finish() then throws).
  std::span<float> acquire() { return queue_.acquire(); }
  // Hands the first `samples` of the acquired block to the worker. The caller may keep
  // reading the block until its next acquire().
  void publish(std::size_t samples) { queue_.publish(samples); }

  // Waits for the worker to drain and returns dBTP. Rethrows the worker's failure.
  double finish();

private:
  void run() noexcept;

  BlockQueue queue_;
  LoudnessMeter meter_;
  std::exception_ptr failure_;
  std::thread thread_;  // last: starts after the members it uses exist
};

}  // namespace loaxa::audio
