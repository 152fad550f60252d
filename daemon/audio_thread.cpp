#include "daemon/audio_thread.hpp"

#include "common/thread_name.hpp"

#include <algorithm>

namespace loaxa::daemon {

AudioThread::AudioThread(audio::Output& output, audio::OutputFormat format, PlayerEvents& events, ReopenPolicy reopen,
                         audio::Pacer& pacer)
    : player_(output, format, events, 1024, reopen, pacer), thread_([this] { run(); }) {}

AudioThread::~AudioThread() {
  stop();
}

void AudioThread::submit(std::unique_ptr<Job> job) {
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(job));
  }
  wake_.notify_one();
}

void AudioThread::cancel(std::uint64_t id) noexcept {
  // A job still queued is dropped here, so the audio thread never sees it (its streams are
  // released on this thread, after the lock); one already taken is told to end.
  std::unique_ptr<Job> dropped;
  {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(pending_.begin(), pending_.end(), [id](const auto& job) { return job->id == id; });
    if (it == pending_.end()) {
      player_.cancel(id);
      return;
    }
    dropped = std::move(*it);
    pending_.erase(it);
  }
}

void AudioThread::stop() noexcept {
  player_.request_stop();
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::unique_ptr<Job> AudioThread::take(bool wait) {
  std::unique_lock lock(mutex_);
  if (wait) {
    const auto ready = [this] { return quit_ || !pending_.empty(); };
    // While the device is in trouble, it is tried now and then, so its return is seen (and
    // shown) before the next job needs it; otherwise the thread sleeps until a job comes.
    while (player_.device_trouble() && !wake_.wait_for(lock, player_.reopen_policy().idle, ready)) {
      lock.unlock();
      player_.probe();
      lock.lock();
    }
    wake_.wait(lock, ready);
  }
  if (quit_ || pending_.empty()) return nullptr;
  auto job = std::move(pending_.front());
  pending_.pop_front();
  return job;
}

void AudioThread::run() noexcept {
  name_this_thread("loaxa-audio");
  for (;;) {
    auto job = take(true);
    if (!job) break;
    while (job) {
      player_.play(*job);
      job.reset();  // joins its decoders, between jobs
      job = take(false);
    }
    player_.finish();
  }
  player_.finish();
}

}  // namespace loaxa::daemon
