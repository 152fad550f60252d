#include "audio/block_queue.hpp"

#include <algorithm>

namespace loaxa::audio {

BlockQueue::BlockQueue(std::size_t blocks, std::size_t samples_per_block, std::size_t consumers)
    : blocks_(blocks, std::vector<float>(samples_per_block)), sizes_(blocks), released_(consumers) {}

bool BlockQueue::full() const noexcept {
  const auto slowest = *std::min_element(released_.begin(), released_.end());
  return published_ - slowest >= blocks_.size();
}

std::span<float> BlockQueue::acquire() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return closed_ || !full(); });
  if (closed_) return {};
  return blocks_[published_ % blocks_.size()];
}

void BlockQueue::publish(std::size_t samples) {
  {
    std::lock_guard lock(mutex_);
    sizes_[published_ % blocks_.size()] = samples;
    ++published_;
  }
  changed_.notify_all();
}

void BlockQueue::close() noexcept {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

std::optional<std::span<const float>> BlockQueue::next(std::size_t consumer) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return closed_ || released_[consumer] < published_; });
  if (released_[consumer] == published_) return std::nullopt;
  const auto slot = released_[consumer] % blocks_.size();
  return std::span<const float>(blocks_[slot]).first(sizes_[slot]);
}

void BlockQueue::release(std::size_t consumer) {
  {
    std::lock_guard lock(mutex_);
    ++released_[consumer];
  }
  changed_.notify_all();
}

}  // namespace loaxa::audio
