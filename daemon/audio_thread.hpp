#pragma once
// The daemon's audio thread: owns the output and a Player. The hand-off is a command slot
// (a queue under a mutex) and a condition variable, touched only between jobs: while a job
// plays, the thread looks at nothing but the player's atomic stop flag. A job queued while
// another plays is taken the moment that one ends, with the output still open, so
// back-to-back programmes follow each other to the frame.
//
// Thread safety: submit/stop/frames_consumed/current_underruns from the event-loop thread.
// The output and the events sink must outlive the AudioThread.

#include "daemon/player_port.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace loaxa::daemon {

class AudioThread final : public PlayerPort {
 public:
  // Starts the thread. Throws std::system_error, std::bad_alloc.
  AudioThread(audio::Output& output, audio::OutputFormat format, PlayerEvents& events, ReopenPolicy reopen = {},
              audio::Pacer& pacer = audio::steady_pacer());
  ~AudioThread() override;
  AudioThread(const AudioThread&) = delete;
  AudioThread& operator=(const AudioThread&) = delete;

  void submit(std::unique_ptr<Job> job) override;
  void cancel(std::uint64_t id) noexcept override;
  void stop() noexcept override;
  std::uint64_t frames_consumed() const noexcept override { return player_.frames_consumed(); }
  std::uint64_t current_underruns() const noexcept override { return player_.current_underruns(); }

 private:
  void run() noexcept;
  std::unique_ptr<Job> take(bool wait);

  Player player_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<Job>> pending_;
  bool quit_ = false;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace loaxa::daemon
