#include "daemon/player.hpp"

#include <algorithm>
#include <cmath>
#include <exception>

namespace loaxa::daemon {
namespace {

constexpr const char* kDeviceLost = "device_lost";
constexpr const char* kStopped = "stopped";
constexpr const char* kCorrupt = "corrupt";

const char* failure_of(const ItemStream& stream) noexcept {
  const char* reason = stream.failure_reason();
  return reason != nullptr ? reason : kCorrupt;
}

// A wait for the device is cut in slices this long, so a stop ends it at once.
constexpr auto kWaitSlice = std::chrono::milliseconds(50);

// The words of a failure, for the log and `loaxa status`; empty if even they cannot be copied.
std::string words_of(std::exception_ptr error) noexcept {
  try {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      return e.what();
    }
  } catch (...) {
    return {};
  }
}

}  // namespace

Player::Player(audio::Output& output, audio::OutputFormat format, PlayerEvents& events, std::size_t block_frames,
               ReopenPolicy reopen, audio::Pacer& pacer)
    : output_(output),
      format_(format),
      events_(events),
      block_frames_(block_frames),
      reopen_(reopen),
      pacer_(pacer),
      block_(block_frames * static_cast<std::size_t>(format.channels), 0.0f) {}

SteadyTime Player::time_of(SteadyTime block_time, std::size_t offset_frames) const noexcept {
  const auto ns = static_cast<std::int64_t>(offset_frames) * 1'000'000'000 / format_.sample_rate;
  return block_time + std::chrono::duration_cast<audio::Pacer::Clock::duration>(std::chrono::nanoseconds(ns));
}

void Player::fail_rest(Job& job, std::size_t from, SteadyTime at, std::optional<std::uint64_t> open_frames,
                       const std::string& detail) noexcept {
  PlayerEvent lost{PlayerEvent::Kind::device_lost, job.id, 0, at};
  try {
    lost.detail = detail;
  } catch (...) {
    // Without its words (no memory): the event still says the device is gone.
  }
  emit(lost);
  trouble_ = true;
  std::size_t i = from;
  if (open_frames && i < job.items.size()) {
    // The item on air when the device went was cut, not failed: part of it was heard.
    emit({PlayerEvent::Kind::item_ended, job.id, i, at, written_, *open_frames,
          job.items[i].stream ? job.items[i].stream->underruns() : 0, ItemOutcome::interrupted, kDeviceLost});
    ++i;
  }
  for (; i < job.items.size(); ++i) {
    emit({PlayerEvent::Kind::item_ended, job.id, i, at, written_, 0, 0, ItemOutcome::failed, kDeviceLost});
  }
  emit({PlayerEvent::Kind::job_ended, job.id, 0, at, written_, 0, 0, ItemOutcome::failed, kDeviceLost});
  output_.close();
  open_ = false;
}

bool Player::try_open(std::uint64_t job) noexcept {
  try {
    output_.open(format_);
  } catch (...) {
    if (!trouble_) {
      trouble_ = true;
      PlayerEvent lost{PlayerEvent::Kind::device_lost, job, 0, pacer_.now()};
      lost.detail = words_of(std::current_exception());
      emit(lost);
    }
    return false;
  }
  open_ = true;
  written_ = 0;
  if (trouble_) {
    trouble_ = false;
    emit({PlayerEvent::Kind::device_back, job, 0, pacer_.now()});
  }
  return true;
}

bool Player::open_for(const Job& job) noexcept {
  auto backoff = reopen_.first;
  for (;;) {
    if (cancelled(job)) return false;
    if (try_open(job.id)) return true;
    const auto now = pacer_.now();
    if (now >= job.give_up_at) return false;
    const auto until = std::min<SteadyTime>(now + backoff, job.give_up_at);
    for (auto at = pacer_.now(); at < until && !cancelled(job); at = pacer_.now()) {
      pacer_.sleep_until(std::min<SteadyTime>(at + kWaitSlice, until));
    }
    backoff = std::min(backoff * 2, reopen_.cap);
  }
}

void Player::probe() noexcept {
  if (open_ || !trouble_) return;
  if (try_open(0)) {
    output_.close();
    open_ = false;
  }
}

void Player::end_unstarted(Job& job, ItemOutcome outcome, const char* reason, SteadyTime at) noexcept {
  for (std::size_t i = 0; i < job.items.size(); ++i) {
    emit({PlayerEvent::Kind::item_ended, job.id, i, at, written_, 0, 0, outcome, reason});
  }
  emit({PlayerEvent::Kind::job_ended, job.id, 0, at, written_, 0, 0,
        outcome == ItemOutcome::missed ? ItemOutcome::missed : ItemOutcome::interrupted, reason});
}

void Player::play(Job& job) noexcept {
  if (stopping()) return;
  const auto channels = static_cast<std::size_t>(format_.channels);
  if (!open_ && !open_for(job)) {
    const auto now = pacer_.now();
    if (cancelled(job)) {
      end_unstarted(job, ItemOutcome::not_played, kStopped, now);
    } else {
      end_unstarted(job, ItemOutcome::missed, kDeviceLost, now);
    }
    return;
  }

  // Silence until the start, counted in frames from when the next frame will be heard.
  std::uint64_t silence = 0;
  const SteadyTime base = output_.next_frame_time();
  if (job.start > base) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(job.start - base).count();
    silence =
        static_cast<std::uint64_t>(std::llround(static_cast<long double>(ns) * format_.sample_rate / 1'000'000'000.0L));
  }

  std::size_t index = 0;
  bool item_open = false;
  std::uint64_t item_frames = 0;
  for (;;) {
    const SteadyTime block_time = output_.next_frame_time();
    if (cancelled(job)) {
      if (item_open) {
        emit({PlayerEvent::Kind::item_ended, job.id, index, block_time, written_, item_frames,
              job.items[index].stream->underruns(), ItemOutcome::interrupted, kStopped});
        ++index;
      }
      for (; index < job.items.size(); ++index) {
        emit({PlayerEvent::Kind::item_ended, job.id, index, block_time, written_, 0, 0, ItemOutcome::not_played,
              kStopped});
      }
      emit({PlayerEvent::Kind::job_ended, job.id, 0, block_time, written_, 0, 0, ItemOutcome::interrupted, kStopped});
      return;
    }
    std::size_t fill = 0;
    if (silence > 0) {
      fill = static_cast<std::size_t>(std::min<std::uint64_t>(silence, block_frames_));
      std::fill(block_.begin(), block_.begin() + static_cast<std::ptrdiff_t>(fill * channels), 0.0f);
      silence -= fill;
    }
    while (silence == 0 && fill < block_frames_ && index < job.items.size()) {
      JobItem& item = job.items[index];
      if (!item.stream) {
        emit({PlayerEvent::Kind::item_ended, job.id, index, time_of(block_time, fill), written_ + fill, 0, 0,
              ItemOutcome::failed, item.failure});
        ++index;
        continue;
      }
      if (!item_open) {
        item_open = true;
        item_frames = 0;
        underruns_.store(0, std::memory_order_relaxed);
        emit({PlayerEvent::Kind::item_started, job.id, index, time_of(block_time, fill), written_ + fill});
      }
      const std::size_t want = block_frames_ - fill;
      const std::size_t got = item.stream->read(std::span<float>(block_).subspan(fill * channels, want * channels));
      underruns_.store(item.stream->underruns(), std::memory_order_relaxed);
      if (item.sent) {
        const std::size_t sent = item.stream->ended() ? got : want;  // an underrun's silence was sent too
        item.sent->add(std::span<const float>(block_).subspan(fill * channels, sent * channels));
      }
      if (item.stream->ended()) {
        item_frames += got;
        fill += got;
        const bool failed = item.stream->failed();
        emit({PlayerEvent::Kind::item_ended, job.id, index, time_of(block_time, fill), written_ + fill, item_frames,
              item.stream->underruns(), failed ? ItemOutcome::failed : ItemOutcome::completed,
              failed ? failure_of(*item.stream) : nullptr});
        item_open = false;
        ++index;
        continue;
      }
      item_frames += want;  // an underrun's silence belongs to the item
      fill = block_frames_;
    }
    if (fill == 0) break;
    try {
      output_.write(std::span<const float>(block_).first(fill * channels));
    } catch (...) {
      fail_rest(job, index, output_.next_frame_time(),
                item_open ? std::optional<std::uint64_t>(item_frames) : std::nullopt,
                words_of(std::current_exception()));
      return;
    }
    written_ += fill;
    if (index == job.items.size() && silence == 0) break;
  }
  emit({PlayerEvent::Kind::job_ended, job.id, 0, output_.next_frame_time(), written_});
}

void Player::finish() noexcept {
  if (!open_) return;
  try {
    output_.drain();
  } catch (...) {
    // The output is closed below either way; what was written is accounted for already.
  }
  output_.close();
  open_ = false;
}

}  // namespace loaxa::daemon
