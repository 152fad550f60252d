#include "daemon/monitor.hpp"

#include "proof/envelope_follower.hpp"

#include <algorithm>

namespace loaxa::daemon {

namespace {

constexpr auto kPoll = std::chrono::milliseconds(20);
constexpr auto kRetry = std::chrono::seconds(5);
constexpr auto kKeep = std::chrono::minutes(90);
constexpr std::size_t kKeepBlocks = kKeep / Monitor::kBlock;
// A capture whose timeline moved this far from the blocks kept (a restart, frames lost) is
// placed again by its own clock.
constexpr auto kReanchor = std::chrono::milliseconds(40);

}  // namespace

Monitor::Monitor(std::unique_ptr<audio::Input> input, int sample_rate)
    : input_(std::move(input)), sample_rate_(sample_rate), target_(input_->target()) {
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

Monitor::~Monitor() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
  input_->close();
}

std::optional<std::string> Monitor::trouble() const {
  std::lock_guard lock(mutex_);
  return trouble_;
}

std::vector<float> Monitor::levels(SteadyTime from, SteadyTime to) const {
  std::vector<float> out;
  if (to <= from) return out;
  const auto count = static_cast<std::size_t>((to - from) / kBlock);
  out.assign(count, 0.0f);
  std::lock_guard lock(mutex_);
  if (levels_.empty()) return out;
  const auto first = std::chrono::duration_cast<std::chrono::milliseconds>(from - origin_).count();
  // Nearest block: the two timelines are not on the same 10 ms grid.
  const std::int64_t offset = (first >= 0 ? first + kBlock.count() / 2 : first - kBlock.count() / 2) / kBlock.count();
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t at = offset + static_cast<std::int64_t>(i);
    if (at >= 0 && at < static_cast<std::int64_t>(levels_.size())) out[i] = levels_[static_cast<std::size_t>(at)];
  }
  return out;
}

void Monitor::append(SteadyTime first, const std::vector<float>& blocks) {
  std::lock_guard lock(mutex_);
  const SteadyTime expected = origin_ + levels_.size() * kBlock;
  if (levels_.empty() || first - expected > kReanchor || expected - first > kReanchor) {
    if (!levels_.empty() && first > expected && first - expected < kKeep) {
      // A gap: blocks not captured read as silence.
      levels_.insert(levels_.end(), static_cast<std::size_t>((first - expected) / kBlock), 0.0f);
    } else {
      levels_.clear();
      origin_ = first;
    }
  }
  levels_.insert(levels_.end(), blocks.begin(), blocks.end());
  while (levels_.size() > kKeepBlocks) {
    levels_.pop_front();
    origin_ += kBlock;
  }
}

void Monitor::run(std::stop_token stop) {
  std::unique_ptr<proof::EnvelopeFollower> follower;
  std::vector<float> frames;
  std::vector<float> blocks;
  std::int64_t frames_added = 0;  // since the input opened
  std::int64_t blocks_drained = 0;
  const std::int64_t block_frames = sample_rate_ * kBlock.count() / 1000;
  auto retry_at = audio::Input::Clock::now();
  bool open = false;
  while (!stop.stop_requested()) {
    std::this_thread::sleep_for(kPoll);
    if (open && input_->lost()) {
      input_->close();
      open = false;
      std::lock_guard lock(mutex_);
      trouble_ = input_->target() + ": the input was lost";
    }
    if (!open) {
      if (audio::Input::Clock::now() < retry_at) continue;
      retry_at = audio::Input::Clock::now() + kRetry;
      try {
        input_->open(sample_rate_);
        open = true;
        follower = std::make_unique<proof::EnvelopeFollower>(input_->channels(), sample_rate_,
                                                             static_cast<int>(kBlock.count()), 4096);
        frames.assign(static_cast<std::size_t>(sample_rate_ / 10) * static_cast<std::size_t>(input_->channels()), 0.0f);
        frames_added = 0;
        blocks_drained = 0;
        std::lock_guard lock(mutex_);
        trouble_.reset();
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        trouble_ = e.what();
        continue;
      }
    }
    // The instant of the next block to drain, from the input's own clock: the frame about
    // to be read was captured at next_frame_time(); the block began that many frames before.
    const SteadyTime next_frame = input_->next_frame_time();
    const std::int64_t frames_back = frames_added - blocks_drained * block_frames;
    const SteadyTime next_block = next_frame - std::chrono::nanoseconds(frames_back * 1'000'000'000LL / sample_rate_);
    while (input_->readable_frames() > 0) {
      const std::size_t got = input_->read(frames);
      if (got == 0) break;
      follower->add(std::span<const float>(frames).first(got * static_cast<std::size_t>(input_->channels())));
      frames_added += static_cast<std::int64_t>(got);
    }
    blocks.clear();
    follower->drain(blocks);
    if (!blocks.empty()) {
      append(std::chrono::time_point_cast<SteadyTime::duration>(next_block), blocks);
      blocks_drained += static_cast<std::int64_t>(blocks.size());
    }
  }
}

}  // namespace loaxa::daemon
