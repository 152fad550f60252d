// The scheduler's misfires: occurrences whose start passed unaired (a restart, a step of
// the wall clock) are found and logged missed; see scheduler.hpp.
#include "daemon/scheduler.hpp"

#include "common/i18n.hpp"
#include "daemon/scheduler_detail.hpp"
#include "station/timeline.hpp"
#include "store/utc_text.hpp"

namespace loaxa::daemon {

using namespace scheduler_detail;

void Scheduler::detect_clock_step(Instant now) {
  const SteadyTime steady = steady_.now();
  if (last_tick_) {
    const auto wall_moved = now - last_tick_->first;
    const auto steady_moved = std::chrono::duration_cast<std::chrono::milliseconds>(steady - last_tick_->second);
    const auto step = wall_moved - steady_moved;
    if (step > options_.clock_step || step < -options_.clock_step) {
      log_.warn("daemon", trf("the clock moved by {} s (from {} to {}); the schedule is planned again",
                              // To the nearest second: the two clocks are read a moment apart, so
                              // a 41 min step measures 2459.999 s, which truncating says wrongly.
                              std::chrono::round<std::chrono::seconds>(step).count(),
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
  log_.warn("schedule", recorded.empty()
                            ? trf("{} should have started at {}; it is too late to air it: logged as missed",
                                  occurrence_text(occurrence), store::utc_text(occurrence.start))
                            : trf("{} was cut at {}; its {} remaining item(s) are too late to air: logged as missed",
                                  occurrence_text(occurrence), store::utc_text(occurrence.start), missed));
}

}  // namespace loaxa::daemon
