// Proof it was heard (docs/DAEMON.md): the scheduler's part. The player fills each item's
// envelope as it writes it; the event loop drains it on every progress tick (the envelope's
// ring holds 40 s) and at the item's end, then waits until the monitor has caught up (its
// largest delay) before comparing the two and storing heard_pct on the play's row.

#include "common/i18n.hpp"
#include "daemon/scheduler.hpp"
#include "daemon/scheduler_detail.hpp"
#include "proof/heard_matcher.hpp"

namespace loaxa::daemon {

using namespace scheduler_detail;

namespace {

constexpr int kEnvelopeRing = 4096;  // blocks: 41 s between two drains at most
const proof::HeardOptions kHeardOptions{};
// The monitor's capture is read every 20 ms; its levels are complete a little after.
constexpr auto kMonitorSettles = std::chrono::milliseconds(300);

}  // namespace

void Scheduler::watch(Running& running, Job& job) {
  if (monitor_ == nullptr) return;
  running.open_sent.clear();  // a programme made again after an emergency starts afresh
  running.sent.assign(job.items.size(), nullptr);
  for (std::size_t i = 0; i < job.items.size(); ++i) {
    if (!job.items[i].stream) continue;
    job.items[i].sent = std::make_shared<proof::EnvelopeFollower>(options_.format.channels, options_.format.sample_rate,
                                                                  kHeardOptions.block_ms, kEnvelopeRing);
    running.sent[i] = job.items[i].sent;
  }
}

void Scheduler::drain_sent(Running& running) {
  if (!running.open_item || *running.open_item >= running.sent.size()) return;
  if (const auto& sent = running.sent[*running.open_item]) sent->drain(running.open_sent);
}

void Scheduler::queue_heard(Running& running, std::size_t item, std::int64_t play, Instant ended, SteadyTime end) {
  if (monitor_ == nullptr || item >= running.sent.size() || !running.sent[item]) return;
  running.sent[item]->drain(running.open_sent);
  running.sent[item].reset();
  HeardCheck check;
  check.due = ended + std::chrono::milliseconds(kHeardOptions.max_delay_ms) + kMonitorSettles;
  check.play = play;
  check.title = running.items[item].title;
  check.ended = ended;
  check.sent = std::move(running.open_sent);
  check.start = running.open_steady;
  check.end = end;
  running.open_sent.clear();
  heard_checks_.push_back(std::move(check));
}

void Scheduler::check_heard(Instant now) {
  for (auto it = heard_checks_.begin(); it != heard_checks_.end();) {
    if (now < it->due) {
      ++it;
      continue;
    }
    const HeardCheck check = std::move(*it);
    it = heard_checks_.erase(it);
    const auto monitored =
        monitor_->levels(check.start, check.end + std::chrono::milliseconds(kHeardOptions.max_delay_ms));
    const proof::Heard heard = proof::match(check.sent, monitored, kHeardOptions);
    if (heard.nothing_sent) continue;  // nothing to hear: no heard_pct
    plays_.set_heard(check.play, store::Heard{heard.heard_pct, heard.delay_ms});
    if (heard.heard_pct >= kHeardEnough) continue;
    last_unheard_ = Unheard{check.ended, check.title, heard.heard_pct, heard.monitor_silent};
    if (heard.monitor_silent) {
      const auto trouble = monitor_->trouble();
      log_.error("monitor", trf("{}: the monitor line ({}) was silent: the loudspeakers may not have carried it{}",
                                check.title, monitor_->target(), trouble ? " (" + *trouble + ")" : std::string()));
    } else {
      log_.warn("monitor", trf("{}: the monitor line carried only {} of it", check.title,
                                   fmt::format("{:.0f}%", heard.heard_pct)));
    }
  }
}

}  // namespace loaxa::daemon
