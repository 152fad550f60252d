#include "daemon_sim.hpp"

#include <catch2/catch.hpp>

namespace loaxa::test {

daemon::SchedulerOptions DaemonSim::default_options() {
  daemon::SchedulerOptions options;
  options.format = {8000, 1};
  options.replan_every = std::chrono::hours(6);
  return options;
}

DaemonSim::DaemonSim(StationFixture& fixture, daemon::SchedulerOptions options_, std::vector<std::string> amp_on,
                     std::vector<std::string> amp_off)
    : s(fixture),
      options(options_),
      steady(*fixture.clock, audio::Pacer::Clock::time_point(std::chrono::hours(1000))),
      output(pacer),
      player(output, options_.format, *this, 256, {}, pacer),
      log(*fixture.clock, log_text),
      amplifier(runner, std::move(amp_on), std::move(amp_off), log) {
  scheduler =
      std::make_unique<daemon::Scheduler>(s.station, *this, steady, daemon::direct_streams(), amplifier, log, options);
}

DaemonSim::~DaemonSim() = default;

void DaemonSim::on_player_event(const daemon::PlayerEvent& event) noexcept {
  events.push_back({event, output.sessions.size() - 1});
  fresh_.push_back(event);
}

void DaemonSim::cancel(std::uint64_t id) noexcept {
  std::erase_if(queue_, [id](const auto& job) { return job->id == id; });
  player.cancel(id);
  if (pacer.now() > steady.now()) {
    player.finish();
    pacer.rewind_to(steady.now());
  }
}

void DaemonSim::play_queued() {
  while (!queue_.empty()) {
    auto job = std::move(queue_.front());
    queue_.pop_front();
    job_starts.push_back(job->start);
    // The output idled since the last job ended: close it, as the audio thread does when
    // no job waits; a job queued while another plays continues on the open output.
    if (pacer.now() < steady.now()) {
      player.finish();
      pacer.advance_to(steady.now());
    }
    player.play(*job);
  }
  for (const auto& event : fresh_) {
    if (hold_events) {
      held.push_back(event);
    } else {
      scheduler->on_event(event);
    }
  }
  fresh_.clear();
}

void DaemonSim::step_wall(std::chrono::milliseconds by) {
  steady.wall_steps(by);
  s.clock->set(s.clock->now() + by);
  scheduler->on_time();
  play_queued();
}

void DaemonSim::run_until(Instant end) {
  int same_instant = 0;
  Instant last{};
  for (;;) {
    const Instant deadline = scheduler->next_deadline();
    if (deadline > end) {
      s.clock->set(std::max(end, s.clock->now()));
      return;
    }
    if (deadline > s.clock->now()) s.clock->set(deadline);
    same_instant = s.clock->now() == last ? same_instant + 1 : 0;
    last = s.clock->now();
    if (same_instant > 50) FAIL("the scheduler keeps waking at " << iso_utc(last));
    scheduler->on_time();
    play_queued();
  }
}

}  // namespace loaxa::test
