#pragma once
// The event-loop side of the daemon: decides what starts when, prepares each programme's
// items, hands them to the audio side as a job, switches the amplifier, and writes the
// as-run log from the player's events. It is a state machine over an injected clock:
// the daemon's loop asks next_deadline(), sleeps until then (an absolute deadline,
// re-read from the clock at each wake), calls on_time(), and feeds the player's events to
// on_event(). A test does the same with a ManualClock and runs a week in milliseconds.
//
// What it does, in time order for one occurrence O (docs/DAEMON.md):
// - re-plans every `replan_every` (and after each programme, and at priming) with
//   plan_window(now, now + horizon): edits made by the CLI are seen without a restart;
// - at O.start − amp_lead: amplifier on (unless already on);
// - at O.start − prime_lead: re-plans, freezes O (a refusal means O started before, in
//   this run or an earlier one: it is not aired twice), opens each item's stream, and
//   submits the job with O.start mapped to the steady clock;
// - as events come due: open_play when an item's audio starts, finalise when it ends
//   (completed, failed with the reason), progress every `progress_every`; the plan's
//   skipped items are recorded at O.start with their reason; a relay is failed
//   (no_input) at its place when no input is named for its source;
// - amplifier off `amp_tail` after the last programme, unless the next one's lead has begun.
// Misfires (docs/DAEMON.md, "Restarts, missed occurrences, clock steps"): an occurrence whose
// start passed unaired airs late within `max_wait`, from the item after the last one with a
// row (a crash's resume), else its unrecorded items are logged missed; at start() and after a
// step of the wall clock, the time since the last frozen occurrence (or the step) is combed
// for occurrences that never aired.
//
// Thread safety: the event-loop thread only (it owns the Station's database connection).
// Throws store::BusyError and SQLite::Exception from on_time(); the loop logs and retries.

#include "audio/output.hpp"
#include "audio/pacer.hpp"
#include "common/clock.hpp"
#include "daemon/amplifier.hpp"
#include "daemon/item_stream.hpp"
#include "daemon/log.hpp"
#include "daemon/monitor.hpp"
#include "daemon/player_port.hpp"
#include "daemon/relay_stream.hpp"
#include "schedules/timeline.hpp"
#include "station/station.hpp"
#include "store/play_store.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace loaxa::daemon {

struct SchedulerOptions {
  std::chrono::milliseconds replan_every = std::chrono::seconds(30);
  std::chrono::milliseconds prime_lead = std::chrono::seconds(2);  // job handed over this early
  // A manual play starts this long after it is asked for: its decoder fills first (else the
  // first blocks would be underruns of silence counted into the item).
  std::chrono::milliseconds manual_lead = std::chrono::milliseconds(500);
  // An emergency starts this long after it is asked for (its decoder's first blocks), or
  // after the amplifier's lead when the amplifier is off. Short: it is an alarm.
  std::chrono::milliseconds emergency_lead = std::chrono::milliseconds(100);
  // An occurrence whose start passed unaired (the daemon was down, the clock jumped) still
  // airs this late, from its start; later than this it is logged missed. loaxa.toml's
  // max_wait_minutes, as for overlaps.
  std::chrono::milliseconds max_wait = std::chrono::minutes(10);
  // How far back a restart looks for occurrences that passed while it was down.
  std::chrono::hours look_back{24 * 92};
  // A wall clock that moves this much more or less than the steady clock has stepped.
  std::chrono::milliseconds clock_step = std::chrono::seconds(2);
  std::chrono::milliseconds progress_every = std::chrono::seconds(2);
  std::chrono::hours horizon{48};
  std::chrono::milliseconds amp_lead = std::chrono::seconds(20);
  std::chrono::milliseconds amp_tail = std::chrono::seconds(10);
  audio::OutputFormat format;
};

// Why play_now() will not air a segment now.
class ManualPlayRefused : public std::runtime_error {
 public:
  enum class Reason {
    on_air,          // a programme is on air (or about to start): subject = its name
    next_programme,  // it would run into the next occurrence: subject = its programme
  };
  ManualPlayRefused(Reason why, std::string what_it_names, const std::string& what)
      : std::runtime_error(what), reason(why), subject(std::move(what_it_names)) {}
  Reason reason;
  std::string subject;
};
const char* to_string(ManualPlayRefused::Reason reason) noexcept;

class Scheduler {
 public:
  // `steady`: the monotonic clock the output paces by (only now() is used), to map a UTC
  // start onto it. Everything passed must outlive the scheduler.
  Scheduler(station::Station& station, PlayerPort& player, const audio::Pacer& steady, StreamFactory streams,
            Amplifier& amplifier, Log& log, SchedulerOptions options = {});

  // Finalises rows left open by a crash (recover_open) and plans. Call once, first.
  void start();
  // When on_time() next has something to do (may be now or past).
  Instant next_deadline() const;
  // Does everything due at the clock's now.
  void on_time();
  // A player event; handled when the instant it describes comes (on_time()).
  void on_event(const PlayerEvent& event);
  // Stops the player; the play on air is finalised interrupted (reason "stopped"), the items
  // after it skipped (reason "stopped"); the amplifier is switched off. Later events are
  // ignored.
  void shutdown();

  // The operator's `loaxa play`: airs the segment now, logged as a manual airing, as soon as
  // its decoder has filled (manual_lead) and the amplifier is on (its lead when it is off
  // and has a switch).
  // Returns when it starts. Throws ManualPlayRefused, station::StationError (no_such_segment,
  // segment_not_airable), audio::DecodeError (the file cannot be played), store::BusyError.
  Instant play_now(std::int64_t segment_id);
  // The operator's `loaxa stop`: ends what is on air (or about to start) as shutdown() does,
  // but the daemon goes on and the next occurrence airs as planned. Returns false when
  // nothing was on air.
  bool stop_on_air();

  // The operator's `loaxa emergency` (docs/DAEMON.md, "Bulletin levels"): airs the segment
  // `repeat` times at once, level emergency, logged as a manual airing that names who asked.
  // What is on air is cut (its play finalised interrupted, reason preempted); a programme
  // cut, or one waiting to start, goes on with its remaining items right after the emergency
  // if that ends within max_wait of the programme's planned end, else they are logged
  // skipped (preempted). An emergency cut by a newer one is not resumed. The amplifier is
  // switched on first (its lead when it was off). Approval and validity are not asked: the
  // operator names what must air. Returns when it starts. Throws station::StationError
  // (no_such_segment), audio::DecodeError (before anything is cut), store::BusyError.
  // A district emergency bulletin (docs/MANDATES.md) passes its mandate id: its plays carry it.
  Instant emergency(std::int64_t segment_id, int repeat, const std::string& asked_by,
                    std::optional<std::int64_t> mandate_id = std::nullopt);
  // The operator's `loaxa priority`: the segment airs first in the next programme primed,
  // level priority, logged as a manual airing that names who asked; the programme follows
  // it. Held in memory (a restart forgets it). Throws as play_now's rules do
  // (station::StationError no_such_segment, segment_not_airable).
  void prioritise(std::int64_t segment_id, const std::string& asked_by);
  // Titles of the segments waiting for the next programme, in order.
  std::vector<std::string> priority_waiting() const;

  // Where relay items (relay:SOURCE:DURATION) are captured from; without it (or for a source
  // it does not know) a relay fails with reason no_input. Set before start().
  void set_relays(RelayFactory relays) { relays_ = std::move(relays); }

  // The monitor line (docs/DAEMON.md, "Proof it was heard"): with it, each play's envelope
  // is compared with the monitor's once the monitor has caught up, and stored as heard_pct.
  // Set before start(); it must outlive the scheduler.
  void set_monitor(const Monitor* monitor) { monitor_ = monitor; }
  // The latest play the monitor did not carry (below kHeardEnough), for `loaxa status`.
  struct Unheard {
    Instant at;
    std::string title;
    double heard_pct = 0;
    bool monitor_silent = false;
  };
  const std::optional<Unheard>& last_unheard() const noexcept { return last_unheard_; }
  static constexpr double kHeardEnough = 50.0;

  // Re-plans at the next on_time(): the operator's `loaxa reload`.
  void request_replan() noexcept { next_replan_ = Instant::min(); }

  // What is on air: the programme, the item's title, since when (UTC).
  struct OnAir {
    std::string programme;
    std::string item;
    std::optional<std::int64_t> segment_id;
    Instant since;
    store::PlayLevel level = store::PlayLevel::normal;
  };
  std::optional<OnAir> on_air() const;

  // The output's trouble while it lasts (it failed, to open or while playing, and has not
  // opened since): since when and in the output's words.
  struct DeviceTrouble {
    Instant since;
    std::string detail;
  };
  const std::optional<DeviceTrouble>& device_trouble() const noexcept { return device_trouble_; }

  // The occurrence planned next, if any (for tests and the log).
  const std::optional<schedules::Occurrence>& next_occurrence() const noexcept { return target_; }
  bool playing() const noexcept { return !jobs_.empty(); }

 private:
  using Key = std::pair<std::int64_t, Instant>;  // slot id, nominal start
  struct Pending {
    Instant at;
    PlayerEvent event;
  };
  // What a job item was made from, so a job cut by an emergency can be made again.
  struct ItemSource {
    std::optional<audio::PlaybackRequest> request;  // a segment; none: it cannot play (or a relay)
    const char* failure = nullptr;                  // why not
    std::optional<RelayRequest> relay{};
  };
  struct Running {
    std::string label;      // for the log: "Bản tin sáng (slot 3, …)" or "manual play of segment 7"
    std::string programme;  // empty for a manual airing
    Instant utc_start;
    SteadyTime steady_start;
    std::vector<store::PlayItem> items;   // per job item
    std::vector<ItemSource> sources;      // per job item
    std::optional<Instant> resume_until;  // a programme: an emergency ending by then lets it go on
    std::vector<std::pair<store::PlayItem, std::string>> skipped;  // recorded at the start
    std::size_t skipped_recorded = 0;                              // how many of `skipped` are in the log
    std::size_t next_item = 0;               // items before it have their row (items end in order)
    Instant last_event_at = Instant::min();  // the latest of its events so far
    std::optional<std::size_t> open_item;
    std::int64_t open_play = 0;
    std::uint64_t open_frame = 0;
    Instant open_at{};
    // Proof it was heard: per job item, the envelope the player fills; the open item's levels
    // drained so far, and when its first frame was heard.
    std::vector<std::shared_ptr<proof::EnvelopeFollower>> sent;
    std::vector<float> open_sent;
    SteadyTime open_steady{};
  };
  // A play to compare with the monitor once the monitor has caught up (at `due`).
  struct HeardCheck {
    Instant due;
    std::int64_t play = 0;
    std::string title;
    Instant ended;
    std::vector<float> sent;
    SteadyTime start{};
    SteadyTime end{};
  };

  void replan(Instant now);
  // Logs as missed what should have aired in [from, now - max_wait) and did not.
  void catch_up(Instant from, Instant now);
  // An occurrence too late to air: its items without a row get one, missed (station_off).
  void give_up(const schedules::Occurrence& occurrence, Instant now);
  void detect_clock_step(Instant now);
  store::PlayItem item_of(const schedules::Occurrence& occurrence, std::size_t position) const;
  void prime(Instant now);
  void handle(const Pending& pending);
  void on_device(const PlayerEvent& event);
  void record_skipped(Running& running);
  void handle_due(Instant now);
  // Ends a job where it is at `now` (see shutdown()); the caller forgets it.
  void cut(Running& running, Instant now, std::uint64_t frames, std::uint64_t underruns);
  void submit(Running running, std::unique_ptr<Job> job, Instant now);
  void write_progress(Instant now);
  // Proof it was heard (scheduler_heard.cpp): envelopes for a new job's items; the open
  // item's levels taken from the player; a check queued when an item ends; the checks due.
  void watch(Running& running, Job& job);
  void drain_sent(Running& running);
  void queue_heard(Running& running, std::size_t item, std::int64_t play, Instant ended, SteadyTime end);
  void check_heard(Instant now);
  // Cuts every job for an emergency that ends at `emergency_end` (see emergency()); returns
  // the programmes that go on after it, their items left.
  std::vector<Running> preempt(Instant now, Instant emergency_end);
  // A job made again from a Running's sources (a DecodeError fails its item).
  std::unique_ptr<Job> job_of(const Running& running);
  // A relay's job item: its input opened, or why not (logged).
  JobItem relay_item(const RelayRequest& relay);
  // The segments `loaxa priority` queued, as a job airing at `start` before `occurrence`;
  // their total length through `length`.
  std::optional<std::pair<Running, std::unique_ptr<Job>>> priority_job(const schedules::Occurrence& occurrence,
                                                                       std::chrono::milliseconds& length);
  void amplifier(Instant now);
  Instant utc_of(const Running& running, SteadyTime at) const;
  // Where a UTC instant falls on the steady clock the output is paced by.
  SteadyTime steady_of(Instant at) const;
  std::uint64_t frames_so_far(const Running& running, std::uint64_t job, Instant now) const;

  station::Station& station_;
  PlayerPort& player_;
  const audio::Pacer& steady_;
  StreamFactory streams_;
  RelayFactory relays_;
  const Monitor* monitor_ = nullptr;
  std::vector<HeardCheck> heard_checks_;
  std::optional<Unheard> last_unheard_;
  Amplifier& amp_;
  Log& log_;
  SchedulerOptions options_;
  store::PlayStore plays_;

  std::optional<schedules::Occurrence> target_;
  std::set<Key> handled_;
  std::map<std::uint64_t, Running> jobs_;
  std::multimap<Instant, Pending> events_;
  std::uint64_t next_job_ = 1;
  Instant next_replan_{};
  Instant next_progress_{};
  std::optional<Instant> last_end_;
  std::optional<Instant> amp_off_at_;  // the amplifier goes off then, unless a programme comes first
  bool stopped_ = false;
  std::optional<DeviceTrouble> device_trouble_;
  struct PriorityRequest {
    std::int64_t segment_id = 0;
    std::string title;
    std::string asked_by;
  };
  std::vector<PriorityRequest> priority_;
  std::optional<std::pair<Instant, SteadyTime>> last_tick_;  // wall and steady at the last on_time()
};

}  // namespace loaxa::daemon
