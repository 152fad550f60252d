#pragma once
// One thread measuring the true peak of some of a file's channels, fed blocks by the
// decoding thread through a BlockQueue. 4× oversampling is most of the cost of analysis,
// so channels are spread over workers (see parallel_true_peak.hpp).
//
// Thread safety: construct, stop() and peak_dbtp() on the owning (decoder) thread; the
// worker thread only reads published blocks and its own meter.

#include "audio/block_queue.hpp"
#include "audio/loudness_meter.hpp"

#include <exception>
#include <thread>
#include <vector>

namespace loaxa::audio {

struct ChannelRange {
  int first = 0;
  int count = 0;
  int of = 0;  // channels in the file (the interleaving stride)
};

class TruePeakWorker {
 public:
  // Starts the thread as consumer `consumer` of queue. Throws std::bad_alloc, std::system_error.
  TruePeakWorker(BlockQueue& queue, std::size_t consumer, ChannelRange channels, int sample_rate,
                 std::size_t frames_per_block);
  // Joins the thread; the queue must have been closed by then (the owner closes it first).
  ~TruePeakWorker();
  TruePeakWorker(const TruePeakWorker&) = delete;
  TruePeakWorker& operator=(const TruePeakWorker&) = delete;

  // After the queue was closed: waits for this worker to drain it, rethrows its failure,
  // returns the highest true peak of its channels in dBTP.
  double finish();

 private:
  void run() noexcept;
  std::span<const float> own_channels(std::span<const float> block);
  void measure(std::span<const float> samples);

  BlockQueue& queue_;
  std::size_t consumer_;
  ChannelRange channels_;
  LoudnessMeter meter_;
  std::vector<float> scratch_;  // this worker's channels, when it has not all of them
  std::exception_ptr failure_;
  std::thread thread_;  // last: starts after the members it uses exist
};

}  // namespace loaxa::audio
