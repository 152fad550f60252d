#include "audio/true_peak_worker.hpp"

namespace loaxa::audio {

TruePeakWorker::TruePeakWorker(BlockQueue& queue, std::size_t consumer, ChannelRange channels,
                               int sample_rate, std::size_t frames_per_block)
    : queue_(queue),
      consumer_(consumer),
      channels_(channels),
      meter_(LoudnessMeter::Measure::true_peak, static_cast<unsigned long>(sample_rate),
             std::vector<Ebur128Channel>(static_cast<std::size_t>(channels.count), EBUR128_UNUSED)),
      scratch_(channels.count == channels.of ? 0 : frames_per_block * static_cast<std::size_t>(channels.count)),
      thread_([this] { run(); }) {}

TruePeakWorker::~TruePeakWorker() {
  if (thread_.joinable()) thread_.join();
}

std::span<const float> TruePeakWorker::own_channels(std::span<const float> block) {
  if (channels_.count == channels_.of) return block;
  const auto stride = static_cast<std::size_t>(channels_.of);
  const auto count = static_cast<std::size_t>(channels_.count);
  const auto first = static_cast<std::size_t>(channels_.first);
  std::size_t out = 0;
  for (std::size_t frame = 0; frame < block.size(); frame += stride)
    for (std::size_t c = 0; c < count; ++c) scratch_[out++] = block[frame + first + c];
  return std::span<const float>(scratch_).first(out);
}

void TruePeakWorker::run() noexcept {
  try {
    while (auto block = queue_.next(consumer_)) {
      meter_.add(own_channels(*block));
      queue_.release(consumer_);
    }
  } catch (...) {
    failure_ = std::current_exception();
    queue_.close();  // wakes the decoder if it waits for a free block
  }
}

double TruePeakWorker::finish() {
  thread_.join();
  if (failure_) std::rethrow_exception(failure_);
  return meter_.true_peak_dbtp();
}

}  // namespace loaxa::audio
