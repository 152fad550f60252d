#include "audio/true_peak_worker.hpp"

namespace loaxa::audio {
namespace {

// Enough blocks in flight that neither thread waits on the other's jitter.
constexpr std::size_t blocks_in_flight = 8;

}  // namespace

TruePeakWorker::TruePeakWorker(int channels, int sample_rate, std::size_t frames_per_block)
    : queue_(blocks_in_flight, frames_per_block * static_cast<std::size_t>(channels)),
      meter_(LoudnessMeter::Measure::true_peak, static_cast<unsigned long>(sample_rate),
             std::vector<Ebur128Channel>(static_cast<std::size_t>(channels), EBUR128_UNUSED)),
      thread_([this] { run(); }) {}

TruePeakWorker::~TruePeakWorker() {
  if (thread_.joinable()) {
    queue_.close();
    thread_.join();
  }
}

void TruePeakWorker::run() noexcept {
  try {
    while (auto block = queue_.next()) {
      meter_.add(*block);
      queue_.release();
    }
  } catch (...) {
    failure_ = std::current_exception();
    queue_.close();  // wakes a producer waiting for a free block
  }
}

double TruePeakWorker::finish() {
  queue_.close();
  thread_.join();
  if (failure_) std::rethrow_exception(failure_);
  return meter_.true_peak_dbtp();
}

}  // namespace loaxa::audio
