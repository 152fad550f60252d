#include "daemon/scheduler.hpp"

#include "audio/analysis.hpp"
#include "audio/playback_gain.hpp"
#include "common/i18n.hpp"
#include "station/airing.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "station/timeline.hpp"
#include "store/utc_text.hpp"

#include <algorithm>
#include <charconv>

namespace loaxa::daemon {
namespace {

constexpr const char* kRelayUnsupported = "relay_unsupported";
constexpr const char* kUnknownSegment = "unknown_segment";
constexpr const char* kStopped = store::play_reason::stopped;
constexpr const char* kNotPrepared = "not_prepared";

const char* decode_reason(audio::DecodeError::Kind kind) noexcept {
  switch (kind) {
    case audio::DecodeError::Kind::missing:
      return "file_missing";
    case audio::DecodeError::Kind::unreadable:
      return "file_unreadable";
    case audio::DecodeError::Kind::empty:
      return "file_empty";
    case audio::DecodeError::Kind::not_audio:
      return "file_not_audio";
    case audio::DecodeError::Kind::no_audio:
      return "file_no_audio";
    case audio::DecodeError::Kind::bad_format:
      return "file_bad_format";
    case audio::DecodeError::Kind::corrupt:
      return "corrupt";
  }
  return "file_unreadable";
}

std::optional<std::int64_t> segment_number(const std::string& id) {
  std::int64_t value = 0;
  const auto* end = id.data() + id.size();
  auto [ptr, ec] = std::from_chars(id.data(), end, value);
  if (ec != std::errc() || ptr != end || id.empty()) return std::nullopt;
  return value;
}

std::string occurrence_text(const schedules::Occurrence& o) {
  return fmt::format("{} (slot {}, {})", o.programme_name, o.slot_id, store::utc_text(o.start));
}

}  // namespace

const char* to_string(ManualPlayRefused::Reason reason) noexcept {
  switch (reason) {
    case ManualPlayRefused::Reason::on_air:
      return "on_air";
    case ManualPlayRefused::Reason::next_programme:
      return "next_programme";
  }
  return "refused";
}

Scheduler::Scheduler(station::Station& station, PlayerPort& player, const audio::Pacer& steady, StreamFactory streams,
                     Amplifier& amplifier, Log& log, SchedulerOptions options)
    : station_(station),
      player_(player),
      steady_(steady),
      streams_(std::move(streams)),
      amp_(amplifier),
      log_(log),
      options_(options),
      plays_(station.db()) {}

void Scheduler::start() {
  const Instant now = station_.clock().now();
  const int recovered = plays_.recover_open(now);
  if (recovered > 0) {
    log_.warn("asrun", trf("{} play(s) left open by a crash or power cut were closed as interrupted", recovered));
  }
  // Only a station that has aired before has been "down": a new one misses nothing.
  if (const auto last = station::latest_frozen_start(station_)) {
    catch_up(std::max(*last + std::chrono::milliseconds(1), now - options_.look_back), now);
  }
  last_tick_ = {now, steady_.now()};
  replan(now);
}

void Scheduler::detect_clock_step(Instant now) {
  const SteadyTime steady = steady_.now();
  if (last_tick_) {
    const auto wall_moved = now - last_tick_->first;
    const auto steady_moved = std::chrono::duration_cast<std::chrono::milliseconds>(steady - last_tick_->second);
    const auto step = wall_moved - steady_moved;
    if (step > options_.clock_step || step < -options_.clock_step) {
      log_.warn("daemon", trf("the clock moved by {} s (from {} to {}); the schedule is planned again",
                              std::chrono::duration_cast<std::chrono::seconds>(step).count(),
                              store::utc_text(last_tick_->first + steady_moved), store::utc_text(now)));
      // What a forward step jumped over airs late or is logged missed; after a step back,
      // what aired is not aired again (it is frozen and handled).
      if (step > std::chrono::milliseconds(0)) catch_up(last_tick_->first + steady_moved, now);
      next_replan_ = Instant::min();
    }
  }
  last_tick_ = {now, steady};
}

void Scheduler::catch_up(Instant from, Instant now) {
  const Instant until = now - options_.max_wait;
  if (from >= until) return;
  for (const auto& occurrence : station::plan_window(station_, from, until)) {
    if (occurrence.status == schedules::OccurrenceStatus::dropped) continue;
    if (occurrence.start < from || occurrence.start >= until) continue;  // meets the window, starts outside
    if (handled_.count({occurrence.slot_id, occurrence.nominal_start}) != 0) continue;
    give_up(occurrence, now);
  }
}

store::PlayItem Scheduler::item_of(const schedules::Occurrence& occurrence, std::size_t position) const {
  const schedules::PlannedItem& planned = occurrence.items.at(position);
  store::PlayItem item;
  item.occurrence = store::OccurrenceKey::of_slot(occurrence.slot_id, occurrence.nominal_start);
  item.programme_id = occurrence.programme_id;
  item.programme_name = occurrence.programme_name;
  item.position = static_cast<int>(position);
  item.category = planned.category;
  item.title = planned.title;
  item.level = occurrence.level == schedules::SlotLevel::priority ? store::PlayLevel::priority : store::PlayLevel::normal;
  item.scheduled_start = occurrence.start;
  if (const auto number = segment_number(planned.segment_id)) item.segment_id = number;
  return item;
}

void Scheduler::give_up(const schedules::Occurrence& occurrence, Instant now) {
  // Taken only once every row is written: a busy database part-way makes the next tick try
  // again, and the rows already there are not written twice.
  const auto recorded =
      plays_.positions_recorded(store::OccurrenceKey::of_slot(occurrence.slot_id, occurrence.nominal_start));
  int missed = 0;
  for (std::size_t position = 0; position < occurrence.items.size(); ++position) {
    if (recorded.count(static_cast<int>(position)) != 0) continue;
    plays_.record_skipped(item_of(occurrence, position), store::PlayStatus::missed, store::play_reason::station_off,
                          now);
    ++missed;
  }
  handled_.insert({occurrence.slot_id, occurrence.nominal_start});
  if (missed == 0) return;  // it aired, or was logged, before
  log_.warn("schedule",
            recorded.empty()
                ? trf("{} should have started at {}; it is too late to air it: logged as missed", occurrence_text(occurrence),
                      store::utc_text(occurrence.start))
                : trf("{} was cut at {}; its {} remaining item(s) are too late to air: logged as missed",
                      occurrence_text(occurrence), store::utc_text(occurrence.start), missed));
}

Instant Scheduler::next_deadline() const {
  Instant deadline = next_replan_;
  auto earlier = [&](Instant t) { deadline = std::min(deadline, t); };
  if (!events_.empty()) earlier(events_.begin()->first);
  if (target_) {
    earlier(target_->start - options_.prime_lead);
    if (!amp_.is_on()) earlier(target_->start - options_.amp_lead);
  }
  if (!jobs_.empty()) earlier(next_progress_);
  if (amp_off_at_) earlier(*amp_off_at_);
  return deadline;
}

void Scheduler::on_time() {
  if (stopped_) return;
  const Instant now = station_.clock().now();
  handle_due(now);
  detect_clock_step(now);
  if (now >= next_replan_) replan(now);
  if (target_ && now >= target_->start - options_.prime_lead) prime(now);
  if (!jobs_.empty() && now >= next_progress_) write_progress(now);
  amplifier(now);
}

void Scheduler::on_event(const PlayerEvent& event) {
  if (stopped_) return;
  auto running = jobs_.find(event.job);
  if (running == jobs_.end()) return;
  const Instant at = utc_of(running->second, event.at);
  events_.emplace(at, Pending{at, event});
}

void Scheduler::handle_due(Instant now) {
  while (!events_.empty() && events_.begin()->first <= now) {
    handle(events_.begin()->second);  // if it throws (the database busy), it is retried
    events_.erase(events_.begin());
  }
}

SteadyTime Scheduler::steady_of(Instant at) const {
  // Both clocks read side by side, now, at full resolution: `now` as read at the top of a
  // tick is older by the re-plan and the freeze (SQLite, fsync), and rounded to the
  // millisecond; either would make the start that much late.
  const SteadyTime steady = steady_.now();
  const PreciseInstant wall = station_.clock().precise_now();
  return steady + std::chrono::duration_cast<audio::Pacer::Clock::duration>(at - wall);
}

Instant Scheduler::utc_of(const Running& running, SteadyTime at) const {
  return running.utc_start + std::chrono::round<std::chrono::milliseconds>(at - running.steady_start);
}

std::optional<Scheduler::OnAir> Scheduler::on_air() const {
  for (const auto& [job, running] : jobs_) {
    if (!running.open_item) continue;
    const store::PlayItem& item = running.items.at(*running.open_item);
    return OnAir{running.programme, item.title, item.segment_id, running.open_at};
  }
  return std::nullopt;
}

void Scheduler::replan(Instant now) {
  next_replan_ = now + options_.replan_every;
  // From max_wait back: an occurrence whose start passed unaired still airs that late.
  const auto occurrences = station::plan_window(station_, now - options_.max_wait, now + options_.horizon);
  target_.reset();
  for (const auto& occurrence : occurrences) {
    if (occurrence.status == schedules::OccurrenceStatus::dropped) continue;
    const Key key{occurrence.slot_id, occurrence.nominal_start};
    if (handled_.count(key) != 0) continue;
    if (occurrence.start + options_.max_wait < now) {
      give_up(occurrence, now);
      continue;
    }
    target_ = occurrence;
    break;
  }
  // Forget occurrences long past: the freeze keeps them from airing twice anyway.
  std::erase_if(handled_, [&](const Key& key) { return key.second + std::chrono::hours(72) < now; });
}

void Scheduler::prime(Instant now) {
  replan(now);  // the latest edits decide
  if (!target_ || now < target_->start - options_.prime_lead) return;
  const schedules::Occurrence occurrence = *target_;
  // The freeze is the claim; if it throws (the database busy) the target stays and the next
  // tick tries again.
  const bool fresh = station::freeze_occurrence(station_, occurrence);
  target_.reset();
  handled_.insert({occurrence.slot_id, occurrence.nominal_start});
  next_replan_ = now;  // find the next one at once
  // Started before (this run or an earlier one, cut by a crash): it goes on after the last
  // item with a row; an item is never aired twice.
  std::size_t first = 0;
  if (!fresh) {
    const auto recorded =
        plays_.positions_recorded(store::OccurrenceKey::of_slot(occurrence.slot_id, occurrence.nominal_start));
    first = recorded.empty() ? 0 : static_cast<std::size_t>(*recorded.rbegin()) + 1;
    if (first >= occurrence.items.size() || recorded.empty()) {
      log_.write("schedule", trf("{} has aired or started before; it is not aired again", occurrence_text(occurrence)));
      return;
    }
    log_.warn("schedule", trf("{} was cut; it goes on from item {}", occurrence_text(occurrence), first + 1));
  }

  Running running;
  running.label = occurrence_text(occurrence);
  running.programme = occurrence.programme_name;
  running.utc_start = occurrence.start;
  running.steady_start = steady_of(occurrence.start);
  auto job = std::make_unique<Job>();
  job->id = next_job_++;
  job->start = running.steady_start;

  for (std::size_t position = first; position < occurrence.items.size(); ++position) {
    const schedules::PlannedItem& planned = occurrence.items[position];
    store::PlayItem item = item_of(occurrence, position);
    const auto& number = item.segment_id;

    if (planned.skipped) {
      running.skipped.emplace_back(item, schedules::to_string(*planned.skipped));
      continue;
    }
    JobItem job_item;
    if (planned.kind == schedules::ItemKind::relay) {
      job_item.failure = kRelayUnsupported;
    } else {
      try {
        if (!number) throw station::StationError(station::StationError::Kind::no_such_segment);
        const station::Airing airing = station::prepare_airing(station_, *number);
        item.segment_sha256 = airing.segment.sha256;
        job_item.stream = streams_(airing.request, options_.format);
      } catch (const station::StationError&) {
        job_item.failure = kUnknownSegment;
      } catch (const audio::DecodeError& e) {
        job_item.failure = decode_reason(e.kind());
        log_.error("player",
                   trf("segment {} ({}) cannot be played: {}", planned.segment_id, planned.title, e.detail()));
      } catch (const std::exception& e) {
        // Frozen already: the occurrence airs with this item failed rather than not at all.
        job_item.failure = kNotPrepared;
        log_.error("player", trf("segment {} ({}) cannot be played: {}", planned.segment_id, planned.title, e.what()));
      }
    }
    running.items.push_back(std::move(item));
    job->items.push_back(std::move(job_item));
  }
  if (now > occurrence.start + std::chrono::seconds(1)) {
    log_.warn("schedule", trf("{}: starting {} s late", occurrence_text(occurrence),
                              std::chrono::duration_cast<std::chrono::seconds>(now - occurrence.start).count()));
  } else {
    log_.write("schedule", trf("{}: starting at {}", occurrence_text(occurrence), store::utc_text(occurrence.start)));
  }
  submit(std::move(running), std::move(job), now);
}

void Scheduler::submit(Running running, std::unique_ptr<Job> job, Instant now) {
  const std::uint64_t id = job->id;
  jobs_.emplace(id, std::move(running));
  next_progress_ = now + options_.progress_every;
  player_.submit(std::move(job));
}

Instant Scheduler::play_now(std::int64_t segment_id) {
  const Instant now = station_.clock().now();
  handle_due(now);
  if (!jobs_.empty()) {
    const Running& running = jobs_.begin()->second;
    throw ManualPlayRefused(ManualPlayRefused::Reason::on_air, running.programme,
                            fmt::format("{} is on air; stop it first", running.label));
  }
  const station::Airing airing = station::prepare_manual_airing(station_, segment_id);
  // A cold amplifier gets its lead, as before a programme; one that is on (or has no
  // switch) does not keep the operator waiting.
  const Instant start =
      now + (amp_.is_on() || !amp_.switched() ? options_.manual_lead : std::max(options_.manual_lead, options_.amp_lead));
  replan(now);  // the latest edits decide what comes next
  const auto length =
      std::chrono::milliseconds(std::max<std::int64_t>(0, airing.segment.trim_end_ms - airing.segment.trim_start_ms));
  if (target_ && start + length + options_.prime_lead > target_->start) {
    throw ManualPlayRefused(ManualPlayRefused::Reason::next_programme, target_->programme_name,
                            fmt::format("segment {} ({} s) would run into {}", segment_id,
                                        std::chrono::duration_cast<std::chrono::seconds>(length).count(),
                                        occurrence_text(*target_)));
  }

  store::PlayItem item;
  item.occurrence = store::OccurrenceKey::of_manual("play@" + store::utc_text(now));
  item.position = 0;
  item.segment_id = airing.segment.id;
  item.segment_sha256 = airing.segment.sha256;
  item.category = airing.segment.category;
  item.title = airing.segment.title;
  item.level = store::PlayLevel::normal;
  item.scheduled_start = start;

  auto job = std::make_unique<Job>();
  job->id = next_job_++;
  job->items.push_back({streams_(airing.request, options_.format), nullptr});  // a DecodeError refuses it here
  Running running;
  running.label = trf("manual play of segment {} ({})", segment_id, airing.segment.title);
  running.utc_start = start;
  running.steady_start = steady_of(start);
  running.items.push_back(std::move(item));
  job->start = running.steady_start;
  log_.write("schedule", trf("{}: starting at {}", running.label, store::utc_text(start)));
  amp_off_at_.reset();
  amp_.switch_on();
  submit(std::move(running), std::move(job), now);
  return start;
}

bool Scheduler::stop_on_air() {
  if (stopped_ || jobs_.empty()) return false;
  const Instant now = station_.clock().now();
  handle_due(now);
  const std::uint64_t underruns = player_.current_underruns();
  for (auto& [job, running] : jobs_) {
    const std::uint64_t frames = running.open_item ? frames_so_far(running, job, now) : 0;
    player_.cancel(job);
    cut(running, now, frames, underruns);
  }
  std::erase_if(events_, [&](const auto& entry) { return jobs_.count(entry.second.event.job) != 0; });
  jobs_.clear();
  last_end_ = now;
  next_replan_ = now;
  return true;
}

void Scheduler::cut(Running& running, Instant now, std::uint64_t frames, std::uint64_t underruns) {
  record_skipped(running);
  log_.write("schedule", running.open_item ? trf("{}: stopped while playing", running.label)
                                           : trf("{}: stopped before it started", running.label));
  std::size_t next = running.next_item;
  if (running.open_item) {
    plays_.finalise(running.open_play, store::PlayStatus::interrupted, kStopped, now, static_cast<std::int64_t>(frames),
                    static_cast<std::int64_t>(underruns));
    next = *running.open_item + 1;
    running.open_item.reset();
  }
  for (; next < running.items.size(); ++next) {
    plays_.record_skipped(running.items[next], store::PlayStatus::skipped, kStopped, now);
  }
  running.next_item = next;
}

void Scheduler::record_skipped(Running& running) {
  for (; running.skipped_recorded < running.skipped.size(); ++running.skipped_recorded) {
    const auto& [item, reason] = running.skipped[running.skipped_recorded];
    plays_.record_skipped(item, store::PlayStatus::skipped, reason, running.utc_start);
  }
}

void Scheduler::handle(const Pending& pending) {
  const PlayerEvent& event = pending.event;
  auto found = jobs_.find(event.job);
  if (found == jobs_.end()) return;
  Running& running = found->second;
  record_skipped(running);
  switch (event.kind) {
    case PlayerEvent::Kind::item_started:
      running.open_item = event.item;
      running.open_play = plays_.open_play(running.items.at(event.item), pending.at);
      running.open_frame = event.frame;
      running.open_at = pending.at;
      return;
    case PlayerEvent::Kind::item_ended: {
      running.next_item = event.item + 1;
      if (event.outcome == ItemOutcome::not_played) {
        plays_.record_skipped(running.items.at(event.item), store::PlayStatus::skipped,
                              event.reason ? event.reason : kStopped, pending.at);
        return;
      }
      std::int64_t id = 0;
      if (running.open_item == event.item) {
        id = running.open_play;
        running.open_item.reset();
      } else {
        id = plays_.open_play(running.items.at(event.item), pending.at);  // it never started: failed at its place
      }
      const store::PlayStatus status = event.outcome == ItemOutcome::completed     ? store::PlayStatus::completed
                                       : event.outcome == ItemOutcome::interrupted ? store::PlayStatus::interrupted
                                                                                   : store::PlayStatus::failed;
      plays_.finalise(id, status, event.reason ? event.reason : "", pending.at, static_cast<std::int64_t>(event.frames),
                      static_cast<std::int64_t>(event.underruns));
      if (event.underruns > 0) {
        log_.warn("player", trf("{} underrun(s) while playing {}", event.underruns, running.items[event.item].title));
      }
      if (status == store::PlayStatus::failed) {
        log_.error("player", trf("item {} of {} ({}) failed: {}", event.item + 1, running.label,
                                 running.items[event.item].title, event.reason ? event.reason : ""));
      }
      return;
    }
    case PlayerEvent::Kind::job_ended:
      log_.write("schedule", trf("{}: ended", running.label));
      last_end_ = pending.at;
      jobs_.erase(found);
      next_replan_ = std::min(next_replan_, pending.at);
      return;
  }
}

std::uint64_t Scheduler::frames_so_far(const Running& running, std::uint64_t job, Instant now) const {
  const std::uint64_t consumed = player_.frames_consumed();
  std::uint64_t frames = consumed > running.open_frame ? consumed - running.open_frame : 0;
  // Nor more than real time allows since the item started.
  const auto elapsed_ms = std::max<std::int64_t>(0, (now - running.open_at).count());
  frames = std::min<std::uint64_t>(
      frames, static_cast<std::uint64_t>(elapsed_ms) * static_cast<std::uint64_t>(options_.format.sample_rate) / 1000);
  // An output that runs ahead of real time (a file) has consumed frames not yet due: never
  // report more than the item has when its end is already known.
  for (const auto& [at, pending] : events_) {
    if (pending.event.job == job && pending.event.kind == PlayerEvent::Kind::item_ended &&
        running.open_item == pending.event.item) {
      frames = std::min<std::uint64_t>(frames, pending.event.frames);
    }
  }
  return frames;
}

void Scheduler::write_progress(Instant now) {
  next_progress_ = now + options_.progress_every;
  for (const auto& [job, running] : jobs_) {
    if (!running.open_item) continue;
    plays_.progress(running.open_play, static_cast<std::int64_t>(frames_so_far(running, job, now)),
                    static_cast<std::int64_t>(player_.current_underruns()), now);
  }
}

void Scheduler::amplifier(Instant now) {
  const bool busy = !jobs_.empty();
  const bool soon = target_ && now >= target_->start - options_.amp_lead;
  amp_off_at_.reset();
  if (busy || soon) {
    amp_.switch_on();
    return;
  }
  if (!amp_.is_on()) return;
  const Instant off = last_end_ ? *last_end_ + options_.amp_tail : now;
  if (now >= off) {
    amp_.switch_off();
  } else {
    amp_off_at_ = off;
  }
}

void Scheduler::shutdown() {
  if (stopped_) return;
  stopped_ = true;
  // The figures are read while the output is still open (a closed one may count from 0).
  const Instant now = station_.clock().now();
  std::map<std::uint64_t, std::uint64_t> frames;
  for (const auto& [job, running] : jobs_) {
    if (running.open_item) frames[job] = frames_so_far(running, job, now);
  }
  const std::uint64_t underruns = player_.current_underruns();
  player_.stop();
  for (auto& [job, running] : jobs_) cut(running, now, frames[job], underruns);
  jobs_.clear();
  events_.clear();
  amp_off_at_.reset();
  amp_.switch_off();
}

}  // namespace loaxa::daemon
