// Bulletin levels on the scheduler (issue 12): `loaxa emergency` cuts what is on air and
// airs at once; `loaxa priority` puts a segment first in the next programme. See
// scheduler.hpp and docs/DAEMON.md, "Bulletin levels".
#include "common/i18n.hpp"
#include "daemon/scheduler.hpp"
#include "daemon/scheduler_detail.hpp"
#include "station/airing.hpp"
#include "store/utc_text.hpp"

namespace loaxa::daemon {

using namespace scheduler_detail;

Instant Scheduler::emergency(std::int64_t segment_id, int repeat, const std::string& asked_by,
                             std::optional<std::int64_t> mandate_id) {
  const Instant now = station_.clock().now();
  handle_due(now);
  repeat = std::max(repeat, 1);
  const station::Airing airing = station::prepare_airing(station_, segment_id);
  // The streams first: a file that cannot be played refuses the emergency before anything
  // on air is cut.
  auto job = std::make_unique<Job>();
  job->id = next_job_++;
  for (int i = 0; i < repeat; ++i) job->items.push_back({streams_(airing.request, options_.format), nullptr});

  const bool warm = amp_.is_on() || !amp_.switched();
  const Instant start = now + (warm ? options_.emergency_lead : std::max(options_.emergency_lead, options_.amp_lead));
  const Instant end = start + playable_length(airing.segment) * repeat;
  std::vector<Running> resumed = preempt(now, end);

  Running running;
  running.label = trf("emergency: segment {} ({}), asked by {}", segment_id, airing.segment.title,
                      asked_by.empty() ? tr("unknown") : asked_by);
  running.utc_start = start;
  running.steady_start = steady_of(start);
  const std::string key = manual_key("emergency", now, asked_by);
  for (int i = 0; i < repeat; ++i) {
    store::PlayItem item;
    item.occurrence = store::OccurrenceKey::of_manual(key);
    item.position = i;
    item.segment_id = airing.segment.id;
    item.segment_sha256 = airing.segment.sha256;
    item.category = airing.segment.category;
    item.title = airing.segment.title;
    item.level = store::PlayLevel::emergency;
    item.scheduled_start = start;
    item.mandate_id = mandate_id;
    running.items.push_back(std::move(item));
    running.sources.push_back({airing.request, nullptr});
  }
  job->start = running.steady_start;
  // An alarm waits for a lost output as long as a programme would.
  job->give_up_at = steady_of(start + options_.max_wait);
  log_.warn("schedule", trf("{}: {} time(s), on air at {}", running.label, repeat, store::utc_text(start)));
  amp_off_at_.reset();
  amp_.switch_on();
  const SteadyTime steady_start = running.steady_start;
  submit(std::move(running), std::move(job), now);

  // The programmes cut (or waiting) follow the emergency, back to back: a start that has
  // passed plays as soon as the player reaches it.
  for (Running& rest : resumed) {
    if (rest.utc_start < start) {
      rest.utc_start = start;
      rest.steady_start = steady_start;
    }
    auto again = job_of(rest);
    again->give_up_at = steady_of(std::max(rest.utc_start, end) + options_.max_wait);
    log_.write("schedule",
               trf("{}: goes on after the emergency from item {}", rest.label, rest.items.front().position + 1));
    submit(std::move(rest), std::move(again), now);
  }
  return start;
}

std::vector<Scheduler::Running> Scheduler::preempt(Instant now, Instant emergency_end) {
  std::vector<Running> resumed;
  // The figures are read while the output still plays the job being cut.
  const std::uint64_t underruns = player_.current_underruns();
  std::map<std::uint64_t, std::uint64_t> frames;
  for (const auto& [job, running] : jobs_) {
    if (running.open_item) frames[job] = frames_so_far(running, job, now);
  }
  for (auto& [job, running] : jobs_) {
    player_.cancel(job);
    record_skipped(running);
    std::size_t next = running.next_item;
    if (running.open_item) {
      plays_.finalise(running.open_play, store::PlayStatus::interrupted, store::play_reason::preempted, now,
                      static_cast<std::int64_t>(frames[job]), static_cast<std::int64_t>(underruns));
      log_.warn("schedule", trf("{}: cut by an emergency", running.label));
      next = *running.open_item + 1;
      running.open_item.reset();
    }
    if (next >= running.items.size()) continue;
    if (!running.resume_until || emergency_end > *running.resume_until) {
      for (std::size_t i = next; i < running.items.size(); ++i) {
        plays_.record_skipped(running.items[i], store::PlayStatus::skipped, store::play_reason::preempted, now);
      }
      continue;
    }
    Running rest;
    rest.label = running.label;
    rest.programme = running.programme;
    rest.utc_start = running.utc_start;
    rest.steady_start = running.steady_start;
    rest.resume_until = running.resume_until;
    rest.items.assign(running.items.begin() + static_cast<std::ptrdiff_t>(next), running.items.end());
    rest.sources.assign(running.sources.begin() + static_cast<std::ptrdiff_t>(next), running.sources.end());
    resumed.push_back(std::move(rest));
  }
  std::erase_if(events_, [&](const auto& entry) { return jobs_.count(entry.second.event.job) != 0; });
  jobs_.clear();
  return resumed;
}

std::unique_ptr<Job> Scheduler::job_of(const Running& running) {
  auto job = std::make_unique<Job>();
  job->id = next_job_++;
  job->start = running.steady_start;
  job->give_up_at = running.steady_start;
  for (const ItemSource& source : running.sources) {
    JobItem item;
    item.failure = source.failure;
    if (source.relay) {
      item = relay_item(*source.relay);
    } else if (source.request) {
      try {
        item.stream = streams_(*source.request, options_.format);
      } catch (const audio::DecodeError& e) {
        item.failure = decode_reason(e.kind());
        log_.error("player", trf("{} cannot be played again: {}", source.request->file.string(), e.detail()));
      } catch (const std::exception& e) {
        item.failure = kNotPrepared;
        log_.error("player", trf("{} cannot be played again: {}", source.request->file.string(), e.what()));
      }
    }
    job->items.push_back(std::move(item));
  }
  return job;
}

void Scheduler::prioritise(std::int64_t segment_id, const std::string& asked_by) {
  // The rules of `loaxa play`: approved, valid today.
  const station::Airing airing = station::prepare_manual_airing(station_, segment_id);
  priority_.push_back({airing.segment.id, airing.segment.title, asked_by});
  log_.write("schedule", trf("segment {} ({}) goes first in the next programme, asked by {}", segment_id,
                             airing.segment.title, asked_by.empty() ? tr("unknown") : asked_by));
}

std::vector<std::string> Scheduler::priority_waiting() const {
  std::vector<std::string> titles;
  for (const auto& request : priority_) titles.push_back(request.title);
  return titles;
}

std::optional<std::pair<Scheduler::Running, std::unique_ptr<Job>>> Scheduler::priority_job(
    const schedules::Occurrence& occurrence, std::chrono::milliseconds& length) {
  length = std::chrono::milliseconds(0);
  if (priority_.empty()) return std::nullopt;
  auto requests = std::move(priority_);
  priority_.clear();
  Running running;
  running.label = trf("segments put first in {}", occurrence_text(occurrence));
  running.programme = occurrence.programme_name;
  running.utc_start = occurrence.start;
  running.steady_start = steady_of(occurrence.start);
  auto job = std::make_unique<Job>();
  job->id = next_job_++;
  job->start = running.steady_start;
  job->give_up_at = steady_of(occurrence.start + options_.max_wait);
  int position = 0;
  for (const PriorityRequest& request : requests) {
    try {
      const station::Airing airing = station::prepare_airing(station_, request.segment_id);
      JobItem job_item{streams_(airing.request, options_.format), nullptr};
      store::PlayItem item;
      item.occurrence = store::OccurrenceKey::of_manual(manual_key("priority", occurrence.start, request.asked_by) +
                                                        " #" + std::to_string(position));
      item.programme_id = occurrence.programme_id;
      item.programme_name = occurrence.programme_name;
      item.position = 0;
      item.segment_id = airing.segment.id;
      item.segment_sha256 = airing.segment.sha256;
      item.category = airing.segment.category;
      item.title = airing.segment.title;
      item.level = store::PlayLevel::priority;
      item.scheduled_start = occurrence.start + length;
      length += playable_length(airing.segment);
      running.items.push_back(std::move(item));
      running.sources.push_back({airing.request, nullptr});
      job->items.push_back(std::move(job_item));
      ++position;
    } catch (const std::exception& e) {
      // Removed or unreadable since it was asked for: the programme airs without it.
      log_.error("schedule",
                 trf("segment {} ({}) put first cannot be played: {}", request.segment_id, request.title, e.what()));
    }
  }
  if (job->items.empty()) return std::nullopt;
  log_.write("schedule", trf("{}: {} segment(s) first", occurrence_text(occurrence), job->items.size()));
  return std::make_pair(std::move(running), std::move(job));
}

}  // namespace loaxa::daemon
