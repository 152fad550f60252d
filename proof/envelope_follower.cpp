#include "proof/envelope_follower.hpp"

#include <cmath>
#include <stdexcept>

namespace loaxa::proof {

EnvelopeFollower::EnvelopeFollower(int channels, int sample_rate, int block_ms, int capacity_blocks)
    : channels_(channels),
      frames_per_second_x_ms_(static_cast<std::int64_t>(sample_rate) * block_ms),
      block_ms_(block_ms),
      capacity_(static_cast<std::size_t>(capacity_blocks)) {
  if (channels < 1 || sample_rate < 1000 || block_ms < 1 || capacity_blocks < 2)
    throw std::invalid_argument("EnvelopeFollower: bad channels, sample rate, block length or capacity");
  ring_ = std::make_unique<float[]>(capacity_);
  block_end_ = frames_per_second_x_ms_ / 1000;
}

EnvelopeFollower::~EnvelopeFollower() = default;

void EnvelopeFollower::add(std::span<const float> interleaved) noexcept {
  const auto channels = static_cast<std::size_t>(channels_);
  const double scale = 1.0 / channels_;
  for (std::size_t i = 0; i + channels <= interleaved.size(); i += channels) {
    double mono = 0;
    for (std::size_t c = 0; c < channels; ++c) mono += interleaved[i + c];
    mono *= scale;
    sum_squares_ += mono * mono;
    if (++frame_ == block_end_) close_block();
  }
}

void EnvelopeFollower::close_block() noexcept {
  const auto frames = static_cast<double>(block_end_ - block_start_);
  const auto level = static_cast<float>(std::sqrt(sum_squares_ / frames));
  if (!push(level)) ++pending_lost_;
  sum_squares_ = 0;
  ++block_;
  block_start_ = block_end_;
  block_end_ = (block_ + 1) * frames_per_second_x_ms_ / 1000;
}

bool EnvelopeFollower::push(float value) noexcept {
  const std::size_t head = head_.load(std::memory_order_relaxed);
  const std::size_t tail = tail_.load(std::memory_order_acquire);
  const std::size_t used = head - tail;
  const std::size_t needed = pending_lost_ > 0 ? 2 : 1;
  if (capacity_ - used < needed) return false;
  std::size_t at = head;
  if (pending_lost_ > 0) {
    ring_[at++ % capacity_] = -static_cast<float>(pending_lost_);
    pending_lost_ = 0;
  }
  ring_[at++ % capacity_] = value;
  head_.store(at, std::memory_order_release);
  return true;
}

void EnvelopeFollower::drain(std::vector<float>& out) {
  const std::size_t head = head_.load(std::memory_order_acquire);
  std::size_t tail = tail_.load(std::memory_order_relaxed);
  for (; tail != head; ++tail) {
    const float value = ring_[tail % capacity_];
    if (value < 0) {
      const auto lost = static_cast<std::int64_t>(-value);
      out.insert(out.end(), static_cast<std::size_t>(lost), 0.0f);
      lost_total_ += lost;
    } else {
      out.push_back(value);
    }
  }
  tail_.store(tail, std::memory_order_release);
}

}  // namespace loaxa::proof
