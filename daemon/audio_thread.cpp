#include "daemon/audio_thread.hpp"

namespace loaxa::daemon {

AudioThread::AudioThread(audio::Output& output, audio::OutputFormat format, PlayerEvents& events)
    : player_(output, format, events), thread_([this] { run(); }) {}

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
  if (wait) wake_.wait(lock, [this] { return quit_ || !pending_.empty(); });
  if (quit_ || pending_.empty()) return nullptr;
  auto job = std::move(pending_.front());
  pending_.pop_front();
  return job;
}

void AudioThread::run() noexcept {
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
