// The operator's hand on the scheduler: `loaxa play` (a manual airing) and `loaxa stop`
// (what is on air ends where it is); see scheduler.hpp.
#include "daemon/scheduler.hpp"

#include "common/i18n.hpp"
#include "daemon/scheduler_detail.hpp"
#include "station/airing.hpp"
#include "station/timeline.hpp"
#include "store/utc_text.hpp"

namespace loaxa::daemon {

using namespace scheduler_detail;

namespace {

// How long a manual airing waits for an output in trouble before it is reported missed.
constexpr auto kManualDeviceWait = std::chrono::seconds(10);

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
  const Instant start = now + (amp_.is_on() || !amp_.switched() ? options_.manual_lead
                                                                : std::max(options_.manual_lead, options_.amp_lead));
  replan(now);  // the latest edits decide what comes next
  const auto length = playable_length(airing.segment);
  if (target_ && start + length + options_.prime_lead > target_->start) {
    throw ManualPlayRefused(
        ManualPlayRefused::Reason::next_programme, target_->programme_name,
        fmt::format("segment {} ({} s) would run into {}", segment_id,
                    std::chrono::duration_cast<std::chrono::seconds>(length).count(), occurrence_text(*target_)));
  }

  store::PlayItem item;
  item.occurrence = store::OccurrenceKey::of_manual(manual_key("play", now));
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
  running.sources.push_back({airing.request, nullptr});
  job->start = running.steady_start;
  // The operator is waiting at the console: a device that is not back within seconds is
  // reported (missed device_lost) rather than aired minutes later by surprise.
  job->give_up_at = job->start + kManualDeviceWait;
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

}  // namespace loaxa::daemon
