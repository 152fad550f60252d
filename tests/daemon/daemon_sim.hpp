#pragma once
// Runs the daemon's scheduler and player together on a ManualClock, as a discrete-event
// simulation: a week of schedule plays in milliseconds, the same way every time.
//
// - The scheduler's steady clock is the ManualClock mapped onto steady time.
// - The player runs on the test's thread, into a RecordingOutput (a NullOutput paced by a
//   SimPacer that moves only when slept on), as soon as a job is submitted; its events go
//   back to the scheduler, which handles each when the clock reaches it.

#include "../station/station_fixture.hpp"
#include "audio/null_output.hpp"
#include "audio/output_error.hpp"
#include "daemon/amplifier.hpp"
#include "daemon/log.hpp"
#include "daemon/player.hpp"
#include "daemon/player_port.hpp"
#include "daemon/scheduler.hpp"

#include <deque>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace loaxa::test {

// Moves only when slept on, or when the simulation catches it up with the clock.
class SimPacer final : public audio::Pacer {
 public:
  Clock::time_point now() const noexcept override { return now_; }
  void sleep_until(Clock::time_point deadline) noexcept override {
    if (deadline > now_) now_ = deadline;
  }
  void advance_to(Clock::time_point at) noexcept {
    if (at > now_) now_ = at;
  }
  // Back to `at` (a cut in the simulation: what was played ahead is undone).
  void rewind_to(Clock::time_point at) noexcept { now_ = at; }

 private:
  Clock::time_point now_ = Clock::time_point(std::chrono::hours(1000));
};

// The ManualClock seen as steady time (the scheduler maps UTC starts with it).
class ClockSteady final : public audio::Pacer {
 public:
  ClockSteady(const ManualClock& clock, Clock::time_point steady0)
      : clock_(clock), utc0_(clock.now()), steady0_(steady0) {}
  Clock::time_point now() const noexcept override { return steady0_ + (clock_.now() - utc0_); }
  void sleep_until(Clock::time_point) noexcept override {}
  // The wall clock is about to step by `by`: steady time must not follow.
  void wall_steps(std::chrono::milliseconds by) noexcept { utc0_ += by; }

 private:
  const ManualClock& clock_;
  Instant utc0_;
  Clock::time_point steady0_;
};

// A NullOutput that keeps every sample written, per opening.
class RecordingOutput final : public audio::Output {
 public:
  explicit RecordingOutput(audio::Pacer& pacer) : null_(pacer) {}
  void open(const audio::OutputFormat& format) override {
    if (fail_opens != 0) {
      if (fail_opens > 0) --fail_opens;
      throw audio::OutputError(audio::OutputError::Kind::open_failed, "sim", "no such card");
    }
    null_.open(format);
    sessions.push_back({});
  }
  void write(std::span<const float> samples) override {
    sessions.back().samples.insert(sessions.back().samples.end(), samples.begin(), samples.end());
    null_.write(samples);
  }
  void drain() override { null_.drain(); }
  void close() noexcept override { null_.close(); }
  std::uint64_t frames_consumed() const noexcept override { return null_.frames_consumed(); }
  audio::Pacer::Clock::time_point next_frame_time() const noexcept override { return null_.next_frame_time(); }
  audio::Pacer::Clock::time_point due(std::uint64_t frames) const noexcept { return null_.due(frames); }

  struct Session {
    std::vector<float> samples;
  };
  std::vector<Session> sessions;
  int fail_opens = 0;  // the next opens that fail (a card unplugged); < 0: every one

 private:
  audio::NullOutput null_;
};

// Counts runs per command; fails those whose first word is "fail".
class RecordingRunner final : public daemon::CommandRunner {
 public:
  daemon::CommandResult run(const std::vector<std::string>& argv, std::chrono::milliseconds) override {
    runs.push_back(argv);
    if (argv.front() == "fail") return {daemon::CommandResult::Outcome::exited, 3};
    return {};
  }
  std::vector<std::vector<std::string>> runs;
};

struct EventRecord {
  daemon::PlayerEvent event;
  std::size_t session;  // which opening of the output
};

class DaemonSim final : public daemon::PlayerPort, public daemon::PlayerEvents {
 public:
  // Options: 8 kHz mono (small recordings), re-plan every 6 h (plus before each start).
  static daemon::SchedulerOptions default_options();

  explicit DaemonSim(StationFixture& fixture, daemon::SchedulerOptions options = default_options(),
                     std::vector<std::string> amp_on = {}, std::vector<std::string> amp_off = {});
  ~DaemonSim() override;

  // Advances the clock from deadline to deadline up to `end`, playing each job as it is
  // submitted. FAILs if the scheduler asks to be woken at the same instant forever.
  void run_until(Instant end);
  // Plays the jobs submitted so far, as the audio thread takes them the moment they come
  // (run_until does it after each deadline; a test calls it after play_now()).
  void play_queued();
  // Steps the wall clock (NTP after days off-line) while steady time runs on, then lets the
  // scheduler see it.
  void step_wall(std::chrono::milliseconds by);

  void submit(std::unique_ptr<daemon::Job> job) override { queue_.push_back(std::move(job)); }
  // The simulated player has played a job through when it was submitted; a cut drops what
  // the output holds past now, as the audio thread's would, so what follows airs from now.
  void cancel(std::uint64_t id) noexcept override;
  void stop() noexcept override { player.request_stop(); }
  std::uint64_t frames_consumed() const noexcept override { return output.frames_consumed(); }
  std::uint64_t current_underruns() const noexcept override { return player.current_underruns(); }
  void on_player_event(const daemon::PlayerEvent& event) noexcept override;

  StationFixture& s;
  daemon::SchedulerOptions options;
  SimPacer pacer;
  ClockSteady steady;
  RecordingOutput output;
  daemon::Player player;
  std::ostringstream log_text;
  daemon::Log log;
  RecordingRunner runner;
  daemon::Amplifier amplifier;
  std::unique_ptr<daemon::Scheduler> scheduler;
  std::vector<EventRecord> events;
  std::vector<daemon::SteadyTime> job_starts;  // per job id - 1
  // When `hold_events` is set, events are kept here instead of reaching the scheduler.
  bool hold_events = false;
  std::vector<daemon::PlayerEvent> held;

 private:
  std::deque<std::unique_ptr<daemon::Job>> queue_;
  std::vector<daemon::PlayerEvent> fresh_;
};

}  // namespace loaxa::test
