#include "daemon/scheduler.hpp"

#include "common/i18n.hpp"
#include "daemon/scheduler_detail.hpp"
#include "station/airing.hpp"
#include "station/error.hpp"
#include "station/timeline.hpp"
#include "store/utc_text.hpp"

#include <algorithm>

namespace loaxa::daemon {

using namespace scheduler_detail;

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
  // Both clocks read together, after the catch-up: read apart, a catch-up of seconds (a busy
  // disk) looked like a step of the wall clock.
  last_tick_ = {station_.clock().now(), steady_.now()};
  replan(now);
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
  item.level =
      occurrence.level == schedules::SlotLevel::priority ? store::PlayLevel::priority : store::PlayLevel::normal;
  item.scheduled_start = occurrence.start;
  if (const auto number = segment_number(planned.segment_id)) item.segment_id = number;
  return item;
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
  for (const auto& check : heard_checks_) earlier(check.due);
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
  check_heard(now);
  amplifier(now);
}

void Scheduler::on_event(const PlayerEvent& event) {
  if (stopped_) return;
  if (event.kind == PlayerEvent::Kind::device_lost || event.kind == PlayerEvent::Kind::device_back) {
    on_device(event);  // now, not at the instant it describes: status shows it at once
    return;
  }
  auto running = jobs_.find(event.job);
  if (running == jobs_.end()) return;
  // A job's events are handled in the order the player emitted them: an output that
  // re-anchors its timeline between two events (PortAudio after a skipped host cycle) may
  // date a later one a little earlier, and job_ended must never overtake its last item_ended.
  Instant at = utc_of(running->second, event.at);
  at = std::max(at, running->second.last_event_at);
  running->second.last_event_at = at;
  events_.emplace(at, Pending{at, event});  // equal keys keep their insertion order
}

void Scheduler::on_device(const PlayerEvent& event) {
  const Instant now = station_.clock().now();
  if (event.kind == PlayerEvent::Kind::device_lost) {
    if (device_trouble_) return;  // the same trouble, tried again
    device_trouble_ = DeviceTrouble{now, event.detail};
    log_.error("player", trf("the output failed: {}; it is tried again until it works", event.detail));
    return;
  }
  if (!device_trouble_) return;
  log_.write("player", trf("the output works again, after {} s",
                           std::chrono::duration_cast<std::chrono::seconds>(now - device_trouble_->since).count()));
  device_trouble_.reset();
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
    return OnAir{running.programme, item.title, item.segment_id, running.open_at, item.level};
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
    if (first >= occurrence.items.size()) {
      log_.write("schedule", trf("{} has aired before; it is not aired again", occurrence_text(occurrence)));
      return;
    }
    // Frozen without a row: primed, then a crash before its first frame was heard (a row is
    // opened the moment the frame is heard), so nothing of it aired: it airs now, late.
    log_.warn("schedule",
              recorded.empty()
                  ? trf("{} was primed but a crash came before it aired; it airs now", occurrence_text(occurrence))
                  : trf("{} was cut; it goes on from item {}", occurrence_text(occurrence), first + 1));
  }

  Running running;
  running.label = occurrence_text(occurrence);
  running.programme = occurrence.programme_name;
  running.utc_start = occurrence.start;
  running.steady_start = steady_of(occurrence.start);
  auto job = std::make_unique<Job>();
  job->id = next_job_++;
  job->start = running.steady_start;
  job->give_up_at = steady_of(occurrence.start + options_.max_wait);

  for (std::size_t position = first; position < occurrence.items.size(); ++position) {
    const schedules::PlannedItem& planned = occurrence.items[position];
    store::PlayItem item = item_of(occurrence, position);
    const auto& number = item.segment_id;

    if (planned.skipped) {
      running.skipped.emplace_back(item, schedules::to_string(*planned.skipped));
      continue;
    }
    JobItem job_item;
    ItemSource source;
    if (planned.kind == schedules::ItemKind::relay) {
      source.relay = RelayRequest{planned.title, std::chrono::milliseconds(planned.planned_ms)};
      job_item = relay_item(*source.relay);
    } else {
      try {
        if (!number) throw station::StationError(station::StationError::Kind::no_such_segment);
        const station::Airing airing = station::prepare_airing(station_, *number);
        item.segment_sha256 = airing.segment.sha256;
        job_item.stream = streams_(airing.request, options_.format);
        source.request = airing.request;
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
    source.failure = job_item.failure;
    running.items.push_back(std::move(item));
    running.sources.push_back(std::move(source));
    job->items.push_back(std::move(job_item));
  }
  running.resume_until = occurrence.end + options_.max_wait;
  // Segments the operator put first (`loaxa priority`) air at the start; the programme
  // follows them.
  std::chrono::milliseconds priority_length{0};
  if (auto priority = priority_job(occurrence, priority_length)) {
    running.utc_start += priority_length;
    running.steady_start = steady_of(running.utc_start);
    job->start = running.steady_start;
    job->give_up_at = steady_of(running.utc_start + options_.max_wait);
    submit(std::move(priority->first), std::move(priority->second), now);
  }
  if (now > occurrence.start + std::chrono::seconds(1)) {
    log_.warn("schedule", trf("{}: starting {} s late", occurrence_text(occurrence),
                              std::chrono::duration_cast<std::chrono::seconds>(now - occurrence.start).count()));
  } else {
    log_.write("schedule", trf("{}: starting at {}", occurrence_text(occurrence), store::utc_text(occurrence.start)));
  }
  submit(std::move(running), std::move(job), now);
}

JobItem Scheduler::relay_item(const RelayRequest& relay) {
  JobItem item;
  try {
    if (relays_) item.stream = relays_(relay, options_.format);
    if (!item.stream) {
      item.failure = kNoInput;
      log_.error("player", trf("relay {}: no input is named for it in loaxa.toml ([relay] {} = \"portaudio:DEVICE\")",
                               relay.source, relay.source));
    }
  } catch (const audio::InputError& e) {
    item.failure = kInputFailed;
    log_.error("player", trf("relay {}: the input {} cannot be opened: {}", relay.source, e.target(), e.detail()));
  } catch (const std::exception& e) {
    item.failure = kInputFailed;
    log_.error("player", trf("relay {}: the input cannot be opened: {}", relay.source, e.what()));
  }
  return item;
}

void Scheduler::submit(Running running, std::unique_ptr<Job> job, Instant now) {
  const std::uint64_t id = job->id;
  watch(running, *job);
  jobs_.emplace(id, std::move(running));
  next_progress_ = now + options_.progress_every;
  player_.submit(std::move(job));
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
      running.open_steady = event.at;
      return;
    case PlayerEvent::Kind::item_ended: {
      running.next_item = event.item + 1;
      if (event.outcome == ItemOutcome::not_played) {
        plays_.record_skipped(running.items.at(event.item), store::PlayStatus::skipped,
                              event.reason ? event.reason : kStopped, pending.at);
        return;
      }
      if (event.outcome == ItemOutcome::missed) {
        plays_.record_skipped(running.items.at(event.item), store::PlayStatus::missed,
                              event.reason ? event.reason : store::play_reason::device_lost, pending.at);
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
      if (event.frames > 0) queue_heard(running, event.item, id, pending.at, event.at);
      if (event.underruns > 0) {
        log_.warn("player", trf("{} underrun(s) while playing {}", event.underruns, running.items[event.item].title));
      }
      if (status == store::PlayStatus::failed) {
        log_.error("player", trf("item {} of {} ({}) failed: {}", event.item + 1, running.label,
                                 running.items[event.item].title, event.reason ? event.reason : ""));
      }
      return;
    }
    case PlayerEvent::Kind::device_lost:
    case PlayerEvent::Kind::device_back:
      return;  // on_device()
    case PlayerEvent::Kind::job_ended:
      if (event.outcome == ItemOutcome::missed) {
        log_.error("schedule", trf("{}: missed, the output did not open within max_wait_minutes", running.label));
      } else {
        log_.write("schedule", trf("{}: ended", running.label));
      }
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
  for (auto& [job, running] : jobs_) {
    if (!running.open_item) continue;
    drain_sent(running);
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
